//! The 21 regions as a tile map: one square per region, placed roughly where the
//! region lies, coloured by the chosen measure.

use crate::api::WaitStatistic;

/// A region's square: county code, column and row (row 0 is the north).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tile {
    pub code: &'static str,
    /// A short name that fits in a square.
    pub label: &'static str,
    pub column: u8,
    pub row: u8,
}

const fn tile(code: &'static str, label: &'static str, column: u8, row: u8) -> Tile {
    Tile {
        code,
        label,
        column,
        row,
    }
}

pub const COLUMNS: u8 = 4;
pub const ROWS: u8 = 9;

/// North to south, west to east.
pub const TILES: [Tile; 21] = [
    tile("25", "Norrbotten", 2, 0),
    tile("24", "Västerbotten", 1, 1),
    tile("23", "Jämtland", 0, 2),
    tile("22", "Västernorrland", 1, 2),
    tile("20", "Dalarna", 0, 3),
    tile("21", "Gävleborg", 1, 3),
    tile("17", "Värmland", 0, 4),
    tile("19", "Västmanland", 1, 4),
    tile("03", "Uppsala", 2, 4),
    tile("14", "V. Götaland", 0, 5),
    tile("18", "Örebro", 1, 5),
    tile("04", "Sörmland", 2, 5),
    tile("01", "Stockholm", 3, 5),
    tile("13", "Halland", 0, 6),
    tile("06", "Jönköping", 1, 6),
    tile("05", "Östergötland", 2, 6),
    tile("09", "Gotland", 3, 6),
    tile("07", "Kronoberg", 1, 7),
    tile("08", "Kalmar", 2, 7),
    tile("12", "Skåne", 0, 8),
    tile("10", "Blekinge", 1, 8),
];

/// What the map is coloured by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Measure {
    #[default]
    EstimatedWait,
    ShareWithinLimit,
    Waiting,
}

impl Measure {
    pub const ALL: [Measure; 3] = [
        Measure::EstimatedWait,
        Measure::ShareWithinLimit,
        Measure::Waiting,
    ];

    pub fn value(self, row: &WaitStatistic) -> Option<f64> {
        match self {
            Measure::EstimatedWait => row.estimated_wait_days.map(f64::from),
            Measure::ShareWithinLimit => row.share_within_limit,
            Measure::Waiting => row.waiting.map(f64::from),
        }
    }

    /// Whether a higher value is better for patients.
    fn higher_is_better(self) -> bool {
        self == Measure::ShareWithinLimit
    }
}

/// The number of colour steps, from best (0) to worst.
pub const LEVELS: u8 = 5;

/// A value's colour step among `values`: 0 for the best, `LEVELS - 1` for the worst.
pub fn level(measure: Measure, value: f64, values: &[f64]) -> u8 {
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max.partial_cmp(&min) != Some(std::cmp::Ordering::Greater) {
        return 0;
    }
    let mut position = (value - min) / (max - min);
    if measure.higher_is_better() {
        position = 1.0 - position;
    }
    let steps = f64::from(LEVELS);
    ((position.clamp(0.0, 1.0) * steps).floor() as u8).min(LEVELS - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::regions::REGIONS;

    #[test]
    fn every_region_has_exactly_one_tile_and_no_tiles_overlap() {
        for region in REGIONS {
            assert_eq!(
                TILES.iter().filter(|t| t.code == region.code).count(),
                1,
                "{}",
                region.code
            );
        }
        let mut places: Vec<(u8, u8)> = TILES.iter().map(|t| (t.column, t.row)).collect();
        places.sort_unstable();
        places.dedup();
        assert_eq!(places.len(), 21);
        assert!(TILES.iter().all(|t| t.column < COLUMNS && t.row < ROWS));
    }

    #[test]
    fn levels_run_from_best_to_worst() {
        let values = [10.0, 50.0, 100.0];
        assert_eq!(level(Measure::EstimatedWait, 10.0, &values), 0);
        assert_eq!(level(Measure::EstimatedWait, 100.0, &values), LEVELS - 1);
        assert_eq!(level(Measure::EstimatedWait, 50.0, &values), 2);
        let shares = [0.5, 0.9];
        assert_eq!(level(Measure::ShareWithinLimit, 0.9, &shares), 0);
        assert_eq!(level(Measure::ShareWithinLimit, 0.5, &shares), LEVELS - 1);
        assert_eq!(level(Measure::Waiting, 3.0, &[3.0, 3.0]), 0);
        assert_eq!(level(Measure::Waiting, 3.0, &[]), 0);
    }
}
