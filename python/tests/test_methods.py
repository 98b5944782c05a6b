"""The issue-18 methods through the Python binding, against the peers' values of
python/tests/reference/ref_methods.py (expected_methods.json): scipy, statsmodels, samplics and a
full enumeration of the r x c tables. No number is typed here."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import lomonitor as lm
from lomonitor.exceptions import LomonitorError

EXPECTED: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parent / "reference" / "expected_methods.json").read_text()
)


def cases(kind: str) -> list[dict[str, Any]]:
    out = [c for c in EXPECTED["cases"] if c["kind"] == kind]
    assert out, kind
    return out


def num(v: Any) -> float:
    if v == "inf":
        return math.inf
    if v == "-inf":
        return -math.inf
    return float(v)


def close(a: float, b: float, rel: float = 1e-9) -> bool:
    return a == b or abs(a - b) <= rel * max(abs(a), abs(b))


@pytest.mark.parametrize("case", cases("fisher"), ids=lambda c: str(c["table"]))
def test_fisher_and_odds_ratio_match_scipy_statsmodels(case: dict[str, Any]) -> None:
    table = np.array(case["table"]).reshape(2, 2)
    for alt in ("two-sided", "less", "greater"):
        assert close(lm.stats.fisher_exact(table, alternative=alt), num(case[f"p_{alt}"])), alt
    r = lm.stats.odds_ratio_2x2(table)
    if "conditional" in case:
        assert close(r["conditional"], num(case["conditional"]), 1e-6)
        lo, hi = r["conditional_interval"]
        assert close(lo, num(case["conditional_ci"][0]), 1e-6) and close(hi, num(case["conditional_ci"][1]), 1e-6)
    if "woolf_ci" in case:
        lo, hi = r["woolf"]
        assert close(lo, num(case["woolf_ci"][0])) and close(hi, num(case["woolf_ci"][1]))


@pytest.mark.parametrize("case", cases("adjust"), ids=lambda c: str(len(c["p"])))
def test_adjustments_match_statsmodels(case: dict[str, Any]) -> None:
    assert all(close(a, b, 1e-12) for a, b in zip(lm.stats.holm(case["p"]), case["holm"], strict=True))
    assert all(close(a, b, 1e-12) for a, b in zip(lm.stats.benjamini_hochberg(case["p"]), case["fdr_bh"], strict=True))


@pytest.mark.parametrize("case", cases("ffh"), ids=lambda c: str(c["table"]))
def test_fisher_rxc_within_mc_error_of_the_enumeration(case: dict[str, Any]) -> None:
    r = lm.stats.fisher_rxc(np.array(case["table"]), replicates=10_000, seed=7)
    exact = case["p_exact"]
    assert abs(r["p_value"] - exact) <= 4.5 * math.sqrt(exact * (1 - exact) / 10_000) + 1 / 10_001
    assert r["replicates"] == 10_000 and r["seed"] == 7
    assert lm.stats.fisher_rxc(np.array(case["table"]), seed=7)["p_value"] == r["p_value"]


def test_rake_with_reaches_samplics_fixed_point() -> None:
    (case,) = cases("rake")
    margins = [(np.array(c), np.array(t)) for c, t in zip(case["margins"], case["targets"], strict=True)]
    r = lm.stats.rake_with(margins)
    assert r.converged
    assert np.allclose(np.asarray(r.weights.weights), case["weights"], rtol=1e-9, atol=0)
    with pytest.raises(LomonitorError, match="did not converge"):
        lm.stats.rake_with(margins, relative_tolerance=1e-15, max_iterations=1)


@pytest.mark.parametrize("case", cases("domain"), ids=lambda c: c["name"])
def test_domain_estimates_match_samplics(case: dict[str, Any]) -> None:
    kw = {"strata": case["strata"], "stratum_population": case["stratum_population"], "df": "design"}
    m = lm.stats.survey_domain_mean(case["y_mean"], case["domain"], case["weights"], **kw)
    e = case["mean"]
    assert close(m.estimate, e["estimate"], 1e-10) and close(m.se, e["se"], 1e-10)
    p = lm.stats.survey_domain_proportion(case["y_binary"], case["domain"], case["weights"], **kw)
    e = case["proportion_logit"]
    assert close(p.estimate, e["estimate"], 1e-10) and close(p.se, e["se"], 1e-10)


def test_domain_nan_inside_is_an_error_outside_ignored() -> None:
    y = [1.0, float("nan"), 0.0, 1.0, 0.0, 1.0]
    outside = [True, False, True, True, True, True]
    e = lm.stats.survey_domain_proportion(y, outside, [1.0] * 6)
    assert e.n == 5
    with pytest.raises(LomonitorError):
        lm.stats.survey_domain_proportion(y, [True] * 6, [1.0] * 6)
