//! Free times a provider publishes for national care mediation
//! (`/staff/free-times`): what a scheduler sends, what the store keeps, and the
//! checks every time must pass before anyone is offered it.
//!
//! A time is free, held (offered to one patient, for an answer window) or
//! booked. Only a free time may be changed or withdrawn, and only a free time
//! is ever suggested to a navigator.

use chrono::{Days, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::problem::FieldProblem;
use super::referral::ProblemCode;
use crate::clock_time::ClockTime;

/// The shortest time a scheduler may publish, in minutes.
pub const MIN_TIME_MINUTES: u16 = 5;
/// The longest, in minutes (a working day).
pub const MAX_TIME_MINUTES: u16 = 480;
/// The most weeks one series repeats a time (half a year).
pub const MAX_SERIES_WEEKS: u8 = 26;

/// Where a free time stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FreeTimeState {
    /// Nobody holds it: it may be suggested, offered, changed or withdrawn.
    Free,
    /// Offered to one patient, until they answer or the window closes.
    Held,
    /// The patient accepted it.
    Booked,
}

crate::wire_name::read_by_wire_name!(FreeTimeState {
    Free => "free",
    Held => "held",
    Booked => "booked",
});

/// A published time, as the scheduler and the navigators read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FreeTime {
    pub id: i64,
    pub provider_id: String,
    pub service_code: String,
    #[serde(with = "crate::date::iso_serde")]
    pub date: NaiveDate,
    /// HH:MM, Swedish time.
    pub start: String,
    pub minutes: u16,
    pub state: FreeTimeState,
    /// The request that holds or booked it (none while it is free).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Until when a held time waits for the patient's answer (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held_until: Option<String>,
    /// What a change must name (optimistic locking).
    pub version: i64,
}

impl FreeTime {
    /// When it starts, in Swedish time (`None` only for a start that is not HH:MM).
    pub fn starts_at(&self) -> Option<NaiveDateTime> {
        let start = ClockTime::parse_hh_mm(&self.start)?;
        self.date
            .and_hms_opt(start.hour().into(), start.minute().into(), 0)
    }
}

/// What a scheduler reads (`GET /staff/free-times`): the providers they
/// schedule for, so that a scheduler with no times yet can publish some, and
/// those providers' times from today on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Schedule {
    /// Catalogue ids.
    pub providers: Vec<String>,
    /// Earliest first.
    pub times: Vec<FreeTime>,
}

/// One time to store: checked, on one day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub provider_id: String,
    pub service_code: String,
    pub date: NaiveDate,
    pub start: ClockTime,
    pub minutes: u16,
}

impl Slot {
    /// Minutes after midnight that it starts.
    pub fn start_minute(&self) -> u16 {
        u16::from(self.start.hour()) * 60 + u16::from(self.start.minute())
    }

    /// Minutes after midnight that it ends (may pass midnight: up to 23:59 + 8 h).
    pub fn end_minute(&self) -> u16 {
        self.start_minute() + self.minutes
    }

    /// Whether two times of one provider share a minute. Times on different
    /// days never do (a time runs at most until the next morning, and none is
    /// published that late).
    pub fn overlaps(&self, other: &Slot) -> bool {
        self.provider_id == other.provider_id
            && self.date == other.date
            && self.start_minute() < other.end_minute()
            && other.start_minute() < self.end_minute()
    }

    /// HH:MM.
    pub fn start_text(&self) -> String {
        self.start.to_string()
    }
}

/// A time or a weekly series of times a scheduler publishes
/// (`POST /staff/free-times`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewFreeTimes {
    pub provider_id: String,
    pub service_code: String,
    /// YYYY-MM-DD: the first day.
    pub date: String,
    /// HH:MM, Swedish time.
    pub start: String,
    pub minutes: u16,
    /// The same weekday and time for this many weeks (default 1: one time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weeks: Option<u8>,
}

/// A change of a free time's day, start or length
/// (`PUT /staff/free-times/{id}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FreeTimeChange {
    /// YYYY-MM-DD.
    pub date: String,
    /// HH:MM, Swedish time.
    pub start: String,
    pub minutes: u16,
    /// The version the time was read at.
    pub version: i64,
}

