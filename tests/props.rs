//! Property tests: whatever the text, `extract` answers, and every answer
//! keeps the offset invariant.
//!
//! The generators are biased to what pages and pasted text hold: Arabic
//! letters and gazetteer words with clitics, diacritics and tatweel, digits
//! in three scripts, emoji and ZWJ sequences, bidi and zero-width controls,
//! presentation forms, Persian and Urdu letters, CR/LF, and any char at all.
//! Case counts stay moderate so a debug `cargo test` stays quick; the fuzz
//! targets in fuzz/ run the same checks for much longer.

mod common;

use alam::internals::Normalized;
use alam::internals::Utf16Cursor;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use std::sync::OnceLock;

fn ex() -> &'static alam::Extractor {
    static EX: OnceLock<alam::Extractor> = OnceLock::new();
    EX.get_or_init(alam::Extractor::new)
}

/// Keys of the shipped gazetteer (normalized forms), every 7th one, so that
/// generated text holds real names and the later stages run.
fn gaz_keys() -> &'static [&'static str] {
    static KEYS: OnceLock<Vec<&'static str>> = OnceLock::new();
    KEYS.get_or_init(|| {
        include_str!("../data/gazetteer.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
            .step_by(7)
            .collect()
    })
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        // A failing case goes into tests/regressions.rs by hand, not into a
        // file beside the test.
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        ..Config::default()
    }
}

/// Characters by class, weighted toward the troublesome ones.
fn any_char() -> impl Strategy<Value = String> {
    let from = |s: &'static [char]| proptest::sample::select(s).prop_map(String::from);
    prop_oneof![
        // Arabic letters, hamza forms, alef maqsura, teh marbuta.
        12 => (0x0621u32..=0x064A).prop_map(|c| char::from_u32(c).map(String::from).unwrap_or_default()),
        // Tashkeel, superscript alef, Quranic marks, tatweel.
        6 => from(&['\u{064B}', '\u{064C}', '\u{064D}', '\u{064E}', '\u{064F}', '\u{0650}',
                    '\u{0651}', '\u{0652}', '\u{0653}', '\u{0654}', '\u{0655}', '\u{0670}',
                    '\u{06D6}', '\u{06ED}', '\u{0640}']),
        // Proclitics and the article.
        4 => from(&['و', 'ف', 'ب', 'ك', 'ل', 'س']),
        2 => Just("ال".to_string()),
        // Digits in three scripts and their separators.
        4 => from(&['0', '1', '5', '9', '٠', '١', '٢', '٩', '۰', '۱', '۴', '۹', '٫', '٬', '٪',
                    '.', ',', '%']),
        // Emoji, modifiers, flags, ZWJ sequences, variation selectors.
        3 => proptest::sample::select(&["😀", "👍🏽", "🇹🇷", "👨\u{200D}👩\u{200D}👧", "\u{200D}", "\u{FE0F}", "❤\u{FE0F}",
                    "🏳\u{FE0F}\u{200D}🌈", "\u{1F3FD}"][..]).prop_map(String::from),
        // Bidi marks, isolates, embeddings, zero-width, BOM, soft hyphen.
        4 => from(&['\u{200E}', '\u{200F}', '\u{061C}', '\u{2066}', '\u{2067}', '\u{2068}',
                    '\u{2069}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}',
                    '\u{200B}', '\u{200C}', '\u{200D}', '\u{FEFF}', '\u{00AD}', '\u{2060}']),
        // Whitespace and line breaks.
        6 => from(&[' ', ' ', '\n', '\r', '\t', '\u{00A0}', '\u{2028}', '\u{2029}', '\u{3000}',
                    '\0', '\u{0085}', '\u{000B}']),
        // Punctuation, quotes, brackets.
        4 => from(&['،', '؛', '؟', '.', ',', ':', '"', '«', '»', '“', '”', '‘', '’', '\'', '(',
                    ')', '-', '—', '/', '!']),
        // Persian and Urdu letters.
        3 => from(&['پ', 'چ', 'ژ', 'گ', 'ک', 'ی', 'ے', 'ہ', 'ۃ', 'ٹ', 'ڈ', 'ڑ', 'ں', 'ھ', 'ۓ']),
        // Presentation forms and ligatures that expand under NFKC.
        2 => from(&['ﻻ', 'ﷲ', 'ﷺ', 'ﷻ', 'ﺍ', 'ﻷ', 'ﭐ', '\u{FDFD}', '\u{FE70}', '\u{FE71}', 'Ａ',
                    '１', '\u{FDD0}', '\u{FDFF}']),
        // Latin, Latin combining marks.
        2 => from(&['a', 'Z', 'é', '\u{0301}', '\u{0300}', 'ß', 'İ']),
        // Anything at all.
        2 => any::<char>().prop_map(String::from),
    ]
}

