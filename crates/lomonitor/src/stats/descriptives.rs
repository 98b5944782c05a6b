//! Descriptive statistics of a numeric or Likert item: n, missing, mean, SD, SE and t interval
//! (with finite population correction), median and quartiles, min, max, top-box share and the
//! full distribution; weighted or not.

use crate::error::{Error, Result};
use crate::stats::{Interval, check_level, check_weights, t_quantile};

/// Which sample-quantile definition to use (Hyndman & Fan 1996 numbering).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub enum QuantileMethod {
    /// Type 7: `h = (n - 1) q + 1`; numpy's default `method="linear"`, R's default.
    #[default]
    Linear,
    /// Type 6: `h = (n + 1) q`; SPSS `HAVERAGE` (weighted average at x_(n+1)p),
    /// numpy `method="weibull"`.
    Spss,
}

crate::options::named_options!(QuantileMethod, arg = "quantile_method", what = "quantile method", {
    Linear => "linear",
    Spss => "spss",
});

/// Options of [`describe`].
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DescribeOptions {
    /// Confidence level of the interval of the mean.
    pub level: f64,
    /// Quantile definition for the median and quartiles.
    pub quantile_method: QuantileMethod,
    /// Population size N for the finite population correction, when known.
    pub population: Option<u64>,
    /// The values that count as "top box" (e.g. `[4.0, 5.0]` for the top two of a 5-point
    /// scale); empty for none.
    pub top_codes: Vec<f64>,
    /// The values that count as "bottom box" (e.g. `[1.0, 2.0]`, the bottom two of a 5-point
    /// scale); empty for none (the default).
    #[serde(default)]
    pub bottom_codes: Vec<f64>,
}

impl Default for DescribeOptions {
    fn default() -> Self {
        Self {
            level: 0.95,
            quantile_method: QuantileMethod::Linear,
            population: None,
            top_codes: Vec::new(),
            bottom_codes: Vec::new(),
        }
    }
}

/// One distinct value and how often it occurs.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ValueCount {
    /// The value.
    pub value: f64,
    /// Its count (sum of weights when weighted).
    pub count: f64,
    /// Its percentage of the valid observations.
    pub percent: f64,
}

/// Descriptive statistics of one item.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Descriptives {
    /// Number of valid (non-missing) observations.
    pub n: usize,
    /// Number of missing observations.
    pub missing: usize,
    /// Sum of the weights of the valid observations (n when unweighted).
    pub sum_weights: f64,
    /// Whether weights were used.
    pub weighted: bool,
    /// (Weighted) mean.
    pub mean: f64,
    /// Standard deviation with n - 1 (weighted: R `survey::svyvar`); `None` when n = 1.
    pub sd: Option<f64>,
    /// Standard error of the mean with fpc; `None` when n = 1.
    pub se: Option<f64>,
    /// t interval (df = n - 1) of the mean; `None` when n = 1.
    pub ci: Option<Interval>,
    /// Median.
    pub median: f64,
    /// First quartile.
    pub q1: f64,
    /// Third quartile.
    pub q3: f64,
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
    /// Percentage of valid observations whose value is one of `top_codes`; `None` when no
    /// top codes were given.
    pub top_box_percent: Option<f64>,
    /// Percentage of valid observations whose value is one of `bottom_codes`; `None` when no
    /// bottom codes were given.
    #[serde(default)]
    pub bottom_box_percent: Option<f64>,
    /// The adjusted Fisher–Pearson skewness G1 (SPSS, Excel `SKEW`, `scipy.stats.skew(bias=False)`):
    /// `G1 = sqrt(n (n-1)) / (n-2) * m3 / m2^1.5` with `m_k = sum w (x - mean)^k / sum w`;
    /// `None` for n < 3 or a constant item. Weighted: the weighted moments with n the number of
    /// observations (unit weights give the unweighted value).
    #[serde(default)]
    pub skewness: Option<f64>,
    /// Every distinct value in increasing order with its count and percentage.
    pub distribution: Vec<ValueCount>,
    /// The quantile definition used.
    pub quantile_method: QuantileMethod,
    /// The population size used for the fpc.
    pub population: Option<u64>,
}

