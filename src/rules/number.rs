//! CARDINAL, ORDINAL, PERCENT, MONEY and QUANTITY rules.

use crate::analysis::Analysis;
use crate::decode::Candidate;
use crate::gazetteer::Gazetteer;

/// Append numeric candidates of `a`.
pub fn find(_a: &Analysis<'_>, _gaz: &Gazetteer, _out: &mut Vec<Candidate>) {}
