//! Swedish texts of the wait-time comparison.

use super::compare_texts::CompareTexts;
use super::sv::days;
use vardkoll_domain::api::KpiMeasure;

pub const SV_COMPARE: CompareTexts = CompareTexts {
    search_label: "Sök behandling eller besök",
    search_hint: "Skriv till exempel höft, gråstarr eller hud.",
    category_label: "Typ av vård",
    category_all: "Alla typer",
    category_visit: "Första besök",
    category_examination: "Undersökningar",
    category_operation: "Operationer och behandlingar",
    results_count: |n| match n {
        0 => "Inga träffar".to_owned(),
        1 => "1 träff".to_owned(),
        n => format!("{n} träffar"),
    },
    no_results: "Ingen behandling och inget besök matchar sökningen. Prova ett annat ord.",
    choose_service: "Välj en behandling eller ett besök i listan för att se väntetiderna.",

    home_region_label: "Din hemregion",
    home_region_hint: "Sparas i den här webbläsaren. Väntetiderna jämförs med din region.",
    home_region_none: "Ingen vald",
    home_wait: |region, wait| format!("I {region} är den beräknade väntetiden {}.", days(wait)),
    shorter: |d| format!("{} kortare än i din region", days(d)),
    longer: |d| format!("{} längre än i din region", days(d)),
    same: "Samma som i din region",
    versus_heading: "Jämfört med din region",
    percent: |p| format!("{p} %"),

    providers_heading: "Sjukhus och mottagningar",
    providers_caption: |service| {
        format!("{service}: väntetider per sjukhus och mottagning, senaste månaden")
    },
    sort_hint: "Välj en kolumnrubrik för att sortera tabellen.",
    sorted_ascending: "sorterad stigande",
    sorted_descending: "sorterad fallande",
    provider_column: "Sjukhus eller mottagning",
    waiting_column: "Antal väntande",
    reported_column: "Månad och källa",
    distance_column: "Avstånd",
    own_region_only: "Tar bara emot patienter från den egna regionen.",

    filters_heading: "Filtrera",
    region_filter: "Region",
    all_regions: "Alla regioner",
    capacity_filter: "Bara de som rapporterar ledig kapacitet",
    origin_label: "Avstånd från",
    origin_none: "Välj ort",
    origin_position: "Min position",
    use_position: "Använd min position",
    position_denied: "Vi fick inte använda din position. Välj en ort i stället.",
    position_needed: "Välj ”Använd min position” för att mäta avstånd från där du är. Positionen sparas inte.",
    within_label: "Högst",
    within_any: "Alla avstånd",
    km: |km| format!("{km} km"),
    rows_shown: |shown, matching, all| {
        if all == 1 {
            "Visar det enda sjukhuset eller den enda mottagningen.".to_owned()
        } else if matching == all {
            format!("Visar {shown} av {all} sjukhus och mottagningar.")
        } else {
            format!(
                "Visar {shown} av {matching} som matchar filtren ({all} sjukhus och mottagningar i allt)."
            )
        }
    },
    show_more: |n| format!("Visa {n} till"),
    no_rows: "Inga sjukhus eller mottagningar matchar filtren.",

    show_trend: "Visa trend",
    trend_heading: |name| format!("Trend: {name}"),
    trend_summary: |from, first, to, last| {
        format!(
            "Beräknad väntetid {} i {from} och {} i {to}.",
            days(first),
            days(last)
        )
    },
    trend_no_data: "Det finns inga siffror för de senaste 24 månaderna.",
    trend_numbers: "Visa siffrorna",
    month_column: "Månad",
    region_series: |region| format!("Hela {region}"),
    close_trend: "Stäng trenden",

    request_referral: "Begär vård här",

    map_heading: "Regionerna på karta",
    measure_label: "Visa på kartan",
    waiting_measure: "Antal väntande",
    map_label: |measure| {
        format!(
            "Karta över Sveriges 21 regioner färgade efter {measure}. Samma siffror finns i tabellen under kartan."
        )
    },
    legend_better: "Bättre",
    legend_worse: "Sämre",
    regions_caption: |measure| format!("{measure} per region, senaste månaden"),
    your_region: "din region",

    stale_data: |when| format!("Visar uppgifterna som hämtades {when}. De kan vara inaktuella."),
    fetched_label: |when| format!("Hämtat {when}"),
    out_of_date: "inaktuell",
    sources_label: "Källor",
    licence: |licence| format!("licens: {licence}"),
    // The API describes the sources in Swedish.
    source_name: |_| None,
    source_licence: |_| None,
    regional_heading: |region| format!("{region}s egna siffror för hela regionen"),
    kpi_label: |measure| match measure {
        KpiMeasure::MedianDaysWaiting => "Medianväntetid för dem som väntar",
        KpiMeasure::MedianDaysDone => "Medianväntetid för dem som fått vården",
        KpiMeasure::ShareWithin90Days => "Andel inom 90 dagar",
        KpiMeasure::Bup => "Barn- och ungdomspsykiatri",
    },
    regional_value: |value, year| format!("{value} ({year})"),
};
