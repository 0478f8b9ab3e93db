//! Free times in both stores: a series stored whole or not at all, no overlap
//! within a provider (also when two instances publish at once), only a free
//! time changed or withdrawn, and only by a scheduler of its provider.

mod common;

use std::sync::Arc;

use chrono::NaiveDate;
use common::database::{Database, Kind, both_stores, run_sql};
use vardkoll_domain::api::{FreeTimeState, Slot};
use vardkoll_domain::clock_time::ClockTime;
use vardkoll_server::store::{FreeTimeQuery, Publisher, Store, TimeRefused};

fn slot(provider: &str, day: u32, hour: u8, minutes: u16) -> Slot {
    Slot {
        provider_id: provider.into(),
        service_code: "op-hoft".into(),
        date: NaiveDate::from_ymd_opt(2030, 3, day).unwrap(),
        start: ClockTime::new(hour, 0).unwrap(),
        minutes,
    }
}

fn sara() -> Publisher {
    Publisher {
        staff: "scheduler".into(),
        at: "2030-01-01T08:00:00Z".into(),
    }
}

fn all() -> FreeTimeQuery {
    FreeTimeQuery {
        from: "2030-01-01".into(),
        ..FreeTimeQuery::default()
    }
}

async fn count(store: &Arc<dyn Store>) -> usize {
    store.free_times(all()).await.unwrap().len()
}

async fn a_series_is_stored_whole_or_not_at_all(kind: Kind) {
    let db = Database::new(kind).await;
    let store = db.open().await;
    let series = vec![
        slot("p1", 4, 9, 60),
        slot("p1", 11, 9, 60),
        slot("p1", 18, 9, 60),
    ];
    let stored = store
        .publish_free_times(series, sara())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.len(), 3);
    assert!(
        stored
            .iter()
            .all(|t| t.state == FreeTimeState::Free && t.version == 1)
    );
    assert_eq!(stored[1].start, "09:00");
    // The second of these overlaps the 11th's 09:00–10:00: none is stored.
    let refused = store
        .publish_free_times(vec![slot("p1", 5, 9, 60), slot("p1", 11, 8, 61)], sara())
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(refused, TimeRefused::Overlap { with: stored[1].id });
    assert_eq!(count(&store).await, 3);
    // Back to back, and another provider at the same minute, are fine.
    store
        .publish_free_times(vec![slot("p1", 11, 10, 30), slot("p2", 11, 9, 60)], sara())
        .await
        .unwrap()
        .unwrap();
    // Two slots overlapping each other are refused before anything is read.
    assert!(
        store
            .publish_free_times(vec![slot("p3", 4, 9, 60), slot("p3", 4, 9, 30)], sara())
            .await
            .unwrap()
            .is_err()
    );
    assert_eq!(count(&store).await, 5);
    let mine = store
        .free_times(FreeTimeQuery {
            providers: Some(vec!["p2".into()]),
            ..all()
        })
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
}

async fn only_a_free_time_of_ones_own_provider_changes(kind: Kind) {
    let db = Database::new(kind).await;
    let store = db.open().await;
    let stored = store
        .publish_free_times(vec![slot("p1", 4, 9, 60), slot("p1", 4, 13, 60)], sara())
        .await
        .unwrap()
        .unwrap();
    let (first, second) = (stored[0].id, stored[1].id);
    let mine = vec!["p1".to_owned()];
    // Not theirs: not there.
    assert_eq!(
        store
            .change_free_time(first, vec!["p2".into()], slot("p1", 5, 9, 60), 1)
            .await
            .unwrap(),
        None
    );
    // Onto the other time: an overlap; a stale version: refused.
    assert_eq!(
        store
            .change_free_time(first, mine.clone(), slot("p1", 4, 13, 30), 1)
            .await
            .unwrap(),
        Some(Err(TimeRefused::Overlap { with: second }))
    );
    let moved = store
        .change_free_time(first, mine.clone(), slot("p1", 4, 10, 45), 1)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(
        (moved.start.as_str(), moved.minutes, moved.version),
        ("10:00", 45, 2)
    );
    assert_eq!(
        store
            .change_free_time(first, mine.clone(), slot("p1", 4, 11, 45), 1)
            .await
            .unwrap(),
        Some(Err(TimeRefused::Stale { current: 2 }))
    );
    // A held time neither changes nor goes.
    run_sql(
        &db,
        kind,
        &format!("UPDATE free_times SET state = 'held', reference = 'VK-1' WHERE id = {second}"),
    )
    .await
    .unwrap();
    assert_eq!(
        store
            .change_free_time(second, mine.clone(), slot("p1", 6, 9, 60), 1)
            .await
            .unwrap(),
        Some(Err(TimeRefused::Taken {
            state: FreeTimeState::Held
        }))
    );
    assert_eq!(
        store
            .withdraw_free_time(second, mine.clone())
            .await
            .unwrap(),
        Some(Err(TimeRefused::Taken {
            state: FreeTimeState::Held
        }))
    );
    let held = store.free_time(second).await.unwrap().unwrap();
    assert_eq!(held.reference.as_deref(), Some("VK-1"));
    // A free one goes, once.
    assert_eq!(
        store
            .withdraw_free_time(first, vec!["p2".into()])
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store.withdraw_free_time(first, mine.clone()).await.unwrap(),
        Some(Ok(()))
    );
    assert_eq!(store.withdraw_free_time(first, mine).await.unwrap(), None);
    let left = store
        .free_times(FreeTimeQuery {
            only_free: true,
            ..all()
        })
        .await
        .unwrap();
    assert!(left.is_empty());
}

