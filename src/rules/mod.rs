//! Rule-based candidates: dates and times, numbers, quotes.

pub mod calendar;
pub mod date;
pub(crate) mod lex;
pub mod number;
pub mod quote;
