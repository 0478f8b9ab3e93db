//! A request the server turned down: what to correct, and a button that opens
//! it in the form. Shown on the receipt and in "Mina förfrågningar".

use leptos::prelude::*;
use vardkoll_domain::referral::Pending;

use crate::i18n::use_texts;
use crate::referral_fields::messages;
use crate::router::{Route, Router};
use crate::state::ReferralForm;

#[component]
pub fn Rejected(pending: Pending) -> impl IntoView {
    let t = use_texts();
    let r = t.referral();
    let form = ReferralForm::use_context();
    let router = Router::use_context();
    let list = messages(pending.rejected.as_deref().unwrap_or_default(), t);
    let pending = StoredValue::new(pending);
    let correct = move |_| {
        pending.with_value(|p| form.correct(p.key.clone(), &p.request, &p.label));
        router.navigate(Route::Referral, "");
    };
    view! {
        {list.is_empty().then(|| view! { <p>{r.rejected_without_details}</p> })}
        <ul>{list.into_iter().map(|(_, m)| view! { <li>{m}</li> }).collect_view()}</ul>
        <button type="button" class="button" on:click=correct>{r.correct}</button>
    }
}
