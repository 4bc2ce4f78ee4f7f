//! REGRESSION: one row per bug found (by fuzzing, property tests or hand),
//! kept forever. Each row runs `extract` and checks the offset invariant;
//! `want` lists (label, text) pairs that must be among the entities, and
//! `not` lists entity texts that must not appear.
//!
//! Add a row with every fix: what broke, the smallest input that showed it.

mod common;

mod peak;
use peak::peak_bytes;

struct Case {
    /// What went wrong, and where it was found.
    bug: &'static str,
    /// Run with the shipped model (else gazetteer and rules only, so that a
    /// retrained model cannot change what the row checks).
    model: bool,
    text: &'static str,
    want: &'static [(&'static str, &'static str)],
    not: &'static [&'static str],
}

const REGRESSION: &[Case] = &[
    Case {
        bug: "Urdu heh goal (U+06C1) was not folded to heh: لاہور missed (hostile.rs)",
        model: false,
        text: "پاکستان کے شہر لاہور میں",
        want: &[("LOC", "لاہور")],
        not: &[],
    },
    // New rows go here.
];

#[test]
fn regression_table() {
    let full = alam::Extractor::new();
    let light = alam::Extractor::without_model();
    for c in REGRESSION {
        // The invariant holds either way.
        common::check_offsets(c.text, &full.extract(c.text));
        let ex = if c.model { &full } else { &light };
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

/// model::write cuts the info text at 65,535 bytes, which can fall inside a
/// UTF-8 character; the model it writes is then refused by `from_bytes`
/// ("model info is not UTF-8"). Found reading src/model.rs; owned by the
/// model engineer (the fix: cut at a char boundary). Ignored until fixed so
/// the suite stays green: `cargo test --test regressions -- --ignored`.
#[test]
fn model_with_long_info_loads() {
    use alam::internals::NTAGS;
    let st = alam::internals::model::StageData {
        groups: 0,
        scale: 1.0,
        trans: vec![0; (NTAGS + 1) * NTAGS],
        weights: vec![0; 256 * NTAGS],
    };
    let m = alam::internals::model::write(8, &"é".repeat(40_000), &[], &[st]);
    assert!(alam::Extractor::from_bytes(&m).is_ok());
}

/// Peak memory stays linear with a small factor. Ordinary prose peaks near
/// 25 bytes per input byte; a long "بن" chain peaked near 700: the shipped
/// tagger tags chains of up to ~1,800 words as one PER, and link::cluster
/// indexes a PER mention under each of its distinct words with a copy of
/// all its words (quadratic in the mention's length; `seen.contains` is
/// quadratic in time too). 1 MB of such text took 760 MB RSS natively; a
/// 10 MB paste would exhaust a browser's 4 GB WASM memory. Owned by the link
/// engineer (fixed: only PER mentions of 2..=8 words are indexed, each stored
/// once) and the tagger engineer (a PER of hundreds of words is never right).
#[test]
fn long_person_chains_keep_memory_linear() {
    let ex = alam::Extractor::new();
    let prose = "وقال وزير الخارجية في مؤتمر صحفي بالقاهرة إن الوفد سيزور الرياض. ".repeat(4_000);
    let (p_prose, _) = peak_bytes(|| ex.extract(&prose).entities.len());
    let t = common::nasab(250_000) + "علي";
    let (p_nasab, n) = peak_bytes(|| ex.extract(&t).entities.len());
    println!(
        "peak bytes per input byte: prose {:.0}, nasab {:.0} ({n} entities)",
        p_prose as f64 / prose.len() as f64,
        p_nasab as f64 / t.len() as f64
    );
    assert!(
        p_nasab <= 100 * t.len(),
        "{p_nasab} peak bytes for {} input bytes",
        t.len()
    );
}

/// The same chains complete and keep the invariant.
#[test]
fn long_person_chains_complete() {
    let t = common::nasab(20_000) + "علي";
    let doc = alam::Extractor::new().extract(&t);
    common::check_offsets(&t, &doc);
}
