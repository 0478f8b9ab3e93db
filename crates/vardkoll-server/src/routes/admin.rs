//! The region side: moving a request through its states. Authenticated with the
//! configured admin token; without one configured the endpoint does not exist.
//!
//! Superseded by the staff routes ([`super::staff`]: signed-in navigators, a
//! version check, the audit log); kept for now because the end-to-end tests
//! move requests with it. Removing it (and `VARDKOLL_ADMIN_TOKEN`) is the next step.

use axum::Json;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use vardkoll_domain::api::{FieldProblem, ReferralStatus};

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

/// The longest note to the patient the region side may write.
pub const MAX_NOTE_CHARS: usize = 500;

/// Proof that the request carries the configured admin token. An extractor of
/// the request's head, so it runs before the body is read: an unauthenticated
/// caller learns nothing about what the body should be. Without a token
/// configured the admin endpoints do not exist (404).
pub struct Admin;

impl FromRequestParts<AppState> for Admin {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Some(expected) = state.config.admin_token.as_deref() else {
            return Err(ApiError::not_found().into_response());
        };
        let given = bearer(&parts.headers).unwrap_or_default();
        if crate::hash::constant_time_eq(given.as_bytes(), expected.as_bytes()) {
            return Ok(Admin);
        }
        Err(ApiError::unauthorized(
            "vardkoll-admin",
            "unauthorized",
            "Admin token required",
            None,
        )
        .detail("Send the region side's token as Authorization: Bearer <token>.")
        .into_response())
    }
}

/// How many requests are stored: the region side's tally (and the fault-injection
/// test's proof that each request was stored exactly once).
pub async fn count(_: Admin, State(state): State<AppState>) -> Result<Response, ApiError> {
    let count = state.store.referral_count().await.map_err(store_error)?;
    Ok(Json(serde_json::json!({ "count": count })).into_response())
}

pub async fn set_status(
    _: Admin,
    State(state): State<AppState>,
    Path(reference): Path<String>,
    ApiJson(body): ApiJson<StatusBody>,
) -> Result<Response, ApiError> {
    let note = body.note.filter(|n| !n.trim().is_empty());
    if let Some(note) = &note
        && let Err(code) = vardkoll_domain::text::check_text(note, MAX_NOTE_CHARS, true)
    {
        return Err(ApiError::validation(vec![FieldProblem {
            field: "note".into(),
            code,
            detail: format!("at most {MAX_NOTE_CHARS} characters of text"),
        }]));
    }
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    match state
        .store
        .set_status(reference, body.status, note, at)
        .await
        .map_err(store_error)?
    {
        None => Err(ApiError::not_found()),
        Some(Ok(view)) => Ok(Json(view).into_response()),
        Some(Err(current)) => Err(invalid_transition(current, body.status)),
    }
}

/// 409: a request that is `current` cannot become `asked`.
pub(super) fn invalid_transition(current: ReferralStatus, asked: ReferralStatus) -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        "invalid-transition",
        "Invalid status change",
    )
    .detail(format!(
        "A request that is {} cannot become {}.",
        current.as_str(),
        asked.as_str()
    ))
}
