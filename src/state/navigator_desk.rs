//! "Vårdlotsen"'s state: the work queue with its filters, the request opened,
//! the move being written, and what came of the last one. The components call
//! the intents here; the API calls carry the signed-in staff member's token.

use leptos::prelude::*;
use leptos::task::spawn_local;
use vardkoll_domain::api::{
    DeclineReason, FieldProblem, Offer, ReferralStatus, StaffMove, StaffQueueItem, StaffReferral,
};

use super::Loadable;
use crate::platform::api::{self, ApiError};

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

/// A move as the navigator fills it in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MoveDraft {
    pub status: Option<ReferralStatus>,
    pub provider_id: String,
    pub date: String,
    pub time: String,
    pub reason: Option<DeclineReason>,
    pub note: String,
}

impl MoveDraft {
    /// The move to send for a request read at `version`: only what the chosen
    /// status takes (an offer with `offered`, a reason with `declined`). `None`
    /// until a status is chosen.
    pub fn to_move(&self, version: i64) -> Option<StaffMove> {
        let status = self.status?;
        let note = self.note.trim();
        Some(StaffMove {
            status,
            version,
            note: (!note.is_empty()).then(|| note.to_owned()),
            offer: (status == ReferralStatus::Offered).then(|| Offer {
                provider_id: self.provider_id.trim().to_owned(),
                date: self.date.trim().to_owned(),
                time: self.time.trim().to_owned(),
            }),
            decline_reason: self.reason.filter(|_| status == ReferralStatus::Declined),
        })
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
    /// The server named fields to correct.
    Problems(Vec<FieldProblem>),
    Failed,
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
                    desk.opened.set(Some(found));
                }
                Err(error) => {
                    desk.opened.set(None);
                    desk.open_error.set(Some(error));
                }
            }
        });
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
        let Some(change) = self.draft.with_untracked(|d| d.to_move(version)) else {
            return;
        };
        let desk = *self;
        desk.saving.set(true);
        spawn_local(async move {
            let result = api::move_referral(&token, &reference, &change).await;
            let outcome = match result {
                Ok(moved) => {
                    desk.opened.set(Some(moved));
                    desk.draft.set(MoveDraft::default());
                    desk.load_queue();
                    MoveOutcome::Saved
                }
                Err(ApiError::Status(409, problem)) => {
                    let stale = problem.is_some_and(|p| p.kind.ends_with("stale-version"));
                    // Read it again either way: the navigator sees what it is now.
                    if let Ok(fresh) = api::staff_referral(&token, &reference).await {
                        desk.opened.set(Some(fresh));
                    }
                    desk.load_queue();
                    if stale {
                        MoveOutcome::Stale
                    } else {
                        MoveOutcome::Invalid
                    }
                }
                Err(ApiError::Status(422, Some(problem))) => MoveOutcome::Problems(problem.errors),
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
