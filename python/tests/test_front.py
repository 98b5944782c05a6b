"""Python reaches what the ``lomonitor`` command does: the archive export, the interview sample,
erasure, the published overview's files, the codebook, the interview guide and REFI-QDA reading.

The command (run as a subprocess, ``--json``) is the reference: the same study gives the same
files, the same sample and the same error messages. The codebook and the interview guide are also
read with ``tomllib`` (the standard library's TOML reader) as an independent peer.
"""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

import lomonitor as lm

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "study"


def _command() -> list[str]:
    script = Path(sys.executable).with_name("lomonitor")
    if script.exists():
        return [str(script)]
    found = shutil.which("lomonitor")
    return [found] if found else [sys.executable, "-m", "lomonitor"]


def _cli(*args: str) -> tuple[int, Any, str]:
    done = subprocess.run([*_command(), "--json", *args], capture_output=True, text=True)
    return done.returncode, json.loads(done.stdout) if done.stdout.strip() else None, done.stderr


def _copy(tmp: Path) -> Path:
    folder = tmp / "study"
    shutil.copytree(EXAMPLE, folder)
    return folder


def test_export_archive_writes_the_same_files_as_the_command(tmp_path: Path) -> None:
    study = lm.Study.load(EXAMPLE)
    files = study.export_archive(tmp_path / "py")
    assert isinstance(files, lm.ArchiveFiles)
    code, out, err = _cli("export", str(EXAMPLE), "--out", str(tmp_path / "cli"))
    assert code == 0, err
    for kind in ("csv", "codebook", "ddi", "spss"):
        mine: Path = getattr(files, kind)
        theirs = Path(out[kind])
        assert mine.name == theirs.name
        assert mine.read_bytes() == theirs.read_bytes(), kind
    assert files.ddi.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert "ArchiveFiles(" in repr(files)


def test_sample_interviews_is_the_commands_sample() -> None:
    study = lm.Study.load(EXAMPLE)
    sample = study.sample_interviews(20, by="size_class", seed=2026)
    code, out, err = _cli("sample", str(EXAMPLE), "--n", "20", "--by", "size_class", "--seed", "2026")
    assert code == 0, err
    assert sample.codes == [u["code"] for u in out["units"]]
    assert len(sample) == len(out["units"])
    assert [(s[1], s[2]) for s in sample.strata] == [(s["population"], s["allocated"]) for s in out["strata"]]
    assert sum(s[2] for s in sample.strata) == 20
    assert sample.to_dict()["code"] == sample.codes
    # the same seed gives the same sample; another seed another one
    assert study.sample_interviews(20, seed=2026).codes == sample.codes
    assert study.sample_interviews(20, seed=2027).codes != sample.codes
    equal = study.sample_interviews(20, seed=2026, equal=True)
    code, out, _ = _cli("sample", str(EXAMPLE), "--n", "20", "--seed", "2026", "--equal")
    assert equal.codes == [u["code"] for u in out["units"]]


def test_sample_interviews_errors_as_the_command() -> None:
    study = lm.Study.load(EXAMPLE)
    with pytest.raises(lm.LomonitorError) as info:
        study.sample_interviews(20, by="shoe_size", seed=1)
    code, _, err = _cli("sample", str(EXAMPLE), "--n", "20", "--by", "shoe_size", "--seed", "1")
    assert code == 1
    assert str(info.value) in err


def test_erase_on_a_copy_gives_the_commands_proof(tmp_path: Path) -> None:
    mine = _copy(tmp_path / "a")
    theirs = _copy(tmp_path / "b")
    proof = lm.Study.load(mine).erase(email="f.fictieink@ooststellingwerf.example.nl")
    code, out, err = _cli("erase", str(theirs), "--email", "f.fictieink@ooststellingwerf.example.nl")
    assert proof.contact_ids == [str(c) for c in out["contact_ids"]] == ["c0010"]
    assert len(proof.contact_rows) == len(out["contact_rows"])
    assert len(proof.fieldwork_rows) == len(out["fieldwork_rows"])
    assert proof.complete == (code == 0) == (out["still_found"] == [])
    assert (mine / "contacts.csv").read_bytes() == (theirs / "contacts.csv").read_bytes()
    assert "fictieink" not in (mine / "contacts.csv").read_text(encoding="utf-8").lower()
    # the proof's repr carries no personal data
    assert "fictieink" not in repr(proof).lower()
    with pytest.raises(lm.LomonitorError):
        lm.Study.load(mine).erase(email="a@b.example", name="X")


