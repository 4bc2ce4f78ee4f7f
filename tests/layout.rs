//! The shape of `src/`, checked so that it cannot drift unnoticed:
//! - no module uses a module that uses it back, directly or through others;
//! - the stage folders use only folders below them, in pipeline order;
//! - `src/` holds `lib.rs`, `bin/`, the stage folders and at most three
//!   loose files;
//! - the crate root exports the public API and nothing else.
//!
//! Edges are read from the source: every `crate::…` and `super::…` path
//! outside comments, strings and `#[cfg(test)]` modules, resolved to the
//! longest module it names. `mod` declarations are not edges.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stage folders, lowest first: each may use the ones before it.
const STAGES: [&str; 6] = ["text", "lexicon", "rules", "tagger", "output", "wasm"];

/// Every module's layer, lowest first; a module may use its own layer and
/// the ones below. The loose files: `doc` and `error` are the vocabulary
/// every stage after `text` speaks, `extractor` the pipeline that runs the
/// stages, and the root (`lib.rs`) re-exports the public API.
const LAYERS: [&str; 9] = [
    "text",
    "doc|error",
    "lexicon",
    "rules",
    "tagger",
    "output",
    "extractor",
    "",
    "wasm",
];

/// Uses against the layers, allowed because these modules drive a whole
/// `Extractor` (scoring and training one); the pipeline never uses them.
const PIPELINE_USERS: [(&str, &str); 2] = [
    ("tagger::eval", "extractor"),
    ("tagger::train", "extractor"),
];

type Graph = BTreeMap<String, BTreeSet<String>>;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir` (recursively), skipping `src/bin`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if p != src().join("bin") {
                rust_files(&p, out);
            }
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// `src/a/b.rs` → "a::b", `src/a/mod.rs` → "a", `src/lib.rs` → "".
fn module_of(path: &Path) -> String {
    let rel = path.strip_prefix(src()).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts.join("::")
}

/// The code of a file without comments, string and char literals, and
/// without `#[cfg(test)]` modules (tests may reach anything).
fn code_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let rest = &text[i..];
        if let Some(after) = rest.strip_prefix("#[cfg(test)]") {
            // Skip the attribute and the item it guards when that item is
            // an inline module: up to its matching closing brace.
            if after.trim_start().starts_with("mod ") {
                if let Some(open) = rest.find('{') {
                    let mut depth = 0;
                    let mut j = open;
                    for (k, c) in rest[open..].char_indices() {
                        match c {
                            '{' => depth += 1,
                            '}' => {
                                depth -= 1;
                                if depth == 0 {
                                    j = open + k + 1;
                                    break;
                                }
                            }
                            _ => {}
                        }
                    }
                    i += j;
                    continue;
                }
            }
        }
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
            continue;
        }
        if rest.starts_with("/*") {
            i += rest.find("*/").map_or(rest.len(), |k| k + 2);
            continue;
        }
        if let Some(raw) = rest.strip_prefix("r#\"") {
            i += 3 + raw.find("\"#").map_or(raw.len(), |k| k + 2);
            out.push_str("\"\"");
            continue;
        }
        if rest.starts_with('"') {
            let mut k = 1;
            while k < rest.len() {
                match b[i + k] {
                    b'\\' => k += 2,
                    b'"' => break,
                    _ => k += 1,
                }
            }
            i += k + 1;
            out.push_str("\"\"");
            continue;
        }
        // A char literal ('x', '\n'), not a lifetime ('a).
        if let Some(lit) = rest.strip_prefix('\'') {
            let mut cs = lit.char_indices();
            if let Some((_, c)) = cs.next() {
                let end = if c == '\\' {
                    lit.find('\'').map(|k| k + 1)
                } else {
                    cs.next().filter(|&(_, q)| q == '\'').map(|(k, _)| k + 1)
                };
                if let Some(e) = end {
                    i += e + 1;
                    out.push_str("' '");
                    continue;
                }
            }
        }
        let c = rest.chars().next().unwrap();
        out.push(c);
        i += c.len_utf8();
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The paths a `use` tree or an expression names from `s` on (the text
/// right after `crate::` or `super::`): "a::b::{c, d::e}" gives a::b::c and
/// a::b::d::e.
fn paths_at(s: &str, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let mut segs: Vec<String> = prefix.to_vec();
    let mut rest = s;
    loop {
        let id: String = rest.chars().take_while(|&c| is_ident(c)).collect();
        if !id.is_empty() {
            rest = &rest[id.len()..];
            segs.push(id);
            if let Some(r) = rest.strip_prefix("::") {
                rest = r;
                continue;
            }
            out.push(segs);
            return;
        }
        if let Some(r) = rest.strip_prefix('{') {
            // Split the group at its top-level commas.
            let mut depth = 0;
            let mut start = 0;
            for (k, c) in r.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        paths_at(r[start..k].trim(), &segs, out);
                        return;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        paths_at(r[start..k].trim(), &segs, out);
                        start = k + 1;
                    }
                    _ => {}
                }
            }
            return;
        }
        out.push(segs);
        return;
    }
}

