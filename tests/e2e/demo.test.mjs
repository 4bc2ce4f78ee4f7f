// The demo page (www/index.html) as a user drives it, in headless Chromium.
// Run: node --test tests/e2e/   (after scripts/build.sh)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { serve, launch, watchErrors, screenshotPath, referenceText, www, axeViolations } from "./helpers.mjs";
import { SAMPLES } from "../../www/samples.js";

let server;
let browser;
let closeBrowser;

before(async () => {
  server = await serve();
  ({ browser, close: closeBrowser } = await launch());
});

after(async () => {
  await closeBrowser?.();
  server?.close();
});

async function open(viewport = { width: 1280, height: 900 }, contextOptions = {}) {
  const context = await browser.newContext({ viewport, ...contextOptions });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(server.url);
  await page.waitForSelector("html[data-ready]");
  return { context, page, errors };
}

/** Type `text` into #input the way a paste does, analyse, wait for the render. */
async function analyse(page, text) {
  await page.evaluate(() => {
    document.getElementById("output").dataset.state = "stale";
  });
  await page.evaluate((t) => {
    const input = document.getElementById("input");
    input.value = t;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);
  await page.click("#analyze");
  await page.waitForSelector('#output[data-state="done"]', { timeout: 120_000 });
}

/** What the binding itself returns for `text`, computed in the page. */
function extractInPage(page, text) {
  return page.evaluate(async (t) => {
    const m = await import("/pkg/alam.js");
    await m.default();
    return m.extract(t);
  }, text);
}

/** Ask the binding whether a feature has landed, e.g. dates. */
async function finds(page, text, label) {
  const doc = await extractInPage(page, text);
  return doc.entities.some((e) => e.label === label);
}

function marks(page) {
  return page.$$eval("#output mark", (ms) => ms.map((m) => ({ text: m.textContent, label: m.dataset.label })));
}

test("page: rtl, CSP, accessible controls, no console errors", async () => {
  const { context, page, errors } = await open();
  assert.equal(await page.getAttribute("html", "dir"), "rtl");
  assert.equal(await page.getAttribute("html", "lang"), "ar");
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /unsafe-inline|https?:/);
  const unnamed = await page.$$eval("button, textarea, input, select", (els) =>
    els
      .filter((e) => !(e.getAttribute("aria-label") || e.labels?.length || e.textContent.trim()))
      .map((e) => e.outerHTML));
  assert.deepEqual(unnamed, [], "every control has an accessible name");
  for (const id of ["input", "analyze", "output"]) assert.ok(await page.$(`#${id}`), id);
  await page.click('button[data-sample="politics"]');
  await page.waitForSelector('#output[data-state="done"]');
  assert.deepEqual(errors, []);
  await context.close();
});

test("no user text through innerHTML (static check of www/*.js)", () => {
  for (const f of readdirSync(www).filter((f) => f.endsWith(".js"))) {
    const src = readFileSync(join(www, f), "utf8");
    assert.doesNotMatch(src, /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/, f);
  }
});

