"""Reference values for the core descriptive statistics (crates/lomonitor/src/stats/
{frequency,proportion,survey,descriptives,multiple}.rs).

Run with the reference venv:  python python/tests/reference/ref_core.py
Writes expected_core.json beside this file: per case the inputs, the parameters, the peer's
output and the peer's name; at top level the peers and their versions. Nothing is typed by
hand: every expected number below comes out of a peer call (or, where the case says
"formula", out of the published formula evaluated with scipy's distributions, because no
peer implements that variant).
"""

from __future__ import annotations

import importlib.metadata
import json
import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl
import samplics
import scipy
import statsmodels
import svy
from samplics.estimation import TaylorEstimator
from samplics.utils.types import PopParam
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

warnings.simplefilter("ignore")  # samplics announces its archival on import and use

HERE = Path(__file__).resolve().parent
rng = np.random.default_rng(20250601)
cases: list[dict] = []


def add(area: str, name: str, peer: str, inputs: dict, params: dict, expected: dict) -> None:
    cases.append({"area": area, "name": name, "peer": peer, "input": inputs, "params": params, "expected": expected})


def f(v):
    """Plain float (JSON), NaN -> None."""
    v = float(v)
    return None if math.isnan(v) else v


# ---------------------------------------------------------------------------------------------
# 1. Frequencies: numpy.bincount (with and without weights)
# ---------------------------------------------------------------------------------------------
def frequency_cases() -> None:
    kinds_sets = {
        "likert5_plus_missing": ["Valid"] * 5 + ["UserMissing", "Unanswered"],
        "one_category": ["Valid"],
        "all_valid_3": ["Valid"] * 3,
    }
    for name, kinds in kinds_sets.items():
        k = len(kinds)
        n = 200 if k > 1 else 7
        p = rng.dirichlet(np.ones(k))
        codes = rng.choice(k, size=n, p=p).astype(int)
        weights = rng.uniform(0.3, 3.0, size=n)
        for weighted in (False, True):
            counts = np.bincount(codes, weights=weights if weighted else None, minlength=k).astype(float)
            valid = np.array([kk == "Valid" for kk in kinds])
            n_total = counts.sum()
            n_valid = counts[valid].sum()
            percent = 100 * counts / n_total
            vp = np.where(valid, 100 * counts / n_valid, np.nan) if n_valid > 0 else np.full(k, np.nan)
            cum = np.where(valid, 100 * np.cumsum(np.where(valid, counts, 0)) / n_valid, np.nan)
            add(
                "frequency",
                f"{name}{'_weighted' if weighted else ''}",
                "numpy.bincount",
                {"codes": codes.tolist(), "weights": weights.tolist() if weighted else None},
                {"kinds": kinds},
                {
                    "counts": counts.tolist(),
                    "percent": [f(v) for v in percent],
                    "valid_percent": [f(v) for v in vp],
                    "cumulative_valid_percent": [f(v) for v in cum],
                    "n_total": f(n_total),
                    "n_valid": f(n_valid),
                    "n_missing": f(n_total - n_valid),
                },
            )


# ---------------------------------------------------------------------------------------------
# 2. Proportions
# ---------------------------------------------------------------------------------------------
def hypergeom_exact(x: int, n: int, N: int, level: float) -> tuple[float, float]:
    """Brute-force inversion of the hypergeometric test with scipy.stats.hypergeom."""
    a2 = (1 - level) / 2
    ks = range(0, N + 1)
    # scipy: hypergeom(M=N population, n=K successes, N=n draws)
    lo = min(K for K in ks if stats.hypergeom.sf(x - 1, N, K, n) > a2)
    hi = max(K for K in ks if stats.hypergeom.cdf(x, N, K, n) > a2)
    return lo / N, hi / N


