//! Strata of the frame: size class, province, COROP area, and crosses of these.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};
use crate::frame::{Frame, Municipality};
use crate::meta::Language;

/// Size classes by number of inhabitants.
///
/// The default is the classes of the A&O fonds Gemeenten Personeelsmonitor: < 20,000;
/// 20,000–50,000; 50,000–100,000; ≥ 100,000, optionally with the G4 (Amsterdam, Rotterdam,
/// 's-Gravenhage, Utrecht) as a class of their own.
///
/// A class `[lo, hi)` includes its lower bound: a municipality of exactly 20,000 inhabitants is in
/// 20,000–50,000.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SizeClasses {
    bounds: Vec<u64>,
    g4_separate: bool,
}

impl Default for SizeClasses {
    fn default() -> Self {
        Self { bounds: vec![20_000, 50_000, 100_000], g4_separate: false }
    }
}

impl SizeClasses {
    /// Classes with these upper bounds (strictly increasing, each > 0).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for bounds that are empty, zero or not increasing.
    pub fn new(bounds: Vec<u64>, g4_separate: bool) -> Result<Self> {
        if bounds.is_empty() || bounds.first() == Some(&0) || bounds.windows(2).any(|w| w.first() >= w.get(1)) {
            return Err(Error::InvalidArgument {
                name: "size_classes",
                message: format!("bounds must be positive and strictly increasing, got {bounds:?}"),
            });
        }
        Ok(Self { bounds, g4_separate })
    }

    /// The Personeelsmonitor classes with the G4 as a class of their own.
    pub fn personeelsmonitor_with_g4() -> Self {
        Self { g4_separate: true, ..Self::default() }
    }

    /// The bounds.
    pub fn bounds(&self) -> &[u64] {
        &self.bounds
    }

    /// Whether the G4 form a class of their own.
    pub fn g4_separate(&self) -> bool {
        self.g4_separate
    }

    /// Number of classes.
    pub fn len(&self) -> usize {
        self.bounds.len() + 1 + usize::from(self.g4_separate)
    }

    /// Always false: there is at least one class.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The class index of a municipality.
    pub fn class_of(&self, m: &Municipality) -> usize {
        if self.g4_separate && m.is_g4() {
            return self.bounds.len() + 1;
        }
        self.bounds.iter().take_while(|&&b| m.inhabitants >= b).count()
    }

    /// The labels of the classes, in order, Dutch (`"20.000–50.000"`) or English
    /// (`"20,000–50,000"`).
    pub fn labels(&self, lang: Language) -> Vec<String> {
        let n = |v: u64| group_thousands(v, if lang.is_english() { ',' } else { '.' });
        let mut out = Vec::with_capacity(self.len());
        let mut prev: Option<u64> = None;
        for &b in &self.bounds {
            out.push(match prev {
                None => format!("< {}", n(b)),
                Some(p) => format!("{}–{}", n(p), n(b)),
            });
            prev = Some(b);
        }
        out.push(format!("≥ {}", n(prev.unwrap_or(0))));
        if self.g4_separate {
            out.push("G4".to_owned());
        }
        out
    }
}

/// `1234567` -> `1.234.567` (Dutch) or `1,234,567`.
pub(crate) fn group_thousands(v: u64, sep: char) -> String {
    let digits = v.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A variable that divides the frame into strata.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StratumVar {
    /// Size class by inhabitants.
    SizeClass,
    /// Province.
    Province,
    /// COROP area.
    Corop,
}

impl StratumVar {
    /// The name as used in `study.toml` and the API.
    pub fn key(self) -> &'static str {
        match self {
            StratumVar::SizeClass => "size_class",
            StratumVar::Province => "province",
            StratumVar::Corop => "corop",
        }
    }

    /// A label for tables, Dutch or English.
    pub fn label(self, lang: Language) -> &'static str {
        match (self, lang) {
            (StratumVar::SizeClass, Language::Nl) => "Gemeentegrootte",
            (StratumVar::SizeClass, Language::En) => "Size class",
            (StratumVar::Province, _) => "Provincie",
            (StratumVar::Corop, _) => "COROP",
        }
    }
}

