//! Candidates straight from the gazetteer: nationalities always; countries,
//! regions and large cities without the tagger (or alone on their line).

use crate::doc::Label;
use crate::doc::Source;
use crate::lexicon::analysis::Analysis;
use crate::lexicon::gazetteer::{Gazetteer, Kind};
use crate::rules::candidate::Candidate;
use crate::text::tokenize::TokenKind;

/// Do tokens `s..e` make up their whole line (trailing punctuation allowed)?
fn alone_on_line(a: &Analysis<'_>, s: usize, e: usize) -> bool {
    let starts = s == 0 || a.tokens[s].newline_before;
    let rest = a.tokens[e..]
        .iter()
        .take_while(|t| !t.newline_before)
        .all(|t| t.kind == TokenKind::Punct);
    starts && rest
}

/// Minimum population for a city to be tagged from the gazetteer alone.
const CITY_MIN_POP: u32 = 100_000;

/// Candidates straight from the gazetteer: nationality adjectives, and
/// countries, regions and large cities when `places` is set.
///
/// With the tagger loaded, places are left to it (`places` false): the
/// gazetteer still reaches it as features, and it tells the club "ليون", the
/// stock exchange "البورصة" or the newspaper "الشرق الأوسط" from the place.
/// Measured by 5-fold cross-validation on ANERcorp: micro F1 73.3 with places
/// as features only, 72.5 with places also proposed as candidates (see
/// data/MODEL_CARD.md). A place alone on its line (a dateline) is still
/// proposed: the tagger has no context there.
pub(crate) fn candidates(
    a: &Analysis<'_>,
    gaz: &Gazetteer,
    places: bool,
    out: &mut Vec<Candidate>,
) {
    for m in &a.gaz {
        let entries = gaz.entries_of(m);
        let best = entries.iter().find(|e| match e.kind {
            Kind::Country | Kind::Region => true,
            Kind::City => e.weight >= CITY_MIN_POP || e.attested,
            Kind::Nisba => true,
            _ => false,
        });
        let Some(e) = best else { continue };
        if e.kind != Kind::Nisba && !places && !alone_on_line(a, m.start, m.end) {
            continue;
        }
        let label = if e.kind == Kind::Nisba {
            Label::Norp
        } else {
            Label::Loc
        };
        let mut c = Candidate::new(m.start, m.end, label, Source::Gazetteer, 2);
        if !e.id.is_empty() {
            c.attrs.id = Some(e.id.to_string());
        }
        if !e.name_en.is_empty() {
            c.attrs.name_en = Some(e.name_en.to_string());
        }
        out.push(c);
    }
}
