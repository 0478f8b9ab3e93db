//! A request not yet acknowledged: what it is for, how many attempts, and
//! "send now", "correct" (when turned down) and "remove".

use leptos::prelude::*;

use crate::components::ConfirmButton;
use crate::i18n::use_texts;
use crate::pages::referral::Rejected;
use crate::state::OutboxStore;

#[component]
pub fn WaitingCard(key: String) -> impl IntoView {
    let t = use_texts();
    let r = t.referral();
    let outbox = OutboxStore::use_context();
    let key = StoredValue::new(key);
    let pending = Memo::new(move |_| outbox.pending(&key.get_value()));
    move || {
        pending.get().map(|p| {
            let rejected = p.rejected.is_some();
            let state = if rejected { "rejected" } else { "waiting" };
            view! {
                <article class="card request" data-state=state>
                    <h3>{p.label.service.clone()}</h3>
                    <p>{p.label.providers.join(" · ")}</p>
                    <p class="status status--warning">
                        <span class="status__symbol" aria-hidden="true">"!"</span>
                        {if rejected { r.rejected } else { r.waiting }}
                    </p>
                    {rejected.then(|| view! { <Rejected pending=p.clone() /> })}
                    {p.needs_sign_in.then(|| view! { <p class="request__sign-in">{r.needs_sign_in}</p> })}
                    <p>{(r.attempts)(p.failures)}</p>
                    {(!rejected).then(|| view! {
                        <button type="button" class="button button--secondary" on:click=move |_| outbox.send_now()>
                            {r.send_now}
                        </button>
                    })}
                    <ConfirmButton label=r.remove warning=r.confirm_remove confirm=r.confirm_remove_yes
                        cancel=t.cancel on_confirm=move |_| outbox.remove(&key.get_value()) />
                </article>
            }
        })
    }
}
