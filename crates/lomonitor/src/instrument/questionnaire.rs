//! The questionnaire: items, scales, missing codes, routing; read from TOML or JSON.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Location, Result};
use crate::instrument::{AnswerOption, Condition, Item, ItemKind, MissingCode, Text};

/// A named group of Likert items measured on the same points, e.g. "leerklimaat".
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Scale {
    /// The id, e.g. `learning_climate`.
    pub id: String,
    /// The label.
    pub label: Text,
    /// The item ids, in order.
    pub items: Vec<String>,
}

/// A questionnaire: an id and version (a response set is bound to one version), items in order,
/// scales, and the user-missing codes of the whole instrument.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Questionnaire {
    /// The id, e.g. `lo-gemeenten`.
    pub id: String,
    /// The version, e.g. `1.0`.
    pub version: String,
    /// The title.
    pub title: Text,
    /// The items, in the order asked.
    pub items: Vec<Item>,
    /// The scales.
    pub scales: Vec<Scale>,
    /// The instrument-wide user-missing codes.
    pub missing: Vec<MissingCode>,
    #[serde(skip)]
    index: HashMap<String, usize>,
}

// ---- the definition file, as written ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    instrument: RawHeader,
    #[serde(default)]
    missing: Vec<RawMissing>,
    #[serde(default)]
    items: Vec<RawItem>,
    #[serde(default)]
    scales: Vec<RawScale>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    id: String,
    version: String,
    title: String,
    #[serde(default)]
    title_en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMissing {
    code: i32,
    label: String,
    #[serde(default)]
    label_en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    code: i32,
    label: String,
    #[serde(default)]
    label_en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: String,
    kind: String,
    text: String,
    #[serde(default)]
    text_en: Option<String>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    label_en: Option<String>,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    show_if: Option<String>,
    #[serde(default)]
    reverse: bool,
    #[serde(default)]
    options: Vec<RawOption>,
    #[serde(default)]
    other: Option<i32>,
    #[serde(default)]
    exclusive: Vec<i32>,
    #[serde(default)]
    points: Option<u8>,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    labels_en: Vec<String>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    min: Option<f64>,
    #[serde(default)]
    max: Option<f64>,
    #[serde(default)]
    integer: bool,
    #[serde(default)]
    top: Option<u8>,
    /// Item-specific missing codes, in addition to the instrument's.
    #[serde(default)]
    missing: Vec<RawMissing>,
    /// Set to false to not apply the instrument-wide missing codes to this item.
    #[serde(default = "yes")]
    instrument_missing: bool,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    id: String,
    label: String,
    #[serde(default)]
    label_en: Option<String>,
    items: Vec<String>,
}

fn text(nl: String, en: Option<String>) -> Text {
    Text { nl, en }
}

impl Questionnaire {
    /// Read a questionnaire from a `.toml` or `.json` file.
    ///
    /// # Errors
    /// [`Error::Io`]; [`Error::Definition`] naming the file, line and item for a parse error or a
    /// definition that does not hold together (see [`Questionnaire::from_toml_str`]).
    pub fn load(path: &Path) -> Result<Questionnaire> {
        let (text, json) = super::definition::read(path)?;
        if json { Self::from_json_str(&text, Some(path)) } else { Self::from_toml_str(&text, Some(path)) }
    }

    /// Parse TOML text (see `docs/instrument-format.md`).
    ///
    /// # Errors
    /// [`Error::Definition`]: unknown keys, unknown kinds, duplicate ids or codes, a missing code
    /// that clashes with an option code, a routing condition that does not parse or refers to an
    /// item that is not asked earlier, a scale with non-Likert items or items of different points,
    /// an item whose response column (see [`crate::instrument::columns::column_names`]) is also another
    /// item's or a respondent column (`instrumenten_1` beside a multiple-choice `instrumenten`).
    pub fn from_toml_str(text: &str, file: Option<&Path>) -> Result<Questionnaire> {
        Self::from_raw(super::definition::from_toml(text, file)?, text, file)
    }

    /// Parse JSON text with the same structure as the TOML format.
    ///
    /// # Errors
    /// As [`Questionnaire::from_toml_str`].
    pub fn from_json_str(text: &str, file: Option<&Path>) -> Result<Questionnaire> {
        Self::from_raw(super::definition::from_json(text, file)?, text, file)
    }

