//! Any bytes as a model: `Extractor::from_bytes` returns `Ok` or `Err`, never
//! panics or aborts; a model that loads extracts without panicking and keeps
//! the offset invariant.
//!
//! The first byte picks the mode. Even: the rest goes in as it is (the
//! checksum rejects nearly all of it, as it should). Odd: the total length
//! and the checksum are patched first, so the fuzzer reaches the layout
//! checks and the tagger behind them.
#![no_main]

use libfuzzer_sys::fuzz_target;

const TEXTS: [&str; 3] = [
    "قال الرئيس أحمد بن علي في القاهرة يوم 15 مارس 2024: «سنزور تركيا» ✓ وبالرياض.",
    "و و و و «« \u{200F}مصر\u{200F} 😀\r\nفتركيا ١٢٣ شركة أرامكو السعودية، والأمم المتحدة",
    "",
];

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let mut bytes = rest.to_vec();
    if mode & 1 == 1 && bytes.len() >= 28 {
        let total = bytes.len() as u32;
        bytes[16..20].copy_from_slice(&total.to_le_bytes());
        let n = bytes.len() - 8;
        let sum = alam::internals::hash_bytes(&bytes[..n]);
        bytes[n..].copy_from_slice(&sum.to_le_bytes());
    }
    let ex = match alam::Extractor::from_bytes(&bytes) {
        Ok(ex) => ex,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    for text in TEXTS {
        let doc = ex.extract(text);
        let mut prev = 0;
        for e in &doc.entities {
            assert!(e.span.start < e.span.end && e.span.end <= text.len());
            assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
            assert!(e.span.start >= prev);
            prev = e.span.end;
        }
        let wire = doc.to_wire(alam::Unit::Utf16);
        let units: Vec<u16> = text.encode_utf16().collect();
        for w in &wire.entities {
            let back = String::from_utf16(&units[w.start..w.end]).expect("UTF-16 slice");
            assert_eq!(back, w.text);
        }
    }
});
