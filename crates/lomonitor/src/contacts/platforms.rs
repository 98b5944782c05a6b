//! Fieldwork state from survey platforms: a LimeSurvey participant table export and a Qualtrics
//! distribution history, joined on the municipality code.

use std::path::Path;

use chrono::NaiveDate;

use crate::contacts::{
    ContactId, Directory, FieldworkLog, FieldworkStatus, Invitation, Issue, PersonQuery, parse_bool, parse_date,
};
use crate::error::Result;
use crate::frame::{Frame, MunicipalityCode};
use crate::io::{CsvRow, CsvTable};

/// One change an import made to the fieldwork log. Ids and codes only.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PlatformChange {
    /// The line of the platform export.
    pub line: u64,
    /// The contact.
    pub contact_id: ContactId,
    /// The municipality.
    pub municipality: MunicipalityCode,
    /// The status before (`None`: the invitation was added).
    pub from: Option<FieldworkStatus>,
    /// The status after.
    pub to: FieldworkStatus,
    /// Reminders after the import.
    pub reminders: u32,
}

/// What an import did: the changes, and every row it could not use (never dropped silently).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PlatformImport {
    /// Changes made to the log.
    pub changes: Vec<PlatformChange>,
    /// Rows matched to an invitation that needed no change.
    pub unchanged: usize,
    /// Rows that could not be matched or read, and rows whose platform state lags the log.
    pub issues: Vec<Issue>,
}

/// The state of one participant as a platform reports it.
#[derive(Debug, Default)]
struct PlatformRow {
    line: u64,
    municipality: Option<MunicipalityCode>,
    contact: Option<ContactId>,
    email: Option<String>,
    sent: Option<NaiveDate>,
    reminders: u32,
    last_reminder: Option<NaiveDate>,
    bounced: Option<NaiveDate>,
    started: Option<NaiveDate>,
    completed: Option<NaiveDate>,
    /// An event without a date (LimeSurvey's `Y` for anonymous surveys).
    undated: bool,
}

impl PlatformRow {
    fn status(&self) -> Option<(FieldworkStatus, Option<NaiveDate>)> {
        if self.completed.is_some() || (self.undated && self.started.is_none() && self.sent.is_some()) {
            Some((FieldworkStatus::Completed, self.completed))
        } else if self.started.is_some() {
            Some((FieldworkStatus::Started, self.started))
        } else if self.bounced.is_some() {
            Some((FieldworkStatus::Bounced, self.bounced))
        } else if self.reminders > 0 || self.last_reminder.is_some() {
            Some((FieldworkStatus::Reminded, None))
        } else {
            self.sent.map(|_| (FieldworkStatus::Invited, None))
        }
    }
}

/// A platform's "no" or a date: LimeSurvey writes `N` for not yet and a date-time for done.
fn date_or_no(text: &str) -> Result<Option<NaiveDate>, ()> {
    let t = text.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("n") || t.eq_ignore_ascii_case("no") {
        return Ok(None);
    }
    parse_date(t).map(Some).ok_or(())
}

