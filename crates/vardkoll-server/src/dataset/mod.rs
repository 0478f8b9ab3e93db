//! The embedded default dataset: real regions, hospitals and services, with
//! monthly figures generated deterministically (the same on every machine and
//! every start). The figures vary believably between regions, providers and over
//! time, and every row is marked `sampleData: true`: they are never real.

mod catalog;

use vardkoll_domain::api::{
    FreeCapacity, GuaranteeKind, Period, Provider, Region, Service, WaitStatistic,
};
use vardkoll_domain::regions::REGIONS;

pub use catalog::{PROVIDERS, REGION_IDS, SERVICES};

/// The newest month in the sample data, and how many months it covers.
pub const LATEST_PERIOD: Period = Period {
    year: 2026,
    month: 10,
};
pub const MONTHS: usize = 24;

/// Everything the API serves apart from referral requests.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    pub regions: Vec<Region>,
    pub services: Vec<Service>,
    pub providers: Vec<Provider>,
    pub statistics: Vec<WaitStatistic>,
    /// Regions' own figures (Kolada).
    pub regional: Vec<vardkoll_domain::api::RegionalFigure>,
}

/// A stable seed from text.
fn seed(parts: &[&str]) -> u64 {
    let bytes: Vec<&[u8]> = parts.iter().map(|p| p.as_bytes()).collect();
    crate::hash::fnv1a(&bytes)
}

/// splitmix64: a small, good, deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A float in `low..high`.
    fn range(&mut self, low: f64, high: f64) -> f64 {
        let unit = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        low + unit * (high - low)
    }
}

pub fn regions() -> Vec<Region> {
    REGIONS
        .iter()
        .map(|region| Region {
            code: region.code.to_owned(),
            name: region.name.to_owned(),
            vantetider_id: REGION_IDS
                .iter()
                .find(|(code, _)| *code == region.code)
                .map_or(0, |(_, id)| *id),
        })
        .collect()
}

pub fn services() -> Vec<Service> {
    SERVICES
        .iter()
        .map(
            |(code, sv, en, category, guarantee, synonyms, _, _)| Service {
                code: (*code).to_owned(),
                name_sv: (*sv).to_owned(),
                name_en: (*en).to_owned(),
                category: *category,
                guarantee: *guarantee,
                synonyms: synonyms.iter().map(|s| (*s).to_owned()).collect(),
            },
        )
        .collect()
}

pub fn providers() -> Vec<Provider> {
    PROVIDERS
        .iter()
        .map(|(id, name, region, town, lat, lon, size)| Provider {
            id: (*id).to_owned(),
            name: (*name).to_owned(),
            region_code: (*region).to_owned(),
            town: (*town).to_owned(),
            latitude: *lat,
            longitude: *lon,
            phone: None,
            website: None,
            accepts_other_regions: *size >= 2 || Rng(seed(&[id, "accepts"])).range(0.0, 1.0) < 0.6,
        })
        .collect()
}

/// The guarantee limit a service's figures are measured against.
fn limit_days(guarantee: GuaranteeKind, region: &str) -> Option<f64> {
    match guarantee {
        GuaranteeKind::SpecialistVisit if region == "01" => Some(30.0),
        GuaranteeKind::SpecialistVisit | GuaranteeKind::Treatment => Some(90.0),
        GuaranteeKind::BupAssessment => Some(30.0),
        GuaranteeKind::None => None,
    }
}

/// The months covered, oldest first.
pub fn periods() -> Vec<Period> {
    let mut periods = vec![LATEST_PERIOD];
    while periods.len() < MONTHS {
        let oldest = periods[periods.len() - 1];
        periods.push(oldest.previous());
    }
    periods.reverse();
    periods
}

fn reported(period: Period) -> String {
    let next = if period.month == 12 {
        Period {
            year: period.year + 1,
            month: 1,
        }
    } else {
        Period {
            year: period.year,
            month: period.month + 1,
        }
    };
    format!("{next}-25")
}

