"""Questionnaires, response sets (pandas, Arrow through pyarrow and polars), imports and the
validation report through the Python API."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import lomonitor as lm

TEXT_COLUMNS = ["respondent_id", "unit", "status", "functie_other", "instrumenten_other", "toelichting"]


@pytest.fixture(scope="module")
def study(example_study: Path) -> lm.Study:
    return lm.Study.load(example_study)


@pytest.fixture(scope="module")
def rs(study: lm.Study) -> lm.ResponseSet:
    assert study.responses is not None
    return study.responses


@pytest.fixture(scope="module")
def csv(example_study: Path) -> pd.DataFrame:
    return pd.read_csv(example_study / "responses.csv")


def test_questionnaire(study: lm.Study, example_study: Path) -> None:
    q = lm.Questionnaire.load(example_study / "questionnaire.toml")
    assert study.questionnaire is not None
    assert q.id == study.questionnaire.id == "lo-gemeenten" and q.version == "1.0"
    assert len(q) == 25 and q.item_ids[0] == "functie" and "visie" in q
    item = q["visie_jaar"]
    assert item.kind == "numeric" and item.show_if == "visie == 1"
    assert item.missing  # the instrument's declared missing codes
    visie = q.item("visie")
    assert visie.options == {1: "ja, vastgesteld", 2: "in ontwikkeling", 3: "nee"}
    assert 97 in visie.missing and visie.show_if is None
    assert [i.id for i in q] == q.item_ids
    assert q["klimaat_4"].reverse and q["klimaat_4"].points == 5
    assert q["themas_top3"].top == 3 and q["instrumenten"].exclusive
    assert q["fte_lo"].range is not None
    (scale,) = q.scales
    assert scale.id == "leerklimaat" and scale.items[0] == "klimaat_1"
    df = q.to_pandas()
    assert df["id"].tolist() == q.item_ids
    assert "show_if" in df.columns and df.loc[df["id"] == "visie_jaar", "show_if"].item() == "visie == 1"
    assert "<table" in q._repr_html_() and "<table" in visie._repr_html_()
    assert "Questionnaire(id=\"lo-gemeenten\"" in repr(q) and "Item(id=\"visie\"" in repr(visie)
    with pytest.raises(lm.NotFoundError):
        q["nope"]


def test_questionnaire_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "q.toml"
    bad.write_text('[instrument]\nid = "x"\nversion = "1"\ntitle = "T"\n\n[[items]]\nid = "a"\nkind = "sinlge"\n')
    with pytest.raises(lm.InputError) as err:
        lm.Questionnaire.load(bad)
    assert err.value.file is not None and err.value.file.endswith("q.toml")
    assert err.value.line is not None
    with pytest.raises(lm.FileError):
        lm.Questionnaire.load(tmp_path / "absent.toml")


def test_to_pandas_has_the_codes_of_the_csv(rs: lm.ResponseSet, csv: pd.DataFrame) -> None:
    df = rs.to_pandas()
    assert len(rs) == len(df) == len(csv) == 151
    assert df.columns.tolist() == csv.columns.tolist() == rs.columns
    for col in csv.columns:
        if col in ("started", "submitted", "instrument_version"):
            continue
        if col in TEXT_COLUMNS:
            ours = [None if pd.isna(v) else v for v in df[col]]
            theirs = [None if pd.isna(v) else v for v in csv[col]]
            assert ours == theirs, col
        else:
            np.testing.assert_array_equal(df[col].to_numpy(dtype=float), csv[col].to_numpy(dtype=float), err_msg=col)
    np.testing.assert_array_equal(df["started"].to_numpy(), pd.to_datetime(csv["started"]).to_numpy())
    assert set(df["instrument_version"]) == {"1.0"}
    d = rs.to_dict()
    assert isinstance(d["visie"], np.ndarray) and d["visie"].dtype == np.float64
    assert d["respondent_id"][0] == "r001"


def test_to_pandas_labels(study: lm.Study, rs: lm.ResponseSet) -> None:
    df = rs.to_pandas(labels=True)
    visie = df["visie"]
    assert isinstance(visie.dtype, pd.CategoricalDtype)
    f = study.frequencies("visie")
    counts = visie.value_counts()
    for label, code, n in zip(f.labels, f.codes, f.unweighted_counts):
        if code is not None:
            assert counts[label] == n
    assert df["klimaat_1"].cat.ordered and not visie.cat.ordered
    assert np.isnan(df["fte_lo"]).sum() > np.isnan(rs.to_pandas()["fte_lo"]).sum()  # "weet niet" -> NaN
    english = rs.to_pandas(labels=True, language="en")
    assert list(english["visie"].cat.categories)[:3] == ["yes, adopted", "in development", "no"]
    labels = rs.to_dict(labels=True)["visie"]
    assert isinstance(labels, list) and labels[0] == "ja, vastgesteld"


def test_arrow_through_pyarrow(rs: lm.ResponseSet, csv: pd.DataFrame) -> None:
    t = pa.table(rs)
    assert t.num_rows == 151
    assert t.column_names[:6] == ["respondent_id", "unit", "status", "started", "submitted", "source_line"]
    assert pa.types.is_dictionary(t.schema.field("visie").type)
    assert t.schema.field("visie").type.index_type == pa.uint8()
    assert t.schema.field("fte_lo").type == pa.float64()
    assert t.schema.field("instrumenten_1").type == pa.uint8()
    assert t.schema.metadata[b"lomonitor.instrument"] == b"lo-gemeenten"
    assert t.schema.field("visie").metadata[b"lomonitor.kind"] == b"single"
    # the labels of the dictionary are the option labels; nulls where not asked or unanswered
    visie = t.column("visie").to_pylist()
    assert visie.count("ja, vastgesteld") == int((csv["visie"] == 1).sum())
    assert visie.count(None) == int(csv["visie"].isna().sum())
    # numeric values: valid answers only (the declared "weet niet" -1 is null here)
    fte = np.array(t.column("fte_lo").to_pylist(), dtype=float)
    expected = csv["fte_lo"].where(csv["fte_lo"] != -1).to_numpy(dtype=float)
    np.testing.assert_array_equal(fte, expected)
    # English labels on request: the same codes, other dictionary values and metadata
    en = pa.table(rs.with_language("en"))
    assert rs.language == "nl" and rs.with_language("en").language == "en"
    assert en.schema.metadata[b"lomonitor.language"] == b"en"
    visie_en = en.column("visie").to_pylist()
    assert visie_en.count("yes, adopted") == visie.count("ja, vastgesteld")
    assert visie_en.count(None) == visie.count(None)
    assert en.column("visie").chunk(0).indices.equals(t.column("visie").chunk(0).indices)
    with pytest.raises(lm.LomonitorError, match="language"):
        rs.with_language("de")  # type: ignore[arg-type]
    # the byte columns are shared, not copied: two imports see the same buffer
    a = pa.table(rs).column("instrumenten_1").chunk(0).buffers()[1]
    b = pa.table(rs).column("instrumenten_1").chunk(0).buffers()[1]
    assert a.address == b.address
    # the state of a non-coded item says why a value is missing
    state = t.column("fte_lo_state").to_pylist()
    assert state.count("beantwoord") == int((csv["fte_lo"].notna() & (csv["fte_lo"] != -1)).sum())


def test_arrow_through_polars(rs: lm.ResponseSet, csv: pd.DataFrame) -> None:
    df = pl.DataFrame(rs)
    assert df.shape[0] == 151
    assert df.schema["visie"] == pl.Categorical or str(df.schema["visie"]).startswith("Categorical")
    assert df["instrumenten_1"].dtype == pl.UInt8
    assert df["instrumenten_1"].sum() == int(csv["instrumenten_1"].sum())
    again = pl.from_arrow(pa.table(rs))
    assert isinstance(again, pl.DataFrame) and again.shape == df.shape


def test_response_set_repr(rs: lm.ResponseSet) -> None:
    assert repr(rs).startswith("ResponseSet(151 responses")
    html = rs._repr_html_()
    assert "<table" in html and "not_asked" in html
    assert rs.instrument_id == "lo-gemeenten" and rs.instrument_version == "1.0"
    assert rs.respondent_id[:2] == ["r001", "r002"] and rs.units[0] == "GM0375"
    assert rs.questionnaire.id == "lo-gemeenten"


def test_clean_example_report(study: lm.Study) -> None:
    report = study.validation_report
    assert report is not None
    assert report.rows_read == 151 and report.rows_kept == 151 and report.is_clean
    assert study.import_result is not None and study.import_result.dialect == "lomonitor"


def _dirty_csv(example_study: Path, tmp_path: Path) -> Path:
    lines = (example_study / "responses.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    rows = [line.split(",") for line in lines[1:6]]
    visie, budget = header.index("visie"), header.index("budget_fte")
    rows[0][visie] = "5"  # not an option of visie
    rows[1][budget] = "veel"  # not a number
    rows[2][header.index("unit")] = rows[3][header.index("unit")]  # a second response for one unit
    path = tmp_path / "dirty.csv"
    path.write_text("\n".join([",".join(header)] + [",".join(r) for r in rows]) + "\n", encoding="utf-8")
    return path


def test_import_reports_every_problem(study: lm.Study, example_study: Path, tmp_path: Path) -> None:
    assert study.questionnaire is not None
    path = _dirty_csv(example_study, tmp_path)
    result = lm.import_responses(path, study.questionnaire, study=study, dialect="lomonitor")
    assert isinstance(result, lm.ImportResult) and result.dialect == "lomonitor"
    report = result.report
    assert report.rows_read == 5 and report.rows_set_aside == 1
    assert len(result.responses) == 4 and len(result.set_aside) == 1
    unknown = report.of_kind("unknown_code")
    assert len(unknown) == 1
    (issue,) = unknown
    assert (issue.line, issue.column, issue.value) == (2, "visie", "5")
    assert issue.severity == "error" and issue.respondent == "r001"
    assert issue.file is not None and issue.file.name == "dirty.csv"
    assert report.of_kind("not_a_number")[0].column == "budget_fte"
    assert report.of_kind("duplicate_unit")
    assert len(report) == len(report.issues) == len(list(report)) >= 3
    assert report[0].line == report.issues[0].line and report[-1].message == report.issues[-1].message
    assert report.count("error") >= 2 and not report.is_clean
    df = report.to_pandas()
    assert df.columns.tolist() == ["severity", "kind", "file", "line", "column", "respondent", "value", "message"]
    assert ((df["column"] == "visie") & (df["value"] == "5")).any()
    assert "<table" in report._repr_html_() and "ValidationReport(5 rows read" in repr(report)
    assert "visie" in str(issue) and "Issue(severity=\"error\"" in repr(issue)
    with pytest.raises(IndexError):
        report[100]
    with pytest.raises(lm.ArgumentError):
        report.count("fatal")  # type: ignore[arg-type]
    # the same file against the embedded register, without the study's organisations
    plain = lm.import_responses(path, study.questionnaire)
    assert plain.report.rows_read == 5


def test_file_level_faults_raise_with_file_and_line(study: lm.Study, tmp_path: Path) -> None:
    assert study.questionnaire is not None
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(lm.InputError) as err:
        lm.import_responses(empty, study.questionnaire)
    assert err.value.file is not None and err.value.file.endswith("empty.csv")
    twice = tmp_path / "twice.csv"
    twice.write_text("respondent_id,unit,visie,visie\nr1,GM0363,1,1\n")
    with pytest.raises(lm.InputError) as err:
        lm.import_responses(twice, study.questionnaire)
    assert err.value.line == 1 and "visie" in str(err.value)
    with pytest.raises(lm.FileError):
        lm.import_responses(tmp_path / "absent.csv", study.questionnaire)
    with pytest.raises(lm.ArgumentError, match="dialect"):
        lm.import_responses(empty, study.questionnaire, dialect="spss")  # type: ignore[arg-type]
