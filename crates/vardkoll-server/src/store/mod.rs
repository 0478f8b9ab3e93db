//! Storage behind a narrow interface. SQLite ([`sqlite::SqliteStore`]) is the
//! embedded default; [`postgres::PostgresStore`] serves several server instances
//! on one database. [`open`] picks one from the configuration.
//!
//! Catalogue and statistics are read into memory (a [`Dataset`]) and served from
//! there; [`Store::data_version`] tells an instance that another one imported.
//! Referral requests are written through the store, durably, once per
//! idempotency key; their secrets are kept as [`secrets`] describes.

pub mod postgres;
pub mod secrets;
pub mod sqlite;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use vardkoll_domain::api::{ReferralCreated, ReferralStatus, ReferralView, ValidReferral};

use crate::config::Config;
use crate::dataset::Dataset;

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

/// What creating a request led to.
#[derive(Debug, PartialEq, Eq)]
pub enum CreateOutcome {
    Created(ReferralCreated),
    /// The key was seen before with the same body: the original answer.
    Replayed(ReferralCreated),
    /// The key was seen before with a different body.
    KeyReused,
}

pub trait Store: Send + Sync + 'static {
    /// Everything but referral requests, for serving from memory.
    fn dataset(&self) -> StoreFuture<'_, Dataset>;

    /// A number that changes with every import, on whichever instance it ran.
    fn data_version(&self) -> StoreFuture<'_, i64>;

    /// Replaces the statistics of the services and providers in `data` (an import).
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

    /// Moves a request to `status` (the region side). `None` when there is no such request.
    fn set_status(
        &self,
        reference: String,
        status: ReferralStatus,
        note: Option<String>,
        at: String,
    ) -> StoreFuture<'_, Option<Result<ReferralView, ReferralStatus>>>;

    /// Deletes every request closed (declined or withdrawn) before `before`
    /// (RFC 3339, UTC), with its history and personal data; returns how many.
    fn purge_closed(&self, before: String) -> StoreFuture<'_, u64>;

    /// How many requests are stored (for tests and benchmarks).
    fn referral_count(&self) -> StoreFuture<'_, u64>;

    /// Finishes every write in progress; later writes fail with [`StoreError::Closed`].
    fn close(&self) -> StoreFuture<'_, ()>;
}

/// Opens the store the configuration names: PostgreSQL for a `postgres://` URL
/// in `VARDKOLL_DATABASE_URL`, else the SQLite file `VARDKOLL_DB`. Either is
/// created and migrated as needed, and filled with the embedded dataset when empty.
pub async fn open(config: &Config) -> Result<Arc<dyn Store>, StoreError> {
    match &config.database_url {
        Some(url) => Ok(Arc::new(postgres::PostgresStore::connect(url).await?)),
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
