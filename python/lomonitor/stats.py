"""Finite-population statistics over arrays: the plain functions of lomonitor's ``stats`` core.

Every function takes numpy arrays, pandas Series/DataFrames or plain lists and returns a typed,
immutable result (``ProportionEstimate``, ``FrequencyTable``, ``Crosstab``, ``Agreement``, ...)
with ``repr()``, an HTML table for notebooks (``_repr_html_``), ``to_dict()`` and
``to_pandas()``. The computations run in Rust without the GIL::

    from lomonitor import stats
    stats.proportion_ci(41, 148, method="wilson", population=342)
    stats.frequency_table(answers, n_levels=6, user_missing=[5])
    stats.crosstab(size_class, answer).chi_square
    stats.krippendorff_alpha(codes, level="nominal")

Conventions
-----------
* **Categorical data** are whole-number codes ``0 .. n_levels - 1`` (any integer dtype, bool,
  whole floats, or a pandas ``category`` Series, whose category codes are used). A uint8 array
  is passed on without copying. Codes cannot be missing: give missing answers a level of their
  own and mark it with ``kinds``/``user_missing`` in :func:`frequency_table`.
* **Numbers** (values, weights, population counts) are float64; a contiguous float64 array is
  passed on without copying.
* **NaN means missing** in :func:`describe`, :func:`scale_reliability`,
  :func:`cronbach_alpha` and the agreement functions (``None`` in a list and ``pd.NA`` in a
  Series too). This differs from the Rust core, where NaN is an error and missing is an
  explicit ``None``. Elsewhere (survey estimates, weights) NaN is an error
  (:class:`~lomonitor.exceptions.ArgumentError`).
* **Agreement data** are a 2-D table with **one row per unit and one column per coder** (the
  layout of irrCAC and statsmodels' ``aggregate_raters`` input). The ``krippendorff`` package
  takes the transpose (coders in rows): pass ``coders_in_rows=True`` for that layout. Codes are
  non-negative whole numbers (category numbers; interval and ratio alpha read them as values);
  missing is NaN/None in a float table, or any negative value (e.g. ``-1``) in an integer table.
  Text labels are accepted for the nominal coefficients: they are numbered in the order of
  ``categories`` (or sorted, when ``categories`` is not given).
* Confidence levels are ``level`` (default 0.95), except in :func:`krippendorff_alpha`, where
  ``level`` is the level of measurement and the confidence level is ``confidence``.

Errors are :class:`~lomonitor.exceptions.ArgumentError` for arguments outside their domain and
:class:`~lomonitor.exceptions.InsufficientDataError` for too few observations; both are
:class:`~lomonitor.exceptions.LomonitorError`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

from lomonitor import _lomonitor as _lo
from lomonitor._lomonitor import (
    Agreement,
    ChiSquareTest,
    Crosstab,
    Descriptives,
    FisherExact,
    FrequencyTable,
    GoodnessOfFit,
    MultipleResponse,
    ProportionEstimate,
    RakeResult,
    Ranking,
    RaoScott,
    Representativeness,
    ScaleReliability,
    Suppression,
    SurveyEstimate,
    TrimResult,
    Weights,
)
from lomonitor.exceptions import ArgumentError

__all__ = [
    "Agreement",
    "ChiSquareTest",
    "CiMethod",
    "Crosstab",
    "Descriptives",
    "FisherExact",
    "FrequencyTable",
    "GoodnessOfFit",
    "LevelKind",
    "MeasurementLevel",
    "MultipleResponse",
    "ProportionEstimate",
    "RakeResult",
    "Ranking",
    "RaoScott",
    "Representativeness",
    "ScaleReliability",
    "Suppression",
    "SurveyCiMethod",
    "SurveyEstimate",
    "Table",
    "TrimResult",
    "Values",
    "Weights",
    "brennan_prediger",
    "cohen_kappa",
    "count_codes",
    "crosstab",
    "cronbach_alpha",
    "describe",
    "effective_sample_size",
    "benjamini_hochberg",
    "fisher_exact",
    "fisher_exact_2x2",
    "fisher_rxc",
    "holm",
    "odds_ratio_2x2",
    "rake_with",
    "survey_domain_mean",
    "survey_domain_proportion",
    "fleiss_kappa",
    "frequency_table",
    "gwet_ac1",
    "kish_design_effect",
    "krippendorff_alpha",
    "multiple_response",
    "percent_agreement",
    "poststratify",
    "proportion_ci",
    "rake",
    "ranking",
    "rao_scott",
    "representativeness",
    "scale_reliability",
    "suppress",
    "survey_mean",
    "survey_proportion",
    "trim",
    "weighted_counts",
]

# The option names are defined once, by the core's option enums (``_lomonitor.*Name``).
CiMethod: TypeAlias = _lo.CiMethodName
"""Interval methods of :func:`proportion_ci`."""
SurveyCiMethod: TypeAlias = _lo.SurveyCiMethodName
"""Interval methods of :func:`survey_proportion`."""
LevelKind: TypeAlias = _lo.LevelKindName
"""What a level of a categorical item stands for (see :func:`frequency_table`)."""
MeasurementLevel: TypeAlias = _lo.MeasurementLevelName
"""Levels of measurement of :func:`krippendorff_alpha`."""
QuantileMethod: TypeAlias = _lo.QuantileMethodName
"""Quantile definitions of :func:`describe`."""
Missing: TypeAlias = _lo.MissingName
"""Missing-data policies of :func:`scale_reliability`."""

Values = npt.ArrayLike | Sequence[float | None]
"""One value per respondent, ``None`` (or NaN) where missing: arrays, Series and lists."""
Table = npt.ArrayLike | Sequence[Sequence[Any]]
"""A 2-D table (rows x columns): arrays, DataFrames and lists of rows, ``None`` where missing."""

_F64 = npt.NDArray[np.float64]
_U8 = npt.NDArray[np.uint8]
_INDEX = npt.NDArray[np.uintp]

# ---------------------------------------------------------------------------------------------
# conversions (no statistics here: only dtypes, shapes and missing values)


def _is_pandas(x: object) -> bool:
    return type(x).__module__.split(".")[0] == "pandas" and hasattr(x, "to_numpy")


def _no_mask(x: Any, name: str) -> None:
    """Refuse a numpy masked array: its mask would be lost on conversion, so it is an error, not
    a silent use of the masked values (drop them, or turn them into NaN / None, first)."""
    if isinstance(x, np.ma.MaskedArray):
        raise ArgumentError(
            f"{name}: numpy masked arrays are not accepted (the mask would be ignored); "
            "use x.compressed() to drop the masked values or x.filled(np.nan) to make them missing"
        )


def _array(x: Any, name: str) -> npt.NDArray[Any]:
    _no_mask(x, name)
    if _is_pandas(x):
        return np.asarray(x.to_numpy())
    try:
        return np.asarray(x)
    except (TypeError, ValueError) as e:
        raise ArgumentError(f"{name}: cannot be read as an array: {e}") from None


def _ndim(arr: npt.NDArray[Any], ndim: int, name: str) -> None:
    if arr.ndim != ndim:
        raise ArgumentError(f"{name}: expected a {ndim}-dimensional array, got shape {arr.shape}")


def _floats(x: Any, name: str, ndim: int = 1) -> _F64:
    """float64, contiguous; NaN, None and pd.NA become NaN (no copy for a float64 array)."""
    if isinstance(x, Weights):
        x = x.weights
    _no_mask(x, name)
    try:
        if _is_pandas(x):
            arr = np.asarray(x.to_numpy(dtype=np.float64, na_value=np.nan), dtype=np.float64)
        else:
            arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as e:
        raise ArgumentError(f"{name}: cannot be read as numbers: {e}") from None
    _ndim(arr, ndim, name)
    return np.ascontiguousarray(arr)


def _whole(arr: npt.NDArray[Any], name: str, high: int | None) -> None:
    """Check an array holds whole numbers in 0..high (no NaN)."""
    if arr.size == 0:
        return
    if arr.dtype.kind == "f":
        if np.isnan(arr).any():
            raise ArgumentError(
                f"{name}: contains NaN; codes cannot be missing here: give missing answers a code of their own"
            )
        if not np.all(np.isfinite(arr)) or not np.all(arr == np.floor(arr)):
            raise ArgumentError(f"{name}: codes must be whole numbers")
    elif arr.dtype.kind not in "iub":
        raise ArgumentError(f"{name}: expected whole-number codes, got dtype {arr.dtype}")
    if high is None and arr.dtype.kind == "f":
        high = 2**53  # whole floats beyond this are not exact and would overflow the cast
    lo, hi = arr.min(), arr.max()
    if lo < 0:
        raise ArgumentError(f"{name}: codes must be >= 0, got {lo}")
    if high is not None and hi > high:
        raise ArgumentError(f"{name}: codes must be <= {high}, got {hi}")


def _categorical(x: Any, name: str) -> tuple[npt.NDArray[Any], int | None]:
    """The codes of a pandas category Series (and its number of categories), else the array."""
    if _is_pandas(x) and str(getattr(x, "dtype", "")) == "category":
        codes = np.asarray(x.cat.codes.to_numpy())
        if codes.size and codes.min() < 0:
            raise ArgumentError(
                f"{name}: the categorical holds missing values; add a category for them (e.g. 'no answer')"
            )
        return codes, len(x.cat.categories)
    return _array(x, name), None


def _codes(x: Any, name: str, ndim: int = 1) -> tuple[_U8, int | None]:
    """uint8 codes (no copy for a contiguous uint8 array) and the categorical's level count."""
    arr, n_levels = _categorical(x, name)
    _ndim(arr, ndim, name)
    if arr.dtype != np.uint8:
        _whole(arr, name, 255)
        arr = arr.astype(np.uint8)
    return np.ascontiguousarray(arr), n_levels


