//! Creating and reading referral requests.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use vardkoll_domain::api::{API_PREFIX, NewReferral};

use super::{IDEMPOTENCY_KEY, IDEMPOTENT_REPLAYED};
use crate::problem::{ApiError, ApiJson};
use crate::state::AppState;
use crate::store::{CreateOutcome, NewRequest, StoreError};

/// The idempotency key: 8 to 100 characters of letters, digits, `-` and `_`.
fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let key = headers
        .get(IDEMPOTENCY_KEY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let ok = (8..=100).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(key.to_owned())
    } else {
        Err(ApiError::new(StatusCode::BAD_REQUEST, "idempotency-key", "Idempotency-Key header required")
            .detail("Send a unique Idempotency-Key of 8 to 100 letters, digits, - or _ with each new request."))
    }
}

pub fn store_error(error: StoreError) -> ApiError {
    match error {
        StoreError::Closed => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "Service unavailable",
        )
        .detail("The server is restarting; nothing was stored. Try again."),
        StoreError::Database(message) => {
            tracing::error!(error = %message, "store failed");
            ApiError::internal()
        }
    }
}

fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<NewReferral>,
) -> Result<Response, ApiError> {
    let key = idempotency_key(&headers)?;
    let body = serde_json::to_vec(&request).map_err(|_| ApiError::internal())?;
    let body_hash = format!("{:016x}", crate::hash::fnv1a(&[&body]));
    let snapshot = state.snapshot();
    let today = chrono::Local::now().date_naive();
    let referral = request
        .validate(
            today,
            |s| snapshot.has_service(s),
            |p| snapshot.has_provider(p),
        )
        .map_err(ApiError::validation)?;
    let created_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let outcome = state
        .store
        .create_referral(NewRequest {
            idempotency_key: key,
            body_hash,
            referral,
            created_at,
        })
        .await
        .map_err(store_error)?;
    let (created, replayed) = match outcome {
        CreateOutcome::Created(created) => (created, false),
        CreateOutcome::Replayed(created) => (created, true),
        CreateOutcome::KeyReused => {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency-key-reused",
                "Idempotency-Key reused",
            )
            .detail("This Idempotency-Key was used for a different request."));
        }
    };
    let location = format!("{API_PREFIX}/referrals/{}", created.reference);
    let mut response = (StatusCode::CREATED, Json(created)).into_response();
    if let Ok(location) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    if replayed {
        response
            .headers_mut()
            .insert(IDEMPOTENT_REPLAYED, HeaderValue::from_static("true"));
    }
    Ok(no_store(response))
}

/// The bearer token of `Authorization: Bearer <token>` (the scheme in any case).
pub fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_owned())
}

/// Only the holder of the token reads a request. Anyone else gets 401, whether
/// or not the reference exists: without a token, or with one that does not open
/// this reference (RFC 6750's `invalid_token`).
pub async fn read(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(reference): Path<String>,
) -> Result<Response, ApiError> {
    let Some(token) = bearer(&headers) else {
        return Err(unauthorized(None));
    };
    if reference.len() > 40 {
        return Err(unauthorized(Some("invalid_token")));
    }
    match state
        .store
        .referral(reference, token)
        .await
        .map_err(store_error)?
    {
        Some(view) => Ok(no_store(Json(view).into_response())),
        None => Err(unauthorized(Some("invalid_token"))),
    }
}

/// 401 with the challenge that says how to read a request.
fn unauthorized(error: Option<&str>) -> ApiError {
    let challenge = match error {
        Some(error) => format!(r#"Bearer realm="vardkoll-referral", error="{error}""#),
        None => r#"Bearer realm="vardkoll-referral""#.to_owned(),
    };
    ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", "Token required")
        .detail(
            "Read a request with the token its creation returned: Authorization: Bearer <token>.",
        )
        .with_header(header::WWW_AUTHENTICATE, challenge)
}