    fn from_raw(raw: RawFile, source: &str, file: Option<&Path>) -> Result<Questionnaire> {
        // Errors about an item point at the line of its id.
        let at = |id: &str, key: &str, message: String| Error::Definition {
            location: Location {
                file: file.map(Path::to_path_buf),
                line: find_line(source, id),
                column: Some(format!("{id}.{key}")).filter(|_| !id.is_empty()),
            },
            message,
        };
        let missing: Vec<MissingCode> =
            raw.missing.into_iter().map(|m| MissingCode { code: m.code, label: text(m.label, m.label_en) }).collect();
        let mut seen = HashSet::new();
        for m in &missing {
            if !seen.insert(m.code) {
                return Err(at("", "missing", format!("instrument missing code {} is declared twice", m.code)));
            }
        }

        let mut items: Vec<Item> = Vec::with_capacity(raw.items.len());
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut columns: HashMap<String, String> =
            crate::instrument::columns::META_COLUMNS.iter().map(|c| ((*c).to_owned(), String::new())).collect();
        for r in raw.items {
            let id = r.id.clone();
            if !valid_id(&id) {
                return Err(at(
                    &id,
                    "id",
                    format!("item id {id:?}: use letters, digits and '_', starting with a letter"),
                ));
            }
            if index.contains_key(&id) {
                return Err(at(&id, "id", format!("item id {id:?} occurs twice")));
            }
            let options: Vec<AnswerOption> = r
                .options
                .into_iter()
                .map(|o| AnswerOption { code: o.code, label: text(o.label, o.label_en) })
                .collect();
            let mut codes = HashSet::new();
            for o in &options {
                if !codes.insert(o.code) {
                    return Err(at(&id, "options", format!("option code {} occurs twice", o.code)));
                }
            }
            let need_options = |what: &str| {
                if options.is_empty() {
                    Err(at(&id, "options", format!("a {what} item needs options")))
                } else {
                    Ok(())
                }
            };
            let check_code = |code: Option<i32>, key: &str| match code {
                Some(c) if !codes.contains(&c) => {
                    Err(at(&id, key, format!("{key} = {c} is not one of the option codes")))
                }
                _ => Ok(()),
            };
            let kind = match r.kind.as_str() {
                "single" => {
                    need_options("single")?;
                    check_code(r.other, "other")?;
                    ItemKind::Single { options, other: r.other }
                }
                "multiple" => {
                    need_options("multiple")?;
                    check_code(r.other, "other")?;
                    for &e in &r.exclusive {
                        check_code(Some(e), "exclusive")?;
                    }
                    ItemKind::Multiple { options, other: r.other, exclusive: r.exclusive }
                }
                "likert" => {
                    let points = r.points.ok_or_else(|| at(&id, "points", "a likert item needs points".into()))?;
                    if !(2..=11).contains(&points) {
                        return Err(at(&id, "points", format!("points = {points}: use 2 to 11")));
                    }
                    if r.labels.len() != usize::from(points) {
                        return Err(at(&id, "labels", format!("{} labels for {points} points", r.labels.len())));
                    }
                    if !r.labels_en.is_empty() && r.labels_en.len() != r.labels.len() {
                        return Err(at(
                            &id,
                            "labels_en",
                            format!("{} English labels for {points} points", r.labels_en.len()),
                        ));
                    }
                    let mut en = r.labels_en.into_iter();
                    let labels = r.labels.into_iter().map(|nl| Text { nl, en: en.next() }).collect();
                    ItemKind::Likert { points, labels }
                }
                "numeric" => {
                    for (key, bound) in [("min", r.min), ("max", r.max)] {
                        if let Some(b) = bound.filter(|b| !b.is_finite()) {
                            return Err(at(&id, key, format!("{key} = {b} is not a finite number")));
                        }
                    }
                    if let (Some(lo), Some(hi)) = (r.min, r.max)
                        && lo > hi
                    {
                        return Err(at(&id, "min", format!("min {lo} is larger than max {hi}")));
                    }
                    ItemKind::Numeric { unit: r.unit, min: r.min, max: r.max, integer: r.integer }
                }
                "ranking" => {
                    need_options("ranking")?;
                    let top =
                        r.top.ok_or_else(|| at(&id, "top", "a ranking item needs top (how many to rank)".into()))?;
                    if top == 0 || usize::from(top) > options.len() {
                        return Err(at(&id, "top", format!("top = {top} with {} options", options.len())));
                    }
                    ItemKind::Ranking { options, top }
                }
                "open" => ItemKind::Open,
                other => {
                    return Err(at(
                        &id,
                        "kind",
                        format!("unknown kind {other:?}: expected single, multiple, likert, numeric, ranking or open"),
                    ));
                }
            };
            if r.reverse && !matches!(kind, ItemKind::Likert { .. }) {
                return Err(at(&id, "reverse", "only likert items can be reverse-keyed".into()));
            }
            let show_if = match r.show_if.as_deref() {
                None => None,
                Some(expr) => {
                    let c = Condition::parse(expr).map_err(|m| {
                        // A hostile expression can be 20 KB long: quote its start only.
                        let shown: String = expr.chars().take(80).collect();
                        let more = if shown.len() < expr.len() { "..." } else { "" };
                        at(&id, "show_if", format!("{shown:?}{more}: {m}"))
                    })?;
                    for dep in c.items() {
                        if !index.contains_key(dep) {
                            return Err(at(
                                &id,
                                "show_if",
                                format!("the condition refers to {dep:?}, which is not an item asked before {id:?}"),
                            ));
                        }
                    }
                    Some(c)
                }
            };
            let mut item_missing = if r.instrument_missing { missing.clone() } else { Vec::new() };
            for m in r.missing {
                if item_missing.iter().any(|x| x.code == m.code) {
                    return Err(at(&id, "missing", format!("missing code {} is declared twice", m.code)));
                }
                item_missing.push(MissingCode { code: m.code, label: text(m.label, m.label_en) });
            }
            let item = Item {
                id: id.clone(),
                text: text(r.text, r.text_en),
                label: r.label.map(|l| text(l, r.label_en)),
                kind,
                required: r.required,
                show_if,
                reverse: r.reverse,
                missing: if matches!(r.kind.as_str(), "open") { Vec::new() } else { item_missing },
            };
            for m in &item.missing {
                if item.options().iter().any(|o| o.code == m.code) {
                    return Err(at(&id, "missing", format!("missing code {} is also an option code", m.code)));
                }
            }
            if item.n_levels() > usize::from(u8::MAX) {
                return Err(at(&id, "options", "more than 253 options and missing codes".into()));
            }
            // Every column of the item in lomonitor's response layout must be its own: an item
            // `instrumenten_1` next to the options of `instrumenten`, or an item `status`,
            // would give the export two columns of one name, which no import can read back.
            for column in crate::instrument::columns::item_columns(&item) {
                if let Some(owner) = columns.insert(column.clone(), id.clone()) {
                    let whose =
                        if owner.is_empty() { "a respondent column".to_owned() } else { format!("item {owner:?}") };
                    return Err(at(
                        &id,
                        "id",
                        format!("the response column {column:?} of item {id:?} is also {whose}: rename one of them"),
                    ));
                }
            }
            index.insert(id, items.len());
            items.push(item);
        }

        let mut scales = Vec::with_capacity(raw.scales.len());
        let mut scale_ids = HashSet::new();
        for s in raw.scales {
            if !scale_ids.insert(s.id.clone()) {
                return Err(at(&s.id, "id", format!("scale id {:?} occurs twice", s.id)));
            }
            if s.items.len() < 2 {
                return Err(at(&s.id, "items", "a scale needs at least two items".into()));
            }
            let mut points = None;
            for it in &s.items {
                let item = index
                    .get(it)
                    .and_then(|&i| items.get(i))
                    .ok_or_else(|| at(&s.id, "items", format!("unknown item {it:?}")))?;
                match item.kind {
                    ItemKind::Likert { points: p, .. } => {
                        if points.is_some_and(|q| q != p) {
                            return Err(at(
                                &s.id,
                                "items",
                                format!("item {it:?} has {p} points, the others {}", points.unwrap_or(0)),
                            ));
                        }
                        points = Some(p);
                    }
                    _ => return Err(at(&s.id, "items", format!("item {it:?} is not a likert item"))),
                }
            }
            scales.push(Scale { id: s.id, label: text(s.label, s.label_en), items: s.items });
        }
        Ok(Questionnaire {
            id: raw.instrument.id,
            version: raw.instrument.version,
            title: text(raw.instrument.title, raw.instrument.title_en),
            items,
            scales,
            missing,
            index,
        })
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.index.get(id).and_then(|&i| self.items.get(i))
    }