def _index(x: Any, name: str) -> _INDEX:
    """Dense indices (strata, margin categories) as uintp, the Rust usize."""
    arr, _ = _categorical(x, name)
    _ndim(arr, 1, name)
    if arr.dtype != np.uintp:
        _whole(arr, name, None)
        arr = arr.astype(np.uintp)
    return np.ascontiguousarray(arr)


def _counts(x: Any, name: str, ndim: int) -> npt.NDArray[np.uint64]:
    arr = _array(x, name)
    _ndim(arr, ndim, name)
    if arr.dtype != np.uint64:
        _whole(arr, name, None)
        arr = arr.astype(np.uint64)
    return np.ascontiguousarray(arr)


def _opt_floats(x: Any, name: str) -> _F64 | None:
    return None if x is None else _floats(x, name)


def _bools(x: Any, name: str) -> npt.NDArray[np.bool_] | None:
    if x is None:
        return None
    arr = _array(x, name)
    _ndim(arr, 1, name)
    if arr.dtype != np.bool_:
        _whole(arr, name, 1)
        arr = arr.astype(np.bool_)
    return np.ascontiguousarray(arr)


def _n_levels(codes: _U8, given: int | None, from_categorical: int | None, name: str = "n_levels") -> int:
    if given is not None:
        n = _count(given, name)
        if not 1 <= n <= 256:
            raise ArgumentError(f"{name} must lie in 1..=256 for uint8 codes, got {n}")
        return n
    if from_categorical is not None:
        return from_categorical
    return int(codes.max()) + 1 if codes.size else 1


