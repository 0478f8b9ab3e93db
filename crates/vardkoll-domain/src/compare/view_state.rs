//! The whole comparison view as a URL query (shareable; the back button and a
//! reload restore it), and back. Defaults are left out of the URL; anything
//! unknown or malformed in a URL falls back to the default instead of failing.
//!
//! The patient's own position is never put in the URL: only the word
//! `position` says that distances are measured from it.

use crate::api::ServiceCategory;

use super::table::{Sort, SortKey, SortOrder};
use super::tile_map::Measure;

/// Where distances are measured from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A town, by name.
    Town(String),
    /// The patient's position, asked for with their permission (not in the URL).
    Position,
}

/// Whose 24-month trend is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrendSubject {
    Provider(String),
    Region(String),
}

/// Everything the comparison page shows, besides the data itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewState {
    /// The chosen service's code.
    pub service: Option<String>,
    /// What the patient typed in the search field.
    pub query: String,
    pub category: Option<ServiceCategory>,
    pub sort: Sort,
    /// Only providers in this region.
    pub region: Option<String>,
    pub free_capacity_only: bool,
    pub origin: Option<Origin>,
    pub within_km: Option<u32>,
    /// The provider whose 24-month trend is shown.
    pub trend: Option<String>,
    /// The region (county code) whose 24-month trend is shown, when no provider's is.
    pub region_trend: Option<String>,
    pub measure: Measure,
    /// How many provider rows are shown (a multiple of [`PAGE_ROWS`]); sorting
    /// and filtering always cover all rows.
    pub rows_shown: usize,
}

impl Default for ViewState {
    fn default() -> Self {
        ViewState {
            service: None,
            query: String::new(),
            category: None,
            sort: Sort::default(),
            region: None,
            free_capacity_only: false,
            origin: None,
            within_km: None,
            trend: None,
            region_trend: None,
            measure: Measure::default(),
            rows_shown: PAGE_ROWS,
        }
    }
}

/// Rows shown at first and added by "show more": a page a patient can read (a
/// phone shows a handful at a time), and little enough layout that opening the
/// page, sorting and filtering never pause (50 rows were a 65 ms layout task on
/// Lighthouse's slowed mobile CPU).
pub const PAGE_ROWS: usize = 25;
const MAX_ROWS_SHOWN: usize = 10_000;

/// The distances a patient can filter by.
pub const DISTANCES_KM: [u32; 5] = [25, 50, 100, 200, 500];

fn sort_key_name(key: SortKey) -> &'static str {
    match key {
        SortKey::Name => "namn",
        SortKey::EstimatedWait => "vantetid",
        SortKey::ShareWithinLimit => "andel",
        SortKey::Waiting => "vantande",
        SortKey::FreeCapacity => "kapacitet",
        SortKey::Reported => "rapporterad",
        SortKey::Distance => "avstand",
    }
}

fn category_name(category: ServiceCategory) -> &'static str {
    match category {
        ServiceCategory::Visit => "besok",
        ServiceCategory::Examination => "undersokning",
        ServiceCategory::Operation => "operation",
    }
}

fn measure_name(measure: Measure) -> &'static str {
    match measure {
        Measure::EstimatedWait => "vantetid",
        Measure::ShareWithinLimit => "andel",
        Measure::Waiting => "vantande",
    }
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes `%XX` and `+`; invalid escapes or UTF-8 give `None`.
pub fn decode_component(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut input = text.bytes();
    while let Some(byte) = input.next() {
        match byte {
            b'+' => bytes.push(b' '),
            b'%' => {
                let hex = [input.next()?, input.next()?];
                let hex = std::str::from_utf8(&hex).ok()?;
                bytes.push(u8::from_str_radix(hex, 16).ok()?);
            }
            _ => bytes.push(byte),
        }
    }
    String::from_utf8(bytes).ok()
}

