//! National care mediation over HTTP, against the real OpenID Connect provider
//! (tests/e2e/oidc-provider.mjs; its `scheduler` schedules for
//! akademiska-sjukhuset and sahlgrenska): a scheduler publishes, changes and
//! withdraws free times; a navigator gets ranked suggestions for a request
//! and a marked queue, and offers a time; the patient answers online; an
//! offer left unanswered goes back when the server's clock passes its window.

mod common;

use chrono::{Days, NaiveDate};
use common::provider::{Provider, server_for};
use common::{TestServer, array_of, assert_matches_contract, assert_problem, referral_in, schema};
use serde_json::{Value, json};

/// Today in Sweden, as the server reckons it.
fn today() -> NaiveDate {
    vardkoll_domain::swedish_time::swedish_local(chrono::Utc::now().naive_utc()).date()
}

fn day(from_today: u64) -> String {
    vardkoll_domain::date::iso(today() + Days::new(from_today))
}

async fn call(
    server: &TestServer,
    method: reqwest::Method,
    token: &str,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut request = server
        .client
        .request(method, server.url(path))
        .bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.unwrap()
}

async fn publish(server: &TestServer, token: &str, body: Value) -> reqwest::Response {
    call(
        server,
        reqwest::Method::POST,
        token,
        "/staff/free-times",
        Some(body),
    )
    .await
}

fn times(provider: &str, service: &str, date: &str, start: &str) -> Value {
    json!({ "providerId": provider, "serviceCode": service, "date": date, "start": start, "minutes": 60 })
}

