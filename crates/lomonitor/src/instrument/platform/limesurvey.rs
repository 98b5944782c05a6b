//! LimeSurvey survey structure files (`.lss`).
//!
//! The layout follows LimeSurvey's own export, `application/helpers/export_helper.php`
//! (`surveyGetXMLData`, `buildXMLFromQuery`: one element per table, `<fields>` then `<rows>` of
//! `<row>` elements holding one CDATA element per column) and the import in
//! `application/helpers/admin/import_helper.php` (`XMLImportSurvey`), which reads both the
//! current layout, with texts in `*_l10ns` tables (`group_l10ns`, `question_l10ns`,
//! `answer_l10ns`; DBVersion 400 and later), and the older one with a `language` column in
//! `groups`, `questions`, `subquestions` and `answers`.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use quick_xml::events::Event;

use super::codes::{self, CodeMap};
use super::{ItemMeta, SurveyMeta, Unmapped};
use crate::error::{Error, Location, Result};
use crate::instrument::{AnswerOption, Condition, Item, ItemKind, Op, Questionnaire, Text};

/// Options for [`to_limesurvey`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LssOptions {
    /// The survey id (`sid`) written in the file; LimeSurvey assigns a new one on import when taken.
    pub survey_id: u32,
    /// The DBVersion written (the layout is that of LimeSurvey 5 and 6).
    pub db_version: u32,
}

impl Default for LssOptions {
    fn default() -> Self {
        Self { survey_id: 100_001, db_version: 495 }
    }
}

/// The deepest element nesting accepted in a `.lss` (the format needs 4).
const MAX_DEPTH: usize = 16;

// ------------------------------------------------------------------------------------------
// writing

struct Table {
    name: &'static str,
    fields: &'static [&'static str],
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(name: &'static str, fields: &'static [&'static str]) -> Self {
        Self { name, fields, rows: Vec::new() }
    }

    fn write(&self, out: &mut String) {
        let _ = writeln!(out, " <{}>\n  <fields>", self.name);
        for f in self.fields {
            let _ = writeln!(out, "   <fieldname>{f}</fieldname>");
        }
        out.push_str("  </fields>\n  <rows>\n");
        for row in &self.rows {
            out.push_str("   <row>\n");
            for (f, v) in self.fields.iter().zip(row) {
                if v.is_empty() {
                    let _ = writeln!(out, "    <{f}/>");
                } else {
                    let _ = writeln!(out, "    <{f}><![CDATA[{}]]></{f}>", cdata(v));
                }
            }
            out.push_str("   </row>\n");
        }
        let _ = writeln!(out, "  </rows>\n </{}>", self.name);
    }
}

/// CDATA cannot hold `]]>`: split it across two sections.
fn cdata(v: &str) -> String {
    v.replace("]]>", "]]]]><![CDATA[>")
}

const Q_FIELDS: &[&str] = &[
    "qid",
    "parent_qid",
    "sid",
    "gid",
    "type",
    "title",
    "preg",
    "other",
    "mandatory",
    "encrypted",
    "question_order",
    "scale_id",
    "same_default",
    "relevance",
    "question_theme_name",
    "modulename",
    "same_script",
];

fn theme(t: &str) -> &'static str {
    match t {
        "L" => "listradio",
        "M" => "multiplechoice",
        "N" => "numerical",
        "T" => "longfreetext",
        "R" => "ranking",
        _ => "",
    }
}

fn en_or_empty(t: &Text) -> String {
    t.en.clone().unwrap_or_default()
}

