//! Whether a place on the page is near what the patient sees: a one-shot
//! `IntersectionObserver`, for parts below the fold that are drawn only when
//! the patient scrolls (or tabs) towards them.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

/// How far below the visible area counts as near: one screen's height, so a
/// part is drawn before the patient reaches it.
const NEAR: &str = "0px 0px 100% 0px";

/// Watches one element until it comes near the viewport; dropping it stops
/// watching (a page left before that point calls nothing).
pub struct NearViewport {
    observer: IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array, IntersectionObserver)>,
}

impl Drop for NearViewport {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Calls `on_near` once `element` is in the viewport or within a screen's
/// height below it. Where the browser has no `IntersectionObserver` it calls
/// `on_near` at once and returns `None`.
pub fn when_near_viewport(
    element: &Element,
    on_near: impl FnOnce() + 'static,
) -> Option<NearViewport> {
    let pending = Rc::new(Cell::new(Some(on_near)));
    let in_callback = Rc::clone(&pending);
    let callback = Closure::<dyn FnMut(js_sys::Array, IntersectionObserver)>::new(
        move |entries: js_sys::Array, observer: IntersectionObserver| {
            let near = entries
                .iter()
                .filter_map(|entry| entry.dyn_into::<IntersectionObserverEntry>().ok())
                .any(|entry| entry.is_intersecting());
            if near {
                observer.disconnect();
                call_once(&in_callback);
            }
        },
    );
    let init = IntersectionObserverInit::new();
    init.set_root_margin(NEAR);
    match IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init) {
        Ok(observer) => {
            observer.observe(element);
            Some(NearViewport {
                observer,
                _callback: callback,
            })
        }
        Err(_) => {
            call_once(&pending);
            None
        }
    }
}

fn call_once(pending: &Cell<Option<impl FnOnce()>>) {
    if let Some(on_near) = pending.take() {
        on_near();
    }
}
