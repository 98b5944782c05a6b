//! Organisations that run HR and L&O for several municipalities (werkorganisaties).

use std::collections::HashMap;
use std::fmt;

use crate::error::{Error, Result};
use crate::frame::{Frame, MunicipalityCode};

/// The id of an organisation: lower-case letters, digits, `-` and `_`, e.g. `buch`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OrganisationId(String);

impl OrganisationId {
    /// Check and wrap an id.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for an empty id or one with other characters, or one that looks
    /// like a municipality code (ids and codes share columns in response and contact files).
    pub fn new(id: &str) -> Result<Self> {
        let ok = !id.is_empty()
            && id.len() <= 64
            && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
            && !id.starts_with("gm");
        if ok {
            Ok(Self(id.to_owned()))
        } else {
            Err(Error::InvalidArgument {
                name: "organisation id",
                message: format!("{id:?}: use 1-64 lower-case letters, digits, '-' or '_', not starting with \"gm\""),
            })
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrganisationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for OrganisationId {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        Self::new(&s)
    }
}

impl From<OrganisationId> for String {
    fn from(id: OrganisationId) -> String {
        id.0
    }
}

/// A werkorganisatie (ambtelijke fusie) or shared service that runs HR and L&O for several
/// municipalities, e.g. Werkorganisatie BUCH for Bergen (NH.), Uitgeest, Castricum and Heiloo.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Organisation {
    /// Stable id, used in files.
    pub id: OrganisationId,
    /// Name, e.g. `Werkorganisatie BUCH`.
    pub name: String,
    /// The municipalities it serves (at least one).
    pub municipalities: Vec<MunicipalityCode>,
}

/// Who a contact or a response speaks for: one municipality, or an organisation serving several.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A single municipality.
    Municipality(MunicipalityCode),
    /// An organisation.
    Organisation(OrganisationId),
}

impl Unit {
    /// Parse a unit as it stands in a file: a municipality code (`GM0363`) or an organisation id.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when it is neither.
    pub fn parse(text: &str) -> Result<Self> {
        if text.starts_with("GM") {
            return MunicipalityCode::new(text).map(Unit::Municipality);
        }
        OrganisationId::new(text).map(Unit::Organisation).map_err(|_| Error::InvalidArgument {
            name: "unit",
            message: format!("{text:?} is neither a municipality code (GM + 4 digits) nor an organisation id"),
        })
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unit::Municipality(c) => write!(f, "{c}"),
            Unit::Organisation(o) => write!(f, "{o}"),
        }
    }
}

/// The organisations of a study, checked against the frame: ids are unique, every municipality
/// exists, and no municipality is served by two organisations.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "Vec<Organisation>", into = "Vec<Organisation>")]
pub struct Organisations {
    list: Vec<Organisation>,
    #[serde(skip)]
    by_municipality: HashMap<MunicipalityCode, usize>,
    #[serde(skip)]
    by_id: HashMap<OrganisationId, usize>,
}

impl TryFrom<Vec<Organisation>> for Organisations {
    type Error = Error;
    fn try_from(list: Vec<Organisation>) -> Result<Self> {
        Self::build(list, None)
    }
}

impl From<Organisations> for Vec<Organisation> {
    fn from(o: Organisations) -> Self {
        o.list
    }
}

impl Organisations {
    /// Check the organisations against the frame.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming the organisation and the code at fault.
    pub fn new(list: Vec<Organisation>, frame: &Frame) -> Result<Self> {
        Self::build(list, Some(frame))
    }

    fn build(list: Vec<Organisation>, frame: Option<&Frame>) -> Result<Self> {
        let mut by_municipality = HashMap::new();
        let mut by_id = HashMap::new();
        for (i, org) in list.iter().enumerate() {
            let bad = |message: String| Error::InvalidArgument { name: "organisations", message };
            if by_id.insert(org.id.clone(), i).is_some() {
                return Err(bad(format!("organisation id {:?} occurs twice", org.id.as_str())));
            }
            if org.municipalities.is_empty() {
                return Err(bad(format!("organisation {:?} serves no municipality", org.id.as_str())));
            }
            for code in &org.municipalities {
                if let Some(f) = frame
                    && f.get(*code).is_none()
                {
                    return Err(bad(format!(
                        "organisation {:?}: municipality {code} is not in the frame of {}",
                        org.id.as_str(),
                        f.reference_date()
                    )));
                }
                if let Some(prev) = by_municipality.insert(*code, i) {
                    let other = list.get(prev).map_or("?", |o| o.id.as_str());
                    return Err(bad(format!(
                        "municipality {code} is served by both {other:?} and {:?}",
                        org.id.as_str()
                    )));
                }
            }
        }
        Ok(Self { list, by_municipality, by_id })
    }

