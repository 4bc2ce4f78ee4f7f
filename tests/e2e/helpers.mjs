// Shared by the Playwright e2e tests: serve www/ on 127.0.0.1 and launch the
// system Chromium through playwright-core (no browser download).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, readFileSync, mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, "..", "..");
export const www = join(root, "www");
export const shots = join(here, "screenshots");
const require = createRequire(join(root, "scripts", "package.json"));
const { chromium } = require("playwright-core");

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** Serve www/ (or `dir`) with python3 -m http.server on a free loopback port. */
export async function serve(dir = www) {
  const proc = spawn("python3", ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", dir], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const port = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`http.server did not start: ${out}`)), 10_000);
    proc.stdout.on("data", (d) => {
      out += d;
      const m = /port (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    proc.on("exit", (code) => reject(new Error(`http.server exited ${code}: ${out}`)));
  });
  proc.stderr.resume(); // request log
  return { url: `http://127.0.0.1:${port}/`, close: () => proc.kill() };
}

/** What launch() passes to Playwright: the system Chromium, headless, no network of its own. */
export const CHROMIUM_OPTIONS = {
  executablePath: CHROMIUM,
  headless: true,
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
    "--no-first-run", "--disable-background-networking", "--disable-component-update",
    "--disable-sync",
  ],
};

/** Launch headless Chromium (Playwright gives each launch a fresh temporary profile). */
export async function launch() {
  const browser = await chromium.launch(CHROMIUM_OPTIONS);
  const close = () => browser.close().catch(() => {});
  return { browser, close };
}

export { chromium };

/** Console errors and page errors of a page, collected for assertions. */
export function watchErrors(page) {
  const errors = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

export function screenshotPath(name) {
  mkdirSync(shots, { recursive: true });
  return join(shots, name);
}

/** The reference article when ../shared is present, else our own sample. */
export function referenceText() {
  const p = join(root, "..", "shared", "seed", "article.txt");
  if (existsSync(p)) return { text: readFileSync(p, "utf8"), shared: true };
  return { text: null, shared: false };
}

/**
 * Run axe-core in `page` with the WCAG 2.1 A and AA rules; returns its
 * violations as short strings ("rule ×n: selector …"), empty when clean.
 * The source is evaluated through the DevTools protocol, which the page's CSP
 * does not govern, so the page needs no exception for it.
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.evaluate(readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  }
  const violations = await page.evaluate(() =>
    window.axe
      .run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })
      .then((r) => r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => ({ target: n.target, why: n.failureSummary })) }))));
  return violations.map((v) =>
    `${v.id} ×${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")} (${(n.why ?? "").split("\n")[1]?.trim()})`).join("; ")}`);
}
