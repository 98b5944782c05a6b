//! The contacts directory and fieldwork, through the public API, on the fixtures in
//! `tests/data/contacts/` and the example study.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use lomonitor::Study;
use lomonitor::contacts::*;
use lomonitor::study::erase;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/contacts").join(name)
}

fn example() -> Study {
    Study::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/study")).unwrap()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn directory() -> Directory {
    let s = example();
    Directory::read(&data("directory.csv"), s.frame(), s.organisations()).unwrap().strict().unwrap()
}

fn aapor_log() -> FieldworkLog {
    FieldworkLog::read(&data("aapor_fieldwork.csv"), example().frame()).unwrap().strict().unwrap()
}

/// A scratch folder of this test, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lomonitor-contacts-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

// ---------------------------------------------------------------------------------------------
// contacts.csv: validation report

#[test]
fn bad_rows_are_listed_with_file_line_column_value() {
    let s = example();
    let path = data("bad_contacts.csv");
    let loaded = Directory::read(&path, s.frame(), s.organisations()).unwrap();
    let errors: Vec<(u64, String, String)> = loaded
        .errors()
        .map(|i| {
            assert_eq!(i.location.file.as_deref(), Some(path.as_path()));
            (i.location.line.unwrap(), i.location.column.clone().unwrap(), i.value.clone())
        })
        .collect();
    let want: Vec<(u64, &str, &str)> = vec![
        (4, "covers", "GM9999"),
        (4, "email", "carlijn@@x.nl"),
        (4, "phone", "06-123"),
        (4, "verified", "2025-13-01"),
        (5, "role", "chef"),
        (5, "covers", "Atlantis"),
        (5, "status", "gone"),
        (5, "consent_research", "misschien"),
        (5, "consent_publish", "naam|adres"),
        (6, "contact_id", "c0001"),
        (9, "name", ""),
    ];
    let want: Vec<(u64, String, String)> = want.into_iter().map(|(l, c, v)| (l, c.to_owned(), v.to_owned())).collect();
    assert_eq!(errors, want);

    // Nothing dropped silently: every data line is either in the directory or has an error.
    let ids: Vec<&str> = loaded.value.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["c0001", "c0002", "c0010", "c0011"], "ids assigned above the highest id in the file (c0009)");
    let error_lines: std::collections::BTreeSet<u64> = loaded.errors().map(|i| i.location.line.unwrap()).collect();
    assert_eq!(error_lines.len() + loaded.value.len(), 8, "8 data rows in the file");

    let warnings: Vec<(u64, String)> = loaded
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Warning)
        .map(|i| (i.location.line.unwrap(), i.message.clone()))
        .collect();
    let has = |line: u64, text: &str| warnings.iter().any(|(l, m)| *l == line && m.contains(text));
    assert!(has(1, "unknown column"), "{warnings:?}");
    assert!(has(7, "assigned c0010"), "{warnings:?}");
    assert!(has(7, "same person as c0001"), "same e-mail, other case: {warnings:?}");
    assert!(has(8, "same person as c0002"), "same name within BUCH: {warnings:?}");
    assert!(has(8, "neither e-mail nor phone"), "{warnings:?}");

    // The messages say what is wrong; strict() names the first and counts the rest.
    let phone = loaded.errors().find(|i| i.value == "06-123").unwrap();
    assert!(phone.message.contains("10 digits"), "{}", phone.message);
    let covers = loaded.errors().find(|i| i.value == "GM9999").unwrap();
    assert!(covers.message.contains("not in the frame"), "{}", covers.message);
    let e = loaded.strict().unwrap_err().to_string();
    assert!(
        e.contains("bad_contacts.csv") && e.contains("line 4") && e.contains("GM9999") && e.contains("10 more"),
        "{e}"
    );
}

#[test]
fn semicolon_dutch_file_reads_and_roundtrips_atomically() {
    let s = example();
    let dir = directory();
    assert_eq!(dir.len(), 5);
    let c5 = dir.get(&ContactId::new("c0005").unwrap()).unwrap();
    assert_eq!(c5.phone.as_ref().unwrap().as_str(), "+31501234567");
    assert_eq!(c5.covers.len(), 2, "GM0014 and Almere (by name)");
    assert_eq!(dir.get(&ContactId::new("c0003").unwrap()).unwrap().verified, Some(date("2023-01-01")));

    let out = scratch("roundtrip");
    let p = out.join("contacts.csv");
    dir.write(&p).unwrap();
    dir.write(&p).unwrap();
    let again = Directory::read(&p, s.frame(), s.organisations()).unwrap();
    assert!(again.issues.is_empty(), "{:?}", again.issues);
    assert_eq!(again.value, dir);
    let files: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(files.len(), 1, "no temporary file left behind: {files:?}");
    std::fs::remove_dir_all(out).unwrap();
}

