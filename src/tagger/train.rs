//! Training the tagger (feature `train`, native only): an averaged
//! structured perceptron over hashed features, deterministic for a seed.
//!
//! The corpus is CoNLL (`token TAG`, IOB2) with clitics attached and inside
//! spans. Each sentence is joined with spaces and analysed exactly as at run
//! time; gold tags are mapped onto our tokens (a corpus token our tokenizer
//! splits gives its label to its word parts, never to punctuation split off
//! it). An optional second pass is trained on first-pass labels produced by
//! models that did not see the sentence (k-fold jackknife), so it learns how
//! far to trust them.

use crate::extractor::Extractor;
use crate::lexicon::analysis::Analysis;
pub use crate::lexicon::compile::{compile as compile_gazetteer, CompileOptions};
pub use crate::lexicon::gazetteer::core_of as gazetteer_core;
use crate::lexicon::gazetteer::Gazetteer;
use crate::tagger::base::NTAGS;
use crate::tagger::document::{self, DocMemory, First};
use crate::tagger::eval::{self, Sentence};
pub use crate::tagger::features::group;
use crate::tagger::features::{self, DocInfo, Extract, Infos};
use crate::tagger::model::{self, StageData};
use crate::tagger::passes::ModelClusters;
pub use crate::tagger::represent::{
    learn as learn_words, parse_words, write_words, Learned, RepresentOptions, SHIPPED_WORDS,
};
use crate::tagger::viterbi::{self, begin_tag, viterbi};
use crate::text::tokenize::TokenKind;
use std::fmt::Write as _;
use std::time::Instant;

/// Learning algorithm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Algo {
    /// Averaged structured perceptron.
    Perceptron,
    /// Linear-chain CRF, SGD with L2 coefficient `c2` and initial rate `eta0`.
    Crf {
        /// L2 coefficient (crfsuite's c2).
        c2: f64,
        /// Initial learning rate.
        eta0: f64,
    },
}

/// Training options.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Learning algorithm.
    pub algo: Algo,
    /// Passes over the training data.
    pub epochs: usize,
    /// log2 of the feature table's rows.
    pub bits: u32,
    /// First-pass feature groups.
    pub groups: u32,
    /// Second-pass feature groups (`None`: one pass only).
    pub groups2: Option<u32>,
    /// Context-only first-pass groups (`None`: no such pass).
    pub groups_ctx: Option<u32>,
    /// Dropout of the full first pass (0: none): a second copy of the data
    /// where tokens lose their own word, affixes, n-grams and gazetteer hits.
    pub dropout: f64,
    /// Dropout of the second pass (also hides the first pass's labels).
    pub dropout2: f64,
    /// Folds for the second pass's jackknife.
    pub folds: usize,
    /// Sentences per pseudo-document when training the second pass.
    pub doc_sents: usize,
    /// Shuffling seed.
    pub seed: u64,
    /// Penalty on O per token, in weight units (see `bias_o`).
    pub o_bias: f64,
    /// Quantized weights of at most this magnitude become zero.
    pub prune: i8,
    /// Cross-validation scores folds in documents of this many sentences.
    pub eval_doc_sents: usize,
    /// Share of sentences held out as dev (the tail) when no dev file is given.
    pub dev_share: f64,
    /// Word clusters (stem hash, cluster; hashes ascending) for the
    /// `cluster` feature group, stored in the model (see `represent`;
    /// `alam train` reads the shipped table, `data/words.bin`, by default).
    pub clusters: Vec<(u64, u16)>,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            algo: Algo::Perceptron,
            epochs: 10,
            bits: 19,
            groups: group::BASE | group::NAMEW | group::TITLE | group::CLUSTER,
            groups2: Some(group::DOC | group::SHAPE | group::GAZ | group::TRIGGER | group::CLITIC),
            groups_ctx: Some(group::BASE | group::NAMEW | group::NOSELF),
            dropout: 0.4,
            dropout2: 0.3,
            folds: 5,
            doc_sents: 200,
            seed: 0x5eed_a1a3,
            o_bias: 0.0,
            prune: 2,
            eval_doc_sents: 1_000_000,
            dev_share: 0.1,
            clusters: Vec::new(),
        }
    }
}

