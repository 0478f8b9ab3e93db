//! Calendar-day arithmetic used throughout the rules: the start day is day 0 and
//! every day counts, weekends and holidays included.

use chrono::{Days, NaiveDate};

/// Builds a date in a `const` context; an impossible date fails the build.
pub const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("impossible date in rule data"),
    }
}

/// `date` plus `days` calendar days, saturating at the last representable date so
/// that absurd input can never panic.
pub fn add_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

/// Whole calendar days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adding_days_counts_every_calendar_day() {
        assert_eq!(add_days(ymd(2025, 3, 7), 3), ymd(2025, 3, 10));
        assert_eq!(add_days(ymd(2024, 2, 28), 1), ymd(2024, 2, 29));
    }

    #[test]
    fn adding_days_saturates_instead_of_panicking() {
        assert_eq!(add_days(NaiveDate::MAX, 10), NaiveDate::MAX);
    }

    #[test]
    fn days_between_is_signed() {
        assert_eq!(days_between(ymd(2025, 3, 5), ymd(2025, 3, 8)), 3);
        assert_eq!(days_between(ymd(2025, 3, 8), ymd(2025, 3, 5)), -3);
    }
}
