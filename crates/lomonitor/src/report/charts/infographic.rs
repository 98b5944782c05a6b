//! A one-page infographic: key-figure tiles (a big number and a caption), a list of top themes
//! as bars, and the province tile map, on an A4 portrait page (794 x 1123 px, A4 at 96 dpi).
//!
//! The inputs are plain numbers and texts; the caller (the study's report) computes them.

use std::fmt::Write as _;
use std::path::Path;

use super::svg::{Svg, check_values, esc, n, text_width, wrap};
use super::tilemap::{BODY_H, BODY_W, TileMap, ValueFormat, draw_tiles};
use crate::error::{Error, Result};
use crate::io::write_atomic;
use crate::meta::Language;
use crate::table::format::format_percent;

/// A key figure: a big number and what it means.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct KeyFigure {
    /// The number.
    pub value: f64,
    /// How to print it.
    pub format: ValueFormat,
    /// The caption under it, e.g. `van de gemeenten heeft een opleidingsplan`.
    pub caption: String,
}

/// The content of an infographic.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Infographic {
    /// The title.
    pub title: String,
    /// A subtitle (study, year).
    pub subtitle: Option<String>,
    /// One to eight key figures, four to a row.
    pub key_figures: Vec<KeyFigure>,
    /// The heading of the theme list, e.g. `Belangrijkste thema's`.
    pub themes_title: String,
    /// Up to eight themes with a percentage each, drawn in the order given.
    pub themes: Vec<(String, f64)>,
    /// The province tile map, when wanted.
    pub map: Option<TileMap>,
    /// A footer line (source, n, date).
    pub footer: Option<String>,
}

/// Page width (A4 at 96 dpi).
pub const PAGE_W: f64 = 794.0;
/// Page height (A4 at 96 dpi).
pub const PAGE_H: f64 = 1123.0;
const MARGIN: f64 = 40.0;
const ACCENT: &str = "#0072B2";

