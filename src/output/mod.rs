//! Output: the last stage, from candidates to what the caller receives.
//!
//! Takes the candidates of the rules and the tagger over an
//! [`Analysis`](crate::lexicon::analysis::Analysis); gives sorted,
//! non-overlapping [`Entity`](crate::Entity) spans in bytes of the original
//! text ([`decode`]), then links them to canonical ids and clusters their
//! mentions over the whole document ([`link`]), and writes the wire forms
//! the CLI and the JS binding send ([`wire`]: JSON-ready with offsets in
//! UTF-16, bytes or chars, and the packed numbers `objects.js` reads).

pub(crate) mod decode;
pub mod link;
pub(crate) mod wire;
