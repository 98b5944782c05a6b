"""Reference values for weights, crosstabs, representativeness (lomonitor::stats).

Runs the peers on deterministic data and writes expected_tables.json beside this file:
  - post-stratification: samplics SampleWeight.poststratify and a pandas groupby;
  - raking: samplics SampleWeight.rake (with base weights) and weightipy (unit base weights);
  - Kish design effect / effective n: numpy;
  - trimming: svy Sample.weighting.trim (upper bound, redistributed), numpy.clip;
  - crosstabs: pandas.crosstab, scipy.stats.chi2_contingency(correction=False) (Pearson and
    lambda_="log-likelihood"), scipy.stats.contingency.association(method="cramer"),
    scipy.stats.fisher_exact;
  - Rao-Scott: svy Sample.categorical.tabulate (stats.f is R's svychisq(statistic="F"),
    stats.chisq is R's svychisq(statistic="Chisq"): the unadjusted X2 with the first-order
    corrected p-value);
  - representativeness: scipy.stats.chisquare.

Run: /path/to/venv/bin/python python/tests/reference/ref_tables.py
"""

import json
import warnings
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl
import scipy
from scipy import stats
from scipy.stats.contingency import association

warnings.filterwarnings("ignore", category=FutureWarning)
from samplics import SampleWeight  # noqa: E402
import svy  # noqa: E402
import weightipy as wp  # noqa: E402

HERE = Path(__file__).parent
rng = np.random.default_rng(20250601)


def fl(a):
    return [float(x) for x in np.asarray(a, dtype=float).ravel()]


def il(a):
    return [int(x) for x in np.asarray(a).ravel()]


cases = []

# ---------------------------------------------------------------- post-stratification
pop = np.array([40.0, 120.0, 100.0, 60.0, 22.0])  # sums to 342
strata = rng.choice(5, size=150, p=[0.1, 0.3, 0.3, 0.2, 0.1])
base = rng.uniform(0.5, 3.0, size=150)
for name, b in [("poststratify_unit_base", None), ("poststratify_base", base)]:
    bw = np.ones(150) if b is None else b
    ps = SampleWeight().poststratify(samp_weight=bw, control={h: pop[h] for h in range(5)}, domain=strata)
    df = pd.DataFrame({"h": strata, "b": bw})
    pd_w = df["b"] * df["h"].map(dict(enumerate(pop))) / df.groupby("h")["b"].transform("sum")
    assert np.allclose(ps, pd_w.to_numpy(), rtol=1e-12)
    cases.append({
        "kind": "poststratify", "name": name, "peer": "samplics SampleWeight.poststratify; pandas groupby",
        "strata": il(strata), "population_counts": fl(pop), "base": None if b is None else fl(b),
        "weights": fl(ps),
        "kish_design_effect": float(len(ps) * np.sum(ps**2) / np.sum(ps) ** 2),
        "effective_sample_size": float(np.sum(ps) ** 2 / np.sum(ps**2)),
    })

# ---------------------------------------------------------------- raking
n = 150
m_a = rng.choice(3, size=n, p=[0.5, 0.3, 0.2])
m_b = rng.choice(4, size=n, p=[0.2, 0.3, 0.3, 0.2])
m_c = rng.choice(2, size=n)
t_a = np.array([150.0, 120.0, 72.0])
t_b = np.array([60.0, 100.0, 110.0, 72.0])
t_c = np.array([200.0, 142.0])
for name, margins, targets, b in [
    ("rake_two_margins_base", [m_a, m_b], [t_a, t_b], base),
    ("rake_three_margins_unit", [m_a, m_b, m_c], [t_a, t_b, t_c], None),
]:
    bw = np.ones(n) if b is None else b
    keys = [f"m{i}" for i in range(len(margins))]
    rk = SampleWeight().rake(
        samp_weight=bw,
        margins={k: m for k, m in zip(keys, margins)},
        control={k: {j: float(t[j]) for j in range(len(t))} for k, t in zip(keys, targets)},
        tol=1e-15, ctrl_tol=1e-13, max_iter=5000,
    )
    case = {
        "kind": "rake", "name": name, "peer": "samplics SampleWeight.rake",
        "margins": [il(m) for m in margins], "targets": [fl(t) for t in targets],
        "base": None if b is None else fl(b), "weights": fl(rk),
    }
    if b is None:
        # weightipy rakes from unit weights to shares and returns weights with mean 1.
        df = pd.DataFrame({k: m for k, m in zip(keys, margins)})
        scheme = wp.scheme_from_dict(
            {k: {j: float(100 * t[j] / t.sum()) for j in range(len(t))} for k, t in zip(keys, targets)},
            rim_params={"convcrit": 1e-15, "max_iterations": 5000},
        )
        wpw = wp.weight(df, scheme).to_numpy()
        case["weightipy_weights_mean1"] = fl(wpw)
        case["peer"] += "; weightipy"
        assert np.allclose(wpw * t_a.sum() / n, rk, rtol=1e-8)
    cases.append(case)