# ---------------------------------------------------------------------------------------------
# frequencies


def count_codes(codes: npt.ArrayLike, n_levels: int | None = None) -> npt.NDArray[np.uint64]:
    """How often each code ``0 .. n_levels - 1`` occurs (``numpy.bincount`` with a range check).

    ``n_levels`` defaults to the number of categories of a pandas categorical, else the largest
    code + 1. A code ``>= n_levels`` is an :class:`ArgumentError` naming its position.
    """
    c, cat = _codes(codes, "codes")
    return _lo._stats_count_codes(c, _n_levels(c, n_levels, cat))


def weighted_counts(
    codes: npt.ArrayLike, n_levels: int | None = None, *, weights: npt.ArrayLike | Weights | None = None
) -> _F64:
    """The sum of the weights per code (the plain counts as floats without weights)."""
    c, cat = _codes(codes, "codes")
    return _lo._stats_weighted_counts(c, _n_levels(c, n_levels, cat), _opt_floats(weights, "weights"))


def frequency_table(
    codes: npt.ArrayLike,
    n_levels: int | None = None,
    *,
    weights: npt.ArrayLike | Weights | None = None,
    kinds: Sequence[LevelKind] | None = None,
    user_missing: Iterable[int] = (),
) -> FrequencyTable:
    """A frequency table in the SPSS FREQUENCIES layout: count, %, valid %, cumulative valid %.

    ``kinds`` gives each level's kind (``"valid"``, ``"user_missing"`` such as "weet niet", or
    ``"unanswered"``); missing levels are left out of the valid base. ``user_missing`` is a
    shorthand: the levels listed are user missing, the others valid. ``n_levels`` defaults to
    ``len(kinds)``, the categories of a pandas categorical, or the largest code + 1.
    """
    c, cat = _codes(codes, "codes")
    missing = set(user_missing)
    if kinds is not None:
        if missing:
            raise ArgumentError("give either kinds or user_missing, not both")
        n = len(kinds) if n_levels is None else n_levels
        kind_list: list[LevelKind] = list(kinds)
    else:
        n = _n_levels(c, n_levels, cat)
        if missing and max(missing) >= n:
            n = max(missing) + 1 if n_levels is None else n
        kind_list = ["user_missing" if k in missing else "valid" for k in range(n)]
    if len(kind_list) != n:
        raise ArgumentError(f"kinds: {len(kind_list)} kinds for {n} levels")
    if any(k < 0 or k >= n for k in missing):
        raise ArgumentError(f"user_missing: levels must lie in 0..{n - 1}, got {sorted(missing)}")
    return _lo._stats_frequency_table(c, kind_list, _opt_floats(weights, "weights"))


# ---------------------------------------------------------------------------------------------
# proportions, survey estimates, descriptives


def _count(x: Any, name: str) -> int:
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, (int, np.integer)):
        if isinstance(x, (float, np.floating)) and math.isfinite(x) and float(x).is_integer():
            x = int(x)
        else:
            raise ArgumentError(f"{name}: expected a whole number, got {x!r}")
    if x < 0:
        raise ArgumentError(f"{name}: must be >= 0, got {x}")
    if x >= 2**63:
        raise ArgumentError(f"{name}: {x} is too large")
    return int(x)


def proportion_ci(
    x: int,
    n: int,
    *,
    level: float = 0.95,
    method: CiMethod = "wilson",
    population: int | None = None,
) -> ProportionEstimate:
    """The proportion ``x / n`` with a confidence interval.

    With ``population`` (N) the sample is a simple random sample without replacement from N
    units: the finite population correction enters Wald, Wilson, logit and Korn–Graubard, and
    ``"hypergeometric"`` (which needs N) is the exact finite-population interval.
    ``"clopper-pearson"`` is the binomial interval and ignores N. At a census (n = N) the other
    intervals collapse to the estimate; Wald and logit at p = 0 or 1 are flagged ``degenerate``.
    """
    pop = None if population is None else _count(population, "population")
    return _lo._stats_proportion_ci(_count(x, "x"), _count(n, "n"), float(level), method, pop)


