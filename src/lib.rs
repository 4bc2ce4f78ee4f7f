//! # alam — Arabic entity extraction that runs in the browser
//!
//! alam finds people, places, organisations, nationalities, dates, numbers
//! and quotes in Arabic text. The same pure-Rust core runs natively (library
//! and CLI) and as WebAssembly.
//!
//! ```
//! let ex = alam::Extractor::new();
//! let text = "وصل الوفد إلى القاهرة يوم الثلاثاء.";
//! let doc = ex.extract(text);
//! for e in &doc.entities {
//!     // Spans are byte offsets into the original text.
//!     assert_eq!(&text[e.span.start..e.span.end], doc.slice(e.span));
//!     println!("{} {}", e.label, doc.slice(e.span));
//! }
//! assert!(doc.entities.iter().any(|e| doc.slice(e.span) == "القاهرة"));
//! ```
//!
//! The stages, one folder each, in the order they run (see
//! `ARCHITECTURE.md`): `text` (normalize, tokenize, clitics) → `lexicon`
//! (gazetteer, trigger words, the analysis of a chunk) → `rules` (candidates
//! from the gazetteer, dates, numbers, quotes) → `tagger` (the trained
//! model) → `output` (decoding, links, wire forms) → `wasm` (the JS binding).
//! The public API is [`Extractor`], [`Options`], the result types ([`Doc`],
//! [`Entity`], [`Quote`], [`Attrs`], [`Value`], [`Source`], [`Label`],
//! [`Span`], the wire form [`WireDoc`]) and [`Error`]; with feature `eval`
//! (on by default) [`eval`] scores an extractor on CoNLL data, and with
//! feature `train` `train` trains a model (see the README on retraining).

#![warn(missing_docs)]

mod doc;
mod error;
mod extractor;
mod lexicon;
mod output;
mod rules;
mod tagger;
mod text;

/// The JavaScript binding (wasm32 only): conversions, no logic. Hidden and
/// public only so that the wasm test suites can call its exports as Rust.
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

pub use doc::{Attrs, Doc, Entity, Label, Quote, Source, Value};
pub use error::{Error, ErrorKind};
pub use extractor::{Extractor, Options};
pub use output::wire::{Unit, WireDoc, WireEntity, WireQuote, WireSpan};
#[cfg(feature = "eval")]
pub use tagger::eval;
#[cfg(feature = "train")]
pub use tagger::train;
pub use text::span::Span;

/// Not part of the API: hidden from the docs, with no semver promise.
///
/// The benches (`benches/extract.rs` times each stage), the fuzz targets
/// (`fuzz/`: the model reader, normalization) and the integration tests of
/// single stages (`tests/`: quotes, links, the model format, the packed
/// wire form, the tagger's Viterbi) need the stages one by one. They reach
/// them through this one door, so that everything else stays private and
/// can change without breaking a user.
#[doc(hidden)]
pub mod internals {
    #[cfg(feature = "train")]
    pub use crate::lexicon::compile;
    pub use crate::lexicon::{analysis::Analysis, gazetteer::Gazetteer};
    pub use crate::output::decode::decode;
    pub use crate::output::link;
    pub use crate::output::wire::{attr, Packed};
    pub use crate::rules::{date, number, quote, starts};
    pub use crate::tagger::base::{hash_bytes, NTAGS};
    pub use crate::tagger::document::DocMemory;
    pub use crate::tagger::features::group;
    pub use crate::tagger::model;
    pub use crate::tagger::passes::Tagger;
    pub use crate::tagger::viterbi::{allowed, viterbi, Transitions};
    pub use crate::text::normalize::{self, Normalized};
    pub use crate::text::span::Utf16Cursor;

    /// The tagger of `ex`, if it has one.
    pub fn tagger(ex: &crate::Extractor) -> Option<&Tagger> {
        ex.tagger()
    }

    /// The gazetteer of `ex` (the embedded one).
    pub fn gazetteer(ex: &crate::Extractor) -> &'static Gazetteer {
        ex.gazetteer()
    }
}
