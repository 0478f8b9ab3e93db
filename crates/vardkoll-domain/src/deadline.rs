//! Turning an episode's events into clocks with deadlines.
//!
//! Every clock-start event opens a clock for each step it starts, under the rule
//! in force on that day (and the region's shorter limit, if any). Later events act
//! on the open clocks of their step: care received closes the oldest open clock,
//! a decline ends every open clock, a renewal ends them and opens a new one, a
//! booking records the appointment, and excluded time pushes the deadline back.

use chrono::NaiveDate;

use crate::episode::{DeclineReason, Episode, Event, EventKind, UncoveredCare};
use crate::excluded_time::{Period, push_deadline};
use crate::rules::{AppliedLimit, RuleBook};
use crate::step::Step;

/// How a clock ended, if it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Still running.
    Open,
    /// Care was given on this day (on time or late; see [`Clock::on_time`]).
    CareReceived(NaiveDate),
    /// The patient declined on this day; the guarantee for this care ended.
    Declined(NaiveDate, DeclineReason),
    /// The patient renewed the request on this day; a new clock replaced this one.
    Renewed(NaiveDate),
}

/// One running or finished guarantee clock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clock {
    pub step: Step,
    /// The event that started the clock.
    pub started_by: u64,
    pub start: NaiveDate,
    pub limit: AppliedLimit,
    /// Excluded days that pushed the deadline back.
    pub excluded_days: u64,
    pub deadline: NaiveDate,
    /// The latest booked appointment while the clock was open.
    pub booked: Option<NaiveDate>,
    pub outcome: Outcome,
}

impl Clock {
    /// Care given on or before the deadline is on time.
    pub fn on_time(&self, care: NaiveDate) -> bool {
        care <= self.deadline
    }
}

/// One line of an episode's timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    Clock(Clock),
    /// A clock-start event before any rule for the step was in force.
    NoRuleInForce {
        step: Step,
        event: u64,
        date: NaiveDate,
    },
    /// Care the guarantee does not cover.
    NotCovered {
        care: UncoveredCare,
        event: u64,
        date: NaiveDate,
    },
}

impl Entry {
    /// The day the entry is ordered by.
    pub fn date(&self) -> NaiveDate {
        match self {
            Entry::Clock(clock) => clock.start,
            Entry::NoRuleInForce { date, .. } | Entry::NotCovered { date, .. } => *date,
        }
    }
}

struct Draft {
    step: Step,
    started_by: u64,
    start: NaiveDate,
    limit: AppliedLimit,
    periods: Vec<Period>,
    booked: Option<NaiveDate>,
    outcome: Outcome,
}

/// Computes the timeline of an episode: one entry per clock (in start order),
/// plus entries for care outside the guarantee.
pub fn timeline(episode: &Episode, rules: &RuleBook) -> Vec<Entry> {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut other: Vec<Entry> = Vec::new();
    for event in episode.events_by_date() {
        apply(event, &mut drafts, &mut other, episode, rules);
    }
    let mut entries: Vec<Entry> = drafts.into_iter().map(finish).map(Entry::Clock).collect();
    entries.extend(other);
    crate::sorting::sort_by_key(&mut entries, Entry::date);
    entries
}

fn open_clocks(drafts: &mut [Draft], step: Step) -> impl Iterator<Item = &mut Draft> {
    drafts
        .iter_mut()
        .filter(move |d| d.step == step && d.outcome == Outcome::Open)
}

fn apply(
    event: Event,
    drafts: &mut Vec<Draft>,
    other: &mut Vec<Entry>,
    episode: &Episode,
    rules: &RuleBook,
) {
    match event.kind {
        EventKind::CareReceived { step } => {
            if let Some(oldest) = open_clocks(drafts, step).find(|d| d.start <= event.date) {
                oldest.outcome = Outcome::CareReceived(event.date);
            }
        }
        EventKind::Booked { step } => {
            for draft in open_clocks(drafts, step) {
                draft.booked = Some(event.date);
            }
        }
        EventKind::ExcludedTime { step, until, .. } => {
            if let Some(period) = Period::new(event.date, until) {
                for draft in
                    open_clocks(drafts, step).filter(|d| d.limit.rule.excluded_time_applies)
                {
                    draft.periods.push(period);
                }
            }
        }
        EventKind::Declined { step, reason } => {
            for draft in open_clocks(drafts, step) {
                draft.outcome = Outcome::Declined(event.date, reason);
            }
        }
        EventKind::Renewed { step } => {
            for draft in open_clocks(drafts, step) {
                draft.outcome = Outcome::Renewed(event.date);
            }
        }
        EventKind::OutsideGuarantee { care } => {
            other.push(Entry::NotCovered {
                care,
                event: event.id,
                date: event.date,
            });
        }
        EventKind::SoughtPrimaryCare
        | EventKind::ReferralIssued
        | EventKind::SelfReferralAccepted
        | EventKind::TreatmentDecided
        | EventKind::BupReferral => {}
    }
    for &step in event.kind.starts() {
        match rules.applied(step, event.date, episode.region) {
            Some(limit) => drafts.push(Draft {
                step,
                started_by: event.id,
                start: event.date,
                limit,
                periods: Vec::new(),
                booked: None,
                outcome: Outcome::Open,
            }),
            None => other.push(Entry::NoRuleInForce {
                step,
                event: event.id,
                date: event.date,
            }),
        }
    }
}

