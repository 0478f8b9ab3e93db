//! The app: one Leptos program and one reactive runtime. The shell (header,
//! navigation, each page's top, footer) is in the first load; each page's rest
//! and the sending of waiting requests are split points (see
//! [`crate::platform::split`]), loaded on first use into the same runtime, so
//! they share the shell's signals and context: language, router, today's date.

mod language_picker;
mod lazy_page;
mod shell;
mod update_banner;

pub use lazy_page::{LazyPage, PageLoad};
pub use shell::Shell;
pub use update_banner::UpdateBanner;

use leptos::prelude::*;

use crate::i18n::{Lang, browser_languages, provide_i18n};
use crate::platform::clock::Today;
use crate::platform::{config, host, storage};
use crate::router::Router;

/// Provides what every page needs: today's date, the language and the router.
/// Component tests call this with a fixed date.
pub fn provide_app_context(today: chrono::NaiveDate, lang: RwSignal<Lang>) -> Router {
    provide_context(Today(today));
    provide_i18n(lang);
    Router::provide()
}

/// Requests waiting in the browser's outbox are sent as soon as the app starts
/// and when the browser comes back online, whichever page is open: the split
/// point that holds the sending is loaded for them.
fn send_waiting_requests() {
    let start = || {
        if storage::has_waiting_requests() {
            leptos::task::spawn_local(async {
                // Failing to load (offline) is retried on the next `online` event.
                let _ = crate::pages::send_waiting_requests().await;
            });
        }
    };
    start();
    std::mem::forget(window_event_listener(leptos::ev::online, move |_| start()));
}

/// The language to start in: the embedding portal's, else the one the patient
/// chose, else the browser's.
fn initial_lang() -> Lang {
    let chosen = |tag: String| Lang::from_tag(&tag);
    host::setting("lang")
        .and_then(chosen)
        .or_else(|| storage::load_lang().and_then(chosen))
        .unwrap_or_else(|| {
            let preferred = browser_languages();
            Lang::negotiate(preferred.iter().map(String::as_str))
        })
}

/// Starts the app: in an embedding portal's element when the page has one (see
/// [`crate::platform::host`]), else as the whole page.
pub fn start() {
    if let Some(root) = host::mount_point().or_else(|| document().body()) {
        leptos::mount::mount_to(root, App).forget();
    }
}

/// The whole app, with today's date. A change of language draws the shell
/// again in the new language; pages already loaded draw at once, and what the
/// patient saved or typed is kept.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(initial_lang());
    send_waiting_requests();
    leptos::task::spawn_local(async {
        host::report_height(config::runtime_config().await.parent_origins);
    });
    Effect::new(move |_| crate::i18n::set_document_lang(lang.get()));
    move || {
        // Tracked here: the shell is drawn again in the new language.
        let _ = lang.get();
        view! { <Shell lang=lang /> }
    }
}
