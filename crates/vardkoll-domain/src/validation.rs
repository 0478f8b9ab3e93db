//! Checking what a patient typed before anything is saved.
//!
//! Forms hold text; these functions turn it into domain values or a list of
//! field errors. Error values are codes: the app words them in the patient's language.

use chrono::NaiveDate;

use crate::date::{IsoError, parse_iso, ymd};
use crate::episode::{DeclineReason, Episode, Event, EventKind, ExclusionReason, UncoveredCare};
use crate::regions::RegionCode;
use crate::step::Step;
use crate::text::normalise_digits;

/// The earliest date accepted; earlier input is almost certainly a typo.
pub const EARLIEST_DATE: NaiveDate = ymd(2000, 1, 1);
/// The longest episode title, in characters.
pub const MAX_TITLE_CHARS: usize = 80;

/// Why a date field was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    Missing,
    /// Not in the form ÅÅÅÅ-MM-DD.
    NotADate,
    /// The right form, but no such day (2025-02-30).
    Impossible,
    TooEarly,
    /// After today, for something that cannot have happened yet.
    InFuture,
    /// The end of a period is before its start.
    EndBeforeStart,
}

/// Parses `ÅÅÅÅ-MM-DD` (also `ÅÅÅÅMMDD`), surrounding spaces allowed, in ASCII
/// or Arabic-Indic digits ([`normalise_digits`]).
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let text = normalise_digits(text);
    let text = text.trim();
    if text.is_empty() {
        return Err(DateError::Missing);
    }
    let date = parse_iso(text).map_err(|error| match error {
        IsoError::Shape => DateError::NotADate,
        IsoError::Impossible => DateError::Impossible,
    })?;
    if date < EARLIEST_DATE {
        return Err(DateError::TooEarly);
    }
    Ok(date)
}

/// The kinds of event a patient can choose in the form. Each maps to one
/// [`EventKind`] once the step, dates and reason are known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventChoice {
    SoughtPrimaryCare,
    ReferralIssued,
    SelfReferralAccepted,
    TreatmentDecided,
    BupReferral,
    Booked,
    CareReceived,
    PatientChosenWait,
    MedicalWait,
    DeclinedElsewhere,
    AgreedToLaterDate,
    Renewed,
    Outside(UncoveredCare),
}

const CLOCK_STEPS: &[Step] = &[Step::SpecialistVisit, Step::Treatment];

impl EventChoice {
    pub const ALL: [EventChoice; 17] = [
        EventChoice::SoughtPrimaryCare,
        EventChoice::ReferralIssued,
        EventChoice::SelfReferralAccepted,
        EventChoice::TreatmentDecided,
        EventChoice::BupReferral,
        EventChoice::Booked,
        EventChoice::CareReceived,
        EventChoice::PatientChosenWait,
        EventChoice::MedicalWait,
        EventChoice::DeclinedElsewhere,
        EventChoice::AgreedToLaterDate,
        EventChoice::Renewed,
        EventChoice::Outside(UncoveredCare::ReturnVisit),
        EventChoice::Outside(UncoveredCare::LabTest),
        EventChoice::Outside(UncoveredCare::Investigation),
        EventChoice::Outside(UncoveredCare::Aid),
        EventChoice::Outside(UncoveredCare::PrivateWithoutAgreement),
    ];

