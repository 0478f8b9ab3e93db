//! The events recorded in one episode, with edit and remove actions.

use leptos::prelude::*;
use vardkoll_domain::episode::Episode;

use crate::i18n::{numeric_date, use_texts};
use crate::state::{EpisodeStore, EventFormState};

#[component]
pub fn EventList(
    episode_id: u64,
    #[prop(into)] episode: Signal<Option<Episode>>,
    form: EventFormState,
) -> impl IntoView {
    let t = use_texts();
    let store = EpisodeStore::use_context();
    let events =
        move || episode.with(|e| e.as_ref().map(Episode::events_by_date).unwrap_or_default());
    view! {
        <section class="events">
            <h3>{t.events_heading}</h3>
            <Show when=move || events().is_empty()>
                <p class="empty">{t.no_events}</p>
            </Show>
            <ul class="events__list">
                {move || events().into_iter().map(|event| {
                    // With where it happens, when the patient's request recorded it.
                    let place = episode.with(|e| e.as_ref().and_then(|e| e.place(event.id).map(str::to_owned)));
                    let description = match place {
                        Some(place) => format!("{} · {place}", t.event(event.kind)),
                        None => t.event(event.kind),
                    };
                    let label = format!("{} – {}", numeric_date(event.date), description);
                    view! {
                        <li class="events__item">
                            <span class="events__date" dir="ltr">{numeric_date(event.date)}</span>
                            <span class="events__text">{description}</span>
                            <span class="events__actions">
                                <button type="button" class="button button--link"
                                    aria-label=format!("{}: {label}", t.edit)
                                    on:click=move |_| form.edit(&event)>
                                    {t.edit}
                                </button>
                                <button type="button" class="button button--link"
                                    aria-label=format!("{}: {label}", t.remove)
                                    on:click=move |_| {
                                        store.remove_event(episode_id, event.id);
                                        form.announcement.set(Some(t.event_removed));
                                    }>
                                    {t.remove}
                                </button>
                            </span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
