//! A provider's scheduler publishes free times: one or a weekly series, a
//! change of a free one, a withdrawal; and reads their providers' times with
//! which request holds or booked each.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use vardkoll_domain::api::{FreeTimeChange, FreeTimeState, NewFreeTimes, Schedule};

use super::StaffMember;
use crate::identity::Role;
use crate::problem::{ApiError, ApiJson};
use crate::routes::referrals::{no_store, store_error};
use crate::state::AppState;
use crate::store::{FreeTimeQuery, Publisher, TimeRefused};

impl StaffMember {
    /// The providers of the catalogue this scheduler schedules for.
    fn schedules_for(&self, state: &AppState) -> Vec<String> {
        let snapshot = state.snapshot();
        self.staff
            .providers
            .iter()
            .filter(|p| snapshot.has_provider(p))
            .cloned()
            .collect()
    }
}

fn refused(refusal: TimeRefused) -> ApiError {
    match refusal {
        TimeRefused::Overlap { with } => ApiError::new(
            StatusCode::CONFLICT,
            "time-overlap",
            "The time overlaps another",
        )
        .detail(if with > 0 {
            format!("It shares minutes with time {with} of the same provider. Nothing was stored.")
        } else {
            "Two of the times share minutes. Nothing was stored.".to_owned()
        }),
        TimeRefused::Taken { state } => {
            ApiError::new(StatusCode::CONFLICT, "time-taken", "The time is not free").detail(
                format!(
                    "The time is {}: only a free time may be changed or withdrawn.",
                    state.wire_name()
                ),
            )
        }
        TimeRefused::Stale { current } => ApiError::new(
            StatusCode::CONFLICT,
            "stale-version",
            "The time changed since you read it",
        )
        .detail(format!("It is at version {current} now. Read it again.")),
    }
}

/// The scheduler's providers, and their times from today on, earliest first.
pub async fn list(
    member: StaffMember,
    State(state): State<AppState>,
) -> Result<Response, ApiError> {
    member.require(Role::Scheduler)?;
    let providers = member.schedules_for(&state);
    let times = state
        .store
        .free_times(FreeTimeQuery {
            providers: Some(providers.clone()),
            services: None,
            from: vardkoll_domain::date::iso(state.clock.swedish_now().date()),
            only_free: false,
            to: None,
            ..FreeTimeQuery::default()
        })
        .await
        .map_err(store_error)?;
    Ok(no_store(
        Json(Schedule { providers, times }).into_response(),
    ))
}

/// Publishes one time, or the same time for several weeks: all or none.
pub async fn publish(
    member: StaffMember,
    State(state): State<AppState>,
    ApiJson(body): ApiJson<NewFreeTimes>,
) -> Result<Response, ApiError> {
    member.require(Role::Scheduler)?;
    let providers = member.schedules_for(&state);
    let snapshot = state.snapshot();
    let slots = body
        .validate(
            state.clock.swedish_now(),
            |s| snapshot.has_service(s),
            |p| providers.iter().any(|mine| mine == p),
        )
        .map_err(ApiError::validation)?;
    let by = Publisher {
        staff: member.staff.subject.clone(),
        at: member.at.clone(),
    };
    match state
        .store
        .publish_free_times(slots, by)
        .await
        .map_err(store_error)?
    {
        Ok(times) => Ok(no_store((StatusCode::CREATED, Json(times)).into_response())),
        Err(refusal) => Err(refused(refusal)),
    }
}

/// Moves a free time of the scheduler's providers to another day, start or
/// length.
pub async fn change(
    member: StaffMember,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<FreeTimeChange>,
) -> Result<Response, ApiError> {
    member.require(Role::Scheduler)?;
    let providers = member.schedules_for(&state);
    let Some(time) = state
        .store
        .free_time(id)
        .await
        .map_err(store_error)?
        .filter(|t| providers.contains(&t.provider_id))
    else {
        return Err(ApiError::not_found());
    };
    if time.state != FreeTimeState::Free {
        return Err(refused(TimeRefused::Taken { state: time.state }));
    }
    let slot = body
        .validate(&time, state.clock.swedish_now())
        .map_err(ApiError::validation)?;
    match state
        .store
        .change_free_time(id, providers, slot, body.version)
        .await
        .map_err(store_error)?
    {
        None => Err(ApiError::not_found()),
        Some(Ok(changed)) => Ok(no_store(Json(changed).into_response())),
        Some(Err(refusal)) => Err(refused(refusal)),
    }
}

/// Withdraws a free time of the scheduler's providers.
pub async fn withdraw(
    member: StaffMember,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    member.require(Role::Scheduler)?;
    let providers = member.schedules_for(&state);
    match state
        .store
        .withdraw_free_time(id, providers)
        .await
        .map_err(store_error)?
    {
        None => Err(ApiError::not_found()),
        Some(Ok(())) => Ok(StatusCode::NO_CONTENT.into_response()),
        Some(Err(refusal)) => Err(refused(refusal)),
    }
}
