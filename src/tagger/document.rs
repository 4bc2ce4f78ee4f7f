//! What the tagger remembers of a document across its chunks
//! ([`DocMemory`]): names already tagged, for the consistency pass, and what
//! the first passes said of each word form, which the second pass reads as
//! features ([`doc_infos`]).

use crate::tagger::base::NTAGS;
use crate::tagger::features::{DocInfo, Infos};
use rustc_hash::FxHashMap;

/// What the tagger remembers across the chunks of one document: names
/// already tagged (for document-level consistency) and the first passes'
/// labels per word form (for the second pass).
#[derive(Debug, Default)]
pub struct DocMemory {
    /// Name key (hash of token bodies) → mentions per entity type.
    pub(super) names: FxHashMap<u64, [u16; 5]>,
    /// A bit per name key's top 11 bits: most words start no remembered
    /// name, and this says so without a lookup.
    pub(super) name_bits: [u64; 32],
    /// Body hash → what the first passes said of the form's mentions (one
    /// map, so a token costs one lookup).
    pub(super) forms: FxHashMap<u64, Form>,
    /// Stem hash → first-pass counts per tag.
    stem_stats: FxHashMap<u64, [u16; NTAGS]>,
}

/// The first passes' view of one word form (body) in a document.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Form {
    /// The full pass's tag counts.
    pub(super) tags: [u16; NTAGS],
    /// The context-only pass's summed type scores.
    votes: [f32; 4],
    /// Trigger classes that governed its mentions.
    anchors: u8,
}

impl DocMemory {
    /// The mentions of a name of type `ty` (1..=4), counted from 0 when new.
    pub(super) fn name(&mut self, key: u64, ty: u8) -> &mut u16 {
        let bit = key >> 53;
        self.name_bits[bit as usize / 64] |= 1 << (bit % 64);
        &mut self.names.entry(key).or_default()[ty as usize % 5]
    }

    /// Forget everything (a new document).
    pub fn clear(&mut self) {
        self.names.clear();
        self.name_bits.fill(0);
        self.forms.clear();
        self.stem_stats.clear();
    }
}

/// How sure a pass is that a token is (not) in a name: the best entity
/// score minus the score of O, in weight units, on a signed log scale
/// (0..=15, 8 for a tie).
pub fn margin_bucket(row: &[i32], scale: f32) -> u8 {
    let best = row[1..].iter().copied().max().unwrap_or(0);
    let m = (best as f64 - row[0] as f64) * scale as f64;
    let b = floor_log2(1.0 + m.abs()).min(7.0) as i32;
    (8 + if m < 0.0 { -b } else { b }).clamp(0, 15) as u8
}

/// `x.log2().floor()`, read from the exponent bits when `x` is at least 1
/// and not within 4,096 units in the last place below a power of two,
/// where a logarithm rounded to the nearest `f64` could already say the
/// next integer; there, and for other `x`, the logarithm itself decides.
/// (WebAssembly has no logarithm instruction: this runs twice per token.)
#[inline]
fn floor_log2(x: f64) -> f64 {
    match exponent_clear_of_powers(x >= 1.0 && x.is_finite(), x.to_bits(), 52, 1023, 12) {
        Some(e) => e as f64,
        None => x.log2().floor(),
    }
}

/// [`floor_log2`] for `f32` (64 units in the last place of margin).
#[inline]
fn floor_log2_f32(x: f32) -> f32 {
    match exponent_clear_of_powers(x >= 1.0 && x.is_finite(), x.to_bits().into(), 23, 127, 6) {
        Some(e) => e as f32,
        None => x.log2().floor(),
    }
}

/// The unbiased exponent of a float (its `bits`, with a `mant`-bit
/// mantissa and exponent `bias`) that is at least 1 (`ok`) and more than
/// `2^margin` units in the last place below the next power of two; `None`
/// otherwise.
#[inline]
fn exponent_clear_of_powers(ok: bool, bits: u64, mant: u32, bias: i64, margin: u32) -> Option<i64> {
    let m = bits & ((1 << mant) - 1);
    (ok && m < (1 << mant) - (1 << margin)).then(|| (bits >> mant) as i64 - bias)
}

/// Count the first pass's labels per word form into `mem`.
pub fn add_stats(inf: &Infos, first: &[First], mem: &mut DocMemory) {
    // Room for a new form per word up front, rather than growing the maps
    // step by step (each step rehashes every entry).
    let words = inf.toks.len() / 2;
    mem.forms.reserve(words);
    mem.stem_stats.reserve(words);
    for (i, (ti, f)) in inf.toks.iter().zip(first).enumerate() {
        if !(1..=4).contains(&ti.shape) {
            continue;
        }
        let t = f.tag as usize % NTAGS;
        let form = mem.forms.entry(ti.body).or_default();
        form.anchors |= anchor(inf, i);
        form.tags[t] = form.tags[t].saturating_add(1);
        for (a, b) in form.votes.iter_mut().zip(f.cvote) {
            *a += b;
        }
        let c = mem.stem_stats.entry(ti.stem).or_insert([0; NTAGS]);
        c[t] = c[t].saturating_add(1);
    }
}

/// The most frequent entity tag of a word form and its share of the
/// form's mentions (0..=4), or (0, 0) when it was never in an entity.
fn summarise(c: &[u16; NTAGS]) -> (u8, u8) {
    let total: u32 = c.iter().map(|&x| x as u32).sum();
    let mut best = 0usize;
    for t in 1..NTAGS {
        if c[t] > 0 && (best == 0 || c[t] > c[best]) {
            best = t;
        }
    }
    if best == 0 || total == 0 {
        return (0, 0);
    }
    let share = (c[best] as u32 * 4).div_ceil(total).min(4) as u8;
    (best as u8, share)
}

