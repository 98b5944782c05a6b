//! The joint display: interview themes against a questionnaire answer.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::coding::analysis::segment_sets;
use crate::coding::{Codings, Level, Merge, Pseudonymiser};
use crate::error::{Error, Result};
use crate::frame::Unit;
use crate::instrument::{Codebook, Text};

/// A quote in a joint display, pseudonymised.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct JointQuote {
    /// The interview.
    pub interview: String,
    /// The segment.
    pub segment: String,
    /// The quote, after pseudonymisation.
    pub text: String,
}

/// One cell: the interviews of an answer category that mention a theme, with a quote.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct JointCell {
    /// Interviews of the column's category with at least one segment on the row's theme.
    pub interviews: usize,
    /// A representative quote (see [`joint_display`]); `None` when `interviews` is 0.
    pub quote: Option<JointQuote>,
}

/// A joint display (Fetters, Curry & Creswell 2013): rows are interview themes (or codes),
/// columns the categories of one questionnaire answer, cells the number of interviewed units in
/// that category that mention the theme, with a quote.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct JointDisplay {
    /// Themes or codes.
    pub level: Level,
    /// The row ids (themes or codes), in tree order.
    pub rows: Vec<String>,
    /// The row labels.
    pub row_labels: Vec<Text>,
    /// The answer categories: the columns.
    pub categories: Vec<String>,
    /// Interviews per category (the column totals: the denominators of the cells).
    pub category_interviews: Vec<usize>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<JointCell>>,
    /// Interviews whose unit answered the questionnaire (counted in the display).
    pub n_interviews: usize,
    /// Interviews whose unit has no answer (left out, listed here).
    pub without_answer: Vec<String>,
    /// How double-coded segments were counted.
    pub merge: Merge,
}

/// Build a joint display of interview themes (or codes) against one questionnaire answer.
///
/// `answers` maps each unit that answered to its answer label (what the response store gives for
/// one item); `categories` fixes the column order (every answer must be one of them), else the
/// labels found are sorted. An interview is matched to its unit's answer by equal [`Unit`];
/// interviews without an answer are listed in [`JointDisplay::without_answer`].
///
/// The quote of a cell is chosen among the segments of the cell's interviews that carry the row
/// (its code, or any code of the theme): first those carrying the row's most frequent code in the
/// cell, among them those of 40 to 300 characters, then the first in the codings' order. It is
/// passed through `pseudonymiser`.
///
/// # Formula
/// ```text
/// cell(t, k) = #{ interviews i : answer(unit(i)) = k and some segment of i carries t }
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] when an answer of an interviewed unit is not among `categories`.
///
/// # References
/// Fetters, M. D., Curry, L. A. & Creswell, J. W. (2013). Achieving integration in mixed methods
/// designs. *Health Services Research* 48(6), 2134-2156. Guetterman, T. C., Fetters, M. D. &
/// Creswell, J. W. (2015). Integrating quantitative and qualitative results in health science
/// mixed methods research through joint displays. *Annals of Family Medicine* 13(6), 554-561.
pub fn joint_display(
    codings: &Codings,
    codebook: &Codebook,
    answers: &BTreeMap<Unit, String>,
    categories: Option<&[String]>,
    level: Level,
    merge: Merge,
    pseudonymiser: &Pseudonymiser,
) -> Result<JointDisplay> {
    let mut without_answer = Vec::new();
    let mut matched: Vec<(&str, &str)> = Vec::new(); // (interview, answer)
    for i in &codings.interviews {
        match answers.get(&i.unit) {
            Some(a) => matched.push((&i.id, a.as_str())),
            None => without_answer.push(i.id.clone()),
        }
    }
    let categories: Vec<String> = match categories {
        Some(c) => {
            if let Some((i, a)) = matched.iter().find(|(_, a)| !c.iter().any(|x| x == a)) {
                return Err(Error::InvalidArgument {
                    name: "categories",
                    message: format!("interview {i:?}: answer {a:?} is not one of the categories {c:?}"),
                });
            }
            c.to_vec()
        }
        None => matched.iter().map(|(_, a)| (*a).to_owned()).collect::<BTreeSet<_>>().into_iter().collect(),
    };
    let rows: Vec<&crate::instrument::Code> = codebook
        .tree_order()
        .into_iter()
        .map(|(c, _)| c)
        .filter(|c| match level {
            Level::Code => c.codable,
            Level::Theme => c.parent.is_none(),
        })
        .collect();
    let rolled = segment_sets(codings, codebook, merge, true);
    let direct = segment_sets(codings, codebook, merge, false);
    let answer_of: HashMap<&str, &str> = matched.iter().copied().collect();
    let category_interviews: Vec<usize> =
        categories.iter().map(|k| matched.iter().filter(|(_, a)| a == k).count()).collect();

    let mut cells = Vec::with_capacity(rows.len());
    for row in &rows {
        let Some(p) = codebook.position(&row.id) else { continue };
        let mut line = Vec::with_capacity(categories.len());
        for k in &categories {
            // Segments of this category's interviews carrying the row.
            let segs: Vec<usize> = codings
                .segments
                .iter()
                .enumerate()
                .filter(|(si, s)| {
                    answer_of.get(s.interview.as_str()) == Some(&k.as_str())
                        && rolled.get(*si).is_some_and(|set| set.contains(&p))
                })
                .map(|(si, _)| si)
                .collect();
            let interviews: BTreeSet<&str> =
                segs.iter().filter_map(|&si| codings.segments.get(si)).map(|s| s.interview.as_str()).collect();
            // The row's most frequent code (itself or below it) in these segments.
            let mut code_counts: BTreeMap<usize, usize> = BTreeMap::new();
            for &si in &segs {
                for &c in direct.get(si).into_iter().flatten() {
                    if codebook.codes.get(c).is_some_and(|code| codebook.is_within(&code.id, &row.id)) {
                        *code_counts.entry(c).or_default() += 1;
                    }
                }
            }
            let top = code_counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(&c, _)| c);
            let score = |si: usize| {
                let s = codings.segments.get(si);
                let has_top = top.is_some_and(|t| direct.get(si).is_some_and(|d| d.contains(&t)));
                let len = s.map_or(0, |s| s.text.chars().count());
                (u8::from(!has_top), u8::from(!(40..=300).contains(&len)), si)
            };
            let quote =
                segs.iter().copied().min_by_key(|&si| score(si)).and_then(|si| codings.segments.get(si)).map(|s| {
                    JointQuote {
                        interview: s.interview.clone(),
                        segment: s.id.clone(),
                        text: pseudonymiser.apply(&s.text),
                    }
                });
            line.push(JointCell { interviews: interviews.len(), quote });
        }
        cells.push(line);
    }
    Ok(JointDisplay {
        level,
        rows: rows.iter().map(|c| c.id.clone()).collect(),
        row_labels: rows.iter().map(|c| c.label.clone()).collect(),
        categories,
        category_interviews,
        cells,
        n_interviews: matched.len(),
        without_answer,
        merge,
    })
}

