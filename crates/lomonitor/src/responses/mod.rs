//! Responses: a columnar store bound to one questionnaire version, its import from three CSV
//! dialects with a validation report, and its export.
//!
//! Every statistic scans columns, so the store keeps one dense vector per item:
//! - single choice and Likert: one byte per respondent, the item's *level* (see
//!   [`crate::instrument::NOT_ASKED`]): `0` not asked, `1` seen but unanswered, then the options,
//!   then the declared missing codes;
//! - multiple choice: one 0/1 byte column per option, plus a state column;
//! - numeric: an `f64` column plus a state column; ranking: one rank column per option plus a
//!   state column; open text: strings plus a state column.
//!
//! State bytes of the non-coded kinds: [`NOT_ASKED`] `0`, [`UNANSWERED`] `1`, [`ANSWERED`] `2`, and
//! `3 + i` for the item's `i`-th missing code.

pub mod export;
mod import;
pub use crate::cells as values;

use chrono::NaiveDateTime;

use crate::error::{Error, Result};
use crate::frame::Unit;
pub use crate::instrument::columns::column_names;
use crate::instrument::{FIRST_LEVEL, Item, ItemKind, Questionnaire};
pub use crate::instrument::{NOT_ASKED, UNANSWERED};
pub use crate::validation::{Issue, IssueKind, Severity, ValidationReport};
#[cfg(feature = "archive")]
pub use export::archive::{ARCHIVE_FILES, ArchiveFiles, export_archive};
pub use export::codebook::write_codebook;
#[cfg(feature = "archive")]
pub use export::ddi::{DDI_NAMESPACE, write_ddi};
pub use export::dictionary::{
    ColumnRole, ColumnSummary, GroupKind, ValueCount, VariableGroup, condition_in_words, groups, summarize,
};
pub use export::dictionary::{SpecialCodes, special_codes};
pub use export::spss::write_spss;
pub use export::{CsvStyle, export_csv, write_csv};
pub use import::{Dialect, ImportOptions, ImportResult, import_csv, import_csv_bytes, import_csv_path};

/// State byte of a non-coded item: answered with a valid value.
pub const ANSWERED: u8 = 2;
/// State byte of a non-coded item: the first missing code (`MISSING_BASE + i` for the `i`-th).
pub const MISSING_BASE: u8 = 3;

/// Whether a response was completed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The respondent submitted the questionnaire.
    Complete,
    /// The respondent stopped before the end.
    Partial,
}

impl Status {
    /// `complete` / `partial`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Complete => "complete",
            Status::Partial => "partial",
        }
    }
}

/// The stored answers to one item, for every respondent.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ItemData {
    /// Single choice or Likert: the level per respondent.
    Coded {
        /// Levels (0 not asked, 1 unanswered, 2.. options then missing codes).
        levels: Vec<u8>,
        /// The "anders, namelijk" text per respondent (empty when none), if the item has one.
        other_text: Option<Vec<String>>,
    },
    /// Multiple choice.
    Multiple {
        /// State per respondent.
        state: Vec<u8>,
        /// Per option (in the item's order), 0/1 per respondent.
        selected: Vec<Vec<u8>>,
        /// The "anders, namelijk" text, if the item has one.
        other_text: Option<Vec<String>>,
    },
    /// Numeric.
    Numeric {
        /// State per respondent.
        state: Vec<u8>,
        /// The value (0.0 where the state is not [`ANSWERED`]).
        values: Vec<f64>,
    },
    /// Ranking.
    Ranking {
        /// State per respondent.
        state: Vec<u8>,
        /// Per option, the rank given (1..=top) or 0 when not ranked.
        ranks: Vec<Vec<u8>>,
    },
    /// Open text.
    Open {
        /// State per respondent.
        state: Vec<u8>,
        /// The text (empty where the state is not [`ANSWERED`]).
        text: Vec<String>,
    },
}

