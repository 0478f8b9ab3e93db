//! Integration tests over real HTTP: a server on a free loopback port with a
//! temporary database, every response checked against openapi.yaml.

mod common;

use common::*;
use serde_json::{Value, json};

#[tokio::test]
async fn the_catalogue_is_served_and_matches_the_contract() {
    let server = TestServer::start().await;
    let regions: Value = server.get("/regions").await.json().await.unwrap();
    assert_matches_contract(&regions, array_of("Region"));
    assert_eq!(regions.as_array().unwrap().len(), 21);
    assert_eq!(
        regions[0],
        json!({ "code": "01", "name": "Region Stockholm", "vantetiderId": 10 })
    );

    let services: Value = server.get("/services").await.json().await.unwrap();
    assert_matches_contract(&services, array_of("Service"));
    assert!(services.as_array().unwrap().len() >= 38);
    let cataract = services
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == "op-katarakt")
        .unwrap();
    assert!(
        cataract["synonyms"]
            .as_array()
            .unwrap()
            .contains(&json!("gråstarr"))
    );

    let providers: Value = server
        .get("/providers?region=09")
        .await
        .json()
        .await
        .unwrap();
    assert_matches_contract(&providers, array_of("Provider"));
    assert_eq!(providers[0]["name"], "Visby lasarett");

    let health: Value = server.get("/health").await.json().await.unwrap();
    assert_eq!(health, json!({ "status": "ok" }));
}

#[tokio::test]
async fn statistics_carry_an_etag_and_answer_304_when_unchanged() {
    let server = TestServer::start().await;
    let response = server
        .get("/statistics?service=op-hoft&level=provider")
        .await;
    assert_eq!(response.status(), 200);
    let etag = response
        .headers()
        .get("etag")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        response
            .headers()
            .get("cache-control")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("max-age")
    );
    let page: Value = response.json().await.unwrap();
    assert_matches_contract(&page, schema("StatisticsPage"));
    assert_eq!(page["sampleData"], true);
    let rows = page["rows"].as_array().unwrap();
    assert!(rows.len() > 40);
    assert!(
        rows.iter()
            .all(|r| r["period"] == "2026-10" && r["providerId"].is_string())
    );

    let again = server
        .client
        .get(server.url("/statistics?service=op-hoft&level=provider"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers().get("etag").unwrap().to_str().unwrap(), etag);

    let trend: Value = server
        .get("/statistics?service=op-hoft&region=05&level=region&months=24")
        .await
        .json()
        .await
        .unwrap();
    assert_matches_contract(&trend, schema("StatisticsPage"));
    assert_eq!(trend["rows"].as_array().unwrap().len(), 24);
    let other = server
        .get("/statistics?service=op-hoft&region=05&level=region&months=24")
        .await;
    assert_ne!(other.headers().get("etag").unwrap().to_str().unwrap(), etag);
}

#[tokio::test]
async fn bad_statistics_queries_get_problems_with_their_fields() {
    let server = TestServer::start().await;
    let body = assert_problem(
        server
            .get("/statistics?service=op-hoft&months=25&region=99&color=red")
            .await,
        422,
    )
    .await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"months") && fields.contains(&"region") && fields.contains(&"color"),
        "{fields:?}"
    );
    assert_problem(server.get("/statistics").await, 422).await;
    assert_problem(server.get("/statistics?service=tandlakare").await, 404).await;
    assert_problem(server.get("/providers?region=99").await, 422).await;
    assert_problem(server.get("/nothing-here").await, 404).await;
    assert_problem(
        server
            .client
            .delete(server.url("/regions"))
            .send()
            .await
            .unwrap(),
        405,
    )
    .await;
}

#[tokio::test]
async fn a_coordination_number_with_an_unknown_birth_month_or_day_is_accepted() {
    let server = TestServer::start().await;
    // Skatteverket's test coordination numbers: month 00, day 60 (unknown).
    for (key, number) in [
        ("coord-key-0001", "19150072-2390"),
        ("coord-key-0002", "19171160-2399"),
    ] {
        let mut body = referral();
        body["personalIdentityNumber"] = json!(number);
        let response = server.post_referral(key, &body).await;
        assert_eq!(response.status(), 201, "{number}");
    }
    // An ordinary number with month 00 is still no date.
    let mut body = referral();
    body["personalIdentityNumber"] = json!("19150012-2390");
    let problem = assert_problem(server.post_referral("coord-key-0003", &body).await, 422).await;
    assert_eq!(problem["errors"][0]["field"], "personalIdentityNumber");
    assert_eq!(server.count().await, 2);
}

