//! Every figure against the patient's home region: "62 days shorter than in your region".

use crate::api::WaitStatistic;

/// How a wait compares with the wait in the home region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VersusHome {
    Shorter(u32),
    Longer(u32),
    Same,
}

impl VersusHome {
    /// The comparison of `days` with the home region's `home_days`, when both are known.
    pub fn of(days: Option<u32>, home_days: Option<u32>) -> Option<VersusHome> {
        let (days, home) = (days?, home_days?);
        Some(match days.cmp(&home) {
            std::cmp::Ordering::Less => VersusHome::Shorter(home - days),
            std::cmp::Ordering::Greater => VersusHome::Longer(days - home),
            std::cmp::Ordering::Equal => VersusHome::Same,
        })
    }
}

/// The home region's region-wide estimated wait among `rows`.
pub fn home_wait(rows: &[WaitStatistic], home_region: &str) -> Option<u32> {
    rows.iter()
        .find(|r| r.provider_id.is_none() && r.region_code == home_region)
        .and_then(|r| r.estimated_wait_days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{FreeCapacity, Period};

    #[test]
    fn differences_in_days() {
        assert_eq!(
            VersusHome::of(Some(48), Some(110)),
            Some(VersusHome::Shorter(62))
        );
        assert_eq!(
            VersusHome::of(Some(120), Some(110)),
            Some(VersusHome::Longer(10))
        );
        assert_eq!(VersusHome::of(Some(7), Some(7)), Some(VersusHome::Same));
        assert_eq!(VersusHome::of(None, Some(7)), None);
        assert_eq!(VersusHome::of(Some(7), None), None);
    }

    #[test]
    fn the_home_figure_is_the_region_wide_row() {
        let row = |region: &str, provider: Option<&str>, days| WaitStatistic {
            service_code: "op-hoft".into(),
            region_code: region.into(),
            provider_id: provider.map(Into::into),
            period: Period {
                year: 2026,
                month: 10,
            },
            share_within_limit: None,
            median_days_waited: None,
            waiting: None,
            completed: None,
            estimated_wait_days: Some(days),
            estimated_wait_band: None,
            estimated_wait_text: None,
            source: None,
            fetched: None,
            free_capacity: FreeCapacity::Unknown,
            reported: "2026-11-01".into(),
            sample_data: true,
        };
        let rows = [
            row("01", Some("karolinska"), 30),
            row("01", None, 80),
            row("14", None, 50),
        ];
        assert_eq!(home_wait(&rows, "01"), Some(80));
        assert_eq!(home_wait(&rows, "14"), Some(50));
        assert_eq!(home_wait(&rows, "25"), None);
    }
}
