//! The referral form's fields and the API's field paths: which input a problem
//! belongs beside, and the words for it. Worked out without any DOM, so it is
//! tested natively.

use vardkoll_domain::api::FieldProblem;

use crate::i18n::Texts;

/// A field path without its index: `preferredProviders/2` → `preferredProviders`.
pub fn base_field(path: &str) -> &str {
    match path.rsplit_once('/') {
        Some((base, index)) if index.bytes().all(|b| b.is_ascii_digit()) => base,
        _ => path,
    }
}

/// The `id` of the input for an API field path.
pub fn input_id(path: &str) -> String {
    let index = path
        .rsplit_once('/')
        .and_then(|(_, i)| i.parse::<usize>().ok())
        .unwrap_or(0);
    match base_field(path) {
        "personalIdentityNumber" => "referral-identity".into(),
        "name" => "referral-name".into(),
        "phone" => "referral-phone".into(),
        "email" => "referral-email".into(),
        "serviceCode" => "referral-service".into(),
        "currentReferral/clinic" => "referral-clinic".into(),
        "currentReferral/date" => "referral-date".into(),
        "preferredProviders" => format!("referral-provider-{index}"),
        "maxTravelKm" => "referral-travel-distance".into(),
        "interpreter/language" => "referral-language".into(),
        "message" => "referral-message".into(),
        "consentToShare" => "referral-consent".into(),
        "homeRegion" => "referral-home-region".into(),
        // A field the form does not show: the summary still lists it.
        _ => "referral-form".into(),
    }
}

/// Every problem as (input id, message), in the order the checks found them.
pub fn messages(problems: &[FieldProblem], texts: &Texts) -> Vec<(String, &'static str)> {
    problems
        .iter()
        .map(|p| {
            (
                input_id(&p.field),
                (texts.referral().field_error)(base_field(&p.field), p.code),
            )
        })
        .collect()
}

/// The message beside the input `id`, if it has a problem.
pub fn message_for(problems: &[FieldProblem], id: &str, texts: &Texts) -> Option<&'static str> {
    messages(problems, texts)
        .into_iter()
        .find(|(input, _)| input == id)
        .map(|(_, message)| message)
}

#[cfg(test)]
mod tests {
    use vardkoll_domain::api::ProblemCode;

    use super::*;
    use crate::i18n::Lang;

    fn problem(field: &str, code: ProblemCode) -> FieldProblem {
        FieldProblem {
            field: field.into(),
            code,
            detail: String::new(),
        }
    }

    #[test]
    fn paths_map_to_inputs() {
        assert_eq!(base_field("preferredProviders/2"), "preferredProviders");
        assert_eq!(base_field("currentReferral/date"), "currentReferral/date");
        assert_eq!(input_id("preferredProviders/2"), "referral-provider-2");
        assert_eq!(input_id("preferredProviders"), "referral-provider-0");
        assert_eq!(input_id("currentReferral/date"), "referral-date");
        assert_eq!(input_id("somethingNew"), "referral-form");
    }

    #[test]
    fn each_input_gets_its_own_message() {
        let texts = Lang::Sv.texts();
        let problems = [
            problem("personalIdentityNumber", ProblemCode::ControlDigit),
            problem("preferredProviders/1", ProblemCode::Duplicate),
        ];
        assert_eq!(
            message_for(&problems, "referral-identity", texts),
            Some("Den sista siffran stämmer inte. Kontrollera numret.")
        );
        assert_eq!(
            message_for(&problems, "referral-provider-1", texts),
            Some("Den här vårdgivaren finns redan i listan.")
        );
        assert_eq!(message_for(&problems, "referral-name", texts), None);
        assert_eq!(messages(&problems, texts).len(), 2);
    }
}
