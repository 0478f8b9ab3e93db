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

/// A server time, `2026-11-25T10:00:00Z`, as `2026-11-25 10:00 UTC` (the same in
/// every language, and not moved to the browser's time zone).
pub fn utc_time(rfc3339: &str) -> String {
    match rfc3339.split_once('T') {
        Some((date, time)) => format!("{date} {} UTC", time.get(..5).unwrap_or(time)),
        None => rfc3339.to_owned(),
    }
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
    fn server_times_read_in_utc() {
        assert_eq!(utc_time("2026-11-22T10:30:00Z"), "2026-11-22 10:30 UTC");
        assert_eq!(utc_time("not a time"), "not a time");
    }
}
