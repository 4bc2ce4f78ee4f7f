//! Decoding: candidates from every source become sorted, non-overlapping
//! entities with byte spans into the original text.

use crate::analysis::Analysis;
use crate::doc::{Attrs, Entity, Source};
use crate::label::Label;
use crate::span::Span;
use std::cmp::Reverse;

/// A proposed entity over tokens `start..end` of an [`Analysis`].
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Proposed label.
    pub label: Label,
    /// Which stage proposed it.
    pub source: Source,
    /// Tie-breaker between candidates of equal length (higher wins).
    pub priority: u8,
    /// Leave the first token's conj/prep proclitics outside the span.
    pub strip_proclitic: bool,
    /// Bytes at the start of the first token to leave outside the span
    /// besides: a proclitic the segmenter did not split off but a rule
    /// recognised ("لعام 2020").
    pub lead: u8,
    /// Values and links.
    pub attrs: Attrs,
}

impl Candidate {
    /// A candidate with no attributes that strips proclitics.
    pub fn new(start: usize, end: usize, label: Label, source: Source, priority: u8) -> Self {
        Candidate {
            start,
            end,
            label,
            source,
            priority,
            strip_proclitic: true,
            lead: 0,
            attrs: Attrs::default(),
        }
    }
}

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
            s += a.segs[c.start].outside(a.word(c.start));
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
