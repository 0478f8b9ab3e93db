//! The HTTP API: routes, and the layers every response passes through.

mod answers;
mod catalog;
mod claim;
mod referrals;
mod regional;
mod staff;
mod statistics;

use std::time::Instant;

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post, put};
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

use crate::edge;
use crate::problem::ApiError;
use crate::rate_limit::RateLimiter;
use crate::state::AppState;

pub const IDEMPOTENCY_KEY: &str = "idempotency-key";
pub const IDEMPOTENT_REPLAYED: &str = "idempotent-replayed";

pub fn router(state: AppState) -> Router {
    let limiter = RateLimiter::new(
        state.config.rate_per_second,
        state.config.rate_burst,
        state.config.trusted_proxies.clone(),
    );
    let limits = state.config.limits;
    let api = Router::new()
        .route(
            "/health",
            get(|| async { axum::Json(serde_json::json!({ "status": "ok" })) }),
        )
        .route("/regions", get(catalog::regions))
        .route("/services", get(catalog::services))
        .route("/providers", get(catalog::providers))
        .route("/statistics", get(statistics::statistics))
        .route("/regional-figures", get(regional::regional_figures))
        .route("/referrals", post(referrals::create))
        .route("/referrals/{reference}", get(referrals::read))
        .route("/referrals/{reference}/answer", post(answers::answer))
        .route("/me/referrals", get(referrals::mine).post(claim::claim))
        .route("/staff/referrals", get(staff::queue))
        .route("/staff/referrals/{reference}", get(staff::open))
        .route(
            "/staff/referrals/{reference}/status",
            post(staff::move_referral),
        )
        .route(
            "/staff/referrals/{reference}/suggestions",
            get(staff::suggestions),
        )
        .route(
            "/staff/free-times",
            get(staff::free_times).post(staff::publish_free_times),
        )
        .route(
            "/staff/free-times/{id}",
            put(staff::change_free_time).delete(staff::withdraw_free_time),
        )
        .route("/audit", get(staff::audit))
        .fallback(|| async { ApiError::not_found() })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method-not-allowed",
                "Method not allowed",
            )
        });
    // Layers run from the last added (outermost) to the first.
    let mut router = Router::new()
        .nest(vardkoll_domain::api::API_PREFIX, api)
        .fallback(|| async { ApiError::not_found() })
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        .layer(middleware::from_fn_with_state(
            limits.body_read,
            edge::body_deadline,
        ))
        .layer(middleware::from_fn_with_state(
            limiter,
            crate::rate_limit::limit,
        ))
        .layer(middleware::from_fn(edge::head_limits))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            limits.request,
        ))
        .layer(middleware::from_fn(access_log))
        .layer(middleware::from_fn(edge::problems));
    for (name, value) in [
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("x-frame-options", "DENY"),
        (
            "content-security-policy",
            "default-src 'none'; frame-ancestors 'none'",
        ),
        ("cross-origin-resource-policy", "same-site"),
    ] {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        ));
    }
    let origins: Vec<HeaderValue> = state
        .config
        .cors_origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    if !origins.is_empty() {
        router = router.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
                .allow_headers([
                    header::CONTENT_TYPE,
                    header::AUTHORIZATION,
                    HeaderName::from_static(IDEMPOTENCY_KEY),
                ])
                .expose_headers([
                    header::ETAG,
                    header::RETRY_AFTER,
                    header::LOCATION,
                    HeaderName::from_static(IDEMPOTENT_REPLAYED),
                ]),
        );
    }
    // Outermost: JSON answers gzip or br as the client accepts (small ones as they are).
    router.layer(CompressionLayer::new()).with_state(state)
}

/// One structured log line per request: method, route pattern (never the
/// concrete path, which may hold a reference), status and duration. No bodies,
/// no query strings, no headers.
async fn access_log(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |path| path.as_str().to_owned());
    let response = next.run(request).await;
    tracing::info!(
        method = %method,
        route = %route,
        status = response.status().as_u16(),
        micros = started.elapsed().as_micros() as u64,
        "request"
    );
    response
}
