//! Turning an episode's events into clocks with deadlines.
//!
//! Every clock-start event opens a clock for each step it starts, under the rule
//! in force on that day (and the region's shorter limit, if any). Later events act
//! on the open clocks of their step: care received closes the oldest open clock,
//! a decline ends every open clock, a renewal ends them and opens a new one, a
//! booking records the appointment, and excluded time pushes the deadline back.
//!
//! A step's clock starts only once the steps before it are behind the patient (a
//! decision to treat is made at a visit), so starting it also closes the open
//! clocks of those steps as done, on a day the patient may still record
//! ([`CareDate::Unrecorded`]). Nobody is told to act on a step they have passed.

use chrono::NaiveDate;

use crate::episode::{DeclineReason, Episode, Event, EventKind, UncoveredCare};
use crate::excluded_time::{Period, push_deadline};
use crate::rules::{AppliedLimit, RuleBook};
use crate::step::Step;

/// When the care of a finished step was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CareDate {
    /// The patient recorded the day (on time or late; see [`Clock::in_time`]).
    Recorded(NaiveDate),
    /// A later step began on `by` (the event `shown_by`), so the care was given
    /// on or before that day. The patient has not recorded which day; once they
    /// do, the clock is [`CareDate::Recorded`].
    Unrecorded { by: NaiveDate, shown_by: u64 },
}

/// How a clock ended, if it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Still running.
    Open,
    /// The care was given (for treatment: the treatment started).
    Done(CareDate),
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

    /// Whether the care came in time: `None` while the clock runs or ended
    /// without care, and when the day is not recorded and the later step
    /// began after the deadline (the care may have come on either side of it).
    pub fn in_time(&self) -> Option<bool> {
        match self.outcome {
            Outcome::Done(CareDate::Recorded(day)) => Some(self.on_time(day)),
            Outcome::Done(CareDate::Unrecorded { by, .. }) => self.on_time(by).then_some(true),
            Outcome::Open | Outcome::Declined(..) | Outcome::Renewed(_) => None,
        }
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
        EventKind::CareReceived { step } => record_care(drafts, step, event.date),
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
    let starts = event.kind.starts();
    for &step in starts {
        // Seeking primary care starts the contact and the assessment clocks
        // together: the one does not show the other done.
        for earlier in step.earlier_steps().iter().filter(|s| !starts.contains(s)) {
            for draft in open_clocks(drafts, *earlier).filter(|d| d.start <= event.date) {
                draft.outcome = Outcome::Done(CareDate::Unrecorded {
                    by: event.date,
                    shown_by: event.id,
                });
            }
        }
        // Events of one day are applied in the order they were added, so a
        // later step may have begun earlier the same day.
        let outcome = began_same_day(drafts, other, step, event).map_or(Outcome::Open, |by| {
            Outcome::Done(CareDate::Unrecorded {
                by: event.date,
                shown_by: by,
            })
        });
        match rules.applied(step, event.date, episode.region) {
            Some(limit) => drafts.push(Draft {
                step,
                started_by: event.id,
                start: event.date,
                limit,
                periods: Vec::new(),
                booked: None,
                outcome,
            }),
            None => other.push(Entry::NoRuleInForce {
                step,
                event: event.id,
                date: event.date,
            }),
        }
    }
}

/// Care given on `day` closes the oldest open clock of `step` started by then.
/// Without one, it dates the clock a later step showed done, if it came on or
/// before the day that step began (the visit recorded after the decision made
/// at it).
fn record_care(drafts: &mut [Draft], step: Step, day: NaiveDate) {
    let open = drafts
        .iter()
        .position(|d| d.step == step && d.outcome == Outcome::Open && d.start <= day);
    let undated = || {
        drafts.iter().position(|d| {
            d.step == step
                && d.start <= day
                && matches!(d.outcome, Outcome::Done(CareDate::Unrecorded { by, .. }) if day <= by)
        })
    };
    if let Some(i) = open.or_else(undated) {
        drafts[i].outcome = Outcome::Done(CareDate::Recorded(day));
    }
}

