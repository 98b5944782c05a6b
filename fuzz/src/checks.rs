//! What each fuzz target checks, on arbitrary bytes.
//!
//! Every function calls a public parsing entry point of lomonitor and asserts its documented
//! invariants: it never panics; an `Err` is fine (a precise error is the right answer to a bad
//! file); on `Ok`, what lomonitor writes reads back to the same thing and no row is lost.
//!
//! This file is shared: the fuzz crate compiles it as `lomonitor_fuzz::checks`, and the ordinary
//! test suite includes it (`crates/lomonitor/tests/fuzz_regressions.rs`) to replay the committed
//! regression inputs through the very same checks. It may use only `std`, `lomonitor` and
//! lomonitor's own dependencies (`csv`, `zip`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use lomonitor::coding::{Codings, read_qdc, read_qdpx};
use lomonitor::contacts::{Directory, FieldworkLog, import_limesurvey, import_qualtrics};
use lomonitor::instrument::{Codebook, InterviewGuide, Questionnaire};
use lomonitor::io::{CsvTable, decode_text};
use lomonitor::responses::{
    CsvStyle, Dialect, ImportOptions, ResponseSet, Severity, column_names, import_csv, import_csv_bytes, write_csv,
};
use lomonitor::{Frame, Study};

/// The names of every target, as in `fuzz/Cargo.toml` and the regression folders.
pub const TARGETS: &[&str] = &[
    "register_csv",
    "study_toml",
    "instrument_toml",
    "instrument_json",
    "responses_lomonitor",
    "responses_limesurvey",
    "responses_qualtrics",
    "contacts_csv",
    "fieldwork_csv",
    "platform_csv",
    "codings_csv",
    "qdpx",
];

/// Run the check of target `name` on `data`.
pub fn run(name: &str, data: &[u8]) {
    match name {
        "register_csv" => register_csv(data),
        "study_toml" => study_toml(data),
        "instrument_toml" => instrument_toml(data),
        "instrument_json" => instrument_json(data),
        "responses_lomonitor" => responses_lomonitor(data),
        "responses_limesurvey" => responses_limesurvey(data),
        "responses_qualtrics" => responses_qualtrics(data),
        "contacts_csv" => contacts_csv(data),
        "fieldwork_csv" => fieldwork_csv(data),
        "platform_csv" => platform_csv(data),
        "codings_csv" => codings_csv(data),
        "qdpx" => qdpx(data),
        "limesurvey_lss" => limesurvey_lss(data),
        "qualtrics_qsf" => qualtrics_qsf(data),
        other => panic!("unknown fuzz target {other:?}"),
    }
}

fn example_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(if Path::new(env!("CARGO_MANIFEST_DIR")).ends_with("fuzz") {
        "../examples/study"
    } else {
        "../../examples/study"
    })
}

/// The example study, loaded once: its frame, organisations, questionnaire and codebook.
pub fn study() -> &'static Study {
    static STUDY: OnceLock<Study> = OnceLock::new();
    STUDY.get_or_init(|| Study::load(example_dir()).expect("the example study loads"))
}

fn codebook() -> &'static Codebook {
    static CB: OnceLock<Codebook> = OnceLock::new();
    CB.get_or_init(|| Codebook::load(&example_dir().join("codebook.toml")).expect("the example codebook loads"))
}

/// A scratch folder of this process (targets whose entry point takes a path write there).
fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("lomonitor-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        d
    })
}

fn scratch_file(name: &str, data: &[u8]) -> PathBuf {
    let p = scratch().join(name);
    std::fs::write(&p, data).unwrap();
    p
}

fn date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()
}