def _design(
    n: int,
    weights: npt.ArrayLike | Weights | None,
    strata: npt.ArrayLike | None,
    stratum_population: npt.ArrayLike | float | None,
) -> tuple[_F64, _INDEX | None, _F64 | None]:
    w = np.ones(n, dtype=np.float64) if weights is None else _floats(weights, "weights")
    h = None if strata is None else _index(strata, "strata")
    if stratum_population is None:
        pop = None
    elif isinstance(stratum_population, (int, float, np.integer, np.floating)):
        pop = np.array([float(stratum_population)], dtype=np.float64)
    else:
        pop = _floats(stratum_population, "stratum_population")
    return w, h, pop


def survey_mean(
    y: npt.ArrayLike,
    weights: npt.ArrayLike | Weights | None = None,
    *,
    strata: npt.ArrayLike | None = None,
    stratum_population: npt.ArrayLike | float | None = None,
    level: float = 0.95,
) -> SurveyEstimate:
    """The design-based (Hájek) mean with its Taylor-linearized SE and t interval.

    As R ``survey::svymean`` for ``svydesign(ids = ~1, strata = ~h, weights = ~w, fpc = ~N_h)``.
    ``weights`` default to 1; ``strata`` are codes ``0 .. H-1``; ``stratum_population[h]`` is N_h
    (one number without strata). NaN in ``y`` is an error: drop missing answers first.
    """
    yy = _floats(y, "y")
    w, h, pop = _design(len(yy), weights, strata, stratum_population)
    return _lo._stats_survey_mean(yy, w, h, pop, float(level))


def survey_proportion(
    y: npt.ArrayLike,
    weights: npt.ArrayLike | Weights | None = None,
    *,
    strata: npt.ArrayLike | None = None,
    stratum_population: npt.ArrayLike | float | None = None,
    level: float = 0.95,
    method: SurveyCiMethod = "korn-graubard",
) -> SurveyEstimate:
    """The design-based proportion of ``y == 1`` (``y`` 0/1 or bool) with a confidence interval.

    Methods as R ``svyciprop``: ``"wald"`` (``"mean"``), ``"logit"``, ``"korn-graubard"``
    (``"beta"``). Arguments as :func:`survey_mean`.
    """
    yy, _ = _codes(y, "y")
    w, h, pop = _design(len(yy), weights, strata, stratum_population)
    return _lo._stats_survey_proportion(yy, w, h, pop, float(level), method)


def describe(
    values: Values,
    weights: npt.ArrayLike | Weights | None = None,
    *,
    level: float = 0.95,
    quantile_method: QuantileMethod = "linear",
    population: int | None = None,
    top_codes: Iterable[float] = (),
) -> Descriptives:
    """n, missing, mean, SD, SE and t interval (with fpc), quartiles, min, max, top box, distribution.

    NaN (or None, pd.NA) in ``values`` is missing. ``quantile_method="linear"`` is numpy's
    default (Hyndman–Fan type 7), ``"spss"`` is type 6. ``top_codes`` are the values counted as
    "top box", e.g. ``[4, 5]``.
    """
    v = _floats(values, "values")
    pop = None if population is None else _count(population, "population")
    tops = [float(t) for t in top_codes]
    return _lo._stats_describe(v, _opt_floats(weights, "weights"), float(level), quantile_method, pop, tops)


# ---------------------------------------------------------------------------------------------
# multiple response, ranking


def _table_u8(data: Any, name: str) -> _U8:
    arr = _array(data, name)
    _ndim(arr, 2, name)
    if arr.dtype != np.uint8:
        _whole(arr, name, 255)
        arr = arr.astype(np.uint8)
    return np.asfortranarray(arr)  # the core reads one column per option: no copy per column


def multiple_response(
    data: Table,
    *,
    asked: npt.ArrayLike | None = None,
    weights: npt.ArrayLike | Weights | None = None,
) -> MultipleResponse:
    """Percentages of respondents and of mentions for a check-all-that-apply item.

    ``data``: one row per respondent, one 0/1 column per option (a DataFrame works).
    ``asked``: booleans, who was shown the question (routing); only they form the base.
    """
    return _lo._stats_multiple_response(
        _table_u8(data, "data"), _bools(asked, "asked"), _opt_floats(weights, "weights")
    )


def ranking(
    data: Table,
    top_k: int,
    *,
    asked: npt.ArrayLike | None = None,
    weights: npt.ArrayLike | Weights | None = None,
) -> Ranking:
    """Mean rank, % ranked first and % in the top ``top_k`` per option of a ranking item.

    ``data``: one row per respondent, one column per option holding the rank 1..k given to it
    (0 = not ranked).
    """
    k = _count(top_k, "top_k")
    if k > 255:
        raise ArgumentError(f"top_k: must be at most 255, got {k}")
    return _lo._stats_ranking(_table_u8(data, "data"), k, _bools(asked, "asked"), _opt_floats(weights, "weights"))


