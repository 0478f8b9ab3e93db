//! "Vårdlotsen"'s state: the work queue with its filters, the request opened,
//! the move being written, and what came of the last one. The components call
//! the intents here; the API calls carry the signed-in staff member's token.

use leptos::prelude::*;
use leptos::task::spawn_local;
use vardkoll_domain::api::{
    DeclineReason, FieldProblem, FreeTime, Offer, Problem, ProblemCode, ReferralStatus, StaffMove,
    StaffQueueItem, StaffReferral,
};
use vardkoll_domain::clock_time::ClockTime;
use vardkoll_domain::matching::Suggestion;
use vardkoll_domain::{date, text};

use super::Loadable;
use crate::i18n::NavigatorTexts;
use crate::platform::api::{self, ApiError};

pub use vardkoll_domain::api::MAX_NOTE_CHARS;

/// What the queue shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueueFilters {
    pub status: Option<ReferralStatus>,
    /// A service code; empty: every service.
    pub service: String,
    /// Only requests older than this many days (as typed; not a number: none).
    pub older_than_days: String,
    pub overdue_only: bool,
}

impl QueueFilters {
    /// The query string of `GET /staff/referrals` (empty, or starting `?`).
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(status) = self.status {
            parts.push(format!("status={}", status.as_str()));
        }
        if !self.service.is_empty() {
            parts.push(format!("service={}", encoded(&self.service)));
        }
        if let Ok(days) = self.older_than_days.trim().parse::<u32>() {
            parts.push(format!("olderThanDays={days}"));
        }
        if self.overdue_only {
            parts.push("overdue=true".to_owned());
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// `text` percent-encoded for a query value (all but RFC 3986's unreserved).
fn encoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A field of the move form: where a problem with a move is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoveField {
    Status,
    Provider,
    Date,
    Time,
    Reason,
    Note,
}

impl MoveField {
    /// In the form's order.
    pub const ALL: [MoveField; 6] = [
        MoveField::Status,
        MoveField::Provider,
        MoveField::Date,
        MoveField::Time,
        MoveField::Reason,
        MoveField::Note,
    ];

    /// Its path in the API's move (a problem's `field`).
    pub const fn path(self) -> &'static str {
        match self {
            MoveField::Status => "status",
            MoveField::Provider => "offer/providerId",
            MoveField::Date => "offer/date",
            MoveField::Time => "offer/time",
            MoveField::Reason => "declineReason",
            MoveField::Note => "note",
        }
    }

    /// The field a problem's path names, if the form has it.
    pub fn from_path(path: &str) -> Option<MoveField> {
        MoveField::ALL
            .into_iter()
            .find(|field| field.path() == path)
    }

    /// The `id` of its input; for the status, of the radio buttons' fieldset.
    pub const fn input_id(self) -> &'static str {
        match self {
            MoveField::Status => "move-status",
            MoveField::Provider => "move-provider",
            MoveField::Date => "move-date",
            MoveField::Time => "move-time",
            MoveField::Reason => "move-reason",
            MoveField::Note => "move-note",
        }
    }
}

fn problem(field: MoveField, code: ProblemCode, detail: &str) -> FieldProblem {
    FieldProblem {
        field: field.path().to_owned(),
        code,
        detail: detail.to_owned(),
    }
}

/// A move as the navigator fills it in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MoveDraft {
    pub status: Option<ReferralStatus>,
    pub provider_id: String,
    pub date: String,
    /// As typed: `9.30`, `0930` and the like are sent as `09:30`.
    pub time: String,
    pub reason: Option<DeclineReason>,
    pub note: String,
    /// The published free time chosen from the suggestions: offered as that
    /// time (held for the patient) while the form still shows it.
    pub free_time: Option<FreeTime>,
}

impl MoveDraft {
    /// An offer of `time`, filled in as the navigator would type it.
    pub fn offering(time: &FreeTime) -> MoveDraft {
        MoveDraft {
            status: Some(ReferralStatus::Offered),
            provider_id: time.provider_id.clone(),
            date: date::iso(time.date),
            time: time.start.clone(),
            free_time: Some(time.clone()),
            ..MoveDraft::default()
        }
    }
}

