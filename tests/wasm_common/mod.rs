//! Cases shared by the wasm test suites (Node: wasm_node.rs, headless
//! Chromium: wasm_browser.rs). They call the binding exactly as JS does:
//! JS values in, plain JS objects (or a thrown `Error`) out.

use alam::wasm::{extract, JsExtractor, JsOptions};
use js_sys::{Array, JsString, Reflect, JSON};
use wasm_bindgen::{JsCast, JsError, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

#[path = "../common/json.rs"]
mod json;
use json::{canon, keys};

/// One entity as JS sees it.
#[derive(Debug)]
pub struct E {
    pub text: String,
    pub label: String,
    pub start: u32,
    pub end: u32,
}

fn get(o: &JsValue, k: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(k)).expect("property")
}

fn num(o: &JsValue, k: &str) -> u32 {
    get(o, k).as_f64().expect("number") as u32
}

fn string(o: &JsValue, k: &str) -> String {
    get(o, k).as_string().expect("string")
}

/// Entities of `doc`, asserting the offset invariant against the JS string
/// `s` the caller passed (not against Rust's copy of it).
pub fn entities(s: &JsString, doc: &JsValue) -> Vec<E> {
    let arr: Array = get(doc, "entities").dyn_into().expect("array");
    arr.iter()
        .map(|e| {
            let x = E {
                text: string(&e, "text"),
                label: string(&e, "label"),
                start: num(&e, "start"),
                end: num(&e, "end"),
            };
            assert!(x.start < x.end && x.end <= s.length(), "{x:?}");
            let sliced: String = s.slice(x.start, x.end).into();
            assert_eq!(sliced, x.text, "text.slice(start, end) === e.text");
            x
        })
        .collect()
}

pub fn run(text: &str) -> Vec<E> {
    let s = JsString::from(text);
    let doc = extract(s.clone().into(), None).expect("extract");
    entities(&s, &doc)
}

fn error_message(r: Result<JsValue, JsError>) -> String {
    let v: JsValue = match r {
        Ok(v) => panic!("expected an Error, got {v:?}"),
        Err(e) => e.into(),
    };
    let err: js_sys::Error = v.dyn_into().expect("a real Error");
    let msg: String = err.message().into();
    assert!(!msg.is_empty());
    msg
}

fn opts(v: JsValue) -> Option<JsOptions> {
    Some(v.unchecked_into())
}

fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("json")
}

fn has(es: &[E], text: &str, label: &str) -> bool {
    es.iter().any(|e| e.text == text && e.label == label)
}

#[wasm_bindgen_test]
fn offsets_after_emoji() {
    // 😀 is two UTF-16 units and four UTF-8 bytes.
    let es = run("😀 زرت القاهرة");
    let e = es.iter().find(|e| e.text == "القاهرة").expect("القاهرة");
    assert_eq!((e.start, e.end), (7, 14));
    run("👨‍👩‍👧 🇸🇦 وصل الوفد إلى الرياض ثم 😀😀 إلى أنقرة");
}

#[wasm_bindgen_test]
fn offsets_with_diacritics_tatweel_bidi_marks() {
    for t in [
        "زَارَ الوَفْدُ القَاهِرَةَ أَمْسِ",
        "وصل الوزير إلى القـــاهرة صباحا",
        "\u{200F}زار الوفد \u{200E}القاهرة\u{200F} ثم \u{2067}أنقرة\u{2069}.",
        "التقى Erdogan في أنقرة (Ankara) مع وفد من القاهرة 2024",
    ] {
        let es = run(t);
        assert!(es.iter().any(|e| e.label == "LOC"), "{t}: {es:?}");
    }
}

#[wasm_bindgen_test]
fn proclitics_stay_outside() {
    let s = "وبالقاهرة والرياض وللرياض";
    let es = run(s);
    let e = es.iter().find(|e| e.text == "القاهرة").expect("القاهرة");
    // و and ب are outside the entity; ال is inside.
    assert_eq!(e.start, 2);
    assert!(has(&es, "الرياض", "LOC"), "{es:?}");
}

