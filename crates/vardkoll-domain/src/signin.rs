//! Signing in with OpenID Connect from the browser: the authorization code flow
//! with PKCE for a public client (no secret in the app), as plain functions the
//! app's sign-in code calls. Nothing here touches the network or the browser.
//!
//! 1. [`Pending::new`] from fresh random bytes: `state`, `nonce` and the PKCE
//!    verifier, kept (in the tab's session storage, never with personal data)
//!    across the redirect.
//! 2. [`authorization_url`] sends the patient to the provider (`prompt=none`
//!    for single sign-on without a second login where a portal already signed
//!    them in).
//! 3. [`parse_callback`] reads the provider's answer on return, refusing one
//!    whose `state` is not ours.
//! 4. [`token_request`] is the form to post to the token endpoint.
//! 5. [`SignedIn::from_tokens`] checks the ID token's issuer, audience, nonce
//!    and lifetime and reads the patient's name and identity number from it.
//! 6. [`renew_at`]: when to renew silently before the access token expires,
//!    with [`refresh_request`] and [`SignedIn::renew`].
//! 7. [`end_session_url`]: signing out at the provider too.
//!
//! No crate is used for the protocol: the ones for OAuth 2.0/OpenID Connect pull
//! an HTTP client and crypto stack into the WebAssembly; the browser has both.

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::personnummer::IdentityNumber;

/// The Swedish OIDC profile's claim for the personal identity number.
pub const IDENTITY_CLAIM: &str = "https://id.oidc.se/claim/personalIdentityNumber";

/// What the deployment says about its identity provider (runtime config).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderConfig {
    pub issuer: String,
    pub client_id: String,
    #[serde(default = "default_scopes")]
    pub scopes: String,
    /// The API's name at the provider (a resource indicator), if it needs one.
    #[serde(default)]
    pub audience: Option<String>,
    /// Sign in silently (`prompt=none`) once per tab where the provider already
    /// knows the patient: single sign-on, for a portal's iframe.
    #[serde(default)]
    pub single_sign_on: bool,
}

fn default_scopes() -> String {
    "openid profile".into()
}

/// The endpoints of the provider's discovery document that the app uses.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Discovery {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    #[serde(default)]
    pub end_session_endpoint: Option<String>,
}

/// What is kept across the redirect to the provider and back.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct Pending {
    pub state: String,
    pub nonce: String,
    pub verifier: String,
    /// The app's address to return to after signing in.
    pub return_to: String,
}

impl Pending {
    /// From 96 fresh random bytes (the browser's `crypto.getRandomValues`).
    pub fn new(random: &[u8; 96], return_to: &str) -> Pending {
        Pending {
            state: base64url(&random[..16]),
            nonce: base64url(&random[16..32]),
            verifier: base64url(&random[32..]),
            return_to: return_to.to_owned(),
        }
    }

    /// The PKCE challenge (S256) of the verifier.
    pub fn challenge(&self) -> String {
        base64url(&Sha256::digest(self.verifier.as_bytes()))
    }
}

/// Where to send the patient to sign in. `challenge`: [`Pending::challenge`],
/// or the same computed by the browser (SubtleCrypto, which keeps a SHA-256
/// out of the WebAssembly).
pub fn authorization_url(
    discovery: &Discovery,
    config: &ProviderConfig,
    pending: &Pending,
    challenge: &str,
    redirect_uri: &str,
    silent: bool,
) -> String {
    let mut query = vec![
        ("response_type", "code".to_owned()),
        ("client_id", config.client_id.clone()),
        ("redirect_uri", redirect_uri.to_owned()),
        ("scope", config.scopes.clone()),
        ("state", pending.state.clone()),
        ("nonce", pending.nonce.clone()),
        ("code_challenge", challenge.to_owned()),
        ("code_challenge_method", "S256".to_owned()),
    ];
    if let Some(audience) = &config.audience {
        query.push(("resource", audience.clone()));
    }
    if silent {
        query.push(("prompt", "none".to_owned()));
    }
    let separator = if discovery.authorization_endpoint.contains('?') {
        '&'
    } else {
        '?'
    };
    format!(
        "{}{separator}{}",
        discovery.authorization_endpoint,
        form(&query)
    )
}

