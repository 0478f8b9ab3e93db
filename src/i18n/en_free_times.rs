//! "Lediga tider" in English.

use vardkoll_domain::api::ProblemCode;

use super::Lang;
use super::free_times_texts::FreeTimesTexts;
use crate::state::TimeField;

fn field_error(field: TimeField, code: ProblemCode) -> &'static str {
    match (field, code) {
        (TimeField::Provider, _) => "Choose a clinic you schedule for.",
        (TimeField::Service, _) => "Choose a service from the list.",
        (TimeField::Date, ProblemCode::Range) => "That day has passed. Enter today or later.",
        (TimeField::Date, _) => "Write the day as YYYY-MM-DD, for example 2027-01-14.",
        (TimeField::Start, ProblemCode::Range) => {
            "That time has already begun. Enter a later time."
        }
        (TimeField::Start, _) => "Write the time as HH:MM, for example 09:30.",
        (TimeField::Minutes, _) => "Enter the length in whole minutes, within the limits above.",
        (TimeField::Weeks, _) => {
            "Enter the number of weeks as a whole number, within the limit above."
        }
    }
}

pub const EN_FREE_TIMES: FreeTimesTexts = FreeTimesTexts {
    lang: Lang::En,
    sign_in_needed: "Sign in with your scheduler's account to see and publish free times.",
    sign_in_unavailable: "Sign-in is not set up in this installation, so free times cannot be shown.",
    not_scheduler: "Your account may not publish free times.",
    no_providers: "Your account is not linked to any clinic. Ask the region to add your clinics.",
    load_error: "The times could not be fetched just now. Please try again.",
    publish_heading: "Publish free times",
    publish_hint: "The times may be suggested to patients anywhere in Sweden. A time nobody has been offered can be changed or withdrawn.",
    provider: "Clinic",
    service: "Care",
    choose: "Choose",
    date: "Day",
    date_hint: "YYYY-MM-DD",
    start: "Start time",
    start_hint: "HH:MM, Swedish time",
    minutes: "Length in minutes",
    minutes_hint: |min, max| format!("From {min} to {max} minutes."),
    weeks: "Number of weeks",
    weeks_hint: |max| format!("The same weekday and time for 1 to {max} weeks."),
    publish: "Publish",
    error_summary: "Please correct:",
    field_error,
    times_heading: "Your times",
    count: |n| match n {
        1 => "1 time".to_owned(),
        n => format!("{n} times"),
    },
    empty: "No times from today on.",
    col_when: "When",
    col_provider: "Clinic",
    col_service: "Care",
    col_minutes: "Length",
    col_state: "State",
    minutes_value: |m| format!("{m} min"),
    free: "Free",
    held: |reference, until| format!("Offered ({reference}) until {until}"),
    booked: |reference| format!("Booked ({reference})"),
    change: "Change",
    withdraw: "Withdraw",
    change_this: |time| format!("Change {time}"),
    withdraw_this: |time| format!("Withdraw {time}"),
    change_heading: |time| format!("Change {time}"),
    save_change: "Save the change",
    cancel: "Cancel",
    published: |n| match n {
        1 => "The time is published.".to_owned(),
        n => format!("{n} times are published."),
    },
    changed: "The time is changed.",
    withdrawn: "The time is withdrawn.",
    overlap: "The time overlaps another time at the same clinic. Nothing was saved.",
    taken: "The time has been offered to a patient or booked and can no longer be changed. The list is up to date.",
    stale: "Someone else changed the time while you worked. The list is up to date; please try again.",
    gone: "The time no longer exists: someone withdrew it. The list is up to date.",
    withdraw_warning: "The time is withdrawn and can no longer be offered to a patient.",
    withdraw_confirm: "Yes, withdraw the time",
    check_fields: "Please check the marked fields.",
    not_accepted: |why| format!("Nothing was saved. The server said: {why}"),
    failed: "It could not be saved just now. Please try again.",
};
