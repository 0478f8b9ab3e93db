//! Regions' own published figures (Kolada), with their source: `GET
//! /regional-figures[?region=CC]`, all of a region (or every region) in one
//! small answer.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use vardkoll_domain::api::{FieldProblem, ProblemCode, RegionalFiguresPage, described};

use crate::problem::ApiError;
use crate::state::AppState;

pub async fn regional_figures(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let snapshot = state.snapshot();
    let mut errors = Vec::new();
    for key in params.keys().filter(|k| k.as_str() != "region") {
        errors.push(FieldProblem {
            field: key.clone(),
            code: ProblemCode::Unknown,
            detail: "unknown query parameter".into(),
        });
    }
    let region = params.get("region");
    if region.is_some_and(|r| r != "00" && !snapshot.has_region(r)) {
        errors.push(FieldProblem {
            field: "region".into(),
            code: ProblemCode::Unknown,
            detail: "no region with that county code (00: the whole country)".into(),
        });
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let figures: Vec<_> = snapshot
        .data
        .regional
        .iter()
        .filter(|f| region.is_none_or(|r| &f.region_code == r))
        .cloned()
        .collect();
    let sources = described(figures.iter().map(|f| f.source.as_str()));
    let mut response = Json(RegionalFiguresPage { figures, sources }).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    Ok(response)
}
