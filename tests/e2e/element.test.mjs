// <alam-highlight> (www/pkg/alam-element.js) on pages that hold nothing else:
// one script tag and the element, served from a folder where www/pkg/ is
// /alam/, as a page author would copy it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root, serve, launch, watchErrors, screenshotPath } from "./helpers.mjs";

const pkg = join(root, "www", "pkg");
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'";

// Our own sample text: a made-up news item with links, bold and a list.
const BODY = `<h2>وزراء النقل يجتمعون في <b>بيروت</b></h2>
<p>استضافت <a href="#morocco">المغرب</a> يوم الأربعاء اجتماعا لوزراء النقل العرب، وقالت وزيرة النقل التونسية إن <strong>جامعة الدول العربية</strong> ستموّل دراسة لخط قطارات يربط <a href="#tunis">تونس</a> بالجزائر.</p>
<ul><li>الاجتماع المقبل في <b>القاهرة</b> خلال أكتوبر/تشرين الأول 2026.</li></ul>`;

function page({ csp = false, css = false, extra = "", elements = [`<alam-highlight>${BODY}</alam-highlight>`] } = {}) {
  return `<!doctype html>
<html dir="rtl" lang="ar">
<head>
<meta charset="utf-8">
${csp ? `<meta http-equiv="Content-Security-Policy" content="${CSP}">` : ""}
<title>صفحة تجريبية</title>
<link rel="icon" href="data:,">
${css ? `<link rel="stylesheet" href="page.css">` : ""}
<script type="module" src="/alam/alam-element.js"></script>
</head>
<body>
${elements.join("\n")}
${extra}
</body>
</html>
`;
}

let dir;
let server;
let browser;
let closeBrowser;

before(async () => {
  assert.ok(existsSync(join(pkg, "alam-element.js")), "www/pkg/alam-element.js exists (run scripts/build.sh)");
  dir = mkdtempSync(join(tmpdir(), "alam-element-"));
  symlinkSync(pkg, join(dir, "alam"), "dir");
  mkdirSync(join(dir, "elsewhere"));
  symlinkSync(join(pkg, "alam_bg.wasm"), join(dir, "elsewhere", "model.wasm"));
  writeFileSync(join(dir, "plain.html"), page());
  writeFileSync(join(dir, "csp.html"), page({ csp: true }));
  writeFileSync(join(dir, "styled.html"), page({ csp: true, css: true }));
  writeFileSync(join(dir, "page.css"), "alam-highlight { --alam-LOC: rgb(255, 0, 0); }\nmark.alam-ORG { outline: 3px solid rgb(0, 0, 255); }\n");
  writeFileSync(join(dir, "three.html"), page({
    csp: true,
    elements: [
      `<alam-highlight id="a" labels="LOC">${BODY}</alam-highlight>`,
      `<alam-highlight id="b" labels="PER ORG"><p>التقى الرئيس التركي <b>رجب طيب أردوغان</b> نظيره الفرنسي في أنقرة.</p></alam-highlight>`,
      `<alam-highlight id="c" reference-date="2026-03-10" tooltips="off"><p>وصل الوفد أمس إلى بيروت.</p></alam-highlight>`,
    ],
  }));
  writeFileSync(join(dir, "src.html"), page({
    csp: true,
    elements: [`<alam-highlight src="/elsewhere/model.wasm"><p>زار الوزير بغداد ثم مدينة البصرة.</p></alam-highlight>`],
  }));
  mkdirSync(join(dir, "partial"));
  for (const f of ["alam_lite_bg.wasm", "gazetteer.tsv"]) symlinkSync(join(pkg, f), join(dir, "partial", f));
  writeFileSync(join(dir, "nomodel.html"), page({
    elements: [`<alam-highlight src="/partial/alam_lite_bg.wasm"><p>زار الوزير بغداد في 3 مايو.</p></alam-highlight>`],
  }));
  writeFileSync(join(dir, "missing.html"), page({
    elements: [`<alam-highlight src="/nowhere/alam_bg.wasm"><p>زار الوزير بغداد.</p></alam-highlight>`],
  }));
  server = await serve(dir);
  ({ browser, close: closeBrowser } = await launch());
});

