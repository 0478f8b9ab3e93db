//! A provider's (with its region's) or a region's estimated wait over the last 24 months: a small
//! SVG chart, a sentence saying which way it went, and the numbers in a table.

use leptos::prelude::*;
use vardkoll_domain::compare::trend::{axis_top, change, chart};
use vardkoll_domain::compare::view_state::TrendSubject;

use super::context::{Compare, Trend};
use super::data_status::{ErrorWithRetry, Skeleton, SourceList};
use super::labels::{error_text, optional, region_name};
use crate::i18n::use_texts;

// The chart's box, in whole SVG units (written without float formatting).
const WIDTH: u32 = 320;
const HEIGHT: u32 = 120;

/// The chart of `trend.own` (named `name`), with `region` (its region's line) for a provider.
#[component]
fn Chart(trend: std::sync::Arc<Trend>, name: String, region: Option<String>) -> impl IntoView {
    let t = use_texts();
    let none = Vec::new();
    let whole_points = trend.region.as_ref().unwrap_or(&none);
    let max = axis_top(&[&trend.own, whole_points]);
    let (width, height) = (f64::from(WIDTH), f64::from(HEIGHT));
    let own = chart(&trend.own, width, height, max);
    let whole = chart(whole_points, width, height, max);
    let summary = change(&trend.own).map(|(first, last, _)| {
        (t.compare().trend_summary)(
            &first.period.to_string(),
            first.days.unwrap_or(0),
            &last.period.to_string(),
            last.days.unwrap_or(0),
        )
    });
    let period = |p: Option<&vardkoll_domain::compare::trend::TrendPoint>| {
        p.map(|p| p.period.to_string()).unwrap_or_default()
    };
    let (first, last) = (period(trend.own.first()), period(trend.own.last()));
    let region_label = region.map(|r| (t.compare().region_series)(&r));
    let rows: Vec<_> = trend
        .own
        .iter()
        .map(|p| {
            let region_days = whole_points
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
    let with_region = region_label.is_some();
    view! {
        <p id="trend-summary">{summary.unwrap_or_else(|| t.compare().trend_no_data.to_owned())}</p>
        <figure class="trend-chart">
            <svg viewBox=format!("-40 -10 {} {}", WIDTH + 50, HEIGHT + 30) role="img" aria-labelledby="trend-summary" focusable="false">
                <line class="axis" x1="0" y1=HEIGHT.to_string() x2=WIDTH.to_string() y2=HEIGHT.to_string() />
                <line class="axis" x1="0" y1="0" x2="0" y2=HEIGHT.to_string() />
                <text class="axis-label" x="-6" y="4" text-anchor="end">{max.to_string()}</text>
                <text class="axis-label" x="-6" y=HEIGHT.to_string() text-anchor="end">"0"</text>
                <text class="axis-label" x="0" y=(HEIGHT + 18).to_string()>{first}</text>
                <text class="axis-label" x=WIDTH.to_string() y=(HEIGHT + 18).to_string() text-anchor="end">{last}</text>
                {whole.into_iter().map(|points| view! { <polyline class="line line--region" points=points /> }).collect_view()}
                {own.into_iter().map(|points| view! { <polyline class="line line--provider" points=points /> }).collect_view()}
            </svg>
            <figcaption>
                <span class="legend legend--provider">{name.clone()}</span>
                {region_label.clone().map(|label| view! { <span class="legend legend--region">{label}</span> })}
            </figcaption>
        </figure>
        <SourceList sources=trend.sources.clone() />
        <details class="trend-numbers">
            <summary>{t.compare().trend_numbers}</summary>
            <div class="table-scroll" tabindex="0" role="region" aria-label=t.compare().trend_numbers>
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{t.compare().month_column}</th>
                        <th scope="col">{name}</th>
                        {region_label.map(|label| view! { <th scope="col">{label}</th> })}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|(month, own, whole)| view! {
                        <tr><th scope="row">{month}</th><td>{own}</td>{with_region.then(|| view! { <td>{whole}</td> })}</tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </details>
    }
}

/// Moves focus to the trend once it is drawn, so keyboard and screen-reader
/// users land on what they asked for (the panel is above the map's table).
pub fn focus_trend_heading() {
    request_animation_frame(|| crate::platform::host::focus_by_id("trend-heading"));
}

#[component]
pub fn TrendPanel() -> impl IntoView {
    let t = use_texts();
    let compare = Compare::use_context();
    let trend = compare.trend;
    let subject = compare.select(|v| v.trend_subject());
    // The chart's name and, for a provider, its region's name.
    let names = move || match subject.get()? {
        TrendSubject::Provider(id) => compare.providers.with(|p| {
            let provider = p.value()?.iter().find(|x| x.id == id)?;
            Some((
                provider.name.clone(),
                Some(region_name(&provider.region_code)),
            ))
        }),
        TrendSubject::Region(code) => Some((region_name(&code), None)),
    };
    move || {
        let (name, region) = names()?;
        Some(view! {
            <section class="trend-panel" aria-labelledby="trend-heading">
                <h2 id="trend-heading" tabindex="-1">{(t.compare().trend_heading)(&name)}</h2>
                {move || trend.with(|state| match (state.value(), &state.error) {
                    (_, Some(error)) => view! {
                        <ErrorWithRetry message=error_text(t, error)
                            retry=Callback::new(move |_| compare.load_trend(compare.view.with_untracked(|v| v.service.clone().zip(v.trend_subject())))) />
                    }.into_any(),
                    // Only the figures asked for, never an earlier choice's.
                    (Some(data), None) if !state.loading && subject.with(|s| s.as_ref() == Some(&data.of)) => {
                        view! { <Chart trend=data.clone() name=name.clone() region=region.clone() /> }.into_any()
                    }
                    _ => view! { <Skeleton rows=4 /> }.into_any(),
                })}
                <button type="button" class="button button--secondary" on:click=move |_| compare.update(true, |v| {
                    v.trend = None;
                    v.region_trend = None;
                })>
                    {t.compare().close_trend}
                </button>
            </section>
        })
    }
}
