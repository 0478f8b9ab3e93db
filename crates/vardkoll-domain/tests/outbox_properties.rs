//! The outbox under any sequence of what can happen to it — sends that fail in
//! every way, acknowledgements (also repeated ones, as after a lost answer),
//! removals, "send now" — never loses a request, never keeps one twice, and
//! keeps an identity number only while the request is unacknowledged.

use proptest::prelude::*;
use vardkoll_domain::api::{
    FieldProblem, NewReferral, ProblemCode, ReferralCreated, ReferralStatus,
};
use vardkoll_domain::referral::{BackoffOptions, Failure, Outbox, RequestLabel};

#[derive(Clone, Debug)]
enum Op {
    Enqueue,
    Transient(usize, Option<u64>, f64),
    Rejected(usize),
    Acknowledged(usize),
    Remove(usize),
    SendNow,
    Tick(u64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => Just(Op::Enqueue),
        3 => (0usize..20, prop::option::of(0u64..120_000), 0.0f64..1.0)
            .prop_map(|(i, r, j)| Op::Transient(i, r, j)),
        1 => (0usize..20).prop_map(Op::Rejected),
        4 => (0usize..20).prop_map(Op::Acknowledged),
        1 => (0usize..20).prop_map(Op::Remove),
        1 => Just(Op::SendNow),
        2 => (0u64..100_000).prop_map(Op::Tick),
    ]
}

fn request(n: usize) -> NewReferral {
    NewReferral {
        name: format!("Patient {n}"),
        ..NewReferral::example()
    }
}

proptest! {
    #[test]
    fn no_request_is_lost_or_kept_twice(ops in prop::collection::vec(op(), 1..120)) {
        let mut outbox = Outbox::default();
        let backoff = BackoffOptions::default();
        let mut now = 1_000u64;
        let mut keys: Vec<String> = Vec::new();
        let mut removed: Vec<String> = Vec::new();
        for op in ops {
            let key_at = |i: usize| keys.get(i % keys.len().max(1)).cloned();
            match op {
                Op::Enqueue => {
                    let key = format!("key-{}", keys.len());
                    outbox.enqueue(key.clone(), request(keys.len()), RequestLabel::default(), now);
                    keys.push(key);
                }
                Op::Transient(i, retry_after, jitter) => if let Some(key) = key_at(i) {
                    let before = outbox.pending(&key).map(|p| p.next_attempt);
                    outbox.failed(&key, Failure::Transient { retry_after_ms: retry_after }, now, jitter, &backoff);
                    if let (Some(_), Some(p)) = (before, outbox.pending(&key)) {
                        // A failed attempt is retried, not before its backoff (or Retry-After).
                        prop_assert!(p.next_attempt >= now + retry_after.unwrap_or(0).max(backoff.base_ms / 2));
                        prop_assert!(p.next_attempt <= now + backoff.cap_ms.max(retry_after.unwrap_or(0)));
                    }
                },
                Op::Rejected(i) => if let Some(key) = key_at(i) {
                    outbox.failed(&key, Failure::Rejected(vec![FieldProblem {
                        field: "name".into(), code: ProblemCode::Required, detail: String::new(),
                    }]), now, 0.5, &backoff);
                },
                Op::Acknowledged(i) => if let Some(key) = key_at(i) {
                    // The server answers the same key with the same reference, however often.
                    let index = keys.iter().position(|k| *k == key).unwrap_or(0);
                    outbox.acknowledged(&key, ReferralCreated {
                        reference: format!("VK-{index:010}"),
                        token: format!("token-{index}"),
                        status: ReferralStatus::Received,
                        created_at: "2026-11-26T00:00:00Z".into(),
                    });
                },
                Op::Remove(i) => if let Some(key) = key_at(i)
                    && outbox.remove_pending(&key).is_some() {
                    removed.push(key);
                },
                Op::SendNow => {
                    outbox.retry_all_now(now);
                    for key in outbox.due(now) {
                        prop_assert!(outbox.pending(&key).is_some_and(|p| p.rejected.is_none()));
                    }
                }
                Op::Tick(ms) => now += ms,
            }
            // Every request made is in exactly one place: waiting, sent, or removed by the patient.
            for key in &keys {
                let waiting = outbox.pending.iter().filter(|p| &p.key == key).count();
                let sent = outbox.sent.iter().filter(|s| &s.key == key).count();
                let gone = usize::from(removed.contains(key));
                prop_assert_eq!(waiting + sent + gone, 1, "{}", key);
            }
            let mut references: Vec<_> = outbox.sent.iter().map(|s| &s.reference).collect();
            references.sort();
            references.dedup();
            prop_assert_eq!(references.len(), outbox.sent.len());
            // Identity numbers only in unacknowledged requests.
            let sent_text = serde_json::to_string(&outbox.sent).unwrap();
            prop_assert!(!sent_text.contains("19121212"));
            // Nothing due is ever scheduled in the future, and rejected requests never are.
            for key in outbox.due(now) {
                let pending = outbox.pending(&key).unwrap();
                prop_assert!(pending.next_attempt <= now && pending.rejected.is_none());
            }
        }
    }
}