/// Update the fieldwork log from a LimeSurvey participant table export (Survey participants ->
/// Export), with the columns `sent`, `remindersent`, `remindercount`, `completed` (and `email`,
/// `emailstatus` when present).
///
/// The municipality code is carried as a participant attribute: `municipality_column` names it
/// (e.g. `attribute_1`); `None` takes the first column whose every non-empty value is a
/// municipality code. A contact id in another attribute (`c0042`) is used when present; else the
/// e-mail address is looked up in the directory (and not kept anywhere); else the one invitation
/// of that municipality in the log. A participant whose invitation is not in the log is added
/// when the contact is identified and `sent` has a date.
///
/// Statuses only move forward ([`FieldworkStatus::progress`]); reminders take the larger count
/// and the later date. `completed` = `Y` (anonymous surveys) counts as completed without a date.
///
/// # Errors
/// [`crate::Error::Io`], [`crate::Error::Csv`], [`crate::Error::Missing`] for a missing `sent`
/// or `completed` column or no column of municipality codes.
pub fn import_limesurvey(
    path: &Path,
    log: &mut FieldworkLog,
    directory: &Directory,
    frame: &Frame,
    municipality_column: Option<&str>,
) -> Result<PlatformImport> {
    let table = CsvTable::read(path)?;
    let sent = table.require_column(&["sent"])?;
    let completed = table.require_column(&["completed"])?;
    let reminded = table.column(&["remindersent"]);
    let count = table.column(&["remindercount"]);
    let emailstatus = table.column(&["emailstatus"]);
    let code_col = match municipality_column {
        Some(name) => table.require_column(&[name])?,
        None => find_column(&table, |v| MunicipalityCode::new(v).is_ok())
            .map_or_else(|| table.require_column(&["municipality (a token attribute holding GM codes)"]), Ok)?,
    };
    let id_col = find_column(&table, |v| ContactId::new(v).is_ok());
    let email_col = table.column(&["email"]);
    let mut out = PlatformImport::default();
    let mut rows = Vec::new();
    for row in &table.rows {
        let mut p = PlatformRow { line: row.line, ..PlatformRow::default() };
        let mut bad = false;
        let mut get_date = |c: usize, out: &mut PlatformImport| -> Option<NaiveDate> {
            let v = table.cell(row, c);
            if v.eq_ignore_ascii_case("y") {
                return None;
            }
            date_or_no(v)
                .map_err(|()| {
                    bad = true;
                    out.issues.push(Issue::error(
                        table.location(Some(row.line), Some(c)),
                        v,
                        "expected N or a date (LimeSurvey export)",
                    ));
                })
                .ok()
                .flatten()
        };
        p.sent = get_date(sent, &mut out);
        p.completed = get_date(completed, &mut out);
        p.last_reminder = reminded.and_then(|c| get_date(c, &mut out));
        p.undated = table.cell(row, completed).eq_ignore_ascii_case("y");
        if let Some(c) = count {
            let v = table.cell(row, c);
            match v.parse::<u32>() {
                Ok(n) => p.reminders = n,
                Err(_) if v.is_empty() => {}
                Err(_) => {
                    bad = true;
                    out.issues.push(Issue::error(
                        table.location(Some(row.line), Some(c)),
                        v,
                        "expected a whole number",
                    ));
                }
            }
        }
        if let Some(c) = emailstatus {
            let v = table.cell(row, c).to_lowercase();
            if v.contains("bounce") || v.contains("invalid") {
                p.bounced = p.last_reminder.or(p.sent);
                if p.bounced.is_none() {
                    p.bounced = Some(NaiveDate::MIN);
                }
            }
        }
        if !read_ids(&table, row, code_col, id_col, email_col, frame, &mut p, &mut out) || bad {
            continue;
        }
        rows.push(p);
    }
    apply(rows, log, directory, &table, code_col, &mut out);
    Ok(out)
}

