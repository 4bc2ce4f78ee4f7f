//! The trained sequence tagger (PER, LOC, ORG, MISC).

use crate::analysis::Analysis;
use crate::decode::Candidate;
use crate::error::{Error, ErrorKind};
use crate::gazetteer::Gazetteer;

/// What the tagger remembers across the chunks of one document
/// (names already tagged, for document-level consistency).
#[derive(Debug, Default)]
pub struct DocMemory {}

/// A loaded tagger model.
#[derive(Debug)]
pub struct Tagger {}

impl Tagger {
    /// The model embedded in the crate, if one is shipped.
    pub fn embedded() -> Option<Tagger> {
        None
    }

    /// Load and validate a model.
    pub fn from_bytes(_bytes: &[u8]) -> Result<Tagger, Error> {
        Err(Error::new(
            ErrorKind::InvalidModel,
            "model bytes are not an alam model",
        ))
    }

    /// Append the tagger's candidates for `a`.
    pub fn tag(
        &self,
        _a: &Analysis<'_>,
        _gaz: &Gazetteer,
        _mem: &mut DocMemory,
        _out: &mut Vec<Candidate>,
    ) {
    }
}
