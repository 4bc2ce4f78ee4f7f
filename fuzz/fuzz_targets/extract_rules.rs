//! The `extract` target without the tagger: gazetteer, date, number and quote
//! rules, links. Many times faster per input, so it reaches deeper into the
//! rules. Any bytes (lossy UTF-8) through `extract_with`: never a panic,
//! and every span obeys the offset invariant in bytes and in UTF-16 units;
//! the normalization alignment is monotonic and covers the original. Inputs
//! whose first byte has bit 7 set are repeated past the chunk size.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static EX: OnceLock<alam::Extractor> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let ex = EX.get_or_init(alam::Extractor::without_model);
    // The first byte picks the options; the rest is the text.
    let (opts, rest) = match data.split_first() {
        Some((&b, rest)) if b & 1 == 1 => (
            alam::Options::default()
                .with_reference_date(
                    ["2024-10-15", "2000-02-29", "1999-12-31"][(b as usize >> 1) % 3],
                )
                .expect("valid date"),
            rest,
        ),
        Some((_, rest)) => (alam::Options::default(), rest),
        None => (alam::Options::default(), data),
    };
    let text = String::from_utf8_lossy(rest);
    // Bit 7 of the first byte: repeat the text past the 32 KB chunk size,
    // joined by a separator that bits 4-5 pick, so chunk boundaries fall
    // everywhere inside it.
    let b = data.first().copied().unwrap_or(0);
    let text: std::borrow::Cow<'_, str> = if b & 0x80 != 0 && !text.is_empty() {
        let sep = ["", " ", "\n", "\u{200F}"][(b as usize >> 4) & 3];
        let unit = format!("{text}{sep}");
        unit.repeat(70_000 / unit.len() + 1).into()
    } else {
        text
    };
    let text: &str = &text;
    let doc = ex.extract_with(text, &opts);

    let mut prev = 0;
    for e in &doc.entities {
        assert!(e.span.start < e.span.end && e.span.end <= text.len());
        assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        assert!(e.span.start >= prev, "unsorted or overlapping");
        prev = e.span.end;
    }
    for q in &doc.quotes {
        assert!(q.span.start <= q.span.end && q.span.end <= text.len());
        assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
        for s in [q.speaker, q.cue].into_iter().flatten() {
            assert!(s.start <= s.end && s.end <= text.len());
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }
    let wire = doc.to_wire(alam::Unit::Utf16);
    let units: Vec<u16> = text.encode_utf16().collect();
    for (w, e) in wire.entities.iter().zip(&doc.entities) {
        assert_eq!(w.text, &text[e.span.start..e.span.end]);
        let back = String::from_utf16(&units[w.start..w.end]).expect("UTF-16 slice");
        assert_eq!(back, w.text);
    }
    for q in &wire.quotes {
        let back = String::from_utf16(&units[q.start..q.end]).expect("UTF-16 slice");
        assert_eq!(back, q.text);
    }

    // Normalization alignment: starts at 0, ends at len, monotonic, on char
    // boundaries.
    let n = alam::normalize::Normalized::new(text);
    let map = n.alignment();
    assert_eq!(map.len(), n.text.len() + 1);
    assert_eq!(*map.last().expect("end") as usize, text.len());
    if !n.text.is_empty() {
        assert_eq!(map[0], 0);
    }
    for w in map.windows(2) {
        assert!(w[0] <= w[1]);
    }
    for &m in map {
        assert!(text.is_char_boundary(m as usize));
    }
});
