//! Code frequencies rolled up the theme tree, and co-occurrence of codes.

use std::collections::BTreeSet;

use crate::coding::{Codings, Merge};
use crate::frame::Unit;
use crate::instrument::{Codebook, Text};

/// How often one code (with everything below it) occurs.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CodeFrequency {
    /// The code id.
    pub code: String,
    /// Its label.
    pub label: Text,
    /// Its theme (itself for a theme).
    pub theme: String,
    /// Depth in the tree (0 for a theme).
    pub depth: usize,
    /// Segments coded with this code itself.
    pub segments_direct: usize,
    /// Segments coded with this code or any code below it (each segment once).
    pub segments: usize,
    /// Interviews with at least one such segment.
    pub interviews: usize,
    /// `interviews / n_interviews`; `None` when there are no interviews.
    pub share_interviews: Option<f64>,
}

/// The codes of one interview: segments per code, rolled up.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InterviewCodes {
    /// The interview id.
    pub interview: String,
    /// Its unit.
    pub unit: Unit,
    /// Its number of segments.
    pub segments: usize,
    /// Per code, in the order of [`CodeFrequencies::rows`]: segments coded with it or below it.
    pub counts: Vec<usize>,
}

/// Code frequencies per interview and across interviews, over the codebook's tree.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CodeFrequencies {
    /// Number of interviews.
    pub n_interviews: usize,
    /// Number of segments.
    pub n_segments: usize,
    /// How double-coded segments were counted.
    pub merge: Merge,
    /// One row per code, in tree order (theme, then its codes depth first).
    pub rows: Vec<CodeFrequency>,
    /// Per interview, in the order of the codings.
    pub per_interview: Vec<InterviewCodes>,
}

/// For each segment (in order), the codebook positions it counts for: its codes and all their
/// ancestors (`roll_up`), or its codes only.
pub(crate) fn segment_sets(
    codings: &Codings,
    codebook: &Codebook,
    merge: Merge,
    roll_up: bool,
) -> Vec<BTreeSet<usize>> {
    codings
        .segments
        .iter()
        .map(|s| {
            let mut set = BTreeSet::new();
            for code in codings.merged_codes(s, merge) {
                if let Some(p) = codebook.position(code) {
                    set.insert(p);
                }
                if roll_up {
                    set.extend(codebook.ancestors(code).into_iter().filter_map(|a| codebook.position(a)));
                }
            }
            set
        })
        .collect()
}

/// Count segments and interviews per code, rolled up the theme tree: a segment counts for a code
/// when it carries that code or any code below it (once, however many such codes it carries),
/// and an interview counts when any of its segments does.
///
/// # Formula
/// ```text
/// segments(c)   = #{ s : codes(s) ∩ subtree(c) ≠ ∅ }
/// interviews(c) = #{ i : some segment s of i has codes(s) ∩ subtree(c) ≠ ∅ }
/// ```
/// `codes(s)` is the primary coder's codes, their union or their intersection (`merge`).
///
/// # References
/// Miles, M. B., Huberman, A. M. & Saldaña, J. (2014). *Qualitative Data Analysis* (3rd ed.),
/// Sage, ch. 5 (counting) and ch. 4 (codes and themes).
pub fn frequencies(codings: &Codings, codebook: &Codebook, merge: Merge) -> CodeFrequencies {
    let order = codebook.tree_order();
    let direct = segment_sets(codings, codebook, merge, false);
    let rolled = segment_sets(codings, codebook, merge, true);
    let n_interviews = codings.interviews.len();
    let mut per_interview = Vec::with_capacity(n_interviews);
    let mut interview_counts = vec![0usize; order.len()];
    for interview in &codings.interviews {
        let mut counts = vec![0usize; order.len()];
        let mut n_seg = 0;
        for (s, set) in codings.segments.iter().zip(&rolled) {
            if s.interview != interview.id {
                continue;
            }
            n_seg += 1;
            for ((code, _), count) in order.iter().zip(counts.iter_mut()) {
                if codebook.position(&code.id).is_some_and(|p| set.contains(&p)) {
                    *count += 1;
                }
            }
        }
        for (count, ic) in counts.iter().zip(interview_counts.iter_mut()) {
            if *count > 0 {
                *ic += 1;
            }
        }
        per_interview.push(InterviewCodes {
            interview: interview.id.clone(),
            unit: interview.unit.clone(),
            segments: n_seg,
            counts,
        });
    }
    let rows = order
        .iter()
        .zip(interview_counts)
        .map(|((code, depth), interviews)| {
            let p = codebook.position(&code.id);
            let count = |sets: &[BTreeSet<usize>]| sets.iter().filter(|s| p.is_some_and(|p| s.contains(&p))).count();
            CodeFrequency {
                code: code.id.clone(),
                label: code.label.clone(),
                theme: codebook.theme_of(&code.id).unwrap_or(&code.id).to_owned(),
                depth: *depth,
                segments_direct: count(&direct),
                segments: count(&rolled),
                interviews,
                share_interviews: (n_interviews > 0).then(|| interviews as f64 / n_interviews as f64),
            }
        })
        .collect();
    CodeFrequencies { n_interviews, n_segments: codings.segments.len(), merge, rows, per_interview }
}

