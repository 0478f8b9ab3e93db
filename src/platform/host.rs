//! The host-page contract: everything the app and the page it lives in agree
//! on, in one place. The app lives in a page of its own (the whole `<body>`), in
//! a portal's iframe, or in a portal's element.
//!
//! - **Its own page** (`index.html`): the build writes the module script that
//!   starts the app; `public/pwa.js` registers the service worker and, when a
//!   new version waits, marks `<html data-update-ready>`, which shows the app's
//!   reload prompt; its button calls [`take_update`].
//! - **A portal's iframe**: the app reports its height to the origins
//!   `config.json` allows ([`report_height`]). Those origins may also hand it
//!   a token, as a portal's element does (below), by `postMessage`:
//!   `{ type: "vardkoll:sign-in", accessToken }` or `{ type: "vardkoll:sign-out" }`;
//!   the app answers `{ type: "vardkoll:token-needed" }` and
//!   `{ type: "vardkoll:signed-out" }` to them, and to no one else.
//! - **A portal's element**: the portal adds an element carrying
//!   `data-vardkoll` and the loader `embed.js` (see the README). The loader
//!   gives the element a shadow root holding the app's stylesheet, where the
//!   app's files are (`<meta name="vardkoll-assets">`: `config.json` is read
//!   from there) and the element the app renders into (`.vardkoll-app`), so the
//!   portal's CSS and the app's stay apart. The app's `lang` and `dir` go on
//!   that element, never on the portal's page. The split points' files load
//!   from beside the app's script. The element's data attributes configure the
//!   app:
//!
//! | attribute             | meaning                                              |
//! |-----------------------|------------------------------------------------------|
//! | `data-base-path`      | the portal's path the app's pages live under         |
//! | `data-start-page`     | the page at that path (`vardgarantier`, `vantetider`, `remiss`, `forfragningar`) |
//! | `data-lang`           | the language to show (`sv`, `en`, `ar`)              |
//! | `data-home-region`    | the home region until the patient picks one (`01`…`25`) |
//! | `data-api-base-url`   | where the API is (else `config.json` beside the app) |
//! | `data-oidc-issuer`, `data-oidc-client-id` | the portal's identity provider (else `config.json`'s); `data-oidc-scopes`, `data-oidc-audience` optional |
//!
//! - **A portal's token** (element mode): a portal that has the patient signed
//!   in may hand the app an access token for the API instead of the app's own
//!   sign-in: `element.dispatchEvent(new CustomEvent("vardkoll:sign-in",
//!   { detail: { accessToken } }))`; `vardkoll:sign-out` signs the patient out.
//!   The app dispatches `vardkoll:token-needed` on the element before the token
//!   runs out (answer with a new `vardkoll:sign-in`) and `vardkoll:signed-out`
//!   when the patient signs out in the app ([`on_portal_token`], [`tell_portal`]).
//!   `data-single-sign-on` asks the app to sign in silently (`prompt=none`)
//!   once per tab where the portal's identity provider knows the patient.
//! - **Signing in** (every mode): the identity provider sends the patient back
//!   to [`redirect_uri`] (the app's start address: the site's root, or the
//!   portal's `data-base-path`) with `?code=…&state=…`; the app takes the code
//!   and puts the address back to where the patient was.
//!
//! Everything here reads the page as it is (nothing is kept).

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The selector of an embedding portal's element.
const HOST_SELECTOR: &str = "[data-vardkoll]";

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The portal's element, when the app is embedded in one.
fn host_element() -> Option<Element> {
    document()?.query_selector(HOST_SELECTOR).ok()?
}

fn shadow_root() -> Option<web_sys::ShadowRoot> {
    host_element()?.shadow_root()
}

/// The element the app renders into inside a portal's element (prepared by
/// `embed.js`); `None` on the app's own page.
pub fn mount_point() -> Option<HtmlElement> {
    shadow_root()?
        .query_selector(".vardkoll-app")
        .ok()??
        .dyn_into()
        .ok()
}

/// The first element matching `selector` among the app's own: inside the
/// portal's element when embedded, else in the page.
pub fn query(selector: &str) -> Option<Element> {
    match shadow_root() {
        Some(root) => root.query_selector(selector).ok()?,
        None => document()?.query_selector(selector).ok()?,
    }
}

