"""lomonitor.stats through Python: conversions, errors, rendering, and peers.

Two kinds of peer checks, never typed-in numbers:
- the stored peer outputs of ``tests/reference/expected_*.json`` (written by the ``ref_*.py``
  scripts, which also feed the Rust tests), re-checked here through the Python API;
- cheap peers computed in the test itself on the same data: scipy ``binomtest``,
  ``chi2_contingency(correction=False)``, ``fisher_exact``, statsmodels ``cohens_kappa`` and
  ``fleiss_kappa``, ``numpy.bincount`` and ``numpy.percentile``.
"""

from __future__ import annotations

import json
import math
import threading
from functools import cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
import pytest
import scipy.stats
from statsmodels.stats import inter_rater

import lomonitor as lm
from lomonitor import stats

REFERENCE = Path(__file__).resolve().parent / "reference"
TOL = 1e-9  # relative (absolute below 1): the peers here are closed-form


def approx(want: Any, tol: float = TOL) -> Any:
    return pytest.approx(want, rel=tol, abs=tol)


@cache
def reference(area: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REFERENCE / f"expected_{area}.json").read_text())
    return data


def cases(area: str, key: str, value: str) -> list[dict[str, Any]]:
    return [c for c in reference(area)["cases"] if c[key] == value]


def floats(values: list[float | None]) -> np.ndarray[Any, np.dtype[np.float64]]:
    return np.array([math.nan if v is None else v for v in values], dtype=np.float64)


METHODS: dict[str, stats.CiMethod] = {
    "Wald": "wald",
    "Wilson": "wilson",
    "ClopperPearson": "clopper-pearson",
    "Logit": "logit",
    "KornGraubard": "korn-graubard",
    "Hypergeometric": "hypergeometric",
}
SURVEY_METHODS: dict[str, stats.SurveyCiMethod] = {"Wald": "wald", "Logit": "logit", "KornGraubard": "korn-graubard"}


# ---------------------------------------------------------------------------------------------
# the module


def test_module_exports() -> None:
    assert lm.stats is stats
    for name in stats.__all__:
        assert hasattr(stats, name), name
    assert stats.Crosstab is lm._lomonitor.Crosstab
    assert stats.Crosstab.__module__ == "lomonitor._lomonitor"


# ---------------------------------------------------------------------------------------------
# frequencies


def test_count_codes_inputs_and_bincount() -> None:
    rng = np.random.default_rng(1)
    codes = rng.integers(0, 7, size=1001).astype(np.uint8)
    want = np.bincount(codes, minlength=7)
    for given in [codes, codes.tolist(), pd.Series(codes), codes.astype(np.int64), codes.astype(float)]:
        got = stats.count_codes(given, 7)
        assert got.dtype == np.uint64
        assert got.tolist() == want.tolist()
    assert stats.count_codes(codes).tolist() == want.tolist()  # n_levels = max + 1
    assert stats.count_codes(codes, 9).tolist() == np.bincount(codes, minlength=9).tolist()
    assert stats.count_codes(codes[::3], 7).tolist() == np.bincount(codes[::3], minlength=7).tolist()  # strided
    assert stats.count_codes(np.array([], dtype=np.uint8), 3).tolist() == [0, 0, 0]
    cat = pd.Series(pd.Categorical(["b", "a", "b"], categories=["a", "b", "c"]))
    assert stats.count_codes(cat).tolist() == [1, 2, 0]
    w = rng.uniform(0.5, 2, size=len(codes))
    assert stats.weighted_counts(codes, 7, weights=w) == approx(np.bincount(codes, weights=w, minlength=7))


def test_count_codes_errors() -> None:
    with pytest.raises(lm.ArgumentError, match="position 1"):
        stats.count_codes([0, 3], 3)
    with pytest.raises(lm.ArgumentError, match=">= 0"):
        stats.count_codes([0, -1], 3)
    with pytest.raises(lm.ArgumentError, match="NaN"):
        stats.count_codes([0.0, math.nan], 3)
    with pytest.raises(lm.ArgumentError, match="whole"):
        stats.count_codes([0.5], 3)
    with pytest.raises(lm.ArgumentError, match="<= 255"):
        stats.count_codes([256], 300)
    with pytest.raises(lm.ArgumentError, match="n_levels"):
        stats.count_codes([0], 0)
    with pytest.raises(lm.ArgumentError, match="1-dimensional"):
        stats.count_codes([[0, 1]], 2)
    with pytest.raises(lm.ArgumentError, match="missing"):
        stats.count_codes(pd.Series(pd.Categorical(["a", None])))
    with pytest.raises(lm.ArgumentError):
        stats.count_codes(["a", "b"], 2)
    with pytest.raises(lm.ArgumentError, match="weights"):
        stats.weighted_counts([0, 1], 2, weights=[1.0])


