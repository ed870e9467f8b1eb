"""Lining reports up side by side: which judgement areas of different frameworks are the same
question, and the comparison / history data the ``compare`` and ``history`` commands show.

:data:`AREA_ROWS` is the single place the alignment is defined (the README copies it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .models import Area, Framework, Grade, Judgement, Priority, Report


@dataclass(frozen=True)
class AreaRow:
    """One comparable area: its key and name, and the area each framework judges it under."""

    key: str
    name: str
    areas: dict[Framework, Area]


#: The alignment of judgement areas across frameworks, in display order. An area a framework
#: does not judge has no entry, and its cell stays blank. Notes:
#: - ILACS reports before 2023 grade "children in care and care leavers" in one row, which is
#:   their ``children_in_care``; their ``care_leavers`` cell is then blank.
#: - lac_2012 (2012-13) inspected looked after children's services only: its overall
#:   effectiveness and leadership rows are of those services.
AREA_ROWS: tuple[AreaRow, ...] = (
    AreaRow(
        "overall_effectiveness",
        "Overall effectiveness",
        {
            Framework.ILACS: Area.OVERALL_EFFECTIVENESS,
            Framework.SIF: Area.OVERALL_EFFECTIVENESS,
            Framework.LAC_2012: Area.OVERALL_EFFECTIVENESS,
        },
    ),
    AreaRow(
        "leadership",
        "Leadership and management",
        {
            Framework.ILACS: Area.IMPACT_OF_LEADERS,
            Framework.SIF: Area.LEADERSHIP,
            Framework.LAC_2012: Area.LEADERSHIP_AND_MANAGEMENT,
        },
    ),
    AreaRow(
        "help_and_protection",
        "Help and protection",
        {Framework.ILACS: Area.HELP_AND_PROTECTION, Framework.SIF: Area.HELP_AND_PROTECTION},
    ),
    AreaRow(
        "children_in_care",
        "Children in care (looked after)",
        {Framework.ILACS: Area.CHILDREN_IN_CARE, Framework.SIF: Area.CHILDREN_LOOKED_AFTER},
    ),
    AreaRow("adoption", "Adoption", {Framework.SIF: Area.ADOPTION}),
    AreaRow(
        "care_leavers",
        "Care leavers",
        {Framework.ILACS: Area.CARE_LEAVERS, Framework.SIF: Area.CARE_LEAVERS},
    ),
    AreaRow(
        "lscb",
        "Local Safeguarding Children Board",
        {Framework.SIF: Area.LSCB, Framework.LSCB_REVIEW: Area.LSCB},
    ),
    AreaRow(
        "capacity_to_improve", "Capacity to improve", {Framework.LAC_2012: Area.CAPACITY_TO_IMPROVE}
    ),
    AreaRow("outcomes", "Outcomes for children", {Framework.LAC_2012: Area.OUTCOMES}),
    AreaRow(
        "quality_of_provision",
        "Quality of provision",
        {Framework.LAC_2012: Area.QUALITY_OF_PROVISION},
    ),
    AreaRow(
        "send_outcome",
        "Area SEND outcome",
        {Framework.AREA_SEND: Area.SEND_OUTCOME},
    ),
)

#: Grades in order of merit, for "rose" and "fell". ``adequate`` (2012-13 only) ranks with
#: ``requires_improvement``: both sit between good and inadequate. ``not_judged`` has no rank.
#: A rise or fall is only ever read within one row, so the SEND outcomes' ranks never meet
#: the other grades'.
GRADE_RANK: dict[Grade, int] = {
    Grade.OUTSTANDING: 4,
    Grade.GOOD: 3,
    Grade.ADEQUATE: 2,
    Grade.REQUIRES_IMPROVEMENT: 2,
    Grade.INADEQUATE: 1,
    # Area SEND outcomes, compared only with each other (no other framework grades that row).
    Grade.POSITIVE: 3,
    Grade.INCONSISTENT: 2,
    Grade.SYSTEMIC_FAILINGS: 1,
}


def row_for(framework: Framework, area: Area) -> AreaRow | None:
    """The comparable row a framework's area belongs to, or None when it has none."""
    return next((row for row in AREA_ROWS if row.areas.get(framework) == area), None)


