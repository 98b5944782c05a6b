//! The data dictionary that every export of a response set shares: what each column of the wide
//! CSV holds ([`ColumnRole`]) with its frequency counts ([`summarize`]), the routing conditions in
//! words, the groups of variables (multiple response, ranking, scales) and the codes the SPSS
//! syntax gives to "not asked" and "unanswered" ([`SpecialCodes`]). The codebook, DDI and SPSS
//! writers read it; none of them imports another.

use crate::error::Result;
use crate::instrument::{Condition, Item, ItemKind, NOT_ASKED, Questionnaire, Text, UNANSWERED};
use crate::meta::Language;
use crate::responses::{ANSWERED, CsvStyle, ItemData, MISSING_BASE, ResponseSet, column_names};
/// What one column of the wide CSV holds.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "role")]
pub enum ColumnRole {
    /// Respondent metadata: id, unit, status, timestamps, instrument version.
    Meta,
    /// The code of a single-choice or Likert answer.
    Code,
    /// Whether one option of a multiple-choice item was selected (0/1).
    Selected {
        /// The option's code.
        code: i32,
    },
    /// The rank given to one option of a ranking item (1 = first; empty = not ranked).
    Rank {
        /// The option's code.
        code: i32,
    },
    /// The missing code of a multiple-choice or ranking item as a whole (`<id>_missing`).
    ItemMissing,
    /// A number.
    Number,
    /// The text of an "anders, namelijk" option (`<id>_other`).
    OtherText,
    /// An open answer.
    Text,
}

impl ColumnRole {
    /// Whether the column holds free text (whose contents are never shown in a codebook).
    pub fn is_text(&self) -> bool {
        matches!(self, ColumnRole::OtherText | ColumnRole::Text)
    }
}

/// A labelled value of a column and how often it occurs.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ValueCount {
    /// The value written in the CSV.
    pub value: i32,
    /// Its label.
    pub label: Text,
    /// Whether it is a declared user-missing code ("weet niet").
    pub missing: bool,
    /// Number of cells holding it.
    pub count: usize,
}

/// One column of the wide CSV: what it holds and its frequency counts.
///
/// Every cell is counted once: `n_valid + n_missing + n_empty + n_not_asked` is the number of
/// responses.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ColumnSummary {
    /// The column name (the variable name).
    pub name: String,
    /// The item the column belongs to (`None` for metadata).
    pub item: Option<String>,
    /// What the column holds.
    pub role: ColumnRole,
    /// The label of the column: the item's short label, for option columns followed by the
    /// option's label.
    pub label: Text,
    /// Cells with a valid value: an option code, 0/1, a rank, a number, or a non-empty text.
    pub n_valid: usize,
    /// The labelled values (options, Likert points, 0/1, ranks, declared missing codes) with
    /// their counts, in code order of the instrument.
    pub values: Vec<ValueCount>,
    /// Cells with a declared missing code.
    pub n_missing: usize,
    /// Empty cells. For answers: seen but unanswered; for a rank: not ranked (or the item was
    /// unanswered); for `_missing`: no missing code; for texts: no text.
    pub n_empty: usize,
    /// Cells `NA`: the item was not asked (routing).
    pub n_not_asked: usize,
}

impl ColumnSummary {
    fn new(name: String, item: Option<&Item>, role: ColumnRole, label: Text) -> Self {
        ColumnSummary {
            name,
            item: item.map(|i| i.id.clone()),
            role,
            label,
            n_valid: 0,
            values: Vec::new(),
            n_missing: 0,
            n_empty: 0,
            n_not_asked: 0,
        }
    }

    fn with_values(mut self, values: Vec<(i32, Text, bool)>) -> Self {
        self.values =
            values.into_iter().map(|(value, label, missing)| ValueCount { value, label, missing, count: 0 }).collect();
        self
    }

    fn add_value(&mut self, value: i32) {
        if let Some(v) = self.values.iter_mut().find(|v| v.value == value) {
            v.count += 1;
            if v.missing {
                self.n_missing += 1;
            } else {
                self.n_valid += 1;
            }
        } else {
            self.n_valid += 1;
        }
    }

    /// The number of cells counted.
    pub fn n(&self) -> usize {
        self.n_valid + self.n_missing + self.n_empty + self.n_not_asked
    }
}

fn both(nl: impl Into<String>, en: impl Into<String>) -> Text {
    Text { nl: nl.into(), en: Some(en.into()) }
}

