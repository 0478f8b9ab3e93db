//! The embedded SQLite store: one file, created and migrated on start.
//!
//! Writes of referral requests go through one writer thread that commits in
//! groups: every request waiting when a transaction starts goes into it, and each
//! caller is answered only after the commit (WAL, `synchronous=FULL`), so an
//! acknowledged request survives a crash and a busy server still commits
//! thousands per second.

mod answers;
mod free_times;

use std::path::Path;
use std::sync::{Arc, Mutex, mpsc};

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use tokio::sync::oneshot;
use vardkoll_domain::api::{
    FreeCapacity, GuaranteeKind, Period, Provider, ReferralCreated, ReferralStatus, ReferralView,
    Region, RegionalFigure, Service, ServiceCategory, WaitBand, WaitStatistic,
};

use super::{
    AUDIT_LIMIT, Actor, AuditEntry, AuditQuery, CreateOutcome, MailOutcome, Move, MoveRefused,
    NewRequest, QueuedMail, StaffReferral, Store, StoreError, StoreFuture, mail_outbox, may_claim,
    parse_text, replay, secrets, text_of,
};
use crate::dataset::{Dataset, default_dataset};

/// The schema, step by step; `PRAGMA user_version` says how many steps ran.
enum Migration {
    Sql(&'static str),
    /// A step that needs Rust (hashing what was stored in plain text).
    Rust(fn(&Transaction<'_>) -> Result<(), StoreError>),
}

const MIGRATIONS: &[Migration] = &[
    Migration::Sql(
        r#"
    CREATE TABLE regions (code TEXT PRIMARY KEY, name TEXT NOT NULL, vantetider_id INTEGER NOT NULL UNIQUE);
    CREATE TABLE services (
        code TEXT PRIMARY KEY, name_sv TEXT NOT NULL, name_en TEXT NOT NULL,
        category TEXT NOT NULL, guarantee TEXT NOT NULL, synonyms TEXT NOT NULL);
    CREATE TABLE providers (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, region_code TEXT NOT NULL REFERENCES regions(code),
        town TEXT NOT NULL, latitude REAL NOT NULL, longitude REAL NOT NULL, phone TEXT, website TEXT,
        accepts_other_regions INTEGER NOT NULL);
    CREATE TABLE statistics (
        service_code TEXT NOT NULL, region_code TEXT NOT NULL, provider_id TEXT NOT NULL, period TEXT NOT NULL,
        share_within_limit REAL, median_days_waited INTEGER, waiting INTEGER, completed INTEGER,
        estimated_wait_days INTEGER, band_min_weeks INTEGER, band_max_weeks INTEGER,
        free_capacity TEXT NOT NULL, reported TEXT NOT NULL, sample_data INTEGER NOT NULL,
        PRIMARY KEY (service_code, region_code, provider_id, period));
    CREATE TABLE referrals (
        reference TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, body_hash TEXT NOT NULL,
        token TEXT NOT NULL, service_code TEXT NOT NULL, identity_number TEXT NOT NULL, payload TEXT NOT NULL,
        status TEXT NOT NULL, created_at TEXT NOT NULL);
    CREATE TABLE referral_history (
        reference TEXT NOT NULL REFERENCES referrals(reference), seq INTEGER NOT NULL,
        status TEXT NOT NULL, at TEXT NOT NULL, note TEXT, PRIMARY KEY (reference, seq));
"#,
    ),
    Migration::Sql(
        r#"
    CREATE TABLE data_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
    INSERT INTO data_version (id, version) VALUES (1, 0);
    ALTER TABLE referrals RENAME COLUMN idempotency_key TO key_hash;
    ALTER TABLE referrals RENAME COLUMN token TO token_hash;
    ALTER TABLE referrals ADD COLUMN token_sealed TEXT NOT NULL DEFAULT '';
    ALTER TABLE referrals ADD COLUMN closed_at TEXT;
    CREATE INDEX referrals_closed_at ON referrals (closed_at) WHERE closed_at IS NOT NULL;
"#,
    ),
    Migration::Rust(hash_stored_secrets),
    Migration::Sql(
        r#"
    ALTER TABLE referrals ADD COLUMN subject TEXT;
    CREATE INDEX referrals_subject ON referrals (subject) WHERE subject IS NOT NULL;
"#,
    ),
    Migration::Sql(super::STAFF_MIGRATION_SQLITE),
    Migration::Sql(super::mail_outbox::MAIL_MIGRATION_SQLITE),
    Migration::Sql(super::WAIT_TEXT_MIGRATION),
    Migration::Sql(super::SOURCE_MIGRATION),
    Migration::Sql(super::REGIONAL_MIGRATION),
    Migration::Sql(super::free_times::MIGRATION_SQLITE),
    Migration::Sql(super::answers::MIGRATION),
];

/// Requests stored before secrets were hashed: hash the key and the token, and
/// seal the token with the key (see [`secrets`]).
fn hash_stored_secrets(tx: &Transaction<'_>) -> Result<(), StoreError> {
    let rows = tx
        .prepare("SELECT reference, key_hash, token_hash FROM referrals WHERE token_sealed = ''")
        .map_err(db)?
        .query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
            ))
        })
        .map_err(db)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(db)?;
    for (reference, key, token) in rows {
        tx.execute(
            "UPDATE referrals SET key_hash = ?1, token_hash = ?2, token_sealed = ?3 WHERE reference = ?4",
            params![
                secrets::key_hash(&key),
                secrets::token_hash(&token),
                secrets::seal(&token, &key),
                reference
            ],
        )
        .map_err(db)?;
    }
    Ok(())
}

