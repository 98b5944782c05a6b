"""The option names of the stubs are the names the binding accepts.

Each ``*Name = Literal[...]`` alias of ``_lomonitor.pyi`` must equal ``_choices(alias)``, the
canonical names of the core's option enum (its one ``FromStr``/``Display``); the aliases of
``lomonitor.stats`` must equal them too. So the stubs cannot drift from the parsers.
"""

from __future__ import annotations

import ast
import typing
from pathlib import Path

import pytest

import lomonitor as lm
from lomonitor import _lomonitor as _lo
from lomonitor import stats

STUB = Path(_lo.__file__).with_name("_lomonitor.pyi") if _lo.__file__ else Path()
if not STUB.is_file():
    STUB = Path(__file__).resolve().parents[1] / "lomonitor" / "_lomonitor.pyi"


def _literal_aliases() -> dict[str, list[str]]:
    """``{alias: [names]}`` for every ``X: TypeAlias = Literal[...]`` of the stub."""
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    out: dict[str, list[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            value = node.value
            if isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name) and value.value.id == "Literal":
                elts = value.slice.elts if isinstance(value.slice, ast.Tuple) else [value.slice]
                out[node.target.id] = [e.value for e in elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return out


ALIASES = _literal_aliases()


def test_the_stub_has_the_option_aliases() -> None:
    assert {"CiMethodName", "SurveyCiMethodName", "MissingName", "DialectName", "LanguageName"} <= set(ALIASES)


def _runtime_names(alias: object) -> list[str]:
    """The names of a runtime alias: ``Union[Literal["a"], Literal["b"]]`` -> ``["a", "b"]``."""
    return [name for lit in typing.get_args(alias) for name in typing.get_args(lit)]


@pytest.mark.parametrize("alias", sorted(ALIASES))
def test_each_literal_alias_equals_the_choices_of_the_binding(alias: str) -> None:
    assert ALIASES[alias] == _lo._choices(alias), alias
    assert _runtime_names(getattr(_lo, alias)) == ALIASES[alias], alias


def test_an_unknown_alias_is_an_argument_error() -> None:
    with pytest.raises(lm.ArgumentError, match="alias"):
        _lo._choices("NoSuchName")


@pytest.mark.parametrize(
    ("stats_alias", "stub_alias"),
    [
        ("CiMethod", "CiMethodName"),
        ("SurveyCiMethod", "SurveyCiMethodName"),
        ("LevelKind", "LevelKindName"),
        ("MeasurementLevel", "MeasurementLevelName"),
        ("QuantileMethod", "QuantileMethodName"),
        ("Missing", "MissingName"),
    ],
)
def test_the_aliases_of_lomonitor_stats_equal_the_binding(stats_alias: str, stub_alias: str) -> None:
    assert _runtime_names(getattr(stats, stats_alias)) == _lo._choices(stub_alias)


@pytest.mark.parametrize("method", _lo._choices("CiMethodName"))
def test_every_interval_method_round_trips_through_display(method: str) -> None:
    # the getter is the core's Display of the parsed method: the name goes in and comes back
    est = stats.proportion_ci(3, 10, method=method, population=50)  # type: ignore[arg-type]
    assert est.method == method


def test_an_unknown_name_lists_the_choices() -> None:
    with pytest.raises(lm.ArgumentError) as err:
        stats.proportion_ci(1, 4, method="agresti")  # type: ignore[arg-type]
    message = str(err.value)
    assert "method" in message and '"agresti"' in message
    assert all(f'"{m}"' in message for m in _lo._choices("CiMethodName"))


def _undocumented(nodes: list[ast.stmt], prefix: str = "") -> list[str]:
    out: list[str] = []
    for n in nodes:
        if isinstance(n, (ast.ClassDef, ast.FunctionDef)) and not n.name.startswith("_"):
            if ast.get_docstring(n) is None:
                out.append(prefix + n.name)
        if isinstance(n, ast.ClassDef):
            out += _undocumented(n.body, prefix + n.name + ".")
    return out


def test_every_public_class_and_function_of_the_stub_has_a_docstring() -> None:
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    assert _undocumented(tree.body) == []


def test_an_unknown_issue_kind_is_an_error_not_an_empty_list(example_study: Path) -> None:
    report = lm.Study.load(str(example_study)).validation_report
    assert report is not None
    assert all(i.kind in _lo._choices("IssueKindName") for i in report)
    with pytest.raises(lm.ArgumentError, match="unknown_cod"):
        report.of_kind("unknown_cod")  # type: ignore[arg-type]


def test_language_replaces_the_english_flag_which_still_works_with_a_warning(example_study: Path) -> None:
    study = lm.Study.load(str(example_study))
    english = study.frequencies("visie", language="en").labels
    assert english != study.frequencies("visie").labels == study.frequencies("visie", language="nl").labels
    with pytest.warns(DeprecationWarning, match="language"):
        assert study.frequencies("visie", english=True).labels == english
    with pytest.raises(lm.ArgumentError, match="not both"):
        study.frequencies("visie", language="en", english=True)
    with pytest.raises(lm.ArgumentError, match="language"):
        study.frequencies("visie", language="de")  # type: ignore[arg-type]