/// Write a questionnaire as a LimeSurvey survey structure file (current layout, with `*_l10ns`
/// tables), in Dutch (`nl`, the base language) and English (`en`) when any text has English.
///
/// Each item is one question in one group: single choice `L` (list, radio), multiple choice `M`,
/// Likert `L` with the points as answers, numeric `N` (attributes `min_num_value_n`,
/// `max_num_value_n`, `num_value_int_only`, `suffix`), ranking `R` (`max_subquestions`), open
/// `T` (long free text). The "other" option is LimeSurvey's other (`other = Y`, label in
/// `other_replace_text`); exclusive options are `exclude_all_others`; missing codes of coded
/// items are answers; `show_if` becomes the relevance equation. Codes follow [`codes`]; the
/// returned [`CodeMap`] is the side table and is also recorded per question (attribute `lomonitor`).
pub fn to_limesurvey(q: &Questionnaire, opts: &LssOptions) -> (String, CodeMap) {
    let map = CodeMap::new(q.items.iter().map(|i| i.id.as_str()));
    let english = has_english(q);
    let langs: Vec<&str> = if english { vec!["nl", "en"] } else { vec!["nl"] };
    let sid = opts.survey_id.to_string();
    let gid = "1".to_owned();

    let mut answers = Table::new("answers", &["aid", "qid", "code", "sortorder", "assessment_value", "scale_id"]);
    let mut answer_l10ns = Table::new("answer_l10ns", &["id", "aid", "answer", "language"]);
    let mut groups = Table::new("groups", &["gid", "sid", "group_order", "randomization_group", "grelevance"]);
    let mut group_l10ns = Table::new("group_l10ns", &["id", "gid", "group_name", "description", "language"]);
    let mut questions = Table::new("questions", Q_FIELDS);
    let mut subquestions = Table::new("subquestions", Q_FIELDS);
    let mut question_l10ns = Table::new("question_l10ns", &["id", "qid", "question", "help", "script", "language"]);
    let mut attrs = Table::new("question_attributes", &["qid", "attribute", "value", "language"]);

    groups.rows.push(vec![gid.clone(), sid.clone(), "1".into(), String::new(), "1".into()]);
    for (i, lang) in langs.iter().enumerate() {
        let name = if *lang == "en" { en_or_empty(&q.title) } else { q.title.nl.clone() };
        group_l10ns.rows.push(vec![(i + 1).to_string(), gid.clone(), name, String::new(), (*lang).into()]);
    }

    let mut next_qid = 1u32;
    let mut next_aid = 1u32;
    let mut next_l10n = 1u32;
    let mut l10n = |qid: &str, t: &Text, table: &mut Table| {
        for lang in &langs {
            let s = if *lang == "en" { en_or_empty(t) } else { t.nl.clone() };
            table.rows.push(vec![
                next_l10n.to_string(),
                qid.to_owned(),
                s,
                String::new(),
                String::new(),
                (*lang).into(),
            ]);
            next_l10n += 1;
        }
    };
    for (order, item) in q.items.iter().enumerate() {
        let code = map.code(&item.id).unwrap_or_default().to_owned();
        let qid = next_qid.to_string();
        next_qid += 1;
        let mut meta = ItemMeta {
            id: item.id.clone(),
            kind: item.kind.name().to_owned(),
            label: item.label.clone(),
            missing: item.missing.clone(),
            reverse: item.reverse,
            other: None,
            unit: None,
        };
        let (ty, other_code) = match &item.kind {
            ItemKind::Single { other, .. } => ("L", *other),
            ItemKind::Multiple { other, .. } => ("M", *other),
            ItemKind::Likert { .. } => ("L", None),
            ItemKind::Numeric { .. } => ("N", None),
            ItemKind::Ranking { .. } => ("R", None),
            ItemKind::Open => ("T", None),
        };
        let options = item.options();
        let other_opt = other_code.and_then(|c| options.iter().position(|o| o.code == c).map(|p| (p, c)));
        meta.other = other_opt.map(|(p, c)| (c, p));
        let relevance = item.show_if.as_ref().map_or_else(|| "1".to_owned(), |c| relevance_of(c, q, &map));
        questions.rows.push(vec![
            qid.clone(),
            "0".into(),
            sid.clone(),
            gid.clone(),
            ty.into(),
            code.clone(),
            String::new(),
            if other_opt.is_some() { "Y" } else { "N" }.into(),
            if item.required { "Y" } else { "N" }.into(),
            "N".into(),
            (order + 1).to_string(),
            "0".into(),
            "0".into(),
            relevance,
            theme(ty).into(),
            String::new(),
            "0".into(),
        ]);
        l10n(&qid, &item.text, &mut question_l10ns);
        let mut attr = |name: &str, value: String, lang: &str| {
            attrs.rows.push(vec![qid.clone(), name.to_owned(), value, lang.to_owned()]);
        };
        if let Some((p, _)) = other_opt
            && let Some(o) = options.get(p)
        {
            for lang in &langs {
                let s = if *lang == "en" { en_or_empty(&o.label) } else { o.label.nl.clone() };
                attr("other_replace_text", s, lang);
            }
        }
        // answers: options (without other) and, for coded items, the missing codes
        let mut answer_list: Vec<(String, Text)> = Vec::new();
        let mut sub_list: Vec<(String, Text)> = Vec::new();
        let listed = options.iter().filter(|o| Some(o.code) != other_code);
        match &item.kind {
            ItemKind::Single { .. } | ItemKind::Likert { .. } => {
                answer_list.extend(listed.map(|o| (codes::answer_code(o.code), o.label.clone())));
                answer_list.extend(item.missing.iter().map(|m| (codes::answer_code(m.code), m.label.clone())));
            }
            ItemKind::Ranking { top, .. } => {
                answer_list.extend(listed.map(|o| (codes::answer_code(o.code), o.label.clone())));
                attr("max_subquestions", top.to_string(), "");
            }
            ItemKind::Multiple { exclusive, .. } => {
                sub_list.extend(listed.map(|o| (codes::subquestion_code(o.code), o.label.clone())));
                if !exclusive.is_empty() {
                    let ex: Vec<String> = exclusive.iter().map(|c| codes::subquestion_code(*c)).collect();
                    attr("exclude_all_others", ex.join(";"), "");
                }
            }
            ItemKind::Numeric { unit, min, max, integer } => {
                if let Some(v) = min {
                    attr("min_num_value_n", v.to_string(), "");
                }
                if let Some(v) = max {
                    attr("max_num_value_n", v.to_string(), "");
                }
                attr("num_value_int_only", if *integer { "1" } else { "0" }.into(), "");
                if let Some(u) = unit {
                    for lang in &langs {
                        attr("suffix", u.clone(), lang);
                    }
                }
                meta.unit.clone_from(unit);
            }
            ItemKind::Open => {}
        }
        attr("lomonitor", serde_json::to_string(&meta).unwrap_or_default(), "");
        for (i, (acode, label)) in answer_list.iter().enumerate() {
            let aid = next_aid.to_string();
            next_aid += 1;
            answers.rows.push(vec![aid.clone(), qid.clone(), acode.clone(), i.to_string(), "0".into(), "0".into()]);
            for lang in &langs {
                let s = if *lang == "en" { en_or_empty(label) } else { label.nl.clone() };
                answer_l10ns.rows.push(vec![next_aid.to_string(), aid.clone(), s, (*lang).into()]);
            }
        }
        for (i, (scode, label)) in sub_list.iter().enumerate() {
            let sq = next_qid.to_string();
            next_qid += 1;
            subquestions.rows.push(vec![
                sq.clone(),
                qid.clone(),
                sid.clone(),
                gid.clone(),
                "T".into(),
                scode.clone(),
                String::new(),
                "N".into(),
                String::new(),
                "N".into(),
                (i + 1).to_string(),
                "0".into(),
                "0".into(),
                "1".into(),
                String::new(),
                String::new(),
                "0".into(),
            ]);
            l10n(&sq, label, &mut question_l10ns);
        }
    }
    // l10n ids for answers: renumber sequentially
    for (i, row) in answer_l10ns.rows.iter_mut().enumerate() {
        if let Some(id) = row.first_mut() {
            *id = (i + 1).to_string();
        }
    }

    let mut surveys = Table::new(
        "surveys",
        &["sid", "gsid", "admin", "language", "additional_languages", "format", "anonymized", "datestamp", "usetokens"],
    );
    surveys.rows.push(vec![
        sid.clone(),
        "1".into(),
        String::new(),
        "nl".into(),
        if english { "en".into() } else { String::new() },
        "G".into(),
        "N".into(),
        "Y".into(),
        "Y".into(),
    ]);
    let mut settings =
        Table::new("surveys_languagesettings", &["surveyls_survey_id", "surveyls_language", "surveyls_title"]);
    for lang in &langs {
        let t = if *lang == "en" { en_or_empty(&q.title) } else { q.title.nl.clone() };
        settings.rows.push(vec![sid.clone(), (*lang).into(), t]);
    }

    let meta = SurveyMeta {
        id: q.id.clone(),
        version: q.version.clone(),
        missing: q.missing.clone(),
        scales: q.scales.clone(),
    };
    let mut out = String::with_capacity(64 * 1024);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document>\n <LimeSurveyDocType>Survey</LimeSurveyDocType>\n",
    );
    let _ = writeln!(out, " <DBVersion>{}</DBVersion>\n <languages>", opts.db_version);
    for lang in &langs {
        let _ = writeln!(out, "  <language>{lang}</language>");
    }
    out.push_str(" </languages>\n");
    for t in [
        &answers,
        &answer_l10ns,
        &groups,
        &group_l10ns,
        &questions,
        &subquestions,
        &question_l10ns,
        &attrs,
        &surveys,
        &settings,
    ] {
        t.write(&mut out);
    }
    let _ = writeln!(
        out,
        " <lomonitor><![CDATA[{}]]></lomonitor>",
        cdata(&serde_json::to_string(&meta).unwrap_or_default())
    );
    out.push_str("</document>\n");
    (out, map)
}

