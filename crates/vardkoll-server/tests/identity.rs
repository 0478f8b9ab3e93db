//! Signed-in patients against a real OpenID Connect provider (the npm package
//! oidc-provider, started here on a free port by tests/e2e/oidc-provider.mjs):
//! the server checks access tokens against the provider's published keys.

mod common;

use std::time::Duration;

use common::provider::{Provider, identity_of, server_for};
use common::{TestServer, assert_matches_contract, assert_problem, referral, schema};
use serde_json::{Value, json};

/// `POST /me/referrals`: claims `reference` with its `token`.
async fn claim_as(
    server: &TestServer,
    access_token: Option<&str>,
    reference: &str,
    token: &str,
) -> reqwest::Response {
    let mut request = server
        .client
        .post(server.url("/me/referrals"))
        .json(&json!({ "reference": reference, "token": token }));
    if let Some(access_token) = access_token {
        request = request.bearer_auth(access_token);
    }
    request.send().await.unwrap()
}

async fn post_as(
    server: &TestServer,
    token: Option<&str>,
    key: &str,
    body: &Value,
) -> reqwest::Response {
    let mut request = server
        .client
        .post(server.url("/referrals"))
        .header("Idempotency-Key", key)
        .json(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
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

#[tokio::test]
async fn a_signed_in_patient_sends_and_finds_their_requests_and_nobody_elses() {
    let dir = tempfile::tempdir().unwrap();
    let provider = Provider::start(&dir.path().join("keys.json"), 0, false).await;
    let server = server_for(&provider).await;
    let tolvan = provider.token("tolvan", None, None).await;
    let lisa = provider.token("lisa-bergstrom", None, None).await;

    // Signed in or nothing: the token is asked for before the body is read.
    let anonymous = post_as(&server, None, "oidc-key-0001", &referral()).await;
    assert!(
        anonymous.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );
    assert_problem(anonymous, 401).await;
    assert_eq!(server.count().await, 0);

    // What is typed as the identity number does not count: the token's does.
    let mut typed = referral();
    typed["personalIdentityNumber"] = json!("19811228-9874");
    let created = post_as(&server, Some(&tolvan), "oidc-key-0002", &typed).await;
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap();
    let reference = created["reference"].as_str().unwrap();
    let stored: String = rusqlite::Connection::open(server.dir.path().join("test.sqlite3"))
        .unwrap()
        .query_row("SELECT identity_number FROM referrals", [], |row| {
            row.get(0)
        })
        .unwrap();
    assert_eq!(stored, "191212121212");

    // On any device: the list and the request, with the access token.
    let mine: Value = get_as(&server, &tolvan, "/me/referrals")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_eq!(mine[0]["reference"], reference);
    let read = get_as(&server, &tolvan, &format!("/referrals/{reference}")).await;
    assert_eq!(read.status(), 200);
    // Another patient sees none of it: not there for them.
    let theirs: Value = get_as(&server, &lisa, "/me/referrals")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(theirs, json!([]));
    assert_problem(
        get_as(&server, &lisa, &format!("/referrals/{reference}")).await,
        404,
    )
    .await;
    // The request's own token still opens it.
    let own = get_as(
        &server,
        created["token"].as_str().unwrap(),
        &format!("/referrals/{reference}"),
    )
    .await;
    assert_eq!(own.status(), 200);
    provider.stop().await;
}

#[tokio::test]
async fn expired_tampered_foreign_and_misaddressed_tokens_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("keys.json");
    let provider = Provider::start(&keys, 0, false).await;
    // Another provider with the very same keys: only the issuer tells them apart.
    let impostor = Provider::start(&keys, 0, false).await;
    let server = server_for(&provider).await;

    let expired = provider.token("tolvan", None, Some(1)).await;
    let wrong_audience = provider.token("tolvan", Some("other-api"), None).await;
    let wrong_issuer = impostor.token("tolvan", None, None).await;
    let valid = provider.token("tolvan", None, None).await;
    let mut tampered = valid.clone();
    let last = tampered.pop().unwrap();
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    let unsigned = {
        let mut parts = valid.split('.');
        let (_, payload) = (parts.next(), parts.next().unwrap());
        // {"alg":"none","kid":"x"}
        format!("eyJhbGciOiJub25lIiwia2lkIjoieCJ9.{payload}.")
    };
    tokio::time::sleep(Duration::from_secs(2)).await;
    for (what, token) in [
        ("expired", &expired),
        ("wrong audience", &wrong_audience),
        ("wrong issuer", &wrong_issuer),
        ("bad signature", &tampered),
        ("unsigned", &unsigned),
        ("not a token", &"a.b.c".to_owned()),
    ] {
        let response = get_as(&server, token, "/me/referrals").await;
        let challenge = response.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(challenge.contains("invalid_token"), "{what}: {challenge}");
        assert_problem(response, 401).await;
        let posted = post_as(
            &server,
            Some(token),
            &format!("refused-{}", what.len()),
            &referral(),
        )
        .await;
        assert_problem(posted, 401).await;
    }
    assert_eq!(get_as(&server, &valid, "/me/referrals").await.status(), 200);
    assert_eq!(server.count().await, 0);
    provider.stop().await;
    impostor.stop().await;
}

#[tokio::test]
async fn a_key_rotation_at_the_provider_is_picked_up() {
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("keys.json");
    let provider = Provider::start(&keys, 0, false).await;
    let port = provider.port();
    let server = server_for(&provider).await;
    let before = provider.token("tolvan", None, None).await;
    assert_eq!(
        get_as(&server, &before, "/me/referrals").await.status(),
        200
    );

    // The provider starts signing with a new key; the old one stays published.
    provider.stop().await;
    let rotated = Provider::start(&keys, port, true).await;
    let after = rotated.token("tolvan", None, None).await;
    assert_ne!(
        after.split('.').next(),
        before.split('.').next(),
        "a new key id"
    );
    // Keys are fetched again for an unknown key id, at most every 5 seconds.
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(get_as(&server, &after, "/me/referrals").await.status(), 200);
    assert_eq!(
        get_as(&server, &before, "/me/referrals").await.status(),
        200
    );
    rotated.stop().await;
}

/// A request sent before the deployment had sign-in (anonymous, read with its
/// own token) is claimed by the patient it is about once sign-in is on: the
/// same database, a server started again with a provider.
#[tokio::test]
async fn a_request_sent_before_sign_in_is_claimed_by_its_patient_only() {
    let mut before = TestServer::start().await;
    let created = before.create_referral("before-sign-in-1").await;
    let (reference, token) = (
        created["reference"].as_str().unwrap(),
        created["token"].as_str().unwrap(),
    );
    before.stop().await;

    let dir = tempfile::tempdir().unwrap();
    let provider = Provider::start(&dir.path().join("keys.json"), 0, false).await;
    let identity = identity_of(&provider);
    let database = before.dir.path().join("test.sqlite3");
    let server = TestServer::with(move |c| {
        c.identity = Some(identity);
        c.database = database;
    })
    .await;
    let tolvan = provider.token("tolvan", None, None).await;
    let lisa = provider.token("lisa-bergstrom", None, None).await;
    assert_eq!(
        get_as(&server, &tolvan, "/me/referrals")
            .await
            .json::<Value>()
            .await
            .unwrap(),
        json!([])
    );

    // Signed in or nothing, before the body is read.
    let anonymous = claim_as(&server, None, reference, token).await;
    assert!(
        anonymous.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );
    assert_problem(anonymous, 401).await;
    assert_problem(
        claim_as(&server, Some("a.b.c"), reference, token).await,
        401,
    )
    .await;

    // Another patient (198112289874), or the wrong request token: 404, the very
    // same answer, and the request stays nobody's.
    let theirs = assert_problem(claim_as(&server, Some(&lisa), reference, token).await, 404).await;
    let wrong_token = format!("{}x", &token[1..]);
    let wrong = assert_problem(
        claim_as(&server, Some(&tolvan), reference, &wrong_token).await,
        404,
    )
    .await;
    let missing = assert_problem(
        claim_as(&server, Some(&tolvan), "VK-0000000000", token).await,
        404,
    )
    .await;
    assert_eq!(theirs, wrong);
    assert_eq!(theirs, missing);
    assert_eq!(
        get_as(&server, &tolvan, "/me/referrals")
            .await
            .json::<Value>()
            .await
            .unwrap(),
        json!([])
    );

    // A body of the wrong shape is named field by field.
    let invalid = assert_problem(claim_as(&server, Some(&tolvan), "VK-1", "").await, 422).await;
    let fields: Vec<&str> = invalid["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["reference", "token"]);

    // Tolvan (191212121212, the request's identity number) claims it.
    let claimed = claim_as(&server, Some(&tolvan), reference, token).await;
    assert_eq!(claimed.status(), 200);
    assert_eq!(claimed.headers()["cache-control"], "no-store");
    let claimed: Value = claimed.json().await.unwrap();
    assert_matches_contract(&claimed, schema("ReferralView"));
    assert_eq!(claimed["reference"], reference);
    let mine: Value = get_as(&server, &tolvan, "/me/referrals")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine, json!([claimed.clone()]));
    let read = get_as(&server, &tolvan, &format!("/referrals/{reference}")).await;
    assert_eq!(read.json::<Value>().await.unwrap(), claimed);
    // Again: the same answer. Lisa still gets 404 and sees nothing.
    let again = claim_as(&server, Some(&tolvan), reference, token).await;
    assert_eq!(again.status(), 200);
    assert_eq!(again.json::<Value>().await.unwrap(), claimed);
    assert_problem(claim_as(&server, Some(&lisa), reference, token).await, 404).await;
    assert_eq!(
        get_as(&server, &lisa, "/me/referrals")
            .await
            .json::<Value>()
            .await
            .unwrap(),
        json!([])
    );
    provider.stop().await;
}

#[tokio::test]
async fn without_a_provider_requests_stay_anonymous_and_there_is_no_list() {
    let server = TestServer::start().await;
    assert_eq!(
        post_as(&server, None, "anon-key-0001", &referral())
            .await
            .status(),
        201
    );
    assert_problem(server.get("/me/referrals").await, 404).await;
    // Nor anything to claim a request for: 404 before the body is read.
    let claim = server
        .client
        .post(server.url("/me/referrals"))
        .body("not even JSON")
        .send()
        .await
        .unwrap();
    assert_problem(claim, 404).await;
}
