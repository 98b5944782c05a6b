//! Qualtrics survey files (`.qsf`): a JSON object with `SurveyEntry` and `SurveyElements`, the
//! elements being the blocks (`BL`), the flow (`FL`) and one `SQ` per question whose `Payload`
//! holds `QuestionType` (`MC`, `TE`, `RO`, `Matrix`, ...), `Selector`, `Choices`, `ChoiceOrder`,
//! `RecodeValues`, `DataExportTag` and `Language` (translations). The shape follows the survey
//! format as the Qualtrics API exports it (`GET /survey-definitions/{id}?format=qsf`).

use std::collections::HashMap;
use std::path::Path;

use serde_json::{Map, Value, json};

use super::codes::CodeMap;
use super::{ItemMeta, SurveyMeta, Unmapped};
use crate::error::{Error, Location, Result};
use crate::instrument::{AnswerOption, Condition, Item, ItemKind, Questionnaire, Text};

fn choices(options: &[AnswerOption], other: Option<i32>, exclusive: &[i32], en: bool) -> (Value, Value, Value) {
    let mut ch = Map::new();
    let mut recode = Map::new();
    let mut order = Vec::new();
    for (i, o) in options.iter().enumerate() {
        let key = (i + 1).to_string();
        let label = if en { o.label.en.clone().unwrap_or_default() } else { o.label.nl.clone() };
        let mut c = Map::new();
        c.insert("Display".into(), Value::String(label));
        if Some(o.code) == other {
            c.insert("TextEntry".into(), Value::String("true".into()));
        }
        if exclusive.contains(&o.code) {
            c.insert("ExclusiveAnswer".into(), Value::Bool(true));
        }
        ch.insert(key.clone(), Value::Object(c));
        recode.insert(key.clone(), Value::String(o.code.to_string()));
        order.push(Value::String(key));
    }
    (Value::Object(ch), Value::Object(recode), Value::Array(order))
}

