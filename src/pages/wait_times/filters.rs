//! Narrowing the provider table: region, free capacity, distance from a town or
//! from the patient's position (asked for only when they press the button).

use leptos::prelude::*;
use vardkoll_domain::compare::view_state::{DISTANCES_KM, Origin};
use vardkoll_domain::regions::REGIONS;
use wasm_bindgen::JsCast;

use super::context::Compare;
use crate::i18n::use_texts;
use vardkoll_domain::collate;

const POSITION: &str = "position";

#[component]
pub fn Filters() -> impl IntoView {
    let t = use_texts();
    let compare = Compare::use_context();
    let region = compare.select(|v| v.region.clone());
    let origin = compare.select(|v| v.origin.clone());
    let capacity_only = compare.select(|v| v.free_capacity_only);
    let within = compare.select(|v| v.within_km);
    let towns = Memo::new(move |_| {
        compare.providers.with(|p| {
            let mut towns: Vec<String> = p
                .value()
                .map(|list| list.iter().map(|x| x.town.clone()).collect())
                .unwrap_or_default();
            vardkoll_domain::sorting::sort_by(&mut towns, |a, b| {
                collate::compare(a, b, t.lang.collation())
            });
            towns.dedup();
            towns
        })
    });
    let origin_value = move || match origin.get() {
        Some(Origin::Town(town)) => town,
        Some(Origin::Position) => POSITION.to_owned(),
        None => String::new(),
    };
    let on_origin = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if value == POSITION {
            // Shown as chosen only once the browser gives the position.
            let select = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok());
            if let Some(select) = select {
                select.set_value(&origin_value());
            }
            compare.ask_position();
            return;
        }
        compare.update(true, |v| {
            v.origin = (!value.is_empty()).then_some(Origin::Town(value));
        });
    };
    let needs_position =
        move || origin.with(|o| o == &Some(Origin::Position)) && compare.position.get().is_none();
    view! {
        <fieldset class="filters">
            <legend>{t.compare().filters_heading}</legend>
            <div class="field">
                <label for="filter-region">{t.compare().region_filter}</label>
                <select id="filter-region" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    compare.update(true, |v| v.region = (!value.is_empty()).then_some(value));
                }>
                    <option value="" selected=move || region.with(Option::is_none)>{t.compare().all_regions}</option>
                    {REGIONS.iter().map(|option| {
                        let code = option.code;
                        view! {
                            <option value=code selected=move || region.with(|r| r.as_deref() == Some(code))>
                                {option.name}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </div>
            <div class="field field--checkbox">
                <input id="filter-capacity" type="checkbox"
                    prop:checked=move || capacity_only.get()
                    on:change=move |ev| {
                        let checked = event_target_checked(&ev);
                        compare.update(true, |v| v.free_capacity_only = checked);
                    } />
                <label for="filter-capacity">{t.compare().capacity_filter}</label>
            </div>
            <div class="field">
                <label for="filter-origin">{t.compare().origin_label}</label>
                <select id="filter-origin" on:change=on_origin>
                    <option value="" selected=move || origin_value().is_empty()>{t.compare().origin_none}</option>
                    <option value=POSITION selected=move || origin_value() == POSITION>{t.compare().origin_position}</option>
                    {move || towns.get().into_iter().map(|town| {
                        let (value, selected) = (town.clone(), town.clone());
                        view! { <option value=value selected=move || origin_value() == selected>{town}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-within">{t.compare().within_label}</label>
                <select id="filter-within" on:change=move |ev| {
                    let km = event_target_value(&ev).parse().ok();
                    compare.update(true, |v| v.within_km = km);
                }>
                    <option value="" selected=move || within.get().is_none()>{t.compare().within_any}</option>
                    {DISTANCES_KM.iter().map(|km| {
                        let km = *km;
                        view! {
                            <option value=km.to_string() selected=move || within.get() == Some(km)>
                                {(t.compare().km)(km)}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </div>
            <div class="filters__position">
                <button type="button" class="button button--secondary" on:click=move |_| compare.ask_position()>
                    {t.compare().use_position}
                </button>
                {move || needs_position().then(|| view! { <p class="hint">{t.compare().position_needed}</p> })}
                {move || compare.position_denied.get().then(|| view! {
                    <p class="notice notice--warning" role="alert">{t.compare().position_denied}</p>
                })}
            </div>
        </fieldset>
    }
}
