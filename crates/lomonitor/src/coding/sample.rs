//! Drawing the municipalities to interview: a stratified random sample, reproducible from a
//! seed, with replacements for refusals drawn from the refuser's stratum.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::error::{Error, Result};
use crate::frame::{Frame, MunicipalityCode, Stratification, Stratum};

/// How the sample size is divided over the strata.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Allocation {
    /// In proportion to the strata's sizes N_h (largest-remainder rounding).
    #[default]
    Proportional,
    /// The same number in every stratum (largest-remainder rounding of n/H).
    Equal,
}

/// Divide `n` over strata of sizes `sizes` by the largest-remainder (Hamilton) method, never
/// giving a stratum more than its size.
///
/// # Formula
/// ```text
/// weights w_h = N_h (proportional) or 1 (equal); A = all strata; R = n
/// repeat: q_h = R * w_h / sum_{A} w ; every h in A with q_h >= N_h gets n_h = N_h,
///         leaves A, and R -= N_h ; until no such h
/// n_h = floor(q_h); the R - sum floor(q_h) remaining seats go to the largest remainders
/// q_h - floor(q_h) (ties: the larger N_h, then the earlier stratum)
/// ```
/// Computed in exact integer arithmetic (remainders compared as `R * w_h mod sum w`).
///
/// # Errors
/// [`Error::InvalidArgument`] when `n` exceeds the total size.
///
/// # References
/// Balinski, M. L. & Young, H. P. (2001). *Fair Representation* (2nd ed.), Brookings, ch. 2
/// (Hamilton's method). Cochran, W. G. (1977). *Sampling Techniques* (3rd ed.), Wiley, §5.5
/// (proportional allocation).
pub fn allocate(sizes: &[u64], n: usize, allocation: Allocation) -> Result<Vec<usize>> {
    let total: u64 = sizes.iter().sum();
    if n as u64 > total {
        return Err(Error::InvalidArgument {
            name: "n",
            message: format!("a sample of {n} from a population of {total}"),
        });
    }
    let weight = |h: usize| match allocation {
        Allocation::Proportional => sizes.get(h).copied().unwrap_or(0),
        Allocation::Equal => u64::from(sizes.get(h).is_some_and(|&s| s > 0)),
    };
    let mut out = vec![0usize; sizes.len()];
    let mut active: Vec<usize> = (0..sizes.len()).filter(|&h| weight(h) > 0).collect();
    let mut remaining = n as u128;
    loop {
        let w_sum: u128 = active.iter().map(|&h| u128::from(weight(h))).sum();
        if w_sum == 0 || remaining == 0 {
            return Ok(out);
        }
        let capped: Vec<usize> = active
            .iter()
            .copied()
            .filter(|&h| remaining * u128::from(weight(h)) >= u128::from(sizes.get(h).copied().unwrap_or(0)) * w_sum)
            .collect();
        if capped.is_empty() {
            let mut given = 0u128;
            let mut rema: Vec<(u128, u64, usize)> = Vec::with_capacity(active.len());
            for &h in &active {
                let q = remaining * u128::from(weight(h));
                let floor = q / w_sum;
                given += floor;
                if let Some(o) = out.get_mut(h) {
                    *o = usize::try_from(floor).unwrap_or(usize::MAX);
                }
                rema.push((q % w_sum, sizes.get(h).copied().unwrap_or(0), h));
            }
            rema.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
            let extra = usize::try_from(remaining - given).unwrap_or(0);
            for &(_, _, h) in rema.iter().take(extra) {
                if let Some(o) = out.get_mut(h) {
                    *o += 1;
                }
            }
            return Ok(out);
        }
        for h in capped {
            let size = sizes.get(h).copied().unwrap_or(0);
            if let Some(o) = out.get_mut(h) {
                *o = usize::try_from(size).unwrap_or(usize::MAX);
            }
            remaining -= u128::from(size);
            active.retain(|&a| a != h);
        }
    }
}

/// Where a drawn municipality stands.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum UnitStatus {
    /// In the original sample.
    Selected,
    /// Drawn to replace a refusal.
    Replacement {
        /// The municipality it replaces.
        replaces: MunicipalityCode,
    },
    /// Refused (or could not be interviewed); replaced when its stratum had reserves.
    Refused,
}

