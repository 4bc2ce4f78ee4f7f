//! CARDINAL, ORDINAL, PERCENT, MONEY and QUANTITY rules.
//!
//! A number phrase is digits ("2020", "1,500.5", "١٫٥", with a minus or
//! a leading point written before them: "-3.5", ".25") or number words
//! ("خمسة وعشرون", "ثلاثمائة", "مليونين", Egyptian and Levantine "تلتمية"),
//! optionally times a scale word ("100 ألف", "1.5 مليار", "ثلاثة ملايين"),
//! joined by و, written on the word or apart, into a sum whose parts
//! strictly decrease ("مليون و200 ألف", "ألف و خمسمائة"). The strict
//! decrease bounds a phrase to a handful of tokens, so the scan is linear.
//!
//! What follows the phrase decides the label: % or في المئة (PERCENT), a
//! currency word, abbreviation, code or symbol (MONEY, with its ISO 4217
//! code when known, sub-units such as "و50 سنتا" added in the main unit), a
//! unit (QUANTITY, with the UCUM code of the unit in `attrs.unit`), else
//! CARDINAL. Time units ("ثلاث سنوات") belong to the date rules, which run
//! first; tokens they took are skipped here.
//!
//! Approximations ("أكثر من", "نحو", "حوالي", "قرابة", "ما يزيد على", ...)
//! stay OUTSIDE the entity span and set `attrs.modifier`: in "أكثر من 100
//! ألف" the entity is "100 ألف" with value 100000 and modifier "more_than".
//!
//! Single number words that are also ordinary words are not tagged alone in
//! a sentence: واحد/واحدة (one), ست (lady), سبع (lion), تسع (fits), ثمان and
//! عشر; nor is صفر (also the month Safar). They count inside longer phrases,
//! before a unit or currency, and alone on their line.

use super::lex::{self, body, def, int, is_arabic, is_num, punct, tight, wa, word};
use crate::doc::Label;
use crate::doc::{Source, Value};
use crate::lexicon::analysis::Analysis;
use crate::rules::candidate::Candidate;
use crate::text::tokenize::TokenKind;

/// A parsed number phrase over tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Phrase {
    /// One past the last token.
    pub end: usize,
    /// Its value.
    pub value: f64,
    /// A lone word that is also an ordinary word (واحد, ست, ...).
    pub weak: bool,
    /// Leave the first token's proclitic outside the span.
    pub strip: bool,
}

/// How a unit word (1-10) may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// Alone or in compounds.
    Plain,
    /// In compounds; alone it is usually an ordinary word.
    Weak,
    /// Only before عشر/عشرة ("أحد عشر", "اثنا عشر").
    TeenOnly,
}

fn unit(s: &str) -> Option<(u32, Form)> {
    use Form::*;
    Some(match s {
        "واحد" | "واحده" | "واحدا" => (1, Weak),
        "احد" | "احدي" => (1, TeenOnly),
        "اثنان" | "اثنين" | "اثنتان" | "اثنتين" => (2, Plain),
        "اثنا" | "اثني" | "اثنتا" | "اثنتي" => (2, TeenOnly),
        "ثلاث" | "ثلاثه" => (3, Plain),
        "اربع" | "اربعه" => (4, Plain),
        "خمس" | "خمسه" => (5, Plain),
        "سته" => (6, Plain),
        "ست" => (6, Weak),
        "سبعه" => (7, Plain),
        "سبع" => (7, Weak),
        "ثماني" | "ثمانيه" => (8, Plain),
        "ثمان" => (8, Weak),
        "تسعه" => (9, Plain),
        "تسع" => (9, Weak),
        // Egyptian and Levantine spellings (not "تنين", a dragon, nor
        // "تمن", a price).
        "اتنين" => (2, Plain),
        "تلاته" | "تلات" => (3, Plain),
        "تمانيه" | "تمانه" | "تماني" => (8, Plain),
        _ => return None,
    })
}

/// Egyptian and Levantine teens written as one word: "حداشر", "تلتاشر",
/// "خمستعش".
fn teen(s: &str) -> Option<u32> {
    Some(match s {
        "حداشر" | "احداشر" | "حدعش" | "احدعش" => 11,
        "اتناشر" | "اطناشر" | "تناشر" | "اتنعش" | "تنعش" => 12,
        "تلتاشر" | "تلطاشر" | "تلتعش" | "تلطعش" => 13,
        "اربعتاشر" | "اربعطاشر" | "اربعتعش" | "اربطعش" => 14,
        "خمستاشر" | "خمسطاشر" | "خمستعش" | "خمسطعش" => 15,
        "ستاشر" | "سطاشر" | "ستعش" | "سطعش" => 16,
        "سبعتاشر" | "سبعطاشر" | "سبعتعش" | "سبعطعش" => 17,
        "تمنتاشر" | "تمنطاشر" | "تمنتعش" | "تمنطعش" => 18,
        "تسعتاشر" | "تسعطاشر" | "تسعتعش" | "تسعطعش" => 19,
        _ => return None,
    })
}

fn is_ten(s: &str) -> bool {
    matches!(s, "عشر" | "عشره")
}

fn tens(s: &str) -> Option<u32> {
    Some(match s {
        "عشرون" | "عشرين" => 20,
        "ثلاثون" | "ثلاثين" | "تلاتين" => 30,
        "اربعون" | "اربعين" => 40,
        "خمسون" | "خمسين" => 50,
        "ستون" | "ستين" => 60,
        "سبعون" | "سبعين" => 70,
        "ثمانون" | "ثمانين" | "تمانين" => 80,
        "تسعون" | "تسعين" => 90,
        _ => return None,
    })
}

fn hundreds(s: &str) -> Option<u32> {
    match s {
        "مائتان" | "مائتين" | "مائتا" | "مائتي" | "مئتان" | "مئتين" | "مئتا" | "مئتي" => {
            return Some(200)
        }
        // Egyptian and Levantine.
        "ميتين" | "متين" => return Some(200),
        _ => {}
    }
    if let Some(p) = s.strip_suffix("ميه") {
        // "ميه", "تلتميه", "خمسميه".
        return Some(match p {
            "" => 100,
            "تلت" | "تلات" => 300,
            "ربع" | "اربع" => 400,
            "خمس" => 500,
            "ست" | "سيت" => 600,
            "سبع" => 700,
            "تمن" | "تمان" => 800,
            "تسع" => 900,
            _ => return None,
        });
    }
    let p = s.strip_suffix("مائه").or_else(|| s.strip_suffix("مئه"))?;
    Some(match p {
        "" => 100,
        "ثلاث" => 300,
        "اربع" => 400,
        "خمس" => 500,
        "ست" => 600,
        "سبع" => 700,
        "ثمان" | "ثماني" => 800,
        "تسع" => 900,
        _ => return None,
    })
}

/// How a scale word counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scale {
    /// ألف, مليون: times what precedes, or one thousand alone.
    Single,
    /// آلاف, ملايين: after 3-10.
    Plural,
    /// ألفين, مليونين: two of them, alone.
    Dual,
}

fn scale(s: &str) -> Option<(f64, Scale)> {
    use Scale::*;
    Some(match s {
        "الف" | "الفا" => (1e3, Single),
        "الاف" | "تلاف" => (1e3, Plural),
        "الفان" | "الفين" | "الفي" => (1e3, Dual),
        "مليون" | "مليونا" => (1e6, Single),
        "ملايين" => (1e6, Plural),
        "مليونان" | "مليونين" | "مليوني" => (1e6, Dual),
        "مليار" | "مليارا" | "بليون" | "بليونا" => (1e9, Single),
        "مليارات" | "بلايين" => (1e9, Plural),
        "ملياران" | "مليارين" | "ملياري" => (1e9, Dual),
        "تريليون" | "تريليونا" => (1e12, Single),
        "تريليونات" => (1e12, Plural),
        "تريليونان" | "تريليونين" => (1e12, Dual),
        _ => return None,
    })
}

fn fraction(s: &str) -> Option<f64> {
    match s {
        "نصف" => Some(0.5),
        "ثلث" => Some(1.0 / 3.0),
        "ربع" => Some(0.25),
        _ => None,
    }
}

/// Value of a digit token: "2020", "1,500.5", "1.500.000", "3,5" (decimal
/// comma), "1.500,5". `None` for shapes that are not one number ("1.2.3")
/// and for more than 30 digits.
pub(crate) fn parse_digits(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    if b.len() > 40 {
        return None;
    }
    let dots = b.iter().filter(|&&c| c == b'.').count();
    let commas = b.iter().filter(|&&c| c == b',').count();
    // Groups after the first separator of kind `sep` all have 3 digits.
    let grouped = |sep: u8| {
        let mut parts = s.split(sep as char);
        let first = parts.next().unwrap_or("");
        (1..=3).contains(&first.len()) && parts.all(|p| p.len() == 3)
    };
    let decimal: Option<u8> = match (dots, commas) {
        (0, 0) => None,
        (1, 0) => Some(b'.'),
        (0, 1) if !grouped(b',') => Some(b','),
        (0, _) if grouped(b',') => None,
        (_, 0) if grouped(b'.') => None,
        (_, _) if dots > 0 && commas > 0 => {
            // The last separator is the decimal one; the other groups.
            let last = *b.iter().rev().find(|c| !c.is_ascii_digit())?;
            let other = if last == b'.' { b',' } else { b'.' };
            let count = if last == b'.' { dots } else { commas };
            let int_part = &s[..s.rfind(last as char)?];
            let mut parts = int_part.split(other as char);
            let first = parts.next().unwrap_or("");
            if count != 1 || !(1..=3).contains(&first.len()) || !parts.all(|p| p.len() == 3) {
                return None;
            }
            Some(last)
        }
        _ => return None,
    };
    // Integer arithmetic rather than `str::parse::<f64>`, which would add
    // a float parser to the .wasm: the mantissa is exact in a u128, and
    // dividing by an exact power of ten rounds once.
    let mut mantissa: u128 = 0;
    let mut digits = 0;
    let mut frac = None;
    for &c in b {
        if c.is_ascii_digit() {
            mantissa = mantissa * 10 + u128::from(c - b'0');
            digits += 1;
            if let Some(f) = &mut frac {
                *f += 1;
            }
        } else if Some(c) == decimal {
            frac = Some(0);
        }
        if digits > 30 {
            return None;
        }
    }
    let frac: i32 = frac.unwrap_or(0);
    if frac > 22 {
        return None;
    }
    let mut scale = 1.0f64;
    for _ in 0..frac {
        scale *= 10.0;
    }
    Some(mantissa as f64 / scale)
}

