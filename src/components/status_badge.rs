//! A status shown as text and a symbol, not by colour alone.

use leptos::prelude::*;

use crate::timeline_view::Tone;

#[component]
pub fn StatusBadge(tone: Tone, text: &'static str) -> impl IntoView {
    view! {
        <span class=tone.class()>
            <span class="status__symbol" aria-hidden="true">{tone.symbol()}</span>
            {text}
        </span>
    }
}
