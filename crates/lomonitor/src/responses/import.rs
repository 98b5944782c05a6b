//! Importing wide response CSVs: lomonitor's own layout, LimeSurvey's response export and
//! Qualtrics' CSV export. Every cell is stored or listed in the [`ValidationReport`].

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

mod dialect;

use crate::error::{Error, Location, Result};
use crate::frame::{Frame, Organisations, Unit};
use crate::instrument::{AnswerOption, Answers, FIRST_LEVEL, Item, ItemKind, NOT_ASKED, Questionnaire, UNANSWERED};
use crate::io::{QuoteTracker, StreamDecoding, TextEncoding, sniff_delimiter};
use crate::responses::values::{
    DecimalSeparator, NumberProblem, looks_like_formula, parse_code, parse_number, parse_timestamp, unneutralise,
};
use crate::responses::{
    ANSWERED, Issue, IssueKind, ItemData, MISSING_BASE, ResponseSet, Severity, Status, ValidationReport,
};

/// The layout of a response CSV.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dialect {
    /// Recognise the dialect from the header.
    #[default]
    Auto,
    /// lomonitor's own layout (see `docs/instrument-format.md`).
    Lomonitor,
    /// A LimeSurvey response export with answer codes and question codes as headers.
    LimeSurvey,
    /// A Qualtrics CSV export (three header rows, numeric values).
    Qualtrics,
}

crate::options::named_options!(Dialect, arg = "dialect", what = "dialect", {
    Auto => "auto",
    Lomonitor => "lomonitor",
    LimeSurvey => "limesurvey",
    Qualtrics => "qualtrics",
});

/// How to import.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ImportOptions {
    /// The layout (default: recognised from the header).
    pub dialect: Dialect,
    /// The decimal separator of numeric answers (default: comma in `;`-delimited files).
    pub decimal: DecimalSeparator,
    /// The column that holds the municipality code or organisation id. Default: `unit` (lomonitor),
    /// `gemeentecode` or `attribute_1` (LimeSurvey), `ExternalReference` (Qualtrics).
    pub unit_column: Option<String>,
    /// Keep every response of a unit (a staff survey: many respondents per municipality). By
    /// default a study of municipalities keeps one response per unit: the latest complete one.
    #[serde(default)]
    pub several_per_unit: bool,
    /// LimeSurvey participant tokens and the unit each was sent for (municipality code or
    /// organisation id): a response's unit is its token's when the export has no unit column
    /// (LimeSurvey writes the participant's `attribute_1` only when the export includes
    /// participant data).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub participants: BTreeMap<String, String>,
}

/// What an import gives: the responses kept for analysis, those set aside (duplicates, unknown
/// units) and the report listing every problem.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ImportResult {
    /// Responses kept for analysis.
    pub responses: ResponseSet,
    /// Responses set aside; each is listed in the report with the reason.
    pub set_aside: ResponseSet,
    /// Every problem, with file, line, column and value.
    pub report: ValidationReport,
    /// The dialect read.
    pub dialect: Dialect,
}

/// Read and import a response CSV file.
///
/// The file is streamed: it is read in blocks, and what stays in memory is the stored columns
/// (about a byte per single-choice answer), not the text of the file. A byte-order mark decides
/// the encoding (UTF-8 or UTF-16); a file without one is read as UTF-8 and, when it turns out
/// not to be, read again as Windows-1252 (what Excel's plain "CSV" writes on a Dutch machine).
///
/// # Errors
/// [`Error::Io`] when the file cannot be read; otherwise as [`import_csv`].
pub fn import_csv_path(
    path: &Path,
    q: &Questionnaire,
    frame: &Frame,
    organisations: &Organisations,
    options: &ImportOptions,
) -> Result<ImportResult> {
    let size = std::fs::metadata(path).map(|m| m.len()).ok();
    let args = RowArgs { file: Some(path), size, q, frame, organisations, options };
    let open = |decoding| crate::io::open_decoded(path, decoding);
    Ok(finish(read_decoded(open, &args)?, Some(path), options.several_per_unit))
}

/// Import a response CSV file's bytes, decoded as [`import_csv_path`] decodes a file (a
/// byte-order mark decides; else UTF-8, and Windows-1252 when the bytes are not UTF-8). For
/// files that are already in memory (an upload, a zip entry); `file` names it in errors.
///
/// # Errors
/// As [`import_csv`].
pub fn import_csv_bytes(
    bytes: &[u8],
    file: Option<&Path>,
    q: &Questionnaire,
    frame: &Frame,
    organisations: &Organisations,
    options: &ImportOptions,
) -> Result<ImportResult> {
    let size = u64::try_from(bytes.len()).ok();
    let args = RowArgs { file, size, q, frame, organisations, options };
    let open = |decoding| Ok(crate::io::decoder(bytes, decoding));
    Ok(finish(read_decoded(open, &args)?, file, options.several_per_unit))
}

/// Read the rows of a source opened by `open`: first as UTF-8 (or as its byte-order mark says),
/// and again as Windows-1252 when the text turns out not to be UTF-8.
fn read_decoded<R: std::io::Read>(open: impl Fn(StreamDecoding) -> Result<R>, args: &RowArgs<'_>) -> Result<Read> {
    match read_rows(open(StreamDecoding::Sniff)?, true, args) {
        Err(Fail::NotUtf8) => read_rows(open(StreamDecoding::Windows1252)?, false, args),
        other => other,
    }
    .map_err(|f| f.into_error(args.file))
}

/// Import response CSV text.
///
/// File-level faults are errors: an empty file, a header without a respondent-id column, broken
/// CSV (ragged rows, unterminated quotes), two columns with the same name. Everything about single
/// cells goes into the report and never stops the import.
///
/// # Errors
/// [`Error::Missing`], [`Error::Csv`], [`Error::Duplicate`] naming the file and line.
pub fn import_csv(
    text: &str,
    _encoding: TextEncoding,
    file: Option<&Path>,
    q: &Questionnaire,
    frame: &Frame,
    organisations: &Organisations,
    options: &ImportOptions,
) -> Result<ImportResult> {
    let size = u64::try_from(text.len()).ok();
    let args = RowArgs { file, size, q, frame, organisations, options };
    let read = read_rows(text.as_bytes(), false, &args).map_err(|f| f.into_error(file))?;
    Ok(finish(read, file, options.several_per_unit))
}

/// Every row read, before the choice of the rows kept.
struct Read {
    set: ResponseSet,
    row_ok: Vec<bool>,
    report: ValidationReport,
    dialect: Dialect,
}

/// Why reading stopped.
enum Fail {
    /// The text is not UTF-8: read it again as Windows-1252.
    NotUtf8,
    Error(Error),
}

impl From<Error> for Fail {
    fn from(e: Error) -> Self {
        Fail::Error(e)
    }
}

impl Fail {
    fn into_error(self, file: Option<&Path>) -> Error {
        match self {
            Fail::Error(e) => e,
            // Not reached: the second reading decodes every byte.
            Fail::NotUtf8 => Error::Csv {
                location: Location { file: file.map(Path::to_path_buf), line: None, column: None },
                message: "the text is neither UTF-8 nor Windows-1252".into(),
            },
        }
    }
}

/// What every step of the reading needs.
struct RowArgs<'a> {
    file: Option<&'a Path>,
    /// The size of the input in bytes, when known: room for the columns is reserved from it.
    size: Option<u64>,
    q: &'a Questionnaire,
    frame: &'a Frame,
    organisations: &'a Organisations,
    options: &'a ImportOptions,
}

/// Data rows per batch: the unit of work handed to the threads that store the cells.
const BATCH_ROWS: usize = 512;

/// Data rows read from the file, with what the sequential pass found out about them.
#[derive(Default)]
struct Batch {
    records: Vec<csv::StringRecord>,
    /// Per record: the line on which its respondent id was seen first, if it is a repeat.
    repeats: Vec<Option<u64>>,
    /// Bytes of the input read up to the end of the batch.
    end_byte: u64,
}

/// What a batch gave: its rows' columns, which rows may be kept, and its issues in row order.
struct Stored {
    set: ResponseSet,
    row_ok: Vec<bool>,
    issues: Vec<Issue>,
    /// Bytes of the input read up to the end of the batch.
    end_byte: u64,
}

/// The input with its header line, read ahead to find the delimiter, put back in front.
type Ahead<R> = std::io::Chain<std::io::Cursor<Vec<u8>>, std::io::BufReader<R>>;

/// The sequential part of the reading: CSV records in file order, the checks that span rows
/// (ragged rows, Qualtrics' extra header rows, repeated respondent ids, unmapped columns).
struct RowSource<'a, R: std::io::Read> {
    reader: csv::Reader<QuoteTracker<Ahead<R>>>,
    /// Whether text that is not UTF-8 sends the reading back to start as Windows-1252.
    utf8_may_fail: bool,
    headers: &'a [String],
    dialect: Dialect,
    delimiter: u8,
    file: Option<&'a Path>,
    skipped_header_rows: usize,
    /// The line of the last record read.
    last_line: Option<u64>,
    /// Records given back by the threads, to be read into again.
    spare: Vec<csv::StringRecord>,
    /// The header line ends in CRLF: the csv reader gives each later record the line count
    /// before the `\n` of the previous record's `\r\n` is consumed, one short.
    crlf: bool,
}

