#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code
//! The hostile corpus (issue 20): inputs an adversary would send, each answered with an error
//! naming file, line and value, or a well-formed output — never a stack overflow, an abort or an
//! exhausted memory. Small inputs live in `tests/data/hostile/`; large ones are built here,
//! deterministically, at run time. See docs/robustness.md.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use lomonitor::coding::{ArchiveLimits, MAX_ENTRIES, read_qdpx, read_qdpx_with_limits, write_qdc};
use lomonitor::instrument::{Code, Codebook, Questionnaire, Text};
use lomonitor::report::charts::{
    BarChart, BarDatum, Infographic, KeyFigure, ValueFormat, bar_chart_svg, infographic_html, infographic_svg,
};
use lomonitor::{Error, Language};

fn hostile(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile").join(name)
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("lomonitor-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

/// The characters XML 1.0 forbids, planted in titles and labels.
const PLANTED: &str = "Titel\u{0}met\u{1}rommel\u{FFFE}\u{FFFF}";

fn well_formed(what: &str, xml: &str) {
    if let Err(e) = roxmltree::Document::parse(xml) {
        panic!("{what} is not well-formed XML: {e}");
    }
    assert!(!xml.contains(['\u{0}', '\u{1}', '\u{FFFE}', '\u{FFFF}']), "{what} keeps an illegal character");
}

// ---- 1. bounded parsing ----------------------------------------------------------------------

#[test]
fn deep_show_if_is_an_error_with_file_and_line() {
    for name in ["show-if-parens.toml", "show-if-nots.toml"] {
        let path = hostile(name);
        let e = Questionnaire::load(&path).unwrap_err();
        let m = e.to_string();
        match &e {
            Error::Definition { location, .. } => {
                assert_eq!(location.file.as_deref(), Some(path.as_path()));
                assert_eq!(location.line, Some(15), "{m}"); // the line of `id = "b"`
            }
            other => panic!("{name}: {other:?}"),
        }
        assert!(m.contains("nested deeper than 64 levels") && m.contains("b.show_if"), "{m}");
        assert!(m.len() < 1_000, "the message quotes the whole expression: {} bytes", m.len());
    }
    // 100,000 "not"s (400 KB): built here.
    let text = std::fs::read_to_string(hostile("show-if-nots.toml")).unwrap();
    let (head, _) = text.rsplit_once("show_if").unwrap();
    let big = format!("{head}show_if = \"{}a == 1\"\n", "not ".repeat(100_000));
    let e = Questionnaire::from_toml_str(&big, Some(Path::new("big.toml"))).unwrap_err().to_string();
    assert!(e.contains("big.toml") && e.contains("nested deeper"), "{e}");
}

#[test]
fn deep_code_tree_in_a_qdc_is_an_error() {
    // 300 nested <Code> elements: past the codebook's 32 levels (and the XML reader's 256).
    let mut xml = String::from("<?xml version=\"1.0\"?><CodeBook><Codes>");
    for i in 0..300 {
        xml.push_str(&format!("<Code guid=\"{i:08}-0000-8000-8000-000000000000\" name=\"c{i}\" isCodable=\"true\">"));
    }
    xml.push_str(&"</Code>".repeat(300));
    xml.push_str("</Codes></CodeBook>");
    let path = tmp("deep.qdc");
    std::fs::write(&path, xml).unwrap();
    let m = lomonitor::coding::read_qdc(&path).unwrap_err().to_string();
    assert!(m.contains("deep.qdc") && m.contains("nested deeper than 256"), "{m}");
}

// ---- 2. bounded archives ---------------------------------------------------------------------

fn zip(path: &Path, entries: &[(&str, &[u8])]) {
    let mut w = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap();
}

fn project(sources: usize, inner: &str) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\"?><Project name=\"p\"><CodeBook><Codes>\
         <Code guid=\"00000000-0000-8000-8000-000000000001\" name=\"c\" isCodable=\"true\"/></Codes></CodeBook><Sources>",
    );
    for i in 0..sources {
        s.push_str(&format!(
            "<TextSource guid=\"s{i}\" name=\"GM0363_2025-03-{:02}_JS{i}.txt\" plainTextPath=\"internal://{inner}\"/>",
            i % 28 + 1
        ));
    }
    s.push_str("</Sources></Project>");
    s
}

