//! The edge of the API over real HTTP: time limits, size limits, problems for
//! every error, compression and validators, what a move of a request may carry,
//! and the client address behind trusted proxies.

mod common;

use std::time::{Duration, Instant};

use common::provider::{Provider, server_for};
use common::{TestServer, assert_problem, referral, referral_in};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Sends `head` (and `body`) on a raw connection and returns everything the
/// server answered before closing or `wait` passed.
async fn raw(server: &TestServer, bytes: &[u8], wait: Duration) -> (String, Duration) {
    let addr = server.running.as_ref().unwrap().addr;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let started = Instant::now();
    stream.write_all(bytes).await.unwrap();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(wait, stream.read_to_end(&mut answer)).await;
    (
        String::from_utf8_lossy(&answer).into_owned(),
        started.elapsed(),
    )
}

fn fast_limits(config: &mut vardkoll_server::config::Config) {
    config.limits.header_read = Duration::from_millis(500);
    config.limits.body_read = Duration::from_millis(500);
}

#[tokio::test]
async fn a_client_that_sends_its_head_slowly_is_cut_off() {
    let server = TestServer::with(fast_limits).await;
    let (answer, took) = raw(
        &server,
        b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n",
        Duration::from_secs(5),
    )
    .await;
    assert!(took < Duration::from_secs(3), "held for {took:?}");
    assert!(!answer.contains("200 OK"), "{answer}");
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed_too() {
    let server = TestServer::with(fast_limits).await;
    let (answer, took) = raw(
        &server,
        b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n",
        Duration::from_secs(5),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        took < Duration::from_secs(3),
        "an idle connection held for {took:?}"
    );
}

#[tokio::test]
async fn a_body_that_does_not_arrive_in_time_gets_408() {
    let server = TestServer::with(fast_limits).await;
    let head = "POST /api/v1/referrals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
                Idempotency-Key: slow-body-0001\r\nContent-Length: 400\r\n\r\n{\"name\":";
    let (answer, took) = raw(&server, head.as_bytes(), Duration::from_secs(5)).await;
    assert!(took < Duration::from_secs(3), "held for {took:?}");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("application/problem+json"), "{answer}");
    assert_eq!(server.count().await, 0);
}

#[tokio::test]
async fn every_error_is_a_problem_document() {
    let server = TestServer::start().await;
    // A path that is not UTF-8.
    let (answer, _) = raw(
        &server,
        b"GET /api/v1/referrals/%FF%FE HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nConnection: close\r\n\r\n",
        Duration::from_secs(5),
    )
    .await;
    assert!(answer.contains("application/problem+json"), "{answer}");
    let (answer, _) = raw(
        &server,
        b"GET /api/v1/statistics?service=%FF HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        Duration::from_secs(5),
    )
    .await;
    assert!(answer.contains("application/problem+json"), "{answer}");
    // 414 and 431.
    let long = format!("/statistics?service={}", "a".repeat(9000));
    assert_problem(server.get(&long).await, 414).await;
    let big = server
        .client
        .get(server.url("/health"))
        .header("x-padding", "b".repeat(17_000))
        .send()
        .await
        .unwrap();
    assert_problem(big, 431).await;
    // 405 and 404 from the router itself.
    let wrong_method = server
        .client
        .delete(server.url("/regions"))
        .send()
        .await
        .unwrap();
    assert_problem(wrong_method, 405).await;
}

/// A server that trusts a fresh provider, a request Tolvan sent to region 01,
/// and a way for Nora, a navigator of region 01, to post a move of it.
struct StaffCase {
    server: TestServer,
    nora: String,
    reference: String,
    _provider: Provider,
}

impl StaffCase {
    async fn start() -> StaffCase {
        let provider = Provider::start_fresh().await;
        let server = server_for(&provider).await;
        let tolvan = provider.token("tolvan", None, None).await;
        let created = server
            .send_as(&tolvan, "edge-staff-case", &referral_in("01"))
            .await;
        StaffCase {
            nora: provider.token("navigator-01", None, None).await,
            reference: created["reference"].as_str().unwrap().to_owned(),
            server,
            _provider: provider,
        }
    }

    async fn post_move(&self, body: &str) -> reqwest::Response {
        self.server
            .client
            .post(
                self.server
                    .url(&format!("/staff/referrals/{}/status", self.reference)),
            )
            .bearer_auth(&self.nora)
            .header("Content-Type", "application/json")
            .body(body.to_owned())
            .send()
            .await
            .unwrap()
    }
}

#[tokio::test]
async fn json_of_the_wrong_shape_gets_422_naming_the_field() {
    let case = StaffCase::start().await;
    let problem = assert_problem(case.post_move(r#"{"status":true,"version":1}"#).await, 422).await;
    assert_eq!(problem["errors"][0]["field"], "status");
    assert_eq!(problem["errors"][0]["code"], "shape");
    let problem = assert_problem(case.post_move("[]").await, 422).await;
    assert_eq!(problem["errors"][0]["code"], "shape");
    // Not JSON at all stays 400.
    assert_problem(case.post_move("{").await, 400).await;
    let server = TestServer::start().await;
    let mut body = referral();
    body["interpreter"] = json!({ "needed": "yes" });
    let problem = assert_problem(server.post_referral("shape-key-0001", &body).await, 422).await;
    assert_eq!(problem["errors"][0]["field"], "interpreter/needed");
}

#[tokio::test]
async fn a_note_over_the_limit_or_with_control_characters_is_refused_not_cut() {
    let case = StaffCase::start().await;
    let review =
        |note: Value| json!({ "status": "under_review", "version": 1, "note": note }).to_string();
    let problem = assert_problem(case.post_move(&review(json!("å".repeat(501)))).await, 422).await;
    assert_eq!(problem["errors"][0]["field"], "note");
    assert_eq!(problem["errors"][0]["code"], "too_long");
    let problem = assert_problem(case.post_move(&review(json!("a\u{202E}b"))).await, 422).await;
    assert_eq!(problem["errors"][0]["code"], "characters");
    let fine = case
        .post_move(&review(json!(format!("{}\nRad två", "å".repeat(400)))))
        .await;
    assert_eq!(
        fine.status(),
        200,
        "refused notes changed nothing: still version 1"
    );
    // null is no note, as the contract says.
    let declined = case
        .post_move(r#"{"status":"declined","version":2,"declineReason":"duplicate","note":null}"#)
        .await;
    assert_eq!(declined.status(), 200);
    let view: Value = declined.json().await.unwrap();
    assert!(view["history"][2].get("note").is_none(), "{view}");
}

#[tokio::test]
async fn names_and_texts_are_checked_for_what_they_contain() {
    let server = TestServer::start().await;
    let cases = [
        ("name", json!("\u{200B}\u{FEFF} "), "name", "required"),
        ("name", json!("Tolvan\u{0}"), "name", "characters"),
        ("name", json!("Tolvan\r\nBcc: x"), "name", "characters"),
        ("name", json!("Tol\u{202E}van"), "name", "characters"),
        ("message", json!("Hej\u{2066}då"), "message", "characters"),
        (
            "personalIdentityNumber",
            json!("18691212-1214"),
            "personalIdentityNumber",
            "date",
        ),
    ];
    for (i, (key, value, field, code)) in cases.into_iter().enumerate() {
        let mut body = referral();
        body[key] = value;
        let response = server
            .post_referral(&format!("text-key-{i:04}"), &body)
            .await;
        let problem = assert_problem(response, 422).await;
        assert_eq!(problem["errors"][0]["field"], field, "{problem}");
        assert_eq!(problem["errors"][0]["code"], code, "{problem}");
    }
    let mut fine = referral();
    fine["message"] = json!("Rad ett\nRad två\tmed tabb. مرحبا");
    assert_eq!(
        server.post_referral("text-key-fine", &fine).await.status(),
        201
    );
}

#[tokio::test]
async fn json_answers_are_compressed_as_negotiated_and_weak_validators_match() {
    let server = TestServer::start().await;
    let path = "/statistics?service=op-hoft&level=provider";
    for encoding in ["gzip", "br"] {
        let response = server
            .client
            .get(server.url(path))
            .header("Accept-Encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-encoding"], encoding);
        assert!(
            response.headers()["vary"]
                .to_str()
                .unwrap()
                .to_lowercase()
                .contains("accept-encoding")
        );
    }
    let plain = server.get(path).await;
    assert!(plain.headers().get("content-encoding").is_none());
    let etag = plain.headers()["etag"].to_str().unwrap().to_owned();
    let weak = server
        .client
        .get(server.url(path))
        .header("If-None-Match", format!("W/{etag}"))
        .send()
        .await
        .unwrap();
    assert_eq!(weak.status(), 304);
}

#[tokio::test]
async fn browsers_on_a_portal_may_read_the_replay_header() {
    let server = TestServer::with(|c| c.cors_origins = vec!["https://portal.example".into()]).await;
    let response = server
        .client
        .post(server.url("/referrals"))
        .header("Origin", "https://portal.example")
        .header("Idempotency-Key", "cors-key-0001")
        .json(&referral())
        .send()
        .await
        .unwrap();
    let exposed = response.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    assert!(exposed.contains("idempotent-replayed"), "{exposed}");
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_patient_has_their_own_rate_limit() {
    let limited = |trusted: bool| {
        move |c: &mut vardkoll_server::config::Config| {
            c.rate_per_second = 0.01;
            c.rate_burst = 2.0;
            if trusted {
                c.trusted_proxies =
                    vardkoll_server::client_addr::parse_trusted("127.0.0.1").unwrap();
            }
        }
    };
    let from = |server: &TestServer, client: &str| {
        server
            .client
            .get(server.url("/health"))
            .header("X-Forwarded-For", client.to_owned())
            .send()
    };
    let server = TestServer::with(limited(true)).await;
    for _ in 0..2 {
        assert_eq!(from(&server, "198.51.100.1").await.unwrap().status(), 200);
    }
    assert_eq!(from(&server, "198.51.100.1").await.unwrap().status(), 429);
    assert_eq!(
        from(&server, "198.51.100.2").await.unwrap().status(),
        200,
        "another patient"
    );

    // Not trusted: the header is the client's own word, and one bucket it is.
    let server = TestServer::with(limited(false)).await;
    for _ in 0..2 {
        assert_eq!(from(&server, "198.51.100.1").await.unwrap().status(), 200);
    }
    assert_eq!(from(&server, "198.51.100.2").await.unwrap().status(), 429);
}
