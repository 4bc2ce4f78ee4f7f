// <alam-highlight>: entity highlighting with no code of your own.
//
//   <script type="module" src="/alam/alam-element.js"></script>
//   <alam-highlight labels="PER LOC ORG DATE">…any HTML…</alam-highlight>
//
// The element reads its own text (highlight.js's textOf), has it analysed in
// a Web Worker, and marks the entities in place with highlight(), keeping the
// page's markup. It follows changes to its content (a MutationObserver,
// debounced). Every element of a page shares one worker, so the .wasm is
// fetched and compiled once however many elements there are.
//
// Marks come in three steps: the worker loads the code alone
// (alam_lite_bg.wasm, a fifth of the download) and marks dates, numbers,
// countries and nationalities at once; then the gazetteer's places and names;
// then the trained tagger's entities once model.bin is in. Until then the
// element has aria-busy="true"; the doc property and the alam-entities event
// carry only the complete result. If gazetteer.tsv or model.bin cannot be
// loaded, alam-error says so once and the element goes on with what it has.
//
// Attributes: labels (space-separated, default all), reference-date
// (YYYY-MM-DD, for relative dates), tooltips ("off" to leave marks without
// title and keyboard focus), src (URL of alam_lite_bg.wasm when the page
// serves it elsewhere on its origin, with gazetteer.tsv and model.bin beside
// it; or of alam_bg.wasm, which embeds them: one download, no early marks.
// The first element to start the worker decides).
// Property `doc`: the last result ({ entities, quotes }, entity offsets in
// textOf(element)). Event `alam-entities` (bubbles), detail = that result;
// `alam-error` when the analysis fails, detail = { message }.
//
// Styles: highlight.css, adopted by the document inside the cascade layer
// "alam", so any rule of the page wins over it without !important: set
// --alam-LOC etc. on the page, or style mark.alam-LOC directly. No inline
// script or style is used, so a CSP with script-src 'self' 'wasm-unsafe-eval'
// and style-src 'self' is enough.
//
// This file sits beside highlight.js, alam-element-worker.js, alam_lite.js,
// alam_lite_bg.wasm, gazetteer.tsv and model.bin (www/pkg/ and the npm
// package both have that layout).

// highlight.js and the default styles are imported when the first element
// connects, after it has started the worker and the .wasm download: as static
// imports they would delay the element, and so that download, by a round trip.
let helpers = null;
function loadHelpers() {
  helpers ??= Promise.all([import("./highlight.js"), import("./alam-element-css.js")]).then(
    ([h, c]) => ({ highlight: h.highlight, textOf: h.textOf, css: c.default }),
    (e) => Promise.reject(new Error(`alam-highlight: cannot load highlight.js: ${e?.message ?? e}`)),
  );
  return helpers;
}

const TAG = "alam-highlight";
const DEBOUNCE_MS = 150;

// One worker per page, made by the first element that needs it.
let worker = null;
let failure = null;
let nextId = 1;
const pending = new Map();
// Connected elements, asked to analyse again when the worker has more data.
const live = new Set();
const REFRESH = Symbol("refresh");
const FAILED = Symbol("failed");

function startWorker(src) {
  if (worker) return worker;
  worker = new Worker(new URL("./alam-element-worker.js", import.meta.url), { type: "module" });
  worker.onmessage = ({ data }) => {
    if (data.type === "fatal") return fail(new Error(data.message));
    if (data.type === "stage") {
      // "failed": the data could not be loaded; analysis goes on without it.
      const warning = data.message ? new Error(data.message) : null;
      for (const el of live) {
        if (warning) el[FAILED](warning);
        el[REFRESH]();
      }
      return;
    }
    const p = pending.get(data.id);
    if (!p) return;
    pending.delete(data.id);
    if (data.type === "result") p.resolve({ doc: data.doc, final: data.final });
    else p.reject(new Error(data.message));
  };
  worker.onerror = (e) => {
    e.preventDefault?.();
    fail(new Error(`alam-highlight: the worker failed to start (${e.message || "see the network panel"})`));
  };
  // The .wasm download starts here, now, rather than after the worker has
  // loaded its modules (two or three round trips later): its body streams to
  // the worker, which compiles it as it arrives. Browsers that cannot
  // transfer a stream let the worker fetch it.
  const url = src ?? new URL("./alam_lite_bg.wasm", import.meta.url).href;
  // The data files the first module loads next: beside the module named by
  // src, else beside this file (written out so that bundlers emit them).
  const data = src
    ? { gazetteer: new URL("gazetteer.tsv", src).href, model: new URL("model.bin", src).href }
    : { gazetteer: new URL("./gazetteer.tsv", import.meta.url).href, model: new URL("./model.bin", import.meta.url).href };
  try {
    const { readable, writable } = new TransformStream();
    worker.postMessage({ type: "init", src: url, data, stream: readable }, [readable]);
    const broken = (why) => {
      fail(new Error(`alam-highlight: cannot load the WebAssembly module: ${why}`));
      writable.abort(why).catch(() => {});
    };
    fetch(url, { credentials: "same-origin" }).then(
      (res) => (res.ok ? res.body.pipeTo(writable).catch(() => {}) : broken(`HTTP ${res.status} for ${url}`)),
      (e) => broken(`${e.message} for ${url}`),
    );
  } catch {
    worker.postMessage({ type: "init", src: url, data });
  }
  return worker;
}

