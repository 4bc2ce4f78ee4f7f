//! The `alam` command line: extract entities from files, evaluate, train.

use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage:
  alam extract [--format json|jsonl] [--offsets utf16|bytes|chars]
               [--reference-date YYYY-MM-DD] [--jobs N] [FILE|-]
      json: the whole input is one document (one thread: names seen early
      inform later chunks); jsonl: each line is its own document, extracted
      on N threads (default: the cores, at most 16), output in input order
  alam eval [--model FILE] [--compare FILE] [--split-dev SHARE] [--errors FILE] FILE.conll
  alam train --corpus FILE --out FILE [--dev FILE] [--cv K] [--epochs N] [--bits N]
             [--groups LIST] [--groups-ctx LIST] [--groups2 LIST] [--dropout P]
             [--dropout2 P] [--prune N] [--seed N] [--algo perceptron|crf]
             [--words FILE|none]  (feature train; --words: the cluster table
             the `cluster` feature group reads, by default data/words.bin)
  alam represent --text FILE[.gz] --out FILE [--clusters K] [--dim N] [--window N]
             [--epochs N] [--min-count N] [--max-vocab N] [--seed N] [--max-lines N]
             (feature train)
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
        Some("eval") => eval(&args[1..]),
        #[cfg(feature = "train")]
        Some("train") => train(&args[1..]),
        #[cfg(feature = "train")]
        Some("compile-gazetteer") => compile_gazetteer(&args[1..]),
        #[cfg(feature = "train")]
        Some("represent") => represent(&args[1..]),
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

/// Largest input read (bytes): extraction needs several times the input in
/// memory, and an endless stream (`/dev/zero`) must end in a clear error.
const MAX_INPUT: u64 = 256 << 20;

fn read_input(path: Option<&str>) -> Result<String, Fail> {
    let mut bytes = Vec::new();
    let name = path.unwrap_or("-");
    let read = match path {
        None | Some("-") => std::io::stdin().take(MAX_INPUT + 1).read_to_end(&mut bytes),
        Some(p) => {
            std::fs::File::open(p).and_then(|f| f.take(MAX_INPUT + 1).read_to_end(&mut bytes))
        }
    };
    read.map_err(|e| Fail(2, format!("cannot read {name}: {e}")))?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(Fail(
            2,
            format!(
                "{name} is larger than {} MiB; split it into smaller files",
                MAX_INPUT >> 20
            ),
        ));
    }
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
    let a = parse(
        args,
        &["--format", "--offsets", "--reference-date", "--jobs"],
    )?;
    let format = a.get("--format").unwrap_or("json");
    if format != "json" && format != "jsonl" {
        return Err(Fail(
            2,
            format!("--format must be json or jsonl, got {format:?}"),
        ));
    }
    let unit = match a.get("--offsets").unwrap_or("utf16") {
        "utf16" => alam::Unit::Utf16,
        "bytes" => alam::Unit::Byte,
        "chars" => alam::Unit::Char,
        u => {
            return Err(Fail(
                2,
                format!("--offsets must be utf16, bytes or chars, got {u:?}"),
            ))
        }
    };
    if a.positional.len() > 1 {
        return Err(Fail(2, "extract takes at most one FILE".into()));
    }
    let mut opts = alam::Options::default();
    if let Some(d) = a.get("--reference-date") {
        opts = opts
            .with_reference_date(d)
            .map_err(|e| Fail(2, e.to_string()))?;
    }
    // Checked in json mode too, where it has no effect: a bad value is an
    // error whatever the format.
    let jobs = match a.get("--jobs") {
        Some(v) => parse_jobs(v)?,
        None => default_jobs(),
    };
    let text = read_input(a.positional.first().map(String::as_str))?;
    let ex = alam::Extractor::new();
    // Build all output first: nothing reaches stdout unless everything worked.
    let parts = if format == "json" {
        let mut out = Vec::with_capacity(text.len());
        write_doc(&ex.extract_with(&text, &opts), unit, &mut out)?;
        vec![out]
    } else {
        extract_lines(&ex, &text, &opts, unit, jobs)?
    };
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    parts
        .iter()
        .try_for_each(|p| lock.write_all(p))
        .and_then(|_| lock.flush())
        .map_err(|e| Fail(1, format!("cannot write output: {e}")))
}

