import type { Doc } from "./alam.js";

/**
 * `<alam-highlight>`: marks the entities of its own content in place.
 * Attributes: `labels` (space-separated), `reference-date` (YYYY-MM-DD),
 * `tooltips` ("off" for none), `src` (URL of `alam_lite_bg.wasm`, with
 * `gazetteer.tsv` and `model.bin` beside it; or of `alam_bg.wasm`).
 * While it shows early marks (rules, then the gazetteer) it has
 * `aria-busy="true"`; `doc` and the `alam-entities` event carry the complete result.
 */
export class AlamHighlight extends HTMLElement {
  /** The last complete result (entity offsets in the element's text), or null before the first one. */
  readonly doc: Doc | null;
}

/** Detail of the `alam-error` event. */
export interface AlamErrorDetail {
  message: string;
}

declare global {
  interface HTMLElementTagNameMap {
    "alam-highlight": AlamHighlight;
  }
  interface HTMLElementEventMap {
    "alam-entities": CustomEvent<Doc>;
    "alam-error": CustomEvent<AlamErrorDetail>;
  }
}
