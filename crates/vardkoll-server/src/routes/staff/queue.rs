//! A navigator's work queue.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use vardkoll_domain::api::{FreeTime, ProblemCode, ReferralStatus, RequestPath, StaffQueueItem};
use vardkoll_domain::matching::{Need, has_time_before_deadline};

use super::{StaffMember, field};
use crate::identity::Role;
use crate::problem::ApiError;
use crate::routes::referrals::{no_store, store_error};
use crate::state::AppState;
use crate::store::{FreeTimeQuery, StaffReferral};

/// The work queue of the navigator's regions: `status`, `service`, `overdue`
/// (true/false) and `olderThanDays` filter; the earliest guarantee deadline
/// first, requests without one after them, then the oldest first. Each open
/// request is marked when a free time before its deadline exists.
pub async fn queue(
    member: StaffMember,
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    member.require(Role::Navigator)?;
    let mut errors = Vec::new();
    for key in params.keys() {
        if !["status", "service", "overdue", "olderThanDays"].contains(&key.as_str()) {
            errors.push(field(key, ProblemCode::Unknown, "unknown query parameter"));
        }
    }
    let status = match params.get("status") {
        None => None,
        Some(s) => match ReferralStatus::parse(s) {
            Some(status) => Some(status),
            None => {
                errors.push(field("status", ProblemCode::Unknown, "no such status"));
                None
            }
        },
    };
    let service = params.get("service").cloned();
    let overdue = match params.get("overdue").map(String::as_str) {
        None => None,
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(_) => {
            errors.push(field("overdue", ProblemCode::Format, "true or false"));
            None
        }
    };
    let older_than = match params.get("olderThanDays").map(|d| d.parse::<u32>()) {
        None => None,
        Some(Ok(days)) if days <= 36_500 => Some(days),
        Some(_) => {
            errors.push(field(
                "olderThanDays",
                ProblemCode::Format,
                "a whole number of days, 0 to 36500",
            ));
            None
        }
    };
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let rows = state
        .store
        .queue(member.staff.regions.clone())
        .await
        .map_err(store_error)?;
    let now = state.clock.now();
    let swedish = state.clock.swedish_now();
    let today = swedish.date();
    // Only an open request whose deadline is still ahead can have a time
    // before it: read the first free time of each provider for their
    // services, up to the farthest such deadline.
    let ahead = |r: &StaffReferral| {
        !r.status.is_closed() && r.request.guarantee.is_some_and(|g| g.deadline >= today)
    };
    let mut services: Vec<String> = rows
        .iter()
        .filter(|r| ahead(r))
        .map(|r| r.service_code.clone())
        .collect();
    services.sort_unstable();
    services.dedup();
    let farthest = rows
        .iter()
        .filter(|r| ahead(r))
        .filter_map(|r| r.request.guarantee.map(|g| g.deadline))
        .max();
    let times = match farthest {
        Some(farthest) => state
            .store
            .free_times(FreeTimeQuery {
                // Those that can take a patient of these regions at all.
                providers: Some(
                    state
                        .snapshot()
                        .data
                        .providers
                        .iter()
                        .filter(|p| {
                            p.accepts_other_regions || member.staff.regions.contains(&p.region_code)
                        })
                        .map(|p| p.id.clone())
                        .collect(),
                ),
                services: Some(services),
                from: vardkoll_domain::date::iso(today),
                to: Some(vardkoll_domain::date::iso(farthest)),
                only_free: true,
                after_minute: Some(super::minute_of_day(swedish)),
                // A provider's first free time is before a deadline if any is.
                first_per_provider: true,
                limit: None,
            })
            .await
            .map_err(store_error)?,
        None => Vec::new(),
    };
    let mut by_service: HashMap<String, Vec<FreeTime>> = HashMap::new();
    for time in times {
        by_service
            .entry(time.service_code.clone())
            .or_default()
            .push(time);
    }
    let snapshot = state.snapshot();
    let place = |id: &str| snapshot.place(id);
    let marked = |r: &StaffReferral| {
        ahead(r)
            && by_service.get(&r.service_code).is_some_and(|times| {
                has_time_before_deadline(
                    &Need::of(&r.request, r.home_region.as_deref()),
                    times,
                    place,
                    swedish,
                )
            })
    };
    let mut items: Vec<StaffQueueItem> = rows
        .into_iter()
        .filter(|r| status.is_none_or(|s| r.status == s))
        .filter(|r| service.as_ref().is_none_or(|s| &r.service_code == s))
        .filter(|r| {
            older_than.is_none_or(|days| {
                chrono::DateTime::parse_from_rfc3339(&r.created_at)
                    .is_ok_and(|at| now.signed_duration_since(at).num_days() >= i64::from(days))
            })
        })
        .map(|r| StaffQueueItem {
            free_time_before_deadline: marked(&r),
            path: RequestPath::of(&r.request, today),
            reference: r.reference,
            status: r.status,
            service_code: r.service_code,
            created_at: r.created_at,
            home_region: r.home_region,
            version: r.version,
        })
        .filter(|item| overdue.is_none_or(|o| item.path.overdue == o))
        .collect();
    items.sort_by(|a, b| {
        let deadline = |item: &StaffQueueItem| (item.path.deadline.is_none(), item.path.deadline);
        deadline(a)
            .cmp(&deadline(b))
            .then_with(|| a.created_at.cmp(&b.created_at))
            .then_with(|| a.reference.cmp(&b.reference))
    });
    Ok(no_store(Json(items).into_response()))
}