fn db(error: rusqlite::Error) -> StoreError {
    StoreError::Database(error.to_string())
}

fn open_connection(path: &Path) -> Result<Connection, StoreError> {
    let connection = Connection::open(path).map_err(db)?;
    connection
        .busy_timeout(std::time::Duration::from_secs(5))
        .map_err(db)?;
    // Switching a new file to WAL does not wait for the busy timeout: another
    // instance creating the same file at the same moment makes it answer
    // "database is locked" at once. Try again for up to a minute.
    for attempt in 0.. {
        match connection.query_row("PRAGMA journal_mode = WAL", [], |row| {
            row.get::<_, String>(0)
        }) {
            Ok(_) => break,
            Err(error)
                if attempt < 1200
                    && error.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) =>
            {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(error) => return Err(db(error)),
        }
    }
    connection
        .execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
        .map_err(db)?;
    Ok(connection)
}

/// Runs the migrations not yet run, and fills an empty database with the
/// embedded dataset: one immediate transaction each, so that stores opened on
/// one file at the same moment take turns and do the work once.
fn migrate(connection: &mut Connection) -> Result<(), StoreError> {
    for (index, migration) in MIGRATIONS.iter().enumerate() {
        let tx = connection
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(db)?;
        let version: usize = tx
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(db)?;
        if version > index {
            continue;
        }
        match migration {
            Migration::Sql(sql) => tx.execute_batch(sql).map_err(db)?,
            Migration::Rust(step) => step(&tx)?,
        }
        tx.execute_batch(&format!("PRAGMA user_version = {}", index + 1))
            .map_err(db)?;
        tx.commit().map_err(db)?;
    }
    let tx = connection
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(db)?;
    let regions: i64 = tx
        .query_row("SELECT COUNT(*) FROM regions", [], |row| row.get(0))
        .map_err(db)?;
    if regions == 0 {
        write_dataset(&tx, &default_dataset(), true)?;
    }
    tx.commit().map_err(db)
}

enum Job {
    Create(
        Box<NewRequest>,
        oneshot::Sender<Result<CreateOutcome, StoreError>>,
    ),
    Claim {
        claim: Claim,
        reply: oneshot::Sender<Result<Option<ReferralView>, StoreError>>,
    },
    Staff {
        work: StaffWork,
        reply: oneshot::Sender<Result<StaffOutcome, StoreError>>,
    },
    Mail {
        work: MailWork,
        reply: oneshot::Sender<Result<Vec<QueuedMail>, StoreError>>,
    },
}

/// What the e-mail sender asked the writer for (a finish answers no rows).
enum MailWork {
    Claim {
        now: String,
        lease_until: String,
        limit: i64,
    },
    Finish {
        id: i64,
        outcome: MailOutcome,
    },
}

/// What a staff member asked the writer for.
enum StaffWork {
    Open {
        reference: String,
        actor: Actor,
    },
    Move {
        reference: String,
        change: Move,
        actor: Actor,
    },
}

enum StaffOutcome {
    Opened(Option<StaffReferral>),
    Moved(Option<Result<StaffReferral, MoveRefused>>),
}

/// What [`Store::claim_referral`] was given.
struct Claim {
    reference: String,
    token: String,
    identity_number: String,
    subject: String,
}

/// The SQLite store. Dropping it finishes the writer's queued work first.
pub struct SqliteStore {
    reader: Arc<Mutex<Connection>>,
    writer: Mutex<Option<mpsc::Sender<Job>>>,
    writer_thread: Mutex<Option<std::thread::JoinHandle<()>>>,
}

