//! Erasure of a person (AVG/GDPR art. 17): from the directory and the fieldwork log, from
//! lomonitor's outputs in the study folder, and a bounded search of every file of the folder that
//! proves what was searched and what remains.
//!
//! The search reads every regular file under the study folder (text and binary files as bytes;
//! zip archives — `.xlsx`, `.docx`, `.qdpx`, `.zip` backups — entry by entry, inflated; gzip
//! files such as `.tar.gz` backups inflated), never follows a symbolic link (a link that points
//! out of the folder is reported as a place not searched), stops at [`ScanLimits`] (each file or
//! entry past a cap is listed as searched in part), and does not enter a `.git` folder: the git
//! history of the folder (a repository in or above it) is reported as a remaining copy with the
//! command that purges it.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::{STUDY_FILE, Study};
use crate::contacts::{ContactId, Email, PersonQuery, Phone};
use crate::error::{Error, Location, Result};
use crate::frame::normalize;
use crate::io::{CsvTable, TextEncoding};

/// What [`erase`] removed, what it searched, and where traces were still found.
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
    /// The working files rewritten without the person (contacts, fieldwork).
    pub files_written: Vec<PathBuf>,
    /// lomonitor's published overviews (`overzicht-lo-verantwoordelijken.*`,
    /// `overview-lo-responsibles.*`) in the folder that held the person, written again from the
    /// erased directory.
    pub files_regenerated: Vec<PathBuf>,
    /// lomonitor's report outputs in the folder (`rapport.html`, `tabellen.xlsx`, the charts, ...)
    /// that held the person, removed: rebuild them with `lomonitor report`.
    pub files_removed: Vec<PathBuf>,
    /// Every file and link the search met, with its kind and whether it was searched fully.
    pub searched: Vec<Searched>,
    /// Traces of the person still found after erasure (e.g. a note, a backup, a response file):
    /// remove them by hand. Empty when nothing was found.
    pub still_found: Vec<Trace>,
    /// Copies the search could not look into: the git history, links out of the folder, files
    /// searched in part, files outside the folder. Empty only when the proof is complete.
    pub remaining: Vec<Remaining>,
}

impl Erasure {
    /// True when no trace was found and nothing remains unsearched.
    pub fn complete(&self) -> bool {
        self.still_found.is_empty() && self.remaining.is_empty()
    }
}

/// One file (or link) the search met.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Searched {
    /// The path.
    pub path: PathBuf,
    /// How it was read.
    pub kind: FileKind,
    /// Whether every byte (every entry of an archive) was searched.
    pub complete: bool,
    /// The entries of an archive that were searched (0 for other kinds).
    pub entries: usize,
    /// Why it was not searched fully, when it was not.
    pub note: Option<String>,
}

/// How a file was read by the search.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FileKind {
    /// Text (UTF-8, UTF-16 with a byte-order mark or Windows-1252), searched as text.
    Text,
    /// A binary file (it holds NUL bytes), its bytes searched as text.
    Binary,
    /// A zip archive (`.zip`, `.xlsx`, `.docx`, `.pptx`, `.qdpx`, ...): every entry inflated and
    /// searched, zips inside it too.
    Zip,
    /// A gzip file (`.gz`, `.tar.gz`): inflated and searched (a tar's members are plain bytes).
    Gzip,
    /// A symbolic link: never followed.
    Symlink,
    /// A `.git` folder or file: not searched; reported in [`Erasure::remaining`].
    Git,
    /// Something else (a socket, a device, a folder past the depth cap): not searched.
    Other,
}

/// A trace of the person found after erasure.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Trace {
    /// The file.
    pub path: PathBuf,
    /// The entry inside an archive (`backup.zip` -> `contacts.csv`; nested: `a.zip/b.xlsx/...`).
    pub entry: Option<String>,
    /// What was found: the name, e-mail address, phone number (as written in the contacts file,
    /// found in any common spelling) or contact id.
    pub found: String,
}

/// A copy the search could not look into.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Remaining {
    /// The path (a repository, a link, a file).
    pub path: PathBuf,
    /// What it is and why it was not searched.
    pub what: String,
    /// The command (or step) that deals with it, when there is one.
    pub command: Option<String>,
}

