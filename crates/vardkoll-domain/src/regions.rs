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
