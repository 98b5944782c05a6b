//! The study's report: the study hands its analysis context, metadata, `[report]` table,
//! contacts and codings to [`crate::report::build_report`].

use crate::error::Result;
use std::path::Path;

use crate::report::{ReportInput, ReportOptions, ReportStyle, StudyReport, StyleConfig, build_report};

use super::Study;

impl Study {
    /// What the report is made from: the analysis context and the study's other parts (the
    /// contacts and codings read now; an error there leaves that part out with a warning).
    pub fn report_input(&self) -> ReportInput<'_> {
        ReportInput {
            analysis: self.analysis(),
            info: self.info(),
            config: self.report_config(),
            breakdowns: self.breakdowns(),
            contacts: self.files().contacts.as_ref().map(|_| self.contacts()),
            codings: self.codings(),
        }
    }

    /// Options for the study's report: its language, no map, the house style of
    /// `[report.style]` (the logo read into a data URI, the team's `report.html` from the
    /// template folder). A file that cannot be read is left out with a note in the report log.
    pub fn report_options(&self) -> ReportOptions {
        let mut options = ReportOptions::for_study(self.info());
        if let Some(style) = &self.report_config().style {
            let (s, notes) = read_style(self.root(), style);
            options.style = s;
            options.notes = notes;
        }
        options
    }

    /// Build the report of the study ([`crate::report::build_report`]).
    ///
    /// ```no_run
    /// let study = lomonitor::Study::load("examples/study")?;
    /// let report = study.build_report(&study.report_options())?;
    /// report.write(std::path::Path::new("out/study"))?;
    /// # Ok::<(), lomonitor::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`crate::report::build_report`].
    pub fn build_report(&self, options: &ReportOptions) -> Result<StudyReport> {
        build_report(&self.report_input(), options)
    }
}

/// The house style of `[report.style]`, with notes on what could not be used.
fn read_style(root: &Path, config: &StyleConfig) -> (ReportStyle, Vec<String>) {
    let mut notes = Vec::new();
    let mut style = ReportStyle { accent: config.accent.clone(), font: config.font.clone(), ..ReportStyle::default() };
    if let Some(logo) = &config.logo {
        let path = root.join(logo);
        let mime = match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("png") => Some("image/png"),
            Some("jpg" | "jpeg") => Some("image/jpeg"),
            Some("svg") => Some("image/svg+xml"),
            _ => None,
        };
        match (mime, std::fs::read(&path)) {
            (Some(m), Ok(bytes)) if bytes.len() <= 2 << 20 => {
                style.logo = Some(format!("data:{m};base64,{}", base64(&bytes)));
            }
            (Some(_), Ok(bytes)) => {
                notes.push(format!("{}: logo left out: {} bytes, at most 2 MiB", path.display(), bytes.len()));
            }
            (None, _) => notes.push(format!("{}: logo left out: not a .png, .jpg or .svg file", path.display())),
            (_, Err(e)) => notes.push(format!("{}: logo left out: {e}", path.display())),
        }
    }
    if let Some(dir) = &config.templates {
        let path = root.join(dir).join("report.html");
        match std::fs::read_to_string(&path) {
            Ok(t) => style.template = Some(t),
            Err(e) => notes.push(format!("{}: the team template is not used: {e}", path.display())),
        }
    }
    (style, notes)
}

/// Standard base64 (RFC 4648, with padding), for the logo's data URI.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let [b0, b1, b2] = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b0) << 16) | (u32::from(b1) << 8) | u32::from(b2);
        for (i, shift) in [18u32, 12, 6, 0].iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ABC.get(((n >> shift) & 63) as usize).copied().unwrap_or(b'=')));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_rfc_4648_test_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(super::base64(plain.as_bytes()), coded);
        }
    }
}