/// Update the fieldwork log from a Qualtrics distribution history export.
///
/// Two layouts are read: one column per event — `Sent`, `Bounced`, `Started`, `Finished` — each
/// holding a date (or yes/no; then `Date`/`End Date` gives the date), or Qualtrics's own `Status`
/// column (`Email Sent`, `Email Opened`, `Email Bounced`, `Email Failed`, `Survey Started`,
/// `Survey Partially Finished`, `Survey Finished`) with `End Date` or `Sent Date`. The
/// municipality code is the `ExternalReference` (`External Data Reference`); contact and e-mail
/// are used as in [`import_limesurvey`].
///
/// # Errors
/// [`crate::Error::Io`], [`crate::Error::Csv`], [`crate::Error::Missing`] for a missing
/// `ExternalReference` column or neither `Status` nor `Sent`.
pub fn import_qualtrics(
    path: &Path,
    log: &mut FieldworkLog,
    directory: &Directory,
    frame: &Frame,
) -> Result<PlatformImport> {
    let table = CsvTable::read(path)?;
    let code_col = table.require_column(&["ExternalReference", "External Data Reference", "ExternalDataReference"])?;
    let sent = table.column(&["Sent"]);
    let status = if sent.is_none() { Some(table.require_column(&["Status", "Sent"])?) } else { None };
    let bounced = table.column(&["Bounced"]);
    let started = table.column(&["Started"]);
    let finished = table.column(&["Finished"]);
    let date_col = table.column(&["End Date", "EndDate", "Date", "Sent Date", "SentDate", "Recorded Date"]);
    let id_col = find_column(&table, |v| ContactId::new(v).is_ok());
    let email_col = table.column(&["Email", "E-mail", "RecipientEmail"]);
    let mut out = PlatformImport::default();
    let mut rows = Vec::new();
    for row in &table.rows {
        let mut p = PlatformRow { line: row.line, ..PlatformRow::default() };
        let fallback = date_col.and_then(|c| parse_date(table.cell(row, c)));
        let mut bad = false;
        let mut event = |c: Option<usize>, out: &mut PlatformImport| -> Option<NaiveDate> {
            let c = c?;
            let v = table.cell(row, c);
            match parse_bool(v) {
                Some(None | Some(false)) => None,
                Some(Some(true)) => Some(fallback.unwrap_or(NaiveDate::MIN)),
                None => parse_date(v).or_else(|| {
                    bad = true;
                    out.issues.push(Issue::error(
                        table.location(Some(row.line), Some(c)),
                        v,
                        "expected a date, yes/no or empty",
                    ));
                    None
                }),
            }
        };
        if sent.is_some() {
            p.sent = event(sent, &mut out);
            p.bounced = event(bounced, &mut out);
            p.started = event(started, &mut out);
            p.completed = event(finished, &mut out);
        } else if let Some(c) = status {
            let v = table.cell(row, c).to_lowercase();
            let d = Some(fallback.unwrap_or(NaiveDate::MIN));
            if v.contains("partially") || v.contains("started") {
                p.started = d;
            } else if v.contains("finished") || v.contains("completed") {
                p.completed = d;
            } else if v.contains("bounce") || v.contains("failed") {
                p.bounced = d;
            } else if v.contains("sent") || v.contains("opened") {
                p.sent = d;
            } else {
                out.issues.push(Issue::error(
                    table.location(Some(row.line), Some(c)),
                    table.cell(row, c),
                    "unknown distribution status (expected Email Sent, Email Opened, Email Bounced, Email Failed, Survey Started, Survey Partially Finished, Survey Finished)",
                ));
                continue;
            }
        }
        if !read_ids(&table, row, code_col, id_col, email_col, frame, &mut p, &mut out) || bad {
            continue;
        }
        rows.push(p);
    }
    apply(rows, log, directory, &table, code_col, &mut out);
    Ok(out)
}

/// The first column whose non-empty values all pass `ok` (at least one value).
fn find_column(table: &CsvTable, ok: impl Fn(&str) -> bool) -> Option<usize> {
    (0..table.headers.len()).find(|&c| {
        let mut any = false;
        let all = table.rows.iter().map(|r| table.cell(r, c)).filter(|v| !v.is_empty()).all(|v| {
            any = true;
            ok(v)
        });
        any && all
    })
}

#[allow(clippy::too_many_arguments)]
fn read_ids(
    table: &CsvTable,
    row: &CsvRow,
    code_col: usize,
    id_col: Option<usize>,
    email_col: Option<usize>,
    frame: &Frame,
    p: &mut PlatformRow,
    out: &mut PlatformImport,
) -> bool {
    let v = table.cell(row, code_col);
    match MunicipalityCode::new(v) {
        Ok(code) if frame.get(code).is_some() => p.municipality = Some(code),
        _ => {
            out.issues.push(Issue::error(
                table.location(Some(row.line), Some(code_col)),
                v,
                "expected the municipality code of the participant (GM + four digits, in the frame)",
            ));
            return false;
        }
    }
    p.contact = id_col.and_then(|c| ContactId::new(table.cell(row, c)).ok());
    p.email = email_col.map(|c| table.cell(row, c).to_owned()).filter(|e| !e.is_empty());
    true
}