impl SqliteStore {
    /// Opens (creating and migrating) the database at `path`, and fills an empty
    /// one with the embedded default dataset.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let mut connection = open_connection(path)?;
        // Another instance opening the file at the same moment may be filling
        // it with the dataset (seconds on a loaded machine): wait for it
        // longer than for an ordinary write.
        connection
            .busy_timeout(std::time::Duration::from_secs(60))
            .map_err(db)?;
        let migrated = migrate(&mut connection);
        connection
            .busy_timeout(std::time::Duration::from_secs(5))
            .map_err(db)?;
        migrated?;
        let writer_connection = open_connection(path)?;
        let (sender, receiver) = mpsc::channel();
        let writer_thread = std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || writer_loop(writer_connection, receiver))
            .map_err(|e| StoreError::Database(e.to_string()))?;
        Ok(SqliteStore {
            reader: Arc::new(Mutex::new(connection)),
            writer: Mutex::new(Some(sender)),
            writer_thread: Mutex::new(Some(writer_thread)),
        })
    }

    /// Stops accepting writes and waits until every queued write is committed.
    fn close_now(&self) {
        drop(self.writer.lock().ok().and_then(|mut w| w.take()));
        if let Some(thread) = self.writer_thread.lock().ok().and_then(|mut t| t.take()) {
            let _ = thread.join();
        }
    }

    fn send(&self, job: Job) -> Result<(), StoreError> {
        let guard = self.writer.lock().map_err(|_| StoreError::Closed)?;
        guard
            .as_ref()
            .ok_or(StoreError::Closed)?
            .send(job)
            .map_err(|_| StoreError::Closed)
    }

    /// E-mail outbox work, through the writer.
    fn mail(&self, work: MailWork) -> StoreFuture<'_, Vec<QueuedMail>> {
        let (reply, answer) = oneshot::channel();
        let sent = self.send(Job::Mail { work, reply });
        Box::pin(async move {
            sent?;
            answer.await.map_err(|_| StoreError::Closed)?
        })
    }

    /// Runs `work` on the reading connection, off the async threads (imports
    /// write through it too; the writer thread is for referral requests).
    fn read<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> StoreFuture<'_, T> {
        let reader = Arc::clone(&self.reader);
        Box::pin(async move {
            tokio::task::spawn_blocking(move || {
                let mut connection = reader.lock().map_err(|_| StoreError::Closed)?;
                work(&mut connection)
            })
            .await
            .map_err(|e| StoreError::Database(e.to_string()))?
        })
    }
}

impl Drop for SqliteStore {
    fn drop(&mut self) {
        self.close_now();
    }
}

fn writer_loop(mut connection: Connection, receiver: mpsc::Receiver<Job>) {
    while let Ok(first) = receiver.recv() {
        let mut batch = vec![first];
        while batch.len() < 512 {
            match receiver.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let mut tx =
            match connection.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate) {
                Ok(tx) => tx,
                Err(error) => {
                    fail_all(batch, &error.to_string());
                    continue;
                }
            };
        let mut replies = Vec::with_capacity(batch.len());
        for job in batch {
            match job {
                Job::Create(request, reply) => {
                    let result = create_in(&tx, &request);
                    replies.push(Reply::Create(reply, result));
                }
                Job::Claim { claim, reply } => {
                    let result = claim_in(&tx, &claim);
                    replies.push(Reply::Claim(reply, result));
                }
                Job::Staff { work, reply } => {
                    let result = staff_in(&mut tx, work);
                    replies.push(Reply::Staff(reply, Box::new(result)));
                }
                Job::Mail { work, reply } => {
                    let result = mail_in(&tx, &work);
                    replies.push(Reply::Mail(reply, result));
                }
            }
        }
        match tx.commit() {
            Ok(()) => replies.into_iter().for_each(Reply::send),
            Err(error) => replies
                .into_iter()
                .for_each(|reply| reply.fail(&error.to_string())),
        }
    }
}

enum Reply {
    Create(
        oneshot::Sender<Result<CreateOutcome, StoreError>>,
        Result<CreateOutcome, StoreError>,
    ),
    Claim(
        oneshot::Sender<Result<Option<ReferralView>, StoreError>>,
        Result<Option<ReferralView>, StoreError>,
    ),
    Staff(
        oneshot::Sender<Result<StaffOutcome, StoreError>>,
        Box<Result<StaffOutcome, StoreError>>,
    ),
    Mail(
        oneshot::Sender<Result<Vec<QueuedMail>, StoreError>>,
        Result<Vec<QueuedMail>, StoreError>,
    ),
}

impl Reply {
    fn send(self) {
        match self {
            Reply::Create(reply, result) => drop(reply.send(result)),
            Reply::Claim(reply, result) => drop(reply.send(result)),
            Reply::Staff(reply, result) => drop(reply.send(*result)),
            Reply::Mail(reply, result) => drop(reply.send(result)),
        }
    }

    fn fail(self, message: &str) {
        let error = || StoreError::Database(message.to_owned());
        match self {
            Reply::Create(reply, _) => drop(reply.send(Err(error()))),
            Reply::Claim(reply, _) => drop(reply.send(Err(error()))),
            Reply::Staff(reply, _) => drop(reply.send(Err(error()))),
            Reply::Mail(reply, _) => drop(reply.send(Err(error()))),
        }
    }
}

fn fail_all(batch: Vec<Job>, message: &str) {
    for job in batch {
        let error = || StoreError::Database(message.to_owned());
        match job {
            Job::Create(_, reply) => drop(reply.send(Err(error()))),
            Job::Claim { reply, .. } => drop(reply.send(Err(error()))),
            Job::Staff { reply, .. } => drop(reply.send(Err(error()))),
            Job::Mail { reply, .. } => drop(reply.send(Err(error()))),
        }
    }
}

