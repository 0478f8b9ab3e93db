//! The plumbing every page stands on, and the only code that talks to the
//! browser's page and network: it imports nothing from the app above it.
//!
//! - [`host`]: the page the app lives in (its own, a portal's element or
//!   iframe) and everything the app agrees with that page: mounting, settings,
//!   element lookups, the iframe's height, the service worker's update.
//! - [`config`]: the runtime configuration (`config.json`, portal settings).
//! - [`crypto`]: random bytes and SHA-256 from the browser, for signing in.
//! - [`api`]: the only module that speaks HTTP (the API client).
//! - [`storage`]: the only module that touches browser storage.
//! - [`clock`]: today's date and the time; [`geolocation`]: the patient's
//!   position, only when they ask; [`download`]: files offered to save.
//! - [`viewport`]: whether a place on the page is near what the patient sees.
//! - [`split`]: split points, the parts of the one WebAssembly module loaded on
//!   first use.

pub mod api;
pub mod clock;
pub mod config;
pub mod crypto;
pub mod download;
pub mod geolocation;
pub mod host;
pub mod split;
pub mod storage;
pub mod viewport;
