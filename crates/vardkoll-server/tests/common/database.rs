//! The two stores under test: SQLite (a temporary file) and PostgreSQL (a new
//! database on the server `VARDKOLL_TEST_DATABASE_URL` names; `scripts/test`
//! starts a throwaway one with `scripts/postgres`), with a request and a
//! navigator to test with. "Two instances" are two stores opened on one database.

// Each test binary uses part of this.
#![allow(unused_macros, unused_imports)]

use std::sync::Arc;

use chrono::NaiveDate;
use vardkoll_domain::api::{NewReferral, ReferralStatus};
use vardkoll_server::config::Config;
use vardkoll_server::store::{self, Actor, CreateOutcome, Move, NewRequest, Store};

#[derive(Clone, Copy)]
pub enum Kind {
    Sqlite,
    Postgres,
}

/// One database, and what opens a store (an "instance") on it.
pub struct Database {
    pub config: Config,
    _dir: Option<tempfile::TempDir>,
}

pub fn postgres_server() -> String {
    std::env::var("VARDKOLL_TEST_DATABASE_URL").unwrap_or_else(|_| {
        panic!(
            "the PostgreSQL half of the store tests needs a server: run scripts/test, or \
             `scripts/postgres start /tmp/vardkoll-pg` and export VARDKOLL_TEST_DATABASE_URL=<the URL it prints>"
        )
    })
}

impl Database {
    pub async fn new(kind: Kind) -> Database {
        match kind {
            Kind::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                let config = Config {
                    database: dir.path().join("store.sqlite3"),
                    ..Config::default()
                };
                Database {
                    config,
                    _dir: Some(dir),
                }
            }
            Kind::Postgres => {
                let server = postgres_server();
                let (client, connection) = tokio_postgres::connect(&server, tokio_postgres::NoTls)
                    .await
                    .expect("the test PostgreSQL server answers");
                tokio::spawn(connection);
                let mut name = [0u8; 8];
                getrandom::fill(&mut name).unwrap();
                let name: String = name.iter().map(|b| format!("{b:02x}")).collect();
                let name = format!("test_{name}");
                client
                    .batch_execute(&format!("CREATE DATABASE {name}"))
                    .await
                    .unwrap();
                let (base, _) = server.rsplit_once('/').unwrap();
                Database {
                    config: Config {
                        database_url: Some(vardkoll_server::config::DatabaseUrl::new(format!(
                            "{base}/{name}"
                        ))),
                        ..Config::default()
                    },
                    _dir: None,
                }
            }
        }
    }

    pub async fn open(&self) -> Arc<dyn Store> {
        store::open(&self.config).await.expect("the store opens")
    }
}

pub fn request(key: &str, name: &str) -> NewRequest {
    let body = serde_json::json!({
        "personalIdentityNumber": "19121212-1212",
        "name": name,
        "phone": "070-123 45 67",
        "serviceCode": "op-hoft",
        "preferredProviders": ["karolinska-solna"],
        "canTravel": true,
        "interpreter": { "needed": false },
        "message": "",
        "consentToShare": true
    });
    let referral: NewReferral = serde_json::from_value(body).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    NewRequest {
        idempotency_key: key.to_owned(),
        body_hash: format!("hash-of-{name}"),
        referral: referral.validate(today, |_| true, |_| true).unwrap(),
        created_at: "2026-12-01T09:00:00Z".into(),
        subject: None,
    }
}

/// `request` with `region` as the patient's home region.
pub fn in_region(mut request: NewRequest, region: &str) -> NewRequest {
    request.referral.request.home_region = Some(region.into());
    request
}

pub fn created(outcome: CreateOutcome) -> vardkoll_domain::api::ReferralCreated {
    match outcome {
        CreateOutcome::Created(created) => created,
        other => panic!("expected a new request, got {other:?}"),
    }
}

pub fn actor(staff: &str, regions: &[&str]) -> Actor {
    Actor {
        staff: staff.into(),
        regions: regions.iter().map(|r| r.to_string()).collect(),
        client_address: "192.0.2.7".into(),
        at: "2026-12-02T10:00:00Z".into(),
    }
}

pub fn change(status: ReferralStatus, version: i64) -> Move {
    Move {
        status,
        version,
        note: Some("Vi ringer dig.".into()),
        offer: None,
        decline_reason: None,
    }
}

/// A request of region 01 (Stockholm).
pub async fn stockholm_request(store: &Arc<dyn Store>, key: &str) -> String {
    created(
        store
            .create_referral(in_region(request(key, "Tolvan"), "01"))
            .await
            .unwrap(),
    )
    .reference
}

/// Runs `sql` directly on the database, as someone with database access (not
/// the API) would; the error's text, if it failed.
pub async fn run_sql(db: &Database, kind: Kind, sql: &str) -> Result<(), String> {
    match kind {
        Kind::Sqlite => rusqlite::Connection::open(&db.config.database)
            .unwrap()
            .execute_batch(sql)
            .map_err(|e| e.to_string()),
        Kind::Postgres => {
            let url = db.config.database_url.as_ref().unwrap().expose();
            let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
                .await
                .unwrap();
            tokio::spawn(connection);
            client.batch_execute(sql).await.map_err(|e| {
                e.as_db_error()
                    .map_or_else(|| e.to_string(), |d| d.message().to_owned())
            })
        }
    }
}

macro_rules! both_stores {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    super::$test(super::Kind::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    super::$test(super::Kind::Postgres).await
                }
            )*
        }
    };
}

pub(crate) use both_stores;
