//! Calendar arithmetic for the date rules: proleptic Gregorian day numbers,
//! ISO weeks, month and day offsets, and Hijri (Umm al-Qura) to Gregorian.
//!
//! Day numbers count days since 1970-01-01 (a Thursday). Everything here is
//! total: out-of-range input gives `None`, never a panic.

/// Is `y` a Gregorian leap year?
#[inline]
pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in month `m` (1-12) of year `y`; 0 for an invalid month.
pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Is `y-m-d` a valid Gregorian date?
pub fn valid(y: i32, m: u32, d: u32) -> bool {
    d >= 1 && d <= days_in_month(y, m)
}

/// Day number (days since 1970-01-01) of a proleptic Gregorian date.
///
/// The year is shifted to start in March so that the leap day is the last
/// day of the shifted year; 400-year cycles of 146 097 days do the rest.
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let cycle = y.div_euclid(400);
    let year_of_cycle = y - cycle * 400; // 0..=399
    let shifted_month = i64::from((m + 9) % 12); // March = 0
    let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(d) - 1;
    let day_of_cycle = year_of_cycle * 365 + year_of_cycle / 4 - year_of_cycle / 100 + day_of_year;
    cycle * 146_097 + day_of_cycle - 719_468
}

/// The proleptic Gregorian date of a day number.
pub fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let cycle = z.div_euclid(146_097);
    let day_of_cycle = z - cycle * 146_097; // 0..=146096
    let year_of_cycle =
        (day_of_cycle - day_of_cycle / 1460 + day_of_cycle / 36_524 - day_of_cycle / 146_096) / 365;
    let day_of_year =
        day_of_cycle - (365 * year_of_cycle + year_of_cycle / 4 - year_of_cycle / 100);
    let shifted_month = (5 * day_of_year + 2) / 153; // March = 0
    let d = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let m = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u32;
    let y = year_of_cycle + cycle * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

/// ISO weekday of a day number: Monday = 1 ... Sunday = 7.
#[inline]
pub fn weekday(days: i64) -> u32 {
    // 1970-01-01 was a Thursday (4).
    ((days + 3).rem_euclid(7) + 1) as u32
}

/// ISO 8601 week-numbering year and week of a day number.
pub fn iso_week(days: i64) -> (i32, u32) {
    // The week belongs to the year of its Thursday.
    let thursday = days - i64::from(weekday(days)) + 4;
    let (y, _, _) = civil_from_days(thursday);
    let week = (thursday - days_from_civil(y, 1, 1)) / 7 + 1;
    (y, week as u32)
}

/// Month `m` of year `y` moved by `delta` months.
pub fn add_months(y: i32, m: u32, delta: i32) -> (i32, u32) {
    let idx = i64::from(y) * 12 + i64::from(m) - 1 + i64::from(delta);
    (idx.div_euclid(12) as i32, (idx.rem_euclid(12) + 1) as u32)
}

/// "YYYY-MM-DD" of a day number.
pub fn fmt_day(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{}-{m:02}-{d:02}", fmt_year(y))
}

/// "YYYY" with four digits (years outside 0..=9999 keep their digits and sign).
pub fn fmt_year(y: i32) -> String {
    format!("{y:04}")
}

/// "YYYY-Www" of the ISO week containing a day number.
pub fn fmt_week(days: i64) -> String {
    let (y, w) = iso_week(days);
    format!("{}-W{w:02}", fmt_year(y))
}

/// Earliest and latest Hijri years converted; outside them a Hijri date keeps
/// only its Hijri value.
const HIJRI_YEARS: std::ops::RangeInclusive<i32> = 1..=2000;

/// Gregorian date of the Umm al-Qura Hijri date `y-m-d`, or `None` when the
/// date does not exist (month 13, day 30 of a 29-day month, ...).
///
/// Umm al-Qura is the calendar of Saudi Arabia, published from 1300 AH
/// (1882) on; icu_calendar carries its month table for those years and falls
/// back to the tabular (arithmetical) calendar outside them.
pub fn hijri_to_gregorian(y: i32, m: u32, d: u32) -> Option<(i32, u32, u32)> {
    use icu_calendar::{cal::Hijri, Date, Iso};
    if !HIJRI_YEARS.contains(&y) || !(1..=12).contains(&m) || !(1..=30).contains(&d) {
        return None;
    }
    let date =
        Date::try_new_hijri_with_calendar(y, m as u8, d as u8, Hijri::new_umm_al_qura()).ok()?;
    let iso = date.to_calendar(Iso);
    Some((
        iso.era_year().year,
        u32::from(iso.month().ordinal),
        u32::from(iso.day_of_month().0),
    ))
}

/// The Gregorian dates in Gregorian year `gy` of the Hijri day `m-d`
/// (Umm al-Qura), with their Hijri years, earliest first: one, or two when
/// the Hijri year's 354 days put it twice in one Gregorian year.
pub fn hijri_day_in_year(gy: i32, m: u32, d: u32) -> Vec<(i32, (i32, u32, u32))> {
    // A Hijri year is 32/33 of a Gregorian year; AH 1 began in 622.
    let guess = (i64::from(gy) - 622) * 33 / 32;
    let Ok(guess) = i32::try_from(guess) else {
        return Vec::new();
    };
    (guess - 1..=guess + 2)
        .filter_map(|hy| Some((hy, hijri_to_gregorian(hy, m, d)?)))
        .filter(|(_, g)| g.0 == gy)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert!(valid(y, m, d));
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn weekdays_and_weeks() {
        let t = days_from_civil(2024, 10, 15);
        assert_eq!(weekday(t), 2); // a Tuesday
        assert_eq!(iso_week(t), (2024, 42));
        assert_eq!(iso_week(days_from_civil(2021, 1, 3)), (2020, 53));
        assert_eq!(iso_week(days_from_civil(2024, 12, 30)), (2025, 1));
        assert_eq!(fmt_week(t - 7), "2024-W41");
    }

    #[test]
    fn months() {
        assert_eq!(add_months(2024, 1, -1), (2023, 12));
        assert_eq!(add_months(2024, 12, 1), (2025, 1));
        assert_eq!(add_months(2024, 10, -22), (2022, 12));
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
    }

    #[test]
    fn umm_al_qura() {
        assert_eq!(hijri_to_gregorian(1445, 9, 12), Some((2024, 3, 22)));
        assert_eq!(hijri_to_gregorian(1446, 1, 1), Some((2024, 7, 7)));
        assert_eq!(hijri_to_gregorian(1445, 13, 1), None);
        assert_eq!(hijri_to_gregorian(0, 1, 1), None);
        assert_eq!(hijri_to_gregorian(i32::MAX, 1, 1), None);
    }

    #[test]
    fn hijri_days_in_a_gregorian_year() {
        // 1 Shawwal: 1445 in 2024; twice in 2000 (1420 and 1421).
        assert_eq!(hijri_day_in_year(2024, 10, 1), [(1445, (2024, 4, 10))]);
        let twice = hijri_day_in_year(2000, 10, 1);
        assert_eq!(twice.len(), 2, "{twice:?}");
        assert_eq!((twice[0].0, twice[1].0), (1420, 1421));
        assert!(hijri_day_in_year(i32::MAX, 10, 1).is_empty());
        assert!(hijri_day_in_year(i32::MIN, 10, 1).is_empty());
    }
}
