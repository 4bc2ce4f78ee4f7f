//! Rule-based candidates: dates and times, numbers, quotes.

pub mod date;
pub mod number;
pub mod quote;
