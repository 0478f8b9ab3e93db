//! Patients' answers and closed answer windows on PostgreSQL. Every
//! transaction locks the request's row before its time's, the order moves
//! take too, so none waits for another in a circle.

use deadpool_postgres::GenericClient;
use vardkoll_domain::api::ReferralStatus;

use super::super::answers::{
    AnswerRefused, AnswerStore, Answered, Answering, Owner, PATIENT, RECORD_AUDIT_SQL,
    RECORD_HISTORY_SQL, RECORD_STATUS_SQL, SYSTEM, time_sql,
};
use super::super::{StoreError, StoreFuture, answer_detail, expiry_detail, mail_outbox, secrets};
use super::{PostgresStore, db, view};

/// A change the request's own side made (the patient, or the window
/// closing): status, version, history, audit entry.
async fn record(
    tx: &impl GenericClient,
    reference: &str,
    next: ReferralStatus,
    at: &str,
    detail: Option<String>,
    staff: &str,
    client_address: &str,
) -> Result<(), StoreError> {
    tx.execute(
        RECORD_STATUS_SQL,
        &[&next.as_str(), &next.is_closed().then_some(at), &reference],
    )
    .await
    .map_err(db)?;
    tx.execute(
        RECORD_HISTORY_SQL,
        &[&reference, &next.as_str(), &at, &detail],
    )
    .await
    .map_err(db)?;
    tx.execute(
        RECORD_AUDIT_SQL,
        &[&at, &staff, &client_address, &next.as_str(), &reference],
    )
    .await
    .map_err(db)?;
    Ok(())
}

impl AnswerStore for PostgresStore {
    fn answer_referral(
        &self,
        answering: Answering,
    ) -> StoreFuture<'_, Option<Result<Answered, AnswerRefused>>> {
        Box::pin(async move {
            let mut client = self.client().await?;
            let tx = client.transaction().await.map_err(db)?;
            let reference = answering.reference.as_str();
            let Some(found) = tx
                .query_opt(
                    "SELECT status, token_hash, subject FROM referrals WHERE reference = $1 FOR UPDATE",
                    &[&reference],
                )
                .await
                .map_err(db)?
            else {
                return Ok(None);
            };
            let subject: Option<&str> = found.get(2);
            let owned = match &answering.owner {
                Owner::Subject(who) => subject == Some(who.as_str()),
                Owner::Token(token) => secrets::token_matches(token, found.get(1)),
            };
            if !owned {
                return Ok(None);
            }
            let key_hash = secrets::key_hash(&answering.idempotency_key);
            let seen = tx
                .query_opt(
                    "SELECT 1 FROM referral_answers WHERE reference = $1 AND key_hash = $2",
                    &[&reference, &key_hash],
                )
                .await
                .map_err(db)?
                .is_some();
            if !seen {
                let current =
                    ReferralStatus::parse(found.get(0)).unwrap_or(ReferralStatus::Received);
                let Some(next) = answering.answer.moves(current) else {
                    return Ok(Some(Err(AnswerRefused::Invalid { current })));
                };
                let window: Option<String> = tx
                    .query_opt(
                        "SELECT held_until FROM free_times WHERE reference = $1 AND state = 'held' FOR UPDATE",
                        &[&reference],
                    )
                    .await
                    .map_err(db)?
                    .and_then(|row| row.get(0));
                if let Some(until) = window.filter(|until| *until < answering.at) {
                    return Ok(Some(Err(AnswerRefused::Expired { at: until })));
                }
                tx.execute(time_sql(answering.answer), &[&reference])
                    .await
                    .map_err(db)?;
                record(
                    &tx,
                    reference,
                    next,
                    &answering.at,
                    answer_detail(answering.answer),
                    PATIENT,
                    &answering.client_address,
                )
                .await?;
                tx.execute(
                    "INSERT INTO referral_answers (reference, key_hash, at) VALUES ($1, $2, $3)",
                    &[&reference, &key_hash, &answering.at],
                )
                .await
                .map_err(db)?;
            }
            let view = view(&tx, reference).await?;
            tx.commit().await.map_err(db)?;
            Ok(view.map(|view| {
                Ok(Answered {
                    view,
                    replayed: seen,
                })
            }))
        })
    }

    fn expire_offers(&self, now: String) -> StoreFuture<'_, u64> {
        Box::pin(async move {
            let mut client = self.client().await?;
            let due: Vec<String> = client
                .query(
                    "SELECT DISTINCT reference FROM free_times
                     WHERE state = 'held' AND held_until < $1 LIMIT 500",
                    &[&now],
                )
                .await
                .map_err(db)?
                .iter()
                .map(|row| row.get(0))
                .collect();
            let mut moved = 0;
            for reference in due {
                let tx = client.transaction().await.map_err(db)?;
                let status: Option<String> = tx
                    .query_opt(
                        "SELECT status FROM referrals WHERE reference = $1 FOR UPDATE",
                        &[&reference],
                    )
                    .await
                    .map_err(db)?
                    .map(|row| row.get(0));
                // Still held and past its window under the lock: another
                // instance's sweep or the patient's answer may have come first.
                let released = tx
                    .execute(
                        "UPDATE free_times
                         SET state = 'free', reference = NULL, held_until = NULL, version = version + 1
                         WHERE reference = $1 AND state = 'held' AND held_until < $2",
                        &[&reference, &now],
                    )
                    .await
                    .map_err(db)?;
                if released > 0 && status.as_deref() == Some("offered") {
                    record(
                        &tx,
                        &reference,
                        ReferralStatus::UnderReview,
                        &now,
                        expiry_detail(),
                        SYSTEM,
                        "-",
                    )
                    .await?;
                    tx.execute(mail_outbox::ENQUEUE_POSTGRES, &[&reference, &now])
                        .await
                        .map_err(db)?;
                    moved += 1;
                }
                tx.commit().await.map_err(db)?;
            }
            Ok(moved)
        })
    }
}
