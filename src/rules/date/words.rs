//! The words the date and time rules read: the words a rule may start
//! on ([`START_WORDS`], for the prefilter), how ambiguous a month name is,
//! and the small closed lists of units, parts of the day and positions.

use crate::lexicon::analysis::Analysis;
use crate::rules::lex;

/// Words that rules of [`Cx::at`] read at their first token (as its body
/// or its stem after ال), for the prefilter [`starts`](crate::rules::starts::starts): the inline
/// lists of the rules, and the words of [`time_unit`], [`dual_unit`],
/// [`part_of_day`] and [`position`] (a unit test checks those four). A word
/// a rule starts on must be here, or the prefilter hides it from the rule
/// (debug builds assert that it never does). Plurals in -ات (decades) and
/// number words are tested apart.
pub(crate) const START_WORDS: &[&str] = &[
    // time(), hour_word(): "الساعة", "منتصف الليل", "الثالثة".
    "ساعه",
    "منتصف",
    "واحده",
    "ثانيه",
    "ثالثه",
    "رابعه",
    "خامسه",
    "سادسه",
    "سابعه",
    "ثامنه",
    "تاسعه",
    "عاشره",
    "حاديه",
    // "يوم ...", rel_day(): "اليوم", "أمس", "أول أمس", "غدا", "بعد غد".
    "يوم",
    "امس",
    "اول",
    "غدا",
    "غد",
    "بعد",
    // Colloquial days and now: bukra(), rel_day(), now(), tonight().
    "بكره",
    "امبارح",
    "مبارح",
    "بارحه",
    "وبكره",
    "بكرا",
    "قبل",
    "عطله",
    "بعطله",
    "لعطله",
    "الان",
    "الحين",
    // nth_day(): "ثاني جمعة من شهر مايو", "آخر يوم من السنة".
    "ثاني",
    "ثالث",
    "رابع",
    "خامس",
    "اخر",
    // holiday(): "عيد الفطر", "رأس السنة", "المولد النبوي", "غرة رمضان".
    "عيد",
    "راس",
    "مولد",
    "غره",
    // month_expr(): "شهر رمضان"; month_number(): "الشهر 11".
    "شهر",
    // year_trigger(): "عام 2020", "لعام 2020".
    "عام",
    "سنه",
    "عامي",
    "سنتي",
    "لعام",
    "بعام",
    "لسنه",
    "بسنه",
    "كعام",
    // decade(), century(), quarter(), season().
    "عقد",
    "قرن",
    "ربع",
    "نصف",
    "صيف",
    "شتاء",
    "خريف",
    "ربيع",
    // relative(): "هذا العام", "الأسبوع المقبل", duals, plurals.
    "هذا",
    "هذه",
    "اسبوع",
    "عامين",
    "سنتين",
    "شهرين",
    "اسبوعين",
    "يومين",
    "عقدين",
    "اعوام",
    "سنوات",
    "سنين",
    "اشهر",
    "شهور",
    "اسابيع",
    "ايام",
    "عقود",
    // time_unit().
    "يوما",
    "اسبوعا",
    "شهرا",
    "عاما",
    "عقدا",
    "قرون",
    "قرنا",
    "ساعات",
    "دقيقه",
    "دقائق",
    "ثوان",
    "ثواني",
    // dual_unit().
    "يومان",
    "اسبوعان",
    "شهران",
    "عامان",
    "سنتان",
    "عقدان",
    "قرنين",
    "قرنان",
    "ساعتين",
    "ساعتان",
    "دقيقتين",
    "دقيقتان",
    // part_of_day().
    "صباح",
    "فجر",
    "صبيحه",
    "ظهر",
    "ظهيره",
    "عصر",
    "مساء",
    "ليله",
    // position().
    "مطلع",
    "بدايه",
    "اوائل",
    "مستهل",
    "اواسط",
    "نهايه",
    "اواخر",
    "ختام",
];

