//! The HTML pages of the report, rendered through [minijinja] templates with HTML auto-escaping.
//!
//! The templates are files beside this module (`report.html`, `infographic.html`, `report.css`),
//! compiled into the library with `include_str!`. Every value handed to a template is escaped
//! when it is written, because the template names end in `.html`: a title, a label, a caption or
//! a quote from the user's files cannot add markup or script to the page. Markup reaches a page
//! only from the code itself: the tables (from [`crate::report::html_table`], which escapes every
//! cell) and the SVG charts (which escape every text they draw), marked safe here and nowhere
//! else.
//!
//! A house style ([`ReportStyle`]) sets the logo, the accent colour and the font; a template
//! folder may replace `report.html` with the team's own (it is auto-escaped the same way).

use minijinja::{Environment, Value, context};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::meta::Language;

/// The built-in report template.
pub const REPORT_TEMPLATE: &str = include_str!("report.html");
/// The built-in infographic page.
pub const INFOGRAPHIC_TEMPLATE: &str = include_str!("infographic.html");
/// The report's style sheet (screen and A4 print).
pub const REPORT_CSS: &str = include_str!("report.css");

/// The house style of the report: plain, checked values (the study reads them from
/// `[report.style]` of `study.toml`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportStyle {
    /// The logo as a `data:image/...;base64,` URI, shown above the title.
    pub logo: Option<String>,
    /// The accent colour (`#RGB` or `#RRGGBB`) of the headings' rules.
    pub accent: Option<String>,
    /// The font family (letters, digits, spaces, hyphens and commas), before the system fonts.
    pub font: Option<String>,
    /// A replacement of `report.html` (the text of the team's own template).
    pub template: Option<String>,
}

impl ReportStyle {
    /// Check the values that go into the style sheet, where HTML escaping does not protect.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming the field and the value: an accent colour that is not
    /// `#` and 3 or 6 hexadecimal digits, a font name with other characters than letters,
    /// digits, spaces, hyphens and commas (or longer than 100), a logo that is not an image data
    /// URI.
    pub fn check(&self) -> Result<()> {
        if let Some(a) = &self.accent {
            let hex = a.strip_prefix('#').unwrap_or("");
            if !(hex.len() == 3 || hex.len() == 6) || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                return Err(Error::InvalidArgument {
                    name: "report.style.accent",
                    message: format!("{a:?} is not a colour like \"#0072B2\""),
                });
            }
        }
        if let Some(f) = &self.font {
            let ok = !f.trim().is_empty()
                && f.chars().count() <= 100
                && f.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | ','));
            if !ok {
                return Err(Error::InvalidArgument {
                    name: "report.style.font",
                    message: format!("{f:?}: a font name has letters, digits, spaces, hyphens and commas only"),
                });
            }
        }
        if let Some(l) = &self.logo
            && !l.starts_with("data:image/")
        {
            return Err(Error::InvalidArgument {
                name: "report.style.logo",
                message: "the logo must be an image data URI".into(),
            });
        }
        Ok(())
    }
}

/// A block of a section as the template sees it.
#[derive(Serialize)]
pub(crate) struct BlockView {
    /// `heading`, `paragraph`, `table` or `chart`.
    pub kind: &'static str,
    /// The text of a heading or paragraph (escaped by the template).
    pub text: String,
    /// The markup of a table or chart (made by the code, already escaped inside).
    pub html: Value,
    /// A table too wide for a portrait page.
    pub wide: bool,
}

impl BlockView {
    pub(crate) fn text(kind: &'static str, text: &str) -> Self {
        Self { kind, text: text.to_owned(), html: Value::from(()), wide: false }
    }

    pub(crate) fn markup(kind: &'static str, html: String, wide: bool) -> Self {
        Self { kind, text: String::new(), html: Value::from_safe_string(html), wide }
    }
}

/// A section as the template sees it.
#[derive(Serialize)]
pub(crate) struct SectionView {
    pub id: String,
    pub heading: String,
    pub blocks: Vec<BlockView>,
}

fn lang_code(lang: Language) -> &'static str {
    match lang {
        Language::Nl => "nl",
        Language::En => "en",
    }
}

