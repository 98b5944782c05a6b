//! Agreement between coders on nominal (and, for Krippendorff's alpha, ordinal, interval and
//! ratio) codes: percent agreement, Cohen's kappa, Fleiss' kappa, Brennan–Prediger, Gwet's AC1
//! and Krippendorff's alpha, each with the standard error and interval of Gwet (2014) as the
//! irrCAC package computes them, and a seeded bootstrap interval for Krippendorff's alpha.
//!
//! # Data layout
//! A [`RatingMatrix`] is built once from a units x coders matrix stored row-major as
//! `&[Option<u32>]` (`None` = not coded) and the number of coders; unit `i`, coder `g` is
//! `codes[i * n_coders + g]`. The codes are category labels; Krippendorff's alpha at the
//! interval and ratio levels reads them as numbers. [`RatingMatrix::from_f64`] reads the same
//! layout from floating-point numbers with `NaN` for not coded (a numpy `float64` matrix). Units nobody coded are dropped (as irrCAC
//! does); units coded by one coder only stay in the marginal proportions of Fleiss, Gwet and
//! Cohen, but cannot be paired and drop out of Krippendorff's alpha. Construction sorts the
//! category codes and stores each unit's category counts in one pass; every coefficient then
//! runs in time linear in the number of codes.
//!
//! # Variance and interval
//! Every coefficient `kappa` has a linearised per-unit term `x_i` (Gwet 2008, 2014) and
//! ```text
//! var = (1 - f) / (n (n - 1)) * sum_i (x_i - kappa)^2,   f = n / N
//! interval = kappa -+ t_{(1+level)/2, n-1} * se, the upper bound capped at 1
//! ```
//! where `n` is the number of units with at least one code and `N` the population size
//! ([`AgreementOptions::population`], infinite by default: `f = 0`, irrCAC's `N = inf`).
//! For a census (`n = N`) the standard error is 0 and the interval collapses to the estimate
//! (irrCAC prints a standard error of 1e-15 there to avoid dividing by zero). With fewer than 2
//! units the standard error and interval are `None`.
//!
//! # Degenerate data
//! - nothing coded: [`Error::TooFewObservations`];
//! - no unit coded by two or more coders: [`Error::TooFewObservations`];
//! - fewer than 2 categories (observed, or declared with [`RatingMatrix::with_categories`]): the
//!   chance-corrected coefficients are 0/0 and return [`Error::InvalidArgument`] naming the
//!   data. irrCAC returns NaN for Fleiss and Conger/Cohen here, and a value near 1 for AC1 and
//!   Brennan–Prediger only because it replaces the chance agreement by 1 - 1e-15 and 1e-15;
//!   the krippendorff package raises "more than one value in the domain". The percent agreement
//!   is still returned, without a standard error (as R irrCAC's `pa.coeff.raw`, whose standard
//!   error needs 2 categories);
//! - chance agreement equal to 1 for Fleiss or Cohen (only one category used although more are
//!   declared): [`Error::InvalidArgument`].

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha20Rng;

use super::{Interval, check_level, t_quantile};
use crate::error::{Error, Result};

/// Which agreement coefficient a result holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Coefficient {
    /// Percent agreement (pairwise, averaged over units coded at least twice).
    PercentAgreement,
    /// Cohen's kappa for two coders (Conger's kappa with two coders, irrCAC's convention).
    CohenKappa,
    /// Fleiss' generalised kappa.
    FleissKappa,
    /// Brennan and Prediger's coefficient (chance agreement 1/q).
    BrennanPrediger,
    /// Gwet's AC1.
    GwetAc1,
    /// Krippendorff's alpha at a level of measurement.
    KrippendorffAlpha(MeasurementLevel),
}

impl Coefficient {
    /// The canonical names, in declaration order (Krippendorff's alpha without its level).
    pub const CHOICES: &'static [&'static str] =
        &["percent_agreement", "cohen_kappa", "fleiss_kappa", "brennan_prediger", "gwet_ac1", "krippendorff_alpha"];

    /// The canonical name (the name of the Python function; the level of alpha is apart).
    pub fn name(self) -> &'static str {
        match self {
            Coefficient::PercentAgreement => "percent_agreement",
            Coefficient::CohenKappa => "cohen_kappa",
            Coefficient::FleissKappa => "fleiss_kappa",
            Coefficient::BrennanPrediger => "brennan_prediger",
            Coefficient::GwetAc1 => "gwet_ac1",
            Coefficient::KrippendorffAlpha(_) => "krippendorff_alpha",
        }
    }
}

impl std::fmt::Display for Coefficient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Coefficient {
    type Err = Error;

    /// A canonical name (case-insensitive; `-`, `_` and space alike). `krippendorff_alpha` is
    /// at the default (nominal) level: set the level apart.
    fn from_str(s: &str) -> Result<Self> {
        let all = [
            Coefficient::PercentAgreement,
            Coefficient::CohenKappa,
            Coefficient::FleissKappa,
            Coefficient::BrennanPrediger,
            Coefficient::GwetAc1,
            Coefficient::KrippendorffAlpha(MeasurementLevel::default()),
        ];
        all.into_iter()
            .find(|c| crate::options::same_name(s, c.name()))
            .ok_or_else(|| crate::options::unknown("coefficient", "coefficient", s, Self::CHOICES))
    }
}

impl crate::options::OptionName for Coefficient {
    const WHAT: &'static str = "coefficient";
    const CHOICES: &'static [&'static str] = Coefficient::CHOICES;
    fn canonical(self) -> &'static str {
        self.name()
    }
}

/// Level of measurement for Krippendorff's alpha: which distance between two codes counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MeasurementLevel {
    /// Codes are labels: distance 0 if equal, 1 otherwise.
    #[default]
    Nominal,
    /// Codes are ordered: distance from the number of pairable values between them.
    Ordinal,
    /// Codes are numbers: squared difference.
    Interval,
    /// Codes are non-negative numbers: squared relative difference `((a-b)/(a+b))^2` (0 for 0,0).
    Ratio,
}

crate::options::named_options!(MeasurementLevel, arg = "level", what = "level of measurement", {
    Nominal => "nominal",
    Ordinal => "ordinal",
    Interval => "interval",
    Ratio => "ratio",
});

/// Options shared by the agreement coefficients.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AgreementOptions {
    /// Confidence level of the interval, in (0, 1). Default 0.95.
    pub level: f64,
    /// Population size `N` of units for the finite-population correction `1 - n/N`; `None` is
    /// an infinite population (irrCAC's default `N = inf`).
    pub population: Option<f64>,
}

impl Default for AgreementOptions {
    fn default() -> Self {
        Self { level: 0.95, population: None }
    }
}

/// An agreement coefficient with its precision.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Agreement {
    /// The coefficient.
    pub coefficient: Coefficient,
    /// Its estimate.
    pub estimate: f64,
    /// Its standard error (`None` with fewer than 2 units, or as documented per coefficient).
    pub se: Option<f64>,
    /// Its confidence interval (t-based, or percentile bootstrap where the method says so).
    pub interval: Option<Interval>,
    /// Observed (percent) agreement `pa` entering the coefficient.
    pub observed_agreement: f64,
    /// Chance agreement `pe` entering the coefficient (0 for the percent agreement).
    pub chance_agreement: f64,
    /// Units with at least one code (the `n` of the variance).
    pub n_units: usize,
    /// Units coded by at least two coders.
    pub n_pairable_units: usize,
    /// Units given that nobody coded (dropped).
    pub n_units_uncoded: usize,
    /// Coders (columns).
    pub n_coders: usize,
    /// Missing cells among the units with at least one code.
    pub n_missing: usize,
    /// Categories used for the chance agreement.
    pub n_categories: usize,
    /// How the estimate, standard error and interval were computed.
    pub method: String,
}

