//! Regions, services and providers.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use vardkoll_domain::api::{FieldProblem, ProblemCode};

use crate::problem::ApiError;
use crate::state::AppState;

fn cacheable(body: impl serde::Serialize) -> Response {
    let mut response = Json(body).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    response
}

pub async fn regions(State(state): State<AppState>) -> Response {
    cacheable(&state.snapshot().data.regions)
}

pub async fn services(State(state): State<AppState>) -> Response {
    cacheable(&state.snapshot().data.services)
}

pub async fn providers(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let snapshot = state.snapshot();
    if let Some(unknown) = query.keys().find(|key| *key != "region") {
        return Err(ApiError::validation(vec![FieldProblem {
            field: unknown.clone(),
            code: ProblemCode::Unknown,
            detail: "unknown query parameter".into(),
        }]));
    }
    let region = query.get("region");
    if region.is_some_and(|r| !snapshot.has_region(r)) {
        return Err(ApiError::validation(vec![FieldProblem {
            field: "region".into(),
            code: ProblemCode::Unknown,
            detail: "no region with that county code".into(),
        }]));
    }
    let providers: Vec<_> = snapshot
        .data
        .providers
        .iter()
        .filter(|p| region.is_none_or(|r| &p.region_code == r))
        .collect();
    Ok(cacheable(providers))
}
