//! The bad-input corpus: one file per fault in `tests/data/bad/`, each with its exact answer —
//! the error variant with file, line, column and value, or the report entry, or the correct
//! value when lomonitor reads the fault on purpose (BOM, Windows-1252, thousands separators,
//! dates in several spellings).
//!
//! Faults already covered elsewhere are not repeated here: unknown codes, codes as labels,
//! duplicate ids, `#N/A`, a formula in open text (`tests/responses.rs`, `broken.csv`); a
//! malformed code, unknown province, duplicate code, empty file, header only, ragged rows in the
//! register (`tests/register.rs`); bad contact and fieldwork rows (`tests/contacts.rs`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;
use lomonitor::responses::{
    CsvStyle, ImportOptions, ImportResult, IssueKind, ItemData, Severity, export_csv, import_csv_path,
};
use lomonitor::{Error, Frame, Study};

fn bad(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad").join(name)
}

fn study() -> &'static Study {
    static S: OnceLock<Study> = OnceLock::new();
    S.get_or_init(|| Study::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/study")).unwrap())
}

fn try_import(path: &Path) -> lomonitor::Result<ImportResult> {
    let s = study();
    import_csv_path(path, s.questionnaire().unwrap(), s.frame(), s.organisations(), &ImportOptions::default())
}

