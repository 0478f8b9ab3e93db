//! Comparing wait times: everything the comparison page computes, as plain Rust.
//!
//! One concept per file:
//! - [`search`]: finding a service by what a patient types (Swedish-aware, synonyms).
//! - [`geo`]: distances between places.
//! - [`table`]: the provider table: rows, sorting and filtering.
//! - [`versus_home`]: every figure against the patient's home region.
//! - [`trend`]: a 24-month series and its small chart.
//! - [`tile_map`]: the 21 regions as a tile map coloured by a measure.
//! - [`view_state`]: the whole view as a URL query, and back.

pub mod geo;
pub mod search;
pub mod table;
pub mod tile_map;
pub mod trend;
pub mod versus_home;
pub mod view_state;
