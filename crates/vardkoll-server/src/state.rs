//! What every request handler shares.

use std::sync::{Arc, RwLock};

use crate::config::Config;
use crate::snapshot::Snapshot;
use crate::store::{Store, StoreError};

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    snapshot: Arc<RwLock<Arc<Snapshot>>>,
    pub config: Arc<Config>,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, config: Config) -> Result<AppState, StoreError> {
        let snapshot = Snapshot::new(store.dataset()?);
        Ok(AppState {
            store,
            snapshot: Arc::new(RwLock::new(Arc::new(snapshot))),
            config: Arc::new(config),
        })
    }

    /// The current catalogue and statistics.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .map(|s| Arc::clone(&s))
            .unwrap_or_else(|poisoned| Arc::clone(&poisoned.into_inner()))
    }

    /// Reloads from the store after an import.
    pub fn reload(&self) -> Result<(), StoreError> {
        let fresh = Arc::new(Snapshot::new(self.store.dataset()?));
        if let Ok(mut current) = self.snapshot.write() {
            *current = fresh;
        }
        Ok(())
    }
}