#[tokio::test]
async fn a_referral_is_created_once_per_key_and_read_only_with_its_token() {
    let server = TestServer::start().await;
    let response = server.post_referral("key-00000001", &referral()).await;
    assert_eq!(response.status(), 201);
    let location = response
        .headers()
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(response.headers().get("cache-control").unwrap(), "no-store");
    let created: Value = response.json().await.unwrap();
    assert_matches_contract(&created, schema("ReferralCreated"));
    assert_eq!(
        location,
        format!(
            "/api/v1/referrals/{}",
            created["reference"].as_str().unwrap()
        )
    );

    let replay = server.post_referral("key-00000001", &referral()).await;
    assert_eq!(replay.status(), 201);
    assert_eq!(replay.headers().get("idempotent-replayed").unwrap(), "true");
    assert_eq!(replay.json::<Value>().await.unwrap(), created);
    assert_eq!(server.count().await, 1);

    let mut changed = referral();
    changed["message"] = json!("Något annat");
    assert_problem(server.post_referral("key-00000001", &changed).await, 422).await;
    assert_eq!(server.count().await, 1);

    let token = created["token"].as_str().unwrap();
    let read = server
        .client
        .get(format!(
            "http://{}{location}",
            server.running.as_ref().unwrap().addr
        ))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 200);
    let view: Value = read.json().await.unwrap();
    assert_matches_contract(&view, schema("ReferralView"));
    assert_eq!(view["status"], "received");
    assert!(!view.to_string().contains("1212") && !view.to_string().contains("Tolvan"));

    let url = format!("http://{}{location}", server.running.as_ref().unwrap().addr);
    // Without the request's token: 401, the same whether or not the reference exists.
    let without = server.client.get(&url).send().await.unwrap();
    assert_eq!(
        without.headers()["www-authenticate"],
        r#"Bearer realm="vardkoll-referral""#
    );
    assert_problem(without, 401).await;
    let wrong = server
        .client
        .get(&url)
        .bearer_auth("wrong-token")
        .send()
        .await
        .unwrap();
    assert!(
        wrong.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .contains("invalid_token")
    );
    assert_problem(wrong, 401).await;
    let nobody = server
        .client
        .get(server.url("/referrals/VK-0000000000"))
        .bearer_auth("wrong-token")
        .send()
        .await
        .unwrap();
    assert_problem(nobody, 401).await;
    let other = server
        .post_referral("key-00000002", &referral())
        .await
        .json::<Value>()
        .await
        .unwrap();
    let theirs = server
        .client
        .get(&url)
        .bearer_auth(other["token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_problem(theirs, 401).await;
}

#[tokio::test]
async fn malformed_or_invalid_requests_get_problems_and_store_nothing() {
    let server = TestServer::start().await;
    let post = |key: &'static str| {
        server
            .client
            .post(server.url("/referrals"))
            .header("Idempotency-Key", key)
    };

    let no_key = server
        .client
        .post(server.url("/referrals"))
        .json(&referral())
        .send()
        .await
        .unwrap();
    assert_problem(no_key, 400).await;
    let bad_key = server.post_referral("short", &referral()).await;
    assert_problem(bad_key, 400).await;
    let malformed = post("key-malformed")
        .header("content-type", "application/json")
        .body("{\"name\": ")
        .send()
        .await
        .unwrap();
    assert_problem(malformed, 400).await;
    let wrong_type = post("key-wrong-type")
        .header("content-type", "text/plain")
        .body(referral().to_string())
        .send()
        .await
        .unwrap();
    assert_problem(wrong_type, 415).await;
    let mut huge = referral();
    huge["message"] = json!("x".repeat(40_000));
    assert_problem(server.post_referral("key-oversized", &huge).await, 413).await;

    let mut unknown = referral();
    unknown["favouriteColour"] = json!("blue");
    let body = assert_problem(
        server.post_referral("key-unknown-field", &unknown).await,
        422,
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "favouriteColour");
    let mut missing = referral();
    missing.as_object_mut().unwrap().remove("consentToShare");
    let body = assert_problem(
        server.post_referral("key-missing-field", &missing).await,
        422,
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "consentToShare");

    for (number, code) in [
        ("19121212-1213", "control_digit"),
        ("19121312-1212", "date"),
        ("1912", "format"),
    ] {
        let mut bad = referral();
        bad["personalIdentityNumber"] = json!(number);
        let body = assert_problem(server.post_referral("key-bad-identity", &bad).await, 422).await;
        assert_eq!(body["errors"][0]["field"], "personalIdentityNumber");
        assert_eq!(body["errors"][0]["code"], code);
        assert!(
            !body.to_string().contains(number),
            "the number must not be echoed"
        );
    }
    let mut invalid = referral();
    invalid["preferredProviders"] = json!(["no-such-hospital"]);
    invalid["consentToShare"] = json!(false);
    let body = assert_problem(server.post_referral("key-invalid", &invalid).await, 422).await;
    assert_eq!(body["errors"].as_array().unwrap().len(), 2);
    // Only the specialist-visit and treatment deadlines oblige the region; a
    // deadline must be a real date.
    let mut bup = referral();
    bup["guarantee"] =
        json!({ "step": "bup_assessment", "deadline": "2026-04-10", "state": "missed" });
    let body = assert_problem(server.post_referral("key-bup-deadline", &bup).await, 422).await;
    assert_eq!(body["errors"][0]["field"], "guarantee/step");
    let mut no_date = referral();
    no_date["guarantee"] =
        json!({ "step": "treatment", "deadline": "2026-02-30", "state": "missed" });
    assert_problem(
        server.post_referral("key-bad-deadline", &no_date).await,
        422,
    )
    .await;

    assert_eq!(server.count().await, 0, "nothing may be half-written");
}