/// Write a questionnaire as a Qualtrics survey file (`.qsf`), one block, one question per item:
/// single choice and Likert `MC`/`SAVR`, multiple choice `MC`/`MAVR` (other as a choice with
/// `TextEntry`, exclusive choices `ExclusiveAnswer`), numeric `TE`/`SL` with `ContentType`
/// `ValidNumber` and its min/max, ranking `RO`/`DND`, open `TE`/`ML`. `DataExportTag` is the
/// code by the rule in [`super::codes`], `RecodeValues` the lomonitor codes, English in
/// `Language.EN`. Missing codes of coded items are choices. The item's lomonitor facts, including
/// `show_if`, are in the payload's `lomonitor` key; `show_if` is not written as Qualtrics
/// `DisplayLogic` (see `docs/instrument-format.md`).
pub fn to_qualtrics(q: &Questionnaire) -> (String, CodeMap) {
    let map = CodeMap::new(q.items.iter().map(|i| i.id.as_str()));
    let sid = "SV_lomonitor";
    let mut elements = Vec::new();
    let block_elements: Vec<Value> =
        (1..=q.items.len()).map(|i| json!({"Type": "Question", "QuestionID": format!("QID{i}")})).collect();
    elements.push(json!({"SurveyID": sid, "Element": "BL", "PrimaryAttribute": "Survey Blocks", "SecondaryAttribute": null, "TertiaryAttribute": null,
        "Payload": [{"Type": "Default", "Description": q.title.nl, "ID": "BL_1", "BlockElements": block_elements}]}));
    elements.push(json!({"SurveyID": sid, "Element": "FL", "PrimaryAttribute": "Survey Flow", "SecondaryAttribute": null, "TertiaryAttribute": null,
        "Payload": {"Type": "Root", "FlowID": "FL_1", "Flow": [{"Type": "Block", "ID": "BL_1", "FlowID": "FL_2"}], "Properties": {"Count": 2}}}));
    for (n, item) in q.items.iter().enumerate() {
        let qid = format!("QID{}", n + 1);
        let mut options = item.options();
        let (ty, selector, sub, other, exclusive): (&str, &str, Option<&str>, Option<i32>, Vec<i32>) = match &item.kind
        {
            ItemKind::Single { other, .. } => ("MC", "SAVR", Some("TX"), *other, Vec::new()),
            ItemKind::Likert { .. } => ("MC", "SAVR", Some("TX"), None, Vec::new()),
            ItemKind::Multiple { other, exclusive, .. } => ("MC", "MAVR", Some("TX"), *other, exclusive.clone()),
            ItemKind::Numeric { .. } => ("TE", "SL", None, None, Vec::new()),
            ItemKind::Ranking { .. } => ("RO", "DND", Some("TX"), None, Vec::new()),
            ItemKind::Open => ("TE", "ML", None, None, Vec::new()),
        };
        if item.is_coded() {
            options.extend(item.missing.iter().map(|m| AnswerOption { code: m.code, label: m.label.clone() }));
        }
        let meta = ItemMeta {
            id: item.id.clone(),
            kind: item.kind.name().to_owned(),
            label: item.label.clone(),
            missing: item.missing.clone(),
            reverse: item.reverse,
            other: None,
            unit: match &item.kind {
                ItemKind::Numeric { unit, .. } => unit.clone(),
                _ => None,
            },
        };
        let mut p = Map::new();
        p.insert("QuestionID".into(), json!(qid));
        p.insert("QuestionText".into(), json!(item.text.nl));
        p.insert("DataExportTag".into(), json!(map.code(&item.id).unwrap_or_default()));
        p.insert("QuestionType".into(), json!(ty));
        p.insert("Selector".into(), json!(selector));
        if let Some(s) = sub {
            p.insert("SubSelector".into(), json!(s));
        }
        let mut en = Map::new();
        en.insert("QuestionText".into(), json!(item.text.en.clone().unwrap_or_default()));
        if !options.is_empty() {
            let (c, r, o) = choices(&options, other, &exclusive, false);
            p.insert("Choices".into(), c);
            p.insert("RecodeValues".into(), r);
            p.insert("ChoiceOrder".into(), o);
            en.insert("Choices".into(), choices(&options, other, &exclusive, true).0);
        }
        let mut settings = Map::new();
        settings.insert("ForceResponse".into(), json!(if item.required { "ON" } else { "OFF" }));
        match &item.kind {
            ItemKind::Numeric { min, max, integer, .. } => {
                settings.insert("Type".into(), json!("ContentType"));
                settings.insert("ContentType".into(), json!("ValidNumber"));
                let mut vn = Map::new();
                if let Some(v) = min {
                    vn.insert("Min".into(), json!(v.to_string()));
                }
                if let Some(v) = max {
                    vn.insert("Max".into(), json!(v.to_string()));
                }
                vn.insert("NumDecimals".into(), json!(if *integer { "0" } else { "" }));
                settings.insert("ValidNumber".into(), Value::Object(vn));
            }
            ItemKind::Ranking { top, .. } => {
                settings.insert("Type".into(), json!("None"));
                p.insert("lomonitor_top".into(), json!(top));
            }
            _ => {
                settings.insert("Type".into(), json!("None"));
            }
        }
        p.insert("Validation".into(), json!({"Settings": settings}));
        p.insert("Language".into(), json!({"EN": en}));
        let mut m = serde_json::to_value(&meta).unwrap_or(Value::Null);
        if let (Some(c), Value::Object(o)) = (&item.show_if, &mut m) {
            o.insert("show_if".into(), json!(c.to_string()));
        }
        p.insert("lomonitor".into(), m);
        elements.push(json!({"SurveyID": sid, "Element": "SQ", "PrimaryAttribute": qid, "SecondaryAttribute": item.text.nl, "TertiaryAttribute": null, "Payload": p}));
    }
    let meta = SurveyMeta {
        id: q.id.clone(),
        version: q.version.clone(),
        missing: q.missing.clone(),
        scales: q.scales.clone(),
    };
    let doc = json!({
        "SurveyEntry": {"SurveyID": sid, "SurveyName": q.title.nl, "SurveyDescription": null, "SurveyOwnerID": null, "SurveyLanguage": "NL",
            "SurveyStatus": "Inactive", "lomonitor": meta, "SurveyNameEN": q.title.en},
        "SurveyElements": elements,
    });
    (serde_json::to_string_pretty(&doc).unwrap_or_default(), map)
}

