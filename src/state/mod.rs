//! Application state: signals and the intents that change them. Components read
//! state and call intents; they do not change data themselves.

mod catalogue;
mod episodes;
mod event_form;
mod free_times_desk;
mod loadable;
mod navigator_desk;
mod outbox;
mod referral_form;
mod session;
pub mod sign_in_flow;

pub use catalogue::{Catalogue, CatalogueData, provider_label, service_title};
pub use episodes::{EpisodeStore, Notice};
pub use event_form::EventFormState;
pub use free_times_desk::{
    ChangeDraft, FreeTimesDesk, PublishDraft, TimeField, TimeOutcome, time_problem,
};
pub use loadable::{Fetched, Loadable, Ticket, begin, fetch};
pub use navigator_desk::{
    MAX_NOTE_CHARS, MoveDraft, MoveField, MoveNotice, MoveOutcome, NavigatorDesk, QueueFilters,
    error_links, field_error, move_notice, next_statuses,
};
pub use outbox::{OutboxStore, new_key};
pub use referral_form::{ReferralForm, label};
pub use session::{Callback, Patient, Session, SignIn, SignInProblem, access_token, take_callback};

/// The patient's home region: the one they chose (saved in this browser), else
/// the embedding portal's.
pub fn home_region() -> Option<vardkoll_domain::regions::RegionCode> {
    crate::platform::storage::load_home_region().or_else(crate::platform::host::home_region)
}

/// Runs `create` outside the current reactive owner, so the signals it makes live
/// as long as the page instead of being disposed with the view that happened to
/// ask first (for state shared by several pages).
fn for_page_lifetime<T>(create: impl FnOnce() -> T) -> T {
    let current = leptos::prelude::Owner::current();
    if let Some(owner) = current.clone() {
        owner.unset();
    }
    let value = create();
    if let Some(owner) = current {
        owner.set();
    }
    value
}
