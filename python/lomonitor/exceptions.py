"""The exceptions lomonitor raises.

Every error from lomonitor is a :class:`LomonitorError`. Errors about a user's file carry where
the problem is, so a researcher can open the spreadsheet at the right cell::

    try:
        study = lm.Study.load("mijn-onderzoek")
    except lm.InputError as e:
        print(e.file, e.line, e.column, e.value)
"""

from __future__ import annotations

__all__ = [
    "AmbiguousError",
    "ArgumentError",
    "FileError",
    "InputError",
    "InsufficientDataError",
    "LomonitorError",
    "NotFoundError",
]


class LomonitorError(Exception):
    """Base class of every lomonitor error.

    Attributes ``file``, ``line``, ``column`` and ``value`` say where in a user's file the
    problem is; each is ``None`` when it does not apply.
    """

    file: str | None
    line: int | None
    column: str | None
    value: str | None

    def __init__(
        self,
        message: str,
        file: str | None = None,
        line: int | None = None,
        column: str | None = None,
        value: str | None = None,
    ) -> None:
        super().__init__(message)
        self.file = file
        self.line = line
        self.column = column
        self.value = value


class InputError(LomonitorError, ValueError):
    """A value in a user's file (CSV, TOML) or argument that cannot be read or is not allowed."""


class FileError(LomonitorError, OSError):
    """A file that cannot be opened, read or written."""


class NotFoundError(LomonitorError, KeyError):
    """A lookup (municipality, organisation, item) that found nothing."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class AmbiguousError(LomonitorError, KeyError):
    """A name that matches several entries (``"Bergen"``)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class InsufficientDataError(LomonitorError):
    """Too few observations for the statistic asked for."""


class ArgumentError(LomonitorError, ValueError):
    """An argument outside its domain (a confidence level of 1.5, negative weights)."""