/** The first failure is the one reported, to every waiting and later call. */
function fail(error) {
  failure ??= error;
  for (const p of pending.values()) p.reject(failure);
  pending.clear();
  // Elements showing early marks are told too (they have no request pending).
  for (const el of live) el[FAILED](failure);
}

function analyse(text, options, src) {
  if (failure) return Promise.reject(failure);
  const w = startWorker(src);
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ type: "extract", id, text, options });
  });
}

// The default look, once per document, in a cascade layer the page overrides.
const adopted = new WeakSet();
function adoptStyles(doc, css) {
  if (adopted.has(doc) || !doc.adoptedStyleSheets) return;
  adopted.add(doc);
  const sheet = new (doc.defaultView ?? window).CSSStyleSheet();
  sheet.replaceSync(`@layer alam {\n${css}\n${FOCUS_CSS}\n}`);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}

// Keyboard focus: an outline (no layout shift) and the tooltip's text shown
// below the mark, out of the flow (above would be cut off on a first line).
const FOCUS_CSS = `
alam-highlight { display: block; }
alam-highlight mark.alam-mark[tabindex] { position: relative; }
alam-highlight mark.alam-mark[tabindex]:focus-visible { outline: 2px solid currentColor; outline-offset: 1px; }
alam-highlight mark.alam-mark[tabindex]:focus-visible::before {
  content: attr(title);
  position: absolute; inset-block-start: calc(100% + 0.35em); inset-inline-start: 0;
  z-index: 1; white-space: nowrap; pointer-events: none;
  font: 500 0.8rem/1.3 system-ui, sans-serif; direction: ltr; unicode-bidi: isolate;
  padding: 0.2em 0.45em; border-radius: 0.3em;
  color: Canvas; background: CanvasText;
}`;

const labelsOf = (s) => (s ?? "").split(/[\s,]+/).filter(Boolean);

export class AlamHighlight extends HTMLElement {
  static observedAttributes = ["labels", "reference-date", "tooltips", "src"];

  #observer = null;
  #timer = 0;
  #run = 0;
  #doc = null;
  #reported = null;

  /** The last result ({ entities, quotes }), or null before the first one. */
  get doc() {
    return this.#doc;
  }

  connectedCallback() {
    live.add(this);
    if (!failure) startWorker(this.#src());
    this.#observer ??= new MutationObserver(() => this.#schedule());
    this.#observer.observe(this, { childList: true, subtree: true, characterData: true });
    this.#update();
  }

  disconnectedCallback() {
    live.delete(this);
    this.#observer?.disconnect();
    clearTimeout(this.#timer);
    this.#run++;
  }

  attributeChangedCallback(_name, old, value) {
    if (old !== value && this.isConnected) this.#schedule();
  }

  /** The worker failed (or its data did): say so once, and stop saying busy (the marks stay). */
  [FAILED](error) {
    if (this.#reported === error) return;
    this.#reported = error;
    this.removeAttribute("aria-busy");
    this.dispatchEvent(new CustomEvent("alam-error", { bubbles: true, detail: { message: error.message } }));
  }

  /** Analyse again now (the worker has loaded more of its data). */
  [REFRESH]() {
    if (this.isConnected) this.#update();
  }

  #schedule() {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#update(), DEBOUNCE_MS);
  }

  /** The src attribute as an absolute URL, or null. */
  #src() {
    const src = this.getAttribute("src");
    return src ? new URL(src, this.baseURI).href : null;
  }

  async #update() {
    const run = ++this.#run;
    let doc, final, text, h;
    try {
      h = await loadHelpers();
      if (run !== this.#run) return;
      adoptStyles(this.ownerDocument, h.css);
      text = h.textOf(this);
      const ref = this.getAttribute("reference-date");
      const options = ref ? { referenceDate: ref } : undefined;
      ({ doc, final } = await analyse(text, options, this.#src()));
    } catch (e) {
      if (run === this.#run) this[FAILED](e);
      return;
    }
    // A newer run started, or the content changed while the worker worked
    // (the observer has scheduled that run already).
    if (run !== this.#run || !this.isConnected || h.textOf(this) !== text) return;
    const labels = this.hasAttribute("labels") ? labelsOf(this.getAttribute("labels")) : undefined;
    const tooltips = this.getAttribute("tooltips") !== "off";
    h.highlight(this, { extract: () => doc, labels, title: tooltips, focusable: tooltips });
    if (final) this.removeAttribute("aria-busy");
    else this.setAttribute("aria-busy", "true");
    this.#observer.takeRecords(); // our own marks are not a change of content
    if (!final) return;
    this.#doc = doc;
    this.dispatchEvent(new CustomEvent("alam-entities", { bubbles: true, detail: doc }));
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, AlamHighlight);