#[wasm_bindgen_test]
fn lone_surrogates_keep_offsets() {
    // A JS string with lone surrogates (impossible in Rust): they arrive as
    // U+FFFD, one UTF-16 unit each, so offsets still index the JS string.
    let s: JsString = js(r#""\ud800 زرت القاهرة \udfff ثم أنقرة \udbff""#).unchecked_into();
    let doc = extract(s.clone().into(), None).expect("extract");
    let es = entities(&s, &doc);
    let e = es.iter().find(|e| e.text == "القاهرة").expect("القاهرة");
    assert_eq!(e.start, 6);
}

#[wasm_bindgen_test]
fn plain_objects_json_shape() {
    let s = JsString::from("زار وفد تركي القاهرة.");
    let doc = extract(s.clone().into(), None).expect("extract");
    assert!(Array::is_array(&get(&doc, "quotes")));
    let e = Array::from(&get(&doc, "entities")).get(0);
    // A plain object, not a class instance.
    assert_eq!(
        js_sys::Object::get_prototype_of(&e),
        js_sys::Object::get_prototype_of(&js("{}"))
    );
    for k in ["text", "label", "start", "end", "source", "cluster"] {
        assert!(!get(&e, k).is_undefined(), "{k}");
    }
    // Unknown attributes are omitted, not present as undefined.
    let keys = js_sys::Object::keys(e.unchecked_ref::<js_sys::Object>());
    for k in keys.iter() {
        assert!(!get(&e, &k.as_string().unwrap_or_default()).is_undefined());
    }
    // JSON round trip keeps everything.
    let json: String = JSON::stringify(&doc).expect("stringify").into();
    let back = js(&json);
    let again: String = JSON::stringify(&back).expect("stringify").into();
    assert_eq!(json, again);
}

#[wasm_bindgen_test]
fn same_result_as_the_rust_api() {
    // In JS and in Rust the same values, keys and key order.
    let text = json::RICH;
    let doc = extract(JsValue::from_str(text), None).expect("extract");
    let js: String = JSON::stringify(&doc).expect("stringify").into();
    let rust = alam::Extractor::new().extract(text);
    assert!(rust.entities.len() >= 8 && rust.quotes.len() >= 3);
    let wire = rust.to_wire(alam::Unit::Utf16);
    let want = serde_json::to_string(&wire).expect("serde_json");
    let parsed = |s: &str| canon(serde_json::from_str(s).expect("JSON"));
    assert_eq!(parsed(&js), parsed(&want));
    assert_eq!(keys(&js), keys(&want));
}

#[wasm_bindgen_test]
fn non_string_text_throws() {
    for v in [
        JsValue::from_f64(42.0),
        JsValue::UNDEFINED,
        JsValue::NULL,
        js("{}"),
        js("[\"القاهرة\"]"),
        JsValue::from_bool(true),
    ] {
        let msg = error_message(extract(v, None));
        assert!(msg.contains("string"), "{msg}");
    }
}

#[wasm_bindgen_test]
fn options() {
    let t = JsValue::from_str("وصل الوفد إلى القاهرة يوم الثلاثاء.");
    for ok in [
        JsValue::UNDEFINED,
        JsValue::NULL,
        js("{}"),
        js(r#"{"referenceDate": "2024-10-15"}"#),
        js(r#"{"referenceDate": null}"#),
    ] {
        extract(t.clone(), opts(ok)).expect("valid options");
    }
    for (bad, needle) in [
        (js(r#"{"referenceDate": "2024-02-30"}"#), "referenceDate"),
        (js(r#"{"referenceDate": "yesterday"}"#), "referenceDate"),
        (js(r#"{"referenceDate": 20241015}"#), "referenceDate"),
        (
            js(r#"{"refDate": "2024-10-15"}"#),
            "unknown option \"refDate\"",
        ),
        (
            js(r#"{"referenceDate": null, "x": 1}"#),
            "unknown option \"x\"",
        ),
        (JsValue::from_f64(1.0), "options"),
        (JsValue::from_str("2024-10-15"), "options"),
        (js("[]"), "options"),
    ] {
        let msg = error_message(extract(t.clone(), opts(bad)));
        assert!(msg.contains(needle), "{msg}");
    }
}

#[wasm_bindgen_test]
fn bad_model_bytes_throw() {
    let u8 = |b: &[u8]| JsValue::from(js_sys::Uint8Array::from(b));
    for v in [
        u8(&[]),
        u8(&[0]),
        u8(b"ALAM"),
        u8(&[0xFF; 1024]),
        JsValue::from(js_sys::ArrayBuffer::new(16)),
    ] {
        let r = JsExtractor::new(v).map(|_| JsValue::NULL);
        error_message(r);
    }
    for v in [
        JsValue::UNDEFINED,
        JsValue::from_str("model"),
        js("[1,2,3]"),
    ] {
        let msg = error_message(JsExtractor::new(v).map(|_| JsValue::NULL));
        assert!(msg.contains("Uint8Array"), "{msg}");
    }
}

#[wasm_bindgen_test]
fn big_mixed_text_never_fails() {
    // Chunk boundaries, every script mixed, no panic, invariant holds.
    let unit = "😀 وصل وفد من أنقرة إلى القاهرة، Cairo, يوم 15 أكتوبر.\u{200F}\n";
    let mut text = unit.repeat(1500);
    text.push_str(&"ش".repeat(40_000));
    let es = run(&text);
    assert!(es.len() >= 1500, "{}", es.len());
}
