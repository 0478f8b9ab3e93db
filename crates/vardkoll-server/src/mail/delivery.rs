//! Sends what the store's e-mail outbox holds (see
//! [`crate::store::mail_outbox`]): claims due messages for a while, sends each
//! once, and records the outcome — sent, again later (doubling waits, at most an
//! hour, never dropped), or given up when the mail server refuses the address
//! for good. Several instances may run it on one database: a claimed message is
//! nobody else's until its lease ends. A message is sent twice only if an
//! instance dies between the mail server's "accepted" and the record of it;
//! its Message-ID is the same on both, so a mail system can tell.
//!
//! Logs name the outbox row only, never the address or the server's answer.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};

use super::news::news_mail;
use super::{MailSender, SendError};
use crate::store::{MailOutcome, Store, StoreError};

/// The longest wait between two tries of one message.
pub const MAX_RETRY: Duration = Duration::from_secs(3600);

/// Messages one round claims.
const BATCH: i64 = 10;

/// How long a claim holds: longer than a round of [`BATCH`] sends can take.
const LEASE: Duration = Duration::from_secs(600);

/// What sending needs.
pub struct Delivery {
    pub store: Arc<dyn Store>,
    pub sender: Arc<dyn MailSender>,
    /// The app's address, no trailing slash.
    pub app_url: String,
    /// The sender's domain, for Message-IDs.
    pub domain: String,
    /// The wait after a first failed try.
    pub retry: Duration,
}

/// What one round did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    pub retried: usize,
    pub given_up: usize,
}

/// The wait before try `attempts + 1`: `base` after the first, doubled after
/// each further one, at most [`MAX_RETRY`].
pub fn retry_after(base: Duration, attempts: i64) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
    base.saturating_mul(1 << doublings).min(MAX_RETRY)
}

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl Delivery {
    /// Sends every message due at `now`, a batch at a time.
    pub async fn run_once(&self, now: DateTime<Utc>) -> Result<Round, StoreError> {
        let mut round = Round::default();
        loop {
            let lease_until = now + LEASE;
            let claimed = self
                .store
                .claim_mail(stamp(now), stamp(lease_until), BATCH)
                .await?;
            let full = claimed.len() as i64 == BATCH;
            for queued in claimed {
                let mail = news_mail(&queued, &self.app_url, &self.domain);
                let outcome = match self.sender.send(&mail).await {
                    Ok(()) => {
                        round.sent += 1;
                        MailOutcome::Sent {
                            at: stamp(Utc::now()),
                        }
                    }
                    Err(SendError::Temporary(error)) => {
                        round.retried += 1;
                        let wait = retry_after(self.retry, queued.attempts);
                        tracing::warn!(
                            mail = queued.id,
                            attempts = queued.attempts,
                            retry_in_seconds = wait.as_secs(),
                            "e-mail not sent, will try again (the reason is in mail_outbox.last_error)"
                        );
                        MailOutcome::Retry {
                            next: stamp(now + wait),
                            error,
                        }
                    }
                    Err(SendError::Permanent(error)) => {
                        round.given_up += 1;
                        tracing::warn!(
                            mail = queued.id,
                            "e-mail refused for good (the reason is in mail_outbox.last_error)"
                        );
                        MailOutcome::GaveUp {
                            at: stamp(Utc::now()),
                            error,
                        }
                    }
                };
                self.store.finish_mail(queued.id, outcome).await?;
            }
            if !full {
                return Ok(round);
            }
        }
    }

    /// Runs a round every `poll` until the task is aborted.
    pub fn spawn(self, poll: Duration) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let mut interval = tokio::time::interval(poll);
            interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                interval.tick().await;
                if let Err(error) = self.run_once(Utc::now()).await {
                    tracing::warn!(%error, "could not read the e-mail outbox");
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_after_each_failed_try_up_to_an_hour() {
        let base = Duration::from_secs(60);
        assert_eq!(retry_after(base, 1), Duration::from_secs(60));
        assert_eq!(retry_after(base, 2), Duration::from_secs(120));
        assert_eq!(retry_after(base, 4), Duration::from_secs(480));
        assert_eq!(retry_after(base, 7), MAX_RETRY);
        assert_eq!(retry_after(base, i64::MAX), MAX_RETRY);
        assert_eq!(retry_after(base, 0), base);
    }
}
