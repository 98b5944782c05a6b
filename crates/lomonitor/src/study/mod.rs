//! The study folder: plain CSV and TOML files a team keeps under version control.
//!
//! ```text
//! my-study/
//!   study.toml          title, reference date, frame, strata, organisations, file names
//!   frame.csv           (optional) a register of its own instead of the embedded one
//!   questionnaire.toml  the instrument            (later: responses.csv, contacts.csv, ...)
//! ```
//! `docs/study-format.md` documents every key.

use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

mod analysis;
mod contacts;
#[cfg(feature = "erase")]
mod erase;
#[cfg(feature = "report")]
mod report;

#[cfg(feature = "xlsx")]
pub use contacts::OverviewFiles;
#[cfg(feature = "erase")]
pub use erase::{EraseOptions, Erasure, FileKind, Remaining, ScanLimits, Searched, Trace, erase, erase_with};

use crate::analysis::{WeightCache, WeightingOptions};
use crate::error::{Error, Location, Result};
use crate::frame::{Frame, Organisation, OrganisationId, Organisations, SizeClasses, Stratification, StratumVar};
use crate::instrument::Questionnaire;
use crate::io::line_of;
pub use crate::meta::{Language, StudyInfo};
use crate::responses::{ImportOptions, ImportResult, ResponseSet, ValidationReport, import_csv_path};

/// The name of the study's definition file inside its folder.
pub const STUDY_FILE: &str = "study.toml";

/// `study.toml`, as written.
#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
struct StudyFile {
    study: StudySection,
    #[serde(default)]
    frame: FrameSection,
    #[serde(default)]
    strata: StrataSection,
    #[serde(default)]
    organisations: Vec<OrganisationEntry>,
    #[serde(default)]
    files: StudyFiles,
    #[cfg(feature = "report")]
    #[serde(default)]
    report: crate::report::ReportConfig,
    /// Without the `report` feature the `[report]` table is kept as written, unread.
    #[cfg(not(feature = "report"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    report: Option<toml::Table>,
    #[serde(default)]
    weights: WeightsSection,
}

/// `[weights]`: the options of every weighting scheme (defaults: [`WeightingOptions`]).
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
struct WeightsSection {
    #[serde(default)]
    relative_tolerance: Option<Spanned<f64>>,
    #[serde(default)]
    max_iterations: Option<Spanned<usize>>,
    #[serde(default)]
    trim_lower: Option<Spanned<f64>>,
    #[serde(default)]
    trim_upper: Option<Spanned<f64>>,
}

#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
struct StudySection {
    title: String,
    #[serde(default)]
    title_en: Option<String>,
    reference_date: Spanned<String>,
    #[serde(default)]
    language: Option<Spanned<String>>,
    #[serde(default)]
    commissioned_by: Option<String>,
    #[serde(default)]
    institution: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
struct FrameSection {
    #[serde(default)]
    register: Option<Spanned<String>>,
    #[serde(default)]
    reference_date: Option<Spanned<String>>,
}

#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
struct StrataSection {
    #[serde(default = "default_bounds")]
    size_classes: Spanned<Vec<u64>>,
    #[serde(default)]
    g4_separate: bool,
    #[serde(default = "default_stratum")]
    default: Spanned<String>,
    #[serde(default = "default_breakdowns")]
    breakdowns: Spanned<Vec<String>>,
}

impl Default for StrataSection {
    fn default() -> Self {
        Self {
            size_classes: default_bounds(),
            g4_separate: false,
            default: default_stratum(),
            breakdowns: default_breakdowns(),
        }
    }
}

fn default_bounds() -> Spanned<Vec<u64>> {
    Spanned::new(0..0, SizeClasses::default().bounds().to_vec())
}
fn default_stratum() -> Spanned<String> {
    Spanned::new(0..0, "size_class".to_owned())
}
fn default_breakdowns() -> Spanned<Vec<String>> {
    Spanned::new(0..0, vec!["size_class".to_owned(), "province".to_owned()])
}

#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
struct OrganisationEntry {
    id: Spanned<String>,
    name: String,
    municipalities: Vec<Spanned<String>>,
}

/// The files of a study folder, relative to it. Each is optional; a file that is named must exist.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct StudyFiles {
    /// The questionnaire (TOML or JSON).
    pub instrument: Option<PathBuf>,
    /// The responses (wide CSV).
    pub responses: Option<PathBuf>,
    /// The L&O contacts directory.
    pub contacts: Option<PathBuf>,
    /// The fieldwork log.
    pub fieldwork: Option<PathBuf>,
    /// The interview guide (TOML).
    pub interview_guide: Option<PathBuf>,
    /// The codebook of the interviews (TOML).
    pub codebook: Option<PathBuf>,
    /// The coded interview segments (CSV).
    pub codings: Option<PathBuf>,
    /// Allow the files above and `frame.register` to lie outside the study folder (an absolute
    /// path, `..`, or a link that leads out). Off by default: such a reference is an error, so
    /// that a study folder cannot make lomonitor read (and quote) a file elsewhere on the machine.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_outside: bool,
}