fn create_in(tx: &Transaction<'_>, request: &NewRequest) -> Result<CreateOutcome, StoreError> {
    let key_hash = secrets::key_hash(&request.idempotency_key);
    let existing = tx
        .query_row(
            "SELECT reference, token_sealed, created_at, body_hash FROM referrals WHERE key_hash = ?1",
            [&key_hash],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                ))
            },
        )
        .optional()
        .map_err(db)?;
    if let Some((reference, sealed, created_at, body_hash)) = existing {
        return Ok(replay(request, reference, &sealed, created_at, &body_hash));
    }
    let reference = secrets::new_reference()?;
    let token = secrets::new_token()?;
    let payload = serde_json::to_string(&request.referral.request)
        .map_err(|e| StoreError::Database(e.to_string()))?;
    tx.execute(
        "INSERT INTO referrals (reference, key_hash, body_hash, token_hash, token_sealed, service_code,
             identity_number, payload, status, created_at, subject, home_region)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            reference,
            key_hash,
            request.body_hash,
            secrets::token_hash(&token),
            secrets::seal(&token, &request.idempotency_key),
            request.referral.request.service_code,
            request.referral.identity_number.as_str(),
            payload,
            ReferralStatus::Received.as_str(),
            request.created_at,
            request.subject,
            request.referral.request.home_region,
        ],
    )
    .map_err(db)?;
    tx.execute(
        "INSERT INTO referral_history (reference, seq, status, at) VALUES (?1, 0, ?2, ?3)",
        params![
            reference,
            ReferralStatus::Received.as_str(),
            request.created_at
        ],
    )
    .map_err(db)?;
    Ok(CreateOutcome::Created(ReferralCreated {
        reference,
        token,
        status: ReferralStatus::Received,
        created_at: request.created_at.clone(),
    }))
}

/// A request's history, oldest first, as staff see it.
fn history(
    connection: &Connection,
    reference: &str,
) -> Result<Vec<super::StaffChange>, StoreError> {
    connection
        .prepare_cached(
            "SELECT status, at, note, detail FROM referral_history WHERE reference = ?1 ORDER BY seq",
        )
        .map_err(db)?
        .query_map([reference], |row| {
            let detail: Option<String> = row.get(3)?;
            Ok(super::history_entry(
                ReferralStatus::parse(&row.get::<_, String>(0)?).unwrap_or(ReferralStatus::Received),
                row.get(1)?,
                row.get(2)?,
                detail.as_deref(),
            ))
        })
        .map_err(db)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(db)
}

fn view(connection: &Connection, reference: &str) -> Result<Option<ReferralView>, StoreError> {
    let head = connection
        .query_row(
            "SELECT status, service_code, payload FROM referrals WHERE reference = ?1",
            [reference],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                ))
            },
        )
        .optional()
        .map_err(db)?;
    let Some((status, service_code, payload)) = head else {
        return Ok(None);
    };
    let history = history(connection, reference)?
        .into_iter()
        .map(|entry| entry.change)
        .collect();
    let choices = super::Choices::of(&payload)?;
    Ok(Some(ReferralView {
        reference: reference.to_owned(),
        status: ReferralStatus::parse(&status).unwrap_or(ReferralStatus::Received),
        service_code,
        preferred_providers: choices.preferred_providers,
        home_region: choices.home_region,
        history,
    }))
}

const STAFF_COLUMNS: &str = "reference, status, service_code, created_at, home_region, version,
     identity_number, payload";

fn staff_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<StaffReferral> {
    let payload: String = row.get(7)?;
    let request = serde_json::from_str(&payload).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(7, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(StaffReferral {
        reference: row.get(0)?,
        status: ReferralStatus::parse(&row.get::<_, String>(1)?)
            .unwrap_or(ReferralStatus::Received),
        service_code: row.get(2)?,
        created_at: row.get(3)?,
        home_region: row.get(4)?,
        version: row.get(5)?,
        identity_number: row.get(6)?,
        request,
        history: Vec::new(),
    })
}

/// The request with its history, if its home region is one of `regions`.
fn staff_referral(
    connection: &Connection,
    reference: &str,
    regions: &[String],
) -> Result<Option<StaffReferral>, StoreError> {
    let regions = serde_json::to_string(regions).unwrap_or_else(|_| "[]".into());
    let found = connection
        .query_row(
            &format!(
                "SELECT {STAFF_COLUMNS} FROM referrals WHERE reference = ?1
                 AND home_region IN (SELECT value FROM json_each(?2))"
            ),
            params![reference, regions],
            staff_row,
        )
        .optional()
        .map_err(db)?;
    let Some(mut found) = found else {
        return Ok(None);
    };
    found.history = history(connection, reference)?;
    Ok(Some(found))
}

fn audit_in(
    connection: &Connection,
    actor: &Actor,
    action: &str,
    found: &StaffReferral,
    detail: Option<&str>,
) -> Result<(), StoreError> {
    connection
        .execute(
            "INSERT INTO audit_log (at, staff, action, reference, identity_number, client_address, detail)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                actor.at,
                actor.staff,
                action,
                found.reference,
                found.identity_number,
                actor.client_address,
                detail
            ],
        )
        .map_err(db)?;
    Ok(())
}

