//! The identity provider's two HTTP endpoints the app calls itself: its
//! discovery document and its token endpoint (the code's exchange and silent
//! renewal). The protocol's rules are in `vardkoll_domain::signin`.

use gloo_net::http::Request;
use vardkoll_domain::signin::{Discovery, Tokens};

use super::{ApiError, send};

/// The provider's discovery document, refused unless it names `issuer` and
/// its endpoints are web addresses.
pub async fn discovery(issuer: &str) -> Result<Discovery, ApiError> {
    let url = format!("{issuer}/.well-known/openid-configuration");
    let found: Discovery = send(Request::get(&url).build()).await?.parse()?;
    let web = |url: &str| url.starts_with("https://") || url.starts_with("http://");
    let endpoints_ok = web(&found.authorization_endpoint)
        && web(&found.token_endpoint)
        && found.end_session_endpoint.as_deref().is_none_or(web);
    if found.issuer.trim_end_matches('/') == issuer && endpoints_ok {
        Ok(found)
    } else {
        Err(ApiError::Invalid)
    }
}

/// Posts `form` (see `vardkoll_domain::signin::token_request` and
/// `refresh_request`) to the token endpoint.
pub async fn tokens(endpoint: &str, form: String) -> Result<Tokens, ApiError> {
    let request = Request::post(endpoint)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .body(form);
    let tokens: Tokens = send(request).await?.parse()?;
    if tokens.access_token.is_empty() {
        return Err(ApiError::Invalid);
    }
    Ok(tokens)
}
