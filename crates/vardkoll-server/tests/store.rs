//! One test suite for both stores: every test runs on SQLite and on PostgreSQL
//! (see `common/database.rs`).

mod common;

use std::sync::Arc;

use common::database::{
    Database, Kind, actor, both_stores, change, created, in_region, request, run_sql,
    stockholm_request,
};
use vardkoll_domain::api::{DeclineReason, Offer, ReferralStatus, ServiceCategory};
use vardkoll_server::config::Config;
use vardkoll_server::dataset::Dataset;
use vardkoll_server::store::{
    self, Actor, AuditQuery, CreateOutcome, Move, MoveRefused, NewRequest, Store,
};

async fn a_request_is_stored_once_per_key_and_replayed_with_its_token(kind: Kind) {
    let db = Database::new(kind).await;
    let store = db.open().await;
    let first = created(
        store
            .create_referral(request("key-000001", "Tolvan"))
            .await
            .unwrap(),
    );
    assert!(first.reference.starts_with("VK-"));
    let again = store
        .create_referral(request("key-000001", "Tolvan"))
        .await
        .unwrap();
    assert_eq!(again, CreateOutcome::Replayed(first.clone()));
    let other_body = store
        .create_referral(request("key-000001", "Someone else"))
        .await
        .unwrap();
    assert_eq!(other_body, CreateOutcome::KeyReused);
    assert_eq!(store.referral_count().await.unwrap(), 1);
    store.close().await.unwrap();
}

async fn only_the_token_reads_a_request(kind: Kind) {
    let db = Database::new(kind).await;
    let store = db.open().await;
    let made = created(
        store
            .create_referral(request("key-000002", "Tolvan"))
            .await
            .unwrap(),
    );
    let view = store
        .referral(made.reference.clone(), made.token.clone())
        .await
        .unwrap()
        .expect("read with its token");
    assert_eq!(view.status, ReferralStatus::Received);
    assert_eq!(view.service_code, "op-hoft");
    assert_eq!(view.history.len(), 1);
    let wrong = format!("{}x", &made.token[1..]);
    assert_eq!(
        store.referral(made.reference.clone(), wrong).await.unwrap(),
        None
    );
    assert_eq!(
        store
            .referral("VK-0000000000".into(), made.token)
            .await
            .unwrap(),
        None
    );
}

async fn two_instances_given_one_key_at_once_store_it_once(kind: Kind) {
    let db = Database::new(kind).await;
    let (a, b) = (db.open().await, db.open().await);
    let mut tasks = Vec::new();
    for round in 0..20 {
        for store in [&a, &b, &a, &b] {
            let store = Arc::clone(store);
            let key = format!("shared-key-{round:03}");
            tasks.push(tokio::spawn(async move {
                store
                    .create_referral(request(&key, "Tolvan"))
                    .await
                    .unwrap()
            }));
        }
    }
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap());
    }
    for (round, answers) in outcomes.chunks(4).enumerate() {
        let new = answers
            .iter()
            .filter(|o| matches!(o, CreateOutcome::Created(_)))
            .count();
        assert_eq!(new, 1, "round {round}: {answers:?}");
        let token = |o: &CreateOutcome| match o {
            CreateOutcome::Created(c) | CreateOutcome::Replayed(c) => c.clone(),
            CreateOutcome::KeyReused => panic!("same body, same key: {o:?}"),
        };
        assert!(answers.iter().all(|o| token(o) == token(&answers[0])));
    }
    assert_eq!(a.referral_count().await.unwrap(), 20);
    assert_eq!(b.referral_count().await.unwrap(), 20);
}

