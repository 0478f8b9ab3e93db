//! What to do when a deadline will be or has been missed.

use leptos::prelude::*;

use crate::i18n::use_texts;

#[component]
pub fn Advice(target: bool) -> impl IntoView {
    let t = use_texts();
    view! {
        <aside class="advice" aria-label=t.advice_heading>
            <h4>{t.advice_heading}</h4>
            <ol>
                <li>{t.advice_clinic}</li>
                <li>{t.advice_office}</li>
                <li>{t.advice_costs}</li>
            </ol>
            {target.then(|| view! { <p>{t.advice_target}</p> })}
        </aside>
    }
}
