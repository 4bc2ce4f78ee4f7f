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
//! Results are plain objects (built in JavaScript, by `src/wasm/objects.js`, from
//! numbers Rust packs), not class instances: they survive `JSON.stringify`
//! and `postMessage` and hold no Rust memory. Offsets are UTF-16 code units,
//! and every text in the result is a slice of the caller's string, so
//! `text.slice(e.start, e.end) === e.text` (lone surrogates included). Every
//! misuse throws a real `Error` with a message.

use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::doc::Doc;
use crate::extractor::Options;
use crate::output::wire::{Packed, Unit};

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
  /** UCUM code of a quantity's unit ("km", "kg", "L", "Cel"); `value` is in that unit. */
  unit?: string;
  /** Approximation: "more_than", "less_than", "about", ... */
  modifier?: string;
  /** Canonical id ("TR", "geonames:323786"). */
  id?: string;
  /** English name of the linked thing. */
  name_en?: string;
  /** The date a relative or partial date was resolved against ("2026-03-12"). */
  anchor?: string;
  /** Where `anchor` came from: the reference date option, or a full date earlier in the text. */
  anchor_source?: "reference" | "text";
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
    let s = text_arg(&text)?;
    let opts = options_arg(options)?;
    DEFAULT.with(|ex| to_js(&text, &ex.borrow().extract_with(&s, &opts)))
}

#[wasm_bindgen]
extern "C" {
    /// The options object, typed `Options` for TypeScript; checked at run time.
    #[wasm_bindgen(typescript_type = "Options")]
    pub type JsOptions;
}

thread_local! {
    // wasm32 is single-threaded: one extractor, built on first use (and
    // rebuilt by `loadGazetteer` and `loadModel` in a build without `embed`).
    static DEFAULT: std::cell::RefCell<crate::extractor::Extractor> =
        std::cell::RefCell::new(crate::extractor::Extractor::new());
}

/// Give the module its gazetteer (the bytes of `gazetteer.tsv`): in the
/// build without embedded data (`alam_lite_bg.wasm`, which `<alam-highlight>`
/// loads first), `extract` finds dates, numbers and quotes only until this
/// and [`load_model`] are called. Once per module; throws an `Error` when
/// the bytes are not an alam gazetteer or one is loaded already.
#[cfg(not(feature = "embed"))]
#[wasm_bindgen(js_name = loadGazetteer)]
pub fn load_gazetteer(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] data: JsValue,
) -> Result<(), JsError> {
    let bytes = bytes_arg(&data, "loadGazetteer: the gazetteer")?;
    let tsv = String::from_utf8(bytes)
        .map_err(|_| JsError::new("loadGazetteer: the gazetteer is not UTF-8 text"))?;
    crate::extractor::Extractor::install_gazetteer(tsv)
        .map_err(|e| JsError::new(&format!("loadGazetteer: {e}")))?;
    DEFAULT.with(|ex| ex.replace_with(|old| std::mem::take(old).with_current_gazetteer()));
    Ok(())
}

/// Give `extract` its tagger model (the bytes of `model.bin`), in the build
/// without embedded data. Throws an `Error` when the bytes are not a model
/// of this version; the previous model (if any) stays then.
#[cfg(not(feature = "embed"))]
#[wasm_bindgen(js_name = loadModel)]
pub fn load_model(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] data: JsValue,
) -> Result<(), JsError> {
    let bytes = bytes_arg(&data, "loadModel: the model")?;
    let ex = crate::extractor::Extractor::from_bytes(&bytes)
        .map_err(|e| JsError::new(&format!("loadModel: {e}")))?;
    DEFAULT.with(|d| *d.borrow_mut() = ex);
    Ok(())
}

