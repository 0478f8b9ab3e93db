//! "Väntetider": compare wait times for a chosen service between providers and
//! regions, against the patient's home region, with trends and a map. Every
//! view state is in the URL; the logic is in `vardkoll_domain::compare`.

mod context;
mod data_status;
mod filters;
mod home_region;
mod labels;
mod provider_rows;
mod provider_table;
mod region_map;
mod regional_figures;
mod row_cells;
mod service_picker;
mod top;
mod trend_panel;

use leptos::prelude::*;
use vardkoll_domain::compare::versus_home::home_wait;

use crate::components::AfterPaint;
use crate::i18n::use_texts;
use context::Compare;
use data_status::{ErrorWithRetry, SampleNote, Skeleton, SourceList};
use filters::Filters;
use home_region::HomeRegionPicker;
use labels::{error_text, region_name, regions_note};
use provider_table::ProviderTable;
use region_map::RegionMap;
use regional_figures::RegionalFigures;
use service_picker::ServicePicker;
pub use top::WaitTimesTop;
use trend_panel::TrendPanel;

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

/// "Väntetider" below its heading and lead ([`WaitTimesTop`], drawn by the app
/// shell above this page's split point, shown while it loads).
#[component]
pub fn WaitTimesPage() -> impl IntoView {
    let t = use_texts();
    let compare = Compare::provide();
    let chosen = compare.select(|v| v.service.is_some());
    let has_data = Memo::new(move |_| compare.figures.with(|f| f.data.is_some()));
    let catalogue_error = move || {
        compare.providers.with(|p| p.error.clone()).map(|error| view! {
            <ErrorWithRetry message=error_text(t, &error) retry=Callback::new(move |_| compare.load_catalogue()) />
        })
    };
    view! {
        <HomeRegionPicker />
        <ServicePicker />
        {catalogue_error}
        {move || if !chosen.get() {
            view! { <p class="notice">{t.compare().choose_service}</p> }.into_any()
        } else {
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
                // Below the table: drawn in a task of its own once the table is on screen.
                {move || has_data.get().then(|| view! { <AfterPaint><RegionMap /></AfterPaint> })}
            }.into_any()
        }}
    }
}
