//! Times of day and durations: "الساعة الثالثة وربع", "الثالثة فجرا",
//! "الساعة 8 بعد المغرب", "14:30"; "ثلاث سنوات", "ساعة ونصف".

use super::parse::Cx;
use super::value::{duration_match, time_match, M};
use super::words::*;
use crate::rules::{lex, number};

impl Cx<'_, '_> {
    /// Durations: "ثلاث سنوات" (P3Y), "100 عام", "يوما واحدا" (P1D),
    /// "عامين" (P2Y), "ساعتين" (PT2H, a TIME).
    pub(super) fn duration(&self, j: usize) -> Option<M> {
        // "نصف ساعة", "ربع ساعة", "نصف قرن".
        let part = match self.b(j) {
            "نصف" => Some(0.5),
            "ربع" => Some(0.25),
            _ => None,
        };
        if let (Some(x), Some((u, time))) = (part, time_unit(self.b(j + 1))) {
            if !self.b(j + 1).starts_with("ال") {
                return Some(duration_match(j, j + 2, x, u, time));
            }
        }
        // Noun first: "يوما واحدا", "ساعة ونصف", or a dual noun alone
        // ("ساعتين ونصف").
        let noun = time_unit(self.b(j));
        if let Some((u, time)) = noun {
            // The word, not the body: the segmenter reads "واحدا" as و + احدا.
            if matches!(self.w(j + 1), "واحد" | "واحدا" | "واحده") {
                return Some(duration_match(j, j + 2, 1.0, u, time));
            }
            let (e, x) = self.and_half(j + 1);
            if x > 0.0 {
                return Some(duration_match(j, e, 1.0 + x, u, time));
            }
        }
        if self.d(j).is_empty() {
            if let Some((u, time)) = dual_unit(self.b(j)) {
                let (e, x) = self.and_half(j + 1);
                return Some(duration_match(j, e, 2.0 + x, u, time));
            }
        }
        let p = number::phrase(self.a, j)?;
        if p.end >= self.hi.get() {
            return None;
        }
        if p.value <= 0.0 {
            return None;
        }
        let (u, time) = time_unit(self.b(p.end))?;
        let (e, x) = self.and_half(p.end + 1);
        let mut m = duration_match(j, e, p.value + x, u, time);
        m.strip = p.strip;
        Some(m)
    }

    /// "ونصف", "و نصف", "وربع" after a duration at `e`: (end, fraction),
    /// (e, 0) when there is none.
    pub(super) fn and_half(&self, e: usize) -> (usize, f64) {
        let part = |w: &str| match w {
            "نصف" => Some(0.5),
            "ربع" => Some(0.25),
            _ => None,
        };
        if let Some(x) = lex::wa(self.a, e).filter(|_| self.inside(e)).and_then(part) {
            return (e + 1, x);
        }
        if self.w(e) == "و" {
            if let Some(x) = part(self.b(e + 1)) {
                return (e + 2, x);
            }
        }
        (e, 0.0)
    }

    /// Times: "الساعة 14:30", "الساعة الثالثة مساء", "14:30", "3 مساء".
    pub(super) fn time(&self, j: usize) -> Option<M> {
        if self.d(j) == "ساعه" && self.b(j).starts_with("ال") {
            let (e, h, mi, s) = self.hour(j + 1, true)?;
            return Some(time_match(j, e, h, mi, s));
        }
        if self.b(j) == "منتصف" && self.d(j + 1) == "ليل" {
            return Some(time_match(j, j + 2, 0, 0, None));
        }
        if self.b(j) == "منتصف" && self.d(j + 1) == "نهار" {
            return Some(time_match(j, j + 2, 12, 0, None));
        }
        let (e, h, mi, s) = self.hour(j, false)?;
        Some(time_match(j, e, h, mi, s))
    }

