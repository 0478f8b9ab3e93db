//! The top of "Väntetider": its heading and what the page is for, drawn by the
//! app shell at once; the page's split point draws the rest below it (see
//! [`super::WaitTimesPage`]).

use leptos::prelude::*;

use crate::components::PageHeading;
use crate::i18n::use_texts;

#[component]
pub fn WaitTimesTop() -> impl IntoView {
    let t = use_texts();
    view! {
        <PageHeading text=t.wait_times_title />
        <p class="lead">{t.wait_times_intro}</p>
    }
}
