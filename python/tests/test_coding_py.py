"""Coded interviews through the Python API, checked against the stored peers of
``reference/expected_coding.json`` (pandas, irrCAC, statsmodels; ``reference/ref_coding.py``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import lomonitor as lm
from lomonitor._lomonitor import CodingLevelName, ScopeName

REF = Path(__file__).parent / "reference" / "expected_coding.json"


@pytest.fixture(scope="module")
def study(example_study: Path) -> lm.Study:
    return lm.Study.load(example_study)


@pytest.fixture(scope="module")
def cases() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(REF.read_text(encoding="utf-8"))
    return {c["name"]: c for c in data["cases"]}


def test_codings_summary(study: lm.Study) -> None:
    c = study.codings
    assert c is not None
    assert len(c) == len(c.interviews) == 20 and c.n_segments == 180
    assert c.coders == ["MV", "RB"]
    assert c.codes[0] == ("budget", c.codes[0][1], 0)
    df = c.to_pandas()
    assert df["interview"].tolist() == c.interviews and df["segments"].sum() == 180
    assert "Codings(interviews=20" in repr(c)


def test_code_frequencies_match_pandas(study: lm.Study, cases: dict[str, Any]) -> None:
    f = study.code_frequencies()
    ref = cases["frequencies"]
    assert (f.n_interviews, f.n_segments, f.merge) == (ref["n_interviews"], ref["n_segments"], "first")
    df = f.to_pandas()
    assert df["code"].tolist() == [r["code"] for r in ref["rows"]]
    for col in ["segments_direct", "segments", "interviews"]:
        assert df[col].tolist() == [r[col] for r in ref["rows"]], col
    assert f.per_interview.shape == (20, len(f))
    np.testing.assert_array_equal((f.per_interview > 0).sum(axis=0), f.interview_counts)
    assert "budget" in repr(f) and "<table" in f._repr_html_()
    assert len(study.code_frequencies(merge="union")) == len(f)
    with pytest.raises(lm.ArgumentError):
        study.code_frequencies(merge="any")  # type: ignore[arg-type]


def test_co_occurrence_matches_pandas(study: lm.Study, cases: dict[str, Any]) -> None:
    shapes: list[tuple[str, ScopeName, CodingLevelName]] = [
        ("co_occurrence_segment_code", "segment", "code"),
        ("co_occurrence_interview_code", "interview", "code"),
        ("co_occurrence_segment_theme", "segment", "theme"),
    ]
    for name, scope, level in shapes:
        co = study.co_occurrence(scope=scope, level=level)
        ref = cases[name]
        assert co.codes == ref["codes"] and co.scope == scope and co.level == level
        np.testing.assert_array_equal(co.counts, np.array(ref["counts"]))
        assert (co.counts == co.counts.T).all()
    co = study.co_occurrence(level="theme")
    long = co.to_pandas()
    assert len(long) == len(co.codes) ** 2
    assert ">budget</th>" in co._repr_html_()  # a header cell (the core table renders <th scope=...>)


def test_intercoder_agreement_matches_irrcac(study: lm.Study, cases: dict[str, Any]) -> None:
    a = study.intercoder_agreement()
    ref = cases["agreement"]
    assert a.coders == ("MV", "RB") and a.n_segments == ref["n_segments"]
    by_code = {r["code"]: r for r in ref["per_code"]}
    t = a.to_dict()
    assert a.to_pandas().columns.tolist() == list(t)
    for k, code in enumerate(t["code"]):
        r = by_code.get(code)
        if r is None:
            continue
        (both, first), (second, neither) = r["table"]
        cells = (t["both"][k], t["only_first"][k], t["only_second"][k], t["neither"][k])
        assert cells == (both, first, second, neither), code
        np.testing.assert_allclose(t["percent_agreement"][k], r["percent_agreement"], rtol=1e-12)
        if r["kappa"] is None:
            assert t["kappa"][k] is None
        else:  # a kappa of 0 comes out as 1e-14
            np.testing.assert_allclose(t["kappa"][k], r["kappa"], rtol=1e-9, atol=1e-12)
    assert a.kappa is not None and -1 <= a.kappa <= 1
    assert study.intercoder_agreement("MV", "RB", level="theme").level == "theme"
    with pytest.raises(lm.LomonitorError):
        study.intercoder_agreement("MV", "XX")


def test_joint_display(study: lm.Study) -> None:
    j = study.joint_display("visie")
    assert study.questionnaire is not None
    assert j.categories == list(study.questionnaire["visie"].options.values())
    assert j.level == "theme" and j.rows == ["budget", "time", "lead", "offer", "strategy"]
    assert j.counts.shape == (5, 3)
    assert (j.counts <= np.array(j.category_interviews)).all()
    assert sum(j.category_interviews) == j.n_interviews
    assert j.n_interviews + len(j.without_answer) == 20
    # quotes: present exactly where a cell counts interviews, with no municipality name
    names = [m.name for m in study.frame.municipalities if len(m.name) > 4]
    for row_counts, row_quotes in zip(j.counts, j.quotes):
        for n, q in zip(row_counts, row_quotes):
            assert (q is not None) == (n > 0)
            if q is not None:
                assert not [name for name in names if name in q], q
    df = j.to_pandas()
    assert len(df) == 15 and df["interviews"].sum() == j.counts.sum()
    assert "<table" in j._repr_html_() and "JointDisplay(item=\"visie\"" in repr(j)
    assert study.joint_display("visie", level="code").counts.shape[0] > 5
    with pytest.raises(lm.ArgumentError):
        study.joint_display("instrumenten")
    with pytest.raises(lm.NotFoundError):
        study.joint_display("nope")
