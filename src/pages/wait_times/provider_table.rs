//! The provider table: one row per hospital or clinic, sortable by every column,
//! narrowed by the filters. Rows are keyed, so sorting and filtering move or
//! drop existing rows instead of drawing them again.

use std::hash::{DefaultHasher, Hash, Hasher};

use leptos::prelude::*;
use vardkoll_domain::compare::table::{Filter, Nearby, SortKey, SortOrder, visible};
use vardkoll_domain::compare::versus_home::home_wait;
use vardkoll_domain::compare::view_state::PAGE_ROWS;

use super::context::Compare;
use super::provider_rows::ProviderRows;
use super::row_cells::{Provenance, column_label, row_cells};
use super::trend_panel::focus_trend_heading;
use crate::components::painted_flag;
use crate::i18n::use_texts;
use crate::router::{Route, Router, is_plain_click};
use leptos::ev::MouseEvent;
use wasm_bindgen::JsCast;

/// Rows in the table's first paint: a phone's screenful and more.
const FIRST_ROWS: usize = 8;

/// A column header that sorts by its column; `aria-sort` tells screen readers.
#[component]
fn SortHeader(key: SortKey) -> impl IntoView {
    let t = use_texts();
    let compare = Compare::use_context();
    let sort = compare.select(|v| v.sort);
    let aria_sort = move || {
        let sort = sort.get();
        match (sort.key == key, sort.order) {
            (false, _) => "none",
            (true, SortOrder::Ascending) => "ascending",
            (true, SortOrder::Descending) => "descending",
        }
    };
    let state = move || match aria_sort() {
        "ascending" => t.compare().sorted_ascending,
        "descending" => t.compare().sorted_descending,
        _ => "",
    };
    view! {
        <th scope="col" role="columnheader" aria-sort=aria_sort>
            <button type="button" class="sort-button" data-sort=aria_sort
                on:click=move |_| compare.update(true, |v| v.sort = v.sort.toggled(key))>
                {column_label(t, key)}
                <span class="visually-hidden">{move || { let s = state(); if s.is_empty() { String::new() } else { format!(", {s}") } }}</span>
            </button>
        </th>
    }
}

