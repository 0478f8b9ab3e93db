//! A small client-side router: the route enum, reading it from the address bar,
//! and links that navigate without reloading.
//!
//! `leptos_router` cost about 56 KB of gzipped WebAssembly, over a quarter of the
//! first-load budget, for what this app needs: a handful of routes and the back
//! button. This module does that in a few dozen lines.

use leptos::ev::MouseEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The id of every page's `h1` (see [`crate::components::PageHeading`]).
pub const PAGE_HEADING_ID: &str = "page-heading";

/// Every page of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Guarantees,
    WaitTimes,
    NotFound,
}

impl Route {
    /// The route for a path. A trailing slash or `index.html` is the same page.
    pub fn parse(path: &str) -> Route {
        match path.trim_end_matches("index.html").trim_end_matches('/') {
            "" => Route::Guarantees,
            "/vantetider" => Route::WaitTimes,
            _ => Route::NotFound,
        }
    }

    pub fn path(self) -> &'static str {
        match self {
            Route::Guarantees | Route::NotFound => "/",
            Route::WaitTimes => "/vantetider",
        }
    }
}

/// The current route, kept in step with the address bar.
#[derive(Clone, Copy)]
pub struct Router {
    route: RwSignal<Route>,
}

fn current_path() -> String {
    window().location().pathname().unwrap_or_default()
}

impl Router {
    /// Reads the route from the address bar and follows back and forward.
    pub fn provide() -> Router {
        let router = Router {
            route: RwSignal::new(Route::parse(&current_path())),
        };
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            router.show(Route::parse(&current_path()));
        });
        on_cleanup(move || handle.remove());
        provide_context(router);
        router
    }

    pub fn use_context() -> Router {
        expect_context::<Router>()
    }

    pub fn route(&self) -> Route {
        self.route.get()
    }

    /// Shows `route` and records it in the history.
    pub fn navigate(&self, route: Route) {
        if let Ok(history) = window().history() {
            let _ =
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(route.path()));
        }
        self.show(route);
    }

    /// Shows `route`, then moves focus to the new page's heading so keyboard and
    /// screen-reader users start at its top, as after a full page load.
    fn show(&self, route: Route) {
        self.route.set(route);
        request_animation_frame(|| {
            let heading = document().get_element_by_id(PAGE_HEADING_ID);
            if let Some(heading) = heading.and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = heading.focus();
            }
        });
    }
}

/// A link to a route. A plain click navigates in place; a click with a modifier
/// key (new tab, new window) is left to the browser.
#[component]
pub fn Link(route: Route, children: Children) -> impl IntoView {
    let router = Router::use_context();
    let on_click = move |ev: MouseEvent| {
        if ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key()) {
            ev.prevent_default();
            router.navigate(route);
        }
    };
    let current = move || (router.route() == route).then_some("page");
    view! { <a href=route.path() aria-current=current on:click=on_click>{children()}</a> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_routes() {
        assert_eq!(Route::parse("/"), Route::Guarantees);
        assert_eq!(Route::parse(""), Route::Guarantees);
        assert_eq!(Route::parse("/index.html"), Route::Guarantees);
        assert_eq!(Route::parse("/nope"), Route::NotFound);
        assert_eq!(Route::parse("/vantetider/"), Route::WaitTimes);
        assert_eq!(Route::parse(Route::WaitTimes.path()), Route::WaitTimes);
        assert_eq!(Route::parse(Route::Guarantees.path()), Route::Guarantees);
    }
}