fn join_label(item: &Item, option: &Text) -> Text {
    let head = item.label.as_ref().unwrap_or(&item.text);
    let en = match (&head.en, &option.en) {
        (Some(h), Some(o)) => Some(format!("{h}: {o}")),
        _ => None,
    };
    Text { nl: format!("{}: {}", head.nl, option.nl), en }
}

fn short(item: &Item) -> Text {
    item.label.clone().unwrap_or_else(|| item.text.clone())
}

fn missing_values(item: &Item) -> Vec<(i32, Text, bool)> {
    item.missing.iter().map(|m| (m.code, m.label.clone(), true)).collect()
}

/// Describe every column of the wide CSV written by [`super::write_csv`], in order, with its
/// frequency counts from the response set.
///
/// # Errors
/// [`crate::Error::InvalidArgument`] when the set does not belong to `q`.
pub fn summarize(set: &ResponseSet, q: &Questionnaire) -> Result<Vec<ColumnSummary>> {
    set.check(q)?;
    let n = set.len();
    let mut out = Vec::with_capacity(column_names(q).len());
    let meta = [
        ("respondent_id", both("respondentnummer (pseudoniem)", "respondent id (pseudonymous)")),
        ("unit", both("gemeente (CBS-code) of werkorganisatie", "municipality (CBS code) or werkorganisatie")),
        ("status", both("status: complete of partial", "status: complete or partial")),
        ("started", both("begonnen op", "started at")),
        ("submitted", both("ingediend op", "submitted at")),
        ("instrument_version", both("versie van de vragenlijst", "questionnaire version")),
    ];
    for (name, label) in meta {
        let mut c = ColumnSummary::new(name.to_owned(), None, ColumnRole::Meta, label);
        for r in 0..n {
            let filled = match name {
                "respondent_id" => set.respondent_id.get(r).is_some_and(|s| !s.is_empty()),
                "unit" | "status" | "instrument_version" => true,
                "started" => set.started.get(r).is_some_and(Option::is_some),
                _ => set.submitted.get(r).is_some_and(Option::is_some),
            };
            if filled {
                c.n_valid += 1;
            } else {
                c.n_empty += 1;
            }
        }
        out.push(c);
    }
    for (item, data) in q.items.iter().zip(&set.items) {
        let options = item.options();
        let n_options = options.len();
        let state_at = |r: usize| data.state(r, n_options);
        let count_missing_col = |name: String| {
            let mut c = ColumnSummary::new(
                name,
                Some(item),
                ColumnRole::ItemMissing,
                join_label(item, &both("ontbrekend-code", "missing code")),
            )
            .with_values(missing_values(item));
            for r in 0..n {
                match state_at(r) {
                    NOT_ASKED => c.n_not_asked += 1,
                    ANSWERED | UNANSWERED => c.n_empty += 1,
                    s => match s.checked_sub(MISSING_BASE).and_then(|i| item.missing.get(usize::from(i))) {
                        Some(m) => c.add_value(m.code),
                        None => c.n_empty += 1,
                    },
                }
            }
            c
        };
        let count_text = |name: String, texts: &[String], role: ColumnRole, label: Text| {
            let mut c = ColumnSummary::new(name, Some(item), role, label);
            for r in 0..n {
                if texts.get(r).is_some_and(|t| !t.is_empty()) {
                    c.n_valid += 1;
                } else {
                    c.n_empty += 1;
                }
            }
            c
        };
        match data {
            ItemData::Coded { levels, other_text } => {
                let mut values: Vec<(i32, Text, bool)> =
                    options.iter().map(|o| (o.code, o.label.clone(), false)).collect();
                values.extend(missing_values(item));
                let mut c =
                    ColumnSummary::new(item.id.clone(), Some(item), ColumnRole::Code, short(item)).with_values(values);
                for r in 0..n {
                    match levels.get(r).copied().unwrap_or(NOT_ASKED) {
                        NOT_ASKED => c.n_not_asked += 1,
                        UNANSWERED => c.n_empty += 1,
                        l => match item.code_of(l) {
                            Some(code) => c.add_value(code),
                            None => c.n_empty += 1,
                        },
                    }
                }
                out.push(c);
                if let Some(t) = other_text {
                    out.push(count_text(
                        format!("{}_other", item.id),
                        t,
                        ColumnRole::OtherText,
                        join_label(item, &both("anders, namelijk", "other, namely")),
                    ));
                }
            }
            ItemData::Multiple { selected, other_text, .. } => {
                for (o, col) in options.iter().zip(selected) {
                    let mut c = ColumnSummary::new(
                        format!("{}_{}", item.id, o.code),
                        Some(item),
                        ColumnRole::Selected { code: o.code },
                        join_label(item, &o.label),
                    )
                    .with_values(vec![
                        (0, both("niet gekozen", "not selected"), false),
                        (1, both("gekozen", "selected"), false),
                    ]);
                    for r in 0..n {
                        match state_at(r) {
                            ANSWERED => c.add_value(i32::from(col.get(r).copied().unwrap_or(0))),
                            NOT_ASKED => c.n_not_asked += 1,
                            _ => c.n_empty += 1,
                        }
                    }
                    out.push(c);
                }
                if let Some(t) = other_text {
                    out.push(count_text(
                        format!("{}_other", item.id),
                        t,
                        ColumnRole::OtherText,
                        join_label(item, &both("anders, namelijk", "other, namely")),
                    ));
                }
                if !item.missing.is_empty() {
                    out.push(count_missing_col(format!("{}_missing", item.id)));
                }
            }
            ItemData::Numeric { .. } => {
                let mut c = ColumnSummary::new(item.id.clone(), Some(item), ColumnRole::Number, short(item))
                    .with_values(missing_values(item));
                for r in 0..n {
                    match state_at(r) {
                        ANSWERED => c.n_valid += 1,
                        NOT_ASKED => c.n_not_asked += 1,
                        UNANSWERED => c.n_empty += 1,
                        s => match s.checked_sub(MISSING_BASE).and_then(|i| item.missing.get(usize::from(i))) {
                            Some(m) => c.add_value(m.code),
                            None => c.n_empty += 1,
                        },
                    }
                }
                out.push(c);
            }
            ItemData::Ranking { ranks, .. } => {
                let top = match item.kind {
                    ItemKind::Ranking { top, .. } => top,
                    _ => 0,
                };
                for (o, col) in options.iter().zip(ranks) {
                    let values = (1..=top)
                        .map(|k| (i32::from(k), both(format!("rang {k}"), format!("rank {k}")), false))
                        .collect();
                    let mut c = ColumnSummary::new(
                        format!("{}_{}", item.id, o.code),
                        Some(item),
                        ColumnRole::Rank { code: o.code },
                        join_label(item, &o.label),
                    )
                    .with_values(values);
                    for r in 0..n {
                        match (state_at(r), col.get(r).copied().unwrap_or(0)) {
                            (ANSWERED, 0) => c.n_empty += 1,
                            (ANSWERED, k) => c.add_value(i32::from(k)),
                            (NOT_ASKED, _) => c.n_not_asked += 1,
                            _ => c.n_empty += 1,
                        }
                    }
                    out.push(c);
                }
                if !item.missing.is_empty() {
                    out.push(count_missing_col(format!("{}_missing", item.id)));
                }
            }
            ItemData::Open { text, .. } => {
                let mut c = ColumnSummary::new(item.id.clone(), Some(item), ColumnRole::Text, short(item))
                    .with_values(missing_values(item));
                for r in 0..n {
                    match state_at(r) {
                        ANSWERED if text.get(r).is_some_and(|t| !t.is_empty()) => c.n_valid += 1,
                        ANSWERED | UNANSWERED => c.n_empty += 1,
                        NOT_ASKED => c.n_not_asked += 1,
                        s => match s.checked_sub(MISSING_BASE).and_then(|i| item.missing.get(usize::from(i))) {
                            Some(m) => c.add_value(m.code),
                            None => c.n_empty += 1,
                        },
                    }
                }
                out.push(c);
            }
        }
    }
    Ok(out)
}