def cell_for(report: Report, row: AreaRow) -> Judgement | None:
    """The report's judgement in that row, or None where its framework does not judge it."""
    area = row.areas.get(report.framework)
    return report.judgement(area) if area is not None else None


def change(before: Grade | None, after: Grade | None) -> str | None:
    """``up``, ``down`` or ``same`` between two grades; None when either has no rank."""
    if before not in GRADE_RANK or after not in GRADE_RANK:
        return None
    a, b = GRADE_RANK[before], GRADE_RANK[after]  # type: ignore[index]
    return "up" if b > a else "down" if b < a else "same"


@dataclass
class Row:
    """One aligned area across the columns. ``changes[i]`` compares column i with the
    nearest earlier column that judged the area (history only; None elsewhere)."""

    area: AreaRow
    cells: list[Judgement | None]
    changes: list[str | None]

    @property
    def differs(self) -> bool:
        """Whether the columns that judge this area gave different grades."""
        return len({c.grade for c in self.cells if c is not None}) > 1


@dataclass
class Comparison:
    """Reports as columns and aligned areas as rows: the data behind compare and history."""

    columns: list[Report]
    rows: list[Row]
    labels: list[str]


def align(
    reports: list[Report], labels: list[str] | None = None, *, trend: bool = False
) -> Comparison:
    """One row per area that at least one report judges, in :data:`AREA_ROWS` order. With
    ``trend``, each cell also records whether the grade rose or fell since the last
    column that judged the area."""
    rows: list[Row] = []
    for area_row in AREA_ROWS:
        cells = [cell_for(r, area_row) for r in reports]
        if all(c is None for c in cells):
            continue
        changes: list[str | None] = [None] * len(cells)
        if trend:
            previous: Grade | None = None
            for i, cell in enumerate(cells):
                if cell is None:
                    continue
                changes[i] = change(previous, cell.grade) if previous is not None else None
                if cell.grade in GRADE_RANK:
                    previous = cell.grade
        rows.append(Row(area_row, cells, changes))
    return Comparison(list(reports), rows, labels or [r.local_authority or "" for r in reports])


def column_json(report: Report, label: str) -> dict[str, Any]:
    """What a column is: whose report, which inspection, from which file."""
    return {
        "authority": label,
        "local_authority": report.local_authority,
        "framework": report.framework.value,
        "inspection_start": iso(report.inspection_start),
        "inspection_end": iso(report.inspection_end),
        "published": iso(report.published),
        "source": {"path": report.source.path, "sha256": report.source.sha256},
        "recommendations": len(report.recommendations),
        "priority_actions": priority_actions(report),
        "graded": bool(report.judgements),
    }


def priority_actions(report: Report) -> int:
    """How many areas for priority action a report names (focused visits, area SEND, JTAI)."""
    return sum(r.priority is Priority.PRIORITY_ACTION for r in report.recommendations)


def comparison_json(comparison: Comparison, *, trend: bool = False) -> dict[str, Any]:
    """The comparison as data: ``columns``, then ``rows`` whose ``cells`` line up with them
    (null where the column's framework does not judge the area)."""
    rows = []
    for row in comparison.rows:
        cells: list[dict[str, Any] | None] = []
        for cell, moved in zip(row.cells, row.changes, strict=True):
            if cell is None:
                cells.append(None)
                continue
            data: dict[str, Any] = {
                "area": cell.area.value,
                "label": cell.label,
                "grade": cell.grade.value,
                "page": cell.page,
            }
            if trend:
                data["change"] = moved
            cells.append(data)
        rows.append(
            {"area": row.area.key, "name": row.area.name, "differs": row.differs, "cells": cells}
        )
    columns = [
        column_json(r, label)
        for r, label in zip(comparison.columns, comparison.labels, strict=True)
    ]
    return {"columns": columns, "rows": rows}


def iso(value: Any) -> str | None:
    """A date as ISO 8601 text ('2019-05-13'), or None when there is none."""
    return value.isoformat() if value is not None else None