def proportion_cases() -> None:
    grid = [
        (12, 40, None, 0.95),
        (3, 10, None, 0.90),
        (0, 30, None, 0.95),
        (30, 30, None, 0.95),
        (1, 1, None, 0.95),
        (0, 30, 342, 0.95),
        (30, 30, 342, 0.99),
        (1, 150, 342, 0.95),
        (75, 150, 342, 0.95),
        (149, 150, 342, 0.90),
        (41, 148, 342, 0.95),
        (7, 20, 20, 0.95),
        (5, 50, 60, 0.95),
    ]
    for x, n, N, level in grid:
        p = x / n
        fpc = 1.0 if N is None else 1 - n / N
        se = math.sqrt(fpc * p * (1 - p) / n)
        census = N is not None and N == n
        n_eff = math.inf if census else n / fpc
        z = stats.norm.ppf(1 - (1 - level) / 2)
        alpha = 1 - level
        inputs = {"x": x, "n": n, "population": N}
        params = {"level": level}

        def put(method: str, peer: str, lo, hi, **extra):
            add("proportion", f"{method}_{x}_{n}_{N}_{level}", peer, inputs, dict(params, method=method),
                dict({"estimate": p, "se": se, "lower": f(lo), "upper": f(hi)}, **extra))

        # Clopper-Pearson ignores N: statsmodels beta, cross-checked with scipy binomtest exact.
        lo, hi = proportion_confint(x, n, alpha=alpha, method="beta")
        ci = stats.binomtest(x, n).proportion_ci(confidence_level=level, method="exact")
        assert abs(lo - ci.low) < 1e-12 and abs(hi - ci.high) < 1e-12
        put("ClopperPearson", "statsmodels.proportion_confint(method='beta'); scipy.binomtest exact", lo, hi)
        if N is None:
            lo, hi = proportion_confint(x, n, alpha=alpha, method="normal")
            put("Wald", "statsmodels.proportion_confint(method='normal')", lo, hi, degenerate=x in (0, n))
            lo, hi = proportion_confint(x, n, alpha=alpha, method="wilson")
            ci = stats.binomtest(x, n).proportion_ci(confidence_level=level, method="wilson")
            assert abs(lo - ci.low) < 1e-12 and abs(hi - ci.high) < 1e-12
            put("Wilson", "statsmodels.proportion_confint(method='wilson'); scipy.binomtest wilson", lo, hi)
            lo, hi = proportion_confint(x, n, alpha=alpha, method="beta")
            put("KornGraubard", "statsmodels.proportion_confint(method='beta') (KG with n* = n equals CP)", lo, hi)
        else:
            # No peer implements these fpc variants: the formula (module docs of proportion.rs)
            # evaluated with scipy's normal and beta distributions.
            if census:
                for m in ("Wald", "Wilson", "Logit", "KornGraubard"):
                    put(m, "formula (census: interval collapses to p)", p, p)
            else:
                put("Wald", "formula: p +- z sqrt((1-f)p(1-p)/n), scipy.stats.norm", max(0, p - z * se),
                    min(1, p + z * se), degenerate=x in (0, n))
                d = 1 + z * z / n_eff
                c = (p + z * z / (2 * n_eff)) / d
                h = z / d * math.sqrt(p * (1 - p) / n_eff + z * z / (4 * n_eff * n_eff))
                put("Wilson", "formula: Wilson with n* = n/(1-f), scipy.stats.norm", max(0, c - h), min(1, c + h))
                xs = p * n_eff
                lo = 0.0 if x == 0 else stats.beta.ppf(alpha / 2, xs, n_eff - xs + 1)
                hi = 1.0 if x == n else stats.beta.ppf(1 - alpha / 2, xs + 1, n_eff - xs)
                put("KornGraubard", "formula: Clopper-Pearson with n* = n/(1-f), scipy.stats.beta", lo, hi)
            lo, hi = hypergeom_exact(x, n, N, level)
            put("Hypergeometric", "scipy.stats.hypergeom, brute-force inversion over K = 0..N", lo, hi)
        if 0 < x < n and not census:
            half = z / math.sqrt(min(n_eff, 1e300) * p * (1 - p))
            lg = math.log(p / (1 - p))
            put("Logit", "formula: expit(logit p +- z/sqrt(n* p(1-p))), scipy.stats.norm",
                1 / (1 + math.exp(-(lg - half))), 1 / (1 + math.exp(-(lg + half))))


# ---------------------------------------------------------------------------------------------
# 3. Design-based mean and proportion: samplics TaylorEstimator and svy
# ---------------------------------------------------------------------------------------------
def design(n_h: list[int], N_h: list[float] | None, weight_range=(1.0, 4.0)):
    h = np.repeat(np.arange(len(n_h)), n_h)
    n = len(h)
    w = rng.uniform(*weight_range, size=n) if weight_range else np.ones(n)
    return h, w


def samplics_est(param, y, w, h, N_h, level, ciprop_method="logit"):
    est = TaylorEstimator(param, alpha=1 - level, ciprop_method=ciprop_method)
    kw = {}
    if h is not None:
        kw["stratum"] = h
    if N_h is not None:
        groups = h if h is not None else np.zeros(len(y), dtype=int)
        kw["fpc"] = {k: 1 - (groups == k).sum() / N_h[k] for k in np.unique(groups)}
        if h is None:
            kw["fpc"] = kw["fpc"][0]
    est.estimate(y=y, samp_weight=w, **kw)
    return est


