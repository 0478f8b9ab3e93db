//! The application shell: header, navigation, the current page and footer.

use leptos::prelude::*;

use crate::i18n::{Lang, provide_i18n, use_texts};
use crate::pages::{ChunkPage, GuaranteesPage, NotFoundPage};
use crate::pwa::{UpdateBanner, UpdatePrompt};
use crate::router::{Link, Route, Router};
use crate::state::{EpisodeStore, OutboxStore, ReferralForm};
use crate::storage;
use crate::today::{Today, today};

/// Provides what every page needs: texts and the router. A page chunk (see
/// [`crate::chunk`]) calls this for itself.
pub fn provide_page_context() -> Router {
    provide_i18n(Lang::Sv);
    Router::provide()
}

/// Provides everything the shell's pages need: [`provide_page_context`], today's
/// date and the saved episodes. Component tests call this with a fixed date.
pub fn provide_app_context(today: chrono::NaiveDate) -> Router {
    provide_context(Today(today));
    EpisodeStore::load().provide();
    provide_page_context()
}

/// What the referral pages need besides [`provide_app_context`]: the outbox,
/// which starts sending what waits, and the form. The referral chunk calls this.
pub fn provide_referral_context(today: chrono::NaiveDate) -> Router {
    let router = provide_app_context(today);
    OutboxStore::provide();
    ReferralForm::provide();
    router
}

/// Requests waiting in the browser's outbox are sent as soon as the app starts
/// and when the browser comes back online, whichever page is open: the referral
/// chunk, which holds the sending, is loaded for them.
fn send_waiting_requests() {
    let start = || {
        if storage::has_waiting_requests() {
            leptos::task::spawn_local(async {
                // Failing to load (offline) is retried on the next `online` event.
                let _ = crate::chunk::start("referral", "start_outbox").await;
            });
        }
    };
    start();
    std::mem::forget(window_event_listener(leptos::ev::online, move |_| start()));
}

/// The whole app, with state loaded from the browser and today's date.
#[component]
pub fn App() -> impl IntoView {
    let router = provide_app_context(today());
    send_waiting_requests();
    let update = UpdatePrompt::start();
    let t = use_texts();
    view! {
        <a class="skip-link" href="#main">{t.skip_link}</a>
        <header class="site-header">
            <p class="site-header__name">{t.app_name}</p>
            <nav aria-label=t.nav_label>
                <ul>
                    <li><Link route=Route::Guarantees>{t.guarantees_title}</Link></li>
                    <li><Link route=Route::WaitTimes>{t.wait_times_title}</Link></li>
                    <li><Link route=Route::Requests>{t.referral.requests_title}</Link></li>
                </ul>
            </nav>
        </header>
        <UpdateBanner prompt=update />
        <main id="main">
            {move || match router.route() {
                Route::Guarantees => view! { <GuaranteesPage /> }.into_any(),
                // The comparison is a separate chunk, loaded when first opened.
                Route::WaitTimes => view! { <ChunkPage name="compare" export="mount" /> }.into_any(),
                // Requesting care elsewhere and following requests: one chunk.
                Route::Referral => view! { <ChunkPage name="referral" export="mount_form" /> }.into_any(),
                Route::Requests => view! { <ChunkPage name="referral" export="mount_requests" /> }.into_any(),
                Route::NotFound => view! { <NotFoundPage /> }.into_any(),
            }}
        </main>
        <footer class="site-footer"><p>{t.footer}</p></footer>
    }
}