    /// A stable identifier for form values.
    pub fn as_str(self) -> &'static str {
        match self {
            EventChoice::SoughtPrimaryCare => "sought_primary_care",
            EventChoice::ReferralIssued => "referral_issued",
            EventChoice::SelfReferralAccepted => "self_referral_accepted",
            EventChoice::TreatmentDecided => "treatment_decided",
            EventChoice::BupReferral => "bup_referral",
            EventChoice::Booked => "booked",
            EventChoice::CareReceived => "care_received",
            EventChoice::PatientChosenWait => "patient_chosen_wait",
            EventChoice::MedicalWait => "medical_wait",
            EventChoice::DeclinedElsewhere => "declined_elsewhere",
            EventChoice::AgreedToLaterDate => "agreed_to_later_date",
            EventChoice::Renewed => "renewed",
            EventChoice::Outside(UncoveredCare::ReturnVisit) => "return_visit",
            EventChoice::Outside(UncoveredCare::LabTest) => "lab_test",
            EventChoice::Outside(UncoveredCare::Investigation) => "investigation",
            EventChoice::Outside(UncoveredCare::Aid) => "aid",
            EventChoice::Outside(UncoveredCare::PrivateWithoutAgreement) => {
                "private_without_agreement"
            }
        }
    }

    pub fn parse(value: &str) -> Option<EventChoice> {
        EventChoice::ALL
            .into_iter()
            .find(|choice| choice.as_str() == value)
    }

    /// The steps the patient must pick between, empty when the choice implies its step.
    pub fn steps(self) -> &'static [Step] {
        match self {
            EventChoice::Booked | EventChoice::CareReceived | EventChoice::Renewed => &Step::ALL,
            EventChoice::PatientChosenWait
            | EventChoice::MedicalWait
            | EventChoice::DeclinedElsewhere
            | EventChoice::AgreedToLaterDate => CLOCK_STEPS,
            _ => &[],
        }
    }

    /// Whether the choice is a period with an end date.
    pub fn has_end(self) -> bool {
        matches!(
            self,
            EventChoice::PatientChosenWait | EventChoice::MedicalWait
        )
    }

    /// Whether the date may lie in the future (a booked time, a planned wait).
    pub fn allows_future(self) -> bool {
        matches!(
            self,
            EventChoice::Booked | EventChoice::PatientChosenWait | EventChoice::MedicalWait
        )
    }

    /// The choice that would produce `kind`, for editing a saved event.
    pub fn of(kind: EventKind) -> EventChoice {
        match kind {
            EventKind::SoughtPrimaryCare => EventChoice::SoughtPrimaryCare,
            EventKind::ReferralIssued => EventChoice::ReferralIssued,
            EventKind::SelfReferralAccepted => EventChoice::SelfReferralAccepted,
            EventKind::TreatmentDecided => EventChoice::TreatmentDecided,
            EventKind::BupReferral => EventChoice::BupReferral,
            EventKind::Booked { .. } => EventChoice::Booked,
            EventKind::CareReceived { .. } => EventChoice::CareReceived,
            EventKind::ExcludedTime {
                reason: ExclusionReason::PatientChosen,
                ..
            } => EventChoice::PatientChosenWait,
            EventKind::ExcludedTime {
                reason: ExclusionReason::Medical,
                ..
            } => EventChoice::MedicalWait,
            EventKind::Declined {
                reason: DeclineReason::OfferedElsewhere,
                ..
            } => EventChoice::DeclinedElsewhere,
            EventKind::Declined {
                reason: DeclineReason::AgreedToLaterDate,
                ..
            } => EventChoice::AgreedToLaterDate,
            EventKind::Renewed { .. } => EventChoice::Renewed,
            EventKind::OutsideGuarantee { care } => EventChoice::Outside(care),
        }
    }
}

/// The fields of the event form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventField {
    Step,
    Date,
    Until,
}

/// Why the event form was rejected, per field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventError {
    Date(DateError),
    /// The step is missing or does not fit the choice.
    StepRequired,
    /// Nothing in the episode starts this step's clock on or before the date.
    NoClockToActOn,
}

/// What the event form holds: text as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventDraft {
    pub choice: EventChoice,
    pub step: Option<Step>,
    pub date: String,
    pub until: String,
    /// Set when editing an existing event.
    pub editing: Option<u64>,
}

