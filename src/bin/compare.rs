//! The "Väntetider" comparison as its own WebAssembly chunk, loaded only when a
//! patient opens that page, so the first page load stays small. The app shell
//! (`src/main.rs`) imports it through [`vardkoll::chunk`] and calls `mount` with
//! the element to render into, and `unmount` when the patient leaves the page.

use std::cell::RefCell;

use leptos::mount::{UnmountHandle, mount_to};
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;
use vardkoll::app::provide_page_context;
use vardkoll::pages::WaitTimesPage;
use wasm_bindgen::prelude::wasm_bindgen;

thread_local! {
    static MOUNTED: RefCell<Option<UnmountHandle<AnyViewState>>> = const { RefCell::new(None) };
}

/// Renders the comparison into `root` (replacing an earlier mount, if any).
#[wasm_bindgen]
pub fn mount(root: web_sys::HtmlElement) {
    unmount();
    let handle = mount_to(root, || {
        provide_page_context();
        view! { <WaitTimesPage /> }.into_any()
    });
    MOUNTED.with(|m| *m.borrow_mut() = Some(handle));
}

/// Removes the comparison and everything it listens to.
#[wasm_bindgen]
pub fn unmount() {
    let handle = MOUNTED.with(|m| m.borrow_mut().take());
    drop(handle);
}

fn main() {}
