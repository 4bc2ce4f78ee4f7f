// The element's first module (www/pkg/alam_lite_bg.wasm: the code without the
// embedded gazetteer and model, built with the "embed" feature off) under
// Node: what it finds alone, then with loadGazetteer and loadModel, and the
// errors of both. The element's use of it is tests/e2e/element.test.mjs.
//
// Run: node --test tests/lite.test.mjs   (after scripts/build.sh)

import { test, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { root, checkOffsets } from "../scripts/bench/common.mjs";

const pkg = join(root, "www/pkg");
let m;

before(async () => {
  for (const f of ["alam_lite.js", "alam_lite_bg.wasm", "gazetteer.tsv", "model.bin"]) {
    assert.ok(existsSync(join(pkg, f)), `www/pkg/${f} is missing: run scripts/build.sh first`);
  }
  m = await import(pathToFileURL(join(pkg, "alam_lite.js")).href);
  m.initSync({ module: readFileSync(join(pkg, "alam_lite_bg.wasm")) });
});

// Our own sentence: a date, a country, a nationality, a city, a person.
const TEXT = "التقى وزير الخارجية المصري سامح شكري يوم الاثنين 3 مارس 2025 وفدا من اليابان في مدينة الإسكندرية.";

function labelled(doc) {
  return doc.entities.map((e) => `${e.label} ${e.text}`);
}

test("in order: alone, with the gazetteer, with the model; each step finds more", () => {
  const alone = m.extract(TEXT);
  checkOffsets(TEXT, alone, "alone");
  const a = labelled(alone);
  // The core it embeds: dates, countries, nationalities; no cities, no tagger.
  assert.ok(a.includes("DATE يوم الاثنين 3 مارس 2025"), JSON.stringify(a));
  assert.ok(a.includes("LOC اليابان") && a.includes("NORP المصري"), JSON.stringify(a));
  assert.ok(!a.some((x) => x.includes("الإسكندرية")), `no cities yet: ${JSON.stringify(a)}`);
  assert.ok(!a.some((x) => x.startsWith("PER")), JSON.stringify(a));

  assert.equal(m.loadGazetteer(new Uint8Array(readFileSync(join(pkg, "gazetteer.tsv")))), undefined);
  const gaz = labelled(m.extract(TEXT));
  assert.ok(gaz.includes("LOC الإسكندرية"), JSON.stringify(gaz));
  assert.ok(!gaz.some((x) => x.startsWith("PER")), `the tagger finds people: ${JSON.stringify(gaz)}`);
  assert.throws(() => m.loadGazetteer(readFileSync(join(pkg, "gazetteer.tsv")).buffer), /loadGazetteer: a gazetteer is installed already/);

  assert.throws(() => m.loadModel(new Uint8Array([1, 2, 3])), (e) => e instanceof Error && /^loadModel: /.test(e.message));
  assert.deepEqual(labelled(m.extract(TEXT)), gaz, "a bad model leaves the extractor as it was");
  m.loadModel(new Uint8Array(readFileSync(join(pkg, "model.bin"))));
  const full = m.extract(TEXT);
  checkOffsets(TEXT, full, "full");
  assert.ok(labelled(full).includes("PER سامح شكري"), JSON.stringify(labelled(full)));
});

test("bad arguments and bytes: an Error with a message that names the call", () => {
  for (const [arg, re] of [
    ["text", /loadGazetteer: the gazetteer must be a Uint8Array or ArrayBuffer, got string/],
    [null, /got null/],
    [new TextEncoder().encode("key\tCITY\n"), /loadGazetteer: not an alam gazetteer/],
    [new Uint8Array([0xff, 0xfe, 0x00]), /loadGazetteer: the gazetteer is not UTF-8 text/],
  ]) {
    assert.throws(() => m.loadGazetteer(arg), (e) => e instanceof Error && re.test(e.message), String(arg));
  }
  assert.throws(() => m.loadModel([1, 2]), /loadModel: the model must be a Uint8Array or ArrayBuffer, got an array/);
});
