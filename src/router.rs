//! A small client-side router: the route enum, reading it from the address bar,
//! and links that navigate without reloading.
//!
//! `leptos_router` cost about 56 KB of gzipped WebAssembly, over a quarter of the
//! first-load budget, for what this app needs: a handful of routes and the back
//! button. This module does that in a few dozen lines.

use leptos::ev::MouseEvent;
use leptos::prelude::*;

/// The id of every page's `h1` (see [`crate::components::PageHeading`]).
pub const PAGE_HEADING_ID: &str = "page-heading";

/// Every page of the app.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Route {
    #[default]
    Guarantees,
    WaitTimes,
    Referral,
    Requests,
    /// "Vårdlotsen", the region's care navigators' page.
    Navigator,
    /// "Lediga tider", a provider's schedulers' page.
    FreeTimes,
    NotFound,
}

impl Route {
    /// The route for a path. A trailing slash or `index.html` is the same page.
    pub fn parse(path: &str) -> Route {
        match path.trim_end_matches("index.html").trim_end_matches('/') {
            "" | GUARANTEES_PATH => Route::Guarantees,
            "/vantetider" => Route::WaitTimes,
            "/remiss" => Route::Referral,
            "/forfragningar" => Route::Requests,
            "/vardlotsen" => Route::Navigator,
            "/lediga-tider" => Route::FreeTimes,
            _ => Route::NotFound,
        }
    }

    pub fn path(self) -> &'static str {
        match self {
            Route::Guarantees | Route::NotFound => "/",
            Route::WaitTimes => "/vantetider",
            Route::Referral => "/remiss",
            Route::Requests => "/forfragningar",
            Route::Navigator => "/vardlotsen",
            Route::FreeTimes => "/lediga-tider",
        }
    }
}

/// The guarantees' own address, for when another page is the start page.
const GUARANTEES_PATH: &str = "/vardgarantier";

/// Where the app's pages are: under `base` (a portal's path; empty on the app's
/// own site), with `start` shown at `base` itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paths {
    base: String,
    start: Route,
}

impl Paths {
    /// `base` as a portal writes it (`/halsa/vardkoll/` or `halsa/vardkoll`);
    /// `start` by its address's last part (`vantetider`), unknown ones ignored.
    pub fn new(base: &str, start: &str) -> Paths {
        let base = base.trim().trim_matches('/');
        let start = match Route::parse(&format!("/{}", start.trim().trim_matches('/'))) {
            Route::NotFound => Route::Guarantees,
            route => route,
        };
        Paths {
            base: if base.is_empty() {
                String::new()
            } else {
                format!("/{base}")
            },
            start,
        }
    }

    /// The page at `path` (the address bar's path).
    pub fn route(&self, path: &str) -> Route {
        let Some(rest) = path.strip_prefix(&self.base) else {
            return Route::NotFound;
        };
        if !(rest.is_empty() || rest.starts_with('/')) {
            return Route::NotFound; // `/halsa/vardkollen` is not under `/halsa/vardkoll`
        }
        let page = rest.trim_end_matches("index.html").trim_end_matches('/');
        if page.is_empty() {
            self.start
        } else {
            Route::parse(page)
        }
    }

    /// The address of `route`.
    pub fn href(&self, route: Route) -> String {
        let path = match route {
            _ if route == self.start => "/",
            Route::Guarantees => GUARANTEES_PATH,
            _ => route.path(),
        };
        format!("{}{path}", self.base)
    }

    /// The paths an embedding portal set (see [`crate::platform::host`]); the site's root otherwise.
    pub fn from_host() -> Paths {
        let setting = |name| crate::platform::host::setting(name).unwrap_or_default();
        Paths::new(&setting("base-path"), &setting("start-page"))
    }
}

thread_local! {
    /// Where the pages are, read from the page by [`Router::provide`]; the
    /// same for a page's life.
    static PATHS: std::cell::RefCell<Paths> = std::cell::RefCell::default();
}

/// The decoded value of parameter `name` in a query string (`?a=b&c=d`).
pub fn query_param(query: &str, name: &str) -> Option<String> {
    query.trim_start_matches('?').split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name)
            .then(|| vardkoll_domain::compare::view_state::decode_component(value))
            .flatten()
    })
}

/// The current route and query, kept in step with the address bar.
#[derive(Clone, Copy)]
pub struct Router {
    route: RwSignal<Route>,
    query: RwSignal<String>,
    /// Whether the patient has moved between pages (not just loaded one).
    navigated: RwSignal<bool>,
}

fn current_path() -> String {
    window().location().pathname().unwrap_or_default()
}

fn current_query() -> String {
    window().location().search().unwrap_or_default()
}

fn write_history(url: &str, push: bool) {
    if let Ok(history) = window().history() {
        let state = wasm_bindgen::JsValue::NULL;
        let _ = if push {
            history.push_state_with_url(&state, "", Some(url))
        } else {
            history.replace_state_with_url(&state, "", Some(url))
        };
    }
}

