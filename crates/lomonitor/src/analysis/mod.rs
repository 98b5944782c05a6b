//! Study-level analysis: the statistics of [`crate::stats`] applied to a study's responses with
//! the instrument's labels, missing codes and routing, and the frame's strata and totals.
//!
//! The population of analysis is the study's *reporting units*: every werkorganisatie once and
//! every municipality not served by one ([`Organisations::units`]); with no organisations that is
//! every municipality of the frame. A unit's stratum is that of its largest municipality. Finite
//! population corrections use the number of units (overall, or per stratum `N_h`).
//!
//! Bases follow routing: respondents who were not asked an item are outside its base; those who
//! saw it but did not answer, or gave a declared missing answer ("weet niet"), are shown in
//! frequencies and excluded from valid percentages.

mod context;
mod coverage;
mod interviews;
mod joint;
mod results;
mod shares;
mod weighting;

use std::collections::HashMap;

pub use context::{Analysis, AnalysisParts, WeightCache};
pub use results::{
    CrosstabTest, CrosstabTestKind, Estimate, ItemCrosstab, ItemDescriptives, ItemFrequencies, ItemMultiple,
    ItemProportions, ItemRanking, LabelledRow, OptionEstimate, PAdjustment, ResponseRates, ScaleSummary,
};
pub use weighting::{Weighting, WeightingOptions, WeightingSummary};

use crate::error::{Error, Result};
use crate::frame::{Organisations, Stratification, Unit};
use crate::instrument::{FIRST_LEVEL, Item, ItemKind, NOT_ASKED, Questionnaire, UNANSWERED};
use crate::meta::Language;
use crate::responses::{ANSWERED, ItemData, ResponseSet};
use crate::stats::{self, CiMethod, DescribeOptions, LevelKind, Missing, SurveyCiMethod};

/// Options shared by the study-level statistics.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AnalysisOptions {
    /// How to weight.
    pub weighting: Weighting,
    /// Confidence level.
    pub level: f64,
    /// Interval method for unweighted proportions (weighted ones use the design-based
    /// counterpart: Wald -> t, Logit -> logit, Clopper-Pearson/Korn-Graubard -> Korn-Graubard;
    /// Wilson and Hypergeometric fall back to logit with a note).
    pub ci: CiMethod,
    /// English labels instead of Dutch.
    pub language: Language,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        Self { weighting: Weighting::None, level: 0.95, ci: CiMethod::Wilson, language: Language::Nl }
    }
}

/// The reporting units of a study and their strata.
pub(crate) struct Units {
    /// Unit -> index.
    index: HashMap<Unit, usize>,
    /// Per unit, the stratum index under the stratification asked for.
    stratum: Vec<usize>,
    /// N_h: units per stratum.
    counts: Vec<u64>,
    /// Stratum labels.
    labels: Vec<String>,
}

impl Units {
    pub(crate) fn new(ctx: &Analysis<'_>, strat: &Stratification, lang: Language) -> Units {
        let frame = ctx.frame();
        let orgs: &Organisations = ctx.organisations();
        let units = orgs.units(frame);
        let levels = strat.counts_with_labels(frame, lang);
        let key_index: HashMap<String, usize> =
            levels.iter().map(|c| (c.stratum.key.clone(), c.stratum.index)).collect();
        let mut index = HashMap::with_capacity(units.len());
        let mut stratum = Vec::with_capacity(units.len());
        let mut counts = vec![0u64; levels.len()];
        for (i, u) in units.iter().enumerate() {
            let largest =
                orgs.municipalities_of(u).into_iter().filter_map(|c| frame.get(c)).max_by_key(|m| m.inhabitants);
            let h = largest.and_then(|m| key_index.get(&strat.key_of(m)).copied()).unwrap_or(0);
            index.insert(u.clone(), i);
            stratum.push(h);
            if let Some(c) = counts.get_mut(h) {
                *c += 1;
            }
        }
        Units { index, stratum, counts, labels: levels.into_iter().map(|c| c.stratum.label).collect() }
    }

    pub(crate) fn len(&self) -> usize {
        self.stratum.len()
    }