fn problem(field: &str, code: ProblemCode, detail: &str) -> FieldProblem {
    FieldProblem {
        field: field.into(),
        code,
        detail: detail.into(),
    }
}

/// The day, start and length, checked: a day from today on that has not
/// started yet (`now`: Swedish local time), HH:MM, a length in range.
fn when(
    date: &str,
    start: &str,
    minutes: u16,
    now: NaiveDateTime,
    errors: &mut Vec<FieldProblem>,
) -> Option<(NaiveDate, ClockTime)> {
    let date = match crate::date::parse_iso(date) {
        Ok(date) if date >= now.date() => Some(date),
        Ok(_) => {
            errors.push(problem("date", ProblemCode::Range, "a day from today on"));
            None
        }
        Err(_) => {
            errors.push(problem("date", ProblemCode::Format, "YYYY-MM-DD"));
            None
        }
    };
    let start = ClockTime::parse_hh_mm(start);
    if start.is_none() {
        errors.push(problem("start", ProblemCode::Format, "HH:MM"));
    }
    if !(MIN_TIME_MINUTES..=MAX_TIME_MINUTES).contains(&minutes) {
        errors.push(problem(
            "minutes",
            ProblemCode::Range,
            &format!("{MIN_TIME_MINUTES} to {MAX_TIME_MINUTES} minutes"),
        ));
    }
    let (date, start) = (date?, start?);
    let begins = date.and_hms_opt(start.hour().into(), start.minute().into(), 0)?;
    if begins <= now {
        errors.push(problem(
            "start",
            ProblemCode::Range,
            "a time that has not started yet",
        ));
        return None;
    }
    Some((date, start))
}

impl NewFreeTimes {
    /// Every check, all at once: a service of the catalogue, a provider the
    /// scheduler schedules for, a time not yet begun, a length and a number of
    /// weeks in range. The times of the series, first first.
    pub fn validate(
        &self,
        now: NaiveDateTime,
        known_service: impl Fn(&str) -> bool,
        schedules_for: impl Fn(&str) -> bool,
    ) -> Result<Vec<Slot>, Vec<FieldProblem>> {
        let mut errors = Vec::new();
        if !known_service(&self.service_code) {
            errors.push(problem(
                "serviceCode",
                ProblemCode::Unknown,
                "no such service",
            ));
        }
        if !schedules_for(&self.provider_id) {
            errors.push(problem(
                "providerId",
                ProblemCode::Unknown,
                "not a provider you schedule for",
            ));
        }
        let weeks = self.weeks.unwrap_or(1);
        if !(1..=MAX_SERIES_WEEKS).contains(&weeks) {
            errors.push(problem(
                "weeks",
                ProblemCode::Range,
                &format!("1 to {MAX_SERIES_WEEKS} weeks"),
            ));
        }
        let first = when(&self.date, &self.start, self.minutes, now, &mut errors);
        match first {
            Some((date, start)) if errors.is_empty() => Ok((0..u64::from(weeks))
                .filter_map(|week| date.checked_add_days(Days::new(week * 7)))
                .map(|date| Slot {
                    provider_id: self.provider_id.clone(),
                    service_code: self.service_code.clone(),
                    date,
                    start,
                    minutes: self.minutes,
                })
                .collect()),
            _ => Err(errors),
        }
    }
}

