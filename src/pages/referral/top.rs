//! The top of "Begär vård hos en annan vårdgivare", drawn by the app shell at
//! once: the heading and, unless a receipt is shown, what the page is for and
//! which path applies. The path is known from the address when the page is
//! opened without an episode (free choice); otherwise, and whenever the form
//! changes it, the page below (its split point, [`super::ReferralPage`]) says
//! which through [`ShownPath`].

use leptos::prelude::*;
use vardkoll_domain::referral::CarePath;

use super::path_notice::PathNotice;
use crate::components::PageHeading;
use crate::i18n::use_texts;
use crate::router::{Router, query_param};

/// The path the top explains; `None` while unknown, and for a receipt.
#[derive(Clone, Copy)]
pub struct ShownPath(pub RwSignal<Option<CarePath>>);

impl ShownPath {
    pub fn use_context() -> Option<ShownPath> {
        use_context::<ShownPath>()
    }
}

#[component]
pub fn ReferralTop(children: Children) -> impl IntoView {
    let t = use_texts();
    let router = Router::use_context();
    let receipt = move || query_param(&router.query(), "kvitto").is_some();
    let opened = untrack(|| router.query());
    let free_choice = ["kvitto", "episod"]
        .iter()
        .all(|name| query_param(&opened, name).is_none());
    let shown = RwSignal::new(free_choice.then_some(CarePath::FreeChoice { running: None }));
    provide_context(ShownPath(shown));
    let path = Signal::derive(move || {
        shown
            .get()
            .unwrap_or(CarePath::FreeChoice { running: None })
    });
    view! {
        <PageHeading text=t.request_elsewhere />
        <p class="lead" hidden=receipt>{t.referral_intro}</p>
        {move || shown.with(Option::is_some).then(|| view! { <PathNotice path=path /> })}
        {children()}
    }
}
