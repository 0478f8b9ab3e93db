//! The one module that owns HTTP: the client of the Vårdkoll API.
//!
//! The API's base URL comes from the runtime configuration
//! ([`crate::platform::config`]), so a portal can point the app at its own
//! deployment without rebuilding. Every
//! answer is parsed and checked before it is used: a body that is not JSON, has
//! the wrong shape, or holds absurd figures is an error, never a panic and never
//! data on screen.

mod referrals;
pub mod signin;
mod staff;

pub use referrals::{answer_referral, claim_referral, create_referral, my_referrals, referral};
pub use staff::{
    change_free_time, move_referral, publish_free_times, schedule, staff_queue, staff_referral,
    staff_suggestions, withdraw_free_time,
};

use gloo_net::http::Request;
use serde::de::DeserializeOwned;
use vardkoll_domain::api::{
    Problem, Provider, Region, RegionalFiguresPage, Service, StatisticsPage,
};
use vardkoll_domain::compare::geo::Point;

use crate::platform::config::runtime_config;

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

/// The API base URL from `config.json` or the portal, or [`DEFAULT_BASE`](crate::platform::config::DEFAULT_BASE).
pub async fn base_url() -> String {
    runtime_config().await.api_base
}

/// Parses an answer body strictly.
pub fn parse<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ApiError> {
    if !(200..300).contains(&status) {
        return Err(status_error(status, body));
    }
    serde_json::from_str(body).map_err(|_| ApiError::Invalid)
}

/// An error status, with its problem document if the body is one.
fn status_error(status: u16, body: &str) -> ApiError {
    ApiError::Status(status, serde_json::from_str(body).ok())
}

/// A whole answer: its status, its body and its `Retry-After`, if any.
struct Answer {
    status: u16,
    body: String,
    retry_after: Option<String>,
}

impl Answer {
    /// The body parsed as `T` (see [`parse`]).
    fn parse<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        parse(self.status, &self.body)
    }
}

/// Sends a request as built (building fails on, say, a header value a browser
/// refuses) and reads its whole answer; a request that could not be built or
/// sent, or a body that cannot be read, is a network failure. Every call goes
/// through this one function, which is not generic, so each answer's type adds
/// only its parsing to the page's code.
async fn send(request: Result<Request, gloo_net::Error>) -> Result<Answer, ApiError> {
    let response = request
        .map_err(|_| ApiError::Network)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    let retry_after = response.headers().get("retry-after");
    let body = response.text().await.map_err(|_| ApiError::Network)?;
    Ok(Answer {
        status: response.status(),
        body,
        retry_after,
    })
}

/// A GET of an API path.
async fn get_answer(path: &str) -> Result<Answer, ApiError> {
    let url = format!("{}{path}", base_url().await);
    send(Request::get(&url).build()).await
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    get_answer(path).await?.parse()
}

pub async fn regions() -> Result<Vec<Region>, ApiError> {
    get("/regions").await
}

pub async fn services() -> Result<Vec<Service>, ApiError> {
    get("/services").await
}

/// Keeps a service code or id to the characters the API uses, so nothing a URL
/// carried can change the request.
fn code(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// Every provider (hospital or clinic), with coordinates checked.
pub async fn providers() -> Result<Vec<Provider>, ApiError> {
    checked_providers(get("/providers").await?)
}

/// The newest month of one service: every provider's figures and every region's.
pub async fn statistics(service: &str) -> Result<StatisticsPage, ApiError> {
    let service = code(service);
    checked(
        &service,
        get(&format!("/statistics?service={service}")).await?,
    )
}

/// The regions' own figures (Kolada) of `region`, a county code.
pub async fn regional_figures(region: &str) -> Result<RegionalFiguresPage, ApiError> {
    get(&format!("/regional-figures?region={}", code(region))).await
}

/// The last 24 months of one provider's figures for a service.
pub async fn provider_trend(service: &str, provider: &str) -> Result<StatisticsPage, ApiError> {
    let (service, provider) = (code(service), code(provider));
    let path =
        format!("/statistics?service={service}&provider={provider}&level=provider&months=24");
    checked(&service, get(&path).await?)
}

/// The last 24 months of one region's region-wide figures for a service.
pub async fn region_trend(service: &str, region: &str) -> Result<StatisticsPage, ApiError> {
    let (service, region) = (code(service), code(region));
    let path = format!("/statistics?service={service}&region={region}&level=region&months=24");
    checked(&service, get(&path).await?)
}

/// Rejects a page for another service than asked for, or with implausible
/// figures (negative or absurd days, shares above 100 %).
pub fn checked(service: &str, page: StatisticsPage) -> Result<StatisticsPage, ApiError> {
    let plausible = page
        .rows
        .iter()
        .all(|row| row.is_plausible() && row.service_code == page.service_code);
    if plausible && page.service_code == service {
        Ok(page)
    } else {
        Err(ApiError::Invalid)
    }
}

/// Rejects a provider list with coordinates off the earth or empty names.
pub fn checked_providers(providers: Vec<Provider>) -> Result<Vec<Provider>, ApiError> {
    let valid = providers.iter().all(|p| {
        !p.id.is_empty()
            && !p.name.trim().is_empty()
            && Point::new(p.latitude, p.longitude).is_valid()
    });
    if valid {
        Ok(providers)
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
        assert_eq!(
            checked("op-hoft", page).unwrap().rows[0].estimated_wait_days,
            Some(60)
        );
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
        assert_eq!(
            checked("op-hoft", parse(200, &share).unwrap()),
            Err(ApiError::Invalid)
        );
        // An answer for another service than asked for is not shown as this one.
        let other = parse(200, &page(ROW)).unwrap();
        assert_eq!(checked("op-knae", other), Err(ApiError::Invalid));
    }

    #[test]
    fn providers_off_the_earth_are_rejected() {
        let text = r#"[{"id":"x","name":"X","regionCode":"01","town":"Solna","latitude":59.3,"longitude":18.0,"acceptsOtherRegions":true}]"#;
        let providers: Vec<Provider> = parse(200, text).unwrap();
        assert!(checked_providers(providers.clone()).is_ok());
        let mut far = providers.clone();
        far[0].latitude = 123.0;
        assert_eq!(checked_providers(far), Err(ApiError::Invalid));
        let mut blank = providers;
        blank[0].name = "  ".into();
        assert_eq!(checked_providers(blank), Err(ApiError::Invalid));
        assert_eq!(
            parse::<Vec<Provider>>(200, &text.replace("59.3", "null")),
            Err(ApiError::Invalid)
        );
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