/// A group: a number below 1000 (digits: any number), times a scale word.
#[derive(Debug, Clone, Copy)]
struct Group {
    value: f64,
    /// The scale used (1 when none): later groups must stay below it.
    scale: f64,
    end: usize,
    weak: bool,
}

/// Number words below 1000 starting at token `j`, whose first word reads `s`.
fn small_words(a: &Analysis<'_>, j: usize, s: &str) -> Option<(u32, usize, bool)> {
    if let Some(h) = hundreds(s) {
        if let Some((v, e)) = and_word(a, j + 1).and_then(|(k, w)| below_hundred(a, k, w)) {
            return Some((h + v, e, false));
        }
        // Alone, "ميه" is also water, "متين" solid, "ميتين" dead.
        return Some((h, j + 1, matches!(s, "ميه" | "متين" | "ميتين")));
    }
    if let Some(t) = teen(s) {
        return Some((t, j + 1, false));
    }
    if let Some((u, form)) = unit(s) {
        let next = body(a, j + 1);
        if is_ten(next) && u < 10 && !lex::newline(a, j + 1) {
            return Some((10 + u, j + 2, false));
        }
        if let Some((k, t)) = and_word(a, j + 1).and_then(|(k, w)| Some((k, tens(w)?))) {
            if form != Form::TeenOnly {
                return Some((u + t, k + 1, false));
            }
        }
        if (3..=9).contains(&u) && matches!(next, "مائه" | "مئه" | "ميه") {
            let h = u * 100;
            if let Some((v, e)) = and_word(a, j + 2).and_then(|(k, w)| below_hundred(a, k, w)) {
                return Some((h + v, e, false));
            }
            return Some((h, j + 2, false));
        }
        return match form {
            Form::TeenOnly => None,
            Form::Weak => Some((u, j + 1, true)),
            Form::Plain => Some((u, j + 1, false)),
        };
    }
    if is_ten(s) {
        return Some((10, j + 1, s == "عشر"));
    }
    tens(s).map(|t| (t, j + 1, false))
}

/// 1-99 in words at token `j`, whose first word reads `s`.
fn below_hundred(a: &Analysis<'_>, j: usize, s: &str) -> Option<(u32, usize)> {
    if hundreds(s).is_some() {
        return None;
    }
    small_words(a, j, s).map(|(v, e, _)| (v, e))
}

/// The word after a conjunction و at token `j`, written on the word
/// ("وعشرون") or apart ("و عشرون"): (token of the word, the word).
fn and_word<'a>(a: &'a Analysis<'_>, j: usize) -> Option<(usize, &'a str)> {
    if let Some(w) = wa(a, j) {
        return Some((j, w));
    }
    if word(a, j) == "و" && is_arabic(a, j + 1) && !lex::newline(a, j + 1) {
        return Some((j + 1, word(a, j + 1)));
    }
    None
}

/// A group at token `j`, whose first word reads `s` (digits: the token),
/// with a larger scale word right after a scaled group multiplying it
/// ("ألف مليون": a billion).
fn group(a: &Analysis<'_>, j: usize, s: &str) -> Option<Group> {
    let mut g = group_inner(a, j, s)?;
    if g.scale > 1.0 && !lex::newline(a, g.end) {
        if let Some((sc, Scale::Single)) = scale(body(a, g.end)) {
            if sc > g.scale {
                g.value *= sc;
                g.scale *= sc;
                g.end += 1;
            }
        }
    }
    Some(g)
}

fn group_inner(a: &Analysis<'_>, j: usize, s: &str) -> Option<Group> {
    let mk = |value: f64, scale: f64, end: usize, weak: bool| Group {
        value,
        scale,
        end,
        weak,
    };
    let scaled = |v: f64, k: usize, plural_ok: bool| -> Option<Group> {
        if lex::newline(a, k) {
            return None;
        }
        match scale(body(a, k)) {
            Some((sc, Scale::Single)) => Some(mk(v * sc, sc, k + 1, false)),
            Some((sc, Scale::Plural)) if plural_ok => Some(mk(v * sc, sc, k + 1, false)),
            _ => None,
        }
    };
    if is_num(a, j) {
        let v = parse_digits(word(a, j))?;
        return Some(scaled(v, j + 1, true).unwrap_or(mk(v, 1.0, j + 1, false)));
    }
    if let Some(f) = fraction(s) {
        return match scale(body(a, j + 1)) {
            Some((sc, Scale::Single)) => Some(mk(f * sc, sc, j + 2, false)),
            // "نصف لتر", "ربع دولار": a fraction of a unit or currency.
            _ if is_arabic(a, j + 1)
                && (unit_word(a, j + 1).is_some() || currency(a, j + 1).is_some()) =>
            {
                Some(mk(f, 1.0, j + 1, false))
            }
            _ => None,
        };
    }
    match scale(s) {
        // "الذي ألف كتابه": the verb "wrote".
        Some((_, Scale::Single))
            if s == "الف"
                && j > 0
                && matches!(word(a, j - 1), "الذي" | "التي" | "قد" | "وقد" | "لقد") =>
        {
            return None
        }
        Some((sc, Scale::Single)) => return Some(mk(sc, sc, j + 1, false)),
        Some((sc, Scale::Dual)) => return Some(mk(2.0 * sc, sc, j + 1, false)),
        Some((_, Scale::Plural)) => return None,
        None => {}
    }
    let (v, e, weak) = small_words(a, j, s)?;
    // "ثلاثة أرباع": three quarters.
    if (2..=10).contains(&v) && !lex::newline(a, e) {
        let parts = match body(a, e) {
            "اثلاث" => 3.0,
            "ارباع" => 4.0,
            "اخماس" => 5.0,
            "اعشار" => 10.0,
            _ => 0.0,
        };
        if parts > f64::from(v) {
            return Some(mk(f64::from(v) / parts, 1.0, e + 1, false));
        }
    }
    let plural_ok = (3..=10).contains(&v);
    Some(scaled(f64::from(v), e, plural_ok).unwrap_or(mk(f64::from(v), 1.0, e, weak)))
}

/// The word at `j` as a number word: its body, except that "واحدة" keeps
/// its و (the segmenter reads it as و + احدة). Returns (word, strip).
/// "وأحد" also normalizes to "واحد"; when the segmenter left its و inside
/// the word, the word is not read at all (the span would include the و).
fn first_word<'a>(a: &'a Analysis<'_>, j: usize) -> (&'a str, bool) {
    let w = word(a, j);
    if matches!(w, "واحد" | "واحده" | "واحدا") {
        let t = a.tokens[j];
        let (os, oe) = a.norm.to_original(a.text, t.start as usize, t.end as usize);
        let orig = a.text.get(os..oe).unwrap_or("");
        if orig.starts_with("وأ") || orig.starts_with("وإ") {
            return if a.segs[j].pro_len > 0 {
                (body(a, j), true)
            } else {
                ("", true)
            };
        }
        return (w, false);
    }
    (body(a, j), true)
}

/// The number phrase starting at token `i`.
pub(crate) fn phrase(a: &Analysis<'_>, i: usize) -> Option<Phrase> {
    let kind = a.tokens.get(i)?.kind;
    if kind != TokenKind::Number && kind != TokenKind::Arabic {
        return None;
    }
    let (s, strip) = first_word(a, i);
    // "صفر فاصلة خمسة": 0.5.
    if s == "صفر" {
        return point(a, i + 1).map(|f| Phrase {
            end: f.end,
            value: f.value,
            weak: false,
            strip,
        });
    }
    let g = group(a, i, s)?;
    let mut total = g.value;
    let mut last = g.scale;
    let mut end = g.end;
    let weak = g.weak && g.end == i + 1;
    while last > 1.0 {
        if lex::newline(a, end) {
            break;
        }
        // "مليون ونصف (المليون)": one and a half.
        if let Some((k, "نصف")) = and_word(a, end) {
            total += 0.5 * last;
            end = k + 1;
            if def(a, end)
                .and_then(scale)
                .is_some_and(|(sc, _)| sc == last)
            {
                end += 1;
            }
            break;
        }
        // "و200 ألف" (a separate و), "وخمسمائة" (و as a proclitic) or
        // "و خمسمائة" (a free-standing و).
        let g2 = if word(a, end) == "و" && is_num(a, end + 1) {
            group(a, end + 1, "")
        } else if let Some((k, w)) = and_word(a, end) {
            group(a, k, w)
        } else {
            None
        };
        match g2 {
            Some(g2) if g2.value < last && g2.scale < last && g2.value > 0.0 => {
                total += g2.value;
                last = g2.scale;
                end = g2.end;
            }
            _ => break,
        }
    }
    let mut weak = weak;
    // "ثلاثة فاصلة خمسة", "3 فاصل 25": a decimal point said in words.
    if last == 1.0 && total.fract() == 0.0 && !lex::newline(a, end) {
        if let Some(f) = point(a, end) {
            total += f.value;
            end = f.end;
            weak = false;
            // "ثلاثة فاصلة خمسة مليون": 3.5 million.
            if let Some((sc, Scale::Single | Scale::Plural)) = scale(body(a, end)) {
                if !lex::newline(a, end) {
                    total *= sc;
                    end += 1;
                }
            }
        }
    }
    if !total.is_finite() {
        return None;
    }
    Some(Phrase {
        end,
        value: total,
        weak,
        strip,
    })
}