impl ItemData {
    /// Empty storage for an item.
    pub fn for_item(item: &Item, capacity: usize) -> ItemData {
        let has_other = |o: &Option<i32>| o.is_some().then(|| Vec::with_capacity(capacity));
        match &item.kind {
            ItemKind::Single { other, .. } => {
                ItemData::Coded { levels: Vec::with_capacity(capacity), other_text: has_other(other) }
            }
            ItemKind::Likert { .. } => ItemData::Coded { levels: Vec::with_capacity(capacity), other_text: None },
            ItemKind::Multiple { options, other, .. } => ItemData::Multiple {
                state: Vec::with_capacity(capacity),
                selected: options.iter().map(|_| Vec::with_capacity(capacity)).collect(),
                other_text: has_other(other),
            },
            ItemKind::Numeric { .. } => {
                ItemData::Numeric { state: Vec::with_capacity(capacity), values: Vec::with_capacity(capacity) }
            }
            ItemKind::Ranking { options, .. } => ItemData::Ranking {
                state: Vec::with_capacity(capacity),
                ranks: options.iter().map(|_| Vec::with_capacity(capacity)).collect(),
            },
            ItemKind::Open => {
                ItemData::Open { state: Vec::with_capacity(capacity), text: Vec::with_capacity(capacity) }
            }
        }
    }

    /// Room for `additional` more responses.
    fn reserve(&mut self, additional: usize) {
        match self {
            ItemData::Coded { levels, other_text } => {
                levels.reserve(additional);
                if let Some(t) = other_text {
                    t.reserve(additional);
                }
            }
            ItemData::Multiple { state, selected, other_text } => {
                state.reserve(additional);
                selected.iter_mut().for_each(|c| c.reserve(additional));
                if let Some(t) = other_text {
                    t.reserve(additional);
                }
            }
            ItemData::Numeric { state, values } => {
                state.reserve(additional);
                values.reserve(additional);
            }
            ItemData::Ranking { state, ranks } => {
                state.reserve(additional);
                ranks.iter_mut().for_each(|c| c.reserve(additional));
            }
            ItemData::Open { state, text } => {
                state.reserve(additional);
                text.reserve(additional);
            }
        }
    }

    /// Move the responses of `other` (the same item's storage) to the end of this one. Storage
    /// of another kind is an error, and nothing is moved.
    fn append(&mut self, other: ItemData) -> Result<()> {
        fn many<T>(a: &mut [Vec<T>], b: Vec<Vec<T>>) {
            a.iter_mut().zip(b).for_each(|(x, mut y)| x.append(&mut y));
        }
        fn opt(a: &mut Option<Vec<String>>, b: Option<Vec<String>>) {
            if let (Some(x), Some(mut y)) = (a.as_mut(), b) {
                x.append(&mut y);
            }
        }
        match (self, other) {
            (ItemData::Coded { levels, other_text }, ItemData::Coded { levels: mut l, other_text: o }) => {
                levels.append(&mut l);
                opt(other_text, o);
            }
            (
                ItemData::Multiple { state, selected, other_text },
                ItemData::Multiple { state: mut s, selected: c, other_text: o },
            ) => {
                state.append(&mut s);
                many(selected, c);
                opt(other_text, o);
            }
            (ItemData::Numeric { state, values }, ItemData::Numeric { state: mut s, values: mut v }) => {
                state.append(&mut s);
                values.append(&mut v);
            }
            (ItemData::Ranking { state, ranks }, ItemData::Ranking { state: mut s, ranks: r }) => {
                state.append(&mut s);
                many(ranks, r);
            }
            (ItemData::Open { state, text }, ItemData::Open { state: mut s, text: mut t }) => {
                state.append(&mut s);
                text.append(&mut t);
            }
            _ => {
                return Err(Error::InvalidArgument {
                    name: "responses",
                    message: "cannot append responses stored for another kind of item".into(),
                });
            }
        }
        Ok(())
    }

    /// The state per respondent in the common vocabulary: [`NOT_ASKED`], [`UNANSWERED`],
    /// [`ANSWERED`] or `MISSING_BASE + i`. For coded items it is derived from the level.
    pub fn state(&self, row: usize, n_options: usize) -> u8 {
        match self {
            ItemData::Coded { levels, .. } => match levels.get(row).copied().unwrap_or(NOT_ASKED) {
                l if l < FIRST_LEVEL => l,
                l if usize::from(l - FIRST_LEVEL) < n_options => ANSWERED,
                l => l - FIRST_LEVEL - u8::try_from(n_options).unwrap_or(0) + MISSING_BASE,
            },
            ItemData::Multiple { state, .. }
            | ItemData::Numeric { state, .. }
            | ItemData::Ranking { state, .. }
            | ItemData::Open { state, .. } => state.get(row).copied().unwrap_or(NOT_ASKED),
        }
    }

