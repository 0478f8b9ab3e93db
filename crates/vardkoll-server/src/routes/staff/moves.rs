//! Moving a request: checked, version-locked, audited.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use vardkoll_domain::api::{MAX_NOTE_CHARS, ProblemCode, ReferralStatus, StaffMove};
use vardkoll_domain::clock_time::ClockTime;

use super::open::staff_view;
use super::{StaffMember, field};
use crate::identity::Role;
use crate::problem::{ApiError, ApiJson};
use crate::routes::referrals::store_error;
use crate::state::AppState;
use crate::store::{Move, MoveRefused};

/// 409: a request that is `current` cannot become `asked`.
fn invalid_transition(current: ReferralStatus, asked: ReferralStatus) -> ApiError {
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

/// 409: the free time offered is held or booked (another navigator was first).
fn time_taken() -> ApiError {
    ApiError::new(StatusCode::CONFLICT, "time-taken", "The time is not free")
        .detail("Another request holds or booked the time, or it is for another service. Read the suggestions again and choose another.")
}

fn check_move(mut body: StaffMove, state: &AppState) -> Result<Move, ApiError> {
    if let Some(offer) = body.offer.as_mut() {
        // Set here only, from the server's clock: never what was sent.
        offer.answer_by = offer.free_time_id.map(|_| {
            crate::clock::stamp(
                state.clock.now() + chrono::Duration::days(state.config.offer_answer_days.into()),
            )
        });
    }
    let mut errors = Vec::new();
    let note = body.note.filter(|n| !n.trim().is_empty());
    if let Some(note) = &note
        && let Err(code) = vardkoll_domain::text::check_text(note, MAX_NOTE_CHARS, true)
    {
        errors.push(field(
            "note",
            code,
            &format!("at most {MAX_NOTE_CHARS} characters of text"),
        ));
    }
    if body.version < 1 {
        errors.push(field(
            "version",
            ProblemCode::Format,
            "the version the request was read at",
        ));
    }
    match (&body.offer, body.status) {
        (None, ReferralStatus::Offered) => errors.push(field(
            "offer",
            ProblemCode::Required,
            "an offer needs a provider, a date and a time",
        )),
        (Some(_), status) if status != ReferralStatus::Offered => errors.push(field(
            "offer",
            ProblemCode::Format,
            "only with the status offered",
        )),
        (Some(offer), _) => {
            if !state.snapshot().has_provider(&offer.provider_id) {
                errors.push(field(
                    "offer/providerId",
                    ProblemCode::Unknown,
                    "no such provider",
                ));
            }
            let today = state.clock.swedish_now().date();
            match NaiveDate::parse_from_str(&offer.date, "%Y-%m-%d") {
                Ok(date) if date >= today && offer.date.len() == 10 => {}
                _ => errors.push(field(
                    "offer/date",
                    ProblemCode::Format,
                    "a day from today on, YYYY-MM-DD",
                )),
            }
            // The API's form only; the app reads "9.30" and the like into it.
            if ClockTime::parse_hh_mm(&offer.time).is_none() {
                errors.push(field("offer/time", ProblemCode::Format, "HH:MM"));
            }
        }
        (None, _) => {}
    }
    match (&body.decline_reason, body.status) {
        (None, ReferralStatus::Declined) => errors.push(field(
            "declineReason",
            ProblemCode::Required,
            "the reason for declining",
        )),
        (Some(_), status) if status != ReferralStatus::Declined => errors.push(field(
            "declineReason",
            ProblemCode::Format,
            "only with the status declined",
        )),
        _ => {}
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    Ok(Move {
        status: body.status,
        version: body.version,
        note,
        offer: body.offer,
        decline_reason: body.decline_reason,
    })
}

/// Moves a request of the navigator's regions, if it is still at the version
/// they read and its status may become the one asked for.
pub async fn move_referral(
    member: StaffMember,
    State(state): State<AppState>,
    Path(reference): Path<String>,
    ApiJson(body): ApiJson<StaffMove>,
) -> Result<Response, ApiError> {
    member.require(Role::Navigator)?;
    if !crate::store::secrets::may_be_reference(&reference) {
        return Err(ApiError::not_found());
    }
    let change = check_move(body, &state)?;
    let asked = change.status;
    let version = change.version;
    match state
        .store
        .move_referral(reference, change, member.actor())
        .await
        .map_err(store_error)?
    {
        None => Err(ApiError::not_found()),
        Some(Ok(found)) => Ok(staff_view(found)),
        Some(Err(MoveRefused::Stale { current })) => Err(ApiError::new(
            StatusCode::CONFLICT,
            "stale-version",
            "The request changed since you read it",
        )
        .detail(format!(
            "You read version {version}; it is at version {current} now. Open it again and decide anew."
        ))),
        Some(Err(MoveRefused::Invalid { current })) => {
            Err(invalid_transition(current, asked))
        }
        Some(Err(MoveRefused::TimeTaken)) => Err(time_taken()),
    }
}
