//! National care mediation's matching: which published free times a
//! navigator is shown for one request, best first.
//!
//! A time is suggested when it is free, for the request's service, not begun,
//! at a provider that takes patients from the patient's home region, and
//! within the distance the patient can travel (measured from their home
//! region's seat, the only place the request names). When any such time is on
//! or before the patient's guarantee deadline, times after it are left out: a
//! navigator never offers a late time while a timely one exists. The order is
//! the patient's first choice first, then the earliest time, then the
//! shortest distance, then the provider and the time's id, so it is total and
//! the same for the same times in any order.

use std::cmp::Ordering;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::api::{FreeTime, FreeTimeState, NewReferral, StaffReferral};
use crate::compare::geo::{Point, distance_km};

/// The most suggestions one request gets: more is a list no one reads.
pub const MAX_SUGGESTIONS: usize = 20;

/// How far the patient can go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Travel {
    /// Anywhere in the country.
    Anywhere,
    /// Within this many kilometres of their home region's seat.
    WithinKm(u16),
    /// The patient cannot travel: their own region only.
    HomeRegionOnly,
}

impl Travel {
    pub fn of(request: &NewReferral) -> Travel {
        match (request.can_travel, request.max_travel_km) {
            (false, _) => Travel::HomeRegionOnly,
            (true, Some(km)) => Travel::WithinKm(km),
            (true, None) => Travel::Anywhere,
        }
    }
}

/// What matching needs to know of a request: nothing personal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Need {
    pub service_code: String,
    /// County code.
    pub home_region: Option<String>,
    /// Catalogue ids, first choice first.
    pub preferred_providers: Vec<String>,
    pub travel: Travel,
    /// The guarantee deadline, when the region must arrange care.
    pub deadline: Option<NaiveDate>,
}

impl Need {
    pub fn of(request: &NewReferral, home_region: Option<&str>) -> Need {
        Need {
            service_code: request.service_code.clone(),
            home_region: home_region
                .or(request.home_region.as_deref())
                .map(str::to_owned),
            preferred_providers: request.preferred_providers.clone(),
            travel: Travel::of(request),
            deadline: request.guarantee.map(|g| g.deadline),
        }
    }

    pub fn of_referral(referral: &StaffReferral) -> Need {
        Need::of(&referral.request, referral.home_region.as_deref())
    }
}

/// A provider as matching sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place<'a> {
    pub region_code: &'a str,
    pub point: Point,
    pub accepts_other_regions: bool,
}

/// One suggested time, with why it ranks where it does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    pub time: FreeTime,
    /// Its provider's place in the patient's list (0: first choice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<u8>,
    /// From the home region's seat, rounded (none when not known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<u32>,
    /// On or before the guarantee deadline (false without one).
    pub before_deadline: bool,
}

impl Suggestion {
    fn rank(&self, other: &Suggestion) -> Ordering {
        let choice = |s: &Suggestion| s.choice.unwrap_or(u8::MAX);
        let start = |s: &Suggestion| (s.time.date, s.time.start.clone());
        choice(self)
            .cmp(&choice(other))
            .then_with(|| start(self).cmp(&start(other)))
            .then_with(|| {
                self.distance_km
                    .unwrap_or(u32::MAX)
                    .cmp(&other.distance_km.unwrap_or(u32::MAX))
            })
            .then_with(|| self.time.provider_id.cmp(&other.time.provider_id))
            .then_with(|| self.time.id.cmp(&other.time.id))
    }
}

/// Whether a provider at `at` takes the patient of `need` and is within their
/// reach; the distance from the home region's seat, when known.
fn reach(need: &Need, origin: Option<Point>, at: &Place<'_>) -> Option<Option<u32>> {
    let home = need.home_region.as_deref() == Some(at.region_code);
    if !home && !at.accepts_other_regions {
        return None;
    }
    let distance = origin.map(|o| distance_km(o, at.point).round() as u32);
    let reachable = match need.travel {
        Travel::Anywhere => true,
        Travel::HomeRegionOnly => home,
        Travel::WithinKm(km) => home || distance.is_some_and(|d| d <= u32::from(km)),
    };
    reachable.then_some(distance)
}

