//! The provider table: one row per provider reporting the chosen service, and the
//! sorting and filtering the patient applies to it.

use std::cmp::Ordering;

use crate::api::{FreeCapacity, Period, Provider, WaitStatistic};

use super::geo::{Point, distance_km};

/// One provider's newest figures for the chosen service.
#[derive(Clone, Debug, PartialEq)]
pub struct ProviderRow {
    pub provider_id: String,
    pub name: String,
    /// The name as Swedish sorts it (å, ä, ö after z; case ignored).
    pub name_key: Vec<u32>,
    pub region_code: String,
    pub town: String,
    pub location: Point,
    pub accepts_other_regions: bool,
    pub estimated_wait_days: Option<u32>,
    /// What the source published instead of a band of weeks, as it was.
    pub estimated_wait_text: Option<String>,
    /// The id of the figures' source (the page's `sources` describe it).
    pub source: String,
    /// The month the figures cover.
    pub period: Period,
    pub share_within_limit: Option<f64>,
    pub waiting: Option<u32>,
    pub free_capacity: FreeCapacity,
    pub reported: String,
    pub sample_data: bool,
}

/// Joins provider-level statistics with the provider catalogue. Region-wide rows,
/// and rows for a provider the catalogue does not know, are left out.
pub fn provider_rows(providers: &[Provider], statistics: &[WaitStatistic]) -> Vec<ProviderRow> {
    let mut by_id: Vec<&Provider> = providers.iter().collect();
    crate::sorting::sort_by(&mut by_id, |a, b| a.id.cmp(&b.id));
    statistics
        .iter()
        .filter_map(|stat| {
            let id = stat.provider_id.as_ref()?;
            let index = by_id.binary_search_by(|p| p.id.as_str().cmp(id)).ok()?;
            let provider = by_id[index];
            Some(ProviderRow {
                provider_id: provider.id.clone(),
                name: provider.name.clone(),
                name_key: name_key(&provider.name),
                region_code: provider.region_code.clone(),
                town: provider.town.clone(),
                location: Point::new(provider.latitude, provider.longitude),
                accepts_other_regions: provider.accepts_other_regions,
                estimated_wait_days: stat.estimated_wait_days,
                estimated_wait_text: stat.estimated_wait_text.clone(),
                source: stat.source_id().to_owned(),
                period: stat.period,
                share_within_limit: stat.share_within_limit,
                waiting: stat.waiting,
                free_capacity: stat.free_capacity,
                reported: stat.reported.clone(),
                sample_data: stat.sample_data,
            })
        })
        .collect()
}

/// The key the table sorts names by: Swedish alphabetical order (the
/// providers' names are Swedish names), Å, Ä, Ö after Z.
pub fn name_key(name: &str) -> Vec<u32> {
    crate::collate::key(name, crate::collate::Collation::Swedish)
}

/// A sortable column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortKey {
    Name,
    #[default]
    EstimatedWait,
    ShareWithinLimit,
    Waiting,
    FreeCapacity,
    Reported,
    Distance,
}

impl SortKey {
    pub const ALL: [SortKey; 7] = [
        SortKey::Name,
        SortKey::EstimatedWait,
        SortKey::ShareWithinLimit,
        SortKey::Waiting,
        SortKey::FreeCapacity,
        SortKey::Reported,
        SortKey::Distance,
    ];

    /// The order a first click sorts in: what most patients look for first
    /// (shortest wait, highest share, free capacity, newest report, nearest).
    pub fn natural_order(self) -> SortOrder {
        match self {
            SortKey::ShareWithinLimit | SortKey::FreeCapacity | SortKey::Reported => {
                SortOrder::Descending
            }
            _ => SortOrder::Ascending,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortOrder {
    #[default]
    Ascending,
    Descending,
}

/// A sort column and direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Sort {
    pub key: SortKey,
    pub order: SortOrder,
}

impl Sort {
    /// The sort after a click on `key`'s header: the same column flips direction,
    /// another column starts in its natural order.
    pub fn toggled(self, key: SortKey) -> Sort {
        if self.key == key {
            let order = match self.order {
                SortOrder::Ascending => SortOrder::Descending,
                SortOrder::Descending => SortOrder::Ascending,
            };
            Sort { key, order }
        } else {
            Sort {
                key,
                order: key.natural_order(),
            }
        }
    }
}

/// Where distances are measured from, and how far is too far.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Nearby {
    pub origin: Point,
    /// `None` shows every distance without hiding any row.
    pub within_km: Option<u32>,
}

/// What the patient narrowed the table to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Only providers in this region (county code).
    pub region: Option<String>,
    /// Only providers reporting free capacity.
    pub free_capacity_only: bool,
    pub nearby: Option<Nearby>,
}