/// The app's element with `id`.
pub fn by_id(id: &str) -> Option<HtmlElement> {
    let element = match shadow_root() {
        Some(root) => root.get_element_by_id(id),
        None => document()?.get_element_by_id(id),
    };
    element?.dyn_into().ok()
}

/// Moves focus to the app's element `id` (made focusable by script if it is
/// not, as a heading or `main`). In-page links (`#id`) go through this: inside a
/// portal's element the browser would look for the id in the portal's page.
pub fn focus_by_id(id: &str) {
    if let Some(element) = by_id(id) {
        if element.tab_index() < 0 && !element.has_attribute("tabindex") {
            let _ = element.set_attribute("tabindex", "-1");
        }
        let _ = element.focus();
    }
}

/// Sets the document's title, on the app's own page or in an iframe; inside a
/// portal's element the title is the portal's page's, and stays as it is.
pub fn set_title(title: &str) {
    if mount_point().is_none()
        && let Some(document) = document()
    {
        document.set_title(title);
    }
}

/// The element whose `lang` and `dir` say the app's language: the app's own
/// element when embedded (the portal's page keeps its own), else `<html>`.
pub fn lang_element() -> Option<Element> {
    match mount_point() {
        Some(mount) => Some(mount.into()),
        None => document()?.document_element(),
    }
}

/// The embedding portal's setting `name` (`data-NAME` on its element), trimmed;
/// `None` when not embedded, not set or empty.
pub fn setting(name: &str) -> Option<String> {
    let value = host_element()?.get_attribute(&format!("data-{name}"))?;
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// Whether the embedding portal's element carries `data-NAME` (a flag, such
/// as `data-single-sign-on`), whatever its value.
pub fn flag(name: &str) -> bool {
    host_element().is_some_and(|element| element.has_attribute(&format!("data-{name}")))
}

/// The embedding portal's home region (`data-home-region`), if it names one.
pub fn home_region() -> Option<vardkoll_domain::regions::RegionCode> {
    vardkoll_domain::regions::RegionCode::parse(&setting("home-region")?)
}

/// The address of the app's own file `file` (such as `config.json`): beside the
/// loader when embedded, else beside the page.
pub fn asset_url(file: &str) -> String {
    let base = query("meta[name=\"vardkoll-assets\"]").and_then(|m| m.get_attribute("content"));
    match base.as_deref().and_then(super::config::web_base) {
        Some(base) => format!("{base}/{file}"),
        None => file.to_owned(),
    }
}

/// The page's origin (`https://host`), if it has one.
fn origin() -> Option<String> {
    web_sys::window()?.location().origin().ok()
}

/// Where the identity provider returns the patient after signing in: the
/// app's start address (register it at the provider).
pub fn redirect_uri() -> String {
    let base = setting("base-path").unwrap_or_default();
    let base = base.trim_matches('/');
    let path = if base.is_empty() {
        "/".to_owned()
    } else {
        format!("/{base}/")
    };
    format!("{}{path}", origin().unwrap_or_default())
}

/// The address bar's path and query (`/begar-vard?tjanst=x`).
pub fn address() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    )
}

/// The address bar's query (`?code=…`), or empty.
pub fn address_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Writes `path` (path and query on this origin) into the address bar without
/// loading it or adding to the history; anything else is ignored.
pub fn replace_address(path: &str) {
    if !path.starts_with('/') || path.starts_with("//") {
        return;
    }
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
    }
}

/// Leaves the app for `url` (the identity provider), in the whole tab.
pub fn go_to(url: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(url);
    }
}

/// Asks the portal for a new access token (see the module's documentation).
pub const TOKEN_NEEDED_EVENT: &str = "vardkoll:token-needed";
/// Tells the portal the patient signed out in the app.
pub const SIGNED_OUT_EVENT: &str = "vardkoll:signed-out";

#[wasm_bindgen::prelude::wasm_bindgen(
    inline_js = "const ok = (token) => typeof token === 'string' && token.length > 0 && token.length < 16384;
