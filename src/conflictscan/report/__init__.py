"""Report stage: :class:`~conflictscan.ScanResult` -> dicts, flat records, JSON, pandas, HTML.

Input: a :class:`~conflictscan.ScanResult` (or the rows of a batch run). Output: plain
Python values, a JSON string, a ``pandas.DataFrame`` (lazy import), a text table or a
self-contained HTML page.

Modules: ``_records`` (dicts, records, JSON, pandas, the terminal table) and ``_html``
(the HTML report, templates in ``conflictscan/templates``).
"""

from __future__ import annotations

from conflictscan.report._html import batch_to_html, result_to_html
from conflictscan.report._records import (
    RECORD_COLUMNS,
    conflict_to_record,
    render_table,
    result_to_dict,
    result_to_json,
    result_to_pandas,
    result_to_records,
)

__all__ = [
    "RECORD_COLUMNS",
    "batch_to_html",
    "conflict_to_record",
    "render_table",
    "result_to_dict",
    "result_to_html",
    "result_to_json",
    "result_to_pandas",
    "result_to_records",
]
