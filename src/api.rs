//! The one module that owns HTTP: the client of the Vårdkoll API.
//!
//! The API's base URL comes from `config.json` beside the app at runtime, so a
//! portal can point the app at its own deployment without rebuilding. Every
//! answer is parsed and checked before it is used: a body that is not JSON, has
//! the wrong shape, or holds absurd figures is an error, never a panic and never
//! data on screen.

use std::cell::RefCell;

use gloo_net::http::Request;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use vardkoll_domain::api::{Problem, Region, Service, StatisticsPage};

/// Where the API is when `config.json` cannot be read.
pub const DEFAULT_BASE: &str = "/api/v1";

/// Why a call failed.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// No answer: offline, DNS, connection refused.
    Network,
    /// An error status, with the problem document when the server sent one.
    Status(u16, Option<Problem>),
    /// An answer the contract does not allow.
    Invalid,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AppConfig {
    api_base_url: String,
}

thread_local! {
    static BASE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The API base URL from `config.json` (read once), or [`DEFAULT_BASE`].
pub async fn base_url() -> String {
    if let Some(base) = BASE.with(|b| b.borrow().clone()) {
        return base;
    }
    let base = match Request::get("config.json").send().await {
        Ok(response) if response.ok() => response
            .text()
            .await
            .ok()
            .and_then(|text| serde_json::from_str::<AppConfig>(&text).ok())
            .map(|config| config.api_base_url.trim_end_matches('/').to_owned())
            .filter(|base| !base.is_empty()),
        _ => None,
    }
    .unwrap_or_else(|| DEFAULT_BASE.to_owned());
    BASE.with(|b| *b.borrow_mut() = Some(base.clone()));
    base
}

/// Parses an answer body strictly.
pub fn parse<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ApiError> {
    if !(200..300).contains(&status) {
        return Err(ApiError::Status(status, serde_json::from_str(body).ok()));
    }
    serde_json::from_str(body).map_err(|_| ApiError::Invalid)
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let url = format!("{}{path}", base_url().await);
    let response = Request::get(&url)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    let status = response.status();
    let body = response.text().await.map_err(|_| ApiError::Network)?;
    parse(status, &body)
}

pub async fn regions() -> Result<Vec<Region>, ApiError> {
    get("/regions").await
}

pub async fn services() -> Result<Vec<Service>, ApiError> {
    get("/services").await
}

/// Region-wide figures for the newest month of one service.
pub async fn region_statistics(service: &str) -> Result<StatisticsPage, ApiError> {
    let code: String = service
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let page: StatisticsPage = get(&format!("/statistics?service={code}&level=region")).await?;
    checked(page)
}

/// Rejects a page with implausible figures (negative or absurd days, shares above 100 %).
pub fn checked(page: StatisticsPage) -> Result<StatisticsPage, ApiError> {
    if page.rows.iter().all(|row| row.is_plausible()) {
        Ok(page)
    } else {
        Err(ApiError::Invalid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROW: &str = r#"{"serviceCode":"op-hoft","regionCode":"01","period":"2026-10","shareWithinLimit":0.8,
        "estimatedWaitDays":60,"freeCapacity":"yes","reported":"2026-11-25","sampleData":true}"#;

    fn page(row: &str) -> String {
        format!(r#"{{"serviceCode":"op-hoft","sampleData":true,"rows":[{row}]}}"#)
    }

    #[test]
    fn a_valid_page_parses() {
        let page: StatisticsPage = parse(200, &page(ROW)).unwrap();
        assert_eq!(checked(page).unwrap().rows[0].estimated_wait_days, Some(60));
    }

    #[test]
    fn anything_outside_the_contract_is_an_error() {
        assert_eq!(
            parse::<StatisticsPage>(200, "<html>oops</html>"),
            Err(ApiError::Invalid)
        );
        assert_eq!(
            parse::<StatisticsPage>(200, r#"{"serviceCode":"x"}"#),
            Err(ApiError::Invalid)
        );
        let negative = page(&ROW.replace("\"estimatedWaitDays\":60", "\"estimatedWaitDays\":-5"));
        assert_eq!(
            parse::<StatisticsPage>(200, &negative),
            Err(ApiError::Invalid)
        );
        let wrong_type =
            page(&ROW.replace("\"estimatedWaitDays\":60", "\"estimatedWaitDays\":\"60\""));
        assert_eq!(
            parse::<StatisticsPage>(200, &wrong_type),
            Err(ApiError::Invalid)
        );
        let share = page(&ROW.replace("0.8", "1.7"));
        assert_eq!(checked(parse(200, &share).unwrap()), Err(ApiError::Invalid));
    }

    #[test]
    fn error_statuses_keep_the_problem_document() {
        let body =
            r#"{"type":"https://vardkoll.se/problems/not-found","title":"Not found","status":404}"#;
        match parse::<StatisticsPage>(404, body) {
            Err(ApiError::Status(404, Some(problem))) => assert_eq!(problem.title, "Not found"),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            parse::<StatisticsPage>(502, "Bad gateway"),
            Err(ApiError::Status(502, None))
        );
    }
}