/// A units x coders matrix of category codes, validated and indexed once.
#[derive(Clone, Debug)]
pub struct RatingMatrix {
    n_coders: usize,
    n_units_input: usize,
    /// Sorted distinct category codes (observed or declared).
    categories: Vec<u32>,
    /// Retained units x coders, dense category index.
    cells: Vec<Option<u32>>,
    /// Per retained unit, the range of `entries` holding its (category, count) pairs.
    offsets: Vec<usize>,
    entries: Vec<(usize, f64)>,
    /// Codes per retained unit.
    totals: Vec<f64>,
    /// Missing cells of the retained units.
    n_missing: usize,
}

fn check_layout(n_codes: usize, n_coders: usize) -> Result<()> {
    if n_coders == 0 || !n_codes.is_multiple_of(n_coders) {
        return Err(Error::InvalidArgument {
            name: "n_coders",
            message: format!("{n_codes} codes do not form rows of {n_coders} coders"),
        });
    }
    Ok(())
}

/// Largest code for which a table indexed by the code itself is used: small next to the data
/// (codes are usually `0..q` or `1..q`), so the table costs no more than one pass over them.
fn dense_limit(n_codes: usize) -> usize {
    n_codes.saturating_mul(2).max(1024)
}

/// The sorted categories and a map from a code to its index among them.
struct CategoryIndex {
    categories: Vec<u32>,
    /// `table[code]` = index + 1 (0: not a category), when the largest category is small.
    table: Option<Vec<u32>>,
}

impl CategoryIndex {
    /// From a table of which codes occur (`seen[code]`).
    fn from_presence(seen: &[bool]) -> Self {
        let mut categories = Vec::new();
        let table = seen
            .iter()
            .zip(0u32..)
            .map(|(&s, code)| {
                if s {
                    categories.push(code);
                    categories.len() as u32
                } else {
                    0
                }
            })
            .collect();
        Self { categories, table: Some(table) }
    }

    /// From sorted distinct categories: a lookup table when they are small next to the data,
    /// else binary search.
    fn sorted(categories: Vec<u32>, n_codes: usize) -> Self {
        let table = match categories.last() {
            Some(&max) if (max as usize) <= dense_limit(n_codes) => {
                let mut t = vec![0u32; max as usize + 1];
                for (&c, k) in categories.iter().zip(1u32..) {
                    if let Some(x) = t.get_mut(c as usize) {
                        *x = k;
                    }
                }
                Some(t)
            }
            _ => None,
        };
        Self { categories, table }
    }

    /// Index of `code` among the categories.
    #[inline]
    fn get(&self, code: u32) -> Option<u32> {
        match &self.table {
            Some(t) => t.get(code as usize).copied().filter(|&k| k > 0).map(|k| k - 1),
            None => self.categories.binary_search(&code).ok().map(|k| k as u32),
        }
    }
}

/// Map one unit's row of codes to category indices (appended to `cells`, `None` where not
/// coded), calling `tally` with each category; the number of codes, or `None` for a unit nobody
/// coded (its cells are taken back). The row's uncoded cells are added to `n_missing`.
fn index_unit<T: Copy>(
    row: &[T],
    index: &CategoryIndex,
    code: impl Fn(T) -> Option<u32>,
    cells: &mut Vec<Option<u32>>,
    n_missing: &mut usize,
    mut tally: impl FnMut(u32),
) -> Result<Option<u32>> {
    let start = cells.len();
    let mut r = 0u32;
    for &cell in row {
        match code(cell) {
            Some(c) => {
                let k = index.get(c).ok_or_else(|| not_declared(c))?;
                tally(k);
                r += 1;
                cells.push(Some(k));
            }
            None => cells.push(None),
        }
    }
    if r == 0 {
        cells.truncate(start);
        return Ok(None);
    }
    *n_missing += row.len() - r as usize;
    Ok(Some(r))
}

fn not_declared(code: u32) -> Error {
    Error::InvalidArgument { name: "categories", message: format!("code {code} is not among the declared categories") }
}

fn too_few(what: &'static str, min: usize, n: usize) -> Error {
    Error::TooFewObservations { what, min, n }
}

fn undefined(message: String) -> Error {
    Error::InvalidArgument { name: "codes", message }
}

impl RatingMatrix {
    /// Index a units x coders matrix, taking the categories to be the codes observed.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `n_coders` is 0 or does not divide `codes.len()`;
    /// [`Error::TooFewObservations`] when no unit has a code.
    pub fn new(codes: &[Option<u32>], n_coders: usize) -> Result<Self> {
        Self::index_observed(codes, n_coders, |c| c)
    }

    /// Index a units x coders matrix of codes held as floating-point numbers, `NaN` marking a
    /// cell not coded (the layout of the krippendorff package's `reliability_data`, transposed,
    /// and of a numpy `float64` matrix): the same as [`RatingMatrix::new`] on the codes as `u32`,
    /// without building that copy.
    ///
    /// # Errors
    /// As [`RatingMatrix::new`], and [`Error::InvalidArgument`] for a value that is not `NaN` and
    /// not a whole number in `0..=u32::MAX` (infinite, negative or fractional).
    pub fn from_f64(codes: &[f64], n_coders: usize) -> Result<Self> {
        if let Some((i, v)) = codes
            .iter()
            .enumerate()
            // A whole number in range survives the round trip through u32 (the cast saturates
            // and truncates, so nothing else does; -0.0 reads as 0).
            .find(|&(_, &v)| !(v.is_nan() || f64::from(v as u32) == v))
        {
            return Err(Error::InvalidArgument {
                name: "codes",
                message: format!(
                    "value {v} at position {i} is neither NaN (not coded) nor a whole number in 0..=4294967295"
                ),
            });
        }
        // Checked: every value that is not NaN is a whole number that fits a u32.
        Self::index_observed(codes, n_coders, |v: f64| (!v.is_nan()).then_some(v as u32))
    }

    /// [`RatingMatrix::new`] on cells read through `code` (None: not coded).
    fn index_observed<T: Copy>(codes: &[T], n_coders: usize, code: impl Fn(T) -> Option<u32> + Copy) -> Result<Self> {
        check_layout(codes.len(), n_coders)?;
        let coded = || codes.iter().filter_map(move |&v| code(v));
        // One pass: the coded cells, and which codes occur while they stay small (the usual 0..q
        // or 1..q: a presence table, no sort).
        let limit = dense_limit(codes.len());
        let mut seen: Vec<bool> = Vec::new();
        let mut dense = true;
        let mut n_coded = 0;
        for c in coded() {
            n_coded += 1;
            let i = c as usize;
            if dense && i >= seen.len() {
                if i > limit {
                    dense = false;
                } else {
                    seen.resize(i + 1, false);
                }
            }
            if let Some(s) = seen.get_mut(i) {
                *s = true;
            }
        }
        let index = if dense {
            CategoryIndex::from_presence(&seen)
        } else {
            let mut categories: Vec<u32> = coded().collect();
            categories.sort_unstable();
            categories.dedup();
            CategoryIndex::sorted(categories, codes.len())
        };
        Self::build(codes, n_coders, &index, n_coded, code)
    }

    /// Index a units x coders matrix with the full list of possible categories (irrCAC's
    /// `categories`), so that unused categories count in Brennan–Prediger's and Gwet's chance
    /// agreement.
    ///
    /// # Errors
    /// As [`RatingMatrix::new`], and [`Error::InvalidArgument`] when a code is not among
    /// `categories`.
    pub fn with_categories(codes: &[Option<u32>], n_coders: usize, categories: &[u32]) -> Result<Self> {
        check_layout(codes.len(), n_coders)?;
        let mut cats = categories.to_vec();
        cats.sort_unstable();
        cats.dedup();
        let n_coded = codes.iter().flatten().count();
        Self::build(codes, n_coders, &CategoryIndex::sorted(cats, codes.len()), n_coded, |c| c)
    }

