"""Study-level analysis through the Python API, checked against pandas and scipy on the example
study and against the stored peers of ``reference/expected_study.json`` (pandas, scipy, pingouin,
samplics; written by ``reference/ref_study.py``)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import scipy.stats

import lomonitor as lm
from lomonitor._lomonitor import CiMethodName

REF = Path(__file__).parent / "reference" / "expected_study.json"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def study(example_study: Path) -> lm.Study:
    return lm.Study.load(example_study)


@pytest.fixture(scope="module")
def csv(example_study: Path) -> pd.DataFrame:
    """responses.csv as pandas reads it (NA and empty cells are NaN)."""
    return pd.read_csv(example_study / "responses.csv")


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(REF.read_text(encoding="utf-8"))
    return data


def test_frequencies_match_pandas_value_counts(study: lm.Study, csv: pd.DataFrame, expected: dict[str, Any]) -> None:
    for item in ["visie", "positie", "budget_besteed", "klimaat_4"]:
        f = study.frequencies(item)
        assert isinstance(f, lm.ItemFrequencies)
        live = csv[item].dropna().astype(int).value_counts()
        stored = expected["frequencies"]["items"][item]
        for code, n in zip(f.codes, f.unweighted_counts):
            if code is None:
                continue
            assert n == live.get(code, 0), (item, code)
            assert n == stored.get(str(code), 0), (item, code)
        # percentages of the respondents asked; valid percentages of the valid answers
        assert f.n_asked == len(csv) - f.n_not_asked
        valid = [k == "valid" for k in f.kinds]
        np.testing.assert_allclose(f.valid_percent[valid].sum(), 100.0)
        np.testing.assert_allclose(f.percent.sum(), 100.0)
        assert f.n_valid == int(f.unweighted_counts[valid].sum())
    f = study.frequencies("visie")
    assert f.labels[:2] == ["geen antwoord", "ja, vastgesteld"]
    assert f.kinds[0] == "unanswered" and f.kinds[-1] == "user_missing"
    assert study.frequencies("visie", language="en").labels[0] == "no answer"


def test_frequencies_render(study: lm.Study) -> None:
    f = study.frequencies("visie")
    d = f.to_dict()
    assert list(d) == [
        "code",
        "label",
        "kind",
        "count",
        "unweighted_count",
        "percent",
        "valid_percent",
        "cumulative_valid_percent",
    ]
    assert d["code"][0] is None and d["valid_percent"][0] is None
    df = f.to_pandas()
    assert df.shape == (len(f), 8)
    assert df["label"].tolist() == f.labels
    html = f._repr_html_()
    assert html.startswith("<table") and "ja, vastgesteld" in html and "<caption>" in html
    assert "ItemFrequencies(item=\"visie\"" in repr(f)
    assert "ja, vastgesteld" in repr(f)


def test_weighted_frequencies_sum_to_units(study: lm.Study, expected: dict[str, Any]) -> None:
    f = study.frequencies("visie", weights="poststratify:size_class")
    assert f.weighted and f.weighting is not None and "post-stratification" in f.weighting
    np.testing.assert_allclose(f.counts.sum(), expected["n_units"])


def test_proportions_unweighted_and_weighted(study: lm.Study, csv: pd.DataFrame, expected: dict[str, Any]) -> None:
    p = study.proportions("visie", ci="wilson")
    counts = csv["visie"].value_counts()
    assert p.codes == [1, 2, 3]
    np.testing.assert_allclose(p.estimates, [counts[c] / p.n for c in p.codes], rtol=1e-12)
    assert np.all(p.lower < p.estimates) and np.all(p.estimates < p.upper)
    assert "Wilson" in p.method and not p.weighted
    methods: list[CiMethodName] = ["wald", "clopper-pearson", "logit", "korn-graubard", "hypergeometric"]
    for ci in methods:
        assert study.proportions("visie", ci=ci).n == p.n
    narrow = study.proportions("visie", level=0.80)
    assert np.all(narrow.upper - narrow.lower < p.upper - p.lower)
    # design-based, stratified with fpc: samplics TaylorEstimator (stored peer)
    w = study.proportions("visie", ci="logit", weights="poststratify:size_class")
    ref = expected["weighted_proportion_visie_1"]
    assert w.weighted
    np.testing.assert_allclose(w.estimates[0], ref["estimate"], rtol=1e-9)
    np.testing.assert_allclose(w.se[0], ref["se"], rtol=1e-6)
    np.testing.assert_allclose([w.lower[0], w.upper[0]], [ref["lower"], ref["upper"]], rtol=1e-6)
    df = w.to_pandas()
    assert df["label"].tolist() == w.labels and len(df) == len(w)
    assert "<table" in w._repr_html_()


def test_describe_matches_pandas(study: lm.Study, csv: pd.DataFrame, root: Path) -> None:
    d = study.describe("budget_fte")
    values = csv["budget_fte"]
    valid = values[values.notna() & (values != -1)]  # -1 is the declared "weet niet"
    assert d.n == len(valid)
    np.testing.assert_allclose(d.mean, valid.mean(), rtol=1e-12)
    assert d.sd is not None
    np.testing.assert_allclose(d.sd, valid.std(ddof=1), rtol=1e-12)
    np.testing.assert_allclose(d.median, valid.median(), rtol=1e-12)
    assert isinstance(d.stats, lm.stats.Descriptives)
    assert d.stats.population == study.response_rates().population
    assert d.to_pandas()["item"].tolist() == ["budget_fte"]
    likert = study.describe("klimaat_1")
    assert likert.stats.top_box_percent is not None
    assert "ItemDescriptives(item=\"budget_fte\"" in repr(d)


def test_multiple_and_ranking_match_pandas(study: lm.Study, csv: pd.DataFrame) -> None:
    m = study.multiple("instrumenten")
    cols = [f"instrumenten_{c}" for c in m.codes]
    answered = csv[cols].notna().all(axis=1)
    assert m.base == answered.sum()
    np.testing.assert_allclose(m.counts, csv.loc[answered, cols].sum().to_numpy())
    np.testing.assert_allclose(m.percent_of_respondents, 100 * csv.loc[answered, cols].mean().to_numpy())
    assert isinstance(m.table, lm.stats.MultipleResponse)
    assert m.to_pandas()["label"].tolist() == m.labels

    r = study.ranking("themas_top3")
    assert r.top == 3
    item = study.questionnaire["themas_top3"] if study.questionnaire else None
    assert item is not None
    rank_cols = [f"themas_top3_{c}" for c in item.options]
    ranked = csv[rank_cols]
    np.testing.assert_allclose(r.mean_rank, ranked.mean().to_numpy(), rtol=1e-12)
    first = (ranked == 1).sum().to_numpy()
    base = ranked.notna().any(axis=1).sum()
    np.testing.assert_allclose(r.percent_first, 100 * first / base, rtol=1e-12)
    assert r.to_pandas()["label"].tolist() == r.labels


def test_crosstab_matches_scipy(study: lm.Study, expected: dict[str, Any]) -> None:
    x = study.crosstab("visie", by="size_class")
    ref = expected["crosstab_visie_size_class"]
    np.testing.assert_array_equal(x.unweighted_counts, np.array(ref["counts"]))
    # live peer on the same table
    chi2, p, dof, _ = scipy.stats.chi2_contingency(x.unweighted_counts, correction=False)
    assert x.chi_square is not None
    np.testing.assert_allclose(x.chi_square.statistic, chi2, rtol=1e-12)
    np.testing.assert_allclose(x.chi_square.p_value, p, rtol=1e-9)
    assert x.chi_square.df == dof
    v = scipy.stats.contingency.association(x.unweighted_counts, method="cramer")
    np.testing.assert_allclose(x.chi_square.cramers_v, v, rtol=1e-12)
    assert x.row_labels == ["ja, vastgesteld", "in ontwikkeling", "nee"]
    assert x.col_labels[-1] == "G4" and x.rao_scott is None and x.suppression is None
    long = x.to_pandas()
    assert len(long) == 15 and set(long["col"]) == set(x.col_labels)
    wide = long.pivot(index="row", columns="col", values="unweighted_count")
    assert wide.loc["nee", "G4"] == ref["counts"][2][4]
    assert not x.suppressed.any()


def test_crosstab_suppression_weights_and_items(study: lm.Study) -> None:
    x = study.crosstab("visie", by="size_class", suppress_below=5)
    assert x.suppression is not None
    small = x.unweighted_counts < 5
    assert np.all(x.suppressed[small])
    html = x._repr_html_()
    assert ">G4</th>" in html and ">x<" in html  # G4 a header cell (the core table renders <th scope=...>)
    assert " x" in repr(x)
    w = study.crosstab("visie", by="size_class", weights="poststratify:size_class")
    assert w.weighted and w.rao_scott is not None
    by_item = study.crosstab("visie", by="doelen")
    assert by_item.by == "doelen" and by_item.n <= 151


def test_scale_matches_pingouin(study: lm.Study, expected: dict[str, Any]) -> None:
    s = study.scale("leerklimaat", missing="listwise")
    ref = expected["scale_leerklimaat"]
    assert s.n == ref["n"]
    np.testing.assert_allclose(s.alpha, ref["alpha"], rtol=1e-9)
    np.testing.assert_allclose(
        [s.reliability.lower, s.reliability.upper], [ref["lower"], ref["upper"]], rtol=1e-9
    )
    np.testing.assert_allclose(s.to_pandas()["item_total_correlation"].to_numpy(), ref["item_total"], rtol=1e-9)
    assert s.reversed == ["klimaat_4"] and len(s.items) == 5
    assert isinstance(s.items[0], lm.ItemDescriptives)
    assert study.scale("leerklimaat", missing="pairwise").n >= s.n
    assert "Cronbach" in s._repr_html_()


def test_response_rates_and_weights_match_peers(study: lm.Study, expected: dict[str, Any]) -> None:
    r = study.response_rates(by="size_class")
    ref = expected["response_rates_size_class"]
    assert r.respondents == ref["n_h"] and r.populations == expected["N_h"]
    assert r.goodness_of_fit is not None
    np.testing.assert_allclose(r.goodness_of_fit.statistic, ref["statistic"], rtol=1e-12)
    np.testing.assert_allclose(r.goodness_of_fit.p_value, ref["p"], rtol=1e-9)
    live = scipy.stats.chisquare(
        r.respondents, np.array(r.populations) * sum(r.respondents) / sum(r.populations)
    )
    np.testing.assert_allclose(r.goodness_of_fit.statistic, live.statistic, rtol=1e-12)
    assert r.to_pandas()["stratum"].tolist() == r.labels

    w = study.weights("poststratify:size_class")
    assert w is not None
    ps = expected["poststratify_size_class"]
    by_id = dict(zip(w.respondent_id, w.weights))
    for rid, weight in zip(ps["respondent_id"], ps["weights"]):
        np.testing.assert_allclose(by_id[rid], weight, rtol=1e-12)
    np.testing.assert_allclose(w.weights.sum(), expected["n_units"])
    rake = study.weights("rake:size_class,province")
    assert rake is not None and rake.converged and rake.iterations is not None
    np.testing.assert_allclose(rake.weights.sum(), expected["n_units"], rtol=1e-9)
    assert rake.to_pandas().shape == (151, 2)
    assert study.weights("none") is None


def test_errors_are_exceptions_with_names(study: lm.Study) -> None:
    with pytest.raises(lm.NotFoundError, match="visei"):
        study.frequencies("visei")
    with pytest.raises(lm.ArgumentError):
        study.frequencies("instrumenten")  # a multiple-choice item
    with pytest.raises(lm.ArgumentError, match="ci|method"):
        study.proportions("visie", ci="bayes")  # type: ignore[arg-type]
    with pytest.raises(lm.ArgumentError, match="weights"):
        study.frequencies("visie", weights="magic")
    with pytest.raises(lm.ArgumentError):
        study.proportions("visie", level=1.5)
    with pytest.raises(lm.NotFoundError):
        study.scale("geen-schaal")
    with pytest.raises(lm.ArgumentError):
        study.scale("leerklimaat", missing="mean")  # type: ignore[arg-type]


def test_study_without_responses(tmp_path: Path) -> None:
    (tmp_path / "study.toml").write_text('[study]\ntitle = "T"\nreference_date = "2025-03-01"\n')
    s = lm.Study.load(tmp_path)
    assert s.questionnaire is None and s.responses is None and s.validation_report is None
    with pytest.raises(lm.ArgumentError, match="instrument"):
        s.frequencies("visie")
    assert s.codings is None


def test_help_shows_docstrings() -> None:
    assert lm.Study.frequencies.__doc__ and "frequency table" in lm.Study.frequencies.__doc__
    assert lm.ItemCrosstab.__doc__ and "crosstab" in lm.ItemCrosstab.__doc__


def test_report_is_written(tmp_path: Path) -> None:
    study = lm.Study.load(ROOT / "examples" / "study")
    files = study.report(tmp_path / "rapport", language="en")
    # the PDF only when Chromium is installed; the overview because the example has contacts
    assert set(files) - {"pdf"} == {"html", "xlsx", "infographic_svg", "infographic_html", "charts", "log", "overview"}
    assert files["log"].name == "report-log.txt"
    html = files["html"].read_text(encoding="utf-8")
    assert "<svg" in html and "Methods" in html
    # no e-mail addresses or phone numbers in analysis outputs (the print CSS has its @page rules)
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", html)
    assert "+316" not in html
    assert files["xlsx"].stat().st_size > 10_000
    assert any(files["charts"].glob("*.svg"))
