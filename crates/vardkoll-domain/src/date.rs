//! Calendar-day arithmetic used throughout the rules: the start day is day 0 and
//! every day counts, weekends and holidays included.

use chrono::{Datelike, Days, NaiveDate};

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

/// `2026-09-01`, the ISO 8601 form Swedish uses for dates in numbers. Written by
/// hand: chrono's general formatter costs tens of kilobytes of WebAssembly.
pub fn iso(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// `20260901`, the iCalendar DATE form.
pub fn compact(date: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// Why text is not an ISO date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IsoError {
    /// Not `YYYY-MM-DD` or `YYYYMMDD`.
    Shape,
    /// The right shape, but no such day.
    Impossible,
}

/// Parses `YYYY-MM-DD` or `YYYYMMDD`, nothing else.
pub fn parse_iso(text: &str) -> Result<NaiveDate, IsoError> {
    let bytes = text.as_bytes();
    let digits: Vec<u8> = match bytes.len() {
        10 if bytes[4] == b'-' && bytes[7] == b'-' => {
            [&bytes[0..4], &bytes[5..7], &bytes[8..10]].concat()
        }
        8 => bytes.to_vec(),
        _ => return Err(IsoError::Shape),
    };
    if !digits.iter().all(u8::is_ascii_digit) {
        return Err(IsoError::Shape);
    }
    let number = |range: std::ops::Range<usize>| {
        digits[range]
            .iter()
            .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'))
    };
    let year = i32::try_from(number(0..4)).map_err(|_| IsoError::Shape)?;
    NaiveDate::from_ymd_opt(year, number(4..6), number(6..8)).ok_or(IsoError::Impossible)
}

/// Serde for dates as `YYYY-MM-DD` text (only that shape), without chrono's
/// general parser and formatter (tens of kilobytes of WebAssembly): every date
/// the API and the browser's storage carry. `#[serde(with = "…::option")]`
/// for an optional date.
pub mod iso_serde {
    use chrono::NaiveDate;
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::iso(*date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(deserializer)?;
        from_text(&text).map_err(D::Error::custom)
    }

    /// `parse_iso` without its compact form.
    fn from_text(text: &str) -> Result<NaiveDate, &'static str> {
        let date = (text.len() == 10).then(|| super::parse_iso(text).ok());
        date.flatten().ok_or("expected a date as YYYY-MM-DD")
    }

    /// The same for `Option<NaiveDate>` (`null` or absent is `None`).
    pub mod option {
        use chrono::NaiveDate;
        use serde::de::Error as _;
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(
            date: &Option<NaiveDate>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match date {
                Some(date) => super::serialize(date, serializer),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<NaiveDate>, D::Error> {
            Option::<String>::deserialize(deserializer)?
                .map(|text| super::from_text(&text).map_err(D::Error::custom))
                .transpose()
        }
    }
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
    fn dates_are_written_in_iso_and_compact_form() {
        assert_eq!(iso(ymd(2026, 9, 1)), "2026-09-01");
        assert_eq!(compact(ymd(2026, 9, 1)), "20260901");
        assert_eq!(
            iso(ymd(2026, 9, 1)),
            ymd(2026, 9, 1).format("%Y-%m-%d").to_string()
        );
    }

    #[test]
    fn iso_dates_parse_strictly() {
        assert_eq!(parse_iso("2026-09-01"), Ok(ymd(2026, 9, 1)));
        assert_eq!(parse_iso("20260901"), Ok(ymd(2026, 9, 1)));
        assert_eq!(parse_iso("2026-02-30"), Err(IsoError::Impossible));
        assert_eq!(parse_iso("2026/09/01"), Err(IsoError::Shape));
        assert_eq!(parse_iso("2026-9-01x"), Err(IsoError::Shape));
        assert_eq!(parse_iso("2026-09-1"), Err(IsoError::Shape));
        assert_eq!(parse_iso("+2026-09-01"), Err(IsoError::Shape));
    }

    #[test]
    fn dates_on_the_wire_are_yyyy_mm_dd_only() {
        #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        struct Wire {
            #[serde(with = "iso_serde")]
            on: NaiveDate,
            #[serde(default, with = "iso_serde::option")]
            until: Option<NaiveDate>,
        }
        let wire = Wire {
            on: ymd(2026, 9, 1),
            until: Some(ymd(2026, 12, 31)),
        };
        let json = r#"{"on":"2026-09-01","until":"2026-12-31"}"#;
        assert_eq!(serde_json::to_string(&wire).unwrap(), json);
        assert_eq!(serde_json::from_str::<Wire>(json).unwrap(), wire);
        let none = Wire {
            on: ymd(2026, 9, 1),
            until: None,
        };
        assert_eq!(
            serde_json::from_str::<Wire>(r#"{"on":"2026-09-01"}"#).unwrap(),
            none
        );
        assert_eq!(
            serde_json::from_str::<Wire>(r#"{"on":"2026-09-01","until":null}"#).unwrap(),
            none
        );
        for bad in [
            r#"{"on":"20260901"}"#,
            r#"{"on":"2026-9-1"}"#,
            r#"{"on":"2026-02-30"}"#,
            r#"{"on":7}"#,
            r#"{"on":"2026-09-01","until":"x"}"#,
        ] {
            assert!(serde_json::from_str::<Wire>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn days_between_is_signed() {
        assert_eq!(days_between(ymd(2025, 3, 5), ymd(2025, 3, 8)), 3);
        assert_eq!(days_between(ymd(2025, 3, 8), ymd(2025, 3, 5)), -3);
    }
}
