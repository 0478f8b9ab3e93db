//! "Lediga tider"'s state: the scheduler's providers and their times, the
//! time or series being written, the time being changed, and what came of the
//! last publish, change or withdrawal. The checks are the domain's own
//! ([`NewFreeTimes::validate`], [`FreeTimeChange::validate`]), run before
//! sending with the same clock rules the server applies.

use chrono::NaiveDateTime;
use leptos::prelude::*;
use leptos::task::spawn_local;
use vardkoll_domain::api::{
    FieldProblem, FreeTime, FreeTimeChange, NewFreeTimes, Problem, ProblemCode, Schedule,
};

use super::Loadable;
use crate::platform::api::{self, ApiError};
use crate::platform::clock::swedish_now;

/// A field of the publish or change form: where a problem is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeField {
    Provider,
    Service,
    Date,
    Start,
    Minutes,
    Weeks,
}

impl TimeField {
    /// In the form's order.
    pub const ALL: [TimeField; 6] = [
        TimeField::Provider,
        TimeField::Service,
        TimeField::Date,
        TimeField::Start,
        TimeField::Minutes,
        TimeField::Weeks,
    ];

    /// Its name in the API's body (a problem's `field`).
    pub const fn path(self) -> &'static str {
        match self {
            TimeField::Provider => "providerId",
            TimeField::Service => "serviceCode",
            TimeField::Date => "date",
            TimeField::Start => "start",
            TimeField::Minutes => "minutes",
            TimeField::Weeks => "weeks",
        }
    }

    /// The `id` of its input in the publish form, or in the change form.
    pub fn input_id(self, changing: bool) -> String {
        let name = match self {
            TimeField::Provider => "provider",
            TimeField::Service => "service",
            TimeField::Date => "date",
            TimeField::Start => "start",
            TimeField::Minutes => "minutes",
            TimeField::Weeks => "weeks",
        };
        format!("{}-{name}", if changing { "change" } else { "publish" })
    }
}

fn problem(field: TimeField, code: ProblemCode, detail: &str) -> FieldProblem {
    FieldProblem {
        field: field.path().to_owned(),
        code,
        detail: detail.to_owned(),
    }
}

/// A whole number as typed, or a format problem for `field`.
fn number<T: std::str::FromStr>(
    text: &str,
    field: TimeField,
    errors: &mut Vec<FieldProblem>,
) -> Option<T> {
    let parsed = text.trim().parse().ok();
    if parsed.is_none() {
        errors.push(problem(field, ProblemCode::Format, "a whole number"));
    }
    parsed
}

/// The problems found here, then the domain's for other fields: a number
/// that did not parse is said once, as a format problem.
fn merged(mut errors: Vec<FieldProblem>, found: Vec<FieldProblem>) -> Vec<FieldProblem> {
    let own: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
    errors.extend(found.into_iter().filter(|f| !own.contains(&f.field)));
    errors
}

/// A time or weekly series as the scheduler fills it in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishDraft {
    pub provider_id: String,
    pub service_code: String,
    /// YYYY-MM-DD, as typed.
    pub date: String,
    /// HH:MM, as typed.
    pub start: String,
    pub minutes: String,
    pub weeks: String,
}

impl Default for PublishDraft {
    fn default() -> Self {
        PublishDraft {
            provider_id: String::new(),
            service_code: String::new(),
            date: String::new(),
            start: String::new(),
            minutes: "30".to_owned(),
            weeks: "1".to_owned(),
        }
    }
}

impl PublishDraft {
    /// The body to send, or every problem at once: the domain's checks, with
    /// `now` in Swedish time; `providers` are the scheduler's, `known_service`
    /// the catalogue's (anything, while it is not loaded: the server checks).
    pub fn check(
        &self,
        now: NaiveDateTime,
        providers: &[String],
        known_service: impl Fn(&str) -> bool,
    ) -> Result<NewFreeTimes, Vec<FieldProblem>> {
        let mut errors = Vec::new();
        let minutes = number(&self.minutes, TimeField::Minutes, &mut errors);
        let weeks = number::<u8>(&self.weeks, TimeField::Weeks, &mut errors);
        let body = NewFreeTimes {
            provider_id: self.provider_id.clone(),
            service_code: self.service_code.clone(),
            date: self.date.trim().to_owned(),
            start: self.start.trim().to_owned(),
            minutes: minutes.unwrap_or(0),
            weeks: Some(weeks.unwrap_or(1)),
        };
        let checked = body.validate(now, known_service, |p| providers.iter().any(|m| m == p));
        match checked {
            Ok(_) if errors.is_empty() => Ok(body),
            Ok(_) => Err(errors),
            Err(found) => Err(merged(errors, found)),
        }
    }
}

