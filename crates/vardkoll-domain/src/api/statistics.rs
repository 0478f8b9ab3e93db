//! Monthly wait-time statistics.

use serde::{Deserialize, Serialize};

/// A calendar month, `YYYY-MM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: i32,
    pub month: u32,
}

impl Period {
    pub fn parse(text: &str) -> Option<Period> {
        let (year, month) = text.split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let period = Period {
            year: year.parse().ok()?,
            month: month.parse().ok()?,
        };
        (1..=12).contains(&period.month).then_some(period)
    }

    /// The month before.
    pub fn previous(self) -> Period {
        if self.month == 1 {
            Period {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Period {
                year: self.year,
                month: self.month - 1,
            }
        }
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Period::parse(&text).ok_or_else(|| serde::de::Error::custom("expected a month as YYYY-MM"))
    }
}

/// Whether a provider reports free capacity. Reports older than six weeks count as unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FreeCapacity {
    Yes,
    No,
    Unknown,
}

/// A wait published as a band of weeks ("9 - 13 veckor", "> 52 veckor").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WaitBand {
    pub min_weeks: u32,
    /// `None` for an open band such as "> 52 veckor".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_weeks: Option<u32>,
}

impl WaitBand {
    /// Reads a vantetider.se band by its pattern, whatever the spacing and
    /// dash: `<lo> - <hi> veckor` ("9 - 13 veckor", "0-2 veckor", "9 – 13
    /// veckor"), `> N veckor` ("> 52 veckor", ">52 v", "Över 52 veckor", "Mer än
    /// 52 veckor") or `N veckor`; "vecka", "veckor", "v" or "v." or no unit.
    /// Anything else is not a band (the importer keeps such text as it is).
    pub fn parse(text: &str) -> Option<WaitBand> {
        let squeezed: String = text
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| {
                if matches!(c, '–' | '—' | '−') {
                    '-'
                } else {
                    c
                }
            })
            .collect();
        let number = ["veckor", "vecka", "v.", "v"]
            .iter()
            .find_map(|unit| squeezed.strip_suffix(unit))
            .unwrap_or(&squeezed);
        let weeks = |digits: &str| -> Option<u32> {
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            digits.parse().ok()
        };
        if let Some(rest) = ["över", "merän", ">"]
            .iter()
            .find_map(|open| number.strip_prefix(open))
        {
            return weeks(rest).map(|min_weeks| WaitBand {
                min_weeks,
                max_weeks: None,
            });
        }
        let band = match number.split_once('-') {
            Some((low, high)) => WaitBand {
                min_weeks: weeks(low)?,
                max_weeks: Some(weeks(high)?),
            },
            None => {
                let exact = weeks(number)?;
                WaitBand {
                    min_weeks: exact,
                    max_weeks: Some(exact),
                }
            }
        };
        (band.max_weeks >= Some(band.min_weeks)).then_some(band)
    }

    /// A single number of days for sorting and comparing: the band's middle, or
    /// its lower edge for an open band.
    pub fn estimate_days(self) -> u32 {
        match self.max_weeks {
            Some(max) => (self.min_weeks + max) * 7 / 2,
            None => self.min_weeks * 7,
        }
    }
}

/// The figures for one service at one provider (or a whole region) in one month.
/// A reader ignores fields it does not know: an installed app keeps reading a
/// server that has learned new ones.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WaitStatistic {
    pub service_code: String,
    pub region_code: String,
    /// `None` for a region-wide figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_id: Option<String>,
    pub period: Period,
    /// Share of patients treated within the guarantee limit, 0.0 to 1.0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_within_limit: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub median_days_waited: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiting: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed: Option<u32>,
    /// Estimated wait for a new patient, in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_wait_days: Option<u32>,
    /// The band the estimate came from, when the source published a band.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_wait_band: Option<WaitBand>,
    /// What the source published instead of a band of weeks ("Uppgift
    /// saknas", "Mindre än en vecka"), kept as it is: shown, never guessed at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_wait_text: Option<String>,
    pub free_capacity: FreeCapacity,
    /// The day the figures were reported (YYYY-MM-DD).
    pub reported: String,
    /// True for generated sample figures, which must never be shown as real.
    pub sample_data: bool,
    /// The source's id ([`super::Source`]); absent in rows stored before
    /// sources were recorded ([`WaitStatistic::source_id`] says whose).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The day Vårdkoll fetched the figure from its source (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched: Option<String>,
}

