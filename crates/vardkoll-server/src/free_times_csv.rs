//! Free times from a CSV file, for a provider without a scheduler signed in
//! (`vardkoll-server import-free-times --file FILE`), and the sample times the
//! demo publishes (`--sample`).
//!
//! The file: UTF-8, comma-separated, a header row naming the columns, one time
//! (or weekly series) per row:
//!
//! | column         | required | meaning                                         |
//! |----------------|----------|-------------------------------------------------|
//! | `provider_id`  | yes      | a provider of the catalogue (`GET /providers`)  |
//! | `service_code` | yes      | a service of the catalogue (`GET /services`)    |
//! | `date`         | yes      | YYYY-MM-DD, from today on                       |
//! | `start`        | yes      | HH:MM, Swedish time, not begun                  |
//! | `minutes`      | yes      | 5 to 480                                        |
//! | `weeks`        | no       | the same weekday and time for 1 to 26 weeks     |
//!
//! Every row passes the checks a scheduler's publication passes
//! ([`NewFreeTimes::validate`]); a bad row is reported with its line and
//! field, and then nothing is imported. The times are stored in one
//! transaction: a time that overlaps another of its provider (in the file or
//! stored) stops the import whole.

use chrono::{Days, NaiveDate, NaiveDateTime};
use vardkoll_domain::api::{NewFreeTimes, Slot};
use vardkoll_domain::clock_time::ClockTime;

use crate::dataset::Dataset;

const COLUMNS: [&str; 6] = [
    "provider_id",
    "service_code",
    "date",
    "start",
    "minutes",
    "weeks",
];
const REQUIRED: usize = 5;

/// The most rows one file may hold (a year of a large hospital's times).
pub const MAX_ROWS: usize = 100_000;

/// A row that cannot be imported: its line (1 is the header) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineProblem {
    pub line: usize,
    pub field: String,
    pub detail: String,
}

impl std::fmt::Display for LineProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.field, self.detail)
    }
}

/// The times of `text`, checked against the catalogue at `now` (Swedish
/// local time); or every problem found, by line.
pub fn parse(
    text: &str,
    now: NaiveDateTime,
    catalogue: &Dataset,
) -> Result<Vec<Slot>, Vec<LineProblem>> {
    let problem = |line: usize, field: &str, detail: &str| LineProblem {
        line,
        field: field.to_owned(),
        detail: detail.to_owned(),
    };
    let mut lines = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((_, header)) = lines.next() else {
        return Err(vec![problem(1, "header", "the file is empty")]);
    };
    let names: Vec<&str> = header.split(',').map(str::trim).collect();
    let mut index = [None; COLUMNS.len()];
    for (position, name) in names.iter().enumerate() {
        match COLUMNS.iter().position(|c| c == name) {
            Some(column) => index[column] = Some(position),
            None => return Err(vec![problem(1, name, "not a column of this format")]),
        }
    }
    if let Some(missing) = (0..REQUIRED).find(|&c| index[c].is_none()) {
        return Err(vec![problem(
            1,
            COLUMNS[missing],
            "this column is required",
        )]);
    }
    let mut slots = Vec::new();
    let mut problems = Vec::new();
    for (count, (line, row)) in lines.enumerate() {
        if count == MAX_ROWS {
            problems.push(problem(line, "file", &format!("more than {MAX_ROWS} rows")));
            break;
        }
        let cells: Vec<&str> = row.split(',').map(str::trim).collect();
        if cells.len() != names.len() {
            problems.push(problem(
                line,
                "row",
                &format!("{} cells, the header has {}", cells.len(), names.len()),
            ));
            continue;
        }
        let cell = |column: usize| index[column].map_or("", |i| cells[i]);
        let minutes = cell(4).parse::<u16>();
        let weeks = match cell(5) {
            "" => Ok(None),
            weeks => weeks.parse::<u8>().map(Some),
        };
        let (Ok(minutes), Ok(weeks)) = (minutes, weeks) else {
            problems.push(problem(line, "minutes/weeks", "a whole number"));
            continue;
        };
        let times = NewFreeTimes {
            provider_id: cell(0).to_owned(),
            service_code: cell(1).to_owned(),
            date: cell(2).to_owned(),
            start: cell(3).to_owned(),
            minutes,
            weeks,
        };
        match times.validate(
            now,
            |s| catalogue.services.iter().any(|x| x.code == s),
            |p| catalogue.providers.iter().any(|x| x.id == p),
        ) {
            Ok(mut more) => {
                for slot in &more {
                    if let Some(other) = slots
                        .iter()
                        .position(|s: &(usize, Slot)| s.1.overlaps(slot))
                    {
                        problems.push(problem(
                            line,
                            "start",
                            &format!("overlaps the time of line {}", slots[other].0),
                        ));
                    }
                }
                slots.extend(more.drain(..).map(|slot| (line, slot)));
            }
            Err(errors) => problems.extend(
                errors
                    .into_iter()
                    .map(|e| problem(line, &e.field, &e.detail)),
            ),
        }
    }
    if problems.is_empty() {
        Ok(slots.into_iter().map(|(_, slot)| slot).collect())
    } else {
        Err(problems)
    }
}

/// The demo's free times: from `today`, in every region, at the providers
/// that take patients from other regions (and, in a region without one, at
/// its own), for a few common services — a morning time now and then over
/// the next weeks, deterministic.
pub fn sample(today: NaiveDate, catalogue: &Dataset) -> Vec<Slot> {
    const SERVICES: [&str; 4] = ["op-hoft", "op-kna", "op-katarakt", "besok-ortopedi"];
    let services: Vec<&str> = SERVICES
        .into_iter()
        .filter(|code| catalogue.services.iter().any(|s| s.code == *code))
        .collect();
    let mut slots = Vec::new();
    let open_to_all = |region: &str| {
        catalogue
            .providers
            .iter()
            .any(|p| p.region_code == region && p.accepts_other_regions)
    };
    for (n, provider) in catalogue
        .providers
        .iter()
        .filter(|p| p.accepts_other_regions || !open_to_all(&p.region_code))
        .enumerate()
    {
        for (k, service) in services.iter().enumerate() {
            // Spread over the weeks: not every provider has every service soon.
            let first = 3 + ((n * 7 + k * 11) % 40) as u64;
            for week in 0..3u64 {
                let Some(date) = today.checked_add_days(Days::new(first + week * 7)) else {
                    continue;
                };
                let hour = 8 + ((n + k) % 4) as u8;
                let Some(start) = ClockTime::new(hour, if k % 2 == 0 { 0 } else { 30 }) else {
                    continue;
                };
                let slot = Slot {
                    provider_id: provider.id.clone(),
                    service_code: (*service).to_owned(),
                    date,
                    start,
                    minutes: 60,
                };
                if !slots.iter().any(|s: &Slot| s.overlaps(&slot)) {
                    slots.push(slot);
                }
            }
        }
    }
    slots
}
