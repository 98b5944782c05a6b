"""The register and frame through the Python API."""

from __future__ import annotations

import datetime
from pathlib import Path

import pandas as pd
import pytest

import lomonitor as lm


def test_register_is_complete() -> None:
    frame = lm.register()
    assert len(frame) == 342
    assert frame.reference_date == datetime.date(2025, 1, 1)
    assert frame.total_inhabitants == sum(m.inhabitants for m in frame.municipalities)
    assert "CBS" in frame.source


def test_lookups() -> None:
    frame = lm.register()
    assert frame["GM0363"].name == "Amsterdam"
    assert frame["Den Bosch"].code == "GM0796"
    assert frame["’s-Hertogenbosch"].code == "GM0796"
    assert frame.lookup("sudwest fryslan").province == "Fryslân"
    assert "Den Haag" in frame
    assert "Atlantis" not in frame
    m = frame["Amsterdam"]
    assert m.is_g4 and m.corop_code == "CR23"
    assert m.inhabitants_date == datetime.date(2024, 1, 1)
    assert "GM0363" in repr(m)


def test_lookup_errors() -> None:
    frame = lm.register()
    with pytest.raises(lm.AmbiguousError) as amb:
        frame["Bergen"]
    assert "Bergen (L.)" in str(amb.value) and "Bergen (NH.)" in str(amb.value)
    with pytest.raises(lm.NotFoundError, match="did you mean Amsterdam"):
        frame["Amsterdm"]
    with pytest.raises(KeyError):  # NotFoundError is a KeyError too
        frame["GM9999"]


def test_strata_add_up() -> None:
    frame = lm.register()
    for by in ["size_class", "province", "corop", "size_class*province"]:
        t = frame.strata(by, g4_separate=True)
        assert t.total == 342
        assert sum(t.counts) == 342
    sizes = frame.strata("size_class", g4_separate=True)
    assert sizes.labels == ["< 20.000", "20.000–50.000", "50.000–100.000", "≥ 100.000", "G4"]
    assert sizes.counts[-1] == 4
    assert frame.strata("size_class", language="en").labels[0] == "< 20,000"
    with pytest.raises(lm.ArgumentError):
        frame.strata("gemeente")
    with pytest.raises(lm.ArgumentError):
        frame.strata("size_class", size_classes=[50000, 20000])


def test_pandas_round_trip() -> None:
    frame = lm.register()
    df = frame.to_pandas()
    assert isinstance(df, pd.DataFrame)
    assert len(df) == 342 and df["inhabitants"].sum() == frame.total_inhabitants
    assert list(df.columns) == list(frame.to_dict().keys())
    strata = frame.strata("province").to_pandas()
    assert strata["N"].sum() == 342
    assert abs(strata["share"].sum() - 1.0) < 1e-12
    assert "<table" in frame._repr_html_() and "<table" in frame.strata()._repr_html_()


def test_from_csv_round_trip(tmp_path: Path) -> None:
    frame = lm.register()
    df = frame.to_pandas()
    path = tmp_path / "register.csv"
    df.to_csv(path, sep=";", index=False, encoding="cp1252")
    loaded = lm.Frame.from_csv(path, datetime.date(2025, 1, 1))
    assert len(loaded) == 342
    assert loaded["GM1900"].name == "Súdwest-Fryslân"


def test_bad_register_error_names_cell(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("code,name,province,inhabitants\nGM0363,Amsterdam,Noord-Holland,931298\nGM363,X,Utrecht,5\n")
    with pytest.raises(lm.InputError) as err:
        lm.Frame.from_csv(path, datetime.date(2025, 1, 1))
    e = err.value
    assert (e.line, e.column, e.value) == (3, "code", "GM363")
    assert e.file is not None and e.file.endswith("bad.csv")
    assert isinstance(e, ValueError)