/// The module edges of the crate.
fn graph() -> Graph {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(f)).collect();
    // The longest known module that `path` starts with.
    let resolve = |path: &[String]| -> String {
        (0..=path.len())
            .rev()
            .map(|n| path[..n].join("::"))
            .find(|m| modules.contains(m))
            .unwrap_or_default()
    };
    let mut g = Graph::new();
    for f in &files {
        let me = module_of(f);
        let mut my_path: Vec<String> = if me.is_empty() {
            vec![]
        } else {
            me.split("::").map(str::to_string).collect()
        };
        let code = code_of(&std::fs::read_to_string(f).unwrap());
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(k) = code[at..].find("::") {
            let pos = at + k;
            at = pos + 2;
            let before: String = code[..pos]
                .chars()
                .rev()
                .take_while(|&c| is_ident(c))
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            // The ident must start the path (not `x::crate`).
            let start = pos - before.len();
            if code[..start].ends_with("::") {
                continue;
            }
            match before.as_str() {
                "crate" => paths_at(&code[at..], &[], &mut found),
                "super" => {
                    // `super::` from a/b.rs or from a/b/mod.rs means a.
                    let mut base = my_path.clone();
                    base.pop();
                    let mut rest = &code[at..];
                    while let Some(r) = rest.strip_prefix("super::") {
                        base.pop();
                        rest = r;
                    }
                    paths_at(rest, &base, &mut found);
                }
                "self" => paths_at(&code[at..], &my_path, &mut found),
                // A path relative to this module: one of its child modules
                // (`use parse::Cx;` in date/mod.rs, `output::link::…` in lib.rs).
                child if !child.is_empty() => {
                    let mut base = my_path.clone();
                    base.push(child.to_string());
                    if modules.contains(&base.join("::")) {
                        paths_at(&code[at..], &base, &mut found);
                    }
                }
                _ => {}
            }
        }
        let edges = g.entry(me.clone()).or_default();
        for p in found {
            let to = resolve(&p);
            if to != me {
                edges.insert(to);
            }
        }
        my_path.clear();
    }
    g
}

/// Strongly connected components with more than one module (Tarjan).
fn cycles(g: &Graph) -> Vec<Vec<String>> {
    struct St<'a> {
        g: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut St<'a>, v: &'a str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on.insert(v);
        for w in s.g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if s.on.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.out.push(comp);
            }
        }
    }
    let mut s = St {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in g.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.out
}

fn folder(m: &str) -> &str {
    m.split("::").next().unwrap_or("")
}

#[test]
fn no_module_uses_a_module_that_uses_it_back() {
    let g = graph();
    let found = cycles(&g);
    assert!(found.is_empty(), "import circles: {found:#?}");
}

#[test]
fn the_reader_sees_the_edges_it_should() {
    // A checker that read no edges would pass everything.
    let g = graph();
    let has = |a: &str, b: &str| g.get(a).is_some_and(|e| e.contains(b));
    assert!(has("tagger::features", "lexicon::words"));
    assert!(has("rules::date::parse", "rules::date::words"));
    assert!(has("output::decode", "rules::candidate"));
    assert!(has("", "output::link"), "{:?}", g.get(""));
    assert!(g.len() > 30, "{} modules", g.len());
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let mut g = Graph::new();
    for (a, b) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        g.entry(a.into()).or_default().insert(b.into());
    }
    assert_eq!(cycles(&g), [vec!["a", "b", "c"]]);
}

#[test]
fn paths_in_use_groups_are_read() {
    let mut out = Vec::new();
    paths_at("a::b::{c, d::{e, f}}, x;", &[], &mut out);
    let got: Vec<String> = out.iter().map(|p| p.join("::")).collect();
    assert_eq!(got, ["a::b::c", "a::b::d::e", "a::b::d::f"]);
    let code = code_of("let s = \"crate::x\"; // crate::y\nuse crate::z; let c = '\"';");
    assert!(!code.contains("crate::x") && !code.contains("crate::y"));
    assert!(code.contains("crate::z"));
}

