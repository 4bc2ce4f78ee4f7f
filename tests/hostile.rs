//! Hostile input, native side: every shape a page or a paste can hold
//! completes and keeps the offset invariant; the CLI fails with exit code 2
//! and one line for input it cannot read; model bytes that are not a model
//! give an `Err`.
//!
//! No timing assertions here. The ignored test `linear_time` prints time per
//! byte for 1× and 10× of each shape (run it in release:
//! `cargo test --release --test hostile -- --ignored --nocapture linear_time`).

mod common;
mod peak;

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

fn ex() -> &'static alam::Extractor {
    static EX: OnceLock<alam::Extractor> = OnceLock::new();
    EX.get_or_init(alam::Extractor::new)
}

/// Extract and check the invariant; returns (label, text) pairs.
fn run(text: &str) -> Vec<(String, String)> {
    let doc = ex().extract(text);
    common::check_offsets(text, &doc);
    for q in &doc.quotes {
        assert!(
            q.span.start <= q.span.end && q.span.end <= text.len(),
            "{q:?}"
        );
        assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
    }
    common::pairs(&doc)
}

/// Repeat `unit` until the result has at least `bytes` bytes.
fn fill(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len().max(1)))
}

/// One sentence of ordinary Arabic news prose (written for this test).
const PROSE: &str = "وقال وزير الخارجية في مؤتمر صحفي بالقاهرة يوم الثلاثاء إن الوفد التركي \
سيزور الرياض وعمّان الأسبوع المقبل، بعد محادثات استمرت ثلاث ساعات مع نظيره المصري. ";

/// Persian and Urdu prose (written for this test): Persian yeh and keheh,
/// Urdu heh goal, do-chashmi heh, yeh barree, ZWNJ, Extended digits.
const PERSIAN: &str = "دیروز هیئت ایرانی از تهران به کابل رفت و در ۱۴۰۲ با وزیر گفت‌وگو کرد. ";
const URDU: &str = "پاکستان کے شہر لاہور میں کل بارش ہوئی اور کراچی میں ۲۳ ڈگری درجہ حرارت تھا۔ ";

/// The hostile shapes at `scale` (1 = the sizes the issue names, 10 = ten
/// times as large; shapes the issue gives no size for are 100 KB). Each is
/// (name, text).
fn shapes(scale: usize) -> Vec<(&'static str, String)> {
    let marks = "\u{064E}\u{0651}\u{064F}\u{0652}\u{0650}\u{064B}\u{0670}\u{0653}";
    let kb100 = 100_000 * scale;
    let bidi = PROSE
        .split(' ')
        .collect::<Vec<_>>()
        .join("\u{200F} \u{2067}\u{200E}\u{2069}\u{061C}");
    vec![
        ("prose 1 MB", fill(PROSE, 1_000_000 * scale)),
        (
            "letter + 1M tashkeel",
            format!("م{}", "\u{0651}".repeat(1_000_000 * scale)),
        ),
        (
            "letter + 1M mixed marks",
            format!("ب{}", marks.repeat(125_000 * scale)),
        ),
        (
            "Latin letter + U+0301",
            format!("e{}", "\u{0301}".repeat(kb100 / 2)),
        ),
        ("200k و in a row", "و".repeat(200_000 * scale)),
        ("200k و with spaces", "و ".repeat(200_000 * scale)),
        ("20k unbalanced «", "«".repeat(20_000 * scale)),
        (
            "20k \" with words",
            "قال الوزير: \"إن ".repeat(20_000 * scale),
        ),
        (
            "20k “ and « with names",
            "« تركيا “ مصر ".repeat(20_000 * scale),
        ),
        ("NUL between words", fill("تركيا\0مصر\0\0 \0", kb100)),
        ("CRLF lines", fill("زار الوفد تركيا\r\n\r\nثم مصر\r", kb100)),
        ("bidi between every word", fill(&bidi, kb100)),
        ("Persian and Urdu", fill(&format!("{PERSIAN}{URDU}"), kb100)),
        (
            "Latin only",
            fill(
                "The delegation flew from Cairo to Ankara on Tuesday. ",
                kb100,
            ),
        ),
        (
            "emoji and ZWJ",
            fill("👨\u{200D}👩\u{200D}👧 🇹🇷\u{200D}😀 👍🏽\u{FE0F} ", kb100),
        ),
        ("ﷺ expands 18x", "ﷺ".repeat(kb100 / 3)),
        ("one word of gazetteer names", fill("القاهرةتركيا", kb100)),
        ("multi-word name prefix", fill("كانون ", kb100)),
        ("one long number", fill("١٢٣٬٤٥٦٫٧", kb100)),
        ("digits three scripts", fill("2024 ٢٠٢٤ ۲۰۲۴ ", kb100)),
        (
            "quotes and speakers",
            fill("قال أحمد: «سنعود» وقالت سارة \"لا\" ", kb100),
        ),
        (
            "dates and numbers",
            fill(
                "في 15 مارس 2024 و٣٫٥ مليار دولار من 5 إلى 7 أكتوبر/تشرين الأول، الساعة 10:30 ",
                kb100,
            ),
        ),
        (
            "month names in a row",
            fill("يناير/كانون الثاني فبراير مارس ", kb100),
        ),
        (
            "number words chained",
            fill("خمسة وعشرون ألفا وثلاثمئة و", kb100),
        ),
        ("years in a row", fill("2020 و2021 و٢٠٢٢ ", kb100)),
        // A "بن" chain of distinct names: the shipped tagger makes PERs of
        // hundreds of words of it (see tests/regressions.rs).
        ("nasab chain", common::nasab(kb100)),
    ]
}

