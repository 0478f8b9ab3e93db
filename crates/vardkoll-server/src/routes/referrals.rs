//! Creating and reading referral requests.

use axum::Json;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use vardkoll_domain::api::{API_PREFIX, NewReferral};

use super::{IDEMPOTENCY_KEY, IDEMPOTENT_REPLAYED};
use crate::identity::{Patient, TokenError};
use crate::problem::{ApiError, ApiJson};
use crate::state::AppState;
use crate::store::{CreateOutcome, NewRequest, StoreError};

/// The idempotency key: 8 to 100 characters of letters, digits, `-` and `_`.
pub(super) fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
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

pub(super) fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The signed-in patient, when the deployment has an identity provider: then a
/// valid access token is required (checked before the body is read), and the
/// request is the token's patient's. Without a provider: `None`, anonymous.
pub struct SignedIn(pub Option<Patient>);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(verifier) = &state.identity else {
            return Ok(SignedIn(None));
        };
        let Some(token) = bearer(&parts.headers) else {
            return Err(sign_in_required(None));
        };
        verifier
            .verify(&token)
            .await
            .map(|p| SignedIn(Some(p)))
            .map_err(token_error)
    }
}

fn sign_in_required(error: Option<&str>) -> ApiError {
    ApiError::unauthorized("vardkoll", "sign-in-required", "Sign-in required", error)
        .detail("Sign in with the region's e-identification and send the access token as Authorization: Bearer <token>.")
}

pub(super) fn token_error(error: TokenError) -> ApiError {
    match error {
        TokenError::NotStaff => sign_in_required(Some("invalid_token")),
        TokenError::Invalid(reason) => {
            tracing::info!(reason, "access token refused");
            sign_in_required(Some("invalid_token"))
        }
        TokenError::Unavailable => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "identity-provider-unavailable",
            "Sign-in cannot be checked",
        )
        .detail("The identity provider could not be reached. Try again in a moment."),
    }
}

pub async fn create(
    SignedIn(patient): SignedIn,
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(mut request): ApiJson<NewReferral>,
) -> Result<Response, ApiError> {
    let key = idempotency_key(&headers)?;
    // Signed in, the identity is the verified one, never what was typed.
    if let Some(patient) = &patient {
        request.personal_identity_number = patient.identity_number.written();
    }
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
            subject: patient.map(|p| p.subject),
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
/// this reference (RFC 6750's `invalid_token`). With an identity provider, a
/// signed-in patient's access token opens their own requests; another patient's
/// are not there for them (404).
pub async fn read(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(reference): Path<String>,
) -> Result<Response, ApiError> {
    let Some(token) = bearer(&headers) else {
        return Err(unauthorized(None));
    };
    if !crate::store::secrets::may_be_reference(&reference) {
        return Err(unauthorized(Some("invalid_token")));
    }
    // Request tokens have no dots; access tokens (JWTs) have two.
    if let Some(verifier) = state.identity.as_ref().filter(|_| token.contains('.')) {
        let patient = verifier.verify(&token).await.map_err(token_error)?;
        return match state
            .store
            .referral_of(reference, patient.subject)
            .await
            .map_err(store_error)?
        {
            Some(view) => Ok(no_store(Json(view).into_response())),
            None => Err(ApiError::not_found()),
        };
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

/// "Mina förfrågningar": every request of the signed-in patient, on any device,
/// newest first. Without an identity provider there is no such list (404).
pub async fn mine(
    SignedIn(patient): SignedIn,
    State(state): State<AppState>,
) -> Result<Response, ApiError> {
    let Some(patient) = patient else {
        return Err(ApiError::not_found());
    };
    let views = state
        .store
        .referrals_of(patient.subject)
        .await
        .map_err(store_error)?;
    Ok(no_store(Json(views).into_response()))
}

/// 401 with the challenge that says how to read a request.
pub(super) fn unauthorized(error: Option<&str>) -> ApiError {
    ApiError::unauthorized("vardkoll-referral", "unauthorized", "Token required", error).detail(
        "Read a request with the token its creation returned: Authorization: Bearer <token>.",
    )
}
