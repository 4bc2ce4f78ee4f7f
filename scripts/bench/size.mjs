// Size report of a wasm-bindgen build of alam: the .wasm raw, gzip -9 and
// brotli (quality 11), the JS glue, and what each part of the binary costs:
// the tagger model, the gazetteer, other data, code, and the rest. Parts are
// found by their content: the model starts with its magic bytes and the
// gazetteer with its first line, and each runs for its file's length in
// linear memory, so every data segment (wasm-opt splits the model's zero runs
// into many) is attributed by address. Compressed sizes of parts are each
// part compressed alone (their sum is near the whole, not equal to it);
// brotli (quality 11) is given for whole files only.
//
// With --names FILE (the cargo output, which keeps the name section) it also
// lists code size by crate and the largest functions (sizes before wasm-opt).
//
// Usage: node scripts/bench/size.mjs [PKG_DIR] [--names target/.../alam.wasm] [--json FILE]

import { readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { root } from "./common.mjs";

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const positional = args.filter((a, i) => !a.startsWith("--") && !(i > 0 && args[i - 1].startsWith("--")));
const pkg = resolve(positional[0] ?? join(root, "www/pkg"));

const gz = (b) => gzipSync(b, { level: 9 }).length;
// Brotli at quality 11 (what static hosting precompresses with); whole
// files only, as it takes seconds per megabyte.
const br = (b) => brotliCompressSync(b, {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 11,
    [constants.BROTLI_PARAM_LGWIN]: 24,
    [constants.BROTLI_PARAM_SIZE_HINT]: b.length,
  },
}).length;
const kb = (n) => (n / 1024).toFixed(1).padStart(9) + " KB";

/** The unsigned LEB128 number at `b[p]`: [value, position after it]. */
function uleb(b, p) {
  let r = 0;
  let s = 0;
  let x;
  do {
    x = b[p++];
    r += (x & 0x7f) * 2 ** s;
    s += 7;
  } while (x & 0x80);
  return [r, p];
}

/** Sections of a wasm binary: [{id, name, start, end, ...}]. */
export function sections(b) {
  if (b.readUInt32LE(0) !== 0x6d736100) throw new Error("not a wasm binary");
  let p = 8;
  const leb = () => {
    const [v, q] = uleb(b, p);
    p = q;
    return v;
  };
  const names = ["custom", "type", "import", "function", "table", "memory", "global", "export",
    "start", "element", "code", "data", "datacount"];
  const out = [];
  while (p < b.length) {
    const id = b[p++];
    const size = leb();
    const start = p;
    const sec = { id, name: names[id] ?? `#${id}`, start, end: start + size, size: size };
    if (id === 0) {
      const nl = leb();
      sec.custom = b.subarray(p, p + nl).toString("utf8");
    }
    if (id === 11) {
      // Active segments: flags 0 (memory 0, i32.const offset) or 2 (explicit memory).
      const n = leb();
      sec.segments = [];
      for (let i = 0; i < n; i++) {
        const segStart = p;
        const flags = leb();
        let addr = null;
        if (flags === 0 || flags === 2) {
          if (flags === 2) leb();
          const op = b[p++];
          if (op === 0x41) {
            // i32.const (signed LEB)
            let r = 0;
            let s = 0;
            let x;
            do {
              x = b[p++];
              r |= (x & 0x7f) << s;
              s += 7;
            } while (x & 0x80);
            if (s < 32 && x & 0x40) r |= -1 << s;
            addr = r >>> 0;
          } else {
            while (b[p] !== 0x0b) p++;
          }
          p++; // end
        }
        const len = leb();
        sec.segments.push({ addr, start: p, len, headerStart: segStart });
        p += len;
      }
    }
    if (id === 10) {
      const n = leb();
      sec.bodies = [];
      for (let i = 0; i < n; i++) {
        const len = leb();
        sec.bodies.push(len);
        p += len;
      }
    }
    out.push(sec);
    p = start + size;
  }
  return out;
}

