//! Weighting schemes of a study: none, post-stratification to frame strata, raking to margins.

use std::fmt;
use std::str::FromStr;

use crate::analysis::{Analysis, Units};
use crate::error::{Error, Result};
use crate::frame::Stratification;
use crate::meta::Language;
use crate::responses::ResponseSet;
use crate::stats;

/// How the responses are weighted to the frame.
///
/// Written as text in the API and in `ctx.toml`: `none`, `poststratify:size_class`,
/// `poststratify:size_class*province`, `rake:size_class,province`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Weighting {
    /// Unweighted.
    #[default]
    None,
    /// Post-stratification to the frame's units per stratum (the spec of a stratification).
    PostStratify(String),
    /// Raking (iterative proportional fitting) to the frame's margins, one stratification each.
    Rake(Vec<String>),
}

impl FromStr for Weighting {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let t = s.trim();
        let bad = || Error::InvalidArgument {
            name: "weights",
            message: format!(
                "{s:?}: expected \"none\", \"poststratify:<strata>\" (e.g. poststratify:size_class) or \"rake:<margin>,<margin>\" (e.g. rake:size_class,province)"
            ),
        };
        match t.split_once(':') {
            None if t.is_empty() || t.eq_ignore_ascii_case("none") => Ok(Weighting::None),
            None => Err(bad()),
            Some((kind, spec)) => match kind.trim().to_ascii_lowercase().as_str() {
                "poststratify" | "poststratification" | "post" => Ok(Weighting::PostStratify(spec.trim().to_owned())),
                "rake" | "raking" => {
                    let margins: Vec<String> =
                        spec.split(',').map(|m| m.trim().to_owned()).filter(|m| !m.is_empty()).collect();
                    if margins.is_empty() { Err(bad()) } else { Ok(Weighting::Rake(margins)) }
                }
                _ => Err(bad()),
            },
        }
    }
}

impl fmt::Display for Weighting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Weighting::None => f.write_str("none"),
            Weighting::PostStratify(s) => write!(f, "poststratify:{s}"),
            Weighting::Rake(m) => write!(f, "rake:{}", m.join(",")),
        }
    }
}

/// Weights computed for a study's responses, with what the report must state about them.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct WeightingSummary {
    /// One weight per response, in the response set's order; they sum to the number of units.
    pub weights: Vec<f64>,
    /// The scheme.
    pub scheme: Weighting,
    /// A sentence for the methods section.
    pub description: String,
    /// Kish's design effect due to weighting.
    pub kish_design_effect: f64,
    /// Kish's effective sample size.
    pub effective_sample_size: f64,
    /// Raking: cycles run.
    pub iterations: Option<usize>,
    /// Raking: whether every margin is within the tolerance.
    pub converged: Option<bool>,
    /// Raking: the largest deviation from a margin total.
    pub max_abs_deviation: Option<f64>,
    /// Raking: the tolerance.
    pub tolerance: Option<f64>,
}

/// Raking tolerance in units (municipalities).
const RAKE_TOLERANCE: f64 = 1e-6;
/// Raking iteration cap.
const RAKE_MAX_ITERATIONS: usize = 200;

impl Weighting {
    /// The stratification used for design-based variance estimation: the post-stratification
    /// cells, the first raking margin, or the study's default stratification.
    ///
    /// # Errors
    /// As [`Analysis::stratification`].
    pub fn stratification(&self, ctx: &Analysis<'_>) -> Result<Stratification> {
        match self {
            Weighting::None => Ok(ctx.default_stratification().clone()),
            Weighting::PostStratify(spec) => ctx.stratification(spec),
            Weighting::Rake(m) => ctx.stratification(m.first().map_or("size_class", String::as_str)),
        }
    }