/// The decimals after "فاصلة" at `k`: up to six digits or a number below
/// 1000 in words, read as the digits after the point ("فاصلة خمسة وعشرون"
/// is .25). No scale word and no further point, so a chain of them stays
/// linear.
fn point(a: &Analysis<'_>, k: usize) -> Option<Group> {
    let comma = |w: &str| matches!(w, "فاصله" | "فاصل").then_some(());
    if either(a, k, comma).is_none() || lex::newline(a, k + 1) {
        return None;
    }
    let j = k + 1;
    let g = if is_num(a, j) {
        // Digits keep their leading zeros: "3 فاصل 05".
        let w = word(a, j);
        if !w.bytes().all(|b| b.is_ascii_digit()) || w.len() > 6 {
            return None;
        }
        let v = parse_digits(w)?;
        return Some(Group {
            value: v / 10f64.powi(w.len() as i32),
            scale: 1.0,
            end: j + 1,
            weak: false,
        });
    } else if is_arabic(a, j) {
        let (v, end, _) = small_words(a, j, body(a, j))?;
        Group {
            value: f64::from(v),
            scale: 1.0,
            end,
            weak: false,
        }
    } else {
        return None;
    };
    let mut div = 10.0;
    while div <= g.value {
        div *= 10.0;
    }
    Some(Group {
        value: g.value / div,
        ..g
    })
}

fn ordinal_stem(s: &str) -> Option<(u32, bool)> {
    // (value, feminine)
    Some(match s {
        "اول" => (1, false),
        "اولي" => (1, true),
        "ثاني" => (2, false),
        "ثانيه" => (2, true),
        "ثالث" => (3, false),
        "ثالثه" => (3, true),
        "رابع" => (4, false),
        "رابعه" => (4, true),
        "خامس" => (5, false),
        "خامسه" => (5, true),
        "سادس" => (6, false),
        "سادسه" => (6, true),
        "سابع" => (7, false),
        "سابعه" => (7, true),
        "ثامن" => (8, false),
        "ثامنه" => (8, true),
        "تاسع" => (9, false),
        "تاسعه" => (9, true),
        "عاشر" => (10, false),
        "عاشره" => (10, true),
        "حادي" => (11, false),
        "حاديه" => (11, true),
        _ => return None,
    })
}

/// A definite ordinal at token `j`: "الأول", "الثالثة عشرة", "الحادي
/// والعشرين", or "الـ20". Returns (end, value). Shared with the date rules
/// ("الخامس عشر من أكتوبر").
pub(crate) fn ordinal(a: &Analysis<'_>, j: usize) -> Option<(usize, u32)> {
    // "الـ20": the article written before digits.
    if word(a, j) == "ال" && tight(a, j + 1) {
        return int(a, j + 1).filter(|&v| v > 0).map(|v| (j + 2, v));
    }
    let (u, _) = ordinal_stem(def(a, j)?)?;
    if !lex::newline(a, j + 1) {
        // 11-19: "الحادي عشر", "الثالثة عشرة".
        if is_ten(body(a, j + 1)) && u < 12 {
            return Some((j + 2, if u == 11 { 11 } else { 10 + u }));
        }
        // 21-99: "الحادي والعشرين", "الحادي و العشرين".
        if let Some((k, t)) =
            and_word(a, j + 1).and_then(|(k, w)| Some((k, tens(w.strip_prefix("ال")?)?)))
        {
            if u < 10 || u == 11 {
                return Some((k + 1, t + u % 10));
            }
        }
    }
    if u == 11 {
        return None;
    }
    Some((j + 1, u))
}

/// Words that can start a number phrase or an ordinal, for the prefilter
/// [`starts`](crate::rules::starts::starts): the words of [`fraction`], [`scale`], [`unit`],
/// [`is_ten`], [`tens`], [`ordinal_stem`], the duals of [`hundreds`], and
/// "ال" before digits ("الـ20"); with [`DUALS`], all of [`start_words`].
/// Hundreds in -مائة/-مئة are tested apart.
/// [`phrase`] reads the body (or "واحد"/"واحدة" as written), [`ordinal`]
/// the stem after ال, [`bare_ordinal`] the word; the prefilter looks every
/// view up. A unit test checks the list against the functions.
pub(crate) const START_WORDS: &[&str] = &[
    // fraction()
    "نصف",
    "ثلث",
    "ربع",
    // scale()
    "الف",
    "الفا",
    "الاف",
    "الفان",
    "الفين",
    "الفي",
    "مليون",
    "مليونا",
    "ملايين",
    "مليونان",
    "مليونين",
    "مليوني",
    "مليار",
    "مليارا",
    "بليون",
    "بليونا",
    "مليارات",
    "بلايين",
    "ملياران",
    "مليارين",
    "ملياري",
    "تريليون",
    "تريليونا",
    "تريليونات",
    "تريليونان",
    "تريليونين",
    // hundreds(): the duals.
    "مائتان",
    "مائتين",
    "مائتا",
    "مائتي",
    "مئتان",
    "مئتين",
    "مئتا",
    "مئتي",
    // unit()
    "واحد",
    "واحده",
    "واحدا",
    "احد",
    "احدي",
    "اثنان",
    "اثنين",
    "اثنتان",
    "اثنتين",
    "اثنا",
    "اثني",
    "اثنتا",
    "اثنتي",
    "ثلاث",
    "ثلاثه",
    "اربع",
    "اربعه",
    "خمس",
    "خمسه",
    "سته",
    "ست",
    "سبعه",
    "سبع",
    "ثماني",
    "ثمانيه",
    "ثمان",
    "تسعه",
    "تسع",
    // is_ten(), tens()
    "عشر",
    "عشره",
    "عشرون",
    "عشرين",
    "ثلاثون",
    "ثلاثين",
    "اربعون",
    "اربعين",
    "خمسون",
    "خمسين",
    "ستون",
    "ستين",
    "سبعون",
    "سبعين",
    "ثمانون",
    "ثمانين",
    "تسعون",
    "تسعين",
    // ordinal_stem() (and bare_ordinal(), a subset)
    "اول",
    "اولي",
    "ثاني",
    "ثانيه",
    "ثالث",
    "ثالثه",
    "رابع",
    "رابعه",
    "خامس",
    "خامسه",
    "سادس",
    "سادسه",
    "سابع",
    "سابعه",
    "ثامن",
    "ثامنه",
    "تاسع",
    "تاسعه",
    "عاشر",
    "عاشره",
    "حادي",
    "حاديه",
    // ordinal(): "الـ20".
    "ال",
    // Egyptian and Levantine: unit(), teen(), tens(), hundreds(), scale().
    "اتنين",
    "تلاته",
    "تلات",
    "تمانيه",
    "تمانه",
    "تماني",
    "حداشر",
    "احداشر",
    "حدعش",
    "احدعش",
    "اتناشر",
    "اطناشر",
    "تناشر",
    "اتنعش",
    "تنعش",
    "تلتاشر",
    "تلطاشر",
    "تلتعش",
    "تلطعش",
    "اربعتاشر",
    "اربعطاشر",
    "اربعتعش",
    "اربطعش",
    "خمستاشر",
    "خمسطاشر",
    "خمستعش",
    "خمسطعش",
    "ستاشر",
    "سطاشر",
    "ستعش",
    "سطعش",
    "سبعتاشر",
    "سبعطاشر",
    "سبعتعش",
    "سبعطعش",
    "تمنتاشر",
    "تمنطاشر",
    "تمنتعش",
    "تمنطعش",
    "تسعتاشر",
    "تسعطاشر",
    "تسعتعش",
    "تسعطعش",
    "تلاتين",
    "تمانين",
    "ميتين",
    "متين",
    "ميه",
    "تلتميه",
    "تلاتميه",
    "ربعميه",
    "اربعميه",
    "خمسميه",
    "ستميه",
    "سيتميه",
    "سبعميه",
    "تمنميه",
    "تمانميه",
    "تسعميه",
    "تلاف",
    // zero()
    "صفر",
];

/// Every word that can start a number phrase or an ordinal:
/// [`START_WORDS`] and [`DUALS`].
pub(crate) fn start_words() -> impl Iterator<Item = &'static str> {
    START_WORDS.iter().chain(DUALS).copied()
}

/// Duals of currencies and units that count two alone ("دفع دولارين",
/// "كوبان من الماء"); [`currency`] and [`unit_code`] read them. Not
/// "ميلان" (Milan) nor "طنين" (a buzz).
const DUALS: &[&str] = &[
    "دولاران",
    "دولارين",
    "جنيهان",
    "جنيهين",
    "ريالان",
    "ريالين",
    "درهمان",
    "درهمين",
    "ديناران",
    "دينارين",
    "ليرتان",
    "ليرتين",
    "كيلومتران",
    "كيلومترين",
    "متران",
    "مترين",
    "لتران",
    "لترين",
    "كوبان",
    "كوبين",
    "غالونان",
    "غالونين",
    "درجتان",
    "درجتين",
];

/// An indefinite ordinal: before a noun ("أول زيارة", "ثالث أكبر"), a
/// teen ("خامس عشر", "ثالثة عشرة"), a compound with the tens ("حادي
/// وعشرون"), or a word standing alone between punctuation or line ends
/// ("ثالث"). Not in names ("آل ثاني") or chemistry ("ثاني أكسيد").
fn bare_ordinal(a: &Analysis<'_>, j: usize) -> Option<(usize, u32)> {
    if a.segs[j].pro_len != 0 || j > 0 && word(a, j - 1) == "ال" {
        return None;
    }
    let (u, feminine) = ordinal_stem(word(a, j))?;
    let next = !lex::newline(a, j + 1) && is_arabic(a, j + 1);
    if next {
        // 11-19: "حادي عشر", "خامسة عشرة".
        if is_ten(word(a, j + 1)) && (2..=11).contains(&u) {
            return Some((j + 2, if u == 11 { 11 } else { 10 + u }));
        }
        // 21-99: "حادي وعشرون", "خامس و عشرين".
        if let Some((k, t)) = and_word(a, j + 1).and_then(|(k, w)| Some((k, tens(w)?))) {
            if u < 10 || u == 11 {
                return Some((k + 1, t + u % 10));
            }
        }
    }
    // "حادي" is only part of a compound; before a noun, only the
    // masculine forms count.
    if u == 11 {
        return None;
    }
    if next {
        return match body(a, j + 1) {
            "اكسيد" | "كلوريد" | "كبريتيد" => None,
            _ if feminine => None,
            _ => Some((j + 1, u)),
        };
    }
    // Alone, "ثانية" is also a second of time and "رابعة" a name.
    if feminine && matches!(u, 2 | 4) {
        return None;
    }
    // Alone: nothing but punctuation or a line end on either side.
    let edge = |k: usize| k >= a.tokens.len() || lex::newline(a, k) || lex::is_punct(a, k);
    let before = j == 0 || lex::newline(a, j) || lex::is_punct(a, j - 1);
    (before && edge(j + 1)).then_some((j + 1, u))
}

