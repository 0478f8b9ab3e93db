//! Pages built as separate WebAssembly chunks (see `src/bin/`), loaded on first
//! use. The build (`scripts/build-chunks.mjs`, a Trunk hook) writes each chunk's
//! hashed address into a `<meta name="vardkoll-chunk-NAME">` tag of the page
//! (in a portal, `embed.js` puts the tags in the app's element).

use std::cell::RefCell;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

// The chunk's WebAssembly (`NAME_bg.wasm` beside `NAME.js`) is fetched together
// with its script, not after it: one round trip instead of two on a slow network.
#[wasm_bindgen(inline_js = "export function import_chunk(url) {
    const js = new URL(url, document.baseURI).href;
    const wasm = fetch(js.replace(/\\.js$/, '_bg.wasm'));
    wasm.catch(() => {});
    return import(js).then((m) => m.default({ module_or_path: wasm }).then(() => m));
}")]
extern "C" {
    fn import_chunk(url: &str) -> Promise;
}

thread_local! {
    /// The chunks loaded so far, by name (two at most: a list does).
    static LOADED: RefCell<Vec<(&'static str, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// Why a chunk could not be shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChunkError {
    /// The page names no such chunk (a build without it).
    Missing,
    /// Loading failed: offline, or the file is gone after an update.
    Load,
}

fn address(name: &str) -> Option<String> {
    let selector = format!("meta[name=\"vardkoll-chunk-{name}\"]");
    let meta = crate::host::query(&selector)?;
    meta.get_attribute("content").filter(|c| !c.is_empty())
}

/// Whether chunk `name` is loaded already (its pages then draw at once).
pub fn is_loaded(name: &str) -> bool {
    loaded(name).is_some()
}

fn loaded(name: &str) -> Option<JsValue> {
    LOADED.with(|l| {
        l.borrow()
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, m)| m.clone())
    })
}

/// Loads chunk `name` once; later calls return the same module.
async fn load(name: &'static str) -> Result<JsValue, ChunkError> {
    if let Some(module) = loaded(name) {
        return Ok(module);
    }
    let url = address(name).ok_or(ChunkError::Missing)?;
    let module = JsFuture::from(import_chunk(&url))
        .await
        .map_err(|_| ChunkError::Load)?;
    LOADED.with(|l| l.borrow_mut().push((name, module.clone())));
    Ok(module)
}

thread_local! {
    static MOUNTS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Loads chunk `name` and renders it into `root` with its function `export`.
pub async fn mount(
    name: &'static str,
    export: &'static str,
    root: &web_sys::HtmlElement,
) -> Result<(), ChunkError> {
    let module = load(name).await?;
    MOUNTS.with(|m| m.set(m.get().wrapping_add(1)));
    call(&module, export, root)
}

/// Loads chunk `name` and calls its function `export` without rendering anything
/// (work that goes on in the background, such as sending waiting requests).
pub async fn start(name: &'static str, export: &'static str) -> Result<(), ChunkError> {
    let module = load(name).await?;
    call(&module, export, &JsValue::UNDEFINED)
}

/// Removes chunk `name` from the page after the current event (never from inside
/// one of its own handlers), unless it has been mounted again meanwhile.
pub fn unmount_later(name: &'static str) {
    let mounts = MOUNTS.with(std::cell::Cell::get);
    leptos::prelude::set_timeout(
        move || {
            let module = loaded(name);
            if let Some(module) = module
                && MOUNTS.with(std::cell::Cell::get) == mounts
            {
                let _ = call(&module, "unmount", &JsValue::UNDEFINED);
            }
        },
        std::time::Duration::ZERO,
    );
}

/// Calls the chunk's exported function `export` with `argument`.
fn call(module: &JsValue, export: &str, argument: &JsValue) -> Result<(), ChunkError> {
    let function: Function = Reflect::get(module, &JsValue::from_str(export))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or(ChunkError::Missing)?;
    function
        .call1(&JsValue::NULL, argument)
        .map(|_| ())
        .map_err(|_| ChunkError::Load)
}
