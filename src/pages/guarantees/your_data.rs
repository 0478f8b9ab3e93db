//! The patient's control over their data: calendar export and delete all.

use leptos::prelude::*;

use crate::calendar_export::{calendar_entries, calendar_file};
use crate::components::ConfirmButton;
use crate::i18n::use_texts;
use crate::platform::clock::{Today, utc_stamp};
use crate::platform::download::download_text;
use crate::state::EpisodeStore;

#[component]
pub fn YourData() -> impl IntoView {
    let t = use_texts();
    let store = EpisodeStore::use_context();
    let Today(today) = expect_context::<Today>();
    let export = move |_| {
        let file = calendar_file(&store.episodes(), today, t, &utc_stamp());
        // A failed download leaves the page as it was; there is nothing to lose.
        let _ = download_text(t.export_file_name, "text/calendar;charset=utf-8", &file);
    };
    // Offered only when they do something: no empty calendar file, no red
    // button on a first visit with nothing to delete.
    let has_deadlines = move || !calendar_entries(&store.episodes(), today, t).is_empty();
    view! {
        <section class="card your-data" aria-labelledby="your-data-heading">
            <h2 id="your-data-heading">{t.your_data_heading}</h2>
            <p>{t.your_data_text}</p>
            <Show when=has_deadlines>
                <p>
                    <button type="button" class="button" on:click=export aria-describedby="export-hint">{t.export}</button>
                    <span id="export-hint" class="field__hint">{t.export_hint}</span>
                </p>
            </Show>
            <Show when=move || store.holds_data()>
                <ConfirmButton label=t.delete_all warning=t.delete_all_warning confirm=t.delete_all_confirm
                    cancel=t.cancel on_confirm=move |_| store.delete_all() />
            </Show>
        </section>
    }
}