    /// The stratum of each response.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming the unit when a response's unit is not a reporting unit
    /// of the study (a member municipality of a werkorganisatie in a set not imported with the
    /// study's organisations): never put in a stratum silently.
    pub(crate) fn strata_of(&self, set: &ResponseSet) -> Result<Vec<usize>> {
        set.unit
            .iter()
            .map(|u| {
                self.index.get(u).and_then(|&i| self.stratum.get(i)).copied().ok_or_else(|| Error::InvalidArgument {
                    name: "responses",
                    message: format!(
                        "{u} is not a reporting unit of the study (a member of a werkorganisatie answers through it): import the responses with the study's organisations"
                    ),
                })
            })
            .collect()
    }
}

fn not_found(what: &'static str, query: &str, candidates: impl Iterator<Item = String>) -> Error {
    let mut scored: Vec<(f64, String)> =
        candidates.map(|c| (strsim::jaro_winkler(query, &c), c)).filter(|(s, _)| *s > 0.8).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    Error::NotFound { what, query: query.to_owned(), suggestions: scored.into_iter().take(3).map(|(_, c)| c).collect() }
}

fn weighted_ci(ci: CiMethod) -> (SurveyCiMethod, Option<&'static str>) {
    match ci {
        CiMethod::Wald => (SurveyCiMethod::Wald, None),
        CiMethod::Logit => (SurveyCiMethod::Logit, None),
        CiMethod::ClopperPearson | CiMethod::KornGraubard => (SurveyCiMethod::KornGraubard, None),
        CiMethod::Wilson | CiMethod::Hypergeometric => {
            (SurveyCiMethod::Logit, Some("weighted estimates use the design-based logit interval"))
        }
    }
}

