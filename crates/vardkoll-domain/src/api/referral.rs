//! Referral requests (vårdförmedling): what the patient sends, what the server
//! answers, and the checks every request must pass.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::answer::{DeclineReason, Offer, PatientAnswer};
use super::problem::FieldProblem;
use crate::personnummer::{IdentityNumber, IdentityNumberError};
use crate::step::Step;
use crate::text::{check_text, is_blank};

/// The most providers a patient may list, in order of preference.
pub const MAX_PREFERRED_PROVIDERS: usize = 5;
/// The farthest a patient may say they can travel, in kilometres (Sweden
/// from end to end is about 1,600).
pub const MAX_TRAVEL_KM: u16 = 2000;
/// The distances the request form offers (and "anywhere").
pub const TRAVEL_CHOICES_KM: [u16; 5] = [25, 50, 100, 200, 400];
/// The longest free-text message, in characters.
pub const MAX_MESSAGE_CHARS: usize = 1000;
const MAX_NAME_CHARS: usize = 100;
const MAX_TEXT_CHARS: usize = 200;
const MAX_LANGUAGE_CHARS: usize = 50;

/// The referral the patient already has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CurrentReferral {
    pub clinic: String,
    /// YYYY-MM-DD.
    pub date: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Interpreter {
    pub needed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// Where the guarantee deadline stood when the request was sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineState {
    /// Still running: the patient asks under free choice.
    Running,
    /// The booked time is after the deadline.
    WillBeMissed,
    /// The deadline has passed without care.
    Missed,
}

/// The care-guarantee deadline a request is about (sent when it comes from the
/// patient's episode), so the region sees at once whether it must arrange care.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GuaranteeDeadline {
    /// `specialist_visit` or `treatment`: the steps whose deadline the region must keep.
    pub step: Step,
    #[serde(with = "crate::date::iso_serde")]
    pub deadline: NaiveDate,
    pub state: DeadlineState,
}

impl GuaranteeDeadline {
    /// Whether the region must arrange care elsewhere (HSL 9 kap. 1 §).
    pub fn broken(&self) -> bool {
        self.state != DeadlineState::Running
    }
}

/// The body of `POST /api/v1/referrals`, as sent.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewReferral {
    pub personal_identity_number: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub service_code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_referral: Option<CurrentReferral>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guarantee: Option<GuaranteeDeadline>,
    pub preferred_providers: Vec<String>,
    pub can_travel: bool,
    /// How far the patient can travel, in kilometres from their home region's
    /// seat; none: anywhere in the country. Only with `canTravel`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_travel_km: Option<u16>,
    pub interpreter: Interpreter,
    #[serde(default)]
    pub message: String,
    pub consent_to_share: bool,
    /// The county code of the patient's home region: whose care navigators
    /// handle the request. Optional on the wire (older clients send none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_region: Option<String>,
}

impl std::fmt::Debug for NewReferral {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewReferral")
            .field("service_code", &self.service_code)
            .finish_non_exhaustive()
    }
}

/// A request that passed every check; the identity number is normalised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidReferral {
    pub identity_number: IdentityNumber,
    pub request: NewReferral,
}

/// The stable, machine-readable code of a [`FieldProblem`]: one variant for
/// every code the checks here and the server produce. The app words each one for
/// the patient by an exhaustive `match` in every language, so a code without
/// texts in all of them does not compile.
///
/// On the wire a code is its [`as_str`](ProblemCode::as_str) string, and serde
/// uses the same strings, so the JSON is byte for byte what it was when codes
/// were plain strings.
///
/// A code this build does not know (say, from a newer server) deserialises as
/// [`Unrecognised`](ProblemCode::Unrecognised) instead of failing the whole
/// answer: the patient still sees which field is wrong, with a general message.
/// The unknown string is not kept (there is deliberately no `Other(String)`), so
/// every `match` stays closed over the codes this build can word. Nothing
/// produces `Unrecognised`; serialised (say, when a rejected request is saved in
/// the browser) it is `"unrecognised"`, which reads back as itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemCode {
    /// Not in the expected form: identity number, phone, e-mail, a date, a query value.
    Format,
    /// The identity number's date of birth is not a real past day.
    Date,
    /// The identity number's control digit does not match.
    ControlDigit,
    /// Missing or blank.
    Required,
    /// Longer than allowed.
    TooLong,
    /// Neither a phone number nor an e-mail address.
    ContactRequired,
    /// No such service, provider, region or query parameter.
    Unknown,
    /// A date after today.
    InFuture,
    /// A guarantee step whose deadline does not oblige the region.
    NotEnforced,
    /// More preferred providers than allowed.
    TooMany,
    /// A provider listed twice.
    Duplicate,
    /// JSON of the wrong shape: an unknown, missing or mistyped field (server).
    Shape,
    /// A number out of range (server).
    Range,
    /// Control characters or direction overrides in text (see [`crate::text`]).
    Characters,
    /// A code this build does not know; see the type's documentation.
    Unrecognised,
}

