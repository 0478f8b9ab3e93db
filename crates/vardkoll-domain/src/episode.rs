//! A patient's care episode ("my hip") and the events they record in it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::regions::RegionCode;
use crate::step::Step;

/// Why time does not count towards a deadline (HSF 6 kap. 2 §).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExclusionReason {
    /// The patient declined a time offered within the limit ("patientvald väntan").
    PatientChosen,
    /// Care could not be given for medical reasons ("medicinskt orsakad väntan").
    Medical,
}

/// Why a clock ended without care.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeclineReason {
    /// The patient declined care the region arranged at another provider: the
    /// guarantee for that care ends.
    OfferedElsewhere,
    /// The patient agreed to a date beyond the limit.
    AgreedToLaterDate,
}

/// Care the guarantee does not cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UncoveredCare {
    ReturnVisit,
    LabTest,
    /// X-ray and other investigations.
    Investigation,
    /// Aids (hjälpmedel), except fitting of hearing aids.
    Aid,
    /// A private provider without an agreement with the region.
    PrivateWithoutAgreement,
}

impl UncoveredCare {
    pub const ALL: [UncoveredCare; 5] = [
        UncoveredCare::ReturnVisit,
        UncoveredCare::LabTest,
        UncoveredCare::Investigation,
        UncoveredCare::Aid,
        UncoveredCare::PrivateWithoutAgreement,
    ];
}

/// What happened, as the patient records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// The patient sought contact with primary care: starts the contact and the
    /// assessment clocks.
    SoughtPrimaryCare,
    /// A referral to specialised care was issued: starts the specialist-visit clock.
    ReferralIssued,
    /// A clinic accepted the patient's self-referral: starts the specialist-visit clock.
    SelfReferralAccepted,
    /// The provider decided on a treatment or operation: starts the treatment clock.
    TreatmentDecided,
    /// A referral to or contact with child and adolescent psychiatry (BUP).
    BupReferral,
    /// A time was booked for the step; the event's date is the appointment.
    Booked { step: Step },
    /// The care was given (or treatment started). A BUP assessment also starts the
    /// in-depth clock.
    CareReceived { step: Step },
    /// A period, from the event's date to `until` inclusive, that does not count.
    ExcludedTime {
        step: Step,
        until: NaiveDate,
        reason: ExclusionReason,
    },
    /// The patient declined, which ends the guarantee for that care.
    Declined { step: Step, reason: DeclineReason },
    /// The patient changed their mind or regretted a late date and told the
    /// provider: a new clock from that day.
    Renewed { step: Step },
    /// Care outside the guarantee: no deadline.
    OutsideGuarantee { care: UncoveredCare },
}

impl EventKind {
    /// The clocks this event starts.
    pub fn starts(&self) -> &'static [Step] {
        match self {
            EventKind::SoughtPrimaryCare => {
                &[Step::PrimaryCareContact, Step::PrimaryCareAssessment]
            }
            EventKind::ReferralIssued | EventKind::SelfReferralAccepted => &[Step::SpecialistVisit],
            EventKind::TreatmentDecided => &[Step::Treatment],
            EventKind::BupReferral => &[Step::BupAssessment],
            EventKind::CareReceived {
                step: Step::BupAssessment,
            } => &[Step::BupInDepth],
            EventKind::Renewed { step } => std::slice::from_ref(step.in_static()),
            _ => &[],
        }
    }

    /// The step the patient named for this event (which clock it books, fulfils,
    /// pauses, ends or renews), if any.
    pub fn named_step(self) -> Option<Step> {
        match self {
            EventKind::Booked { step }
            | EventKind::CareReceived { step }
            | EventKind::ExcludedTime { step, .. }
            | EventKind::Declined { step, .. }
            | EventKind::Renewed { step } => Some(step),
            _ => None,
        }
    }
}

/// One recorded event. Stored as one flat JSON object (see [`EventRecord`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "EventRecord", try_from = "EventRecord")]
pub struct Event {
    pub id: u64,
    pub date: NaiveDate,
    pub kind: EventKind,
}

/// The event kind's tag in stored data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum KindTag {
    SoughtPrimaryCare,
    ReferralIssued,
    SelfReferralAccepted,
    TreatmentDecided,
    BupReferral,
    Booked,
    CareReceived,
    ExcludedTime,
    Declined,
    Renewed,
    OutsideGuarantee,
}

