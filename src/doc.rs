//! The result of extraction: entities and quotes, and their wire form.

use crate::label::Label;
use crate::span::{Span, Utf16Cursor};
use serde::Serialize;

/// Where an entity came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Source {
    /// A gazetteer match.
    Gazetteer,
    /// A rule (dates, numbers).
    Rule,
    /// The trained tagger.
    Model,
    /// Another mention of a name already found in the same document.
    Document,
}

impl Source {
    /// The wire spelling ("gazetteer", "rule", "model", "document").
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Gazetteer => "gazetteer",
            Source::Rule => "rule",
            Source::Model => "model",
            Source::Document => "document",
        }
    }
}

/// A normalized value: a TIMEX3-style string for dates and times, a number
/// for numeric entities.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// TIMEX3-style value ("2020", "XXXX-07", "2024-10-15").
    Text(String),
    /// Numeric value.
    Number(f64),
}

/// Extra fields of an entity; each is absent when unknown.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Attrs {
    /// Normalized value of dates, times and numbers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// The Hijri date as written, for Hijri dates ("1445-09-12").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_hijri: Option<String>,
    /// ISO 4217 currency code of money.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Approximation ("more_than", "less_than", "about", ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// Canonical id ("TR", "geonames:323786").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// English name of the linked thing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
}

/// One entity: a label on a byte span of the original text.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Byte span in the original text.
    pub span: Span,
    /// The type.
    pub label: Label,
    /// Which stage found it.
    pub source: Source,
    /// Values and links.
    pub attrs: Attrs,
    /// Mentions of the same thing in a document share a cluster number.
    pub cluster: u32,
}

/// A quotation with its speaker, when one is found.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The words inside the quotation marks.
    pub span: Span,
    /// The speaker's name, when found.
    pub speaker: Option<Span>,
    /// The reporting verb ("قال"), when found.
    pub cue: Option<Span>,
}

/// The entities and quotes of one text. Borrows the text.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    text: &'a str,
    /// Entities, sorted by start, non-overlapping.
    pub entities: Vec<Entity>,
    /// Quotations, sorted by start.
    pub quotes: Vec<Quote>,
}

impl<'a> Doc<'a> {
    pub(crate) fn new(text: &'a str, entities: Vec<Entity>, quotes: Vec<Quote>) -> Self {
        Doc {
            text,
            entities,
            quotes,
        }
    }

    /// The text this document was extracted from.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The text of an entity (or any span of this document).
    pub fn slice(&self, span: Span) -> &'a str {
        &self.text[span.start..span.end]
    }

    /// The wire form, with offsets in the given unit. It borrows the
    /// document (attributes are not copied: for a 10 MB text with 300,000
    /// entities, copies doubled the WASM build's peak memory).
    pub fn to_wire(&self, unit: Unit) -> WireDoc<'_> {
        // Collect every offset, convert in sorted order with one cursor, then
        // look offsets up: linear in the text whatever order spans come in.
        let mut offs: Vec<usize> =
            Vec::with_capacity(self.entities.len() * 2 + self.quotes.len() * 4);
        if unit == Unit::Utf16 {
            for e in &self.entities {
                offs.extend([e.span.start, e.span.end]);
            }
            for q in &self.quotes {
                offs.extend([q.span.start, q.span.end]);
                if let Some(s) = q.speaker {
                    offs.extend([s.start, s.end]);
                }
            }
            offs.sort_unstable();
            offs.dedup();
        }
        let mut cur = Utf16Cursor::new(self.text);
        let units: Vec<usize> = offs.iter().map(|&b| cur.at(b)).collect();
        let conv = |b: usize| -> usize {
            match unit {
                Unit::Byte => b,
                Unit::Utf16 => offs.binary_search(&b).map(|i| units[i]).unwrap_or(0),
            }
        };
        let text = self.text;
        let entities = self
            .entities
            .iter()
            .map(|e| WireEntity {
                text: &text[e.span.start..e.span.end],
                label: e.label,
                start: conv(e.span.start),
                end: conv(e.span.end),
                source: e.source,
                attrs: &e.attrs,
                cluster: e.cluster,
            })
            .collect();
        let quotes = self
            .quotes
            .iter()
            .map(|q| {
                let start = conv(q.span.start);
                let end = conv(q.span.end);
                let speaker = q.speaker.map(|s| WireSpan {
                    text: &text[s.start..s.end],
                    start: conv(s.start),
                    end: conv(s.end),
                });
                let cue = q.cue.map(|s| &text[s.start..s.end]);
                WireQuote {
                    text: &text[q.span.start..q.span.end],
                    start,
                    end,
                    speaker,
                    cue,
                }
            })
            .collect();
        WireDoc { entities, quotes }
    }
}

