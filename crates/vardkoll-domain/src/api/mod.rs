//! The public HTTP JSON API's types (`/api/v1`), shared by the app's client and
//! the reference server so the two cannot drift. The OpenAPI document
//! (`crates/vardkoll-server/openapi.yaml`) describes the same shapes; a server
//! test checks every response against it.
//!
//! Field names are camelCase on the wire.

mod answer;
mod catalog;
mod free_time;
pub mod problem;
mod referral;
mod regional;
mod source;
mod staff;
mod staff_wire;
mod statistics;

pub use answer::{AnswerBody, DeclineReason, Offer, PatientAnswer};
pub use catalog::{GuaranteeKind, Provider, Region, Service, ServiceCategory};
pub use free_time::{
    FreeTime, FreeTimeChange, FreeTimeState, MAX_SERIES_WEEKS, MAX_TIME_MINUTES, MIN_TIME_MINUTES,
    NewFreeTimes, Schedule, Slot,
};
pub use problem::{FieldProblem, Problem};
pub use referral::{
    CurrentReferral, DeadlineState, GuaranteeDeadline, Interpreter, MAX_MESSAGE_CHARS,
    MAX_PREFERRED_PROVIDERS, MAX_TRAVEL_KM, NewReferral, ProblemCode, ReferralCreated,
    ReferralStatus, ReferralView, StatusChange, TRAVEL_CHOICES_KM, ValidReferral,
};
pub use regional::{KOLADA_KPIS, Kpi, KpiMeasure, RegionalFigure, RegionalFiguresPage, newest_for};
pub use source::{
    KNOWN_SOURCES, KOLADA, KnownSource, SAMPLE, Source, VANTETIDER, described, distinct,
    out_of_date,
};
pub use staff::{
    MAX_NOTE_CHARS, PathKind, RequestPath, StaffChange, StaffMove, StaffQueueItem, StaffReferral,
};
pub use statistics::{FreeCapacity, Period, StatisticsPage, WaitBand, WaitStatistic};

/// The path prefix of every endpoint.
pub const API_PREFIX: &str = "/api/v1";