/// The routing condition in words, with option labels: `visie = 1 ("ja, vastgesteld")`.
pub fn condition_in_words(c: &Condition, q: &Questionnaire, lang: Language) -> String {
    let label_of = |item: &str, value: f64| -> Option<String> {
        let it = q.item(item)?;
        it.options()
            .into_iter()
            .chain(it.missing.iter().map(|m| crate::instrument::AnswerOption { code: m.code, label: m.label.clone() }))
            .find(|o| f64::from(o.code) == value)
            .map(|o| o.label.get(lang).to_owned())
    };
    let with_label = |item: &str, v: f64| match label_of(item, v) {
        Some(l) => format!("{v} (\"{l}\")"),
        None => v.to_string(),
    };
    let or = lang.tr("of", "or").to_owned();
    match c {
        Condition::Compare { item, op, value } => {
            let sym = match op {
                crate::instrument::Op::Eq => "=",
                crate::instrument::Op::Ne => "≠",
                crate::instrument::Op::Lt => "<",
                crate::instrument::Op::Le => "≤",
                crate::instrument::Op::Gt => ">",
                crate::instrument::Op::Ge => "≥",
            };
            format!("{item} {sym} {}", with_label(item, *value))
        }
        Condition::In { item, values } => {
            let vs: Vec<String> = values.iter().map(|v| with_label(item, *v)).collect();
            format!("{item} = {}", vs.join(&format!(" {or} ")))
        }
        Condition::Has { item, code } => {
            format!("{item}: {} {}", with_label(item, *code), lang.tr("aangekruist", "selected").to_owned())
        }
        Condition::All(cs) | Condition::Any(cs) => {
            let sep = if matches!(c, Condition::All(_)) { lang.tr("en", "and").to_owned() } else { or.clone() };
            let parts: Vec<String> = cs
                .iter()
                .map(|x| match x {
                    Condition::All(_) | Condition::Any(_) => format!("({})", condition_in_words(x, q, lang)),
                    _ => condition_in_words(x, q, lang),
                })
                .collect();
            parts.join(&format!(" {sep} "))
        }
        Condition::Not(x) => format!("{} ({})", lang.tr("niet", "not").to_owned(), condition_in_words(x, q, lang)),
    }
}

