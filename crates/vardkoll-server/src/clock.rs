//! The server's one clock for national care mediation: the time an offer is
//! held until, whether a free time has begun, whether an answer came in time.
//!
//! It is the system's UTC time, plus, only where `VARDKOLL_CLOCK_OFFSET_FILE`
//! names a file, the whole number of seconds written in it, read on every call.
//! That is for tests, which move the server's time forward (an offer's answer
//! window closing) without waiting; the server warns at start when it is set.
//! A missing or unreadable file is an offset of zero.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, NaiveDateTime, Utc};

#[derive(Clone, Debug, Default)]
pub struct Clock {
    offset_file: Option<Arc<PathBuf>>,
}

impl Clock {
    /// The system's time.
    pub fn system() -> Clock {
        Clock::default()
    }

    /// The system's time moved by the seconds written in `path`.
    pub fn offset_by_file(path: PathBuf) -> Clock {
        Clock {
            offset_file: Some(Arc::new(path)),
        }
    }

    fn offset_seconds(&self) -> i64 {
        self.offset_file
            .as_deref()
            .and_then(|path| std::fs::read_to_string(path).ok())
            .and_then(|text| text.trim().parse().ok())
            .unwrap_or(0)
    }

    pub fn now(&self) -> DateTime<Utc> {
        let now = Utc::now();
        match self.offset_seconds() {
            0 => now,
            seconds => now + chrono::Duration::seconds(seconds),
        }
    }

    /// Now, RFC 3339 to the second, UTC: how the store writes times.
    pub fn stamp(&self) -> String {
        stamp(self.now())
    }

    /// The time in Sweden now (summer time included), whatever the server's
    /// zone: what "today" and "not begun" mean for a free time.
    pub fn swedish_now(&self) -> NaiveDateTime {
        vardkoll_domain::swedish_time::swedish_local(self.now().naive_utc())
    }
}

/// A time as the store writes it.
pub fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offset_file_moves_the_clock_and_a_bad_one_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("offset");
        let clock = Clock::offset_by_file(path.clone());
        let before = clock.now();
        std::fs::write(&path, "86400\n").unwrap();
        let moved = clock.now() - before;
        assert!(
            moved >= chrono::Duration::days(1)
                && moved < chrono::Duration::days(1) + chrono::Duration::minutes(1)
        );
        std::fs::write(&path, "tomorrow").unwrap();
        assert!(clock.now() - before < chrono::Duration::minutes(1));
        assert_eq!(Clock::system().offset_seconds(), 0);
    }
}
