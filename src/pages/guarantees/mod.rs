//! "Mina vårdgarantier": the patient's care episodes, their deadlines and events.

mod advice;
mod deadline_list;
mod episode_card;
mod episode_form;
mod event_form;
mod event_list;
mod top;
mod your_data;

pub use episode_card::EpisodeCard;
pub use episode_form::NewEpisodeForm;
pub use event_form::EventForm;
pub use top::GuaranteesTop;
pub use your_data::YourData;

use leptos::prelude::*;

use crate::i18n::use_texts;
use crate::state::{EpisodeStore, Notice};

#[component]
pub fn GuaranteesPage() -> impl IntoView {
    let t = use_texts();
    let store = EpisodeStore::use_context();
    let notice = move || {
        store.notice().map(|notice| {
            let (class, text) = match notice {
                Notice::Unreadable => ("notice notice--warning", t.storage_unreadable),
                Notice::SaveFailed => ("notice notice--warning", t.storage_save_failed),
                Notice::DeletedAll => ("notice", t.deleted_all),
            };
            view! { <p class=class>{text}</p> }
        })
    };
    // Below the heading and lead ([`GuaranteesTop`], drawn by the app shell).
    view! {
        <div role="status" aria-live="polite">{notice}</div>
        <NewEpisodeForm />
        <section aria-labelledby="episodes-heading" class="episodes">
            <h2 id="episodes-heading" class="visually-hidden">{t.episodes_heading}</h2>
            <Show when=move || store.ids().is_empty()>
                <p class="empty">{t.no_episodes}</p>
            </Show>
            <For each=move || store.ids() key=|id| *id let(id)>
                <EpisodeCard id=id />
            </For>
        </section>
        <YourData />
    }
}