/// One provider's figures for one service and month.
fn provider_row(
    service: &(impl AsRef<str>, GuaranteeKind, u32),
    provider: &ProviderRowRef,
    index: usize,
    period: Period,
) -> WaitStatistic {
    let (code, guarantee, typical) = (service.0.as_ref(), service.1, service.2);
    let region_factor = Rng(seed(&[code, provider.region, "region"])).range(0.6, 1.6);
    let provider_factor = Rng(seed(&[code, provider.id, "provider"])).range(0.7, 1.4);
    let slope = Rng(seed(&[code, provider.region, "trend"])).range(-0.02, 0.02);
    let mut noise = Rng(seed(&[code, provider.id, &period.to_string()]));
    let summer = if matches!(period.month, 7 | 8) {
        1.12
    } else {
        1.0
    };
    let months_from_middle = index as f64 - (MONTHS as f64 / 2.0);
    let median = (f64::from(typical)
        * region_factor
        * provider_factor
        * (1.0 + slope * months_from_middle)
        * summer
        * noise.range(0.9, 1.1))
    .max(3.0);
    let estimate = median * noise.range(0.85, 1.2);
    let limit = limit_days(guarantee, provider.region);
    let share = limit.map(|limit| {
        let share = 1.0 / (1.0 + ((median - limit) / (limit * 0.3)).exp());
        (share.clamp(0.03, 0.99) * 100.0).round() / 100.0
    });
    let size = f64::from(provider.size);
    let capacity_roll = noise.range(0.0, 1.0);
    let short = limit.is_some_and(|limit| estimate < limit * 0.6);
    let free_capacity = match (short, capacity_roll) {
        (_, r) if r < 0.1 => FreeCapacity::Unknown,
        (true, r) if r < 0.7 => FreeCapacity::Yes,
        (false, r) if r < 0.2 => FreeCapacity::Yes,
        _ => FreeCapacity::No,
    };
    WaitStatistic {
        service_code: code.to_owned(),
        region_code: provider.region.to_owned(),
        provider_id: Some(provider.id.to_owned()),
        period,
        share_within_limit: share,
        median_days_waited: Some(median.round() as u32),
        waiting: Some((size * 35.0 * (median / 60.0) * noise.range(0.8, 1.2)).round() as u32),
        completed: Some((size * 22.0 * noise.range(0.8, 1.2)).round() as u32),
        estimated_wait_days: Some(estimate.round() as u32),
        estimated_wait_band: None,
        estimated_wait_text: None,
        free_capacity,
        reported: reported(period),
        sample_data: true,
        source: Some(vardkoll_domain::api::SAMPLE.id.to_owned()),
        fetched: None,
    }
}

struct ProviderRowRef {
    id: &'static str,
    region: &'static str,
    size: u8,
}

/// A region's figure: the providers' figures weighted by how many wait.
pub fn region_row(rows: &[&WaitStatistic]) -> Option<WaitStatistic> {
    let first = rows.first()?;
    let weight = |row: &WaitStatistic| f64::from(row.waiting.unwrap_or(1).max(1));
    let mean = |value: fn(&WaitStatistic) -> Option<f64>| {
        let known: Vec<_> = rows
            .iter()
            .filter_map(|row| value(row).map(|v| (v, weight(row))))
            .collect();
        let sum: f64 = known.iter().map(|(_, w)| w).sum();
        (!known.is_empty()).then(|| known.iter().map(|(v, w)| v * w).sum::<f64>() / sum)
    };
    let sum = |value: fn(&WaitStatistic) -> Option<u32>| {
        rows.iter()
            .filter_map(|row| value(row))
            .reduce(|a, b| a + b)
    };
    let capacity = if rows
        .iter()
        .any(|row| row.free_capacity == FreeCapacity::Yes)
    {
        FreeCapacity::Yes
    } else if rows.iter().all(|row| row.free_capacity == FreeCapacity::No) {
        FreeCapacity::No
    } else {
        FreeCapacity::Unknown
    };
    Some(WaitStatistic {
        provider_id: None,
        share_within_limit: mean(|r| r.share_within_limit).map(|s| (s * 100.0).round() / 100.0),
        median_days_waited: mean(|r| r.median_days_waited.map(f64::from)).map(|d| d.round() as u32),
        waiting: sum(|r| r.waiting),
        completed: sum(|r| r.completed),
        estimated_wait_days: mean(|r| r.estimated_wait_days.map(f64::from))
            .map(|d| d.round() as u32),
        estimated_wait_band: None,
        estimated_wait_text: None,
        free_capacity: capacity,
        ..(*first).clone()
    })
}

