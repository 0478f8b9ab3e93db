//! The top of "Lediga tider", drawn by the app shell at once.

use leptos::prelude::*;

use crate::components::PageHeading;
use crate::i18n::use_texts;

#[component]
pub fn FreeTimesTop() -> impl IntoView {
    let t = use_texts();
    view! {
        <PageHeading text=t.free_times_title />
        <p class="lead">{t.free_times_intro}</p>
    }
}