/// A register CSV: on success, writing the frame and reading it back gives the same frame.
pub fn register_csv(data: &[u8]) {
    let (text, _) = decode_text(data);
    let Ok((frame, _)) = Frame::from_csv_str(&text, date(), "fuzz") else { return };
    let mut buf = Vec::new();
    frame.write_csv(&mut buf, Path::new("frame.csv")).unwrap();
    let back = String::from_utf8(buf).unwrap();
    let (again, _) = Frame::from_csv_str(&back, date(), "fuzz").unwrap_or_else(|e| panic!("{e}\n{back}"));
    assert_eq!(frame.municipalities(), again.municipalities());
}

/// `study.toml` in a folder holding the example study's files (paths are kept inside it).
pub fn study_toml(data: &[u8]) {
    if data.contains(&b'/') || data.contains(&b'\\') {
        return; // keep the fuzzer inside its folder
    }
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let d = scratch().join("study");
        std::fs::create_dir_all(&d).unwrap();
        for entry in std::fs::read_dir(example_dir()).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), d.join(entry.file_name())).unwrap();
        }
        d
    });
    std::fs::write(dir.join("study.toml"), data).unwrap();
    if let Ok(study) = Study::load(dir)
        && let (Some(q), Some(r)) = (study.questionnaire(), study.import())
    {
        r.responses.check(q).unwrap();
        assert_eq!(r.responses.len() + r.set_aside.len(), r.report.rows_read);
    }
}

/// Questionnaire, codebook and interview guide in TOML.
pub fn instrument_toml(data: &[u8]) {
    let (text, _) = decode_text(data);
    if let Ok(q) = Questionnaire::from_toml_str(&text, None) {
        questionnaire_invariants(&q);
    }
    if let Ok(cb) = Codebook::from_toml_str(&text, None) {
        codebook_invariants(&cb);
    }
    let _ = InterviewGuide::from_toml_str(&text, None);
}

/// Questionnaire, codebook and interview guide in JSON.
pub fn instrument_json(data: &[u8]) {
    let (text, _) = decode_text(data);
    if let Ok(q) = Questionnaire::from_json_str(&text, None) {
        questionnaire_invariants(&q);
    }
    if let Ok(cb) = Codebook::from_json_str(&text, None) {
        codebook_invariants(&cb);
    }
    let _ = InterviewGuide::from_json_str(&text, None);
}

/// A questionnaire that loads has distinct export columns, and an empty response set exports
/// and imports back without error.
fn questionnaire_invariants(q: &Questionnaire) {
    let names = column_names(q);
    let mut seen = std::collections::HashSet::new();
    for n in &names {
        assert!(seen.insert(n.as_str()), "the questionnaire exports column {n:?} twice");
    }
    let set = ResponseSet::empty(q);
    let mut buf = Vec::new();
    write_csv(&mut buf, &set, q, CsvStyle::Standard).unwrap();
    let (text, enc) = decode_text(&buf);
    let s = study();
    let back = import_csv(&text, enc, None, q, s.frame(), s.organisations(), &ImportOptions::default())
        .unwrap_or_else(|e| panic!("an empty export does not import: {e}"));
    assert!(back.responses.is_empty());
}

fn codebook_invariants(cb: &Codebook) {
    assert_eq!(cb.tree_order().len(), cb.len(), "every code is in the tree once");
    for c in &cb.codes {
        assert!(cb.depth(&c.id) < cb.len().max(1), "code {:?} is deeper than the codebook is long", c.id);
    }
}

/// Responses in the lomonitor layout.
pub fn responses_lomonitor(data: &[u8]) {
    responses(data, Dialect::Lomonitor);
}

/// Responses in LimeSurvey's layout.
pub fn responses_limesurvey(data: &[u8]) {
    responses(data, Dialect::LimeSurvey);
}

/// Responses in Qualtrics' layout.
pub fn responses_qualtrics(data: &[u8]) {
    responses(data, Dialect::Qualtrics);
}

