//! The directory: contacts by id, duplicates and merging.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use crate::contacts::{Contact, ContactId, ContactStatus, PublishConsent, Role};
use crate::error::{Error, Result};
use crate::frame::{MunicipalityCode, Organisations, Unit, normalize};

/// The L&O contacts directory: contacts with unique pseudonymous ids, in file order.
///
/// `Display` prints a [`DirectorySummary`] (counts only); no personal field is ever shown by
/// `Display` or `Debug`.
#[derive(Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "Vec<Contact>", into = "Vec<Contact>")]
pub struct Directory {
    contacts: Vec<Contact>,
}

/// How to find a person in the directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PersonQuery {
    /// By pseudonymous id.
    Id(ContactId),
    /// By e-mail address (case-insensitive).
    Email(String),
    /// By name (case, diacritics and spacing do not matter).
    Name(String),
}

/// Why two contacts look like the same person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateKind {
    /// The same e-mail address.
    SameEmail,
    /// The same name, covering a municipality in common (the same organisation).
    SameNameSameOrganisation,
}

/// Two contacts that are probably one person. Carries ids only.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DuplicatePair {
    /// The contact first in the file.
    pub first: ContactId,
    /// The later one.
    pub second: ContactId,
    /// Why they match.
    pub kind: DuplicateKind,
}

/// A field of a contact, as named in `contacts.csv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactField {
    /// `name`.
    Name,
    /// `function`.
    Function,
    /// `role`.
    Role,
    /// `covers`.
    Covers,
    /// `email`.
    Email,
    /// `phone`.
    Phone,
    /// `source`.
    Source,
    /// `verified`.
    Verified,
    /// `status`.
    Status,
    /// `consent_research`.
    ConsentResearch,
    /// `consent_publish`.
    ConsentPublish,
    /// `notes`.
    Notes,
}

impl ContactField {
    /// The column name in `contacts.csv`.
    pub fn column(self) -> &'static str {
        match self {
            ContactField::Name => "name",
            ContactField::Function => "function",
            ContactField::Role => "role",
            ContactField::Covers => "covers",
            ContactField::Email => "email",
            ContactField::Phone => "phone",
            ContactField::Source => "source",
            ContactField::Verified => "verified",
            ContactField::Status => "status",
            ContactField::ConsentResearch => "consent_research",
            ContactField::ConsentPublish => "consent_publish",
            ContactField::Notes => "notes",
        }
    }
}

/// A field where two merged contacts disagreed. Holds the values (personal data): a report for
/// the team, not for analysis.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Conflict {
    /// The field.
    pub field: ContactField,
    /// The value of the contact kept.
    pub kept: String,
    /// The value of the contact merged into it.
    pub other: String,
    /// What the merged contact now holds and where the other value went.
    pub resolution: String,
}

/// What [`Directory::merge`] did.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MergeReport {
    /// The contact that remains.
    pub kept: ContactId,
    /// The contact merged into it and removed (fieldwork rows under this id should be moved to
    /// `kept`; see [`crate::contacts::FieldworkLog::rename_contact`]).
    pub removed: ContactId,
    /// Fields that were empty in `kept` and were filled from `removed`, or combined (covers,
    /// source, the later verification date).
    pub filled: Vec<ContactField>,
    /// Fields where the two disagreed. None is overwritten silently: the other value is listed
    /// here and recorded in the kept contact's notes.
    pub conflicts: Vec<Conflict>,
}

/// Counts of a directory, for dashboards and logs: no personal fields.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DirectorySummary {
    /// Number of contacts.
    pub contacts: usize,
    /// Contacts per status key (`active`, `left`, `bounced`).
    pub by_status: BTreeMap<String, usize>,
    /// Contacts per role key.
    pub by_role: BTreeMap<String, usize>,
    /// Contacts who consented to be contacted for research.
    pub consent_research: usize,
    /// Contacts who may be listed in the published overview.
    pub consent_listed: usize,
}

impl TryFrom<Vec<Contact>> for Directory {
    type Error = Error;
    fn try_from(contacts: Vec<Contact>) -> Result<Self> {
        Self::new(contacts)
    }
}

impl From<Directory> for Vec<Contact> {
    fn from(d: Directory) -> Self {
        d.contacts
    }
}

