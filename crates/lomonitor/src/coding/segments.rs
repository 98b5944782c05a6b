//! Coded segments of interviews, and reading them from `codings.csv`.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Error, Location, Result};
use crate::frame::{Frame, Organisations, Unit};
use crate::instrument::Codebook;
use crate::io::CsvTable;

/// The `codes` cell that says a coder saw the segment and applied no code (needed for intercoder
/// agreement, where "no code" is a decision too).
pub const NO_CODE: &str = "-";

/// One interview: who was interviewed (a municipality or an organisation), when, and by whom.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Interview {
    /// The interview id, e.g. `I07`.
    pub id: String,
    /// The municipality or organisation interviewed.
    pub unit: Unit,
    /// The date of the interview.
    pub date: NaiveDate,
    /// The interviewer's initials or id (never a name).
    pub interviewer: String,
}

/// The codes one coder applied to a segment.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Coding {
    /// The coder's initials or id (never a name).
    pub coder: String,
    /// The codes, sorted and unique; empty when the coder applied none ([`NO_CODE`]).
    pub codes: Vec<String>,
    /// The line of the (first) row in the codings file, for messages.
    pub line: Option<u64>,
}

/// A segment of an interview transcript (a quote) with the codes of one or more coders.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Segment {
    /// The interview it belongs to ([`Interview::id`]).
    pub interview: String,
    /// The segment id, unique within the interview, e.g. `S03` (a GUID for REFI-QDA sources).
    pub id: String,
    /// The character span in the transcript (start inclusive, end exclusive, in Unicode code
    /// points as REFI-QDA counts), when known.
    pub span: Option<(u64, u64)>,
    /// The quote.
    pub text: String,
    /// The codings, one per coder, in file order.
    pub codings: Vec<Coding>,
}

impl Segment {
    /// The codes of `coder`, if that coder coded the segment.
    pub fn codes_of(&self, coder: &str) -> Option<&[String]> {
        self.codings.iter().find(|c| c.coder == coder).map(|c| c.codes.as_slice())
    }
}

/// How the codes of a double-coded segment count in frequencies and displays.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Merge {
    /// The first coder in file order (the primary coder); the default.
    #[default]
    First,
    /// Every code any coder applied.
    Union,
    /// Only codes all coders of the segment applied.
    Intersection,
}

crate::options::named_options!(Merge, arg = "merge", what = "merge rule", {
    First => "first",
    Union => "union",
    Intersection => "intersection",
});

/// The coded interviews of a study.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Codings {
    /// The interviews, in order of first appearance.
    pub interviews: Vec<Interview>,
    /// The segments, in order of first appearance.
    pub segments: Vec<Segment>,
    /// The file they were read from.
    pub file: Option<PathBuf>,
}

const INTERVIEW_COLS: &[&str] = &["interview", "interview_id"];
const UNIT_COLS: &[&str] = &["unit", "municipality", "gemeente", "code"];
const DATE_COLS: &[&str] = &["date", "datum"];
const INTERVIEWER_COLS: &[&str] = &["interviewer"];
const SEGMENT_COLS: &[&str] = &["segment", "segment_id"];
const START_COLS: &[&str] = &["start"];
const END_COLS: &[&str] = &["end"];
const CODER_COLS: &[&str] = &["coder", "codeur"];
const CODES_COLS: &[&str] = &["codes", "code_ids"];
const TEXT_COLS: &[&str] = &["text", "quote", "citaat"];

