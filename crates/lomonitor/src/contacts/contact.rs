//! One person of the directory and the small types that describe them.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use crate::contacts::Phone;
use crate::error::{Error, Result};
use crate::frame::Unit;
use crate::meta::Language;

/// The pseudonymous id of a contact: `c` followed by digits (from c0001), e.g. `c0042`.
///
/// It is the only thing about a person that fieldwork logs and responses may carry into analysis
/// outputs; it says nothing about the person by itself.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ContactId(String);

impl ContactId {
    /// Check and wrap an id (`c` + 1 to 9 digits, not all zero).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for anything else.
    pub fn new(text: &str) -> Result<Self> {
        let ok = text.strip_prefix('c').is_some_and(|d| {
            (1..=9).contains(&d.len()) && d.chars().all(|c| c.is_ascii_digit()) && d.chars().any(|c| c != '0')
        });
        if ok {
            Ok(Self(text.to_owned()))
        } else {
            Err(Error::InvalidArgument {
                name: "contact_id",
                message: format!("{text:?}: expected \"c\" followed by digits (from c0001), e.g. \"c0042\""),
            })
        }
    }

    /// The id with number `n`, four digits at least (`c0042`).
    pub fn from_number(n: u32) -> Self {
        Self(format!("c{n:04}"))
    }

    /// The number of the id.
    pub fn number(&self) -> u32 {
        self.0.get(1..).and_then(|d| d.parse().ok()).unwrap_or(0)
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ContactId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ContactId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for ContactId {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        Self::new(&s)
    }
}

impl From<ContactId> for String {
    fn from(c: ContactId) -> String {
        c.0
    }
}

/// The role category of a contact (the function title itself is free text).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Adviser learning and development (*adviseur leren en ontwikkelen*, L&O-specialist).
    LoAdviser,
    /// HR adviser (*HR-adviseur*, *adviseur P&O*).
    HrAdviser,
    /// Training coordinator (*opleidingscoördinator*).
    TrainingCoordinator,
    /// HR manager (*teamleider HR*, *afdelingshoofd P&O*).
    HrManager,
    /// Anything else.
    Other,
}

impl Role {
    /// All roles, in order.
    pub const ALL: [Role; 5] =
        [Role::LoAdviser, Role::HrAdviser, Role::TrainingCoordinator, Role::HrManager, Role::Other];

    /// The key used in files.
    pub fn key(self) -> &'static str {
        match self {
            Role::LoAdviser => "lo_adviser",
            Role::HrAdviser => "hr_adviser",
            Role::TrainingCoordinator => "training_coordinator",
            Role::HrManager => "hr_manager",
            Role::Other => "other",
        }
    }

    /// A label for tables.
    pub fn label(self, lang: Language) -> &'static str {
        match (self, lang) {
            (Role::LoAdviser, Language::Nl) => "Adviseur L&O",
            (Role::LoAdviser, Language::En) => "L&D adviser",
            (Role::HrAdviser, Language::Nl) => "HR-adviseur",
            (Role::HrAdviser, Language::En) => "HR adviser",
            (Role::TrainingCoordinator, Language::Nl) => "Opleidingscoördinator",
            (Role::TrainingCoordinator, Language::En) => "Training coordinator",
            (Role::HrManager, Language::Nl) => "Leidinggevende HR",
            (Role::HrManager, Language::En) => "HR manager",
            (Role::Other, Language::Nl) => "Overig",
            (Role::Other, Language::En) => "Other",
        }
    }
}

impl FromStr for Role {
    type Err = Error;
    /// The file key, or a Dutch synonym: `lo_adviser` / `adviseur_lo`, `hr_adviser` /
    /// `hr_adviseur`, `training_coordinator` / `opleidingscoordinator`, `hr_manager` /
    /// `leidinggevende_hr`, `other` / `overig` (case, spaces and `-` do not matter).
    fn from_str(s: &str) -> Result<Self> {
        let k: String = s
            .trim()
            .to_lowercase()
            .replace('ö', "o")
            .chars()
            .map(|c| if c == ' ' || c == '-' { '_' } else { c })
            .collect();
        match k.as_str() {
            "lo_adviser" | "l&o_adviser" | "adviseur_lo" | "adviseur_l&o" | "lo_adviseur" | "l&o_adviseur" => {
                Ok(Role::LoAdviser)
            }
            "hr_adviser" | "hr_adviseur" | "adviseur_hr" | "po_adviseur" | "p&o_adviseur" => Ok(Role::HrAdviser),
            "training_coordinator" | "opleidingscoordinator" | "opleidingen_coordinator" => {
                Ok(Role::TrainingCoordinator)
            }
            "hr_manager" | "leidinggevende_hr" | "teamleider_hr" | "manager_hr" => Ok(Role::HrManager),
            "other" | "overig" | "anders" => Ok(Role::Other),
            _ => Err(Error::InvalidArgument {
                name: "role",
                message: format!("{s:?}: expected lo_adviser, hr_adviser, training_coordinator, hr_manager or other"),
            }),
        }
    }
}