async fn an_import_moves_the_data_version_and_every_instance_reads_it(kind: Kind) {
    let db = Database::new(kind).await;
    let (a, b) = (db.open().await, db.open().await);
    let before = b.data_version().await.unwrap();
    let data = a.dataset().await.unwrap();
    assert!(!data.statistics.is_empty() && data.regions.len() == 21);
    let published = data
        .statistics
        .iter()
        .find(|s| s.provider_id.is_some())
        .unwrap()
        .clone();
    // A correction of a published figure is not taken: what was shown stays.
    let mut correction = published.clone();
    correction.median_days_waited = Some(4321);
    // A new month is added, with what the source published instead of a band.
    let mut added = published.clone();
    added.period = vardkoll_domain::api::Period {
        year: 2031,
        month: 1,
    };
    added.estimated_wait_text = Some("Mindre än en vecka".into());
    added.source = Some("vantetider".into());
    added.fetched = Some("2031-02-02".into());
    let services = data.services.clone();
    let regional = vardkoll_domain::api::RegionalFigure {
        kpi: "N79240".into(),
        region_code: "13".into(),
        year: 2024,
        gender: "T".into(),
        value: Some(35.5),
        source: "kolada".into(),
        fetched: "2026-12-01".into(),
    };
    let no_value = vardkoll_domain::api::RegionalFigure {
        region_code: "01".into(),
        value: None,
        ..regional.clone()
    };
    a.import(Dataset {
        regional: vec![regional.clone(), no_value.clone()],
        statistics: vec![correction, added.clone()],
        services: services
            .into_iter()
            .filter(|s| s.code == published.service_code)
            .collect(),
        ..Dataset::default()
    })
    .await
    .unwrap();
    assert_ne!(b.data_version().await.unwrap(), before);
    let seen = b.dataset().await.unwrap();
    let find = |row: &vardkoll_domain::api::WaitStatistic| {
        seen.statistics
            .iter()
            .find(|s| {
                s.service_code == row.service_code
                    && s.provider_id == row.provider_id
                    && s.period == row.period
            })
            .cloned()
            .unwrap()
    };
    assert_eq!(find(&published), published, "kept as it was shown");
    // Regions' own figures (Kolada) come back as imported, a missing value too.
    assert_eq!(seen.regional.len(), 2);
    assert!(seen.regional.contains(&regional) && seen.regional.contains(&no_value));
    assert_eq!(find(&added), added);
    assert_eq!(
        seen.statistics.len(),
        data.statistics.len() + 1,
        "an import only adds"
    );
    assert!(
        seen.services
            .iter()
            .any(|s| s.category == ServiceCategory::Operation)
    );
}

async fn instances_starting_together_migrate_once(kind: Kind) {
    let db = Database::new(kind).await;
    let opened = futures_join(&db).await;
    let dataset = opened.dataset().await.unwrap();
    assert_eq!(
        dataset.regions.len(),
        21,
        "the embedded dataset, filled once"
    );
    let providers = dataset.providers.len();
    let again = db.open().await.dataset().await.unwrap();
    assert_eq!(again.providers.len(), providers);
}

/// Opens four stores on one new database at the same moment.
async fn futures_join(db: &Database) -> Arc<dyn Store> {
    let (a, b, c, d) = tokio::join!(db.open(), db.open(), db.open(), db.open());
    drop((b, c, d));
    a
}

async fn secrets_are_not_stored_in_plain_text(kind: Kind) {
    let db = Database::new(kind).await;
    let store = db.open().await;
    let key = "plain-key-that-must-not-be-stored";
    let made = created(store.create_referral(request(key, "Tolvan")).await.unwrap());
    store.close().await.unwrap();
    let columns: Vec<String> = match kind {
        Kind::Sqlite => {
            let connection = rusqlite::Connection::open(&db.config.database).unwrap();
            connection
                .query_row(
                    "SELECT key_hash, token_hash, token_sealed FROM referrals",
                    [],
                    |row| Ok(vec![row.get(0)?, row.get(1)?, row.get(2)?]),
                )
                .unwrap()
        }
        Kind::Postgres => {
            let url = db.config.database_url.as_ref().unwrap().expose();
            let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
                .await
                .unwrap();
            tokio::spawn(connection);
            let row = client
                .query_one(
                    "SELECT key_hash, token_hash, token_sealed FROM referrals",
                    &[],
                )
                .await
                .unwrap();
            vec![row.get(0), row.get(1), row.get(2)]
        }
    };
    for column in columns {
        assert!(
            !column.contains(key) && !column.contains(&made.token),
            "{column}"
        );
    }
}