/// Import with the example questionnaire, from the raw bytes as a file is read (streamed through
/// the decoder: byte-order mark, UTF-8, else Windows-1252; rows stored in batches on several
/// threads for larger inputs); on success no row is lost, the in-memory text import agrees, and
/// export -> import gives the same responses, in both CSV styles.
pub fn responses(data: &[u8], dialect: Dialect) {
    let s = study();
    let q = s.questionnaire().unwrap();
    let options = ImportOptions { dialect, ..ImportOptions::default() };
    let streamed = import_csv_bytes(data, None, q, s.frame(), s.organisations(), &options);
    let (text, enc) = decode_text(data);
    let from_text = import_csv(&text, enc, None, q, s.frame(), s.organisations(), &options);
    match (&streamed, &from_text) {
        (Ok(a), Ok(b)) => assert!(a == b, "the streamed import and the text import differ"),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        (a, b) => {
            panic!("the streamed import and the text import disagree: {:?} / {:?}", a.as_ref().err(), b.as_ref().err())
        }
    }
    let Ok(r) = streamed else { return };
    r.responses.check(q).unwrap();
    r.set_aside.check(q).unwrap();
    assert_eq!(r.responses.len() + r.set_aside.len(), r.report.rows_read, "a row was lost");
    assert_eq!((r.report.rows_kept, r.report.rows_set_aside), (r.responses.len(), r.set_aside.len()));
    for style in [CsvStyle::Standard, CsvStyle::DutchExcel] {
        let mut buf = Vec::new();
        write_csv(&mut buf, &r.responses, q, style).unwrap();
        let (text2, enc2) = decode_text(&buf);
        let back = import_csv(&text2, enc2, None, q, s.frame(), s.organisations(), &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{style:?}: the export does not import: {e}\n{text2}"));
        assert_eq!(back.dialect, Dialect::Lomonitor);
        assert!(back.set_aside.is_empty(), "{style:?}: rows set aside on re-import:\n{}\n{text2}", back.report);
        let errors: Vec<_> = back.report.issues.iter().filter(|i| i.severity == Severity::Error).collect();
        assert!(errors.is_empty(), "{style:?}: errors on re-import: {errors:?}\n{text2}");
        assert_same(&r.responses, &back.responses, q);
    }
}

fn assert_same(a: &ResponseSet, b: &ResponseSet, q: &Questionnaire) {
    assert_eq!(a.respondent_id(), b.respondent_id());
    assert_eq!(a.unit(), b.unit());
    assert_eq!(a.status(), b.status());
    assert_eq!(a.started(), b.started());
    assert_eq!(a.submitted(), b.submitted());
    for (i, item) in q.items.iter().enumerate() {
        assert_eq!(a.items()[i], b.items()[i], "item {}", item.id);
    }
}

/// `contacts.csv`: on success, writing the directory and reading it back gives the same one.
pub fn contacts_csv(data: &[u8]) {
    let s = study();
    let (text, enc) = decode_text(data);
    let Ok(table) = CsvTable::parse(&text, enc, None) else { return };
    let Ok(loaded) = Directory::from_table(&table, s.frame(), s.organisations()) else { return };
    let mut buf = Vec::new();
    loaded.value.write_to(&mut buf).unwrap();
    let (text2, enc2) = decode_text(&buf);
    let table2 = CsvTable::parse(&text2, enc2, None).unwrap_or_else(|e| panic!("{e}\n{text2}"));
    let back = Directory::from_table(&table2, s.frame(), s.organisations()).unwrap();
    assert!(!back.has_errors(), "errors on re-reading: {:?}\n{text2}", back.issues);
    assert!(loaded.value == back.value, "the directory changed on write and re-read:\n{text2}");
}

/// `fieldwork.csv`: on success, writing the log and reading it back gives the same log.
pub fn fieldwork_csv(data: &[u8]) {
    let s = study();
    let (text, enc) = decode_text(data);
    let Ok(table) = CsvTable::parse(&text, enc, None) else { return };
    let Ok(loaded) = FieldworkLog::from_table(&table, s.frame()) else { return };
    let mut buf = Vec::new();
    loaded.value.write_to(&mut buf).unwrap();
    let (text2, enc2) = decode_text(&buf);
    let table2 = CsvTable::parse(&text2, enc2, None).unwrap_or_else(|e| panic!("{e}\n{text2}"));
    let back = FieldworkLog::from_table(&table2, s.frame()).unwrap();
    assert!(!back.has_errors(), "errors on re-reading: {:?}\n{text2}", back.issues);
    assert_eq!(loaded.value, back.value);
}

/// A survey platform's participant export (LimeSurvey and Qualtrics readers both) applied to the
/// example study's fieldwork log: the log stays a valid log.
pub fn platform_csv(data: &[u8]) {
    static STATE: OnceLock<(Directory, FieldworkLog)> = OnceLock::new();
    let s = study();
    let (directory, log) = STATE.get_or_init(|| (s.contacts().unwrap().value, s.fieldwork().unwrap().value));
    let p = scratch_file("platform.csv", data);
    for qualtrics in [false, true] {
        let mut l = log.clone();
        let r = if qualtrics {
            import_qualtrics(&p, &mut l, directory, s.frame())
        } else {
            import_limesurvey(&p, &mut l, directory, s.frame(), None)
        };
        if r.is_ok() {
            FieldworkLog::new(l.iter().cloned().collect()).unwrap();
            assert!(l.len() >= log.len(), "an import removed invitations");
        }
    }
}

/// `codings.csv` against the example codebook: on success, write and re-read agree.
pub fn codings_csv(data: &[u8]) {
    let (text, _) = decode_text(data);
    let Ok(codings) = Codings::from_csv_str(&text, codebook()) else { return };
    let mut buf = Vec::new();
    codings.write_csv(&mut buf, Path::new("codings.csv")).unwrap();
    let back = String::from_utf8(buf).unwrap();
    let again = Codings::from_csv_str(&back, codebook()).unwrap_or_else(|e| panic!("{e}\n{back}"));
    assert_eq!(codings.interviews.len(), again.interviews.len());
    let key = |c: &Codings| {
        let mut v: Vec<_> = c
            .segments
            .iter()
            .flat_map(|s| {
                s.codings.iter().map(move |k| {
                    (s.interview.clone(), s.id.clone(), s.span, s.text.clone(), k.coder.clone(), k.codes.clone())
                })
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(key(&codings), key(&again));
}

/// REFI-QDA: the first byte chooses whether the rest is a whole `.qdpx` archive (even) or the
/// `project.qde` XML, zipped here (odd); the XML is also read as a `.qdc` codebook.
pub fn qdpx(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else { return };
    let archive = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        let _ = read_qdc(&scratch_file("codebook.qdc", rest));
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        zip.start_file("project.qde", options).unwrap();
        zip.write_all(rest).unwrap();
        zip.finish().unwrap().into_inner()
    };
    let p = scratch_file("project.qdpx", &archive);
    let _ = read_qdpx(&p, None);
    let _ = read_qdpx(&p, Some(codebook()));
}

/// A LimeSurvey `.lss`: reading never panics; a draft that reads writes a `.lss` that reads again.
pub fn limesurvey_lss(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok((q, _)) = lomonitor::instrument::platform::from_limesurvey(&text, None)
        && !q.items.is_empty()
    {
        let (lss, _) = lomonitor::instrument::platform::to_limesurvey(&q, &Default::default());
        assert!(lomonitor::instrument::platform::from_limesurvey(&lss, None).is_ok(), "a written .lss does not read");
    }
}

/// A Qualtrics `.qsf`: reading never panics; a draft that reads writes a `.qsf` that reads again.
pub fn qualtrics_qsf(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok((q, _)) = lomonitor::instrument::platform::from_qualtrics(&text, None) {
        let (qsf, _) = lomonitor::instrument::platform::to_qualtrics(&q);
        assert!(lomonitor::instrument::platform::from_qualtrics(&qsf, None).is_ok(), "a written .qsf does not read");
    }
}
