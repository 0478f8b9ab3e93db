//! Server times as people in Sweden read them. The API sends instants in UTC
//! (RFC 3339); patients and region staff read them in Swedish time,
//! Europe/Stockholm, whatever time zone their device is set to.
//!
//! The time-zone rule is written out here rather than taken from a time-zone
//! database: Sweden follows the EU rule, and a database would cost far more
//! WebAssembly than these few lines.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike};

/// Hours Swedish time is ahead of UTC at the instant `utc`: 2 in summer time
/// (from 01:00 UTC on the last Sunday of March until 01:00 UTC on the last
/// Sunday of October), otherwise 1. The EU rule is applied to every year; the
/// times shown are recent, so earlier Swedish rules do not matter.
pub fn stockholm_offset_hours(utc: NaiveDateTime) -> i64 {
    let year = utc.year();
    let change = |month| last_sunday(year, month)?.and_hms_opt(1, 0, 0);
    match (change(3), change(10)) {
        (Some(starts), Some(ends)) if starts <= utc && utc < ends => 2,
        _ => 1,
    }
}

/// The Swedish wall-clock time at the instant `utc`. Saturates at the last
/// representable time instead of overflowing.
pub fn swedish_local(utc: NaiveDateTime) -> NaiveDateTime {
    utc.checked_add_signed(TimeDelta::hours(stockholm_offset_hours(utc)))
        .unwrap_or(NaiveDateTime::MAX)
}

/// The last Sunday of `month` in `year`; `None` only for a month that does
/// not exist.
fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    let first_of_next = match month {
        12 => NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?,
        _ => NaiveDate::from_ymd_opt(year, month + 1, 1)?,
    };
    let last = first_of_next.pred_opt()?;
    let back = last.weekday().num_days_from_sunday();
    last.checked_sub_days(chrono::Days::new(u64::from(back)))
}

