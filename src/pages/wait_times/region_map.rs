//! The 21 regions as a tile map coloured by the chosen measure, and a table with
//! the same figures for keyboard and screen-reader users.

use leptos::prelude::*;
use vardkoll_domain::compare::tile_map::{COLUMNS, LEVELS, Measure, ROWS, TILES, level};
use vardkoll_domain::compare::versus_home::{VersusHome, home_wait};

use super::context::Compare;
use super::labels::{measure_text, measure_value, optional, region_name, versus_text};
use crate::i18n::use_texts;

const TILE_W: f64 = 100.0;
const TILE_H: f64 = 52.0;
const GAP: f64 = 4.0;

/// `(code, value)` for each region with a figure, in tile order.
fn region_values(compare: Compare, measure: Measure) -> Vec<(&'static str, Option<f64>)> {
    compare.figures.with(|f| {
        let regions = f.value().map(|d| d.regions.as_slice()).unwrap_or_default();
        TILES
            .iter()
            .map(|tile| {
                let value = regions
                    .iter()
                    .find(|r| r.region_code == tile.code)
                    .and_then(|r| measure.value(r));
                (tile.code, value)
            })
            .collect()
    })
}

#[component]
pub fn RegionMap() -> impl IntoView {
    let t = use_texts();
    let compare = Compare::use_context();
    let measure = Memo::new(move |_| compare.view.with(|v| v.measure));
    let values = Memo::new(move |_| region_values(compare, measure.get()));
    let home = compare.home;
    let tiles = move || {
        let measure = measure.get();
        let values = values.get();
        let known: Vec<f64> = values.iter().filter_map(|(_, v)| *v).collect();
        TILES.iter().zip(values).map(|(tile, (_, value))| {
            let x = f64::from(tile.column) * (TILE_W + GAP);
            let y = f64::from(tile.row) * (TILE_H + GAP);
            let class = match value {
                Some(v) => format!("tile tile--{}", level(measure, v, &known)),
                None => "tile tile--none".to_owned(),
            };
            let is_home = home.get().is_some_and(|h| h.as_str() == tile.code);
            let shown = value.map_or_else(|| "–".to_owned(), |v| measure_value(t, measure, v));
            view! {
                <g class=class class:tile--home=is_home>
                    <rect x=x.to_string() y=y.to_string() width=TILE_W.to_string() height=TILE_H.to_string() rx="4" />
                    <text x=(x + TILE_W / 2.0).to_string() y=(y + 21.0).to_string() text-anchor="middle" class="tile__name">{tile.label}</text>
                    <text x=(x + TILE_W / 2.0).to_string() y=(y + 40.0).to_string() text-anchor="middle" class="tile__value">{shown}</text>
                </g>
            }
        }).collect_view()
    };
    let width = f64::from(COLUMNS) * (TILE_W + GAP);
    let height = f64::from(ROWS) * (TILE_H + GAP);
    let table_rows = move || {
        let measure = measure.get();
        let home_code = home.get();
        let home_days = home_code.and_then(|h| {
            compare
                .figures
                .with(|f| f.value().and_then(|d| home_wait(&d.regions, h.as_str())))
        });
        let mut rows = values.get();
        rows.sort_by_key(|(code, _)| region_name(code));
        rows.into_iter().map(|(code, value)| {
            let is_home = home_code.is_some_and(|h| h.as_str() == code);
            let versus = (measure == Measure::EstimatedWait && home_code.is_some() && !is_home)
                .then(|| VersusHome::of(value.map(|v| v.round() as u32), home_days))
                .flatten();
            view! {
                <tr class:home-row=is_home>
                    <th scope="row">
                        {region_name(code)}
                        {is_home.then(|| view! { <span class="home-mark">{format!(" ({})", t.compare.your_region)}</span> })}
                    </th>
                    <td>{optional(t, value, |v| measure_value(t, measure, v))}</td>
                    <td>{versus.map(|v| versus_text(t, v))}</td>
                </tr>
            }
        }).collect_view()
    };
    view! {
        <section class="region-map" aria-labelledby="region-map-heading">
            <h2 id="region-map-heading">{t.compare.map_heading}</h2>
            <div class="field">
                <label for="map-measure">{t.compare.measure_label}</label>
                <select id="map-measure" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    let chosen = Measure::ALL.into_iter().find(|m| measure_text(t, *m) == value).unwrap_or_default();
                    compare.update(true, |v| v.measure = chosen);
                }>
                    {Measure::ALL.into_iter().map(|m| view! {
                        <option value=measure_text(t, m) selected=move || measure.get() == m>{measure_text(t, m)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="region-map__layout">
                <svg class="tile-map" viewBox=format!("0 0 {width} {height}") role="img"
                    aria-label=move || (t.compare.map_label)(&measure_text(t, measure.get()).to_lowercase())>
                    {tiles}
                </svg>
                <ol class="legend-scale" aria-hidden="true">
                    <li class="legend-scale__end">{t.compare.legend_better}</li>
                    {(0..LEVELS).map(|l| view! { <li class=format!("swatch tile--{l}")></li> }).collect_view()}
                    <li class="legend-scale__end">{t.compare.legend_worse}</li>
                </ol>
            </div>
            <table class="data-table">
                <caption>{move || (t.compare.regions_caption)(measure_text(t, measure.get()))}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.region_line}</th>
                        <th scope="col">{move || measure_text(t, measure.get())}</th>
                        <th scope="col">{t.compare.versus_heading}</th>
                    </tr>
                </thead>
                <tbody>{table_rows}</tbody>
            </table>
        </section>
    }
}