#[component]
pub fn ProviderTable() -> impl IntoView {
    let t = use_texts();
    let compare = Compare::use_context();
    let router = Router::use_context();
    let figures = compare.figures;
    let origin = Memo::new(move |_| compare.origin_point());
    let home = compare.home;
    // Rows are redrawn when the data, the home region or the origin changes;
    // otherwise sorting and filtering only reorder them.
    let epoch = Memo::new(move |_| {
        let mut hasher = DefaultHasher::new();
        figures
            .with(|f| f.value().map(|v| v.generation))
            .hash(&mut hasher);
        home.get().map(|h| h.as_str()).hash(&mut hasher);
        origin
            .get()
            .map(|p| (p.latitude.to_bits(), p.longitude.to_bits()))
            .hash(&mut hasher);
        hasher.finish()
    });
    let narrowing =
        compare.select(|v| (v.region.clone(), v.free_capacity_only, v.within_km, v.sort));
    let order = Memo::new(move |_| {
        let (region, free_capacity_only, within_km, sort) = narrowing.get();
        let nearby = origin.get().map(|origin| Nearby { origin, within_km });
        let filter = Filter {
            region,
            free_capacity_only,
            nearby,
        };
        let epoch = epoch.get();
        figures.with(|f| {
            f.value()
                .map(|data| {
                    visible(&data.providers, &filter, sort)
                        .into_iter()
                        .map(|i| (epoch, i))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // Only the first page(s) of matching rows are drawn. The table's first
    // paint has a screenful of them, the rest come after it: on a slow phone
    // neither is one long task.
    let shown = compare.select(|v| v.rows_shown);
    let painted = painted_flag();
    let page = Memo::new(move |_| {
        let rows = if painted.get() {
            shown.get()
        } else {
            shown.get().min(FIRST_ROWS)
        };
        order.with(|o| o.iter().take(rows).copied().collect::<Vec<_>>())
    });
    let has_more = Memo::new(move |_| order.with(Vec::len) > shown.get());
    let total = move || figures.with(|f| f.value().map_or(0, |d| d.providers.len()));
    // Every column; distance only when distances are measured.
    let columns = move || {
        let measured = origin.get().is_some();
        SortKey::ALL
            .into_iter()
            .filter(move |key| measured || *key != SortKey::Distance)
    };
    let caption = move || {
        let code = figures
            .with(|f| f.value().map(|d| d.service_code.clone()))
            .unwrap_or_default();
        let name = compare.services.with(|s| {
            s.value().and_then(|list| {
                list.iter()
                    .find(|x| x.code == code)
                    .map(|x| t.service_name(x).to_owned())
            })
        });
        (t.compare().providers_caption)(&name.unwrap_or(code))
    };
    // One listener for every row's buttons and links, instead of two per row.
    let on_row_click = move |ev: MouseEvent| {
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        if let Some(id) = target
            .closest("[data-trend]")
            .ok()
            .flatten()
            .and_then(|b| b.get_attribute("data-trend"))
        {
            compare.update(true, |v| {
                v.trend = Some(id);
                v.region_trend = None;
            });
            focus_trend_heading();
        } else if let Some(href) = target
            .closest("a[data-route]")
            .ok()
            .flatten()
            .and_then(|a| a.get_attribute("href"))
            && is_plain_click(&ev)
        {
            ev.prevent_default();
            let (path, query) = href.split_at(href.find('?').unwrap_or(href.len()));
            router.navigate(router.route_of(path), query);
        }
    };
    // The rows are drawn by `ProviderRows` (direct DOM calls, keyed), the page's hot path.
    let tbody = NodeRef::<leptos::html::Tbody>::new();
    let drawn = StoredValue::new_local(ProviderRows::default());
    let referral_page = router.href(Route::Referral);
    Effect::new(move |_| {
        let keys = page.get();
        let Some(body) = tbody.get() else {
            return;
        };
        let body: web_sys::HtmlElement = body.unchecked_into();
        let (home, origin) = (home.get_untracked(), origin.get_untracked());
        figures.with_untracked(|f| {
            let Some(data) = f.value() else {
                return;
            };
            let home_days = home.map(|h| home_wait(&data.regions, h.as_str()));
            let service = (data.service_code.as_str(), referral_page.as_str());
            let provenance = Provenance {
                sources: &data.sources,
                today: crate::platform::clock::today(),
            };
            let cells = |i: usize| {
                let row = data.providers.get(i)?;
                Some(row_cells(t, row, service, home_days, origin, provenance))
            };
            drawn.update_value(|rows| rows.update(&body, &keys, cells));
        });
    });
    view! {
        <p class="hint">{t.compare().sort_hint}</p>
        <p class="table-count" role="status">{move || {
            let matching = order.with(Vec::len);
            (t.compare().rows_shown)(matching.min(shown.get()), matching, total())
        }}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label=caption>
            // Roles written out: narrow screens draw the rows as cards.
            <table class="data-table table--cards provider-table" role="table">
                <caption>{caption}</caption>
                <thead role="rowgroup">
                    <tr role="row">
                        {move || columns().map(|key| view! { <SortHeader key=key /> }).collect_view()}
                        <th scope="col" role="columnheader"><span class="visually-hidden">{t.compare().show_trend}</span></th>
                    </tr>
                </thead>
                <tbody role="rowgroup" node_ref=tbody on:click=on_row_click></tbody>
            </table>
        </div>
        {move || order.with(Vec::is_empty).then(|| view! { <p class="notice">{t.compare().no_rows}</p> })}
        {move || has_more.get().then(|| view! {
            <button type="button" class="button button--secondary" on:click=move |_| compare.update(false, |v| v.rows_shown += PAGE_ROWS)>
                {(t.compare().show_more)(PAGE_ROWS)}
            </button>
        })}
    }
}