/// A corpus sentence analysed as at run time.
pub struct Item {
    /// Token summaries.
    pub inf: Infos,
    /// Gold BIO tags on our tokens.
    pub gold: Vec<u8>,
    /// Tagger sentences (token ranges).
    pub ranges: Vec<(usize, usize)>,
}

/// Map corpus tags onto the tokens of `a` (the analysis of the sentence
/// joined by spaces, with corpus token byte ranges `offs`).
pub fn align(s: &Sentence, a: &Analysis<'_>, offs: &[(usize, usize)]) -> Vec<u8> {
    let mut tags = vec![0u8; a.tokens.len()];
    let mut last_j = usize::MAX;
    for (i, t) in a.tokens.iter().enumerate() {
        let start = a.norm.orig(t.start as usize);
        let j = offs.partition_point(|&(_, e)| e <= start);
        if j >= offs.len() || offs[j].0 > start || t.kind == TokenKind::Punct {
            continue;
        }
        let Some((begin, ty)) = eval::gold_tag(&s.tags[j]) else {
            continue;
        };
        let ty = ty as u8 + 1;
        let first = j != last_j;
        last_j = j;
        let mut tag = if first && begin {
            begin_tag(ty)
        } else {
            begin_tag(ty) + 1
        };
        // An inside tag must continue an entity of its type.
        if tag == begin_tag(ty) + 1 && (i == 0 || viterbi::tag_type(tags[i - 1]) != ty) {
            tag = begin_tag(ty);
        }
        tags[i] = tag;
    }
    tags
}

/// Analyse corpus sentences.
pub fn prepare(sents: &[Sentence], gaz: &Gazetteer, clusters: &[(u64, u16)]) -> Vec<Item> {
    let clusters = ModelClusters(clusters);
    sents
        .iter()
        .map(|s| {
            let (text, offs) = eval::document(std::slice::from_ref(s));
            let a = Analysis::new(&text, gaz);
            let gold = align(s, &a, &offs[0]);
            let inf = Infos::new(&a, gaz, &clusters);
            let mut ranges = Vec::new();
            features::sentences(&a, &mut ranges);
            Item { inf, gold, ranges }
        })
        .collect()
}

/// One training sequence with its features flattened.
struct Seq {
    feats: Vec<u32>,
    offs: Vec<u32>,
    gold: Vec<u8>,
}

fn sequences(items: &[Item], docs: Option<&[Vec<DocInfo>]>, ex: &Extract) -> Vec<Seq> {
    sequences_with(items, docs, ex, 0.0, 0)
}

/// Like [`sequences`], plus, when `dropout` > 0, a second copy of every
/// sentence in which each token loses its own word, affixes and n-grams with
/// probability `dropout` (word dropout: it teaches the context to unseen
/// names).
fn sequences_with(
    items: &[Item],
    docs: Option<&[Vec<DocInfo>]>,
    ex: &Extract,
    dropout: f64,
    seed: u64,
) -> Vec<Seq> {
    let mut out = Vec::new();
    let dropped = Extract {
        groups: ex.groups,
        bits: ex.bits,
        drop_lex: true,
    };
    let copies = if dropout > 0.0 { 2 } else { 1 };
    let limit = (dropout.clamp(0.0, 1.0) * u32::MAX as f64) as u64;
    for (k, it) in items.iter().enumerate() {
        let doc = docs.map(|d| d[k].as_slice());
        for copy in 0..copies {
            for &(s, e) in &it.ranges {
                let mut feats = Vec::new();
                let mut offs = vec![0u32];
                for i in s..e {
                    let r = crate::tagger::base::mix(seed ^ ((k as u64) << 20) ^ i as u64)
                        & 0xFFFF_FFFF;
                    let x = if copy == 1 && r < limit { &dropped } else { ex };
                    x.features(&it.inf, doc, s, e, i, &mut feats);
                    offs.push(feats.len() as u32);
                }
                out.push(Seq {
                    feats,
                    offs,
                    gold: it.gold[s..e].to_vec(),
                });
            }
        }
    }
    out
}