    /// One pass over the rows: each code mapped to its category index, each unit's codes
    /// tallied in a table of category counts that is reset after the unit (no allocation per
    /// unit), the unit's (category, count) pairs written in category order.
    fn build<T: Copy>(
        codes: &[T],
        n_coders: usize,
        index: &CategoryIndex,
        n_coded: usize,
        code: impl Fn(T) -> Option<u32>,
    ) -> Result<Self> {
        let n_units_input = codes.len() / n_coders;
        let q = index.categories.len();
        let mut cells = Vec::with_capacity(codes.len());
        let mut offsets = Vec::with_capacity(n_units_input + 1);
        offsets.push(0);
        // At most one entry per code.
        let mut entries = Vec::with_capacity(n_coded);
        let mut totals = Vec::with_capacity(n_units_input);
        let mut counts = vec![0u32; q];
        // Few categories next to the coders: a unit's pairs are read off the whole count table
        // (no sort, no branch on whether a category is new to the unit).
        let scan = q <= n_coders.saturating_mul(2).saturating_add(16);
        // The categories a unit uses, in order of first use; at most one per coder of a row, and
        // never more than there are codes (n_coders may be absurdly large when nothing is coded).
        let mut used: Vec<u32> = Vec::with_capacity(if scan { 0 } else { n_coders.min(codes.len()).min(q) });
        let mut n_missing = 0;
        // Up to 16 categories and 255 coders (the usual case): a unit's counts are one byte each
        // in a u128 held in a register, so the tally has no memory round trip per code.
        if q <= 16 && n_coders <= 255 {
            for row in codes.chunks_exact(n_coders) {
                let mut tally = 0u128;
                let Some(r) = index_unit(row, index, &code, &mut cells, &mut n_missing, |k| {
                    tally += 1u128 << (8 * (k & 15));
                })?
                else {
                    continue;
                };
                for k in 0..q {
                    let n = (tally >> (8 * k)) as u8;
                    if n > 0 {
                        entries.push((k, f64::from(n)));
                    }
                }
                offsets.push(entries.len());
                totals.push(f64::from(r));
            }
        } else {
            for row in codes.chunks_exact(n_coders) {
                let Some(r) = index_unit(row, index, &code, &mut cells, &mut n_missing, |k| {
                    if let Some(n) = counts.get_mut(k as usize) {
                        if !scan && *n == 0 {
                            used.push(k);
                        }
                        *n += 1;
                    }
                })?
                else {
                    continue;
                };
                if scan {
                    for (k, n) in counts.iter_mut().enumerate() {
                        if *n > 0 {
                            entries.push((k, f64::from(*n)));
                        }
                        *n = 0;
                    }
                } else {
                    used.sort_unstable();
                    for &k in &used {
                        if let Some(n) = counts.get_mut(k as usize) {
                            entries.push((k as usize, f64::from(*n)));
                            *n = 0;
                        }
                    }
                    used.clear();
                }
                offsets.push(entries.len());
                totals.push(f64::from(r));
            }
        }
        if totals.is_empty() {
            return Err(too_few("agreement: coded units", 1, 0));
        }
        let categories = index.categories.clone();
        Ok(Self { n_coders, n_units_input, categories, cells, offsets, entries, totals, n_missing })
    }

    /// Units with at least one code.
    pub fn n_units(&self) -> usize {
        self.totals.len()
    }

    /// Number of coders.
    pub fn n_coders(&self) -> usize {
        self.n_coders
    }

    /// The categories, sorted.
    pub fn categories(&self) -> &[u32] {
        &self.categories
    }

    fn units(&self) -> impl Iterator<Item = (&[(usize, f64)], f64)> {
        self.offsets.windows(2).zip(&self.totals).map(|(w, &r)| {
            let unit = match *w {
                [lo, hi] => self.entries.get(lo..hi).unwrap_or(&[]),
                _ => &[],
            };
            (unit, r)
        })
    }

    fn n_pairable(&self) -> usize {
        self.totals.iter().filter(|&&r| r >= 2.0).count()
    }

    fn base(&self, coefficient: Coefficient, method: &str) -> Agreement {
        Agreement {
            coefficient,
            estimate: f64::NAN,
            se: None,
            interval: None,
            observed_agreement: f64::NAN,
            chance_agreement: 0.0,
            n_units: self.n_units(),
            n_pairable_units: self.n_pairable(),
            n_units_uncoded: self.n_units_input - self.n_units(),
            n_coders: self.n_coders,
            n_missing: self.n_missing,
            n_categories: self.categories.len(),
            method: method.to_owned(),
        }
    }

    /// `f = n/N`, checked.
    fn sampling_fraction(&self, opts: &AgreementOptions) -> Result<f64> {
        check_level(opts.level)?;
        match opts.population {
            None => Ok(0.0),
            Some(pop) if pop.is_finite() && pop >= self.n_units() as f64 => Ok(self.n_units() as f64 / pop),
            Some(pop) if pop.is_infinite() && pop > 0.0 => Ok(0.0),
            Some(pop) => Err(Error::InvalidArgument {
                name: "population",
                message: format!("population size {pop} is smaller than the {} coded units", self.n_units()),
            }),
        }
    }

    /// Observed agreement shared by percent agreement, Fleiss, Gwet, BP and Cohen:
    /// per unit `pa_i = sum_k r_ik (r_ik - 1) / (r_i (r_i - 1))` (0 when `r_i < 2`), and `pa`.
    fn observed(&self) -> Result<(Vec<f64>, f64, f64)> {
        let n2 = self.n_pairable();
        if n2 == 0 {
            return Err(too_few("agreement: units coded by two or more coders", 1, 0));
        }
        let pa_i: Vec<f64> =
            self.units()
                .map(|(unit, r)| {
                    if r >= 2.0 { unit.iter().map(|&(_, c)| c * (c - 1.0)).sum::<f64>() / (r * (r - 1.0)) } else { 0.0 }
                })
                .collect();
        let pa = pa_i.iter().sum::<f64>() / n2 as f64;
        Ok((pa_i, pa, n2 as f64))
    }

    /// Mean over units of each category's share of the unit's codes: `pi_k`.
    fn shares(&self) -> Vec<f64> {
        let mut pi = vec![0.0; self.categories.len()];
        let n = self.n_units() as f64;
        for (unit, r) in self.units() {
            for &(k, c) in unit {
                if let Some(p) = pi.get_mut(k) {
                    *p += c / r / n;
                }
            }
        }
        pi
    }

    #[allow(clippy::too_many_arguments)] // private plumbing: the pieces every coefficient hands over
    fn finish(
        &self,
        mut out: Agreement,
        estimate: f64,
        pa: f64,
        pe: f64,
        terms: Option<&[f64]>,
        center: f64,
        f: f64,
        level: f64,
    ) -> Result<Agreement> {
        out.estimate = estimate;
        out.observed_agreement = pa;
        out.chance_agreement = pe;
        let n = terms.map_or(0, <[f64]>::len);
        if let Some(terms) = terms
            && n >= 2
        {
            let nf = n as f64;
            let var = (1.0 - f) / (nf * (nf - 1.0)) * terms.iter().map(|x| (x - center).powi(2)).sum::<f64>();
            let se = var.max(0.0).sqrt();
            out.se = Some(se);
            out.interval = Some(t_interval(estimate, se, nf - 1.0, level)?);
        }
        Ok(out)
    }

