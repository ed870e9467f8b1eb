"""Self-checks run on every record after its reader made it.

Each check looks at the record (and the document it came from) with evidence independent of
the reading that made the record, and returns :class:`~ofsted_cli.models.ReportWarning` s for
the parts in doubt. A warning does not remove anything: the parts that passed stay usable, and
``--strict`` turns any warning into an error record.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

from .models import Part, Report, ReportWarning
from .pdf import Document

Check = Callable[[Document, Report], Iterator[ReportWarning]]


def duplicate_areas(doc: Document, report: Report) -> Iterator[ReportWarning]:
    """Each judgement area is judged once: two rows for one area (a table read twice, a
    duplicated or conflicting row) make every grade of that area doubtful."""
    counts = Counter(j.area for j in report.judgements)
    for area, n in counts.items():
        if n > 1:
            grades = ", ".join(j.grade.value for j in report.judgements if j.area == area)
            yield ReportWarning(
                part=Part.JUDGEMENTS, message=f"{area.value} judged {n} times ({grades})"
            )


#: Every check, run in order on every record.
CHECKS: tuple[Check, ...] = (duplicate_areas,)


def self_check(doc: Document, report: Report) -> list[ReportWarning]:
    """The warnings of every check on ``report``, without repeats, in check order."""
    found: list[ReportWarning] = []
    for check in CHECKS:
        for warning in check(doc, report):
            if warning not in found:
                found.append(warning)
    return found
