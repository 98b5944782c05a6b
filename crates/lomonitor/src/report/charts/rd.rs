//! WGS84 longitude/latitude to the Dutch national grid, RD New (EPSG:28992), by the approximation
//! formulas of Schreutelkamp and Strang van Hees.
//!
//! # Formula
//! ```text
//! dφ = 0.36 (φ − 52.15517440)        (φ, λ in degrees)
//! dλ = 0.36 (λ −  5.38720621)
//! X  = 155000 + Σ R_pq dφ^p dλ^q      Y = 463000 + Σ S_pq dφ^p dλ^q
//!
//! R01 = 190094.945   R11 = −11832.228   R21 = −114.221   R03 = −32.391   R10 = −0.705
//! R31 =     −2.340   R13 =     −0.608   R02 =   −0.008   R23 =   0.148
//! S10 = 309056.544   S02 =   3638.893   S20 =   73.077   S12 = −157.984  S30 = 59.788
//! S01 =      0.433   S22 =     −6.439   S11 =   −0.032   S04 =    0.092  S14 = −0.054
//! ```
//! The polynomial approximates the official transformation (RDNAPTRANS) to within about a metre
//! over the Netherlands, far below what a map at report scale can show (one pixel of a 600 px
//! map of the country is about 450 m). Outside the Netherlands the error grows quickly, so
//! [`wgs84_to_rd`] is only for points in and near it.
//!
//! # References
//! Schreutelkamp, F. H. & Strang van Hees, G. L. (2001). Benaderingsformules voor de transformatie
//! tussen RD- en WGS84-kaartcoördinaten. *Geodesia*, 2001(2), 64–69.

/// Origin of the approximation in WGS84: the Onze Lieve Vrouwetoren in Amersfoort.
pub const ORIGIN_LAT: f64 = 52.155_174_40;
/// See [`ORIGIN_LAT`].
pub const ORIGIN_LON: f64 = 5.387_206_21;
/// RD coordinates of the origin.
pub const ORIGIN_X: f64 = 155_000.0;
/// See [`ORIGIN_X`].
pub const ORIGIN_Y: f64 = 463_000.0;

const R: [(i32, i32, f64); 9] = [
    (0, 1, 190_094.945),
    (1, 1, -11_832.228),
    (2, 1, -114.221),
    (0, 3, -32.391),
    (1, 0, -0.705),
    (3, 1, -2.340),
    (1, 3, -0.608),
    (0, 2, -0.008),
    (2, 3, 0.148),
];

const S: [(i32, i32, f64); 10] = [
    (1, 0, 309_056.544),
    (0, 2, 3_638.893),
    (2, 0, 73.077),
    (1, 2, -157.984),
    (3, 0, 59.788),
    (0, 1, 0.433),
    (2, 2, -6.439),
    (1, 1, -0.032),
    (0, 4, 0.092),
    (1, 4, -0.054),
];

/// Project WGS84 `(lon, lat)` in degrees to RD New `(x, y)` in metres (see the module docs for
/// the formula and its accuracy of about 1 m).
///
/// ```
/// use lomonitor::report::charts::rd::wgs84_to_rd;
/// let (x, y) = wgs84_to_rd(5.38720621, 52.15517440);
/// assert!((x - 155_000.0).abs() < 1e-6 && (y - 463_000.0).abs() < 1e-6);
/// ```
pub fn wgs84_to_rd(lon: f64, lat: f64) -> (f64, f64) {
    let dp = 0.36 * (lat - ORIGIN_LAT);
    let dl = 0.36 * (lon - ORIGIN_LON);
    let x = R.iter().fold(ORIGIN_X, |acc, &(p, q, c)| acc + c * dp.powi(p) * dl.powi(q));
    let y = S.iter().fold(ORIGIN_Y, |acc, &(p, q, c)| acc + c * dp.powi(p) * dl.powi(q));
    (x, y)
}

/// Whether a WGS84 point lies in the box where the approximation is meant to be used
/// (longitude 2.5–7.5°, latitude 50.5–54°: the Netherlands with a margin, its territorial sea
/// included).
pub fn in_domain(lon: f64, lat: f64) -> bool {
    (2.5..=7.5).contains(&lon) && (50.5..=54.0).contains(&lat)
}
