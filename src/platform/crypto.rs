//! The browser's cryptography, for signing in: random bytes for the sign-in's
//! secrets and the SHA-256 of the PKCE challenge (SubtleCrypto, so no hash
//! function is compiled into the WebAssembly).

use wasm_bindgen::JsCast;

/// 96 bytes from the browser's cryptographic random generator; `None`
/// without one (then nothing that needs secrets can start).
pub fn random_bytes() -> Option<[u8; 96]> {
    let crypto = js_sys::Reflect::get(&web_sys::window()?.into(), &"crypto".into()).ok()?;
    let fill: js_sys::Function = js_sys::Reflect::get(&crypto, &"getRandomValues".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let array = js_sys::Uint8Array::new_with_length(96);
    fill.call1(&crypto, &array).ok()?;
    let mut bytes = [0u8; 96];
    array.copy_to(&mut bytes);
    Some(bytes)
}

#[wasm_bindgen::prelude::wasm_bindgen(inline_js = "export async function sha256_base64url(text) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    let binary = '';
    for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
    return btoa(binary).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
}")]
extern "C" {
    fn sha256_base64url(text: &str) -> js_sys::Promise;
}

/// The PKCE challenge (S256) of `verifier`: base64url of its SHA-256, as
/// `vardkoll_domain::signin::Pending::challenge` computes it natively.
pub async fn pkce_challenge(verifier: &str) -> Option<String> {
    wasm_bindgen_futures::JsFuture::from(sha256_base64url(verifier))
        .await
        .ok()?
        .as_string()
}
