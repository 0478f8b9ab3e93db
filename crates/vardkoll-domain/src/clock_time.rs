//! Times of day, to the minute, as people in Sweden write them and as the API
//! carries them.
//!
//! The API takes one form only, `HH:MM` (`09:30`): [`ClockTime::parse_hh_mm`].
//! A person typing a time writes it many ways, and Swedish usage puts a full
//! stop between hours and minutes (`9.30`, `kl. 14.15`). [`ClockTime::read`]
//! takes these, so a form can turn what was typed into the API's form:
//!
//! | typed                              | read as  |
//! |------------------------------------|----------|
//! | `9.30`, `09.30`, `9:30`, `09:30`   | `09:30`  |
//! | `0930`, `930`                      | `09:30`  |
//! | `9`, `09`                          | `09:00`  |
//! | `kl. 9.30`, `Kl 9`                 | `09:30`, `09:00` |
//!
//! Space around it is ignored. Hours run 0–23 and minutes 0–59: `24:00` is
//! refused (the same minute is `00:00` of the next day, a different date).
//! With a separator the minutes are always two digits: `9.5` could mean 9.05
//! or 9.50, so it is refused rather than guessed. Seconds, a.m./p.m. and
//! anything else are refused. Written by hand, without chrono's parser, which
//! costs tens of kilobytes of WebAssembly.

use std::fmt;

/// A time of day to the minute, 00:00–23:59.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime {
    hour: u8,
    minute: u8,
}

impl ClockTime {
    /// `None` unless `hour` < 24 and `minute` < 60.
    pub fn new(hour: u8, minute: u8) -> Option<ClockTime> {
        (hour < 24 && minute < 60).then_some(ClockTime { hour, minute })
    }

    pub fn hour(self) -> u8 {
        self.hour
    }

    pub fn minute(self) -> u8 {
        self.minute
    }

    /// Exactly the API's form, `HH:MM` (`^([01][0-9]|2[0-3]):[0-5][0-9]$`):
    /// no space, no other separator, two digits each.
    pub fn parse_hh_mm(text: &str) -> Option<ClockTime> {
        match text.as_bytes() {
            [h1, h2, b':', m1, m2] => ClockTime::new(two_digits(*h1, *h2)?, two_digits(*m1, *m2)?),
            _ => None,
        }
    }

    /// A time as a person writes it: see the module's table. `None` for
    /// anything that is not plainly one time of day.
    pub fn read(text: &str) -> Option<ClockTime> {
        let text = without_kl(text.trim());
        let bytes = text.as_bytes();
        if let Some(at) = bytes.iter().position(|b| matches!(b, b':' | b'.')) {
            let (hour, minute) = (&bytes[..at], &bytes[at + 1..]);
            return match (hour, minute) {
                ([h], [m1, m2]) => ClockTime::new(digit(*h)?, two_digits(*m1, *m2)?),
                ([h1, h2], [m1, m2]) => {
                    ClockTime::new(two_digits(*h1, *h2)?, two_digits(*m1, *m2)?)
                }
                _ => None,
            };
        }
        match bytes {
            [h] => ClockTime::new(digit(*h)?, 0),
            [h1, h2] => ClockTime::new(two_digits(*h1, *h2)?, 0),
            [h, m1, m2] => ClockTime::new(digit(*h)?, two_digits(*m1, *m2)?),
            [h1, h2, m1, m2] => ClockTime::new(two_digits(*h1, *h2)?, two_digits(*m1, *m2)?),
            _ => None,
        }
    }
}

/// `HH:MM`, the API's form.
impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

/// What was typed as the API's `HH:MM`, if it reads as a time
/// ([`ClockTime::read`]).
pub fn canonical(text: &str) -> Option<String> {
    ClockTime::read(text).map(|time| time.to_string())
}

/// `text` without a leading "kl." ("klockan", Swedish for "at … o'clock"),
/// in any case, with or without the full stop.
fn without_kl(text: &str) -> &str {
    let Some(prefix) = text.get(..2).filter(|p| p.eq_ignore_ascii_case("kl")) else {
        return text;
    };
    let rest = &text[prefix.len()..];
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    // "kl9" is not how it is written, but it is no other time either.
    rest.trim_start()
}

fn digit(b: u8) -> Option<u8> {
    b.is_ascii_digit().then(|| b - b'0')
}

