//! The questionnaire to and from LimeSurvey (`.lss`) and Qualtrics (`.qsf`).
//!
//! The `.lss` layout written and read follows LimeSurvey's `application/helpers/export_helper.php`
//! (`surveyGetXMLData`) and `application/helpers/admin/import_helper.php` (`XMLImportSurvey`);
//! the real files under `tests/data/platforms/` are LimeSurvey's own test surveys
//! (`tests/data/surveys/*.lss`, see the README there).
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use lomonitor::instrument::platform::{self, LssOptions};
use lomonitor::instrument::{ItemKind, Questionnaire};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example() -> Questionnaire {
    Questionnaire::load(&root().join("examples/study/questionnaire.toml")).expect("example questionnaire")
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/platforms").join(name))
        .expect("fixture")
}

/// A questionnaire with every item kind, ids that LimeSurvey cannot hold (`_`, > 20 characters,
/// colliding after the cut), every routing form, missing codes, reverse keying and other options.
fn every_kind() -> Questionnaire {
    let toml = r#"
[instrument]
id = "alle-soorten"
version = "2.1"
title = "Alle soorten"
title_en = "Every kind"

[[missing]]
code = 98
label = "weet niet"
label_en = "don't know"

[[items]]
id = "functie_1"
kind = "single"
text = "Functie?"
text_en = "Position?"
label = "Functie"
label_en = "Position"
required = true
other = 2
options = [
  { code = 1, label = "een", label_en = "one" },
  { code = 2, label = "anders", label_en = "other" },
  { code = 3, label = "drie", label_en = "three" },
]

[[items]]
id = "instrumenten_gebruikt"
kind = "multiple"
text = "Welke?"
text_en = "Which?"
other = 9
exclusive = [10]
options = [
  { code = 1, label = "a", label_en = "a" },
  { code = 9, label = "anders", label_en = "other" },
  { code = 10, label = "geen", label_en = "none" },
]

[[items]]
id = "budget_fte"
kind = "numeric"
text = "Budget?"
text_en = "Budget?"
unit = "euro per fte"
min = 0
max = 100000.5
show_if = "functie_1 in [1, 3] and not (instrumenten_gebruikt has 10)"

[[items]]
id = "aantal"
kind = "numeric"
text = "Aantal?"
text_en = "Count?"
integer = true
show_if = "budget_fte > 10 or functie_1 == 3 or functie_1 != 1"

[[items]]
id = "klimaat_1"
kind = "likert"
text = "Stelling 1"
text_en = "Statement 1"
points = 5
labels = ["1", "2", "3", "4", "5"]
labels_en = ["1", "2", "3", "4", "5"]

[[items]]
id = "klimaat_2"
kind = "likert"
text = "Stelling 2"
text_en = "Statement 2"
reverse = true
points = 5
labels = ["1", "2", "3", "4", "5"]
labels_en = ["1", "2", "3", "4", "5"]

[[items]]
id = "prioriteiten"
kind = "ranking"
text = "Rangorde"
text_en = "Rank"
top = 2
instrument_missing = false
options = [
  { code = 1, label = "x", label_en = "x" },
  { code = 2, label = "y", label_en = "y" },
  { code = 3, label = "z", label_en = "z" },
]

[[items]]
id = "toelichting_bij_de_vraag_over_het_budget"
kind = "open"
text = "Toelichting"
text_en = "Comment"

[[items]]
id = "toelichting_bij_de_vraag_over_het_budget_2"
kind = "open"
text = "Toelichting 2"

[[scales]]
id = "klimaat"
label = "Klimaat"
label_en = "Climate"
items = ["klimaat_1", "klimaat_2"]
"#;
    Questionnaire::from_toml_str(toml, None).expect("every-kind questionnaire")
}

fn assert_same(a: &Questionnaire, b: &Questionnaire) {
    assert_eq!(a.id, b.id);
    assert_eq!(a.version, b.version);
    assert_eq!(a.title, b.title);
    assert_eq!(a.missing, b.missing);
    assert_eq!(a.scales, b.scales);
    assert_eq!(a.items.len(), b.items.len());
    for (x, y) in a.items.iter().zip(&b.items) {
        assert_eq!(x, y, "item {}", x.id);
    }
    assert_eq!(a, b);
}

#[test]
fn limesurvey_round_trip_of_the_example_questionnaire() {
    let q = example();
    let (lss, map) = platform::to_limesurvey(&q, &LssOptions::default());
    assert!(map.collisions.is_empty());
    let (back, unmapped) = platform::from_limesurvey(&lss, None).expect("read back");
    assert!(unmapped.is_empty(), "{unmapped:?}");
    assert_same(&q, &back);
}