impl fmt::Display for Directory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.summary();
        write!(
            f,
            "{} contacts ({} active); {} consented to research, {} to be listed",
            s.contacts,
            s.by_status.get("active").copied().unwrap_or(0),
            s.consent_research,
            s.consent_listed
        )
    }
}

impl fmt::Debug for Directory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Directory").field("contacts", &self.contacts).finish()
    }
}

impl Directory {
    /// A directory of these contacts.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when an id occurs twice or a contact covers nothing.
    pub fn new(contacts: Vec<Contact>) -> Result<Self> {
        let mut seen = BTreeSet::new();
        for c in &contacts {
            if !seen.insert(c.id.clone()) {
                return Err(Error::InvalidArgument {
                    name: "contacts",
                    message: format!("contact id {} occurs twice", c.id),
                });
            }
            if c.covers.is_empty() {
                return Err(Error::InvalidArgument {
                    name: "contacts",
                    message: format!("contact {} covers no municipality or organisation", c.id),
                });
            }
        }
        Ok(Self { contacts })
    }

    /// Number of contacts.
    pub fn len(&self) -> usize {
        self.contacts.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.contacts.is_empty()
    }

    /// The contacts, in file order.
    pub fn iter(&self) -> std::slice::Iter<'_, Contact> {
        self.contacts.iter()
    }

    /// The contact with this id.
    pub fn get(&self, id: &ContactId) -> Option<&Contact> {
        self.contacts.iter().find(|c| &c.id == id)
    }

    /// Every contact matching the query.
    pub fn find(&self, query: &PersonQuery) -> Vec<&Contact> {
        self.contacts.iter().filter(|c| matches_query(c, query)).collect()
    }

    /// The id the next new contact gets: one more than the highest in use.
    pub fn next_id(&self) -> ContactId {
        ContactId::from_number(self.contacts.iter().map(|c| c.id.number()).max().unwrap_or(0) + 1)
    }

    /// Add a contact.
    ///
    /// # Errors
    /// [`Error::Duplicate`]-like [`Error::InvalidArgument`] when the id is taken or the contact
    /// covers nothing.
    pub fn insert(&mut self, contact: Contact) -> Result<()> {
        if self.get(&contact.id).is_some() {
            return Err(Error::InvalidArgument {
                name: "contact",
                message: format!("contact id {} is already in the directory", contact.id),
            });
        }
        if contact.covers.is_empty() {
            return Err(Error::InvalidArgument {
                name: "contact",
                message: format!("contact {} covers no municipality or organisation", contact.id),
            });
        }
        self.contacts.push(contact);
        Ok(())
    }

    /// Remove a contact and return it.
    pub fn remove(&mut self, id: &ContactId) -> Option<Contact> {
        let i = self.contacts.iter().position(|c| &c.id == id)?;
        Some(self.contacts.remove(i))
    }

    /// The municipalities a contact covers, organisations expanded (sorted, without repeats).
    pub fn municipalities_of(contact: &Contact, organisations: &Organisations) -> Vec<MunicipalityCode> {
        let set: BTreeSet<MunicipalityCode> =
            contact.covers.iter().flat_map(|u| organisations.municipalities_of(u)).collect();
        set.into_iter().collect()
    }

    /// The contacts covering a municipality (directly or through its organisation).
    pub fn covering(&self, code: MunicipalityCode, organisations: &Organisations) -> Vec<&Contact> {
        let org = organisations.serving(code).map(|o| Unit::Organisation(o.id.clone()));
        self.contacts
            .iter()
            .filter(|c| c.covers.iter().any(|u| u == &Unit::Municipality(code) || Some(u) == org.as_ref()))
            .collect()
    }

    /// Pairs of contacts that are probably the same person: the same e-mail address, or the same
    /// name while covering a municipality in common.
    pub fn duplicates(&self, organisations: &Organisations) -> Vec<DuplicatePair> {
        let mut out = Vec::new();
        let mut by_email: HashMap<&str, &ContactId> = HashMap::new();
        for c in &self.contacts {
            if let Some(e) = &c.email {
                if let Some(first) = by_email.get(e.as_str()) {
                    out.push(DuplicatePair {
                        first: (*first).clone(),
                        second: c.id.clone(),
                        kind: DuplicateKind::SameEmail,
                    });
                } else {
                    by_email.insert(e.as_str(), &c.id);
                }
            }
        }
        let mut by_name: HashMap<String, Vec<(&ContactId, Vec<MunicipalityCode>)>> = HashMap::new();
        for c in &self.contacts {
            let key = normalize(&c.name);
            if key.is_empty() {
                continue;
            }
            let ms = Self::municipalities_of(c, organisations);
            let earlier = by_name.entry(key).or_default();
            for (first, fm) in earlier.iter() {
                let already = out.iter().any(|p| &&p.first == first && p.second == c.id);
                if !already && fm.iter().any(|m| ms.contains(m)) {
                    out.push(DuplicatePair {
                        first: (*first).clone(),
                        second: c.id.clone(),
                        kind: DuplicateKind::SameNameSameOrganisation,
                    });
                }
            }
            earlier.push((&c.id, ms));
        }
        out
    }

    /// Merge contact `other` into contact `keep`, keeping every field.
    ///
    /// Empty fields of `keep` are filled from `other`; `covers` becomes the union, `source` both
    /// sources, `verified` the later date, `notes` both notes. Where both hold a different value
    /// (name, function, role, e-mail, phone, status, consents) `keep`'s value stays, the other
    /// value is listed in [`MergeReport::conflicts`] and written into `keep`'s notes, so nothing
    /// is lost or overwritten silently. Consents are the exception in one direction: when they
    /// differ the merged contact gets the more restrictive one (no consent is assumed that one of
    /// the records lacks), and the conflict is listed.
    ///
    /// # Errors
    /// [`Error::NotFound`] when either id is not in the directory; [`Error::InvalidArgument`]
    /// when they are the same.
    pub fn merge(&mut self, keep: &ContactId, other: &ContactId) -> Result<MergeReport> {
        if keep == other {
            return Err(Error::InvalidArgument { name: "merge", message: format!("cannot merge {keep} with itself") });
        }
        let not_found =
            |id: &ContactId| Error::NotFound { what: "contact", query: id.to_string(), suggestions: vec![] };
        let b = self.get(other).cloned().ok_or_else(|| not_found(other))?;
        let a = self.contacts.iter_mut().find(|c| &c.id == keep).ok_or_else(|| not_found(keep))?;
        let mut filled = Vec::new();
        let mut conflicts = Vec::new();
        let mut notes = Vec::new();

        let mut text = |field: ContactField, mine: &mut String, theirs: &str, combine: bool| {
            let t = theirs.trim();
            if t.is_empty() || normalize(mine) == normalize(t) {
                return;
            }
            if mine.trim().is_empty() {
                *mine = t.to_owned();
                filled.push(field);
            } else if combine {
                *mine = format!("{}; {t}", mine.trim());
                filled.push(field);
            } else {
                notes.push(format!("{}: {t}", field.column()));
                conflicts.push(Conflict {
                    field,
                    kept: mine.clone(),
                    other: t.to_owned(),
                    resolution: format!("kept {:?}; the other value is in the notes", mine.as_str()),
                });
            }
        };
        text(ContactField::Name, &mut a.name, &b.name, false);
        text(ContactField::Function, &mut a.function, &b.function, false);
        text(ContactField::Source, &mut a.source, &b.source, true);

        if a.role != b.role {
            notes.push(format!("role: {}", b.role.key()));
            conflicts.push(Conflict {
                field: ContactField::Role,
                kept: a.role.key().into(),
                other: b.role.key().into(),
                resolution: format!("kept {}; the other value is in the notes", a.role.key()),
            });
        }
        let before = a.covers.len();
        for u in &b.covers {
            if !a.covers.contains(u) {
                a.covers.push(u.clone());
            }
        }
        if a.covers.len() > before {
            filled.push(ContactField::Covers);
        }
        match (&a.email, &b.email) {
            (None, Some(e)) => {
                a.email = Some(e.clone());
                filled.push(ContactField::Email);
            }
            (Some(x), Some(y)) if x != y => {
                notes.push(format!("email: {y}"));
                conflicts.push(Conflict {
                    field: ContactField::Email,
                    kept: x.to_string(),
                    other: y.to_string(),
                    resolution: format!("kept {x}; the other value is in the notes"),
                });
            }
            _ => {}
        }
        match (&a.phone, &b.phone) {
            (None, Some(p)) => {
                a.phone = Some(p.clone());
                filled.push(ContactField::Phone);
            }
            (Some(x), Some(y)) if x != y => {
                notes.push(format!("phone: {y}"));
                conflicts.push(Conflict {
                    field: ContactField::Phone,
                    kept: x.to_string(),
                    other: y.to_string(),
                    resolution: format!("kept {x}; the other value is in the notes"),
                });
            }
            _ => {}
        }
        match (a.verified, b.verified) {
            (None, Some(d)) => {
                a.verified = Some(d);
                filled.push(ContactField::Verified);
            }
            (Some(x), Some(y)) if y > x => {
                a.verified = Some(y);
                filled.push(ContactField::Verified);
            }
            _ => {}
        }
        if a.status != b.status {
            notes.push(format!("status: {}", b.status.key()));
            conflicts.push(Conflict {
                field: ContactField::Status,
                kept: a.status.key().into(),
                other: b.status.key().into(),
                resolution: format!("kept {}; the other value is in the notes", a.status.key()),
            });
        }
        if a.consent_research != b.consent_research {
            let yn = |v: bool| if v { "yes" } else { "no" };
            notes.push(format!("consent_research: {}", yn(b.consent_research)));
            conflicts.push(Conflict {
                field: ContactField::ConsentResearch,
                kept: yn(a.consent_research).into(),
                other: yn(b.consent_research).into(),
                resolution: "set to no (the more restrictive); ask the person".into(),
            });
            a.consent_research = false;
        }
        if a.consent_publish != b.consent_publish {
            let (x, y) = (a.consent_publish, b.consent_publish);
            let both = PublishConsent {
                listed: x.listed && y.listed,
                name: x.name && y.name,
                function: x.function && y.function,
                email: x.email && y.email,
                phone: x.phone && y.phone,
            };
            notes.push(format!("consent_publish: {}", y.to_cell()));
            conflicts.push(Conflict {
                field: ContactField::ConsentPublish,
                kept: x.to_cell(),
                other: y.to_cell(),
                resolution: format!("set to {} (what both allow); ask the person", both.to_cell()),
            });
            a.consent_publish = both;
        }
        let mut all_notes: Vec<String> =
            [a.notes.trim(), b.notes.trim()].into_iter().filter(|n| !n.is_empty()).map(str::to_owned).collect();
        if !notes.is_empty() {
            all_notes.push(format!("merged {other}: {}", notes.join("; ")));
        }
        let new_notes = all_notes.join(" | ");
        if new_notes != a.notes {
            a.notes = new_notes;
            filled.push(ContactField::Notes);
        }
        self.remove(other);
        Ok(MergeReport { kept: keep.clone(), removed: other.clone(), filled, conflicts })
    }

    /// Counts by status, role and consent.
    pub fn summary(&self) -> DirectorySummary {
        let mut by_status = BTreeMap::new();
        let mut by_role = BTreeMap::new();
        for c in &self.contacts {
            *by_status.entry(c.status.key().to_owned()).or_insert(0) += 1;
            *by_role.entry(c.role.key().to_owned()).or_insert(0) += 1;
        }
        DirectorySummary {
            contacts: self.contacts.len(),
            by_status,
            by_role,
            consent_research: self.contacts.iter().filter(|c| c.consent_research).count(),
            consent_listed: self.contacts.iter().filter(|c| c.consent_publish.listed).count(),
        }
    }

    /// Contacts of a role that are active.
    pub fn active(&self, role: Option<Role>) -> impl Iterator<Item = &Contact> {
        self.contacts.iter().filter(move |c| c.status == ContactStatus::Active && role.is_none_or(|r| c.role == r))
    }
}

pub(crate) fn matches_query(c: &Contact, query: &PersonQuery) -> bool {
    match query {
        PersonQuery::Id(id) => &c.id == id,
        PersonQuery::Email(e) => c.email.as_ref().is_some_and(|m| m.as_str().eq_ignore_ascii_case(e.trim())),
        PersonQuery::Name(n) => !n.trim().is_empty() && normalize(&c.name) == normalize(n),
    }
}