def test_frequency_table_against_reference() -> None:
    kinds: dict[str, stats.LevelKind] = {"Valid": "valid", "UserMissing": "user_missing", "Unanswered": "unanswered"}
    checked = 0
    for case in cases("core", "area", "frequency"):
        exp = case["expected"]
        t = stats.frequency_table(
            np.array(case["input"]["codes"], dtype=np.uint8),
            weights=case["input"]["weights"],
            kinds=[kinds[k] for k in case["params"]["kinds"]],
        )
        assert t.counts == approx(exp["counts"])  # numpy.bincount
        assert t.percent == approx(exp["percent"])
        assert t.to_dict()["valid_percent"] == [None if v is None else approx(v) for v in exp["valid_percent"]]
        cum = t.to_dict()["cumulative_valid_percent"]
        assert cum == [None if v is None else approx(v) for v in exp["cumulative_valid_percent"]]
        assert (t.n_total, t.n_valid, t.n_missing) == approx((exp["n_total"], exp["n_valid"], exp["n_missing"]))
        assert t.weighted == (case["input"]["weights"] is not None)
        checked += 1
    assert checked >= 6


def test_frequency_table_rendering() -> None:
    t = stats.frequency_table([0, 1, 1, 2, 3, 3], user_missing=[3])
    assert t.kinds == ["valid", "valid", "valid", "user_missing"]
    assert len(t) == 4 and t.n_valid == 4 and t.n_missing == 2
    assert np.isnan(t.valid_percent[3]) and t.to_dict()["valid_percent"][3] is None
    df = t.to_pandas()
    assert list(df.columns) == ["level", "kind", "count", "percent", "valid_percent", "cumulative_valid_percent"]
    assert df["count"].sum() == 6 and math.isnan(df["valid_percent"].iloc[3])
    assert "FrequencyTable(n_total=6" in repr(t) and "user_missing" in repr(t)
    html = t._repr_html_()
    assert html.startswith("<table") and "<caption>" in html and "user_missing" in html
    # a missing level that does not occur still gets a row
    assert stats.frequency_table([0, 1], user_missing=[5]).kinds[-1] == "user_missing"
    with pytest.raises(lm.ArgumentError, match="kind"):
        stats.frequency_table([0, 1], kinds=["valid", "maybe"])  # type: ignore[list-item]
    with pytest.raises(lm.ArgumentError, match="either"):
        stats.frequency_table([0, 1], kinds=["valid", "valid"], user_missing=[1])
    with pytest.raises(lm.InsufficientDataError):
        stats.frequency_table(np.array([], dtype=np.uint8), 2)


# ---------------------------------------------------------------------------------------------
# proportions


def test_proportion_ci_against_reference() -> None:
    checked = 0
    for case in cases("core", "area", "proportion"):
        inp, exp = case["input"], case["expected"]
        e = stats.proportion_ci(
            inp["x"],
            inp["n"],
            level=case["params"]["level"],
            method=METHODS[case["params"]["method"]],
            population=inp["population"],
        )
        assert (e.estimate, e.se, e.lower, e.upper) == approx(
            (exp["estimate"], exp["se"], exp["lower"], exp["upper"])
        ), case["name"]
        if "degenerate" in exp:
            assert e.degenerate == exp["degenerate"]
        checked += 1
    assert checked >= 60


@pytest.mark.parametrize(("x", "n"), [(12, 40), (3, 10), (0, 30), (30, 30), (1, 1), (41, 148)])
def test_proportion_ci_against_scipy_binomtest(x: int, n: int) -> None:
    for level in [0.9, 0.95, 0.99]:
        peer = scipy.stats.binomtest(x, n)
        cp = peer.proportion_ci(confidence_level=level, method="exact")
        ours = stats.proportion_ci(x, n, level=level, method="clopper-pearson")
        assert (ours.lower, ours.upper) == approx((cp.low, cp.high))
        wilson = peer.proportion_ci(confidence_level=level, method="wilson")
        ours = stats.proportion_ci(x, n, level=level, method="wilson")
        assert (ours.lower, ours.upper) == approx((wilson.low, wilson.high))


def test_proportion_rendering_and_errors() -> None:
    e = stats.proportion_ci(41, 148, population=342, method="hypergeometric")
    assert e.method == "hypergeometric" and e.population == 342 and e.level == 0.95
    assert repr(e).startswith("ProportionEstimate(estimate=0.2770") and 'method="hypergeometric"' in repr(e)
    row = e.to_dict()
    assert row["x"] == [41] and row["population"] == [342.0] and row["degenerate"] == [False]
    assert e.to_pandas().shape == (1, len(row))
    assert "<caption>Proportion 41/148" in e._repr_html_()
    d = stats.proportion_ci(0, 30, method="wald")
    assert d.degenerate and d.degenerate_reason is not None and "degenerate=True" in repr(d)
    assert stats.proportion_ci(np.int64(3), 10.0).x == 3  # type: ignore[arg-type]
    with pytest.raises(lm.InsufficientDataError):
        stats.proportion_ci(0, 0)
    with pytest.raises(lm.ArgumentError, match="successes"):
        stats.proportion_ci(5, 4)
    with pytest.raises(lm.ArgumentError, match="unknown method"):
        stats.proportion_ci(1, 4, method="exact")  # type: ignore[arg-type]
    with pytest.raises(lm.ArgumentError, match="population"):
        stats.proportion_ci(1, 4, method="hypergeometric")
    with pytest.raises(lm.ArgumentError, match="level"):
        stats.proportion_ci(1, 4, level=1.5)
    with pytest.raises(lm.ArgumentError, match="whole number"):
        stats.proportion_ci(1.5, 4)  # type: ignore[arg-type]
    with pytest.raises(ValueError):  # ArgumentError is a ValueError too
        stats.proportion_ci(-1, 4)