#[test]
fn empty_and_blank() {
    for t in [
        "",
        " ",
        "\n",
        "\r\n",
        "\t \u{00A0}\u{3000}\u{2028}\u{2029}\u{0085}",
        "\0",
        "\u{FEFF}",
    ] {
        assert!(run(t).is_empty(), "{t:?}");
    }
    assert!(run(&" \t\r\n".repeat(10_000)).is_empty());
}

#[test]
fn only_punctuation() {
    let t = "،.؛؟!\"«»()[]{}…—-'“”‹›:;/\\|@#$%^&*_+=~`".repeat(200);
    assert!(run(&t).is_empty());
}

#[test]
fn one_letter_with_a_million_marks() {
    let t = format!("م{}", "\u{0651}".repeat(1_000_000));
    run(&t);
    // A name with a million marks on its last letter stays one entity whose
    // text is the name with all its marks.
    let t = format!("زرنا تركيا{} أمس", "\u{064E}".repeat(1_000_000));
    let p = run(&t);
    assert!(
        p.iter().any(|(l, x)| l == "LOC" && x.starts_with("تركيا")),
        "{:?}",
        &p[..p.len().min(3)]
    );
}

#[test]
fn two_hundred_thousand_waw() {
    run(&"و".repeat(200_000));
    run(&"و ".repeat(200_000));
    let t = format!("{}تركيا", "و".repeat(200_000));
    run(&t);
}

#[test]
fn twenty_thousand_unbalanced_quotes() {
    run(&"«".repeat(20_000));
    run(&"\"".repeat(20_000));
    run(&"“".repeat(20_000));
    run(&"قال الوزير: «إن ".repeat(20_000));
    run(&"« تركيا “ مصر ".repeat(2_000));
}

#[test]
fn nul_characters() {
    let p = run("زرنا\0تركيا\0\0ومصر\0");
    assert!(p.iter().any(|(l, x)| l == "LOC" && x == "تركيا"), "{p:?}");
    run(&"\0".repeat(100_000));
}

#[test]
fn crlf() {
    let p = run("زار الوفد تركيا\r\nثم مصر\r\n");
    assert!(p.iter().any(|(_, x)| x == "تركيا"), "{p:?}");
    assert!(p.iter().any(|(_, x)| x == "مصر"), "{p:?}");
    for (_, x) in &p {
        assert!(!x.contains('\r') && !x.contains('\n'), "{x:?}");
    }
    run(&"\r".repeat(10_000));
    run(&"\r\n".repeat(10_000));
}

#[test]
fn bidi_controls_between_every_word() {
    let t = "زار\u{200F} \u{2067}الوفد\u{2069} \u{200E}تركيا\u{200F} \u{061C}و\u{202B}مصر\u{202C}";
    let p = run(t);
    assert!(p.iter().any(|(l, x)| l == "LOC" && x == "تركيا"), "{p:?}");
    for (_, x) in &p {
        let c = x.chars().next().expect("non-empty");
        assert!(
            !alam::internals::normalize::is_invisible_mark(c),
            "{x:?} starts with a bidi control"
        );
    }
    run(&fill(
        "\u{200F}\u{2067}\u{2069}\u{202E}\u{200B}\u{200D}\u{FEFF}",
        100_000,
    ));
}

