//! The date and time parser: a cursor over one line of tokens ([`Cx`])
//! whose methods each try one construction at a token and give a match.
//! Times and durations (`clock`), ranges (`ranges`) and holidays
//! (`holidays`) are methods of the same cursor in their own files.

use super::value::{rel_ref, sign, year_match, ymd, Unit, YearSpec, M};
use super::words::*;
use crate::lexicon::analysis::Analysis;
use crate::lexicon::gazetteer::{Gazetteer, Kind};
use crate::rules::calendar as cal;
use crate::rules::{lex, number};
use crate::text::tokenize::TokenKind;
use std::cell::Cell;

/// A date and its day number.
pub(super) type Day = (i32, u32, u32, i64);

/// `y-m-d` with its day number, when it is a valid date.
pub(super) fn day(y: i32, m: u32, d: u32) -> Option<Day> {
    cal::valid(y, m, d).then(|| (y, m, d, cal::days_from_civil(y, m, d)))
}

/// Per-token calendar marks from the gazetteer: month or weekday.
#[derive(Debug, Clone, Copy, Default)]
struct Mark {
    /// 1-12 Gregorian month, 13-24 Hijri month, 25-31 weekday (Mon..Sun).
    kind: u8,
    /// One past the last token of the name ("كانون الثاني" is 2 tokens).
    end: u32,
}

pub(super) struct Cx<'a, 'b> {
    pub(super) a: &'a Analysis<'b>,
    marks: Vec<Mark>,
    /// Reference date and its day number.
    reference: Option<Day>,
    /// The latest full date of the text before the current token (see
    /// [`DateMemory`](super::DateMemory)), the anchor when there is no
    /// reference date.
    pub(super) text_anchor: Cell<Option<Day>>,
    /// Did the rule just tried read the anchor ([`Cx::r`])?
    pub(super) used: Cell<bool>,
    /// The current line: token accessors see only `lo..hi`.
    pub(super) lo: Cell<usize>,
    pub(super) hi: Cell<usize>,
}

const EMPTY: &str = "";

impl<'a, 'b> Cx<'a, 'b> {
    pub(super) fn new(
        a: &'a Analysis<'b>,
        gaz: &Gazetteer,
        reference_date: Option<(i32, u32, u32)>,
    ) -> Self {
        let n = a.tokens.len();
        let mut marks = vec![Mark::default(); n];
        for m in &a.gaz {
            let kind = gaz.entries_of(m).iter().find_map(|e| match e.kind {
                Kind::MonthGreg => id_num(e.id, "greg-"),
                Kind::MonthHijri => id_num(e.id, "hijri-").map(|v| v + 12),
                Kind::Weekday => weekday_id(e.id).map(|v| v + 24),
                _ => None,
            });
            if let (Some(k), Some(slot)) = (kind, marks.get_mut(m.start)) {
                *slot = Mark {
                    kind: k,
                    end: m.end as u32,
                };
            }
        }
        Cx {
            a,
            marks,
            reference: reference_date.and_then(|(y, m, d)| day(y, m, d)),
            text_anchor: Cell::new(None),
            used: Cell::new(false),
            lo: Cell::new(0),
            hi: Cell::new(n),
        }
    }

    #[inline]
    pub(super) fn inside(&self, j: usize) -> bool {
        j >= self.lo.get() && j < self.hi.get()
    }

