//! Regions, services and providers.

use serde::{Deserialize, Serialize};

use crate::step::Step;

/// A region with its county code and the id vantetider.se uses for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Region {
    /// Two-digit county code (länskod), e.g. "01".
    pub code: String,
    pub name: String,
    pub vantetider_id: u32,
}

/// The kind of care a wait-time figure is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceCategory {
    /// A first visit in specialised care.
    Visit,
    Examination,
    Operation,
}

/// Which guarantee limit applies to a service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GuaranteeKind {
    SpecialistVisit,
    Treatment,
    BupAssessment,
    /// Investigations are outside the guarantee.
    None,
}

impl GuaranteeKind {
    /// The step of the deadline engine, if the service has a guarantee.
    pub fn step(self) -> Option<Step> {
        match self {
            GuaranteeKind::SpecialistVisit => Some(Step::SpecialistVisit),
            GuaranteeKind::Treatment => Some(Step::Treatment),
            GuaranteeKind::BupAssessment => Some(Step::BupAssessment),
            GuaranteeKind::None => None,
        }
    }
}

/// A visit, examination or operation that wait times are published for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Service {
    pub code: String,
    pub name_sv: String,
    pub name_en: String,
    pub category: ServiceCategory,
    pub guarantee: GuaranteeKind,
    /// Other words patients use ("gråstarr" for cataract), for search.
    #[serde(default)]
    pub synonyms: Vec<String>,
}

/// A hospital or clinic.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Provider {
    pub id: String,
    pub name: String,
    pub region_code: String,
    pub town: String,
    pub latitude: f64,
    pub longitude: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Whether patients from other regions are accepted.
    pub accepts_other_regions: bool,
}

crate::wire_name::read_by_wire_name!(ServiceCategory {
    Visit => "visit",
    Examination => "examination",
    Operation => "operation",
});

crate::wire_name::read_by_wire_name!(GuaranteeKind {
    SpecialistVisit => "specialist_visit",
    Treatment => "treatment",
    BupAssessment => "bup_assessment",
    None => "none",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_kinds_are_read_by_their_wire_names() {
        crate::wire_name::check_round_trip(ServiceCategory::VARIANTS, ServiceCategory::wire_name);
        crate::wire_name::check_round_trip(GuaranteeKind::VARIANTS, GuaranteeKind::wire_name);
    }
}