def test_write_published_overview_as_the_command(tmp_path: Path) -> None:
    study = lm.Study.load(EXAMPLE)
    files = study.write_published_overview(tmp_path / "py", language="en")
    code, out, err = _cli("overview", str(EXAMPLE), "--out", str(tmp_path / "cli"), "--english")
    assert code == 0, err
    theirs = {Path(p).suffix.lstrip("."): Path(p) for p in out["files"]}
    assert sorted(files) == sorted(theirs) == ["csv", "md", "xlsx"]
    for kind in ("csv", "md"):
        assert files[kind].read_bytes() == theirs[kind].read_bytes()
    assert files["xlsx"].read_bytes()[:2] == b"PK"
    assert len(study.contacts.published_overview()) == out["rows"]


def test_codebook_and_guide_match_their_files() -> None:
    study = lm.Study.load(EXAMPLE)
    cb = study.codebook
    assert cb is not None
    raw = tomllib.loads((EXAMPLE / "codebook.toml").read_text(encoding="utf-8"))
    assert cb.codes == [c["id"] for c in raw["codes"]]
    assert len(cb) == len(raw["codes"])
    assert cb.codes[0] in cb and "no-such-code" not in cb
    d = cb.to_dict()
    assert d["parent"] == [c.get("parent", "") for c in raw["codes"]]
    assert lm.Codebook.load(EXAMPLE / "codebook.toml").codes == cb.codes
    guide = study.interview_guide
    assert guide is not None
    graw = tomllib.loads((EXAMPLE / "interview-guide.toml").read_text(encoding="utf-8"))
    assert guide.id == graw["guide"]["id"]
    assert guide.topics == [t["id"] for t in graw["topics"]]
    assert guide.to_dict()["question"] == [q["id"] for t in graw["topics"] for q in t["questions"]]


def test_codebook_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "codebook.toml"
    bad.write_text('[codebook]\nid = "x"\nversion = "1"\ntitle = "t"\n\n[[codes]]\nid = "a"\nlabel = "A"\nparent = "nope"\n')
    with pytest.raises(lm.LomonitorError) as info:
        lm.Codebook.load(bad)
    assert "codebook.toml" in str(info.value)
    with pytest.raises(lm.FileError):
        lm.Codebook.load(tmp_path / "absent.toml")


def test_read_qdpx_of_the_example_gives_the_studys_codings() -> None:
    study = lm.Study.load(EXAMPLE)
    cb = study.codebook
    assert cb is not None
    project = lm.read_qdpx(EXAMPLE / "interviews.qdpx", codebook=cb)
    assert isinstance(project, lm.QdaProject)
    assert project.codebook.codes == cb.codes
    codings = study.codings
    assert codings is not None
    assert project.codings.n_segments == codings.n_segments
    # the project names its sources by file name, codings.csv by interview id: compare counts
    assert len(project.codings.interviews) == len(codings.interviews)
    assert project.unmapped_codes == []
    # the project's own codebook, without one given
    assert len(lm.read_qdpx(EXAMPLE / "interviews.qdpx").codebook) > 0


def test_read_qdpx_and_qdc_errors(tmp_path: Path) -> None:
    not_zip = tmp_path / "x.qdpx"
    not_zip.write_bytes(b"not a zip")
    with pytest.raises(lm.LomonitorError) as info:
        lm.read_qdpx(not_zip)
    assert "x.qdpx" in str(info.value)
    bad = tmp_path / "x.qdc"
    bad.write_text("<CodeBook><Codes><Code")
    with pytest.raises(lm.LomonitorError) as info:
        lm.read_qdc(bad)
    assert "x.qdc" in str(info.value)


