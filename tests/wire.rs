//! The packed form the JavaScript binding reads (`alam::doc::Packed`, built
//! into objects by `src/objects.js`), decoded here as objects.js decodes it,
//! gives the same JSON as serde_json's wire form. The wasm suites check the
//! JavaScript side against serde_json the same way.

mod common;

use alam::internals::{attr, Packed};
use alam::{Label, Source, Unit};
use common::json::{canon, RICH};
use serde_json::{json, Map, Value as J};

/// What `src/objects.js` builds from packed entities and quotes, done in
/// Rust: texts are sliced from the input by UTF-16 offsets.
fn unpack(text: &str, ents: &Packed, quotes: &Packed) -> J {
    let units: Vec<u16> = text.encode_utf16().collect();
    let slice = |a: u32, b: u32| String::from_utf16(&units[a as usize..b as usize]).unwrap();
    let keys = [
        "value",
        "value_hijri",
        "currency",
        "unit",
        "modifier",
        "id",
        "name_en",
        "anchor",
        "anchor_source",
    ];
    // Strings are read in order, each with its UTF-16 length.
    let take = |strs: &str, at: &mut usize, len: u32| {
        let s: Vec<u16> = strs.encode_utf16().skip(*at).take(len as usize).collect();
        *at += len as usize;
        String::from_utf16(&s).unwrap()
    };
    let (mut w, mut n, mut s) = (ents.words.iter().copied(), 0, 0);
    let mut entities = Vec::new();
    while let Some(start) = w.next() {
        let (end, tag, cluster) = (w.next().unwrap(), w.next().unwrap(), w.next().unwrap());
        let mut e = Map::new();
        e.insert("text".into(), json!(slice(start, end)));
        e.insert("label".into(), json!(Label::ALL[(tag & 0xff) as usize]));
        e.insert("start".into(), json!(start));
        e.insert("end".into(), json!(end));
        e.insert(
            "source".into(),
            json!(Source::ALL[(tag >> 8 & 0xff) as usize]),
        );
        let bits = tag >> 16;
        if bits & attr::NUMBER != 0 {
            e.insert("value".into(), json!(ents.nums[n]));
            n += 1;
        }
        for (k, key) in keys.iter().enumerate() {
            if bits & attr::TEXT << k != 0 {
                let len = w.next().unwrap();
                e.insert(key.to_string(), json!(take(&ents.strs, &mut s, len)));
            }
        }
        e.insert("cluster".into(), json!(cluster));
        entities.push(J::Object(e));
    }
    assert_eq!(n, ents.nums.len());
    let mut out = Vec::new();
    let mut s = 0;
    for q in quotes.words.chunks(6) {
        let speaker = if q[2] & 1 != 0 {
            json!({"text": slice(q[3], q[4]), "start": q[3], "end": q[4]})
        } else {
            J::Null
        };
        let cue = if q[2] & 2 != 0 {
            json!(take(&quotes.strs, &mut s, q[5]))
        } else {
            J::Null
        };
        out.push(
            json!({"text": slice(q[0], q[1]), "start": q[0], "end": q[1],
            "speaker": speaker, "cue": cue}),
        );
    }
    json!({"entities": entities, "quotes": out})
}

#[test]
fn packed_form_gives_the_wire_form() {
    let doc = alam::Extractor::new().extract(RICH);
    let w = doc.to_wire(Unit::Utf16);
    // Every kind of attribute and quote is exercised.
    let has = |f: fn(&alam::Attrs) -> bool| w.entities.iter().any(|e| f(e.attrs));
    assert!(has(|a| matches!(a.value, Some(alam::Value::Number(_)))));
    assert!(has(|a| matches!(a.value, Some(alam::Value::Text(_)))));
    assert!(has(|a| a.value_hijri.is_some()) && has(|a| a.currency.is_some()));
    assert!(has(|a| a.unit.is_some()));
    assert!(has(|a| a.id.is_some()) && has(|a| a.name_en.is_some()));
    assert!(has(|a| a.anchor.is_some() && a.anchor_source.is_some()));
    assert!(w
        .quotes
        .iter()
        .any(|q| q.speaker.is_some() && q.cue.is_some()));
    assert!(w
        .quotes
        .iter()
        .any(|q| q.speaker.is_none() && q.cue.is_none()));
    // In two pieces, as the binding packs large documents.
    let (mut ents, mut rest, mut quotes) =
        (Packed::default(), Packed::default(), Packed::default());
    let half = w.entities.len() / 2;
    w.pack_entities(0, half, &mut ents);
    w.pack_entities(half, usize::MAX, &mut rest);
    ents.words.extend(rest.words);
    ents.nums.extend(rest.nums);
    ents.strs.push_str(&rest.strs);
    w.pack_quotes(0, w.quotes.len(), &mut quotes);
    let theirs = serde_json::to_value(&w).expect("serde_json");
    assert_eq!(canon(unpack(RICH, &ents, &quotes)), canon(theirs));
}

#[test]
fn packing_past_the_end_packs_nothing() {
    let doc = alam::Extractor::new().extract(RICH);
    let w = doc.to_wire(Unit::Utf16);
    let mut p = Packed::default();
    w.pack_entities(usize::MAX, usize::MAX, &mut p);
    w.pack_quotes(w.quotes.len() + 5, 3, &mut p);
    assert!(p.words.is_empty() && p.nums.is_empty() && p.strs.is_empty());
}
