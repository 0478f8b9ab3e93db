//! The referral outbox: requests are written to browser storage before they are
//! sent, sent with the same idempotency key until the server acknowledges them,
//! and retried with backoff — when an attempt fails, when the browser comes back
//! online, and when the app starts. Sent requests are followed by their token.
//!
//! Browser storage is the authority: every change reads the stored document,
//! changes it and writes it back, so several tabs and a reload in the middle of
//! a send lose nothing. The signal mirrors it for the view.

use std::cell::Cell;

use leptos::prelude::*;
// Plain browser tasks, not Leptos': sending goes on for the page's life,
// whichever view is mounted (or none: started only to send what waits).
use vardkoll_domain::api::{NewReferral, PatientAnswer};
use vardkoll_domain::referral::{
    AnswerFailure, BackoffOptions, Outbox, Pending, PendingAnswer, RequestLabel, Sent,
};
use wasm_bindgen_futures::spawn_local;

use crate::platform::api;
use crate::platform::storage::{self, StorageError};

/// How many requests are sent at once (browsers open six connections per host;
/// this leaves room for the page's own).
const PARALLEL: usize = 4;

thread_local! {
    static TIMER: Cell<Option<TimeoutHandle>> = const { Cell::new(None) };
    static SHARED: Cell<Option<OutboxStore>> = const { Cell::new(None) };
}

/// The outbox and sent requests. Cheap to copy; provide it once.
#[derive(Clone, Copy)]
pub struct OutboxStore {
    outbox: RwSignal<Outbox>,
    /// Keys being sent by this tab right now (at most [`PARALLEL`]: a list,
    /// which costs the page less code than a hash set).
    in_flight: RwSignal<Vec<String>>,
    /// Workers sending right now (at most [`PARALLEL`]).
    workers: RwSignal<usize>,
    /// Storage failed: requests live only in this page until it works again.
    save_failed: RwSignal<bool>,
    online: RwSignal<bool>,
}

fn now_ms() -> u64 {
    // Whole milliseconds since the epoch; the clock is never negative.
    js_sys::Date::now().max(0.0) as u64
}

/// A fresh idempotency key: a random UUID where the browser has one.
pub fn new_key() -> String {
    let uuid = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"crypto".into()).ok())
        .and_then(|crypto| {
            let function = js_sys::Reflect::get(&crypto, &"randomUUID".into()).ok()?;
            let function: js_sys::Function = wasm_bindgen::JsCast::dyn_into(function).ok()?;
            function.call0(&crypto).ok()?.as_string()
        });
    uuid.unwrap_or_else(|| {
        let random = (js_sys::Math::random() * 1e15) as u64;
        format!("vk-{:x}-{random:x}", now_ms())
    })
}

/// What a worker sends next.
enum Job {
    Request(String, Box<NewReferral>),
    /// An answer, and the token of the request where this browser sent it.
    Answer(PendingAnswer, Option<String>),
}

impl Job {
    fn key(&self) -> &str {
        match self {
            Job::Request(key, _) => key,
            Job::Answer(answer, _) => &answer.key,
        }
    }
}

fn browser_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

impl OutboxStore {
    /// The one store of this page, created on first use: it loads the stored
    /// requests and starts sending — now (what waited when the page closed), when
    /// the browser comes back online, and when it falls due. It lives as long as
    /// the page, whichever view shows it.
    pub fn shared() -> OutboxStore {
        if let Some(store) = SHARED.with(Cell::get) {
            return store;
        }
        let store = super::for_page_lifetime(|| OutboxStore {
            outbox: RwSignal::new(storage::load_outbox().unwrap_or_default()),
            in_flight: RwSignal::new(Vec::new()),
            workers: RwSignal::new(0),
            save_failed: RwSignal::new(false),
            online: RwSignal::new(browser_online()),
        });
        SHARED.with(|s| s.set(Some(store)));
        // Page-long listeners: never removed, like the store itself.
        std::mem::forget(window_event_listener(leptos::ev::online, move |_| {
            store.online.set(true);
            store.send_now();
        }));
        std::mem::forget(window_event_listener(leptos::ev::offline, move |_| {
            store.online.set(false)
        }));
        // Another tab changed the stored requests.
        std::mem::forget(window_event_listener(leptos::ev::storage, move |ev| {
            if ev.key().is_none_or(|key| key == storage::OUTBOX_KEY) {
                store.reload();
            }
        }));
        // A request the server held for want of a sign-in goes once the
        // patient has signed in again.
        let after_sign_in = move || {
            store.update(|outbox| outbox.signed_in(now_ms()));
            store.drain();
            store.claim_sent();
        };
        super::Session::on_signed_in(after_sign_in);
        if super::access_token().is_some() {
            // Signed in before this store was made.
            after_sign_in();
        }
        store.send_now();
        store
    }