/// A loaded, validated study folder.
///
/// ```
/// let study = lomonitor::Study::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/study")).unwrap();
/// assert_eq!(study.frame().len(), 342);
/// ```
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Study {
    root: PathBuf,
    info: StudyInfo,
    frame: Frame,
    size_classes: SizeClasses,
    default_stratification: Stratification,
    breakdowns: Vec<StratumVar>,
    organisations: Organisations,
    files: StudyFiles,
    questionnaire: Option<Questionnaire>,
    responses: Option<ImportResult>,
    #[cfg(feature = "report")]
    report: crate::report::ReportConfig,
    #[serde(default)]
    weights: WeightCache,
}

impl Study {
    /// Load a study from its folder (or from the path of its `study.toml`).
    ///
    /// # Errors
    /// [`Error::Io`] when `study.toml` cannot be read; [`Error::Definition`] naming file, line and
    /// key for anything wrong in it (unknown keys, bad dates, unknown municipalities, files that
    /// do not exist); errors of [`Frame::from_csv_path`] for a register of its own.
    pub fn load(path: impl AsRef<Path>) -> Result<Study> {
        let path = path.as_ref();
        let (root, file) = if path.is_dir() {
            (path.to_path_buf(), path.join(STUDY_FILE))
        } else {
            (path.parent().unwrap_or(Path::new(".")).to_path_buf(), path.to_path_buf())
        };
        let (text, _) = crate::io::read_text(&file)?;
        Self::from_toml(&text, &root, &file)
    }

