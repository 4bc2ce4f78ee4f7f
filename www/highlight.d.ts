import type { Doc, Label, Options } from "./alam.js";

export interface HighlightOptions {
  /** The binding's `extract` (or `extractor.extract.bind(extractor)`). */
  extract: (text: string, options?: Options | null) => Doc;
  /** Labels to mark; default all. */
  labels?: Label[];
  /** Class prefix of marks: `${prefix}mark`, `${prefix}LOC`, `${prefix}first`, `${prefix}last`. Default "alam-". */
  classPrefix?: string;
  /** Passed to `extract`. */
  extractOptions?: Options;
  /** Tooltip (title attribute) with label, English name, id and value. Default true. */
  title?: boolean;
  /** Text nodes for which this returns false are neither analysed nor marked. */
  filter?: (node: Text) => boolean;
  /** Marks reachable by keyboard (tabindex 0), described by `aria-description`. Default false. */
  focusable?: boolean;
}

export interface Highlight {
  /** What `extract` returned for `text`. */
  doc: Doc;
  /** The element's text as analysed (text nodes in order, "\n" between blocks). */
  text: string;
  /** Number of mark elements inserted (an entity across two nodes counts twice). */
  marks: number;
  /** Restore the element's original nodes. */
  unhighlight(): boolean;
}

/** Wrap the entities of `element`'s text in `<mark data-label>` elements, keeping the page's markup. */
export function highlight(element: Element, options: HighlightOptions): Highlight;

/** The string `highlight` analyses (text nodes in order, "\n" between blocks); marks do not change it. */
export function textOf(element: Element, options?: Pick<HighlightOptions, "filter">): string;

/** Put back the original text nodes; false when `element` was not highlighted. */
export function unhighlight(element: Element): boolean;