test("reference article: highlights with correct labels, offsets match", async () => {
  const { context, page, errors } = await open();
  const ref = referenceText();
  if (!ref.shared) console.log("# ../shared/seed/article.txt absent: using the politics sample instead");
  const text = ref.text ?? SAMPLES.politics;
  await analyse(page, text);
  // The rendered text is exactly the input: chips are CSS, not text.
  assert.equal(await page.textContent("#output"), text);
  const ms = await marks(page);
  const doc = await extractInPage(page, text);
  assert.deepEqual(ms, doc.entities.map((e) => ({ text: e.text, label: e.label })));
  for (const e of doc.entities) assert.equal(text.slice(e.start, e.end), e.text);
  const has = (t, l) => ms.some((m) => m.text === t && m.label === l);
  if (ref.shared) {
    assert.ok(has("تركيا", "LOC"), "تركيا LOC");
    assert.ok(has("التركي", "NORP"), "التركي NORP");
  } else {
    assert.ok(ms.some((m) => m.label === "LOC") && ms.some((m) => m.label === "PER"), JSON.stringify(ms));
  }
  // Proclitics stay outside: no mark starts with و/ف/ب/ل followed by ال.
  assert.deepEqual(ms.filter((m) => /^[وفبل]ال/.test(m.text)), []);
  await page.screenshot({ path: screenshotPath("demo-desktop.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("reference article: الثلاثاء is a DATE (needs the date rules)", async (t) => {
  const { context, page } = await open();
  if (!(await finds(page, "وصل الوفد يوم الثلاثاء.", "DATE"))) {
    t.skip("date rules not landed yet: the binding finds no DATE in «يوم الثلاثاء»");
    await context.close();
    return;
  }
  const text = referenceText().text ?? SAMPLES.business;
  await analyse(page, text);
  const ms = await marks(page);
  assert.ok(ms.some((m) => m.text === "الثلاثاء" && m.label === "DATE"), "الثلاثاء DATE");
  await context.close();
});

test("quotes panel lists speakers (needs the quote rules)", async (t) => {
  const { context, page } = await open();
  const doc = await extractInPage(page, SAMPLES.politics);
  if (!doc.quotes.some((q) => q.speaker)) {
    t.skip("quote rules not landed yet: no quote with a speaker in the politics sample");
    await context.close();
    return;
  }
  await analyse(page, SAMPLES.politics);
  const speakers = await page.$$eval("#quotes .speaker-name", (s) => s.map((x) => x.textContent));
  assert.deepEqual(speakers, doc.quotes.filter((q) => q.speaker).slice(0, 200).map((q) => q.speaker.text));
  await context.close();
});

test("analyses as you type (debounced), samples load, clear empties", async () => {
  const { context, page, errors } = await open();
  await page.click("#input");
  await page.keyboard.type("زار الوفد القاهرة", { delay: 20 });
  await page.waitForFunction(() => [...document.querySelectorAll("#output mark")].some((m) => m.textContent === "القاهرة"));
  assert.equal(await page.textContent("#output"), "زار الوفد القاهرة");
  for (const name of Object.keys(SAMPLES)) {
    await page.click(`button[data-sample="${name}"]`);
    await page.waitForFunction((t) => document.getElementById("output").textContent === t, SAMPLES[name]);
    assert.equal(await page.inputValue("#input"), SAMPLES[name]);
    assert.ok((await marks(page)).length > 3, name);
  }
  assert.match(await page.textContent("#status"), /كلمة في .* م\.ث/, "status shows words and time");
  await page.click("#clear");
  assert.equal(await page.inputValue("#input"), "");
  assert.equal(await page.$$eval("#output *", (x) => x.length), 0);
  assert.equal(await page.isDisabled("#download-json"), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test("clear while the worker is busy: the late result does not show", async () => {
  const { context, page, errors } = await open();
  const big = Object.values(SAMPLES).join("\n").repeat(150);
  await page.evaluate((t) => {
    document.getElementById("input").value = t;
  }, big);
  await page.click("#analyze");
  await page.click("#clear");
  // Wait for the worker to finish the big text: nothing may show.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 3000)));
  assert.equal(await page.textContent("#output"), "");
  assert.equal(await page.inputValue("#input"), "");
  // The next text shows normally.
  await page.fill("#input", "زار الوفد القاهرة");
  await page.click("#analyze");
  await page.waitForFunction(() => document.getElementById("output").textContent === "زار الوفد القاهرة");
  assert.deepEqual(errors, []);
  await context.close();
});

test("legend toggles a label's marks off and on; clusters panel counts", async () => {
  const { context, page } = await open();
  await analyse(page, SAMPLES.politics);
  const bg = () => page.$eval('#output mark[data-label="LOC"]', (m) => getComputedStyle(m).backgroundColor);
  const chip = () => page.$eval('#output mark[data-label="LOC"]', (m) => getComputedStyle(m, "::after").content);
  const shown = await bg();
  assert.notEqual(shown, "rgba(0, 0, 0, 0)");
  assert.equal(await chip(), '"LOC"');
  const loc = page.locator('#legend button[data-label="LOC"]');
  assert.match(await loc.textContent(), /[1-9١-٩]/, "legend shows a count");
  await loc.click();
  assert.equal(await loc.getAttribute("aria-pressed"), "false");
  assert.equal(await bg(), "rgba(0, 0, 0, 0)");
  assert.equal(await chip(), "none");
  // Other labels untouched.
  assert.notEqual(await page.$eval('#output mark[data-label="PER"]', (m) => getComputedStyle(m).backgroundColor), "rgba(0, 0, 0, 0)");
  await loc.click();
  assert.equal(await loc.getAttribute("aria-pressed"), "true");
  assert.equal(await bg(), shown);
  // Clusters: every group's count adds up to the number of marks.
  const total = await page.$$eval("#clusters .group-count", (cs) => cs.length);
  assert.ok(total > 0);
  await context.close();
});

test("tooltip on hover and on keyboard focus", async () => {
  const { context, page } = await open();
  await analyse(page, SAMPLES.politics);
  const m = page.locator('#output mark[data-label="LOC"]').first();
  await m.hover();
  await page.waitForSelector("#tooltip:not([hidden])");
  assert.match(await page.textContent("#tooltip"), /LOC/);
  await page.mouse.move(0, 0);
  await page.waitForSelector("#tooltip[hidden]", { state: "attached" });
  await page.focus("#output mark");
  await page.keyboard.press("Tab");
  await page.waitForSelector("#tooltip:not([hidden])");
  const focused = await page.evaluate(() => document.activeElement.getAttribute("aria-describedby"));
  assert.equal(focused, "tooltip");
  // An entity linked to the gazetteer shows its English name and id.
  const rabat = page.locator("#output mark", { hasText: "الرباط" }).first();
  await rabat.focus();
  const tip = await page.textContent("#tooltip");
  assert.match(tip, /Rabat/);
  await page.keyboard.press("Escape");
  await page.waitForSelector("#tooltip[hidden]", { state: "attached" });
  await context.close();
});

test("markup pasted as text stays text", async () => {
  const { context, page, errors } = await open();
  const evil = `<img src=x onerror="window.__pwned=1"> زار <b>الوفد</b> القاهرة <script>window.__pwned=2</script>` +
    ` <a href="javascript:window.__pwned=3">أنقرة</a> <svg onload="window.__pwned=4"></svg>`;
  await analyse(page, evil);
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.$$eval("#output img, #output script, #output a, #output b, #output svg", (x) => x.length), 0);
  assert.equal(await page.textContent("#output"), evil);
  assert.ok((await marks(page)).some((m) => m.text === "القاهرة"));
  assert.deepEqual(errors, []);
  await context.close();
});

test("export: JSON equals extract(); displaCy counts code points; copy", async () => {
  const { context, page } = await open({ width: 1280, height: 900 }, { acceptDownloads: true });
  const text = "😀 وصل وفد من أنقرة إلى القاهرة، ثم 👨‍👩‍👧 إلى الرياض.\n" + SAMPLES.business;
  await analyse(page, text);
  const expected = await extractInPage(page, text);

  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#download-json")]);
  assert.equal(dl.suggestedFilename(), "alam.json");
  const got = JSON.parse(readFileSync(await dl.path(), "utf8"));
  assert.deepEqual(got, expected);

  const [dl2] = await Promise.all([page.waitForEvent("download"), page.click("#download-displacy")]);
  const dc = JSON.parse(readFileSync(await dl2.path(), "utf8"));
  assert.equal(dc.text, text);
  const cps = [...text];
  assert.equal(dc.ents.length, expected.entities.length);
  dc.ents.forEach((e, i) => {
    assert.equal(cps.slice(e.start, e.end).join(""), expected.entities[i].text);
    assert.equal(e.label, expected.entities[i].label);
  });
  assert.ok(dc.ents[0].start < expected.entities[0].start, "emoji: code points < UTF-16 units");

  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  await page.click("#copy-json");
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.deepEqual(JSON.parse(clip), expected);
  await context.close();
});

/** "١٬٢٣٤" → 1234 (NaN when absent). */
function arabicNumber(s) {
  return s ? Number([...s.replace(/٬/g, "")].map((c) => c.charCodeAt(0) - 0x660).join("")) : NaN;
}

test("1 MB paste: analysed in the worker, main thread stays responsive", async () => {
  const { context, page, errors } = await open();
  const unit = (referenceText().text ?? Object.values(SAMPLES).join("\n")) + "\n";
  const big = unit.repeat(Math.ceil(1_000_000 / unit.length));
  // Heartbeats: a 10 ms timer on the main thread (its longest gap is the
  // longest block), animation frames (also slowed by a starved compositor on
  // 2 cores), and long tasks.
  await page.evaluate(() => {
    window.__gaps = [];
    window.__ticks = [];
    window.__long = [];
    let last = performance.now();
    const beat = (t) => {
      window.__gaps.push(t - last);
      last = t;
      window.__beat = requestAnimationFrame(beat);
    };
    window.__beat = requestAnimationFrame(beat);
    let lastTick = performance.now();
    window.__tick = setInterval(() => {
      const now = performance.now();
      window.__ticks.push(now - lastTick);
      lastTick = now;
    }, 10);
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__long.push(e.duration);
    }).observe({ type: "longtask" });
  });
  // The paste itself: the browser puts 1 MB into the textarea (not our code).
  const paste = await page.evaluate(async (t) => {
    const input = document.getElementById("input");
    const t0 = performance.now();
    input.value = t;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const ms = performance.now() - t0;
    window.__gaps = [];
    window.__ticks = [];
    window.__long = [];
    return ms;
  }, big);
  const t0 = Date.now();
  let sawProgress = false;
  const poll = setInterval(async () => {
    const s = await page.evaluate(() => ({
      p: !document.getElementById("progress").hidden,
      st: document.getElementById("status").textContent,
    })).catch(() => ({}));
    if (s.p || /يحلّل/.test(s.st ?? "")) sawProgress = true;
  }, 50);
  await page.evaluate(() => {
    document.getElementById("output").dataset.state = "stale";
  });
  await page.click("#analyze");
  await page.waitForSelector('#output[data-state="done"]', { timeout: 120_000 });
  clearInterval(poll);
  const wall = Date.now() - t0;
  const r = await page.evaluate(() => {
    cancelAnimationFrame(window.__beat);
    clearInterval(window.__tick);
    return {
      worstTick: Math.max(...window.__ticks),
      worstFrame: Math.max(...window.__gaps),
      worstLong: Math.max(0, ...window.__long),
      frames: window.__gaps.length,
    };
  });
  const status = await page.textContent("#status");
  const marksN = await page.$$eval("#output mark", (m) => m.length);
  console.log(
    `# 1 MB paste (${big.length} UTF-16 units): the paste itself (browser filling the textarea) ${paste.toFixed(0)} ms; ` +
      `then analyse + render: main thread worst timer gap ${r.worstTick.toFixed(0)} ms, worst long task ${r.worstLong.toFixed(0)} ms, ` +
      `worst animation-frame gap ${r.worstFrame.toFixed(0)} ms, ` +
      `${r.frames} frames in ${wall} ms, ${marksN} marks; status: ${status}`,
  );
  assert.ok(sawProgress, "progress shown");
  assert.ok(marksN > 1000);
  // Held against the worker's own analysis time in the same run, so that a
  // slow machine slows both sides. Had the analysis run on the main thread,
  // one task would have lasted at least as long as the analysis. Receiving
  // the whole result in one message and laying out its first 12,000
  // characters at once takes one task of about a third of it; in parts of 2,000 entities
  // and chunks of 4,000 characters the longest task is 0.08-0.13 of it.
  const analyseMs = arabicNumber(/في ([٠-٩٬]+) م\.ث/.exec(status)?.[1]);
  assert.ok(analyseMs > 0, `analysis time in the status: ${status}`);
  assert.ok(r.worstLong < analyseMs / 4, `long task of ${r.worstLong.toFixed(0)} ms, analysis ${analyseMs} ms`);
  assert.ok(r.worstTick < analyseMs, `main thread blocked ${r.worstTick.toFixed(0)} ms, analysis ${analyseMs} ms`);
  // The page still answers: a sample analyses after the big text.
  await analyse(page, SAMPLES.sports);
  assert.ok((await marks(page)).length > 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("phone width: usable, nothing wider than the screen", async () => {
  const { context, page, errors } = await open({ width: 390, height: 844 });
  await page.click('button[data-sample="business"]');
  await page.waitForSelector('#output[data-state="done"]');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
  await page.screenshot({ path: screenshotPath("demo-phone.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("works offline after the first load (service worker)", async () => {
  const { context, page } = await open();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // Precached at install: the glue's own module (pkg/snippets/…) included.
  const cached = await page.evaluate(async () =>
    (await Promise.all((await caches.keys()).map(async (k) => (await caches.open(k)).keys())))
      .flat()
      .map((r) => new URL(r.url).pathname),
  );
  assert.ok(cached.some((p) => /\/pkg\/snippets\/.+\.js$/.test(p)), `not cached: ${cached.join(" ")}`);
  await page.reload();
  await page.waitForSelector("html[data-ready]");
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector("html[data-ready]");
  await analyse(page, SAMPLES.sports);
  assert.ok((await marks(page)).length > 0);
  await context.close();
});

// ---------------------------------------------------------------- after an analysis, as a user sees it

/** A news paragraph of our own: a full date, a relative one, a percentage, Latin letters, two quotes. */
const NEWS =
  "أعلنت وزارة الصحة التونسية، الخميس 12 مارس 2026، أن نسبة التطعيم في ولايات الجنوب ارتفعت إلى 15% " +
  "خلال الشهر الماضي، بعد حملة شارك فيها أكثر من 400 طبيب.\n" +
  "وقال وزير الصحة منير العياري في مؤتمر صحفي بمدينة صفاقس: «سنفتح عشرين مركزا جديدا قبل نهاية الصيف، " +
  "وسنبدأ بالمناطق الحدودية».\n" +
  "وأضاف أن منظمة الصحة العالمية (WHO) ستقدم دعما بقيمة 3 ملايين دولار، فيما أكدت رئيسة الهلال الأحمر " +
  "التونسي سلمى بن عمر أن «المتطوعين جاهزون منذ أسابيع».\n" +
  "ومن المنتظر أن يزور وفد من الاتحاد الأوروبي العاصمة تونس في أبريل المقبل لبحث تمويل المرحلة الثانية، " +
  "التي تقدر كلفتها بنحو 12 مليون يورو.\n";

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Where an element is on screen, in CSS pixels of the viewport. */
const rectOf = (page, selector) =>
  page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height, vh: innerHeight, vw: innerWidth };
  });

/** Wait until the page has stopped scrolling (no change of scrollY for 12 frames). */
function settled(page) {
  return page.evaluate(() => new Promise((resolve) => {
    let last = -1;
    let same = 0;
    const tick = () => {
      if (scrollY === last) same++;
      else [last, same] = [scrollY, 0];
      if (same >= 12) resolve();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }));
}

/** Once the page has stopped scrolling, the first highlighted entity is wholly inside the viewport. */
async function firstMarkInView(page) {
  await settled(page);
  return page.waitForFunction(() => {
    const m = document.querySelector("#output mark");
    if (!m) return false;
    const r = m.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth;
  }, null, { timeout: 2_000 });
}

for (const [name, viewport, contextOptions] of [
  ["1280x900", DESKTOP, {}],
  ["390x844", PHONE, {}],
  ["390x844, reduced motion", PHONE, { reducedMotion: "reduce" }],
]) {
  test(`after "حلّل النص" the result comes into view and takes focus (${name})`, async () => {
    const { context, page, errors } = await open(viewport, contextOptions);
    await page.fill("#input", NEWS);
    assert.equal(await page.evaluate(() => scrollY), 0);
    await analyse(page, NEWS);
    await firstMarkInView(page);
    // Not just one line at the bottom edge: the highlighted text starts in the upper half.
    const out = await rectOf(page, "#output");
    assert.ok(out.top >= 0 && out.top < out.vh / 2, `#output starts at ${Math.round(out.top)} of ${out.vh}px`);
    assert.equal(await page.evaluate(() => document.activeElement?.id), "result-title", "focus on the result's heading");
    assert.equal(await page.getAttribute("#result-title", "tabindex"), "-1");
    // Tab from the heading reaches the result's controls, not the top of the page.
    await page.keyboard.press("Tab");
    assert.ok(await page.evaluate(() => document.getElementById("result").contains(document.activeElement)), "Tab stays in the result");
    await page.screenshot({ path: screenshotPath(`demo-result-${name.replace(/[^\w]+/g, "-")}.png`) });
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("typing does not move the view or the focus", async () => {
  const { context, page } = await open(PHONE);
  await page.click("#input");
  await page.keyboard.type("زار الوفد القاهرة", { delay: 10 });
  await page.waitForFunction(() => [...document.querySelectorAll("#output mark")].some((m) => m.textContent === "القاهرة"));
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "input");
  await context.close();
});

test("quotes panel: beside the result at 1280x900, nothing scrolls inside the page", async () => {
  const { context, page } = await open(DESKTOP);
  await analyse(page, NEWS);
  await firstMarkInView(page);
  assert.ok((await page.$$eval("#quotes blockquote", (q) => q.length)) >= 1, "the paragraph's quotes are listed");
  // No ancestor of the quotes panel clips it behind a scrollbar of its own.
  const traps = await page.$eval("#quotes", (list) => {
    const out = [];
    for (let e = list.closest("section").parentElement; e && e !== document.documentElement && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (/auto|scroll|hidden|clip/.test(s.overflowY + s.overflowX) && e.scrollHeight > e.clientHeight + 1) {
        out.push(`${e.tagName.toLowerCase()}.${e.className}: ${e.scrollHeight}px in ${e.clientHeight}px`);
      }
    }
    return out;
  });
  assert.deepEqual(traps, []);
  // And with the result in view, the whole quotes panel is on screen too.
  const q = await page.$eval("#quotes", (list) => {
    const r = list.closest("section").getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, vh: innerHeight };
  });
  assert.ok(q.top >= 0 && q.bottom <= q.vh, `quotes panel at ${Math.round(q.top)}..${Math.round(q.bottom)} of ${q.vh}px`);
  await context.close();
});

test("entity list: a number or Latin name sits beside its label chip (bidi isolation)", async () => {
  for (const viewport of [DESKTOP, PHONE]) {
    const { context, page } = await open(viewport);
    await analyse(page, NEWS);
    const rows = await page.$$eval("#clusters .group-head", (hs) =>
      hs.map((h) => {
        const chip = h.querySelector(".chip").getBoundingClientRect();
        const name = h.querySelector("bdi"); // the isolated text itself
        const range = document.createRange();
        range.selectNodeContents(name);
        const ink = range.getBoundingClientRect(); // where the glyphs are, not the box
        return { text: name.textContent, gap: chip.left - ink.right, dir: getComputedStyle(h.querySelector(".group-name")).direction };
      }));
    for (const t of ["15%", "WHO", "400"]) {
      const row = rows.find((r) => r.text === t);
      if (!row) continue; // the paragraph's entity list decides which of these are rows
      assert.equal(row.dir, "rtl", t);
      assert.ok(row.gap >= 0 && row.gap < 16, `${t}: ${Math.round(row.gap)}px from its chip at ${viewport.width}px`);
    }
    assert.ok(rows.some((r) => r.text === "15%"), `no 15% row: ${rows.map((r) => r.text).join(" | ")}`);
    await context.close();
  }
});

test("legend: only the labels found, each named by its visible text; two or three rows on a phone", async () => {
  const { context, page } = await open(PHONE);
  await analyse(page, NEWS);
  const doc = await extractInPage(page, NEWS);
  const found = [...new Set(doc.entities.map((e) => e.label))].sort();
  const shown = await page.$$eval("#legend button", (bs) => bs.map((b) => b.dataset.label));
  assert.deepEqual([...shown].sort(), found);
  assert.equal(await page.$$eval("#legend button[aria-label]", (bs) => bs.length), 0, "no aria-label that differs from the text");
  const rowTops = await page.$$eval("#legend button", (bs) => new Set(bs.map((b) => Math.round(b.getBoundingClientRect().top))).size);
  assert.ok(rowTops <= 3, `${shown.length} labels in ${rowTops} rows at 390px`);
  await context.close();
});

for (const [name, viewport] of [["1280x900", DESKTOP], ["390x844", PHONE]]) {
  test(`axe-core: no WCAG 2.1 A/AA violation after an analysis (${name})`, async () => {
    const { context, page } = await open(viewport);
    assert.deepEqual(await axeViolations(page), [], "before any analysis");
    await analyse(page, NEWS);
    await firstMarkInView(page);
    assert.deepEqual(await axeViolations(page), [], "after an analysis");
    // A label switched off, and an entity's tooltip open.
    await page.click("#legend button >> nth=0");
    await page.focus("#output mark >> nth=1");
    await page.waitForSelector("#tooltip:not([hidden])");
    assert.deepEqual(await axeViolations(page), [], "a label off, a tooltip open");
    await context.close();
  });
}

test("axe-core: no WCAG 2.1 A/AA violation in the dark colour scheme", async () => {
  const { context, page } = await open(DESKTOP, { colorScheme: "dark" });
  await analyse(page, NEWS);
  await firstMarkInView(page);
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test("a resolved relative date shows what it was counted from (needs entity.anchor)", async (t) => {
  const { context, page } = await open(DESKTOP);
  const doc = await extractInPage(page, NEWS);
  const i = doc.entities.findIndex((e) => e.anchor !== undefined);
  if (i < 0) {
    t.skip("relative-date anchors not landed yet: no entity of the paragraph carries `anchor`");
    await context.close();
    return;
  }
  await analyse(page, NEWS);
  // The pointer off the text (it rests on the button it pressed, where the
  // scrolled result may bring another mark under it).
  await page.mouse.move(1, 1);
  await page.focus(`#output mark[data-i="${i}"]`);
  await page.waitForSelector("#tooltip:not([hidden])");
  assert.match(await page.textContent("#tooltip"), /محسوب من/);
  await context.close();
});

test("a relative date is resolved against the text's own preceding full date", async () => {
  const text =
    "نابلس، الأحد 8 فبراير 2026 — قالت بلدية المدينة إن أعمال ترميم السوق القديم انتهت " +
    "الشهر الماضي، وإن الافتتاح سيكون الأسبوع المقبل.";
  const { context, page } = await open(DESKTOP);
  // No reference date: the field stays empty.
  assert.equal(await page.inputValue("#refdate"), "");
  const doc = await extractInPage(page, text);
  const i = doc.entities.findIndex((e) => e.text === "الشهر الماضي");
  assert.ok(i >= 0, JSON.stringify(doc.entities.map((e) => e.text)));
  const e = doc.entities[i];
  assert.equal(e.value, "2026-01");
  assert.equal(e.anchor, "2026-02-08");
  assert.equal(e.anchor_source, "text");
  assert.equal(doc.entities.find((x) => x.text === "الأسبوع المقبل")?.anchor, "2026-02-08");
  await analyse(page, text);
  await page.focus(`#output mark[data-i="${i}"]`);
  await page.waitForSelector("#tooltip:not([hidden])");
  const tip = await page.textContent("#tooltip");
  assert.match(tip, /محسوب من/);
  assert.match(tip, /تاريخ سابق في النص/);
  assert.match(tip, /2026-02-08/);
  assert.match(tip, /2026-01/);
  await page.screenshot({ path: screenshotPath("demo-anchor-tooltip.png") });
  await context.close();
});