/// Why the provider's answer did not give a code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallbackError {
    /// Not an answer to our request (no or another `state`): ignored.
    NotOurs,
    /// `prompt=none` and the patient is not signed in at the provider.
    LoginRequired,
    /// The patient cancelled, or the provider refused; its error code.
    Refused(String),
}

/// The authorization code in the query the provider returned with. An `iss`
/// in the answer (RFC 9207) must be the configured issuer's.
pub fn parse_callback(
    query: &str,
    pending: &Pending,
    issuer: &str,
) -> Result<String, CallbackError> {
    let pairs = parse_form(query.trim_start_matches('?'));
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    if value("state") != Some(pending.state.as_str()) {
        return Err(CallbackError::NotOurs);
    }
    if value("iss").is_some_and(|iss| iss.trim_end_matches('/') != issuer) {
        return Err(CallbackError::Refused("wrong_issuer".into()));
    }
    if let Some(error) = value("error") {
        return Err(match error {
            "login_required" | "interaction_required" | "consent_required" => {
                CallbackError::LoginRequired
            }
            other => CallbackError::Refused(other.to_owned()),
        });
    }
    value("code")
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| CallbackError::Refused("no_code".into()))
}

/// The body (`application/x-www-form-urlencoded`) of the code's exchange.
pub fn token_request(
    config: &ProviderConfig,
    code: &str,
    pending: &Pending,
    redirect_uri: &str,
) -> String {
    let mut fields = vec![
        ("grant_type", "authorization_code".to_owned()),
        ("code", code.to_owned()),
        ("redirect_uri", redirect_uri.to_owned()),
        ("client_id", config.client_id.clone()),
        ("code_verifier", pending.verifier.clone()),
    ];
    if let Some(audience) = &config.audience {
        fields.push(("resource", audience.clone()));
    }
    form(&fields)
}

/// The body of a silent renewal with the refresh token.
pub fn refresh_request(config: &ProviderConfig, refresh_token: &str) -> String {
    let mut fields = vec![
        ("grant_type", "refresh_token".to_owned()),
        ("refresh_token", refresh_token.to_owned()),
        ("client_id", config.client_id.clone()),
    ];
    if let Some(audience) = &config.audience {
        fields.push(("resource", audience.clone()));
    }
    form(&fields)
}

/// Where to send the patient to sign out at the provider too (RP-initiated
/// logout), if the provider has such an endpoint.
pub fn end_session_url(
    discovery: &Discovery,
    config: &ProviderConfig,
    id_token: &str,
    return_to: &str,
) -> Option<String> {
    let endpoint = discovery.end_session_endpoint.as_deref()?;
    let separator = if endpoint.contains('?') { '&' } else { '?' };
    let query = form(&[
        ("id_token_hint", id_token.to_owned()),
        ("client_id", config.client_id.clone()),
        ("post_logout_redirect_uri", return_to.to_owned()),
    ]);
    Some(format!("{endpoint}{separator}{query}"))
}

/// The token endpoint's answer (to a code, or to a refresh token, where the
/// ID token and a new refresh token are optional).
#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct Tokens {
    pub access_token: String,
    #[serde(default)]
    pub id_token: Option<String>,
    #[serde(default)]
    pub refresh_token: Option<String>,
    /// Seconds.
    pub expires_in: u64,
}

/// Who signed in (a patient, or a member of the region's staff), as the ID
/// token names them, and their tokens. Kept in memory only: it holds the
/// identity number.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub subject: String,
    pub name: String,
    /// A patient's personal identity number; `None` for whoever's sign-in
    /// carries none (the region's staff).
    pub identity_number: Option<IdentityNumber>,
    pub access_token: String,
    /// For silent renewal, when the provider gave one.
    pub refresh_token: Option<String>,
    /// For signing out at the provider.
    pub id_token: String,
    /// Seconds since the epoch when the access token was issued and expires.
    pub issued_at: i64,
    pub expires_at: i64,
}