# ---------------------------------------------------------------------------------------------
# survey estimates, descriptives


def test_survey_estimates_against_reference() -> None:
    checked = 0
    for case in cases("core", "area", "survey_mean") + cases("core", "area", "survey_proportion"):
        inp, exp, params = case["input"], case["expected"], case["params"]
        common: dict[str, Any] = {
            "strata": inp["strata"],
            "stratum_population": inp["stratum_population"],
            "level": params["level"],
        }
        if case["area"] == "survey_mean":
            e = stats.survey_mean(inp["y"], inp["weights"], **common)
            assert e.method is None
        else:
            e = stats.survey_proportion(
                np.array(inp["y"], dtype=np.uint8), inp["weights"], method=SURVEY_METHODS[params["method"]], **common
            )
        assert (e.estimate, e.se, e.lower, e.upper) == approx(
            (exp["estimate"], exp["se"], exp["lower"], exp["upper"])
        ), case["name"]
        if "deff" in exp:
            assert e.deff == (None if exp["deff"] is None else approx(exp["deff"]))
        if "df" in exp:
            assert e.df == exp["df"]
        checked += 1
    assert checked >= 30


def test_survey_estimates_conveniences_and_errors() -> None:
    y = [1.0, 2.0, 3.0, 4.0]
    census = stats.survey_mean(y, stratum_population=4)  # unit weights, one stratum of N = 4
    assert (census.estimate, census.se, census.fpc, census.n_strata) == (2.5, 0.0, True, 1)
    assert "SurveyEstimate(estimate=2.5000" in repr(census) and census.to_pandas().shape[0] == 1
    p = stats.survey_proportion(pd.Series([True, False, True, True]), [1.0, 2.0, 1.0, 1.0])
    assert p.estimate == approx(0.6) and p.method == "korn-graubard"
    with pytest.raises(lm.ArgumentError, match="finite"):
        stats.survey_mean([1.0, math.nan, 3.0])
    with pytest.raises(lm.ArgumentError, match="0 or 1"):
        stats.survey_proportion([0, 2, 1])
    with pytest.raises(lm.InsufficientDataError):
        stats.survey_mean([1.0])
    with pytest.raises(lm.ArgumentError, match="unknown method"):
        stats.survey_proportion([0, 1, 1], method="wilson")  # type: ignore[arg-type]


def test_describe_against_reference() -> None:
    checked = 0
    for case in cases("core", "area", "describe"):
        inp, exp, params = case["input"], case["expected"], case["params"]
        d = stats.describe(
            inp["values"],  # a list with None: missing
            inp["weights"],
            level=params["level"],
            quantile_method=params["quantile_method"].lower(),
            population=params["population"],
            top_codes=params["top_codes"],
        )
        assert (d.n, d.missing) == (exp["n"], exp["missing"]), case["name"]
        assert d.mean == approx(exp["mean"])
        for key in ["sd", "se", "lower", "upper", "top_box_percent"]:
            if key in exp:
                got = getattr(d, key)
                assert got == (None if exp[key] is None else approx(exp[key])), f"{case['name']} {key}"
        for key in ["q1", "median", "q3", "min", "max"]:
            if key in exp:
                assert getattr(d, key) == approx(exp[key]), f"{case['name']} {key}"
        if "distribution" in exp:
            dist = d.distribution
            assert [list(t) for t in zip(dist["value"], dist["count"], dist["percent"])] == [
                approx(row) for row in exp["distribution"]
            ]
        checked += 1
    assert checked >= 15


def test_describe_numpy_peer_and_missing() -> None:
    rng = np.random.default_rng(7)
    x = rng.normal(3, 1, size=99)
    x[[3, 17, 50]] = np.nan
    valid = x[~np.isnan(x)]
    methods: list[tuple[Literal["linear", "spss"], Literal["linear", "weibull"]]] = [
        ("linear", "linear"),
        ("spss", "weibull"),
    ]
    for method, peer in methods:
        d = stats.describe(x, quantile_method=method)
        q = np.percentile(valid, [25, 50, 75], method=peer)
        assert (d.q1, d.median, d.q3) == approx(tuple(q))
        assert (d.n, d.missing) == (96, 3)
        assert d.mean == approx(valid.mean()) and d.sd == approx(valid.std(ddof=1))
    s = pd.Series([1.0, None, 3.0], dtype="Float64")  # pd.NA is missing too
    d = stats.describe(s)
    assert (d.n, d.missing, d.mean) == (2, 1, 2.0)
    one = stats.describe([5.0, math.nan])
    assert (one.n, one.sd, one.se, one.lower) == (1, None, None, None)
    assert one.to_dict()["sd"] == [None] and "sd=None" in repr(one)
    with pytest.raises(lm.InsufficientDataError):
        stats.describe([math.nan, math.nan])
    with pytest.raises(lm.ArgumentError, match="not finite"):
        stats.describe([1.0, math.inf])
    with pytest.raises(lm.ArgumentError, match="quantile_method"):
        stats.describe([1.0], quantile_method="nearest")  # type: ignore[arg-type]
    with pytest.raises(lm.ArgumentError):
        stats.describe(["a", "b"])


