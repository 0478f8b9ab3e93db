//! The care guarantee as data.
//!
//! Every limit is a [`Rule`] with the step it covers, the number of days, its source
//! and the dates it is in force. The rule that applies is the one in force on the
//! day the clock starts, so a future change of law is one more row here. Regions may
//! set shorter limits ([`RegionalLimit`]), never longer: [`RuleBook::new`] rejects
//! data that breaks that.

use chrono::NaiveDate;

use crate::date::ymd;
use crate::regions::RegionCode;
use crate::step::Step;

/// Whether a limit is binding law or an agreed target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binding {
    Law,
    /// An agreement between the state and SKR (the BUP 30 + 30 target).
    Target,
}

/// One limit of the guarantee for one step, in force over a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable identifier, used by the app to look up the rule's explanation.
    pub id: &'static str,
    pub step: Step,
    pub limit_days: u32,
    pub binding: Binding,
    /// The law paragraph or agreement, as a patient would cite it.
    pub source: &'static str,
    pub in_force_from: NaiveDate,
    /// The last day the rule is in force; `None` while it still is.
    pub in_force_until: Option<NaiveDate>,
    /// Whether patient-chosen and medically caused waits push the deadline back
    /// (HSF 6 kap. 2 §: specialist visit and treatment only).
    pub excluded_time_applies: bool,
}

/// A region's own, shorter limit for one step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegionalLimit {
    pub region: &'static str,
    pub step: Step,
    pub limit_days: u32,
    pub source: &'static str,
    pub in_force_from: NaiveDate,
    pub in_force_until: Option<NaiveDate>,
}

/// The day the care guarantee entered law (förordning 2010:349, HSL 2010:243).
const GUARANTEE_IN_LAW: NaiveDate = ymd(2010, 7, 1);
/// The 3-day assessment replaced the 7-day doctor rule (SFS 2018:553).
const ASSESSMENT_3_DAYS: NaiveDate = ymd(2019, 1, 1);
/// The BUP 30 + 30 target agreed between the state and SKR.
const BUP_TARGET: NaiveDate = ymd(2011, 1, 1);
const BUP_AGREEMENT: &str =
    "Överenskommelse mellan staten och SKR om förstärkt vårdgaranti inom BUP";

/// The national rules, oldest first within each step.
pub const NATIONAL_RULES: &[Rule] = &[
    Rule {
        id: "contact-0",
        step: Step::PrimaryCareContact,
        limit_days: 0,
        binding: Binding::Law,
        source: "Hälso- och sjukvårdsförordningen (2017:80) 6 kap. 1 § 1",
        in_force_from: GUARANTEE_IN_LAW,
        in_force_until: None,
        excluded_time_applies: false,
    },
    Rule {
        id: "doctor-7",
        step: Step::PrimaryCareAssessment,
        limit_days: 7,
        binding: Binding::Law,
        source: "Förordning (2010:349) om vårdgaranti 2 §",
        in_force_from: GUARANTEE_IN_LAW,
        in_force_until: Some(ymd(2018, 12, 31)),
        excluded_time_applies: false,
    },
    Rule {
        id: "assessment-3",
        step: Step::PrimaryCareAssessment,
        limit_days: 3,
        binding: Binding::Law,
        source: "Hälso- och sjukvårdsförordningen (2017:80) 6 kap. 1 § 2 (SFS 2018:553)",
        in_force_from: ASSESSMENT_3_DAYS,
        in_force_until: None,
        excluded_time_applies: false,
    },
    Rule {
        id: "specialist-90",
        step: Step::SpecialistVisit,
        limit_days: 90,
        binding: Binding::Law,
        source: "Hälso- och sjukvårdsförordningen (2017:80) 6 kap. 1 § 3",
        in_force_from: GUARANTEE_IN_LAW,
        in_force_until: None,
        excluded_time_applies: true,
    },
    Rule {
        id: "treatment-90",
        step: Step::Treatment,
        limit_days: 90,
        binding: Binding::Law,
        source: "Hälso- och sjukvårdsförordningen (2017:80) 6 kap. 1 § 4",
        in_force_from: GUARANTEE_IN_LAW,
        in_force_until: None,
        excluded_time_applies: true,
    },
    Rule {
        id: "bup-assessment-30",
        step: Step::BupAssessment,
        limit_days: 30,
        binding: Binding::Target,
        source: BUP_AGREEMENT,
        in_force_from: BUP_TARGET,
        in_force_until: None,
        excluded_time_applies: false,
    },
    Rule {
        id: "bup-in-depth-30",
        step: Step::BupInDepth,
        limit_days: 30,
        binding: Binding::Target,
        source: BUP_AGREEMENT,
        in_force_from: BUP_TARGET,
        in_force_until: None,
        excluded_time_applies: false,
    },
];