/// Render the infographic as one SVG page.
///
/// # Errors
/// [`Error::InvalidArgument`] when there are no or more than eight key figures, more than eight
/// themes, a value is not finite, a theme percentage is outside 0–100, or the content does not
/// fit on the page; the tile map's errors as [`super::province_tile_map_svg`].
pub fn infographic_svg(info: &Infographic, lang: Language) -> Result<String> {
    let k = info.key_figures.len();
    if !(1..=8).contains(&k) {
        return Err(Error::InvalidArgument {
            name: "key_figures",
            message: format!("an infographic holds 1 to 8 key figures, got {k}"),
        });
    }
    if info.themes.len() > 8 {
        return Err(Error::InvalidArgument {
            name: "themes",
            message: format!("an infographic holds at most 8 themes, got {}", info.themes.len()),
        });
    }
    check_values("key_figures", info.key_figures.iter().map(|f| &f.value))?;
    check_values("themes", info.themes.iter().map(|t| &t.1))?;
    if let Some((label, _)) = info.themes.iter().find(|t| !(0.0..=100.0).contains(&t.1)) {
        return Err(Error::InvalidArgument {
            name: "themes",
            message: format!("theme {label:?}: percentages must lie in 0–100"),
        });
    }
    let inner = PAGE_W - 2.0 * MARGIN;
    let desc = info.subtitle.clone().unwrap_or_else(|| info.title.clone());
    let mut svg = Svg::new(PAGE_W, PAGE_H, &info.title, &desc);
    svg.rect(0.0, 0.0, PAGE_W, 10.0, ACCENT, "");
    let mut y = 64.0;
    for line in wrap(&info.title, 28.0, inner) {
        svg.text(MARGIN, y, 28.0, "start", "bold", "#111111", &line);
        y += 34.0;
    }
    if let Some(s) = &info.subtitle {
        for line in wrap(s, 15.0, inner) {
            svg.text(MARGIN, y - 6.0, 15.0, "start", "normal", "#444444", &line);
            y += 20.0;
        }
    }
    y += 10.0;

    // Key figures, four to a row.
    let per_row = k.min(4);
    let gap = 16.0;
    let tile_w = (inner - gap * (per_row as f64 - 1.0)) / per_row as f64;
    let tile_h = 132.0;
    for (i, f) in info.key_figures.iter().enumerate() {
        let (c, r) = (i % 4, i / 4);
        let x = MARGIN + c as f64 * (tile_w + gap);
        let ty = y + r as f64 * (tile_h + gap);
        let value = f.format.format(f.value, lang);
        let size = (tile_w / (text_width(&value, 1.0) + 0.2)).min(44.0);
        let _ = write!(
            svg.buf_mut(),
            "<g class=\"lm-key-figure\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" fill=\"#EEF4FA\"/>\n<text x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"bold\" fill=\"{ACCENT}\" text-anchor=\"middle\">{}</text>\n",
            n(x),
            n(ty),
            n(tile_w),
            n(tile_h),
            n(x + tile_w / 2.0),
            n(ty + 56.0),
            n(size),
            esc(&value)
        );
        for (j, line) in wrap(&f.caption, 13.0, tile_w - 20.0).iter().take(4).enumerate() {
            svg.text(x + tile_w / 2.0, ty + 82.0 + j as f64 * 16.0, 13.0, "middle", "normal", "#222222", line);
        }
        svg.raw("</g>\n");
    }
    y += k.div_ceil(4) as f64 * (tile_h + gap) + 18.0;

    // Themes as bars.
    if !info.themes.is_empty() {
        svg.text(MARGIN, y, 18.0, "start", "bold", "#111111", &info.themes_title);
        y += 16.0;
        let label_w = 260.0;
        let bar_x = MARGIN + label_w + 10.0;
        let bar_max = inner - label_w - 10.0 - 60.0;
        for (label, v) in &info.themes {
            let lines = wrap(label, 13.0, label_w);
            let row_h = (lines.len() as f64 * 16.0).max(22.0) + 8.0;
            let cy = y + row_h / 2.0;
            for (j, l) in lines.iter().enumerate() {
                let by = cy - (lines.len() as f64 - 1.0) * 8.0 + 4.5 + j as f64 * 16.0;
                svg.text(MARGIN, by, 13.0, "start", "normal", "#222222", l);
            }
            svg.rect(bar_x, cy - 9.0, bar_max, 18.0, "#EEEEEE", "");
            svg.rect(bar_x, cy - 9.0, bar_max * v / 100.0, 18.0, "#E69F00", "");
            svg.text(bar_x + bar_max + 8.0, cy + 4.5, 13.0, "start", "bold", "#222222", &format_percent(*v, 0, lang));
            y += row_h;
        }
        y += 18.0;
    }

    // The tile map.
    if let Some(map) = &info.map {
        svg.text(MARGIN, y + 4.0, 18.0, "start", "bold", "#111111", &map.title);
        y += 18.0;
        let scale = (inner / BODY_W).min(1.0);
        let mut body = String::new();
        draw_tiles(&mut body, map, lang, 0.0, 0.0)?;
        let _ = write!(
            svg.buf_mut(),
            "<g class=\"lm-tile-map\" transform=\"translate({} {}) scale({})\">\n{body}</g>\n",
            n(MARGIN),
            n(y),
            n(scale)
        );
        y += BODY_H * scale + 10.0;
    }
    let footer_y = PAGE_H - 28.0;
    if y > footer_y - 10.0 {
        return Err(Error::InvalidArgument {
            name: "infographic",
            message: format!(
                "the content needs {} px but the page has {} px: use fewer themes or key figures",
                y.ceil(),
                footer_y - 10.0
            ),
        });
    }
    if let Some(f) = &info.footer {
        svg.line(MARGIN, footer_y - 18.0, PAGE_W - MARGIN, footer_y - 18.0, "#CCCCCC", 1.0, "");
        for (j, line) in wrap(f, 11.0, inner).iter().take(2).enumerate() {
            svg.text(MARGIN, footer_y + j as f64 * 14.0, 11.0, "start", "normal", "#555555", line);
        }
    }
    Ok(svg.finish())
}

/// An HTML page holding the infographic SVG inline, sized to the screen and printing on one A4
/// page without margins.
pub fn infographic_html(svg: &str, title: &str, lang: Language) -> String {
    // The built-in template always compiles; an empty string would only come from a broken build.
    crate::report::templates::infographic_page(svg, title, lang).unwrap_or_default()
}

/// Write an HTML (or any text) document atomically.
///
/// # Errors
/// [`Error::Io`] naming `path`.
pub fn write_html_page(path: &Path, html: &str) -> Result<()> {
    write_atomic(path, |w| w.write_all(html.as_bytes()))
}
