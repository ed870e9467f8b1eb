"""The library's entry point: a path in, a Report (or a typed error) out."""

from __future__ import annotations

import traceback
from pathlib import Path

from .authorities import attach_authority
from .checks import self_check
from .errors import CorruptPDFError, MemoryLimitError, OfstedError, UnrecognisedReportError
from .frameworks import detect
from .models import ErrorInfo, ErrorRecord, ErrorSource, Part, Report, ReportWarning
from .pdf import WHOLE_DOCUMENT, Document, sha256_of


def parse_report(path: str | Path) -> Report:
    """Read one Ofsted report PDF. Raises an :class:`~ofsted_cli.errors.OfstedError` subclass
    when the file is missing, not a PDF, damaged, encrypted, or not a report this tool reads."""
    with Document(path) as doc:
        try:
            return read_document(doc)
        except UnrecognisedReportError as exc:
            if doc.damage:  # the damage, not the kind of document, may be why it failed
                raise CorruptPDFError(
                    doc.path, f"is a damaged PDF ({first_complaint(doc)}): no report could be read"
                ) from exc
            raise


def read_document(doc: Document) -> Report:
    """The record of an open document: its family's reader, its authority from the reference
    table, then the self-checks and the damage the PDF libraries found, whose warnings join
    the reader's own."""
    report = detect(doc).read(doc)
    attach_authority(report)
    for warning in [*self_check(doc, report), *damage_warnings(doc, report)]:
        if warning not in report.warnings:
            report.warnings.append(warning)
    return report


def first_complaint(doc: Document) -> str:
    """Where the first damage was found and what it was, for a message."""
    page_no = min(doc.damage)
    where = "the file" if page_no == WHOLE_DOCUMENT else f"page {page_no}"
    return f"{where}: {doc.damage[page_no][0]}"


def damage_warnings(doc: Document, report: Report) -> list[ReportWarning]:
    """A warning for each part of the record read from a page the PDF libraries found
    damaged (:attr:`Document.damage`). Damage to the whole file (a rebuilt cross-reference
    table) casts doubt on every part. Facts come from page 1 and the judgement table's page;
    a recommendation may run on to the page after the one it starts on; a part that came out
    empty may have been lost to the damage wherever it is."""
    if not doc.damage:
        return []
    judged = {j.page for j in report.judgements}
    parts: dict[Part, set[int] | None] = {
        Part.FACTS: {1, *judged},
        Part.JUDGEMENTS: judged or None,
        Part.RECOMMENDATIONS: {p for r in report.recommendations for p in (r.page, r.page + 1)}
        or None,
    }
    warnings = []
    for part, pages in parts.items():
        hit = sorted(p for p in doc.damage if p == WHOLE_DOCUMENT or pages is None or p in pages)
        if hit:
            where = ", ".join("the whole file" if p == WHOLE_DOCUMENT else f"page {p}" for p in hit)
            said = doc.damage[hit[0]][0]
            warnings.append(
                ReportWarning(part=part, message=f"read from a damaged PDF ({where}: {said})")
            )
    return warnings


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
    except MemoryError:  # under the worker's --max-memory limit, or a machine out of memory
        return error_record(
            path,
            MemoryLimitError(str(path), "needed more memory than --max-memory allows; stopped"),
        )
    except Exception as exc:  # a bug in a reader must cost one file, not the batch
        record = error_record(path, exc)
        if with_traceback:
            record.error.message += "\n" + traceback.format_exc()
        return record
