//! The Kolada importer: saved answers in Kolada's exact v3 shape, the fetching
//! path against a local HTTP server serving them (pages by `next_url`, a
//! failing answer retried, one that never comes cut off), and the command
//! that stores them for the server to serve with their source.

mod common;

use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::IntoResponse;
use common::*;
use serde_json::Value;
use vardkoll_server::import::Report;
use vardkoll_server::kolada::{self, FetchOptions};

const PAGE_1: &str = include_str!("fixtures/kolada/N79240-page1.json");
const PAGE_2: &str = include_str!("fixtures/kolada/N79240-page2.json");
const OPERATIONS: &str = include_str!("fixtures/kolada/N79242.json");

fn fixtures() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/kolada").to_owned()
}

#[test]
fn saved_answers_give_the_regions_figures_for_each_gender_and_nulls_as_none() {
    let mut report = Report::default();
    let page = kolada::parse_page(PAGE_1, "2026-12-01", &mut report).unwrap();
    assert_eq!(page.next_url.as_deref(), Some("NEXT_URL"));
    let halland: Vec<(&str, Option<f64>)> = page
        .figures
        .iter()
        .filter(|f| f.region_code == "13")
        .map(|f| (f.gender.as_str(), f.value))
        .collect();
    assert_eq!(
        halland,
        [("K", Some(33.0)), ("M", Some(37.0)), ("T", Some(35.0))]
    );
    let stockholm = page.figures.iter().find(|f| f.region_code == "01").unwrap();
    assert_eq!(stockholm.value, None, "published as none, kept as none");
    assert!(
        page.figures
            .iter()
            .all(|f| f.source == "kolada" && f.fetched == "2026-12-01" && f.year == 2024)
    );
    // Stockholm municipality (0180) is no region.
    assert_eq!(
        report
            .skipped
            .get("Kolada row not for a region (a municipality or unknown id)"),
        Some(&1)
    );
    let country = kolada::parse_page(PAGE_2, "2026-12-01", &mut report).unwrap();
    assert_eq!(country.next_url, None);
    assert!(country.figures.iter().any(|f| f.region_code == "00"));
    // Broken answers are errors, never panics.
    assert!(kolada::parse_page("<html>", "2026-12-01", &mut report).is_err());
    assert!(kolada::parse_page("{\"x\":1}", "2026-12-01", &mut report).is_err());
}

/// A local server in Kolada's shape: N79240 in two pages (the first's
/// `next_url` leads to the second), N79242 failing once with 503, every other
/// key figure empty; `hang` never answers.
async fn kolada_server(hang: bool) -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let calls = Arc::new(AtomicUsize::new(0));
    let state = (base.clone(), calls.clone(), hang);
    let app = Router::new()
        .fallback(
            |State((base, calls, hang)): State<(String, Arc<AtomicUsize>, bool)>, uri: Uri| async move {
                let n = calls.fetch_add(1, Ordering::SeqCst);
                if hang {
                    tokio::time::sleep(Duration::from_secs(30)).await;
                }
                let path = uri.path();
                if path == "/page2" {
                    return (StatusCode::OK, PAGE_2.to_owned()).into_response();
                }
                if path.starts_with("/v3/data/kpi/N79240/year/2023,2024") {
                    let next = format!("{base}/page2");
                    return (StatusCode::OK, PAGE_1.replace("NEXT_URL", &next)).into_response();
                }
                if path.starts_with("/v3/data/kpi/N79242/") {
                    // The first try of this key figure fails.
                    static FAILED: AtomicUsize = AtomicUsize::new(0);
                    if FAILED.fetch_add(1, Ordering::SeqCst) == 0 {
                        return StatusCode::SERVICE_UNAVAILABLE.into_response();
                    }
                    return (StatusCode::OK, OPERATIONS.to_owned()).into_response();
                }
                let _ = n;
                (StatusCode::OK, r#"{"count":0,"values":[],"next_url":null}"#.to_owned())
                    .into_response()
            },
        )
        .with_state(state);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, calls)
}

#[tokio::test]
async fn fetching_follows_next_url_and_retries_a_failed_answer() {
    let (base, calls) = kolada_server(false).await;
    let mut options = FetchOptions::new(&base, vec![2023, 2024]);
    options.backoff = Duration::from_millis(10);
    let mut report = Report::default();
    let figures = kolada::fetch(&options, "2026-12-01", &mut report)
        .await
        .unwrap();
    // Both pages of N79240, and N79242 after its retry.
    assert!(
        figures
            .iter()
            .any(|f| f.kpi == "N79240" && f.region_code == "00")
    );
    assert!(
        figures
            .iter()
            .any(|f| f.kpi == "N79240" && f.region_code == "13" && f.year == 2023)
    );
    assert!(
        figures
            .iter()
            .any(|f| f.kpi == "N79242" && f.value == Some(61.0))
    );
    // Ten key figures, one second page, one retry.
    assert_eq!(calls.load(Ordering::SeqCst), 12);
}

#[tokio::test]
async fn an_answer_that_never_comes_is_cut_off_and_reported() {
    let (base, _) = kolada_server(true).await;
    let mut options = FetchOptions::new(&base, vec![2024]);
    options.timeout = Duration::from_millis(200);
    options.attempts = 2;
    options.backoff = Duration::from_millis(10);
    let started = std::time::Instant::now();
    let error = kolada::fetch(&options, "2026-12-01", &mut Report::default())
        .await
        .unwrap_err();
    assert!(error.contains("no answer within"), "{error}");
    assert!(error.contains("after 2 tries"), "{error}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn the_command_stores_the_figures_and_the_server_serves_them_with_their_source() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("kolada.sqlite3");
    let run = |files: &[&str]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_vardkoll-server"));
        command.env("VARDKOLL_DB", &database).arg("import-kolada");
        for file in files {
            command.arg("--file").arg(format!("{}/{file}", fixtures()));
        }
        command.output().unwrap()
    };
    let output = run(&["N79240-page1.json", "N79240-page2.json", "N79242.json"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Again: nothing changes (append-only).
    assert!(run(&["N79240-page1.json"]).status.success());

    let server = TestServer::with(|c| c.database = database.clone()).await;
    let page: Value = server
        .get("/regional-figures?region=13")
        .await
        .json()
        .await
        .unwrap();
    assert_matches_contract(&page, schema("RegionalFiguresPage"));
    let figures = page["figures"].as_array().unwrap();
    assert_eq!(figures.len(), 5, "{page}");
    assert!(figures.iter().all(|f| f["regionCode"] == "13"));
    assert_eq!(page["sources"][0]["id"], "kolada");
    assert_eq!(page["sources"][0]["licence"], "CC BY 4.0");
    let all: Value = server.get("/regional-figures").await.json().await.unwrap();
    assert_eq!(all["figures"].as_array().unwrap().len(), 7);
    let problem = assert_problem(server.get("/regional-figures?region=99").await, 422).await;
    assert_eq!(problem["errors"][0]["field"], "region");
    assert_problem(server.get("/regional-figures?kpi=x").await, 422).await;
}
