//! National care mediation over HTTP, against the real OpenID Connect provider
//! (tests/e2e/oidc-provider.mjs; its `scheduler` schedules for
//! akademiska-sjukhuset and sahlgrenska): a scheduler publishes, changes and
//! withdraws free times; a navigator gets ranked suggestions for a request
//! and a marked queue.

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
    assert_matches_contract(&listed, array_of("FreeTime"));
    assert_eq!(listed.as_array().unwrap().len(), 3);

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