def svy_sample(cols: dict, h, N_h):
    df = pl.DataFrame(cols)
    kw = {"wgt": "w"}
    if h is not None:
        df = df.with_columns(pl.Series("h", h))
        kw["stratum"] = "h"
    if N_h is not None:
        groups = h if h is not None else np.zeros(df.height, dtype=int)
        df = df.with_columns(pl.Series("N", [float(N_h[k]) for k in groups]))
        kw["pop_size"] = "N"
    return svy.Sample(df, svy.Design(**kw))


def survey_cases() -> None:
    setups = [
        ("stratified_fpc", [10, 15, 15, 8], [50.0, 100.0, 200.0, 8.0], (1.0, 4.0)),
        ("stratified_nofpc", [12, 20, 9], None, (0.5, 3.0)),
        ("single_stratum_fpc", [150], [342.0], (1.0, 4.0)),
        ("single_stratum_nofpc", [60], None, (1.0, 2.0)),
        ("unit_weights_fpc", [40, 30], [120.0, 90.0], None),
        ("municipalities_like", [30, 45, 40, 20, 15], [80.0, 110.0, 90.0, 40.0, 22.0], (1.5, 3.5)),
    ]
    for name, n_h, N_h, wr in setups:
        h, w = design(n_h, N_h, wr)
        strata = h if len(n_h) > 1 else None
        n = len(h)
        y = np.round(rng.normal(3.2, 1.1, size=n) * 2) / 2  # Likert-ish half points
        level = 0.95 if name != "stratified_nofpc" else 0.90
        sm = samplics_est(PopParam.mean, y, w, strata, N_h, level)
        s = svy_sample({"y": y, "w": w}, strata, N_h)
        try:
            sv = s.estimation.mean("y", deff="wor", alpha=1 - level).to_dicts()[0]
        except svy.MethodError:  # sum(w) <= n: no design effect exists (ours gives None)
            sv = dict(s.estimation.mean("y", alpha=1 - level).to_dicts()[0], deff=None)
        assert abs(sm.point_est - sv["est"]) < 1e-12 and abs(sm.stderror - sv["se"]) < 1e-12
        assert abs(sm.lower_ci - sv["lci"]) < 1e-10 and sm.degree_of_freedom == sv["df"]
        inputs = {"y": y.tolist(), "weights": w.tolist(), "strata": None if strata is None else strata.tolist(),
                  "stratum_population": N_h}
        add("survey_mean", name, "samplics TaylorEstimator('mean'); svy Sample.estimation.mean (agree to 1e-12)",
            inputs, {"level": level},
            {"estimate": sm.point_est, "se": sm.stderror, "lower": sm.lower_ci, "upper": sm.upper_ci,
             "df": float(sm.degree_of_freedom), "deff": f(sv["deff"]) if sv.get("deff") is not None else None})

        for threshold, label in ((3.5, ""), (-99.0, "_p1"), (99.0, "_p0")):
            yb = (y >= threshold).astype(int)
            p_true = yb.mean()
            s = svy_sample({"yb": yb, "w": w}, strata, N_h)
            for method, svy_method in (("Logit", "logit"), ("KornGraubard", "beta"), ("Wald", None)):
                if 0 < p_true < 1:
                    if method == "Wald":
                        # the t interval of the mean of the 0/1 variable (R svyciprop(method="mean"))
                        e = samplics_est(PopParam.mean, yb.astype(float), w, strata, N_h, level)
                        res = {"estimate": e.point_est, "se": e.stderror, "lower": e.lower_ci, "upper": e.upper_ci}
                        peer = "samplics TaylorEstimator('mean') on the 0/1 variable"
                    else:
                        deff = "wor" if w.sum() > n else None
                        r = [d for d in s.estimation.prop("yb", ci_method=svy_method, alpha=1 - level,
                                                          deff=deff).to_dicts() if d["y_level"] == 1][0]
                        res = {"estimate": r["est"], "se": r["se"], "lower": r["lci"], "upper": r["uci"],
                               "deff": r.get("deff")}
                        peer = f"svy Sample.estimation.prop(ci_method='{svy_method}')"
                        if method == "Logit":
                            e = samplics_est(PopParam.prop, yb.astype(float), w, strata, N_h, level, "logit")
                            assert abs(e.lower_ci[1.0] - r["lci"]) < 1e-10, (e.lower_ci, r)
                            peer += "; samplics TaylorEstimator('proportion') logit (agree)"
                elif method == "KornGraubard":
                    # p at 0 or 1: svy's NCHS Korn-Graubard (n_eff = n, df-adjusted).
                    r = [d for d in s.estimation.prop("yb", ci_method="korn-graubard", alpha=1 - level).to_dicts()]
                    # Only one level occurs; at p = 0 it is level 0 with share 1, whose interval
                    # [l, 1] is that of p(y = 1) = [0, 1 - l] reflected.
                    r = r[0]
                    assert r["est"] == 1.0 and r["y_level"] == int(p_true)
                    lo, hi = (r["lci"], r["uci"]) if p_true == 1 else (1 - r["uci"], 1 - r["lci"])
                    res = {"estimate": float(p_true), "se": 0.0, "lower": lo, "upper": hi}
                    peer = "svy Sample.estimation.prop(ci_method='korn-graubard') (NCHS boundary rule)"
                else:
                    continue  # Wald/Logit at p = 0 or 1: degenerate, checked in the Rust test
                add("survey_proportion", f"{name}{label}_{method}", peer,
                    {"y": yb.tolist(), "weights": w.tolist(), "strata": None if strata is None else strata.tolist(),
                     "stratum_population": N_h},
                    {"level": level, "method": method}, res)


