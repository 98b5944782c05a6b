//! `contacts.csv`: reading with a full problem report, writing atomically.

use std::collections::HashMap;
use std::path::Path;

use crate::cells::{neutralise, unneutralise};
use crate::contacts::{
    Contact, ContactId, ContactStatus, Directory, DuplicateKind, Email, Issue, Loaded, Phone, PublishConsent, Role,
    parse_bool, parse_date,
};
use crate::error::{Error, Result};
use crate::frame::{Frame, Organisations, Unit};
use crate::io::{CsvRow, CsvTable};

/// The columns of `contacts.csv`, in the order they are written, with the names accepted on
/// reading (first the canonical one).
pub(crate) const CONTACT_COLUMNS: [&[&str]; 13] = [
    &["contact_id", "id"],
    &["name", "naam"],
    &["function", "functie", "function_title"],
    &["role", "rol"],
    &["covers", "gemeenten", "municipalities", "organisation", "organisatie"],
    &["email", "e-mail", "mail"],
    &["phone", "telefoon", "tel"],
    &["source", "bron"],
    &["verified", "geverifieerd", "last_verified"],
    &["status"],
    &["consent_research", "toestemming_onderzoek"],
    &["consent_publish", "toestemming_publicatie"],
    &["notes", "notities", "opmerkingen"],
];

const REQUIRED: [usize; 4] = [1, 3, 4, 9];

/// The text of an error for an issue message: the inner message of an invalid argument.
pub(crate) fn message_of(e: &Error) -> String {
    match e {
        Error::InvalidArgument { message, .. } => message.clone(),
        Error::InvalidCode(v) => format!("{v:?} is not a municipality code (\"GM\" + four digits)"),
        other => other.to_string(),
    }
}

/// Parse one entry of a `covers` cell: a municipality code, an organisation id, or a
/// municipality name; checked against the frame and the organisations.
///
/// # Errors
/// The reason, in words, when the entry is none of these.
pub fn resolve_unit(text: &str, frame: &Frame, organisations: &Organisations) -> std::result::Result<Unit, String> {
    let t = text.trim();
    match Unit::parse(t) {
        Ok(Unit::Municipality(code)) => {
            if frame.get(code).is_some() {
                Ok(Unit::Municipality(code))
            } else {
                Err(format!("municipality {code} is not in the frame of {}", frame.reference_date()))
            }
        }
        Ok(Unit::Organisation(id)) => {
            if organisations.get(&id).is_some() {
                return Ok(Unit::Organisation(id));
            }
            // Not an organisation id: perhaps a municipality name written in lower case.
            match frame.lookup(t) {
                Ok(m) => Ok(Unit::Municipality(m.code)),
                Err(_) => Err(format!(
                    "unknown organisation or municipality {t:?} (organisations in study.toml: {})",
                    organisations.iter().map(|o| o.id.as_str()).collect::<Vec<_>>().join(", ")
                )),
            }
        }
        Err(_) => frame.lookup(t).map(|m| Unit::Municipality(m.code)).map_err(|e| e.to_string()),
    }
}

impl Directory {
    /// Read `contacts.csv`, checking every row against the frame and the organisations.
    ///
    /// Every problem of every row is collected ([`Loaded::issues`]); a row with an error is left
    /// out of the directory and listed. Warnings (row kept): suspected duplicates (same e-mail;
    /// same name covering a municipality in common), a contact with neither e-mail nor phone, a
    /// contact id that was missing and assigned, a column that is not known (its values are not
    /// kept when the directory is written back).
    ///
    /// # Errors
    /// [`Error::Io`], [`Error::Csv`] for a file that is no CSV, [`Error::Missing`] for a missing
    /// required column (`name`, `role`, `covers`, `status`).
    pub fn read(path: &Path, frame: &Frame, organisations: &Organisations) -> Result<Loaded<Directory>> {
        let table = CsvTable::read(path)?;
        Self::from_table(&table, frame, organisations)
    }

