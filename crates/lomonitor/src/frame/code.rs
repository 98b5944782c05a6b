//! The CBS municipality code.

use std::fmt;
use std::str::FromStr;

use crate::error::Error;

/// A CBS municipality code: `GM` followed by four digits, e.g. `GM0363` (Amsterdam).
///
/// The constructor is strict: `GM363`, ` gm0363 ` and `0363` are errors. Readers of files that
/// are known to carry bare numbers (CBS's `Gemeentecode` column) use
/// [`MunicipalityCode::from_cbs_number`].
///
/// ```
/// use lomonitor::MunicipalityCode;
/// let code: MunicipalityCode = "GM0363".parse().unwrap();
/// assert_eq!(code.number(), 363);
/// assert!("GM363".parse::<MunicipalityCode>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MunicipalityCode(u16);

impl MunicipalityCode {
    /// Parse `GM` + four digits.
    ///
    /// # Errors
    /// [`Error::InvalidCode`] for anything else.
    pub fn new(text: &str) -> Result<Self, Error> {
        let bytes = text.as_bytes();
        match bytes {
            [b'G', b'M', d @ ..] if d.len() == 4 && d.iter().all(u8::is_ascii_digit) => {
                let n = d.iter().fold(0u16, |acc, b| acc * 10 + u16::from(b - b'0'));
                Ok(Self(n))
            }
            _ => Err(Error::InvalidCode(text.to_owned())),
        }
    }

    /// The code for CBS's bare municipality number (`363` or `"0363"` -> `GM0363`).
    ///
    /// # Errors
    /// [`Error::InvalidCode`] when the number is not in 1..=9999.
    pub fn from_cbs_number(n: u32) -> Result<Self, Error> {
        u16::try_from(n)
            .ok()
            .filter(|n| (1..=9999).contains(n))
            .map(Self)
            .ok_or_else(|| Error::InvalidCode(n.to_string()))
    }

    /// The four-digit number of the code.
    pub fn number(self) -> u16 {
        self.0
    }
}

impl fmt::Display for MunicipalityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GM{:04}", self.0)
    }
}

impl fmt::Debug for MunicipalityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GM{:04}", self.0)
    }
}

impl FromStr for MunicipalityCode {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::new(s)
    }
}

impl TryFrom<String> for MunicipalityCode {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        Self::new(&s)
    }
}

impl From<MunicipalityCode> for String {
    fn from(c: MunicipalityCode) -> String {
        c.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_parse() {
        assert_eq!(MunicipalityCode::new("GM0363").unwrap().to_string(), "GM0363");
        for bad in ["GM363", " gm0363 ", "gm0363", "GM03630", "0363", "", "GM036a", "GMＧ363"] {
            let err = MunicipalityCode::new(bad).unwrap_err();
            assert!(matches!(err, Error::InvalidCode(ref v) if v == bad), "{bad}");
        }
    }

    #[test]
    fn cbs_number() {
        assert_eq!(MunicipalityCode::from_cbs_number(14).unwrap().to_string(), "GM0014");
        assert!(MunicipalityCode::from_cbs_number(0).is_err());
        assert!(MunicipalityCode::from_cbs_number(10_000).is_err());
    }

    #[test]
    fn serde_roundtrip() {
        let c: MunicipalityCode = serde_json::from_str("\"GM1992\"").unwrap();
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"GM1992\"");
        assert!(serde_json::from_str::<MunicipalityCode>("\"GM19\"").is_err());
    }
}