    /// Compute the weights of a response set (`None` for [`Weighting::None`]).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming the stratum when a stratum of the frame has no
    /// respondents (collapse strata, or rake to margins instead); errors of the stats functions.
    pub fn compute(&self, ctx: &Analysis<'_>, set: &ResponseSet) -> Result<Option<WeightingSummary>> {
        match self {
            Weighting::None => Ok(None),
            Weighting::PostStratify(spec) => {
                let strat = ctx.stratification(spec)?;
                let units = Units::new(ctx, &strat, Language::Nl);
                let strata = units.strata_of(set)?;
                check_cells(&units, &strata, spec)?;
                let targets: Vec<f64> = units.counts.iter().map(|&c| c as f64).collect();
                let w = stats::poststratify(&strata, &targets, None)?;
                Ok(Some(WeightingSummary {
                    description: format!(
                        "post-stratification to the frame's {} units by {} ({} cells); Kish deff {:.3}, effective n {:.1}",
                        units.len(),
                        strat.spec(),
                        units.counts.len(),
                        w.kish_design_effect,
                        w.effective_sample_size
                    ),
                    kish_design_effect: w.kish_design_effect,
                    effective_sample_size: w.effective_sample_size,
                    weights: w.weights,
                    scheme: self.clone(),
                    iterations: None,
                    converged: None,
                    max_abs_deviation: None,
                    tolerance: None,
                }))
            }
            Weighting::Rake(margins) => {
                let mut codes = Vec::with_capacity(margins.len());
                let mut targets = Vec::with_capacity(margins.len());
                let mut n_units = 0;
                for m in margins {
                    let strat = ctx.stratification(m)?;
                    let units = Units::new(ctx, &strat, Language::Nl);
                    let strata = units.strata_of(set)?;
                    check_cells(&units, &strata, m)?;
                    n_units = units.len();
                    targets.push(units.counts.iter().map(|&c| c as f64).collect::<Vec<f64>>());
                    codes.push(strata);
                }
                let ms: Vec<stats::Margin<'_>> =
                    codes.iter().zip(&targets).map(|(c, t)| stats::Margin { codes: c, targets: t }).collect();
                let r = stats::rake(&ms, None, RAKE_TOLERANCE, RAKE_MAX_ITERATIONS)?;
                Ok(Some(WeightingSummary {
                    description: format!(
                        "raking to the frame's {n_units} units on the margins {} (tolerance {RAKE_TOLERANCE} units, at most {RAKE_MAX_ITERATIONS} cycles): {} after {} cycles, largest deviation {:.2e}; Kish deff {:.3}, effective n {:.1}",
                        margins.join(", "),
                        if r.converged { "converged" } else { "NOT converged" },
                        r.iterations,
                        r.max_abs_deviation,
                        r.weights.kish_design_effect,
                        r.weights.effective_sample_size
                    ),
                    kish_design_effect: r.weights.kish_design_effect,
                    effective_sample_size: r.weights.effective_sample_size,
                    weights: r.weights.weights,
                    scheme: self.clone(),
                    iterations: Some(r.iterations),
                    converged: Some(r.converged),
                    max_abs_deviation: Some(r.max_abs_deviation),
                    tolerance: Some(r.tolerance),
                }))
            }
        }
    }
}

fn check_cells(units: &Units, strata: &[usize], spec: &str) -> Result<()> {
    let mut n_h = vec![0usize; units.counts.len()];
    for &h in strata {
        if let Some(c) = n_h.get_mut(h) {
            *c += 1;
        }
    }
    let empty: Vec<String> = units
        .counts
        .iter()
        .zip(&n_h)
        .zip(&units.labels)
        .filter(|((big_n, n), _)| **big_n > 0 && **n == 0)
        .map(|((big_n, _), label)| format!("{label} (N = {big_n})"))
        .collect();
    if empty.is_empty() {
        Ok(())
    } else {
        Err(Error::InvalidArgument {
            name: "weights",
            message: format!(
                "weighting by {spec}: no respondents in {}; collapse strata or rake to margins instead",
                empty.join(", ")
            ),
        })
    }
}
