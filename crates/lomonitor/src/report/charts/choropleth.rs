//! A categorical choropleth of the municipalities.
//!
//! The boundaries are those the crate carries ([`super::boundaries`], CBS/PDOK 2024) or a
//! user's own GeoJSON `FeatureCollection` of `Polygon`
//! and `MultiPolygon` features in WGS84 longitude/latitude (CBS/PDOK publish them), each with a
//! property holding the municipality code (`GM0363`, or CBS's bare number). The polygons are
//! projected to RD New ([`super::rd`]) so the country keeps its true shape, scaled to the
//! drawing, and simplified by rounding to 0.1 px and dropping repeated points, which keeps a map
//! of all municipalities small.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::rd::{in_domain, wgs84_to_rd};
use super::svg::{Svg, esc, wrap};
use super::{NO_DATA, OKABE_ITO};
use crate::error::{Error, Location, Result};
use crate::frame::MunicipalityCode;
use crate::meta::Language;

/// The property names tried, in order, when no key is given.
pub const DEFAULT_CODE_KEYS: [&str; 3] = ["code", "statcode", "gemeentecode"];
/// The property names tried for a feature's display name.
pub const NAME_KEYS: [&str; 5] = ["name", "statnaam", "gemeentenaam", "naam", "province"];

/// One feature of a [`GeoLayer`]: its key, display name and rings in RD metres.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GeoFeature {
    /// The value of the key property (e.g. `GM0363`), as text.
    pub key: String,
    /// The display name, when the feature has one.
    pub name: Option<String>,
    /// Polygons, each a list of rings (outer ring first, then holes), each ring a list of RD
    /// `(x, y)` points in metres.
    pub polygons: Vec<Vec<Vec<(f64, f64)>>>,
}

/// Features read from a GeoJSON file, projected to RD New.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GeoLayer {
    /// The file, when read from one.
    pub file: Option<PathBuf>,
    /// The key property used.
    pub key: String,
    /// The features, in file order.
    pub features: Vec<GeoFeature>,
}

fn loc(file: Option<&Path>, what: String) -> Location {
    Location { file: file.map(Path::to_path_buf), line: None, column: Some(what) }
}

fn bad(file: Option<&Path>, what: String, value: impl Into<String>, message: impl Into<String>) -> Error {
    Error::InvalidValue { location: loc(file, what), value: value.into(), message: message.into() }
}

fn key_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn parse_ring(v: &Value, file: Option<&Path>, where_: &str) -> Result<Vec<(f64, f64)>> {
    let pts = v.as_array().ok_or_else(|| bad(file, where_.to_owned(), v.to_string(), "a ring must be an array"))?;
    let mut ring = Vec::with_capacity(pts.len());
    for p in pts {
        let (lon, lat) = match p.as_array().map(Vec::as_slice) {
            Some([a, b, ..]) => (a.as_f64(), b.as_f64()),
            _ => (None, None),
        };
        let (Some(lon), Some(lat)) = (lon, lat) else {
            return Err(bad(file, where_.to_owned(), p.to_string(), "a position must be [longitude, latitude]"));
        };
        if !lon.is_finite() || !lat.is_finite() || !in_domain(lon, lat) {
            return Err(bad(
                file,
                where_.to_owned(),
                format!("[{lon}, {lat}]"),
                "position outside the Netherlands: coordinates must be WGS84 longitude, latitude in degrees (not RD metres, not latitude first)",
            ));
        }
        ring.push(wgs84_to_rd(lon, lat));
    }
    if ring.len() < 4 {
        return Err(bad(
            file,
            where_.to_owned(),
            format!("{} positions", ring.len()),
            "a ring needs at least 4 positions",
        ));
    }
    Ok(ring)
}

fn parse_polygon(v: &Value, file: Option<&Path>, where_: &str) -> Result<Vec<Vec<(f64, f64)>>> {
    let rings = v
        .as_array()
        .ok_or_else(|| bad(file, where_.to_owned(), v.to_string(), "a polygon must be an array of rings"))?;
    if rings.is_empty() {
        return Err(bad(file, where_.to_owned(), "[]", "a polygon needs an outer ring"));
    }
    rings.iter().map(|r| parse_ring(r, file, where_)).collect()
}