    /// Percent agreement: the proportion of agreeing coder pairs, averaged over the units coded
    /// by at least two coders, with the standard error of R irrCAC's `pa.coeff.raw`.
    ///
    /// # Formula
    /// ```text
    /// pa_i = sum_k r_ik (r_ik - 1) / (r_i (r_i - 1))      r_ik: coders putting unit i in k
    /// pa   = mean of pa_i over the n2 units with r_i >= 2
    /// x_i  = (n / n2) pa_i  (0 for units with r_i < 2);  var as in the module docs
    /// ```
    /// The standard error is `None` with fewer than 2 categories (as irrCAC's `NA`).
    ///
    /// # Errors
    /// [`Error::TooFewObservations`] without a unit coded twice; [`Error::InvalidArgument`] for
    /// a bad level or population.
    ///
    /// # References
    /// Gwet, K. L. (2014). *Handbook of Inter-Rater Reliability* (4th ed.), ch. 5. Advanced
    /// Analytics, Gaithersburg, MD.
    pub fn percent_agreement(&self, opts: &AgreementOptions) -> Result<Agreement> {
        let f = self.sampling_fraction(opts)?;
        let (pa_i, pa, n2) = self.observed()?;
        let n = self.n_units() as f64;
        let terms: Vec<f64> = pa_i.iter().map(|p| n / n2 * p).collect();
        let out = self.base(Coefficient::PercentAgreement, "percent agreement; SE of irrCAC pa.coeff.raw");
        let terms = (self.categories.len() >= 2).then_some(terms.as_slice());
        self.finish(out, pa, pa, 0.0, terms, pa, f, opts.level)
    }

    /// Fleiss' generalised kappa, chance agreement from the pooled category shares.
    ///
    /// # Formula
    /// ```text
    /// pi_k  = (1/n) sum_i r_ik / r_i,   pe = sum_k pi_k^2,   kappa = (pa - pe) / (1 - pe)
    /// k_i   = (n/n2) (pa_i - pe [r_i >= 2]) / (1 - pe)
    /// pe_i  = sum_k r_ik pi_k / r_i
    /// x_i   = k_i - 2 (1 - kappa) (pe_i - pe) / (1 - pe)
    /// ```
    ///
    /// # Errors
    /// As [`RatingMatrix::percent_agreement`], and [`Error::InvalidArgument`] when the chance
    /// agreement is 1 (fewer than 2 categories used).
    ///
    /// # References
    /// Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
    /// *Psychological Bulletin* 76, 378-382. Gwet (2014), ch. 5.
    pub fn fleiss_kappa(&self, opts: &AgreementOptions) -> Result<Agreement> {
        let f = self.sampling_fraction(opts)?;
        self.need_categories("Fleiss' kappa")?;
        let (pa_i, pa, n2) = self.observed()?;
        let pi = self.shares();
        let pe: f64 = pi.iter().map(|p| p * p).sum();
        let denom = chance_denominator(pe, "Fleiss' kappa")?;
        let kappa = (pa - pe) / denom;
        let n = self.n_units() as f64;
        let terms: Vec<f64> = self
            .units()
            .zip(&pa_i)
            .map(|((unit, r), p)| {
                let pe_r2 = if r >= 2.0 { pe } else { 0.0 };
                let k_i = n / n2 * (p - pe_r2) / denom;
                let pe_i = unit.iter().map(|&(k, c)| c * pi.get(k).copied().unwrap_or(0.0)).sum::<f64>() / r;
                k_i - 2.0 * (1.0 - kappa) * (pe_i - pe) / denom
            })
            .collect();
        let out = self.base(Coefficient::FleissKappa, "Fleiss' kappa; SE and t interval as irrCAC fleiss()");
        self.finish(out, kappa, pa, pe, Some(&terms), kappa, f, opts.level)
    }

    /// Gwet's AC1.
    ///
    /// # Formula
    /// ```text
    /// pe   = sum_k pi_k (1 - pi_k) / (q - 1),   ac1 = (pa - pe) / (1 - pe)
    /// pe_i = sum_k r_ik (1 - pi_k) / (r_i (q - 1))
    /// x_i  = (n/n2) (pa_i - pe [r_i >= 2]) / (1 - pe) - 2 (1 - ac1) (pe_i - pe) / (1 - pe)
    /// ```
    ///
    /// # Errors
    /// As [`RatingMatrix::fleiss_kappa`].
    ///
    /// # References
    /// Gwet, K. L. (2008). Computing inter-rater reliability and its variance in the presence
    /// of high agreement. *British Journal of Mathematical and Statistical Psychology* 61, 29-48.
    pub fn gwet_ac1(&self, opts: &AgreementOptions) -> Result<Agreement> {
        let f = self.sampling_fraction(opts)?;
        let q = self.need_categories("Gwet's AC1")?;
        let (pa_i, pa, n2) = self.observed()?;
        let pi = self.shares();
        let pe: f64 = pi.iter().map(|p| p * (1.0 - p)).sum::<f64>() / (q - 1.0);
        let denom = chance_denominator(pe, "Gwet's AC1")?;
        let ac1 = (pa - pe) / denom;
        let n = self.n_units() as f64;
        let terms: Vec<f64> = self
            .units()
            .zip(&pa_i)
            .map(|((unit, r), p)| {
                let pe_r2 = if r >= 2.0 { pe } else { 0.0 };
                let k_i = n / n2 * (p - pe_r2) / denom;
                let pe_i = unit.iter().map(|&(k, c)| c * (1.0 - pi.get(k).copied().unwrap_or(0.0))).sum::<f64>()
                    / (r * (q - 1.0));
                k_i - 2.0 * (1.0 - ac1) * (pe_i - pe) / denom
            })
            .collect();
        let out = self.base(Coefficient::GwetAc1, "Gwet's AC1; SE and t interval as irrCAC gwet()");
        self.finish(out, ac1, pa, pe, Some(&terms), ac1, f, opts.level)
    }

    /// Brennan and Prediger's coefficient: chance agreement `1/q` for `q` categories.
    ///
    /// # Formula
    /// ```text
    /// pe = 1/q,   bp = (pa - pe) / (1 - pe),   x_i = (n/n2) (pa_i - pe [r_i >= 2]) / (1 - pe)
    /// ```
    ///
    /// # Errors
    /// As [`RatingMatrix::fleiss_kappa`].
    ///
    /// # References
    /// Brennan, R. L., & Prediger, D. J. (1981). Coefficient kappa: some uses, misuses, and
    /// alternatives. *Educational and Psychological Measurement* 41, 687-699. Gwet (2014).
    pub fn brennan_prediger(&self, opts: &AgreementOptions) -> Result<Agreement> {
        let f = self.sampling_fraction(opts)?;
        let q = self.need_categories("Brennan-Prediger")?;
        let (pa_i, pa, n2) = self.observed()?;
        let pe = 1.0 / q;
        let denom = 1.0 - pe;
        let bp = (pa - pe) / denom;
        let n = self.n_units() as f64;
        let terms: Vec<f64> =
            self.units().zip(&pa_i).map(|((_, r), p)| n / n2 * (p - if r >= 2.0 { pe } else { 0.0 }) / denom).collect();
        let out = self.base(Coefficient::BrennanPrediger, "Brennan-Prediger; SE and t interval as irrCAC bp()");
        self.finish(out, bp, pa, pe, Some(&terms), bp, f, opts.level)
    }