export function listen_portal(element, handle) {
    element.addEventListener('vardkoll:sign-in', (event) => {
        const token = event.detail && event.detail.accessToken;
        if (ok(token)) handle(token);
    });
    element.addEventListener('vardkoll:sign-out', () => handle(undefined));
}
export function dispatch(element, name) {
    element.dispatchEvent(new CustomEvent(name, { bubbles: true }));
}
export function listen_parent(origins, handle) {
    window.addEventListener('message', (event) => {
        if (event.source !== window.parent || !origins.includes(event.origin)) return;
        const data = event.data || {};
        if (data.type === 'vardkoll:sign-in' && ok(data.accessToken)) handle(data.accessToken);
        else if (data.type === 'vardkoll:sign-out') handle(undefined);
    });
}
export function post_parent(origins, name) {
    for (const origin of origins) window.parent.postMessage({ type: name }, origin);
}"
)]
extern "C" {
    fn listen_portal(
        element: &Element,
        handle: &wasm_bindgen::closure::Closure<dyn Fn(Option<String>)>,
    );
    fn dispatch(element: &Element, name: &str);
    fn listen_parent(
        origins: Vec<String>,
        handle: &wasm_bindgen::closure::Closure<dyn Fn(Option<String>)>,
    );
    fn post_parent(origins: Vec<String>, name: &str);
}

thread_local! {
    /// The portal origins an iframe's app takes tokens from and answers.
    static PARENTS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Whether the app runs in an iframe.
fn in_iframe() -> bool {
    web_sys::window().is_some_and(|window| {
        window
            .parent()
            .ok()
            .flatten()
            .is_some_and(|parent| !js_sys::Object::is(&parent, &window))
    })
}

/// Calls `handle` with each access token an embedding portal hands the app,
/// and with `None` when it signs the patient out: a portal's element, or the
/// parent page of an iframe when it is one of `parent_origins`. Nothing on the
/// app's own page.
pub fn on_portal_token(parent_origins: Vec<String>, handle: impl Fn(Option<String>) + 'static) {
    let handle = wasm_bindgen::closure::Closure::<dyn Fn(Option<String>)>::new(handle);
    if let Some(element) = host_element() {
        listen_portal(&element, &handle);
    } else if in_iframe() && !parent_origins.is_empty() {
        PARENTS.with(|p| *p.borrow_mut() = parent_origins.clone());
        listen_parent(parent_origins, &handle);
    } else {
        return;
    }
    // Listens as long as the page lives.
    handle.forget();
}

/// Tells the embedding portal `name`: an event on its element, or a message
/// to an iframe's allowed parents.
pub fn tell_portal(name: &str) {
    if let Some(element) = host_element() {
        dispatch(&element, name);
    } else {
        let parents = PARENTS.with(|p| p.borrow().clone());
        if !parents.is_empty() {
            post_parent(parents, name);
        }
    }
}

/// The message an iframe's app sends its portal: `{ "type": "vardkoll:height", "height": 812 }`.
pub const HEIGHT_MESSAGE: &str = "vardkoll:height";

/// Marks the page as framed by a portal (`<html data-framed>`): the stylesheet
/// then sizes nothing by the viewport, which in an iframe is what the portal
/// makes of the height reported here.
const FRAMED_ATTRIBUTE: &str = "data-framed";

/// Starts reporting the content's height to the parent page, if the app is in
/// an iframe and the parent is one of `origins` (each is a message's target
/// origin, so the browser delivers it only when the parent really is that
/// origin). Outside an iframe, or with no origin allowed, it says nothing.
///
/// The height is the body's, not the document's: the document is at least as
/// tall as the iframe, so reporting it would only ever grow the frame, and
/// anything sized by the viewport (`vh`) would grow with each report.
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
    let Some(document) = window.document() else {
        return;
    };
    let (Some(root), Some(body)) = (document.document_element(), document.body()) else {
        return;
    };
    let _ = root.set_attribute(FRAMED_ATTRIBUTE, "");
    let measured = body.clone();
    let last = std::cell::Cell::new(-1);
    let send = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
        let height = measured.get_bounding_client_rect().height().ceil() as i32;
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
        observer.observe(&body);
        // The observer and its callback live as long as the page.
        std::mem::forget(observer);
        send.forget();
    }
}

// The waiting service worker (see `public/pwa.js`) takes over, and the page
// reloads once into the new build; without one waiting, a plain reload.
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = "export async function take_update() {
    const registration = await navigator.serviceWorker?.getRegistration();
    if (!registration?.waiting) return location.reload();
    let reloading = false;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
        if (!reloading) location.reload();
        reloading = true;
    });
    registration.waiting.postMessage('skip-waiting');
}")]
extern "C" {
    /// Reloads into the new version the reload prompt offers.
    pub fn take_update() -> js_sys::Promise;
}
