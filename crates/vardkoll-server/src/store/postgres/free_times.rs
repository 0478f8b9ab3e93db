//! Free times on PostgreSQL. A write holds a transaction-scoped advisory lock
//! on its provider, so the overlap check and the write are one step even with
//! several instances.

use deadpool_postgres::GenericClient;
use tokio_postgres::types::ToSql;
use vardkoll_domain::api::{FreeTime, FreeTimeState, Slot};

use super::super::free_times::{
    COLUMNS, FreeTimeQuery, FreeTimeStore, OVERLAP_SQL, Publisher, Row, TimeRefused, free_time,
    overlapping_within,
};
use super::super::{StoreError, StoreFuture, parse_text};
use super::{PostgresStore, db};

/// The advisory-lock namespace of free times (`pg_advisory_xact_lock(int, int)`).
const LOCK_SPACE: i32 = 0x6674; // "ft"

fn row(row: &tokio_postgres::Row) -> Result<FreeTime, StoreError> {
    free_time(Row {
        id: row.try_get(0).map_err(db)?,
        provider_id: row.try_get(1).map_err(db)?,
        service_code: row.try_get(2).map_err(db)?,
        day: row.try_get(3).map_err(db)?,
        start_minute: i64::from(row.try_get::<_, i32>(4).map_err(db)?),
        minutes: i64::from(row.try_get::<_, i32>(5).map_err(db)?),
        state: row.try_get(6).map_err(db)?,
        reference: row.try_get(7).map_err(db)?,
        held_until: row.try_get(8).map_err(db)?,
        version: row.try_get(9).map_err(db)?,
    })
}

async fn one(client: &impl GenericClient, id: i64) -> Result<Option<FreeTime>, StoreError> {
    client
        .query_opt(
            &format!("SELECT {COLUMNS} FROM free_times WHERE id = $1"),
            &[&id],
        )
        .await
        .map_err(db)?
        .as_ref()
        .map(row)
        .transpose()
}

async fn lock(client: &impl GenericClient, provider: &str) -> Result<(), StoreError> {
    client
        .execute(
            "SELECT pg_advisory_xact_lock($1, hashtext($2))",
            &[&LOCK_SPACE, &provider],
        )
        .await
        .map(drop)
        .map_err(db)
}

async fn overlap(
    client: &impl GenericClient,
    slot: &Slot,
    except: i64,
) -> Result<Option<i64>, StoreError> {
    let day = vardkoll_domain::date::iso(slot.date);
    let (end, start) = (i32::from(slot.end_minute()), i32::from(slot.start_minute()));
    Ok(client
        .query_opt(
            OVERLAP_SQL,
            &[&slot.provider_id, &day, &end, &start, &except],
        )
        .await
        .map_err(db)?
        .map(|r| r.get(0)))
}

/// The time with this id if it is one of `providers`', locked for the
/// transaction: its provider, state and version.
async fn owned(
    client: &impl GenericClient,
    id: i64,
    providers: &[String],
) -> Result<Option<(String, FreeTimeState, i64)>, StoreError> {
    let found = client
        .query_opt(
            "SELECT provider_id, state, version FROM free_times WHERE id = $1 FOR UPDATE",
            &[&id],
        )
        .await
        .map_err(db)?;
    Ok(found.and_then(|r| {
        let provider: String = r.get(0);
        let state = parse_text::<FreeTimeState>(r.get::<_, &str>(1))?;
        providers
            .contains(&provider)
            .then(|| (provider, state, r.get(2)))
    }))
}