/// The delimiter, decimal separator and encoding of a CSV style, in words.
pub(crate) fn style_parts(style: CsvStyle) -> (char, char, &'static str) {
    match style {
        CsvStyle::Standard => (',', '.', "UTF-8"),
        CsvStyle::DutchExcel => (';', ',', "UTF-8 with BOM"),
    }
}

/// The kind of a group of variables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    /// The 0/1 columns of a multiple-choice item (a multiple-dichotomy set, counted value 1).
    MultipleResponse,
    /// The rank columns of a ranking item.
    Ranking,
    /// The Likert items of a scale.
    Scale,
}

/// Variables that form one question or one scale.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct VariableGroup {
    /// The item or scale id.
    pub id: String,
    /// The label.
    pub label: Text,
    /// What kind of group.
    pub kind: GroupKind,
    /// The column names, in order.
    pub variables: Vec<String>,
}

/// The multiple-response groups (one per multiple-choice item: its 0/1 option columns), ranking
/// groups and scales of a questionnaire.
pub fn groups(q: &Questionnaire) -> Vec<VariableGroup> {
    let mut out = Vec::new();
    for item in &q.items {
        let (kind, options) = match &item.kind {
            ItemKind::Multiple { options, .. } => (GroupKind::MultipleResponse, options),
            ItemKind::Ranking { options, .. } => (GroupKind::Ranking, options),
            _ => continue,
        };
        out.push(VariableGroup {
            id: item.id.clone(),
            label: short(item),
            kind,
            variables: options.iter().map(|o| format!("{}_{}", item.id, o.code)).collect(),
        });
    }
    for sc in &q.scales {
        out.push(VariableGroup {
            id: sc.id.clone(),
            label: sc.label.clone(),
            kind: GroupKind::Scale,
            variables: sc.items.clone(),
        });
    }
    out
}

/// The codes the SPSS syntax gives to `NA` (not asked) and to empty cells (seen but unanswered)
/// of an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SpecialCodes {
    /// The code of "niet gesteld" (not asked).
    pub not_asked: i32,
    /// The code of "niet beantwoord" (seen but unanswered).
    pub unanswered: i32,
}

/// What counts as a valid value of an item's main columns.
pub(crate) enum Valid {
    Codes(Vec<i32>),
    Interval { lo: f64, hi: f64, observed: Vec<f64> },
}

impl Valid {
    /// Whether a valid value lies in `[lo, hi]`.
    pub(crate) fn hits(&self, lo: f64, hi: f64) -> bool {
        match self {
            Valid::Codes(c) => c.iter().any(|&c| (lo..=hi).contains(&f64::from(c))),
            Valid::Interval { lo: a, hi: b, observed } => {
                (*a <= hi && lo <= *b) || observed.iter().any(|v| (lo..=hi).contains(v))
            }
        }
    }
}