impl ProblemCode {
    /// Every code that is produced: all but [`ProblemCode::Unrecognised`]. A new
    /// code goes here too, so the tests check its wire string and its words.
    pub const ALL: [ProblemCode; 14] = [
        ProblemCode::Format,
        ProblemCode::Date,
        ProblemCode::ControlDigit,
        ProblemCode::Required,
        ProblemCode::TooLong,
        ProblemCode::ContactRequired,
        ProblemCode::Unknown,
        ProblemCode::InFuture,
        ProblemCode::NotEnforced,
        ProblemCode::TooMany,
        ProblemCode::Duplicate,
        ProblemCode::Shape,
        ProblemCode::Range,
        ProblemCode::Characters,
    ];

    /// The wire string.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemCode::Format => "format",
            ProblemCode::Date => "date",
            ProblemCode::ControlDigit => "control_digit",
            ProblemCode::Required => "required",
            ProblemCode::TooLong => "too_long",
            ProblemCode::ContactRequired => "contact_required",
            ProblemCode::Unknown => "unknown",
            ProblemCode::InFuture => "in_future",
            ProblemCode::NotEnforced => "not_enforced",
            ProblemCode::TooMany => "too_many",
            ProblemCode::Duplicate => "duplicate",
            ProblemCode::Shape => "shape",
            ProblemCode::Range => "range",
            ProblemCode::Characters => "characters",
            ProblemCode::Unrecognised => "unrecognised",
        }
    }

    /// The code a wire string names; any string this build does not know is
    /// [`ProblemCode::Unrecognised`] (as when read by serde).
    pub fn parse(text: &str) -> ProblemCode {
        ProblemCode::ALL
            .into_iter()
            .find(|code| code.as_str() == text)
            .unwrap_or(ProblemCode::Unrecognised)
    }
}

impl std::fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The wire string.
impl From<ProblemCode> for String {
    fn from(code: ProblemCode) -> String {
        code.as_str().to_owned()
    }
}

fn problem(field: &str, code: ProblemCode, detail: &str) -> FieldProblem {
    FieldProblem {
        field: field.to_owned(),
        code,
        detail: detail.to_owned(),
    }
}

fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && email.len() <= 254
        && !domain.contains('@')
}

fn valid_phone(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()".contains(c))
        && (7..=15).contains(&digits)
}

impl NewReferral {
    /// A complete, valid request from Tolvan Tolvansson (Skatteverket's test
    /// person) for a hip replacement at providers `p1` and `p2`: for tests and
    /// documentation.
    pub fn example() -> NewReferral {
        NewReferral {
            personal_identity_number: "19121212-1212".into(),
            name: "Tolvan Tolvansson".into(),
            phone: Some("070-123 45 67".into()),
            email: None,
            service_code: "op-hoft".into(),
            current_referral: Some(CurrentReferral {
                clinic: "Ortopeden".into(),
                date: "2026-09-01".into(),
            }),
            guarantee: None,
            preferred_providers: vec!["p1".into(), "p2".into()],
            can_travel: true,
            max_travel_km: None,
            interpreter: Interpreter {
                needed: false,
                language: None,
            },
            message: String::new(),
            consent_to_share: true,
            home_region: None,
        }
    }

