// The npm package as a web developer gets it: `npm pack` of pkg/, installed
// from the tarball into a scratch project with Vite and webpack from the npm
// registry, and the README's own snippet (the ```js block of "Use it from
// npm", unchanged) as the app. Checked in Chromium: the Vite dev server, a
// Vite build served by `vite preview`, a webpack 5 build with no config;
// and under Node the same snippet without its lines marked "browser only".
//
// The scratch project lives in target/bundlers/ so that reruns reuse its
// node_modules; its package.json is written here. When the registry cannot be
// reached and nothing is cached, the tests skip, saying so.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { root, serve, launch, watchErrors, screenshotPath } from "./helpers.mjs";

const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const work = join(target, "bundlers");
const pkgDir = join(root, "pkg");
const TOOLS = { vite: "^8.4.0", webpack: "^5.113.0", "webpack-cli": "^6.0.1" };

/** The README's snippet for npm users. */
function readmeSnippet() {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Use it from npm"));
  const m = /```js\n([\s\S]*?)```/.exec(section);
  assert.ok(m, "README has a ```js block under 'Use it from npm'");
  return m[1];
}

const HTML = (script) => `<!doctype html>
<html dir="rtl" lang="ar">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>تطبيق تجريبي</title></head>
<body>
<article><p>وقّعت <b>شركة الكهرباء الوطنية</b> في <a href="#amman">عمّان</a> اتفاقا مع وزارة الطاقة يوم الخميس.</p></article>
<alam-highlight labels="LOC"><p>وصل المبعوث الأممي إلى دمشق ثم إلى حلب.</p></alam-highlight>
${script}
</body>
</html>
`;

let ready = null; // null: set up; else a reason to skip
let browser;
let closeBrowser;
const npm = (args, cwd, opts = {}) =>
  execFileSync("npm", args, { cwd, encoding: "utf8", stdio: "pipe", timeout: 300_000, ...opts });

before(async () => {
  assert.ok(existsSync(join(pkgDir, "package.json")), "pkg/ is built (scripts/build.sh)");
  mkdirSync(work, { recursive: true });
  // The tools: installed once, reused while this package.json is unchanged.
  const manifest = JSON.stringify({ private: true, type: "module", devDependencies: TOOLS }, null, 2) + "\n";
  const have = existsSync(join(work, "package.json")) ? readFileSync(join(work, "package.json"), "utf8") : "";
  const stamp = join(work, "node_modules", ".tools-installed");
  if (have !== manifest || !existsSync(stamp)) {
    writeFileSync(join(work, "package.json"), manifest);
    try {
      npm(["install", "--no-audit", "--no-fund", "--no-save"], work);
      writeFileSync(stamp, manifest);
    } catch (e) {
      ready = `npm could not install ${Object.keys(TOOLS).join(", ")} (registry unreachable?): ${String(e.stderr ?? e.message).split("\n").slice(-3).join(" ")}`;
      return;
    }
  }
  // The package itself, packed as it would be published, installed from the tarball.
  for (const f of readdirSync(work)) if (f.endsWith(".tgz")) rmSync(join(work, f));
  const tgz = npm(["pack", "--silent", "--pack-destination", work, pkgDir], work).trim().split("\n").pop();
  npm(["install", "--no-audit", "--no-fund", "--no-save", "--prefer-offline", join(work, tgz)], work);
  ({ browser, close: closeBrowser } = await launch());
});

after(async () => {
  await closeBrowser?.();
});

/** Start a long-running command; resolves with its URL once it prints one. */
function startServer(cmd, args, cwd) {
  const proc = spawn(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"], detached: true });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`${cmd} ${args.join(" ")} did not start: ${out}`)), 60_000);
    const on = (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out.replace(/\x1b\[[0-9;]*m/g, ""));
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], close: () => { try { process.kill(-proc.pid); } catch {} } });
      }
    };
    proc.stdout.on("data", on);
    proc.stderr.on("data", on);
    proc.on("exit", (code) => reject(new Error(`${cmd} exited ${code}: ${out}`)));
  });
}

/** A project folder with the snippet as its app. */
function project(name, { entry, html }) {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(join(dir, "src", entry), readmeSnippet());
  if (html) writeFileSync(join(dir, html.path), html.text);
  return dir;
}