#[test]
fn zip_bomb_entry_is_an_error_naming_file_and_entry() {
    // 8 MiB of zeros deflates to a few KB; the cap is set to 1 MiB for the test (the default is
    // 256 MiB), which exercises the same code path without inflating 256 MiB.
    let path = tmp("bomb.qdpx");
    let zeros = vec![0u8; 8 << 20];
    zip(&path, &[("project.qde", project(1, "a.txt").as_bytes()), ("sources/a.txt", &zeros)]);
    assert!(std::fs::metadata(&path).unwrap().len() < 100_000);
    let limits = ArchiveLimits { max_entry_bytes: 1 << 20, ..ArchiveLimits::default() };
    let m = read_qdpx_with_limits(&path, None, limits).unwrap_err().to_string();
    assert!(m.contains("bomb.qdpx") && m.contains("sources/a.txt") && m.contains("more than 1048576 bytes"), "{m}");
    // The total cap: two 600 KiB entries under a 1 MiB total.
    let half = vec![b'x'; 600 << 10];
    zip(&path, &[("project.qde", project(0, "").as_bytes()), ("sources/a.txt", &half), ("sources/b.txt", &half)]);
    let mut p = project(2, "a.txt");
    p = p.replacen("internal://a.txt\"/>", "internal://b.txt\"/>", 2).replacen(
        "internal://b.txt",
        "internal://a.txt",
        1,
    );
    zip(&path, &[("project.qde", p.as_bytes()), ("sources/a.txt", &half), ("sources/b.txt", &half)]);
    let limits = ArchiveLimits { max_entry_bytes: 1 << 20, max_total_bytes: 1 << 20, max_entries: 10 };
    let m = read_qdpx_with_limits(&path, None, limits).unwrap_err().to_string();
    assert!(m.contains("sources/b.txt") && m.contains("together"), "{m}");
}

#[test]
fn too_many_entries_is_an_error() {
    let path = tmp("many.qdpx");
    let names: Vec<String> = (0..=MAX_ENTRIES).map(|i| format!("sources/{i}.txt")).collect();
    let mut entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let p = project(0, "");
    entries.push(("project.qde", p.as_bytes()));
    zip(&path, &entries);
    let m = read_qdpx(&path, None).unwrap_err().to_string();
    assert!(m.contains("many.qdpx") && m.contains("10002 entries"), "{m}");
}

#[test]
fn twenty_sources_on_one_entry_read_it_once() {
    // The 20-sources-one-entry case: the total cap (3 MiB) is below 20 x the entry (2 MiB), so
    // reading the entry once per source would fail; reading it once passes.
    let path = tmp("shared.qdpx");
    let text = "Wij investeren in leren. ".repeat(2 << 20 >> 5);
    zip(&path, &[("project.qde", project(20, "shared.txt").as_bytes()), ("sources/shared.txt", text.as_bytes())]);
    let limits = ArchiveLimits { max_entry_bytes: 4 << 20, max_total_bytes: 3 << 20, max_entries: 10 };
    let p = read_qdpx_with_limits(&path, None, limits).unwrap();
    assert_eq!(p.codings.interviews.len(), 20);
}

// ---- 3. well-formed XML outputs ----------------------------------------------------------------

