//! One call that writes an archivable data set: the CSV and what goes beside it.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::instrument::Questionnaire;
use crate::meta::StudyInfo;
use crate::responses::{CsvStyle, ResponseSet, write_codebook, write_csv, write_ddi, write_spss};

/// The file names [`export_archive`] writes.
pub const ARCHIVE_FILES: [&str; 4] = ["responses.csv", "codebook.md", "codebook.xml", "responses.sps"];

/// The paths [`export_archive`] wrote.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ArchiveFiles {
    /// The responses, wide CSV ([`write_csv`]).
    pub csv: PathBuf,
    /// The codebook in Markdown ([`write_codebook`]).
    pub codebook: PathBuf,
    /// The codebook as DDI Codebook 2.5 XML ([`write_ddi`]).
    pub ddi: PathBuf,
    /// SPSS syntax that reads the CSV ([`write_spss`]).
    pub spss: PathBuf,
}

/// Write `responses.csv`, `codebook.md`, `codebook.xml` (DDI Codebook 2.5) and `responses.sps`
/// into `dir` (created if missing). Everything is rendered in memory first, so nothing is written
/// when a part fails; each file is then replaced atomically.
///
/// `info` is the study's metadata (title, reference date, commissioner, institution, language),
/// when known.
///
/// # Errors
/// [`Error::InvalidArgument`] when the set does not belong to `q` or a column name is not a valid
/// SPSS name; [`Error::Io`] naming the path when the folder or a file cannot be written.
pub fn export_archive(
    dir: &Path,
    set: &ResponseSet,
    q: &Questionnaire,
    info: Option<&StudyInfo>,
    style: CsvStyle,
) -> Result<ArchiveFiles> {
    let [csv_name, md_name, xml_name, sps_name] = ARCHIVE_FILES;
    let mut csv = Vec::new();
    write_csv(&mut csv, set, q, style)?;
    let mut md = Vec::new();
    write_codebook(&mut md, set, q, info, csv_name, style)?;
    let mut xml = Vec::new();
    write_ddi(&mut xml, set, q, info, csv_name, style)?;
    let mut sps = Vec::new();
    write_spss(&mut sps, set, q, csv_name, style, info.map(|i| i.language).unwrap_or_default())?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let files = ArchiveFiles {
        csv: dir.join(csv_name),
        codebook: dir.join(md_name),
        ddi: dir.join(xml_name),
        spss: dir.join(sps_name),
    };
    for (path, bytes) in [(&files.csv, &csv), (&files.codebook, &md), (&files.ddi, &xml), (&files.spss, &sps)] {
        crate::io::write_atomic(path, |w| w.write_all(bytes))?;
    }
    Ok(files)
}
