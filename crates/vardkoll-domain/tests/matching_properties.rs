//! Matching under any set of published times: never a held or booked time,
//! never a time after the deadline while one on or before it exists, always
//! in rank order, and the same answer for the same times in any order.

use chrono::{NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use vardkoll_domain::api::{FreeTime, FreeTimeState};
use vardkoll_domain::compare::geo::Point;
use vardkoll_domain::matching::{
    MAX_SUGGESTIONS, Need, Place, Travel, has_time_before_deadline, reachable_providers, suggest,
};

const PROVIDERS: [(&str, &str, f64, f64, bool); 5] = [
    ("sthlm", "01", 59.35, 18.03, true),
    ("uppsala", "03", 59.85, 17.64, true),
    ("gbg", "14", 57.68, 11.96, true),
    ("malmo-own", "12", 55.59, 13.0, false),
    ("lulea", "25", 65.58, 22.15, true),
];

fn place(id: &str) -> Option<Place<'static>> {
    PROVIDERS.iter().find(|p| p.0 == id).map(
        |&(_, region_code, lat, lon, accepts_other_regions)| Place {
            region_code,
            point: Point::new(lat, lon),
            accepts_other_regions,
        },
    )
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(8, 0, 0).unwrap()
}

fn free_time() -> impl Strategy<Value = FreeTime> {
    (
        0usize..6,
        prop_oneof![Just("op-hoft"), Just("op-kna")],
        -1i64..60,
        0u8..24,
        prop_oneof![Just(0u8), Just(30u8)],
        prop_oneof![
            4 => Just(FreeTimeState::Free),
            1 => Just(FreeTimeState::Held),
            1 => Just(FreeTimeState::Booked),
        ],
    )
        .prop_map(|(provider, service, day, hour, minute, state)| FreeTime {
            id: 0,
            provider_id: PROVIDERS
                .get(provider)
                .map_or("unknown", |p| p.0)
                .to_owned(),
            service_code: service.to_owned(),
            date: today() + chrono::Days::new(day.max(0) as u64)
                - chrono::Days::new((day < 0) as u64),
            start: format!("{hour:02}:{minute:02}"),
            minutes: 30,
            state,
            reference: None,
            held_until: None,
            version: 1,
        })
}

fn times() -> impl Strategy<Value = Vec<FreeTime>> {
    prop::collection::vec(free_time(), 0..60).prop_map(|mut times| {
        for (i, time) in times.iter_mut().enumerate() {
            time.id = i as i64 + 1;
        }
        times
    })
}

fn need() -> impl Strategy<Value = Need> {
    (
        prop_oneof![Just("01"), Just("14"), Just("25")],
        prop::collection::vec(0usize..5, 0..3),
        prop_oneof![
            Just(Travel::Anywhere),
            Just(Travel::HomeRegionOnly),
            (1u16..1500).prop_map(Travel::WithinKm),
        ],
        prop::option::of(0u64..60),
    )
        .prop_map(|(home, preferred, travel, deadline)| Need {
            service_code: "op-hoft".into(),
            home_region: Some(home.into()),
            preferred_providers: preferred
                .iter()
                .map(|&i| PROVIDERS[i].0.to_owned())
                .collect(),
            travel,
            deadline: deadline.map(|d| today() + chrono::Days::new(d)),
        })
}

proptest! {
    #[test]
    fn only_free_times_of_the_service_not_yet_begun_are_suggested(need in need(), times in times()) {
        for s in suggest(&need, &times, place, now(), usize::MAX) {
            prop_assert_eq!(s.time.state, FreeTimeState::Free);
            prop_assert_eq!(&s.time.service_code, &need.service_code);
            prop_assert!(s.time.starts_at().unwrap() > now());
            prop_assert!(times.contains(&s.time));
        }
    }

    #[test]
    fn reading_only_the_reachable_providers_times_changes_nothing(need in need(), times in times()) {
        let reachable = reachable_providers(&need, PROVIDERS.iter().filter_map(|p| Some((p.0, place(p.0)?))));
        let narrowed: Vec<FreeTime> = times
            .iter()
            .filter(|t| reachable.contains(&t.provider_id))
            .cloned()
            .collect();
        prop_assert_eq!(
            suggest(&need, &narrowed, place, now(), usize::MAX),
            suggest(&need, &times, place, now(), usize::MAX)
        );
    }

    #[test]
    fn no_late_time_while_a_timely_one_exists(need in need(), times in times()) {
        let all = suggest(&need, &times, place, now(), usize::MAX);
        let timely_exists = all.iter().any(|s| s.before_deadline);
        if timely_exists {
            prop_assert!(all.iter().all(|s| s.before_deadline));
            // Even the first page (the limit) holds only timely times.
            let first = suggest(&need, &times, place, now(), MAX_SUGGESTIONS);
            prop_assert!(first.iter().all(|s| s.before_deadline));
        }
        prop_assert_eq!(
            has_time_before_deadline(&need, &times, place, now()),
            timely_exists
        );
        if let Some(deadline) = need.deadline {
            for s in &all {
                prop_assert_eq!(s.before_deadline, s.time.date <= deadline);
            }
        }
    }

    #[test]
    fn the_order_is_ranked_stable_and_independent_of_input_order(
        need in need(),
        times in times(),
        seed in any::<u64>(),
    ) {
        let found = suggest(&need, &times, place, now(), usize::MAX);
        for pair in found.windows(2) {
            let key = |s: &vardkoll_domain::matching::Suggestion| (
                s.choice.unwrap_or(u8::MAX),
                s.time.date,
                s.time.start.clone(),
                s.distance_km.unwrap_or(u32::MAX),
            );
            prop_assert!(key(&pair[0]) <= key(&pair[1]));
        }
        // The same times in another order give the same answer.
        let mut shuffled = times.clone();
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(suggest(&need, &shuffled, place, now(), usize::MAX), found.clone());
        // A limit is a prefix of the whole list.
        let limited = suggest(&need, &times, place, now(), 3);
        prop_assert_eq!(&limited[..], &found[..found.len().min(3)]);
    }
}
