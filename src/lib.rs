//! Vårdkoll, the app: one Leptos single-page app compiled to one WebAssembly
//! module, cut at split points so each page's code loads on first use.
//!
//! Layers, each importing only those below it:
//! - [`app`]: the shell (header, navigation, each page's top, the reload
//!   prompt);
//! - [`pages`]: one module per route, and the split points;
//!   [`components`]: small shared view pieces, among them
//!   [`components::LazyView`], which shows a split point's view;
//! - [`state`]: signals and intents; [`router`]: routes and links;
//!   [`i18n`]: every text the patient sees;
//! - [`timeline_view`], [`calendar_export`], [`referral_fields`]: turning
//!   domain results into what is shown or exported, tested natively;
//! - [`platform`]: the plumbing — the host page and its contract, runtime
//!   config, the API client (the only HTTP), browser storage, the clock,
//!   geolocation, downloads and split loading. It imports nothing above it.
//!
//! All rules live in the `vardkoll-domain` crate.

pub mod app;
pub mod calendar_export;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod platform;
pub mod referral_fields;
pub mod router;
pub mod state;
pub mod timeline_view;

pub use app::{App, start};
