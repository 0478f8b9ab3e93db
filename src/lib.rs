//! Vårdkoll, the app: a Leptos single-page app compiled to WebAssembly.
//!
//! - [`app`]: the shell; [`router`]: routes and links; [`pages`]: one module per route;
//!   [`components`]: small shared view pieces.
//! - [`api`]: the only module that speaks HTTP (the API client); [`chunk`]: pages
//!   built as separate WebAssembly chunks, loaded on first use;
//! - [`state`]: signals and intents; [`storage`]: the only module that touches
//!   browser storage; [`download`]: file downloads; [`today`]: the clock;
//!   [`geolocation`]: the patient's position, only when they ask; [`pwa`]: the
//!   service worker and the prompt to reload into a new version; [`embed`]: the
//!   height an embedding portal's iframe needs; [`host`]: the page the app lives
//!   in, its own or a portal's element (mounting, settings, element lookups).
//! - [`i18n`]: every text the patient sees.
//! - [`timeline_view`], [`calendar_export`], [`referral_fields`]: turning domain results into what
//!   is shown or exported, tested natively.
//!
//! All rules live in the `vardkoll-domain` crate.

pub mod api;
pub mod app;
pub mod calendar_export;
pub mod chunk;
pub mod components;
pub mod download;
pub mod embed;
pub mod geolocation;
pub mod host;
pub mod i18n;
pub mod pages;
pub mod pwa;
pub mod referral_fields;
pub mod router;
pub mod state;
pub mod storage;
pub mod timeline_view;
pub mod today;

pub use app::{App, start};
