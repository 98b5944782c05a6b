//! A tile map of the twelve provinces: one equal square-ish tile per province in a fixed grid
//! that resembles the Netherlands, coloured on a sequential colour-blind-safe scale, each with
//! its value printed. Equal tiles give Flevoland and Gelderland the same weight, which suits
//! per-province figures of a study with one respondent per municipality better than a map in
//! which area dominates.
//!
//! The grid, west to east and north to south:
//!
//! ```text
//! Fryslân        Groningen      Drenthe
//! Noord-Holland  Flevoland      Overijssel
//! Zuid-Holland   Utrecht        Gelderland
//! Zeeland        Noord-Brabant  Limburg
//! ```

use std::fmt::Write as _;

use super::svg::{Svg, check_values, dark_text_on, esc, n};
use super::{NO_DATA, SEQUENTIAL};
use crate::error::{Error, Result};
use crate::frame::Province;
use crate::meta::Language;
use crate::table::format::{format_count, format_number, format_percent};

/// How values are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueFormat {
    /// A percentage (value in percent) with these decimals.
    Percent(u8),
    /// A number with these decimals.
    Number(u8),
    /// A whole number.
    Count,
}

impl ValueFormat {
    /// Format a value.
    pub fn format(self, v: f64, lang: Language) -> String {
        match self {
            ValueFormat::Percent(d) => format_percent(v, d, lang),
            ValueFormat::Number(d) => format_number(v, d, lang),
            ValueFormat::Count => format_count(v, lang),
        }
    }
}

/// A per-province figure to draw as a tile map.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TileMap {
    /// The title.
    pub title: String,
    /// A subtitle, also the accessible description.
    pub subtitle: Option<String>,
    /// The value per province; `None` (or a province left out) is drawn as "no data".
    pub values: Vec<(Province, Option<f64>)>,
    /// How values are printed.
    pub format: ValueFormat,
    /// The title of the legend, e.g. `Respons`.
    pub legend_title: String,
    /// The range of the colour scale; default the smallest and largest value.
    pub domain: Option<(f64, f64)>,
    /// A note under the map.
    pub note: Option<String>,
}

/// The grid position `(column, row)` of a province.
pub fn tile_position(p: Province) -> (u8, u8) {
    match p {
        Province::Fryslan => (0, 0),
        Province::Groningen => (1, 0),
        Province::Drenthe => (2, 0),
        Province::NoordHolland => (0, 1),
        Province::Flevoland => (1, 1),
        Province::Overijssel => (2, 1),
        Province::ZuidHolland => (0, 2),
        Province::Utrecht => (1, 2),
        Province::Gelderland => (2, 2),
        Province::Zeeland => (0, 3),
        Province::NoordBrabant => (1, 3),
        Province::Limburg => (2, 3),
    }
}

const TILE_W: f64 = 168.0;
const TILE_H: f64 = 92.0;
const GAP: f64 = 6.0;
const LEGEND_W: f64 = 210.0;

/// Width and height of the tiles plus legend as drawn by [`draw_tiles`].
pub(crate) const BODY_W: f64 = 3.0 * TILE_W + 2.0 * GAP + 24.0 + LEGEND_W;
pub(crate) const BODY_H: f64 = 4.0 * TILE_H + 3.0 * GAP;

struct Scale {
    lo: f64,
    hi: f64,
    classes: usize,
}

impl Scale {
    fn class(&self, v: f64) -> usize {
        if self.classes <= 1 || self.hi <= self.lo {
            return 0;
        }
        let t = ((v - self.lo) / (self.hi - self.lo)).clamp(0.0, 1.0);
        ((t * self.classes as f64).floor() as usize).min(self.classes - 1)
    }

    fn colour(&self, class: usize) -> &'static str {
        if self.classes <= 1 {
            return SEQUENTIAL.get(2).copied().unwrap_or("#FB9A29");
        }
        SEQUENTIAL.get(class).copied().unwrap_or("#662506")
    }

    fn bounds(&self, class: usize) -> (f64, f64) {
        let w = (self.hi - self.lo) / self.classes as f64;
        (self.lo + w * class as f64, self.lo + w * (class + 1) as f64)
    }
}

fn validate(map: &TileMap) -> Result<Scale> {
    let mut seen = [false; 12];
    for (p, v) in &map.values {
        if let Some(s) = seen.get_mut(p.index()) {
            if *s {
                return Err(Error::InvalidArgument {
                    name: "values",
                    message: format!("province {} is given twice", p.name()),
                });
            }
            *s = true;
        }
        if let Some(v) = v {
            check_values("values", [v])?;
        }
    }
    let present: Vec<f64> = map.values.iter().filter_map(|(_, v)| *v).collect();
    let (lo, hi) = match map.domain {
        Some((lo, hi)) => {
            check_values("domain", [&lo, &hi])?;
            if hi < lo {
                return Err(Error::InvalidArgument { name: "domain", message: format!("{lo} > {hi}") });
            }
            (lo, hi)
        }
        None => (
            present.iter().copied().fold(f64::INFINITY, f64::min),
            present.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        ),
    };
    if present.is_empty() && map.domain.is_none() {
        return Ok(Scale { lo: 0.0, hi: 0.0, classes: 0 });
    }
    let classes = if hi > lo { SEQUENTIAL.len() } else { 1 };
    Ok(Scale { lo, hi, classes })
}

