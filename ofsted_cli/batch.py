"""Parsing many files: results come back one by one, in input order."""

from __future__ import annotations

from collections.abc import Iterator

from .models import ErrorRecord, Report
from .parser import parse_result


def iter_results(
    files: list[str], *, with_traceback: bool = False
) -> Iterator[Report | ErrorRecord]:
    """Each file's Report or ErrorRecord, in the order given, as soon as it is ready."""
    for path in files:
        yield parse_result(path, with_traceback=with_traceback)
