"""Read Ofsted children's services inspection reports (PDF) into data.

    >>> from ofsted_cli import parse_report
    >>> report = parse_report("sample_reports/barnet-2019.pdf")
    >>> report.judgements[0].grade
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import (
    CorruptPDFError,
    EmptyFileError,
    EncryptedPDFError,
    InputNotFoundError,
    NotAPDFError,
    OfstedError,
    UnrecognisedReportError,
)
from .models import Area, Body, Framework, Grade, Judgement, Priority, Recommendation, Report, Source
from .parser import parse_report, parse_result

__all__ = [
    "Area",
    "Body",
    "CorruptPDFError",
    "EmptyFileError",
    "EncryptedPDFError",
    "Framework",
    "Grade",
    "InputNotFoundError",
    "Judgement",
    "NotAPDFError",
    "OfstedError",
    "Priority",
    "Recommendation",
    "Report",
    "Source",
    "UnrecognisedReportError",
    "__version__",
    "parse_report",
    "parse_result",
]
