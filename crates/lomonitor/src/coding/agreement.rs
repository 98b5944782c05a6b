//! Intercoder agreement on double-coded segments: per code, presence or absence per segment for
//! two coders.

use std::collections::BTreeSet;

use crate::coding::{Codings, Level};
use crate::error::{Error, Result};
use crate::instrument::Codebook;

/// The presence of one code in the segments both coders coded: a coder x segment matrix of 0/1
/// (the input of any agreement coefficient for two coders and a binary category).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PresenceMatrix {
    /// The code (or theme).
    pub code: String,
    /// The two coders: the rows.
    pub coders: [String; 2],
    /// The segments as `(interview, segment)`: the columns.
    pub segments: Vec<(String, String)>,
    /// `data[r][s]` = 1 when coder `r` applied the code (or, at [`Level::Theme`], any code of the
    /// theme) to segment `s`, else 0. Two rows.
    pub data: Vec<Vec<u8>>,
}

/// Build, for every codable code (or every theme), the coder x segment presence matrix over the
/// segments that both coders coded (a segment one coder gave [`crate::coding::NO_CODE`] counts:
/// every code is absent there for that coder).
///
/// # Errors
/// [`Error::InvalidArgument`] when the coders are the same; [`Error::TooFewObservations`] when
/// no segment was coded by both.
pub fn presence_matrices(
    codings: &Codings,
    codebook: &Codebook,
    coder_a: &str,
    coder_b: &str,
    level: Level,
) -> Result<Vec<PresenceMatrix>> {
    if coder_a == coder_b {
        return Err(Error::InvalidArgument {
            name: "coders",
            message: format!("two different coders, got {coder_a:?} twice"),
        });
    }
    let mut segments = Vec::new();
    let mut sets: [Vec<BTreeSet<&str>>; 2] = [Vec::new(), Vec::new()];
    fn roll<'a>(codes: &'a [String], codebook: &'a Codebook, level: Level) -> BTreeSet<&'a str> {
        let mut set = BTreeSet::new();
        for c in codes {
            match level {
                Level::Code => {
                    set.insert(c.as_str());
                }
                Level::Theme => {
                    if let Some(t) = codebook.theme_of(c) {
                        set.insert(t);
                    }
                }
            }
        }
        set
    }
    for s in &codings.segments {
        if let (Some(a), Some(b)) = (s.codes_of(coder_a), s.codes_of(coder_b)) {
            segments.push((s.interview.clone(), s.id.clone()));
            let [sa, sb] = &mut sets;
            sa.push(roll(a, codebook, level));
            sb.push(roll(b, codebook, level));
        }
    }
    if segments.is_empty() {
        return Err(Error::TooFewObservations {
            what: "intercoder agreement (segments coded by both coders)",
            min: 1,
            n: 0,
        });
    }
    let nodes: Vec<&str> = codebook
        .tree_order()
        .into_iter()
        .filter(|(c, _)| match level {
            Level::Code => c.codable,
            Level::Theme => c.parent.is_none(),
        })
        .map(|(c, _)| c.id.as_str())
        .collect();
    Ok(nodes
        .into_iter()
        .map(|code| PresenceMatrix {
            code: code.to_owned(),
            coders: [coder_a.to_owned(), coder_b.to_owned()],
            segments: segments.clone(),
            data: sets.iter().map(|rows| rows.iter().map(|set| u8::from(set.contains(code))).collect()).collect(),
        })
        .collect())
}

/// The agreement coefficient used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgreementMethod {
    /// Cohen's kappa for two coders, on presence/absence of each code per segment.
    CohenKappa,
}

/// Agreement on one code.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CodeAgreement {
    /// The code (or theme).
    pub code: String,
    /// Segments coded by both coders.
    pub n_segments: usize,
    /// Segments where both applied it.
    pub both: usize,
    /// Only the first coder.
    pub only_first: usize,
    /// Only the second coder.
    pub only_second: usize,
    /// Neither.
    pub neither: usize,
    /// Observed agreement p_o, the share of segments with the same decision.
    pub percent_agreement: f64,
    /// Cohen's kappa; `None` when undefined (both coders made one and the same decision on every
    /// segment, so that p_e = 1: typically a code neither used).
    pub kappa: Option<f64>,
}

/// Intercoder agreement of two coders on their double-coded segments.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct IntercoderAgreement {
    /// The coders.
    pub coders: [String; 2],
    /// Codes or themes.
    pub level: Level,
    /// The coefficient.
    pub method: AgreementMethod,
    /// The coefficient, in words, for reports.
    pub coefficient: String,
    /// Segments coded by both.
    pub n_segments: usize,
    /// Interviews with such segments.
    pub n_interviews: usize,
    /// Per code (or theme), in tree order; includes codes neither coder used.
    pub per_code: Vec<CodeAgreement>,
    /// Codes at least one coder used on these segments: the basis of the overall figures.
    pub n_codes_used: usize,
    /// Overall observed agreement, pooled over all (code, segment) decisions of the used codes.
    pub percent_agreement: Option<f64>,
    /// Overall kappa of the pooled 2x2 table of those decisions; `None` when undefined.
    pub kappa: Option<f64>,
    /// Mean of the per-code kappas that are defined; `None` when none is.
    pub mean_kappa: Option<f64>,
}

