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
    /// `VARDKOLL_OIDC_ROLE_CLAIM`, default [`DEFAULT_ROLE_CLAIM`]: the claim with
    /// a staff member's roles (an array of strings: `navigator`, `auditor`).
    pub role_claim: String,
    /// `VARDKOLL_OIDC_REGION_CLAIM`, default [`DEFAULT_REGION_CLAIM`]: the claim
    /// with the county codes of the regions a staff member works for.
    pub region_claim: String,
    /// `VARDKOLL_OIDC_PROVIDER_CLAIM`, default [`DEFAULT_PROVIDER_CLAIM`]: the
    /// claim with the catalogue ids of the providers a scheduler schedules for.
    pub provider_claim: String,
}

/// The claim with a staff member's roles.
pub const DEFAULT_ROLE_CLAIM: &str = "https://vardkoll.se/claim/roles";
/// The claim with the county codes of a staff member's regions.
pub const DEFAULT_REGION_CLAIM: &str = "https://vardkoll.se/claim/regions";
/// The claim with the provider ids a scheduler publishes free times for.
pub const DEFAULT_PROVIDER_CLAIM: &str = "https://vardkoll.se/claim/providers";

/// What a staff member may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A care navigator (vårdlots): works the queue of their regions' requests.
    Navigator,
    /// Reads the audit log.
    Auditor,
    /// A provider's scheduler: publishes free times for their providers.
    Scheduler,
}

impl Role {
    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "navigator" => Some(Role::Navigator),
            "auditor" => Some(Role::Auditor),
            "scheduler" => Some(Role::Scheduler),
            _ => None,
        }
    }
}

/// A staff member of a region, as their access token says: the same provider
/// and the same checks as a patient's token, with roles and regions in the
/// configured claims. Roles not known here are left out; regions are two-digit
/// county codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Staff {
    pub subject: String,
    pub roles: Vec<Role>,
    pub regions: Vec<String>,
    /// Catalogue ids of the providers a scheduler schedules for (as the
    /// token says; the route checks them against the catalogue).
    pub providers: Vec<String>,
}

impl Staff {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
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
    /// A valid token, but no staff member's: no known role in the role claim.
    NotStaff,
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
        let claims = self.claims(token).await?;
        let number = claims
            .other
            .get(&self.config.identity_claim)
            .and_then(|v| v.as_str())
            .ok_or(TokenError::Invalid("no identity number claim"))?;
        let today = chrono::Local::now().date_naive();
        let identity_number = IdentityNumber::parse(number, today)
            .map_err(|_| TokenError::Invalid("the identity number claim is not valid"))?;
        Ok(Patient {
            subject: claims.sub,
            identity_number,
            name: claims.name.filter(|n| !n.trim().is_empty()),
        })
    }

    /// The staff member a bearer token belongs to: a valid token with at least
    /// one known role. A patient's token (no role claim) is no staff member's.
    pub async fn verify_staff(&self, token: &str) -> Result<Staff, TokenError> {
        let claims = self.claims(token).await?;
        let strings = |claim: &str| -> Vec<String> {
            match claims.other.get(claim) {
                Some(serde_json::Value::Array(items)) => items
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect(),
                Some(serde_json::Value::String(one)) => vec![one.clone()],
                _ => Vec::new(),
            }
        };
        let mut roles: Vec<Role> = strings(&self.config.role_claim)
            .iter()
            .filter_map(|r| Role::parse(r))
            .collect();
        roles.dedup();
        if roles.is_empty() {
            return Err(TokenError::NotStaff);
        }
        let mut regions: Vec<String> = strings(&self.config.region_claim)
            .into_iter()
            .filter(|code| {
                vardkoll_domain::regions::REGIONS
                    .iter()
                    .any(|r| r.code == code)
            })
            .collect();
        regions.sort();
        regions.dedup();
        let mut providers = strings(&self.config.provider_claim);
        providers.sort();
        providers.dedup();
        Ok(Staff {
            subject: claims.sub,
            roles,
            regions,
            providers,
        })
    }

    /// The claims of a token that passed every check.
    async fn claims(&self, token: &str) -> Result<Claims, TokenError> {
        let header =
            jsonwebtoken::decode_header(token).map_err(|_| TokenError::Invalid("not a JWT"))?;
        if names_critical_extensions(token) {
            return Err(TokenError::Invalid("a critical header extension"));
        }
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
        if claims.sub.is_empty() {
            return Err(TokenError::Invalid("empty subject"));
        }
        Ok(claims)
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

/// Whether a token's header has `crit`: RFC 7515 (4.1.11) has a recipient
/// refuse a token whose critical extensions it does not understand, and this
/// server understands none. The JWT library reads headers without `crit`,
/// so the header is read here as well.
fn names_critical_extensions(token: &str) -> bool {
    use base64::Engine;
    let Some(header) = token.split('.').next() else {
        return false;
    };
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(header)
        .ok()
        .and_then(|json| serde_json::from_slice::<serde_json::Value>(&json).ok())
        .is_some_and(|header| header.get("crit").is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    fn token(header: &str) -> String {
        let encode = |text: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text);
        format!(
            "{}.{}.c2lnbmF0dXJl",
            encode(header),
            encode(r#"{"sub":"x"}"#)
        )
    }

    #[test]
    fn a_header_with_critical_extensions_is_told_apart() {
        assert!(names_critical_extensions(&token(
            r#"{"alg":"RS256","kid":"k1","crit":["http://example.invalid/ext"],"http://example.invalid/ext":1}"#
        )));
        // An empty list is still a `crit` the RFC forbids.
        assert!(names_critical_extensions(&token(
            r#"{"alg":"RS256","kid":"k1","crit":[]}"#
        )));
        assert!(!names_critical_extensions(&token(
            r#"{"alg":"RS256","kid":"k1","typ":"at+jwt"}"#
        )));
        assert!(!names_critical_extensions("not a token"));
    }
}