async fn closed_requests_past_retention_are_deleted_with_their_data(kind: Kind) {
    let db = Database::new(kind).await;
    let store = db.open().await;
    let old = created(
        store
            .create_referral(in_region(request("keep-000001", "A"), "01"))
            .await
            .unwrap(),
    );
    let recent = created(
        store
            .create_referral(in_region(request("keep-000002", "B"), "01"))
            .await
            .unwrap(),
    );
    let open = created(
        store
            .create_referral(in_region(request("keep-000003", "C"), "01"))
            .await
            .unwrap(),
    );
    for (made, at) in [
        (&old, "2026-01-10T08:00:00Z"),
        (&recent, "2026-11-20T08:00:00Z"),
    ] {
        let declined = store
            .move_referral(
                made.reference.clone(),
                Move {
                    decline_reason: Some(DeclineReason::NoProviderAvailable),
                    ..change(ReferralStatus::Declined, 1)
                },
                Actor {
                    at: at.into(),
                    ..actor("navigator-01", &["01"])
                },
            )
            .await
            .unwrap();
        assert!(matches!(declined, Some(Ok(_))), "{declined:?}");
    }
    let deleted = store
        .purge_closed("2026-09-02T09:30:00Z".into())
        .await
        .unwrap();
    assert_eq!(deleted, 1);
    assert_eq!(
        store.referral(old.reference, old.token).await.unwrap(),
        None
    );
    assert!(
        store
            .referral(recent.reference, recent.token)
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        store
            .referral(open.reference, open.token)
            .await
            .unwrap()
            .is_some()
    );
    assert_eq!(store.referral_count().await.unwrap(), 2);
    // A replay of the deleted request's key finds nothing left of it.
    let again = store
        .create_referral(in_region(request("keep-000001", "A"), "01"))
        .await
        .unwrap();
    assert!(matches!(again, CreateOutcome::Created(_)));
}

async fn a_signed_in_patient_finds_their_own_requests_only(kind: Kind) {
    let db = Database::new(kind).await;
    let store = db.open().await;
    let mine = |key: &str, subject: &str| NewRequest {
        subject: Some(subject.to_owned()),
        ..request(key, "Tolvan")
    };
    let first = created(
        store
            .create_referral(mine("subject-key-1", "tolvan"))
            .await
            .unwrap(),
    );
    let second = created(
        store
            .create_referral(mine("subject-key-2", "tolvan"))
            .await
            .unwrap(),
    );
    let theirs = created(
        store
            .create_referral(mine("subject-key-3", "lisa"))
            .await
            .unwrap(),
    );
    let anonymous = created(
        store
            .create_referral(request("subject-key-4", "X"))
            .await
            .unwrap(),
    );
    let listed: Vec<String> = store
        .referrals_of("tolvan".into())
        .await
        .unwrap()
        .into_iter()
        .map(|v| v.reference)
        .collect();
    let mut expected = vec![first.reference.clone(), second.reference.clone()];
    expected.sort();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(sorted, expected);
    assert!(!listed.contains(&theirs.reference) && !listed.contains(&anonymous.reference));
    assert!(
        store
            .referral_of(first.reference.clone(), "tolvan".into())
            .await
            .unwrap()
            .is_some()
    );
    assert_eq!(
        store
            .referral_of(theirs.reference, "tolvan".into())
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .referral_of(anonymous.reference, "tolvan".into())
            .await
            .unwrap(),
        None
    );
    assert!(
        store
            .referrals_of("nobody".into())
            .await
            .unwrap()
            .is_empty()
    );
}

