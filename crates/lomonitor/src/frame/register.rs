//! The register of municipalities: the embedded CBS frame and CSV loading.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::frame::names::{ALIASES, normalize, strip_cbs_suffix};
use crate::frame::{Corop, Municipality, MunicipalityCode, Province};
use crate::io::{CsvRow, CsvTable, parse_count};

/// The reference date of the embedded register: the municipal division of 1 January 2025.
pub const EMBEDDED_REFERENCE_DATE: &str = "2025-01-01";

/// Attribution of the embedded register (CC BY 4.0).
pub const EMBEDDED_SOURCE: &str = "Bron: Centraal Bureau voor de Statistiek (CBS), gemeentelijke indeling \
     1 januari 2025; inwoners 1 januari 2024 (StatLine 85984NED, Kerncijfers wijken en buurten 2024); \
     COROP-gebieden (StatLine 85755NED, Gebieden in Nederland 2024). CC BY 4.0.";

const EMBEDDED_CSV: &str = include_str!("../../data/gemeenten-2025.csv");

/// Which column layout a register CSV had.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RegisterLayout {
    /// The project's own layout (`code,name,province,inhabitants,inhabitants_date,corop_code,corop_name`).
    Lomonitor,
    /// A CBS export (StatLine or the "Gemeentelijke indeling" file), recognised by its column names.
    Cbs,
}

/// Column names accepted for each field, in order of preference. The first of each list is the
/// project's own name; the others are CBS's.
const CODE_COLS: &[&str] =
    &["code", "GemeentecodeGM", "Codering_3", "WijkenEnBuurten", "statcode", "gm_code", "RegioS"];
const NUMBER_COLS: &[&str] = &["Gemeentecode"];
const NAME_COLS: &[&str] = &["name", "Gemeentenaam", "Gemeentenaam_1", "statnaam", "gm_naam", "Naam_2"];
const PROVINCE_COLS: &[&str] = &["province", "Provincienaam", "ProvincienaamPV", "provincie"];
const INHABITANTS_COLS: &[&str] = &["inhabitants", "AantalInwoners_5", "Inwonertal", "Inwoners", "aantal_inwoners"];
const DATE_COLS: &[&str] = &["inhabitants_date"];
const YEAR_COLS: &[&str] = &["inhabitants_year"];
const COROP_CODE_COLS: &[&str] = &["corop_code", "COROPcode", "Coropcode", "Code_10"];
const COROP_NAME_COLS: &[&str] = &["corop_name", "COROPnaam", "Coropnaam", "Naam_11"];
const KIND_COLS: &[&str] = &["SoortRegio_2"];

/// The population frame: all municipalities at a reference date, with lookups by code and name.
///
/// ```
/// use lomonitor::Frame;
/// let frame = Frame::embedded();
/// assert_eq!(frame.len(), 342);
/// assert_eq!(frame.lookup("Den Bosch").unwrap().name, "'s-Hertogenbosch");
/// assert_eq!(frame.lookup("GM0363").unwrap().name, "Amsterdam");
/// ```
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "FrameData", into = "FrameData")]
pub struct Frame {
    data: FrameData,
    by_code: HashMap<MunicipalityCode, usize>,
    by_name: HashMap<String, Vec<usize>>,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
struct FrameData {
    reference_date: NaiveDate,
    source: String,
    municipalities: Vec<Municipality>,
}

impl TryFrom<FrameData> for Frame {
    type Error = Error;
    fn try_from(data: FrameData) -> Result<Self> {
        Frame::new(data.reference_date, data.source, data.municipalities)
    }
}

impl From<Frame> for FrameData {
    fn from(f: Frame) -> FrameData {
        f.data
    }
}

impl Frame {
    /// A frame of the given municipalities, sorted by code.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when a code occurs twice.
    pub fn new(reference_date: NaiveDate, source: String, mut municipalities: Vec<Municipality>) -> Result<Self> {
        municipalities.sort_by_key(|m| m.code);
        let mut by_code = HashMap::with_capacity(municipalities.len());
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, m) in municipalities.iter().enumerate() {
            if by_code.insert(m.code, i).is_some() {
                return Err(Error::InvalidArgument {
                    name: "municipalities",
                    message: format!("municipality code {} occurs twice", m.code),
                });
            }
            let full = normalize(&m.name);
            let short = normalize(strip_cbs_suffix(&m.name));
            by_name.entry(full.clone()).or_default().push(i);
            if short != full {
                by_name.entry(short).or_default().push(i);
            }
        }
        let mut frame = Self { data: FrameData { reference_date, source, municipalities }, by_code, by_name };
        for (alias, code) in ALIASES {
            if let Ok(code) = MunicipalityCode::new(code)
                && let Some(&i) = frame.by_code.get(&code)
            {
                frame.by_name.entry(normalize(alias)).or_insert_with(|| vec![i]);
            }
        }
        Ok(frame)
    }