    /// Cohen's kappa for exactly two coders, computed as Conger's kappa (which equals Cohen's
    /// with two coders), with irrCAC's handling of missing codes: each coder's marginal shares
    /// come from all the units that coder coded, the observed agreement from the units both
    /// coded. Without missing codes this is the textbook Cohen's kappa.
    ///
    /// # Formula
    /// ```text
    /// p_gk = share of coder g's codes in k,   p_k = (p_1k + p_2k)/2
    /// pe   = sum_k p_1k p_2k,   kappa = (pa - pe) / (1 - pe)
    /// x_i  = Conger's linearisation (Gwet 2014, eq. 5.26; irrCAC conger())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless there are exactly 2 coders, or when the chance
    /// agreement is 1; otherwise as [`RatingMatrix::percent_agreement`].
    ///
    /// # References
    /// Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
    /// Psychological Measurement* 20, 37-46. Conger, A. J. (1980). Integration and
    /// generalization of kappas for multiple raters. *Psychological Bulletin* 88, 322-328.
    pub fn cohen_kappa(&self, opts: &AgreementOptions) -> Result<Agreement> {
        if self.n_coders != 2 {
            return Err(Error::InvalidArgument {
                name: "n_coders",
                message: format!("Cohen's kappa needs exactly 2 coders, got {}", self.n_coders),
            });
        }
        let mut out = self.conger(opts)?;
        out.coefficient = Coefficient::CohenKappa;
        "Cohen's kappa (Conger's kappa for 2 coders); SE and t interval as irrCAC conger()".clone_into(&mut out.method);
        Ok(out)
    }

    fn conger(&self, opts: &AgreementOptions) -> Result<Agreement> {
        let f = self.sampling_fraction(opts)?;
        self.need_categories("Cohen's kappa")?;
        let (pa_i, pa, n2) = self.observed()?;
        let r = self.n_coders;
        let q = self.categories.len();
        let rf = r as f64;
        let n = self.n_units() as f64;
        // classification counts per coder
        let mut classif = vec![0.0; r * q];
        for row in self.cells.chunks_exact(r) {
            for (g, cell) in row.iter().enumerate() {
                if let Some(k) = cell
                    && let Some(c) = classif.get_mut(g * q + *k as usize)
                {
                    *c += 1.0;
                }
            }
        }
        let ng: Vec<f64> = classif.chunks_exact(q).map(|row| row.iter().sum()).collect();
        if let Some(g) = ng.iter().position(|&x| x == 0.0) {
            return Err(undefined(format!("coder {g} coded no unit: Cohen's kappa is undefined")));
        }
        let pgk: Vec<f64> =
            classif.chunks_exact(q).zip(&ng).flat_map(|(row, n_g)| row.iter().map(move |c| c / n_g)).collect();
        let p_mean: Vec<f64> = (0..q).map(|k| (0..r).map(|g| at(&pgk, g * q + k)).sum::<f64>() / rf).collect();
        // pe = sum_k (p_k^2 - s2_kk / r), s2_kk = (sum_g p_gk^2 - r p_k^2) / (r - 1)
        let pe: f64 = (0..q)
            .map(|k| {
                let pk = at(&p_mean, k);
                let s2 = ((0..r).map(|g| at(&pgk, g * q + k).powi(2)).sum::<f64>() - rf * pk * pk) / (rf - 1.0);
                pk * pk - s2 / rf
            })
            .sum();
        let denom = chance_denominator(pe, "Cohen's kappa")?;
        let kappa = (pa - pe) / denom;
        // For each coder g and category k: b_gk = (n / n_g) (r p_k - p_gk); then
        // lambda_ig = sum_k (delta_igk - (eps_ig - n_g/n) p_gk) b_gk.
        let b: Vec<f64> =
            (0..r * q).map(|gk| n / at(&ng, gk / q) * (rf * at(&p_mean, gk % q) - at(&pgk, gk))).collect();
        // sum_k p_gk b_gk per coder
        let pb: Vec<f64> = (0..r).map(|g| (0..q).map(|k| at(&pgk, g * q + k) * at(&b, g * q + k)).sum()).collect();
        let terms: Vec<f64> = self
            .cells
            .chunks_exact(r)
            .zip(self.totals.iter())
            .zip(&pa_i)
            .map(|((row, &ri), p)| {
                let lambda: f64 = row
                    .iter()
                    .enumerate()
                    .map(|(g, cell)| {
                        let eps = if cell.is_some() { 1.0 } else { 0.0 };
                        let delta = cell.map_or(0.0, |k| at(&b, g * q + k as usize));
                        delta - (eps - at(&ng, g) / n) * at(&pb, g)
                    })
                    .sum();
                let pe_i = lambda / (rf * (rf - 1.0));
                let pe_r2 = if ri >= 2.0 { pe } else { 0.0 };
                n / n2 * (p - pe_r2) / denom - 2.0 * (1.0 - kappa) * (pe_i - pe) / denom
            })
            .collect();
        let out = self.base(Coefficient::CohenKappa, "Conger's kappa");
        self.finish(out, kappa, pa, pe, Some(&terms), kappa, f, opts.level)
    }

    fn need_categories(&self, what: &str) -> Result<f64> {
        let q = self.categories.len();
        if q < 2 {
            return Err(undefined(format!(
                "{what} is undefined with {q} category: chance agreement is 1 (0/0); declare the possible categories or report the percent agreement"
            )));
        }
        Ok(q as f64)
    }

    /// Krippendorff's alpha at a level of measurement, with the standard error and t interval
    /// of irrCAC's `krippendorff()` (Gwet 2014) using the weights `1 - d/max(d)` for the
    /// level's distance `d`. Units coded once are not pairable and drop out.
    ///
    /// # Formula
    /// ```text
    /// o_ck = sum_u n_uc (n_uk - [c = k]) / (m_u - 1)   over units with m_u >= 2 codes
    /// n_c  = sum_k o_ck,  n.. = sum_c n_c
    /// alpha = 1 - (n.. - 1) sum_ck o_ck d_ck / sum_ck n_c n_k d_ck
    /// d: nominal [c != k]; ordinal (sum_{g=c..k} n_g - (n_c + n_k)/2)^2;
    ///    interval (c - k)^2; ratio ((c - k)/(c + k))^2
    /// ```
    /// The variance uses the pairable units only (`n` = pairable units, `t` with `n - 1`
    /// degrees of freedom) and `f` = coded units / N, as irrCAC does.
    ///
    /// # Errors
    /// [`Error::TooFewObservations`] without a pairable unit; [`Error::InvalidArgument`] when
    /// the expected disagreement is 0 (a single value among the pairable codes).
    ///
    /// # References
    /// Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School
    /// for Communication, University of Pennsylvania. Gwet (2014), ch. 5.
    pub fn krippendorff_alpha(&self, level: MeasurementLevel, opts: &AgreementOptions) -> Result<Agreement> {
        let f = self.sampling_fraction(opts)?;
        if level == MeasurementLevel::Nominal {
            return self.krippendorff_nominal(f, opts.level);
        }
        let k = Kripp::new(self, level)?;
        let alpha = k.alpha(None).ok_or_else(|| k.undefined())?;
        let (pa, pe, terms, center) = k.irrcac_terms();
        let mut out = self.base(
            Coefficient::KrippendorffAlpha(level),
            "Krippendorff's alpha from the coincidence matrix; SE and t interval as irrCAC krippendorff() with weights 1 - d/max(d)",
        );
        out.n_categories = k.n_c.iter().filter(|&&c| c > 0.0).count();
        self.finish(out, alpha, pa, pe, Some(&terms), center, f, opts.level)
    }

