//! The study's working files of the contacts room: the directory and the fieldwork log, read
//! with the study's frame and organisations.

use crate::contacts::{Directory, FieldworkLog, Loaded};
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

    fn missing_file(&self, key: &str) -> Error {
        Error::Missing {
            location: Location::file(self.root().join(super::STUDY_FILE)).in_column(format!("files.{key}")),
            what: format!("the {key} file: add `{key} = \"{key}.csv\"` under [files]"),
        }
    }
}
