// highlight()/unhighlight() on an ordinary page (www/embed.html).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, watchErrors, screenshotPath } from "./helpers.mjs";

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

async function open() {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(`${server.url}embed.html`);
  await page.waitForSelector("html[data-ready]");
  return { page, errors };
}

test("embed.html: highlight keeps links and bold, unhighlight restores the DOM exactly", async () => {
  const { page, errors } = await open();
  await page.screenshot({ path: screenshotPath("embed.png"), fullPage: true });
  const r = await page.evaluate(async () => {
    const { highlight, unhighlight } = await import("/highlight.js");
    const { extract } = await import("/pkg/alam.js");
    const article = document.getElementById("article");
    // The page highlighted itself on load; undo that first.
    unhighlight(article);
    const pristine = new DOMParser()
      .parseFromString(await (await fetch("/embed.html")).text(), "text/html")
      .getElementById("article").innerHTML;
    const before = article.innerHTML;
    const nodes = [...article.querySelectorAll("*")];
    const links = [...article.querySelectorAll("a")].map((a) => [a.href, a.textContent]);
    const bold = [...article.querySelectorAll("b, strong")].map((b) => b.textContent);
    const firstText = article.querySelector("p").firstChild;

    const h = highlight(article, { extract });
    const marks = [...article.querySelectorAll("mark")];
    const during = {
      marks: marks.length,
      labels: [...new Set(marks.map((m) => m.dataset.label))],
      elementsKept: nodes.every((n) => n.isConnected),
      links: [...article.querySelectorAll("a")].map((a) => [a.href, a.textContent]),
      bold: [...article.querySelectorAll("b, strong")].map((b) => b.textContent),
      markedLinks: article.querySelectorAll("a mark").length,
      markedBold: article.querySelectorAll("b mark, strong mark").length,
      // Each entity's pieces together spell the entity text.
      invariant: h.doc.entities.every((e) => h.text.slice(e.start, e.end) === e.text),
    };
    unhighlight(article);
    return {
      pristineSame: before === pristine,
      after: article.innerHTML === before,
      sameNode: article.querySelector("p").firstChild === firstText,
      noMarks: article.querySelectorAll("mark").length,
      links,
      bold,
      during,
    };
  });
  assert.ok(r.pristineSame, "the load-time highlight was undone to the served HTML");
  assert.ok(r.during.marks > 5, `marks: ${r.during.marks}`);
  assert.ok(r.during.elementsKept, "every element of the page stays in place");
  assert.deepEqual(r.during.links, r.links);
  assert.deepEqual(r.during.bold, r.bold);
  assert.ok(r.during.markedLinks > 0, "entities inside links are marked inside the link");
  assert.ok(r.during.markedBold > 0, "entities inside bold are marked inside the bold");
  assert.ok(r.during.invariant);
  assert.ok(r.after, "unhighlight restores innerHTML exactly");
  assert.ok(r.sameNode, "unhighlight puts back the very same text nodes");
  assert.equal(r.noMarks, 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test("highlight: entity across nodes, labels and classPrefix options, bad arguments", async () => {
  const { page, errors } = await open();
  const r = await page.evaluate(async () => {
    const { highlight, unhighlight } = await import("/highlight.js");
    const { extract } = await import("/pkg/alam.js");
    const div = document.createElement("div");
    // القاهرة spans a text node and a <b>; أنقرة and التركي are plain.
    div.append("وصل الوفد ", "التركي إلى القاه");
    const b = document.createElement("b");
    b.textContent = "رة";
    div.append(b, " ثم إلى أنقرة.");
    const p = document.createElement("p");
    p.textContent = "تركيا";
    div.append(p);
    document.body.append(div);
    const before = div.innerHTML;

    const h = highlight(div, { extract, labels: ["LOC"], classPrefix: "x-" });
    const marks = [...div.querySelectorAll("mark")].map((m) => ({
      text: m.textContent,
      cls: m.className,
      label: m.dataset.label,
      inBold: !!m.closest("b"),
    }));
    const again = highlight(div, { extract }); // re-highlighting undoes first
    const allLabels = [...new Set([...div.querySelectorAll("mark")].map((m) => m.dataset.label))].sort();
    again.unhighlight();
    const restored = div.innerHTML === before;
    const errs = [];
    for (const [el, opts] of [
      [null, { extract }],
      [div, {}],
      [div, { extract, classPrefix: "bad prefix" }],
      [div, { extract, labels: "LOC" }],
    ]) {
      try {
        highlight(el, opts);
        errs.push("no throw");
      } catch (e) {
        errs.push(e instanceof TypeError ? "TypeError" : String(e));
      }
    }
    div.remove();
    return { marks, text: h.text, restored, errs, allLabels, unhighlightTwice: unhighlight(div) };
  });
  // Block elements are separated by a line break in the analysed text.
  assert.equal(r.text, "وصل الوفد التركي إلى القاهرة ثم إلى أنقرة.\nتركيا");
  assert.deepEqual(
    r.marks.map((m) => [m.text, m.label, m.inBold]),
    [["القاه", "LOC", false], ["رة", "LOC", true], ["أنقرة", "LOC", false], ["تركيا", "LOC", false]],
  );
  assert.equal(r.marks[0].cls, "x-mark x-LOC x-first");
  assert.equal(r.marks[1].cls, "x-mark x-LOC x-last");
  assert.equal(r.marks[2].cls, "x-mark x-LOC x-first x-last");
  assert.ok(r.allLabels.includes("NORP"), "without labels: every label");
  assert.ok(r.restored);
  assert.deepEqual(r.errs, ["TypeError", "TypeError", "TypeError", "TypeError"]);
  assert.equal(r.unhighlightTwice, false);
  assert.deepEqual(errors, []);
  await page.close();
});
