//! The published overview: per municipality, the contacts who consented to be listed, with only
//! the fields each consented to publish.

use std::path::Path;

use crate::contacts::{ContactStatus, Directory, Role};
use crate::error::{Error, Result};
use crate::frame::{Frame, MunicipalityCode, Organisations};
use crate::meta::Language;

/// One line of the published overview: a municipality and one listed contact for it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OverviewRow {
    /// CBS code.
    pub code: MunicipalityCode,
    /// Municipality name.
    pub municipality: String,
    /// Province name.
    pub province: String,
    /// The organisation through which the contact covers it, if any.
    pub organisation: Option<String>,
    /// Role category (always shown for a listed contact).
    pub role: Role,
    /// Name, when consented.
    pub name: Option<String>,
    /// Function title, when consented.
    pub function: Option<String>,
    /// E-mail, when consented.
    pub email: Option<String>,
    /// Phone (E.164), when consented.
    pub phone: Option<String>,
}

/// The published overview of L&O contacts. Personal data by design, limited to what each person
/// consented to publish.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PublishedOverview {
    /// One row per (municipality, listed contact), by municipality name, then role and id.
    pub rows: Vec<OverviewRow>,
}

/// The overview: every active contact who consented to be listed, once per municipality they
/// cover (organisations expanded), with only the consented fields filled. Contacts that left or
/// bounced and contacts without listing consent do not appear; municipalities without a listed
/// contact have no row.
pub fn published_overview(directory: &Directory, frame: &Frame, organisations: &Organisations) -> PublishedOverview {
    let mut rows: Vec<(String, OverviewRow)> = Vec::new();
    for c in directory.iter().filter(|c| c.status == ContactStatus::Active && c.consent_publish.listed) {
        let p = c.consent_publish;
        for code in Directory::municipalities_of(c, organisations) {
            let Some(m) = frame.get(code) else { continue };
            let org = organisations.serving(code).filter(|o| c.covers.iter().any(|u| u.to_string() == o.id.as_str()));
            rows.push((
                c.id.to_string(),
                OverviewRow {
                    code,
                    municipality: m.name.clone(),
                    province: m.province.name().to_owned(),
                    organisation: org.map(|o| o.name.clone()),
                    role: c.role,
                    name: p.name.then(|| c.name.clone()).filter(|s| !s.is_empty()),
                    function: p.function.then(|| c.function.clone()).filter(|s| !s.is_empty()),
                    email: if p.email { c.email.as_ref().map(ToString::to_string) } else { None },
                    phone: if p.phone { c.phone.as_ref().map(ToString::to_string) } else { None },
                },
            ));
        }
    }
    rows.sort_by(|(ia, a), (ib, b)| {
        crate::frame::normalize(&a.municipality)
            .cmp(&crate::frame::normalize(&b.municipality))
            .then(a.role.cmp(&b.role))
            .then(ia.cmp(ib))
    });
    PublishedOverview { rows: rows.into_iter().map(|(_, r)| r).collect() }
}

impl PublishedOverview {
    /// The overview as one of the report's tables (title, Dutch or English headers and role
    /// labels, a note on consent), for every renderer of the one table model (HTML, Markdown, CSV
    /// and the XLSX workbook).
    ///
    /// # Errors
    /// None in practice: every cell is text ([`crate::table::Table::push_row`] checks the row
    /// length).
    pub fn to_table(&self, lang: Language) -> Result<crate::table::Table> {
        use crate::table::{Cell, Column, Table};
        let header: [&str; 9] = if lang.is_english() {
            ["Code", "Municipality", "Province", "Organisation", "Role", "Name", "Function", "E-mail", "Phone"]
        } else {
            ["Code", "Gemeente", "Provincie", "Organisatie", "Rol", "Naam", "Functie", "E-mail", "Telefoon"]
        };
        let title = lang.tr("Overzicht L&O-verantwoordelijken", "Directory of L&D responsibles");
        let mut table = Table::new(title, header.iter().map(|h| Column::text(*h)).collect());
        for r in &self.rows {
            table.push_row(
                [
                    r.code.to_string(),
                    r.municipality.clone(),
                    r.province.clone(),
                    r.organisation.clone().unwrap_or_default(),
                    r.role.label(lang).to_owned(),
                    r.name.clone().unwrap_or_default(),
                    r.function.clone().unwrap_or_default(),
                    r.email.clone().unwrap_or_default(),
                    r.phone.clone().unwrap_or_default(),
                ]
                .into_iter()
                .map(Cell::text)
                .collect(),
            )?;
        }
        table.notes.other.push(
            if lang.is_english() {
                "Only the fields each person consented to publish; an empty cell was not consented to or is unknown."
            } else {
                "Alleen de gegevens waarvoor ieder toestemming gaf om ze te publiceren; een lege cel is niet vrijgegeven of onbekend."
            }
            .to_owned(),
        );
        Ok(table)
    }

    /// Write the overview as CSV (UTF-8, `,`, the file keys as headers), atomically.
    ///
    /// # Errors
    /// [`Error::Io`].
    pub fn write_csv(&self, path: &Path) -> Result<()> {
        crate::io::write_atomic(path, |w| self.write_csv_to(w).map_err(std::io::Error::other))
    }

    /// Write the overview as CSV to any writer. Text cells are neutralised against CSV
    /// injection ([`crate::cells::neutralise`]).
    ///
    /// # Errors
    /// [`Error::Io`] (without a path) when writing fails.
    pub fn write_csv_to(&self, out: &mut dyn std::io::Write) -> Result<()> {
        let io = |e: csv::Error| Error::io("overview.csv", std::io::Error::other(e));
        let mut w = crate::cells::SpreadsheetCsv::new(out, b',');
        w.write_record([
            "code",
            "municipality",
            "province",
            "organisation",
            "role",
            "name",
            "function",
            "email",
            "phone",
        ])
        .map_err(io)?;
        // A published file is opened in spreadsheets: text that one would run as a formula
        // (a name typed as `=HYPERLINK(...)`, a phone number `+31 ...`) gets a leading apostrophe.
        let text = |t: Option<&str>| crate::cells::neutralise(t.unwrap_or("")).into_owned();
        for r in &self.rows {
            w.write_record([
                r.code.to_string(),
                text(Some(&r.municipality)),
                text(Some(&r.province)),
                text(r.organisation.as_deref()),
                r.role.key().to_owned(),
                text(r.name.as_deref()),
                text(r.function.as_deref()),
                text(r.email.as_deref()),
                text(r.phone.as_deref()),
            ])
            .map_err(io)?;
        }
        w.flush().map_err(|e| Error::io("overview.csv", e))
    }
}
