//! "Mina förfrågningar": requests waiting to be sent and sent ones with their
//! status and history, refreshed when the page opens and when the tab regains
//! focus.

mod answer_offer;
mod booked_time;
mod sent_card;
mod top;
mod waiting_card;

use leptos::prelude::*;

use crate::i18n::use_texts;
use crate::router::{Link, Route};
use crate::state::{Catalogue, OutboxStore, Session};
use sent_card::SentCard;
use waiting_card::WaitingCard;

pub use top::{NoRequests, RequestsTop};

#[component]
pub fn RequestsPage() -> impl IntoView {
    let t = use_texts();
    let r = t.referral();
    let outbox = OutboxStore::use_context();
    let session = Session::use_context();
    // Names of services and providers for the cards (an offer names its provider).
    provide_context(Catalogue::load());
    let refresh = move || {
        outbox.refresh();
        session.refresh_mine();
        outbox.claim_sent();
    };
    outbox.reload();
    refresh();
    let focus = window_event_listener(leptos::ev::focus, move |_| refresh());
    // `visibilitychange` bubbles from the document to the window.
    let visibility = window_event_listener_untyped("visibilitychange", move |_| {
        if !document().hidden() {
            refresh();
        }
    });
    on_cleanup(move || {
        focus.remove();
        visibility.remove();
    });
    let waiting_keys = Memo::new(move |_| {
        outbox
            .outbox()
            .with(|o| o.pending.iter().map(|p| p.key.clone()).collect::<Vec<_>>())
    });
    // This browser's sent requests, newest first, then the signed-in
    // patient's others from the server (sent from another device).
    let sent_references = Memo::new(move |_| {
        let mut references = outbox.outbox().with(|o| {
            o.sent
                .iter()
                .rev()
                .map(|s| s.reference.clone())
                .collect::<Vec<_>>()
        });
        for view in session.mine().unwrap_or_default() {
            if !references.contains(&view.reference) {
                references.push(view.reference);
            }
        }
        references
    });
    // "No requests" is said by the page's top ([`RequestsTop`], drawn by the
    // app shell), from what the outbox holds.
    if let Some(NoRequests(none)) = NoRequests::use_context() {
        Effect::new(move |_| {
            none.set(waiting_keys.with(Vec::is_empty) && sent_references.with(Vec::is_empty))
        });
    }
    // Below the heading and lead ([`RequestsTop`], drawn by the app shell).
    view! {
        <p class="notice notice--warning" role="alert" hidden=move || !outbox.save_failed()>{r.save_failed}</p>
        <section aria-labelledby="waiting-heading" hidden=move || waiting_keys.with(Vec::is_empty)>
            <h2 id="waiting-heading">{r.waiting_heading}</h2>
            <p hidden=move || outbox.online()>{r.offline_detail}</p>
            <For each=move || waiting_keys.get() key=|k| k.clone() let:key>
                <WaitingCard key=key />
            </For>
        </section>
        <section aria-labelledby="sent-heading" hidden=move || sent_references.with(Vec::is_empty)>
            <h2 id="sent-heading">{r.sent_heading}</h2>
            <For each=move || sent_references.get() key=|k| k.clone() let:reference>
                <SentCard reference=reference />
            </For>
        </section>
        <p><Link route=Route::Referral>{r.new_request}</Link></p>
    }
}
