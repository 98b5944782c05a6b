//! Coverage of the frame by the directory: which municipalities have a fresh, active contact.

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};

use crate::contacts::{ContactStatus, Directory, Role};
use crate::error::{Error, Result};
use crate::frame::{Frame, MunicipalityCode, Organisations, SizeClasses, Stratification, StratumVar};
use crate::meta::Language;

/// What counts as a covered municipality.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CoverageOptions {
    /// The date coverage is measured at (usually today, or the start of fieldwork).
    pub as_of: NaiveDate,
    /// A contact counts when verified at most this many months before `as_of` (default 12).
    pub window_months: u32,
    /// The roles that count; `None` (default) counts every role of the directory.
    pub roles: Option<Vec<Role>>,
    /// The breakdowns (default: size class and province).
    pub breakdowns: Vec<StratumVar>,
}

impl CoverageOptions {
    /// Defaults at a date: 12 months, every role, by size class and province.
    pub fn at(as_of: NaiveDate) -> Self {
        Self { as_of, window_months: 12, roles: None, breakdowns: vec![StratumVar::SizeClass, StratumVar::Province] }
    }
}

/// Covered municipalities of one group (the whole frame, or a stratum).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CoverageCell {
    /// Stratum key (`"all"` for the frame).
    pub key: String,
    /// Stratum label.
    pub label: String,
    /// Municipalities in the group (N_h).
    pub n: u64,
    /// Those with at least one fresh, active contact.
    pub covered: u64,
    /// `covered / n` (groups are never empty: only strata with municipalities are listed).
    pub share: f64,
}

/// Coverage by one stratum variable.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CoverageGroup {
    /// The variable.
    pub by: StratumVar,
    /// One cell per stratum, in the stratification's order.
    pub cells: Vec<CoverageCell>,
}

/// Why a municipality is not covered.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum GapReason {
    /// No contact in the directory at all.
    NoContact,
    /// Only contacts that left or bounced (or of roles that do not count).
    NoActiveContact,
    /// Active contacts, but none verified within the window; the latest verification (none if
    /// never verified).
    Stale {
        /// The most recent verification date among its active contacts.
        last_verified: Option<NaiveDate>,
    },
}

/// A municipality without a fresh, active contact: an item on the team's to-do list. Carries
/// public data only (code, name, size), never a person.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CoverageGap {
    /// CBS code.
    pub code: MunicipalityCode,
    /// Municipality name.
    pub name: String,
    /// Province name.
    pub province: String,
    /// Size-class label.
    pub size_class: String,
    /// Inhabitants.
    pub inhabitants: u64,
    /// The organisation serving it, if any (one contact there covers several).
    pub organisation: Option<String>,
    /// Why it is a gap.
    pub reason: GapReason,
}

/// Coverage of the frame by the directory. Codes and counts only: no personal data.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Coverage {
    /// The measurement date.
    pub as_of: NaiveDate,
    /// The freshness window in months.
    pub window_months: u32,
    /// The earliest verification date that still counts.
    pub fresh_since: NaiveDate,
    /// The whole frame.
    pub overall: CoverageCell,
    /// Per stratum variable.
    pub by: Vec<CoverageGroup>,
    /// Municipalities without a fresh, active contact, largest first (then by code).
    pub gaps: Vec<CoverageGap>,
}