    /// The register carried by the crate: the CBS municipal division of 1 January 2025
    /// (342 municipalities) with inhabitants on 1 January 2024 and COROP areas. See
    /// [`EMBEDDED_SOURCE`] for the attribution.
    pub fn embedded() -> Frame {
        let date = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
        // The embedded file is checked by the crate's tests; should it ever fail to parse, an
        // empty frame is returned rather than a panic, and the tests catch it.
        match CsvTable::parse(EMBEDDED_CSV, crate::io::TextEncoding::Utf8, Some(Path::new("<embedded register>")))
            .and_then(|t| Self::from_table(&t, date, EMBEDDED_SOURCE))
        {
            Ok((frame, _)) => frame,
            Err(_) => Frame {
                data: FrameData { reference_date: date, source: EMBEDDED_SOURCE.into(), municipalities: Vec::new() },
                by_code: HashMap::new(),
                by_name: HashMap::new(),
            },
        }
    }

    /// Load a register from a CSV file in the project's layout or CBS's (recognised by the column
    /// names; see `docs/study-format.md`). Any encoding and delimiter Dutch Excel writes is
    /// accepted. Rows of other region kinds in a CBS export (wijken, buurten, the whole country)
    /// are skipped and counted in the returned number; every other row becomes a municipality or
    /// an error.
    ///
    /// # Errors
    /// Naming file, line, column and value: [`Error::InvalidValue`] for a malformed code,
    /// unknown province or bad number; [`Error::Duplicate`] for a code seen twice;
    /// [`Error::Missing`] for a missing column or an empty file.
    pub fn from_csv_path(path: &Path, reference_date: NaiveDate) -> Result<(Frame, RegisterLayout)> {
        let table = CsvTable::read(path)?;
        let source = format!("register loaded from {}", path.display());
        let (frame, layout) = Self::from_table(&table, reference_date, &source)?;
        Ok((frame, layout))
    }

    /// Like [`Frame::from_csv_path`], for CSV text already in memory.
    ///
    /// # Errors
    /// As [`Frame::from_csv_path`].
    pub fn from_csv_str(text: &str, reference_date: NaiveDate, source: &str) -> Result<(Frame, RegisterLayout)> {
        let table = CsvTable::parse(text, crate::io::TextEncoding::Utf8, None)?;
        Self::from_table(&table, reference_date, source)
    }

