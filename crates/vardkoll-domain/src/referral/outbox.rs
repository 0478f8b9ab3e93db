//! The browser's outbox of referral requests and the requests the server has
//! acknowledged.
//!
//! A request is written to the outbox before it is sent and stays there, with
//! the identity number, until the server acknowledges it. Acknowledging moves it,
//! in one step, to the list of sent requests, which keeps only what following
//! the request needs: reference, secret token, status and history. The same
//! idempotency key is used for every attempt, so the server stores it once.
//!
//! The patient's answers to offers (and withdrawals) go the same way: written
//! down first, sent with one key until the server records or refuses them, at
//! most one waiting per request.

use serde::{Deserialize, Serialize};

use super::backoff::BackoffOptions;
use crate::api::{
    FieldProblem, NewReferral, PatientAnswer, ReferralCreated, ReferralStatus, ReferralView,
    StatusChange,
};

/// What the patient sees about a request besides its status: the service and
/// providers by name, as they were when it was made.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestLabel {
    pub service: String,
    pub providers: Vec<String>,
    /// The patient's episode it was made from, in this browser (never sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub episode: Option<super::EpisodeLink>,
}

/// A request not yet acknowledged by the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pending {
    /// The idempotency key, the same for every attempt.
    pub key: String,
    pub request: NewReferral,
    pub label: RequestLabel,
    /// Milliseconds since the epoch.
    pub queued_at: u64,
    /// Failed attempts so far.
    pub failures: u32,
    /// Not before this time (milliseconds since the epoch).
    pub next_attempt: u64,
    /// Set when the server turned the request down: it waits for the patient to
    /// correct it (or remove it) and is not sent again as it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejected: Option<Vec<FieldProblem>>,
    /// Set when the server asked for a signed-in patient (the sign-in expired
    /// or ended): it waits, kept, until the patient signs in again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub needs_sign_in: bool,
}

impl Pending {
    /// Whether it is to be sent by itself (not turned down, not held for a
    /// sign-in).
    pub fn is_waiting(&self) -> bool {
        self.rejected.is_none() && !self.needs_sign_in
    }
}

/// A request the server has stored. Holds no personal data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sent {
    /// The idempotency key it was sent with (not personal data), so a receipt
    /// shown while the request waited finds it once sent.
    pub key: String,
    pub reference: String,
    pub token: String,
    pub label: RequestLabel,
    pub created_at: String,
    pub status: ReferralStatus,
    pub history: Vec<StatusChange>,
}

/// Why the server would not record an answer: final, shown to the patient.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerRefusal {
    /// The offer's answer window had closed.
    Expired,
    /// The request takes no such answer now (it changed meanwhile).
    NotNow,
}

/// A patient's answer not yet recorded by the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingAnswer {
    /// The idempotency key, the same for every attempt.
    pub key: String,
    pub reference: String,
    pub answer: PatientAnswer,
    /// Failed attempts so far.
    pub failures: u32,
    /// Not before this time (milliseconds since the epoch).
    pub next_attempt: u64,
    /// Set when the server refused it: kept to say why until dismissed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused: Option<AnswerRefusal>,
    /// Set when the server asked for a signed-in patient.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub needs_sign_in: bool,
}

impl PendingAnswer {
    pub fn is_waiting(&self) -> bool {
        self.refused.is_none() && !self.needs_sign_in
    }
}

/// Why an attempt to send an answer failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerFailure {
    /// Try again later (as [`Failure::Transient`]).
    Transient {
        retry_after_ms: Option<u64>,
    },
    Refused(AnswerRefusal),
    SignInRequired,
}

/// Why an attempt failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// Worth trying again: no network, a timeout, 404 (on create: the API is not
    /// where the app looks, e.g. a proxy being redeployed), 408, 425, 429 or 5xx,
    /// or an answer that could not be read. `retry_after_ms` from the server, if any.
    Transient { retry_after_ms: Option<u64> },
    /// The server turned the request down (4xx); the problems, per field, if given.
    Rejected(Vec<FieldProblem>),
    /// 401: the server takes requests only from a signed-in patient.
    SignInRequired,
}