/// Reads an RFC 3339 instant, `2026-11-25T10:00:00Z` or with a numeric offset
/// (`2026-11-25T11:00:00+01:00`) and optional fractions of a second, as UTC.
/// `None` for anything else. Written by hand: chrono's parsers cost tens of
/// kilobytes of WebAssembly.
pub fn parse_rfc3339_utc(text: &str) -> Option<NaiveDateTime> {
    let bytes = text.as_bytes();
    let digits = |from: usize, len: usize| -> Option<u32> {
        let part = bytes.get(from..from + len)?;
        part.iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let at = |index: usize, allowed: &[u8]| bytes.get(index).is_some_and(|b| allowed.contains(b));
    let shape = at(4, b"-") && at(7, b"-") && at(10, b"Tt ") && at(13, b":") && at(16, b":");
    if !shape {
        return None;
    }
    let year = i32::try_from(digits(0, 4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, digits(5, 2)?, digits(8, 2)?)?;
    let second = digits(17, 2)?;
    // RFC 3339 allows a leap second, :60; shown to the minute, it reads as :59.
    let second = if second == 60 { 59 } else { second };
    let time = NaiveTime::from_hms_opt(digits(11, 2)?, digits(14, 2)?, second)?;

    let mut rest = bytes.get(19..)?;
    if let Some(fraction) = rest.strip_prefix(b".") {
        let len = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if len == 0 {
            return None;
        }
        rest = &fraction[len..];
    }
    let ahead_minutes = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let number = |a: u8, b: u8| {
                (a.is_ascii_digit() && b.is_ascii_digit())
                    .then(|| i64::from(a - b'0') * 10 + i64::from(b - b'0'))
            };
            let (hours, minutes) = (number(*h1, *h2)?, number(*m1, *m2)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let minutes = hours * 60 + minutes;
            if *sign == b'-' { -minutes } else { minutes }
        }
        _ => return None,
    };
    date.and_time(time)
        .checked_sub_signed(TimeDelta::minutes(ahead_minutes))
}

/// `2026-12-07 17:59`: a wall-clock time to the minute, the way Swedish writes
/// it. Written by hand for the same reason as the parser.
pub fn minutes_text(local: NaiveDateTime) -> String {
    format!(
        "{} {:02}:{:02}",
        crate::date::iso(local.date()),
        local.hour(),
        local.minute()
    )
}

/// An RFC 3339 instant from the API as Swedish time to the minute,
/// `2026-12-07T16:59:00Z` as `2026-12-07 17:59`; `None` when it is not one.
pub fn swedish_minutes(rfc3339: &str) -> Option<String> {
    parse_rfc3339_utc(rfc3339).map(|utc| minutes_text(swedish_local(utc)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::ymd;
    use proptest::prelude::*;

    fn at(date: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
        date.and_hms_opt(hour, minute, 0).unwrap()
    }

    fn local(utc: &str) -> String {
        minutes_text(swedish_local(parse_rfc3339_utc(utc).unwrap()))
    }

    #[test]
    fn summer_time_starts_at_one_utc_on_the_last_sunday_of_march() {
        assert_eq!(local("2026-03-29T00:59:00Z"), "2026-03-29 01:59");
        assert_eq!(local("2026-03-29T01:00:00Z"), "2026-03-29 03:00");
    }

    #[test]
    fn summer_time_ends_at_one_utc_on_the_last_sunday_of_october() {
        assert_eq!(local("2026-10-25T00:59:00Z"), "2026-10-25 02:59");
        assert_eq!(local("2026-10-25T01:00:00Z"), "2026-10-25 02:00");
    }

    #[test]
    fn winter_is_one_hour_and_summer_two_hours_ahead() {
        assert_eq!(local("2026-12-07T16:59:00Z"), "2026-12-07 17:59");
        assert_eq!(local("2026-07-15T10:30:00Z"), "2026-07-15 12:30");
    }

    #[test]
    fn the_new_year_can_start_in_sweden_before_it_does_in_utc() {
        assert_eq!(local("2026-12-31T23:30:00Z"), "2027-01-01 00:30");
    }

    #[test]
    fn the_last_sundays_are_found_in_any_year() {
        assert_eq!(last_sunday(2026, 3), Some(ymd(2026, 3, 29)));
        assert_eq!(last_sunday(2026, 10), Some(ymd(2026, 10, 25)));
        assert_eq!(last_sunday(2027, 3), Some(ymd(2027, 3, 28)));
        assert_eq!(last_sunday(2027, 10), Some(ymd(2027, 10, 31)));
        assert_eq!(last_sunday(2026, 12), Some(ymd(2026, 12, 27)));
        assert_eq!(last_sunday(2026, 13), None);
    }

    #[test]
    fn offsets_and_fractions_are_read() {
        let utc = at(ymd(2026, 11, 25), 10, 0);
        for text in [
            "2026-11-25T10:00:00Z",
            "2026-11-25t10:00:00z",
            "2026-11-25 10:00:00Z",
            "2026-11-25T10:00:00.123456Z",
            "2026-11-25T11:00:00+01:00",
            "2026-11-25T08:30:00-01:30",
            "2026-11-25T10:00:00-00:00",
        ] {
            assert_eq!(parse_rfc3339_utc(text), Some(utc), "{text}");
        }
        assert_eq!(
            parse_rfc3339_utc("2026-11-25T00:30:00+02:00"),
            Some(at(ymd(2026, 11, 24), 22, 30))
        );
        assert_eq!(
            parse_rfc3339_utc("2026-12-31T23:59:60Z"),
            Some(ymd(2026, 12, 31).and_hms_opt(23, 59, 59).unwrap())
        );
    }

    #[test]
    fn anything_else_is_not_read() {
        for text in [
            "",
            "not a time",
            "2026-11-25",
            "2026-11-25T10:00Z",
            "2026-11-25T10:00:00",
            "2026-11-25T10:00:00.Z",
            "2026-11-25T10:00:00+0100",
            "2026-11-25T10:00:00+24:00",
            "2026-11-25T10:00:00+01:60",
            "2026-11-25T10:00:00Zjunk",
            "2026-02-30T10:00:00Z",
            "2026-11-25T24:00:00Z",
            "2026-11-25T10:60:00Z",
            "2026-11-25T10:00:61Z",
            "+026-11-25T10:00:00Z",
            "2026-11-25T1å:00:00Z",
            "２026-11-25T10:00:00Z",
        ] {
            assert_eq!(parse_rfc3339_utc(text), None, "{text}");
        }
        assert_eq!(swedish_minutes("not a time"), None);
    }

    #[test]
    fn the_ends_of_time_do_not_panic() {
        assert_eq!(swedish_local(NaiveDateTime::MAX), NaiveDateTime::MAX);
        let _ = swedish_local(NaiveDateTime::MIN);
    }

    /// The last Sunday found another way: in March and October it is one of the
    /// last seven days.
    fn last_sunday_by_search(year: i32, month: u32) -> NaiveDate {
        (25..=31)
            .map(|day| ymd(year, month, day))
            .find(|day| day.weekday() == chrono::Weekday::Sun)
            .unwrap()
    }

    fn instant() -> impl Strategy<Value = NaiveDateTime> {
        // 1990-01-01 to about 2100, to the second.
        (0i64..3_500_000_000)
            .prop_map(|seconds| at(ymd(1990, 1, 1), 0, 0) + TimeDelta::seconds(seconds))
    }

    #[test]
    fn every_changeover_this_century_is_at_one_utc() {
        for year in 2000..=2100 {
            for month in [3, 10] {
                let sunday = last_sunday_by_search(year, month);
                let summer_after = month == 3;
                for minute in (0..3 * 24 * 60).step_by(15) {
                    let utc = at(sunday - TimeDelta::days(1), 0, 0) + TimeDelta::minutes(minute);
                    let after = utc >= at(sunday, 1, 0);
                    let expected = if after == summer_after { 2 } else { 1 };
                    assert_eq!(stockholm_offset_hours(utc), expected, "{utc}");
                }
            }
        }
    }

    proptest! {
        #[test]
        fn the_offset_is_two_hours_exactly_in_summer_time(utc in instant()) {
            let offset = stockholm_offset_hours(utc);
            prop_assert!(offset == 1 || offset == 2);
            prop_assert_eq!(swedish_local(utc) - utc, TimeDelta::hours(offset));

            let day = utc.date();
            let starts = last_sunday_by_search(day.year(), 3);
            let ends = last_sunday_by_search(day.year(), 10);
            let summer = if day == starts {
                utc.hour() >= 1
            } else if day == ends {
                utc.hour() < 1
            } else {
                starts < day && day < ends
            };
            prop_assert_eq!(offset == 2, summer);
        }

        #[test]
        fn written_instants_read_back(utc in instant(), ahead in -(23 * 60 + 59)..=(23 * 60 + 59i64)) {
            let zulu = format!("{}T{}Z", utc.date(), utc.time());
            prop_assert_eq!(parse_rfc3339_utc(&zulu), Some(utc));

            let wall = utc + TimeDelta::minutes(ahead);
            let sign = if ahead < 0 { '-' } else { '+' };
            let offset = format!("{sign}{:02}:{:02}", ahead.abs() / 60, ahead.abs() % 60);
            let text = format!("{}T{}{offset}", wall.date(), wall.time());
            prop_assert_eq!(parse_rfc3339_utc(&text), Some(utc));
        }

        #[test]
        fn any_text_reads_without_panicking(text in "\\PC{0,40}") {
            let _ = parse_rfc3339_utc(&text);
        }

        #[test]
        fn near_misses_read_without_panicking(text in "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,9})?(Z|[+-][0-9]{2}:[0-9]{2})?") {
            if let Some(utc) = parse_rfc3339_utc(&text) {
                prop_assert!(swedish_minutes(&text).is_some());
                prop_assert!(stockholm_offset_hours(utc) >= 1);
            }
        }
    }
}