impl Analysis<'_> {
    fn item_and_data<'a>(
        &'a self,
        q: &'a Questionnaire,
        set: &'a ResponseSet,
        id: &str,
    ) -> Result<(&'a Item, &'a ItemData)> {
        let i = q.position(id).ok_or_else(|| not_found("item", id, q.items.iter().map(|it| it.id.clone())))?;
        match (q.items.get(i), set.items.get(i)) {
            (Some(item), Some(data)) => Ok((item, data)),
            _ => Err(not_found("item", id, std::iter::empty())),
        }
    }

    /// The frequency table of a single-choice or Likert item, with labels, user-missing and
    /// unanswered rows shown and excluded from the valid percentages, and not-asked respondents
    /// outside the base.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown item; [`Error::InvalidArgument`] for an item of another
    /// kind; errors of the weighting.
    pub fn frequencies(&self, item: &str, options: &AnalysisOptions) -> Result<ItemFrequencies> {
        let (q, set) = self.inputs()?;
        let (it, data) = self.item_and_data(q, set, item)?;
        let ItemData::Coded { levels, .. } = data else {
            return Err(Error::InvalidArgument {
                name: "item",
                message: format!("{item:?} is a {} item: use multiple(), ranking() or describe()", it.kind.name()),
            });
        };
        let w = self.weights(&options.weighting)?;
        let n_levels = it.n_levels();
        let weighted = stats::weighted_counts(levels, n_levels, w.as_ref().map(|w| w.weights.as_slice()))?;
        let raw = stats::count_codes(levels, n_levels)?;
        let opts = it.options();
        let mut kinds = Vec::with_capacity(n_levels - 1);
        let mut labels = Vec::with_capacity(n_levels - 1);
        let mut codes = Vec::with_capacity(n_levels - 1);
        kinds.push(LevelKind::Unanswered);
        labels.push(options.language.tr("geen antwoord", "no answer").to_owned());
        codes.push(None);
        for o in &opts {
            kinds.push(LevelKind::Valid);
            labels.push(o.label.get(options.language).to_owned());
            codes.push(Some(o.code));
        }
        for m in &it.missing {
            kinds.push(LevelKind::UserMissing);
            labels.push(m.label.get(options.language).to_owned());
            codes.push(Some(m.code));
        }
        let counts: Vec<f64> = weighted.iter().skip(usize::from(UNANSWERED)).copied().collect();
        let table = stats::FrequencyTable::from_counts(&counts, &kinds, w.is_some())?;
        let rows = table
            .rows
            .iter()
            .zip(labels)
            .zip(codes)
            .zip(raw.iter().skip(1))
            .map(|(((r, label), code), &n)| LabelledRow {
                code,
                label,
                kind: r.kind,
                count: r.count,
                unweighted_count: n,
                percent: r.percent,
                valid_percent: r.valid_percent,
                cumulative_valid_percent: r.cumulative_valid_percent,
            })
            .collect();
        Ok(ItemFrequencies {
            item: it.id.clone(),
            label: it.short_label(options.language).to_owned(),
            question: it.text.get(options.language).to_owned(),
            rows,
            n_asked: levels.iter().filter(|&&l| l != NOT_ASKED).count(),
            n_not_asked: raw.first().copied().unwrap_or(0) as usize,
            n_valid: raw.iter().skip(usize::from(FIRST_LEVEL)).take(opts.len()).sum::<u64>() as usize,
            weighted: w.is_some(),
            weighting: w.map(|w| w.description.clone()),
        })
    }

    /// Proportions with standard errors and confidence intervals for every option of a
    /// single-choice, Likert or multiple-choice item, among the valid answers. Unweighted
    /// estimates use [`stats::proportion_ci`] with the finite population correction for the
    /// units' population scaled to the item's valid share (`N_item = N * n_valid / n_responses`,
    /// rounded); weighted ones are domain estimates within the full weighted design
    /// ([`stats::survey_domain_proportion`]): the weights of every respondent, the respondents
    /// without a valid answer as zeros in the domain indicator, the strata of the weighting with
    /// the fpc `1 - n_h/N_h` from all respondents, df `n_d - H_d` (R `survey`'s `degf` of a
    /// subset).
    ///
    /// # Errors
    /// As [`Analysis::frequencies`]; [`Error::TooFewObservations`] when nobody answered.
    pub fn proportions(&self, item: &str, options: &AnalysisOptions) -> Result<ItemProportions> {
        let (q, set) = self.inputs()?;
        let (it, data) = self.item_and_data(q, set, item)?;
        let opts = it.options();
        // y[k][row] for the rows in the base.
        let (base_rows, ys): (Vec<usize>, Vec<Vec<u8>>) = match data {
            ItemData::Coded { levels, .. } => {
                let rows: Vec<usize> = (0..levels.len())
                    .filter(|&r| {
                        levels.get(r).is_some_and(|&l| l >= FIRST_LEVEL && usize::from(l - FIRST_LEVEL) < opts.len())
                    })
                    .collect();
                let ys = (0..opts.len())
                    .map(|k| {
                        rows.iter()
                            .map(|&r| u8::from(levels.get(r).copied() == u8::try_from(k).ok().map(|k| k + FIRST_LEVEL)))
                            .collect()
                    })
                    .collect();
                (rows, ys)
            }
            ItemData::Multiple { state, selected, .. } => {
                let rows: Vec<usize> = (0..state.len()).filter(|&r| state.get(r) == Some(&ANSWERED)).collect();
                let ys = selected
                    .iter()
                    .map(|col| rows.iter().map(|&r| col.get(r).copied().unwrap_or(0)).collect())
                    .collect();
                (rows, ys)
            }
            _ => {
                return Err(Error::InvalidArgument {
                    name: "item",
                    message: format!("{item:?} is a {} item: proportions need a choice or Likert item", it.kind.name()),
                });
            }
        };
        let n = base_rows.len();
        if n == 0 {
            return Err(Error::TooFewObservations { what: "proportions: valid answers", min: 1, n: 0 });
        }
        let w = self.weights(&options.weighting)?;
        let units = Units::new(self, &options.weighting.stratification(self)?, options.language);
        let population = ((units.len() as f64) * (n as f64) / (set.len().max(1) as f64)).round().max(n as f64) as u64;
        let mut in_base = vec![false; set.len()];
        for &r in &base_rows {
            if let Some(b) = in_base.get_mut(r) {
                *b = true;
            }
        }
        let mut out = Vec::with_capacity(opts.len());
        let mut note = None;
        let (method, weighted_note) = weighted_ci(options.ci);
        for (o, y) in opts.iter().zip(&ys) {
            let x: u64 = y.iter().map(|&v| u64::from(v)).sum();
            let estimate = match &w {
                None => Estimate::from(stats::proportion_ci(x, n as u64, options.level, options.ci, Some(population))?),
                Some(w) => {
                    // The domain estimate within the full weighted design (as R survey's
                    // svydesign + subset, samplics, svy): every respondent's weight, the rows
                    // without a valid answer as zeros, the fpc from the full stratum counts.
                    let (strata, pops) = compact_strata(&units.strata_of(set)?, &units.counts);
                    let mut y_all = vec![0u8; set.len()];
                    for (&r, &v) in base_rows.iter().zip(y) {
                        if let Some(cell) = y_all.get_mut(r) {
                            *cell = v;
                        }
                    }
                    note = weighted_note;
                    Estimate::from(stats::survey_domain_proportion(
                        &y_all,
                        &w.weights,
                        Some(&strata),
                        Some(&pops),
                        &stats::Domain { members: &in_base, df: stats::DomainDf::default() },
                        options.level,
                        method,
                    )?)
                }
            };
            out.push(OptionEstimate {
                code: o.code,
                label: o.label.get(options.language).to_owned(),
                count: x,
                estimate,
            });
        }
        Ok(ItemProportions {
            item: it.id.clone(),
            label: it.short_label(options.language).to_owned(),
            options: out,
            n,
            population: if w.is_some() { units.len() as u64 } else { population },
            level: options.level,
            method: {
                let survey_name = method.label(options.language);
                match (&w, options.language) {
                    (None, Language::En) => format!(
                        "{} interval with finite population correction (N = {population})",
                        options.ci.label(options.language)
                    ),
                    (None, Language::Nl) => format!(
                        "{}-interval met eindige-populatiecorrectie (N = {population})",
                        options.ci.label(options.language)
                    ),
                    (Some(_), Language::En) => format!(
                        "design-based {survey_name} interval, Taylor linearization, stratified with fpc{}",
                        note.map_or(String::new(), |n| format!(" ({n})"))
                    ),
                    (Some(_), Language::Nl) => format!(
                        "design-based {survey_name}-interval, Taylor-linearisatie, gestratificeerd met eindige-populatiecorrectie{}",
                        note.map_or(String::new(), |_| {
                            " (gewogen schattingen krijgen het design-based logit-interval)".to_owned()
                        })
                    ),
                }
            },
            weighted: w.is_some(),
            weighting: w.map(|w| w.description.clone()),
        })
    }

    /// Descriptive statistics of a Likert or numeric item (valid answers only), with the finite
    /// population correction; for Likert items the top-2-box and bottom-2-box shares; the
    /// skewness G1 (SPSS).
    ///
    /// # Errors
    /// As [`Analysis::frequencies`]; [`Error::TooFewObservations`] when nobody answered.
    pub fn describe(&self, item: &str, options: &AnalysisOptions) -> Result<ItemDescriptives> {
        let (q, set) = self.inputs()?;
        let (it, data) = self.item_and_data(q, set, item)?;
        let (values, top_codes) = values_of(it, data)?;
        let w = self.weights(&options.weighting)?;
        let units = Units::new(self, self.default_stratification(), options.language);
        let opts = DescribeOptions {
            level: options.level,
            population: Some(units.len() as u64),
            bottom_codes: if top_codes.is_empty() { Vec::new() } else { vec![1.0, 2.0] },
            top_codes,
            ..DescribeOptions::default()
        };
        let stats = stats::describe(&values, w.as_ref().map(|w| w.weights.as_slice()), &opts)?;
        Ok(ItemDescriptives {
            item: it.id.clone(),
            label: it.short_label(options.language).to_owned(),
            n_not_asked: count_not_asked(data, set.len()),
            stats,
            weighted: w.is_some(),
            weighting: w.map(|w| w.description.clone()),
        })
    }

    /// Multiple response: % of respondents and % of mentions per option; the base is the
    /// respondents who answered the item.
    ///
    /// # Errors
    /// As [`Analysis::frequencies`].
    pub fn multiple(&self, item: &str, options: &AnalysisOptions) -> Result<ItemMultiple> {
        let (q, set) = self.inputs()?;
        let (it, data) = self.item_and_data(q, set, item)?;
        let ItemData::Multiple { state, selected, .. } = data else {
            return Err(Error::InvalidArgument {
                name: "item",
                message: format!("{item:?} is not a multiple-choice item"),
            });
        };
        let w = self.weights(&options.weighting)?;
        let asked: Vec<bool> = state.iter().map(|&s| s == ANSWERED).collect();
        let cols: Vec<&[u8]> = selected.iter().map(Vec::as_slice).collect();
        let table = stats::multiple_response(&cols, Some(&asked), w.as_ref().map(|w| w.weights.as_slice()))?;
        Ok(ItemMultiple {
            item: it.id.clone(),
            label: it.short_label(options.language).to_owned(),
            option_labels: it.options().iter().map(|o| o.label.get(options.language).to_owned()).collect(),
            option_codes: it.options().iter().map(|o| o.code).collect(),
            n_not_asked: state.iter().filter(|&&s| s == NOT_ASKED).count(),
            n_unanswered: state.iter().filter(|&&s| s != NOT_ASKED && s != ANSWERED).count(),
            table,
            weighted: w.is_some(),
            weighting: w.map(|w| w.description.clone()),
        })
    }

    /// A ranking item: mean rank, % ranked first, % in the top k.
    ///
    /// # Errors
    /// As [`Analysis::frequencies`].
    pub fn ranking(&self, item: &str, options: &AnalysisOptions) -> Result<ItemRanking> {
        let (q, set) = self.inputs()?;
        let (it, data) = self.item_and_data(q, set, item)?;
        let (ItemData::Ranking { state, ranks }, ItemKind::Ranking { top, .. }) = (data, &it.kind) else {
            return Err(Error::InvalidArgument { name: "item", message: format!("{item:?} is not a ranking item") });
        };
        let w = self.weights(&options.weighting)?;
        let asked: Vec<bool> = state.iter().map(|&s| s == ANSWERED).collect();
        let cols: Vec<&[u8]> = ranks.iter().map(Vec::as_slice).collect();
        let table = stats::ranking(&cols, *top, Some(&asked), w.as_ref().map(|w| w.weights.as_slice()))?;
        Ok(ItemRanking {
            item: it.id.clone(),
            label: it.short_label(options.language).to_owned(),
            option_labels: it.options().iter().map(|o| o.label.get(options.language).to_owned()).collect(),
            top: *top,
            table,
            weighted: w.is_some(),
            weighting: w.map(|w| w.description.clone()),
        })
    }

    /// A crosstab of a single-choice or Likert item (rows, valid answers) by a stratum variable
    /// of the frame (`size_class`, `province`, `corop`) or by another coded item (columns), with
    /// chi-square, Cramér's V, Fisher's exact test for 2x2, and — when weighted — the Rao–Scott
    /// correction. Cells with unweighted counts under `suppress_below` are suppressed (marked).
    /// The result names the test the report states ([`ItemCrosstab::test`]): an exact test
    /// where the expected counts are small (Fisher 2x2, Fisher–Freeman–Halton by seeded Monte
    /// Carlo for r x c); adjust a report's tests together with [`adjust_p_values`].
    ///
    /// # Errors
    /// As [`Analysis::frequencies`]; [`Error::TooFewObservations`] when no respondent has both.
    pub fn crosstab(
        &self,
        item: &str,
        by: &str,
        options: &AnalysisOptions,
        suppress_below: Option<u64>,
    ) -> Result<ItemCrosstab> {
        let (q, set) = self.inputs()?;
        let (it, data) = self.item_and_data(q, set, item)?;
        let ItemData::Coded { levels, .. } = data else {
            return Err(Error::InvalidArgument {
                name: "item",
                message: format!("{item:?} is not a single-choice or Likert item"),
            });
        };
        let row_labels: Vec<String> = it.options().iter().map(|o| o.label.get(options.language).to_owned()).collect();
        let n_rows = row_labels.len();
        // Columns: a stratum variable or another item.
        let (col_codes, col_labels, by_label): (Vec<Option<u8>>, Vec<String>, String) =
            if let Ok(strat) = self.stratification(by) {
                let units = Units::new(self, &strat, options.language);
                let s = units.strata_of(set)?;
                (
                    s.into_iter().map(|h| u8::try_from(h).ok()).collect(),
                    units.labels.clone(),
                    strat.vars().iter().map(|v| v.label(options.language)).collect::<Vec<_>>().join(" × "),
                )
            } else {
                let (bit, bdata) = self.item_and_data(q, set, by)?;
                let ItemData::Coded { levels: bl, .. } = bdata else {
                    return Err(Error::InvalidArgument {
                        name: "by",
                        message: format!("{by:?} is neither a stratum variable nor a coded item"),
                    });
                };
                let k = bit.options().len();
                (
                    bl.iter()
                        .map(|&l| (l >= FIRST_LEVEL && usize::from(l - FIRST_LEVEL) < k).then(|| l - FIRST_LEVEL))
                        .collect(),
                    bit.options().iter().map(|o| o.label.get(options.language).to_owned()).collect(),
                    bit.short_label(options.language).to_owned(),
                )
            };
        let mut rows = Vec::new();
        let mut cols = Vec::new();
        let mut picked = Vec::new();
        for (r, (&l, c)) in levels.iter().zip(&col_codes).enumerate() {
            if let Some(c) = c
                && l >= FIRST_LEVEL
                && usize::from(l - FIRST_LEVEL) < n_rows
            {
                rows.push(l - FIRST_LEVEL);
                cols.push(*c);
                picked.push(r);
            }
        }
        if rows.is_empty() {
            return Err(Error::TooFewObservations { what: "crosstab: respondents with both answers", min: 1, n: 0 });
        }
        let w = self.weights(&options.weighting)?;
        let wts: Option<Vec<f64>> =
            w.as_ref().map(|w| picked.iter().map(|&r| w.weights.get(r).copied().unwrap_or(0.0)).collect());
        let table = stats::crosstab(&rows, n_rows, &cols, col_labels.len(), wts.as_deref())?;
        let rao_scott = match &wts {
            Some(wts) => {
                let units = Units::new(self, &options.weighting.stratification(self)?, options.language);
                let all = units.strata_of(set)?;
                let strata: Vec<usize> = picked.iter().map(|&r| all.get(r).copied().unwrap_or(0)).collect();
                let (strata, pops) = compact_strata(&strata, &units.counts);
                let design = stats::Design { weights: wts, strata: Some(&strata), population_sizes: Some(&pops) };
                stats::rao_scott(&rows, n_rows, &cols, col_labels.len(), &design).ok()
            }
            None => None,
        };
        let suppression = match suppress_below {
            Some(threshold) => Some(stats::suppress(
                &table.unweighted_counts,
                n_rows,
                col_labels.len(),
                &stats::DisclosureRule { threshold, ..stats::DisclosureRule::default() },
            )?),
            None => None,
        };
        let test = crosstab_test(&table, rao_scott.as_ref(), n_rows, col_labels.len())?;
        Ok(ItemCrosstab {
            test,
            item: it.id.clone(),
            label: it.short_label(options.language).to_owned(),
            by: by.to_owned(),
            by_label,
            row_labels,
            col_labels,
            table,
            rao_scott,
            suppression,
            weighted: w.is_some(),
            weighting: w.map(|w| w.description.clone()),
        })
    }

    /// The whole block of a scale: Cronbach's alpha with Feldt's interval, standardized alpha,
    /// alpha if item deleted, corrected item-total correlations, the design-weighted alpha when
    /// weighted, and each item's Likert summary. Reverse-keyed items are reversed first
    /// (`min + max - x`); declared missing answers count as missing.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown scale; errors of [`stats::scale_reliability`].
    pub fn scale(&self, id: &str, options: &AnalysisOptions, missing: Missing) -> Result<ScaleSummary> {
        let (q, set) = self.inputs()?;
        let scale = q.scale(id).ok_or_else(|| not_found("scale", id, q.scales.iter().map(|s| s.id.clone())))?;
        let w = self.weights(&options.weighting)?;
        let mut columns = Vec::with_capacity(scale.items.len());
        let mut items = Vec::with_capacity(scale.items.len());
        let mut reversed = Vec::new();
        for iid in &scale.items {
            let (it, data) = self.item_and_data(q, set, iid)?;
            let (values, _) = values_of(it, data)?;
            let values: Vec<Option<f64>> = if it.reverse {
                reversed.push(it.id.clone());
                let max = match it.kind {
                    ItemKind::Likert { points, .. } => f64::from(points),
                    _ => 1.0,
                };
                values.into_iter().map(|v| v.map(|x| stats::reverse_code(x, 1.0, max))).collect()
            } else {
                values
            };
            items.push(self.describe(iid, options)?);
            columns.push(values);
        }
        let cols: Vec<&[Option<f64>]> = columns.iter().map(Vec::as_slice).collect();
        let reliability =
            stats::scale_reliability(&cols, w.as_ref().map(|w| w.weights.as_slice()), missing, options.level)?;
        Ok(ScaleSummary {
            id: scale.id.clone(),
            label: scale.label.get(options.language).to_owned(),
            item_ids: scale.items.clone(),
            reversed,
            reliability,
            items,
            weighted: w.is_some(),
            weighting: w.map(|w| w.description.clone()),
        })
    }

    /// Response rates overall and per stratum, with the chi-square goodness-of-fit test of the
    /// respondents against the frame (counted in reporting units).
    ///
    /// # Errors
    /// As [`Analysis::stratification`]; errors of [`stats::representativeness()`].
    pub fn response_rates(&self, by: &str, lang: Language) -> Result<ResponseRates> {
        let (_, set) = self.inputs()?;
        let strat = self.stratification(by)?;
        let units = Units::new(self, &strat, lang);
        let mut n_h = vec![0u64; units.counts.len()];
        for h in units.strata_of(set)? {
            if let Some(c) = n_h.get_mut(h) {
                *c += 1;
            }
        }
        let result = stats::representativeness(&n_h, &units.counts)?;
        Ok(ResponseRates { by: strat.spec(), labels: units.labels, result })
    }
}