impl FreeTimeChange {
    /// The same checks for the day, start and length of `time`, changed.
    pub fn validate(&self, time: &FreeTime, now: NaiveDateTime) -> Result<Slot, Vec<FieldProblem>> {
        let mut errors = Vec::new();
        if self.version < 1 {
            errors.push(problem(
                "version",
                ProblemCode::Format,
                "the version the time was read at",
            ));
        }
        match when(&self.date, &self.start, self.minutes, now, &mut errors) {
            Some((date, start)) if errors.is_empty() => Ok(Slot {
                provider_id: time.provider_id.clone(),
                service_code: time.service_code.clone(),
                date,
                start,
                minutes: self.minutes,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::ymd;

    fn monday_morning() -> NaiveDateTime {
        ymd(2026, 12, 7).and_hms_opt(8, 0, 0).unwrap()
    }

    fn series(date: &str, start: &str, weeks: Option<u8>) -> NewFreeTimes {
        NewFreeTimes {
            provider_id: "p1".into(),
            service_code: "op-hoft".into(),
            date: date.into(),
            start: start.into(),
            minutes: 60,
            weeks,
        }
    }

    fn check(times: &NewFreeTimes) -> Result<Vec<Slot>, Vec<FieldProblem>> {
        times.validate(monday_morning(), |s| s == "op-hoft", |p| p == "p1")
    }

    fn fields(errors: Vec<FieldProblem>) -> Vec<String> {
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn states_are_read_by_their_wire_names() {
        crate::wire_name::check_round_trip(FreeTimeState::VARIANTS, FreeTimeState::wire_name);
    }

    #[test]
    fn a_series_repeats_the_weekday_and_time_for_its_weeks() {
        let slots = check(&series("2026-12-08", "09:30", Some(3))).unwrap();
        let dates: Vec<_> = slots.iter().map(|s| s.date).collect();
        assert_eq!(
            dates,
            [ymd(2026, 12, 8), ymd(2026, 12, 15), ymd(2026, 12, 22)]
        );
        assert!(slots.iter().all(|s| s.start_text() == "09:30"));
        assert_eq!(
            check(&series("2026-12-08", "09:30", None)).unwrap().len(),
            1
        );
    }

    #[test]
    fn a_time_already_begun_or_gone_is_refused() {
        // Today, before now; yesterday; today at 08:00 exactly (now).
        assert_eq!(
            fields(check(&series("2026-12-07", "07:45", None)).unwrap_err()),
            ["start"]
        );
        assert_eq!(
            fields(check(&series("2026-12-06", "10:00", None)).unwrap_err()),
            ["date"]
        );
        assert_eq!(
            fields(check(&series("2026-12-07", "08:00", None)).unwrap_err()),
            ["start"]
        );
        assert!(check(&series("2026-12-07", "08:01", None)).is_ok());
    }

    #[test]
    fn every_problem_is_named_at_once() {
        let wrong = NewFreeTimes {
            provider_id: "someone-elses".into(),
            service_code: "nothing".into(),
            date: "8 december".into(),
            start: "9.30".into(),
            minutes: 2,
            weeks: Some(27),
        };
        assert_eq!(
            fields(check(&wrong).unwrap_err()),
            [
                "serviceCode",
                "providerId",
                "weeks",
                "date",
                "start",
                "minutes"
            ]
        );
    }

    #[test]
    fn times_of_one_provider_overlap_when_they_share_a_minute() {
        let slot = |provider: &str, start: (u8, u8), minutes| Slot {
            provider_id: provider.into(),
            service_code: "op-hoft".into(),
            date: ymd(2026, 12, 8),
            start: ClockTime::new(start.0, start.1).unwrap(),
            minutes,
        };
        let nine = slot("p1", (9, 0), 60);
        assert!(nine.overlaps(&slot("p1", (9, 59), 15)));
        assert!(nine.overlaps(&slot("p1", (8, 30), 31)));
        assert!(!nine.overlaps(&slot("p1", (10, 0), 15)));
        assert!(!nine.overlaps(&slot("p1", (8, 0), 60)));
        assert!(!nine.overlaps(&slot("p2", (9, 0), 60)));
    }

    #[test]
    fn a_time_reads_back_what_the_server_writes() {
        let time = FreeTime {
            id: 7,
            provider_id: "p1".into(),
            service_code: "op-hoft".into(),
            date: ymd(2026, 12, 8),
            start: "09:30".into(),
            minutes: 45,
            state: FreeTimeState::Held,
            reference: Some("VK-1".into()),
            held_until: Some("2026-12-12T09:00:00Z".into()),
            version: 2,
        };
        let wire = serde_json::to_value(&time).unwrap();
        assert_eq!(wire["date"], "2026-12-08");
        assert_eq!(wire["state"], "held");
        assert_eq!(wire["heldUntil"], "2026-12-12T09:00:00Z");
        assert_eq!(serde_json::from_value::<FreeTime>(wire).unwrap(), time);
        assert_eq!(time.starts_at(), ymd(2026, 12, 8).and_hms_opt(9, 30, 0));
    }
}