fn import(name: &str) -> ImportResult {
    try_import(&bad(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn import_err(name: &str) -> Error {
    match try_import(&bad(name)) {
        Ok(r) => panic!("{name}: expected an error, got {} rows\n{}", r.report.rows_read, r.report),
        Err(e) => e,
    }
}

fn numeric(r: &ImportResult, item: &str) -> (Vec<u8>, Vec<f64>) {
    match r.responses.column(study().questionnaire().unwrap(), item).unwrap() {
        ItemData::Numeric { state, values } => (state.clone(), values.clone()),
        other => panic!("{item}: {other:?}"),
    }
}

fn open_text(r: &ImportResult, item: &str) -> Vec<String> {
    match r.responses.column(study().questionnaire().unwrap(), item).unwrap() {
        ItemData::Open { text, .. } => text.clone(),
        other => panic!("{item}: {other:?}"),
    }
}

/// The issues of `kind` at `line`, as (column, value), in column order of the file.
fn issues(r: &ImportResult, kind: IssueKind, line: u64) -> Vec<(String, String)> {
    r.report
        .issues
        .iter()
        .filter(|i| i.kind == kind && i.location.line == Some(line))
        .map(|i| (i.location.column.clone().unwrap_or_default(), i.value.clone()))
        .collect()
}

/// The one issue of `kind` at `line`, with its column and value.
fn issue(r: &ImportResult, kind: IssueKind, line: u64) -> (String, String) {
    let found = issues(r, kind, line);
    assert_eq!(found.len(), 1, "{kind:?} on line {line}:\n{}", r.report);
    found.into_iter().next().unwrap()
}

// ---------------------------------------------------------------------------------------------
// File-level faults of the response import: errors naming file and line.

#[test]
fn empty_file_is_missing_header() {
    match import_err("responses-empty.csv") {
        Error::Missing { location, what } => {
            assert!(location.file.unwrap().ends_with("responses-empty.csv"));
            assert_eq!(location.line, None);
            assert_eq!(what, "a header row (the file is empty)");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn header_only_is_an_empty_response_set() {
    let r = import("responses-header-only.csv");
    assert_eq!((r.report.rows_read, r.responses.len(), r.set_aside.len()), (0, 0, 0));
    assert_eq!(r.report.count(Severity::Error), 0, "{}", r.report);
}

#[test]
fn ragged_row_names_its_line() {
    match import_err("responses-ragged.csv") {
        Error::Csv { location, message } => {
            assert_eq!(location.line, Some(3));
            assert!(location.file.unwrap().ends_with("responses-ragged.csv"));
            assert_eq!(message, "the row has 6 cells but the header has 7 columns (delimiter ',')");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unterminated_quote_names_the_line_where_it_opens() {
    match import_err("responses-unterminated-quote.csv") {
        Error::Csv { location, message } => {
            assert_eq!(location.line, Some(3), "{message}");
            assert!(message.contains("unterminated quote"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn mixed_delimiters_name_the_line_that_breaks_the_pattern() {
    match import_err("responses-mixed-delimiters.csv") {
        Error::Csv { location, message } => {
            assert_eq!(location.line, Some(3));
            assert_eq!(message, "the row has 1 cells but the header has 7 columns (delimiter ';')");
        }
        other => panic!("{other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// What lomonitor reads on purpose: encodings, BOM, separators, dates.

#[test]
fn windows_1252_text_is_decoded() {
    let r = import("responses-cp1252.csv");
    assert_eq!(open_text(&r, "toelichting"), ["Súdwest-Fryslân kost € 5"]);
    assert_eq!(r.responses.unit()[0].to_string(), "GM1900");
}

#[test]
fn bom_and_semicolons_are_dutch_excel() {
    let r = import("responses-bom.csv");
    assert_eq!(r.responses.respondent_id(), ["r1"], "the BOM is not part of the first column name");
    assert_eq!(numeric(&r, "fte_lo"), (vec![2], vec![1.5]), "decimal comma in a ';' file");
    assert_eq!(open_text(&r, "toelichting"), ["Café"]);
}

#[test]
fn thousands_separators_in_dutch_files() {
    let r = import("responses-thousands-nl.csv");
    let (state, values) = numeric(&r, "budget_fte");
    assert_eq!((state[0], values[0]), (2, 1250.0));
    assert_eq!((state[1], values[1]), (2, 2500.0));
    // "12.50" and "1.5" are no Dutch numbers: a point groups thousands in threes.
    assert_eq!(
        issues(&r, IssueKind::NotANumber, 4),
        [("fte_lo".to_owned(), "1.5".to_owned()), ("budget_fte".to_owned(), "12.50".to_owned())]
    );
    let (fte_state, fte) = numeric(&r, "fte_lo");
    assert_eq!((fte[0], fte[1]), (1.5, 0.75));
    assert_eq!(fte_state[2], 1, "\"1.5\" in a Dutch file is stored as unanswered");
}

#[test]
fn thousands_separators_in_english_files() {
    let r = import("responses-thousands-en.csv");
    let (_, values) = numeric(&r, "budget_fte");
    assert_eq!(&values[..2], &[1250.0, 2500.0]);
    // A lone decimal comma that cannot be a thousands separator is read as one.
    assert_eq!(values[2], 12.5);
    assert_eq!(numeric(&r, "fte_lo").1, vec![1.5, 0.75, 1.5]);
    assert_eq!(r.report.count(Severity::Error), 0, "{}", r.report);
}

#[test]
fn nan_inf_and_excel_error_values_are_spreadsheet_errors() {
    let r = import("responses-excel-errors.csv");
    let expect = [
        (2, "fte_lo", "NaN"),
        (2, "budget_fte", "#DIV/0!"),
        (3, "fte_lo", "inf"),
        (3, "budget_fte", "#N/A"),
        (4, "fte_lo", "-inf"),
        (4, "budget_fte", "#VALUE!"),
        (5, "budget_fte", "#REF!"),
    ];
    for (line, column, value) in expect {
        assert!(
            r.report.issues.iter().any(|i| i.kind == IssueKind::SpreadsheetError
                && i.severity == Severity::Error
                && i.location.line == Some(line)
                && i.location.column.as_deref() == Some(column)
                && i.value == value),
            "{line} {column} {value}\n{}",
            r.report
        );
    }
    assert_eq!(r.report.of_kind(IssueKind::SpreadsheetError).count(), expect.len());
    // Stored as unanswered, never as a number; no response is set aside for a cell.
    let (state, values) = numeric(&r, "budget_fte");
    assert_eq!(state, vec![1, 1, 1, 1]);
    assert!(values.iter().all(|v| *v == 0.0));
    assert_eq!(r.responses.len(), 4);
}

#[test]
fn dates_in_three_spellings_agree() {
    let r = import("responses-dates.csv");
    let want = NaiveDate::from_ymd_opt(2025, 3, 4).unwrap().and_hms_opt(10, 15, 0).unwrap();
    assert_eq!(&r.responses.started()[..4], &[Some(want); 4]);
    // Day first, as Dutch Excel writes: 03/04/2025 is the 3rd of April.
    let april = NaiveDate::from_ymd_opt(2025, 4, 3).unwrap().and_hms_opt(10, 15, 0).unwrap();
    assert_eq!(r.responses.started()[4], Some(april));
    // A date that does not exist is reported and stored as unknown.
    assert_eq!(r.responses.started()[5], None);
    assert_eq!(issue(&r, IssueKind::InvalidDate, 7), ("started".into(), "2025-02-30 10:15".into()));
}

// ---------------------------------------------------------------------------------------------
// Formula cells: stored as text, reported, neutralised on export, read back unchanged.

#[test]
fn formula_cells_are_neutralised_on_export_and_read_back() {
    let r = import("responses-formula.csv");
    let hyperlink = "=HYPERLINK(\"http://example.invalid\",\"klik\")";
    assert_eq!(open_text(&r, "toelichting"), [hyperlink, "+31 6 12345678", "=1+1"]);
    assert_eq!(r.responses.respondent_id(), ["r1", "@r2", "r3"]);
    assert_eq!(issue(&r, IssueKind::Formula, 2), ("toelichting".into(), hyperlink.into()));
    assert_eq!(issue(&r, IssueKind::Formula, 3), ("toelichting".into(), "+31 6 12345678".into()));

    let dir = std::env::temp_dir().join(format!("lomonitor-bad-formula-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let q = study().questionnaire().unwrap();
    for style in [CsvStyle::Standard, CsvStyle::DutchExcel] {
        let out = dir.join("export.csv");
        export_csv(&out, &r.responses, q, style).unwrap();
        let text = String::from_utf8(std::fs::read(&out).unwrap()).unwrap();
        // No cell of the export begins with a formula character.
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(if style == CsvStyle::DutchExcel { b';' } else { b',' })
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                assert!(
                    !lomonitor::responses::values::looks_like_formula(cell),
                    "{style:?}: a cell a spreadsheet would run: {cell:?}"
                );
            }
        }
        assert!(text.contains("'=HYPERLINK("), "{text}");
        assert!(text.contains("'@r2"), "{text}");
        let back = try_import(&out).unwrap();
        assert_eq!(back.responses.respondent_id(), r.responses.respondent_id());
        assert_eq!(open_text(&back, "toelichting"), open_text(&r, "toelichting"));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------------------------------------
// A 10 MB cell (generated: not committed).

#[test]
fn a_ten_megabyte_cell_is_stored_or_reported_not_a_crash() {
    let dir = std::env::temp_dir().join(format!("lomonitor-bad-10mb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = "lang verhaal ".repeat(10 * 1024 * 1024 / 13);
    let big = big.trim();
    let p = dir.join("responses-10mb-cell.csv");
    std::fs::write(
        &p,
        format!(
            "respondent_id,unit,status,started,fte_lo,budget_fte,toelichting\n\
             r1,GM0363,complete,,1,1,\"{big}\"\nr2,GM0599,complete,,{big},1,kort\n"
        ),
    )
    .unwrap();
    let r = try_import(&p).unwrap();
    assert_eq!(open_text(&r, "toelichting"), [big, "kort"]);
    // In a numeric column the same text is a precise "not a number" on line 3.
    let (column, value) = issue(&r, IssueKind::NotANumber, 3);
    assert_eq!((column.as_str(), value.len()), ("fte_lo", big.len()));
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------------------------------------
// The register: faults not covered by tests/register.rs.

fn register_err(name: &str) -> Error {
    Frame::from_csv_path(&bad(name), NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()).unwrap_err()
}

#[test]
fn register_faults() {
    match register_err("register-unterminated-quote.csv") {
        Error::Csv { location, message } => {
            assert_eq!(location.line, Some(3), "{message}");
            assert!(location.file.unwrap().ends_with("register-unterminated-quote.csv"));
        }
        other => panic!("{other:?}"),
    }
    match register_err("register-excel-error.csv") {
        Error::InvalidValue { location, value, .. } => {
            assert_eq!(
                (location.line, location.column.as_deref(), value.as_str()),
                (Some(3), Some("inhabitants"), "#N/A")
            );
        }
        other => panic!("{other:?}"),
    }
    match register_err("register-mixed-delimiters.csv") {
        Error::Csv { location, message } => {
            assert_eq!(location.line, Some(3));
            assert!(message.starts_with("the row has 1 cells but the header has 7 columns"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    // Thousands separators in inhabitants: Dutch, English and spaced all read as 931298.
    let (frame, _) =
        Frame::from_csv_path(&bad("register-thousands.csv"), NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()).unwrap();
    assert!(
        frame.iter().all(|m| m.inhabitants == 931_298),
        "{:?}",
        frame.iter().map(|m| m.inhabitants).collect::<Vec<_>>()
    );
}

// ---------------------------------------------------------------------------------------------
// The published contacts overview is an export too: formula cells are neutralised.

#[test]
fn published_overview_neutralises_formula_cells() {
    use lomonitor::contacts::{Directory, published_overview};
    use lomonitor::io::{CsvTable, TextEncoding};
    let s = study();
    let text = "contact_id,name,function,role,covers,email,phone,status,consent_research,consent_publish\n\
                c0001,\"=HYPERLINK(\"\"http://example.invalid\"\",\"\"klik\"\")\",@SUM(A1),lo_adviser,GM0363,\
                a@example.nl,+31612345678,active,ja,ja\n";
    let table = CsvTable::parse(text, TextEncoding::Utf8, None).unwrap();
    let directory = Directory::from_table(&table, s.frame(), s.organisations()).unwrap().strict().unwrap();
    let overview = published_overview(&directory, s.frame(), s.organisations());
    assert_eq!(overview.rows.len(), 1);
    let mut buf = Vec::new();
    overview.write_csv_to(&mut buf).unwrap();
    let csv = String::from_utf8(buf).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    let cells: Vec<&str> = row.iter().collect();
    assert_eq!(cells[5], "'=HYPERLINK(\"http://example.invalid\",\"klik\")", "{csv}");
    assert_eq!(cells[6], "'@SUM(A1)");
    assert_eq!(cells[8], "+31612345678", "a number is no formula");
    for cell in &cells {
        assert!(!lomonitor::responses::values::looks_like_formula(cell), "{cell:?} in\n{csv}");
    }
}

// ---------------------------------------------------------------------------------------------
// REFI-QDA: a hostile nesting depth is an error, not a stack overflow; a large codebook reads in
// one pass (line numbers used to be recounted from the start for every element).

#[test]
fn qdc_nesting_and_size() {
    let dir = std::env::temp_dir().join(format!("lomonitor-bad-qdc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let deep = dir.join("deep.qdc");
    let n = 100_000;
    std::fs::write(
        &deep,
        format!(
            "<CodeBook><Codes>{}{}</Codes></CodeBook>",
            "<Code guid=\"g\" name=\"a\">".repeat(n),
            "</Code>".repeat(n)
        ),
    )
    .unwrap();
    match lomonitor::coding::read_qdc(&deep).unwrap_err() {
        Error::Definition { location, message } => {
            assert_eq!(location.line, Some(1));
            assert_eq!(message, "malformed XML: elements nested deeper than 256 levels");
        }
        other => panic!("{other:?}"),
    }
    let wide = dir.join("wide.qdc");
    let codes: String = (0..20_000).map(|i| format!("<Code guid=\"g{i}\" name=\"code {i}\"/>\n")).collect();
    std::fs::write(&wide, format!("<CodeBook>\n<Codes>\n{codes}</Codes>\n</CodeBook>\n")).unwrap();
    assert_eq!(lomonitor::coding::read_qdc(&wide).unwrap().len(), 20_000);
    // A duplicate at the end names its line exactly.
    std::fs::write(
        &wide,
        format!("<CodeBook>\n<Codes>\n{codes}<Code guid=\"x\" name=\"code 7\"/>\n</Codes>\n</CodeBook>\n"),
    )
    .unwrap();
    let e = lomonitor::coding::read_qdc(&wide).unwrap_err();
    assert_eq!(e.location().and_then(|l| l.line), Some(20_003), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------------------------------------
// A questionnaire whose response columns would clash is refused at load (found by fuzzing).

#[test]
fn questionnaire_with_clashing_columns_is_refused() {
    use lomonitor::instrument::Questionnaire;
    let head = "[instrument]\nid = \"q\"\nversion = \"1\"\ntitle = \"t\"\n";
    let multiple = "\n[[items]]\nid = \"instrumenten\"\nkind = \"multiple\"\ntext = \"t\"\noptions = [{ code = 1, label = \"a\" }, { code = 2, label = \"b\" }]\n";
    let single = "\n[[items]]\nid = \"instrumenten_1\"\nkind = \"single\"\ntext = \"t\"\noptions = [{ code = 1, label = \"a\" }]\n";
    let e = Questionnaire::from_toml_str(&format!("{head}{single}{multiple}"), Some(Path::new("q.toml"))).unwrap_err();
    match e {
        Error::Definition { location, message } => {
            assert_eq!(location.column.as_deref(), Some("instrumenten.id"));
            assert_eq!(location.line, Some(13), "the line of id = \"instrumenten\"");
            assert_eq!(
                message,
                "the response column \"instrumenten_1\" of item \"instrumenten\" is also item \"instrumenten_1\": rename one of them"
            );
        }
        other => panic!("{other:?}"),
    }
    let status = "\n[[items]]\nid = \"status\"\nkind = \"open\"\ntext = \"t\"\n";
    let e = Questionnaire::from_toml_str(&format!("{head}{status}"), None).unwrap_err();
    assert!(e.to_string().contains("\"status\" of item \"status\" is also a respondent column"), "{e}");
}
