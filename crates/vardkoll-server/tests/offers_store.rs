//! Offers of published free times in both stores: an offer holds its time;
//! the patient's answer books or releases it, once per Idempotency-Key; one
//! time offered fifty times at once through two instances is held once; an
//! offer left unanswered past its window goes back to the region.

mod common;

use std::sync::Arc;

use chrono::NaiveDate;
use common::database::{Database, Kind, actor, both_stores, change, created, in_region, request};
use vardkoll_domain::api::{FreeTimeState, Offer, PatientAnswer, ReferralStatus, Slot};
use vardkoll_domain::clock_time::ClockTime;
use vardkoll_server::store::{
    AnswerRefused, Answering, FreeTimeQuery, MoveRefused, Owner, Publisher, Store,
};

/// A request of region 01 under review, from a patient who gave an e-mail
/// address: its reference and token.
async fn under_review(store: &Arc<dyn Store>, key: &str) -> (String, String) {
    let mut new = in_region(request(key, "Tolvan"), "01");
    new.referral.request.email = Some("anna@example.se".into());
    let made = created(store.create_referral(new).await.unwrap());
    store
        .move_referral(
            made.reference.clone(),
            change(ReferralStatus::UnderReview, 1),
            actor("nora", &["01"]),
        )
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    (made.reference, made.token)
}

async fn publish(store: &Arc<dyn Store>, hour: u8) -> i64 {
    let slot = Slot {
        provider_id: "akademiska-sjukhuset".into(),
        service_code: "op-hoft".into(),
        date: NaiveDate::from_ymd_opt(2030, 3, 4).unwrap(),
        start: ClockTime::new(hour, 15).unwrap(),
        minutes: 45,
    };
    let publisher = Publisher {
        staff: "scheduler".into(),
        at: "2026-12-01T08:00:00Z".into(),
    };
    store
        .publish_free_times(vec![slot], publisher)
        .await
        .unwrap()
        .unwrap()[0]
        .id
}

/// Offers the time `id` to the request, held until `until`.
async fn offer(
    store: &Arc<dyn Store>,
    reference: &str,
    id: i64,
    until: &str,
) -> Result<(), MoveRefused> {
    let mut offered = change(ReferralStatus::Offered, 2);
    offered.offer = Some(Offer {
        provider_id: "whatever-was-sent".into(),
        date: "2030-01-01".into(),
        time: "07:00".into(),
        free_time_id: Some(id),
        answer_by: Some(until.into()),
    });
    store
        .move_referral(reference.into(), offered, actor("nora", &["01"]))
        .await
        .unwrap()
        .unwrap()
        .map(drop)
}

fn answering(reference: &str, token: &str, answer: PatientAnswer, key: &str) -> Answering {
    Answering {
        reference: reference.into(),
        owner: Owner::Token(token.into()),
        answer,
        idempotency_key: key.into(),
        at: "2026-12-03T10:00:00Z".into(),
        client_address: "192.0.2.9".into(),
    }
}

async fn state_of(store: &Arc<dyn Store>, id: i64) -> (FreeTimeState, Option<String>) {
    let time = store.free_time(id).await.unwrap().unwrap();
    (time.state, time.reference)
}

async fn an_offer_holds_its_time_and_an_answer_books_it_once(kind: Kind) {
    let db = Database::new(kind).await;
    let store = db.open().await;
    let (reference, token) = under_review(&store, "offer-key-1").await;
    let id = publish(&store, 9).await;
    offer(&store, &reference, id, "2026-12-07T10:00:00Z")
        .await
        .unwrap();
    assert_eq!(
        state_of(&store, id).await,
        (FreeTimeState::Held, Some(reference.clone()))
    );
    // The offer is the time's, whatever the navigator's form said.
    let view = store
        .referral(reference.clone(), token.clone())
        .await
        .unwrap()
        .unwrap();
    let offered = view.history.last().unwrap().offer.clone().unwrap();
    assert_eq!(
        (
            offered.provider_id.as_str(),
            offered.date.as_str(),
            offered.time.as_str()
        ),
        ("akademiska-sjukhuset", "2030-03-04", "09:15")
    );
    assert_eq!(offered.answer_by.as_deref(), Some("2026-12-07T10:00:00Z"));

    // Not the owner: not there.
    let stranger = answering(
        &reference,
        "not-the-token",
        PatientAnswer::Accept,
        "answer-key-1",
    );
    assert_eq!(store.answer_referral(stranger).await.unwrap(), None);
    let accepted = store
        .answer_referral(answering(
            &reference,
            &token,
            PatientAnswer::Accept,
            "answer-key-1",
        ))
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert!(!accepted.replayed);
    assert_eq!(accepted.view.status, ReferralStatus::Booked);
    let last = accepted.view.history.last().unwrap();
    assert_eq!(last.answer, Some(PatientAnswer::Accept));
    assert_eq!(
        state_of(&store, id).await,
        (FreeTimeState::Booked, Some(reference.clone()))
    );
    // The same answer resent: replayed; another answer: refused, nothing changes.
    let again = store
        .answer_referral(answering(
            &reference,
            &token,
            PatientAnswer::Accept,
            "answer-key-1",
        ))
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert!(again.replayed);
    assert_eq!(again.view.history.len(), accepted.view.history.len());
    assert_eq!(
        store
            .answer_referral(answering(
                &reference,
                &token,
                PatientAnswer::Decline,
                "answer-key-2"
            ))
            .await
            .unwrap()
            .unwrap(),
        Err(AnswerRefused::Invalid {
            current: ReferralStatus::Booked
        })
    );
    // The patient's answer is in the audit log.
    let audit = store
        .audit(vardkoll_server::store::AuditQuery::staff("patient"))
        .await
        .unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].detail.as_deref(), Some("booked"));
}