/// A municipality drawn for an interview.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SampleUnit {
    /// The municipality.
    pub code: MunicipalityCode,
    /// Its name.
    pub name: String,
    /// The index of its stratum in [`InterviewSample::strata`].
    pub stratum: usize,
    /// Its position in the stratum's random order (0 = drawn first).
    pub rank: usize,
    /// Its status.
    pub status: UnitStatus,
}

/// One stratum of the sample.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SampleStratum {
    /// The stratum.
    pub stratum: Stratum,
    /// Its size in the frame (N_h).
    pub population: u64,
    /// The allocated sample size (n_h).
    pub allocated: usize,
    /// The whole stratum in random order: the first `allocated` are the sample, the rest the
    /// reserve list, used front to back.
    pub order: Vec<MunicipalityCode>,
    /// How many of `order` have been drawn so far (sample plus replacements).
    pub used: usize,
}

impl SampleStratum {
    /// Whether the reserve list is used up.
    pub fn exhausted(&self) -> bool {
        self.used >= self.order.len()
    }
}

/// The result of asking for a replacement.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Replacement {
    /// The next municipality of the refuser's stratum.
    Drawn {
        /// The replacement.
        code: MunicipalityCode,
        /// Its name.
        name: String,
        /// The stratum's label.
        stratum: String,
    },
    /// The stratum has no municipality left: it will have one interview fewer than allocated.
    Exhausted {
        /// The stratum's label.
        stratum: String,
    },
}

/// A stratified random sample of municipalities for interviews, reproducible from its seed, with
/// the reserve order per stratum for replacing refusals.
///
/// ```
/// use lomonitor::{Frame, Stratification, SizeClasses};
/// use lomonitor::coding::{Allocation, InterviewSample};
/// let frame = Frame::embedded();
/// let strata = Stratification::parse("size_class", SizeClasses::default())?;
/// let mut s = InterviewSample::draw(&frame, &strata, 20, Allocation::Proportional, 2025)?;
/// assert_eq!(s.active().len(), 20);
/// let refused = s.active()[0];
/// s.replace(refused, &frame)?;
/// assert_eq!(s.active().len(), 20);
/// # Ok::<(), lomonitor::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InterviewSample {
    /// The stratification's spec, e.g. `size_class*province`.
    pub stratification: String,
    /// The allocation.
    pub allocation: Allocation,
    /// The total sample size asked for.
    pub n: usize,
    /// The seed.
    pub seed: u64,
    /// The strata, in the stratification's order (empty strata of the sample are kept).
    pub strata: Vec<SampleStratum>,
    /// Every municipality drawn so far, in draw order.
    pub units: Vec<SampleUnit>,
}

/// A uniform integer in `0..n` (n > 0) from the generator, by rejection (no modulo bias).
fn uniform(rng: &mut ChaCha8Rng, n: u64) -> u64 {
    let limit = u64::MAX - u64::MAX % n;
    loop {
        let x = rng.next_u64();
        if x < limit {
            return x % n;
        }
    }
}

impl InterviewSample {
    /// Draw `n` municipalities stratified by `stratification`.
    ///
    /// Within each stratum the municipalities (in code order) are put in random order by a
    /// Fisher-Yates shuffle; the first n_h form the sample. The generator is ChaCha8 seeded with
    /// the 32 bytes `seed` (little endian) followed by zeros; the strata are shuffled in the
    /// stratification's order from one stream, and integers in `0..k` are drawn by rejection from
    /// 64-bit outputs. The same frame, stratification, n, allocation and seed give the same
    /// sample on every platform and version of this crate.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `n` is 0 or exceeds the frame.
    ///
    /// # References
    /// Cochran, W. G. (1977). *Sampling Techniques* (3rd ed.), Wiley, ch. 5. Knuth, D. E. (1997).
    /// *The Art of Computer Programming* vol. 2 (3rd ed.), §3.4.2, Algorithm P.
    pub fn draw(
        frame: &Frame,
        stratification: &Stratification,
        n: usize,
        allocation: Allocation,
        seed: u64,
    ) -> Result<InterviewSample> {
        if n == 0 {
            return Err(Error::InvalidArgument { name: "n", message: "a sample of 0 municipalities".into() });
        }
        let counts = stratification.counts(frame);
        let sizes: Vec<u64> = counts.iter().map(|c| c.count).collect();
        let alloc = allocate(&sizes, n, allocation)?;
        let assign = stratification.assign(frame);
        let mut members: Vec<Vec<MunicipalityCode>> = vec![Vec::new(); counts.len()];
        for (m, &h) in frame.iter().zip(&assign) {
            if let Some(list) = members.get_mut(h) {
                list.push(m.code);
            }
        }
        let mut bytes = [0u8; 32];
        for (b, s) in bytes.iter_mut().zip(seed.to_le_bytes()) {
            *b = s;
        }
        let mut rng = ChaCha8Rng::from_seed(bytes);
        let mut strata = Vec::with_capacity(counts.len());
        let mut units = Vec::with_capacity(n);
        for ((c, mut order), n_h) in counts.into_iter().zip(members).zip(alloc) {
            for i in (1..order.len()).rev() {
                let j = uniform(&mut rng, i as u64 + 1) as usize;
                order.swap(i, j);
            }
            for (rank, code) in order.iter().take(n_h).enumerate() {
                units.push(SampleUnit {
                    code: *code,
                    name: frame.get(*code).map(|m| m.name.clone()).unwrap_or_default(),
                    stratum: c.stratum.index,
                    rank,
                    status: UnitStatus::Selected,
                });
            }
            strata.push(SampleStratum { stratum: c.stratum, population: c.count, allocated: n_h, order, used: n_h });
        }
        Ok(InterviewSample { stratification: stratification.spec(), allocation, n, seed, strata, units })
    }