# ---------------------------------------------------------------------------------------------
# multiple response, ranking


def test_multiple_response_and_ranking_against_reference() -> None:
    for case in cases("core", "area", "multiple"):
        inp, exp = case["input"], case["expected"]
        data = np.array(inp["columns"] if "columns" in inp else inp["ranks"], dtype=np.uint8).T  # respondents x options
        if "top_k" in case["params"]:
            r = stats.ranking(data, case["params"]["top_k"], asked=inp["asked"], weights=inp["weights"])
            assert r.base == approx(exp["base"])
            assert r.to_dict()["n_ranked"] == approx(exp["n_ranked"])
            assert r.mean_rank == approx(exp["mean_rank"])
            assert r.percent_first == approx(exp["percent_first"])
            assert r.percent_top_k == approx(exp["percent_top_k"])
        else:
            m = stats.multiple_response(pd.DataFrame(data), asked=inp["asked"], weights=inp["weights"])
            assert m.counts == approx(exp["count"])
            assert m.percent_of_respondents == approx(exp["percent_of_respondents"])
            assert m.percent_of_mentions == approx(exp["percent_of_mentions"])
            assert (m.base, m.mentions) == approx((exp["base"], exp["mentions"]))
            assert m.respondents_with_mention == approx(exp["respondents_with_mention"])


def test_multiple_response_layouts_and_errors() -> None:
    data = np.array([[1, 1], [1, 0], [0, 0], [0, 1]], dtype=np.uint8)
    for given in [data, np.ascontiguousarray(data), np.asfortranarray(data), data.tolist(), data.astype(bool)]:
        m = stats.multiple_response(given)
        assert m.percent_of_respondents.tolist() == [50.0, 50.0] and len(m) == 2
    assert "MultipleResponse(options=2" in repr(m) and m.to_pandas().shape == (2, 4)
    with pytest.raises(lm.ArgumentError, match="not 0 or 1"):
        stats.multiple_response([[2, 0]])
    with pytest.raises(lm.InsufficientDataError):
        stats.multiple_response(data, asked=[False] * 4)
    with pytest.raises(lm.ArgumentError, match="2-dimensional"):
        stats.multiple_response([1, 0])
    r = stats.ranking([[1, 2], [2, 1], [1, 0]], 1)
    assert r.percent_first.tolist() == approx([200 / 3, 100 / 3]) and r.top_k == 1
    with pytest.raises(lm.ArgumentError, match="exceeds"):
        stats.ranking([[3, 1]], 1)
    with pytest.raises(lm.ArgumentError, match="top_k"):
        stats.ranking([[1, 2]], 0)


# ---------------------------------------------------------------------------------------------
# weights


def test_weights_against_reference() -> None:
    checked = 0
    for case in reference("tables")["cases"]:
        kind = case["kind"]
        if kind == "poststratify":
            w = stats.poststratify(case["strata"], case["population_counts"], base=case["base"])
            assert w.weights == approx(case["weights"])
            assert w.kish_design_effect == approx(case["kish_design_effect"])
            assert w.effective_sample_size == approx(case["effective_sample_size"])
            assert w.method == "poststratification" and len(w) == len(case["strata"])
        elif kind == "rake":
            margins = [(codes, targets) for codes, targets in zip(case["margins"], case["targets"])]
            r = stats.rake(margins, base=case["base"], tolerance=1e-10, max_iterations=1000)
            assert r.converged
            assert r.weights.weights == approx(case["weights"], 1e-6)  # iterative peer: 1e-6
        elif kind == "trim":
            t = stats.trim(case["weights_in"], lower=case["lower"], upper=case["upper"], keep_total=case["keep_total"])
            assert t.weights.weights == approx(case["weights"])
        else:
            continue
        checked += 1
    assert checked >= 6


