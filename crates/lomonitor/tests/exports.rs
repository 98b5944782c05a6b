//! What goes beside an exported response CSV: the Markdown codebook, DDI Codebook 2.5 XML and
//! SPSS syntax, checked against the CSV itself and, for the syntax, against GNU PSPP.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use lomonitor::Study;
use lomonitor::instrument::Questionnaire;
use lomonitor::responses::{
    ColumnRole, ColumnSummary, CsvStyle, GroupKind, ImportOptions, ItemData, ResponseSet, column_names, export_archive,
    groups, import_csv_path, special_codes, summarize,
};
use quick_xml::events::Event;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn study() -> Study {
    Study::load(root().join("examples/study")).unwrap()
}

/// A fresh folder under the target dir.
fn out_dir(name: &str) -> PathBuf {
    let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let dir = base.join(format!("exports-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Counts per column read back from the written CSV itself: NA, empty, and each other cell.
fn csv_counts(path: &Path, delimiter: u8) -> (Vec<String>, Vec<BTreeMap<String, usize>>) {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut rdr = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(text.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    let mut counts = vec![BTreeMap::new(); header.len()];
    for rec in rdr.records() {
        let rec = rec.unwrap();
        for (i, cell) in rec.iter().enumerate() {
            *counts[i].entry(cell.to_owned()).or_insert(0) += 1;
        }
    }
    (header, counts)
}

/// The set with one open answer and one "anders" text that a spreadsheet would run.
fn with_formula(set: &ResponseSet, q: &Questionnaire) -> ResponseSet {
    let mut set = set.clone();
    let i = q.position("toelichting").unwrap();
    if let ItemData::Open { state, text } = &mut set.items_mut()[i] {
        state[0] = lomonitor::responses::ANSWERED;
        text[0] = "=HYPERLINK(\"http://evil.example\",\"klik\")".into();
    }
    set
}

fn open_texts(set: &ResponseSet) -> Vec<String> {
    let mut out = Vec::new();
    for d in set.items() {
        match d {
            ItemData::Open { text, .. } => out.extend(text.iter().filter(|t| t.len() > 3).cloned()),
            ItemData::Coded { other_text: Some(t), .. } | ItemData::Multiple { other_text: Some(t), .. } => {
                out.extend(t.iter().filter(|t| t.len() > 3).cloned());
            }
            _ => {}
        }
    }
    out
}

#[test]
fn summary_counts_match_the_written_csv() {
    let s = study();
    let (q, set) = (s.questionnaire().unwrap(), s.responses().unwrap());
    let dir = out_dir("counts");
    let files = export_archive(&dir, set, q, Some(s.info()), CsvStyle::Standard).unwrap();
    let cols = summarize(set, q).unwrap();
    let (header, counts) = csv_counts(&files.csv, b',');
    assert_eq!(header, column_names(q));
    assert_eq!(cols.iter().map(|c| c.name.clone()).collect::<Vec<_>>(), header);
    for (c, cells) in cols.iter().zip(&counts) {
        assert_eq!(c.n(), set.len(), "{}", c.name);
        let na = cells.get("NA").copied().unwrap_or(0);
        let empty = cells.get("").copied().unwrap_or(0);
        if c.role != ColumnRole::Meta {
            assert_eq!(c.n_not_asked, na, "{} NA", c.name);
        }
        assert_eq!(c.n_empty, empty, "{} empty", c.name);
        for v in &c.values {
            assert_eq!(cells.get(&v.value.to_string()).copied().unwrap_or(0), v.count, "{} = {}", c.name, v.value);
        }
        let missing: usize = c.values.iter().filter(|v| v.missing).map(|v| v.count).sum();
        assert_eq!(c.n_missing, missing, "{}", c.name);
    }
    // The example exercises every kind of cell.
    let by_name: HashMap<&str, &ColumnSummary> = cols.iter().map(|c| (c.name.as_str(), c)).collect();
    assert!(by_name["visie_jaar"].n_not_asked > 0);
    assert!(by_name["positie"].n_missing > 0);
    assert!(by_name["toelichting"].n_valid > 0);
}

#[test]
fn codebook_markdown_describes_every_column_without_texts() {
    let s = study();
    let q = s.questionnaire().unwrap();
    let set = with_formula(s.responses().unwrap(), q);
    let dir = out_dir("markdown");
    let files = export_archive(&dir, &set, q, Some(s.info()), CsvStyle::Standard).unwrap();
    let md = std::fs::read_to_string(&files.codebook).unwrap();
    for name in column_names(q) {
        assert!(md.contains(&format!("### `{name}`")), "{name}");
    }
    assert!(md.contains("lo-gemeenten"), "instrument id");
    assert!(md.contains("Gesteld als: visie = 1 (\"ja, vastgesteld\")"), "routing in words");
    assert!(md.contains("instrumenten: 3 (\"e-learningplatform\") aangekruist"), "has-condition in words");
    assert!(md.contains("Omgekeerd geformuleerd"), "reverse keying");
    assert!(md.contains("Eenheid: euro per fte"), "unit");
    assert!(md.contains("97 = weet niet"), "missing codes");
    assert!(md.contains("`NA`: niet gesteld"), "layout explains NA");
    assert!(md.contains("**instrumenten**"), "multiple-response group");
    assert!(md.contains("**leerklimaat**"), "scale");
    // Privacy: counts of texts only, never their contents.
    for t in open_texts(&set) {
        assert!(!md.contains(&t), "open text leaked into codebook.md: {t:?}");
    }
    // CSV injection: the CSV neutralises, the codebook never shows it.
    let csv = std::fs::read_to_string(&files.csv).unwrap();
    assert!(csv.contains("\"'=HYPERLINK("), "formula not neutralised in CSV");
    assert!(!md.contains("HYPERLINK"));
    // Toelichting: the number of non-empty answers is given.
    let toel = summarize(&set, q).unwrap().into_iter().find(|c| c.name == "toelichting").unwrap();
    assert!(md.contains(&format!("| | niet-lege tekst (inhoud niet getoond) | {} |", toel.n_valid)));
}

#[test]
fn codebook_can_be_english() {
    let s = study();
    let q = s.questionnaire().unwrap();
    let mut info = s.info().clone();
    info.language = lomonitor::Language::En;
    let mut md = Vec::new();
    lomonitor::responses::write_codebook(
        &mut md,
        s.responses().unwrap(),
        q,
        Some(&info),
        "r.csv",
        CsvStyle::DutchExcel,
    )
    .unwrap();
    let md = String::from_utf8(md).unwrap();
    assert!(md.contains("# Codebook — Learning and development in Dutch municipalities"));
    assert!(md.contains("Asked if: visie = 1 (\"yes, adopted\")"));
    assert!(md.contains("Delimiter: `;`; decimal separator: `,`"));
}

/// A parsed `<var>`.
#[derive(Debug, Default)]
struct DdiVar {
    id: String,
    name: String,
    freqs: Vec<(String, usize, bool)>,
    sum_stats: HashMap<String, usize>,
    has_qstn: bool,
    universe: Option<String>,
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.normalized_value(quick_xml::XmlVersion::Explicit1_0).unwrap().into_owned())
}

/// Parse the DDI document (the reader checks that start and end tags match) into vars and groups.
/// A parsed `<varGrp>`: type, name, member var IDs.
type DdiGroup = (String, String, Vec<String>);

fn parse_ddi(xml: &str) -> (String, Vec<DdiVar>, Vec<DdiGroup>, String) {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<String> = Vec::new();
    let mut vars: Vec<DdiVar> = Vec::new();
    let mut grps = Vec::new();
    let mut root_ns = String::new();
    let mut cat: Option<(String, usize, bool)> = None;
    let mut stat_type = String::new();
    let mut ids = String::new();
    let mut text = String::new();
    loop {
        let ev = r.read_event().unwrap();
        let (start, empty) = match &ev {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            let name = e.name().as_ref().to_owned();
            match name.as_str() {
                "codeBook" => {
                    root_ns = attr(&e, "xmlns").unwrap();
                    assert_eq!(attr(&e, "version").as_deref(), Some("2.5"));
                }
                "var" => vars.push(DdiVar {
                    id: attr(&e, "ID").unwrap(),
                    name: attr(&e, "name").unwrap(),
                    ..DdiVar::default()
                }),
                "varGrp" => grps.push((
                    attr(&e, "type").unwrap(),
                    attr(&e, "name").unwrap(),
                    attr(&e, "var").unwrap().split(' ').map(String::from).collect(),
                )),
                "catgry" => cat = Some((String::new(), 0, attr(&e, "missing").as_deref() == Some("Y"))),
                "sumStat" | "catStat" => stat_type = attr(&e, "type").unwrap(),
                "qstn" => vars.last_mut().unwrap().has_qstn = true,
                _ => {}
            }
            if !empty {
                stack.push(name);
            }
            text.clear();
            continue;
        }
        match ev {
            Event::Text(t) => text.push_str(&t.into_inner()),
            Event::GeneralRef(r) => {
                let name = r.into_inner();
                text.push_str(quick_xml::escape::resolve_predefined_entity(&name).expect("predefined entity"));
            }
            Event::End(e) => {
                let name = e.name().as_ref().to_owned();
                let in_var = stack.iter().any(|s| s == "var");
                let text = std::mem::take(&mut text);
                match name.as_str() {
                    "catValu" => cat.as_mut().unwrap().0 = text,
                    "catStat" if stat_type == "freq" => cat.as_mut().unwrap().1 = text.parse().unwrap(),
                    "sumStat" if in_var => {
                        vars.last_mut().unwrap().sum_stats.insert(stat_type.clone(), text.parse().unwrap());
                    }
                    "universe" if in_var => vars.last_mut().unwrap().universe = Some(text),
                    "IDNo" => ids = text,
                    _ => {}
                }
                assert_eq!(stack.pop().as_deref(), Some(name.as_str()));
                if name == "catgry" {
                    vars.last_mut().unwrap().freqs.push(cat.take().unwrap());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty());
    (root_ns, vars, grps, ids)
}

#[test]
fn ddi_codebook_lists_every_column_with_counts() {
    let s = study();
    let q = s.questionnaire().unwrap();
    let set = with_formula(s.responses().unwrap(), q);
    let dir = out_dir("ddi");
    let files = export_archive(&dir, &set, q, Some(s.info()), CsvStyle::Standard).unwrap();
    let xml = std::fs::read_to_string(&files.ddi).unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    let (ns, vars, grps, idno) = parse_ddi(&xml);
    assert_eq!(ns, "ddi:codebook:2_5");
    assert_eq!(idno, "lo-gemeenten 1.0");
    assert!(xml.contains("<caseQnty>151</caseQnty>"));
    assert!(xml.contains(&format!("<varQnty>{}</varQnty>", column_names(q).len())));
    assert!(xml.contains("<fileType>text/csv</fileType>"));
    let cols = summarize(&set, q).unwrap();
    assert_eq!(vars.iter().map(|v| v.name.clone()).collect::<Vec<_>>(), column_names(q));
    for (v, c) in vars.iter().zip(&cols) {
        assert_eq!(v.sum_stats["vald"], c.n_valid, "{}", c.name);
        assert_eq!(v.sum_stats["invd"], c.n_missing + c.n_empty + c.n_not_asked, "{}", c.name);
        assert_eq!(v.has_qstn, c.item.is_some(), "{}", c.name);
        for val in &c.values {
            let f = v.freqs.iter().find(|f| f.0 == val.value.to_string()).unwrap();
            assert_eq!((f.1, f.2), (val.count, val.missing), "{} = {}", c.name, val.value);
        }
        if c.item.is_some() && !c.role.is_text() {
            let f = v.freqs.iter().find(|f| f.0 == "NA").unwrap();
            assert_eq!((f.1, f.2), (c.n_not_asked, true), "{} NA", c.name);
        }
        if c.role.is_text() {
            assert!(v.freqs.is_empty(), "no categories for text {}", c.name);
        }
    }
    let visie_jaar = vars.iter().find(|v| v.name == "visie_jaar").unwrap();
    assert_eq!(visie_jaar.universe.as_deref(), Some("gesteld als: visie = 1 (\"ja, vastgesteld\")"));
    // Groups reference var IDs: map back to names.
    let name_of: HashMap<&str, &str> = vars.iter().map(|v| (v.id.as_str(), v.name.as_str())).collect();
    let grp = |name: &str| grps.iter().find(|g| g.1 == name).unwrap();
    let (ty, _, members) = grp("instrumenten");
    assert_eq!(ty, "multipleResp");
    let want: Vec<String> = (1..=10).map(|k| format!("instrumenten_{k}")).collect();
    assert_eq!(members.iter().map(|m| name_of[m.as_str()].to_owned()).collect::<Vec<_>>(), want);
    let (ty, _, members) = grp("leerklimaat");
    assert_eq!(ty, "analysis");
    assert_eq!(members.len(), 5);
    assert_eq!(name_of[members[3].as_str()], "klimaat_4");
    assert_eq!(grps.len(), groups(q).len());
    // Privacy and injection.
    for t in open_texts(&set) {
        assert!(!xml.contains(&t), "open text leaked into codebook.xml: {t:?}");
    }
    assert!(!xml.contains("HYPERLINK"));
}

#[test]
fn special_codes_avoid_declared_codes_and_fit_spss() {
    let s = study();
    let (q, set) = (s.questionnaire().unwrap(), s.responses().unwrap());
    let sp = |id: &str| special_codes(q.item(id).unwrap(), set.column(q, id).unwrap());
    // Numbers with one declared code (-1): -8/-9.
    assert_eq!(sp("fte_lo").map(|s| (s.not_asked, s.unanswered)), Some((-8, -9)));
    // Codes with 97, 98, 99: -8/-9 would make five missing values; 100/101 make one range.
    assert_eq!(sp("positie").map(|s| (s.not_asked, s.unanswered)), Some((100, 101)));
    assert_eq!(sp("instrumenten").map(|s| (s.not_asked, s.unanswered)), Some((-8, -9)));
    assert_eq!(sp("toelichting"), None);
}

#[test]
fn archive_csv_reads_back_exactly() {
    let s = study();
    let (q, set) = (s.questionnaire().unwrap(), s.responses().unwrap());
    for style in [CsvStyle::Standard, CsvStyle::DutchExcel] {
        let dir = out_dir(&format!("roundtrip-{style:?}"));
        let files = export_archive(&dir, set, q, None, style).unwrap();
        let back = import_csv_path(&files.csv, q, s.frame(), s.organisations(), &ImportOptions::default()).unwrap();
        assert!(back.report.is_clean(), "{}", back.report);
        assert_eq!(back.responses.items(), set.items());
        for f in ["responses.csv", "codebook.md", "codebook.xml", "responses.sps"] {
            assert!(dir.join(f).is_file(), "{f}");
        }
        // No temporary files left behind.
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 4);
    }
}

#[test]
fn archive_rejects_a_set_of_another_questionnaire() {
    let s = study();
    let (q, set) = (s.questionnaire().unwrap(), s.responses().unwrap());
    // The set is bound to version 0.x; the questionnaire handed over is version 9.9.
    let mut other = q.clone();
    other.version = "9.9".into();
    let dir = out_dir("reject");
    assert!(export_archive(&dir, set, &other, None, CsvStyle::Standard).is_err());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "nothing written");
}

// ---- SPSS syntax, run by GNU PSPP ----

fn pspp_available() -> bool {
    Command::new("pspp").arg("--version").output().is_ok_and(|o| o.status.success())
}

/// The tables of PSPP's CSV output, by title.
fn pspp_tables(text: &str) -> Vec<(String, Vec<Vec<String>>)> {
    let mut out: Vec<(String, Vec<Vec<String>>)> = Vec::new();
    for block in text.split("\n\n") {
        let Some(rest) = block.trim_start_matches('\n').strip_prefix("Table: ") else { continue };
        let (title, body) = rest.split_once('\n').unwrap_or((rest, ""));
        let rows = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(body.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        out.push((title.to_owned(), rows));
    }
    out
}

/// Run the archive's syntax with PSPP plus display and frequency commands; check what PSPP reads
/// against lomonitor's counts.
fn check_with_pspp(style: CsvStyle) {
    let s = study();
    let (q, set) = (s.questionnaire().unwrap(), s.responses().unwrap());
    let dir = out_dir(&format!("pspp-{style:?}"));
    let files = export_archive(&dir, set, q, Some(s.info()), style).unwrap();
    let cols = summarize(set, q).unwrap();
    let numeric: Vec<&ColumnSummary> =
        cols.iter().filter(|c| !c.role.is_text() && c.role != ColumnRole::Meta).collect();
    let mut sps = std::fs::read_to_string(&files.spss).unwrap();
    sps.push_str("\nSET TVARS=NAMES TNUMBERS=VALUES.\nDISPLAY DICTIONARY.\nMRSETS /DISPLAY NAME=ALL.\n");
    sps.push_str("FREQUENCIES /VARIABLES=");
    for c in &numeric {
        sps.push_str(&format!("\n  {}", c.name));
    }
    sps.push_str("\n  /STATISTICS=NONE.\n");
    std::fs::write(dir.join("run.sps"), sps).unwrap();
    let out =
        Command::new("pspp").current_dir(&dir).args(["-O", "format=csv", "-o", "out.csv", "run.sps"]).output().unwrap();
    let text = std::fs::read_to_string(dir.join("out.csv")).unwrap_or_default();
    assert!(out.status.success(), "pspp failed:\n{}\n{}", String::from_utf8_lossy(&out.stdout), text);
    assert!(!text.contains("error:") && !text.contains("warning:"), "pspp complained:\n{text}");
    let tables = pspp_tables(&text);

    // Dictionary: every column, in order.
    let (_, vars) = tables.iter().find(|t| t.0 == "Variables").unwrap();
    let names: Vec<&str> = vars.iter().skip(1).map(|r| r[0].as_str()).collect();
    assert_eq!(names, column_names(q));

    // Multiple-response sets.
    let (_, mr) = tables.iter().find(|t| t.0 == "Multiple Response Sets").unwrap();
    for g in groups(q).iter().filter(|g| g.kind == GroupKind::MultipleResponse) {
        let row = mr.iter().find(|r| r[0] == format!("${}", g.id)).unwrap_or_else(|| panic!("${}", g.id));
        let members: Vec<&str> = row[4].lines().collect();
        assert_eq!(members, g.variables.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(row[3], "1");
    }

    // Frequencies: per value, and the two special codes.
    for c in &numeric {
        let (_, rows) = tables.iter().find(|t| t.0 == c.name).unwrap_or_else(|| panic!("no table {}", c.name));
        let mut freq: HashMap<String, usize> = HashMap::new();
        let (mut valid, mut missing) = (0, 0);
        let mut section = String::new();
        for r in rows.iter().skip(1) {
            if !r[0].is_empty() {
                section = r[0].clone();
            }
            if section == "Total" {
                assert_eq!(r[2].parse::<usize>().unwrap(), set.len(), "{} total", c.name);
                continue;
            }
            let n: usize = r[2].parse().unwrap();
            let v = r[1].parse::<f64>().map(|v| v.to_string()).unwrap_or_else(|_| r[1].clone());
            *freq.entry(v).or_insert(0) += n;
            if section == "Valid" {
                valid += n;
            } else {
                missing += n;
            }
        }
        assert_eq!(valid, c.n_valid, "{} valid", c.name);
        assert_eq!(missing, set.len() - c.n_valid, "{} missing", c.name);
        for v in c.values.iter().filter(|v| v.count > 0) {
            assert_eq!(freq.get(&v.value.to_string()).copied(), Some(v.count), "{} = {}", c.name, v.value);
        }
        let item = q.item(c.item.as_deref().unwrap()).unwrap();
        let sp = special_codes(item, set.column(q, &item.id).unwrap());
        if let Some(sp) = sp {
            if c.n_not_asked > 0 {
                assert_eq!(freq.get(&sp.not_asked.to_string()).copied(), Some(c.n_not_asked), "{} NA", c.name);
            }
            let coded_empty = matches!(c.role, ColumnRole::Code | ColumnRole::Number | ColumnRole::Selected { .. });
            if coded_empty && c.n_empty > 0 {
                assert_eq!(freq.get(&sp.unanswered.to_string()).copied(), Some(c.n_empty), "{} empty", c.name);
            }
        }
    }
}

#[test]
fn spss_syntax_runs_in_pspp_and_agrees() {
    if !pspp_available() {
        eprintln!("SKIPPED spss_syntax_runs_in_pspp_and_agrees: `pspp` is not on PATH (apt-get install pspp)");
        return;
    }
    check_with_pspp(CsvStyle::Standard);
    check_with_pspp(CsvStyle::DutchExcel);
}

#[test]
fn spss_syntax_quotes_labels() {
    let s = study();
    let (q, set) = (s.questionnaire().unwrap(), s.responses().unwrap());
    let mut q2 = q.clone();
    q2.items[0].label = Some(lomonitor::instrument::Text::nl("Functie van de respondent ('s-Gravenhage)"));
    let mut sps = Vec::new();
    lomonitor::responses::write_spss(&mut sps, set, &q2, "it's.csv", CsvStyle::Standard, lomonitor::Language::Nl)
        .unwrap();
    let sps = String::from_utf8(sps).unwrap();
    assert!(sps.contains("functie 'Functie van de respondent (''s-Gravenhage)'"));
    assert!(sps.contains("/FILE='it''s.csv'"));
    assert!(sps.contains("MRSETS /MDGROUP NAME=$instrumenten"));
    assert!(sps.trim_end().ends_with("EXECUTE."));
    assert!(!sps.contains("WARNING"));
    // A line break in an open answer: SPSS would split the row, the syntax says so.
    let mut broken = set.clone();
    let i = q.position("toelichting").unwrap();
    if let ItemData::Open { state, text } = &mut broken.items_mut()[i] {
        state[0] = lomonitor::responses::ANSWERED;
        text[0] = "twee\nregels".into();
    }
    let mut sps = Vec::new();
    lomonitor::responses::write_spss(&mut sps, &broken, q, "r.csv", CsvStyle::Standard, lomonitor::Language::Nl)
        .unwrap();
    assert!(String::from_utf8(sps).unwrap().contains("* WARNING: 1 text(s) of toelichting contain a line break"));
}

#[test]
fn archive_of_an_empty_set_is_well_defined() {
    let s = study();
    let q = s.questionnaire().unwrap();
    let empty = ResponseSet::empty(q);
    let dir = out_dir("empty");
    let files = export_archive(&dir, &empty, q, None, CsvStyle::Standard).unwrap();
    let cols = summarize(&empty, q).unwrap();
    assert!(cols.iter().all(|c| c.n() == 0));
    let xml = std::fs::read_to_string(&files.ddi).unwrap();
    let (_, vars, _, _) = parse_ddi(&xml);
    assert_eq!(vars.len(), column_names(q).len());
    assert!(xml.contains("<caseQnty>0</caseQnty>"));
    if pspp_available() {
        let out = Command::new("pspp")
            .current_dir(&dir)
            .args(["-O", "format=csv", "-o", "out.csv", "responses.sps"])
            .output()
            .unwrap();
        let text = std::fs::read_to_string(dir.join("out.csv")).unwrap_or_default();
        assert!(out.status.success() && !text.contains("error:"), "{text}");
    }
}

#[test]
fn spss_rejects_names_spss_cannot_hold() {
    let s = study();
    let (q, set) = (s.questionnaire().unwrap(), s.responses().unwrap());
    let mut q2 = q.clone();
    q2.items[1].id = "TO".into(); // a reserved word in SPSS
    let q2 = q2.reindexed();
    let e =
        lomonitor::responses::write_spss(Vec::new(), set, &q2, "r.csv", CsvStyle::Standard, lomonitor::Language::Nl)
            .unwrap_err();
    assert!(e.to_string().contains("\"TO\""), "{e}");
}