    fn from_table(table: &CsvTable, reference_date: NaiveDate, source: &str) -> Result<(Frame, RegisterLayout)> {
        let layout = if table.column(&["code"]).is_some() && table.column(&["name"]).is_some() {
            RegisterLayout::Lomonitor
        } else {
            RegisterLayout::Cbs
        };
        let code_col = table.column(CODE_COLS);
        let number_col = table.column(NUMBER_COLS);
        if code_col.is_none() && number_col.is_none() {
            table.require_column(&[CODE_COLS, NUMBER_COLS].concat())?;
        }
        let name_col = table.require_column(NAME_COLS)?;
        let province_col = table.require_column(PROVINCE_COLS)?;
        let inhabitants_col = table.require_column(INHABITANTS_COLS)?;
        let date_col = table.column(DATE_COLS);
        let year_col = table.column(YEAR_COLS);
        let corop_cols = (table.column(COROP_CODE_COLS), table.column(COROP_NAME_COLS));
        let kind_col = table.column(KIND_COLS);

        let mut municipalities = Vec::with_capacity(table.rows.len());
        let mut first_line: HashMap<MunicipalityCode, u64> = HashMap::new();
        for row in &table.rows {
            if let Some(k) = kind_col
                && !table.cell(row, k).eq_ignore_ascii_case("gemeente")
            {
                continue;
            }
            let at = |col: usize| table.location(Some(row.line), Some(col));
            let code = read_code(table, row, code_col, number_col)?;
            if let Some(&first) = first_line.get(&code) {
                return Err(Error::Duplicate {
                    location: at(code_col.or(number_col).unwrap_or(0)),
                    what: "municipality code",
                    value: code.to_string(),
                    first_line: first,
                });
            }
            first_line.insert(code, row.line);
            let name = table.cell(row, name_col);
            if name.is_empty() {
                return Err(Error::InvalidValue {
                    location: at(name_col),
                    value: String::new(),
                    message: "the name is empty".into(),
                });
            }
            let province: Province =
                table.cell(row, province_col).parse().map_err(|e: Error| e.at(at(province_col)))?;
            let inhabitants = parse_count(table.cell(row, inhabitants_col), &at(inhabitants_col))?;
            let inhabitants_date = match (date_col, year_col) {
                (Some(c), _) => parse_date(table.cell(row, c), &at(c))?,
                (None, Some(c)) => {
                    let y = parse_count(table.cell(row, c), &at(c))?;
                    i32::try_from(y).ok().and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1)).ok_or_else(|| {
                        Error::InvalidValue {
                            location: at(c),
                            value: table.cell(row, c).to_owned(),
                            message: "not a year".into(),
                        }
                    })?
                }
                (None, None) => reference_date,
            };
            let corop = match corop_cols {
                (Some(cc), nc) if !table.cell(row, cc).is_empty() => {
                    let name = nc.map_or("", |n| table.cell(row, n));
                    Some(Corop::new(table.cell(row, cc), name).map_err(|e| Error::InvalidValue {
                        location: at(cc),
                        value: table.cell(row, cc).to_owned(),
                        message: e.to_string(),
                    })?)
                }
                _ => None,
            };
            municipalities.push(Municipality {
                code,
                name: name.to_owned(),
                province,
                corop,
                inhabitants,
                inhabitants_date,
            });
        }
        if municipalities.is_empty() {
            return Err(Error::Missing {
                location: table.location(None, None),
                what: "municipality rows (the register is empty)".into(),
            });
        }
        Ok((Frame::new(reference_date, source.to_owned(), municipalities)?, layout))
    }

    /// The date of the municipal division this frame describes.
    pub fn reference_date(&self) -> NaiveDate {
        self.data.reference_date
    }

    /// Where the frame's facts come from (attribution).
    pub fn source(&self) -> &str {
        &self.data.source
    }

    /// Number of municipalities (N).
    pub fn len(&self) -> usize {
        self.data.municipalities.len()
    }

    /// Whether the frame is empty.
    pub fn is_empty(&self) -> bool {
        self.data.municipalities.is_empty()
    }

    /// All municipalities, sorted by code.
    pub fn municipalities(&self) -> &[Municipality] {
        &self.data.municipalities
    }

    /// Iterate over the municipalities, sorted by code.
    pub fn iter(&self) -> std::slice::Iter<'_, Municipality> {
        self.data.municipalities.iter()
    }

    /// The municipality with this code.
    pub fn get(&self, code: MunicipalityCode) -> Option<&Municipality> {
        self.by_code.get(&code).and_then(|&i| self.data.municipalities.get(i))
    }

    /// The position of a code in [`Frame::municipalities`].
    pub fn index_of(&self, code: MunicipalityCode) -> Option<usize> {
        self.by_code.get(&code).copied()
    }

    /// Find a municipality by code (`GM0363`, also `gm0363` with spaces around) or by name,
    /// insensitive to case, diacritics, apostrophe forms and CBS's province suffix, with the
    /// everyday aliases `Den Bosch` and `Den Haag`.
    ///
    /// # Errors
    /// [`Error::NotFound`] with the closest names as suggestions; [`Error::Ambiguous`] for a name
    /// that fits several (`Bergen`: Bergen (L.) and Bergen (NH.)).
    pub fn lookup(&self, query: &str) -> Result<&Municipality> {
        let q = query.trim();
        if let Ok(code) = MunicipalityCode::new(&q.to_ascii_uppercase()) {
            return self.get(code).ok_or_else(|| Error::NotFound {
                what: "municipality",
                query: query.to_owned(),
                suggestions: Vec::new(),
            });
        }
        let key = normalize(q);
        match self.by_name.get(&key).map(Vec::as_slice) {
            Some([i]) => self.data.municipalities.get(*i).ok_or_else(|| self.not_found(query)),
            Some(many) if many.len() > 1 => Err(Error::Ambiguous {
                query: query.to_owned(),
                candidates: many
                    .iter()
                    .filter_map(|&i| self.data.municipalities.get(i))
                    .map(|m| format!("{} ({})", m.name, m.code))
                    .collect(),
            }),
            _ => Err(self.not_found(query)),
        }
    }

    fn not_found(&self, query: &str) -> Error {
        let key = normalize(query);
        let mut scored: Vec<(f64, &str)> = self
            .data
            .municipalities
            .iter()
            .map(|m| (strsim::jaro_winkler(&key, &normalize(&m.name)), m.name.as_str()))
            .filter(|(s, _)| *s > 0.85)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        Error::NotFound {
            what: "municipality",
            query: query.to_owned(),
            suggestions: scored.into_iter().take(3).map(|(_, n)| n.to_owned()).collect(),
        }
    }

    /// Total inhabitants of the frame.
    pub fn total_inhabitants(&self) -> u64 {
        self.iter().map(|m| m.inhabitants).sum()
    }

    /// Write the frame in the project's own CSV layout.
    ///
    /// # Errors
    /// [`Error::Io`] when writing fails.
    pub fn write_csv<W: std::io::Write>(&self, out: W, path_for_errors: &Path) -> Result<()> {
        let mut w = csv::Writer::from_writer(out);
        let io = |e: csv::Error| Error::io(path_for_errors, std::io::Error::other(e));
        w.write_record(["code", "name", "province", "inhabitants", "inhabitants_date", "corop_code", "corop_name"])
            .map_err(io)?;
        for m in self.iter() {
            let (cc, cn) = m.corop.as_ref().map_or(("", ""), |c| (c.code.as_str(), c.name.as_str()));
            w.write_record([
                m.code.to_string().as_str(),
                &m.name,
                m.province.name(),
                &m.inhabitants.to_string(),
                &m.inhabitants_date.to_string(),
                cc,
                cn,
            ])
            .map_err(io)?;
        }
        w.flush().map_err(|e| Error::io(path_for_errors, e))
    }
}