/// Whether `s` is acceptable as initials or an id of a person: 1-16 ASCII letters, digits, `.`,
/// `-` or `_`, no spaces.
pub(crate) fn valid_initials(s: &str) -> bool {
    (1..=16).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

fn valid_local_id(s: &str) -> bool {
    (1..=64).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

impl Codings {
    /// Read `codings.csv` (columns in `docs/interviews-format.md`), checking every code against
    /// the codebook. Several rows for the same interview, segment and coder add their codes
    /// (one row per code, as QDA programs export, works as well as one row per segment).
    ///
    /// # Errors
    /// Naming file, line, column and value: [`Error::Missing`] for a missing column;
    /// [`Error::InvalidValue`] for an invalid unit, date, span or id, initials that look like a
    /// name, an empty quote, a code not in the codebook or not codable, an interview whose unit,
    /// date or interviewer differ between rows, or a segment whose text or span differ between
    /// rows; errors of [`CsvTable::read`].
    pub fn from_csv_path(path: &Path, codebook: &Codebook) -> Result<Codings> {
        let table = CsvTable::read(path)?;
        Self::from_table(&table, codebook)
    }

    /// Like [`Codings::from_csv_path`], for CSV text in memory.
    ///
    /// # Errors
    /// As [`Codings::from_csv_path`].
    pub fn from_csv_str(text: &str, codebook: &Codebook) -> Result<Codings> {
        let table = CsvTable::parse(text, crate::io::TextEncoding::Utf8, None)?;
        Self::from_table(&table, codebook)
    }

    fn from_table(table: &CsvTable, codebook: &Codebook) -> Result<Codings> {
        let c_interview = table.require_column(INTERVIEW_COLS)?;
        let c_unit = table.require_column(UNIT_COLS)?;
        let c_date = table.require_column(DATE_COLS)?;
        let c_interviewer = table.require_column(INTERVIEWER_COLS)?;
        let c_segment = table.require_column(SEGMENT_COLS)?;
        let c_coder = table.require_column(CODER_COLS)?;
        let c_codes = table.require_column(CODES_COLS)?;
        let c_text = table.require_column(TEXT_COLS)?;
        let c_start = table.column(START_COLS);
        let c_end = table.column(END_COLS);
        if c_start.is_some() != c_end.is_some() {
            table.require_column(if c_start.is_some() { END_COLS } else { START_COLS })?;
        }

        let mut out = Codings { file: table.file.clone(), ..Codings::default() };
        let mut interview_at: HashMap<String, (usize, u64)> = HashMap::new();
        let mut segment_at: HashMap<(String, String), (usize, u64)> = HashMap::new();
        for row in &table.rows {
            let at = |col: usize| table.location(Some(row.line), Some(col));
            let bad = |col: usize, message: String| Error::InvalidValue {
                location: at(col),
                value: table.cell(row, col).to_owned(),
                message,
            };
            let id = table.cell(row, c_interview);
            if !valid_local_id(id) {
                return Err(bad(c_interview, "an interview id: 1-64 letters, digits, '.', '-' or '_'".into()));
            }
            let unit = Unit::parse(table.cell(row, c_unit)).map_err(|e| bad(c_unit, e.to_string()))?;
            let date = parse_date(table.cell(row, c_date), &at(c_date))?;
            let interviewer = table.cell(row, c_interviewer);
            if !valid_initials(interviewer) {
                return Err(bad(
                    c_interviewer,
                    "use initials or an id without spaces (1-16 letters, digits, '.', '-', '_'); names of people must not appear in the codings".into(),
                ));
            }
            let interview = Interview { id: id.to_owned(), unit, date, interviewer: interviewer.to_owned() };
            match interview_at.get(id) {
                None => {
                    interview_at.insert(id.to_owned(), (out.interviews.len(), row.line));
                    out.interviews.push(interview);
                }
                Some(&(i, first)) => {
                    if let Some(prev) = out.interviews.get(i)
                        && prev != &interview
                    {
                        let col = if prev.unit != interview.unit {
                            c_unit
                        } else if prev.date != interview.date {
                            c_date
                        } else {
                            c_interviewer
                        };
                        return Err(bad(
                            col,
                            format!(
                                "interview {id:?} has a different value on line {first}; unit, date and interviewer must agree on every row of an interview"
                            ),
                        ));
                    }
                }
            }

            let seg = table.cell(row, c_segment);
            if !valid_local_id(seg) {
                return Err(bad(c_segment, "a segment id: 1-64 letters, digits, '.', '-' or '_'".into()));
            }
            let span = match (c_start, c_end) {
                (Some(s), Some(e)) if !(table.cell(row, s).is_empty() && table.cell(row, e).is_empty()) => {
                    let num = |c: usize| {
                        table
                            .cell(row, c)
                            .parse::<u64>()
                            .map_err(|_| bad(c, "expected a character offset (0, 1, 2, ...)".into()))
                    };
                    let (s_v, e_v) = (num(s)?, num(e)?);
                    if s_v >= e_v {
                        return Err(bad(e, format!("the end must be after the start ({s_v})")));
                    }
                    Some((s_v, e_v))
                }
                _ => None,
            };
            let text = table.cell(row, c_text);
            if text.is_empty() {
                return Err(bad(c_text, "the quote is empty".into()));
            }
            let coder = table.cell(row, c_coder);
            if !valid_initials(coder) {
                return Err(bad(
                    c_coder,
                    "use initials or an id without spaces (1-16 letters, digits, '.', '-', '_'); names of people must not appear in the codings".into(),
                ));
            }
            let codes = parse_codes(table.cell(row, c_codes), codebook).map_err(|m| bad(c_codes, m))?;

            let key = (id.to_owned(), seg.to_owned());
            let si = match segment_at.get(&key) {
                None => {
                    segment_at.insert(key, (out.segments.len(), row.line));
                    out.segments.push(Segment {
                        interview: id.to_owned(),
                        id: seg.to_owned(),
                        span,
                        text: text.to_owned(),
                        codings: Vec::new(),
                    });
                    out.segments.len() - 1
                }
                Some(&(si, first)) => {
                    let prev = out.segments.get(si);
                    if prev.is_some_and(|p| p.text != text) {
                        return Err(bad(
                            c_text,
                            format!("segment {seg:?} of interview {id:?} has another text on line {first}"),
                        ));
                    }
                    if prev.is_some_and(|p| p.span != span) {
                        return Err(bad(
                            c_start.unwrap_or(c_segment),
                            format!("segment {seg:?} of interview {id:?} has another span on line {first}"),
                        ));
                    }
                    si
                }
            };
            if let Some(segment) = out.segments.get_mut(si) {
                match segment.codings.iter_mut().find(|c| c.coder == coder) {
                    Some(c) => {
                        let mut set: BTreeSet<String> = c.codes.drain(..).collect();
                        set.extend(codes);
                        c.codes = set.into_iter().collect();
                    }
                    None => segment.codings.push(Coding { coder: coder.to_owned(), codes, line: Some(row.line) }),
                }
            }
        }
        Ok(out)
    }

    /// Check every interview's unit: a municipality of the frame or an organisation of the study.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] naming the file, the interview and the unit.
    pub fn check_units(&self, frame: &Frame, organisations: &Organisations) -> Result<()> {
        for i in &self.interviews {
            let known = match &i.unit {
                Unit::Municipality(c) => frame.get(*c).is_some(),
                Unit::Organisation(o) => organisations.get(o).is_some(),
            };
            if !known {
                return Err(Error::InvalidValue {
                    location: Location { file: self.file.clone(), line: None, column: Some("unit".into()) },
                    value: i.unit.to_string(),
                    message: format!(
                        "interview {:?}: not a municipality of the frame nor an organisation of the study",
                        i.id
                    ),
                });
            }
        }
        Ok(())
    }

    /// The interview with this id.
    pub fn interview(&self, id: &str) -> Option<&Interview> {
        self.interviews.iter().find(|i| i.id == id)
    }

    /// The segments of an interview, in order.
    pub fn segments_of<'a>(&'a self, interview: &'a str) -> impl Iterator<Item = &'a Segment> + 'a {
        self.segments.iter().filter(move |s| s.interview == interview)
    }

    /// The coders, in order of first appearance.
    pub fn coders(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for c in self.segments.iter().flat_map(|s| &s.codings) {
            if !out.contains(&c.coder.as_str()) {
                out.push(&c.coder);
            }
        }
        out
    }

    /// The codes that count for a segment under `merge` (sorted, unique).
    pub fn merged_codes<'a>(&self, segment: &'a Segment, merge: Merge) -> Vec<&'a str> {
        let mut first = segment.codings.iter();
        match merge {
            Merge::First => first.next().map(|c| c.codes.iter().map(String::as_str).collect()).unwrap_or_default(),
            Merge::Union => {
                let set: BTreeSet<&str> =
                    segment.codings.iter().flat_map(|c| c.codes.iter().map(String::as_str)).collect();
                set.into_iter().collect()
            }
            Merge::Intersection => match first.next() {
                None => Vec::new(),
                Some(f) => f
                    .codes
                    .iter()
                    .map(String::as_str)
                    .filter(|code| first.clone().all(|c| c.codes.iter().any(|x| x == code)))
                    .collect(),
            },
        }
    }

    /// Interviews whose segments were all coded by both coders (the double-coded subset), in order.
    pub fn double_coded(&self, coder_a: &str, coder_b: &str) -> Vec<&Interview> {
        self.interviews
            .iter()
            .filter(|i| {
                let mut segs = self.segments_of(&i.id).peekable();
                segs.peek().is_some() && segs.all(|s| s.codes_of(coder_a).is_some() && s.codes_of(coder_b).is_some())
            })
            .collect()
    }

    /// Write the codings as `codings.csv` (one row per segment and coder, codes joined by `|`).
    ///
    /// # Errors
    /// [`Error::Io`].
    pub fn write_csv<W: std::io::Write>(&self, out: W, path_for_errors: &Path) -> Result<()> {
        let io = |e: csv::Error| Error::io(path_for_errors, std::io::Error::other(e));
        let mut w = crate::cells::SpreadsheetCsv::new(out, b',');
        w.write_record([
            "interview",
            "unit",
            "date",
            "interviewer",
            "segment",
            "start",
            "end",
            "coder",
            "codes",
            "text",
        ])
        .map_err(io)?;
        for s in &self.segments {
            let Some(i) = self.interview(&s.interview) else { continue };
            let (start, end) = s.span.map_or((String::new(), String::new()), |(a, b)| (a.to_string(), b.to_string()));
            for c in &s.codings {
                let codes = if c.codes.is_empty() { NO_CODE.to_owned() } else { c.codes.join("|") };
                w.write_record([
                    i.id.as_str(),
                    &i.unit.to_string(),
                    &i.date.to_string(),
                    &i.interviewer,
                    &s.id,
                    &start,
                    &end,
                    &c.coder,
                    &codes,
                    &s.text,
                ])
                .map_err(io)?;
            }
        }
        w.flush().map_err(|e| Error::io(path_for_errors, e))
    }
}

/// Parse a date as ISO (`2025-03-12`) or Dutch (`12-3-2025`, `12/3/2025`).
pub(crate) use crate::cells::require_date as parse_date;

/// Split a `codes` cell (`a|b`, also `a;b`) and check each code against the codebook.
pub(crate) fn parse_codes(cell: &str, codebook: &Codebook) -> std::result::Result<Vec<String>, String> {
    if cell.trim() == NO_CODE {
        return Ok(Vec::new());
    }
    let mut set = BTreeSet::new();
    for code in cell.split(['|', ';']).map(str::trim) {
        if code.is_empty() {
            return Err(format!("an empty code; separate codes with '|', or write {NO_CODE:?} for no code"));
        }
        match codebook.get(code) {
            None => return Err(format!("code {code:?} is not in codebook {:?}", codebook.id)),
            Some(c) if !c.codable => {
                return Err(format!("code {code:?} is not codable (it only groups other codes)"));
            }
            Some(_) => {
                set.insert(code.to_owned());
            }
        }
    }
    Ok(set.into_iter().collect())
}
