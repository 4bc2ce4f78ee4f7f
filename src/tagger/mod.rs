//! Tagger: the trained model that finds the names the lists cannot.
//!
//! Takes the [`Analysis`](crate::lexicon::analysis::Analysis) of a chunk and
//! the gazetteer; gives `Source::Model` candidates (PER, LOC, ORG, MISC)
//! for decoding. Each token is summarised once ([`features`]: hashed
//! templates over its word, affixes, clitics, gazetteer bits and trigger
//! class), the weight rows of each word type are summed once per chunk
//! ([`memo`]), and three averaged-perceptron passes with Viterbi decoding
//! read them ([`passes`]): two first passes, then a second that also sees
//! what the document said of each form ([`document`]); Viterbi decoding
//! ([`viterbi`]) and the consistency of a name's mentions
//! ([`consistency`]) follow. The model file's format is
//! [`model`]; [`base`] holds what it shares with the features (the tag
//! set and the feature hash). Behind features: [`eval`] (CoNLL scoring
//! with bootstrap intervals, feature `eval`), [`train`] and `represent`
//! (word clusters learned from unlabelled text; both feature `train`).

pub(crate) mod base;
pub(crate) mod consistency;
pub(crate) mod document;
#[cfg(feature = "eval")]
pub mod eval;
pub(crate) mod features;
pub(crate) mod memo;
pub mod model;
pub(crate) mod passes;
#[cfg(feature = "train")]
pub mod represent;
#[cfg(feature = "train")]
pub mod train;
pub(crate) mod viterbi;