impl<R: std::io::Read> RowSource<'_, R> {
    fn csv_fail(&self, e: csv::Error) -> Fail {
        if self.utf8_may_fail && matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
            return Fail::NotUtf8;
        }
        Fail::Error(Error::Csv {
            location: Location {
                file: self.file.map(Path::to_path_buf),
                line: e.position().map(csv::Position::line),
                column: None,
            },
            message: e.to_string(),
        })
    }

    /// The next batch of data rows, `None` at the end of the file.
    fn next_batch(&mut self) -> std::result::Result<Option<Batch>, Fail> {
        let mut batch =
            Batch { records: Vec::with_capacity(BATCH_ROWS), repeats: Vec::with_capacity(BATCH_ROWS), end_byte: 0 };
        let mut record = self.spare.pop().unwrap_or_default();
        while batch.records.len() < BATCH_ROWS {
            match self.reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(self.csv_fail(e)),
            }
            if self.crlf
                && let Some(pos) = record.position()
            {
                let mut pos = pos.clone();
                pos.set_line(pos.line() + 1);
                record.set_position(Some(pos));
            }
            let line = record.position().map_or(0, csv::Position::line);
            self.last_line = Some(line);
            if record.iter().all(|c| trim_cell(c).is_empty()) {
                continue;
            }
            if record.len() != self.headers.len() {
                return Err(Fail::Error(Error::Csv {
                    location: Location { file: self.file.map(Path::to_path_buf), line: Some(line), column: None },
                    message: format!(
                        "the row has {} cells but the header has {} columns (delimiter {:?})",
                        record.len(),
                        self.headers.len(),
                        char::from(self.delimiter)
                    ),
                }));
            }
            // Qualtrics' second and third header rows: question texts and ImportIds.
            if self.dialect == Dialect::Qualtrics
                && self.skipped_header_rows < 2
                && is_qualtrics_header_row(&record, self.headers)
            {
                self.skipped_header_rows += 1;
                continue;
            }
            batch.records.push(std::mem::replace(&mut record, self.spare.pop().unwrap_or_default()));
        }
        self.spare.push(record);
        batch.end_byte = self.reader.position().byte();
        Ok(if batch.records.is_empty() { None } else { Some(batch) })
    }
}

/// The checks that span rows and need them in file order, after the CSV parsing: repeated
/// respondent ids and the non-empty cells of columns that belong to no item. On a thread of its
/// own between the reading and the storing when the input is large.
struct Sequencer<'a> {
    plan: &'a Plan,
    seen: SeenIds,
    /// (column, non-empty cells, first line) of columns that belong to no item.
    unmapped: Vec<(usize, usize, u64)>,
}

impl Sequencer<'_> {
    /// Fill the batch's `repeats` (the batches must come in file order).
    fn run(&mut self, batch: &mut Batch) {
        batch.repeats.clear();
        for record in &batch.records {
            let line = record.position().map_or(0, csv::Position::line);
            for &c in &self.plan.unmapped {
                if record.get(c).is_some_and(|v| !trim_cell(v).is_empty()) {
                    match self.unmapped.iter_mut().find(|u| u.0 == c) {
                        Some(u) => u.1 += 1,
                        None => self.unmapped.push((c, 1, line)),
                    }
                }
            }
            let raw_id = unneutralise(trim_cell(self.plan.respondent.and_then(|c| record.get(c)).unwrap_or("")));
            let repeat = if raw_id.is_empty() {
                self.seen.insert(&respondent_for_empty_id(line), line)
            } else {
                self.seen.insert(raw_id, line)
            };
            batch.repeats.push(repeat);
        }
    }
}

/// The respondent id a row without one is stored under (it is set aside).
fn respondent_for_empty_id(line: u64) -> String {
    format!("line-{line}")
}

/// Respondent ids seen so far, each kept once in one string (no allocation per row), with the
/// line on which it was first seen.
#[derive(Default)]
struct SeenIds {
    text: String,
    /// (start in `text`, length, first line).
    table: hashbrown::HashTable<(usize, usize, u64)>,
    hasher: hashbrown::DefaultHashBuilder,
}

impl SeenIds {
    /// Record `id`; the line it was first seen on when it was seen before.
    fn insert(&mut self, id: &str, line: u64) -> Option<u64> {
        use std::hash::BuildHasher as _;
        let Self { text, table, hasher } = self;
        let hash = hasher.hash_one(id);
        if let Some(&(_, _, first)) = table.find(hash, |&(s, l, _)| text.get(s..s + l) == Some(id)) {
            return Some(first);
        }
        let start = text.len();
        text.push_str(id);
        let text: &String = text;
        table.insert_unique(hash, (start, id.len(), line), |&(s, l, _)| {
            hasher.hash_one(text.get(s..s + l).unwrap_or(""))
        });
        None
    }
}

/// Trim a cell: cells that begin and end with a visible ASCII character (nearly all of them)
/// are returned as they are without the Unicode scan of [`str::trim`].
fn trim_cell(s: &str) -> &str {
    let visible = |b: &u8| (0x21..0x7f).contains(b);
    let b = s.as_bytes();
    if b.first().is_none_or(visible) && b.last().is_none_or(visible) { s } else { s.trim() }
}

