//! Word representations learned from unlabelled text (feature `train`):
//! word clusters the tagger reads as features (`group::CLUSTER`).
//!
//! The text is analysed as the tagger analyses it (normalized, tokenized,
//! clitic-segmented with the gazetteer), and every word is reduced to the
//! stem hash the features use, so a cluster applies to exactly the forms
//! the tagger sees. Skip-gram vectors with negative sampling are learned
//! over those stems, then clustered by k-means on the unit sphere; each stem
//! keeps its cluster id. Everything is seeded: the same text and options give
//! the same table, byte for byte.
//!
//! Written here rather than taken from a crate: the Rust word2vec crates are
//! unmaintained or bind C, the k-means crates bring ndarray and BLAS, and
//! both loops are a few dozen lines over flat `f32` slices.
//!
//! The table file (`data/words.bin`): magic `ALAMWRD\x1a`, format version
//! (u16 LE), the number of clusters (u16 LE), then the table as the model
//! file stores it (`model::write_clusters`: the top 32 bits of each stem
//! hash, delta- and LEB128-coded, and its cluster).

use crate::error::{Error, ErrorKind};
use crate::lexicon::analysis::Analysis;
use crate::lexicon::gazetteer::Gazetteer;
use crate::tagger::base::mix;
use crate::tagger::features::{Infos, NoClusters};
use crate::tagger::model::{read_clusters, write_clusters};
use crate::text::tokenize::TokenKind;
use rustc_hash::FxHashMap;
use std::io::BufRead;

/// The shipped word table, which `alam train` reads unless told otherwise
/// (CC BY-SA 4.0: it is learned from Arabic Wikipedia; see data/NOTICE.md).
pub static SHIPPED_WORDS: &[u8] = include_bytes!("../../data/words.bin");

/// Magic bytes of a word-table file.
pub const MAGIC: &[u8; 8] = b"ALAMWRD\x1a";
/// Format version of a word-table file.
pub const FORMAT_VERSION: u16 = 1;

/// Options of [`learn`].
#[derive(Debug, Clone)]
pub struct RepresentOptions {
    /// Vector dimensions.
    pub dim: usize,
    /// Most context words on each side (the window is drawn in 1..=this).
    pub window: usize,
    /// Negative samples per context word.
    pub negative: usize,
    /// Passes over the text.
    pub epochs: usize,
    /// Stems seen fewer times are left out.
    pub min_count: u32,
    /// Keep at most this many stems, the most frequent (0: no limit): the
    /// table ships in the browser build, 10 bytes a stem.
    pub max_vocab: usize,
    /// Clusters.
    pub clusters: usize,
    /// k-means iterations.
    pub iterations: usize,
    /// Seed of every random choice.
    pub seed: u64,
    /// Read at most this many lines (0: all).
    pub max_lines: usize,
    /// Subsampling threshold: a word of frequency f is kept with
    /// probability (sqrt(f/t) + 1)·t/f, t = this share of the text
    /// (0: keep every word).
    pub sample: f64,
}

impl Default for RepresentOptions {
    fn default() -> Self {
        RepresentOptions {
            dim: 64,
            window: 4,
            negative: 5,
            epochs: 1,
            min_count: 5,
            max_vocab: 0,
            clusters: 256,
            iterations: 12,
            seed: 0x5eed_c1a5,
            max_lines: 0,
            sample: 1e-4,
        }
    }
}

/// What [`learn`] found.
pub struct Learned {
    /// (stem hash, cluster), hashes ascending.
    pub table: Vec<(u64, u16)>,
    /// Per cluster, its most frequent stems as text (for the report).
    pub examples: Vec<Vec<String>>,
    /// Tokens read, and stems kept.
    pub tokens: u64,
    /// Distinct stems kept (seen at least `min_count` times).
    pub vocab: usize,
}