/// The bytes of a `Uint8Array` or `ArrayBuffer` argument.
fn bytes_arg(v: &JsValue, what: &str) -> Result<Vec<u8>, JsError> {
    if let Some(a) = v.dyn_ref::<js_sys::Uint8Array>() {
        Ok(a.to_vec())
    } else if let Some(b) = v.dyn_ref::<js_sys::ArrayBuffer>() {
        Ok(js_sys::Uint8Array::new(b).to_vec())
    } else {
        Err(JsError::new(&format!(
            "{what} must be a Uint8Array or ArrayBuffer, got {}",
            type_name(v)
        )))
    }
}

/// Every label in display order (`["PER", "LOC", ...]`).
#[wasm_bindgen(unchecked_return_type = "Label[]")]
pub fn labels() -> js_sys::Array {
    crate::doc::Label::ALL
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
    inner: crate::extractor::Extractor,
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
        let bytes = bytes_arg(&model, "Extractor: model")?;
        crate::extractor::Extractor::from_bytes(&bytes)
            .map(|inner| JsExtractor { inner })
            .map_err(|e| JsError::new(&format!("Extractor: {e}")))
    }

    /// An extractor without a trained tagger: the gazetteer, the rules
    /// (dates, numbers, quotes) and links only. About three times faster,
    /// and it finds only names the gazetteer lists.
    #[wasm_bindgen(js_name = withoutModel)]
    pub fn without_model() -> JsExtractor {
        JsExtractor {
            inner: crate::extractor::Extractor::without_model(),
        }
    }

    /// Extract entities and quotes from `text` with this extractor's model.
    #[wasm_bindgen(unchecked_return_type = "Doc")]
    pub fn extract(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        options: Option<JsOptions>,
    ) -> Result<JsValue, JsError> {
        let s = text_arg(&text)?;
        let opts = options_arg(options)?;
        to_js(&text, &self.inner.extract_with(&s, &opts))
    }
}

/// The text argument. A lone UTF-16 surrogate arrives as U+FFFD, which is
/// also one UTF-16 unit, so offsets still index the caller's string (from
/// which the result's texts are sliced).
fn text_arg(v: &JsValue) -> Result<String, JsError> {
    v.as_string().ok_or_else(|| {
        JsError::new(&format!(
            "extract: text must be a string, got {}",
            type_name(v)
        ))
    })
}

/// The options object as JavaScript passes it, read by serde
/// (`serde-wasm-bindgen`). Its keys are checked against [`OPTION_KEYS`]
/// first: serde-wasm-bindgen reads a struct's own fields only, so
/// `deny_unknown_fields` would never see another key.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OptionsArg {
    #[serde(default)]
    reference_date: Option<DateString>,
}

/// The keys of [`OptionsArg`] as JavaScript spells them.
const OPTION_KEYS: [&str; 1] = ["referenceDate"];

/// A string, with a message that says which string.
struct DateString(String);

impl<'de> Deserialize<'de> for DateString {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = DateString;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("referenceDate as a \"YYYY-MM-DD\" string")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<DateString, E> {
                Ok(DateString(s.to_string()))
            }
        }
        d.deserialize_str(V)
    }
}

fn options_arg(v: Option<JsOptions>) -> Result<Options, JsError> {
    let Some(v) = v.map(JsValue::from) else {
        return Ok(Options::default());
    };
    if v.is_undefined() || v.is_null() {
        return Ok(Options::default());
    }
    // serde would read an array as the fields in order: refuse it first.
    if !v.is_object() || js_sys::Array::is_array(&v) || v.is_function() {
        return Err(JsError::new(&format!(
            "extract: options must be an object like {{ referenceDate: \"2024-10-15\" }}, got {}",
            type_name(&v)
        )));
    }
    let obj: &js_sys::Object = v.unchecked_ref();
    if let Some(name) = js_sys::Object::keys(obj)
        .iter()
        .filter_map(|k| k.as_string())
        .find(|k| !OPTION_KEYS.contains(&k.as_str()))
    {
        return Err(JsError::new(&format!(
            "extract: unknown option {name:?} (known: {})",
            OPTION_KEYS.join(", ")
        )));
    }
    let arg: OptionsArg = serde_wasm_bindgen::from_value(v).map_err(|e| {
        // The serde message ("invalid type: ..., expected referenceDate as
        // a \"YYYY-MM-DD\" string"), without the "Error: " that
        // String(error) puts before it.
        let msg = js_sys::Error::from(JsValue::from(e)).message();
        JsError::new(&format!("extract: options: {msg}"))
    })?;
    let mut opts = Options::default();
    if let Some(DateString(s)) = arg.reference_date {
        opts = opts
            .with_reference_date(&s)
            .map_err(|e| JsError::new(&format!("extract: {e}")))?;
    }
    Ok(opts)
}

