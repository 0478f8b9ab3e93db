//! The one module that owns HTTP: the client of the Vårdkoll API.
//!
//! The API's base URL comes from `config.json` beside the app at runtime, so a
//! portal can point the app at its own deployment without rebuilding. Every
//! answer is parsed and checked before it is used: a body that is not JSON, has
//! the wrong shape, or holds absurd figures is an error, never a panic and never
//! data on screen.

mod referrals;

pub use referrals::{create_referral, referral};

use std::cell::RefCell;

use gloo_net::http::Request;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use vardkoll_domain::api::{Problem, Provider, Region, Service, StatisticsPage};
use vardkoll_domain::compare::geo::Point;

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
struct ConfigFile {
    api_base_url: String,
    #[serde(default)]
    parent_origins: Vec<String>,
}

/// The runtime configuration in `config.json`, so a portal can change it
/// without rebuilding the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuntimeConfig {
    /// Where the API is, without a trailing slash.
    pub api_base: String,
    /// The portals allowed to embed the app in an iframe: the app tells them its
    /// height (`postMessage`), and no one else. Origins only (`https://host`).
    pub parent_origins: Vec<String>,
}

impl Default for RuntimeConfig {
    fn default() -> Self {
        RuntimeConfig {
            api_base: DEFAULT_BASE.to_owned(),
            parent_origins: Vec::new(),
        }
    }
}

/// Whether `origin` is a plain web origin: `https://host` or `http://host:port`,
/// no path, no wildcard.
fn is_origin(origin: &str) -> bool {
    let Some((scheme, rest)) = origin.split_once("://") else {
        return false;
    };
    matches!(scheme, "https" | "http")
        && !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}

/// A base address as written (`https://host/v1/`, `/api/v1`), without its
/// trailing slash; `None` unless it is a web address or a path on this server
/// (not `javascript:`, `data:` or another host's `//host/…`).
pub fn web_base(text: &str) -> Option<String> {
    let base = text.trim().trim_end_matches('/');
    let web = base.starts_with("https://") || base.starts_with("http://");
    (web || (base.starts_with('/') && !base.starts_with("//"))).then(|| base.to_owned())
}

/// Reads `config.json`; anything unreadable falls back to the defaults, and
/// origins that are not plain origins are left out.
pub fn parse_config(text: &str) -> RuntimeConfig {
    let Ok(file) = serde_json::from_str::<ConfigFile>(text) else {
        return RuntimeConfig::default();
    };
    RuntimeConfig {
        api_base: web_base(&file.api_base_url).unwrap_or_else(|| DEFAULT_BASE.to_owned()),
        parent_origins: file
            .parent_origins
            .into_iter()
            .filter(|o| is_origin(o))
            .collect(),
    }
}

thread_local! {
    static CONFIG: RefCell<Option<RuntimeConfig>> = const { RefCell::new(None) };
}

impl RuntimeConfig {
    /// This configuration with an embedding portal's API base URL
    /// (`data-api-base-url`, see [`crate::host`]), when it is a valid one.
    pub fn with_portal_api(mut self, portal: Option<String>) -> RuntimeConfig {
        if let Some(base) = portal.as_deref().and_then(web_base) {
            self.api_base = base;
        }
        self
    }
}

// One read of `config.json` per page, shared by the app and its page chunks
// (separate WebAssembly modules): a chunk starts its API calls without asking
// again. The text, or "" when it cannot be read.
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = "export function config_text(url) {
    globalThis.__vardkollConfig ??= fetch(url).then((r) => (r.ok ? r.text() : ''), () => '');
    return globalThis.__vardkollConfig;
}")]
extern "C" {
    fn config_text(url: &str) -> js_sys::Promise;
}

/// The runtime configuration from `config.json` beside the app (read once) and
/// an embedding portal's settings, or the defaults.
pub async fn runtime_config() -> RuntimeConfig {
    if let Some(config) = CONFIG.with(|c| c.borrow().clone()) {
        return config;
    }
    let text =
        wasm_bindgen_futures::JsFuture::from(config_text(&crate::host::asset_url("config.json")))
            .await
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_default();
    let config = parse_config(&text).with_portal_api(crate::host::setting("api-base-url"));
    CONFIG.with(|c| *c.borrow_mut() = Some(config.clone()));
    config
}

/// The API base URL from `config.json`, or [`DEFAULT_BASE`].
pub async fn base_url() -> String {
    runtime_config().await.api_base
}

/// Parses an answer body strictly.
pub fn parse<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ApiError> {
    if !(200..300).contains(&status) {
        return Err(ApiError::Status(status, serde_json::from_str(body).ok()));
    }
    serde_json::from_str(body).map_err(|_| ApiError::Invalid)
}

/// An answer's body; failing to read it is a network failure.
async fn body(response: &gloo_net::http::Response) -> Result<String, ApiError> {
    response.text().await.map_err(|_| ApiError::Network)
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let url = format!("{}{path}", base_url().await);
    let response = Request::get(&url)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    parse(response.status(), &body(&response).await?)
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
    fn the_runtime_configuration_is_read_strictly() {
        let config = parse_config(
            r#"{"apiBaseUrl":"https://api.example.se/v1/","parentOrigins":["https://portal.example.se",
            "http://127.0.0.1:8080","*","https://evil.example/path","javascript:alert(1)"]}"#,
        );
        assert_eq!(config.api_base, "https://api.example.se/v1");
        assert_eq!(
            config.parent_origins,
            ["https://portal.example.se", "http://127.0.0.1:8080"]
        );
        assert_eq!(
            parse_config(r#"{"apiBaseUrl":"/api/v1"}"#).parent_origins,
            Vec::<String>::new()
        );
        assert_eq!(parse_config("not json"), RuntimeConfig::default());
        assert_eq!(parse_config(r#"{"apiBaseUrl":""}"#).api_base, DEFAULT_BASE);
        assert_eq!(
            parse_config(r#"{"apiBaseUrl":"javascript:x"}"#).api_base,
            DEFAULT_BASE
        );
    }

    #[test]
    fn base_addresses_are_web_addresses_or_paths_here() {
        let base = |text: &str| web_base(text);
        assert_eq!(
            base("https://vardkoll.example.se/app/").as_deref(),
            Some("https://vardkoll.example.se/app")
        );
        assert_eq!(base("/vardkoll/").as_deref(), Some("/vardkoll"));
        assert_eq!(base("javascript:alert(1)"), None);
        assert_eq!(base("data:text/plain,x"), None);
        assert_eq!(base("//evil.example/app"), None);
    }

    #[test]
    fn a_portal_may_point_the_app_at_another_api() {
        let file = parse_config(r#"{"apiBaseUrl":"/api/v1"}"#);
        let portal = |base: &str| file.clone().with_portal_api(Some(base.to_owned())).api_base;
        assert_eq!(portal("/vardkoll/api/v1/"), "/vardkoll/api/v1");
        assert_eq!(
            portal(" https://api.region.se/v1 "),
            "https://api.region.se/v1"
        );
        // Not an address: the file's base stays.
        assert_eq!(portal("javascript:alert(1)"), "/api/v1");
        assert_eq!(portal("//evil.example/api"), "/api/v1");
        assert_eq!(portal("api/v1"), "/api/v1");
        assert_eq!(file.clone().with_portal_api(None).api_base, "/api/v1");
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
