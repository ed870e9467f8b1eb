"""One module per report family. Each module is a :class:`Reader`:

- ``FRAMEWORK``: the :class:`~ofsted_cli.models.Framework` it reads;
- ``NAME`` / ``SHORT``: its display names (long, for a report's facts; short, for table headers);
- ``matches(doc) -> bool``: whether the document is of its family (cheap: page texts only);
- ``read(doc) -> Report``: the whole record.

Adding a family is one module plus one line in :data:`READERS`; the tests check that every
:class:`~ofsted_cli.models.Framework` has exactly one reader and that each document matches
exactly one reader, so the order of :data:`READERS` cannot decide a document's family.
"""

from __future__ import annotations

from typing import Protocol

from ..errors import UnrecognisedReportError
from ..models import Framework, Report
from ..pdf import Document
from . import area_send, focused_visit, ilacs, jtai, lac2012, lscb, sif


class Reader(Protocol):
    """What a report family's module provides."""

    FRAMEWORK: Framework
    NAME: str
    SHORT: str

    def matches(self, doc: Document) -> bool: ...

    def read(self, doc: Document) -> Report: ...


READERS: tuple[Reader, ...] = (focused_visit, jtai, lac2012, lscb, sif, ilacs, area_send)


def reader_for(framework: Framework) -> Reader:
    """The reader of ``framework`` (KeyError if none: a test keeps that from happening)."""
    for reader in READERS:
        if reader.FRAMEWORK is framework:
            return reader
    raise KeyError(framework)


def detect(doc: Document) -> Reader:
    """The reader for ``doc``'s family, or UnrecognisedReportError."""
    for reader in READERS:
        if reader.matches(doc):
            return reader
    raise UnrecognisedReportError(
        doc.path, "is not an Ofsted children's services inspection report this tool can read"
    )
