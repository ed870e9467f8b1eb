"""Renderers: a Report as a rich display, JSON-ready data, or CSV rows."""

from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import groupby
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from .models import Area, Body, Framework, Grade, Judgement, Part, Priority, Report

GRADE_STYLES: dict[Grade, str] = {
    Grade.OUTSTANDING: "bold green",
    Grade.GOOD: "green",
    Grade.ADEQUATE: "yellow",
    Grade.REQUIRES_IMPROVEMENT: "dark_orange",
    Grade.INADEQUATE: "bold red",
    Grade.NOT_JUDGED: "dim",
    Grade.POSITIVE: "green",
    Grade.INCONSISTENT: "dark_orange",
    Grade.SYSTEMIC_FAILINGS: "bold red",
}

GRADE_NAMES: dict[Grade, str] = {
    Grade.OUTSTANDING: "Outstanding",
    Grade.GOOD: "Good",
    Grade.ADEQUATE: "Adequate",
    Grade.REQUIRES_IMPROVEMENT: "Requires improvement",
    Grade.INADEQUATE: "Inadequate",
    Grade.NOT_JUDGED: "Not judged",
    Grade.POSITIVE: "Positive",
    Grade.INCONSISTENT: "Inconsistent",
    Grade.SYSTEMIC_FAILINGS: "Systemic failings",
}


def framework_name(framework: Framework) -> str:
    """A framework's long display name, kept with its reader."""
    from .frameworks import reader_for

    return reader_for(framework).NAME


def framework_short(framework: Framework) -> str:
    """A framework's short display name (table headers), kept with its reader."""
    from .frameworks import reader_for

    return reader_for(framework).SHORT


BODY_NAMES: dict[Body, str] = {
    Body.LOCAL_AUTHORITY: "Local authority",
    Body.LSCB: "Local Safeguarding Children Board",
    Body.LOCAL_AREA_PARTNERSHIP: "Local area partnership",
    Body.PARTNERSHIP: "Multi-agency partnership",
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
    "warnings",
]

#: Marks a part of a record that a self-check put in doubt.
DOUBT_MARK = "⚠"


def warnings_text(report: Report, part: Part | None = None) -> str:
    """The report's warnings (of one part, or all) as one line: 'part: message; …'."""
    return "; ".join(
        f"{w.part.value}: {w.message}" for w in report.warnings if part is None or w.part == part
    )


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
    facts.add_row("Framework", framework_name(report.framework))
    facts.add_row("Inspection dates", _dates(report))
    facts.add_row("Published", report.published.isoformat() if report.published else "not printed")
    facts.add_row("Lead inspector", report.lead_inspector or "not printed")
    facts.add_row("File", f"{report.source.path} ({report.source.pages} pages)")
    for warning in report.warnings:
        facts.add_row(
            Text(f"{DOUBT_MARK} Warning", style="bold yellow"),
            Text(f"{warning.part.value}: {warning.message}", style="yellow"),
        )

    title = "Judgements"
    if report.warned(Part.JUDGEMENTS):
        title += f" {DOUBT_MARK} in doubt (see warnings)"
    table = Table(title=title, title_justify="left", expand=False)
    table.add_column("Judgement", overflow="fold")
    table.add_column("Grade", no_wrap=True)
    table.add_column("Page", justify="right", style="dim")
    for j in report.judgements:
        table.add_row(j.label, grade_text(j.grade), str(j.page))
    graded: RenderableType = table
    if not report.judgements and not report.warned(Part.JUDGEMENTS):
        graded = Text(f"Judgements: none ({framework_short(report.framework)} is not graded)")

    parts: list[RenderableType] = [facts, Text(""), graded, Text("")]
    parts.extend(_recommendation_blocks(report))
    return Group(*parts)


def _recommendation_blocks(report: Report) -> Iterator[RenderableType]:
    recs = report.recommendations
    if report.warned(Part.RECOMMENDATIONS):
        yield Text(f"{DOUBT_MARK} Recommendations in doubt (see warnings)", style="bold yellow")
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
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", no_wrap=True)
        grid.add_column(overflow="fold")
        for rec in items:
            number += 1
            text = Text(rec.text)
            text.append(f" (p. {rec.page})", style="dim")
            if rec.responsible:
                text.append(f"\nResponsible: {rec.responsible}", style="italic")
            grid.add_row(f"{number}.", text)
        yield grid
        yield Text("")


def csv_rows(report: Report) -> Iterator[dict[str, Any]]:
    """One CSV row per judgement, with the report's facts repeated; a report with no
    judgements (focused visits, JTAI) still has one row, its judgement columns empty."""
    rows: list[Judgement | None] = [*report.judgements] or [None]
    for j in rows:
        yield {
            "file": report.source.path,
            "local_authority": report.local_authority or "",
            "framework": report.framework.value,
            "inspection_start": report.inspection_start.isoformat()
            if report.inspection_start
            else "",
            "inspection_end": report.inspection_end.isoformat() if report.inspection_end else "",
            "area": j.area.value if j else "",
            "label": j.label if j else "",
            "grade": j.grade.value if j else "",
            "page": j.page if j else "",
            "warnings": warnings_text(report),
        }


#: How a grade's rise or fall since the previous inspection is drawn in ``history``.
CHANGE_MARKS: dict[str, tuple[str, str]] = {
    "up": (" ↑", "bold green"),
    "down": (" ↓", "bold red"),
}

#: Marks a ``compare`` row whose judged grades are not all the same.
DIFFERS_MARK = "≠"