/// Most threads `--jobs` accepts; more is surely a typo.
const MAX_JOBS: usize = 256;
/// Most threads used when `--jobs` is not given.
const DEFAULT_MAX_JOBS: usize = 16;

fn parse_jobs(v: &str) -> Result<usize, Fail> {
    v.parse::<usize>()
        .ok()
        .filter(|n| (1..=MAX_JOBS).contains(n))
        .ok_or_else(|| Fail(2, format!("--jobs must be in 1..={MAX_JOBS}, got {v:?}")))
}

fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(DEFAULT_MAX_JOBS))
}

/// One document as a JSON line.
fn write_doc(doc: &alam::Doc<'_>, unit: alam::Unit, out: &mut Vec<u8>) -> Result<(), Fail> {
    serde_json::to_writer(&mut *out, &doc.to_wire(unit))
        .map_err(|e| Fail(1, format!("cannot write JSON: {e}")))?;
    out.push(b'\n');
    Ok(())
}

/// Each line of `text` as its own document, on up to `jobs` threads.
///
/// The text is cut into contiguous batches of whole lines, about equal in
/// bytes and several per thread so that a thread that drew long lines does
/// not hold up the others; threads take the next batch as they finish one.
/// Each batch's JSON lines go to their own buffer, and the buffers come back
/// in input order: the output is byte for byte the sequential one, and held
/// once.
fn extract_lines(
    ex: &alam::Extractor,
    text: &str,
    opts: &alam::Options,
    unit: alam::Unit,
    jobs: usize,
) -> Result<Vec<Vec<u8>>, Fail> {
    let run = |batch: &str| -> Result<Vec<u8>, Fail> {
        let mut out = Vec::with_capacity(batch.len());
        for line in batch.lines() {
            write_doc(&ex.extract_with(line, opts), unit, &mut out)?;
        }
        Ok(out)
    };
    let batches = line_batches(text, jobs);
    let threads = jobs.min(batches.len());
    if threads <= 1 {
        return Ok(vec![run(text)?]);
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || -> Result<Vec<(usize, Vec<u8>)>, Fail> {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(batch) = batches.get(i) else {
                return Ok(done);
            };
            done.push((i, run(batch)?));
        }
    };
    let mut parts: Vec<Vec<u8>> = vec![Vec::new(); batches.len()];
    std::thread::scope(|s| {
        let mut handles = Vec::with_capacity(threads);
        for _ in 0..threads {
            // The main thread's stack size, not the 2 MiB default of spawned
            // threads: the same input must not fail on one path only.
            let h = std::thread::Builder::new()
                .stack_size(8 << 20)
                .spawn_scoped(s, work)
                .map_err(|e| Fail(1, format!("cannot start a thread: {e}")))?;
            handles.push(h);
        }
        for h in handles {
            let done = h
                .join()
                .map_err(|_| Fail(1, "a worker thread failed".into()))??;
            for (i, out) in done {
                parts[i] = out;
            }
        }
        Ok(parts)
    })
}

/// Contiguous pieces of `text`, each ending just after a newline (or at the
/// end): their `lines()` in order are `text.lines()`. About four per job,
/// and none under 16 KiB, so short inputs stay on one thread.
fn line_batches(text: &str, jobs: usize) -> Vec<&str> {
    const MIN_BATCH: usize = 16 << 10;
    let target = (text.len() / (jobs * 4).max(1)).max(MIN_BATCH);
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let cut = match rest.as_bytes().get(target..) {
            Some(tail) => tail
                .iter()
                .position(|&b| b == b'\n')
                .map_or(rest.len(), |i| target + i + 1),
            None => rest.len(),
        };
        let (batch, tail) = rest.split_at(cut);
        out.push(batch);
        rest = tail;
    }
    out
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
    let (tsv, report) = alam::train::compile_gazetteer(
        std::path::Path::new(shared),
        corpus.as_deref(),
        &Default::default(),
    )
    .map_err(|e| Fail(2, e))?;
    std::fs::write(out, &tsv).map_err(|e| Fail(1, format!("cannot write {out}: {e}")))?;
    // Its core, beside it: what the build without embedded data holds.
    let core = std::path::Path::new(out)
        .with_extension("")
        .display()
        .to_string()
        + "-core.tsv";
    std::fs::write(&core, alam::train::gazetteer_core(&tsv))
        .map_err(|e| Fail(1, format!("cannot write {core}: {e}")))?;
    eprint!("{report}");
    eprintln!("also wrote {core} (its core rows, for the build without embedded data)");
    Ok(())
}

