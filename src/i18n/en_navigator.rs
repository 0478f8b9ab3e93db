//! English texts of "Vårdlotsen" (also for Arabic readers).

use vardkoll_domain::api::{DeclineReason, PathKind, PatientAnswer, ProblemCode};

use super::navigator_texts::NavigatorTexts;
use crate::state::MoveField;

fn path(path: PathKind) -> &'static str {
    match path {
        PathKind::Guarantee => "Care guarantee: the region arranges care",
        PathKind::FreeChoice => "Free choice of care",
    }
}

fn patient_answer(answer: PatientAnswer) -> &'static str {
    match answer {
        PatientAnswer::Accept => "the patient accepted",
        PatientAnswer::Decline => "the patient declined",
        PatientAnswer::AnotherTime => "the patient asked for another time",
        PatientAnswer::Withdraw => "the patient withdrew the request",
    }
}

fn decline_reason(reason: DeclineReason) -> &'static str {
    match reason {
        DeclineReason::NoProviderAvailable => "No provider can give the care sooner",
        DeclineReason::NotCoveredByGuarantee => "Not covered by the care guarantee",
        DeclineReason::IncompleteRequest => "Details missing",
        DeclineReason::Duplicate => "Duplicate",
        DeclineReason::Other => "Other reason (say it in the message)",
    }
}

fn field_error(field: MoveField, code: ProblemCode) -> &'static str {
    match (field, code) {
        (MoveField::Status, _) => "Choose the new status.",
        (MoveField::Provider, ProblemCode::Required) => "Choose the provider.",
        (MoveField::Provider, ProblemCode::Unknown) => {
            "The provider no longer exists. Choose another in the list."
        }
        (MoveField::Provider, _) => "Choose a provider in the list.",
        (MoveField::Date, ProblemCode::Required) => "Write the date, as YYYY-MM-DD.",
        (MoveField::Date, _) => "Write a date from today on, as YYYY-MM-DD.",
        (MoveField::Time, ProblemCode::Required) => "Write the time, for example 9.30.",
        (MoveField::Time, _) => "Write a time between 00.00 and 23.59, for example 9.30 or 09:30.",
        (MoveField::Reason, _) => "Choose the reason.",
        (MoveField::Note, ProblemCode::TooLong) => "Write at most 500 characters.",
        (MoveField::Note, ProblemCode::Characters) => {
            "The message has characters that cannot be saved, such as control characters. Remove them."
        }
        (MoveField::Note, _) => "Check the message.",
    }
}

pub const EN_NAVIGATOR: NavigatorTexts = NavigatorTexts {
    lang: super::Lang::En,
    sign_in_needed: "Sign in with your account at the region to see the requests.",
    sign_in_unavailable: "Signing in is not set up for this service.",
    not_staff: "Your account is not a care navigator's.",
    load_error: "The requests could not be fetched just now.",
    queue_heading: "Requests",
    filters_legend: "Selection",
    status_filter: "Status",
    all_statuses: "All",
    service_filter: "Care",
    all_services: "All care",
    older_than: "Older than (days)",
    overdue_only: "Only where the care guarantee's last day has passed",
    show: "Show",
    count: |n| match n {
        1 => "1 request".into(),
        n => format!("{n} requests"),
    },
    empty: "No requests in the selection.",
    col_reference: "Reference",
    col_care: "Care",
    col_received: "Received",
    col_deadline: "Care guarantee's last day",
    col_path: "Path",
    col_status: "Status",
    overdue: "passed",
    open: |reference| format!("Open {reference}"),
    detail_heading: |reference| format!("Request {reference}"),
    close: "Close the request",
    identity: "Personal identity number",
    name: "Name",
    phone: "Phone",
    email: "E-mail",
    home_region: "Home region",
    current_referral: "Referral",
    providers: "Preferred providers",
    can_travel: "Can travel",
    interpreter: "Interpreter",
    message: "Message",
    yes: "Yes",
    no: "No",
    none: "–",
    history: "History",
    by: |staff| format!("by {staff}"),
    move_legend: "New status",
    closed: "The request is closed and cannot be changed.",
    offer_provider: "Provider",
    offer_date: "Date (YYYY-MM-DD)",
    offer_time: "Time (HH:MM)",
    note: "Message to the patient (optional)",
    reason: "Reason",
    choose: "Choose",
    save: "Save",
    saved: "The change is saved. The patient is told.",
    stale: "Someone else changed the request since you opened it. It is read again: make the change again if it is \
        still needed.",
    invalid_move: "That change is not possible from the request's current status.",
    check_fields: "Check the marked fields.",
    error_summary: "Please correct the following:",
    not_accepted: |why| format!("The change was not saved. The server said: {why}"),
    field_error,
    save_failed: "The change could not be saved just now. Try again.",
    path,
    decline_reason,
    time_taken: "The time was offered to another request first. Choose another of the free times.",
    suggestions_heading: "Free times in the whole country",
    suggestions_hint: "Times for the care at providers that take patients from the patient's region, within the \
        distance the patient can travel and before the deadline where there are such. The patient's first choice \
        first, then the earliest, then the nearest. An offer holds the time for the patient until they answer.",
    suggestions_none: "No free time suits just now.",
    col_provider: "Provider",
    col_when: "Day and time",
    col_distance: "Distance",
    distance: |km| format!("{km} km"),
    first_choice: "first choice",
    before_deadline: "before the deadline",
    after_deadline: "after the deadline",
    offer_button: "Offer",
    offer_this: |what| format!("Offer {what}"),
    col_free_time: "Free time",
    free_time_mark: "before the deadline",
    patient_answer,
    expired: "the time to answer ran out",
};