fn read_rows<R: std::io::Read>(source: R, utf8_may_fail: bool, args: &RowArgs<'_>) -> std::result::Result<Read, Fail> {
    use std::io::{BufRead as _, Read as _};
    let RowArgs { file, size, q, frame, organisations, options } = *args;
    let loc = |line: Option<u64>, column: Option<&str>| Location {
        file: file.map(Path::to_path_buf),
        line,
        column: column.map(str::to_owned),
    };
    let io_fail = |e: std::io::Error| match file {
        Some(path) => Fail::Error(Error::io(path, e)),
        None => Fail::Error(Error::Csv { location: loc(None, None), message: e.to_string() }),
    };
    // The delimiter from the header line (up to its first 64 KiB): read it ahead, then put it
    // back in front of the rest.
    let mut source = std::io::BufReader::with_capacity(1 << 16, source);
    let mut head = Vec::new();
    (&mut source).take(1 << 16).read_until(b'\n', &mut head).map_err(io_fail)?;
    let delimiter = sniff_delimiter(&String::from_utf8_lossy(&head));
    let crlf = head.ends_with(b"\r\n");
    let source = std::io::Cursor::new(head).chain(source);
    let decimal = options.decimal;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(QuoteTracker::new(source, delimiter));
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => {}
        Ok(false) => {
            return Err(Fail::Error(Error::Missing {
                location: loc(None, None),
                what: "a header row (the file is empty)".into(),
            }));
        }
        Err(e) if utf8_may_fail && matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) => return Err(Fail::NotUtf8),
        Err(e) => {
            return Err(Fail::Error(Error::Csv {
                location: loc(e.position().map(csv::Position::line), None),
                message: e.to_string(),
            }));
        }
    }
    let headers: Vec<String> = record.iter().map(|h| h.trim().to_owned()).collect();
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        if !h.is_empty()
            && let Some(_first) = first_seen.insert(h.as_str(), i)
        {
            return Err(Fail::Error(Error::Duplicate {
                location: loc(Some(1), Some(h)),
                what: "column",
                value: h.clone(),
                first_line: 1,
            }));
        }
    }

    let dialect = match options.dialect {
        Dialect::Auto => detect(&headers),
        d => d,
    };
    // The platforms write numbers with a point whatever the delimiter (SQL decimals).
    let decimal = match (decimal, dialect) {
        (DecimalSeparator::Auto, Dialect::LimeSurvey | Dialect::Qualtrics) => DecimalSeparator::Point,
        (d, _) => d.resolve(delimiter),
    };
    let plan = Plan::new(&headers, q, dialect, options.unit_column.as_deref(), !options.participants.is_empty());
    if plan.respondent.is_none() {
        return Err(Fail::Error(Error::Missing {
            location: loc(Some(1), None),
            what: format!("a respondent id column ({})", id_columns(dialect).join(" or ")),
        }));
    }
    let mut report = ValidationReport::default();
    for (item, column) in plan.absent_items(q) {
        report.push(Issue {
            severity: Severity::Warning,
            kind: IssueKind::MissingColumn,
            location: loc(Some(1), Some(&column)),
            respondent: None,
            value: String::new(),
            message: format!("item {item:?} has no column {column:?}: every response is stored as not asked"),
        });
    }

    let mut rows = RowSource {
        reader,
        utf8_may_fail,
        headers: &headers,
        dialect,
        delimiter,
        file,
        skipped_header_rows: 0,
        crlf,
        last_line: record.position().map(csv::Position::line),
        spare: Vec::new(),
    };
    let mut set = ResponseSet::empty(q);
    let mut row_ok: Vec<bool> = Vec::new();
    // Append a stored batch; after the first, reserve room for the rows the input's size
    // promises, so the columns do not grow by doubling.
    let mut merge = |stored: Stored| {
        if set.is_empty()
            && let Some(total) = size
        {
            let per_row = stored.end_byte as f64 / stored.set.len().max(1) as f64;
            let expected = (total as f64 / per_row.max(1.0) * 1.02).ceil();
            if expected.is_finite() && expected < 1e9 {
                set.reserve(expected as usize);
            }
        }
        set.append(stored.set)?;
        row_ok.extend(stored.row_ok);
        report.issues.extend(stored.issues);
        Ok::<(), Error>(())
    };
    let store = |ctx: &mut RowContext<'_>, batch: &Batch| -> Stored {
        let mut set = ResponseSet::with_capacity(q, batch.records.len());
        let mut report = ValidationReport::default();
        let row_ok = batch
            .records
            .iter()
            .zip(&batch.repeats)
            .map(|(r, &repeat)| {
                let line = r.position().map_or(0, csv::Position::line);
                ctx.read_row(r, line, repeat, &plan, &headers, file, frame, organisations, &mut set, &mut report)
            })
            .collect();
        Stored { set, row_ok, issues: report.issues, end_byte: batch.end_byte }
    };

    // The first batch is read before any thread starts: a small file is stored right here.
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(4);
    let mut sequencer = Sequencer { plan: &plan, seen: SeenIds::default(), unmapped: Vec::new() };
    let first = rows.next_batch()?;
    let second = match first {
        Some(_) => rows.next_batch()?,
        None => None,
    };
    match (first, second) {
        (None, _) => {}
        (Some(mut batch), None) => {
            let mut ctx = RowContext::new(q, dialect, decimal, &options.participants, delimiter);
            sequencer.run(&mut batch);
            merge(store(&mut ctx, &batch))?;
        }
        (Some(mut b1), Some(mut b2)) if threads < 2 => {
            let mut ctx = RowContext::new(q, dialect, decimal, &options.participants, delimiter);
            sequencer.run(&mut b1);
            merge(store(&mut ctx, &b1))?;
            sequencer.run(&mut b2);
            merge(store(&mut ctx, &b2))?;
            while let Some(mut batch) = rows.next_batch()? {
                sequencer.run(&mut batch);
                merge(store(&mut ctx, &batch))?;
                rows.spare.extend(batch.records);
            }
        }
        (Some(b1), Some(b2)) => {
            // Three stages: this thread parses the CSV into batches of records; a sequencer
            // thread checks, in file order, what spans rows (repeated ids, unmapped columns);
            // `threads` workers store the cells. This thread appends the stored batches in file
            // order.
            let (seq_tx, seq_rx) = std::sync::mpsc::sync_channel::<(usize, Batch)>(threads);
            let (work_tx, work_rx) = std::sync::mpsc::sync_channel::<(usize, Batch)>(threads);
            let work_rx = std::sync::Mutex::new(work_rx);
            let (done_tx, done_rx) = std::sync::mpsc::channel::<(usize, Stored, Batch)>();
            let sequencer = &mut sequencer;
            std::thread::scope(|scope| -> std::result::Result<(), Fail> {
                scope.spawn(move || {
                    for (k, mut batch) in seq_rx {
                        sequencer.run(&mut batch);
                        if work_tx.send((k, batch)).is_err() {
                            break;
                        }
                    }
                });
                for _ in 0..threads {
                    let (done_tx, work_rx, store) = (done_tx.clone(), &work_rx, &store);
                    scope.spawn(move || {
                        let mut ctx = RowContext::new(q, dialect, decimal, &options.participants, delimiter);
                        loop {
                            let job = match work_rx.lock() {
                                Ok(rx) => rx.recv(),
                                Err(_) => break,
                            };
                            let Ok((k, batch)) = job else { break };
                            if done_tx.send((k, store(&mut ctx, &batch), batch)).is_err() {
                                break;
                            }
                        }
                    });
                }
                drop(done_tx);
                let mut pending: std::collections::BTreeMap<usize, Stored> = std::collections::BTreeMap::new();
                let (mut sent, mut merged) = (0usize, 0usize);
                let take_done = |rows: &mut RowSource<'_, R>,
                                 pending: &mut std::collections::BTreeMap<usize, Stored>,
                                 done: (usize, Stored, Batch)| {
                    let (k, stored, batch) = done;
                    rows.spare.extend(batch.records);
                    pending.insert(k, stored);
                };
                let mut next = Some(b1);
                let mut queued = Some(b2);
                while let Some(batch) = next.take() {
                    if seq_tx.send((sent, batch)).is_err() {
                        break;
                    }
                    sent += 1;
                    while let Ok(done) = done_rx.try_recv() {
                        take_done(&mut rows, &mut pending, done);
                    }
                    while let Some(stored) = pending.remove(&merged) {
                        merge(stored)?;
                        merged += 1;
                    }
                    next = match queued.take() {
                        Some(b) => Some(b),
                        None => rows.next_batch()?,
                    };
                }
                drop(seq_tx);
                for done in done_rx.iter() {
                    take_done(&mut rows, &mut pending, done);
                }
                while let Some(stored) = pending.remove(&merged) {
                    merge(stored)?;
                    merged += 1;
                }
                if merged != sent {
                    return Err(Fail::Error(Error::Csv {
                        location: loc(None, None),
                        message: format!("internal error: {} of {sent} batches of rows were stored", merged),
                    }));
                }
                Ok(())
            })?;
        }
    }
    if let Some(line) = rows.last_line
        && rows.reader.get_ref().in_quoted_cell()
    {
        return Err(Fail::Error(crate::io::unterminated_quote_error(file, line)));
    }
    for &(c, n, first_line) in &sequencer.unmapped {
        let name = headers.get(c).map_or("", String::as_str);
        report.push(Issue {
            severity: Severity::Warning,
            kind: IssueKind::UnmappedColumn,
            location: loc(Some(first_line), Some(name)),
            respondent: None,
            value: String::new(),
            message: format!(
                "column {name:?} belongs to no item of {}@{}: its {n} non-empty cells were not stored",
                q.id, q.version
            ),
        });
    }
    for &c in &plan.personal {
        let name = headers.get(c).map_or("", String::as_str);
        report.push(Issue {
            severity: Severity::Info,
            kind: IssueKind::PersonalData,
            location: loc(Some(1), Some(name)),
            respondent: None,
            value: String::new(),
            message: format!("column {name:?} holds personal data and was not stored (privacy: responses carry pseudonymous ids only)"),
        });
    }
    for &c in &plan.platform_meta {
        let name = headers.get(c).map_or("", String::as_str);
        report.push(Issue {
            severity: Severity::Info,
            kind: IssueKind::UnmappedColumn,
            location: loc(Some(1), Some(name)),
            respondent: None,
            value: String::new(),
            message: format!("platform metadata column {name:?} was not stored"),
        });
    }

    Ok(Read { set, row_ok, report, dialect })
}

/// Choose the rows kept and split the set (by moving, not copying, the values).
fn finish(read: Read, file: Option<&Path>, several_per_unit: bool) -> ImportResult {
    let Read { set, row_ok, mut report, dialect } = read;
    report.rows_read = set.len();
    let keep = if several_per_unit { row_ok.clone() } else { choose_kept(&set, &row_ok, &mut report, file) };
    let (mut responses, set_aside) = set.partition(&keep);
    // Give back the spare capacity of the columns' growth while they were read.
    shrink(&mut responses);
    report.rows_kept = responses.len();
    report.rows_set_aside = set_aside.len();
    report.issues.sort_by_key(|i| i.location.line.unwrap_or(0));
    ImportResult { responses, set_aside, report, dialect }
}

/// Give back the spare capacity of every column (a column grows by doubling while it is read).
fn shrink(set: &mut ResponseSet) {
    set.respondent_id.shrink_to_fit();
    set.unit.shrink_to_fit();
    set.status.shrink_to_fit();
    set.started.shrink_to_fit();
    set.submitted.shrink_to_fit();
    set.source_line.shrink_to_fit();
    for item in &mut set.items {
        match item {
            ItemData::Coded { levels, other_text } => {
                levels.shrink_to_fit();
                if let Some(t) = other_text {
                    t.shrink_to_fit();
                }
            }
            ItemData::Multiple { state, selected, other_text } => {
                state.shrink_to_fit();
                selected.iter_mut().for_each(Vec::shrink_to_fit);
                if let Some(t) = other_text {
                    t.shrink_to_fit();
                }
            }
            ItemData::Numeric { state, values } => {
                state.shrink_to_fit();
                values.shrink_to_fit();
            }
            ItemData::Ranking { state, ranks } => {
                state.shrink_to_fit();
                ranks.iter_mut().for_each(Vec::shrink_to_fit);
            }
            ItemData::Open { state, text } => {
                state.shrink_to_fit();
                text.shrink_to_fit();
            }
        }
    }
}

fn id_columns(d: Dialect) -> Vec<&'static str> {
    match d {
        Dialect::LimeSurvey => vec!["id"],
        Dialect::Qualtrics => vec!["ResponseId"],
        _ => vec!["respondent_id"],
    }
}

fn detect(headers: &[String]) -> Dialect {
    let has = |n: &str| headers.iter().any(|h| h.eq_ignore_ascii_case(n));
    if has("ResponseId") || (has("StartDate") && has("Finished")) {
        Dialect::Qualtrics
    } else if has("submitdate") && has("id") {
        Dialect::LimeSurvey
    } else {
        Dialect::Lomonitor
    }
}

fn is_qualtrics_header_row(record: &csv::StringRecord, headers: &[String]) -> bool {
    let id_col = headers.iter().position(|h| h == "ResponseId");
    let cell = id_col.and_then(|c| record.get(c)).unwrap_or("");
    cell.starts_with("{\"ImportId\"") || cell == "Response ID" || cell == "ResponseId"
}

/// Where each part of each item is in the file.
#[derive(Default, Clone)]
struct ItemCols {
    value: Option<usize>,
    other: Option<usize>,
    /// Per option: a 0/1 (or Y) column for multiple choice, a rank column for ranking.
    options: Vec<Option<usize>>,
    /// LimeSurvey ranking: per rank position, the column holding the option code.
    positions: Vec<Option<usize>>,
    missing: Option<usize>,
}

impl ItemCols {
    fn any(&self) -> bool {
        self.value.is_some() || self.options.iter().any(Option::is_some) || self.positions.iter().any(Option::is_some)
    }
}

struct Plan {
    respondent: Option<usize>,
    unit: Option<usize>,
    status: Option<usize>,
    started: Option<usize>,
    submitted: Option<usize>,
    version: Option<usize>,
    /// LimeSurvey: the participant's token (the unit from [`ImportOptions::participants`]).
    token: Option<usize>,
    /// Qualtrics: the response type (`Status`) and `DistributionChannel`.
    response_type: Option<usize>,
    channel: Option<usize>,
    items: Vec<ItemCols>,
    unmapped: Vec<usize>,
    personal: Vec<usize>,
    platform_meta: Vec<usize>,
    expected_names: Vec<String>,
}

const PERSONAL: &[&str] = &[
    "RecipientLastName",
    "RecipientFirstName",
    "RecipientEmail",
    "IPAddress",
    "LocationLatitude",
    "LocationLongitude",
    "ipaddr",
    "email",
    "firstname",
    "lastname",
    "name",
    "naam",
    "e-mail",
    "telefoon",
    "phone",
];

