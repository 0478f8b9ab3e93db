//! Where a figure comes from: each statistic names its source, and the
//! statistics answer describes the sources its rows name — name, address,
//! licence and how long its figures stay current.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::WaitStatistic;

/// A source of figures as the API describes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// What a statistic's `source` names.
    pub id: String,
    pub name: String,
    /// Where a reader finds the source (none for Vårdkoll's own sample data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub licence: String,
    /// A figure reported longer ago than this many days is out of date (the
    /// source's own rule); `None`: it does not go out of date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_for_days: Option<u32>,
}

/// A source known to Vårdkoll (the data behind [`Source`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KnownSource {
    pub id: &'static str,
    pub name: &'static str,
    pub url: Option<&'static str>,
    pub licence: &'static str,
    pub current_for_days: Option<u32>,
}

/// Väntetider i vården: estimates and free capacity older than six weeks are
/// shown as "Uppgift saknas" there, and so here.
pub const VANTETIDER: KnownSource = KnownSource {
    id: "vantetider",
    name: "Väntetider i vården",
    url: Some("https://www.vantetider.se"),
    licence: "Offentlig statistik från regionerna (SKR, från 2025-07-01 Socialstyrelsen)",
    current_for_days: Some(42),
};

/// Kolada, the open database of municipalities' and regions' key figures.
pub const KOLADA: KnownSource = KnownSource {
    id: "kolada",
    name: "Kolada (RKA)",
    url: Some("https://www.kolada.se"),
    licence: "CC BY 4.0",
    current_for_days: None,
};

/// Vårdkoll's generated sample figures, never to be taken as real.
pub const SAMPLE: KnownSource = KnownSource {
    id: "sample",
    name: "Vårdkolls exempeldata",
    url: None,
    licence: "Genererad, fri att använda (CC0 1.0)",
    current_for_days: None,
};

pub const KNOWN_SOURCES: [KnownSource; 3] = [VANTETIDER, KOLADA, SAMPLE];

impl KnownSource {
    pub fn describe(&self) -> Source {
        Source {
            id: self.id.to_owned(),
            name: self.name.to_owned(),
            url: self.url.map(str::to_owned),
            licence: self.licence.to_owned(),
            current_for_days: self.current_for_days,
        }
    }

    pub fn find(id: &str) -> Option<KnownSource> {
        KNOWN_SOURCES.iter().copied().find(|s| s.id == id)
    }
}

/// `sources` once each (by id), in the order they first come.
pub fn distinct(sources: impl IntoIterator<Item = Source>) -> Vec<Source> {
    let mut seen: Vec<Source> = Vec::new();
    for source in sources {
        if !seen.iter().any(|s| s.id == source.id) {
            seen.push(source);
        }
    }
    seen
}

/// The known sources that `ids` name, each once, described for an answer.
pub fn described<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<Source> {
    distinct(
        ids.into_iter()
            .filter_map(KnownSource::find)
            .map(|known| known.describe()),
    )
}

impl WaitStatistic {
    /// The source this row names; rows from before sources were recorded
    /// come from the sample data or from vantetider.se.
    pub fn source_id(&self) -> &str {
        match &self.source {
            Some(id) => id,
            None if self.sample_data => SAMPLE.id,
            None => VANTETIDER.id,
        }
    }

    /// Whether the figure is older than `source`'s rule allows on `today`.
    pub fn is_out_of_date(&self, source: Option<&Source>, today: NaiveDate) -> bool {
        out_of_date(&self.reported, source, today)
    }

    /// The row as it may be shown on `today`: past its source's rule, the
    /// estimate and the free capacity are unknown ("Uppgift saknas"), as the
    /// source itself shows them; the month's statistics stay.
    pub fn as_of(mut self, sources: &[Source], today: NaiveDate) -> WaitStatistic {
        let source = sources.iter().find(|s| s.id == self.source_id());
        if self.is_out_of_date(source, today) {
            self.estimated_wait_days = None;
            self.estimated_wait_band = None;
            self.estimated_wait_text = None;
            self.free_capacity = super::FreeCapacity::Unknown;
        }
        self
    }
}

impl super::StatisticsPage {
    /// The page as it may be shown on `today`: every row through
    /// [`WaitStatistic::as_of`] with the page's own sources, so that what is
    /// sorted, filtered and compared is what is shown.
    pub fn as_of(mut self, today: NaiveDate) -> super::StatisticsPage {
        let sources = std::mem::take(&mut self.sources);
        self.rows = self
            .rows
            .into_iter()
            .map(|row| row.as_of(&sources, today))
            .collect();
        self.sources = sources;
        self
    }
}