/// A staff member's read or change, in a savepoint of the writer's
/// transaction: the change and its audit entry are kept together or not at all.
fn staff_in(tx: &mut Transaction<'_>, work: StaffWork) -> Result<StaffOutcome, StoreError> {
    let savepoint = tx.savepoint().map_err(db)?;
    let outcome = match work {
        StaffWork::Open { reference, actor } => {
            let found = staff_referral(&savepoint, &reference, &actor.regions)?;
            if let Some(found) = &found {
                audit_in(&savepoint, &actor, "read", found, None)?;
            }
            StaffOutcome::Opened(found)
        }
        StaffWork::Move {
            reference,
            mut change,
            actor,
        } => {
            let Some(found) = staff_referral(&savepoint, &reference, &actor.regions)? else {
                return Ok(StaffOutcome::Moved(None));
            };
            if found.version != change.version {
                return Ok(StaffOutcome::Moved(Some(Err(MoveRefused::Stale {
                    current: found.version,
                }))));
            }
            if !found.status.may_become(change.status) {
                return Ok(StaffOutcome::Moved(Some(Err(MoveRefused::Invalid {
                    current: found.status,
                }))));
            }
            // Moving on from an offer gives its time back.
            if found.status == ReferralStatus::Offered {
                savepoint
                    .execute(super::answers::RELEASE_SQL, [&reference])
                    .map_err(db)?;
            }
            if let Some(offer) = change.offer.as_mut()
                && let Some(id) = offer.free_time_id
            {
                let held = savepoint
                    .execute(
                        super::answers::HOLD_SQL,
                        params![reference, offer.answer_by, id, found.service_code],
                    )
                    .map_err(db)?;
                if held != 1 {
                    return Ok(StaffOutcome::Moved(Some(Err(MoveRefused::TimeTaken))));
                }
                let (provider, day, minute): (String, String, i64) = savepoint
                    .query_row(
                        "SELECT provider_id, day, start_minute FROM free_times WHERE id = ?1",
                        [id],
                        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                    )
                    .map_err(db)?;
                offer.provider_id = provider;
                offer.date = day;
                offer.time = format!("{:02}:{:02}", minute / 60, minute % 60);
            }
            let updated = savepoint
                .execute(
                    "UPDATE referrals SET status = ?1, closed_at = ?2, version = version + 1
                     WHERE reference = ?3 AND version = ?4",
                    params![
                        change.status.as_str(),
                        change.status.is_closed().then_some(&actor.at),
                        reference,
                        change.version
                    ],
                )
                .map_err(db)?;
            if updated != 1 {
                return Err(StoreError::Database(
                    "the version moved under the writer".into(),
                ));
            }
            savepoint
                .execute(
                    "INSERT INTO referral_history (reference, seq, status, at, note, detail)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        reference,
                        found.history.len() as i64,
                        change.status.as_str(),
                        actor.at,
                        change.note,
                        super::history_detail(&change, &actor),
                    ],
                )
                .map_err(db)?;
            audit_in(
                &savepoint,
                &actor,
                "change",
                &found,
                Some(change.status.as_str()),
            )?;
            savepoint
                .execute(mail_outbox::ENQUEUE_SQLITE, params![reference, actor.at])
                .map_err(db)?;
            StaffOutcome::Moved(staff_referral(&savepoint, &reference, &actor.regions)?.map(Ok))
        }
    };
    savepoint.commit().map_err(db)?;
    Ok(outcome)
}

/// Claims due e-mails, or records how sending one went.
fn mail_in(tx: &Transaction<'_>, work: &MailWork) -> Result<Vec<QueuedMail>, StoreError> {
    match work {
        MailWork::Claim {
            now,
            lease_until,
            limit,
        } => tx
            .prepare_cached(&mail_outbox::claim_sqlite())
            .map_err(db)?
            .query_map(params![now, lease_until, limit], |row| {
                Ok(QueuedMail {
                    id: row.get(0)?,
                    recipient: row.get(1)?,
                    created_at: row.get(2)?,
                    attempts: row.get(3)?,
                })
            })
            .map_err(db)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(db),
        MailWork::Finish { id, outcome } => {
            let mut values: Vec<&dyn rusqlite::ToSql> = vec![id];
            let texts = outcome.values();
            values.extend(texts.iter().map(|v| v as &dyn rusqlite::ToSql));
            tx.execute(&outcome.statement(|n| format!("?{n}")), values.as_slice())
                .map_err(db)?;
            Ok(Vec::new())
        }
    }
}

/// Binds the request to the subject when [`may_claim`] allows it. The writer's
/// immediate transaction holds the database: nobody binds it in between.
fn claim_in(tx: &Transaction<'_>, claim: &Claim) -> Result<Option<ReferralView>, StoreError> {
    let stored = tx
        .query_row(
            "SELECT token_hash, identity_number, subject FROM referrals WHERE reference = ?1",
            [&claim.reference],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, Option<String>>(2)?,
                ))
            },
        )
        .optional()
        .map_err(db)?;
    let Some((token_hash, identity_number, bound_to)) = stored else {
        return Ok(None);
    };
    let stored = (
        token_hash.as_str(),
        identity_number.as_str(),
        bound_to.as_deref(),
    );
    if !may_claim(stored, &claim.token, &claim.identity_number, &claim.subject) {
        return Ok(None);
    }
    if bound_to.is_none() {
        tx.execute(
            "UPDATE referrals SET subject = ?1 WHERE reference = ?2 AND subject IS NULL",
            params![claim.subject, claim.reference],
        )
        .map_err(db)?;
    }
    view(tx, &claim.reference)
}