    fn len(&self) -> usize {
        match self {
            ItemData::Coded { levels, .. } => levels.len(),
            ItemData::Multiple { state, .. }
            | ItemData::Numeric { state, .. }
            | ItemData::Ranking { state, .. }
            | ItemData::Open { state, .. } => state.len(),
        }
    }

    fn partition(self, keep: &[bool]) -> (ItemData, ItemData) {
        fn opt(v: Option<Vec<String>>, keep: &[bool]) -> (Option<Vec<String>>, Option<Vec<String>>) {
            match v.map(|v| split(v, keep)) {
                Some((a, b)) => (Some(a), Some(b)),
                None => (None, None),
            }
        }
        fn many<T>(cols: Vec<Vec<T>>, keep: &[bool]) -> (Vec<Vec<T>>, Vec<Vec<T>>) {
            cols.into_iter().map(|c| split(c, keep)).unzip()
        }
        match self {
            ItemData::Coded { levels, other_text } => {
                let (l1, l2) = split(levels, keep);
                let (o1, o2) = opt(other_text, keep);
                (ItemData::Coded { levels: l1, other_text: o1 }, ItemData::Coded { levels: l2, other_text: o2 })
            }
            ItemData::Multiple { state, selected, other_text } => {
                let (s1, s2) = split(state, keep);
                let (c1, c2) = many(selected, keep);
                let (o1, o2) = opt(other_text, keep);
                (
                    ItemData::Multiple { state: s1, selected: c1, other_text: o1 },
                    ItemData::Multiple { state: s2, selected: c2, other_text: o2 },
                )
            }
            ItemData::Numeric { state, values } => {
                let (s1, s2) = split(state, keep);
                let (v1, v2) = split(values, keep);
                (ItemData::Numeric { state: s1, values: v1 }, ItemData::Numeric { state: s2, values: v2 })
            }
            ItemData::Ranking { state, ranks } => {
                let (s1, s2) = split(state, keep);
                let (r1, r2) = many(ranks, keep);
                (ItemData::Ranking { state: s1, ranks: r1 }, ItemData::Ranking { state: s2, ranks: r2 })
            }
            ItemData::Open { state, text } => {
                let (s1, s2) = split(state, keep);
                let (t1, t2) = split(text, keep);
                (ItemData::Open { state: s1, text: t1 }, ItemData::Open { state: s2, text: t2 })
            }
        }
    }

    fn select(&self, rows: &[usize]) -> ItemData {
        fn pick<T: Clone + Default>(v: &[T], rows: &[usize]) -> Vec<T> {
            rows.iter().map(|&r| v.get(r).cloned().unwrap_or_default()).collect()
        }
        match self {
            ItemData::Coded { levels, other_text } => {
                ItemData::Coded { levels: pick(levels, rows), other_text: other_text.as_ref().map(|t| pick(t, rows)) }
            }
            ItemData::Multiple { state, selected, other_text } => ItemData::Multiple {
                state: pick(state, rows),
                selected: selected.iter().map(|c| pick(c, rows)).collect(),
                other_text: other_text.as_ref().map(|t| pick(t, rows)),
            },
            ItemData::Numeric { state, values } => {
                ItemData::Numeric { state: pick(state, rows), values: pick(values, rows) }
            }
            ItemData::Ranking { state, ranks } => {
                ItemData::Ranking { state: pick(state, rows), ranks: ranks.iter().map(|c| pick(c, rows)).collect() }
            }
            ItemData::Open { state, text } => ItemData::Open { state: pick(state, rows), text: pick(text, rows) },
        }
    }
}

/// Answers to one questionnaire version: respondent metadata and one column per item.
///
/// The fields are private to the crate (style guide C3): every column holds one value per response,
/// which the importer and [`ResponseSet::push_response`] keep true and [`ResponseSet::check`]
/// verifies. Read through the accessors of the same names.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ResponseSet {
    /// The questionnaire's id.
    pub(crate) instrument_id: String,
    /// The questionnaire version the responses are bound to.
    pub(crate) instrument_version: String,
    /// Pseudonymous respondent ids (never names or e-mail addresses).
    pub(crate) respondent_id: Vec<String>,
    /// Whom each response speaks for.
    pub(crate) unit: Vec<Unit>,
    /// Complete or partial.
    pub(crate) status: Vec<Status>,
    /// When the respondent started.
    pub(crate) started: Vec<Option<NaiveDateTime>>,
    /// When the respondent submitted (or last saved).
    pub(crate) submitted: Vec<Option<NaiveDateTime>>,
    /// The line of the imported file each response came from (0 when made in memory).
    pub(crate) source_line: Vec<u64>,
    /// One column per questionnaire item, in the questionnaire's order.
    pub(crate) items: Vec<ItemData>,
}