# ---------------------------------------------------------------------------------------------
# weights


def poststratify(
    strata: npt.ArrayLike,
    population_counts: npt.ArrayLike,
    *,
    base: npt.ArrayLike | Weights | None = None,
) -> Weights:
    """Post-stratification weights ``w_i = base_i N_h / sum_{j in h} base_j``.

    ``strata``: each respondent's stratum code ``0 .. H-1``; ``population_counts[h]`` = N_h.
    """
    return _lo._stats_poststratify(
        _index(strata, "strata"), _floats(population_counts, "population_counts"), _opt_floats(base, "base")
    )


def rake(
    margins: Sequence[tuple[npt.ArrayLike, npt.ArrayLike]] | Mapping[str, tuple[npt.ArrayLike, npt.ArrayLike]],
    *,
    base: npt.ArrayLike | Weights | None = None,
    tolerance: float = 1e-6,
    max_iterations: int = 100,
) -> RakeResult:
    """Raking (iterative proportional fitting) to several margins.

    ``margins``: ``(codes, targets)`` pairs (or a dict of them): each respondent's category code
    in the margin and the population total per category. ``tolerance`` is absolute, in the units
    of the targets. Check ``result.converged``: when False the weights do NOT reproduce the
    margins.
    """
    pairs = list(margins.values()) if isinstance(margins, Mapping) else list(margins)
    codes = [_index(c, "margins") for c, _ in pairs]
    targets = [_floats(t, "margins") for _, t in pairs]
    return _lo._stats_rake(codes, targets, _opt_floats(base, "base"), float(tolerance), _count(max_iterations, "max_iterations"))


def trim(
    weights: npt.ArrayLike | Weights,
    *,
    lower: float | None = None,
    upper: float | None = None,
    keep_total: bool = True,
) -> TrimResult:
    """Trim weights to ``[lower, upper]``; with ``keep_total`` (the default) the trimmed amount is
    spread over the untrimmed weights so that the total is unchanged."""
    lo = None if lower is None else float(lower)
    hi = None if upper is None else float(upper)
    return _lo._stats_trim(_floats(weights, "weights"), lo, hi, bool(keep_total))


def kish_design_effect(weights: npt.ArrayLike | Weights) -> float:
    """Kish's design effect due to weighting, ``n sum w² / (sum w)²``."""
    return _lo._stats_kish_design_effect(_floats(weights, "weights"))


def effective_sample_size(weights: npt.ArrayLike | Weights) -> float:
    """Kish's effective sample size, ``(sum w)² / sum w²``."""
    return _lo._stats_effective_sample_size(_floats(weights, "weights"))


# ---------------------------------------------------------------------------------------------
# crosstabs, representativeness, disclosure


def crosstab(
    rows: npt.ArrayLike,
    cols: npt.ArrayLike,
    *,
    n_rows: int | None = None,
    n_cols: int | None = None,
    weights: npt.ArrayLike | Weights | None = None,
) -> Crosstab:
    """Cross-tabulate two categorical variables: counts, percentages, expected counts, Pearson's
    chi-square (with G², Cramér's V and Cochran's check) and, for an unweighted 2x2 table,
    Fisher's exact test. Empty rows and columns are reported and left out of the tests.

    With weights the chi-square is descriptive only; use :func:`rao_scott` for a design-based test.
    """
    r, rcat = _codes(rows, "rows")
    c, ccat = _codes(cols, "cols")
    return _lo._stats_crosstab(
        r, _n_levels(r, n_rows, rcat, "n_rows"), c, _n_levels(c, n_cols, ccat, "n_cols"), _opt_floats(weights, "weights")
    )


def fisher_exact_2x2(table: npt.ArrayLike) -> FisherExact:
    """Fisher's exact test (two-sided) for the 2x2 table ``[[a, b], [c, d]]``."""
    arr = _array(table, "table")
    if arr.size != 4 or arr.ndim not in (1, 2) or (arr.ndim == 2 and arr.shape != (2, 2)):
        raise ArgumentError(f"table: expected a 2x2 table, got shape {arr.shape}")
    a, b, c, d = (_count(v, "table") for v in arr.reshape(4).tolist())
    return _lo._stats_fisher_exact_2x2(a, b, c, d)


def rao_scott(
    rows: npt.ArrayLike,
    cols: npt.ArrayLike,
    weights: npt.ArrayLike | Weights,
    *,
    strata: npt.ArrayLike | None = None,
    population_sizes: npt.ArrayLike | float | None = None,
    n_rows: int | None = None,
    n_cols: int | None = None,
) -> RaoScott:
    """The Rao–Scott corrected chi-square test of independence for a weighted table from a
    stratified design (each respondent its own PSU), first order and the F version of R's
    ``svychisq``. ``population_sizes[h]`` = N_h gives the fpc (one number without strata)."""
    r, rcat = _codes(rows, "rows")
    c, ccat = _codes(cols, "cols")
    w, h, pop = _design(len(r), weights, strata, population_sizes)
    return _lo._stats_rao_scott(r, _n_levels(r, n_rows, rcat, "n_rows"), c, _n_levels(c, n_cols, ccat, "n_cols"), w, h, pop)


