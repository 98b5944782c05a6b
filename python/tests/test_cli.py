"""The ``lomonitor`` console script of the installed package runs the Rust command."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path


def _command() -> list[str]:
    script = Path(sys.executable).with_name("lomonitor")
    if script.exists():
        return [str(script)]
    found = shutil.which("lomonitor")
    return [found] if found else [sys.executable, "-m", "lomonitor"]


def test_console_script_init_check(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    done = subprocess.run([*_command(), "init", str(folder), "--title", "Proef"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (folder / "study.toml").is_file()
    done = subprocess.run([*_command(), "check", str(folder), "--json"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ok"] is True


def test_console_script_usage_error_exits_2(tmp_path: Path) -> None:
    done = subprocess.run([*_command(), "check", str(tmp_path), "--englsh"], capture_output=True, text=True)
    assert done.returncode == 2
    assert "--englsh" in done.stderr


def test_cli_main_returns_the_exit_code(tmp_path: Path) -> None:
    from lomonitor._lomonitor import _cli_main

    (tmp_path / "study.toml").write_text('[study]\ntitle = "x"\nreference_date = "2025-13-01"\n')
    assert _cli_main(["lomonitor", "check", str(tmp_path)]) == 1