    /// [`Directory::read`] on a table already read.
    ///
    /// # Errors
    /// As [`Directory::read`].
    pub fn from_table(table: &CsvTable, frame: &Frame, organisations: &Organisations) -> Result<Loaded<Directory>> {
        let cols: Vec<Option<usize>> = CONTACT_COLUMNS.iter().map(|names| table.column(names)).collect();
        for &r in &REQUIRED {
            if cols.get(r).copied().flatten().is_none() {
                table.require_column(CONTACT_COLUMNS.get(r).copied().unwrap_or(&[]))?;
            }
        }
        let mut issues = Vec::new();
        for (i, h) in table.headers.iter().enumerate() {
            if !cols.contains(&Some(i)) && !h.is_empty() {
                issues.push(Issue::warning(
                    table.location(Some(1), Some(i)),
                    h.clone(),
                    "unknown column: its values are read by no one and are not kept when the directory is written",
                ));
            }
        }
        let mut contacts: Vec<(u64, Option<Contact>)> = Vec::new();
        let mut lines: HashMap<ContactId, u64> = HashMap::new();
        for row in &table.rows {
            let (contact, mut row_issues) = parse_row(table, row, &cols, frame, organisations);
            if let Some(c) = &contact
                && c.id.number() > 0
                && let Some(&first) = lines.get(&c.id)
            {
                row_issues.push(Issue::error(
                    table.location(Some(row.line), cols.first().copied().flatten()),
                    c.id.to_string(),
                    format!("contact id {} already used on line {first}", c.id),
                ));
            }
            let ok = !row_issues.iter().any(|i| i.severity == crate::contacts::Severity::Error);
            issues.extend(row_issues);
            if let Some(c) = contact.filter(|_| ok) {
                lines.insert(c.id.clone(), row.line);
                contacts.push((row.line, Some(c)));
            }
        }
        // Ids for rows that had none: above every id in the file, rows with errors included (the
        // team will fix those rows and keep their ids).
        let id_col = cols.first().copied().flatten();
        let mut next = id_col
            .map(|c| {
                table.rows.iter().filter_map(|r| ContactId::new(table.cell(r, c)).ok()).map(|id| id.number()).max()
            })
            .unwrap_or_default()
            .unwrap_or(0);
        for (line, c) in &mut contacts {
            if let Some(c) = c.as_mut().filter(|c| c.id.number() == 0) {
                next += 1;
                c.id = ContactId::from_number(next);
                lines.insert(c.id.clone(), *line);
                issues.push(Issue::warning(
                    table.location(Some(*line), id_col),
                    "",
                    format!("no contact id: assigned {} (written back when the directory is saved)", c.id),
                ));
            }
        }
        let directory = Directory::new(contacts.into_iter().filter_map(|(_, c)| c).collect())?;
        for pair in directory.duplicates(organisations) {
            let line = lines.get(&pair.second).copied();
            let first = lines.get(&pair.first).copied().unwrap_or(0);
            let (col, what) = match pair.kind {
                DuplicateKind::SameEmail => (5, "the same e-mail address"),
                DuplicateKind::SameNameSameOrganisation => (1, "the same name for a municipality in common"),
            };
            issues.push(Issue::warning(
                table.location(line, cols.get(col).copied().flatten()),
                pair.second.to_string(),
                format!(
                    "probably the same person as {} (line {first}): {what}; merge them with Directory::merge",
                    pair.first
                ),
            ));
        }
        issues.sort_by_key(|i| i.location.line);
        Ok(Loaded { value: directory, issues })
    }

    /// Write the directory as `contacts.csv` (UTF-8, `,`), atomically: to a temporary file that
    /// replaces `path` only when complete.
    ///
    /// # Errors
    /// [`Error::Io`].
    pub fn write(&self, path: &Path) -> Result<()> {
        crate::io::write_atomic(path, |w| self.write_to(w).map_err(std::io::Error::other))
    }

