"""Inspections of looked after children services, 2012-13."""

from __future__ import annotations

from ..errors import UnrecognisedReportError
from ..models import Framework, Report
from ..pdf import Document

FRAMEWORK = Framework.LAC_2012


def matches(doc: Document) -> bool:
    return False


def read(doc: Document) -> Report:
    raise UnrecognisedReportError(doc.path, f"{FRAMEWORK.value} reports are not read yet")
