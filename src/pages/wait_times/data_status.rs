//! What is shown around data from the API: a skeleton while it loads, an error
//! with retry (beside the last good data and its date), the sample-data label.

use leptos::prelude::*;

use crate::i18n::use_texts;

/// Grey placeholder rows while the first answer is on its way.
#[component]
pub fn Skeleton(#[prop(default = 6)] rows: usize) -> impl IntoView {
    let t = use_texts();
    view! {
        <div class="skeleton" aria-busy="true">
            <p class="visually-hidden" role="status">{t.loading}</p>
            {(0..rows).map(|_| view! { <div class="skeleton__row"></div> }).collect_view()}
        </div>
    }
}

/// An error message with a retry button. With `stale_since`, says that the data
/// still on screen was fetched then.
#[component]
pub fn ErrorWithRetry(
    message: &'static str,
    #[prop(default = None)] stale_since: Option<String>,
    retry: Callback<()>,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <div class="notice notice--warning" role="alert">
            <p>{message}</p>
            {stale_since.map(|when| view! { <p>{(t.compare().stale_data)(&when)}</p> })}
            <button type="button" class="button button--secondary" on:click=move |_| retry.run(())>{t.retry}</button>
        </div>
    }
}

/// The label every screen of generated figures carries.
#[component]
pub fn SampleNote() -> impl IntoView {
    let t = use_texts();
    view! { <p class="notice notice--warning sample-note">{t.sample_data_note}</p> }
}
