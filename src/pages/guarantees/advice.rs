//! What to do when a deadline will be or has been missed.

use leptos::prelude::*;
use vardkoll_domain::rules::Binding;

use crate::i18n::use_texts;

/// The law's advice, or what applies under the BUP target ([`crate::i18n::Texts::advice`]).
#[component]
pub fn Advice(binding: Binding) -> impl IntoView {
    let advice = use_texts().advice(binding);
    view! {
        <aside class="advice" aria-label=advice.heading>
            <h4>{advice.heading}</h4>
            <ol>
                {advice.steps.iter().map(|step| view! { <li>{*step}</li> }).collect_view()}
            </ol>
            {advice.note.map(|note| view! { <p>{note}</p> })}
        </aside>
    }
}