/// A definite tens word or hundred as an ordinal ("الذكرى الخمسين",
/// "الذكرى المئة", "التسعون" alone):
/// after a definite noun that is not a sound plural ("الدورات الخمسين" are
/// fifty sessions), or standing alone. Not after a verb or preposition
/// ("بلغ الستين", "في الأربعين": ages) nor an indefinite noun ("مجموعة
/// العشرين").
fn tens_ordinal(a: &Analysis<'_>, j: usize) -> Option<(usize, u32)> {
    let d = def(a, j)?;
    // "الذكرى المئة": the hundredth, after a noun that counts occasions
    // ("الأفلام الأمريكية المائة الأفضل" are a hundred films).
    let t = match tens(d) {
        Some(t) => t,
        None if matches!(d, "مئه" | "مائه") => {
            let occasion = j > 0
                && def(a, j - 1).is_some_and(|p| {
                    matches!(
                        p,
                        "ذكري"
                            | "دوره"
                            | "نسخه"
                            | "مره"
                            | "عام"
                            | "سنه"
                            | "جلسه"
                            | "حلقه"
                            | "قمه"
                    )
                });
            if !occasion {
                return None;
            }
            100
        }
        None => return None,
    };
    // "الأربع والعشرين": the tens of a compound count; "بالمئة": a
    // percent; "الثلاثين يوما": a count before its accusative noun.
    let next = word(a, j + 1);
    let counted = !lex::newline(a, j + 1)
        && is_arabic(a, j + 1)
        && a.segs[j + 1].pro_len == 0
        && next.ends_with('ا')
        && !next.ends_with("ها")
        && !next.starts_with("ال");
    if a.segs[j].pro_len != 0 || wa(a, j).is_some() || counted {
        return None;
    }
    let edge = |k: usize| k >= a.tokens.len() || lex::newline(a, k) || lex::is_punct(a, k);
    let alone = (j == 0 || lex::newline(a, j) || lex::is_punct(a, j - 1)) && edge(j + 1);
    let after_noun = j > 0
        && !lex::newline(a, j)
        && def(a, j - 1).is_some_and(|d| {
            !d.ends_with("ات")
                && !d.ends_with("ين")
                && !d.ends_with("ون")
                && ordinal_stem(d).is_none()
                && unit(d).is_none()
                && tens(d).is_none()
        });
    (alone || after_noun).then_some((j + 1, t))
}

/// `f` of the body of token `k`, else of the word as written: the
/// segmenter may split a "proclitic" off a unit or currency word ("فلس",
/// "فرنك", "بنس", "كوبان").
fn either<'a, T>(a: &'a Analysis<'_>, k: usize, f: impl Fn(&'a str) -> Option<T>) -> Option<T> {
    f(body(a, k)).or_else(|| f(word(a, k)))
}

/// ISO 4217 codes read after or before a number ("100 USD", "LBP 5000").
const ISO_CODES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CNY", "CHF", "CAD", "AUD", "NZD", "SGD", "HKD", "SEK", "NOK",
    "DKK", "KRW", "BRL", "MXN", "ZAR", "RUB", "INR", "PKR", "TRY", "IRR", "ILS", "SAR", "AED",
    "QAR", "KWD", "BHD", "OMR", "YER", "JOD", "IQD", "SYP", "LBP", "EGP", "SDG", "LYD", "TND",
    "DZD", "MAD", "MRU", "SOS", "DJF",
];

/// The ISO code at token `k` (a Latin word of [`ISO_CODES`]).
fn iso_code(a: &Analysis<'_>, k: usize) -> Option<&'static str> {
    if a.tokens.get(k)?.kind != TokenKind::Latin {
        return None;
    }
    let w = word(a, k);
    ISO_CODES.iter().copied().find(|&c| c == w)
}

/// A currency after a number at `k`.
#[derive(Debug, Clone, Copy)]
struct Currency {
    /// Tokens used.
    len: usize,
    /// ISO 4217 code, or None when the word names several currencies.
    code: Option<&'static str>,
    /// The currency word's kind.
    kind: Kind,
}

/// Kinds of currency words that name several currencies, and the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Dollar,
    Pound,
    Riyal,
    Dirham,
    Dinar,
    Lira,
    Rupee,
    Franc,
    /// A word, code or symbol of one currency.
    Other,
}

/// ISO 4217 code of a currency word with an optional nationality adjective,
/// an abbreviation ("ج.م"), a code ("USD") or a symbol ("$").
fn currency(a: &Analysis<'_>, k: usize) -> Option<Currency> {
    if lex::newline(a, k) {
        return None;
    }
    currency_word(a, k)
}

/// [`currency`] at `k`, wherever the line starts.
fn currency_word(a: &Analysis<'_>, k: usize) -> Option<Currency> {
    let fixed = |len: usize, code: &'static str| Currency {
        len,
        code: Some(code),
        kind: Kind::Other,
    };
    // Latin ISO codes ("100 USD").
    if a.tokens.get(k)?.kind == TokenKind::Latin {
        return iso_code(a, k).map(|c| fixed(1, c));
    }
    // Symbols right after the number ("100$", "50 €").
    if lex::is_punct(a, k) {
        return symbol(word(a, k)).map(|c| fixed(1, c));
    }
    if let Some(c) = abbreviation(a, k) {
        return Some(Currency {
            len: 3,
            code: c,
            kind: Kind::Other,
        });
    }
    /// A kind, or the code of a word of one currency.
    enum C {
        Of(Kind),
        Fixed(&'static str),
    }
    use Kind::*;
    let kind = |w: &str| -> Option<C> {
        Some(match w {
            "دولار" | "دولارا" | "دولارات" | "دولاران" | "دولارين" => {
                C::Of(Dollar)
            }
            "يورو" | "يوروات" | "يوروهات" | "اورو" | "اوروات" => {
                C::Fixed("EUR")
            }
            "جنيه" | "جنيها" | "جنيهات" | "جنيهان" | "جنيهين" => {
                C::Of(Pound)
            }
            "استرليني" => C::Fixed("GBP"),
            "ريال" | "ريالا" | "ريالات" | "ريالان" | "ريالين" => {
                C::Of(Riyal)
            }
            "درهم" | "درهما" | "دراهم" | "درهمان" | "درهمين" => {
                C::Of(Dirham)
            }
            "دينار" | "دينارا" | "دنانير" | "ديناران" | "دينارين" => {
                C::Of(Dinar)
            }
            "ليره" | "ليرات" | "ليرتان" | "ليرتين" => C::Of(Lira),
            "روبل" | "روبلا" | "روبلات" => C::Fixed("RUB"),
            "ين" => C::Fixed("JPY"),
            "يوان" => C::Fixed("CNY"),
            "روبيه" | "روبيات" => C::Of(Rupee),
            "فرنك" | "فرنكا" | "فرنكات" => C::Of(Franc),
            "شيكل" | "شيكلا" | "شيكلات" | "شيقل" | "شيقلا" | "شيقلات" | "شواقل" | "شواكل" => {
                C::Fixed("ILS")
            }
            "تومان" => C::Fixed("IRR"),
            _ => return None,
        })
    };
    let c = either(a, k, kind)?;
    let c = match c {
        C::Fixed(code) => return Some(fixed(1, code)),
        C::Of(kind) => kind,
    };
    let adj = adjective(body(a, k + 1));
    let with = match (&c, adj) {
        (Dollar, "امريكي" | "اميركي") => Some("USD"),
        (Dollar, "كندي") => Some("CAD"),
        (Dollar, "استرالي") => Some("AUD"),
        (Dollar, "سنغافوري") => Some("SGD"),
        (Dollar, "نيوزيلندي") => Some("NZD"),
        (Pound, "مصري") => Some("EGP"),
        (Pound, "استرليني") => Some("GBP"),
        (Pound, "سوداني") => Some("SDG"),
        (Riyal, "سعودي") => Some("SAR"),
        (Riyal, "قطري") => Some("QAR"),
        (Riyal, "عماني") => Some("OMR"),
        (Riyal, "يمني") => Some("YER"),
        (Riyal, "ايراني") => Some("IRR"),
        (Dirham, "اماراتي") => Some("AED"),
        (Dirham, "مغربي") => Some("MAD"),
        (Dinar, "كويتي") => Some("KWD"),
        (Dinar, "اردني") => Some("JOD"),
        (Dinar, "عراقي") => Some("IQD"),
        (Dinar, "ليبي") => Some("LYD"),
        (Dinar, "تونسي") => Some("TND"),
        (Dinar, "جزائري") => Some("DZD"),
        (Dinar, "بحريني") => Some("BHD"),
        (Lira, "تركي") => Some("TRY"),
        (Lira, "لبناني") => Some("LBP"),
        (Lira, "سوري") => Some("SYP"),
        (Rupee, "هندي") => Some("INR"),
        (Rupee, "باكستاني") => Some("PKR"),
        (Franc, "سويسري") => Some("CHF"),
        _ => None,
    };
    if with.is_some() && !lex::newline(a, k + 1) {
        return Some(Currency {
            len: 2,
            code: with,
            kind: c,
        });
    }
    // Alone: the dollar is the US dollar and the pound (جنيه) the Egyptian
    // pound; riyal, dirham, dinar, lira, rupee and franc name several
    // currencies, so they get no code.
    Some(Currency {
        len: 1,
        code: match c {
            Dollar => Some("USD"),
            Pound => Some("EGP"),
            _ => None,
        },
        kind: c,
    })
}