fn finish(draft: Draft) -> Clock {
    let (deadline, excluded_days) = push_deadline(draft.start, draft.limit.days(), &draft.periods);
    Clock {
        step: draft.step,
        started_by: draft.started_by,
        start: draft.start,
        limit: draft.limit,
        excluded_days,
        deadline,
        booked: draft.booked,
        outcome: draft.outcome,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::ymd;
    use crate::episode::ExclusionReason;
    use crate::regions::RegionCode;

    fn ev(id: u64, date: NaiveDate, kind: EventKind) -> Event {
        Event { id, date, kind }
    }

    fn clocks(events: Vec<Event>, region: Option<&str>) -> Vec<Clock> {
        let episode = Episode {
            id: 1,
            title: "t".into(),
            region: region.and_then(RegionCode::parse),
            events,
        };
        timeline(&episode, &RuleBook::swedish())
            .into_iter()
            .filter_map(|entry| match entry {
                Entry::Clock(clock) => Some(clock),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn seeking_primary_care_starts_contact_and_assessment_clocks() {
        let c = clocks(
            vec![ev(1, ymd(2025, 3, 7), EventKind::SoughtPrimaryCare)],
            None,
        );
        assert_eq!(c.len(), 2);
        assert_eq!(
            (c[0].step, c[0].deadline),
            (Step::PrimaryCareContact, ymd(2025, 3, 7))
        );
        assert_eq!(
            (c[1].step, c[1].deadline),
            (Step::PrimaryCareAssessment, ymd(2025, 3, 10))
        );
    }

    #[test]
    fn before_2019_the_seven_day_doctor_rule_applies() {
        let c = clocks(
            vec![ev(1, ymd(2018, 12, 31), EventKind::SoughtPrimaryCare)],
            None,
        );
        assert_eq!(c[1].limit.rule.id, "doctor-7");
        assert_eq!(c[1].deadline, ymd(2019, 1, 7));
    }

    #[test]
    fn care_received_closes_the_oldest_open_clock() {
        let c = clocks(
            vec![
                ev(1, ymd(2025, 1, 15), EventKind::ReferralIssued),
                ev(2, ymd(2025, 2, 1), EventKind::ReferralIssued),
                ev(
                    3,
                    ymd(2025, 3, 1),
                    EventKind::CareReceived {
                        step: Step::SpecialistVisit,
                    },
                ),
            ],
            None,
        );
        assert_eq!(c[0].outcome, Outcome::CareReceived(ymd(2025, 3, 1)));
        assert_eq!(c[1].outcome, Outcome::Open);
    }

    #[test]
    fn excluded_time_pushes_only_specialist_and_treatment_clocks() {
        let c = clocks(
            vec![
                ev(1, ymd(2025, 3, 7), EventKind::SoughtPrimaryCare),
                ev(
                    2,
                    ymd(2025, 3, 8),
                    EventKind::ExcludedTime {
                        step: Step::PrimaryCareAssessment,
                        until: ymd(2025, 3, 20),
                        reason: ExclusionReason::Medical,
                    },
                ),
            ],
            None,
        );
        assert_eq!(c[1].deadline, ymd(2025, 3, 10));
        assert_eq!(c[1].excluded_days, 0);
    }

    #[test]
    fn declining_care_elsewhere_ends_the_clock_and_a_change_of_mind_starts_a_new_one() {
        let c = clocks(
            vec![
                ev(1, ymd(2025, 1, 10), EventKind::TreatmentDecided),
                ev(
                    2,
                    ymd(2025, 4, 20),
                    EventKind::Declined {
                        step: Step::Treatment,
                        reason: DeclineReason::OfferedElsewhere,
                    },
                ),
                ev(
                    3,
                    ymd(2025, 6, 2),
                    EventKind::Renewed {
                        step: Step::Treatment,
                    },
                ),
            ],
            None,
        );
        assert_eq!(c.len(), 2);
        assert_eq!(
            c[0].outcome,
            Outcome::Declined(ymd(2025, 4, 20), DeclineReason::OfferedElsewhere)
        );
        assert_eq!(
            (c[1].start, c[1].deadline, c[1].outcome),
            (ymd(2025, 6, 2), ymd(2025, 8, 31), Outcome::Open)
        );
    }

    #[test]
    fn a_regretted_late_date_counts_from_the_day_the_provider_was_told() {
        let c = clocks(
            vec![
                ev(1, ymd(2025, 1, 15), EventKind::ReferralIssued),
                ev(
                    2,
                    ymd(2025, 2, 1),
                    EventKind::Declined {
                        step: Step::SpecialistVisit,
                        reason: DeclineReason::AgreedToLaterDate,
                    },
                ),
                ev(
                    3,
                    ymd(2025, 3, 3),
                    EventKind::Renewed {
                        step: Step::SpecialistVisit,
                    },
                ),
            ],
            None,
        );
        assert_eq!(c[1].start, ymd(2025, 3, 3));
        assert_eq!(c[1].deadline, ymd(2025, 6, 1));
    }

    #[test]
    fn renewing_an_open_clock_replaces_it() {
        let c = clocks(
            vec![
                ev(1, ymd(2025, 1, 15), EventKind::ReferralIssued),
                ev(
                    2,
                    ymd(2025, 2, 1),
                    EventKind::Renewed {
                        step: Step::SpecialistVisit,
                    },
                ),
            ],
            None,
        );
        assert_eq!(c[0].outcome, Outcome::Renewed(ymd(2025, 2, 1)));
        assert_eq!(c[1].outcome, Outcome::Open);
    }

    #[test]
    fn a_bup_assessment_fulfils_the_first_target_and_starts_the_second() {
        let c = clocks(
            vec![
                ev(1, ymd(2025, 1, 1), EventKind::BupReferral),
                ev(
                    2,
                    ymd(2025, 1, 20),
                    EventKind::CareReceived {
                        step: Step::BupAssessment,
                    },
                ),
            ],
            None,
        );
        assert_eq!(
            (c[0].deadline, c[0].outcome),
            (ymd(2025, 1, 31), Outcome::CareReceived(ymd(2025, 1, 20)))
        );
        assert_eq!(
            (c[1].step, c[1].deadline),
            (Step::BupInDepth, ymd(2025, 2, 19))
        );
    }

    #[test]
    fn the_home_regions_shorter_limit_applies() {
        let c = clocks(
            vec![ev(1, ymd(2025, 1, 15), EventKind::ReferralIssued)],
            Some("01"),
        );
        assert_eq!(c[0].deadline, ymd(2025, 2, 14));
        assert!(c[0].limit.regional.is_some());
    }

    #[test]
    fn the_latest_booking_is_kept() {
        let c = clocks(
            vec![
                ev(1, ymd(2025, 1, 15), EventKind::ReferralIssued),
                ev(
                    2,
                    ymd(2025, 3, 1),
                    EventKind::Booked {
                        step: Step::SpecialistVisit,
                    },
                ),
                ev(
                    3,
                    ymd(2025, 3, 20),
                    EventKind::Booked {
                        step: Step::SpecialistVisit,
                    },
                ),
            ],
            None,
        );
        assert_eq!(c[0].booked, Some(ymd(2025, 3, 20)));
    }

    #[test]
    fn care_outside_the_guarantee_and_starts_before_any_rule_get_no_clock() {
        let episode = Episode {
            id: 1,
            title: "t".into(),
            region: None,
            events: vec![
                ev(
                    1,
                    ymd(2025, 1, 15),
                    EventKind::OutsideGuarantee {
                        care: UncoveredCare::LabTest,
                    },
                ),
                ev(2, ymd(2009, 1, 15), EventKind::ReferralIssued),
            ],
        };
        let entries = timeline(&episode, &RuleBook::swedish());
        assert_eq!(
            entries,
            vec![
                Entry::NoRuleInForce {
                    step: Step::SpecialistVisit,
                    event: 2,
                    date: ymd(2009, 1, 15)
                },
                Entry::NotCovered {
                    care: UncoveredCare::LabTest,
                    event: 1,
                    date: ymd(2025, 1, 15)
                },
            ]
        );
    }
}