/// A free time being moved or resized.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeDraft {
    pub time: FreeTime,
    pub date: String,
    pub start: String,
    pub minutes: String,
}

impl ChangeDraft {
    pub fn of(time: &FreeTime) -> ChangeDraft {
        ChangeDraft {
            time: time.clone(),
            date: vardkoll_domain::date::iso(time.date),
            start: time.start.clone(),
            minutes: time.minutes.to_string(),
        }
    }

    /// The change to send, at the version read, or every problem at once.
    pub fn check(&self, now: NaiveDateTime) -> Result<FreeTimeChange, Vec<FieldProblem>> {
        let mut errors = Vec::new();
        let minutes = number(&self.minutes, TimeField::Minutes, &mut errors);
        let change = FreeTimeChange {
            date: self.date.trim().to_owned(),
            start: self.start.trim().to_owned(),
            minutes: minutes.unwrap_or(0),
            version: self.time.version,
        };
        match change.validate(&self.time, now) {
            Ok(_) if errors.is_empty() => Ok(change),
            Ok(_) => Err(errors),
            Err(found) => Err(merged(errors, found)),
        }
    }
}

/// What came of the last publish, change or withdrawal.
#[derive(Clone, Debug, PartialEq)]
pub enum TimeOutcome {
    /// This many times stored.
    Published(usize),
    Changed,
    Withdrawn,
    /// Fields to correct (of the form `changing` or not): found before
    /// sending, or named by the server.
    Problems {
        changing: bool,
        problems: Vec<FieldProblem>,
    },
    /// It shares minutes with another time of the provider: nothing stored.
    Overlap,
    /// A patient was offered the time, or booked it, meanwhile.
    Taken,
    /// Someone changed the time since it was read; the list is read again.
    Stale,
    /// The time is gone (withdrawn meanwhile); the list is read again.
    Gone,
    /// The server turned it down without naming a field: its words.
    Refused(String),
    Failed,
}

impl TimeOutcome {
    /// The problems of the form `changing` (or of the publish form).
    pub fn problems(&self, changing: bool) -> &[FieldProblem] {
        match self {
            TimeOutcome::Problems {
                changing: of,
                problems,
            } if *of == changing => problems,
            _ => &[],
        }
    }

    /// What an error answer comes to.
    fn of_error(error: ApiError, changing: bool) -> TimeOutcome {
        match error {
            ApiError::Status(409, problem) => {
                let kind = problem.map(|p| p.kind).unwrap_or_default();
                if kind.ends_with("time-overlap") {
                    TimeOutcome::Overlap
                } else if kind.ends_with("stale-version") {
                    TimeOutcome::Stale
                } else {
                    TimeOutcome::Taken
                }
            }
            ApiError::Status(404, _) => TimeOutcome::Gone,
            ApiError::Status(
                422,
                Some(Problem {
                    errors,
                    detail,
                    title,
                    ..
                }),
            ) => {
                if errors.is_empty() {
                    TimeOutcome::Refused(detail.unwrap_or(title))
                } else {
                    TimeOutcome::Problems {
                        changing,
                        problems: errors,
                    }
                }
            }
            _ => TimeOutcome::Failed,
        }
    }
}

/// The first problem with `field` of the form `changing`, if any.
pub fn time_problem(
    outcome: Option<&TimeOutcome>,
    field: TimeField,
    changing: bool,
) -> Option<ProblemCode> {
    outcome?
        .problems(changing)
        .iter()
        .find(|p| p.field == field.path())
        .map(|p| p.code)
}

/// The page's state. Cheap to copy.
#[derive(Clone, Copy)]
pub struct FreeTimesDesk {
    pub schedule: RwSignal<Loadable<Schedule>>,
    pub draft: RwSignal<PublishDraft>,
    /// The time being changed, if any.
    pub changing: RwSignal<Option<ChangeDraft>>,
    pub outcome: RwSignal<Option<TimeOutcome>>,
    pub saving: RwSignal<bool>,
}

fn token() -> Option<String> {
    super::access_token()
}

impl FreeTimesDesk {
    pub fn provide() -> FreeTimesDesk {
        let desk = FreeTimesDesk {
            schedule: RwSignal::new(Loadable::default()),
            draft: RwSignal::new(PublishDraft::default()),
            changing: RwSignal::new(None),
            outcome: RwSignal::new(None),
            saving: RwSignal::new(false),
        };
        provide_context(desk);
        desk
    }