/// A nationality adjective without its agreement ending: امريكي/امريكيا/
/// امريكيه all give امريكي.
fn adjective(w: &str) -> &str {
    w.strip_suffix('ا')
        .or_else(|| w.strip_suffix('ه'))
        .unwrap_or(w)
}

/// A currency abbreviation at `k`: two letters around a point, written
/// tight ("ج.م", "د.ك", "ر.س", "د.إ"). Returns its code (None for "د.ا",
/// which is AED as "د.إ" and JOD as "د.أ"). Both letters must be single
/// letters, so "د.كمال" (Dr Kamal) is no currency.
fn abbreviation(a: &Analysis<'_>, k: usize) -> Option<Option<&'static str>> {
    if !is_arabic(a, k) || !punct(a, k + 1, '.') || !tight(a, k + 1) || !tight(a, k + 2) {
        return None;
    }
    if !is_arabic(a, k + 2) || lex::is_arabic(a, k + 3) && tight(a, k + 3) {
        return None;
    }
    let (x, y) = (word(a, k), word(a, k + 2));
    if x.chars().count() != 1 || y.chars().count() != 1 {
        return None;
    }
    Some(Some(match (x, y) {
        ("ج", "م") => "EGP",
        ("ج", "س") => "SDG",
        ("د", "ك") => "KWD",
        ("د", "ب") => "BHD",
        ("د", "ع") => "IQD",
        ("د", "ل") => "LYD",
        ("د", "ت") => "TND",
        ("د", "ج") => "DZD",
        ("د", "م") => "MAD",
        ("د", "ا") => {
            // إ and أ both normalize to ا: ask the original text.
            let t = a.tokens[k + 2];
            let (os, oe) = a.norm.to_original(a.text, t.start as usize, t.end as usize);
            return Some(match a.text.get(os..oe).unwrap_or("") {
                "إ" => Some("AED"),
                "أ" => Some("JOD"),
                _ => None,
            });
        }
        ("ر", "س") => "SAR",
        ("ر", "ق") => "QAR",
        ("ر", "ع") => "OMR",
        ("ر", "ي") => "YER",
        ("ل", "ل") => "LBP",
        ("ل", "س") => "SYP",
        ("ل", "ت") => "TRY",
        _ => return None,
    }))
}

/// A currency's sub-unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sub {
    /// سنت: a hundredth of a dollar or euro.
    Cent,
    /// قرش: a hundredth of a pound (or of a Jordanian dinar).
    Piastre,
    /// فلس: a thousandth of a dinar, a hundredth of a dirham or riyal.
    Fils,
    /// هللة: a hundredth of the Saudi riyal.
    Halala,
    /// سنتيم: a hundredth of the Moroccan dirham or the Algerian dinar.
    Centime,
    /// مليم: a thousandth of the Tunisian dinar (and the Egyptian pound).
    Millime,
    /// بنس: a hundredth of the pound sterling.
    Penny,
}

/// A sub-unit word at `k`, with an optional nationality adjective: (tokens
/// used, the sub-unit, the code the adjective gives).
fn subunit(a: &Analysis<'_>, k: usize) -> Option<(usize, Sub, Option<&'static str>)> {
    if lex::newline(a, k) || !is_arabic(a, k) {
        return None;
    }
    let read = |w: &str| -> Option<Sub> {
        Some(match w {
            "سنت" | "سنتا" | "سنتات" => Sub::Cent,
            "قرش" | "قرشا" | "قروش" | "قرشان" | "قرشين" => Sub::Piastre,
            "فلس" | "فلسا" | "فلوس" | "فلسات" => Sub::Fils,
            "هلله" | "هللات" | "هللتان" | "هللتين" => Sub::Halala,
            "سنتيم" | "سنتيما" | "سنتيمات" => Sub::Centime,
            "مليم" | "مليما" | "مليمات" => Sub::Millime,
            "بنس" | "بنسا" | "بنسات" => Sub::Penny,
            _ => return None,
        })
    };
    let sub = either(a, k, read)?;
    let code = match adjective(body(a, k + 1)) {
        _ if lex::newline(a, k + 1) => None,
        "امريكي" | "اميركي" => Some("USD"),
        "كندي" => Some("CAD"),
        "مصري" => Some("EGP"),
        "سوري" => Some("SYP"),
        "لبناني" => Some("LBP"),
        "اردني" => Some("JOD"),
        "كويتي" => Some("KWD"),
        "بحريني" => Some("BHD"),
        "عراقي" => Some("IQD"),
        "اماراتي" => Some("AED"),
        "يمني" => Some("YER"),
        "سعودي" => Some("SAR"),
        "مغربي" => Some("MAD"),
        "جزائري" => Some("DZD"),
        "تونسي" => Some("TND"),
        _ => None,
    };
    Some((1 + usize::from(code.is_some()), sub, code))
}

/// How many sub-units make the currency `code`, or, without a code, a
/// dinar (`Some(true)`), another currency word (`Some(false)`) or no word
/// at all (`None`: the sub-unit stands alone).
fn per_unit(sub: Sub, code: Option<&str>, dinar: Option<bool>) -> f64 {
    let thousandths = match (code, dinar) {
        (Some(c), _) => matches!(c, "KWD" | "BHD" | "IQD" | "JOD" | "OMR" | "TND" | "LYD"),
        (None, Some(d)) => d,
        // Alone, a fils is most often a dinar's (Kuwait, Bahrain, Jordan,
        // Iraq) and a millime the Tunisian dinar's.
        (None, None) => true,
    };
    match sub {
        Sub::Fils | Sub::Millime if thousandths => 1000.0,
        _ => 100.0,
    }
}

/// The code a sub-unit gives alone: the cent is the US dollar's (as the
/// dollar alone is), the piastre the Egyptian pound's, the halala the
/// Saudi riyal's, the penny sterling's; fils, centime and millime belong to
/// several currencies.
fn sub_code(sub: Sub) -> Option<&'static str> {
    match sub {
        Sub::Cent => Some("USD"),
        Sub::Piastre => Some("EGP"),
        Sub::Halala => Some("SAR"),
        Sub::Penny => Some("GBP"),
        Sub::Fils | Sub::Centime | Sub::Millime => None,
    }
}

/// The currency a sub-unit alone at `start` belongs to, when the 40 tokens
/// before name one it can belong to ("سعره 13 درهما ... 15 فلسا").
fn parent(a: &Analysis<'_>, start: usize, sub: Sub) -> Option<Currency> {
    use Kind::*;
    (start.saturating_sub(40)..start)
        .rev()
        .filter(|&k| is_arabic(a, k) || a.tokens[k].kind == TokenKind::Latin)
        .filter_map(|k| currency_word(a, k))
        .find(|c| match sub {
            Sub::Cent => c.kind == Dollar || matches!(c.code, Some("EUR" | "CAD" | "AUD" | "USD")),
            Sub::Piastre => {
                matches!(c.kind, Pound | Lira)
                    || matches!(c.code, Some("EGP" | "LBP" | "SYP" | "SDG" | "JOD"))
            }
            Sub::Fils => {
                matches!(c.kind, Dinar | Dirham)
                    || matches!(c.code, Some("KWD" | "BHD" | "IQD" | "JOD" | "AED" | "YER"))
            }
            Sub::Centime => {
                matches!(c.kind, Dinar | Dirham) || matches!(c.code, Some("MAD" | "DZD"))
            }
            Sub::Millime => c.kind == Dinar || matches!(c.code, Some("TND" | "EGP")),
            Sub::Halala | Sub::Penny => false,
        })
}

/// Sub-units joined by و to an amount ending at `end` in currency `cur`
/// ("20 دولارا و50 سنتا"): (new end, value in the currency). Only fewer
/// sub-units than make one unit count.
fn sub_amount(a: &Analysis<'_>, end: usize, cur: Currency) -> Option<(usize, f64)> {
    if lex::newline(a, end) {
        return None;
    }
    let k = if word(a, end) == "و" && is_num(a, end + 1) && !lex::newline(a, end + 1) {
        end + 1
    } else {
        let (k, _) = and_word(a, end)?;
        k
    };
    let p = phrase(a, k)?;
    let (n, sub, code) = subunit(a, p.end)?;
    if code.is_some() && cur.code.is_some() && code != cur.code {
        return None;
    }
    let per = per_unit(sub, cur.code, Some(cur.kind == Kind::Dinar));
    if p.value <= 0.0 || p.value >= per {
        return None;
    }
    Some((p.end + n, p.value / per))
}

fn symbol(s: &str) -> Option<&'static str> {
    Some(match s {
        "$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY",
        "₺" => "TRY",
        "₽" => "RUB",
        "₹" => "INR",
        "₪" => "ILS",
        _ => return None,
    })
}

/// A measure after a number.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Measure {
    /// Tokens used.
    len: usize,
    /// UCUM code of the unit ("km", "kg", "L", "Cel"); an annotation in
    /// braces for units UCUM lacks ("{feddan}", "{dunam}", "{Richter}").
    unit: &'static str,
    /// "تحت الصفر": below zero, the value is negative.
    below_zero: bool,
}

