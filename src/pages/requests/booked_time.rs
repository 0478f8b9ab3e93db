//! A time booked through a request made from one of the patient's episodes:
//! one tap adds it to that episode as "tid bokad", and "Mina vårdgarantier"
//! then says whether it is within the deadline. Nothing is shown when the
//! episode is gone from this browser.

use leptos::prelude::*;
use vardkoll_domain::api::Offer;
use vardkoll_domain::referral::{EpisodeLink, booked_event};

use crate::i18n::use_texts;
use crate::router::{Link, Route};
use crate::state::EpisodeStore;

#[component]
pub fn BookedTime(link: EpisodeLink, offer: Offer) -> impl IntoView {
    let r = use_texts().referral();
    let store = EpisodeStore::provide_shared();
    let episode = Memo::new(move |_| store.episode(link.episode));
    // Said where screen readers hear it once the tap has added the time.
    view! {
        <div class="request__booked" role="status">
            {move || episode.get().map(|episode| {
                match booked_event(link, &offer, &episode) {
                    Some(event) => {
                        let id = episode.id;
                        view! {
                            <button type="button" class="button button--secondary"
                                on:click=move |_| store.save_event(id, event)>
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