/// Tolvan's identity number, as `request` carries it, normalised.
const TOLVAN: &str = "191212121212";

async fn a_request_sent_before_sign_in_is_claimed_by_its_patient_only(kind: Kind) {
    let db = Database::new(kind).await;
    let store = db.open().await;
    let made = created(
        store
            .create_referral(request("claim-key-1", "Tolvan"))
            .await
            .unwrap(),
    );
    let claim = |token: &str, identity: &str, subject: &str| {
        store.claim_referral(
            made.reference.clone(),
            token.to_owned(),
            identity.to_owned(),
            subject.to_owned(),
        )
    };
    let wrong_token = format!("{}x", &made.token[1..]);
    assert_eq!(claim(&wrong_token, TOLVAN, "tolvan").await.unwrap(), None);
    assert_eq!(
        claim(&made.token, "198112289874", "lisa").await.unwrap(),
        None,
        "another patient's identity number"
    );
    assert_eq!(
        store
            .claim_referral(
                "VK-0000000000".into(),
                made.token.clone(),
                TOLVAN.into(),
                "tolvan".into()
            )
            .await
            .unwrap(),
        None
    );
    // Nothing changed: still nobody's.
    for subject in ["tolvan", "lisa"] {
        assert!(store.referrals_of(subject.into()).await.unwrap().is_empty());
    }

    let claimed = claim(&made.token, TOLVAN, "tolvan")
        .await
        .unwrap()
        .expect("the right token, identity number and nobody's yet");
    assert_eq!(claimed.reference, made.reference);
    assert_eq!(claimed.history.len(), 1);
    assert_eq!(
        claim(&made.token, TOLVAN, "tolvan").await.unwrap(),
        Some(claimed.clone()),
        "claimed again by the same patient: the same answer"
    );
    // Another account with the same identity number (a second e-identification)
    // finds it bound already.
    assert_eq!(claim(&made.token, TOLVAN, "tolvan-2").await.unwrap(), None);

    assert_eq!(
        store.referrals_of("tolvan".into()).await.unwrap(),
        vec![claimed.clone()]
    );
    assert_eq!(
        store
            .referral_of(made.reference.clone(), "tolvan".into())
            .await
            .unwrap(),
        Some(claimed.clone())
    );
    assert!(
        store
            .referrals_of("tolvan-2".into())
            .await
            .unwrap()
            .is_empty()
    );
    // Its own token still opens it.
    assert_eq!(
        store.referral(made.reference, made.token).await.unwrap(),
        Some(claimed)
    );
}

async fn a_request_created_signed_in_is_not_claimed_by_another_account(kind: Kind) {
    let db = Database::new(kind).await;
    let store = db.open().await;
    let made = created(
        store
            .create_referral(NewRequest {
                subject: Some("tolvan".into()),
                ..request("claim-key-2", "Tolvan")
            })
            .await
            .unwrap(),
    );
    let claim = |subject: &str| {
        store.claim_referral(
            made.reference.clone(),
            made.token.clone(),
            TOLVAN.into(),
            subject.to_owned(),
        )
    };
    assert_eq!(claim("tolvan-2").await.unwrap(), None);
    assert!(claim("tolvan").await.unwrap().is_some());
    assert!(
        store
            .referrals_of("tolvan-2".into())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.referrals_of("tolvan".into()).await.unwrap().len(), 1);
}