/// Whether a figure reported on `reported` (YYYY-MM-DD) is older than
/// `source`'s rule allows on `today` (an unreadable date is out of date too).
pub fn out_of_date(reported: &str, source: Option<&Source>, today: NaiveDate) -> bool {
    let Some(days) = source.and_then(|s| s.current_for_days) else {
        return false;
    };
    crate::date::parse_iso(reported).map_or(true, |reported| {
        crate::date::days_between(reported, today) > i64::from(days)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{FreeCapacity, Period};
    use crate::date::ymd;

    fn row(reported: &str, source: Option<&str>, sample_data: bool) -> WaitStatistic {
        WaitStatistic {
            service_code: "10503".into(),
            region_code: "01".into(),
            provider_id: Some("vt-1".into()),
            period: Period {
                year: 2026,
                month: 10,
            },
            share_within_limit: None,
            median_days_waited: None,
            waiting: None,
            completed: None,
            estimated_wait_days: Some(30),
            estimated_wait_band: None,
            estimated_wait_text: None,
            free_capacity: FreeCapacity::Unknown,
            reported: reported.into(),
            sample_data,
            source: source.map(str::to_owned),
            fetched: None,
        }
    }

    #[test]
    fn a_vantetider_figure_older_than_six_weeks_is_out_of_date() {
        let source = VANTETIDER.describe();
        let today = ymd(2026, 12, 1);
        assert!(!row("2026-10-20", None, false).is_out_of_date(Some(&source), today));
        // 42 days is still current; 43 is not.
        assert!(!row("2026-10-20", None, false).is_out_of_date(Some(&source), ymd(2026, 12, 1)));
        assert!(row("2026-10-19", None, false).is_out_of_date(Some(&source), ymd(2026, 12, 1)));
        assert!(row("igår", None, false).is_out_of_date(Some(&source), today));
        // Sources without a rule never go out of date.
        assert!(
            !row("2020-01-01", Some("kolada"), false)
                .is_out_of_date(Some(&KOLADA.describe()), today)
        );
        assert!(!row("2020-01-01", None, false).is_out_of_date(None, today));
    }

    #[test]
    fn an_out_of_date_row_loses_its_estimate_and_capacity_not_its_statistics() {
        let sources = [VANTETIDER.describe()];
        let mut old = row("2026-10-01", Some("vantetider"), false);
        old.free_capacity = FreeCapacity::Yes;
        old.median_days_waited = Some(50);
        let shown = old.clone().as_of(&sources, ymd(2026, 12, 1));
        assert_eq!(
            (
                shown.estimated_wait_days,
                shown.free_capacity,
                shown.median_days_waited
            ),
            (None, FreeCapacity::Unknown, Some(50))
        );
        assert_eq!(old.clone().as_of(&sources, ymd(2026, 10, 20)), old);
    }

    #[test]
    fn a_page_shows_its_out_of_date_rows_without_estimate_so_they_sort_and_filter_as_shown() {
        use crate::api::StatisticsPage;
        use crate::compare::table::{Filter, Sort, SortKey, SortOrder, provider_rows, visible};
        let mut fresh = row("2026-11-20", Some("vantetider"), false);
        fresh.estimated_wait_days = Some(30);
        let mut old = row("2026-10-01", Some("vantetider"), false);
        old.provider_id = Some("vt-2".into());
        old.estimated_wait_days = Some(5);
        old.free_capacity = FreeCapacity::Yes;
        let page = StatisticsPage {
            service_code: "10503".into(),
            sample_data: false,
            rows: vec![fresh, old],
            sources: vec![VANTETIDER.describe()],
        }
        .as_of(ymd(2026, 12, 1));
        assert_eq!(page.rows[1].estimated_wait_days, None);
        assert_eq!(page.rows[1].free_capacity, FreeCapacity::Unknown);
        assert_eq!(page.rows[0].estimated_wait_days, Some(30));
        assert_eq!(page.sources.len(), 1);
        use crate::compare::table::tests::provider;
        let rows = provider_rows(&[provider("vt-1"), provider("vt-2")], &page.rows);
        // The old row's 5 days no longer put it first, nor its capacity keep it.
        let by_wait = Sort {
            key: SortKey::EstimatedWait,
            order: SortOrder::Ascending,
        };
        let first = visible(&rows, &Filter::default(), by_wait)[0];
        assert_eq!(rows[first].provider_id, "vt-1");
        let capacity_only = Filter {
            free_capacity_only: true,
            ..Filter::default()
        };
        assert!(visible(&rows, &capacity_only, by_wait).is_empty());
    }

    #[test]
    fn each_source_is_described_once_in_the_order_named() {
        let named = described(["sample", "kolada", "sample", "unknown", "kolada"]);
        let ids: Vec<&str> = named.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["sample", "kolada"]);
        let merged = distinct(
            named
                .into_iter()
                .chain([VANTETIDER.describe(), KOLADA.describe()]),
        );
        let ids: Vec<&str> = merged.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["sample", "kolada", "vantetider"]);
    }

    #[test]
    fn rows_without_a_recorded_source_name_theirs() {
        assert_eq!(row("2026-10-01", None, true).source_id(), "sample");
        assert_eq!(row("2026-10-01", None, false).source_id(), "vantetider");
        assert_eq!(
            row("2026-10-01", Some("kolada"), false).source_id(),
            "kolada"
        );
        assert_eq!(KnownSource::find("kolada"), Some(KOLADA));
        assert_eq!(KnownSource::find("nope"), None);
    }
}