/// Caps on the search of [`erase`], so a hostile folder (huge files, zip bombs, deep nesting)
/// ends in bounded time and memory. What lies past a cap is reported, never silently skipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ScanLimits {
    /// Bytes read of one file or one archive entry (inflated). Default 256 MiB.
    pub max_file_bytes: u64,
    /// Bytes inflated in all of one archive's entries. Default 1 GiB.
    pub max_archive_bytes: u64,
    /// Entries read of one archive. Default 10,000.
    pub max_entries: usize,
    /// Archives inside archives. Default 3.
    pub max_nesting: usize,
    /// Files and links met in the folder. Default 100,000.
    pub max_files: usize,
    /// Levels of folders. Default 64.
    pub max_depth: usize,
}

impl Default for ScanLimits {
    fn default() -> Self {
        Self {
            max_file_bytes: 256 << 20,
            max_archive_bytes: 1 << 30,
            max_entries: 10_000,
            max_nesting: 3,
            max_files: 100_000,
            max_depth: 64,
        }
    }
}

/// Options of [`erase_with`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct EraseOptions {
    /// Rewrite a contacts or fieldwork file that lies outside the study folder (named with `..`,
    /// an absolute path or through a link). Off by default: such a file is an error. When on, the
    /// file itself is searched afterwards and its folder is reported as not searched.
    pub allow_outside: bool,
    /// The caps of the search.
    pub limits: ScanLimits,
}

/// The stems of the published overview `lomonitor overview` writes (Dutch, English).
const OVERVIEW_STEMS: [(&str, crate::meta::Language); 2] = [
    ("overzicht-lo-verantwoordelijken", crate::meta::Language::Nl),
    ("overview-lo-responsibles", crate::meta::Language::En),
];

/// The file names of a report `lomonitor report` writes, and its chart folders.
const REPORT_FILES: [&str; 6] =
    ["rapport.html", "report.html", "tabellen.xlsx", "tables.xlsx", "infographic.svg", "infographic.html"];
const CHART_DIRS: [&str; 2] = ["grafieken", "charts"];

/// [`erase_with`] with the default options.
///
/// # Errors
/// As [`erase_with`].
pub fn erase(study: &Study, person: &PersonQuery) -> Result<Erasure> {
    erase_with(study, person, &EraseOptions::default())
}

