//! Distances between places on the earth.

/// A point in decimal degrees (WGS 84).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub latitude: f64,
    pub longitude: f64,
}

impl Point {
    pub fn new(latitude: f64, longitude: f64) -> Point {
        Point {
            latitude,
            longitude,
        }
    }

    /// Whether the coordinates are on the earth at all.
    pub fn is_valid(self) -> bool {
        self.latitude.is_finite()
            && self.longitude.is_finite()
            && (-90.0..=90.0).contains(&self.latitude)
            && (-180.0..=180.0).contains(&self.longitude)
    }
}

const EARTH_RADIUS_KM: f64 = 6371.0;

/// The great-circle distance in kilometres (haversine formula).
pub fn distance_km(a: Point, b: Point) -> f64 {
    let (lat1, lat2) = (a.latitude.to_radians(), b.latitude.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.longitude - a.longitude).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_distances() {
        let stockholm = Point::new(59.33, 18.07);
        let gothenburg = Point::new(57.71, 11.97);
        let kiruna = Point::new(67.86, 20.23);
        let d = distance_km(stockholm, gothenburg);
        assert!((390.0..=400.0).contains(&d), "{d}");
        let d = distance_km(stockholm, kiruna);
        assert!((945.0..=965.0).contains(&d), "{d}");
        assert_eq!(distance_km(kiruna, kiruna), 0.0);
        assert!((distance_km(gothenburg, kiruna) - distance_km(kiruna, gothenburg)).abs() < 1e-9);
    }

    #[test]
    fn invalid_coordinates_are_recognised() {
        assert!(Point::new(59.3, 18.0).is_valid());
        assert!(!Point::new(91.0, 18.0).is_valid());
        assert!(!Point::new(59.0, f64::NAN).is_valid());
    }
}
