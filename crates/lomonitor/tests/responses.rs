//! Importing responses in three dialects, the validation report, and exact round trips.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use std::path::{Path, PathBuf};

use lomonitor::Study;
use lomonitor::instrument::Questionnaire;
use lomonitor::responses::{Dialect, ImportOptions, ImportResult, IssueKind, ResponseSet, Severity, import_csv_path};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn study() -> Study {
    Study::load(root().join("examples/study")).unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/responses").join(name)
}

fn import(study: &Study, name: &str, options: &ImportOptions) -> ImportResult {
    import_csv_path(&fixture(name), study.questionnaire().unwrap(), study.frame(), study.organisations(), options)
        .unwrap()
}

fn assert_clean(r: &ImportResult) {
    assert!(r.report.is_clean(), "{}", r.report);
}

/// The same answers, whatever ids, lines and platform metadata say.
fn assert_same_answers(a: &ResponseSet, b: &ResponseSet, q: &Questionnaire) {
    assert_eq!(a.len(), b.len());
    assert_eq!(a.unit, b.unit);
    assert_eq!(a.status, b.status);
    assert_eq!(a.started, b.started);
    for (i, item) in q.items.iter().enumerate() {
        assert_eq!(a.items[i], b.items[i], "item {}", item.id);
    }
}

#[test]
fn example_study_imports_cleanly() {
    let s = study();
    let import = s.import().unwrap();
    assert_clean(import);
    assert_eq!(import.report.rows_read, 151);
    assert_eq!(import.responses.len(), 151);
    assert!(import.set_aside.is_empty());
}

#[test]
fn platform_exports_import_cleanly_and_agree() {
    let s = study();
    let q = s.questionnaire().unwrap();
    let first40: Vec<usize> = (0..40).collect();
    let own = s.responses().unwrap().select(&first40);

    let ls = import(&s, "limesurvey.csv", &ImportOptions::default());
    assert_eq!(ls.dialect, Dialect::LimeSurvey);
    assert_clean(&ls);
    assert_same_answers(&ls.responses, &own, q);

    let qt = import(&s, "qualtrics.csv", &ImportOptions::default());
    assert_eq!(qt.dialect, Dialect::Qualtrics);
    assert_clean(&qt);
    assert_same_answers(&qt.responses, &own, q);
    // Qualtrics' personal-data columns are reported, not stored.
    let personal: Vec<_> =
        qt.report.of_kind(IssueKind::PersonalData).map(|i| i.location.column.clone().unwrap()).collect();
    assert!(
        personal.contains(&"RecipientEmail".to_owned()) && personal.contains(&"IPAddress".to_owned()),
        "{personal:?}"
    );

    let nl = import(&s, "dutch-excel.csv", &ImportOptions::default());
    assert_eq!(nl.dialect, Dialect::Lomonitor);
    assert_clean(&nl);
    assert_same_answers(&nl.responses, &own, q);
}

#[test]
fn a_broken_export_gets_every_fault_listed() {
    let s = study();
    let r = import(&s, "broken.csv", &ImportOptions::default());
    println!("{}", r.report);
    let has = |kind: IssueKind, line: u64, column: Option<&str>, value: &str| {
        assert!(
            r.report.issues.iter().any(|i| i.kind == kind
                && i.location.line == Some(line)
                && i.location.column.as_deref() == column
                && i.value == value
                && i.location.file.as_ref().is_some_and(|f| f.ends_with("broken.csv"))),
            "expected {kind:?} on line {line}, column {column:?}, value {value:?} in\n{}",
            r.report
        );
    };
    has(IssueKind::UnknownCode, 2, Some("positie"), "7");
    has(IssueKind::OutOfRange, 3, Some("budget_fte"), "20000");
    has(IssueKind::NotANumber, 4, Some("fte_lo"), "veel");
    has(IssueKind::SpreadsheetError, 5, Some("budget_fte"), "#N/A");
    has(IssueKind::RoutedAnswer, 6, Some("visie_jaar"), "2020");
    has(IssueKind::RequiredMissing, 7, Some("functie"), "");
    has(IssueKind::UnknownUnit, 8, Some("unit"), "GM9998");
    has(IssueKind::InvalidId, 9, Some("unit"), "Amsterdam");
    has(IssueKind::InvalidDate, 10, Some("started"), "gisteren");
    has(IssueKind::InvalidStatus, 11, Some("status"), "klaar");
    has(IssueKind::ExclusiveViolated, 12, Some("instrumenten_10"), "10");
    has(IssueKind::InvalidRanking, 13, Some("themas_top3_2"), "1");
    has(IssueKind::NotInteger, 14, Some("visie_jaar"), "2020,5");
    has(IssueKind::Formula, 15, Some("toelichting"), "=HYPERLINK(\"http://example.invalid\",\"klik\")");
    has(IssueKind::WrongVersion, 16, Some("instrument_version"), "0.9");
    has(IssueKind::UnknownCode, 17, Some("belemmeringen_2"), "ja");
    let line18 = r.set_aside.source_line.iter().position(|&l| l == 18).expect("line 18 is set aside");
    has(IssueKind::DuplicateRespondent, 18, Some("respondent_id"), &r.set_aside.respondent_id[line18].clone());
    has(IssueKind::UnknownCode, 21, Some("klimaat_2"), "mee eens");
    has(IssueKind::UnmappedColumn, 2, Some("extra"), "");
    let dup = r.report.of_kind(IssueKind::DuplicateUnit).next().expect("a duplicate unit");
    assert_eq!(dup.location.line, Some(19), "the earlier, partial response is set aside: {dup}");
    // Rows set aside: unknown unit, malformed unit, wrong version, duplicate id, duplicate unit.
    assert_eq!(r.report.rows_read, 20);
    assert_eq!(r.set_aside.len(), 5, "{:?}", r.set_aside.source_line);
    assert_eq!(r.responses.len() + r.set_aside.len(), r.report.rows_read, "no response is lost");
    assert!(r.report.count(Severity::Error) >= 10);
}