/// Regional limits shorter than the national ones, each with its source and the
/// days it is in force. A region's new limit is a new row (and an end date on
/// the old one); [`RuleBook::new`] refuses one longer than the national limit.
///
/// Region Stockholm: 30 days to a first specialist visit. Region Halland: 60
/// days to a first visit and 60 days to treatment. The dates they took effect
/// are not in the reference, so they are recorded from the national
/// guarantee's start.
pub const REGIONAL_LIMITS: &[RegionalLimit] = &[
    RegionalLimit {
        region: "01",
        step: Step::SpecialistVisit,
        limit_days: 30,
        source: "Region Stockholms regionala vårdgaranti",
        in_force_from: GUARANTEE_IN_LAW,
        in_force_until: None,
    },
    RegionalLimit {
        region: "13",
        step: Step::SpecialistVisit,
        limit_days: 60,
        source: "Region Hallands regionala vårdgaranti",
        in_force_from: GUARANTEE_IN_LAW,
        in_force_until: None,
    },
    RegionalLimit {
        region: "13",
        step: Step::Treatment,
        limit_days: 60,
        source: "Region Hallands regionala vårdgaranti",
        in_force_from: GUARANTEE_IN_LAW,
        in_force_until: None,
    },
];

/// The limit that applies to one clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AppliedLimit {
    pub rule: Rule,
    /// Set when a region's shorter limit replaces the national one.
    pub regional: Option<RegionalLimit>,
}

impl AppliedLimit {
    pub fn days(&self) -> u32 {
        self.regional.map_or(self.rule.limit_days, |r| r.limit_days)
    }

    /// The national limit, shown beside a region's shorter one.
    pub fn national_days(&self) -> u32 {
        self.rule.limit_days
    }

    pub fn source(&self) -> &'static str {
        self.regional.map_or(self.rule.source, |r| r.source)
    }
}

