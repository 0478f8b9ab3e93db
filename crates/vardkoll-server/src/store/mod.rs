//! Storage behind a narrow interface. SQLite ([`sqlite::SqliteStore`]) is the
//! embedded default; [`postgres::PostgresStore`] serves several server instances
//! on one database. [`open`] picks one from the configuration.
//!
//! Catalogue and statistics are read into memory (a [`Dataset`]) and served from
//! there; [`Store::data_version`] tells an instance that another one imported.
//! Referral requests are written through the store, durably, once per
//! idempotency key; their secrets are kept as [`secrets`] describes.

pub mod answers;
pub mod free_times;
pub mod mail_outbox;
pub mod postgres;
pub mod secrets;
pub mod sqlite;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use vardkoll_domain::api::{
    DeclineReason, NewReferral, Offer, PatientAnswer, ReferralCreated, ReferralStatus,
    ReferralView, StatusChange, ValidReferral,
};

use crate::config::Config;
use crate::dataset::Dataset;
pub use answers::{AnswerRefused, AnswerStore, Answered, Answering, Owner};
pub use free_times::{FreeTimeQuery, FreeTimeStore, Publisher, TimeRefused};
pub use mail_outbox::{MailOutcome, QueuedMail};
pub use vardkoll_domain::api::StaffChange;
/// A change a navigator asks for, checked ([`crate::routes::staff`]).
pub use vardkoll_domain::api::StaffMove as Move;

/// A store's asynchronous answer.
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'a>>;

#[derive(Debug)]
pub enum StoreError {
    /// The database failed; the message is for logs and never holds personal data.
    Database(String),
    /// The store is shutting down.
    Closed,
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Database(message) => write!(f, "database error: {message}"),
            StoreError::Closed => f.write_str("store closed"),
        }
    }
}

/// A new referral request, validated, with what makes it idempotent.
pub struct NewRequest {
    pub idempotency_key: String,
    /// A hash of the request body: the same key with another body is a conflict.
    pub body_hash: String,
    pub referral: ValidReferral,
    pub created_at: String,
    /// The signed-in patient's subject at the identity provider, if any.
    pub subject: Option<String>,
}

/// A request as the region's staff see it: everything stored about it.
/// `Debug` leaves out the identity number.
#[derive(Clone, PartialEq)]
pub struct StaffReferral {
    pub reference: String,
    pub status: ReferralStatus,
    pub service_code: String,
    pub created_at: String,
    pub home_region: Option<String>,
    /// Incremented by every change: what a change must name (optimistic locking).
    pub version: i64,
    /// The normalised identity number (12 digits).
    pub identity_number: String,
    /// The request as the patient sent it.
    pub request: NewReferral,
    pub history: Vec<StaffChange>,
}

impl std::fmt::Debug for StaffReferral {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffReferral")
            .field("reference", &self.reference)
            .field("status", &self.status)
            .field("service_code", &self.service_code)
            .field("version", &self.version)
            .field("request", &self.request)
            .finish_non_exhaustive()
    }
}

/// Who reads or changes a request, from where: what the audit log records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub staff: String,
    pub regions: Vec<String>,
    pub client_address: String,
    pub at: String,
}

/// Why a move was not made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MoveRefused {
    /// The version named is not the request's: someone changed it since.
    Stale { current: i64 },
    /// The request's status cannot become the one asked for.
    Invalid { current: ReferralStatus },
    /// The free time offered is not free (any more) for the request's service.
    TimeTaken,
}

/// One entry of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub staff: String,
    /// `read` or `change`.
    pub action: String,
    pub reference: String,
    pub identity_number: String,
    pub client_address: String,
    /// For a change: the status it moved to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// What to search the audit log for: entries matching every part given
/// (none: the newest entries).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditQuery {
    /// Normalised, 12 digits.
    pub identity_number: Option<String>,
    /// The staff member's subject.
    pub staff: Option<String>,
}

impl AuditQuery {
    pub fn identity_number(number: &str) -> AuditQuery {
        AuditQuery {
            identity_number: Some(number.to_owned()),
            staff: None,
        }
    }

    pub fn staff(staff: &str) -> AuditQuery {
        AuditQuery {
            identity_number: None,
            staff: Some(staff.to_owned()),
        }
    }
}