    /// All organisations.
    pub fn iter(&self) -> std::slice::Iter<'_, Organisation> {
        self.list.iter()
    }

    /// Number of organisations.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The organisation with this id.
    pub fn get(&self, id: &OrganisationId) -> Option<&Organisation> {
        self.by_id.get(id).and_then(|&i| self.list.get(i))
    }

    /// The organisation serving a municipality, if any.
    pub fn serving(&self, code: MunicipalityCode) -> Option<&Organisation> {
        self.by_municipality.get(&code).and_then(|&i| self.list.get(i))
    }

    /// The unit a municipality is counted under when analysing per organisation: its
    /// organisation if it has one, else itself.
    pub fn unit_of(&self, code: MunicipalityCode) -> Unit {
        self.serving(code).map_or(Unit::Municipality(code), |o| Unit::Organisation(o.id.clone()))
    }

    /// The municipalities a unit speaks for.
    pub fn municipalities_of(&self, unit: &Unit) -> Vec<MunicipalityCode> {
        match unit {
            Unit::Municipality(c) => vec![*c],
            Unit::Organisation(id) => self.get(id).map(|o| o.municipalities.clone()).unwrap_or_default(),
        }
    }

    /// The reporting units of a frame: every organisation once, then every municipality not
    /// served by one. Their number is the population size when counting per organisation.
    pub fn units(&self, frame: &Frame) -> Vec<Unit> {
        let mut units: Vec<Unit> = self.list.iter().map(|o| Unit::Organisation(o.id.clone())).collect();
        units.extend(frame.iter().filter(|m| self.serving(m.code).is_none()).map(|m| Unit::Municipality(m.code)));
        units
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> MunicipalityCode {
        MunicipalityCode::new(s).unwrap()
    }

    fn buch() -> Organisation {
        Organisation {
            id: OrganisationId::new("buch").unwrap(),
            name: "Werkorganisatie BUCH".into(),
            municipalities: ["GM0373", "GM0450", "GM0383", "GM0399"].map(code).to_vec(),
        }
    }

    #[test]
    fn units_count_per_organisation() {
        let f = Frame::embedded();
        let orgs = Organisations::new(vec![buch()], &f).unwrap();
        assert_eq!(orgs.units(&f).len(), 342 - 4 + 1);
        assert_eq!(orgs.unit_of(code("GM0399")), Unit::Organisation(OrganisationId::new("buch").unwrap()));
        assert_eq!(orgs.unit_of(code("GM0363")), Unit::Municipality(code("GM0363")));
    }

    #[test]
    fn rejects_overlap_and_unknown() {
        let f = Frame::embedded();
        let mut other = buch();
        other.id = OrganisationId::new("other").unwrap();
        assert!(Organisations::new(vec![buch(), other], &f).unwrap_err().to_string().contains("served by both"));
        let mut unknown = buch();
        unknown.municipalities.push(code("GM9999"));
        assert!(Organisations::new(vec![unknown], &f).unwrap_err().to_string().contains("GM9999"));
        assert!(OrganisationId::new("BUCH").is_err());
        assert!(OrganisationId::new("gm0363").is_err());
    }

    #[test]
    fn unit_parse() {
        assert_eq!(Unit::parse("GM0363").unwrap(), Unit::Municipality(code("GM0363")));
        assert!(matches!(Unit::parse("buch").unwrap(), Unit::Organisation(_)));
        assert!(Unit::parse("GM363").is_err());
        assert!(Unit::parse("Den Bosch").is_err());
    }
}