async fn two_accounts_claiming_at_once_on_two_instances_one_wins(kind: Kind) {
    let db = Database::new(kind).await;
    let (a, b) = (db.open().await, db.open().await);
    let mut made = Vec::new();
    for round in 0..10 {
        made.push(created(
            a.create_referral(request(&format!("race-key-{round:03}"), "Tolvan"))
                .await
                .unwrap(),
        ));
    }
    let mut tasks = Vec::new();
    for request in &made {
        for (i, store) in [&a, &b, &a, &b].into_iter().enumerate() {
            let store = Arc::clone(store);
            let (reference, token) = (request.reference.clone(), request.token.clone());
            tasks.push(tokio::spawn(async move {
                let subject = format!("account-{i}");
                let won = store
                    .claim_referral(reference, token, TOLVAN.into(), subject.clone())
                    .await
                    .unwrap();
                won.map(|_| subject)
            }));
        }
    }
    let mut winners = Vec::new();
    for task in tasks {
        winners.push(task.await.unwrap());
    }
    for (request, answers) in made.iter().zip(winners.chunks(4)) {
        let won: Vec<&String> = answers.iter().flatten().collect();
        assert_eq!(won.len(), 1, "{answers:?}");
        for i in 0..4 {
            let subject = format!("account-{i}");
            let owned = b
                .referral_of(request.reference.clone(), subject.clone())
                .await
                .unwrap();
            assert_eq!(owned.is_some(), &subject == won[0]);
        }
    }
}

async fn staff_reads_and_moves_are_versioned_and_audited(kind: Kind) {
    let db = Database::new(kind).await;
    let store = db.open().await;
    let reference = stockholm_request(&store, "staff-key-01").await;
    let elsewhere = created(
        store
            .create_referral(request("staff-key-02", "B"))
            .await
            .unwrap(),
    );

    // The queue of region 01 has it; region 12's has nothing; a request
    // without a home region is in no queue.
    let queue = store.queue(vec!["01".into()]).await.unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].reference, reference);
    assert_eq!(queue[0].version, 1);
    assert!(store.queue(vec!["12".into()]).await.unwrap().is_empty());
    assert!(queue.iter().all(|r| r.reference != elsewhere.reference));

    // Another region's navigator: not there, and nothing audited.
    let nils = actor("navigator-12", &["12"]);
    assert_eq!(
        store
            .open_referral(reference.clone(), nils.clone())
            .await
            .unwrap(),
        None
    );
    let nora = actor("navigator-01", &["01"]);
    let opened = store
        .open_referral(reference.clone(), nora.clone())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(opened.identity_number, TOLVAN);
    assert_eq!(opened.request.name, "Tolvan");
    assert_eq!(opened.history.len(), 1);

    let moved = store
        .move_referral(
            reference.clone(),
            change(ReferralStatus::UnderReview, 1),
            nora.clone(),
        )
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(
        (moved.status, moved.version),
        (ReferralStatus::UnderReview, 2)
    );
    assert_eq!(moved.history[1].by.as_deref(), Some("navigator-01"));
    assert_eq!(
        moved.history[1].change.note.as_deref(),
        Some("Vi ringer dig.")
    );
    // A stale version, an invalid move, another region: refused, nothing written.
    let stale = store
        .move_referral(
            reference.clone(),
            change(ReferralStatus::Declined, 1),
            nora.clone(),
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stale, Err(MoveRefused::Stale { current: 2 }));
    let invalid = store
        .move_referral(
            reference.clone(),
            change(ReferralStatus::Received, 2),
            nora.clone(),
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        invalid,
        Err(MoveRefused::Invalid {
            current: ReferralStatus::UnderReview
        })
    );
    assert_eq!(
        store
            .move_referral(reference.clone(), change(ReferralStatus::Declined, 2), nils)
            .await
            .unwrap(),
        None
    );
    // The offer is kept with its change.
    let offer = Offer {
        provider_id: "karolinska-solna".into(),
        date: "2027-01-15".into(),
        time: "09:30".into(),
        free_time_id: None,
        answer_by: None,
    };
    let offered = store
        .move_referral(
            reference.clone(),
            Move {
                offer: Some(offer.clone()),
                ..change(ReferralStatus::Offered, 2)
            },
            nora.clone(),
        )
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(offered.version, 3);
    assert_eq!(offered.history[2].change.offer, Some(offer));

    // The audit log: the read and the two changes, newest first, by patient
    // and by staff member; nothing of the refused ones.
    let by_patient = store
        .audit(AuditQuery::identity_number(TOLVAN))
        .await
        .unwrap();
    let actions: Vec<(&str, Option<&str>)> = by_patient
        .iter()
        .map(|e| (e.action.as_str(), e.detail.as_deref()))
        .collect();
    assert_eq!(
        actions,
        [
            ("change", Some("offered")),
            ("change", Some("under_review")),
            ("read", None)
        ]
    );
    assert!(by_patient.iter().all(|e| e.staff == "navigator-01"
        && e.reference == reference
        && e.client_address == "192.0.2.7"
        && e.at == "2026-12-02T10:00:00Z"));
    assert_eq!(
        store
            .audit(AuditQuery::staff("navigator-01"))
            .await
            .unwrap(),
        by_patient
    );
    assert!(
        store
            .audit(AuditQuery::staff("navigator-12"))
            .await
            .unwrap()
            .is_empty()
    );

    // Append-only, even for someone at the database.
    store.close().await.unwrap();
    for sql in [
        "UPDATE audit_log SET staff = 'someone-else'",
        "DELETE FROM audit_log",
    ] {
        let refused = run_sql(&db, kind, sql).await.unwrap_err();
        assert!(refused.contains("append-only"), "{refused}");
    }
}