    /// The municipalities to interview now (selected or replacements, not refused), in draw order.
    pub fn active(&self) -> Vec<MunicipalityCode> {
        self.units.iter().filter(|u| u.status != UnitStatus::Refused).map(|u| u.code).collect()
    }

    /// Record a refusal and draw its replacement: the next municipality in the random order of
    /// the refuser's stratum, so every stratum keeps its allocation while it has reserves.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `refused` is not an active unit of the sample.
    pub fn replace(&mut self, refused: MunicipalityCode, frame: &Frame) -> Result<Replacement> {
        let unit =
            self.units.iter_mut().find(|u| u.code == refused && u.status != UnitStatus::Refused).ok_or_else(|| {
                Error::InvalidArgument {
                    name: "refused",
                    message: format!("{refused} is not an active municipality of the sample"),
                }
            })?;
        unit.status = UnitStatus::Refused;
        let h = unit.stratum;
        let stratum = self.strata.get_mut(h).ok_or_else(|| Error::InvalidArgument {
            name: "refused",
            message: format!("{refused}: stratum {h} is not in the sample"),
        })?;
        let label = stratum.stratum.label.clone();
        let Some(&code) = stratum.order.get(stratum.used) else {
            return Ok(Replacement::Exhausted { stratum: label });
        };
        let rank = stratum.used;
        stratum.used += 1;
        let name = frame.get(code).map(|m| m.name.clone()).unwrap_or_default();
        self.units.push(SampleUnit {
            code,
            name: name.clone(),
            stratum: h,
            rank,
            status: UnitStatus::Replacement { replaces: refused },
        });
        Ok(Replacement::Drawn { code, name, stratum: label })
    }

    /// The labels of the strata whose reserves are used up while they are short of their
    /// allocation.
    pub fn short_strata(&self) -> Vec<&str> {
        self.strata
            .iter()
            .filter(|s| {
                let active = self
                    .units
                    .iter()
                    .filter(|u| u.stratum == s.stratum.index && u.status != UnitStatus::Refused)
                    .count();
                s.exhausted() && active < s.allocated
            })
            .map(|s| s.stratum.label.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_remainder() {
        assert_eq!(allocate(&[50, 30, 20], 10, Allocation::Proportional).unwrap(), [5, 3, 2]);
        // quotas 4.2, 3.5, 2.3 -> floors 4, 3, 2 and the seat goes to 3.5
        assert_eq!(allocate(&[42, 35, 23], 10, Allocation::Proportional).unwrap(), [4, 4, 2]);
        // equal: 10 / 3 = 3.33 each; the extra seat to the largest stratum
        assert_eq!(allocate(&[10, 30, 20], 10, Allocation::Equal).unwrap(), [3, 4, 3]);
        // capping: a stratum of 1 cannot take 3
        assert_eq!(allocate(&[1, 100, 100], 9, Allocation::Equal).unwrap(), [1, 4, 4]);
        assert_eq!(allocate(&[2, 3], 5, Allocation::Proportional).unwrap(), [2, 3]);
        assert!(allocate(&[2, 3], 6, Allocation::Equal).is_err());
        assert_eq!(allocate(&[0, 5], 2, Allocation::Equal).unwrap(), [0, 2]);
    }
}