#[tokio::test]
async fn the_region_side_moves_a_request_and_the_patient_sees_it() {
    let provider = provider::Provider::start_fresh().await;
    let server = provider::server_for(&provider).await;
    let tolvan = provider.token("tolvan", None, None).await;
    let nora = provider.token("navigator-01", None, None).await;
    let created = server
        .send_as(&tolvan, "key-region-flow", &referral_in("01"))
        .await;
    let reference = created["reference"].as_str().unwrap();
    let status_url = server.url(&format!("/staff/referrals/{reference}/status"));
    let set = |move_: Value| {
        server
            .client
            .post(&status_url)
            .bearer_auth(&nora)
            .json(&move_)
            .send()
    };
    let reviewed = set(json!({ "status": "under_review", "version": 1, "note": "Tid 3 dec" }))
        .await
        .unwrap();
    assert_eq!(reviewed.status(), 200);
    assert_problem(
        set(json!({ "status": "received", "version": 2 }))
            .await
            .unwrap(),
        409,
    )
    .await;

    // The patient reads it with the request's own token, as the contract says.
    let view: Value = server
        .client
        .get(server.url(&format!("/referrals/{reference}")))
        .bearer_auth(created["token"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_matches_contract(&view, schema("ReferralView"));
    assert_eq!(view["status"], "under_review");
    assert_eq!(view["history"][1]["note"], "Tid 3 dec");
}

#[tokio::test]
async fn the_shared_admin_token_and_its_routes_are_gone() {
    let server = TestServer::start().await;
    let moved = server
        .client
        .post(server.url("/admin/referrals/VK-1/status"))
        .bearer_auth("admin-secret-token")
        .json(&json!({ "status": "offered" }))
        .send()
        .await
        .unwrap();
    assert_problem(moved, 404).await;
    assert_problem(server.get("/admin/referrals").await, 404).await;
}

#[tokio::test]
async fn too_many_requests_get_429_with_retry_after() {
    let server = TestServer::with(|c| {
        c.rate_per_second = 1.0;
        c.rate_burst = 3.0;
    })
    .await;
    for _ in 0..3 {
        assert_eq!(server.get("/regions").await.status(), 200);
    }
    let limited = server.get("/regions").await;
    let retry: u64 = limited
        .headers()
        .get("retry-after")
        .unwrap()
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=2).contains(&retry));
    assert_problem(limited, 429).await;
}