#[test]
fn formula_cells_are_neutralised_on_write_and_read_back_unchanged() {
    let s = example();
    let out = scratch("formulas");
    let p = out.join("contacts.csv");
    let header = std::fs::read_to_string(data("directory.csv")).unwrap().lines().next().unwrap().to_owned();
    std::fs::write(
        &p,
        format!(
            "{header}\nc0001;=HYPERLINK(\"http://x.example\");@SUM(1);lo_adviser;GM0363;x@gemeente.example.nl;;+ interview;;active;ja;ja;-2 dagen\n"
        ),
    )
    .unwrap();
    let first = Directory::read(&p, s.frame(), s.organisations()).unwrap();
    assert!(first.issues.is_empty(), "{:?}", first.issues);
    first.value.write(&p).unwrap();
    let text = std::fs::read_to_string(&p).unwrap();
    for cell in ["'=HYPERLINK", "'@SUM(1)", "'+ interview", "'-2 dagen"] {
        assert!(text.contains(cell), "{cell} in {text}");
    }
    let again = Directory::read(&p, s.frame(), s.organisations()).unwrap();
    assert_eq!(again.value, first.value);
    let c = again.value.get(&ContactId::new("c0001").unwrap()).unwrap();
    assert_eq!(c.name, "=HYPERLINK(\"http://x.example\")");
    std::fs::remove_dir_all(out).unwrap();
}

#[test]
fn debug_and_display_do_not_show_personal_data() {
    let dir = directory();
    let shown = format!("{dir} {dir:?} {:?}", dir.iter().collect::<Vec<_>>());
    for c in dir.iter() {
        assert!(!shown.contains(&c.name), "{shown}");
        assert!(!shown.contains(c.email.as_ref().unwrap().as_str()), "{shown}");
        if let Some(p) = &c.phone {
            assert!(!shown.contains(p.as_str()));
        }
    }
    assert!(shown.contains("c0001"));
}

// ---------------------------------------------------------------------------------------------
// duplicates and merge

#[test]
fn merge_keeps_every_field_and_lists_conflicts() {
    let s = example();
    let mut dir = Directory::read(&data("bad_contacts.csv"), s.frame(), s.organisations()).unwrap().value;
    let dups = dir.duplicates(s.organisations());
    assert_eq!(dups.len(), 2, "{dups:?}");
    assert!(dups.contains(&DuplicatePair {
        first: ContactId::new("c0002").unwrap(),
        second: ContactId::new("c0011").unwrap(),
        kind: DuplicateKind::SameNameSameOrganisation,
    }));

    let (keep, other) = (ContactId::new("c0002").unwrap(), ContactId::new("c0011").unwrap());
    let before_other = dir.get(&other).unwrap().clone();
    let report = dir.merge(&keep, &other).unwrap();
    assert!(dir.get(&other).is_none());
    let merged = dir.get(&keep).unwrap();
    let fields: Vec<ContactField> = report.conflicts.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        [ContactField::Function, ContactField::Status, ContactField::ConsentResearch, ContactField::ConsentPublish]
    );
    // Combined: sources, covers; kept: function, status; restrictive consents; notes keep the rest.
    assert_eq!(merged.source, "website; A&O-netwerk");
    assert_eq!(merged.function, "HR-adviseur");
    assert!(merged.notes.contains("Adviseur P&O") && merged.notes.contains("status: left"), "{}", merged.notes);
    assert!(!merged.consent_research);
    assert_eq!(merged.consent_publish, PublishConsent::NONE);
    assert_eq!(merged.verified, Some(date("2025-02-01")), "the later verification");
    assert!(merged.covers.len() == 2 && before_other.covers.iter().all(|u| merged.covers.contains(u)));
    assert!(report.conflicts.iter().all(|c| !c.resolution.is_empty()));

    assert!(dir.merge(&keep, &keep).is_err());
    assert!(matches!(dir.merge(&keep, &other), Err(lomonitor::Error::NotFound { .. })));
}

