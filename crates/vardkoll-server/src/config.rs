//! Server configuration from the environment, with defaults for a developer machine.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::serve::Limits;

#[derive(Clone, Debug)]
pub struct Config {
    /// `VARDKOLL_ADDR`, default `127.0.0.1:8787`.
    pub addr: SocketAddr,
    /// `VARDKOLL_DB`, default `vardkoll.sqlite3` in the working directory: the
    /// embedded SQLite store, for one instance.
    pub database: PathBuf,
    /// `VARDKOLL_DATABASE_URL` (`postgres://user@host:port/database`): the
    /// PostgreSQL store, for several instances on one database. Wins over `VARDKOLL_DB`.
    pub database_url: Option<DatabaseUrl>,
    /// `VARDKOLL_DATA_CHECK_SECONDS`, default 5: how often an instance asks the
    /// store whether another one imported new statistics.
    pub data_check_seconds: f64,
    /// `VARDKOLL_CORS_ORIGINS`: comma-separated origins allowed to call the API
    /// from a browser on another origin (an embedding portal). Default: none.
    pub cors_origins: Vec<String>,
    /// `VARDKOLL_RATE_PER_SECOND` and `VARDKOLL_RATE_BURST`: requests per client
    /// address. Defaults 20 and 100.
    pub rate_per_second: f64,
    pub rate_burst: f64,
    /// `VARDKOLL_TRUSTED_PROXIES`: addresses or CIDR ranges of reverse proxies
    /// whose `Forwarded`/`X-Forwarded-For` names the client. Default: none.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// `VARDKOLL_MAX_BODY_BYTES`, default 16 KiB.
    pub max_body_bytes: usize,
    /// `VARDKOLL_HEADER_TIMEOUT_SECONDS` (default 10), `VARDKOLL_BODY_TIMEOUT_SECONDS`
    /// (10), `VARDKOLL_REQUEST_TIMEOUT_SECONDS` (30), `VARDKOLL_MAX_CONNECTIONS` (10,000).
    pub limits: Limits,
    /// `VARDKOLL_RETENTION_DAYS`, default 90: a request closed (declined or
    /// withdrawn) longer ago than this is deleted with its personal data.
    pub retention_days: u32,
    /// The identity provider patients and the region's staff sign in with
    /// (`VARDKOLL_OIDC_*`, staff roles and regions in `VARDKOLL_OIDC_ROLE_CLAIM`
    /// and `VARDKOLL_OIDC_REGION_CLAIM`); `None`: anonymous requests, as in the
    /// embedded demo, and no staff routes.
    pub identity: Option<crate::identity::IdentityConfig>,
    /// E-mail to patients about news on their requests (`VARDKOLL_SMTP_URL`
    /// and the rest of [`MailConfig`]); `None`: news is queued, not sent.
    pub mail: Option<MailConfig>,
    /// `VARDKOLL_OFFER_ANSWER_DAYS`, default 5: how long a free time offered
    /// to a patient is held for their answer.
    pub offer_answer_days: u32,
    /// `VARDKOLL_OFFER_SWEEP_SECONDS`, default 60: how often an instance looks
    /// for offers whose answer window closed.
    pub offer_sweep_seconds: f64,
    /// `VARDKOLL_CLOCK_OFFSET_FILE`, for tests only: see [`crate::clock`].
    pub clock_offset_file: Option<PathBuf>,
}

/// A database's address, which may hold its password: `Debug` shows it with
/// the password replaced, so a logged configuration never carries it.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    pub fn new(url: impl Into<String>) -> DatabaseUrl {
        DatabaseUrl(url.into())
    }

    /// The address itself, password and all: for connecting, nothing else.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `scheme://user:password@rest`: the password is what lies between the
        // first `:` after the scheme and the last `@` before the path.
        let (scheme, rest) = self.0.split_once("://").unwrap_or(("", &self.0));
        let authority_end = rest.find('/').unwrap_or(rest.len());
        let shown = match rest[..authority_end].rfind('@') {
            Some(at) => match rest[..at].split_once(':') {
                Some((user, _)) => format!("{scheme}://{user}:***{}", &rest[at..]),
                None => self.0.clone(),
            },
            None => self.0.clone(),
        };
        f.debug_tuple("DatabaseUrl").field(&shown).finish()
    }
}

/// How the server sends e-mail.
#[derive(Clone)]
pub struct MailConfig {
    /// `VARDKOLL_SMTP_URL`: `smtp://[user:password@]host[:port][?tls=required]`
    /// (STARTTLS; `opportunistic` tries it) or `smtps://...` (TLS from the start).
    pub smtp_url: String,
    /// `VARDKOLL_MAIL_FROM`, default `Vårdkoll <no-reply@localhost>`.
    pub from: String,
    /// `VARDKOLL_APP_URL`: where the app is, for the link in the message
    /// (required with `VARDKOLL_SMTP_URL`).
    pub app_url: String,
    /// `VARDKOLL_MAIL_POLL_SECONDS`, default 10: how often the outbox is read.
    pub poll: Duration,
    /// `VARDKOLL_MAIL_RETRY_SECONDS`, default 60: the wait after a first failed
    /// try, doubled after each further one, at most an hour.
    pub retry: Duration,
}

