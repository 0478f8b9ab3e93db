//! The texts of requesting care elsewhere and following the requests. Like
//! [`super::Texts`], every language fills every field, so a missing translation
//! does not compile.

use vardkoll_domain::api::{DeclineReason, PatientAnswer, ProblemCode, ReferralStatus};
use vardkoll_domain::referral::AnswerRefusal;

pub struct ReferralTexts {
    pub from_episode: fn(&str) -> String,

    /// Step name, deadline (long date).
    pub about_you: &'static str,
    pub identity_label: &'static str,
    pub identity_hint: &'static str,
    pub name_label: &'static str,
    pub phone_label: &'static str,
    pub email_label: &'static str,
    pub contact_hint: &'static str,
    pub care_heading: &'static str,
    pub service_label: &'static str,
    pub service_none: &'static str,
    pub home_region_label: &'static str,
    pub home_region_hint: &'static str,
    pub home_region_none: &'static str,
    pub referral_heading: &'static str,
    pub referral_hint: &'static str,
    pub clinic_label: &'static str,
    pub referral_date_label: &'static str,
    pub providers_heading: &'static str,
    pub providers_hint: &'static str,
    pub provider_label: fn(usize) -> String,
    pub provider_none: &'static str,
    pub other_region: &'static str,
    pub add_provider: &'static str,
    pub move_up: fn(usize) -> String,
    pub remove_provider: fn(usize) -> String,
    pub other_heading: &'static str,
    pub can_travel: &'static str,
    /// How far the patient can travel: the label, "anywhere", and a distance.
    pub travel_label: &'static str,
    pub travel_anywhere: &'static str,
    pub travel_within: fn(u16) -> String,
    pub interpreter_needed: &'static str,
    pub interpreter_language: &'static str,
    pub message_label: &'static str,
    pub message_hint: fn(usize) -> String,
    pub consent_heading: &'static str,
    pub consent: &'static str,
    pub privacy_note: &'static str,
    pub submit: &'static str,
    pub catalogue_error: &'static str,
    /// The message beside a field, by the API's field path (without an index)
    /// and problem code. Each language chooses it by an exhaustive `match` over
    /// [`ProblemCode`], so a new code does not compile until every language
    /// words it; [`ProblemCode::Unrecognised`] (a newer server's code) gets a
    /// general message.
    pub field_error: fn(&str, ProblemCode) -> &'static str,
    pub rejected_without_details: &'static str,

    pub service_term: &'static str,
    pub providers_term: &'static str,
    pub receipt_heading: &'static str,
    pub waiting: &'static str,
    pub waiting_detail: &'static str,
    pub offline_detail: &'static str,
    pub sending: &'static str,
    pub received: &'static str,
    pub reference_label: &'static str,
    pub received_at_label: &'static str,
    pub next_heading: &'static str,
    pub next_steps: &'static str,
    pub print: &'static str,
    pub send_now: &'static str,
    pub rejected: &'static str,
    pub correct: &'static str,
    pub correcting: &'static str,
    pub new_request: &'static str,

    pub waiting_heading: &'static str,
    pub sent_heading: &'static str,
    pub queued_label: &'static str,
    pub attempts: fn(u32) -> String,
    pub history_heading: &'static str,
    pub status_label: &'static str,
    pub remove: &'static str,
    pub confirm_remove: &'static str,
    pub confirm_remove_yes: &'static str,
    pub save_failed: &'static str,
    /// Signed in: the name and identity number come from the sign-in.
    pub identity_from_sign_in: &'static str,
    /// Signed out where the deployment has sign-in.
    pub sign_in_to_fill: &'static str,
    /// A request the server held until the patient signs in again.
    pub needs_sign_in: &'static str,
    pub status: fn(ReferralStatus) -> &'static str,
    pub status_next: fn(ReferralStatus) -> &'static str,
    /// The time the region offered: the date written out, the time, the provider.
    pub offered_time: fn(&str, &str, &str) -> String,
    /// Why the region declined, as a sentence starting "Reason:".
    pub decline_reason: fn(DeclineReason) -> &'static str,
    /// Answering an offer online: the heading, by when (a date and time
    /// written out), the three answers and withdrawing.
    pub answer_heading: &'static str,
    pub answer_by: fn(&str) -> String,
    pub accept: &'static str,
    pub another_time: &'static str,
    pub decline: &'static str,
    pub decline_warning: &'static str,
    pub decline_yes: &'static str,
    pub withdraw: &'static str,
    pub withdraw_warning: &'static str,
    pub withdraw_yes: &'static str,
    /// The answer is written down and on its way (or waits for the network).
    pub answer_on_its_way: &'static str,
    pub answer_needs_sign_in: &'static str,
    pub answer_refused: fn(AnswerRefusal) -> &'static str,
    pub answer_refused_ok: &'static str,
    /// A change of the history the patient's answer made.
    pub history_answer: fn(PatientAnswer) -> &'static str,
    /// The offer's answer window closed.
    pub history_expired: &'static str,
    /// A booked time, added with one tap to the episode the request came
    /// from (its title): the button, and what is said once it is there.
    pub add_booked: fn(&str) -> String,
    pub booked_in_tracker: fn(&str) -> String,
    pub show_tracker: &'static str,
}

