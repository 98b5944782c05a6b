//! Reading the files users hand us: text encodings, delimiters and CSV tables.
//!
//! Researchers' spreadsheets come from Dutch Excel (`;` delimiter, decimal comma, a UTF-8 BOM or
//! Windows-1252 text), from survey platforms (`,` delimiter, UTF-8) and from hand edits. This
//! module turns any of those into a [`CsvTable`]: a header and rows of strings, each row with its
//! line number, so every later error can name file, line, column and value.

use std::path::{Path, PathBuf};

use crate::error::{Error, Location, Result};

/// The text encoding a file turned out to have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextEncoding {
    /// UTF-8, without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (what Excel's "CSV UTF-8" writes).
    Utf8Bom,
    /// Windows-1252 (what Excel's plain "CSV" writes on a Dutch Windows machine).
    Windows1252,
    /// UTF-16 with a byte-order mark (what Excel's "Unicode text" writes).
    Utf16,
}

/// Decode the bytes of a text file: UTF-16 or UTF-8 with a byte-order mark, UTF-8 without one,
/// else Windows-1252.
///
/// Windows-1252 maps every byte to a character, so decoding never fails; a file that is not
/// UTF-8 is taken to be Windows-1252, which is what Dutch Excel writes.
pub fn decode_text(bytes: &[u8]) -> (String, TextEncoding) {
    if let Some(text) = decode_utf16(bytes) {
        return (text, TextEncoding::Utf16);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let (text, _) = encoding_rs::UTF_8.decode_without_bom_handling(rest);
        return (text.into_owned(), TextEncoding::Utf8Bom);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), TextEncoding::Utf8),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text.into_owned(), TextEncoding::Windows1252)
        }
    }
}

/// Like [`decode_text`], taking the bytes by value: UTF-8 text (with or without BOM) becomes the
/// `String` in place, without a copy, so a large file is held in memory once, not twice.
pub fn decode_bytes(mut bytes: Vec<u8>) -> (String, TextEncoding) {
    if let Some(text) = decode_utf16(&bytes) {
        return (text, TextEncoding::Utf16);
    }
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    if bom {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => (text, if bom { TextEncoding::Utf8Bom } else { TextEncoding::Utf8 }),
        Err(e) if bom => {
            let (text, _) = encoding_rs::UTF_8.decode_without_bom_handling(e.as_bytes());
            (text.into_owned(), TextEncoding::Utf8Bom)
        }
        Err(e) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(e.as_bytes());
            (text.into_owned(), TextEncoding::Windows1252)
        }
    }
}

/// UTF-16 text with a byte-order mark, decoded (unpaired surrogates become U+FFFD); `None`
/// without a UTF-16 byte-order mark.
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let (encoding, bom) = encoding_rs::Encoding::for_bom(bytes)?;
    if encoding == encoding_rs::UTF_8 {
        return None;
    }
    let (text, _) = encoding.decode_without_bom_handling(bytes.get(bom..)?);
    Some(text.into_owned())
}

/// Read a whole text file and decode it with [`decode_bytes`].
///
/// # Errors
/// [`Error::Io`] when the file cannot be read.
pub fn read_text(path: &Path) -> Result<(String, TextEncoding)> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Ok(decode_bytes(bytes))
}

/// Guess the delimiter from the header line: `;` when it has more semicolons than commas outside
/// quotes (Dutch Excel), a tab when it has tabs and neither, else `,`.
pub fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let (mut commas, mut semis, mut tabs, mut quoted) = (0usize, 0usize, 0usize, false);
    for ch in header.chars() {
        match ch {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semis += 1,
            '\t' if !quoted => tabs += 1,
            _ => {}
        }
    }
    if semis > commas {
        b';'
    } else if tabs > 0 && commas == 0 && semis == 0 {
        b'\t'
    } else {
        b','
    }
}

/// One data row of a [`CsvTable`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvRow {
    /// The 1-based line in the file where the row starts (the header is line 1).
    pub line: u64,
    /// The cells, as many as the header has columns.
    pub cells: Vec<String>,
}