    /// [`RatingMatrix::krippendorff_alpha`] at the nominal level, where the distance is 0/1 and every
    /// sum over pairs of categories within a unit reduces to one over the unit's categories:
    /// `sum_{c != k} n_uc n_uk = m_u^2 - sum_c n_uc^2` (integers, exact). The same numbers as
    /// [`Kripp`] (same operations in the same order), in three passes over the units and no
    /// per-unit allocation.
    fn krippendorff_nominal(&self, f: f64, level: f64) -> Result<Agreement> {
        let q = self.categories.len();
        // Pass 1: coincidence marginals n_c, observed disagreement, pairable units.
        let mut n_c = vec![0.0; q];
        let mut observed = 0.0;
        let mut n_pairable = 0usize;
        for (unit, m) in self.units() {
            if m < 2.0 {
                continue;
            }
            n_pairable += 1;
            let mut s2 = 0.0;
            for &(k, c) in unit {
                if let Some(x) = n_c.get_mut(k) {
                    *x += c;
                }
                s2 += c * c;
            }
            observed += (m * m - s2) / (m - 1.0);
        }
        if n_pairable == 0 {
            return Err(too_few("Krippendorff's alpha: units coded by two or more coders", 1, 0));
        }
        let total: f64 = n_c.iter().sum();
        let expected = total * total - n_c.iter().map(|x| x * x).sum::<f64>();
        if !(expected.is_finite() && expected > 0.0) {
            return Err(undefined(
                "Krippendorff's alpha is undefined: the pairable codes show no variation (expected disagreement 0)"
                    .to_owned(),
            ));
        }
        let alpha = 1.0 - (total - 1.0) * observed / expected;
        // irrCAC's linearisation with the identity weights (2+ categories used, max d = 1).
        let n = n_pairable as f64;
        let r_mean = total / n;
        let eps = 1.0 / total;
        let pi: Vec<f64> = n_c.iter().map(|c| c / total).collect();
        let pe: f64 = pi.iter().filter(|&&p| p > 0.0).map(|p| p * p).sum();
        let pairable = || self.units().filter(|&(_, m)| m >= 2.0);
        let sum_q = |unit: &[(usize, f64)], m: f64| {
            let s: f64 = unit.iter().map(|&(_, c)| c * c).sum();
            (s - m) / (r_mean * (m - 1.0))
        };
        // Pass 2: observed agreement.
        let pa_prime = pairable().map(|(unit, m)| sum_q(unit, m)).sum::<f64>() / n;
        let pa = (1.0 - eps) * pa_prime + eps;
        let denom = 1.0 - pe;
        let alpha_prime = (pa_prime - pe) / denom;
        // Pass 3: the per-unit terms of the variance.
        let terms: Vec<f64> = pairable()
            .map(|(unit, m)| {
                let pa_i = sum_q(unit, m) - pa * (m - r_mean) / r_mean;
                let k_i = (pa_i - pe) / denom;
                let pe_i = unit.iter().map(|&(a, c)| c * at(&pi, a)).sum::<f64>() / r_mean - pe * (m - r_mean) / r_mean;
                k_i - 2.0 * (1.0 - alpha_prime) * (pe_i - pe) / denom
            })
            .collect();
        let mut out = self.base(
            Coefficient::KrippendorffAlpha(MeasurementLevel::Nominal),
            "Krippendorff's alpha from the coincidence matrix; SE and t interval as irrCAC krippendorff() with weights 1 - d/max(d)",
        );
        out.n_categories = n_c.iter().filter(|&&c| c > 0.0).count();
        self.finish(out, alpha, pa, pe, Some(&terms), alpha_prime, f, level)
    }

    /// Krippendorff's alpha with a percentile bootstrap interval.
    ///
    /// Resampling scheme: the pairable units (coded by at least two coders) are drawn with
    /// replacement, as many as there are, `replicates` times; each replicate recomputes alpha
    /// from its own coincidence matrix (for the ordinal level also the distances, which depend
    /// on the marginal counts). Replicates whose expected disagreement is 0 (a single value
    /// drawn) have no alpha and are left out; their number is in `method`. The interval holds
    /// the `(1 - level)/2` and `(1 + level)/2` quantiles of the replicates (linear
    /// interpolation, Hyndman–Fan type 7), `se` their standard deviation. The generator is
    /// ChaCha20 seeded with `seed` and unit indices are drawn as `u32` with rand's portable
    /// uniform sampler, so a seed gives the same interval on every platform.
    ///
    /// # Formula
    /// ```text
    /// alpha*_b = alpha(units u*_b1..u*_bn),  u*_bj ~ U{pairable units}
    /// interval = [Q_{(1-level)/2}(alpha*), Q_{(1+level)/2}(alpha*)]
    /// ```
    ///
    /// # Errors
    /// As [`RatingMatrix::krippendorff_alpha`]; [`Error::InvalidArgument`] when `replicates` < 2 or
    /// fewer than 2 replicates have an alpha.
    ///
    /// # References
    /// Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*, ch. 13.
    /// Chapman & Hall. Hayes, A. F., & Krippendorff, K. (2007). Answering the call for a
    /// standard reliability measure for coding data. *Communication Methods and Measures* 1, 77-89.
    pub fn krippendorff_alpha_bootstrap(
        &self,
        level: MeasurementLevel,
        opts: &AgreementOptions,
        replicates: usize,
        seed: u64,
    ) -> Result<Agreement> {
        check_level(opts.level)?;
        if replicates < 2 {
            return Err(Error::InvalidArgument {
                name: "replicates",
                message: format!("need at least 2 bootstrap replicates, got {replicates}"),
            });
        }
        let k = Kripp::new(self, level)?;
        let alpha = k.alpha(None).ok_or_else(|| k.undefined())?;
        let n = k.units.len();
        let n32 = u32::try_from(n).map_err(|_| Error::InvalidArgument {
            name: "codes",
            message: format!("{n} pairable units exceed the bootstrap's u32 index"),
        })?;
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let mut mult = vec![0.0; n];
        let mut draws = Vec::with_capacity(replicates);
        for _ in 0..replicates {
            mult.iter_mut().for_each(|m| *m = 0.0);
            for _ in 0..n {
                let j = rng.random_range(0..n32) as usize;
                if let Some(m) = mult.get_mut(j) {
                    *m += 1.0;
                }
            }
            if let Some(a) = k.alpha(Some(&mult)) {
                draws.push(a);
            }
        }
        let dropped = replicates - draws.len();
        if draws.len() < 2 {
            return Err(undefined(format!("only {} of {replicates} bootstrap replicates have an alpha", draws.len())));
        }
        draws.sort_by(f64::total_cmp);
        let mean = draws.iter().sum::<f64>() / draws.len() as f64;
        let sd = (draws.iter().map(|a| (a - mean).powi(2)).sum::<f64>() / (draws.len() as f64 - 1.0)).sqrt();
        let tail = (1.0 - opts.level) / 2.0;
        let mut out = self.base(
            Coefficient::KrippendorffAlpha(level),
            &format!(
                "Krippendorff's alpha; percentile bootstrap over pairable units, {replicates} replicates, seed {seed}, ChaCha20; {dropped} replicates without alpha left out; se = SD of replicates"
            ),
        );
        out.n_categories = k.n_c.iter().filter(|&&c| c > 0.0).count();
        let (pa, pe, _, _) = k.irrcac_terms();
        out.estimate = alpha;
        out.observed_agreement = pa;
        out.chance_agreement = pe;
        out.se = Some(sd);
        out.interval = Some(Interval {
            lower: quantile_sorted(&draws, tail),
            upper: quantile_sorted(&draws, 1.0 - tail),
            level: opts.level,
        });
        Ok(out)
    }
}

fn at(v: &[f64], i: usize) -> f64 {
    v.get(i).copied().unwrap_or(0.0)
}

fn chance_denominator(pe: f64, what: &str) -> Result<f64> {
    let denom = 1.0 - pe;
    if denom <= 1e-12 {
        return Err(undefined(format!(
            "{what} is undefined: the chance agreement is 1 (only one category used), so kappa is 0/0"
        )));
    }
    Ok(denom)
}

fn t_interval(estimate: f64, se: f64, df: f64, level: f64) -> Result<Interval> {
    let t = t_quantile(1.0 - (1.0 - level) / 2.0, df)?;
    Ok(Interval { lower: estimate - t * se, upper: (estimate + t * se).min(1.0), level })
}

/// Type-7 quantile of sorted data.
fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    let h = (n as f64 - 1.0) * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    let a = sorted.get(lo).copied().unwrap_or(f64::NAN);
    let b = sorted.get(hi).copied().unwrap_or(a);
    a + (h - lo as f64) * (b - a)
}

