//! How the app reads the staff answers whose Rust types nest a part that the
//! JSON keeps flat ([`RequestPath`] in a queue item and a request,
//! [`StatusChange`] in a history entry): the same fields written out, then
//! assembled. `#[serde(flatten)]` would read the same JSON, but it buffers the
//! document and decodes it a second way, which built every nested type's
//! decoding twice into the Vårdlotsen page's WebAssembly. Writing stays
//! `flatten` (the server's side, where size does not matter); the tests in
//! `staff.rs` read back what is written.

use chrono::NaiveDate;
use serde::Deserialize;

use super::answer::{DeclineReason, Offer, PatientAnswer};
use super::referral::{NewReferral, ReferralStatus, StatusChange};
use super::staff::{PathKind, RequestPath, StaffChange, StaffQueueItem, StaffReferral};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct QueueItemWire {
    reference: String,
    status: ReferralStatus,
    service_code: String,
    created_at: String,
    home_region: Option<String>,
    path: PathKind,
    #[serde(default, with = "crate::date::iso_serde::option")]
    deadline: Option<NaiveDate>,
    overdue: bool,
    version: i64,
    #[serde(default)]
    free_time_before_deadline: bool,
}

impl From<QueueItemWire> for StaffQueueItem {
    fn from(w: QueueItemWire) -> Self {
        StaffQueueItem {
            reference: w.reference,
            status: w.status,
            service_code: w.service_code,
            created_at: w.created_at,
            home_region: w.home_region,
            path: RequestPath {
                path: w.path,
                deadline: w.deadline,
                overdue: w.overdue,
            },
            version: w.version,
            free_time_before_deadline: w.free_time_before_deadline,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ChangeWire {
    status: ReferralStatus,
    at: String,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    offer: Option<Offer>,
    #[serde(default)]
    decline_reason: Option<DeclineReason>,
    #[serde(default)]
    answer: Option<PatientAnswer>,
    #[serde(default)]
    expired: bool,
    #[serde(default)]
    by: Option<String>,
}

impl From<ChangeWire> for StaffChange {
    fn from(w: ChangeWire) -> Self {
        StaffChange {
            change: StatusChange {
                status: w.status,
                at: w.at,
                note: w.note,
                offer: w.offer,
                decline_reason: w.decline_reason,
                answer: w.answer,
                expired: w.expired,
            },
            by: w.by,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ReferralWire {
    reference: String,
    status: ReferralStatus,
    service_code: String,
    created_at: String,
    home_region: Option<String>,
    version: i64,
    path: PathKind,
    #[serde(default, with = "crate::date::iso_serde::option")]
    deadline: Option<NaiveDate>,
    overdue: bool,
    identity_number: String,
    request: NewReferral,
    history: Vec<StaffChange>,
}

impl From<ReferralWire> for StaffReferral {
    fn from(w: ReferralWire) -> Self {
        StaffReferral {
            reference: w.reference,
            status: w.status,
            service_code: w.service_code,
            created_at: w.created_at,
            home_region: w.home_region,
            version: w.version,
            path: RequestPath {
                path: w.path,
                deadline: w.deadline,
                overdue: w.overdue,
            },
            identity_number: w.identity_number,
            request: w.request,
            history: w.history,
        }
    }
}
