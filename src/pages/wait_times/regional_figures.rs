//! The home region's own figures (Kolada), beside the units' figures: for the
//! chosen service's kind of care, the newest published value of each key
//! figure, its year and its source. Nothing when none are published.

use leptos::prelude::*;
use leptos::task::spawn_local;
use vardkoll_domain::api::{RegionalFiguresPage, newest_for};

use super::context::Compare;
use super::data_status::SourceList;
use super::labels::region_name;
use crate::i18n::use_texts;
use crate::platform::api;

#[component]
pub fn RegionalFigures() -> impl IntoView {
    let t = use_texts();
    let c = t.compare();
    let compare = Compare::use_context();
    // The home region's figures, fetched when it changes (a plain signal and a
    // task: no resource machinery in this page's download for one small call).
    let figures = RwSignal::new(None::<RegionalFiguresPage>);
    Effect::new(move |_| {
        let Some(region) = compare.home.get() else {
            figures.set(None);
            return;
        };
        spawn_local(async move {
            let answer = api::regional_figures(region.as_str()).await.ok();
            if compare.home.get_untracked() == Some(region) {
                figures.set(answer);
            }
        });
    });
    let care = move || {
        let code = compare.view.with(|v| v.service.clone())?;
        compare.services.with(|s| {
            s.value()?
                .iter()
                .find(|service| service.code == code)
                .map(|service| service.category)
        })
    };
    move || {
        let page: RegionalFiguresPage = figures.get()?;
        let region = compare.home.get()?;
        let shown = newest_for(&page.figures, region.as_str(), care()?);
        if shown.is_empty() {
            return None;
        }
        let rows = shown
            .into_iter()
            .map(|(kpi, figure)| {
                let value = figure
                    .value
                    .map(|v| (t.days)(v.round() as u32))
                    .unwrap_or_default();
                view! {
                    <dt>{(c.kpi_label)(kpi.measure)}</dt>
                    <dd>{(c.regional_value)(&value, figure.year)}</dd>
                }
            })
            .collect_view();
        Some(view! {
            <section class="regional-figures" aria-labelledby="regional-figures-heading">
                <h3 id="regional-figures-heading">{(c.regional_heading)(&region_name(region.as_str()))}</h3>
                <dl>{rows}</dl>
                <SourceList sources=page.sources.clone() />
            </section>
        })
    }
}