    /// Every check the server makes (and the app makes before sending), all at once.
    /// `known_provider` and `known_service` look ids up in the catalogue.
    pub fn validate(
        self,
        today: NaiveDate,
        known_service: impl Fn(&str) -> bool,
        known_provider: impl Fn(&str) -> bool,
    ) -> Result<ValidReferral, Vec<FieldProblem>> {
        let mut errors = Vec::new();
        let identity = IdentityNumber::parse(&self.personal_identity_number, today).map_err(|e| {
            let (code, detail) = match e {
                IdentityNumberError::Format => {
                    (ProblemCode::Format, "expected YYYYMMDD-NNNN or YYMMDD-NNNN")
                }
                IdentityNumberError::Date => (
                    ProblemCode::Date,
                    "the date of birth is not a real past day",
                ),
                IdentityNumberError::ControlDigit => (
                    ProblemCode::ControlDigit,
                    "the control digit does not match",
                ),
            };
            errors.push(problem("personalIdentityNumber", code, detail));
        });
        let name = self.name.trim();
        if is_blank(name) {
            errors.push(problem(
                "name",
                ProblemCode::Required,
                "the name is required",
            ));
        } else if let Err(code) = check_text(name, MAX_NAME_CHARS, false) {
            errors.push(problem(
                "name",
                code,
                "at most 100 characters, no control or direction characters",
            ));
        }
        let phone = self
            .phone
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty());
        let email = self
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty());
        if phone.is_none() && email.is_none() {
            errors.push(problem(
                "phone",
                ProblemCode::ContactRequired,
                "give a phone number or an e-mail address",
            ));
        }
        if phone.is_some_and(|p| !valid_phone(p)) {
            errors.push(problem(
                "phone",
                ProblemCode::Format,
                "7 to 15 digits; spaces, +, - and brackets allowed",
            ));
        }
        if email.is_some_and(|e| !valid_email(e)) {
            errors.push(problem(
                "email",
                ProblemCode::Format,
                "not an e-mail address",
            ));
        }
        if !known_service(&self.service_code) {
            errors.push(problem(
                "serviceCode",
                ProblemCode::Unknown,
                "no such service",
            ));
        }
        if let Some(current) = &self.current_referral {
            if is_blank(&current.clinic) {
                errors.push(problem(
                    "currentReferral/clinic",
                    ProblemCode::Required,
                    "the clinic, at most 200 characters",
                ));
            } else if let Err(code) = check_text(&current.clinic, MAX_TEXT_CHARS, false) {
                errors.push(problem(
                    "currentReferral/clinic",
                    code,
                    "the clinic, at most 200 characters, no control or direction characters",
                ));
            }
            match crate::date::parse_iso(&current.date) {
                Ok(date) if date <= today => {}
                Ok(_) => errors.push(problem(
                    "currentReferral/date",
                    ProblemCode::InFuture,
                    "the date is after today",
                )),
                Err(_) => errors.push(problem(
                    "currentReferral/date",
                    ProblemCode::Format,
                    "expected YYYY-MM-DD",
                )),
            }
        }
        if let Some(guarantee) = &self.guarantee
            && !matches!(guarantee.step, Step::SpecialistVisit | Step::Treatment)
        {
            errors.push(problem(
                "guarantee/step",
                ProblemCode::NotEnforced,
                "only the specialist-visit and treatment deadlines oblige the region",
            ));
        }
        if self.preferred_providers.is_empty() {
            errors.push(problem(
                "preferredProviders",
                ProblemCode::Required,
                "choose at least one provider",
            ));
        } else if self.preferred_providers.len() > MAX_PREFERRED_PROVIDERS {
            errors.push(problem(
                "preferredProviders",
                ProblemCode::TooMany,
                "at most 5 providers",
            ));
        }
        for (i, id) in self.preferred_providers.iter().enumerate() {
            if !known_provider(id) {
                errors.push(problem(
                    &format!("preferredProviders/{i}"),
                    ProblemCode::Unknown,
                    "no such provider",
                ));
            } else if self.preferred_providers[..i].contains(id) {
                errors.push(problem(
                    &format!("preferredProviders/{i}"),
                    ProblemCode::Duplicate,
                    "listed twice",
                ));
            }
        }
        match self.max_travel_km {
            Some(km) if !(1..=MAX_TRAVEL_KM).contains(&km) => errors.push(problem(
                "maxTravelKm",
                ProblemCode::Range,
                "1 to 2000 kilometres, or none for anywhere",
            )),
            Some(_) if !self.can_travel => errors.push(problem(
                "maxTravelKm",
                ProblemCode::Format,
                "only when the patient can travel",
            )),
            _ => {}
        }
        if self.interpreter.needed {
            let language = self.interpreter.language.as_deref().unwrap_or("");
            if is_blank(language) {
                errors.push(problem(
                    "interpreter/language",
                    ProblemCode::Required,
                    "which language",
                ));
            } else if let Err(code) = check_text(language, MAX_LANGUAGE_CHARS, false) {
                errors.push(problem(
                    "interpreter/language",
                    code,
                    "a language, at most 50 characters",
                ));
            }
        }
        if let Err(code) = check_text(&self.message, MAX_MESSAGE_CHARS, true) {
            errors.push(problem(
                "message",
                code,
                "at most 1000 characters, no control or direction characters",
            ));
        }
        if !self.consent_to_share {
            errors.push(problem(
                "consentToShare",
                ProblemCode::Required,
                "consent is needed to send the request",
            ));
        }
        if let Some(code) = &self.home_region
            && crate::regions::RegionCode::parse(code).is_none()
        {
            errors.push(problem(
                "homeRegion",
                ProblemCode::Unknown,
                "no such region (a two-digit county code)",
            ));
        }
        match identity {
            Ok(identity_number) if errors.is_empty() => Ok(ValidReferral {
                identity_number,
                request: self,
            }),
            _ => Err(errors),
        }
    }
}