# ---------------------------------------------------------------------------------------------
# 4. Descriptives: numpy, scipy, pandas; weighted SE: samplics
# ---------------------------------------------------------------------------------------------
def describe_cases() -> None:
    specs = [
        ("likert5_missing", lambda n: rng.integers(1, 6, n).astype(float), 150, 342, 0.95, [4.0, 5.0], 0.1),
        ("likert5_small", lambda n: rng.integers(1, 6, n).astype(float), 11, 342, 0.90, [4.0, 5.0], 0.0),
        ("numeric", lambda n: np.round(rng.gamma(2.0, 10.0, n), 3), 57, None, 0.99, [], 0.05),
        ("two_values", lambda n: np.array([2.0, 7.0]), 2, None, 0.95, [7.0], 0.0),
        ("constant", lambda n: np.full(n, 3.0), 9, 40, 0.95, [3.0], 0.0),
        ("census", lambda n: rng.integers(1, 8, n).astype(float), 25, 25, 0.95, [6.0, 7.0], 0.0),
    ]
    for name, gen, n, N, level, top, miss_rate in specs:
        x = gen(n)
        missing_mask = rng.random(n) < miss_rate
        values = [None if m else float(v) for v, m in zip(x, missing_mask)]
        v = x[~missing_mask]
        nv = len(v)
        fpc = 1.0 if N is None else 1 - nv / N
        sd = float(np.std(v, ddof=1))
        se = float(stats.sem(v)) * math.sqrt(fpc)
        t = stats.t.ppf(1 - (1 - level) / 2, nv - 1)
        desc = stats.describe(v)
        assert abs(desc.mean - v.mean()) < 1e-12 and abs(desc.variance - sd * sd) < 1e-9 * max(1, sd * sd)
        vc = pd.Series(v).value_counts().sort_index()
        for qm, np_method in (("Linear", "linear"), ("Spss", "weibull")):
            qs = np.percentile(v, [25, 50, 75], method=np_method)
            add("describe", f"{name}_{qm}",
                "numpy.mean/std(ddof=1)/percentile(method=...), scipy.stats.sem/t/describe, pandas.value_counts",
                {"values": values, "weights": None},
                {"level": level, "quantile_method": qm, "population": N, "top_codes": top},
                {"n": nv, "missing": int(missing_mask.sum()), "mean": float(v.mean()), "sd": sd, "se": se,
                 "lower": float(v.mean() - t * se), "upper": float(v.mean() + t * se),
                 "q1": float(qs[0]), "median": float(qs[1]), "q3": float(qs[2]),
                 "min": float(v.min()), "max": float(v.max()),
                 "top_box_percent": float(100 * pd.Series(v).isin(top).mean()) if top else None,
                 "distribution": [[float(k), float(c), float(100 * c / nv)] for k, c in vc.items()]})
        # Weighted: mean and SD as R survey (svymean, svyvar: n/(n-1) sum w(y-m)^2 / sum w), by
        # formula with numpy; SE and interval from samplics' linearized mean (df = n - 1).
        if nv >= 2:
            w_all = rng.uniform(0.5, 3.0, n)
            w = w_all[~missing_mask]
            m = float(np.average(v, weights=w))
            sdw = math.sqrt(nv / (nv - 1) * float(np.sum(w * (v - m) ** 2) / np.sum(w)))
            est = TaylorEstimator(PopParam.mean, alpha=1 - level)
            est.estimate(y=v, samp_weight=w, fpc=fpc)
            assert abs(est.point_est - m) < 1e-12
            add("describe", f"{name}_weighted",
                "mean/sd: numpy formula as R survey::svymean/svyvar; se, interval: samplics TaylorEstimator('mean')",
                {"values": values, "weights": w_all.tolist()},
                {"level": level, "quantile_method": "Linear", "population": N, "top_codes": top},
                {"n": nv, "missing": int(missing_mask.sum()), "mean": m, "sd": sdw, "se": float(est.stderror),
                 "lower": float(est.lower_ci), "upper": float(est.upper_ci),
                 "top_box_percent": float(100 * np.sum(w[np.isin(v, top)]) / np.sum(w)) if top else None})