/// Both reasons share the `reason` key in stored data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum ReasonTag {
    PatientChosen,
    Medical,
    OfferedElsewhere,
    AgreedToLaterDate,
}

/// The flat stored form of an [`Event`]: `{"id":1,"date":"2026-09-01","type":"booked","step":"treatment"}`.
/// A plain struct keeps the WebAssembly small (an internally tagged, flattened
/// enum costs several times more code) and makes every field's check explicit.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventRecord {
    id: u64,
    #[serde(with = "crate::date::iso_serde")]
    date: NaiveDate,
    #[serde(rename = "type")]
    kind: KindTag,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    step: Option<Step>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::iso_serde::option"
    )]
    until: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<ReasonTag>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    care: Option<UncoveredCare>,
}

impl From<Event> for EventRecord {
    fn from(event: Event) -> EventRecord {
        let mut record = EventRecord {
            id: event.id,
            date: event.date,
            kind: KindTag::SoughtPrimaryCare,
            step: event.kind.named_step(),
            until: None,
            reason: None,
            care: None,
        };
        record.kind = match event.kind {
            EventKind::SoughtPrimaryCare => KindTag::SoughtPrimaryCare,
            EventKind::ReferralIssued => KindTag::ReferralIssued,
            EventKind::SelfReferralAccepted => KindTag::SelfReferralAccepted,
            EventKind::TreatmentDecided => KindTag::TreatmentDecided,
            EventKind::BupReferral => KindTag::BupReferral,
            EventKind::Booked { .. } => KindTag::Booked,
            EventKind::CareReceived { .. } => KindTag::CareReceived,
            EventKind::Renewed { .. } => KindTag::Renewed,
            EventKind::ExcludedTime { until, reason, .. } => {
                record.until = Some(until);
                record.reason = Some(match reason {
                    ExclusionReason::PatientChosen => ReasonTag::PatientChosen,
                    ExclusionReason::Medical => ReasonTag::Medical,
                });
                KindTag::ExcludedTime
            }
            EventKind::Declined { reason, .. } => {
                record.reason = Some(match reason {
                    DeclineReason::OfferedElsewhere => ReasonTag::OfferedElsewhere,
                    DeclineReason::AgreedToLaterDate => ReasonTag::AgreedToLaterDate,
                });
                KindTag::Declined
            }
            EventKind::OutsideGuarantee { care } => {
                record.care = Some(care);
                KindTag::OutsideGuarantee
            }
        };
        record
    }
}

impl TryFrom<EventRecord> for Event {
    type Error = &'static str;

    fn try_from(r: EventRecord) -> Result<Event, &'static str> {
        let step = || r.step.ok_or("missing step");
        let kind = match r.kind {
            KindTag::SoughtPrimaryCare => EventKind::SoughtPrimaryCare,
            KindTag::ReferralIssued => EventKind::ReferralIssued,
            KindTag::SelfReferralAccepted => EventKind::SelfReferralAccepted,
            KindTag::TreatmentDecided => EventKind::TreatmentDecided,
            KindTag::BupReferral => EventKind::BupReferral,
            KindTag::Booked => EventKind::Booked { step: step()? },
            KindTag::CareReceived => EventKind::CareReceived { step: step()? },
            KindTag::Renewed => EventKind::Renewed { step: step()? },
            KindTag::ExcludedTime => EventKind::ExcludedTime {
                step: step()?,
                until: r.until.ok_or("missing until")?,
                reason: match r.reason {
                    Some(ReasonTag::PatientChosen) => ExclusionReason::PatientChosen,
                    Some(ReasonTag::Medical) => ExclusionReason::Medical,
                    _ => return Err("excluded time needs reason patient_chosen or medical"),
                },
            },
            KindTag::Declined => EventKind::Declined {
                step: step()?,
                reason: match r.reason {
                    Some(ReasonTag::OfferedElsewhere) => DeclineReason::OfferedElsewhere,
                    Some(ReasonTag::AgreedToLaterDate) => DeclineReason::AgreedToLaterDate,
                    _ => {
                        return Err(
                            "declined needs reason offered_elsewhere or agreed_to_later_date",
                        );
                    }
                },
            },
            KindTag::OutsideGuarantee => EventKind::OutsideGuarantee {
                care: r.care.ok_or("missing care")?,
            },
        };
        Ok(Event {
            id: r.id,
            date: r.date,
            kind,
        })
    }
}