/// Observed agreement and Cohen's kappa of a 2x2 presence table, through
/// [`crate::stats::RatingMatrix::cohen_kappa`] (the statistics engine, checked against irrCAC and
/// statsmodels). Kappa is `None` where it is undefined (chance agreement 1: both coders used one
/// category only).
fn kappa_2x2(both: usize, only_first: usize, only_second: usize, neither: usize) -> (f64, Option<f64>) {
    let n = both + only_first + only_second + neither;
    let po = if n == 0 { 0.0 } else { (both + neither) as f64 / n as f64 };
    let mut codes: Vec<Option<u32>> = Vec::with_capacity(2 * n);
    for (count, pair) in [(both, [1, 1]), (only_first, [1, 0]), (only_second, [0, 1]), (neither, [0, 0])] {
        for _ in 0..count {
            codes.extend(pair.iter().map(|&c| Some(c)));
        }
    }
    let kappa = crate::stats::RatingMatrix::with_categories(&codes, 2, &[0, 1])
        .and_then(|c| c.cohen_kappa(&crate::stats::AgreementOptions::default()))
        .ok()
        .map(|a| a.estimate);
    (po, kappa)
}

fn table(m: &PresenceMatrix) -> (usize, usize, usize, usize) {
    let (a, b) = (m.data.first().map_or(&[][..], Vec::as_slice), m.data.get(1).map_or(&[][..], Vec::as_slice));
    let mut t = (0, 0, 0, 0);
    for (&x, &y) in a.iter().zip(b) {
        match (x, y) {
            (1, 1) => t.0 += 1,
            (1, _) => t.1 += 1,
            (_, 1) => t.2 += 1,
            _ => t.3 += 1,
        }
    }
    t
}

/// Agreement of two coders per code and overall, on the segments both coded.
///
/// # Formula
/// ```text
/// per code, over the n segments both coded: a = both, b = first only, c = second only, d = neither
/// p_o = (a + d) / n
/// p_e = ((a+b)/n)((a+c)/n) + ((c+d)/n)((b+d)/n)
/// kappa = (p_o - p_e) / (1 - p_e)          (undefined when p_e = 1)
/// overall: the same on the table summed over the codes at least one coder used
/// ```
///
/// # Errors
/// As [`presence_matrices`].
///
/// # References
/// Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
/// Psychological Measurement* 20(1), 37-46. O'Connor, C. & Joffe, H. (2020). Intercoder
/// reliability in qualitative research. *International Journal of Qualitative Methods* 19.
pub fn intercoder_agreement(
    codings: &Codings,
    codebook: &Codebook,
    coder_a: &str,
    coder_b: &str,
    level: Level,
) -> Result<IntercoderAgreement> {
    let matrices = presence_matrices(codings, codebook, coder_a, coder_b, level)?;
    let n_segments = matrices.first().map_or(0, |m| m.segments.len());
    let n_interviews =
        matrices.first().map_or(0, |m| m.segments.iter().map(|(i, _)| i.as_str()).collect::<BTreeSet<_>>().len());
    let mut pooled = (0, 0, 0, 0);
    let mut n_codes_used = 0;
    let mut kappas = Vec::new();
    let per_code: Vec<CodeAgreement> = matrices
        .iter()
        .map(|m| {
            let t = table(m);
            let (po, kappa) = kappa_2x2(t.0, t.1, t.2, t.3);
            if t.0 + t.1 + t.2 > 0 {
                n_codes_used += 1;
                pooled = (pooled.0 + t.0, pooled.1 + t.1, pooled.2 + t.2, pooled.3 + t.3);
            }
            if let Some(k) = kappa {
                kappas.push(k);
            }
            CodeAgreement {
                code: m.code.clone(),
                n_segments: m.segments.len(),
                both: t.0,
                only_first: t.1,
                only_second: t.2,
                neither: t.3,
                percent_agreement: po,
                kappa,
            }
        })
        .collect();
    let (percent_agreement, kappa) = if n_codes_used == 0 {
        (None, None)
    } else {
        let (po, k) = kappa_2x2(pooled.0, pooled.1, pooled.2, pooled.3);
        (Some(po), k)
    };
    let mean_kappa = (!kappas.is_empty()).then(|| kappas.iter().sum::<f64>() / kappas.len() as f64);
    Ok(IntercoderAgreement {
        coders: [coder_a.to_owned(), coder_b.to_owned()],
        level,
        method: AgreementMethod::CohenKappa,
        coefficient: "Cohen's kappa (1960) and percent agreement, on the presence or absence of each code per segment"
            .into(),
        n_segments,
        n_interviews,
        per_code,
        n_codes_used,
        percent_agreement,
        kappa,
        mean_kappa,
    })
}