def _rows(path: Path) -> list[dict[str, str]]:
    import csv

    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_merge_contacts_rewrites_contacts_and_fieldwork(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    before = _rows(folder / "contacts.csv")
    work = _rows(folder / "fieldwork.csv")
    moved = sum(r["contact_id"] == "c0002" for r in work)
    kept_before = sum(r["contact_id"] == "c0001" for r in work)
    merge = lm.Study.load(folder).merge_contacts("c0001", "c0002")
    assert isinstance(merge, lm.ContactMerge)
    assert (merge.kept, merge.removed) == ("c0001", "c0002")
    assert merge.fieldwork_rows_moved == moved > 0
    after = _rows(folder / "contacts.csv")
    assert len(after) == len(before) - 1
    assert "c0002" not in {r["contact_id"] for r in after}
    work_after = _rows(folder / "fieldwork.csv")
    assert sum(r["contact_id"] == "c0001" for r in work_after) == kept_before + moved
    assert "c0002" not in {r["contact_id"] for r in work_after}
    # both covered areas are kept (covers is combined); every conflict is listed with both values
    kept_row = next(r for r in after if r["contact_id"] == "c0001")
    assert "buch" in kept_row["covers"] and "hltsamen" in kept_row["covers"]
    for column, mine, theirs, _ in merge.conflicts:
        assert column in before[0] and mine != theirs
    assert "Droomberg" not in repr(merge)
    # the folder still loads and checks as the command sees it
    code, out, err = _cli("check", str(folder))
    assert code == 0, err


def test_merge_contacts_errors(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    study = lm.Study.load(folder)
    with pytest.raises(lm.LomonitorError) as info:
        study.merge_contacts("c0001", "c9999")
    assert "c9999" in str(info.value)
    with pytest.raises(lm.LomonitorError):
        study.merge_contacts("c0001", "c0001")
    with pytest.raises(lm.LomonitorError):
        study.merge_contacts("not an id", "c0002")
    assert _rows(folder / "contacts.csv") == _rows(EXAMPLE / "contacts.csv")


def test_add_contact_appends_under_the_next_id(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    before = _rows(folder / "contacts.csv")
    study = lm.Study.load(folder)
    new_id = study.add_contact(
        "Fenna Proefkonijn",
        "Adviseur leren en ontwikkelen",
        "lo_adviser",
        ["GM0363"],
        email="f.proefkonijn@amsterdam.example.nl",
        verified=datetime.date(2025, 2, 1),
        consent_research=True,
        consent_publish="name|email",
    )
    highest = max(int(r["contact_id"][1:]) for r in before)
    assert new_id == f"c{highest + 1:04d}"
    after = _rows(folder / "contacts.csv")
    assert len(after) == len(before) + 1
    row = next(r for r in after if r["contact_id"] == new_id)
    assert (row["name"], row["role"], row["covers"]) == ("Fenna Proefkonijn", "lo_adviser", "GM0363")
    assert row["email"] == "f.proefkonijn@amsterdam.example.nl"
    # the study reads the file back with the new contact and without errors
    assert new_id in lm.Study.load(folder).contacts.ids


def test_add_contact_errors_name_the_value(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    study = lm.Study.load(folder)
    with pytest.raises(lm.LomonitorError) as info:
        study.add_contact("X", "Y", "lo_adviser", ["GM9999"])
    assert "GM9999" in str(info.value)
    with pytest.raises(lm.LomonitorError) as info:
        study.add_contact("X", "Y", "astronaut", ["GM0363"])
    assert "astronaut" in str(info.value)
    with pytest.raises(lm.LomonitorError):
        study.add_contact("X", "Y", "lo_adviser", ["GM0363"], email="not an address")
    assert _rows(folder / "contacts.csv") == _rows(EXAMPLE / "contacts.csv")


def test_codebook_writes_refi_qda_that_reads_back(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    cb = lm.Study.load(EXAMPLE).codebook
    assert cb is not None
    out = tmp_path / "codebook.qdc"
    cb.write_qdc(out)
    root = ET.parse(out).getroot()
    assert root.tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    names = [c.get("name") for c in root.iter("{urn:QDA-XML:codebook:1.0}Code")]
    assert sorted(n or "" for n in names) == sorted(cb.to_dict()["label"])
    assert len(lm.read_qdc(out)) == len(cb)
    with pytest.raises(lm.LomonitorError):
        cb.write_qdc(out, language="fr")  # type: ignore[arg-type]
