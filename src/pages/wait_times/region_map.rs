//! The 21 regions as a tile map coloured by the chosen measure, and a table with
//! the same figures for keyboard and screen-reader users.

use leptos::prelude::*;
use vardkoll_domain::compare::tile_map::{COLUMNS, LEVELS, Measure, ROWS, TILES, level};
use vardkoll_domain::compare::versus_home::{VersusHome, home_wait};

use super::context::Compare;
use super::labels::{
    measure_text, measure_value, optional, region_name, regions_note, versus_text,
};
use super::trend_panel::focus_trend_heading;
use crate::components::AfterPaint;
use crate::i18n::use_texts;
use vardkoll_domain::collate;

const TILE_W: u32 = 100;
const TILE_H: u32 = 52;
const GAP: u32 = 4;

/// What one region shows: its colour step, its figure, and how it compares
/// with the home region.
#[derive(Clone, Debug, PartialEq)]
struct Cell {
    class: &'static str,
    shown: String,
    versus: Option<String>,
    is_home: bool,
}

const LEVEL_CLASSES: [&str; LEVELS as usize] = [
    "tile tile--0",
    "tile tile--1",
    "tile tile--2",
    "tile tile--3",
    "tile tile--4",
];

#[component]
pub fn RegionMap() -> impl IntoView {
    let t = use_texts();
    let compare = Compare::use_context();
    let measure = compare.select(|v| v.measure);
    let home = compare.home;
    // One memo for all 21 regions; the tiles and rows below are drawn once and
    // only their classes and texts follow it.
    let cells = Memo::new(move |_| {
        let measure = measure.get();
        let home = home.get();
        compare.figures.with(|f| {
            let regions = f.value().map(|d| d.regions.as_slice()).unwrap_or_default();
            let values: Vec<Option<f64>> = TILES
                .iter()
                .map(|tile| {
                    regions
                        .iter()
                        .find(|r| r.region_code == tile.code)
                        .and_then(|r| measure.value(r))
                })
                .collect();
            let known: Vec<f64> = values.iter().flatten().copied().collect();
            let home_days = home.and_then(|h| home_wait(regions, h.as_str()));
            TILES
                .iter()
                .zip(values)
                .map(|(tile, value)| {
                    let is_home = home.is_some_and(|h| h.as_str() == tile.code);
                    let versus = (measure == Measure::EstimatedWait && home.is_some() && !is_home)
                        .then(|| VersusHome::of(value.map(|v| v.round() as u32), home_days))
                        .flatten()
                        .map(|v| versus_text(t, v));
                    Cell {
                        class: value.map_or("tile tile--none", |v| {
                            LEVEL_CLASSES[usize::from(level(measure, v, &known))]
                        }),
                        shown: optional(t, value, |v| measure_value(t, measure, v)),
                        versus,
                        is_home,
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    let cell = move |i: usize| cell_at(cells, i);
    let tiles = TILES.iter().enumerate().map(|(i, tile)| {
        let (x, y) = (u32::from(tile.column) * (TILE_W + GAP), u32::from(tile.row) * (TILE_H + GAP));
        let this = cell(i);
        let class = move || this().map_or("tile tile--none", |c| c.class);
        let this = cell(i);
        let is_home = move || this().is_some_and(|c| c.is_home);
        let this = cell(i);
        let shown = move || this().map(|c| c.shown).unwrap_or_default();
        view! {
            <g class=class class:tile--home=is_home>
                <rect x=x y=y width=TILE_W height=TILE_H rx="4" />
                <text x=x + TILE_W / 2 y=y + 21 text-anchor="middle" class="tile__name">{tile.label}</text>
                <text x=x + TILE_W / 2 y=y + 40 text-anchor="middle" class="tile__value">{shown}</text>
            </g>
        }
    }).collect_view();
    let width = u32::from(COLUMNS) * (TILE_W + GAP);
    let height = u32::from(ROWS) * (TILE_H + GAP);
    view! {
        <section class="region-map" aria-labelledby="region-map-heading">
            <h2 id="region-map-heading">{t.compare().map_heading}</h2>
            <div class="field">
                <label for="map-measure">{t.compare().measure_label}</label>
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
                    aria-label=move || (t.compare().map_label)(&measure_text(t, measure.get()).to_lowercase())>
                    {tiles}
                </svg>
                <ol class="legend-scale" aria-hidden="true">
                    <li class="legend-scale__end">{t.compare().legend_better}</li>
                    {(0..LEVELS).map(|l| view! { <li class=format!("swatch tile--{l}")></li> }).collect_view()}
                    <li class="legend-scale__end">{t.compare().legend_worse}</li>
                </ol>
            </div>
            // The same figures as a table, drawn once the map is painted.
            <AfterPaint><RegionTable cells=cells measure=measure /></AfterPaint>
        </section>
    }
}

/// Region `i`'s cell, following the map's one memo.
fn cell_at(cells: Memo<Vec<Cell>>, i: usize) -> impl Fn() -> Option<Cell> + Copy {
    move || cells.with(|c| c.get(i).cloned())
}

/// The map's figures as a table, in the reader's alphabetical order, with a
/// trend button per region: for keyboard and screen-reader users.
#[component]
fn RegionTable(cells: Memo<Vec<Cell>>, measure: Memo<Measure>) -> impl IntoView {
    let t = use_texts();
    let compare = Compare::use_context();
    let cell = move |i: usize| cell_at(cells, i);
    let mut by_name: Vec<usize> = (0..TILES.len()).collect();
    vardkoll_domain::sorting::sort_by(&mut by_name, |&i, &j| {
        collate::compare(
            &region_name(TILES[i].code),
            &region_name(TILES[j].code),
            t.lang.collation(),
        )
    });
    let table_rows = by_name.into_iter().map(|i| {
        let this = cell(i);
        let is_home = move || this().is_some_and(|c| c.is_home);
        let this = cell(i);
        let shown = move || this().map(|c| c.shown).unwrap_or_default();
        let this = cell(i);
        let versus = move || this().and_then(|c| c.versus);
        view! {
            <tr role="row" class:home-row=is_home>
                <th scope="row" role="rowheader">
                    {region_name(TILES[i].code)}
                    {move || is_home().then(|| view! { <span class="home-mark">{format!(" ({})", t.compare().your_region)}</span> })}
                </th>
                <td role="cell" data-label=move || measure_text(t, measure.get())>{shown}</td>
                <td role="cell" data-label=t.compare().versus_heading>{versus}</td>
                <td role="cell" class="actions">
                    <button type="button" class="button button--link" on:click=move |_| {
                        compare.update(true, |v| {
                            v.region_trend = Some(TILES[i].code.to_owned());
                            v.trend = None;
                        });
                        focus_trend_heading();
                    }>
                        {t.compare().show_trend}
                        <span class="visually-hidden">{format!(": {}", region_name(TILES[i].code))}</span>
                    </button>
                </td>
            </tr>
        }
    }).collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region"
            aria-label=move || (t.compare().regions_caption)(measure_text(t, measure.get()))>
            // Roles written out: narrow screens draw the rows as cards.
            <table class="data-table table--cards" role="table">
                <caption>
                    {move || (t.compare().regions_caption)(measure_text(t, measure.get()))}
                    {move || compare.figures.with(|f| {
                        let data = f.value()?;
                        regions_note(t, &data.regions, &data.sources)
                    }).map(|note| view! { <span class="caption__note">" · "{note}</span> })}
                </caption>
                <thead role="rowgroup">
                    <tr role="row">
                        <th scope="col" role="columnheader">{t.region_line}</th>
                        <th scope="col" role="columnheader">{move || measure_text(t, measure.get())}</th>
                        <th scope="col" role="columnheader">{t.compare().versus_heading}</th>
                        <th scope="col" role="columnheader"><span class="visually-hidden">{t.compare().show_trend}</span></th>
                    </tr>
                </thead>
                <tbody role="rowgroup">{table_rows}</tbody>
            </table>
        </div>
    }
}
