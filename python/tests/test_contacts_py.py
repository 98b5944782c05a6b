"""Contacts and fieldwork through the Python API: counts, coverage, AAPOR rates, reminders and
the published overview; no personal data in the analysis results' reprs."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import lomonitor as lm

D = datetime.date


@pytest.fixture(scope="module")
def study(example_study: Path) -> lm.Study:
    return lm.Study.load(example_study)


@pytest.fixture(scope="module")
def people(example_study: Path) -> list[str]:
    """Names and e-mail addresses of the (fictional) directory: none may leak into reprs."""
    c = pd.read_csv(example_study / "contacts.csv", dtype=str, keep_default_na=False)
    return [v for v in list(c["name"]) + list(c["email"]) if v]


def _no_personal_data(text: str, people: list[str]) -> None:
    assert "@" not in text
    for p in people:
        assert p not in text, p


def test_directory_counts_and_issues(study: lm.Study, example_study: Path, people: list[str]) -> None:
    d = study.contacts
    raw = pd.read_csv(example_study / "contacts.csv", dtype=str, keep_default_na=False)
    errors = [i for i in d.issues if i.severity == "error"]
    assert len(d) == len(raw) - len(errors)
    assert sum(d.by_status.values()) == len(d) == sum(d.by_role.values()) == len(d.ids)
    assert all(re.fullmatch(r"c\d{4}", i) for i in d.ids)
    for issue in d.issues:
        assert issue.file is not None and issue.file.name == "contacts.csv"
        assert issue.line is not None and issue.line >= 2
        assert issue.message
    _no_personal_data(repr(d), people)


def test_published_overview_only_consented(study: lm.Study, people: list[str]) -> None:
    o = study.contacts.published_overview()
    df = o.to_pandas()
    assert len(df) == len(o) > 0
    assert df.columns.tolist()[:5] == ["code", "municipality", "province", "organisation", "role"]
    assert df["code"].str.fullmatch(r"GM\d{4}").all()
    _no_personal_data(repr(o), people)


def test_coverage(study: lm.Study, people: list[str]) -> None:
    c = study.coverage(D(2025, 3, 1))
    assert c.as_of == D(2025, 3, 1) and c.window_months == 12 and c.fresh_since == D(2024, 3, 1)
    assert c.n == 342 and c.covered + len(c.gaps) == c.n
    np.testing.assert_allclose(c.share, c.covered / c.n)
    df = c.to_pandas()
    for by in ["size_class", "province"]:
        part = df[df["by"] == by]
        assert part["covered"].sum() == c.covered and part["n"].sum() == c.n
        np.testing.assert_allclose(part["share"], part["covered"] / part["n"])
    gaps = c.gaps_to_pandas()
    assert gaps["code"].tolist() == c.gaps and gaps["code"].is_unique
    assert gaps["inhabitants"].is_monotonic_decreasing
    assert set(gaps["reason"]) <= {"no_contact", "no_active_contact", "stale"}
    assert study.coverage(D(2025, 3, 1), window_months=1).covered <= c.covered
    assert study.coverage(D(2025, 3, 1), roles=["lo_adviser"]).covered <= c.covered
    assert study.coverage().as_of == study.reference_date
    _no_personal_data(repr(c) + c._repr_html_(), people)
    with pytest.raises(lm.ArgumentError):
        study.coverage(window_months=0)


def test_fieldwork_rates_follow_the_aapor_formulas(study: lm.Study) -> None:
    r = study.fieldwork_rates()
    d = r.dispositions
    i, p, ref, nc = d["complete"], d["partial"], d["refusal"], d["non_contact"]
    o, u = d["other"], d["unknown_unit"] + d["unknown_other"]
    n = i + p + ref + nc + o + u
    assert r.n == n and r.base == "invited" and r.by == "size_class"
    assert r.rr1 is not None and r.rr2 is not None and r.coop1 is not None and r.con1 is not None
    np.testing.assert_allclose(r.rr1, i / n)
    np.testing.assert_allclose(r.rr2, (i + p) / n)
    np.testing.assert_allclose(r.coop1, i / (i + p + ref + o))
    np.testing.assert_allclose(r.con1, (i + p + ref + o) / n)
    df = r.to_pandas()
    assert df["stratum"].tolist() == ["all", *r.labels]
    assert df["n"].iloc[1:].sum() == r.n  # the strata partition the units
    whole = study.fieldwork_rates(base="frame", as_of=D(2025, 4, 7))
    assert whole.base == "frame" and whole.as_of == D(2025, 4, 7)
    assert whole.n >= r.n and whole.dispositions["unknown_unit"] > 0
    early = study.fieldwork_rates(as_of=D(2025, 3, 10))
    assert early.n <= r.n
    assert study.fieldwork_rates(by="province").labels[0]
    with pytest.raises(lm.ArgumentError):
        study.fieldwork_rates(base="sample")  # type: ignore[arg-type]


def test_reminders(study: lm.Study, people: list[str]) -> None:
    due = study.reminders(6, as_of=D(2025, 4, 7))
    assert len(due) > 0 and due.as_of == D(2025, 4, 7) and due.days == 6
    df = due.to_pandas()
    assert df["contact_id"].tolist() == due.contact_ids
    assert (df["days_since"] > 6).all()
    assert df["last_contact"].is_monotonic_increasing
    assert len(study.reminders(30, as_of=D(2025, 4, 7))) <= len(due)
    _no_personal_data(repr(due) + due._repr_html_(), people)


def test_missing_contacts_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "study.toml").write_text('[study]\ntitle = "T"\nreference_date = "2025-03-01"\n')
    s = lm.Study.load(tmp_path)
    with pytest.raises(lm.InputError) as err:
        s.contacts
    assert err.value.column == "files.contacts"
    with pytest.raises(lm.InputError):
        s.fieldwork_rates()