/// Deterministic xorshift generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Averaged perceptron state.
struct Perceptron {
    w: Vec<i32>,
    u: Vec<i64>,
    tw: Vec<i32>,
    tu: Vec<i64>,
    c: i64,
}

const NTRANS: usize = (NTAGS + 1) * NTAGS;

impl Perceptron {
    fn new(bits: u32) -> Self {
        Perceptron {
            w: vec![0; NTAGS << bits],
            u: vec![0; NTAGS << bits],
            tw: vec![0; NTRANS],
            tu: vec![0; NTRANS],
            c: 1,
        }
    }

    fn emissions(&self, s: &Seq, emis: &mut Vec<i32>) {
        let n = s.gold.len();
        emis.clear();
        emis.resize(n * NTAGS, 0);
        for j in 0..n {
            let acc = &mut emis[j * NTAGS..(j + 1) * NTAGS];
            for &f in &s.feats[s.offs[j] as usize..s.offs[j + 1] as usize] {
                let row = &self.w[f as usize * NTAGS..f as usize * NTAGS + NTAGS];
                for (a, &x) in acc.iter_mut().zip(row) {
                    *a += x;
                }
            }
        }
    }

    fn upd_w(&mut self, idx: usize, d: i32) {
        self.w[idx] += d;
        self.u[idx] += self.c * d as i64;
    }

    fn upd_t(&mut self, idx: usize, d: i32) {
        self.tw[idx] += d;
        self.tu[idx] += self.c * d as i64;
    }

    fn epoch(&mut self, seqs: &[Seq], order: &[usize]) -> usize {
        let mut emis = Vec::new();
        let mut pred = Vec::new();
        let mut errors = 0;
        for &k in order {
            let s = &seqs[k];
            self.emissions(s, &mut emis);
            viterbi(&emis, &self.tw, &mut pred);
            if pred != s.gold {
                errors += 1;
                for j in 0..s.gold.len() {
                    let (g, p) = (s.gold[j] as usize, pred[j] as usize);
                    if g != p {
                        for fi in s.offs[j]..s.offs[j + 1] {
                            let f = s.feats[fi as usize] as usize;
                            self.upd_w(f * NTAGS + g, 1);
                            self.upd_w(f * NTAGS + p, -1);
                        }
                    }
                    let gp = if j == 0 {
                        0
                    } else {
                        s.gold[j - 1] as usize + 1
                    };
                    let pp = if j == 0 { 0 } else { pred[j - 1] as usize + 1 };
                    if (gp, g) != (pp, p) {
                        self.upd_t(gp * NTAGS + g, 1);
                        self.upd_t(pp * NTAGS + p, -1);
                    }
                }
            }
            self.c += 1;
        }
        errors
    }

    /// Averaged weights, quantized.
    fn quantize(&self, groups: u32) -> StageData {
        let c = self.c as f64;
        let avg: Vec<f64> = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| w as f64 - u as f64 / c)
            .collect();
        let tavg: Vec<f64> = self
            .tw
            .iter()
            .zip(&self.tu)
            .map(|(&w, &u)| w as f64 - u as f64 / c)
            .collect();
        quantize(&avg, &tavg, groups)
    }
}

/// Zero the quantized weights of magnitude at most `prune` (a smaller file,
/// and no loss measured at 2), and lower the score of O by `bias` (in
/// weight units) at every token, which trades precision for recall.
fn bias_o(mut st: StageData, bias: f64, prune: i8) -> StageData {
    for w in &mut st.weights {
        if w.abs() <= prune {
            *w = 0;
        }
    }
    let d = (bias / st.scale as f64).round() as i32;
    for r in 0..=NTAGS {
        let t = &mut st.trans[r * NTAGS];
        *t = (*t as i32 - d).clamp(-32000, 32000) as i16;
    }
    st
}