fn s(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// Read a Qualtrics survey file as a draft questionnaire, questions in block order.
///
/// # Errors
/// [`Error::Definition`] naming the file (and line, for malformed JSON) for text that is not JSON,
/// nested deeper than serde_json's limit of 128, larger than 64 MiB, or without
/// `SurveyElements`.
pub fn from_qualtrics(text: &str, file: Option<&Path>) -> Result<(Questionnaire, Vec<Unmapped>)> {
    if text.len() > super::MAX_INPUT {
        return Err(super::too_large("a .qsf", text.len()));
    }
    let err = |line: Option<u64>, message: String| Error::Definition {
        location: Location { file: file.map(Path::to_path_buf), line, column: None },
        message,
    };
    let doc: Value = serde_json::from_str(text).map_err(|e| err(Some(e.line() as u64), format!("not a .qsf: {e}")))?;
    let elements = doc
        .get("SurveyElements")
        .and_then(Value::as_array)
        .ok_or_else(|| err(None, "no SurveyElements array: not a Qualtrics .qsf".into()))?;
    let mut questions: HashMap<String, &Map<String, Value>> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for e in elements {
        match e.get("Element").and_then(Value::as_str) {
            Some("SQ") => {
                if let Some(p) = e.get("Payload").and_then(Value::as_object) {
                    let id = p
                        .get("QuestionID")
                        .map(s)
                        .unwrap_or_else(|| e.get("PrimaryAttribute").map(s).unwrap_or_default());
                    questions.insert(id, p);
                }
            }
            Some("BL") => {
                let blocks: Vec<&Value> = match e.get("Payload") {
                    Some(Value::Array(a)) => a.iter().collect(),
                    Some(Value::Object(o)) => o.values().collect(),
                    _ => Vec::new(),
                };
                for b in blocks {
                    if b.get("Type").and_then(Value::as_str) == Some("Trash") {
                        continue;
                    }
                    for be in b.get("BlockElements").and_then(Value::as_array).into_iter().flatten() {
                        if be.get("Type").and_then(Value::as_str) == Some("Question") {
                            order.push(be.get("QuestionID").map(s).unwrap_or_default());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if order.is_empty() {
        let mut ids: Vec<&String> = questions.keys().collect();
        ids.sort_by_key(|k| (k.len(), (*k).clone()));
        order = ids.into_iter().cloned().collect();
    }
    let mut unmapped = Vec::new();
    let mut items = Vec::new();
    let mut pending_show_if: Vec<(usize, String, String)> = Vec::new();
    for qid in &order {
        let Some(p) = questions.get(qid) else {
            unmapped.push(Unmapped {
                code: qid.clone(),
                kind: "block element".into(),
                reason: "the block lists a question the file does not hold".into(),
            });
            continue;
        };
        let tag = p.get("DataExportTag").map(s).unwrap_or_else(|| qid.clone());
        let ty = p.get("QuestionType").map(s).unwrap_or_default();
        let selector = p.get("Selector").map(s).unwrap_or_default();
        let meta: Option<ItemMeta> = p.get("lomonitor").and_then(|m| serde_json::from_value(m.clone()).ok());
        let en = p.get("Language").and_then(|l| l.get("EN"));
        let en_text = |v: Option<&Value>| v.map(s).filter(|x| !x.is_empty());
        let text = Text {
            nl: p.get("QuestionText").map(s).unwrap_or_default(),
            en: en_text(en.and_then(|e| e.get("QuestionText"))),
        };
        let mut other = None;
        let mut exclusive = Vec::new();
        let mut options = Vec::new();
        if let Some(ch) = p.get("Choices").and_then(Value::as_object) {
            let keys: Vec<String> = match p.get("ChoiceOrder").and_then(Value::as_array) {
                Some(o) => o.iter().map(s).collect(),
                None => ch.keys().cloned().collect(),
            };
            let recode = p.get("RecodeValues").and_then(Value::as_object);
            for k in keys {
                let Some(c) = ch.get(&k) else { continue };
                let code = recode.and_then(|r| r.get(&k)).map(s).unwrap_or_else(|| k.clone());
                let Ok(code) = code.trim().parse::<i32>() else {
                    unmapped.push(Unmapped {
                        code: format!("{tag}[{k}]"),
                        kind: ty.clone(),
                        reason: format!("recode value {code:?} is not a whole number: choice left out"),
                    });
                    continue;
                };
                let label = Text {
                    nl: c.get("Display").map(s).unwrap_or_default(),
                    en: en_text(
                        en.and_then(|e| e.get("Choices")).and_then(|e| e.get(&k)).and_then(|e| e.get("Display")),
                    ),
                };
                if c.get("TextEntry").is_some_and(|t| s(t) == "true" || t == &Value::Bool(true)) {
                    other = Some(code);
                }
                if c.get("ExclusiveAnswer").is_some_and(|t| t == &Value::Bool(true) || s(t) == "true") {
                    exclusive.push(code);
                }
                options.push(AnswerOption { code, label });
            }
        }
        let missing = meta.as_ref().map(|m| m.missing.clone()).unwrap_or_default();
        let settings = p.get("Validation").and_then(|v| v.get("Settings"));
        let num = |k: &str| {
            settings
                .and_then(|st| st.get("ValidNumber"))
                .and_then(|v| v.get(k))
                .map(s)
                .and_then(|x| x.parse::<f64>().ok())
        };
        let kind_name = meta.as_ref().map_or("", |m| m.kind.as_str());
        let kind = match (ty.as_str(), selector.as_str()) {
            ("MC", "MAVR" | "MACOL" | "MSB") => ItemKind::Multiple { options, other, exclusive },
            ("MC", _) => {
                let options: Vec<AnswerOption> =
                    options.into_iter().filter(|o| !missing.iter().any(|m| m.code == o.code)).collect();
                if kind_name == "likert" {
                    let labels: Vec<Text> = options.into_iter().map(|o| o.label).collect();
                    ItemKind::Likert { points: u8::try_from(labels.len()).unwrap_or(u8::MAX), labels }
                } else {
                    ItemKind::Single { options, other }
                }
            }
            ("TE", _)
                if settings.and_then(|st| st.get("ContentType")).map(s).as_deref() == Some("ValidNumber")
                    || kind_name == "numeric" =>
            {
                ItemKind::Numeric {
                    unit: meta.as_ref().and_then(|m| m.unit.clone()),
                    min: num("Min"),
                    max: num("Max"),
                    integer: settings
                        .and_then(|st| st.get("ValidNumber"))
                        .and_then(|v| v.get("NumDecimals"))
                        .map(s)
                        .as_deref()
                        == Some("0"),
                }
            }
            ("TE", _) => ItemKind::Open,
            ("RO", _) => {
                let top = p
                    .get("lomonitor_top")
                    .and_then(Value::as_u64)
                    .and_then(|t| u8::try_from(t).ok())
                    .unwrap_or_else(|| u8::try_from(options.len()).unwrap_or(u8::MAX));
                ItemKind::Ranking { options, top }
            }
            ("DB", _) => {
                unmapped.push(Unmapped { code: tag, kind: ty, reason: "descriptive text: not a question".into() });
                continue;
            }
            _ => {
                unmapped.push(Unmapped { code: tag, kind: format!("{ty}/{selector}"), reason: "question type without a lomonitor item kind (Matrix, Slider, CS, file upload, ... are not read yet)".into() });
                continue;
            }
        };
        if p.get("DisplayLogic").is_some() {
            unmapped.push(Unmapped {
                code: tag.clone(),
                kind: ty.clone(),
                reason: "display logic is not translated: the item is shown always".into(),
            });
        }
        let id = meta.as_ref().map_or_else(|| super::codes::id_from_code(&tag), |m| m.id.clone());
        if let Some(c) = p.get("lomonitor").and_then(|m| m.get("show_if")).map(s) {
            pending_show_if.push((items.len(), c, tag.clone()));
        }
        items.push(Item {
            id,
            text,
            label: meta.as_ref().and_then(|m| m.label.clone()),
            kind,
            required: settings.and_then(|st| st.get("ForceResponse")).map(s).as_deref() == Some("ON"),
            show_if: None,
            reverse: meta.as_ref().is_some_and(|m| m.reverse),
            missing,
        });
    }
    for (i, c, tag) in pending_show_if {
        match Condition::parse(&c) {
            Ok(c) => {
                if let Some(it) = items.get_mut(i) {
                    it.show_if = Some(c);
                }
            }
            Err(e) => unmapped.push(Unmapped {
                code: tag,
                kind: "show_if".into(),
                reason: format!("recorded condition {c:?} does not parse: {e}"),
            }),
        }
    }
    let entry = doc.get("SurveyEntry");
    let meta: Option<SurveyMeta> =
        entry.and_then(|e| e.get("lomonitor")).and_then(|m| serde_json::from_value(m.clone()).ok());
    let title = Text {
        nl: entry.and_then(|e| e.get("SurveyName")).map(s).unwrap_or_default(),
        en: entry.and_then(|e| e.get("SurveyNameEN")).map(s).filter(|x| !x.is_empty()),
    };
    let sid = entry.and_then(|e| e.get("SurveyID")).map(s).unwrap_or_default();
    let q = Questionnaire::from_parts(
        meta.as_ref().map_or_else(|| format!("qualtrics-{sid}"), |m| m.id.clone()),
        meta.as_ref().map_or_else(|| "1.0".to_owned(), |m| m.version.clone()),
        title,
        items,
        meta.as_ref().map(|m| m.scales.clone()).unwrap_or_default(),
        meta.map(|m| m.missing).unwrap_or_default(),
    );
    Ok((q, unmapped))
}
