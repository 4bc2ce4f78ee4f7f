//! DATE and TIME rules.

use crate::analysis::Analysis;
use crate::decode::Candidate;
use crate::gazetteer::Gazetteer;
use crate::Options;

/// Append date and time candidates of `a`.
pub fn find(_a: &Analysis<'_>, _gaz: &Gazetteer, _opts: &Options, _out: &mut Vec<Candidate>) {}