impl GeoLayer {
    /// Parse GeoJSON text. `key` names the property that identifies a feature; `None` tries
    /// [`DEFAULT_CODE_KEYS`] (`code`, `statcode`, `gemeentecode`) in order per feature.
    ///
    /// # Errors
    /// [`Error::Definition`] when the text is not JSON or not a `FeatureCollection`;
    /// [`Error::InvalidValue`] naming the file, the feature index and its key for a feature with
    /// no key, a geometry other than `Polygon`/`MultiPolygon`, a malformed ring or a position
    /// outside the Netherlands (RD coordinates or swapped axes); [`Error::Duplicate`]-like
    /// [`Error::InvalidValue`] for a key that occurs twice.
    pub fn from_geojson_str(text: &str, file: Option<&Path>, key: Option<&str>) -> Result<Self> {
        let doc: Value = serde_json::from_str(text).map_err(|e| Error::Definition {
            location: Location { file: file.map(Path::to_path_buf), line: Some(e.line() as u64), column: None },
            message: format!("not valid JSON: {e}"),
        })?;
        let features = match (doc.get("type").and_then(Value::as_str), doc.get("features").and_then(Value::as_array)) {
            (Some("FeatureCollection"), Some(f)) => f,
            _ => {
                return Err(Error::Definition {
                    location: loc(file, "type".into()),
                    message: "expected a GeoJSON FeatureCollection with a \"features\" array".into(),
                });
            }
        };
        let keys: Vec<&str> = key.map_or_else(|| DEFAULT_CODE_KEYS.to_vec(), |k| vec![k]);
        let mut out: Vec<GeoFeature> = Vec::with_capacity(features.len());
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, f) in features.iter().enumerate() {
            let props = f.get("properties");
            let found = keys.iter().find_map(|k| props.and_then(|p| p.get(*k)).and_then(key_text).map(|v| (*k, v)));
            let Some((_, value)) = found else {
                return Err(bad(
                    file,
                    format!("features[{i}].properties"),
                    "",
                    format!("feature {i} has no property {}", keys.join(" or ")),
                ));
            };
            let where_ = format!("features[{i}] ({value})");
            if let Some(first) = seen.insert(value.clone(), i) {
                return Err(bad(file, where_, value, format!("the same key as feature {first}")));
            }
            let name =
                NAME_KEYS.iter().find_map(|k| props.and_then(|p| p.get(*k)).and_then(Value::as_str)).map(str::to_owned);
            let geom = f.get("geometry").filter(|g| !g.is_null());
            let kind = geom.and_then(|g| g.get("type")).and_then(Value::as_str);
            let coords = geom.and_then(|g| g.get("coordinates"));
            let polygons = match (kind, coords) {
                (Some("Polygon"), Some(c)) => vec![parse_polygon(c, file, &where_)?],
                (Some("MultiPolygon"), Some(Value::Array(ps))) => {
                    ps.iter().map(|p| parse_polygon(p, file, &where_)).collect::<Result<Vec<_>>>()?
                }
                (k, _) => {
                    return Err(bad(
                        file,
                        where_,
                        k.unwrap_or("null"),
                        "geometry must be a Polygon or MultiPolygon with coordinates",
                    ));
                }
            };
            out.push(GeoFeature { key: value, name, polygons });
        }
        if out.is_empty() {
            return Err(Error::Definition {
                location: loc(file, "features".into()),
                message: "the FeatureCollection has no features".into(),
            });
        }
        let key = key.map_or_else(|| "code".to_owned(), str::to_owned);
        Ok(Self { file: file.map(Path::to_path_buf), key, features: out })
    }

    /// Read and parse a GeoJSON file (see [`GeoLayer::from_geojson_str`]).
    ///
    /// # Errors
    /// As [`GeoLayer::from_geojson_str`], and [`Error::Io`].
    pub fn read(path: &Path, key: Option<&str>) -> Result<Self> {
        let (text, _) = crate::io::read_text(path)?;
        Self::from_geojson_str(&text, Some(path), key)
    }

    /// The municipality code of each feature, in order: `GM` + four digits, or a bare CBS number
    /// (`363`, `"0363"`).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] naming the file and feature index for a key that is no code.
    pub fn municipality_codes(&self) -> Result<Vec<MunicipalityCode>> {
        self.features
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let k = f.key.as_str();
                let parsed = if k.bytes().all(|b| b.is_ascii_digit()) && !k.is_empty() {
                    k.parse::<u32>().ok().and_then(|n| MunicipalityCode::from_cbs_number(n).ok())
                } else {
                    MunicipalityCode::new(k).ok()
                };
                parsed.ok_or_else(|| {
                    bad(
                        self.file.as_deref(),
                        format!("features[{i}].properties.{}", self.key),
                        k,
                        "not a municipality code: expected \"GM\" followed by four digits, e.g. \"GM0363\"",
                    )
                })
            })
            .collect()
    }

    /// The bounding box `(min_x, min_y, max_x, max_y)` in RD metres.
    pub fn bounds(&self) -> (f64, f64, f64, f64) {
        let pts = self.features.iter().flat_map(|f| f.polygons.iter().flatten().flatten());
        pts.fold((f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY), |(a, b, c, d), &(x, y)| {
            (a.min(x), b.min(y), c.max(x), d.max(y))
        })
    }
}