/// The event that began a step after `step` on the day `event` starts it, if
/// an earlier-applied event of that day did (and did not start `step` too, as
/// when starting a clock closes earlier ones).
fn began_same_day(drafts: &[Draft], other: &[Entry], step: Step, event: Event) -> Option<u64> {
    let clocks = drafts.iter().map(|d| (d.step, d.start, d.started_by));
    let without_rule = other.iter().filter_map(|entry| match *entry {
        Entry::NoRuleInForce { step, event, date } => Some((step, date, event)),
        Entry::Clock(_) | Entry::NotCovered { .. } => None,
    });
    let that_day: Vec<(Step, u64)> = clocks
        .chain(without_rule)
        .filter(|&(_, start, by)| start == event.date && by != event.id)
        .map(|(started, _, by)| (started, by))
        .collect();
    that_day
        .iter()
        .find(|&&(later, by)| {
            later.earlier_steps().contains(&step) && !that_day.contains(&(step, by))
        })
        .map(|&(_, by)| by)
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
    use crate::status::{Status, StatusOptions, Timeliness, clock_status};

    fn ev(id: u64, date: NaiveDate, kind: EventKind) -> Event {
        Event { id, date, kind }
    }

    fn clocks(events: Vec<Event>, region: Option<&str>) -> Vec<Clock> {
        let episode = Episode {
            id: 1,
            title: "t".into(),
            region: region.and_then(RegionCode::parse),
            events,
            places: Default::default(),
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
        assert_eq!(
            c[0].outcome,
            Outcome::Done(CareDate::Recorded(ymd(2025, 3, 1)))
        );
        assert_eq!(c[1].outcome, Outcome::Open);
    }

    /// Issue 25: Stockholm (30 days to a first visit), referral 2026-09-01,
    /// decision to treat 2026-11-20, looked at on 2026-12-07.
    fn stockholm_decision(extra: Vec<Event>) -> Vec<Clock> {
        let mut events = vec![
            ev(1, ymd(2026, 9, 1), EventKind::ReferralIssued),
            ev(2, ymd(2026, 11, 20), EventKind::TreatmentDecided),
        ];
        events.extend(extra);
        clocks(events, Some("01"))
    }

    fn status_on_7_december(clock: &Clock) -> Status {
        clock_status(clock, ymd(2026, 12, 7), &StatusOptions::default())
    }

    #[test]
    fn a_decision_to_treat_closes_the_first_visit_clock_as_done() {
        let c = stockholm_decision(vec![]);
        let (visit, treatment) = (&c[0], &c[1]);
        assert_eq!(
            (visit.step, visit.deadline),
            (Step::SpecialistVisit, ymd(2026, 10, 1))
        );
        assert_eq!(
            visit.outcome,
            Outcome::Done(CareDate::Unrecorded {
                by: ymd(2026, 11, 20),
                shown_by: 2
            })
        );
        // The visit came by 20 November, after the deadline: whether it was in
        // time is not known, and it is not overdue.
        let status = status_on_7_december(visit);
        assert_eq!(status, Status::Done(Timeliness::Unknown));
        assert!(!status.needs_action());
        assert_eq!(
            (treatment.step, treatment.deadline, treatment.outcome),
            (Step::Treatment, ymd(2027, 2, 18), Outcome::Open)
        );
        assert_eq!(status_on_7_december(treatment), Status::OnTrack);
    }

    #[test]
    fn the_recorded_visit_day_says_whether_it_was_in_time() {
        let visit = |day| {
            ev(
                3,
                day,
                EventKind::CareReceived {
                    step: Step::SpecialistVisit,
                },
            )
        };
        let late = stockholm_decision(vec![visit(ymd(2026, 10, 15))]);
        assert_eq!(
            late[0].outcome,
            Outcome::Done(CareDate::Recorded(ymd(2026, 10, 15)))
        );
        assert_eq!(
            status_on_7_december(&late[0]),
            Status::Done(Timeliness::Late)
        );
        assert!(!status_on_7_december(&late[0]).needs_action());
        let in_time = stockholm_decision(vec![visit(ymd(2026, 9, 28))]);
        assert_eq!(
            status_on_7_december(&in_time[0]),
            Status::Done(Timeliness::InTime)
        );
        // The visit the decision was made at, recorded after the decision.
        let same_day = stockholm_decision(vec![visit(ymd(2026, 11, 20))]);
        assert_eq!(
            same_day[0].outcome,
            Outcome::Done(CareDate::Recorded(ymd(2026, 11, 20)))
        );
    }

    #[test]
    fn a_later_step_begun_in_time_shows_the_earlier_care_was_in_time() {
        let c = clocks(
            vec![
                ev(1, ymd(2026, 9, 1), EventKind::ReferralIssued),
                ev(2, ymd(2026, 9, 25), EventKind::TreatmentDecided),
            ],
            Some("01"),
        );
        assert_eq!(
            status_on_7_december(&c[0]),
            Status::Done(Timeliness::InTime)
        );
    }

    #[test]
    fn a_decision_added_before_the_referral_of_the_same_day_still_closes_it() {
        let c = clocks(
            vec![
                ev(1, ymd(2026, 11, 20), EventKind::TreatmentDecided),
                ev(2, ymd(2026, 11, 20), EventKind::ReferralIssued),
            ],
            None,
        );
        let visit = c.iter().find(|c| c.step == Step::SpecialistVisit).unwrap();
        assert_eq!(
            visit.outcome,
            Outcome::Done(CareDate::Unrecorded {
                by: ymd(2026, 11, 20),
                shown_by: 1
            })
        );
    }

    #[test]
    fn seeking_primary_care_twice_in_a_day_leaves_both_contacts_open() {
        let c = clocks(
            vec![
                ev(1, ymd(2026, 3, 2), EventKind::SoughtPrimaryCare),
                ev(2, ymd(2026, 3, 2), EventKind::SoughtPrimaryCare),
            ],
            None,
        );
        assert_eq!(c.len(), 4);
        assert!(c.iter().all(|c| c.outcome == Outcome::Open), "{c:?}");
    }

    #[test]
    fn a_referral_after_a_decision_is_a_new_wait() {
        let c = clocks(
            vec![
                ev(1, ymd(2026, 1, 10), EventKind::ReferralIssued),
                ev(2, ymd(2026, 2, 1), EventKind::TreatmentDecided),
                ev(3, ymd(2026, 3, 1), EventKind::ReferralIssued),
            ],
            None,
        );
        assert_eq!(c[2].step, Step::SpecialistVisit);
        assert_eq!(c[2].outcome, Outcome::Open);
    }

    #[test]
    fn a_referral_closes_the_primary_care_clocks_but_seeking_care_opens_both() {
        let sought = ev(1, ymd(2026, 3, 2), EventKind::SoughtPrimaryCare);
        let c = clocks(vec![sought], None);
        assert!(c.iter().all(|c| c.outcome == Outcome::Open));
        let c = clocks(
            vec![sought, ev(2, ymd(2026, 3, 9), EventKind::ReferralIssued)],
            None,
        );
        assert_eq!(c.len(), 3);
        for primary in &c[..2] {
            assert_eq!(
                primary.outcome,
                Outcome::Done(CareDate::Unrecorded {
                    by: ymd(2026, 3, 9),
                    shown_by: 2
                }),
                "{:?}",
                primary.step
            );
        }
        assert_eq!(c[2].outcome, Outcome::Open);
    }

    #[test]
    fn bup_and_the_legal_steps_do_not_close_each_other() {
        let c = clocks(
            vec![
                ev(1, ymd(2026, 3, 2), EventKind::BupReferral),
                ev(2, ymd(2026, 3, 9), EventKind::TreatmentDecided),
                ev(3, ymd(2026, 3, 10), EventKind::ReferralIssued),
                ev(
                    4,
                    ymd(2026, 3, 20),
                    EventKind::Renewed {
                        step: Step::BupInDepth,
                    },
                ),
            ],
            None,
        );
        let bup = c.iter().find(|c| c.step == Step::BupAssessment).unwrap();
        // Only the in-depth step comes after the BUP assessment.
        assert_eq!(
            bup.outcome,
            Outcome::Done(CareDate::Unrecorded {
                by: ymd(2026, 3, 20),
                shown_by: 4
            })
        );
        let visit = c.iter().find(|c| c.step == Step::SpecialistVisit).unwrap();
        assert_eq!(visit.outcome, Outcome::Open);
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
            (
                ymd(2025, 1, 31),
                Outcome::Done(CareDate::Recorded(ymd(2025, 1, 20)))
            )
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
            places: Default::default(),
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