# ---------------------------------------------------------------- trimming
# svy trims an upper bound and redistributes the excess proportionally over the untrimmed
# weights until none exceeds the bound (its tol is the share of weights still changing).
# With both bounds svy's procedure and lomonitor's (one common factor, then clamp) differ, so
# only the upper-bound case has a peer; numpy's clip is the peer without redistribution.
w_trim = rng.lognormal(0.0, 0.8, size=40)
tsample = svy.Sample(pl.DataFrame({"w": w_trim}), svy.Design(wgt="w"))
tw = tsample.weighting.trim(upper=3.0, redistribute=True, max_iter=1000, tol=1e-12, wgt_name="tw")._data["tw"]
cases.append({
    "kind": "trim", "name": "upper_redistribute", "peer": "svy Sample.weighting.trim(redistribute=True)",
    "weights_in": fl(w_trim), "lower": None, "upper": 3.0, "keep_total": True, "weights": fl(tw.to_numpy()),
})
cases.append({
    "kind": "trim", "name": "both_no_redistribution", "peer": "numpy.clip",
    "weights_in": fl(w_trim), "lower": 0.5, "upper": 3.0, "keep_total": False,
    "weights": fl(np.clip(w_trim, 0.5, 3.0)),
})

# ---------------------------------------------------------------- unweighted crosstabs


def crosstab_case(name, rows, n_rows, cols, n_cols):
    df = pd.DataFrame({"r": pd.Categorical(rows, categories=range(n_rows)),
                       "c": pd.Categorical(cols, categories=range(n_cols))})
    ct = pd.crosstab(df["r"], df["c"], dropna=False)
    counts = ct.to_numpy()
    case = {
        "kind": "crosstab", "name": name, "peer": "pandas.crosstab; scipy chi2_contingency/association/fisher_exact",
        "rows": il(rows), "n_rows": n_rows, "cols": il(cols), "n_cols": n_cols,
        "counts": fl(counts),
        "total_percent": fl(100 * pd.crosstab(df["r"], df["c"], dropna=False, normalize="all").to_numpy()),
    }
    # the test is on the non-empty rows and columns (lomonitor's documented rule)
    sub = counts[counts.sum(axis=1) > 0][:, counts.sum(axis=0) > 0]
    if sub.shape[0] >= 2 and sub.shape[1] >= 2:
        chi = stats.chi2_contingency(sub, correction=False)
        g = stats.chi2_contingency(sub, correction=False, lambda_="log-likelihood")
        case["chi_square"] = {
            "statistic": float(chi.statistic), "df": int(chi.dof), "p_value": float(chi.pvalue),
            "likelihood_ratio": float(g.statistic), "likelihood_ratio_p_value": float(g.pvalue),
            "cramers_v": float(association(sub, method="cramer", correction=False)),
            "expected_tested": fl(chi.expected_freq),
        }
    else:
        case["chi_square"] = None
    if counts.sum(axis=1).min() > 0:
        case["row_percent"] = fl(100 * pd.crosstab(df["r"], df["c"], dropna=False, normalize="index").to_numpy())
    if counts.sum(axis=0).min() > 0:
        case["col_percent"] = fl(100 * pd.crosstab(df["r"], df["c"], dropna=False, normalize="columns").to_numpy())
    if (n_rows, n_cols) == (2, 2):
        f = stats.fisher_exact(counts)
        case["fisher"] = {"p_value": float(f.pvalue),
                          "odds_ratio": None if not np.isfinite(f.statistic) else float(f.statistic)}
    cases.append(case)


r = rng.choice(3, size=150, p=[0.2, 0.5, 0.3])
c = np.where(rng.uniform(size=150) < 0.3 + 0.2 * r, 1, 0) + 2 * rng.choice(2, size=150)
crosstab_case("3x4", r, 3, c, 4)
crosstab_case("2x2_fisher", rng.choice(2, size=40), 2, rng.choice(2, size=40, p=[0.7, 0.3]), 2)
crosstab_case("2x2_small", np.array([0, 0, 0, 1, 1, 1, 1, 0]), 2, np.array([0, 0, 1, 1, 1, 1, 1, 0]), 2)
crosstab_case("2x2_zero_cell", np.array([0, 0, 0, 1, 1, 1, 1]), 2, np.array([0, 0, 0, 0, 1, 1, 1]), 2)
crosstab_case("2x2_symmetric", np.array([0, 0, 1, 1, 0, 1]), 2, np.array([0, 1, 0, 1, 0, 1]), 2)
crosstab_case("empty_row_12x3", rng.choice([0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11], size=200), 12,
              rng.choice(3, size=200), 3)
