//! What every stage proposes and decoding chooses from.

use crate::doc::Label;
use crate::doc::{Attrs, Source};

/// A proposed entity over tokens `start..end` of an analysis
/// ([`crate::lexicon::analysis::Analysis`]).
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
