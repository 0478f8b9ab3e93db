//! A view from a split point — a page's rest below its top, or a part of a
//! page drawn only once it is needed: loading while its code loads, then the
//! view. The page the app opens on loads its code once the shell's first
//! contentful paint (with the page's top) is on screen, so that paint never
//! waits for the download; later pages and parts load at once. When loading fails
//! (offline, or a new build deployed and the old files gone), a clear message
//! with a retry, which loads again — by the button, or by itself when the
//! browser comes back online. The page never dies.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::i18n::{page_texts, use_texts};
use crate::platform::split::SplitError;

/// Draws a split point's view, once its code is loaded.
pub type Draw = fn() -> AnyView;

/// Loads a view's code: a split point (see [`crate::platform::split`]).
pub type ViewLoad = fn() -> Pin<Box<dyn Future<Output = Result<Draw, SplitError>>>>;

thread_local! {
    /// Whether the app's first paint is behind us.
    static PAINTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Where loading stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Loading {
    Busy,
    Done,
    Failed,
}

#[component]
pub fn LazyView(load: ViewLoad) -> impl IntoView {
    let t = use_texts();
    let state = RwSignal::new(Loading::Busy);
    // Each attempt draws the page anew; a failed one draws nothing.
    let attempt = RwSignal::new(0_u32);
    let retry = move || {
        if state.get_untracked() == Loading::Failed {
            state.set(Loading::Busy);
            attempt.update(|n| *n += 1);
        }
    };
    let online = window_event_listener(leptos::ev::online, move |_| retry());
    on_cleanup(move || online.remove());
    let page = move || {
        attempt.track();
        Suspend::new(SendWrapper::new(async move {
            if !PAINTED.replace(true) {
                crate::platform::clock::first_contentful_paint().await;
            }
            // The page's texts in the patient's language, if not Swedish,
            // load beside its code (see `i18n::page_texts`); it is drawn once
            // both are here, so it never reads a text still on its way.
            let (texts, draw) = futures::future::join(page_texts::load(t.lang), load()).await;
            let draw = texts.and(draw);
            state.set(if draw.is_ok() {
                Loading::Done
            } else {
                Loading::Failed
            });
            draw.ok().map(|draw| draw())
        }))
    };
    view! {
        {move || match state.get() {
            Loading::Busy => view! { <p class="loading" aria-busy="true">{t.loading}</p> }.into_any(),
            Loading::Failed => view! {
                <div class="notice notice--warning" role="alert">
                    <p>{t.page_load_error}</p>
                    <button type="button" class="button button--secondary" on:click=move |_| retry()>{t.retry}</button>
                </div>
            }.into_any(),
            Loading::Done => ().into_any(),
        }}
        {page}
    }
}
