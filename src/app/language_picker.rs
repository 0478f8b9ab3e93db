//! The language menu: each language named in itself.

use leptos::prelude::*;

use crate::i18n::{Lang, page_texts, use_texts};
use crate::platform::{host, storage};

#[component]
pub fn LanguagePicker(lang: RwSignal<Lang>) -> impl IntoView {
    let t = use_texts();
    let failed = RwSignal::new(false);
    let change = move |ev: leptos::ev::Event| {
        let select = event_target::<web_sys::HtmlSelectElement>(&ev);
        let Some(chosen) = Lang::from_tag(&select.value()) else {
            return;
        };
        // The language's words load first (see `i18n::page_texts`); failing
        // (offline), the app stays in its language and says so. Switching
        // draws the shell, and this menu, anew.
        leptos::task::spawn_local(async move {
            if page_texts::load(chosen).await.is_err() {
                select.set_value(lang.get_untracked().tag());
                failed.set(true);
                return;
            }
            // Not remembered if storage is unavailable; the switch still happens.
            let _ = storage::save_lang(chosen.tag());
            lang.set(chosen);
            request_animation_frame(|| host::focus_by_id("language"));
        });
    };
    view! {
        <div class="language-picker">
            <label for="language">{t.language_label}</label>
            <select id="language" on:change=change>
                {Lang::ALL.into_iter().map(|l| view! {
                    <option value=l.tag() lang=l.tag() selected=move || lang.get_untracked() == l>{l.native_name()}</option>
                }).collect_view()}
            </select>
            {move || failed.get().then(|| view! { <p class="notice notice--warning" role="alert">{t.page_load_error}</p> })}
        </div>
    }
}
