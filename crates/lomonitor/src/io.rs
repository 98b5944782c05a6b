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
}

/// Decode the bytes of a text file: UTF-8 (with or without BOM), else Windows-1252.
///
/// Windows-1252 maps every byte to a character, so decoding never fails; a file that is not
/// UTF-8 is taken to be Windows-1252, which is what Dutch Excel writes.
pub fn decode_text(bytes: &[u8]) -> (String, TextEncoding) {
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

/// Read a whole text file and decode it with [`decode_text`].
///
/// # Errors
/// [`Error::Io`] when the file cannot be read.
pub fn read_text(path: &Path) -> Result<(String, TextEncoding)> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Ok(decode_text(&bytes))
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
        for record in records {
            let record = record.map_err(|e| csv_error(e, file))?;
            let line = record.position().map_or(0, csv::Position::line);
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
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
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
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_bom_and_cp1252() {
        let (t, e) = decode_text(b"\xEF\xBB\xBFa;b\n");
        assert_eq!((t.as_str(), e), ("a;b\n", TextEncoding::Utf8Bom));
        let (t, e) = decode_text("Fryslân".as_bytes());
        assert_eq!((t.as_str(), e), ("Fryslân", TextEncoding::Utf8));
        let (t, e) = decode_text(b"Frysl\xe2n");
        assert_eq!((t.as_str(), e), ("Fryslân", TextEncoding::Windows1252));
    }

    #[test]
    fn sniffs_delimiters() {
        assert_eq!(sniff_delimiter("a;b;c\n1,5;2;3"), b';');
        assert_eq!(sniff_delimiter("a,b,c"), b',');
        assert_eq!(sniff_delimiter("\"a;b\",c"), b',');
        assert_eq!(sniff_delimiter("a\tb"), b'\t');
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
