// Shared by the Node benchmark (bench.mjs), the size report (size.mjs) and
// the WASM hostile test (tests/wasm_hostile.mjs): loading a wasm-bindgen
// `--target web` build in Node, the benchmark texts, and small statistics.
//
// The texts are the same as the native criterion benches (benches/extract.rs):
// the reference article, and the ANERcorp training split cut into documents
// of 30 sentences (words joined by spaces, sentences by newlines). Without
// ../shared, the project's own sample article stands in for both.

import { readFileSync, existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join, resolve } from "node:path";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const shared = resolve(root, "../shared");

/**
 * Load a `--target web` package directory (default www/pkg) as a fresh
 * instance: a query string makes Node load a new copy of the glue module,
 * so each call gets its own linear memory. Returns the module's exports
 * plus `memory` (the instance's WebAssembly.Memory) and load timings (ms).
 */
export async function loadPkg(dir = join(root, "www/pkg"), { tag = "" } = {}) {
  const wasmPath = join(dir, "alam_bg.wasm");
  const jsPath = join(dir, "alam.js");
  if (!existsSync(wasmPath) || !existsSync(jsPath)) {
    throw new Error(`${dir} has no alam.js/alam_bg.wasm: run scripts/build.sh first`);
  }
  const t0 = performance.now();
  const bytes = readFileSync(wasmPath);
  const t1 = performance.now();
  const mod = await WebAssembly.compile(bytes);
  const t2 = performance.now();
  const url = pathToFileURL(jsPath).href + `?instance=${tag || Math.random().toString(36).slice(2)}`;
  const m = await import(url);
  // initSync: the async init would load Node's fetch machinery (a browser
  // has it built in), which adds tens of milliseconds to the first call.
  const exports = m.initSync({ module: mod });
  const t3 = performance.now();
  return {
    ...m,
    memory: exports.memory,
    wasmBytes: bytes.length,
    times: { read: t1 - t0, compile: t2 - t1, instantiate: t3 - t2 },
  };
}

/** The reference article, or the project's own sample when ../shared is absent. */
export function article() {
  const p = join(shared, "seed/article.txt");
  if (existsSync(p)) return { text: readFileSync(p, "utf8"), source: "../shared/seed/article.txt" };
  return { text: readFileSync(join(root, "data/sample.txt"), "utf8"), source: "data/sample.txt" };
}

/**
 * Article-sized documents: the ANERcorp training split in groups of 30
 * sentences (as benches/extract.rs cuts it), or 50 copies of the article.
 */
export function corpusDocs() {
  const p = join(shared, "data/anercorp/train.txt");
  if (!existsSync(p)) {
    const a = article().text;
    return { docs: Array(50).fill(a), source: `${article().source} ×50 (../shared absent)` };
  }
  const docs = [];
  let doc = "";
  let sentences = 0;
  for (const line of readFileSync(p, "utf8").split("\n")) {
    const tok = line.split(/\s+/).find((w) => w !== "");
    if (tok !== undefined) {
      doc += tok + " ";
    } else {
      doc += "\n";
      sentences += 1;
      if (sentences === 30) {
        docs.push(doc);
        doc = "";
        sentences = 0;
      }
    }
  }
  if (doc.trim() !== "") docs.push(doc);
  return { docs, source: "../shared/data/anercorp/train.txt, 30 sentences a document" };
}

/** `base` repeated and cut to about `bytes` UTF-8 bytes (at a code point). */
export function sized(base, bytes) {
  const enc = new TextEncoder();
  const unit = enc.encode(base).length;
  const reps = Math.max(1, Math.ceil(bytes / unit));
  let s = base.repeat(reps);
  // Cut by UTF-16 units proportionally, then trim to the byte budget.
  let cut = Math.floor((s.length * bytes) / (unit * reps));
  s = s.slice(0, Math.max(1, cut));
  while (enc.encode(s).length > bytes && s.length > 1) s = s.slice(0, s.length - 64);
  // Never end inside a surrogate pair.
  const last = s.charCodeAt(s.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) s = s.slice(0, -1);
  return s;
}