    /// Write the directory as CSV to any writer.
    ///
    /// # Errors
    /// [`Error::Io`] (without a path) when writing fails.
    pub fn write_to(&self, out: &mut dyn std::io::Write) -> Result<()> {
        let io = |e: csv::Error| Error::io("contacts.csv", std::io::Error::other(e));
        let mut w = crate::cells::SpreadsheetCsv::new(out, b',');
        w.write_record(CONTACT_COLUMNS.iter().map(|n| n.first().copied().unwrap_or(""))).map_err(io)?;
        for c in self.iter() {
            let covers: Vec<String> = c.covers.iter().map(ToString::to_string).collect();
            // Every cell neutralised against CSV injection (the file is opened in Excel);
            // reading takes the apostrophe away again.
            let cells = [
                c.id.as_str(),
                &c.name,
                &c.function,
                c.role.key(),
                &covers.join("|"),
                c.email.as_ref().map_or("", Email::as_str),
                c.phone.as_ref().map_or("", Phone::as_str),
                &c.source,
                &c.verified.map(|d| d.to_string()).unwrap_or_default(),
                c.status.key(),
                if c.consent_research { "yes" } else { "no" },
                &c.consent_publish.to_cell(),
                &c.notes,
            ];
            w.write_record(cells.iter().map(|t| neutralise(t).into_owned())).map_err(io)?;
        }
        w.flush().map_err(|e| Error::io("contacts.csv", e))
    }
}

fn parse_row(
    table: &CsvTable,
    row: &CsvRow,
    cols: &[Option<usize>],
    frame: &Frame,
    organisations: &Organisations,
) -> (Option<Contact>, Vec<Issue>) {
    let mut issues = Vec::new();
    let col = |i: usize| cols.get(i).copied().flatten();
    let cell = |i: usize| col(i).map_or("", |c| unneutralise(table.cell(row, c)));
    let loc = |i: usize| table.location(Some(row.line), col(i));
    let mut fail = |i: usize, value: &str, message: String| issues.push(Issue::error(loc(i), value, message));

    let id = match cell(0) {
        // The placeholder `c0000` (never a valid id), replaced by the reader.
        "" => Some(ContactId::from_number(0)),
        t => ContactId::new(t).map_err(|e| fail(0, t, message_of(&e))).ok(),
    };
    let name = cell(1).to_owned();
    if name.is_empty() {
        fail(1, "", "a contact needs a name".into());
    }
    let role = cell(3).parse::<Role>().map_err(|e| fail(3, cell(3), message_of(&e))).ok();
    let mut covers = Vec::new();
    let raw_covers = cell(4);
    for part in raw_covers.split(['|', ';', ',']).map(str::trim).filter(|p| !p.is_empty()) {
        match resolve_unit(part, frame, organisations) {
            Ok(u) if !covers.contains(&u) => covers.push(u),
            Ok(_) => {}
            Err(m) => fail(4, part, m),
        }
    }
    if raw_covers.trim().is_empty() {
        fail(4, "", "a contact must cover at least one municipality or organisation".into());
    }
    let email = match cell(5) {
        "" => None,
        t => Email::parse(t).map_err(|e| fail(5, t, message_of(&e))).ok(),
    };
    let phone = match cell(6) {
        "" => None,
        t => Phone::parse(t).map_err(|e| fail(6, t, message_of(&e))).ok(),
    };
    let verified = match cell(8) {
        "" => None,
        t => {
            let d = parse_date(t);
            if d.is_none() {
                fail(8, t, "expected a date, e.g. 2025-01-31 or 31-1-2025".into());
            }
            d
        }
    };
    let status = cell(9).parse::<ContactStatus>().map_err(|e| fail(9, cell(9), message_of(&e))).ok();
    let consent_research = match parse_bool(cell(10)) {
        Some(v) => v.unwrap_or(false),
        None => {
            fail(10, cell(10), "expected yes or no (ja/nee); empty means no".into());
            false
        }
    };
    let consent_publish =
        PublishConsent::parse(cell(11)).map_err(|e| fail(11, cell(11), message_of(&e))).unwrap_or_default();
    if email.is_none() && phone.is_none() && cell(5).is_empty() && cell(6).is_empty() {
        issues.push(Issue::warning(loc(5), "", "neither e-mail nor phone: the contact cannot be reached"));
    }
    let contact = match (id, role, status) {
        (Some(id), Some(role), Some(status)) => Some(Contact {
            id,
            name,
            function: cell(2).to_owned(),
            role,
            covers,
            email,
            phone,
            source: cell(7).to_owned(),
            verified,
            status,
            consent_research,
            consent_publish,
            notes: cell(12).to_owned(),
        }),
        _ => None,
    };
    (contact, issues)
}