/// A CSV file read whole into strings, with its provenance.
#[derive(Clone, Debug)]
pub struct CsvTable {
    /// The file, when read from one.
    pub file: Option<PathBuf>,
    /// Column names, trimmed.
    pub headers: Vec<String>,
    /// Data rows.
    pub rows: Vec<CsvRow>,
    /// The delimiter found.
    pub delimiter: u8,
    /// The encoding found.
    pub encoding: TextEncoding,
}

impl CsvTable {
    /// Parse decoded CSV text. Every row must have as many cells as the header; completely empty
    /// lines are skipped (they hold no value), anything else that is off is an error naming the
    /// line.
    ///
    /// # Errors
    /// [`Error::Missing`] for an empty file; [`Error::Csv`] for ragged rows or broken quoting.
    pub fn parse(text: &str, encoding: TextEncoding, file: Option<&Path>) -> Result<Self> {
        let loc = || Location { file: file.map(Path::to_path_buf), ..Location::default() };
        let delimiter = sniff_delimiter(text);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let header = match records.next() {
            None => return Err(Error::Missing { location: loc(), what: "a header row (the file is empty)".into() }),
            Some(r) => r.map_err(|e| csv_error(e, file))?,
        };
        let headers: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
        if headers.iter().all(String::is_empty) {
            return Err(Error::Missing {
                location: loc().at_line(1),
                what: "a header row (the first line is empty)".into(),
            });
        }
        let mut rows = Vec::new();
        let mut last = header.position().map(|p| (p.byte(), p.line()));
        for record in records {
            let record = record.map_err(|e| csv_error(e, file))?;
            let line = record.position().map_or(0, csv::Position::line);
            last = record.position().map(|p| (p.byte(), p.line()));
            if record.len() == 1 && record.get(0).is_some_and(|c| c.trim().is_empty()) {
                continue;
            }
            if record.len() != headers.len() {
                return Err(Error::Csv {
                    location: loc().at_line(line),
                    message: format!(
                        "the row has {} cells but the header has {} columns (delimiter {:?})",
                        record.len(),
                        headers.len(),
                        char::from(delimiter)
                    ),
                });
            }
            rows.push(CsvRow { line, cells: record.iter().map(str::to_owned).collect() });
        }
        if let Some((byte, line)) = last
            && unterminated_quote(text, usize::try_from(byte).unwrap_or(usize::MAX), delimiter)
        {
            return Err(unterminated_quote_error(file, line));
        }
        Ok(Self { file: file.map(Path::to_path_buf), headers, rows, delimiter, encoding })
    }

    /// Read and parse a CSV file in any of the encodings [`decode_text`] accepts.
    ///
    /// # Errors
    /// As [`CsvTable::parse`], and [`Error::Io`].
    pub fn read(path: &Path) -> Result<Self> {
        let (text, encoding) = read_text(path)?;
        Self::parse(&text, encoding, Some(path))
    }

    /// The index of the first column whose name equals one of `names` (case-insensitive).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.headers.iter().position(|h| h.eq_ignore_ascii_case(n)))
    }

    /// Like [`CsvTable::column`], but an error naming the file and the accepted names if absent.
    ///
    /// # Errors
    /// [`Error::Missing`].
    pub fn require_column(&self, names: &[&str]) -> Result<usize> {
        self.column(names).ok_or_else(|| Error::Missing {
            location: self.location(None, None),
            what: format!("column {} (found: {})", names.join(" or "), self.headers.join(", ")),
        })
    }

    /// A location in this table.
    pub fn location(&self, line: Option<u64>, column: Option<usize>) -> Location {
        Location { file: self.file.clone(), line, column: column.and_then(|c| self.headers.get(c).cloned()) }
    }

    /// The cell of `row` in column `col`, trimmed ("" when out of range).
    pub fn cell<'a>(&self, row: &'a CsvRow, col: usize) -> &'a str {
        row.cells.get(col).map_or("", |c| c.trim())
    }
}

