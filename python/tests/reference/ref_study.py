"""Reference values for the study-level analysis (crates/lomonitor/src/analysis/), computed by
the peers on the example study's own files: examples/study/responses.csv, questionnaire.toml,
study.toml and the embedded register.

Run with the reference venv:  python python/tests/reference/ref_study.py
Writes expected_study.json beside this file (peer names and versions at top level). The Rust
test crates/lomonitor/tests/analysis_peers.rs compares lomonitor's study methods to it.

The reporting units are built here independently from the files: every werkorganisatie of
study.toml once, every other municipality of the register; a unit's size class is that of its
largest municipality, with the G4 apart (study.toml: g4_separate = true).
"""
from __future__ import annotations

import importlib.metadata
import json
import tomllib
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pingouin
import samplics
import scipy
from samplics.estimation import TaylorEstimator
from samplics.utils.types import PopParam
from scipy import stats

warnings.simplefilter("ignore")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
study = tomllib.loads((ROOT / "examples/study/study.toml").read_text(encoding="utf-8"))
register = pd.read_csv(ROOT / "crates/lomonitor/data/gemeenten-2025.csv")
responses = pd.read_csv(ROOT / "examples/study/responses.csv", dtype=str, keep_default_na=False)
G4 = {"GM0363", "GM0599", "GM0518", "GM0344"}
bounds = study["strata"]["size_classes"]

by_name = {n: c for n, c in zip(register["name"], register["code"])}
inh = dict(zip(register["code"], register["inhabitants"]))
served = {}
for org in study["organisations"]:
    codes = [by_name.get(m, m) for m in org["municipalities"]]
    served[org["id"]] = codes


def size_class(code: str) -> int:
    if code in G4:
        return len(bounds) + 1
    return int(np.searchsorted(bounds, inh[code], side="right"))


units = {oid: size_class(max(codes, key=lambda c: inh[c])) for oid, codes in served.items()}
all_served = {c for codes in served.values() for c in codes}
for code in register["code"]:
    if code not in all_served:
        units[code] = size_class(code)
N_h = pd.Series(units).value_counts().sort_index()
H = len(bounds) + 2
N_h = N_h.reindex(range(H), fill_value=0)

responses["h"] = responses["unit"].map(units)
out: dict = {"peers": {"pandas": pd.__version__, "scipy": scipy.__version__, "pingouin": pingouin.__version__,
                       "samplics": importlib.metadata.version("samplics"), "numpy": np.__version__},
             "n_units": len(units), "N_h": N_h.tolist()}

# 1. Frequencies (pandas value_counts): NA = not asked (outside the base), "" = unanswered.
freq = {}
for item in ["visie", "positie", "budget_besteed", "klimaat_4"]:
    vc = responses[item].value_counts()
    freq[item] = {k: int(v) for k, v in vc.items()}
out["frequencies"] = {"peer": "pandas Series.value_counts", "items": freq}

# 2. Crosstab visie (valid codes 1..3) by size class (scipy chi2_contingency, no correction).
valid = responses[responses["visie"].isin(["1", "2", "3"])]
table = pd.crosstab(valid["visie"].astype(int), valid["h"]).reindex(index=[1, 2, 3], columns=range(H), fill_value=0)
chi2, p, dof, expected = stats.chi2_contingency(table.to_numpy(), correction=False)
cramer = stats.contingency.association(table.to_numpy(), method="cramer")
out["crosstab_visie_size_class"] = {"peer": "pandas.crosstab; scipy.stats.chi2_contingency(correction=False); "
                                             "scipy.stats.contingency.association(method='cramer')",
                                    "counts": table.to_numpy().tolist(), "chi2": chi2, "p": p, "dof": int(dof),
                                    "cramers_v": cramer}

# 3. Scale leerklimaat: pingouin.cronbach_alpha, listwise, klimaat_4 reverse-keyed (6 - x).
items = ["klimaat_1", "klimaat_2", "klimaat_3", "klimaat_4", "klimaat_5"]
df = responses[items].apply(lambda s: pd.to_numeric(s.where(s.isin(["1", "2", "3", "4", "5"])), errors="coerce"))
df["klimaat_4"] = 6 - df["klimaat_4"]
complete = df.dropna()
alpha, ci = pingouin.cronbach_alpha(data=complete)
# Feldt's interval unrounded (pingouin rounds to 3 decimals), as pingouin computes it:
n, k = complete.shape
lo = 1 - (1 - alpha) * stats.f.isf(0.025, n - 1, (n - 1) * (k - 1))
hi = 1 - (1 - alpha) * stats.f.isf(0.975, n - 1, (n - 1) * (k - 1))
assert abs(lo - ci[0]) < 6e-4 and abs(hi - ci[1]) < 6e-4
total = complete.sum(axis=1)
item_total = [float(np.corrcoef(complete[c], total - complete[c])[0, 1]) for c in items]
out["scale_leerklimaat"] = {"peer": "pingouin.cronbach_alpha (listwise); Feldt interval as pingouin computes it, unrounded; "
                                    "numpy corrcoef for corrected item-total correlations",
                            "n": int(n), "alpha": alpha, "lower": lo, "upper": hi, "item_total": item_total}