/// Whether a contact can still be reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactStatus {
    /// In post and reachable.
    Active,
    /// Left the organisation (or the role).
    Left,
    /// E-mail to them bounced.
    Bounced,
}

impl ContactStatus {
    /// The key used in files.
    pub fn key(self) -> &'static str {
        match self {
            ContactStatus::Active => "active",
            ContactStatus::Left => "left",
            ContactStatus::Bounced => "bounced",
        }
    }
}

impl FromStr for ContactStatus {
    type Err = Error;
    /// `active`/`actief`, `left`/`vertrokken`, `bounced`/`onbestelbaar`.
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "active" | "actief" => Ok(ContactStatus::Active),
            "left" | "vertrokken" | "uit_dienst" | "uit dienst" => Ok(ContactStatus::Left),
            "bounced" | "onbestelbaar" | "bounce" => Ok(ContactStatus::Bounced),
            _ => Err(Error::InvalidArgument {
                name: "status",
                message: format!("{s:?}: expected active, left or bounced"),
            }),
        }
    }
}

/// What a person agreed may appear about them in the published overview.
///
/// Being listed at all (`listed`) shows the municipality, the organisation and the role category;
/// each personal field appears only when its own flag is set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct PublishConsent {
    /// May be listed in the published overview.
    pub listed: bool,
    /// The name may be published.
    pub name: bool,
    /// The function title may be published.
    pub function: bool,
    /// The e-mail address may be published.
    pub email: bool,
    /// The phone number may be published.
    pub phone: bool,
}

impl PublishConsent {
    /// No consent: not listed.
    pub const NONE: PublishConsent =
        PublishConsent { listed: false, name: false, function: false, email: false, phone: false };
    /// Listed with every field.
    pub const ALL: PublishConsent =
        PublishConsent { listed: true, name: true, function: true, email: true, phone: true };

    /// Parse the `consent_publish` cell: empty, `no`/`nee` (not listed); `yes`/`ja`/`all` (every
    /// field); or the fields consented to, separated by `|`, `,` or spaces, from `name`,
    /// `function`, `email`, `phone` (Dutch `naam`, `functie`, `telefoon` too) and `role` (listed
    /// with the role category only).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming the unknown word.
    pub fn parse(text: &str) -> Result<Self> {
        let t = text.trim().to_lowercase();
        match crate::contacts::parse_bool(&t) {
            Some(None | Some(false)) => return Ok(Self::NONE),
            Some(Some(true)) => return Ok(Self::ALL),
            None if t == "all" || t == "alles" => return Ok(Self::ALL),
            None => {}
        }
        let mut c = Self { listed: true, ..Self::NONE };
        for word in t.split(['|', ',', ' ', ';', '+']).filter(|w| !w.is_empty()) {
            match word {
                "name" | "naam" => c.name = true,
                "function" | "functie" => c.function = true,
                "email" | "e-mail" | "mail" => c.email = true,
                "phone" | "telefoon" | "tel" => c.phone = true,
                "role" | "rol" | "listed" => {}
                other => {
                    return Err(Error::InvalidArgument {
                        name: "consent_publish",
                        message: format!(
                            "unknown field {other:?}: expected yes, no, or a list of name, function, email, phone, role"
                        ),
                    });
                }
            }
        }
        Ok(c)
    }

    /// The cell as written back: `no`, `yes`, or the list of fields (`role` when listed with none).
    pub fn to_cell(self) -> String {
        if !self.listed {
            return "no".into();
        }
        if self == Self::ALL {
            return "yes".into();
        }
        let fields: Vec<&str> =
            [(self.name, "name"), (self.function, "function"), (self.email, "email"), (self.phone, "phone")]
                .into_iter()
                .filter_map(|(on, k)| on.then_some(k))
                .collect();
        if fields.is_empty() { "role".into() } else { fields.join("|") }
    }
}