/// The share of municipalities with at least one active contact verified within the freshness
/// window, overall and per stratum, and the list of municipalities without one.
///
/// A contact covers the municipalities it lists and every municipality of the organisations it
/// lists. It counts when its status is active, its role is among `options.roles` (all roles by
/// default) and its verification date `v` satisfies `as_of - window_months <= v` (a date after
/// `as_of` counts too).
///
/// # Formula
/// ```text
/// share_h = covered_h / N_h
/// ```
/// a plain proportion of the finite population (a census count, no sampling error).
///
/// # Errors
/// [`Error::InvalidArgument`] for a window of 0 months or one that reaches before year 1.
///
/// # References
/// The freshness rule follows the team's practice (issue text); shares are frame counts.
pub fn coverage(
    frame: &Frame,
    organisations: &Organisations,
    size_classes: &SizeClasses,
    directory: &Directory,
    options: &CoverageOptions,
) -> Result<Coverage> {
    if options.window_months == 0 {
        return Err(Error::InvalidArgument { name: "window_months", message: "must be at least 1".into() });
    }
    let fresh_since =
        options.as_of.checked_sub_months(Months::new(options.window_months)).ok_or_else(|| Error::InvalidArgument {
            name: "window_months",
            message: format!("{} months before {} is out of range", options.window_months, options.as_of),
        })?;
    // Per municipality: (any contact, any active counted contact, fresh, latest verification).
    #[derive(Default, Clone, Copy)]
    struct State {
        any: bool,
        active: bool,
        fresh: bool,
        last: Option<NaiveDate>,
    }
    let mut state: BTreeMap<MunicipalityCode, State> = BTreeMap::new();
    for c in directory.iter() {
        let counts = c.status == ContactStatus::Active && options.roles.as_ref().is_none_or(|r| r.contains(&c.role));
        for code in Directory::municipalities_of(c, organisations) {
            let s = state.entry(code).or_default();
            s.any = true;
            if counts {
                s.active = true;
                s.last = s.last.max(c.verified);
                if c.verified.is_some_and(|v| v >= fresh_since) {
                    s.fresh = true;
                }
            }
        }
    }
    let covered = |code: MunicipalityCode| state.get(&code).is_some_and(|s| s.fresh);

    let n = frame.len() as u64;
    let n_cov = frame.iter().filter(|m| covered(m.code)).count() as u64;
    let overall = cell("all".into(), "Alle gemeenten".into(), n, n_cov);

    let mut by = Vec::new();
    for &var in &options.breakdowns {
        let strat = Stratification::new(vec![var], size_classes.clone())?;
        let mut cov: BTreeMap<String, u64> = BTreeMap::new();
        for m in frame.iter().filter(|m| covered(m.code)) {
            *cov.entry(strat.key_of(m)).or_insert(0) += 1;
        }
        let cells = strat
            .counts(frame)
            .into_iter()
            .map(|c| {
                let k = cov.get(&c.stratum.key).copied().unwrap_or(0);
                cell(c.stratum.key, c.stratum.label, c.count, k)
            })
            .collect();
        by.push(CoverageGroup { by: var, cells });
    }

    let labels = size_classes.labels(Language::Nl);
    let mut gaps: Vec<CoverageGap> = frame
        .iter()
        .filter(|m| !covered(m.code))
        .map(|m| {
            let s = state.get(&m.code).copied().unwrap_or_default();
            let reason = if !s.any {
                GapReason::NoContact
            } else if !s.active {
                GapReason::NoActiveContact
            } else {
                GapReason::Stale { last_verified: s.last }
            };
            CoverageGap {
                code: m.code,
                name: m.name.clone(),
                province: m.province.name().to_owned(),
                size_class: labels.get(size_classes.class_of(m)).cloned().unwrap_or_default(),
                inhabitants: m.inhabitants,
                organisation: organisations.serving(m.code).map(|o| o.name.clone()),
                reason,
            }
        })
        .collect();
    gaps.sort_by(|a, b| b.inhabitants.cmp(&a.inhabitants).then(a.code.cmp(&b.code)));
    Ok(Coverage { as_of: options.as_of, window_months: options.window_months, fresh_since, overall, by, gaps })
}

#[allow(clippy::cast_precision_loss)]
fn cell(key: String, label: String, n: u64, covered: u64) -> CoverageCell {
    let share = if n == 0 { 0.0 } else { covered as f64 / n as f64 };
    CoverageCell { key, label, n, covered, share }
}
