//! The municipal and provincial boundaries the crate carries, so the report draws its map
//! without a boundary file: the CBS/PDOK Wijk- en Buurtkaart 2024 (municipal division of
//! 1 January 2025), CC BY 4.0, simplified by `scripts/simplify_boundaries.py` into a compact
//! text format (`data/boundaries/`, 230 KB for 342 municipalities and 12 provinces).
//!
//! A map drawn from these carries [`attribution`] ("Bron: CBS/PDOK, CC BY 4.0"), as the licence
//! asks. A user's own GeoJSON ([`GeoLayer::read`]) still overrides them.
//!
//! # Format
//! Lines starting with `#` are comments; `F<TAB>key<TAB>name` starts a feature, `P` a polygon of
//! it, `R<TAB>x,y dx,dy …` a ring (the first of a polygon its outer ring, the rest holes) in units
//! of 1e-4 degree WGS84 longitude/latitude, the first point absolute and each further point the
//! difference to the one before.

use super::choropleth::{GeoFeature, GeoLayer};
use super::rd::wgs84_to_rd;
use crate::error::{Error, Location, Result};
use crate::meta::Language;

const MUNICIPALITIES: &str = include_str!("../../../data/boundaries/gemeenten.txt");
const PROVINCES: &str = include_str!("../../../data/boundaries/provincies.txt");

/// The attribution line of a map drawn from the carried boundaries.
pub fn attribution(lang: Language) -> &'static str {
    lang.tr("Bron: CBS/PDOK, CC BY 4.0", "Source: CBS/PDOK, CC BY 4.0")
}

/// The 342 municipalities of 1 January 2025, keyed by their GM code.
///
/// # Errors
/// [`Error::Definition`] if the carried data were damaged (a bug, tested).
pub fn municipalities() -> Result<GeoLayer> {
    parse(MUNICIPALITIES, "code", "data/boundaries/gemeenten.txt")
}

/// The 12 provinces, keyed by their name, for the overlay of the municipal map.
///
/// # Errors
/// As [`municipalities`].
pub fn provinces() -> Result<GeoLayer> {
    parse(PROVINCES, "province", "data/boundaries/provincies.txt")
}

fn parse(text: &str, key: &str, file: &str) -> Result<GeoLayer> {
    let bad = |line: usize, message: String| Error::Definition {
        location: Location { file: Some(file.into()), line: Some(line as u64 + 1), column: None },
        message,
    };
    let mut features: Vec<GeoFeature> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let mut parts = line.split('\t');
        match parts.next() {
            Some("F") => {
                let k = parts.next().unwrap_or_default().to_owned();
                let name = parts.next().map(str::to_owned);
                features.push(GeoFeature { key: k, name, polygons: Vec::new() });
            }
            Some("P") => match features.last_mut() {
                Some(f) => f.polygons.push(Vec::new()),
                None => return Err(bad(i, "a polygon before any feature".into())),
            },
            Some("R") => {
                let mut ring = Vec::new();
                let (mut x, mut y) = (0i64, 0i64);
                for (j, pair) in parts.next().unwrap_or_default().split(' ').enumerate() {
                    let (a, b) = pair.split_once(',').ok_or_else(|| bad(i, format!("bad point {pair:?}")))?;
                    let (a, b): (i64, i64) = match (a.parse(), b.parse()) {
                        (Ok(a), Ok(b)) => (a, b),
                        _ => return Err(bad(i, format!("bad point {pair:?}"))),
                    };
                    if j == 0 {
                        (x, y) = (a, b);
                    } else {
                        (x, y) = (x + a, y + b);
                    }
                    ring.push(wgs84_to_rd(x as f64 / 1e4, y as f64 / 1e4));
                }
                match features.last_mut().and_then(|f| f.polygons.last_mut()) {
                    Some(p) => p.push(ring),
                    None => return Err(bad(i, "a ring outside a polygon".into())),
                }
            }
            _ => return Err(bad(i, format!("unknown line {:?}", line.chars().take(20).collect::<String>()))),
        }
    }
    Ok(GeoLayer { file: None, key: key.to_owned(), features })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_carried_boundaries_cover_the_frame() {
        let m = municipalities().unwrap();
        assert_eq!(m.features.len(), 342);
        let codes = m.municipality_codes().unwrap();
        let frame = crate::frame::Frame::embedded();
        for muni in frame.iter() {
            assert!(codes.contains(&muni.code), "{} has no boundary", muni.code);
        }
        assert!(m.features.iter().all(|f| !f.polygons.is_empty() && f.polygons.iter().all(|p| p[0].len() >= 3)));
        // RD New: the Netherlands lies within x 0-300 km, y 300-625 km.
        let (x0, y0, x1, y1) = m.bounds();
        assert!(x0 > 0.0 && x1 < 300_000.0 && y0 > 300_000.0 && y1 < 625_000.0, "{x0} {y0} {x1} {y1}");
        let p = provinces().unwrap();
        assert_eq!(p.features.len(), 12);
    }
}
