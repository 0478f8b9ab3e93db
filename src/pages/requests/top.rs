//! The top of "Mina förfrågningar", drawn by the app shell at once: the heading,
//! what the page is for and, when there are none, that there are no requests —
//! known from browser storage at once, then from the page below (its split
//! point, [`super::RequestsPage`]) through [`NoRequests`].

use leptos::prelude::*;

use crate::components::PageHeading;
use crate::i18n::use_texts;
use crate::platform::storage;

/// Whether the patient has no requests, waiting or sent.
#[derive(Clone, Copy)]
pub struct NoRequests(pub RwSignal<bool>);

impl NoRequests {
    pub fn use_context() -> Option<NoRequests> {
        use_context::<NoRequests>()
    }
}

#[component]
pub fn RequestsTop(children: Children) -> impl IntoView {
    let t = use_texts();
    let none = RwSignal::new(!storage::has_outbox());
    provide_context(NoRequests(none));
    view! {
        <PageHeading text=t.nav_requests />
        <p class="lead">{t.requests_intro}</p>
        <p class="empty" hidden=move || !none.get()>{t.no_requests}</p>
        {children()}
    }
}
