//! One module per route.

mod chunk_page;
pub mod guarantees;
mod not_found;
pub(crate) mod referral;
mod requests;
mod wait_times;

pub use chunk_page::ChunkPage;
pub use guarantees::GuaranteesPage;
pub use not_found::NotFoundPage;
pub use referral::{ReferralIntro, ReferralPage};
pub use requests::{RequestsIntro, RequestsPage};
pub use wait_times::{WaitTimesIntro, WaitTimesPage};