impl Failure {
    /// The failure an HTTP error status stands for.
    pub fn from_status(
        status: u16,
        retry_after_ms: Option<u64>,
        problems: Vec<FieldProblem>,
    ) -> Failure {
        if status == 401 {
            Failure::SignInRequired
        } else if matches!(status, 404 | 408 | 425 | 429) || !(400..500).contains(&status) {
            Failure::Transient { retry_after_ms }
        } else {
            Failure::Rejected(problems)
        }
    }
}

/// The outbox and the sent requests, stored together so that acknowledging a
/// request is one write.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Outbox {
    pub pending: Vec<Pending>,
    pub sent: Vec<Sent>,
    /// Answers to offers, not yet recorded (stored outboxes from before
    /// answers read as none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<PendingAnswer>,
}

impl Outbox {
    /// Queues a request to be sent at once.
    pub fn enqueue(&mut self, key: String, request: NewReferral, label: RequestLabel, now: u64) {
        self.pending.retain(|p| p.key != key);
        self.pending.push(Pending {
            key,
            request,
            label,
            queued_at: now,
            failures: 0,
            next_attempt: now,
            rejected: None,
            needs_sign_in: false,
        });
    }

    /// The keys of requests to send now, oldest first.
    pub fn due(&self, now: u64) -> Vec<String> {
        self.pending
            .iter()
            .filter(|p| p.is_waiting() && p.next_attempt <= now)
            .map(|p| p.key.clone())
            .collect()
    }

    /// When the next waiting request or answer is due, if any is waiting.
    pub fn next_due(&self) -> Option<u64> {
        let requests = self.pending.iter().filter(|p| p.is_waiting());
        let answers = self.answers.iter().filter(|a| a.is_waiting());
        requests
            .map(|p| p.next_attempt)
            .chain(answers.map(|a| a.next_attempt))
            .min()
    }

    /// Makes every waiting request and answer due now (the browser came back
    /// online, the app started, the patient pressed "send now").
    pub fn retry_all_now(&mut self, now: u64) {
        for pending in self.pending.iter_mut().filter(|p| p.is_waiting()) {
            pending.next_attempt = pending.next_attempt.min(now);
        }
        for answer in self.answers.iter_mut().filter(|a| a.is_waiting()) {
            answer.next_attempt = answer.next_attempt.min(now);
        }
    }

    /// The patient signed in: requests and answers held for want of a sign-in
    /// are sent now.
    pub fn signed_in(&mut self, now: u64) {
        for pending in self.pending.iter_mut().filter(|p| p.needs_sign_in) {
            pending.needs_sign_in = false;
            pending.next_attempt = now;
        }
        for answer in self.answers.iter_mut().filter(|a| a.needs_sign_in) {
            answer.needs_sign_in = false;
            answer.next_attempt = now;
        }
    }

    /// Whether any request or answer waits for the patient to sign in.
    pub fn waits_for_sign_in(&self) -> bool {
        self.pending.iter().any(|p| p.needs_sign_in) || self.answers.iter().any(|a| a.needs_sign_in)
    }

    /// Writes down the patient's answer for `reference`, to be sent at once.
    /// `false`, and nothing changes, while another answer for it waits: it may
    /// have reached the server already.
    pub fn enqueue_answer(
        &mut self,
        key: String,
        reference: &str,
        answer: PatientAnswer,
        now: u64,
    ) -> bool {
        if self
            .answers
            .iter()
            .any(|a| a.reference == reference && a.refused.is_none())
        {
            return false;
        }
        self.answers.retain(|a| a.reference != reference);
        self.answers.push(PendingAnswer {
            key,
            reference: reference.to_owned(),
            answer,
            failures: 0,
            next_attempt: now,
            refused: None,
            needs_sign_in: false,
        });
        true
    }

