//! Swedish personal identity numbers (personnummer, SFS 1991:481 and
//! Skatteverket's SKV 704) and coordination numbers (samordningsnummer, SFS
//! 1991:481 18 a §: the day plus 60): format, a real date of birth, and the
//! control digit (Luhn). A coordination number may leave the birth month or day
//! unknown: month `00`, day `60` (00 + 60); a personal identity number may not.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::text::normalise_digits;

/// The earliest year of birth accepted.
pub const EARLIEST_BIRTH_YEAR: i32 = 1870;

/// A checked identity number, kept in the 12-digit form `YYYYMMDDNNNC`.
///
/// `Debug` never prints the number, so it cannot leak into logs by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct IdentityNumber(String);

/// Why an identity number was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdentityNumberError {
    /// Not 10 or 12 digits with an optional `-` or `+` before the last four.
    Format,
    /// The date part is not a real day (after removing 60 for a coordination
    /// number, whose month or day may be unknown, 00), or it lies in the future.
    Date,
    /// The control digit does not match.
    ControlDigit,
}

impl std::fmt::Debug for IdentityNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdentityNumber(****)")
    }
}

fn luhn_ok(ten: &[u8]) -> bool {
    let sum: u32 = ten
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let v = u32::from(*d) * if i % 2 == 0 { 2 } else { 1 };
            v / 10 + v % 10
        })
        .sum();
    sum.is_multiple_of(10)
}

/// A 12-digit number (as the API carries it) as people write it:
/// `191212121212` → `19121212-1212`; anything else as it is.
pub fn written(digits: &str) -> String {
    match (digits.get(..8), digits.get(8..)) {
        (Some(date), Some(rest)) if digits.len() == 12 => format!("{date}-{rest}"),
        _ => digits.to_owned(),
    }
}

/// Whether `year`, `month`, `day` (as written in the number) can be a date of
/// birth by `today`. A coordination number's day is the day plus 60, and its
/// month or day may be 00 (unknown): then what is known must still be possible
/// (a month 1-12, a day no later than the month allows, not in the future).
/// Nobody alive was born before 1870.
fn born_on_a_possible_day(year: i32, month: u32, day: u32, today: NaiveDate) -> bool {
    use chrono::Datelike;
    if year < EARLIEST_BIRTH_YEAR || month > 12 {
        return false;
    }
    let (day, coordination) = if day >= 60 {
        (day - 60, true)
    } else {
        (day, false)
    };
    match (month, day) {
        (1..=12, 1..=31) => {
            NaiveDate::from_ymd_opt(year, month, day).is_some_and(|born| born <= today)
        }
        _ if !coordination => false,
        // The month known, the day not: that month has begun.
        (1..=12, 0) => (year, month) <= (today.year(), today.month()),
        // The month not known (the day perhaps): the year has begun.
        (0, 0..=31) => year <= today.year(),
        _ => false,
    }
}

impl IdentityNumber {
    /// Parses `YYMMDD-NNNC`, `YYMMDD+NNNC` (100 years or older), `YYMMDDNNNC`,
    /// `YYYYMMDDNNNC` or `YYYYMMDD-NNNC`, in ASCII or Arabic-Indic digits
    /// ([`normalise_digits`]). A 10-digit number's century is worked out from
    /// `today`. The number kept is in ASCII digits.
    pub fn parse(text: &str, today: NaiveDate) -> Result<IdentityNumber, IdentityNumberError> {
        let text = normalise_digits(text);
        let text = text.trim();
        let plus = text.contains('+');
        let digits: Vec<u8> = text
            .bytes()
            .filter(u8::is_ascii_digit)
            .map(|b| b - b'0')
            .collect();
        let separators = text.bytes().filter(|b| !b.is_ascii_digit()).count();
        let separator_ok = match separators {
            0 => true,
            1 => {
                let at = text.len().checked_sub(5);
                at.is_some_and(|at| matches!(text.as_bytes()[at], b'-' | b'+'))
            }
            _ => false,
        };
        if !separator_ok
            || !(digits.len() == 10 || digits.len() == 12)
            || (plus && digits.len() == 12)
        {
            return Err(IdentityNumberError::Format);
        }
        let number =
            |range: std::ops::Range<usize>| range.fold(0u32, |n, i| n * 10 + u32::from(digits[i]));
        let (year, rest) = if digits.len() == 12 {
            (i32::try_from(number(0..4)).unwrap_or(0), &digits[2..])
        } else {
            let yy = i32::try_from(number(0..2)).unwrap_or(0);
            let this_year = chrono::Datelike::year(&today);
            let mut year = this_year - (this_year - yy).rem_euclid(100);
            if plus {
                year -= 100;
            }
            (year, &digits[..])
        };
        let month = u32::from(rest[2]) * 10 + u32::from(rest[3]);
        let day = u32::from(rest[4]) * 10 + u32::from(rest[5]);
        if !born_on_a_possible_day(year, month, day, today) {
            return Err(IdentityNumberError::Date);
        }
        if !luhn_ok(rest) {
            return Err(IdentityNumberError::ControlDigit);
        }
        let tail: String = rest.iter().map(|d| char::from(b'0' + d)).collect();
        Ok(IdentityNumber(format!("{:02}{tail}", year / 100)))
    }