/// UCUM code of a unit word.
fn unit_code(w: &str) -> Option<&'static str> {
    Some(match w {
        "كيلومتر" | "كيلومترا" | "كيلومترات" | "كلم" | "كم" | "كيلومتران" | "كيلومترين" => {
            "km"
        }
        "متر" | "مترا" | "امتار" | "مترات" | "متران" | "مترين" => "m",
        "سنتيمتر" | "سنتيمترا" | "سنتيمترات" | "سم" => "cm",
        "مليمتر" | "مليمترا" | "مليمترات" | "ملم" => "mm",
        "ميل" | "ميلا" | "اميال" => "[mi_i]",
        "قدم" | "اقدام" => "[ft_i]",
        "بوصه" | "بوصات" | "انش" | "انشات" => "[in_i]",
        "طن" | "طنا" | "اطنان" => "t",
        "كيلوغرام"
        | "كيلوغراما"
        | "كيلوغرامات"
        | "كيلوجرام"
        | "كيلوجراما"
        | "كيلوجرامات"
        | "كغ"
        | "كلغ"
        | "كجم"
        | "كغم"
        | "كيلو" => "kg",
        "غرام" | "غراما" | "غرامات" | "جرام" | "جراما" | "جرامات" | "غم" | "جم" => {
            "g"
        }
        "مليغرام" | "مليغراما" | "مليغرامات" | "مليجرام" | "ملغ" | "ملجم" | "ملغم" => {
            "mg"
        }
        "رطل" | "رطلا" | "ارطال" => "[lb_av]",
        "اونصه" | "اونصات" | "اونس" => "[oz_av]",
        "برميل" | "برميلا" | "براميل" => "[bbl_us]",
        "لتر" | "لترا" | "لترات" | "ليتر" | "ليترا" | "ليترات" | "لتران" | "لترين" => {
            "L"
        }
        "مل" | "مليلتر" | "مليلترا" | "مليلترات" | "ملليلتر" | "ميليلتر" | "ملل" => {
            "mL"
        }
        "هكتولتر" | "هكتوليتر" | "هكتولترات" | "هكتوليترات" => {
            "hL"
        }
        "غالون" | "غالونا" | "غالونات" | "جالون" | "جالونا" | "جالونات" | "غالونان" | "غالونين" => {
            "[gal_us]"
        }
        "كوب" | "كوبا" | "اكواب" | "كوبان" | "كوبين" => "[cup_us]",
        "هكتار" | "هكتارا" | "هكتارات" => "har",
        "فدان" | "فدانا" | "افدنه" => "{feddan}",
        "دونم" | "دونما" | "دونمات" => "{dunam}",
        "ميغاواط" | "ميغاوات" | "ميجاوات" | "ميجاواط" => "MW",
        "غيغاواط" | "غيغاوات" | "جيجاوات" | "جيجاواط" => "GW",
        "كيلوواط" | "كيلووات" => "kW",
        "واط" => "W",
        "سلزيوس" | "سيلسيوس" | "سيلزيوس" | "مئويه" => "Cel",
        "فهرنهايت" | "فهرنهيت" => "[degF]",
        _ => return None,
    })
}

/// UCUM code of a unit written in Latin letters ("50 km").
fn latin_unit(w: &str) -> Option<&'static str> {
    Some(match w {
        "km" => "km",
        "cm" => "cm",
        "mm" => "mm",
        "kg" => "kg",
        "mg" => "mg",
        "ml" | "mL" => "mL",
        "MW" => "MW",
        "GW" => "GW",
        "kW" => "kW",
        "ha" => "har",
        _ => return None,
    })
}

/// A measure unit at token `k` ("كيلومترا", "متر مربع", "درجة مئوية",
/// "°C", "درجات تحت الصفر").
fn unit_word(a: &Analysis<'_>, k: usize) -> Option<Measure> {
    if lex::newline(a, k) {
        return None;
    }
    measure(a, k)
}

/// [`unit_word`] at `k`, wherever the line starts.
fn measure(a: &Analysis<'_>, k: usize) -> Option<Measure> {
    let mk = |len: usize, unit: &'static str| Measure {
        len,
        unit,
        below_zero: false,
    };
    let mut m = match a.tokens.get(k)?.kind {
        TokenKind::Latin => mk(1, latin_unit(word(a, k))?),
        TokenKind::Punct => match word(a, k) {
            // "30°", "30 °C", "86°F", "30°م", "86 °ف".
            "°" => {
                let next = if tight(a, k + 1) { word(a, k + 1) } else { "" };
                match next {
                    "C" | "م" => mk(2, "Cel"),
                    "F" | "ف" => mk(2, "[degF]"),
                    _ => mk(1, "Cel"),
                }
            }
            "℃" => mk(1, "Cel"),
            "℉" => mk(1, "[degF]"),
            _ => return None,
        },
        TokenKind::Arabic => {
            let deg = |w: &str| matches!(w, "درجه" | "درجات" | "درجتان" | "درجتين").then_some(());
            if either(a, k, deg).is_some() {
                degree(a, k)
            } else {
                // "كيلو متر", "ملي لتر": a prefix written apart.
                let next = if lex::newline(a, k + 1) {
                    None
                } else {
                    either(a, k + 1, unit_code)
                };
                // "كم2", "م²": a power written right after the unit.
                let tight_power = |j: usize| match word(a, j) {
                    _ if !tight(a, j) => None,
                    "2" | "²" => Some(2),
                    "3" | "³" => Some(3),
                    _ => None,
                };
                let (unit, n) = match (body(a, k), next) {
                    ("م", _) if tight_power(k + 1).is_some() => ("m", 1),
                    ("كيلو", Some("m")) => ("km", 2),
                    ("كيلو", Some("g")) => ("kg", 2),
                    ("كيلو", Some("W")) => ("kW", 2),
                    ("ملي", Some("m")) => ("mm", 2),
                    ("ملي", Some("L")) => ("mL", 2),
                    ("ملي", Some("g")) => ("mg", 2),
                    ("سنتي", Some("m")) => ("cm", 2),
                    _ => (either(a, k, unit_code)?, 1),
                };
                // "مربع"/"مكعب" after a length: km2, m3.
                let power = match body(a, k + n) {
                    _ if tight_power(k + n).is_some() => tight_power(k + n),
                    _ if lex::newline(a, k + n) => None,
                    "مربع" | "مربعا" | "مربعه" => Some(2),
                    "مكعب" | "مكعبا" | "مكعبه" => Some(3),
                    _ => None,
                };
                match (power, unit) {
                    (Some(2), "km") => mk(n + 1, "km2"),
                    (Some(2), "m") => mk(n + 1, "m2"),
                    (Some(2), "cm") => mk(n + 1, "cm2"),
                    (Some(2), "mm") => mk(n + 1, "mm2"),
                    (Some(2), "[mi_i]") => mk(n + 1, "[mi_i]2"),
                    (Some(2), "[ft_i]") => mk(n + 1, "[ft_i]2"),
                    (Some(3), "m") => mk(n + 1, "m3"),
                    (Some(3), "cm") => mk(n + 1, "cm3"),
                    (Some(3), "[ft_i]") => mk(n + 1, "[ft_i]3"),
                    (Some(3), "km") => mk(n + 1, "km3"),
                    // "ميل بحري": a nautical mile; "طن متري": a tonne.
                    _ => match (unit, adjective(body(a, k + n))) {
                        _ if lex::newline(a, k + n) => mk(n, unit),
                        ("[mi_i]", "بحري") => mk(n + 1, "[nmi_i]"),
                        ("t", "متري") => mk(n + 1, "t"),
                        _ => mk(n, unit),
                    },
                }
            }
        }
        TokenKind::Number => return None,
    };
    if m.unit == "Cel" || m.unit == "[degF]" {
        let e = k + m.len;
        if word(a, e) == "تحت" && word(a, e + 1) == "الصفر" && !lex::newline(a, e) {
            m.len += 2;
            m.below_zero = true;
        }
    }
    Some(m)
}

/// "درجة" or "درجات" at `k` with what names its scale: Celsius
/// ("مئوية", "سلزيوس"), Fahrenheit, or the Richter scale of an earthquake
/// ("بقوة 5 درجات على مقياس ريختر"). Alone, a degree in the news is a
/// temperature.
fn degree(a: &Analysis<'_>, k: usize) -> Measure {
    let mk = |len: usize, unit: &'static str| Measure {
        len,
        unit,
        below_zero: false,
    };
    let scale = |w: &str| match w {
        "مئويه" | "مئوي" | "مئويتان" | "مئويتين" | "سلزيوس" | "سيلسيوس" | "سيلزيوس" => {
            Some("Cel")
        }
        "فهرنهايت" | "فهرنهيت" => Some("[degF]"),
        _ => None,
    };
    if !lex::newline(a, k + 1) {
        if let Some(u) = either(a, k + 1, scale) {
            return mk(2, u);
        }
    }
    let richter = |j: usize| matches!(word(a, j), "ريختر" | "رختر");
    let before =
        |f: fn(&str) -> bool| (1..=3).any(|d| k.checked_sub(d).is_some_and(|j| f(word(a, j))));
    if (k + 1..k + 4).any(richter) || before(|w| matches!(w, "بقوه" | "قوته" | "قوتها"))
    {
        return mk(1, "{Richter}");
    }
    // "زاوية 90 درجة": an angle.
    if before(|w| matches!(w, "زاويه" | "بزاويه")) {
        return mk(1, "deg");
    }
    mk(1, "Cel")
}

/// Percent sign or words after a number at token `k`; returns tokens used.
fn percent(a: &Analysis<'_>, k: usize) -> Option<usize> {
    if lex::newline(a, k) {
        return None;
    }
    if punct(a, k, '%') {
        return Some(1);
    }
    match word(a, k) {
        "بالمئه" | "بالمائه" | "بالميه" => Some(1),
        "في" if matches!(word(a, k + 1), "المئه" | "المائه" | "الميه")
            && !lex::newline(a, k + 1) =>
        {
            Some(2)
        }
        _ => None,
    }
}

