//! Wait-time statistics, served from memory with an ETag.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use vardkoll_domain::api::{FieldProblem, ProblemCode};

use crate::dataset::MONTHS;
use crate::problem::ApiError;
use crate::snapshot::{Coding, Level, StatisticsQuery};
use crate::state::AppState;

fn field(field: &str, code: ProblemCode, detail: &str) -> FieldProblem {
    FieldProblem {
        field: field.into(),
        code,
        detail: detail.into(),
    }
}

/// Whether an `If-None-Match` value names `etag`: the weak comparison (RFC 9110
/// 13.1.2), so `W/"x"` from a cache or a proxy that compressed the answer (as
/// nginx marks them) matches `"x"`; `*` matches anything.
pub fn etag_matches(if_none_match: &str, etag: &str) -> bool {
    let opaque = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    if_none_match
        .split(',')
        .any(|tag| tag.trim() == "*" || opaque(tag) == opaque(etag))
}

pub async fn statistics(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let snapshot = state.snapshot();
    let mut errors = Vec::new();
    for key in params.keys() {
        if !["service", "region", "provider", "level", "months"].contains(&key.as_str()) {
            errors.push(field(key, ProblemCode::Unknown, "unknown query parameter"));
        }
    }
    let service = params.get("service").cloned().unwrap_or_default();
    if service.is_empty() {
        errors.push(field(
            "service",
            ProblemCode::Required,
            "the service code is required",
        ));
    }
    let region = params.get("region").cloned();
    if region.as_ref().is_some_and(|r| !snapshot.has_region(r)) {
        errors.push(field(
            "region",
            ProblemCode::Unknown,
            "no region with that county code",
        ));
    }
    let provider = params.get("provider").cloned();
    let level = match params.get("level").map(String::as_str) {
        None | Some("all") => None,
        Some("provider") => Some(Level::Provider),
        Some("region") => Some(Level::Region),
        Some(_) => {
            errors.push(field(
                "level",
                ProblemCode::Format,
                "one of provider, region, all",
            ));
            None
        }
    };
    let months = match params.get("months").map(|m| m.parse::<usize>()) {
        None => 1,
        Some(Ok(m)) if (1..=MONTHS).contains(&m) => m,
        Some(_) => {
            errors.push(field(
                "months",
                ProblemCode::Range,
                "a whole number from 1 to 24",
            ));
            1
        }
    };
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    if !snapshot.has_service(&service) {
        return Err(ApiError::not_found().detail("No service with that code."));
    }
    if provider.as_ref().is_some_and(|p| !snapshot.has_provider(p)) {
        return Err(ApiError::not_found().detail("No provider with that id."));
    }
    let cached = snapshot.statistics(&StatisticsQuery {
        service,
        region,
        provider,
        level,
        months,
    });
    let etag = HeaderValue::from_str(&cached.etag).map_err(|_| ApiError::internal())?;
    let cache_control = HeaderValue::from_static("public, max-age=300");
    let matches = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| etag_matches(v, &cached.etag));
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        // Compressed once per answer, not per request (the compression layer
        // leaves an answer with a Content-Encoding as it is).
        let coding = headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .and_then(Coding::negotiate);
        let mut response = match coding {
            Some(coding) => {
                let mut response = cached.encoded(coding).into_response();
                response.headers_mut().insert(
                    header::CONTENT_ENCODING,
                    HeaderValue::from_static(coding.name()),
                );
                response
            }
            None => cached.body.clone().into_response(),
        };
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response
    };
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    response.headers_mut().insert(header::ETAG, etag);
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, cache_control);
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::etag_matches;

    #[test]
    fn weak_and_strong_tags_compare_weakly() {
        assert!(etag_matches(r#""abc""#, r#""abc""#));
        assert!(etag_matches(r#"W/"abc""#, r#""abc""#));
        assert!(etag_matches(r#""x", W/"abc""#, r#""abc""#));
        assert!(etag_matches("*", r#""abc""#));
        assert!(!etag_matches(r#"W/"abd""#, r#""abc""#));
        assert!(!etag_matches("", r#""abc""#));
    }
}