impl Filter {
    fn keeps(&self, row: &ProviderRow) -> bool {
        self.region.as_ref().is_none_or(|r| &row.region_code == r)
            && (!self.free_capacity_only || row.free_capacity == FreeCapacity::Yes)
            && self.nearby.is_none_or(|n| {
                n.within_km
                    .is_none_or(|km| distance_km(n.origin, row.location) <= f64::from(km))
            })
    }
}

fn capacity_rank(capacity: FreeCapacity) -> u8 {
    match capacity {
        FreeCapacity::No => 0,
        FreeCapacity::Unknown => 1,
        FreeCapacity::Yes => 2,
    }
}

/// Compares present values; a missing figure always sorts last, whatever the direction.
fn by_value<T: PartialOrd>(a: Option<T>, b: Option<T>, order: SortOrder) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => {
            let ordering = a.partial_cmp(&b).unwrap_or(Ordering::Equal);
            match order {
                SortOrder::Ascending => ordering,
                SortOrder::Descending => ordering.reverse(),
            }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The indices of the rows to show, in display order: filtered, sorted, ties by
/// name and then id so the order is always the same.
pub fn visible(rows: &[ProviderRow], filter: &Filter, sort: Sort) -> Vec<usize> {
    let origin = filter.nearby.map(|n| n.origin);
    let distance = |row: &ProviderRow| origin.map(|o| distance_km(o, row.location));
    let mut keyed: Vec<(usize, Option<f64>)> = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| filter.keeps(row))
        .map(|(i, row)| (i, distance(row)))
        .collect();
    crate::sorting::sort_by(&mut keyed, |&(i, da), &(j, db)| {
        let (a, b) = (&rows[i], &rows[j]);
        let o = sort.order;
        let primary = match sort.key {
            SortKey::Name => by_value(Some(&a.name_key), Some(&b.name_key), o),
            SortKey::EstimatedWait => by_value(a.estimated_wait_days, b.estimated_wait_days, o),
            SortKey::ShareWithinLimit => by_value(a.share_within_limit, b.share_within_limit, o),
            SortKey::Waiting => by_value(a.waiting, b.waiting, o),
            SortKey::FreeCapacity => by_value(
                Some(capacity_rank(a.free_capacity)),
                Some(capacity_rank(b.free_capacity)),
                o,
            ),
            SortKey::Reported => by_value(Some(&a.reported), Some(&b.reported), o),
            SortKey::Distance => by_value(da, db, o),
        };
        primary
            .then_with(|| a.name_key.cmp(&b.name_key))
            .then_with(|| a.provider_id.cmp(&b.provider_id))
    });
    keyed.into_iter().map(|(i, _)| i).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn row(id: &str, region: &str, wait: Option<u32>, capacity: FreeCapacity) -> ProviderRow {
        ProviderRow {
            provider_id: id.into(),
            name: format!("Sjukhus {id}"),
            name_key: name_key(&format!("Sjukhus {id}")),
            region_code: region.into(),
            town: "Ort".into(),
            location: Point::new(59.0, 18.0),
            accepts_other_regions: true,
            estimated_wait_days: wait,
            estimated_wait_text: None,
            source: "sample".into(),
            period: Period {
                year: 2026,
                month: 10,
            },
            share_within_limit: wait.map(|w| 1.0 - f64::from(w) / 400.0),
            waiting: wait.map(|w| w * 2),
            free_capacity: capacity,
            reported: format!("2026-10-{:02}", wait.unwrap_or(1) % 28 + 1),
            sample_data: true,
        }
    }

    fn ids(rows: &[ProviderRow], order: Vec<usize>) -> Vec<&str> {
        order
            .into_iter()
            .map(|i| rows[i].provider_id.as_str())
            .collect()
    }

    fn sample() -> Vec<ProviderRow> {
        vec![
            row("a", "01", Some(90), FreeCapacity::No),
            row("b", "14", Some(30), FreeCapacity::Yes),
            row("c", "01", None, FreeCapacity::Unknown),
            row("d", "12", Some(60), FreeCapacity::Yes),
        ]
    }

    /// A catalogue provider in Solna (its name as markup, to show it stays text).
    pub fn provider(id: &str) -> Provider {
        Provider {
            id: id.into(),
            name: format!("<b>{id}</b>"),
            region_code: "01".into(),
            town: "Solna".into(),
            latitude: 59.35,
            longitude: 18.03,
            phone: None,
            website: None,
            accepts_other_regions: false,
        }
    }

    #[test]
    fn rows_join_statistics_with_the_catalogue() {
        let stat = |provider: Option<&str>| WaitStatistic {
            service_code: "op-hoft".into(),
            region_code: "01".into(),
            provider_id: provider.map(Into::into),
            period: crate::api::Period {
                year: 2026,
                month: 10,
            },
            share_within_limit: Some(0.5),
            median_days_waited: None,
            waiting: Some(3),
            completed: None,
            estimated_wait_days: Some(40),
            estimated_wait_band: None,
            estimated_wait_text: None,
            source: None,
            fetched: None,
            free_capacity: FreeCapacity::Yes,
            reported: "2026-11-02".into(),
            sample_data: true,
        };
        let rows = provider_rows(
            &[provider("x"), provider("y")],
            &[stat(Some("y")), stat(None), stat(Some("unknown"))],
        );
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].provider_id, "y");
        assert_eq!(rows[0].name, "<b>y</b>");
        assert_eq!(rows[0].estimated_wait_days, Some(40));
        assert!(!rows[0].accepts_other_regions);
    }

    #[test]
    fn sorts_by_each_column_with_missing_figures_last() {
        let rows = sample();
        let sort = |key, order| visible(&rows, &Filter::default(), Sort { key, order });
        use SortKey::*;
        use SortOrder::*;
        assert_eq!(
            ids(&rows, sort(EstimatedWait, Ascending)),
            ["b", "d", "a", "c"]
        );
        assert_eq!(
            ids(&rows, sort(EstimatedWait, Descending)),
            ["a", "d", "b", "c"]
        );
        assert_eq!(
            ids(&rows, sort(ShareWithinLimit, Descending)),
            ["b", "d", "a", "c"]
        );
        assert_eq!(ids(&rows, sort(Waiting, Ascending)), ["b", "d", "a", "c"]);
        assert_eq!(
            ids(&rows, sort(FreeCapacity, Descending)),
            ["b", "d", "c", "a"]
        );
        assert_eq!(ids(&rows, sort(Name, Descending)), ["d", "c", "b", "a"]);
        assert_eq!(ids(&rows, sort(Reported, Descending)), ["a", "d", "b", "c"]);
        // Without an origin there is no distance: the name decides.
        assert_eq!(ids(&rows, sort(Distance, Ascending)), ["a", "b", "c", "d"]);
    }

    #[test]
    fn names_sort_in_swedish_order() {
        let mut rows = sample();
        for (row, name) in rows
            .iter_mut()
            .zip(["Örebro", "ängelholm", "Arvika", "Åre"])
        {
            row.name = name.into();
            row.name_key = name_key(name);
        }
        let sort = Sort {
            key: SortKey::Name,
            order: SortOrder::Ascending,
        };
        let names: Vec<&str> = visible(&rows, &Filter::default(), sort)
            .into_iter()
            .map(|i| rows[i].name.as_str())
            .collect();
        assert_eq!(names, ["Arvika", "Åre", "ängelholm", "Örebro"]);
    }

    #[test]
    fn clicking_a_header_toggles_or_starts_in_the_natural_order() {
        let sort = Sort::default();
        assert_eq!(sort.key, SortKey::EstimatedWait);
        let flipped = sort.toggled(SortKey::EstimatedWait);
        assert_eq!(flipped.order, SortOrder::Descending);
        assert_eq!(
            flipped.toggled(SortKey::EstimatedWait).order,
            SortOrder::Ascending
        );
        assert_eq!(
            sort.toggled(SortKey::ShareWithinLimit).order,
            SortOrder::Descending
        );
        assert_eq!(sort.toggled(SortKey::Distance).order, SortOrder::Ascending);
    }

    #[test]
    fn filters_by_region_capacity_and_distance() {
        let mut rows = sample();
        rows[0].location = Point::new(59.33, 18.07); // Stockholm
        rows[1].location = Point::new(57.71, 11.97); // Göteborg
        rows[2].location = Point::new(59.86, 17.64); // Uppsala
        rows[3].location = Point::new(55.60, 13.00); // Malmö
        let all = Sort::default();
        let region = Filter {
            region: Some("01".into()),
            ..Filter::default()
        };
        assert_eq!(ids(&rows, visible(&rows, &region, all)), ["a", "c"]);
        let capacity = Filter {
            free_capacity_only: true,
            ..Filter::default()
        };
        assert_eq!(ids(&rows, visible(&rows, &capacity, all)), ["b", "d"]);
        let stockholm = Point::new(59.33, 18.07);
        let near = |within_km| Filter {
            nearby: Some(Nearby {
                origin: stockholm,
                within_km,
            }),
            ..Filter::default()
        };
        assert_eq!(
            ids(&rows, visible(&rows, &near(Some(100)), all)),
            ["a", "c"]
        );
        assert_eq!(
            ids(&rows, visible(&rows, &near(Some(450)), all)),
            ["b", "a", "c"]
        );
        let by_distance = Sort {
            key: SortKey::Distance,
            order: SortOrder::Ascending,
        };
        assert_eq!(
            ids(&rows, visible(&rows, &near(None), by_distance)),
            ["a", "c", "b", "d"]
        );
        let both = Filter {
            free_capacity_only: true,
            ..region
        };
        assert!(visible(&rows, &both, all).is_empty());
    }
}
