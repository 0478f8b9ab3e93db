//! Vårdkoll's domain: the Swedish care guarantee (vårdgaranti) as data, the deadline
//! engine that applies it to a patient's own care episodes, input validation and
//! calendar export.
//!
//! This crate has no web dependency. It compiles natively and to `wasm32`, and is
//! shared by the app and (later) the reference server.
//!
//! Layout, one concept per file:
//! - [`step`]: the guarantee steps (contact, assessment, specialist visit, ...).
//! - [`rules`]: the national rules and regional shorter limits as data, and the
//!   [`rules::RuleBook`] that picks the rule in force on a start date.
//! - [`regions`]: the 21 regions and their county codes.
//! - [`episode`]: a patient's care episode and the events they record.
//! - [`excluded_time`]: merging and counting time that does not count.
//! - [`deadline`]: turning an episode's events into clocks with deadlines.
//! - [`status`]: on track, at risk, missed, ... for a clock on a given day.
//! - [`signin`]: signing in with OpenID Connect from the browser (code flow
//!   with PKCE), as plain functions.
//! - [`validation`]: parsing and checking what a patient typed; [`text`]: what
//!   free text may contain.
//! - [`ics`]: the calendar file export (RFC 5545).
//! - [`personnummer`]: Swedish identity and coordination numbers.
//! - [`compare`]: comparing wait times: search, the provider table, trends, the map, URL state.
//! - [`referral`]: requesting care elsewhere: the path, the form, the outbox, retries.
//! - [`api`]: the public HTTP API's types, shared by the app's client and the server.
//! - [`sorting`]: stable sorting through one compiled sort (small WebAssembly).
//! - [`swedish_time`]: server times (UTC) as Swedish wall-clock time.

pub mod api;
pub mod clock_time;
pub mod collate;
pub mod compare;
pub mod date;
pub mod deadline;
pub mod episode;
pub mod excluded_time;
pub mod ics;
pub mod matching;
pub mod personnummer;
pub mod referral;
pub mod regions;
pub mod rules;
pub mod signin;
pub mod sorting;
pub mod status;
pub mod step;
pub mod swedish_time;
pub mod text;
pub mod validation;
mod wire_name;

pub use chrono::NaiveDate;