/// The metadata of one response, for [`ResponseSet::push_response`].
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseMeta {
    /// The pseudonymous respondent id.
    pub respondent_id: String,
    /// Whom the response speaks for.
    pub unit: Unit,
    /// Complete or partial.
    pub status: Status,
    /// When the respondent started.
    pub started: Option<NaiveDateTime>,
    /// When the respondent submitted (or last saved).
    pub submitted: Option<NaiveDateTime>,
    /// The line of the file it came from (0 when made in memory).
    pub source_line: u64,
}

/// A [`ResponseSet`] taken apart by [`ResponseSet::into_parts`]: its columns, owned.
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseParts {
    /// The questionnaire's id.
    pub instrument_id: String,
    /// The questionnaire version.
    pub instrument_version: String,
    /// Pseudonymous respondent ids.
    pub respondent_id: Vec<String>,
    /// Whom each response speaks for.
    pub unit: Vec<Unit>,
    /// Complete or partial.
    pub status: Vec<Status>,
    /// When each respondent started.
    pub started: Vec<Option<NaiveDateTime>>,
    /// When each respondent submitted.
    pub submitted: Vec<Option<NaiveDateTime>>,
    /// The source line of each response.
    pub source_line: Vec<u64>,
    /// One column per questionnaire item.
    pub items: Vec<ItemData>,
}

impl ResponseSet {
    /// The questionnaire's id.
    pub fn instrument_id(&self) -> &str {
        &self.instrument_id
    }

    /// The questionnaire version the responses are bound to.
    pub fn instrument_version(&self) -> &str {
        &self.instrument_version
    }

    /// Pseudonymous respondent ids, one per response (never names or e-mail addresses).
    pub fn respondent_id(&self) -> &[String] {
        &self.respondent_id
    }

    /// Whom each response speaks for.
    pub fn unit(&self) -> &[Unit] {
        &self.unit
    }

    /// Complete or partial, per response.
    pub fn status(&self) -> &[Status] {
        &self.status
    }

    /// When each respondent started.
    pub fn started(&self) -> &[Option<NaiveDateTime>] {
        &self.started
    }

    /// When each respondent submitted (or last saved).
    pub fn submitted(&self) -> &[Option<NaiveDateTime>] {
        &self.submitted
    }

    /// The line of the imported file each response came from (0 when made in memory).
    pub fn source_line(&self) -> &[u64] {
        &self.source_line
    }

    /// One column per questionnaire item, in the questionnaire's order.
    pub fn items(&self) -> &[ItemData] {
        &self.items
    }

    /// The item columns to fill in after [`ResponseSet::push_response`]: the number of columns is
    /// fixed by the questionnaire; push one value to each per response, then call
    /// [`ResponseSet::check`].
    pub fn items_mut(&mut self) -> &mut [ItemData] {
        &mut self.items
    }

    /// The bytes the set holds on the heap, counting allocated capacity: `(item columns,
    /// everything)` (the benchmarks' "memory of the store").
    pub fn heap_bytes(&self) -> (usize, usize) {
        use std::mem::size_of;
        let strings = |v: &[String]| v.iter().map(String::capacity).sum::<usize>() + std::mem::size_of_val(v);
        let items: usize = self
            .items
            .iter()
            .map(|c| match c {
                ItemData::Coded { levels, other_text } => levels.capacity() + other_text.as_deref().map_or(0, strings),
                ItemData::Multiple { state, selected, other_text } => {
                    state.capacity()
                        + selected.iter().map(Vec::capacity).sum::<usize>()
                        + other_text.as_deref().map_or(0, strings)
                }
                ItemData::Numeric { state, values } => state.capacity() + values.capacity() * size_of::<f64>(),
                ItemData::Ranking { state, ranks } => state.capacity() + ranks.iter().map(Vec::capacity).sum::<usize>(),
                ItemData::Open { state, text } => state.capacity() + strings(text),
            })
            .sum();
        let meta = strings(&self.respondent_id)
            + self.unit.capacity() * size_of::<Unit>()
            + self.status.capacity() * size_of::<Status>()
            + (self.started.capacity() + self.submitted.capacity()) * size_of::<Option<NaiveDateTime>>()
            + self.source_line.capacity() * size_of::<u64>();
        (items, items + meta)
    }