#[test]
fn persian_and_urdu() {
    run(PERSIAN);
    run(URDU);
    // Gazetteer places in Persian and Urdu spelling (ی ک ہ fold to ي ك ه).
    // Checked without the tagger, whose choices are the model's.
    let light = alam::Extractor::without_model();
    for (text, place) in [(PERSIAN, "تهران"), (PERSIAN, "کابل"), (URDU, "لاہور")] {
        let doc = light.extract(text);
        common::check_offsets(text, &doc);
        let p = common::pairs(&doc);
        assert!(
            p.iter().any(|(l, x)| l == "LOC" && x == place),
            "{place}: {p:?}"
        );
    }
}

#[test]
fn latin_only() {
    run("The delegation flew from Cairo to Ankara on Tuesday.");
    run(&fill("Hello, world! ", 100_000));
}

#[test]
fn emoji_sequences() {
    let t = "👨\u{200D}👩\u{200D}👧 زار الوفد تركيا 🇹🇷 👍🏽";
    let p = run(t);
    assert!(p.iter().any(|(_, x)| x == "تركيا"), "{p:?}");
}

/// Every shape completes with the invariant, and its peak heap stays within
/// a linear bound: a fixed allowance for one chunk's analysis (the ﷺ shape,
/// which expands 18-fold, needs about 20 MB per 32 KB chunk) plus 64 bytes
/// per input byte for what accumulates (entities: shapes full of dates or
/// numbers keep about 30 bytes per input byte, prose 7).
#[test]
fn every_shape() {
    let mut report = Vec::new();
    for (name, t) in shapes(1) {
        // The 1 MB of prose is left to the timing check; the nasab chain's
        // memory is an open bug (tests/regressions.rs).
        if name == "prose 1 MB" {
            continue;
        }
        let (peak, doc) = peak::peak_bytes(|| ex().extract(&t));
        common::check_offsets(&t, &doc);
        report.push(format!(
            "{name}: {:.1} B/B",
            peak as f64 / t.len().max(1) as f64
        ));
        if name != "nasab chain" {
            assert!(
                peak <= 64 * t.len() + (32 << 20),
                "{name}: peak heap {peak} bytes for {} input bytes",
                t.len()
            );
        }
    }
    println!("peak heap per input byte: {}", report.join("; "));
}

/// The whole pipeline on a 10 MB line. In debug builds the tagger makes this
/// take about 20 s, so there it runs without the model (chunking, gazetteer,
/// rules, links and quotes over the whole line); `cli_ten_megabyte_file`
/// runs the same shape through the full pipeline, and release runs do too.
#[test]
fn ten_megabytes_on_one_line() {
    let t = fill(PROSE, 10_000_000);
    assert!(!t.contains('\n') && t.len() >= 10_000_000);
    let light;
    let x = if cfg!(debug_assertions) {
        light = alam::Extractor::without_model();
        &light
    } else {
        ex()
    };
    let doc = x.extract(&t);
    common::check_offsets(&t, &doc);
    // Every repetition of the sentence holds the same places.
    let reps = t.len() / PROSE.len();
    let cairo = doc
        .entities
        .iter()
        .filter(|e| doc.slice(e.span) == "القاهرة")
        .count();
    assert!(cairo + 2 >= reps, "{cairo} of {reps}");
}

/// Time per byte for 1× and 10× of each shape; a ratio near 1 means linear.
#[test]
#[ignore = "prints timings; run in release with --ignored --nocapture"]
fn linear_time() {
    use std::time::Instant;
    let ex = ex();
    let _ = ex.extract("تمهيد");
    let small = shapes(1);
    let large = shapes(10);
    println!(
        "{:<34} {:>10} {:>10} {:>10} {:>7}",
        "shape", "bytes 1x", "ns/B 1x", "ns/B 10x", "ratio"
    );
    for ((name, s), (_, l)) in small.iter().zip(&large) {
        let time = |t: &str| {
            let mut best = f64::MAX;
            for _ in 0..3 {
                let t0 = Instant::now();
                let d = ex.extract(t);
                std::hint::black_box(d.entities.len());
                best = best.min(t0.elapsed().as_secs_f64());
            }
            best * 1e9 / t.len().max(1) as f64
        };
        let (a, b) = (time(s), time(l));
        println!(
            "{name:<34} {:>10} {a:>10.2} {b:>10.2} {:>7.2}",
            s.len(),
            b / a
        );
    }
}