/// A word from the gazetteer, maybe behind proclitics, maybe with tashkeel
/// or tatweel inside.
fn gaz_word() -> impl Strategy<Value = String> {
    (
        proptest::sample::select(gaz_keys()),
        proptest::sample::select(&["", "", "و", "ف", "ب", "ل", "وب", "ول", "فب", "ك"][..]),
        proptest::option::of(proptest::sample::select(
            &['\u{064E}', '\u{0651}', '\u{0640}', '\u{200F}'][..],
        )),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(key, pro, mark, at)| {
            let mut w = String::from(pro);
            let chars: Vec<char> = key.chars().collect();
            let k = at.index(chars.len() + 1);
            for (i, c) in chars.iter().enumerate() {
                if i == k {
                    if let Some(m) = mark {
                        w.push(m);
                    }
                }
                w.push(*c);
            }
            w
        })
}

/// Text: a sequence of pieces, mostly separated like words.
fn text() -> impl Strategy<Value = String> {
    let sep = proptest::sample::select(
        &[
            " ",
            " ",
            " ",
            "",
            "  ",
            "\r\n",
            "\n",
            " \u{200F}",
            "\u{2067}",
            "\u{2069} ",
            "، ",
        ][..],
    );
    let piece = prop_oneof![
        6 => any_char(),
        4 => (gaz_word(), sep.clone()).prop_map(|(w, s)| w + s),
        2 => sep.prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..160).prop_map(|v| v.concat())
}

