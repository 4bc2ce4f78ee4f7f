//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

pub mod json;

/// The reference article from ../shared. The tests that read it are
/// `#[ignore]`d, so that a checkout without ../shared never counts them as
/// passed; `scripts/test.sh` runs them with `--ignored` when it is there,
/// and here its absence is a failure, not a skip.
pub fn article() -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/article.txt");
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Check the offset invariant of every entity and quote of `doc`.
pub fn check_offsets(text: &str, doc: &alam::Doc<'_>) {
    let mut prev_end = 0;
    for e in &doc.entities {
        assert!(e.span.start < e.span.end, "empty span {e:?}");
        assert!(e.span.end <= text.len(), "span past the end {e:?}");
        assert!(
            text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end),
            "not on char boundaries {e:?}"
        );
        assert!(e.span.start >= prev_end, "overlapping or unsorted {e:?}");
        prev_end = e.span.end;
    }
    let wire = doc.to_wire(alam::Unit::Utf16);
    let units: Vec<u16> = text.encode_utf16().collect();
    for (w, e) in wire.entities.iter().zip(&doc.entities) {
        let s = String::from_utf16(&units[w.start..w.end]).expect("UTF-16 slice");
        assert_eq!(s, w.text, "UTF-16 slice differs");
        assert_eq!(w.text, &text[e.span.start..e.span.end]);
    }
    for q in &wire.quotes {
        let s = String::from_utf16(&units[q.start..q.end]).expect("UTF-16 slice");
        assert_eq!(s, q.text);
        if let Some(sp) = &q.speaker {
            let s = String::from_utf16(&units[sp.start..sp.end]).expect("UTF-16 slice");
            assert_eq!(s, sp.text);
        }
    }
}

/// (label, text) pairs of a document.
pub fn pairs(doc: &alam::Doc<'_>) -> Vec<(String, String)> {
    doc.entities
        .iter()
        .map(|e| (e.label.to_string(), doc.slice(e.span).to_string()))
        .collect()
}

/// A genealogical chain ("X بن Y بن Z ...") of distinct given names from
/// the gazetteer, about `bytes` long, on one line.
pub fn nasab(bytes: usize) -> String {
    let names: Vec<&str> = include_str!("../../data/gazetteer.tsv")
        .lines()
        .filter(|l| l.contains("\tGIVEN\t"))
        .filter_map(|l| l.split('\t').next())
        .filter(|k| !k.contains(' '))
        .collect();
    let mut t = String::from("قال الشيخ ");
    let mut i = 0;
    while t.len() < bytes {
        t.push_str(names[(i * 7919) % names.len()]);
        t.push_str(" بن ");
        i += 1;
    }
    t
}