/// splitmix64: a counter through the features' mixing function.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.0)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Learn the cluster table from `text` (one sentence or paragraph a line),
/// analysed with the embedded gazetteer, as the tagger analyses text.
pub fn learn(
    text: impl BufRead,
    opts: &RepresentOptions,
    log: &mut dyn FnMut(&str),
) -> Result<Learned, String> {
    let gaz = Gazetteer::embedded();
    // 1. Stems of every line, as the tagger's features hash them.
    let mut ids: FxHashMap<u64, u32> = FxHashMap::default();
    let mut counts: Vec<u32> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut lines: Vec<Vec<u32>> = Vec::new();
    let mut tokens = 0u64;
    for (n, line) in text.lines().enumerate() {
        if opts.max_lines > 0 && n >= opts.max_lines {
            break;
        }
        let line = line.map_err(|e| format!("cannot read the text: {e}"))?;
        let a = Analysis::new(&line, gaz);
        let inf = Infos::new(&a, gaz, &NoClusters);
        let mut seq = Vec::with_capacity(a.tokens.len());
        for (i, t) in a.tokens.iter().enumerate() {
            if t.kind != TokenKind::Arabic {
                continue;
            }
            let h = inf.toks[i].stem;
            let next = counts.len() as u32;
            let id = *ids.entry(h).or_insert(next);
            if id == next {
                counts.push(0);
                names.push(a.segs[i].stem(a.word(i)).to_string());
            }
            counts[id as usize] += 1;
            seq.push(id);
            tokens += 1;
        }
        if seq.len() > 1 {
            lines.push(seq);
        }
        if n % 20_000 == 0 && n > 0 {
            log(&format!("read {n} lines, {tokens} words"));
        }
    }
    // 2. The vocabulary: stems seen at least min_count times, most frequent
    // first (ties by hash, so the order does not depend on the text's).
    let hash_of: Vec<u64> = {
        let mut v = vec![0u64; counts.len()];
        for (&h, &id) in &ids {
            v[id as usize] = h;
        }
        v
    };
    let mut order: Vec<u32> = (0..counts.len() as u32)
        .filter(|&i| counts[i as usize] >= opts.min_count)
        .collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(counts[i as usize]), hash_of[i as usize]));
    if opts.max_vocab > 0 {
        order.truncate(opts.max_vocab);
    }
    let vocab = order.len();
    if vocab < opts.clusters.max(2) {
        return Err(format!(
            "only {vocab} stems are seen {} times or more: too little text for {} clusters",
            opts.min_count, opts.clusters
        ));
    }
    let mut remap = vec![u32::MAX; counts.len()];
    for (r, &i) in order.iter().enumerate() {
        remap[i as usize] = r as u32;
    }
    for seq in &mut lines {
        seq.retain_mut(|x| {
            *x = remap[*x as usize];
            *x != u32::MAX
        });
    }
    let freq: Vec<f64> = order
        .iter()
        .map(|&i| f64::from(counts[i as usize]))
        .collect();
    let total: f64 = freq.iter().sum();
    log(&format!(
        "{tokens} words read; {vocab} stems seen at least {} times ({:.1}% of the words)",
        opts.min_count,
        100.0 * total / tokens.max(1) as f64
    ));
    // 3. Skip-gram with negative sampling.
    let vecs = skipgram(&lines, &freq, opts, log);
    // 4. k-means on the unit sphere; every stem to its nearest centre.
    let assign = kmeans(&vecs, vocab, opts);
    let mut table: Vec<(u64, u16)> = order
        .iter()
        .zip(&assign)
        .map(|(&i, &c)| (hash_of[i as usize], c))
        .collect();
    table.sort_unstable();
    let mut examples = vec![Vec::new(); opts.clusters];
    for (r, &c) in assign.iter().enumerate() {
        let e = &mut examples[c as usize];
        if e.len() < 8 {
            e.push(names[order[r] as usize].clone());
        }
    }
    Ok(Learned {
        table,
        examples,
        tokens,
        vocab,
    })
}

