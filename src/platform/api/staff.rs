//! The staff's side of the API: for Vårdlotsen the work queue, a request as
//! its navigator reads it, and moving it; for "Lediga tider" a scheduler's
//! free times. Every call carries the staff member's access token.

use gloo_net::http::{Request, RequestBuilder};
use vardkoll_domain::api::{
    FreeTime, FreeTimeChange, NewFreeTimes, Schedule, StaffMove, StaffQueueItem, StaffReferral,
};
use vardkoll_domain::matching::Suggestion;

use super::{ApiError, base_url, send};

fn authorized(request: RequestBuilder, access_token: &str) -> RequestBuilder {
    request.header("Authorization", &format!("Bearer {access_token}"))
}

/// The queue of the navigator's regions; `query` holds the filters
/// (`?status=...&overdue=true`, or empty).
pub async fn staff_queue(access_token: &str, query: &str) -> Result<Vec<StaffQueueItem>, ApiError> {
    let url = format!("{}/staff/referrals{query}", base_url().await);
    send(authorized(Request::get(&url), access_token).build())
        .await?
        .parse()
}

/// Opens a request (the server writes the read in its audit log).
pub async fn staff_referral(
    access_token: &str,
    reference: &str,
) -> Result<StaffReferral, ApiError> {
    let url = format!("{}/staff/referrals/{}", base_url().await, encode(reference));
    let found: StaffReferral = send(authorized(Request::get(&url), access_token).build())
        .await?
        .parse()?;
    if found.reference == reference {
        Ok(found)
    } else {
        Err(ApiError::Invalid)
    }
}

/// Free times from the whole country for a request, best first.
pub async fn staff_suggestions(
    access_token: &str,
    reference: &str,
) -> Result<Vec<Suggestion>, ApiError> {
    let url = format!(
        "{}/staff/referrals/{}/suggestions",
        base_url().await,
        encode(reference)
    );
    send(authorized(Request::get(&url), access_token).build())
        .await?
        .parse()
}

/// Moves a request; the answer is the request as it now stands.
pub async fn move_referral(
    access_token: &str,
    reference: &str,
    change: &StaffMove,
) -> Result<StaffReferral, ApiError> {
    let url = format!(
        "{}/staff/referrals/{}/status",
        base_url().await,
        encode(reference)
    );
    let request = authorized(Request::post(&url), access_token)
        .json(change)
        .map_err(|_| ApiError::Invalid)?;
    send(Ok(request)).await?.parse()
}

/// The scheduler's providers and their times from today on.
pub async fn schedule(access_token: &str) -> Result<Schedule, ApiError> {
    let url = format!("{}/staff/free-times", base_url().await);
    send(authorized(Request::get(&url), access_token).build())
        .await?
        .parse()
}

/// Publishes a time or a weekly series; the answer is the times stored.
pub async fn publish_free_times(
    access_token: &str,
    times: &NewFreeTimes,
) -> Result<Vec<FreeTime>, ApiError> {
    let url = format!("{}/staff/free-times", base_url().await);
    let request = authorized(Request::post(&url), access_token)
        .json(times)
        .map_err(|_| ApiError::Invalid)?;
    send(Ok(request)).await?.parse()
}

/// Moves or resizes a free time; the answer is the time changed.
pub async fn change_free_time(
    access_token: &str,
    id: i64,
    change: &FreeTimeChange,
) -> Result<FreeTime, ApiError> {
    let url = format!("{}/staff/free-times/{id}", base_url().await);
    let request = authorized(Request::put(&url), access_token)
        .json(change)
        .map_err(|_| ApiError::Invalid)?;
    let changed: FreeTime = send(Ok(request)).await?.parse()?;
    if changed.id == id {
        Ok(changed)
    } else {
        Err(ApiError::Invalid)
    }
}

/// Withdraws a free time (204, no body).
pub async fn withdraw_free_time(access_token: &str, id: i64) -> Result<(), ApiError> {
    let url = format!("{}/staff/free-times/{id}", base_url().await);
    let answer = send(authorized(Request::delete(&url), access_token).build()).await?;
    match answer.status {
        204 => Ok(()),
        _ => answer.parse(),
    }
}

/// A reference as one path segment (references are `VK-` and base32, but a
/// stale link may hold anything).
fn encode(reference: &str) -> String {
    String::from(js_sys::encode_uri_component(reference))
}
