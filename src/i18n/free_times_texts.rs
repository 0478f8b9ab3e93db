//! The texts of "Lediga tider", a provider's schedulers' page: Swedish and
//! English (staff work in either). Arabic readers get English, as on
//! Vårdlotsen.

use vardkoll_domain::api::ProblemCode;

use crate::state::TimeField;

use super::Lang;

pub struct FreeTimesTexts {
    /// The language these texts are in.
    pub lang: Lang,
    pub sign_in_needed: &'static str,
    pub sign_in_unavailable: &'static str,
    /// Signed in without the scheduler's role.
    pub not_scheduler: &'static str,
    /// Signed in as a scheduler for no provider of the catalogue.
    pub no_providers: &'static str,
    pub load_error: &'static str,
    pub publish_heading: &'static str,
    pub publish_hint: &'static str,
    pub provider: &'static str,
    pub service: &'static str,
    pub choose: &'static str,
    pub date: &'static str,
    pub date_hint: &'static str,
    pub start: &'static str,
    pub start_hint: &'static str,
    pub minutes: &'static str,
    /// The shortest and longest time.
    pub minutes_hint: fn(u16, u16) -> String,
    pub weeks: &'static str,
    /// The most weeks a series may repeat.
    pub weeks_hint: fn(u8) -> String,
    pub publish: &'static str,
    /// The heading of a form's list of fields to correct.
    pub error_summary: &'static str,
    /// The message beside a field with a problem.
    pub field_error: fn(TimeField, ProblemCode) -> &'static str,
    pub times_heading: &'static str,
    pub count: fn(usize) -> String,
    pub empty: &'static str,
    pub col_when: &'static str,
    pub col_provider: &'static str,
    pub col_service: &'static str,
    pub col_minutes: &'static str,
    pub col_state: &'static str,
    pub minutes_value: fn(u16) -> String,
    pub free: &'static str,
    /// Held by a request (its reference) until a time (Swedish, to the minute).
    pub held: fn(&str, &str) -> String,
    /// Booked by a request (its reference).
    pub booked: fn(&str) -> String,
    pub change: &'static str,
    pub withdraw: &'static str,
    /// The accessible names of a time's buttons: the action and the time.
    pub change_this: fn(&str) -> String,
    pub withdraw_this: fn(&str) -> String,
    pub change_heading: fn(&str) -> String,
    pub save_change: &'static str,
    pub cancel: &'static str,
    pub published: fn(usize) -> String,
    pub changed: &'static str,
    pub withdrawn: &'static str,
    pub overlap: &'static str,
    pub taken: &'static str,
    pub stale: &'static str,
    pub gone: &'static str,
    /// What withdrawing means, asked before it is done.
    pub withdraw_warning: &'static str,
    pub withdraw_confirm: &'static str,
    pub check_fields: &'static str,
    /// The server turned it down for a reason no field shows: its words.
    pub not_accepted: fn(&str) -> String,
    pub failed: &'static str,
}

impl FreeTimesTexts {
    /// As [`super::NavigatorTexts::lang_apart_from`].
    pub fn lang_apart_from(&self, app: Lang) -> Option<Lang> {
        (self.lang != app).then_some(self.lang)
    }
}
