//! The referral form as the patient typed it, and the request it becomes.
//!
//! Everything stays text until it is checked by [`NewReferral::validate`], the
//! same checks the server makes; a request put back into the form (to correct
//! it) gives back what was typed.

use crate::api::{
    CurrentReferral, GuaranteeDeadline, Interpreter, MAX_PREFERRED_PROVIDERS, NewReferral,
};
use crate::text::normalise_digits;

/// The form's fields, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReferralDraft {
    pub identity_number: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub service_code: String,
    pub referral_clinic: String,
    pub referral_date: String,
    /// The guarantee deadline, from the patient's episode (not typed).
    pub guarantee: Option<GuaranteeDeadline>,
    /// Preferred providers in order; empty slots are skipped.
    pub providers: Vec<String>,
    pub can_travel: bool,
    /// How far the patient can travel (chosen from a list); none: anywhere.
    pub max_travel_km: Option<u16>,
    pub interpreter_needed: bool,
    pub interpreter_language: String,
    pub message: String,
    pub consent: bool,
    /// The county code of the patient's home region (chosen from a list).
    pub home_region: String,
}

fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// A field typed as digits, in ASCII digits: the request carries, keeps and
/// sends that form, whatever keyboard it was typed on.
fn digits(text: &str) -> String {
    normalise_digits(text).trim().to_owned()
}

impl ReferralDraft {
    /// A draft for a request to `provider` for `service` (from the comparison).
    pub fn for_provider(service_code: &str, provider: &str) -> ReferralDraft {
        ReferralDraft {
            service_code: service_code.to_owned(),
            providers: [provider]
                .into_iter()
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect(),
            can_travel: true,
            ..ReferralDraft::default()
        }
    }

    /// The request to check and send.
    pub fn to_request(&self) -> NewReferral {
        let current_referral = (optional(&self.referral_clinic).is_some()
            || optional(&self.referral_date).is_some())
        .then(|| CurrentReferral {
            clinic: self.referral_clinic.trim().to_owned(),
            date: digits(&self.referral_date),
        });
        NewReferral {
            personal_identity_number: digits(&self.identity_number),
            name: self.name.trim().to_owned(),
            phone: optional(&self.phone),
            email: optional(&self.email),
            service_code: self.service_code.trim().to_owned(),
            current_referral,
            guarantee: self.guarantee,
            preferred_providers: self.providers.iter().filter_map(|p| optional(p)).collect(),
            can_travel: self.can_travel,
            max_travel_km: self.max_travel_km.filter(|_| self.can_travel),
            interpreter: Interpreter {
                needed: self.interpreter_needed,
                language: optional(&self.interpreter_language).filter(|_| self.interpreter_needed),
            },
            message: self.message.trim().to_owned(),
            consent_to_share: self.consent,
            home_region: optional(&self.home_region),
        }
    }

    /// The form filled from a request (to correct one the server turned down).
    pub fn from_request(request: &NewReferral) -> ReferralDraft {
        let (referral_clinic, referral_date) = request
            .current_referral
            .as_ref()
            .map(|r| (r.clinic.clone(), r.date.clone()))
            .unwrap_or_default();
        ReferralDraft {
            identity_number: request.personal_identity_number.clone(),
            name: request.name.clone(),
            phone: request.phone.clone().unwrap_or_default(),
            email: request.email.clone().unwrap_or_default(),
            service_code: request.service_code.clone(),
            referral_clinic,
            referral_date,
            guarantee: request.guarantee,
            providers: request.preferred_providers.clone(),
            can_travel: request.can_travel,
            max_travel_km: request.max_travel_km,
            interpreter_needed: request.interpreter.needed,
            interpreter_language: request.interpreter.language.clone().unwrap_or_default(),
            message: request.message.clone(),
            consent: request.consent_to_share,
            home_region: request.home_region.clone().unwrap_or_default(),
        }
    }

    /// Adds an empty provider slot, up to the most a request may list.
    pub fn add_provider_slot(&mut self) -> bool {
        if self.providers.len() < MAX_PREFERRED_PROVIDERS {
            self.providers.push(String::new());
            true
        } else {
            false
        }
    }

    /// Moves the provider at `index` one place up (towards first choice).
    pub fn move_provider_up(&mut self, index: usize) {
        if index > 0 && index < self.providers.len() {
            self.providers.swap(index - 1, index);
        }
    }

