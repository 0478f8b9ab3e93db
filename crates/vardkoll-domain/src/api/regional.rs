//! Regions' own published figures from Kolada (open data, CC BY 4.0): one key
//! figure (KPI) for one region (or the whole country) in one year, shown
//! beside the units' figures with their source.

use serde::{Deserialize, Serialize};

use super::{ServiceCategory, Source};

/// One region's value of one key figure in one year, for everyone ("T"),
/// women ("K") or men ("M"). `value` is `None` where Kolada publishes none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegionalFigure {
    pub kpi: String,
    /// A county code ("01"-"25"), or "00" for the whole country.
    pub region_code: String,
    pub year: i32,
    pub gender: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The source's id ([`Source`]).
    pub source: String,
    /// The day it was fetched (YYYY-MM-DD).
    pub fetched: String,
}

/// The answer of `GET /regional-figures`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegionalFiguresPage {
    pub figures: Vec<RegionalFigure>,
    #[serde(default)]
    pub sources: Vec<Source>,
}

/// What a key figure measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KpiMeasure {
    /// Median days waited, by those still waiting.
    MedianDaysWaiting,
    /// Median days waited, by those who got the care.
    MedianDaysDone,
    /// Share within 90 days, per cent.
    ShareWithin90Days,
    /// Child and adolescent psychiatry (BUP), as Kolada defines it.
    Bup,
}

/// A Kolada key figure Vårdkoll imports, and the care it is about (`None`:
/// not one service category).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kpi {
    pub id: &'static str,
    pub measure: KpiMeasure,
    pub care: Option<ServiceCategory>,
}

/// The key figures the importer fetches: days to a first visit in specialised
/// care and to an operation (waiting and done), shares within 90 days, BUP.
pub const KOLADA_KPIS: [Kpi; 10] = [
    kpi(
        "N79240",
        KpiMeasure::MedianDaysWaiting,
        Some(ServiceCategory::Visit),
    ),
    kpi(
        "N79241",
        KpiMeasure::MedianDaysDone,
        Some(ServiceCategory::Visit),
    ),
    kpi(
        "N79242",
        KpiMeasure::MedianDaysWaiting,
        Some(ServiceCategory::Operation),
    ),
    kpi(
        "N79243",
        KpiMeasure::MedianDaysDone,
        Some(ServiceCategory::Operation),
    ),
    kpi("N79221", KpiMeasure::ShareWithin90Days, None),
    kpi("N79222", KpiMeasure::ShareWithin90Days, None),
    kpi("N79223", KpiMeasure::ShareWithin90Days, None),
    kpi("N79224", KpiMeasure::ShareWithin90Days, None),
    kpi("U72552", KpiMeasure::Bup, None),
    kpi("U79119", KpiMeasure::Bup, None),
];

const fn kpi(id: &'static str, measure: KpiMeasure, care: Option<ServiceCategory>) -> Kpi {
    Kpi { id, measure, care }
}

impl Kpi {
    pub fn find(id: &str) -> Option<Kpi> {
        KOLADA_KPIS.iter().copied().find(|k| k.id == id)
    }
}

/// The newest figure for everyone of each key figure about `care` in
/// `region`, in [`KOLADA_KPIS`]' order: what the comparison shows.
pub fn newest_for<'a>(
    figures: &'a [RegionalFigure],
    region: &str,
    care: ServiceCategory,
) -> Vec<(Kpi, &'a RegionalFigure)> {
    KOLADA_KPIS
        .iter()
        .filter(|k| k.care == Some(care))
        .filter_map(|k| {
            figures
                .iter()
                .filter(|f| {
                    f.kpi == k.id && f.region_code == region && f.gender == "T" && f.value.is_some()
                })
                .max_by_key(|f| f.year)
                .map(|f| (*k, f))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(
        kpi: &str,
        region: &str,
        year: i32,
        gender: &str,
        value: Option<f64>,
    ) -> RegionalFigure {
        RegionalFigure {
            kpi: kpi.into(),
            region_code: region.into(),
            year,
            gender: gender.into(),
            value,
            source: "kolada".into(),
            fetched: "2026-12-01".into(),
        }
    }

    #[test]
    fn the_newest_published_figure_for_everyone_per_key_figure() {
        let figures = [
            figure("N79240", "13", 2023, "T", Some(40.0)),
            figure("N79240", "13", 2024, "T", Some(35.0)),
            figure("N79240", "13", 2025, "T", None),
            figure("N79240", "13", 2024, "K", Some(30.0)),
            figure("N79241", "13", 2024, "T", Some(50.0)),
            figure("N79242", "13", 2024, "T", Some(80.0)),
            figure("N79240", "01", 2024, "T", Some(20.0)),
        ];
        let shown: Vec<(&str, i32, Option<f64>)> =
            newest_for(&figures, "13", ServiceCategory::Visit)
                .into_iter()
                .map(|(k, f)| (k.id, f.year, f.value))
                .collect();
        assert_eq!(
            shown,
            [("N79240", 2024, Some(35.0)), ("N79241", 2024, Some(50.0))]
        );
        let operations = newest_for(&figures, "13", ServiceCategory::Operation);
        assert_eq!(operations.len(), 1);
        assert!(newest_for(&figures, "13", ServiceCategory::Examination).is_empty());
        assert_eq!(
            Kpi::find("U79119").map(|k| k.measure),
            Some(KpiMeasure::Bup)
        );
    }
}
