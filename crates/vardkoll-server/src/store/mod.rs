//! Storage behind a narrow interface. SQLite ([`sqlite::SqliteStore`]) is the
//! embedded default; a PostgreSQL store for several server instances implements
//! the same trait.
//!
//! Catalogue and statistics are read once into memory (a [`Dataset`]) and served
//! from there; referral requests are written through the store, durably, once per
//! idempotency key.

pub mod sqlite;

use std::future::Future;
use std::pin::Pin;

use vardkoll_domain::api::{ReferralCreated, ReferralStatus, ReferralView, ValidReferral};

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
    fn dataset(&self) -> Result<Dataset, StoreError>;

    /// Replaces the statistics of the services and providers in `data` (an import).
    fn import(&self, data: &Dataset) -> Result<(), StoreError>;

    /// Stores a request once per idempotency key, durably, before answering.
    fn create_referral(&self, request: NewRequest) -> StoreFuture<'_, CreateOutcome>;

    /// The request with this reference, if `token` is its secret.
    fn referral(&self, reference: String, token: String) -> StoreFuture<'_, Option<ReferralView>>;

    /// Moves a request to `status` (the region side). `None` when there is no such request.
    fn set_status(
        &self,
        reference: String,
        status: ReferralStatus,
        note: Option<String>,
        at: String,
    ) -> StoreFuture<'_, Option<Result<ReferralView, ReferralStatus>>>;

    /// How many requests are stored (for tests and benchmarks).
    fn referral_count(&self) -> Result<u64, StoreError>;
}