def representativeness(respondents: npt.ArrayLike, population: npt.ArrayLike) -> Representativeness:
    """Response rates per stratum and a chi-square goodness-of-fit test of the respondents'
    stratum counts ``n_h`` against the frame's ``N_h``."""
    return _lo._stats_representativeness(_counts(respondents, "respondents", 1), _counts(population, "population", 1))


def suppress(
    counts: npt.ArrayLike | Crosstab,
    *,
    threshold: int = 5,
    zero_is_disclosive: bool = False,
    totals_published: bool = True,
) -> Suppression:
    """Mark the cells of a table of unweighted counts that may not be published: primary
    suppression of counts in ``1 .. threshold-1`` (and 0 when ``zero_is_disclosive``) and, when
    totals are published, secondary suppression so that no row or column holds exactly one
    suppressed cell. A :class:`Crosstab` is taken by its unweighted counts."""
    if isinstance(counts, Crosstab):
        counts = counts.unweighted_counts
    return _lo._stats_suppress(
        _counts(counts, "counts", 2), _count(threshold, "threshold"), bool(zero_is_disclosive), bool(totals_published)
    )


# ---------------------------------------------------------------------------------------------
# reliability


def scale_reliability(
    items: Table,
    *,
    weights: npt.ArrayLike | Weights | None = None,
    missing: Missing = "listwise",
    level: float = 0.95,
) -> ScaleReliability:
    """Cronbach's alpha with Feldt's interval, standardized alpha, item statistics (alpha if
    deleted, corrected item-total correlation) and, with weights, R survey's ``svycralpha``.

    ``items``: one row per respondent, one column per item (a DataFrame works); NaN is missing.
    Reverse-keyed items must be recoded before (``min + max - x``).
    """
    return _lo._stats_scale_reliability(_floats(items, "items", 2), _opt_floats(weights, "weights"), missing, float(level))


def cronbach_alpha(items: Table, *, missing: Missing = "listwise") -> float:
    """Cronbach's alpha alone (see :func:`scale_reliability` for the interval and item statistics)."""
    return scale_reliability(items, missing=missing).alpha


# ---------------------------------------------------------------------------------------------
# agreement


def _is_missing(v: object) -> bool:
    if v is None:
        return True
    if isinstance(v, (float, np.floating)):
        return math.isnan(v)
    return type(v).__name__ in ("NAType", "NaTType")


def _agreement_data(
    data: Any,
    categories: Sequence[Any] | None,
    coders_in_rows: bool,
    numeric_needed: bool,
) -> tuple[_F64, list[int] | None]:
    """Units x coders float64 (NaN missing) and the declared categories as category numbers."""
    arr = _array(data, "data")
    _ndim(arr, 2, "data")
    if coders_in_rows:
        arr = arr.T
    if arr.dtype.kind in "OUS":
        flat = arr.reshape(-1).tolist()
        present = [v for v in flat if not _is_missing(v)]
        if all(isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) for v in present):
            arr = np.array([np.nan if _is_missing(v) else float(v) for v in flat], dtype=np.float64).reshape(arr.shape)
        else:
            if numeric_needed:
                raise ArgumentError("data: interval and ratio alpha need numeric codes, not text labels")
            if categories is not None:
                labels = list(categories)
            else:
                try:
                    labels = sorted(set(present))
                except TypeError as e:
                    raise ArgumentError(f"data: labels cannot be ordered ({e}); give categories") from None
            index = {label: i for i, label in enumerate(labels)}
            unknown = [v for v in present if v not in index]
            if unknown:
                raise ArgumentError(f"data: label {unknown[0]!r} is not among the categories")
            codes = [np.nan if _is_missing(v) else float(index[v]) for v in flat]
            out = np.array(codes, dtype=np.float64).reshape(arr.shape)
            return np.ascontiguousarray(out), list(range(len(labels)))
    elif arr.dtype.kind in "iu":
        arr = np.where(arr < 0, np.nan, arr.astype(np.float64))
    elif arr.dtype.kind == "b":
        arr = arr.astype(np.float64)
    elif arr.dtype.kind != "f":
        raise ArgumentError(f"data: expected numeric codes or text labels, got dtype {arr.dtype}")
    cats = None if categories is None else [_count(c, "categories") for c in categories]
    return np.ascontiguousarray(arr, dtype=np.float64), cats


def _agreement(
    coefficient: _lo.CoefficientName,
    data: Table,
    *,
    measurement: MeasurementLevel = "nominal",
    confidence: float,
    population: float | None,
    categories: Sequence[Any] | None,
    coders_in_rows: bool,
    bootstrap: int | None = None,
    seed: int = 0,
) -> Agreement:
    arr, cats = _agreement_data(data, categories, coders_in_rows, measurement in ("interval", "ratio"))
    pop = None if population is None else float(population)
    boot = None if bootstrap is None else _count(bootstrap, "bootstrap")
    return _lo._stats_agreement(arr, coefficient, float(confidence), pop, cats, measurement, boot, _count(seed, "seed"))


