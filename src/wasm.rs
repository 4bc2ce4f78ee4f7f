//! The JavaScript binding (wasm32 only): type conversion and nothing else.
//!
//! ```js
//! import init, { extract } from "./pkg/alam.js";
//! await init();
//! const text = "وصل الوفد إلى القاهرة.";
//! const doc = extract(text, { referenceDate: "2024-10-15" });
//! for (const e of doc.entities) console.log(e.label, text.slice(e.start, e.end));
//! ```
//!
//! Results are plain objects (built by `JSON.parse` from JSON text written
//! in Rust), not class instances: they
//! survive `JSON.stringify` and `postMessage` and hold no Rust memory. Offsets
//! are UTF-16 code units, so `text.slice(e.start, e.end) === e.text`. Every
//! misuse throws a real `Error` with a message.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{Doc, Options, Unit};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Entity types, spelled as on the wire. */
export type Label =
  | "PER" | "LOC" | "ORG" | "MISC" | "NORP"
  | "DATE" | "TIME" | "CARDINAL" | "ORDINAL"
  | "PERCENT" | "MONEY" | "QUANTITY";

/** Which stage found an entity. */
export type Source = "gazetteer" | "rule" | "model" | "document";

/** One entity. `start`/`end` are UTF-16 offsets: `text.slice(start, end) === entity.text`. */
export interface Entity {
  /** The entity's text, exactly as in the input (proclitics و ف ب ك ل س excluded). */
  text: string;
  label: Label;
  /** Start offset in UTF-16 code units. */
  start: number;
  /** End offset in UTF-16 code units (exclusive). */
  end: number;
  source: Source;
  /** Normalized value: TIMEX3-style string for dates/times ("2024-10-15", "XXXX-07"), a number for numeric entities. */
  value?: string | number;
  /** The Hijri date as written ("1445-09-12"), for Hijri dates. */
  value_hijri?: string;
  /** ISO 4217 code of money ("USD"). */
  currency?: string;
  /** Approximation: "more_than", "less_than", "about", ... */
  modifier?: string;
  /** Canonical id ("TR", "geonames:323786"). */
  id?: string;
  /** English name of the linked thing. */
  name_en?: string;
  /** Mentions of the same thing in one text share a cluster number. */
  cluster: number;
}

/** A span of the input with its text (UTF-16 offsets). */
export interface Span {
  text: string;
  start: number;
  end: number;
}

/** A quotation with its speaker and reporting verb when found. */
export interface Quote {
  /** The quoted words. */
  text: string;
  start: number;
  end: number;
  speaker: Span | null;
  /** The reporting verb ("قال"), or null. */
  cue: string | null;
}

/** The result of `extract`: plain objects, safe to `JSON.stringify` and `postMessage`. */
export interface Doc {
  /** Sorted by start, non-overlapping. */
  entities: Entity[];
  /** Sorted by start. */
  quotes: Quote[];
}

/** Options of one extraction. Unknown keys are an error. */
export interface Options {
  /** "YYYY-MM-DD": the date relative expressions ("العام الماضي") resolve against. */
  referenceDate?: string;
}
"#;

/// Extract entities and quotes from `text` with the embedded model.
///
/// Throws an `Error` when `text` is not a string or `options` are malformed.
#[wasm_bindgen(unchecked_return_type = "Doc")]
pub fn extract(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    options: Option<JsOptions>,
) -> Result<JsValue, JsError> {
    let text = text_arg(&text)?;
    let opts = options_arg(options)?;
    DEFAULT.with(|ex| to_js(&ex.extract_with(&text, &opts)))
}

#[wasm_bindgen]
extern "C" {
    /// The options object, typed `Options` for TypeScript; checked at run time.
    #[wasm_bindgen(typescript_type = "Options")]
    pub type JsOptions;
}

thread_local! {
    // wasm32 is single-threaded: one extractor, built on first use.
    static DEFAULT: crate::Extractor = crate::Extractor::new();
}

/// Every label in display order (`["PER", "LOC", ...]`).
#[wasm_bindgen(unchecked_return_type = "Label[]")]
pub fn labels() -> js_sys::Array {
    crate::Label::ALL
        .iter()
        .map(|l| JsValue::from_str(l.as_str()))
        .collect()
}

/// The crate version ("0.1.0").
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// An extractor with a model loaded from bytes.
#[wasm_bindgen(js_name = Extractor)]
pub struct JsExtractor {
    inner: crate::Extractor,
}

#[wasm_bindgen(js_class = Extractor)]
impl JsExtractor {
    /// Load a model from bytes (`Uint8Array` or `ArrayBuffer`).
    ///
    /// Throws an `Error` when the bytes are empty, truncated, corrupt or of
    /// another format version.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] model: JsValue,
    ) -> Result<JsExtractor, JsError> {
        let bytes = if let Some(a) = model.dyn_ref::<js_sys::Uint8Array>() {
            a.to_vec()
        } else if let Some(b) = model.dyn_ref::<js_sys::ArrayBuffer>() {
            js_sys::Uint8Array::new(b).to_vec()
        } else {
            return Err(JsError::new(&format!(
                "Extractor: model must be a Uint8Array or ArrayBuffer, got {}",
                type_name(&model)
            )));
        };
        crate::Extractor::from_bytes(&bytes)
            .map(|inner| JsExtractor { inner })
            .map_err(|e| JsError::new(&format!("Extractor: {e}")))
    }

    /// Extract entities and quotes from `text` with this extractor's model.
    #[wasm_bindgen(unchecked_return_type = "Doc")]
    pub fn extract(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        options: Option<JsOptions>,
    ) -> Result<JsValue, JsError> {
        let text = text_arg(&text)?;
        let opts = options_arg(options)?;
        to_js(&self.inner.extract_with(&text, &opts))
    }
}

