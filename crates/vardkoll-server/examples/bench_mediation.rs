//! National care mediation at scale, through the HTTP API: `scripts/bench-mediation`.
//!
//! Fills a fresh database (SQLite, or PostgreSQL with `--postgres URL`) with
//! waiting requests in every region and free times across the country, starts
//! the server on a free port trusting the test OpenID provider
//! (tests/e2e/oidc-provider.mjs, started here), and times, one call after
//! another, a navigator's suggestions for a request and their queue with its
//! marks. Prints the sizes, how long filling took, and p50/p99/max of each;
//! the goals (on a 2-core machine, release build) are p99 <= 20 ms for
//! suggestions and <= 50 ms for the queue. Numbers, not a pass or fail.
//!
//! `--requests N --times N --samples N` change the sizes (defaults 10,000,
//! 50,000 and 200).

use std::process::Stdio;
use std::time::{Duration, Instant};

use chrono::Days;
use tokio::io::{AsyncBufReadExt, BufReader};
use vardkoll_domain::api::{DeadlineState, GuaranteeDeadline, NewReferral, Slot};
use vardkoll_domain::clock_time::ClockTime;
use vardkoll_domain::regions::REGIONS;
use vardkoll_domain::step::Step;
use vardkoll_server::clock::Clock;
use vardkoll_server::config::Config;
use vardkoll_server::identity::{
    DEFAULT_IDENTITY_CLAIM, DEFAULT_PROVIDER_CLAIM, DEFAULT_REGION_CLAIM, DEFAULT_ROLE_CLAIM,
    IdentityConfig,
};
use vardkoll_server::store::{NewRequest, Publisher};

struct Options {
    requests: usize,
    times: usize,
    samples: usize,
    postgres: Option<String>,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        requests: 10_000,
        times: 50_000,
        samples: 200,
        postgres: None,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let [name, value] = pair else {
            return Err(format!("{} needs a value", pair.concat()));
        };
        let number = || {
            value
                .parse::<usize>()
                .map_err(|_| format!("{name}: a number"))
        };
        match name.as_str() {
            "--requests" => options.requests = number()?,
            "--times" => options.times = number()?,
            "--samples" => options.samples = number()?.max(1),
            "--postgres" => options.postgres = Some(value.clone()),
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(options)
}

/// The p-th percentile of sorted durations, in milliseconds.
fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)].as_secs_f64() * 1000.0
}

fn report(what: &str, mut took: Vec<Duration>, goal_ms: f64) {
    took.sort();
    println!(
        "{what:<40} n={:<5} p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms  (goal p99 <= {goal_ms} ms)",
        took.len(),
        percentile(&took, 0.5),
        percentile(&took, 0.99),
        percentile(&took, 1.0),
    );
}

/// The test provider on a free port; its issuer.
async fn provider() -> Result<(tokio::process::Child, String), String> {
    let harness =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/e2e/oidc-provider.mjs");
    let mut child = tokio::process::Command::new("node")
        .arg(harness)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("node: {e}"))?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let line = BufReader::new(stdout)
        .lines()
        .next_line()
        .await
        .map_err(|e| e.to_string())?
        .ok_or("the provider printed nothing")?;
    let issuer =
        serde_json::from_str::<serde_json::Value>(&line).map_err(|e| e.to_string())?["issuer"]
            .as_str()
            .ok_or("no issuer")?
            .to_owned();
    Ok((child, issuer))
}

