//! Split points: code of the one WebAssembly module that the browser loads only
//! when it is first used (a page, a part of a page, the sending of waiting
//! requests, a language's page texts), so the first load stays small. It runs in the same program as the shell: same
//! reactive runtime, same signals and context.
//!
//! The release build (`scripts/build-wasm.mjs`) compiles with `--cfg
//! wasm_split` and cuts the module at each [`split_point!`] with
//! `wasm-split-cli`: one `split_NAME.wasm` per split point, `chunk_*.wasm` for
//! code several of them share (and code most of them share in the main module:
//! see `tools/wasm-split/`); the browser gets one file per split point,
//! `NAME.pack`, with its module and the chunks it needs
//! (`scripts/split-packs.mjs`). Everywhere else (native tests, component tests,
//! clippy) a split point is a plain async function that returns its value.
//!
//! A split that cannot be loaded (offline, or a new build deployed and the old
//! files gone) is a [`SplitError`], never a dead page; the failure is not
//! remembered, so calling again retries.

/// A split point's code could not be loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SplitError;

impl From<leptos::wasm_split::SplitLoaderError> for SplitError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        SplitError
    }
}

/// Defines `async fn $name() -> Result<$ty, SplitError>` whose body is split
/// point `$split`: its code (and whatever only it uses) loads on the first
/// call.
///
/// ```ignore
/// split_point! {
///     /// The comparison page: how to draw it, once its code is here.
///     pub fn wait_times_page() -> Draw, split page_wait_times {
///         || view! { <WaitTimesPage /> }.into_any()
///     }
/// }
/// ```
#[macro_export]
macro_rules! split_point {
    (
        $(#[$meta:meta])*
        $vis:vis fn $name:ident() -> $ty:ty, split $split:ident $body:block
    ) => {
        $(#[$meta])*
        #[cfg(wasm_split)]
        #[::leptos::wasm_split::wasm_split(
            $split,
            wasm_split_path = ::leptos::wasm_split,
            fallible
        )]
        $vis fn $name() -> ::core::result::Result<$ty, $crate::platform::split::SplitError> {
            let value: $ty = $body;
            ::core::result::Result::Ok(value)
        }

        $(#[$meta])*
        #[cfg(not(wasm_split))]
        $vis async fn $name() -> ::core::result::Result<$ty, $crate::platform::split::SplitError> {
            let value: $ty = $body;
            ::core::result::Result::Ok(value)
        }
    };
}