    /// The 12-digit form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// As people write it: `YYYYMMDD-NNNN`.
    pub fn written(&self) -> String {
        written(&self.0)
    }

    /// Whether this is a coordination number (samordningsnummer).
    pub fn is_coordination_number(&self) -> bool {
        self.0.as_bytes()[6] >= b'6'
    }
}

impl Serialize for IdentityNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for IdentityNumber {
    /// Accepts only the stored 12-digit form; input from people goes through [`IdentityNumber::parse`].
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let far_future = crate::date::ymd(9999, 12, 31);
        if text.len() != 12 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(serde::de::Error::custom(
                "expected a 12-digit identity number",
            ));
        }
        IdentityNumber::parse(&text, far_future)
            .map_err(|_| serde::de::Error::custom("invalid identity number"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::ymd;

    const TODAY: NaiveDate = ymd(2026, 11, 25);

    fn parse(text: &str) -> Result<String, IdentityNumberError> {
        IdentityNumber::parse(text, TODAY).map(|n| n.as_str().to_owned())
    }

    #[test]
    fn numbers_are_written_with_the_hyphen() {
        let number = IdentityNumber::parse("191212121212", crate::date::ymd(2026, 12, 1)).unwrap();
        assert_eq!(number.written(), "19121212-1212");
        assert_eq!(written("191212121212"), "19121212-1212");
        assert_eq!(written("12345"), "12345");
    }

    #[test]
    fn skatteverkets_test_numbers_are_accepted_in_every_form() {
        // 19121212-1212 is Skatteverket's well-known test number "Tolvan".
        for form in [
            "19121212-1212",
            "191212121212",
            "121212+1212",
            " 191212121212 ",
        ] {
            assert_eq!(parse(form), Ok("191212121212".into()), "{form}");
        }
        assert_eq!(parse("811228-9874"), Ok("198112289874".into()));
        assert_eq!(parse("8112289874"), Ok("198112289874".into()));
    }

    #[test]
    fn a_number_typed_in_arabic_indic_digits_is_the_same_number() {
        assert_eq!(parse("١٩١٢١٢١٢-١٢١٢"), parse("19121212-1212"));
        assert_eq!(parse("١٩١٢١٢١٢-١٢١٢"), Ok("191212121212".into()));
        assert_eq!(parse("۸۱۱۲۲۸-۹۸۷۴"), Ok("198112289874".into()));
        // Copied from the Arabic hint, with its isolates.
        assert_eq!(
            parse("\u{2066}19121212-1212\u{2069}"),
            Ok("191212121212".into())
        );
        assert_eq!(
            parse("١٩١٢١٢١٢-١٢١٣"),
            Err(IdentityNumberError::ControlDigit)
        );
    }

    #[test]
    fn only_the_stored_ascii_form_deserialises() {
        let stored: Result<IdentityNumber, _> = serde_json::from_str("\"191212121212\"");
        assert_eq!(
            stored.map(|n| n.as_str().to_owned()).ok(),
            Some("191212121212".into())
        );
        // Six Arabic-Indic digits are twelve bytes: still not the stored form.
        assert!(serde_json::from_str::<IdentityNumber>("\"١٩١٢١٢\"").is_err());
        assert!(serde_json::from_str::<IdentityNumber>("\"١٩١٢١٢١٢١٢١٢\"").is_err());
    }

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        #[test]
        fn a_number_in_arabic_indic_digits_parses_as_in_ascii_digits(
            text in proptest::prop_oneof![
                (1870u32..2026, 1u32..13, 1u32..29, 0u32..1000).prop_map(|(y, m, d, n)| {
                    let eleven = format!("{y:04}{m:02}{d:02}{n:03}");
                    format!("{}-{}", &eleven[..8], &with_control(&eleven)[8..])
                }),
                "[0-9]{6,8}[-+]?[0-9]{4}|[0-9 -]{0,14}",
            ]
        ) {
            let arabic: String = text
                .chars()
                .map(|c| match c.to_digit(10) {
                    Some(d) if c.is_ascii_digit() => char::from_u32(0x0660 + d).unwrap_or(c),
                    _ => c,
                })
                .collect();
            proptest::prop_assert_eq!(parse(&arabic), parse(&text));
        }
    }

    #[test]
    fn the_century_of_a_ten_digit_number_comes_from_today() {
        assert_eq!(parse("121212-1212"), Ok("201212121212".into()));
        assert_eq!(parse("121212+1212"), Ok("191212121212".into()));
    }

    #[test]
    fn coordination_numbers_add_60_to_the_day() {
        let number = IdentityNumber::parse("701063-2391", TODAY).unwrap();
        assert!(number.is_coordination_number());
        assert!(
            !IdentityNumber::parse("811228-9874", TODAY)
                .unwrap()
                .is_coordination_number()
        );
    }

    /// `YYYYMMDDNNN` with its control digit.
    fn with_control(eleven: &str) -> String {
        let digits: Vec<u8> = eleven.bytes().map(|b| b - b'0').collect();
        let control = (0..10)
            .find(|c| {
                let mut ten = digits[2..].to_vec();
                ten.push(*c);
                luhn_ok(&ten)
            })
            .unwrap();
        format!("{eleven}{control}")
    }

    #[test]
    fn skatteverkets_test_coordination_numbers_are_accepted_unknown_month_and_day_too() {
        let sample = include_str!("../tests/data/skatteverket-test-samordningsnummer.txt");
        let numbers: Vec<&str> = sample
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .collect();
        assert!(numbers.len() >= 50);
        let unknown_month = numbers.iter().filter(|n| &n[4..6] == "00").count();
        let unknown_day = numbers.iter().filter(|n| &n[6..8] == "60").count();
        assert!(unknown_month >= 20 && unknown_day >= 10);
        for number in numbers {
            let parsed = IdentityNumber::parse(number, TODAY);
            assert_eq!(
                parsed.as_ref().map(IdentityNumber::as_str),
                Ok(number),
                "{number}"
            );
            assert!(parsed.unwrap().is_coordination_number());
            // Written the short way too.
            assert!(
                IdentityNumber::parse(&format!("{}-{}", &number[2..8], &number[8..]), TODAY)
                    .is_ok()
            );
        }
    }

    #[test]
    fn an_unknown_month_or_day_is_only_for_coordination_numbers_and_the_rest_must_be_possible() {
        // Coordination numbers: month 00, day 60 (unknown), or both.
        for eleven in ["19700072239", "19701060239", "19700060239", "20261160239"] {
            assert!(parse(&with_control(eleven)).is_ok(), "{eleven}");
        }
        // Personal identity numbers: a real date, always.
        for eleven in ["19700012239", "19701000239", "19700000239", "19700231239"] {
            assert_eq!(
                parse(&with_control(eleven)),
                Err(IdentityNumberError::Date),
                "{eleven}"
            );
        }
        // What is known must be possible: no 13th month, no day 32 (92), not born
        // in a month or year still to come, no day 31 of a 30-day month.
        for eleven in [
            "19701360239",
            "19700092239",
            "20261260239",
            "20270060239",
            "19700491239",
        ] {
            assert_eq!(
                parse(&with_control(eleven)),
                Err(IdentityNumberError::Date),
                "{eleven}"
            );
        }
        // And the control digit is checked for them as for everyone.
        let good = with_control("19700072239");
        let bad = format!("{}{}", &good[..11], (good.as_bytes()[11] - b'0' + 1) % 10);
        assert_eq!(parse(&bad), Err(IdentityNumberError::ControlDigit));
    }

    #[test]
    fn bad_numbers_get_a_reason() {
        assert_eq!(parse(""), Err(IdentityNumberError::Format));
        assert_eq!(parse("12345"), Err(IdentityNumberError::Format));
        assert_eq!(parse("19121212--1212"), Err(IdentityNumberError::Format));
        assert_eq!(parse("1912-1212-1212"), Err(IdentityNumberError::Format));
        assert_eq!(parse("19121212+1212"), Err(IdentityNumberError::Format));
        assert_eq!(parse("abcdefghij"), Err(IdentityNumberError::Format));
        assert_eq!(parse("811328-9874"), Err(IdentityNumberError::Date));
        assert_eq!(parse("20991212-1212"), Err(IdentityNumberError::Date));
        // 1869-12-12 with a valid control digit: too early to be alive.
        assert_eq!(parse("18691212-1214"), Err(IdentityNumberError::Date));
        assert!(parse("18701212-1211").is_ok());
        assert_eq!(parse("811228-9873"), Err(IdentityNumberError::ControlDigit));
    }

    #[test]
    fn debug_output_never_shows_the_number() {
        let number = IdentityNumber::parse("19121212-1212", TODAY).unwrap();
        assert!(!format!("{number:?}").contains("1212"));
    }
}
