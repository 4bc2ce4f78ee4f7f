//! The `alam` command line: extract entities from files, evaluate, train.

use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage:
  alam extract [--format json|jsonl] [--reference-date YYYY-MM-DD] [FILE|-]
  alam compile-gazetteer --shared DIR [--corpus FILE] --out FILE   (feature train)";

/// A failure: a one-line message and an exit code.
struct Fail(u8, String);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail(code, msg)) => {
            eprintln!("alam: {msg}");
            ExitCode::from(code)
        }
    }
}

fn run(args: &[String]) -> Result<(), Fail> {
    match args.first().map(String::as_str) {
        Some("extract") => extract(&args[1..]),
        #[cfg(feature = "train")]
        Some("compile-gazetteer") => compile_gazetteer(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(Fail(
            2,
            format!("unknown command {other:?}; try `alam --help`"),
        )),
        None => Err(Fail(2, "missing command; try `alam --help`".into())),
    }
}

/// Parsed `--flag value` options and positional arguments.
struct Args {
    flags: Vec<(String, String)>,
    positional: Vec<String>,
}

fn parse(args: &[String], known: &[&str]) -> Result<Args, Fail> {
    let mut flags = Vec::new();
    let mut positional = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "-" || !a.starts_with('-') {
            positional.push(a.clone());
        } else {
            let (name, inline) = match a.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (a.clone(), None),
            };
            if !known.contains(&name.as_str()) {
                return Err(Fail(2, format!("unknown option {name}")));
            }
            let v = match inline {
                Some(v) => v,
                None => it
                    .next()
                    .cloned()
                    .ok_or_else(|| Fail(2, format!("{name} needs a value")))?,
            };
            flags.push((name, v));
        }
    }
    Ok(Args { flags, positional })
}

impl Args {
    fn get(&self, name: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn read_input(path: Option<&str>) -> Result<String, Fail> {
    let mut bytes = Vec::new();
    match path {
        None | Some("-") => {
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| Fail(2, format!("cannot read stdin: {e}")))?;
        }
        Some(p) => {
            bytes = std::fs::read(p).map_err(|e| Fail(2, format!("cannot read {p}: {e}")))?;
        }
    }
    let name = path.unwrap_or("-");
    String::from_utf8(bytes).map_err(|e| {
        Fail(
            2,
            format!(
                "{name} is not valid UTF-8 (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

fn extract(args: &[String]) -> Result<(), Fail> {
    let a = parse(args, &["--format", "--reference-date"])?;
    let format = a.get("--format").unwrap_or("json");
    if format != "json" && format != "jsonl" {
        return Err(Fail(
            2,
            format!("--format must be json or jsonl, got {format:?}"),
        ));
    }
    if a.positional.len() > 1 {
        return Err(Fail(2, "extract takes at most one FILE".into()));
    }
    let mut opts = alam::Options::default();
    if let Some(d) = a.get("--reference-date") {
        opts = opts
            .with_reference_date(d)
            .map_err(|e| Fail(2, e.to_string()))?;
    }
    let text = read_input(a.positional.first().map(String::as_str))?;
    let ex = alam::Extractor::new();
    // Build all output first: nothing reaches stdout unless everything worked.
    let mut out = Vec::with_capacity(text.len());
    let ser = |doc: &alam::Doc<'_>, out: &mut Vec<u8>| -> Result<(), Fail> {
        serde_json::to_writer(&mut *out, &doc.to_wire(alam::Unit::Utf16))
            .map_err(|e| Fail(1, format!("cannot write JSON: {e}")))?;
        out.push(b'\n');
        Ok(())
    };
    if format == "json" {
        ser(&ex.extract_with(&text, &opts), &mut out)?;
    } else {
        for line in text.lines() {
            ser(&ex.extract_with(line, &opts), &mut out)?;
        }
    }
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    lock.write_all(&out)
        .and_then(|_| lock.flush())
        .map_err(|e| Fail(1, format!("cannot write output: {e}")))
}

#[cfg(feature = "train")]
fn compile_gazetteer(args: &[String]) -> Result<(), Fail> {
    let a = parse(args, &["--shared", "--corpus", "--out"])?;
    let shared = a
        .get("--shared")
        .ok_or_else(|| Fail(2, "--shared DIR is required".into()))?;
    let out = a
        .get("--out")
        .ok_or_else(|| Fail(2, "--out FILE is required".into()))?;
    let corpus = match a.get("--corpus") {
        Some(p) => {
            Some(std::fs::read_to_string(p).map_err(|e| Fail(2, format!("cannot read {p}: {e}")))?)
        }
        None => None,
    };
    let (tsv, report) = alam::compile::compile(
        std::path::Path::new(shared),
        corpus.as_deref(),
        &Default::default(),
    )
    .map_err(|e| Fail(2, e))?;
    std::fs::write(out, tsv).map_err(|e| Fail(1, format!("cannot write {out}: {e}")))?;
    eprint!("{report}");
    Ok(())
}