fn write_dataset(
    tx: &Transaction<'_>,
    data: &Dataset,
    with_regions: bool,
) -> Result<(), StoreError> {
    if with_regions {
        for region in &data.regions {
            tx.execute(
                "INSERT OR REPLACE INTO regions (code, name, vantetider_id) VALUES (?1, ?2, ?3)",
                params![region.code, region.name, region.vantetider_id],
            )
            .map_err(db)?;
        }
    }
    for service in &data.services {
        tx.execute(
            "INSERT OR REPLACE INTO services (code, name_sv, name_en, category, guarantee, synonyms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                service.code,
                service.name_sv,
                service.name_en,
                text_of(&service.category),
                text_of(&service.guarantee),
                serde_json::to_string(&service.synonyms).unwrap_or_else(|_| "[]".into()),
            ],
        )
        .map_err(db)?;
    }
    for p in &data.providers {
        tx.execute(
            "INSERT OR REPLACE INTO providers (id, name, region_code, town, latitude, longitude, phone, website,
                 accepts_other_regions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![p.id, p.name, p.region_code, p.town, p.latitude, p.longitude, p.phone, p.website, p.accepts_other_regions],
        )
        .map_err(db)?;
    }
    {
        let mut insert = tx
            .prepare_cached(
                // Append-only: a figure once published stays as it was shown.
                "INSERT OR IGNORE INTO statistics (service_code, region_code, provider_id, period,
                     share_within_limit, median_days_waited, waiting, completed, estimated_wait_days,
                     band_min_weeks, band_max_weeks, free_capacity, reported, sample_data, wait_text,
                     source, fetched)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            )
            .map_err(db)?;
        for s in &data.statistics {
            insert
                .execute(params![
                    s.service_code,
                    s.region_code,
                    s.provider_id.as_deref().unwrap_or(""),
                    s.period.to_string(),
                    s.share_within_limit,
                    s.median_days_waited,
                    s.waiting,
                    s.completed,
                    s.estimated_wait_days,
                    s.estimated_wait_band.map(|b| b.min_weeks),
                    s.estimated_wait_band.and_then(|b| b.max_weeks),
                    text_of(&s.free_capacity),
                    s.reported,
                    s.sample_data,
                    s.estimated_wait_text,
                    s.source,
                    s.fetched,
                ])
                .map_err(db)?;
        }
    }
    for f in &data.regional {
        tx.execute(
            "INSERT OR IGNORE INTO regional_figures (kpi, region_code, year, gender, value, source, fetched)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![f.kpi, f.region_code, f.year, f.gender, f.value, f.source, f.fetched],
        )
        .map_err(db)?;
    }
    tx.execute("UPDATE data_version SET version = version + 1", [])
        .map_err(db)?;
    Ok(())
}