// ---------------------------------------------------------------------------------------------
// coverage

#[test]
fn coverage_on_hand_countable_directory() {
    let s = example();
    let dir = directory();
    let cov = coverage(s.frame(), s.organisations(), s.size_classes(), &dir, &CoverageOptions::at(date("2025-03-01")))
        .unwrap();
    // c0001 Amsterdam; c0002 the four BUCH municipalities; c0005 Groningen and Almere. c0003 is
    // stale (2023), c0004 has left.
    assert_eq!((cov.overall.covered, cov.overall.n), (7, 342));
    assert_eq!(cov.fresh_since, date("2024-03-01"));
    assert_eq!(cov.gaps.len(), 335);
    let first = cov.gaps.first().unwrap();
    assert_eq!((first.code.to_string().as_str(), &first.reason), ("GM0599", &GapReason::NoActiveContact));
    assert!(cov.gaps.windows(2).all(|w| w[0].inhabitants >= w[1].inhabitants), "largest first");
    let utrecht = cov.gaps.iter().find(|g| g.code.to_string() == "GM0344").unwrap();
    assert_eq!(utrecht.reason, GapReason::Stale { last_verified: Some(date("2023-01-01")) });
    let by_size = cov.by.iter().find(|g| g.by == lomonitor::StratumVar::SizeClass).unwrap();
    assert_eq!(by_size.cells.iter().map(|c| c.n).sum::<u64>(), 342);
    assert_eq!(by_size.cells.iter().map(|c| c.covered).sum::<u64>(), 7);
    let g4 = by_size.cells.iter().find(|c| c.key == "G4").unwrap();
    assert_eq!((g4.covered, g4.n), (1, 4));
    assert!((g4.share - 0.25).abs() < 1e-15);

    // A longer window takes Utrecht in; only L&O advisers: Amsterdam only.
    let mut o = CoverageOptions::at(date("2025-03-01"));
    o.window_months = 36;
    assert_eq!(coverage(s.frame(), s.organisations(), s.size_classes(), &dir, &o).unwrap().overall.covered, 8);
    o.roles = Some(vec![Role::LoAdviser]);
    o.window_months = 12;
    assert_eq!(coverage(s.frame(), s.organisations(), s.size_classes(), &dir, &o).unwrap().overall.covered, 1);
    o.window_months = 0;
    assert!(coverage(s.frame(), s.organisations(), s.size_classes(), &dir, &o).is_err());
}

// ---------------------------------------------------------------------------------------------
// fieldwork: AAPOR rates
//
// There is no peer package for the AAPOR rates. The test derives the dispositions from the
// fixture file itself with a parser of its own (below), independent of lomonitor's reader, and
// computes the rates from the formulas of AAPOR Standard Definitions (10th ed., 2023); lomonitor
// must agree exactly. No count or rate is typed by hand.

/// Unit dispositions derived from the fixture text: per municipality the most advanced status
/// (completed > started > refused > no reaction/bounced > not eligible), at the end of `as_of`.
fn derive_dispositions(path: &Path, as_of: Option<&str>) -> BTreeMap<&'static str, u64> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut best: BTreeMap<String, (u8, &'static str)> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (muni, invited, last_reminder, status, status_date) = (f[1], f[2], f[4], f[5], f[6]);
        let mut status = status;
        if let Some(d) = as_of {
            if invited > d {
                continue;
            }
            if !status_date.is_empty() && status_date > d && !matches!(status, "invited" | "reminded") {
                status = if !last_reminder.is_empty() && last_reminder <= d { "reminded" } else { "invited" };
            }
        }
        let (rank, code) = match status {
            "completed" => (5, "I"),
            "started" => (4, "P"),
            "refused" => (3, "R"),
            "invited" | "reminded" | "bounced" => (2, "NC"),
            "not_eligible" => (1, "NE"),
            other => panic!("{other}"),
        };
        let e = best.entry(muni.to_owned()).or_insert((rank, code));
        if rank > e.0 {
            *e = (rank, code);
        }
    }
    let mut counts = BTreeMap::new();
    for (_, code) in best.values() {
        *counts.entry(*code).or_insert(0) += 1;
    }
    counts
}