/// Quantize weights to i8 (transitions to i16) in one unit.
fn quantize(w: &[f64], tw: &[f64], groups: u32) -> StageData {
    let maxabs = w.iter().fold(0f64, |m, x| m.max(x.abs()));
    let scale = if maxabs > 0.0 { maxabs / 127.0 } else { 1.0 };
    let weights = w
        .iter()
        .map(|&x| (x / scale).round().clamp(-127.0, 127.0) as i8)
        .collect();
    let trans = tw
        .iter()
        .map(|&x| (x / scale).round().clamp(-32000.0, 32000.0) as i16)
        .collect();
    StageData {
        groups,
        scale: scale as f32,
        trans,
        weights,
    }
}

/// A linear-chain CRF trained by SGD with L2 regularisation (weights kept
/// as `scale × v` so that the decay costs nothing per feature).
struct Crf {
    v: Vec<f32>,
    tw: Vec<f64>,
    scale: f64,
    lambda: f64,
    eta0: f64,
    t: f64,
}

fn logsumexp(xs: &[f64]) -> f64 {
    let m = xs.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
    if m == f64::NEG_INFINITY {
        return m;
    }
    m + xs.iter().map(|&x| (x - m).exp()).sum::<f64>().ln()
}

impl Crf {
    fn new(bits: u32, c2: f64, n: usize, eta0: f64) -> Self {
        Crf {
            v: vec![0.0; NTAGS << bits],
            tw: vec![0.0; NTRANS],
            scale: 1.0,
            lambda: 2.0 * c2 / n.max(1) as f64,
            eta0,
            t: 0.0,
        }
    }

    fn trans(&self, from: Option<usize>, to: usize) -> f64 {
        if !viterbi::allowed(from.map(|f| f as u8), to as u8) {
            return f64::NEG_INFINITY;
        }
        self.tw[from.map_or(0, |f| f + 1) * NTAGS + to]
    }

    fn epoch(&mut self, seqs: &[Seq], order: &[usize]) -> f64 {
        let mut loss = 0.0;
        let mut e = Vec::new();
        let mut alpha = Vec::new();
        let mut beta = Vec::new();
        let mut tmp = [0f64; NTAGS];
        for &k in order {
            let s = &seqs[k];
            let n = s.gold.len();
            if n == 0 {
                continue;
            }
            let eta = self.eta0 / (1.0 + self.lambda * self.eta0 * self.t);
            self.t += 1.0;
            let decay = 1.0 - eta * self.lambda;
            self.scale *= decay;
            for x in &mut self.tw {
                *x *= decay;
            }
            if self.scale < 1e-6 {
                for x in &mut self.v {
                    *x = (*x as f64 * self.scale) as f32;
                }
                self.scale = 1.0;
            }
            e.clear();
            e.resize(n * NTAGS, 0f64);
            for j in 0..n {
                for &f in &s.feats[s.offs[j] as usize..s.offs[j + 1] as usize] {
                    let row = &self.v[f as usize * NTAGS..f as usize * NTAGS + NTAGS];
                    for y in 0..NTAGS {
                        e[j * NTAGS + y] += row[y] as f64;
                    }
                }
            }
            for x in e.iter_mut() {
                *x *= self.scale;
            }
            alpha.clear();
            alpha.resize(n * NTAGS, f64::NEG_INFINITY);
            beta.clear();
            beta.resize(n * NTAGS, 0f64);
            for y in 0..NTAGS {
                alpha[y] = self.trans(None, y) + e[y];
            }
            for j in 1..n {
                for y in 0..NTAGS {
                    for p in 0..NTAGS {
                        tmp[p] = alpha[(j - 1) * NTAGS + p] + self.trans(Some(p), y);
                    }
                    alpha[j * NTAGS + y] = logsumexp(&tmp) + e[j * NTAGS + y];
                }
            }
            let z = logsumexp(&alpha[(n - 1) * NTAGS..]);
            for j in (0..n - 1).rev() {
                for p in 0..NTAGS {
                    for y in 0..NTAGS {
                        tmp[y] = self.trans(Some(p), y)
                            + e[(j + 1) * NTAGS + y]
                            + beta[(j + 1) * NTAGS + y];
                    }
                    beta[j * NTAGS + p] = logsumexp(&tmp);
                }
            }
            // Gold score for the loss.
            let mut gold = 0.0;
            for j in 0..n {
                let g = s.gold[j] as usize;
                gold += e[j * NTAGS + g]
                    + self.trans(
                        if j == 0 {
                            None
                        } else {
                            Some(s.gold[j - 1] as usize)
                        },
                        g,
                    );
            }
            loss += z - gold;
            let step = (eta / self.scale) as f32;
            for j in 0..n {
                let g = s.gold[j] as usize;
                let mut grad = [0f32; NTAGS];
                for y in 0..NTAGS {
                    let m = (alpha[j * NTAGS + y] + beta[j * NTAGS + y] - z).exp();
                    grad[y] = ((y == g) as u8 as f64 - m) as f32 * step;
                }
                for &f in &s.feats[s.offs[j] as usize..s.offs[j + 1] as usize] {
                    let row = &mut self.v[f as usize * NTAGS..f as usize * NTAGS + NTAGS];
                    for y in 0..NTAGS {
                        row[y] += grad[y];
                    }
                }
                // Transitions.
                if j == 0 {
                    for y in 0..NTAGS {
                        let m = (alpha[y] + beta[y] - z).exp();
                        self.tw[y] += eta * ((y == g) as u8 as f64 - m);
                    }
                } else {
                    let gp = s.gold[j - 1] as usize;
                    for p in 0..NTAGS {
                        let a = alpha[(j - 1) * NTAGS + p];
                        if a == f64::NEG_INFINITY {
                            continue;
                        }
                        for y in 0..NTAGS {
                            let tr = self.trans(Some(p), y);
                            if tr == f64::NEG_INFINITY {
                                continue;
                            }
                            let m = (a + tr + e[j * NTAGS + y] + beta[j * NTAGS + y] - z).exp();
                            let obs = (p == gp && y == g) as u8 as f64;
                            self.tw[(p + 1) * NTAGS + y] += eta * (obs - m);
                        }
                    }
                }
            }
        }
        loss
    }