#[tokio::test]
async fn cors_allows_only_configured_origins_and_security_headers_are_set() {
    let server = TestServer::with(|c| c.cors_origins = vec!["https://portal.example".into()]).await;
    let allowed = server
        .client
        .get(server.url("/regions"))
        .header("Origin", "https://portal.example")
        .send()
        .await
        .unwrap();
    assert_eq!(
        allowed
            .headers()
            .get("access-control-allow-origin")
            .unwrap(),
        "https://portal.example"
    );
    let denied = server
        .client
        .get(server.url("/regions"))
        .header("Origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert!(
        denied
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
    for header in [
        "x-content-type-options",
        "referrer-policy",
        "content-security-policy",
        "x-frame-options",
    ] {
        assert!(allowed.headers().get(header).is_some(), "{header} missing");
    }
}

#[tokio::test]
async fn shutdown_finishes_in_flight_writes_and_they_survive_a_restart() {
    let mut server = TestServer::start().await;
    let mut pending = Vec::new();
    for i in 0..200 {
        let client = server.client.clone();
        let url = server.url("/referrals");
        pending.push(tokio::spawn(async move {
            client
                .post(url)
                .header("Idempotency-Key", format!("key-shutdown-{i:04}"))
                .json(&referral())
                .send()
                .await
        }));
    }
    // Stop while requests are still arriving: some stored, some in flight.
    while server.count().await < 20 {
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    let database = server.dir.path().join("test.sqlite3");
    server.stop().await;
    let mut acknowledged = 0;
    for task in pending {
        if let Ok(Ok(response)) = task.await
            && response.status() == 201
        {
            acknowledged += 1;
        }
    }
    use vardkoll_server::store::Store;
    let store = vardkoll_server::store::sqlite::SqliteStore::open(&database).unwrap();
    let stored = store.referral_count().await.unwrap();
    assert!(acknowledged > 0);
    assert!(
        stored >= acknowledged,
        "{acknowledged} acknowledged but only {stored} stored"
    );
}

#[tokio::test]
async fn an_import_reaches_a_running_instance_without_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("shared.sqlite3");
    let shared = |config: &mut vardkoll_server::config::Config| {
        config.database = database.clone();
        config.data_check_seconds = 0.1;
    };
    let mut server = TestServer::with(shared).await;
    let path = "/statistics?service=op-hoft&level=provider";
    let before = server.get(path).await;
    let etag = before.headers()["etag"].to_str().unwrap().to_owned();
    let page: Value = before.json().await.unwrap();
    let first = &page["rows"][0];
    assert_ne!(first["medianDaysWaited"], 4321);

    // Another instance (here the importer's own store) writes new figures.
    let importer = vardkoll_server::store::open(&vardkoll_server::config::Config {
        database: database.clone(),
        ..Default::default()
    })
    .await
    .unwrap();
    let data = importer.dataset().await.unwrap();
    // A month after the newest: imports only add figures.
    let latest = data
        .statistics
        .iter()
        .filter(|s| {
            s.service_code == "op-hoft" && s.provider_id.as_deref() == first["providerId"].as_str()
        })
        .max_by_key(|s| s.period)
        .unwrap();
    let mut next = latest.clone();
    next.period = vardkoll_domain::api::Period {
        year: latest.period.year + i32::from(latest.period.month == 12),
        month: latest.period.month % 12 + 1,
    };
    next.median_days_waited = Some(4321);
    importer
        .import(vardkoll_server::dataset::Dataset {
            statistics: vec![next],
            ..Default::default()
        })
        .await
        .unwrap();
    importer.close().await.unwrap();

    let mut seen = None;
    for _ in 0..100 {
        let response = server.get(path).await;
        let now = response.headers()["etag"].to_str().unwrap().to_owned();
        let page: Value = response.json().await.unwrap();
        if page["rows"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["medianDaysWaited"] == 4321)
        {
            seen = Some(now);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let now = seen.expect("the running server serves the imported figure within 5 s");
    assert_ne!(now, etag, "new figures, new validator");
    server.stop().await;
}

#[tokio::test]
async fn a_closed_request_is_deleted_once_its_retention_time_has_passed() {
    let server = TestServer::with(|c| c.retention_days = 30).await;
    let created: Value = server
        .post_referral("retention-key-01", &referral_in("01"))
        .await
        .json()
        .await
        .unwrap();
    let reference = created["reference"].as_str().unwrap();
    let state = &server.running.as_ref().unwrap().state;
    let now = chrono::Utc::now();
    // A navigator of region 01 declines it now.
    let declined = state
        .store
        .move_referral(
            reference.into(),
            vardkoll_server::store::Move {
                status: vardkoll_domain::api::ReferralStatus::Declined,
                version: 1,
                note: Some("Ingen ledig tid.".into()),
                offer: None,
                decline_reason: Some(vardkoll_domain::api::DeclineReason::NoProviderAvailable),
            },
            vardkoll_server::store::Actor {
                client_address: "192.0.2.7".into(),
                at: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                ..database::actor("navigator-01", &["01"])
            },
        )
        .await
        .unwrap();
    assert!(matches!(declined, Some(Ok(_))), "{declined:?}");
    assert_eq!(
        state.purge(now + chrono::Duration::days(29)).await.unwrap(),
        0
    );
    assert_eq!(server.count().await, 1);
    assert_eq!(
        state.purge(now + chrono::Duration::days(31)).await.unwrap(),
        1
    );
    assert_eq!(server.count().await, 0);
    let read = server
        .client
        .get(server.url(&format!("/referrals/{reference}")))
        .header(
            "Authorization",
            format!("Bearer {}", created["token"].as_str().unwrap()),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 401, "nothing left to open");
}
