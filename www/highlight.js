// highlight(element, options): mark the entities of an element's text in
// place, without touching the page's own markup (links, bold, paragraphs).
//
//   // No bundler, the files of www/pkg/ served beside the page:
//   import init, { extract } from "./pkg/alam.js";
//   await init();
//   // Or from npm (bundlers and Node): initialised on import, no init() to call:
//   //   import { extract } from "alam-ner";
//   import { highlight, unhighlight } from "./highlight.js";   // npm: "alam-ner/highlight"
//   const h = highlight(document.querySelector("article"), { extract, labels: ["PER", "LOC"] });
//   h.unhighlight();   // the original nodes come back, exactly
//
// The element's text nodes are read in document order into one string (a
// line break stands between block elements so names never run across
// paragraphs); entities are found in that string and each one is wrapped in
// one <mark> per text node it covers. Original text nodes are kept aside and
// put back by unhighlight, so the DOM (and anything holding its nodes) is
// restored as it was. textOf(element) gives that string without marking, so
// the analysis can run elsewhere (a worker) and its result be applied with
// highlight(element, { extract: () => doc }) while the text is unchanged.

/** Elements whose text is never analysed or wrapped. */
const SKIP = new Set([
  "SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "INPUT", "SELECT",
  "OPTION", "BUTTON", "SVG", "MATH", "IFRAME", "OBJECT", "CANVAS", "VIDEO", "AUDIO",
]);

/** Elements that separate text into blocks (a "\n" goes between them). */
const BLOCK = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "BR", "DD", "DETAILS", "DIV", "DL",
  "DT", "FIELDSET", "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3",
  "H4", "H5", "H6", "HEADER", "HR", "LI", "MAIN", "NAV", "OL", "P", "PRE",
  "SECTION", "SUMMARY", "TABLE", "TD", "TH", "TR", "UL", "CAPTION",
]);

const state = new WeakMap();

/**
 * Wrap the entities found in `element`'s text in `<mark>` elements.
 *
 * Options:
 * - `extract` (required): the binding's `extract` function (or `extractor.extract.bind(extractor)`).
 * - `labels`: array of labels to mark (default: all).
 * - `classPrefix`: prefix of the classes put on marks (default `"alam-"`):
 *   `alam-mark`, `alam-LOC`, and `alam-first` / `alam-last` on the first and
 *   last piece of an entity split across nodes.
 * - `extractOptions`: passed to `extract` (e.g. `{ referenceDate: "2024-10-15" }`).
 * - `title`: put a tooltip (label, English name, id, value) on marks (default true).
 * - `filter`: a function of a text node; nodes for which it returns false are
 *   neither analysed nor marked (default: every text node outside SKIP elements).
 * - `focusable`: make marks reachable by keyboard (tabindex 0) and describe
 *   them to assistive technology (aria-description) with the tooltip's text.
 *
 * Highlighting an element again first undoes the previous highlight.
 * Returns `{ doc, text, marks, unhighlight }`.
 */
export function highlight(element, options = {}) {
  if (!element || element.nodeType !== 1) {
    throw new TypeError("highlight: the first argument must be a DOM element");
  }
  const opts = options ?? {};
  const { extract, labels, extractOptions } = opts;
  const prefix = opts.classPrefix ?? "alam-";
  if (typeof extract !== "function") {
    throw new TypeError("highlight: options.extract must be the binding's extract function");
  }
  if (typeof prefix !== "string" || !/^[A-Za-z_-][\w-]*$/.test(prefix)) {
    throw new TypeError("highlight: options.classPrefix must be a CSS class name prefix");
  }
  if (labels != null && !Array.isArray(labels)) {
    throw new TypeError("highlight: options.labels must be an array of labels");
  }
  if (opts.filter != null && typeof opts.filter !== "function") {
    throw new TypeError("highlight: options.filter must be a function of a text node");
  }
  unhighlight(element);

  const { text, pieces } = collect(element, opts.filter);
  const doc = extract(text, extractOptions);
  const want = labels ? new Set(labels) : null;
  const ents = doc.entities.filter((e) => !want || want.has(e.label));
  const doc_ = element.ownerDocument;
  const records = [];
  let marks = 0;
  let k = 0;
  for (const { node, start } of pieces) {
    const data = node.data;
    const end = start + data.length;
    while (k < ents.length && ents[k].end <= start) k++;
    let pos = start;
    let nodes = null;
    for (let j = k; j < ents.length && ents[j].start < end; j++) {
      const e = ents[j];
      const s = Math.max(e.start, start);
      const t = Math.min(e.end, end);
      if (t <= s) continue;
      nodes ??= [];
      if (s > pos) nodes.push(doc_.createTextNode(data.slice(pos - start, s - start)));
      const m = doc_.createElement("mark");
      m.className = `${prefix}mark ${prefix}${e.label}`;
      if (e.start >= start) m.classList.add(`${prefix}first`);
      if (e.end <= end) m.classList.add(`${prefix}last`);
      m.dataset.label = e.label;
      if (opts.title !== false) m.title = describe(e);
      if (opts.focusable) {
        m.tabIndex = 0;
        m.setAttribute("aria-description", describe(e));
      }
      m.textContent = data.slice(s - start, t - start);
      nodes.push(m);
      marks++;
      pos = t;
    }
    if (!nodes) continue;
    if (pos < end) nodes.push(doc_.createTextNode(data.slice(pos - start)));
    const frag = doc_.createDocumentFragment();
    frag.append(...nodes);
    node.parentNode.replaceChild(frag, node);
    records.push({ original: node, nodes });
  }
  state.set(element, records);
  return { doc, text, marks, unhighlight: () => unhighlight(element) };
}

/**
 * Undo `highlight` on `element`: the original text nodes go back in place of
 * the marks. Returns false when the element was not highlighted.
 */
export function unhighlight(element) {
  const records = state.get(element);
  if (!records) return false;
  state.delete(element);
  for (const { original, nodes } of records) {
    const first = nodes[0];
    const parent = first.parentNode;
    if (!parent) continue; // the page removed this part meanwhile
    parent.insertBefore(original, first);
    for (const n of nodes) n.remove();
  }
  return true;
}

/**
 * The string `highlight(element, options)` analyses: the text nodes in
 * document order, "\n" between blocks. Marks do not change it, so it is the
 * same before and after highlighting.
 */
export function textOf(element, options = {}) {
  if (!element || element.nodeType !== 1) {
    throw new TypeError("textOf: the first argument must be a DOM element");
  }
  return collect(element, options?.filter).text;
}

/** The element's text in document order, and where each text node starts in it. */
function collect(root, filter) {
  const pieces = [];
  let text = "";
  let pendingBreak = false;
  const walk = (el) => {
    for (let n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        if (!n.data || (filter && !filter(n))) continue;
        if (pendingBreak && text && !text.endsWith("\n")) text += "\n";
        pendingBreak = false;
        pieces.push({ node: n, start: text.length });
        text += n.data;
      } else if (n.nodeType === 1 && !SKIP.has(n.nodeName.toUpperCase())) {
        const block = BLOCK.has(n.nodeName.toUpperCase());
        if (block) pendingBreak = true;
        walk(n);
        if (block) pendingBreak = true;
      }
    }
  };
  walk(root);
  return { text, pieces };
}

function describe(e) {
  const parts = [e.label];
  if (e.name_en) parts.push(e.name_en);
  if (e.id) parts.push(e.id);
  if (e.value !== undefined) parts.push(String(e.value));
  return parts.join(" · ");
}
