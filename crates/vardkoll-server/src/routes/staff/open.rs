//! Opening a request: everything the patient sent, an audited read.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use vardkoll_domain::api::{RequestPath, StaffReferral as StaffReferralView};

use super::StaffMember;
use crate::identity::Role;
use crate::problem::ApiError;
use crate::routes::referrals::{no_store, store_error};
use crate::state::AppState;
use crate::store::StaffReferral;

pub(super) fn staff_view(found: StaffReferral) -> Response {
    let today = chrono::Local::now().date_naive();
    no_store(
        Json(StaffReferralView {
            path: RequestPath::of(&found.request, today),
            reference: found.reference,
            status: found.status,
            service_code: found.service_code,
            created_at: found.created_at,
            home_region: found.home_region,
            version: found.version,
            identity_number: found.identity_number,
            request: found.request,
            history: found.history,
        })
        .into_response(),
    )
}

/// Opens a request of the navigator's regions; the read is in the audit log.
pub async fn open(
    member: StaffMember,
    State(state): State<AppState>,
    Path(reference): Path<String>,
) -> Result<Response, ApiError> {
    member.require(Role::Navigator)?;
    if !crate::store::secrets::may_be_reference(&reference) {
        return Err(ApiError::not_found());
    }
    match state
        .store
        .open_referral(reference, member.actor())
        .await
        .map_err(store_error)?
    {
        Some(found) => Ok(staff_view(found)),
        None => Err(ApiError::not_found()),
    }
}