impl MoveDraft {
    /// The move to send for a request read at `version`: only what the chosen
    /// status takes (an offer with `offered`, a reason with `declined`), the
    /// date and time in the API's forms when they can be read as such. `None`
    /// until a status is chosen.
    pub fn to_move(&self, version: i64) -> Option<StaffMove> {
        let status = self.status?;
        let note = self.note.trim();
        let date = self.date.trim();
        let date = date::parse_iso(date).map_or_else(|_| date.to_owned(), date::iso);
        let time = ClockTime::read(&self.time)
            .map_or_else(|| self.time.trim().to_owned(), |time| time.to_string());
        Some(StaffMove {
            status,
            version,
            note: (!note.is_empty()).then(|| note.to_owned()),
            offer: (status == ReferralStatus::Offered).then(|| {
                let provider_id = self.provider_id.trim().to_owned();
                // The time chosen, unless the form was changed away from it.
                let free_time_id = self
                    .free_time
                    .as_ref()
                    .filter(|t| {
                        t.provider_id == provider_id && date::iso(t.date) == date && t.start == time
                    })
                    .map(|t| t.id);
                Offer {
                    provider_id,
                    date,
                    time,
                    free_time_id,
                    answer_by: None,
                }
            }),
            decline_reason: self.reason.filter(|_| status == ReferralStatus::Declined),
        })
    }

    /// What must be corrected before the move can be sent, in the form's
    /// order: what the chosen status needs and is missing or cannot be read.
    /// Whether the date is past and the provider known, the server decides.
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        let Some(status) = self.status else {
            return vec![problem(
                MoveField::Status,
                ProblemCode::Required,
                "the new status",
            )];
        };
        if status == ReferralStatus::Offered {
            if self.provider_id.trim().is_empty() {
                problems.push(problem(
                    MoveField::Provider,
                    ProblemCode::Required,
                    "the provider",
                ));
            }
            let date = self.date.trim();
            if date.is_empty() {
                problems.push(problem(MoveField::Date, ProblemCode::Required, "the date"));
            } else if date::parse_iso(date).is_err() {
                problems.push(problem(MoveField::Date, ProblemCode::Format, "YYYY-MM-DD"));
            }
            if self.time.trim().is_empty() {
                problems.push(problem(MoveField::Time, ProblemCode::Required, "the time"));
            } else if ClockTime::read(&self.time).is_none() {
                problems.push(problem(MoveField::Time, ProblemCode::Format, "HH:MM"));
            }
        }
        if status == ReferralStatus::Declined && self.reason.is_none() {
            problems.push(problem(
                MoveField::Reason,
                ProblemCode::Required,
                "the reason",
            ));
        }
        let note = self.note.trim();
        if !note.is_empty()
            && let Err(code) = text::check_text(note, MAX_NOTE_CHARS, true)
        {
            problems.push(problem(MoveField::Note, code, "the note"));
        }
        problems
    }

    /// The move to send for a request read at `version`, or the problems to
    /// show instead.
    pub fn check(&self, version: i64) -> Result<StaffMove, Vec<FieldProblem>> {
        let problems = self.problems();
        match self.to_move(version) {
            Some(change) if problems.is_empty() => Ok(change),
            _ => Err(problems),
        }
    }
}

/// The statuses a request at `current` may move to.
pub fn next_statuses(current: ReferralStatus) -> Vec<ReferralStatus> {
    ReferralStatus::ALL
        .into_iter()
        .filter(|next| current.may_become(*next))
        .collect()
}

/// What came of the last move.
#[derive(Clone, Debug, PartialEq)]
pub enum MoveOutcome {
    Saved,
    /// Someone changed the request since it was read; it has been read again.
    Stale,
    /// The move is not allowed from the request's status.
    Invalid,
    /// The free time chosen was offered to another request first.
    TimeTaken,
    /// Fields to correct: found before sending, or named by the server.
    Problems(Vec<FieldProblem>),
    /// The server turned the move down without naming a field: its words.
    Refused(String),
    Failed,
}

impl MoveOutcome {
    /// What a validation problem from the server comes to: its fields, or,
    /// naming none, what it says.
    pub fn of_problem(problem: Problem) -> MoveOutcome {
        if problem.errors.is_empty() {
            MoveOutcome::Refused(problem.detail.unwrap_or(problem.title))
        } else {
            MoveOutcome::Problems(problem.errors)
        }
    }

    fn problems(&self) -> &[FieldProblem] {
        match self {
            MoveOutcome::Problems(problems) => problems,
            _ => &[],
        }
    }
}