impl Router {
    /// Reads the route from the address bar and follows back and forward.
    pub fn provide() -> Router {
        let paths = Paths::from_host();
        let router = Router {
            route: RwSignal::new(paths.route(&current_path())),
            query: RwSignal::new(current_query()),
            navigated: RwSignal::new(false),
        };
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            router.query.set(current_query());
            let route = router.route_of(&current_path());
            if route != router.route.get_untracked() {
                router.show(route);
            }
        });
        on_cleanup(move || handle.remove());
        PATHS.with(|p| *p.borrow_mut() = paths);
        provide_context(router);
        router
    }

    pub fn use_context() -> Router {
        expect_context::<Router>()
    }

    pub fn route(&self) -> Route {
        self.route.get()
    }

    /// The page at `path`.
    pub fn route_of(&self, path: &str) -> Route {
        PATHS.with(|p| p.borrow().route(path))
    }

    /// The address of `route`.
    pub fn href(&self, route: Route) -> String {
        PATHS.with(|p| p.borrow().href(route))
    }

    /// The query string of the address (with its `?`, or empty).
    pub fn query(&self) -> String {
        self.query.get()
    }

    /// Records `route` with `query` in the history and shows it (a link to the
    /// page already shown still starts the patient at its top).
    pub fn navigate(&self, route: Route, query: &str) {
        write_history(&format!("{}{query}", self.href(route)), true);
        self.query.set(query.to_owned());
        self.show(route);
    }

    /// Whether the patient has moved between pages since the app started.
    pub fn has_navigated(&self) -> bool {
        self.navigated.get_untracked()
    }

    /// Changes the query of the current page: a new history entry when `push`
    /// (the back button returns to the previous view), else in place (typing).
    ///
    /// The page follows at once; the address bar is written just after, so the
    /// patient sees the new view without waiting for the browser's history.
    pub fn set_query(&self, query: String, push: bool) {
        if query == self.query.get_untracked() {
            return;
        }
        let url = format!("{}{query}", current_path());
        self.query.set(query);
        set_timeout(move || write_history(&url, push), std::time::Duration::ZERO);
    }

    /// Shows `route`, then moves focus to the new page's heading so keyboard and
    /// screen-reader users start at its top, as after a full page load.
    fn show(&self, route: Route) {
        self.route.set(route);
        self.navigated.set(true);
        request_animation_frame(focus_heading);
    }
}

/// Moves focus to the page's `h1`, if there is one yet.
pub fn focus_heading() {
    crate::platform::host::focus_by_id(PAGE_HEADING_ID);
}

/// A click that should navigate in place: the main button, no modifier key
/// (those open a new tab or window, which is left to the browser).
pub fn is_plain_click(ev: &MouseEvent) -> bool {
    ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key())
}

/// A link to a route, with an optional query (`?a=b`). A plain click navigates
/// in place; a click with a modifier key (new tab, new window) is left to the browser.
#[component]
pub fn Link(
    route: Route,
    #[prop(optional, into)] query: String,
    children: Children,
) -> impl IntoView {
    let router = Router::use_context();
    let href = format!("{}{query}", router.href(route));
    let on_click = move |ev: MouseEvent| {
        if is_plain_click(&ev) {
            ev.prevent_default();
            router.navigate(route, &query);
        }
    };
    let current = move || (router.route() == route).then_some("page");
    view! { <a href=href aria-current=current on:click=on_click>{children()}</a> }
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
        assert_eq!(Route::parse(Route::Referral.path()), Route::Referral);
        assert_eq!(Route::parse(Route::Guarantees.path()), Route::Guarantees);
        assert_eq!(Route::parse("/forfragningar"), Route::Requests);
        assert_eq!(Route::parse(Route::Navigator.path()), Route::Navigator);
        assert_eq!(Route::parse("/lediga-tider"), Route::FreeTimes);
        assert_eq!(Route::parse(Route::FreeTimes.path()), Route::FreeTimes);
        assert_eq!(Route::parse("/vardgarantier"), Route::Guarantees);
    }

    #[test]
    fn the_site_root_holds_every_page_by_default() {
        let paths = Paths::default();
        assert_eq!(paths.href(Route::Guarantees), "/");
        assert_eq!(paths.href(Route::WaitTimes), "/vantetider");
        assert_eq!(paths.route("/"), Route::Guarantees);
        assert_eq!(paths.route("/remiss"), Route::Referral);
    }

    #[test]
    fn a_portal_path_holds_the_pages_and_its_start_page() {
        let paths = Paths::new("/halsa/vardkoll/", "vantetider");
        assert_eq!(paths, Paths::new("halsa/vardkoll", "/vantetider/"));
        assert_eq!(paths.href(Route::WaitTimes), "/halsa/vardkoll/");
        assert_eq!(
            paths.href(Route::Guarantees),
            "/halsa/vardkoll/vardgarantier"
        );
        assert_eq!(paths.href(Route::Referral), "/halsa/vardkoll/remiss");
        assert_eq!(paths.route("/halsa/vardkoll"), Route::WaitTimes);
        assert_eq!(paths.route("/halsa/vardkoll/"), Route::WaitTimes);
        assert_eq!(
            paths.route("/halsa/vardkoll/vardgarantier"),
            Route::Guarantees
        );
        assert_eq!(
            paths.route("/halsa/vardkoll/forfragningar"),
            Route::Requests
        );
        assert_eq!(paths.route("/halsa/vardkollen"), Route::NotFound);
        assert_eq!(paths.route("/remiss"), Route::NotFound);
        for route in [
            Route::Guarantees,
            Route::WaitTimes,
            Route::Referral,
            Route::Requests,
        ] {
            assert_eq!(paths.route(&paths.href(route)), route);
        }
        // An unknown start page is the guarantees.
        assert_eq!(Paths::new("/a", "nowhere").route("/a"), Route::Guarantees);
        assert_eq!(Paths::new("", "").href(Route::Guarantees), "/");
    }

    #[test]
    fn query_parameters_are_found_and_decoded() {
        let query = "?tjanst=op-hoft&vardgivare=s%C3%B6s&kvitto=";
        assert_eq!(query_param(query, "tjanst").as_deref(), Some("op-hoft"));
        assert_eq!(query_param(query, "vardgivare").as_deref(), Some("sös"));
        assert_eq!(query_param(query, "episod"), None);
        assert_eq!(query_param("", "tjanst"), None);
    }
}