/// The test a crosstab reports: Rao–Scott when weighted; unweighted, Pearson's chi-square, or
/// when more than 20% of the expected counts are under 5 (or one under 1) Fisher's exact test
/// (2x2) or the Fisher–Freeman–Halton test by seeded Monte Carlo (r x c, B = 10,000, seed
/// [`stats::FISHER_RXC_SEED`]) on the rows and columns that hold answers.
fn crosstab_test(
    table: &stats::Crosstab,
    rao_scott: Option<&stats::RaoScott>,
    n_rows: usize,
    n_cols: usize,
) -> Result<Option<CrosstabTest>> {
    let small = table.chi_square.as_ref().is_some_and(|c| c.small_expected_warning);
    let make = |kind: CrosstabTestKind, p_value: f64| CrosstabTest {
        kind,
        name: kind.label(),
        p_value,
        small_expected: small,
        replicates: None,
        seed: None,
        mc_standard_error: None,
        p_adjusted: None,
        p_adjustment: None,
    };
    if table.weighted {
        return Ok(rao_scott.map(|r| make(CrosstabTestKind::RaoScott, r.f_p_value)));
    }
    let Some(chi) = &table.chi_square else { return Ok(None) };
    if !small {
        return Ok(Some(make(CrosstabTestKind::ChiSquare, chi.p_value)));
    }
    // the rows and columns that hold answers
    let cell = |i: usize, j: usize| table.unweighted_counts.get(i * n_cols + j).copied().unwrap_or(0);
    let rows: Vec<usize> = (0..n_rows).filter(|&i| (0..n_cols).any(|j| cell(i, j) > 0)).collect();
    let cols: Vec<usize> = (0..n_cols).filter(|&j| (0..n_rows).any(|i| cell(i, j) > 0)).collect();
    let flat: Vec<u64> = rows.iter().flat_map(|&i| cols.iter().map(move |&j| cell(i, j))).collect();
    if let [a, b, c, d] = flat.as_slice() {
        return Ok(Some(make(CrosstabTestKind::Fisher, stats::fisher_exact_2x2([*a, *b, *c, *d]).p_value)));
    }
    let mc = stats::fisher_rxc_monte_carlo(
        &flat,
        rows.len(),
        cols.len(),
        stats::FISHER_RXC_REPLICATES,
        stats::FISHER_RXC_SEED,
    )?;
    Ok(Some(CrosstabTest {
        replicates: Some(mc.replicates),
        seed: Some(mc.seed),
        mc_standard_error: Some(mc.mc_standard_error),
        ..make(CrosstabTestKind::FisherFreemanHalton, mc.p_value)
    }))
}

