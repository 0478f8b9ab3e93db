//! The audit log, for auditors.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use vardkoll_domain::api::ProblemCode;
use vardkoll_domain::personnummer::IdentityNumber;

use super::{StaffMember, field};
use crate::identity::Role;
use crate::problem::ApiError;
use crate::routes::referrals::{no_store, store_error};
use crate::state::AppState;
use crate::store::AuditQuery;

/// The audit log, for auditors: by `identityNumber`, by `staff`, or both;
/// neither: the newest entries.
pub async fn audit(
    member: StaffMember,
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    member.require(Role::Auditor)?;
    let mut errors = Vec::new();
    for key in params.keys() {
        if !["identityNumber", "staff"].contains(&key.as_str()) {
            errors.push(field(key, ProblemCode::Unknown, "unknown query parameter"));
        }
    }
    let identity_number = match params.get("identityNumber") {
        None => None,
        Some(number) => {
            let today = chrono::Local::now().date_naive();
            match IdentityNumber::parse(number, today) {
                Ok(number) => Some(number.as_str().to_owned()),
                Err(_) => {
                    errors.push(field(
                        "identityNumber",
                        ProblemCode::Format,
                        "a valid personal identity number",
                    ));
                    None
                }
            }
        }
    };
    let staff = params.get("staff").cloned();
    if staff
        .as_ref()
        .is_some_and(|s| s.is_empty() || s.len() > 255)
    {
        errors.push(field("staff", ProblemCode::Format, "1 to 255 characters"));
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let query = AuditQuery {
        identity_number,
        staff,
    };
    let entries = state.store.audit(query).await.map_err(store_error)?;
    Ok(no_store(Json(entries).into_response()))
}
