//! Candidates: what the gazetteer and the rules propose before the tagger.
//!
//! Takes an [`Analysis`](crate::lexicon::analysis::Analysis) (and, for
//! quotes, the decoded entities); gives [`Candidate`](candidate::Candidate)s
//! over its tokens — places and nationalities from the gazetteer
//! ([`places`]), dates and times with TIMEX3 values ([`date`], on the Umm
//! al-Qura and Gregorian calendars of [`calendar`]), numbers, money,
//! percentages and quantities with their values ([`number`]) — and, after
//! decoding, quotations with their speakers ([`quote`]). [`lex`] holds the
//! word views the date and number rules share, [`starts`] their
//! prefilter.

pub(crate) mod calendar;
pub(crate) mod candidate;
pub mod date;
pub(crate) mod lex;
pub mod number;
pub(crate) mod places;
pub mod quote;
pub mod starts;
