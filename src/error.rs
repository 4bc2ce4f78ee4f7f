//! The crate's error type.

use std::fmt;

/// What went wrong. Opaque on purpose: match on [`Error::kind`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    msg: String,
}

/// Broad classes of errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Model bytes are not an alam model, are truncated or corrupt.
    InvalidModel,
    /// Model bytes are an alam model of another format version.
    ModelVersion,
    /// A gazetteer given at run time is not one, or one is installed already.
    InvalidGazetteer,
    /// An option was out of range or malformed.
    InvalidOption,
    /// Input was not valid (for example not UTF-8).
    InvalidInput,
    /// Reading or writing failed.
    Io,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, msg: impl Into<String>) -> Self {
        Error {
            kind,
            msg: msg.into(),
        }
    }

    /// The class of this error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg)
    }
}

impl std::error::Error for Error {}
