//! One episode: its heading, deadlines, events and the event form.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::deadline_list::DeadlineList;
use super::episode_form::{EpisodeFields, EpisodeFormState};
use super::event_form::EventForm;
use super::event_list::EventList;
use crate::components::ConfirmButton;
use crate::i18n::use_texts;
use crate::router::{Link, Route};
use crate::state::{EpisodeStore, EventFormState};

#[component]
pub fn EpisodeCard(id: u64) -> impl IntoView {
    let t = use_texts();
    let store = EpisodeStore::use_context();
    let episode = Memo::new(move |_| store.episode(id));
    let editing = RwSignal::new(false);
    let form = EventFormState::default();
    let heading_id = format!("episode-{id}-heading");
    // "Ändra Höften": buttons name the episode they act on, since every card has them.
    let named = move |action: &'static str| {
        move || {
            format!(
                "{action} {}",
                episode.with(|e| e.as_ref().map(|e| e.title.clone()).unwrap_or_default())
            )
        }
    };
    let labelled_by = heading_id.clone();

    let edit_view = move || {
        let current = episode.get_untracked()?;
        let state = EpisodeFormState::new(&current.title, current.region);
        let on_submit = move |ev: SubmitEvent| {
            ev.prevent_default();
            if let Some((title, region)) = state.submit() {
                store.rename_episode(id, title, region);
                editing.set(false);
            }
        };
        Some(view! {
            <form class="episode__edit" novalidate on:submit=on_submit>
                <EpisodeFields prefix=format!("episode-{id}") state=state />
                <button type="submit" class="button">{t.save}</button>
                <button type="button" class="button button--secondary" on:click=move |_| editing.set(false)>
                    {t.cancel}
                </button>
            </form>
        })
    };

    view! {
        <article class="card episode" aria-labelledby=labelled_by>
            <header class="episode__header">
                <h2 id=heading_id>{move || episode.get().map(|e| e.title).unwrap_or_default()}</h2>
                {move || episode.get().and_then(|e| e.region).map(|region| view! {
                    <p class="episode__region">{t.region_line}": "{region.region().name}</p>
                })}
                <div class="episode__actions" hidden=move || editing.get()>
                    <button type="button" class="button button--secondary" aria-label=named(t.edit)
                        on:click=move |_| editing.set(true)>
                        {t.edit}
                    </button>
                    <ConfirmButton label=t.remove name=Signal::derive(named(t.remove))
                        warning=t.confirm_remove_episode confirm=t.confirm_remove
                        cancel=t.cancel on_confirm=move |_| store.remove_episode(id) />
                </div>
            </header>
            {move || editing.get().then(edit_view)}
            <DeadlineList episode=episode />
            <p class="episode__referral">
                <Link route=Route::Referral query=format!("?episod={id}")>
                    {t.request_elsewhere}
                    <span class="visually-hidden">": "{move || episode.get().map(|e| e.title).unwrap_or_default()}</span>
                </Link>
            </p>
            <EventList episode_id=id episode=episode form=form />
            <EventForm episode_id=id episode=episode form=form />
        </article>
    }
}
