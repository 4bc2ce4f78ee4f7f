// Time to first highlight, as a reader feels it (a benchmark, not a test).
//
//   node scripts/bench/first-highlight.mjs [--runs 3] [--encodings br,gzip,identity] [--preload]
//                                          [--shapes lite,full,floor] [--rtt 150] [--mbit 1.6] [--cpu 4]
//
// Opens a page that holds one <alam-highlight> (and the one script tag) in
// headless Chromium, and reports the time from navigation start to the first
// <mark> and to the complete result (the alam-entities event) on a first
// visit (empty cache) and on a repeat visit (a new navigation to the same
// page: HTTP cache, and V8's cache of the compiled WebAssembly). Shapes: "lite"
// is the element as shipped (alam_lite_bg.wasm, then gazetteer.tsv and
// model.bin); "full" names the module with everything embedded
// (src="/alam/alam_bg.wasm": one download); "floor" replaces alam-element.js
// with a module that marks the element's first word at once, with no
// analysis: what this page, server and CPU cost before any of alam's work. The server is a production-like one written here: it
// compresses with brotli or gzip (Content-Encoding), sends
// `Cache-Control: public, max-age=31536000, immutable` for the files of
// /alam/ and `no-cache` with an ETag for the page, and shapes its own traffic:
// 150 ms before each response starts (the round trip) and every body byte out
// through one shared 1.6 Mbit/s pipe. The CPU is slowed 4x with DevTools
// (Emulation.setCPUThrottlingRate). Shaping at the server, rather than
// DevTools' network emulation, also covers the worker's requests.
//
// Reported per encoding: medians over --runs fresh browser profiles, with
// where the first visit's time goes (when the .wasm response ended, so the
// rest is compile, instantiate, the first analysis and marking).
import { createServer } from "node:http";
import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { join, extname, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync, constants as zc } from "node:zlib";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(join(root, "scripts", "package.json"));
const { chromium } = require("playwright-core");

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const RUNS = Number(opt("runs", "3"));
const ENCODINGS = opt("encodings", "br,gzip,identity").split(",");
const RTT_MS = Number(opt("rtt", "150"));
const BYTES_PER_S = (Number(opt("mbit", "1.6")) * 1e6) / 8;
const CPU = Number(opt("cpu", "4"));
// --preload: the page also says <link rel="preload" href="(the .wasm)" as="fetch" crossorigin>.
const PRELOAD = args.includes("--preload");
const SHAPES = opt("shapes", "lite,full,floor").split(",");
const MODULE = { lite: "/alam/alam_lite_bg.wasm", full: "/alam/alam_bg.wasm" };

const pkg = join(root, "www", "pkg");
if (!existsSync(join(pkg, "alam-element.js"))) {
  console.error("www/pkg/alam-element.js is missing: run scripts/build.sh first");
  process.exit(1);
}

// Our own page: a short news item in one element.
// The floor's script: defines the element and marks at once.
const FLOOR_JS = `customElements.define("alam-highlight", class extends HTMLElement {
  connectedCallback() {
    const m = document.createElement("mark");
    m.textContent = "·";
    this.prepend(m);
    this.dispatchEvent(new CustomEvent("alam-entities", { bubbles: true, detail: {} }));
  }
});
`;
const page = (shape) => `<!doctype html>
<html dir="rtl" lang="ar">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'">
<title>خبر قصير</title>
<link rel="icon" href="data:,">
${PRELOAD ? `<link rel="preload" href="${MODULE[shape]}" as="fetch" crossorigin>\n` : ""}<script type="module" src="${shape === "floor" ? "/floor.js" : "/alam/alam-element.js"}"></script>
</head>
<body>
<alam-highlight${shape === "full" ? ` src="${MODULE.full}"` : ""}>
<h1>افتتاح معرض للكتاب في <b>الشارقة</b></h1>
<p>افتتح حاكم الشارقة يوم الأربعاء الدورة الجديدة من المعرض بمشاركة ناشرين من مصر ولبنان والمغرب، ويستمر المعرض حتى 16 نوفمبر/تشرين الثاني.</p>
<p>وقالت هيئة الشارقة للكتاب إن عدد العناوين المعروضة تجاوز مليوني عنوان.</p>
</alam-highlight>
</body>
</html>
`;

