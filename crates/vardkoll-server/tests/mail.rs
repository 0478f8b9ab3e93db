//! News to the patient by e-mail: queued with the change on both stores, claimed
//! by one sender at a time, and sent to a real SMTP server (aiosmtpd) — once,
//! without health details, and not lost while the mail server is down.

mod common;

use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use common::database::{Database, Kind, actor, both_stores, change, created, in_region, request};
use common::smtp::{SmtpServer, free_port};
use vardkoll_domain::api::{DeclineReason, Offer, ReferralStatus};
use vardkoll_server::mail::delivery::{Delivery, Round};
use vardkoll_server::mail::smtp::SmtpSender;
use vardkoll_server::store::{Actor, MailOutcome, Move, Store};

// Every change here is made at 2026-12-02T10:00:00Z (`actor`).

const LATER: &str = "2026-12-02T10:00:05.000Z";

/// A Stockholm request, with `email` if given; its reference.
async fn request_with(store: &Arc<dyn Store>, key: &str, email: Option<&str>) -> String {
    let mut new = in_region(request(key, "Tolvan"), "01");
    new.referral.request.email = email.map(str::to_owned);
    created(store.create_referral(new).await.unwrap()).reference
}

/// A navigator takes the request up for review (one change).
async fn review(store: &Arc<dyn Store>, reference: &str) {
    let moved = store
        .move_referral(
            reference.into(),
            change(ReferralStatus::UnderReview, 1),
            actor("navigator-01", &["01"]),
        )
        .await
        .unwrap();
    assert!(matches!(moved, Some(Ok(_))), "the review starts: {moved:?}");
}

/// A navigator reviews the request and offers a time at Capio (two changes).
async fn offer(store: &Arc<dyn Store>, reference: &str) {
    review(store, reference).await;
    let mut offered = change(ReferralStatus::Offered, 2);
    offered.note = Some("Höftoperation hos Capio S:t Göran".into());
    offered.offer = Some(Offer {
        provider_id: "capio-st-goran".into(),
        date: "2026-12-20".into(),
        time: "09:30".into(),
        free_time_id: None,
        answer_by: None,
    });
    let moved = store
        .move_referral(reference.into(), offered, actor("navigator-01", &["01"]))
        .await
        .unwrap();
    assert!(matches!(moved, Some(Ok(_))), "the offer is made: {moved:?}");
}

async fn a_change_queues_news_for_a_request_with_an_email_address_only(kind: Kind) {
    let db = Database::new(kind).await;
    let store = db.open().await;
    let with = request_with(&store, "k-with", Some(" anna@example.se ")).await;
    let without = request_with(&store, "k-without", None).await;
    let empty = request_with(&store, "k-empty", Some("  ")).await;
    for reference in [&with, &without, &empty] {
        review(&store, reference).await;
    }
    // A second change of the same request queues a second one.
    let declined = store
        .move_referral(
            with.clone(),
            Move {
                decline_reason: Some(DeclineReason::NoProviderAvailable),
                ..change(ReferralStatus::Declined, 2)
            },
            Actor {
                at: "2026-12-02T10:00:01Z".into(),
                ..actor("navigator-01", &["01"])
            },
        )
        .await
        .unwrap();
    assert!(matches!(declined, Some(Ok(_))), "{declined:?}");
    let claimed = store
        .claim_mail(LATER.into(), "2026-12-02T10:10:05.000Z".into(), 10)
        .await
        .unwrap();
    assert_eq!(
        claimed.len(),
        2,
        "one per change of the request with an address"
    );
    assert!(claimed.iter().all(|m| m.recipient == "anna@example.se"));
    assert!(claimed.iter().all(|m| m.attempts == 1));
    assert_eq!(claimed[0].created_at, "2026-12-02T10:00:00Z");
}

