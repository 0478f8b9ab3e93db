//! "Väntetider": compare wait times for a chosen service between providers and
//! regions, against the patient's home region, with trends and a map. Every
//! view state is in the URL; the logic is in `vardkoll_domain::compare`.

mod comparison;
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

use crate::components::{Draw, LazyView};
use crate::i18n::use_texts;
use crate::split_point;
use comparison::Comparison;
use context::Compare;
use data_status::ErrorWithRetry;
use home_region::HomeRegionPicker;
use labels::error_text;
use service_picker::ServicePicker;
pub use top::WaitTimesTop;

/// "Väntetider" below its heading and lead ([`WaitTimesTop`], drawn by the app
/// shell above this page's split point, shown while it loads).
#[component]
pub fn WaitTimesPage() -> impl IntoView {
    let t = use_texts();
    let compare = Compare::provide();
    let chosen = compare.select(|v| v.service.is_some());
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
            view! { <LazyView load=|| Box::pin(comparison_part()) /> }.into_any()
        }}
    }
}

split_point! {
    /// The comparison for the chosen service ([`Comparison`]).
    fn comparison_part() -> Draw, split part_wait_times_comparison {
        || {
            view! { <Comparison /> }.into_any()
        }
    }
}
