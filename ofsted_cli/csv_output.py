"""CSV as spreadsheets and other programs expect it: RFC 4180, UTF-8, one header row, and
safe to open in a spreadsheet.

Every ``--csv`` goes through :func:`write_csv`, so all of them quote, end lines and neutralise
cells the same way.

Spreadsheet safety follows OWASP's advice on CSV injection: a text cell that begins with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be read as a formula by Excel,
LibreOffice or Google Sheets, so it is written with a single quote (``'``) in front. Only text
cells are touched: numbers (page numbers, counts) stay numbers, and our dates and vocabulary
values never begin with those characters.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

#: The characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A cell ready for a spreadsheet: None as empty, formula-like text quoted, numbers kept."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(
    rows: Iterable[Mapping[str, Any]], fields: list[str], out: TextIO | None = None
) -> None:
    """Write the header and then each row as it arrives (flushed, so a long batch streams).
    ``out`` defaults to stdout, looked up at call time so a test runner's replacement counts."""
    stream = out if out is not None else sys.stdout
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([safe_cell(row.get(field)) for field in fields])
        stream.flush()
