//! Interviews: guide, codebook, codings (CSV and REFI-QDA), sampling, frequencies,
//! co-occurrence, intercoder agreement (against statsmodels and irrCAC), joint display and
//! pseudonymisation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use lomonitor::coding::{
    Allocation, Codings, InterviewSample, Level, Merge, Pseudonymiser, Replacement, Scope, co_occurrence, code_guid,
    frequencies, intercoder_agreement, joint_display, presence_matrices, read_qdc, read_qdpx, write_qdc,
};
use lomonitor::instrument::{Codebook, InterviewGuide};
use lomonitor::{Error, Frame, MunicipalityCode, SizeClasses, Stratification, Study, Unit};
use serde_json::Value;

fn example(file: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/study")).join(file)
}

fn fixture(file: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/coding")).join(file)
}

fn codebook() -> Codebook {
    Codebook::load(&example("codebook.toml")).unwrap()
}

fn codings() -> Codings {
    Codings::from_csv_path(&example("codings.csv"), &codebook()).unwrap()
}

fn expected() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../python/tests/reference/expected_coding.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn case<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["cases"].as_array().unwrap().iter().find(|c| c["name"] == name).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn example_study_loads_guide_codebook_and_codings() {
    let study = Study::load(example("")).unwrap();
    let (cb, c) = study.codings().unwrap().unwrap();
    assert_eq!(cb.themes().count(), 5);
    assert_eq!(cb.codes.iter().filter(|c| c.codable).count(), 20);
    assert_eq!(c.interviews.len(), 20);
    assert_eq!(c.coders(), ["MV", "RB"]);
    assert_eq!(c.double_coded("MV", "RB").len(), 5);
    let guide = InterviewGuide::load(&study.path_of(study.files().interview_guide.as_deref().unwrap())).unwrap();
    assert_eq!(guide.topics.len(), 6);
    guide.check_codes(&cb).unwrap();
    assert!(guide.topics.iter().all(|t| t.questions.iter().all(|q| q.probes.iter().all(|p| p.en.is_some()))));
}

/// The example interviews are the sampler's draw (seed 2023) after two refusals, with the
/// municipalities of werkorganisaties interviewed through their organisation.
#[test]
fn example_codings_follow_the_sample() {
    let study = Study::load(example("")).unwrap();
    let frame = study.frame();
    let strata = Stratification::parse("size_class", SizeClasses::personeelsmonitor_with_g4()).unwrap();
    let mut s = InterviewSample::draw(frame, &strata, 20, Allocation::Proportional, 2023).unwrap();
    let laren = frame.lookup("Laren (NH.)").unwrap().code;
    let kroon = frame.lookup("Hollands Kroon").unwrap().code;
    assert!(matches!(s.replace(laren, frame).unwrap(), Replacement::Drawn { ref name, .. } if name == "Landsmeer"));
    assert!(matches!(s.replace(kroon, frame).unwrap(), Replacement::Drawn { ref name, .. } if name == "De Bilt"));
    let units: Vec<Unit> = s.active().into_iter().map(|c| study.organisations().unit_of(c)).collect();
    let interviewed: Vec<Unit> = codings().interviews.iter().map(|i| i.unit.clone()).collect();
    assert_eq!(units, interviewed);
}

#[test]
fn sampler_is_reproducible_and_balanced() {
    let frame = Frame::embedded();
    let strata = Stratification::parse("size_class*province", SizeClasses::default()).unwrap();
    let a = InterviewSample::draw(&frame, &strata, 30, Allocation::Proportional, 7).unwrap();
    let b = InterviewSample::draw(&frame, &strata, 30, Allocation::Proportional, 7).unwrap();
    let c = InterviewSample::draw(&frame, &strata, 30, Allocation::Proportional, 8).unwrap();
    assert_eq!(a, b);
    assert_ne!(a.active(), c.active());
    assert_eq!(a.active().len(), 30);
    assert_eq!(a.active().iter().collect::<BTreeSet<_>>().len(), 30);
    let counts = strata.counts(&frame);
    for st in &a.strata {
        // largest remainder: within one of the exact quota
        let quota = 30.0 * st.population as f64 / 342.0;
        assert!((st.allocated as f64 - quota).abs() < 1.0, "{} {quota}", st.allocated);
        assert_eq!(st.order.len() as u64, counts[st.stratum.index].count);
        let mut sorted = st.order.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), st.order.len());
    }
    // every drawn unit lies in its stratum
    for u in &a.units {
        let m = frame.get(u.code).unwrap();
        assert_eq!(strata.key_of(m), a.strata[u.stratum].stratum.key);
    }
}