# 4. Post-stratification to the units by size class: w = N_h / n_h (pandas).
n_h = responses["h"].value_counts().reindex(range(H), fill_value=0)
w = responses["h"].map(lambda h: N_h[h] / n_h[h])
out["poststratify_size_class"] = {"peer": "pandas: N_h / n_h per respondent",
                                  "respondent_id": responses["respondent_id"].tolist(), "weights": w.tolist()}

# 5. Weighted proportion visie == 1 among the valid answers: the domain estimate within the full
#    weighted design (samplics TaylorEstimator(domain=)): every respondent's weight, stratified by
#    size class with the fpc 1 - n_h / N_h over all respondents, logit interval. samplics' df is
#    the full design's (n - H); lomonitor's default is R survey's n_d - H_d, so the interval is
#    recomputed here with scipy's t quantile for that df (the logit formula of samplics/svy).
def domain_proportion(item: str, valid: list[str], code: str) -> dict:
    vmask = responses[item].isin(valid)
    ydom = (responses[item] == code).astype(float).to_numpy()
    h_all = responses["h"].to_numpy()
    fpc = {h: 1 - (h_all == h).sum() / N_h[h] for h in np.unique(h_all)}
    est = TaylorEstimator(PopParam.prop, alpha=0.05, ciprop_method="logit")
    est.estimate(y=ydom, samp_weight=w.to_numpy(), stratum=h_all, domain=vmask.astype(int).to_numpy(), fpc=fpc)
    p1, se1 = float(est.point_est[1][1.0]), float(est.stderror[1][1.0])
    df_dom = int(vmask.sum()) - len(np.unique(h_all[vmask.to_numpy()]))
    half = stats.t.ppf(0.975, df_dom) * se1 / (p1 * (1 - p1))
    lg = np.log(p1 / (1 - p1))
    return {
        "peer": "samplics TaylorEstimator('proportion', domain=valid answers), stratified, fpc from all respondents; "
                "logit interval with scipy.stats.t for df = n_d - H_d",
        "n_valid": int(vmask.sum()), "n_responses": len(responses), "df": df_dom,
        "samplics_design_df_lower": float(est.lower_ci[1][1.0]),
        "estimate": p1, "se": se1, "lower": float(1 / (1 + np.exp(-(lg - half)))),
        "upper": float(1 / (1 + np.exp(-(lg + half)))),
        # the inputs of the plain function (stats::survey_domain_proportion), in response order
        "y": ydom.astype(int).tolist(), "domain": vmask.tolist(), "strata": [int(v) for v in h_all],
    }


out["weighted_proportion_visie_1"] = domain_proportion("visie", ["1", "2", "3"], "1")
# 13 of 151 respondents without a valid answer (weet niet, not asked, unanswered): the case where
# the domain estimate differs from one on the valid rows alone
out["weighted_proportion_budget_besteed_3"] = domain_proportion("budget_besteed", ["1", "2", "3", "4"], "3")

# 6. Response rates by size class: scipy.stats.chisquare of n_h against n N_h / N.
n = len(responses)
exp = n * N_h / N_h.sum()
chi = stats.chisquare(n_h.to_numpy(), exp.to_numpy())
out["response_rates_size_class"] = {"peer": "scipy.stats.chisquare", "n_h": n_h.tolist(), "statistic": chi.statistic,
                                    "p": chi.pvalue}

# 7. Raking to the units' margins size class and province (a unit's province is that of its
#    largest municipality): samplics SampleWeight.rake run to the fixed point (tol 1e-15), the
#    weights per respondent.
from samplics import SampleWeight  # noqa: E402

prov = dict(zip(register["code"], register["province"]))
unit_prov = {oid: prov[max(codes, key=lambda c: inh[c])] for oid, codes in served.items()}
for code in register["code"]:
    if code not in all_served:
        unit_prov[code] = prov[code]
responses["prov"] = responses["unit"].map(unit_prov)
P_h = pd.Series(unit_prov).value_counts()
rk = SampleWeight().rake(
    samp_weight=np.ones(len(responses)), margins={"h": responses["h"].to_numpy(), "p": responses["prov"].to_numpy()},
    control={"h": {int(k): float(v) for k, v in N_h.items() if v > 0}, "p": {k: float(v) for k, v in P_h.items()}},
    tol=1e-15, ctrl_tol=1e-14, max_iter=10000,
)
out["rake_size_class_province"] = {"peer": "samplics SampleWeight.rake (tol 1e-15)",
                                   "respondent_id": responses["respondent_id"].tolist(),
                                   "weights": [float(v) for v in rk]}

(HERE / "expected_study.json").write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
print("wrote expected_study.json")