impl Plan {
    fn new(
        headers: &[String],
        q: &Questionnaire,
        dialect: Dialect,
        unit_column: Option<&str>,
        participants: bool,
    ) -> Plan {
        // Every column by name, and by lower-case name for the metadata (linear in columns).
        let mut index: HashMap<String, usize> = HashMap::with_capacity(headers.len() * 2);
        let mut lower: HashMap<String, usize> = HashMap::with_capacity(headers.len());
        for (i, h) in headers.iter().enumerate() {
            index.entry(h.clone()).or_insert(i);
            lower.entry(h.to_ascii_lowercase()).or_insert(i);
        }
        if dialect == Dialect::LimeSurvey {
            for (i, h) in headers.iter().enumerate() {
                if let Some(alias) = dialect::limesurvey::array_alias(h) {
                    index.entry(alias).or_insert(i);
                }
            }
        }
        let find = |names: &[&str]| names.iter().find_map(|n| lower.get(&n.to_ascii_lowercase()).copied());
        let (respondent, unit, status, started, submitted, version) = match dialect {
            Dialect::LimeSurvey => (
                find(&["id"]),
                unit_column.map_or_else(|| find(&["gemeentecode", "gm_code", "attribute_1", "unit"]), |u| find(&[u])),
                None,
                find(&["startdate"]),
                find(&["submitdate"]),
                None,
            ),
            Dialect::Qualtrics => (
                find(&["ResponseId"]),
                unit_column.map_or_else(
                    || find(&["ExternalReference", "ExternalDataReference", "gemeentecode"]),
                    |u| find(&[u]),
                ),
                find(&["Finished"]),
                find(&["StartDate"]),
                find(&["EndDate"]),
                None,
            ),
            _ => (
                find(&["respondent_id"]),
                unit_column.map_or_else(|| find(&["unit"]), |u| find(&[u])),
                find(&["status"]),
                find(&["started"]),
                find(&["submitted"]),
                find(&["instrument_version"]),
            ),
        };
        let mut plan = Plan {
            respondent,
            unit,
            status,
            started,
            submitted,
            version,
            token: if dialect == Dialect::LimeSurvey && participants && unit.is_none() {
                find(&["token"])
            } else {
                None
            },
            response_type: if dialect == Dialect::Qualtrics { find(&["Status"]) } else { None },
            channel: if dialect == Dialect::Qualtrics { find(&["DistributionChannel"]) } else { None },
            items: Vec::with_capacity(q.items.len()),
            unmapped: Vec::new(),
            personal: Vec::new(),
            platform_meta: Vec::new(),
            expected_names: Vec::new(),
        };
        let col = |name: &str| index.get(name).copied();
        let platform_codes = match dialect {
            Dialect::LimeSurvey | Dialect::Qualtrics => {
                Some(crate::instrument::platform::CodeMap::new(q.items.iter().map(|i| i.id.as_str())))
            }
            _ => None,
        };
        for item in &q.items {
            let mut c = ItemCols::default();
            let opts = item.options();
            // The platforms name an item by its code (the rule of `instrument::platform::codes`);
            // files written by hand may use the id.
            let names =
                platform_codes.as_ref().map_or_else(|| vec![item.id.clone()], |m| dialect::limesurvey::names(item, m));
            let col_any = |f: &dyn Fn(&str) -> String| names.iter().find_map(|n| col(&f(n)));
            let code = names.first().cloned().unwrap_or_else(|| item.id.clone());
            match (&item.kind, dialect) {
                (ItemKind::Multiple { other, .. }, Dialect::LimeSurvey) => {
                    c.options = opts
                        .iter()
                        .enumerate()
                        .map(|(k, o)| {
                            let sq = crate::instrument::platform::codes::subquestion_code(o.code);
                            col_any(&|n| format!("{n}[{sq}]")).or_else(|| col_any(&|n| format!("{n}[SQ{:03}]", k + 1)))
                        })
                        .collect();
                    c.other = other.and_then(|_| col_any(&|n| format!("{n}[other]")));
                }
                (ItemKind::Ranking { top, .. }, Dialect::LimeSurvey) => {
                    c.positions = (1..=*top).map(|k| col_any(&|n| format!("{n}[{k}]"))).collect();
                }
                (ItemKind::Single { other, .. }, Dialect::LimeSurvey) => {
                    c.value = col_any(&|n| n.to_owned());
                    c.other = other.and_then(|_| col_any(&|n| format!("{n}[other]")));
                }
                (ItemKind::Multiple { other, .. } | ItemKind::Single { other, .. }, Dialect::Qualtrics) => {
                    c.value = col_any(&|n| n.to_owned());
                    // `Q1_5_TEXT`: the choice's id, which the survey file gives as the option's
                    // position (and lomonitor's own files as its code).
                    c.other = other.and_then(|code| {
                        let pos = opts.iter().position(|o| o.code == code).map_or(0, |p| p + 1);
                        col_any(&|n| format!("{n}_{code}_TEXT")).or_else(|| col_any(&|n| format!("{n}_{pos}_TEXT")))
                    });
                }
                (ItemKind::Ranking { .. }, Dialect::Qualtrics) => {
                    c.options = opts
                        .iter()
                        .enumerate()
                        .map(|(k, o)| {
                            col_any(&|n| format!("{n}_{}", o.code)).or_else(|| col_any(&|n| format!("{n}_{}", k + 1)))
                        })
                        .collect();
                }
                (ItemKind::Multiple { other, .. }, _) => {
                    c.options = opts.iter().map(|o| col(&format!("{}_{}", item.id, o.code))).collect();
                    c.other = other.and_then(|_| col(&format!("{}_other", item.id)));
                    c.missing = col(&format!("{}_missing", item.id));
                }
                (ItemKind::Ranking { .. }, _) => {
                    c.options = opts.iter().map(|o| col(&format!("{}_{}", item.id, o.code))).collect();
                    c.missing = col(&format!("{}_missing", item.id));
                }
                (ItemKind::Single { other, .. }, _) => {
                    c.value = col(&item.id);
                    c.other = other.and_then(|_| col(&format!("{}_other", item.id)));
                }
                (_, Dialect::LimeSurvey | Dialect::Qualtrics) => c.value = col_any(&|n| n.to_owned()),
                _ => c.value = col(&item.id),
            }
            let first = opts.first().map_or(1, |o| o.code);
            plan.expected_names.push(match (&item.kind, dialect) {
                (ItemKind::Multiple { .. }, Dialect::LimeSurvey) => {
                    format!("{code}[{}]", crate::instrument::platform::codes::subquestion_code(first))
                }
                (ItemKind::Ranking { .. }, Dialect::LimeSurvey) => format!("{code}[1]"),
                (ItemKind::Ranking { .. }, Dialect::Qualtrics) => format!("{code}_{first}"),
                (ItemKind::Multiple { .. } | ItemKind::Ranking { .. }, Dialect::Lomonitor | Dialect::Auto) => {
                    format!("{}_{first}", item.id)
                }
                _ => code,
            });
            plan.items.push(c);
        }
        let mut used = vec![false; headers.len()];
        for c in [
            plan.respondent,
            plan.unit,
            plan.status,
            plan.started,
            plan.submitted,
            plan.version,
            plan.token,
            plan.response_type,
            plan.channel,
        ]
        .into_iter()
        .flatten()
        {
            if let Some(u) = used.get_mut(c) {
                *u = true;
            }
        }
        for ic in &plan.items {
            for c in [ic.value, ic.other, ic.missing]
                .into_iter()
                .chain(ic.options.iter().copied())
                .chain(ic.positions.iter().copied())
                .flatten()
            {
                if let Some(u) = used.get_mut(c) {
                    *u = true;
                }
            }
        }
        for (i, h) in headers.iter().enumerate() {
            if used.get(i).copied().unwrap_or(true) {
                continue;
            }
            if PERSONAL.iter().any(|p| p.eq_ignore_ascii_case(h)) {
                plan.personal.push(i);
            } else if (dialect == Dialect::Qualtrics && dialect::qualtrics::META.contains(&h.as_str()))
                || (dialect == Dialect::LimeSurvey && dialect::limesurvey::META.contains(&h.as_str()))
            {
                plan.platform_meta.push(i);
            } else {
                plan.unmapped.push(i);
            }
        }
        plan
    }

    fn absent_items(&self, q: &Questionnaire) -> Vec<(String, String)> {
        q.items
            .iter()
            .zip(&self.items)
            .zip(&self.expected_names)
            .filter(|((_, c), _)| !c.any())
            .map(|((it, _), name)| (it.id.clone(), name.clone()))
            .collect()
    }
}

/// What one cell (or group of cells) of an item says, before routing is applied.
#[derive(PartialEq, Eq)]
enum Parsed {
    /// Explicitly marked not asked (`NA`).
    NotAsked,
    /// Empty: seen but unanswered, or not asked when routing skipped the item.
    Empty,
    /// A valid answer or declared missing code, as the state/level to store.
    Answer,
    /// A value that could not be stored (already listed in the report).
    Invalid,
}

/// Per-row scratch: the answers so far (for routing) and the parsed values.
struct RowContext<'q> {
    q: &'q Questionnaire,
    dialect: Dialect,
    decimal: DecimalSeparator,
    /// Per item: code -> level lookup for codes 0..=255, 255 = unknown.
    small_levels: Vec<Vec<u8>>,
    /// Per item: its answer options (`Item::options` builds them afresh on every call).
    options: Vec<Vec<AnswerOption>>,
    /// Per item: the code of each stored level 0..=255 (`Item::code_of`).
    level_codes: Vec<Vec<Option<i32>>>,
    /// Per item: for each level 0..=255, the value routing sees when that level is stored (the
    /// option's code; `None` for not asked, unanswered and missing codes).
    option_values: Vec<Vec<Option<f64>>>,
    /// Per item: whether a routing condition asks for its answer.
    routes: Vec<bool>,
    /// Per item: the valid answer value for routing (codes of options; numbers).
    values: Vec<Option<f64>>,
    /// Per item: selected option codes (multiple choice).
    selected: Vec<Vec<i32>>,
    not_asked_markers: &'static [&'static str],
    unanswered_markers: &'static [&'static str],
    /// LimeSurvey participant tokens -> unit.
    participants: &'q BTreeMap<String, String>,
    /// The file's delimiter (a comma makes `1,250` ambiguous).
    delimiter: u8,
}

