//! One municipality of the frame.

use chrono::NaiveDate;

use crate::error::Error;
use crate::frame::{MunicipalityCode, Province};

/// A COROP area (CBS's 40 regions for regional statistics), e.g. `CR23` Groot-Amsterdam.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Corop {
    /// `CR01` .. `CR40`.
    pub code: String,
    /// CBS's name of the area.
    pub name: String,
}

impl Corop {
    /// A COROP area from its code (`CR23`, or CBS's bare number `23`) and name.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a code that is not `CR` + two digits in 01..=99.
    pub fn new(code: &str, name: &str) -> Result<Self, Error> {
        let c = code.trim();
        let digits = c.strip_prefix("CR").unwrap_or(c);
        match digits.parse::<u8>() {
            Ok(n) if (1..=99).contains(&n) && digits.len() <= 2 && digits.chars().all(|d| d.is_ascii_digit()) => {
                Ok(Self { code: format!("CR{n:02}"), name: name.trim().to_owned() })
            }
            _ => Err(Error::InvalidArgument {
                name: "corop_code",
                message: format!("{code:?} is not a COROP code (\"CR\" + two digits, e.g. \"CR23\")"),
            }),
        }
    }
}

/// A Dutch municipality (gemeente) as the frame knows it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Municipality {
    /// The CBS code, e.g. `GM0363`.
    pub code: MunicipalityCode,
    /// The official CBS name, e.g. `Bergen (NH.)`, `'s-Gravenhage`.
    pub name: String,
    /// The province it lies in.
    pub province: Province,
    /// Its COROP area, when the register has one.
    pub corop: Option<Corop>,
    /// Number of inhabitants on `inhabitants_date`.
    pub inhabitants: u64,
    /// The reference date of `inhabitants` (CBS counts on 1 January).
    pub inhabitants_date: NaiveDate,
}

impl Municipality {
    /// Whether this is one of the four largest cities (G4): Amsterdam, Rotterdam, 's-Gravenhage,
    /// Utrecht.
    pub fn is_g4(&self) -> bool {
        G4.contains(&self.code.number())
    }
}

/// CBS numbers of the G4: Amsterdam (0363), Rotterdam (0599), 's-Gravenhage (0518), Utrecht (0344).
pub const G4: [u16; 4] = [363, 599, 518, 344];
