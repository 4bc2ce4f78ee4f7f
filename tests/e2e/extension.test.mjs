// The browser extension (target/extension/, written by scripts/build.sh),
// loaded unpacked into headless Chromium (--load-extension), exactly as shipped.
//
// The toolbar button is pressed through the DevTools protocol:
// Extensions.triggerAction runs the extension's action on a tab as a click
// would (the panel opens, and activeTab is granted for that tab). It needs
// --enable-unsafe-extension-debugging and a pipe connection (Playwright's
// default); Debian's Chromium 156 has it. Where a Chromium lacks it, the
// test skips and says so. The panel is read through Target.sendMessageToTarget.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root, serve, chromium, CHROMIUM_OPTIONS, watchErrors, screenshotPath } from "./helpers.mjs";

const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const shipped = join(target, "extension");

// Our own page: an Arabic article with the things a real site has around it.
const ARTICLE = `<!doctype html>
<html lang="ar" dir="rtl">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>صحيفة تجريبية</title>
<script src="site.js"></script></head>
<body>
<nav><a href="#">الرئيسية</a> · <a href="#">سياسة</a></nav>
<article id="story">
<h1>محادثات في <b>الدوحة</b> حول الموانئ</h1>
<p>التقى وزير النقل القطري نظيره العماني في <a href="#doha">الدوحة</a> يوم الأحد، وبحث الجانبان ربط ميناء حمد بميناء صحار.</p>
<p>وقال المتحدث باسم الوزارة: «الاتفاق يختصر زمن الشحن إلى النصف»، مضيفا أن قيمة المشروع تبلغ 300 مليون دولار.</p>
<p lang="en" dir="ltr" id="english">Reporting from Doha by our correspondent in Qatar.</p>
<div id="editor" contenteditable="true">اكتب تعليقك عن قطر هنا</div>
</article>
<div id="host"></div>
<iframe id="frame" srcdoc="<p>زار الوفد الرياض</p>"></iframe>
</body>
</html>
`;
// The page's own script: it must keep working and see nothing of the extension.
const SITE_JS = `window.siteTicks = 0;
setInterval(() => window.siteTicks++, 50);
document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("host").attachShadow({ mode: "open" });
  root.innerHTML = "<p>خبر عن عمّان في ظل شجرة</p>";
});
`;

let dir;
let server;
let context;
let cdp; // the browser's DevTools session
let id; // the extension's id
let skip = null;

before(async () => {
  assert.ok(existsSync(join(shipped, "manifest.json")), "target/extension is built (scripts/build.sh)");
  dir = mkdtempSync(join(tmpdir(), "alam-ext-"));
  const site = join(dir, "site");
  mkdirSync(site);
  writeFileSync(join(site, "article.html"), ARTICLE);
  writeFileSync(join(site, "site.js"), SITE_JS);
  server = await serve(site);

  context = await chromium.launchPersistentContext(join(dir, "profile"), {
    ...CHROMIUM_OPTIONS,
    ignoreDefaultArgs: ["--disable-extensions"],
    args: [...CHROMIUM_OPTIONS.args, "--enable-unsafe-extension-debugging",
      `--disable-extensions-except=${shipped}`, `--load-extension=${shipped}`],
    viewport: { width: 900, height: 800 },
  });
  cdp = await context.browser().newBrowserCDPSession();
  try {
    const { extensions } = await cdp.send("Extensions.getExtensions");
    id = extensions.find((e) => e.path === shipped)?.id;
    if (!id) skip = `the unpacked extension did not load: ${JSON.stringify(extensions)}`;
  } catch (e) {
    skip = `this Chromium has no Extensions domain in DevTools (${e.message}): the toolbar button cannot be pressed`;
  }
});