/// The text argument. A lone UTF-16 surrogate arrives as U+FFFD, which is
/// also one UTF-16 unit, so offsets still index the caller's string.
fn text_arg(v: &JsValue) -> Result<String, JsError> {
    v.as_string().ok_or_else(|| {
        JsError::new(&format!(
            "extract: text must be a string, got {}",
            type_name(v)
        ))
    })
}

fn options_arg(v: Option<JsOptions>) -> Result<Options, JsError> {
    let mut opts = Options::default();
    let Some(v) = v.map(JsValue::from) else {
        return Ok(opts);
    };
    let v = &v;
    if v.is_undefined() || v.is_null() {
        return Ok(opts);
    }
    if !v.is_object() || js_sys::Array::is_array(v) || v.is_function() {
        return Err(JsError::new(&format!(
            "extract: options must be an object like {{ referenceDate: \"2024-10-15\" }}, got {}",
            type_name(v)
        )));
    }
    let obj: &js_sys::Object = v.unchecked_ref();
    for key in js_sys::Object::keys(obj).iter() {
        let name = key.as_string().unwrap_or_default();
        let val = js_sys::Reflect::get(obj, &key).unwrap_or(JsValue::UNDEFINED);
        match name.as_str() {
            "referenceDate" => {
                if val.is_undefined() {
                    continue;
                }
                let Some(s) = val.as_string() else {
                    return Err(JsError::new(&format!(
                        "extract: referenceDate must be a \"YYYY-MM-DD\" string, got {}",
                        type_name(&val)
                    )));
                };
                opts = opts
                    .with_reference_date(&s)
                    .map_err(|e| JsError::new(&format!("extract: {e}")))?;
            }
            _ => {
                return Err(JsError::new(&format!(
                    "extract: unknown option {name:?} (known: referenceDate)"
                )))
            }
        }
    }
    Ok(opts)
}

/// JSON text handed to one `JSON.parse`: bounded, so that a dense 10 MB
/// input (300,000 entities) never holds its whole JSON form beside the
/// entities in linear memory.
const JSON_PIECE: usize = 256 * 1024;

/// The wire form as plain JS objects: `{entities, quotes}` with the keys,
/// order and values serde_json gives (None as null, absent attributes
/// omitted). Built by `JSON.parse` on JSON text written in Rust, a piece of
/// at most about [`JSON_PIECE`] bytes at a time: in Node on 1 MB of news
/// text this is several times faster than creating every object and field
/// through the boundary (serde-wasm-bindgen).
fn to_js(doc: &Doc<'_>) -> Result<JsValue, JsError> {
    let wire = doc.to_wire(Unit::Utf16);
    let mut buf = String::with_capacity(JSON_PIECE.min(64 + 160 * wire.entities.len()) + 64);
    let mut floats = Vec::new();
    let entities = pieces(wire.entities.len(), &mut buf, |from, to, buf| {
        wire.entities_json(from, to, buf, &mut floats)
    })?;
    // Values the JSON text could not carry exactly (see WireDoc::entities_json).
    for (i, v) in floats {
        let e = entities.get(i as u32);
        js_sys::Reflect::set(&e, &JsValue::from_str("value"), &JsValue::from_f64(v))
            .map_err(|_| JsError::new("extract: cannot set a value"))?;
    }
    let quotes = pieces(wire.quotes.len(), &mut buf, |from, to, buf| {
        wire.quotes_json(from, to, buf)
    })?;
    let out = js_sys::Object::new();
    for (k, v) in [("entities", entities), ("quotes", quotes)] {
        js_sys::Reflect::set(&out, &JsValue::from_str(k), &v)
            .map_err(|_| JsError::new("extract: cannot build the result"))?;
    }
    Ok(out.into())
}

/// `n` items as one JS array: `write(from, to, buf)` appends items
/// `from..to` as a JSON array; each piece goes through `JSON.parse` and is
/// appended to the result with one `push` call.
fn pieces(
    n: usize,
    buf: &mut String,
    mut write: impl FnMut(usize, usize, &mut String),
) -> Result<js_sys::Array, JsError> {
    let bad = |_| JsError::new("extract: cannot parse the result");
    let mut out: Option<js_sys::Array> = None;
    let mut from = 0;
    // Items per piece, adapted to the size written so far.
    let mut step = 1024;
    loop {
        let to = (from + step).min(n);
        buf.clear();
        write(from, to, buf);
        let part: js_sys::Array = js_sys::JSON::parse(buf).map_err(bad)?.unchecked_into();
        if to > from && buf.len() > JSON_PIECE {
            step = (step / 2).max(16);
        } else if buf.len() < JSON_PIECE / 4 {
            step *= 2;
        }
        out = Some(match out {
            None => part,
            Some(all) => {
                push_all(&all, &part)?;
                all
            }
        });
        from = to;
        if from >= n {
            break;
        }
    }
    Ok(out.unwrap_or_else(js_sys::Array::new))
}

/// Append the items of `part` to `all` with one call.
fn push_all(all: &js_sys::Array, part: &js_sys::Array) -> Result<(), JsError> {
    let push: js_sys::Function = js_sys::Reflect::get(all, &JsValue::from_str("push"))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| JsError::new("extract: Array.prototype.push is missing"))?;
    // `push` with a few thousand arguments: far below engine limits.
    push.apply(all, part)
        .map_err(|_| JsError::new("extract: cannot build the result"))?;
    Ok(())
}

fn type_name(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(v) {
        "an array".into()
    } else {
        v.js_typeof()
            .as_string()
            .unwrap_or_else(|| "unknown".into())
    }
}
