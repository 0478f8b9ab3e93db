//! The region's side of the API (`/staff/...`): a navigator's work queue, a
//! request as they read it, and a move they ask for. Shared by the server and
//! the app's Vårdlotsen page.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::answer::{DeclineReason, Offer};
use super::referral::{NewReferral, ReferralStatus, StatusChange};
use crate::referral::path::CarePath;

/// Which way the region must go, as the patient was told when they sent it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PathKind {
    /// The guarantee deadline is broken: the region must arrange care elsewhere.
    Guarantee,
    /// Otherwise: the patient's free choice of care.
    FreeChoice,
}

/// The path and the guarantee deadline of a request, worked out by
/// [`CarePath`], the same as the patient saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestPath {
    pub path: PathKind,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::iso_serde::option"
    )]
    pub deadline: Option<NaiveDate>,
    /// The deadline has passed (on the day it was worked out).
    pub overdue: bool,
}

impl RequestPath {
    pub fn of(request: &NewReferral, today: NaiveDate) -> RequestPath {
        let path = CarePath::of(request.guarantee);
        let deadline = path.guarantee().map(|g| g.deadline);
        RequestPath {
            path: match path {
                CarePath::ArrangedByRegion { .. } => PathKind::Guarantee,
                CarePath::FreeChoice { .. } => PathKind::FreeChoice,
            },
            deadline,
            overdue: deadline.is_some_and(|d| d < today),
        }
    }
}

/// One entry of a navigator's work queue: no identity number, no contact details.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", from = "super::staff_wire::QueueItemWire")]
pub struct StaffQueueItem {
    pub reference: String,
    pub status: ReferralStatus,
    pub service_code: String,
    pub created_at: String,
    pub home_region: Option<String>,
    #[serde(flatten)]
    pub path: RequestPath,
    /// What a move must name (optimistic locking).
    pub version: i64,
    /// A free time on or before the guarantee deadline exists for it
    /// ([`crate::matching::has_time_before_deadline`]).
    #[serde(default)]
    pub free_time_before_deadline: bool,
}

/// One entry of a request's history as staff see it: what the patient sees,
/// and who made the change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", from = "super::staff_wire::ChangeWire")]
pub struct StaffChange {
    #[serde(flatten)]
    pub change: StatusChange,
    /// The staff member who made the change (none: the request arriving, or a
    /// change from before staff signed in, when a shared token moved requests).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// A request as its navigator reads it: everything the patient sent.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", from = "super::staff_wire::ReferralWire")]
pub struct StaffReferral {
    pub reference: String,
    pub status: ReferralStatus,
    pub service_code: String,
    pub created_at: String,
    pub home_region: Option<String>,
    pub version: i64,
    #[serde(flatten)]
    pub path: RequestPath,
    /// Normalised, 12 digits.
    pub identity_number: String,
    pub request: NewReferral,
    pub history: Vec<StaffChange>,
}

impl std::fmt::Debug for StaffReferral {
    // Personal data stays out of logs and panics.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffReferral")
            .field("reference", &self.reference)
            .field("status", &self.status)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

/// The longest note to the patient a navigator may write with a move, in
/// characters (the server refuses a longer one, the app stops typing there).
pub const MAX_NOTE_CHARS: usize = 500;

/// A move a navigator asks for (`POST /staff/referrals/{reference}/status`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StaffMove {
    pub status: ReferralStatus,
    /// The version the request was read at.
    pub version: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Only with `offered`, and required there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer: Option<Offer>,
    /// Only with `declined`, and required there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decline_reason: Option<DeclineReason>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{DeadlineState, GuaranteeDeadline};
    use crate::date::ymd;
    use crate::step::Step;

    /// A request whose treatment deadline, 1 November 2026, was missed.
    fn missed_on_november_1st() -> NewReferral {
        NewReferral {
            guarantee: Some(GuaranteeDeadline {
                step: Step::Treatment,
                deadline: ymd(2026, 11, 1),
                state: DeadlineState::Missed,
            }),
            ..NewReferral::example()
        }
    }

    #[test]
    fn the_path_is_the_patients_and_overdue_once_the_deadline_passed() {
        let free = RequestPath::of(&NewReferral::example(), ymd(2026, 12, 1));
        assert_eq!(free.path, PathKind::FreeChoice);
        assert_eq!(free.deadline, None);
        assert!(!free.overdue);
        let missed = missed_on_november_1st();
        let path = RequestPath::of(&missed, ymd(2026, 12, 1));
        assert_eq!(path.path, PathKind::Guarantee);
        assert_eq!(path.deadline, Some(ymd(2026, 11, 1)));
        assert!(path.overdue);
    }