def test_weights_conveniences_and_numpy_formula() -> None:
    w = np.array([1.0, 2.0, 2.0, 5.0])
    assert stats.kish_design_effect(w) == approx(len(w) * (w**2).sum() / w.sum() ** 2)
    assert stats.effective_sample_size(pd.Series(w)) == approx(w.sum() ** 2 / (w**2).sum())
    ps = stats.poststratify(pd.Series(pd.Categorical(["a", "b", "b"])), [10.0, 20.0])
    assert ps.weights.tolist() == [10.0, 10.0, 10.0] and ps.total == 30.0
    # a Weights object is accepted wherever weights are
    assert stats.survey_mean([1.0, 2.0, 4.0], ps).estimate == approx(7 / 3)
    assert stats.kish_design_effect(ps) == approx(1.0)
    assert ps.to_dict() == {"weight": [10.0, 10.0, 10.0]} and "Weights(method=" in repr(ps)
    r = stats.rake({"sex": ([0, 1, 1], [5.0, 5.0]), "age": ([0, 0, 1], [4.0, 6.0])})
    assert isinstance(r.weights, stats.Weights) and r.to_pandas().shape[0] == 1
    assert "RakeResult(converged=" in repr(r)
    t = stats.trim([1.0, 1.0, 10.0], upper=4.0)
    assert (t.n_trimmed_upper, t.keep_total) == (1, True) and t.weights.total == approx(12.0)
    with pytest.raises(lm.ArgumentError, match="no respondents"):
        stats.poststratify([0, 0], [10.0, 5.0])
    with pytest.raises(lm.ArgumentError, match="finite"):
        stats.kish_design_effect([1.0, math.nan])
    with pytest.raises(lm.InsufficientDataError):
        stats.kish_design_effect([])
    with pytest.raises(lm.ArgumentError, match="same total"):
        stats.rake([([0, 1], [1.0, 1.0]), ([0, 1], [2.0, 2.0])])


def test_rake_non_convergence_is_reported() -> None:
    # margins that cannot both hold: one respondent in both first categories
    r = stats.rake([([0, 1, 1], [5.0, 5.0]), ([0, 1, 1], [1.0, 9.0])], max_iterations=5)
    assert not r.converged and r.iterations == 5 and r.max_abs_deviation > r.tolerance
    assert "converged=False" in repr(r) and "NOT converge" in r._repr_html_()


# ---------------------------------------------------------------------------------------------
# crosstabs, Rao-Scott, representativeness, disclosure


def test_crosstab_against_reference() -> None:
    checked = 0
    for case in cases("tables", "kind", "crosstab"):
        c = stats.crosstab(case["rows"], case["cols"], n_rows=case["n_rows"], n_cols=case["n_cols"])
        assert c.counts.reshape(-1) == approx(case["counts"])
        assert c.total_percent.reshape(-1) == approx(case["total_percent"])
        if "row_percent" in case:
            assert c.row_percent.reshape(-1) == approx(case["row_percent"])
        peer = case["chi_square"]
        if peer is None:
            assert c.chi_square is None
        else:
            chi = c.chi_square
            assert chi is not None
            for key in ["statistic", "p_value", "likelihood_ratio", "likelihood_ratio_p_value", "cramers_v"]:
                assert getattr(chi, key) == approx(peer[key]), f"{case['name']} {key}"
            assert chi.df == peer["df"]
        if case.get("fisher") is not None:
            assert c.fisher is not None
            assert c.fisher.p_value == approx(case["fisher"]["p_value"])
            assert c.fisher.odds_ratio == (None if case["fisher"]["odds_ratio"] is None else approx(case["fisher"]["odds_ratio"]))
        checked += 1
    assert checked >= 8


def test_crosstab_against_scipy() -> None:
    rng = np.random.default_rng(3)
    rows = rng.integers(0, 3, size=150)
    cols = (rows + rng.integers(0, 3, size=150)) % 4
    c = stats.crosstab(rows, pd.Series(cols))
    table = np.zeros((3, 4))
    np.add.at(table, (rows, cols), 1)
    chi2, p, dof, expected = scipy.stats.chi2_contingency(table, correction=False)
    assert c.chi_square is not None
    assert (c.chi_square.statistic, c.chi_square.p_value, c.chi_square.df) == (approx(chi2), approx(p), dof)
    assert c.expected == approx(expected)
    assert c.chi_square.cramers_v == approx(scipy.stats.contingency.association(table.astype(int), method="cramer"))
    assert c.unweighted_counts.dtype == np.uint64 and c.unweighted_counts.tolist() == table.astype(int).tolist()
    # 2x2: Fisher, and fisher_exact_2x2 on its own
    t2 = [[8, 2], [1, 5]]
    f = stats.fisher_exact_2x2(t2)
    peer = scipy.stats.fisher_exact(t2)
    assert (f.p_value, f.odds_ratio) == (approx(peer.pvalue), approx(peer.statistic))
    assert stats.fisher_exact_2x2(np.array([8, 2, 1, 5])).p_value == f.p_value
    with pytest.raises(lm.ArgumentError, match="2x2"):
        stats.fisher_exact_2x2([[1, 2, 3]])