/// Remove a person from the study's contacts file and fieldwork log, write again or remove
/// lomonitor's outputs that held them, search the whole study folder and return the proof.
///
/// The person is found by id, e-mail or name in the contacts file; every contact row of theirs
/// (all ids found, in case they were entered twice) and every fieldwork row with one of those ids
/// is removed. The files are rewritten atomically and otherwise unchanged: rows of other people
/// are copied cell for cell, rows with errors included (the files are handled as tables, not
/// through [`crate::contacts::Directory`], so that nothing else is dropped).
///
/// Then every file under the study folder is searched (see the module docs) for the name, the
/// e-mail address, the phone number in any common spelling (`06-79 94 38 94`, `+31 6 ...`,
/// `+31 (0)6 ...`, `0031 6 ...`, `(020) ...`) and the contact id (as a whole word). A published
/// overview that held the person is written again from the erased directory (removed when the
/// directory no longer loads without errors); a report output that held them is removed. What
/// is still found is in [`Erasure::still_found`]; the git history, links out of the folder and
/// files searched in part are in [`Erasure::remaining`].
///
/// # Errors
/// [`Error::Missing`] when the study names no contacts file; [`Error::Definition`] when the
/// contacts or fieldwork file lies outside the study folder and [`EraseOptions::allow_outside`]
/// is off; [`Error::NotFound`] when no row matches; errors of reading and writing the files.
pub fn erase_with(study: &Study, person: &PersonQuery, options: &EraseOptions) -> Result<Erasure> {
    let contacts_rel = study.files().contacts.as_deref().ok_or_else(|| Error::Missing {
        location: Location::file(study.root().join(STUDY_FILE)).in_column("files.contacts"),
        what: "the contacts file (files.contacts)".into(),
    })?;
    let mut outside = Vec::new();
    for (key, rel) in [("contacts", Some(contacts_rel)), ("fieldwork", study.files().fieldwork.as_deref())] {
        let Some(rel) = rel else { continue };
        if !super::lies_inside(study.root(), rel) {
            if !options.allow_outside {
                return Err(Error::Definition {
                    location: Location::file(study.root().join(STUDY_FILE)).in_column(format!("files.{key}")),
                    message: format!(
                        "{} lies outside the study folder: erase rewrites only files inside it (opt in with \
                         EraseOptions::allow_outside, or move the file into the folder)",
                        rel.display()
                    ),
                });
            }
            outside.push(study.path_of(rel));
        }
    }
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
    let mut needles = Needles::default();
    for row in table.rows.iter().filter(|r| hit(r)) {
        let (name, email, phone, id) =
            (cell(row, name_col), cell(row, email_col), cell(row, phone_col), cell(row, id_col));
        needles.add_text(&name);
        needles.add_text(&email);
        if let Ok(e) = Email::parse(&email) {
            needles.add_text(&e.to_string());
        }
        match Phone::parse(&phone) {
            Ok(p) => needles.add_phone(&phone, &p),
            Err(_) => needles.add_text(&phone),
        }
        if !id.trim().is_empty() {
            needles.ids.insert(id.trim().to_owned());
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

    let root = std::fs::canonicalize(study.root()).map_err(|e| Error::io(study.root(), e))?;
    let mut scan = Scan::new(&root, &needles, options.limits);
    scan.walk(&root, 0);
    for p in &outside {
        scan.file(p);
        let folder = p.parent().unwrap_or(p).to_path_buf();
        scan.remaining.push(Remaining {
            what: format!(
                "{} lies outside the study folder: it was rewritten and searched, the rest of its folder was not",
                p.display()
            ),
            path: folder,
            command: None,
        });
    }

    // lomonitor's outputs that held the person: the overview is written again, a report removed.
    let mut files_regenerated = Vec::new();
    let mut files_removed = Vec::new();
    let hit_files: BTreeSet<PathBuf> = scan.found.iter().map(|t| t.path.clone()).collect();
    let mut directory = None;
    for path in hit_files {
        if let Some(lang) = overview_language(&path) {
            if directory.is_none() {
                directory = Some(study.contacts()?.strict().ok());
            }
            match directory.as_ref().and_then(Option::as_ref) {
                Some(dir) => {
                    write_overview(study, dir, &path, lang)?;
                    files_regenerated.push(path);
                }
                None => {
                    std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
                    files_removed.push(path);
                }
            }
        } else if is_report_output(&path) {
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
            files_removed.push(path);
        }
    }
    if !files_regenerated.is_empty() || !files_removed.is_empty() {
        // Search again, so that the proof describes the folder as it is now.
        let mut again = Scan::new(&root, &needles, options.limits);
        again.walk(&root, 0);
        for p in &outside {
            again.file(p);
        }
        scan.found = again.found;
        scan.searched = again.searched;
    }
    for git in git_repositories(&root, &scan.git_dirs) {
        scan.remaining.push(Remaining {
            what: format!(
                "the git history of {}: earlier commits keep the person's rows (and clones and remotes keep them too)",
                git.display()
            ),
            command: Some(format!(
                "in a fresh clone of {}: write the lines below to a file outside the repository, run `git filter-repo \
                 --replace-text <that file>`, force-push every branch and tag to every remote, have every clone made \
                 again, then delete the file:\n{}",
                git.display(),
                needles.expressions().join("\n")
            )),
            path: git,
        });
    }
    Ok(Erasure {
        contact_ids: ids.iter().filter_map(|i| ContactId::new(i).ok()).collect(),
        contact_rows,
        fieldwork_rows,
        files_written,
        files_regenerated,
        files_removed,
        searched: scan.searched,
        still_found: scan.found,
        remaining: scan.remaining,
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

fn overview_language(path: &Path) -> Option<crate::meta::Language> {
    let stem = path.file_stem()?.to_str()?;
    let ext = path.extension()?.to_str()?;
    if !matches!(ext, "csv" | "xlsx" | "md") {
        return None;
    }
    OVERVIEW_STEMS.iter().find(|(s, _)| *s == stem).map(|(_, l)| *l)
}

fn is_report_output(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let parent = path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap_or("");
    REPORT_FILES.contains(&name) || (CHART_DIRS.contains(&parent) && name.ends_with(".svg"))
}

/// Write the published overview of the (erased) directory over `path`, in its format.
fn write_overview(
    study: &Study,
    directory: &crate::contacts::Directory,
    path: &Path,
    lang: crate::meta::Language,
) -> Result<()> {
    let overview = crate::contacts::published_overview(directory, study.frame(), study.organisations());
    match path.extension().and_then(|e| e.to_str()) {
        Some("csv") => overview.write_csv(path),
        Some("xlsx") => {
            let table = overview.to_table(lang)?;
            crate::report::write_xlsx(path, std::slice::from_ref(&table), lang)
        }
        _ => {
            let table = overview.to_table(lang)?;
            let md = crate::report::markdown_string(&table, lang);
            crate::io::write_atomic(path, |w| w.write_all(md.as_bytes()))
        }
    }
}

/// The repositories whose history holds the folder: a `.git` found in it, or in a folder above.
fn git_repositories(root: &Path, inside: &[PathBuf]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = inside.iter().filter_map(|g| g.parent().map(Path::to_path_buf)).collect();
    let mut dir = root.parent();
    while let Some(d) = dir {
        if std::fs::symlink_metadata(d.join(".git")).is_ok() {
            out.push(d.to_path_buf());
            break;
        }
        dir = d.parent();
    }
    if out.is_empty() && std::fs::symlink_metadata(root.join(".git")).is_ok() {
        out.push(root.to_path_buf());
    }
    out.sort();
    out.dedup();
    out
}

/// What the search looks for.
#[derive(Default)]
struct Needles {
    /// Lowercased texts (name, e-mail, a phone number that does not parse), with their spelling
    /// in the contacts file.
    texts: Vec<(String, String)>,
    /// Phone numbers as written, with the digit sequences that spell them.
    phones: Vec<(String, Vec<Vec<u8>>)>,
    /// Contact ids, found as whole words.
    ids: BTreeSet<String>,
}

impl Needles {
    fn add_text(&mut self, text: &str) {
        let t = text.trim();
        if !t.is_empty() && !self.texts.iter().any(|(l, _)| *l == t.to_lowercase()) {
            self.texts.push((t.to_lowercase(), t.to_owned()));
        }
    }

    /// A phone number in every spelling: for `+31 6 79943894`, the digits `0679943894`,
    /// `31679943894`, `310679943894`, `0031679943894` and `00310679943894`, whatever separators
    /// (spaces, `-`, `.`, `/`, brackets) stand between them.
    fn add_phone(&mut self, written: &str, phone: &Phone) {
        let intl: Vec<u8> = phone.as_str().bytes().filter(u8::is_ascii_digit).collect();
        let mut spellings = vec![intl.clone(), [b"00".as_slice(), &intl].concat()];
        if let Some(nsn) = intl.strip_prefix(b"31".as_slice()) {
            for prefix in [b"0".as_slice(), b"310", b"00310"] {
                spellings.push([prefix, nsn].concat());
            }
        }
        self.phones.push((written.trim().to_owned(), spellings));
    }

    /// The expressions for `git filter-repo --replace-text`: every text literally, phone numbers
    /// as a regular expression over their spellings.
    fn expressions(&self) -> Vec<String> {
        let mut out: Vec<String> = self.texts.iter().map(|(_, t)| format!("{t}==>[verwijderd]")).collect();
        for (_, spellings) in &self.phones {
            let alternatives: Vec<String> = spellings
                .iter()
                .map(|s| s.iter().map(|d| char::from(*d).to_string()).collect::<Vec<_>>().join(r"[-. /()]*"))
                .collect();
            out.push(format!("regex:\\+?(?:{})==>[verwijderd]", alternatives.join("|")));
        }
        out.extend(self.ids.iter().map(|i| format!("regex:\\b{i}\\b==>[verwijderd]")));
        out
    }

    /// Everything of the person in `text`, as written in the contacts file.
    fn find(&self, text: &str) -> Vec<String> {
        let lower = text.to_lowercase();
        let mut out = Vec::new();
        for (l, written) in &self.texts {
            if lower.contains(l.as_str()) {
                out.push(written.clone());
            }
        }
        for (written, spellings) in &self.phones {
            if spellings.iter().any(|s| contains_digits(lower.as_bytes(), s)) {
                out.push(written.clone());
            }
        }
        for id in &self.ids {
            if contains_word(&lower, &id.to_lowercase()) {
                out.push(id.clone());
            }
        }
        out
    }
}

/// Whether `digits` occur in `hay` as one number: not right after or before another digit, with
/// at most three separators (space, no-break space, `-`, `.`, `/`, brackets) between two digits.
fn contains_digits(hay: &[u8], digits: &[u8]) -> bool {
    let Some(&first) = digits.first() else { return false };
    let separator = |b: u8| matches!(b, b' ' | b'-' | b'.' | b'/' | b'(' | b')' | b'\t' | 0xA0 | 0xC2);
    hay.iter().enumerate().filter(|&(_, &b)| b == first).any(|(start, _)| {
        if start > 0 && hay.get(start - 1).is_some_and(u8::is_ascii_digit) {
            return false;
        }
        let mut i = start;
        for (k, d) in digits.iter().enumerate() {
            if k > 0 {
                let mut gaps = 0;
                while hay.get(i).is_some_and(|&b| separator(b)) && gaps < 3 {
                    i += 1;
                    gaps += 1;
                }
            }
            if hay.get(i) != Some(d) {
                return false;
            }
            i += 1;
        }
        !hay.get(i).is_some_and(u8::is_ascii_digit)
    })
}

fn contains_word(haystack: &str, word: &str) -> bool {
    haystack.match_indices(word).any(|(i, _)| {
        let before = haystack.get(..i).and_then(|s| s.chars().next_back());
        let after = haystack.get(i + word.len()..).and_then(|s| s.chars().next());
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The bounded search of a folder.
struct Scan<'a> {
    root: &'a Path,
    needles: &'a Needles,
    limits: ScanLimits,
    met: usize,
    searched: Vec<Searched>,
    found: Vec<Trace>,
    remaining: Vec<Remaining>,
    git_dirs: Vec<PathBuf>,
}

/// The result of reading bytes under a cap.
struct Bounded {
    bytes: Vec<u8>,
    complete: bool,
}

fn read_bounded(r: impl Read, cap: u64) -> std::io::Result<Bounded> {
    let mut bytes = Vec::new();
    r.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    let complete = u64::try_from(bytes.len()).is_ok_and(|n| n <= cap);
    bytes.truncate(usize::try_from(cap).unwrap_or(usize::MAX));
    Ok(Bounded { bytes, complete })
}

/// What reading an archive found.
#[derive(Default)]
struct ArchiveReport {
    entries: usize,
    incomplete: Vec<String>,
}

impl<'a> Scan<'a> {
    fn new(root: &'a Path, needles: &'a Needles, limits: ScanLimits) -> Self {
        Self {
            root,
            needles,
            limits,
            met: 0,
            searched: Vec::new(),
            found: Vec::new(),
            remaining: Vec::new(),
            git_dirs: Vec::new(),
        }
    }

    fn record(&mut self, path: &Path, kind: FileKind, complete: bool, entries: usize, note: Option<String>) {
        if !complete {
            self.remaining.push(Remaining {
                path: path.to_path_buf(),
                what: format!("searched in part: {}", note.as_deref().unwrap_or("not read")),
                command: Some("look into it by hand, or delete it".into()),
            });
        }
        self.searched.push(Searched { path: path.to_path_buf(), kind, complete, entries, note });
    }

    fn walk(&mut self, dir: &Path, depth: usize) {
        if depth > self.limits.max_depth {
            self.record(dir, FileKind::Other, false, 0, Some(format!("deeper than {} folders", self.limits.max_depth)));
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.record(dir, FileKind::Other, false, 0, Some(format!("folder not readable: {e}")));
                return;
            }
        };
        let mut paths: Vec<(PathBuf, Option<std::fs::FileType>)> =
            entries.filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok()))).collect();
        paths.sort_by(|a, b| a.0.cmp(&b.0));
        for (p, ty) in paths {
            self.met += 1;
            if self.met > self.limits.max_files {
                self.record(dir, FileKind::Other, false, 0, Some(format!("more than {} files", self.limits.max_files)));
                return;
            }
            let Some(ty) = ty else {
                self.record(&p, FileKind::Other, false, 0, Some("its type could not be read".into()));
                continue;
            };
            if p.file_name().is_some_and(|n| n == ".git") {
                self.searched.push(Searched {
                    path: p.clone(),
                    kind: FileKind::Git,
                    complete: false,
                    entries: 0,
                    note: Some("git history: reported below, not searched".into()),
                });
                self.git_dirs.push(p);
            } else if ty.is_symlink() {
                self.link(&p);
            } else if ty.is_dir() {
                self.walk(&p, depth + 1);
            } else if ty.is_file() {
                self.file(&p);
            } else {
                self.record(&p, FileKind::Other, false, 0, Some("not a regular file".into()));
            }
        }
    }

    /// A link is never followed: one into the folder is searched where its target lies, one out
    /// of it (or dangling) is reported.
    fn link(&mut self, p: &Path) {
        let target = std::fs::read_link(p).unwrap_or_default();
        let resolved = std::fs::canonicalize(p).ok();
        let inside = resolved.as_ref().is_some_and(|r| r.starts_with(self.root));
        let note = format!("link to {}: not followed", target.display());
        self.searched.push(Searched {
            path: p.to_path_buf(),
            kind: FileKind::Symlink,
            complete: inside,
            entries: 0,
            note: Some(if inside {
                format!("{note} (its target lies in the folder and is searched there)")
            } else {
                note
            }),
        });
        if !inside {
            self.remaining.push(Remaining {
                path: p.to_path_buf(),
                what: match &resolved {
                    Some(r) => format!("a link out of the study folder to {}: not followed, not searched", r.display()),
                    None => format!("a link to {} that does not resolve: not followed", target.display()),
                },
                command: Some("search its target by hand, or remove the link".into()),
            });
        }
    }

    fn file(&mut self, p: &Path) {
        let read = std::fs::File::open(p).and_then(|f| {
            let mut f = f;
            let mut magic = [0u8; 4];
            let n = f.read(&mut magic)?;
            Ok((f, magic, n))
        });
        let (f, magic, n) = match read {
            Ok(x) => x,
            Err(e) => {
                self.record(p, FileKind::Other, false, 0, Some(format!("not readable: {e}")));
                return;
            }
        };
        drop(f);
        let head = magic.get(..n).unwrap_or(&[]);
        if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
            let report = std::fs::File::open(p)
                .map_err(|e| e.to_string())
                .and_then(|f| self.zip(f, p, "", 0).map_err(|e| e.to_string()));
            match report {
                Ok(r) => {
                    let complete = r.incomplete.is_empty();
                    let note = (!complete).then(|| r.incomplete.join("; "));
                    self.record(p, FileKind::Zip, complete, r.entries, note);
                }
                Err(e) => {
                    // Not a readable zip after all: search its bytes.
                    self.plain(p, Some(format!("not a readable zip ({e}): searched as bytes")));
                }
            }
        } else if head.starts_with(&[0x1F, 0x8B]) {
            let res = std::fs::File::open(p)
                .and_then(|f| read_bounded(flate2::read::MultiGzDecoder::new(f), self.limits.max_file_bytes));
            match res {
                Ok(b) => {
                    self.search(p, None, &b.bytes);
                    let note = (!b.complete)
                        .then(|| format!("inflated past {} bytes: the rest not searched", self.limits.max_file_bytes));
                    self.record(p, FileKind::Gzip, b.complete, 0, note);
                }
                Err(e) => self.plain(p, Some(format!("not a readable gzip ({e}): searched as bytes"))),
            }
        } else {
            self.plain(p, None);
        }
    }

    /// Search a file's bytes as text.
    fn plain(&mut self, p: &Path, why: Option<String>) {
        match std::fs::File::open(p).and_then(|f| read_bounded(f, self.limits.max_file_bytes)) {
            Ok(b) => {
                let kind = if b.bytes.contains(&0) && !is_utf16(&b.bytes) { FileKind::Binary } else { FileKind::Text };
                self.search(p, None, &b.bytes);
                let note = if b.complete {
                    why
                } else {
                    Some(format!("larger than {} bytes: the rest not searched", self.limits.max_file_bytes))
                };
                self.record(p, kind, b.complete, 0, note);
            }
            Err(e) => self.record(p, FileKind::Other, false, 0, Some(format!("not readable: {e}"))),
        }
    }

    fn search(&mut self, path: &Path, entry: Option<&str>, bytes: &[u8]) {
        let (text, _) = crate::io::decode_text(bytes);
        for found in self.needles.find(&text) {
            self.found.push(Trace { path: path.to_path_buf(), entry: entry.map(str::to_owned), found });
        }
    }

    /// Every entry of a zip archive, inflated under the caps; zips and gzips inside it too.
    fn zip<R: Read + std::io::Seek>(
        &mut self,
        reader: R,
        path: &Path,
        prefix: &str,
        nesting: usize,
    ) -> zip::result::ZipResult<ArchiveReport> {
        let mut archive = zip::ZipArchive::new(reader)?;
        let mut report = ArchiveReport::default();
        let mut total: u64 = 0;
        let n = archive.len();
        if n > self.limits.max_entries {
            report.incomplete.push(format!("{n} entries: only the first {} searched", self.limits.max_entries));
        }
        for i in 0..n.min(self.limits.max_entries) {
            let mut entry = match archive.by_index(i) {
                Ok(e) => e,
                Err(e) => {
                    report.incomplete.push(format!("entry {i} not readable ({e})"));
                    continue;
                }
            };
            if entry.is_dir() {
                continue;
            }
            let name = format!("{prefix}{}", entry.name().map_or_else(|_| format!("entry {i}"), |n| n.into_owned()));
            let left = self.limits.max_archive_bytes.saturating_sub(total);
            if left == 0 {
                report
                    .incomplete
                    .push(format!("{name} and later entries: past {} bytes in all", self.limits.max_archive_bytes));
                break;
            }
            let cap = self.limits.max_file_bytes.min(left);
            let b = match read_bounded(&mut entry, cap) {
                Ok(b) => b,
                Err(e) => {
                    report.incomplete.push(format!("{name} not readable ({e})"));
                    continue;
                }
            };
            drop(entry);
            report.entries += 1;
            total = total.saturating_add(u64::try_from(b.bytes.len()).unwrap_or(u64::MAX));
            if !b.complete {
                report.incomplete.push(format!("{name}: inflated past {cap} bytes, the rest not searched"));
            }
            if b.bytes.starts_with(b"PK\x03\x04") && nesting < self.limits.max_nesting {
                // Not a readable zip after all: searched as bytes below.
                if let Ok(inner) = self.zip(std::io::Cursor::new(&b.bytes), path, &format!("{name}/"), nesting + 1) {
                    report.entries += inner.entries;
                    report.incomplete.extend(inner.incomplete);
                    continue;
                }
            } else if b.bytes.starts_with(b"PK\x03\x04") {
                report.incomplete.push(format!("{name}: a zip nested deeper than {} levels", self.limits.max_nesting));
            }
            if b.bytes.starts_with(&[0x1F, 0x8B])
                && let Ok(g) = read_bounded(flate2::read::MultiGzDecoder::new(b.bytes.as_slice()), cap)
            {
                if !g.complete {
                    report.incomplete.push(format!("{name}: inflated past {cap} bytes, the rest not searched"));
                }
                self.search(path, Some(&name), &g.bytes);
                continue;
            }
            self.search(path, Some(&name), &b.bytes);
        }
        Ok(report)
    }
}

fn is_utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF])
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn phone_spellings_are_found() {
        let mut n = Needles::default();
        n.add_phone("06-79943894", &Phone::parse("06-79943894").unwrap());
        for hay in [
            "bel 06-79 94 38 94 terug",
            "tel. +31 6 79943894",
            "+31 (0)6-79943894",
            "0031 6 7994 3894",
            "0031(0)679943894",
            "06.79.94.38.94",
            "(06) 79943894",
        ] {
            assert_eq!(n.find(hay), ["06-79943894"], "{hay}");
        }
        for hay in ["0679943895", "106799438941", "06-7994389"] {
            assert!(n.find(hay).is_empty(), "{hay}");
        }
        let mut n = Needles::default();
        n.add_phone("020-1234567", &Phone::parse("020-1234567").unwrap());
        assert_eq!(n.find("(020) 123 45 67"), ["020-1234567"]);
    }

    #[test]
    fn bounded_reads_say_whether_they_read_everything() {
        let b = read_bounded(&b"abcdef"[..], 6).unwrap();
        assert!(b.complete && b.bytes == b"abcdef");
        let b = read_bounded(&b"abcdefg"[..], 6).unwrap();
        assert!(!b.complete && b.bytes == b"abcdef");
    }
}
