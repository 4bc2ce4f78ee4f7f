//! The wire forms of a [`Doc`]: JSON-ready structs with offsets in the
//! caller's unit ([`Doc::to_wire`]), and the packed numbers the JavaScript
//! binding sends (`src/wasm/objects.js` builds the objects from them).

use crate::doc::Label;
use crate::doc::{Attrs, Doc, Source, Value};
use crate::text::span::Utf16Cursor;
use serde::Serialize;

impl Doc<'_> {
    /// The wire form, with offsets in the given unit. It borrows the
    /// document (attributes are not copied: for a 10 MB text with 300,000
    /// entities, copies doubled the WASM build's peak memory).
    pub fn to_wire(&self, unit: Unit) -> WireDoc<'_> {
        // Collect every offset, convert in sorted order with one cursor, then
        // look offsets up: linear in the text whatever order spans come in.
        let mut offs: Vec<usize> =
            Vec::with_capacity(self.entities.len() * 2 + self.quotes.len() * 4);
        if unit != Unit::Byte {
            for e in &self.entities {
                offs.extend([e.span.start, e.span.end]);
            }
            for q in &self.quotes {
                offs.extend([q.span.start, q.span.end]);
                if let Some(s) = q.speaker {
                    offs.extend([s.start, s.end]);
                }
            }
            offs.sort_unstable();
            offs.dedup();
        }
        let mut cur = match unit {
            Unit::Char => Utf16Cursor::code_points(self.text()),
            _ => Utf16Cursor::new(self.text()),
        };
        let units: Vec<usize> = offs.iter().map(|&b| cur.at(b)).collect();
        let conv = |b: usize| -> usize {
            match unit {
                Unit::Byte => b,
                Unit::Utf16 | Unit::Char => offs.binary_search(&b).map(|i| units[i]).unwrap_or(0),
            }
        };
        let text = self.text();
        let entities = self
            .entities
            .iter()
            .map(|e| WireEntity {
                text: &text[e.span.start..e.span.end],
                label: e.label,
                start: conv(e.span.start),
                end: conv(e.span.end),
                source: e.source,
                attrs: &e.attrs,
                cluster: e.cluster,
            })
            .collect();
        let quotes = self
            .quotes
            .iter()
            .map(|q| {
                let start = conv(q.span.start);
                let end = conv(q.span.end);
                let speaker = q.speaker.map(|s| WireSpan {
                    text: &text[s.start..s.end],
                    start: conv(s.start),
                    end: conv(s.end),
                });
                let cue = q.cue.map(|s| &text[s.start..s.end]);
                WireQuote {
                    text: &text[q.span.start..q.span.end],
                    start,
                    end,
                    speaker,
                    cue,
                }
            })
            .collect();
        WireDoc { entities, quotes }
    }
}

/// Offset unit of the wire form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// UTF-8 bytes (Rust).
    Byte,
    /// UTF-16 code units (JavaScript's `String.prototype.slice`).
    Utf16,
    /// Unicode code points (Python's `str` indices, Rust's `chars()`).
    Char,
}

/// Serializable document.
#[derive(Debug, Clone, Serialize)]
pub struct WireDoc<'a> {
    /// Entities.
    pub entities: Vec<WireEntity<'a>>,
    /// Quotes.
    pub quotes: Vec<WireQuote<'a>>,
}

/// Serializable entity: `{text, label, start, end, source, ...attrs, cluster}`.
#[derive(Debug, Clone, Serialize)]
pub struct WireEntity<'a> {
    /// The entity's text, exactly as in the input.
    pub text: &'a str,
    /// Its label.
    pub label: Label,
    /// Start offset.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// Which stage found it.
    pub source: Source,
    /// Values and links.
    #[serde(flatten)]
    pub attrs: &'a Attrs,
    /// Coreference cluster.
    pub cluster: u32,
}

/// Serializable span with text.
#[derive(Debug, Clone, Serialize)]
pub struct WireSpan<'a> {
    /// The text.
    pub text: &'a str,
    /// Start offset.
    pub start: usize,
    /// End offset.
    pub end: usize,
}

/// Serializable quote.
#[derive(Debug, Clone, Serialize)]
pub struct WireQuote<'a> {
    /// The quoted words.
    pub text: &'a str,
    /// Start offset.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// The speaker, or null.
    pub speaker: Option<WireSpan<'a>>,
    /// The reporting verb, or null.
    pub cue: Option<&'a str>,
}

