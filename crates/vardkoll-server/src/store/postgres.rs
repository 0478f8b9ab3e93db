//! The PostgreSQL store: several server instances on one database.
//!
//! - Migrations are in [`MIGRATIONS`], run on start inside one transaction that
//!   holds an advisory lock, so instances starting together migrate once.
//! - A request is stored once per Idempotency-Key by the unique `key_hash`
//!   (`INSERT … ON CONFLICT DO NOTHING`): two instances given the same key at the
//!   same moment store it once, and the second answers with the first's answer.
//! - Every write commits before the caller is answered (synchronous commit).
//! - `data_version` counts imports; instances poll it and reload their statistics.

mod answers;
mod free_times;

use deadpool_postgres::{GenericClient, Manager, ManagerConfig, Object, Pool, RecyclingMethod};
use tokio_postgres::NoTls;
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

/// The schema, step by step; `schema_migrations` records the steps that ran.
const MIGRATIONS: &[&str] = &[
    r#"
    CREATE TABLE regions (code TEXT PRIMARY KEY, name TEXT NOT NULL, vantetider_id BIGINT NOT NULL UNIQUE);
    CREATE TABLE services (
        code TEXT PRIMARY KEY, name_sv TEXT NOT NULL, name_en TEXT NOT NULL,
        category TEXT NOT NULL, guarantee TEXT NOT NULL, synonyms TEXT NOT NULL);
    CREATE TABLE providers (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, region_code TEXT NOT NULL REFERENCES regions(code),
        town TEXT NOT NULL, latitude DOUBLE PRECISION NOT NULL, longitude DOUBLE PRECISION NOT NULL,
        phone TEXT, website TEXT, accepts_other_regions BOOLEAN NOT NULL);
    CREATE TABLE statistics (
        service_code TEXT NOT NULL, region_code TEXT NOT NULL, provider_id TEXT NOT NULL, period TEXT NOT NULL,
        share_within_limit DOUBLE PRECISION, median_days_waited BIGINT, waiting BIGINT, completed BIGINT,
        estimated_wait_days BIGINT, band_min_weeks BIGINT, band_max_weeks BIGINT,
        free_capacity TEXT NOT NULL, reported TEXT NOT NULL, sample_data BOOLEAN NOT NULL,
        PRIMARY KEY (service_code, region_code, provider_id, period));
    CREATE TABLE data_version (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL);
    INSERT INTO data_version (id, version) VALUES (1, 0);
    CREATE TABLE referrals (
        reference TEXT PRIMARY KEY, key_hash TEXT NOT NULL UNIQUE, body_hash TEXT NOT NULL,
        token_hash TEXT NOT NULL, token_sealed TEXT NOT NULL, service_code TEXT NOT NULL,
        identity_number TEXT NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL,
        created_at TEXT NOT NULL, closed_at TEXT);
    CREATE INDEX referrals_closed_at ON referrals (closed_at) WHERE closed_at IS NOT NULL;
    CREATE TABLE referral_history (
        reference TEXT NOT NULL REFERENCES referrals(reference) ON DELETE CASCADE, seq INTEGER NOT NULL,
        status TEXT NOT NULL, at TEXT NOT NULL, note TEXT, PRIMARY KEY (reference, seq));
"#,
    r#"
    ALTER TABLE referrals ADD COLUMN subject TEXT;
    CREATE INDEX referrals_subject ON referrals (subject) WHERE subject IS NOT NULL;
"#,
    super::STAFF_MIGRATION_POSTGRES,
    mail_outbox::MAIL_MIGRATION_POSTGRES,
    super::WAIT_TEXT_MIGRATION,
    super::SOURCE_MIGRATION,
    super::REGIONAL_MIGRATION,
    super::free_times::MIGRATION_POSTGRES,
    super::answers::MIGRATION,
];

/// The advisory lock migrations hold ("vardkoll" in ASCII).
const MIGRATION_LOCK: i64 = 0x7661_7264_6b6f_6c6c;

/// Connections per instance: `VARDKOLL_DATABASE_POOL`, default 16.
fn pool_size() -> usize {
    std::env::var("VARDKOLL_DATABASE_POOL")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(16)
}

fn db(error: impl std::fmt::Display) -> StoreError {
    StoreError::Database(error.to_string())
}

