"""Reference values for intercoder agreement (crates/lomonitor/src/stats/agreement.rs).

Peers:
- irrCAC (Python, class irrCAC.raw.CAC): Fleiss' kappa, Gwet's AC1, Brennan-Prediger,
  Krippendorff's alpha, Conger's kappa (= Cohen's kappa for two coders), each with its standard
  error and t-based interval, with and without a finite population size N. Run with digits=17 so
  that irrCAC does not round. irrCAC for Python has no percent-agreement function with a standard
  error; the estimate is irrCAC's `pa`, its standard error is R irrCAC's `pa.coeff.raw` formula
  re-implemented below in numpy (marked "formula" in the JSON).
- krippendorff (krippendorff.alpha): Krippendorff's alpha for nominal, ordinal, interval, ratio.
  Its standard error comes from irrCAC's krippendorff() with the weights 1 - d/max(d), d the
  krippendorff package's own distance matrix for the level (irrCAC's identity weights for nominal).
- statsmodels (statsmodels.stats.inter_rater): cohens_kappa on complete pairs and fleiss_kappa
  (methods 'fleiss' and 'randolph' = Brennan-Prediger) on complete data.

Installation note: irrCAC 0.4.4 pins scipy==1.12.0 (hence numpy < 2), which conflicts with the
other peers (samplics, svy need numpy >= 2) and makes one `pip install -r requirements.txt` fail
or downgrade numpy. The JSON here was produced in a venv with the other peers installed normally
and `pip install --no-deps irrCAC` (it runs fine on scipy 1.17, pandas 2.3; it needs pandas < 3).

Writes expected_agreement.json beside this file. Run: python ref_agreement.py
"""

import json
import math
from importlib.metadata import version
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd
from irrCAC.datasets import raw_4raters
from irrCAC.raw import CAC
from scipy import stats
from statsmodels.stats.inter_rater import aggregate_raters, cohens_kappa, fleiss_kappa

HERE = Path(__file__).resolve().parent


def clean(x):
    """JSON-safe floats: NaN/inf become None."""
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    if isinstance(x, (np.floating, float)):
        x = float(x)
        return x if math.isfinite(x) else None
    if isinstance(x, (np.integer,)):
        return int(x)
    return x


def frame(codes):
    """units x coders list with None -> float DataFrame with NaN."""
    return pd.DataFrame(np.array([[np.nan if v is None else float(v) for v in row] for row in codes], dtype=float))


def irr(method, codes, N=math.inf, level=0.95, weights="identity", categories=None):
    cac = CAC(frame(codes), weights=weights, categories=categories, confidence_level=level, N=N, digits=17)
    out = getattr(cac, method)()["est"]
    return {
        "estimate": out["coefficient_value"],
        "se": out["se"],
        "lower": out["confidence_interval"][0],
        "upper": out["confidence_interval"][1],
        "pa": out["pa"],
        "pe": out["pe"],
    }


def pa_formula(codes, N=math.inf, level=0.95):
    """R irrCAC pa.coeff.raw (identity weights), re-implemented."""
    df = frame(codes).dropna(how="all")
    x = df.to_numpy()
    n = x.shape[0]
    cats = np.unique(x[~np.isnan(x)])
    agree = np.stack([(x == c).sum(axis=1) for c in cats], axis=1).astype(float)
    ri = agree.sum(axis=1)
    sum_q = (agree * (agree - 1)).sum(axis=1)
    n2 = (ri >= 2).sum()
    pa = (sum_q[ri >= 2] / (ri * (ri - 1))[ri >= 2]).sum() / n2
    den = ri * (ri - 1)
    den = den - (den == 0)
    pa_i = (n / n2) * (sum_q / den)
    f = n / N
    var = (1 - f) / (n * (n - 1)) * ((pa_i - pa) ** 2).sum()
    se = math.sqrt(var)
    t = stats.t.ppf(1 - (1 - level) / 2, n - 1)
    return {"estimate": pa, "se": se, "lower": pa - t * se, "upper": min(1.0, pa + t * se)}


def kripp_level(codes, level_of_measurement, N=math.inf, level=0.95):
    x = frame(codes).to_numpy().T  # krippendorff wants coders x units
    alpha = krippendorff.alpha(reliability_data=x, level_of_measurement=level_of_measurement)
    # irrCAC's standard error with weights 1 - d / max d (d from the krippendorff package itself).
    domain = np.unique(x[~np.isnan(x)])
    counts = krippendorff.krippendorff._reliability_data_to_value_counts(x, domain)
    o = krippendorff.krippendorff._coincidences(counts)
    n_v = o.sum(axis=0)
    d = krippendorff.krippendorff._distances(
        domain, krippendorff.krippendorff._distance_metric(level_of_measurement), n_v
    )
    w = 1 - d / d.max()
    if level_of_measurement == "nominal":
        ir = irr("krippendorff", codes, N=N, level=level)
    else:
        ir = irr("krippendorff", codes, N=N, level=level, weights=w, categories=list(domain))
    return {"alpha": alpha, "irrcac": ir}


def statsmodels_peers(codes):
    x = frame(codes).to_numpy()
    out = {}
    complete = x[~np.isnan(x).any(axis=1)]
    if x.shape[1] == 2 and complete.shape[0] > 0:
        cats = np.unique(complete)
        table = np.array([[((complete[:, 0] == a) & (complete[:, 1] == b)).sum() for b in cats] for a in cats])
        res = cohens_kappa(table)
        out["cohens_kappa_complete_pairs"] = {"kappa": res.kappa, "n_pairs": int(complete.shape[0])}
    if not np.isnan(x).any():
        table, _ = aggregate_raters(x.astype(int))
        out["fleiss_kappa"] = fleiss_kappa(table, method="fleiss")
        out["randolph_kappa"] = fleiss_kappa(table, method="randolph")
    return out