fn has_english(q: &Questionnaire) -> bool {
    q.title.en.is_some()
        || q.items.iter().any(|i| i.text.en.is_some() || i.options().iter().any(|o| o.label.en.is_some()))
}

/// The relevance equation of a condition (ExpressionScript): coded answers compare as answer
/// codes (`functie == "A1"`; `<` and friends become the list of codes that satisfy them), numbers
/// as numbers, `has` as the subquestion's `Y`.
fn relevance_of(c: &Condition, q: &Questionnaire, map: &CodeMap) -> String {
    let code = |id: &str| map.code(id).unwrap_or(id).to_owned();
    let coded = |id: &str| q.item(id).is_some_and(Item::is_coded);
    let eq = |id: &str, v: f64| -> String {
        if coded(id) {
            format!("{} == \"{}\"", code(id), codes::answer_code(v as i32))
        } else {
            format!("{} == {v}", code(id))
        }
    };
    match c {
        Condition::Compare { item, op, value } => {
            if coded(item) && !matches!(op, Op::Eq | Op::Ne) {
                let codes: Vec<String> = q
                    .item(item)
                    .map(|it| {
                        it.options()
                            .iter()
                            .filter(|o| op_holds(*op, f64::from(o.code), *value))
                            .map(|o| eq(item, f64::from(o.code)))
                            .collect()
                    })
                    .unwrap_or_default();
                if codes.is_empty() { "0".into() } else { format!("({})", codes.join(" or ")) }
            } else if coded(item) {
                let s = eq(item, *value);
                if *op == Op::Ne { format!("!is_empty({0}) and {1}", code(item), s.replace("==", "!=")) } else { s }
            } else {
                format!("{} {} {value}", code(item), op_symbol(*op))
            }
        }
        Condition::In { item, values } => {
            let parts: Vec<String> = values.iter().map(|v| eq(item, *v)).collect();
            format!("({})", parts.join(" or "))
        }
        Condition::Has { item, code: c } => format!("{}_{} == \"Y\"", code(item), codes::subquestion_code(*c as i32)),
        Condition::All(cs) => {
            cs.iter().map(|c| format!("({})", relevance_of(c, q, map))).collect::<Vec<_>>().join(" and ")
        }
        Condition::Any(cs) => {
            cs.iter().map(|c| format!("({})", relevance_of(c, q, map))).collect::<Vec<_>>().join(" or ")
        }
        Condition::Not(c) => format!("!({})", relevance_of(c, q, map)),
    }
}

fn op_holds(op: Op, a: f64, b: f64) -> bool {
    match op {
        Op::Eq => a == b,
        Op::Ne => a != b,
        Op::Lt => a < b,
        Op::Le => a <= b,
        Op::Gt => a > b,
        Op::Ge => a >= b,
    }
}

fn op_symbol(op: Op) -> &'static str {
    match op {
        Op::Eq => "==",
        Op::Ne => "!=",
        Op::Lt => "<",
        Op::Le => "<=",
        Op::Gt => ">",
        Op::Ge => ">=",
    }
}

// ------------------------------------------------------------------------------------------
// reading

type Row = HashMap<String, String>;

/// A `.lss` read into its tables.
struct Lss {
    scalars: HashMap<String, String>,
    tables: HashMap<String, Vec<(u64, Row)>>,
}

fn line_of(text: &str, pos: u64) -> u64 {
    let end = usize::try_from(pos).unwrap_or(usize::MAX).min(text.len());
    text.as_bytes().get(..end).map_or(1, |b| b.iter().filter(|&&c| c == b'\n').count() as u64 + 1)
}

fn parse_lss(text: &str, file: Option<&Path>) -> Result<Lss> {
    if text.len() > super::MAX_INPUT {
        return Err(super::too_large("a .lss", text.len()));
    }
    let err = |line: u64, message: String| Error::Definition {
        location: Location { file: file.map(Path::to_path_buf), line: Some(line), column: None },
        message,
    };
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack: Vec<String> = Vec::new();
    let mut lss = Lss { scalars: HashMap::new(), tables: HashMap::new() };
    let mut row: Option<(u64, Row)> = None;
    let mut buf = String::new();
    let mut saw_document = false;
    loop {
        let before = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| err(line_of(text, reader.error_position()), format!("malformed XML: {e}")))?;
        match event {
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(err(line_of(text, before), format!("elements nested deeper than {MAX_DEPTH} levels")));
                }
                let name = e.local_name().as_ref().to_owned();
                if stack.is_empty() {
                    if name != "document" {
                        return Err(err(
                            line_of(text, before),
                            format!("root element <{name}>: a LimeSurvey .lss has <document>"),
                        ));
                    }
                    saw_document = true;
                }
                if stack.len() == 3 && name == "row" {
                    row = Some((line_of(text, before), Row::new()));
                }
                stack.push(name);
                buf.clear();
            }
            Event::Empty(e) if stack.len() == 4 => {
                if let Some((_, r)) = row.as_mut() {
                    r.insert(e.local_name().as_ref().to_owned(), String::new());
                }
            }
            Event::Text(t) => buf.push_str(&t.xml10_content()),
            Event::CData(t) => buf.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&r)
                        .map(str::to_owned)
                        .ok_or_else(|| err(line_of(text, before), format!("unknown entity &{};", &*r)))?,
                };
                buf.push_str(&resolved);
            }
            Event::End(_) => {
                let name = stack.pop().ok_or_else(|| err(line_of(text, before), "unbalanced end tag".into()))?;
                match stack.len() {
                    1 => {
                        lss.scalars.insert(name.clone(), buf.trim().to_owned());
                        lss.tables.entry(name).or_default();
                    }
                    3 if name == "row" => {
                        if let (Some(r), Some(table)) = (row.take(), stack.get(1)) {
                            lss.tables.entry(table.clone()).or_default().push(r);
                        }
                    }
                    4 => {
                        if let Some((_, r)) = row.as_mut() {
                            r.insert(name, std::mem::take(&mut buf));
                        }
                    }
                    _ => {}
                }
                buf.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(err(line_of(text, text.len() as u64), "the document ends inside an element".into()));
    }
    if !saw_document {
        return Err(err(1, "no <document> element: not a LimeSurvey .lss".into()));
    }
    if lss.scalars.get("LimeSurveyDocType").is_some_and(|t| t != "Survey") {
        return Err(err(
            1,
            format!(
                "LimeSurveyDocType {:?}: only survey structure files (Survey) are read",
                lss.scalars.get("LimeSurveyDocType")
            ),
        ));
    }
    Ok(lss)
}