const TYPES = {
  ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".html": "text/html; charset=utf-8",
  ".tsv": "text/tab-separated-values; charset=utf-8", ".bin": "application/octet-stream",
};

// Compressed bodies, made once per file and encoding.
const bodies = new Map();
function body(path, encoding) {
  const key = `${path}\0${encoding}`;
  if (!bodies.has(key)) {
    const raw = path.startsWith("/page-") ? Buffer.from(page(path.slice(6, -5))) : path === "/floor.js" ? Buffer.from(FLOOR_JS) : readFileSync(join(pkg, path.slice("/alam/".length)));
    const compressible = extname(path) !== ".png";
    let out = raw;
    if (compressible && encoding === "br") {
      out = brotliCompressSync(raw, { params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: raw.length } });
    } else if (compressible && encoding === "gzip") {
      out = gzipSync(raw, { level: 9 });
    }
    bodies.set(key, { out, etag: `"${createHash("sha256").update(raw).digest("hex").slice(0, 16)}"`, encoded: out !== raw });
  }
  return bodies.get(key);
}

// One shared pipe: body bytes leave at BYTES_PER_S in total, in 4 KB slices.
// Slices are timed from when the pipe last became busy, so late timers do
// not add up to a slower link.
let busySince = 0;
let busyBytes = 0;
let pipeFree = 0;
function shapedWrite(res, buf) {
  return new Promise((resolve) => {
    let off = 0;
    const next = () => {
      if (off >= buf.length) return resolve();
      const n = Math.min(4096, buf.length - off);
      const now = performance.now();
      if (pipeFree < now - 5) {
        busySince = now;
        busyBytes = 0;
      }
      busyBytes += n;
      const at = busySince + (busyBytes / BYTES_PER_S) * 1000;
      pipeFree = at;
      setTimeout(() => {
        res.write(buf.subarray(off, off + n));
        off += n;
        next();
      }, Math.max(0, at - now));
    };
    next();
  });
}

/** Compress every file once, before any timing (brotli 11 takes seconds on the .wasm). */
function precompress(encoding) {
  for (const shape of SHAPES) body(`/page-${shape}.html`, encoding);
  body("/floor.js", encoding);
  for (const f of readdirSync(pkg, { recursive: true })) {
    if (statSync(join(pkg, f)).isFile()) body(`/alam/${f}`, encoding);
  }
}

