// Runs extraction off the main thread so the page never freezes.
// Messages in:  { id, text, options, slice? }
// Messages out: { type: "ready", version } | { type: "fatal", message }
//               { type: "result", id, doc, ms, words } | { type: "error", id, message }
// With `slice: n` (the demo), a big result comes in parts so that no single
// message costs the page a long task to receive: "result" carries the document
// with its first n entities, `total` (the entity count), `counts` (entities
// per label) and `groups` (the largest clusters, at most 300, and their
// number); then { type: "entities", id, entities } messages of at most n
// entities each, in order, until `total` have come.
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
    const words = countWords(text);
    if (!data.slice) {
      postMessage({ type: "result", id, doc, ms, words });
      return;
    }
    const n = Math.max(1, data.slice);
    const all = doc.entities;
    const summary = { total: all.length, counts: countLabels(all), groups: clusterGroups(all) };
    postMessage({ type: "result", id, doc: { ...doc, entities: all.slice(0, n) }, ms, words, ...summary });
    for (let i = n; i < all.length; i += n) {
      postMessage({ type: "entities", id, entities: all.slice(i, i + n) });
    }
  } catch (e) {
    postMessage({ type: "error", id, message: String(e?.message ?? e) });
  }
};

function countLabels(entities) {
  const m = new Map();
  for (const e of entities) m.set(e.label, (m.get(e.label) ?? 0) + 1);
  return m;
}

/** Entities grouped by cluster, largest first: at most `max` groups, and how many there are. */
function clusterGroups(entities, max = 300) {
  const groups = new Map();
  entities.forEach((e, i) => {
    let g = groups.get(e.cluster);
    if (!g) {
      g = { cluster: e.cluster, label: e.label, first: i, count: 0, texts: new Map(), e };
      groups.set(e.cluster, g);
    }
    g.count++;
    g.texts.set(e.text, (g.texts.get(e.text) ?? 0) + 1);
    if (!g.e.name_en && e.name_en) g.e = e;
  });
  const list = [...groups.values()].sort((a, b) => b.count - a.count || a.first - b.first);
  return { list: list.slice(0, max), total: list.length };
}