/// The change and its audit entry are one transaction: when the audit entry
/// cannot be written, the change is not made either.
async fn a_change_whose_audit_entry_fails_is_not_made(kind: Kind) {
    let db = Database::new(kind).await;
    let store = db.open().await;
    let reference = stockholm_request(&store, "atomic-key-1").await;
    run_sql(&db, kind, "DROP TABLE audit_log").await.unwrap();
    let nora = actor("navigator-01", &["01"]);
    assert!(
        store
            .move_referral(
                reference.clone(),
                change(ReferralStatus::UnderReview, 1),
                nora.clone()
            )
            .await
            .is_err()
    );
    assert!(store.open_referral(reference.clone(), nora).await.is_err());
    let queue = store.queue(vec!["01".into()]).await.unwrap();
    assert_eq!(
        (queue[0].status, queue[0].version),
        (ReferralStatus::Received, 1)
    );
    // Other writes in the same batch are not affected (SQLite's writer).
    store
        .create_referral(request("atomic-key-2", "B"))
        .await
        .unwrap();
    assert_eq!(store.referral_count().await.unwrap(), 2);
}

/// Two navigators on two instances move one request at once, both having read
/// version 1: one change is made, every other is told its version is stale.
async fn two_navigators_moving_at_once_one_wins(kind: Kind) {
    let db = Database::new(kind).await;
    let (a, b) = (db.open().await, db.open().await);
    let reference = stockholm_request(&a, "race-staff-1").await;
    let mut tasks = Vec::new();
    for i in 0..8 {
        let store = Arc::clone(if i % 2 == 0 { &a } else { &b });
        let reference = reference.clone();
        tasks.push(tokio::spawn(async move {
            let status = if i % 3 == 0 {
                ReferralStatus::Declined
            } else {
                ReferralStatus::UnderReview
            };
            let mut declined = change(status, 1);
            if status == ReferralStatus::Declined {
                declined.decline_reason = Some(DeclineReason::Duplicate);
            }
            store
                .move_referral(
                    reference,
                    declined,
                    actor(&format!("navigator-{i}"), &["01"]),
                )
                .await
                .unwrap()
                .unwrap()
        }));
    }
    let mut won = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(moved) => {
                won += 1;
                assert_eq!(moved.version, 2);
            }
            Err(refused) => assert_eq!(refused, MoveRefused::Stale { current: 2 }),
        }
    }
    assert_eq!(won, 1);
    let changes = a.audit(AuditQuery::identity_number(TOLVAN)).await.unwrap();
    assert_eq!(changes.len(), 1);
    let opened = b
        .open_referral(reference, actor("navigator-01", &["01"]))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(opened.history.len(), 2);
}

