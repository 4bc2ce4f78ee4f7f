//! Decoding: candidates from every source become sorted, non-overlapping
//! entities with byte spans into the original text.

use crate::doc::Entity;
use crate::lexicon::analysis::{outside, Analysis};
use crate::rules::candidate::Candidate;
use crate::text::span::Span;
use std::cmp::Reverse;

/// Choose non-overlapping candidates (longest first, then priority, then
/// leftmost) and map them to original byte spans, offset by `base`.
pub fn decode(a: &Analysis<'_>, mut cands: Vec<Candidate>, base: usize, out: &mut Vec<Entity>) {
    // Sort keys, not candidates: a candidate carries its attributes (a few
    // hundred bytes), and a chunk has hundreds of candidates. The index
    // last makes the unstable sort give the order of a stable one.
    let mut order: Vec<(Reverse<usize>, Reverse<u8>, usize, usize)> = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| c.start < c.end && c.end <= a.tokens.len())
        .map(|(i, c)| (Reverse(c.end - c.start), Reverse(c.priority), c.start, i))
        .collect();
    order.sort_unstable();
    let mut taken = vec![false; a.tokens.len()];
    // (start, index) of the chosen ones, which do not overlap.
    let mut picked: Vec<(usize, usize)> = Vec::new();
    for &(_, _, start, i) in &order {
        let end = cands[i].end;
        if taken[start..end].iter().any(|&t| t) {
            continue;
        }
        taken[start..end].iter_mut().for_each(|t| *t = true);
        picked.push((start, i));
    }
    picked.sort_unstable();
    for &(_, i) in &picked {
        // Chosen once each (they do not overlap): only the attributes are
        // moved out, the rest is copied.
        let c = &mut cands[i];
        let first = a.tokens[c.start];
        let mut s = first.start as usize;
        if c.strip_proclitic {
            s += outside(&a.segs[c.start], a.word(c.start));
        }
        s = s
            .max(first.start as usize + c.lead as usize)
            .min(first.end as usize);
        let e = a.tokens[c.end - 1].end as usize;
        let (os, oe) = a.norm.to_original(a.text, s, e);
        if oe <= os {
            continue;
        }
        out.push(Entity {
            span: Span::new(base + os, base + oe),
            label: c.label,
            source: c.source,
            attrs: std::mem::take(&mut c.attrs),
            cluster: 0,
        });
    }
}
