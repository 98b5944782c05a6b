"""Study folders through the Python API."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import lomonitor as lm


def test_example_study_loads(example_study: Path) -> None:
    study = lm.Study.load(example_study)
    assert study.title.startswith("Leren en Ontwikkelen")
    assert study.reference_date == datetime.date(2025, 3, 1)
    assert study.language == "nl"
    assert len(study.frame) == 342
    orgs = {o.id: o for o in study.organisations}
    assert set(orgs["buch"].municipalities) == {"GM0373", "GM0383", "GM0399", "GM0450"}
    served = sum(len(o.municipalities) for o in study.organisations)
    assert study.n_units == 342 - served + len(orgs)
    t = study.strata()
    assert t.by == "size_class" and t.total == 342 and t.labels[-1] == "G4"
    assert "Study(" in repr(study)


def test_study_errors_name_line_and_key(tmp_path: Path) -> None:
    (tmp_path / "study.toml").write_text('[study]\ntitle = "T"\nreference_date = "2025-13-01"\n')
    with pytest.raises(lm.InputError) as err:
        lm.Study.load(tmp_path)
    assert err.value.line == 3
    assert err.value.column == "study.reference_date"
    with pytest.raises(lm.FileError):
        lm.Study.load(tmp_path / "absent")
    with pytest.raises(lm.LomonitorError):
        lm.Study.load(tmp_path / "absent")