/// Where a request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferralStatus {
    Received,
    UnderReview,
    Offered,
    Declined,
    Withdrawn,
    /// The patient accepted the time offered.
    Booked,
    /// The patient declined the care offered.
    OfferDeclined,
}

impl ReferralStatus {
    pub const ALL: [ReferralStatus; 7] = [
        ReferralStatus::Received,
        ReferralStatus::UnderReview,
        ReferralStatus::Offered,
        ReferralStatus::Declined,
        ReferralStatus::Withdrawn,
        ReferralStatus::Booked,
        ReferralStatus::OfferDeclined,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReferralStatus::Received => "received",
            ReferralStatus::UnderReview => "under_review",
            ReferralStatus::Offered => "offered",
            ReferralStatus::Declined => "declined",
            ReferralStatus::Withdrawn => "withdrawn",
            ReferralStatus::Booked => "booked",
            ReferralStatus::OfferDeclined => "offer_declined",
        }
    }

    pub fn parse(text: &str) -> Option<ReferralStatus> {
        ReferralStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether the region side may move a request from `self` to `next`
    /// (the patient's own answers are [`super::PatientAnswer::moves`]).
    pub fn may_become(self, next: ReferralStatus) -> bool {
        use ReferralStatus::*;
        matches!(
            (self, next),
            (Received, UnderReview | Declined | Withdrawn)
                | (UnderReview, Offered | Declined | Withdrawn)
                | (Offered, Withdrawn)
        )
    }

    /// Whether the request is closed: no move leads anywhere from here.
    pub fn is_closed(self) -> bool {
        ReferralStatus::ALL
            .iter()
            .all(|next| !self.may_become(*next))
    }
}

/// One entry of a request's history: the status it moved to, and what the
/// region said with it. A reader ignores fields it does not know (an app built
/// before the server learned them keeps working).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusChange {
    pub status: ReferralStatus,
    /// RFC 3339 time.
    pub at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The time offered, with the status `offered`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer: Option<Offer>,
    /// Why, with the status `declined`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decline_reason: Option<DeclineReason>,
    /// The patient's answer that made this change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<PatientAnswer>,
    /// The offer's answer window closed without an answer: the time went
    /// back and the request to the region's queue.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub expired: bool,
}

impl StatusChange {
    /// A change with nothing said but an optional note.
    pub fn new(
        status: ReferralStatus,
        at: impl Into<String>,
        note: Option<String>,
    ) -> StatusChange {
        StatusChange {
            status,
            at: at.into(),
            note,
            offer: None,
            decline_reason: None,
            answer: None,
            expired: false,
        }
    }
}

/// The answer to a successful create: keep `token`, it is the only way to read the request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReferralCreated {
    pub reference: String,
    pub token: String,
    pub status: ReferralStatus,
    pub created_at: String,
}

/// What the token holder may read: status and history, never the personal data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReferralView {
    pub reference: String,
    pub status: ReferralStatus,
    pub service_code: String,
    /// The providers the patient asked for, first choice first (catalogue
    /// ids): what another device shows as "Önskade vårdgivare".
    pub preferred_providers: Vec<String>,
    /// The home region the request named (county code): the next request's
    /// form starts with it, on any device the patient signs in on.
    pub home_region: Option<String>,
    pub history: Vec<StatusChange>,
}

