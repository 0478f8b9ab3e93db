//! The receipt of a request: waiting to be sent, turned down (with what to
//! correct), or received with its reference number and what happens next.
//! Printable: the page's print styles leave only the receipt.

use leptos::prelude::*;

use super::rejected::Rejected;
use crate::i18n::{swedish_time, use_texts};
use crate::router::{Link, Route};
use crate::state::OutboxStore;

#[component]
pub fn Receipt(key: String) -> impl IntoView {
    let t = use_texts();
    let r = t.referral();
    let outbox = OutboxStore::use_context();
    let key = StoredValue::new(key);
    let pending = Memo::new(move |_| outbox.pending(&key.get_value()));
    let sent = Memo::new(move |_| outbox.sent_with_key(&key.get_value()));
    let print = move |_| {
        let _ = window().print();
    };

    let waiting = move || {
        let pending = pending.get()?;
        Some(match pending.rejected {
            Some(_) => view! {
                <div class="notice notice--warning" role="alert">
                    <p><strong>{r.rejected}</strong></p>
                    <Rejected pending=pending />
                </div>
            }
            .into_any(),
            None => {
                let sending = move || outbox.sending(&key.get_value());
                view! {
                    <div class="receipt__status" role="status" data-state="waiting">
                        <p><strong>{move || if sending() { r.sending } else { r.waiting }}</strong></p>
                        <p>{r.waiting_detail}</p>
                        <p hidden=move || outbox.online()>{r.offline_detail}</p>
                        <button type="button" class="button button--secondary" on:click=move |_| outbox.send_now()>
                            {r.send_now}
                        </button>
                    </div>
                }
                .into_any()
            }
        })
    };
    let received = move || {
        let sent = sent.get()?;
        Some(view! {
            <div class="receipt__status" role="status" data-state="received">
                <p><strong>{r.received}</strong></p>
                <dl class="facts">
                    <dt>{r.reference_label}</dt>
                    <dd class="receipt__reference">{sent.reference.clone()}</dd>
                    <dt>{r.received_at_label}</dt>
                    <dd><time datetime=sent.created_at.clone() dir="ltr">{swedish_time(&sent.created_at)}</time></dd>
                    <dt>{r.service_term}</dt>
                    <dd>{sent.label.service.clone()}</dd>
                    <dt>{r.providers_term}</dt>
                    <dd><ol>{sent.label.providers.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ol></dd>
                </dl>
                <h3>{r.next_heading}</h3>
                <p>{r.next_steps}</p>
                <button type="button" class="button button--secondary no-print" on:click=print>{r.print}</button>
            </div>
        })
    };
    view! {
        <section class="card receipt" aria-labelledby="receipt-heading">
            <h2 id="receipt-heading">{r.receipt_heading}</h2>
            {waiting}
            {received}
            {move || (pending.get().is_none() && sent.get().is_none()).then(|| view! {
                <p>{t.no_requests}</p>
            })}
        </section>
        <p class="no-print">
            <Link route=Route::Requests>{t.nav_requests}</Link>
            " · "
            <Link route=Route::Referral>{r.new_request}</Link>
        </p>
    }
}