    /// The keys of answers to send now, oldest first.
    pub fn answers_due(&self, now: u64) -> Vec<String> {
        self.answers
            .iter()
            .filter(|a| a.is_waiting() && a.next_attempt <= now)
            .map(|a| a.key.clone())
            .collect()
    }

    pub fn answer(&self, key: &str) -> Option<&PendingAnswer> {
        self.answers.iter().find(|a| a.key == key)
    }

    /// The answer for `reference` not yet recorded (waiting or refused).
    pub fn answer_for(&self, reference: &str) -> Option<&PendingAnswer> {
        self.answers.iter().find(|a| a.reference == reference)
    }

    /// Records a failed attempt to send an answer.
    pub fn answer_failed(
        &mut self,
        key: &str,
        failure: AnswerFailure,
        now: u64,
        jitter: f64,
        backoff: &BackoffOptions,
    ) {
        let Some(answer) = self.answers.iter_mut().find(|a| a.key == key) else {
            return;
        };
        answer.failures = answer.failures.saturating_add(1);
        match failure {
            AnswerFailure::Transient { retry_after_ms } => {
                let delay = backoff.delay_ms(answer.failures, jitter, retry_after_ms);
                answer.next_attempt = now.saturating_add(delay);
            }
            AnswerFailure::Refused(why) => answer.refused = Some(why),
            AnswerFailure::SignInRequired => answer.needs_sign_in = true,
        }
    }

    /// The server recorded the answer (or replayed it): it leaves the outbox
    /// and the request as the server now has it is kept.
    pub fn answered(&mut self, key: &str, view: ReferralView) {
        self.answers.retain(|a| a.key != key);
        self.refreshed(view);
    }

    /// The patient has read why an answer was refused.
    pub fn dismiss_answer(&mut self, key: &str) {
        self.answers.retain(|a| a.key != key || a.refused.is_none());
    }

    pub fn pending(&self, key: &str) -> Option<&Pending> {
        self.pending.iter().find(|p| p.key == key)
    }

    /// Records a failed attempt: a transient failure is retried after a backoff
    /// with `jitter` in `[0, 1)`; a rejection waits for the patient.
    pub fn failed(
        &mut self,
        key: &str,
        failure: Failure,
        now: u64,
        jitter: f64,
        backoff: &BackoffOptions,
    ) {
        let Some(pending) = self.pending.iter_mut().find(|p| p.key == key) else {
            return;
        };
        pending.failures = pending.failures.saturating_add(1);
        match failure {
            Failure::Transient { retry_after_ms } => {
                let delay = backoff.delay_ms(pending.failures, jitter, retry_after_ms);
                pending.next_attempt = now.saturating_add(delay);
            }
            Failure::Rejected(problems) => pending.rejected = Some(problems),
            Failure::SignInRequired => pending.needs_sign_in = true,
        }
    }

    /// The server stored the request: it leaves the outbox, with its identity
    /// number, and is kept as sent. A repeated acknowledgement (the same request
    /// answered twice) is kept once.
    pub fn acknowledged(&mut self, key: &str, created: ReferralCreated) {
        let Some(index) = self.pending.iter().position(|p| p.key == key) else {
            return;
        };
        let pending = self.pending.remove(index);
        if self.sent.iter().any(|s| s.reference == created.reference) {
            return;
        }
        self.sent.push(Sent {
            history: vec![StatusChange::new(
                created.status,
                created.created_at.clone(),
                None,
            )],
            key: pending.key,
            reference: created.reference,
            token: created.token,
            label: pending.label,
            created_at: created.created_at,
            status: created.status,
        });
    }

    /// Takes a request out of the outbox (the patient removes it, or corrects it).
    pub fn remove_pending(&mut self, key: &str) -> Option<Pending> {
        let index = self.pending.iter().position(|p| p.key == key)?;
        Some(self.pending.remove(index))
    }