/// Krippendorff's alpha over the pairable units.
struct Kripp<'a> {
    level: MeasurementLevel,
    /// category values (as numbers)
    values: Vec<f64>,
    /// pairable units: (entries, m_u)
    units: Vec<(&'a [(usize, f64)], f64)>,
    /// coincidence marginals n_c over all pairable units
    n_c: Vec<f64>,
    /// per-unit observed disagreement sum_{c != k} n_uc n_uk d_ck / (m_u - 1) for fixed metrics
    do_unit: Vec<f64>,
}

impl<'a> Kripp<'a> {
    fn new(codings: &'a RatingMatrix, level: MeasurementLevel) -> Result<Self> {
        let units: Vec<_> = codings.units().filter(|&(_, m)| m >= 2.0).collect();
        if units.is_empty() {
            return Err(too_few("Krippendorff's alpha: units coded by two or more coders", 1, 0));
        }
        let values: Vec<f64> = codings.categories.iter().map(|&c| f64::from(c)).collect();
        let mut k = Self { level, values, units, n_c: Vec::new(), do_unit: Vec::new() };
        k.n_c = k.marginals(None);
        let cum = cumulative(&k.n_c);
        k.do_unit = k.units.iter().map(|&(u, m)| k.unit_disagreement(u, m, &cum)).collect();
        Ok(k)
    }

    fn undefined(&self) -> Error {
        undefined(
            "Krippendorff's alpha is undefined: the pairable codes show no variation (expected disagreement 0)"
                .to_owned(),
        )
    }

    fn marginals(&self, mult: Option<&[f64]>) -> Vec<f64> {
        let mut n_c = vec![0.0; self.values.len()];
        for (j, (unit, _)) in self.units.iter().enumerate() {
            let w = mult.map_or(1.0, |m| at(m, j));
            if w == 0.0 {
                continue;
            }
            for &(k, c) in *unit {
                if let Some(x) = n_c.get_mut(k) {
                    *x += w * c;
                }
            }
        }
        n_c
    }

    /// Distance between categories `a` and `b` (indices), `cum` the prefix sums of `n_c`.
    fn d(&self, a: usize, b: usize, n_c: &[f64], cum: &[f64]) -> f64 {
        if a == b {
            return 0.0;
        }
        match self.level {
            MeasurementLevel::Nominal => 1.0,
            MeasurementLevel::Interval => (at(&self.values, a) - at(&self.values, b)).powi(2),
            MeasurementLevel::Ratio => {
                let (x, y) = (at(&self.values, a), at(&self.values, b));
                if x + y == 0.0 { 0.0 } else { ((x - y) / (x + y)).powi(2) }
            }
            MeasurementLevel::Ordinal => {
                let (lo, hi) = (a.min(b), a.max(b));
                (at(cum, hi + 1) - at(cum, lo) - (at(n_c, lo) + at(n_c, hi)) / 2.0).powi(2)
            }
        }
    }

    fn unit_disagreement(&self, unit: &[(usize, f64)], m: f64, cum: &[f64]) -> f64 {
        if self.level == MeasurementLevel::Nominal {
            // sum_{c != k} n_uc n_uk = m^2 - sum_c n_uc^2: counts are integers, both sides exact.
            return (m * m - unit.iter().map(|&(_, c)| c * c).sum::<f64>()) / (m - 1.0);
        }
        let mut s = 0.0;
        for &(a, ca) in unit {
            for &(b, cb) in unit {
                if a != b {
                    s += ca * cb * self.d(a, b, &self.n_c, cum);
                }
            }
        }
        s / (m - 1.0)
    }

    /// sum_ck n_c n_k d_ck
    fn expected(&self, n_c: &[f64], cum: &[f64]) -> f64 {
        let total: f64 = n_c.iter().sum();
        match self.level {
            MeasurementLevel::Nominal => total * total - n_c.iter().map(|x| x * x).sum::<f64>(),
            MeasurementLevel::Interval => {
                let mean = n_c.iter().zip(&self.values).map(|(n, v)| n * v).sum::<f64>() / total;
                2.0 * total * n_c.iter().zip(&self.values).map(|(n, v)| n * (v - mean).powi(2)).sum::<f64>()
            }
            MeasurementLevel::Ordinal | MeasurementLevel::Ratio => {
                let used: Vec<usize> = (0..n_c.len()).filter(|&k| at(n_c, k) > 0.0).collect();
                let mut s = 0.0;
                for &a in &used {
                    for &b in &used {
                        if a < b {
                            s += 2.0 * at(n_c, a) * at(n_c, b) * self.d(a, b, n_c, cum);
                        }
                    }
                }
                s
            }
        }
    }

    /// Alpha for the units weighted by `mult` (None: each once). None when undefined.
    fn alpha(&self, mult: Option<&[f64]>) -> Option<f64> {
        let n_c = match mult {
            None => self.n_c.clone(),
            Some(m) => self.marginals(Some(m)),
        };
        let cum = cumulative(&n_c);
        let total: f64 = n_c.iter().sum();
        let observed: f64 = match (mult, self.level) {
            (None, _) => self.do_unit.iter().sum(),
            (Some(m), MeasurementLevel::Ordinal) => self
                .units
                .iter()
                .enumerate()
                .filter(|&(j, _)| at(m, j) > 0.0)
                .map(|(j, &(unit, mu))| {
                    let mut s = 0.0;
                    for &(a, ca) in unit {
                        for &(b, cb) in unit {
                            if a != b {
                                s += ca * cb * self.d(a, b, &n_c, &cum);
                            }
                        }
                    }
                    at(m, j) * s / (mu - 1.0)
                })
                .sum(),
            (Some(m), _) => self.do_unit.iter().zip(m).map(|(d, w)| d * w).sum(),
        };
        let expected = self.expected(&n_c, &cum);
        if expected.is_finite() && expected > 0.0 { Some(1.0 - (total - 1.0) * observed / expected) } else { None }
    }

    fn max_d(&self, n_c: &[f64], cum: &[f64]) -> f64 {
        let used: Vec<usize> = (0..n_c.len()).filter(|&k| at(n_c, k) > 0.0).collect();
        match (used.first(), used.last()) {
            (Some(&a), Some(&b)) if a != b => match self.level {
                MeasurementLevel::Nominal => 1.0,
                _ => self.d(a, b, n_c, cum),
            },
            _ => 0.0,
        }
    }

    /// irrCAC's krippendorff() linearisation with weights W = 1 - d/max(d):
    /// returns (pa, pe, x_i, alpha').
    fn irrcac_terms(&self) -> (f64, f64, Vec<f64>, f64) {
        let cum = cumulative(&self.n_c);
        let dmax = self.max_d(&self.n_c, &cum).max(f64::MIN_POSITIVE);
        let w = |a: usize, b: usize| 1.0 - self.d(a, b, &self.n_c, &cum) / dmax;
        let n = self.units.len() as f64;
        let total: f64 = self.n_c.iter().sum();
        let r_mean = total / n;
        let eps = 1.0 / total;
        let pi: Vec<f64> = self.n_c.iter().map(|c| c / total).collect();
        let used: Vec<usize> = (0..pi.len()).filter(|&k| at(&pi, k) > 0.0).collect();
        if self.level == MeasurementLevel::Nominal && used.len() >= 2 {
            return self.irrcac_terms_nominal(&pi, &used, r_mean, eps, n);
        }
        let mut pe = 0.0;
        let mut piw = vec![0.0; pi.len()];
        for &a in &used {
            for &b in &used {
                let wab = w(a, b);
                pe += wab * at(&pi, a) * at(&pi, b);
                if let Some(x) = piw.get_mut(a) {
                    *x += wab * at(&pi, b);
                }
            }
        }
        let sum_q: Vec<f64> = self
            .units
            .iter()
            .map(|&(unit, m)| {
                let mut s = 0.0;
                for &(a, ca) in unit {
                    for &(b, cb) in unit {
                        s += w(a, b) * ca * cb;
                    }
                }
                (s - m) / (r_mean * (m - 1.0))
            })
            .collect();
        self.irrcac_finish(&sum_q, pe, &piw, r_mean, eps, n)
    }