/// The message beside `field`, if the last move's problems name it (the
/// first, if several do).
pub fn field_error(
    outcome: Option<&MoveOutcome>,
    field: MoveField,
    n: &NavigatorTexts,
) -> Option<&'static str> {
    outcome?
        .problems()
        .iter()
        .find(|p| p.field == field.path())
        .map(|p| (n.field_error)(field, p.code))
}

/// The error summary: (input id, message) for each field with a problem, in
/// the form's order.
pub fn error_links(
    outcome: Option<&MoveOutcome>,
    n: &NavigatorTexts,
) -> Vec<(String, &'static str)> {
    MoveField::ALL
        .into_iter()
        .filter_map(|field| {
            field_error(outcome, field, n).map(|message| (field.input_id().to_owned(), message))
        })
        .collect()
}

/// What the notice below the form says of a move, and whether it warns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MoveNotice {
    pub text: String,
    pub warning: bool,
}

/// The notice of the last move. It does not depend on the request's status:
/// a move that closes the request (declined, withdrawn) is saved like any
/// other, and says so.
pub fn move_notice(outcome: &MoveOutcome, n: &NavigatorTexts) -> MoveNotice {
    let warning = |text: String| MoveNotice {
        text,
        warning: true,
    };
    match outcome {
        MoveOutcome::Saved => MoveNotice {
            text: n.saved.to_owned(),
            warning: false,
        },
        MoveOutcome::Stale => warning(n.stale.to_owned()),
        MoveOutcome::Invalid => warning(n.invalid_move.to_owned()),
        MoveOutcome::TimeTaken => warning(n.time_taken.to_owned()),
        MoveOutcome::Refused(why) => warning((n.not_accepted)(why)),
        MoveOutcome::Problems(problems) => {
            // What no field of the form shows is said here, in the server's
            // words, rather than pointing at marks that are not there.
            let unplaced: Vec<String> = problems
                .iter()
                .filter(|p| MoveField::from_path(&p.field).is_none())
                .map(|p| match p.field.as_str() {
                    "" => p.detail.clone(),
                    field => format!("{field}: {}", p.detail),
                })
                .collect();
            if unplaced.is_empty() && !problems.is_empty() {
                warning(n.check_fields.to_owned())
            } else if unplaced.is_empty() {
                warning(n.save_failed.to_owned())
            } else {
                warning((n.not_accepted)(&unplaced.join("; ")))
            }
        }
        MoveOutcome::Failed => warning(n.save_failed.to_owned()),
    }
}

/// The page's state. Cheap to copy.
#[derive(Clone, Copy)]
pub struct NavigatorDesk {
    pub filters: RwSignal<QueueFilters>,
    pub queue: RwSignal<Loadable<Vec<StaffQueueItem>>>,
    /// The request open beside the queue, and an error reading one.
    pub opened: RwSignal<Option<StaffReferral>>,
    pub open_error: RwSignal<Option<ApiError>>,
    pub draft: RwSignal<MoveDraft>,
    pub outcome: RwSignal<Option<MoveOutcome>>,
    pub saving: RwSignal<bool>,
    /// Free times for the request open, best first.
    pub suggestions: RwSignal<Loadable<Vec<Suggestion>>>,
}

fn token() -> Option<String> {
    super::access_token()
}

impl NavigatorDesk {
    pub fn provide() -> NavigatorDesk {
        let desk = NavigatorDesk {
            filters: RwSignal::new(QueueFilters::default()),
            queue: RwSignal::new(Loadable::default()),
            opened: RwSignal::new(None),
            open_error: RwSignal::new(None),
            draft: RwSignal::new(MoveDraft::default()),
            outcome: RwSignal::new(None),
            saving: RwSignal::new(false),
            suggestions: RwSignal::new(Loadable::default()),
        };
        provide_context(desk);
        desk
    }

    pub fn use_context() -> NavigatorDesk {
        expect_context::<NavigatorDesk>()
    }

    /// Reads the queue with the current filters.
    pub fn load_queue(&self) {
        let Some(token) = token() else { return };
        let query = self.filters.with_untracked(QueueFilters::to_query);
        super::fetch(
            self.queue,
            async move { api::staff_queue(&token, &query).await },
        );
    }

