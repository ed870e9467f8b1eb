"""Renderers: a Report as a rich display, JSON-ready data, or CSV rows."""

from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import groupby, repeat
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from .compare import iso, priority_actions
from .fit import Fitted, Measure, column_widths
from .models import Area, Body, Framework, Grade, Judgement, Part, Priority, Report
from .safe_text import inert

#: Grade colours. Only the 16 standard colours, so a 16-colour terminal shows them as meant
#: (256-colour names such as dark_orange fall back to red there, like inadequate); under
#: NO_COLOR the grade's name or code tells them apart.
GRADE_STYLES: dict[Grade, str] = {
    Grade.OUTSTANDING: "bold green",
    Grade.GOOD: "green",
    Grade.ADEQUATE: "yellow",
    Grade.REQUIRES_IMPROVEMENT: "bold yellow",
    Grade.INADEQUATE: "bold red",
    Grade.NOT_JUDGED: "dim",
    Grade.POSITIVE: "green",
    Grade.INCONSISTENT: "bold yellow",
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

#: Short codes for tables too narrow for the names (a key follows the table).
GRADE_CODES: dict[Grade, str] = {
    Grade.OUTSTANDING: "O",
    Grade.GOOD: "G",
    Grade.ADEQUATE: "A",
    Grade.REQUIRES_IMPROVEMENT: "RI",
    Grade.INADEQUATE: "I",
    Grade.NOT_JUDGED: "NJ",
    Grade.POSITIVE: "P",
    Grade.INCONSISTENT: "IC",
    Grade.SYSTEMIC_FAILINGS: "SF",
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


def grade_text(grade: Grade | None, *, code: bool = False) -> Text:
    """A grade's name (or code) in its colour (plain text where colour is off)."""
    if grade is None:
        return Text("")
    return Text((GRADE_CODES if code else GRADE_NAMES)[grade], style=GRADE_STYLES[grade])


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
    published = report.published.isoformat() if report.published else "not printed"
    who = report.authority
    lines = [
        ("Local authority", report.local_authority or "not printed"),
        ("Authority", f"{who.name} ({who.code}, {who.region})" if who else "not resolved"),
        ("Framework", framework_name(report.framework)),
        ("Inspection dates", _dates(report)),
        ("Published", published),
        ("Lead inspector", report.lead_inspector or "not printed"),
    ]
    if report.letter_date is not None:  # letters only
        lines.append(("Letter date", report.letter_date.isoformat()))
    if report.theme is not None:
        lines.append(("Theme", report.theme))
    lines.append(("File", f"{report.source.path} ({report.source.pages} pages)"))
    for name, value in lines:
        facts.add_row(name, Text(inert(value)))  # Text: PDF text is never markup
    for warning in report.warnings:
        facts.add_row(
            Text(f"{DOUBT_MARK} Warning", style="bold yellow"),
            Text(inert(f"{warning.part.value}: {warning.message}"), style="yellow"),
        )

    title = "Judgements"
    if report.warned(Part.JUDGEMENTS):
        title += f" {DOUBT_MARK} in doubt (see warnings)"
    rows = [(inert(j.label), grade_text(j.grade), str(j.page)) for j in report.judgements]
    graded: RenderableType = Fitted(
        [lambda width: _judgement_table(title, rows, width)],
        lambda width: _judgement_table(title, rows, None) or Text(""),
    )
    if not report.judgements and not report.warned(Part.JUDGEMENTS):
        graded = Text(f"Judgements: none ({framework_short(report.framework)} is not graded)")
    parts: list[RenderableType] = [facts, Text(""), graded, Text("")]
    parts.extend(_recommendation_blocks(report))
    return Group(*parts)


def _judgement_table(
    title: str, rows: list[tuple[str, Text, str]], width: int | None
) -> RenderableType | None:
    """The judgement table, its label column wrapped to fit ``width`` (None: as rich can)."""
    measures = [
        Measure(["Judgement", *(label for label, _, _ in rows)]),
        Measure(["Grade", *(grade.plain for _, grade, _ in rows)], order=1),
        Measure(["Page", *(page for _, _, page in rows)], whole=True, order=1),
    ]
    widths = column_widths(measures, width) if width is not None else None
    if widths is None and width is not None:
        return None
    fixed: Iterator[int | None] = iter(widths) if widths else repeat(None)
    table = Table(title=title, title_justify="left", expand=False)
    table.add_column("Judgement", width=next(fixed))
    table.add_column("Grade", width=next(fixed))
    table.add_column("Page", justify="right", style="dim", width=next(fixed))
    for label, grade, page in rows:
        table.add_row(Text(label), grade, page)
    return table


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
            text = Text(inert(rec.text))
            text.append(f" (p. {rec.page})", style="dim")
            if rec.responsible:
                text.append(f"\nResponsible: {rec.responsible}", style="italic")
            grid.add_row(f"{number}.", text)
        yield grid
        yield Text("")


def _report_facts(report: Report) -> dict[str, Any]:
    """The columns every per-report CSV row repeats."""
    return {
        "file": report.source.path,
        "local_authority": report.local_authority,
        "framework": report.framework.value,
        "inspection_start": iso(report.inspection_start),
        "inspection_end": iso(report.inspection_end),
    }


def csv_rows(report: Report) -> Iterator[dict[str, Any]]:
    """One CSV row per judgement, with the report's facts repeated; a report with no
    judgements (focused visits, JTAI) still has one row, its judgement columns empty."""
    rows: list[Judgement | None] = [*report.judgements] or [None]
    for j in rows:
        yield {
            **_report_facts(report),
            "area": j.area.value if j else None,
            "label": j.label if j else None,
            "grade": j.grade.value if j else None,
            "page": j.page if j else None,
            "warnings": warnings_text(report),
        }


#: Columns of ``parse --csv --recommendations``: one row per recommendation.
RECOMMENDATION_FIELDS = [
    "file",
    "local_authority",
    "framework",
    "inspection_start",
    "inspection_end",
    "position",
    "text",
    "body",
    "priority",
    "responsible",
    "page",
    "warnings",
]


def recommendation_rows(report: Report) -> Iterator[dict[str, Any]]:
    """One CSV row per recommendation (``position`` counts from 1 in report order)."""
    for position, rec in enumerate(report.recommendations, start=1):
        yield {
            **_report_facts(report),
            "position": position,
            "text": rec.text,
            "body": rec.body.value,
            "priority": rec.priority.value,
            "responsible": rec.responsible,
            "page": rec.page,
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
    ``title`` (history: one authority), column headers leave out the authority's name.
    When the names do not fit the terminal, columns are numbered and grades given as codes,
    with a key below the table."""

    def layout(compact: bool, width: int | None) -> RenderableType | None:
        return _comparison_table(comparison, labels, trend, title, compact, width)

    def squeezed(width: int) -> RenderableType:
        """Narrower than even the codes need: rich does what it can."""
        return _comparison_table(comparison, labels, trend, title, True, None) or Text("")

    return Fitted([lambda width: layout(False, width), lambda width: layout(True, width)], squeezed)


def _comparison_table(
    comparison: Any,
    labels: bool,
    trend: bool,
    title: str | None,
    compact: bool,
    width: int | None,
) -> RenderableType | None:
    """The comparison laid out to fit ``width`` (None: however rich manages), or None when
    it cannot without splitting a word."""
    columns = list(zip(comparison.columns, comparison.labels, strict=True))
    headers: list[str] = []
    for n, (report, label) in enumerate(columns, start=1):
        start = report.inspection_start.isoformat() if report.inspection_start else "undated"
        lines = [*([] if title else [inert(label)]), start, framework_short(report.framework)]
        headers.append(str(n) if compact else "\n".join(lines))
    body: list[list[Text]] = []
    shown: set[Grade] = set()
    for row in comparison.rows:
        cells: list[Text] = []
        for cell, moved in zip(row.cells, row.changes, strict=True):
            if cell is None:
                cells.append(Text(""))
                continue
            shown.add(cell.grade)
            text = grade_text(cell.grade, code=compact)
            if moved in CHANGE_MARKS:
                mark, style = CHANGE_MARKS[moved]
                text.append(mark.strip() if compact else mark, style=style)
            if labels:
                text.append(f"\n{inert(cell.label)}", style="dim")
            cells.append(text)
        body.append(cells)
    names = [row.area.name for row in comparison.rows]
    marks: list[list[str]] = [
        [] if trend else [DIFFERS_MARK if row.differs else ""] for row in comparison.rows
    ]
    ungraded = ungraded_cells(comparison.columns)
    if any(cell.plain for cell in ungraded):
        body.append(ungraded)
        names.append(UNGRADED_ROW)
        marks.append([] if trend else [""])

    # The row names narrow last: a wrapped name makes its whole row taller ("Area SEND
    # outcome" on two lines), a wrapped header or grade only its own cell.
    areas = Measure(["Area", *names], order=1)
    measures = [areas, *([] if trend else [Measure([DIFFERS_MARK], whole=True)])]
    for i, header in enumerate(headers):
        measures.append(Measure([header, *(cells[i].plain for cells in body)], whole=compact))
    widths = column_widths(measures, width) if width is not None else None
    if widths is None and width is not None:
        return None
    fixed: Iterator[int | None] = iter(widths) if widths else repeat(None)

    table = Table(
        show_lines=labels,
        title=Text(inert(title)) if title else None,
        title_justify="left",
        title_style="bold",
    )
    table.add_column("Area", style="bold", width=next(fixed))
    if not trend:
        table.add_column("", no_wrap=True, style="bold yellow", width=next(fixed))
    for header in headers:
        table.add_column(Text(header, style="bold"), width=next(fixed))
    for name, row_marks, cells in zip(names, marks, body, strict=True):
        table.add_row(Text(name), *row_marks, *cells)
    return Group(table, _comparison_notes(comparison, labels, trend, title, compact, shown))


def _comparison_notes(
    comparison: Any, labels: bool, trend: bool, title: str | None, compact: bool, shown: set[Grade]
) -> Text:
    """Below the table: the columns' key (compact), the grade codes, recommendation counts
    and what the marks mean."""
    notes = Text()
    columns = list(zip(comparison.columns, comparison.labels, strict=True))
    if compact:
        for n, (report, label) in enumerate(columns, start=1):
            start = report.inspection_start or "undated"
            who = "" if title else f"{inert(label)}, "
            notes.append(f"{n}", style="bold")
            notes.append(f" {who}{start}, {framework_short(report.framework)}\n")
        codes = [f"{GRADE_CODES[g]} {GRADE_NAMES[g].lower()}" for g in GRADE_CODES if g in shown]
        notes.append("Grades: ", style="bold")
        notes.append(", ".join(codes) + ".\n")
    counts = ", ".join(
        f"{n if compact else ('' if title else inert(label) + ' ')}"
        f"{'' if compact else report.inspection_start or 'undated'}: "
        f"{len(report.recommendations)}"
        for n, (report, label) in enumerate(columns, start=1)
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
    return notes


def comparison_fields(trend: bool) -> list[str]:
    """Columns of ``compare --csv`` (with ``differs``) and ``history --csv`` (with ``change``)."""
    return [
        "column",
        "authority",
        "local_authority",
        "framework",
        "inspection_start",
        "inspection_end",
        "file",
        "row",
        "row_name",
        "area",
        "label",
        "grade",
        "page",
        "change" if trend else "differs",
    ]


def comparison_rows(comparison: Any, *, trend: bool) -> Iterator[dict[str, Any]]:
    """A comparison flat: one row per judged cell, row by row, then column by column
    (``column`` counts the columns from 1). Cells a framework does not judge are left out."""
    columns = list(zip(comparison.columns, comparison.labels, strict=True))
    for row in comparison.rows:
        for n, (cell, moved, (report, label)) in enumerate(
            zip(row.cells, row.changes, columns, strict=True), start=1
        ):
            if cell is None:
                continue
            yield {
                "column": n,
                "authority": label,
                **_report_facts(report),
                "row": row.area.key,
                "row_name": row.area.name,
                "area": cell.area.value,
                "label": cell.label,
                "grade": cell.grade.value,
                "page": cell.page,
                "change" if trend else "differs": moved if trend else int(row.differs),
            }


#: The row of ``history`` and ``compare`` where reports that grade nothing (focused visits,
#: JTAI letters) show what they are and how many priority actions they name.
UNGRADED_ROW = "Not graded"


def ungraded_cells(columns: list[Report]) -> list[Text]:
    """Per column: for a report with no judgements, its kind and, below, its number of
    priority actions ("Focused visit" / "2 priority actions"); empty for the others."""
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
    """The library's reports, one line each, as ``ofsted list`` shows them: a table where it
    fits the terminal, else one short block per report. Files are named, not their paths."""
    lines = [_list_line(row) for row in rows]
    return Fitted(
        [lambda width: _list_table(lines, title, width)], lambda _: _list_blocks(lines, title)
    )


#: A report's line in the ``list`` table: authority, framework, dates, overall grade, file.
_ListLine = tuple[str, str, str, Text, str]


def _list_line(row: dict[str, Any]) -> _ListLine:
    grade = row["overall_effectiveness"] or row["send_outcome"]
    start, end = row["inspection_start"], row["inspection_end"]
    dates = start or "not printed"
    if start and end and end != start:
        dates = f"{start} to {end}"
    return (
        inert(row["authority"] or "not printed"),
        framework_short(Framework(row["framework"])),
        dates,
        grade_text(Grade(grade)) if grade else Text(""),
        inert(os.path.basename(row["file"])),
    )


def _list_table(lines: list[_ListLine], title: str, width: int) -> RenderableType | None:
    headers = ("Authority", "Framework", "Inspection dates", "Overall", "File")
    measures = [  # authority and file names wrap first, dates and grades last
        Measure([header, *(_plain(line[i]) for line in lines)], order=0 if i in (0, 4) else 1)
        for i, header in enumerate(headers)
    ]
    widths = column_widths(measures, width)
    if widths is None:
        return None
    table = Table(title=Text(title), title_justify="left")
    for header, column_width in zip(headers, widths, strict=True):
        table.add_column(header, width=column_width, style="dim" if header == "File" else "")
    for line in lines:
        table.add_row(*(Text(cell) if isinstance(cell, str) else cell for cell in line))
    return table


def _plain(cell: str | Text) -> str:
    return cell.plain if isinstance(cell, Text) else cell


def _list_blocks(lines: list[_ListLine], title: str) -> RenderableType:
    """Too narrow for a table: each report as its authority, then its facts, then its file."""
    out = Text()
    out.append(title + "\n", style="bold")
    for authority, framework, dates, grade, file in lines:
        out.append(f"\n{authority}\n", style="bold")
        out.append(f"  {framework}, {dates}")
        if grade.plain:
            out.append(", ")
            out.append_text(grade)
        out.append(f"\n  {file}\n", style="dim")
    return out


def list_row(report: Report, authority: str | None) -> dict[str, Any]:
    """A report's line in ``ofsted list`` as JSON-ready data (keys: :data:`LIST_FIELDS`);
    ``authority`` is the library's name for its authority, ``local_authority`` as printed."""
    overall = report.judgement(Area.OVERALL_EFFECTIVENESS)
    send = report.judgement(Area.SEND_OUTCOME)
    return {
        "authority": authority,
        "local_authority": report.local_authority,
        "framework": report.framework.value,
        "inspection_start": iso(report.inspection_start),
        "inspection_end": iso(report.inspection_end),
        "published": iso(report.published),
        "overall_effectiveness": overall.grade.value if overall else None,
        "send_outcome": send.grade.value if send else None,
        "file": report.source.path,
    }
