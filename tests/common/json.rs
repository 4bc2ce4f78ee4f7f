//! The wire form's JSON, for the tests that compare two of them (the packed
//! form against serde_json natively, the JS objects against serde_json in
//! the wasm suites, which include this file by path).

/// A text that gives every kind of attribute (numeric and text values,
/// Hijri dates, currencies, modifiers, ids, English names), quotes with and
/// without a speaker or a cue, characters JSON escapes, and an emoji before
/// entities (UTF-16 offsets differ from chars there).
pub const RICH: &str = "قال الوزير: «سيزور الوفد القاهرة يوم الثلاثاء 15 أكتوبر 2024» \
    ودفع 1,500 دولار و2.5 مليون يورو لطريق بطول 20 كيلومترا \"\\\u{1}\t\u{1f}\" بنسبة 15% \
    في عام 1445 هـ. وارتفع 3.25 نقطة. وقالت سارة \"لا\" 😀 ثلث المبلغ \
    وزار أنقرة وموسكو أمس. «نص بلا قائل»";

/// Numbers as f64: JSON.stringify writes 1500 where serde_json writes
/// 1500.0, and both are the same value.
pub fn canon(v: serde_json::Value) -> serde_json::Value {
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

/// The keys of a JSON text in the order written (serde_json's `Value`
/// does not keep the order).
pub fn keys(json: &str) -> Vec<&str> {
    json.split('"')
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|p| p[1].starts_with(':'))
        .map(|p| p[0])
        .collect()
}