impl fmt::Display for StratumVar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for StratumVar {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().replace(['-', ' '], "_").as_str() {
            "size_class" | "size" | "grootte" | "gemeentegrootte" => Ok(StratumVar::SizeClass),
            "province" | "provincie" => Ok(StratumVar::Province),
            "corop" => Ok(StratumVar::Corop),
            _ => Err(Error::InvalidArgument {
                name: "stratum",
                message: format!(
                    "unknown stratum variable {s:?}: expected size_class, province or corop, or a cross such as \"size_class*province\""
                ),
            }),
        }
    }
}

/// One stratum: its position, key (stable, for files) and label (for tables).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stratum {
    /// Position in the stratification's order.
    pub index: usize,
    /// The key, e.g. `"20000-50000|Gelderland"`.
    pub key: String,
    /// The label, e.g. `"20.000–50.000 × Gelderland"`.
    pub label: String,
}

/// A stratum with its frame count N_h.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StratumCount {
    /// The stratum.
    pub stratum: Stratum,
    /// Number of municipalities of the frame in it (N_h).
    pub count: u64,
    /// Inhabitants of those municipalities.
    pub inhabitants: u64,
}

/// A way of dividing the frame: one variable or the cross of several.
///
/// ```
/// use lomonitor::{Frame, Stratification, SizeClasses};
/// let frame = Frame::embedded();
/// let s = Stratification::parse("size_class*province", SizeClasses::default()).unwrap();
/// let counts = s.counts(&frame);
/// assert_eq!(counts.iter().map(|c| c.count).sum::<u64>(), 342);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stratification {
    vars: Vec<StratumVar>,
    size_classes: SizeClasses,
}

impl Stratification {
    /// Stratify by `vars` (crossed when more than one).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `vars` is empty or repeats a variable.
    pub fn new(vars: Vec<StratumVar>, size_classes: SizeClasses) -> Result<Self> {
        if vars.is_empty() {
            return Err(Error::InvalidArgument { name: "stratum", message: "no stratum variable given".into() });
        }
        if vars.iter().enumerate().any(|(i, v)| vars.iter().skip(i + 1).any(|w| w == v)) {
            return Err(Error::InvalidArgument {
                name: "stratum",
                message: format!("a variable is repeated in {vars:?}"),
            });
        }
        Ok(Self { vars, size_classes })
    }

    /// Parse `"size_class"`, `"province"`, `"size_class*province"` (also `×` or `+`).
    ///
    /// # Errors
    /// As [`Stratification::new`] and [`StratumVar::from_str`].
    pub fn parse(spec: &str, size_classes: SizeClasses) -> Result<Self> {
        let vars = spec.split(['*', '×', '+']).map(str::parse).collect::<Result<Vec<_>>>()?;
        Self::new(vars, size_classes)
    }

    /// The variables.
    pub fn vars(&self) -> &[StratumVar] {
        &self.vars
    }

    /// The size classes used.
    pub fn size_classes(&self) -> &SizeClasses {
        &self.size_classes
    }

    /// The spec string, e.g. `size_class*province`.
    pub fn spec(&self) -> String {
        self.vars.iter().map(|v| v.key()).collect::<Vec<_>>().join("*")
    }

    fn part(&self, var: StratumVar, m: &Municipality) -> (usize, String, String, String) {
        match var {
            StratumVar::SizeClass => {
                let i = self.size_classes.class_of(m);
                let key = self.size_class_key(i);
                let nl = self.size_classes.labels(Language::Nl).get(i).cloned().unwrap_or_default();
                let en = self.size_classes.labels(Language::En).get(i).cloned().unwrap_or_default();
                (i, key, nl, en)
            }
            StratumVar::Province => (
                m.province.index(),
                m.province.name().to_owned(),
                m.province.name().to_owned(),
                m.province.name_en().to_owned(),
            ),
            StratumVar::Corop => {
                let (code, name) = m.corop.as_ref().map_or((0, "onbekend".to_owned()), |c| {
                    (c.code.get(2..).and_then(|d| d.parse().ok()).unwrap_or(0), c.name.clone())
                });
                let key = m.corop.as_ref().map_or_else(|| "CR00".to_owned(), |c| c.code.clone());
                (code, key, name.clone(), name)
            }
        }
    }

    fn size_class_key(&self, i: usize) -> String {
        let b = self.size_classes.bounds();
        if self.size_classes.g4_separate() && i == b.len() + 1 {
            return "G4".to_owned();
        }
        match (i.checked_sub(1).and_then(|j| b.get(j)), b.get(i)) {
            (None, Some(hi)) => format!("0-{hi}"),
            (Some(lo), Some(hi)) => format!("{lo}-{hi}"),
            (Some(lo), None) => format!("{lo}+"),
            (None, None) => "all".to_owned(),
        }
    }

