"""The library's entry point: a path in, a Report (or a typed error) out."""

from __future__ import annotations

import traceback
from pathlib import Path

from .authorities import attach_authority
from .checks import self_check
from .errors import OfstedError
from .frameworks import detect
from .models import ErrorInfo, ErrorRecord, ErrorSource, Report
from .pdf import Document, sha256_of


def parse_report(path: str | Path) -> Report:
    """Read one Ofsted report PDF. Raises an :class:`~ofsted_cli.errors.OfstedError` subclass
    when the file is missing, not a PDF, damaged, encrypted, or not a report this tool reads."""
    with Document(path) as doc:
        return read_document(doc)


def read_document(doc: Document) -> Report:
    """The record of an open document: its family's reader, its authority from the reference
    table, then the self-checks, whose warnings join the reader's own."""
    report = detect(doc).read(doc)
    attach_authority(report)
    for warning in self_check(doc, report):
        if warning not in report.warnings:
            report.warnings.append(warning)
    return report


def error_record(path: str | Path, error: OfstedError | Exception) -> ErrorRecord:
    """The record that stands in the output for a file that failed."""
    if isinstance(error, OfstedError):
        info = ErrorInfo(type=error.code, message=error.reason)
    else:
        info = ErrorInfo(type="internal_error", message=f"{type(error).__name__}: {error}")
    return ErrorRecord(source=ErrorSource(path=str(path), sha256=sha256_of(path)), error=info)


def strict_record(report: Report) -> ErrorRecord:
    """``--strict``: a record with warnings stands in the output as an error record."""
    doubts = "; ".join(f"{w.part.value}: {w.message}" for w in report.warnings)
    return ErrorRecord(
        source=ErrorSource(path=report.source.path, sha256=report.source.sha256),
        error=ErrorInfo(type="self_check_failed", message=f"failed its self-checks: {doubts}"),
    )


def parse_result(path: str | Path, *, with_traceback: bool = False) -> Report | ErrorRecord:
    """Like :func:`parse_report`, but a failure comes back as an ErrorRecord instead of raising,
    so a batch loses nothing. An unexpected exception is a parser bug: it is recorded as
    ``internal_error`` (with the traceback in the message when asked)."""
    try:
        return parse_report(path)
    except OfstedError as exc:
        return error_record(path, exc)
    except Exception as exc:  # a bug in a reader must cost one file, not the batch
        record = error_record(path, exc)
        if with_traceback:
            record.error.message += "\n" + traceback.format_exc()
        return record