/// A category of the map: its legend label and fill colour (`#rrggbb`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Category {
    /// The legend label, e.g. `Gerespondeerd`.
    pub label: String,
    /// The fill; `None` takes the next Okabe–Ito colour.
    pub colour: Option<String>,
}

/// Options of [`choropleth_svg`].
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ChoroplethOptions {
    /// The title.
    pub title: String,
    /// A subtitle, also the accessible description.
    pub subtitle: Option<String>,
    /// The categories, in legend order.
    pub categories: Vec<Category>,
    /// Width of the map in px (the height follows from the country's shape). Default 560.
    pub map_width: f64,
    /// A source line under the map, e.g. `Kaart: CBS/PDOK, CC BY 4.0`.
    pub source: Option<String>,
}

impl ChoroplethOptions {
    /// Options with a title and categories, map width 560 px.
    pub fn new(title: impl Into<String>, categories: Vec<Category>) -> Self {
        Self { title: title.into(), subtitle: None, categories, map_width: 560.0, source: None }
    }
}

/// Coordinates in tenths of a pixel, so the path text is exact integers.
fn ring_path(ring: &[(f64, f64)], to_px: &impl Fn((f64, f64)) -> (f64, f64)) -> Option<String> {
    let mut pts: Vec<(i64, i64)> = Vec::with_capacity(ring.len());
    for &p in ring {
        let (x, y) = to_px(p);
        let q = ((x * 10.0).round() as i64, (y * 10.0).round() as i64);
        if pts.last() != Some(&q) {
            pts.push(q);
        }
    }
    if pts.len() > 1 && pts.first() == pts.last() {
        pts.pop();
    }
    if pts.len() < 3 {
        return None;
    }
    let tenth = |v: i64| -> String {
        let sign = if v < 0 { "-" } else { "" };
        let a = v.unsigned_abs();
        if a.is_multiple_of(10) { format!("{sign}{}", a / 10) } else { format!("{sign}{}.{}", a / 10, a % 10) }
    };
    let mut d = String::new();
    let mut prev = (0i64, 0i64);
    for (i, &(x, y)) in pts.iter().enumerate() {
        if i == 0 {
            let _ = write!(d, "M{} {}", tenth(x), tenth(y));
        } else {
            let (dx, dy) = (x - prev.0, y - prev.1);
            let dys = tenth(dy);
            let sep = if dys.starts_with('-') { "" } else { " " };
            let _ = write!(
                d,
                "{}{}{sep}{dys}",
                if i == 1 {
                    "l"
                } else if dx < 0 {
                    ""
                } else {
                    " "
                },
                tenth(dx)
            );
        }
        prev = (x, y);
    }
    d.push('z');
    Some(d)
}