/** Function names from the name section (subsection 1), by function index. */
function functionNames(b, secs) {
  const ns = secs.find((s) => s.id === 0 && s.custom === "name");
  if (!ns) return null;
  let p = ns.start;
  const leb = () => {
    const [v, q] = uleb(b, p);
    p = q;
    return v;
  };
  const nl = leb();
  p += nl;
  const names = new Map();
  while (p < ns.end) {
    const sub = b[p++];
    const size = leb();
    const end = p + size;
    if (sub === 1) {
      const n = leb();
      for (let i = 0; i < n; i++) {
        const idx = leb();
        const l = leb();
        names.set(idx, b.subarray(p, p + l).toString("utf8"));
        p += l;
      }
    }
    p = end;
  }
  return names;
}

function importedFunctions(b, secs) {
  const imp = secs.find((s) => s.id === 2);
  if (!imp) return 0;
  let p = imp.start;
  const leb = () => {
    const [v, q] = uleb(b, p);
    p = q;
    return v;
  };
  const n = leb();
  let funcs = 0;
  for (let i = 0; i < n; i++) {
    // Module and field names (`p += leb()` would read p before leb moves it).
    for (let k = 0; k < 2; k++) {
      const len = leb();
      p += len;
    }
    const kind = b[p++];
    if (kind === 0) {
      leb();
      funcs++;
    } else if (kind === 1) {
      p++;
      const f = leb();
      leb();
      if (f & 1) leb();
    } else if (kind === 2) {
      const f = leb();
      leb();
      if (f & 1) leb();
    } else if (kind === 3) {
      p++;
      p++;
    } else if (kind === 4) {
      p++;
      leb();
    }
  }
  return funcs;
}

/** Legacy Rust mangling (_ZN 4alam 6tagger ... 17h<hash> E) to a path. */
function demangle(name) {
  if (!name.startsWith("_ZN")) return name;
  const parts = [];
  let p = 3;
  while (p < name.length && name[p] !== "E") {
    const m = /^\d+/.exec(name.slice(p));
    if (!m) break;
    const n = Number(m[0]);
    p += m[0].length;
    parts.push(name.slice(p, p + n));
    p += n;
  }
  if (parts.length > 1 && /^h[0-9a-f]{16}$/.test(parts[parts.length - 1])) parts.pop();
  return parts.join("::").replace(/\$LT\$/g, "<").replace(/\$GT\$/g, ">").replace(/\$u20\$/g, " ")
    .replace(/\$u7b\$/g, "{").replace(/\$u7d\$/g, "}").replace(/\$RF\$/g, "&").replace(/\.\./g, "::");
}

/** The crate a (mangled or plain) function name belongs to. */
function crateOf(name) {
  if (name.startsWith("_ZN")) {
    const path = demangle(name).replace(/^_?<+/, "");
    return path.split("::")[0].split(" ")[0];
  }
  if (name.startsWith("_R")) {
    // v0 mangling: the crate root is C<disambiguator>_<len><name>.
    const m = /C(?:s[0-9a-zA-Z]*_)?(\d+)([A-Za-z_][A-Za-z0-9_]*)/.exec(name);
    if (m) return m[2].slice(0, Number(m[1]));
  }
  if (name.startsWith("__wbindgen") || name.startsWith("__wbg")) return "wasm-bindgen glue";
  if (/^_*(rust|rdl|rg)_/.test(name)) return "std";
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : "(other)";
}

/** Linear-memory range of `needle` (a file's leading bytes) in the data segments. */
function findInData(segs, needle, length) {
  for (const s of segs) {
    if (s.addr === null) continue;
    const i = s.buf.indexOf(needle);
    if (i >= 0) return [s.addr + i, s.addr + i + length];
  }
  return null;
}