fn apply(
    rows: Vec<PlatformRow>,
    log: &mut FieldworkLog,
    directory: &Directory,
    table: &CsvTable,
    code_col: usize,
    out: &mut PlatformImport,
) {
    for p in rows {
        let Some(code) = p.municipality else { continue };
        let loc = table.location(Some(p.line), Some(code_col));
        let Some((status, status_date)) = p.status() else {
            out.issues.push(Issue::warning(loc, code.to_string(), "no invitation sent yet on the platform"));
            continue;
        };
        let status_date = status_date.filter(|d| *d != NaiveDate::MIN);
        // Who: the id on the platform, else the e-mail in the directory, else the only invitation.
        let by_email: Vec<ContactId> = p
            .email
            .as_ref()
            .map(|e| directory.find(&PersonQuery::Email(e.clone())).into_iter().map(|c| c.id.clone()).collect())
            .unwrap_or_default();
        let in_log: Vec<ContactId> =
            log.iter().filter(|i| i.municipality == code).map(|i| i.contact_id.clone()).collect();
        let contact = p
            .contact
            .clone()
            .or_else(|| by_email.iter().find(|id| in_log.contains(id)).cloned())
            .or_else(|| by_email.first().cloned())
            .or_else(|| if let [only] = in_log.as_slice() { Some(only.clone()) } else { None });
        let Some(contact) = contact else {
            let msg = if in_log.is_empty() {
                "no invitation for this municipality in the fieldwork log, and the participant is not in the directory"
            } else {
                "several invitations for this municipality in the log; the participant's e-mail or contact id does not tell which"
            };
            out.issues.push(Issue::error(loc, code.to_string(), msg));
            continue;
        };
        let sent = p.sent.filter(|d| *d != NaiveDate::MIN);
        let last_reminder = p.last_reminder.filter(|d| *d != NaiveDate::MIN);
        match log.get_mut(&contact, code) {
            Some(inv) => {
                let before = inv.clone();
                if status.progress() > inv.status.progress() {
                    inv.status = status;
                    if status_date.is_some() {
                        inv.status_date = status_date;
                    }
                } else if status.progress() < inv.status.progress() && !status.is_open() {
                    out.issues.push(Issue::warning(
                        loc.clone(),
                        code.to_string(),
                        format!("the platform says {status}, the log already {}; the log is kept", inv.status),
                    ));
                }
                inv.reminders = inv.reminders.max(p.reminders.max(u32::from(last_reminder.is_some())));
                if last_reminder > inv.last_reminder {
                    inv.last_reminder = last_reminder;
                }
                if inv.reminders > 0 && inv.status == FieldworkStatus::Invited {
                    inv.status = FieldworkStatus::Reminded;
                }
                if *inv == before {
                    out.unchanged += 1;
                } else {
                    out.changes.push(PlatformChange {
                        line: p.line,
                        contact_id: contact.clone(),
                        municipality: code,
                        from: Some(before.status),
                        to: inv.status,
                        reminders: inv.reminders,
                    });
                }
            }
            None => {
                let Some(invited) = sent else {
                    out.issues.push(Issue::error(
                        loc,
                        code.to_string(),
                        format!("contact {contact} is not invited for this municipality in the log, and the export has no sent date to add the invitation"),
                    ));
                    continue;
                };
                let reminders = p.reminders.max(u32::from(last_reminder.is_some()));
                let status = if status == FieldworkStatus::Invited && reminders > 0 {
                    FieldworkStatus::Reminded
                } else {
                    status
                };
                let inv = Invitation {
                    contact_id: contact.clone(),
                    municipality: code,
                    invited,
                    reminders,
                    last_reminder,
                    status,
                    status_date,
                };
                if log.insert(inv).is_ok() {
                    out.changes.push(PlatformChange {
                        line: p.line,
                        contact_id: contact,
                        municipality: code,
                        from: None,
                        to: status,
                        reminders,
                    });
                }
            }
        }
    }
}