struct RowAnswers<'a> {
    q: &'a Questionnaire,
    values: &'a [Option<f64>],
    selected: &'a [Vec<i32>],
}

impl Answers for RowAnswers<'_> {
    fn value(&self, item: &str) -> Option<f64> {
        self.q.position(item).and_then(|i| self.values.get(i).copied().flatten())
    }
    fn selected(&self, item: &str, code: f64) -> bool {
        self.q
            .position(item)
            .and_then(|i| self.selected.get(i))
            .is_some_and(|s| s.iter().any(|&c| f64::from(c) == code))
    }
}

impl<'q> RowContext<'q> {
    fn new(
        q: &'q Questionnaire,
        dialect: Dialect,
        decimal: DecimalSeparator,
        participants: &'q BTreeMap<String, String>,
        delimiter: u8,
    ) -> Self {
        let small_levels = q
            .items
            .iter()
            .map(|it| (0..=255).map(|c| if it.is_coded() { it.level_of(c).unwrap_or(255) } else { 255 }).collect())
            .collect();
        let options = q.items.iter().map(Item::options).collect();
        let level_codes: Vec<Vec<Option<i32>>> =
            q.items.iter().map(|it| (0..=255u8).map(|l| it.code_of(l)).collect()).collect();
        let option_values = q
            .items
            .iter()
            .zip(&level_codes)
            .map(|(it, codes)| {
                let n_options = it.options().len();
                (0..=255u8)
                    .map(|l| {
                        let is_option = l >= FIRST_LEVEL && usize::from(l - FIRST_LEVEL) < n_options;
                        codes.get(usize::from(l)).copied().flatten().filter(|_| is_option).map(f64::from)
                    })
                    .collect()
            })
            .collect();
        let asked: Vec<&str> = q.items.iter().filter_map(|it| it.show_if.as_ref()).flat_map(|c| c.items()).collect();
        let routes = q.items.iter().map(|it| asked.contains(&it.id.as_str())).collect();
        let (not_asked_markers, unanswered_markers): (&[&str], &[&str]) = match dialect {
            Dialect::LimeSurvey => (&["N/A", "NULL"], &[]),
            Dialect::Qualtrics => (&[], &["-99"]),
            _ => (&["NA"], &[]),
        };
        Self {
            q,
            dialect,
            decimal,
            small_levels,
            options,
            level_codes,
            option_values,
            routes,
            values: vec![None; q.items.len()],
            selected: vec![Vec::new(); q.items.len()],
            not_asked_markers,
            unanswered_markers,
            participants,
            delimiter,
        }
    }

    /// Qualtrics leaves questions that were not displayed empty and writes `-99` for "seen but
    /// unanswered" (with its export option "Recode seen but unanswered questions as -99" on).
    fn is_not_asked(&self, cell: &str) -> bool {
        (self.dialect == Dialect::Qualtrics && cell.is_empty())
            || self.not_asked_markers.iter().any(|m| cell.eq_ignore_ascii_case(m))
    }

    fn is_empty(&self, cell: &str) -> bool {
        cell.is_empty() || self.unanswered_markers.contains(&cell)
    }

    /// Read one data row into `set`. Returns false when the row must be set aside.
    #[allow(clippy::too_many_arguments)]
    fn read_row(
        &mut self,
        record: &csv::StringRecord,
        line: u64,
        repeat_of: Option<u64>,
        plan: &Plan,
        headers: &[String],
        file: Option<&Path>,
        frame: &Frame,
        organisations: &Organisations,
        set: &mut ResponseSet,
        report: &mut ValidationReport,
    ) -> bool {
        let cell = |c: Option<usize>| trim_cell(c.and_then(|c| record.get(c)).unwrap_or(""));
        let loc = |c: Option<usize>| Location {
            file: file.map(Path::to_path_buf),
            line: Some(line),
            column: c.and_then(|c| headers.get(c).cloned()),
        };
        let mut ok = true;
        // Ids go through `neutralise` on export: `'=1` reads back as `=1`.
        let raw_id = unneutralise(cell(plan.respondent));
        let respondent = if raw_id.is_empty() {
            ok = false;
            report.push(issue(
                Severity::Error,
                IssueKind::InvalidId,
                loc(plan.respondent),
                None,
                "",
                "the respondent id is empty: the response is set aside",
            ));
            respondent_for_empty_id(line)
        } else {
            if raw_id.contains('\u{FEFF}') {
                // A byte-order mark inside the file (two files pasted together): invisible in
                // every viewer, so an id holding one is reported, not stored.
                ok = false;
                report.push(issue(
                    Severity::Error,
                    IssueKind::InvalidId,
                    loc(plan.respondent),
                    None,
                    &raw_id.replace('\u{FEFF}', "<U+FEFF>"),
                    "the respondent id holds an invisible U+FEFF (a byte-order mark inside the file): the response is set aside",
                ));
            }
            raw_id.to_owned()
        };
        if let Some(first) = repeat_of {
            ok = false;
            report.push(issue(
                Severity::Error,
                IssueKind::DuplicateRespondent,
                loc(plan.respondent),
                Some(&respondent),
                raw_id,
                &format!("respondent id also on line {first}: this response is set aside"),
            ));
        }
        let rid = Some(respondent.as_str());

        let (raw_unit, unit_col) = match plan.token {
            Some(t) => (self.participants.get(cell(Some(t))).map_or("", String::as_str), Some(t)),
            None => (cell(plan.unit), plan.unit),
        };
        if plan.token.is_some() && raw_unit.is_empty() {
            ok = false;
            report.push(issue(
                Severity::Error,
                IssueKind::UnknownUnit,
                loc(plan.token),
                rid,
                cell(plan.token),
                "the token is not one of the participants': the response is set aside",
            ));
        }
        let unit = match Unit::parse(raw_unit) {
            Ok(u) => {
                let known = match &u {
                    Unit::Municipality(c) => frame.get(*c).is_some(),
                    Unit::Organisation(o) => organisations.get(o).is_some(),
                };
                if !known {
                    ok = false;
                    report.push(issue(
                        Severity::Error,
                        IssueKind::UnknownUnit,
                        loc(unit_col),
                        rid,
                        raw_unit,
                        &format!("not a municipality of the frame of {} nor an organisation of the study: the response is set aside", frame.reference_date()),
                    ));
                }
                match &u {
                    Unit::Municipality(c) if known => match organisations.serving(*c) {
                        Some(org) => {
                            report.push(issue(
                                Severity::Warning,
                                IssueKind::MemberOfOrganisation,
                                loc(plan.unit),
                                rid,
                                raw_unit,
                                &format!(
                                    "{} is a member of werkorganisatie {:?} ({}), which answers for its members: counted as the response of {}",
                                    frame.get(*c).map_or_else(|| c.to_string(), |m| m.name.clone()),
                                    org.id.as_str(),
                                    org.name,
                                    org.id.as_str()
                                ),
                            ));
                            Unit::Organisation(org.id.clone())
                        }
                        None => u,
                    },
                    _ => u,
                }
            }
            Err(_) if plan.token.is_some() && raw_unit.is_empty() => Unit::Municipality(
                crate::frame::MunicipalityCode::from_cbs_number(9999).unwrap_or_else(|_| unreachable_code()),
            ),
            Err(_) => {
                ok = false;
                let what = if unit_col.is_none() {
                    "the file has no unit column"
                } else {
                    "not a municipality code (GM + 4 digits) or organisation id"
                };
                report.push(issue(
                    Severity::Error,
                    IssueKind::InvalidId,
                    loc(unit_col),
                    rid,
                    raw_unit,
                    &format!("{what}: the response is set aside"),
                ));
                Unit::Municipality(
                    crate::frame::MunicipalityCode::from_cbs_number(9999).unwrap_or_else(|_| unreachable_code()),
                )
            }
        };

        let mut timestamp = |c: Option<usize>, what: &str| {
            let raw = cell(c);
            if raw.is_empty() {
                return None;
            }
            let t = parse_timestamp(raw);
            if t.is_none() {
                report.push(issue(
                    Severity::Warning,
                    IssueKind::InvalidDate,
                    loc(c),
                    rid,
                    raw,
                    &format!(
                        "cannot read the {what} time (use 2025-03-04 10:15:00 or 4-3-2025 10:15); stored as unknown"
                    ),
                ));
            }
            t
        };
        let started = timestamp(plan.started, "start");
        let submitted = timestamp(plan.submitted, "submission");

        let status = match self.dialect {
            Dialect::LimeSurvey => {
                if cell(plan.submitted).is_empty() {
                    Status::Partial
                } else {
                    Status::Complete
                }
            }
            Dialect::Qualtrics => match cell(plan.status) {
                "1" => Status::Complete,
                "0" => Status::Partial,
                s if s.eq_ignore_ascii_case("true") => Status::Complete,
                s if s.eq_ignore_ascii_case("false") => Status::Partial,
                other => {
                    report.push(issue(
                        Severity::Warning,
                        IssueKind::InvalidStatus,
                        loc(plan.status),
                        rid,
                        other,
                        "Finished must be 1/0 or True/False; taken as partial",
                    ));
                    Status::Partial
                }
            },
            _ => match cell(plan.status) {
                s if ["complete", "completed", "volledig", "compleet"].iter().any(|w| s.eq_ignore_ascii_case(w)) => {
                    Status::Complete
                }
                s if ["partial", "incomplete", "gedeeltelijk", "onvolledig"]
                    .iter()
                    .any(|w| s.eq_ignore_ascii_case(w)) =>
                {
                    Status::Partial
                }
                other => {
                    report.push(issue(
                        Severity::Warning,
                        IssueKind::InvalidStatus,
                        loc(plan.status),
                        rid,
                        other,
                        "status must be complete or partial; taken as partial",
                    ));
                    Status::Partial
                }
            },
        };
        if plan.response_type.is_some() || plan.channel.is_some() {
            let (kind, channel) = (cell(plan.response_type), cell(plan.channel));
            if let Some(why) = dialect::qualtrics::not_a_response(kind, channel) {
                ok = false;
                let by_kind = dialect::qualtrics::not_a_response(kind, "").is_some();
                let col = if by_kind { plan.response_type } else { plan.channel };
                report.push(issue(
                    Severity::Warning,
                    IssueKind::NotAResponse,
                    loc(col),
                    rid,
                    if by_kind { kind } else { channel },
                    &format!("the response is {why}, not a respondent's: set aside"),
                ));
            }
        }
        if let Some(vc) = plan.version {
            let v = cell(Some(vc));
            if !v.is_empty() && v != self.q.version.trim() {
                ok = false;
                report.push(issue(
                    Severity::Error,
                    IssueKind::WrongVersion,
                    loc(Some(vc)),
                    rid,
                    v,
                    &format!(
                        "the response belongs to version {v:?}, the questionnaire is version {:?}: set aside",
                        self.q.version
                    ),
                ));
            }
        }

        set.unit.push(unit);
        set.status.push(status);
        set.started.push(started);
        set.submitted.push(submitted);
        set.source_line.push(line);

        for v in &mut self.values {
            *v = None;
        }
        for s in &mut self.selected {
            s.clear();
        }
        let q = self.q;
        for (i, (item, cols)) in q.items.iter().zip(&plan.items).enumerate() {
            let shown = item
                .show_if
                .as_ref()
                .is_none_or(|c| c.eval(&RowAnswers { q, values: &self.values, selected: &self.selected }));
            let Some(data) = set.items.get_mut(i) else { continue };
            // A shown single-choice or Likert item answered with one digit that is one of its
            // codes (nearly every cell of a large file): the level straight from the item's table.
            // This is exactly what `read_item` stores for such a cell, without its general checks.
            if shown
                && let ItemData::Coded { levels, other_text: None } = data
                && let Some(c) = cols.value
                && let Some(&[d @ b'0'..=b'9']) = record.get(c).map(str::as_bytes)
                && let Some(&level) = self.small_levels.get(i).and_then(|t| t.get(usize::from(d - b'0')))
                && level != 255
            {
                levels.push(level);
                if self.routes.get(i).copied().unwrap_or(true)
                    && let Some(v) = self.values.get_mut(i)
                {
                    *v = self.option_values.get(i).and_then(|t| t.get(usize::from(level))).copied().flatten();
                }
                continue;
            }
            let mut ctx = CellCtx { record, cols, headers, line, file, respondent: &respondent, status, shown, report };
            self.read_item(i, item, data, &mut ctx);
        }
        set.respondent_id.push(respondent);
        ok
    }

