//! The status of a timeline entry on a given day.

use chrono::NaiveDate;

use crate::date::days_between;
use crate::deadline::{Clock, Entry, Outcome};
use crate::episode::DeclineReason;

/// When a running clock counts as "at risk".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusOptions {
    /// At risk when this many days or fewer are left...
    pub at_risk_days: u32,
    /// ...or, for short limits, when this share (percent) of the limit or less is left,
    /// whichever is smaller. The deadline day itself is always at risk.
    pub at_risk_percent: u32,
}

impl Default for StatusOptions {
    fn default() -> Self {
        StatusOptions {
            at_risk_days: 14,
            at_risk_percent: 25,
        }
    }
}

impl StatusOptions {
    fn threshold(&self, limit_days: u32) -> i64 {
        let share = u64::from(limit_days) * u64::from(self.at_risk_percent) / 100;
        i64::from(self.at_risk_days).min(i64::try_from(share).unwrap_or(i64::MAX))
    }
}

/// Why a clock is at risk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RiskReason {
    /// Few days are left and no time is booked.
    NearDeadline,
    /// The booked time is after the deadline: it will be missed.
    BookedAfterDeadline,
}

/// Whether care that was given came in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timeliness {
    /// On or before the deadline.
    InTime,
    /// After the deadline: the limit was not kept, but the step is behind the
    /// patient and there is nothing left to act on.
    Late,
    /// The day is not recorded and a later step began after the deadline.
    Unknown,
}

/// What a patient sees for one timeline entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// A time is booked on or before the deadline.
    Upcoming,
    OnTrack,
    AtRisk(RiskReason),
    /// The deadline passed and the care has not been given.
    Missed,
    /// The care was given (or a later step showed it was).
    Done(Timeliness),
    /// The patient declined or renewed; this clock no longer runs.
    Ended(EndReason),
    /// No deadline applies.
    NotCovered,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndReason {
    Declined(DeclineReason),
    Renewed,
}

impl Status {
    /// Whether the patient should act: show what to do when a deadline is
    /// missed. Never for care already given, however late.
    pub fn needs_action(self) -> bool {
        matches!(self, Status::AtRisk(_) | Status::Missed)
    }
}

/// The status of a clock on `today`.
pub fn clock_status(clock: &Clock, today: NaiveDate, options: &StatusOptions) -> Status {
    match clock.outcome {
        Outcome::Done(_) => Status::Done(match clock.in_time() {
            Some(true) => Timeliness::InTime,
            Some(false) => Timeliness::Late,
            None => Timeliness::Unknown,
        }),
        Outcome::Declined(_, reason) => Status::Ended(EndReason::Declined(reason)),
        Outcome::Renewed(_) => Status::Ended(EndReason::Renewed),
        Outcome::Open => {
            let left = days_left(clock, today);
            match clock.booked.filter(|booked| *booked >= today) {
                Some(booked) if clock.on_time(booked) => Status::Upcoming,
                Some(_) if left >= 0 => Status::AtRisk(RiskReason::BookedAfterDeadline),
                _ if left < 0 => Status::Missed,
                _ if left <= options.threshold(clock.limit.days()) => {
                    Status::AtRisk(RiskReason::NearDeadline)
                }
                _ => Status::OnTrack,
            }
        }
    }
}

/// Days from `today` to the deadline; negative once it has passed.
pub fn days_left(clock: &Clock, today: NaiveDate) -> i64 {
    days_between(today, clock.deadline)
}

