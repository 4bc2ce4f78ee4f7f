//! Ranges after "من" or "بين": one entity with an ISO 8601 interval
//! value ("من 3 إلى 5 مايو", "بين الساعة 2 و4").

use super::parse::Cx;
use super::value::{full_date, time_match, M};
use crate::doc::Label;
use crate::rules::calendar as cal;
use crate::rules::lex;

impl Cx<'_, '_> {
    /// The word joining the two ends of a range at `k`: "إلى", "حتى", "-",
    /// and "و" after "بين". Returns the token after it.
    pub(super) fn connector(&self, k: usize, between: bool) -> Option<usize> {
        if matches!(self.b(k), "الي" | "حتي" | "لغايه") || (self.p(k, '-') && !self.tight(k))
        {
            return Some(k + 1);
        }
        (between && self.w(k) == "و").then_some(k + 1)
    }

    /// One end of a range: a time, a weekday or relative day, a date with
    /// a month, or a year.
    pub(super) fn range_end(&self, k: usize) -> Option<M> {
        if let Some(m) = self.time(k) {
            return Some(m);
        }
        if let Some(m) = self.day_ref(k, false) {
            return Some(m);
        }
        if let Some(m) = self.month_date(k, true) {
            return (m.hijri.is_none()).then_some(m);
        }
        if let Some((m, _)) = self.year_trigger(k) {
            return (m.hijri.is_none() && m.value.is_some()).then_some(m);
        }
        self.bare_year(k, true).filter(|m| m.hijri.is_none())
    }

    /// Ranges after "من" or "بين": "من 3 إلى 5 مايو", "من الاثنين حتى
    /// الخميس", "بين الساعة 2 و4", "من 2019 إلى 2021" — one entity whose
    /// value is an ISO 8601 interval "start/end". The first end takes what
    /// it leaves unsaid from the second (the month and year of "3", the
    /// year of "يناير"); an hour after "الساعة" may be bare ("و4").
    pub(super) fn range(&self, i: usize) -> Option<M> {
        if i <= self.lo.get() {
            return None;
        }
        let between = match lex::body(self.a, i - 1) {
            "من" => false,
            "بين" => true,
            _ => return None,
        };
        // "من 3 إلى 5 مايو": a bare day before a date.
        let bare_day = self.int_w(i, 1, 2).filter(|d| (1..=31).contains(d));
        if let (Some(d1), Some(k)) = (bare_day, self.connector(i + 1, between)) {
            let second = self.month_date(k, true).filter(|m| m.hijri.is_none())?;
            let v2 = second.value.clone()?;
            let d2: u32 = v2.get(8..10)?.parse().ok()?;
            if v2.len() != 10 || d1 >= d2 {
                return None;
            }
            return Some(M::date(i, second.end, format!("{}{d1:02}/{v2}", &v2[..8])));
        }
        let first = self.range_end(i)?;
        let k = self.connector(first.end, between)?;
        let mut second = match self.range_end(k) {
            Some(m) => m,
            // "بين الساعة 2 و4": a bare hour.
            None if first.label == Label::Time => {
                let (e, h, mi, s) = self.hour(k, true)?;
                time_match(k, e, h, mi, s)
            }
            None => return None,
        };
        if second.label != first.label || second.start != k {
            return None;
        }
        let (mut v1, mut v2) = (first.value.clone()?, second.value.take()?);
        if v1.starts_with('P') || v2.starts_with('P') {
            return None; // durations
        }
        if first.label == Label::Time {
            let hour = |v: &str| v.get(1..3).and_then(|h| h.parse::<u32>().ok());
            let (h1, h2) = (hour(&v1)?, hour(&v2)?);
            // "من الساعة 10 حتى 2": the end is in the afternoon.
            if h2 < h1 && h2 < 12 && h2 + 12 > h1 {
                v2 = format!("T{:02}{}", h2 + 12, &v2[3..]);
            }
            // "من الساعة 2 إلى 4 مساء": the start too.
            if h1 < 12 && h2 >= 12 && h1 + 12 <= h2 && h2 - h1 > 12 {
                v1 = format!("T{:02}{}", h1 + 12, &v1[3..]);
            }
        } else {
            // "من يناير إلى مارس 2024": the year of the end.
            if v1.starts_with("XXXX") && !v2.starts_with("XXXX") && v1.len() == v2.len() {
                let mut y: i32 = v2[..4].parse().ok()?;
                if v1[4..] > v2[4..] {
                    y -= 1;
                }
                v1 = format!("{}{}", cal::fmt_year(y), &v1[4..]);
            }
            // "من الاثنين حتى الخميس" resolved: the end on or after the start.
            if let (Some(a), Some(b)) = (full_date(&v1), full_date(&v2)) {
                let (da, db) = (
                    cal::days_from_civil(a.0, a.1, a.2),
                    cal::days_from_civil(b.0, b.1, b.2),
                );
                if db < da && v2.len() == 10 {
                    v2 = cal::fmt_day(db + 7 * ((da - db + 6) / 7));
                }
            }
        }
        let mut m = first;
        m.end = second.end;
        m.value = Some(format!("{v1}/{v2}"));
        m.modifier = None;
        Some(m)
    }
}
