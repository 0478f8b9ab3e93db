//! A series of monthly figures and the small line chart drawn from it.

use crate::api::{Period, WaitStatistic};

/// One month's estimated wait, if reported.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrendPoint {
    pub period: Period,
    pub days: Option<u32>,
}

/// The months of `rows`, oldest first, one point per month (the last row of a
/// month wins if there are several).
pub fn series(rows: &[WaitStatistic]) -> Vec<TrendPoint> {
    let mut points: Vec<TrendPoint> = rows
        .iter()
        .map(|r| TrendPoint {
            period: r.period,
            days: r.estimated_wait_days,
        })
        .collect();
    crate::sorting::sort_by_key(&mut points, |p| p.period);
    points.reverse();
    points.dedup_by_key(|p| p.period);
    points.reverse();
    points
}

/// Whether the wait has become shorter or longer over the series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Shorter,
    Longer,
    Unchanged,
}

/// The first and last reported figures and which way they moved.
pub fn change(points: &[TrendPoint]) -> Option<(TrendPoint, TrendPoint, Direction)> {
    let mut known = points.iter().filter(|p| p.days.is_some());
    let first = *known.next()?;
    let last = *known.next_back().unwrap_or(&first);
    let direction = match last.days.cmp(&first.days) {
        std::cmp::Ordering::Less => Direction::Shorter,
        std::cmp::Ordering::Greater => Direction::Longer,
        std::cmp::Ordering::Equal => Direction::Unchanged,
    };
    Some((first, last, direction))
}

/// A round axis top: 10, 20, 50, 100, 200, ... at or above `value`.
fn nice_ceiling(value: u32) -> u32 {
    let mut step: u32 = 10;
    loop {
        for m in [1, 2, 5] {
            if value <= step.saturating_mul(m) {
                return step.saturating_mul(m);
            }
        }
        if step > u32::MAX / 10 {
            return u32::MAX;
        }
        step *= 10;
    }
}

/// The top of a shared y axis for several series: a round number of days at
/// or above the largest figure.
pub fn axis_top(series: &[&[TrendPoint]]) -> u32 {
    let largest = series
        .iter()
        .flat_map(|points| points.iter().filter_map(|p| p.days))
        .max()
        .unwrap_or(0);
    nice_ceiling(largest.max(1))
}

/// `value` with one decimal (`12.3`), as `{:.1}` writes it for the chart's
/// coordinates, in integer arithmetic: no float formatting code in the app's
/// WebAssembly (about 5 KB gzip) for a few numbers.
pub fn tenths(value: f64) -> String {
    // Coordinates are within a few thousand; the cast saturates beyond.
    let tenths = (value * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let tenths = tenths.unsigned_abs();
    format!("{sign}{}.{}", tenths / 10, tenths % 10)
}

/// The `points` attributes of SVG polylines drawing `points` left to right in a
/// `width` × `height` box with `max_days` at the top; a month without a figure
/// breaks the line.
pub fn chart(points: &[TrendPoint], width: f64, height: f64, max_days: u32) -> Vec<String> {
    let step = if points.len() > 1 {
        width / (points.len() - 1) as f64
    } else {
        0.0
    };
    let top = f64::from(max_days.max(1));
    let mut lines = Vec::new();
    let mut current = String::new();
    for (i, point) in points.iter().enumerate() {
        match point.days {
            Some(days) => {
                let x = i as f64 * step;
                let y = height - (f64::from(days) / top).min(1.0) * height;
                if !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(&format!("{},{}", tenths(x), tenths(y)));
            }
            None if !current.is_empty() => lines.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    #[test]
    fn tenths_are_written_as_one_decimal() {
        use super::tenths;
        assert_eq!(tenths(0.0), "0.0");
        assert_eq!(tenths(13.913_043), "13.9");
        assert_eq!(tenths(120.0), "120.0");
        assert_eq!(tenths(2.96), "3.0");
        assert_eq!(tenths(-0.04), "0.0");
        assert_eq!(tenths(-1.25), "-1.3");
        for value in [0.0, 1.0, 17.5, 99.94, 319.99, 320.0] {
            assert_eq!(tenths(value), format!("{value:.1}"), "{value}");
        }
    }

    use super::*;
    use crate::api::FreeCapacity;

    fn row(month: u32, days: Option<u32>) -> WaitStatistic {
        WaitStatistic {
            service_code: "op-hoft".into(),
            region_code: "01".into(),
            provider_id: None,
            period: Period { year: 2026, month },
            share_within_limit: None,
            median_days_waited: None,
            waiting: None,
            completed: None,
            estimated_wait_days: days,
            estimated_wait_band: None,
            estimated_wait_text: None,
            source: None,
            fetched: None,
            free_capacity: FreeCapacity::Unknown,
            reported: "2026-11-01".into(),
            sample_data: true,
        }
    }

    #[test]
    fn series_is_ordered_by_month_without_duplicates() {
        let points = series(&[
            row(3, Some(30)),
            row(1, Some(10)),
            row(2, None),
            row(3, Some(33)),
        ]);
        let months: Vec<u32> = points.iter().map(|p| p.period.month).collect();
        assert_eq!(months, [1, 2, 3]);
        assert_eq!(points[2].days, Some(33));
    }

    #[test]
    fn change_compares_the_first_and_last_reported_months() {
        let points = series(&[
            row(1, None),
            row(2, Some(90)),
            row(3, Some(60)),
            row(4, None),
        ]);
        let (first, last, direction) = change(&points).unwrap();
        assert_eq!(
            (first.days, last.days, direction),
            (Some(90), Some(60), Direction::Shorter)
        );
        assert_eq!(
            change(&series(&[row(1, Some(5))])).unwrap().2,
            Direction::Unchanged
        );
        assert_eq!(change(&series(&[row(1, None)])), None);
        assert_eq!(change(&[]), None);
    }

    #[test]
    fn chart_scales_to_a_round_axis_and_breaks_at_gaps() {
        let points = series(&[
            row(1, Some(40)),
            row(2, Some(80)),
            row(3, None),
            row(4, Some(20)),
            row(5, Some(0)),
        ]);
        let top = axis_top(&[&points]);
        assert_eq!(top, 100);
        assert_eq!(
            chart(&points, 100.0, 50.0, top),
            ["0.0,30.0 25.0,10.0", "75.0,40.0 100.0,50.0"]
        );
        // A second series with larger figures raises the shared axis.
        let other = series(&[row(1, Some(180))]);
        assert_eq!(axis_top(&[&points, &other]), 200);
        assert_eq!(nice_ceiling(1), 10);
        assert_eq!(nice_ceiling(101), 200);
        assert_eq!(nice_ceiling(350), 500);
        assert_eq!(nice_ceiling(u32::MAX), u32::MAX);
        assert!(chart(&[], 100.0, 50.0, 10).is_empty());
        assert_eq!(axis_top(&[]), 10);
    }
}
