// The npm package in pkg/ (scripts/build.sh), imported by name from Node as a
// user would after `npm install`: exports map, types, errors, offsets, model bytes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, symlinkSync, writeFileSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root, referenceText } from "./helpers.mjs";

const pkgDir = join(root, "pkg");
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));

/** Import the package by name from a scratch project that depends on it. */
async function importByName() {
  const dir = mkdtempSync(join(tmpdir(), "alam-npm-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(pkgDir, join(dir, "node_modules", pkg.name), "dir");
  writeFileSync(join(dir, "package.json"), '{"type":"module"}');
  writeFileSync(
    join(dir, "probe.mjs"),
    `export * as alam from "${pkg.name}"; export * as hl from "${pkg.name}/highlight";`,
  );
  try {
    return await import(join(dir, "probe.mjs"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("package.json: name, version, module/exports, types, files, sideEffects", () => {
  const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
  assert.equal(pkg.version, /^version\s*=\s*"([^"]+)"/m.exec(cargo)[1]);
  assert.equal(pkg.type, "module");
  assert.ok(pkg.module && pkg.types && pkg.exports && pkg.files && pkg.sideEffects);
  assert.equal(pkg.exports["."].types, pkg.types.replace(/^(?!\.\/)/, "./"));
  for (const f of pkg.files) assert.ok(existsSync(join(pkgDir, f)), `files: ${f} exists`);
  const targets = Object.values(pkg.exports).flatMap((v) => (typeof v === "string" ? [v] : Object.values(v)));
  for (const t of targets) assert.ok(existsSync(join(pkgDir, t)), `exports: ${t} exists`);
  // The entry's declarations re-export the binding's (wasm-bindgen's alam.d.ts) but for init.
  const entry = readFileSync(join(pkgDir, pkg.types), "utf8");
  assert.match(entry, /export type \* from "\.\/alam\.js";/);
  assert.match(entry, /export \{ Extractor, extract, labels, version \} from "\.\/alam\.js";/);
  const dts = readFileSync(join(pkgDir, "alam.d.ts"), "utf8");
  for (const shape of ["type Label", "interface Entity", "interface Quote", "interface Options", "interface Doc", "interface Span"]) {
    assert.ok(dts.includes(`export ${shape}`), shape);
  }
  assert.match(dts, /export function extract\(text: string, options\?: Options \| null\): Doc;/);
  assert.match(dts, /constructor\(model: Uint8Array \| ArrayBuffer\);/);
  assert.match(readFileSync(join(pkgDir, "highlight.d.ts"), "utf8"), /export function highlight\(element: Element, options: HighlightOptions\): Highlight;/);
});

test("TypeScript: the declarations type-check a strict user program", (t) => {
  const tsc = join(root, "scripts", "node_modules", ".bin", "tsc");
  if (!existsSync(tsc)) {
    t.skip("scripts/node_modules has no tsc (npm ci in scripts/)");
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "alam-ts-"));
  try {
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(pkgDir, join(dir, "node_modules", pkg.name), "dir");
    writeFileSync(join(dir, "package.json"), '{"type":"module"}');
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, module: "nodenext", moduleResolution: "nodenext",
        // wasm-bindgen declares [Symbol.dispose]: esnext.disposable (or skipLibCheck).
        target: "es2022", lib: ["es2022", "esnext.disposable", "dom"], types: [], skipLibCheck: false,
      },
      files: ["probe.ts"],
    }));
    writeFileSync(join(dir, "probe.ts"), `
import { extract, Extractor, labels, version } from "${pkg.name}";
import type { Doc, Entity, Label, Quote, Options, Source, Span } from "${pkg.name}";
import { highlight, unhighlight, textOf } from "${pkg.name}/highlight";
import type { HighlightOptions, Highlight } from "${pkg.name}/highlight";
import "${pkg.name}/element";
import type { AlamHighlight } from "${pkg.name}/element";

const opts: Options = { referenceDate: "2024-10-15" };
const doc: Doc = extract("زرت القاهرة", opts);
extract("زرت القاهرة");
const e: Entity | undefined = doc.entities[0];
if (e) {
  const label: Label = e.label;
  const source: Source = e.source;
  const n: number = e.start + e.end + e.cluster;
  const value: string | number | undefined = e.value;
  const more: (string | undefined)[] = [e.value_hijri, e.currency, e.unit, e.modifier, e.id, e.name_en, e.anchor, e.anchor_source, e.text];
  void [label, source, n, value, more];
}
const q: Quote | undefined = doc.quotes[0];
const speaker: Span | null | undefined = q?.speaker;
const cue: string | null | undefined = q?.cue;
const ex = new Extractor(new Uint8Array(0));
const d2: Doc = ex.extract("x", null);
ex.free();
const light: Extractor = Extractor.withoutModel();
light.extract("x");
const all: Label[] = labels();
const v: string = version();
const ho: HighlightOptions = { extract, labels: ["PER", "LOC"], classPrefix: "x-", extractOptions: opts };
const h: Highlight = highlight(document.body, ho);
const undone: boolean = h.unhighlight() || unhighlight(document.body);
void [speaker, cue, d2, all, v, undone, h.marks, h.text, h.doc];
// <alam-highlight>: the tag maps to its class, its doc is typed, so is its event.
const elDoc: Doc | null = document.querySelector("alam-highlight")!.doc;
const el: AlamHighlight = document.createElement("alam-highlight");
el.addEventListener("alam-entities", (ev) => {
  const n: number = ev.detail.entities.length;
  void n;
});
const t: string = textOf(el, { filter: (n: Text) => n.data.length > 0 });
void [elDoc, t];
// @ts-expect-error doc is read-only
el.doc = null;
// @ts-expect-error labels are a closed union
const bad: Label = "PERSON";
// @ts-expect-error unknown options are rejected
extract("x", { referenceDat: "2024-10-15" });
// @ts-expect-error text must be a string
extract(42);
void bad;
`);
    try {
      execFileSync(tsc, ["-p", dir], { encoding: "utf8", stdio: "pipe" });
    } catch (e) {
      assert.fail(`tsc found errors:\n${e.stdout}${e.stderr}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("import by name under Node: extract, errors, offsets, lone surrogates", async () => {
  const { alam, hl } = await importByName();
  assert.equal(typeof hl.highlight, "function");
  assert.equal(typeof hl.unhighlight, "function");
  assert.equal(alam.version(), pkg.version);
  assert.deepEqual(alam.labels().slice(0, 3), ["PER", "LOC", "ORG"]);

  const text = "😀 وصل وزير الخارجية التركي إلى القاهرة وبالرياض.";
  const doc = alam.extract(text);
  assert.deepEqual(Object.keys(doc), ["entities", "quotes"]);
  assert.ok(doc.entities.some((e) => e.text === "القاهرة" && e.label === "LOC" && e.name_en === "Cairo"));
  for (const e of doc.entities) assert.equal(text.slice(e.start, e.end), e.text);
  assert.deepEqual(JSON.parse(JSON.stringify(doc)), doc, "plain data");

  for (const bad of [42, undefined, null, {}, ["القاهرة"], Symbol("x")]) {
    assert.throws(() => alam.extract(bad), (e) => e instanceof Error && /string/.test(e.message));
  }
  for (const bad of [{ referenceDate: "2024-13-01" }, { referenceDate: 5 }, { when: "2024-10-15" }, "2024-10-15", 7]) {
    assert.throws(() => alam.extract("القاهرة", bad), (e) => e instanceof Error && e.message.length > 0);
  }
  alam.extract("القاهرة", { referenceDate: "2024-10-15" });

  const lone = "\ud800 زرت القاهرة \udfff وأنقرة \udbff";
  const d2 = alam.extract(lone);
  assert.ok(d2.entities.some((e) => e.text === "القاهرة" && e.start === 6), JSON.stringify(d2));
  for (const e of d2.entities) assert.equal(lone.slice(e.start, e.end), e.text);
});

test("the reference article under Node: offsets and labels", async (t) => {
  const ref = referenceText();
  if (!ref.shared) {
    t.skip("../shared/seed/article.txt absent");
    return;
  }
  const { alam } = await importByName();
  const doc = alam.extract(ref.text);
  for (const e of doc.entities) assert.equal(ref.text.slice(e.start, e.end), e.text);
  for (const q of doc.quotes) {
    assert.equal(ref.text.slice(q.start, q.end), q.text);
    if (q.speaker) assert.equal(ref.text.slice(q.speaker.start, q.speaker.end), q.speaker.text);
  }
  assert.ok(doc.entities.some((e) => e.text === "تركيا" && e.label === "LOC"));
  assert.ok(doc.entities.some((e) => e.text === "التركي" && e.label === "NORP"));
});

test("Extractor: corrupt, empty, truncated model bytes throw; the shipped model loads", async (t) => {
  const { alam } = await importByName();
  for (const bytes of [new Uint8Array(), new Uint8Array([1, 2, 3]), new Uint8Array(4096).fill(0xff), new ArrayBuffer(8)]) {
    assert.throws(() => new alam.Extractor(bytes), (e) => e instanceof Error && e.message.length > 0);
  }
  for (const bad of [undefined, "model", [1, 2, 3]]) {
    assert.throws(() => new alam.Extractor(bad), (e) => e instanceof Error && /Uint8Array/.test(e.message));
  }
  const model = join(root, "data", "model.bin");
  if (!existsSync(model)) {
    t.skip("data/model.bin absent: truncation of a real model not checked");
    return;
  }
  const bytes = new Uint8Array(readFileSync(model));
  for (const cut of [8, 64, bytes.length >> 1, bytes.length - 1]) {
    if (cut <= 0 || cut >= bytes.length) continue;
    assert.throws(() => new alam.Extractor(bytes.subarray(0, cut)), Error, `truncated to ${cut}`);
  }
  const flipped = bytes.slice();
  flipped[0] ^= 0xff;
  assert.throws(() => new alam.Extractor(flipped), Error, "bad magic");
  let ex;
  try {
    ex = new alam.Extractor(bytes);
  } catch (e) {
    t.skip(`Extractor.from_bytes does not load data/model.bin yet: ${e.message}`);
    return;
  }
  const text = "وصل الرئيس التركي رجب طيب أردوغان إلى القاهرة.";
  const doc = ex.extract(text);
  for (const e of doc.entities) assert.equal(text.slice(e.start, e.end), e.text);
  assert.deepEqual(doc, alam.extract(text), "the shipped model is the embedded one");
  ex.free();

  // Without a model: gazetteer, rules and links only, never a model's tag.
  const light = alam.Extractor.withoutModel();
  const t2 = "وصل الوفد إلى القاهرة يوم 15 أكتوبر 2024 ومعه 1,500 دولار. وقال الوزير: «نعم».";
  const d = light.extract(t2);
  for (const e of d.entities) assert.equal(t2.slice(e.start, e.end), e.text);
  assert.ok(d.entities.every((e) => e.source !== "model"), JSON.stringify(d.entities));
  for (const label of ["LOC", "DATE", "MONEY"]) assert.ok(d.entities.some((e) => e.label === label), label);
  assert.equal(d.quotes.length, 1);
  assert.throws(() => light.extract(7), (e) => e instanceof Error && /string/.test(e.message));
  light.free();
});

test("the browser entry finds the .wasm with new URL(..., import.meta.url), never imports it as a module", () => {
  // Bundlers resolve that pattern with no config (tests/e2e/bundlers.test.mjs runs them).
  const entry = readFileSync(join(pkgDir, pkg.exports["."].default), "utf8");
  assert.match(entry, /new URL\("\.\/alam_bg\.wasm", import\.meta\.url\)/);
  for (const f of pkg.files.filter((f) => f.endsWith(".js"))) {
    assert.doesNotMatch(readFileSync(join(pkgDir, f), "utf8"), /from\s+["'][^"']*\.wasm["']/, `${f} imports no .wasm module`);
  }
});

test("throughput under Node (informative)", async () => {
  const { alam } = await importByName();
  const unit = (referenceText().text ?? "وصل وزير الخارجية التركي إلى القاهرة يوم الثلاثاء وقال إن بلاده مستعدة.") + "\n";
  const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
  alam.extract(unit);
  const tokens = (text.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? []).length;
  const t0 = performance.now();
  const doc = alam.extract(text);
  const ms = performance.now() - t0;
  console.log(`# Node: ${(text.length / 1e6).toFixed(2)}M UTF-16 units, ${tokens} tokens, ${doc.entities.length} entities in ${ms.toFixed(0)} ms = ${Math.round(tokens / (ms / 1000))} tokens/s`);
  assert.ok(doc.entities.length > 0);
});