impl Lss {
    fn rows(&self, table: &str) -> &[(u64, Row)] {
        self.tables.get(table).map_or(&[], Vec::as_slice)
    }
}

fn get<'a>(r: &'a Row, k: &str) -> &'a str {
    r.get(k).map_or("", |s| s.trim())
}

/// Texts by (owner id, language), from the l10n table or the main table's rows.
type Texts = HashMap<(String, String), Row>;

/// An answer option or subquestion: scale, order, code, texts by language.
type Entry = (i64, i64, String, HashMap<String, Row>);

struct Question {
    line: u64,
    qid: String,
    ty: String,
    code: String,
    other: bool,
    mandatory: bool,
    order: i64,
    gorder: i64,
    relevance: String,
    texts: HashMap<String, Row>,
}

/// Read a LimeSurvey survey structure file as a draft questionnaire.
///
/// Reads the current layout (`*_l10ns` tables) and the older one (a `language` column in
/// `questions` and `answers`, DBVersion below 400). Dutch texts come from `nl` (or `nl-informal`),
/// else the base language; English from `en`. Questions are read in group and question order.
///
/// # Errors
/// [`Error::Definition`] naming the file and line for malformed XML, nesting deeper than 16
/// levels, a root that is not `<document>`, a `LimeSurveyDocType` other than `Survey`, a file
/// larger than 64 MiB, or a survey without questions.
pub fn from_limesurvey(text: &str, file: Option<&Path>) -> Result<(Questionnaire, Vec<Unmapped>)> {
    let lss = parse_lss(text, file)?;
    let mut unmapped = Vec::new();
    let base = lss
        .rows("surveys")
        .first()
        .map(|(_, r)| get(r, "language").to_owned())
        .filter(|s| !s.is_empty())
        .or_else(|| lss.tables.contains_key("languages").then(String::new))
        .unwrap_or_default();
    let langs: Vec<String> = {
        let mut v = vec![base.clone()];
        if let Some((_, r)) = lss.rows("surveys").first() {
            v.extend(get(r, "additional_languages").split_whitespace().map(str::to_owned));
        }
        v.retain(|s| !s.is_empty());
        v
    };
    let nl = langs.iter().find(|l| l.starts_with("nl")).cloned().unwrap_or_else(|| base.clone());
    let en = langs.iter().find(|l| l.as_str() == "en" || l.starts_with("en-")).cloned().filter(|l| *l != nl);
    let pick = |texts: &HashMap<String, Row>, key: &str| -> Text {
        let t = |lang: &str| texts.get(lang).map(|r| get(r, key).to_owned()).filter(|s| !s.is_empty());
        let nl_text = t(&nl).or_else(|| texts.values().map(|r| get(r, key).to_owned()).find(|s| !s.is_empty()));
        Text { nl: nl_text.unwrap_or_default(), en: en.as_deref().and_then(t) }
    };

    let group_order: HashMap<String, i64> = lss
        .rows("groups")
        .iter()
        .map(|(_, r)| (get(r, "gid").to_owned(), get(r, "group_order").parse().unwrap_or(0)))
        .collect();

    // question texts: current layout in question_l10ns, older in the questions rows
    let mut qtexts: Texts = HashMap::new();
    for (_, r) in lss.rows("question_l10ns") {
        qtexts.insert((get(r, "qid").to_owned(), get(r, "language").to_owned()), r.clone());
    }
    let mut parents: BTreeMap<String, Question> = BTreeMap::new();
    let mut sub_rows: HashMap<String, Vec<(i64, i64, String, String)>> = HashMap::new();
    for table in ["questions", "subquestions"] {
        for (line, r) in lss.rows(table) {
            let qid = get(r, "qid").to_owned();
            let lang = get(r, "language").to_owned();
            if !lang.is_empty() && r.contains_key("question") {
                qtexts.insert((qid.clone(), lang.clone()), r.clone());
            }
            let parent = get(r, "parent_qid");
            if parent.is_empty() || parent == "0" {
                let q = parents.entry(qid.clone()).or_insert_with(|| Question {
                    line: *line,
                    qid: qid.clone(),
                    ty: get(r, "type").to_owned(),
                    code: get(r, "title").to_owned(),
                    other: get(r, "other") == "Y",
                    mandatory: get(r, "mandatory") == "Y",
                    order: get(r, "question_order").parse().unwrap_or(0),
                    gorder: group_order.get(get(r, "gid")).copied().unwrap_or(0),
                    relevance: get(r, "relevance").to_owned(),
                    texts: HashMap::new(),
                });
                if q.relevance.is_empty() {
                    get(r, "relevance").clone_into(&mut q.relevance);
                }
            } else {
                let list = sub_rows.entry(parent.to_owned()).or_default();
                let scale: i64 = get(r, "scale_id").parse().unwrap_or(0);
                if !list.iter().any(|(s, _, c, _)| c == get(r, "title") && *s == scale) {
                    list.push((
                        scale,
                        get(r, "question_order").parse().unwrap_or(0),
                        get(r, "title").to_owned(),
                        qid.clone(),
                    ));
                }
            }
        }
    }
    let mut by_qid: HashMap<String, HashMap<String, Row>> = HashMap::new();
    for ((q, l), r) in qtexts {
        by_qid.entry(q).or_default().insert(l, r);
    }
    let texts_of = |qid: &str| -> HashMap<String, Row> { by_qid.get(qid).cloned().unwrap_or_default() };
    let mut subs: HashMap<String, Vec<Entry>> = sub_rows
        .into_iter()
        .map(|(p, list)| (p, list.into_iter().map(|(s, o, c, sqid)| (s, o, c, texts_of(&sqid))).collect()))
        .collect();

    // answers: current layout aid -> answer_l10ns; older with answer + language in the row
    let mut atexts: HashMap<String, HashMap<String, Row>> = HashMap::new();
    for (_, r) in lss.rows("answer_l10ns") {
        atexts.entry(get(r, "aid").to_owned()).or_default().insert(get(r, "language").to_owned(), r.clone());
    }
    let mut answers: HashMap<String, Vec<Entry>> = HashMap::new();
    for (_, r) in lss.rows("answers") {
        let qid = get(r, "qid").to_owned();
        let code = get(r, "code").to_owned();
        let scale: i64 = get(r, "scale_id").parse().unwrap_or(0);
        let list = answers.entry(qid).or_default();
        let texts = match r.get("aid") {
            Some(aid) if !r.contains_key("answer") => atexts.get(aid.trim()).cloned().unwrap_or_default(),
            _ => HashMap::from([(get(r, "language").to_owned(), r.clone())]),
        };
        match list.iter_mut().find(|(s, _, c, _)| *s == scale && *c == code) {
            Some((_, _, _, t)) => t.extend(texts),
            None => list.push((scale, get(r, "sortorder").parse().unwrap_or(0), code, texts)),
        }
    }
    for list in answers.values_mut().chain(subs.values_mut()) {
        list.sort_by_key(|(s, o, _, _)| (*s, *o));
    }

    // attributes: (qid, name) -> language -> value
    let mut attrs: HashMap<(String, String), HashMap<String, String>> = HashMap::new();
    for (_, r) in lss.rows("question_attributes") {
        attrs
            .entry((get(r, "qid").to_owned(), get(r, "attribute").to_owned()))
            .or_default()
            .insert(get(r, "language").to_owned(), get(r, "value").to_owned());
    }
    let attr = |qid: &str, name: &str| -> Option<String> {
        attrs.get(&(qid.to_owned(), name.to_owned())).and_then(|m| {
            m.get("").or_else(|| m.get(&nl)).or_else(|| m.values().next()).cloned().filter(|s| !s.is_empty())
        })
    };
    let attr_text = |qid: &str, name: &str| -> Option<Text> {
        let m = attrs.get(&(qid.to_owned(), name.to_owned()))?;
        let nl_v = m.get(&nl).or_else(|| m.get("")).or_else(|| m.values().next())?.clone();
        Some(Text { nl: nl_v, en: en.as_ref().and_then(|e| m.get(e)).cloned().filter(|s| !s.is_empty()) })
    };

    let mut questions: Vec<Question> = parents.into_values().collect();
    for q in &mut questions {
        q.texts = texts_of(&q.qid);
    }
    questions.sort_by_key(|q| (q.gorder, q.order, q.line));

    // ids: the recorded lomonitor id, else the code by rule
    let metas: HashMap<String, ItemMeta> = questions
        .iter()
        .filter_map(|q| {
            attr(&q.qid, "lomonitor").and_then(|s| serde_json::from_str(&s).ok()).map(|m| (q.qid.clone(), m))
        })
        .collect();
    let mut id_of_code: HashMap<String, String> = HashMap::new();
    for q in &questions {
        let id = metas.get(&q.qid).map_or_else(|| codes::id_from_code(&q.code), |m| m.id.clone());
        id_of_code.insert(q.code.clone(), id);
    }

    let mut items: Vec<Item> = Vec::new();
    let mut coded_answers: HashMap<String, HashMap<String, i32>> = HashMap::new();
    for q in &questions {
        let meta = metas.get(&q.qid);
        let id = id_of_code.get(&q.code).cloned().unwrap_or_default();
        let hidden = attr(&q.qid, "hidden").is_some_and(|v| v == "1");
        if hidden {
            unmapped.push(Unmapped {
                code: q.code.clone(),
                kind: q.ty.clone(),
                reason: "hidden question (attribute hidden = 1): kept as an item, it is not shown to respondents"
                    .into(),
            });
        }
        let text = pick(&q.texts, "question");
        let answer_list = answers.get(&q.qid).map(Vec::as_slice).unwrap_or_default();
        let sub_list = subs.get(&q.qid).map(Vec::as_slice).unwrap_or_default();
        let missing_codes: Vec<i32> = meta.map(|m| m.missing.iter().map(|c| c.code).collect()).unwrap_or_default();
        let mut code_map: HashMap<String, i32> = HashMap::new();
        let mut to_options = |list: &[Entry], key: &str, code_map: &mut HashMap<String, i32>| -> Vec<AnswerOption> {
            let mut used: Vec<i32> = Vec::new();
            let mut out = Vec::new();
            for (scale, _, c, texts) in list {
                if *scale != 0 {
                    continue;
                }
                let mut n = codes::code_from_platform(c).unwrap_or(0);
                if used.contains(&n) || codes::code_from_platform(c).is_none() {
                    let fresh = used.iter().copied().max().unwrap_or(0).max(0) + 1;
                    unmapped.push(Unmapped {
                        code: format!("{}[{c}]", q.code),
                        kind: q.ty.clone(),
                        reason: format!("answer code {c:?} carries no distinct number; given code {fresh}"),
                    });
                    n = fresh;
                }
                used.push(n);
                code_map.insert(c.clone(), n);
                out.push(AnswerOption { code: n, label: pick(texts, key) });
            }
            out
        };
        let kind_name = meta.map_or("", |m| m.kind.as_str());
        let other_label = |default_code: i32| -> AnswerOption {
            AnswerOption {
                code: default_code,
                label: attr_text(&q.qid, "other_replace_text")
                    .unwrap_or_else(|| Text { nl: "anders, namelijk".into(), en: Some("other, namely".into()) }),
            }
        };
        let place_other = |options: &mut Vec<AnswerOption>| -> Option<i32> {
            if !q.other {
                return None;
            }
            let (code, at) = meta
                .and_then(|m| m.other)
                .unwrap_or_else(|| (options.iter().map(|o| o.code).max().unwrap_or(0) + 1, options.len()));
            options.insert(at.min(options.len()), other_label(code));
            Some(code)
        };
        let split_missing = |options: Vec<AnswerOption>| -> Vec<AnswerOption> {
            options.into_iter().filter(|o| !missing_codes.contains(&o.code)).collect()
        };
        let kind = match q.ty.as_str() {
            "L" | "!" | "O" | "Y" | "G" | "5" => {
                let mut options = match q.ty.as_str() {
                    "Y" => vec![
                        AnswerOption { code: 1, label: Text { nl: "ja".into(), en: Some("yes".into()) } },
                        AnswerOption { code: 2, label: Text { nl: "nee".into(), en: Some("no".into()) } },
                    ],
                    "G" => vec![
                        AnswerOption { code: 1, label: Text { nl: "vrouw".into(), en: Some("female".into()) } },
                        AnswerOption { code: 2, label: Text { nl: "man".into(), en: Some("male".into()) } },
                    ],
                    "5" => (1..=5).map(|c| AnswerOption { code: c, label: Text::nl(c.to_string()) }).collect(),
                    _ => split_missing(to_options(answer_list, "answer", &mut code_map)),
                };
                if q.ty == "Y" {
                    code_map.extend([("Y".to_owned(), 1), ("N".to_owned(), 2)]);
                    unmapped.push(Unmapped {
                        code: q.code.clone(),
                        kind: q.ty.clone(),
                        reason: "yes/no question: read as single choice 1 = ja (Y), 2 = nee (N)".into(),
                    });
                }
                if q.ty == "G" {
                    code_map.extend([("F".to_owned(), 1), ("M".to_owned(), 2)]);
                    unmapped.push(Unmapped {
                        code: q.code.clone(),
                        kind: q.ty.clone(),
                        reason: "gender question: read as single choice 1 = vrouw (F), 2 = man (M)".into(),
                    });
                }
                if q.ty == "O" {
                    unmapped.push(Unmapped {
                        code: q.code.clone(),
                        kind: q.ty.clone(),
                        reason: "list with comment: the comment field has no item".into(),
                    });
                }
                if kind_name == "likert" {
                    let labels = options.iter().map(|o| o.label.clone()).collect::<Vec<_>>();
                    ItemKind::Likert { points: u8::try_from(labels.len()).unwrap_or(u8::MAX), labels }
                } else {
                    let other = place_other(&mut options);
                    ItemKind::Single { options, other }
                }
            }
            "M" | "P" => {
                let mut options = to_options(sub_list, "question", &mut code_map);
                let exclusive = attr(&q.qid, "exclude_all_others")
                    .map(|s| s.split(';').filter_map(|c| code_map.get(c.trim()).copied()).collect())
                    .unwrap_or_default();
                if q.ty == "P" {
                    unmapped.push(Unmapped {
                        code: q.code.clone(),
                        kind: q.ty.clone(),
                        reason: "multiple choice with comments: the comment fields have no item".into(),
                    });
                }
                let other = place_other(&mut options);
                ItemKind::Multiple { options, other, exclusive }
            }
            "N" => ItemKind::Numeric {
                unit: meta.and_then(|m| m.unit.clone()).or_else(|| attr(&q.qid, "suffix")),
                min: attr(&q.qid, "min_num_value_n").and_then(|v| v.parse().ok()),
                max: attr(&q.qid, "max_num_value_n").and_then(|v| v.parse().ok()),
                integer: attr(&q.qid, "num_value_int_only").is_some_and(|v| v == "1"),
            },
            "R" => {
                // ranking: options are answers (LimeSurvey 3-5) or subquestions (6, native ranking)
                let options = if answer_list.is_empty() {
                    to_options(sub_list, "question", &mut code_map)
                } else {
                    to_options(answer_list, "answer", &mut code_map)
                };
                let top = attr(&q.qid, "max_subquestions")
                    .or_else(|| attr(&q.qid, "max_answers"))
                    .and_then(|v| v.parse::<u8>().ok())
                    .unwrap_or_else(|| u8::try_from(options.len()).unwrap_or(u8::MAX));
                ItemKind::Ranking { options, top }
            }
            "S" | "T" | "U" => ItemKind::Open,
            "F" | "A" | "B" | "C" | "E" | "H" | "1" => {
                // an array: one item per subquestion (single choice over the answers, Likert when
                // the answers are the points of a 5-point array)
                let options: Vec<AnswerOption> = match q.ty.as_str() {
                    "A" => (1..=5).map(|c| AnswerOption { code: c, label: Text::nl(c.to_string()) }).collect(),
                    "B" => (1..=10).map(|c| AnswerOption { code: c, label: Text::nl(c.to_string()) }).collect(),
                    "C" => vec![
                        AnswerOption { code: 1, label: Text { nl: "ja".into(), en: Some("yes".into()) } },
                        AnswerOption { code: 2, label: Text { nl: "onzeker".into(), en: Some("uncertain".into()) } },
                        AnswerOption { code: 3, label: Text { nl: "nee".into(), en: Some("no".into()) } },
                    ],
                    "E" => vec![
                        AnswerOption { code: 1, label: Text { nl: "meer".into(), en: Some("increase".into()) } },
                        AnswerOption { code: 2, label: Text { nl: "gelijk".into(), en: Some("same".into()) } },
                        AnswerOption { code: 3, label: Text { nl: "minder".into(), en: Some("decrease".into()) } },
                    ],
                    _ => to_options(answer_list, "answer", &mut code_map),
                };
                if q.ty == "1" {
                    unmapped.push(Unmapped {
                        code: q.code.clone(),
                        kind: q.ty.clone(),
                        reason: "dual-scale array: only the first scale is read".into(),
                    });
                }
                let subs_here = sub_list.iter().filter(|(s, _, _, _)| *s == 0);
                let mut n = 0;
                for (_, _, sc, t) in subs_here {
                    let sub_id = codes::id_from_code(&format!("{}{}", q.code, capitalise(sc)));
                    items.push(Item {
                        id: sub_id,
                        text: pick(t, "question"),
                        label: None,
                        kind: ItemKind::Single { options: options.clone(), other: None },
                        required: q.mandatory,
                        show_if: None,
                        reverse: false,
                        missing: Vec::new(),
                    });
                    n += 1;
                }
                unmapped.push(Unmapped {
                    code: q.code.clone(),
                    kind: q.ty.clone(),
                    reason: format!("array question read as {n} single-choice items, one per subquestion (the array's text {:?} and relevance are not kept)", text.nl),
                });
                continue;
            }
            other => {
                let reason = match other {
                    "|" => "file upload: no lomonitor item kind",
                    "*" => "equation: computed by the platform, not asked",
                    "X" => "text display: not a question",
                    "D" => "date: no lomonitor item kind",
                    "K" | "Q" | ";" | ":" => "multiple numeric/text or array of texts/numbers: no lomonitor item kind",
                    "I" => "language switch: not a question",
                    _ => "unknown question type",
                };
                unmapped.push(Unmapped { code: q.code.clone(), kind: q.ty.clone(), reason: reason.into() });
                continue;
            }
        };
        let missing = meta.map(|m| m.missing.clone()).unwrap_or_default();
        for m in &missing {
            code_map.insert(codes::answer_code(m.code), m.code);
        }
        coded_answers.insert(id.clone(), code_map);
        items.push(Item {
            id,
            text,
            label: meta.and_then(|m| m.label.clone()),
            kind,
            required: q.mandatory,
            show_if: None,
            reverse: meta.is_some_and(|m| m.reverse),
            missing,
        });
        // relevance, once the item exists
        let rel = q.relevance.trim();
        if !rel.is_empty() && rel != "1" {
            match parse_relevance(rel, &id_of_code, &coded_answers) {
                Some(c) => {
                    if let Some(last) = items.last_mut() {
                        last.show_if = Some(c);
                    }
                }
                None => unmapped.push(Unmapped {
                    code: q.code.clone(),
                    kind: q.ty.clone(),
                    reason: format!("relevance equation {rel:?} has no show_if form: the item is shown always"),
                }),
            }
        }
    }
    if items.is_empty() && questions.is_empty() {
        return Err(Error::Definition {
            location: Location { file: file.map(Path::to_path_buf), line: None, column: None },
            message: "the survey has no questions".into(),
        });
    }
    for (_, r) in lss.rows("groups") {
        let rel = get(r, "grelevance");
        if !rel.is_empty() && rel != "1" {
            unmapped.push(Unmapped {
                code: format!("group {}", get(r, "gid")),
                kind: "group".into(),
                reason: format!("group relevance {rel:?}: not applied to its items"),
            });
        }
    }
    unmapped.dedup();

    let meta: Option<SurveyMeta> = lss.scalars.get("lomonitor").and_then(|s| serde_json::from_str(s).ok());
    let title = lss
        .rows("surveys_languagesettings")
        .iter()
        .map(|(_, r)| (get(r, "surveyls_language").to_owned(), r.clone()))
        .collect::<HashMap<_, _>>();
    let sid = lss.rows("surveys").first().map(|(_, r)| get(r, "sid").to_owned()).unwrap_or_default();
    let q = Questionnaire::from_parts(
        meta.as_ref().map_or_else(|| format!("limesurvey-{sid}"), |m| m.id.clone()),
        meta.as_ref().map_or_else(|| "1.0".to_owned(), |m| m.version.clone()),
        pick(&title, "surveyls_title"),
        items,
        meta.as_ref().map(|m| m.scales.clone()).unwrap_or_default(),
        meta.map(|m| m.missing).unwrap_or_default(),
    );
    Ok((q, unmapped))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c.flat_map(char::to_lowercase)).collect()).unwrap_or_default()
}

