//! Quotations and their speakers.

use crate::analysis::Analysis;
use crate::doc::{Entity, Quote};

/// Append the quotes of `a` (a chunk starting at byte `base` of the document).
pub fn find(_a: &Analysis<'_>, _entities: &[Entity], _base: usize, _out: &mut Vec<Quote>) {}