/// The providers of `providers` whose times may be suggested for `need`
/// (they take its patient, within reach): what a store may narrow its read
/// to, since no time elsewhere is ever suggested.
pub fn reachable_providers<'a>(
    need: &Need,
    providers: impl IntoIterator<Item = (&'a str, Place<'a>)>,
) -> Vec<String> {
    let origin = need.home_region.as_deref().and_then(crate::regions::seat);
    providers
        .into_iter()
        .filter(|(_, at)| reach(need, origin, at).is_some())
        .map(|(id, _)| id.to_owned())
        .collect()
}

/// `time` as a suggestion for `need`, if it suits (see the module's rules;
/// `origin`: the home region's seat).
fn candidate<'a>(
    need: &Need,
    origin: Option<Point>,
    time: &FreeTime,
    place: &impl Fn(&str) -> Option<Place<'a>>,
    now: NaiveDateTime,
) -> Option<Suggestion> {
    if time.state != FreeTimeState::Free
        || time.service_code != need.service_code
        || time.starts_at().is_none_or(|at| at <= now)
    {
        return None;
    }
    let at = place(&time.provider_id)?;
    let distance = reach(need, origin, &at)?;
    Some(Suggestion {
        choice: need
            .preferred_providers
            .iter()
            .position(|p| *p == time.provider_id)
            .and_then(|i| u8::try_from(i).ok()),
        distance_km: distance,
        before_deadline: need.deadline.is_some_and(|d| time.date <= d),
        time: time.clone(),
    })
}

/// The times of `times` that suit `need` at `now` (Swedish local time), best
/// first, at most `limit`. `place` looks a provider up in the catalogue; a
/// time at a provider it does not know is left out.
pub fn suggest<'a>(
    need: &Need,
    times: &[FreeTime],
    place: impl Fn(&str) -> Option<Place<'a>>,
    now: NaiveDateTime,
    limit: usize,
) -> Vec<Suggestion> {
    let origin = need.home_region.as_deref().and_then(crate::regions::seat);
    let mut found: Vec<Suggestion> = times
        .iter()
        .filter_map(|time| candidate(need, origin, time, &place, now))
        .collect();
    if found.iter().any(|s| s.before_deadline) {
        found.retain(|s| s.before_deadline);
    }
    found.sort_by(Suggestion::rank);
    found.truncate(limit);
    found
}

