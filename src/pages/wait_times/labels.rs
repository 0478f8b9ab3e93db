//! Turning figures into the words and numbers the patient reads. Plain
//! functions, tested natively.

use vardkoll_domain::api::{FreeCapacity, Period, ServiceCategory, Source, WaitStatistic};
use vardkoll_domain::compare::tile_map::Measure;
use vardkoll_domain::compare::versus_home::VersusHome;
use vardkoll_domain::regions::REGIONS;

use crate::i18n::Texts;
use crate::platform::api::ApiError;

/// "oktober 2026 · Väntetider i vården": the month a figure covers and its
/// source's name (its id when the answer does not describe it).
pub fn month_and_source(
    t: &'static Texts,
    period: Period,
    source: &str,
    sources: &[Source],
) -> String {
    let month = t
        .months
        .get(period.month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or_default();
    let name = sources
        .iter()
        .find(|s| s.id == source)
        .map_or(source, |s| source_name(t, s));
    format!("{month} {} · {name}", period.year)
}

/// A source's name in the patient's language: a known source's own words for
/// it, else the API's.
pub fn source_name<'a>(t: &'static Texts, source: &'a Source) -> &'a str {
    (t.compare().source_name)(&source.id).unwrap_or(&source.name)
}

/// A source's licence in the patient's language, as [`source_name`].
pub fn source_licence<'a>(t: &'static Texts, source: &'a Source) -> &'a str {
    (t.compare().source_licence)(&source.id).unwrap_or(&source.licence)
}

/// The newest month of region-wide `rows` and their source, for a note beside
/// the region figures; `None` without any.
pub fn regions_note(
    t: &'static Texts,
    rows: &[WaitStatistic],
    sources: &[Source],
) -> Option<String> {
    let newest = rows
        .iter()
        .filter(|r| r.provider_id.is_none())
        .max_by_key(|r| r.period)?;
    Some(month_and_source(
        t,
        newest.period,
        newest.source_id(),
        sources,
    ))
}

pub fn error_text(t: &'static Texts, error: &ApiError) -> &'static str {
    match error {
        ApiError::Network => t.api_network_error,
        ApiError::Status(..) => t.api_server_error,
        ApiError::Invalid => t.api_invalid_error,
    }
}

pub fn capacity_text(t: &'static Texts, capacity: FreeCapacity) -> &'static str {
    match capacity {
        FreeCapacity::Yes => t.capacity_yes,
        FreeCapacity::No => t.capacity_no,
        FreeCapacity::Unknown => t.capacity_unknown,
    }
}

pub fn category_text(t: &'static Texts, category: ServiceCategory) -> &'static str {
    match category {
        ServiceCategory::Visit => t.compare().category_visit,
        ServiceCategory::Examination => t.compare().category_examination,
        ServiceCategory::Operation => t.compare().category_operation,
    }
}

pub fn measure_text(t: &'static Texts, measure: Measure) -> &'static str {
    match measure {
        Measure::EstimatedWait => t.estimated_wait,
        Measure::ShareWithinLimit => t.share_within_limit,
        Measure::Waiting => t.compare().waiting_measure,
    }
}

/// A region's name by county code; an unknown code is shown as it is.
pub fn region_name(code: &str) -> String {
    REGIONS
        .iter()
        .find(|r| r.code == code)
        .map_or_else(|| code.to_owned(), |r| r.name.to_owned())
}

/// A share as a percentage the patient's language writes (`80 %` in Swedish).
pub fn percent(t: &'static Texts, share: f64) -> String {
    (t.compare().percent)((share * 100.0).round() as u32)
}

pub fn optional<T>(t: &'static Texts, value: Option<T>, show: impl FnOnce(T) -> String) -> String {
    value.map_or_else(|| t.no_figure.to_owned(), show)
}

/// A measure's value for a region, formatted.
pub fn measure_value(t: &'static Texts, measure: Measure, value: f64) -> String {
    match measure {
        Measure::EstimatedWait => (t.days)(value.round() as u32),
        Measure::ShareWithinLimit => percent(t, value),
        Measure::Waiting => format!("{}", value.round() as u64),
    }
}

pub fn versus_text(t: &'static Texts, versus: VersusHome) -> String {
    match versus {
        VersusHome::Shorter(d) => (t.compare().shorter)(d),
        VersusHome::Longer(d) => (t.compare().longer)(d),
        VersusHome::Same => t.compare().same.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_reads_its_month_and_its_sources_name() {
        let t = crate::i18n::Lang::Sv.texts();
        let sources = [vardkoll_domain::api::VANTETIDER.describe()];
        let october = Period {
            year: 2026,
            month: 10,
        };
        assert_eq!(
            month_and_source(t, october, "vantetider", &sources),
            "oktober 2026 · Väntetider i vården"
        );
        // A source the answer does not describe reads as its id.
        assert_eq!(
            month_and_source(t, october, "kolada", &sources),
            "oktober 2026 · kolada"
        );
        assert_eq!(regions_note(t, &[], &sources), None);
    }
    use crate::i18n::Lang;

    #[test]
    fn figures_read_as_swedish() {
        let t = Lang::Sv.texts();
        assert_eq!(percent(t, 0.804), "80 %");
        assert_eq!(optional(t, None::<u32>, |d| (t.days)(d)), "Uppgift saknas");
        assert_eq!(measure_value(t, Measure::EstimatedWait, 62.0), "62 dagar");
        assert_eq!(measure_value(t, Measure::ShareWithinLimit, 0.5), "50 %");
        assert_eq!(
            versus_text(t, VersusHome::Shorter(62)),
            "62 dagar kortare än i din region"
        );
        assert_eq!(
            versus_text(t, VersusHome::Longer(1)),
            "1 dag längre än i din region"
        );
        assert_eq!(region_name("01"), "Region Stockholm");
        assert_eq!(region_name("99"), "99");
    }

    #[test]
    fn the_sample_data_and_its_licence_read_in_the_patients_language() {
        use vardkoll_domain::api::{KOLADA, SAMPLE, VANTETIDER};
        let (sample, kolada, vantetider) =
            (SAMPLE.describe(), KOLADA.describe(), VANTETIDER.describe());
        let sv = Lang::Sv.texts();
        assert_eq!(source_name(sv, &sample), "Vårdkolls exempeldata");
        assert_eq!(source_licence(sv, &sample), SAMPLE.licence);
        for lang in [Lang::En, Lang::Ar] {
            let t = lang.texts();
            for source in [&sample, &vantetider] {
                let licence = source_licence(t, source);
                assert_ne!(licence, source.licence, "{lang:?}");
                assert!(!licence.contains("fri att använda"), "{lang:?}");
            }
            assert_ne!(source_name(t, &sample), sample.name, "{lang:?}");
            // Proper names and licences known by their own names stay.
            assert_eq!(source_name(t, &vantetider), "Väntetider i vården");
            assert_eq!(source_licence(t, &kolada), "CC BY 4.0");
        }
        assert_eq!(
            (Lang::Ar.compare_texts().licence)("CC BY 4.0"),
            "الترخيص: \u{2068}CC BY 4.0\u{2069}"
        );
        let october = Period {
            year: 2026,
            month: 10,
        };
        assert_eq!(
            month_and_source(Lang::En.texts(), october, "sample", &[sample]),
            "October 2026 · Vårdkoll's sample data"
        );
    }
}
