//! Errors as `application/problem+json` (RFC 9457), with field-level details.

use serde::{Deserialize, Serialize};

use super::referral::ProblemCode;

/// The media type of problem responses.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// One rejected field: a JSON pointer-like path and a stable code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldProblem {
    /// The field, e.g. `personalIdentityNumber` or `preferredProviders/0`.
    pub field: String,
    /// A stable, machine-readable code, e.g. `control_digit` on the wire.
    pub code: ProblemCode,
    /// A readable explanation (English; the app words it for the patient).
    pub detail: String,
}

/// An RFC 9457 problem document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Problem {
    /// A URI naming the problem type, e.g. `https://vardkoll.se/problems/validation`.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

impl Problem {
    pub fn new(status: u16, slug: &str, title: &str) -> Problem {
        Problem {
            kind: format!("https://vardkoll.se/problems/{slug}"),
            title: title.to_owned(),
            status,
            detail: None,
            errors: Vec::new(),
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Problem {
        self.detail = Some(detail.into());
        self
    }

    pub fn with_errors(mut self, errors: Vec<FieldProblem>) -> Problem {
        self.errors = errors;
        self
    }
}
