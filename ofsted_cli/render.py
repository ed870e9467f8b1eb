"""Renderers: a Report as a rich display, JSON-ready data, or CSV rows."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from .models import Body, ErrorRecord, Framework, Grade, Priority, Report

GRADE_STYLES: dict[Grade, str] = {
    Grade.OUTSTANDING: "bold green",
    Grade.GOOD: "green",
    Grade.ADEQUATE: "yellow",
    Grade.REQUIRES_IMPROVEMENT: "dark_orange",
    Grade.INADEQUATE: "bold red",
    Grade.NOT_JUDGED: "dim",
}

GRADE_NAMES: dict[Grade, str] = {
    Grade.OUTSTANDING: "Outstanding",
    Grade.GOOD: "Good",
    Grade.ADEQUATE: "Adequate",
    Grade.REQUIRES_IMPROVEMENT: "Requires improvement",
    Grade.INADEQUATE: "Inadequate",
    Grade.NOT_JUDGED: "Not judged",
}

FRAMEWORK_NAMES: dict[Framework, str] = {
    Framework.ILACS: "ILACS: inspection of local authority children's services",
    Framework.SIF: "SIF: single inspection framework",
    Framework.LAC_2012: "Inspection of looked after children services (2012-13)",
    Framework.LSCB_REVIEW: "Review of a Local Safeguarding Children Board",
}

BODY_NAMES: dict[Body, str] = {
    Body.LOCAL_AUTHORITY: "Local authority",
    Body.LSCB: "Local Safeguarding Children Board",
}

PRIORITY_NAMES: dict[Priority, str] = {
    Priority.IMMEDIATE: "priority and immediate action",
    Priority.IMPROVE: "areas for improvement",
    Priority.PRIORITY_ACTION: "areas for priority action",
}

#: Columns of ``--csv``: one row per judgement.
CSV_FIELDS = [
    "file",
    "local_authority",
    "framework",
    "inspection_start",
    "inspection_end",
    "area",
    "label",
    "grade",
    "page",
]


def grade_text(grade: Grade | None) -> Text:
    """A grade's name in its colour (plain text where colour is off)."""
    if grade is None:
        return Text("")
    return Text(GRADE_NAMES[grade], style=GRADE_STYLES[grade])


def _dates(report: Report) -> str:
    start, end = report.inspection_start, report.inspection_end
    if start is None:
        return "not printed"
    if end is None or end == start:
        return start.isoformat()
    return f"{start.isoformat()} to {end.isoformat()}"


def report_renderable(report: Report) -> RenderableType:
    """The facts, the coloured judgement table, then the numbered recommendations."""
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row("Local authority", report.local_authority or "not printed")
    facts.add_row("Framework", FRAMEWORK_NAMES[report.framework])
    facts.add_row("Inspection dates", _dates(report))
    facts.add_row("Published", report.published.isoformat() if report.published else "not printed")
    facts.add_row("Lead inspector", report.lead_inspector or "not printed")
    facts.add_row("File", f"{report.source.path} ({report.source.pages} pages)")

    table = Table(title="Judgements", title_justify="left", expand=False)
    table.add_column("Judgement", overflow="fold")
    table.add_column("Grade", no_wrap=True)
    table.add_column("Page", justify="right", style="dim")
    for j in report.judgements:
        table.add_row(j.label, grade_text(j.grade), str(j.page))

    parts: list[RenderableType] = [facts, Text(""), table, Text("")]
    parts.extend(_recommendation_blocks(report))
    return Group(*parts)


def _recommendation_blocks(report: Report) -> Iterator[RenderableType]:
    recs = report.recommendations
    if not recs:
        yield Text("Recommendations: none printed", style="bold")
        return
    groups = [
        (key, list(items)) for key, items in groupby(recs, key=lambda r: (r.body, r.priority))
    ]
    number = 0
    for (body, priority), items in groups:
        if len(groups) == 1:
            heading = "Recommendations"
        else:
            heading = f"{BODY_NAMES[body]} - {PRIORITY_NAMES[priority]}"
        yield Text(heading, style="bold")
        for rec in items:
            number += 1
            line = Text(f"{number:>3}. ")
            line.append(rec.text)
            line.append(f"  (p. {rec.page})", style="dim")
            yield line
        yield Text("")


def record_json(record: Report | ErrorRecord) -> dict[str, Any]:
    """The JSON-ready dict of a report or an error record (the output contract)."""
    return record.model_dump(mode="json")


def csv_rows(report: Report) -> Iterator[dict[str, Any]]:
    """One CSV row per judgement, with the report's facts repeated."""
    for j in report.judgements:
        yield {
            "file": report.source.path,
            "local_authority": report.local_authority or "",
            "framework": report.framework.value,
            "inspection_start": report.inspection_start.isoformat()
            if report.inspection_start
            else "",
            "inspection_end": report.inspection_end.isoformat() if report.inspection_end else "",
            "area": j.area.value,
            "label": j.label,
            "grade": j.grade.value,
            "page": j.page,
        }