#[test]
fn illegal_characters_never_reach_an_xml_output() {
    let chart = BarChart::new(PLANTED, PLANTED, vec![BarDatum::new(PLANTED, 40.0), BarDatum::new("b\u{0}", 60.0)]);
    well_formed("bar chart SVG", &bar_chart_svg(&chart, Language::Nl).unwrap());
    let info = Infographic {
        title: PLANTED.into(),
        subtitle: Some(PLANTED.into()),
        key_figures: vec![KeyFigure { value: 1.0, format: ValueFormat::Count, caption: PLANTED.into() }],
        themes_title: PLANTED.into(),
        themes: vec![(PLANTED.into(), 50.0)],
        map: None,
        footer: Some(PLANTED.into()),
    };
    let svg = infographic_svg(&info, Language::Nl).unwrap();
    well_formed("infographic SVG", &svg);
    let html = infographic_html(&svg, PLANTED, Language::Nl);
    assert!(!html.contains(['\u{0}', '\u{1}', '\u{FFFE}', '\u{FFFF}']));

    let cb = Codebook::new(
        "cb".into(),
        "1".into(),
        Text::nl(PLANTED),
        vec![Code {
            id: "a".into(),
            label: Text::nl(PLANTED),
            description: Some(Text::nl(PLANTED)),
            parent: None,
            codable: true,
        }],
    )
    .unwrap();
    let mut qdc = Vec::new();
    write_qdc(&cb, lomonitor::Language::Nl, &mut qdc, Path::new("x.qdc")).unwrap();
    well_formed(".qdc", &String::from_utf8(qdc).unwrap());

    let study = lomonitor::Study::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/study")).unwrap();
    let src = std::fs::read_to_string(study.root().join("questionnaire.toml")).unwrap();
    let planted = "Titel\\u0000met\\u0001rommel\\uFFFE\\uFFFF";
    let src = src
        .replacen("title = \"Leren en ontwikkelen binnen uw gemeente\"", &format!("title = \"{planted}\""), 1)
        .replacen("label = \"Functie respondent\"", &format!("label = \"{planted}\""), 1);
    let q = Questionnaire::from_toml_str(&src, None).unwrap();
    let mut ddi = Vec::new();
    lomonitor::responses::write_ddi(
        &mut ddi,
        study.responses().unwrap(),
        &q,
        Some(study.info()),
        "data.csv",
        lomonitor::responses::CsvStyle::Standard,
    )
    .unwrap();
    let ddi = String::from_utf8(ddi).unwrap();
    well_formed("DDI", &ddi);
    assert!(ddi.contains("Titelmetrommel"), "the planted title is removed, not the text around it");
}

// ---- 4. erasure that proves itself -----------------------------------------------------------

use lomonitor::contacts::PersonQuery;
use lomonitor::study::{EraseOptions, FileKind, ScanLimits, Study, erase, erase_with};

/// The person of the example study erased in these tests: listed in the published overview,
/// with a phone number (`06 79943894`).
const NAME: &str = "Zeger Fictieman";
const EMAIL: &str = "z.fictieman@groningen.example.nl";

fn example_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/study")
}