/// Offset unit of the wire form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// UTF-8 bytes (Rust).
    Byte,
    /// UTF-16 code units (JavaScript's `String.prototype.slice`).
    Utf16,
}

/// Serializable document.
#[derive(Debug, Clone, Serialize)]
pub struct WireDoc<'a> {
    /// Entities.
    pub entities: Vec<WireEntity<'a>>,
    /// Quotes.
    pub quotes: Vec<WireQuote<'a>>,
}

/// Serializable entity: `{text, label, start, end, source, ...attrs, cluster}`.
#[derive(Debug, Clone, Serialize)]
pub struct WireEntity<'a> {
    /// The entity's text, exactly as in the input.
    pub text: &'a str,
    /// Its label.
    pub label: Label,
    /// Start offset.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// Which stage found it.
    pub source: Source,
    /// Values and links.
    #[serde(flatten)]
    pub attrs: &'a Attrs,
    /// Coreference cluster.
    pub cluster: u32,
}

/// Serializable span with text.
#[derive(Debug, Clone, Serialize)]
pub struct WireSpan<'a> {
    /// The text.
    pub text: &'a str,
    /// Start offset.
    pub start: usize,
    /// End offset.
    pub end: usize,
}

/// Serializable quote.
#[derive(Debug, Clone, Serialize)]
pub struct WireQuote<'a> {
    /// The quoted words.
    pub text: &'a str,
    /// Start offset.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// The speaker, or null.
    pub speaker: Option<WireSpan<'a>>,
    /// The reporting verb, or null.
    pub cue: Option<&'a str>,
}

// ---------------------------------------------------------------- JSON

/// JSON text of the wire form for the JavaScript binding, which hands it to
/// `JSON.parse` (much faster in V8 than building the objects field by field
/// through the wasm boundary). The text is what serde_json writes for the
/// same [`WireDoc`] (keys in the same order, absent attributes omitted),
/// except for numeric values: the .wasm carries no float formatter, so a
/// value that is not an integer of at most 2^53 is written as `0` and
/// reported, for the caller to set on the parsed object.
impl WireDoc<'_> {
    /// Entities `from..to` as a JSON array appended to `out`. Values written
    /// as placeholders are appended to `floats` as (entity index, value).
    pub fn entities_json(
        &self,
        from: usize,
        to: usize,
        out: &mut String,
        floats: &mut Vec<(usize, f64)>,
    ) {
        let to = to.min(self.entities.len());
        let from = from.min(to);
        out.push('[');
        for (k, e) in self.entities[from..to].iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            out.push_str("{\"text\":");
            json_str(out, e.text);
            out.push_str(",\"label\":\"");
            out.push_str(e.label.as_str());
            out.push_str("\",\"start\":");
            json_uint(out, e.start as u64);
            out.push_str(",\"end\":");
            json_uint(out, e.end as u64);
            out.push_str(",\"source\":\"");
            out.push_str(e.source.as_str());
            out.push('"');
            let a = e.attrs;
            match &a.value {
                None => {}
                Some(Value::Text(t)) => {
                    out.push_str(",\"value\":");
                    json_str(out, t);
                }
                Some(Value::Number(v)) => {
                    out.push_str(",\"value\":");
                    match exact_int(*v) {
                        Some(i) => json_uint(out, i),
                        None => {
                            out.push('0');
                            floats.push((from + k, *v));
                        }
                    }
                }
            }
            for (key, v) in [
                (",\"value_hijri\":", &a.value_hijri),
                (",\"currency\":", &a.currency),
                (",\"modifier\":", &a.modifier),
                (",\"id\":", &a.id),
                (",\"name_en\":", &a.name_en),
            ] {
                if let Some(v) = v {
                    out.push_str(key);
                    json_str(out, v);
                }
            }
            out.push_str(",\"cluster\":");
            json_uint(out, u64::from(e.cluster));
            out.push('}');
        }
        out.push(']');
    }

    /// Quotes `from..to` as a JSON array appended to `out`.
    pub fn quotes_json(&self, from: usize, to: usize, out: &mut String) {
        let to = to.min(self.quotes.len());
        let from = from.min(to);
        out.push('[');
        for (k, q) in self.quotes[from..to].iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            out.push_str("{\"text\":");
            json_str(out, q.text);
            out.push_str(",\"start\":");
            json_uint(out, q.start as u64);
            out.push_str(",\"end\":");
            json_uint(out, q.end as u64);
            out.push_str(",\"speaker\":");
            match &q.speaker {
                None => out.push_str("null"),
                Some(s) => {
                    out.push_str("{\"text\":");
                    json_str(out, s.text);
                    out.push_str(",\"start\":");
                    json_uint(out, s.start as u64);
                    out.push_str(",\"end\":");
                    json_uint(out, s.end as u64);
                    out.push('}');
                }
            }
            out.push_str(",\"cue\":");
            match q.cue {
                None => out.push_str("null"),
                Some(c) => json_str(out, c),
            }
            out.push('}');
        }
        out.push(']');
    }
}

