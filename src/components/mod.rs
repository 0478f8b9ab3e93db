//! Small, reusable view pieces. They render what they are given and report
//! intents through callbacks.

mod after_paint;
mod confirm;
mod error_summary;
mod field;
mod lazy_view;
mod page_heading;
mod status_badge;
mod when_near;

pub use after_paint::{AfterPaint, painted_flag};
pub use confirm::ConfirmButton;
pub use error_summary::ErrorSummary;
pub use field::{Field, described_by};
pub use lazy_view::{Draw, LazyView, ViewLoad};
pub use page_heading::PageHeading;
pub use status_badge::StatusBadge;
pub use when_near::WhenNear;
