"""Reference values for the exact 2x2 methods and p-value adjustments (lomonitor::stats::exact).

Writes expected_methods.json beside this file:
  - Fisher's exact test: scipy.stats.fisher_exact (two-sided, less, greater), also for N in the
    thousands and millions;
  - conditional-MLE odds ratio and its exact interval: scipy.stats.contingency.odds_ratio(
    kind="conditional") and .confidence_interval(0.95);
  - Woolf's interval of the sample odds ratio: statsmodels Table2x2.oddsratio_confint(method="normal");
  - Yates' corrected chi-square: scipy.stats.chi2_contingency(correction=True);
  - Holm and Benjamini-Hochberg: statsmodels.stats.multitest.multipletests("holm", "fdr_bh");
  - raking with an extreme cell: samplics SampleWeight.rake;
  - domain means and proportions within the full design: samplics TaylorEstimator(domain=).

Run: /path/to/venv/bin/python python/tests/reference/ref_methods.py
"""

import json
import math
from pathlib import Path

import numpy as np
import scipy
import statsmodels
from scipy import stats
from scipy.stats.contingency import odds_ratio
from statsmodels.stats.contingency_tables import Table2x2
from statsmodels.stats.multitest import multipletests

HERE = Path(__file__).parent
rng = np.random.default_rng(20261202)


def num(v):
    v = float(v)
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if math.isnan(v):
        return None
    return v


tables = [
    [[3, 1], [1, 3]], [[12, 5], [2, 9]], [[0, 5], [4, 3]], [[7, 0], [2, 6]], [[1, 9], [11, 3]],
    [[20, 15], [10, 25]], [[260, 260], [260, 260]], [[300, 250], [260, 310]], [[2000, 1900], [1850, 2100]],
    [[500000, 501000], [499000, 500200]], [[3, 100000000], [100000000, 3]], [[10, 1000000], [30, 1000000]],
    [[5, 0], [0, 5]],
]
cases = []
for t in tables:
    arr = np.array(t)
    case = {"kind": "fisher", "table": [int(v) for v in arr.ravel()],
            "peer": "scipy.stats.fisher_exact; scipy.stats.contingency.odds_ratio; statsmodels Table2x2"}
    for alt in ["two-sided", "less", "greater"]:
        case[f"p_{alt}"] = num(stats.fisher_exact(arr, alternative=alt).pvalue)
    if arr.sum() < 20_000:  # scipy odds_ratio(kind="conditional") is slow beyond (whole support)
        res = odds_ratio(arr, kind="conditional")
        ci = res.confidence_interval(0.95)
        case["conditional"] = num(res.statistic)
        case["conditional_ci"] = [num(ci.low), num(ci.high)]
    if (arr > 0).all():
        lo, hi = Table2x2(arr).oddsratio_confint(alpha=0.05, method="normal")
        case["woolf_ci"] = [num(lo), num(hi)]
    if (arr.sum(axis=0) > 0).all() and (arr.sum(axis=1) > 0).all():
        y = stats.chi2_contingency(arr, correction=True)
        case["yates"] = [num(y.statistic), num(y.pvalue)]
    cases.append(case)

pvals = [
    [0.01, 0.04, 0.03, 0.005, 0.2, 0.5, 0.04, 0.9],
    list(rng.uniform(size=40) ** 3),
    [0.0, 1.0, 0.5, 0.5, 0.049],
    [0.3],
]
for p in pvals:
    p = np.array(p, dtype=float)
    cases.append({
        "kind": "adjust", "peer": "statsmodels multipletests", "p": [float(v) for v in p],
        "holm": [float(v) for v in multipletests(p, method="holm")[1]],
        "fdr_bh": [float(v) for v in multipletests(p, method="fdr_bh")[1]],
    })

# raking with an extreme cell: one respondent carries a category with a large target
import warnings  # noqa: E402
warnings.filterwarnings("ignore", category=FutureWarning)
from samplics import SampleWeight  # noqa: E402
from importlib.metadata import version  # noqa: E402

n = 120
m_a = rng.choice(3, size=n, p=[0.6, 0.39, 0.01])
m_a[0] = 2
m_a[m_a == 2] = 1
m_a[0] = 2  # exactly one respondent in category 2
m_b = rng.choice(4, size=n, p=[0.25, 0.25, 0.25, 0.25])
t_a = np.array([180.0, 132.0, 30.0])  # the lone respondent gets a weight ~10x the mean
t_b = np.array([80.0, 90.0, 100.0, 72.0])
rk = SampleWeight().rake(
    samp_weight=np.ones(n), margins={"a": m_a, "b": m_b},
    control={"a": {j: float(t_a[j]) for j in range(3)}, "b": {j: float(t_b[j]) for j in range(4)}},
    tol=1e-15, ctrl_tol=1e-14, max_iter=10000,
)
cases.append({"kind": "rake", "name": "extreme_cell", "peer": "samplics SampleWeight.rake (tol 1e-15)",
              "margins": [[int(v) for v in m_a], [int(v) for v in m_b]], "targets": [list(t_a), list(t_b)],
              "weights": [float(v) for v in rk]})

# domain estimates within the full design: samplics TaylorEstimator(domain=), stratified with fpc
# from the full stratum counts; samplics' df is that of the full design (n - H)
from samplics.estimation import TaylorEstimator  # noqa: E402
from samplics.utils.types import PopParam  # noqa: E402

