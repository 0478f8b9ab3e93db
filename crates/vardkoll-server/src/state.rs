//! What every request handler shares.
//!
//! The catalogue and statistics are read from the store once, at start; an
//! import (`vardkoll-server import`) is picked up by the next start.

use std::sync::Arc;

use crate::config::Config;
use crate::snapshot::Snapshot;
use crate::store::{Store, StoreError};

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    snapshot: Arc<Snapshot>,
    pub config: Arc<Config>,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, config: Config) -> Result<AppState, StoreError> {
        let snapshot = Arc::new(Snapshot::new(store.dataset()?));
        Ok(AppState {
            store,
            snapshot,
            config: Arc::new(config),
        })
    }

    /// The catalogue and statistics.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.snapshot)
    }
}
