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
/// `poststratify:size_class*province`, `rake:size_class,province`, `custom:<name>`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Weighting {
    /// Unweighted.
    #[default]
    None,
    /// Post-stratification to the frame's units per stratum (the spec of a stratification).
    PostStratify(String),
    /// Raking (iterative proportional fitting) to the frame's margins, one stratification each.
    Rake(Vec<String>),
    /// Weights given by the user under a name ([`crate::analysis::Analysis::set_custom_weights`]),
    /// one per response; rescaled to sum to the number of units. Variance strata: the study's
    /// default stratification.
    Custom(String),
}

impl FromStr for Weighting {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let t = s.trim();
        let bad = || Error::InvalidArgument {
            name: "weights",
            message: format!(
                "{s:?}: expected \"none\", \"poststratify:<strata>\" (e.g. poststratify:size_class), \"rake:<margin>,<margin>\" (e.g. rake:size_class,province) or \"custom:<name>\""
            ),
        };
        match t.split_once(':') {
            None if t.is_empty() || t.eq_ignore_ascii_case("none") => Ok(Weighting::None),
            None => Err(bad()),
            Some((kind, spec)) => match kind.trim().to_ascii_lowercase().as_str() {
                "poststratify" | "poststratification" | "post" => Ok(Weighting::PostStratify(spec.trim().to_owned())),
                "custom" if !spec.trim().is_empty() => Ok(Weighting::Custom(spec.trim().to_owned())),
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
            Weighting::Custom(name) => write!(f, "custom:{name}"),
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
    /// Raking: the tolerance in units (the relative tolerance times the number of units).
    pub tolerance: Option<f64>,
    /// Raking: the largest deviation from a margin total relative to the total.
    #[serde(default)]
    pub max_rel_deviation: Option<f64>,
    /// Trimming: the weights set to the lower and to the upper bound (`None` without trimming).
    #[serde(default)]
    pub trimmed: Option<(usize, usize)>,
}

/// The options of every weighting scheme of a study (`[weights]` in `study.toml`).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct WeightingOptions {
    /// Raking stops when every margin is within this share of the margin total. Default 1e-10
    /// (the fixed point to about machine precision: samplics run to 1e-15 agrees to 1e-10).
    pub relative_tolerance: f64,
    /// The largest number of raking cycles; beyond it the weighting is an error
    /// ([`Error::NotConverged`]), never a silent result. Default 1,000.
    pub max_iterations: usize,
    /// Trim weights below this multiple of the mean weight up to it (default: none).
    pub trim_lower: Option<f64>,
    /// Trim weights above this multiple of the mean weight down to it (default: none; 3.5 or 5
    /// are usual choices). Trimming keeps the total ([`stats::trim`] with `keep_total`).
    pub trim_upper: Option<f64>,
}

impl Default for WeightingOptions {
    fn default() -> Self {
        let r = stats::RakeOptions::default();
        Self {
            relative_tolerance: r.relative_tolerance,
            max_iterations: r.max_iterations,
            trim_lower: None,
            trim_upper: None,
        }
    }
}

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
            Weighting::Custom(_) => Ok(ctx.default_stratification().clone()),
        }
    }

    /// Compute the weights of a response set (`None` for [`Weighting::None`]) with the default
    /// [`WeightingOptions`].
    ///
    /// # Errors
    /// As [`Weighting::compute_with`].
    pub fn compute(&self, ctx: &Analysis<'_>, set: &ResponseSet) -> Result<Option<WeightingSummary>> {
        self.compute_with(ctx, set, &WeightingOptions::default(), None)
    }

    /// Compute the weights of a response set (`None` for [`Weighting::None`]): raking with
    /// [`stats::rake_with`] to `options.relative_tolerance`, then trimming to the bounds of
    /// `options` (multiples of the mean weight, total kept). `custom` gives the weights of a
    /// [`Weighting::Custom`] scheme.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming the stratum when a stratum of the frame has no
    /// respondents (collapse strata, or rake to margins instead), for custom weights that are
    /// missing or not one per response; [`Error::NotConverged`] when raking does not reach the
    /// tolerance; errors of the stats functions.
    pub fn compute_with(
        &self,
        ctx: &Analysis<'_>,
        set: &ResponseSet,
        options: &WeightingOptions,
        custom: Option<&[f64]>,
    ) -> Result<Option<WeightingSummary>> {
        let summary = self.compute_untrimmed(ctx, set, options, custom)?;
        match (summary, options.trim_lower, options.trim_upper) {
            (Some(s), None, None) => Ok(Some(s)),
            (Some(mut s), lo, hi) => {
                let mean = s.weights.iter().sum::<f64>() / s.weights.len().max(1) as f64;
                let t = stats::trim(&s.weights, lo.map(|l| l * mean), hi.map(|h| h * mean), true)?;
                s.description = format!(
                    "{}; trimmed to [{}, {}] x the mean weight, total kept ({} raised, {} lowered); Kish deff after trimming {:.3}, effective n {:.1}",
                    s.description,
                    lo.map_or("-".to_owned(), |l| l.to_string()),
                    hi.map_or("-".to_owned(), |h| h.to_string()),
                    t.n_trimmed_lower,
                    t.n_trimmed_upper,
                    t.weights.kish_design_effect,
                    t.weights.effective_sample_size
                );
                s.kish_design_effect = t.weights.kish_design_effect;
                s.effective_sample_size = t.weights.effective_sample_size;
                s.trimmed = Some((t.n_trimmed_lower, t.n_trimmed_upper));
                s.weights = t.weights.weights;
                Ok(Some(s))
            }
            (None, _, _) => Ok(None),
        }
    }

    fn compute_untrimmed(
        &self,
        ctx: &Analysis<'_>,
        set: &ResponseSet,
        options: &WeightingOptions,
        custom: Option<&[f64]>,
    ) -> Result<Option<WeightingSummary>> {
        match self {
            Weighting::Custom(name) => {
                let given = custom.ok_or_else(|| Error::InvalidArgument {
                    name: "weights",
                    message: format!("no custom weights named {name:?}: set them with set_custom_weights first"),
                })?;
                if given.len() != set.len() {
                    return Err(Error::InvalidArgument {
                        name: "weights",
                        message: format!(
                            "custom weights {name:?}: {} weights for {} responses",
                            given.len(),
                            set.len()
                        ),
                    });
                }
                stats::check_weights(given, set.len())?;
                let total: f64 = given.iter().sum();
                if total <= 0.0 {
                    return Err(Error::InvalidArgument {
                        name: "weights",
                        message: format!("custom weights {name:?} sum to 0"),
                    });
                }
                let units = ctx.units_total() as f64;
                let weights: Vec<f64> = given.iter().map(|w| w * units / total).collect();
                let (deff, n_eff) = (stats::kish_design_effect(&weights)?, stats::effective_sample_size(&weights)?);
                Ok(Some(WeightingSummary {
                    description: format!(
                        "custom weights {name:?}, rescaled to the frame's {units} units; Kish deff {deff:.3}, effective n {n_eff:.1}"
                    ),
                    kish_design_effect: deff,
                    effective_sample_size: n_eff,
                    weights,
                    scheme: self.clone(),
                    iterations: None,
                    converged: None,
                    max_abs_deviation: None,
                    tolerance: None,
                    max_rel_deviation: None,
                    trimmed: None,
                }))
            }
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
                    max_rel_deviation: None,
                    trimmed: None,
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
                let rake = stats::RakeOptions {
                    relative_tolerance: options.relative_tolerance,
                    max_iterations: options.max_iterations,
                };
                let r = stats::rake_with(&ms, None, &rake)?;
                Ok(Some(WeightingSummary {
                    description: format!(
                        "raking to the frame's {n_units} units on the margins {} (relative tolerance {:e} of the margin total, at most {} cycles): converged after {} cycles, largest margin error {:.2e} units ({:.2e} relative); Kish deff {:.3}, effective n {:.1}",
                        margins.join(", "),
                        rake.relative_tolerance,
                        rake.max_iterations,
                        r.iterations,
                        r.max_abs_deviation,
                        r.max_rel_deviation,
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
                    max_rel_deviation: Some(r.max_rel_deviation),
                    trimmed: None,
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
