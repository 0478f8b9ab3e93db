//! The 21 Swedish regions, identified by their county code (länskod).

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A region as the rules know it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    /// The two-digit county code, e.g. "01" for Stockholm.
    pub code: &'static str,
    pub name: &'static str,
}

/// All 21 regions, in county-code order.
pub const REGIONS: [Region; 21] = [
    Region {
        code: "01",
        name: "Region Stockholm",
    },
    Region {
        code: "03",
        name: "Region Uppsala",
    },
    Region {
        code: "04",
        name: "Region Sörmland",
    },
    Region {
        code: "05",
        name: "Region Östergötland",
    },
    Region {
        code: "06",
        name: "Region Jönköpings län",
    },
    Region {
        code: "07",
        name: "Region Kronoberg",
    },
    Region {
        code: "08",
        name: "Region Kalmar län",
    },
    Region {
        code: "09",
        name: "Region Gotland",
    },
    Region {
        code: "10",
        name: "Region Blekinge",
    },
    Region {
        code: "12",
        name: "Region Skåne",
    },
    Region {
        code: "13",
        name: "Region Halland",
    },
    Region {
        code: "14",
        name: "Västra Götalandsregionen",
    },
    Region {
        code: "17",
        name: "Region Värmland",
    },
    Region {
        code: "18",
        name: "Region Örebro län",
    },
    Region {
        code: "19",
        name: "Region Västmanland",
    },
    Region {
        code: "20",
        name: "Region Dalarna",
    },
    Region {
        code: "21",
        name: "Region Gävleborg",
    },
    Region {
        code: "22",
        name: "Region Västernorrland",
    },
    Region {
        code: "23",
        name: "Region Jämtland Härjedalen",
    },
    Region {
        code: "24",
        name: "Region Västerbotten",
    },
    Region {
        code: "25",
        name: "Region Norrbotten",
    },
];

/// Each region's seat (residensstad), in county-code order: where a
/// patient's travel is measured from when only their home region is known.
const SEATS: [(&str, f64, f64); 21] = [
    ("01", 59.3293, 18.0686), // Stockholm
    ("03", 59.8586, 17.6389), // Uppsala
    ("04", 58.7530, 17.0079), // Nyköping
    ("05", 58.4108, 15.6214), // Linköping
    ("06", 57.7826, 14.1618), // Jönköping
    ("07", 56.8777, 14.8091), // Växjö
    ("08", 56.6634, 16.3568), // Kalmar
    ("09", 57.6348, 18.2948), // Visby
    ("10", 56.1612, 15.5869), // Karlskrona
    ("12", 55.6050, 13.0038), // Malmö
    ("13", 56.6745, 12.8578), // Halmstad
    ("14", 57.7089, 11.9746), // Göteborg
    ("17", 59.4022, 13.5115), // Karlstad
    ("18", 59.2753, 15.2134), // Örebro
    ("19", 59.6099, 16.5448), // Västerås
    ("20", 60.6065, 15.6355), // Falun
    ("21", 60.6749, 17.1413), // Gävle
    ("22", 62.6323, 17.9379), // Härnösand
    ("23", 63.1792, 14.6357), // Östersund
    ("24", 63.8258, 20.2630), // Umeå
    ("25", 65.5848, 22.1547), // Luleå
];

/// The seat of the region with this county code.
pub fn seat(code: &str) -> Option<crate::compare::geo::Point> {
    SEATS
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|&(_, latitude, longitude)| crate::compare::geo::Point::new(latitude, longitude))
}

/// A county code known to belong to one of the 21 regions. Deserialising an
/// unknown code fails, so stored data cannot smuggle in a region that does not exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RegionCode(&'static str);

impl RegionCode {
    pub fn parse(code: &str) -> Option<RegionCode> {
        REGIONS
            .iter()
            .find(|region| region.code == code.trim())
            .map(|region| RegionCode(region.code))
    }

    pub const fn as_str(self) -> &'static str {
        self.0
    }

    pub fn region(self) -> Region {
        REGIONS
            .iter()
            .copied()
            .find(|region| region.code == self.0)
            .unwrap_or(Region {
                code: self.0,
                name: self.0,
            })
    }
}

impl Serialize for RegionCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for RegionCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        RegionCode::parse(&code)
            .ok_or_else(|| D::Error::custom(format!("unknown region code {code:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_has_its_seat_in_sweden() {
        for region in REGIONS {
            let seat = seat(region.code).unwrap();
            assert!((55.0..69.1).contains(&seat.latitude), "{}", region.name);
            assert!((10.9..24.2).contains(&seat.longitude), "{}", region.name);
        }
        assert_eq!(seat("02"), None);
    }

    #[test]
    fn there_are_21_regions_with_unique_codes() {
        let mut codes: Vec<_> = REGIONS.iter().map(|r| r.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 21);
    }

    #[test]
    fn codes_parse_and_unknown_codes_are_rejected() {
        assert_eq!(
            RegionCode::parse("01").map(|c| c.region().name),
            Some("Region Stockholm")
        );
        assert_eq!(RegionCode::parse("02"), None);
        assert_eq!(RegionCode::parse(""), None);
    }

    #[test]
    fn serde_rejects_unknown_codes() {
        let ok: RegionCode = serde_json::from_str("\"12\"").unwrap();
        assert_eq!(ok.as_str(), "12");
        assert!(serde_json::from_str::<RegionCode>("\"99\"").is_err());
    }
}
