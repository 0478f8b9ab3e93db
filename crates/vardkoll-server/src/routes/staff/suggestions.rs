//! Suggestions for a request: free times from the whole country, ranked by
//! [`vardkoll_domain::matching`]. Not an audited read: it shows nothing of the
//! request but what the queue shows (the service and the deadline), and the
//! times themselves.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use vardkoll_domain::matching::{MAX_SUGGESTIONS, Need, suggest};

use super::{StaffMember, swedish_now};
use crate::identity::Role;
use crate::problem::ApiError;
use crate::routes::referrals::{no_store, store_error};
use crate::state::AppState;
use crate::store::FreeTimeQuery;

/// The free times a navigator may offer for a request of their regions, best
/// first, at most [`MAX_SUGGESTIONS`].
pub async fn suggestions(
    member: StaffMember,
    State(state): State<AppState>,
    Path(reference): Path<String>,
) -> Result<Response, ApiError> {
    member.require(Role::Navigator)?;
    if reference.len() > 40 {
        return Err(ApiError::not_found());
    }
    let Some(found) = state
        .store
        .referral_in(reference, member.staff.regions.clone())
        .await
        .map_err(store_error)?
    else {
        return Err(ApiError::not_found());
    };
    let need = Need::of(&found.request, found.home_region.as_deref());
    let now = swedish_now();
    let times = state
        .store
        .free_times(FreeTimeQuery {
            providers: None,
            services: Some(vec![need.service_code.clone()]),
            from: vardkoll_domain::date::iso(now.date()),
            only_free: true,
        })
        .await
        .map_err(store_error)?;
    let snapshot = state.snapshot();
    let found = suggest(&need, &times, |id| snapshot.place(id), now, MAX_SUGGESTIONS);
    Ok(no_store(Json(found).into_response()))
}