async fn a_claimed_mail_is_nobody_elses_until_sent_retried_or_its_lease_ends(kind: Kind) {
    let db = Database::new(kind).await;
    let store = db.open().await;
    let other_instance = db.open().await;
    for key in ["k1", "k2", "k3"] {
        let reference = request_with(&store, key, Some("anna@example.se")).await;
        review(&store, &reference).await;
    }
    let lease = "2026-12-02T10:10:05.000Z";
    let claimed = store
        .claim_mail(LATER.into(), lease.into(), 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 3);
    let held = other_instance
        .claim_mail(
            "2026-12-02T10:05:00.000Z".into(),
            "2026-12-02T10:15:00.000Z".into(),
            10,
        )
        .await
        .unwrap();
    assert!(
        held.is_empty(),
        "claimed mail is nobody else's during the lease"
    );

    let [sent, retried, given_up] = [claimed[0].id, claimed[1].id, claimed[2].id];
    store
        .finish_mail(sent, MailOutcome::Sent { at: LATER.into() })
        .await
        .unwrap();
    store
        .finish_mail(
            retried,
            MailOutcome::Retry {
                next: "2026-12-02T11:00:00.000Z".into(),
                error: "connection refused".into(),
            },
        )
        .await
        .unwrap();
    store
        .finish_mail(
            given_up,
            MailOutcome::GaveUp {
                at: LATER.into(),
                error: "550 no such user".into(),
            },
        )
        .await
        .unwrap();
    let before_retry = other_instance
        .claim_mail(
            "2026-12-02T10:59:59.000Z".into(),
            "2026-12-02T11:09:59.000Z".into(),
            10,
        )
        .await
        .unwrap();
    assert!(
        before_retry.is_empty(),
        "nothing is due before the retry time"
    );
    let again = other_instance
        .claim_mail(
            "2026-12-02T11:00:00.000Z".into(),
            "2026-12-02T11:10:00.000Z".into(),
            10,
        )
        .await
        .unwrap();
    assert_eq!(
        again.iter().map(|m| (m.id, m.attempts)).collect::<Vec<_>>(),
        vec![(retried, 2)]
    );
    // A sender that died with the mail claimed: it is due again after the lease.
    let after_lease = store
        .claim_mail(
            "2026-12-02T11:10:00.000Z".into(),
            "2026-12-02T11:20:00.000Z".into(),
            10,
        )
        .await
        .unwrap();
    assert_eq!(
        after_lease.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![retried]
    );
}

async fn two_instances_claiming_at_once_never_share_a_mail(kind: Kind) {
    let db = Database::new(kind).await;
    let store = db.open().await;
    for n in 0..30 {
        let reference = request_with(&store, &format!("k{n}"), Some("anna@example.se")).await;
        review(&store, &reference).await;
    }
    let instances = [db.open().await, db.open().await];
    let claims = instances.iter().map(|instance| {
        let instance = Arc::clone(instance);
        tokio::spawn(async move {
            let mut ids = Vec::new();
            loop {
                let batch = instance
                    .claim_mail(LATER.into(), "2026-12-02T10:10:05.000Z".into(), 3)
                    .await
                    .unwrap();
                if batch.is_empty() {
                    return ids;
                }
                ids.extend(batch.iter().map(|m| m.id));
                tokio::task::yield_now().await;
            }
        })
    });
    let mut all = Vec::new();
    for claim in claims.collect::<Vec<_>>() {
        all.extend(claim.await.unwrap());
    }
    all.sort_unstable();
    let count = all.len();
    all.dedup();
    assert_eq!(count, 30, "every mail claimed");
    assert_eq!(all.len(), 30, "no mail claimed twice");
}

async fn unsent_news_goes_with_its_request_when_it_is_purged(kind: Kind) {
    let db = Database::new(kind).await;
    let store = db.open().await;
    let reference = request_with(&store, "k1", Some("anna@example.se")).await;
    review(&store, &reference).await;
    let declined = store
        .move_referral(
            reference,
            change(ReferralStatus::Declined, 2),
            actor("navigator-01", &["01"]),
        )
        .await
        .unwrap();
    assert!(matches!(declined, Some(Ok(_))));
    assert_eq!(
        store
            .purge_closed("2027-01-01T00:00:00Z".into())
            .await
            .unwrap(),
        1
    );
    let left = store
        .claim_mail(LATER.into(), "2026-12-02T10:10:05.000Z".into(), 10)
        .await
        .unwrap();
    assert!(left.is_empty(), "no address kept for a deleted request");
}