async fn two_instances_publishing_the_same_minute_store_it_once(kind: Kind) {
    let db = Database::new(kind).await;
    let (one, two) = (db.open().await, db.open().await);
    let mut tasks = Vec::new();
    for i in 0..20 {
        let store = if i % 2 == 0 { one.clone() } else { two.clone() };
        tasks.push(tokio::spawn(async move {
            // Each overlaps every other: 09:00 + i minutes, an hour long.
            let mut s = slot("p1", 4, 9, 60);
            s.start = ClockTime::new(9, i).unwrap();
            store.publish_free_times(vec![s], sara()).await.unwrap()
        }));
    }
    let mut stored = 0;
    for task in tasks {
        if task.await.unwrap().is_ok() {
            stored += 1;
        }
    }
    assert_eq!(stored, 1);
    assert_eq!(count(&one).await, 1);
}

async fn a_read_narrows_to_the_first_time_of_each_provider_not_begun(kind: Kind) {
    let db = Database::new(kind).await;
    let store = db.open().await;
    let slots = vec![
        slot("p1", 4, 9, 30),
        slot("p1", 4, 11, 30),
        slot("p1", 5, 9, 30),
        slot("p2", 4, 10, 30),
        slot("p2", 6, 8, 30),
    ];
    store
        .publish_free_times(slots, sara())
        .await
        .unwrap()
        .unwrap();
    let read = |query: FreeTimeQuery| {
        let store = store.clone();
        async move {
            store
                .free_times(query)
                .await
                .unwrap()
                .into_iter()
                .map(|t| (t.provider_id, t.date.to_string(), t.start))
                .collect::<Vec<_>>()
        }
    };
    let day = |d: u32| format!("2030-03-{d:02}");
    let first = FreeTimeQuery {
        from: day(4),
        providers: Some(vec!["p1".into(), "p2".into(), "p3".into()]),
        services: Some(vec!["op-hoft".into(), "op-kna".into()]),
        only_free: true,
        first_per_provider: true,
        ..FreeTimeQuery::default()
    };
    assert_eq!(
        read(first.clone()).await,
        [
            ("p1".into(), day(4), "09:00".into()),
            ("p2".into(), day(4), "10:00".into())
        ]
    );
    // At 10:00 on the 4th, the times that have begun are left out.
    let at_ten = FreeTimeQuery {
        after_minute: Some(10 * 60),
        ..first.clone()
    };
    assert_eq!(
        read(at_ten.clone()).await,
        [
            ("p1".into(), day(4), "11:00".into()),
            ("p2".into(), day(6), "08:00".into())
        ]
    );
    // Up to the 5th; one provider; at most one.
    let narrowed = FreeTimeQuery {
        to: Some(day(5)),
        ..at_ten.clone()
    };
    assert_eq!(
        read(narrowed).await,
        [("p1".into(), day(4), "11:00".into())]
    );
    let only_p2 = FreeTimeQuery {
        providers: Some(vec!["p2".into()]),
        first_per_provider: false,
        limit: Some(1),
        ..FreeTimeQuery {
            from: day(4),
            ..FreeTimeQuery::default()
        }
    };
    assert_eq!(read(only_p2).await, [("p2".into(), day(4), "10:00".into())]);
}

both_stores!(
    a_read_narrows_to_the_first_time_of_each_provider_not_begun,
    a_series_is_stored_whole_or_not_at_all,
    only_a_free_time_of_ones_own_provider_changes,
    two_instances_publishing_the_same_minute_store_it_once,
);
