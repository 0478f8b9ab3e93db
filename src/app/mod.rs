//! The app: one Leptos program and one reactive runtime. The shell (header,
//! navigation, each page's top, footer) is in the first load; each page's rest
//! and the sending of waiting requests are split points (see
//! [`crate::platform::split`]), loaded on first use into the same runtime, so
//! they share the shell's signals and context: language, router, today's date.

mod account;
mod language_picker;
mod shell;
mod update_banner;

pub use account::{Account, SignInNotice};
pub use shell::Shell;
pub use update_banner::UpdateBanner;

use leptos::prelude::*;

use crate::i18n::{Lang, browser_languages, page_texts, provide_i18n};
use crate::platform::clock::Today;
use crate::platform::{config, host, storage};
use crate::router::Router;
use crate::state::sign_in_flow::{self, Action};
use crate::state::{Callback, Session, take_callback};

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

/// Signing in where the deployment has an identity provider: the provider's
/// answer when the patient comes back from it, else a silent sign-in when they
/// were signed in in this tab before a reload, or when an embedding portal
/// asks for single sign-on (`data-single-sign-on`, or `singleSignOn` in
/// `config.json` for an iframe; tried once per tab).
async fn resume_sign_in(session: Session, callback: Option<Callback>) {
    let config = config::runtime_config().await;
    let Some(provider) = &config.oidc else {
        return;
    };
    let single_sign_on = provider.single_sign_on || host::flag("single-sign-on");
    session.configured();
    // A portal may hand in its own token (see `platform::host`).
    host::on_portal_token(config.parent_origins, move |token| {
        let action = match token {
            Some(token) => Action::Accept(token),
            None => Action::SignOut,
        };
        leptos::task::spawn_local(async move {
            let _ = sign_in_flow::start(action).await;
        });
    });
    let action = match callback {
        Some(callback) => Action::Complete(callback),
        None if storage::was_signed_in() => Action::Begin { silent: true },
        None if single_sign_on && storage::first_single_sign_on() => Action::Begin { silent: true },
        None => return,
    };
    let _ = sign_in_flow::start(action).await;
}

/// The language asked for: the embedding portal's, else the one the patient
/// chose, else the browser's.
fn preferred_lang() -> Lang {
    let chosen = |tag: String| Lang::from_tag(&tag);
    host::setting("lang")
        .and_then(chosen)
        .or_else(|| storage::load_lang().and_then(chosen))
        .unwrap_or_else(|| {
            let preferred = browser_languages();
            Lang::negotiate(preferred.iter().map(String::as_str))
        })
}

/// The language to start in: `asked`, or Swedish when that is Arabic and its
/// words could not be loaded (see [`start`]).
fn usable(asked: Lang) -> Lang {
    if asked == Lang::Ar && page_texts::loaded(asked).is_none() {
        Lang::Sv
    } else {
        asked
    }
}

/// Starts the app: in an embedding portal's element when the page has one (see
/// [`crate::platform::host`]), else as the whole page. In Arabic once its
/// words are here (they are not in the first load: see
/// [`crate::i18n::page_texts`]).
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        let asked = preferred_lang();
        if asked == Lang::Ar {
            // Failing (offline), the app starts in Swedish.
            let _ = page_texts::load(Lang::Ar).await;
        }
        let lang = usable(asked);
        if let Some(root) = host::mount_point().or_else(|| document().body()) {
            leptos::mount::mount_to(root, move || view! { <App lang=lang /> }).forget();
        }
    });
}

/// The whole app, with today's date. A change of language draws the shell
/// again in the new language; pages already loaded draw at once, and what the
/// patient saved or typed is kept.
/// `lang` is the language to start in ([`start`] decides it); without it, the
/// one asked for.
#[component]
pub fn App(#[prop(optional)] lang: Option<Lang>) -> impl IntoView {
    let lang = RwSignal::new(lang.unwrap_or_else(|| usable(preferred_lang())));
    let session = Session::provide();
    // Before the router reads the address: it goes back to the page the
    // patient signed in from.
    let callback = take_callback();
    leptos::task::spawn_local(resume_sign_in(session, callback));
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