async fn token(issuer: &str, subject: &str) -> Result<String, String> {
    let answer: serde_json::Value = reqwest::Client::new()
        .post(format!("{issuer}/test/token"))
        .json(&serde_json::json!({ "sub": subject, "ttl": 3600 }))
        .send()
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    Ok(answer["access_token"]
        .as_str()
        .ok_or("no token")?
        .to_owned())
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let options = options()?;
    let (_provider, issuer) = provider().await?;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut config = Config {
        addr: "127.0.0.1:0".parse().map_err(|_| "address")?,
        database: dir.path().join("bench.sqlite3"),
        database_url: options
            .postgres
            .clone()
            .map(vardkoll_server::config::DatabaseUrl::new),
        rate_per_second: 1e9,
        rate_burst: 1e9,
        ..Config::default()
    };
    config.identity = Some(IdentityConfig {
        issuer: issuer.clone(),
        audience: "urn:vardkoll:api".into(),
        identity_claim: DEFAULT_IDENTITY_CLAIM.into(),
        leeway_seconds: 60,
        role_claim: DEFAULT_ROLE_CLAIM.into(),
        region_claim: DEFAULT_REGION_CLAIM.into(),
        provider_claim: DEFAULT_PROVIDER_CLAIM.into(),
    });
    let store_name = if options.postgres.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let store = vardkoll_server::store::open(&config)
        .await
        .map_err(|e| e.to_string())?;
    let data = store.dataset().await.map_err(|e| e.to_string())?;
    let today = Clock::system().swedish_now().date();
    let services = [
        "op-hoft",
        "op-kna",
        "op-katarakt",
        "besok-ortopedi",
        "besok-hud",
    ];

    // Waiting requests: every region, a few services, deadlines from 60 days
    // ago to 90 days ahead.
    let filling = Instant::now();
    let mut references = Vec::with_capacity(options.requests);
    for i in 0..options.requests {
        let region = REGIONS[i % REGIONS.len()].code;
        let mut request = NewReferral {
            service_code: services[i % services.len()].into(),
            home_region: Some(region.into()),
            preferred_providers: vec![data.providers[i % data.providers.len()].id.clone()],
            max_travel_km: [None, Some(100), Some(400)][i % 3],
            guarantee: Some(GuaranteeDeadline {
                step: Step::Treatment,
                deadline: today + Days::new((i % 150) as u64) - Days::new(60),
                state: DeadlineState::WillBeMissed,
            }),
            ..NewReferral::example()
        };
        request.name = format!("Patient {i}");
        let referral = request
            .validate(today, |_| true, |_| true)
            .map_err(|e| format!("{e:?}"))?;
        let created = store
            .create_referral(NewRequest {
                idempotency_key: format!("bench-mediation-{i:08}"),
                body_hash: format!("{i}"),
                referral,
                created_at: Clock::system().stamp(),
                subject: None,
            })
            .await
            .map_err(|e| e.to_string())?;
        if let vardkoll_server::store::CreateOutcome::Created(created) = created {
            references.push(created.reference);
        }
    }
    let requests_took = filling.elapsed();
    // Free times: providers taking other regions' patients, the same
    // services, spread over half a year, one hour apart, never overlapping.
    let filling = Instant::now();
    let open: Vec<&str> = data
        .providers
        .iter()
        .filter(|p| p.accepts_other_regions)
        .map(|p| p.id.as_str())
        .collect();
    let mut slots = Vec::with_capacity(options.times);
    for i in 0..options.times {
        let provider = open[i % open.len()];
        let n = i / open.len();
        let (day, hour) = (1 + (n / 8) as u64, 8 + (n % 8) as u8);
        slots.push(Slot {
            provider_id: provider.into(),
            service_code: services[i % services.len()].into(),
            date: today + Days::new(day),
            start: ClockTime::new(hour, 0).ok_or("hour")?,
            minutes: 60,
        });
    }
    for batch in slots.chunks(2_000) {
        store
            .publish_free_times(
                batch.to_vec(),
                Publisher {
                    staff: "bench".into(),
                    at: Clock::system().stamp(),
                },
            )
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| format!("{e:?}"))?;
    }
    let times_took = filling.elapsed();
    store.close().await.map_err(|e| e.to_string())?;
    drop(store);
    // A bulk load is followed by the autovacuum's ANALYZE within a minute in
    // a running database; without it the planner guesses from an empty table.
    if let Some(url) = &options.postgres {
        let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
            .await
            .map_err(|e| e.to_string())?;
        tokio::spawn(connection);
        client
            .batch_execute("ANALYZE")
            .await
            .map_err(|e| e.to_string())?;
    }

    let running = vardkoll_server::start(config).await?;
    let base = format!("http://{}/api/v1", running.addr);
    let client = reqwest::Client::new();
    let nora = token(&issuer, "navigator-01").await?;
    println!(
        "{store_name}: {} waiting requests (stored in {:.1} s), {} free times at {} providers (stored in {:.1} s)",
        references.len(),
        requests_took.as_secs_f64(),
        slots.len(),
        open.len(),
        times_took.as_secs_f64()
    );
    // Region 01's requests: every 21st.
    let mine: Vec<&String> = references.iter().step_by(REGIONS.len()).collect();
    let mut took = Vec::new();
    for i in 0..options.samples {
        let reference = mine[i % mine.len()];
        let started = Instant::now();
        let answer = client
            .get(format!("{base}/staff/referrals/{reference}/suggestions"))
            .bearer_auth(&nora)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let status = answer.status();
        let _ = answer.bytes().await;
        took.push(started.elapsed());
        if !status.is_success() {
            return Err(format!("suggestions: {status}"));
        }
    }
    report("suggestions for one request", took, 20.0);
    let mut took = Vec::new();
    let mut items = 0;
    let mut marked = 0;
    for _ in 0..options.samples {
        let started = Instant::now();
        let answer = client
            .get(format!("{base}/staff/referrals"))
            .bearer_auth(&nora)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let queue: Vec<serde_json::Value> = answer.json().await.map_err(|e| e.to_string())?;
        took.push(started.elapsed());
        items = queue.len();
        marked = queue
            .iter()
            .filter(|q| q["freeTimeBeforeDeadline"] == true)
            .count();
    }
    report(
        &format!("queue of {items} requests, {marked} marked"),
        took,
        50.0,
    );
    running.stop().await;
    Ok(())
}