// ------------------------------------------------------------------------------------------
// relevance equations back to show_if

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Num(f64),
    Op(Op),
    Not,
    And,
    Or,
    Open,
    Close,
}

/// The longest relevance equation read (longer ones are listed as unmapped).
const MAX_EQUATION: usize = 8192;
/// The deepest nesting of parentheses and `!` read.
const MAX_NESTING: usize = 64;

fn tokenize_em(s: &str) -> Option<Vec<Tok>> {
    if s.len() > MAX_EQUATION {
        return None;
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        match c {
            ' ' | '\t' | '\n' | '\r' => i += 1,
            '(' => {
                out.push(Tok::Open);
                i += 1;
            }
            ')' => {
                out.push(Tok::Close);
                i += 1;
            }
            '!' if next == Some('=') => {
                out.push(Tok::Op(Op::Ne));
                i += 2;
            }
            '!' => {
                out.push(Tok::Not);
                i += 1;
            }
            '=' if next == Some('=') => {
                out.push(Tok::Op(Op::Eq));
                i += 2;
            }
            '<' | '>' => {
                let eq = next == Some('=');
                out.push(Tok::Op(match (c, eq) {
                    ('<', true) => Op::Le,
                    ('<', false) => Op::Lt,
                    (_, true) => Op::Ge,
                    _ => Op::Gt,
                }));
                i += if eq { 2 } else { 1 };
            }
            '&' if next == Some('&') => {
                out.push(Tok::And);
                i += 2;
            }
            '|' if next == Some('|') => {
                out.push(Tok::Or);
                i += 2;
            }
            '"' | '\'' => {
                let end = chars.iter().skip(i + 1).position(|&d| d == c)? + i + 1;
                out.push(Tok::Str(chars.get(i + 1..end)?.iter().collect()));
                i = end + 1;
            }
            d if d.is_ascii_digit() || d == '-' || d == '.' => {
                let start = i;
                i += 1;
                while chars.get(i).is_some_and(|d| d.is_ascii_digit() || *d == '.') {
                    i += 1;
                }
                out.push(Tok::Num(chars.get(start..i)?.iter().collect::<String>().parse().ok()?));
            }
            a if a.is_ascii_alphabetic() || a == '_' => {
                let start = i;
                while chars.get(i).is_some_and(|d| d.is_ascii_alphanumeric() || *d == '_' || *d == '.') {
                    i += 1;
                }
                let word: String = chars.get(start..i)?.iter().collect();
                out.push(match word.to_ascii_lowercase().as_str() {
                    "and" => Tok::And,
                    "or" => Tok::Or,
                    "eq" => Tok::Op(Op::Eq),
                    "ne" => Tok::Op(Op::Ne),
                    "lt" => Tok::Op(Op::Lt),
                    "le" => Tok::Op(Op::Le),
                    "gt" => Tok::Op(Op::Gt),
                    "ge" => Tok::Op(Op::Ge),
                    _ => Tok::Ident(word),
                });
            }
            _ => return None,
        }
    }
    Some(out)
}

