"""The questionnaire to and from LimeSurvey (.lss) and Qualtrics (.qsf) from Python.

The old-layout fixture is LimeSurvey's own tests/data/surveys/limesurvey_survey_rankingNative.lss
(see crates/lomonitor/tests/data/platforms/README.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import lomonitor
import pytest


def _same(a: lomonitor.Questionnaire, b: lomonitor.Questionnaire) -> None:
    assert (a.id, a.version, a.title) == (b.id, b.version, b.title)
    assert a.item_ids == b.item_ids
    assert a.to_dict() == b.to_dict()
    assert a.missing == b.missing
    assert [s.items for s in a.scales] == [s.items for s in b.scales]


def test_limesurvey_round_trip(example_study: Path, tmp_path: Path) -> None:
    q = lomonitor.Questionnaire.load(example_study / "questionnaire.toml")
    lss = q.to_limesurvey()
    assert "<LimeSurveyDocType>Survey</LimeSurveyDocType>" in lss
    assert "<question_l10ns>" in lss
    path = tmp_path / "survey.lss"
    path.write_text(lss, encoding="utf-8")
    back, unmapped = lomonitor.questionnaire_from_limesurvey(path)
    assert unmapped == []
    _same(q, back)


def test_qualtrics_round_trip(example_study: Path, tmp_path: Path) -> None:
    q = lomonitor.Questionnaire.load(example_study / "questionnaire.toml")
    qsf = q.to_qualtrics()
    doc = json.loads(qsf)
    tags = [e["Payload"]["DataExportTag"] for e in doc["SurveyElements"] if e["Element"] == "SQ"]
    assert len(tags) == len(q)
    assert all(t.isalnum() and len(t) <= 20 for t in tags)
    path = tmp_path / "survey.qsf"
    path.write_text(qsf, encoding="utf-8")
    back, unmapped = lomonitor.questionnaire_from_qualtrics(path)
    assert unmapped == []
    _same(q, back)


def test_limesurvey_old_layout_fixture(root: Path) -> None:
    path = root / "crates/lomonitor/tests/data/platforms/limesurvey_survey_rankingNative.lss"
    q, unmapped = lomonitor.questionnaire_from_limesurvey(path)
    assert unmapped == []
    assert q.item_ids == ["rank"]
    assert q["rank"].kind == "ranking"
    assert q["rank"].options == {1: "Some example subquestion", 2: "New answer subquestion", 3: "Third subquestion", 4: "Last subquestion"}


def test_bad_files_raise_with_the_file_name(tmp_path: Path) -> None:
    bad = tmp_path / "bad.lss"
    bad.write_text("<document><questions>", encoding="utf-8")
    with pytest.raises(lomonitor.LomonitorError, match="bad.lss"):
        lomonitor.questionnaire_from_limesurvey(bad)
    bad = tmp_path / "bad.qsf"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(lomonitor.LomonitorError, match="bad.qsf"):
        lomonitor.questionnaire_from_qualtrics(bad)