pub struct PostgresStore {
    pool: Pool,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://user@host:port/database`), migrates, and
    /// fills an empty database with the embedded dataset.
    pub async fn connect(url: &str) -> Result<PostgresStore, StoreError> {
        let config: tokio_postgres::Config = url.parse().map_err(|_| {
            StoreError::Database("VARDKOLL_DATABASE_URL is not a valid PostgreSQL URL".into())
        })?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(pool_size())
            .build()
            .map_err(db)?;
        let store = PostgresStore { pool };
        store.migrate().await?;
        Ok(store)
    }

    async fn client(&self) -> Result<Object, StoreError> {
        if self.pool.is_closed() {
            return Err(StoreError::Closed);
        }
        self.pool.get().await.map_err(db)
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(db)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .await
            .map_err(db)?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                 version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
        )
        .await
        .map_err(db)?;
        let done: i32 = tx
            .query_one(
                "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
                &[],
            )
            .await
            .map_err(db)?
            .get(0);
        for (index, migration) in MIGRATIONS.iter().enumerate().skip(done as usize) {
            tx.batch_execute(migration).await.map_err(db)?;
            tx.execute(
                "INSERT INTO schema_migrations (version) VALUES ($1)",
                &[&(index as i32 + 1)],
            )
            .await
            .map_err(db)?;
        }
        let regions: i64 = tx
            .query_one("SELECT COUNT(*) FROM regions", &[])
            .await
            .map_err(db)?
            .get(0);
        if regions == 0 {
            write_dataset(&tx, &default_dataset(), true).await?;
        }
        tx.commit().await.map_err(db)
    }
}

fn int(value: Option<u32>) -> Option<i64> {
    value.map(i64::from)
}

fn uint(value: Option<i64>) -> Option<u32> {
    value.and_then(|v| u32::try_from(v).ok())
}

async fn write_dataset(
    tx: &impl GenericClient,
    data: &Dataset,
    with_regions: bool,
) -> Result<(), StoreError> {
    if with_regions {
        for region in &data.regions {
            tx.execute(
                "INSERT INTO regions (code, name, vantetider_id) VALUES ($1, $2, $3)
                 ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, vantetider_id = EXCLUDED.vantetider_id",
                &[&region.code, &region.name, &i64::from(region.vantetider_id)],
            )
            .await
            .map_err(db)?;
        }
    }
    for s in &data.services {
        let synonyms = serde_json::to_string(&s.synonyms).unwrap_or_else(|_| "[]".into());
        tx.execute(
            "INSERT INTO services (code, name_sv, name_en, category, guarantee, synonyms)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (code) DO UPDATE SET name_sv = EXCLUDED.name_sv, name_en = EXCLUDED.name_en,
                 category = EXCLUDED.category, guarantee = EXCLUDED.guarantee, synonyms = EXCLUDED.synonyms",
            &[&s.code, &s.name_sv, &s.name_en, &text_of(&s.category), &text_of(&s.guarantee), &synonyms],
        )
        .await
        .map_err(db)?;
    }
    for p in &data.providers {
        tx.execute(
            "INSERT INTO providers (id, name, region_code, town, latitude, longitude, phone, website,
                 accepts_other_regions) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, region_code = EXCLUDED.region_code,
                 town = EXCLUDED.town, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude,
                 phone = EXCLUDED.phone, website = EXCLUDED.website,
                 accepts_other_regions = EXCLUDED.accepts_other_regions",
            &[&p.id, &p.name, &p.region_code, &p.town, &p.latitude, &p.longitude, &p.phone, &p.website, &p.accepts_other_regions],
        )
        .await
        .map_err(db)?;
    }
    // Statistics in batches of arrays: one round trip per batch. Append-only:
    // a figure once published stays as it was shown.
    let insert = tx
        .prepare(
            "INSERT INTO statistics (service_code, region_code, provider_id, period, share_within_limit,
                 median_days_waited, waiting, completed, estimated_wait_days, band_min_weeks, band_max_weeks,
                 free_capacity, reported, sample_data, wait_text, source, fetched)
             SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::int8[],
                 $7::int8[], $8::int8[], $9::int8[], $10::int8[], $11::int8[], $12::text[], $13::text[], $14::bool[],
                 $15::text[], $16::text[], $17::text[])
             ON CONFLICT (service_code, region_code, provider_id, period) DO NOTHING",
        )
        .await
        .map_err(db)?;
    for rows in data.statistics.chunks(5000) {
        let text = |f: &dyn Fn(&WaitStatistic) -> String| rows.iter().map(f).collect::<Vec<_>>();
        let number =
            |f: &dyn Fn(&WaitStatistic) -> Option<i64>| rows.iter().map(f).collect::<Vec<_>>();
        tx.execute(
            &insert,
            &[
                &text(&|s| s.service_code.clone()),
                &text(&|s| s.region_code.clone()),
                &text(&|s| s.provider_id.clone().unwrap_or_default()),
                &text(&|s| s.period.to_string()),
                &rows
                    .iter()
                    .map(|s| s.share_within_limit)
                    .collect::<Vec<_>>(),
                &number(&|s| int(s.median_days_waited)),
                &number(&|s| int(s.waiting)),
                &number(&|s| int(s.completed)),
                &number(&|s| int(s.estimated_wait_days)),
                &number(&|s| s.estimated_wait_band.map(|b| i64::from(b.min_weeks))),
                &number(&|s| int(s.estimated_wait_band.and_then(|b| b.max_weeks))),
                &text(&|s| text_of(&s.free_capacity)),
                &text(&|s| s.reported.clone()),
                &rows.iter().map(|s| s.sample_data).collect::<Vec<_>>(),
                &rows
                    .iter()
                    .map(|s| s.estimated_wait_text.clone())
                    .collect::<Vec<_>>(),
                &rows.iter().map(|s| s.source.clone()).collect::<Vec<_>>(),
                &rows.iter().map(|s| s.fetched.clone()).collect::<Vec<_>>(),
            ],
        )
        .await
        .map_err(db)?;
    }
    for f in &data.regional {
        tx.execute(
            "INSERT INTO regional_figures (kpi, region_code, year, gender, value, source, fetched)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
            &[
                &f.kpi,
                &f.region_code,
                &f.year,
                &f.gender,
                &f.value,
                &f.source,
                &f.fetched,
            ],
        )
        .await
        .map_err(db)?;
    }
    tx.execute("UPDATE data_version SET version = version + 1", &[])
        .await
        .map_err(db)?;
    Ok(())
}