/// Whether the last record of a CSV text, starting at byte `start`, opens a quoted cell that
/// never closes. The csv reader accepts such a cell silently and reads the rest of the file
/// into it, so every row after it would be lost; this scan (the reader's own rules: a quote
/// opens a quoted cell only at the start of a cell, `""` inside is a quote) finds it.
pub fn unterminated_quote(text: &str, start: usize, delimiter: u8) -> bool {
    let Some(rest) = text.as_bytes().get(start..) else { return false };
    let (mut quoted, mut at_cell_start, mut i) = (false, true, 0usize);
    while let Some(&b) = rest.get(i) {
        if quoted {
            if b == b'"' {
                if rest.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && at_cell_start {
            quoted = true;
        } else if b == delimiter || b == b'\n' || b == b'\r' {
            at_cell_start = true;
            i += 1;
            continue;
        }
        at_cell_start = false;
        i += 1;
    }
    quoted
}

/// A reader that watches the CSV quoting of the bytes passing through it, so that a streamed
/// import can tell at the end whether a quoted cell never closed (see [`unterminated_quote`],
/// which does the same for text in memory). The rules are the csv reader's: a quote opens a
/// quoted cell only at the start of a cell, `""` inside a quoted cell is a quote, and a quoted
/// cell ends at the next lone quote.
#[derive(Debug)]
pub(crate) struct QuoteTracker<R> {
    inner: R,
    delimiter: u8,
    state: QuoteState,
    /// The last byte seen outside a quoted cell (a line feed before the first byte).
    prev: u8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum QuoteState {
    Unquoted,
    Quoted,
    /// A quote inside a quoted cell, not yet known to be `""` or the closing quote.
    QuoteInQuoted,
}

impl<R> QuoteTracker<R> {
    pub(crate) fn new(inner: R, delimiter: u8) -> Self {
        Self { inner, delimiter, state: QuoteState::Unquoted, prev: b'\n' }
    }

    /// Whether the bytes so far end inside a quoted cell.
    pub(crate) fn in_quoted_cell(&self) -> bool {
        self.state == QuoteState::Quoted
    }

    fn scan(&mut self, bytes: &[u8]) {
        let mut i = 0usize;
        while let Some(rest) = bytes.get(i..) {
            match self.state {
                QuoteState::Quoted => match rest.iter().position(|&b| b == b'"') {
                    None => return,
                    Some(p) => {
                        i += p + 1;
                        self.state = QuoteState::QuoteInQuoted;
                    }
                },
                QuoteState::QuoteInQuoted => match rest.first() {
                    None => return,
                    Some(b'"') => {
                        i += 1;
                        self.state = QuoteState::Quoted;
                    }
                    Some(_) => {
                        // The closing quote: the cell goes on unquoted (the byte is read again).
                        self.state = QuoteState::Unquoted;
                        self.prev = b'"';
                    }
                },
                QuoteState::Unquoted => match rest.iter().position(|&b| b == b'"') {
                    None => {
                        if let Some(&last) = rest.last() {
                            self.prev = last;
                        }
                        return;
                    }
                    Some(p) => {
                        let before = if p == 0 { self.prev } else { rest.get(p - 1).copied().unwrap_or(b'"') };
                        if before == self.delimiter || before == b'\n' || before == b'\r' {
                            self.state = QuoteState::Quoted;
                        } else {
                            self.prev = b'"';
                        }
                        i += p + 1;
                    }
                },
            }
        }
    }
}

impl<R: std::io::Read> std::io::Read for QuoteTracker<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.scan(buf.get(..n).unwrap_or(&[]));
        Ok(n)
    }
}

/// How to decode a text file that is streamed rather than read whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StreamDecoding {
    /// A byte-order mark decides (UTF-8 or UTF-16, invalid sequences become U+FFFD); without
    /// one the bytes pass through as UTF-8, which the reader checks.
    Sniff,
    /// Windows-1252: every byte is a character (the fallback when the text is not UTF-8).
    Windows1252,
}

/// Open a text file for streaming, decoded to UTF-8 as `decoding` says; the byte-order mark is
/// dropped.
///
/// # Errors
/// [`Error::Io`] when the file cannot be opened.
pub(crate) fn open_decoded(
    path: &Path,
    decoding: StreamDecoding,
) -> Result<encoding_rs_io::DecodeReaderBytes<std::fs::File, Vec<u8>>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    Ok(decoder(file, decoding))
}

