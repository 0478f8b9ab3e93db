//! The layers at the edge of the API, below the routes:
//!
//! - [`problems`]: every error answer is `application/problem+json`, also those
//!   that axum or tower make (405, 408, 413, a path that is not UTF-8, …);
//! - [`head_limits`]: 414 for a URI over 8 KiB, 431 for headers over 16 KiB;
//! - [`body_deadline`]: the whole body must arrive within the configured time,
//!   however slowly it drips (408).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hyper::body::{Body as HttpBody, Frame, SizeHint};
use tokio::time::{Instant, Sleep};
use vardkoll_domain::api::problem::PROBLEM_JSON;

use crate::problem::ApiError;

pub const MAX_URI_BYTES: usize = 8 * 1024;
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Replaces the body of an error answer that is not a problem document with
/// one for its status, keeping its other headers (Allow, Retry-After, …).
pub async fn problems(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes() == PROBLEM_JSON.as_bytes());
    if !(status.is_client_error() || status.is_server_error()) || is_problem {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    let problem = problem_for(status).into_response();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::CONTENT_ENCODING);
    parts
        .headers
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    Response::from_parts(parts, problem.into_body())
}

/// The problem for an error status that carried no problem of its own.
fn problem_for(status: StatusCode) -> ApiError {
    let title = status.canonical_reason().unwrap_or("Error");
    let slug = title.to_ascii_lowercase().replace(' ', "-");
    let error = ApiError::new(status, &slug, title);
    match status {
        StatusCode::BAD_REQUEST => {
            error.detail("The request could not be read: its path, query or headers are malformed.")
        }
        StatusCode::REQUEST_TIMEOUT => {
            error.detail("The request did not arrive in time. Send it again.")
        }
        StatusCode::SERVICE_UNAVAILABLE => error.detail(
            "The server could not answer in time. Send the request again; a request with the same Idempotency-Key is stored only once.",
        ),
        _ => error,
    }
}

/// 414 and 431 as problems, before anything else reads the request.
pub async fn head_limits(request: Request, next: Next) -> Response {
    let uri = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    if uri > MAX_URI_BYTES {
        return ApiError::new(StatusCode::URI_TOO_LONG, "uri-too-long", "URI too long")
            .detail("The address is longer than 8 KiB.")
            .into_response();
    }
    let headers: usize = request
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum();
    if headers > MAX_HEADER_BYTES {
        return ApiError::new(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "header-fields-too-large",
            "Request header fields too large",
        )
        .detail("The headers are larger than 16 KiB.")
        .into_response();
    }
    next.run(request).await
}

/// Gives the request's body one deadline for all of it.
pub async fn body_deadline(
    State(limit): State<Duration>,
    request: Request,
    next: Next,
) -> Response {
    let request = request.map(|body| {
        Body::new(DeadlineBody {
            deadline: Box::pin(tokio::time::sleep_until(Instant::now() + limit)),
            inner: body,
        })
    });
    next.run(request).await
}

/// The body did not arrive before its deadline.
#[derive(Debug)]
pub struct BodyDeadlineExceeded;

impl std::fmt::Display for BodyDeadlineExceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the request body did not arrive in time")
    }
}

impl std::error::Error for BodyDeadlineExceeded {}

struct DeadlineBody {
    deadline: Pin<Box<Sleep>>,
    inner: Body,
}

impl HttpBody for DeadlineBody {
    type Data = Bytes;
    type Error = axum::BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        if let Poll::Ready(frame) = Pin::new(&mut self.inner).poll_frame(cx) {
            return Poll::Ready(frame.map(|f| f.map_err(Into::into)));
        }
        match self.deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Some(Err(Box::new(BodyDeadlineExceeded)))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}
