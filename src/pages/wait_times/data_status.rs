//! What is shown around data from the API: a skeleton while it loads, an error
//! with retry (beside the last good data and its date), the sample-data label,
//! the sources of the figures.

use leptos::prelude::*;
use vardkoll_domain::api::Source;

use super::labels::{source_licence, source_name};
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

/// The sources of the figures shown, each with its licence; a link only to an
/// https address (text from the API, rendered as text).
#[component]
pub fn SourceList(sources: Vec<Source>) -> impl IntoView {
    let t = use_texts();
    let c = t.compare();
    (!sources.is_empty()).then(|| {
        let items = sources
            .into_iter()
            .map(|source| {
                let licence = (c.licence)(source_licence(t, &source));
                let name = source_name(t, &source).to_owned();
                let name = match source.url.filter(|url| url.starts_with("https://")) {
                    Some(url) => view! { <a href=url rel="noopener">{name}</a> }.into_any(),
                    None => view! { <span>{name}</span> }.into_any(),
                };
                view! { <li>{name}" ("{licence}")"</li> }
            })
            .collect_view();
        view! {
            <div class="hint sources">
                <p class="sources__label">{c.sources_label}":"</p>
                <ul class="sources__list">{items}</ul>
            </div>
        }
    })
}