#[test]
fn replacements_stay_in_stratum_until_exhausted() {
    let frame = Frame::embedded();
    let strata = Stratification::parse("province", SizeClasses::default()).unwrap();
    let mut s = InterviewSample::draw(&frame, &strata, 12, Allocation::Equal, 1).unwrap();
    assert!(s.strata.iter().all(|st| st.allocated == 1));
    let flevoland = s.strata.iter().position(|st| st.stratum.label == "Flevoland").unwrap();
    assert_eq!(s.strata[flevoland].population, 6);
    for round in 0..6 {
        let current =
            *s.active().iter().find(|c| s.units.iter().any(|u| u.code == **c && u.stratum == flevoland)).unwrap();
        let r = s.replace(current, &frame).unwrap();
        if round < 5 {
            let Replacement::Drawn { code, stratum, .. } = r else { panic!("{r:?}") };
            assert_eq!(stratum, "Flevoland");
            assert_eq!(frame.get(code).unwrap().province.name(), "Flevoland");
        } else {
            assert_eq!(r, Replacement::Exhausted { stratum: "Flevoland".into() });
        }
    }
    assert_eq!(s.short_strata(), ["Flevoland"]);
    assert_eq!(s.active().len(), 11);
    let refused = s.units[0].code;
    s.replace(refused, &frame).unwrap();
    assert!(matches!(s.replace(refused, &frame), Err(Error::InvalidArgument { .. })));
    assert!(InterviewSample::draw(&frame, &strata, 343, Allocation::Equal, 1).is_err());
    assert!(InterviewSample::draw(&frame, &strata, 0, Allocation::Equal, 1).is_err());
}

#[test]
fn frequencies_match_pandas() {
    let exp = expected();
    let f = case(&exp, "frequencies");
    let got = frequencies(&codings(), &codebook(), Merge::First);
    assert_eq!(got.n_interviews as u64, f["n_interviews"].as_u64().unwrap());
    assert_eq!(got.n_segments as u64, f["n_segments"].as_u64().unwrap());
    let rows = f["rows"].as_array().unwrap();
    assert_eq!(got.rows.len(), rows.len());
    for (g, e) in got.rows.iter().zip(rows) {
        assert_eq!(g.code, e["code"].as_str().unwrap());
        assert_eq!(g.segments_direct as u64, e["segments_direct"].as_u64().unwrap(), "{}", g.code);
        assert_eq!(g.segments as u64, e["segments"].as_u64().unwrap(), "{}", g.code);
        assert_eq!(g.interviews as u64, e["interviews"].as_u64().unwrap(), "{}", g.code);
    }
    // per interview, the rolled counts add up to the totals
    for (k, row) in got.rows.iter().enumerate() {
        assert_eq!(got.per_interview.iter().map(|i| i.counts[k]).sum::<usize>(), row.segments);
        assert_eq!(got.per_interview.iter().filter(|i| i.counts[k] > 0).count(), row.interviews);
    }
}