# ---------------------------------------------------------------------------------------------
# 5. Multiple response and ranking: pandas
# ---------------------------------------------------------------------------------------------
def multiple_cases() -> None:
    n, k = 120, 6
    probs = rng.uniform(0.05, 0.7, k)
    df = pd.DataFrame({f"o{j}": (rng.random(n) < probs[j]).astype(int) for j in range(k)})
    asked = rng.random(n) < 0.85
    w = rng.uniform(0.5, 2.5, n)
    for weighted in (False, True):
        ww = pd.Series(w if weighted else np.ones(n))
        base_df = df[asked]
        bw = ww[asked]
        counts = base_df.mul(bw, axis=0).sum()
        mentions = counts.sum()
        any_mention = float(bw[base_df.sum(axis=1) > 0].sum())
        add("multiple", f"multiple_{'weighted' if weighted else 'unweighted'}", "pandas",
            {"columns": [df[c].tolist() for c in df.columns], "asked": asked.tolist(),
             "weights": w.tolist() if weighted else None},
            {},
            {"count": counts.tolist(), "percent_of_respondents": (100 * counts / bw.sum()).tolist(),
             "percent_of_mentions": (100 * counts / mentions).tolist(), "base": float(bw.sum()),
             "mentions": float(mentions), "respondents_with_mention": any_mention, "n_asked": int(asked.sum())})

    # Ranking: each respondent ranks the top r of k options (r varies 0..k), 0 = not ranked.
    k = 5
    rows = []
    for _ in range(n):
        r = int(rng.integers(0, k + 1))
        order = rng.permutation(k)
        ranks = np.zeros(k, dtype=int)
        ranks[order[:r]] = np.arange(1, r + 1)
        rows.append(ranks)
    rk = pd.DataFrame(rows, columns=[f"o{j}" for j in range(k)])
    for weighted, top_k in ((False, 2), (True, 3)):
        ww = pd.Series(w if weighted else np.ones(n))
        sub, bw = rk[asked], ww[asked]
        base = bw.sum()
        ranked = sub.where(sub > 0)  # NaN for not ranked
        mean_rank = ranked.mul(bw, axis=0).sum() / ranked.notna().mul(bw, axis=0).sum()
        add("ranking", f"ranking_{'weighted' if weighted else 'unweighted'}_top{top_k}", "pandas",
            {"ranks": [rk[c].tolist() for c in rk.columns], "asked": asked.tolist(),
             "weights": w.tolist() if weighted else None},
            {"top_k": top_k},
            {"n_ranked": ranked.notna().mul(bw, axis=0).sum().tolist(), "mean_rank": mean_rank.tolist(),
             "percent_first": (100 * (sub == 1).mul(bw, axis=0).sum() / base).tolist(),
             "percent_top_k": (100 * ((sub >= 1) & (sub <= top_k)).mul(bw, axis=0).sum() / base).tolist(),
             "base": float(base)})


frequency_cases()
proportion_cases()
survey_cases()
describe_cases()
multiple_cases()

out = {
    "peers": {
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "pandas": pd.__version__,
        "statsmodels": statsmodels.__version__,
        "samplics": importlib.metadata.version("samplics"),
        "svy": svy.__version__,
        "polars": pl.__version__,
    },
    "cases": cases,
}
(HERE / "expected_core.json").write_text(json.dumps(out, indent=1) + "\n")
print(f"wrote {len(cases)} cases to {HERE / 'expected_core.json'}")
