//! The top of "Mina vårdgarantier", drawn by the app shell at once: the heading
//! and what the page is for. The page's split point draws the rest below it
//! (see [`super::GuaranteesPage`]).

use leptos::prelude::*;

use crate::components::PageHeading;
use crate::i18n::use_texts;

#[component]
pub fn GuaranteesTop() -> impl IntoView {
    let t = use_texts();
    view! {
        <PageHeading text=t.guarantees_title />
        <p class="lead">{t.guarantees_intro}</p>
    }
}
