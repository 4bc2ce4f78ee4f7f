// Runs extraction off the main thread so the page never freezes.
// Messages in:  { id, text, options }
// Messages out: { type: "ready", version } | { type: "fatal", message }
//               { type: "result", id, doc, ms, words } | { type: "error", id, message }
import init, { extract, version } from "./pkg/alam.js";

const t0 = performance.now();
const ready = init().then(
  () => {
    extract(""); // builds the gazetteer and model now, so timings measure analysis only
    postMessage({ type: "ready", version: version(), ms: performance.now() - t0 });
    return true;
  },
  (e) => { postMessage({ type: "fatal", message: String(e?.message ?? e) }); return false; },
);

function countWords(text) {
  let n = 0;
  const re = /[\p{L}\p{N}\p{M}]+/gu;
  while (re.exec(text)) n++;
  return n;
}

self.onmessage = async ({ data }) => {
  const { id, text, options } = data;
  if (!(await ready)) return;
  try {
    const t0 = performance.now();
    const doc = extract(text, options);
    const ms = performance.now() - t0;
    postMessage({ type: "result", id, doc, ms, words: countWords(text) });
  } catch (e) {
    postMessage({ type: "error", id, message: String(e?.message ?? e) });
  }
};
