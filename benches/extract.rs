//! Native benchmarks: model load (cold, as the browser does it), extraction
//! on the sample article and on a realistic corpus in article-sized
//! documents (with and without the tagger), the tagger alone, scaling with
//! input size, and linear time on hostile input shapes.
//!
//! Throughput is reported in tokens (whitespace-separated words, criterion's
//! "elem/s"), the unit the Node benchmark (scripts/bench/bench.mjs) and the
//! README use. Run: `cargo bench --bench extract` (one group:
//! `cargo bench --bench extract -- extract/`).
//! `parallel/` shares the corpus documents out to one and two threads.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::path::PathBuf;
use std::time::Duration;

fn manifest(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p)
}

/// The reference article, or the project's own sample when ../shared is absent.
fn article() -> String {
    std::fs::read_to_string(manifest("../shared/seed/article.txt"))
        .or_else(|_| std::fs::read_to_string(manifest("data/sample.txt")))
        .expect("data/sample.txt")
}

/// Article-sized documents (30 sentences) from the ANERcorp training split,
/// or copies of the article when ../shared is absent. The Node benchmark
/// (scripts/bench/common.mjs) cuts the same documents.
fn corpus_docs() -> Vec<String> {
    let Ok(conll) = std::fs::read_to_string(manifest("../shared/data/anercorp/train.txt")) else {
        eprintln!("../shared absent: the corpus benchmark uses the sample article");
        return vec![article(); 50];
    };
    let mut docs = Vec::new();
    let mut doc = String::new();
    let mut sentences = 0;
    for line in conll.lines() {
        match line.split_whitespace().next() {
            Some(tok) => {
                doc.push_str(tok);
                doc.push(' ');
            }
            None => {
                doc.push('\n');
                sentences += 1;
                if sentences == 30 {
                    docs.push(std::mem::take(&mut doc));
                    sentences = 0;
                }
            }
        }
    }
    if !doc.trim().is_empty() {
        docs.push(doc);
    }
    docs
}

fn words(s: &str) -> u64 {
    s.split_whitespace().count() as u64
}

/// `base` repeated and cut to at most `size` bytes at a char boundary.
fn sized(base: &str, size: usize) -> String {
    let mut text = String::with_capacity(size + base.len());
    while text.len() < size {
        text.push_str(base);
    }
    let mut cut = size.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    text
}

/// `unit` repeated to at least `bytes` bytes.
fn fill(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()))
}

/// One sentence of Arabic news prose (written for the benchmarks; the same
/// as scripts/bench/common.mjs).
const PROSE: &str = "وقال وزير الخارجية في مؤتمر صحفي بالقاهرة يوم الثلاثاء إن الوفد التركي \
سيزور الرياض وعمّان الأسبوع المقبل، بعد محادثات استمرت ثلاث ساعات مع نظيره المصري. ";

/// Hostile shapes at scale `k` (1: the sizes the hostile-input issue names,
/// or about 100 KB), as in scripts/bench/common.mjs.
fn hostile(k: usize) -> Vec<(&'static str, String)> {
    vec![
        (
            "letter+marks",
            format!("ب{}", "\u{064E}".repeat(1_000_000 * k)),
        ),
        ("waw_run", "و".repeat(200_000 * k)),
        ("open_quotes", "«".repeat(20_000 * k)),
        (
            "bidi_words",
            fill(
                "زار\u{200F} \u{2067}الوفد\u{2069} \u{202B}تركيا\u{202C}\u{061C} ",
                100_000 * k,
            ),
        ),
        ("nul_crlf", fill("تركيا\0مصر\r\n\0 ", 100_000 * k)),
        ("prose_line", fill(PROSE, 100_000 * k)),
    ]
}

static MODEL: &[u8] = include_bytes!("../data/model.bin");
static GAZETTEER: &str = include_str!("../data/gazetteer.tsv");

fn load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    // What the first `extract` in a fresh page does before any text: parse
    // the embedded gazetteer and the embedded model's layout (unverified:
    // bytes from the build are trusted).
    g.bench_function("gazetteer_parse", |b| {
        b.iter(|| black_box(alam::internals::Gazetteer::parse(GAZETTEER)))
    });
    g.bench_function("model_parse_embedded", |b| {
        b.iter(|| black_box(alam::internals::model::parse(black_box(MODEL), false).map(|l| l.bits)))
    });
    g.bench_function("cold_total", |b| {
        b.iter(|| {
            let gz = alam::internals::Gazetteer::parse(GAZETTEER);
            let m = alam::internals::model::parse(black_box(MODEL), false).map(|l| l.bits);
            black_box((gz.len(), m))
        })
    });
    // A model the user passes (`new Extractor(bytes)`): copied and checksummed.
    g.bench_function("model_from_bytes_verified", |b| {
        b.iter(|| black_box(alam::Extractor::from_bytes(black_box(MODEL)).is_ok()))
    });
    g.bench_function("extractor_new_warm", |b| {
        b.iter(|| black_box(alam::Extractor::new()))
    });
    g.finish();
}

