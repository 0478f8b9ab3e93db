//! A page that lives in its own WebAssembly chunk: loads it on first use,
//! renders it into a container and removes it when the patient leaves. The
//! shell may draw the page's top before it (`WaitTimesIntro`, which stays;
//! `ReferralIntro` and `RequestsIntro`, class `chunk-intro`, which the chunk's
//! own top replaces in the frame it is drawn).

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

use crate::chunk::{self, ChunkError};
use crate::i18n::use_texts;
use crate::router::{Router, focus_heading};

#[component]
pub fn ChunkPage(
    name: &'static str,
    /// The chunk's function that renders this page.
    export: &'static str,
    /// Whether the shell draws the page's top itself (see above): then loading
    /// starts once that is painted, so the chunk's download never delays it.
    /// Otherwise, or with the chunk loaded already, at once.
    #[prop(optional)]
    after_paint: bool,
) -> impl IntoView {
    let t = use_texts();
    let router = Router::use_context();
    let container = NodeRef::<leptos::html::Div>::new();
    // `None` while loading.
    let state = RwSignal::new(None::<Result<(), ChunkError>>);
    let show = move || {
        state.set(None);
        spawn_local(async move {
            let Some(root) = container.get_untracked() else {
                return;
            };
            let result = chunk::mount(name, export, &root).await;
            state.set(Some(result));
            if result.is_ok() {
                // The page's top the shell drew while loading (`.chunk-intro`)
                // goes in the same frame the chunk's own appears: nothing moves.
                if let Some(intro) = crate::host::query(".chunk-intro") {
                    intro.remove();
                }
                if router.has_navigated() {
                    request_animation_frame(focus_heading);
                }
            }
        });
    };
    Effect::new(move |_| {
        if after_paint && !chunk::is_loaded(name) {
            request_animation_frame(move || set_timeout(show, Duration::ZERO));
        } else {
            show();
        }
    });
    on_cleanup(move || chunk::unmount_later(name));
    view! {
        {move || match state.get() {
            None => view! { <p class="loading" aria-busy="true">{t.loading}</p> }.into_any(),
            Some(Err(_)) => view! {
                <div class="notice notice--warning" role="alert">
                    <p>{t.chunk_error}</p>
                    <button type="button" class="button button--secondary" on:click=move |_| show()>{t.retry}</button>
                </div>
            }.into_any(),
            Some(Ok(())) => ().into_any(),
        }}
        <div class="chunk-root" node_ref=container></div>
    }
}
