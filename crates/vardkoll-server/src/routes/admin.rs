//! The region side: moving a request through its states. Authenticated with the
//! configured admin token; without one configured the endpoint does not exist.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use vardkoll_domain::api::ReferralStatus;

use super::referrals::{bearer, store_error};
use crate::problem::{ApiError, ApiJson};
use crate::state::AppState;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusBody {
    status: ReferralStatus,
    #[serde(default)]
    note: Option<String>,
}

/// Lets the request through only with the configured admin token; without one
/// configured the admin endpoints do not exist (404).
fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = state.config.admin_token.as_deref() else {
        return Err(ApiError::not_found());
    };
    let given = bearer(headers).unwrap_or_default();
    if crate::hash::constant_time_eq(given.as_bytes(), expected.as_bytes()) {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Admin token required",
        ))
    }
}

/// How many requests are stored: the region side's tally (and the fault-injection
/// test's proof that each request was stored exactly once).
pub async fn count(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    authorize(&state, &headers)?;
    let count = state.store.referral_count().await.map_err(store_error)?;
    Ok(Json(serde_json::json!({ "count": count })).into_response())
}

pub async fn set_status(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(reference): Path<String>,
    ApiJson(body): ApiJson<StatusBody>,
) -> Result<Response, ApiError> {
    authorize(&state, &headers)?;
    let note = body.note.map(|n| n.chars().take(500).collect());
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    match state
        .store
        .set_status(reference, body.status, note, at)
        .await
        .map_err(store_error)?
    {
        None => Err(ApiError::not_found()),
        Some(Ok(view)) => Ok(Json(view).into_response()),
        Some(Err(current)) => Err(ApiError::new(
            StatusCode::CONFLICT,
            "invalid-transition",
            "Invalid status change",
        )
        .detail(format!(
            "A request that is {} cannot become {}.",
            current.as_str(),
            body.status.as_str()
        ))),
    }
}