/// A reader that decodes `source` to UTF-8 as `decoding` says; the byte-order mark is dropped.
pub(crate) fn decoder<R: std::io::Read>(
    source: R,
    decoding: StreamDecoding,
) -> encoding_rs_io::DecodeReaderBytes<R, Vec<u8>> {
    let mut builder = encoding_rs_io::DecodeReaderBytesBuilder::new();
    builder.strip_bom(true);
    if decoding == StreamDecoding::Windows1252 {
        builder.encoding(Some(encoding_rs::WINDOWS_1252));
    }
    builder.build(source)
}

/// The error for [`unterminated_quote`].
pub(crate) fn unterminated_quote_error(file: Option<&Path>, line: u64) -> Error {
    Error::Csv {
        location: Location { file: file.map(Path::to_path_buf), line: Some(line), column: None },
        message: "unterminated quote: a quoted cell on this line never closes, so the rest of the file would be \
                  read into it; add the closing '\"'"
            .into(),
    }
}

fn csv_error(e: csv::Error, file: Option<&Path>) -> Error {
    let line = e.position().map(csv::Position::line);
    Error::Csv { location: Location { file: file.map(Path::to_path_buf), line, column: None }, message: e.to_string() }
}

/// Parse a whole number as Dutch and English spreadsheets write it: `12345`, `12.345` (Dutch
/// thousands separator), `12,345` (English) or `12 345`.
///
/// # Errors
/// [`Error::InvalidValue`] at `location` when the text is no whole number.
pub fn parse_count(text: &str, location: &Location) -> Result<u64> {
    let t = text.trim();
    let grouped = |sep: char| {
        let parts: Vec<&str> = t.split(sep).collect();
        parts.len() > 1
            && parts.first().is_some_and(|p| (1..=3).contains(&p.len()))
            && parts.iter().skip(1).all(|p| p.len() == 3)
            && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
    };
    let digits: String = if t.chars().all(|c| c.is_ascii_digit()) && !t.is_empty() {
        t.to_owned()
    } else if grouped('.') || grouped(',') || grouped(' ') || grouped('\u{a0}') {
        t.chars().filter(char::is_ascii_digit).collect()
    } else {
        return Err(Error::InvalidValue {
            location: location.clone(),
            value: text.to_owned(),
            message: "expected a whole number (e.g. 12345 or 12.345)".into(),
        });
    };
    digits.parse::<u64>().map_err(|_| Error::InvalidValue {
        location: location.clone(),
        value: text.to_owned(),
        message: "the number is too large".into(),
    })
}

