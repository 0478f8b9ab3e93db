//! One module per route. Each page has a top (heading and lead) that the app
//! shell draws at once, and the rest, which is a split point of the WebAssembly
//! module (see [`crate::platform::split`]): its code loads when the page is
//! first opened.

mod free_times;
pub mod guarantees;
mod navigator;
mod not_found;
pub(crate) mod referral;
mod requests;
mod wait_times;

pub use free_times::{FreeTimesPage, FreeTimesTop};
pub use guarantees::{GuaranteesPage, GuaranteesTop};
pub use navigator::{NavigatorPage, NavigatorTop};
pub use not_found::NotFoundPage;
pub use referral::{ReferralPage, ReferralTop};
pub use requests::{RequestsPage, RequestsTop};
pub use wait_times::{WaitTimesPage, WaitTimesTop};

use leptos::prelude::*;

use crate::components::Draw;
use crate::split_point;
use crate::state::{EpisodeStore, OutboxStore, ReferralForm};

split_point! {
    /// "Mina vårdgarantier" below its top.
    pub fn guarantees_page() -> Draw, split page_guarantees {
        || {
            EpisodeStore::provide_shared();
            view! { <GuaranteesPage /> }.into_any()
        }
    }
}

split_point! {
    /// "Väntetider" below its top.
    pub fn wait_times_page() -> Draw, split page_wait_times {
        || {
            view! { <WaitTimesPage /> }.into_any()
        }
    }
}

split_point! {
    /// "Begär vård hos en annan vårdgivare" below its top.
    pub fn referral_page() -> Draw, split page_referral {
        || {
            OutboxStore::provide();
            ReferralForm::provide();
            view! { <ReferralPage /> }.into_any()
        }
    }
}

split_point! {
    /// "Mina förfrågningar" below its top.
    pub fn requests_page() -> Draw, split page_requests {
        || {
            OutboxStore::provide();
            // A request the server turned down is corrected in the form.
            ReferralForm::provide();
            view! { <RequestsPage /> }.into_any()
        }
    }
}

split_point! {
    /// "Vårdlotsen" below its top: the region's staff only.
    pub fn navigator_page() -> Draw, split page_navigator {
        || {
            view! { <NavigatorPage /> }.into_any()
        }
    }
}

split_point! {
    /// "Lediga tider" below its top: providers' schedulers only.
    pub fn free_times_page() -> Draw, split page_free_times {
        || {
            view! { <FreeTimesPage /> }.into_any()
        }
    }
}

split_point! {
    /// Starts sending what waits in the outbox, whichever page is open; the
    /// sending goes on for the page's life.
    pub fn send_waiting_requests() -> (), split outbox_sending {
        OutboxStore::shared();
    }
}