    /// The stratum key and labels of a municipality (without its index; see [`Self::counts`]).
    pub fn key_of(&self, m: &Municipality) -> String {
        self.vars.iter().map(|&v| self.part(v, m).1).collect::<Vec<_>>().join("|")
    }

    /// The frame's strata with their counts N_h, in a fixed order (size classes ascending,
    /// provinces in CBS order, COROP by code; crosses in lexicographic order of these). Only
    /// strata with at least one municipality are listed. The counts add up to the frame's N.
    pub fn counts(&self, frame: &Frame) -> Vec<StratumCount> {
        self.counts_with_labels(frame, Language::Nl)
    }

    /// [`Self::counts`] with the labels in `lang`.
    pub fn counts_with_labels(&self, frame: &Frame, lang: Language) -> Vec<StratumCount> {
        let mut cells: BTreeMap<Vec<usize>, (String, String, u64, u64)> = BTreeMap::new();
        for m in frame.iter() {
            let parts: Vec<_> = self.vars.iter().map(|&v| self.part(v, m)).collect();
            let order: Vec<usize> = parts.iter().map(|p| p.0).collect();
            let e = cells.entry(order).or_insert_with(|| {
                let key = parts.iter().map(|p| p.1.as_str()).collect::<Vec<_>>().join("|");
                let label = parts.iter().map(|p| lang.tr(p.2.as_str(), p.3.as_str())).collect::<Vec<_>>().join(" × ");
                (key, label, 0, 0)
            });
            e.2 += 1;
            e.3 += m.inhabitants;
        }
        cells
            .into_values()
            .enumerate()
            .map(|(index, (key, label, count, inhabitants))| StratumCount {
                stratum: Stratum { index, key, label },
                count,
                inhabitants,
            })
            .collect()
    }

    /// For each municipality of the frame (in frame order), the index of its stratum in
    /// [`Self::counts`].
    pub fn assign(&self, frame: &Frame) -> Vec<usize> {
        let counts = self.counts(frame);
        let index: std::collections::HashMap<&str, usize> =
            counts.iter().map(|c| (c.stratum.key.as_str(), c.stratum.index)).collect();
        frame.iter().map(|m| index.get(self.key_of(m).as_str()).copied().unwrap_or(0)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_classes_cover_frame() {
        let f = Frame::embedded();
        for sc in [SizeClasses::default(), SizeClasses::personeelsmonitor_with_g4()] {
            let s = Stratification::new(vec![StratumVar::SizeClass], sc.clone()).unwrap();
            let c = s.counts(&f);
            assert_eq!(c.len(), sc.len());
            assert_eq!(c.iter().map(|c| c.count).sum::<u64>(), 342);
            assert_eq!(c.iter().map(|c| c.inhabitants).sum::<u64>(), f.total_inhabitants());
        }
        let g4 = Stratification::new(vec![StratumVar::SizeClass], SizeClasses::personeelsmonitor_with_g4()).unwrap();
        let last = g4.counts(&f).pop().unwrap();
        assert_eq!((last.stratum.key.as_str(), last.count), ("G4", 4));
    }

    #[test]
    fn labels() {
        assert_eq!(
            SizeClasses::default().labels(Language::Nl),
            ["< 20.000", "20.000–50.000", "50.000–100.000", "≥ 100.000"]
        );
        assert_eq!(group_thousands(1_234_567, '.'), "1.234.567");
        assert_eq!(group_thousands(999, '.'), "999");
    }

    #[test]
    fn bad_specs() {
        assert!(Stratification::parse("size_class*size_class", SizeClasses::default()).is_err());
        assert!(Stratification::parse("gemeente", SizeClasses::default()).is_err());
        assert!(SizeClasses::new(vec![50_000, 20_000], false).is_err());
        assert!(SizeClasses::new(vec![], false).is_err());
    }

    #[test]
    fn provinces_and_corop() {
        let f = Frame::embedded();
        let p = Stratification::parse("province", SizeClasses::default()).unwrap().counts(&f);
        assert_eq!(p.len(), 12);
        assert_eq!(p.first().unwrap().stratum.label, "Groningen");
        let c = Stratification::parse("corop", SizeClasses::default()).unwrap().counts(&f);
        assert_eq!(c.len(), 40);
    }
}