/// A care episode: the patient's name for it, their home region (for regional
/// limits) and the events.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Episode {
    pub id: u64,
    pub title: String,
    pub region: Option<RegionCode>,
    pub events: Vec<Event>,
    /// Where events happen: the provider of a time booked through a request
    /// ("Akademiska sjukhuset, Uppsala"). Beside the events rather than in
    /// them, so an event stays a small value; a list, not a map, since a
    /// map's code is a few kilobytes more in every page that reads episodes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<Place>,
}

/// Where event `event` happens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub event: u64,
    pub name: String,
}

impl Episode {
    /// Events in date order; events on the same day keep the order they were added.
    pub fn events_by_date(&self) -> Vec<Event> {
        let mut events = self.events.clone();
        crate::sorting::sort_by_key(&mut events, |event| event.date);
        events
    }

    /// Whether some event starts a clock for `step` on or before `date`.
    pub fn has_clock_start(&self, step: Step, date: NaiveDate, ignoring: Option<u64>) -> bool {
        self.events
            .iter()
            .filter(|event| Some(event.id) != ignoring)
            .any(|event| event.date <= date && event.kind.starts().contains(&step))
    }

    /// The next free event id.
    pub fn next_event_id(&self) -> u64 {
        self.events
            .iter()
            .map(|event| event.id)
            .max()
            .map_or(1, |id| id + 1)
    }

    /// Adds `event`, or replaces the event with the same id.
    pub fn upsert_event(&mut self, event: Event) {
        match self
            .events
            .iter_mut()
            .find(|existing| existing.id == event.id)
        {
            Some(existing) => *existing = event,
            None => self.events.push(event),
        }
    }

    /// Records `event` (as [`Episode::upsert_event`]) happening at `place`.
    pub fn upsert_event_at(&mut self, event: Event, place: String) {
        self.upsert_event(event);
        self.places.retain(|p| p.event != event.id);
        self.places.push(Place {
            event: event.id,
            name: place,
        });
    }

    pub fn remove_event(&mut self, id: u64) {
        self.events.retain(|event| event.id != id);
        self.places.retain(|p| p.event != id);
    }

    /// Where event `id` happens, if recorded.
    pub fn place(&self, id: u64) -> Option<&str> {
        self.places
            .iter()
            .find(|p| p.event == id)
            .map(|p| p.name.as_str())
    }
}

crate::wire_name::read_by_wire_name!(ExclusionReason {
    PatientChosen => "patient_chosen",
    Medical => "medical",
});

crate::wire_name::read_by_wire_name!(DeclineReason {
    OfferedElsewhere => "offered_elsewhere",
    AgreedToLaterDate => "agreed_to_later_date",
});

crate::wire_name::read_by_wire_name!(UncoveredCare, all = UncoveredCare::ALL {
    ReturnVisit => "return_visit",
    LabTest => "lab_test",
    Investigation => "investigation",
    Aid => "aid",
    PrivateWithoutAgreement => "private_without_agreement",
});

crate::wire_name::read_by_wire_name!(KindTag {
    SoughtPrimaryCare => "sought_primary_care",
    ReferralIssued => "referral_issued",
    SelfReferralAccepted => "self_referral_accepted",
    TreatmentDecided => "treatment_decided",
    BupReferral => "bup_referral",
    Booked => "booked",
    CareReceived => "care_received",
    ExcludedTime => "excluded_time",
    Declined => "declined",
    Renewed => "renewed",
    OutsideGuarantee => "outside_guarantee",
});