    pub fn use_context() -> FreeTimesDesk {
        expect_context::<FreeTimesDesk>()
    }

    /// Reads the scheduler's providers and times; the first provider is
    /// chosen in the form when none is.
    pub fn load(&self) {
        let Some(token) = token() else { return };
        let desk = *self;
        let Some(ticket) = super::begin(desk.schedule) else {
            return;
        };
        spawn_local(async move {
            let result = api::schedule(&token).await;
            if let Ok(schedule) = &result
                && let Some(first) = schedule.providers.first()
            {
                desk.draft.update(|d| {
                    if !schedule.providers.contains(&d.provider_id) {
                        d.provider_id = first.clone();
                    }
                });
            }
            desk.schedule.update(|s| {
                s.finish(ticket, result, crate::platform::clock::swedish_stamp());
            });
        });
    }

    pub fn close(&self) {
        self.schedule.set(Loadable::default());
        self.changing.set(None);
        self.outcome.set(None);
    }

    fn providers(&self) -> Vec<String> {
        self.schedule
            .with_untracked(|s| s.value().map(|s| s.providers.clone()))
            .unwrap_or_default()
    }

    /// Publishes the draft: checked here first, then by the server.
    pub fn publish(&self, known_service: impl Fn(&str) -> bool) {
        let Some(token) = token() else { return };
        let Some(now) = swedish_now() else { return };
        let providers = self.providers();
        let checked = self
            .draft
            .with_untracked(|d| d.check(now, &providers, known_service));
        let Some(body) = self.begin(checked, false) else {
            return;
        };
        let desk = *self;
        spawn_local(async move {
            let outcome = match api::publish_free_times(&token, &body).await {
                Ok(stored) => {
                    // The next time is most often the same, a little later.
                    desk.draft.update(|d| d.start.clear());
                    let count = stored.len();
                    desk.edit_times(|times| times.extend(stored));
                    TimeOutcome::Published(count)
                }
                Err(error) => TimeOutcome::of_error(error, false),
            };
            desk.finish(outcome);
        });
    }

    /// Opens the change form for `time`.
    pub fn begin_change(&self, time: &FreeTime) {
        self.outcome.set(None);
        self.changing.set(Some(ChangeDraft::of(time)));
    }

    pub fn cancel_change(&self) {
        self.changing.set(None);
    }

    /// Sends the change being written.
    pub fn save_change(&self) {
        let Some(token) = token() else { return };
        let Some(now) = swedish_now() else { return };
        let Some((id, checked)) = self
            .changing
            .with_untracked(|c| c.as_ref().map(|c| (c.time.id, c.check(now))))
        else {
            return;
        };
        let Some(change) = self.begin(checked, true) else {
            return;
        };
        let desk = *self;
        spawn_local(async move {
            let outcome = match api::change_free_time(&token, id, &change).await {
                Ok(changed) => {
                    desk.changing.set(None);
                    desk.edit_times(|times| {
                        times.retain(|t| t.id != changed.id);
                        times.push(changed);
                    });
                    TimeOutcome::Changed
                }
                Err(error) => {
                    let outcome = TimeOutcome::of_error(error, true);
                    if matches!(
                        outcome,
                        TimeOutcome::Taken | TimeOutcome::Stale | TimeOutcome::Gone
                    ) {
                        desk.changing.set(None);
                    }
                    outcome
                }
            };
            desk.finish(outcome);
        });
    }

    /// Withdraws free time `id`.
    pub fn withdraw(&self, id: i64) {
        let Some(token) = token() else { return };
        self.begin(Ok(()), false);
        let desk = *self;
        spawn_local(async move {
            let outcome = match api::withdraw_free_time(&token, id).await {
                Ok(()) => {
                    if desk
                        .changing
                        .with_untracked(|c| c.as_ref().is_some_and(|c| c.time.id == id))
                    {
                        desk.changing.set(None);
                    }
                    desk.edit_times(|times| times.retain(|t| t.id != id));
                    TimeOutcome::Withdrawn
                }
                Err(error) => TimeOutcome::of_error(error, false),
            };
            desk.finish(outcome);
        });
    }

    /// Shows what the server answered at once, earliest first, before the
    /// list is read again.
    fn edit_times(&self, edit: impl FnOnce(&mut Vec<FreeTime>)) {
        self.schedule.update(|s| {
            if let Some(data) = s.data.as_mut() {
                edit(&mut data.value.times);
                data.value
                    .times
                    .sort_by_key(|t| (t.date, t.start.clone(), t.id));
            }
        });
    }

