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

mod audit;
mod free_times;
mod moves;
mod open;
mod queue;
mod suggestions;

pub use audit::audit;
pub use free_times::{
    change as change_free_time, list as free_times, publish as publish_free_times,
    withdraw as withdraw_free_time,
};
pub use moves::move_referral;
pub use open::open;
pub use queue::queue;
pub use suggestions::suggestions;

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use vardkoll_domain::api::{FieldProblem, ProblemCode};

use super::referrals::{bearer, token_error};
use crate::identity::{Role, Staff, TokenError};
use crate::problem::ApiError;
use crate::state::AppState;
use crate::store::Actor;

/// A signed-in staff member, and the address their request came from (for
/// the audit log). Checked before the body is read.
pub struct StaffMember {
    pub staff: Staff,
    pub address: String,
    /// When the request came, by the server's clock (RFC 3339, UTC).
    pub at: String,
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
        let address = crate::client_addr::of_request(parts, &state.config.trusted_proxies);
        let at = state.clock.stamp();
        Ok(StaffMember { staff, address, at })
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
            at: self.at.clone(),
        }
    }
}

fn forbidden() -> ApiError {
    ApiError::new(StatusCode::FORBIDDEN, "forbidden", "Not allowed")
        .detail("Your sign-in does not carry the role this needs.")
}

/// Minutes after midnight of `at`.
fn minute_of_day(at: chrono::NaiveDateTime) -> u16 {
    use chrono::Timelike;
    (at.hour() * 60 + at.minute()) as u16
}

fn field(field: &str, code: ProblemCode, detail: &str) -> FieldProblem {
    FieldProblem {
        field: field.into(),
        code,
        detail: detail.into(),
    }
}