async fn declining_or_asking_for_another_time_gives_the_time_back(kind: Kind) {
    let db = Database::new(kind).await;
    let store = db.open().await;
    for (i, answer, status) in [
        (1, PatientAnswer::Decline, ReferralStatus::OfferDeclined),
        (2, PatientAnswer::AnotherTime, ReferralStatus::UnderReview),
        (3, PatientAnswer::Withdraw, ReferralStatus::Withdrawn),
    ] {
        let (reference, token) = under_review(&store, &format!("offer-key-{i}")).await;
        let id = publish(&store, 8 + i as u8).await;
        offer(&store, &reference, id, "2026-12-07T10:00:00Z")
            .await
            .unwrap();
        let answered = store
            .answer_referral(answering(
                &reference,
                &token,
                answer,
                &format!("answer-key-{i}"),
            ))
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        assert_eq!(answered.view.status, status, "{answer:?}");
        assert_eq!(
            state_of(&store, id).await,
            (FreeTimeState::Free, None),
            "{answer:?}"
        );
    }
    // A navigator's move on from an offer (the patient withdrew by phone) too.
    let (reference, _) = under_review(&store, "offer-key-4").await;
    let id = publish(&store, 14).await;
    offer(&store, &reference, id, "2026-12-07T10:00:00Z")
        .await
        .unwrap();
    store
        .move_referral(
            reference,
            change(ReferralStatus::Withdrawn, 3),
            actor("nora", &["01"]),
        )
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(state_of(&store, id).await, (FreeTimeState::Free, None));
    // A held time cannot be offered again.
    let (first, _) = under_review(&store, "offer-key-5").await;
    let (second, _) = under_review(&store, "offer-key-6").await;
    offer(&store, &first, id, "2026-12-07T10:00:00Z")
        .await
        .unwrap();
    assert_eq!(
        offer(&store, &second, id, "2026-12-07T10:00:00Z").await,
        Err(MoveRefused::TimeTaken)
    );
    let still = store
        .referral_in(second, vec!["01".into()])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (still.status, still.version),
        (ReferralStatus::UnderReview, 2)
    );
}

async fn fifty_offers_of_one_time_through_two_instances_hold_it_once(kind: Kind) {
    let db = Database::new(kind).await;
    let (one, two) = (db.open().await, db.open().await);
    let mut references = Vec::new();
    for i in 0..50 {
        references.push(under_review(&one, &format!("race-key-{i:03}")).await.0);
    }
    let id = publish(&one, 9).await;
    let mut tasks = Vec::new();
    for (i, reference) in references.into_iter().enumerate() {
        let store = if i % 2 == 0 { one.clone() } else { two.clone() };
        tasks.push(tokio::spawn(async move {
            (
                offer(&store, &reference, id, "2026-12-07T10:00:00Z").await,
                reference,
            )
        }));
    }
    let mut winners = Vec::new();
    for task in tasks {
        match task.await.unwrap() {
            (Ok(()), reference) => winners.push(reference),
            (Err(refused), _) => assert_eq!(refused, MoveRefused::TimeTaken),
        }
    }
    assert_eq!(winners.len(), 1);
    assert_eq!(
        state_of(&two, id).await,
        (FreeTimeState::Held, Some(winners[0].clone()))
    );
}

async fn an_unanswered_offer_goes_back_to_the_region(kind: Kind) {
    let db = Database::new(kind).await;
    let store = db.open().await;
    let (reference, token) = under_review(&store, "expiry-key-1").await;
    let id = publish(&store, 9).await;
    offer(&store, &reference, id, "2026-12-03T09:00:00Z")
        .await
        .unwrap();
    // Before the window closes nothing goes; after, an answer is refused.
    assert_eq!(
        store
            .expire_offers("2026-12-03T08:59:59Z".into())
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .answer_referral(answering(
                &reference,
                &token,
                PatientAnswer::Accept,
                "late-key-1"
            ))
            .await
            .unwrap()
            .unwrap(),
        Err(AnswerRefused::Expired {
            at: "2026-12-03T09:00:00Z".into()
        })
    );
    assert_eq!(state_of(&store, id).await.0, FreeTimeState::Held);
    assert_eq!(
        store
            .expire_offers("2026-12-03T09:00:01Z".into())
            .await
            .unwrap(),
        1
    );
    // News for the patient: queued with the change, as a navigator's move is.
    let mail = store
        .claim_mail(
            "2026-12-03T09:00:01Z".into(),
            "2026-12-03T09:10:00Z".into(),
            10,
        )
        .await
        .unwrap();
    assert!(mail.iter().any(|m| m.created_at == "2026-12-03T09:00:01Z"));
    assert_eq!(
        store
            .expire_offers("2026-12-03T09:00:02Z".into())
            .await
            .unwrap(),
        0
    );
    assert_eq!(state_of(&store, id).await, (FreeTimeState::Free, None));
    let view = store
        .referral(reference.clone(), token)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(view.status, ReferralStatus::UnderReview);
    assert!(view.history.last().unwrap().expired);
    let free = store
        .free_times(FreeTimeQuery {
            from: "2030-01-01".into(),
            only_free: true,
            ..FreeTimeQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(free.len(), 1);
}

both_stores!(
    an_offer_holds_its_time_and_an_answer_books_it_once,
    declining_or_asking_for_another_time_gives_the_time_back,
    fifty_offers_of_one_time_through_two_instances_hold_it_once,
    an_unanswered_offer_goes_back_to_the_region,
);
