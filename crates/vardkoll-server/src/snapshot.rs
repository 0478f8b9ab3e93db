//! The catalogue and statistics in memory, with each distinct statistics answer
//! serialised once and kept with its ETag.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::RwLock;

use axum::body::Bytes;
use vardkoll_domain::api::{Period, StatisticsPage, WaitStatistic};

use crate::dataset::Dataset;

/// Which statistics rows a query asks for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StatisticsQuery {
    pub service: String,
    pub region: Option<String>,
    pub provider: Option<String>,
    /// `provider`, `region` or both (`None`).
    pub level: Option<Level>,
    /// The newest this many months (1 to 24).
    pub months: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level {
    Provider,
    Region,
}

/// A serialised answer and its validator.
#[derive(Clone)]
pub struct Cached {
    pub body: Bytes,
    pub etag: String,
}

pub struct Snapshot {
    pub data: Dataset,
    /// A number that changes whenever the data does (part of every ETag).
    pub version: u64,
    by_service: HashMap<String, Vec<usize>>,
    periods: Vec<Period>,
    cache: RwLock<HashMap<StatisticsQuery, Cached>>,
}

impl Snapshot {
    pub fn new(data: Dataset) -> Snapshot {
        let mut by_service: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, row) in data.statistics.iter().enumerate() {
            by_service
                .entry(row.service_code.clone())
                .or_default()
                .push(index);
        }
        let mut periods: Vec<Period> = data.statistics.iter().map(|row| row.period).collect();
        periods.sort_unstable();
        periods.dedup();
        let mut hasher = DefaultHasher::new();
        data.statistics.len().hash(&mut hasher);
        periods.hash(&mut hasher);
        for row in &data.statistics {
            row.service_code.hash(&mut hasher);
            row.provider_id.hash(&mut hasher);
            row.estimated_wait_days.hash(&mut hasher);
            row.reported.hash(&mut hasher);
        }
        Snapshot {
            data,
            version: hasher.finish(),
            by_service,
            periods,
            cache: RwLock::new(HashMap::new()),
        }
    }

    pub fn has_service(&self, code: &str) -> bool {
        self.data.services.iter().any(|s| s.code == code)
    }

    pub fn has_region(&self, code: &str) -> bool {
        self.data.regions.iter().any(|r| r.code == code)
    }

    pub fn has_provider(&self, id: &str) -> bool {
        self.data.providers.iter().any(|p| p.id == id)
    }

    /// The rows for `query`, newest months only, ordered by region, provider, period.
    pub fn rows(&self, query: &StatisticsQuery) -> Vec<&WaitStatistic> {
        let first = self.periods.len().saturating_sub(query.months);
        let Some(first_period) = self.periods.get(first) else {
            return Vec::new();
        };
        self.by_service
            .get(&query.service)
            .into_iter()
            .flatten()
            .map(|index| &self.data.statistics[*index])
            .filter(|row| row.period >= *first_period)
            .filter(|row| query.region.as_ref().is_none_or(|r| &row.region_code == r))
            .filter(|row| query.provider.is_none() || row.provider_id == query.provider)
            .filter(|row| match query.level {
                Some(Level::Provider) => row.provider_id.is_some(),
                Some(Level::Region) => row.provider_id.is_none(),
                None => true,
            })
            .collect()
    }

    /// The serialised answer for `query`, computed once per snapshot.
    pub fn statistics(&self, query: &StatisticsQuery) -> Cached {
        if let Some(hit) = self
            .cache
            .read()
            .ok()
            .and_then(|cache| cache.get(query).cloned())
        {
            return hit;
        }
        let rows: Vec<WaitStatistic> = self.rows(query).into_iter().cloned().collect();
        let page = StatisticsPage {
            service_code: query.service.clone(),
            sample_data: rows.iter().any(|row| row.sample_data),
            rows,
        };
        let body = Bytes::from(serde_json::to_vec(&page).unwrap_or_default());
        let mut hasher = DefaultHasher::new();
        body.hash(&mut hasher);
        let cached = Cached {
            etag: format!("\"{:x}-{:x}\"", self.version, hasher.finish()),
            body,
        };
        if let Ok(mut cache) = self.cache.write() {
            cache.insert(query.clone(), cached.clone());
        }
        cached
    }
}