/// Write a file atomically: the bytes go to a temporary file in the same folder, which is synced
/// and then renamed over `path`. A crash midway leaves the old file intact (rename is atomic on
/// POSIX file systems and on NTFS within one volume).
///
/// # Errors
/// [`Error::Io`] naming `path` when any step fails; the temporary file is removed then.
pub fn write_atomic(path: &Path, write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>) -> Result<()> {
    use std::io::Write as _;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    // Process id and a counter: two writers of the same file never share a temporary file.
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let file = std::fs::File::create(&tmp)?;
        let mut buf = std::io::BufWriter::new(file);
        write(&mut buf)?;
        buf.flush()?;
        buf.into_inner().map_err(std::io::IntoInnerError::into_error)?.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    // Make the rename itself durable (a power cut right after it); not possible on every
    // platform, and the file is complete either way, so a failure here is not an error.
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The 1-based line of byte `offset` in `text` (an offset past the end gives the last line).
pub fn line_of(text: &str, offset: usize) -> u64 {
    let prefix = text.get(..offset.min(text.len())).unwrap_or(text);
    prefix.bytes().filter(|&b| b == b'\n').count() as u64 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_tracker_agrees_with_the_text_scan_at_every_chunk_size() {
        use std::io::Read as _;
        let texts = [
            "a,b\n1,\"2\n3,4\n",
            "a,b\n1,\"2\n3\"\n",
            "a,b\n1,x\"y\n",
            "a,b\n1,\"x\"\"\"\n",
            "a,b\n1,\"x\"\"\n",
            "a;b\r\n\"1\";\"2\r\n",
            "a,b\n1,\"x\"y\"\n",
            "\"",
            "",
            "a,b\n\"\"\"\n",
        ];
        for text in texts {
            let delimiter = if text.contains(';') { b';' } else { b',' };
            let expected = unterminated_quote(text, 0, delimiter);
            for chunk in 1..=text.len().max(1) {
                let mut t = QuoteTracker::new(text.as_bytes(), delimiter);
                let mut buf = vec![0u8; chunk];
                while t.read(&mut buf).unwrap() > 0 {}
                assert_eq!(t.in_quoted_cell(), expected, "{text:?} read {chunk} bytes at a time");
            }
        }
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let text = "gemeente;naam\nGM0080;Leeuwarden – Fryslân\n";
        for (bom, bytes) in [
            ([0xFF, 0xFE], text.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>()),
            ([0xFE, 0xFF], text.encode_utf16().flat_map(u16::to_be_bytes).collect()),
        ] {
            let all: Vec<u8> = bom.iter().copied().chain(bytes).collect();
            assert_eq!(decode_text(&all), (text.to_owned(), TextEncoding::Utf16));
            assert_eq!(decode_bytes(all), (text.to_owned(), TextEncoding::Utf16));
        }
    }

    #[test]
    fn decodes_bom_and_cp1252() {
        let (t, e) = decode_text(b"\xEF\xBB\xBFa;b\n");
        assert_eq!((t.as_str(), e), ("a;b\n", TextEncoding::Utf8Bom));
        let (t, e) = decode_text("Fryslân".as_bytes());
        assert_eq!((t.as_str(), e), ("Fryslân", TextEncoding::Utf8));
        let (t, e) = decode_text(b"Frysl\xe2n");
        assert_eq!((t.as_str(), e), ("Fryslân", TextEncoding::Windows1252));
        for bytes in [&b"\xEF\xBB\xBFa;b\n"[..], "Fryslân".as_bytes(), b"Frysl\xe2n", b"\xEF\xBB\xBFbad \xff", b""] {
            assert_eq!(decode_bytes(bytes.to_vec()), decode_text(bytes), "{bytes:?}");
        }
    }

    #[test]
    fn sniffs_delimiters() {
        assert_eq!(sniff_delimiter("a;b;c\n1,5;2;3"), b';');
        assert_eq!(sniff_delimiter("a,b,c"), b',');
        assert_eq!(sniff_delimiter("\"a;b\",c"), b',');
        assert_eq!(sniff_delimiter("a\tb"), b'\t');
    }

    #[test]
    fn unterminated_quote_is_an_error_not_a_lost_row() {
        let err = CsvTable::parse("a,b\n1,\"2\n3,4\n", TextEncoding::Utf8, None).unwrap_err();
        assert!(matches!(&err, Error::Csv { location, .. } if location.line == Some(2)), "{err}");
        assert!(CsvTable::parse("a,b\n1,\"2\n3\"\n", TextEncoding::Utf8, None).is_ok());
        assert!(CsvTable::parse("a,b\n1,x\"y\n", TextEncoding::Utf8, None).is_ok(), "a quote inside a cell is text");
        assert!(CsvTable::parse("a,b\n1,\"x\"\"\"\n", TextEncoding::Utf8, None).is_ok(), "escaped quote");
        assert!(unterminated_quote("1,\"x\"\"", 0, b','));
    }

    #[test]
    fn ragged_row_names_line() {
        let err = CsvTable::parse("a,b\n1,2\n3\n", TextEncoding::Utf8, Some(Path::new("x.csv"))).unwrap_err();
        assert_eq!(err.location().and_then(|l| l.line), Some(3));
        assert!(err.to_string().contains("x.csv"), "{err}");
    }

    #[test]
    fn atomic_write_keeps_old_file_on_error() {
        let dir = std::env::temp_dir().join(format!("lomonitor-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("f.csv");
        write_atomic(&p, |w| w.write_all(b"old")).unwrap();
        let err = write_atomic(&p, |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("killed midway"))
        });
        assert!(err.is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "temporary file left behind");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn counts_with_separators() {
        let l = Location::default();
        assert_eq!(parse_count("12.345", &l).unwrap(), 12345);
        assert_eq!(parse_count("931298", &l).unwrap(), 931_298);
        assert_eq!(parse_count("1,234,567", &l).unwrap(), 1_234_567);
        assert!(parse_count("12.34", &l).is_err());
        assert!(parse_count("", &l).is_err());
        assert!(parse_count("-5", &l).is_err());
    }
}
