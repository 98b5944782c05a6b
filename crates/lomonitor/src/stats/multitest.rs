//! Adjusting p-values for multiple testing: Holm's step-down (family-wise error rate) and
//! Benjamini–Hochberg's step-up (false discovery rate).

use crate::error::{Error, Result};

fn check_p(p: &[f64]) -> Result<()> {
    match p.iter().position(|v| !(v.is_finite() && (0.0..=1.0).contains(v))) {
        Some(i) => Err(Error::InvalidArgument {
            name: "p",
            message: format!("p-value {i} is {}: p-values must lie in [0, 1]", p.get(i).copied().unwrap_or(f64::NAN)),
        }),
        None => Ok(()),
    }
}

/// The indices of `p` in ascending order of p (ties in input order).
fn ascending(p: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..p.len()).collect();
    order.sort_by(|&i, &j| p.get(i).copied().unwrap_or(0.0).total_cmp(&p.get(j).copied().unwrap_or(0.0)));
    order
}

/// Holm's step-down adjusted p-values, in the order of `p`.
///
/// # Formula
/// With p_(1) <= ... <= p_(m) the sorted p-values:
/// ```text
/// p~_(i) = min(1, max_{j <= i} (m - j + 1) p_(j))
/// ```
/// Reject at level alpha where p~ <= alpha: controls the family-wise error rate under any
/// dependence. As statsmodels `multipletests(method="holm")` and R's `p.adjust(method="holm")`.
///
/// # Errors
/// [`Error::InvalidArgument`] for a p-value outside [0, 1] or not finite (naming its position).
///
/// # References
/// Holm, S. (1979). A simple sequentially rejective multiple test procedure. *Scandinavian
/// Journal of Statistics* 6(2), 65-70.
///
/// ```
/// use lomonitor::stats::holm;
/// assert_eq!(holm(&[0.01, 0.04, 0.03])?, vec![0.03, 0.06, 0.06]);
/// # Ok::<(), lomonitor::Error>(())
/// ```
pub fn holm(p: &[f64]) -> Result<Vec<f64>> {
    check_p(p)?;
    let m = p.len();
    let mut out = vec![0.0; m];
    let mut running = 0.0f64;
    for (rank, &i) in ascending(p).iter().enumerate() {
        let v = (m - rank) as f64 * p.get(i).copied().unwrap_or(0.0);
        running = running.max(v).min(1.0);
        if let Some(o) = out.get_mut(i) {
            *o = running;
        }
    }
    Ok(out)
}

/// Benjamini–Hochberg step-up adjusted p-values (q-values), in the order of `p`.
///
/// # Formula
/// With p_(1) <= ... <= p_(m) the sorted p-values:
/// ```text
/// p~_(i) = min(1, min_{j >= i} m p_(j) / j)
/// ```
/// Reject where p~ <= q: controls the false discovery rate at q for independent or positively
/// dependent tests. As statsmodels `multipletests(method="fdr_bh")` and R's `p.adjust(method="BH")`.
///
/// # Errors
/// [`Error::InvalidArgument`] for a p-value outside [0, 1] or not finite (naming its position).
///
/// # References
/// Benjamini, Y. & Hochberg, Y. (1995). Controlling the false discovery rate. *JRSS B* 57(1),
/// 289-300.
///
/// ```
/// use lomonitor::stats::benjamini_hochberg;
/// let q = benjamini_hochberg(&[0.01, 0.04, 0.03])?;
/// assert!((q[0] - 0.03).abs() < 1e-15 && (q[1] - 0.04).abs() < 1e-15 && (q[2] - 0.04).abs() < 1e-15);
/// # Ok::<(), lomonitor::Error>(())
/// ```
pub fn benjamini_hochberg(p: &[f64]) -> Result<Vec<f64>> {
    check_p(p)?;
    let m = p.len();
    let mut out = vec![0.0; m];
    let mut running = 1.0f64;
    for (rank, &i) in ascending(p).iter().enumerate().rev() {
        let v = m as f64 * p.get(i).copied().unwrap_or(0.0) / (rank + 1) as f64;
        running = running.min(v);
        if let Some(o) = out.get_mut(i) {
            *o = running;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges() {
        assert!(holm(&[]).unwrap().is_empty() && benjamini_hochberg(&[]).unwrap().is_empty());
        assert!(holm(&[0.5, f64::NAN]).is_err() && benjamini_hochberg(&[1.5]).is_err());
        assert_eq!(holm(&[1.0, 1.0]).unwrap(), vec![1.0, 1.0]);
    }
}
