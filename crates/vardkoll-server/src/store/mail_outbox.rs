//! The e-mail outbox: news to a patient, written in the same transaction as the
//! status change it is about, and sent later by [`crate::mail::delivery`].
//!
//! - A row is written only when the request has an e-mail address; it holds
//!   the address and the request's reference, never what the news is.
//! - A sender claims due rows for a while (a lease): two instances never hold
//!   the same row at once (PostgreSQL `FOR UPDATE SKIP LOCKED`; SQLite's one
//!   writer). A row is sent, retried later, or given up (an address the mail
//!   server refuses for good) — never deleted unsent, so a mail server that is
//!   down loses nothing.
//! - Rows go with their request when it is purged (`ON DELETE CASCADE`).

/// An e-mail waiting to be sent, as claimed by a sender.
#[derive(Clone, PartialEq, Eq)]
pub struct QueuedMail {
    pub id: i64,
    pub recipient: String,
    /// When the change it tells of was made (RFC 3339, UTC).
    pub created_at: String,
    /// Tries so far, this one included.
    pub attempts: i64,
}

impl std::fmt::Debug for QueuedMail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QueuedMail")
            .field("id", &self.id)
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

/// How sending one claimed e-mail went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MailOutcome {
    /// The mail server took it.
    Sent { at: String },
    /// Not now (the server is down, busy, or said "try later"): again at `next`.
    Retry { next: String, error: String },
    /// The server refuses it for good (the address does not exist).
    GaveUp { at: String, error: String },
}

/// The outbox table (SQLite migration 6).
pub(crate) const MAIL_MIGRATION_SQLITE: &str = r#"
    CREATE TABLE mail_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        reference TEXT NOT NULL REFERENCES referrals(reference) ON DELETE CASCADE,
        recipient TEXT NOT NULL, created_at TEXT NOT NULL, next_attempt_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0, lease_until TEXT, sent_at TEXT, given_up_at TEXT,
        last_error TEXT);
    CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at)
        WHERE sent_at IS NULL AND given_up_at IS NULL;
    CREATE INDEX mail_outbox_reference ON mail_outbox (reference);
"#;

/// The same on PostgreSQL (migration 4).
pub(crate) const MAIL_MIGRATION_POSTGRES: &str = r#"
    CREATE TABLE mail_outbox (
        id BIGSERIAL PRIMARY KEY,
        reference TEXT NOT NULL REFERENCES referrals(reference) ON DELETE CASCADE,
        recipient TEXT NOT NULL, created_at TEXT NOT NULL, next_attempt_at TEXT NOT NULL,
        attempts BIGINT NOT NULL DEFAULT 0, lease_until TEXT, sent_at TEXT, given_up_at TEXT,
        last_error TEXT);
    CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at)
        WHERE sent_at IS NULL AND given_up_at IS NULL;
    CREATE INDEX mail_outbox_reference ON mail_outbox (reference);
"#;

/// SQLite: queues news for the request's e-mail address, if it gave one.
pub(crate) const ENQUEUE_SQLITE: &str =
    "INSERT INTO mail_outbox (reference, recipient, created_at, next_attempt_at)
     SELECT reference, TRIM(json_extract(payload, '$.email')), ?2, ?2 FROM referrals
     WHERE reference = ?1 AND COALESCE(TRIM(json_extract(payload, '$.email')), '') <> ''";

/// PostgreSQL: the same.
pub(crate) const ENQUEUE_POSTGRES: &str =
    "INSERT INTO mail_outbox (reference, recipient, created_at, next_attempt_at)
     SELECT reference, btrim(payload::jsonb ->> 'email'), $2, $2 FROM referrals
     WHERE reference = $1 AND COALESCE(btrim(payload::jsonb ->> 'email'), '') <> ''";

/// Which rows are due at `now` and not held by another sender.
const DUE: &str = "sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= {now}
     AND (lease_until IS NULL OR lease_until <= {now})";

/// SQLite: claims up to ?3 due rows at ?1 until ?2 (run by the one writer).
pub(crate) fn claim_sqlite() -> String {
    format!(
        "UPDATE mail_outbox SET lease_until = ?2, attempts = attempts + 1
         WHERE id IN (SELECT id FROM mail_outbox WHERE {} ORDER BY id LIMIT ?3)
         RETURNING id, recipient, created_at, attempts",
        DUE.replace("{now}", "?1")
    )
}

/// PostgreSQL: the same; rows another instance is claiming are skipped.
pub(crate) fn claim_postgres() -> String {
    format!(
        "UPDATE mail_outbox SET lease_until = $2, attempts = attempts + 1
         WHERE id IN (SELECT id FROM mail_outbox WHERE {} ORDER BY id LIMIT $3
                      FOR UPDATE SKIP LOCKED)
         RETURNING id, recipient, created_at, attempts",
        DUE.replace("{now}", "$1")
    )
}

impl MailOutcome {
    /// The statement that records this outcome (`id` first, then the
    /// outcome's values), with placeholders made by `p(1)`, `p(2)`, ...
    pub(crate) fn statement(&self, p: fn(usize) -> String) -> String {
        match self {
            MailOutcome::Sent { .. } => format!(
                "UPDATE mail_outbox SET sent_at = {}, lease_until = NULL, last_error = NULL WHERE id = {}",
                p(2),
                p(1)
            ),
            MailOutcome::Retry { .. } => format!(
                "UPDATE mail_outbox SET next_attempt_at = {}, last_error = {}, lease_until = NULL WHERE id = {}",
                p(2),
                p(3),
                p(1)
            ),
            MailOutcome::GaveUp { .. } => format!(
                "UPDATE mail_outbox SET given_up_at = {}, last_error = {}, lease_until = NULL WHERE id = {}",
                p(2),
                p(3),
                p(1)
            ),
        }
    }

    /// The outcome's values, in the statement's order after the id.
    pub(crate) fn values(&self) -> Vec<&str> {
        match self {
            MailOutcome::Sent { at } => vec![at],
            MailOutcome::Retry { next, error } => vec![next, error],
            MailOutcome::GaveUp { at, error } => vec![at, error],
        }
    }
}
