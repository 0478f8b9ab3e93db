//! The top of "Begär vård hos en annan vårdgivare", drawn by the app shell at
//! once: the heading and, unless a receipt is shown, what the page is for. The
//! page's split point draws the rest below it (see [`super::ReferralPage`]).

use leptos::prelude::*;

use crate::components::PageHeading;
use crate::i18n::use_texts;
use crate::router::{Router, query_param};

#[component]
pub fn ReferralTop() -> impl IntoView {
    let t = use_texts();
    let router = Router::use_context();
    let receipt = move || query_param(&router.query(), "kvitto").is_some();
    view! {
        <PageHeading text=t.request_elsewhere />
        <p class="lead" hidden=receipt>{t.referral_intro}</p>
    }
}
