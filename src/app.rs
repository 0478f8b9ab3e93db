//! The application shell: header, navigation, the current page and footer.

use leptos::prelude::*;

use crate::i18n::{
    Lang, browser_languages, document_lang, provide_i18n, set_document_lang, use_texts,
};
use crate::pages::{
    ChunkPage, GuaranteesPage, NotFoundPage, ReferralIntro, RequestsIntro, WaitTimesIntro,
};
use crate::pwa::UpdateBanner;
use crate::router::{Link, Route, Router};
use crate::state::{EpisodeStore, OutboxStore, ReferralForm};
use crate::storage;
use crate::today::{Today, today};

/// Provides what every page needs: texts and the router. A page chunk (see
/// [`crate::chunk`]) calls this for itself.
pub fn provide_page_context() -> Router {
    provide_i18n(document_lang());
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

/// The language to start in: the embedding portal's, else the one the patient
/// chose, else the browser's.
fn initial_lang() -> Lang {
    let portal = crate::host::setting("lang").and_then(|tag| Lang::from_tag(&tag));
    portal.or_else(storage::load_lang).unwrap_or_else(|| {
        let preferred = browser_languages();
        Lang::negotiate(preferred.iter().map(String::as_str))
    })
}

/// Starts the app: in an embedding portal's element when the page has one (see
/// [`crate::host`]), else as the whole page.
pub fn start() {
    if let Some(root) = crate::host::mount_point().or_else(|| document().body()) {
        leptos::mount::mount_to(root, App).forget();
    }
}

/// The whole app, with state loaded from the browser and today's date. A
/// change of language draws it all again in the new language (what the patient
/// saved, and the referral form, are kept).
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(initial_lang());
    send_waiting_requests();
    leptos::task::spawn_local(async {
        crate::embed::report_height(crate::api::runtime_config().await.parent_origins);
    });
    move || {
        set_document_lang(lang.get());
        view! { <Shell lang=lang /> }
    }
}

/// The language menu: each language named in itself.
#[component]
fn LanguagePicker(lang: RwSignal<Lang>) -> impl IntoView {
    let t = use_texts();
    let change = move |ev: leptos::ev::Event| {
        let Some(chosen) = Lang::from_tag(&event_target_value(&ev)) else {
            return;
        };
        // Not remembered if storage is unavailable; the switch still happens.
        let _ = storage::save_lang(chosen);
        lang.set(chosen);
        request_animation_frame(|| crate::host::focus_by_id("language"));
    };
    view! {
        <div class="language-picker">
            <label for="language">{t.language_label}</label>
            <select id="language" on:change=change>
                {Lang::ALL.into_iter().map(|l| view! {
                    <option value=l.tag() lang=l.tag() selected=move || lang.get_untracked() == l>{l.native_name()}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn Shell(lang: RwSignal<Lang>) -> impl IntoView {
    let router = provide_app_context(today());
    let t = use_texts();
    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            crate::host::focus_by_id("main");
        }>{t.skip_link}</a>
        <header class="site-header">
            <p class="site-header__name">{t.app_name}</p>
            <nav aria-label=t.nav_label>
                <ul>
                    <li><Link route=Route::Guarantees>{t.guarantees_title}</Link></li>
                    <li><Link route=Route::WaitTimes>{t.wait_times_title}</Link></li>
                    <li><Link route=Route::Requests>{t.nav_requests}</Link></li>
                </ul>
            </nav>
            <LanguagePicker lang=lang />
        </header>
        <UpdateBanner />
        <main id="main">
            {move || match router.route() {
                Route::Guarantees => view! { <GuaranteesPage /> }.into_any(),
                // The comparison is a separate chunk, loaded when first opened;
                // its heading and lead are the shell's, shown at once.
                Route::WaitTimes => view! {
                    <WaitTimesIntro />
                    <ChunkPage name="compare" export="mount" after_paint=true />
                }.into_any(),
                // Requesting care elsewhere and following requests: one chunk.
                Route::Referral => view! {
                    <ReferralIntro />
                    <ChunkPage name="referral" export="mount_form" after_paint=true />
                }.into_any(),
                Route::Requests => view! {
                    <RequestsIntro />
                    <ChunkPage name="referral" export="mount_requests" after_paint=true />
                }.into_any(),
                Route::NotFound => view! { <NotFoundPage /> }.into_any(),
            }}
        </main>
        <footer class="site-footer"><p>{t.footer}</p></footer>
    }
}