/// The most audit entries one search returns (newest first).
pub const AUDIT_LIMIT: i64 = 1000;

/// What creating a request led to.
#[derive(Debug, PartialEq, Eq)]
pub enum CreateOutcome {
    Created(ReferralCreated),
    /// The key was seen before with the same body: the original answer.
    Replayed(ReferralCreated),
    /// The key was seen before with a different body.
    KeyReused,
}

/// Everything stored; free times are [`FreeTimeStore`]'s part, patients'
/// answers [`AnswerStore`]'s.
pub trait Store: FreeTimeStore + AnswerStore + Send + Sync + 'static {
    /// Everything but referral requests, for serving from memory.
    fn dataset(&self) -> StoreFuture<'_, Dataset>;

    /// A number that changes with every import, on whichever instance it ran.
    fn data_version(&self) -> StoreFuture<'_, i64>;

    /// Adds `data` (an import): services and providers are updated, figures
    /// only added — one already stored for its unit, service and month stays as
    /// it was (append-only; the importer reports it as kept).
    fn import(&self, data: Dataset) -> StoreFuture<'_, ()>;

    /// Stores a request once per idempotency key, durably, before answering.
    fn create_referral(&self, request: NewRequest) -> StoreFuture<'_, CreateOutcome>;

    /// The request with this reference, if `token` is its secret.
    fn referral(&self, reference: String, token: String) -> StoreFuture<'_, Option<ReferralView>>;

    /// The request with this reference, if it belongs to the signed-in `subject`.
    fn referral_of(
        &self,
        reference: String,
        subject: String,
    ) -> StoreFuture<'_, Option<ReferralView>>;

    /// Every request of the signed-in `subject`, newest first.
    fn referrals_of(&self, subject: String) -> StoreFuture<'_, Vec<ReferralView>>;

    /// Binds a request sent before sign-in to the signed-in `subject`, in one
    /// transaction, if and only if `token` is its secret, its identity number is
    /// `identity_number` (normalised, 12 digits), and it is bound to no other
    /// subject. `None` when any of that fails (the caller cannot tell which);
    /// already bound to `subject` is a success, unchanged.
    fn claim_referral(
        &self,
        reference: String,
        token: String,
        identity_number: String,
        subject: String,
    ) -> StoreFuture<'_, Option<ReferralView>>;

    /// Every request whose home region is one of `regions` (for a navigator's
    /// queue; filtered and sorted by the caller), without history.
    fn queue(&self, regions: Vec<String>) -> StoreFuture<'_, Vec<StaffReferral>>;

    /// The request with this reference, if its home region is one of
    /// `regions`, not audited: only for what shows nothing personal of it
    /// (matching reads the service, the providers asked for, the travel limit
    /// and the deadline, all of which the queue shows or ranks by).
    fn referral_in(
        &self,
        reference: String,
        regions: Vec<String>,
    ) -> StoreFuture<'_, Option<StaffReferral>>;

    /// The request with this reference, if its home region is one of the
    /// actor's, and an audit entry of the read, in one transaction.
    fn open_referral(
        &self,
        reference: String,
        actor: Actor,
    ) -> StoreFuture<'_, Option<StaffReferral>>;

    /// Moves a request of one of the actor's regions if `change.version` is its
    /// version and its status may become `change.status`: the change, its
    /// history entry, the new version, the audit entry and news for the
    /// patient's e-mail address (if given) in one transaction.
    /// `None`: no such request in the actor's regions.
    fn move_referral(
        &self,
        reference: String,
        change: Move,
        actor: Actor,
    ) -> StoreFuture<'_, Option<Result<StaffReferral, MoveRefused>>>;

    /// Claims at most `limit` e-mails due at `now` (RFC 3339, UTC) for the
    /// caller until `lease_until`: nobody else gets them before then.
    fn claim_mail(
        &self,
        now: String,
        lease_until: String,
        limit: i64,
    ) -> StoreFuture<'_, Vec<QueuedMail>>;

    /// Records how sending a claimed e-mail went.
    fn finish_mail(&self, id: i64, outcome: MailOutcome) -> StoreFuture<'_, ()>;

    /// Audit entries, newest first, at most [`AUDIT_LIMIT`].
    fn audit(&self, query: AuditQuery) -> StoreFuture<'_, Vec<AuditEntry>>;

    /// Deletes every request closed (declined or withdrawn) before `before`
    /// (RFC 3339, UTC), with its history, e-mail and personal data; returns how many.
    fn purge_closed(&self, before: String) -> StoreFuture<'_, u64>;

    /// How many requests are stored (for the tests).
    fn referral_count(&self) -> StoreFuture<'_, u64>;

    /// Finishes every write in progress; later writes fail with [`StoreError::Closed`].
    fn close(&self) -> StoreFuture<'_, ()>;
}