function startServer(encoding, log) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    const start = performance.now();
    const isPage = /^\/page-(lite|full|floor)\.html$/.test(path);
    const file = isPage || path === "/floor.js" || (path.startsWith("/alam/") && !path.includes("..") && existsSync(join(pkg, path.slice(6))) && statSync(join(pkg, path.slice(6))).isFile());
    await new Promise((r) => setTimeout(r, RTT_MS));
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    const accepts = String(req.headers["accept-encoding"] ?? "");
    const enc = encoding !== "identity" && accepts.includes(encoding) ? encoding : "identity";
    const b = body(path, enc);
    const headers = {
      "content-type": TYPES[extname(path)] ?? "application/octet-stream",
      "content-length": b.out.length,
      etag: b.etag,
      "cache-control": isPage ? "no-cache" : "public, max-age=31536000, immutable",
      vary: "accept-encoding",
    };
    if (b.encoded) headers["content-encoding"] = enc;
    if (req.headers["if-none-match"] === b.etag) {
      res.writeHead(304, { etag: b.etag, "cache-control": headers["cache-control"] }).end();
      log.push({ path, status: 304, bytes: 0, start, end: performance.now() });
      return;
    }
    res.writeHead(200, headers);
    await shapedWrite(res, b.out);
    res.end();
    log.push({ path, status: 200, bytes: b.out.length, start, end: performance.now() });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function visit(context, url, log) {
  const from = log.length;
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU });
  await page.addInitScript(() => {
    customElements.whenDefined("alam-highlight").then(() => (window.__defined = performance.now()));
    document.addEventListener("alam-entities", () => (window.__complete ??= performance.now()));
    new MutationObserver((_, obs) => {
      if (document.querySelector("mark")) {
        window.__firstMark = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const t0 = Date.now();
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => window.__complete !== undefined, null, { timeout: 120_000, polling: 50 });
  const { firstMark, defined, complete } = await page.evaluate(() => ({
    firstMark: window.__firstMark, defined: window.__defined, complete: window.__complete,
  }));
  await page.close();
  // Server-side times, from the page's request arriving (about navigation start).
  const mine = log.slice(from);
  const t = mine.find((l) => l.path.startsWith("/page-"))?.start ?? 0;
  const wasm = mine.find((l) => l.path.endsWith(".wasm") && l.status === 200);
  return {
    firstMark,
    complete,
    defined,
    wasmStart: wasm ? wasm.start - t : null,
    wasmEnd: wasm ? wasm.end - t : null,
    wasmFetched: Boolean(wasm),
    wall: Date.now() - t0,
  };
}

const chromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

console.log(`# time to first highlight: ${BYTES_PER_S * 8 / 1e6} Mbit/s shared, ${RTT_MS} ms per request, CPU ${CPU}x slower, ${RUNS} runs${PRELOAD ? ", the page preloads the .wasm" : ""}`);
console.log("| shape | encoding | .wasm, data on the wire | first visit: first mark | complete | element defined | .wasm requested | .wasm fully sent | repeat visit: first mark | complete |");
console.log("|---|---|---|---|---|---|---|---|---|---|");
for (const shape of SHAPES) for (const encoding of ENCODINGS) {
  const first = [];
  const done = [];
  const doneAgain = [];
  const wasmAt = [];
  const wasmFrom = [];
  const repeat = [];
  const defined = [];
  let wire = 0;
  let data = 0;
  precompress(encoding);
  for (let run = 0; run < RUNS; run++) {
    const log = [];
    const server = await startServer(encoding, log);
    const url = `http://127.0.0.1:${server.address().port}/page-${shape}.html`;
    const profile = mkdtempSync(join(tmpdir(), "alam-fh-"));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true, args: chromiumArgs,
    });
    try {
      const a = await visit(context, url, log);
      first.push(a.firstMark);
      done.push(a.complete);
      defined.push(a.defined);
      if (a.wasmEnd != null) wasmAt.push(a.wasmEnd);
      if (a.wasmStart != null) wasmFrom.push(a.wasmStart);
      wire = log.filter((l) => l.path.endsWith(".wasm")).reduce((n, l) => n + l.bytes, 0);
      data = log.filter((l) => /\.(tsv|bin)$/.test(l.path)).reduce((n, l) => n + l.bytes, 0);
      await new Promise((r) => setTimeout(r, 1500)); // let the compiled code reach the cache
      const b = await visit(context, url, log);
      repeat.push(b.firstMark);
      doneAgain.push(b.complete);
      if (b.wasmFetched) console.error(`note: the repeat visit fetched the .wasm again (${shape}, ${encoding})`);
    } finally {
      await context.close();
      server.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }
  const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const ms = (xs) => `${Math.round(median(xs))} ms (${xs.map((x) => Math.round(x)).join(", ")})`;
  console.log(`| ${shape} | ${encoding} | ${wire.toLocaleString("en")} + ${data.toLocaleString("en")} bytes | **${fmt(median(first))}** (${first.map(fmt).join(", ")}) | ${fmt(median(done))} | ${fmt(median(defined))} | ${wasmFrom.length ? fmt(median(wasmFrom)) : "?"} | ${wasmAt.length ? fmt(median(wasmAt)) : "?"} | **${ms(repeat)}** | ${ms(doneAgain)} |`);
}
