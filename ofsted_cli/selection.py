"""Which reports a command looks at: the filters ``list``, ``search`` and ``summary`` share
(authority, region, framework, grade in an area, date range), so each means the same in every
command. A report's date here is :func:`~ofsted_cli.library.known_date` (published when
printed, else the inspection's last day)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .authorities import lineage, name_key
from .compare import AREA_ROWS, AreaRow, cell_for, row_for
from .library import known_date
from .models import Area, Framework, Grade, Report

#: The area a grade is read from when none is named.
OVERALL = AREA_ROWS[0]


def area_row(text: str) -> AreaRow:
    """The aligned area a user names: a row key ("leadership", "children_in_care"), any
    framework's area key ("impact_of_leaders"), or the row's name ("Care leavers").
    ValueError listing the keys when it is none of them."""
    wanted = name_key(text.replace("_", " "))
    for row in AREA_ROWS:
        if wanted in (name_key(row.key.replace("_", " ")), name_key(row.name)):
            return row
    for area in Area:
        if wanted == name_key(area.value.replace("_", " ")):
            found = next((r for f in Framework if (r := row_for(f, area)) is not None), None)
            if found is not None:
                return found
    keys = ", ".join(row.key for row in AREA_ROWS)
    raise ValueError(f"{text!r} is not an area; one of: {keys}")


def grade_in(report: Report, row: AreaRow) -> Grade | None:
    """The report's grade in an aligned area; None where its framework does not judge it."""
    cell = cell_for(report, row)
    return cell.grade if cell is not None else None


@dataclass(frozen=True)
class ReportFilter:
    """The reports to keep; an empty field keeps every report. ``authorities`` holds
    councils' current codes (:func:`~ofsted_cli.authorities.lineage`); a report whose
    name did not resolve has no authority or region and is dropped by either filter."""

    authorities: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    frameworks: frozenset[Framework] = frozenset()
    grades: frozenset[Grade] = frozenset()
    area: AreaRow = OVERALL
    since: date | None = None
    until: date | None = None

    def keeps(self, report: Report) -> bool:
        """Whether the report passes every filter given."""
        authority = report.authority
        if self.authorities and (
            authority is None or lineage(authority.code) not in self.authorities
        ):
            return False
        if self.regions and (authority is None or authority.region not in self.regions):
            return False
        if self.frameworks and report.framework not in self.frameworks:
            return False
        if self.grades and grade_in(report, self.area) not in self.grades:
            return False
        if self.since is not None or self.until is not None:
            known = known_date(report)
            if known is None:
                return False
            if (self.since and known < self.since) or (self.until and known > self.until):
                return False
        return True

    def apply(self, reports: Iterable[Report]) -> list[Report]:
        """The reports kept, in their order."""
        return [r for r in reports if self.keeps(r)]