/// The whole default dataset.
pub fn default_dataset() -> Dataset {
    let periods = periods();
    let mut statistics = Vec::new();
    for (code, _, _, _, guarantee, _, typical, min_size) in SERVICES {
        for region in REGIONS {
            let providers: Vec<ProviderRowRef> = PROVIDERS
                .iter()
                .filter(|p| p.2 == region.code)
                .enumerate()
                // BUP is one unit per region; other services need a large enough hospital.
                .filter(|(i, p)| {
                    if *guarantee == GuaranteeKind::BupAssessment {
                        *i == 0
                    } else {
                        p.6 >= *min_size
                    }
                })
                .map(|(_, p)| ProviderRowRef {
                    id: p.0,
                    region: p.2,
                    size: p.6,
                })
                .collect();
            for (index, period) in periods.iter().enumerate() {
                let rows: Vec<WaitStatistic> = providers
                    .iter()
                    .map(|provider| {
                        provider_row(&(code, *guarantee, *typical), provider, index, *period)
                    })
                    .collect();
                if let Some(region_row) = region_row(&rows.iter().collect::<Vec<_>>()) {
                    statistics.push(region_row);
                }
                statistics.extend(rows);
            }
        }
    }
    Dataset {
        regions: regions(),
        services: services(),
        providers: providers(),
        statistics,
        regional: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_is_complete_and_consistent() {
        let data = default_dataset();
        assert_eq!(data.regions.len(), 21);
        assert!(data.regions.iter().all(|r| r.vantetider_id > 0));
        assert!(
            (38..=45).contains(&data.services.len()),
            "{}",
            data.services.len()
        );
        for region in &data.regions {
            assert!(
                data.providers.iter().any(|p| p.region_code == region.code),
                "{} has no provider",
                region.name
            );
        }
        let mut ids: Vec<_> = data.providers.iter().map(|p| &p.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), data.providers.len());
    }

    #[test]
    fn figures_are_deterministic_plausible_and_marked_as_sample_data() {
        let a = default_dataset();
        let b = default_dataset();
        assert_eq!(a.statistics, b.statistics);
        assert!(
            a.statistics
                .iter()
                .all(|row| row.sample_data && row.is_plausible())
        );
        assert_eq!(periods().len(), 24);
        assert_eq!(periods()[23], LATEST_PERIOD);
    }

    #[test]
    fn figures_vary_between_regions_and_over_time() {
        let data = default_dataset();
        let hip: Vec<_> = data
            .statistics
            .iter()
            .filter(|r| {
                r.service_code == "op-hoft" && r.provider_id.is_none() && r.period == LATEST_PERIOD
            })
            .filter_map(|r| r.estimated_wait_days)
            .collect();
        assert_eq!(hip.len(), 21);
        let (min, max) = (hip.iter().min().unwrap(), hip.iter().max().unwrap());
        assert!(max - min > 40, "regions too alike: {min}..{max}");
        let solna: Vec<_> = data
            .statistics
            .iter()
            .filter(|r| {
                r.service_code == "op-hoft" && r.provider_id.as_deref() == Some("karolinska-solna")
            })
            .filter_map(|r| r.median_days_waited)
            .collect();
        assert_eq!(solna.len(), 24);
        assert!(solna.windows(2).any(|w| w[0] != w[1]));
    }

    #[test]
    fn some_providers_report_free_capacity_and_some_do_not() {
        let data = default_dataset();
        let latest: Vec<_> = data
            .statistics
            .iter()
            .filter(|r| r.period == LATEST_PERIOD && r.provider_id.is_some())
            .collect();
        for capacity in [FreeCapacity::Yes, FreeCapacity::No, FreeCapacity::Unknown] {
            assert!(
                latest.iter().any(|r| r.free_capacity == capacity),
                "{capacity:?}"
            );
        }
    }
}