    fn read_item(&mut self, i: usize, item: &Item, data: &mut ItemData, cx: &mut CellCtx<'_>) {
        let opts: &[AnswerOption] = self.options.get(i).map_or(&[], Vec::as_slice);
        let n_options = opts.len();
        match data {
            ItemData::Coded { levels, other_text } => {
                let raw = cx.cell(cx.cols.value);
                // One digit (the common case): its level straight from the table. A digit is no
                // marker and not empty, so this is what the general path below gives too.
                let digit = match raw.as_bytes() {
                    [d @ b'0'..=b'9'] => self
                        .small_levels
                        .get(i)
                        .and_then(|t| t.get(usize::from(d - b'0')))
                        .copied()
                        .filter(|&l| l != 255),
                    _ => None,
                };
                let (parsed, level) = if let Some(l) = digit {
                    (Parsed::Answer, l)
                } else if self.is_not_asked(raw) {
                    (Parsed::NotAsked, NOT_ASKED)
                } else if self.is_empty(raw) {
                    (Parsed::Empty, UNANSWERED)
                } else {
                    let lvl = parse_code(raw)
                        .and_then(|c| {
                            if (0..=255).contains(&c) {
                                self.small_levels
                                    .get(i)
                                    .and_then(|t| t.get(usize::try_from(c).ok()?))
                                    .copied()
                                    .filter(|&l| l != 255)
                            } else {
                                item.level_of(c)
                            }
                        })
                        .or_else(|| self.other_marker(item, raw))
                        .or_else(|| self.platform_code(i, item, raw).and_then(|c| item.level_of(c)));
                    match lvl {
                        Some(l) => (Parsed::Answer, l),
                        None => {
                            let codes: Vec<String> = item
                                .options()
                                .iter()
                                .map(|o| o.code.to_string())
                                .chain(item.missing.iter().map(|m| m.code.to_string()))
                                .collect();
                            cx.push(
                                Severity::Error,
                                IssueKind::UnknownCode,
                                cx.cols.value,
                                raw,
                                &format!(
                                    "not a code of item {:?} (codes: {}); stored as unanswered",
                                    item.id,
                                    codes.join(", ")
                                ),
                            );
                            (Parsed::Empty, UNANSWERED)
                        }
                    }
                };
                let other = cx.cell(cx.cols.other).to_owned();
                let stored = cx.resolve(parsed, level, item, cx.cols.value, raw);
                if stored >= FIRST_LEVEL && usize::from(stored - FIRST_LEVEL) < n_options {
                    let code = self
                        .level_codes
                        .get(i)
                        .and_then(|t| t.get(usize::from(stored)))
                        .copied()
                        .flatten()
                        .map(f64::from);
                    if let Some(v) = self.values.get_mut(i) {
                        *v = code;
                    }
                }
                levels.push(stored);
                if let Some(t) = other_text {
                    let keep = if stored >= FIRST_LEVEL {
                        unneutralise(&other).to_owned()
                    } else {
                        self.other_dropped(item, cx, stored);
                        String::new()
                    };
                    cx.formula_check(cx.cols.other, &keep);
                    t.push(keep);
                }
            }
            ItemData::Multiple { state, selected, other_text } => {
                let mut picks = vec![0u8; n_options];
                let mut st;
                if let Some(c) = cx.cols.value {
                    // Qualtrics: "1,3,5" in one cell.
                    let raw = cx.cell(Some(c));
                    if self.is_not_asked(raw) {
                        st = (Parsed::NotAsked, NOT_ASKED);
                    } else if self.is_empty(raw) {
                        st = (Parsed::Empty, UNANSWERED);
                    } else {
                        st = (Parsed::Answer, ANSWERED);
                        // Choice text may hold a comma: a part that is no code is joined to the
                        // next until the two make a choice's text.
                        let mut pending = String::new();
                        for piece in raw.split(',') {
                            let text =
                                if pending.is_empty() { piece.trim().to_owned() } else { format!("{pending},{piece}") };
                            if text.is_empty() {
                                continue;
                            }
                            let part = text.trim();
                            let code = match parse_code(part) {
                                Some(c) => Some(c),
                                None => match self.platform_code(i, item, part) {
                                    Some(c) => Some(c),
                                    None => {
                                        pending = text;
                                        continue;
                                    }
                                },
                            };
                            pending.clear();
                            match code {
                                Some(code) if opts.iter().any(|o| o.code == code) => {
                                    if let Some(k) =
                                        opts.iter().position(|o| o.code == code).and_then(|k| picks.get_mut(k))
                                    {
                                        *k = 1;
                                    }
                                }
                                Some(code) if item.missing_index(code).is_some() => {
                                    st = (
                                        Parsed::Answer,
                                        MISSING_BASE + u8::try_from(item.missing_index(code).unwrap_or(0)).unwrap_or(0),
                                    );
                                }
                                _ => cx.push(
                                    Severity::Error,
                                    IssueKind::UnknownCode,
                                    Some(c),
                                    part,
                                    &format!("not an option code of item {:?}; not stored", item.id),
                                ),
                            }
                        }
                        if !pending.trim().is_empty() {
                            cx.push(
                                Severity::Error,
                                IssueKind::UnknownCode,
                                Some(c),
                                pending.trim(),
                                &format!("not an option code of item {:?}; not stored", item.id),
                            );
                        }
                        if st.1 == ANSWERED && picks.iter().all(|&p| p == 0) {
                            st = (Parsed::Empty, UNANSWERED);
                        }
                    }
                } else {
                    let mut any_marker = false;
                    let mut all_empty = true;
                    let mut marker_cols: Vec<Option<usize>> = Vec::new();
                    for (k, col) in cx.cols.options.iter().enumerate() {
                        let raw = cx.cell(*col);
                        if self.is_not_asked(raw) {
                            any_marker = true;
                            marker_cols.push(*col);
                            continue;
                        }
                        if raw.is_empty() {
                            continue;
                        }
                        all_empty = false;
                        let v = match raw {
                            "1" | "Y" | "y" | "1.0" => 1,
                            "0" | "N" | "n" | "0.0" => 0,
                            _ if self.dialect == Dialect::LimeSurvey && dialect::limesurvey::choice(raw).is_some() => {
                                dialect::limesurvey::choice(raw).unwrap_or(0)
                            }
                            _ => {
                                cx.push(
                                    Severity::Error,
                                    IssueKind::UnknownCode,
                                    *col,
                                    raw,
                                    "expected 1/0 (or Y/N) for a selected/unselected option; not stored",
                                );
                                0
                            }
                        };
                        if let Some(p) = picks.get_mut(k) {
                            *p = v;
                        }
                    }
                    // LimeSurvey's multiple choice has no subquestion for its "other": the text
                    // in `Q[other]` is the choice.
                    if let ItemKind::Multiple { other: Some(oc), .. } = &item.kind
                        && let Some(k) = opts.iter().position(|o| o.code == *oc)
                        && cx.cols.options.get(k).is_some_and(Option::is_none)
                        && cx.cols.other.is_some()
                    {
                        let text = cx.cell(cx.cols.other);
                        if !text.is_empty() && !self.is_not_asked(text) {
                            if let Some(p) = picks.get_mut(k) {
                                *p = 1;
                            }
                            all_empty = false;
                        }
                    }
                    let mraw = cx.cell(cx.cols.missing);
                    st = if !mraw.is_empty() && !self.is_not_asked(mraw) {
                        match parse_code(mraw).and_then(|c| item.missing_index(c)) {
                            Some(m) => (Parsed::Answer, MISSING_BASE + u8::try_from(m).unwrap_or(0)),
                            None => {
                                cx.push(
                                    Severity::Error,
                                    IssueKind::UnknownCode,
                                    cx.cols.missing,
                                    mraw,
                                    &format!("not a missing code of item {:?}; not stored", item.id),
                                );
                                (Parsed::Empty, UNANSWERED)
                            }
                        }
                    } else if picks.contains(&1) {
                        (Parsed::Answer, ANSWERED)
                    } else if any_marker && all_empty {
                        (Parsed::NotAsked, NOT_ASKED)
                    } else {
                        // All 0 or all empty: seen, nothing chosen.
                        (Parsed::Empty, UNANSWERED)
                    };
                    if any_marker && !all_empty {
                        for col in marker_cols {
                            let raw = cx.cell(col).to_owned();
                            cx.push(
                                Severity::Warning,
                                IssueKind::NotAskedBesideAnswer,
                                col,
                                &raw,
                                &format!(
                                    "not asked beside answers to the other options of item {:?}; read as not chosen",
                                    item.id
                                ),
                            );
                        }
                    }
                    if st.0 == Parsed::Answer && st.1 >= MISSING_BASE {
                        for (k, col) in cx.cols.options.iter().enumerate() {
                            if picks.get(k) == Some(&1) {
                                let raw = cx.cell(*col).to_owned();
                                cx.push(
                                    Severity::Error,
                                    IssueKind::AnswerBesideMissing,
                                    *col,
                                    &raw,
                                    &format!("option chosen beside the missing code {mraw} of item {:?}: the missing code is stored, the choice is not", item.id),
                                );
                            }
                        }
                    }
                }
                if let ItemKind::Multiple { exclusive, .. } = &item.kind
                    && st.1 == ANSWERED
                {
                    let chosen = picks.iter().filter(|&&p| p == 1).count();
                    for (k, o) in opts.iter().enumerate() {
                        if exclusive.contains(&o.code) && picks.get(k) == Some(&1) && chosen > 1 {
                            let col = cx.cols.options.get(k).copied().flatten().or(cx.cols.value);
                            cx.push(
                                Severity::Warning,
                                IssueKind::ExclusiveViolated,
                                col,
                                &o.code.to_string(),
                                &format!(
                                    "option {} ({}) excludes the others but was chosen with {} more; stored as given",
                                    o.code,
                                    o.label.nl,
                                    chosen - 1
                                ),
                            );
                        }
                    }
                }
                let value_col = cx.cols.value.or_else(|| cx.cols.options.iter().flatten().next().copied());
                let stored = cx.resolve(st.0, st.1, item, value_col, "");
                if stored != ANSWERED {
                    picks.iter_mut().for_each(|p| *p = 0);
                }
                if let Some(s) = self.selected.get_mut(i) {
                    s.extend(opts.iter().zip(&picks).filter(|(_, p)| **p == 1).map(|(o, _)| o.code));
                }
                state.push(stored);
                for (col, p) in selected.iter_mut().zip(&picks) {
                    col.push(*p);
                }
                if let Some(t) = other_text {
                    let other = if stored == ANSWERED {
                        unneutralise(cx.cell(cx.cols.other)).to_owned()
                    } else {
                        self.other_dropped(item, cx, stored);
                        String::new()
                    };
                    cx.formula_check(cx.cols.other, &other);
                    t.push(other);
                }
            }
            ItemData::Numeric { state, values } => {
                let raw = cx.cell(cx.cols.value);
                let mut value = 0.0;
                let (parsed, st) = if self.is_not_asked(raw) {
                    (Parsed::NotAsked, NOT_ASKED)
                } else if self.is_empty(raw) {
                    (Parsed::Empty, UNANSWERED)
                } else {
                    match parse_number(raw, self.decimal) {
                        Ok(v)
                            if self.decimal == DecimalSeparator::Point
                                && self.delimiter == b','
                                && raw.contains(',') =>
                        {
                            cx.push(
                                Severity::Warning,
                                IssueKind::AmbiguousNumber,
                                cx.cols.value,
                                raw,
                                &format!("a comma in a number of a ,-delimited file: thousands (1,250) or decimals (1,5)? Read as {v}; name the decimal separator to be sure"),
                            );
                            match numeric_problem(item, v) {
                                None => {
                                    value = v;
                                    (Parsed::Answer, ANSWERED)
                                }
                                Some((kind, msg)) => {
                                    cx.push(
                                        Severity::Error,
                                        kind,
                                        cx.cols.value,
                                        raw,
                                        &format!("{msg}; stored as unanswered"),
                                    );
                                    (Parsed::Empty, UNANSWERED)
                                }
                            }
                        }
                        Ok(v) => match parse_code(raw).and_then(|c| item.missing_index(c)) {
                            Some(m) if f64::from(parse_code(raw).unwrap_or(0)) == v => {
                                (Parsed::Answer, MISSING_BASE + u8::try_from(m).unwrap_or(0))
                            }
                            _ => match numeric_problem(item, v) {
                                None => {
                                    value = v;
                                    (Parsed::Answer, ANSWERED)
                                }
                                Some((kind, msg)) => {
                                    cx.push(
                                        Severity::Error,
                                        kind,
                                        cx.cols.value,
                                        raw,
                                        &format!("{msg}; stored as unanswered"),
                                    );
                                    (Parsed::Empty, UNANSWERED)
                                }
                            },
                        },
                        Err(p) => {
                            let (kind, msg) = match p {
                                NumberProblem::SpreadsheetError => {
                                    (IssueKind::SpreadsheetError, "a spreadsheet error value, not a number")
                                }
                                NumberProblem::NotANumber => {
                                    (IssueKind::NotANumber, "not a number (write 1250 or 1.250,5 in Dutch files)")
                                }
                            };
                            cx.push(Severity::Error, kind, cx.cols.value, raw, &format!("{msg}; stored as unanswered"));
                            (Parsed::Invalid, UNANSWERED)
                        }
                    }
                };
                let stored = cx.resolve(parsed, st, item, cx.cols.value, raw);
                if stored == ANSWERED {
                    if let Some(v) = self.values.get_mut(i) {
                        *v = Some(value);
                    }
                } else {
                    value = 0.0;
                }
                state.push(stored);
                values.push(value);
            }
            ItemData::Ranking { state, ranks } => {
                let top = match item.kind {
                    ItemKind::Ranking { top, .. } => top,
                    _ => 0,
                };
                let mut given = vec![0u8; n_options];
                let mut marker = false;
                let mut problem: Option<(Option<usize>, String, String)> = None;
                if cx.cols.positions.is_empty() {
                    for (k, col) in cx.cols.options.iter().enumerate() {
                        let raw = cx.cell(*col);
                        if self.is_not_asked(raw) {
                            marker = true;
                            continue;
                        }
                        if self.is_empty(raw) {
                            continue;
                        }
                        match parse_code(raw).and_then(|r| u8::try_from(r).ok()).filter(|r| (1..=top).contains(r)) {
                            Some(r) if given.contains(&r) => {
                                problem = Some((*col, raw.to_owned(), format!("rank {r} is given to two options")));
                            }
                            Some(r) => {
                                if let Some(g) = given.get_mut(k) {
                                    *g = r;
                                }
                            }
                            None => problem = Some((*col, raw.to_owned(), format!("a rank must be 1..{top}"))),
                        }
                    }
                } else {
                    for (pos, col) in cx.cols.positions.iter().enumerate() {
                        let raw = cx.cell(*col);
                        if self.is_not_asked(raw) {
                            marker = true;
                            continue;
                        }
                        if raw.is_empty() {
                            continue;
                        }
                        let code = parse_code(raw).or_else(|| self.platform_code(i, item, raw));
                        match code.and_then(|c| opts.iter().position(|o| o.code == c)) {
                            Some(k) => {
                                if let Some(g) = given.get_mut(k) {
                                    if *g != 0 {
                                        problem =
                                            Some((*col, raw.to_owned(), "the same option is ranked twice".into()));
                                    }
                                    *g = u8::try_from(pos + 1).unwrap_or(0);
                                }
                            }
                            None => {
                                problem =
                                    Some((*col, raw.to_owned(), format!("not an option code of item {:?}", item.id)))
                            }
                        }
                    }
                }
                let mraw = cx.cell(cx.cols.missing);
                let mut sorted: Vec<u8> = given.iter().copied().filter(|&r| r > 0).collect();
                sorted.sort_unstable();
                if problem.is_none() && sorted.iter().enumerate().any(|(k, &r)| usize::from(r) != k + 1) {
                    let col = cx.cols.options.iter().chain(&cx.cols.positions).flatten().next().copied();
                    problem =
                        Some((col, format!("{sorted:?}"), "ranks must be 1, 2, ... without repeats or gaps".into()));
                }
                let (parsed, st) = if let Some((col, raw, msg)) = problem {
                    cx.push(
                        Severity::Error,
                        IssueKind::InvalidRanking,
                        col,
                        &raw,
                        &format!("{msg}; the ranking is stored as unanswered"),
                    );
                    given.iter_mut().for_each(|g| *g = 0);
                    (Parsed::Empty, UNANSWERED)
                } else if !mraw.is_empty() && !self.is_not_asked(mraw) {
                    match parse_code(mraw).and_then(|c| item.missing_index(c)) {
                        Some(m) => {
                            for (k, col) in cx.cols.options.iter().enumerate() {
                                if given.get(k).is_some_and(|&g| g > 0) {
                                    let raw = cx.cell(*col).to_owned();
                                    cx.push(
                                        Severity::Error,
                                        IssueKind::AnswerBesideMissing,
                                        *col,
                                        &raw,
                                        &format!("rank given beside the missing code {mraw} of item {:?}: the missing code is stored, the rank is not", item.id),
                                    );
                                }
                            }
                            (Parsed::Answer, MISSING_BASE + u8::try_from(m).unwrap_or(0))
                        }
                        None => {
                            cx.push(
                                Severity::Error,
                                IssueKind::UnknownCode,
                                cx.cols.missing,
                                mraw,
                                "not a missing code of the item; not stored",
                            );
                            (Parsed::Empty, UNANSWERED)
                        }
                    }
                } else if !sorted.is_empty() {
                    (Parsed::Answer, ANSWERED)
                } else if marker {
                    (Parsed::NotAsked, NOT_ASKED)
                } else {
                    (Parsed::Empty, UNANSWERED)
                };
                let col = cx.cols.options.iter().chain(&cx.cols.positions).flatten().next().copied();
                let stored = cx.resolve(parsed, st, item, col, "");
                if stored != ANSWERED {
                    given.iter_mut().for_each(|g| *g = 0);
                }
                state.push(stored);
                for (c, g) in ranks.iter_mut().zip(&given) {
                    c.push(*g);
                }
            }
            ItemData::Open { state, text } => {
                let raw = cx.cell(cx.cols.value);
                let (parsed, st) = if self.is_not_asked(raw) {
                    (Parsed::NotAsked, NOT_ASKED)
                } else if self.is_empty(raw) {
                    (Parsed::Empty, UNANSWERED)
                } else {
                    (Parsed::Answer, ANSWERED)
                };
                let stored = cx.resolve(parsed, st, item, cx.cols.value, raw);
                let keep = if stored == ANSWERED { unneutralise(raw).to_owned() } else { String::new() };
                cx.formula_check(cx.cols.value, &keep);
                state.push(stored);
                text.push(keep);
            }
        }
    }