export function report(wasmPath, { names, gazetteer = "data/gazetteer.tsv" } = {}) {
  const b = readFileSync(wasmPath);
  const secs = sections(b);
  const data = secs.find((s) => s.id === 11);
  const segs = (data?.segments ?? []).map((s) => ({ ...s, buf: b.subarray(s.start, s.start + s.len) }));
  const model = readFileSync(join(root, "data/model.bin"));
  const gazText = readFileSync(join(root, gazetteer));
  const ranges = {
    model: findInData(segs, model.subarray(0, 24), model.length),
    gazetteer: findInData(segs, gazText.subarray(0, 64), gazText.length),
  };
  // Collect the bytes of each part: payload bytes by address, segment
  // headers with the part their first byte belongs to.
  const parts = { model: [], gazetteer: [], "other data": [] };
  const count = { model: 0, gazetteer: 0, "other data": 0 };
  const partOf = (a) => {
    for (const [k, r] of Object.entries(ranges)) if (r && a >= r[0] && a < r[1]) return k;
    return "other data";
  };
  for (const s of segs) {
    if (s.addr === null) {
      parts["other data"].push(b.subarray(s.headerStart, s.start + s.len));
      continue;
    }
    const first = partOf(s.addr);
    parts[first].push(b.subarray(s.headerStart, s.start));
    count[first]++;
    // Cut points inside this segment.
    const cuts = [0, s.len];
    for (const r of Object.values(ranges)) {
      for (const x of r ?? []) if (x > s.addr && x < s.addr + s.len) cuts.push(x - s.addr);
    }
    cuts.sort((x, y) => x - y);
    for (let i = 0; i + 1 < cuts.length; i++) {
      parts[partOf(s.addr + cuts[i])].push(s.buf.subarray(cuts[i], cuts[i + 1]));
    }
  }
  const rows = [];
  for (const [k, bufs] of Object.entries(parts)) {
    const buf = Buffer.concat(bufs);
    rows.push({ part: k === "model" ? "tagger model (data)" : k === "gazetteer" ? "gazetteer (data)" : k, raw: buf.length, segments: count[k], gzip: gz(buf) });
  }
  const code = secs.find((s) => s.id === 10);
  const codeBuf = code ? b.subarray(code.start, code.end) : Buffer.alloc(0);
  rows.push({ part: "code", raw: codeBuf.length, functions: code?.bodies.length ?? 0, gzip: gz(codeBuf) });
  const rest = Buffer.concat(secs.filter((s) => s.id !== 10 && s.id !== 11).map((s) => b.subarray(s.start, s.end)));
  rows.push({ part: "tables, imports, exports, custom", raw: rest.length, gzip: gz(rest) });
  const whole = { raw: b.length, gzip: gz(b), brotli: br(b) };

  let crates = null;
  let top = null;
  if (names && existsSync(names)) {
    const nb = readFileSync(names);
    const ns = sections(nb);
    const fn = functionNames(nb, ns);
    const nimp = importedFunctions(nb, ns);
    const c = ns.find((s) => s.id === 10);
    if (fn && c) {
      const byCrate = new Map();
      const fns = [];
      c.bodies.forEach((len, i) => {
        const name = fn.get(i + nimp) ?? `func${i + nimp}`;
        fns.push([demangle(name), len]);
        const crate = crateOf(name);
        byCrate.set(crate, (byCrate.get(crate) ?? 0) + len);
      });
      const total = c.bodies.reduce((a, x) => a + x, 0);
      crates = [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => ({ crate: k, bytes: v, share: v / total }));
      top = fns.sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => ({ fn: k.replace(/::h[0-9a-f]{16}$/, ""), bytes: v }));
    }
  }
  return { wasm: wasmPath, whole, rows, ranges, crates, top };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const wasm = join(pkg, "alam_bg.wasm");
  const r = report(wasm, { names: opt("--names") });
  // The glue: wasm-bindgen's module and the JS the binding imports
  // (src/wasm/objects.js, copied under snippets/).
  const glue = ["alam.js", "alam_bg.js"].map((f) => join(pkg, f)).filter(existsSync);
  const snippets = join(pkg, "snippets");
  if (existsSync(snippets)) {
    for (const f of readdirSync(snippets, { recursive: true })) {
      if (String(f).endsWith(".js")) glue.push(join(snippets, String(f)));
    }
  }
  console.log(`size of ${pkg}`);
  console.log(`${"".padEnd(34)} ${"raw".padStart(12)} ${"gzip -9".padStart(12)} ${"brotli".padStart(12)}`);
  console.log(`${"alam_bg.wasm".padEnd(34)} ${kb(r.whole.raw)} ${kb(r.whole.gzip)} ${kb(r.whole.brotli)}`);
  for (const row of r.rows) {
    const extra = row.segments !== undefined ? `  (${row.segments} segments)` : row.functions !== undefined ? `  (${row.functions} functions)` : "";
    console.log(`  ${row.part.padEnd(32)} ${kb(row.raw)} ${kb(row.gzip)} ${"".padStart(12)}${extra}`);
  }
  r.glue = [];
  for (const g of glue) {
    const b = readFileSync(g);
    const row = { file: g.slice(pkg.length + 1), raw: b.length, gzip: gz(b), brotli: br(b) };
    r.glue.push(row);
    console.log(`${("JS glue " + row.file.split("/").pop()).padEnd(34)} ${kb(row.raw)} ${kb(row.gzip)} ${kb(row.brotli)}`);
  }
  const dataFiles = { "data/model.bin": join(root, "data/model.bin"), "data/gazetteer.tsv": join(root, "data/gazetteer.tsv") };
  r.sources = [];
  for (const [k, p] of Object.entries(dataFiles)) {
    const b = readFileSync(p);
    r.sources.push({ file: k, raw: b.length, gzip: gz(b), brotli: br(b) });
    console.log(`${("(input " + k + ")").padEnd(34)} ${kb(b.length)} ${kb(gz(b))} ${kb(br(b))}`);
  }
  if (r.crates) {
    console.log(`\ncode by crate (function bodies before wasm-bindgen and wasm-opt, from ${opt("--names")}):`);
    for (const c of r.crates) console.log(`  ${c.crate.padEnd(32)} ${kb(c.bytes)} ${(c.share * 100).toFixed(1).padStart(6)}%`);
    console.log(`largest functions:`);
    for (const f of r.top) console.log(`  ${kb(f.bytes)}  ${f.fn.slice(0, 100)}`);
  }
  // The element's first module (no model, the gazetteer's core only) and the
  // files it loads next.
  const liteWasm = join(pkg, "alam_lite_bg.wasm");
  if (existsSync(liteWasm)) {
    const l = report(liteWasm, { gazetteer: "data/gazetteer-core.tsv" });
    r.lite = l;
    console.log(`\n<alam-highlight>'s first module and the data it loads next`);
    console.log(`${"alam_lite_bg.wasm".padEnd(34)} ${kb(l.whole.raw)} ${kb(l.whole.gzip)} ${kb(l.whole.brotli)}`);
    for (const row of l.rows) {
      if (row.raw === 0) continue;
      const part = row.part === "gazetteer (data)" ? "gazetteer core (data)" : row.part;
      console.log(`  ${part.padEnd(32)} ${kb(row.raw)} ${kb(row.gzip)}`);
    }
    r.liteData = [];
    for (const f of ["alam_lite.js", "gazetteer.tsv", "model.bin"]) {
      const p = join(pkg, f);
      if (!existsSync(p)) continue;
      const b = readFileSync(p);
      r.liteData.push({ file: f, raw: b.length, gzip: gz(b), brotli: br(b) });
      console.log(`${f.padEnd(34)} ${kb(b.length)} ${kb(gz(b))} ${kb(br(b))}`);
    }
  }
  const budget = 1300 * 1000;
  console.log(`\n.wasm gzip ${(r.whole.gzip / 1024).toFixed(0)} KB of the 1,300 KB budget: ${r.whole.gzip <= budget ? "within" : "OVER"}`);
  const jsonPath = opt("--json");
  if (jsonPath) writeFileSync(jsonPath, JSON.stringify(r, null, 2) + "\n");
}
