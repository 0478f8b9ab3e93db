//! What every request handler shares.
//!
//! The catalogue and statistics are read from the store at start and served
//! from memory. Every `data_check_seconds` an instance asks the store for its
//! data version; when an import (on any instance, or `vardkoll-server import`)
//! changed it, the instance reads the data again and swaps it in whole.

use std::sync::Arc;
use std::time::Duration;

use arc_swap::ArcSwap;

use crate::clock::Clock;
use crate::config::Config;
use crate::identity::Verifier;
use crate::snapshot::Snapshot;
use crate::store::{Store, StoreError};

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    snapshot: Arc<ArcSwap<Snapshot>>,
    /// The store's data version when the first snapshot was read.
    loaded_version: i64,
    pub config: Arc<Config>,
    /// Checks patients' access tokens, when an identity provider is configured.
    pub identity: Option<Arc<Verifier>>,
    /// Now, for offers and free times ([`crate::clock`]).
    pub clock: Clock,
}

impl AppState {
    pub async fn new(store: Arc<dyn Store>, config: Config) -> Result<AppState, StoreError> {
        // The version first: an import in between is seen by the first check.
        let loaded_version = store.data_version().await?;
        let snapshot = Snapshot::new(store.dataset().await?);
        let identity = match &config.identity {
            Some(identity) => Some(Arc::new(
                Verifier::new(identity.clone()).map_err(StoreError::Database)?,
            )),
            None => None,
        };
        let clock = match &config.clock_offset_file {
            Some(path) => {
                tracing::warn!("VARDKOLL_CLOCK_OFFSET_FILE is set: the clock is a test's");
                Clock::offset_by_file(path.clone())
            }
            None => Clock::system(),
        };
        Ok(AppState {
            clock,
            identity,
            store,
            snapshot: Arc::new(ArcSwap::from_pointee(snapshot)),
            loaded_version,
            config: Arc::new(config),
        })
    }

    /// The catalogue and statistics.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot.load_full()
    }

    /// Reads the data again if the store's version moved past `seen`; returns
    /// the version now served.
    pub async fn refresh(&self, seen: i64) -> Result<i64, StoreError> {
        let version = self.store.data_version().await?;
        if version != seen {
            let data = self.store.dataset().await?;
            self.snapshot.store(Arc::new(Snapshot::new(data)));
            tracing::info!(version, "statistics reloaded after an import");
        }
        Ok(version)
    }

    /// Deletes the requests closed longer ago than the retention time; returns how many.
    pub async fn purge(&self, now: chrono::DateTime<chrono::Utc>) -> Result<u64, StoreError> {
        let before = retention_cutoff(now, self.config.retention_days);
        let deleted = self.store.purge_closed(before).await?;
        if deleted > 0 {
            tracing::info!(deleted, "closed requests past their retention time deleted");
        }
        Ok(deleted)
    }

    /// Purges now and then every hour until the task is aborted.
    pub fn spawn_purger(&self) -> tokio::task::JoinHandle<()> {
        let state = self.clone();
        tokio::spawn(async move {
            let mut interval = tokio::time::interval(Duration::from_secs(3600));
            loop {
                interval.tick().await;
                if let Err(error) = state.purge(chrono::Utc::now()).await {
                    tracing::warn!(%error, "could not delete expired requests");
                }
            }
        })
    }

    /// Gives back the times of offers whose answer window closed; returns how
    /// many requests went back to the region's queue.
    pub async fn expire_offers(&self) -> Result<u64, StoreError> {
        let moved = self.store.expire_offers(self.clock.stamp()).await?;
        if moved > 0 {
            tracing::info!(
                moved,
                "offers past their answer window went back to the queue"
            );
        }
        Ok(moved)
    }

    /// Expires offers every `offer_sweep_seconds` until the task is aborted.
    pub fn spawn_offer_sweeper(&self) -> tokio::task::JoinHandle<()> {
        let state = self.clone();
        let every = Duration::from_secs_f64(self.config.offer_sweep_seconds);
        tokio::spawn(async move {
            let mut interval = tokio::time::interval(every);
            interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                interval.tick().await;
                if let Err(error) = state.expire_offers().await {
                    tracing::warn!(%error, "could not expire offers");
                }
            }
        })
    }

    /// Checks for imports until the task is aborted.
    pub fn spawn_refresher(&self) -> tokio::task::JoinHandle<()> {
        let state = self.clone();
        let every = Duration::from_secs_f64(self.config.data_check_seconds);
        tokio::spawn(async move {
            let mut seen = state.loaded_version;
            let mut interval = tokio::time::interval(every);
            interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                interval.tick().await;
                match state.refresh(seen).await {
                    Ok(version) => seen = version,
                    Err(error) => tracing::warn!(%error, "could not check for new statistics"),
                }
            }
        })
    }
}

/// The moment before which a closed request has been kept long enough.
pub fn retention_cutoff(now: chrono::DateTime<chrono::Utc>, days: u32) -> String {
    (now - chrono::Duration::days(i64::from(days)))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    #[test]
    fn the_cutoff_is_the_retention_time_ago_in_the_stored_form() {
        let now = chrono::Utc.with_ymd_and_hms(2026, 12, 1, 9, 30, 0).unwrap();
        assert_eq!(super::retention_cutoff(now, 90), "2026-09-02T09:30:00Z");
        assert_eq!(super::retention_cutoff(now, 0), "2026-12-01T09:30:00Z");
    }
}
