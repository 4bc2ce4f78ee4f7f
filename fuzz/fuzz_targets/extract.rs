//! Any bytes (made UTF-8 the way a browser does: invalid sequences become
//! U+FFFD) through `extract` (with the shipped model; `extract_rules` runs
//! without it, many times faster, to reach deep into the rules): never a panic, and every span obeys the offset
//! invariant in bytes and in UTF-16 units; the normalization alignment is
//! monotonic and covers the original.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
use std::sync::OnceLock;

static EX: OnceLock<alam::Extractor> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let ex = EX.get_or_init(alam::Extractor::new);
    let (opts, rest) = common::options(data);
    let text = String::from_utf8_lossy(rest);
    let text: &str = &text;
    let doc = ex.extract_with(text, &opts);

    common::check(text, &doc);
});