def test_crosstab_rendering_and_errors() -> None:
    c = stats.crosstab([0, 0, 1, 1, 1], [0, 1, 0, 1, 1], n_rows=3)
    assert c.empty_rows == [2] and np.isnan(c.row_percent[2]).all()
    df = c.to_pandas()
    assert list(df.columns[:3]) == ["row", "col", "count"] and len(df) == 6
    assert df["row_percent"].isna().sum() == 2
    assert "Crosstab(n_rows=3, n_cols=2, n=5" in repr(c) and "<caption>Crosstab 3 x 2" in c._repr_html_()
    assert c.chi_square is not None and "ChiSquareTest(statistic=" in repr(c.chi_square)
    assert c.chi_square.to_dict()["df"] == [1]
    w = stats.crosstab([0, 1, 1], [1, 0, 1], weights=[1.0, 2.0, 3.0])
    assert w.weighted and w.fisher is None and w.total == 6.0
    with pytest.raises(lm.ArgumentError, match="column codes"):
        stats.crosstab([0, 1], [0])
    with pytest.raises(lm.ArgumentError, match="levels"):
        stats.crosstab([0, 2], [0, 1], n_rows=2)
    with pytest.raises(lm.InsufficientDataError):
        stats.crosstab(np.array([], dtype=np.uint8), np.array([], dtype=np.uint8))


def test_rao_scott_against_reference() -> None:
    checked = 0
    for case in cases("tables", "kind", "rao_scott"):
        r = stats.rao_scott(
            case["rows"],
            case["cols"],
            case["weights"],
            strata=case["strata"],
            population_sizes=case["population_sizes"],
            n_rows=case["n_rows"],
            n_cols=case["n_cols"],
        )
        assert r.df == case["df"], case["name"]
        for key in ["pearson", "first_order_p_value", "f_statistic", "f_df_num", "f_df_den", "f_p_value"]:
            assert getattr(r, key) == approx(case[key], 1e-7), f"{case['name']} {key}"
        checked += 1
    assert checked >= 5
    assert "RaoScott(pearson=" in repr(r) and r.to_pandas().shape[0] == 1
    with pytest.raises(lm.ArgumentError, match="single respondent"):
        stats.rao_scott([0, 1, 0, 1, 0], [0, 1, 1, 0, 0], [1.0] * 5, strata=[0, 0, 0, 0, 1])


def test_representativeness_against_reference() -> None:
    for case in cases("tables", "kind", "representativeness"):
        r = stats.representativeness(case["respondents"], np.array(case["population"]))
        populated = [e for e, big_n in zip(r.to_dict()["expected"], case["population"]) if big_n > 0]
        assert populated == approx(case["expected"])  # scipy.stats.chisquare: strata with N_h > 0
        if case["statistic"] is None:
            assert r.goodness_of_fit is None
        else:
            g = r.goodness_of_fit
            assert g is not None
            assert (g.statistic, g.df, g.p_value) == (approx(case["statistic"]), case["df"], approx(case["p_value"]))
    assert "Representativeness(n=" in repr(r) and len(r) == len(case["respondents"])
    with pytest.raises(lm.ArgumentError, match="stratum 0"):
        stats.representativeness([5, 1], [4, 10])
    with pytest.raises(lm.InsufficientDataError):
        stats.representativeness([0, 0], [4, 10])


def test_suppress() -> None:
    counts = np.array([[12, 3, 20], [15, 9, 30]])
    s = stats.suppress(counts)
    assert (s.n_primary, s.n_secondary) == (1, 3)  # a lone cell per row and column is not allowed
    assert s.status[0][1] == "primary" and s.mask.sum() == 4
    assert s.mask.dtype == np.bool_
    for line in [*s.mask, *s.mask.T]:
        assert line.sum() != 1
    shown = s.apply(counts / counts.sum() * 100)
    assert np.isnan(shown[0, 1]) and shown[1, 2] == approx(30 / 89 * 100)
    assert "Suppression(n_rows=2, n_cols=3" in repr(s) and " P" in repr(s)
    assert s.to_pandas().shape == (6, 3)
    c = stats.crosstab([0, 0, 0, 1, 1, 1, 1, 1, 1], [0, 0, 1, 0, 0, 0, 0, 1, 1])
    assert stats.suppress(c, threshold=3).mask.tolist() == stats.suppress(c.unweighted_counts, threshold=3).mask.tolist()
    assert stats.suppress(counts, totals_published=False).n_secondary == 0
    with pytest.raises(lm.ArgumentError, match="threshold"):
        stats.suppress(counts, threshold=0)
    with pytest.raises(lm.ArgumentError, match="values"):
        s.apply([[1.0, 2.0]])


# ---------------------------------------------------------------------------------------------
# reliability


def test_scale_reliability_against_reference() -> None:
    checked = 0
    for case in reference("reliability")["cases"]:
        items = np.array([floats(col) for col in case["items"]]).T  # respondents x items
        for missing in ["listwise", "pairwise"]:
            peer = case[missing]
            r = stats.scale_reliability(items, weights=case["weights"], missing=missing, level=case["level"])  # type: ignore[arg-type]
            assert r.n == peer["n"]
            assert (r.alpha, r.lower, r.upper) == approx((peer["alpha"], *peer["ci"])), f"{case['name']} {missing}"
            if peer["standardized_alpha"] is None:
                assert r.standardized_alpha is None
            else:
                assert r.standardized_alpha == approx(peer["standardized_alpha"])
            itc = [math.nan if p["item_total_correlation"] is None else p["item_total_correlation"] for p in peer["items"]]
            np.testing.assert_allclose(r.item_total_correlation, itc, rtol=TOL, atol=TOL)
            if missing == "listwise" and case.get("svycralpha_formula") is not None:
                assert r.weighted_alpha == approx(case["svycralpha_formula"])
            checked += 1
        # DataFrame input, and the convenience
        frame = pd.DataFrame(items, columns=[f"q{j}" for j in range(items.shape[1])])
        assert stats.cronbach_alpha(frame) == approx(case["listwise"]["alpha"])
    assert checked >= 12