/// Opens the store the configuration names: PostgreSQL for a `postgres://` URL
/// in `VARDKOLL_DATABASE_URL`, else the SQLite file `VARDKOLL_DB`. Either is
/// created and migrated as needed, and filled with the embedded dataset when empty.
pub async fn open(config: &Config) -> Result<Arc<dyn Store>, StoreError> {
    match &config.database_url {
        Some(url) => Ok(Arc::new(
            postgres::PostgresStore::connect(url.expose()).await?,
        )),
        None => {
            let path = config.database.clone();
            let store = tokio::task::spawn_blocking(move || sqlite::SqliteStore::open(&path))
                .await
                .map_err(|e| StoreError::Database(e.to_string()))??;
            Ok(Arc::new(store))
        }
    }
}

/// What creating a request with a key seen before gives: the original answer,
/// its token unsealed with the key, when the body is the same.
pub(crate) fn replay(
    request: &NewRequest,
    reference: String,
    sealed: &str,
    created_at: String,
    body_hash: &str,
) -> CreateOutcome {
    if body_hash != request.body_hash {
        return CreateOutcome::KeyReused;
    }
    match secrets::unseal(sealed, &request.idempotency_key) {
        // The original answer: the status as it was when the request was created.
        Some(token) => CreateOutcome::Replayed(ReferralCreated {
            reference,
            token,
            status: ReferralStatus::Received,
            created_at,
        }),
        None => CreateOutcome::KeyReused,
    }
}

/// Whether a stored request may be bound to `subject`: what [`Store::claim_referral`]
/// checks once it holds the row. Secrets are compared in constant time.
pub(crate) fn may_claim(
    stored: (&str, &str, Option<&str>),
    token: &str,
    identity_number: &str,
    subject: &str,
) -> bool {
    let (token_hash, stored_identity, bound_to) = stored;
    secrets::token_matches(token, token_hash)
        && crate::hash::constant_time_eq(stored_identity.as_bytes(), identity_number.as_bytes())
        && bound_to.is_none_or(|bound| bound == subject)
}

/// What a stored request (`payload`, the request as sent) chose that its
/// patient reads back: the providers asked for and the home region. Only
/// those fields are read, nothing personal.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Choices {
    #[serde(default)]
    pub preferred_providers: Vec<String>,
    #[serde(default)]
    pub home_region: Option<String>,
}

impl Choices {
    pub(crate) fn of(payload: &str) -> Result<Choices, StoreError> {
        serde_json::from_str(payload)
            .map_err(|e| StoreError::Database(format!("a stored request: {e}")))
    }
}

/// An enum's serde name (`"visit"`), as stored in a text column.
pub(crate) fn text_of<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The enum a text column names, if it names one.
pub(crate) fn parse_text<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).ok()
}

/// The staff side's schema on SQLite: the home region and version of a
/// request, what the region side recorded with a change, and the audit log
/// (append-only: triggers refuse updates and deletes).
/// What a source published instead of a band of weeks, kept as it is (the
/// same statement for both stores).
pub(crate) const WAIT_TEXT_MIGRATION: &str = "ALTER TABLE statistics ADD COLUMN wait_text TEXT;";

/// Regions' own figures (Kolada), append-only like the statistics (both stores).
pub(crate) const REGIONAL_MIGRATION: &str = "CREATE TABLE regional_figures (
        kpi TEXT NOT NULL, region_code TEXT NOT NULL, year INTEGER NOT NULL, gender TEXT NOT NULL,
        value DOUBLE PRECISION, source TEXT NOT NULL, fetched TEXT NOT NULL,
        PRIMARY KEY (kpi, region_code, year, gender));";

