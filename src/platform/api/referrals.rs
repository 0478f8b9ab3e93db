//! Referral requests: creating one (idempotent, with a timeout) and reading one
//! with its secret token.

use gloo_net::http::Request;
use vardkoll_domain::api::{
    AnswerBody, NewReferral, PatientAnswer, Problem, ReferralCreated, ReferralView,
};
use vardkoll_domain::referral::{AnswerFailure, AnswerRefusal, Failure, parse_retry_after};

use super::{ApiError, base_url, code, send};

/// How long one attempt may take before it counts as failed (and is retried).
const TIMEOUT_MS: u32 = 15_000;

/// Aborts a request after [`TIMEOUT_MS`] unless dropped first.
struct Deadline {
    controller: Option<web_sys::AbortController>,
    timer: Option<i32>,
}

impl Deadline {
    fn start() -> Deadline {
        let controller = web_sys::AbortController::new().ok();
        let timer = controller.as_ref().and_then(|controller| {
            let controller = controller.clone();
            let abort = wasm_bindgen::closure::Closure::once_into_js(move || controller.abort());
            web_sys::window()?
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    wasm_bindgen::JsCast::unchecked_ref(&abort),
                    TIMEOUT_MS as i32,
                )
                .ok()
        });
        Deadline { controller, timer }
    }

    fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.controller
            .as_ref()
            .map(web_sys::AbortController::signal)
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let (Some(timer), Some(window)) = (self.timer, web_sys::window()) {
            window.clear_timeout_with_handle(timer);
        }
    }
}

/// Sends one attempt of a new request. The same `key` on every attempt makes
/// the server store it once and answer a repeat with the original answer.
/// `access_token`: the signed-in patient's, where the deployment has sign-in
/// (the server then takes the identity number from it).
pub async fn create_referral(
    key: &str,
    request: &NewReferral,
    access_token: Option<&str>,
) -> Result<ReferralCreated, Failure> {
    let transient = Failure::Transient {
        retry_after_ms: None,
    };
    let json = serde_json::to_string(request).map_err(|_| Failure::Rejected(Vec::new()))?;
    let url = format!("{}/referrals", base_url().await);
    let deadline = Deadline::start();
    let signal = deadline.signal();
    let mut builder = Request::post(&url)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", key);
    if let Some(token) = access_token {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    let answer = send(builder.abort_signal(signal.as_ref()).body(json))
        .await
        .map_err(|_| transient.clone())?;
    drop(deadline);
    let retry_after = answer.retry_after.as_deref().and_then(parse_retry_after);
    match answer.parse::<ReferralCreated>() {
        Ok(created) if !created.reference.is_empty() && !created.token.is_empty() => Ok(created),
        // A success we cannot read: the next attempt gets the original answer.
        Ok(_) | Err(ApiError::Invalid | ApiError::Network) => Err(transient),
        Err(ApiError::Status(status, problem)) => Err(Failure::from_status(
            status,
            retry_after,
            problem.map(|p: Problem| p.errors).unwrap_or_default(),
        )),
    }
}

/// Sends one attempt of the patient's answer to an offer (or withdrawal).
/// The same `key` on every attempt makes the server record it once.
/// `bearer`: the signed-in patient's access token, or the request's own token.
pub async fn answer_referral(
    key: &str,
    reference: &str,
    answer: PatientAnswer,
    bearer: &str,
) -> Result<ReferralView, AnswerFailure> {
    let transient = AnswerFailure::Transient {
        retry_after_ms: None,
    };
    let reference = code(reference);
    let json = serde_json::to_string(&AnswerBody { answer })
        .map_err(|_| AnswerFailure::Refused(AnswerRefusal::NotNow))?;
    let url = format!("{}/referrals/{reference}/answer", base_url().await);
    let deadline = Deadline::start();
    let signal = deadline.signal();
    let request = Request::post(&url)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", key)
        .header("Authorization", &format!("Bearer {bearer}"))
        .abort_signal(signal.as_ref())
        .body(json);
    let answer = send(request).await.map_err(|_| transient)?;
    drop(deadline);
    let retry_after = answer.retry_after.as_deref().and_then(parse_retry_after);
    match answer.parse::<ReferralView>() {
        Ok(view) if view.reference == reference => Ok(view),
        // A success we cannot read: the next attempt gets the answer replayed.
        Ok(_) | Err(ApiError::Invalid | ApiError::Network) => Err(transient),
        Err(ApiError::Status(status, problem)) => Err(match status {
            409 if problem.is_some_and(|p| p.kind.ends_with("/offer-expired")) => {
                AnswerFailure::Refused(AnswerRefusal::Expired)
            }
            // An access token (a JWT has dots) that expired; a request's
            // own token that does not open it will not start to.
            401 if bearer.contains('.') => AnswerFailure::SignInRequired,
            404 | 408 | 425 | 429 | 500.. => AnswerFailure::Transient {
                retry_after_ms: retry_after,
            },
            _ => AnswerFailure::Refused(AnswerRefusal::NotNow),
        }),
    }
}

/// The status and history of a sent request; only its token opens it.
pub async fn referral(reference: &str, token: &str) -> Result<ReferralView, ApiError> {
    let reference = code(reference);
    let url = format!("{}/referrals/{reference}", base_url().await);
    let deadline = Deadline::start();
    let signal = deadline.signal();
    let request = Request::get(&url)
        .header("Authorization", &format!("Bearer {token}"))
        .abort_signal(signal.as_ref())
        .build();
    let view: ReferralView = send(request).await?.parse()?;
    if view.reference == reference && !view.history.is_empty() {
        Ok(view)
    } else {
        Err(ApiError::Invalid)
    }
}

/// "Mina förfrågningar" from the server: every request of the signed-in
/// patient, on any device.
pub async fn my_referrals(access_token: &str) -> Result<Vec<ReferralView>, ApiError> {
    let url = format!("{}/me/referrals", base_url().await);
    let deadline = Deadline::start();
    let signal = deadline.signal();
    let request = Request::get(&url)
        .header("Authorization", &format!("Bearer {access_token}"))
        .abort_signal(signal.as_ref())
        .build();
    let views: Vec<ReferralView> = send(request).await?.parse()?;
    if views
        .iter()
        .all(|v| !v.reference.is_empty() && !v.history.is_empty())
    {
        Ok(views)
    } else {
        Err(ApiError::Invalid)
    }
}

/// Binds a request this browser sent before the patient signed in to the
/// signed-in patient ("claims" it), with the request's own token. The server
/// does so only when the request carries the patient's identity number; any
/// other case is an error (404), the same whatever the reason.
pub async fn claim_referral(
    access_token: &str,
    reference: &str,
    token: &str,
) -> Result<ReferralView, ApiError> {
    let reference = code(reference);
    let url = format!("{}/me/referrals", base_url().await);
    #[derive(serde::Serialize)]
    struct Claim<'a> {
        reference: &'a str,
        token: &'a str,
    }
    let json = serde_json::to_string(&Claim {
        reference: &reference,
        token,
    })
    .map_err(|_| ApiError::Invalid)?;
    let deadline = Deadline::start();
    let signal = deadline.signal();
    let request = Request::post(&url)
        .header("Authorization", &format!("Bearer {access_token}"))
        .header("Content-Type", "application/json")
        .abort_signal(signal.as_ref())
        .body(json);
    let view: ReferralView = send(request).await?.parse()?;
    if view.reference == reference {
        Ok(view)
    } else {
        Err(ApiError::Invalid)
    }
}