after(async () => {
  await context?.close().catch(() => {});
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the shipped manifest: activeTab and scripting only, no host permission, no network", () => {
  const m = JSON.parse(readFileSync(join(shipped, "manifest.json"), "utf8"));
  assert.equal(m.manifest_version, 3);
  assert.deepEqual(m.permissions, ["activeTab", "scripting"]);
  for (const key of ["host_permissions", "optional_permissions", "optional_host_permissions", "content_scripts", "web_accessible_resources", "externally_connectable", "background"]) {
    assert.equal(m[key], undefined, `no ${key}`);
  }
  const csp = m.content_security_policy.extension_pages;
  assert.match(csp, /connect-src 'self'/, "extension pages may fetch their own files only");
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  for (const lang of ["en", "ar"]) {
    const msgs = JSON.parse(readFileSync(join(shipped, "_locales", lang, "messages.json"), "utf8"));
    for (const k of ["name", "short_name", "description", "action_title", "store_summary"]) assert.ok(msgs[k]?.message, `${lang} ${k}`);
    assert.ok(msgs.description.message.length <= 132, `${lang} description fits the store's 132 characters`);
  }
  for (const f of Object.values(m.icons)) assert.ok(existsSync(join(shipped, f)), f);
  // No code of the extension names a remote address (comment lines aside:
  // wasm-bindgen's glue cites MDN in one).
  const code = readdirSync(shipped, { recursive: true }).filter((f) => /\.(js|html)$/.test(f));
  for (const f of code) {
    const text = readFileSync(join(shipped, f), "utf8").replace(/^\s*\/\/.*$/gm, "");
    assert.doesNotMatch(text, /\bhttps?:\/\/(?!www\.w3\.org\/)/, `${f} names no remote address`);
  }
});

