//! The importer on messy files in vantetider.se's shape: what it loads, what it
//! skips and why, and that the server then serves the imported figures.

mod common;

use std::process::Command;

use common::*;
use serde_json::Value;
use vardkoll_domain::api::{FreeCapacity, ServiceCategory, WaitBand};
use vardkoll_server::dataset::Dataset;
use vardkoll_server::import::{self, Report};

const SERVICES: &str = include_str!("fixtures/services-operation.json");
const WAITING: &str = include_str!("fixtures/waiting-10503.json");

#[test]
fn services_are_loaded_and_the_mess_is_reported() {
    let mut report = Report::default();
    let services = import::services(SERVICES, ServiceCategory::Operation, &mut report).unwrap();
    let names: Vec<_> = services
        .iter()
        .map(|s| (s.code.as_str(), s.name_sv.as_str()))
        .collect();
    assert_eq!(
        names,
        vec![
            (
                "10502",
                "Magsäck - kirurgi (gastroskopi på kirurgisk enhet)"
            ),
            ("10503", "Höftledsplastik & revision")
        ]
    );
    assert_eq!(report.skipped.get("service disabled"), Some(&1));
    assert_eq!(report.skipped.get("service without a name"), Some(&1));
    assert_eq!(
        report
            .skipped
            .get("service without a Servicecode of digits"),
        Some(&1)
    );
}

#[test]
fn service_codes_stay_strings_with_the_digits_their_kind_has() {
    let specialties = r#"{"Services":[
        {"Name":"Ortopedi","Servicecode":13},
        {"Name":"Kirurgi","Servicecode":"013"},
        {"Name":"Felaktig","Servicecode":"13a"}
    ]}"#;
    let mut report = Report::default();
    let services = import::services(specialties, ServiceCategory::Visit, &mut report).unwrap();
    let codes: Vec<&str> = services.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(codes, ["013", "013"]);
    assert_eq!(
        report
            .skipped
            .get("service without a Servicecode of digits"),
        Some(&1)
    );
    let operations = r#"{"Services":[{"Name":"Gastroskopi","Servicecode":502}]}"#;
    let services = import::services(operations, ServiceCategory::Examination, &mut report).unwrap();
    assert_eq!(services[0].code, "00502");
}

#[test]
fn waiting_rows_map_bands_regions_capacity_and_dates() {
    let mut report = Report::default();
    let mut data = Dataset::default();
    let today = vardkoll_domain::date::ymd(2026, 11, 25);
    import::waiting(WAITING, "10503", today, &[], &mut data, &mut report).unwrap();
    assert_eq!(report.statistics, 7, "{report}");
    assert_eq!(report.skipped.get("unknown region id 99"), Some(&1));
    assert_eq!(report.skipped.get("unknown region id (missing)"), Some(&1));
    assert_eq!(report.skipped.get("row without unitId"), Some(&1));
    assert_eq!(report.skipped.get("unit without a name"), Some(&1));
    assert_eq!(
        report.skipped.get("missing or unreadable Updated date"),
        Some(&1)
    );

    let row = |unit: &str| {
        data.statistics
            .iter()
            .find(|s| s.provider_id.as_deref() == Some(unit))
            .unwrap()
    };
    let nu = row("vt-3147");
    assert_eq!(
        (nu.region_code.as_str(), nu.estimated_wait_days),
        ("14", Some(77))
    );
    assert_eq!(
        nu.estimated_wait_band,
        Some(WaitBand {
            min_weeks: 9,
            max_weeks: Some(13)
        })
    );
    assert_eq!(nu.free_capacity, FreeCapacity::No);
    assert!(!nu.sample_data);
    let sos = row("vt-2001");
    assert_eq!(
        (sos.region_code.as_str(), sos.free_capacity),
        ("01", FreeCapacity::Yes)
    );
    assert_eq!(
        sos.estimated_wait_band,
        Some(WaitBand {
            min_weeks: 52,
            max_weeks: None
        })
    );
    assert_eq!(row("vt-2002").estimated_wait_days, None);
    // Bands are read by their pattern; other text is kept as it is.
    assert_eq!(
        row("vt-2009").estimated_wait_band,
        Some(WaitBand {
            min_weeks: 9,
            max_weeks: Some(13)
        })
    );
    assert_eq!(row("vt-2009").estimated_wait_text, None);
    assert_eq!(
        row("vt-2002").estimated_wait_text.as_deref(),
        Some("Uppgift saknas")
    );
    let motala = row("vt-2010");
    assert_eq!(
        (
            motala.estimated_wait_band,
            motala.estimated_wait_days,
            motala.estimated_wait_text.as_deref()
        ),
        (None, None, Some("Mindre än en vecka"))
    );
    assert_eq!(row("vt-2002").reported, "2026-11-15");
    assert_eq!(row("vt-2003").reported, "2025-11-15");
    // Reported in June: older than six weeks, so free capacity is unknown.
    assert_eq!(row("vt-2008").free_capacity, FreeCapacity::Unknown);
    let provider = data.providers.iter().find(|p| p.id == "vt-2001").unwrap();
    assert_eq!(provider.name, "Ortopedi Södersjukhuset");
    // Region-wide rows are derived from the imported units.
    assert!(
        data.statistics
            .iter()
            .any(|s| s.provider_id.is_none() && s.region_code == "14")
    );
}