/// Within what two codes co-occur.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The same segment.
    Segment,
    /// The same interview (any segments).
    Interview,
}

crate::options::named_options!(Scope, arg = "scope", what = "co-occurrence scope", {
    Segment => "segment",
    Interview => "interview",
});

/// Which nodes of the codebook the matrix has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Every codable code, as applied (no roll-up).
    Code,
    /// The themes: a segment carries a theme when it carries any code of it.
    Theme,
}

crate::options::named_options!(Level, arg = "level", what = "coding level", {
    Code => "code",
    Theme => "theme",
});

/// A symmetric co-occurrence matrix.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CoOccurrence {
    /// Segments or interviews.
    pub scope: Scope,
    /// Codes or themes.
    pub level: Level,
    /// How double-coded segments were counted.
    pub merge: Merge,
    /// The codes (or themes), in tree order: the rows and the columns.
    pub codes: Vec<String>,
    /// `counts[a][b]`: the number of segments (or interviews) carrying both; the diagonal is the
    /// number carrying the code.
    pub counts: Vec<Vec<usize>>,
    /// The number of segments (or interviews) counted over.
    pub n: usize,
}

/// Co-occurrence of codes (or themes) within segments or within interviews.
///
/// # Formula
/// ```text
/// X[u][c] = 1 if unit u (segment or interview) carries code c, else 0
/// counts  = Xᵀ X      (counts[a][b] = #{u : X[u][a] = X[u][b] = 1})
/// ```
///
/// # References
/// Namey, E., Guest, G., Thairu, L. & Johnson, L. (2008). Data reduction techniques for large
/// qualitative data sets. In Guest & MacQueen (eds.), *Handbook for Team-Based Qualitative
/// Research*, AltaMira, 137-161 (code co-occurrence matrices).
pub fn co_occurrence(codings: &Codings, codebook: &Codebook, scope: Scope, level: Level, merge: Merge) -> CoOccurrence {
    let order = codebook.tree_order();
    let nodes: Vec<usize> = order
        .iter()
        .filter(|(c, _)| match level {
            Level::Code => c.codable,
            Level::Theme => c.parent.is_none(),
        })
        .filter_map(|(c, _)| codebook.position(&c.id))
        .collect();
    let sets = segment_sets(codings, codebook, merge, level == Level::Theme);
    let units: Vec<BTreeSet<usize>> = match scope {
        Scope::Segment => sets,
        Scope::Interview => codings
            .interviews
            .iter()
            .map(|i| {
                codings
                    .segments
                    .iter()
                    .zip(&sets)
                    .filter(|(s, _)| s.interview == i.id)
                    .flat_map(|(_, set)| set.iter().copied())
                    .collect()
            })
            .collect(),
    };
    let counts = nodes
        .iter()
        .map(|a| nodes.iter().map(|b| units.iter().filter(|u| u.contains(a) && u.contains(b)).count()).collect())
        .collect();
    CoOccurrence {
        scope,
        level,
        merge,
        codes: nodes.iter().filter_map(|&p| codebook.codes.get(p)).map(|c| c.id.clone()).collect(),
        counts,
        n: units.len(),
    }
}
