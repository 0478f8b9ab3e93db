//! One module per route.

pub mod guarantees;
mod not_found;

pub use guarantees::GuaranteesPage;
pub use not_found::NotFoundPage;