/** Press the toolbar button on the tab showing `page`; resolves with the panel that opened. */
async function press(page) {
  for (const t of await targets("page")) {
    if (t.url.startsWith(`chrome-extension://${id}/panel.html`)) await cdp.send("Target.closeTarget", { targetId: t.targetId });
  }
  const tab = (await targets("tab")).find((t) => t.url === page.url());
  assert.ok(tab, "the page's tab target");
  await cdp.send("Extensions.triggerAction", { id, targetId: tab.targetId });
  let panel;
  for (let i = 0; i < 100 && !panel; i++) {
    panel = (await targets("page")).find((t) => t.url.startsWith(`chrome-extension://${id}/panel.html`));
    if (!panel) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(panel, "the button opened the panel");
  const session = await attach(panel.targetId);
  for (let i = 0; i < 600; i++) {
    const state = await session.eval("document.documentElement?.dataset.state ?? ''");
    if (state) return { ...session, state };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the panel did not finish: ${await session.eval("document.body.innerText")}`);
}

async function targets(type) {
  return (await cdp.send("Target.getTargets", { filter: [{ type }] })).targetInfos;
}

/** A DevTools session with the panel (a page Playwright does not list). */
async function attach(targetId) {
  const { sessionId } = await cdp.send("Target.attachToTarget", { targetId, flatten: false });
  let next = 1;
  const waiting = new Map();
  cdp.on("Target.receivedMessageFromTarget", (m) => {
    if (m.sessionId !== sessionId) return;
    const msg = JSON.parse(m.message);
    waiting.get(msg.id)?.(msg);
    waiting.delete(msg.id);
  });
  const send = async (method, params = {}) => {
    const n = next++;
    const reply = new Promise((r) => waiting.set(n, r));
    await cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id: n, method, params }) });
    const msg = await reply;
    if (msg.error) throw new Error(`${method}: ${msg.error.message}`);
    return msg.result;
  };
  const evalIn = async (expression) => {
    const r = await send("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value;
  };
  const screenshot = async (path) => {
    const { data } = await send("Page.captureScreenshot", { format: "png" });
    writeFileSync(path, Buffer.from(data, "base64"));
  };
  return { eval: evalIn, send, screenshot, targetId };
}

test("unpacked: the button marks a local Arabic page, the panel lists its entities, a second press unmarks it", async (t) => {
  if (skip) return t.skip(skip);
  const page = await context.newPage();
  const pageErrors = watchErrors(page);
  await page.goto(`${server.url}article.html`);
  await page.waitForFunction(() => document.getElementById("host").shadowRoot);
  const pristine = await page.evaluate(() => document.documentElement.outerHTML);

  // First press: marks.
  const first = await press(page);
  assert.equal(first.state, "marked", await first.eval("document.getElementById('status').textContent"));
  const marked = await page.evaluate(() => ({
    marks: [...document.querySelectorAll("mark.alam-mark")].map((m) => [m.dataset.label, m.textContent]),
    inLink: document.querySelectorAll("a mark").length,
    english: document.querySelectorAll("#english mark").length,
    editor: document.querySelectorAll("#editor mark").length,
    shadow: document.getElementById("host").shadowRoot.innerHTML,
    frame: document.getElementById("frame").contentDocument.body.innerHTML,
    script: document.querySelector("script[src]").outerHTML,
    ticks: window.siteTicks,
    api: typeof window.alamPage + typeof window.alamHighlight,
    styled: getComputedStyle(document.querySelector("mark.alam-mark")).backgroundColor,
  }));
  for (const [label, text] of [["LOC", "الدوحة"], ["MONEY", "300 مليون دولار"]]) {
    assert.ok(marked.marks.some(([l, t]) => l === label && t === text), `${label} ${text}: ${JSON.stringify(marked.marks)}`);
  }
  assert.ok(marked.inLink > 0, "marks inside a link, the link kept");
  assert.equal(marked.english, 0, "English text nodes are left alone");
  assert.equal(marked.editor, 0, "editable areas are left alone");
  assert.equal(marked.shadow, "<p>خبر عن عمّان في ظل شجرة</p>", "shadow DOM left alone");
  assert.equal(marked.frame, "<p>زار الوفد الرياض</p>", "frames left alone");
  assert.equal(marked.script, '<script src="site.js"></script>');
  assert.equal(marked.api, "undefinedundefined", "the page's scripts see nothing of the extension");
  assert.notEqual(marked.styled, "rgba(0, 0, 0, 0)", "highlight.css inserted");
  const t0 = marked.ticks;
  await page.waitForTimeout(200);
  assert.ok((await page.evaluate(() => window.siteTicks)) > t0, "the page's own script keeps running");

  // The panel: groups by cluster with values and ids, quotes, label toggles.
  const panel = await first.eval(`({
    groups: [...document.querySelectorAll("#groups li[data-label]")].map((li) => li.textContent),
    quotes: [...document.querySelectorAll("#quotes li")].map((li) => li.textContent),
    legend: [...document.querySelectorAll("#legend button:not(.empty)")].map((b) => b.dataset.label),
  })`);
  assert.ok(panel.groups.some((g) => g.includes("الدوحة") && g.includes("Doha")), JSON.stringify(panel.groups));
  assert.ok(panel.groups.some((g) => g.includes("300 مليون دولار") && g.includes("300000000")), JSON.stringify(panel.groups));
  assert.equal(panel.quotes.length, 1);
  assert.ok(panel.legend.includes("LOC"));
  // caret: "initial", or Playwright leaves style="" on the editable element it hid the caret of.
  await page.screenshot({ path: screenshotPath("extension-page.png"), caret: "initial" });
  await first.screenshot(screenshotPath("extension-panel.png"));

  // A label toggle hides that label's marks on the page.
  await first.eval(`document.querySelector('#legend button[data-label="LOC"]').click()`);
  await page.waitForFunction(() => !document.querySelector("mark.alam-LOC"));
  assert.ok(await page.evaluate(() => document.querySelectorAll("mark.alam-mark").length > 0), "other labels stay marked");

  // Second press: every mark removed, the page exactly as it was.
  const second = await press(page);
  assert.equal(second.state, "cleared");
  assert.equal(await page.evaluate(() => document.querySelectorAll("mark").length), 0);
  assert.equal(await page.evaluate(() => document.documentElement.outerHTML), pristine, "the DOM is back as it was");

  // Offline: a third press marks again with the network cut.
  await context.setOffline(true);
  try {
    const third = await press(page);
    assert.equal(third.state, "marked", await third.eval("document.getElementById('status').textContent"));
    assert.ok(await page.evaluate(() => document.querySelectorAll("mark.alam-mark").length > 0));
  } finally {
    await context.setOffline(false);
  }
  assert.deepEqual(pageErrors, []);
  await page.close();
});
