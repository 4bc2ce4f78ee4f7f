//! The end-to-end acceptance checks on the reference article
//! (../shared/seed/article.txt). `#[ignore]`d: `scripts/test.sh` runs them
//! with `--ignored article_` only when ../shared is there.

mod common;
use common::{article, check_offsets};

/// Count the occurrences of `word` in `text` that stand as a word or after
/// one of the proclitics و ف ب ل (with ل+ال handled by the caller).
fn mentions(text: &str, word: &str) -> usize {
    let mut n = 0;
    for (i, _) in text.match_indices(word) {
        let before = text[..i]
            .chars()
            .rev()
            .take_while(|c| "وفبلك".contains(*c))
            .count();
        let start_ok = text[..i]
            .chars()
            .rev()
            .nth(before)
            .is_none_or(|c| !c.is_alphabetic());
        let after = text[i + word.len()..].chars().next();
        let end_ok = after.is_none_or(|c| !c.is_alphabetic());
        if start_ok && end_ok {
            n += 1;
        }
    }
    n
}

#[test]
#[ignore = "needs ../shared: scripts/test.sh runs it with --ignored when ../shared is there"]
fn article_places_and_nationalities() {
    let text = article();
    let doc = alam::Extractor::new().extract(&text);
    check_offsets(&text, &doc);
    let found = |label: &str, t: &str| {
        doc.entities
            .iter()
            .filter(|e| e.label.as_str() == label && doc.slice(e.span) == t)
            .count()
    };
    // Every mention of every country and city, the dateline included.
    for place in [
        "تركيا",
        "أذربيجان",
        "أرمينيا",
        "روسيا",
        "أوكرانيا",
        "أنقرة",
        "انقرة",
        "باكو",
        "يريفان",
        "موسكو",
        "واشنطن",
    ] {
        let want = mentions(&text, place);
        assert!(want > 0, "{place} is in the article");
        assert_eq!(found("LOC", place), want, "LOC {place}");
    }
    for adj in ["التركي", "الأذربيجاني", "الأمريكي", "الروسي", "الأرمنية"]
    {
        assert!(found("NORP", adj) >= 1, "NORP {adj}");
    }
    // The dateline is the first entity.
    assert_eq!(doc.slice(doc.entities[0].span), "انقرة");
}

#[test]
#[ignore = "needs ../shared: scripts/test.sh runs it with --ignored when ../shared is there"]
fn article_dates() {
    let text = article();
    let doc = alam::Extractor::new().extract(&text);
    let dates: Vec<&str> = doc
        .entities
        .iter()
        .filter(|e| e.label == alam::Label::Date)
        .map(|e| doc.slice(e.span))
        .collect();
    assert_eq!(
        dates.iter().filter(|d| **d == "الثلاثاء").count(),
        mentions(&text, "الثلاثاء"),
        "{dates:?}"
    );
    assert!(
        dates.contains(&"يوليو/تموز"),
        "paired month as one DATE: {dates:?}"
    );
    assert!(dates.iter().any(|d| d.contains("التسعينيات")), "{dates:?}");
    for y in ["2020", "2023", "2022"] {
        assert!(dates.iter().any(|d| d.contains(y)), "year {y}: {dates:?}");
    }
}

#[test]
#[ignore = "needs ../shared: scripts/test.sh runs it with --ignored when ../shared is there"]
fn article_entities_are_sorted_and_disjoint_in_jsonl_too() {
    let text = article();
    let ex = alam::Extractor::new();
    for line in text.lines() {
        let doc = ex.extract(line);
        check_offsets(line, &doc);
    }
}