/// Whether a time on or before the guarantee deadline exists for `need`: the
/// mark in a navigator's queue. The same rules as [`suggest`], without
/// ranking: it stops at the first such time.
pub fn has_time_before_deadline<'a>(
    need: &Need,
    times: &[FreeTime],
    place: impl Fn(&str) -> Option<Place<'a>>,
    now: NaiveDateTime,
) -> bool {
    let Some(deadline) = need.deadline.filter(|d| *d >= now.date()) else {
        return false;
    };
    let origin = need.home_region.as_deref().and_then(crate::regions::seat);
    times
        .iter()
        .any(|time| time.date <= deadline && candidate(need, origin, time, &place, now).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::ymd;

    fn now() -> NaiveDateTime {
        ymd(2026, 12, 7).and_hms_opt(8, 0, 0).unwrap()
    }

    fn time(id: i64, provider: &str, date: NaiveDate, start: &str) -> FreeTime {
        FreeTime {
            id,
            provider_id: provider.into(),
            service_code: "op-hoft".into(),
            date,
            start: start.into(),
            minutes: 60,
            state: FreeTimeState::Free,
            reference: None,
            held_until: None,
            version: 1,
        }
    }

    /// Stockholm (in the home region), Uppsala (63 km from Stockholm),
    /// Göteborg (about 400 km), and a Malmö clinic for its own region only.
    fn place(id: &str) -> Option<Place<'static>> {
        match id {
            "sthlm" => Some(Place {
                region_code: "01",
                point: Point::new(59.35, 18.03),
                accepts_other_regions: true,
            }),
            "uppsala" => Some(Place {
                region_code: "03",
                point: Point::new(59.85, 17.64),
                accepts_other_regions: true,
            }),
            "gbg" => Some(Place {
                region_code: "14",
                point: Point::new(57.68, 11.96),
                accepts_other_regions: true,
            }),
            "malmo-own" => Some(Place {
                region_code: "12",
                point: Point::new(55.59, 13.0),
                accepts_other_regions: false,
            }),
            _ => None,
        }
    }

    fn need(travel: Travel, deadline: Option<NaiveDate>) -> Need {
        Need {
            service_code: "op-hoft".into(),
            home_region: Some("01".into()),
            preferred_providers: vec!["gbg".into()],
            travel,
            deadline,
        }
    }

    fn ids(suggestions: &[Suggestion]) -> Vec<i64> {
        suggestions.iter().map(|s| s.time.id).collect()
    }

    #[test]
    fn the_first_choice_comes_first_then_the_earliest_then_the_nearest() {
        let times = [
            time(1, "sthlm", ymd(2026, 12, 20), "09:00"),
            time(2, "uppsala", ymd(2026, 12, 10), "09:00"),
            time(3, "gbg", ymd(2027, 1, 15), "09:00"),
            time(4, "sthlm", ymd(2026, 12, 10), "09:00"),
        ];
        let found = suggest(&need(Travel::Anywhere, None), &times, place, now(), 10);
        assert_eq!(ids(&found), [3, 4, 2, 1]);
        assert_eq!(found[0].choice, Some(0));
        assert_eq!(found[2].distance_km, Some(63));
    }

    #[test]
    fn the_distance_and_the_providers_own_rules_limit_where() {
        let times = [
            time(1, "sthlm", ymd(2026, 12, 20), "09:00"),
            time(2, "uppsala", ymd(2026, 12, 10), "09:00"),
            time(3, "gbg", ymd(2026, 12, 9), "09:00"),
            time(4, "malmo-own", ymd(2026, 12, 8), "09:00"),
            time(5, "nowhere", ymd(2026, 12, 8), "09:00"),
        ];
        let within = |travel| ids(&suggest(&need(travel, None), &times, place, now(), 10));
        assert_eq!(within(Travel::WithinKm(100)), [2, 1]);
        assert_eq!(within(Travel::WithinKm(50)), [1]);
        assert_eq!(within(Travel::HomeRegionOnly), [1]);
        assert_eq!(within(Travel::Anywhere), [3, 2, 1]);
    }

    #[test]
    fn times_begun_taken_or_for_another_service_are_never_suggested() {
        let mut held = time(2, "sthlm", ymd(2026, 12, 9), "09:00");
        held.state = FreeTimeState::Held;
        let mut booked = time(3, "sthlm", ymd(2026, 12, 9), "10:00");
        booked.state = FreeTimeState::Booked;
        let mut other = time(4, "sthlm", ymd(2026, 12, 9), "11:00");
        other.service_code = "op-kna".into();
        let times = [
            time(1, "sthlm", ymd(2026, 12, 7), "07:59"),
            held,
            booked,
            other,
            time(5, "sthlm", ymd(2026, 12, 7), "08:01"),
        ];
        assert_eq!(
            ids(&suggest(
                &need(Travel::Anywhere, None),
                &times,
                place,
                now(),
                10
            )),
            [5]
        );
    }

    #[test]
    fn a_timely_time_pushes_out_the_late_ones_and_marks_the_queue() {
        let deadline = Some(ymd(2026, 12, 15));
        let late = time(1, "gbg", ymd(2027, 1, 15), "09:00");
        let timely = time(2, "uppsala", ymd(2026, 12, 15), "15:00");
        let found = suggest(
            &need(Travel::Anywhere, deadline),
            &[late.clone(), timely.clone()],
            place,
            now(),
            10,
        );
        assert_eq!(ids(&found), [2]);
        assert!(found[0].before_deadline);
        // Only late times: they are shown, and the queue is not marked.
        let only_late = [late];
        let need = need(Travel::Anywhere, deadline);
        assert_eq!(ids(&suggest(&need, &only_late, place, now(), 10)), [1]);
        assert!(!has_time_before_deadline(&need, &only_late, place, now()));
        assert!(has_time_before_deadline(&need, &[timely], place, now()));
    }

    #[test]
    fn the_need_comes_from_the_request() {
        let mut request = NewReferral::example();
        request.home_region = Some("14".into());
        request.max_travel_km = Some(200);
        assert_eq!(Travel::of(&request), Travel::WithinKm(200));
        let need = Need::of(&request, None);
        assert_eq!(need.home_region.as_deref(), Some("14"));
        assert_eq!(need.preferred_providers, ["p1", "p2"]);
        request.can_travel = false;
        assert_eq!(Travel::of(&request), Travel::HomeRegionOnly);
    }
}