impl std::fmt::Debug for MailConfig {
    // The SMTP URL may hold a password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailConfig")
            .field("from", &self.from)
            .field("app_url", &self.app_url)
            .field("poll", &self.poll)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8787)),
            database: PathBuf::from("vardkoll.sqlite3"),
            database_url: None,
            data_check_seconds: 5.0,
            cors_origins: Vec::new(),
            rate_per_second: 20.0,
            rate_burst: 100.0,
            trusted_proxies: Vec::new(),
            max_body_bytes: 16 * 1024,
            limits: Limits::default(),
            retention_days: 90,
            identity: None,
            mail: None,
            offer_answer_days: 5,
            offer_sweep_seconds: 60.0,
            clock_offset_file: None,
        }
    }
}

impl Config {
    /// Reads the environment; a malformed value is an error naming the variable.
    pub fn from_env() -> Result<Config, String> {
        let mut config = Config::default();
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        fn parse<T: std::str::FromStr>(name: &str, value: String) -> Result<T, String> {
            value
                .trim()
                .parse()
                .map_err(|_| format!("{name} has an invalid value"))
        }
        if let Some(v) = var("VARDKOLL_ADDR") {
            config.addr = parse("VARDKOLL_ADDR", v)?;
        }
        if let Some(v) = var("VARDKOLL_DB") {
            config.database = PathBuf::from(v);
        }
        if let Some(v) = var("VARDKOLL_DATABASE_URL") {
            if !v.starts_with("postgres://") && !v.starts_with("postgresql://") {
                return Err("VARDKOLL_DATABASE_URL must be a postgres:// URL".into());
            }
            config.database_url = Some(DatabaseUrl::new(v));
        }
        if let Some(v) = var("VARDKOLL_DATA_CHECK_SECONDS") {
            config.data_check_seconds = parse("VARDKOLL_DATA_CHECK_SECONDS", v)?;
            if !config.data_check_seconds.is_finite() || config.data_check_seconds <= 0.0 {
                return Err("VARDKOLL_DATA_CHECK_SECONDS must be a number above 0".into());
            }
        }
        if let Some(v) = var("VARDKOLL_CORS_ORIGINS") {
            config.cors_origins = v
                .split(',')
                .map(|o| o.trim().to_owned())
                .filter(|o| !o.is_empty())
                .collect();
        }
        if let Some(v) = var("VARDKOLL_RATE_PER_SECOND") {
            config.rate_per_second = parse("VARDKOLL_RATE_PER_SECOND", v)?;
        }
        if let Some(v) = var("VARDKOLL_RATE_BURST") {
            config.rate_burst = parse("VARDKOLL_RATE_BURST", v)?;
        }
        if let Some(v) = var("VARDKOLL_TRUSTED_PROXIES") {
            config.trusted_proxies = crate::client_addr::parse_trusted(&v)?;
        }
        if let Some(v) = var("VARDKOLL_MAX_BODY_BYTES") {
            config.max_body_bytes = parse("VARDKOLL_MAX_BODY_BYTES", v)?;
        }
        let seconds = |name: &str, value: String| -> Result<Duration, String> {
            let seconds: f64 = parse(name, value)?;
            if seconds.is_finite() && seconds > 0.0 && seconds < 86_400.0 {
                Ok(Duration::from_secs_f64(seconds))
            } else {
                Err(format!("{name} must be a number of seconds above 0"))
            }
        };
        if let Some(v) = var("VARDKOLL_HEADER_TIMEOUT_SECONDS") {
            config.limits.header_read = seconds("VARDKOLL_HEADER_TIMEOUT_SECONDS", v)?;
        }
        if let Some(v) = var("VARDKOLL_BODY_TIMEOUT_SECONDS") {
            config.limits.body_read = seconds("VARDKOLL_BODY_TIMEOUT_SECONDS", v)?;
        }
        if let Some(v) = var("VARDKOLL_REQUEST_TIMEOUT_SECONDS") {
            config.limits.request = seconds("VARDKOLL_REQUEST_TIMEOUT_SECONDS", v)?;
        }
        if let Some(v) = var("VARDKOLL_MAX_CONNECTIONS") {
            config.limits.connections = parse("VARDKOLL_MAX_CONNECTIONS", v)?;
        }
        if let Some(v) = var("VARDKOLL_RETENTION_DAYS") {
            config.retention_days = parse("VARDKOLL_RETENTION_DAYS", v)?;
        }
        if let Some(v) = var("VARDKOLL_OFFER_ANSWER_DAYS") {
            config.offer_answer_days = parse("VARDKOLL_OFFER_ANSWER_DAYS", v)?;
            if !(1..=60).contains(&config.offer_answer_days) {
                return Err("VARDKOLL_OFFER_ANSWER_DAYS must be 1 to 60".into());
            }
        }
        if let Some(v) = var("VARDKOLL_OFFER_SWEEP_SECONDS") {
            config.offer_sweep_seconds = seconds("VARDKOLL_OFFER_SWEEP_SECONDS", v)?.as_secs_f64();
        }
        if let Some(v) = var("VARDKOLL_CLOCK_OFFSET_FILE") {
            config.clock_offset_file = Some(PathBuf::from(v));
        }
        if let Some(issuer) = var("VARDKOLL_OIDC_ISSUER") {
            config.identity = Some(crate::identity::IdentityConfig {
                issuer: issuer.trim().to_owned(),
                audience: var("VARDKOLL_OIDC_AUDIENCE")
                    .unwrap_or_else(|| "urn:vardkoll:api".into()),
                identity_claim: var("VARDKOLL_OIDC_IDENTITY_CLAIM")
                    .unwrap_or_else(|| crate::identity::DEFAULT_IDENTITY_CLAIM.into()),
                leeway_seconds: match var("VARDKOLL_OIDC_LEEWAY_SECONDS") {
                    Some(v) => parse("VARDKOLL_OIDC_LEEWAY_SECONDS", v)?,
                    None => 60,
                },
                role_claim: var("VARDKOLL_OIDC_ROLE_CLAIM")
                    .unwrap_or_else(|| crate::identity::DEFAULT_ROLE_CLAIM.into()),
                region_claim: var("VARDKOLL_OIDC_REGION_CLAIM")
                    .unwrap_or_else(|| crate::identity::DEFAULT_REGION_CLAIM.into()),
                provider_claim: var("VARDKOLL_OIDC_PROVIDER_CLAIM")
                    .unwrap_or_else(|| crate::identity::DEFAULT_PROVIDER_CLAIM.into()),
            });
        }
        if var("VARDKOLL_ADMIN_TOKEN").is_some() {
            // The shared token and its /admin routes are gone: staff sign in.
            tracing::warn!(
                "VARDKOLL_ADMIN_TOKEN is no longer read: the region's staff sign in through \
                 VARDKOLL_OIDC_ISSUER with a navigator role (README: the region's side); unset it"
            );
        }
        if let Some(smtp_url) = var("VARDKOLL_SMTP_URL") {
            let smtp_url = smtp_url.trim().to_owned();
            if !smtp_url.starts_with("smtp://") && !smtp_url.starts_with("smtps://") {
                return Err("VARDKOLL_SMTP_URL must be an smtp:// or smtps:// URL".into());
            }
            let app_url = var("VARDKOLL_APP_URL")
                .map(|v| v.trim().trim_end_matches('/').to_owned())
                .filter(|v| v.starts_with("https://") || v.starts_with("http://"))
                .ok_or("VARDKOLL_SMTP_URL needs VARDKOLL_APP_URL, the app's http(s) address")?;
            config.mail = Some(MailConfig {
                smtp_url,
                from: var("VARDKOLL_MAIL_FROM")
                    .map(|v| v.trim().to_owned())
                    .unwrap_or_else(|| "Vårdkoll <no-reply@localhost>".into()),
                app_url,
                poll: match var("VARDKOLL_MAIL_POLL_SECONDS") {
                    Some(v) => seconds("VARDKOLL_MAIL_POLL_SECONDS", v)?,
                    None => Duration::from_secs(10),
                },
                retry: match var("VARDKOLL_MAIL_RETRY_SECONDS") {
                    Some(v) => seconds("VARDKOLL_MAIL_RETRY_SECONDS", v)?,
                    None => Duration::from_secs(60),
                },
            });
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_printed_configuration_never_holds_the_database_password() {
        let config = Config {
            database_url: Some(DatabaseUrl::new(
                "postgres://vardkoll:hemligt-lösen@db.region.se:5432/vardkoll",
            )),
            ..Config::default()
        };
        let printed = format!("{config:?}");
        assert!(!printed.contains("hemligt"), "{printed}");
        assert!(
            printed.contains("postgres://vardkoll:***@db.region.se:5432/vardkoll"),
            "{printed}"
        );
        // Without a password there is nothing to hide; the address is kept.
        let plain = DatabaseUrl::new("postgres://vardkoll@127.0.0.1:5432/vardkoll");
        assert!(format!("{plain:?}").contains("vardkoll@127.0.0.1"));
        assert_eq!(
            config.database_url.as_ref().map(DatabaseUrl::expose),
            Some("postgres://vardkoll:hemligt-lösen@db.region.se:5432/vardkoll")
        );
    }
}