/// Skip-gram vectors (`vocab × dim`, row-major) of the ids in `lines`.
fn skipgram(
    lines: &[Vec<u32>],
    freq: &[f64],
    opts: &RepresentOptions,
    log: &mut dyn FnMut(&str),
) -> Vec<f32> {
    let (v, d) = (freq.len(), opts.dim);
    let mut rng = Rng(opts.seed);
    let mut input: Vec<f32> = (0..v * d).map(|_| (rng.unit() - 0.5) / d as f32).collect();
    let mut output = vec![0f32; v * d];
    // Negative samples drawn from the unigram distribution to the 3/4.
    let table_len = 1 << 22;
    let pow: Vec<f64> = freq.iter().map(|f| f.powf(0.75)).collect();
    let norm: f64 = pow.iter().sum();
    let mut neg_table = Vec::with_capacity(table_len);
    let (mut i, mut cum) = (0usize, pow[0] / norm);
    for k in 0..table_len {
        neg_table.push(i as u32);
        if (k + 1) as f64 / table_len as f64 > cum && i + 1 < v {
            i += 1;
            cum += pow[i] / norm;
        }
    }
    // Frequent words are kept with probability (sqrt(f/tN) + 1) tN/f.
    let total: f64 = freq.iter().sum();
    let t = opts.sample * total;
    let keep: Vec<f32> = freq
        .iter()
        .map(|&f| {
            if t > 0.0 {
                (((f / t).sqrt() + 1.0) * t / f).min(1.0) as f32
            } else {
                1.0
            }
        })
        .collect();
    let words: u64 = lines.iter().map(|l| l.len() as u64).sum();
    let steps = (words * opts.epochs as u64).max(1) as f32;
    let (lr0, mut done) = (0.025f32, 0u64);
    let mut grad = vec![0f32; d];
    let mut kept = Vec::new();
    for epoch in 0..opts.epochs {
        for line in lines {
            kept.clear();
            kept.extend(
                line.iter()
                    .copied()
                    .filter(|&w| rng.unit() < keep[w as usize]),
            );
            for (pos, &w) in kept.iter().enumerate() {
                let lr = (lr0 * (1.0 - done as f32 / steps)).max(lr0 * 1e-4);
                let b = 1 + rng.below(opts.window);
                let lo = pos.saturating_sub(b);
                let hi = (pos + b + 1).min(kept.len());
                for (cpos, &c) in kept.iter().enumerate().take(hi).skip(lo) {
                    if cpos == pos {
                        continue;
                    }
                    // Predict `w` from `c`: one positive, `negative` negatives.
                    let ci = c as usize * d;
                    grad.iter_mut().for_each(|g| *g = 0.0);
                    for k in 0..=opts.negative {
                        let (target, label) = if k == 0 {
                            (w as usize, 1.0)
                        } else {
                            let n = neg_table[rng.below(table_len)] as usize;
                            if n == w as usize {
                                continue;
                            }
                            (n, 0.0)
                        };
                        let ti = target * d;
                        let dot: f32 = input[ci..ci + d]
                            .iter()
                            .zip(&output[ti..ti + d])
                            .map(|(a, b)| a * b)
                            .sum();
                        let g = (label - sigmoid(dot)) * lr;
                        for j in 0..d {
                            grad[j] += g * output[ti + j];
                            output[ti + j] += g * input[ci + j];
                        }
                    }
                    for j in 0..d {
                        input[ci + j] += grad[j];
                    }
                }
            }
            done += line.len() as u64;
        }
        log(&format!("skip-gram epoch {} done", epoch + 1));
    }
    input
}

fn sigmoid(x: f32) -> f32 {
    if x > 8.0 {
        1.0
    } else if x < -8.0 {
        0.0
    } else {
        1.0 / (1.0 + (-x).exp())
    }
}

/// Cluster the rows of `vecs` (normalized) into `opts.clusters` by cosine
/// k-means, started from evenly spaced frequent words; returns each row's
/// cluster.
fn kmeans(vecs: &[f32], n: usize, opts: &RepresentOptions) -> Vec<u16> {
    let d = opts.dim;
    let k = opts.clusters.min(n).min(u16::MAX as usize);
    let mut x = vecs.to_vec();
    for row in x.chunks_mut(d) {
        let norm = row.iter().map(|a| a * a).sum::<f32>().sqrt().max(1e-12);
        row.iter_mut().for_each(|a| *a /= norm);
    }
    // Centres start at frequent words spread over the top of the list.
    let top = n.min(k * 40);
    let mut centres: Vec<f32> = (0..k)
        .flat_map(|c| x[(c * top / k) * d..(c * top / k + 1) * d].to_vec())
        .collect();
    let mut assign = vec![0u16; n];
    let nearest = |row: &[f32], centres: &[f32]| -> u16 {
        let mut best = (f32::NEG_INFINITY, 0u16);
        for (c, centre) in centres.chunks(d).enumerate() {
            let s: f32 = row.iter().zip(centre).map(|(a, b)| a * b).sum();
            if s > best.0 {
                best = (s, c as u16);
            }
        }
        best.1
    };
    for _ in 0..opts.iterations {
        for (r, row) in x.chunks(d).enumerate() {
            assign[r] = nearest(row, &centres);
        }
        let mut sums = vec![0f32; k * d];
        for (r, row) in x.chunks(d).enumerate() {
            let c = assign[r] as usize;
            for j in 0..d {
                sums[c * d + j] += row[j];
            }
        }
        for c in 0..k {
            let s = &mut sums[c * d..(c + 1) * d];
            let norm = s.iter().map(|a| a * a).sum::<f32>().sqrt();
            if norm > 0.0 {
                s.iter_mut().for_each(|a| *a /= norm);
                centres[c * d..(c + 1) * d].copy_from_slice(s);
            }
        }
    }
    for (r, row) in x.chunks(d).enumerate() {
        assign[r] = nearest(row, &centres);
    }
    assign
}

/// The file form of a cluster table (see the module docs).
pub fn write_words(table: &[(u64, u16)], clusters: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + table.len() * 5);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(clusters.min(u16::MAX as usize) as u16).to_le_bytes());
    write_clusters(table, &mut out);
    out
}

