//! A request not yet acknowledged: what it is for, how many attempts, and
//! "send now", "correct" (when turned down) and "remove".

use leptos::prelude::*;

use crate::components::ConfirmButton;
use crate::i18n::use_texts;
use crate::referral_fields::messages;
use crate::router::{Route, Router};
use crate::state::{OutboxStore, ReferralForm};

#[component]
pub fn WaitingCard(key: String) -> impl IntoView {
    let t = use_texts();
    let r = &t.referral;
    let outbox = OutboxStore::use_context();
    let form = ReferralForm::use_context();
    let router = Router::use_context();
    let key = StoredValue::new(key);
    let pending = Memo::new(move |_| {
        outbox
            .outbox()
            .with(|o| o.pending(&key.get_value()).cloned())
    });
    let correct = move |_| {
        if let Some(pending) = pending.get_untracked() {
            form.correct(pending.key.clone(), &pending.request);
            router.navigate(Route::Referral, "");
        }
    };
    move || {
        pending.get().map(|p| {
            let rejected = p.rejected.clone();
            let state = if rejected.is_some() { "rejected" } else { "waiting" };
            view! {
                <article class="card request" data-state=state>
                    <h3>{p.label.service.clone()}</h3>
                    <p>{p.label.providers.join(" · ")}</p>
                    <p class="status status--warning">
                        <span class="status__symbol" aria-hidden="true">"!"</span>
                        {if p.rejected.is_some() { r.rejected } else { r.waiting }}
                    </p>
                    {rejected.map(|problems| view! {
                        <ul>{messages(&problems, t).into_iter().map(|(_, m)| view! { <li>{m}</li> }).collect_view()}</ul>
                        <button type="button" class="button" on:click=correct>{r.correct}</button>
                    })}
                    <p>{(r.attempts)(p.failures)}</p>
                    {p.rejected.is_none().then(|| view! {
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
