//! The study's working files of the contacts room: the directory and the fieldwork log, read
//! with the study's frame and organisations.

use crate::contacts::{Contact, ContactId, Directory, FieldworkLog, Loaded};
use crate::error::{Error, Location, Result};

use super::Study;

impl Study {
    /// The contacts directory of the study (`files.contacts` in `study.toml`), checked against
    /// the study's frame and organisations, with every problem found. `.strict()` on the result
    /// gives the directory only when no row had an error.
    ///
    /// # Errors
    /// [`Error::Missing`] when the study names no contacts file; as [`Directory::read`].
    pub fn contacts(&self) -> Result<Loaded<Directory>> {
        let rel = self.files().contacts.as_deref().ok_or_else(|| self.missing_file("contacts"))?;
        self.guard(rel, "contacts file", Directory::read(&self.path_of(rel), self.frame(), self.organisations()))
    }

    /// The fieldwork log of the study (`files.fieldwork`), checked against the frame, with every
    /// problem found.
    ///
    /// # Errors
    /// [`Error::Missing`] when the study names no fieldwork file; as [`FieldworkLog::read`].
    pub fn fieldwork(&self) -> Result<Loaded<FieldworkLog>> {
        let rel = self.files().fieldwork.as_deref().ok_or_else(|| self.missing_file("fieldwork"))?;
        self.guard(rel, "fieldwork log", FieldworkLog::read(&self.path_of(rel), self.frame()))
    }

    /// Write the published overview of L&O responsibles (only what each person consented to
    /// publish) into `out_dir` as CSV, XLSX and Markdown, named in `lang`
    /// (`overzicht-lo-verantwoordelijken.*` or `overview-lo-responsibles.*`): the one writer the
    /// CLI's `overview` and the Python binding call.
    ///
    /// # Errors
    /// As [`Study::contacts`] (and its rows' errors, through `strict`), [`Error::Io`].
    #[cfg(feature = "xlsx")]
    pub fn write_overview(&self, out_dir: &std::path::Path, lang: crate::meta::Language) -> Result<OverviewFiles> {
        let directory = self.contacts()?.strict()?;
        let overview = crate::contacts::published_overview(&directory, self.frame(), self.organisations());
        std::fs::create_dir_all(out_dir).map_err(|e| Error::io(out_dir, e))?;
        let stem = lang.tr("overzicht-lo-verantwoordelijken", "overview-lo-responsibles");
        let files = OverviewFiles {
            rows: overview.rows.len(),
            csv: out_dir.join(format!("{stem}.csv")),
            xlsx: out_dir.join(format!("{stem}.xlsx")),
            markdown: out_dir.join(format!("{stem}.md")),
        };
        overview.write_csv(&files.csv)?;
        let table = overview.to_table(lang)?;
        crate::report::write_xlsx(&files.xlsx, std::slice::from_ref(&table), lang)?;
        let markdown = crate::report::markdown_string(&table, lang);
        crate::io::write_atomic(&files.markdown, |w| std::io::Write::write_all(w, markdown.as_bytes()))?;
        Ok(files)
    }

    /// Add a contact to the study's contacts file (`files.contacts`) under the next free id, and
    /// rewrite the file; `covers` entries are municipality codes, organisation ids or
    /// municipality names, checked against the frame and the organisations. The contact's own
    /// `id` and `covers` are replaced by these. Returns the new id.
    ///
    /// # Errors
    /// As [`Study::contacts`] (a contacts file with errors is not rewritten);
    /// [`Error::InvalidArgument`] naming a `covers` entry that is neither in the frame nor among
    /// the organisations, or an empty `covers`; [`Error::Io`].
    pub fn add_contact(&self, mut contact: Contact, covers: &[&str]) -> Result<ContactId> {
        let rel = self.files().contacts.as_deref().ok_or_else(|| self.missing_file("contacts"))?;
        let path = self.path_of(rel);
        let mut directory = self.contacts()?.strict()?;
        contact.covers = covers
            .iter()
            .map(|c| {
                crate::contacts::resolve_unit(c, self.frame(), self.organisations())
                    .map_err(|message| Error::InvalidArgument { name: "covers", message })
            })
            .collect::<Result<Vec<_>>>()?;
        contact.id = directory.next_id();
        let id = contact.id.clone();
        directory.insert(contact)?;
        directory.write(&path)?;
        Ok(id)
    }

    fn missing_file(&self, key: &str) -> Error {
        Error::Missing {
            location: Location::file(self.root().join(super::STUDY_FILE)).in_column(format!("files.{key}")),
            what: format!("the {key} file: add `{key} = \"{key}.csv\"` under [files]"),
        }
    }
}

/// The files [`Study::write_overview`] wrote.
#[cfg(feature = "xlsx")]
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct OverviewFiles {
    /// The number of people listed.
    pub rows: usize,
    /// The CSV file (neutralised against formula injection).
    pub csv: std::path::PathBuf,
    /// The XLSX workbook.
    pub xlsx: std::path::PathBuf,
    /// The Markdown table.
    pub markdown: std::path::PathBuf,
}