crosstab_case("one_row", np.zeros(10, dtype=int), 2, rng.choice(2, size=10), 2)
crosstab_case("one_respondent", np.array([1]), 2, np.array([0]), 3)

# ---------------------------------------------------------------- Rao-Scott (svy)


def rao_scott_case(name, rows, n_rows, cols, n_cols, w, strata, pop_sizes):
    data = {"r": [str(x) for x in rows], "c": [str(x) for x in cols], "w": w,
            "pid": list(range(len(rows)))}
    design = {"wgt": "w"}
    if strata is not None:
        data["h"] = [int(x) for x in strata]
        design["stratum"] = "h"
    if pop_sizes is not None:
        hs = strata if strata is not None else np.zeros(len(rows), dtype=int)
        data["N"] = [float(pop_sizes[h]) for h in hs]
        design["pop_size"] = "N"
    sample = svy.Sample(pl.DataFrame(data), svy.Design(**design))
    st = sample.categorical.tabulate("r", "c").stats
    df = pd.DataFrame({"r": rows, "c": cols, "w": w})
    wct = pd.crosstab(df["r"], df["c"], values=df["w"], aggfunc="sum").reindex(
        index=range(n_rows), columns=range(n_cols)).fillna(0.0)
    cases.append({
        "kind": "rao_scott", "name": name, "peer": "svy Sample.categorical.tabulate (R svychisq F and Chisq)",
        "rows": il(rows), "n_rows": n_rows, "cols": il(cols), "n_cols": n_cols, "weights": fl(w),
        "strata": None if strata is None else il(strata),
        "population_sizes": None if pop_sizes is None else fl(pop_sizes),
        "weighted_counts": fl(wct.to_numpy()),
        "pearson": float(st.chisq.value), "df": int(st.chisq.df), "first_order_p_value": float(st.chisq.p_value),
        "f_statistic": float(st.f.value), "f_df_num": float(st.f.df_num), "f_df_den": float(st.f.df_den),
        "f_p_value": float(st.f.p_value),
    })


h = strata
w_ps = SampleWeight().poststratify(samp_weight=np.ones(150), control={k: pop[k] for k in range(5)}, domain=h)
rao_scott_case("3x4_strata_fpc", r, 3, c, 4, w_ps, h, pop)
rao_scott_case("3x4_strata_nofpc", r, 3, c, 4, w_ps, h, None)
rao_scott_case("3x4_unstratified", r, 3, c, 4, base, None, None)
r2 = rng.choice(2, size=150)
c2 = rng.choice(2, size=150, p=[0.6, 0.4])
rao_scott_case("2x2_strata_fpc", r2, 2, c2, 2, w_ps, h, pop)
rao_scott_case("empty_col_3x4_strata", r, 3, np.where(c == 2, 3, c), 4, base, h, None)

# ---------------------------------------------------------------- representativeness
for name, resp, popn in [
    ("five_strata", np.bincount(strata, minlength=5), pop.astype(int)),
    ("with_empty_stratum", np.array([10, 0, 25, 4]), np.array([30, 0, 60, 20])),
    ("census", np.array([40, 120, 100, 60, 22]), np.array([40, 120, 100, 60, 22])),
]:
    keep = popn > 0
    expected = resp.sum() * popn[keep] / popn.sum()
    chi = stats.chisquare(resp[keep], expected)
    cases.append({
        "kind": "representativeness", "name": name, "peer": "scipy.stats.chisquare",
        "respondents": il(resp), "population": il(popn),
        "expected": fl(expected), "statistic": float(chi.statistic), "df": int(keep.sum() - 1),
        "p_value": float(chi.pvalue),
    })

out = {
    # the versions of the modules actually imported (not the installer's metadata)
    "peers": {
        "numpy": np.__version__, "pandas": pd.__version__, "scipy": scipy.__version__,
        "samplics": version("samplics"), "svy": version("svy"), "weightipy": version("weightipy"),
        "polars": pl.__version__,
    },
    "cases": cases,
}
(HERE / "expected_tables.json").write_text(json.dumps(out, indent=1) + "\n")
print(f"wrote {len(cases)} cases to expected_tables.json")
