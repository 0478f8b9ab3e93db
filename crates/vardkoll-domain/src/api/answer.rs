//! The region's answer to a request, as its history records it and the
//! patient reads it: a time offered at a provider, or why it was declined;
//! and the patient's answer to an offer.

use serde::{Deserialize, Serialize};

use super::free_time::FreeTimeState;
use super::referral::ReferralStatus;

/// A time offered at a provider of the catalogue.
///
/// The server refuses a field it does not know in a navigator's offer; the
/// app, reading a request's history, ignores one (an app built before the
/// server learned a field keeps reading offers that carry it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct Offer {
    pub provider_id: String,
    /// YYYY-MM-DD.
    pub date: String,
    /// HH:MM.
    pub time: String,
    /// The published free time offered: it is held for the patient until
    /// they answer or the answer window closes, and its provider, day and
    /// start are the offer's. None: a time agreed outside Vårdkoll.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_time_id: Option<i64>,
    /// With a free time: until when it is held for the patient's answer
    /// (RFC 3339, UTC). Set by the server; what a navigator sends is ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_by: Option<String>,
}

/// What the patient answers to an offer, or their withdrawal of the request
/// (`POST /referrals/{reference}/answer`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PatientAnswer {
    /// Yes to the time offered: it is booked.
    Accept,
    /// No to the care offered (under the guarantee: the guarantee ends for it).
    Decline,
    /// Not this time: the region looks for another.
    AnotherTime,
    /// The patient no longer wants the request handled.
    Withdraw,
}

impl PatientAnswer {
    pub const ALL: [PatientAnswer; 4] = [
        PatientAnswer::Accept,
        PatientAnswer::Decline,
        PatientAnswer::AnotherTime,
        PatientAnswer::Withdraw,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            PatientAnswer::Accept => "accept",
            PatientAnswer::Decline => "decline",
            PatientAnswer::AnotherTime => "another_time",
            PatientAnswer::Withdraw => "withdraw",
        }
    }

    /// The status a request at `current` moves to with this answer; `None`
    /// when it may not be given now (no offer to answer, or closed).
    pub fn moves(self, current: ReferralStatus) -> Option<ReferralStatus> {
        use ReferralStatus::*;
        match (self, current) {
            (PatientAnswer::Accept, Offered) => Some(Booked),
            (PatientAnswer::Decline, Offered) => Some(OfferDeclined),
            (PatientAnswer::AnotherTime, Offered) => Some(UnderReview),
            (PatientAnswer::Withdraw, Received | UnderReview | Offered) => Some(Withdrawn),
            _ => None,
        }
    }

    /// What the time held for the request becomes.
    pub fn time_becomes(self) -> FreeTimeState {
        match self {
            PatientAnswer::Accept => FreeTimeState::Booked,
            _ => FreeTimeState::Free,
        }
    }
}

crate::wire_name::deserialize_by_name!(
    PatientAnswer,
    all = PatientAnswer::ALL,
    name = PatientAnswer::as_str
);

/// The body of `POST /referrals/{reference}/answer`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AnswerBody {
    pub answer: PatientAnswer,
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
    fn answers_are_read_by_their_wire_names() {
        crate::wire_name::check_round_trip(&PatientAnswer::ALL, PatientAnswer::as_str);
    }

    #[test]
    fn only_an_offer_is_answered_and_only_an_open_request_withdrawn() {
        use ReferralStatus::*;
        for status in ReferralStatus::ALL {
            for answer in [
                PatientAnswer::Accept,
                PatientAnswer::Decline,
                PatientAnswer::AnotherTime,
            ] {
                assert_eq!(answer.moves(status).is_some(), status == Offered);
            }
            assert_eq!(
                PatientAnswer::Withdraw.moves(status).is_some(),
                matches!(status, Received | UnderReview | Offered)
            );
        }
        assert_eq!(PatientAnswer::Accept.moves(Offered), Some(Booked));
        assert_eq!(PatientAnswer::AnotherTime.moves(Offered), Some(UnderReview));
        assert!(Booked.is_closed() && OfferDeclined.is_closed());
        assert_eq!(PatientAnswer::Accept.time_becomes(), FreeTimeState::Booked);
        assert_eq!(PatientAnswer::Withdraw.time_becomes(), FreeTimeState::Free);
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
