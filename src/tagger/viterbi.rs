//! Tags and decoding: the BIO tag set (O, then B/I for PER, LOC, ORG,
//! MISC), which transitions are allowed (I-X only after B-X or I-X), the
//! transition scores of a model, and Viterbi decoding over emission scores.

use crate::doc::Label;
use crate::tagger::base::NTAGS;

/// Label of an entity type index (1..=4).
pub fn type_label(t: u8) -> Label {
    match t {
        1 => Label::Per,
        2 => Label::Loc,
        3 => Label::Org,
        _ => Label::Misc,
    }
}

/// Entity type of a tag (0 for O).
#[inline]
pub fn tag_type(tag: u8) -> u8 {
    tag.div_ceil(2)
}

/// Is `tag` an inside tag (I-X)?
#[inline]
pub fn is_inside(tag: u8) -> bool {
    tag > 0 && tag & 1 == 0
}

/// The B tag of a type.
#[inline]
pub fn begin_tag(ty: u8) -> u8 {
    ty * 2 - 1
}

/// May `to` follow `from` (`None`: sentence start)?
#[inline]
pub fn allowed(from: Option<u8>, to: u8) -> bool {
    if !is_inside(to) {
        return true;
    }
    match from {
        None => false,
        Some(f) => f != 0 && tag_type(f) == tag_type(to),
    }
}

