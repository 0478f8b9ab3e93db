//! Dates written the way the patient's language writes them.

use chrono::{Datelike, NaiveDate};

use super::Texts;

/// `2026-09-01`: the Swedish standard numeric form (SS-ISO 8601).
pub fn numeric_date(date: NaiveDate) -> String {
    vardkoll_domain::date::iso(date)
}

/// `tisdag 1 september 2026`.
pub fn long_date(texts: &Texts, date: NaiveDate) -> String {
    let weekday = texts.weekdays[date.weekday().num_days_from_monday() as usize];
    let month = texts.months[date.month0() as usize];
    format!("{weekday} {} {month} {}", date.day(), date.year())
}

/// A server time, `2026-12-07T16:59:00Z`, as Swedish time, `2026-12-07 17:59`:
/// the same in every language, and not moved to the browser's time zone, since
/// the care it is about happens in Sweden. Text that is not a time is shown as
/// it came.
pub fn swedish_time(rfc3339: &str) -> String {
    vardkoll_domain::swedish_time::swedish_minutes(rfc3339).unwrap_or_else(|| rfc3339.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn swedish_dates_are_written_in_full_and_numerically() {
        let date = NaiveDate::from_ymd_opt(2025, 12, 25).unwrap();
        assert_eq!(
            long_date(Lang::Sv.texts(), date),
            "torsdag 25 december 2025"
        );
        assert_eq!(numeric_date(date), "2025-12-25");
    }

    #[test]
    fn server_times_read_in_swedish_time() {
        assert_eq!(swedish_time("2026-12-07T16:59:00Z"), "2026-12-07 17:59");
        assert_eq!(swedish_time("2026-07-15T10:30:00Z"), "2026-07-15 12:30");
        assert_eq!(swedish_time("not a time"), "not a time");
    }
}