#[derive(Clone, Debug)]
enum AnswerOp {
    Answer(usize, usize),
    Transient(usize, f64),
    Refused(usize),
    Recorded(usize),
    Dismiss(usize),
    SendNow,
    Tick(u64),
}

fn answer_op() -> impl Strategy<Value = AnswerOp> {
    prop_oneof![
        3 => (0usize..3, 0usize..4).prop_map(|(r, a)| AnswerOp::Answer(r, a)),
        3 => (0usize..20, 0.0f64..1.0).prop_map(|(i, j)| AnswerOp::Transient(i, j)),
        1 => (0usize..20).prop_map(AnswerOp::Refused),
        3 => (0usize..20).prop_map(AnswerOp::Recorded),
        1 => (0usize..20).prop_map(AnswerOp::Dismiss),
        1 => Just(AnswerOp::SendNow),
        2 => (0u64..100_000).prop_map(AnswerOp::Tick),
    ]
}

proptest! {
    /// An answer written down is sent with its one key until the server
    /// records or refuses it, is never lost on the way, and one request never
    /// has two answers waiting.
    #[test]
    fn no_answer_is_lost_or_sent_twice(ops in prop::collection::vec(answer_op(), 1..120)) {
        use vardkoll_domain::api::PatientAnswer;
        use vardkoll_domain::referral::{AnswerFailure, AnswerRefusal};
        let mut outbox = Outbox::default();
        let backoff = BackoffOptions::default();
        let mut now = 1_000u64;
        // Every key accepted, and what became of it.
        let mut accepted: Vec<(String, String)> = Vec::new();
        let mut recorded: Vec<String> = Vec::new();
        let mut dismissed: Vec<String> = Vec::new();
        for op in ops {
            let key_at = |i: usize| accepted.get(i % accepted.len().max(1)).map(|(k, _)| k.clone());
            match op {
                AnswerOp::Answer(r, a) => {
                    let reference = format!("VK-{r}");
                    let key = format!("answer-{}", accepted.len() + recorded.len() + dismissed.len());
                    let waiting = outbox.answer_for(&reference).is_some_and(|a| a.refused.is_none());
                    let taken = outbox.enqueue_answer(key.clone(), &reference, PatientAnswer::ALL[a], now);
                    prop_assert_eq!(taken, !waiting);
                    if taken {
                        // A refused answer it replaces was read by the patient.
                        for (k, rf) in &accepted {
                            if *rf == reference && outbox.answer(k).is_none()
                                && !recorded.contains(k) && !dismissed.contains(k) {
                                dismissed.push(k.clone());
                            }
                        }
                        accepted.push((key, reference));
                    }
                }
                AnswerOp::Transient(i, jitter) => if let Some(key) = key_at(i) {
                    outbox.answer_failed(&key, AnswerFailure::Transient { retry_after_ms: None }, now, jitter, &backoff);
                },
                AnswerOp::Refused(i) => if let Some(key) = key_at(i) {
                    outbox.answer_failed(&key, AnswerFailure::Refused(AnswerRefusal::Expired), now, 0.5, &backoff);
                },
                AnswerOp::Recorded(i) => if let Some(key) = key_at(i)
                    && outbox.answer(&key).is_some_and(|a| a.refused.is_none()) {
                    let reference = outbox.answer(&key).unwrap().reference.clone();
                    outbox.answered(&key, vardkoll_domain::api::ReferralView {
                        reference,
                        status: ReferralStatus::Booked,
                        service_code: "op-hoft".into(),
                        preferred_providers: vec![],
                        home_region: None,
                        history: vec![],
                    });
                    recorded.push(key);
                },
                AnswerOp::Dismiss(i) => if let Some(key) = key_at(i)
                    && outbox.answer(&key).is_some_and(|a| a.refused.is_some()) {
                    outbox.dismiss_answer(&key);
                    dismissed.push(key);
                },
                AnswerOp::SendNow => outbox.retry_all_now(now),
                AnswerOp::Tick(ms) => now += ms,
            }
            // Each answer accepted is waiting (or refused) in the outbox,
            // recorded by the server, or dismissed after a refusal: exactly one.
            for (key, _) in &accepted {
                let here = usize::from(outbox.answer(key).is_some());
                let done = usize::from(recorded.contains(key)) + usize::from(dismissed.contains(key));
                prop_assert_eq!(here + done, 1, "{}", key);
            }
            // At most one answer waits per request, and nothing refused is due.
            for r in 0..3 {
                let reference = format!("VK-{r}");
                let waiting = outbox.answers.iter()
                    .filter(|a| a.reference == reference && a.refused.is_none())
                    .count();
                prop_assert!(waiting <= 1);
            }
            for key in outbox.answers_due(now) {
                let answer = outbox.answer(&key).unwrap();
                prop_assert!(answer.next_attempt <= now && answer.refused.is_none());
            }
        }
    }
}
