//! The top of "Mina förfrågningar" as the app shell draws it while the referral
//! chunk loads: the heading, what the page is for and, with nothing in the
//! outbox, that there are no requests. The page draws the same once loaded,
//! and this one is removed in that frame (see `ChunkPage`), so nothing moves.

use leptos::prelude::*;

use crate::i18n::use_texts;
use crate::storage;

#[component]
pub fn RequestsIntro() -> impl IntoView {
    let t = use_texts();
    view! {
        <div class="chunk-intro">
            // No id: the page's own heading (`PageHeading`) is the one focus goes to.
            <h1>{t.nav_requests}</h1>
            <p class="lead">{t.requests_intro}</p>
            {(!storage::has_outbox()).then(|| view! { <p class="empty">{t.no_requests}</p> })}
        </div>
    }
}