    fn quantize(&self, groups: u32) -> StageData {
        let w: Vec<f64> = self.v.iter().map(|&x| x as f64 * self.scale).collect();
        quantize(&w, &self.tw, groups)
    }
}

/// Train one pass on `seqs`, calling `each_epoch(epoch, errors, stage)`.
fn train_pass(
    seqs: &[Seq],
    opts: &TrainOptions,
    groups: u32,
    mut each_epoch: impl FnMut(usize, f64, &StageData),
) -> StageData {
    let mut rng = Rng(opts.seed | 1);
    let mut order: Vec<usize> = (0..seqs.len()).collect();
    let mut last = None;
    match opts.algo {
        Algo::Perceptron => {
            let mut p = Perceptron::new(opts.bits);
            for ep in 1..=opts.epochs {
                rng.shuffle(&mut order);
                let errors = p.epoch(seqs, &order);
                let st = bias_o(p.quantize(groups), opts.o_bias, opts.prune);
                each_epoch(ep, errors as f64, &st);
                last = Some(st);
            }
        }
        Algo::Crf { c2, eta0 } => {
            let mut p = Crf::new(opts.bits, c2, seqs.len(), eta0);
            for ep in 1..=opts.epochs {
                rng.shuffle(&mut order);
                let loss = p.epoch(seqs, &order);
                let st = bias_o(p.quantize(groups), opts.o_bias, opts.prune);
                each_epoch(ep, loss, &st);
                last = Some(st);
            }
        }
    }
    last.unwrap_or_else(|| quantize(&[0.0; NTAGS], &[0.0; NTRANS], groups))
}

/// Predict first-pass tags for items with a stage.
/// First-pass outputs of `st` for `it`: per token the tag and the raw
/// emission row (in weight units).
fn predict_stage1(
    it: &Item,
    st: &StageData,
    bits: u32,
    mut observe: impl FnMut(usize, u8, &[i32]),
) {
    let ex = Extract {
        groups: st.groups,
        bits,
        drop_lex: false,
    };
    let trans: Vec<i32> = st.trans.iter().map(|&t| t as i32).collect();
    let mut feats = Vec::new();
    let mut emis = Vec::new();
    let mut path = Vec::new();
    for &(s, e) in &it.ranges {
        emis.clear();
        emis.resize((e - s) * NTAGS, 0);
        for i in s..e {
            feats.clear();
            ex.features(&it.inf, None, s, e, i, &mut feats);
            for &f in &feats {
                for t in 0..NTAGS {
                    emis[(i - s) * NTAGS + t] += st.weights[f as usize * NTAGS + t] as i32;
                }
            }
        }
        viterbi(&emis, &trans, &mut path);
        for (k, row) in emis.chunks_exact(NTAGS).enumerate() {
            observe(s + k, path[k], row);
        }
    }
}