fn extract(c: &mut Criterion) {
    let full = alam::Extractor::new();
    let light = alam::Extractor::without_model();
    let mut g = c.benchmark_group("extract");
    let a = article();
    g.throughput(Throughput::Elements(words(&a)));
    g.bench_function("article", |b| {
        b.iter(|| black_box(full.extract(black_box(&a)).entities.len()))
    });
    g.bench_function("article_without_model", |b| {
        b.iter(|| black_box(light.extract(black_box(&a)).entities.len()))
    });
    let docs = corpus_docs();
    let total: u64 = docs.iter().map(|d| words(d)).sum();
    g.throughput(Throughput::Elements(total));
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(10));
    for (name, ex) in [
        ("corpus_docs", &full),
        ("corpus_docs_without_model", &light),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                docs.iter()
                    .map(|d| ex.extract(black_box(d)).entities.len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

/// The corpus documents shared out to `jobs` threads of one extractor, each
/// taking the next document as it finishes one (what `alam extract --jobs`
/// does with batches of lines); same documents and throughput as
/// `extract/corpus_docs`. One thread is spawned for `jobs` 1 too, so the
/// two differ in the threads only.
fn parallel(c: &mut Criterion) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let ex = alam::Extractor::new();
    let docs = corpus_docs();
    let mut g = c.benchmark_group("parallel");
    g.throughput(Throughput::Elements(docs.iter().map(|d| words(d)).sum()));
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(10));
    for jobs in [1usize, 2] {
        g.bench_function(format!("corpus_docs_jobs_{jobs}"), |b| {
            b.iter(|| {
                let next = AtomicUsize::new(0);
                let work = || {
                    let mut n = 0;
                    while let Some(d) = docs.get(next.fetch_add(1, Ordering::Relaxed)) {
                        n += ex.extract(black_box(d)).entities.len();
                    }
                    n
                };
                std::thread::scope(|s| {
                    let hs: Vec<_> = (0..jobs).map(|_| s.spawn(work)).collect();
                    hs.into_iter()
                        .map(|h| h.join().expect("worker"))
                        .sum::<usize>()
                })
            })
        });
    }
    g.finish();
}

/// The tagger alone, on analyses made beforehand: all its passes, the
/// document statistics and the consistency pass (`tag`), and Viterbi
/// decoding of one pass over sentence-sized emission rows (`decode`).
fn tagger(c: &mut Criterion) {
    use alam::internals::NTAGS;
    use alam::internals::{DocMemory, Tagger, Transitions};
    let Some(tagger) = Tagger::embedded() else {
        return;
    };
    let gaz = alam::internals::Gazetteer::embedded();
    let docs = corpus_docs();
    let analyses: Vec<_> = docs
        .iter()
        .map(|d| alam::internals::Analysis::new(d, gaz))
        .collect();
    let mut g = c.benchmark_group("tagger");
    g.throughput(Throughput::Elements(docs.iter().map(|d| words(d)).sum()));
    g.sample_size(20);
    g.bench_function("tag_corpus_docs", |b| {
        b.iter(|| {
            let mut n = 0;
            for a in &analyses {
                let mut out = Vec::new();
                tagger.tag(a, gaz, &mut DocMemory::default(), &mut out);
                n += out.len();
            }
            black_box(n)
        })
    });
    // Emission rows in the range real ones take, 5 to 44 tokens a sentence.
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let sents: Vec<Vec<i32>> = (0..2000)
        .map(|_| {
            let n = 5 + (next() % 40) as usize;
            (0..n * NTAGS)
                .map(|_| (next() % 400) as i32 - 300)
                .collect()
        })
        .collect();
    let tr = Transitions::new(&tagger.layout().stages[0].trans);
    g.throughput(Throughput::Elements(
        sents.iter().map(|s| (s.len() / NTAGS) as u64).sum(),
    ));
    g.bench_function("decode", |b| {
        let (mut back, mut path) = (Vec::new(), Vec::new());
        b.iter(|| {
            for s in &sents {
                tr.decode(s, &mut back, &mut path);
                black_box(&path);
            }
        })
    });
    g.finish();
}

