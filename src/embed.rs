//! Embedding in a portal's iframe: the app tells the embedding page its height,
//! so the portal can size the iframe without a scroll bar of its own — by
//! `postMessage`, and only to the origins `config.json` allows
//! (`parentOrigins`). Outside an iframe, or with no origin allowed, it says
//! nothing.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// The message's `type`: `{ "type": "vardkoll:height", "height": 812 }`.
pub const HEIGHT_MESSAGE: &str = "vardkoll:height";

/// Starts reporting the document's height to the parent page, if it is one of
/// `origins`. Each origin is a message's target origin, so the browser delivers
/// it only when the parent really is that origin.
pub fn report_height(origins: Vec<String>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(parent) = window.parent().ok().flatten() else {
        return;
    };
    if origins.is_empty() || js_sys::Object::is(&parent, &window) {
        return; // not in an iframe, or no portal allowed
    }
    let Some(root) = window.document().and_then(|d| d.document_element()) else {
        return;
    };
    let measured = root.clone();
    let last = std::cell::Cell::new(-1);
    let send = Closure::<dyn FnMut()>::new(move || {
        let height = measured.scroll_height();
        if height == last.replace(height) {
            return;
        }
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
        for origin in &origins {
            let _ = parent.post_message(&message, origin);
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(send.as_ref().unchecked_ref()) {
        observer.observe(&root);
        // The observer and its callback live as long as the page.
        std::mem::forget(observer);
        send.forget();
    }
}
