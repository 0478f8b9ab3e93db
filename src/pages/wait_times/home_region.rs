//! The patient's home region, remembered in this browser; every figure is
//! compared with it.

use leptos::prelude::*;
use vardkoll_domain::regions::{REGIONS, RegionCode};

use super::context::Compare;
use crate::i18n::use_texts;

#[component]
pub fn HomeRegionPicker() -> impl IntoView {
    let t = use_texts();
    let compare = Compare::use_context();
    view! {
        <div class="field home-region">
            <label for="home-region">{t.compare().home_region_label}</label>
            <p class="hint" id="home-region-hint">{t.compare().home_region_hint}</p>
            <select id="home-region" aria-describedby="home-region-hint"
                on:change=move |ev| compare.set_home(RegionCode::parse(&event_target_value(&ev)))>
                <option value="" selected=move || compare.home.get().is_none()>{t.compare().home_region_none}</option>
                {REGIONS.iter().map(|region| {
                    let code = region.code;
                    view! {
                        <option value=code selected=move || compare.home.get().is_some_and(|h| h.as_str() == code)>
                            {region.name}
                        </option>
                    }
                }).collect_view()}
            </select>
        </div>
    }
}