async fn read_dataset(client: &impl GenericClient) -> Result<Dataset, StoreError> {
    let regions = client
        .query(
            "SELECT code, name, vantetider_id FROM regions ORDER BY code",
            &[],
        )
        .await
        .map_err(db)?
        .iter()
        .map(|row| Region {
            code: row.get(0),
            name: row.get(1),
            vantetider_id: u32::try_from(row.get::<_, i64>(2)).unwrap_or_default(),
        })
        .collect();
    let services = client
        .query(
            "SELECT code, name_sv, name_en, category, guarantee, synonyms FROM services ORDER BY name_sv",
            &[],
        )
        .await
        .map_err(db)?
        .iter()
        .map(|row| Service {
            code: row.get(0),
            name_sv: row.get(1),
            name_en: row.get(2),
            category: parse_text(row.get(3)).unwrap_or(ServiceCategory::Visit),
            guarantee: parse_text(row.get(4)).unwrap_or(GuaranteeKind::None),
            synonyms: serde_json::from_str(row.get(5)).unwrap_or_default(),
        })
        .collect();
    let providers = client
        .query(
            "SELECT id, name, region_code, town, latitude, longitude, phone, website, accepts_other_regions
             FROM providers ORDER BY region_code, name",
            &[],
        )
        .await
        .map_err(db)?
        .iter()
        .map(|row| Provider {
            id: row.get(0),
            name: row.get(1),
            region_code: row.get(2),
            town: row.get(3),
            latitude: row.get(4),
            longitude: row.get(5),
            phone: row.get(6),
            website: row.get(7),
            accepts_other_regions: row.get(8),
        })
        .collect();
    let statistics = client
        .query(
            "SELECT service_code, region_code, provider_id, period, share_within_limit, median_days_waited,
                 waiting, completed, estimated_wait_days, band_min_weeks, band_max_weeks, free_capacity,
                 reported, sample_data, wait_text, source, fetched
             FROM statistics ORDER BY service_code, region_code, provider_id, period",
            &[],
        )
        .await
        .map_err(db)?
        .iter()
        .map(|row| {
            let provider: String = row.get(2);
            WaitStatistic {
                service_code: row.get(0),
                region_code: row.get(1),
                provider_id: (!provider.is_empty()).then_some(provider),
                period: Period::parse(row.get(3)).unwrap_or(Period {
                    year: 1970,
                    month: 1,
                }),
                share_within_limit: row.get(4),
                median_days_waited: uint(row.get(5)),
                waiting: uint(row.get(6)),
                completed: uint(row.get(7)),
                estimated_wait_days: uint(row.get(8)),
                estimated_wait_band: uint(row.get(9)).map(|min_weeks| WaitBand {
                    min_weeks,
                    max_weeks: uint(row.get(10)),
                }),
                free_capacity: parse_text(row.get(11)).unwrap_or(FreeCapacity::Unknown),
                reported: row.get(12),
                sample_data: row.get(13),
                estimated_wait_text: row.get(14),
                source: row.get(15),
                fetched: row.get(16),
            }
        })
        .collect();
    let regional = client
        .query(
            "SELECT kpi, region_code, year, gender, value, source, fetched FROM regional_figures
             ORDER BY kpi, region_code, year, gender",
            &[],
        )
        .await
        .map_err(db)?
        .iter()
        .map(|row| RegionalFigure {
            kpi: row.get(0),
            region_code: row.get(1),
            year: row.get(2),
            gender: row.get(3),
            value: row.get(4),
            source: row.get(5),
            fetched: row.get(6),
        })
        .collect();
    Ok(Dataset {
        regions,
        services,
        providers,
        statistics,
        regional,
    })
}

