//! The texts of "Vårdlotsen", the region's care navigators' page: Swedish and
//! English (the region's staff work in either). Arabic readers get English.

use vardkoll_domain::api::{DeclineReason, PathKind, PatientAnswer, ProblemCode};

use crate::state::MoveField;

use super::Lang;

pub struct NavigatorTexts {
    /// The language these texts are in.
    pub lang: Lang,
    pub sign_in_needed: &'static str,
    pub sign_in_unavailable: &'static str,
    pub not_staff: &'static str,
    pub load_error: &'static str,
    pub queue_heading: &'static str,
    pub filters_legend: &'static str,
    pub status_filter: &'static str,
    pub all_statuses: &'static str,
    pub service_filter: &'static str,
    pub all_services: &'static str,
    pub older_than: &'static str,
    pub overdue_only: &'static str,
    pub show: &'static str,
    pub count: fn(usize) -> String,
    pub empty: &'static str,
    pub col_reference: &'static str,
    pub col_care: &'static str,
    pub col_received: &'static str,
    pub col_deadline: &'static str,
    pub col_path: &'static str,
    pub col_status: &'static str,
    pub overdue: &'static str,
    pub open: fn(&str) -> String,
    pub detail_heading: fn(&str) -> String,
    pub close: &'static str,
    pub identity: &'static str,
    pub name: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub home_region: &'static str,
    pub current_referral: &'static str,
    pub providers: &'static str,
    pub can_travel: &'static str,
    pub interpreter: &'static str,
    pub message: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub none: &'static str,
    pub history: &'static str,
    pub by: fn(&str) -> String,
    pub move_legend: &'static str,
    pub closed: &'static str,
    pub offer_provider: &'static str,
    pub offer_date: &'static str,
    pub offer_time: &'static str,
    pub note: &'static str,
    pub reason: &'static str,
    pub choose: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub stale: &'static str,
    pub invalid_move: &'static str,
    pub check_fields: &'static str,
    /// The heading of the move form's list of fields to correct.
    pub error_summary: &'static str,
    /// The server turned the move down for a reason no field shows: its words.
    pub not_accepted: fn(&str) -> String,
    /// The message beside a field of the move form with a problem.
    pub field_error: fn(MoveField, ProblemCode) -> &'static str,
    pub save_failed: &'static str,
    pub path: fn(PathKind) -> &'static str,
    pub decline_reason: fn(DeclineReason) -> &'static str,
    /// The free time chosen was offered to another request first.
    pub time_taken: &'static str,
    /// National care mediation: free times that suit the request open.
    pub suggestions_heading: &'static str,
    pub suggestions_hint: &'static str,
    pub suggestions_none: &'static str,
    pub col_provider: &'static str,
    pub col_when: &'static str,
    pub col_distance: &'static str,
    pub distance: fn(u32) -> String,
    pub first_choice: &'static str,
    pub before_deadline: &'static str,
    pub after_deadline: &'static str,
    pub offer_button: &'static str,
    /// The accessible name of a suggestion's button: the provider and when.
    pub offer_this: fn(&str) -> String,
    /// The queue's column and mark for a free time before the deadline.
    pub col_free_time: &'static str,
    pub free_time_mark: &'static str,
    /// The patient's answer, and an offer's window closing, in the history.
    pub patient_answer: fn(PatientAnswer) -> &'static str,
    pub expired: &'static str,
}

impl NavigatorTexts {
    /// The language to mark the page's content with when these texts are not
    /// in the language of the rest of the app (`app`): English on an Arabic
    /// page, then laid out left to right, as English reads. `None` when they
    /// are in the app's language.
    pub fn lang_apart_from(&self, app: Lang) -> Option<Lang> {
        (self.lang != app).then_some(self.lang)
    }
}
