//! The labelled results of study-level analysis. Each knows its base, its missing counts and
//! the method used, so a report can state them.

use crate::meta::Text;
use crate::stats::{
    Crosstab, Descriptives, LevelKind, MultipleResponse, ProportionEstimate, Ranking, RaoScott, Representativeness,
    ScaleReliability, Suppression, SurveyEstimate,
};

/// One row of a labelled frequency table.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LabelledRow {
    /// The answer code (`None` for the "no answer" row).
    pub code: Option<i32>,
    /// The label.
    pub label: String,
    /// Valid, user-missing or unanswered.
    pub kind: LevelKind,
    /// Count (sum of weights when weighted).
    pub count: f64,
    /// Unweighted count (for disclosure control).
    pub unweighted_count: u64,
    /// % of the respondents asked.
    pub percent: f64,
    /// % of the valid answers (`None` for missing rows).
    pub valid_percent: Option<f64>,
    /// Cumulative valid %.
    pub cumulative_valid_percent: Option<f64>,
}

/// The frequency table of a single-choice or Likert item.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ItemFrequencies {
    /// Item id.
    pub item: String,
    /// Short label.
    pub label: String,
    /// Question text.
    pub question: String,
    /// Rows: "no answer", the options, the missing codes.
    pub rows: Vec<LabelledRow>,
    /// Respondents asked (the base of `percent`).
    pub n_asked: usize,
    /// Respondents not asked (outside the base).
    pub n_not_asked: usize,
    /// Respondents with a valid answer (unweighted).
    pub n_valid: usize,
    /// Whether weighted.
    pub weighted: bool,
    /// The weighting, described.
    pub weighting: Option<String>,
}

/// A point estimate with standard error and interval, from either the simple or the
/// design-based route.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Estimate {
    /// The estimate (a proportion in 0..1 or a mean).
    pub estimate: f64,
    /// Its standard error.
    pub se: f64,
    /// Lower bound.
    pub lower: f64,
    /// Upper bound.
    pub upper: f64,
    /// Whether the interval collapsed because the method breaks down (e.g. Wald at p = 0).
    pub degenerate: bool,
    /// Why, when it did.
    pub note: Option<String>,
}

impl From<ProportionEstimate> for Estimate {
    fn from(p: ProportionEstimate) -> Self {
        Estimate {
            estimate: p.estimate,
            se: p.se,
            lower: p.interval.lower,
            upper: p.interval.upper,
            degenerate: p.degenerate,
            note: p.degenerate_reason,
        }
    }
}

impl From<SurveyEstimate> for Estimate {
    fn from(p: SurveyEstimate) -> Self {
        Estimate {
            estimate: p.estimate,
            se: p.se,
            lower: p.interval.lower,
            upper: p.interval.upper,
            degenerate: p.degenerate,
            note: p.degenerate_reason,
        }
    }
}

/// The proportion of one option.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OptionEstimate {
    /// Option code.
    pub code: i32,
    /// Option label.
    pub label: String,
    /// Unweighted count of respondents choosing it.
    pub count: u64,
    /// The proportion.
    pub estimate: Estimate,
}

/// Proportions of every option of an item.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ItemProportions {
    /// Item id.
    pub item: String,
    /// Short label.
    pub label: String,
    /// One per option.
    pub options: Vec<OptionEstimate>,
    /// Valid answers (the base), unweighted.
    pub n: usize,
    /// Population size used for the finite population correction.
    pub population: u64,
    /// Confidence level.
    pub level: f64,
    /// The method, described.
    pub method: String,
    /// Whether weighted.
    pub weighted: bool,
    /// The weighting, described.
    pub weighting: Option<String>,
}

/// Descriptives of a Likert or numeric item.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ItemDescriptives {
    /// Item id.
    pub item: String,
    /// Short label.
    pub label: String,
    /// The statistics (n, missing, mean, SD, SE, CI, quartiles, top box, distribution).
    pub stats: Descriptives,
    /// Respondents not asked.
    pub n_not_asked: usize,
    /// Whether weighted.
    pub weighted: bool,
    /// The weighting, described.
    pub weighting: Option<String>,
}

/// A multiple-choice item's table.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ItemMultiple {
    /// Item id.
    pub item: String,
    /// Short label.
    pub label: String,
    /// Option labels, in order.
    pub option_labels: Vec<String>,
    /// Option codes, in order.
    pub option_codes: Vec<i32>,
    /// The table.
    pub table: MultipleResponse,
    /// Respondents not asked.
    pub n_not_asked: usize,
    /// Respondents asked who chose nothing or gave a missing answer.
    pub n_unanswered: usize,
    /// Whether weighted.
    pub weighted: bool,
    /// The weighting, described.
    pub weighting: Option<String>,
}

/// A ranking item's table.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ItemRanking {
    /// Item id.
    pub item: String,
    /// Short label.
    pub label: String,
    /// Option labels, in order.
    pub option_labels: Vec<String>,
    /// How many options were ranked.
    pub top: u8,
    /// The table.
    pub table: Ranking,
    /// Whether weighted.
    pub weighted: bool,
    /// The weighting, described.
    pub weighting: Option<String>,
}

