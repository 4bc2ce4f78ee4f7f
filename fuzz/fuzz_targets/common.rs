//! What both `extract` targets share: options from the first byte, and the
//! invariants every result must keep.

/// The first byte picks the options (bit 0: a reference date, bits 1-2:
/// which); the rest is the text.
pub fn options(data: &[u8]) -> (alam::Options, &[u8]) {
    match data.split_first() {
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
    }
}

/// Spans sorted, disjoint, on char boundaries and inside `text`; UTF-16
/// offsets slice back to the same text; the normalization alignment is
/// monotonic and covers the original.
pub fn check(text: &str, doc: &alam::Doc<'_>) {
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
    let n = alam::internals::Normalized::new(text);
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
}
