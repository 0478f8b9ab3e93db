//! The patient answers an offer — accept, decline, another time — or
//! withdraws the request (`POST /referrals/{reference}/answer`).
//!
//! Who may: the signed-in patient whose request it is (another patient's is
//! not there for them: 404), or, where nobody signs in, the holder of the
//! request's own token (anyone else: 401, as reading it). The token is
//! checked before the body is read. Each answer carries an Idempotency-Key: the
//! same key again replays the answer recorded (an outbox resending after a
//! lost connection); an offer answered already takes no other answer (409).

use axum::Json;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use vardkoll_domain::api::AnswerBody;

use super::IDEMPOTENT_REPLAYED;
use super::referrals::{bearer, idempotency_key, no_store, store_error, token_error, unauthorized};
use crate::problem::{ApiError, ApiJson};
use crate::state::AppState;
use crate::store::{AnswerRefused, Answering, Owner};

/// Whose request, from where: checked before the body.
pub struct RequestOwner {
    owner: Owner,
    address: String,
}

impl FromRequestParts<AppState> for RequestOwner {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(token) = bearer(&parts.headers) else {
            return Err(unauthorized(None));
        };
        // Request tokens have no dots; access tokens (JWTs) have two.
        let owner = match state.identity.as_ref().filter(|_| token.contains('.')) {
            Some(verifier) => {
                Owner::Subject(verifier.verify(&token).await.map_err(token_error)?.subject)
            }
            None => Owner::Token(token),
        };
        let address = crate::client_addr::of_request(parts, &state.config.trusted_proxies);
        Ok(RequestOwner { owner, address })
    }
}

pub async fn answer(
    who: RequestOwner,
    State(state): State<AppState>,
    Path(reference): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<AnswerBody>,
) -> Result<Response, ApiError> {
    let key = idempotency_key(&headers)?;
    let by_token = matches!(who.owner, Owner::Token(_));
    let not_theirs = || {
        if by_token {
            unauthorized(Some("invalid_token"))
        } else {
            ApiError::not_found()
        }
    };
    if !crate::store::secrets::may_be_reference(&reference) {
        return Err(not_theirs());
    }
    let answer = body.answer;
    let outcome = state
        .store
        .answer_referral(Answering {
            reference,
            owner: who.owner,
            answer,
            idempotency_key: key,
            at: state.clock.stamp(),
            client_address: who.address,
        })
        .await
        .map_err(store_error)?;
    match outcome {
        None => Err(not_theirs()),
        Some(Ok(answered)) => {
            let mut response = Json(answered.view).into_response();
            if answered.replayed {
                response
                    .headers_mut()
                    .insert(IDEMPOTENT_REPLAYED, HeaderValue::from_static("true"));
            }
            Ok(no_store(response))
        }
        Some(Err(AnswerRefused::Invalid { current })) => Err(ApiError::new(
            StatusCode::CONFLICT,
            "invalid-transition",
            "The request takes no such answer now",
        )
        .detail(format!(
            "A request that is {} cannot be answered with {}.",
            current.as_str(),
            answer.as_str()
        ))),
        Some(Err(AnswerRefused::Expired { at })) => Err(ApiError::new(
            StatusCode::CONFLICT,
            "offer-expired",
            "The time to answer has passed",
        )
        .detail(format!(
            "The offer waited for an answer until {at}. The time went back; the region will look for another."
        ))),
    }
}