#[tokio::test]
async fn a_scheduler_publishes_changes_and_withdraws_their_providers_times() {
    let provider = Provider::start_fresh().await;
    let server = server_for(&provider).await;
    let sara = provider.token("scheduler", None, None).await;
    let nora = provider.token("navigator-01", None, None).await;
    let tolvan = provider.token("tolvan", None, None).await;

    let mut series = times("akademiska-sjukhuset", "op-hoft", &day(7), "09:30");
    series["weeks"] = json!(3);
    // Only a scheduler publishes or lists.
    for other in [&nora, &tolvan] {
        assert_problem(publish(&server, other, series.clone()).await, 403).await;
        assert_problem(
            call(
                &server,
                reqwest::Method::GET,
                other,
                "/staff/free-times",
                None,
            )
            .await,
            403,
        )
        .await;
    }
    let response = publish(&server, &sara, series).await;
    assert_eq!(response.status(), 201);
    let stored: Value = response.json().await.unwrap();
    assert_matches_contract(&stored, array_of("FreeTime"));
    let stored = stored.as_array().unwrap().clone();
    assert_eq!(stored.len(), 3);
    assert_eq!(stored[2]["date"], day(21));
    assert_eq!(stored[0]["state"], "free");

    // Not theirs, gone by, too short: 422 naming each field; nothing stored.
    let problem = assert_problem(
        publish(
            &server,
            &sara,
            times("karolinska-solna", "op-hoft", &day(7), "13:00"),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "providerId");
    let mut wrong = times("sahlgrenska", "op-hoft", &day(0), "00:00");
    wrong["minutes"] = json!(2);
    let problem = assert_problem(publish(&server, &sara, wrong).await, 422).await;
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["minutes", "start"]);
    // Overlapping the second week's time: 409, and nothing stored.
    let mut overlapping = times("akademiska-sjukhuset", "op-hoft", &day(0), "10:00");
    overlapping["date"] = json!(day(14));
    let problem = assert_problem(publish(&server, &sara, overlapping).await, 409).await;
    assert!(problem["type"].as_str().unwrap().ends_with("time-overlap"));
    let listed: Value = call(
        &server,
        reqwest::Method::GET,
        &sara,
        "/staff/free-times",
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    assert_matches_contract(&listed, schema("Schedule"));
    assert_eq!(
        listed["providers"],
        json!(["akademiska-sjukhuset", "sahlgrenska"])
    );
    assert_eq!(listed["times"].as_array().unwrap().len(), 3);

    // Change the first: a new version; the old version is stale.
    let id = stored[0]["id"].as_i64().unwrap();
    let path = format!("/staff/free-times/{id}");
    let change = json!({ "date": day(8), "start": "08:00", "minutes": 45, "version": 1 });
    let response = call(
        &server,
        reqwest::Method::PUT,
        &sara,
        &path,
        Some(change.clone()),
    )
    .await;
    assert_eq!(response.status(), 200);
    let changed: Value = response.json().await.unwrap();
    assert_matches_contract(&changed, schema("FreeTime"));
    assert_eq!(
        (changed["start"].as_str(), changed["version"].as_i64()),
        (Some("08:00"), Some(2))
    );
    let problem = assert_problem(
        call(&server, reqwest::Method::PUT, &sara, &path, Some(change)).await,
        409,
    )
    .await;
    assert!(problem["type"].as_str().unwrap().ends_with("stale-version"));
    // Withdraw it: gone, and a second withdrawal finds nothing.
    let response = call(&server, reqwest::Method::DELETE, &sara, &path, None).await;
    assert_eq!(response.status(), 204);
    assert_problem(
        call(&server, reqwest::Method::DELETE, &sara, &path, None).await,
        404,
    )
    .await;
    assert_problem(
        call(
            &server,
            reqwest::Method::DELETE,
            &sara,
            "/staff/free-times/999999",
            None,
        )
        .await,
        404,
    )
    .await;
    provider.stop().await;
}

#[tokio::test]
async fn a_navigator_gets_ranked_suggestions_and_a_marked_queue() {
    let provider = Provider::start_fresh().await;
    let server = server_for(&provider).await;
    let sara = provider.token("scheduler", None, None).await;
    let nora = provider.token("navigator-01", None, None).await;
    let nils = provider.token("navigator-12", None, None).await;
    let tolvan = provider.token("tolvan", None, None).await;

    // Göteborg in 5 days, Uppsala in 10, Uppsala for knees in 3, Uppsala after the deadline.
    for body in [
        times("sahlgrenska", "op-hoft", &day(5), "09:00"),
        times("akademiska-sjukhuset", "op-hoft", &day(10), "09:00"),
        times("akademiska-sjukhuset", "op-kna", &day(3), "09:00"),
        times("akademiska-sjukhuset", "op-hoft", &day(40), "09:00"),
    ] {
        assert_eq!(publish(&server, &sara, body).await.status(), 201);
    }
    let send = |key: &'static str, extra: Value| {
        let mut body = referral_in("01");
        body["preferredProviders"] = json!(["akademiska-sjukhuset"]);
        body["guarantee"] =
            json!({ "step": "treatment", "deadline": day(20), "state": "will_be_missed" });
        for (name, value) in extra.as_object().unwrap() {
            body[name] = value.clone();
        }
        let server = &server;
        let tolvan = &tolvan;
        async move {
            server.send_as(tolvan, key, &body).await["reference"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };
    let anywhere = send("match-request-1", json!({})).await;
    let near = send("match-request-2", json!({ "maxTravelKm": 100 })).await;
    let stays = send("match-request-3", json!({ "canTravel": false })).await;
    let free_choice = send("match-request-4", json!({ "guarantee": null })).await;

    let suggestions = |reference: &str, token: &str| {
        let path = format!("/staff/referrals/{reference}/suggestions");
        let server = &server;
        let token = token.to_owned();
        async move { call(server, reqwest::Method::GET, &token, &path, None).await }
    };
    let response = suggestions(&anywhere, &nora).await;
    assert_eq!(response.status(), 200);
    let found: Value = response.json().await.unwrap();
    assert_matches_contract(&found, array_of("Suggestion"));
    let ranked: Vec<(&str, &str)> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["time"]["providerId"].as_str().unwrap(),
                s["time"]["date"].as_str().unwrap(),
            )
        })
        .collect();
    // The first choice first; the late Uppsala time is left out; knees are not hips.
    let (ten, five) = (day(10), day(5));
    assert_eq!(
        ranked,
        [
            ("akademiska-sjukhuset", ten.as_str()),
            ("sahlgrenska", five.as_str())
        ]
    );
    assert_eq!(found[0]["choice"], 0);
    assert_eq!(found[0]["beforeDeadline"], true);
    assert!((55..75).contains(&found[0]["distanceKm"].as_i64().unwrap()));

    let within: Value = suggestions(&near, &nora).await.json().await.unwrap();
    assert_eq!(within.as_array().unwrap().len(), 1);
    assert_eq!(within[0]["time"]["providerId"], "akademiska-sjukhuset");
    let at_home: Value = suggestions(&stays, &nora).await.json().await.unwrap();
    assert_eq!(at_home, json!([]));

    // Another region's navigator, a scheduler, a patient: not for them.
    assert_problem(suggestions(&anywhere, &nils).await, 404).await;
    assert_problem(suggestions(&anywhere, &sara).await, 403).await;
    assert_problem(suggestions(&anywhere, &tolvan).await, 403).await;

    // The queue marks the requests a timely time exists for.
    let queue: Value = call(
        &server,
        reqwest::Method::GET,
        &nora,
        "/staff/referrals",
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    assert_matches_contract(&queue, array_of("StaffQueueItem"));
    let marked = |reference: &str| {
        queue
            .as_array()
            .unwrap()
            .iter()
            .find(|item| item["reference"].as_str() == Some(reference))
            .unwrap()["freeTimeBeforeDeadline"]
            .as_bool()
            .unwrap()
    };
    assert!(marked(&anywhere));
    assert!(marked(&near));
    assert!(!marked(&stays));
    assert!(!marked(&free_choice));
    provider.stop().await;
}