    #[test]
    fn a_queue_item_reads_back_what_the_server_writes() {
        let item = StaffQueueItem {
            reference: "VK-1".into(),
            status: ReferralStatus::Received,
            service_code: "op-hoft".into(),
            created_at: "2026-12-01T09:00:00Z".into(),
            home_region: None,
            path: RequestPath::of(&NewReferral::example(), ymd(2026, 12, 1)),
            version: 1,
            free_time_before_deadline: true,
        };
        let wire = serde_json::to_value(&item).unwrap();
        assert_eq!(wire["homeRegion"], serde_json::Value::Null);
        assert_eq!(wire["path"], "free_choice");
        assert_eq!(wire["freeTimeBeforeDeadline"], true);
        assert_eq!(
            serde_json::from_value::<StaffQueueItem>(wire).unwrap(),
            item
        );
    }

    #[test]
    fn a_request_and_its_history_read_back_what_the_server_writes() {
        let missed = missed_on_november_1st();
        let change = |status, at: &str| StatusChange::new(status, at, None);
        let referral = StaffReferral {
            reference: "VK-1".into(),
            status: ReferralStatus::Offered,
            service_code: "op-hoft".into(),
            created_at: "2026-12-01T09:00:00Z".into(),
            home_region: Some("01".into()),
            version: 3,
            path: RequestPath::of(&missed, ymd(2026, 12, 1)),
            identity_number: "191212121212".into(),
            request: missed,
            history: vec![
                StaffChange {
                    change: change(ReferralStatus::Received, "2026-12-01T09:00:00Z"),
                    by: None,
                },
                StaffChange {
                    change: StatusChange {
                        note: Some("Ring före".into()),
                        offer: Some(Offer {
                            provider_id: "p1".into(),
                            date: "2026-12-10".into(),
                            time: "09:30".into(),
                            free_time_id: None,
                            answer_by: None,
                        }),
                        ..change(ReferralStatus::Offered, "2026-12-02T10:00:00Z")
                    },
                    by: Some("lotsen@region.se".into()),
                },
                StaffChange {
                    change: StatusChange {
                        decline_reason: Some(DeclineReason::Duplicate),
                        ..change(ReferralStatus::Declined, "2026-12-03T10:00:00Z")
                    },
                    by: Some("lotsen@region.se".into()),
                },
            ],
        };
        let wire = serde_json::to_value(&referral).unwrap();
        // The path and each change are flat in the JSON.
        assert_eq!(wire["path"], "guarantee");
        assert_eq!(wire["deadline"], "2026-11-01");
        assert_eq!(wire["overdue"], true);
        assert_eq!(wire["history"][1]["offer"]["time"], "09:30");
        assert_eq!(wire["history"][1]["by"], "lotsen@region.se");
        assert_eq!(
            serde_json::from_value::<StaffReferral>(wire).unwrap(),
            referral
        );
        // A reader ignores fields it does not know; a wrong type is refused.
        let mut newer = serde_json::to_value(&referral).unwrap();
        newer["priority"] = "high".into();
        newer["history"][0]["channel"] = "web".into();
        assert_eq!(
            serde_json::from_value::<StaffReferral>(newer).unwrap(),
            referral
        );
        let mut broken = serde_json::to_value(&referral).unwrap();
        broken["deadline"] = "1 november".into();
        assert!(serde_json::from_value::<StaffReferral>(broken).is_err());
    }

    #[test]
    fn a_move_refuses_unknown_fields_and_reasons() {
        let ok: StaffMove = serde_json::from_str(
            r#"{"status":"declined","version":2,"declineReason":"duplicate"}"#,
        )
        .unwrap();
        assert_eq!(ok.decline_reason, Some(DeclineReason::Duplicate));
        assert!(
            serde_json::from_str::<StaffMove>(
                r#"{"status":"declined","version":2,"declineReason":"lost"}"#
            )
            .is_err()
        );
        assert!(
            serde_json::from_str::<StaffMove>(r#"{"status":"offered","version":2,"by":"x"}"#)
                .is_err()
        );
    }
}