/// The pipeline's stages one by one on the corpus documents, each timed
/// on inputs made beforehand (outside the timing): what `extract` spends
/// where. The tagger is `tagger/tag_corpus_docs`; the gazetteer candidates
/// (a few ns per token) are left out.
fn stages(c: &mut Criterion) {
    use alam::internals::Analysis;
    use criterion::BatchSize;
    let ex = alam::Extractor::new();
    let gaz = alam::internals::Gazetteer::embedded();
    let opts = alam::Options::default();
    let docs = corpus_docs();
    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Elements(docs.iter().map(|d| words(d)).sum()));
    g.sample_size(20);
    let analyses = || {
        docs.iter()
            .map(|d| Analysis::new(d, gaz))
            .collect::<Vec<_>>()
    };
    g.bench_function("analysis", |b| b.iter(|| black_box(analyses().len())));
    // The rules' prefilter (which tokens a rule may start on) is part of
    // the stage, as in the pipeline.
    g.bench_function("dates_and_numbers", |b| {
        b.iter_batched(
            analyses,
            |an| {
                let mut cands = Vec::new();
                let mut dates = alam::internals::date::DateMemory::default();
                for a in &an {
                    let starts = alam::internals::starts::starts(a);
                    alam::internals::date::find(
                        a,
                        gaz,
                        opts.reference_date,
                        &mut dates,
                        &starts,
                        &mut cands,
                    );
                    alam::internals::number::find(a, &starts, &mut cands);
                }
                cands.len()
            },
            BatchSize::LargeInput,
        )
    });
    let tagger = alam::internals::tagger(&ex);
    let with_cands = || {
        analyses()
            .into_iter()
            .map(|a| {
                let mut cands = Vec::new();
                let starts = alam::internals::starts::starts(&a);
                let mut dates = alam::internals::date::DateMemory::default();
                alam::internals::date::find(
                    &a,
                    gaz,
                    opts.reference_date,
                    &mut dates,
                    &starts,
                    &mut cands,
                );
                alam::internals::number::find(&a, &starts, &mut cands);
                if let Some(t) = tagger {
                    let mut mem = alam::internals::DocMemory::default();
                    t.tag(&a, gaz, &mut mem, &mut cands);
                }
                (a, cands)
            })
            .collect::<Vec<_>>()
    };
    g.bench_function("decode_and_quotes", |b| {
        b.iter_batched(
            with_cands,
            |all| {
                let mut n = 0;
                for (a, cands) in all {
                    let (mut ents, mut quotes) = (Vec::new(), Vec::new());
                    alam::internals::decode(&a, cands, 0, &mut ents);
                    let mut memory = alam::internals::quote::QuoteMemory::default();
                    alam::internals::quote::find(&a, &ents, 0, &mut memory, &mut quotes);
                    n += ents.len() + quotes.len();
                }
                n
            },
            BatchSize::LargeInput,
        )
    });
    let found: Vec<_> = docs.iter().map(|d| ex.extract(d).entities).collect();
    g.bench_function("links", |b| {
        b.iter_batched(
            || found.clone(),
            |mut all| {
                for (d, ents) in docs.iter().zip(&mut all) {
                    alam::internals::link::resolve(d, gaz, ents);
                }
                all
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

fn scaling(c: &mut Criterion) {
    let ex = alam::Extractor::new();
    let base = corpus_docs().join("\n");
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10);
    for size in [1usize << 10, 100 << 10, 1 << 20, 10 << 20] {
        // Different text in every piece (1 MB of pieces for the small
        // sizes), so small inputs do not find their model rows hot in the
        // CPU cache from the previous repetition.
        let ps = pieces(&base, size, size.max(1 << 20));
        let tokens: u64 = ps.iter().map(|p| words(p)).sum();
        g.throughput(Throughput::Elements(tokens));
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{}KB", size >> 10)),
            &ps,
            |b, ps| {
                b.iter(|| {
                    ps.iter()
                        .map(|p| ex.extract(p).entities.len())
                        .sum::<usize>()
                })
            },
        );
    }
    g.finish();
}

/// Consecutive pieces of about `size` bytes of `base` (wrapping around), at
/// least `min` bytes in all; `base` repeated when it is shorter than `size`.
fn pieces(base: &str, size: usize, min: usize) -> Vec<String> {
    if base.len() <= size {
        return vec![sized(base, size)];
    }
    let mut out = Vec::new();
    let (mut off, mut total) = (0, 0);
    while total < min || out.is_empty() {
        if off + size > base.len() {
            off = 0;
        }
        let mut end = off + size;
        while !base.is_char_boundary(end) {
            end -= 1;
        }
        out.push(base[off..end].to_string());
        total += end - off;
        off = end;
    }
    out
}

/// Linear time on hostile shapes: each at 1× and 10×; throughput in bytes,
/// so equal MiB/s at both sizes means linear.
fn hostile_scaling(c: &mut Criterion) {
    let ex = alam::Extractor::new();
    let mut g = c.benchmark_group("hostile");
    g.sample_size(10);
    for k in [1, 10] {
        for (name, text) in hostile(k) {
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_with_input(BenchmarkId::new(name, format!("{k}x")), &text, |b, t| {
                b.iter(|| black_box(ex.extract(t).entities.len()))
            });
        }
    }
    g.finish();
}

criterion_group!(
    benches,
    load,
    extract,
    parallel,
    tagger,
    stages,
    scaling,
    hostile_scaling
);
criterion_main!(benches);