impl EventDraft {
    /// Validates the draft against `episode` on `today` and builds the event.
    pub fn validate(
        &self,
        episode: &Episode,
        today: NaiveDate,
    ) -> Result<Event, Vec<(EventField, EventError)>> {
        let mut errors = Vec::new();
        let date = check_date(&self.date, today, self.choice.allows_future())
            .map_err(|e| errors.push((EventField::Date, EventError::Date(e))))
            .ok();
        let until = if self.choice.has_end() {
            let until = check_date(&self.until, today, true);
            match (date, until) {
                (Some(from), Ok(until)) if until < from => {
                    errors.push((
                        EventField::Until,
                        EventError::Date(DateError::EndBeforeStart),
                    ));
                    None
                }
                (_, Ok(until)) => Some(until),
                (_, Err(e)) => {
                    errors.push((EventField::Until, EventError::Date(e)));
                    None
                }
            }
        } else {
            None
        };
        let steps = self.choice.steps();
        let step = match self.step {
            Some(step) if steps.contains(&step) => Some(step),
            _ if steps.is_empty() => None,
            _ => {
                errors.push((EventField::Step, EventError::StepRequired));
                None
            }
        };
        if let (Some(date), Some(step)) = (date, step)
            && !episode.has_clock_start(step, date, self.editing)
        {
            errors.push((EventField::Step, EventError::NoClockToActOn));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let (Some(date), id) = (
            date,
            self.editing.unwrap_or_else(|| episode.next_event_id()),
        ) else {
            return Err(vec![(
                EventField::Date,
                EventError::Date(DateError::Missing),
            )]);
        };
        let kind = build_kind(self.choice, step, until);
        match kind {
            Some(kind) => Ok(Event { id, date, kind }),
            None => Err(vec![(EventField::Step, EventError::StepRequired)]),
        }
    }
}

fn check_date(text: &str, today: NaiveDate, allows_future: bool) -> Result<NaiveDate, DateError> {
    let date = parse_date(text)?;
    if !allows_future && date > today {
        return Err(DateError::InFuture);
    }
    Ok(date)
}

fn build_kind(
    choice: EventChoice,
    step: Option<Step>,
    until: Option<NaiveDate>,
) -> Option<EventKind> {
    Some(match choice {
        EventChoice::SoughtPrimaryCare => EventKind::SoughtPrimaryCare,
        EventChoice::ReferralIssued => EventKind::ReferralIssued,
        EventChoice::SelfReferralAccepted => EventKind::SelfReferralAccepted,
        EventChoice::TreatmentDecided => EventKind::TreatmentDecided,
        EventChoice::BupReferral => EventKind::BupReferral,
        EventChoice::Outside(care) => EventKind::OutsideGuarantee { care },
        EventChoice::Booked => EventKind::Booked { step: step? },
        EventChoice::CareReceived => EventKind::CareReceived { step: step? },
        EventChoice::Renewed => EventKind::Renewed { step: step? },
        EventChoice::PatientChosenWait => EventKind::ExcludedTime {
            step: step?,
            until: until?,
            reason: ExclusionReason::PatientChosen,
        },
        EventChoice::MedicalWait => EventKind::ExcludedTime {
            step: step?,
            until: until?,
            reason: ExclusionReason::Medical,
        },
        EventChoice::DeclinedElsewhere => EventKind::Declined {
            step: step?,
            reason: DeclineReason::OfferedElsewhere,
        },
        EventChoice::AgreedToLaterDate => EventKind::Declined {
            step: step?,
            reason: DeclineReason::AgreedToLaterDate,
        },
    })
}

/// Why the episode form was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EpisodeError {
    TitleMissing,
    TitleTooLong,
    UnknownRegion,
}

