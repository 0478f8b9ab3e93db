//! The comparison for the chosen service: its figures' status, the home
//! region's figure, the regions, the providers' table, the trend and the map.
//! A split point of its own (see [`super::comparison_part`]): its code loads
//! while the figures are fetched, so the page opens with only the pickers.

use leptos::prelude::*;
use vardkoll_domain::compare::versus_home::home_wait;

use super::context::Compare;
use super::data_status::{ErrorWithRetry, SampleNote, Skeleton, SourceList};
use super::filters::Filters;
use super::labels::{error_text, region_name, regions_note};
use super::provider_table::ProviderTable;
use super::region_map::RegionMap;
use super::regional_figures::RegionalFigures;
use super::trend_panel::TrendPanel;
use crate::components::WhenNear;
use crate::i18n::use_texts;

/// Loading, error with retry and the sample-data label for the chosen service.
#[component]
fn FiguresStatus() -> impl IntoView {
    let t = use_texts();
    let compare = Compare::use_context();
    let retry = Callback::new(move |_| {
        compare.show_service(compare.view.with_untracked(|v| v.service.clone()), true);
    });
    move || {
        compare.figures.with(|f| match (&f.data, &f.error) {
            (data, Some(error)) => view! {
                <ErrorWithRetry message=error_text(t, error) stale_since=data.as_ref().map(|d| d.fetched_at.clone()) retry=retry />
            }
            .into_any(),
            (None, None) => view! { <Skeleton /> }.into_any(),
            (Some(data), None) => view! {
                {data.value.sample_data.then(|| view! { <SampleNote /> })}
                <p class="hint fetched">{(t.compare().fetched_label)(&data.fetched_at)}</p>
                <SourceList sources=data.value.sources.clone() />
            }
            .into_any(),
        })
    }
}

/// The home region's own figure, which every other figure is compared with.
#[component]
fn HomeSummary() -> impl IntoView {
    let t = use_texts();
    let compare = Compare::use_context();
    move || {
        let home = compare.home.get()?;
        let (days, note) = compare.figures.with(|f| {
            let data = f.value()?;
            let days = home_wait(&data.regions, home.as_str())?;
            Some((days, regions_note(t, &data.regions, &data.sources)))
        })?;
        let note = note.map(|n| format!(" ({n})")).unwrap_or_default();
        Some(view! {
            <p class="home-summary">{(t.compare().home_wait)(&region_name(home.as_str()), days)}{note}</p>
        })
    }
}

/// Everything below the pickers once a service is chosen.
#[component]
pub fn Comparison() -> impl IntoView {
    let t = use_texts();
    let compare = Compare::use_context();
    let has_data = Memo::new(move |_| compare.figures.with(|f| f.data.is_some()));
    view! {
        <div class="comparison" aria-live="polite" aria-busy=move || compare.figures.with(|f| f.loading).to_string()>
            <FiguresStatus />
            <HomeSummary />
            <RegionalFigures />
        </div>
        <section class="providers" aria-labelledby="providers-heading">
            <h2 id="providers-heading">{t.compare().providers_heading}</h2>
            <Filters />
            {move || has_data.get().then(|| view! { <ProviderTable /> })}
        </section>
        <TrendPanel />
        // Below the table: drawn only when the patient comes near it.
        {move || has_data.get().then(|| view! { <WhenNear><RegionMap /></WhenNear> })}
    }
}