async fn answer_as(
    server: &TestServer,
    token: &str,
    reference: &str,
    key: Option<&str>,
    answer: &str,
) -> reqwest::Response {
    let mut request = server
        .client
        .post(server.url(&format!("/referrals/{reference}/answer")))
        .bearer_auth(token)
        .json(&json!({ "answer": answer }));
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    request.send().await.unwrap()
}

/// The navigator takes the request under review and offers it the first
/// suggestion; the time offered.
async fn offer_first_suggestion(server: &TestServer, nora: &str, reference: &str) -> Value {
    let path = format!("/staff/referrals/{reference}/status");
    let body = json!({ "status": "under_review", "version": 1 });
    let response = call(server, reqwest::Method::POST, nora, &path, Some(body)).await;
    assert_eq!(response.status(), 200);
    let suggestions: Value = call(
        server,
        reqwest::Method::GET,
        nora,
        &format!("/staff/referrals/{reference}/suggestions"),
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    let time = suggestions[0]["time"].clone();
    let offer = json!({
        "status": "offered",
        "version": 2,
        "note": "En tid i Uppsala.",
        "offer": {
            "providerId": time["providerId"],
            "date": time["date"],
            "time": time["start"],
            "freeTimeId": time["id"],
        },
    });
    let response = call(server, reqwest::Method::POST, nora, &path, Some(offer)).await;
    assert_eq!(response.status(), 200);
    let moved: Value = response.json().await.unwrap();
    assert_matches_contract(&moved, schema("StaffReferral"));
    time
}

#[tokio::test]
async fn the_patient_answers_an_offer_online_and_an_unanswered_one_goes_back() {
    let provider = Provider::start_fresh().await;
    let clock = tempfile::tempdir().unwrap();
    let offset = clock.path().join("offset");
    let identity = common::provider::identity_of(&provider);
    let file = offset.clone();
    let server = TestServer::with(move |c| {
        c.identity = Some(identity);
        c.clock_offset_file = Some(file);
        c.offer_sweep_seconds = 0.1;
    })
    .await;
    let sara = provider.token("scheduler", None, None).await;
    let nora = provider.token("navigator-01", None, None).await;
    let tolvan = provider.token("tolvan", None, None).await;
    let lisa = provider.token("lisa-bergstrom", None, None).await;
    for date in [day(10), day(11)] {
        let body = times("akademiska-sjukhuset", "op-hoft", &date, "09:00");
        assert_eq!(publish(&server, &sara, body).await.status(), 201);
    }
    let first = server
        .send_as(&tolvan, "answer-request-1", &referral_in("01"))
        .await["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let time = offer_first_suggestion(&server, &nora, &first).await;
    let read: Value = call(
        &server,
        reqwest::Method::GET,
        &tolvan,
        &format!("/referrals/{first}"),
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(read["status"], "offered");
    let offered = &read["history"][2]["offer"];
    assert_eq!(offered["freeTimeId"], time["id"]);
    let answer_by =
        chrono::DateTime::parse_from_rfc3339(offered["answerBy"].as_str().unwrap()).unwrap();
    let window = answer_by.signed_duration_since(chrono::Utc::now());
    assert!(
        window > chrono::Duration::days(5) - chrono::Duration::minutes(5)
            && window <= chrono::Duration::days(5)
    );

    // Another patient: not there. No key: 400. Tolvan accepts, once.
    assert_problem(
        answer_as(&server, &lisa, &first, Some("answer-key-0001"), "accept").await,
        404,
    )
    .await;
    assert_problem(
        answer_as(&server, &tolvan, &first, None, "accept").await,
        400,
    )
    .await;
    let response = answer_as(&server, &tolvan, &first, Some("answer-key-0001"), "accept").await;
    assert_eq!(response.status(), 200);
    let booked: Value = response.json().await.unwrap();
    assert_matches_contract(&booked, schema("ReferralView"));
    assert_eq!(booked["status"], "booked");
    assert_eq!(booked["history"][3]["answer"], "accept");
    let again = answer_as(&server, &tolvan, &first, Some("answer-key-0001"), "accept").await;
    assert_eq!(again.status(), 200);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    let problem = assert_problem(
        answer_as(&server, &tolvan, &first, Some("answer-key-0002"), "decline").await,
        409,
    )
    .await;
    assert!(
        problem["type"]
            .as_str()
            .unwrap()
            .ends_with("invalid-transition")
    );
    // The scheduler sees the booking and by which request.
    let listed: Value = call(
        &server,
        reqwest::Method::GET,
        &sara,
        "/staff/free-times",
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    let booked_time = listed["times"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == time["id"])
        .unwrap();
    assert_eq!(booked_time["state"], "booked");
    assert_eq!(booked_time["reference"].as_str(), Some(first.as_str()));

    // A second request is offered the other time and not answered: six days
    // on (the server's clock, moved), it is back in the queue and the time free.
    let second = server
        .send_as(&tolvan, "answer-request-2", &referral_in("01"))
        .await["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let other = offer_first_suggestion(&server, &nora, &second).await;
    assert_ne!(other["id"], time["id"]);
    std::fs::write(&offset, (6 * 86_400).to_string()).unwrap();
    let mut view = Value::Null;
    for _ in 0..100 {
        view = call(
            &server,
            reqwest::Method::GET,
            &tolvan,
            &format!("/referrals/{second}"),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
        if view["status"] == "under_review" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(view["status"], "under_review");
    assert_eq!(view["history"][3]["expired"], true);
    assert_matches_contract(&view, schema("ReferralView"));
    let problem = assert_problem(
        answer_as(&server, &tolvan, &second, Some("answer-key-0003"), "accept").await,
        409,
    )
    .await;
    assert!(
        problem["type"]
            .as_str()
            .unwrap()
            .ends_with("invalid-transition")
    );
    let suggestions: Value = call(
        &server,
        reqwest::Method::GET,
        &nora,
        &format!("/staff/referrals/{second}/suggestions"),
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(suggestions[0]["time"]["id"], other["id"]);
    provider.stop().await;
}

#[tokio::test]
async fn without_sign_in_the_requests_token_answers() {
    let server = TestServer::start().await;
    let created = server.create_referral("anonymous-answer-1").await;
    let (reference, token) = (
        created["reference"].as_str().unwrap(),
        created["token"].as_str().unwrap(),
    );
    // A wrong token is 401 as reading is; the right one withdraws the request.
    assert_problem(
        answer_as(
            &server,
            "not-the-token",
            reference,
            Some("withdraw-key-1"),
            "withdraw",
        )
        .await,
        401,
    )
    .await;
    assert_problem(
        answer_as(&server, token, reference, Some("withdraw-key-1"), "accept").await,
        409,
    )
    .await;
    let response = answer_as(
        &server,
        token,
        reference,
        Some("withdraw-key-1"),
        "withdraw",
    )
    .await;
    assert_eq!(response.status(), 200);
    let view: Value = response.json().await.unwrap();
    assert_eq!(view["status"], "withdrawn");
    assert_eq!(view["history"][1]["answer"], "withdraw");
    // Unknown answers are the body's fault: 422 naming the field.
    let response = server
        .client
        .post(server.url(&format!("/referrals/{reference}/answer")))
        .bearer_auth(token)
        .header("Idempotency-Key", "withdraw-key-2")
        .json(&json!({ "answer": "maybe" }))
        .send()
        .await
        .unwrap();
    assert_problem(response, 422).await;
}
