//! Suggestions for a request: free times from the whole country, ranked by
//! [`vardkoll_domain::matching`]. Not an audited read: it shows nothing of the
//! request but what the queue shows (the service and the deadline), and the
//! times themselves.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use vardkoll_domain::matching::{MAX_SUGGESTIONS, Need, reachable_providers, suggest};

use super::StaffMember;
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
    if !crate::store::secrets::may_be_reference(&reference) {
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
    let now = state.clock.swedish_now();
    let snapshot = state.snapshot();
    // Only the times of providers within the patient's reach can be
    // suggested: the store reads theirs alone, the earliest first.
    let reachable = reachable_providers(
        &need,
        snapshot
            .data
            .providers
            .iter()
            .filter_map(|p| Some((p.id.as_str(), snapshot.place(&p.id)?))),
    );
    let read = |providers: Vec<String>, to: Option<String>, limit: usize| FreeTimeQuery {
        providers: Some(providers),
        services: Some(vec![need.service_code.clone()]),
        from: vardkoll_domain::date::iso(now.date()),
        to,
        only_free: true,
        after_minute: Some(super::minute_of_day(now)),
        first_per_provider: false,
        limit: Some(limit as i64),
    };
    // Times before the deadline first, where it is still ahead; if none,
    // any time. The patient's first choices rank first: each of theirs is
    // read apart; then the earliest of all, with room for ties.
    let deadline = need.deadline.filter(|d| *d >= now.date());
    let windows = [deadline.map(vardkoll_domain::date::iso), None];
    let mut found = Vec::new();
    for to in windows.into_iter().skip(usize::from(deadline.is_none())) {
        let mut times = Vec::new();
        for provider in need
            .preferred_providers
            .iter()
            .filter(|p| reachable.contains(p))
        {
            times.extend(
                state
                    .store
                    .free_times(read(vec![provider.clone()], to.clone(), MAX_SUGGESTIONS))
                    .await
                    .map_err(store_error)?,
            );
        }
        if !reachable.is_empty() {
            times.extend(
                state
                    .store
                    .free_times(read(reachable.clone(), to.clone(), 3 * MAX_SUGGESTIONS))
                    .await
                    .map_err(store_error)?,
            );
        }
        times.sort_by_key(|t| t.id);
        times.dedup_by_key(|t| t.id);
        found = suggest(&need, &times, |id| snapshot.place(id), now, MAX_SUGGESTIONS);
        if !found.is_empty() {
            break;
        }
    }
    Ok(no_store(Json(found).into_response()))
}