/// Read a cluster table file, checking every part of it. Keys come back
/// reduced to what the file keeps ([`cluster_key`]).
pub fn parse_words(bytes: &[u8]) -> Result<Vec<(u64, u16)>, Error> {
    let bad = |m: &str| Error::new(ErrorKind::InvalidModel, format!("word table: {m}"));
    if bytes.len() < 12 || &bytes[..8] != MAGIC {
        return Err(bad("not an alam word table (bad magic bytes)"));
    }
    let version = u16::from_le_bytes([bytes[8], bytes[9]]);
    if version != FORMAT_VERSION {
        return Err(bad(&format!(
            "format version {version}, this build reads {FORMAT_VERSION}"
        )));
    }
    let k = u16::from_le_bytes([bytes[10], bytes[11]]);
    let (table, used) = read_clusters(&bytes[12..]).map_err(|e| bad(&e.to_string()))?;
    if 12 + used != bytes.len() {
        return Err(bad("trailing bytes after the table"));
    }
    if table.iter().any(|&(_, c)| c >= k) {
        return Err(bad("a cluster id is out of range"));
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::model::cluster_key;

    #[test]
    fn words_file_round_trips_and_refuses_bad_bytes() {
        let t = vec![(3u64 << 32, 0u16), (9 << 32 | 7, 2), (u64::MAX, 1)];
        let b = write_words(&t, 3);
        let want: Vec<(u64, u16)> = t.iter().map(|&(k, c)| (cluster_key(k), c)).collect();
        assert_eq!(parse_words(&b).unwrap(), want);
        assert!(parse_words(&b[..b.len() - 1]).is_err());
        let mut longer = b.clone();
        longer.push(0);
        assert!(parse_words(&longer).is_err());
        assert!(parse_words(&[]).is_err());
        let mut v = b.clone();
        v[8] = 9;
        assert!(parse_words(&v).unwrap_err().to_string().contains("version"));
        let mut k = b.clone();
        k[10] = 2; // two clusters, but an id 2
        assert!(parse_words(&k).is_err());
        // A second key equal to the first (a zero distance) is refused.
        let dup = write_words(&[(1 << 32, 0)], 1);
        let mut d = dup[..12].to_vec();
        d.extend_from_slice(&2u32.to_le_bytes());
        d.extend_from_slice(&[1, 0, 0, 0, 0, 0]);
        assert!(parse_words(&d)
            .unwrap_err()
            .to_string()
            .contains("ascending"));
    }

    #[test]
    fn learning_is_deterministic_and_groups_alike_words() {
        // A tiny made-up text: cities and people in the same slots.
        let mut text = String::new();
        let cities = ["القاهره", "دمشق", "بغداد", "تونس", "الرباط", "عمان"];
        let people = ["محمد", "احمد", "خالد", "سامي", "يوسف", "كريم"];
        for r in 0..400 {
            let c = cities[r % cities.len()];
            let p = people[(r * 7) % people.len()];
            text.push_str(&format!(
                "قال الرئيس {p} امس\nفي مدينه {c} الكبيره\nصرح الرئيس {p} اليوم\nفي مدينه {c} القديمه\n"
            ));
        }
        let opts = RepresentOptions {
            dim: 16,
            window: 1,
            clusters: 4,
            min_count: 3,
            epochs: 5,
            sample: 0.0,
            ..Default::default()
        };
        let gaz = Gazetteer::embedded();
        let run = || learn(text.as_bytes(), &opts, &mut |_| {}).unwrap();
        let (a, b) = (run(), run());
        assert_eq!(a.table, b.table, "same text, same seed, same table");
        assert!(a.vocab >= 12, "{}", a.vocab);
        let cluster_of = |w: &str| {
            let i = Infos::new(&Analysis::new(w, gaz), gaz, &NoClusters);
            let h = i.toks[0].stem;
            a.table.iter().find(|e| e.0 == h).map(|e| e.1)
        };
        let cs: Vec<_> = cities.iter().map(|c| cluster_of(c)).collect();
        let ps: Vec<_> = people.iter().map(|p| cluster_of(p)).collect();
        // Most cities share a cluster that most people are not in.
        let mode = |v: &[Option<u16>]| {
            let mut m: FxHashMap<Option<u16>, usize> = FxHashMap::default();
            v.iter().for_each(|x| *m.entry(*x).or_default() += 1);
            m.into_iter().max_by_key(|&(c, n)| (n, c)).unwrap()
        };
        let (cc, cn) = mode(&cs);
        assert!(cn >= 4, "cities {cs:?}");
        assert!(
            ps.iter().filter(|&&p| p == cc).count() <= 2,
            "people {ps:?} vs {cs:?}"
        );
    }
}
