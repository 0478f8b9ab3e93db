//! The region's staff against a real OpenID Connect provider (the npm package
//! oidc-provider, started here by tests/e2e/oidc-provider.mjs, whose test
//! accounts include navigator-01 (region 01), navigator-12 (region 12) and
//! auditor): the work queue, opening and moving a request, the version check
//! and the audit log; news to the patient by e-mail (a real SMTP server).

mod common;

use common::provider::{Provider, identity_of, server_for};
use common::smtp::SmtpServer;
use common::{
    TestServer, array_of, assert_matches_contract, assert_problem, referral, referral_in, schema,
};
use serde_json::{Value, json};
use vardkoll_server::config::MailConfig;

/// Everything the server logs in this test binary, as it would go to stderr
/// (JSON lines, every level).
static LOGS: std::sync::Mutex<Vec<u8>> = std::sync::Mutex::new(Vec::new());

struct Captured;

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        LOGS.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn capture_logs() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let subscriber = tracing_subscriber::fmt()
            .json()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(|| Captured)
            .finish();
        tracing::subscriber::set_global_default(subscriber).unwrap();
    });
}

/// Fails if anything logged so far names the test patient or their contact details.
fn assert_logs_free_of_personal_data() {
    let logs = String::from_utf8_lossy(&LOGS.lock().unwrap()).to_lowercase();
    assert!(
        !logs.is_empty(),
        "the server logged nothing: the capture is broken"
    );
    for personal in [
        "191212121212",
        "19121212-1212",
        "tolvan",
        "070-123",
        "anna@example.se",
    ] {
        assert!(!logs.contains(personal), "the logs name {personal:?}");
    }
}

struct Tokens {
    tolvan: String,
    nora: String,
    nils: String,
    auditor: String,
}

async fn tokens(provider: &Provider) -> Tokens {
    Tokens {
        tolvan: provider.token("tolvan", None, None).await,
        nora: provider.token("navigator-01", None, None).await,
        nils: provider.token("navigator-12", None, None).await,
        auditor: provider.token("auditor", None, None).await,
    }
}