    /// The end shared by [`Kripp::irrcac_terms`] and its nominal shortcut: from the per-unit
    /// weighted agreement sums `sum_q`, `pe` and the weighted category shares `piw`.
    fn irrcac_finish(
        &self,
        sum_q: &[f64],
        pe: f64,
        piw: &[f64],
        r_mean: f64,
        eps: f64,
        n: f64,
    ) -> (f64, f64, Vec<f64>, f64) {
        let pa_prime = sum_q.iter().sum::<f64>() / n;
        let pa = (1.0 - eps) * pa_prime + eps;
        let denom = 1.0 - pe;
        let alpha_prime = (pa_prime - pe) / denom;
        let terms = self
            .units
            .iter()
            .zip(sum_q)
            .map(|(&(unit, m), sq)| {
                let pa_i = sq - pa * (m - r_mean) / r_mean;
                let k_i = (pa_i - pe) / denom;
                let pe_i = unit.iter().map(|&(a, c)| c * at(piw, a)).sum::<f64>() / r_mean - pe * (m - r_mean) / r_mean;
                k_i - 2.0 * (1.0 - alpha_prime) * (pe_i - pe) / denom
            })
            .collect();
        (pa, pe, terms, alpha_prime)
    }
}

impl Kripp<'_> {
    /// [`Kripp::irrcac_terms`] at the nominal level with at least 2 categories used: max(d) = 1,
    /// so the weights are the identity and every sum over category pairs keeps its diagonal
    /// (the off-diagonal terms it drops are exact zeros: the same numbers, without the pairs).
    fn irrcac_terms_nominal(
        &self,
        pi: &[f64],
        used: &[usize],
        r_mean: f64,
        eps: f64,
        n: f64,
    ) -> (f64, f64, Vec<f64>, f64) {
        let pe: f64 = used.iter().map(|&a| at(pi, a) * at(pi, a)).sum();
        let sum_q: Vec<f64> = self
            .units
            .iter()
            .map(|&(unit, m)| {
                let s: f64 = unit.iter().map(|&(_, c)| c * c).sum();
                (s - m) / (r_mean * (m - 1.0))
            })
            .collect();
        self.irrcac_finish(&sum_q, pe, pi, r_mean, eps, n)
    }
}

fn cumulative(n_c: &[f64]) -> Vec<f64> {
    let mut cum = Vec::with_capacity(n_c.len() + 1);
    let mut s = 0.0;
    cum.push(0.0);
    for x in n_c {
        s += x;
        cum.push(s);
    }
    cum
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(rows: &[&[Option<u32>]]) -> Vec<Option<u32>> {
        rows.iter().flat_map(|r| r.iter().copied()).collect()
    }

    #[test]
    fn layout_errors() {
        assert!(RatingMatrix::new(&[Some(1), None, Some(2)], 2).is_err());
        assert!(RatingMatrix::new(&[Some(1)], 0).is_err());
        assert!(matches!(RatingMatrix::new(&[None, None], 2), Err(Error::TooFewObservations { .. })));
        assert!(RatingMatrix::with_categories(&[Some(1), Some(9)], 2, &[1, 2]).is_err());
    }

    #[test]
    fn from_f64_is_new_on_the_codes() {
        let values: Vec<f64> = (0..300u32)
            .map(|i| if i % 7 == 3 { f64::NAN } else { f64::from(i.wrapping_mul(2_654_435_761) >> 30) })
            .collect();
        let codes: Vec<Option<u32>> = values.iter().map(|v| (!v.is_nan()).then_some(*v as u32)).collect();
        let (a, b) = (RatingMatrix::from_f64(&values, 5).unwrap(), RatingMatrix::new(&codes, 5).unwrap());
        let o = AgreementOptions::default();
        for level in [MeasurementLevel::Nominal, MeasurementLevel::Ordinal, MeasurementLevel::Interval] {
            assert_eq!(a.krippendorff_alpha(level, &o).unwrap(), b.krippendorff_alpha(level, &o).unwrap());
        }
        assert_eq!(a.fleiss_kappa(&o).unwrap(), b.fleiss_kappa(&o).unwrap());
        assert_eq!(a.categories(), b.categories());
        for bad in [f64::INFINITY, -1.0, 1.5, 5e9] {
            let err = RatingMatrix::from_f64(&[0.0, bad], 2).unwrap_err();
            assert!(matches!(err, Error::InvalidArgument { name: "codes", .. }), "{bad}: {err:?}");
        }
        assert!(matches!(RatingMatrix::from_f64(&[f64::NAN; 4], 2), Err(Error::TooFewObservations { .. })));
        assert!(RatingMatrix::from_f64(&[0.0, 1.0, 2.0], 2).is_err());
    }

    #[test]
    fn one_category_is_an_error_but_pa_is_one() {
        let c = RatingMatrix::new(&codes(&[&[Some(2), Some(2)], &[Some(2), Some(2)]]), 2).unwrap();
        let o = AgreementOptions::default();
        assert!(c.fleiss_kappa(&o).is_err() && c.gwet_ac1(&o).is_err() && c.brennan_prediger(&o).is_err());
        assert!(c.cohen_kappa(&o).is_err() && c.krippendorff_alpha(MeasurementLevel::Nominal, &o).is_err());
        let pa = c.percent_agreement(&o).unwrap();
        assert_eq!(pa.estimate, 1.0);
        assert!(pa.se.is_none());
        // declared categories: Gwet and BP are defined, Fleiss (pe = 1) is not
        let c = RatingMatrix::with_categories(&codes(&[&[Some(2), Some(2)], &[Some(2), Some(2)]]), 2, &[1, 2]).unwrap();
        assert_eq!(c.gwet_ac1(&o).unwrap().estimate, 1.0);
        assert_eq!(c.brennan_prediger(&o).unwrap().estimate, 1.0);
        assert!(c.fleiss_kappa(&o).is_err());
    }

    #[test]
    fn bootstrap_is_deterministic_and_covers() {
        let rows: Vec<Option<u32>> =
            (0..60u32).flat_map(|i| [Some(i % 4), Some(if i % 5 == 0 { (i + 1) % 4 } else { i % 4 }), None]).collect();
        let c = RatingMatrix::new(&rows, 3).unwrap();
        let o = AgreementOptions::default();
        let a = c.krippendorff_alpha_bootstrap(MeasurementLevel::Nominal, &o, 500, 7).unwrap();
        let b = c.krippendorff_alpha_bootstrap(MeasurementLevel::Nominal, &o, 500, 7).unwrap();
        assert_eq!(a, b);
        let iv = a.interval.unwrap();
        assert!(iv.lower < a.estimate && a.estimate < iv.upper, "{iv:?} {}", a.estimate);
        let other = c.krippendorff_alpha_bootstrap(MeasurementLevel::Nominal, &o, 500, 8).unwrap();
        assert_ne!(a.interval, other.interval);
        assert!(c.krippendorff_alpha_bootstrap(MeasurementLevel::Ordinal, &o, 200, 1).is_ok());
        assert!(c.krippendorff_alpha_bootstrap(MeasurementLevel::Nominal, &o, 1, 1).is_err());
    }

    #[test]
    fn quantiles_type7() {
        let x = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile_sorted(&x, 0.0), 1.0);
        assert_eq!(quantile_sorted(&x, 1.0), 4.0);
        assert!((quantile_sorted(&x, 0.5) - 2.5).abs() < 1e-15);
    }
}
