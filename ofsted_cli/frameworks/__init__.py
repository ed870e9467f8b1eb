"""One module per report family. Each knows its own layout rules and exposes:

- ``FRAMEWORK``: the :class:`~ofsted_cli.models.Framework` it reads;
- ``matches(doc) -> bool``: whether the document is of its family (cheap: page texts only);
- ``read(doc) -> Report``: the whole record.

:func:`detect` asks them in order, most specific first.
"""

from __future__ import annotations

from types import ModuleType

from ..errors import UnrecognisedReportError
from ..pdf import Document
from . import ilacs, lac2012, lscb, sif

#: Order matters: a family whose title could also match a broader one comes first.
READERS: tuple[ModuleType, ...] = (lac2012, lscb, sif, ilacs)


def detect(doc: Document) -> ModuleType:
    """The reader for ``doc``'s family, or UnrecognisedReportError."""
    for reader in READERS:
        if reader.matches(doc):
            return reader
    raise UnrecognisedReportError(
        doc.path, "is not an Ofsted children's services inspection report this tool can read"
    )
