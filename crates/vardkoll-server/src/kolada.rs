//! The importer of Kolada's open API (v3; RKA, CC BY 4.0): the regions' wait
//! figures ([`KOLADA_KPIS`]) from saved answers, or fetched from a base URL
//! with retries and a timeout, following `next_url` page by page.
//!
//! An answer: `{"count": N, "values": [{"kpi": "N79240", "municipality":
//! "0013", "period": 2024, "values": [{"gender": "T", "value": 35.0, …}]}],
//! "next_url": "…" | null}`. Regions are `0001`-`0025` (type L), the whole
//! country `0000`; municipalities (other ids) are skipped; a null value is
//! kept as "none published".

use std::time::Duration;

use serde_json::Value;
use vardkoll_domain::api::{KOLADA, KOLADA_KPIS, RegionalFigure};
use vardkoll_domain::regions::RegionCode;

use crate::import::Report;

/// One answer read: its figures and the next page's address.
#[derive(Debug, Default)]
pub struct Page {
    pub figures: Vec<RegionalFigure>,
    pub next_url: Option<String>,
}

/// The county code of a Kolada region id: `0013` → `13`, `0000` → `00`;
/// `None` for a municipality, a county code no region has (02, 11, 15, 16)
/// or anything else.
fn region_code(id: &str) -> Option<String> {
    let code = id.strip_prefix("00").filter(|_| id.len() == 4)?;
    (code == "00" || RegionCode::parse(code).is_some()).then(|| code.to_owned())
}

/// Reads one answer, fetched on `fetched` (YYYY-MM-DD).
pub fn parse_page(json: &str, fetched: &str, report: &mut Report) -> Result<Page, String> {
    let root: Value =
        serde_json::from_str(json).map_err(|e| format!("Kolada answer is not JSON: {e}"))?;
    let rows = root
        .get("values")
        .and_then(Value::as_array)
        .ok_or("Kolada answer has no values list")?;
    let mut page = Page {
        next_url: root
            .get("next_url")
            .and_then(Value::as_str)
            .filter(|u| !u.is_empty())
            .map(str::to_owned),
        ..Page::default()
    };
    for row in rows {
        let Some(kpi) = row.get("kpi").and_then(Value::as_str) else {
            report.skip("Kolada row without kpi");
            continue;
        };
        if !KOLADA_KPIS.iter().any(|k| k.id == kpi) {
            report.skip(format!("Kolada KPI {kpi} is not one Vårdkoll shows"));
            continue;
        }
        let Some(region) = row
            .get("municipality")
            .and_then(Value::as_str)
            .and_then(region_code)
        else {
            report.skip("Kolada row not for a region (a municipality or unknown id)");
            continue;
        };
        let year = match row.get("period") {
            Some(Value::Number(n)) => n.as_i64(),
            Some(Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        }
        .and_then(|y| i32::try_from(y).ok())
        .filter(|y| (1990..=2100).contains(y));
        let Some(year) = year else {
            report.skip("Kolada row without a year");
            continue;
        };
        for value in row
            .get("values")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let gender = value.get("gender").and_then(Value::as_str).unwrap_or("T");
            if !matches!(gender, "T" | "K" | "M") {
                report.skip(format!("Kolada value of unknown gender {gender:?}"));
                continue;
            }
            page.figures.push(RegionalFigure {
                kpi: kpi.to_owned(),
                region_code: region.clone(),
                year,
                gender: gender.to_owned(),
                value: value
                    .get("value")
                    .and_then(Value::as_f64)
                    .filter(|v| v.is_finite()),
                source: KOLADA.id.to_owned(),
                fetched: fetched.to_owned(),
            });
        }
    }
    report.statistics += page.figures.len();
    Ok(page)
}

/// How the fetching behaves.
#[derive(Clone, Debug)]
pub struct FetchOptions {
    /// e.g. `https://api.kolada.se`.
    pub base_url: String,
    /// The years asked for.
    pub years: Vec<i32>,
    /// Each request's time limit.
    pub timeout: Duration,
    /// Tries per page (the first and the retries).
    pub attempts: u32,
    /// The wait before the first retry; doubled for each next one.
    pub backoff: Duration,
    /// The most pages followed per key figure (a loop of `next_url`s ends).
    pub max_pages: usize,
}

impl FetchOptions {
    pub fn new(base_url: &str, years: Vec<i32>) -> FetchOptions {
        FetchOptions {
            base_url: base_url.trim_end_matches('/').to_owned(),
            years,
            timeout: Duration::from_secs(30),
            attempts: 4,
            backoff: Duration::from_millis(500),
            max_pages: 200,
        }
    }
}

/// One page, tried up to `attempts` times: a network error, a timeout, 429 or
/// a 5xx is tried again after the backoff; another status is an error.
async fn get(
    client: &reqwest::Client,
    url: &str,
    options: &FetchOptions,
) -> Result<String, String> {
    let mut wait = options.backoff;
    let mut last = String::new();
    for attempt in 1..=options.attempts.max(1) {
        match client.get(url).timeout(options.timeout).send().await {
            Ok(response) if response.status().is_success() => {
                return response.text().await.map_err(|e| format!("{url}: {e}"));
            }
            Ok(response)
                if response.status().is_server_error() || response.status().as_u16() == 429 =>
            {
                last = format!("{url}: {}", response.status());
            }
            Ok(response) => return Err(format!("{url}: {}", response.status())),
            Err(error) if error.is_timeout() => {
                last = format!("{url}: no answer within {:?}", options.timeout)
            }
            Err(error) => last = format!("{url}: {error}"),
        }
        if attempt < options.attempts {
            tokio::time::sleep(wait).await;
            wait *= 2;
        }
    }
    Err(format!("{last} (after {} tries)", options.attempts.max(1)))
}

/// Fetches every key figure of [`KOLADA_KPIS`] for `options.years`,
/// following `next_url`; the figures, fetched on `fetched`.
pub async fn fetch(
    options: &FetchOptions,
    fetched: &str,
    report: &mut Report,
) -> Result<Vec<RegionalFigure>, String> {
    let client = reqwest::Client::builder()
        .connect_timeout(options.timeout)
        .build()
        .map_err(|e| e.to_string())?;
    let years: Vec<String> = options.years.iter().map(i32::to_string).collect();
    let mut figures = Vec::new();
    for kpi in KOLADA_KPIS {
        let mut url = Some(format!(
            "{}/v3/data/kpi/{}/year/{}",
            options.base_url,
            kpi.id,
            years.join(",")
        ));
        let mut pages = 0;
        while let Some(next) = url.take() {
            pages += 1;
            if pages > options.max_pages {
                return Err(format!("{}: more than {} pages", kpi.id, options.max_pages));
            }
            let body = get(&client, &next, options).await?;
            let page = parse_page(&body, fetched, report)?;
            figures.extend(page.figures);
            url = page.next_url;
        }
    }
    Ok(figures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_ids_are_county_codes() {
        assert_eq!(region_code("0013").as_deref(), Some("13"));
        assert_eq!(region_code("0001").as_deref(), Some("01"));
        assert_eq!(region_code("0000").as_deref(), Some("00"));
        assert_eq!(region_code("0180"), None);
        assert_eq!(region_code("0026"), None);
        assert_eq!(region_code("0002"), None, "no region has county code 02");
        assert_eq!(region_code("00013"), None);
        assert_eq!(region_code("1280"), None);
        assert_eq!(region_code("00x1"), None);
    }
}
