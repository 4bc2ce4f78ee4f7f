// Hostile input, WASM side: the browser build (www/pkg, wasm-bindgen
// --target web) under Node. Every shape completes, every entity and quote
// slices back out of the JS string (`text.slice(e.start, e.end) === e.text`),
// and 10,000 calls on one instance leave linear memory where it was after
// the first 200. The native side is tests/hostile.rs; timings are in
// scripts/bench/bench.mjs (hostile shapes at 1× and 10×).
//
// Run: node --test tests/wasm_hostile.mjs   (after scripts/build.sh)
// ALAM_PKG=DIR tests another --target web build.

import { test, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { root, loadPkg, checkOffsets, fill, PROSE } from "../scripts/bench/common.mjs";

const pkg = process.env.ALAM_PKG ?? join(root, "www/pkg");
let m;

before(async () => {
  assert.ok(existsSync(join(pkg, "alam_bg.wasm")), `${pkg} is missing: run scripts/build.sh first`);
  m = await loadPkg(pkg);
});

/** Extract, check the invariant, return the document. */
function run(text, what) {
  const doc = m.extract(text);
  checkOffsets(text, doc, what);
  for (const list of [doc.entities, doc.quotes]) {
    for (let i = 1; i < list.length; i++) {
      assert.ok(list[i - 1].start <= list[i].start, `${what}: not sorted by start`);
    }
  }
  for (let i = 1; i < doc.entities.length; i++) {
    assert.ok(doc.entities[i - 1].end <= doc.entities[i].start, `${what}: entities overlap`);
  }
  return doc;
}

const has = (doc, text) => doc.entities.some((e) => e.text === text);

// Written for this test: Persian (yeh, keheh, ZWNJ, Extended digits) and
// Urdu (heh goal, do-chashmi heh, yeh barree).
const PERSIAN = "دیروز هیئت ایرانی از تهران به کابل رفت و در ۱۴۰۲ با وزیر گفت‌وگو کرد. ";
const URDU = "پاکستان کے شہر لاہور میں کل بارش ہوئی اور کراچی میں ۲۳ ڈگری درجہ حرارت تھا۔ ";

test("empty text, only whitespace, only punctuation", () => {
  assert.deepEqual(run("", "empty"), { entities: [], quotes: [] });
  for (const t of [" ", "\n", " \t\r\n".repeat(10_000), "\u00A0\u2003\u3000".repeat(1000)]) {
    assert.equal(run(t, "whitespace").entities.length, 0);
  }
  run("،.؛؟!\"«»()[]{}…—-'“”‹›:;/\\|@#$%^&*_+=~`".repeat(200), "punctuation");
});

test("one letter with 1,000,000 combining marks", () => {
  run("م" + "\u0651".repeat(1_000_000), "letter + marks");
  const t = "زرنا تركيا" + "\u064E".repeat(1_000_000) + " أمس";
  run(t, "name + marks");
});

test('200,000 "و" in a row', () => {
  run("و".repeat(200_000), "و×200k");
  run("و ".repeat(200_000), "و with spaces");
  run("و".repeat(200_000) + "تركيا", "و×200k then a name");
});

test("20,000 unbalanced opening quotes", () => {
  for (const q of ["«", '"', "“", "„"]) run(q.repeat(20_000), `${q}×20k`);
  run("قال الوزير: «إن ".repeat(20_000), "open quotes with words");
});

test("lone surrogates: offsets still match the JS string", () => {
  const cases = [
    "\uD800زرت القاهرة",
    "زرت\uDC00 القاهرة\uD83D",
    "😀\uDFFF القاهرة \uD800\uD800 تركيا",
    "\uDBFF".repeat(1000) + " القاهرة",
  ];
  for (const t of cases) {
    const doc = run(t, "lone surrogates");
    assert.ok(has(doc, "القاهرة"), `no القاهرة in ${JSON.stringify(t)}: ${JSON.stringify(doc.entities)}`);
  }
});

test("NUL characters", () => {
  run("\0".repeat(100_000), "NUL×100k");
  const doc = run(fill("زار الوفد\0تركيا\0\0 ثم مصر\0", 100_000), "NUL between words");
  assert.ok(doc.entities.every((e) => !e.text.includes("\0")), "an entity holds a NUL");
});

test("CRLF and lone CR", () => {
  const doc = run(fill("زار الوفد تركيا\r\n\r\nثم مصر\r", 100_000), "CRLF");
  assert.ok(has(doc, "تركيا"));
  assert.ok(doc.entities.every((e) => !/[\r\n]/.test(e.text)), "an entity holds a line break");
  run("\r".repeat(10_000), "CR×10k");
});

test("bidi controls between every word", () => {
  const t = PROSE.split(" ").join("\u200F \u2067\u200E\u2069\u061C");
  const doc = run(t.repeat(50), "bidi");
  assert.ok(has(doc, "الرياض"), JSON.stringify(doc.entities.slice(0, 10)));
  // No entity starts or ends with an invisible mark.
  const invisible = /^[\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]|[\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]$/;
  assert.ok(doc.entities.every((e) => !invisible.test(e.text)), "an entity has an invisible mark at an edge");
});

test("Persian and Urdu text", () => {
  // Which words are names is the model's choice here (tests/hostile.rs
  // checks the gazetteer's Persian and Urdu spellings without the model).
  run(PERSIAN, "Persian");
  run(URDU, "Urdu");
  run(fill(PERSIAN + URDU, 100_000), "Persian/Urdu");
});

test("Latin-only text", () => {
  run(fill("The delegation flew from Cairo to Ankara on Tuesday. ", 100_000), "Latin");
  run("x".repeat(1_000_000), "one Latin word of 1 MB");
});

test("emoji, ZWJ sequences and flags", () => {
  const doc = run(fill("👨\u200D👩\u200D👧 زرت القاهرة 🇹🇷\u200D😀 👍🏽\uFE0F ", 50_000), "emoji");
  assert.ok(has(doc, "القاهرة"));
});

test("a 10 MB single line", () => {
  const t = fill(PROSE, 10_000_000);
  assert.ok(!t.includes("\n") && Buffer.byteLength(t) >= 10_000_000);
  const doc = run(t, "10 MB line");
  const reps = Math.floor(Buffer.byteLength(t) / Buffer.byteLength(PROSE));
  const cairo = doc.entities.filter((e) => e.text === "القاهرة").length;
  assert.ok(cairo + 2 >= reps, `${cairo} of ${reps}`);
});

test("flat memory: 10,000 calls on one instance", async () => {
  // A fresh instance, so the figure is not the high-water mark of the
  // large inputs above.
  const m = await loadPkg(pkg);
  const texts = [
    PROSE,
    "وصل الوفد إلى القاهرة يوم الثلاثاء ١٥ أكتوبر ٢٠٢٤.",
    "قال الوزير: «سنعود» وقالت سارة \"لا\"",
    "\uD800 😀 تركيا\r\n" + "\u064E".repeat(200),
    PERSIAN + URDU,
    "«".repeat(50) + "و".repeat(300),
  ];
  const call = (i) => {
    const t = texts[i % texts.length];
    checkOffsets(t, m.extract(t), "loop");
  };
  for (let i = 0; i < 200; i++) call(i);
  const after200 = m.memory.buffer.byteLength;
  for (let i = 200; i < 10_000; i++) call(i);
  const after10k = m.memory.buffer.byteLength;
  console.log(`# linear memory of a fresh instance after 200 calls: ${after200} bytes; after 10,000: ${after10k} bytes`);
  assert.equal(after10k, after200, "linear memory grew between call 200 and call 10,000");
});