/// Checks an episode's title and region (an empty region means "not chosen").
pub fn validate_episode(
    title: &str,
    region: &str,
) -> Result<(String, Option<RegionCode>), Vec<EpisodeError>> {
    let mut errors = Vec::new();
    let title = title.trim();
    if title.is_empty() {
        errors.push(EpisodeError::TitleMissing);
    } else if title.chars().count() > MAX_TITLE_CHARS {
        errors.push(EpisodeError::TitleTooLong);
    }
    let region = match region.trim() {
        "" => None,
        code => {
            let parsed = RegionCode::parse(code);
            if parsed.is_none() {
                errors.push(EpisodeError::UnknownRegion);
            }
            parsed
        }
    };
    if errors.is_empty() {
        Ok((title.to_owned(), region))
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: NaiveDate = ymd(2026, 11, 25);

    fn episode(events: Vec<Event>) -> Episode {
        Episode {
            id: 1,
            title: "Höften".into(),
            region: None,
            events,
            places: Default::default(),
        }
    }

    fn draft(choice: EventChoice, step: Option<Step>, date: &str, until: &str) -> EventDraft {
        EventDraft {
            choice,
            step,
            date: date.into(),
            until: until.into(),
            editing: None,
        }
    }

    #[test]
    fn dates_parse_in_iso_and_compact_form() {
        assert_eq!(parse_date("2026-09-01"), Ok(ymd(2026, 9, 1)));
        assert_eq!(parse_date(" 20260901 "), Ok(ymd(2026, 9, 1)));
    }

    #[test]
    fn dates_typed_in_arabic_indic_digits_are_the_same_dates() {
        assert_eq!(parse_date("٢٠٢٦-١٢-٠٧"), Ok(ymd(2026, 12, 7)));
        assert_eq!(parse_date(" ۲۰۲۶۱۲۰۷ "), Ok(ymd(2026, 12, 7)));
        // Copied from an Arabic hint, with its isolates.
        assert_eq!(
            parse_date("\u{2066}2026-12-07\u{2069}"),
            Ok(ymd(2026, 12, 7))
        );
        assert_eq!(parse_date("٢٠٢٥-٠٢-٢٩"), Err(DateError::Impossible));
        assert_eq!(parse_date("٢٠٢٦/١٢/٠٧"), Err(DateError::NotADate));
    }

    /// Each ASCII digit of `text` as the digit `zero` begins (U+0660 or U+06F0).
    fn in_digits_from(text: &str, zero: u32) -> String {
        text.chars()
            .map(|c| match c.to_digit(10) {
                Some(d) if c.is_ascii_digit() => char::from_u32(zero + d).unwrap_or(c),
                _ => c,
            })
            .collect()
    }

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        #[test]
        fn a_date_in_arabic_indic_digits_parses_as_in_ascii_digits(
            text in proptest::prop_oneof![
                (2000u32..2100, 1u32..13, 1u32..29)
                    .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
                "[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{8}|[0-9 -]{0,12}",
            ]
        ) {
            let ascii = parse_date(&text);
            proptest::prop_assert_eq!(parse_date(&in_digits_from(&text, 0x0660)), ascii);
            proptest::prop_assert_eq!(parse_date(&in_digits_from(&text, 0x06F0)), ascii);
        }
    }

    #[test]
    fn bad_dates_get_a_reason() {
        assert_eq!(parse_date(""), Err(DateError::Missing));
        assert_eq!(parse_date("   "), Err(DateError::Missing));
        assert_eq!(parse_date("igår"), Err(DateError::NotADate));
        assert_eq!(parse_date("1 september"), Err(DateError::NotADate));
        assert_eq!(parse_date("2026-9-1"), Err(DateError::NotADate));
        assert_eq!(parse_date("2026-09-01-"), Err(DateError::NotADate));
        assert_eq!(parse_date("2026-0901"), Err(DateError::NotADate));
        assert_eq!(parse_date("2026–09–01"), Err(DateError::NotADate));
        assert_eq!(parse_date("2025-02-29"), Err(DateError::Impossible));
        assert_eq!(parse_date("2026-13-01"), Err(DateError::Impossible));
        assert_eq!(parse_date("0202-01-01"), Err(DateError::TooEarly));
    }

    #[test]
    fn a_start_event_cannot_be_in_the_future_but_a_booking_can() {
        let ep = episode(vec![Event {
            id: 1,
            date: ymd(2026, 9, 1),
            kind: EventKind::ReferralIssued,
        }]);
        let referral = draft(EventChoice::ReferralIssued, None, "2026-11-26", "");
        assert_eq!(
            referral.validate(&ep, TODAY),
            Err(vec![(
                EventField::Date,
                EventError::Date(DateError::InFuture)
            )])
        );
        let booked = draft(
            EventChoice::Booked,
            Some(Step::SpecialistVisit),
            "2026-12-01",
            "",
        );
        let event = booked.validate(&ep, TODAY).unwrap();
        assert_eq!(
            (event.id, event.kind),
            (
                2,
                EventKind::Booked {
                    step: Step::SpecialistVisit
                }
            )
        );
    }

    #[test]
    fn a_period_ending_before_it_starts_is_rejected_beside_the_end_field() {
        let ep = episode(vec![Event {
            id: 1,
            date: ymd(2026, 9, 1),
            kind: EventKind::TreatmentDecided,
        }]);
        let wait = draft(
            EventChoice::PatientChosenWait,
            Some(Step::Treatment),
            "2026-10-10",
            "2026-10-01",
        );
        assert_eq!(
            wait.validate(&ep, TODAY),
            Err(vec![(
                EventField::Until,
                EventError::Date(DateError::EndBeforeStart)
            )])
        );
        let ok = draft(
            EventChoice::PatientChosenWait,
            Some(Step::Treatment),
            "2026-10-01",
            "2026-10-10",
        );
        assert!(matches!(
            ok.validate(&ep, TODAY).unwrap().kind,
            EventKind::ExcludedTime { .. }
        ));
    }

    #[test]
    fn acting_on_a_step_needs_a_step_and_a_running_clock() {
        let ep = episode(vec![Event {
            id: 1,
            date: ymd(2026, 9, 1),
            kind: EventKind::ReferralIssued,
        }]);
        let no_step = draft(EventChoice::CareReceived, None, "2026-10-01", "");
        assert_eq!(
            no_step.validate(&ep, TODAY),
            Err(vec![(EventField::Step, EventError::StepRequired)])
        );
        let wrong = draft(
            EventChoice::CareReceived,
            Some(Step::Treatment),
            "2026-10-01",
            "",
        );
        assert_eq!(
            wrong.validate(&ep, TODAY),
            Err(vec![(EventField::Step, EventError::NoClockToActOn)])
        );
        let before = draft(
            EventChoice::CareReceived,
            Some(Step::SpecialistVisit),
            "2026-08-01",
            "",
        );
        assert_eq!(
            before.validate(&ep, TODAY),
            Err(vec![(EventField::Step, EventError::NoClockToActOn)])
        );
        let excluded_for_assessment = draft(
            EventChoice::MedicalWait,
            Some(Step::PrimaryCareAssessment),
            "2026-10-01",
            "2026-10-02",
        );
        assert_eq!(
            excluded_for_assessment.validate(&ep, TODAY),
            Err(vec![(EventField::Step, EventError::StepRequired)])
        );
    }

    #[test]
    fn every_error_is_reported_at_once() {
        let ep = episode(vec![]);
        let bad = draft(EventChoice::MedicalWait, None, "x", "2025-02-30");
        let errors = bad.validate(&ep, TODAY).unwrap_err();
        assert_eq!(
            errors,
            vec![
                (EventField::Date, EventError::Date(DateError::NotADate)),
                (EventField::Until, EventError::Date(DateError::Impossible)),
                (EventField::Step, EventError::StepRequired),
            ]
        );
    }

    #[test]
    fn editing_keeps_the_id_and_ignores_the_event_itself_as_a_clock_start() {
        let ep = episode(vec![Event {
            id: 4,
            date: ymd(2026, 9, 1),
            kind: EventKind::ReferralIssued,
        }]);
        let mut edit = draft(EventChoice::ReferralIssued, None, "2026-09-02", "");
        edit.editing = Some(4);
        assert_eq!(edit.validate(&ep, TODAY).unwrap().id, 4);
    }

    #[test]
    fn choices_round_trip_through_their_identifiers_and_events() {
        for choice in EventChoice::ALL {
            assert_eq!(EventChoice::parse(choice.as_str()), Some(choice));
            let step = choice
                .steps()
                .iter()
                .copied()
                .find(|s| *s == Step::Treatment)
                .or(choice.steps().first().copied());
            let kind = build_kind(choice, step, Some(TODAY)).unwrap();
            assert_eq!(EventChoice::of(kind), choice);
        }
    }

    #[test]
    fn episodes_need_a_title_of_sensible_length_and_a_known_region() {
        assert_eq!(
            validate_episode("  Höften ", "01"),
            Ok(("Höften".into(), RegionCode::parse("01")))
        );
        assert_eq!(validate_episode("Knät", ""), Ok(("Knät".into(), None)));
        assert_eq!(
            validate_episode(" ", "99"),
            Err(vec![
                EpisodeError::TitleMissing,
                EpisodeError::UnknownRegion
            ])
        );
        assert_eq!(
            validate_episode(&"å".repeat(81), ""),
            Err(vec![EpisodeError::TitleTooLong])
        );
    }
}
