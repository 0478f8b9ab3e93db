//! The top of "Vårdlotsen", drawn by the app shell at once.

use leptos::prelude::*;

use crate::components::PageHeading;
use crate::i18n::use_texts;

#[component]
pub fn NavigatorTop() -> impl IntoView {
    let t = use_texts();
    view! {
        <PageHeading text=t.navigator_title />
        <p class="lead">{t.navigator_intro}</p>
    }
}
