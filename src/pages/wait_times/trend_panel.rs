//! A provider's and its region's estimated wait over the last 24 months: a small
//! SVG chart, a sentence saying which way it went, and the numbers in a table.

use leptos::prelude::*;
use vardkoll_domain::compare::trend::{axis_top, change, chart};

use super::context::{Compare, Trend};
use super::data_status::{ErrorWithRetry, Skeleton};
use super::labels::{error_text, optional, region_name};
use crate::i18n::use_texts;

const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 120.0;

#[component]
fn Chart(trend: std::sync::Arc<Trend>, provider: String, region: String) -> impl IntoView {
    let t = use_texts();
    let max = axis_top(&[&trend.provider, &trend.region]);
    let own = chart(&trend.provider, WIDTH, HEIGHT, max);
    let whole = chart(&trend.region, WIDTH, HEIGHT, max);
    let summary = change(&trend.provider).map(|(first, last, _)| {
        (t.compare.trend_summary)(
            &first.period.to_string(),
            first.days.unwrap_or(0),
            &last.period.to_string(),
            last.days.unwrap_or(0),
        )
    });
    let first = trend
        .provider
        .first()
        .map(|p| p.period.to_string())
        .unwrap_or_default();
    let last = trend
        .provider
        .last()
        .map(|p| p.period.to_string())
        .unwrap_or_default();
    let region_label = (t.compare.region_series)(&region);
    let rows: Vec<_> = trend
        .provider
        .iter()
        .map(|p| {
            let region_days = trend
                .region
                .iter()
                .find(|r| r.period == p.period)
                .and_then(|r| r.days);
            (
                p.period.to_string(),
                optional(t, p.days, t.days),
                optional(t, region_days, t.days),
            )
        })
        .collect();
    view! {
        <p>{summary.unwrap_or_else(|| t.compare.trend_no_data.to_owned())}</p>
        <figure class="trend-chart">
            <svg viewBox=format!("-40 -10 {} {}", WIDTH + 50.0, HEIGHT + 30.0) role="img" aria-labelledby="trend-summary" focusable="false">
                <line class="axis" x1="0" y1=HEIGHT.to_string() x2=WIDTH.to_string() y2=HEIGHT.to_string() />
                <line class="axis" x1="0" y1="0" x2="0" y2=HEIGHT.to_string() />
                <text class="axis-label" x="-6" y="4" text-anchor="end">{max.to_string()}</text>
                <text class="axis-label" x="-6" y=HEIGHT.to_string() text-anchor="end">"0"</text>
                <text class="axis-label" x="0" y=(HEIGHT + 18.0).to_string()>{first}</text>
                <text class="axis-label" x=WIDTH.to_string() y=(HEIGHT + 18.0).to_string() text-anchor="end">{last}</text>
                {whole.into_iter().map(|points| view! { <polyline class="line line--region" points=points /> }).collect_view()}
                {own.into_iter().map(|points| view! { <polyline class="line line--provider" points=points /> }).collect_view()}
            </svg>
            <figcaption id="trend-summary">
                <span class="legend legend--provider">{provider.clone()}</span>
                <span class="legend legend--region">{region_label.clone()}</span>
            </figcaption>
        </figure>
        <details class="trend-numbers">
            <summary>{t.compare.trend_numbers}</summary>
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{t.compare.month_column}</th>
                        <th scope="col">{provider}</th>
                        <th scope="col">{region_label}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|(month, own, whole)| view! {
                        <tr><th scope="row">{month}</th><td>{own}</td><td>{whole}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}

#[component]
pub fn TrendPanel() -> impl IntoView {
    let t = use_texts();
    let compare = Compare::use_context();
    let trend = compare.trend;
    let trend_id = compare.select(|v| v.trend.clone());
    let names = move || {
        let id = trend_id.get()?;
        compare.providers.with(|p| {
            let provider = p.value()?.iter().find(|x| x.id == id)?;
            Some((provider.name.clone(), region_name(&provider.region_code)))
        })
    };
    move || {
        let (provider, region) = names()?;
        Some(view! {
            <section class="trend-panel" aria-labelledby="trend-heading">
                <h2 id="trend-heading" tabindex="-1">{(t.compare.trend_heading)(&provider)}</h2>
                {move || trend.with(|state| match (state.value(), &state.error) {
                    (_, Some(error)) => view! {
                        <ErrorWithRetry message=error_text(t, error)
                            retry=Callback::new(move |_| compare.load_trend(compare.view.with_untracked(|v| v.service.clone().zip(v.trend.clone())))) />
                    }.into_any(),
                    // Only the figures of the provider asked for, never an earlier one's.
                    (Some(data), None) if !state.loading && trend_id.with(|id| id.as_deref() == Some(data.provider_id.as_str())) => {
                        view! { <Chart trend=data.clone() provider=provider.clone() region=region.clone() /> }.into_any()
                    }
                    _ => view! { <Skeleton rows=4 /> }.into_any(),
                })}
                <button type="button" class="button button--secondary" on:click=move |_| compare.update(true, |v| v.trend = None)>
                    {t.compare.close_trend}
                </button>
            </section>
        })
    }
}