/// Every check an answer must pass.
fn check(text: &str) {
    let doc = ex().extract(text);
    common::check_offsets(text, &doc);
    for e in &doc.entities {
        let t = doc.slice(e.span);
        let first = t.chars().next().expect("non-empty entity");
        let last = t.chars().next_back().expect("non-empty entity");
        assert!(
            !first.is_whitespace() && !alam::internals::normalize::is_invisible_mark(first),
            "entity starts with a space or an invisible mark: {t:?}"
        );
        assert!(
            !last.is_whitespace() && !alam::internals::normalize::is_invisible_mark(last),
            "entity ends with a space or an invisible mark: {t:?}"
        );
    }
    let mut prev = 0;
    for q in &doc.quotes {
        assert!(
            q.span.start <= q.span.end && q.span.end <= text.len(),
            "{q:?}"
        );
        assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
        assert!(q.span.start >= prev, "quotes unsorted {q:?}");
        prev = q.span.start;
        for s in [q.speaker, q.cue].into_iter().flatten() {
            assert!(s.start <= s.end && s.end <= text.len(), "{q:?}");
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }
    // Byte offsets in the wire form are the spans themselves.
    let wire = doc.to_wire(alam::Unit::Byte);
    for (w, e) in wire.entities.iter().zip(&doc.entities) {
        assert_eq!((w.start, w.end), (e.span.start, e.span.end));
    }
}

/// The alignment of `Normalized` for `text`: one entry per normalized byte
/// plus the end, monotonic, on char boundaries of the original, starting at 0
/// and ending at the original length (no gaps at either end); each group of
/// normalized chars that map to one original range is what that range
/// normalizes to on its own (normalization is local).
fn check_alignment(text: &str) {
    let n = Normalized::new(text);
    let map = n.alignment();
    assert_eq!(map.len(), n.text.len() + 1);
    assert_eq!(*map.last().expect("end entry") as usize, text.len());
    if n.text.is_empty() {
        return;
    }
    assert_eq!(map[0], 0, "the first normalized char starts the original");
    for w in map.windows(2) {
        assert!(w[0] <= w[1], "alignment not monotonic");
    }
    for (i, _) in n.text.char_indices() {
        assert!(text.is_char_boundary(map[i] as usize));
    }
    // Bytes of one normalized char share one entry.
    for (i, c) in n.text.char_indices() {
        for j in i..i + c.len_utf8() {
            assert_eq!(map[j], map[i]);
        }
    }
    let mut i = 0;
    while i < n.text.len() {
        let mut j = i;
        while j < n.text.len() && map[j] == map[i] {
            j += 1;
        }
        let (a, b) = (map[i] as usize, map[j] as usize);
        assert!(a < b, "an original range of zero length at {a}");
        assert_eq!(
            Normalized::new(&text[a..b]).text,
            &n.text[i..j],
            "group {a}..{b} of {text:?}"
        );
        i = j;
    }
    // Every normalized range maps back inside the original, ordered.
    let (s, e) = n.to_original(text, 0, n.text.len());
    assert!(s <= e && e <= text.len());
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn extract_keeps_the_invariant(t in text()) {
        check(&t);
    }

    #[test]
    fn extract_any_string(t in any::<String>()) {
        check(&t);
    }

    #[test]
    fn alignment_is_monotonic_and_covers(t in text()) {
        check_alignment(&t);
    }

    #[test]
    fn normalization_is_idempotent(t in text()) {
        let once = Normalized::new(&t).text;
        let twice = Normalized::new(&once).text;
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn to_original_is_inside_and_ordered(t in text(), a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>()) {
        let n = Normalized::new(&t);
        let bounds: Vec<usize> = n.text.char_indices().map(|(i, _)| i).chain([n.text.len()]).collect();
        let (mut x, mut y) = (bounds[a.index(bounds.len())], bounds[b.index(bounds.len())]);
        if x > y {
            std::mem::swap(&mut x, &mut y);
        }
        let (s, e) = n.to_original(&t, x, y);
        prop_assert!(s <= e && e <= t.len());
        prop_assert!(t.is_char_boundary(s) && t.is_char_boundary(e));
    }

    #[test]
    fn utf16_cursor_matches_encode_utf16(t in text(), picks in proptest::collection::vec(any::<prop::sample::Index>(), 0..20)) {
        let bounds: Vec<usize> = t.char_indices().map(|(i, _)| i).chain([t.len()]).collect();
        let mut cur = Utf16Cursor::new(&t);
        // Increasing and then arbitrary order (the cursor restarts).
        let mut offs: Vec<usize> = picks.iter().map(|p| bounds[p.index(bounds.len())]).collect();
        let mut sorted = offs.clone();
        sorted.sort_unstable();
        offs.splice(0..0, sorted);
        for b in offs {
            prop_assert_eq!(cur.at(b), t[..b].encode_utf16().count());
        }
    }

    /// A JS string may hold lone surrogates; the binding receives it with each
    /// one replaced by U+FFFD (one unit for one unit), so UTF-16 offsets of
    /// the received text are offsets into the page's string.
    #[test]
    fn lone_surrogates_keep_utf16_offsets(
        units in proptest::collection::vec(prop_oneof![
            4 => 0x0621u16..=0x064A,
            2 => Just(0x0020u16),
            1 => 0xD800u16..=0xDFFF,
            1 => Just(0xD83Du16),
            1 => Just(0xDE00u16),
            1 => any::<u16>(),
        ], 0..300),
        key in proptest::sample::select(gaz_keys()),
    ) {
        let mut units = units;
        units.push(0x20);
        units.extend(key.encode_utf16());
        let text = String::from_utf16_lossy(&units);
        prop_assert_eq!(text.encode_utf16().count(), units.len());
        let doc = ex().extract(&text);
        common::check_offsets(&text, &doc);
        let wire = doc.to_wire(alam::Unit::Utf16);
        for e in &wire.entities {
            // Where the page's string has no lone surrogate, the slice of the
            // page's string is the entity text.
            if let Ok(s) = String::from_utf16(&units[e.start..e.end]) {
                prop_assert_eq!(s.as_str(), e.text);
            }
        }
    }
}

proptest! {
    // Texts past the 32 KB chunk size: fewer cases, each one larger.
    #![proptest_config(config(12))]

    #[test]
    fn extract_across_chunk_boundaries(
        t in text(),
        reps in 250usize..700,
        sep in proptest::sample::select(&["", " ", "\n", "\u{200F}", "\u{064E}", "\r\n"][..]),
    ) {
        let mut big = String::with_capacity((t.len() + sep.len()) * reps);
        for _ in 0..reps {
            big.push_str(&t);
            big.push_str(sep);
        }
        check(&big);
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Any string as a reference date: `Ok` or a clear `Err`, never a panic.
    #[test]
    fn reference_date_parses_or_errs(s in "\\PC{0,12}|[-+0-9]{0,5}-[-+0-9]{0,3}-[-+0-9]{0,3}") {
        match alam::Options::default().with_reference_date(&s) {
            Ok(o) => prop_assert!(o.reference_date.is_some()),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    /// Relative dates resolve against any valid reference date, including
    /// the ends of the calendar, without panicking.
    #[test]
    fn extreme_reference_dates(y in prop_oneof![Just(0i32), Just(1), Just(9999), 0i32..=9999], m in 1u32..=12, d in 1u32..=31, t in text()) {
        let iso = format!("{y:04}-{m:02}-{d:02}");
        if let Ok(opts) = alam::Options::default().with_reference_date(&iso) {
            let text = format!("{t} أمس واليوم وغدا العام الماضي والشهر المقبل والأسبوع القادم قبل يومين بعد 3 أيام في 29 فبراير الثلاثاء الماضي {t}");
            let doc = ex().extract_with(&text, &opts);
            common::check_offsets(&text, &doc);
        }
    }
}