/// Second-pass inputs for items grouped in pseudo-documents of `doc_sents`.
fn doc_infos_for(items: &[Item], first: &[Vec<First>], doc_sents: usize) -> Vec<Vec<DocInfo>> {
    let mut out = Vec::with_capacity(items.len());
    let d = doc_sents.max(1);
    for (chunk_items, chunk_first) in items.chunks(d).zip(first.chunks(d)) {
        let mut mem = DocMemory::default();
        for (it, f) in chunk_items.iter().zip(chunk_first) {
            document::add_stats(&it.inf, f, &mut mem);
        }
        for (it, f) in chunk_items.iter().zip(chunk_first) {
            out.push(document::doc_infos(&it.inf, f, &mem));
        }
    }
    out
}

/// The result of training.
pub struct Trained {
    /// The model file.
    pub bytes: Vec<u8>,
    /// Dev report of the final model (full pipeline), when there is a dev set.
    pub dev: Option<eval::Report>,
    /// Log of the run.
    pub log: String,
}

/// Train on `train`, reporting dev F1 per epoch on `dev` (full pipeline).
/// `log` receives progress lines as they happen.
pub fn train(
    train: &[Sentence],
    dev: &[Sentence],
    opts: &TrainOptions,
    info: &str,
    log: &mut dyn FnMut(&str),
) -> Trained {
    let t0 = Instant::now();
    let gaz = Gazetteer::embedded();
    let items = prepare(train, gaz, &opts.clusters);
    let mut text = String::new();
    let mut say = |s: String, text: &mut String| {
        log(&s);
        text.push_str(&s);
        text.push('\n');
    };
    say(
        format!(
            "prepared {} training sentences in {:.1}s; groups {}; table 2^{}",
            items.len(),
            t0.elapsed().as_secs_f64(),
            group::describe(opts.groups),
            opts.bits
        ),
        &mut text,
    );
    let ex1 = Extract {
        groups: opts.groups,
        bits: opts.bits,
        drop_lex: false,
    };
    let seqs = sequences_with(&items, None, &ex1, opts.dropout, opts.seed);
    let dev_f1 = |stages: &[StageData]| -> Option<eval::Report> {
        if dev.is_empty() {
            return None;
        }
        let bytes = model::write(opts.bits, info, &opts.clusters, stages);
        let ex = Extractor::from_bytes(&bytes).ok()?;
        Some(eval::evaluate(&ex, dev))
    };
    let line = |pass: usize, ep: usize, errors: f64, r: Option<&eval::Report>| {
        let mut s = format!("pass {pass} epoch {ep:>2}: loss {errors:>9.1}");
        if let Some(r) = r {
            let _ = write!(s, "; dev micro F1 {:.2}", r.f1());
        }
        let _ = write!(s, " ({:.0}s)", t0.elapsed().as_secs_f64());
        s
    };
    let st1 = train_pass(&seqs, opts, opts.groups, |ep, errors, st| {
        let r = dev_f1(std::slice::from_ref(st));
        say(line(1, ep, errors, r.as_ref()), &mut text);
    });
    drop(seqs);
    let mut stages = vec![st1];
    let exc = opts.groups_ctx.map(|g| Extract {
        groups: g,
        bits: opts.bits,
        drop_lex: false,
    });
    if let Some(exc) = &exc {
        let seqs = sequences(&items, None, exc);
        let stc = train_pass(&seqs, opts, exc.groups, |ep, errors, _| {
            say(line(1, ep, errors, None), &mut text);
        });
        stages.push(stc);
    }
    if let Some(g2) = opts.groups2 {
        // Jackknife: first-pass tags for each fold from models trained on the others.
        let k = opts.folds.max(2);
        let mut first: Vec<Vec<First>> = items
            .iter()
            .map(|it| vec![First::default(); it.gold.len()])
            .collect();
        let fold_of = |i: usize| i * k / items.len().max(1);
        for f in 0..k {
            let (train_i, held): (Vec<usize>, Vec<usize>) =
                (0..items.len()).partition(|&i| fold_of(i) != f);
            let mut passes = vec![(&ex1, false)];
            if let Some(exc) = &exc {
                passes.push((exc, true));
            }
            for (ex, is_ctx) in passes {
                let mut seqs = Vec::new();
                let fold_items: Vec<&Item> = train_i.iter().map(|&i| &items[i]).collect();
                for it in fold_items {
                    let d = if is_ctx { 0.0 } else { opts.dropout };
                    seqs.extend(sequences_with(
                        std::slice::from_ref(it),
                        None,
                        ex,
                        d,
                        opts.seed,
                    ));
                }
                let st = train_pass(&seqs, opts, ex.groups, |_, _, _| {});
                for &i in &held {
                    let out = &mut first[i];
                    predict_stage1(&items[i], &st, opts.bits, |j, tag, row| {
                        if is_ctx {
                            out[j].ctag = tag;
                            out[j].cvote = document::type_votes(row, st.scale);
                        } else {
                            out[j].tag = tag;
                            out[j].conf = document::margin_bucket(row, st.scale);
                        }
                    });
                }
            }
            say(
                format!(
                    "jackknife fold {}/{k} done ({:.0}s)",
                    f + 1,
                    t0.elapsed().as_secs_f64()
                ),
                &mut text,
            );
        }
        let docs = doc_infos_for(&items, &first, opts.doc_sents);
        let ex2 = Extract {
            groups: g2,
            bits: opts.bits,
            drop_lex: false,
        };
        let seqs2 = sequences_with(&items, Some(&docs), &ex2, opts.dropout2, opts.seed ^ 2);
        let firsts = stages.clone();
        let st2 = train_pass(&seqs2, opts, g2, |ep, errors, st| {
            let mut all = firsts.clone();
            all.push(st.clone());
            let r = dev_f1(&all);
            say(line(2, ep, errors, r.as_ref()), &mut text);
        });
        stages.push(st2);
    }
    let bytes = model::write(opts.bits, info, &opts.clusters, &stages);
    let dev_report = dev_f1(&stages);
    say(
        format!(
            "trained in {:.1}s; model {} bytes",
            t0.elapsed().as_secs_f64(),
            bytes.len()
        ),
        &mut text,
    );
    Trained {
        bytes,
        dev: dev_report,
        log: text,
    }
}