fn read_dataset(connection: &Connection) -> Result<Dataset, StoreError> {
    let regions = connection
        .prepare("SELECT code, name, vantetider_id FROM regions ORDER BY code")
        .map_err(db)?
        .query_map([], |row| {
            Ok(Region {
                code: row.get(0)?,
                name: row.get(1)?,
                vantetider_id: row.get(2)?,
            })
        })
        .map_err(db)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(db)?;
    let services = connection
        .prepare("SELECT code, name_sv, name_en, category, guarantee, synonyms FROM services ORDER BY name_sv")
        .map_err(db)?
        .query_map([], |row| {
            Ok(Service {
                code: row.get(0)?,
                name_sv: row.get(1)?,
                name_en: row.get(2)?,
                category: parse_text(&row.get::<_, String>(3)?).unwrap_or(ServiceCategory::Visit),
                guarantee: parse_text(&row.get::<_, String>(4)?).unwrap_or(GuaranteeKind::None),
                synonyms: serde_json::from_str(&row.get::<_, String>(5)?).unwrap_or_default(),
            })
        })
        .map_err(db)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(db)?;
    let providers = connection
        .prepare(
            "SELECT id, name, region_code, town, latitude, longitude, phone, website, accepts_other_regions
             FROM providers ORDER BY region_code, name",
        )
        .map_err(db)?
        .query_map([], |row| {
            Ok(Provider {
                id: row.get(0)?,
                name: row.get(1)?,
                region_code: row.get(2)?,
                town: row.get(3)?,
                latitude: row.get(4)?,
                longitude: row.get(5)?,
                phone: row.get(6)?,
                website: row.get(7)?,
                accepts_other_regions: row.get(8)?,
            })
        })
        .map_err(db)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(db)?;
    let statistics = connection
        .prepare(
            "SELECT service_code, region_code, provider_id, period, share_within_limit, median_days_waited,
                 waiting, completed, estimated_wait_days, band_min_weeks, band_max_weeks, free_capacity,
                 reported, sample_data, wait_text, source, fetched
             FROM statistics ORDER BY service_code, region_code, provider_id, period",
        )
        .map_err(db)?
        .query_map([], |row| {
            let provider: String = row.get(2)?;
            let band_min: Option<u32> = row.get(9)?;
            Ok(WaitStatistic {
                service_code: row.get(0)?,
                region_code: row.get(1)?,
                provider_id: (!provider.is_empty()).then_some(provider),
                period: Period::parse(&row.get::<_, String>(3)?).unwrap_or(Period { year: 1970, month: 1 }),
                share_within_limit: row.get(4)?,
                median_days_waited: row.get(5)?,
                waiting: row.get(6)?,
                completed: row.get(7)?,
                estimated_wait_days: row.get(8)?,
                estimated_wait_band: band_min.map(|min_weeks| WaitBand { min_weeks, max_weeks: row.get(10).ok().flatten() }),
                estimated_wait_text: row.get(14)?,
                source: row.get(15)?,
                fetched: row.get(16)?,
                free_capacity: parse_text(&row.get::<_, String>(11)?).unwrap_or(FreeCapacity::Unknown),
                reported: row.get(12)?,
                sample_data: row.get(13)?,
            })
        })
        .map_err(db)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(db)?;
    let regional = connection
        .prepare(
            "SELECT kpi, region_code, year, gender, value, source, fetched FROM regional_figures
             ORDER BY kpi, region_code, year, gender",
        )
        .map_err(db)?
        .query_map([], |row| {
            Ok(RegionalFigure {
                kpi: row.get(0)?,
                region_code: row.get(1)?,
                year: row.get(2)?,
                gender: row.get(3)?,
                value: row.get(4)?,
                source: row.get(5)?,
                fetched: row.get(6)?,
            })
        })
        .map_err(db)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(db)?;
    Ok(Dataset {
        regions,
        services,
        providers,
        statistics,
        regional,
    })
}

