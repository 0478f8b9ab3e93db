//! When to try sending again: exponential backoff with jitter, never sooner than
//! the server's `Retry-After`.

/// How retries are spaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BackoffOptions {
    /// The wait after the first failure, before jitter.
    pub base_ms: u64,
    /// The longest wait, before jitter.
    pub cap_ms: u64,
}

impl Default for BackoffOptions {
    fn default() -> Self {
        BackoffOptions {
            base_ms: 1_000,
            cap_ms: 60_000,
        }
    }
}

impl BackoffOptions {
    /// The wait after `failures` failures in a row (1 or more). `jitter` in
    /// `[0, 1)` spreads the wait over its upper half, so many clients that failed
    /// together do not return together. `retry_after_ms` is a lower bound.
    pub fn delay_ms(&self, failures: u32, jitter: f64, retry_after_ms: Option<u64>) -> u64 {
        let exponent = failures.saturating_sub(1).min(20);
        let full = self.base_ms.saturating_mul(1 << exponent).min(self.cap_ms);
        let jitter = if jitter.is_finite() {
            jitter.clamp(0.0, 1.0)
        } else {
            0.0
        };
        // Lossless enough: both values are at most `cap_ms`.
        let spread = (full as f64 * (0.5 + 0.5 * jitter)) as u64;
        spread.max(retry_after_ms.unwrap_or(0))
    }
}

/// The seconds of a `Retry-After` header (delay-seconds form), as milliseconds.
/// Absurd values are capped at an hour.
pub fn parse_retry_after(header: &str) -> Option<u64> {
    let seconds: u64 = header.trim().parse().ok()?;
    Some(seconds.min(3_600) * 1_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_the_cap() {
        let options = BackoffOptions::default();
        let full: Vec<u64> = (1..=9).map(|n| options.delay_ms(n, 1.0, None)).collect();
        assert_eq!(
            full,
            [
                1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000
            ]
        );
        assert_eq!(options.delay_ms(u32::MAX, 1.0, None), 60_000);
    }

    #[test]
    fn jitter_spreads_over_the_upper_half() {
        let options = BackoffOptions::default();
        assert_eq!(options.delay_ms(3, 0.0, None), 2_000);
        assert_eq!(options.delay_ms(3, 0.5, None), 3_000);
        assert_eq!(options.delay_ms(3, f64::NAN, None), 2_000);
        assert_eq!(options.delay_ms(3, 7.0, None), 4_000);
    }

    #[test]
    fn retry_after_is_a_lower_bound() {
        let options = BackoffOptions::default();
        assert_eq!(options.delay_ms(1, 0.0, Some(30_000)), 30_000);
        assert_eq!(options.delay_ms(7, 1.0, Some(1_000)), 60_000);
        assert_eq!(parse_retry_after(" 3 "), Some(3_000));
        assert_eq!(parse_retry_after("999999"), Some(3_600_000));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT"), None);
        assert_eq!(parse_retry_after("-1"), None);
    }
}
