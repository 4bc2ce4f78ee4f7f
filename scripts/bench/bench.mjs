// Node benchmark of a wasm-bindgen `--target web` build of alam (default
// www/pkg, the build the demo page ships). Figures to quote, not a test:
//
//   cold start      compile + instantiate + first extract of the article,
//                   each in a fresh Node process (median of --cold runs)
//   throughput      tokens/s on article-sized documents and on one 1 MB
//                   document, median of --runs passes after a warm-up
//   JS floor        the same texts split on whitespace with every token
//                   looked up in a Map (the gazetteer's keys): alam's speed
//                   as a fraction of this floor is the figure to push to 1
//   scaling         ns per token for 1 KB, 100 KB, 1 MB and 10 MB inputs
//                   (different text in each: 1,000 pieces of 1 KB, 10 of 100 KB)
//   hostile scaling time for n and 10n of each hostile shape (ratio ≈ 10)
//   memory          peak linear memory for 1 MB and 10 MB inputs, each in a
//                   fresh instance (linear memory never shrinks, so its
//                   size after the call is the peak)
//
// Tokens are whitespace-separated words, as in benches/extract.rs.
//
// Usage: node scripts/bench/bench.mjs [--pkg DIR] [--runs N] [--cold N]
//          [--quick] [--json FILE] [--only a,b,...]
//   --quick   one pass of everything, no 10 MB inputs (a smoke run, ~seconds)
//   --only    sections: cold,docs,mb,floor,scaling,hostile,memory

import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join, resolve } from "node:path";
import { cpus, loadavg } from "node:os";
import {
  root, loadPkg, article, corpusDocs, sized, pieces, words, median, time, checkOffsets, hostileShapes,
} from "./common.mjs";

const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : def;
};
const quick = args.includes("--quick");
const pkg = resolve(opt("--pkg", join(root, "www/pkg")));
const runs = Number(opt("--runs", quick ? 1 : 5));
const coldRuns = Number(opt("--cold", quick ? 1 : 7));
const only = opt("--only", "cold,docs,mb,floor,scaling,hostile,memory").split(",");
const MB = 1 << 20;

// ---------------------------------------------------------------- children

if (args[0] === "--child") {
  const what = args[1];
  if (what === "cold") {
    // As a page does it, minus the download: compile, instantiate (initSync:
    // the async init would load Node's fetch machinery, which a browser has
    // built in), then the first extract, which parses the gazetteer and the
    // model on first use.
    const bytes = readFileSync(join(pkg, "alam_bg.wasm"));
    const glue = await import(pathToFileURL(join(pkg, "alam.js")).href);
    const text = article().text;
    const t0 = performance.now();
    const mod = new WebAssembly.Module(bytes);
    const t1 = performance.now();
    glue.initSync({ module: mod });
    const t2 = performance.now();
    glue.extract(text);
    const t3 = performance.now();
    glue.extract(text);
    const t4 = performance.now();
    console.log(JSON.stringify({
      compile: t1 - t0, instantiate: t2 - t1, first: t3 - t2, second: t4 - t3, total: t3 - t0,
    }));
  } else if (what === "memory") {
    const bytes = Number(args[2]);
    const m = await loadPkg(pkg);
    m.extract("تمهيد");
    const base = m.memory.buffer.byteLength;
    const text = sized(corpusDocs().docs.join("\n"), bytes);
    const utf8 = Buffer.byteLength(text, "utf8");
    const doc = m.extract(text);
    const peak = m.memory.buffer.byteLength;
    console.log(JSON.stringify({ bytes: utf8, base, peak, entities: doc.entities.length }));
  }
  process.exit(0);
}