/** Open the app in Chromium and check what the snippet did. */
async function check(url, name) {
  const page = await browser.newPage({ viewport: { width: 900, height: 500 } });
  const errors = watchErrors(page);
  const logs = [];
  page.on("console", (m) => logs.push(m.text()));
  // Every file the bundler emitted was found (the element's gazetteer.tsv and model.bin too).
  const failed = [];
  page.on("response", (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
  const data = [];
  page.on("requestfinished", (r) => /\.(tsv|bin)(\?|$)/.test(r.url()) && data.push(r.url()));
  await page.addInitScript(() => document.addEventListener("alam-error", (e) => console.error(`alam-error: ${e.detail.message}`)));
  await page.goto(url);
  // The element's complete result (its early marks come before the model).
  await page.waitForFunction(
    () => document.querySelector("article mark") && document.querySelector("alam-highlight")?.doc,
    null, { timeout: 60_000 },
  ).catch(() => {});
  const r = await page.evaluate(() => ({
    article: [...document.querySelectorAll("article mark")].map((m) => [m.dataset.label, m.textContent]),
    element: [...document.querySelectorAll("alam-highlight mark")].map((m) => [m.dataset.label, m.textContent]),
    link: document.querySelector("article a")?.getAttribute("href"),
    styled: document.querySelector("article mark") ? getComputedStyle(document.querySelector("article mark")).backgroundColor : null,
    // The snippet's CSS import reached the page (the element's adopted sheet is not in document.styleSheets).
    cssImported: [...document.styleSheets].some((s) => {
      try {
        return [...s.cssRules].some((r) => r.cssText.includes("mark.alam-mark"));
      } catch {
        return false;
      }
    }),
  }));
  await page.screenshot({ path: screenshotPath(`bundler-${name}.png`) });
  await page.close();
  assert.deepEqual(errors, [], `${name}: no console or page errors`);
  assert.deepEqual(failed, [], `${name}: no failed request`);
  assert.equal(data.length, 2, `${name}: the element loaded its gazetteer and model: ${JSON.stringify(data)}`);
  assert.ok(logs.some((l) => /^NORP المصرية /.test(l)), `${name}: the snippet logged its entities: ${JSON.stringify(logs)}`);
  assert.ok(logs.some((l) => /^MONEY 1\.5 مليار دولار 1500000000 USD$/.test(l)), `${name}: MONEY with value and currency: ${JSON.stringify(logs)}`);
  assert.ok(r.article.some(([l, t]) => l === "LOC" && t === "عمّان"), `${name}: highlight() marked the article: ${JSON.stringify(r.article)}`);
  assert.equal(r.link, "#amman");
  assert.notEqual(r.styled, "rgba(0, 0, 0, 0)", `${name}: highlight.css applied`);
  assert.ok(r.cssImported, `${name}: import "alam-ner/highlight.css" reached the page`);
  assert.deepEqual(r.element, [["LOC", "دمشق"], ["LOC", "حلب"]], `${name}: <alam-highlight> worked`);
}

test("Vite dev server: the README snippet, unchanged, with no config", async (t) => {
  if (ready) return t.skip(ready);
  const dir = project("vite-dev", { entry: "main.js", html: { path: "index.html", text: HTML(`<script type="module" src="/src/main.js"></script>`) } });
  const vite = join(work, "node_modules", ".bin", "vite");
  const s = await startServer(vite, ["--host", "127.0.0.1", "--port", "0", "--clearScreen", "false"], dir);
  try {
    await check(s.url, "vite-dev");
  } finally {
    s.close();
  }
});

test("Vite build + preview: the README snippet, unchanged, with no config", async (t) => {
  if (ready) return t.skip(ready);
  const dir = project("vite-build", { entry: "main.js", html: { path: "index.html", text: HTML(`<script type="module" src="/src/main.js"></script>`) } });
  const vite = join(work, "node_modules", ".bin", "vite");
  execFileSync(vite, ["build", "--logLevel", "warn"], { cwd: dir, stdio: "pipe", timeout: 300_000 });
  const s = await startServer(vite, ["preview", "--host", "127.0.0.1", "--port", "0"], dir);
  try {
    await check(s.url, "vite-build");
  } finally {
    s.close();
  }
});

test("webpack 5 with no config: the README snippet, unchanged", async (t) => {
  if (ready) return t.skip(ready);
  const dir = project("webpack", { entry: "index.js" });
  const webpack = join(work, "node_modules", ".bin", "webpack");
  try {
    execFileSync(webpack, ["--mode", "production"], { cwd: dir, encoding: "utf8", stdio: "pipe", timeout: 300_000 });
  } catch (e) {
    assert.fail(`webpack failed:\n${e.stdout}\n${e.stderr}`);
  }
  // What html-webpack-plugin would write: the bundle and the CSS webpack extracted.
  const css = existsSync(join(dir, "dist", "main.css")) ? `<link rel="stylesheet" href="main.css">` : "";
  writeFileSync(join(dir, "dist", "index.html"), HTML(`${css}<script src="main.js"></script>`));
  const s = await serve(join(dir, "dist"));
  try {
    await check(s.url, "webpack");
  } finally {
    s.close();
  }
});

test("Node: the README snippet without its browser-only lines, importing the packed package", (t) => {
  if (ready) return t.skip(ready);
  const lines = readmeSnippet().split("\n");
  const browserOnly = lines.filter((l) => /\/\/ browser only/.test(l));
  assert.ok(browserOnly.length >= 3, "the README marks its browser-only lines");
  const dir = join(work, "node");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  writeFileSync(join(dir, "app.mjs"), lines.filter((l) => !/\/\/ browser only/.test(l)).join("\n"));
  const out = execFileSync(process.execPath, [join(dir, "app.mjs")], { cwd: dir, encoding: "utf8" });
  assert.match(out, /^NORP المصرية /m);
  assert.match(out, /^MONEY 1\.5 مليار دولار 1500000000 USD$/m);
});