def percent_agreement(
    data: Table,
    *,
    level: float = 0.95,
    population: float | None = None,
    categories: Sequence[Any] | None = None,
    coders_in_rows: bool = False,
) -> Agreement:
    """Percent agreement (agreeing coder pairs, averaged over units coded at least twice) with
    the SE of irrCAC ``pa.coeff.raw``.

    ``data``: one row per unit, one column per coder (``coders_in_rows=True`` for the
    krippendorff package's layout); NaN/None or a negative integer is missing. ``population``:
    the number of units in the population, for the finite population correction.
    ``categories``: every possible category (unused ones count in Brennan–Prediger and AC1).
    """
    return _agreement(
        "percent_agreement", data, confidence=level, population=population, categories=categories,
        coders_in_rows=coders_in_rows,
    )


def cohen_kappa(
    data: Table,
    *,
    level: float = 0.95,
    population: float | None = None,
    categories: Sequence[Any] | None = None,
    coders_in_rows: bool = False,
) -> Agreement:
    """Cohen's kappa for exactly two coders (Conger's kappa, irrCAC's convention), with SE and
    t interval as irrCAC. Arguments as :func:`percent_agreement`."""
    return _agreement(
        "cohen_kappa", data, confidence=level, population=population, categories=categories,
        coders_in_rows=coders_in_rows,
    )


def fleiss_kappa(
    data: Table,
    *,
    level: float = 0.95,
    population: float | None = None,
    categories: Sequence[Any] | None = None,
    coders_in_rows: bool = False,
) -> Agreement:
    """Fleiss' generalised kappa, with SE and t interval as irrCAC ``fleiss()``. Arguments as
    :func:`percent_agreement`."""
    return _agreement(
        "fleiss_kappa", data, confidence=level, population=population, categories=categories,
        coders_in_rows=coders_in_rows,
    )


def brennan_prediger(
    data: Table,
    *,
    level: float = 0.95,
    population: float | None = None,
    categories: Sequence[Any] | None = None,
    coders_in_rows: bool = False,
) -> Agreement:
    """Brennan and Prediger's coefficient (chance agreement 1/q), with SE and t interval as irrCAC
    ``bp()``. Arguments as :func:`percent_agreement`."""
    return _agreement(
        "brennan_prediger", data, confidence=level, population=population, categories=categories,
        coders_in_rows=coders_in_rows,
    )


def gwet_ac1(
    data: Table,
    *,
    level: float = 0.95,
    population: float | None = None,
    categories: Sequence[Any] | None = None,
    coders_in_rows: bool = False,
) -> Agreement:
    """Gwet's AC1, with SE and t interval as irrCAC ``gwet()``. Arguments as
    :func:`percent_agreement`."""
    return _agreement(
        "gwet_ac1", data, confidence=level, population=population, categories=categories,
        coders_in_rows=coders_in_rows,
    )


def krippendorff_alpha(
    data: Table,
    level: MeasurementLevel = "nominal",
    *,
    bootstrap: int | None = None,
    seed: int = 0,
    confidence: float = 0.95,
    population: float | None = None,
    categories: Sequence[Any] | None = None,
    coders_in_rows: bool = False,
) -> Agreement:
    """Krippendorff's alpha at a level of measurement (``"nominal"``, ``"ordinal"``,
    ``"interval"``, ``"ratio"``).

    ``level`` is the level of measurement (as the krippendorff package's
    ``level_of_measurement``); the confidence level is ``confidence``. Without ``bootstrap``
    the SE and t interval are irrCAC's; with ``bootstrap=B`` the interval is the percentile
    bootstrap over the pairable units, ``B`` replicates, reproducible with ``seed``.
    ``data`` as :func:`percent_agreement` (units in rows; ``coders_in_rows=True`` for the
    krippendorff package's ``reliability_data`` layout).
    """
    return _agreement(
        "krippendorff_alpha", data, measurement=level, confidence=confidence, population=population,
        categories=categories, coders_in_rows=coders_in_rows, bootstrap=bootstrap, seed=seed,
    )


# ---------------------------------------------------------------------------------------------
# issue 18: exact tests, odds ratios, adjustments, raking to a relative tolerance, domains


def _table_2x2(table: npt.ArrayLike) -> tuple[int, int, int, int]:
    arr = _array(table, "table")
    if arr.size != 4 or arr.ndim not in (1, 2) or (arr.ndim == 2 and arr.shape != (2, 2)):
        raise ArgumentError(f"table: expected a 2x2 table, got shape {arr.shape}")
    a, b, c, d = (_count(v, "table") for v in arr.reshape(4).tolist())
    return a, b, c, d


def fisher_exact(table: npt.ArrayLike, *, alternative: _lo.AlternativeName = "two-sided") -> float:
    """Fisher's exact test of a 2x2 table ``[[a, b], [c, d]]`` (as ``scipy.stats.fisher_exact``):
    ``"two-sided"`` (default), ``"less"`` or ``"greater"``; in log space, right for any N."""
    return _lo._stats_fisher_exact_test(*_table_2x2(table), alternative)


