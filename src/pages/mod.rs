//! One module per route.

pub mod guarantees;
mod not_found;
mod wait_times;

pub use guarantees::GuaranteesPage;
pub use not_found::NotFoundPage;
pub use wait_times::WaitTimesPage;