async fn the_patient_reads_the_offer_and_why_a_request_was_declined(kind: Kind) {
    let db = Database::new(kind).await;
    let store = db.open().await;
    let nora = actor("navigator-01", &["01"]);
    let mut requests = Vec::new();
    for key in ["k-offer", "k-decline"] {
        let made = created(
            store
                .create_referral(in_region(request(key, "Tolvan"), "01"))
                .await
                .unwrap(),
        );
        store
            .move_referral(
                made.reference.clone(),
                change(ReferralStatus::UnderReview, 1),
                nora.clone(),
            )
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        requests.push(made);
    }
    let offer = Offer {
        provider_id: "karolinska-solna".into(),
        date: "2027-01-15".into(),
        time: "09:30".into(),
        free_time_id: None,
        answer_by: None,
    };
    let offered = Move {
        offer: Some(offer.clone()),
        ..change(ReferralStatus::Offered, 2)
    };
    let mut declined = change(ReferralStatus::Declined, 2);
    declined.decline_reason = Some(DeclineReason::NoProviderAvailable);
    for (made, next) in requests.iter().zip([offered, declined]) {
        store
            .move_referral(made.reference.clone(), next, nora.clone())
            .await
            .unwrap()
            .unwrap()
            .unwrap();
    }
    let seen: Vec<_> = futures_read(&store, &requests).await;
    assert_eq!(seen[0].history[2].offer, Some(offer));
    assert_eq!(seen[0].history[2].note.as_deref(), Some("Vi ringer dig."));
    assert_eq!(
        seen[1].history[2].decline_reason,
        Some(DeclineReason::NoProviderAvailable)
    );
    assert_eq!(seen[1].history[2].offer, None);
    // Who made the change is for staff, not the patient.
    let text = serde_json::to_string(&seen).unwrap();
    assert!(!text.contains("navigator-01"), "{text}");
}

/// Each request as its patient reads it with the token.
async fn futures_read(
    store: &Arc<dyn Store>,
    requests: &[vardkoll_domain::api::ReferralCreated],
) -> Vec<vardkoll_domain::api::ReferralView> {
    let mut seen = Vec::new();
    for made in requests {
        seen.push(
            store
                .referral(made.reference.clone(), made.token.clone())
                .await
                .unwrap()
                .expect("the patient reads their request"),
        );
    }
    seen
}

both_stores!(
    the_patient_reads_the_offer_and_why_a_request_was_declined,
    a_request_is_stored_once_per_key_and_replayed_with_its_token,
    only_the_token_reads_a_request,
    two_instances_given_one_key_at_once_store_it_once,
    an_import_moves_the_data_version_and_every_instance_reads_it,
    instances_starting_together_migrate_once,
    secrets_are_not_stored_in_plain_text,
    closed_requests_past_retention_are_deleted_with_their_data,
    a_signed_in_patient_finds_their_own_requests_only,
    a_request_sent_before_sign_in_is_claimed_by_its_patient_only,
    a_request_created_signed_in_is_not_claimed_by_another_account,
    two_accounts_claiming_at_once_on_two_instances_one_wins,
    staff_reads_and_moves_are_versioned_and_audited,
    a_change_whose_audit_entry_fails_is_not_made,
    two_navigators_moving_at_once_one_wins,
);