    /// Provides the shared store to the component tree.
    pub fn provide() -> OutboxStore {
        let store = OutboxStore::shared();
        provide_context(store);
        store
    }

    pub fn use_context() -> OutboxStore {
        expect_context::<OutboxStore>()
    }

    pub fn outbox(&self) -> Signal<Outbox> {
        self.outbox.into()
    }

    pub fn save_failed(&self) -> bool {
        self.save_failed.get()
    }

    pub fn online(&self) -> bool {
        self.online.get()
    }

    /// The waiting request queued under `key` (tracked).
    pub fn pending(&self, key: &str) -> Option<Pending> {
        self.outbox.with(|o| o.pending(key).cloned())
    }

    /// The sent request that was queued under `key` (tracked).
    pub fn sent_with_key(&self, key: &str) -> Option<Sent> {
        self.outbox.with(|o| o.sent_with_key(key).cloned())
    }

    /// Whether this tab is sending the request with `key` right now.
    pub fn sending(&self, key: &str) -> bool {
        self.in_flight.with(|keys| keys.iter().any(|k| k == key))
    }

    /// Writes the request to the outbox, then sends it. Returns its key.
    /// `replaces`: the key of a request the server turned down that this one
    /// corrects; it leaves the outbox in the same write.
    pub fn submit(
        &self,
        request: NewReferral,
        label: RequestLabel,
        replaces: Option<&str>,
    ) -> String {
        let key = new_key();
        let queued = key.clone();
        self.update(move |outbox| {
            if let Some(old) = replaces {
                outbox.remove_pending(old);
            }
            outbox.enqueue(queued, request, label, now_ms());
        });
        self.drain();
        key
    }

    /// Writes the patient's answer to the request `reference` down, then sends
    /// it. `false` while an earlier answer for it is still on its way.
    pub fn answer(&self, reference: &str, answer: PatientAnswer) -> bool {
        let key = new_key();
        let queued = self.update(|outbox| outbox.enqueue_answer(key, reference, answer, now_ms()));
        self.drain();
        queued
    }

    /// The answer for `reference` not yet recorded: on its way, or refused (tracked).
    pub fn answer_for(&self, reference: &str) -> Option<PendingAnswer> {
        self.outbox.with(|o| o.answer_for(reference).cloned())
    }

    /// The patient has read why their answer was refused.
    pub fn dismiss_answer(&self, key: &str) {
        self.update(|outbox| outbox.dismiss_answer(key));
    }

    /// Removes a waiting or turned-down request at the patient's wish.
    pub fn remove(&self, key: &str) {
        self.update(|outbox| {
            outbox.remove_pending(key);
        });
    }

    /// Makes every waiting request due and sends them.
    pub fn send_now(&self) {
        self.update(|outbox| outbox.retry_all_now(now_ms()));
        self.drain();
    }

    /// Fetches the status of every sent request and keeps what changed.
    pub fn refresh(&self) {
        let store = *self;
        let sent: Vec<(String, String)> = self.outbox.with_untracked(|o| {
            o.sent
                .iter()
                .map(|s| (s.reference.clone(), s.token.clone()))
                .collect()
        });
        for (reference, token) in sent {
            spawn_local(async move {
                if let Ok(view) = api::referral(&reference, &token).await {
                    store.update(|outbox| {
                        outbox.refreshed(view);
                    });
                }
            });
        }
    }

    /// Binds this browser's sent requests that the server does not yet list
    /// as the signed-in patient's to them; the server does so only for those
    /// carrying the patient's identity number.
    pub fn claim_sent(&self) {
        let Some(access_token) = super::session::patient_token() else {
            return;
        };
        let session = super::Session::shared();
        let listed: Vec<String> = session
            .mine_untracked()
            .unwrap_or_default()
            .into_iter()
            .map(|view| view.reference)
            .collect();
        let unclaimed: Vec<(String, String)> = self.outbox.with_untracked(|o| {
            o.sent
                .iter()
                .filter(|s| !listed.contains(&s.reference))
                .map(|s| (s.reference.clone(), s.token.clone()))
                .collect()
        });
        if unclaimed.is_empty() {
            return;
        }
        spawn_local(async move {
            let mut claimed = false;
            for (reference, token) in unclaimed {
                claimed |= api::claim_referral(&access_token, &reference, &token)
                    .await
                    .is_ok();
            }
            if claimed {
                session.refresh_mine();
            }
        });
    }

