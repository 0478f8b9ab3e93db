//! `vardkoll-server` — serve the API, or import vantetider.se files.
//!
//! ```text
//! vardkoll-server                       serve (settings from VARDKOLL_* variables)
//! vardkoll-server import --services FILE [--category visit|examination|operation]
//!                        [--waiting SERVICECODE=FILE]...
//!                        (database: VARDKOLL_DATABASE_URL, else VARDKOLL_DB; running
//!                        instances pick the import up within VARDKOLL_DATA_CHECK_SECONDS)
//! vardkoll-server import-kolada --file FILE...      saved Kolada v3 answers, or
//! vardkoll-server import-kolada --base-url URL --years 2023,2024
//!                        fetched (following next_url; retries, a timeout)
//! vardkoll-server import-free-times --file FILE     a provider's free times
//!                        (CSV, see free_times_csv; all rows or none)
//! vardkoll-server import-free-times --sample        the demo's free times, unless
//!                        the database has free times from today on already
//! ```

use std::process::ExitCode;

use vardkoll_domain::api::ServiceCategory;
use vardkoll_server::config::Config;
use vardkoll_server::dataset::Dataset;
use vardkoll_server::free_times_csv;
use vardkoll_server::import::{self, Report};
use vardkoll_server::kolada;
use vardkoll_server::store;

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .json()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("vardkoll-server: {error}");
            return ExitCode::FAILURE;
        }
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None | Some("serve") => serve(config),
        Some("import") => run_import(&config, &args[1..]),
        Some("import-kolada") => run_kolada(&config, &args[1..]),
        Some("import-free-times") => run_free_times(&config, &args[1..]),
        Some(other) => Err(format!(
            "unknown command {other:?}; use serve, import, import-kolada or import-free-times"
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("vardkoll-server: {error}");
            ExitCode::FAILURE
        }
    }
}

fn serve(config: Config) -> Result<(), String> {
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let running = vardkoll_server::start(config).await?;
        tracing::info!(addr = %running.addr, "listening");
        shutdown_signal().await;
        tracing::info!("shutting down: finishing requests in flight");
        running.stop().await;
        tracing::info!("stopped");
        Ok(())
    })
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = interrupt => {}, _ = terminate => {} }
}

/// The command's options, each `--name` with the value after it.
fn options(args: &[String]) -> Result<Vec<(&str, &str)>, String> {
    args.chunks(2)
        .map(|pair| match pair {
            [name, value] => Ok((name.as_str(), value.as_str())),
            lone => Err(format!("{} needs a value", lone.concat())),
        })
        .collect()
}

/// Imports free times from a CSV file (`--file`), or the demo's (`--sample`).
fn run_free_times(config: &Config, args: &[String]) -> Result<(), String> {
    let sample = args.iter().any(|a| a == "--sample");
    let rest: Vec<String> = args.iter().filter(|a| *a != "--sample").cloned().collect();
    let mut file = None;
    for (option, value) in options(&rest)? {
        match option {
            "--file" => file = Some(value.to_owned()),
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    let now = vardkoll_server::clock::Clock::system().swedish_now();
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let store = store::open(config).await.map_err(|e| e.to_string())?;
        let catalogue = store.dataset().await.map_err(|e| e.to_string())?;
        let slots = match (file, sample) {
            (Some(file), false) => {
                let text = std::fs::read_to_string(&file).map_err(|e| format!("{file}: {e}"))?;
                free_times_csv::parse(&text, now, &catalogue).map_err(|problems| {
                    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
                    format!("{file}: nothing imported\n{}", lines.join("\n"))
                })?
            }
            (None, true) => {
                let stored = store
                    .free_times(store::FreeTimeQuery {
                        from: vardkoll_domain::date::iso(now.date()),
                        ..store::FreeTimeQuery::default()
                    })
                    .await
                    .map_err(|e| e.to_string())?;
                if !stored.is_empty() {
                    println!("free times from today on are there already: no sample added");
                    return store.close().await.map_err(|e| e.to_string());
                }
                free_times_csv::sample(now.date(), &catalogue)
            }
            _ => return Err("give --file FILE or --sample".into()),
        };
        let count = slots.len();
        let by = store::Publisher {
            staff: "import".into(),
            at: vardkoll_server::clock::Clock::system().stamp(),
        };
        match store
            .publish_free_times(slots, by)
            .await
            .map_err(|e| e.to_string())?
        {
            Ok(_) => println!("{count} free times imported"),
            Err(store::TimeRefused::Overlap { with }) => {
                store.close().await.map_err(|e| e.to_string())?;
                return Err(format!(
                    "nothing imported: a time overlaps time {with} of its provider, stored already"
                ));
            }
            Err(other) => return Err(format!("nothing imported: {other:?}")),
        }
        store.close().await.map_err(|e| e.to_string())
    })
}