/// A request's history, oldest first, as staff see it.
async fn history(
    client: &impl GenericClient,
    reference: &str,
) -> Result<Vec<super::StaffChange>, StoreError> {
    Ok(client
        .query(
            "SELECT status, at, note, detail FROM referral_history WHERE reference = $1 ORDER BY seq",
            &[&reference],
        )
        .await
        .map_err(db)?
        .iter()
        .map(|row| {
            super::history_entry(
                ReferralStatus::parse(row.get(0)).unwrap_or(ReferralStatus::Received),
                row.get(1),
                row.get(2),
                row.get::<_, Option<&str>>(3),
            )
        })
        .collect())
}

async fn view(
    client: &impl GenericClient,
    reference: &str,
) -> Result<Option<ReferralView>, StoreError> {
    let Some(head) = client
        .query_opt(
            "SELECT status, service_code, payload FROM referrals WHERE reference = $1",
            &[&reference],
        )
        .await
        .map_err(db)?
    else {
        return Ok(None);
    };
    let history = history(client, reference)
        .await?
        .into_iter()
        .map(|entry| entry.change)
        .collect();
    let choices = super::Choices::of(head.get(2))?;
    Ok(Some(ReferralView {
        reference: reference.to_owned(),
        status: ReferralStatus::parse(head.get(0)).unwrap_or(ReferralStatus::Received),
        service_code: head.get(1),
        preferred_providers: choices.preferred_providers,
        home_region: choices.home_region,
        history,
    }))
}

const STAFF_COLUMNS: &str = "reference, status, service_code, created_at, home_region, version,
     identity_number, payload";

fn staff_row(row: &tokio_postgres::Row) -> Result<StaffReferral, StoreError> {
    Ok(StaffReferral {
        reference: row.get(0),
        status: ReferralStatus::parse(row.get(1)).unwrap_or(ReferralStatus::Received),
        service_code: row.get(2),
        created_at: row.get(3),
        home_region: row.get(4),
        version: row.get(5),
        identity_number: row.get(6),
        request: serde_json::from_str(row.get(7)).map_err(db)?,
        history: Vec::new(),
    })
}

/// The request with its history, if its home region is one of `regions`;
/// `lock`: with a row lock, for a change.
async fn staff_referral(
    client: &impl GenericClient,
    reference: &str,
    regions: &[String],
    lock: bool,
) -> Result<Option<StaffReferral>, StoreError> {
    let lock = if lock { " FOR UPDATE" } else { "" };
    let Some(row) = client
        .query_opt(
            &format!(
                "SELECT {STAFF_COLUMNS} FROM referrals
                 WHERE reference = $1 AND home_region = ANY($2){lock}"
            ),
            &[&reference, &regions],
        )
        .await
        .map_err(db)?
    else {
        return Ok(None);
    };
    let mut found = staff_row(&row)?;
    found.history = history(client, reference).await?;
    Ok(Some(found))
}

