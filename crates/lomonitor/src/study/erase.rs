//! Erasure of a person (AVG/GDPR art. 17): from the directory and the fieldwork log, and a check
//! of every file of the study folder.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{STUDY_FILE, Study};
use crate::contacts::{ContactId, Email, PersonQuery, Phone};
use crate::error::{Error, Location, Result};
use crate::frame::normalize;
use crate::io::{CsvTable, TextEncoding};

/// What [`erase`] removed, and where traces were still found.
///
/// This holds the person's data (the rows removed), so that the team can answer the person's
/// request; it is not for analysis outputs.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Erasure {
    /// The ids of the removed contact records.
    pub contact_ids: Vec<ContactId>,
    /// The removed rows of the contacts file, as (column, value) pairs.
    pub contact_rows: Vec<Vec<(String, String)>>,
    /// The removed rows of the fieldwork file, as (column, value) pairs.
    pub fieldwork_rows: Vec<Vec<(String, String)>>,
    /// The files rewritten.
    pub files_written: Vec<PathBuf>,
    /// Files of the study folder that still hold the name, e-mail, phone number or contact id
    /// after erasure (e.g. a response file, an export, a note elsewhere): each with what was
    /// found. Empty when nothing remains.
    pub still_found: Vec<(PathBuf, String)>,
}

/// Remove a person from the study's contacts file and fieldwork log and return what was removed.
///
/// The person is found by id, e-mail or name in the contacts file; every contact row of theirs
/// (all ids found, in case they were entered twice) and every fieldwork row with one of those ids
/// is removed. The files are rewritten atomically and otherwise unchanged: rows of other people
/// are copied cell for cell, rows with errors included (the files are handled as tables, not
/// through [`crate::contacts::Directory`], so that nothing else is dropped). Afterwards every file
/// under the study folder is searched for the name, e-mail address, phone number (as written and
/// as E.164) and contact id; any trace is reported in [`Erasure::still_found`].
///
/// # Errors
/// [`Error::Missing`] when the study names no contacts file; [`Error::NotFound`] when no row
/// matches; errors of reading and writing the files.
pub fn erase(study: &Study, person: &PersonQuery) -> Result<Erasure> {
    let contacts_rel = study.files().contacts.as_deref().ok_or_else(|| Error::Missing {
        location: Location::file(study.root().join(STUDY_FILE)).in_column("files.contacts"),
        what: "the contacts file (files.contacts)".into(),
    })?;
    let contacts_path = study.path_of(contacts_rel);
    let table = CsvTable::read(&contacts_path)?;
    let id_col = table.column(&["contact_id", "id"]);
    let name_col = table.column(&["name", "naam"]);
    let email_col = table.column(&["email", "e-mail", "mail"]);
    let phone_col = table.column(&["phone", "telefoon", "tel"]);
    let cell = |row: &crate::io::CsvRow, col: Option<usize>| col.map_or("", |c| table.cell(row, c)).to_owned();

    let matches = |row: &crate::io::CsvRow| match person {
        PersonQuery::Id(id) => cell(row, id_col) == id.as_str(),
        PersonQuery::Email(e) => !e.trim().is_empty() && cell(row, email_col).eq_ignore_ascii_case(e.trim()),
        PersonQuery::Name(n) => !normalize(n).is_empty() && normalize(&cell(row, name_col)) == normalize(n),
    };
    let ids: BTreeSet<String> =
        table.rows.iter().filter(|r| matches(r)).map(|r| cell(r, id_col)).filter(|id| !id.is_empty()).collect();
    let hit = |row: &crate::io::CsvRow| matches(row) || ids.contains(&cell(row, id_col));
    if !table.rows.iter().any(&hit) {
        return Err(Error::NotFound {
            what: "person in the contacts file",
            query: match person {
                PersonQuery::Id(id) => id.to_string(),
                PersonQuery::Email(e) | PersonQuery::Name(e) => e.clone(),
            },
            suggestions: vec![],
        });
    }
    let mut needles: BTreeSet<String> = BTreeSet::new();
    for row in table.rows.iter().filter(|r| hit(r)) {
        for v in [cell(row, name_col), cell(row, email_col), cell(row, phone_col), cell(row, id_col)] {
            if !v.is_empty() {
                needles.insert(v);
            }
        }
        if let Ok(e) = Email::parse(&cell(row, email_col)) {
            needles.insert(e.to_string());
        }
        if let Ok(p) = Phone::parse(&cell(row, phone_col)) {
            needles.insert(p.to_string());
        }
    }
    let as_pairs = |t: &CsvTable, row: &crate::io::CsvRow| -> Vec<(String, String)> {
        t.headers.iter().cloned().zip(row.cells.iter().cloned()).collect()
    };
    let contact_rows: Vec<_> = table.rows.iter().filter(|r| hit(r)).map(|r| as_pairs(&table, r)).collect();
    let mut files_written = vec![contacts_path.clone()];
    write_table(&table, &contacts_path, |r| !hit(r))?;

    let mut fieldwork_rows = Vec::new();
    if let Some(rel) = study.files().fieldwork.as_deref() {
        let path = study.path_of(rel);
        let fw = CsvTable::read(&path)?;
        let c = fw.require_column(&["contact_id", "contact"])?;
        let gone = |r: &crate::io::CsvRow| ids.contains(fw.cell(r, c));
        fieldwork_rows = fw.rows.iter().filter(|r| gone(r)).map(|r| as_pairs(&fw, r)).collect();
        if !fieldwork_rows.is_empty() {
            write_table(&fw, &path, |r| !gone(r))?;
            files_written.push(path);
        }
    }

    let mut still_found = Vec::new();
    scan(study.root(), &needles, &mut still_found);
    Ok(Erasure {
        contact_ids: ids.iter().filter_map(|i| ContactId::new(i).ok()).collect(),
        contact_rows,
        fieldwork_rows,
        files_written,
        still_found,
    })
}

/// Rewrite a table keeping the rows for which `keep` holds, with its header, delimiter and
/// (UTF-8) byte-order mark; a Windows-1252 file is written back as UTF-8.
fn write_table(table: &CsvTable, path: &Path, keep: impl Fn(&crate::io::CsvRow) -> bool) -> Result<()> {
    crate::io::write_atomic(path, |w| {
        if table.encoding == TextEncoding::Utf8Bom {
            w.write_all(b"\xEF\xBB\xBF")?;
        }
        let mut out = crate::cells::SpreadsheetCsv::new(w, table.delimiter);
        out.write_record(&table.headers)?;
        for row in table.rows.iter().filter(|r| keep(r)) {
            out.write_record(&row.cells)?;
        }
        out.flush()
    })
}

/// Search every file under `dir` for any needle (case-insensitive; ids as whole words).
fn scan(dir: &Path, needles: &BTreeSet<String>, found: &mut Vec<(PathBuf, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            scan(&p, needles, found);
            continue;
        }
        let Ok((text, _)) = crate::io::read_text(&p) else { continue };
        let lower = text.to_lowercase();
        for n in needles {
            let needle = n.to_lowercase();
            let present =
                if ContactId::new(n).is_ok() { contains_word(&lower, &needle) } else { lower.contains(&needle) };
            if present {
                found.push((p.clone(), n.clone()));
            }
        }
    }
}

fn contains_word(haystack: &str, word: &str) -> bool {
    haystack.match_indices(word).any(|(i, _)| {
        let before = haystack.get(..i).and_then(|s| s.chars().next_back());
        let after = haystack.get(i + word.len()..).and_then(|s| s.chars().next());
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}