after(async () => {
  await closeBrowser?.();
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Open a page, recording alam-entities events, CSP violations and .wasm requests. */
async function open(name, { colorScheme = "light", slowModel = false } = {}) {
  const page = await browser.newPage({ viewport: { width: 900, height: 700 }, colorScheme });
  // The model half a second late, as on a slow link: the gazetteer's marks show first.
  if (slowModel) await page.route("**/model.bin", (r) => setTimeout(() => r.continue(), 500));
  const errors = watchErrors(page);
  const wasm = [];
  page.on("request", (r) => {
    if (/\.(wasm|tsv|bin)$/.test(r.url())) wasm.push(new URL(r.url()).pathname);
  });
  await page.addInitScript(() => {
    window.__events = [];
    window.__violations = [];
    document.addEventListener("alam-entities", (e) => window.__events.push({ id: e.target.id, n: e.detail.entities.length }));
    // Each element's steps: [aria-busy, labels marked] at every change of its marks.
    window.__steps = [];
    new MutationObserver(() => {
      for (const el of document.querySelectorAll("alam-highlight")) {
        const step = [el.getAttribute("aria-busy"), [...el.querySelectorAll("mark")].map((m) => m.dataset.label).sort().join(" ")];
        const last = window.__steps.findLast((s) => s.el === el);
        if (!last || last.step.join("|") !== step.join("|")) window.__steps.push({ el, step });
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-busy"] });
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${server.url}${name}`);
  return { page, errors, wasm };
}

const events = (page) => page.evaluate(() => window.__events.length);

async function checkMarked(page) {
  await page.waitForFunction(() => window.__events.length > 0, null, { timeout: 30_000 });
  return page.evaluate(async () => {
    const { textOf } = await import("/alam/highlight.js");
    const el = document.querySelector("alam-highlight");
    const marks = [...el.querySelectorAll("mark.alam-mark")];
    const text = textOf(el);
    return {
      marks: marks.length,
      marked: marks.map((m) => [m.dataset.label, m.textContent]),
      links: [...el.querySelectorAll("a")].map((a) => [a.getAttribute("href"), a.textContent]),
      bold: [...el.querySelectorAll("b, strong")].map((b) => b.textContent),
      inLink: el.querySelectorAll("a mark").length,
      inBold: el.querySelectorAll("b mark, strong mark").length,
      docIsEvent: el.doc !== null && el.doc.entities.length === window.__events.at(-1).n,
      invariant: el.doc.entities.every((e) => text.slice(e.start, e.end) === e.text),
      focusable: marks.every((m) => m.tabIndex === 0 && m.title && m.getAttribute("aria-description")),
      violations: window.__violations,
    };
  });
}

function assertMarked(r) {
  assert.ok(r.marks >= 6, `marks: ${JSON.stringify(r.marked)}`);
  for (const [label, text] of [["LOC", "بيروت"], ["LOC", "تونس"], ["ORG", "جامعة الدول العربية"], ["LOC", "القاهرة"]]) {
    assert.ok(r.marked.some(([l, t]) => l === label && t === text), `${label} ${text} in ${JSON.stringify(r.marked)}`);
  }
  assert.deepEqual(r.links, [["#morocco", "المغرب"], ["#tunis", "تونس"]], "links kept, with their text");
  assert.deepEqual(r.bold, ["بيروت", "جامعة الدول العربية", "القاهرة"], "bold kept");
  assert.ok(r.inLink > 0 && r.inBold > 0, "entities inside links and bold are marked inside them");
  assert.ok(r.docIsEvent, "the doc property is the event's result");
  assert.ok(r.invariant, "offsets slice the element's text");
  assert.ok(r.focusable, "marks are focusable and described");
  assert.deepEqual(r.violations, []);
}

test("one script tag and the element: marks in place, links and bold kept, event and doc", async () => {
  const { page, errors, wasm } = await open("plain.html", { slowModel: true });
  assertMarked(await checkMarked(page));
  await page.screenshot({ path: screenshotPath("element.png"), fullPage: true });
  // The code first, then its data, each once.
  assert.deepEqual(wasm, ["/alam/alam_lite_bg.wasm", "/alam/gazetteer.tsv", "/alam/model.bin"]);
  // Early marks while busy: the rules' (the date) before the gazetteer's
  // places, the tagger's organisation only in the complete result.
  const steps = await page.evaluate(() => window.__steps.map((s) => s.step));
  const busy = steps.filter(([b]) => b === "true").map(([, l]) => l);
  const n = (labels, label) => labels.split(" ").filter((l) => l === label).length;
  // First module: dates, countries (المغرب، تونس، الجزائر), nationalities;
  // then the gazetteer adds the cities (بيروت، القاهرة).
  assert.equal(busy.length, 2, JSON.stringify(steps));
  assert.ok(n(busy[0], "DATE") === 2 && n(busy[0], "LOC") === 3, `the first module alone: ${JSON.stringify(steps)}`);
  assert.ok(n(busy[1], "LOC") === 5 && n(busy[1], "ORG") === 0, `then the gazetteer: ${JSON.stringify(steps)}`);
  assert.equal(steps.at(-1)[0], null, "not busy at the end");
  assert.ok(steps.at(-1)[1].includes("ORG"));
  assert.equal(await events(page), 1, "one alam-entities event: the complete result");
  assert.deepEqual(errors, []);
  await page.close();
});

test("the element follows its content and its attributes", async () => {
  const { page, errors } = await open("plain.html");
  await checkMarked(page);
  // New content: a paragraph appended and a text edited, in two quick steps
  // (debounced into one run or two, never a stale result).
  await page.evaluate(() => {
    const el = document.querySelector("alam-highlight");
    const p = document.createElement("p");
    p.textContent = "وزار الوفد مدينة الإسكندرية بعد ذلك.";
    el.append(p);
    el.querySelector("h2").append(" واللاذقية");
  });
  await page.waitForFunction(() => [...document.querySelectorAll("alam-highlight mark")].some((m) => m.textContent === "الإسكندرية"), null, { timeout: 20_000 });
  const r = await page.evaluate(async () => {
    const { textOf } = await import("/alam/highlight.js");
    const el = document.querySelector("alam-highlight");
    const text = textOf(el);
    return {
      events: window.__events.length,
      ok: el.doc.entities.every((e) => text.slice(e.start, e.end) === e.text),
      hasNew: el.doc.entities.some((e) => e.text === "الإسكندرية"),
    };
  });
  assert.ok(r.events >= 2, `events: ${r.events}`);
  assert.ok(r.ok && r.hasNew);
  // Our own marks do not count as changes: no further event comes.
  const settled = await events(page);
  await page.waitForTimeout(600);
  assert.equal(await events(page), settled, "marking does not retrigger the observer");

  // labels="LOC": only places stay marked.
  await page.evaluate(() => document.querySelector("alam-highlight").setAttribute("labels", "LOC"));
  await page.waitForFunction((n) => window.__events.length > n, settled, { timeout: 20_000 });
  const labels = await page.evaluate(() => [...new Set([...document.querySelectorAll("alam-highlight mark")].map((m) => m.dataset.label))]);
  assert.deepEqual(labels, ["LOC"]);
  assert.deepEqual(errors, []);
  await page.close();
});

test("under the demo's CSP: no violation, marks, keyboard focus without layout shift", async () => {
  const { page, errors } = await open("csp.html");
  assertMarked(await checkMarked(page));
  // Keyboard: Tab reaches the first mark; focusing it moves no text.
  const before = await page.evaluate(() => [...document.querySelectorAll("alam-highlight mark, alam-highlight p")].map((e) => {
    const r = e.getBoundingClientRect();
    return [r.x, r.y, r.width, r.height];
  }));
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => ({
    mark: document.activeElement?.matches("mark.alam-mark") ?? false,
    title: document.activeElement?.title,
  }));
  assert.ok(focused.mark, "Tab focuses a mark");
  assert.match(focused.title, /^(PER|LOC|ORG|DATE|NORP|MISC)/);
  const after = await page.evaluate(() => [...document.querySelectorAll("alam-highlight mark, alam-highlight p")].map((e) => {
    const r = e.getBoundingClientRect();
    return [r.x, r.y, r.width, r.height];
  }));
  assert.deepEqual(after, before, "focus changes no box");
  await page.screenshot({ path: screenshotPath("element-focus.png") });
  assert.deepEqual(errors, []);
  await page.close();
});

test("several elements share one worker: each file fetched once; labels, reference-date, tooltips=off", async () => {
  const { page, errors, wasm } = await open("three.html");
  await page.waitForFunction(() => new Set(window.__events.map((e) => e.id)).size === 3, null, { timeout: 30_000 });
  const r = await page.evaluate(() => Object.fromEntries(["a", "b", "c"].map((id) => {
    const el = document.getElementById(id);
    const marks = [...el.querySelectorAll("mark")];
    return [id, {
      labels: [...new Set(marks.map((m) => m.dataset.label))].sort(),
      titled: marks.filter((m) => m.title || m.tabIndex === 0).length,
      dates: el.doc.entities.filter((e) => e.label === "DATE").map((e) => e.value),
      workers: performance.getEntriesByType("resource").filter((e) => e.name.endsWith("alam-element-worker.js")).length,
    }];
  })));
  assert.deepEqual(r.a.labels, ["LOC"]);
  assert.ok(r.b.labels.length > 0 && r.b.labels.every((l) => l === "PER" || l === "ORG"), JSON.stringify(r.b));
  assert.equal(r.c.titled, 0, "tooltips=off: no title, no tab stop");
  assert.ok(r.c.dates.includes("2026-03-09"), `أمس with reference-date 2026-03-10: ${JSON.stringify(r.c.dates)}`);
  assert.deepEqual(wasm, ["/alam/alam_lite_bg.wasm", "/alam/gazetteer.tsv", "/alam/model.bin"], "each file once");
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test("src: the .wasm served from elsewhere on the origin", async () => {
  const { page, errors, wasm } = await open("src.html");
  await page.waitForFunction(() => window.__events.length > 0, null, { timeout: 30_000 });
  const marked = await page.evaluate(() => [...document.querySelectorAll("mark")].map((m) => m.textContent));
  assert.ok(marked.includes("بغداد") && marked.includes("البصرة"), JSON.stringify(marked));
  assert.deepEqual(wasm, ["/elsewhere/model.wasm"], "a module with its data embedded: no other download");
  assert.deepEqual(errors, []);
  await page.close();
});

/** Open `path` with the `alam-error` messages collected in `window.__errors`; resolves at the first. */
async function openUntilError(path) {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.__errors = [];
    document.addEventListener("alam-error", (e) => window.__errors.push(e.detail.message));
  });
  await page.goto(`${server.url}${path}`);
  await page.waitForFunction(() => window.__errors.length > 0, null, { timeout: 30_000 });
  return page;
}

test("a .wasm that cannot be loaded: an alam-error event with a message, the content untouched", async () => {
  const page = await openUntilError("missing.html");
  const r = await page.evaluate(() => ({ errors: window.__errors, html: document.querySelector("alam-highlight").innerHTML }));
  assert.match(r.errors[0], /alam-highlight: cannot load the WebAssembly module: .*404/);
  assert.equal(r.html, "<p>زار الوزير بغداد.</p>");
  await page.close();
});

test("a model that cannot be loaded: an alam-error names the file, the element goes on with the gazetteer", async () => {
  const page = await openUntilError("nomodel.html");
  await page.waitForTimeout(300);
  const r = await page.evaluate(() => {
    const el = document.querySelector("alam-highlight");
    return { errors: window.__errors, marks: [...el.querySelectorAll("mark")].map((m) => m.textContent), busy: el.getAttribute("aria-busy"), doc: el.doc };
  });
  assert.equal(r.errors.length, 1, JSON.stringify(r.errors));
  assert.match(r.errors[0], /cannot load the gazetteer and model: HTTP 404 for .*\/partial\/model\.bin/);
  assert.ok(r.marks.includes("بغداد"), `the gazetteer's marks: ${JSON.stringify(r.marks)}`);
  assert.equal(r.busy, null);
  assert.ok(r.doc?.entities.some((e) => e.text === "بغداد"), "doc: the result without the model");
  await page.close();
});

test("styling from the page: custom properties and plain selectors win; dark scheme follows", async () => {
  const { page, errors } = await open("styled.html");
  await checkMarked(page);
  const light = await page.evaluate(() => {
    const loc = document.querySelector("mark.alam-LOC");
    const org = document.querySelector("mark.alam-ORG");
    return { loc: getComputedStyle(loc).backgroundColor, orgOutline: getComputedStyle(org).outlineColor };
  });
  assert.equal(light.loc, "rgb(255, 0, 0)", "--alam-LOC set by the page");
  assert.equal(light.orgOutline, "rgb(0, 0, 255)", "a plain selector of the page styles marks");
  await page.close();

  const dark = await open("plain.html", { colorScheme: "dark" });
  await checkMarked(dark.page);
  const bg = await dark.page.evaluate(() => getComputedStyle(document.querySelector("mark.alam-LOC")).backgroundColor);
  assert.equal(bg, "rgb(18, 74, 114)", "highlight.css's dark --alam-LOC");
  await dark.page.screenshot({ path: screenshotPath("element-dark.png"), fullPage: true });
  assert.deepEqual([...errors, ...dark.errors], []);
  await dark.page.close();
});
