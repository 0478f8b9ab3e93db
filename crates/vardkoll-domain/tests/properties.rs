//! Properties that hold for every input, checked with generated episodes.

use proptest::prelude::*;
use vardkoll_domain::NaiveDate;
use vardkoll_domain::date::ymd;
use vardkoll_domain::deadline::{Clock, Entry, Outcome, timeline};
use vardkoll_domain::episode::{Episode, Event, EventKind, ExclusionReason};
use vardkoll_domain::excluded_time::{Period, merge, push_deadline};
use vardkoll_domain::rules::RuleBook;
use vardkoll_domain::status::{Status, StatusOptions, clock_status};
use vardkoll_domain::step::Step;
use vardkoll_domain::validation::parse_date;

fn date() -> impl Strategy<Value = NaiveDate> {
    (0u64..12_000).prop_map(|offset| vardkoll_domain::date::add_days(ymd(2000, 1, 1), offset))
}

fn period() -> impl Strategy<Value = Period> {
    (date(), 0u64..400).prop_map(|(from, len)| Period {
        from,
        until: vardkoll_domain::date::add_days(from, len),
    })
}

fn step() -> impl Strategy<Value = Step> {
    prop::sample::select(Step::ALL.to_vec())
}

fn kind() -> impl Strategy<Value = EventKind> {
    prop_oneof![
        Just(EventKind::SoughtPrimaryCare),
        Just(EventKind::ReferralIssued),
        Just(EventKind::SelfReferralAccepted),
        Just(EventKind::TreatmentDecided),
        Just(EventKind::BupReferral),
        step().prop_map(|step| EventKind::Booked { step }),
        step().prop_map(|step| EventKind::CareReceived { step }),
        step().prop_map(|step| EventKind::Renewed { step }),
        (step(), date()).prop_map(|(step, until)| EventKind::ExcludedTime {
            step,
            until,
            reason: ExclusionReason::Medical
        }),
    ]
}

fn episode() -> impl Strategy<Value = Episode> {
    episode_on(date())
}

/// Episodes whose events fall within a few weeks, so that several share a day
/// and act on each other's clocks.
fn dense_episode() -> impl Strategy<Value = Episode> {
    episode_on(
        (0u64..40).prop_map(|offset| vardkoll_domain::date::add_days(ymd(2026, 9, 1), offset)),
    )
}

fn episode_on(date: impl Strategy<Value = NaiveDate>) -> impl Strategy<Value = Episode> {
    prop::collection::vec((date, kind()), 0..12).prop_map(|events| Episode {
        id: 1,
        title: "p".into(),
        region: None,
        events: events
            .into_iter()
            .enumerate()
            .map(|(i, (date, kind))| Event {
                id: i as u64 + 1,
                date,
                kind,
            })
            .collect(),
        places: Default::default(),
    })
}

proptest! {
    #[test]
    fn a_deadline_never_precedes_its_start(ep in episode()) {
        for entry in timeline(&ep, &RuleBook::swedish()) {
            if let Entry::Clock(clock) = entry {
                prop_assert!(clock.deadline >= clock.start);
                prop_assert!(clock.deadline >= vardkoll_domain::date::add_days(clock.start, u64::from(clock.limit.days())));
            }
        }
    }

    #[test]
    fn adding_excluded_days_never_moves_a_deadline_earlier(
        start in date(), limit in 0u32..120, periods in prop::collection::vec(period(), 0..6), extra in period()
    ) {
        let (before, excluded_before) = push_deadline(start, limit, &periods);
        let mut more = periods.clone();
        more.push(extra);
        let (after, excluded_after) = push_deadline(start, limit, &more);
        prop_assert!(after >= before);
        prop_assert!(excluded_after >= excluded_before);
    }

    #[test]
    fn merged_periods_are_sorted_disjoint_and_cover_the_same_days(periods in prop::collection::vec(period(), 0..8)) {
        let merged = merge(&periods);
        for pair in merged.windows(2) {
            prop_assert!(pair[0].until < pair[1].from);
        }
        for p in &periods {
            prop_assert!(merged.iter().any(|m| m.from <= p.from && p.until <= m.until));
        }
        let total: u64 = merged.iter().map(Period::days).sum();
        let naive: u64 = periods.iter().map(Period::days).sum();
        prop_assert!(total <= naive);
    }

    #[test]
    fn the_deadline_is_shifted_by_exactly_the_counted_days(start in date(), limit in 0u32..120, periods in prop::collection::vec(period(), 0..6)) {
        let (deadline, excluded) = push_deadline(start, limit, &periods);
        prop_assert_eq!(deadline, vardkoll_domain::date::add_days(start, u64::from(limit) + excluded));
    }

    #[test]
    fn a_running_clock_moves_from_on_track_towards_missed_and_never_back(ep in episode(), a in date(), b in date()) {
        let (early, late) = if a <= b { (a, b) } else { (b, a) };
        let rank = |s: Status| match s {
            Status::OnTrack => 0,
            Status::AtRisk(_) => 1,
            Status::Missed => 2,
            _ => -1,
        };
        for entry in timeline(&ep, &RuleBook::swedish()) {
            if let Entry::Clock(mut clock) = entry {
                clock.booked = None;
                let options = StatusOptions::default();
                let (first, second) = (rank(clock_status(&clock, early, &options)), rank(clock_status(&clock, late, &options)));
                if first >= 0 && second >= 0 {
                    prop_assert!(first <= second);
                }
            }
        }
    }

    #[test]
    fn no_step_behind_the_patient_stays_open_or_asks_for_action(
        ep in prop_oneof![episode(), dense_episode()], today in date()
    ) {
        let clocks: Vec<Clock> = timeline(&ep, &RuleBook::swedish())
            .into_iter()
            .filter_map(|entry| match entry {
                Entry::Clock(clock) => Some(clock),
                _ => None,
            })
            .collect();
        let options = StatusOptions::default();
        for earlier in &clocks {
            // A later step began on or after this clock's start, by an event
            // that does not start this step too (seeking primary care starts
            // the contact and the assessment together).
            let passed = clocks.iter().any(|later| {
                let starts_both = ep.events.iter().any(|e| {
                    e.id == later.started_by && e.kind.starts().contains(&earlier.step)
                });
                later.started_by != earlier.started_by
                    && later.start >= earlier.start
                    && later.step.earlier_steps().contains(&earlier.step)
                    && !starts_both
            });
            if passed {
                prop_assert_ne!(earlier.outcome, Outcome::Open, "{:?}", earlier);
                prop_assert!(!clock_status(earlier, today, &options).needs_action(), "{:?}", earlier);
            }
        }
    }

    #[test]
    fn parsing_any_text_never_panics(text in ".{0,20}") {
        let _ = parse_date(&text);
    }

    #[test]
    fn every_real_date_round_trips_through_its_iso_text(d in date()) {
        prop_assert_eq!(parse_date(&d.format("%Y-%m-%d").to_string()), Ok(d));
    }

    #[test]
    fn stored_episodes_round_trip_through_json(ep in episode()) {
        let json = serde_json::to_string(&ep).unwrap();
        prop_assert_eq!(serde_json::from_str::<Episode>(&json).unwrap(), ep);
    }
}
