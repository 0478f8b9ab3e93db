//! The top of "Väntetider": its heading and what the page is for. The app shell
//! draws it above the page's chunk, so the patient reads it while the chunk
//! loads; the chunk draws the rest (see [`super::WaitTimesPage`]).

use leptos::prelude::*;

use crate::components::PageHeading;
use crate::i18n::use_texts;

#[component]
pub fn WaitTimesIntro() -> impl IntoView {
    let t = use_texts();
    view! {
        <PageHeading text=t.wait_times_title />
        <p class="lead">{t.wait_times_intro}</p>
    }
}