/// Resident and peak memory (kB) from /proc (Linux), else zeros.
fn rss_kb() -> (u64, u64) {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |k: &str| {
        s.lines()
            .find(|l| l.starts_with(k))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Memory stays flat over repeated extractions (nothing kept between
/// calls) and the peak for a 10 MB line is printed.
#[test]
#[ignore = "prints memory figures; run in release with --ignored --nocapture"]
fn memory_is_flat() {
    let ex = ex();
    let t = fill(PROSE, 1_000_000);
    for _ in 0..3 {
        ex.extract(&t);
    }
    let (after3, _) = rss_kb();
    for _ in 0..30 {
        ex.extract(&t);
    }
    let (after33, _) = rss_kb();
    println!("RSS after 3 runs of 1 MB: {after3} kB; after 33 runs: {after33} kB");
    let big = fill(PROSE, 10_000_000);
    let doc = ex.extract(&big);
    let (_, peak) = rss_kb();
    println!(
        "peak RSS with a 10 MB line ({} entities): {peak} kB",
        doc.entities.len()
    );
}

// ---------------------------------------------------------------- models

#[test]
fn model_bytes_that_are_not_a_model() {
    let mut cases: Vec<(String, Vec<u8>)> = vec![
        ("empty".into(), vec![]),
        ("one byte".into(), vec![0]),
        ("zeros".into(), vec![0; 4096]),
        ("ones".into(), vec![0xFF; 4096]),
        ("text".into(), b"this is not a model".to_vec()),
        ("gzip magic".into(), vec![0x1F, 0x8B, 8, 0, 0, 0, 0, 0]),
        ("wasm magic".into(), b"\0asm\x01\0\0\0".to_vec()),
    ];
    // A shipped model, truncated at many lengths and with bytes flipped.
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/model.bin");
    if let Ok(m) = std::fs::read(&shipped) {
        for cut in [
            1,
            2,
            3,
            4,
            7,
            8,
            12,
            16,
            31,
            64,
            255,
            1024,
            m.len() / 2,
            m.len().saturating_sub(1),
        ] {
            if cut < m.len() {
                cases.push((format!("truncated at {cut}"), m[..cut].to_vec()));
            }
        }
        for at in [
            0,
            1,
            4,
            5,
            6,
            8,
            9,
            12,
            16,
            20,
            24,
            32,
            64,
            m.len() / 3,
            m.len() / 2,
        ] {
            if at < m.len() {
                let mut c = m.clone();
                c[at] ^= 0xFF;
                cases.push((format!("byte {at} flipped"), c));
            }
        }
        let mut longer = m.clone();
        longer.extend_from_slice(&[0; 17]);
        cases.push(("trailing bytes".into(), longer));
    } else {
        println!("no data/model.bin yet: checking made-up bytes only");
    }
    for (name, bytes) in cases {
        // Flipped bytes may still load (weights are just numbers); then the
        // model must extract without breaking the invariant.
        match alam::Extractor::from_bytes(&bytes) {
            Err(e) => assert!(!e.to_string().is_empty(), "{name}: empty message"),
            Ok(x) => {
                let t = "قال أحمد بن علي في القاهرة يوم 15 مارس 2024: «سنزور تركيا».";
                let doc = x.extract(t);
                common::check_offsets(t, &doc);
            }
        }
    }
}

/// A valid model with made-up weights: extreme constants, or pseudo-random
/// ones (`seed`) so that the tagger proposes spans all over the text.
fn made_up_model(seed: u64, weight: Option<i8>, trans: i16, stages: usize, groups: u32) -> Vec<u8> {
    use alam::internals::NTAGS;
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let stage = |next: &mut dyn FnMut() -> u64| alam::internals::model::StageData {
        groups,
        scale: 1.0,
        trans: (0..(NTAGS + 1) * NTAGS)
            .map(|_| {
                if weight.is_some() {
                    trans
                } else {
                    next() as i16
                }
            })
            .collect(),
        weights: (0..(1usize << 8) * NTAGS)
            .map(|_| weight.unwrap_or(next() as i8))
            .collect(),
    };
    let stages: Vec<_> = (0..stages).map(|_| stage(&mut next)).collect();
    let clusters: Vec<(u64, u16)> = (0..50u64).map(|k| (k * 7919, (k % 5) as u16)).collect();
    alam::internals::model::write(8, "made-up model for hostile tests", &clusters, &stages)
}

#[test]
fn made_up_models_keep_the_invariant() {
    let all = u32::MAX;
    let mut models = vec![
        made_up_model(0, Some(127), i16::MAX, 2, all),
        made_up_model(0, Some(-128), i16::MIN, 2, all),
        made_up_model(0, Some(127), i16::MIN, 1, all),
        made_up_model(0, Some(0), 0, 1, 0),
    ];
    for seed in 1..=6 {
        models.push(made_up_model(seed, None, 0, 1 + seed as usize % 2, all));
    }
    let texts = [
        fill(PROSE, 20_000),
        fill(&format!("{PERSIAN}{URDU}"), 5_000),
        "«".repeat(2_000),
        fill("قال الوزير: «إن تركيا “ ", 20_000),
        fill("و ", 10_000),
        fill("👨\u{200D}👩\u{200D}👧 \u{200F}مصر\u{2069}\r\n\0", 5_000),
        format!("زرنا تركيا{} أمس", "\u{064E}".repeat(10_000)),
    ];
    for (i, m) in models.iter().enumerate() {
        let x = alam::Extractor::from_bytes(m).unwrap_or_else(|e| panic!("model {i}: {e}"));
        for t in &texts {
            let doc = x.extract(t);
            common::check_offsets(t, &doc);
        }
    }
}

// ---------------------------------------------------------------- CLI

fn alam(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_alam"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run alam");
    let mut input = child.stdin.take().expect("stdin");
    let data = stdin.to_vec();
    // Write from another thread so a large input cannot dead-lock on a full
    // stdout pipe.
    let w = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("wait");
    let _ = w.join();
    out
}

fn one_line_error(out: &Output, mentions: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "exit code; stderr {err:?}");
    assert!(out.stdout.is_empty(), "nothing on stdout");
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one-line message, got {err:?}"
    );
    assert!(err.starts_with("alam: "), "{err:?}");
    assert!(
        err.contains(mentions),
        "{err:?} should mention {mentions:?}"
    );
}

struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(tag: &str) -> Self {
        let d = std::env::temp_dir().join(format!("alam-hostile-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&d).expect("temp dir");
        TempDir(d)
    }
    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).expect("write temp file");
        p.to_str().expect("UTF-8 path").to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn cli_missing_file() {
    one_line_error(
        &alam(&["extract", "/nonexistent/dir/in.txt"], b""),
        "/nonexistent/dir/in.txt",
    );
}

#[test]
fn cli_unreadable_file() {
    // A path through a regular file, and a directory.
    let d = TempDir::new("unreadable");
    let f = d.file("plain.txt", "تركيا".as_bytes());
    one_line_error(&alam(&["extract", &format!("{f}/x")], b""), "cannot read");
    one_line_error(
        &alam(&["extract", d.0.to_str().expect("path")], b""),
        "cannot read",
    );
    // A file that exists but whose read fails (I/O error): reading the
    // process's own memory from address 0.
    #[cfg(target_os = "linux")]
    one_line_error(&alam(&["extract", "/proc/self/mem"], b""), "cannot read");
    // Permission denied (root reads anything, so only checked as a user).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let f = d.file("secret.txt", b"x");
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o000)).expect("chmod");
        if std::fs::read(&f).is_err() {
            one_line_error(&alam(&["extract", &f], b""), "cannot read");
        } else {
            println!("running as root: the permission case is not checked");
        }
    }
}

#[test]
fn cli_not_utf8() {
    let d = TempDir::new("utf8");
    // Latin-1, UTF-16 with a BOM (what some editors save), a lone surrogate
    // encoded as UTF-8 (CESU/WTF-8), an overlong NUL, a truncated sequence.
    let cases: [(&str, &[u8]); 5] = [
        ("latin1.txt", b"caf\xe9 au lait"),
        ("utf16.txt", b"\xff\xfe'\x06'\x06"),
        ("surrogate.txt", b"\xd8\xaa\xed\xa0\x80"),
        ("overlong.txt", b"ab\xc0\x80cd"),
        ("truncated.txt", b"\xd8\xaa\xd8"),
    ];
    for (name, bytes) in cases {
        let f = d.file(name, bytes);
        one_line_error(&alam(&["extract", &f], b""), "not valid UTF-8");
        one_line_error(&alam(&["extract"], bytes), "not valid UTF-8");
        one_line_error(
            &alam(&["extract", "--format", "jsonl", "-"], bytes),
            "not valid UTF-8",
        );
    }
}

