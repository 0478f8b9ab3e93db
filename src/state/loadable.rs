//! Data fetched from the API, with what is shown while it loads or fails.
//!
//! The rule it keeps: good data is never replaced by an error or by an older
//! answer. A failed reload keeps the last good data on screen, with when it was
//! fetched, beside the error.

use leptos::prelude::*;

use crate::platform::api::ApiError;
use crate::platform::clock::swedish_stamp;

/// A value and when it was fetched (shown to the patient, e.g. "14:03").
#[derive(Clone, Debug, PartialEq)]
pub struct Fetched<T> {
    pub value: T,
    pub fetched_at: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Loadable<T> {
    pub data: Option<Fetched<T>>,
    pub loading: bool,
    pub error: Option<ApiError>,
    /// Counts requests, so a late answer to an older request is dropped.
    request: u32,
}

impl<T> Default for Loadable<T> {
    fn default() -> Self {
        Loadable {
            data: None,
            loading: false,
            error: None,
            request: 0,
        }
    }
}

/// Which request an answer belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ticket(u32);

impl<T> Loadable<T> {
    /// Starts a request; only the answer to the newest ticket is kept.
    pub fn begin(&mut self) -> Ticket {
        self.request = self.request.wrapping_add(1);
        self.loading = true;
        Ticket(self.request)
    }

    /// Shows `value` at once (e.g. from a cache), ending any request in flight.
    pub fn show(&mut self, value: T, fetched_at: String) {
        self.begin();
        self.data = Some(Fetched { value, fetched_at });
        self.loading = false;
        self.error = None;
    }

    /// Takes an answer. An error keeps the data already there. Returns whether
    /// the answer was current (not overtaken by a newer request).
    pub fn finish(
        &mut self,
        ticket: Ticket,
        result: Result<T, ApiError>,
        fetched_at: String,
    ) -> bool {
        if ticket != Ticket(self.request) {
            return false;
        }
        self.loading = false;
        match result {
            Ok(value) => {
                self.data = Some(Fetched { value, fetched_at });
                self.error = None;
            }
            Err(error) => self.error = Some(error),
        }
        true
    }

    pub fn value(&self) -> Option<&T> {
        self.data.as_ref().map(|d| &d.value)
    }

    /// Takes an answer to a request for something else than the data shown
    /// (another service): an error then drops that data too, since showing it
    /// beside the error would pass it off as what was asked for. `is_wanted`
    /// tells whether the data shown is what the request was for.
    pub fn finish_wanted(
        &mut self,
        ticket: Ticket,
        result: Result<T, ApiError>,
        fetched_at: String,
        is_wanted: impl FnOnce(&T) -> bool,
    ) -> bool {
        let current = self.finish(ticket, result, fetched_at);
        if current && self.error.is_some() && self.value().is_some_and(|v| !is_wanted(v)) {
            self.data = None;
        }
        current
    }
}

/// Fetches into `signal`: only the answer to the newest request is kept, and
/// good data is never replaced by an error (see [`Loadable`]).
pub fn fetch<T: Send + Sync + 'static>(
    signal: RwSignal<Loadable<T>>,
    request: impl std::future::Future<Output = Result<T, ApiError>> + 'static,
) {
    let Some(ticket) = begin(signal) else {
        return;
    };
    leptos::task::spawn_local(async move {
        let result = request.await;
        signal.update(|s| {
            s.finish(ticket, result, swedish_stamp());
        });
    });
}

/// Starts a request on `signal`; `None` once the page is gone.
pub fn begin<T: Send + Sync + 'static>(signal: RwSignal<Loadable<T>>) -> Option<Ticket> {
    signal.try_update(Loadable::begin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_keeps_the_last_good_data() {
        let mut state = Loadable::default();
        let first = state.begin();
        assert!(state.loading);
        assert!(state.finish(first, Ok(1), "10:00".into()));
        let second = state.begin();
        assert!(state.finish(second, Err(ApiError::Invalid), "10:05".into()));
        assert_eq!(state.value(), Some(&1));
        assert_eq!(state.data.as_ref().unwrap().fetched_at, "10:00");
        assert_eq!(state.error, Some(ApiError::Invalid));
        assert!(!state.loading);
        let third = state.begin();
        assert!(state.finish(third, Ok(3), "10:10".into()));
        assert_eq!((state.value(), state.error.clone()), (Some(&3), None));
    }

    #[test]
    fn an_error_for_something_else_drops_what_is_shown() {
        let mut state = Loadable::default();
        let first = state.begin();
        state.finish_wanted(first, Ok("hip"), "10:00".into(), |v| *v == "hip");
        // Another service fails: the hip's figures are not the knee's.
        let knee = state.begin();
        assert!(
            state.finish_wanted(knee, Err(ApiError::Network), "10:05".into(), |v| *v
                == "knee")
        );
        assert_eq!(
            (state.value(), state.error.clone()),
            (None, Some(ApiError::Network))
        );
        // The same service failing to reload keeps its figures.
        let hip = state.begin();
        state.finish_wanted(hip, Ok("hip"), "10:10".into(), |v| *v == "hip");
        let again = state.begin();
        state.finish_wanted(again, Err(ApiError::Network), "10:15".into(), |v| {
            *v == "hip"
        });
        assert_eq!(state.value(), Some(&"hip"));
    }

    #[test]
    fn a_late_answer_to_an_older_request_is_dropped() {
        let mut state = Loadable::default();
        let old = state.begin();
        let new = state.begin();
        assert!(state.finish(new, Ok("new"), "t".into()));
        assert!(!state.finish(old, Ok("old"), "t".into()));
        assert_eq!(state.value(), Some(&"new"));
        state.show("cached", "u".into());
        assert!(!state.finish(new, Err(ApiError::Network), "t".into()));
        assert_eq!(
            (state.value(), state.error.clone()),
            (Some(&"cached"), None)
        );
    }
}