#[test]
fn limesurvey_round_trip_of_every_kind() {
    let q = every_kind();
    let (lss, map) = platform::to_limesurvey(&q, &LssOptions::default());
    // the rule: `_` + letter -> capital, `_` + digit -> Z, cut at 20, collisions suffixed
    assert_eq!(map.code("functie_1"), Some("functieZ1"));
    assert_eq!(map.code("budget_fte"), Some("budgetFte"));
    assert_eq!(map.code("toelichting_bij_de_vraag_over_het_budget"), Some("toelichtingBijDeVraa"));
    assert_eq!(map.code("toelichting_bij_de_vraag_over_het_budget_2"), Some("toelichtingBijDeVra2"));
    assert_eq!(map.collisions.len(), 1);
    for (_, code) in &map.codes {
        assert!(code.len() <= 20 && code.chars().all(|c| c.is_ascii_alphanumeric()));
        assert!(code.chars().next().is_some_and(|c| c.is_ascii_alphabetic()));
    }
    // what LimeSurvey reads: types, codes, relevance
    assert!(lss.contains("<title><![CDATA[functieZ1]]></title>"));
    assert!(lss.contains("<code><![CDATA[A3]]></code>"));
    assert!(lss.contains("<title><![CDATA[SQ010]]></title>"));
    assert!(lss.contains(
        r#"<relevance><![CDATA[((functieZ1 == "A1" or functieZ1 == "A3")) and (!(instrumentenGebruikt_SQ010 == "Y"))]]></relevance>"#
    ));
    assert!(lss.contains(
        r#"<relevance><![CDATA[(budgetFte > 10) or (functieZ1 == "A3") or (!is_empty(functieZ1) and functieZ1 != "A1")]]></relevance>"#
    ));
    assert!(
        lss.contains("<attribute><![CDATA[exclude_all_others]]></attribute>\n    <value><![CDATA[SQ010]]></value>")
    );
    let (back, unmapped) = platform::from_limesurvey(&lss, None).expect("read back");
    assert!(unmapped.is_empty(), "{unmapped:?}");
    // `functie_1 != 1` and `budget_fte > 10` come back as written; `<`-type comparisons on coded
    // items become the list of codes (the same condition)
    assert_same(&q, &back);
}

#[test]
fn limesurvey_rejects_hostile_input_with_a_line() {
    for (text, needle) in [
        ("<document><questions>", "ends inside"),
        ("<notlss/>", "document"),
        (
            "<document><a><b><c><d><e><f><g><h><i><j><k><l><m><n><o><p><q><r></r></q></p></o></n></m></l></k></j></i></h></g></f></e></d></c></b></a></document>",
            "deeper",
        ),
        ("<document><LimeSurveyDocType>Group</LimeSurveyDocType></document>", "Group"),
        ("<document>\n<x>&bogus;</x></document>", "bogus"),
    ] {
        let err = platform::from_limesurvey(text, Some(Path::new("s.lss"))).expect_err(text).to_string();
        assert!(err.contains(needle) && err.contains("s.lss"), "{err}");
    }
}

/// LimeSurvey's own `tests/data/surveys/limesurvey_survey_rankingNative.lss` (DBVersion 359, the
/// layout before `*_l10ns`: texts and `language` in the `questions`/`subquestions` rows; ranking
/// options as subquestions).
#[test]
fn limesurvey_old_layout_ranking_imports_as_a_draft() {
    let (q, unmapped) =
        platform::from_limesurvey(&fixture("limesurvey_survey_rankingNative.lss"), None).expect("reads");
    assert!(unmapped.is_empty(), "{unmapped:?}");
    assert_eq!(q.title.nl, "Ranking export test fixture");
    assert_eq!(q.id, "limesurvey-186657");
    assert_eq!(q.items.len(), 1);
    let item = &q.items[0];
    assert_eq!(item.id, "rank");
    assert_eq!(item.text.nl, "Ranking question");
    match &item.kind {
        ItemKind::Ranking { options, top } => {
            let got: Vec<(i32, &str)> = options.iter().map(|o| (o.code, o.label.nl.as_str())).collect();
            assert_eq!(
                got,
                [
                    (1, "Some example subquestion"),
                    (2, "New answer subquestion"),
                    (3, "Third subquestion"),
                    (4, "Last subquestion")
                ]
            );
            assert_eq!(*top, 4);
        }
        k => panic!("{k:?}"),
    }
}

#[test]
fn qualtrics_round_trip_of_the_example_and_every_kind() {
    for q in [example(), every_kind()] {
        let (qsf, map) = platform::to_qualtrics(&q);
        let doc: serde_json::Value = serde_json::from_str(&qsf).expect("json");
        let sq: Vec<&serde_json::Value> =
            doc["SurveyElements"].as_array().unwrap().iter().filter(|e| e["Element"] == "SQ").collect();
        assert_eq!(sq.len(), q.items.len());
        assert_eq!(sq[0]["Payload"]["DataExportTag"], map.code(&q.items[0].id).unwrap());
        let (back, unmapped) = platform::from_qualtrics(&qsf, None).expect("read back");
        assert!(unmapped.is_empty(), "{unmapped:?}");
        assert_same(&q, &back);
    }
}

#[test]
fn qualtrics_rejects_bad_input_with_file_and_line() {
    let err =
        platform::from_qualtrics("{\n\"SurveyElements\": [,]}", Some(Path::new("s.qsf"))).unwrap_err().to_string();
    assert!(err.contains("s.qsf") && err.contains("line 2"), "{err}");
    let deep = "[".repeat(200) + &"]".repeat(200);
    assert!(platform::from_qualtrics(&deep, None).is_err());
    let err = platform::from_qualtrics("{}", Some(Path::new("s.qsf"))).unwrap_err().to_string();
    assert!(err.contains("SurveyElements"), "{err}");
}
