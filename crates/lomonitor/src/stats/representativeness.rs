//! Representativeness of the respondents against the population frame: response rates per
//! stratum and a chi-square goodness-of-fit test of the respondents' stratum counts against the
//! frame's shares.

use statrs::distribution::{ChiSquared, ContinuousCDF};

use crate::error::{Error, Result};

/// One stratum's line of a [`Representativeness`] report.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StratumResponse {
    /// The stratum's index.
    pub stratum: usize,
    /// Respondents in the stratum, `n_h`.
    pub respondents: u64,
    /// Population size of the stratum, `N_h`.
    pub population: u64,
    /// Response rate `n_h / N_h`; `None` when `N_h = 0`.
    pub response_rate: Option<f64>,
    /// Expected respondents if the sample followed the frame, `n N_h / N`.
    pub expected: f64,
    /// Representation ratio `(n_h / n) / (N_h / N)`; `None` when `N_h = 0`.
    pub representation_ratio: Option<f64>,
}

/// Chi-square goodness-of-fit test of the respondents' stratum counts against the frame.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GoodnessOfFit {
    /// Pearson's X² = sum (n_h - e_h)² / e_h over strata with `N_h > 0`.
    pub statistic: f64,
    /// Degrees of freedom: strata with `N_h > 0`, minus 1.
    pub df: usize,
    /// Upper-tail p-value under chi-square(df).
    pub p_value: f64,
    /// Strata with an expected count below 5.
    pub n_expected_below_5: usize,
    /// Smallest expected count.
    pub min_expected: f64,
    /// Some expected count is below 5: the chi-square approximation is doubtful.
    pub small_expected_warning: bool,
}

/// Response rates and a goodness-of-fit test of the respondents against the frame.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Representativeness {
    /// Respondents, `n`.
    pub n: u64,
    /// Population size, `N`.
    pub population: u64,
    /// Overall response rate `n / N`.
    pub response_rate: f64,
    /// One line per stratum, in index order.
    pub strata: Vec<StratumResponse>,
    /// The goodness-of-fit test; `None` with fewer than two strata with `N_h > 0`.
    pub goodness_of_fit: Option<GoodnessOfFit>,
}

/// Response rates overall and per stratum, and the chi-square goodness-of-fit test of the
/// respondents' stratum counts against the frame's stratum shares.
///
/// Strata with `N_h = 0` get no rate and are left out of the test (they must have no
/// respondents).
///
/// # Formula
/// ```text
/// RR_h = n_h / N_h;   RR = n / N
/// e_h  = n N_h / N
/// X²   = sum_{h: N_h > 0} (n_h - e_h)² / e_h          df = H' - 1
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] when the two slices differ in length, or a stratum has more
/// respondents than population (naming it); [`Error::TooFewObservations`] when there are no
/// respondents.
///
/// # References
/// Pearson, K. (1900). On the criterion that a given system of deviations from the probable
/// ... *Philosophical Magazine* 50(302), 157-175. The American Association for Public Opinion
/// Research (2023). *Standard Definitions*, 10th ed. (response rates).
pub fn representativeness(respondents: &[u64], population: &[u64]) -> Result<Representativeness> {
    if respondents.len() != population.len() {
        return Err(Error::InvalidArgument {
            name: "population",
            message: format!("{} respondent counts but {} population counts", respondents.len(), population.len()),
        });
    }
    if let Some(h) = respondents.iter().zip(population).position(|(n, big_n)| n > big_n) {
        return Err(Error::InvalidArgument {
            name: "respondents",
            message: format!(
                "stratum {h} has {} respondents but a population of {}",
                respondents.get(h).copied().unwrap_or_default(),
                population.get(h).copied().unwrap_or_default()
            ),
        });
    }
    let n: u64 = respondents.iter().sum();
    let big_n: u64 = population.iter().sum();
    if n == 0 {
        return Err(Error::TooFewObservations { what: "representativeness", min: 1, n: 0 });
    }
    let (nf, big_nf) = (n as f64, big_n as f64);
    let strata: Vec<StratumResponse> = respondents
        .iter()
        .zip(population)
        .enumerate()
        .map(|(h, (&nh, &pop))| StratumResponse {
            stratum: h,
            respondents: nh,
            population: pop,
            response_rate: (pop > 0).then(|| nh as f64 / pop as f64),
            expected: nf * pop as f64 / big_nf,
            representation_ratio: (pop > 0).then(|| (nh as f64 / nf) / (pop as f64 / big_nf)),
        })
        .collect();
    let tested: Vec<&StratumResponse> = strata.iter().filter(|s| s.population > 0).collect();
    let goodness_of_fit = (tested.len() >= 2).then(|| {
        let statistic: f64 = tested.iter().map(|s| (s.respondents as f64 - s.expected).powi(2) / s.expected).sum();
        let df = tested.len() - 1;
        let n_small = tested.iter().filter(|s| s.expected < 5.0).count();
        let min_expected = tested.iter().map(|s| s.expected).fold(f64::INFINITY, f64::min);
        GoodnessOfFit {
            statistic,
            df,
            p_value: ChiSquared::new(df as f64).map_or(1.0, |d| d.sf(statistic)),
            n_expected_below_5: n_small,
            min_expected,
            small_expected_warning: n_small > 0,
        }
    });
    Ok(Representativeness { n, population: big_n, response_rate: nf / big_nf, strata, goodness_of_fit })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_and_edges() {
        let r = representativeness(&[10, 0, 5], &[20, 0, 10]).unwrap();
        assert_eq!(r.response_rate, 0.5);
        assert_eq!(r.strata[1].response_rate, None);
        let g = r.goodness_of_fit.unwrap();
        assert_eq!(g.df, 1);
        assert!(g.statistic.abs() < 1e-12 && (g.p_value - 1.0).abs() < 1e-12);
        assert!(representativeness(&[3], &[2]).is_err());
        assert!(representativeness(&[0, 0], &[2, 3]).is_err());
        assert!(representativeness(&[1], &[2, 3]).is_err());
        // one stratum: no test; census: rate 1
        let r = representativeness(&[4], &[4]).unwrap();
        assert!(r.goodness_of_fit.is_none());
        assert_eq!(r.response_rate, 1.0);
    }
}