impl crate::study::Study {
    /// The joint display of the study's coded interviews against one single-choice or Likert item
    /// of its questionnaire: each interview is matched to its unit's valid answer (the option
    /// label), the columns are the item's options in order, and quotes are pseudonymised with the
    /// municipality names replaced by their stratum (the study's default stratification). `None`
    /// when the study names no codings.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the study has no questionnaire or responses, or `item` is
    /// not a single-choice or Likert item; [`Error::NotFound`] for an unknown item; errors of
    /// [`crate::study::Study::codings`] and [`joint_display`].
    pub fn joint_display(&self, item: &str, level: Level, merge: Merge, english: bool) -> Result<Option<JointDisplay>> {
        let Some((codebook, codings)) = self.codings()? else { return Ok(None) };
        let (Some(q), Some(set)) = (self.questionnaire(), self.responses()) else {
            return Err(Error::InvalidArgument {
                name: "study",
                message:
                    "a joint display needs the study's instrument and responses (files.instrument, files.responses)"
                        .into(),
            });
        };
        let levels = set.levels(q, item)?;
        let it = q.item(item).ok_or_else(|| Error::NotFound {
            what: "item",
            query: item.to_owned(),
            suggestions: Vec::new(),
        })?;
        let options = it.options();
        let label_of = |level: u8| {
            usize::from(level)
                .checked_sub(usize::from(crate::instrument::FIRST_LEVEL))
                .and_then(|i| options.get(i))
                .map(|o| o.label.get(english).to_owned())
        };
        let answers: BTreeMap<Unit, String> =
            set.unit.iter().zip(levels).filter_map(|(u, &l)| label_of(l).map(|label| (u.clone(), label))).collect();
        let categories: Vec<String> = options.iter().map(|o| o.label.get(english).to_owned()).collect();
        let pseudonymiser = self.pseudonymiser(english);
        joint_display(&codings, &codebook, &answers, Some(&categories), level, merge, &pseudonymiser).map(Some)
    }
}