def fisher_rxc(table: npt.ArrayLike, *, replicates: int = 10_000, seed: int = 20_260_101) -> dict[str, Any]:
    """The Fisher-Freeman-Halton exact test of an r x c table by seeded Monte Carlo (as R's
    ``fisher.test(simulate.p.value=TRUE, B=10000)``): ``p_value = (1 + #{T_b >= T_obs}) / (B + 1)``,
    with its Monte Carlo standard error, the statistic, ``replicates`` and ``seed``."""
    arr = _array(table, "table")
    _ndim(arr, 2, "table")
    flat = [_count(v, "table") for v in arr.reshape(-1).tolist()]
    return _lo._stats_fisher_rxc(flat, int(arr.shape[0]), int(arr.shape[1]), _count(replicates, "replicates"),
                                 _count(seed, "seed"))


def odds_ratio_2x2(table: npt.ArrayLike, *, level: float = 0.95) -> dict[str, Any]:
    """The odds ratio of ``[[a, b], [c, d]]``: ``sample`` (ad/bc) with ``woolf`` (its log interval,
    None with a zero cell), ``conditional`` (the conditional MLE R's fisher.test reports) with
    ``conditional_interval`` (exact; bounds may be 0 or inf)."""
    return _lo._stats_odds_ratio_2x2(*_table_2x2(table), float(level))


def holm(p: npt.ArrayLike) -> list[float]:
    """Holm's step-down adjusted p-values (statsmodels ``multipletests(method="holm")``)."""
    return _lo._stats_adjust_p([float(v) for v in _floats(p, "p")], "holm")


def benjamini_hochberg(p: npt.ArrayLike) -> list[float]:
    """Benjamini-Hochberg adjusted p-values (statsmodels ``multipletests(method="fdr_bh")``)."""
    return _lo._stats_adjust_p([float(v) for v in _floats(p, "p")], "bh")


def rake_with(
    margins: Sequence[tuple[npt.ArrayLike, npt.ArrayLike]] | Mapping[str, tuple[npt.ArrayLike, npt.ArrayLike]],
    *,
    base: npt.ArrayLike | Weights | None = None,
    relative_tolerance: float = 1e-10,
    max_iterations: int = 1000,
) -> RakeResult:
    """Raking to the fixed point: stops when every margin is within ``relative_tolerance`` of the
    margin total (default 1e-10), at most ``max_iterations`` cycles (default 1000); not converging
    raises instead of returning weights that miss the margins."""
    pairs = list(margins.values()) if isinstance(margins, Mapping) else list(margins)
    codes = [_index(c, "margins") for c, _ in pairs]
    targets = [_floats(t, "margins") for _, t in pairs]
    return _lo._stats_rake_with(codes, targets, _opt_floats(base, "base"), float(relative_tolerance),
                                _count(max_iterations, "max_iterations"))


def _domain_args(y: npt.ArrayLike, domain: npt.ArrayLike, weights: npt.ArrayLike | Weights | None,
                 strata: npt.ArrayLike | None, stratum_population: npt.ArrayLike | float | None
                 ) -> tuple[_F64, npt.NDArray[np.bool_], _F64, _INDEX | None, _F64 | None]:
    d = _bools(domain, "domain")
    if d is None:
        raise ArgumentError("domain: one flag per observation is required")
    raw = np.array(y, dtype=np.float64)
    if raw.shape != d.shape:
        raise ArgumentError(f"y: {raw.shape} values for {d.shape} domain flags")
    raw[~d & np.isnan(raw)] = 0.0  # values outside the domain are ignored; inside, NaN is an error
    yy = _floats(raw, "y")
    w, h, pop = _design(len(yy), weights, strata, stratum_population)
    return yy, d, w, h, pop


def survey_domain_mean(
    y: npt.ArrayLike,
    domain: npt.ArrayLike,
    weights: npt.ArrayLike | Weights | None = None,
    *,
    strata: npt.ArrayLike | None = None,
    stratum_population: npt.ArrayLike | float | None = None,
    level: float = 0.95,
    df: _lo.DomainDfName = "domain",
) -> SurveyEstimate:
    """The design-based mean over a domain of the full design (R survey ``subset``, samplics
    ``domain=``): weights of all, zeros outside the domain, fpc from the full strata. ``df``:
    ``"domain"`` (n_d - H_d, R survey; default) or ``"design"`` (n - H, samplics, Stata)."""
    yy, d, w, h, pop = _domain_args(y, domain, weights, strata, stratum_population)
    return _lo._stats_survey_domain(yy, w, d, h, pop, float(level), df, None)


def survey_domain_proportion(
    y: npt.ArrayLike,
    domain: npt.ArrayLike,
    weights: npt.ArrayLike | Weights | None = None,
    *,
    strata: npt.ArrayLike | None = None,
    stratum_population: npt.ArrayLike | float | None = None,
    level: float = 0.95,
    method: SurveyCiMethod = "logit",
    df: _lo.DomainDfName = "domain",
) -> SurveyEstimate:
    """The design-based proportion of ``y == 1`` over a domain (see :func:`survey_domain_mean`)."""
    yy, d, w, h, pop = _domain_args(y, domain, weights, strata, stratum_population)
    return _lo._stats_survey_domain(yy, w, d, h, pop, float(level), df, method)