/// An e-mail address, syntax-checked (no network), stored in lower case.
///
/// The check is deliberately plain: `local@domain.tld` with a local part of letters, digits and
/// ``.!#$%&'*+/=?^_`{|}~-`` (no leading, trailing or double dot), a domain of at least two labels
/// of letters, digits and inner hyphens, and a top-level domain of at least two letters.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Check an address.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming the value and the part at fault.
    pub fn parse(text: &str) -> Result<Self> {
        let bad = |why: &str| Error::InvalidArgument { name: "email", message: format!("{text:?}: {why}") };
        let t = text.trim().to_lowercase();
        let t = t.strip_prefix("mailto:").unwrap_or(&t);
        let (local, domain) = t.rsplit_once('@').ok_or_else(|| bad("no '@'"))?;
        if local.is_empty() || local.len() > 64 {
            return Err(bad("the part before '@' is empty or too long"));
        }
        if !local.chars().all(|c| c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c)) {
            return Err(bad("the part before '@' has characters an address cannot have"));
        }
        if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
            return Err(bad("a dot at the start or end of the part before '@', or two dots in a row"));
        }
        let labels: Vec<&str> = domain.split('.').collect();
        if labels.len() < 2 {
            return Err(bad("the domain has no '.' (expected e.g. gemeente.nl)"));
        }
        for label in &labels {
            let ok = !label.is_empty()
                && label.len() <= 63
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-');
            if !ok {
                return Err(bad(&format!("the domain part {label:?} is not valid")));
            }
        }
        let tld = labels.last().copied().unwrap_or("");
        if tld.len() < 2 || !tld.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(bad(&format!("the top-level domain {tld:?} is not valid")));
        }
        Ok(Self(t.to_owned()))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The domain (after `@`).
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, d)| d)
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Email(<redacted>)")
    }
}

impl TryFrom<String> for Email {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        Self::parse(&s)
    }
}

impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}

/// One person of the L&O directory.
///
/// Personal data: `name`, `function`, `email`, `phone` and `notes`. `Debug` redacts them; use
/// the fields themselves where they are needed (a mail merge, the published overview).
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Contact {
    /// Pseudonymous id, unique in the directory.
    pub id: ContactId,
    /// Full name.
    pub name: String,
    /// Function title as the person uses it (*adviseur leren en ontwikkelen*).
    pub function: String,
    /// Role category.
    pub role: Role,
    /// The municipalities and organisations the person covers (at least one).
    pub covers: Vec<Unit>,
    /// E-mail address.
    pub email: Option<Email>,
    /// Phone number, E.164.
    pub phone: Option<Phone>,
    /// How the team found the person (interview, A&O network, website, ...).
    pub source: String,
    /// When the team last verified that the person is in post.
    pub verified: Option<NaiveDate>,
    /// Active, left or bounced.
    pub status: ContactStatus,
    /// Consented to be contacted for research.
    pub consent_research: bool,
    /// What may be published about them.
    pub consent_publish: PublishConsent,
    /// Free notes of the team (merge conflicts are recorded here).
    pub notes: String,
}

impl fmt::Debug for Contact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Contact")
            .field("id", &self.id)
            .field("name", &"<redacted>")
            .field("role", &self.role)
            .field("covers", &self.covers)
            .field("verified", &self.verified)
            .field("status", &self.status)
            .field("consent_research", &self.consent_research)
            .field("consent_publish", &self.consent_publish)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(Email::parse(" Jan.Jansen@Gemeente-X.nl ").unwrap().as_str(), "jan.jansen@gemeente-x.nl");
        for bad in [
            "",
            "jan",
            "jan@",
            "@x.nl",
            "jan@x",
            "jan@x.n1",
            "jan..j@x.nl",
            ".jan@x.nl",
            "jan@-x.nl",
            "jan@x..nl",
            "j an@x.nl",
            "jan@x_y.nl",
        ] {
            let e = Email::parse(bad).unwrap_err().to_string();
            assert!(e.contains(&format!("{bad:?}")), "{bad}: {e}");
        }
    }

    #[test]
    fn ids_roles_consents() {
        assert_eq!(ContactId::new("c0042").unwrap().number(), 42);
        assert_eq!(ContactId::from_number(7).as_str(), "c0007");
        assert!(ContactId::new("C0042").is_err());
        assert!(ContactId::new("c").is_err());
        assert!(ContactId::new("c0000").is_err());
        assert_eq!("Adviseur L&O".parse::<Role>().unwrap(), Role::LoAdviser);
        assert_eq!("opleidingscoördinator".parse::<Role>().unwrap(), Role::TrainingCoordinator);
        assert_eq!(PublishConsent::parse("ja").unwrap(), PublishConsent::ALL);
        assert_eq!(PublishConsent::parse("").unwrap(), PublishConsent::NONE);
        let c = PublishConsent::parse("naam|email").unwrap();
        assert!(c.listed && c.name && c.email && !c.phone && !c.function);
        assert_eq!(c.to_cell(), "name|email");
        assert_eq!(PublishConsent::parse("role").unwrap().to_cell(), "role");
        assert!(PublishConsent::parse("name|adres").is_err());
    }
}
