//! Hand-computed alignment tables for Arabic normalization.

use alam::internals::Normalized;

/// For each case: original, normalized, and for each normalized char the
/// original text it maps to (its start up to the next char's start).
#[test]
fn alignment_table() {
    let cases: &[(&str, &str, &[&str])] = &[
        // trailing fatha belongs to the letter before it
        ("بَ", "ب", &["بَ"]),
        ("كتبَ", "كتب", &["ك", "ت", "بَ"]),
        // tatweel is absorbed into the letter before it
        ("مـحمد", "محمد", &["مـ", "ح", "م", "د"]),
        // hamza forms fold to bare alef, one char for one char
        ("أحمد", "احمد", &["أ", "ح", "م", "د"]),
        ("إلى", "الي", &["إ", "ل", "ى"]),
        // lam-alef ligature expands to two chars, both from the ligature
        ("ﻻ", "لا", &["ﻻ", "ﻻ"]),
        // Arabic-Indic and Persian digits
        ("٢٠٢٤", "2024", &["٢", "٠", "٢", "٤"]),
        ("۱۹", "19", &["۱", "۹"]),
        // ta marbuta, alef maqsura
        ("مدينة", "مدينه", &["م", "د", "ي", "ن", "ة"]),
        // leading marks are absorbed into the first kept char
        ("\u{200F}ب", "ب", &["\u{200F}ب"]),
        // a bidi mark between letters belongs to the letter before it
        ("ب\u{200F}ت", "بت", &["ب\u{200F}", "ت"]),
        // Arabic decimal separator and percent sign
        ("١٫٥٪", "1.5%", &["١", "٫", "٥", "٪"]),
    ];
    for &(orig, norm, pieces) in cases {
        let n = Normalized::new(orig);
        assert_eq!(n.text, norm, "{orig:?}");
        let starts: Vec<usize> = n.text.char_indices().map(|(i, _)| i).collect();
        assert_eq!(starts.len(), pieces.len(), "{orig:?}");
        for (k, &i) in starts.iter().enumerate() {
            let next = starts.get(k + 1).copied().unwrap_or(n.text.len());
            let (a, b) = (n.orig(i), n.orig(next));
            // Expanded chars share one original range.
            let got = if a == b {
                &orig[a..a + orig[a..].chars().next().map_or(0, char::len_utf8)]
            } else {
                &orig[a..b]
            };
            assert_eq!(got, pieces[k], "{orig:?} char {k}");
        }
    }
}

#[test]
fn alignment_is_monotonic_and_total() {
    let s = "\u{200F}مُحَمَّدٌ ـ ﻻ ٢٠٢٤ 😀\u{200D}😀";
    let n = Normalized::new(s);
    let a = n.alignment();
    assert_eq!(a.len(), n.text.len() + 1);
    assert_eq!(a[0], 0);
    assert_eq!(*a.last().unwrap() as usize, s.len());
    assert!(a.windows(2).all(|w| w[0] <= w[1]));
}