fn render(name: &'static str, source: &str, ctx: Value) -> Result<String> {
    let mut env = Environment::new();
    // Auto-escaping through the crate's one escaper (`xml::escape`): `& < > " '` and the
    // characters XML 1.0 forbids (NUL, other controls, U+FFFE/FFFF), so inline SVG stays
    // well-formed; markup the code marked safe passes as it is.
    env.set_formatter(|out, state, value| {
        if value.is_undefined() || value.is_none() {
            return Ok(());
        }
        let text = value.to_string();
        let written = if value.is_safe() || matches!(state.auto_escape(), minijinja::AutoEscape::None) {
            out.write_str(&text)
        } else {
            out.write_str(&crate::xml::escape(&text))
        };
        written.map_err(|e| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string()))
    });
    env.add_template(name, source)
        .map_err(|e| Error::InvalidArgument { name: "report template", message: format!("{name}: {e}") })?;
    let tmpl = env
        .get_template(name)
        .map_err(|e| Error::InvalidArgument { name: "report template", message: format!("{name}: {e}") })?;
    tmpl.render(ctx).map_err(|e| Error::InvalidArgument { name: "report template", message: format!("{name}: {e}") })
}

/// The report page.
pub(crate) fn report_page(
    title: &str,
    subtitle: &str,
    lang: Language,
    sections: &[SectionView],
    style: &ReportStyle,
    table_css: &str,
) -> Result<String> {
    style.check()?;
    let source = style.template.as_deref().unwrap_or(REPORT_TEMPLATE);
    render(
        "report.html",
        source,
        context! {
            lang => lang_code(lang),
            title => title,
            subtitle => subtitle,
            toc => lang.tr("Inhoud", "Contents"),
            sections => Value::from(minijinja::value::Serde(sections)),
            css => Value::from_safe_string(REPORT_CSS.to_owned()),
            table_css => Value::from_safe_string(table_css.to_owned()),
            style => context! { logo => style.logo.clone(), accent => style.accent.clone(), font => style.font.clone() },
        },
    )
}

/// The infographic page: the SVG (made by the code) on an A4 sheet.
pub(crate) fn infographic_page(svg: &str, title: &str, lang: Language) -> Result<String> {
    let body = svg.strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>").unwrap_or(svg).trim_start();
    render(
        "infographic.html",
        INFOGRAPHIC_TEMPLATE,
        context! { lang => lang_code(lang), title => title, svg => Value::from_safe_string(body.to_owned()) },
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn text_is_escaped_and_markup_is_kept() {
        let sections = vec![SectionView {
            id: "s".into(),
            heading: "<script>alert(1)</script>".into(),
            blocks: vec![
                BlockView::text("paragraph", "a <b>bold</b> & \"quoted\" claim"),
                BlockView::markup("table", "<table class=\"lm-table\"></table>".into(), false),
            ],
        }];
        let page = report_page("T<i>\u{0}\u{FFFE}", "S", Language::Nl, &sections, &ReportStyle::default(), "").unwrap();
        assert!(!page.contains(['\u{0}', '\u{FFFE}']), "characters XML forbids");
        assert!(!page.contains("<script>alert"), "{page}");
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{page}");
        assert!(page.contains("a &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; claim"), "{page}");
        assert!(page.contains("<table class=\"lm-table\"></table>"));
        assert!(page.contains("<title>T&lt;i&gt;</title>"));
    }

    #[test]
    fn a_style_that_could_break_out_of_the_style_sheet_is_refused() {
        let bad = ReportStyle { accent: Some("red}body{display:none".into()), ..ReportStyle::default() };
        assert!(report_page("T", "S", Language::Nl, &[], &bad, "").is_err());
        let bad = ReportStyle { font: Some("x</style><script>".into()), ..ReportStyle::default() };
        assert!(report_page("T", "S", Language::Nl, &[], &bad, "").is_err());
        let good =
            ReportStyle { accent: Some("#C00".into()), font: Some("Open Sans".into()), ..ReportStyle::default() };
        let page = report_page("T", "S", Language::Nl, &[], &good, "").unwrap();
        assert!(page.contains("--lm-accent:#C00") && page.contains("font-family:Open Sans"));
    }
}
