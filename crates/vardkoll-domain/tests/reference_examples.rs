//! The public examples in ../shared/reference/care-guarantee.md, end to end
//! through the episode timeline.

use vardkoll_domain::NaiveDate;
use vardkoll_domain::date::ymd;
use vardkoll_domain::deadline::{Entry, timeline};
use vardkoll_domain::episode::{Episode, Event, EventKind, ExclusionReason};
use vardkoll_domain::rules::RuleBook;
use vardkoll_domain::status::{Status, StatusOptions, Timeliness, clock_status};
use vardkoll_domain::step::Step;

fn deadline_of(step: Step, events: Vec<Event>) -> NaiveDate {
    let episode = Episode {
        id: 1,
        title: "Exempel".into(),
        region: None,
        events,
        places: Default::default(),
    };
    timeline(&episode, &RuleBook::swedish())
        .into_iter()
        .find_map(|entry| match entry {
            Entry::Clock(clock) if clock.step == step => Some(clock.deadline),
            _ => None,
        })
        .expect("a clock for the step")
}

fn ev(id: u64, date: NaiveDate, kind: EventKind) -> Event {
    Event { id, date, kind }
}

#[test]
fn assessment_after_a_friday_contact_is_due_on_monday() {
    let d = deadline_of(
        Step::PrimaryCareAssessment,
        vec![ev(1, ymd(2025, 3, 7), EventKind::SoughtPrimaryCare)],
    );
    assert_eq!(d, ymd(2025, 3, 10));
}

#[test]
fn skr_contact_on_5_march_and_visit_on_8_march_is_within_the_limit() {
    let episode = Episode {
        id: 1,
        title: "SKR".into(),
        region: None,
        events: vec![
            ev(1, ymd(2025, 3, 5), EventKind::SoughtPrimaryCare),
            ev(
                2,
                ymd(2025, 3, 8),
                EventKind::CareReceived {
                    step: Step::PrimaryCareAssessment,
                },
            ),
        ],
        places: Default::default(),
    };
    let entries = timeline(&episode, &RuleBook::swedish());
    let Entry::Clock(assessment) = &entries[1] else {
        panic!("expected a clock")
    };
    assert_eq!(
        clock_status(assessment, ymd(2025, 3, 9), &StatusOptions::default()),
        Status::Done(Timeliness::InTime)
    );
}

#[test]
fn first_specialist_visit_referral_on_15_january_is_due_15_april() {
    let d = deadline_of(
        Step::SpecialistVisit,
        vec![ev(1, ymd(2025, 1, 15), EventKind::ReferralIssued)],
    );
    assert_eq!(d, ymd(2025, 4, 15));
}

#[test]
fn a_self_referral_counts_from_the_day_the_clinic_accepted_it() {
    let d = deadline_of(
        Step::SpecialistVisit,
        vec![ev(1, ymd(2025, 1, 15), EventKind::SelfReferralAccepted)],
    );
    assert_eq!(d, ymd(2025, 4, 15));
}

#[test]
fn treatment_decided_26_september_is_due_on_christmas_day_unmoved() {
    let d = deadline_of(
        Step::Treatment,
        vec![ev(1, ymd(2025, 9, 26), EventKind::TreatmentDecided)],
    );
    assert_eq!(d, ymd(2025, 12, 25));
}

#[test]
fn a_28_day_patient_chosen_wait_pushes_the_treatment_deadline_to_8_may() {
    let d = deadline_of(
        Step::Treatment,
        vec![
            ev(1, ymd(2025, 1, 10), EventKind::TreatmentDecided),
            ev(
                2,
                ymd(2025, 2, 1),
                EventKind::ExcludedTime {
                    step: Step::Treatment,
                    until: ymd(2025, 2, 28),
                    reason: ExclusionReason::PatientChosen,
                },
            ),
        ],
    );
    assert_eq!(d, ymd(2025, 5, 8));
}

#[test]
fn deadlines_on_holidays_and_weekends_are_not_moved() {
    // 2025-01-18 + 90 days = 2025-04-18, Good Friday.
    let d = deadline_of(
        Step::SpecialistVisit,
        vec![ev(1, ymd(2025, 1, 18), EventKind::ReferralIssued)],
    );
    assert_eq!(d, ymd(2025, 4, 18));
    // 2025-01-05 + 90 days = 2025-04-05, a Saturday.
    let saturday = deadline_of(
        Step::Treatment,
        vec![ev(1, ymd(2025, 1, 5), EventKind::TreatmentDecided)],
    );
    assert_eq!(saturday, ymd(2025, 4, 5));
    assert_eq!(saturday.format("%A").to_string(), "Saturday");
}