/// Why rule data was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleDataError {
    /// Two rules for the same step are in force on the same day.
    OverlappingRules {
        first: &'static str,
        second: &'static str,
    },
    /// A rule ends before it starts.
    EmptyPeriod { id: &'static str },
    /// A regional limit is longer than the national limit it would replace.
    RegionalLimitLonger { region: &'static str, step: Step },
    /// A regional limit names a region that does not exist.
    UnknownRegion { region: &'static str },
}

/// A validated set of rules and regional limits.
#[derive(Clone, Debug)]
pub struct RuleBook {
    rules: &'static [Rule],
    regional: &'static [RegionalLimit],
}

fn in_force(from: NaiveDate, until: Option<NaiveDate>, day: NaiveDate) -> bool {
    from <= day && until.is_none_or(|until| day <= until)
}

impl RuleBook {
    /// The rules in force in Sweden, as recorded in this crate.
    pub fn swedish() -> RuleBook {
        RuleBook {
            rules: NATIONAL_RULES,
            regional: REGIONAL_LIMITS,
        }
    }

    /// Checks rule data: no overlapping periods for one step, no regional limit
    /// longer than the national one on any day both are in force, no unknown region.
    pub fn new(
        rules: &'static [Rule],
        regional: &'static [RegionalLimit],
    ) -> Result<RuleBook, RuleDataError> {
        for (i, a) in rules.iter().enumerate() {
            if a.in_force_until
                .is_some_and(|until| until < a.in_force_from)
            {
                return Err(RuleDataError::EmptyPeriod { id: a.id });
            }
            for b in &rules[i + 1..] {
                if a.step == b.step
                    && overlaps(
                        (a.in_force_from, a.in_force_until),
                        (b.in_force_from, b.in_force_until),
                    )
                {
                    return Err(RuleDataError::OverlappingRules {
                        first: a.id,
                        second: b.id,
                    });
                }
            }
        }
        for limit in regional {
            if RegionCode::parse(limit.region).is_none() {
                return Err(RuleDataError::UnknownRegion {
                    region: limit.region,
                });
            }
            let longer = rules.iter().any(|rule| {
                rule.step == limit.step
                    && rule.limit_days < limit.limit_days
                    && overlaps(
                        (rule.in_force_from, rule.in_force_until),
                        (limit.in_force_from, limit.in_force_until),
                    )
            });
            if longer {
                return Err(RuleDataError::RegionalLimitLonger {
                    region: limit.region,
                    step: limit.step,
                });
            }
        }
        Ok(RuleBook { rules, regional })
    }

    pub fn rules(&self) -> &'static [Rule] {
        self.rules
    }

    /// The national rule for `step` in force on `start`, if any.
    pub fn rule(&self, step: Step, start: NaiveDate) -> Option<&'static Rule> {
        self.rules.iter().find(|rule| {
            rule.step == step && in_force(rule.in_force_from, rule.in_force_until, start)
        })
    }

    /// The limit for a clock of `step` started on `start` in `region`: the national
    /// rule, replaced by the region's limit where that is shorter.
    pub fn applied(
        &self,
        step: Step,
        start: NaiveDate,
        region: Option<RegionCode>,
    ) -> Option<AppliedLimit> {
        let rule = *self.rule(step, start)?;
        let regional = region.and_then(|region| {
            self.regional
                .iter()
                .filter(|limit| {
                    limit.region == region.as_str()
                        && limit.step == step
                        && in_force(limit.in_force_from, limit.in_force_until, start)
                })
                .min_by_key(|limit| limit.limit_days)
                .filter(|limit| limit.limit_days < rule.limit_days)
                .copied()
        });
        Some(AppliedLimit { rule, regional })
    }
}