/// Render a categorical choropleth: one `<path>` per municipality of `map` (with a `<title>`
/// giving its name and category, and `data-code`), filled by `category_of` (an index into
/// `options.categories`; municipalities not in it are grey "no data"), the province borders of
/// `overlay` drawn on top when given, a legend with the count per category, and the source line.
///
/// # Errors
/// [`Error::InvalidArgument`] when there are no categories, an index is out of range or the map
/// width is not positive; [`Error::InvalidValue`] when a feature's key is no municipality code.
pub fn choropleth_svg(
    map: &GeoLayer,
    category_of: &HashMap<MunicipalityCode, usize>,
    options: &ChoroplethOptions,
    overlay: Option<&GeoLayer>,
    lang: Language,
) -> Result<String> {
    if options.categories.is_empty() {
        return Err(Error::InvalidArgument { name: "categories", message: "no categories given".into() });
    }
    if !(options.map_width.is_finite() && options.map_width > 50.0) {
        return Err(Error::InvalidArgument {
            name: "map_width",
            message: format!("{} px is not a usable map width", options.map_width),
        });
    }
    if let Some((code, i)) = category_of.iter().find(|(_, i)| **i >= options.categories.len()) {
        return Err(Error::InvalidArgument {
            name: "category_of",
            message: format!("{code} has category {i} but there are {}", options.categories.len()),
        });
    }
    let codes = map.municipality_codes()?;
    let colours: Vec<String> = options
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            c.colour.clone().unwrap_or_else(|| OKABE_ITO.get(i % OKABE_ITO.len()).map_or("#0072B2", |s| s).to_owned())
        })
        .collect();

    let (min_x, min_y, max_x, max_y) = map.bounds();
    let s = options.map_width / (max_x - min_x).max(1.0);
    let map_h = (max_y - min_y) * s;
    let legend_w = 230.0;
    let width = 16.0 + options.map_width + 24.0 + legend_w + 16.0;
    let title_lines = wrap(&options.title, 18.0, width - 32.0).len() as f64;
    let sub_lines = options.subtitle.as_ref().map_or(0.0, |t| wrap(t, 13.0, width - 32.0).len() as f64);
    let top = 28.0 + title_lines * 22.0 + sub_lines * 17.0 + 8.0;
    let height = top + map_h + 40.0;
    let (ox, oy) = (16.0, top);
    let to_px = |(x, y): (f64, f64)| (ox + (x - min_x) * s, oy + (max_y - y) * s);

    let mut counts = vec![0usize; options.categories.len()];
    let mut missing = 0usize;
    let desc = options
        .subtitle
        .clone()
        .unwrap_or_else(|| options.categories.iter().map(|c| c.label.as_str()).collect::<Vec<_>>().join(", "));
    let mut svg = Svg::new(width, height, &options.title, &desc);
    svg.heading(16.0, &options.title, options.subtitle.as_deref(), width - 32.0);
    svg.raw("<g class=\"lm-municipalities\" stroke=\"#FFFFFF\" stroke-width=\"0.4\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">\n");
    let no_data = match lang {
        Language::Nl => "geen gegevens",
        Language::En => "no data",
    };
    for (f, code) in map.features.iter().zip(&codes) {
        let cat = category_of.get(code).copied();
        let (fill, label) = match cat {
            Some(i) => {
                if let Some(c) = counts.get_mut(i) {
                    *c += 1;
                }
                (
                    colours.get(i).map_or(NO_DATA, String::as_str),
                    options.categories.get(i).map_or(no_data, |c| c.label.as_str()),
                )
            }
            None => {
                missing += 1;
                (NO_DATA, no_data)
            }
        };
        let mut d = String::new();
        for ring in f.polygons.iter().flatten() {
            if let Some(p) = ring_path(ring, &to_px) {
                d.push_str(&p);
            }
        }
        if d.is_empty() {
            // Too small to show at this scale: keep the municipality as a dot so that none
            // disappears from the map.
            if let Some(&p) = f.polygons.first().and_then(|p| p.first()).and_then(|r| r.first()) {
                let (x, y) = to_px(p);
                d = format!("M{} {}h0.5v0.5h-0.5z", super::svg::n(x), super::svg::n(y));
            }
        }
        let name = f.name.clone().unwrap_or_else(|| code.to_string());
        let _ = writeln!(
            svg.buf_mut(),
            "<path data-code=\"{code}\" fill=\"{}\" d=\"{d}\"><title>{} ({code}): {}</title></path>",
            esc(fill),
            esc(&name),
            esc(label)
        );
    }
    svg.raw("</g>\n");
    if let Some(o) = overlay {
        svg.raw("<g class=\"lm-overlay\" fill=\"none\" stroke=\"#333333\" stroke-width=\"0.9\" stroke-linejoin=\"round\">\n");
        for f in &o.features {
            let d: String = f.polygons.iter().flatten().filter_map(|r| ring_path(r, &to_px)).collect();
            if !d.is_empty() {
                svg.raw(&format!("<path d=\"{d}\"/>\n"));
            }
        }
        svg.raw("</g>\n");
    }
    // Legend.
    let lx = 16.0 + options.map_width + 24.0;
    let mut ly = top + 10.0;
    let mut entries: Vec<(String, String, usize)> = options
        .categories
        .iter()
        .zip(&colours)
        .zip(&counts)
        .map(|((c, col), k)| (col.clone(), c.label.clone(), *k))
        .collect();
    if missing > 0 {
        entries.push((NO_DATA.to_owned(), no_data.to_owned(), missing));
    }
    for (fill, label, k) in entries {
        svg.rect(lx, ly, 22.0, 16.0, &fill, " stroke=\"#888888\" stroke-width=\"0.5\"");
        let lines = wrap(&format!("{label} ({k})"), 13.0, legend_w - 32.0);
        for (i, l) in lines.iter().enumerate() {
            svg.text(lx + 30.0, ly + 12.5 + i as f64 * 16.0, 13.0, "start", "normal", "#222222", l);
        }
        ly += 10.0 + lines.len() as f64 * 16.0;
    }
    if let Some(src) = &options.source {
        svg.text(16.0, top + map_h + 26.0, 11.0, "start", "normal", "#555555", src);
    }
    Ok(svg.finish())
}