impl WaitStatistic {
    /// Whether the figures are plausible: shares within 0..=1, no absurd day counts.
    pub fn is_plausible(&self) -> bool {
        let share_ok = self
            .share_within_limit
            .is_none_or(|s| (0.0..=1.0).contains(&s));
        let days_ok = |d: Option<u32>| d.is_none_or(|d| d <= 3650);
        share_ok && days_ok(self.median_days_waited) && days_ok(self.estimated_wait_days)
    }
}

/// One response page of statistics (read tolerantly, as [`WaitStatistic`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatisticsPage {
    pub service_code: String,
    /// True when any row is sample data.
    pub sample_data: bool,
    pub rows: Vec<WaitStatistic>,
    /// The sources the rows name.
    #[serde(default)]
    pub sources: Vec<super::Source>,
}

crate::wire_name::read_by_wire_name!(FreeCapacity {
    Yes => "yes",
    No => "no",
    Unknown => "unknown",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_capacity_is_read_by_its_wire_name() {
        crate::wire_name::check_round_trip(FreeCapacity::VARIANTS, FreeCapacity::wire_name);
    }

    #[test]
    fn periods_parse_and_step_back() {
        assert_eq!(
            Period::parse("2026-01"),
            Some(Period {
                year: 2026,
                month: 1
            })
        );
        assert_eq!(Period::parse("2026-1"), None);
        assert_eq!(Period::parse("2026-13"), None);
        assert_eq!(Period::parse("x"), None);
        assert_eq!(
            Period {
                year: 2026,
                month: 1
            }
            .previous()
            .to_string(),
            "2025-12"
        );
    }

    #[test]
    fn vantetider_week_bands_parse_with_their_band_kept() {
        assert_eq!(
            WaitBand::parse("9 - 13 veckor"),
            Some(WaitBand {
                min_weeks: 9,
                max_weeks: Some(13)
            })
        );
        assert_eq!(
            WaitBand::parse("0-2 veckor"),
            Some(WaitBand {
                min_weeks: 0,
                max_weeks: Some(2)
            })
        );
        assert_eq!(
            WaitBand::parse("> 52 veckor"),
            Some(WaitBand {
                min_weeks: 52,
                max_weeks: None
            })
        );
        assert_eq!(
            WaitBand::parse("Över 52 veckor"),
            Some(WaitBand {
                min_weeks: 52,
                max_weeks: None
            })
        );
        // Whatever the spacing, dash or unit.
        for (text, min, max) in [
            ("9-13 veckor", 9, Some(13)),
            ("9 – 13 veckor", 9, Some(13)),
            ("  9 -13veckor ", 9, Some(13)),
            ("0 - 1 vecka", 0, Some(1)),
            ("5-8 v", 5, Some(8)),
            ("5 - 8 v.", 5, Some(8)),
            (">52 veckor", 52, None),
            ("> 26 v", 26, None),
            ("Mer än 52 veckor", 52, None),
            ("4 veckor", 4, Some(4)),
        ] {
            assert_eq!(
                WaitBand::parse(text),
                Some(WaitBand {
                    min_weeks: min,
                    max_weeks: max
                }),
                "{text}"
            );
        }
        for text in [
            "Uppgift saknas",
            "Mindre än en vecka",
            "9 - 13 dagar",
            "ca 4 veckor",
            "-3 veckor",
            "9 - veckor",
        ] {
            assert_eq!(WaitBand::parse(text), None, "{text}");
        }
        assert_eq!(WaitBand::parse("13 - 9 veckor"), None);
        assert_eq!(WaitBand::parse(""), None);
        assert_eq!(
            WaitBand::parse("9 - 13 veckor").unwrap().estimate_days(),
            77
        );
        assert_eq!(WaitBand::parse("> 52 veckor").unwrap().estimate_days(), 364);
    }

    #[test]
    fn implausible_figures_are_detected() {
        let row = WaitStatistic {
            service_code: "x".into(),
            region_code: "01".into(),
            provider_id: None,
            period: Period {
                year: 2026,
                month: 1,
            },
            share_within_limit: Some(0.8),
            median_days_waited: Some(40),
            waiting: Some(10),
            completed: Some(5),
            estimated_wait_days: Some(30),
            estimated_wait_band: None,
            estimated_wait_text: None,
            source: None,
            fetched: None,
            free_capacity: FreeCapacity::Unknown,
            reported: "2026-01-25".into(),
            sample_data: true,
        };
        assert!(row.is_plausible());
        assert!(
            !WaitStatistic {
                share_within_limit: Some(1.2),
                ..row.clone()
            }
            .is_plausible()
        );
        assert!(
            !WaitStatistic {
                estimated_wait_days: Some(100_000),
                ..row
            }
            .is_plausible()
        );
    }
}
