//! Claiming a request: a signed-in patient binds a request sent before sign-in
//! (anonymous, read with its own token) to their account, so that it is in
//! "Mina förfrågningar" on every device.
//!
//! The request is bound only when the body's token is the request's secret, the
//! request carries the signed-in patient's identity number, and no other patient
//! has it. Any other case is 404, the same answer whatever failed: the caller
//! learns neither that the request exists nor whose it is.

use axum::Json;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use vardkoll_domain::api::{FieldProblem, ProblemCode};

use super::referrals::{SignedIn, no_store, store_error};
use crate::identity::Patient;
use crate::problem::{ApiError, ApiJson};
use crate::state::AppState;

/// The body of `POST /api/v1/me/referrals`: the request and its secret token,
/// as its creation returned them.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClaimReferral {
    pub reference: String,
    pub token: String,
}

impl std::fmt::Debug for ClaimReferral {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClaimReferral").finish_non_exhaustive()
    }
}

/// A reference: `VK-` and ten capitals or digits.
fn is_reference(text: &str) -> bool {
    text.strip_prefix("VK-").is_some_and(|rest| {
        rest.len() == 10
            && rest
                .bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
    })
}

/// A request token: 32 to 100 letters, digits, `-` and `_` (the server makes 40).
fn is_token(text: &str) -> bool {
    (32..=100).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl ClaimReferral {
    /// Both fields in their shape, every problem at once.
    pub fn validate(&self) -> Result<(), Vec<FieldProblem>> {
        let mut errors = Vec::new();
        let mut check = |field: &str, value: &str, valid: fn(&str) -> bool, detail: &str| {
            let code = if value.is_empty() {
                ProblemCode::Required
            } else if valid(value) {
                return;
            } else {
                ProblemCode::Format
            };
            errors.push(FieldProblem {
                field: field.to_owned(),
                code,
                detail: detail.to_owned(),
            });
        };
        check(
            "reference",
            &self.reference,
            is_reference,
            "the request's reference, VK- and ten capitals or digits",
        );
        check(
            "token",
            &self.token,
            is_token,
            "the request's token, 32 to 100 letters, digits, - or _",
        );
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// The signed-in patient, for an operation that exists only with an identity
/// provider: without one, 404 before the body is read.
pub struct Claimant(Patient);

impl FromRequestParts<AppState> for Claimant {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        match SignedIn::from_request_parts(parts, state).await? {
            SignedIn(Some(patient)) => Ok(Claimant(patient)),
            SignedIn(None) => Err(ApiError::not_found()),
        }
    }
}

/// `POST /me/referrals`: 200 with the request, now (or already) the patient's;
/// 404 when it cannot be theirs.
pub async fn claim(
    Claimant(patient): Claimant,
    State(state): State<AppState>,
    ApiJson(body): ApiJson<ClaimReferral>,
) -> Result<Response, ApiError> {
    body.validate().map_err(ApiError::validation)?;
    let claimed = state
        .store
        .claim_referral(
            body.reference,
            body.token,
            patient.identity_number.as_str().to_owned(),
            patient.subject,
        )
        .await
        .map_err(store_error)?;
    match claimed {
        Some(view) => Ok(no_store(Json(view).into_response())),
        None => Err(ApiError::not_found()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(reference: &str, token: &str) -> Vec<String> {
        ClaimReferral {
            reference: reference.into(),
            token: token.into(),
        }
        .validate()
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|p| format!("{}:{}", p.field, p.code))
        .collect()
    }

    #[test]
    fn a_reference_and_a_token_of_their_shape_pass() {
        let token = "aZ09-_".repeat(7)[..40].to_owned();
        assert!(problems("VK-0123456789", &token).is_empty());
        assert!(problems("VK-OLD0000001", &token).is_empty());
    }

    #[test]
    fn every_problem_is_named_with_its_field() {
        assert_eq!(problems("", ""), ["reference:required", "token:required"]);
        let token = "t".repeat(40);
        for reference in [
            "VK-012345678",
            "VK-01234567890",
            "vk-0123456789",
            "VK-01234567a9",
        ] {
            assert_eq!(
                problems(reference, &token),
                ["reference:format"],
                "{reference}"
            );
        }
        for bad in [
            "t".repeat(31),
            "t".repeat(101),
            format!("{}.", "t".repeat(39)),
        ] {
            assert_eq!(problems("VK-0123456789", &bad), ["token:format"], "{bad}");
        }
    }

    #[test]
    fn debug_output_holds_no_secret() {
        let body = ClaimReferral {
            reference: "VK-0123456789".into(),
            token: "secret-token-secret-token-secret-token-0".into(),
        };
        let text = format!("{body:?}");
        assert!(!text.contains("secret") && !text.contains("VK-"));
    }
}