/// Whether two in-force periods (first day, optional last day) share a day.
fn overlaps(a: (NaiveDate, Option<NaiveDate>), b: (NaiveDate, Option<NaiveDate>)) -> bool {
    in_force(a.0, a.1, b.0) || in_force(b.0, b.1, a.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_swedish_rule_data_is_valid() {
        assert!(RuleBook::new(NATIONAL_RULES, REGIONAL_LIMITS).is_ok());
    }

    #[test]
    fn the_rule_in_force_on_the_start_date_applies() {
        let book = RuleBook::swedish();
        let before = book
            .rule(Step::PrimaryCareAssessment, ymd(2018, 12, 31))
            .unwrap();
        let after = book
            .rule(Step::PrimaryCareAssessment, ymd(2019, 1, 1))
            .unwrap();
        assert_eq!((before.id, before.limit_days), ("doctor-7", 7));
        assert_eq!((after.id, after.limit_days), ("assessment-3", 3));
    }

    #[test]
    fn no_rule_before_the_guarantee_existed() {
        let book = RuleBook::swedish();
        assert!(book.rule(Step::SpecialistVisit, ymd(2010, 6, 30)).is_none());
        assert!(book.rule(Step::BupAssessment, ymd(2010, 12, 31)).is_none());
    }

    #[test]
    fn bup_limits_are_targets_and_legal_limits_are_law() {
        let book = RuleBook::swedish();
        let day = ymd(2025, 1, 1);
        assert_eq!(
            book.rule(Step::BupAssessment, day).unwrap().binding,
            Binding::Target
        );
        assert_eq!(
            book.rule(Step::BupInDepth, day).unwrap().binding,
            Binding::Target
        );
        assert_eq!(
            book.rule(Step::Treatment, day).unwrap().binding,
            Binding::Law
        );
    }

    #[test]
    fn a_regional_shorter_limit_replaces_the_national_one() {
        let book = RuleBook::swedish();
        let day = ymd(2025, 1, 15);
        let stockholm = book
            .applied(Step::SpecialistVisit, day, RegionCode::parse("01"))
            .unwrap();
        assert_eq!(stockholm.days(), 30);
        assert_eq!(
            stockholm.source(),
            "Region Stockholms regionala vårdgaranti"
        );
        let skane = book
            .applied(Step::SpecialistVisit, day, RegionCode::parse("12"))
            .unwrap();
        assert_eq!(skane.days(), 90);
        let unknown = book.applied(Step::SpecialistVisit, day, None).unwrap();
        assert_eq!(unknown.days(), 90);
        // Stockholm's limit is for the first visit only.
        let treatment = book
            .applied(Step::Treatment, day, RegionCode::parse("01"))
            .unwrap();
        assert_eq!(treatment.days(), 90);
        assert_eq!(stockholm.national_days(), 90);
    }

    #[test]
    fn halland_has_60_days_to_a_first_visit_and_60_to_treatment() {
        let book = RuleBook::swedish();
        let day = ymd(2025, 1, 15);
        for step in [Step::SpecialistVisit, Step::Treatment] {
            let halland = book.applied(step, day, RegionCode::parse("13")).unwrap();
            assert_eq!(halland.days(), 60, "{step:?}");
            assert_eq!(halland.national_days(), 90);
            assert_eq!(halland.source(), "Region Hallands regionala vårdgaranti");
        }
        // Primary care keeps the national limits.
        let assessment = book
            .applied(Step::PrimaryCareAssessment, day, RegionCode::parse("13"))
            .unwrap();
        assert!(assessment.regional.is_none());
    }

    #[test]
    fn a_future_rule_change_is_a_data_change() {
        static RULES: [Rule; 2] = [
            Rule {
                in_force_until: Some(ymd(2027, 6, 30)),
                ..NATIONAL_RULES[3]
            },
            Rule {
                id: "specialist-60",
                limit_days: 60,
                in_force_from: ymd(2027, 7, 1),
                ..NATIONAL_RULES[3]
            },
        ];
        let book = RuleBook::new(&RULES, &[]).unwrap();
        assert_eq!(
            book.applied(Step::SpecialistVisit, ymd(2027, 6, 30), None)
                .unwrap()
                .days(),
            90
        );
        assert_eq!(
            book.applied(Step::SpecialistVisit, ymd(2027, 7, 1), None)
                .unwrap()
                .days(),
            60
        );
    }

    #[test]
    fn overlapping_rules_are_rejected() {
        static RULES: [Rule; 2] = [
            NATIONAL_RULES[3],
            Rule {
                id: "specialist-60",
                limit_days: 60,
                in_force_from: ymd(2027, 7, 1),
                ..NATIONAL_RULES[3]
            },
        ];
        assert_eq!(
            RuleBook::new(&RULES, &[]).unwrap_err(),
            RuleDataError::OverlappingRules {
                first: "specialist-90",
                second: "specialist-60"
            }
        );
    }

    #[test]
    fn a_rule_ending_before_it_starts_is_rejected() {
        static RULES: [Rule; 1] = [Rule {
            in_force_until: Some(ymd(2000, 1, 1)),
            ..NATIONAL_RULES[3]
        }];
        assert_eq!(
            RuleBook::new(&RULES, &[]).unwrap_err(),
            RuleDataError::EmptyPeriod {
                id: "specialist-90"
            }
        );
    }

    #[test]
    fn a_regional_limit_may_never_be_longer() {
        static LONGER: [RegionalLimit; 1] = [RegionalLimit {
            limit_days: 120,
            ..REGIONAL_LIMITS[0]
        }];
        assert_eq!(
            RuleBook::new(NATIONAL_RULES, &LONGER).unwrap_err(),
            RuleDataError::RegionalLimitLonger {
                region: "01",
                step: Step::SpecialistVisit
            }
        );
        static UNKNOWN: [RegionalLimit; 1] = [RegionalLimit {
            region: "99",
            ..REGIONAL_LIMITS[0]
        }];
        assert_eq!(
            RuleBook::new(NATIONAL_RULES, &UNKNOWN).unwrap_err(),
            RuleDataError::UnknownRegion { region: "99" }
        );
    }
}
