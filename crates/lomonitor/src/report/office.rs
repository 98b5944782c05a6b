//! What the Office writers ([`super::docx`], [`super::pptx`]) share: the plain text of a report
//! paragraph, a chart's title, and the charts rendered once as PNG.

use std::path::Path;

use super::png::{PRINT_SCALE, Png, png_name, svg_to_png};
use super::study_report::StudyReport;
use crate::error::{Error, Result};
use crate::io::write_atomic;
use crate::meta::Language;

/// Write the Office outputs of `report` into `dir`: `figuren/*.png` (one per chart, at 2x),
/// `rapport.docx` and `presentatie.pptx` (`figures/`, `report.docx`, `presentation.pptx` in
/// English). A chart that cannot be drawn, or a document that cannot be packed, is left out
/// with a warning (returned) rather than failing the report.
///
/// # Errors
/// [`Error::Io`] naming the file or folder that could not be written.
pub(crate) fn write_office(report: &StudyReport, dir: &Path) -> Result<Vec<String>> {
    let (figures, docx, pptx) = match report.lang {
        Language::Nl => ("figuren", "rapport.docx", "presentatie.pptx"),
        Language::En => ("figures", "report.docx", "presentation.pptx"),
    };
    let (pngs, mut warnings) = chart_pngs(report);
    let fig_dir = dir.join(figures);
    std::fs::create_dir_all(&fig_dir).map_err(|e| Error::io(&fig_dir, e))?;
    for ((name, _), png) in report.charts.iter().zip(&pngs) {
        if let Some(png) = png {
            write_atomic(&fig_dir.join(png_name(name)), |w| w.write_all(&png.bytes))?;
        }
    }
    match super::docx::docx_with_pngs(report, &pngs) {
        Ok(bytes) => write_atomic(&dir.join(docx), |w| w.write_all(&bytes))?,
        Err(e) => warnings.push(format!("{docx} left out: {e}")),
    }
    match super::pptx::pptx_with_pngs(report, &pngs) {
        Ok(bytes) => write_atomic(&dir.join(pptx), |w| w.write_all(&bytes))?,
        Err(e) => warnings.push(format!("{pptx} left out: {e}")),
    }
    Ok(warnings)
}

/// The plain text of escaped markup (an SVG chart's `<title>`, `&amp;`): tags removed, the five
/// XML entities and numeric references decoded.
pub(crate) fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(rest.get(..i).unwrap_or(""));
        let tail = rest.get(i..).unwrap_or("");
        if tail.starts_with('<') {
            match tail.find('>') {
                Some(j) => rest = tail.get(j + 1..).unwrap_or(""),
                None => {
                    out.push_str(tail);
                    rest = "";
                }
            }
        } else {
            let end = tail.find(';').filter(|&j| j <= 10);
            let entity = end.and_then(|j| tail.get(1..j));
            let decoded = entity.and_then(|e| match e {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => e
                    .strip_prefix("#x")
                    .or_else(|| e.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| e.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            });
            match (decoded, end) {
                (Some(c), Some(j)) => {
                    out.push(c);
                    rest = tail.get(j + 1..).unwrap_or("");
                }
                _ => {
                    out.push('&');
                    rest = tail.get(1..).unwrap_or("");
                }
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of the first `<title>` of an SVG chart (its accessible title).
pub(crate) fn svg_title(svg: &str) -> Option<String> {
    let start = svg.find("<title")?;
    let after = svg.get(start..)?;
    let open = after.find('>')?;
    let close = after.find("</title>")?;
    let t = plain_text(after.get(open + 1..close)?);
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// Every chart of `report` as PNG at [`PRINT_SCALE`], `None` for one that could not be drawn,
/// with a warning per chart left out.
pub(crate) fn chart_pngs(report: &StudyReport) -> (Vec<Option<Png>>, Vec<String>) {
    let mut warnings = Vec::new();
    let pngs = report
        .charts
        .iter()
        .map(|(name, svg)| match svg_to_png(svg, PRINT_SCALE) {
            Ok(p) => Some(p),
            Err(e) => {
                warnings.push(format!("chart {name} left out of the Office files: {e}"));
                None
            }
        })
        .collect();
    (pngs, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_decodes_the_report_paragraphs() {
        assert_eq!(plain_text("<h3>Q1 — L&amp;O &lt;beleid&gt;</h3>"), "Q1 — L&O <beleid>");
        assert_eq!(plain_text("a &#39;b&#x27; &unknown; & c"), "a 'b' &unknown; & c");
        assert_eq!(plain_text("open < tag"), "open < tag");
        assert_eq!(
            svg_title("<svg><title id=\"a\">Respons &amp; meer</title><desc>x</desc></svg>").as_deref(),
            Some("Respons & meer")
        );
    }
}