impl Store for SqliteStore {
    fn dataset(&self) -> StoreFuture<'_, Dataset> {
        self.read(|connection| read_dataset(connection))
    }

    fn data_version(&self) -> StoreFuture<'_, i64> {
        self.read(|connection| {
            connection
                .query_row("SELECT version FROM data_version", [], |row| row.get(0))
                .map_err(db)
        })
    }

    fn import(&self, data: Dataset) -> StoreFuture<'_, ()> {
        self.read(move |connection| {
            let tx = connection
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(db)?;
            write_dataset(&tx, &data, false)?;
            tx.commit().map_err(db)
        })
    }

    fn create_referral(&self, request: NewRequest) -> StoreFuture<'_, CreateOutcome> {
        let (reply, answer) = oneshot::channel();
        let sent = self.send(Job::Create(Box::new(request), reply));
        Box::pin(async move {
            sent?;
            answer.await.map_err(|_| StoreError::Closed)?
        })
    }

    fn referral(&self, reference: String, token: String) -> StoreFuture<'_, Option<ReferralView>> {
        self.read(move |connection| {
            let stored: Option<String> = connection
                .query_row(
                    "SELECT token_hash FROM referrals WHERE reference = ?1",
                    [&reference],
                    |row| row.get(0),
                )
                .optional()
                .map_err(db)?;
            match stored {
                Some(stored) if secrets::token_matches(&token, &stored) => {
                    view(connection, &reference)
                }
                _ => Ok(None),
            }
        })
    }

    fn referral_of(
        &self,
        reference: String,
        subject: String,
    ) -> StoreFuture<'_, Option<ReferralView>> {
        self.read(move |connection| {
            let owned = connection
                .query_row(
                    "SELECT 1 FROM referrals WHERE reference = ?1 AND subject = ?2",
                    params![reference, subject],
                    |_| Ok(()),
                )
                .optional()
                .map_err(db)?;
            match owned {
                Some(()) => view(connection, &reference),
                None => Ok(None),
            }
        })
    }

    fn referrals_of(&self, subject: String) -> StoreFuture<'_, Vec<ReferralView>> {
        self.read(move |connection| {
            let references = connection
                .prepare(
                    "SELECT reference FROM referrals WHERE subject = ?1 ORDER BY created_at DESC, reference",
                )
                .map_err(db)?
                .query_map([&subject], |row| row.get::<_, String>(0))
                .map_err(db)?
                .collect::<Result<Vec<_>, _>>()
                .map_err(db)?;
            let mut views = Vec::with_capacity(references.len());
            for reference in references {
                views.extend(view(connection, &reference)?);
            }
            Ok(views)
        })
    }

    fn claim_referral(
        &self,
        reference: String,
        token: String,
        identity_number: String,
        subject: String,
    ) -> StoreFuture<'_, Option<ReferralView>> {
        let (reply, answer) = oneshot::channel();
        let sent = self.send(Job::Claim {
            claim: Claim {
                reference,
                token,
                identity_number,
                subject,
            },
            reply,
        });
        Box::pin(async move {
            sent?;
            answer.await.map_err(|_| StoreError::Closed)?
        })
    }

    fn queue(&self, regions: Vec<String>) -> StoreFuture<'_, Vec<StaffReferral>> {
        self.read(move |connection| {
            let regions = serde_json::to_string(&regions).unwrap_or_else(|_| "[]".into());
            connection
                .prepare(&format!(
                    "SELECT {STAFF_COLUMNS} FROM referrals
                     WHERE home_region IN (SELECT value FROM json_each(?1))"
                ))
                .map_err(db)?
                .query_map([regions], staff_row)
                .map_err(db)?
                .collect::<Result<Vec<_>, _>>()
                .map_err(db)
        })
    }

    fn referral_in(
        &self,
        reference: String,
        regions: Vec<String>,
    ) -> StoreFuture<'_, Option<StaffReferral>> {
        self.read(move |connection| staff_referral(connection, &reference, &regions))
    }

    fn open_referral(
        &self,
        reference: String,
        actor: Actor,
    ) -> StoreFuture<'_, Option<StaffReferral>> {
        let (reply, answer) = oneshot::channel();
        let sent = self.send(Job::Staff {
            work: StaffWork::Open { reference, actor },
            reply,
        });
        Box::pin(async move {
            sent?;
            match answer.await.map_err(|_| StoreError::Closed)?? {
                StaffOutcome::Opened(found) => Ok(found),
                StaffOutcome::Moved(_) => Err(StoreError::Database("unexpected answer".into())),
            }
        })
    }

    fn move_referral(
        &self,
        reference: String,
        change: Move,
        actor: Actor,
    ) -> StoreFuture<'_, Option<Result<StaffReferral, MoveRefused>>> {
        let (reply, answer) = oneshot::channel();
        let sent = self.send(Job::Staff {
            work: StaffWork::Move {
                reference,
                change,
                actor,
            },
            reply,
        });
        Box::pin(async move {
            sent?;
            match answer.await.map_err(|_| StoreError::Closed)?? {
                StaffOutcome::Moved(moved) => Ok(moved),
                StaffOutcome::Opened(_) => Err(StoreError::Database("unexpected answer".into())),
            }
        })
    }

    fn claim_mail(
        &self,
        now: String,
        lease_until: String,
        limit: i64,
    ) -> StoreFuture<'_, Vec<QueuedMail>> {
        self.mail(MailWork::Claim {
            now,
            lease_until,
            limit,
        })
    }

    fn finish_mail(&self, id: i64, outcome: MailOutcome) -> StoreFuture<'_, ()> {
        let done = self.mail(MailWork::Finish { id, outcome });
        Box::pin(async move { done.await.map(drop) })
    }

    fn audit(&self, query: AuditQuery) -> StoreFuture<'_, Vec<AuditEntry>> {
        self.read(move |connection| {
            connection
                .prepare(
                    "SELECT id, at, staff, action, reference, identity_number, client_address, detail
                     FROM audit_log WHERE (?1 IS NULL OR identity_number = ?1) AND (?2 IS NULL OR staff = ?2)
                     ORDER BY id DESC LIMIT ?3",
                )
                .map_err(db)?
                .query_map(params![query.identity_number, query.staff, AUDIT_LIMIT], |row| {
                    Ok(AuditEntry {
                        id: row.get(0)?,
                        at: row.get(1)?,
                        staff: row.get(2)?,
                        action: row.get(3)?,
                        reference: row.get(4)?,
                        identity_number: row.get(5)?,
                        client_address: row.get(6)?,
                        detail: row.get(7)?,
                    })
                })
                .map_err(db)?
                .collect::<Result<Vec<_>, _>>()
                .map_err(db)
        })
    }

    fn purge_closed(&self, before: String) -> StoreFuture<'_, u64> {
        self.read(move |connection| {
            let tx = connection
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(db)?;
            tx.execute(
                "DELETE FROM referral_history WHERE reference IN
                     (SELECT reference FROM referrals WHERE closed_at < ?1)",
                [&before],
            )
            .map_err(db)?;
            // The request's e-mail rows go with it (ON DELETE CASCADE).
            let deleted = tx
                .execute("DELETE FROM referrals WHERE closed_at < ?1", [&before])
                .map_err(db)?;
            tx.commit().map_err(db)?;
            Ok(deleted as u64)
        })
    }

    fn referral_count(&self) -> StoreFuture<'_, u64> {
        self.read(|connection| {
            connection
                .query_row("SELECT COUNT(*) FROM referrals", [], |row| row.get(0))
                .map_err(db)
        })
    }

    fn close(&self) -> StoreFuture<'_, ()> {
        Box::pin(async move {
            // Joining the writer waits for its last commit: off the async threads.
            let writer = self.writer.lock().ok().and_then(|mut w| w.take());
            let thread = self.writer_thread.lock().ok().and_then(|mut t| t.take());
            tokio::task::spawn_blocking(move || {
                drop(writer);
                if let Some(thread) = thread {
                    let _ = thread.join();
                }
            })
            .await
            .map_err(|e| StoreError::Database(e.to_string()))
        })
    }
}
