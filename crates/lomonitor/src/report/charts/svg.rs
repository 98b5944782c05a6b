//! A minimal SVG writer shared by the charts.

use std::fmt::Write as _;

use super::FONT_STACK;
use crate::error::{Error, Result};

/// A coordinate or length with at most two decimals, trailing zeros dropped; non-finite values
/// (which the chart builders reject up front) print as 0 so that no `NaN` reaches a file.
pub(crate) fn n(v: f64) -> String {
    if !v.is_finite() {
        return "0".to_owned();
    }
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() { "0".to_owned() } else { s.to_owned() }
}

/// Escape text for SVG (XML) content and attributes.
pub(crate) fn esc(text: &str) -> String {
    crate::xml::escape(text)
}

/// A short stable id fragment from a text (FNV-1a), so that several charts inlined in one HTML
/// page do not share `id`s.
pub(crate) fn id_from(text: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("lm{h:08x}")
}

/// Estimated width in pixels of `text` at `size` px in a sans-serif face (average advance about
/// 0.55 em; wide enough for layout, not for typesetting).
pub(crate) fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '\'' | '.' | ',' | ':' | ';' | '|' | '!' | ' ' => 0.3,
            'm' | 'w' | 'M' | 'W' | '%' => 0.9,
            c if c.is_uppercase() => 0.68,
            c if c.is_ascii_digit() => 0.64,
            _ => 0.58,
        })
        .sum::<f64>()
        * size
}

/// Break `text` into lines of at most `max_width` px at `size` px, at spaces; a word longer than
/// a line stays whole.
pub(crate) fn wrap(text: &str, size: f64, max_width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
        if text_width(&candidate, size) > max_width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line = word.to_owned();
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Whether dark text reads better than white on `fill` (`#rrggbb`): relative luminance (WCAG)
/// above 0.2. (The WCAG contrast ratios cross at 0.18; the higher threshold keeps white on
/// saturated mid-tones such as `#CC4C02`, where it reads better in practice.)
pub(crate) fn dark_text_on(fill: &str) -> bool {
    let hex = fill.trim_start_matches('#');
    let channel = |i: usize| {
        let v = hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()).unwrap_or(0);
        let c = f64::from(v) / 255.0;
        if c <= 0.040_45 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    let l = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
    l > 0.2
}

/// A step of 1, 2, 2.5 or 5 times a power of ten giving about `target` intervals up to `max`.
pub(crate) fn nice_step(max: f64, target: f64) -> f64 {
    if !(max.is_finite() && max > 0.0) {
        return 1.0;
    }
    let raw = max / target;
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let m = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * mag
}

/// Check that every value is finite.
pub(crate) fn check_values<'a>(name: &'static str, values: impl IntoIterator<Item = &'a f64>) -> Result<()> {
    for v in values {
        if !v.is_finite() {
            return Err(Error::InvalidArgument { name, message: format!("{v} is not a finite number") });
        }
    }
    Ok(())
}

/// An SVG document being written.
pub(crate) struct Svg {
    buf: String,
}

// Drawing primitives take their geometry and style as plain arguments, as SVG does.
#[allow(clippy::too_many_arguments)]
impl Svg {
    /// Open an `<svg>` of `width` x `height` px with its accessible title and description.
    pub(crate) fn new(width: f64, height: f64, title: &str, desc: &str) -> Self {
        let id = id_from(&format!("{title}\u{0}{desc}"));
        let mut buf = String::with_capacity(8192);
        let _ = write!(
            buf,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{FONT_STACK}\" font-size=\"13\" fill=\"#222222\">\n<title id=\"{id}-title\">{t}</title>\n<desc id=\"{id}-desc\">{d}</desc>\n<rect width=\"{w}\" height=\"{h}\" fill=\"#FFFFFF\"/>\n",
            w = n(width),
            h = n(height),
            t = esc(title),
            d = esc(desc)
        );
        Self { buf }
    }

    /// The markup written so far, to append to.
    pub(crate) fn buf_mut(&mut self) -> &mut String {
        &mut self.buf
    }

    /// Append raw markup.
    pub(crate) fn raw(&mut self, s: &str) {
        self.buf.push_str(s);
    }

    /// A rectangle; `extra` holds further attributes (already escaped).
    pub(crate) fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, extra: &str) {
        let _ = writeln!(
            self.buf,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"{}/>",
            n(x),
            n(y),
            n(w.max(0.0)),
            n(h.max(0.0)),
            esc(fill),
            extra
        );
    }

    /// A line.
    pub(crate) fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, width: f64, extra: &str) {
        let _ = writeln!(
            self.buf,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{}/>",
            n(x1),
            n(y1),
            n(x2),
            n(y2),
            esc(stroke),
            n(width),
            extra
        );
    }

    /// A text; `anchor` is `start`, `middle` or `end`.
    pub(crate) fn text(&mut self, x: f64, y: f64, size: f64, anchor: &str, weight: &str, fill: &str, text: &str) {
        let _ = writeln!(
            self.buf,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"{anchor}\" font-weight=\"{weight}\" fill=\"{}\">{}</text>",
            n(x),
            n(y),
            n(size),
            esc(fill),
            esc(text)
        );
    }

    /// Title (18 px, bold) and an optional subtitle (13 px, grey) from the top left; returns the
    /// y below them.
    pub(crate) fn heading(&mut self, x: f64, title: &str, subtitle: Option<&str>, max_width: f64) -> f64 {
        let mut y = 28.0;
        for line in wrap(title, 18.0, max_width) {
            self.text(x, y, 18.0, "start", "bold", "#111111", &line);
            y += 22.0;
        }
        if let Some(s) = subtitle.filter(|s| !s.is_empty()) {
            for line in wrap(s, 13.0, max_width) {
                self.text(x, y, 13.0, "start", "normal", "#444444", &line);
                y += 17.0;
            }
        }
        y + 8.0
    }

    /// Close the document.
    pub(crate) fn finish(mut self) -> String {
        self.buf.push_str("</svg>\n");
        self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(n(1.0), "1");
        assert_eq!(n(1.256), "1.26");
        assert_eq!(n(-0.001), "0");
        assert_eq!(n(f64::NAN), "0");
        assert_eq!(nice_step(100.0, 5.0), 20.0);
        assert_eq!(nice_step(37.0, 5.0), 10.0);
        assert_eq!(nice_step(0.8, 4.0), 0.2);
        assert!(dark_text_on("#FFF7BC") && !dark_text_on("#662506") && !dark_text_on("#0072B2"));
        assert!(!dark_text_on("#CC4C02") && dark_text_on("#FB9A29") && dark_text_on("#4393C3"));
        assert_eq!(wrap("een twee drie", 13.0, 40.0), ["een", "twee", "drie"]);
        assert_eq!(wrap("", 13.0, 40.0), [""]);
        assert_ne!(id_from("a"), id_from("b"));
    }
}