/// A `MISSING VALUES` specification: up to three values, or one range and one value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct MissingSpec {
    pub(crate) range: Option<(i32, i32)>,
    pub(crate) values: Vec<i32>,
}

impl MissingSpec {
    pub(crate) fn fit(codes: &[i32], valid: &Valid) -> Option<MissingSpec> {
        let mut d: Vec<i32> = codes.to_vec();
        d.sort_unstable();
        d.dedup();
        if d.is_empty() {
            return None;
        }
        if d.len() <= 3 {
            return Some(MissingSpec { range: None, values: d });
        }
        // One range over all but at most one value, holding no valid value.
        let try_range = |rest: &[i32], single: Option<i32>| {
            let (lo, hi) = (*rest.first()?, *rest.last()?);
            (!valid.hits(f64::from(lo), f64::from(hi)))
                .then(|| MissingSpec { range: Some((lo, hi)), values: single.into_iter().collect() })
        };
        if let Some(s) = try_range(&d, None) {
            return Some(s);
        }
        let last = d.len() - 1;
        try_range(d.get(1..).unwrap_or(&[]), d.first().copied())
            .or_else(|| try_range(d.get(..last).unwrap_or(&[]), d.last().copied()))
    }

    pub(crate) fn syntax(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some((lo, hi)) = self.range {
            parts.push(format!("{lo} THRU {hi}"));
        }
        parts.extend(self.values.iter().map(i32::to_string));
        parts.join(", ")
    }
}

pub(crate) fn valid_of(item: &Item, data: &ItemData) -> Option<Valid> {
    match (&item.kind, data) {
        (ItemKind::Single { .. } | ItemKind::Likert { .. }, _) => {
            Some(Valid::Codes(item.options().iter().map(|o| o.code).collect()))
        }
        (ItemKind::Multiple { .. }, _) => Some(Valid::Codes(vec![0, 1])),
        (ItemKind::Ranking { top, .. }, _) => Some(Valid::Codes((1..=i32::from(*top)).collect())),
        (ItemKind::Numeric { min, max, .. }, ItemData::Numeric { state, values }) => Some(Valid::Interval {
            lo: min.unwrap_or(f64::NEG_INFINITY),
            hi: max.unwrap_or(f64::INFINITY),
            observed: state.iter().zip(values).filter(|(s, _)| **s == ANSWERED).map(|(_, v)| *v).collect(),
        }),
        _ => None,
    }
}

/// The missing codes declared on the main columns of an item (codes and numbers carry the
/// item's missing codes; 0/1 and rank columns do not).
fn declared_on_main(item: &Item) -> Vec<i32> {
    match item.kind {
        ItemKind::Single { .. } | ItemKind::Likert { .. } | ItemKind::Numeric { .. } => {
            item.missing.iter().map(|m| m.code).collect()
        }
        _ => Vec::new(),
    }
}

/// The codes the SPSS syntax uses for "not asked" and "unanswered" of an item: -8 and -9 when
/// they fit, else the two codes just above the item's highest declared missing code, else the two
/// just below its lowest. `None` for open items (text) or when no pair fits (then `NA` and empty
/// cells become system-missing).
///
/// A pair fits when neither code is an option, a declared missing code or a valid value (for
/// numbers: within `min..max` or observed), and SPSS can declare all missing codes of the
/// column: at most three values, or one range holding no valid value plus one value.
pub fn special_codes(item: &Item, data: &ItemData) -> Option<SpecialCodes> {
    let valid = valid_of(item, data)?;
    let declared = declared_on_main(item);
    let all_missing: Vec<i32> = item.missing.iter().map(|m| m.code).collect();
    let mut candidates = vec![(-8, -9)];
    if let (Some(&lo), Some(&hi)) = (all_missing.iter().min(), all_missing.iter().max()) {
        candidates.push((hi.saturating_add(1), hi.saturating_add(2)));
        candidates.push((lo.saturating_sub(1), lo.saturating_sub(2)));
    }
    candidates.into_iter().find_map(|(na, un)| {
        let free = |c: i32| !all_missing.contains(&c) && !valid.hits(f64::from(c), f64::from(c));
        if na == un || !free(na) || !free(un) {
            return None;
        }
        let mut d = declared.clone();
        d.extend([na, un]);
        MissingSpec::fit(&d, &valid).map(|_| SpecialCodes { not_asked: na, unanswered: un })
    })
}
