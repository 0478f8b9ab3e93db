//! Time that does not count towards a deadline.
//!
//! Overlapping or touching periods are merged, so a day is never counted twice.
//! A period only pushes the deadline when it begins while the clock is running: on
//! or after the start day and on or before the deadline as already pushed by
//! earlier periods. Adding a period therefore never moves a deadline earlier.

use chrono::NaiveDate;

use crate::date::{add_days, days_between};

/// A period of excluded days, both ends inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub until: NaiveDate,
}

impl Period {
    /// `None` when `until` is before `from`.
    pub fn new(from: NaiveDate, until: NaiveDate) -> Option<Period> {
        (from <= until).then_some(Period { from, until })
    }

    /// Number of days in the period, both ends included.
    pub fn days(&self) -> u64 {
        days_between(self.from, self.until).unsigned_abs() + 1
    }
}

/// Merges overlapping and adjacent periods; the result is sorted and disjoint.
pub fn merge(periods: &[Period]) -> Vec<Period> {
    let mut sorted = periods.to_vec();
    crate::sorting::sort_by_key(&mut sorted, |period| period.from);
    let mut merged: Vec<Period> = Vec::with_capacity(sorted.len());
    for period in sorted {
        match merged.last_mut() {
            Some(last) if period.from <= add_days(last.until, 1) => {
                last.until = last.until.max(period.until);
            }
            _ => merged.push(period),
        }
    }
    merged
}

/// The deadline after excluded time: `start + limit_days`, pushed back by every
/// merged period that begins while the clock runs. Returns the deadline and the
/// number of excluded days that counted.
pub fn push_deadline(start: NaiveDate, limit_days: u32, periods: &[Period]) -> (NaiveDate, u64) {
    let mut deadline = add_days(start, u64::from(limit_days));
    let mut excluded = 0;
    for period in merge(periods) {
        if period.until < start || period.from > deadline {
            continue;
        }
        let counted = Period {
            from: period.from.max(start),
            until: period.until,
        };
        excluded += counted.days();
        deadline = add_days(deadline, counted.days());
    }
    (deadline, excluded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::ymd;

    fn p(from: (i32, u32, u32), until: (i32, u32, u32)) -> Period {
        Period::new(ymd(from.0, from.1, from.2), ymd(until.0, until.1, until.2)).unwrap()
    }

    #[test]
    fn a_period_ending_before_it_starts_is_rejected() {
        assert_eq!(Period::new(ymd(2025, 2, 2), ymd(2025, 2, 1)), None);
        assert_eq!(p((2025, 2, 1), (2025, 2, 1)).days(), 1);
    }

    #[test]
    fn overlapping_and_adjacent_periods_merge() {
        let merged = merge(&[
            p((2025, 3, 10), (2025, 3, 20)),
            p((2025, 3, 1), (2025, 3, 12)),
            p((2025, 3, 21), (2025, 3, 22)),
            p((2025, 4, 1), (2025, 4, 2)),
        ]);
        assert_eq!(
            merged,
            vec![
                p((2025, 3, 1), (2025, 3, 22)),
                p((2025, 4, 1), (2025, 4, 2))
            ]
        );
    }

    #[test]
    fn the_reference_example_pushes_by_28_days() {
        let (deadline, excluded) =
            push_deadline(ymd(2025, 1, 10), 90, &[p((2025, 2, 1), (2025, 2, 28))]);
        assert_eq!((deadline, excluded), (ymd(2025, 5, 8), 28));
    }

    #[test]
    fn overlapping_periods_count_each_day_once() {
        let periods = [
            p((2025, 2, 1), (2025, 2, 28)),
            p((2025, 2, 15), (2025, 3, 5)),
        ];
        let (deadline, excluded) = push_deadline(ymd(2025, 1, 10), 90, &periods);
        assert_eq!(excluded, 33);
        assert_eq!(deadline, ymd(2025, 5, 13));
    }

    #[test]
    fn days_before_the_start_do_not_count() {
        let (_, excluded) = push_deadline(ymd(2025, 1, 10), 90, &[p((2025, 1, 1), (2025, 1, 12))]);
        assert_eq!(excluded, 3);
    }

    #[test]
    fn a_period_after_the_deadline_does_not_revive_it() {
        let (deadline, excluded) =
            push_deadline(ymd(2025, 1, 10), 90, &[p((2025, 4, 11), (2025, 4, 20))]);
        assert_eq!((deadline, excluded), (ymd(2025, 4, 10), 0));
    }

    #[test]
    fn a_period_inside_a_pushed_deadline_counts() {
        // The first period pushes the deadline to 2025-05-08; the second begins
        // before that, so it counts as well.
        let periods = [
            p((2025, 2, 1), (2025, 2, 28)),
            p((2025, 5, 1), (2025, 5, 2)),
        ];
        let (deadline, excluded) = push_deadline(ymd(2025, 1, 10), 90, &periods);
        assert_eq!((deadline, excluded), (ymd(2025, 5, 10), 30));
    }
}