/// A quantile of sorted `(value, weight)` pairs.
///
/// Weighted data replace the rank k of the k-th order statistic by the cumulative weight in
/// units of the mean weight, `k_w = C_k / wbar` (with C_k the cumulative weight up to and
/// including it) and n by `W / wbar = n`; with unit weights this is exactly the unweighted rule.
fn quantile_sorted(sorted: &[(f64, f64)], sum_weights: f64, q: f64, method: QuantileMethod) -> f64 {
    let n = sorted.len() as f64;
    let first = sorted.first().map_or(f64::NAN, |p| p.0);
    let last = sorted.last().map_or(f64::NAN, |p| p.0);
    let target = match method {
        QuantileMethod::Linear => (n - 1.0) * q + 1.0,
        QuantileMethod::Spss => (n + 1.0) * q,
    };
    let mean_weight = sum_weights / n;
    let mut cumulative = 0.0;
    let mut previous: Option<(f64, f64)> = None; // (k_w, value)
    for &(value, w) in sorted {
        cumulative += w;
        let k = cumulative / mean_weight;
        if k >= target {
            return match previous {
                None => first,
                Some((k0, v0)) if k > k0 => v0 + (value - v0) * (target - k0) / (k - k0),
                Some(_) => value,
            };
        }
        previous = Some((k, value));
    }
    last
}