    /// The position of an item.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The scale with this id.
    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().find(|s| s.id == id)
    }

    /// A questionnaire from its parts, unchecked (a draft read from a survey platform).
    #[cfg(feature = "platforms")]
    pub(crate) fn from_parts(
        id: String,
        version: String,
        title: Text,
        items: Vec<Item>,
        scales: Vec<Scale>,
        missing: Vec<MissingCode>,
    ) -> Questionnaire {
        Questionnaire { id, version, title, items, scales, missing, index: HashMap::new() }.reindexed()
    }

    /// Rebuild the id index after deserializing with serde.
    #[must_use]
    pub fn reindexed(mut self) -> Self {
        self.index = self.items.iter().enumerate().map(|(i, it)| (it.id.clone(), i)).collect();
        self
    }
}

fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && id.len() <= 64
}

/// The line of the first `"id"` (quoted) in the source.
fn find_line(source: &str, id: &str) -> Option<u64> {
    if id.is_empty() {
        return None;
    }
    let needle = format!("\"{id}\"");
    source.find(&needle).map(|off| crate::io::line_of(source, off))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"
[instrument]
id = "t"
version = "1"
title = "Test"

[[missing]]
code = 97
label = "weet niet"

[[items]]
id = "q1"
kind = "single"
text = "Beleid?"
options = [{ code = 1, label = "ja" }, { code = 2, label = "nee" }]

[[items]]
id = "q2"
kind = "likert"
text = "Stelling"
points = 5
labels = ["1", "2", "3", "4", "5"]
show_if = "q1 == 1"
"#;

    #[test]
    fn levels_and_missing() {
        let q = Questionnaire::from_toml_str(BASE, None).unwrap();
        let q1 = q.item("q1").unwrap();
        assert_eq!(q1.n_levels(), 2 + 2 + 1);
        assert_eq!(q1.level_of(1), Some(2));
        assert_eq!(q1.level_of(97), Some(4));
        assert_eq!(q1.code_of(4), Some(97));
        assert_eq!(q1.code_of(1), None);
        assert_eq!(q1.level_of(3), None);
        assert!(q.item("q2").unwrap().show_if.is_some());
    }

    #[test]
    fn definition_errors_name_item_and_line() {
        let cases = [
            (BASE.replace("show_if = \"q1 == 1\"", "show_if = \"q3 == 1\""), "q2.show_if", "q3"),
            (BASE.replace("points = 5", "points = 4"), "q2.labels", "4 points"),
            (BASE.replace("code = 2, label = \"nee\"", "code = 1, label = \"nee\""), "q1.options", "twice"),
            (BASE.replace("kind = \"single\"", "kind = \"choice\""), "q1.kind", "choice"),
            (BASE.replace("code = 97", "code = 2"), "q1.missing", "also an option"),
        ];
        for (text, column, needle) in cases {
            let e = Questionnaire::from_toml_str(&text, Some(Path::new("q.toml"))).unwrap_err();
            let loc = e.location().unwrap();
            assert_eq!(loc.column.as_deref(), Some(column), "{e}");
            assert!(loc.line.is_some(), "{e}");
            assert!(e.to_string().contains(needle), "{e}");
        }
        let e = Questionnaire::from_toml_str(&BASE.replace("title = \"Test\"", "titel = \"Test\""), None).unwrap_err();
        assert_eq!(e.location().unwrap().line, Some(5));
    }

    #[test]
    fn json_is_accepted() {
        let json = r#"{"instrument": {"id": "t", "version": "1", "title": "T"},
            "items": [{"id": "q1", "kind": "numeric", "text": "Budget", "min": 0, "max": 10}]}"#;
        let q = Questionnaire::from_json_str(json, None).unwrap();
        assert_eq!(q.items.len(), 1);
        let e = Questionnaire::from_json_str("{\n\"instrument\": 3}", Some(Path::new("q.json"))).unwrap_err();
        assert_eq!(e.location().unwrap().line, Some(2));
    }
}