#[test]
fn co_occurrence_matches_numpy() {
    let exp = expected();
    let cb = codebook();
    let c = codings();
    for (name, scope, level) in [
        ("co_occurrence_segment_code", Scope::Segment, Level::Code),
        ("co_occurrence_interview_code", Scope::Interview, Level::Code),
        ("co_occurrence_segment_theme", Scope::Segment, Level::Theme),
    ] {
        let e = case(&exp, name);
        let got = co_occurrence(&c, &cb, scope, level, Merge::First);
        let codes: Vec<&str> = e["codes"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(got.codes, codes, "{name}");
        let counts: Vec<Vec<usize>> = serde_json::from_value(e["counts"].clone()).unwrap();
        assert_eq!(got.counts, counts, "{name}");
    }
}

#[test]
fn agreement_matches_statsmodels_and_irrcac() {
    let exp = expected();
    let e = case(&exp, "agreement");
    let got = intercoder_agreement(&codings(), &codebook(), "MV", "RB", Level::Code).unwrap();
    assert_eq!(got.n_segments as u64, e["n_segments"].as_u64().unwrap());
    assert_eq!(got.n_interviews, 5);
    assert!(got.coefficient.contains("Cohen"));
    for (g, x) in got.per_code.iter().zip(e["per_code"].as_array().unwrap()) {
        assert_eq!(g.code, x["code"].as_str().unwrap());
        let t: Vec<Vec<usize>> = serde_json::from_value(x["table"].clone()).unwrap();
        assert_eq!([g.both, g.only_first, g.only_second, g.neither], [t[0][0], t[0][1], t[1][0], t[1][1]]);
        assert!(close(g.percent_agreement, x["percent_agreement"].as_f64().unwrap()));
        match (g.kappa, x["kappa"].as_f64()) {
            (Some(a), Some(b)) => assert!(close(a, b), "{} {a} {b}", g.code),
            // statsmodels gives nan where p_e = 1; lomonitor says None
            (None, None) => {}
            other => panic!("{}: {other:?}", g.code),
        }
    }
    assert!(close(got.kappa.unwrap(), e["pooled_kappa"].as_f64().unwrap()));
    assert!(close(got.percent_agreement.unwrap(), e["pooled_percent_agreement"].as_f64().unwrap()));
    let m = presence_matrices(&codings(), &codebook(), "MV", "RB", Level::Theme).unwrap();
    assert_eq!(m.len(), 5);
    assert!(m.iter().all(|m| m.data.len() == 2 && m.data[0].len() == got.n_segments));
    assert!(matches!(
        intercoder_agreement(&codings(), &codebook(), "MV", "XX", Level::Code),
        Err(Error::TooFewObservations { n: 0, .. })
    ));
}

#[test]
fn agreement_edges_perfect_and_constant() {
    let cb = codebook();
    let text = "interview,unit,date,interviewer,segment,coder,codes,text\n\
        I1,GM0363,2025-01-01,MV,S1,MV,budget_unspent,Geld op de plank.\n\
        I1,GM0363,2025-01-01,MV,S1,RB,budget_unspent,Geld op de plank.\n\
        I1,GM0363,2025-01-01,MV,S2,MV,-,Niets.\n\
        I1,GM0363,2025-01-01,MV,S2,RB,-,Niets.\n";
    let c = Codings::from_csv_str(text, &cb).unwrap();
    let a = intercoder_agreement(&c, &cb, "MV", "RB", Level::Code).unwrap();
    let unspent = a.per_code.iter().find(|x| x.code == "budget_unspent").unwrap();
    assert_eq!((unspent.percent_agreement, unspent.kappa), (1.0, Some(1.0)));
    let unused = a.per_code.iter().find(|x| x.code == "lead_key").unwrap();
    assert_eq!((unused.percent_agreement, unused.kappa), (1.0, None));
    assert_eq!(a.n_codes_used, 1);
    assert_eq!(a.kappa, Some(1.0));
}

#[test]
fn qdpx_import_agrees_with_csv() {
    let cb = codebook();
    let p = read_qdpx(&example("interviews.qdpx"), Some(&cb)).unwrap();
    assert!(p.unmapped_codes.is_empty());
    let csv = codings();
    assert_eq!(p.codings.interviews.len(), csv.interviews.len());
    for (q, c) in p.codings.interviews.iter().zip(&csv.interviews) {
        assert_eq!((&q.unit, q.date, &q.interviewer), (&c.unit, c.date, &c.interviewer));
    }
    assert_eq!(p.codings.segments.len(), csv.segments.len());
    for (q, c) in p.codings.segments.iter().zip(&csv.segments) {
        assert_eq!((&q.text, q.span), (&c.text, c.span));
        let qc: Vec<_> = q.codings.iter().map(|x| (&x.coder, &x.codes)).collect();
        let cc: Vec<_> = c.codings.iter().map(|x| (&x.coder, &x.codes)).collect();
        assert_eq!(qc, cc);
    }
    // without a codebook: the project's own, ids from the names, same tree
    let own = read_qdpx(&example("interviews.qdpx"), None).unwrap();
    assert_eq!(own.codebook.len(), cb.len());
    assert_eq!(own.codebook.themes().count(), 5);
    let f1 = frequencies(&own.codings, &own.codebook, Merge::First);
    let f2 = frequencies(&csv, &cb, Merge::First);
    let counts =
        |f: &lomonitor::coding::CodeFrequencies| f.rows.iter().map(|r| (r.segments, r.interviews)).collect::<Vec<_>>();
    assert_eq!(counts(&f1), counts(&f2));
}

#[test]
fn code_guids_match_the_python_generator() {
    // scripts/make_example_interviews.py computes the same FNV-1a based GUID independently.
    assert_eq!(code_guid("lo-interviews", "budget"), "26c23994-7be6-86e2-a243-2f1be6a2b4bf");
}

#[test]
fn qdc_roundtrip() {
    let cb = codebook();
    let dir = std::env::temp_dir().join(format!("lomonitor-qdc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("codebook.qdc");
    let mut buf = Vec::new();
    write_qdc(&cb, lomonitor::Language::Nl, &mut buf, &path).unwrap();
    std::fs::write(&path, &buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    assert!(text.contains(&format!("guid=\"{}\"", code_guid(&cb.id, "budget_unspent"))));
    let back = read_qdc(&path).unwrap();
    assert_eq!(back.len(), cb.len());
    let shape = |c: &Codebook| {
        c.tree_order().iter().map(|(code, d)| (code.label.nl.clone(), *d, code.codable)).collect::<Vec<_>>()
    };
    assert_eq!(shape(&back), shape(&cb));
    assert_eq!(back.get("budget_blijft_liggen").unwrap().parent.as_deref(), Some("budget_en_middelen"));
    std::fs::remove_dir_all(&dir).unwrap();
}

fn write_qdpx(path: &Path, qde: &str, sources: &[(&str, &str)]) {
    let file = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("project.qde", opts).unwrap();
    z.write_all(qde.as_bytes()).unwrap();
    for (name, text) in sources {
        z.start_file(format!("sources/{name}"), opts).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap();
}

const QDE: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="t">
  <Users><User guid="u1" name="Marie Vos"/></Users>
  <CodeBook><Codes>
    <Code guid="c1" name="Budget" isCodable="false">
      <Code guid="c2" name="Geld op de plank &amp; zo"/>
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="s1" name="GM0363_2025-02-01_KO.txt" plainTextPath="internal://s1.txt">
      <PlainTextSelection guid="p1" startPosition="0" endPosition="5" creatingUser="u1">
        <Coding guid="k1" creatingUser="u1"><CodeRef targetGUID="c2"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>"#;

#[test]
fn qdpx_conventions_and_errors() {
    let dir = std::env::temp_dir().join(format!("lomonitor-qdpx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("t.qdpx");

    write_qdpx(&path, QDE, &[("s1.txt", "Één geld")]);
    let p = read_qdpx(&path, None).unwrap();
    let i = &p.codings.interviews[0];
    assert_eq!(i.unit, Unit::Municipality(MunicipalityCode::new("GM0363").unwrap()));
    assert_eq!((i.date.to_string().as_str(), i.interviewer.as_str()), ("2025-02-01", "KO"));
    let s = &p.codings.segments[0];
    assert_eq!(s.text, "Één g"); // code points, not bytes
    assert_eq!(s.codings[0].coder, "MV"); // a user's name becomes initials
    assert_eq!(s.codings[0].codes, ["geld_op_de_plank_zo"]);

    // a coding that refers to a code not in the project
    write_qdpx(&path, &QDE.replace("targetGUID=\"c2\"", "targetGUID=\"c9\""), &[("s1.txt", "Één geld")]);
    let e = read_qdpx(&path, None).unwrap_err();
    assert_eq!(e.value(), Some("c9"), "{e}");
    let l = e.location().unwrap();
    assert_eq!((l.line, l.column.as_deref()), (Some(12), Some("project.qde <Coding>")), "{e}");
    assert!(e.to_string().contains("t.qdpx"), "{e}");

    // a code that maps to none of the given codebook
    write_qdpx(&path, QDE, &[("s1.txt", "Één geld")]);
    let e = read_qdpx(&path, Some(&codebook())).unwrap_err();
    assert!(e.to_string().contains("Geld op de plank & zo"), "{e}");

    // a selection beyond the text, a source without a unit, a missing text
    write_qdpx(&path, &QDE.replace("endPosition=\"5\"", "endPosition=\"50\""), &[("s1.txt", "Één geld")]);
    assert!(read_qdpx(&path, None).unwrap_err().to_string().contains("outside the text"));
    write_qdpx(&path, &QDE.replace("GM0363_", "Amsterdam_"), &[("s1.txt", "Één geld")]);
    assert!(read_qdpx(&path, None).unwrap_err().to_string().contains("cannot tell the unit"));
    write_qdpx(&path, QDE, &[]);
    assert!(matches!(read_qdpx(&path, None), Err(Error::Missing { .. })));
    // malformed XML names the line
    write_qdpx(&path, &QDE.replace("</Sources>", "</Source>"), &[("s1.txt", "Één geld")]);
    let e = read_qdpx(&path, None).unwrap_err();
    assert!(matches!(e, Error::Definition { .. }) && e.location().unwrap().line.is_some(), "{e}");
    std::fs::write(&path, b"not a zip").unwrap();
    assert!(matches!(read_qdpx(&path, None), Err(Error::Definition { .. })));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn csv_errors_name_file_line_column_value() {
    let cb = codebook();
    let cases = [
        ("unknown-code.csv", 3, "codes", "budget_lost", "not in codebook"),
        ("person-name.csv", 2, "coder", "Marie Vos", "names of people"),
        ("theme-coded.csv", 2, "codes", "budget", "not codable"),
        ("inconsistent-interview.csv", 3, "date", "2025-01-14", "line 2"),
        ("bad-unit.csv", 2, "unit", "Amsterdam", "neither"),
        ("conflicting-text.csv", 3, "text", "Anders.", "another text"),
    ];
    for (file, line, column, value, needle) in cases {
        let e = Codings::from_csv_path(&fixture(file), &cb).unwrap_err();
        let l = e.location().unwrap();
        assert_eq!(l.file.as_deref(), Some(fixture(file).as_path()), "{file}");
        assert_eq!((l.line, l.column.as_deref(), e.value()), (Some(line), Some(column), Some(value)), "{file}: {e}");
        assert!(e.to_string().contains(needle), "{file}: {e}");
    }
    let e = Codings::from_csv_path(&fixture("missing-column.csv"), &cb).unwrap_err();
    assert!(matches!(e, Error::Missing { .. }) && e.to_string().contains("coder"), "{e}");
}

#[test]
fn codebook_and_guide_errors_name_file_and_line() {
    for (file, line, needle) in
        [("cycle.toml", 7, "cycle"), ("duplicate.toml", 15, "occurs twice"), ("unknown-parent.toml", 11, "\"nope\"")]
    {
        let e = Codebook::load(&fixture(file)).unwrap_err();
        let l = e.location().unwrap();
        assert_eq!((l.file.as_deref(), l.line), (Some(fixture(file).as_path()), Some(line)), "{file}: {e}");
        assert!(e.to_string().contains(needle), "{file}: {e}");
    }
    let e = InterviewGuide::load(&fixture("guide-empty-topic.toml")).unwrap_err();
    assert_eq!(e.location().unwrap().line, Some(6), "{e}");
    let json = Codebook::load(&fixture("codebook.json")).unwrap();
    assert_eq!(json.theme_of("a1"), Some("a"));
}

#[test]
fn joint_display_counts_and_pseudonymises() {
    let study = Study::load(example("")).unwrap();
    let (cb, c) = study.codings().unwrap().unwrap();
    // What the lead will pass from the responses: one answer label per unit. Here: whether the
    // municipality has an L&O policy, made up for the test; the last interview did not answer.
    let mut answers = BTreeMap::new();
    for (k, i) in c.interviews.iter().enumerate().take(c.interviews.len() - 1) {
        answers.insert(i.unit.clone(), if k % 3 == 0 { "nee" } else { "ja" }.to_owned());
    }
    let cats = vec!["ja".to_owned(), "nee".to_owned()];
    let strata = study.default_stratification();
    let p = Pseudonymiser::municipalities(study.frame(), strata, lomonitor::Language::Nl);
    let jd = joint_display(&c, &cb, &answers, Some(&cats), Level::Theme, Merge::First, &p).unwrap();
    assert_eq!(jd.rows.len(), 5);
    assert_eq!(jd.n_interviews, 19);
    assert_eq!(jd.without_answer, [c.interviews.last().unwrap().id.clone()]);
    assert_eq!(jd.category_interviews.iter().sum::<usize>(), 19);
    let f = frequencies(&c, &cb, Merge::First);
    for (r, theme) in jd.rows.iter().enumerate() {
        // a theme's cells add up to the interviews mentioning it (among those with an answer)
        let k = f.rows.iter().position(|x| &x.code == theme).unwrap();
        let with_answer = f.per_interview.iter().filter(|i| i.counts[k] > 0 && answers.contains_key(&i.unit)).count();
        assert_eq!(jd.cells[r].iter().map(|x| x.interviews).sum::<usize>(), with_answer);
        for (col, cell) in jd.cells[r].iter().enumerate() {
            assert!(cell.interviews <= jd.category_interviews[col]);
            assert_eq!(cell.quote.is_some(), cell.interviews > 0);
        }
    }
    // No municipality name survives in any quote of the display.
    let quotes: Vec<&str> =
        jd.cells.iter().flatten().filter_map(|x| x.quote.as_ref()).map(|q| q.text.as_str()).collect();
    for m in study.frame().iter() {
        let name = lomonitor::frame::strip_cbs_suffix(&m.name);
        assert!(quotes.iter().all(|q| !q.contains(name) || name == "Best"), "{name} in {quotes:?}");
    }
    // Pseudonymisation of quotes that name the municipality (Heemstede: 20.000–50.000;
    // De Ronde Venen, a name of three words)
    let q = c.segments.iter().find(|s| s.text.starts_with("In Heemstede")).unwrap();
    assert!(p.apply(&q.text).starts_with("In [gemeente, 20.000–50.000] zeggen"), "{}", p.apply(&q.text));
    let q = c.segments.iter().find(|s| s.text.contains("als De Ronde Venen is")).unwrap();
    assert!(p.apply(&q.text).contains("als [gemeente, 20.000–50.000] is"), "{}", p.apply(&q.text));
    let bad = vec!["ja".to_owned()];
    assert!(matches!(
        joint_display(&c, &cb, &answers, Some(&bad), Level::Theme, Merge::First, &p),
        Err(Error::InvalidArgument { .. })
    ));
}

#[test]
fn csv_roundtrip() {
    let c = codings();
    let mut buf = Vec::new();
    c.write_csv(&mut buf, Path::new("mem")).unwrap();
    let back = Codings::from_csv_str(std::str::from_utf8(&buf).unwrap(), &codebook()).unwrap();
    assert_eq!(back.interviews, c.interviews);
    assert_eq!(back.segments.len(), c.segments.len());
    for (a, b) in back.segments.iter().zip(&c.segments) {
        assert_eq!(
            (&a.text, a.span, a.codings.iter().map(|x| &x.codes).collect::<Vec<_>>()),
            (&b.text, b.span, b.codings.iter().map(|x| &x.codes).collect::<Vec<_>>())
        );
    }
}