#[test]
fn cli_empty_and_hostile_stdin() {
    for input in ["", "\0\0\0", "\r\n\r\n", "«««", "\u{200F}\u{2067}"] {
        let out = alam(&["extract"], input.as_bytes());
        assert!(
            out.status.success(),
            "{input:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert!(v["entities"].is_array());
    }
}

#[test]
fn cli_ten_megabyte_file() {
    // One line of 10 MB: prose with a run of 3,000 fathas after each
    // sentence, so that offsets shift far between entities while the debug
    // binary does little tagging (10 MB of plain prose takes the debug
    // binary about 20 s; `ten_megabytes_on_one_line` and `linear_time` cover
    // that shape).
    let d = TempDir::new("big");
    let text = fill(&format!("{PROSE}{}", "\u{064E}".repeat(3_000)), 10_000_000);
    let f = d.file("big.txt", text.as_bytes());
    let out = alam(&["extract", &f], b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let ents = v["entities"].as_array().expect("entities");
    assert!(!ents.is_empty());
    // Spot-check UTF-16 offsets along the whole file.
    let units: Vec<u16> = text.encode_utf16().collect();
    for e in ents.iter().step_by(ents.len() / 50 + 1).chain(ents.last()) {
        let (s, t) = (
            e["start"].as_u64().expect("start") as usize,
            e["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(
            String::from_utf16(&units[s..t]).expect("UTF-16"),
            e["text"].as_str().expect("text")
        );
    }
}

#[test]
fn cli_a_megabyte_of_lines_as_jsonl() {
    let text = fill("زار الوفد تركيا\r\n", 1_000_000);
    let lines = text.lines().count();
    let out = alam(&["extract", "--format", "jsonl"], text.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.stdout.iter().filter(|&&b| b == b'\n').count(), lines);
}

#[test]
fn cli_model_that_is_not_a_model() {
    let d = TempDir::new("model");
    let conll = d.file("tiny.conll", "زار O\nتركيا B-LOC\n\n".as_bytes());
    let mut bad: Vec<(&str, Vec<u8>)> = vec![
        ("empty.bin", vec![]),
        ("text.bin", b"not a model at all".to_vec()),
        ("magic-only.bin", b"ALAMTAG\x1a".to_vec()),
    ];
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/model.bin");
    if let Ok(m) = std::fs::read(shipped) {
        bad.push(("truncated.bin", m[..m.len() / 2].to_vec()));
        let mut flipped = m.clone();
        let mid = flipped.len() / 2;
        flipped[mid] ^= 0x55;
        bad.push(("flipped.bin", flipped));
    }
    for (name, bytes) in bad {
        let f = d.file(name, &bytes);
        one_line_error(&alam(&["eval", "--model", &f, &conll], b""), name);
    }
    one_line_error(
        &alam(&["eval", "--model", "/nonexistent/m.bin", &conll], b""),
        "cannot read",
    );
    // The model to compare with is checked before any table is printed.
    let f = d.file("compare.bin", b"not a model at all");
    one_line_error(
        &alam(&["eval", "--compare", &f, &conll], b""),
        "compare.bin",
    );
}

#[test]
fn cli_eval_compares_two_models() {
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/model.bin");
    if !shipped.exists() {
        println!("no data/model.bin: nothing to compare");
        return;
    }
    let d = TempDir::new("compare");
    let conll = d.file(
        "two.conll",
        "وقال O\nالرئيس O\nالتركي O\nإن O\nأنقرة B-LOC\nتدعم O\nأذربيجان B-LOC\n\n\
         وزار O\nوفد O\nمن O\nالأمم B-ORG\nالمتحدة I-ORG\nبيروت B-LOC\n\n"
            .as_bytes(),
    );
    let shipped = shipped.to_string_lossy();
    let out = alam(&["eval", "--compare", &shipped, &conll], b"");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("micro F1 95% interval"), "{text}");
    // The shipped model against itself: no difference.
    assert!(
        text.contains("+0.00 (95% interval +0.00 to +0.00"),
        "{text}"
    );
}