/// Describe a numeric or Likert item; `None` entries are missing.
///
/// # Formula
/// ```text
/// mean  = sum w y / sum w                               (w = 1 unweighted)
/// sd    = sqrt( n/(n-1) * sum w (y - mean)² / sum w )   (unweighted: the usual n-1 SD;
///                                                         weighted: R survey::svyvar)
/// se    = sqrt( (1 - n/N) * n/(n-1) * sum (w (y - mean) / sum w)² )
///       = sqrt(1 - n/N) * sd / sqrt(n)  when unweighted   (the linearized SE of the Hájek mean)
/// ci    = mean ± t_{n-1, 1-alpha/2} se
/// quantile (type 7, Linear): h = (n-1) q + 1;  (type 6, Spss): h = (n+1) q
///         x_(floor h) + (h - floor h)(x_(floor h + 1) - x_(floor h)), clamped to [min, max]
/// weighted quantile: rank k replaced by C_k / wbar (cumulative weight over the mean weight)
/// top box = 100 * sum_{y in top_codes} w / sum w
/// ```
///
/// # Errors
/// [`Error::TooFewObservations`] when no value is valid; [`Error::InvalidArgument`] for a
/// non-finite value or top code, bad weights, a valid weight sum of 0, a bad level, or
/// n > N. When n = 1 the SD, SE and interval are `None` (undefined), not an error.
///
/// # References
/// - Hyndman, R. J. & Fan, Y. (1996). Sample quantiles in statistical packages. *The American
///   Statistician* 50, 361–365.
/// - Cochran, W. G. (1977). *Sampling Techniques* (3rd ed.), section 2.4 (fpc). Wiley.
/// - Lumley, T. (2010). *Complex Surveys*, section 2.2 (`svymean`, `svyvar`). Wiley.
///
/// ```
/// use lomonitor::stats::{describe, DescribeOptions};
/// let d = describe(&[Some(1.0), Some(2.0), None, Some(4.0)], None, &DescribeOptions::default())?;
/// assert_eq!((d.n, d.missing, d.median), (3, 1, 2.0));
/// # Ok::<(), lomonitor::Error>(())
/// ```
pub fn describe(values: &[Option<f64>], weights: Option<&[f64]>, options: &DescribeOptions) -> Result<Descriptives> {
    check_level(options.level)?;
    if let Some(w) = weights {
        check_weights(w, values.len())?;
    }
    if let Some(i) = values.iter().position(|v| v.is_some_and(|x| !x.is_finite())) {
        return Err(Error::InvalidArgument { name: "values", message: format!("value {i} is not finite") });
    }
    if options.top_codes.iter().chain(&options.bottom_codes).any(|v| !v.is_finite()) {
        return Err(Error::InvalidArgument { name: "top_codes", message: "top codes must be finite".into() });
    }
    let mut pairs: Vec<(f64, f64)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|x| (x, weights.and_then(|w| w.get(i).copied()).unwrap_or(1.0))))
        .collect();
    let n = pairs.len();
    let missing = values.len() - n;
    if n == 0 {
        return Err(Error::TooFewObservations { what: "descriptives", min: 1, n: 0 });
    }
    if let Some(big_n) = options.population
        && n as u64 > big_n
    {
        return Err(Error::InvalidArgument {
            name: "population",
            message: format!("{n} valid observations exceed the population size {big_n}"),
        });
    }
    let sum_weights: f64 = pairs.iter().map(|p| p.1).sum();
    if sum_weights <= 0.0 {
        return Err(Error::InvalidArgument {
            name: "weights",
            message: "the valid observations' weights sum to 0".into(),
        });
    }
    let mean = pairs.iter().map(|(x, w)| x * w).sum::<f64>() / sum_weights;
    let nf = n as f64;
    let (sd, se, ci) = if n >= 2 {
        let ss = pairs.iter().map(|(x, w)| w * (x - mean).powi(2)).sum::<f64>() / sum_weights;
        let sd = (nf / (nf - 1.0) * ss).sqrt();
        let fpc = options.population.map_or(1.0, |big_n| 1.0 - nf / big_n as f64);
        let lin = pairs.iter().map(|(x, w)| (w * (x - mean) / sum_weights).powi(2)).sum::<f64>();
        let se = (fpc * nf / (nf - 1.0) * lin).sqrt();
        let t = t_quantile(1.0 - (1.0 - options.level) / 2.0, nf - 1.0)?;
        (Some(sd), Some(se), Some(Interval { lower: mean - t * se, upper: mean + t * se, level: options.level }))
    } else {
        (None, None, None)
    };
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let quantile = |q: f64| quantile_sorted(&pairs, sum_weights, q, options.quantile_method);
    let mut distribution: Vec<ValueCount> = Vec::new();
    for &(x, w) in &pairs {
        match distribution.last_mut() {
            Some(last) if last.value == x => last.count += w,
            _ => distribution.push(ValueCount { value: x, count: w, percent: 0.0 }),
        }
    }
    for d in &mut distribution {
        d.percent = 100.0 * d.count / sum_weights;
    }
    let top_box_percent = (!options.top_codes.is_empty()).then(|| {
        100.0 * pairs.iter().filter(|(x, _)| options.top_codes.contains(x)).map(|p| p.1).sum::<f64>() / sum_weights
    });
    let bottom_box_percent = (!options.bottom_codes.is_empty()).then(|| {
        100.0 * pairs.iter().filter(|(x, _)| options.bottom_codes.contains(x)).map(|p| p.1).sum::<f64>() / sum_weights
    });
    let skewness = (n >= 3)
        .then(|| {
            let m = |k: i32| pairs.iter().map(|(x, w)| w * (x - mean).powi(k)).sum::<f64>() / sum_weights;
            let (m2, m3) = (m(2), m(3));
            (m2 > 0.0).then(|| (nf * (nf - 1.0)).sqrt() / (nf - 2.0) * m3 / m2.powf(1.5))
        })
        .flatten();
    if !mean.is_finite() || sum_weights.is_infinite() || sd.is_some_and(f64::is_infinite) {
        return Err(Error::InvalidArgument {
            name: "values",
            message: "the sums overflow the range of a 64-bit float; rescale the values (e.g. to thousands)".into(),
        });
    }
    Ok(Descriptives {
        n,
        missing,
        sum_weights,
        weighted: weights.is_some(),
        mean,
        sd,
        se,
        ci,
        median: quantile(0.5),
        q1: quantile(0.25),
        q3: quantile(0.75),
        min: pairs.first().map_or(mean, |p| p.0),
        max: pairs.last().map_or(mean, |p| p.0),
        top_box_percent,
        bottom_box_percent,
        skewness,
        distribution,
        quantile_method: options.quantile_method,
        population: options.population,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges() {
        let o = DescribeOptions::default();
        assert!(matches!(describe(&[None, None], None, &o), Err(Error::TooFewObservations { .. })));
        let one = describe(&[Some(3.0), None], None, &o).unwrap();
        assert_eq!((one.sd, one.se, one.ci, one.median), (None, None, None, 3.0));
        let c = describe(&[Some(2.0); 5], None, &o).unwrap();
        assert_eq!((c.sd, c.se, c.q1, c.q3), (Some(0.0), Some(0.0), 2.0, 2.0));
        assert!(describe(&[Some(f64::INFINITY)], None, &o).is_err());
        let census = DescribeOptions { population: Some(3), ..DescribeOptions::default() };
        assert_eq!(describe(&[Some(1.0), Some(2.0), Some(4.0)], None, &census).unwrap().se, Some(0.0));
        let too_big = DescribeOptions { population: Some(2), ..DescribeOptions::default() };
        assert!(describe(&[Some(1.0), Some(2.0), Some(4.0)], None, &too_big).is_err());
    }

    #[test]
    fn unit_weights_equal_unweighted() {
        let v: Vec<Option<f64>> =
            [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0, 3.0, 5.0].iter().map(|&x| Some(x)).collect();
        for method in [QuantileMethod::Linear, QuantileMethod::Spss] {
            let o = DescribeOptions {
                quantile_method: method,
                population: Some(40),
                top_codes: vec![5.0, 9.0],
                ..Default::default()
            };
            let a = describe(&v, None, &o).unwrap();
            let mut b = describe(&v, Some(&[1.0; 11]), &o).unwrap();
            assert!(b.weighted);
            b.weighted = false;
            assert_eq!(a, b);
        }
    }
}