def inspection_dates(report: Report) -> str:
    """The inspection's dates, short form, for headers and listings."""
    return _dates(report)


def comparison_renderable(
    comparison: Any, *, labels: bool, trend: bool, title: str | None = None
) -> RenderableType:
    """A :class:`~ofsted_cli.compare.Comparison` as a table: areas down, reports across,
    grades coloured; ``≠`` marks rows that differ (compare) or arrows show rises and falls
    (history). With ``labels``, each cell also shows the label its report printed. With a
    ``title`` (history: one authority), column headers leave out the authority's name."""
    table = Table(show_lines=labels, title=title, title_justify="left", title_style="bold")
    table.add_column("Area", overflow="fold", style="bold")
    if not trend:
        table.add_column("", no_wrap=True, style="bold yellow", width=1)
    for report, label in zip(comparison.columns, comparison.labels, strict=True):
        start = report.inspection_start.isoformat() if report.inspection_start else "undated"
        header = "\n".join([*([] if title else [label]), start, framework_short(report.framework)])
        table.add_column(Text(header, style="bold"), overflow="fold")
    for row in comparison.rows:
        cells: list[RenderableType] = []
        for cell, moved in zip(row.cells, row.changes, strict=True):
            if cell is None:
                cells.append(Text(""))
                continue
            text = grade_text(cell.grade)
            if moved in CHANGE_MARKS:
                mark, style = CHANGE_MARKS[moved]
                text.append(mark, style=style)
            if labels:
                text.append(f"\n{cell.label}", style="dim")
            cells.append(text)
        if trend:
            table.add_row(row.area.name, *cells)
        else:
            table.add_row(row.area.name, DIFFERS_MARK if row.differs else "", *cells)
    ungraded = ungraded_cells(comparison.columns)
    if any(ungraded):
        table.add_row(UNGRADED_ROW, *([] if trend else [""]), *ungraded)

    notes = Text()
    counts = ", ".join(
        f"{'' if title else label + ' '}{report.inspection_start or 'undated'}: "
        f"{len(report.recommendations)}"
        for report, label in zip(comparison.columns, comparison.labels, strict=True)
    )
    notes.append("Recommendations: ", style="bold")
    notes.append(counts + "\n")
    if trend:
        notes.append("↑ / ↓: better / worse than the previous inspection that judged the area.")
    else:
        notes.append(f"{DIFFERS_MARK}: the grades differ.")
    notes.append(" Blank: that framework does not judge the area.", style="dim")
    if not labels:
        notes.append(" --labels shows the labels as printed.", style="dim")
    return Group(table, notes)


#: The row of ``history`` and ``compare`` where reports that grade nothing (focused visits,
#: JTAI letters) show what they are and how many priority actions they name.
UNGRADED_ROW = "Not graded"


def ungraded_cells(columns: list[Report]) -> list[Text]:
    """Per column: for a report with no judgements, its kind and, below, its number of
    priority actions ("Focused visit" / "2 priority actions"); empty for the others."""
    from .compare import priority_actions

    cells = []
    for report in columns:
        if report.judgements:
            cells.append(Text(""))
            continue
        n = priority_actions(report)
        kind = framework_short(report.framework)
        cells.append(Text(f"{kind}\n{n} priority action{'' if n == 1 else 's'}", style="italic"))
    return cells


#: Columns of ``ofsted list`` in --csv (and the keys of --json/--jsonl).
LIST_FIELDS = [
    "authority",
    "local_authority",
    "framework",
    "inspection_start",
    "inspection_end",
    "published",
    "overall_effectiveness",
    "send_outcome",
    "file",
]


def list_renderable(rows: list[dict[str, Any]], title: str) -> RenderableType:
    """The library's reports, one line each, as ``ofsted list`` shows them."""
    table = Table(title=title, title_justify="left")
    table.add_column("Authority", overflow="fold", min_width=10)
    table.add_column("Framework", no_wrap=True)
    table.add_column("Inspection dates", no_wrap=True)
    table.add_column("Overall", no_wrap=True)
    table.add_column("File", overflow="fold", style="dim", min_width=12)
    for row in rows:
        grade = row["overall_effectiveness"] or row["send_outcome"]
        start, end = row["inspection_start"], row["inspection_end"]
        dates = start or "not printed"
        if start and end and end != start:
            dates = f"{start} to {end}"
        path = os.path.relpath(row["file"]) if os.path.isabs(row["file"]) else row["file"]
        table.add_row(
            row["authority"] or "not printed",
            framework_short(Framework(row["framework"])),
            dates,
            grade_text(Grade(grade)) if grade else Text(""),
            row["file"] if path.startswith("..") else path,
        )
    return table


def list_row(report: Report, authority: str | None) -> dict[str, Any]:
    """A report's line in ``ofsted list`` as JSON-ready data (keys: :data:`LIST_FIELDS`);
    ``authority`` is the library's name for its authority, ``local_authority`` as printed."""
    overall = report.judgement(Area.OVERALL_EFFECTIVENESS)
    send = report.judgement(Area.SEND_OUTCOME)
    return {
        "authority": authority,
        "local_authority": report.local_authority,
        "framework": report.framework.value,
        "inspection_start": report.inspection_start.isoformat()
        if report.inspection_start
        else None,
        "inspection_end": report.inspection_end.isoformat() if report.inspection_end else None,
        "published": report.published.isoformat() if report.published else None,
        "overall_effectiveness": overall.grade.value if overall else None,
        "send_outcome": send.grade.value if send else None,
        "file": report.source.path,
    }