    fn from_toml(text: &str, root: &Path, file: &Path) -> Result<Study> {
        let err_at = |span: Option<Range<usize>>, key: &str, message: String| Error::Definition {
            location: Location {
                file: Some(file.to_path_buf()),
                line: span.map(|s| line_of(text, s.start)),
                column: Some(key.to_owned()).filter(|k| !k.is_empty()),
            },
            message,
        };
        let raw: StudyFile = toml::from_str(text).map_err(|e| err_at(e.span(), "", e.message().trim().to_owned()))?;
        let date = |s: &Spanned<String>, key: &str| {
            NaiveDate::parse_from_str(s.get_ref().trim(), "%Y-%m-%d").map_err(|_| {
                err_at(Some(s.span()), key, format!("invalid date {:?}: expected YYYY-MM-DD", s.get_ref()))
            })
        };
        let reference_date = date(&raw.study.reference_date, "study.reference_date")?;
        let language = match raw.study.language.as_ref().map(|l| (l.get_ref().as_str(), l.span())) {
            None | Some(("nl", _)) => Language::Nl,
            Some(("en", _)) => Language::En,
            Some((other, span)) => {
                return Err(err_at(
                    Some(span),
                    "study.language",
                    format!("unknown language {other:?}: expected \"nl\" or \"en\""),
                ));
            }
        };

        let frame = match raw.frame.register.as_ref() {
            None => Frame::embedded(),
            Some(r) if r.get_ref() == "embedded" => Frame::embedded(),
            Some(r) => {
                let p = root.join(r.get_ref());
                let outside = !lies_inside(root, Path::new(r.get_ref()));
                if outside && !raw.files.allow_outside {
                    return Err(err_at(Some(r.span()), "frame.register", outside_message(Path::new(r.get_ref()))));
                }
                if !p.is_file() {
                    return Err(err_at(
                        Some(r.span()),
                        "frame.register",
                        format!("register file {} does not exist", p.display()),
                    ));
                }
                let frame_date = match raw.frame.reference_date.as_ref() {
                    Some(d) => date(d, "frame.reference_date")?,
                    None => reference_date,
                };
                unquoted(outside, &p, "register", Frame::from_csv_path(&p, frame_date))?.0
            }
        };

        let sc = &raw.strata.size_classes;
        let size_classes = SizeClasses::new(sc.get_ref().clone(), raw.strata.g4_separate)
            .map_err(|e| err_at(Some(sc.span()).filter(|s| !s.is_empty()), "strata.size_classes", e.to_string()))?;
        let d = &raw.strata.default;
        let default_stratification = Stratification::parse(d.get_ref(), size_classes.clone())
            .map_err(|e| err_at(Some(d.span()).filter(|s| !s.is_empty()), "strata.default", e.to_string()))?;
        let b = &raw.strata.breakdowns;
        let breakdowns = b
            .get_ref()
            .iter()
            .map(|s| s.parse::<StratumVar>())
            .collect::<Result<Vec<_>>>()
            .map_err(|e| err_at(Some(b.span()).filter(|s| !s.is_empty()), "strata.breakdowns", e.to_string()))?;

        let mut orgs = Vec::with_capacity(raw.organisations.len());
        for entry in &raw.organisations {
            let id = OrganisationId::new(entry.id.get_ref())
                .map_err(|e| err_at(Some(entry.id.span()), "organisations.id", e.to_string()))?;
            let mut municipalities = Vec::with_capacity(entry.municipalities.len());
            for m in &entry.municipalities {
                let found = frame
                    .lookup(m.get_ref())
                    .map_err(|e| err_at(Some(m.span()), "organisations.municipalities", e.to_string()))?;
                municipalities.push(found.code);
            }
            orgs.push(Organisation { id, name: entry.name.clone(), municipalities });
        }
        let organisations =
            Organisations::new(orgs, &frame).map_err(|e| err_at(None, "organisations", e.to_string()))?;

        let mut weighting = WeightingOptions::default();
        let w = &raw.weights;
        if let Some(t) = &w.relative_tolerance {
            let v = *t.get_ref();
            if !(v.is_finite() && v > 0.0 && v < 1.0) {
                return Err(err_at(
                    Some(t.span()),
                    "weights.relative_tolerance",
                    format!("{v}: expected a number between 0 and 1, e.g. 1e-10"),
                ));
            }
            weighting.relative_tolerance = v;
        }
        if let Some(m) = &w.max_iterations {
            if *m.get_ref() == 0 || *m.get_ref() > 1_000_000 {
                return Err(err_at(
                    Some(m.span()),
                    "weights.max_iterations",
                    format!("{}: expected 1 to 1000000", m.get_ref()),
                ));
            }
            weighting.max_iterations = *m.get_ref();
        }
        if let Some(l) = &w.trim_lower {
            let v = *l.get_ref();
            if !(v.is_finite() && v > 0.0 && v <= 1.0) {
                return Err(err_at(
                    Some(l.span()),
                    "weights.trim_lower",
                    format!("{v}: expected a multiple of the mean weight in (0, 1], e.g. 0.3"),
                ));
            }
            weighting.trim_lower = Some(v);
        }
        if let Some(u) = &w.trim_upper {
            let v = *u.get_ref();
            if !(v.is_finite() && v >= 1.0) {
                return Err(err_at(
                    Some(u.span()),
                    "weights.trim_upper",
                    format!("{v}: expected a multiple of the mean weight of at least 1, e.g. 3.5"),
                ));
            }
            weighting.trim_upper = Some(v);
        }

        let files = raw.files.clone();
        for (key, p) in files.named() {
            if !files.allow_outside && !lies_inside(root, p) {
                let span = find_span(text, &p.to_string_lossy());
                return Err(err_at(span, &format!("files.{key}"), outside_message(p)));
            }
            if !root.join(p).is_file() {
                let span = find_span(text, &p.to_string_lossy());
                return Err(err_at(
                    span,
                    &format!("files.{key}"),
                    format!("file {} does not exist", root.join(p).display()),
                ));
            }
        }

        let questionnaire = match &files.instrument {
            Some(p) => Some(unquoted(
                !lies_inside(root, p),
                &root.join(p),
                "questionnaire",
                Questionnaire::load(&root.join(p)),
            )?),
            None => None,
        };
        let responses = match (&files.responses, &questionnaire) {
            (Some(p), Some(q)) => Some(unquoted(
                !lies_inside(root, p),
                &root.join(p),
                "response file",
                import_csv_path(&root.join(p), q, &frame, &organisations, &ImportOptions::default()),
            )?),
            (Some(p), None) => {
                let span = find_span(text, &p.to_string_lossy());
                return Err(err_at(
                    span,
                    "files.responses",
                    "responses need an instrument: add files.instrument".into(),
                ));
            }
            _ => None,
        };

        Ok(Study {
            root: root.to_path_buf(),
            info: StudyInfo {
                title: raw.study.title,
                title_en: raw.study.title_en,
                reference_date,
                language,
                commissioned_by: raw.study.commissioned_by,
                institution: raw.study.institution,
            },
            frame,
            size_classes,
            default_stratification,
            breakdowns,
            organisations,
            files,
            weights: WeightCache::with_options(weighting),
            questionnaire,
            responses,
            #[cfg(feature = "report")]
            report: raw.report.clone(),
        })
    }

