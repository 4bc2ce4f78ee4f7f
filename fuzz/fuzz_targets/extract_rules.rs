//! The `extract` target without the tagger: gazetteer, date, number and quote
//! rules, links. Many times faster per input, so it reaches deeper into the
//! rules. Any bytes (lossy UTF-8) through `extract_with`: never a panic,
//! and every span obeys the offset invariant in bytes and in UTF-16 units;
//! the normalization alignment is monotonic and covers the original. Inputs
//! whose first byte has bit 7 set are repeated past the chunk size.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
use std::sync::OnceLock;

static EX: OnceLock<alam::Extractor> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let ex = EX.get_or_init(alam::Extractor::without_model);
    let (opts, rest) = common::options(data);
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

    common::check(text, &doc);
});