fn read_code(
    table: &CsvTable,
    row: &CsvRow,
    code_col: Option<usize>,
    number_col: Option<usize>,
) -> Result<MunicipalityCode> {
    if let Some(c) = code_col {
        let raw = row.cells.get(c).map_or("", String::as_str);
        // CBS's StatLine codes carry trailing padding ("GM0363    ") and the "2025GM0363" year form.
        let trimmed = raw.trim_end();
        let text = trimmed.get(4..).filter(|rest| trimmed.len() == 10 && rest.starts_with("GM")).unwrap_or(trimmed);
        return MunicipalityCode::new(text)
            .map_err(|_| Error::InvalidCode(raw.to_owned()).at(table.location(Some(row.line), Some(c))));
    }
    let c = number_col.unwrap_or(0);
    let raw = table.cell(row, c);
    raw.parse::<u32>()
        .map_err(|_| Error::InvalidCode(raw.to_owned()))
        .and_then(MunicipalityCode::from_cbs_number)
        .map_err(|e| e.at(table.location(Some(row.line), Some(c))))
}

/// Parse a date as ISO (`2024-01-01`) or Dutch (`1-1-2024`, `01-01-2024`, `1/1/2024`).
pub(crate) use crate::cells::require_date as parse_date;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_is_complete() {
        let f = Frame::embedded();
        assert_eq!(f.len(), 342);
        assert_eq!(f.total_inhabitants(), 17_942_942);
        assert_eq!(f.reference_date().to_string(), "2025-01-01");
    }

    #[test]
    fn lookups() {
        let f = Frame::embedded();
        for q in ["'s-Hertogenbosch", "s-Hertogenbosch", "’s-Hertogenbosch", "S HERTOGENBOSCH", "Den Bosch", " gm0796 "]
        {
            assert_eq!(f.lookup(q).unwrap().code.to_string(), "GM0796", "{q}");
        }
        assert_eq!(f.lookup("Sudwest Fryslan").unwrap().code.to_string(), "GM1900");
        assert_eq!(f.lookup("Súdwest-Fryslân").unwrap().code.to_string(), "GM1900");
        assert_eq!(f.lookup("Den Haag").unwrap().name, "'s-Gravenhage");
        assert_eq!(f.lookup("Hengelo").unwrap().name, "Hengelo (O.)");
        assert_eq!(f.lookup("Bergen (NH.)").unwrap().code.to_string(), "GM0373");
        assert_eq!(f.lookup("bergen nh").unwrap().code.to_string(), "GM0373");
        assert!(matches!(f.lookup("Bergen"), Err(Error::Ambiguous { ref candidates, .. }) if candidates.len() == 2));
        match f.lookup("Amsterdm") {
            Err(Error::NotFound { suggestions, .. }) => {
                assert_eq!(suggestions.first().map(String::as_str), Some("Amsterdam"))
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(f.lookup("GM9999"), Err(Error::NotFound { .. })));
    }

    #[test]
    fn csv_roundtrip_in_own_layout() {
        let f = Frame::embedded();
        let mut buf = Vec::new();
        f.write_csv(&mut buf, Path::new("mem")).unwrap();
        let (g, layout) =
            Frame::from_csv_str(std::str::from_utf8(&buf).unwrap(), f.reference_date(), f.source()).unwrap();
        assert_eq!(layout, RegisterLayout::Lomonitor);
        assert_eq!(f.municipalities(), g.municipalities());
    }

    #[test]
    fn serde_roundtrip() {
        let f = Frame::embedded();
        let json = serde_json::to_string(&f).unwrap();
        let g: Frame = serde_json::from_str(&json).unwrap();
        assert_eq!(f.municipalities(), g.municipalities());
        assert_eq!(g.lookup("Den Bosch").unwrap().code, f.lookup("Den Bosch").unwrap().code);
    }
}
