//! A time booked through a request made from one of the patient's episodes:
//! one tap adds it to that episode as "tid bokad", and "Mina vårdgarantier"
//! then says whether it is within the deadline. Nothing is shown when the
//! episode is gone from this browser. A part of the page of its own
//! (`part_requests_booked`): reading and writing the saved episodes is code
//! only a booked request from an episode needs.

use leptos::prelude::*;
use vardkoll_domain::api::Offer;
use vardkoll_domain::referral::{EpisodeLink, booked_event};

use crate::i18n::use_texts;
use crate::router::{Link, Route};
use crate::state::EpisodeStore;

/// The booked time and the episode to add it to, for the part's code.
#[derive(Clone, Debug)]
pub struct BookedFromEpisode {
    pub link: EpisodeLink,
    pub offer: Offer,
    /// The offer's provider by name, as the tracker will show it; none while
    /// the catalogue does not know it (an id is never saved as a name).
    pub place: Option<String>,
}

#[component]
pub fn BookedTime() -> impl IntoView {
    let r = use_texts().referral();
    let BookedFromEpisode { link, offer, place } = expect_context::<BookedFromEpisode>();
    let store = EpisodeStore::provide_shared();
    let episode = Memo::new(move |_| store.episode(link.episode));
    // Said where screen readers hear it once the tap has added the time.
    view! {
        <div class="request__booked" role="status">
            {move || episode.get().map(|episode| {
                match booked_event(link, &offer, &episode) {
                    Some(event) => {
                        let id = episode.id;
                        let place = place.clone();
                        view! {
                            <button type="button" class="button button--secondary"
                                on:click=move |_| match place.clone() {
                                    Some(place) => store.save_event_at(id, event, place),
                                    None => store.save_event(id, event),
                                }>
                                {(r.add_booked)(&episode.title)}
                            </button>
                        }.into_any()
                    }
                    None => view! {
                        <p>
                            {(r.booked_in_tracker)(&episode.title)}" "
                            <Link route=Route::Guarantees>{r.show_tracker}</Link>
                        </p>
                    }.into_any(),
                }
            })}
        </div>
    }
}