    /// The set taken apart into its columns (to move them into another store, e.g. Arrow
    /// buffers, without a copy).
    pub fn into_parts(self) -> ResponseParts {
        ResponseParts {
            instrument_id: self.instrument_id,
            instrument_version: self.instrument_version,
            respondent_id: self.respondent_id,
            unit: self.unit,
            status: self.status,
            started: self.started,
            submitted: self.submitted,
            source_line: self.source_line,
            items: self.items,
        }
    }

    /// Add the metadata of one response (for sets made in memory); its answers go into
    /// [`ResponseSet::items_mut`].
    pub fn push_response(&mut self, meta: ResponseMeta) {
        self.respondent_id.push(meta.respondent_id);
        self.unit.push(meta.unit);
        self.status.push(meta.status);
        self.started.push(meta.started);
        self.submitted.push(meta.submitted);
        self.source_line.push(meta.source_line);
    }

    /// An empty set for a questionnaire.
    pub fn empty(q: &Questionnaire) -> Self {
        Self::with_capacity(q, 0)
    }

    /// An empty set with room for `n` responses.
    pub fn with_capacity(q: &Questionnaire, n: usize) -> Self {
        Self {
            instrument_id: q.id.clone(),
            instrument_version: q.version.clone(),
            respondent_id: Vec::with_capacity(n),
            unit: Vec::with_capacity(n),
            status: Vec::with_capacity(n),
            started: Vec::with_capacity(n),
            submitted: Vec::with_capacity(n),
            source_line: Vec::with_capacity(n),
            items: q.items.iter().map(|it| ItemData::for_item(it, n)).collect(),
        }
    }

    /// Number of responses.
    pub fn len(&self) -> usize {
        self.respondent_id.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.respondent_id.is_empty()
    }

    /// Check the set belongs to this questionnaire and every column has one value per response.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming what does not fit.
    pub fn check(&self, q: &Questionnaire) -> Result<()> {
        let bad = |message: String| Err(Error::InvalidArgument { name: "responses", message });
        if self.instrument_id != q.id || self.instrument_version != q.version {
            return bad(format!(
                "the responses are bound to {}@{}, not to {}@{}",
                self.instrument_id, self.instrument_version, q.id, q.version
            ));
        }
        if self.items.len() != q.items.len() {
            return bad(format!("{} item columns for {} items", self.items.len(), q.items.len()));
        }
        let n = self.len();
        let meta =
            [self.unit.len(), self.status.len(), self.started.len(), self.submitted.len(), self.source_line.len()];
        if meta.iter().any(|&m| m != n) || self.items.iter().any(|c| c.len() != n) {
            return bad("columns of different lengths".into());
        }
        Ok(())
    }

    /// Room for `additional` more responses in every column.
    pub fn reserve(&mut self, additional: usize) {
        self.respondent_id.reserve(additional);
        self.unit.reserve(additional);
        self.status.reserve(additional);
        self.started.reserve(additional);
        self.submitted.reserve(additional);
        self.source_line.reserve(additional);
        self.items.iter_mut().for_each(|c| c.reserve(additional));
    }

    /// Move the responses of `other` to the end of this set (the rows of a file read in
    /// batches). Both must be bound to the same questionnaire.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `other` belongs to another questionnaire or version or
    /// its columns do not match; nothing is moved then.
    pub fn append(&mut self, mut other: ResponseSet) -> Result<()> {
        let same_kinds = self.items.len() == other.items.len()
            && self.items.iter().zip(&other.items).all(|(a, b)| std::mem::discriminant(a) == std::mem::discriminant(b));
        if self.instrument_id != other.instrument_id
            || self.instrument_version != other.instrument_version
            || !same_kinds
        {
            return Err(Error::InvalidArgument {
                name: "responses",
                message: format!(
                    "cannot append responses to {}@{} to responses to {}@{}",
                    other.instrument_id, other.instrument_version, self.instrument_id, self.instrument_version
                ),
            });
        }
        self.respondent_id.append(&mut other.respondent_id);
        self.unit.append(&mut other.unit);
        self.status.append(&mut other.status);
        self.started.append(&mut other.started);
        self.submitted.append(&mut other.submitted);
        self.source_line.append(&mut other.source_line);
        for (a, b) in self.items.iter_mut().zip(other.items) {
            a.append(b)?;
        }
        Ok(())
    }

