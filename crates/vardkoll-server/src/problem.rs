//! Every error the API returns, as `application/problem+json` (RFC 9457), and
//! the JSON body extractor that turns malformed input into such problems.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use vardkoll_domain::api::problem::PROBLEM_JSON;
use vardkoll_domain::api::{FieldProblem, Problem, ProblemCode};

/// An error response.
#[derive(Debug)]
pub struct ApiError(pub Problem);

impl ApiError {
    pub fn new(status: StatusCode, slug: &str, title: &str) -> ApiError {
        ApiError(Problem::new(status.as_u16(), slug, title))
    }

    pub fn detail(mut self, detail: impl Into<String>) -> ApiError {
        self.0 = self.0.with_detail(detail);
        self
    }

    pub fn validation(errors: Vec<FieldProblem>) -> ApiError {
        ApiError(
            Problem::new(422, "validation", "The request has invalid fields").with_errors(errors),
        )
    }

    pub fn not_found() -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not-found", "Not found")
    }

    pub fn internal() -> ApiError {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Internal error",
        )
        .detail("The server could not complete the request; nothing was stored. Try again.")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self.0).unwrap_or_default();
        let mut response = (status, body).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        response
    }
}

/// `Json<T>` whose rejections are problem documents: 415 for a wrong content
/// type, 413 for a body over the limit, 400 for malformed JSON, 422 for JSON of
/// the wrong shape (unknown, missing or mistyped fields).
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    axum::Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(match rejection {
                JsonRejection::MissingJsonContentType(_) => ApiError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "unsupported-media-type",
                    "Unsupported media type",
                )
                .detail("Send the body as application/json."),
                JsonRejection::JsonSyntaxError(_) => {
                    ApiError::new(StatusCode::BAD_REQUEST, "malformed-json", "Malformed JSON")
                        .detail("The body is not valid JSON.")
                }
                JsonRejection::JsonDataError(error) => ApiError::validation(vec![FieldProblem {
                    field: field_of(&error.body_text()),
                    code: ProblemCode::Shape,
                    detail: error.body_text(),
                }]),
                JsonRejection::BytesRejection(_) => ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "payload-too-large",
                    "Payload too large",
                )
                .detail("The body is larger than the server accepts."),
                _ => ApiError::new(StatusCode::BAD_REQUEST, "bad-request", "Bad request"),
            }),
        }
    }
}

/// The field a serde error names, if any ("unknown field `x`", "missing field `y`").
fn field_of(message: &str) -> String {
    message
        .split('`')
        .nth(1)
        .filter(|_| message.contains("field `"))
        .unwrap_or("")
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_field_names_are_extracted() {
        assert_eq!(
            field_of(
                "Failed to deserialize the JSON body into the target type: unknown field `extra`, expected one of `a`"
            ),
            "extra"
        );
        assert_eq!(field_of("missing field `name` at line 1 column 2"), "name");
        assert_eq!(
            field_of("invalid type: string \"x\", expected a boolean"),
            ""
        );
    }
}
