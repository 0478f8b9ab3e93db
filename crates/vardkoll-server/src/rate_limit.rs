//! Rate limiting per client address ([`crate::client_addr`]: the peer, or the
//! client a trusted proxy names): a token bucket each, answering 429 with
//! Retry-After when it is empty.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::problem::ApiError;

struct Bucket {
    tokens: f64,
    at: Instant,
}

#[derive(Clone)]
pub struct RateLimiter {
    per_second: f64,
    burst: f64,
    trusted_proxies: Arc<Vec<ipnet::IpNet>>,
    buckets: Arc<Mutex<HashMap<IpAddr, Bucket>>>,
}

impl RateLimiter {
    pub fn new(per_second: f64, burst: f64, trusted_proxies: Vec<ipnet::IpNet>) -> RateLimiter {
        RateLimiter {
            per_second: per_second.max(0.001),
            burst: burst.max(1.0),
            trusted_proxies: Arc::new(trusted_proxies),
            buckets: Arc::default(),
        }
    }

    /// Takes a token for `client`; `Err(seconds)` to wait when there is none.
    pub fn take(&self, client: IpAddr, now: Instant) -> Result<(), u64> {
        let Ok(mut buckets) = self.buckets.lock() else {
            return Ok(());
        };
        if buckets.len() > 100_000 {
            let (rate, burst) = (self.per_second, self.burst);
            buckets.retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * rate < burst);
        }
        let bucket = buckets.entry(client).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        bucket.tokens = (bucket.tokens
            + now.duration_since(bucket.at).as_secs_f64() * self.per_second)
            .min(self.burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - bucket.tokens) / self.per_second).ceil().max(1.0) as u64)
        }
    }
}

pub async fn limit(State(limiter): State<RateLimiter>, request: Request, next: Next) -> Response {
    let client = crate::serve::peer(&request).map(|peer: SocketAddr| {
        crate::client_addr::client_address(peer, request.headers(), &limiter.trusted_proxies)
    });
    if let Some(client) = client
        && let Err(wait) = limiter.take(client, Instant::now())
    {
        let mut response = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate-limited",
            "Too many requests",
        )
        .detail("Wait a moment and try again.")
        .into_response();
        if let Ok(value) = HeaderValue::from_str(&wait.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return response;
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_bucket_allows_its_burst_then_refills_at_the_rate() {
        let limiter = RateLimiter::new(2.0, 3.0, Vec::new());
        let client = IpAddr::from([127, 0, 0, 1]);
        let start = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.take(client, start), Ok(()));
        }
        assert_eq!(limiter.take(client, start), Err(1));
        assert_eq!(
            limiter.take(client, start + Duration::from_millis(500)),
            Ok(())
        );
        let other = IpAddr::from([10, 0, 0, 1]);
        assert_eq!(limiter.take(other, start), Ok(()));
    }
}