#[test]
fn figures_name_their_source_and_an_import_only_adds_and_holds_back_jumps() {
    let today = vardkoll_domain::date::ymd(2026, 11, 25);
    let mut report = Report::default();
    let mut first = Dataset::default();
    import::waiting(WAITING, "10503", today, &[], &mut first, &mut report).unwrap();
    let nu = first
        .statistics
        .iter()
        .find(|s| s.provider_id.as_deref() == Some("vt-3147"))
        .unwrap();
    assert_eq!(nu.source.as_deref(), Some("vantetider"));
    assert_eq!(nu.fetched.as_deref(), Some("2026-11-25"));
    assert_eq!(nu.period.to_string(), "2026-11");

    // The same file again: everything already published is kept as it was.
    let mut again = Report::default();
    let mut second = Dataset::default();
    import::waiting(
        WAITING,
        "10503",
        today,
        &first.statistics,
        &mut second,
        &mut again,
    )
    .unwrap();
    assert_eq!(again.kept, 7, "{again}");
    assert!(second.statistics.iter().all(|s| s.provider_id.is_none()));

    // December: NU-sjukvården from 77 days to 21 (-72 %) is held back and
    // reported; Södersjukhuset from 364 to 364 is published.
    let december = r#"{"aaData":[
        {"regionId":51,"unitId":3147,"unitName":"NU-sjukvården","Waiting":"2 - 4 veckor","Updated":"2026-12-02"},
        {"regionId":10,"unitId":2001,"unitName":"Ortopedi Södersjukhuset","Waiting":"> 52 veckor","Updated":"2026-12-02"}
    ]}"#;
    let mut third = Report::default();
    let mut data = Dataset::default();
    import::waiting(
        december,
        "10503",
        today,
        &first.statistics,
        &mut data,
        &mut third,
    )
    .unwrap();
    assert_eq!(third.held_back.len(), 1, "{third}");
    assert!(
        third.held_back[0]
            .starts_with("vt-3147 10503 2026-12: estimated wait 77 → 21 days (-72 %)"),
        "{third}"
    );
    assert!(third.to_string().contains("held back: vt-3147"), "{third}");
    let published: Vec<_> = data
        .statistics
        .iter()
        .filter_map(|s| s.provider_id.as_deref())
        .collect();
    assert_eq!(published, ["vt-2001"]);
}

#[test]
fn broken_files_are_errors_not_panics() {
    let mut report = Report::default();
    assert!(import::services("not json", ServiceCategory::Visit, &mut report).is_err());
    assert!(import::services("{\"Other\":[]}", ServiceCategory::Visit, &mut report).is_err());
    let mut data = Dataset::default();
    let today = vardkoll_domain::date::ymd(2026, 11, 25);
    assert!(import::waiting("[1,2]", "x", today, &[], &mut data, &mut report).is_err());
}

#[tokio::test]
async fn the_import_command_loads_into_the_database_the_server_serves() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("import.sqlite3");
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let output = Command::new(env!("CARGO_BIN_EXE_vardkoll-server"))
        .env("VARDKOLL_DB", &database)
        .args(["import", "--category", "operation", "--services"])
        .arg(format!("{fixtures}/services-operation.json"))
        .arg("--waiting")
        .arg(format!("10503={fixtures}/waiting-10503.json"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("loaded 2 services"), "{stdout}");
    assert!(
        stdout.contains("skipped 1: unknown region id 99"),
        "{stdout}"
    );

    let server = TestServer::with(|c| c.database = database.clone()).await;
    let page: Value = server
        .get("/statistics?service=10503&level=provider")
        .await
        .json()
        .await
        .unwrap();
    assert_matches_contract(&page, schema("StatisticsPage"));
    assert_eq!(page["sampleData"], false);
    // Every figure names its source, described once on the page.
    assert!(
        page["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["source"] == "vantetider" && r["fetched"].is_string())
    );
    assert_eq!(page["sources"].as_array().unwrap().len(), 1);
    assert_eq!(page["sources"][0]["url"], "https://www.vantetider.se");
    assert_eq!(page["sources"][0]["currentForDays"], 42);
    // Text that is no band of weeks comes back as it was published.
    let motala = page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["providerId"] == "vt-2010")
        .unwrap();
    assert_eq!(motala["estimatedWaitText"], "Mindre än en vecka");
    assert!(motala.get("estimatedWaitDays").is_none());
    let services: Value = server.get("/services").await.json().await.unwrap();
    assert!(
        services
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["nameSv"] == "Höftledsplastik & revision")
    );
}
