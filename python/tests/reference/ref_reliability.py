"""Reference values for scale reliability (crates/lomonitor/src/stats/reliability.rs).

Peers:
- pingouin.cronbach_alpha: alpha with nan_policy 'listwise' and 'pairwise'. pingouin rounds its
  Feldt interval to 3 decimals, so the script also recomputes the interval with pingouin's own
  expression (scipy.stats.f.isf with df1 = n - 1, df2 = (n - 1)(k - 1)) unrounded. pingouin's
  listwise interval takes n from the data *before* dropping incomplete rows (n, k = data.shape
  precedes dropna); the listwise reference is therefore pingouin on the data with incomplete rows
  already dropped, and pingouin's own listwise output on the raw data is kept for the record.
- pandas: DataFrame.corr (pairwise complete) for the mean inter-item correlation, and the
  corrected item-total correlations as .corr of each item with the sum of the others (listwise);
  pairwise item-total correlations and alpha-if-deleted from pandas' pairwise .cov.
- the design-weighted alpha of R survey's svycralpha (R is not available here): its formula,
  k/(k-1) (1 - sum of weighted item variances / weighted variance of the total), implemented
  independently below with numpy over the complete rows.

Writes expected_reliability.json beside this file. Run: python ref_reliability.py
"""

import json
import math
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pandas as pd
import pingouin as pg
from scipy.stats import f as fdist

HERE = Path(__file__).resolve().parent


def clean(x):
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple, np.ndarray)):
        return [clean(v) for v in x]
    if isinstance(x, (np.floating, float)):
        x = float(x)
        return x if math.isfinite(x) else None
    if isinstance(x, np.integer):
        return int(x)
    return x


def feldt(alpha, n, k, level):
    a = 1 - level
    df1 = n - 1
    df2 = df1 * (k - 1)
    return [1 - (1 - alpha) * fdist.isf(a / 2, df1, df2), 1 - (1 - alpha) * fdist.isf(1 - a / 2, df1, df2)]


def svycralpha(df, w):
    """k/(k-1) * (1 - sum_j v_w(x_j) / v_w(total)), v_w the weighted variance, complete rows."""
    keep = df.notna().all(axis=1).to_numpy()
    x = df.to_numpy()[keep]
    w = np.asarray(w, dtype=float)[keep]

    def wvar(v):
        m = np.sum(w * v) / np.sum(w)
        return np.sum(w * (v - m) ** 2) / np.sum(w)

    k = x.shape[1]
    return k / (k - 1) * (1 - sum(wvar(x[:, j]) for j in range(k)) / wvar(x.sum(axis=1)))


def alpha_cov(c):
    k = c.shape[0]
    return k / (k - 1) * (1 - np.trace(c) / c.sum())


def analyse(df, policy, level):
    k = df.shape[1]
    if policy == "listwise":
        used = df.dropna(how="any")
    else:
        used = df.dropna(how="all")
    n = used.shape[0]
    alpha, ci_rounded = pg.cronbach_alpha(data=used, nan_policy=policy, ci=level)
    corr = used.corr()  # pairwise complete
    off = corr.to_numpy()[np.triu_indices(k, 1)]
    rbar = off.mean()
    cov = used.cov().to_numpy()
    items = []
    for j, col in enumerate(used.columns):
        vals = used[col].dropna()
        rest = [c for c in used.columns if c != col]
        if policy == "listwise":
            itc = used[col].corr(used[rest].sum(axis=1))
            aid = pg.cronbach_alpha(data=used[rest])[0] if k >= 3 else None
        else:
            keep = [i for i in range(k) if i != j]
            itc = cov[j, keep].sum() / math.sqrt(cov[j, j] * cov[np.ix_(keep, keep)].sum())
            aid = pg.cronbach_alpha(data=used[rest], nan_policy="pairwise")[0] if k >= 3 else None
        items.append({"n": int(vals.shape[0]), "mean": vals.mean(), "sd": vals.std(ddof=1),
                      "item_total_correlation": itc, "alpha_if_deleted": aid})
    return {
        "n": n,
        "alpha": alpha,
        "ci_pingouin_rounded": list(ci_rounded),
        "ci": feldt(alpha, n, k, level),
        "alpha_from_pandas_cov": alpha_cov(cov),
        "mean_inter_item_correlation": rbar,
        "standardized_alpha": k * rbar / (1 + (k - 1) * rbar),
        "items": items,
    }


def case(name, df, level=0.95, weights=None, note=""):
    out = {
        "name": name,
        "note": note,
        "items": [[None if pd.isna(v) else float(v) for v in df[c]] for c in df.columns],
        "level": level,
        "weights": None if weights is None else [float(w) for w in weights],
        "listwise": analyse(df, "listwise", level),
        "pairwise": analyse(df, "pairwise", level),
    }
    if df.isna().any().any():
        a, ci = pg.cronbach_alpha(data=df, nan_policy="listwise", ci=level)
        out["pingouin_listwise_raw"] = {"alpha": a, "ci_rounded": list(ci),
                                        "note": "pingouin uses n before dropping rows in the interval"}
    if weights is not None:
        out["svycralpha_formula"] = svycralpha(df, weights)
    return clean(out)


def main():
    rng = np.random.default_rng(42)
    cases = []

    # pingouin's own example data (bundled): binary items with missing values
    bw = pg.read_dataset("cronbach_wide_missing")
    cases.append(case("pingouin_cronbach_wide_missing", bw, note="pingouin bundled data set"))

    # 5-point Likert, 150 respondents (one per municipality), 6 items, 8% missing, with weights
    trait = rng.normal(size=150)
    x = np.clip(np.round(3 + trait[:, None] * 0.9 + rng.normal(size=(150, 6))), 1, 5)
    x[rng.random((150, 6)) < 0.08] = np.nan
    df = pd.DataFrame(x, columns=[f"q{i}" for i in range(1, 7)])
    w = rng.uniform(0.5, 3.0, size=150)
    cases.append(case("likert_150x6_missing_weighted", df, weights=w))
    cases.append(case("likert_150x6_level90", df.dropna(), level=0.90))

    # complete, weighted, 3 items
    y = np.round(rng.normal(size=(40, 1)) + rng.normal(size=(40, 3)), 2)
    cases.append(case("continuous_40x3_weighted", pd.DataFrame(y, columns=list("abc")),
                      weights=rng.integers(1, 5, size=40)))

    # two items
    z = rng.normal(size=(25, 1)) + rng.normal(size=(25, 2))
    cases.append(case("two_items", pd.DataFrame(np.round(z, 3), columns=["a", "b"])))

    # a constant item: its correlations are undefined (pandas NaN), alpha is still defined
    c = np.round(rng.normal(size=(30, 1)) + rng.normal(size=(30, 3)), 2)
    c[:, 2] = 4.0
    cases.append(case("constant_item", pd.DataFrame(c, columns=list("abc"))))

    peers = {p: version(p) for p in ["pingouin", "pandas", "numpy", "scipy"]}
    out = {"peers": peers, "cases": cases}
    (HERE / "expected_reliability.json").write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {len(cases)} cases")


if __name__ == "__main__":
    main()
