//! Native benchmarks: model load, extraction on the sample article, on a
//! realistic corpus in article-sized documents, and scaling with input size.
//!
//! Throughput is reported in tokens (whitespace-separated words), the unit
//! the Node benchmark and the README use.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::path::PathBuf;

fn manifest(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p)
}

/// The reference article, or the project's own sample when ../shared is absent.
fn article() -> String {
    std::fs::read_to_string(manifest("../shared/seed/article.txt"))
        .or_else(|_| std::fs::read_to_string(manifest("data/sample.txt")))
        .expect("data/sample.txt")
}

/// Article-sized documents (about 30 sentences) from the ANERcorp training
/// split, or copies of the article when ../shared is absent.
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

fn load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    g.bench_function("gazetteer_parse", |b| {
        b.iter(|| black_box(alam::gazetteer::Gazetteer::parse(include_str!("../data/gazetteer.tsv"))))
    });
    g.bench_function("extractor_new_warm", |b| b.iter(|| black_box(alam::Extractor::new())));
    g.finish();
}

fn extract(c: &mut Criterion) {
    let ex = alam::Extractor::new();
    let mut g = c.benchmark_group("extract");
    let a = article();
    g.throughput(Throughput::Elements(words(&a)));
    g.bench_function("article", |b| b.iter(|| black_box(ex.extract(black_box(&a)).entities.len())));
    let docs = corpus_docs();
    let total: u64 = docs.iter().map(|d| words(d)).sum();
    g.throughput(Throughput::Elements(total));
    g.sample_size(20);
    g.bench_function("corpus_docs", |b| {
        b.iter(|| docs.iter().map(|d| ex.extract(black_box(d)).entities.len()).sum::<usize>())
    });
    g.finish();
}

fn scaling(c: &mut Criterion) {
    let ex = alam::Extractor::new();
    let base = corpus_docs().join("\n");
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10);
    for size in [1usize << 10, 100 << 10, 1 << 20, 10 << 20] {
        let mut text = String::with_capacity(size + 64);
        while text.len() < size {
            text.push_str(&base);
        }
        let mut cut = size.min(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
        g.throughput(Throughput::Elements(words(&text)));
        g.bench_with_input(BenchmarkId::from_parameter(format!("{}KB", size >> 10)), &text, |b, t| {
            b.iter(|| black_box(ex.extract(t).entities.len()))
        });
    }
    g.finish();
}

criterion_group!(benches, load, extract, scaling);
criterion_main!(benches);