    /// The responses at `rows`, in that order.
    pub fn select(&self, rows: &[usize]) -> ResponseSet {
        fn pick<T: Clone>(v: &[T], rows: &[usize]) -> Vec<T> {
            rows.iter().filter_map(|&r| v.get(r).cloned()).collect()
        }
        ResponseSet {
            instrument_id: self.instrument_id.clone(),
            instrument_version: self.instrument_version.clone(),
            respondent_id: pick(&self.respondent_id, rows),
            unit: pick(&self.unit, rows),
            status: pick(&self.status, rows),
            started: pick(&self.started, rows),
            submitted: pick(&self.submitted, rows),
            source_line: pick(&self.source_line, rows),
            items: self.items.iter().map(|c| c.select(rows)).collect(),
        }
    }

    /// Split into the rows where `keep` is true and the others, each in their order, moving
    /// the values (no copy; each column's memory is released as it is split). Rows beyond
    /// `keep` go to the second set.
    pub fn partition(self, keep: &[bool]) -> (ResponseSet, ResponseSet) {
        let (respondent_a, respondent_b) = split(self.respondent_id, keep);
        let (unit_a, unit_b) = split(self.unit, keep);
        let (status_a, status_b) = split(self.status, keep);
        let (started_a, started_b) = split(self.started, keep);
        let (submitted_a, submitted_b) = split(self.submitted, keep);
        let (line_a, line_b) = split(self.source_line, keep);
        let (items_a, items_b) = self.items.into_iter().map(|c| c.partition(keep)).unzip();
        (
            ResponseSet {
                instrument_id: self.instrument_id.clone(),
                instrument_version: self.instrument_version.clone(),
                respondent_id: respondent_a,
                unit: unit_a,
                status: status_a,
                started: started_a,
                submitted: submitted_a,
                source_line: line_a,
                items: items_a,
            },
            ResponseSet {
                instrument_id: self.instrument_id,
                instrument_version: self.instrument_version,
                respondent_id: respondent_b,
                unit: unit_b,
                status: status_b,
                started: started_b,
                submitted: submitted_b,
                source_line: line_b,
                items: items_b,
            },
        )
    }

    /// The stored column of an item.
    pub fn column(&self, q: &Questionnaire, item: &str) -> Option<&ItemData> {
        q.position(item).and_then(|i| self.items.get(i))
    }

    /// The levels of a single-choice or Likert item.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown item; [`Error::InvalidArgument`] for another kind.
    pub fn levels(&self, q: &Questionnaire, item: &str) -> Result<&[u8]> {
        match self.column(q, item) {
            Some(ItemData::Coded { levels, .. }) => Ok(levels),
            Some(_) => Err(Error::InvalidArgument {
                name: "item",
                message: format!("{item:?} is not a single-choice or Likert item"),
            }),
            None => Err(Error::NotFound { what: "item", query: item.to_owned(), suggestions: Vec::new() }),
        }
    }
}

/// Split a column into the values where `keep` is true and the others, moving them; each part
/// is allocated to its exact size and `v` is freed.
fn split<T>(mut v: Vec<T>, keep: &[bool]) -> (Vec<T>, Vec<T>) {
    let n_keep = keep.iter().take(v.len()).filter(|&&k| k).count();
    if n_keep == v.len() {
        // All kept (a staff survey): the column moves as it is.
        v.shrink_to_fit();
        return (v, Vec::new());
    }
    let mut a = Vec::with_capacity(n_keep);
    let mut b = Vec::with_capacity(v.len() - n_keep);
    for (i, x) in v.into_iter().enumerate() {
        if keep.get(i).copied().unwrap_or(false) { a.push(x) } else { b.push(x) }
    }
    (a, b)
}
