//! The analysis context: what every study-level statistic reads, built once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::error::{Error, Result};
use crate::frame::{Frame, Organisations, SizeClasses, Stratification};
use crate::instrument::Questionnaire;
use crate::responses::ResponseSet;

use super::{Weighting, WeightingOptions, WeightingSummary};

/// The weights of each weighting scheme, computed once per response set and kept for every later
/// call (a report asks for the same scheme for every item), with the study's
/// [`WeightingOptions`] and the custom weights set by name. Cloning keeps the options and the
/// custom weights and empties the computed ones.
#[derive(Default)]
pub struct WeightCache {
    by_scheme: Mutex<HashMap<String, Option<Arc<WeightingSummary>>>>,
    custom: Mutex<HashMap<String, Arc<Vec<f64>>>>,
    options: WeightingOptions,
}

impl Clone for WeightCache {
    fn clone(&self) -> Self {
        let custom = self.custom.lock().map(|m| m.clone()).unwrap_or_default();
        WeightCache { by_scheme: Mutex::default(), custom: Mutex::new(custom), options: self.options }
    }
}

/// A cache is written as its options alone (the weights are computed again when asked for).
impl serde::Serialize for WeightCache {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.options.serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for WeightCache {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        WeightingOptions::deserialize(deserializer).map(WeightCache::with_options)
    }
}

impl std::fmt::Debug for WeightCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.by_scheme.lock().map_or(0, |m| m.len());
        write!(f, "WeightCache({n} schemes)")
    }
}

impl WeightCache {
    /// A fresh, empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// A fresh, empty cache whose schemes are computed with these options.
    pub fn with_options(options: WeightingOptions) -> Self {
        Self { options, ..Self::default() }
    }

    /// The options the schemes are computed with.
    pub fn options(&self) -> &WeightingOptions {
        &self.options
    }

    fn custom(&self, name: &str) -> Option<Arc<Vec<f64>>> {
        self.custom.lock().ok().and_then(|m| m.get(name).cloned())
    }

    fn set_custom(&self, name: &str, weights: Vec<f64>) {
        if let Ok(mut m) = self.custom.lock() {
            m.insert(name.to_owned(), Arc::new(weights));
        }
        if let Ok(mut m) = self.by_scheme.lock() {
            m.remove(&Weighting::Custom(name.to_owned()).to_string());
        }
    }

    fn get_or_compute(
        &self,
        scheme: &Weighting,
        compute: impl FnOnce() -> Result<Option<WeightingSummary>>,
    ) -> Result<Option<Arc<WeightingSummary>>> {
        let key = scheme.to_string();
        if let Ok(map) = self.by_scheme.lock()
            && let Some(hit) = map.get(&key)
        {
            return Ok(hit.clone());
        }
        let value = compute()?.map(Arc::new);
        if let Ok(mut map) = self.by_scheme.lock() {
            map.insert(key, value.clone());
        }
        Ok(value)
    }
}

/// The analysis context of a study: the frame and its reporting units, the instrument, the
/// responses and each weighting scheme's weights (computed once, in a [`WeightCache`]). Every
/// study-level statistic is a method on it; the study (the roof) hands one out with `Study::analysis`,
/// an embedder builds one from its own parts with [`Analysis::new`].
///
/// ```
/// use lomonitor::analysis::AnalysisOptions;
/// let study = lomonitor::Study::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/study"))?;
/// let analysis = study.analysis();
/// let visie = analysis.frequencies("visie", &AnalysisOptions::default())?;
/// assert!(visie.n_valid > 0);
/// # Ok::<(), lomonitor::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Analysis<'a> {
    frame: &'a Frame,
    organisations: &'a Organisations,
    size_classes: &'a SizeClasses,
    default_stratification: &'a Stratification,
    questionnaire: Option<&'a Questionnaire>,
    responses: Option<&'a ResponseSet>,
    weights: &'a WeightCache,
}

/// The parts an [`Analysis`] reads, borrowed.
#[derive(Clone, Copy, Debug)]
pub struct AnalysisParts<'a> {
    /// The population frame.
    pub frame: &'a Frame,
    /// The werkorganisaties (the reporting units follow from them).
    pub organisations: &'a Organisations,
    /// The size classes of `size_class` strata.
    pub size_classes: &'a SizeClasses,
    /// The stratification of unweighted estimates and of the fpc.
    pub default_stratification: &'a Stratification,
    /// The questionnaire, when there is one.
    pub questionnaire: Option<&'a Questionnaire>,
    /// The responses, when there are any.
    pub responses: Option<&'a ResponseSet>,
    /// Where the weights of each scheme are kept.
    pub weights: &'a WeightCache,
}

