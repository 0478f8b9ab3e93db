//! Patients' answers and closed answer windows on SQLite: each one IMMEDIATE
//! transaction on the reading connection.

use rusqlite::{OptionalExtension, Transaction, params};
use vardkoll_domain::api::ReferralStatus;

use super::super::answers::{
    AnswerRefused, AnswerStore, Answered, Answering, Owner, PATIENT, RECORD_AUDIT_SQL,
    RECORD_HISTORY_SQL, RECORD_STATUS_SQL, RELEASE_SQL, SYSTEM, time_sql,
};
use super::super::{StoreFuture, answer_detail, expiry_detail, mail_outbox, secrets};
use super::{SqliteStore, db, view};

/// A change the request's own side made (the patient, or the window
/// closing): status, version, history, audit entry.
fn record(
    tx: &Transaction<'_>,
    reference: &str,
    next: ReferralStatus,
    at: &str,
    detail: Option<String>,
    staff: &str,
    client_address: &str,
) -> Result<(), super::super::StoreError> {
    tx.execute(
        RECORD_STATUS_SQL,
        params![next.as_str(), next.is_closed().then_some(at), reference],
    )
    .map_err(db)?;
    tx.execute(
        RECORD_HISTORY_SQL,
        params![reference, next.as_str(), at, detail],
    )
    .map_err(db)?;
    tx.execute(
        RECORD_AUDIT_SQL,
        params![at, staff, client_address, next.as_str(), reference],
    )
    .map_err(db)?;
    Ok(())
}

impl AnswerStore for SqliteStore {
    fn answer_referral(
        &self,
        answering: Answering,
    ) -> StoreFuture<'_, Option<Result<Answered, AnswerRefused>>> {
        self.read(move |connection| {
            let tx = connection
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(db)?;
            let reference = answering.reference.as_str();
            let found: Option<(String, String, Option<String>)> = tx
                .query_row(
                    "SELECT status, token_hash, subject FROM referrals WHERE reference = ?1",
                    [reference],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                )
                .optional()
                .map_err(db)?;
            let Some((status, token_hash, subject)) = found else {
                return Ok(None);
            };
            let owned = match &answering.owner {
                Owner::Subject(who) => subject.as_deref() == Some(who.as_str()),
                Owner::Token(token) => secrets::token_matches(token, &token_hash),
            };
            if !owned {
                return Ok(None);
            }
            let key_hash = secrets::key_hash(&answering.idempotency_key);
            let seen = tx
                .query_row(
                    "SELECT 1 FROM referral_answers WHERE reference = ?1 AND key_hash = ?2",
                    params![reference, key_hash],
                    |_| Ok(()),
                )
                .optional()
                .map_err(db)?;
            if seen.is_none() {
                let current = ReferralStatus::parse(&status).unwrap_or(ReferralStatus::Received);
                let Some(next) = answering.answer.moves(current) else {
                    return Ok(Some(Err(AnswerRefused::Invalid { current })));
                };
                let window: Option<String> = tx
                    .query_row(
                        "SELECT held_until FROM free_times WHERE reference = ?1 AND state = 'held'",
                        [reference],
                        |row| row.get(0),
                    )
                    .optional()
                    .map_err(db)?
                    .flatten();
                if let Some(until) = window.filter(|until| *until < answering.at) {
                    return Ok(Some(Err(AnswerRefused::Expired { at: until })));
                }
                tx.execute(time_sql(answering.answer), [reference])
                    .map_err(db)?;
                record(
                    &tx,
                    reference,
                    next,
                    &answering.at,
                    answer_detail(answering.answer),
                    PATIENT,
                    &answering.client_address,
                )?;
                tx.execute(
                    "INSERT INTO referral_answers (reference, key_hash, at) VALUES (?1, ?2, ?3)",
                    params![reference, key_hash, answering.at],
                )
                .map_err(db)?;
                tx.commit().map_err(db)?;
            } else {
                drop(tx);
            }
            Ok(view(connection, reference)?.map(|view| {
                Ok(Answered {
                    view,
                    replayed: seen.is_some(),
                })
            }))
        })
    }

    fn expire_offers(&self, now: String) -> StoreFuture<'_, u64> {
        self.read(move |connection| {
            let tx = connection
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(db)?;
            let references = tx
                .prepare(
                    "SELECT reference FROM free_times
                     WHERE state = 'held' AND held_until < ?1 LIMIT 500",
                )
                .map_err(db)?
                .query_map([&now], |row| row.get::<_, String>(0))
                .map_err(db)?
                .collect::<Result<Vec<_>, _>>()
                .map_err(db)?;
            let mut moved = 0;
            for reference in references {
                tx.execute(RELEASE_SQL, [&reference]).map_err(db)?;
                let offered = tx
                    .query_row(
                        "SELECT 1 FROM referrals WHERE reference = ?1 AND status = 'offered'",
                        [&reference],
                        |_| Ok(()),
                    )
                    .optional()
                    .map_err(db)?;
                if offered.is_some() {
                    record(
                        &tx,
                        &reference,
                        ReferralStatus::UnderReview,
                        &now,
                        expiry_detail(),
                        SYSTEM,
                        "-",
                    )?;
                    tx.execute(mail_outbox::ENQUEUE_SQLITE, params![reference, now])
                        .map_err(db)?;
                    moved += 1;
                }
            }
            tx.commit().map_err(db)?;
            Ok(moved)
        })
    }
}