/// Viterbi decoding of `n = emis.len() / NTAGS` positions with transition
/// scores `trans` (`(NTAGS + 1) × NTAGS`, row 0 for the start), writing tags
/// to `out`. Invalid transitions are never chosen. Of equal paths, the one
/// with the lowest tags at its last position, then back, wins.
///
/// Any transition scores (training passes unquantized ones); the tagger
/// decodes with [`Transitions::decode`], which gives the same tags.
pub fn viterbi(emis: &[i32], trans: &[i32], out: &mut Vec<u8>) {
    let n = emis.len() / NTAGS;
    out.clear();
    if n == 0 {
        return;
    }
    const NEG: i64 = i64::MIN / 4;
    let mut score = [NEG; NTAGS];
    let mut back = vec![0u8; n * NTAGS];
    for t in 0..NTAGS {
        if allowed(None, t as u8) {
            score[t] = (emis[t] + trans[t]) as i64;
        }
    }
    for i in 1..n {
        let mut next = [NEG; NTAGS];
        for t in 0..NTAGS {
            let mut best = NEG;
            let mut arg = 0u8;
            for p in 0..NTAGS {
                if score[p] == NEG || !allowed(Some(p as u8), t as u8) {
                    continue;
                }
                let s = score[p] + trans[(p + 1) * NTAGS + t] as i64;
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            if best != NEG {
                next[t] = best + emis[i * NTAGS + t] as i64;
                back[i * NTAGS + t] = arg;
            }
        }
        score = next;
    }
    let mut last = 0;
    for t in 1..NTAGS {
        if score[t] > score[last] {
            last = t;
        }
    }
    out.resize(n, 0);
    out[n - 1] = last as u8;
    for i in (1..n).rev() {
        let t = out[i] as usize;
        out[i - 1] = back[i * NTAGS + t];
    }
}

/// [`Transitions::decode`] takes emission scores in `[-MAX_EMIS,
/// MAX_EMIS)` in 32 bits (2^20; a row sums one i8 weight per feature, so
/// real rows stay below 2^15). Others go to [`viterbi`].
const MAX_EMIS: i32 = 1 << (MAX_EMIS_BITS - 1);
/// Bits of the range `[-MAX_EMIS, MAX_EMIS)`.
const MAX_EMIS_BITS: u32 = 21;
/// The score of an invalid move: below every valid path (whose scores,
/// kept relative to the best, stay above -2^23), and twice it still fits
/// in an i32 with an emission added.
const INVALID: i32 = -(1 << 28);

/// One pass's transition scores, prepared once at load for decoding.
///
/// Tags are O, then B-X, I-X for each of the four types (see
/// [`allowed`]): O and B-X may follow any tag, I-X only B-X or I-X. So
/// the decoder scores nine predecessors for O and the four B tags (those
/// four side by side), and two for each I tag.
#[derive(Debug, Clone)]
pub struct Transitions {
    /// As given: `(NTAGS + 1) × NTAGS`, row 0 for the start.
    raw: Vec<i32>,
    /// Score of each first tag, [`INVALID`] for I-X.
    start: [i32; NTAGS],
    /// `to_o[p]`: score of moving from `p` to O.
    to_o: [i32; NTAGS],
    /// `to_b[p][x]`: score of moving from `p` to B of type `x + 1`.
    to_b: [[i32; 4]; NTAGS],
    /// Score of B-X → I-X, per type.
    b_to_i: [i32; 4],
    /// Score of I-X → I-X, per type.
    i_to_i: [i32; 4],
    /// Every score fits in 16 bits (true of a model file), so that
    /// [`Transitions::decode`] may use 32-bit sums.
    small: bool,
}

impl Transitions {
    /// Prepare `(NTAGS + 1) × NTAGS` transition scores.
    pub fn new(trans: &[i32]) -> Transitions {
        // Missing scores are 0 (a model file always has them all).
        let raw: Vec<i32> = (0..(NTAGS + 1) * NTAGS)
            .map(|i| trans.get(i).copied().unwrap_or(0))
            .collect();
        let from = |p: usize, t: usize| raw[(p + 1) * NTAGS + t];
        let mut start = [INVALID; NTAGS];
        for (t, s) in start.iter_mut().enumerate() {
            if allowed(None, t as u8) {
                *s = raw[t];
            }
        }
        let mut to_o = [0; NTAGS];
        let mut to_b = [[0; 4]; NTAGS];
        for p in 0..NTAGS {
            to_o[p] = from(p, 0);
            for (x, b) in to_b[p].iter_mut().enumerate() {
                *b = from(p, 2 * x + 1);
            }
        }
        let mut b_to_i = [0; 4];
        let mut i_to_i = [0; 4];
        for x in 0..4 {
            b_to_i[x] = from(2 * x + 1, 2 * x + 2);
            i_to_i[x] = from(2 * x + 2, 2 * x + 2);
        }
        Transitions {
            small: raw.iter().all(|&x| i16::try_from(x).is_ok()),
            raw,
            start,
            to_o,
            to_b,
            b_to_i,
            i_to_i,
        }
    }

    /// Viterbi decoding, the same tags as [`viterbi`], with scores in 32
    /// bits: after each position the best score is subtracted from all, so
    /// that scores stay within a few times the largest emission plus
    /// transition, whatever the sentence's length. `back` is scratch.
    ///
    /// Why 32 bits suffice (T = 2^15 bounds a transition, E = `MAX_EMIS`
    /// an emission): after the shift, O and B-X scores lie in [-2(T+E), 0]
    /// (each is reachable from the best tag in one move), and I-X scores,
    /// reached from B-X, in [-4(T+E), 0], above -2^23. A start at I-X
    /// scores at most `INVALID` + E, so a move from it never beats a valid
    /// one (and from the second position on every tag has one). Ties go to
    /// the lowest previous tag, as in [`viterbi`].
    pub fn decode(&self, emis: &[i32], back: &mut Vec<u8>, out: &mut Vec<u8>) {
        // Every emission in [-MAX_EMIS, MAX_EMIS) (a check that vectorises).
        let out_of_range = emis.iter().fold(0, |a, &e| {
            a | (e.wrapping_add(MAX_EMIS) as u32 >> MAX_EMIS_BITS)
        });
        if !self.small || out_of_range != 0 {
            return viterbi(emis, &self.raw, out);
        }
        let n = emis.len() / NTAGS;
        out.clear();
        if n == 0 {
            return;
        }
        back.clear();
        back.resize(n * NTAGS, 0);
        let mut rows = emis.chunks_exact(NTAGS);
        let mut score = [0i32; NTAGS];
        if let Some(e) = rows.next() {
            for ((s, &a), &b) in score.iter_mut().zip(&self.start).zip(e) {
                *s = a + b;
            }
        }
        shift(&mut score);
        for (e, bk) in rows.zip(back.chunks_exact_mut(NTAGS).skip(1)) {
            // The best previous tag of O and of the four B tags (side by
            // side, without branches, so that the compiler can keep them in
            // one vector register), the lowest on a tie.
            let mut o = score[0] + self.to_o[0];
            let mut o_arg = 0;
            let mut b = [0i32; 4];
            let mut b_arg = [0i32; 4];
            for (x, &y) in b.iter_mut().zip(&self.to_b[0]) {
                *x = score[0] + y;
            }
            let prev = score.iter().zip(&self.to_b).zip(&self.to_o);
            for (p, ((&sp, to_b), &to_o)) in prev.enumerate().skip(1) {
                for ((x, a), &y) in b.iter_mut().zip(&mut b_arg).zip(to_b) {
                    let s = sp + y;
                    let gt = s > *x;
                    *x = if gt { s } else { *x };
                    *a = if gt { p as i32 } else { *a };
                }
                let s = sp + to_o;
                let gt = s > o;
                o = if gt { s } else { o };
                o_arg = if gt { p } else { o_arg };
            }
            // I-X continues B-X or I-X; B-X on a tie.
            let mut i = [0i32; 4];
            let mut i_arg = [0u8; 4];
            for x in 0..4 {
                let from_b = score[2 * x + 1] + self.b_to_i[x];
                let from_i = score[2 * x + 2] + self.i_to_i[x];
                let gt = from_i > from_b;
                i[x] = if gt { from_i } else { from_b };
                i_arg[x] = (2 * x + 1) as u8 + gt as u8;
            }
            score[0] = o + e[0];
            bk[0] = o_arg as u8;
            for x in 0..4 {
                score[2 * x + 1] = b[x] + e[2 * x + 1];
                bk[2 * x + 1] = b_arg[x] as u8;
                score[2 * x + 2] = i[x] + e[2 * x + 2];
                bk[2 * x + 2] = i_arg[x];
            }
            shift(&mut score);
        }
        let mut last = 0;
        for t in 1..NTAGS {
            if score[t] > score[last] {
                last = t;
            }
        }
        out.resize(n, 0);
        let mut t = last as u8;
        for (o, bk) in out.iter_mut().zip(back.chunks_exact(NTAGS)).rev() {
            *o = t;
            t = bk[t as usize % NTAGS];
        }
    }
}

/// Subtract the best score from all.
#[inline]
fn shift(score: &mut [i32; NTAGS]) {
    let m = score.iter().copied().max().unwrap_or(0);
    for x in score {
        *x -= m;
    }
}

/// Call `f(start, end, type)` for each entity of a BIO tag sequence.
pub fn spans(tags: &[u8], mut f: impl FnMut(usize, usize, u8)) {
    let mut i = 0;
    while i < tags.len() {
        let t = tags[i];
        if t == 0 {
            i += 1;
            continue;
        }
        let ty = tag_type(t);
        let mut j = i + 1;
        while j < tags.len() && is_inside(tags[j]) && tag_type(tags[j]) == ty {
            j += 1;
        }
        f(i, j, ty);
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::base::test_rng as rng;

    #[test]
    fn decode_gives_the_tags_of_viterbi() {
        let mut next = rng(0x9e37_79b9_7f4a_7c15);
        let (mut a, mut b, mut back) = (Vec::new(), Vec::new(), Vec::new());
        // Narrow ranges make ties; wide ones reach the bounds, and past
        // MAX_EMIS the general decoder takes over.
        for (span, tspan) in [
            (3, 2),
            (40, 30),
            (20_000, 40),
            (1 << 20, 1 << 15),
            (1 << 22, 9),
        ] {
            for n in [0usize, 1, 2, 3, 7, 50, 300] {
                let emis: Vec<i32> = (0..n * NTAGS)
                    .map(|_| (next() % (2 * span as u64 + 1)) as i32 - span)
                    .collect();
                let trans: Vec<i32> = (0..(NTAGS + 1) * NTAGS)
                    .map(|_| ((next() % (2 * tspan as u64)) as i64 - tspan as i64) as i32)
                    .collect();
                viterbi(&emis, &trans, &mut a);
                Transitions::new(&trans).decode(&emis, &mut back, &mut b);
                assert_eq!(a, b, "n {n} span {span}");
            }
        }
    }

    #[test]
    fn decode_stays_in_32_bits_on_long_sentences() {
        // The largest emissions and transitions the fast path takes, over
        // a sentence long enough to overflow unshifted 32-bit sums (debug
        // builds check every addition).
        let mut next = rng(7);
        let n = 5_000;
        let emis: Vec<i32> = (0..n * NTAGS)
            .map(|i| match next() % 3 {
                0 => MAX_EMIS - 1,
                1 => -MAX_EMIS,
                _ => (i % 7) as i32,
            })
            .collect();
        let trans: Vec<i32> = (0..(NTAGS + 1) * NTAGS)
            .map(|i| {
                if i % 2 == 0 {
                    i16::MAX as i32
                } else {
                    i16::MIN as i32
                }
            })
            .collect();
        let (mut a, mut b, mut back) = (Vec::new(), Vec::new(), Vec::new());
        viterbi(&emis, &trans, &mut a);
        Transitions::new(&trans).decode(&emis, &mut back, &mut b);
        assert_eq!(a, b);
        assert_eq!(b.len(), n);
    }

    #[test]
    fn transitions_of_the_wrong_size_are_padded_with_zeros() {
        let t = Transitions::new(&[1, 2, 3]);
        let (mut a, mut b, mut back) = (Vec::new(), Vec::new(), Vec::new());
        let emis = vec![1; 4 * NTAGS];
        t.decode(&emis, &mut back, &mut b);
        let mut trans = vec![0; (NTAGS + 1) * NTAGS];
        trans[..3].copy_from_slice(&[1, 2, 3]);
        viterbi(&emis, &trans, &mut a);
        assert_eq!(a, b);
        assert_eq!(a.len(), 4);
    }
}
