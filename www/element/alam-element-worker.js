// The worker every <alam-highlight> of a page shares (alam-element.js starts it).
// Messages in:  { type: "init", src, stream? }  (src: URL of the .wasm, or null for the one
//               beside this file; stream: its body, already downloading on the page's thread)
//               { type: "extract", id, text, options }
// Messages out: { type: "result", id, doc } | { type: "error", id, message } | { type: "fatal", message }
//
// No top-level await and no dynamic import, so bundlers can emit this file as
// a classic (iife) worker as well as a module worker.
import init, { extract } from "./alam.js";

let ready = null;

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    // init() streams the response into the compiler (instantiateStreaming)
    // when the server sends application/wasm.
    const source = data.stream
      ? new Response(data.stream, { headers: { "content-type": "application/wasm" } })
      : data.src ?? new URL("./alam_bg.wasm", import.meta.url);
    ready ??= init({ module_or_path: source }).then(
      () => true,
      (e) => {
        postMessage({ type: "fatal", message: `alam-highlight: cannot load the WebAssembly module: ${e?.message ?? e}` });
        return false;
      },
    );
    return;
  }
  if (data.type !== "extract" || !ready || !(await ready)) return;
  try {
    postMessage({ type: "result", id: data.id, doc: extract(data.text, data.options) });
  } catch (e) {
    postMessage({ type: "error", id: data.id, message: String(e?.message ?? e) });
  }
};