    pub fn remove_provider(&mut self, index: usize) {
        if index < self.providers.len() {
            self.providers.remove(index);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed() -> ReferralDraft {
        ReferralDraft {
            identity_number: " 19121212-1212 ".into(),
            name: " Tolvan Tolvansson ".into(),
            phone: "070-123 45 67".into(),
            email: "  ".into(),
            service_code: "op-hoft".into(),
            referral_clinic: "Ortopeden, Danderyd".into(),
            referral_date: "2026-09-01".into(),
            guarantee: Some(GuaranteeDeadline {
                step: crate::step::Step::Treatment,
                deadline: crate::date::ymd(2026, 4, 10),
                state: crate::api::DeadlineState::Missed,
            }),
            providers: vec!["p1".into(), "".into(), "p2".into()],
            can_travel: true,
            max_travel_km: Some(100),
            interpreter_needed: false,
            interpreter_language: "arabiska".into(),
            message: " Helst förmiddag ".into(),
            consent: true,
            home_region: "01".into(),
        }
    }

    #[test]
    fn typed_text_becomes_a_trimmed_request() {
        let request = typed().to_request();
        assert_eq!(request.personal_identity_number, "19121212-1212");
        assert_eq!(request.name, "Tolvan Tolvansson");
        assert_eq!(request.email, None);
        assert_eq!(request.preferred_providers, vec!["p1", "p2"]);
        // A language typed and then "no interpreter" chosen is not sent.
        assert_eq!(request.interpreter.language, None);
        assert_eq!(request.message, "Helst förmiddag");
        assert_eq!(
            request.current_referral,
            Some(CurrentReferral {
                clinic: "Ortopeden, Danderyd".into(),
                date: "2026-09-01".into()
            })
        );
    }

    #[test]
    fn digits_typed_in_arabic_indic_go_out_in_ascii() {
        let arabic = ReferralDraft {
            identity_number: " ١٩١٢١٢١٢-١٢١٢ ".into(),
            referral_date: "٢٠٢٦-٠٩-٠١".into(),
            ..typed()
        };
        let request = arabic.to_request();
        assert_eq!(request, typed().to_request());
        assert_eq!(request.personal_identity_number, "19121212-1212");
        assert_eq!(
            request.current_referral.map(|r| r.date).as_deref(),
            Some("2026-09-01")
        );
        assert!(
            arabic
                .to_request()
                .validate(crate::date::ymd(2026, 11, 25), |_| true, |_| true)
                .is_ok()
        );
    }

    #[test]
    fn no_current_referral_when_both_fields_are_empty_but_half_of_one_is_checked() {
        let none = ReferralDraft {
            referral_clinic: " ".into(),
            referral_date: "".into(),
            ..typed()
        };
        assert_eq!(none.to_request().current_referral, None);
        let half = ReferralDraft {
            referral_clinic: "".into(),
            ..typed()
        };
        let checked =
            half.to_request()
                .validate(crate::date::ymd(2026, 11, 25), |_| true, |_| true);
        let errors = checked.unwrap_err();
        assert_eq!(errors[0].field, "currentReferral/clinic");
    }

    #[test]
    fn a_request_goes_back_into_the_form_as_typed() {
        let request = typed().to_request();
        let draft = ReferralDraft::from_request(&request);
        assert_eq!(draft.to_request(), request);
        assert_eq!(draft.name, "Tolvan Tolvansson");
    }

    #[test]
    fn provider_slots_are_bounded_and_reorderable() {
        let mut draft = ReferralDraft::for_provider("op-hoft", "p1");
        assert_eq!(draft.providers, vec!["p1"]);
        assert!(draft.can_travel);
        while draft.add_provider_slot() {}
        assert_eq!(draft.providers.len(), MAX_PREFERRED_PROVIDERS);
        draft.providers[1] = "p2".into();
        draft.move_provider_up(1);
        assert_eq!(&draft.providers[..2], ["p2", "p1"]);
        draft.move_provider_up(0);
        draft.move_provider_up(99);
        assert_eq!(&draft.providers[..2], ["p2", "p1"]);
        draft.remove_provider(0);
        draft.remove_provider(99);
        assert_eq!(draft.providers[0], "p1");
        assert!(ReferralDraft::for_provider("x", "").providers.is_empty());
    }
}