/// Where each figure comes from and when it was fetched (both stores).
pub(crate) const SOURCE_MIGRATION: &str = "ALTER TABLE statistics ADD COLUMN source TEXT;
    ALTER TABLE statistics ADD COLUMN fetched TEXT;";

pub(crate) const STAFF_MIGRATION_SQLITE: &str = r#"
    ALTER TABLE referrals ADD COLUMN home_region TEXT;
    ALTER TABLE referrals ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    CREATE INDEX referrals_home_region ON referrals (home_region) WHERE home_region IS NOT NULL;
    ALTER TABLE referral_history ADD COLUMN detail TEXT;
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, staff TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('read', 'change')), reference TEXT NOT NULL,
        identity_number TEXT NOT NULL, client_address TEXT NOT NULL, detail TEXT);
    CREATE INDEX audit_log_identity_number ON audit_log (identity_number, id);
    CREATE INDEX audit_log_staff ON audit_log (staff, id);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"#;

/// The same on PostgreSQL.
pub(crate) const STAFF_MIGRATION_POSTGRES: &str = r#"
    ALTER TABLE referrals ADD COLUMN home_region TEXT;
    ALTER TABLE referrals ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
    CREATE INDEX referrals_home_region ON referrals (home_region) WHERE home_region IS NOT NULL;
    ALTER TABLE referral_history ADD COLUMN detail TEXT;
    CREATE TABLE audit_log (
        id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, staff TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('read', 'change')), reference TEXT NOT NULL,
        identity_number TEXT NOT NULL, client_address TEXT NOT NULL, detail TEXT);
    CREATE INDEX audit_log_identity_number ON audit_log (identity_number, id);
    CREATE INDEX audit_log_staff ON audit_log (staff, id);
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
    CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
"#;

/// What a history entry's `detail` column holds: the offer or decline reason,
/// and who made the change.
#[derive(serde::Serialize, serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct HistoryDetail {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    offer: Option<Offer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    decline_reason: Option<DeclineReason>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    answer: Option<PatientAnswer>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    expired: bool,
}

pub(crate) fn history_detail(change: &Move, actor: &Actor) -> Option<String> {
    serde_json::to_string(&HistoryDetail {
        offer: change.offer.clone(),
        decline_reason: change.decline_reason,
        by: Some(actor.staff.clone()),
        ..HistoryDetail::default()
    })
    .ok()
}

/// The detail of a change the patient's answer made.
pub(crate) fn answer_detail(answer: PatientAnswer) -> Option<String> {
    serde_json::to_string(&HistoryDetail {
        answer: Some(answer),
        ..HistoryDetail::default()
    })
    .ok()
}

/// The detail of an offer's answer window closing.
pub(crate) fn expiry_detail() -> Option<String> {
    serde_json::to_string(&HistoryDetail {
        expired: true,
        ..HistoryDetail::default()
    })
    .ok()
}

/// A history row as staff see it; `.change` is what the patient sees.
pub(crate) fn history_entry(
    status: ReferralStatus,
    at: String,
    note: Option<String>,
    detail: Option<&str>,
) -> StaffChange {
    let detail: HistoryDetail = detail
        .and_then(|d| serde_json::from_str(d).ok())
        .unwrap_or_default();
    StaffChange {
        change: StatusChange {
            offer: detail.offer,
            decline_reason: detail.decline_reason,
            answer: detail.answer,
            expired: detail.expired,
            ..StatusChange::new(status, at, note)
        },
        by: detail.by,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_printed_staff_referral_never_holds_the_identity_number() {
        let request = NewReferral::example();
        let referral = StaffReferral {
            reference: "VK-ABCD-EFGH".into(),
            status: ReferralStatus::Received,
            service_code: request.service_code.clone(),
            created_at: "2026-12-07T10:00:00Z".into(),
            home_region: Some("01".into()),
            version: 1,
            identity_number: "191212121212".into(),
            request: request.clone(),
            history: Vec::new(),
        };
        let printed = format!("{referral:?}");
        assert!(printed.contains("VK-ABCD-EFGH"), "{printed}");
        let phone = request.phone.clone().unwrap_or_default();
        for personal in ["191212121212", "1212", &request.name, &phone] {
            assert!(!printed.contains(personal), "{personal} in {printed}");
        }
    }
}