/// A parsed part: a condition, or `!is_empty(item)` (which lomonitor's comparisons imply).
enum Part {
    Cond(Condition),
    Answered(String),
}

struct EmParser<'a> {
    toks: Vec<Tok>,
    pos: usize,
    depth: usize,
    ids: &'a HashMap<String, String>,
    answers: &'a HashMap<String, HashMap<String, i32>>,
}

impl EmParser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn or(&mut self) -> Option<Part> {
        let mut parts = vec![self.and()?];
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            parts.push(self.and()?);
        }
        if parts.len() == 1 {
            return parts.pop();
        }
        let conds: Vec<Condition> =
            parts.into_iter().map(|p| if let Part::Cond(c) = p { Some(c) } else { None }).collect::<Option<_>>()?;
        // `x == a or x == b` is `x in [a, b]`
        let first_item = match conds.first() {
            Some(Condition::Compare { item, op: Op::Eq, .. }) => Some(item.clone()),
            _ => None,
        };
        if let Some(item) = first_item {
            let values: Option<Vec<f64>> = conds
                .iter()
                .map(|c| match c {
                    Condition::Compare { item: i, op: Op::Eq, value } if *i == item => Some(*value),
                    _ => None,
                })
                .collect();
            if let Some(values) = values {
                return Some(Part::Cond(Condition::In { item, values }));
            }
        }
        Some(Part::Cond(Condition::Any(conds)))
    }

    fn and(&mut self) -> Option<Part> {
        let mut parts = vec![self.unary()?];
        while self.peek() == Some(&Tok::And) {
            self.pos += 1;
            parts.push(self.unary()?);
        }
        if parts.len() == 1 {
            return parts.pop();
        }
        let mut conds = Vec::new();
        let mut answered = Vec::new();
        for p in parts {
            match p {
                Part::Cond(c) => conds.push(c),
                Part::Answered(i) => answered.push(i),
            }
        }
        // `!is_empty(x)` is implied by any comparison on x in lomonitor's semantics
        if !answered.iter().all(|i| conds.iter().any(|c| c.items().contains(&i.as_str()))) {
            return None;
        }
        if conds.len() == 1 { conds.pop().map(Part::Cond) } else { Some(Part::Cond(Condition::All(conds))) }
    }

    fn unary(&mut self) -> Option<Part> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return None;
        }
        let out = match self.peek()? {
            Tok::Not => {
                self.pos += 1;
                if let Some(Tok::Ident(w)) = self.peek()
                    && w.eq_ignore_ascii_case("is_empty")
                {
                    self.pos += 1;
                    let item = self.is_empty_arg()?;
                    Some(Part::Answered(item))
                } else {
                    match self.unary()? {
                        Part::Cond(c) => Some(Part::Cond(Condition::Not(Box::new(c)))),
                        Part::Answered(_) => None,
                    }
                }
            }
            Tok::Open => {
                self.pos += 1;
                let inner = self.or()?;
                (self.next()? == Tok::Close).then_some(inner)
            }
            _ => self.compare().map(Part::Cond),
        };
        self.depth -= 1;
        out
    }

    fn is_empty_arg(&mut self) -> Option<String> {
        if self.next()? != Tok::Open {
            return None;
        }
        let Tok::Ident(code) = self.next()? else { return None };
        if self.next()? != Tok::Close {
            return None;
        }
        self.ids.get(strip_suffix(&code)).cloned()
    }

    fn compare(&mut self) -> Option<Condition> {
        let Tok::Ident(name) = self.next()? else { return None };
        let Tok::Op(op) = self.next()? else { return None };
        let value = self.next()?;
        let name = strip_suffix(&name);
        if let Some(id) = self.ids.get(name) {
            let v = match value {
                Tok::Num(n) => n,
                Tok::Str(s) => match self.answers.get(id).and_then(|m| m.get(&s)) {
                    Some(c) => f64::from(*c),
                    None => s.parse().ok()?,
                },
                _ => return None,
            };
            return Some(Condition::Compare { item: id.clone(), op, value: v });
        }
        // `Q2_SQ001 == "Y"`: option SQ001 of multiple-choice Q2 chosen
        let (code, sub) = name.rsplit_once('_')?;
        let id = self.ids.get(code)?;
        let c = self.answers.get(id).and_then(|m| m.get(sub)).copied().or_else(|| codes::code_from_platform(sub))?;
        match (op, value) {
            (Op::Eq, Tok::Str(y)) if y == "Y" => Some(Condition::Has { item: id.clone(), code: f64::from(c) }),
            (Op::Ne, Tok::Str(y)) if y == "Y" => {
                Some(Condition::Not(Box::new(Condition::Has { item: id.clone(), code: f64::from(c) })))
            }
            _ => None,
        }
    }
}

fn strip_suffix(name: &str) -> &str {
    name.strip_suffix(".NAOK").or_else(|| name.strip_suffix(".code")).unwrap_or(name)
}

/// A relevance equation as a `show_if` condition, when it is one of the forms `to_limesurvey`
/// writes (comparisons, `!is_empty`, `and`, `or`, `!`, parentheses); `None` otherwise.
fn parse_relevance(
    rel: &str,
    ids: &HashMap<String, String>,
    answers: &HashMap<String, HashMap<String, i32>>,
) -> Option<Condition> {
    let toks = tokenize_em(rel)?;
    let mut p = EmParser { toks, pos: 0, depth: 0, ids, answers };
    let part = p.or()?;
    if p.pos != p.toks.len() {
        return None;
    }
    match part {
        Part::Cond(c) => Some(c),
        Part::Answered(_) => None,
    }
}