both_stores!(
    unsent_news_goes_with_its_request_when_it_is_purged,
    a_change_queues_news_for_a_request_with_an_email_address_only,
    a_claimed_mail_is_nobody_elses_until_sent_retried_or_its_lease_ends,
    two_instances_claiming_at_once_never_share_a_mail,
);

fn delivery(store: &Arc<dyn Store>, smtp_url: &str) -> Delivery {
    let sender = SmtpSender::new(smtp_url, "Vårdkoll <no-reply@vardkoll.example>").unwrap();
    Delivery {
        store: Arc::clone(store),
        domain: sender.domain(),
        sender: Arc::new(sender),
        app_url: "https://vardkoll.example".into(),
        retry: Duration::from_secs(60),
    }
}

fn at(seconds_after: i64) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 2, 10, 0, 5).unwrap() + chrono::Duration::seconds(seconds_after)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn news_reaches_a_real_mail_server_once_and_says_nothing_of_the_care() {
    let smtp = SmtpServer::start();
    let db = Database::new(Kind::Sqlite).await;
    let store = db.open().await;
    let reference = request_with(&store, "k1", Some("anna@example.se")).await;
    offer(&store, &reference).await;
    let delivery = delivery(&store, &smtp.url());

    // Under review, then offered: two changes, two messages.
    let round = delivery.run_once(at(0)).await.unwrap();
    assert_eq!(
        round,
        Round {
            sent: 2,
            retried: 0,
            given_up: 0
        }
    );
    let again = delivery.run_once(at(7200)).await.unwrap();
    assert_eq!(again, Round::default(), "a sent message is not sent again");

    let messages = smtp.wait_for(2, Duration::from_secs(5)).await;
    assert_eq!(messages.len(), 2);
    assert_ne!(
        messages[0].header("message-id"),
        messages[1].header("message-id")
    );
    let message = &messages[1];
    assert_eq!(message.header("to"), Some("anna@example.se"));
    assert!(
        message
            .header("from")
            .unwrap()
            .contains("no-reply@vardkoll.example")
    );
    assert!(
        message
            .header("message-id")
            .unwrap()
            .ends_with("@vardkoll.example>")
    );
    assert!(
        message.body.contains("Det finns nytt om din förfrågan"),
        "{}",
        message.body
    );
    assert!(
        message
            .body
            .contains("https://vardkoll.example/forfragningar\n")
    );
    let everything = format!("{:?}{}", message.headers, message.body).to_lowercase();
    for health_detail in [
        "höft",
        "op-hoft",
        "capio",
        "2026-12-20",
        "09:30",
        "offer",
        "erbjud",
        &reference.to_lowercase(),
        "tolvan",
        "19121212",
    ] {
        assert!(
            !everything.contains(health_detail),
            "the message names {health_detail:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn news_waits_while_the_mail_server_is_down_and_goes_once_it_is_back() {
    let port = free_port();
    let db = Database::new(Kind::Sqlite).await;
    let store = db.open().await;
    let reference = request_with(&store, "k1", Some("anna@example.se")).await;
    review(&store, &reference).await;
    let delivery = delivery(&store, &format!("smtp://127.0.0.1:{port}"));

    let down = delivery.run_once(at(0)).await.unwrap();
    assert_eq!(
        down,
        Round {
            sent: 0,
            retried: 1,
            given_up: 0
        }
    );
    // Not due again before the retry wait.
    assert_eq!(delivery.run_once(at(1)).await.unwrap(), Round::default());
    // A real retry after some waiting: still down.
    let still_down = delivery.run_once(at(61)).await.unwrap();
    assert_eq!(still_down.retried, 1);

    let smtp = SmtpServer::start_on(port);
    let back = delivery.run_once(at(3600)).await.unwrap();
    assert_eq!(
        back,
        Round {
            sent: 1,
            retried: 0,
            given_up: 0
        }
    );
    let messages = smtp.wait_for(1, Duration::from_secs(5)).await;
    assert_eq!(messages.len(), 1);
    assert_eq!(delivery.run_once(at(7200)).await.unwrap(), Round::default());
}
