//! Where the app lives: a page of its own (the whole `<body>`), or a portal's
//! element.
//!
//! A portal embeds Vårdkoll with an element carrying `data-vardkoll` and the
//! loader `embed.js` (see the README). The loader gives the element a shadow
//! root holding the app's stylesheet, the addresses of the build's files
//! (`<meta>` tags, as the app's own page has) and the element the app renders
//! into (`.vardkoll-app`), so the portal's CSS and the app's stay apart. The
//! element's data attributes configure the app:
//!
//! | attribute             | meaning                                              |
//! |-----------------------|------------------------------------------------------|
//! | `data-base-path`      | the portal's path the app's pages live under         |
//! | `data-start-page`     | the page at that path (`vardgarantier`, `vantetider`, `remiss`, `forfragningar`) |
//! | `data-lang`           | the language to show (`sv`, `en`, `ar`)              |
//! | `data-home-region`    | the home region until the patient picks one (`01`…`25`) |
//! | `data-api-base-url`   | where the API is (else `config.json` beside the app) |
//!
//! Everything here reads the page as it is (nothing is kept), so the app and its
//! page chunks, separate WebAssembly modules, see the same host.

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

/// The embedding portal's home region (`data-home-region`), if it names one.
pub fn home_region() -> Option<vardkoll_domain::regions::RegionCode> {
    vardkoll_domain::regions::RegionCode::parse(&setting("home-region")?)
}

/// The address of the app's own file `file` (such as `config.json`): beside the
/// loader when embedded, else beside the page.
pub fn asset_url(file: &str) -> String {
    let base = query("meta[name=\"vardkoll-assets\"]").and_then(|m| m.get_attribute("content"));
    match base.as_deref().and_then(crate::api::web_base) {
        Some(base) => format!("{base}/{file}"),
        None => file.to_owned(),
    }
}
