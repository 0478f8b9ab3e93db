//! English texts of the wait-time comparison.

use super::compare_texts::CompareTexts;
use super::en::days;
use vardkoll_domain::api::KpiMeasure;

pub const EN_COMPARE: CompareTexts = CompareTexts {
    search_label: "Search for a treatment or visit",
    search_hint: "Swedish names work best, for example höft (hip), gråstarr (cataract) or hud (skin).",
    category_label: "Type of care",
    category_all: "All types",
    category_visit: "First visits",
    category_examination: "Examinations",
    category_operation: "Operations and treatments",
    results_count: |n| match n {
        0 => "No matches".to_owned(),
        1 => "1 match".to_owned(),
        n => format!("{n} matches"),
    },
    no_results: "No treatment or visit matches the search. Try another word.",
    choose_service: "Choose a treatment or visit in the list to see the waiting times.",

    home_region_label: "Your home region",
    home_region_hint: "Saved in this browser. Waiting times are compared with your region.",
    home_region_none: "None chosen",
    home_wait: |region, wait| format!("In {region} the estimated wait is {}.", days(wait)),
    shorter: |d| format!("{} shorter than in your region", days(d)),
    longer: |d| format!("{} longer than in your region", days(d)),
    same: "The same as in your region",
    versus_heading: "Compared with your region",
    percent: |p| format!("{p}%"),

    providers_heading: "Hospitals and clinics",
    providers_caption: |service| {
        format!("{service}: waiting times per hospital and clinic, latest month")
    },
    sort_hint: "Choose a column heading to sort the table.",
    sorted_ascending: "sorted ascending",
    sorted_descending: "sorted descending",
    provider_column: "Hospital or clinic",
    waiting_column: "Number waiting",
    reported_column: "Month and source",
    distance_column: "Distance",
    own_region_only: "Accepts patients from its own region only.",

    filters_heading: "Filter",
    region_filter: "Region",
    all_regions: "All regions",
    capacity_filter: "Only those reporting free capacity",
    origin_label: "Distance from",
    origin_none: "Choose a town",
    origin_position: "My position",
    use_position: "Use my position",
    position_denied: "We were not allowed to use your position. Choose a town instead.",
    position_needed: "Choose “Use my position” to measure distances from where you are. The position is not saved.",
    within_label: "At most",
    within_any: "Any distance",
    km: |km| format!("{km} km"),
    rows_shown: |shown, matching, all| {
        if all == 1 {
            "Showing the one hospital or clinic.".to_owned()
        } else if matching == all {
            format!("Showing {shown} of {all} hospitals and clinics.")
        } else {
            format!(
                "Showing {shown} of {matching} matching the filters ({all} hospitals and clinics in all)."
            )
        }
    },
    show_more: |n| format!("Show {n} more"),
    no_rows: "No hospitals or clinics match the filters.",

    show_trend: "Show trend",
    trend_heading: |name| format!("Trend: {name}"),
    trend_summary: |from, first, to, last| {
        format!(
            "Estimated wait {} in {from} and {} in {to}.",
            days(first),
            days(last)
        )
    },
    trend_no_data: "There are no figures for the last 24 months.",
    trend_numbers: "Show the figures",
    month_column: "Month",
    region_series: |region| format!("All of {region}"),
    close_trend: "Close the trend",

    request_referral: "Request care here",

    map_heading: "The regions on a map",
    measure_label: "Show on the map",
    waiting_measure: "Number waiting",
    map_label: |measure| {
        format!(
            "Map of Sweden's 21 regions coloured by {measure}. The same figures are in the table below the map."
        )
    },
    legend_better: "Better",
    legend_worse: "Worse",
    regions_caption: |measure| format!("{measure} per region, latest month"),
    your_region: "your region",

    stale_data: |when| format!("Showing the information fetched {when}. It may be out of date."),
    fetched_label: |when| format!("Fetched {when}"),
    out_of_date: "out of date",
    sources_label: "Sources",
    licence: |licence| format!("licence: {licence}"),
    source_name: |id| match id {
        "sample" => Some("Vårdkoll's sample data"),
        _ => None,
    },
    source_licence: |id| match id {
        "vantetider" => Some(
            "Official statistics from the regions (SKR; from 1 July 2025 the National Board of Health and Welfare)",
        ),
        "sample" => Some("Generated, free to use (CC0 1.0)"),
        _ => None,
    },
    regional_heading: |region| format!("{region}'s own figures for the whole region"),
    kpi_label: |measure| match measure {
        KpiMeasure::MedianDaysWaiting => "Median wait of those still waiting",
        KpiMeasure::MedianDaysDone => "Median wait of those who got the care",
        KpiMeasure::ShareWithin90Days => "Share within 90 days",
        KpiMeasure::Bup => "Child and adolescent psychiatry",
    },
    regional_value: |value, year| format!("{value} ({year})"),
};