impl<'a> Analysis<'a> {
    /// An analysis context over these parts.
    pub fn new(parts: AnalysisParts<'a>) -> Self {
        let AnalysisParts {
            frame,
            organisations,
            size_classes,
            default_stratification,
            questionnaire,
            responses,
            weights,
        } = parts;
        Self { frame, organisations, size_classes, default_stratification, questionnaire, responses, weights }
    }

    /// The frame.
    pub fn frame(&self) -> &'a Frame {
        self.frame
    }

    /// The werkorganisaties.
    pub fn organisations(&self) -> &'a Organisations {
        self.organisations
    }

    /// The size classes.
    pub fn size_classes(&self) -> &'a SizeClasses {
        self.size_classes
    }

    /// The default stratification.
    pub fn default_stratification(&self) -> &'a Stratification {
        self.default_stratification
    }

    /// The questionnaire, if any.
    pub fn questionnaire(&self) -> Option<&'a Questionnaire> {
        self.questionnaire
    }

    /// The responses, if any.
    pub fn responses(&self) -> Option<&'a ResponseSet> {
        self.responses
    }

    /// A stratification by `spec` (e.g. `size_class`, `province`, `size_class*province`) with the
    /// study's size classes.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for an unknown variable.
    pub fn stratification(&self, spec: &str) -> Result<Stratification> {
        Stratification::parse(spec, self.size_classes.clone())
    }

    /// The number of reporting units of the frame.
    pub fn units_total(&self) -> usize {
        self.organisations.units(self.frame).len()
    }

    /// The number of responses kept (one per reporting unit, unless the study allows more).
    pub fn n_responses(&self) -> usize {
        self.responses.map_or(0, ResponseSet::len)
    }

    /// The municipalities covered by a response: a werkorganisatie's response covers all its
    /// members.
    pub fn responding_municipalities(&self) -> std::collections::HashSet<crate::frame::MunicipalityCode> {
        self.responses
            .map(|s| s.unit.iter().flat_map(|u| self.organisations.municipalities_of(u)).collect())
            .unwrap_or_default()
    }

    pub(crate) fn inputs(&self) -> Result<(&'a Questionnaire, &'a ResponseSet)> {
        match (self.questionnaire, self.responses) {
            (Some(q), Some(r)) => Ok((q, r)),
            (None, _) => Err(Error::InvalidArgument {
                name: "study",
                message: "the study names no instrument (files.instrument)".into(),
            }),
            (_, None) => Err(Error::InvalidArgument {
                name: "study",
                message: "the study names no responses (files.responses)".into(),
            }),
        }
    }

    /// The weights of the responses under a weighting scheme (`None` when unweighted), computed
    /// once per scheme and shared by every later call.
    ///
    /// # Errors
    /// As [`Weighting::compute`].
    pub fn weights(&self, weighting: &Weighting) -> Result<Option<Arc<WeightingSummary>>> {
        if *weighting == Weighting::None {
            return Ok(None);
        }
        let (_, set) = self.inputs()?;
        let custom = match weighting {
            Weighting::Custom(name) => self.weights.custom(name),
            _ => None,
        };
        self.weights.get_or_compute(weighting, || {
            weighting.compute_with(self, set, &self.weights.options, custom.as_deref().map(Vec::as_slice))
        })
    }

    /// Give weights under a name, one per response in the response set's order, for the scheme
    /// [`Weighting::Custom`] (`custom:<name>`) of every study analysis. They are checked (one per
    /// response, finite, non-negative, not all 0) and rescaled to sum to the number of units when
    /// first used, and trimmed as the study's [`WeightingOptions`] say.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the study has no responses or the weights are not one per
    /// response or invalid.
    pub fn set_custom_weights(&self, name: &str, weights: Vec<f64>) -> Result<()> {
        let (_, set) = self.inputs()?;
        if weights.len() != set.len() {
            return Err(Error::InvalidArgument {
                name: "weights",
                message: format!("custom weights {name:?}: {} weights for {} responses", weights.len(), set.len()),
            });
        }
        crate::stats::check_weights(&weights, set.len())?;
        self.weights.set_custom(name, weights);
        Ok(())
    }
}