/// A crosstab of an item by a stratum variable or another item.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ItemCrosstab {
    /// Item id (rows).
    pub item: String,
    /// Item label.
    pub label: String,
    /// What the columns are (`size_class`, `province` or an item id).
    pub by: String,
    /// Label of the column variable.
    pub by_label: String,
    /// Row labels (the item's options).
    pub row_labels: Vec<String>,
    /// Column labels.
    pub col_labels: Vec<String>,
    /// Counts, percentages and tests.
    pub table: Crosstab,
    /// The Rao–Scott test when weighted.
    pub rao_scott: Option<RaoScott>,
    /// Which cells are suppressed, when disclosure control was asked for.
    pub suppression: Option<Suppression>,
    /// The test of independence the report states: Rao–Scott when weighted; unweighted,
    /// Pearson's chi-square, or an exact test (Fisher 2x2, Fisher–Freeman–Halton r x c) when
    /// the expected counts are small. `None` when no test applies (one row or column).
    #[serde(default)]
    pub test: Option<CrosstabTest>,
    /// Whether weighted.
    pub weighted: bool,
    /// The weighting, described.
    pub weighting: Option<String>,
}

/// The block of a scale.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ScaleSummary {
    /// Scale id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Its items.
    pub item_ids: Vec<String>,
    /// The reverse-keyed items (reversed before analysis).
    pub reversed: Vec<String>,
    /// Reliability.
    pub reliability: ScaleReliability,
    /// Each item's Likert summary (as answered, not reversed).
    pub items: Vec<ItemDescriptives>,
    /// Whether weighted.
    pub weighted: bool,
    /// The weighting, described.
    pub weighting: Option<String>,
}

/// Response rates per stratum.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ResponseRates {
    /// The stratification.
    pub by: String,
    /// Stratum labels, in the order of `result.strata`.
    pub labels: Vec<String>,
    /// Rates and the goodness-of-fit test.
    pub result: Representativeness,
}

/// The test of independence a crosstab reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum CrosstabTestKind {
    /// Pearson's chi-square (unweighted, expected counts large enough).
    ChiSquare,
    /// Fisher's exact test (unweighted 2x2 with small expected counts).
    Fisher,
    /// The Fisher–Freeman–Halton exact test by seeded Monte Carlo (unweighted r x c with small
    /// expected counts): [`crate::stats::fisher_rxc_monte_carlo`].
    FisherFreemanHalton,
    /// The Rao–Scott second-order corrected F test (weighted).
    RaoScott,
}

impl CrosstabTestKind {
    /// The test's name for a report, in Dutch or English.
    pub fn label(self) -> Text {
        let (nl, en) = match self {
            CrosstabTestKind::ChiSquare => ("chi-kwadraattoets van Pearson", "Pearson's chi-square test"),
            CrosstabTestKind::Fisher => ("exacte toets van Fisher", "Fisher's exact test"),
            CrosstabTestKind::FisherFreemanHalton => (
                "exacte toets van Fisher-Freeman-Halton (Monte Carlo)",
                "Fisher-Freeman-Halton exact test (Monte Carlo)",
            ),
            CrosstabTestKind::RaoScott => {
                ("chi-kwadraattoets met Rao-Scott-correctie (F)", "Rao-Scott corrected chi-square (F)")
            }
        };
        Text { nl: nl.to_owned(), en: Some(en.to_owned()) }
    }
}

/// How the p-values of the tests of one report are adjusted for multiple testing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum PAdjustment {
    /// Holm's step-down method (family-wise error rate): [`crate::stats::holm`].
    Holm,
    /// Benjamini–Hochberg (false discovery rate): [`crate::stats::benjamini_hochberg`].
    BenjaminiHochberg,
}

crate::options::named_options!(PAdjustment, arg = "adjust", what = "p-value adjustment", {
    Holm => "holm",
    BenjaminiHochberg => "bh" | "fdr-bh" | "benjamini-hochberg" | "fdr",
});

impl PAdjustment {
    /// The method's name for a report's note, in Dutch or English.
    pub fn label(self) -> Text {
        let (nl, en) = match self {
            PAdjustment::Holm => ("Holm-correctie voor meervoudig toetsen", "Holm's adjustment for multiple testing"),
            PAdjustment::BenjaminiHochberg => (
                "Benjamini-Hochberg-correctie (false discovery rate)",
                "Benjamini-Hochberg adjustment (false discovery rate)",
            ),
        };
        Text { nl: nl.to_owned(), en: Some(en.to_owned()) }
    }
}

/// The test of independence of one crosstab, with its p-value and, once the tests of a report
/// are adjusted together ([`crate::analysis::adjust_p_values`]), the adjusted p.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CrosstabTest {
    /// Which test.
    pub kind: CrosstabTestKind,
    /// Its name (Dutch, English).
    pub name: Text,
    /// Its p-value.
    pub p_value: f64,
    /// Whether more than 20% of the expected counts are under 5 or one is under 1 (why an exact
    /// test is used when unweighted).
    pub small_expected: bool,
    /// Monte Carlo: the number of simulated tables.
    pub replicates: Option<usize>,
    /// Monte Carlo: the seed.
    pub seed: Option<u64>,
    /// Monte Carlo: the standard error of the p-value.
    pub mc_standard_error: Option<f64>,
    /// The adjusted p-value across the tests of a report (`None` until adjusted).
    pub p_adjusted: Option<f64>,
    /// The adjustment method (`None` until adjusted).
    pub p_adjustment: Option<PAdjustment>,
}