/**
 * Consecutive pieces of about `bytes` bytes cut from `base` (wrapping
 * around), at least `minBytes` in all: the scaling benchmark runs different
 * text in every piece, so small inputs do not find their model rows hot in
 * the CPU cache from the previous repetition.
 */
export function pieces(base, bytes, minBytes) {
  const baseBytes = Buffer.byteLength(base);
  if (baseBytes <= bytes) return [sized(base, bytes)];
  const chars = Math.max(1, Math.round((base.length * bytes) / baseBytes));
  const out = [];
  let off = 0;
  let total = 0;
  while (total < minBytes || out.length === 0) {
    if (off + chars > base.length) off = 0;
    let end = off + chars;
    const c = base.charCodeAt(end - 1);
    if (c >= 0xd800 && c <= 0xdbff) end -= 1;
    const p = base.slice(off, end);
    out.push(p);
    total += Buffer.byteLength(p);
    off = end;
  }
  return out;
}

/** Tokens as the benchmarks count them: whitespace-separated words. */
export function words(s) {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const space = c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x2028 || c === 0x2029 ||
      c === 0x85 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f ||
      c === 0x3000;
    if (space) inWord = false;
    else if (!inWord) {
      inWord = true;
      n++;
    }
  }
  return n;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Time `f` once (ms). */
export function time(f) {
  const t = performance.now();
  const r = f();
  return [performance.now() - t, r];
}

/** Check every entity and quote slices back to its text; throw on the first mismatch. */
export function checkOffsets(text, doc, what = "") {
  for (const e of doc.entities) {
    if (!(e.start <= e.end && e.end <= text.length) || text.slice(e.start, e.end) !== e.text) {
      throw new Error(`${what}: entity ${JSON.stringify(e)} does not slice back`);
    }
  }
  for (const q of doc.quotes) {
    if (text.slice(q.start, q.end) !== q.text) {
      throw new Error(`${what}: quote ${JSON.stringify(q)} does not slice back`);
    }
    if (q.speaker && text.slice(q.speaker.start, q.speaker.end) !== q.speaker.text) {
      throw new Error(`${what}: speaker ${JSON.stringify(q.speaker)} does not slice back`);
    }
  }
}

/**
 * Hostile input shapes for the hostile test and the linear-time benchmark:
 * name → [make(scale), note]. Scale 1 gives the size the hostile-input issue
 * names (1,000,000 marks, 200,000 و, 20,000 quotes) or about 100 KB; 10 gives
 * ten times as much. Written for this project, not taken from any corpus.
 */
export const hostileShapes = {
  "letter + marks": (k) => "ب" + "\u064E".repeat(1_000_000 * k),
  "و in a row": (k) => "و".repeat(200_000 * k),
  "unbalanced «": (k) => "«".repeat(20_000 * k),
  "bidi between words": (k) => fill("زار\u200F \u2067الوفد\u2069 \u202Bتركيا\u202C\u061C ", 100_000 * k),
  "NUL and CRLF": (k) => fill("تركيا\0مصر\r\n\0 ", 100_000 * k),
  "prose on one line": (k) => fill(PROSE, 100_000 * k),
};

/** One sentence of Arabic news prose, written for these scripts. */
export const PROSE = "وقال وزير الخارجية في مؤتمر صحفي بالقاهرة يوم الثلاثاء إن الوفد التركي " +
  "سيزور الرياض وعمّان الأسبوع المقبل، بعد محادثات استمرت ثلاث ساعات مع نظيره المصري. ";

/** `unit` repeated to at least `bytes` UTF-8 bytes. */
export function fill(unit, bytes) {
  return unit.repeat(Math.max(1, Math.ceil(bytes / Buffer.byteLength(unit))));
}