impl std::fmt::Debug for SignedIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the identity number or a token.
        f.debug_struct("SignedIn")
            .field("subject", &self.subject)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// Why the tokens were not accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenProblem {
    Malformed,
    WrongIssuer,
    WrongAudience,
    WrongNonce,
    Expired,
    NoIdentityNumber,
}

#[derive(Deserialize)]
struct IdClaims {
    iss: String,
    aud: Audience,
    sub: String,
    exp: i64,
    #[serde(default)]
    nonce: Option<String>,
    #[serde(default)]
    name: Option<String>,
    /// [`IDENTITY_CLAIM`] (a literal here: serde's names are; a test keeps
    /// them equal). A field of its own, not a map of every claim, keeps the
    /// browser build small.
    #[serde(default, rename = "https://id.oidc.se/claim/personalIdentityNumber")]
    identity_number: Option<String>,
}

/// `aud`: one audience or a list. Read by hand: `#[serde(untagged)]` would
/// buffer the value and try each form, which costs the browser build serde's
/// whole buffering machinery for one field.
enum Audience {
    One(String),
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for Audience {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneOrMany;
        impl<'de> serde::de::Visitor<'de> for OneOrMany {
            type Value = Audience;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Audience, E> {
                Ok(Audience::One(text.to_owned()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Audience, A::Error> {
                let mut all = Vec::new();
                while let Some(one) = seq.next_element::<String>()? {
                    all.push(one);
                }
                Ok(Audience::Many(all))
            }
        }
        deserializer.deserialize_any(OneOrMany)
    }
}

impl IdClaims {
    /// The claims of the JWT `token`, after checking its issuer, audience
    /// (`audience`, if given) and expiry.
    fn of(
        token: &str,
        config: &ProviderConfig,
        audience: Option<&str>,
        now: i64,
    ) -> Result<IdClaims, TokenProblem> {
        let payload = token
            .split('.')
            .nth(1)
            .and_then(base64url_decode)
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .ok_or(TokenProblem::Malformed)?;
        // From text, as every other JSON the app reads: one JSON reader in the build.
        let claims: IdClaims =
            serde_json::from_str(&payload).map_err(|_| TokenProblem::Malformed)?;
        if claims.iss != config.issuer {
            return Err(TokenProblem::WrongIssuer);
        }
        let for_us = audience.is_none_or(|audience| match &claims.aud {
            Audience::One(aud) => aud == audience,
            Audience::Many(list) => list.iter().any(|aud| aud == audience),
        });
        if !for_us {
            return Err(TokenProblem::WrongAudience);
        }
        if claims.exp <= now {
            return Err(TokenProblem::Expired);
        }
        Ok(claims)
    }

    /// The identity number, if the token carries one; one that is not a valid
    /// number is refused.
    fn identity_number(
        &self,
        today: chrono::NaiveDate,
    ) -> Result<Option<IdentityNumber>, TokenProblem> {
        self.identity_number
            .as_deref()
            .map(|n| IdentityNumber::parse(n, today).map_err(|_| TokenProblem::NoIdentityNumber))
            .transpose()
    }
}

impl SignedIn {
    /// Reads the patient from the ID token, after checking it was issued by the
    /// provider for this app, in answer to this sign-in, and is still valid. The
    /// token came straight from the token endpoint over TLS, which is how OpenID
    /// Connect lets a client trust it without checking its signature; the API
    /// checks the access token's signature itself.
    pub fn from_tokens(
        tokens: Tokens,
        config: &ProviderConfig,
        pending: &Pending,
        now: i64,
        today: chrono::NaiveDate,
    ) -> Result<SignedIn, TokenProblem> {
        let id_token = tokens.id_token.clone().ok_or(TokenProblem::Malformed)?;
        let claims = IdClaims::of(&id_token, config, Some(&config.client_id), now)?;
        if claims.nonce.as_deref() != Some(pending.nonce.as_str()) {
            return Err(TokenProblem::WrongNonce);
        }
        let identity_number = claims.identity_number(today)?;
        Ok(SignedIn {
            name: claims.name.unwrap_or_default(),
            subject: claims.sub,
            identity_number,
            expires_at: expires_at(now, &tokens),
            issued_at: now,
            access_token: tokens.access_token,
            refresh_token: tokens.refresh_token,
            id_token,
        })
    }

    /// The patient an embedding portal signed in, from the access token it
    /// handed the app (the documented JS hook; no ID token, no refresh token):
    /// the provider's, for the API (when the configuration names its audience),
    /// still valid. Its signature is the API's to
    /// check, as for every access token; the app only shows who it names.
    pub fn from_access_token(
        token: &str,
        config: &ProviderConfig,
        now: i64,
        today: chrono::NaiveDate,
    ) -> Result<SignedIn, TokenProblem> {
        let claims = IdClaims::of(token, config, config.audience.as_deref(), now)?;
        let identity_number = claims.identity_number(today)?;
        Ok(SignedIn {
            name: claims.name.unwrap_or_default(),
            subject: claims.sub,
            identity_number,
            access_token: token.to_owned(),
            refresh_token: None,
            id_token: String::new(),
            issued_at: now,
            expires_at: claims.exp,
        })
    }

    /// Whether the sign-in came from a token handed in by a portal (which
    /// renews it), not from the app's own sign-in.
    pub fn handed_in(&self) -> bool {
        self.id_token.is_empty()
    }

    /// Takes the tokens of a silent renewal: a new access token and lifetime,
    /// the new refresh token where the provider rotates them. Who is signed in
    /// does not change.
    pub fn renew(&mut self, tokens: Tokens, now: i64) {
        self.expires_at = expires_at(now, &tokens);
        self.issued_at = now;
        self.access_token = tokens.access_token;
        if tokens.refresh_token.is_some() {
            self.refresh_token = tokens.refresh_token;
        }
        if let Some(id_token) = tokens.id_token {
            self.id_token = id_token;
        }
    }

    /// When to renew the access token (see [`renew_at`]).
    pub fn renew_at(&self) -> i64 {
        renew_at(self.expires_at, self.issued_at)
    }
}

fn expires_at(now: i64, tokens: &Tokens) -> i64 {
    now.saturating_add(i64::try_from(tokens.expires_in).unwrap_or(0))
}

/// When to renew the access token silently: a minute before it expires, or
/// at four fifths of a lifetime shorter than five minutes.
pub fn renew_at(expires_at: i64, issued_at: i64) -> i64 {
    let lifetime = (expires_at - issued_at).max(0);
    if lifetime > 300 {
        expires_at - 60
    } else {
        issued_at + lifetime * 4 / 5
    }
}

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 2);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(BASE64URL[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut buffer, mut bits) = (0u32, 0);
    for c in text.trim_end_matches('=').bytes() {
        let value = BASE64URL.iter().position(|b| *b == c)? as u32;
        buffer = buffer << 6 | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits & 0xff) as u8);
        }
    }
    Some(out)
}

