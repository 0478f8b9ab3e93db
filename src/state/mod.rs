//! Application state: signals and the intents that change them. Components read
//! state and call intents; they do not change data themselves.

mod episodes;
mod event_form;
mod loadable;
mod outbox;
mod referral_form;

pub use episodes::{EpisodeStore, Notice};
pub use event_form::EventFormState;
pub use loadable::{Fetched, Loadable, Ticket};
pub use outbox::{OutboxStore, new_key};
pub use referral_form::{ReferralForm, label};