crate::wire_name::read_by_wire_name!(ReasonTag {
    PatientChosen => "patient_chosen",
    Medical => "medical",
    OfferedElsewhere => "offered_elsewhere",
    AgreedToLaterDate => "agreed_to_later_date",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_are_read_back_as_written() {
        crate::wire_name::check_round_trip(ExclusionReason::VARIANTS, ExclusionReason::wire_name);
        crate::wire_name::check_round_trip(DeclineReason::VARIANTS, DeclineReason::wire_name);
        crate::wire_name::check_round_trip(UncoveredCare::VARIANTS, UncoveredCare::wire_name);
        crate::wire_name::check_round_trip(KindTag::VARIANTS, KindTag::wire_name);
        crate::wire_name::check_round_trip(ReasonTag::VARIANTS, ReasonTag::wire_name);
    }
    use crate::date::ymd;

    fn episode(events: Vec<Event>) -> Episode {
        Episode {
            id: 1,
            title: "Höften".into(),
            region: None,
            events,
            places: Default::default(),
        }
    }

    #[test]
    fn events_serialise_with_a_type_tag() {
        let event = Event {
            id: 7,
            date: ymd(2025, 2, 1),
            kind: EventKind::ExcludedTime {
                step: Step::Treatment,
                until: ymd(2025, 2, 28),
                reason: ExclusionReason::PatientChosen,
            },
        };
        let json = serde_json::to_string(&event).unwrap();
        assert_eq!(
            json,
            r#"{"id":7,"date":"2025-02-01","type":"excluded_time","step":"treatment","until":"2025-02-28","reason":"patient_chosen"}"#
        );
        assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), event);
    }

    #[test]
    fn stored_events_missing_what_their_kind_needs_are_rejected() {
        for bad in [
            r#"{"id":1,"date":"2025-02-01","type":"booked"}"#,
            r#"{"id":1,"date":"2025-02-01","type":"excluded_time","step":"treatment","reason":"medical"}"#,
            r#"{"id":1,"date":"2025-02-01","type":"excluded_time","step":"treatment","until":"2025-03-01","reason":"offered_elsewhere"}"#,
            r#"{"id":1,"date":"2025-02-01","type":"declined","step":"treatment"}"#,
            r#"{"id":1,"date":"2025-02-01","type":"outside_guarantee"}"#,
            r#"{"id":1,"date":"2025-02-30","type":"referral_issued"}"#,
            r#"{"id":1,"date":"2025-02-01","type":"referral_issued","extra":true}"#,
            r#"{"id":1,"date":"2025-02-01","type":"dentist"}"#,
            r#"{"id":-1,"date":"2025-02-01","type":"referral_issued"}"#,
        ] {
            assert!(
                serde_json::from_str::<Event>(bad).is_err(),
                "{bad} was accepted"
            );
        }
    }

    #[test]
    fn a_bup_assessment_starts_the_in_depth_clock() {
        assert_eq!(
            EventKind::CareReceived {
                step: Step::BupAssessment
            }
            .starts(),
            &[Step::BupInDepth]
        );
        assert!(
            EventKind::CareReceived {
                step: Step::Treatment
            }
            .starts()
            .is_empty()
        );
    }

    #[test]
    fn clock_starts_are_found_by_step_and_date() {
        let ep = episode(vec![Event {
            id: 1,
            date: ymd(2025, 1, 15),
            kind: EventKind::ReferralIssued,
        }]);
        assert!(ep.has_clock_start(Step::SpecialistVisit, ymd(2025, 1, 15), None));
        assert!(!ep.has_clock_start(Step::SpecialistVisit, ymd(2025, 1, 14), None));
        assert!(!ep.has_clock_start(Step::Treatment, ymd(2025, 3, 1), None));
        assert!(!ep.has_clock_start(Step::SpecialistVisit, ymd(2025, 2, 1), Some(1)));
    }

    #[test]
    fn events_are_added_replaced_and_removed_by_id() {
        let mut ep = episode(vec![]);
        assert_eq!(ep.next_event_id(), 1);
        ep.upsert_event(Event {
            id: 1,
            date: ymd(2025, 1, 15),
            kind: EventKind::ReferralIssued,
        });
        ep.upsert_event(Event {
            id: 1,
            date: ymd(2025, 1, 16),
            kind: EventKind::ReferralIssued,
        });
        assert_eq!(ep.events.len(), 1);
        assert_eq!(ep.events[0].date, ymd(2025, 1, 16));
        assert_eq!(ep.next_event_id(), 2);
        ep.remove_event(1);
        assert!(ep.events.is_empty());
    }
}