for name, n_h, N_h, share in [("municipalities_like", [30, 45, 40, 20], [80.0, 110.0, 90.0, 40.0], 0.8),
                              ("small_domain", [12, 20, 9], [30.0, 50.0, 9.0], 0.35),
                              ("whole_sample", [25, 25], [60.0, 70.0], 1.0)]:
    h = np.repeat(np.arange(len(n_h)), n_h)
    nn = len(h)
    w = rng.uniform(1.5, 3.5, nn)
    yb = (rng.uniform(size=nn) < 0.4).astype(int)
    ym = np.round(rng.normal(3.2, 1.1, size=nn) * 2) / 2
    d = (rng.uniform(size=nn) < share) if share < 1 else np.ones(nn, dtype=bool)
    fpc = {k: 1 - (h == k).sum() / N_h[k] for k in range(len(n_h))}
    dom = d.astype(int)
    case = {"kind": "domain", "name": name, "peer": "samplics TaylorEstimator(domain=), stratified, fpc",
            "weights": [float(v) for v in w], "strata": [int(v) for v in h], "stratum_population": N_h,
            "domain": [bool(v) for v in d], "y_binary": [int(v) for v in yb], "y_mean": [float(v) for v in ym]}
    em = TaylorEstimator(PopParam.mean, alpha=0.05)
    em.estimate(y=ym, samp_weight=w, stratum=h, domain=dom, fpc=fpc)
    ep = TaylorEstimator(PopParam.prop, alpha=0.05, ciprop_method="logit")
    ep.estimate(y=yb.astype(float), samp_weight=w, stratum=h, domain=dom, fpc=fpc)
    case["mean"] = {"estimate": float(em.point_est[1]), "se": float(em.stderror[1]),
                    "lower": float(em.lower_ci[1]), "upper": float(em.upper_ci[1]),
                    "design_df": float(em.degree_of_freedom)}
    case["proportion_logit"] = {"estimate": float(ep.point_est[1][1.0]), "se": float(ep.stderror[1][1.0]),
                                "lower": float(ep.lower_ci[1][1.0]), "upper": float(ep.upper_ci[1][1.0]),
                                "design_df": float(ep.degree_of_freedom)}
    cases.append(case)

# Fisher-Freeman-Halton r x c: the exact p by full enumeration of the tables with the observed
# margins (P from scipy.special.gammaln), checked against scipy.stats.fisher_exact on 2x2; the
# Rust Monte Carlo p must lie within MC error of it.
from scipy.special import gammaln  # noqa: E402


def tables_with_margins(rows, cols):
    """Every table with these row and column totals (row by row, each row a composition)."""
    if len(rows) == 1:
        yield [list(cols)]
        return
    r0 = rows[0]

    def compositions(k, total, caps):
        if k == len(caps) - 1:
            if total <= caps[k]:
                yield [total]
            return
        for v in range(min(total, caps[k]) + 1):
            for rest in compositions(k + 1, total - v, caps):
                yield [v] + rest

    for first in compositions(0, r0, cols):
        rest_cols = [c - f for c, f in zip(cols, first)]
        for rest in tables_with_margins(rows[1:], rest_cols):
            yield [first] + rest


def ffh_exact(t):
    t = np.array(t)
    rows, cols = t.sum(axis=1), t.sum(axis=0)
    const = gammaln(rows + 1).sum() + gammaln(cols + 1).sum() - gammaln(t.sum() + 1)
    logp = lambda x: const - gammaln(np.array(x) + 1).sum()  # noqa: E731
    obs = logp(t)
    total = 0.0
    for x in tables_with_margins(list(rows), list(cols)):
        lp = logp(x)
        if lp <= obs + 1e-7:
            total += math.exp(lp)
    return min(total, 1.0)


assert abs(ffh_exact([[3, 1], [1, 3]]) - stats.fisher_exact([[3, 1], [1, 3]]).pvalue) < 1e-12
assert abs(ffh_exact([[12, 5], [2, 9]]) - stats.fisher_exact([[12, 5], [2, 9]]).pvalue) < 1e-12
for t in [[[3, 1, 0], [1, 3, 1], [0, 1, 4]], [[2, 0, 3, 1], [1, 4, 0, 2]], [[5, 2, 1], [1, 3, 4], [0, 2, 3], [2, 1, 0]],
          [[8, 1, 0, 2, 1], [2, 6, 1, 0, 3], [1, 2, 5, 1, 0]], [[1, 1, 1], [1, 1, 1], [1, 1, 2]]]:
    cases.append({"kind": "ffh", "table": t, "p_exact": ffh_exact(t),
                  "peer": "full enumeration of the tables with the observed margins (scipy.special.gammaln); "
                          "the enumerator equals scipy.stats.fisher_exact on 2x2"})

# describe: skewness G1 (scipy.stats.skew(bias=False), = SPSS), SPSS quartiles HAVERAGE
# (numpy percentile method="weibull"), bottom-2-box share (numpy)
for name, vals in [("likert_151", rng.choice([1, 2, 3, 4, 5], size=151, p=[0.06, 0.19, 0.35, 0.28, 0.12])),
                   ("skewed_numeric", np.round(rng.lognormal(1.0, 0.8, size=60), 2)),
                   ("three", np.array([1.0, 2.0, 7.0]))]:
    vals = vals.astype(float)
    cases.append({"kind": "describe", "name": name, "peer": "scipy.stats.skew(bias=False); numpy.percentile(method='weibull')",
                  "values": [float(v) for v in vals], "skewness": float(stats.skew(vals, bias=False)),
                  "spss_quartiles": [float(np.percentile(vals, q, method="weibull")) for q in (25, 50, 75)],
                  "bottom2_percent": float(100 * np.isin(vals, [1.0, 2.0]).mean())})

out = {"peers": {"numpy": np.__version__, "scipy": scipy.__version__, "statsmodels": statsmodels.__version__,
                 "samplics": version("samplics")},
       "cases": cases}
(HERE / "expected_methods.json").write_text(json.dumps(out, indent=1) + "\n")
print(f"wrote {len(cases)} cases to expected_methods.json")