/// The approximation before token `s` (or after token `e`), if any.
fn modifier(a: &Analysis<'_>, s: usize, e: usize) -> Option<&'static str> {
    let w = |k: usize| -> &str {
        if k < s && k + 4 >= s {
            word(a, k)
        } else {
            ""
        }
    };
    let is = |k: Option<usize>, f: &dyn Fn(&str) -> bool| {
        k.is_some_and(|k| lex::loose(w(k), f).is_some())
    };
    let p1 = s.checked_sub(1);
    let p2 = s.checked_sub(2);
    let p3 = s.checked_sub(3);
    let p4 = s.checked_sub(4);
    let is_ma = |k: Option<usize>| k.is_some_and(|k| w(k) == "ما");
    let ala = |x: &str| matches!(x, "علي" | "عن");
    // "ما لا يقل عن" / "ما لا يزيد على".
    if is(p1, &ala) && is_ma(p4) && p3.is_some_and(|k| w(k) == "لا") {
        match p2.map(w) {
            Some("يقل") => return Some("at_least"),
            Some("يزيد") => return Some("at_most"),
            _ => {}
        }
    }
    if is(p1, &ala) || p1.is_some_and(|k| w(k) == "من") {
        let verb = p2.map(w).unwrap_or("");
        let m = match verb {
            "يزيد" | "يربو" | "يزيدون" => Some("more_than"),
            "يقل" => Some("less_than"),
            "يقرب" => Some("about"),
            _ => None,
        };
        if m.is_some() && is_ma(p3) {
            return m;
        }
        if p1.is_some_and(|k| w(k) == "من") {
            if is(p2, &|x| matches!(x, "اكثر" | "ازيد")) {
                return Some("more_than");
            }
            if is(p2, &|x| x == "اقل") {
                return Some("less_than");
            }
        }
    }
    if is_ma(p2) {
        match p1.map(w) {
            Some("يناهز" | "يقارب") => return Some("about"),
            Some("يفوق" | "يتجاوز") => return Some("more_than"),
            _ => {}
        }
    }
    if is(p1, &|x| {
        matches!(x, "نحو" | "حوالي" | "قرابه" | "زهاء" | "يناهز")
    }) {
        return Some("about");
    }
    if body(a, e) == "تقريبا" {
        return Some("about");
    }
    if word(a, e) == "علي" {
        match def(a, e + 1) {
            Some("اقل") => return Some("at_least"),
            Some("اكثر") => return Some("at_most"),
            _ => {}
        }
    }
    None
}

/// A minus sign or a decimal point written right before the digits at `i`
/// ("-3.5", ".25", "٫٥" as normalized, "-.5"): the token the number then
/// starts at and its value. A mark counts only when it stands apart from
/// what precedes it, so a dash between two numbers ("10-12") or inside a
/// code ("F-16", "كوفيد-19") is no sign, and "v.2" no fraction.
fn signed(a: &Analysis<'_>, i: usize, v: f64) -> (usize, f64) {
    if i == 0 || !tight(a, i) || !is_num(a, i) {
        return (i, v);
    }
    // The mark at `k` follows a space, an opening bracket or quote, or
    // nothing.
    let apart = |k: usize| {
        k == 0
            || !tight(a, k)
            || matches!(
                word(a, k - 1),
                "(" | "[" | "«" | "\"" | "'" | "،" | ":" | "="
            )
    };
    let minus = |k: usize| punct(a, k, '-') || punct(a, k, '\u{2212}');
    let mut start = i;
    let mut value = v;
    let digits = word(a, i);
    if punct(a, i - 1, '.') && digits.bytes().all(|b| b.is_ascii_digit()) && digits.len() <= 15 {
        let point = i - 1;
        let frac = v / 10f64.powi(digits.len() as i32);
        if apart(point) {
            start = point;
            value = frac;
        } else if point > 0 && minus(point - 1) && tight(a, point) && apart(point - 1) {
            return (point - 1, -frac);
        } else {
            return (i, v);
        }
    }
    if start > 0 && minus(start - 1) && tight(a, start) && apart(start - 1) {
        return (start - 1, -value);
    }
    (start, value)
}

/// A dual of a currency or unit alone at `i` ([`DUALS`]): MONEY or
/// QUANTITY two.
fn dual(a: &Analysis<'_>, i: usize) -> Option<Candidate> {
    if !DUALS.contains(&body(a, i)) && !DUALS.contains(&word(a, i)) {
        return None;
    }
    let mut c;
    if let Some(cur) = currency_word(a, i) {
        c = Candidate::new(i, i + cur.len, Label::Money, Source::Rule, 3);
        c.attrs.currency = cur.code.map(str::to_string);
    } else {
        let m = measure(a, i)?;
        c = Candidate::new(i, i + m.len, Label::Quantity, Source::Rule, 3);
        c.attrs.unit = Some(m.unit.to_string());
    }
    c.attrs.value = Some(Value::Number(2.0));
    c.attrs.modifier = modifier(a, i, c.end).map(str::to_string);
    Some(c)
}

/// "ونصف" or "وربع" after a whole amount below 1000 with its unit or
/// currency ("ثلاثة لترات ونصف": 3.5 L), not before a noun it governs
/// ("ونصف المبلغ"): (new end, the fraction).
fn and_part(a: &Analysis<'_>, end: usize, value: f64) -> Option<(usize, f64)> {
    if lex::newline(a, end) || value.fract() != 0.0 || !(1.0..1000.0).contains(&value) {
        return None;
    }
    let (k, w) = and_word(a, end)?;
    let f = match w {
        "نصف" => 0.5,
        "ربع" => 0.25,
        _ => return None,
    };
    if def(a, k + 1).is_some() && !lex::newline(a, k + 1) {
        return None;
    }
    Some((k + 1, f))
}

/// "دولار واحد", "ليرة واحدة", "لتر واحد": a currency or unit word right
/// before a lone "واحد"/"واحدة" (phrase `p` at `i`), not on another line.
/// Returns (start, label, currency, unit).
fn one_of(
    a: &Analysis<'_>,
    i: usize,
    p: &Phrase,
) -> Option<(usize, Label, Option<&'static str>, Option<&'static str>)> {
    if !p.weak || p.value != 1.0 || p.end != i + 1 || i == 0 || lex::newline(a, i) {
        return None;
    }
    let s = i - 1;
    if let Some(cur) = currency_word(a, s).filter(|c| c.len == 1) {
        return Some((s, Label::Money, cur.code, None));
    }
    // Not "درجة واحدة": one place in a ranking as often as a degree.
    if matches!(body(a, s), "درجه" | "درجات") {
        return None;
    }
    let m = measure(a, s).filter(|m| m.len == 1 && a.tokens[s].kind == TokenKind::Arabic)?;
    Some((s, Label::Quantity, None, Some(m.unit)))
}

/// Do tokens `s..e` stand alone on their line (a punctuation mark may
/// close it)?
fn alone(a: &Analysis<'_>, s: usize, e: usize) -> bool {
    let end = |k: usize| k >= a.tokens.len() || lex::newline(a, k);
    (s == 0 || lex::newline(a, s)) && (end(e) || lex::is_punct(a, e) && end(e + 1))
}

/// "صفر" alone on its line: zero (elsewhere it is also the month Safar).
fn zero(a: &Analysis<'_>, i: usize) -> Option<Candidate> {
    if word(a, i) != "صفر" || !alone(a, i, i + 1) {
        return None;
    }
    let mut c = Candidate::new(i, i + 1, Label::Cardinal, Source::Rule, 3);
    c.attrs.value = Some(Value::Number(0.0));
    Some(c)
}

/// Append numeric candidates of `a`. Tokens already taken by DATE or TIME
/// rule candidates in `out` are skipped.
pub fn find(a: &Analysis<'_>, starts: &[u8], out: &mut Vec<Candidate>) {
    let first = out.len();
    find_values(a, starts, out);
    ranges(a, out, first);
}

/// Join "بين 10 و20 دولارا" and "من 5 إلى 7 كيلومترات" into one range:
/// a bare number, then "و" (after "بين") or "إلى"/"حتى" (after "من"),
/// then a number with a unit, currency or %. The range takes the second
/// one's label, unit and currency, and its value is the ISO 8601 interval
/// form "10/20" (a string). "بين"/"من" stay outside the span, as the
/// approximation words do. `out[first..]` are this rule's candidates, in
/// order.
fn ranges(a: &Analysis<'_>, out: &mut Vec<Candidate>, first: usize) {
    let mut k = first;
    while k + 1 < out.len() {
        let (c1, c2) = (&out[k], &out[k + 1]);
        let bare = c1.label == Label::Cardinal
            && c1.attrs.currency.is_none()
            && c1.attrs.unit.is_none()
            && c1.attrs.modifier.is_none();
        let measured = matches!(c2.label, Label::Money | Label::Quantity | Label::Percent);
        let (Some(Value::Number(x)), Some(Value::Number(y))) = (&c1.attrs.value, &c2.attrs.value)
        else {
            k += 1;
            continue;
        };
        let (x, y) = (*x, *y);
        let lead = c1.start.checked_sub(1).map(|j| body(a, j)).unwrap_or("");
        // What joins them: a free-standing و or one written on the second
        // number's word, or إلى/حتى.
        let between: Vec<&str> = (c1.end..c2.start).map(|j| word(a, j)).collect();
        let joined = match (lead, between.as_slice()) {
            ("بين", []) => word(a, c2.start).starts_with('و'),
            ("بين", ["و"]) => true,
            ("من", [w]) => matches!(*w, "الي" | "حتي" | "لغايه"),
            _ => false,
        };
        let same_line = (c1.start..=c2.start).all(|j| j == c1.start || !lex::newline(a, j));
        if !(bare && measured && joined && same_line && x < y) {
            k += 1;
            continue;
        }
        let c2 = out.remove(k + 1);
        let c1 = &mut out[k];
        c1.end = c2.end;
        c1.label = c2.label;
        c1.attrs.value = Some(Value::Text(format!("{}/{}", plain(x), plain(y))));
        c1.attrs.currency = c2.attrs.currency;
        c1.attrs.unit = c2.attrs.unit;
        k += 1;
    }
}

/// A number as the shortest decimal that reads back the same ("20",
/// "20.5", "-3").
fn plain(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// The values of [`find`], before ranges are joined.
fn find_values(a: &Analysis<'_>, starts: &[u8], out: &mut Vec<Candidate>) {
    let n = a.tokens.len();
    if n == 0 {
        return;
    }
    let mut taken = vec![false; n];
    for c in out.iter() {
        if c.source == Source::Rule && matches!(c.label, Label::Date | Label::Time) {
            for t in &mut taken[c.start.min(n)..c.end.min(n)] {
                *t = true;
            }
        }
    }
    let free = |s: usize, e: usize| !taken[s..e.min(n)].iter().any(|&t| t);
    let mut i = 0;
    // End of the last candidate pushed here.
    let mut last_end = 0;
    while i < n {
        if taken[i] {
            i += 1;
            continue;
        }
        if starts[i] & lex::START_NUMBER == 0 {
            debug_assert!(
                phrase(a, i).is_none()
                    && dual(a, i).is_none()
                    && zero(a, i).is_none()
                    && ordinal(a, i).is_none()
                    && bare_ordinal(a, i).is_none()
                    && tens_ordinal(a, i).is_none(),
                "the prefilter hid a number at {i}"
            );
            i += 1;
            continue;
        }
        if let Some(p) = phrase(a, i).filter(|p| free(i, p.end)) {
            let (first, mut value) = match signed(a, i, p.value) {
                // "سالب خمسة": minus five.
                _ if i > 0 && word(a, i - 1) == "سالب" && !lex::newline(a, i) && free(i - 1, i) => {
                    (i - 1, -p.value)
                }
                (s, v) if free(s, i) => (s, v),
                _ => (i, p.value),
            };
            let mut start = first;
            let mut end = p.end;
            let mut label = Label::Cardinal;
            let mut code = None;
            let mut unit = None;
            // A sign or symbol written before the number: "%15", "$100".
            let before =
                if first > 0 && tight(a, first) && !taken[first - 1] && lex::is_punct(a, first - 1)
                {
                    Some(word(a, first - 1))
                } else {
                    None
                };
            // A currency symbol or code before the number, tight or after a
            // space: "$100", "$ 10", "USD 100".
            let lead_code = match first.checked_sub(1) {
                Some(k) if !taken[k] && k >= last_end && !lex::newline(a, first) => {
                    if lex::is_punct(a, k) {
                        symbol(word(a, k))
                    } else {
                        iso_code(a, k)
                    }
                }
                _ => None,
            };
            let strip_start = p.strip;
            if let Some(k) = percent(a, end).filter(|&k| free(end, end + k)) {
                label = Label::Percent;
                end += k;
            } else if let Some(cur) = currency(a, end).filter(|c| free(end, end + c.len)) {
                label = Label::Money;
                code = cur.code;
                end += cur.len;
                // "20 دولارا و50 سنتا": 20.5 dollars.
                if let Some((e, cents)) = sub_amount(a, end, cur).filter(|&(e, _)| free(end, e)) {
                    value += cents;
                    end = e;
                } else if let Some((e, f)) = and_part(a, end, value).filter(|&(e, _)| free(end, e))
                {
                    value += f;
                    end = e;
                }
            } else if let Some((k, sub, c)) = subunit(a, end).filter(|&(k, ..)| free(end, end + k))
            {
                // "50 سنتا": half a dollar; "15 فلسا" after dirhams: 0.15
                // dirham.
                label = Label::Money;
                match c.map_or_else(|| parent(a, start, sub), |_| None) {
                    Some(cur) => {
                        code = cur.code;
                        value /= per_unit(sub, code, Some(cur.kind == Kind::Dinar));
                    }
                    None => {
                        code = c.or(sub_code(sub));
                        value /= per_unit(sub, code, None);
                    }
                }
                end += k;
            } else if let Some(m) = unit_word(a, end).filter(|m| free(end, end + m.len)) {
                label = Label::Quantity;
                unit = Some(m.unit);
                end += m.len;
                if let Some((e, f)) = and_part(a, end, value).filter(|&(e, _)| free(end, e)) {
                    value += f;
                    end = e;
                }
                if m.below_zero {
                    value = -value;
                }
            } else if before == Some("%") {
                label = Label::Percent;
                start = first - 1;
            } else if let Some(c) = lead_code {
                label = Label::Money;
                code = Some(c);
                start = first - 1;
            } else if let Some((s, l, cur, m)) =
                one_of(a, i, &p).filter(|&(s, ..)| s >= last_end && free(s, i))
            {
                // "دولار واحد", "لتر واحد": one of the unit before.
                start = s;
                label = l;
                code = cur;
                unit = m;
            } else if p.weak && !alone(a, i, p.end) {
                // "واحد" is a number only alone on its line.
                i = p.end;
                continue;
            }
            let mut c = Candidate::new(start, end, label, Source::Rule, 3);
            c.strip_proclitic = strip_start || start != i;
            c.attrs.value = Some(Value::Number(value));
            c.attrs.currency = code.map(str::to_string);
            c.attrs.unit = unit.map(str::to_string);
            c.attrs.modifier = modifier(a, start, end).map(str::to_string);
            out.push(c);
            i = end;
            last_end = end;
            continue;
        }
        if let Some(c) = dual(a, i).or_else(|| zero(a, i)).filter(|c| free(i, c.end)) {
            i = c.end;
            last_end = i;
            out.push(c);
            continue;
        }
        let ord = if lex::is_num(a, i.wrapping_sub(1)) {
            None
        } else {
            ordinal(a, i)
                .or_else(|| bare_ordinal(a, i))
                .or_else(|| tens_ordinal(a, i))
        };
        if let Some((end, v)) = ord.filter(|&(e, _)| free(i, e)) {
            let mut c = Candidate::new(i, end, Label::Ordinal, Source::Rule, 3);
            c.attrs.value = Some(Value::Number(f64::from(v)));
            out.push(c);
            i = end;
            last_end = end;
            continue;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits() {
        let t = [
            ("2020", Some(2020.0)),
            ("1,500", Some(1500.0)),
            ("1,500,000", Some(1.5e6)),
            ("1.5", Some(1.5)),
            ("3,5", Some(3.5)),
            ("1.500.000", Some(1.5e6)),
            ("1,500.25", Some(1500.25)),
            ("1.500,25", Some(1500.25)),
            ("1.2.3", None),
            ("12,34,56", None),
            ("007", Some(7.0)),
        ];
        for (s, want) in t {
            assert_eq!(parse_digits(s), want, "{s}");
        }
        assert_eq!(parse_digits(&"9".repeat(31)), None);
        assert_eq!(parse_digits(&"9".repeat(20_000)), None);
    }

    #[test]
    fn start_words_cover_the_word_lists() {
        let words = lex::arabic_literals(include_str!("number.rs"));
        assert!(words.len() > 100);
        for w in words {
            let read = fraction(w).is_some()
                || scale(w).is_some()
                || unit(w).is_some()
                || is_ten(w)
                || tens(w).is_some()
                || ordinal_stem(w).is_some()
                || teen(w).is_some()
                || DUALS.contains(&w)
                || hundreds(w) == Some(200);
            assert!(
                !read || start_words().any(|s| s == w),
                "{w} is not in START_WORDS"
            );
            if hundreds(w).is_some() {
                assert!(START_WORDS.contains(&w) || w.ends_with("مائه") || w.ends_with("مئه"));
            }
        }
        for w in start_words() {
            assert_eq!(crate::text::normalize::Normalized::new(w).text, w);
        }
    }

    /// The unit after the first number of `text`.
    fn unit_after(text: &str) -> Option<(&'static str, bool)> {
        let a = Analysis::new(text, crate::lexicon::gazetteer::Gazetteer::embedded());
        let i = (0..a.tokens.len()).find(|&i| phrase(&a, i).is_some())?;
        let p = phrase(&a, i)?;
        unit_word(&a, p.end).map(|m| (m.unit, m.below_zero))
    }

    #[test]
    fn ucum_units() {
        let t = [
            ("5 كيلومترات", "km"),
            ("5 كلم", "km"),
            ("100 متر مربع", "m2"),
            ("1000 متر مكعب", "m3"),
            ("3 بوصات", "[in_i]"),
            ("10 أطنان", "t"),
            ("5 كيلو", "kg"),
            ("12 ميلا بحريا", "[nmi_i]"),
            ("20 طنا متريا", "t"),
            ("70 كيلو مترا", "km"),
            ("313 ألف كيلو متر مربع", "km2"),
            ("5 ملي لتر", "mL"),
            ("3 سنتي متر", "cm"),
            ("250 غراما", "g"),
            ("10 أرطال", "[lb_av]"),
            ("5 أونصات", "[oz_av]"),
            ("مليون برميل", "[bbl_us]"),
            ("5 لترات", "L"),
            ("250 مل", "mL"),
            ("2 هكتوليتر", "hL"),
            ("3 غالونات", "[gal_us]"),
            ("ثلاثة أكواب", "[cup_us]"),
            ("50 هكتارا", "har"),
            ("50 فدانا", "{feddan}"),
            ("20 دونما", "{dunam}"),
            ("300 ميغاواط", "MW"),
            ("50 km", "km"),
            ("30 درجة مئوية", "Cel"),
            ("30 درجة سلزيوس", "Cel"),
            ("86 درجة فهرنهايت", "[degF]"),
            ("45 درجة", "Cel"),
            ("30°", "Cel"),
            ("30 °C", "Cel"),
            ("86°F", "[degF]"),
            ("25°م", "Cel"),
            ("6 درجات على مقياس ريختر", "{Richter}"),
            ("زاوية 90 درجة", "deg"),
        ];
        for (text, want) in t {
            assert_eq!(unit_after(text).map(|u| u.0), Some(want), "{text}");
        }
        assert_eq!(unit_after("10 درجات تحت الصفر"), Some(("Cel", true)));
        assert_eq!(unit_after("10 أشخاص"), None);
    }

    #[test]
    fn hundreds_words() {
        assert_eq!(hundreds("ثلاثمائه"), Some(300));
        assert_eq!(hundreds("تسعمئه"), Some(900));
        assert_eq!(hundreds("مئتين"), Some(200));
        assert_eq!(hundreds("مائه"), Some(100));
        assert_eq!(hundreds("كمائه"), None);
    }
}
