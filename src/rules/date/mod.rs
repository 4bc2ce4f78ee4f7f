//! DATE and TIME rules.
//!
//! Values are TIMEX3-style strings in `attrs.value`:
//!
//! | text                              | value                      |
//! |-----------------------------------|----------------------------|
//! | الثلاثاء                           | `XXXX-WXX-2` (Monday = 1)  |
//! | يوليو/تموز, يوليو (تموز), في مارس   | `XXXX-07`, `XXXX-03`       |
//! | 15 أكتوبر 2024, ١٥/١٠/٢٠٢٤           | `2024-10-15`               |
//! | الخامس عشر من أكتوبر               | `XXXX-10-15`               |
//! | أكتوبر 2024, عام 2020, 2024م        | `2024-10`, `2020`, `2024`  |
//! | التسعينيات, ثمانينات القرن الماضي    | `199X`, `198X`             |
//! | القرن العشرين                      | `19`                       |
//! | الربع الأول من 2024, صيف 2024       | `2024-Q1`, `2024-SU`       |
//! | ثلاث سنوات, يوما واحدا              | `P3Y`, `P1D` (durations)   |
//! | الساعة 14:30, الثالثة مساء          | `T14:30`, `T15:00` (TIME)  |
//!
//! Hijri dates ("12 رمضان 1445 هـ") keep the date as written in
//! `attrs.value_hijri` ("1445-09-12") and its Gregorian date, by the Umm
//! al-Qura calendar, in `attrs.value` ("2024-03-22"); a Hijri date without
//! a year or day has no Gregorian value ("عام 1445 هـ": value_hijri "1445").
//!
//! Relative expressions resolve against an anchor: `Options::reference_date`
//! when it is given, otherwise the nearest full date (day, month and year:
//! "الخميس 12 مارس 2026", "12/3/2026") stated earlier in the text, chunks
//! of one document included ([`DateMemory`]), as temporal taggers do in
//! narrative mode. A date resolved against an anchor never becomes one
//! itself, and a date later in the text is never used. The entity says
//! which anchor it used: `attrs.anchor` ("2026-03-12") and
//! `attrs.anchor_source` ("reference" or "text"). With 2024-10-15:
//! "العام الماضي" → `2023`, "الأسبوع الماضي" → `2024-W41`, "الشهر المقبل"
//! → `2024-11`, "اليوم" → `2024-10-15`, "أمس" → `2024-10-14`, "العامين
//! الماضيين" → `2022/2023` (the N whole units before the current one). Without an anchor they keep an anchor-offset form: `REF`
//! (the reference date) plus a signed ISO 8601 duration whose unit is the
//! granularity — "اليوم" `REF+P0D`, "أمس" `REF-P1D`, "العام الماضي"
//! `REF-P1Y`, "هذا الشهر" `REF+P0M`, "العامين الماضيين" `REF-P2Y/REF-P1Y`
//! (units Y, M, W, D, and TIMEX3's DE for decades and CE for centuries).
//! Vague plurals ("السنوات الماضية") are `PAST_REF` / `FUTURE_REF`.
//! Colloquial words count as their MSA forms: "بكرة" (written with ة;
//! "بكره" is "with hatred") and "بكرا" +1 day, "بعد بكرة" +2, "امبارح"
//! and "البارحة" −1 day, "قبل أمس" −2,
//! "الجاي" as "المقبل". "الآن" and "الحين" (not "منذ ذلك الحين") are the
//! anchor's day, or `PRESENT_REF` without one; "الليلة" is the anchor's
//! day with `TNI` ("الليلة الماضية" the day before), not "تلك الليلة" or
//! "الليلة التي ...". Months by number: "الشهر 11", "شهر عشرة" →
//! `XXXX-11`, `XXXX-10` (bare months, so no year); "11/2025" → `2025-11`
//! (not after "رقم"/"قرار", nor inside "3/11/2025").
//!
//! A weekday with an anchor is the latest such day on or before it
//! ("الثلاثاء" on Tuesday 2024-10-15 is that day); "الثلاثاء الماضي" is the
//! latest one strictly before, "الثلاثاء المقبل" the first one after. Bare
//! month names stay `XXXX-MM` even with an anchor: which year is meant
//! depends on tense, which these rules do not read. "أكتوبر الماضي" and
//! "15 أكتوبر المقبل" do resolve (the latest past / next such month). A day
//! and month without a year take the anchor's year ("في 3 أبريل" with
//! 2025-06-01 → `2025-04-03`); after a weekday, the year nearest the
//! anchor's in which that day is that weekday ("الجمعة 7 نوفمبر" with
//! 2024-10-15 → `2025-11-07`). Without an anchor they stay `XXXX-MM-DD`.
//!
//! Times: minutes in words ("وربع", "و نصف", "إلا ثلثا", "و عشر دقائق")
//! and parts of the day that move the hour ("مساء", "ليلا", "فجرا",
//! "ظهرا", "بعد العصر", "بعد المغرب": "الساعة 8 بعد المغرب" → `T20:00`).
//! An hour as a feminine ordinal with a part of the day is a TIME even
//! without "الساعة" ("الثالثة فجرا" → `T03:00`); a bare digit needs
//! "الساعة", a clock ("14:30") or a one-word part of the day.
//!
//! Seasons with a direction: "الصيف الماضي" is the latest summer before
//! the anchor's season, "الشتاء المقبل" the first winter after, "هذا
//! الصيف" the anchor year's (with 2024-10-15: `2024-SU`, `2024-WI`,
//! `2024-SU`; a winter is named by the year of its December); `XXXX-SU`
//! without an anchor.
//!
//! Durations with halves and quarters: "نصف ساعة" `PT30M`, "ساعة ونصف"
//! `PT1H30M` (hours with a fraction as hours and minutes), "سنة ونصف"
//! `P1.5Y`, "نصف قرن" `P50Y`. Today's parts of the day: "هذا الصباح" →
//! `2024-10-15TMO` (anchored; `REF+P0D` without). Weekends: "عطلة نهاية
//! الأسبوع" → `2024-W42-WE`, `XXXX-WXX-WE` without an anchor ("نهاية
//! الأسبوع الماضي" without "عطلة" stays the end of that week, `REF-P1W`).
//!
//! Calendar constructions: "ثاني جمعة من شهر مايو", "آخر خميس من نوفمبر
//! 2024" (`2024-11-28`), "آخر يوم من السنة", "أول يوم من شهر يونيو 2025"
//! take the year written, else the anchor's; without either, the nth
//! weekday is its month (`XXXX-05`) and the last day of the year
//! `XXXX-12-31`.
//!
//! Holidays: Hijri ones by the Umm al-Qura calendar — "عيد الفطر" (10-01),
//! "عيد الأضحى" (12-10), "رأس السنة الهجرية" (01-01), "المولد النبوي"
//! (03-12), "أول رمضان" / "غرة شوال" (the month's first day) — with
//! `value_hijri` and the Gregorian `value`: in the year written after
//! ("عيد الفطر 1445 هـ"; an unmarked year below 1700 is Hijri, "عام
//! 2023" Gregorian), else in the anchor's Gregorian year (the occurrence
//! nearest the anchor when the year holds two), else `value_hijri`
//! "XXXX-10-01" alone. Fixed ones: "رأس السنة الميلادية" (01-01), "عيد
//! العمال" (05-01), "عيد الميلاد المجيد" (12-25; "عيد ميلاده" is a
//! birthday).
//!
//! Ranges after "من" or "بين" ("إلى", "حتى", "-", and "و" after "بين")
//! are one entity whose value is an ISO 8601 interval `start/end`: "من 3
//! إلى 5 مايو" → `XXXX-05-03/XXXX-05-05`, "من الاثنين حتى الخميس" →
//! `XXXX-WXX-1/XXXX-WXX-4` (with an anchor, the end on or after the
//! start), "من يناير إلى مارس 2024" → `2024-01/2024-03`, "بين الساعة 2 و4"
//! → `T02:00/T04:00` ("من الساعة 10 حتى 2" → `T10:00/T14:00`). The span
//! starts at the first date; "من"/"بين" stay outside.
//!
//! Spans: proclitics stay outside ("وفي عام 2020" → "عام 2020"); prefixes
//! that are part of the date stay inside ("يوم الثلاثاء", "شهر رمضان",
//! "مطلع عام 2024" with modifier "start", "مساء أمس" with `TEV`). After
//! such a position word a bare "العام", "الشهر" or "الأسبوع" is the
//! current one ("نهاية العام" → `REF+P0Y`, the anchor's year once
//! anchored), but not before an adjective ("بداية العام الدراسي").
//!
//! Precision: month names that are also common words (مارس "practised",
//! آب "father", أيار, نيسان, تموز, مايو, and the Hijri صفر "zero", رجب,
//! شعبان, محرم, رمضان, شوال, which are also given names) need date context:
//! a day before, a year or "الماضي/المقبل" after, "شهر" before, a paired
//! form, "مطلع/منتصف/نهاية" before, or — for the milder ones — a
//! preposition like "في" or "منذ" before. Weekday names need no context.
//!
//! Every rule looks at a bounded window of tokens inside one line, and the
//! scan moves past each match, so the whole pass is linear in the input.
//!
//! Files: `words` (what the rules read), `parse` (the cursor over a line,
//! the anchor, and the rules for dates, one method a construction, with
//! `Cx::at` trying them all), `clock` (times of day and durations),
//! `ranges` (intervals after "من"/"بين"), `holidays` (feasts and days
//! counted inside a month or year), `value` (the TIMEX3 values and the
//! candidates they become). The last four add methods to `parse`'s cursor
//! and import nothing from each other.

