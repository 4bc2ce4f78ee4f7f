// The worker every <alam-highlight> of a page shares (alam-element.js starts it).
// Messages in:  { type: "init", src, data, stream? }  (src: URL of the .wasm; data: URLs
//               { gazetteer, model } of the files the first module loads next; stream:
//               the .wasm's body, already downloading on the page's thread)
//               { type: "extract", id, text, options }
// Messages out: { type: "result", id, doc, final } | { type: "error", id, message }
//               { type: "stage", stage, message? } | { type: "fatal", message }
//
// The default module, alam_lite_bg.wasm, is the code without the gazetteer and
// the model (a fifth of the download; it holds the gazetteer's core: months,
// weekdays, countries, nationalities, capitals): it answers at once with what
// the rules and that core find, then this worker fetches gazetteer.tsv and
// model.bin from beside it, loads each as it arrives and says so
// ({ type: "stage" }), and the element asks again. Results are `final` once
// the model is in, or once loading the data has failed (stage "failed", with
// a message: the module goes on with what it has). A module that embeds its
// data (alam_bg.wasm named by the element's src attribute) is final from the
// start.
//
// No top-level await and no dynamic import, so bundlers can emit this file as
// a classic (iife) worker as well as a module worker.
import init, { extract, loadGazetteer, loadModel } from "./alam_lite.js";

let ready = null;
let final = false;

/** Fetch a data file, as bytes; throws an Error that names the file. */
async function bytes(url) {
  let res;
  try {
    res = await fetch(url, { credentials: "same-origin" });
  } catch (e) {
    throw new Error(`${e.message} for ${url}`);
  }
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** The gazetteer, then the model: each loaded as soon as it is here. */
async function loadData(urls) {
  // One after the other, not both at once: on a slow link the gazetteer's
  // names then come before the model, instead of both at the end.
  const g = await bytes(urls.gazetteer);
  const model = bytes(urls.model);
  loadGazetteer(g);
  postMessage({ type: "stage", stage: "gazetteer" });
  loadModel(await model);
  final = true;
  postMessage({ type: "stage", stage: "model" });
}


self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    const url = data.src ?? new URL("./alam_lite_bg.wasm", import.meta.url).href;
    const urls = data.data ?? { gazetteer: new URL("gazetteer.tsv", url).href, model: new URL("model.bin", url).href };
    // init() streams the response into the compiler (instantiateStreaming)
    // when the server sends application/wasm.
    const source = data.stream
      ? new Response(data.stream, { headers: { "content-type": "application/wasm" } })
      : url;
    ready ??= init({ module_or_path: source }).then(
      (exports) => {
        // A module without loadGazetteer embeds its data.
        if (typeof exports.loadGazetteer !== "function") {
          final = true;
        } else {
          loadData(urls).catch((e) => {
            final = true;
            postMessage({ type: "stage", stage: "failed", message: `alam-highlight: cannot load the gazetteer and model: ${e?.message ?? e}` });
          });
        }
        return true;
      },
      (e) => {
        postMessage({ type: "fatal", message: `alam-highlight: cannot load the WebAssembly module: ${e?.message ?? e}` });
        return false;
      },
    );
    return;
  }
  if (data.type !== "extract" || !ready || !(await ready)) return;
  try {
    postMessage({ type: "result", id: data.id, doc: extract(data.text, data.options), final });
  } catch (e) {
    postMessage({ type: "error", id: data.id, message: String(e?.message ?? e) });
  }
};