fn assert_rates(r: &AaporRates, d: &BTreeMap<&str, u64>, uh: u64) {
    let g = |k: &str| *d.get(k).unwrap_or(&0) as f64;
    let (i, p, rr, nc, o, u) = (g("I"), g("P"), g("R"), g("NC"), 0.0, uh as f64);
    assert_eq!(r.dispositions.complete, i as u64);
    assert_eq!(r.dispositions.partial, p as u64);
    assert_eq!(r.dispositions.refusal, rr as u64);
    assert_eq!(r.dispositions.non_contact, nc as u64);
    assert_eq!(r.dispositions.not_eligible, g("NE") as u64);
    assert_eq!(r.dispositions.unknown_unit, uh);
    let all = (i + p) + (rr + nc + o) + u;
    let close = |got: Option<f64>, want: f64| {
        let got = got.unwrap();
        assert!((got - want).abs() <= 1e-12 * want.abs().max(1.0), "{got} vs {want}");
    };
    close(r.rr1, i / all);
    close(r.rr2, (i + p) / all);
    close(r.coop1, i / ((i + p) + rr + o));
    close(r.coop2, (i + p) / ((i + p) + rr + o));
    close(r.ref1, rr / all);
    close(r.con1, ((i + p) + rr + o) / ((i + p) + rr + o + nc + u));
    assert_eq!(r.n, all as u64);
}

#[test]
fn aapor_rates_match_formulas_on_fixture() {
    let s = example();
    let log = aapor_log();
    let strat = s.default_stratification();
    let path = data("aapor_fieldwork.csv");

    let d = derive_dispositions(&path, None);
    let r = log.rates(s.frame(), strat, RateBase::Invited, None).unwrap();
    assert_rates(&r.overall, &d, 0);
    // The fixture has I, P, R, NC and NE cases, and a municipality with several invitations of
    // each combination (refused + completed, started + refused, reminded + bounced).
    assert!(d.len() == 5, "{d:?}");

    // Base = frame: every municipality never invited is UH.
    let invited_units: u64 = d.values().sum();
    let r = log.rates(s.frame(), strat, RateBase::Frame, None).unwrap();
    assert_rates(&r.overall, &d, 342 - invited_units);

    // As fieldwork runs: the state at the end of 9 March.
    let d9 = derive_dispositions(&path, Some("2025-03-09"));
    let r9 = log.rates(s.frame(), strat, RateBase::Invited, Some(date("2025-03-09"))).unwrap();
    assert_rates(&r9.overall, &d9, 0);

    // Strata add up to the whole.
    let sum = |f: fn(&Dispositions) -> u64| r.strata.iter().map(|s| f(&s.rates.dispositions)).sum::<u64>();
    assert_eq!(sum(|d| d.complete), r.overall.dispositions.complete);
    assert_eq!(sum(|d| d.unknown_unit), r.overall.dispositions.unknown_unit);
    assert_eq!(r.strata.iter().map(|s| s.n_frame).sum::<u64>(), 342);
}

#[test]
fn aapor_degenerate_counts_give_none_not_nan() {
    let r = Dispositions::default().rates();
    assert_eq!((r.n, r.rr1, r.rr2, r.coop1, r.coop2, r.ref1, r.con1), (0, None, None, None, None, None, None));
    // Only non-contacts: RR 0, cooperation undefined (nobody was reached).
    let r = Dispositions { non_contact: 3, ..Dispositions::default() }.rates();
    assert_eq!((r.rr1, r.coop1, r.con1), (Some(0.0), None, Some(0.0)));
    // Everyone complete: every rate that can be 1 is 1.
    let r = Dispositions { complete: 4, not_eligible: 2, ..Dispositions::default() }.rates();
    assert_eq!(
        (r.n, r.rr1, r.rr2, r.coop1, r.ref1, r.con1),
        (4, Some(1.0), Some(1.0), Some(1.0), Some(0.0), Some(1.0))
    );
}