/// How much context an ambiguous month name needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Amb {
    /// A month name and nothing else.
    None,
    /// Also a word, but a preposition before is enough ("في مارس").
    Mild,
    /// Also a common word or name: needs a day, year, شهر or a pair.
    Strict,
}

pub(super) fn ambiguity(name: &str) -> Amb {
    match name {
        "اب" | "ماي" | "جوان" | "صفر" | "رجب" | "شعبان" | "محرم" => {
            Amb::Strict
        }
        "مارس" | "ايار" | "نيسان" | "تموز" | "مايو" | "اوت" | "رمضان" | "شوال" => {
            Amb::Mild
        }
        _ => Amb::None,
    }
}

pub(super) fn id_num(id: &str, prefix: &str) -> Option<u8> {
    let v: u8 = id.strip_prefix(prefix)?.parse().ok()?;
    (1..=12).contains(&v).then_some(v)
}

pub(super) fn weekday_id(id: &str) -> Option<u8> {
    Some(match id.strip_prefix("day-")? {
        "mon" => 1,
        "tue" => 2,
        "wed" => 3,
        "thu" => 4,
        "fri" => 5,
        "sat" => 6,
        "sun" => 7,
        _ => return None,
    })
}

/// A weekday named without the article after an ordinal ("ثاني جمعة",
/// "آخر خميس"): 1 = Monday.
pub(super) fn weekday_word(s: &str) -> Option<u32> {
    Some(match s {
        "اثنين" => 1,
        "ثلاثاء" => 2,
        "اربعاء" => 3,
        "خميس" => 4,
        "جمعه" => 5,
        "سبت" => 6,
        "احد" => 7,
        _ => return None,
    })
}

/// A season: its TIMEX3 code and its place counted from spring (0).
pub(super) fn season_code(s: &str) -> Option<(&'static str, i32)> {
    Some(match s {
        "ربيع" => ("SP", 0),
        "صيف" => ("SU", 1),
        "خريف" => ("FA", 2),
        "شتاء" => ("WI", 3),
        _ => return None,
    })
}

/// A time unit noun after a number: (TIMEX3 unit, is a time of day unit).
pub(super) fn time_unit(s: &str) -> Option<(&'static str, bool)> {
    Some(match s {
        "يوم" | "ايام" | "يوما" => ("D", false),
        "اسبوع" | "اسابيع" | "اسبوعا" => ("W", false),
        "شهر" | "اشهر" | "شهور" | "شهرا" => ("M", false),
        "عام" | "اعوام" | "عاما" | "سنه" | "سنوات" | "سنين" => ("Y", false),
        "عقد" | "عقود" | "عقدا" => ("DE", false),
        "قرن" | "قرون" | "قرنا" => ("CE", false),
        "ساعه" | "ساعات" => ("H", true),
        "دقيقه" | "دقائق" => ("M", true),
        "ثانيه" | "ثوان" | "ثواني" => ("S", true),
        _ => return None,
    })
}

pub(super) fn dual_unit(s: &str) -> Option<(&'static str, bool)> {
    Some(match s {
        "يومين" | "يومان" => ("D", false),
        "اسبوعين" | "اسبوعان" => ("W", false),
        "شهرين" | "شهران" => ("M", false),
        "عامين" | "عامان" | "سنتين" | "سنتان" => ("Y", false),
        "عقدين" | "عقدان" => ("DE", false),
        "قرنين" | "قرنان" => ("CE", false),
        "ساعتين" | "ساعتان" => ("H", true),
        "دقيقتين" | "دقيقتان" => ("M", true),
        _ => return None,
    })
}

/// "صباح" → MO etc. (TIMEX3 parts of the day).
pub(super) fn part_of_day(s: &str) -> Option<&'static str> {
    Some(match s {
        "صباح" | "فجر" | "صبيحه" => "MO",
        "ظهر" | "ظهيره" => "MI",
        "عصر" => "AF",
        "مساء" => "EV",
        "ليله" => "NI",
        _ => return None,
    })
}