    /// The `[report]` settings of `study.toml` (defaults when absent).
    #[cfg(feature = "report")]
    pub fn report_config(&self) -> &crate::report::ReportConfig {
        &self.report
    }

    /// The questionnaire, when the study names one (`files.instrument`).
    pub fn questionnaire(&self) -> Option<&Questionnaire> {
        self.questionnaire.as_ref()
    }

    /// The imported responses kept for analysis, when the study names them (`files.responses`).
    pub fn responses(&self) -> Option<&ResponseSet> {
        self.responses.as_ref().map(|r| &r.responses)
    }

    /// The whole import: kept responses, those set aside and the validation report.
    pub fn import(&self) -> Option<&ImportResult> {
        self.responses.as_ref()
    }

    /// The validation report of the responses' import.
    pub fn validation_report(&self) -> Option<&ValidationReport> {
        self.responses.as_ref().map(|r| &r.report)
    }

    /// The folder the study was loaded from.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Title, dates and language.
    pub fn info(&self) -> &StudyInfo {
        &self.info
    }

    /// The population frame.
    pub fn frame(&self) -> &Frame {
        &self.frame
    }

    /// The size classes the study uses.
    pub fn size_classes(&self) -> &SizeClasses {
        &self.size_classes
    }

    /// The stratification used for weighting and representativeness unless told otherwise.
    pub fn default_stratification(&self) -> &Stratification {
        &self.default_stratification
    }

    /// A stratification by the given spec (`"size_class"`, `"province"`,
    /// `"size_class*province"`), with the study's size classes.
    ///
    /// # Errors
    /// As [`Stratification::parse`].
    pub fn stratification(&self, spec: &str) -> Result<Stratification> {
        Stratification::parse(spec, self.size_classes.clone())
    }

    /// The variables the report breaks results down by.
    pub fn breakdowns(&self) -> &[StratumVar] {
        &self.breakdowns
    }

    /// The organisations (werkorganisaties).
    pub fn organisations(&self) -> &Organisations {
        &self.organisations
    }

    /// The files the study names, relative to [`Study::root`].
    pub fn files(&self) -> &StudyFiles {
        &self.files
    }

    /// The codebook and the coded interviews named in `[files]` (`codebook`, `codings`), with
    /// every code and every interview's unit checked. `None` when the study names no codings.
    ///
    /// # Errors
    /// [`Error::Missing`] when codings are named without a codebook; errors of
    /// [`crate::instrument::Codebook::load`], [`crate::coding::Codings::from_csv_path`] and
    /// [`crate::coding::Codings::check_units`].
    pub fn codings(&self) -> Result<Option<(crate::instrument::Codebook, crate::coding::Codings)>> {
        let Some(codings) = self.files.codings.as_deref() else { return Ok(None) };
        let codebook = self.files.codebook.as_deref().ok_or_else(|| Error::Missing {
            location: Location::file(self.root.join(STUDY_FILE)).in_column("files.codebook"),
            what: "a codebook for the codings".into(),
        })?;
        let codebook = self.guard(codebook, "codebook", crate::instrument::Codebook::load(&self.path_of(codebook)))?;
        let codings = self.guard(
            codings,
            "codings file",
            crate::coding::Codings::from_csv_path(&self.path_of(codings), &codebook),
        )?;
        codings.check_units(&self.frame, &self.organisations)?;
        Ok(Some((codebook, codings)))
    }

    /// The absolute path of a file of the study.
    pub fn path_of(&self, relative: &Path) -> PathBuf {
        self.root.join(relative)
    }