/// Second-pass inputs: the first pass's tags and the document statistics.
pub fn doc_infos(inf: &Infos, first: &[First], mem: &DocMemory) -> Vec<DocInfo> {
    // What the document says of a form is the same for every token of a
    // word type: worked out once per type.
    let per_type: Vec<DocInfo> = inf
        .types
        .first()
        .iter()
        .map(|&i| {
            let ti = &inf.toks[i as usize];
            let form = mem.forms.get(&ti.body);
            let (doc_type, doc_share) = form.map_or((0, 0), |x| summarise(&x.tags));
            let (stem_type, _) = mem.stem_stats.get(&ti.stem).map_or((0, 0), summarise);
            let (cvote_type, cvote_margin) = form.map_or((0, 0), |x| vote_summary(&x.votes));
            DocInfo {
                doc_type,
                doc_share,
                stem_type,
                cvote_type,
                cvote_margin,
                doc_anchor: form.map_or(0, |x| x.anchors),
                ..DocInfo::default()
            }
        })
        .collect();
    let ids = inf.types.ids();
    first
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (clocal_type, clocal_margin) = vote_summary(&f.cvote);
            DocInfo {
                tag1: f.tag,
                ctag: f.ctag,
                conf: f.conf,
                clocal_type,
                clocal_margin,
                anchor: anchor(inf, i),
                ..ids
                    .get(i)
                    .and_then(|&t| per_type.get(t as usize))
                    .copied()
                    .unwrap_or_default()
            }
        })
        .collect()
}

/// The entity type (1..=4) a context pass favours, with its lead over the
/// runner-up on a log scale (0..=7); (0, 0) without votes.
fn vote_summary(v: &[f32; 4]) -> (u8, u8) {
    let mut best = 0;
    for t in 1..4 {
        if v[t] > v[best] {
            best = t;
        }
    }
    let second = (0..4)
        .filter(|&t| t != best)
        .map(|t| v[t])
        // Not f32::max, whose NaN rule makes it a call to fmaxf in WASM:
        // votes are finite.
        .fold(f32::NEG_INFINITY, |m, x| if x > m { x } else { m });
    let lead = v[best] - second;
    if !lead.is_finite() || lead <= 0.0 {
        return (0, 0);
    }
    (
        best as u8 + 1,
        floor_log2_f32(1.0 + lead).clamp(0.0, 7.0) as u8,
    )
}

/// Trigger classes (title, organisation or place head) that govern token
/// `i`: the word before it, or the first word before a run of up to three
/// words with the article ("وزير الخارجية التركي X", "إقليم X").
pub fn anchor(inf: &Infos, i: usize) -> u8 {
    use crate::lexicon::words::trig;
    let mask = trig::TITLE | trig::ORG | trig::PLACE;
    let mut j = i;
    for step in 0..4 {
        if j == 0 {
            return 0;
        }
        j -= 1;
        let t = &inf.toks[j];
        if t.trig & mask != 0 {
            return t.trig & mask;
        }
        if step == 3 || t.flags & crate::text::clitics::pro::AL == 0 || t.shape != 1 {
            return 0;
        }
    }
    0
}

/// What a first pass says of one token.
#[derive(Debug, Clone, Copy, Default)]
pub struct First {
    /// The full pass's tag.
    pub tag: u8,
    /// The full pass's margin (see [`margin_bucket`]).
    pub conf: u8,
    /// The context-only pass's tag.
    pub ctag: u8,
    /// The context-only pass's score per entity type over O, in weight units.
    pub cvote: [f32; 4],
}

/// Scores per entity type (PER, LOC, ORG, MISC) over O of an emission row.
pub fn type_votes(row: &[i32], scale: f32) -> [f32; 4] {
    let mut v = [0f32; 4];
    for (t, x) in v.iter_mut().enumerate() {
        let b = row[2 * t + 1].max(row[2 * t + 2]);
        *x = (b - row[0]) as f32 * scale;
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::base::test_rng as rng;

    #[test]
    fn floor_log2_is_the_floor_of_the_logarithm() {
        let mut next = rng(11);
        let mut xs: Vec<f64> = vec![
            1.0,
            2.0,
            3.0,
            4.0,
            255.5,
            256.0,
            1e300,
            f64::INFINITY,
            f64::NAN,
            0.5,
            -3.0,
        ];
        for k in 0..12 {
            let p = (1u64 << k) as f64;
            // Around every power of two, to the last unit.
            let mut y = p;
            for _ in 0..5000 {
                y = f64::from_bits(y.to_bits() - 1);
                xs.push(y);
            }
            xs.push(f64::from_bits(p.to_bits() + 1));
        }
        for _ in 0..100_000 {
            xs.push(1.0 + (next() % 1_000_000) as f64 / 997.0);
        }
        for x in xs {
            let (want, got) = (x.log2().floor(), floor_log2(x));
            assert!(
                want == got || want.is_nan() && got.is_nan(),
                "{x}: {want} {got}"
            );
            let x = x as f32;
            let (want, got) = (x.log2().floor(), floor_log2_f32(x));
            assert!(
                want == got || want.is_nan() && got.is_nan(),
                "{x}: {want} {got}"
            );
        }
        for k in 0..12 {
            let mut y = (1u32 << k) as f32;
            for _ in 0..5000 {
                y = f32::from_bits(y.to_bits() - 1);
                assert_eq!(y.log2().floor(), floor_log2_f32(y), "{y}");
            }
        }
    }
}