crate::wire_name::deserialize_by_name!(
    ReferralStatus,
    all = ReferralStatus::ALL,
    name = ReferralStatus::as_str
);

crate::wire_name::deserialize_by_name!(
    ProblemCode,
    all = ProblemCode::ALL,
    name = ProblemCode::as_str,
    unknown = ProblemCode::Unrecognised
);

crate::wire_name::read_by_wire_name!(DeadlineState {
    Running => "running",
    WillBeMissed => "will_be_missed",
    Missed => "missed",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadline_states_are_read_by_their_wire_names() {
        crate::wire_name::check_round_trip(DeadlineState::VARIANTS, DeadlineState::wire_name);
    }

    #[test]
    fn statuses_are_read_by_their_wire_names() {
        crate::wire_name::check_round_trip(&ReferralStatus::ALL, ReferralStatus::as_str);
    }
    use crate::date::ymd;

    fn request() -> NewReferral {
        NewReferral::example()
    }

    fn check(r: NewReferral) -> Result<ValidReferral, Vec<String>> {
        r.validate(
            ymd(2026, 11, 25),
            |s| s == "op-hoft",
            |p| p.starts_with('p'),
        )
        .map_err(|errors| {
            errors
                .into_iter()
                .map(|e| format!("{}:{}", e.field, e.code))
                .collect()
        })
    }

    #[test]
    fn a_complete_request_passes_with_a_normalised_identity_number() {
        let valid = check(request()).unwrap();
        assert_eq!(valid.identity_number.as_str(), "191212121212");
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let bad = NewReferral {
            personal_identity_number: "19121212-1213".into(),
            name: " ".into(),
            phone: Some("12".into()),
            email: Some("not-an-email".into()),
            service_code: "dentist".into(),
            current_referral: Some(CurrentReferral {
                clinic: "".into(),
                date: "2027-01-01".into(),
            }),
            guarantee: Some(GuaranteeDeadline {
                step: Step::BupAssessment,
                deadline: ymd(2026, 1, 1),
                state: DeadlineState::Missed,
            }),
            preferred_providers: vec!["p1".into(), "x".into(), "p1".into()],
            can_travel: false,
            max_travel_km: Some(50),
            interpreter: Interpreter {
                needed: true,
                language: None,
            },
            message: "å".repeat(1001),
            consent_to_share: false,
            home_region: Some("99".into()),
        };
        assert_eq!(
            check(bad).unwrap_err(),
            vec![
                "personalIdentityNumber:control_digit",
                "name:required",
                "phone:format",
                "email:format",
                "serviceCode:unknown",
                "currentReferral/clinic:required",
                "currentReferral/date:in_future",
                "guarantee/step:not_enforced",
                "preferredProviders/1:unknown",
                "preferredProviders/2:duplicate",
                "maxTravelKm:format",
                "interpreter/language:required",
                "message:too_long",
                "consentToShare:required",
                "homeRegion:unknown",
            ]
        );
    }

    #[test]
    fn how_far_the_patient_can_travel_is_in_range_or_anywhere() {
        for ok in [None, Some(1), Some(50), Some(MAX_TRAVEL_KM)] {
            let request = NewReferral {
                max_travel_km: ok,
                ..request()
            };
            assert!(check(request).is_ok(), "{ok:?}");
        }
        for bad in [0, MAX_TRAVEL_KM + 1] {
            let request = NewReferral {
                max_travel_km: Some(bad),
                ..request()
            };
            assert_eq!(check(request).unwrap_err(), ["maxTravelKm:range"]);
        }
    }

    #[test]
    fn a_home_region_is_a_county_code_and_may_be_left_out() {
        for ok in [None, Some("01"), Some("25")] {
            let request = NewReferral {
                home_region: ok.map(str::to_owned),
                ..request()
            };
            assert!(check(request).is_ok(), "{ok:?}");
        }
        for bad in ["1", "02", "stockholm", ""] {
            let request = NewReferral {
                home_region: Some(bad.into()),
                ..request()
            };
            assert_eq!(
                check(request).unwrap_err(),
                vec!["homeRegion:unknown"],
                "{bad}"
            );
        }
        // Left out, the request is written as before (the same body hash).
        let text = serde_json::to_string(&request()).unwrap();
        assert!(!text.contains("homeRegion"), "{text}");
    }

    #[test]
    fn a_contact_route_is_required_and_emails_are_checked() {
        let none = NewReferral {
            phone: None,
            email: Some("  ".into()),
            ..request()
        };
        assert_eq!(check(none).unwrap_err(), vec!["phone:contact_required"]);
        for ok in ["a@b.se", "tolvan.t+vk@example.org"] {
            assert!(
                check(NewReferral {
                    phone: None,
                    email: Some(ok.into()),
                    ..request()
                })
                .is_ok(),
                "{ok}"
            );
        }
        for bad in ["a@b", "@b.se", "a b@c.se", "a@.se", "a@b.se.", "a@b@c.se"] {
            assert!(
                check(NewReferral {
                    phone: None,
                    email: Some(bad.into()),
                    ..request()
                })
                .is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn providers_are_bounded() {
        let none = NewReferral {
            preferred_providers: vec![],
            ..request()
        };
        assert_eq!(
            check(none).unwrap_err(),
            vec!["preferredProviders:required"]
        );
        let many = NewReferral {
            preferred_providers: (1..=6).map(|i| format!("p{i}")).collect(),
            ..request()
        };
        assert_eq!(
            check(many).unwrap_err(),
            vec!["preferredProviders:too_many"]
        );
    }

    #[test]
    fn status_moves_only_forward() {
        use ReferralStatus::*;
        assert!(Received.may_become(UnderReview));
        assert!(UnderReview.may_become(Offered));
        assert!(!Offered.may_become(Received));
        assert!(!Declined.may_become(Offered));
        assert!(!Withdrawn.may_become(Withdrawn));
        for s in ReferralStatus::ALL {
            assert_eq!(ReferralStatus::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn declined_withdrawn_booked_and_refused_requests_are_closed_the_others_open() {
        use ReferralStatus::*;
        let closed: Vec<_> = ReferralStatus::ALL
            .into_iter()
            .filter(|s| s.is_closed())
            .collect();
        assert_eq!(closed, vec![Declined, Withdrawn, Booked, OfferDeclined]);
    }

    #[test]
    fn every_code_round_trips_through_serde_as_its_wire_string() {
        let mut seen = std::collections::HashSet::new();
        for code in ProblemCode::ALL
            .into_iter()
            .chain([ProblemCode::Unrecognised])
        {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ProblemCode>(&json).unwrap(), code);
            assert_eq!(ProblemCode::parse(code.as_str()), code);
            assert_eq!(String::from(code), code.to_string());
            assert!(
                seen.insert(code.as_str()),
                "{code:?} shares its wire string"
            );
        }
        assert!(!ProblemCode::ALL.contains(&ProblemCode::Unrecognised));
    }

    #[test]
    fn a_code_this_build_does_not_know_still_reads() {
        let code: ProblemCode = serde_json::from_str(r#""added_later""#).unwrap();
        assert_eq!(code, ProblemCode::Unrecognised);
        assert_eq!(ProblemCode::parse("added_later"), ProblemCode::Unrecognised);
        let problem: FieldProblem =
            serde_json::from_str(r#"{"field":"name","code":"added_later","detail":""}"#).unwrap();
        assert_eq!(problem.code, ProblemCode::Unrecognised);
        assert!(serde_json::from_str::<ProblemCode>("7").is_err());
    }

    #[test]
    fn problems_read_the_same_on_the_wire() {
        let problem = problem(
            "personalIdentityNumber",
            ProblemCode::ControlDigit,
            "the control digit does not match",
        );
        let json = r#"{"field":"personalIdentityNumber","code":"control_digit","detail":"the control digit does not match"}"#;
        assert_eq!(serde_json::to_string(&problem).unwrap(), json);
        assert_eq!(serde_json::from_str::<FieldProblem>(json).unwrap(), problem);
        assert_eq!(problem.code, ProblemCode::ControlDigit);
    }

    #[test]
    fn debug_output_of_a_request_holds_no_personal_data() {
        let text = format!("{:?}", request());
        assert!(!text.contains("1212") && !text.contains("Tolvan") && !text.contains("070"));
    }
}
