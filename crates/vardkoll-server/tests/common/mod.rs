//! Shared test helpers: a real server on a free loopback port with a temporary
//! database, an HTTP client, and validation against the OpenAPI document.
#![allow(dead_code)]

pub mod database;
pub mod provider;
pub mod smtp;

use serde_json::{Value, json};
use vardkoll_server::Running;
use vardkoll_server::config::Config;

pub const OPENAPI: &str = include_str!("../../openapi.yaml");

pub struct TestServer {
    pub running: Option<Running>,
    pub base: String,
    pub client: reqwest::Client,
    pub dir: tempfile::TempDir,
}

impl TestServer {
    pub async fn start() -> TestServer {
        TestServer::with(|_| {}).await
    }

    pub async fn with(configure: impl FnOnce(&mut Config)) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config {
            addr: "127.0.0.1:0".parse().unwrap(),
            database: dir.path().join("test.sqlite3"),
            rate_per_second: 10_000.0,
            rate_burst: 10_000.0,
            ..Config::default()
        };
        configure(&mut config);
        let running = vardkoll_server::start(config).await.expect("server starts");
        let base = format!("http://{}/api/v1", running.addr);
        TestServer {
            running: Some(running),
            base,
            client: reqwest::Client::new(),
            dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }

    pub async fn post_referral(&self, key: &str, body: &Value) -> reqwest::Response {
        self.client
            .post(self.url("/referrals"))
            .header("Idempotency-Key", key)
            .json(body)
            .send()
            .await
            .expect("request")
    }

    /// A signed-in patient (`token`) sends `body`; the 201 answer.
    pub async fn send_as(&self, token: &str, key: &str, body: &Value) -> Value {
        let response = self
            .client
            .post(self.url("/referrals"))
            .header("Idempotency-Key", key)
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("request");
        let status = response.status();
        let answer: Value = response.json().await.expect("a JSON answer");
        assert_eq!(status, 201, "{answer}");
        answer
    }

    /// Creates a valid request and returns the 201 answer (reference, token, …).
    pub async fn create_referral(&self, key: &str) -> Value {
        let response = self.post_referral(key, &referral()).await;
        assert_eq!(response.status(), 201);
        response.json().await.expect("created")
    }

    pub async fn count(&self) -> u64 {
        let running = self.running.as_ref().unwrap();
        running.state.store.referral_count().await.unwrap()
    }

    pub async fn stop(&mut self) {
        if let Some(running) = self.running.take() {
            running.stop().await;
        }
    }
}

/// [`referral`] with `region` as the patient's home region.
pub fn referral_in(region: &str) -> Value {
    let mut body = referral();
    body["homeRegion"] = json!(region);
    body
}

/// A complete, valid referral request.
pub fn referral() -> Value {
    json!({
        "personalIdentityNumber": "19121212-1212",
        "name": "Tolvan Tolvansson",
        "phone": "070-123 45 67",
        "serviceCode": "op-hoft",
        "currentReferral": { "clinic": "Ortopeden, Visby lasarett", "date": "2026-09-01" },
        "preferredProviders": ["karolinska-solna", "sus-lund"],
        "canTravel": true,
        "interpreter": { "needed": false },
        "message": "Jag kan komma med kort varsel.",
        "consentToShare": true
    })
}

/// Checks `value` against a schema written in terms of the OpenAPI document's
/// components, e.g. `{"$ref": "#/components/schemas/Region"}`.
pub fn assert_matches_contract(value: &Value, schema: Value) {
    let mut document: Value = serde_yaml::from_str(OPENAPI).expect("openapi.yaml parses");
    let root = document.as_object_mut().unwrap();
    for (key, part) in schema.as_object().expect("schema object") {
        root.insert(key.clone(), part.clone());
    }
    let validator = jsonschema::validator_for(&document).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "response does not match the contract: {errors:#?}\n{value}"
    );
}

pub fn schema(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

pub fn array_of(name: &str) -> Value {
    json!({ "type": "array", "items": { "$ref": format!("#/components/schemas/{name}") } })
}

/// Checks a problem response: status, media type, contract, and returns it.
pub async fn assert_problem(response: reqwest::Response, status: u16) -> Value {
    assert_eq!(response.status().as_u16(), status);
    let content_type = response
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(content_type, "application/problem+json");
    let body: Value = response.json().await.expect("problem body");
    assert_matches_contract(&body, schema("Problem"));
    assert_eq!(body["status"], status);
    body
}