/// Entities or quotes packed and handed to JavaScript at a time: bounded,
/// so that a dense 10 MB input (300,000 entities) never holds a packed copy
/// of all of them beside the entities in linear memory.
const PIECE: usize = 8192;

#[wasm_bindgen(module = "/src/wasm/objects.js")]
extern "C" {
    /// Append the entities packed in `words`, `nums`, `strs` to `out`.
    #[wasm_bindgen(js_name = pushEntities, catch)]
    fn push_entities(
        out: &js_sys::Array,
        text: &JsValue,
        words: &[u32],
        nums: &[f64],
        strs: &str,
        labels: &js_sys::Array,
        sources: &js_sys::Array,
    ) -> Result<(), JsValue>;

    /// Append the quotes packed in `words`, `strs` to `out`.
    #[wasm_bindgen(js_name = pushQuotes, catch)]
    fn push_quotes(
        out: &js_sys::Array,
        text: &JsValue,
        words: &[u32],
        strs: &str,
    ) -> Result<(), JsValue>;
}

thread_local! {
    /// The wire spellings of labels and sources, by index, made once.
    static NAMES: (js_sys::Array, js_sys::Array) = (
        crate::doc::Label::ALL.iter().map(|l| JsValue::from_str(l.as_str())).collect(),
        crate::doc::Source::ALL.iter().map(|s| JsValue::from_str(s.as_str())).collect(),
    );
}

/// The wire form as plain JS objects: `{entities, quotes}` with the keys,
/// order and values serde_json gives (None as null, absent attributes
/// omitted). Rust packs each piece of at most [`PIECE`] items into numbers
/// and one string ([`Packed`]) and `src/wasm/objects.js` builds the
/// objects, slicing every text from `text`, the caller's string. In Node on
/// news text this costs about a sixth of writing JSON here and parsing it
/// there (which was itself several times faster than creating every field
/// through the boundary with serde-wasm-bindgen).
fn to_js(text: &JsValue, doc: &Doc<'_>) -> Result<JsValue, JsError> {
    let wire = doc.to_wire(Unit::Utf16);
    let bad = |_| JsError::new("extract: cannot build the result");
    let mut packed = Packed::default();
    let entities = js_sys::Array::new();
    NAMES.with(|(labels, sources)| {
        for from in (0..wire.entities.len()).step_by(PIECE) {
            packed.clear();
            wire.pack_entities(from, from + PIECE, &mut packed);
            push_entities(
                &entities,
                text,
                &packed.words,
                &packed.nums,
                &packed.strs,
                labels,
                sources,
            )
            .map_err(bad)?;
        }
        Ok::<_, JsError>(())
    })?;
    let quotes = js_sys::Array::new();
    for from in (0..wire.quotes.len()).step_by(PIECE) {
        packed.clear();
        wire.pack_quotes(from, from + PIECE, &mut packed);
        push_quotes(&quotes, text, &packed.words, &packed.strs).map_err(bad)?;
    }
    let out = js_sys::Object::new();
    for (k, v) in [("entities", entities), ("quotes", quotes)] {
        js_sys::Reflect::set(&out, &JsValue::from_str(k), &v).map_err(bad)?;
    }
    Ok(out.into())
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
