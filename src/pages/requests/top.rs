//! The top of "Mina förfrågningar", drawn by the app shell at once: the heading
//! and what the page is for. The page's split point draws the rest below it
//! (see [`super::RequestsPage`]).

use leptos::prelude::*;

use crate::components::PageHeading;
use crate::i18n::use_texts;

#[component]
pub fn RequestsTop() -> impl IntoView {
    let t = use_texts();
    view! {
        <PageHeading text=t.nav_requests />
        <p class="lead">{t.requests_intro}</p>
    }
}
