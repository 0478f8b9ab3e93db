//! The patient's position, asked for only when they press the button (the
//! browser then asks for permission). The position is handed to the caller and
//! never stored or sent anywhere.

use std::cell::RefCell;
use std::rc::Rc;

use vardkoll_domain::compare::geo::Point;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

/// Calls `done` once: with the position, or `None` when it is refused or unavailable.
pub fn current_position(done: impl FnOnce(Option<Point>) + 'static) {
    let done = Rc::new(RefCell::new(Some(done)));
    let finish = move |point: Option<Point>| {
        if let Some(done) = done.borrow_mut().take() {
            done(point);
        }
    };
    let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        finish(None);
        return;
    };
    let on_error = finish.clone();
    let success = Closure::once_into_js(move |position: web_sys::Position| {
        let coords = position.coords();
        let point = Point::new(coords.latitude(), coords.longitude());
        finish(point.is_valid().then_some(point));
    });
    let failure = Closure::once_into_js(move |_: wasm_bindgen::JsValue| on_error(None));
    let asked = geolocation.get_current_position_with_error_callback(
        success.unchecked_ref(),
        Some(failure.unchecked_ref()),
    );
    if asked.is_err() {
        // The browser refused before asking: report it through the error path.
        let _ = failure
            .unchecked_ref::<js_sys::Function>()
            .call1(&wasm_bindgen::JsValue::NULL, &wasm_bindgen::JsValue::NULL);
    }
}