// ------------------------------------------------------------- packed form

/// The wire form of some entities or quotes as numbers and one string, for
/// the JavaScript binding: `src/wasm/objects.js` builds the plain objects from
/// it, which in V8 costs a small part of writing JSON in Rust and parsing
/// it in JavaScript. Texts that are slices of the input (entity, quote and
/// speaker texts) are not packed: JavaScript slices them from the caller's
/// own string with the UTF-16 offsets.
///
/// Offsets and lengths are `u32`: a wasm32 input is under 4 GiB.
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct Packed {
    /// Per entity: start, end, `label | source << 8 | attrs << 16`
    /// (indices in [`Label::ALL`] and [`Source::ALL`], [`attr`] bits),
    /// cluster, then the UTF-16 length of each string attribute present.
    /// Per quote: start, end, flags (1: a speaker, 2: a cue), the speaker's
    /// start and end, the cue's UTF-16 length.
    pub words: Vec<u32>,
    /// Numeric values, in entity order.
    pub nums: Vec<f64>,
    /// String attributes and cues, one after another.
    pub strs: String,
}

/// Which attributes a packed entity has (bits of its third word's high half).
#[doc(hidden)]
pub mod attr {
    /// A numeric `value` (in [`super::Packed::nums`]).
    pub const NUMBER: u32 = 1;
    /// A string `value`; then, in this order, `value_hijri`, `currency`,
    /// `unit`, `modifier`, `id`, `name_en`, `anchor` and `anchor_source`,
    /// each at the next bit.
    pub const TEXT: u32 = 2;
}

impl Packed {
    /// Empty the buffers, keeping their memory.
    pub fn clear(&mut self) {
        self.words.clear();
        self.nums.clear();
        self.strs.clear();
    }

    fn push_str(&mut self, s: &str) {
        self.words.push(word(s.encode_utf16().count()));
        self.strs.push_str(s);
    }
}

fn word(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

impl WireDoc<'_> {
    /// Pack entities `from..to` (clamped to the list) into `out`.
    #[doc(hidden)]
    pub fn pack_entities(&self, from: usize, to: usize, out: &mut Packed) {
        let to = to.min(self.entities.len());
        for e in &self.entities[from.min(to)..to] {
            let a = e.attrs;
            let strings = [
                &a.value_hijri,
                &a.currency,
                &a.unit,
                &a.modifier,
                &a.id,
                &a.name_en,
                &a.anchor,
                &a.anchor_source,
            ];
            let mut bits = match a.value {
                None => 0,
                Some(Value::Number(_)) => attr::NUMBER,
                Some(Value::Text(_)) => attr::TEXT,
            };
            for (k, s) in strings.iter().enumerate() {
                if s.is_some() {
                    bits |= attr::TEXT << (k + 1);
                }
            }
            out.words.extend([
                word(e.start),
                word(e.end),
                e.label as u32 | (e.source as u32) << 8 | bits << 16,
                e.cluster,
            ]);
            match &a.value {
                None => {}
                Some(Value::Number(v)) => out.nums.push(*v),
                Some(Value::Text(t)) => out.push_str(t),
            }
            for s in strings.into_iter().flatten() {
                out.push_str(s);
            }
        }
    }

    /// Pack quotes `from..to` (clamped to the list) into `out`.
    #[doc(hidden)]
    pub fn pack_quotes(&self, from: usize, to: usize, out: &mut Packed) {
        let to = to.min(self.quotes.len());
        for q in &self.quotes[from.min(to)..to] {
            let (a, b) = q.speaker.as_ref().map_or((0, 0), |s| (s.start, s.end));
            let flags = u32::from(q.speaker.is_some()) | u32::from(q.cue.is_some()) << 1;
            out.words
                .extend([word(q.start), word(q.end), flags, word(a), word(b)]);
            match q.cue {
                Some(c) => out.push_str(c),
                None => out.words.push(0),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_indices_are_the_enum_orders() {
        for (i, l) in Label::ALL.iter().enumerate() {
            assert_eq!(*l as usize, i);
        }
        for (i, s) in Source::ALL.iter().enumerate() {
            assert_eq!(*s as usize, i);
        }
        let mut p = Packed::default();
        p.push_str("😀a");
        assert_eq!(p.words, [3]);
    }
}
