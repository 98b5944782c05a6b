"""The ``lomonitor`` console script: the same command as the Rust binary (``lomonitor --help``)."""

from __future__ import annotations

import sys

from lomonitor._lomonitor import _cli_main


def main() -> None:
    """Run ``lomonitor`` with ``sys.argv`` and exit with its code (0 ok, 1 findings, 2 usage)."""
    sys.exit(_cli_main(["lomonitor", *sys.argv[1:]]))
