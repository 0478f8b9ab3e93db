//! Vårdkoll's reference API server.
//!
//! - [`config`]: settings from the environment; [`clock`]: the time offers
//!   and free times are measured by.
//! - [`serve`]: connections, with time limits; [`edge`]: the layers every
//!   request passes (problems for every error, size and time limits);
//!   [`client_addr`]: who a request counts against, behind trusted proxies.
//! - [`routes`]: the `/api/v1` endpoints and the layers around them; [`problem`]:
//!   RFC 9457 errors; [`rate_limit`]: 429 with Retry-After.
//! - [`identity`]: signed-in patients and the region's staff (OpenID Connect
//!   access tokens; staff roles and regions from claims).
//! - [`mail`]: e-mail to patients that there is news on a request, from an
//!   outbox in the store, over SMTP.
//! - [`store`]: storage behind a narrow trait: SQLite by default, PostgreSQL
//!   for several instances on one database.
//! - [`dataset`]: the embedded sample dataset; [`snapshot`]: it in memory, with
//!   cached answers; [`import`]: loading vantetider.se files;
//!   [`free_times_csv`]: providers' free times from a file, and the demo's.

pub mod client_addr;
pub mod clock;
pub mod config;
pub mod dataset;
pub mod edge;
pub mod free_times_csv;
pub mod hash;
pub mod identity;
pub mod import;
pub mod kolada;
pub mod mail;
pub mod problem;
pub mod rate_limit;
pub mod routes;
pub mod serve;
pub mod snapshot;
pub mod state;
pub mod store;

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;

use crate::config::Config;
use crate::state::AppState;
use crate::store::Store;

/// A running server: its address, and a handle that stops it gracefully.
pub struct Running {
    pub addr: SocketAddr,
    pub state: AppState,
    shutdown: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
    refresher: tokio::task::JoinHandle<()>,
    purger: tokio::task::JoinHandle<()>,
    sweeper: tokio::task::JoinHandle<()>,
    mailer: Option<tokio::task::JoinHandle<()>>,
    store: Arc<dyn Store>,
}

impl Running {
    /// Stops accepting connections, lets in-flight requests finish, and commits
    /// every queued write before returning.
    pub async fn stop(self) {
        let _ = self.shutdown.send(());
        let _ = self.task.await;
        self.refresher.abort();
        self.purger.abort();
        self.sweeper.abort();
        if let Some(mailer) = self.mailer {
            mailer.abort();
        }
        if let Err(error) = self.store.close().await {
            tracing::error!(%error, "store did not close cleanly");
        }
    }
}

/// Opens the store and starts serving on `config.addr` (port 0 picks a free one).
pub async fn start(config: Config) -> Result<Running, String> {
    let store = store::open(&config).await.map_err(|e| e.to_string())?;
    let state = AppState::new(store.clone(), config.clone())
        .await
        .map_err(|e| e.to_string())?;
    let refresher = state.spawn_refresher();
    let purger = state.spawn_purger();
    let sweeper = state.spawn_offer_sweeper();
    let mailer = match &config.mail {
        Some(mail) => {
            let sender = mail::smtp::SmtpSender::new(&mail.smtp_url, &mail.from)?;
            let delivery = mail::delivery::Delivery {
                store: store.clone(),
                domain: sender.domain(),
                sender: Arc::new(sender),
                app_url: mail.app_url.clone(),
                retry: mail.retry,
            };
            Some(delivery.spawn(mail.poll))
        }
        None => None,
    };
    let listener = TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let app = routes::router(state.clone());
    let (shutdown, signal) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(serve::serve(listener, app, config.limits, async {
        let _ = signal.await;
    }));
    Ok(Running {
        addr,
        state,
        shutdown,
        task,
        refresher,
        purger,
        sweeper,
        mailer,
        store,
    })
}