    /// An hour at `k`: digits with optional ":MM[:SS]", or a feminine
    /// ordinal ("الثالثة"), then minute words and a period of the day.
    /// Without "الساعة" before (`trig` false) it needs ":MM" or a period.
    pub(super) fn hour(&self, k: usize, trig: bool) -> Option<(usize, u32, u32, Option<u32>)> {
        let mut h;
        let mut mi = 0;
        let mut s = None;
        let mut e;
        let mut clock = false;
        if let Some(v) = self.int_w(k, 1, 2) {
            h = v;
            e = k + 1;
            if self.p(e, ':') && self.tight(e) && self.tight(e + 1) {
                mi = self.int_w(e + 1, 2, 2)?;
                e += 2;
                clock = true;
                if self.p(e, ':') && self.tight(e) && self.tight(e + 1) {
                    s = Some(self.int_w(e + 1, 2, 2)?);
                    e += 2;
                }
                // "1:2:3:4" or "10:30:15:20" is not a time.
                if self.p(e, ':') && self.tight(e) {
                    return None;
                }
                if k > self.lo.get()
                    && lex::tight(self.a, k)
                    && (lex::punct(self.a, k - 1, ':') || lex::is_num(self.a, k - 1))
                {
                    return None;
                }
            }
        } else {
            let (v, e2) = hour_word(self.d(k), self.b(k + 1))?;
            h = v;
            e = k + e2;
        }
        if h > 24 || mi > 59 || s.is_some_and(|s| s > 59) {
            return None;
        }
        if !clock {
            let (e2, h2, mi2) = self.minutes(e, h);
            e = e2;
            h = h2;
            mi = mi2;
        }
        let period = self.period(e);
        // "مساء السبت": the construct noun of a date, not the adverb.
        let period = period.filter(|_| {
            !(matches!(self.w(e), "مساء" | "صباح")
                && self.peek(|| self.day_ref(e + 1, true).is_some()))
        });
        // "4 - 1 مساء": a score, not a time.
        let score = k >= self.lo.get() + 2
            && lex::is_num(self.a, k - 2)
            && matches!(lex::word(self.a, k - 1), "-" | ":");
        if !trig && !clock && score {
            return None;
        }
        // "2 بعد المغرب" in a ranking: a bare digit needs a one-word part
        // of the day.
        let one_word = |len: usize| {
            let w = self.w(e);
            len == 1 && !w.starts_with("ال") && !w.starts_with("بال")
        };
        let period =
            period.filter(|&(_, len)| trig || clock || one_word(len) || self.int(k).is_none());
        if let Some((p, len)) = period {
            if h > 12 {
                // "14:30 مساء": the 24-hour clock already says it.
            } else {
                h = match p {
                    'a' if h == 12 => 0,
                    'a' => h,
                    'n' if h < 6 => h + 12,
                    'n' => h,
                    'l' if h == 12 => 0,
                    'l' if h >= 6 => h + 12,
                    'l' => h,
                    _ if h < 12 => h + 12,
                    _ => h,
                };
            }
            e += len;
        } else if !trig && !clock {
            return None;
        }
        if !trig && !clock && self.int(k).is_some_and(|v| v == 0 || v > 12) {
            return None;
        }
        Some((e, h, mi, s))
    }

    /// Minute words after hour `h` at `e`: "والنصف", "ونصف", "و ربع",
    /// "إلا ربعا", "إلا ثلثا", "و10 دقائق", "و عشر دقائق". Returns (end,
    /// hour, minutes); (e, h, 0) when there are none.
    pub(super) fn minutes(&self, e: usize, h: u32) -> (usize, u32, u32) {
        let fraction = |w: &str| match w {
            "النصف" | "نصف" => Some(30),
            "الربع" | "ربع" => Some(15),
            "الثلث" | "ثلث" => Some(20),
            _ => None,
        };
        // "والنصف", "وربع" (one token), "و نصف" (two).
        if let Some(m) = lex::wa(self.a, e)
            .filter(|_| self.inside(e))
            .and_then(fraction)
        {
            return (e + 1, h, m);
        }
        if self.w(e) == "و" {
            if let Some(m) = fraction(self.b(e + 1)) {
                return (e + 2, h, m);
            }
        }
        if self.b(e) == "الا" && h > 0 {
            let q = match self.b(e + 1) {
                "ربعا" | "ربع" | "الربع" => Some(15),
                "ثلثا" | "ثلث" | "الثلث" => Some(20),
                _ => None,
            };
            if let Some(q) = q {
                return (e + 2, h - 1, 60 - q);
            }
            return (e, h, 0);
        }
        // "و10 دقائق", "و عشر دقائق", "وخمس وعشرين دقيقة".
        let k = if self.w(e) == "و" { e + 1 } else { e };
        let attached = k == e;
        if attached && lex::wa(self.a, e).is_none() && !self.w(e).starts_with('و') {
            return (e, h, 0);
        }
        if let Some(p) = number::phrase(self.a, k).filter(|p| p.end < self.hi.get()) {
            let v = p.value;
            if matches!(self.b(p.end), "دقيقه" | "دقائق")
                && (1.0..60.0).contains(&v)
                && v.fract() == 0.0
            {
                return (p.end + 1, h, v as u32);
            }
        }
        (e, h, 0)
    }

    /// A part of the day after an hour at `e`: (code, tokens). 'a'
    /// morning, 'n' noon, 'p' afternoon or evening, 'l' night, 'P' after
    /// noon. Read on the whole word: "فجرا" is not ف + جرا.
    pub(super) fn period(&self, e: usize) -> Option<(char, usize)> {
        let p = match self.w(e) {
            "صباحا" | "فجرا" => 'a',
            "ظهرا" => 'n',
            "عصرا" | "مساء" | "مساءا" => 'p',
            "ليلا" => 'l',
            // With the article (colloquial "الساعة 3 العصر"): after
            // "الساعة" or an hour word only, see `hour`.
            "الصبح" | "الصباح" | "الفجر" => 'a',
            "الظهر" => 'n',
            "العصر" | "المساء" => 'p',
            "بالليل" => 'l',
            "بعد" => {
                // "بعد الظهر", "بعد العصر", "بعد المغرب", "بعد العشاء".
                return match self.d(e + 1) {
                    "ظهر" | "ظهيره" => Some(('P', 2)),
                    "عصر" | "مغرب" | "عشاء" => Some(('p', 2)),
                    _ => None,
                };
            }
            "قبل" if matches!(self.d(e + 1), "ظهر" | "ظهيره") => return Some(('a', 2)),
            _ => return None,
        };
        Some((p, 1))
    }
}