def test_scale_reliability_rendering_and_errors() -> None:
    items: list[list[float | None]] = [[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 5], [2, 2, None]]
    r = stats.scale_reliability(items)
    assert (r.k, r.n_rows, r.n, r.n_missing, r.missing) == (3, 5, 4, 1, "listwise")
    df = r.to_pandas()
    assert list(df["item"]) == [0, 1, 2] and "alpha_if_deleted" in df.columns
    assert "ScaleReliability(alpha=" in repr(r) and "Cronbach" in r._repr_html_()
    with pytest.raises(lm.InsufficientDataError):
        stats.scale_reliability([[1], [2], [3]])
    with pytest.raises(lm.ArgumentError, match="zero variance"):
        stats.scale_reliability([[1, 1], [1, 1], [1, 1]])
    with pytest.raises(lm.ArgumentError, match="missing"):
        stats.scale_reliability(items, missing="available")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# agreement


def agreement_data(case: dict[str, Any]) -> np.ndarray[Any, np.dtype[np.float64]]:
    return np.array([floats(row) for row in case["codes"]]).reshape(len(case["codes"]), case["n_coders"])


def check_irrcac(ours: stats.Agreement, peer: dict[str, Any], what: str) -> None:
    assert ours.estimate == approx(peer["estimate"]), what
    assert (ours.se, ours.lower, ours.upper) == approx((peer["se"], peer["lower"], peer["upper"])), what
    if "pa" in peer:
        assert (ours.observed_agreement, ours.chance_agreement) == approx((peer["pa"], peer["pe"])), what


def test_agreement_against_reference() -> None:
    checked = 0
    for case in reference("agreement")["cases"]:
        if case["name"] in ("one_category", "all_missing"):
            continue
        data = agreement_data(case)
        opts: dict[str, Any] = {"level": case["level"], "population": case["population"]}
        irr = case["irrcac"]
        check_irrcac(stats.percent_agreement(data, **opts), irr["percent_agreement"]["ok"], case["name"])
        check_irrcac(stats.fleiss_kappa(data, **opts), irr["fleiss"]["ok"], case["name"])
        check_irrcac(stats.gwet_ac1(data, **opts), irr["gwet"]["ok"], case["name"])
        check_irrcac(stats.brennan_prediger(data, **opts), irr["bp"]["ok"], case["name"])
        if "conger" in irr:
            check_irrcac(stats.cohen_kappa(data, **opts), irr["conger"]["ok"], case["name"])
        else:
            with pytest.raises(lm.ArgumentError):
                stats.cohen_kappa(data, **opts)
        for level in ["nominal", "ordinal", "interval", "ratio"]:
            peer = case["krippendorff"][level]["ok"]
            a = stats.krippendorff_alpha(
                data.T, level, coders_in_rows=True, confidence=case["level"], population=case["population"]  # type: ignore[arg-type]
            )
            assert a.estimate == approx(peer["alpha"]), f"{case['name']} {level}"
            check_irrcac(a, peer["irrcac"], f"{case['name']} {level} irrCAC")
            assert a.measurement_level == level
        checked += 1
    assert checked >= 10


def test_agreement_against_statsmodels() -> None:
    rng = np.random.default_rng(11)
    truth = rng.integers(0, 4, size=60)
    data = np.stack([np.where(rng.random(60) < 0.8, truth, rng.integers(0, 4, size=60)) for _ in range(3)], axis=1)
    counts, _ = inter_rater.aggregate_raters(data)
    assert stats.fleiss_kappa(data).estimate == approx(inter_rater.fleiss_kappa(counts, method="fleiss"))
    assert stats.brennan_prediger(data).estimate == approx(inter_rater.fleiss_kappa(counts, method="randolph"))
    two = data[:, :2]
    table = np.zeros((4, 4))
    np.add.at(table, (two[:, 0], two[:, 1]), 1)
    assert stats.cohen_kappa(two).estimate == approx(inter_rater.cohens_kappa(table).kappa)
    # the same through pandas, lists and the krippendorff layout
    assert stats.cohen_kappa(pd.DataFrame(two)).estimate == stats.cohen_kappa(two.tolist()).estimate
    assert stats.fleiss_kappa(data.T, coders_in_rows=True).estimate == stats.fleiss_kappa(data).estimate