mod clock;
mod holidays;
mod parse;
mod ranges;
mod value;
pub(crate) mod words;

use crate::doc::Label;
use crate::lexicon::analysis::Analysis;
use crate::lexicon::gazetteer::Gazetteer;
use crate::rules::candidate::Candidate;
use parse::Cx;
use value::{full_date, push, year_match};

/// What the date rules keep from one chunk of a document to the next: the
/// latest full date of the text, the anchor of relative dates when no
/// reference date is given.
#[derive(Debug, Clone, Default)]
pub struct DateMemory {
    last_full: Option<(i32, u32, u32)>,
}

/// Append date and time candidates of `a`, a chunk of a document whose
/// earlier chunks left `memory`.
pub fn find(
    a: &Analysis<'_>,
    gaz: &Gazetteer,
    reference_date: Option<(i32, u32, u32)>,
    memory: &mut DateMemory,
    starts: &[u8],
    out: &mut Vec<Candidate>,
) {
    let n = a.tokens.len();
    if n == 0 {
        return;
    }
    let cx = Cx::new(a, gaz, reference_date);
    cx.text_anchor
        .set(memory.last_full.and_then(|(y, m, d)| parse::day(y, m, d)));
    let mut line_end = 0;
    let mut i = 0;
    while i < n {
        if i >= line_end {
            line_end = i + 1;
            while line_end < n && !a.tokens[line_end].newline_before {
                line_end += 1;
            }
            cx.lo.set(i);
            cx.hi.set(line_end);
        }
        if !cx.could_start(i, starts) {
            debug_assert!(cx.at(i).is_none(), "the prefilter hid a date at {i}");
            i += 1;
            continue;
        }
        cx.used.set(false);
        let Some((m, dual)) = cx.at(i) else {
            i += 1;
            continue;
        };
        let mut next = m.end.max(i + 1);
        let anchor = cx
            .anchor()
            .filter(|_| cx.used.get())
            .map(|((y, mo, d, _), reference)| ((y, mo, d), reference));
        // A full date the text states itself (not one resolved against an
        // anchor) anchors the relative dates after it.
        if anchor.is_none() && m.label == Label::Date {
            if let Some((y, mo, d)) = m.value.as_deref().and_then(full_date) {
                memory.last_full = Some((y, mo, d));
                cx.text_anchor.set(parse::day(y, mo, d));
            }
        }
        push(out, m, anchor);
        // "عامي 2019 و2020": the second year too.
        if dual && cx.w(next) == "و" {
            if let Some(y) = cx.int_w(next + 1, 4, 4).filter(|y| (1..=2999).contains(y)) {
                let (end, era, bc) = cx.suffix(next + 2);
                push(out, year_match(next + 1, end, y as i32, era, bc), None);
                next = end;
            }
        }
        i = next;
    }
}
