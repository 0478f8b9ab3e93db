//! Which path a request for care elsewhere takes, explained before the patient
//! commits (HSL 9 kap. 1 §, patientlagen 9 kap.).
//!
//! - When the specialist-visit or treatment deadline has been missed, or the
//!   booked time is after it, the home region must arrange care with another
//!   provider at no extra cost to the patient, travel included; the patient may
//!   decline its offer.
//! - Otherwise the patient uses free choice of outpatient care: the guarantee's
//!   limits and travel reimbursement do not follow, and some regions require a
//!   referral.

use chrono::NaiveDate;

use crate::api::{DeadlineState, GuaranteeDeadline};
use crate::deadline::{Entry, timeline};
use crate::episode::Episode;
use crate::rules::RuleBook;
use crate::status::{RiskReason, Status, StatusOptions, clock_status};
use crate::step::Step;

/// The path that applies to a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CarePath {
    /// The guarantee is or will be broken: the region arranges care elsewhere.
    ArrangedByRegion {
        step: Step,
        deadline: NaiveDate,
        /// The deadline has passed (rather than: the booked time is after it).
        missed: bool,
    },
    /// Free choice of outpatient care. `running` is the guarantee deadline the
    /// patient would give up waiting for, if one runs.
    FreeChoice { running: Option<(Step, NaiveDate)> },
}

impl CarePath {
    /// The deadline to send with the request, if there is one.
    pub fn guarantee(self) -> Option<GuaranteeDeadline> {
        match self {
            CarePath::ArrangedByRegion {
                step,
                deadline,
                missed,
            } => Some(GuaranteeDeadline {
                step,
                deadline,
                state: if missed {
                    DeadlineState::Missed
                } else {
                    DeadlineState::WillBeMissed
                },
            }),
            CarePath::FreeChoice { running } => running.map(|(step, deadline)| GuaranteeDeadline {
                step,
                deadline,
                state: DeadlineState::Running,
            }),
        }
    }

    /// The path a request with this deadline (or none) takes.
    pub fn of(guarantee: Option<GuaranteeDeadline>) -> CarePath {
        match guarantee {
            Some(g) if g.broken() => CarePath::ArrangedByRegion {
                step: g.step,
                deadline: g.deadline,
                missed: g.state == DeadlineState::Missed,
            },
            Some(g) => CarePath::FreeChoice {
                running: Some((g.step, g.deadline)),
            },
            None => CarePath::FreeChoice { running: None },
        }
    }
}

/// The steps whose broken deadline obliges the region to arrange care elsewhere.
const ENFORCED: [Step; 2] = [Step::SpecialistVisit, Step::Treatment];

/// The path for a request started from `episode` on `today`; without an episode
/// (started from the comparison) it is free choice.
pub fn care_path(episode: Option<&Episode>, today: NaiveDate, rules: &RuleBook) -> CarePath {
    let Some(episode) = episode else {
        return CarePath::FreeChoice { running: None };
    };
    let options = StatusOptions::default();
    let mut running = None;
    // The newest clock of an enforced step decides: it replaced the older ones.
    for entry in timeline(episode, rules).iter().rev() {
        let Entry::Clock(clock) = entry else { continue };
        if !ENFORCED.contains(&clock.step) {
            continue;
        }
        match clock_status(clock, today, &options) {
            Status::Missed => {
                return CarePath::ArrangedByRegion {
                    step: clock.step,
                    deadline: clock.deadline,
                    missed: true,
                };
            }
            Status::AtRisk(RiskReason::BookedAfterDeadline) => {
                return CarePath::ArrangedByRegion {
                    step: clock.step,
                    deadline: clock.deadline,
                    missed: false,
                };
            }
            Status::OnTrack | Status::AtRisk(RiskReason::NearDeadline) | Status::Upcoming => {
                running.get_or_insert((clock.step, clock.deadline));
            }
            _ => {}
        }
    }
    CarePath::FreeChoice { running }
}