mod round_trip {
    use super::*;
    use chrono::NaiveDate;
    use lomonitor::frame::Unit;
    use lomonitor::instrument::{Answers, FIRST_LEVEL, ItemKind, NOT_ASKED, UNANSWERED};
    use lomonitor::responses::{ANSWERED, CsvStyle, ItemData, MISSING_BASE, Status, write_csv};
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;
    use std::collections::HashMap;

    struct Given<'a>(&'a HashMap<String, f64>, &'a HashMap<String, Vec<i32>>);
    impl Answers for Given<'_> {
        fn value(&self, item: &str) -> Option<f64> {
            self.0.get(item).copied()
        }
        fn selected(&self, item: &str, code: f64) -> bool {
            self.1.get(item).is_some_and(|s| s.iter().any(|&c| f64::from(c) == code))
        }
    }

    fn text(rng: &mut ChaCha8Rng) -> String {
        const PARTS: [&str; 8] = [
            "leren",
            "ontwikkelen",
            "Súdwest-Fryslân",
            "budget, tijd",
            "\"citaat\"",
            "regel\nnieuw",
            "=1+1",
            "€ 1.250,50",
        ];
        let n = rng.random_range(1..4);
        (0..n).map(|_| PARTS[rng.random_range(0..PARTS.len())]).collect::<Vec<_>>().join(" ")
    }

    /// A random response set that is consistent with the questionnaire's routing.
    fn random_set(s: &Study, seed: u64, n: usize) -> ResponseSet {
        let q = s.questionnaire().unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut set = ResponseSet::with_capacity(q, n);
        let codes: Vec<_> = s.frame().iter().map(|m| m.code).collect();
        for r in 0..n {
            set.respondent_id.push(format!("x{r:04}"));
            set.unit.push(Unit::Municipality(codes[r % codes.len()]));
            set.status.push(if rng.random_bool(0.8) { Status::Complete } else { Status::Partial });
            let t = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap().and_hms_opt(0, 0, 0).unwrap()
                + chrono::Duration::seconds(rng.random_range(0..2_000_000));
            set.started.push(rng.random_bool(0.9).then_some(t));
            set.submitted
                .push(rng.random_bool(0.9).then_some(t + chrono::Duration::seconds(rng.random_range(60..5000))));
            set.source_line.push(0);
            let mut values = HashMap::new();
            let mut selected = HashMap::new();
            for (item, data) in q.items.iter().zip(set.items.iter_mut()) {
                let shown = item.show_if.as_ref().is_none_or(|c| c.eval(&Given(&values, &selected)));
                let n_missing = item.missing.len();
                // 0 not asked, 1 unanswered, 2 answered, 3.. missing
                let state: u8 = if !shown || rng.random_bool(0.05) {
                    NOT_ASKED
                } else if rng.random_bool(0.05) {
                    UNANSWERED
                } else if n_missing > 0 && rng.random_bool(0.1) {
                    MISSING_BASE + rng.random_range(0..n_missing) as u8
                } else {
                    ANSWERED
                };
                let opts = item.options();
                match data {
                    ItemData::Coded { levels, other_text } => {
                        let level = match state {
                            ANSWERED => {
                                let k = rng.random_range(0..opts.len());
                                values.insert(item.id.clone(), f64::from(opts[k].code));
                                FIRST_LEVEL + k as u8
                            }
                            s if s >= MISSING_BASE => FIRST_LEVEL + opts.len() as u8 + (s - MISSING_BASE),
                            s => s,
                        };
                        levels.push(level);
                        if let Some(t) = other_text {
                            t.push(if level >= FIRST_LEVEL && rng.random_bool(0.5) {
                                text(&mut rng)
                            } else {
                                String::new()
                            });
                        }
                    }
                    ItemData::Multiple { state: st, selected: cols, other_text } => {
                        let mut picks: Vec<u8> = (0..opts.len()).map(|_| u8::from(rng.random_bool(0.4))).collect();
                        let st_now = if state == ANSWERED && !picks.contains(&1) { UNANSWERED } else { state };
                        if st_now != ANSWERED {
                            picks.iter_mut().for_each(|p| *p = 0);
                        }
                        selected.insert(
                            item.id.clone(),
                            opts.iter().zip(&picks).filter(|(_, p)| **p == 1).map(|(o, _)| o.code).collect(),
                        );
                        st.push(st_now);
                        for (c, p) in cols.iter_mut().zip(&picks) {
                            c.push(*p);
                        }
                        if let Some(t) = other_text {
                            t.push(if st_now == ANSWERED && rng.random_bool(0.5) {
                                text(&mut rng)
                            } else {
                                String::new()
                            });
                        }
                    }
                    ItemData::Numeric { state: st, values: vs } => {
                        let (lo, hi, integer) = match &item.kind {
                            ItemKind::Numeric { min, max, integer, .. } => {
                                (min.unwrap_or(0.0), max.unwrap_or(1e6), *integer)
                            }
                            _ => unreachable!(),
                        };
                        let mut v = rng.random_range(lo..=hi);
                        if integer {
                            v = v.round();
                        }
                        // Values that equal a missing code would read back as missing; avoid them.
                        if item.missing.iter().any(|m| f64::from(m.code) == v) {
                            v = hi;
                        }
                        st.push(state);
                        vs.push(if state == ANSWERED { v } else { 0.0 });
                        if state == ANSWERED {
                            values.insert(item.id.clone(), v);
                        }
                    }
                    ItemData::Ranking { state: st, ranks } => {
                        let top = match item.kind {
                            ItemKind::Ranking { top, .. } => top as usize,
                            _ => unreachable!(),
                        };
                        let mut order: Vec<usize> = (0..opts.len()).collect();
                        for i in (1..order.len()).rev() {
                            order.swap(i, rng.random_range(0..=i));
                        }
                        let m = rng.random_range(1..=top);
                        st.push(state);
                        for (k, col) in ranks.iter_mut().enumerate() {
                            let pos = order.iter().position(|&o| o == k).unwrap();
                            col.push(if state == ANSWERED && pos < m { pos as u8 + 1 } else { 0 });
                        }
                    }
                    ItemData::Open { state: st, text: ts } => {
                        st.push(state);
                        ts.push(if state == ANSWERED { text(&mut rng) } else { String::new() });
                    }
                }
            }
        }
        set
    }

    #[test]
    fn export_then_import_is_identity_on_random_data() {
        let s = study();
        let q = s.questionnaire().unwrap();
        for seed in 0..20 {
            let set = random_set(&s, seed, 60);
            set.check(q).unwrap();
            for style in [CsvStyle::Standard, CsvStyle::DutchExcel] {
                let mut buf = Vec::new();
                write_csv(&mut buf, &set, q, style).unwrap();
                let (text, enc) = lomonitor::io::decode_text(&buf);
                let back = lomonitor::responses::import_csv(
                    &text,
                    enc,
                    None,
                    q,
                    s.frame(),
                    s.organisations(),
                    &ImportOptions::default(),
                )
                .unwrap();
                let mut got = back.responses.clone();
                got.source_line = set.source_line.clone();
                assert!(back.set_aside.is_empty(), "seed {seed}: {}", back.report);
                for (i, item) in q.items.iter().enumerate() {
                    assert_eq!(got.items[i], set.items[i], "seed {seed} {style:?}: item {}", item.id);
                }
                assert_eq!(got, set, "seed {seed} {style:?}");
            }
        }
    }
}

#[test]
fn several_responses_per_unit_are_kept_on_request() {
    let s = study();
    let strict = import(&s, "broken.csv", &ImportOptions::default());
    assert_eq!(strict.report.of_kind(IssueKind::DuplicateUnit).count(), 1);
    let staff = import(&s, "broken.csv", &ImportOptions { several_per_unit: true, ..ImportOptions::default() });
    assert_eq!(staff.report.of_kind(IssueKind::DuplicateUnit).count(), 0);
    assert_eq!(staff.responses.len(), strict.responses.len() + 1, "the duplicate-unit row is kept");
}