/// Draw the tiles and the legend at `(ox, oy)` into `out`.
pub(crate) fn draw_tiles(out: &mut String, map: &TileMap, lang: Language, ox: f64, oy: f64) -> Result<()> {
    let scale = validate(map)?;
    let value_of = |p: Province| map.values.iter().find(|(q, _)| *q == p).and_then(|(_, v)| *v);
    let mut any_missing = false;
    for p in Province::ALL {
        let (c, r) = tile_position(p);
        let x = ox + f64::from(c) * (TILE_W + GAP);
        let y = oy + f64::from(r) * (TILE_H + GAP);
        let v = value_of(p);
        let fill = v.map_or(NO_DATA, |v| scale.colour(scale.class(v)));
        any_missing |= v.is_none();
        let ink = if dark_text_on(fill) { "#111111" } else { "#FFFFFF" };
        let value_text = v.map_or_else(|| "–".to_owned(), |v| map.format.format(v, lang));
        let name = match lang {
            Language::Nl => p.name(),
            Language::En => p.name_en(),
        };
        let _ = write!(
            out,
            "<g class=\"lm-tile\" data-province=\"{code}\"><title>{name}: {val}</title>\n<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"4\" fill=\"{fill}\" stroke=\"#FFFFFF\" stroke-width=\"1\"/>\n<text x=\"{tx}\" y=\"{ty1}\" font-size=\"13\" text-anchor=\"middle\" fill=\"{ink}\">{name}</text>\n<text x=\"{tx}\" y=\"{ty2}\" font-size=\"24\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"{ink}\">{val}</text>\n</g>\n",
            code = p.cbs_code(),
            name = esc(name),
            val = esc(&value_text),
            x = n(x),
            y = n(y),
            w = n(TILE_W),
            h = n(TILE_H),
            tx = n(x + TILE_W / 2.0),
            ty1 = n(y + 30.0),
            ty2 = n(y + 66.0),
        );
    }
    // Legend.
    let lx = ox + 3.0 * TILE_W + 2.0 * GAP + 24.0;
    let mut ly = oy + 14.0;
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"13\" font-weight=\"bold\">{}</text>",
        n(lx),
        n(ly),
        esc(&map.legend_title)
    );
    ly += 12.0;
    let mut entries: Vec<(&str, String)> = Vec::new();
    for class in (0..scale.classes).rev() {
        let (a, b) = scale.bounds(class);
        let label = if scale.classes == 1 {
            map.format.format(scale.lo, lang)
        } else {
            format!("{} – {}", map.format.format(a, lang), map.format.format(b, lang))
        };
        entries.push((scale.colour(class), label));
    }
    if any_missing {
        entries.push((
            NO_DATA,
            match lang {
                Language::Nl => "geen gegevens".to_owned(),
                Language::En => "no data".to_owned(),
            },
        ));
    }
    for (fill, label) in entries {
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"22\" height=\"16\" fill=\"{fill}\" stroke=\"#888888\" stroke-width=\"0.5\"/>\n<text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>\n",
            n(lx),
            n(ly),
            n(lx + 30.0),
            n(ly + 12.5),
            esc(&label)
        );
        ly += 22.0;
    }
    Ok(())
}

/// Render a [`TileMap`] as a standalone SVG: title, the twelve tiles with name and value, a
/// legend of five equal-width classes (Paul Tol's YlOrBr) and "no data" in grey where a value is
/// missing.
///
/// # Errors
/// [`Error::InvalidArgument`] for a non-finite value, a province given twice or a reversed
/// domain.
pub fn province_tile_map_svg(map: &TileMap, lang: Language) -> Result<String> {
    validate(map)?;
    let width = 16.0 + BODY_W + 16.0;
    let title_h = {
        let lines = super::svg::wrap(&map.title, 18.0, width - 32.0).len() as f64;
        let sub = map.subtitle.as_ref().map_or(0.0, |s| super::svg::wrap(s, 13.0, width - 32.0).len() as f64);
        28.0 + lines * 22.0 + sub * 17.0 + 8.0
    };
    let note_lines: Vec<String> = map.note.iter().flat_map(|s| super::svg::wrap(s, 11.0, width - 32.0)).collect();
    let height = title_h + BODY_H + 24.0 + note_lines.len() as f64 * 15.0;
    let desc = map.subtitle.clone().unwrap_or_else(|| {
        let parts: Vec<String> = Province::ALL
            .iter()
            .map(|p| {
                let v = map.values.iter().find(|(q, _)| q == p).and_then(|(_, v)| *v);
                format!("{}: {}", p.name(), v.map_or_else(|| "–".to_owned(), |v| map.format.format(v, lang)))
            })
            .collect();
        parts.join("; ")
    });
    let mut svg = Svg::new(width, height, &map.title, &desc);
    svg.heading(16.0, &map.title, map.subtitle.as_deref(), width - 32.0);
    let mut body = String::new();
    draw_tiles(&mut body, map, lang, 16.0, title_h)?;
    svg.raw(&body);
    let mut y = title_h + BODY_H + 22.0;
    for l in &note_lines {
        svg.text(16.0, y, 11.0, "start", "normal", "#444444", l);
        y += 15.0;
    }
    Ok(svg.finish())
}