/// `alam represent`: learn the word-cluster table from unlabelled text.
#[cfg(feature = "train")]
fn represent(args: &[String]) -> Result<(), Fail> {
    let a = parse(
        args,
        &[
            "--text",
            "--out",
            "--clusters",
            "--dim",
            "--window",
            "--epochs",
            "--min-count",
            "--seed",
            "--max-lines",
            "--max-vocab",
        ],
    )?;
    if !a.positional.is_empty() {
        return Err(Fail(2, "represent takes no positional arguments".into()));
    }
    let path = a
        .get("--text")
        .ok_or_else(|| Fail(2, "--text FILE is required".into()))?;
    let out = a
        .get("--out")
        .ok_or_else(|| Fail(2, "--out FILE is required".into()))?;
    let mut o = alam::train::RepresentOptions::default();
    let num = |name: &str, v: &str, lo: u64, hi: u64| -> Result<u64, Fail> {
        v.parse::<u64>()
            .ok()
            .filter(|n| (lo..=hi).contains(n))
            .ok_or_else(|| {
                Fail(
                    2,
                    format!("{name} must be a number in {lo}..={hi}, got {v:?}"),
                )
            })
    };
    for (name, lo, hi) in [
        ("--clusters", 2, 65_535),
        ("--dim", 4, 1024),
        ("--window", 1, 20),
        ("--epochs", 1, 50),
        ("--min-count", 1, 1_000_000),
        ("--seed", 0, u64::MAX),
        ("--max-lines", 0, u64::MAX),
        ("--max-vocab", 0, u64::MAX),
    ] {
        if let Some(v) = a.get(name) {
            let n = num(name, v, lo, hi)?;
            match name {
                "--clusters" => o.clusters = n as usize,
                "--dim" => o.dim = n as usize,
                "--window" => o.window = n as usize,
                "--epochs" => o.epochs = n as usize,
                "--min-count" => o.min_count = n as u32,
                "--seed" => o.seed = n,
                "--max-vocab" => o.max_vocab = n as usize,
                _ => o.max_lines = n as usize,
            }
        }
    }
    let file =
        std::fs::File::open(path).map_err(|e| Fail(2, format!("cannot read {path}: {e}")))?;
    let reader: Box<dyn std::io::BufRead> = if path.ends_with(".gz") {
        Box::new(std::io::BufReader::new(flate2::read::GzDecoder::new(file)))
    } else {
        Box::new(std::io::BufReader::new(file))
    };
    let t0 = std::time::Instant::now();
    let learned = alam::train::learn_words(reader, &o, &mut |s| eprintln!("{s}"))
        .map_err(|e| Fail(2, format!("{path}: {e}")))?;
    let bytes = alam::train::write_words(&learned.table, o.clusters);
    std::fs::write(out, &bytes).map_err(|e| Fail(1, format!("cannot write {out}: {e}")))?;
    eprintln!(
        "{} words, {} stems in {} clusters, {} bytes, {:.0} s",
        learned.tokens,
        learned.vocab,
        o.clusters,
        bytes.len(),
        t0.elapsed().as_secs_f64()
    );
    // A few clusters, as a look at what was learned.
    for (c, ex) in learned
        .examples
        .iter()
        .enumerate()
        .step_by((o.clusters / 12).max(1))
    {
        eprintln!("cluster {c:>4}: {}", ex.join(" "));
    }
    Ok(())
}

