//! Requesting care elsewhere (vårdförmedling), on the patient's side: which path
//! applies, the form as typed, the outbox that never loses or doubles a request,
//! and when to retry. The request's wire types and checks are in [`crate::api`].
//!
//! - [`path`]: the region arranges care (deadline missed) or free choice.
//! - [`draft`]: the form's fields and the request they make.
//! - [`outbox`]: requests waiting to be sent, and those the server acknowledged.
//! - [`backoff`]: exponential backoff with jitter and `Retry-After`.
//! - [`booked`]: a time booked through a request, added to the episode it came from.

pub mod backoff;
pub mod booked;
pub mod draft;
pub mod outbox;
pub mod path;

pub use backoff::{BackoffOptions, parse_retry_after};
pub use booked::{EpisodeLink, booked_event, booked_offer};
pub use draft::ReferralDraft;
pub use outbox::{
    AnswerFailure, AnswerRefusal, Failure, Outbox, Pending, PendingAnswer, RequestLabel, Sent,
};
pub use path::{CarePath, care_path, current_referral_date};