/// "مطلع", "منتصف", "أواخر"... → TIMEX3 mod (lowercase).
pub(super) fn position(s: &str) -> Option<&'static str> {
    Some(match s {
        "مطلع" | "بدايه" | "اوائل" | "مستهل" => "start",
        "منتصف" | "اواسط" => "mid",
        "نهايه" | "اواخر" | "ختام" => "end",
        _ => return None,
    })
}

/// "عشرين" → 20 (a tens word after the article: "القرن العشرين").
pub(super) fn number_tens(s: &str) -> Option<u32> {
    Some(match s {
        "عشرين" | "عشرون" => 20,
        "ثلاثين" => 30,
        _ => return None,
    })
}

/// Count words inside "السنوات الخمس الماضية" (after the article).
pub(super) fn count_word(s: &str) -> Option<i32> {
    Some(match s {
        "ثلاث" | "ثلاثه" => 3,
        "اربع" | "اربعه" => 4,
        "خمس" | "خمسه" => 5,
        "ست" | "سته" => 6,
        "سبع" | "سبعه" => 7,
        "ثماني" | "ثمانيه" | "ثمان" => 8,
        "تسع" | "تسعه" => 9,
        "عشر" | "عشره" => 10,
        _ => return None,
    })
}

/// The hour words after "الساعة" (feminine ordinals), given the stem after
/// ال of this token and the body of the next. Returns (hour, tokens).
pub(super) fn hour_word(stem: &str, next: &str) -> Option<(u32, usize)> {
    let h = match stem {
        "واحده" => 1,
        "ثانيه" => 2,
        "ثالثه" => 3,
        "رابعه" => 4,
        "خامسه" => 5,
        "سادسه" => 6,
        "سابعه" => 7,
        "ثامنه" => 8,
        "تاسعه" => 9,
        "عاشره" => 10,
        "حاديه" => 11,
        _ => return None,
    };
    // "الحادية عشرة", "الثانية عشرة" (and the common "عشر").
    if matches!(next, "عشره" | "عشر") && (h == 11 || h == 2) {
        return Some((if h == 2 { 12 } else { 11 }, 2));
    }
    (h != 11).then_some((h, 1))
}

/// Does a count noun, unit, currency, scale word or % follow at `k`, so
/// that the number before is a count and not a year?
pub(super) fn counted(a: &Analysis<'_>, k: usize) -> bool {
    if k >= a.tokens.len() || lex::newline(a, k) {
        return false;
    }
    if lex::punct(a, k, '%') {
        return true;
    }
    let b = lex::body(a, k);
    if b == "في" {
        return matches!(lex::word(a, k + 1), "المئه" | "المائه");
    }
    time_unit(b).is_some()
        || matches!(
            b,
            "الف"
                | "مليون"
                | "مليار"
                | "شخص"
                | "قتيل"
                | "جريح"
                | "طفل"
                | "جندي"
                | "مقاتل"
                | "منزل"
                | "عامل"
                | "مواطن"
                | "لاجئ"
                | "طالب"
                | "موظف"
                | "دولار"
                | "يورو"
                | "جنيه"
                | "ريال"
                | "درهم"
                | "دينار"
                | "متر"
                | "كيلومتر"
                | "كلم"
                | "طن"
                | "برميل"
                | "نسمه"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_words_cover_the_named_lists() {
        let words = lex::arabic_literals(include_str!("words.rs"));
        assert!(words.len() > 100);
        for w in words {
            let read = time_unit(w).is_some()
                || dual_unit(w).is_some()
                || part_of_day(w).is_some()
                || position(w).is_some();
            assert!(
                !read || START_WORDS.contains(&w),
                "{w} is not in START_WORDS"
            );
        }
        for w in START_WORDS {
            assert_eq!(crate::text::normalize::Normalized::new(w).text, *w);
        }
    }
}
