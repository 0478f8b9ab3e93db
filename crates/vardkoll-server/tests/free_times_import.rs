//! Free times from a CSV file, as a provider without a scheduler publishes
//! them (`vardkoll-server import-free-times --file`), and the demo's sample
//! (`--sample`): every bad row named by its line, nothing half-imported.

mod common;

use std::process::Command;

use chrono::Days;
use vardkoll_server::clock::Clock;
use vardkoll_server::dataset::default_dataset;
use vardkoll_server::free_times_csv::{parse, sample};
use vardkoll_server::store::{self, FreeTimeQuery};

fn day(from_today: u64) -> String {
    let today = Clock::system().swedish_now().date();
    vardkoll_domain::date::iso(today + Days::new(from_today))
}

fn good() -> String {
    format!(
        "provider_id,service_code,date,start,minutes,weeks\n\
         akademiska-sjukhuset,op-hoft,{},09:00,60,3\n\
         \n\
         sahlgrenska,op-kna,{},13:30,45,\n",
        day(7),
        day(8)
    )
}

#[test]
fn a_good_file_gives_every_time_of_its_series() {
    let slots = parse(&good(), Clock::system().swedish_now(), &default_dataset()).unwrap();
    assert_eq!(slots.len(), 4);
    assert_eq!(slots[3].provider_id, "sahlgrenska");
    assert_eq!(slots[3].start_text(), "13:30");
}

#[test]
fn every_bad_row_is_reported_with_its_line() {
    let text = format!(
        "provider_id,service_code,date,start,minutes\n\
         akademiska-sjukhuset,op-hoft,{today},09:00,60\n\
         no-such-provider,op-hoft,{today7},09:00,60\n\
         akademiska-sjukhuset,op-hoft,2020-01-01,09:00,60\n\
         akademiska-sjukhuset,op-hoft,{today7},9.30,60\n\
         akademiska-sjukhuset,op-hoft,{today7},10:00,sixty\n\
         akademiska-sjukhuset,op-hoft\n\
         akademiska-sjukhuset,op-kna,{today8},09:00,60\n\
         akademiska-sjukhuset,op-hoft,{today8},09:30,60\n",
        today = day(0),
        today7 = day(7),
        today8 = day(8),
    );
    let problems = parse(&text, Clock::system().swedish_now(), &default_dataset()).unwrap_err();
    let lines: Vec<(usize, &str)> = problems
        .iter()
        .map(|p| (p.line, p.field.as_str()))
        .collect();
    // Line 2 may or may not have begun (09:00 today): it is not asserted.
    let lines: Vec<_> = lines.into_iter().filter(|(line, _)| *line != 2).collect();
    assert_eq!(
        lines,
        [
            (3, "providerId"),
            (4, "date"),
            (5, "start"),
            (6, "minutes/weeks"),
            (7, "row"),
            (9, "start"),
        ]
    );
    assert!(problems.iter().any(|p| {
        p.to_string()
            .starts_with("line 9: start: overlaps the time of line 8")
    }));
    let header = parse(
        "provider,service_code\n",
        Clock::system().swedish_now(),
        &default_dataset(),
    );
    assert_eq!(
        header.unwrap_err()[0].to_string(),
        "line 1: provider: not a column of this format"
    );
}

#[test]
fn the_sample_has_free_times_in_every_region_and_none_overlap() {
    let data = default_dataset();
    let today = Clock::system().swedish_now().date();
    let slots = sample(today, &data);
    for region in vardkoll_domain::regions::REGIONS {
        assert!(
            slots.iter().any(|s| data
                .providers
                .iter()
                .any(|p| p.id == s.provider_id && p.region_code == region.code)),
            "{}",
            region.name
        );
    }
    for (i, a) in slots.iter().enumerate() {
        assert!(a.date > today);
        assert!(slots[i + 1..].iter().all(|b| !a.overlaps(b)));
    }
}

fn run(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_vardkoll-server"))
        .arg("import-free-times")
        .args(args)
        .env("VARDKOLL_DB", db)
        .env("RUST_LOG", "warn")
        .output()
        .expect("the server binary runs")
}

async fn stored(db: &std::path::Path) -> usize {
    let config = vardkoll_server::config::Config {
        database: db.to_owned(),
        ..Default::default()
    };
    let store = store::open(&config).await.unwrap();
    let times = store
        .free_times(FreeTimeQuery {
            from: day(0),
            ..FreeTimeQuery::default()
        })
        .await
        .unwrap();
    store.close().await.unwrap();
    times.len()
}

#[tokio::test]
async fn the_command_imports_all_rows_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("import.sqlite3");
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        format!("{}no-such-provider,op-hoft,{},09:00,60,\n", good(), day(9)),
    )
    .unwrap();
    let output = run(&db, &["--file", bad.to_str().unwrap()]);
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("nothing imported") && said.contains("line 5: providerId"),
        "{said}"
    );
    assert_eq!(stored(&db).await, 0);

    let file = dir.path().join("good.csv");
    std::fs::write(&file, good()).unwrap();
    let output = run(&db, &["--file", file.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("4 free times imported"));
    assert_eq!(stored(&db).await, 4);
    // The same file again overlaps what is stored: nothing more.
    let output = run(&db, &["--file", file.to_str().unwrap()]);
    assert!(!output.status.success());
    assert_eq!(stored(&db).await, 4);
}

#[tokio::test]
async fn the_sample_is_added_to_a_database_without_free_times_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let output = run(&db, &["--sample"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let count = stored(&db).await;
    assert!(count > 100, "{count}");
    let output = run(&db, &["--sample"]);
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("no sample added"));
    assert_eq!(stored(&db).await, count);
}
