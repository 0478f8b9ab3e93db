//! Every error the API returns, as `application/problem+json` (RFC 9457), and
//! the JSON body extractor that turns malformed input into such problems.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use vardkoll_domain::api::problem::PROBLEM_JSON;
use vardkoll_domain::api::{FieldProblem, Problem, ProblemCode};

/// An error response, with any headers it needs (`WWW-Authenticate`, …).
#[derive(Debug)]
pub struct ApiError(pub Box<Problem>, pub Vec<(HeaderName, String)>);

impl ApiError {
    pub fn new(status: StatusCode, slug: &str, title: &str) -> ApiError {
        ApiError(
            Box::new(Problem::new(status.as_u16(), slug, title)),
            Vec::new(),
        )
    }

    pub fn with_header(mut self, name: HeaderName, value: impl Into<String>) -> ApiError {
        self.1.push((name, value.into()));
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> ApiError {
        self.0 = Box::new((*self.0).with_detail(detail));
        self
    }

    pub fn validation(errors: Vec<FieldProblem>) -> ApiError {
        ApiError(
            Box::new(
                Problem::new(422, "validation", "The request has invalid fields")
                    .with_errors(errors),
            ),
            Vec::new(),
        )
    }

    /// 401 with the `WWW-Authenticate` challenge of a bearer token for `realm`;
    /// `error` is RFC 6750's code when a token was sent (`invalid_token`).
    pub fn unauthorized(realm: &str, slug: &str, title: &str, error: Option<&str>) -> ApiError {
        let challenge = match error {
            Some(error) => format!(r#"Bearer realm="{realm}", error="{error}""#),
            None => format!(r#"Bearer realm="{realm}""#),
        };
        ApiError::new(StatusCode::UNAUTHORIZED, slug, title)
            .with_header(header::WWW_AUTHENTICATE, challenge)
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
        for (name, value) in self.1 {
            if let Ok(value) = HeaderValue::from_str(&value) {
                response.headers_mut().insert(name, value);
            }
        }
        response
    }
}

/// `Json<T>` whose rejections are problem documents: 415 for a wrong content
/// type, 413 for a body over the limit, 408 for a body that did not arrive in
/// time, 400 for a body that is not JSON, and 422 naming the field for JSON of
/// the wrong shape (unknown, missing or mistyped fields, an array for an
/// object). Whether the body is JSON at all is decided by parsing it as such,
/// not by serde's guess (which calls `true` where an enum belongs a syntax error).
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let ApiJsonBytes(bytes) = ApiJsonBytes::from_request(request, state).await?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// The body of a JSON request, not yet parsed: the checks of [`ApiJson`]
/// before parsing (media type, size, time).
struct ApiJsonBytes(Bytes);

impl<S> FromRequest<S> for ApiJsonBytes
where
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(request.headers()) {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported media type",
            )
            .detail("Send the body as application/json."));
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::new(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "payload-too-large",
                        "Payload too large",
                    )
                    .detail("The body is larger than the server accepts.")
                } else {
                    ApiError::new(
                        StatusCode::REQUEST_TIMEOUT,
                        "request-timeout",
                        "Request timeout",
                    )
                    .detail("The body did not arrive in time. Send the request again.")
                }
            })?;
        Ok(ApiJsonBytes(bytes))
    }
}

fn is_json(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .is_some_and(|essence| {
            essence == "application/json"
                || (essence.starts_with("application/") && essence.ends_with("+json"))
        })
}

/// The body as `T`, or the problem with it.
pub fn parse_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let parsed = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|e| (e.path().to_string(), e.into_inner()))
        .and_then(|value| {
            deserializer
                .end()
                .map(|()| value)
                .map_err(|e| (String::new(), e))
        });
    parsed.map_err(|(path, error)| {
        if serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_err() {
            return ApiError::new(StatusCode::BAD_REQUEST, "malformed-json", "Malformed JSON")
                .detail("The body is not valid JSON.");
        }
        let message = error.to_string();
        let (field, detail) = field_of(&path, &message);
        ApiError::validation(vec![FieldProblem {
            field,
            code: ProblemCode::Shape,
            detail,
        }])
    })
}

/// The field of a shape error as a path (`interpreter/needed`,
/// `preferredProviders/1`; empty for the whole body), and what is wrong. An
/// unknown or missing field is named by serde's message, below the path.
fn field_of(path: &str, message: &str) -> (String, String) {
    let mut field: Vec<String> = path
        .split('.')
        .filter(|p| !p.is_empty() && *p != "?")
        .map(|p| p.replace('[', "/").replace(']', ""))
        .collect();
    if let Some(named) = message
        .split('`')
        .nth(1)
        .filter(|_| message.contains("field `"))
        && field.last().map(String::as_str) != Some(named)
    {
        field.push(named.to_owned());
    }
    let detail = message.split(" at line ").next().unwrap_or(message);
    (field.join("/"), detail.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        status: Status,
        inner: Option<Inner>,
        list: Option<Vec<String>>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Status {
        Open,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        needed: bool,
    }

    fn problem(json: &str) -> (u16, String) {
        let error = parse_json::<Body>(json.as_bytes()).unwrap_err().0;
        let field = error
            .errors
            .first()
            .map(|e| e.field.clone())
            .unwrap_or_default();
        (error.status, field)
    }

    #[test]
    fn json_of_the_wrong_shape_names_its_field() {
        assert_eq!(problem(r#"{"status":true}"#), (422, "status".into()));
        assert_eq!(
            problem(r#"{"status":"open","inner":{"needed":"x"}}"#),
            (422, "inner/needed".into())
        );
        assert_eq!(
            problem(r#"{"status":"open","list":["a",3]}"#),
            (422, "list/1".into())
        );
        assert_eq!(
            problem(r#"{"status":"open","extra":1}"#),
            (422, "extra".into())
        );
        assert_eq!(problem(r#"{}"#), (422, "status".into()));
        assert_eq!(problem("[]").0, 422);
    }

    #[test]
    fn text_that_is_not_json_is_400() {
        assert_eq!(problem("{").0, 400);
        assert_eq!(problem(r#"{"status":"open"} trailing"#).0, 400);
        assert_eq!(problem("").0, 400);
    }
}
