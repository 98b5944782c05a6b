"""Every result renders through the core's table (``lomonitor::report::html_table``).

The binding has no HTML renderer of its own: ``_repr_html_`` is the core's ``lm-table`` of the
result's core table, whose header is the result's ``to_dict()`` columns.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import lomonitor as lm
from lomonitor import stats


def _header(html: str) -> list[str]:
    head = html.split("</thead>")[0]
    return re.findall(r"<th scope=\"col\"[^>]*>([^<]*)</th>", head)


def test_results_render_as_the_core_table_with_their_dict_columns() -> None:
    results: list[Any] = [
        stats.proportion_ci(41, 148, method="wilson", population=342),
        stats.frequency_table([0, 1, 1, 2], n_levels=3, user_missing=[2]),
        stats.describe([1.0, 2.0, 4.0]),
        stats.survey_mean([1.0, 2.0, 4.0], [1.0, 1.0, 2.0]),
    ]
    for r in results:
        html = r._repr_html_()
        assert html.startswith('<table class="lm-table">'), type(r).__name__
        assert _header(html) == list(r.to_dict()), type(r).__name__


def test_figures_print_with_a_decimal_point_and_absent_values_empty() -> None:
    e = stats.proportion_ci(41, 148, method="wilson")
    html = e._repr_html_()
    assert f">{e.estimate:.4f}<" in html
    assert e.to_dict()["population"] == [None] and 'class="lm-right lm-empty"' in html


def test_a_matrix_renders_as_the_core_table_too(example_study: Path) -> None:
    study = lm.Study.load(str(example_study))
    html = study.co_occurrence()._repr_html_()
    assert html.startswith('<table class="lm-table">') and '<th scope="row"' in html
