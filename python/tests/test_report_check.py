"""The browser check of the report (scripts/check_report.py) can fail: it is run here on a page
with a console error, a broken image and no content, and on a malformed SVG."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

needs_browser = pytest.mark.skipif(
    shutil.which("chromium") is None and os.environ.get("CI") != "true",
    reason="chromium is not installed (the test command installs it on CI)",
)


@needs_browser
def test_check_report_fails_on_a_broken_report(tmp_path: Path) -> None:
    report = tmp_path / "study"
    report.mkdir()
    (report / "rapport.html").write_text(
        '<html><body><p>x</p><img src="missing.png"><script>console.error("boom")</script></body></html>'
    )
    (report / "infographic.html").write_text("<html><body></body></html>")
    (report / "kapot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts/check_report.py"), str(report), "--screenshots", str(tmp_path / "shots")],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    for needle in ["not well-formed XML", "console error", "broken images", "blank", "no charts"]:
        assert needle in run.stdout, (needle, run.stdout)