fn two_digits(tens: u8, ones: u8) -> Option<u8> {
    Some(digit(tens)? * 10 + digit(ones)?)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn read(text: &str) -> Option<String> {
        canonical(text)
    }

    #[test]
    fn swedish_ways_of_writing_a_time_are_read() {
        for typed in [
            "9.30", "09.30", "9:30", "09:30", "0930", "930", " 9:30 ", "\t9.30\n", "kl. 9.30",
            "Kl 9.30", "KL.09:30", "kl.930",
        ] {
            assert_eq!(read(typed).as_deref(), Some("09:30"), "{typed:?}");
        }
        assert_eq!(read("9").as_deref(), Some("09:00"));
        assert_eq!(read("09").as_deref(), Some("09:00"));
        assert_eq!(read("kl. 14").as_deref(), Some("14:00"));
        assert_eq!(read("0").as_deref(), Some("00:00"));
        assert_eq!(read("00.00").as_deref(), Some("00:00"));
        assert_eq!(read("23.59").as_deref(), Some("23:59"));
        assert_eq!(read("1415").as_deref(), Some("14:15"));
        assert_eq!(read("7.05").as_deref(), Some("07:05"));
    }

    #[test]
    fn impossible_and_unclear_times_are_refused() {
        for typed in [
            "",
            "   ",
            "kl.",
            "24:00",
            "24.00",
            "2400",
            "24",
            "25",
            "9:60",
            "960",
            "12.75",
            "9.5",
            "9:305",
            "123:45",
            "12345",
            "9:30:00",
            "9 30",
            "9,30",
            "9.30am",
            "-9:30",
            "+930",
            "nio",
            "9h30",
            ":30",
            "9:",
            "9..30",
            "9.:30",
            "١٢:٣٠",
            "０９:３０",
            "klocka 9",
        ] {
            assert_eq!(read(typed), None, "{typed:?}");
        }
    }

    #[test]
    fn the_api_form_is_exactly_hh_mm() {
        assert_eq!(ClockTime::parse_hh_mm("09:30"), ClockTime::new(9, 30));
        assert_eq!(ClockTime::parse_hh_mm("23:59"), ClockTime::new(23, 59));
        assert_eq!(ClockTime::parse_hh_mm("00:00"), ClockTime::new(0, 0));
        for typed in [
            "9:30", "9.30", "09.30", "0930", " 09:30", "09:30 ", "24:00", "23:60", "ab:cd", "",
            "09:3", "+9:30",
        ] {
            assert_eq!(ClockTime::parse_hh_mm(typed), None, "{typed:?}");
        }
    }

    #[test]
    fn only_real_times_can_be_made() {
        assert_eq!(ClockTime::new(24, 0), None);
        assert_eq!(ClockTime::new(0, 60), None);
        let time = ClockTime::new(7, 5).expect("a real time");
        assert_eq!((time.hour(), time.minute()), (7, 5));
        assert_eq!(time.to_string(), "07:05");
    }

    proptest! {
        #[test]
        fn every_hh_mm_reads_back_as_itself(hour in 0u8..24, minute in 0u8..60) {
            let written = format!("{hour:02}:{minute:02}");
            let strict = ClockTime::parse_hh_mm(&written);
            prop_assert_eq!(strict, ClockTime::new(hour, minute));
            prop_assert_eq!(strict.map(|t| t.to_string()), Some(written.clone()));
            prop_assert_eq!(canonical(&written), Some(written));
        }

        #[test]
        fn a_full_stop_reads_as_a_colon(hour in 0u8..24, minute in 0u8..60, padded: bool) {
            let hour = if padded { format!("{hour:02}") } else { hour.to_string() };
            let dotted = format!("{hour}.{minute:02}");
            let coloned = format!("{hour}:{minute:02}");
            prop_assert!(canonical(&dotted).is_some());
            prop_assert_eq!(canonical(&dotted), canonical(&coloned));
        }

        #[test]
        fn out_of_range_is_refused(hour in 24u8..100, minute in 0u8..100, other in 60u8..100) {
            prop_assert_eq!(canonical(&format!("{hour}:{minute:02}")), None);
            prop_assert_eq!(canonical(&format!("12.{other}")), None);
            prop_assert_eq!(ClockTime::parse_hh_mm(&format!("{hour}:{minute:02}")), None);
        }

        #[test]
        fn whatever_is_read_is_canonical_and_strict(text in "\\PC{0,8}") {
            if let Some(time) = ClockTime::read(&text) {
                prop_assert_eq!(ClockTime::parse_hh_mm(&time.to_string()), Some(time));
            }
        }
    }
}
