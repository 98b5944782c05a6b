//! Self-contained SVG charts: no JavaScript, no external fonts or files, a colour-blind-safe
//! palette, a `<title>` and `<desc>` for screen readers, and text large enough to read in print.
//!
//! - [`bars`]: horizontal bars with confidence-interval whiskers ([`bar_chart_svg`]) and the
//!   response rate per stratum with a reference line ([`response_rate_svg`]);
//! - [`likert`]: diverging stacked bars for Likert items and scales ([`likert_svg`]);
//! - [`tilemap`]: a tile map of the twelve provinces ([`province_tile_map_svg`]);
//! - [`choropleth`]: municipalities from a user-supplied GeoJSON, projected to RD New
//!   ([`choropleth_svg`]), with [`rd`] the projection, and [`boundaries`] the CBS/PDOK
//!   municipal and provincial boundaries the crate carries (the map by default);
//! - [`infographic`]: a one-page layout of key figures, top themes and the tile map.
//!
//! Colours: categorical series use the Okabe–Ito palette ([`OKABE_ITO`]); sequential scales
//! Paul Tol's YlOrBr ([`SEQUENTIAL`]); diverging Likert scales Paul Tol's BuRd. Both authors
//! designed these to stay distinct for the common forms of colour blindness.
//!
//! References: Okabe, M. & Ito, K. (2008). *Color Universal Design (CUD): how to make figures
//! and presentations that are friendly to colorblind people*. Tol, P. (2021). *Colour schemes*,
//! SRON technical note SRON/EPS/TN/09-002, issue 3.2.

pub mod bars;
pub mod boundaries;
pub mod choropleth;
pub mod infographic;
pub mod likert;
pub mod rd;
mod svg;
pub mod tilemap;

use std::path::Path;

pub use bars::{BarChart, BarDatum, bar_chart_svg, response_rate_svg};
pub use choropleth::{Category, ChoroplethOptions, GeoFeature, GeoLayer, choropleth_svg};
pub use infographic::{Infographic, KeyFigure, infographic_html, infographic_svg, write_html_page};
pub use likert::{LikertChart, LikertItem, likert_svg};
pub use tilemap::{TileMap, ValueFormat, province_tile_map_svg};

use crate::error::Result;
use crate::io::write_atomic;

/// The font stack of every chart: the system's user-interface font, so no font is embedded or
/// fetched.
pub const FONT_STACK: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/// The Okabe–Ito palette without black, in its usual order: orange, sky blue, bluish green,
/// yellow, blue, vermillion, reddish purple.
pub const OKABE_ITO: [&str; 7] = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"];

/// Paul Tol's sequential YlOrBr scheme in five classes, light to dark.
pub const SEQUENTIAL: [&str; 5] = ["#FFF7BC", "#FEC44F", "#FB9A29", "#CC4C02", "#662506"];

/// The grey for "no data".
pub const NO_DATA: &str = "#DDDDDD";

/// Write an SVG document to `path` (atomically).
///
/// # Errors
/// [`crate::Error::Io`] naming `path`.
pub fn write_svg(path: &Path, svg: &str) -> Result<()> {
    write_atomic(path, |w| w.write_all(svg.as_bytes()))
}