/// Codes and ids in URLs: short, plain ASCII.
fn is_code(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl ViewState {
    /// Whose trend is shown: a provider's, else a region's.
    pub fn trend_subject(&self) -> Option<TrendSubject> {
        match (&self.trend, &self.region_trend) {
            (Some(provider), _) => Some(TrendSubject::Provider(provider.clone())),
            (None, Some(region)) => Some(TrendSubject::Region(region.clone())),
            (None, None) => None,
        }
    }

    /// Reads a query string (with or without the leading `?`).
    pub fn from_query(query: &str) -> ViewState {
        let mut state = ViewState::default();
        let mut descending = None;
        for pair in query.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let Some(value) = decode_component(value) else {
                continue;
            };
            let code = || Some(value.clone()).filter(|v| is_code(v));
            match key {
                "tjanst" => state.service = code(),
                "sok" => state.query = value.chars().take(100).collect(),
                "kategori" => {
                    state.category = [
                        ServiceCategory::Visit,
                        ServiceCategory::Examination,
                        ServiceCategory::Operation,
                    ]
                    .into_iter()
                    .find(|c| category_name(*c) == value)
                }
                "sortera" => {
                    if let Some(key) = SortKey::ALL
                        .into_iter()
                        .find(|k| sort_key_name(*k) == value)
                    {
                        state.sort = Sort {
                            key,
                            order: key.natural_order(),
                        };
                    }
                }
                "ordning" => descending = Some(value == "fallande"),
                "region" => state.region = code(),
                "ledigt" => state.free_capacity_only = value == "ja",
                "fran" if value == "position" => state.origin = Some(Origin::Position),
                "fran" if !value.trim().is_empty() && value.len() <= 100 => {
                    state.origin = Some(Origin::Town(value.trim().to_owned()))
                }
                "inom" => {
                    state.within_km = value.parse().ok().filter(|km| DISTANCES_KM.contains(km))
                }
                "trend" => state.trend = code(),
                "regiontrend" => state.region_trend = code(),
                "visa" => {
                    state.rows_shown = value
                        .parse()
                        .ok()
                        .filter(|n| n % PAGE_ROWS == 0 && (PAGE_ROWS..=MAX_ROWS_SHOWN).contains(n))
                        .unwrap_or(PAGE_ROWS)
                }
                "karta" => {
                    state.measure = Measure::ALL
                        .into_iter()
                        .find(|m| measure_name(*m) == value)
                        .unwrap_or_default()
                }
                _ => {}
            }
        }
        if let Some(descending) = descending {
            state.sort.order = if descending {
                SortOrder::Descending
            } else {
                SortOrder::Ascending
            };
        }
        state
    }

    /// The query string for this state, starting with `?`, or empty for the default view.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(service) = &self.service {
            pairs.push(("tjanst", service.clone()));
        }
        if !self.query.is_empty() {
            pairs.push(("sok", self.query.clone()));
        }
        if let Some(category) = self.category {
            pairs.push(("kategori", category_name(category).into()));
        }
        if self.sort != Sort::default() {
            pairs.push(("sortera", sort_key_name(self.sort.key).into()));
            if self.sort.order != self.sort.key.natural_order() {
                let order = match self.sort.order {
                    SortOrder::Ascending => "stigande",
                    SortOrder::Descending => "fallande",
                };
                pairs.push(("ordning", order.into()));
            }
        }
        if let Some(region) = &self.region {
            pairs.push(("region", region.clone()));
        }
        if self.free_capacity_only {
            pairs.push(("ledigt", "ja".into()));
        }
        match &self.origin {
            Some(Origin::Town(town)) => pairs.push(("fran", town.clone())),
            Some(Origin::Position) => pairs.push(("fran", "position".into())),
            None => {}
        }
        if let Some(km) = self.within_km {
            pairs.push(("inom", km.to_string()));
        }
        if let Some(trend) = &self.trend {
            pairs.push(("trend", trend.clone()));
        }
        if let Some(region) = &self.region_trend {
            pairs.push(("regiontrend", region.clone()));
        }
        if self.measure != Measure::default() {
            pairs.push(("karta", measure_name(self.measure).into()));
        }
        if self.rows_shown != PAGE_ROWS {
            pairs.push(("visa", self.rows_shown.to_string()));
        }
        let joined: Vec<String> = pairs
            .into_iter()
            .map(|(k, v)| format!("{k}={}", encode_component(&v)))
            .collect();
        if joined.is_empty() {
            String::new()
        } else {
            format!("?{}", joined.join("&"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn full() -> ViewState {
        ViewState {
            service: Some("op-hoft".into()),
            query: "höft & knä".into(),
            category: Some(ServiceCategory::Operation),
            sort: Sort {
                key: SortKey::ShareWithinLimit,
                order: SortOrder::Ascending,
            },
            region: Some("14".into()),
            free_capacity_only: true,
            origin: Some(Origin::Town("Umeå".into())),
            within_km: Some(200),
            trend: Some("sahlgrenska".into()),
            region_trend: Some("14".into()),
            measure: Measure::Waiting,
            rows_shown: 150,
        }
    }

    #[test]
    fn the_default_view_has_an_empty_query() {
        assert_eq!(ViewState::default().to_query(), "");
        assert_eq!(ViewState::from_query(""), ViewState::default());
        assert_eq!(ViewState::from_query("?"), ViewState::default());
    }

    #[test]
    fn a_full_view_round_trips_through_readable_swedish_parameters() {
        let query = full().to_query();
        assert_eq!(
            query,
            "?tjanst=op-hoft&sok=h%C3%B6ft%20%26%20kn%C3%A4&kategori=operation&sortera=andel&ordning=stigande\
             &region=14&ledigt=ja&fran=Ume%C3%A5&inom=200&trend=sahlgrenska&regiontrend=14&karta=vantande&visa=150"
        );
        assert_eq!(ViewState::from_query(&query), full());
    }

    #[test]
    fn the_position_itself_never_enters_the_url() {
        let state = ViewState {
            origin: Some(Origin::Position),
            within_km: Some(50),
            ..ViewState::default()
        };
        assert_eq!(state.to_query(), "?fran=position&inom=50");
        assert_eq!(ViewState::from_query("fran=position&inom=50"), state);
    }

    #[test]
    fn malformed_values_fall_back_to_defaults() {
        let state = ViewState::from_query(
            "?tjanst=<script>&sortera=hack&ordning=x&region=%ZZ&inom=7&karta=?&kategori=1&okand=1&ledigt=kanske&visa=7",
        );
        assert_eq!(state, ViewState::default());
        let plus = ViewState::from_query("sok=h%C3%B6ft+kn%C3%A4&fran=%20%20");
        assert_eq!(plus.query, "höft knä");
        assert_eq!(plus.origin, None);
    }

    proptest! {
        #[test]
        fn any_text_round_trips_through_encoding(text in "\\PC{0,40}") {
            prop_assert_eq!(decode_component(&encode_component(&text)), Some(text));
        }

        #[test]
        fn any_query_string_reads_without_panicking(query in "\\PC{0,80}") {
            let state = ViewState::from_query(&query);
            // What was read writes back to a query that reads the same.
            prop_assert_eq!(ViewState::from_query(&state.to_query()), state);
        }
    }
}