/// Split the corpus: the last `share` of sentences is dev.
pub fn split(sents: Vec<Sentence>, share: f64) -> (Vec<Sentence>, Vec<Sentence>) {
    let n = sents.len();
    let cut = n - ((n as f64 * share).round() as usize).min(n);
    let mut train = sents;
    let dev = train.split_off(cut);
    (train, dev)
}

/// K-fold cross-validation over `sents` (contiguous folds), full pipeline;
/// returns the summed report.
pub fn cross_validate(sents: &[Sentence], k: usize, opts: &TrainOptions) -> eval::Report {
    let mut total = eval::Report::default();
    let n = sents.len();
    for f in 0..k {
        let (a, b) = (f * n / k, (f + 1) * n / k);
        let train_s: Vec<Sentence> = sents[..a].iter().chain(&sents[b..]).cloned().collect();
        let t = train(&train_s, &[], opts, "cv", &mut |_| {});
        let Ok(ex) = Extractor::from_bytes(&t.bytes) else {
            continue;
        };
        let mut r = eval::Report::default();
        for d in sents[a..b].chunks(opts.eval_doc_sents.max(1)) {
            r.add(&eval::evaluate(&ex, d));
        }
        eprintln!("fold {}/{k}: micro F1 {:.2}", f + 1, r.f1());
        total.add(&r);
    }
    total
}
