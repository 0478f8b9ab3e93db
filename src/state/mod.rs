//! Application state: signals and the intents that change them. Components read
//! state and call intents; they do not change data themselves.

mod episodes;
mod event_form;
mod loadable;

pub use episodes::{EpisodeStore, Notice};
pub use event_form::EventFormState;
pub use loadable::{Fetched, Loadable, Ticket};