#[test]
fn stage_folders_use_only_folders_below_them() {
    let g = graph();
    let rank = |m: &str| {
        let top = folder(m);
        LAYERS
            .iter()
            .position(|l| l.split('|').any(|x| x == top))
            .unwrap_or_else(|| panic!("module {m:?} is in no layer"))
    };
    let mut bad = Vec::new();
    for (from, tos) in &g {
        for to in tos {
            if rank(to) > rank(from) && !PIPELINE_USERS.contains(&(from.as_str(), to.as_str())) {
                bad.push(format!("{from} -> {to}"));
            }
        }
    }
    assert!(bad.is_empty(), "uses against the stage order: {bad:#?}");
}

#[test]
fn src_holds_lib_bin_stage_folders_and_few_loose_files() {
    let mut loose = Vec::new();
    let mut folders = Vec::new();
    for e in std::fs::read_dir(src()).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if p.is_dir() {
            folders.push(name);
        } else if name != "lib.rs" {
            loose.push(name);
        }
    }
    folders.sort();
    let mut want: Vec<String> = STAGES.iter().map(|s| s.to_string()).collect();
    want.push("bin".into());
    want.sort();
    assert_eq!(folders, want);
    assert!(loose.len() <= 3, "loose files in src/: {loose:?}");
    // Each stage folder says what it takes and what it gives.
    for s in STAGES {
        let m = std::fs::read_to_string(src().join(s).join("mod.rs")).unwrap();
        assert!(m.starts_with("//!"), "src/{s}/mod.rs has no module docs");
    }
}

#[test]
fn the_root_exports_the_public_api_only() {
    let lib = code_of(&std::fs::read_to_string(src().join("lib.rs")).unwrap());
    let mut exported = BTreeSet::new();
    // Items at the top level only (the door's own re-exports are indented).
    for line in lib.lines() {
        if let Some(rest) = line.strip_prefix("pub use ") {
            let mut paths = Vec::new();
            paths_at(rest, &[], &mut paths);
            for p in paths {
                exported.insert(p.last().unwrap().clone());
            }
        } else if let Some(rest) = line
            .strip_prefix("pub struct ")
            .or_else(|| line.strip_prefix("pub enum "))
            .or_else(|| line.strip_prefix("pub mod "))
            .or_else(|| line.strip_prefix("pub fn "))
        {
            exported.insert(rest.chars().take_while(|&c| is_ident(c)).collect());
        }
    }
    // `internals` is the hidden door for benches, fuzz targets and stage
    // tests, `wasm` (wasm32 only) the binding the wasm suites call (see
    // their docs); `eval` and `train` are behind their features.
    let want: BTreeSet<String> = [
        "Attrs",
        "Doc",
        "Entity",
        "Error",
        "ErrorKind",
        "Extractor",
        "Label",
        "Options",
        "Quote",
        "Source",
        "Span",
        "Unit",
        "Value",
        "WireDoc",
        "WireEntity",
        "WireQuote",
        "WireSpan",
        "eval",
        "internals",
        "train",
        "wasm",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(exported, want);
    // No stage module is public at the root (but the hidden binding).
    for s in STAGES.iter().filter(|s| **s != "wasm") {
        assert!(!lib.contains(&format!("pub mod {s}")), "pub mod {s}");
    }
}

#[test]
fn architecture_md_names_every_module_and_only_real_ones() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    // Every module is named: `src/x/` for folders, `x` or `x.rs` for files.
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    for f in &files {
        let m = module_of(f);
        let last = m.rsplit("::").next().unwrap();
        if last.is_empty() {
            continue;
        }
        let folder = format!("src/{}/", m.replace("::", "/"));
        assert!(
            doc.contains(&format!("`{last}`"))
                || doc.contains(&format!("{last}.rs"))
                || doc.contains(&folder)
                || doc.contains(&format!("`{last}/`")),
            "ARCHITECTURE.md does not name {m}"
        );
    }
    // Every `src/…` path it names exists.
    for part in doc.split('`').skip(1).step_by(2) {
        if let Some(p) = part.strip_prefix("src/") {
            let p = p.split_whitespace().next().unwrap_or("");
            assert!(
                src().join(p).exists(),
                "ARCHITECTURE.md names src/{p}, which is gone"
            );
        }
    }
}
