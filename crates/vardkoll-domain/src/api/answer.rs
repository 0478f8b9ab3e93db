//! The region's answer to a request, as its history records it and the
//! patient reads it: a time offered at a provider, or why it was declined.

use serde::{Deserialize, Serialize};

/// A time offered at a provider of the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Offer {
    pub provider_id: String,
    /// YYYY-MM-DD.
    pub date: String,
    /// HH:MM.
    pub time: String,
}

/// Why the region declined a request. The app words each one for the patient
/// by an exhaustive `match` in every language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeclineReason {
    /// No provider can give the care sooner.
    NoProviderAvailable,
    /// The care asked for is not covered by the care guarantee.
    NotCoveredByGuarantee,
    /// The request lacks what the region needs to act on it.
    IncompleteRequest,
    /// The same request was sent before.
    Duplicate,
    /// Another reason, in the note.
    Other,
}

impl DeclineReason {
    pub const ALL: [DeclineReason; 5] = [
        DeclineReason::NoProviderAvailable,
        DeclineReason::NotCoveredByGuarantee,
        DeclineReason::IncompleteRequest,
        DeclineReason::Duplicate,
        DeclineReason::Other,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            DeclineReason::NoProviderAvailable => "no_provider_available",
            DeclineReason::NotCoveredByGuarantee => "not_covered_by_guarantee",
            DeclineReason::IncompleteRequest => "incomplete_request",
            DeclineReason::Duplicate => "duplicate",
            DeclineReason::Other => "other",
        }
    }
}

crate::wire_name::deserialize_by_name!(
    DeclineReason,
    all = DeclineReason::ALL,
    name = DeclineReason::as_str
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decline_reasons_are_read_by_their_wire_names() {
        crate::wire_name::check_round_trip(&DeclineReason::ALL, DeclineReason::as_str);
    }

    #[test]
    fn every_reason_is_its_wire_name_both_ways() {
        for reason in DeclineReason::ALL {
            let wire = serde_json::to_string(&reason).unwrap();
            assert_eq!(wire, format!("\"{}\"", reason.as_str()));
            assert_eq!(
                serde_json::from_str::<DeclineReason>(&wire).unwrap(),
                reason
            );
        }
        assert!(serde_json::from_str::<DeclineReason>("\"lost\"").is_err());
    }

    #[test]
    fn an_offer_is_camel_case_and_refuses_unknown_fields() {
        let offer: Offer =
            serde_json::from_str(r#"{"providerId":"p1","date":"2026-12-20","time":"09:30"}"#)
                .unwrap();
        assert_eq!(offer.provider_id, "p1");
        assert!(
            serde_json::from_str::<Offer>(
                r#"{"providerId":"p1","date":"2026-12-20","time":"09:30","room":"4"}"#
            )
            .is_err()
        );
    }
}