    /// The result of reading the study's file `relative`, with an error of a file outside the
    /// study folder replaced by one that names the file only (see [`StudyFiles::allow_outside`]).
    pub(crate) fn guard<T>(&self, relative: &Path, what: &str, result: Result<T>) -> Result<T> {
        unquoted(!lies_inside(&self.root, relative), &self.path_of(relative), what, result)
    }
}

/// Whether the file `relative` (as named in `study.toml`) lies inside the study folder `root`:
/// not absolute, no `..` that climbs out, and (when it exists) no link on the way that leads out.
pub(crate) fn lies_inside(root: &Path, relative: &Path) -> bool {
    use std::path::Component;
    let mut depth: usize = 0;
    for c in relative.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => return false,
            Component::ParentDir => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
        }
    }
    match (std::fs::canonicalize(root), std::fs::canonicalize(root.join(relative))) {
        (Ok(r), Ok(p)) => p.starts_with(r),
        _ => true, // lexically inside and does not exist (yet): the existence check reports it
    }
}

fn outside_message(p: &Path) -> String {
    format!(
        "{} lies outside the study folder: move it into the folder, or set `allow_outside = true` under [files]",
        p.display()
    )
}

/// An error of reading a file outside the study folder, without its line, column or value: a
/// study folder must not make lomonitor quote a file elsewhere (`/etc/passwd, line 24: ...`).
fn unquoted<T>(outside: bool, path: &Path, what: &str, result: Result<T>) -> Result<T> {
    match result {
        Err(e) if outside && !matches!(e, Error::Io { .. }) => Err(Error::Definition {
            location: Location::file(path),
            message: format!(
                "not a valid {what} (the details of an error in a file outside the study folder are not shown)"
            ),
        }),
        other => other,
    }
}

impl StudyFiles {
    /// The files that are named, with their keys.
    pub fn named(&self) -> Vec<(&'static str, &Path)> {
        [
            ("instrument", &self.instrument),
            ("responses", &self.responses),
            ("contacts", &self.contacts),
            ("fieldwork", &self.fieldwork),
            ("interview_guide", &self.interview_guide),
            ("codebook", &self.codebook),
            ("codings", &self.codings),
        ]
        .into_iter()
        .filter_map(|(k, p)| p.as_deref().map(|p| (k, p)))
        .collect()
    }
}

/// The 1-based line of a byte offset.
fn find_span(text: &str, needle: &str) -> Option<Range<usize>> {
    text.find(needle).map(|s| s..s + needle.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Study> {
        Study::from_toml(text, Path::new("."), Path::new("study.toml"))
    }

    const MINIMAL: &str = "[study]\ntitle = \"T\"\nreference_date = \"2025-03-01\"\n";

    #[test]
    fn minimal_study() {
        let s = load(MINIMAL).unwrap();
        assert_eq!(s.frame().len(), 342);
        assert_eq!(s.default_stratification().spec(), "size_class");
        assert_eq!(s.info().language, Language::Nl);
    }

    #[test]
    fn errors_name_line_and_key() {
        let e = load("[study]\ntitle = \"T\"\nreference_date = \"1-3-2025\"\n").unwrap_err();
        let l = e.location().unwrap();
        assert_eq!((l.line, l.column.as_deref()), (Some(3), Some("study.reference_date")));
        assert!(e.to_string().contains("1-3-2025"), "{e}");

        let e = load(&format!("{MINIMAL}[strata]\nsize_clases = [1]\n")).unwrap_err();
        assert_eq!(e.location().unwrap().line, Some(5));
        assert!(e.to_string().contains("size_clases"), "{e}");

        let e = load(&format!(
            "{MINIMAL}[[organisations]]\nid = \"x\"\nname = \"X\"\nmunicipalities = [\"Amsterdam\", \"Atlantis\"]\n"
        ))
        .unwrap_err();
        assert_eq!(e.location().unwrap().line, Some(7));
        assert!(e.to_string().contains("Atlantis"), "{e}");

        let e = load(&format!("{MINIMAL}[files]\nresponses = \"nope.csv\"\n")).unwrap_err();
        assert_eq!(e.location().unwrap().line, Some(5));
    }

    #[test]
    fn organisations_by_name_or_code() {
        let s = load(&format!("{MINIMAL}[[organisations]]\nid = \"hlt\"\nname = \"HLTsamen\"\nmunicipalities = [\"Hillegom\", \"lisse\", \"GM1525\"]\n")).unwrap();
        assert_eq!(s.organisations().len(), 1);
        assert_eq!(s.organisations().units(s.frame()).len(), 340);
    }
}
