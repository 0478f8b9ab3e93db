//! The patient's answer to an offer (accept, decline, another time) or their
//! withdrawal, and offers whose answer window closed: what the stores do, in
//! one transaction each, and the SQL both share.
//!
//! - An answer moves the request ([`PatientAnswer::moves`]), books or releases
//!   the time held for it, records the change in the history and the audit log
//!   (as `patient`), and remembers its Idempotency-Key: the same key again is
//!   the same answer, replayed (an outbox resending after a lost connection),
//!   while another key for an answered offer is refused.
//! - An answer after the window closed is refused and changes nothing; the
//!   sweep ([`AnswerStore::expire_offers`]) releases the time, puts the request
//!   back in the region's queue (under review, `expired` in its history) and
//!   queues news for the patient.

use vardkoll_domain::api::{PatientAnswer, ReferralStatus, ReferralView};

use super::StoreFuture;

/// Whose answer: the signed-in patient's (their subject) or the holder of the
/// request's own token.
#[derive(Clone, PartialEq, Eq)]
pub enum Owner {
    Subject(String),
    Token(String),
}

impl std::fmt::Debug for Owner {
    // The token is the request's secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Owner::Subject(_) => "Owner::Subject(..)",
            Owner::Token(_) => "Owner::Token(..)",
        })
    }
}

/// An answer to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answering {
    pub reference: String,
    pub owner: Owner,
    pub answer: PatientAnswer,
    pub idempotency_key: String,
    /// Now (RFC 3339, UTC).
    pub at: String,
    /// Where the answer came from, for the audit log.
    pub client_address: String,
}

/// Why an answer was not recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswerRefused {
    /// The request's status does not take this answer (answered before,
    /// closed, or no offer to answer).
    Invalid { current: ReferralStatus },
    /// The offer's answer window closed at this time.
    Expired { at: String },
}

/// What an answer led to: the request as the patient now reads it, and
/// whether this was a replay of an answer recorded before.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answered {
    pub view: ReferralView,
    pub replayed: bool,
}

pub trait AnswerStore {
    /// Records the answer if the request is the owner's and takes it. `None`:
    /// no such request of theirs.
    fn answer_referral(
        &self,
        answering: Answering,
    ) -> StoreFuture<'_, Option<Result<Answered, AnswerRefused>>>;

    /// Every offer whose answer window closed before `now` (RFC 3339, UTC):
    /// the time released, the request back under review, news queued. Returns
    /// how many requests went back.
    fn expire_offers(&self, now: String) -> StoreFuture<'_, u64>;
}

/// The staff member an audit entry of a patient's own change names.
pub(crate) const PATIENT: &str = "patient";
/// The one of an offer's window closing.
pub(crate) const SYSTEM: &str = "system";

/// Answers recorded, by key, so a resent answer is replayed (both stores).
pub(crate) const MIGRATION: &str = "CREATE TABLE referral_answers (
        reference TEXT NOT NULL REFERENCES referrals (reference) ON DELETE CASCADE,
        key_hash TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (reference, key_hash));";

/// A change the request's own side made (the patient, or the window closing),
/// in three statements both stores run in order. Placeholders: the status,
/// when closed, the reference.
pub(crate) const RECORD_STATUS_SQL: &str =
    "UPDATE referrals SET status = $1, closed_at = $2, version = version + 1 WHERE reference = $3";

/// Placeholders: the reference, the status, when, the detail.
pub(crate) const RECORD_HISTORY_SQL: &str =
    "INSERT INTO referral_history (reference, seq, status, at, note, detail)
     VALUES ($1, (SELECT COUNT(*) FROM referral_history WHERE reference = $1), $2, $3, NULL, $4)";

/// Placeholders: when, who, from where, the status, the reference.
pub(crate) const RECORD_AUDIT_SQL: &str =
    "INSERT INTO audit_log (at, staff, action, reference, identity_number, client_address, detail)
     SELECT $1, $2, 'change', reference, identity_number, $3, $4 FROM referrals WHERE reference = $5";

/// Placeholders: the reference, until when, the time's id, the service.
pub(crate) const HOLD_SQL: &str = "UPDATE free_times
    SET state = 'held', reference = $1, held_until = $2, version = version + 1
    WHERE id = $3 AND state = 'free' AND service_code = $4";

/// Placeholder: the reference.
pub(crate) const RELEASE_SQL: &str = "UPDATE free_times
    SET state = 'free', reference = NULL, held_until = NULL, version = version + 1
    WHERE reference = $1 AND state = 'held'";

/// Placeholder: the reference.
pub(crate) const BOOK_SQL: &str = "UPDATE free_times
    SET state = 'booked', held_until = NULL, version = version + 1
    WHERE reference = $1 AND state = 'held'";

/// What the time held for a request becomes with `answer`: the statement.
pub(crate) fn time_sql(answer: PatientAnswer) -> &'static str {
    match answer.time_becomes() {
        vardkoll_domain::api::FreeTimeState::Booked => BOOK_SQL,
        _ => RELEASE_SQL,
    }
}