fn read_conll(path: &str) -> Result<Vec<alam::eval::Sentence>, Fail> {
    let text = read_input(Some(path))?;
    alam::eval::read_conll(&text).map_err(|e| Fail(2, format!("{path}: {e}")))
}

fn load_model(path: &str) -> Result<alam::Extractor, Fail> {
    let bytes = std::fs::read(path).map_err(|e| Fail(2, format!("cannot read {path}: {e}")))?;
    alam::Extractor::from_bytes(&bytes).map_err(|e| Fail(2, format!("{path}: {e}")))
}

/// `alam eval`: P/R/F1 per type and micro-averaged, conlleval semantics.
fn eval(args: &[String]) -> Result<(), Fail> {
    let a = parse(args, &["--model", "--split-dev", "--errors", "--compare"])?;
    let [path] = a.positional.as_slice() else {
        return Err(Fail(2, "eval takes one FILE.conll".into()));
    };
    let mut sents = read_conll(path)?;
    if let Some(share) = a.get("--split-dev") {
        // Score only the tail that `alam train` holds out as dev.
        let share: f64 = share
            .parse()
            .ok()
            .filter(|s: &f64| (0.0..=1.0).contains(s))
            .ok_or_else(|| Fail(2, format!("--split-dev must be in 0..1, got {share:?}")))?;
        let n = sents.len();
        let cut = n - ((n as f64 * share).round() as usize).min(n);
        sents.drain(..cut);
    }
    let ex = match a.get("--model") {
        Some(m) => load_model(m)?,
        None => alam::Extractor::new(),
    };
    // Loaded before anything is printed: a bad model is an error with
    // nothing on stdout.
    let other = match a.get("--compare") {
        Some(m) => Some((m, load_model(m)?)),
        None => None,
    };
    if !ex.has_model() {
        eprintln!("alam: note: no tagger model loaded; scoring gazetteer and rules only");
    }
    let mut errors = String::new();
    let mut per_sentence = Vec::with_capacity(sents.len());
    let report = alam::eval::evaluate_with(&ex, &sents, |s, gold, pred| {
        use std::fmt::Write as _;
        per_sentence.push(alam::eval::Counts::of(gold, pred));
        let show = |c: &(usize, usize, usize)| {
            format!(
                "{} {}",
                alam::eval::TYPES[c.2],
                s.tokens[c.0..c.1].join(" ")
            )
        };
        let missed: Vec<String> = gold
            .iter()
            .filter(|c| !pred.contains(c))
            .map(show)
            .collect();
        let wrong: Vec<String> = pred
            .iter()
            .filter(|c| !gold.contains(c))
            .map(show)
            .collect();
        if !missed.is_empty() || !wrong.is_empty() {
            let _ = writeln!(errors, "{}", s.tokens.join(" "));
            for m in missed {
                let _ = writeln!(errors, "  missed {m}");
            }
            for w in wrong {
                let _ = writeln!(errors, "  wrong  {w}");
            }
        }
    });
    if let Some(path) = a.get("--errors") {
        std::fs::write(path, errors).map_err(|e| Fail(1, format!("cannot write {path}: {e}")))?;
    }
    print!("{}", report.table());
    const RESAMPLES: usize = 1000;
    if let Some((lo, hi)) = alam::eval::bootstrap_f1(&per_sentence, RESAMPLES, 1) {
        println!(
            "micro F1 95% interval {lo:.2}-{hi:.2} (bootstrap: {RESAMPLES} resamples of the {} sentences)",
            per_sentence.len()
        );
    }
    if let Some((other, ex2)) = other {
        let mut theirs = Vec::with_capacity(sents.len());
        let r2 = alam::eval::evaluate_with(&ex2, &sents, |_, gold, pred| {
            theirs.push(alam::eval::Counts::of(gold, pred));
        });
        if let Some(d) = alam::eval::bootstrap_diff(&per_sentence, &theirs, RESAMPLES, 1) {
            println!(
                "{other}: micro F1 {:.2}, {:+.2} (95% interval {:+.2} to {:+.2}; ahead in {:.1}% of {RESAMPLES} paired resamples)",
                r2.f1(),
                d.diff,
                d.interval.0,
                d.interval.1,
                100.0 * d.ahead
            );
        }
    }
    Ok(())
}

