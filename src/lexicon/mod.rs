//! Lexicon: what alam knows of words before reading any context.
//!
//! Takes the [`text`](crate::text) stage's tokens and segments; gives the
//! [`Analysis`](analysis::Analysis) of a chunk — its tokens, segments and
//! gazetteer matches — that every later stage reads. Holds the compiled
//! gazetteer ([`gazetteer`], built from `data/gazetteer.tsv`, which
//! `alam compile-gazetteer` writes from `../shared`: [`compile`], feature
//! `train`) and the trigger words several stages share ([`words`]).

pub(crate) mod analysis;
#[cfg(feature = "train")]
pub mod compile;
pub(crate) mod gazetteer;
pub(crate) mod words;