    /// Opens a request (the server records the read).
    pub fn open(&self, reference: String) {
        let Some(token) = token() else { return };
        let desk = *self;
        desk.outcome.set(None);
        desk.draft.set(MoveDraft::default());
        spawn_local(async move {
            match api::staff_referral(&token, &reference).await {
                Ok(found) => {
                    desk.open_error.set(None);
                    desk.load_suggestions(&found.reference);
                    desk.opened.set(Some(found));
                }
                Err(error) => {
                    desk.opened.set(None);
                    desk.open_error.set(Some(error));
                }
            }
        });
    }

    /// Reads the free times that suit the request `reference`.
    pub fn load_suggestions(&self, reference: &str) {
        let Some(token) = token() else { return };
        let reference = reference.to_owned();
        super::fetch(self.suggestions, async move {
            api::staff_suggestions(&token, &reference).await
        });
    }

    /// Fills the move form with an offer of `time`.
    pub fn choose(&self, time: &FreeTime) {
        self.outcome.set(None);
        self.draft.set(MoveDraft::offering(time));
    }

    pub fn close(&self) {
        self.opened.set(None);
        self.open_error.set(None);
        self.outcome.set(None);
    }

    /// Sends the move for the request open, at the version it was read.
    pub fn save(&self) {
        let Some(token) = token() else { return };
        let Some((reference, version)) = self
            .opened
            .with_untracked(|o| o.as_ref().map(|r| (r.reference.clone(), r.version)))
        else {
            return;
        };
        let change = match self.draft.with_untracked(|d| d.check(version)) {
            Ok(change) => change,
            Err(problems) => {
                self.outcome.set(Some(MoveOutcome::Problems(problems)));
                return;
            }
        };
        let desk = *self;
        desk.outcome.set(None);
        desk.saving.set(true);
        spawn_local(async move {
            let result = api::move_referral(&token, &reference, &change).await;
            let outcome = match result {
                Ok(moved) => {
                    desk.load_suggestions(&moved.reference);
                    desk.opened.set(Some(moved));
                    desk.draft.set(MoveDraft::default());
                    desk.load_queue();
                    MoveOutcome::Saved
                }
                Err(ApiError::Status(409, problem)) => {
                    let kind = problem.map(|p| p.kind).unwrap_or_default();
                    // Read it again either way: the navigator sees what it is now.
                    if let Ok(fresh) = api::staff_referral(&token, &reference).await {
                        desk.opened.set(Some(fresh));
                    }
                    // A time another navigator took is no longer suggested.
                    desk.load_suggestions(&reference);
                    desk.load_queue();
                    if kind.ends_with("stale-version") {
                        MoveOutcome::Stale
                    } else if kind.ends_with("time-taken") {
                        MoveOutcome::TimeTaken
                    } else {
                        MoveOutcome::Invalid
                    }
                }
                Err(ApiError::Status(422, Some(problem))) => MoveOutcome::of_problem(problem),
                Err(_) => MoveOutcome::Failed,
            };
            desk.saving.set(false);
            desk.outcome.set(Some(outcome));
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_become_the_queue_query() {
        assert_eq!(QueueFilters::default().to_query(), "");
        let both = QueueFilters {
            status: Some(ReferralStatus::UnderReview),
            overdue_only: true,
            older_than_days: " 7 ".into(),
            ..QueueFilters::default()
        };
        assert_eq!(
            both.to_query(),
            "?status=under_review&olderThanDays=7&overdue=true"
        );
        let typed_wrong = QueueFilters {
            older_than_days: "en vecka".into(),
            ..QueueFilters::default()
        };
        assert_eq!(typed_wrong.to_query(), "");
        let service = QueueFilters {
            service: "op-höft&x".into(),
            ..QueueFilters::default()
        };
        assert_eq!(service.to_query(), "?service=op-h%C3%B6ft%26x");
    }

    #[test]
    fn a_move_carries_only_what_its_status_takes() {
        let draft = MoveDraft {
            status: Some(ReferralStatus::Declined),
            provider_id: "p1".into(),
            date: "2027-01-02".into(),
            time: "09:30".into(),
            reason: Some(DeclineReason::Duplicate),
            note: "  ".into(),
            free_time: None,
        };
        let declined = draft.to_move(3).unwrap();
        assert_eq!(declined.version, 3);
        assert_eq!(declined.offer, None);
        assert_eq!(declined.decline_reason, Some(DeclineReason::Duplicate));
        assert_eq!(declined.note, None);
        let offered = MoveDraft {
            status: Some(ReferralStatus::Offered),
            note: " Ring oss ".into(),
            ..draft.clone()
        }
        .to_move(3)
        .unwrap();
        assert_eq!(offered.decline_reason, None);
        assert_eq!(offered.offer.unwrap().provider_id, "p1");
        assert_eq!(offered.note.as_deref(), Some("Ring oss"));
        assert_eq!(MoveDraft::default().to_move(1), None);
    }

    fn offer(provider: &str, date: &str, time: &str) -> MoveDraft {
        MoveDraft {
            status: Some(ReferralStatus::Offered),
            provider_id: provider.into(),
            date: date.into(),
            time: time.into(),
            ..MoveDraft::default()
        }
    }

    fn fields(problems: &[FieldProblem]) -> Vec<(&str, ProblemCode)> {
        problems
            .iter()
            .map(|p| (p.field.as_str(), p.code))
            .collect()
    }

    fn sv() -> &'static NavigatorTexts {
        crate::i18n::Lang::Sv.navigator_texts()
    }

    #[test]
    fn a_time_written_the_swedish_way_is_sent_as_hh_mm() {
        for typed in ["9.30", "09.30", "9:30", "0930", "930", " 9:30 ", "kl. 9.30"] {
            let change = offer("p1", "2027-01-02", typed).check(4);
            let time = change.map(|c| c.offer.map(|o| o.time));
            assert_eq!(time, Ok(Some("09:30".to_owned())), "{typed:?}");
        }
        // The date in the API's form too.
        let change = offer("p1", "20270102", "14")
            .check(4)
            .expect("a move to send");
        let sent = change.offer.expect("an offer");
        assert_eq!(
            (sent.date.as_str(), sent.time.as_str()),
            ("2027-01-02", "14:00")
        );
    }

    #[test]
    fn what_a_move_lacks_is_marked_before_it_is_sent() {
        let empty = offer(" ", "", "").check(4).unwrap_err();
        assert_eq!(
            fields(&empty),
            [
                ("offer/providerId", ProblemCode::Required),
                ("offer/date", ProblemCode::Required),
                ("offer/time", ProblemCode::Required),
            ]
        );
        let unreadable = offer("p1", "2 jan", "24.00").check(4).unwrap_err();
        assert_eq!(
            fields(&unreadable),
            [
                ("offer/date", ProblemCode::Format),
                ("offer/time", ProblemCode::Format),
            ]
        );
        let declined = MoveDraft {
            status: Some(ReferralStatus::Declined),
            note: "Ring\u{202E} oss".into(),
            ..MoveDraft::default()
        };
        assert_eq!(
            fields(&declined.check(4).unwrap_err()),
            [
                ("declineReason", ProblemCode::Required),
                ("note", ProblemCode::Characters),
            ]
        );
        assert_eq!(
            fields(&MoveDraft::default().check(4).unwrap_err()),
            [("status", ProblemCode::Required)]
        );
        // What another status does not take is not asked for.
        let review = MoveDraft {
            status: Some(ReferralStatus::UnderReview),
            time: "nonsense".into(),
            ..MoveDraft::default()
        };
        assert!(review.check(4).is_ok());
    }

    #[test]
    fn each_field_the_server_names_is_marked_and_linked() {
        let n = sv();
        let problem = Problem::new(422, "validation", "Invalid").with_errors(vec![
            FieldProblem {
                field: "offer/time".into(),
                code: ProblemCode::Format,
                detail: "HH:MM".into(),
            },
            FieldProblem {
                field: "offer/providerId".into(),
                code: ProblemCode::Unknown,
                detail: "no such provider".into(),
            },
        ]);
        let outcome = MoveOutcome::of_problem(problem);
        let outcome = Some(&outcome);
        assert_eq!(
            field_error(outcome, MoveField::Time, n),
            Some((n.field_error)(MoveField::Time, ProblemCode::Format))
        );
        assert!(field_error(outcome, MoveField::Provider, n).is_some());
        assert_eq!(field_error(outcome, MoveField::Date, n), None);
        assert_eq!(field_error(None, MoveField::Time, n), None);
        // In the form's order, each link to its input.
        let links: Vec<String> = error_links(outcome, n)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(links, ["move-provider", "move-time"]);
        let notice = outcome.map(|o| move_notice(o, n));
        assert_eq!(
            notice.map(|n| n.text),
            Some("Kontrollera de markerade fälten.".to_owned())
        );
        // Every field's path comes back to it, and every input id is distinct.
        for field in MoveField::ALL {
            assert_eq!(MoveField::from_path(field.path()), Some(field));
            let same_id = MoveField::ALL
                .iter()
                .filter(|f| f.input_id() == field.input_id());
            assert_eq!(same_id.count(), 1);
        }
    }

    #[test]
    fn a_problem_naming_no_field_of_the_form_says_what_went_wrong() {
        let n = sv();
        let unplaced = MoveOutcome::Problems(vec![FieldProblem {
            field: "version".into(),
            code: ProblemCode::Format,
            detail: "the version the request was read at".into(),
        }]);
        assert!(error_links(Some(&unplaced), n).is_empty());
        let notice = move_notice(&unplaced, n);
        assert!(notice.warning);
        assert_ne!(notice.text, n.check_fields);
        assert!(
            notice
                .text
                .contains("version: the version the request was read at"),
            "{}",
            notice.text
        );
        // A problem without field errors: its own words.
        let bare = Problem::new(422, "validation", "Invalid").with_detail("The offer is too late.");
        let refused = MoveOutcome::of_problem(bare);
        assert_eq!(
            refused,
            MoveOutcome::Refused("The offer is too late.".into())
        );
        assert!(
            move_notice(&refused, n)
                .text
                .contains("The offer is too late.")
        );
        // A field the form has and one it does not: the first is marked, the
        // second said.
        let mixed = MoveOutcome::Problems(vec![
            FieldProblem {
                field: "offer/date".into(),
                code: ProblemCode::Format,
                detail: "a day from today on, YYYY-MM-DD".into(),
            },
            FieldProblem {
                field: String::new(),
                code: ProblemCode::Shape,
                detail: "trailing characters".into(),
            },
        ]);
        assert_eq!(error_links(Some(&mixed), n).len(), 1);
        assert!(move_notice(&mixed, n).text.ends_with("trailing characters"));
    }

    #[test]
    fn a_move_that_closes_the_request_is_said_to_be_saved() {
        // A decline leaves no move to make; the form is closed, and the notice
        // of the move that closed it is the same as for any other.
        assert!(next_statuses(ReferralStatus::Declined).is_empty());
        let saved = move_notice(&MoveOutcome::Saved, sv());
        assert!(
            saved.text.starts_with("Ändringen är sparad"),
            "{}",
            saved.text
        );
        assert!(!saved.warning);
        let english = move_notice(&MoveOutcome::Saved, crate::i18n::Lang::En.navigator_texts());
        assert!(
            english.text.starts_with("The change is saved"),
            "{}",
            english.text
        );
    }

    #[test]
    fn a_suggestion_chosen_is_offered_as_that_time_until_the_form_changes() {
        let time = FreeTime {
            id: 42,
            provider_id: "akademiska-sjukhuset".into(),
            service_code: "op-hoft".into(),
            date: date::ymd(2026, 12, 20),
            start: "09:30".into(),
            minutes: 45,
            state: vardkoll_domain::api::FreeTimeState::Free,
            reference: None,
            held_until: None,
            version: 1,
        };
        let mut draft = MoveDraft::offering(&time);
        let offer = draft.check(2).unwrap().offer.unwrap();
        assert_eq!(offer.free_time_id, Some(42));
        assert_eq!(
            (offer.date.as_str(), offer.time.as_str()),
            ("2026-12-20", "09:30")
        );
        // "9.30" is the same time; another time is no longer the one chosen.
        draft.time = "9.30".into();
        assert_eq!(
            draft.check(2).unwrap().offer.unwrap().free_time_id,
            Some(42)
        );
        draft.time = "10.00".into();
        assert_eq!(draft.check(2).unwrap().offer.unwrap().free_time_id, None);
    }

    #[test]
    fn only_allowed_moves_are_offered() {
        assert_eq!(
            next_statuses(ReferralStatus::Received),
            [
                ReferralStatus::UnderReview,
                ReferralStatus::Declined,
                ReferralStatus::Withdrawn
            ]
        );
        assert_eq!(
            next_statuses(ReferralStatus::Offered),
            [ReferralStatus::Withdrawn]
        );
        assert!(next_statuses(ReferralStatus::Declined).is_empty());
    }
}