async fn get_as(server: &TestServer, token: &str, path: &str) -> reqwest::Response {
    server
        .client
        .get(server.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn move_as(
    server: &TestServer,
    token: &str,
    reference: &str,
    body: &Value,
) -> reqwest::Response {
    server
        .client
        .post(server.url(&format!("/staff/referrals/{reference}/status")))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap()
}

/// Tolvan sends a request of home region `region`, with `extra` fields.
async fn send(server: &TestServer, tolvan: &str, key: &str, region: &str, extra: Value) -> String {
    let mut body = referral_in(region);
    for (name, value) in extra.as_object().unwrap() {
        body[name] = value.clone();
    }
    server.send_as(tolvan, key, &body).await["reference"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_navigator_of_the_region_works_a_request_and_the_auditor_sees_it() {
    capture_logs();
    let provider = Provider::start_fresh().await;
    let server = server_for(&provider).await;
    let t = tokens(&provider).await;

    let plain = send(&server, &t.tolvan, "staff-http-1", "01", json!({})).await;
    let missed = send(
        &server,
        &t.tolvan,
        "staff-http-2",
        "01",
        json!({ "guarantee": { "step": "treatment", "deadline": "2026-06-01", "state": "missed" } }),
    )
    .await;
    let running = send(
        &server,
        &t.tolvan,
        "staff-http-3",
        "01",
        json!({ "guarantee": { "step": "treatment", "deadline": "2099-06-01", "state": "running" } }),
    )
    .await;
    let gotland = send(&server, &t.tolvan, "staff-http-4", "09", json!({})).await;
    // An unknown region is refused, named.
    let mut bad = referral();
    bad["homeRegion"] = json!("99");
    let refused = server
        .client
        .post(server.url("/referrals"))
        .header("Idempotency-Key", "staff-http-5")
        .bearer_auth(&t.tolvan)
        .json(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(
        assert_problem(refused, 422).await["errors"][0]["field"],
        "homeRegion"
    );

    // The queue of region 01: deadlines first (earliest first), then the rest;
    // no identity number, no contact details.
    let queue = get_as(&server, &t.nora, "/staff/referrals").await;
    assert_eq!(queue.status(), 200);
    assert_eq!(queue.headers()["cache-control"], "no-store");
    let queue: Value = queue.json().await.unwrap();
    assert_matches_contract(&queue, array_of("StaffQueueItem"));
    let order: Vec<&str> = queue
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["reference"].as_str().unwrap())
        .collect();
    assert_eq!(order, [missed.as_str(), running.as_str(), plain.as_str()]);
    assert_eq!(queue[0]["path"], "guarantee");
    assert_eq!(queue[0]["overdue"], true);
    assert_eq!(queue[1]["path"], "free_choice");
    assert_eq!(queue[1]["overdue"], false);
    let text = queue.to_string();
    assert!(
        !text.contains("19121212") && !text.contains("070-123") && !text.contains("Tolvan"),
        "{text}"
    );
    // Filters.
    let overdue: Value = get_as(&server, &t.nora, "/staff/referrals?overdue=true")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(overdue.as_array().unwrap().len(), 1);
    let not_overdue: Value = get_as(
        &server,
        &t.nora,
        "/staff/referrals?overdue=false&status=received&service=op-hoft&olderThanDays=0",
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(not_overdue.as_array().unwrap().len(), 2);
    let old: Value = get_as(&server, &t.nora, "/staff/referrals?olderThanDays=3")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(old, json!([]));
    assert_problem(
        get_as(&server, &t.nora, "/staff/referrals?status=lost").await,
        422,
    )
    .await;
    assert_problem(
        get_as(&server, &t.nora, "/staff/referrals?colour=red").await,
        422,
    )
    .await;
    // Region 12's navigator sees none of it.
    let theirs: Value = get_as(&server, &t.nils, "/staff/referrals")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(theirs, json!([]));
    assert!(
        !get_as(&server, &t.nora, "/staff/referrals")
            .await
            .text()
            .await
            .unwrap()
            .contains(&gotland)
    );

    // Open: everything the patient sent, and the version.
    let opened = get_as(&server, &t.nora, &format!("/staff/referrals/{plain}")).await;
    assert_eq!(opened.status(), 200);
    let opened: Value = opened.json().await.unwrap();
    assert_matches_contract(&opened, schema("StaffReferral"));
    assert_eq!(opened["identityNumber"], "191212121212");
    assert_eq!(opened["request"]["phone"], "070-123 45 67");
    assert_eq!(
        opened["request"]["message"],
        "Jag kan komma med kort varsel."
    );
    assert_eq!(opened["version"], 1);
    // Another region's navigator: not there (and nothing audited).
    assert_problem(
        get_as(&server, &t.nils, &format!("/staff/referrals/{plain}")).await,
        404,
    )
    .await;
    assert_problem(
        move_as(
            &server,
            &t.nils,
            &plain,
            &json!({ "status": "under_review", "version": 1 }),
        )
        .await,
        404,
    )
    .await;

    // Move it; then offer a time.
    let moved = move_as(
        &server,
        &t.nora,
        &plain,
        &json!({ "status": "under_review", "version": 1, "note": "Vi tittar på det." }),
    )
    .await;
    assert_eq!(moved.status(), 200);
    let moved: Value = moved.json().await.unwrap();
    assert_matches_contract(&moved, schema("StaffReferral"));
    assert_eq!(moved["version"], 2);
    // A stale version: 409, nothing changed.
    let stale = assert_problem(
        move_as(
            &server,
            &t.nora,
            &plain,
            &json!({ "status": "declined", "version": 1, "declineReason": "duplicate" }),
        )
        .await,
        409,
    )
    .await;
    assert!(
        stale["type"].as_str().unwrap().ends_with("stale-version"),
        "{stale}"
    );
    // An invalid move: 409 with a clear message.
    let invalid = assert_problem(
        move_as(
            &server,
            &t.nora,
            &plain,
            &json!({ "status": "received", "version": 2 }),
        )
        .await,
        409,
    )
    .await;
    assert_eq!(
        invalid["detail"],
        "A request that is under_review cannot become received."
    );
    // An offer needs a provider of the catalogue, a date and a time.
    let incomplete = assert_problem(
        move_as(
            &server,
            &t.nora,
            &plain,
            &json!({ "status": "offered", "version": 2 }),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(incomplete["errors"][0]["field"], "offer");
    let wrong = assert_problem(
        move_as(
            &server,
            &t.nora,
            &plain,
            &json!({ "status": "offered", "version": 2, "offer": { "providerId": "nowhere", "date": "2020-01-01", "time": "25:00" } }),
        )
        .await,
        422,
    )
    .await;
    let fields: Vec<&str> = wrong["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["offer/providerId", "offer/date", "offer/time"]);
    // The API takes HH:MM only (its contract); the app writes "9.30" so.
    for time in ["9.30", "9:30", " 09:30", "24:00"] {
        let loose = assert_problem(
            move_as(
                &server,
                &t.nora,
                &plain,
                &json!({ "status": "offered", "version": 2, "offer": { "providerId": "karolinska-solna", "date": "2099-01-15", "time": time } }),
            )
            .await,
            422,
        )
        .await;
        assert_eq!(loose["errors"][0]["field"], "offer/time", "{time:?}");
    }
    let offered = move_as(
        &server,
        &t.nora,
        &plain,
        &json!({ "status": "offered", "version": 2, "note": "Välkommen!", "offer": { "providerId": "karolinska-solna", "date": "2099-01-15", "time": "09:30" } }),
    )
    .await;
    assert_eq!(offered.status(), 200);
    let offered: Value = offered.json().await.unwrap();
    assert_eq!(offered["version"], 3);
    assert_eq!(
        offered["history"][2]["offer"]["providerId"],
        "karolinska-solna"
    );
    assert_eq!(offered["history"][2]["by"], "navigator-01");
    // The patient sees the change in their own list.
    let mine: Value = get_as(&server, &t.tolvan, "/me/referrals")
        .await
        .json()
        .await
        .unwrap();
    let own = mine
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["reference"] == plain.as_str())
        .unwrap();
    assert_eq!(own["status"], "offered");

    // The auditor finds the read and the changes, by patient and by staff member.
    let by_patient = get_as(&server, &t.auditor, "/audit?identityNumber=19121212-1212").await;
    assert_eq!(by_patient.status(), 200);
    let by_patient: Value = by_patient.json().await.unwrap();
    assert_matches_contract(&by_patient, array_of("AuditEntry"));
    let actions: Vec<(&str, &str)> = by_patient
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["staff"].as_str().unwrap()))
        .collect();
    assert_eq!(
        actions,
        [
            ("change", "navigator-01"),
            ("change", "navigator-01"),
            ("read", "navigator-01")
        ]
    );
    assert_eq!(by_patient[0]["clientAddress"], "127.0.0.1");
    assert_eq!(by_patient[0]["reference"], plain.as_str());
    let by_staff: Value = get_as(&server, &t.auditor, "/audit?staff=navigator-01")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_staff, by_patient);
    let nils: Value = get_as(&server, &t.auditor, "/audit?staff=navigator-12")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(nils, json!([]));
    // Both: entries matching both; neither: the newest entries.
    let both: Value = get_as(
        &server,
        &t.auditor,
        "/audit?staff=navigator-01&identityNumber=191212121212",
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(both, by_patient);
    let newest: Value = get_as(&server, &t.auditor, "/audit")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(newest, by_patient);
    assert_problem(
        get_as(&server, &t.auditor, "/audit?identityNumber=19121212-1213").await,
        422,
    )
    .await;
    assert_logs_free_of_personal_data();
}

#[tokio::test]
async fn a_navigators_change_sends_the_patient_news_by_email() {
    capture_logs();
    let smtp = SmtpServer::start();
    let provider = Provider::start_fresh().await;
    let identity = identity_of(&provider);
    let smtp_url = smtp.url();
    let server = TestServer::with(move |c| {
        c.identity = Some(identity);
        c.mail = Some(MailConfig {
            smtp_url,
            from: "Vårdkoll <no-reply@vardkoll.example>".into(),
            app_url: "https://vardkoll.example".into(),
            poll: std::time::Duration::from_millis(100),
            retry: std::time::Duration::from_secs(1),
        });
    })
    .await;
    let t = tokens(&provider).await;
    let with_email = send(
        &server,
        &t.tolvan,
        "staff-mail-1",
        "01",
        json!({ "email": "anna@example.se" }),
    )
    .await;
    let without = send(&server, &t.tolvan, "staff-mail-2", "01", json!({})).await;
    for reference in [&with_email, &without] {
        let review = json!({ "status": "under_review", "version": 1 });
        assert_eq!(
            move_as(&server, &t.nora, reference, &review).await.status(),
            200
        );
    }
    let messages = smtp.wait_for(1, std::time::Duration::from_secs(15)).await;
    assert_eq!(
        messages.len(),
        1,
        "one message, to the request that gave an address"
    );
    assert_eq!(messages[0].header("to"), Some("anna@example.se"));
    assert!(
        messages[0]
            .body
            .contains("https://vardkoll.example/forfragningar")
    );
    // Nothing more arrives (the other request has no address; nothing twice).
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(smtp.messages().len(), 1);
    assert_logs_free_of_personal_data();
}

#[tokio::test]
async fn two_navigators_moving_one_request_at_once_one_wins() {
    let provider = Provider::start_fresh().await;
    let server = server_for(&provider).await;
    let t = tokens(&provider).await;
    let reference = send(&server, &t.tolvan, "staff-race-1", "01", json!({})).await;
    let review = json!({ "status": "under_review", "version": 1 });
    let decline = json!({ "status": "declined", "version": 1, "declineReason": "duplicate" });
    let (a, b) = tokio::join!(
        move_as(&server, &t.nora, &reference, &review),
        move_as(&server, &t.nora, &reference, &decline),
    );
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409]);
    let opened: Value = get_as(&server, &t.nora, &format!("/staff/referrals/{reference}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(opened["version"], 2);
    assert_eq!(opened["history"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn only_staff_with_the_role_get_in() {
    let provider = Provider::start_fresh().await;
    let server = server_for(&provider).await;
    let t = tokens(&provider).await;
    let reference = send(&server, &t.tolvan, "staff-roles-1", "01", json!({})).await;
    // A patient: 403 on every staff route, before any body is read.
    for path in [
        "/staff/referrals".to_owned(),
        format!("/staff/referrals/{reference}"),
        "/audit?staff=x".to_owned(),
    ] {
        assert_problem(get_as(&server, &t.tolvan, &path).await, 403).await;
    }
    let patient_move = server
        .client
        .post(server.url(&format!("/staff/referrals/{reference}/status")))
        .bearer_auth(&t.tolvan)
        .body("not even JSON")
        .send()
        .await
        .unwrap();
    assert_problem(patient_move, 403).await;
    // A navigator at the audit log, the auditor at the queue: 403.
    assert_problem(
        get_as(&server, &t.nora, "/audit?staff=navigator-01").await,
        403,
    )
    .await;
    assert_problem(get_as(&server, &t.auditor, "/staff/referrals").await, 403).await;
    assert_problem(
        get_as(
            &server,
            &t.auditor,
            &format!("/staff/referrals/{reference}"),
        )
        .await,
        403,
    )
    .await;
    // No token, or a broken one: 401 with a challenge.
    let anonymous = server.get("/staff/referrals").await;
    assert!(
        anonymous.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );
    assert_problem(anonymous, 401).await;
    assert_problem(get_as(&server, "a.b.c", "/audit?staff=x").await, 401).await;
    // Staff tokens carry no identity number: they cannot send a request as a patient.
    let as_staff = server
        .client
        .post(server.url("/referrals"))
        .header("Idempotency-Key", "staff-roles-2")
        .bearer_auth(&t.nora)
        .json(&referral())
        .send()
        .await
        .unwrap();
    assert_problem(as_staff, 401).await;
    // Nothing was read: the audit log is empty.
    let log: Value = get_as(&server, &t.auditor, "/audit?identityNumber=19121212-1212")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(log, json!([]));
}

#[tokio::test]
async fn without_a_provider_there_are_no_staff_routes() {
    let server = TestServer::start().await;
    assert_problem(server.get("/staff/referrals").await, 404).await;
    assert_problem(server.get("/audit?staff=x").await, 404).await;
}