/// The status of any timeline entry on `today`.
pub fn entry_status(entry: &Entry, today: NaiveDate, options: &StatusOptions) -> Status {
    match entry {
        Entry::Clock(clock) => clock_status(clock, today, options),
        Entry::NoRuleInForce { .. } | Entry::NotCovered { .. } => Status::NotCovered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::ymd;
    use crate::deadline::CareDate;
    use crate::rules::RuleBook;
    use crate::step::Step;

    fn clock(step: Step, start: NaiveDate) -> Clock {
        let limit = RuleBook::swedish().applied(step, start, None).unwrap();
        let deadline = crate::date::add_days(start, u64::from(limit.days()));
        Clock {
            step,
            started_by: 1,
            start,
            limit,
            excluded_days: 0,
            deadline,
            booked: None,
            outcome: Outcome::Open,
        }
    }

    fn status(clock: &Clock, today: NaiveDate) -> Status {
        clock_status(clock, today, &StatusOptions::default())
    }

    #[test]
    fn a_running_clock_is_on_track_then_at_risk_then_missed() {
        let c = clock(Step::SpecialistVisit, ymd(2025, 1, 15)); // deadline 2025-04-15
        assert_eq!(status(&c, ymd(2025, 1, 15)), Status::OnTrack);
        assert_eq!(status(&c, ymd(2025, 3, 31)), Status::OnTrack);
        assert_eq!(
            status(&c, ymd(2025, 4, 1)),
            Status::AtRisk(RiskReason::NearDeadline)
        );
        assert_eq!(
            status(&c, ymd(2025, 4, 15)),
            Status::AtRisk(RiskReason::NearDeadline)
        );
        assert_eq!(status(&c, ymd(2025, 4, 16)), Status::Missed);
        assert_eq!(days_left(&c, ymd(2025, 4, 16)), -1);
    }

    #[test]
    fn the_at_risk_threshold_is_configurable() {
        let c = clock(Step::SpecialistVisit, ymd(2025, 1, 15));
        let options = StatusOptions {
            at_risk_days: 30,
            at_risk_percent: 50,
        };
        assert_eq!(
            clock_status(&c, ymd(2025, 3, 16), &options),
            Status::AtRisk(RiskReason::NearDeadline)
        );
        assert_eq!(
            clock_status(&c, ymd(2025, 3, 15), &options),
            Status::OnTrack
        );
    }

    #[test]
    fn short_limits_are_at_risk_only_near_the_end() {
        let c = clock(Step::PrimaryCareAssessment, ymd(2025, 3, 7)); // deadline 03-10
        assert_eq!(status(&c, ymd(2025, 3, 7)), Status::OnTrack);
        assert_eq!(
            status(&c, ymd(2025, 3, 10)),
            Status::AtRisk(RiskReason::NearDeadline)
        );
        let contact = clock(Step::PrimaryCareContact, ymd(2025, 3, 7));
        assert_eq!(
            status(&contact, ymd(2025, 3, 7)),
            Status::AtRisk(RiskReason::NearDeadline)
        );
    }

    #[test]
    fn care_on_the_deadline_day_is_on_time_and_a_day_later_is_late() {
        let mut c = clock(Step::Treatment, ymd(2025, 9, 26)); // deadline 2025-12-25
        c.outcome = Outcome::Done(CareDate::Recorded(ymd(2025, 12, 25)));
        assert_eq!(
            status(&c, ymd(2026, 1, 1)),
            Status::Done(Timeliness::InTime)
        );
        c.outcome = Outcome::Done(CareDate::Recorded(ymd(2025, 12, 26)));
        let late = status(&c, ymd(2026, 1, 1));
        assert_eq!(late, Status::Done(Timeliness::Late));
        // The care is behind the patient: nothing to act on.
        assert!(!late.needs_action());
    }

    #[test]
    fn care_shown_by_a_later_step_is_in_time_only_when_that_step_began_in_time() {
        let mut c = clock(Step::SpecialistVisit, ymd(2026, 9, 1)); // deadline 2026-11-30
        c.outcome = Outcome::Done(CareDate::Unrecorded {
            by: ymd(2026, 11, 30),
            shown_by: 2,
        });
        assert_eq!(
            status(&c, ymd(2026, 12, 7)),
            Status::Done(Timeliness::InTime)
        );
        c.outcome = Outcome::Done(CareDate::Unrecorded {
            by: ymd(2026, 12, 1),
            shown_by: 2,
        });
        let unknown = status(&c, ymd(2026, 12, 7));
        assert_eq!(unknown, Status::Done(Timeliness::Unknown));
        assert!(!unknown.needs_action());
    }

    #[test]
    fn a_booking_within_the_limit_is_upcoming_and_one_after_it_is_at_risk() {
        let mut c = clock(Step::SpecialistVisit, ymd(2025, 1, 15));
        c.booked = Some(ymd(2025, 4, 15));
        assert_eq!(status(&c, ymd(2025, 2, 1)), Status::Upcoming);
        c.booked = Some(ymd(2025, 4, 16));
        assert_eq!(
            status(&c, ymd(2025, 2, 1)),
            Status::AtRisk(RiskReason::BookedAfterDeadline)
        );
        // A booking in the past is ignored; the deadline decides.
        c.booked = Some(ymd(2025, 1, 20));
        assert_eq!(status(&c, ymd(2025, 2, 1)), Status::OnTrack);
        // After the deadline a late booking does not hide the miss.
        c.booked = Some(ymd(2025, 5, 1));
        assert_eq!(status(&c, ymd(2025, 4, 20)), Status::Missed);
    }

    #[test]
    fn ended_clocks_and_uncovered_care_have_their_own_status() {
        let mut c = clock(Step::Treatment, ymd(2025, 1, 10));
        c.outcome = Outcome::Declined(ymd(2025, 2, 1), DeclineReason::OfferedElsewhere);
        assert_eq!(
            status(&c, ymd(2025, 6, 1)),
            Status::Ended(EndReason::Declined(DeclineReason::OfferedElsewhere))
        );
        c.outcome = Outcome::Renewed(ymd(2025, 2, 1));
        assert_eq!(
            status(&c, ymd(2025, 6, 1)),
            Status::Ended(EndReason::Renewed)
        );
        let entry = Entry::NotCovered {
            care: crate::episode::UncoveredCare::Aid,
            event: 1,
            date: ymd(2025, 1, 1),
        };
        assert_eq!(
            entry_status(&entry, ymd(2025, 1, 1), &StatusOptions::default()),
            Status::NotCovered
        );
        assert!(Status::Missed.needs_action() && !Status::Done(Timeliness::InTime).needs_action());
    }
}
