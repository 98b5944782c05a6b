"""Reference values for lomonitor's interview coding (crates/lomonitor/tests/coding.rs).

Reads the example study's codings.csv and codebook.toml independently of lomonitor and computes
with pandas/numpy: code frequencies rolled up the theme tree (segments and interviews per code,
primary coder), the within-segment and within-interview co-occurrence of codes (X^T X), and,
with statsmodels' cohens_kappa and irrCAC's Cohen's kappa, the per-code and pooled intercoder
agreement of the two coders on the segments both coded.

    /work/venv-ref/bin/python python/tests/reference/ref_coding.py
"""

import json
import pathlib
import tomllib

import irrCAC
import numpy as np
import pandas as pd
import statsmodels
from irrCAC.raw import CAC
from statsmodels.stats.inter_rater import cohens_kappa

ROOT = pathlib.Path(__file__).resolve().parents[3]
STUDY = ROOT / "examples" / "study"

cb = tomllib.loads((STUDY / "codebook.toml").read_text(encoding="utf-8"))
codes = cb["codes"]
parent = {c["id"]: c.get("parent") for c in codes}


def ancestors(c):
    out = []
    while parent.get(c):
        c = parent[c]
        out.append(c)
    return out


def tree_order():
    out = []

    def walk(c):
        out.append(c)
        for k in codes:
            if k.get("parent") == c:
                walk(k["id"])

    for k in codes:
        if not k.get("parent"):
            walk(k["id"])
    return out


order = tree_order()
codable = [c for c in order if next(k for k in codes if k["id"] == c).get("codable", True)]
themes = [c for c in order if not parent.get(c)]

df = pd.read_csv(STUDY / "codings.csv", dtype=str, keep_default_na=False)
df["codes_list"] = df["codes"].apply(lambda s: [] if s == "-" else s.split("|"))
# primary coder = first coder of each segment in file order
first = df.groupby(["interview", "segment"], sort=False).head(1)
long = first.explode("codes_list").dropna(subset=["codes_list"])
long = long[long["codes_list"] != ""]
rolled = []
for _, r in long.iterrows():
    for c in [r["codes_list"], *ancestors(r["codes_list"])]:
        rolled.append((r["interview"], r["segment"], c))
rolled = pd.DataFrame(rolled, columns=["interview", "segment", "code"]).drop_duplicates()
direct = long[["interview", "segment", "codes_list"]].rename(columns={"codes_list": "code"}).drop_duplicates()
freq = []
for c in order:
    freq.append({
        "code": c,
        "segments_direct": int((direct["code"] == c).sum()),
        "segments": int((rolled["code"] == c).sum()),
        "interviews": int(rolled.loc[rolled["code"] == c, "interview"].nunique()),
    })

# co-occurrence of codable codes within segments and within interviews
seg_keys = first[["interview", "segment"]].apply(tuple, axis=1).tolist()
X = np.zeros((len(seg_keys), len(codable)), dtype=int)
idx = {k: i for i, k in enumerate(seg_keys)}
for _, r in direct.iterrows():
    X[idx[(r["interview"], r["segment"])], codable.index(r["code"])] = 1
co_segment = (X.T @ X).tolist()
interviews = list(dict.fromkeys(first["interview"]))
Xi = np.zeros((len(interviews), len(codable)), dtype=int)
for _, r in direct.iterrows():
    Xi[interviews.index(r["interview"]), codable.index(r["code"])] = 1
co_interview = (Xi.T @ Xi).tolist()
# themes within segments
Xt = np.zeros((len(seg_keys), len(themes)), dtype=int)
for _, r in rolled.iterrows():
    if r["code"] in themes:
        Xt[idx[(r["interview"], r["segment"])], themes.index(r["code"])] = 1
co_theme_segment = (Xt.T @ Xt).tolist()

# intercoder agreement MV vs RB
a, b = "MV", "RB"
A = df[df["coder"] == a].set_index(["interview", "segment"])["codes_list"]
B = df[df["coder"] == b].set_index(["interview", "segment"])["codes_list"]
both = [k for k in A.index if k in B.index]
per_code = []
pooled = np.zeros((2, 2), dtype=int)
for c in codable:
    xa = np.array([int(c in A[k]) for k in both])
    xb = np.array([int(c in B[k]) for k in both])
    t = np.array([[np.sum((xa == 1) & (xb == 1)), np.sum((xa == 1) & (xb == 0))],
                  [np.sum((xa == 0) & (xb == 1)), np.sum((xa == 0) & (xb == 0))]])
    po = float(np.trace(t) / t.sum())
    used = t[0, 0] + t[0, 1] + t[1, 0] > 0
    if used:
        pooled += t
    kappa = None
    # statsmodels returns nan when p_e = 1 (a code neither coder used)
    k = cohens_kappa(t, return_results=False)
    if np.isfinite(k):
        kappa = float(k)
        # cross-check with irrCAC on the raw ratings
        cac = CAC(pd.DataFrame({"a": xa, "b": xb}))
        k2 = cac.conger()["est"]["coefficient_value"]  # Conger = Cohen for two raters
        assert abs(k2 - kappa) < 1e-4, (c, k2, kappa)
    per_code.append({"code": c, "table": t.tolist(), "percent_agreement": po, "kappa": kappa})
pooled_kappa = float(cohens_kappa(pooled, return_results=False))

out = {
    "peers": {"pandas": pd.__version__, "numpy": np.__version__, "statsmodels": statsmodels.__version__,
              "irrCAC": getattr(irrCAC, "__version__", "0.4.4")},
    "input": {"codings": "examples/study/codings.csv", "codebook": "examples/study/codebook.toml"},
    "cases": [
        {"name": "frequencies", "merge": "first", "n_interviews": len(interviews), "n_segments": len(seg_keys),
         "rows": freq},
        {"name": "co_occurrence_segment_code", "codes": codable, "counts": co_segment},
        {"name": "co_occurrence_interview_code", "codes": codable, "counts": co_interview},
        {"name": "co_occurrence_segment_theme", "codes": themes, "counts": co_theme_segment},
        {"name": "agreement", "coders": [a, b], "n_segments": len(both), "per_code": per_code,
         "pooled_table": pooled.tolist(), "pooled_percent_agreement": float(np.trace(pooled) / pooled.sum()),
         "pooled_kappa": pooled_kappa},
    ],
}
(pathlib.Path(__file__).parent / "expected_coding.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
print("agreement: pooled kappa", round(pooled_kappa, 3), "on", len(both), "segments")