function child(...a) {
  const r = spawnSync(process.execPath, [self, "--child", ...a, "--pkg", pkg], {
    encoding: "utf8", maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`child ${a.join(" ")} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

// ---------------------------------------------------------------- helpers

const out = {
  pkg, date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model,
  cores: cpus().length, loadavg: loadavg().map((x) => +x.toFixed(2)),
};
const fmt = (x, d = 0) => x.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const say = (...a) => console.log(...a);

/**
 * Time `f` `n` times after `warm` warm-up calls; median wall ms and median
 * process CPU ms (robust to other processes on the machine).
 */
function measure(f, n, warm = 1) {
  for (let i = 0; i < warm; i++) f();
  const wall = [];
  const cpu = [];
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage();
    const [t] = time(f);
    const c = process.cpuUsage(c0);
    wall.push(t);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu), walls: wall };
}

/** The JS floor: whitespace split and a Map lookup per token. */
function floorFn(map) {
  return (text) => {
    let hits = 0;
    for (const w of text.split(/\s+/)) if (map.has(w)) hits++;
    return hits;
  };
}

function gazetteerMap() {
  const map = new Map();
  for (const line of readFileSync(join(root, "data/gazetteer.tsv"), "utf8").split("\n")) {
    if (line.startsWith("#") || line === "") continue;
    const tab = line.indexOf("\t");
    map.set(tab < 0 ? line : line.slice(0, tab), map.size);
  }
  return map;
}

// ---------------------------------------------------------------- main

say(`alam WASM benchmark — ${pkg}`);
say(`node ${process.version}, ${out.cpu} × ${out.cores}, load average ${out.loadavg.join(" ")}`);
if (out.loadavg[0] > out.cores) {
  say(`note: the load average exceeds the core count; wall times are inflated, CPU times less so`);
}

const wasmSize = readFileSync(join(pkg, "alam_bg.wasm")).length;
out.wasmBytes = wasmSize;

if (only.includes("cold")) {
  const rs = Array.from({ length: coldRuns }, () => child("cold"));
  const med = (k) => median(rs.map((r) => r[k]));
  out.cold = {
    runs: coldRuns, compile: med("compile"), instantiate: med("instantiate"), first: med("first"),
    second: med("second"), total: med("total"),
  };
  say(`\ncold start (fresh process, median of ${coldRuns}): ${fmt(out.cold.total, 1)} ms = compile ` +
    `${fmt(out.cold.compile, 1)} + instantiate ${fmt(out.cold.instantiate, 1)} + first extract ` +
    `${fmt(out.cold.first, 1)} (second extract ${fmt(out.cold.second, 1)} ms)`);
}

const m = await loadPkg(pkg);
const art = article();
const corpus = corpusDocs();
const docs = corpus.docs;
const docTokens = docs.reduce((s, d) => s + words(d), 0);
const docBytes = docs.reduce((s, d) => s + Buffer.byteLength(d), 0);
const base = docs.join("\n");
checkOffsets(art.text, m.extract(art.text), "article");
for (const d of docs.slice(0, 20)) checkOffsets(d, m.extract(d), "document");
const floor = floorFn(gazetteerMap());

if (only.includes("docs")) {
  const a = measure(() => m.extract(art.text), Math.max(runs, quick ? 1 : 20), quick ? 1 : 20);
  const at = words(art.text);
  out.article = { tokens: at, ms: a.wall, cpuMs: a.cpu, tokPerSec: at / a.wall * 1000 };
  say(`\narticle (${art.source}, ${at} tokens): ${fmt(a.wall, 2)} ms, ${fmt(out.article.tokPerSec)} tokens/s`);
  const r = measure(() => { for (const d of docs) m.extract(d); }, runs, quick ? 0 : 1);
  out.docs = {
    count: docs.length, tokens: docTokens, bytes: docBytes, ms: r.wall, cpuMs: r.cpu,
    tokPerSec: docTokens / r.wall * 1000, tokPerCpuSec: docTokens / r.cpu * 1000, source: corpus.source,
  };
  say(`article-sized documents (${docs.length} docs, ${fmt(docTokens)} tokens, ${corpus.source}):`);
  say(`  alam      ${fmt(out.docs.tokPerSec).padStart(12)} tokens/s wall  ${fmt(out.docs.tokPerCpuSec).padStart(12)} tokens/s CPU  (median of ${runs})`);
  if (m.Extractor?.withoutModel) {
    // What the pipeline costs without the tagger (gazetteer, rules, links):
    // the share of the JS floor no tagger could add to.
    const light = m.Extractor.withoutModel();
    const l = measure(() => { for (const d of docs) light.extract(d); }, runs, quick ? 0 : 1);
    out.docsWithoutModel = { ms: l.wall, cpuMs: l.cpu, tokPerSec: docTokens / l.wall * 1000, tokPerCpuSec: docTokens / l.cpu * 1000 };
    say(`  no model  ${fmt(out.docsWithoutModel.tokPerSec).padStart(12)} tokens/s wall  ${fmt(out.docsWithoutModel.tokPerCpuSec).padStart(12)} tokens/s CPU  (Extractor.withoutModel(): gazetteer, rules, links)`);
  }
}

if (only.includes("mb")) {
  const text = sized(base, MB);
  const t = words(text);
  checkOffsets(text, m.extract(text), "1 MB");
  const r = measure(() => m.extract(text), runs, quick ? 0 : 1);
  out.oneMB = { tokens: t, ms: r.wall, cpuMs: r.cpu, tokPerSec: t / r.wall * 1000, tokPerCpuSec: t / r.cpu * 1000 };
  say(`one 1 MB document (${fmt(t)} tokens):`);
  say(`  alam      ${fmt(out.oneMB.tokPerSec).padStart(12)} tokens/s wall  ${fmt(out.oneMB.tokPerCpuSec).padStart(12)} tokens/s CPU`);
}

if (only.includes("floor")) {
  const text = sized(base, MB);
  const fd = measure(() => { for (const d of docs) floor(d); }, Math.max(runs, 5), 3);
  const f1 = measure(() => floor(text), Math.max(runs, 5), 3);
  out.floor = {
    docsTokPerSec: docTokens / fd.wall * 1000, docsTokPerCpuSec: docTokens / fd.cpu * 1000,
    oneMBTokPerSec: words(text) / f1.wall * 1000,
  };
  say(`JS floor (split on whitespace + Map lookup per token):`);
  say(`  documents ${fmt(out.floor.docsTokPerSec).padStart(12)} tokens/s wall  ${fmt(out.floor.docsTokPerCpuSec).padStart(12)} tokens/s CPU`);
  say(`  1 MB      ${fmt(out.floor.oneMBTokPerSec).padStart(12)} tokens/s wall`);
  if (out.docs) {
    out.floorFraction = out.docs.tokPerCpuSec / out.floor.docsTokPerCpuSec;
    say(`  alam / floor on documents: ${(out.floorFraction * 100).toFixed(1)}% (CPU time)`);
    if (out.docsWithoutModel) {
      out.floorFractionWithoutModel = out.docsWithoutModel.tokPerCpuSec / out.floor.docsTokPerCpuSec;
      say(`  without the model:         ${(out.floorFractionWithoutModel * 100).toFixed(1)}% (CPU time)`);
    }
  }
}

if (only.includes("scaling")) {
  const sizes = quick ? [1 << 10, 100 << 10] : [1 << 10, 100 << 10, MB, 10 * MB];
  out.scaling = [];
  say(`\nscaling (ns per token; flat means linear):`);
  for (const b of sizes) {
    // Different text in every piece (1 MB of pieces for the small sizes).
    const ps = pieces(base, b, Math.max(b, quick ? 100 << 10 : MB));
    const t = ps.reduce((s, p) => s + words(p), 0);
    const n = b >= 10 * MB ? Math.min(runs, 3) : runs;
    const r = measure(() => { for (const p of ps) m.extract(p); }, n, b >= MB ? 0 : 1);
    const row = { bytes: b, pieces: ps.length, tokens: t, nsPerToken: r.wall * 1e6 / t, cpuNsPerToken: r.cpu * 1e6 / t };
    out.scaling.push(row);
    say(`  ${(b >= MB ? b / MB + " MB" : b / 1024 + " KB").padStart(7)} × ${String(ps.length).padEnd(5)} ${fmt(t).padStart(10)} tokens  ` +
      `${fmt(row.nsPerToken).padStart(7)} ns/token wall  ${fmt(row.cpuNsPerToken).padStart(7)} ns/token CPU`);
  }
}

if (only.includes("hostile")) {
  out.hostile = [];
  const k = quick ? 0.1 : 1;
  say(`\nhostile shapes at 1× and 10× (CPU ms; a ratio near 10 means linear):`);
  for (const [name, make] of Object.entries(hostileShapes)) {
    const small = make(k);
    const large = make(10 * k);
    const a = measure(() => m.extract(small), runs, 1);
    const b = measure(() => m.extract(large), runs, quick ? 0 : 1);
    const row = { shape: name, bytes: Buffer.byteLength(small), ms1x: a.cpu, ms10x: b.cpu, ratio: b.cpu / Math.max(a.cpu, 1e-3) };
    out.hostile.push(row);
    say(`  ${name.padEnd(22)} ${fmt(a.cpu, 2).padStart(9)} ms  ${fmt(b.cpu, 2).padStart(9)} ms  ×${row.ratio.toFixed(1)}`);
  }
}

if (only.includes("memory")) {
  out.memory = [];
  say(`\npeak linear memory (fresh instance per input):`);
  for (const b of quick ? [MB] : [MB, 10 * MB]) {
    const r = child("memory", String(b));
    const row = { ...r, peakPerInput: r.peak / r.bytes, growthPerInput: (r.peak - r.base) / r.bytes };
    out.memory.push(row);
    say(`  ${(b / MB + " MB").padStart(6)} input: peak ${fmt(r.peak / MB, 1)} MB (base ${fmt(r.base / MB, 1)} MB), ` +
      `${row.peakPerInput.toFixed(1)}× the input (${row.growthPerInput.toFixed(1)}× counting growth only)`);
  }
}

// ---------------------------------------------------------------- budgets

const budgets = [];
const check = (name, value, limit, unit, ok) => budgets.push({ name, value, limit, unit, ok });
if (out.docs) {
  check("WASM tokens/s, article-sized documents (wall)", out.docs.tokPerSec, 1e6, "tokens/s", out.docs.tokPerSec >= 1e6);
}
if (out.floorFraction !== undefined) {
  check("share of the JS floor's speed (CPU)", out.floorFraction * 100, 25, "%", out.floorFraction >= 0.25);
}
if (out.cold) check("cold start: compile + instantiate + first extract", out.cold.total, 50, "ms", out.cold.total <= 50);
const tenMB = out.memory?.find((r) => r.bytes >= 10e6);
if (tenMB) check("peak linear memory / input, 10 MB input", tenMB.peakPerInput, 8, "×", tenMB.peakPerInput <= 8);
if (budgets.length) {
  say(`\nbudgets (the .wasm size budget is in scripts/bench/size.mjs, native speed in cargo bench):`);
  for (const b of budgets) {
    say(`  ${b.ok ? "met   " : "MISSED"} ${b.name}: ${fmt(b.value, b.unit === "tokens/s" ? 0 : 1)} ${b.unit} (budget ${b.unit === "ms" || b.unit === "×" ? "≤" : "≥"} ${fmt(b.limit)} ${b.unit})`);
  }
  out.budgets = budgets;
}

const jsonPath = opt("--json", null);
if (jsonPath) writeFileSync(jsonPath, JSON.stringify(out, null, 2) + "\n");