def attempt(fn, *args, **kwargs):
    try:
        return {"ok": fn(*args, **kwargs)}
    except Exception as e:  # noqa: BLE001 - the peer's failure is the recorded outcome
        return {"error": f"{type(e).__name__}: {e}"}


def case(name, codes, N=None, level=0.95, note=""):
    n_coders = len(codes[0])
    Nv = math.inf if N is None else N
    out = {
        "name": name,
        "note": note,
        "codes": codes,
        "n_coders": n_coders,
        "population": N,
        "level": level,
        "irrcac": {
            "percent_agreement": attempt(pa_formula, codes, Nv, level),
            "fleiss": attempt(irr, "fleiss", codes, Nv, level),
            "gwet": attempt(irr, "gwet", codes, Nv, level),
            "bp": attempt(irr, "bp", codes, Nv, level),
        },
        "krippendorff": {
            lvl: attempt(kripp_level, codes, lvl, Nv, level) for lvl in ["nominal", "ordinal", "interval", "ratio"]
        },
        "statsmodels": attempt(statsmodels_peers, codes),
    }
    if n_coders == 2:
        out["irrcac"]["conger"] = attempt(irr, "conger", codes, Nv, level)
    return clean(out)


def to_codes(arr):
    return [[None if (v is None or (isinstance(v, float) and math.isnan(v))) else int(v) for v in row] for row in arr]


def main():
    rng = np.random.default_rng(20261128)
    cases = []

    # Gwet's book example, shipped with irrCAC.
    cases.append(case("irrcac_raw_4raters", to_codes(raw_4raters().to_numpy().tolist()), note="irrCAC docs"))

    # Ratio level with zeros (0 + 0 has distance 0 by the krippendorff package's convention).
    r0 = [[0, 0, 1], [0, 1, None], [2, 2, 2], [3, 4, 4], [0, None, None], [1, 1, 0], [4, 3, 4], [2, 0, 2]]
    cases.append(case("ratio_with_zeros", r0))

    # Random ordinal data, 3 coders, 40 units, 15% missing, plus a 4th coder who codes one unit only.
    base = rng.integers(1, 6, size=40)
    x = np.clip(base[:, None] + rng.integers(-1, 2, size=(40, 3)), 1, 5).astype(float)
    x[rng.random((40, 3)) < 0.15] = np.nan
    x[0, :] = [3, np.nan, np.nan]  # unit coded by one coder only
    x[1, :] = np.nan  # unit coded by nobody (dropped)
    fourth = np.full((40, 1), np.nan)
    fourth[5, 0] = 4
    cases.append(case("random_3coders_missing_plus_one_shot_coder", to_codes(np.hstack([x, fourth]).tolist())))
    cases.append(case("random_3coders_missing_level90", to_codes(x.tolist()), level=0.90))

    # Two coders, complete, 3 categories (Cohen's kappa vs statsmodels).
    a = rng.integers(0, 3, size=30)
    b = np.where(rng.random(30) < 0.7, a, rng.integers(0, 3, size=30))
    cases.append(case("two_coders_complete", to_codes(np.stack([a, b], axis=1).tolist())))

    # Two coders with missing values.
    ab = np.stack([a, b], axis=1).astype(float)
    ab[[2, 7, 11], 0] = np.nan
    ab[[4, 7], 1] = np.nan
    cases.append(case("two_coders_missing", to_codes(ab.tolist())))

    # Five coders, complete, 4 nominal categories (Fleiss vs statsmodels).
    t = rng.integers(0, 4, size=25)
    y = np.where(rng.random((25, 5)) < 0.6, t[:, None], rng.integers(0, 4, size=(25, 5)))
    cases.append(case("five_coders_complete", to_codes(y.tolist())))

    # Finite population: 150 of 342 municipalities double-coded, and the census (n = N).
    c = rng.integers(0, 4, size=150)
    d = np.where(rng.random(150) < 0.8, c, rng.integers(0, 4, size=150))
    cases.append(case("fpc_150_of_342", to_codes(np.stack([c, d], axis=1).tolist()), N=342))
    c = rng.integers(0, 3, size=342)
    d = np.where(rng.random(342) < 0.8, c, rng.integers(0, 3, size=342))
    cases.append(case("census_342_of_342", to_codes(np.stack([c, d], axis=1).tolist()), N=342))

    # Identical coders.
    z = rng.integers(0, 3, size=20)
    cases.append(case("identical_coders", to_codes(np.stack([z, z, z], axis=1).tolist())))

    # Only one category used: chance agreement 1.
    cases.append(case("one_category", [[2, 2], [2, 2], [2, None], [2, 2]]))

    # Nobody coded anything.
    cases.append(case("all_missing", [[None, None], [None, None]]))

    # Larger ordinal set for Krippendorff (and the benchmark's shape, smaller).
    t = rng.integers(1, 8, size=300)
    y = np.clip(t[:, None] + rng.integers(-2, 3, size=(300, 5)), 1, 7).astype(float)
    y[rng.random((300, 5)) < 0.2] = np.nan
    cases.append(case("ordinal_300x5_missing", to_codes(y.tolist())))

    peers = {p: version(p) for p in ["irrCAC", "krippendorff", "statsmodels", "numpy", "pandas", "scipy"]}
    out = {"peers": peers, "cases": cases}
    (HERE / "expected_agreement.json").write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {len(cases)} cases")


if __name__ == "__main__":
    main()
