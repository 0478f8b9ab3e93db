//! The steps of care the guarantee covers. Each has its own clock.

use serde::Serialize;

/// One step of the care guarantee (HSL 9 kap. 1 §) or the BUP target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Contact with primary care, the same day.
    PrimaryCareContact,
    /// A medical assessment in primary care.
    PrimaryCareAssessment,
    /// A first visit in specialised care.
    SpecialistVisit,
    /// Planned treatment or operation.
    Treatment,
    /// Child and adolescent psychiatry: first assessment (target, not law).
    BupAssessment,
    /// Child and adolescent psychiatry: in-depth investigation or treatment (target).
    BupInDepth,
}

impl Step {
    pub const ALL: [Step; 6] = [
        Step::PrimaryCareContact,
        Step::PrimaryCareAssessment,
        Step::SpecialistVisit,
        Step::Treatment,
        Step::BupAssessment,
        Step::BupInDepth,
    ];

    /// A stable identifier, used in form values and calendar UIDs.
    pub const fn as_str(self) -> &'static str {
        match self {
            Step::PrimaryCareContact => "primary_care_contact",
            Step::PrimaryCareAssessment => "primary_care_assessment",
            Step::SpecialistVisit => "specialist_visit",
            Step::Treatment => "treatment",
            Step::BupAssessment => "bup_assessment",
            Step::BupInDepth => "bup_in_depth",
        }
    }

    /// The steps that come before this one on the same path through care. This
    /// step's clock starts only once their care has been given (a decision to
    /// treat follows the first visit; a referral follows the assessment), so
    /// its start closes their open clocks as done ([`crate::deadline`]).
    pub const fn earlier_steps(self) -> &'static [Step] {
        match self {
            Step::PrimaryCareContact | Step::BupAssessment => &[],
            Step::PrimaryCareAssessment => &[Step::PrimaryCareContact],
            Step::SpecialistVisit => &[Step::PrimaryCareContact, Step::PrimaryCareAssessment],
            Step::Treatment => &[
                Step::PrimaryCareContact,
                Step::PrimaryCareAssessment,
                Step::SpecialistVisit,
            ],
            Step::BupInDepth => &[Step::BupAssessment],
        }
    }

    /// The step as a `'static` reference, for APIs that hand out step slices.
    pub fn in_static(self) -> &'static Step {
        static STEPS: [Step; 6] = Step::ALL;
        &STEPS[self as usize]
    }

    pub fn parse(value: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|step| step.as_str() == value)
    }
}

crate::wire_name::deserialize_by_name!(Step, all = Step::ALL, name = Step::as_str);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_read_by_their_wire_names() {
        crate::wire_name::check_round_trip(&Step::ALL, Step::as_str);
    }

    #[test]
    fn identifiers_round_trip() {
        for step in Step::ALL {
            assert_eq!(Step::parse(step.as_str()), Some(step));
        }
        assert_eq!(Step::parse("dentist"), None);
    }

    #[test]
    fn earlier_steps_are_ordered_within_a_path_and_never_cross_paths() {
        for step in Step::ALL {
            assert!(!step.earlier_steps().contains(&step), "{step:?}");
            for earlier in step.earlier_steps() {
                assert!(earlier < &step, "{earlier:?} before {step:?}");
                let bup = |s: Step| matches!(s, Step::BupAssessment | Step::BupInDepth);
                assert_eq!(bup(*earlier), bup(step), "{earlier:?} before {step:?}");
                // The relation is transitive: what comes before an earlier step
                // comes before this one too.
                for before in earlier.earlier_steps() {
                    assert!(step.earlier_steps().contains(before));
                }
            }
        }
        assert_eq!(
            Step::Treatment.earlier_steps().last(),
            Some(&Step::SpecialistVisit)
        );
    }

    #[test]
    fn static_references_point_at_the_same_step() {
        for step in Step::ALL {
            assert_eq!(*step.in_static(), step);
        }
    }
}