    /// The code a platform wrote in a cell that is no plain number: LimeSurvey's answer codes
    /// (`A1`, `AO01`) and full answers (the option's text, the translated "Other"), Qualtrics'
    /// choice text.
    fn platform_code(&self, i: usize, item: &Item, raw: &str) -> Option<i32> {
        let opts = self.options.get(i).map_or(&[][..], Vec::as_slice);
        match self.dialect {
            Dialect::LimeSurvey => dialect::limesurvey::code_of(item, opts, raw).or(match &item.kind {
                ItemKind::Single { other: Some(c), .. } if dialect::limesurvey::is_other_text(raw) => Some(*c),
                _ => None,
            }),
            Dialect::Qualtrics => dialect::code_of_label(item, opts, raw),
            _ => None,
        }
    }

    /// Report an "anders, namelijk" text that is not stored because its item holds no answer
    /// (empty, not asked or a missing code).
    fn other_dropped(&self, item: &Item, cx: &mut CellCtx<'_>, stored: u8) {
        let text = cx.cell(cx.cols.other);
        if text.is_empty() || self.is_not_asked(text) || self.is_empty(text) {
            return;
        }
        let why = match stored {
            NOT_ASKED => "not asked",
            UNANSWERED => "unanswered",
            _ => "a missing code",
        };
        let text = text.to_owned();
        cx.push(
            Severity::Error,
            IssueKind::OtherWithoutAnswer,
            cx.cols.other,
            &text,
            &format!("an \"anders, namelijk\" text while item {:?} is {why}: the text is not stored", item.id),
        );
    }