/// A database written before secrets were hashed (schema version 1) is
/// converted on open: its request stays readable with its token and replayable
/// with its key, and neither is left in plain text.
#[tokio::test]
async fn an_sqlite_database_from_before_hashing_is_converted_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    {
        let connection = rusqlite::Connection::open(&path).unwrap();
        connection
            .execute_batch(
                "CREATE TABLE regions (code TEXT PRIMARY KEY, name TEXT NOT NULL, vantetider_id INTEGER NOT NULL UNIQUE);
                 CREATE TABLE services (code TEXT PRIMARY KEY, name_sv TEXT NOT NULL, name_en TEXT NOT NULL,
                     category TEXT NOT NULL, guarantee TEXT NOT NULL, synonyms TEXT NOT NULL);
                 CREATE TABLE providers (id TEXT PRIMARY KEY, name TEXT NOT NULL, region_code TEXT NOT NULL,
                     town TEXT NOT NULL, latitude REAL NOT NULL, longitude REAL NOT NULL, phone TEXT, website TEXT,
                     accepts_other_regions INTEGER NOT NULL);
                 CREATE TABLE statistics (service_code TEXT NOT NULL, region_code TEXT NOT NULL,
                     provider_id TEXT NOT NULL, period TEXT NOT NULL, share_within_limit REAL,
                     median_days_waited INTEGER, waiting INTEGER, completed INTEGER, estimated_wait_days INTEGER,
                     band_min_weeks INTEGER, band_max_weeks INTEGER, free_capacity TEXT NOT NULL,
                     reported TEXT NOT NULL, sample_data INTEGER NOT NULL,
                     PRIMARY KEY (service_code, region_code, provider_id, period));
                 CREATE TABLE referrals (reference TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE,
                     body_hash TEXT NOT NULL, token TEXT NOT NULL, service_code TEXT NOT NULL,
                     identity_number TEXT NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL,
                     created_at TEXT NOT NULL);
                 CREATE TABLE referral_history (reference TEXT NOT NULL REFERENCES referrals(reference),
                     seq INTEGER NOT NULL, status TEXT NOT NULL, at TEXT NOT NULL, note TEXT,
                     PRIMARY KEY (reference, seq));
                 INSERT INTO referrals VALUES ('VK-OLD0000001', 'old-key-123456', 'hash-of-Tolvan',
                     'oldtokenoldtokenoldtokenoldtokenoldtoken', 'op-hoft', '191212121212', '{}', 'received',
                     '2026-11-01T09:00:00Z');
                 INSERT INTO referral_history VALUES ('VK-OLD0000001', 0, 'received', '2026-11-01T09:00:00Z', NULL);
                 PRAGMA user_version = 1;",
            )
            .unwrap();
    }
    let store = store::open(&Config {
        database: path.clone(),
        ..Config::default()
    })
    .await
    .unwrap();
    let token = "oldtokenoldtokenoldtokenoldtokenoldtoken";
    let view = store
        .referral("VK-OLD0000001".into(), token.into())
        .await
        .unwrap()
        .expect("still readable with its token");
    assert_eq!(view.history.len(), 1);
    let replayed = store
        .create_referral(request("old-key-123456", "Tolvan"))
        .await
        .unwrap();
    match replayed {
        CreateOutcome::Replayed(c) => {
            assert_eq!(
                (c.reference.as_str(), c.token.as_str()),
                ("VK-OLD0000001", token)
            )
        }
        other => panic!("expected the old request's answer, got {other:?}"),
    }
    store.close().await.unwrap();
    let connection = rusqlite::Connection::open(&path).unwrap();
    let stored: String = connection
        .query_row(
            "SELECT key_hash || token_hash || token_sealed FROM referrals",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert!(!stored.contains("old-key-123456") && !stored.contains(token));
    assert!(!dataset_is_empty(&*store_for(&path).await).await);
}

async fn store_for(path: &std::path::Path) -> Arc<dyn Store> {
    store::open(&Config {
        database: path.to_owned(),
        ..Config::default()
    })
    .await
    .unwrap()
}

async fn dataset_is_empty(store: &dyn Store) -> bool {
    store.dataset().await.unwrap().regions.is_empty()
}
