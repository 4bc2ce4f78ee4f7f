// The README's command-line examples, run as a new user runs them: on a
// fresh-clone-like tree with no ../shared beside it.
//
// The shell blocks of "## Quick start (command line)" are read from README.md
// and every command in them runs with bash in a temporary tree that holds the
// repository's data/ and the built CLI at target/release/alam, inside a
// folder with nothing else in it (so ../shared cannot be found). Each must exit
// 0 and print JSON whose entities slice back out of the input (UTF-16 offsets).
// `cargo build --release` itself is not re-run here: scripts/build.sh built the
// binary these commands use.
//
// Run: node --test tests/readme.test.mjs   (after scripts/build.sh)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const readme = readFileSync(join(root, "README.md"), "utf8");
const cli = join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "release", "alam");

/** The README split into sections: { title, body } for each "## " heading. */
function sections(md) {
  const out = [];
  let cur = { title: "", body: "" };
  let fenced = false;
  for (const line of md.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    if (!fenced && line.startsWith("## ")) {
      out.push(cur);
      cur = { title: line.slice(3).trim(), body: "" };
    } else {
      cur.body += line + "\n";
    }
  }
  out.push(cur);
  return out;
}

/** Fenced blocks of a section: [{ lang, code }]. */
function blocks(body) {
  return [...body.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], code: m[2] }));
}

/** The commands of a shell block: one a line, trailing "# comment" removed. */
function commands(code) {
  return code
    .split("\n")
    .map((l) => l.replace(/\s+#\s.*$/, "").trim())
    .filter((l) => l && !l.startsWith("#"));
}

const cliSection = sections(readme).find((s) => s.title === "Quick start (command line)");
const cliCommands = cliSection
  ? blocks(cliSection.body).filter((b) => b.lang === "sh").flatMap((b) => commands(b.code))
  : [];

let tree; // the fresh-clone-like copy: <tmp>/clone, nothing beside it
before(() => {
  assert.ok(existsSync(cli), `${cli} is missing: run scripts/build.sh first`);
  const outer = mkdtempSync(join(tmpdir(), "alam-readme-"));
  tree = join(outer, "clone");
  mkdirSync(join(tree, "target", "release"), { recursive: true });
  cpSync(join(root, "data"), join(tree, "data"), { recursive: true });
  cpSync(cli, join(tree, "target", "release", "alam"));
});
after(() => {
  if (tree) rmSync(dirname(tree), { recursive: true, force: true });
});

test("README: the command-line section has commands, none reading ../shared", () => {
  assert.ok(cliSection, 'README.md has no "## Quick start (command line)" section');
  assert.ok(cliCommands.length >= 3, `too few commands found: ${JSON.stringify(cliCommands)}`);
  for (const c of cliCommands) assert.doesNotMatch(c, /\.\.\/shared/, c);
  assert.equal(cliCommands[0], "cargo build --release", "the section starts by building the CLI");
});

test("README: shell examples that read ../shared are in sections that say they need it", () => {
  for (const s of sections(readme)) {
    const prose = s.body.replace(/^```[\s\S]*?^```$/gm, "");
    for (const b of blocks(s.body)) {
      if (!commands(b.code).some((c) => c.includes("../shared"))) continue; // comments may mention it
      assert.match(prose, /needs? `\.\.\/shared`/i, `section "${s.title}" uses ../shared without saying it needs it`);
    }
  }
});

/** The text a command reads: its file argument or its stdin redirection. */
function inputOf(cmd) {
  const m = /(?:<\s*|\s)(data\/[^\s]+)/.exec(cmd);
  return m ? readFileSync(join(tree, m[1]), "utf8") : null;
}

/** Every entity and quote slices back out of `text` with its UTF-16 offsets. */
function checkDoc(text, doc, what) {
  assert.ok(Array.isArray(doc.entities) && Array.isArray(doc.quotes), `${what}: {entities, quotes}`);
  for (const e of doc.entities) assert.equal(text.slice(e.start, e.end), e.text, `${what}: ${JSON.stringify(e)}`);
  for (const q of doc.quotes) assert.equal(text.slice(q.start, q.end), q.text, `${what}: ${JSON.stringify(q)}`);
}

for (const [i, cmd] of cliCommands.entries()) {
  if (i === 0 && cmd === "cargo build --release") continue; // built by scripts/build.sh
  test(`README command runs without ../shared: ${cmd}`, () => {
    assert.ok(!existsSync(join(tree, "..", "shared")), "the temporary tree must have no ../shared");
    const r = spawnSync("bash", ["-c", cmd], { cwd: tree, encoding: "utf8", timeout: 60_000 });
    assert.equal(r.error, undefined, String(r.error));
    assert.equal(r.status, 0, `exit ${r.status}; stderr: ${r.stderr}`);
    const out = r.stdout.trim();
    assert.ok(out.length > 0, "no output");
    const input = inputOf(cmd);
    if (/--format jsonl/.test(cmd)) {
      const docs = out.split("\n").map((l) => JSON.parse(l));
      assert.ok(docs.some((d) => d.entities.length > 0), "no entity on any line");
      if (input !== null) {
        const lines = input.replace(/\n$/, "").split("\n");
        assert.equal(docs.length, lines.length, "one object per input line");
        docs.forEach((d, k) => checkDoc(lines[k], d, `line ${k + 1}`));
      }
    } else {
      const doc = JSON.parse(out);
      assert.ok(doc.entities.length > 0, "no entity");
      if (input !== null) checkDoc(input, doc, cmd);
    }
  });
}