impl FreeTimeStore for PostgresStore {
    fn free_times(&self, query: FreeTimeQuery) -> StoreFuture<'_, Vec<FreeTime>> {
        Box::pin(async move {
            let client = self.client().await?;
            let sql = query.sql(
                |n| format!("${n}"),
                |column, n| format!("{column} = ANY(${n})"),
                |np, ns, one| {
                    format!(
                        "SELECT f.* FROM unnest(${np}::text[]) AS p(value)
                         CROSS JOIN unnest(${ns}::text[]) AS s(value) CROSS JOIN LATERAL ({one}) AS f"
                    )
                },
            );
            let after = query.after_minute.map(i32::from);
            let limit = query.limit();
            let mut values: Vec<&(dyn ToSql + Sync)> = vec![&query.from];
            if let Some(providers) = &query.providers {
                values.push(providers);
            }
            if let Some(services) = &query.services {
                values.push(services);
            }
            if let Some(to) = &query.to {
                values.push(to);
            }
            if let Some(minute) = &after {
                values.push(&query.from);
                values.push(minute);
            }
            values.push(&limit);
            client
                .query(&sql, &values)
                .await
                .map_err(db)?
                .iter()
                .map(row)
                .collect()
        })
    }

    fn free_time(&self, id: i64) -> StoreFuture<'_, Option<FreeTime>> {
        Box::pin(async move {
            let client = self.client().await?;
            one(&client, id).await
        })
    }

    fn publish_free_times(
        &self,
        slots: Vec<Slot>,
        by: Publisher,
    ) -> StoreFuture<'_, Result<Vec<FreeTime>, TimeRefused>> {
        Box::pin(async move {
            if overlapping_within(&slots) {
                return Ok(Err(TimeRefused::Overlap { with: 0 }));
            }
            let mut client = self.client().await?;
            let tx = client.transaction().await.map_err(db)?;
            let mut providers: Vec<&str> = slots.iter().map(|s| s.provider_id.as_str()).collect();
            // One order for the locks: two publishers never wait for each other.
            providers.sort_unstable();
            providers.dedup();
            for provider in providers {
                lock(&tx, provider).await?;
            }
            let mut times = Vec::with_capacity(slots.len());
            for slot in &slots {
                if let Some(with) = overlap(&tx, slot, 0).await? {
                    return Ok(Err(TimeRefused::Overlap { with }));
                }
                let inserted = tx
                    .query_one(
                        &format!(
                            "INSERT INTO free_times
                                 (provider_id, service_code, day, start_minute, minutes, published_by, published_at)
                             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {COLUMNS}"
                        ),
                        &[
                            &slot.provider_id,
                            &slot.service_code,
                            &vardkoll_domain::date::iso(slot.date),
                            &i32::from(slot.start_minute()),
                            &i32::from(slot.minutes),
                            &by.staff,
                            &by.at,
                        ],
                    )
                    .await
                    .map_err(db)?;
                times.push(row(&inserted)?);
            }
            tx.commit().await.map_err(db)?;
            Ok(Ok(times))
        })
    }

    fn change_free_time(
        &self,
        id: i64,
        providers: Vec<String>,
        slot: Slot,
        version: i64,
    ) -> StoreFuture<'_, Option<Result<FreeTime, TimeRefused>>> {
        Box::pin(async move {
            let mut client = self.client().await?;
            let tx = client.transaction().await.map_err(db)?;
            let Some((provider, _, _)) = owned(&tx, id, &providers).await? else {
                return Ok(None);
            };
            lock(&tx, &provider).await?;
            // Read again under the provider's lock: the state is final now.
            let Some((_, state, current)) = owned(&tx, id, &providers).await? else {
                return Ok(None);
            };
            if state != FreeTimeState::Free {
                return Ok(Some(Err(TimeRefused::Taken { state })));
            }
            if current != version {
                return Ok(Some(Err(TimeRefused::Stale { current })));
            }
            if let Some(with) = overlap(&tx, &slot, id).await? {
                return Ok(Some(Err(TimeRefused::Overlap { with })));
            }
            tx.execute(
                "UPDATE free_times SET day = $1, start_minute = $2, minutes = $3, version = version + 1
                 WHERE id = $4",
                &[
                    &vardkoll_domain::date::iso(slot.date),
                    &i32::from(slot.start_minute()),
                    &i32::from(slot.minutes),
                    &id,
                ],
            )
            .await
            .map_err(db)?;
            let changed = one(&tx, id).await?;
            tx.commit().await.map_err(db)?;
            Ok(changed.map(Ok))
        })
    }

    fn withdraw_free_time(
        &self,
        id: i64,
        providers: Vec<String>,
    ) -> StoreFuture<'_, Option<Result<(), TimeRefused>>> {
        Box::pin(async move {
            let mut client = self.client().await?;
            let tx = client.transaction().await.map_err(db)?;
            let Some((_, state, _)) = owned(&tx, id, &providers).await? else {
                return Ok(None);
            };
            if state != FreeTimeState::Free {
                return Ok(Some(Err(TimeRefused::Taken { state })));
            }
            tx.execute("DELETE FROM free_times WHERE id = $1", &[&id])
                .await
                .map_err(db)?;
            tx.commit().await.map_err(db)?;
            Ok(Some(Ok(())))
        })
    }
}
