//! The installable app's reload prompt. `public/pwa.js` registers the service
//! worker (`sw.js`, written by the build) and, when a new version waits, marks
//! the document (`data-update-ready`); the stylesheet then shows this banner,
//! and its button lets the new version take over and reloads into it
//! ([`crate::platform::host::take_update`], where this contract is written
//! down). The page is fetched network-first by the worker, so no one is kept on
//! an old build: the prompt only saves a reload.

use leptos::prelude::*;

/// The reload prompt, in the patient's language; shown while a new version waits.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let t = crate::i18n::use_texts();
    let reload = |_| {
        let _ = crate::platform::host::take_update();
    };
    view! {
        <div class="update-banner" role="status" aria-live="polite">
            <p>{t.update_available}</p>
            <button type="button" class="button" on:click=reload>{t.update_reload}</button>
        </div>
    }
}
