//! The language menu: each language named in itself.

use leptos::prelude::*;

use crate::i18n::{Lang, use_texts};
use crate::platform::{host, storage};

#[component]
pub fn LanguagePicker(lang: RwSignal<Lang>) -> impl IntoView {
    let t = use_texts();
    let change = move |ev: leptos::ev::Event| {
        let Some(chosen) = Lang::from_tag(&event_target_value(&ev)) else {
            return;
        };
        // Not remembered if storage is unavailable; the switch still happens.
        let _ = storage::save_lang(chosen.tag());
        lang.set(chosen);
        request_animation_frame(|| host::focus_by_id("language"));
    };
    view! {
        <div class="language-picker">
            <label for="language">{t.language_label}</label>
            <select id="language" on:change=change>
                {Lang::ALL.into_iter().map(|l| view! {
                    <option value=l.tag() lang=l.tag() selected=move || lang.get_untracked() == l>{l.native_name()}</option>
                }).collect_view()}
            </select>
        </div>
    }
}
