//! The values of date and time matches: the match type the parser fills
//! ([`M`]), TIMEX3 strings ([`ymd`], [`rel_ref`]) and the candidate a
//! match becomes ([`push`]).

use crate::doc::Label;
use crate::doc::{Source, Value};
use crate::rules::calendar as cal;
use crate::rules::candidate::Candidate;

/// One match of a rule.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct M {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) label: Label,
    pub(super) value: Option<String>,
    pub(super) hijri: Option<String>,
    pub(super) modifier: Option<&'static str>,
    /// Leave the first token's proclitic outside the span.
    pub(super) strip: bool,
    /// Bytes of a proclitic the segmenter left on the first token that the
    /// rule recognised ("لعام 2020"): also outside the span.
    pub(super) lead: u8,
}

impl M {
    pub(super) fn date(start: usize, end: usize, value: String) -> M {
        M {
            start,
            end,
            label: Label::Date,
            value: Some(value),
            hijri: None,
            modifier: None,
            strip: true,
            lead: 0,
        }
    }
}

/// Relative granularity units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Year,
    Month,
    Week,
    Day,
    Decade,
}

impl Unit {
    pub(super) fn code(self) -> &'static str {
        match self {
            Unit::Year => "Y",
            Unit::Month => "M",
            Unit::Week => "W",
            Unit::Day => "D",
            Unit::Decade => "DE",
        }
    }
}

/// A year as written after a month, in a quarter or a season.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum YearSpec {
    /// A number, with the era marker when there is one
    /// (`Some(true)` Hijri, `Some(false)` Gregorian) and BC.
    Abs {
        y: i32,
        hijri: Option<bool>,
        bc: bool,
    },
    /// "العام الماضي" etc.: offset from the reference year.
    Rel(i32),
}

pub(super) fn sign(o: i32) -> char {
    if o < 0 {
        '-'
    } else {
        '+'
    }
}

/// The anchor-offset form of an unresolved relative date.
pub(super) fn rel_ref(unit: Unit, off: i32) -> String {
    format!("REF{}P{}{}", sign(off), off.abs(), unit.code())
}

/// "YYYY-MM-DD" with X for unknown parts; shorter when the month or day is
/// unknown ("XXXX-07", "2024").
pub(super) fn ymd(y: Option<i32>, m: Option<u32>, d: Option<u32>) -> String {
    let mut s = y.map_or_else(|| "XXXX".to_string(), cal::fmt_year);
    if let Some(m) = m {
        s.push_str(&format!("-{m:02}"));
        if let Some(d) = d {
            s.push_str(&format!("-{d:02}"));
        }
    }
    s
}

pub(super) fn year_match(start: usize, end: usize, y: i32, era: Option<bool>, bc: bool) -> M {
    let mut m = M::date(start, end, cal::fmt_year(y));
    if bc {
        m.value = Some(format!("BC{y:04}"));
    } else if era == Some(true) {
        m.hijri = m.value.take();
    }
    m
}

pub(super) fn time_match(start: usize, end: usize, h: u32, mi: u32, s: Option<u32>) -> M {
    let mut v = format!("T{h:02}:{mi:02}");
    if let Some(s) = s {
        v.push_str(&format!(":{s:02}"));
    }
    M {
        start,
        end,
        label: Label::Time,
        value: Some(v),
        hijri: None,
        modifier: None,
        strip: true,
        lead: 0,
    }
}

pub(super) fn duration_match(
    start: usize,
    end: usize,
    v: f64,
    unit: &'static str,
    time: bool,
) -> M {
    // Up to three decimals, by integer formatting (no float formatter in
    // the .wasm): 1.5 → "1.5", 2 → "2".
    // Hours with a fraction as hours and minutes: 1.5 → "PT1H30M",
    // 0.5 → "PT30M".
    if time && unit == "H" && v.fract() != 0.0 {
        let minutes = (v * 60.0).round().clamp(0.0, 9e15) as i64;
        let (h, mi) = (minutes / 60, minutes % 60);
        let value = if h == 0 {
            format!("PT{mi}M")
        } else {
            format!("PT{h}H{mi}M")
        };
        return M {
            start,
            end,
            label: Label::Time,
            value: Some(value),
            hijri: None,
            modifier: None,
            strip: true,
            lead: 0,
        };
    }
    // Part of a century or decade in years: "نصف قرن" → "P50Y".
    let (v, unit) = match unit {
        "CE" if v.fract() != 0.0 => (v * 100.0, "Y"),
        "DE" if v.fract() != 0.0 => (v * 10.0, "Y"),
        _ => (v, unit),
    };
    let milli = (v * 1000.0).round().clamp(0.0, 9e15) as i64;
    let mut n = (milli / 1000).to_string();
    let f = milli % 1000;
    if f != 0 {
        let frac = format!("{f:03}");
        n.push('.');
        n.push_str(frac.trim_end_matches('0'));
    }
    let value = if time {
        format!("PT{n}{unit}")
    } else {
        format!("P{n}{unit}")
    };
    M {
        start,
        end,
        label: if time { Label::Time } else { Label::Date },
        value: Some(value),
        hijri: None,
        modifier: None,
        strip: true,
        lead: 0,
    }
}

/// The full date ("YYYY-MM-DD") a value names, if it names one.
pub(super) fn full_date(v: &str) -> Option<(i32, u32, u32)> {
    let b = v.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = v.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    Some((digits(0..4)? as i32, digits(5..7)?, digits(8..10)?))
}

/// Push `m` as a candidate; `anchor`: the date its value was resolved
/// against and whether that is the reference date (else a date of the
/// text).
pub(super) fn push(out: &mut Vec<Candidate>, m: M, anchor: Option<((i32, u32, u32), bool)>) {
    if m.end <= m.start {
        return;
    }
    let mut c = Candidate::new(m.start, m.end, m.label, Source::Rule, 3);
    if let Some(((y, mo, d), reference)) = anchor {
        c.attrs.anchor = Some(ymd(Some(y), Some(mo), Some(d)));
        c.attrs.anchor_source = Some(if reference { "reference" } else { "text" }.to_string());
    }
    c.attrs.value = m.value.map(Value::Text);
    c.attrs.value_hijri = m.hijri;
    c.attrs.modifier = m.modifier.map(str::to_string);
    c.strip_proclitic = m.strip;
    c.lead = m.lead;
    out.push(c);
}