/// `application/x-www-form-urlencoded`.
fn form(pairs: &[(&str, String)]) -> String {
    let encode = |text: &str| {
        text.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    char::from(b).to_string()
                }
                b' ' => "+".to_owned(),
                other => format!("%{other:02X}"),
            })
            .collect::<String>()
    };
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn parse_form(query: &str) -> Vec<(String, String)> {
    let decode = |text: &str| {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'+' => out.push(b' '),
                b'%' if i + 2 < bytes.len() => {
                    let hex = |b: u8| char::from(b).to_digit(16);
                    match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                        (Some(high), Some(low)) => {
                            out.push((high * 16 + low) as u8);
                            i += 2;
                        }
                        _ => out.push(b'%'),
                    }
                }
                other => out.push(other),
            }
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ISSUER: &str = "https://login.region.example";

    fn config() -> ProviderConfig {
        ProviderConfig {
            issuer: "https://login.region.example".into(),
            client_id: "vardkoll-app".into(),
            scopes: "openid profile".into(),
            audience: Some("urn:vardkoll:api".into()),
            single_sign_on: false,
        }
    }

    fn discovery() -> Discovery {
        Discovery {
            issuer: "https://login.region.example".into(),
            authorization_endpoint: "https://login.region.example/auth".into(),
            token_endpoint: "https://login.region.example/token".into(),
            end_session_endpoint: None,
        }
    }

    fn pending() -> Pending {
        let mut random = [0u8; 96];
        for (i, b) in random.iter_mut().enumerate() {
            *b = (i * 37 % 251) as u8;
        }
        Pending::new(&random, "/begar-vard")
    }

    fn id_token(claims: serde_json::Value) -> String {
        format!(
            "{}.{}.signature",
            base64url(br#"{"alg":"RS256"}"#),
            base64url(claims.to_string().as_bytes())
        )
    }

    #[test]
    fn base64url_round_trips_and_matches_rfc_4648() {
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        for n in 0..40u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(97)).collect();
            assert_eq!(base64url_decode(&base64url(&bytes)).unwrap(), bytes);
        }
    }

    #[test]
    fn the_pkce_challenge_is_rfc_7636s_example() {
        let example = Pending {
            verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk".into(),
            ..pending()
        };
        assert_eq!(
            example.challenge(),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        let fresh = pending();
        assert_eq!(fresh.verifier.len(), 86, "64 random bytes");
        assert_ne!(fresh.state, fresh.nonce);
    }

    #[test]
    fn the_authorization_url_asks_for_a_code_with_pkce() {
        let url = authorization_url(
            &discovery(),
            &config(),
            &pending(),
            &pending().challenge(),
            "https://app.example/?x=1",
            true,
        );
        assert!(url.starts_with(
            "https://login.region.example/auth?response_type=code&client_id=vardkoll-app&"
        ));
        assert!(url.contains("redirect_uri=https%3A%2F%2Fapp.example%2F%3Fx%3D1"));
        assert!(url.contains("scope=openid+profile"));
        assert!(url.contains("code_challenge_method=S256"));
        assert!(url.contains(&format!("code_challenge={}", pending().challenge())));
        assert!(url.contains("resource=urn%3Avardkoll%3Aapi") && url.ends_with("prompt=none"));
        assert!(
            !url.contains(&pending().verifier),
            "the verifier never leaves the app"
        );
        let loud = authorization_url(
            &discovery(),
            &config(),
            &pending(),
            &pending().challenge(),
            "https://app.example/",
            false,
        );
        assert!(!loud.contains("prompt"));
    }

    #[test]
    fn only_an_answer_with_our_state_gives_a_code() {
        let p = pending();
        let ok = format!("?code=abc%2B1&state={}", p.state);
        assert_eq!(parse_callback(&ok, &p, ISSUER), Ok("abc+1".into()));
        assert_eq!(
            parse_callback("?code=abc&state=other", &p, ISSUER),
            Err(CallbackError::NotOurs)
        );
        assert_eq!(
            parse_callback("?code=abc", &p, ISSUER),
            Err(CallbackError::NotOurs)
        );
        let odd = format!("?code=%E2%9C%93%zz%&state={}", p.state);
        assert_eq!(parse_callback(&odd, &p, ISSUER), Ok("✓%zz%".into()));
        let silent = format!("error=login_required&state={}", p.state);
        assert_eq!(
            parse_callback(&silent, &p, ISSUER),
            Err(CallbackError::LoginRequired)
        );
        let from = |iss: &str| format!("code=abc&state={}&iss={iss}", p.state);
        assert_eq!(
            parse_callback(&from("https%3A%2F%2Flogin.region.example"), &p, ISSUER),
            Ok("abc".into())
        );
        assert_eq!(
            parse_callback(&from("https%3A%2F%2Fevil.example"), &p, ISSUER),
            Err(CallbackError::Refused("wrong_issuer".into())),
            "a mix-up: the answer came from another provider"
        );
        let denied = format!("error=access_denied&state={}", p.state);
        assert_eq!(
            parse_callback(&denied, &p, ISSUER),
            Err(CallbackError::Refused("access_denied".into()))
        );
    }

    #[test]
    fn the_token_request_carries_the_verifier() {
        let body = token_request(&config(), "the code", &pending(), "https://app.example/");
        assert!(body.starts_with("grant_type=authorization_code&code=the+code&"));
        assert!(body.contains(&format!("code_verifier={}", pending().verifier)));
        assert!(body.contains("client_id=vardkoll-app"));
    }

    #[test]
    fn the_id_token_names_the_patient_only_when_it_is_ours() {
        let p = pending();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let good = serde_json::json!({
            "iss": "https://login.region.example", "aud": "vardkoll-app", "sub": "tolvan",
            "exp": 2_000, "nonce": p.nonce, "name": "Tolvan Tolvansson", IDENTITY_CLAIM: "191212121212"
        });
        let tokens = |claims: serde_json::Value| Tokens {
            access_token: "at".into(),
            id_token: Some(id_token(claims)),
            refresh_token: Some("rt".into()),
            expires_in: 600,
        };
        let signed =
            SignedIn::from_tokens(tokens(good.clone()), &config(), &p, 1_000, today).unwrap();
        assert_eq!(signed.name, "Tolvan Tolvansson");
        assert_eq!(
            signed.identity_number.as_ref().unwrap().as_str(),
            "191212121212"
        );
        assert_eq!(signed.expires_at, 1_600);
        let with = |key: &str, value: serde_json::Value| {
            let mut claims = good.clone();
            claims[key] = value;
            SignedIn::from_tokens(tokens(claims), &config(), &p, 1_000, today)
        };
        assert_eq!(
            with("iss", "https://evil.example".into()),
            Err(TokenProblem::WrongIssuer)
        );
        assert_eq!(
            with("aud", "other-app".into()),
            Err(TokenProblem::WrongAudience)
        );
        assert!(with("aud", serde_json::json!(["x", "vardkoll-app"])).is_ok());
        assert_eq!(with("aud", 5.into()), Err(TokenProblem::Malformed));
        assert_eq!(
            with("aud", serde_json::json!(["x", 5])),
            Err(TokenProblem::Malformed)
        );
        assert_eq!(
            with("nonce", "replayed".into()),
            Err(TokenProblem::WrongNonce)
        );
        assert_eq!(with("exp", 999.into()), Err(TokenProblem::Expired));
        assert_eq!(
            with(IDENTITY_CLAIM, "191212121213".into()),
            Err(TokenProblem::NoIdentityNumber)
        );
        assert_eq!(
            with(IDENTITY_CLAIM, 191212121212_u64.into()),
            Err(TokenProblem::Malformed),
            "a number is not the claim's text"
        );
        let broken = Tokens {
            id_token: Some("nonsense".into()),
            ..tokens(good.clone())
        };
        assert_eq!(
            SignedIn::from_tokens(broken, &config(), &p, 1_000, today),
            Err(TokenProblem::Malformed)
        );
        let none = Tokens {
            id_token: None,
            ..tokens(good)
        };
        assert_eq!(
            SignedIn::from_tokens(none, &config(), &p, 1_000, today),
            Err(TokenProblem::Malformed)
        );
        assert!(
            !format!("{signed:?}").contains("191212121212"),
            "no identity number in debug output"
        );
    }

    #[test]
    fn a_renewal_keeps_the_patient_and_takes_the_new_tokens() {
        let p = pending();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let claims = serde_json::json!({
            "iss": "https://login.region.example", "aud": "vardkoll-app", "sub": "tolvan",
            "exp": 2_000, "nonce": p.nonce, "name": "Tolvan", IDENTITY_CLAIM: "191212121212"
        });
        let first = Tokens {
            access_token: "at1".into(),
            id_token: Some(id_token(claims)),
            refresh_token: Some("rt1".into()),
            expires_in: 600,
        };
        let mut signed = SignedIn::from_tokens(first, &config(), &p, 1_000, today).unwrap();
        assert_eq!(signed.renew_at(), 1_540);
        let body = refresh_request(&config(), signed.refresh_token.as_deref().unwrap());
        assert_eq!(
            body,
            "grant_type=refresh_token&refresh_token=rt1&client_id=vardkoll-app&resource=urn%3Avardkoll%3Aapi"
        );
        let renewal: Tokens = serde_json::from_str(
            r#"{"access_token":"at2","expires_in":600,"token_type":"Bearer"}"#,
        )
        .unwrap();
        signed.renew(renewal, 1_540);
        assert_eq!(signed.access_token, "at2");
        assert_eq!(
            signed.refresh_token.as_deref(),
            Some("rt1"),
            "kept when not rotated"
        );
        assert_eq!((signed.issued_at, signed.expires_at), (1_540, 2_140));
        assert_eq!(
            signed.identity_number.as_ref().unwrap().as_str(),
            "191212121212"
        );
        let rotated: Tokens =
            serde_json::from_str(r#"{"access_token":"at3","refresh_token":"rt2","expires_in":60}"#)
                .unwrap();
        signed.renew(rotated, 2_000);
        assert_eq!(signed.refresh_token.as_deref(), Some("rt2"));
        assert_eq!(signed.renew_at(), 2_048);
    }

    #[test]
    fn signing_out_at_the_provider_returns_to_the_app() {
        assert_eq!(
            end_session_url(&discovery(), &config(), "idt", "https://app.example/"),
            None,
            "no endpoint, no provider sign-out"
        );
        let with_endpoint = Discovery {
            end_session_endpoint: Some("https://login.region.example/session/end".into()),
            ..discovery()
        };
        assert_eq!(
            end_session_url(&with_endpoint, &config(), "idt", "https://app.example/").as_deref(),
            Some(
                "https://login.region.example/session/end?id_token_hint=idt&client_id=vardkoll-app\
                 &post_logout_redirect_uri=https%3A%2F%2Fapp.example%2F"
            )
        );
    }

    #[test]
    fn a_portal_hands_in_an_access_token_for_the_api() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let good = serde_json::json!({
            "iss": ISSUER, "aud": "urn:vardkoll:api", "sub": "tolvan", "exp": 1_300,
            "name": "Tolvan Tolvansson", IDENTITY_CLAIM: "191212121212"
        });
        let token = |claims: &serde_json::Value| id_token(claims.clone());
        let signed = SignedIn::from_access_token(&token(&good), &config(), 1_000, today).unwrap();
        assert_eq!(
            signed.identity_number.as_ref().unwrap().as_str(),
            "191212121212"
        );
        assert_eq!(
            (signed.name.as_str(), signed.expires_at),
            ("Tolvan Tolvansson", 1_300)
        );
        assert!(signed.handed_in() && signed.refresh_token.is_none());
        assert_eq!(signed.renew_at(), 1_240);
        let with = |key: &str, value: serde_json::Value| {
            let mut claims = good.clone();
            claims[key] = value;
            SignedIn::from_access_token(&token(&claims), &config(), 1_000, today)
        };
        assert_eq!(
            with("aud", "vardkoll-app".into()),
            Err(TokenProblem::WrongAudience)
        );
        assert_eq!(
            with("iss", "https://evil.example".into()),
            Err(TokenProblem::WrongIssuer)
        );
        assert_eq!(with("exp", 1_000.into()), Err(TokenProblem::Expired));
        // A token without the claim (a member of the region's staff) names
        // nobody's identity number; one with an invalid number is refused.
        assert_eq!(
            with(IDENTITY_CLAIM, serde_json::Value::Null).map(|s| s.identity_number),
            Ok(None)
        );
        assert_eq!(
            with(IDENTITY_CLAIM, "191212121213".into()),
            Err(TokenProblem::NoIdentityNumber)
        );
        assert_eq!(
            SignedIn::from_access_token("not a jwt", &config(), 1_000, today),
            Err(TokenProblem::Malformed)
        );
    }

    #[test]
    fn renewal_comes_before_expiry() {
        assert_eq!(renew_at(1_600, 1_000), 1_540);
        assert_eq!(renew_at(1_100, 1_000), 1_080);
        assert_eq!(renew_at(1_000, 1_000), 1_000);
    }
}