    /// Shows what is stored now (another tab or "delete all my data" changed it).
    pub fn reload(&self) {
        let outbox = self.stored();
        self.outbox.set(outbox);
    }

    /// The stored document, or without storage the one in memory.
    fn stored(&self) -> Outbox {
        match storage::load_outbox() {
            Ok(stored) => stored,
            Err(
                StorageError::Unavailable | StorageError::Unreadable | StorageError::WriteFailed,
            ) => self.outbox.get_untracked(),
        }
    }

    /// Reads the stored document, changes it and writes it back.
    fn update<R>(&self, change: impl FnOnce(&mut Outbox) -> R) -> R {
        let mut outbox = self.stored();
        let result = change(&mut outbox);
        self.save_failed.set(storage::save_outbox(&outbox).is_err());
        self.outbox.set(outbox);
        result
    }

    /// Sends every due request, [`PARALLEL`] at a time, until none is due; then
    /// waits for the next one to fall due.
    fn drain(&self) {
        let workers = self.workers.get_untracked();
        for _ in workers..PARALLEL {
            self.workers.set(self.workers.get_untracked() + 1);
            spawn_local(self.worker());
        }
    }

    /// Sends one due request or answer after another, each one no other
    /// worker of this tab is sending; the last worker to stop sets the timer.
    async fn worker(self) {
        loop {
            let now = now_ms();
            let outbox = self.stored();
            let next = self.in_flight.with_untracked(|busy| {
                let request = outbox
                    .due(now)
                    .into_iter()
                    .find(|key| !busy.contains(key))
                    .and_then(|key| {
                        outbox
                            .pending(&key)
                            .map(|p| Job::Request(key, Box::new(p.request.clone())))
                    });
                request.or_else(|| {
                    outbox
                        .answers_due(now)
                        .into_iter()
                        .find(|key| !busy.contains(key))
                        .and_then(|key| outbox.answer(&key).cloned())
                        .map(|answer| {
                            let own = outbox.sent(&answer.reference).map(|s| s.token.clone());
                            Job::Answer(answer, own)
                        })
                })
            });
            self.outbox.set(outbox);
            let Some(job) = next else { break };
            let key = job.key().to_owned();
            self.in_flight.update(|busy| {
                busy.push(key.clone());
            });
            match job {
                Job::Request(key, request) => {
                    let token = super::access_token();
                    let result = api::create_referral(&key, &request, token.as_deref()).await;
                    self.update(|outbox| match result {
                        Ok(created) => outbox.acknowledged(&key, created),
                        Err(failure) => outbox.failed(
                            &key,
                            failure,
                            now_ms(),
                            js_sys::Math::random(),
                            &BackoffOptions::default(),
                        ),
                    });
                }
                Job::Answer(answer, own_token) => {
                    // Signed in, the patient's own access token; else the
                    // request's token, where this browser sent it.
                    let result = match super::session::patient_token().or(own_token) {
                        Some(bearer) => {
                            api::answer_referral(
                                &answer.key,
                                &answer.reference,
                                answer.answer,
                                &bearer,
                            )
                            .await
                        }
                        None => Err(AnswerFailure::SignInRequired),
                    };
                    let recorded = result.is_ok();
                    self.update(|outbox| match result {
                        Ok(view) => outbox.answered(&answer.key, view),
                        Err(failure) => outbox.answer_failed(
                            &answer.key,
                            failure,
                            now_ms(),
                            js_sys::Math::random(),
                            &BackoffOptions::default(),
                        ),
                    });
                    if recorded {
                        super::Session::shared().refresh_mine();
                    }
                }
            }
            self.in_flight.update(|busy| {
                busy.retain(|k| k != &key);
            });
        }
        let left = self.workers.get_untracked().saturating_sub(1);
        self.workers.set(left);
        if left == 0 {
            self.wake_at_next_due();
        }
    }

    /// Sets one timer for the next waiting request.
    fn wake_at_next_due(&self) {
        if let Some(handle) = TIMER.with(Cell::take) {
            handle.clear();
        }
        let Some(due) = self.outbox.with_untracked(Outbox::next_due) else {
            return;
        };
        let store = *self;
        let wait = std::time::Duration::from_millis(due.saturating_sub(now_ms()));
        if let Ok(handle) = set_timeout_with_handle(move || store.drain(), wait) {
            TIMER.with(|t| t.set(Some(handle)));
        }
    }
}
