//! What the form takes from the patient's episode when the page is opened from
//! one (`?episod=`): the referral's date, the region and the guarantee
//! deadline, and a line naming the episode. A split point of its own
//! ([`super::from_episode_part`]): most requests start from the comparison,
//! and reading the saved episodes and working out their deadlines is code only
//! this needs.

use leptos::prelude::*;
use vardkoll_domain::referral::{care_path, current_referral_date};
use vardkoll_domain::rules::RuleBook;

use crate::i18n::use_texts;
use crate::platform::clock::Today;
use crate::router::{Router, query_param};
use crate::state::{EpisodeStore, ReferralForm, home_region};

/// The episode `?episod=` names, as the form's starting point.
#[component]
pub fn FromEpisode() -> impl IntoView {
    let t = use_texts();
    let router = Router::use_context();
    let form = ReferralForm::use_context();
    let Today(today) = expect_context::<Today>();
    let episodes = EpisodeStore::provide_shared();
    let episode = Memo::new(move |_| {
        let id = query_param(&router.query(), "episod")?
            .parse::<u64>()
            .ok()?;
        episodes.episode(id)
    });
    // What was typed is kept (see `ReferralForm::prefill`); the deadline
    // that goes with the request is the episode's.
    Effect::new(move |_| {
        let episode = episode.get();
        form.episode.set(episode.as_ref().map(|e| e.id));
        form.prefill("", "", episode.as_ref().and_then(current_referral_date));
        // The episode's region, else the one the patient chose or the portal's.
        form.prefill_home_region(episode.as_ref().and_then(|e| e.region).or_else(home_region));
        if let Some(e) = episode {
            let guarantee = care_path(Some(&e), today, &RuleBook::swedish()).guarantee();
            form.draft.update(|d| d.guarantee = guarantee);
        }
    });
    move || {
        episode
            .get()
            .map(|e| view! { <p>{(t.referral().from_episode)(&e.title)}</p> })
    }
}
