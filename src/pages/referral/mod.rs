//! "Begär vård hos en annan vårdgivare": which path applies, the form, and the
//! receipt. Opened from a provider in the comparison (`?tjanst=&vardgivare=`),
//! from an episode (`?episod=`), or showing the receipt of a request
//! (`?kvitto=`, the request's idempotency key — never personal data).

mod form;
mod path_notice;
mod provider_choices;
mod receipt;
mod rejected;
mod top;

use leptos::prelude::*;
use vardkoll_domain::referral::{CarePath, care_path, current_referral_date};
use vardkoll_domain::rules::RuleBook;

use crate::i18n::use_texts;
use crate::platform::clock::Today;
use crate::router::{Router, query_param};
use crate::state::Catalogue;
use crate::state::{EpisodeStore, ReferralForm};
use form::RequestForm;
use receipt::Receipt;
pub use rejected::Rejected;
pub use top::{ReferralTop, ShownPath};

#[component]
pub fn ReferralPage() -> impl IntoView {
    let t = use_texts();
    let router = Router::use_context();
    let form = ReferralForm::use_context();
    let Today(today) = expect_context::<Today>();
    let episodes = EpisodeStore::use_context();
    let catalogue = Catalogue::load();

    let query = move || router.query();
    let receipt_key = Memo::new(move |_| query_param(&query(), "kvitto"));
    let episode = Memo::new(move |_| {
        let id = query_param(&query(), "episod")?.parse::<u64>().ok()?;
        episodes.episode(id)
    });
    // What the page was opened with goes into the form, keeping what was typed;
    // from an episode, its guarantee deadline goes with the request (the path
    // shown is the one of what will be sent).
    Effect::new(move |_| {
        let query = query();
        let service = query_param(&query, "tjanst").unwrap_or_default();
        let provider = query_param(&query, "vardgivare").unwrap_or_default();
        let episode = episode.get();
        form.prefill(
            &service,
            &provider,
            episode.as_ref().and_then(current_referral_date),
        );
        // The episode's region, else the one the patient chose or the portal's.
        form.prefill_home_region(
            episode
                .as_ref()
                .and_then(|e| e.region)
                .or_else(crate::state::home_region),
        );
        if let Some(e) = episode {
            let guarantee = care_path(Some(&e), today, &RuleBook::swedish()).guarantee();
            form.draft.update(|d| d.guarantee = guarantee);
        }
    });
    // The path, explained by the page's top ([`ReferralTop`], drawn by the app
    // shell), follows the form; a receipt explains none.
    if let Some(ShownPath(shown)) = ShownPath::use_context() {
        Effect::new(move |_| {
            let path = CarePath::of(form.draft.with(|d| d.guarantee));
            shown.set(receipt_key.with(Option::is_none).then_some(path));
        });
    }

    // Below the page's top.
    view! {
        {move || match receipt_key.get() {
            Some(key) => view! { <Receipt key=key /> }.into_any(),
            None => view! {
                {move || episode.get().map(|e| view! { <p>{(t.referral().from_episode)(&e.title)}</p> })}
                <RequestForm catalogue=catalogue />
            }
            .into_any(),
        }}
    }
}