#[cfg(test)]
mod tests {
    use vardkoll_domain::api::{CurrentReferral, Interpreter, MAX_MESSAGE_CHARS, NewReferral};

    use super::*;
    use crate::i18n::Lang;
    use crate::referral_fields::base_field;

    #[test]
    fn every_code_has_its_own_words_in_every_language() {
        for lang in Lang::ALL {
            let field_error = lang.referral_texts().field_error;
            let fallback = field_error("", ProblemCode::Unrecognised);
            assert!(!fallback.is_empty(), "{lang:?}");
            for code in ProblemCode::ALL {
                for field in ["", "somethingNew", "personalIdentityNumber"] {
                    let message = field_error(field, code);
                    assert!(!message.trim().is_empty(), "{lang:?} {field} {code:?}");
                    assert_ne!(message, fallback, "{lang:?} {field} {code:?}");
                }
            }
            // A newer server's code on a field the form words still gets the
            // field's own message.
            assert_ne!(
                field_error("consentToShare", ProblemCode::Unrecognised),
                fallback,
                "{lang:?}"
            );
        }
    }

    /// A wrong request, which providers the catalogue knows, and how many
    /// problems the checks report.
    type BadRequest = (NewReferral, fn(&str) -> bool, usize);

    /// Two requests wrong in every way the form's checks know, between them
    /// reporting every code the form's fields can get, with how many problems each reports.
    fn bad_requests() -> [BadRequest; 2] {
        let interpreter = || Interpreter {
            needed: true,
            language: None,
        };
        [
            (
                NewReferral {
                    personal_identity_number: "19121312-1212".into(),
                    name: "x".repeat(101),
                    phone: None,
                    email: Some("nope".into()),
                    service_code: "x".into(),
                    current_referral: Some(CurrentReferral {
                        clinic: "".into(),
                        date: "2027-01-01".into(),
                    }),
                    guarantee: None,
                    preferred_providers: (0..6).map(|i| format!("q{i}")).collect(),
                    can_travel: false,
                    max_travel_km: None,
                    interpreter: interpreter(),
                    message: "x".repeat(MAX_MESSAGE_CHARS + 1),
                    consent_to_share: false,
                    home_region: Some("99".into()),
                },
                |_| false,
                17,
            ),
            (
                NewReferral {
                    personal_identity_number: "19121212-1213".into(),
                    name: " ".into(),
                    phone: Some("12".into()),
                    email: Some("nope".into()),
                    service_code: "x".into(),
                    current_referral: Some(CurrentReferral {
                        clinic: "".into(),
                        date: "i går".into(),
                    }),
                    guarantee: None,
                    preferred_providers: vec!["p".into(), "q".into(), "p".into()],
                    can_travel: false,
                    max_travel_km: None,
                    interpreter: interpreter(),
                    message: "x".repeat(MAX_MESSAGE_CHARS + 1),
                    consent_to_share: false,
                    home_region: None,
                },
                |p| p == "p",
                12,
            ),
        ]
    }

    #[test]
    fn every_problem_the_checks_report_has_its_own_message_in_every_language() {
        let today = vardkoll_domain::date::ymd(2026, 11, 25);
        for (bad, known_provider, count) in bad_requests() {
            let problems = bad.validate(today, |_| false, known_provider).unwrap_err();
            assert_eq!(problems.len(), count, "{problems:?}");
            for lang in Lang::ALL {
                let field_error = lang.referral_texts().field_error;
                let fallback = field_error("", ProblemCode::Unrecognised);
                for problem in &problems {
                    assert_ne!(problem.code, ProblemCode::Unrecognised, "{problem:?}");
                    let message = field_error(base_field(&problem.field), problem.code);
                    assert_ne!(message, fallback, "{lang:?} {problem:?}");
                }
            }
        }
    }
}
