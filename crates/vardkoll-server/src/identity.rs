//! Signed-in patients: access tokens from the region's (or portal's) OpenID
//! Connect provider.
//!
//! A token is accepted only when it is a JWT signed by one of the provider's
//! published keys (fetched from its discovery document's `jwks_uri`, kept, and
//! fetched again when a token names a key not seen yet: rotation), issued by the
//! configured issuer for the configured audience, within its lifetime (with a
//! leeway for clocks), and carrying a subject and a valid personal identity
//! number in the configured claim. Without a provider configured
//! (`VARDKOLL_OIDC_ISSUER` unset) nobody signs in and requests are anonymous.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use tokio::sync::{Mutex, RwLock};
use vardkoll_domain::personnummer::IdentityNumber;

/// The Swedish OIDC profile's claim for the personal identity number (the one
/// the app reads from the ID token, too).
pub const DEFAULT_IDENTITY_CLAIM: &str = vardkoll_domain::signin::IDENTITY_CLAIM;

/// The provider and what a token must say.
#[derive(Clone, Debug)]
pub struct IdentityConfig {
    /// `VARDKOLL_OIDC_ISSUER`: the provider's issuer URL, exactly as in its tokens.
    pub issuer: String,
    /// `VARDKOLL_OIDC_AUDIENCE`, default `urn:vardkoll:api`: the API's name at the provider.
    pub audience: String,
    /// `VARDKOLL_OIDC_IDENTITY_CLAIM`: the claim with the personal identity number.
    pub identity_claim: String,
    /// `VARDKOLL_OIDC_LEEWAY_SECONDS`, default 60: clock skew allowed.
    pub leeway_seconds: u64,
}

/// A patient, as their access token says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Patient {
    pub subject: String,
    pub identity_number: IdentityNumber,
    pub name: Option<String>,
}

/// Why a token was not accepted.
#[derive(Debug, PartialEq, Eq)]
pub enum TokenError {
    /// Not a valid token of this provider for this API; the reason is for logs.
    Invalid(&'static str),
    /// The provider's keys could not be fetched.
    Unavailable,
}

#[derive(Deserialize)]
struct Discovery {
    issuer: String,
    jwks_uri: String,
}

#[derive(Deserialize)]
struct Claims {
    sub: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(flatten)]
    other: HashMap<String, serde_json::Value>,
}

struct Keys {
    by_id: HashMap<String, DecodingKey>,
    fetched: Option<Instant>,
}

/// Checks access tokens against the provider.
pub struct Verifier {
    config: IdentityConfig,
    http: reqwest::Client,
    keys: RwLock<Keys>,
    fetching: Mutex<()>,
}

/// Keys are fetched again for an unknown key id at most this often.
const REFETCH_AFTER: Duration = Duration::from_secs(5);
const ALGORITHMS: [Algorithm; 6] = [
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::ES256,
    Algorithm::ES384,
];

impl Verifier {
    pub fn new(config: IdentityConfig) -> Result<Verifier, String> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Verifier {
            config,
            http,
            keys: RwLock::new(Keys {
                by_id: HashMap::new(),
                fetched: None,
            }),
            fetching: Mutex::new(()),
        })
    }

    /// The patient a bearer token belongs to.
    pub async fn verify(&self, token: &str) -> Result<Patient, TokenError> {
        let header =
            jsonwebtoken::decode_header(token).map_err(|_| TokenError::Invalid("not a JWT"))?;
        if !ALGORITHMS.contains(&header.alg) {
            return Err(TokenError::Invalid("algorithm not allowed"));
        }
        let kid = header.kid.ok_or(TokenError::Invalid("no key id"))?;
        let key = self.key(&kid).await?;
        let mut validation = Validation::new(header.alg);
        validation.set_issuer(&[&self.config.issuer]);
        validation.set_audience(&[&self.config.audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = self.config.leeway_seconds;
        validation.validate_nbf = true;
        let claims = jsonwebtoken::decode::<Claims>(token, &key, &validation)
            .map_err(|e| {
                use jsonwebtoken::errors::ErrorKind;
                TokenError::Invalid(match e.kind() {
                    ErrorKind::ExpiredSignature => "expired",
                    ErrorKind::ImmatureSignature => "not yet valid",
                    ErrorKind::InvalidIssuer => "wrong issuer",
                    ErrorKind::InvalidAudience => "wrong audience",
                    ErrorKind::InvalidSignature => "bad signature",
                    ErrorKind::MissingRequiredClaim(_) => "a required claim is missing",
                    _ => "invalid",
                })
            })?
            .claims;
        let number = claims
            .other
            .get(&self.config.identity_claim)
            .and_then(|v| v.as_str())
            .ok_or(TokenError::Invalid("no identity number claim"))?;
        let today = chrono::Local::now().date_naive();
        let identity_number = IdentityNumber::parse(number, today)
            .map_err(|_| TokenError::Invalid("the identity number claim is not valid"))?;
        if claims.sub.is_empty() {
            return Err(TokenError::Invalid("empty subject"));
        }
        Ok(Patient {
            subject: claims.sub,
            identity_number,
            name: claims.name.filter(|n| !n.trim().is_empty()),
        })
    }

    /// The key `kid`, from what was fetched, or fetched again (a rotation).
    async fn key(&self, kid: &str) -> Result<DecodingKey, TokenError> {
        if let Some(key) = self.keys.read().await.by_id.get(kid) {
            return Ok(key.clone());
        }
        let _one_at_a_time = self.fetching.lock().await;
        {
            let keys = self.keys.read().await;
            if let Some(key) = keys.by_id.get(kid) {
                return Ok(key.clone());
            }
            if keys.fetched.is_some_and(|at| at.elapsed() < REFETCH_AFTER) {
                return Err(TokenError::Invalid("unknown key id"));
            }
        }
        let fetched = self.fetch_keys().await;
        let mut keys = self.keys.write().await;
        keys.fetched = Some(Instant::now());
        match fetched {
            Ok(by_id) => {
                keys.by_id = by_id;
                keys.by_id
                    .get(kid)
                    .cloned()
                    .ok_or(TokenError::Invalid("unknown key id"))
            }
            Err(error) => {
                tracing::warn!(%error, "could not fetch the identity provider's keys");
                Err(TokenError::Unavailable)
            }
        }
    }

    async fn fetch_keys(&self) -> Result<HashMap<String, DecodingKey>, String> {
        let issuer = self.config.issuer.trim_end_matches('/');
        let discovery: Discovery = self
            .http
            .get(format!("{issuer}/.well-known/openid-configuration"))
            .send()
            .await
            .and_then(|r| r.error_for_status())
            .map_err(|e| format!("discovery: {e}"))?
            .json()
            .await
            .map_err(|e| format!("discovery: {e}"))?;
        if discovery.issuer != self.config.issuer {
            return Err("the discovery document names another issuer".into());
        }
        let set: JwkSet = self
            .http
            .get(&discovery.jwks_uri)
            .send()
            .await
            .and_then(|r| r.error_for_status())
            .map_err(|e| format!("keys: {e}"))?
            .json()
            .await
            .map_err(|e| format!("keys: {e}"))?;
        Ok(set
            .keys
            .iter()
            .filter_map(|jwk| {
                let kid = jwk.common.key_id.clone()?;
                DecodingKey::from_jwk(jwk).ok().map(|key| (kid, key))
            })
            .collect())
    }
}
