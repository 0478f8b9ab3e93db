//! The installable app: registers the service worker (`sw.js`, written by the
//! build) and offers a new version with a reload prompt. A new worker waits
//! until the patient accepts; then it takes over and the page reloads once into
//! the new build. The page is fetched network-first by the worker, so no one is
//! kept on an old build: the prompt only saves a reload.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState};

/// The browser's service worker container, if it has one.
fn service_workers() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::get(&navigator, &"serviceWorker".into())
        .ok()?
        .dyn_into()
        .ok()
}

/// A new version is installed and waiting for the patient's go-ahead.
#[derive(Clone, Copy)]
pub struct UpdatePrompt {
    waiting: RwSignal<Option<ServiceWorkerRegistration>, LocalStorage>,
}

impl UpdatePrompt {
    /// Registers the service worker and watches for new versions.
    pub fn start() -> UpdatePrompt {
        let prompt = UpdatePrompt {
            waiting: RwSignal::new_local(None),
        };
        // No service worker (an old browser, a private window, a test page that
        // blocks them): the app works as before, only not offline.
        let Some(container) = service_workers() else {
            return prompt;
        };
        let Ok(registered) = container.register("sw.js").dyn_into::<js_sys::Promise>() else {
            return prompt;
        };
        leptos::task::spawn_local(async move {
            let registration = wasm_bindgen_futures::JsFuture::from(registered).await;
            if let Ok(registration) =
                registration.and_then(|r| r.dyn_into::<ServiceWorkerRegistration>())
            {
                prompt.watch(&registration);
            }
        });
        prompt
    }

    /// Shows the prompt when a new worker is installed while an older one runs
    /// the page (the very first install needs no prompt).
    fn watch(self, registration: &ServiceWorkerRegistration) {
        let controlled = || service_workers().is_some_and(|c| c.controller().is_some());
        if registration.waiting().is_some() && controlled() {
            self.waiting.set(Some(registration.clone()));
        }
        let found_registration = registration.clone();
        let on_update_found = Closure::<dyn FnMut()>::new(move || {
            let Some(worker) = found_registration.installing() else {
                return;
            };
            let registration = found_registration.clone();
            let installing: ServiceWorker = worker.clone();
            let on_state = Closure::<dyn FnMut()>::new(move || {
                if installing.state() == ServiceWorkerState::Installed && controlled() {
                    self.waiting.set(Some(registration.clone()));
                }
            });
            worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
        on_update_found.forget();
    }

    pub fn available(&self) -> bool {
        self.waiting.with(Option::is_some)
    }

    /// Lets the new version take over, then reloads into it.
    pub fn accept(&self) {
        let Some(registration) = self.waiting.get_untracked() else {
            return;
        };
        let (Some(window), Some(container)) = (web_sys::window(), service_workers()) else {
            return;
        };
        let reload = Closure::<dyn FnMut()>::new(move || {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
        reload.forget();
        match registration.waiting() {
            Some(worker) => {
                let _ = worker.post_message(&"skip-waiting".into());
            }
            None => {
                let _ = window.location().reload();
            }
        }
    }
}

/// The reload prompt, shown while a new version waits.
#[component]
pub fn UpdateBanner(prompt: UpdatePrompt) -> impl IntoView {
    let t = crate::i18n::use_texts();
    view! {
        <div class="update-banner" role="status" aria-live="polite">
            {move || prompt.available().then(|| view! {
                <p>{t.update_available}</p>
                <button type="button" class="button" on:click=move |_| prompt.accept()>{t.update_reload}</button>
            })}
        </div>
    }
}
