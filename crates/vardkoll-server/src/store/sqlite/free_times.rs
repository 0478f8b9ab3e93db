//! Free times on SQLite: reads and writes on the reading connection, each
//! write one IMMEDIATE transaction (SQLite's writers take turns).

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use vardkoll_domain::api::{FreeTime, FreeTimeState, Slot};

use super::super::free_times::{
    COLUMNS, FreeTimeQuery, FreeTimeStore, OVERLAP_SQL, Publisher, Row, TimeRefused, free_time,
    overlapping_within,
};
use super::super::{StoreError, StoreFuture, parse_text};
use super::{SqliteStore, db};

fn row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        id: row.get(0)?,
        provider_id: row.get(1)?,
        service_code: row.get(2)?,
        day: row.get(3)?,
        start_minute: row.get(4)?,
        minutes: row.get(5)?,
        state: row.get(6)?,
        reference: row.get(7)?,
        held_until: row.get(8)?,
        version: row.get(9)?,
    })
}

fn one(connection: &Connection, id: i64) -> Result<Option<FreeTime>, StoreError> {
    connection
        .query_row(
            &format!("SELECT {COLUMNS} FROM free_times WHERE id = ?1"),
            [id],
            row,
        )
        .optional()
        .map_err(db)?
        .map(free_time)
        .transpose()
}

fn overlap(tx: &Transaction<'_>, slot: &Slot, except: i64) -> Result<Option<i64>, StoreError> {
    tx.query_row(
        OVERLAP_SQL,
        params![
            slot.provider_id,
            vardkoll_domain::date::iso(slot.date),
            slot.end_minute(),
            slot.start_minute(),
            except
        ],
        |row| row.get(0),
    )
    .optional()
    .map_err(db)
}

/// The time with this id if it is one of `providers`', its state and version.
fn owned(
    tx: &Transaction<'_>,
    id: i64,
    providers: &[String],
) -> Result<Option<(FreeTimeState, i64)>, StoreError> {
    let found: Option<(String, String, i64)> = tx
        .query_row(
            "SELECT provider_id, state, version FROM free_times WHERE id = ?1",
            [id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()
        .map_err(db)?;
    Ok(found.and_then(|(provider, state, version)| {
        providers
            .contains(&provider)
            .then(|| parse_text::<FreeTimeState>(&state).map(|s| (s, version)))
            .flatten()
    }))
}

impl FreeTimeStore for SqliteStore {
    fn free_times(&self, query: FreeTimeQuery) -> StoreFuture<'_, Vec<FreeTime>> {
        self.read(move |connection| {
            let sql = query.sql(
                |n| format!("?{n}"),
                |column, n| format!("{column} IN (SELECT value FROM json_each(?{n}))"),
                |np, ns, one| {
                    let id = one.replacen(&format!("SELECT {COLUMNS}"), "SELECT id", 1);
                    format!(
                        "SELECT {COLUMNS} FROM free_times WHERE id IN
                         (SELECT ({id}) FROM json_each(?{np}) AS p, json_each(?{ns}) AS s)"
                    )
                },
            );
            let list =
                |ids: &Vec<String>| serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
            let mut values: Vec<rusqlite::types::Value> = vec![query.from.clone().into()];
            values.extend(query.providers.as_ref().map(|p| list(p).into()));
            values.extend(query.services.as_ref().map(|s| list(s).into()));
            values.extend(query.to.clone().map(Into::into));
            if let Some(minute) = query.after_minute {
                values.push(query.from.clone().into());
                values.push(i64::from(minute).into());
            }
            values.push(query.limit().into());
            let mut statement = connection.prepare(&sql).map_err(db)?;
            let rows = statement
                .query_map(rusqlite::params_from_iter(values), row)
                .map_err(db)?
                .collect::<Result<Vec<_>, _>>()
                .map_err(db)?;
            rows.into_iter().map(free_time).collect()
        })
    }

    fn free_time(&self, id: i64) -> StoreFuture<'_, Option<FreeTime>> {
        self.read(move |connection| one(connection, id))
    }

    fn publish_free_times(
        &self,
        slots: Vec<Slot>,
        by: Publisher,
    ) -> StoreFuture<'_, Result<Vec<FreeTime>, TimeRefused>> {
        self.read(move |connection| {
            if overlapping_within(&slots) {
                return Ok(Err(TimeRefused::Overlap { with: 0 }));
            }
            let tx = connection
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(db)?;
            let mut ids = Vec::with_capacity(slots.len());
            for slot in &slots {
                if let Some(with) = overlap(&tx, slot, 0)? {
                    return Ok(Err(TimeRefused::Overlap { with }));
                }
                tx.execute(
                    "INSERT INTO free_times
                         (provider_id, service_code, day, start_minute, minutes, published_by, published_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        slot.provider_id,
                        slot.service_code,
                        vardkoll_domain::date::iso(slot.date),
                        slot.start_minute(),
                        slot.minutes,
                        by.staff,
                        by.at
                    ],
                )
                .map_err(db)?;
                ids.push(tx.last_insert_rowid());
            }
            tx.commit().map_err(db)?;
            let mut times = Vec::with_capacity(ids.len());
            for id in ids {
                times.extend(one(connection, id)?);
            }
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
        self.read(move |connection| {
            let tx = connection
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(db)?;
            let Some((state, current)) = owned(&tx, id, &providers)? else {
                return Ok(None);
            };
            if state != FreeTimeState::Free {
                return Ok(Some(Err(TimeRefused::Taken { state })));
            }
            if current != version {
                return Ok(Some(Err(TimeRefused::Stale { current })));
            }
            if let Some(with) = overlap(&tx, &slot, id)? {
                return Ok(Some(Err(TimeRefused::Overlap { with })));
            }
            tx.execute(
                "UPDATE free_times SET day = ?1, start_minute = ?2, minutes = ?3, version = version + 1
                 WHERE id = ?4",
                params![
                    vardkoll_domain::date::iso(slot.date),
                    slot.start_minute(),
                    slot.minutes,
                    id
                ],
            )
            .map_err(db)?;
            tx.commit().map_err(db)?;
            Ok(one(connection, id)?.map(Ok))
        })
    }

    fn withdraw_free_time(
        &self,
        id: i64,
        providers: Vec<String>,
    ) -> StoreFuture<'_, Option<Result<(), TimeRefused>>> {
        self.read(move |connection| {
            let tx = connection
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(db)?;
            let Some((state, _)) = owned(&tx, id, &providers)? else {
                return Ok(None);
            };
            if state != FreeTimeState::Free {
                return Ok(Some(Err(TimeRefused::Taken { state })));
            }
            tx.execute(
                "DELETE FROM free_times WHERE id = ?1 AND state = 'free'",
                [id],
            )
            .map_err(db)?;
            tx.commit().map_err(db)?;
            Ok(Some(Ok(())))
        })
    }
}
