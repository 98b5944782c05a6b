//! The twelve provinces.

use std::fmt;
use std::str::FromStr;

use crate::error::Error;
use crate::frame::names::normalize;

/// A Dutch province, in CBS order (`PV20` Groningen .. `PV31` Limburg).
///
/// Parsing accepts the official Dutch name, its plain-ASCII form, the English name, the CBS code
/// (`PV21`), and is insensitive to case and diacritics:
/// ```
/// use lomonitor::Province;
/// assert_eq!("friesland".parse::<Province>().unwrap(), Province::Fryslan);
/// assert_eq!("Fryslân".parse::<Province>().unwrap().to_string(), "Fryslân");
/// assert_eq!("PV27".parse::<Province>().unwrap(), Province::NoordHolland);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Province {
    /// Groningen (PV20).
    Groningen,
    /// Fryslân (PV21).
    Fryslan,
    /// Drenthe (PV22).
    Drenthe,
    /// Overijssel (PV23).
    Overijssel,
    /// Flevoland (PV24).
    Flevoland,
    /// Gelderland (PV25).
    Gelderland,
    /// Utrecht (PV26).
    Utrecht,
    /// Noord-Holland (PV27).
    NoordHolland,
    /// Zuid-Holland (PV28).
    ZuidHolland,
    /// Zeeland (PV29).
    Zeeland,
    /// Noord-Brabant (PV30).
    NoordBrabant,
    /// Limburg (PV31).
    Limburg,
}

impl Province {
    /// All twelve, in CBS order.
    pub const ALL: [Province; 12] = [
        Province::Groningen,
        Province::Fryslan,
        Province::Drenthe,
        Province::Overijssel,
        Province::Flevoland,
        Province::Gelderland,
        Province::Utrecht,
        Province::NoordHolland,
        Province::ZuidHolland,
        Province::Zeeland,
        Province::NoordBrabant,
        Province::Limburg,
    ];

    /// The official (Dutch) name, e.g. `Fryslân`.
    pub fn name(self) -> &'static str {
        match self {
            Province::Groningen => "Groningen",
            Province::Fryslan => "Fryslân",
            Province::Drenthe => "Drenthe",
            Province::Overijssel => "Overijssel",
            Province::Flevoland => "Flevoland",
            Province::Gelderland => "Gelderland",
            Province::Utrecht => "Utrecht",
            Province::NoordHolland => "Noord-Holland",
            Province::ZuidHolland => "Zuid-Holland",
            Province::Zeeland => "Zeeland",
            Province::NoordBrabant => "Noord-Brabant",
            Province::Limburg => "Limburg",
        }
    }

    /// The English name, e.g. `Friesland`, `North Holland`.
    pub fn name_en(self) -> &'static str {
        match self {
            Province::Fryslan => "Friesland",
            Province::NoordHolland => "North Holland",
            Province::ZuidHolland => "South Holland",
            Province::NoordBrabant => "North Brabant",
            other => other.name(),
        }
    }

    /// The CBS code, `PV20` .. `PV31`.
    pub fn cbs_code(self) -> String {
        format!("PV{}", 20 + self.index())
    }

    /// The position in CBS order, 0 .. 11.
    pub fn index(self) -> usize {
        Province::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

impl fmt::Display for Province {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Province {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let key = normalize(s);
        let compact: String = key.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        Province::ALL
            .into_iter()
            .find(|p| {
                let names = [p.name(), p.name_en(), &p.cbs_code()]
                    .map(|n| normalize(n).chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>());
                names.contains(&compact) || (*p == Province::Fryslan && compact == "friesland")
            })
            .ok_or_else(|| Error::UnknownProvince(s.to_owned()))
    }
}

impl TryFrom<String> for Province {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        s.parse()
    }
}

impl From<Province> for String {
    fn from(p: Province) -> String {
        p.name().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        for p in Province::ALL {
            assert_eq!(p.name().parse::<Province>().unwrap(), p);
            assert_eq!(p.name_en().parse::<Province>().unwrap(), p);
            assert_eq!(p.cbs_code().parse::<Province>().unwrap(), p);
            assert_eq!(p.name().to_uppercase().parse::<Province>().unwrap(), p);
        }
        assert_eq!("noord holland".parse::<Province>().unwrap(), Province::NoordHolland);
        assert_eq!("Fryslan".parse::<Province>().unwrap(), Province::Fryslan);
        assert!(matches!("Holland".parse::<Province>(), Err(Error::UnknownProvince(_))));
        assert!("".parse::<Province>().is_err());
    }
}