def test_agreement_inputs() -> None:
    floats_ = np.array([[0, 0, 1], [1, 1, np.nan], [2, 2, 2], [0, 1, 0]], dtype=float)
    ints = np.where(np.isnan(floats_), -1, floats_).astype(np.int64)  # -1 is missing in integer data
    objects: list[list[int | None]] = [[0, 0, 1], [1, 1, None], [2, 2, 2], [0, 1, 0]]
    want = stats.fleiss_kappa(floats_)
    inputs: list[stats.Table] = [ints, objects, pd.DataFrame(floats_)]
    for data in inputs:
        got = stats.fleiss_kappa(data)
        assert (got.estimate, got.n_missing) == (want.estimate, 1)
    labels: list[list[str | None]] = [["ja", "ja", "nee"], ["nee", "nee", None], ["weet niet", "weet niet", "weet niet"], ["ja", "nee", "ja"]]
    lab = stats.fleiss_kappa(labels, categories=["ja", "nee", "weet niet"])
    assert lab.estimate == approx(want.estimate)
    assert stats.krippendorff_alpha(labels).estimate == approx(stats.krippendorff_alpha(floats_).estimate)
    # unused declared categories count in AC1's chance agreement
    assert stats.gwet_ac1(labels, categories=["ja", "nee", "weet niet", "n.v.t."]).n_categories == 4
    with pytest.raises(lm.ArgumentError, match="interval"):
        stats.krippendorff_alpha(labels, "interval")
    with pytest.raises(lm.ArgumentError, match="not among"):
        stats.fleiss_kappa(labels, categories=["ja", "nee"])
    with pytest.raises(lm.ArgumentError, match="whole number"):
        stats.fleiss_kappa([[0.5, 1.0], [1.0, 1.0]])
    with pytest.raises(lm.ArgumentError, match="unknown level"):
        stats.krippendorff_alpha(floats_, "metric")  # type: ignore[arg-type]
    with pytest.raises(lm.InsufficientDataError):
        stats.fleiss_kappa([[np.nan, np.nan], [np.nan, np.nan]])
    with pytest.raises(lm.ArgumentError, match="2-dimensional"):
        stats.fleiss_kappa([0, 1, 1])


def test_agreement_edge_cases_from_reference() -> None:
    data = reference("agreement")["cases"]
    one = next(c for c in data if c["name"] == "one_category")
    with pytest.raises(lm.ArgumentError):  # irrCAC: NaN; krippendorff: raises
        stats.fleiss_kappa(agreement_data(one))
    with pytest.raises(lm.ArgumentError):
        stats.krippendorff_alpha(agreement_data(one))
    pa = stats.percent_agreement(agreement_data(one))
    assert pa.estimate == approx(one["irrcac"]["percent_agreement"]["ok"]["estimate"]) and pa.se is None
    census = next(c for c in data if c["name"] == "census_342_of_342")
    k = stats.fleiss_kappa(agreement_data(census), population=342)
    assert k.se == 0.0 and k.lower == k.upper == k.estimate
    with pytest.raises(lm.ArgumentError, match="population"):
        stats.fleiss_kappa(agreement_data(census), population=100)


def test_krippendorff_bootstrap_is_seeded() -> None:
    case = next(c for c in reference("agreement")["cases"] if c["name"] == "ordinal_300x5_missing")
    data = agreement_data(case)
    a = stats.krippendorff_alpha(data, "ordinal", bootstrap=200, seed=42)
    b = stats.krippendorff_alpha(data, "ordinal", bootstrap=200, seed=42)
    c = stats.krippendorff_alpha(data, "ordinal", bootstrap=200, seed=43)
    assert (a.lower, a.upper, a.se) == (b.lower, b.upper, b.se)
    assert (a.lower, a.upper) != (c.lower, c.upper)
    assert a.estimate == approx(case["krippendorff"]["ordinal"]["ok"]["alpha"])
    assert a.lower is not None and a.upper is not None and a.lower < a.estimate < a.upper
    assert "bootstrap" in a.method
    with pytest.raises(lm.ArgumentError, match="replicates"):
        stats.krippendorff_alpha(data, bootstrap=1)


def test_agreement_rendering() -> None:
    a = stats.cohen_kappa([[0, 0], [1, 1], [1, 0], [2, 2]])
    assert a.coefficient == "cohen_kappa" and a.measurement_level is None and a.n_coders == 2
    row = a.to_dict()
    assert row["coefficient"] == ["cohen_kappa"] and row["n_units"] == [4]
    assert a.to_pandas().shape == (1, len(row))
    assert repr(a).startswith('Agreement(coefficient="cohen_kappa", estimate=')
    assert "<caption>cohen_kappa, 4 units, 2 coders" in a._repr_html_()


# ---------------------------------------------------------------------------------------------
# the GIL is released: results from threads equal the sequential ones


def test_threads() -> None:
    rng = np.random.default_rng(5)
    data = rng.integers(0, 5, size=(2000, 4)).astype(float)
    want = stats.krippendorff_alpha(data, "ordinal", bootstrap=20, seed=1).upper
    out: list[float | None] = []

    def work() -> None:
        out.append(stats.krippendorff_alpha(data, "ordinal", bootstrap=20, seed=1).upper)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert out == [want] * 4
