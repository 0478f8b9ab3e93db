//! The region's side, for staff signed in through the deployment's OpenID
//! Connect provider: a navigator's work queue of their regions' requests,
//! opening one (its personal data: an audit entry), moving it (with the version
//! it was read at: a stale version is a conflict, never a lost update), and the
//! audit log for auditors.
//!
//! Who may do what: without an identity provider these routes do not exist
//! (404); without a token, or with an invalid one, 401; a valid token without
//! the role a route needs (a patient's token, a navigator at the audit log, an
//! auditor at the queue) 403; a request of a region not the navigator's is not
//! there for them (404).

use std::collections::HashMap;
use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, FromRequestParts, Path, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use vardkoll_domain::api::{
    DeclineReason, FieldProblem, NewReferral, Offer, ProblemCode, ReferralStatus,
};
use vardkoll_domain::personnummer::IdentityNumber;
use vardkoll_domain::referral::path::CarePath;

use super::admin::MAX_NOTE_CHARS;
use super::referrals::{bearer, no_store, store_error, token_error};
use crate::identity::{Role, Staff, TokenError};
use crate::problem::{ApiError, ApiJson};
use crate::state::AppState;
use crate::store::{Actor, AuditQuery, Move, MoveRefused, StaffChange, StaffReferral};

/// A signed-in staff member, and the address their request came from (for
/// the audit log). Checked before the body is read.
pub struct StaffMember {
    pub staff: Staff,
    pub address: String,
}

impl FromRequestParts<AppState> for StaffMember {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(verifier) = &state.identity else {
            return Err(ApiError::not_found());
        };
        let Some(token) = bearer(&parts.headers) else {
            return Err(ApiError::unauthorized(
                "vardkoll-staff",
                "sign-in-required",
                "Sign-in required",
                None,
            )
            .detail("Sign in as the region's staff and send the access token as Authorization: Bearer <token>."));
        };
        let staff = match verifier.verify_staff(&token).await {
            Ok(staff) => staff,
            Err(TokenError::NotStaff) => return Err(forbidden()),
            Err(error) => return Err(token_error(error)),
        };
        let address = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(peer)| {
                crate::client_addr::client_address(
                    *peer,
                    &parts.headers,
                    &state.config.trusted_proxies,
                )
                .to_string()
            })
            .unwrap_or_else(|| "unknown".into());
        Ok(StaffMember { staff, address })
    }
}

impl StaffMember {
    fn require(&self, role: Role) -> Result<(), ApiError> {
        if self.staff.has(role) {
            Ok(())
        } else {
            Err(forbidden())
        }
    }

    fn actor(&self) -> Actor {
        Actor {
            staff: self.staff.subject.clone(),
            regions: self.staff.regions.clone(),
            client_address: self.address.clone(),
            at: now(),
        }
    }
}

fn forbidden() -> ApiError {
    ApiError::new(StatusCode::FORBIDDEN, "forbidden", "Not allowed")
        .detail("Your sign-in does not carry the role this needs.")
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn field(field: &str, code: ProblemCode, detail: &str) -> FieldProblem {
    FieldProblem {
        field: field.into(),
        code,
        detail: detail.into(),
    }
}

/// The path (guarantee or free choice) and the deadline, as the patient saw
/// them when they sent the request (the domain crate's [`CarePath`]).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PathView {
    /// `guarantee`: the region must arrange care elsewhere; `free_choice`.
    path: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    deadline: Option<NaiveDate>,
    /// The guarantee deadline has passed (today).
    overdue: bool,
}

fn path_of(request: &NewReferral, today: NaiveDate) -> PathView {
    let path = CarePath::of(request.guarantee);
    let deadline = path.guarantee().map(|g| g.deadline);
    PathView {
        path: match path {
            CarePath::ArrangedByRegion { .. } => "guarantee",
            CarePath::FreeChoice { .. } => "free_choice",
        },
        deadline,
        overdue: deadline.is_some_and(|d| d < today),
    }
}

/// One entry of the work queue: no identity number, no contact details.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct QueueItem {
    reference: String,
    status: ReferralStatus,
    service_code: String,
    created_at: String,
    home_region: Option<String>,
    #[serde(flatten)]
    path: PathView,
    version: i64,
}

/// The work queue of the navigator's regions: `status`, `service`, `overdue`
/// (true/false) and `olderThanDays` filter; the earliest guarantee deadline
/// first, requests without one after them, then the oldest first.
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
    let now = chrono::Utc::now();
    let today = chrono::Local::now().date_naive();
    let mut items: Vec<QueueItem> = rows
        .into_iter()
        .filter(|r| status.is_none_or(|s| r.status == s))
        .filter(|r| service.as_ref().is_none_or(|s| &r.service_code == s))
        .filter(|r| {
            older_than.is_none_or(|days| {
                chrono::DateTime::parse_from_rfc3339(&r.created_at)
                    .is_ok_and(|at| now.signed_duration_since(at).num_days() >= i64::from(days))
            })
        })
        .map(|r| QueueItem {
            path: path_of(&r.request, today),
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
        let deadline = |item: &QueueItem| (item.path.deadline.is_none(), item.path.deadline);
        deadline(a)
            .cmp(&deadline(b))
            .then_with(|| a.created_at.cmp(&b.created_at))
            .then_with(|| a.reference.cmp(&b.reference))
    });
    Ok(no_store(Json(items).into_response()))
}

/// A request as its navigator reads it: everything the patient sent.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StaffView {
    reference: String,
    status: ReferralStatus,
    service_code: String,
    created_at: String,
    home_region: Option<String>,
    version: i64,
    #[serde(flatten)]
    path: PathView,
    /// Normalised, 12 digits.
    identity_number: String,
    request: NewReferral,
    history: Vec<StaffChange>,
}

fn staff_view(found: StaffReferral) -> Response {
    let today = chrono::Local::now().date_naive();
    no_store(
        Json(StaffView {
            path: path_of(&found.request, today),
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
    if reference.len() > 40 {
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

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MoveBody {
    status: ReferralStatus,
    version: i64,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    offer: Option<Offer>,
    #[serde(default)]
    decline_reason: Option<DeclineReason>,
}

fn check_move(body: MoveBody, state: &AppState) -> Result<Move, ApiError> {
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
            let today = chrono::Local::now().date_naive();
            match NaiveDate::parse_from_str(&offer.date, "%Y-%m-%d") {
                Ok(date) if date >= today && offer.date.len() == 10 => {}
                _ => errors.push(field(
                    "offer/date",
                    ProblemCode::Format,
                    "a day from today on, YYYY-MM-DD",
                )),
            }
            if offer.time.len() != 5
                || chrono::NaiveTime::parse_from_str(&offer.time, "%H:%M").is_err()
            {
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
    ApiJson(body): ApiJson<MoveBody>,
) -> Result<Response, ApiError> {
    member.require(Role::Navigator)?;
    if reference.len() > 40 {
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
            Err(super::admin::invalid_transition(current, asked))
        }
    }
}

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
