//! The top of "Begär vård hos en annan vårdgivare" as the app shell draws it
//! while the referral chunk loads, when the page was opened without an episode
//! (so free choice applies): the heading, what the page is for and the path.
//! The page draws the same once loaded, and this one is removed in that frame
//! (see `ChunkPage`), so nothing moves. From an episode, or for a receipt, the
//! page's top depends on what the chunk works out, so the shell draws nothing.

use leptos::prelude::*;

use crate::i18n::use_texts;
use crate::router::{Router, query_param};

#[component]
pub fn ReferralIntro() -> impl IntoView {
    let t = use_texts();
    let router = Router::use_context();
    // As opened; once the chunk has drawn the page, this is gone anyway.
    let query = untrack(|| router.query());
    let free_choice = ["kvitto", "episod"]
        .iter()
        .all(|name| query_param(&query, name).is_none());
    free_choice.then(|| {
        view! {
            <div class="chunk-intro">
                // No id: the page's own heading (`PageHeading`) is the one focus goes to.
                <h1>{t.request_elsewhere}</h1>
                <p class="lead">{t.referral_intro}</p>
                <section class="card path-notice">
                    <h2>{t.path_heading}</h2>
                    <p>{t.path_free_choice}</p>
                    <p class="path-notice__source">{t.source_label}": "{t.path_source}</p>
                </section>
            </div>
        }
    })
}