/// The date of the newest referral (issued, or a self-referral accepted) in
/// `episode`, to prefill the request's current referral.
pub fn current_referral_date(episode: &Episode) -> Option<NaiveDate> {
    use crate::episode::EventKind;
    episode
        .events
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                EventKind::ReferralIssued | EventKind::SelfReferralAccepted
            )
        })
        .map(|e| e.date)
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::ymd;
    use crate::episode::{DeclineReason, Event, EventKind};

    fn episode(events: &[(NaiveDate, EventKind)]) -> Episode {
        Episode {
            id: 1,
            title: "Höften".into(),
            region: None,
            events: events
                .iter()
                .enumerate()
                .map(|(i, (date, kind))| Event {
                    id: i as u64 + 1,
                    date: *date,
                    kind: *kind,
                })
                .collect(),
            places: Default::default(),
        }
    }

    fn path(events: &[(NaiveDate, EventKind)], today: NaiveDate) -> CarePath {
        care_path(Some(&episode(events)), today, &RuleBook::swedish())
    }

    #[test]
    fn from_the_comparison_it_is_free_choice() {
        assert_eq!(
            care_path(None, ymd(2026, 11, 25), &RuleBook::swedish()),
            CarePath::FreeChoice { running: None }
        );
    }

    #[test]
    fn a_running_deadline_is_free_choice_with_the_deadline_given_up() {
        let events = [(ymd(2026, 9, 1), EventKind::ReferralIssued)];
        assert_eq!(
            path(&events, ymd(2026, 10, 1)),
            CarePath::FreeChoice {
                running: Some((Step::SpecialistVisit, ymd(2026, 11, 30)))
            }
        );
    }

    #[test]
    fn a_missed_deadline_makes_the_region_arrange_care() {
        let events = [(ymd(2026, 1, 10), EventKind::TreatmentDecided)];
        assert_eq!(
            path(&events, ymd(2026, 11, 25)),
            CarePath::ArrangedByRegion {
                step: Step::Treatment,
                deadline: ymd(2026, 4, 10),
                missed: true
            }
        );
    }

    #[test]
    fn a_time_booked_after_the_deadline_makes_the_region_arrange_care() {
        let events = [
            (ymd(2026, 9, 1), EventKind::ReferralIssued),
            (
                ymd(2026, 12, 15),
                EventKind::Booked {
                    step: Step::SpecialistVisit,
                },
            ),
        ];
        assert_eq!(
            path(&events, ymd(2026, 10, 1)),
            CarePath::ArrangedByRegion {
                step: Step::SpecialistVisit,
                deadline: ymd(2026, 11, 30),
                missed: false
            }
        );
    }

    #[test]
    fn care_given_or_declined_gives_no_claim() {
        let late_care = [
            (ymd(2026, 1, 10), EventKind::ReferralIssued),
            (
                ymd(2026, 6, 1),
                EventKind::CareReceived {
                    step: Step::SpecialistVisit,
                },
            ),
        ];
        assert_eq!(
            path(&late_care, ymd(2026, 11, 25)),
            CarePath::FreeChoice { running: None }
        );
        let declined = [
            (ymd(2026, 1, 10), EventKind::ReferralIssued),
            (
                ymd(2026, 2, 1),
                EventKind::Declined {
                    step: Step::SpecialistVisit,
                    reason: DeclineReason::OfferedElsewhere,
                },
            ),
        ];
        assert_eq!(
            path(&declined, ymd(2026, 11, 25)),
            CarePath::FreeChoice { running: None }
        );
    }

    #[test]
    fn a_first_visit_behind_the_patient_gives_no_claim_but_the_treatment_deadline_runs() {
        // Issue 25: Stockholm, referral 2026-09-01, decision to treat 2026-11-20.
        let mut ep = episode(&[
            (ymd(2026, 9, 1), EventKind::ReferralIssued),
            (ymd(2026, 11, 20), EventKind::TreatmentDecided),
        ]);
        ep.region = crate::regions::RegionCode::parse("01");
        assert_eq!(
            care_path(Some(&ep), ymd(2026, 12, 7), &RuleBook::swedish()),
            CarePath::FreeChoice {
                running: Some((Step::Treatment, ymd(2027, 2, 18)))
            }
        );
    }

    #[test]
    fn primary_care_and_bup_do_not_oblige_the_region() {
        let events = [
            (ymd(2026, 1, 10), EventKind::SoughtPrimaryCare),
            (ymd(2026, 1, 10), EventKind::BupReferral),
        ];
        assert_eq!(
            path(&events, ymd(2026, 11, 25)),
            CarePath::FreeChoice { running: None }
        );
    }

    #[test]
    fn the_path_travels_with_the_request_and_back() {
        let paths = [
            CarePath::FreeChoice { running: None },
            CarePath::FreeChoice {
                running: Some((Step::Treatment, ymd(2026, 12, 1))),
            },
            CarePath::ArrangedByRegion {
                step: Step::SpecialistVisit,
                deadline: ymd(2026, 4, 10),
                missed: true,
            },
            CarePath::ArrangedByRegion {
                step: Step::Treatment,
                deadline: ymd(2026, 4, 10),
                missed: false,
            },
        ];
        for path in paths {
            assert_eq!(CarePath::of(path.guarantee()), path);
        }
        assert_eq!(
            paths[2].guarantee().map(|g| (g.state, g.broken())),
            Some((DeadlineState::Missed, true))
        );
        assert_eq!(paths[0].guarantee(), None);
    }

    #[test]
    fn the_newest_referral_is_the_current_one() {
        let e = episode(&[
            (ymd(2026, 3, 1), EventKind::ReferralIssued),
            (ymd(2026, 9, 1), EventKind::SelfReferralAccepted),
            (ymd(2026, 10, 1), EventKind::TreatmentDecided),
        ]);
        assert_eq!(current_referral_date(&e), Some(ymd(2026, 9, 1)));
        assert_eq!(current_referral_date(&episode(&[])), None);
    }
}