    /// LimeSurvey writes `-oth-` for the "other" option of a list question.
    fn other_marker(&self, item: &Item, raw: &str) -> Option<u8> {
        match (&item.kind, self.dialect) {
            (ItemKind::Single { other: Some(code), .. }, Dialect::LimeSurvey) if raw == "-oth-" => item.level_of(*code),
            _ => None,
        }
    }
}

fn numeric_problem(item: &Item, v: f64) -> Option<(IssueKind, String)> {
    if let ItemKind::Numeric { min, max, integer, .. } = &item.kind {
        if *integer && v.fract() != 0.0 {
            return Some((IssueKind::NotInteger, format!("item {:?} takes whole numbers", item.id)));
        }
        if min.is_some_and(|m| v < m) || max.is_some_and(|m| v > m) {
            let range =
                format!("{}..{}", min.map_or("".into(), |m| m.to_string()), max.map_or("".into(), |m| m.to_string()));
            return Some((IssueKind::OutOfRange, format!("outside the range {range} of item {:?}", item.id)));
        }
    }
    None
}

/// Everything a cell reader needs about the current row.
struct CellCtx<'a> {
    record: &'a csv::StringRecord,
    cols: &'a ItemCols,
    headers: &'a [String],
    line: u64,
    file: Option<&'a Path>,
    respondent: &'a str,
    status: Status,
    shown: bool,
    report: &'a mut ValidationReport,
}

impl<'a> CellCtx<'a> {
    fn cell(&self, c: Option<usize>) -> &'a str {
        trim_cell(c.and_then(|c| self.record.get(c)).unwrap_or(""))
    }

    fn push(&mut self, severity: Severity, kind: IssueKind, col: Option<usize>, value: &str, message: &str) {
        let location = Location {
            file: self.file.map(Path::to_path_buf),
            line: Some(self.line),
            column: col.and_then(|c| self.headers.get(c).cloned()),
        };
        self.report.push(issue(severity, kind, location, Some(self.respondent), value, message));
    }

    fn formula_check(&mut self, col: Option<usize>, text: &str) {
        if looks_like_formula(text) {
            self.push(
                Severity::Warning,
                IssueKind::Formula,
                col,
                text,
                "text that a spreadsheet would run as a formula; stored as text and neutralised on export",
            );
        }
    }

    /// Apply routing and required-ness to what a cell says; return the state/level to store.
    fn resolve(&mut self, parsed: Parsed, value: u8, item: &Item, col: Option<usize>, raw: &str) -> u8 {
        match parsed {
            Parsed::NotAsked => NOT_ASKED,
            Parsed::Empty | Parsed::Invalid if !self.shown => NOT_ASKED,
            Parsed::Invalid => UNANSWERED,
            Parsed::Empty => {
                if item.required && self.status == Status::Complete {
                    self.push(
                        Severity::Warning,
                        IssueKind::RequiredMissing,
                        col,
                        "",
                        &format!("required item {:?} is empty in a complete response", item.id),
                    );
                }
                UNANSWERED
            }
            Parsed::Answer if !self.shown => {
                let shown_value = if raw.is_empty() { "(answer)".to_owned() } else { raw.to_owned() };
                let cond = item.show_if.as_ref().map(ToString::to_string).unwrap_or_default();
                self.push(
                    Severity::Warning,
                    IssueKind::RoutedAnswer,
                    col,
                    &shown_value,
                    &format!("answered although routing ({cond}) skips item {:?}; stored as not asked", item.id),
                );
                NOT_ASKED
            }
            Parsed::Answer => value,
        }
    }
}

fn issue(
    severity: Severity,
    kind: IssueKind,
    location: Location,
    respondent: Option<&str>,
    value: &str,
    message: &str,
) -> Issue {
    Issue {
        severity,
        kind,
        location,
        respondent: respondent.map(str::to_owned),
        value: value.to_owned(),
        message: message.to_owned(),
    }
}

fn unreachable_code() -> crate::frame::MunicipalityCode {
    // GM9999 always parses; this function only satisfies the type checker without a panic path.
    "GM9999".parse().unwrap_or_else(|_| unreachable_code())
}

/// Which rows to keep: valid rows, one per unit (the latest complete response; else the latest
/// partial one). The others are listed in the report.
fn choose_kept(set: &ResponseSet, row_ok: &[bool], report: &mut ValidationReport, file: Option<&Path>) -> Vec<bool> {
    let mut keep: Vec<bool> = row_ok.to_vec();
    let mut best: HashMap<&Unit, usize> = HashMap::new();
    let rank = |i: usize| {
        (
            set.status.get(i) == Some(&Status::Complete),
            set.submitted.get(i).copied().flatten(),
            set.source_line.get(i).copied().unwrap_or(0),
        )
    };
    for i in 0..set.len() {
        if !keep.get(i).copied().unwrap_or(false) {
            continue;
        }
        let Some(unit) = set.unit.get(i) else { continue };
        match best.get(unit).copied() {
            None => {
                best.insert(unit, i);
            }
            Some(j) => {
                let (winner, loser) = if rank(i) > rank(j) { (i, j) } else { (j, i) };
                best.insert(unit, winner);
                if let Some(k) = keep.get_mut(loser) {
                    *k = false;
                }
                let line = set.source_line.get(loser).copied();
                report.push(Issue {
                    severity: Severity::Warning,
                    kind: IssueKind::DuplicateUnit,
                    location: Location { file: file.map(Path::to_path_buf), line, column: None },
                    respondent: set.respondent_id.get(loser).cloned(),
                    value: unit.to_string(),
                    message: format!(
                        "a second response for {unit}: the response on line {} ({}) is kept, this one is set aside",
                        set.source_line.get(winner).copied().unwrap_or(0),
                        set.status.get(winner).map_or("", |s| s.as_str())
                    ),
                });
            }
        }
    }
    keep
}