    /// The server's current view of a sent request. Returns whether anything changed.
    pub fn refreshed(&mut self, view: ReferralView) -> bool {
        let Some(sent) = self.sent.iter_mut().find(|s| s.reference == view.reference) else {
            return false;
        };
        if sent.status == view.status && sent.history == view.history {
            return false;
        }
        sent.status = view.status;
        sent.history = view.history;
        true
    }

    pub fn sent(&self, reference: &str) -> Option<&Sent> {
        self.sent.iter().find(|s| s.reference == reference)
    }

    /// The sent request that was queued under `key`.
    pub fn sent_with_key(&self, key: &str) -> Option<&Sent> {
        self.sent.iter().find(|s| s.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Offer;

    fn request(name: &str) -> NewReferral {
        NewReferral {
            name: name.into(),
            ..NewReferral::example()
        }
    }

    fn created(reference: &str) -> ReferralCreated {
        ReferralCreated {
            reference: reference.into(),
            token: format!("token-{reference}"),
            status: ReferralStatus::Received,
            created_at: "2026-11-25T10:00:00Z".into(),
        }
    }

    fn outbox_with(keys: &[&str]) -> Outbox {
        let mut outbox = Outbox::default();
        for (i, key) in keys.iter().enumerate() {
            outbox.enqueue(
                (*key).into(),
                request(key),
                RequestLabel::default(),
                1_000 + i as u64,
            );
        }
        outbox
    }

    #[test]
    fn queued_requests_are_due_at_once_oldest_first() {
        let outbox = outbox_with(&["a", "b"]);
        assert_eq!(outbox.due(1_001), ["a", "b"]);
        assert_eq!(outbox.due(1_000), ["a"]);
        assert_eq!(outbox.next_due(), Some(1_000));
    }

    #[test]
    fn a_transient_failure_waits_with_backoff_and_online_makes_it_due() {
        let mut outbox = outbox_with(&["a"]);
        let backoff = BackoffOptions::default();
        let transient = Failure::Transient {
            retry_after_ms: None,
        };
        outbox.failed("a", transient.clone(), 5_000, 1.0, &backoff);
        outbox.failed("a", transient, 5_000, 1.0, &backoff);
        assert_eq!(outbox.pending("a").unwrap().failures, 2);
        assert_eq!(outbox.next_due(), Some(7_000));
        assert!(outbox.due(6_999).is_empty());
        outbox.failed(
            "a",
            Failure::Transient {
                retry_after_ms: Some(30_000),
            },
            5_000,
            0.0,
            &backoff,
        );
        assert_eq!(outbox.next_due(), Some(35_000));
        outbox.retry_all_now(6_000);
        assert_eq!(outbox.due(6_000), ["a"]);
    }

    #[test]
    fn a_rejected_request_is_kept_but_not_sent_again() {
        let mut outbox = outbox_with(&["a"]);
        let problem = FieldProblem {
            field: "preferredProviders/0".into(),
            code: crate::api::ProblemCode::Unknown,
            detail: "no such provider".into(),
        };
        outbox.failed(
            "a",
            Failure::Rejected(vec![problem.clone()]),
            5_000,
            0.5,
            &BackoffOptions::default(),
        );
        assert!(outbox.due(u64::MAX).is_empty());
        assert_eq!(outbox.next_due(), None);
        outbox.retry_all_now(9_000);
        assert!(outbox.due(u64::MAX).is_empty());
        assert_eq!(outbox.pending("a").unwrap().rejected, Some(vec![problem]));
        assert!(outbox.remove_pending("a").is_some());
        assert!(outbox.pending.is_empty());
    }

    #[test]
    fn a_request_refused_for_want_of_a_sign_in_waits_for_it_and_is_kept() {
        let mut outbox = outbox_with(&["a", "b"]);
        outbox.failed(
            "a",
            Failure::SignInRequired,
            5_000,
            0.5,
            &BackoffOptions::default(),
        );
        assert!(outbox.waits_for_sign_in());
        assert_eq!(outbox.due(u64::MAX), ["b"], "not sent again as it is");
        outbox.retry_all_now(6_000);
        assert_eq!(
            outbox.due(u64::MAX),
            ["b"],
            "coming online is not a sign-in"
        );
        let stored = serde_json::to_string(&outbox).unwrap();
        let restored: Outbox = serde_json::from_str(&stored).unwrap();
        assert!(
            restored.pending("a").unwrap().needs_sign_in,
            "kept across reloads"
        );
        outbox.signed_in(7_000);
        assert!(!outbox.waits_for_sign_in());
        assert_eq!(outbox.due(7_000), ["a", "b"]);
        assert_eq!(
            outbox.pending("a").unwrap().request,
            request("a"),
            "nothing lost"
        );
    }

    #[test]
    fn statuses_map_to_failures() {
        for status in [404, 408, 425, 429, 500, 502, 503, 504] {
            assert!(
                matches!(
                    Failure::from_status(status, None, vec![]),
                    Failure::Transient { .. }
                ),
                "{status}"
            );
        }
        assert_eq!(
            Failure::from_status(401, None, vec![]),
            Failure::SignInRequired
        );
        for status in [400, 403, 409, 413, 415, 422] {
            assert!(
                matches!(
                    Failure::from_status(status, None, vec![]),
                    Failure::Rejected(_)
                ),
                "{status}"
            );
        }
    }

    #[test]
    fn acknowledging_keeps_no_identity_number_and_repeats_once() {
        let mut outbox = outbox_with(&["a", "b"]);
        outbox.acknowledged("a", created("VK-1"));
        assert_eq!(outbox.due(u64::MAX), ["b"]);
        // The same request answered again (a retry after a lost answer, another tab).
        outbox.enqueue("a".into(), request("a"), RequestLabel::default(), 2_000);
        outbox.acknowledged("a", created("VK-1"));
        outbox.acknowledged("unknown", created("VK-2"));
        assert_eq!(outbox.sent.len(), 1);
        assert_eq!(outbox.sent("VK-1").unwrap().token, "token-VK-1");
        assert_eq!(outbox.sent_with_key("a").unwrap().reference, "VK-1");
        outbox.acknowledged("b", created("VK-3"));
        let stored = serde_json::to_string(&outbox).unwrap();
        assert!(!stored.contains("1212"), "{stored}");
        assert!(outbox.pending.is_empty());
    }

    #[test]
    fn refreshing_updates_status_and_history() {
        let mut outbox = outbox_with(&["a"]);
        outbox.acknowledged("a", created("VK-1"));
        let mut view = ReferralView {
            reference: "VK-1".into(),
            status: ReferralStatus::Offered,
            service_code: "op-hoft".into(),
            preferred_providers: vec!["capio-st-goran".into()],
            home_region: Some("01".into()),
            history: vec![StatusChange {
                offer: Some(Offer {
                    provider_id: "capio-st-goran".into(),
                    date: "2026-12-03".into(),
                    time: "09:30".into(),
                    free_time_id: None,
                    answer_by: None,
                }),
                ..StatusChange::new(
                    ReferralStatus::Offered,
                    "2026-11-26T09:00:00Z",
                    Some("Tid 3 december".into()),
                )
            }],
        };
        assert!(outbox.refreshed(view.clone()));
        assert!(!outbox.refreshed(view.clone()));
        assert_eq!(outbox.sent("VK-1").unwrap().status, ReferralStatus::Offered);
        view.reference = "VK-9".into();
        assert!(!outbox.refreshed(view));
    }

    #[test]
    fn the_stored_form_round_trips() {
        let mut outbox = outbox_with(&["a", "b"]);
        outbox.acknowledged("a", created("VK-1"));
        let text = serde_json::to_string(&outbox).unwrap();
        assert_eq!(serde_json::from_str::<Outbox>(&text).unwrap(), outbox);
    }
}
