//! The texts of the wait-time comparison. Like [`super::Texts`], every language
//! fills every field, so a missing translation does not compile.

use vardkoll_domain::api::KpiMeasure;

pub struct CompareTexts {
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub category_label: &'static str,
    pub category_all: &'static str,
    pub category_visit: &'static str,
    pub category_examination: &'static str,
    pub category_operation: &'static str,
    pub results_count: fn(usize) -> String,
    pub no_results: &'static str,
    pub choose_service: &'static str,

    pub home_region_label: &'static str,
    pub home_region_hint: &'static str,
    pub home_region_none: &'static str,
    pub home_wait: fn(&str, u32) -> String,
    pub shorter: fn(u32) -> String,
    pub longer: fn(u32) -> String,
    pub same: &'static str,
    pub versus_heading: &'static str,
    /// `80 %` in Swedish, `80%` in English, `80٪` in Arabic.
    pub percent: fn(u32) -> String,

    pub providers_heading: &'static str,
    pub providers_caption: fn(&str) -> String,
    pub sort_hint: &'static str,
    pub sorted_ascending: &'static str,
    pub sorted_descending: &'static str,
    pub provider_column: &'static str,
    pub waiting_column: &'static str,
    pub reported_column: &'static str,
    pub distance_column: &'static str,
    pub own_region_only: &'static str,

    pub filters_heading: &'static str,
    pub region_filter: &'static str,
    pub all_regions: &'static str,
    pub capacity_filter: &'static str,
    pub origin_label: &'static str,
    pub origin_none: &'static str,
    pub origin_position: &'static str,
    pub use_position: &'static str,
    pub position_denied: &'static str,
    pub position_needed: &'static str,
    pub within_label: &'static str,
    pub within_any: &'static str,
    pub km: fn(u32) -> String,
    pub rows_shown: fn(usize, usize, usize) -> String,
    pub show_more: fn(usize) -> String,
    pub no_rows: &'static str,

    pub show_trend: &'static str,
    pub trend_heading: fn(&str) -> String,
    pub trend_summary: fn(&str, u32, &str, u32) -> String,
    pub trend_no_data: &'static str,
    pub trend_numbers: &'static str,
    pub month_column: &'static str,
    pub region_series: fn(&str) -> String,
    pub close_trend: &'static str,

    pub request_referral: &'static str,

    pub map_heading: &'static str,
    pub measure_label: &'static str,
    pub waiting_measure: &'static str,
    pub map_label: fn(&str) -> String,
    pub legend_better: &'static str,
    pub legend_worse: &'static str,
    pub regions_caption: fn(&str) -> String,
    pub your_region: &'static str,

    pub stale_data: fn(&str) -> String,
    pub fetched_label: fn(&str) -> String,
    /// Beside a figure older than its source's rule allows.
    pub out_of_date: &'static str,
    /// Before the list of the figures' sources.
    pub sources_label: &'static str,
    /// "licence: …" after a source.
    pub licence: fn(&str) -> String,
    /// A known source's name in this language, by the source's id; `None`:
    /// as the API names it (a name of its own, or a source this build does not know).
    pub source_name: fn(&str) -> Option<&'static str>,
    /// A known source's licence in this language, by the source's id; `None`:
    /// as the API words it.
    pub source_licence: fn(&str) -> Option<&'static str>,
    /// Above the region's own figures (the region's name).
    pub regional_heading: fn(&str) -> String,
    /// What a regional key figure measures.
    pub kpi_label: fn(KpiMeasure) -> &'static str,
    /// A regional value and its year.
    pub regional_value: fn(&str, i32) -> String,
}