    /// What passed the checks, with the last outcome cleared and sending
    /// begun; problems found here are shown instead (those of the change
    /// form when `changing`), and nothing is sent.
    fn begin<T>(&self, checked: Result<T, Vec<FieldProblem>>, changing: bool) -> Option<T> {
        match checked {
            Ok(value) => {
                self.outcome.set(None);
                self.saving.set(true);
                Some(value)
            }
            Err(problems) => {
                self.outcome
                    .set(Some(TimeOutcome::Problems { changing, problems }));
                None
            }
        }
    }

    /// Says what came of it and reads the times again: whatever happened,
    /// the list shows what is stored now.
    fn finish(&self, outcome: TimeOutcome) {
        self.saving.set(false);
        self.outcome.set(Some(outcome));
        self.load();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vardkoll_domain::api::FreeTimeState;
    use vardkoll_domain::date::ymd;

    fn monday_morning() -> NaiveDateTime {
        ymd(2026, 12, 7).and_hms_opt(8, 0, 0).unwrap()
    }

    fn draft() -> PublishDraft {
        PublishDraft {
            provider_id: "sahlgrenska".into(),
            service_code: "op-hoft".into(),
            date: "2026-12-08".into(),
            start: "09:30".into(),
            minutes: "45".into(),
            weeks: "3".into(),
        }
    }

    fn fields(problems: Vec<FieldProblem>) -> Vec<String> {
        problems.into_iter().map(|p| p.field).collect()
    }

    const MINE: [&str; 1] = ["sahlgrenska"];

    fn check(draft: &PublishDraft) -> Result<NewFreeTimes, Vec<FieldProblem>> {
        let mine: Vec<String> = MINE.iter().map(|s| s.to_string()).collect();
        draft.check(monday_morning(), &mine, |s| s == "op-hoft")
    }

    #[test]
    fn a_good_draft_becomes_the_body_as_the_server_reads_it() {
        let body = check(&draft()).unwrap();
        assert_eq!(body.minutes, 45);
        assert_eq!(body.weeks, Some(3));
        assert_eq!(body.date, "2026-12-08");
    }

    #[test]
    fn every_problem_is_named_once_by_its_field() {
        let bad = PublishDraft {
            provider_id: "karolinska".into(),
            minutes: "en timme".into(),
            weeks: "99".into(),
            date: "2026-12-06".into(),
            ..draft()
        };
        assert_eq!(
            fields(check(&bad).unwrap_err()),
            ["minutes", "providerId", "weeks", "date"]
        );
        let unknown = PublishDraft {
            service_code: "op-knä".into(),
            ..draft()
        };
        assert_eq!(fields(check(&unknown).unwrap_err()), ["serviceCode"]);
    }

    #[test]
    fn a_change_names_the_version_read_and_is_checked_as_a_new_time() {
        let time = FreeTime {
            id: 7,
            provider_id: "sahlgrenska".into(),
            service_code: "op-hoft".into(),
            date: ymd(2026, 12, 8),
            start: "09:30".into(),
            minutes: 60,
            state: FreeTimeState::Free,
            reference: None,
            held_until: None,
            version: 4,
        };
        let mut draft = ChangeDraft::of(&time);
        assert_eq!(draft.date, "2026-12-08");
        draft.minutes = "30".into();
        let change = draft.check(monday_morning()).unwrap();
        assert_eq!((change.version, change.minutes), (4, 30));
        draft.start = "07:00".into();
        draft.date = "2026-12-07".into();
        assert_eq!(
            fields(draft.check(monday_morning()).unwrap_err()),
            ["start"]
        );
    }

    #[test]
    fn a_conflict_is_told_apart_by_its_problem_type() {
        let conflict = |kind: &str| {
            let problem: Problem = serde_json::from_value(serde_json::json!({
                "type": kind, "title": "t", "status": 409
            }))
            .unwrap();
            TimeOutcome::of_error(ApiError::Status(409, Some(problem)), false)
        };
        assert_eq!(conflict("/problems/time-overlap"), TimeOutcome::Overlap);
        assert_eq!(conflict("/problems/stale-version"), TimeOutcome::Stale);
        assert_eq!(conflict("/problems/time-taken"), TimeOutcome::Taken);
        assert_eq!(
            TimeOutcome::of_error(ApiError::Status(404, None), true),
            TimeOutcome::Gone
        );
        assert_eq!(
            TimeOutcome::of_error(ApiError::Network, false),
            TimeOutcome::Failed
        );
    }
}
