"""No panic reaches a user: hostile input to the bindings raises a LomonitorError subclass.

A Rust panic crossing into Python becomes ``pyo3_runtime.PanicException``, a ``BaseException``
that ``except Exception`` does not catch. lomonitor's library code has no panic path (clippy
denies unwrap, expect, panic and indexing); these tests feed the bindings what would panic an
unchecked implementation — codes beyond ``n_levels`` (an out-of-bounds index), mismatched
lengths, NaN and infinite weights, empty arrays, huge level counts, non-contiguous buffers
passed straight to the native functions — and a seeded random barrage, and check every error is
a :class:`lomonitor.exceptions.LomonitorError`.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import lomonitor as lm
from lomonitor import _lomonitor as _lo
from lomonitor import stats
from lomonitor.exceptions import ArgumentError, InputError, InsufficientDataError, LomonitorError

NAN = float("nan")
INF = float("inf")


def is_panic(e: BaseException) -> bool:
    return type(e).__name__ == "PanicException"


def lomonitor_error(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> LomonitorError:
    """Call ``fn``; it must raise a LomonitorError (and never a PanicException)."""
    try:
        fn(*args, **kwargs)
    except LomonitorError as e:
        return e
    except BaseException as e:  # noqa: BLE001 - a PanicException is a BaseException
        if is_panic(e):
            pytest.fail(f"{fn.__name__}: a Rust panic reached Python: {e!r}")
        pytest.fail(f"{fn.__name__}: {type(e).__name__} instead of a LomonitorError: {e}")
    pytest.fail(f"{fn.__name__}: no error for hostile input")


HOSTILE: list[tuple[str, Callable[[], Any], type[LomonitorError]]] = [
    # codes beyond n_levels: an unchecked bincount would index out of bounds
    ("code >= n_levels", lambda: stats.count_codes([0, 5], n_levels=3), ArgumentError),
    ("n_levels = 0", lambda: stats.count_codes([], n_levels=0), ArgumentError),
    ("negative n_levels", lambda: stats.count_codes([0], n_levels=-1), ArgumentError),
    ("huge n_levels", lambda: stats.count_codes([0], n_levels=10**30), ArgumentError),
    ("n_levels > 256", lambda: stats.weighted_counts([0, 1], n_levels=100_000), ArgumentError),
    ("native: code 200 of 3", lambda: _lo._stats_count_codes(np.array([200], dtype=np.uint8), 3), ArgumentError),
    # weights
    ("fewer weights", lambda: stats.weighted_counts([0, 1], 2, weights=[1.0]), ArgumentError),
    ("NaN weight", lambda: stats.weighted_counts([0, 1], 2, weights=[NAN, 1.0]), ArgumentError),
    ("infinite weight", lambda: stats.weighted_counts([0, 1], 2, weights=[INF, 1.0]), ArgumentError),
    ("negative weight", lambda: stats.weighted_counts([0, 1], 2, weights=[-1.0, 1.0]), ArgumentError),
    ("NaN weights in a crosstab", lambda: stats.crosstab([0, 1], [1, 0], weights=[NAN, NAN]), ArgumentError),
    ("all-zero weights", lambda: stats.crosstab([0, 1], [1, 0], weights=[0.0, 0.0]), ArgumentError),
    # lengths
    ("crosstab lengths", lambda: stats.crosstab([0, 1, 1], [0, 1]), ArgumentError),
    ("representativeness lengths", lambda: stats.representativeness([1, 2], [3]), ArgumentError),
    ("survey weights length", lambda: stats.survey_mean([1.0, 2.0, 3.0], [1.0, 1.0]), ArgumentError),
    # NaN and infinite data
    ("NaN in survey_mean", lambda: stats.survey_mean([1.0, NAN, 2.0], [1.0, 1.0, 1.0]), ArgumentError),
    ("inf in survey_mean", lambda: stats.survey_mean([1.0, INF, 2.0], [1.0, 1.0, 1.0]), ArgumentError),
    ("y = 2 in a proportion", lambda: stats.survey_proportion([0, 1, 2], [1.0, 1.0, 1.0]), ArgumentError),
    ("NaN level", lambda: stats.proportion_ci(1, 2, level=NAN), ArgumentError),
    ("level 1.5", lambda: stats.proportion_ci(1, 2, level=1.5), ArgumentError),
    ("NaN tolerance", lambda: stats.rake([([0, 1], [1.0, 1.0])], tolerance=NAN), ArgumentError),
    ("NaN target", lambda: stats.rake([([0, 1], [NAN, 1.0])]), ArgumentError),
    ("NaN population count", lambda: stats.poststratify([0, 1], [NAN, 1.0]), ArgumentError),
    ("NaN weights to trim", lambda: stats.trim([NAN, 1.0], upper=2.0), ArgumentError),
    # counts out of range
    ("x > n", lambda: stats.proportion_ci(5, 3), ArgumentError),
    ("n > N", lambda: stats.proportion_ci(1, 5, population=3), ArgumentError),
    ("x beyond u64", lambda: stats.proportion_ci(2**70, 2**71), ArgumentError),
    ("huge max_iterations", lambda: stats.rake([([0, 1], [1.0, 1.0])], max_iterations=2**80), ArgumentError),
    ("stratum beyond the counts", lambda: stats.poststratify([0, 5], [10.0, 10.0]), ArgumentError),
    # sizes that an unchecked implementation would allocate (terabytes) or overflow
    ("huge stratum code", lambda: stats.survey_mean([1.0, 2.0, 3.0], strata=[0, 0, 10**12]), ArgumentError),
    (
        "huge stratum code, Rao-Scott",
        lambda: stats.rao_scott([0, 1, 0, 1], [0, 0, 1, 1], [1.0] * 4, strata=[0, 0, 0, 2**62]),
        ArgumentError,
    ),
    ("huge table", lambda: stats.crosstab([0, 1], [0, 1], n_rows=10**12), ArgumentError),
    (
        "huge N, hypergeometric",
        lambda: stats.proportion_ci(1, 2, method="hypergeometric", population=2**62),
        ArgumentError,
    ),
    # empty input
    ("no observations", lambda: stats.proportion_ci(0, 0), InsufficientDataError),
    ("empty crosstab", lambda: stats.crosstab([], [], n_rows=2, n_cols=2), InsufficientDataError),
    ("empty survey mean", lambda: stats.survey_mean([], []), InsufficientDataError),
    ("empty describe", lambda: stats.describe([]), InsufficientDataError),
    ("empty poststratify", lambda: stats.poststratify([], [10.0]), InsufficientDataError),
    ("empty Kish", lambda: stats.kish_design_effect([]), LomonitorError),
    ("one item is no scale", lambda: stats.scale_reliability([[1.0], [2.0], [3.0]]), InsufficientDataError),
    ("nobody coded", lambda: stats.percent_agreement([[None, None], [None, None]]), InsufficientDataError),
]


@pytest.mark.parametrize(("name", "call", "cls"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_input_raises_a_lomonitor_error(
    name: str, call: Callable[[], Any], cls: type[LomonitorError]
) -> None:
    e = lomonitor_error(call)
    assert isinstance(e, cls), f"{name}: {type(e).__name__}: {e}"
    assert str(e), name


def test_native_functions_refuse_strided_buffers() -> None:
    # stats.py always passes contiguous arrays; called directly, a strided view is an error,
    # not a read past the buffer.
    strided = np.arange(20, dtype=np.uint8)[::2]
    assert not strided.flags["C_CONTIGUOUS"]
    e = lomonitor_error(_lo._stats_count_codes, strided, 20)
    assert isinstance(e, ArgumentError) and "contiguous" in str(e)
    w = np.ones(20)[::2]
    e = lomonitor_error(_lo._stats_kish_design_effect, w)
    assert isinstance(e, ArgumentError)


def test_study_files_errors_are_input_errors(tmp_path: Path) -> None:
    (tmp_path / "study.toml").write_text('[study]\ntitle = "x"\nreference_date = "2025-02-30"\n')
    e = lomonitor_error(lm.Study.load, tmp_path)
    assert isinstance(e, InputError) and e.line == 3 and e.file is not None
    (tmp_path / "study.toml").write_bytes(b"\xff\xfe\x00garbage [[[")
    assert isinstance(lomonitor_error(lm.Study.load, tmp_path), InputError)


def _random_array(rng: random.Random) -> list[float]:
    pool = [0.0, 1.0, 2.0, 3.0, 255.0, -1.0, NAN, INF, -INF, 1e308, 5e-324, 0.5]
    return [rng.choice(pool) for _ in range(rng.choice([0, 1, 2, 3, 7, 40]))]


# An unknown method name is an error too (typed as Any: the signature only admits the known ones).
METHODS: list[Any] = ["wald", "wilson", "clopper-pearson", "logit", "korn-graubard", "hypergeometric", "nonsense"]

FUNCTIONS: list[Callable[[random.Random], Any]] = [
    lambda r: stats.count_codes(_random_array(r), n_levels=r.choice([None, 0, 1, 3, 256, 257])),
    lambda r: stats.weighted_counts(_random_array(r), weights=_random_array(r)),
    lambda r: stats.crosstab(_random_array(r), _random_array(r), weights=r.choice([None, _random_array(r)])),
    lambda r: stats.proportion_ci(
        r.randrange(0, 50),
        r.randrange(0, 50),
        level=r.choice([0.95, 0.0, 1.0, NAN]),
        method=r.choice(METHODS),
        population=r.choice([None, 0, 10, 100]),
    ),
    lambda r: stats.survey_mean(_random_array(r), _random_array(r)),
    lambda r: stats.survey_proportion(_random_array(r), _random_array(r)),
    lambda r: stats.describe(_random_array(r), r.choice([None, _random_array(r)])),
    lambda r: stats.poststratify(_random_array(r), _random_array(r)),
    lambda r: stats.rake([(_random_array(r), _random_array(r)), (_random_array(r), _random_array(r))]),
    lambda r: stats.trim(_random_array(r), lower=r.choice([None, 0.5, NAN]), upper=r.choice([None, 2.0, -1.0])),
    lambda r: stats.kish_design_effect(_random_array(r)),
    lambda r: stats.effective_sample_size(_random_array(r)),
    lambda r: stats.representativeness(_random_array(r), _random_array(r)),
    lambda r: stats.fisher_exact_2x2([[r.randrange(0, 5) for _ in range(2)] for _ in range(2)]),
    lambda r: stats.scale_reliability([_random_array(r)[:3] for _ in range(r.randrange(0, 5))]),
    lambda r: stats.percent_agreement([[r.choice([None, 1, 2]) for _ in range(2)] for _ in range(r.randrange(0, 6))]),
    lambda r: stats.krippendorff_alpha(
        [[r.choice([None, 1, 2, 3]) for _ in range(3)] for _ in range(r.randrange(0, 6))],
        r.choice(["nominal", "ordinal", "interval", "ratio"]),
    ),
]


@pytest.mark.parametrize("k", range(len(FUNCTIONS)))
def test_random_hostile_barrage_never_panics(k: int) -> None:
    rng = random.Random(1000 + k)
    fn = FUNCTIONS[k]
    for _ in range(300):
        try:
            result = fn(rng)
        except LomonitorError:
            continue
        except BaseException as e:  # noqa: BLE001
            if is_panic(e):
                pytest.fail(f"function {k}: a Rust panic reached Python: {e!r}")
            pytest.fail(f"function {k}: {type(e).__name__} instead of a LomonitorError: {e}")
        # A result is fine; it must not hide a NaN where a number was promised.
        for attr in ("estimate", "mean", "alpha", "statistic"):
            v = getattr(result, attr, None)
            if isinstance(v, float):
                assert not math.isnan(v), f"function {k}: {attr} is NaN"


# ---------------------------------------------------------------------------------------------
# issue 20: hostile input and one contract (every out-of-domain argument is an ArgumentError)

HOSTILE_DIR = Path(__file__).resolve().parents[2] / "crates" / "lomonitor" / "tests" / "data" / "hostile"


@pytest.mark.parametrize("name", ["show-if-parens.toml", "show-if-nots.toml"])
def test_deep_show_if_is_an_input_error_not_a_segfault(name: str) -> None:
    path = HOSTILE_DIR / name
    with pytest.raises(InputError) as e:
        lm.Questionnaire.load(path)
    assert e.value.file is not None and e.value.file.endswith(name)
    assert e.value.line == 15
    assert "nested deeper than 64 levels" in str(e.value)


def test_hundred_thousand_nots_is_an_input_error(tmp_path: Path) -> None:
    text = (HOSTILE_DIR / "show-if-nots.toml").read_text(encoding="utf-8")
    head = text[: text.rindex("show_if")]
    path = tmp_path / "big.toml"
    path.write_text(head + 'show_if = "' + "not " * 100_000 + 'a == 1"\n', encoding="utf-8")
    with pytest.raises(InputError, match="nested deeper"):
        lm.Questionnaire.load(path)


@pytest.fixture(scope="module")
def example(example_study: Path) -> Any:
    return lm.Study.load(example_study)


def test_negative_ints_are_argument_errors(example: Any) -> None:
    with pytest.raises(ArgumentError, match="suppress_below"):
        example.crosstab("visie", by="size_class", suppress_below=-1)
    with pytest.raises(ArgumentError, match="days"):
        example.reminders(days=-5)
    with pytest.raises(ArgumentError, match="window_months"):
        example.coverage(window_months=-1)
    with pytest.raises(ArgumentError, match="population"):
        stats.proportion_ci(3, 10, population=-1)
    with pytest.raises(ArgumentError, match="x"):
        stats.proportion_ci(-3, 10)


def test_masked_arrays_are_refused() -> None:
    masked = np.ma.masked_array([1.0, 1000.0, 3.0], mask=[False, True, False])
    with pytest.raises(ArgumentError, match="masked"):
        stats.describe(masked)
    with pytest.raises(ArgumentError, match="masked"):
        stats.weighted_counts(np.ma.masked_array([0, 1], mask=[False, True]), 2)
    # What the message suggests works: compressed() drops the masked value.
    assert stats.describe(masked.compressed()).mean == pytest.approx(2.0)


def test_overflow_is_an_error_not_inf_or_nan() -> None:
    with pytest.raises(ArgumentError, match="overflow"):
        stats.describe([1e308, 1e308])
    with pytest.raises(ArgumentError, match="overflow"):
        stats.survey_mean([1e308, 1e308], [1.0, 1.0])
    with pytest.raises(ArgumentError, match="overflow"):
        stats.weighted_counts([0, 0], 1, weights=[1e308, 1e308])
    # Scaled sums: a design effect of equal weights is 1 at any scale.
    assert stats.kish_design_effect([5e-324, 5e-324]) == 1.0
    assert stats.kish_design_effect([1e200, 1e200]) == 1.0


def test_numeric_bounds_must_be_finite(tmp_path: Path) -> None:
    for bound in ["nan", "inf", "-inf"]:
        path = tmp_path / "q.toml"
        path.write_text(
            '[instrument]\nid = "q"\nversion = "1"\ntitle = "Q"\n\n[[items]]\nid = "a"\nkind = "numeric"\n'
            f'text = "A?"\nlabel = "A"\nmin = {bound}\n',
            encoding="utf-8",
        )
        with pytest.raises(InputError, match="not a finite number") as e:
            lm.Questionnaire.load(path)
        assert e.value.column == "a.min"


def test_byte_order_mark_inside_a_file_is_reported(example: Any, example_study: Path, tmp_path: Path) -> None:
    lines = (example_study / "responses.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = "\ufeff" + lines[1]
    path = tmp_path / "responses.csv"
    path.write_text("".join(lines), encoding="utf-8")
    result = lm.import_responses(path, example.questionnaire, study=example)
    assert not any("\ufeff" in i for i in result.responses.respondent_id)
    assert "U+FEFF" in str(result.report)


# Every public function and method with a whole-number parameter, called with -1 there. The
# table is checked against the stub and stats.py (below), so a new int parameter without a case
# fails the test. Both the public wrappers (stats.py) and the native functions they call are tried.
U8 = np.array([0, 1, 1, 0], dtype=np.uint8)
F64 = np.array([1.0, 2.0, 3.0, 4.0])
RANKS = np.array([[1, 2], [2, 1]], dtype=np.uint8)
RATINGS = np.array([[0.0, 0.0], [1.0, 1.0], [1.0, 0.0]])


def negative_int_cases(study: Any) -> dict[tuple[str, str], Callable[[], Any]]:
    return {
        ("Study.crosstab", "suppress_below"): lambda: study.crosstab("visie", by="size_class", suppress_below=-1),
        ("Study.coverage", "window_months"): lambda: study.coverage(window_months=-1),
        ("Study.reminders", "days"): lambda: study.reminders(days=-5),
        ("count_codes", "n_levels"): lambda: stats.count_codes(U8, n_levels=-1),
        ("weighted_counts", "n_levels"): lambda: stats.weighted_counts(U8, -1),
        ("frequency_table", "n_levels"): lambda: stats.frequency_table(U8, -1),
        ("proportion_ci", "x"): lambda: stats.proportion_ci(-3, 10),
        ("proportion_ci", "n"): lambda: stats.proportion_ci(3, -10),
        ("proportion_ci", "population"): lambda: stats.proportion_ci(3, 10, population=-1),
        ("describe", "population"): lambda: stats.describe(F64, population=-1),
        ("ranking", "top_k"): lambda: stats.ranking(RANKS, -1),
        ("rake", "max_iterations"): lambda: stats.rake([(U8, [2.0, 2.0])], max_iterations=-1),
        ("rake_with", "max_iterations"): lambda: stats.rake_with([(U8, [2.0, 2.0])], max_iterations=-1),
        ("_stats_rake_with", "max_iterations"): lambda: _lo._stats_rake_with(
            [np.array([0, 1], dtype=np.uintp)], [np.array([1.0, 1.0])], None, 1e-10, -1
        ),
        ("fisher_rxc", "replicates"): lambda: stats.fisher_rxc([[1, 2, 3], [3, 2, 1]], replicates=-1),
        ("fisher_rxc", "seed"): lambda: stats.fisher_rxc([[1, 2, 3], [3, 2, 1]], seed=-1),
        ("_stats_fisher_rxc", "n_rows"): lambda: _lo._stats_fisher_rxc([1, 2, 3, 4], -1, 2, 10, 1),
        ("_stats_fisher_rxc", "n_cols"): lambda: _lo._stats_fisher_rxc([1, 2, 3, 4], 2, -1, 10, 1),
        ("_stats_fisher_rxc", "replicates"): lambda: _lo._stats_fisher_rxc([1, 2, 3, 4], 2, 2, -1, 1),
        ("_stats_fisher_rxc", "seed"): lambda: _lo._stats_fisher_rxc([1, 2, 3, 4], 2, 2, 10, -1),
        ("_stats_fisher_exact_test", "a"): lambda: _lo._stats_fisher_exact_test(-1, 1, 1, 1, "two-sided"),
        ("_stats_fisher_exact_test", "b"): lambda: _lo._stats_fisher_exact_test(1, -1, 1, 1, "two-sided"),
        ("_stats_fisher_exact_test", "c"): lambda: _lo._stats_fisher_exact_test(1, 1, -1, 1, "two-sided"),
        ("_stats_fisher_exact_test", "d"): lambda: _lo._stats_fisher_exact_test(1, 1, 1, -1, "two-sided"),
        ("_stats_odds_ratio_2x2", "a"): lambda: _lo._stats_odds_ratio_2x2(-1, 1, 1, 1, 0.95),
        ("_stats_odds_ratio_2x2", "b"): lambda: _lo._stats_odds_ratio_2x2(1, -1, 1, 1, 0.95),
        ("_stats_odds_ratio_2x2", "c"): lambda: _lo._stats_odds_ratio_2x2(1, 1, -1, 1, 0.95),
        ("_stats_odds_ratio_2x2", "d"): lambda: _lo._stats_odds_ratio_2x2(1, 1, 1, -1, 0.95),
        ("Study.sample_interviews", "n"): lambda: study.sample_interviews(-1, seed=1),
        ("Study.sample_interviews", "seed"): lambda: study.sample_interviews(5, seed=-1),
        ("crosstab", "n_rows"): lambda: stats.crosstab(U8, U8, n_rows=-1),
        ("crosstab", "n_cols"): lambda: stats.crosstab(U8, U8, n_cols=-1),
        ("rao_scott", "n_rows"): lambda: stats.rao_scott(U8, U8, F64, n_rows=-1),
        ("rao_scott", "n_cols"): lambda: stats.rao_scott(U8, U8, F64, n_cols=-1),
        ("suppress", "threshold"): lambda: stats.suppress(np.array([[1, 2], [3, 4]]), threshold=-1),
        ("krippendorff_alpha", "bootstrap"): lambda: stats.krippendorff_alpha(RATINGS, bootstrap=-1),
        ("krippendorff_alpha", "seed"): lambda: stats.krippendorff_alpha(RATINGS, bootstrap=10, seed=-1),
        # The native functions behind them, called directly.
        ("_stats_count_codes", "n_levels"): lambda: _lo._stats_count_codes(U8, -1),
        ("_stats_weighted_counts", "n_levels"): lambda: _lo._stats_weighted_counts(U8, -1, None),
        ("_stats_proportion_ci", "x"): lambda: _lo._stats_proportion_ci(-1, 10, 0.95, "wilson", None),
        ("_stats_proportion_ci", "n"): lambda: _lo._stats_proportion_ci(1, -10, 0.95, "wilson", None),
        ("_stats_proportion_ci", "population"): lambda: _lo._stats_proportion_ci(1, 10, 0.95, "wilson", -1),
        ("_stats_describe", "population"): lambda: _lo._stats_describe(F64, None, 0.95, "linear", -1, []),
        ("_stats_ranking", "top_k"): lambda: _lo._stats_ranking(RANKS, -1, None, None),
        ("_stats_rake", "max_iterations"): lambda: _lo._stats_rake(
            [np.array([0, 1], dtype=np.uintp)], [np.array([1.0, 1.0])], None, 1e-6, -1
        ),
        ("_stats_crosstab", "n_rows"): lambda: _lo._stats_crosstab(U8, -1, U8, 2, None),
        ("_stats_crosstab", "n_cols"): lambda: _lo._stats_crosstab(U8, 2, U8, -1, None),
        ("_stats_fisher_exact_2x2", "a"): lambda: _lo._stats_fisher_exact_2x2(-1, 1, 1, 1),
        ("_stats_fisher_exact_2x2", "b"): lambda: _lo._stats_fisher_exact_2x2(1, -1, 1, 1),
        ("_stats_fisher_exact_2x2", "c"): lambda: _lo._stats_fisher_exact_2x2(1, 1, -1, 1),
        ("_stats_fisher_exact_2x2", "d"): lambda: _lo._stats_fisher_exact_2x2(1, 1, 1, -1),
        ("_stats_rao_scott", "n_rows"): lambda: _lo._stats_rao_scott(U8, -1, U8, 2, F64, None, None),
        ("_stats_rao_scott", "n_cols"): lambda: _lo._stats_rao_scott(U8, 2, U8, -1, F64, None, None),
        ("_stats_suppress", "threshold"): lambda: _lo._stats_suppress(
            np.array([[1, 2], [3, 4]], dtype=np.uint64), -1, False, True
        ),
        ("_stats_agreement", "bootstrap"): lambda: _lo._stats_agreement(
            RATINGS, "krippendorff_alpha", 0.95, None, None, "nominal", -1, 0
        ),
        ("_stats_agreement", "seed"): lambda: _lo._stats_agreement(
            RATINGS, "krippendorff_alpha", 0.95, None, None, "nominal", 10, -1
        ),
    }


def int_parameters() -> set[tuple[str, str]]:
    """Every (function, parameter) typed ``int`` in the stub and in stats.py."""
    import ast

    package = Path(lm.__file__).parent
    found: set[tuple[str, str]] = set()
    for name in ["_lomonitor.pyi", "stats.py"]:
        tree = ast.parse((package / name).read_text(encoding="utf-8"))

        def walk(node: ast.AST, prefix: str) -> None:
            for n in ast.iter_child_nodes(node):
                if isinstance(n, ast.ClassDef):
                    walk(n, n.name + ".")
                elif isinstance(n, ast.FunctionDef) and not (n.name.startswith("_") and not n.name.startswith("_stats")):
                    for a in n.args.args + n.args.kwonlyargs:
                        if a.annotation is not None and ast.unparse(a.annotation) in ("int", "int | None"):
                            found.add((prefix + n.name, a.arg))

        walk(tree, "")
    return found


def test_every_int_parameter_has_a_negative_case(example: Any) -> None:
    missing = int_parameters() - set(negative_int_cases(example))
    assert not missing, f"int parameters without a negative-int case: {sorted(missing)}"


def test_negative_ints_everywhere_are_argument_errors(example: Any) -> None:
    for (function, parameter), call in negative_int_cases(example).items():
        try:
            call()
        except ArgumentError as e:
            assert parameter in str(e), f"{function}({parameter}=-1): {e}"
        except BaseException as e:  # noqa: BLE001 - OverflowError, TypeError or a PanicException
            pytest.fail(f"{function}({parameter}=-1): {type(e).__name__}: {e}")
        else:
            pytest.fail(f"{function}({parameter}=-1): no error")


def test_erase_from_python(example_study: Path, tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "study"
    shutil.copytree(example_study, root)
    (root / "backup.txt").write_text("Zeger Fictieman, 06-79 94 38 94\n", encoding="utf-8")
    study = lm.Study.load(root)
    proof = study.erase(email="z.fictieman@groningen.example.nl")
    assert proof.contact_ids == ["c0005"]
    assert proof.contact_rows[0]["name"] == "Zeger Fictieman"
    assert "Zeger Fictieman" not in (root / "contacts.csv").read_text(encoding="utf-8")
    found = {(p.name, entry, what) for p, entry, what in proof.still_found}
    assert ("backup.txt", None, "Zeger Fictieman") in found
    assert ("backup.txt", None, "06 79943894") in found
    kinds = {p.name: (kind, complete) for p, kind, complete, _ in proof.searched}
    assert kinds["contacts.csv"] == ("text", True)
    assert kinds["interviews.qdpx"] == ("zip", True)
    assert not proof.complete
    with pytest.raises(ArgumentError, match="exactly one"):
        study.erase(email="a@b.nl", name="A")
    with pytest.raises(LomonitorError):
        study.erase(email="z.fictieman@groningen.example.nl")  # gone