/// Adjust the p-values of the tests of one report together (Holm or Benjamini–Hochberg), and
/// write the adjusted p and the method into each crosstab's [`CrosstabTest`]. Crosstabs without
/// a test are left as they are and do not count in the family.
///
/// # Errors
/// Errors of [`stats::holm`] / [`stats::benjamini_hochberg`] (a p-value outside 0..1).
pub fn adjust_p_values(crosstabs: &mut [ItemCrosstab], method: PAdjustment) -> Result<()> {
    let p: Vec<f64> = crosstabs.iter().filter_map(|c| c.test.as_ref().map(|t| t.p_value)).collect();
    if p.is_empty() {
        return Ok(());
    }
    let adjusted = match method {
        PAdjustment::Holm => stats::holm(&p)?,
        PAdjustment::BenjaminiHochberg => stats::benjamini_hochberg(&p)?,
    };
    let mut it = adjusted.into_iter();
    for t in crosstabs.iter_mut().filter_map(|c| c.test.as_mut()) {
        t.p_adjusted = it.next();
        t.p_adjustment = Some(method);
    }
    Ok(())
}

/// Dense stratum indices over the strata present, with their N_h.
fn compact_strata(strata: &[usize], counts: &[u64]) -> (Vec<usize>, Vec<f64>) {
    let mut map: HashMap<usize, usize> = HashMap::new();
    let mut pops = Vec::new();
    let dense = strata
        .iter()
        .map(|&h| {
            *map.entry(h).or_insert_with(|| {
                pops.push(counts.get(h).copied().unwrap_or(0) as f64);
                pops.len() - 1
            })
        })
        .collect();
    (dense, pops)
}

fn count_not_asked(data: &ItemData, n: usize) -> usize {
    (0..n).filter(|&r| data.state(r, 0) == NOT_ASKED).count()
}

/// Valid values of a Likert or numeric item (None for everything else) and its top-2 codes.
fn values_of(it: &Item, data: &ItemData) -> Result<(Vec<Option<f64>>, Vec<f64>)> {
    match (data, &it.kind) {
        (ItemData::Coded { levels, .. }, ItemKind::Likert { points, .. }) => {
            let k = usize::from(*points);
            let vals = levels
                .iter()
                .map(|&l| {
                    (l >= FIRST_LEVEL && usize::from(l - FIRST_LEVEL) < k).then(|| f64::from(l - FIRST_LEVEL + 1))
                })
                .collect();
            Ok((vals, vec![f64::from(*points) - 1.0, f64::from(*points)]))
        }
        (ItemData::Numeric { state, values }, _) => {
            Ok((state.iter().zip(values).map(|(&s, &v)| (s == ANSWERED).then_some(v)).collect(), Vec::new()))
        }
        _ => Err(Error::InvalidArgument {
            name: "item",
            message: format!("{:?} is a {} item: describe() needs a Likert or numeric item", it.id, it.kind.name()),
        }),
    }
}
