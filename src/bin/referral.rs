//! Requesting care elsewhere ("Begär vård hos en annan vårdgivare") and
//! following requests ("Mina förfrågningar") as their own WebAssembly chunk,
//! loaded when a patient opens one of those pages — or at start while requests
//! wait in the outbox, since this chunk holds the sending. The app shell
//! (`src/main.rs`) loads it through [`vardkoll::chunk`].
//!
//! The outbox and the form live as long as the page (see
//! [`vardkoll::state::OutboxStore::shared`]), so sending goes on and what was
//! typed is kept while the patient moves between pages.

use std::cell::RefCell;

use leptos::mount::{UnmountHandle, mount_to};
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;
use vardkoll::app::provide_referral_context;
use vardkoll::pages::{ReferralPage, RequestsPage};
use vardkoll::state::OutboxStore;
use vardkoll::today::today;
use wasm_bindgen::prelude::wasm_bindgen;

thread_local! {
    static MOUNTED: RefCell<Option<UnmountHandle<AnyViewState>>> = const { RefCell::new(None) };
}

fn show(root: web_sys::HtmlElement, page: fn() -> AnyView) {
    unmount();
    let handle = mount_to(root, move || {
        provide_referral_context(today());
        page()
    });
    MOUNTED.with(|m| *m.borrow_mut() = Some(handle));
}

/// Renders the request form into `root` (replacing an earlier mount, if any).
#[wasm_bindgen]
pub fn mount_form(root: web_sys::HtmlElement) {
    show(root, || view! { <ReferralPage /> }.into_any());
}

/// Renders "Mina förfrågningar" into `root` (replacing an earlier mount, if any).
#[wasm_bindgen]
pub fn mount_requests(root: web_sys::HtmlElement) {
    show(root, || view! { <RequestsPage /> }.into_any());
}

/// Removes the page and everything it listens to; the outbox keeps sending.
#[wasm_bindgen]
pub fn unmount() {
    let handle = MOUNTED.with(|m| m.borrow_mut().take());
    drop(handle);
}

/// Starts sending what waits in the outbox, without showing anything.
#[wasm_bindgen]
pub fn start_outbox() {
    OutboxStore::shared();
}

fn main() {}
