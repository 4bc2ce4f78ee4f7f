//! The offset invariant: every span slices back to its entity's text, in
//! bytes and in UTF-16 units, after emoji, diacritics, tatweel, bidi marks,
//! compatibility forms and with proclitics outside the span.

mod common;
use common::{check_offsets, pairs};

fn run(text: &str) -> Vec<(String, String)> {
    let ex = alam::Extractor::new();
    let doc = ex.extract(text);
    check_offsets(text, &doc);
    pairs(&doc)
}

fn has(p: &[(String, String)], label: &str, text: &str) -> bool {
    p.iter().any(|(l, t)| l == label && t == text)
}

#[test]
fn emoji_first() {
    let t = "😀 زرت القاهرة";
    let doc = alam::Extractor::new().extract(t);
    check_offsets(t, &doc);
    let w = doc.to_wire(alam::Unit::Utf16);
    let e = w
        .entities
        .iter()
        .find(|e| e.text == "القاهرة")
        .expect("القاهرة found");
    assert_eq!((e.start, e.end), (7, 14));
}

#[test]
fn table() {
    // (text, label, entity text)
    let cases: &[(&str, &str, &str)] = &[
        ("وصلنا إلى القاهرة", "LOC", "القاهرة"),
        ("وصلنا إلى القاهرةِ أمس", "LOC", "القاهرةِ"),
        ("زرنا القــاهرة", "LOC", "القــاهرة"),
        ("زرنا \u{200F}القاهرة\u{200F} أمس", "LOC", "القاهرة"),
        ("زرنا \u{2067}القاهرة\u{2069}", "LOC", "القاهرة"),
        ("وأذربيجان بلد", "LOC", "أذربيجان"),
        ("سافر لأوكرانيا", "LOC", "أوكرانيا"),
        ("وبالقاهرة", "LOC", "القاهرة"),
        ("فتركيا", "LOC", "تركيا"),
        ("🇹🇷 تركيا 👍🏽 ومصر", "LOC", "مصر"),
        ("مَصْرُ", "LOC", "مَصْرُ"),
        ("الوفد التركيّ", "NORP", "التركيّ"),
        ("\u{feff}تركيا", "LOC", "تركيا"),
        ("تركيا\r\nمصر", "LOC", "مصر"),
    ];
    for &(text, label, want) in cases {
        let p = run(text);
        assert!(
            has(&p, label, want),
            "{text:?}: want {label} {want:?}, got {p:?}"
        );
    }
}

#[test]
fn entity_never_starts_with_a_proclitic() {
    for text in [
        "وتركيا",
        "فروسيا",
        "وبتركيا",
        "لروسيا",
        "ولموسكو",
        "وبموسكو",
        "كتركيا",
    ] {
        let p = run(text);
        assert_eq!(p.len(), 1, "{text}: {p:?}");
        let t = &p[0].1;
        assert!(t == "تركيا" || t == "روسيا" || t == "موسكو", "{text}: {t}");
    }
}
