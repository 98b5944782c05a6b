//! The contacts directory out to the survey platforms: a LimeSurvey participant table and a
//! Qualtrics contact list, for the invitations.
//!
//! Only contacts who consented to the research (`consent_research`), are active and have an
//! e-mail address are written, one row per unit they answer for; every contact left out is listed
//! by id with the reason. The tables carry names and e-mail addresses because the platform sends
//! the invitations: they are working files for the platform, not outputs to publish. The unit
//! goes in `attribute_1` (LimeSurvey) or `ExternalDataReference` (Qualtrics), the contact id in
//! `attribute_2` / an embedded-data column `contact_id`, so that the response export gives the
//! unit back and [`crate::contacts::import_limesurvey`] / [`crate::contacts::import_qualtrics`]
//! read the participant status back into the fieldwork log.

use std::collections::BTreeMap;

use rand::{RngExt, SeedableRng};

use crate::cells::neutralise;
use crate::contacts::{Contact, ContactId, ContactStatus, Directory};
use crate::error::{Error, Location, Result};

/// A participant table written for a platform.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participants {
    /// The CSV text to import into the platform.
    pub csv: String,
    /// LimeSurvey: token -> unit, for `ImportOptions::participants` of the response import
    /// (empty for Qualtrics, whose export carries the unit itself).
    pub tokens: BTreeMap<String, String>,
    /// Contacts not written, by id, with the reason.
    pub left_out: Vec<(ContactId, &'static str)>,
}

/// The length of a LimeSurvey token written here (LimeSurvey's default token length).
pub const TOKEN_LEN: usize = 15;

/// Why a contact is not invited, if it is not.
fn reason_left_out(c: &Contact) -> Option<&'static str> {
    if !c.consent_research {
        Some("no consent to the research")
    } else if c.status != ContactStatus::Active {
        Some("not active (left or bounced)")
    } else if c.email.is_none() {
        Some("no e-mail address")
    } else if c.covers.is_empty() {
        Some("answers for no unit")
    } else {
        None
    }
}

/// First name and the rest (Dutch surnames with `van der` stay together).
fn split_name(name: &str) -> (&str, &str) {
    let name = name.trim();
    name.split_once(' ').map_or((name, ""), |(f, l)| (f, l.trim()))
}

fn csv_text(header: &[&str], rows: Vec<Vec<String>>) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Error::Csv { location: Location::default(), message: e.to_string() };
    w.write_record(header).map_err(fail)?;
    for r in rows {
        w.write_record(r.iter().map(|c| neutralise(c).into_owned())).map_err(fail)?;
    }
    let bytes = w.into_inner().map_err(|e| Error::Csv { location: Location::default(), message: e.to_string() })?;
    String::from_utf8(bytes).map_err(|e| Error::Csv { location: Location::default(), message: e.to_string() })
}

/// A LimeSurvey participant table (CSV for "Import participants from CSV file"): `firstname`,
/// `lastname`, `email`, `emailstatus`, `language`, `token`, `attribute_1` (the unit),
/// `attribute_2` (the contact id). Tokens are 15 letters and digits drawn from a ChaCha20 stream
/// seeded with `seed`: pass a secret random seed (a token is the participant's access code), and
/// the same seed writes the same tokens again.
///
/// # Errors
/// [`Error::Csv`] if the table cannot be written (not expected).
pub fn limesurvey_participants(directory: &Directory, seed: u64) -> Result<Participants> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(seed);
    let mut tokens = BTreeMap::new();
    let mut rows = Vec::new();
    let mut left_out = Vec::new();
    for c in directory.iter() {
        if let Some(why) = reason_left_out(c) {
            left_out.push((c.id.clone(), why));
            continue;
        }
        let (first, last) = split_name(&c.name);
        for unit in &c.covers {
            let token = loop {
                let t: String = (0..TOKEN_LEN)
                    .map(|_| ALPHABET.get(rng.random_range(0..ALPHABET.len())).copied().map_or('A', char::from))
                    .collect();
                if !tokens.contains_key(&t) {
                    break t;
                }
            };
            tokens.insert(token.clone(), unit.to_string());
            rows.push(vec![
                first.to_owned(),
                last.to_owned(),
                c.email.as_ref().map(|e| e.as_str().to_owned()).unwrap_or_default(),
                "OK".to_owned(),
                "nl".to_owned(),
                token,
                unit.to_string(),
                c.id.as_str().to_owned(),
            ]);
        }
    }
    let csv = csv_text(
        &["firstname", "lastname", "email", "emailstatus", "language", "token", "attribute_1", "attribute_2"],
        rows,
    )?;
    Ok(Participants { csv, tokens, left_out })
}

/// A Qualtrics contact list (CSV for a mailing list / directory import): `FirstName`,
/// `LastName`, `Email`, `ExternalDataReference` (the unit, which the response export gives back as
/// `ExternalReference`), `Language` (`NL`) and the embedded data `contact_id`.
///
/// # Errors
/// [`Error::Csv`] if the table cannot be written (not expected).
pub fn qualtrics_contacts(directory: &Directory) -> Result<Participants> {
    let mut rows = Vec::new();
    let mut left_out = Vec::new();
    for c in directory.iter() {
        if let Some(why) = reason_left_out(c) {
            left_out.push((c.id.clone(), why));
            continue;
        }
        let (first, last) = split_name(&c.name);
        for unit in &c.covers {
            rows.push(vec![
                first.to_owned(),
                last.to_owned(),
                c.email.as_ref().map(|e| e.as_str().to_owned()).unwrap_or_default(),
                unit.to_string(),
                "NL".to_owned(),
                c.id.as_str().to_owned(),
            ]);
        }
    }
    let csv = csv_text(&["FirstName", "LastName", "Email", "ExternalDataReference", "Language", "contact_id"], rows)?;
    Ok(Participants { csv, tokens: BTreeMap::new(), left_out })
}
