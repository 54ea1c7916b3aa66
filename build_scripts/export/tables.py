"""CSV as the exports write it: one dialect, and cells a spreadsheet cannot mistake for formulas."""

from __future__ import annotations

import csv
import io


def spreadsheet_safe(value):
    """Text starting with = + - @ is prefixed with ' so spreadsheets show it instead of running it."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def csv_text(columns: list[str], rows: list[dict]) -> str:
    """Rows as CSV text with the given columns, spreadsheet-safe (see :func:`spreadsheet_safe`).

    A row with a key that is not a column is an error (``csv.DictWriter``'s check), never dropped.
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue()


def group_order(value: str | None) -> tuple:
    """Unknown regions or years sort last."""
    return (value is None, value or "")
