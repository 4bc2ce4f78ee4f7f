//! REGRESSION: one row per bug found (by fuzzing, property tests or hand),
//! kept forever. Each row runs `extract` and checks the offset invariant;
//! `want` lists (label, text) pairs that must be among the entities, and
//! `not` lists entity texts that must not appear.
//!
//! Add a row with every fix: what broke, the smallest input that showed it.

mod common;

struct Case {
    /// What went wrong, and where it was found.
    bug: &'static str,
    text: &'static str,
    want: &'static [(&'static str, &'static str)],
    not: &'static [&'static str],
}

const REGRESSION: &[Case] = &[Case {
    bug: "Urdu heh goal (U+06C1) was not folded to heh: لاہور missed (hostile.rs)",
    text: "پاکستان کے شہر لاہور میں",
    want: &[("LOC", "لاہور")],
    not: &[],
}];

#[test]
fn regression_table() {
    let ex = alam::Extractor::new();
    for c in REGRESSION {
        let doc = ex.extract(c.text);
        common::check_offsets(c.text, &doc);
        let got = common::pairs(&doc);
        for (label, text) in c.want {
            assert!(
                got.iter().any(|(l, t)| l == label && t == text),
                "{}: want {label} {text:?} in {got:?}",
                c.bug
            );
        }
        for text in c.not {
            assert!(
                !got.iter().any(|(_, t)| t == text),
                "{}: {text:?} must not be an entity, got {got:?}",
                c.bug
            );
        }
    }
}
