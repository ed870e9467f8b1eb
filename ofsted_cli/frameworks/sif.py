"""The single inspection framework (SIF), 2013-2018, usually with an LSCB review."""

from __future__ import annotations

from ..errors import UnrecognisedReportError
from ..models import Framework, Report
from ..pdf import Document

FRAMEWORK = Framework.SIF


def matches(doc: Document) -> bool:
    return False


def read(doc: Document) -> Report:
    raise UnrecognisedReportError(doc.path, f"{FRAMEWORK.value} reports are not read yet")
