//! Days the calendar names: holidays by the Umm al-Qura calendar or fixed
//! ("عيد الفطر", "عيد العمال") and days counted inside a month or a year
//! ("ثاني جمعة من شهر مايو", "آخر يوم من السنة").

use super::parse::Cx;
use super::value::{ymd, Unit, YearSpec, M};
use super::words::*;
use crate::rules::calendar as cal;

impl Cx<'_, '_> {
    /// "ثاني جمعة من شهر مايو", "آخر يوم من السنة", "أول يوم من شهر
    /// يونيو 2025": a day counted inside a month or a year. Its year is the
    /// one written, else the anchor's; without either, the month
    /// (`XXXX-05`) or `XXXX-12-31`.
    pub(super) fn nth_day(&self, j: usize) -> Option<M> {
        let n: i32 = match self.b(j) {
            "اول" => 1,
            "ثاني" => 2,
            "ثالث" => 3,
            "رابع" => 4,
            "خامس" => 5,
            "اخر" => -1,
            _ => return None,
        };
        let named = self
            .weekday_at(j + 1)
            .or_else(|| weekday_word(self.b(j + 1)).map(|wd| (wd, j + 2)));
        let (wd, k) = match named {
            Some((wd, e)) => (Some(wd), e),
            None if self.b(j + 1) == "يوم" && (n == 1 || n == -1) => (None, j + 2),
            None => return None,
        };
        if self.b(k) != "من" {
            return None;
        }
        // The month, or the year ("السنة", "العام الماضي", "عام 2025").
        let (end, month, year) = if let Some((e, m, false, _, _)) = self.month_expr(k + 1) {
            match self.year_spec(e) {
                Some((
                    e2,
                    YearSpec::Abs {
                        y,
                        hijri: None | Some(false),
                        bc: false,
                    },
                )) => (e2, Some(m), Some(y)),
                Some((e2, YearSpec::Rel(o))) => (e2, Some(m), self.r().map(|r| r.0 + o)),
                Some(_) => return None,
                None => (e, Some(m), self.r().map(|r| r.0)),
            }
        } else if wd.is_none() {
            if let Some((e, Unit::Year, o)) = self.rel_single(k + 1) {
                (e, None, self.r().map(|r| r.0 + o))
            } else if matches!(self.d(k + 1), "سنه" | "عام") && self.b(k + 1).starts_with("ال")
            {
                (k + 2, None, self.r().map(|r| r.0))
            } else if let Some((m, _)) = self.year_trigger(k + 1) {
                let y = m.value.as_deref().and_then(|v| v.parse().ok())?;
                (m.end, None, Some(y))
            } else {
                return None;
            }
        } else {
            return None;
        };
        let v = match (wd, month, year) {
            // The first or last day of a month or year.
            (None, Some(m), y) => {
                let d = if n == 1 {
                    1
                } else {
                    cal::days_in_month(y.unwrap_or(2001), m)
                };
                ymd(y, Some(m), Some(d))
            }
            (None, None, y) => {
                let (m, d) = if n == 1 { (1, 1) } else { (12, 31) };
                ymd(y, Some(m), Some(d))
            }
            (Some(wd), Some(m), Some(y)) => {
                let last = cal::days_in_month(y, m);
                let days: Vec<u32> = (1..=last)
                    .filter(|&d| cal::weekday(cal::days_from_civil(y, m, d)) == wd)
                    .collect();
                let d = if n < 0 {
                    *days.last()?
                } else {
                    *days.get(n as usize - 1)?
                };
                ymd(Some(y), Some(m), Some(d))
            }
            (Some(_), Some(m), None) => ymd(None, Some(m), None),
            (Some(_), None, _) => return None,
        };
        Some(M::date(j, end, v))
    }

    /// Holidays: Hijri ones by the Umm al-Qura calendar ("عيد الفطر",
    /// "عيد الأضحى", "رأس السنة الهجرية", "المولد النبوي", "أول رمضان")
    /// and fixed Gregorian ones ("رأس السنة الميلادية", "عيد العمال", "عيد
    /// الميلاد المجيد"). The year is the one written after (Hijri when
    /// marked so or below 1700), else the anchor's Gregorian year (the
    /// occurrence nearest the anchor when there are two); without either
    /// a Hijri holiday keeps only `value_hijri` ("XXXX-10-01").
    pub(super) fn holiday(&self, j: usize) -> Option<M> {
        let (b1, b2, b3) = (self.b(j), self.b(j + 1), self.b(j + 2));
        // (Hijri?, month, day, end)
        let (hijri, m, d, mut e) = match (b1, b2) {
            ("عيد", "الفطر") => (true, 10, 1, j + 2),
            ("عيد", "الاضحي") => (true, 12, 10, j + 2),
            ("عيد", "العمال") => (false, 5, 1, j + 2),
            ("عيد", "الميلاد") if b3 == "المجيد" => (false, 12, 25, j + 3),
            ("راس", "السنه") => match b3 {
                "الهجريه" => (true, 1, 1, j + 3),
                "الميلاديه" => (false, 1, 1, j + 3),
                _ => return None,
            },
            ("المولد", "النبوي") => (true, 3, 12, j + 2),
            ("اول", _) | ("غره", _) => match self.month_expr(j + 1) {
                Some((e, m, true, _, _)) => (true, m, 1, e),
                _ => return None,
            },
            _ => return None,
        };
        if matches!(self.b(e), "المبارك" | "الشريف" | "السعيد") {
            e += 1;
        }
        let mut year = None;
        let mut hijri_year = None;
        if let Some((e2, ys)) = self.year_spec(e) {
            match ys {
                YearSpec::Abs {
                    y,
                    hijri: h,
                    bc: false,
                } => {
                    if h == Some(true) || (h.is_none() && y < 1700) {
                        hijri_year = Some(y);
                    } else {
                        year = Some(y);
                    }
                    e = e2;
                }
                YearSpec::Rel(o) => {
                    if let Some(r) = self.r() {
                        year = Some(r.0 + o);
                        e = e2;
                    }
                }
                _ => {}
            }
        }
        let anchor = if year.is_none() && hijri_year.is_none() {
            self.r()
        } else {
            None
        };
        let year = year.or(anchor.map(|r| r.0));
        let mut out = M::date(j, e, String::new());
        if !hijri {
            if hijri_year.is_some() {
                return None;
            }
            out.value = Some(ymd(year, Some(m), Some(d)));
            return Some(out);
        }
        let (hy, g) = match (hijri_year, year) {
            (Some(hy), _) => (Some(hy), cal::hijri_to_gregorian(hy, m, d)),
            (None, Some(gy)) => {
                let all = cal::hijri_day_in_year(gy, m, d);
                let pick = match anchor {
                    Some((.., days)) => all
                        .into_iter()
                        .min_by_key(|(_, g)| (cal::days_from_civil(g.0, g.1, g.2) - days).abs()),
                    None => all.into_iter().next(),
                };
                match pick {
                    Some((hy, g)) => (Some(hy), Some(g)),
                    None => (None, None),
                }
            }
            (None, None) => (None, None),
        };
        out.hijri = Some(ymd(hy, Some(m), Some(d)));
        out.value = g.map(|g| ymd(Some(g.0), Some(g.1), Some(g.2)));
        Some(out)
    }
}