/// `alam train`: train the tagger, print dev F1 per epoch, write the model.
#[cfg(feature = "train")]
fn train(args: &[String]) -> Result<(), Fail> {
    use alam::train::group;
    let a = parse(
        args,
        &[
            "--corpus",
            "--out",
            "--dev",
            "--epochs",
            "--bits",
            "--groups",
            "--groups2",
            "--seed",
            "--folds",
            "--doc-sents",
            "--info",
            "--algo",
            "--c2",
            "--eta0",
            "--cv",
            "--o-bias",
            "--prune",
            "--cv-doc-sents",
            "--groups-ctx",
            "--dropout",
            "--dropout2",
            "--words",
        ],
    )?;
    if !a.positional.is_empty() {
        return Err(Fail(2, "train takes no positional arguments".into()));
    }
    let corpus = a
        .get("--corpus")
        .ok_or_else(|| Fail(2, "--corpus FILE is required".into()))?;
    let out = a
        .get("--out")
        .ok_or_else(|| Fail(2, "--out FILE is required".into()))?;
    // The word clusters: the shipped table unless --words names another
    // (or "none").
    let clusters = match a.get("--words") {
        None => alam::train::parse_words(alam::train::SHIPPED_WORDS)
            .map_err(|e| Fail(1, format!("the shipped data/words.bin: {e}")))?,
        Some("none") => Vec::new(),
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|e| Fail(2, format!("cannot read {p}: {e}")))?;
            alam::train::parse_words(&bytes).map_err(|e| Fail(2, format!("{p}: {e}")))?
        }
    };
    let mut opts = alam::train::TrainOptions {
        clusters,
        ..Default::default()
    };
    let num = |name: &str, v: &str| -> Result<u64, Fail> {
        v.parse()
            .map_err(|_| Fail(2, format!("{name} must be a number, got {v:?}")))
    };
    if let Some(v) = a.get("--epochs") {
        opts.epochs = num("--epochs", v)?.clamp(1, 100) as usize;
    }
    if let Some(v) = a.get("--bits") {
        let b = num("--bits", v)?;
        if !(10..=24).contains(&b) {
            return Err(Fail(2, "--bits must be in 10..=24".into()));
        }
        opts.bits = b as u32;
    }
    if let Some(v) = a.get("--seed") {
        opts.seed = num("--seed", v)?;
    }
    if let Some(v) = a.get("--folds") {
        opts.folds = num("--folds", v)?.clamp(2, 20) as usize;
    }
    if let Some(v) = a.get("--doc-sents") {
        opts.doc_sents = num("--doc-sents", v)?.clamp(1, 100_000) as usize;
    }
    let groups = |v: &str| {
        group::parse(v).ok_or_else(|| {
            Fail(
                2,
                format!(
                    "unknown feature group in {v:?}; groups: base,{}",
                    group::NAMES.join(",")
                ),
            )
        })
    };
    if let Some(v) = a.get("--groups") {
        opts.groups = groups(v)?;
    }
    // A share in 0..=1, or a one-line error naming the option.
    let share = |name: &str| -> Result<Option<f64>, Fail> {
        a.get(name)
            .map(|v| {
                v.parse::<f64>()
                    .ok()
                    .filter(|x| (0.0..=1.0).contains(x))
                    .ok_or_else(|| Fail(2, format!("{name} must be in 0..=1, got {v:?}")))
            })
            .transpose()
    };
    if let Some(p) = share("--dropout")? {
        opts.dropout = p;
    }
    if let Some(p) = share("--dropout2")? {
        opts.dropout2 = p;
    }
    if let Some(v) = a.get("--groups-ctx") {
        opts.groups_ctx = if v == "none" {
            None
        } else {
            Some(groups(v)? | group::NOSELF)
        };
    }
    if let Some(v) = a.get("--groups2") {
        opts.groups2 = if v == "none" { None } else { Some(groups(v)?) };
    }
    let fnum = |name: &str, v: &str| -> Result<f64, Fail> {
        v.parse::<f64>()
            .ok()
            .filter(|x| x.is_finite() && *x > 0.0)
            .ok_or_else(|| Fail(2, format!("{name} must be a positive number, got {v:?}")))
    };
    match a.get("--algo") {
        None | Some("perceptron") => {}
        Some("crf") => {
            let c2 = a.get("--c2").map_or(Ok(1.0), |v| fnum("--c2", v))?;
            let eta0 = a.get("--eta0").map_or(Ok(0.1), |v| fnum("--eta0", v))?;
            opts.algo = alam::train::Algo::Crf { c2, eta0 };
        }
        Some(x) => {
            return Err(Fail(
                2,
                format!("--algo must be perceptron or crf, got {x:?}"),
            ))
        }
    }
    if let Some(v) = a.get("--cv-doc-sents") {
        opts.eval_doc_sents = num("--cv-doc-sents", v)?.max(1) as usize;
    }
    if let Some(v) = a.get("--prune") {
        opts.prune = num("--prune", v)?.min(127) as i8;
    }
    if let Some(v) = a.get("--o-bias") {
        opts.o_bias = v
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| Fail(2, format!("--o-bias must be a number, got {v:?}")))?;
    }
    let sents = read_conll(corpus)?;
    let (train, dev) = match a.get("--dev") {
        Some(d) => (sents, read_conll(d)?),
        None => alam::train::split(sents, opts.dev_share),
    };
    if train.is_empty() {
        return Err(Fail(2, format!("{corpus} has no sentences")));
    }
    eprintln!(
        "training on {} sentences, dev {} sentences",
        train.len(),
        dev.len()
    );
    let info = match a.get("--info") {
        Some(i) => i.to_string(),
        None => format!(
            "alam tagger; {:?}; pass 1 groups {}; pass 2 groups {}; 2^{} rows; {} epochs; prune {}; seed {}; {} training sentences",
            opts.algo,
            group::describe(opts.groups),
            opts.groups2.map_or("none".into(), group::describe),
            opts.bits,
            opts.epochs,
            opts.prune,
            opts.seed,
            train.len()
        ),
    };
    if let Some(k) = a.get("--cv") {
        let k = num("--cv", k)?.clamp(2, 20) as usize;
        let all: Vec<_> = train.iter().chain(&dev).cloned().collect();
        let r = alam::train::cross_validate(&all, k, &opts);
        print!("{}", r.table());
        return Ok(());
    }
    let t = alam::train::train(&train, &dev, &opts, &info, &mut |s| eprintln!("{s}"));
    std::fs::write(out, &t.bytes).map_err(|e| Fail(1, format!("cannot write {out}: {e}")))?;
    if let Some(r) = &t.dev {
        print!("{}", r.table());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::line_batches;

    #[test]
    fn batches_keep_the_lines() {
        let long = "سطر طويل ".repeat(5_000);
        let texts = [
            String::new(),
            "\n".into(),
            "\n\n\n".into(),
            "بلا سطر جديد".into(),
            format!("{long}\r\n{long}\n\r\n{long}\r"),
            format!("{long}\n").repeat(40),
            "ق\r\n".repeat(100_000),
            format!("{}\n{long}", "x".repeat(16 << 10)),
        ];
        for text in &texts {
            for jobs in [1, 2, 3, 7, 256] {
                let batches = line_batches(text, jobs);
                assert_eq!(batches.concat(), *text);
                assert!(batches.iter().all(|b| !b.is_empty()));
                assert!(batches[..batches.len().saturating_sub(1)]
                    .iter()
                    .all(|b| b.ends_with('\n')));
                let lines: Vec<&str> = batches.iter().flat_map(|b| b.lines()).collect();
                assert_eq!(lines, text.lines().collect::<Vec<_>>(), "jobs {jobs}");
            }
        }
    }
}
