//! PNG images of the charts, rendered from the same SVG the HTML report shows, for Word and
//! PowerPoint (which show SVG poorly or not at all).
//!
//! Rendering is done by `resvg` (with `usvg` and `tiny-skia`), the SVG renderer of the linebender
//! project that passes the most of the resvg SVG test suite among the Rust renderers. Text is
//! drawn with the font the crate carries, *Lomonitor Sans* (a Latin subset of Liberation Sans
//! 2.1.5, SIL OFL 1.1, `data/fonts/`), and never with the fonts of the machine: the same SVG
//! gives the same PNG everywhere, and a server without fonts still shows the text. The chart's
//! font stack ends in `sans-serif`, which resolves to that font.
//!
//! The default scale is 2 (a 640 px wide chart becomes 1280 px: 300 dpi at about 11 cm, enough
//! for print).

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia;
use resvg::usvg;

use crate::error::{Error, Result};

/// The family name of the font the crate carries.
pub const FONT_FAMILY: &str = "Lomonitor Sans";
const FONT_REGULAR: &[u8] = include_bytes!("../../data/fonts/LomonitorSans-Regular.ttf");
const FONT_BOLD: &[u8] = include_bytes!("../../data/fonts/LomonitorSans-Bold.ttf");

/// The scale of the PNG files of the report: 2 pixels per SVG unit, for print.
pub const PRINT_SCALE: f32 = 2.0;

/// The largest image drawn, in pixels per side; a larger one is an error, not an allocation of
/// gigabytes.
pub const MAX_SIDE: u32 = 12_000;

/// A rendered PNG image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Png {
    /// The PNG file's bytes.
    pub bytes: Vec<u8>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

fn fontdb() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(FONT_REGULAR.to_vec());
        db.load_font_data(FONT_BOLD.to_vec());
        db.set_sans_serif_family(FONT_FAMILY);
        db.set_serif_family(FONT_FAMILY);
        db.set_monospace_family(FONT_FAMILY);
        db.set_cursive_family(FONT_FAMILY);
        db.set_fantasy_family(FONT_FAMILY);
        Arc::new(db)
    })
    .clone()
}

fn bad(message: String) -> Error {
    Error::InvalidArgument { name: "svg", message }
}

/// Render an SVG document to PNG at `scale` pixels per SVG unit, on its own background (the
/// charts draw a white one).
///
/// # Errors
/// [`Error::InvalidArgument`] when the SVG cannot be parsed, `scale` is not positive and finite,
/// or the image would be wider or taller than [`MAX_SIDE`] pixels.
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Png> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(bad(format!("scale {scale} is not a positive number")));
    }
    let options = usvg::Options { font_family: FONT_FAMILY.to_owned(), fontdb: fontdb(), ..usvg::Options::default() };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| bad(format!("not a valid SVG document: {e}")))?;
    let size = tree.size();
    let (w, h) = ((size.width() * scale).ceil(), (size.height() * scale).ceil());
    let max = MAX_SIDE as f32;
    if !(w >= 1.0 && h >= 1.0 && w <= max && h <= max) {
        return Err(bad(format!("an image of {w} × {h} px is outside 1 to {MAX_SIDE} px per side")));
    }
    let (width, height) = (w as u32, h as u32);
    let mut pixmap =
        tiny_skia::Pixmap::new(width, height).ok_or_else(|| bad(format!("cannot allocate {width} × {height} px")))?;
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    let bytes = pixmap.encode_png().map_err(|e| bad(format!("PNG encoding failed: {e}")))?;
    Ok(Png { bytes, width, height })
}

/// The file name of a chart's PNG: the SVG name with `.png` (`vraag-q1.svg` → `vraag-q1.png`).
pub fn png_name(svg_name: &str) -> String {
    let stem = svg_name.strip_suffix(".svg").unwrap_or(svg_name);
    format!("{stem}.png")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn text_is_drawn_with_the_bundled_font() {
        let blank = r##"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40"><rect width="100" height="40" fill="#fff"/></svg>"##;
        let text = r##"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40" font-family="system-ui, Arial, sans-serif"><rect width="100" height="40" fill="#fff"/><text x="5" y="28" font-size="20">Tabel</text></svg>"##;
        let a = svg_to_png(blank, 2.0).unwrap();
        let b = svg_to_png(text, 2.0).unwrap();
        assert_eq!((b.width, b.height), (200, 80));
        assert!(b.bytes.starts_with(b"\x89PNG"));
        assert_ne!(a.bytes, b.bytes, "the text left no pixels");
    }

    #[test]
    fn bad_input_is_an_error() {
        assert!(svg_to_png("<svg", 2.0).is_err());
        assert!(svg_to_png(r##"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40"/>"##, 0.0).is_err());
        assert!(svg_to_png(r##"<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="40"/>"##, 2.0).is_err());
        assert_eq!(png_name("vraag-q1.svg"), "vraag-q1.png");
    }
}