#[test]
fn reminders_due_skip_closed_refused_and_recent() {
    let log = aapor_log();
    let due = log.reminders_due(date("2025-04-07"), 6);
    let got: Vec<(&str, Vec<String>)> = due
        .iter()
        .map(|r| (r.contact_id.as_str(), r.municipalities.iter().map(ToString::to_string).collect()))
        .collect();
    // c0002 refused for GM0399 (no reminders to them at all); GM0034 was refused through c0010;
    // completed, bounced and not-eligible invitations are closed.
    assert_eq!(got, [("c0008", vec!["GM0014".to_owned()]), ("c0003", vec!["GM0344".to_owned()])]);
    assert_eq!(due[1].days_since, 21);
    assert_eq!(due[1].reminders_sent, 1);
    // Contacted 7 days ago: not due when more than 7 days are asked.
    assert!(log.reminders_due(date("2025-03-24"), 7).iter().all(|r| r.contact_id.as_str() != "c0003"));

    let mut log = log;
    assert_eq!(log.record_reminder(&ContactId::new("c0008").unwrap(), date("2025-04-07")), 1);
    let inv = log.get(&ContactId::new("c0008").unwrap(), "GM0014".parse().unwrap()).unwrap();
    assert_eq!(
        (inv.status, inv.reminders, inv.last_reminder),
        (FieldworkStatus::Reminded, 1, Some(date("2025-04-07")))
    );
}

#[test]
fn bad_fieldwork_rows_are_listed() {
    let path = data("bad_fieldwork.csv");
    let loaded = FieldworkLog::read(&path, example().frame()).unwrap();
    let errors: Vec<(u64, String, String)> = loaded
        .errors()
        .map(|i| (i.location.line.unwrap(), i.location.column.clone().unwrap(), i.value.clone()))
        .collect();
    let want = [
        (3, "contact_id", "C1"),
        (4, "municipality", "GM9999"),
        (5, "invited", ""),
        (6, "reminders", "twee"),
        (6, "last_reminder", "2025-03-01"),
        (7, "status", "lost"),
        (7, "status_date", "2025-02-01"),
        (8, "municipality", "GM0363"),
    ];
    let want: Vec<(u64, String, String)> = want.iter().map(|(l, c, v)| (*l, c.to_string(), v.to_string())).collect();
    assert_eq!(errors, want);
    // Line 9 names the municipality by its everyday name and a Dutch date: read.
    assert_eq!(loaded.value.len(), 2);
    assert_eq!(loaded.value.iter().nth(1).unwrap().municipality.to_string(), "GM0518");
}

// ---------------------------------------------------------------------------------------------
// survey platforms

#[test]
fn limesurvey_participants_update_the_log() {
    let s = example();
    let mut log = aapor_log();
    let n_before = log.len();
    let imp =
        import_limesurvey(&data("limesurvey_participants.csv"), &mut log, &directory(), s.frame(), Some("attribute_1"))
            .unwrap();
    let changes: Vec<(u64, Option<FieldworkStatus>, FieldworkStatus)> =
        imp.changes.iter().map(|c| (c.line, c.from, c.to)).collect();
    assert_eq!(
        changes,
        [
            (4, Some(FieldworkStatus::Invited), FieldworkStatus::Reminded),
            (6, Some(FieldworkStatus::Reminded), FieldworkStatus::Completed),
            (10, None, FieldworkStatus::Completed),
        ]
    );
    assert_eq!(imp.unchanged, 4);
    let lines: Vec<u64> = imp.issues.iter().map(|i| i.location.line.unwrap()).collect();
    assert_eq!(lines, [9, 7], "bad code, then an unknown participant: {:?}", imp.issues);
    assert_eq!(log.len(), n_before + 1);
    let c3 = log.get(&ContactId::new("c0003").unwrap(), "GM0344".parse().unwrap()).unwrap();
    assert_eq!(c3.status_date, Some(date("2025-04-09")));
    // Found by e-mail in the directory: Blaricum (BEL) for c0002.
    assert!(log.get(&ContactId::new("c0002").unwrap(), "GM0376".parse().unwrap()).is_some());
    // No e-mail address or name reaches the log.
    let mut buf = Vec::new();
    log.write_to(&mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    assert!(!text.contains('@') && !text.contains("Fabelstra"));
}

#[test]
fn qualtrics_history_updates_the_log() {
    let s = example();
    let mut log = aapor_log();
    let imp = import_qualtrics(&data("qualtrics_history.csv"), &mut log, &directory(), s.frame()).unwrap();
    let changes: Vec<(u64, &str, FieldworkStatus)> =
        imp.changes.iter().map(|c| (c.line, c.contact_id.as_str(), c.to)).collect();
    assert_eq!(changes, [(3, "c0002", FieldworkStatus::Completed)]);
    assert_eq!(imp.unchanged, 2);
    let mut lines: Vec<u64> = imp.issues.iter().map(|i| i.location.line.unwrap()).collect();
    lines.sort_unstable();
    assert_eq!(lines, [5, 6, 7], "{:?}", imp.issues);
    assert!(imp.issues.iter().any(|i| i.value == "gisteren"));
}

// ---------------------------------------------------------------------------------------------
// published overview

#[test]
fn overview_holds_only_consented_fields() {
    let s = example();
    let o = published_overview(&directory(), s.frame(), s.organisations());
    // c0001: everything (1 row); c0002: name and e-mail, 4 BUCH rows; c0005: role only, 2 rows;
    // c0003 did not consent, c0004 left.
    assert_eq!(o.rows.len(), 7);
    let mut buf = Vec::new();
    o.write_csv_to(&mut buf).unwrap();
    let csv = String::from_utf8(buf).unwrap();
    for absent in ["Verzinink", "Schetshuis", "Droomman", "e.droomman", "Teamleider HR", "+31501234567", "HR-adviseur,"]
    {
        assert!(!csv.contains(absent), "{absent} in\n{csv}");
    }
    for present in ["Anouk Proefsma", "+31612345678", "b.fabelstra@buch.example.nl", "Werkorganisatie BUCH"] {
        assert!(csv.contains(present), "{present} not in\n{csv}");
    }
    let bram: Vec<_> = o.rows.iter().filter(|r| r.name.as_deref() == Some("Bram Fabelstra")).collect();
    assert_eq!(bram.len(), 4);
    assert!(bram.iter().all(|r| r.function.is_none() && r.phone.is_none() && r.email.is_some()));
    let md = lomonitor::report::markdown_string(&o.to_table(lomonitor::Language::En).unwrap(), lomonitor::Language::En);
    assert_eq!(md.lines().filter(|l| l.starts_with("| GM")).count(), 7, "{md}");
    assert!(md.contains("| Code | Municipality |"), "{md}");
    let table = o.to_table(lomonitor::Language::Nl).unwrap();
    assert_eq!(table.rows().len(), 7);
    assert!(table.note_lines(lomonitor::Language::Nl).iter().any(|n| n.contains("toestemming")));
}

// ---------------------------------------------------------------------------------------------
// privacy

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() { copy_dir(&p, &target) } else { std::fs::copy(&p, &target).map(|_| ()).unwrap() }
    }
}