async fn audit_in(
    client: &impl GenericClient,
    actor: &Actor,
    action: &str,
    found: &StaffReferral,
    detail: Option<&str>,
) -> Result<(), StoreError> {
    client
        .execute(
            "INSERT INTO audit_log (at, staff, action, reference, identity_number, client_address, detail)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                &actor.at,
                &actor.staff,
                &action,
                &found.reference,
                &found.identity_number,
                &actor.client_address,
                &detail,
            ],
        )
        .await
        .map_err(db)?;
    Ok(())
}

impl Store for PostgresStore {
    fn dataset(&self) -> StoreFuture<'_, Dataset> {
        Box::pin(async move {
            let client = self.client().await?;
            read_dataset(&client).await
        })
    }

    fn data_version(&self) -> StoreFuture<'_, i64> {
        Box::pin(async move {
            let client = self.client().await?;
            let row = client
                .query_one("SELECT version FROM data_version", &[])
                .await
                .map_err(db)?;
            Ok(row.get(0))
        })
    }

    fn import(&self, data: Dataset) -> StoreFuture<'_, ()> {
        Box::pin(async move {
            let mut client = self.client().await?;
            let tx = client.transaction().await.map_err(db)?;
            write_dataset(&tx, &data, false).await?;
            tx.commit().await.map_err(db)
        })
    }

    fn create_referral(&self, request: NewRequest) -> StoreFuture<'_, CreateOutcome> {
        Box::pin(async move {
            let key_hash = secrets::key_hash(&request.idempotency_key);
            let reference = secrets::new_reference()?;
            let token = secrets::new_token()?;
            let payload = serde_json::to_string(&request.referral.request).map_err(db)?;
            let mut client = self.client().await?;
            let tx = client.transaction().await.map_err(db)?;
            let inserted = tx
                .query_opt(
                    "INSERT INTO referrals (reference, key_hash, body_hash, token_hash, token_sealed,
                         service_code, identity_number, payload, status, created_at, subject, home_region)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                     ON CONFLICT (key_hash) DO NOTHING RETURNING reference",
                    &[
                        &reference,
                        &key_hash,
                        &request.body_hash,
                        &secrets::token_hash(&token),
                        &secrets::seal(&token, &request.idempotency_key),
                        &request.referral.request.service_code,
                        &request.referral.identity_number.as_str(),
                        &payload,
                        &ReferralStatus::Received.as_str(),
                        &request.created_at,
                        &request.subject,
                        &request.referral.request.home_region,
                    ],
                )
                .await
                .map_err(db)?;
            if inserted.is_none() {
                // Stored before, perhaps by another instance a moment ago.
                let row = tx
                    .query_one(
                        "SELECT reference, token_sealed, created_at, body_hash FROM referrals WHERE key_hash = $1",
                        &[&key_hash],
                    )
                    .await
                    .map_err(db)?;
                return Ok(replay(
                    &request,
                    row.get(0),
                    row.get(1),
                    row.get(2),
                    row.get(3),
                ));
            }
            tx.execute(
                "INSERT INTO referral_history (reference, seq, status, at) VALUES ($1, 0, $2, $3)",
                &[
                    &reference,
                    &ReferralStatus::Received.as_str(),
                    &request.created_at,
                ],
            )
            .await
            .map_err(db)?;
            tx.commit().await.map_err(db)?;
            Ok(CreateOutcome::Created(ReferralCreated {
                reference,
                token,
                status: ReferralStatus::Received,
                created_at: request.created_at,
            }))
        })
    }

    fn referral(&self, reference: String, token: String) -> StoreFuture<'_, Option<ReferralView>> {
        Box::pin(async move {
            let client = self.client().await?;
            let stored = client
                .query_opt(
                    "SELECT token_hash FROM referrals WHERE reference = $1",
                    &[&reference],
                )
                .await
                .map_err(db)?;
            match stored {
                Some(row) if secrets::token_matches(&token, row.get(0)) => {
                    view(&client, &reference).await
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
        Box::pin(async move {
            let client = self.client().await?;
            let owned = client
                .query_opt(
                    "SELECT 1 FROM referrals WHERE reference = $1 AND subject = $2",
                    &[&reference, &subject],
                )
                .await
                .map_err(db)?;
            match owned {
                Some(_) => view(&client, &reference).await,
                None => Ok(None),
            }
        })
    }

    fn referrals_of(&self, subject: String) -> StoreFuture<'_, Vec<ReferralView>> {
        Box::pin(async move {
            let client = self.client().await?;
            let rows = client
                .query(
                    "SELECT reference FROM referrals WHERE subject = $1 ORDER BY created_at DESC, reference",
                    &[&subject],
                )
                .await
                .map_err(db)?;
            let mut views = Vec::with_capacity(rows.len());
            for row in rows {
                let reference: String = row.get(0);
                views.extend(view(&client, &reference).await?);
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
        Box::pin(async move {
            let mut client = self.client().await?;
            let tx = client.transaction().await.map_err(db)?;
            // The row lock makes two claims of one request take turns: the second
            // sees the first's subject.
            let Some(row) = tx
                .query_opt(
                    "SELECT token_hash, identity_number, subject FROM referrals
                     WHERE reference = $1 FOR UPDATE",
                    &[&reference],
                )
                .await
                .map_err(db)?
            else {
                return Ok(None);
            };
            let bound_to: Option<&str> = row.get(2);
            if !may_claim(
                (row.get(0), row.get(1), bound_to),
                &token,
                &identity_number,
                &subject,
            ) {
                return Ok(None);
            }
            if bound_to.is_none() {
                tx.execute(
                    "UPDATE referrals SET subject = $1 WHERE reference = $2 AND subject IS NULL",
                    &[&subject, &reference],
                )
                .await
                .map_err(db)?;
            }
            let claimed = view(&tx, &reference).await?;
            tx.commit().await.map_err(db)?;
            Ok(claimed)
        })
    }

    fn queue(&self, regions: Vec<String>) -> StoreFuture<'_, Vec<StaffReferral>> {
        Box::pin(async move {
            let client = self.client().await?;
            client
                .query(
                    &format!("SELECT {STAFF_COLUMNS} FROM referrals WHERE home_region = ANY($1)"),
                    &[&regions],
                )
                .await
                .map_err(db)?
                .iter()
                .map(staff_row)
                .collect()
        })
    }

    fn referral_in(
        &self,
        reference: String,
        regions: Vec<String>,
    ) -> StoreFuture<'_, Option<StaffReferral>> {
        Box::pin(async move {
            let client = self.client().await?;
            staff_referral(&client, &reference, &regions, false).await
        })
    }

    fn open_referral(
        &self,
        reference: String,
        actor: Actor,
    ) -> StoreFuture<'_, Option<StaffReferral>> {
        Box::pin(async move {
            let mut client = self.client().await?;
            let tx = client.transaction().await.map_err(db)?;
            let found = staff_referral(&tx, &reference, &actor.regions, false).await?;
            if let Some(found) = &found {
                audit_in(&tx, &actor, "read", found, None).await?;
            }
            tx.commit().await.map_err(db)?;
            Ok(found)
        })
    }

    fn move_referral(
        &self,
        reference: String,
        mut change: Move,
        actor: Actor,
    ) -> StoreFuture<'_, Option<Result<StaffReferral, MoveRefused>>> {
        Box::pin(async move {
            let mut client = self.client().await?;
            let tx = client.transaction().await.map_err(db)?;
            // The row lock makes two changes take turns: the second sees the
            // first's version and is refused.
            let Some(found) = staff_referral(&tx, &reference, &actor.regions, true).await? else {
                return Ok(None);
            };
            if found.version != change.version {
                return Ok(Some(Err(MoveRefused::Stale {
                    current: found.version,
                })));
            }
            if !found.status.may_become(change.status) {
                return Ok(Some(Err(MoveRefused::Invalid {
                    current: found.status,
                })));
            }
            // Moving on from an offer gives its time back.
            if found.status == ReferralStatus::Offered {
                tx.execute(super::answers::RELEASE_SQL, &[&reference])
                    .await
                    .map_err(db)?;
            }
            if let Some(offer) = change.offer.as_mut()
                && let Some(id) = offer.free_time_id
            {
                // Two offers of one time take turns on its row: the second
                // finds it held and changes nothing.
                let held = tx
                    .query_opt(
                        &format!(
                            "{} RETURNING provider_id, day, start_minute",
                            super::answers::HOLD_SQL
                        ),
                        &[&reference, &offer.answer_by, &id, &found.service_code],
                    )
                    .await
                    .map_err(db)?;
                let Some(held) = held else {
                    return Ok(Some(Err(MoveRefused::TimeTaken)));
                };
                let minute: i32 = held.get(2);
                offer.provider_id = held.get(0);
                offer.date = held.get(1);
                offer.time = format!("{:02}:{:02}", minute / 60, minute % 60);
            }
            tx.execute(
                "UPDATE referrals SET status = $1, closed_at = $2, version = version + 1
                 WHERE reference = $3 AND version = $4",
                &[
                    &change.status.as_str(),
                    &change.status.is_closed().then_some(actor.at.as_str()),
                    &reference,
                    &change.version,
                ],
            )
            .await
            .map_err(db)?;
            tx.execute(
                "INSERT INTO referral_history (reference, seq, status, at, note, detail)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                &[
                    &reference,
                    &(found.history.len() as i32),
                    &change.status.as_str(),
                    &actor.at,
                    &change.note,
                    &super::history_detail(&change, &actor),
                ],
            )
            .await
            .map_err(db)?;
            audit_in(&tx, &actor, "change", &found, Some(change.status.as_str())).await?;
            tx.execute(mail_outbox::ENQUEUE_POSTGRES, &[&reference, &actor.at])
                .await
                .map_err(db)?;
            let moved = staff_referral(&tx, &reference, &actor.regions, false).await?;
            tx.commit().await.map_err(db)?;
            Ok(moved.map(Ok))
        })
    }

    fn claim_mail(
        &self,
        now: String,
        lease_until: String,
        limit: i64,
    ) -> StoreFuture<'_, Vec<QueuedMail>> {
        Box::pin(async move {
            let client = self.client().await?;
            Ok(client
                .query(
                    &mail_outbox::claim_postgres(),
                    &[&now, &lease_until, &limit],
                )
                .await
                .map_err(db)?
                .iter()
                .map(|row| QueuedMail {
                    id: row.get(0),
                    recipient: row.get(1),
                    created_at: row.get(2),
                    attempts: row.get(3),
                })
                .collect())
        })
    }

    fn finish_mail(&self, id: i64, outcome: MailOutcome) -> StoreFuture<'_, ()> {
        Box::pin(async move {
            let client = self.client().await?;
            let texts = outcome.values();
            let mut values: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = vec![&id];
            values.extend(
                texts
                    .iter()
                    .map(|v| v as &(dyn tokio_postgres::types::ToSql + Sync)),
            );
            client
                .execute(&outcome.statement(|n| format!("${n}")), &values)
                .await
                .map_err(db)?;
            Ok(())
        })
    }

    fn audit(&self, query: AuditQuery) -> StoreFuture<'_, Vec<AuditEntry>> {
        Box::pin(async move {
            let client = self.client().await?;
            Ok(client
                .query(
                    "SELECT id, at, staff, action, reference, identity_number, client_address, detail
                     FROM audit_log
                     WHERE ($1::text IS NULL OR identity_number = $1) AND ($2::text IS NULL OR staff = $2)
                     ORDER BY id DESC LIMIT $3",
                    &[&query.identity_number, &query.staff, &AUDIT_LIMIT],
                )
                .await
                .map_err(db)?
                .iter()
                .map(|row| AuditEntry {
                    id: row.get(0),
                    at: row.get(1),
                    staff: row.get(2),
                    action: row.get(3),
                    reference: row.get(4),
                    identity_number: row.get(5),
                    client_address: row.get(6),
                    detail: row.get(7),
                })
                .collect())
        })
    }

    fn purge_closed(&self, before: String) -> StoreFuture<'_, u64> {
        Box::pin(async move {
            let client = self.client().await?;
            // The history and e-mail rows go with their request (ON DELETE CASCADE).
            client
                .execute("DELETE FROM referrals WHERE closed_at < $1", &[&before])
                .await
                .map_err(db)
        })
    }

    fn referral_count(&self) -> StoreFuture<'_, u64> {
        Box::pin(async move {
            let client = self.client().await?;
            let row = client
                .query_one("SELECT COUNT(*) FROM referrals", &[])
                .await
                .map_err(db)?;
            Ok(u64::try_from(row.get::<_, i64>(0)).unwrap_or_default())
        })
    }

    fn close(&self) -> StoreFuture<'_, ()> {
        Box::pin(async move {
            // Writes in flight hold their connections until they commit; a
            // closed pool hands out no new ones.
            self.pool.close();
            Ok(())
        })
    }
}