/// A fresh copy of the example study folder (canonical path, so the proof's paths compare).
fn study_copy(name: &str) -> PathBuf {
    let d = tmp(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    for e in std::fs::read_dir(example_dir()).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, d.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::canonicalize(d).unwrap()
}

fn unzip_all(path: &Path) -> String {
    let mut a = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = String::new();
    for i in 0..a.len() {
        let mut e = a.by_index(i).unwrap();
        std::io::Read::read_to_string(&mut e, &mut out).unwrap();
    }
    out
}

#[test]
fn erase_regenerates_the_overview_and_finds_backups_phones_and_links() {
    let root = study_copy("erase-all");
    let study = Study::load(&root).unwrap();
    // lomonitor's published overview in the folder (as `lomonitor overview` writes it).
    let out = root.join("out");
    std::fs::create_dir_all(out.join("rapport/grafieken")).unwrap();
    let dir = study.contacts().unwrap().strict().unwrap();
    let overview = lomonitor::contacts::published_overview(&dir, study.frame(), study.organisations());
    let xlsx = out.join("overzicht-lo-verantwoordelijken.xlsx");
    lomonitor::report::write_xlsx(&xlsx, &[overview.to_table(Language::Nl).unwrap()], Language::Nl).unwrap();
    overview.write_csv(&out.join("overzicht-lo-verantwoordelijken.csv")).unwrap();
    assert!(unzip_all(&xlsx).contains(NAME), "the person is listed before");
    // An old report that quoted the person.
    std::fs::write(out.join("rapport/rapport.html"), format!("<p>{NAME} zei ...</p>")).unwrap();
    // A zip backup, a gzip backup, a zip inside a zip, and notes with phone spellings.
    let contacts = std::fs::read(root.join("contacts.csv")).unwrap();
    zip(&root.join("backup.zip"), &[("contacts.csv", &contacts)]);
    let inner = tmp("inner.zip");
    zip(&inner, &[("deep/contacts.csv", &contacts)]);
    zip(&root.join("nested.zip"), &[("inner.zip", &std::fs::read(&inner).unwrap())]);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&contacts).unwrap();
    std::fs::write(root.join("contacts-2024.csv.gz"), gz.finish().unwrap()).unwrap();
    let spellings = ["06-79 94 38 94", "+31 6 79943894", "+31 (0)6-79943894", "0031 6 7994 3894", "06.79.94.38.94"];
    for (i, s) in spellings.iter().enumerate() {
        std::fs::write(root.join(format!("note{i}.txt")), format!("bel {s} terug")).unwrap();
    }
    std::fs::write(root.join("other.txt"), "bel 06-79 94 38 95 terug (a different number)").unwrap();
    // Symlink loops and a link out of the folder.
    std::os::unix::fs::symlink(".", root.join("loop")).unwrap();
    std::os::unix::fs::symlink("..", root.join("up")).unwrap();
    std::os::unix::fs::symlink("/usr", root.join("usr")).unwrap();

    let proof = erase(&study, &PersonQuery::Email(EMAIL.into())).unwrap();

    // The overview is written again without the person, the old report removed.
    assert!(proof.files_regenerated.contains(&xlsx), "{:?}", proof.files_regenerated);
    assert!(proof.files_regenerated.contains(&out.join("overzicht-lo-verantwoordelijken.csv")));
    let after = unzip_all(&xlsx);
    assert!(!after.contains(NAME) && !after.contains(EMAIL) && !after.contains("79943894"));
    assert!(after.contains("Sprookjeskamp"), "the others stay listed");
    assert_eq!(proof.files_removed, [out.join("rapport/rapport.html")]);
    assert!(!out.join("rapport/rapport.html").exists());
    // Every backup and every phone spelling is found, in the right entry; the other number is not.
    let found = |path: &Path, entry: Option<&str>, what: &str| {
        proof.still_found.iter().any(|t| t.path == path && t.entry.as_deref() == entry && t.found == what)
    };
    for what in [NAME, EMAIL, "06 79943894", "c0005"] {
        assert!(found(&root.join("backup.zip"), Some("contacts.csv"), what), "{what}: {:#?}", proof.still_found);
        assert!(found(&root.join("nested.zip"), Some("inner.zip/deep/contacts.csv"), what), "{what}");
        assert!(found(&root.join("contacts-2024.csv.gz"), None, what), "{what}");
    }
    for (i, s) in spellings.iter().enumerate() {
        assert!(found(&root.join(format!("note{i}.txt")), None, "06 79943894"), "{s}");
    }
    assert!(!proof.still_found.iter().any(|t| t.path.ends_with("other.txt")));
    assert!(!proof.still_found.iter().any(|t| t.path.starts_with(&out)), "{:#?}", proof.still_found);
    // The proof lists every file with its kind; links are not followed, the ones out are reported.
    let kind = |name: &str| proof.searched.iter().find(|s| s.path == root.join(name)).map(|s| (s.kind, s.complete));
    assert_eq!(kind("backup.zip"), Some((FileKind::Zip, true)));
    assert_eq!(kind("contacts-2024.csv.gz"), Some((FileKind::Gzip, true)));
    assert_eq!(kind("contacts.csv"), Some((FileKind::Text, true)));
    assert_eq!(kind("interviews.qdpx"), Some((FileKind::Zip, true)));
    assert_eq!(kind("loop"), Some((FileKind::Symlink, true)));
    assert_eq!(kind("up"), Some((FileKind::Symlink, false)));
    assert_eq!(kind("usr"), Some((FileKind::Symlink, false)));
    assert!(proof.searched.iter().any(|s| s.path == xlsx && s.kind == FileKind::Zip && s.complete));
    assert!(proof.remaining.iter().any(|r| r.path == root.join("usr") && r.what.contains("/usr")));
    assert!(proof.remaining.iter().any(|r| r.path == root.join("up")));
    assert!(!proof.complete());
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn erase_reports_the_git_history_with_the_purge_command() {
    let root = study_copy("erase-git");
    std::fs::create_dir_all(root.join(".git/objects")).unwrap();
    std::fs::write(root.join(".git/objects/pack"), b"\x78\x9c compressed history").unwrap();
    let study = Study::load(&root).unwrap();
    let proof = erase(&study, &PersonQuery::Name(NAME.into())).unwrap();
    assert!(proof.still_found.is_empty(), "{:#?}", proof.still_found);
    let git: Vec<_> = proof.remaining.iter().filter(|r| r.what.contains("git history")).collect();
    assert_eq!(git.len(), 1, "{:#?}", proof.remaining);
    assert_eq!(git[0].path, root);
    let command = git[0].command.as_deref().unwrap();
    assert!(command.contains("git filter-repo --replace-text"), "{command}");
    assert!(command.contains(&format!("{NAME}==>")) && command.contains(&format!("{EMAIL}==>")), "{command}");
    assert!(proof.searched.iter().any(|s| s.path == root.join(".git") && s.kind == FileKind::Git && !s.complete));
    assert!(!proof.complete());
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn erase_is_bounded_and_says_what_it_searched_in_part() {
    let root = study_copy("erase-caps");
    // A 4 MiB file with the name past the first MiB, and a zip bomb of 8 MiB of zeros.
    let mut big = vec![b'x'; 4 << 20];
    big.extend_from_slice(NAME.as_bytes());
    std::fs::write(root.join("big.txt"), &big).unwrap();
    zip(&root.join("bomb.zip"), &[("zeros.bin", &vec![0u8; 8 << 20])]);
    let study = Study::load(&root).unwrap();
    let mut options = EraseOptions::default();
    let mut limits = ScanLimits::default();
    limits.max_file_bytes = 1 << 20;
    options.limits = limits;
    let proof = erase_with(&study, &PersonQuery::Name(NAME.into()), &options).unwrap();
    for name in ["big.txt", "bomb.zip"] {
        let s = proof.searched.iter().find(|s| s.path == root.join(name)).unwrap();
        assert!(!s.complete && s.note.is_some(), "{s:?}");
        assert!(proof.remaining.iter().any(|r| r.path == root.join(name) && r.what.contains("in part")));
    }
    assert!(!proof.complete());
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn erase_refuses_a_contacts_file_outside_the_folder_unless_opted_in() {
    let base = tmp("erase-outside");
    let _ = std::fs::remove_dir_all(&base);
    let root = base.join("study");
    std::fs::create_dir_all(base.join("elsewhere")).unwrap();
    std::fs::create_dir_all(&root).unwrap();
    for f in ["questionnaire.toml", "responses.csv", "fieldwork.csv"] {
        std::fs::copy(example_dir().join(f), root.join(f)).unwrap();
    }
    std::fs::copy(example_dir().join("contacts.csv"), base.join("elsewhere/contacts.csv")).unwrap();
    let toml = |allow: bool| {
        format!(
            "[study]\ntitle = \"T\"\nreference_date = \"2025-03-01\"\n\n[files]\ninstrument = \"questionnaire.toml\"\n\
             responses = \"responses.csv\"\ncontacts = \"../elsewhere/contacts.csv\"\nfieldwork = \"fieldwork.csv\"\n{}",
            if allow { "allow_outside = true\n" } else { "" }
        )
    };
    std::fs::write(root.join("study.toml"), toml(false)).unwrap();
    let e = Study::load(&root).unwrap_err();
    let m = e.to_string();
    assert!(m.contains("files.contacts") && m.contains("outside the study folder") && m.contains("line 8"), "{m}");

    std::fs::write(root.join("study.toml"), toml(true)).unwrap();
    let study = Study::load(&root).unwrap();
    let before = std::fs::read_to_string(base.join("elsewhere/contacts.csv")).unwrap();
    let e = erase(&study, &PersonQuery::Name(NAME.into())).unwrap_err().to_string();
    assert!(e.contains("outside the study folder"), "{e}");
    assert_eq!(std::fs::read_to_string(base.join("elsewhere/contacts.csv")).unwrap(), before, "not touched");

    let mut options = EraseOptions::default();
    options.allow_outside = true;
    let proof = erase_with(&study, &PersonQuery::Name(NAME.into()), &options).unwrap();
    assert!(!std::fs::read_to_string(base.join("elsewhere/contacts.csv")).unwrap().contains(NAME));
    assert!(proof.searched.iter().any(|s| s.path.ends_with("elsewhere/contacts.csv")));
    assert!(proof.remaining.iter().any(|r| r.path.ends_with("elsewhere") && r.what.contains("outside")));
    std::fs::remove_dir_all(&base).unwrap();
}

// ---- 7. files stay in the study folder -------------------------------------------------------

#[test]
fn files_outside_the_folder_are_refused_and_never_quoted() {
    let root = study_copy("outside-files");
    let study_toml = std::fs::read_to_string(root.join("study.toml")).unwrap();
    let secret = tmp("secret.csv");
    std::fs::write(&secret, "root:x:0:0:geheim-wachtwoord:/root:/bin/bash\n").unwrap();
    std::os::unix::fs::symlink(&secret, root.join("link.csv")).unwrap();
    let cases: Vec<(&str, String)> = vec![
        ("frame.register", secret.display().to_string()),
        ("frame.register", "../secret.csv".into()),
        ("frame.register", "link.csv".into()),
    ];
    for (key, register) in &cases {
        let text = study_toml.replacen("register = \"embedded\"", &format!("register = \"{register}\""), 1);
        std::fs::write(root.join("study.toml"), &text).unwrap();
        let m = Study::load(&root).unwrap_err().to_string();
        assert!(m.contains(key) && m.contains("outside the study folder") && m.contains("allow_outside"), "{m}");
        assert!(!m.contains("geheim"), "{m}");
        // Opted in: read, and its error names the file only, never a line or its content.
        let text = text.replacen("[files]\n", "[files]\nallow_outside = true\n", 1);
        std::fs::write(root.join("study.toml"), &text).unwrap();
        let m = Study::load(&root).unwrap_err().to_string();
        assert!(!m.contains("geheim") && !m.contains("line") && !m.contains("root:x"), "{m}");
        assert!(m.contains("secret.csv") || m.contains("link.csv"), "{m}");
    }
    for (key, value) in [("responses", "../secret.csv"), ("codings", "/etc/passwd"), ("instrument", "link.csv")] {
        let text = study_toml
            .lines()
            .map(|l| if l.starts_with(&format!("{key} =")) { format!("{key} = \"{value}\"") } else { l.to_owned() })
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(root.join("study.toml"), &text).unwrap();
        let m = Study::load(&root).unwrap_err().to_string();
        assert!(m.contains(&format!("files.{key}")) && m.contains("outside the study folder"), "{m}");
    }
    // `sub/../x` stays inside and is fine.
    std::fs::create_dir_all(root.join("sub")).unwrap();
    let text = study_toml.replace("\"questionnaire.toml\"", "\"sub/../questionnaire.toml\"");
    std::fs::write(root.join("study.toml"), text).unwrap();
    Study::load(&root).unwrap();
    std::fs::remove_dir_all(&root).unwrap();
}

// ---- 9. the platform formats (.lss, .qsf) --------------------------------------------------------

#[test]
fn hostile_platform_files_are_errors_not_crashes() {
    use lomonitor::instrument::platform::{from_limesurvey, from_qualtrics};
    let deep_xml =
        format!("<?xml version=\"1.0\"?><document>{}{}</document>", "<a>".repeat(100_000), "</a>".repeat(100_000));
    let laughs = concat!(
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">",
        "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">",
        "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">",
        "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\"><!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">]>",
        "<document><questions><rows><row><title>&h;</title></row></rows></questions></document>"
    );
    for (what, text) in
        [("deep", deep_xml.as_str()), ("billion laughs", laughs), ("empty", ""), ("not xml", "{\"a\":1}")]
    {
        let r = from_limesurvey(text, Some(Path::new("hostile.lss")));
        if let Err(e) = &r {
            assert!(e.to_string().contains("hostile.lss"), "{what}: {e}");
        }
        assert!(r.map(|(q, _)| q.items.is_empty()).unwrap_or(true), "{what}: items from a hostile .lss");
    }
    let deep_json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let wide = format!("{{\"SurveyElements\": [{}]}}", vec!["{\"Element\":\"SQ\",\"Payload\":null}"; 10_000].join(","));
    for (what, text) in [("deep", deep_json.as_str()), ("wide", wide.as_str()), ("empty", ""), ("xml", "<a/>")] {
        let r = from_qualtrics(text, Some(Path::new("hostile.qsf")));
        if let Err(e) = &r {
            assert!(e.to_string().contains("hostile.qsf"), "{what}: {e}");
        }
    }
}