/// `v` as an integer when JSON's integer form reads back as exactly `v`
/// (not negative zero, at most 2^53).
fn exact_int(v: f64) -> Option<u64> {
    ((0.0..=9_007_199_254_740_992.0).contains(&v) && v.fract() == 0.0 && v.is_sign_positive())
        .then_some(v as u64)
}

fn json_uint(out: &mut String, mut v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(b as char);
    }
}

/// `s` as a JSON string: quotes, backslashes and control characters escaped
/// as serde_json escapes them; everything else as is.
fn json_str(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            0x00..=0x1F => "",
            _ => continue,
        };
        // Cuts before and after an ASCII byte are char boundaries.
        out.push_str(&s[from..i]);
        if esc.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        } else {
            out.push_str(esc);
        }
        from = i + 1;
    }
    out.push_str(&s[from..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Numbers as f64, so that 1500 and 1500.0 compare equal.
    fn canon(v: serde_json::Value) -> serde_json::Value {
        use serde_json::Value as J;
        match v {
            J::Number(n) => n
                .as_f64()
                .and_then(serde_json::Number::from_f64)
                .map_or(J::Null, J::Number),
            J::Array(a) => J::Array(a.into_iter().map(canon).collect()),
            J::Object(o) => J::Object(o.into_iter().map(|(k, v)| (k, canon(v))).collect()),
            x => x,
        }
    }

    fn json_of(w: &WireDoc<'_>) -> (String, Vec<(usize, f64)>) {
        let mut out = String::from("{\"entities\":");
        let mut floats = Vec::new();
        // In two pieces, as the binding writes large documents.
        let half = w.entities.len() / 2;
        let mut a = String::new();
        let mut b = String::new();
        w.entities_json(0, half, &mut a, &mut floats);
        w.entities_json(half, w.entities.len(), &mut b, &mut floats);
        let inner = |s: &str| s[1..s.len() - 1].to_string();
        let parts: Vec<String> = [inner(&a), inner(&b)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        out.push('[');
        out.push_str(&parts.join(","));
        out.push_str("],\"quotes\":");
        w.quotes_json(0, w.quotes.len(), &mut out);
        out.push('}');
        (out, floats)
    }

    #[test]
    fn json_matches_serde_json() {
        let text = "قال الوزير: «سيزور الوفد القاهرة يوم الثلاثاء 15 أكتوبر 2024» \
                    ودفع 1,500 دولار و2.5 مليون يورو \"\\\u{1}\t\u{1f}\" بنسبة 15% \
                    في عام 1445 هـ. وارتفع 3.25 نقطة. وقالت سارة \"لا\" 😀 ثلث المبلغ";
        let doc = crate::Extractor::new().extract(text);
        assert!(doc.entities.len() > 5 && !doc.quotes.is_empty());
        for unit in [Unit::Utf16, Unit::Byte] {
            let w = doc.to_wire(unit);
            let (json, floats) = json_of(&w);
            assert!(!floats.is_empty());
            let mut ours: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
            for &(i, v) in &floats {
                assert!(exact_int(v).is_none());
                ours["entities"][i]["value"] = serde_json::json!(v);
            }
            let theirs = serde_json::to_value(&w).expect("serde_json");
            assert_eq!(canon(ours), canon(theirs));
            // Same keys in the same order (serde_json keeps insertion order
            // only with a feature, so compare the texts' key sequences).
            let keys = |s: &str| -> Vec<String> {
                s.split('"')
                    .collect::<Vec<_>>()
                    .windows(2)
                    .filter(|p| p[1].starts_with(':'))
                    .map(|p| p[0].to_string())
                    .collect()
            };
            let theirs_text = serde_json::to_string(&w).expect("serde_json");
            assert_eq!(keys(&json), keys(&theirs_text));
        }
    }

    #[test]
    fn json_numbers() {
        for (v, int) in [
            (0.0, Some(0)),
            (1500.0, Some(1500)),
            (9_007_199_254_740_992.0, Some(9_007_199_254_740_992)),
            (1e16, None),
            (1.5, None),
            (-0.0, None),
            (-3.0, None),
            (f64::NAN, None),
            (f64::INFINITY, None),
        ] {
            assert_eq!(exact_int(v), int, "{v}");
        }
        let mut s = String::new();
        json_uint(&mut s, u64::MAX);
        assert_eq!(s, u64::MAX.to_string());
    }
}
