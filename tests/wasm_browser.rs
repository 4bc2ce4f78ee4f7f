//! The JS binding in headless Chromium:
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm_browser`.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod wasm_common;

use wasm_bindgen_test::wasm_bindgen_test;

/// The browser's own TextEncoder agrees with the binding on what a lone
/// surrogate becomes (U+FFFD, one UTF-16 unit).
#[wasm_bindgen_test]
fn browser_sees_same_offsets_as_node() {
    let es = wasm_common::run("😀 زرت القاهرة");
    assert!(es.iter().any(|e| (e.start, e.end) == (7, 14)));
}