fn all_text(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(all_text(&p));
        } else {
            out.push((p.clone(), String::from_utf8_lossy(&std::fs::read(&p).unwrap()).to_lowercase()));
        }
    }
    out
}

#[test]
fn erase_leaves_nothing_of_the_person_in_the_study_folder() {
    let root = scratch("erase");
    copy_dir(example().root(), &root);
    let study = Study::load(&root).unwrap();
    let dir = study.contacts().unwrap().value;
    let log = study.fieldwork().unwrap().value;
    // A person with several invitations (a werkorganisatie contact) and a phone number.
    let person = dir
        .iter()
        .find(|c| c.phone.is_some() && log.iter().filter(|i| i.contact_id == c.id).count() > 1)
        .unwrap()
        .clone();
    let raw_contacts = std::fs::read_to_string(root.join("contacts.csv")).unwrap();
    let raw_row = raw_contacts.lines().find(|l| l.starts_with(&format!("{},", person.id))).unwrap().to_owned();
    let raw_phone = raw_row.split(',').nth(6).unwrap().to_owned();
    let n_contacts = raw_contacts.lines().count();
    let n_fieldwork = std::fs::read_to_string(root.join("fieldwork.csv")).unwrap().lines().count();
    let n_invitations = log.iter().filter(|i| i.contact_id == person.id).count();

    let erased = erase(&study, &PersonQuery::Email(person.email.as_ref().unwrap().to_string().to_uppercase())).unwrap();
    assert_eq!(erased.contact_ids, std::slice::from_ref(&person.id));
    assert_eq!(erased.contact_rows.len(), 1);
    assert_eq!(erased.fieldwork_rows.len(), n_invitations);
    assert!(erased.contact_rows[0].contains(&("name".to_owned(), person.name.clone())));
    assert!(erased.still_found.is_empty(), "{:?}", erased.still_found);

    // Nothing of the person in any file of the study folder: name, e-mail, phone as written and
    // as E.164, contact id (as a whole word).
    let needles = [
        person.name.to_lowercase(),
        person.email.as_ref().unwrap().to_string(),
        raw_phone.to_lowercase(),
        person.phone.as_ref().unwrap().to_string(),
    ];
    let id_re = person.id.to_string();
    for (path, text) in all_text(&root) {
        for n in &needles {
            assert!(!text.contains(n.as_str()), "{n} still in {}", path.display());
        }
        let id_word = text
            .match_indices(&id_re)
            .any(|(i, _)| !text[i + id_re.len()..].starts_with(|c: char| c.is_ascii_alphanumeric()));
        assert!(!id_word, "{id_re} still in {}", path.display());
    }
    // Everyone else is still there, cell for cell.
    let after = std::fs::read_to_string(root.join("contacts.csv")).unwrap();
    assert_eq!(after.lines().count(), n_contacts - 1);
    assert!(raw_contacts.lines().filter(|l| *l != raw_row).all(|l| after.lines().any(|a| a == l)));
    assert_eq!(
        std::fs::read_to_string(root.join("fieldwork.csv")).unwrap().lines().count(),
        n_fieldwork - n_invitations
    );
    assert!(Study::load(&root).unwrap().contacts().unwrap().strict().is_ok());

    assert!(matches!(erase(&study, &PersonQuery::Id(person.id.clone())), Err(lomonitor::Error::NotFound { .. })));
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn erase_reports_traces_elsewhere_in_the_folder() {
    let root = scratch("erase-trace");
    copy_dir(example().root(), &root);
    let study = Study::load(&root).unwrap();
    let person = study.contacts().unwrap().value.iter().next().unwrap().clone();
    std::fs::write(root.join("notes.txt"), format!("call {} back\n", person.name)).unwrap();
    let erased = erase(&study, &PersonQuery::Name(person.name.to_uppercase())).unwrap();
    let found: Vec<_> = erased.still_found.iter().map(|t| (t.path.clone(), t.entry.clone(), t.found.clone())).collect();
    assert_eq!(found, [(std::fs::canonicalize(&root).unwrap().join("notes.txt"), None, person.name.clone())]);
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn analysis_outputs_carry_no_personal_data() {
    let s = example();
    let dir = s.contacts().unwrap().value;
    let log = s.fieldwork().unwrap().value;
    let cov = coverage(s.frame(), s.organisations(), s.size_classes(), &dir, &CoverageOptions::at(date("2025-03-01")))
        .unwrap();
    let rates = log.rates(s.frame(), s.default_stratification(), RateBase::Invited, None).unwrap();
    let due = log.reminders_due(date("2025-04-07"), 6);
    let json = [
        serde_json::to_string(&cov).unwrap(),
        serde_json::to_string(&rates).unwrap(),
        serde_json::to_string(&due).unwrap(),
        serde_json::to_string(&dir.summary()).unwrap(),
        format!("{dir}"),
    ]
    .join("\n");
    assert!(!json.contains('@'));
    for c in dir.iter() {
        assert!(!json.contains(&c.name), "{}", c.name);
        if let Some(p) = &c.phone {
            assert!(!json.contains(p.as_str()));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// the example study

#[test]
fn example_study_directory_and_fieldwork() {
    let s = example();
    let loaded = s.contacts().unwrap();
    assert!(!loaded.has_errors(), "{:?}", loaded.issues);
    // One person was entered twice on purpose (the reader warns; see generate_example.py).
    assert_eq!(loaded.issues.len(), 1, "{:?}", loaded.issues);
    let dir = loaded.value;
    let covered: std::collections::BTreeSet<_> =
        dir.iter().flat_map(|c| Directory::municipalities_of(c, s.organisations())).collect();
    assert!((180..=220).contains(&covered.len()), "{}", covered.len());
    assert!(dir.iter().any(|c| matches!(c.covers[0], lomonitor::Unit::Organisation(_))));
    let log = s.fieldwork().unwrap().strict().unwrap();
    assert!(log.cross_check(&dir, s.organisations(), Path::new("fieldwork.csv")).is_empty());
    let r = log.rates(s.frame(), s.default_stratification(), RateBase::Invited, None).unwrap();
    assert!(r.overall.rr2.unwrap() > r.overall.rr1.unwrap());
    assert!(!log.reminders_due(date("2025-04-07"), 6).is_empty());
    let cov = coverage(s.frame(), s.organisations(), s.size_classes(), &dir, &CoverageOptions::at(date("2025-03-01")))
        .unwrap();
    assert!(cov.overall.covered > 100 && !cov.gaps.is_empty());
    assert!(!published_overview(&dir, s.frame(), s.organisations()).rows.is_empty());
}
