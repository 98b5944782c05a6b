"""Responses in as LimeSurvey and Qualtrics export them, from Python.

The fixtures are crates/lomonitor/tests/data/responses/platform/*.csv, written by make_exports.py
there from examples/study/responses.csv as LimeSurvey's CSV writer
(application/helpers/admin/export/CsvWriter.php, Writer.php, SurveyObj.php) and Qualtrics' CSV
export ("Understanding Your Dataset") write them.
"""

from __future__ import annotations

import csv
from pathlib import Path

import lomonitor
import pandas

PLATFORM = Path(__file__).resolve().parents[2] / "crates/lomonitor/tests/data/responses/platform"


def _assert_same_answers(a: lomonitor.ImportResult, b: lomonitor.ImportResult) -> None:
    """Every column but the respondent ids (the platforms number their own) and the submission
    time (LimeSurvey has none for a partial response)."""
    da, db = a.responses.to_pandas(), b.responses.to_pandas()
    assert list(da.columns) == list(db.columns)
    cols = [c for c in da.columns if c not in ("respondent_id", "submitted")]
    pandas.testing.assert_frame_equal(da[cols], db[cols])


def test_limesurvey_export_with_tokens_gives_the_own_answers(example_study: Path) -> None:
    study = lomonitor.Study.load(example_study)
    q = study.questionnaire
    assert q is not None
    own = lomonitor.import_responses(example_study / "responses.csv", q, study=study)
    with open(PLATFORM / "participants.csv", encoding="utf-8", newline="") as f:
        participants = {r["token"]: r["attribute_1"] for r in csv.DictReader(f)}
    ls = lomonitor.import_responses(PLATFORM / "limesurvey-full.csv", q, study=study, participants=participants)
    assert ls.dialect == "limesurvey"
    assert ls.report.is_clean, [str(i) for i in ls.report]
    _assert_same_answers(ls, own)
    # Without the participant table there is no unit: every response is set aside.
    bare = lomonitor.import_responses(PLATFORM / "limesurvey-full.csv", q, study=study)
    assert len(bare.responses) == 0
    assert len(bare.set_aside) == len(own.responses)


def test_qualtrics_previews_and_spam_are_set_aside(example_study: Path) -> None:
    study = lomonitor.Study.load(example_study)
    q = study.questionnaire
    assert q is not None
    own = lomonitor.import_responses(example_study / "responses.csv", q, study=study)
    qt = lomonitor.import_responses(PLATFORM / "qualtrics-text.csv", q, study=study)
    assert qt.dialect == "qualtrics"
    not_responses = qt.report.of_kind("not_a_response")
    assert [i.respondent for i in not_responses] == ["R_000000000009001", "R_000000000009002"]
    assert len(qt.set_aside) == 2
    _assert_same_answers(qt, own)
