//! "Begär vård hos en annan vårdgivare": which path applies, the form, and the
//! receipt. Opened from a provider in the comparison (`?tjanst=&vardgivare=`),
//! from an episode (`?episod=`), or showing the receipt of a request
//! (`?kvitto=`, the request's idempotency key — never personal data).

mod form;
mod from_episode;
mod path_notice;
mod provider_choices;
mod receipt;
mod rejected;
mod top;

use leptos::prelude::*;
use vardkoll_domain::referral::CarePath;
use vardkoll_domain::regions::RegionCode;

use crate::components::{Draw, LazyView};
use crate::router::{Router, query_param};
use crate::split_point;
use crate::state::{Catalogue, ReferralForm, Session, home_region};
use form::RequestForm;
use from_episode::FromEpisode;
use receipt::Receipt;
pub use rejected::Rejected;
pub use top::{ReferralTop, ShownPath};

#[component]
pub fn ReferralPage() -> impl IntoView {
    let router = Router::use_context();
    let form = ReferralForm::use_context();
    let catalogue = Catalogue::load();

    let query = move || router.query();
    let receipt_key = Memo::new(move |_| query_param(&query(), "kvitto"));
    let from_episode = Memo::new(move |_| query_param(&query(), "episod").is_some());
    // What the page was opened with goes into the form, keeping what was
    // typed; from an episode, [`FromEpisode`] adds its date, region and
    // guarantee deadline.
    Effect::new(move |_| {
        let query = query();
        let service = query_param(&query, "tjanst").unwrap_or_default();
        let provider = query_param(&query, "vardgivare").unwrap_or_default();
        form.prefill(&service, &provider, None);
        if !from_episode.get() {
            // A request being corrected keeps the episode it was made from.
            if form.correcting.get_untracked().is_none() {
                form.episode.set(None);
            }
            // The one the patient chose, or the portal's.
            form.prefill_home_region(home_region());
        }
    });
    // A signed-in patient's home region, on any device: the one their latest
    // request named, once their requests are here (a region already chosen
    // or typed stays).
    let session = Session::use_context();
    Effect::new(move |_| {
        let named = session.mine().and_then(|mine| {
            mine.iter()
                .find_map(|view| view.home_region.as_deref().and_then(RegionCode::parse))
        });
        if !from_episode.get_untracked() {
            form.prefill_home_region(named);
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

    // The receipt's next step is "Mina förfrågningar", often taken offline
    // (a request waiting to be sent): its code is fetched now, while the
    // page is reachable, so the link works then. A failure is retried when
    // the patient opens it.
    leptos::task::spawn_local(async {
        let _ = crate::pages::requests_page().await;
    });

    // Below the page's top.
    view! {
        {move || match receipt_key.get() {
            Some(key) => view! { <Receipt key=key /> }.into_any(),
            None => view! {
                {move || from_episode.get().then(|| view! { <LazyView load=|| Box::pin(from_episode_part()) /> })}
                <RequestForm catalogue=catalogue />
            }
            .into_any(),
        }}
    }
}

split_point! {
    /// What the form takes from the episode it was opened from ([`FromEpisode`]).
    fn from_episode_part() -> Draw, split part_referral_episode {
        || {
            view! { <FromEpisode /> }.into_any()
        }
    }
}