/// Imports Kolada's regional figures from saved answers (`--file`, repeated)
/// or from the API at `--base-url` for `--years`.
fn run_kolada(config: &Config, args: &[String]) -> Result<(), String> {
    let mut files = Vec::new();
    let mut base_url = None;
    let mut years = Vec::new();
    for (option, value) in options(args)? {
        match option {
            "--file" => files.push(value.to_owned()),
            "--base-url" => base_url = Some(value.to_owned()),
            "--years" => {
                for year in value.split(',') {
                    years.push(
                        year.trim()
                            .parse::<i32>()
                            .map_err(|_| format!("--years: {year:?} is not a year"))?,
                    );
                }
            }
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    let today = vardkoll_domain::date::iso(chrono::Local::now().date_naive());
    let mut report = Report::default();
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    let regional = match (base_url, files.is_empty()) {
        (Some(base), true) => {
            if years.is_empty() {
                return Err("--base-url needs --years".into());
            }
            let options = kolada::FetchOptions::new(&base, years);
            runtime.block_on(kolada::fetch(&options, &today, &mut report))?
        }
        (None, false) => {
            let mut figures = Vec::new();
            for file in &files {
                let json = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
                figures.extend(kolada::parse_page(&json, &today, &mut report)?.figures);
            }
            figures
        }
        _ => return Err("give --file FILE... or --base-url URL --years Y,Y".into()),
    };
    runtime
        .block_on(async {
            let store = store::open(config).await?;
            store
                .import(Dataset {
                    regional,
                    ..Dataset::default()
                })
                .await?;
            store.close().await
        })
        .map_err(|e| e.to_string())?;
    print!("{report}");
    Ok(())
}

fn run_import(config: &Config, args: &[String]) -> Result<(), String> {
    let mut category = ServiceCategory::Visit;
    let mut services_file = None;
    let mut waiting = Vec::new();
    for (option, value) in options(args)? {
        match option {
            "--services" => services_file = Some(value.to_owned()),
            "--category" => {
                category = match value {
                    "visit" => ServiceCategory::Visit,
                    "examination" => ServiceCategory::Examination,
                    "operation" => ServiceCategory::Operation,
                    other => return Err(format!("unknown category {other:?}")),
                }
            }
            "--waiting" => {
                let (code, file) = value
                    .split_once('=')
                    .ok_or("--waiting takes SERVICECODE=FILE")?;
                waiting.push((code.to_owned(), file.to_owned()));
            }
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    let store = runtime
        .block_on(store::open(config))
        .map_err(|e| e.to_string())?;
    let current = runtime
        .block_on(store.dataset())
        .map_err(|e| e.to_string())?;
    let mut report = Report::default();
    let mut data = Dataset {
        providers: current.providers,
        ..Dataset::default()
    };
    if let Some(file) = services_file {
        let json = std::fs::read_to_string(&file).map_err(|e| format!("{file}: {e}"))?;
        data.services = import::services(&json, category, &mut report)?;
    }
    let today = chrono::Local::now().date_naive();
    for (code, file) in waiting {
        let known = data
            .services
            .iter()
            .chain(&current.services)
            .any(|s| s.code == code);
        if !known {
            report
                .skipped
                .insert(format!("{file}: unknown service {code}"), 1);
            continue;
        }
        let json = std::fs::read_to_string(&file).map_err(|e| format!("{file}: {e}"))?;
        import::waiting(
            &json,
            &code,
            today,
            &current.statistics,
            &mut data,
            &mut report,
        )?;
    }
    runtime
        .block_on(async {
            store.import(data).await?;
            store.close().await
        })
        .map_err(|e| e.to_string())?;
    print!("{report}");
    Ok(())
}