    /// Body of token `j` (see [`lex::body`]), "" outside the line.
    #[inline]
    pub(super) fn b(&self, j: usize) -> &'a str {
        if self.inside(j) {
            lex::body(self.a, j)
        } else {
            EMPTY
        }
    }

    /// Normalized word of token `j`, "" outside the line.
    #[inline]
    pub(super) fn w(&self, j: usize) -> &'a str {
        if self.inside(j) {
            lex::word(self.a, j)
        } else {
            EMPTY
        }
    }

    /// Stem after ال of token `j`, "" when none or outside the line.
    #[inline]
    pub(super) fn d(&self, j: usize) -> &'a str {
        if self.inside(j) {
            lex::def(self.a, j).unwrap_or(EMPTY)
        } else {
            EMPTY
        }
    }

    /// Does token `j` end in ة as written (before normalization made it ه)?
    pub(super) fn ends_in_ta_marbuta(&self, j: usize) -> bool {
        if !self.inside(j) {
            return false;
        }
        let t = &self.a.tokens[j];
        let (s, e) = self
            .a
            .norm
            .to_original(self.a.text, t.start as usize, t.end as usize);
        self.a.text[s..e]
            .trim_end_matches(|c: char| ('\u{064B}'..='\u{0652}').contains(&c) || c == '\u{0640}')
            .ends_with('ة')
    }

    #[inline]
    pub(super) fn int(&self, j: usize) -> Option<u32> {
        if self.inside(j) {
            lex::int(self.a, j)
        } else {
            None
        }
    }

    /// Integer token of `lo..=hi` digits.
    pub(super) fn int_w(&self, j: usize, lo: usize, hi: usize) -> Option<u32> {
        let v = self.int(j)?;
        let w = lex::width(self.a, j);
        (lo..=hi).contains(&w).then_some(v)
    }

    #[inline]
    pub(super) fn p(&self, j: usize, c: char) -> bool {
        self.inside(j) && lex::punct(self.a, j, c)
    }

    #[inline]
    pub(super) fn tight(&self, j: usize) -> bool {
        self.inside(j) && lex::tight(self.a, j)
    }

    #[inline]
    pub(super) fn kind(&self, j: usize) -> Option<TokenKind> {
        if self.inside(j) {
            Some(self.a.tokens[j].kind)
        } else {
            None
        }
    }

    pub(super) fn month_at(&self, j: usize) -> Option<(u32, bool, usize)> {
        let m = *self.marks.get(j).filter(|_| self.inside(j))?;
        let end = (m.end as usize).min(self.hi.get());
        match m.kind {
            1..=12 if end > j => Some((u32::from(m.kind), false, end)),
            13..=24 if end > j => Some((u32::from(m.kind - 12), true, end)),
            _ => None,
        }
    }

    pub(super) fn weekday_at(&self, j: usize) -> Option<(u32, usize)> {
        let m = *self.marks.get(j).filter(|_| self.inside(j))?;
        let end = (m.end as usize).min(self.hi.get());
        (25..=31)
            .contains(&m.kind)
            .then(|| (u32::from(m.kind - 24), end))
    }

    // ----- values -------------------------------------------------------

    /// The anchor relative dates resolve against: the reference date, else
    /// the latest full date before in the text. Reading it marks the match
    /// as anchored.
    pub(super) fn r(&self) -> Option<Day> {
        let r = self.reference.or(self.text_anchor.get());
        if r.is_some() {
            self.used.set(true);
        }
        r
    }

    /// Run a test that may read the anchor without the match counting as
    /// anchored.
    pub(super) fn peek<T>(&self, f: impl FnOnce() -> T) -> T {
        let used = self.used.get();
        let out = f();
        self.used.set(used);
        out
    }

    /// Is the anchor the reference date (else a date of the text)?
    pub(super) fn anchor(&self) -> Option<(Day, bool)> {
        match self.reference {
            Some(r) => Some((r, true)),
            None => self.text_anchor.get().map(|t| (t, false)),
        }
    }

    /// A relative expression: `off` units from the reference.
    pub(super) fn rel_value(&self, unit: Unit, off: i32) -> String {
        let Some((y, m, _, days)) = self.r() else {
            return rel_ref(unit, off);
        };
        match unit {
            Unit::Year => cal::fmt_year(y + off),
            Unit::Month => {
                let (y2, m2) = cal::add_months(y, m, off);
                format!("{}-{m2:02}", cal::fmt_year(y2))
            }
            Unit::Week => cal::fmt_week(days + 7 * i64::from(off)),
            Unit::Day => cal::fmt_day(days + i64::from(off)),
            Unit::Decade => format!("{}X", y.div_euclid(10) + off),
        }
    }

    /// "the N units before / after the current one".
    pub(super) fn rel_span(&self, unit: Unit, n: i32, past: bool) -> String {
        let (a, b) = if past { (-n, -1) } else { (1, n) };
        if self.r().is_none() {
            return format!("{}/{}", rel_ref(unit, a), rel_ref(unit, b));
        }
        format!("{}/{}", self.rel_value(unit, a), self.rel_value(unit, b))
    }

    // ----- building blocks ---------------------------------------------

    /// "ه"/"هـ"/"هجري" (Hijri), "م"/"ميلادي" (Gregorian), "قبل الميلاد".
    /// Returns (end, era, bc).
    pub(super) fn suffix(&self, k: usize) -> (usize, Option<bool>, bool) {
        match self.w(k) {
            "ه" | "هجري" | "هجريه" | "هجريا" | "الهجري" | "الهجريه" | "للهجره" => {
                (k + 1, Some(true), false)
            }
            "م" | "ميلادي" | "ميلاديه" | "ميلاديا" | "الميلادي" | "الميلاديه" | "للميلاد" => {
                (k + 1, Some(false), false)
            }
            "قبل" if self.w(k + 1) == "الميلاد" => (k + 2, Some(false), true),
            _ => (k, None, false),
        }
    }

    /// A Gregorian AD year at token `k` (absolute, or relative to the
    /// reference date), as a TIMEX3 year ("XXXX" when relative with no
    /// reference date): the end token and the year.
    pub(super) fn ad_year(&self, k: usize) -> Option<(usize, String)> {
        let (e, ys) = self.year_spec(k)?;
        let y = match ys {
            YearSpec::Abs {
                y,
                hijri: None | Some(false),
                bc: false,
            } => Some(y),
            YearSpec::Rel(o) => self.r().map(|r| r.0 + o),
            _ => return None,
        };
        Some((e, y.map_or_else(|| "XXXX".to_string(), cal::fmt_year)))
    }

    /// A year after a month ("أكتوبر 2024", "أكتوبر من عام 2024", "أكتوبر من
    /// العام الماضي") or in "الربع الأول من 2024". Returns (end, spec).
    pub(super) fn year_spec(&self, k: usize) -> Option<(usize, YearSpec)> {
        let mut k = k;
        if self.p(k, '،') || self.p(k, ',') {
            self.int_w(k + 1, 4, 4)?;
            k += 1;
        }
        let from = self.b(k) == "من";
        if from {
            k += 1;
        }
        if let Some((e, Unit::Year, off)) = self.rel_single(k) {
            return Some((e, YearSpec::Rel(off)));
        }
        let trig = matches!(self.b(k), "عام" | "سنه") || matches!(self.d(k), "عام" | "سنه");
        if trig {
            k += 1;
        }
        let y = if trig || from {
            self.int_w(k, 1, 4)?
        } else {
            self.int_w(k, 4, 4)?
        };
        if y == 0 || y > 2999 {
            return None;
        }
        let (end, hijri, bc) = self.suffix(k + 1);
        Some((
            end,
            YearSpec::Abs {
                y: y as i32,
                hijri,
                bc,
            },
        ))
    }

    /// Direction adjective at `k`: (offset, singular form). Past -1, next
    /// +1, current 0.
    pub(super) fn dir(&self, k: usize) -> Option<i32> {
        Some(match self.b(k) {
            "الماضي" | "المنصرم" | "الفائت" | "الماضيه" | "المنصرمه" | "الفائته" => {
                -1
            }
            "المقبل" | "القادم" | "المقبله" | "القادمه" | "الجاي" | "الجايه" => {
                1
            }
            "الجاري" | "الحالي" | "الجاريه" | "الحاليه" => 0,
            _ => return None,
        })
    }

    /// "العام الماضي", "هذا الشهر", "الأسبوع المقبل", "العقد الماضي".
    /// Returns (end, unit, offset).
    pub(super) fn rel_single(&self, k: usize) -> Option<(usize, Unit, i32)> {
        let this = matches!(self.b(k), "هذا" | "هذه");
        let u = if this { k + 1 } else { k };
        let unit = match self.d(u) {
            "عام" | "سنه" => Unit::Year,
            "شهر" => Unit::Month,
            "اسبوع" => Unit::Week,
            "عقد" => Unit::Decade,
            _ => return None,
        };
        if this {
            return Some((u + 1, unit, 0));
        }
        let off = self.dir(u + 1)?;
        Some((u + 2, unit, off))
    }

    /// A month name, optionally after "شهر" and paired with its other name
    /// ("يوليو/تموز", "يوليو (تموز)"). Returns (end, month, hijri, strong,
    /// ambiguity of the name).
    pub(super) fn month_expr(&self, j: usize) -> Option<(usize, u32, bool, bool, Amb)> {
        let mut k = j;
        let mut strong = false;
        if self.b(j) == "شهر" {
            strong = true;
            k += 1;
        }
        let (m, h, e) = self.month_at(k)?;
        let amb = if e - k > 1 {
            Amb::None
        } else {
            ambiguity(self.b(k))
        };
        let mut end = e;
        if self.p(e, '/') || self.p(e, '-') {
            if let Some((m2, h2, e2)) = self.month_at(e + 1) {
                if m2 == m && h2 == h {
                    end = e2;
                    strong = true;
                }
            }
        } else if self.p(e, '(') {
            if let Some((m2, h2, e2)) = self.month_at(e + 1) {
                if m2 == m && h2 == h && self.p(e2, ')') {
                    end = e2 + 1;
                    strong = true;
                }
            }
        }
        Some((end, m, h, strong, amb))
    }

    /// Is the token before `j` a preposition that makes a mild month
    /// ambiguity go away ("في مارس", "منذ تموز")?
    pub(super) fn prep_before(&self, j: usize) -> bool {
        j > self.lo.get()
            && matches!(
                lex::body(self.a, j - 1),
                "في" | "وفي"
                    | "منذ"
                    | "خلال"
                    | "حتي"
                    | "وحتي"
                    | "بحلول"
                    | "قبل"
                    | "بعد"
                    | "الي"
            )
    }

    /// A date built around a month: [day] [من] month [year | الماضي ...].
    /// `ctx`: the caller saw a prefix that makes the month a date.
    pub(super) fn month_date(&self, j: usize, ctx: bool) -> Option<M> {
        self.month_date_on(j, ctx, None)
    }

    /// [`Cx::month_date`] after a weekday `wd` (1 = Monday), which picks
    /// the year of a day and month written without one: the year nearest
    /// the anchor in which that day is that weekday ("الجمعة 7 نوفمبر").
    pub(super) fn month_date_on(&self, j: usize, ctx: bool, wd: Option<u32>) -> Option<M> {
        // The day: digits, or an ordinal word followed by "من".
        let mut day = None;
        let mut k = j;
        if let Some(d) = self.int_w(j, 1, 2).filter(|d| (1..=31).contains(d)) {
            day = Some(d);
            k = j + 1;
            if self.b(k) == "من" {
                k += 1;
            }
        } else if self.kind(j) == Some(TokenKind::Arabic) && self.month_at(j).is_none() {
            if let Some((e, d)) = number::ordinal(self.a, j) {
                if e <= self.hi.get() && (1..=31).contains(&d) && self.b(e) == "من" {
                    day = Some(d);
                    k = e + 1;
                }
            }
        }
        let (e, m, hijri, strong, amb) = self.month_expr(k)?;
        let year = self.year_spec(e);
        let mut end = year.map_or(e, |(e2, _)| e2);
        let mut rel = None;
        if year.is_none() {
            if let Some(o) = self.dir(e) {
                rel = Some(o);
                end = e + 1;
            }
        }
        let context = ctx
            || day.is_some()
            || strong
            || year.is_some()
            || rel.is_some()
            || match amb {
                Amb::None => true,
                Amb::Mild => self.prep_before(j),
                Amb::Strict => false,
            };
        if !context {
            return None;
        }
        let mut out = M::date(j, end, String::new());
        let (y, era, bc) = match year {
            Some((_, YearSpec::Abs { y, hijri, bc })) => (Some(y), hijri, bc),
            Some((_, YearSpec::Rel(o))) => (self.r().map(|r| r.0 + o), None, false),
            None => (None, None, false),
        };
        if bc {
            return None;
        }
        if hijri || era == Some(true) {
            if !hijri {
                // A Gregorian month with a Hijri year: not a date we can read.
                return None;
            }
            if day.is_some_and(|d| d > 30) {
                return None;
            }
            let y = y.filter(|_| matches!(year, Some((_, YearSpec::Abs { .. }))));
            out.hijri = Some(ymd(y, Some(m), day));
            out.value = match (y, day) {
                (Some(y), Some(d)) => {
                    let g = cal::hijri_to_gregorian(y, m, d)?;
                    Some(ymd(Some(g.0), Some(g.1), Some(g.2)))
                }
                _ => None,
            };
            return Some(out);
        }
        let mut y = y;
        if let (Some(o), Some((ry, rm, rd, _))) = (rel, rel.and_then(|_| self.r())) {
            // "أكتوبر الماضي": the latest October before the reference.
            let key = m * 100 + day.unwrap_or(0);
            let now = rm * 100 + if day.is_some() { rd } else { 0 };
            y = Some(match o {
                0 => ry,
                o if o < 0 => {
                    if key < now {
                        ry
                    } else {
                        ry - 1
                    }
                }
                _ => {
                    if key > now {
                        ry
                    } else {
                        ry + 1
                    }
                }
            });
        }
        if let (None, None, None, Some(d)) = (year, rel, y, day) {
            // "في 3 أبريل": the anchor's year; after a weekday, the year
            // nearest the anchor's in which the day falls on that weekday.
            if let Some((ry, ..)) = self.r() {
                y = match wd {
                    None => Some(ry),
                    Some(wd) => (0..=14).flat_map(|k| [ry - k, ry + k]).find(|&y| {
                        cal::valid(y, m, d) && cal::weekday(cal::days_from_civil(y, m, d)) == wd
                    }),
                };
            }
        }
        if let Some(d) = day {
            if d > cal::days_in_month(y.unwrap_or(2000), m) {
                return None;
            }
        }
        out.value = Some(ymd(y, Some(m), day));
        Some(out)
    }

    /// "الثلاثاء", "الثلاثاء المقبل", "الثلاثاء 15 أكتوبر 2024".
    pub(super) fn weekday(&self, j: usize) -> Option<M> {
        let (wd, e) = self.weekday_at(j)?;
        if wd == 1 && j > self.lo.get() && lex::body(self.a, j - 1) == "كلا" {
            return None; // "كلا الاثنين": both of them
        }
        let off = match self.b(e) {
            "المقبل" | "القادم" | "الجاي" => Some(1),
            "الماضي" | "المنصرم" | "الفائت" => Some(-1),
            _ => None,
        };
        let e2 = if off.is_some() { e + 1 } else { e };
        let mut k = e2;
        if self.p(k, '،') || self.p(k, ',') {
            k += 1;
        }
        if self.b(k) == "الموافق" {
            k += 1;
        }
        if let Some(mut full) = self.month_date_on(k, true, Some(wd)) {
            if full.value.is_some() && full.hijri.is_none() {
                full.start = j;
                return Some(full);
            }
        }
        let value = match self.r() {
            None => format!("XXXX-WXX-{wd}"),
            Some((_, _, _, days)) => {
                let rw = cal::weekday(days);
                let delta = match off {
                    None => -(((rw + 7 - wd) % 7) as i64),
                    Some(-1) => {
                        -(match (rw + 7 - wd) % 7 {
                            0 => 7,
                            b => b,
                        } as i64)
                    }
                    _ => match (wd + 7 - rw) % 7 {
                        0 => 7,
                        f => f as i64,
                    },
                };
                cal::fmt_day(days + delta)
            }
        };
        Some(M::date(j, e2, value))
    }

    /// "اليوم", "أمس", "أمس الأول", "أول أمس", "غدا", "الغد", "بعد غد";
    /// `bare`: also "غد"/"امس" after "يوم". Returns (end, day offset).
    pub(super) fn rel_day(&self, j: usize, bare: bool) -> Option<(usize, i32)> {
        let b = self.b(j);
        let d = self.d(j);
        if d == "يوم" && b.starts_with("ال") {
            let next_d = self.d(j + 1);
            let next_b = self.b(j + 1);
            let not_today = matches!(
                next_d,
                "تالي"
                    | "سابق"
                    | "اخير"
                    | "اول"
                    | "ثاني"
                    | "ثالث"
                    | "رابع"
                    | "خامس"
                    | "سادس"
                    | "سابع"
                    | "ثامن"
                    | "تاسع"
                    | "عاشر"
                    | "وطني"
                    | "عالمي"
                    | "دولي"
                    | "موعود"
                    | "مفتوح"
                    | "دراسي"
                    | "كامل"
            ) || matches!(next_b, "الذي" | "التي" | "نفسه" | "ذاته")
                || (j > self.lo.get()
                    && matches!(
                        lex::body(self.a, j - 1),
                        "ذلك"
                            | "ذات"
                            | "نفس"
                            | "طوال"
                            | "طيله"
                            | "كل"
                            | "يوم"
                            | "في"
                            | "هذا"
                    ));
            return (!not_today).then_some((j + 1, 0));
        }
        // Colloquial: "امبارح", "البارحة" (yesterday).
        if matches!(b, "امبارح" | "مبارح") || (d == "بارحه" && b.starts_with("ال"))
        {
            return Some((j + 1, -1));
        }
        if b == "امس" || d == "امس" {
            if self.d(j + 1) == "اول" {
                return Some((j + 2, -2));
            }
            return Some((j + 1, -1));
        }
        if b == "اول" {
            if self.b(j + 1) == "امس" {
                return Some((j + 2, -2));
            }
            if self.b(j + 1) == "من" && self.b(j + 2) == "امس" {
                return Some((j + 3, -2));
            }
            return None;
        }
        if b == "غدا" {
            // "غدا" is also the verb "became" ("غدا واضحا").
            // Its predicate is an indefinite accusative right after it or
            // after its subject ("غدا الوضع خطيرا").
            let accusative = |k: usize| {
                let nb = self.b(k);
                self.kind(k) == Some(TokenKind::Arabic)
                    && self.d(k).is_empty()
                    && nb.ends_with('ا')
                    && nb.chars().count() >= 3
                    && !matches!(nb, "صباحا" | "ظهرا" | "عصرا" | "ليلا" | "فجرا" | "مساءا")
            };
            let verb = accusative(j + 1) || (!self.d(j + 1).is_empty() && accusative(j + 2));
            return (!verb).then_some((j + 1, 1));
        }
        if d == "غد" || (bare && b == "غد") {
            return Some((j + 1, 1));
        }
        if b == "بعد" && (self.b(j + 1) == "غد" || self.d(j + 1) == "غد") {
            return Some((j + 2, 2));
        }
        // "بعد بكرة", "بعد بكرا" (colloquial: the day after tomorrow).
        if b == "بعد"
            && (self.w(j + 1) == "بكرا"
                || (self.w(j + 1) == "بكره" && self.ends_in_ta_marbuta(j + 1)))
        {
            return Some((j + 2, 2));
        }
        if b == "بكرا" {
            return Some((j + 1, 1));
        }
        // "قبل أمس" (the day before yesterday).
        if b == "قبل" && (self.b(j + 1) == "امس" || self.d(j + 1) == "امس") {
            return Some((j + 2, -2));
        }
        None
    }

    /// Colloquial "بكرة" (tomorrow), written with ة: "بكره" is ب + كره
    /// ("with hatred"). Returns the match (the ب inside the span even when
    /// the segmenter read it as a proclitic).
    pub(super) fn bukra(&self, j: usize) -> Option<M> {
        if !self.ends_in_ta_marbuta(j) {
            return None;
        }
        let v = self.rel_value(Unit::Day, 1);
        if self.b(j) == "بكره" {
            return Some(M::date(j, j + 1, v));
        }
        // The segmenter took the ب for a proclitic: keep the span whole,
        // leaving only a و before it outside.
        let w = self.w(j);
        let rest = w.strip_prefix('و').unwrap_or(w);
        (rest == "بكره").then(|| {
            let mut m = M::date(j, j + 1, v);
            m.strip = false;
            m.lead = (w.len() - rest.len()) as u8;
            m
        })
    }

    /// "الآن", "الحين" (now): the anchor's day, or `PRESENT_REF`. Not "منذ
    /// ذلك الحين" (since then).
    pub(super) fn now(&self, j: usize) -> Option<M> {
        match self.b(j) {
            "الان" => {}
            "الحين" => {
                let prev = if j > self.lo.get() {
                    lex::body(self.a, j - 1)
                } else {
                    ""
                };
                if matches!(prev, "ذلك" | "ذاك" | "تلك" | "هذا") {
                    return None;
                }
            }
            _ => return None,
        }
        let v = match self.r() {
            Some(_) => self.rel_value(Unit::Day, 0),
            None => "PRESENT_REF".to_string(),
        };
        Some(M::date(j, j + 1, v))
    }

    /// After a position word only ("نهاية العام", "منتصف الشهر", "مطلع
    /// الأسبوع"): the current year, month or week. Not "بداية العام
    /// الدراسي" (an adjective after) nor a bare "العام" (also "public").
    pub(super) fn current_unit(&self, k: usize) -> Option<M> {
        if !self.b(k).starts_with("ال") || self.b(k + 1).starts_with("ال") {
            return None;
        }
        let unit = match self.d(k) {
            "عام" | "سنه" => Unit::Year,
            "شهر" => Unit::Month,
            "اسبوع" => Unit::Week,
            _ => return None,
        };
        Some(M::date(k, k + 1, self.rel_value(unit, 0)))
    }

    /// "هذا الصباح", "هذه الليلة", "هذا المساء": today's part of the day.
    pub(super) fn this_part(&self, j: usize) -> Option<M> {
        if !matches!(self.b(j), "هذا" | "هذه") || !self.b(j + 1).starts_with("ال") {
            return None;
        }
        let code = part_of_day(self.d(j + 1))?;
        let mut v = self.rel_value(Unit::Day, 0);
        if !v.starts_with("REF") {
            v.push('T');
            v.push_str(code);
        }
        Some(M::date(j, j + 2, v))
    }

    /// "نهاية الأسبوع", "عطلة نهاية الأسبوع [الماضي]": the weekend of the
    /// anchor's week (`2024-W42-WE`), `XXXX-WXX-WE` without an anchor.
    /// "نهاية الأسبوع الماضي" without "عطلة" stays the end of that week.
    pub(super) fn weekend(&self, j: usize) -> Option<M> {
        // "بعطلة", "وبعطلة": a ب or ل the segmenter left on the word stays
        // outside (`lead` counts from the start of the word).
        let lead = match self.b(j) {
            "عطله" => Some(0),
            "بعطله" | "لعطله" => Some((self.w(j).len() - "عطله".len()) as u8),
            _ => None,
        };
        let k = if lead.is_some() { j + 1 } else { j };
        if self.b(k) != "نهايه" || self.d(k + 1) != "اسبوع" || !self.b(k + 1).starts_with("ال")
        {
            return None;
        }
        let off = self.dir(k + 2);
        if off.is_some() && k == j {
            return None;
        }
        let o = off.unwrap_or(0);
        let v = match self.r() {
            Some(_) => format!("{}-WE", self.rel_value(Unit::Week, o)),
            None if o == 0 => "XXXX-WXX-WE".to_string(),
            None => rel_ref(Unit::Week, o),
        };
        let mut m = M::date(j, k + 2 + usize::from(off.is_some()), v);
        m.lead = lead.unwrap_or(0);
        Some(m)
    }

    /// "الليلة" (tonight), "الليلة الماضية" (last night): the day with
    /// `TNI` once anchored. Not "الليلة التي ...", "تلك الليلة", "الليلة
    /// الأولى".
    pub(super) fn tonight(&self, j: usize) -> Option<M> {
        if self.b(j) != "الليله" {
            return None;
        }
        let off = self.dir(j + 1);
        if off.is_none() {
            let next = self.b(j + 1);
            if next.starts_with("ال") || matches!(next, "نفسها" | "ذاتها") {
                return None;
            }
        }
        if j > self.lo.get()
            && matches!(
                lex::body(self.a, j - 1),
                "تلك" | "ذات" | "نفس" | "طوال" | "طيله" | "كل" | "هذه" | "ليله"
            )
        {
            return None;
        }
        let o = off.unwrap_or(0);
        let mut v = self.rel_value(Unit::Day, o);
        if !v.starts_with("REF") {
            v.push_str("TNI");
        }
        Some(M::date(j, j + 1 + usize::from(off.is_some()), v))
    }

    /// A month by its number: "الشهر 11", "شهر عشرة" (not "شهر واحد", one
    /// month).
    pub(super) fn month_number(&self, j: usize) -> Option<M> {
        if self.b(j) != "شهر" && !(self.d(j) == "شهر" && self.b(j).starts_with("ال")) {
            return None;
        }
        let (m, end) = if let Some(v) = self.int_w(j + 1, 1, 2) {
            // "الشهر 3 آلاف", "شهر 5 أيام": a count. "الشهر 11 وشهر 12":
            // the next month is no unit of this number.
            let longer = number::phrase(self.a, j + 1).is_some_and(|p| p.end > j + 2);
            if longer
                || (!self.w(j + 2).starts_with('و') && counted(self.a, j + 2))
                || self.p(j + 2, '/')
                || self.p(j + 2, '-')
            {
                return None;
            }
            (v, j + 2)
        } else {
            let v = match self.b(j + 1) {
                "ثلاثه" => 3,
                "اربعه" => 4,
                "خمسه" => 5,
                "سته" => 6,
                "سبعه" => 7,
                "ثمانيه" => 8,
                "تسعه" => 9,
                "عشره" => 10,
                _ => return None,
            };
            (v, j + 2)
        };
        if !(1..=12).contains(&m) {
            return None;
        }
        Some(M::date(j, end, ymd(None, Some(m), None)))
    }

    /// A day: weekday, relative day (with "اليوم الثلاثاء"), or a full date.
    pub(super) fn day_ref(&self, j: usize, bare: bool) -> Option<M> {
        if let Some(m) = self.weekday(j) {
            return Some(m);
        }
        if let Some((e, off)) = self.rel_day(j, bare) {
            // "اليوم الثلاثاء", "أمس الأحد", "غدا الاثنين": one day, named
            // twice.
            if let Some((wd, e2)) = self.weekday_at(e) {
                let v = match self.r() {
                    Some(_) => self.rel_value(Unit::Day, off),
                    None => format!("XXXX-WXX-{wd}"),
                };
                return Some(M::date(j, e2, v));
            }
            return Some(M::date(j, e, self.rel_value(Unit::Day, off)));
        }
        None
    }

    /// "عام 2020", "العام 2020", "سنة 1445 هـ", "عامي 2019 و2020" (first).
    /// Returns the match and whether it was the dual "عامي".
    pub(super) fn year_trigger(&self, j: usize) -> Option<(M, bool)> {
        let b = self.b(j);
        let (clean, dual) = match b {
            "عام" | "سنه" => (true, false),
            "عامي" | "سنتي" => (true, true),
            "لعام" | "بعام" | "لسنه" | "بسنه" | "كعام" => (false, false),
            _ if matches!(self.d(j), "عام" | "سنه") => (true, false),
            _ => return None,
        };
        let y = self
            .int_w(j + 1, 1, 4)
            .filter(|&y| (1..=2999).contains(&y))? as i32;
        let (end, era, bc) = self.suffix(j + 2);
        let mut m = year_match(j, end, y, era, bc);
        if !clean {
            // "لعام 2020": the span starts at "عام", its ل left outside.
            m.lead = b.chars().next().map_or(0, |c| c.len_utf8() as u8);
        }
        Some((m, dual))
    }

    /// A bare year: "2024م", "1445 هـ", or after "في"/"منذ"/"خلال"/... when
    /// nothing after it makes it a count.
    pub(super) fn bare_year(&self, j: usize, ctx: bool) -> Option<M> {
        let y = self.int_w(j, 4, 4)? as i32;
        if !(1000..=2999).contains(&y) {
            return None;
        }
        let (end, era, bc) = self.suffix(j + 1);
        if era.is_some() || bc {
            return Some(year_match(j, end, y, era, bc));
        }
        if !(1900..=2100).contains(&y) || counted(self.a, j + 1) {
            return None;
        }
        if ctx {
            return Some(year_match(j, end, y, None, false));
        }
        if j <= self.lo.get() {
            return None;
        }
        let prev = lex::body(self.a, j - 1);
        let strong = matches!(
            prev,
            "في" | "وفي"
                | "منذ"
                | "خلال"
                | "بحلول"
                | "ابتداء"
                | "اعتبارا"
                | "عامي"
                | "ربيع"
        );
        let weak = matches!(prev, "حتي" | "وحتي" | "الي" | "من" | "قبل" | "بعد");
        let next_ok = j + 1 >= self.hi.get()
            || (lex::is_punct(self.a, j + 1) && !self.p(j + 1, '%'))
            || matches!(self.b(j + 1), "الي" | "حتي" | "و" | "وحتي")
            || lex::word(self.a, j + 1).starts_with('و');
        (strong || (weak && next_ok)).then(|| year_match(j, end, y, None, false))
    }

    /// "القرن الماضي", "القرن العشرين", "القرن الـ21", "القرن 19".
    /// Returns (end, century prefix or relative offset, hijri).
    pub(super) fn century_spec(&self, k: usize) -> Option<(usize, Result<i32, i32>, bool)> {
        if self.d(k) != "قرن" {
            return None;
        }
        let (e, c) = if let Some(o) = self.dir(k + 1) {
            (k + 2, Err(o))
        } else if let Some(t) = number_tens(self.d(k + 1)) {
            (k + 2, Ok(t as i32 - 1))
        } else if let Some(n) = self.int_w(k + 1, 1, 2) {
            (k + 2, Ok(n as i32 - 1))
        } else if self.kind(k + 1) == Some(TokenKind::Arabic) {
            let (e, n) = number::ordinal(self.a, k + 1)?;
            if e > self.hi.get() {
                return None;
            }
            (e, Ok(n as i32 - 1))
        } else {
            return None;
        };
        if matches!(c, Ok(p) if !(0..=99).contains(&p)) {
            return None;
        }
        match self.w(e) {
            "الهجري" => Some((e + 1, c, true)),
            "الميلادي" => Some((e + 1, c, false)),
            _ => Some((e, c, false)),
        }
    }

    pub(super) fn century(&self, j: usize) -> Option<M> {
        let (e, c, hijri) = self.century_spec(j)?;
        let v = match c {
            Ok(p) => format!("{p:02}"),
            Err(o) => match self.r() {
                Some((y, ..)) => format!("{:02}", y.div_euclid(100) + o),
                None => format!("REF{}P{}CE", sign(o), o.abs()),
            },
        };
        let mut m = M::date(j, e, v);
        if hijri {
            m.hijri = m.value.take().filter(|_| c.is_ok());
        }
        Some(m)
    }

    /// "التسعينيات", "الثمانينات", "تسعينيات القرن الماضي", "عقد الستينيات".
    pub(super) fn decade(&self, j: usize) -> Option<M> {
        let k = if self.b(j) == "عقد" { j + 1 } else { j };
        let s = match self.d(k) {
            "" => self.b(k),
            d => d,
        };
        let stem = s.strip_suffix("يات").or_else(|| s.strip_suffix("ات"))?;
        let dec = match stem {
            "عشرين" => 2,
            "ثلاثين" => 3,
            "اربعين" => 4,
            "خمسين" => 5,
            "ستين" => 6,
            "سبعين" => 7,
            "ثمانين" => 8,
            "تسعين" => 9,
            "الفين" => 0,
            _ => return None,
        };
        let mut end = k + 1;
        let mut prefix = if dec == 0 { 20 } else { 19 };
        let at = if self.b(end) == "من" { end + 1 } else { end };
        if let Some((e, c, false)) = self.century_spec(at) {
            end = e;
            prefix = match c {
                Ok(p) => p,
                // Without a reference date the present is taken to be 20XX.
                Err(o) => self.r().map_or(20, |r| r.0.div_euclid(100)) + o,
            };
        }
        Some(M::date(j, end, format!("{prefix}{dec}X")))
    }

    /// "العام الماضي", "العامين الماضيين", "السنوات الخمس الماضية".
    pub(super) fn relative(&self, j: usize) -> Option<M> {
        if let Some((e, unit, off)) = self.rel_single(j) {
            return Some(M::date(j, e, self.rel_value(unit, off)));
        }
        let dual = match self.d(j) {
            "عامين" | "سنتين" => Some(Unit::Year),
            "شهرين" => Some(Unit::Month),
            "اسبوعين" => Some(Unit::Week),
            "يومين" => Some(Unit::Day),
            "عقدين" => Some(Unit::Decade),
            _ => None,
        };
        if let Some(unit) = dual {
            let past = match self.b(j + 1) {
                "الماضيين" | "الاخيرين" | "المنصرمين" | "الفائتين" => {
                    true
                }
                "المقبلين" | "القادمين" => false,
                _ => return None,
            };
            return Some(M::date(j, j + 2, self.rel_span(unit, 2, past)));
        }
        let unit = match self.d(j) {
            "اعوام" | "سنوات" | "سنين" => Unit::Year,
            "اشهر" | "شهور" => Unit::Month,
            "اسابيع" => Unit::Week,
            "ايام" => Unit::Day,
            "عقود" => Unit::Decade,
            _ => return None,
        };
        let mut k = j + 1;
        let mut count = None;
        if let Some(n) = self.int_w(k, 1, 3) {
            count = Some(n as i32);
            k += 1;
        } else if let Some(n) = count_word(self.d(k)) {
            count = Some(n);
            k += 1;
        }
        let past = match self.b(k) {
            "الماضيه" | "الاخيره" | "المنصرمه" | "الفائته" => true,
            "المقبله" | "القادمه" => false,
            _ => return None,
        };
        let v = match count {
            Some(n) if n > 0 => self.rel_span(unit, n, past),
            _ if past => "PAST_REF".to_string(),
            _ => "FUTURE_REF".to_string(),
        };
        Some(M::date(j, k + 1, v))
    }

    /// "الربع الأول من 2024" (Q1), "النصف الثاني من العام الماضي" (H2).
    pub(super) fn quarter(&self, j: usize) -> Option<M> {
        let q = match self.d(j) {
            "ربع" => 'Q',
            "نصف" => 'H',
            _ => return None,
        };
        let n = match self.d(j + 1) {
            "اول" => 1,
            "ثاني" => 2,
            "ثالث" if q == 'Q' => 3,
            "رابع" if q == 'Q' => 4,
            "اخير" => {
                if q == 'Q' {
                    4
                } else {
                    2
                }
            }
            _ => return None,
        };
        let (e, y) = self.ad_year(j + 2)?;
        Some(M::date(j, e, format!("{y}-{q}{n}")))
    }

    /// "صيف 2024", "شتاء العام الماضي"; "الصيف الماضي", "الشتاء المقبل",
    /// "هذا الصيف" (see [`Cx::season_rel`]).
    pub(super) fn season(&self, j: usize) -> Option<M> {
        if let Some(m) = self.season_rel(j) {
            return Some(m);
        }
        let (s, _) = season_code(self.b(j))?;
        let (e, y) = self.ad_year(j + 1)?;
        Some(M::date(j, e, format!("{y}-{s}")))
    }

    /// "الصيف الماضي" (the latest summer before the anchor's season),
    /// "الشتاء المقبل" (the first after), "هذا الصيف" / "الصيف الحالي"
    /// (the anchor's year's). Winter is named by the year of its December.
    /// Without an anchor the year is `XXXX`.
    pub(super) fn season_rel(&self, j: usize) -> Option<M> {
        let this = matches!(self.b(j), "هذا" | "هذه");
        let k = if this { j + 1 } else { j };
        if !self.b(k).starts_with("ال") {
            return None;
        }
        let (code, s) = season_code(self.d(k))?;
        let (end, off) = if this {
            (k + 1, 0)
        } else {
            (k + 2, self.dir(k + 1)?)
        };
        let y = self.r().map(|(ry, rm, ..)| {
            // Seasons counted from spring 0 AD: spring (Mar-May) is 0,
            // summer 1, autumn 2, winter (Dec-Feb) 3.
            let (cy, cs) = match rm {
                1 | 2 => (ry - 1, 3),
                12 => (ry, 3),
                m => (ry, (m as i32 - 3) / 3),
            };
            let cur = cy * 4 + cs;
            match off {
                0 => ry,
                o if o < 0 => {
                    let mut t = cy * 4 + s;
                    while t >= cur {
                        t -= 4;
                    }
                    t.div_euclid(4)
                }
                _ => {
                    let mut t = cy * 4 + s;
                    while t <= cur {
                        t += 4;
                    }
                    t.div_euclid(4)
                }
            }
        });
        let y = y.map_or_else(|| "XXXX".to_string(), cal::fmt_year);
        Some(M::date(j, end, format!("{y}-{code}")))
    }

    /// Month and year: "11/2025" (not a chain "3/11/2025" or a number
    /// "القرار رقم 5/2024").
    pub(super) fn month_year(&self, j: usize) -> Option<M> {
        let m = self.int_w(j, 1, 2).filter(|m| (1..=12).contains(m))?;
        if !self.p(j + 1, '/') || !self.tight(j + 1) || !self.tight(j + 2) {
            return None;
        }
        let y = self
            .int_w(j + 2, 4, 4)
            .filter(|y| (1900..=2100).contains(y))?;
        if (self.tight(j + 3) && (self.p(j + 3, '/') || self.p(j + 3, '-')))
            || (j > self.lo.get() && lex::tight(self.a, j) && lex::is_punct(self.a, j - 1))
        {
            return None;
        }
        if j > self.lo.get() && matches!(lex::body(self.a, j - 1), "رقم" | "قرار" | "قانون" | "عدد")
        {
            return None;
        }
        Some(M::date(j, j + 3, ymd(Some(y as i32), Some(m), None)))
    }

    /// Numeric dates: "15/10/2024", "2024-10-15", "15.10.2024", with an
    /// optional era ("12/9/1445 هـ").
    pub(super) fn numeric(&self, j: usize) -> Option<M> {
        if self.kind(j) != Some(TokenKind::Number) {
            return None;
        }
        let w = self.w(j);
        if let Some(m) = self.month_year(j) {
            return Some(m);
        }
        let (a, b, c, e) = if w.bytes().filter(|&c| c == b'.').count() == 2 {
            let mut it = w.split('.');
            let (x, y, z) = (it.next()?, it.next()?, it.next()?);
            (x, y, z, j + 1)
        } else {
            let sep = self.w(j + 1);
            if !matches!(sep, "/" | "-")
                || !self.tight(j + 1)
                || !self.tight(j + 2)
                || self.w(j + 3) != sep
                || !self.tight(j + 3)
                || !self.tight(j + 4)
            {
                return None;
            }
            if self.int(j + 2).is_none() || self.int(j + 4).is_none() {
                return None;
            }
            // Part of a longer chain ("1/2/3/4"): not a date.
            if self.w(j + 5) == sep && self.tight(j + 5) {
                return None;
            }
            (w, self.w(j + 2), self.w(j + 4), j + 5)
        };
        if j > self.lo.get() && lex::tight(self.a, j) && lex::is_punct(self.a, j - 1) {
            let pw = lex::word(self.a, j - 1);
            if matches!(pw, "/" | "-" | ".") {
                return None;
            }
        }
        let num = |s: &str| -> Option<u32> {
            if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            s.parse().ok()
        };
        let (y, m, d) = match (a.len(), b.len(), c.len()) {
            (1..=2, 1..=2, 4) => (num(c)?, num(b)?, num(a)?),
            (4, 1..=2, 1..=2) => (num(a)?, num(b)?, num(c)?),
            _ => return None,
        };
        let (end, era, bc) = self.suffix(e);
        if bc || y == 0 {
            return None;
        }
        let y = y as i32;
        if era == Some(true) {
            if !(1..=12).contains(&m) || !(1..=30).contains(&d) {
                return None;
            }
            let g = cal::hijri_to_gregorian(y, m, d)?;
            let mut out = M::date(j, end, ymd(Some(g.0), Some(g.1), Some(g.2)));
            out.hijri = Some(ymd(Some(y), Some(m), Some(d)));
            return Some(out);
        }
        if !cal::valid(y, m, d) {
            return None;
        }
        Some(M::date(j, end, ymd(Some(y), Some(m), Some(d))))
    }

    /// Could any rule of [`Cx::at`] match at token `i`? A superset test
    /// on the token alone, so that the scan skips the many words that
    /// cannot start a date (most of a text) without trying every rule:
    /// digits, a month or weekday name (gazetteer marks), or a word that
    /// some rule reads at its first token (see [`starts`](crate::rules::starts::starts)).
    #[inline]
    pub(super) fn could_start(&self, i: usize, starts: &[u8]) -> bool {
        match self.a.tokens[i].kind {
            TokenKind::Number => true,
            TokenKind::Arabic => self.marks[i].kind != 0 || starts[i] & lex::START_DATE != 0,
            TokenKind::Latin | TokenKind::Punct => false,
        }
    }

    /// Every rule at token `i`, most specific first.
    pub(super) fn at(&self, i: usize) -> Option<(M, bool)> {
        let kind = self.kind(i)?;
        if kind == TokenKind::Latin {
            return None;
        }
        self.used.set(false);
        if let Some(m) = self
            .range(i)
            .or_else(|| self.nth_day(i))
            .or_else(|| self.holiday(i))
            .or_else(|| self.weekend(i))
        {
            return Some((m, false));
        }
        self.used.set(false);
        if kind == TokenKind::Number {
            if let Some(m) = self.numeric(i) {
                return Some((m, false));
            }
        }
        self.used.set(false);
        if let Some(m) = self.time(i) {
            return Some((m, false));
        }
        // Part of the day before a day: "مساء أمس", "صباح الثلاثاء".
        self.used.set(false);
        if let Some(code) = part_of_day(self.b(i)) {
            if let Some(mut m) = self.day_ref(i + 1, true) {
                m.start = i;
                if let Some(v) = &mut m.value {
                    if !v.starts_with("REF") {
                        v.push('T');
                        v.push_str(code);
                    }
                }
                return Some((m, false));
            }
        }
        // "يوم الثلاثاء", "يوم أمس", "يوم 15 أكتوبر".
        if self.b(i) == "يوم" {
            if let Some(mut m) = self.day_ref(i + 1, true) {
                m.start = i;
                return Some((m, false));
            }
            if let Some(mut m) = self
                .month_date(i + 1, false)
                .filter(|m| m.value.as_deref().is_some_and(|v| v.len() == 10))
            {
                m.start = i;
                return Some((m, false));
            }
        }
        // "مطلع عام 2024", "منتصف الشهر المقبل", "أواخر الثمانينيات".
        self.used.set(false);
        if let Some(md) = position(self.b(i)) {
            let inner = self
                .month_date(i + 1, true)
                .or_else(|| self.year_trigger(i + 1).map(|(m, _)| m))
                .or_else(|| self.bare_year(i + 1, true))
                .or_else(|| self.decade(i + 1))
                .or_else(|| self.relative(i + 1))
                .or_else(|| self.century(i + 1))
                .or_else(|| self.current_unit(i + 1));
            if let Some(mut m) = inner.filter(|m| m.start == i + 1) {
                m.start = i;
                m.lead = 0;
                m.modifier = Some(md);
                return Some((m, false));
            }
        }
        self.used.set(false);
        if let Some(m) = self
            .day_ref(i, false)
            .or_else(|| self.bukra(i))
            .or_else(|| self.now(i))
            .or_else(|| self.tonight(i))
            .or_else(|| self.this_part(i))
        {
            return Some((m, false));
        }
        self.used.set(false);
        if let Some(m) = self.month_date(i, false) {
            return Some((m, false));
        }
        self.used.set(false);
        if let Some(r) = self.year_trigger(i) {
            return Some(r);
        }
        self.used.set(false);
        if let Some(m) = self
            .decade(i)
            .or_else(|| self.century(i))
            .or_else(|| self.relative(i))
            .or_else(|| self.month_number(i))
            .or_else(|| self.quarter(i))
            .or_else(|| self.season(i))
            .or_else(|| self.duration(i))
            .or_else(|| self.bare_year(i, false))
        {
            return Some((m, false));
        }
        None
    }
}
