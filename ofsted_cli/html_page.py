"""One self-contained HTML page for a committee paper: the grades as a coloured heat-map table,
the recommendations with their page numbers, and the source files named.

The page needs no network (inline CSS, no scripts, no fonts or images to fetch) and prints on
A4. Every piece of text from a report or a file name is HTML-escaped by :func:`esc`.

A page is :func:`document` around sections; :func:`heatmap` draws any grid of grades, so a new
view (the national summary, say) is one function that builds its rows and calls these two.
"""

from __future__ import annotations

import html
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from . import __version__
from .models import Grade, Report
from .safe_text import inert

#: Each grade's cell colours (background, text): the order of merit reads from green to red,
#: and the text names the grade, so the page still reads when printed in grey.
GRADE_COLOURS: dict[Grade, tuple[str, str]] = {
    Grade.OUTSTANDING: ("#1a7f37", "#ffffff"),
    Grade.GOOD: ("#8fd694", "#10361a"),
    Grade.ADEQUATE: ("#f5d04c", "#3d3000"),
    Grade.REQUIRES_IMPROVEMENT: ("#f29a4a", "#3d1d00"),
    Grade.INADEQUATE: ("#b3261e", "#ffffff"),
    Grade.NOT_JUDGED: ("#bdbdbd", "#222222"),
    Grade.POSITIVE: ("#8fd694", "#10361a"),
    Grade.INCONSISTENT: ("#f29a4a", "#3d1d00"),
    Grade.SYSTEMIC_FAILINGS: ("#b3261e", "#ffffff"),
}

#: A heat-map with more area columns than this prints on A4 landscape, so grades stay whole.
LANDSCAPE_AFTER = 5

#: A cell whose framework does not judge the area.
BLANK_COLOUR = "#eeeeee"

_CSS = """
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 10.5pt;
  color: #1b1b1b; margin: 16px; line-height: 1.35;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { font-size: 16pt; margin: 0 0 10px; }
h2 { font-size: 12.5pt; margin: 18px 0 6px; }
h3 { font-size: 11pt; margin: 12px 0 4px; }
table { border-collapse: collapse; }
table.heatmap { width: 100%; margin-bottom: 6px; }
.heatmap th, .heatmap td { border: 2px solid #ffffff; padding: 8px 4px; vertical-align: middle;
  text-align: center; }
.heatmap thead th { background: #f7f7f7; font-size: 9pt; font-weight: 600; }
.heatmap tbody th { text-align: left; background: #f7f7f7; font-weight: 600; }
.heatmap tbody th small { display: block; font-weight: normal; color: #555555; }
.heatmap small span { white-space: nowrap; }
.heatmap td { height: 3.2em; font-weight: 600; font-size: 9.5pt; }
td.blank { background: #eeeeee; }
.legend { font-size: 9pt; margin: 4px 0 12px; }
.legend span { display: inline-block; padding: 2px 8px; margin: 0 4px 4px 0; }
ol { margin: 4px 0 8px; padding-left: 26px; }
li { margin-bottom: 3px; }
.page { color: #555555; white-space: nowrap; }
table.sources td, table.sources th { border: 1px solid #cccccc; padding: 3px 6px;
  text-align: left; font-size: 9pt; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; word-break: break-all; }
footer { margin-top: 18px; font-size: 8.5pt; color: #555555; }
tr, li { page-break-inside: avoid; }
@media print { body { margin: 0; font-size: 9.5pt; } .heatmap td { font-size: 8.5pt; } }
"""


def esc(text: object) -> str:
    """Text from a report or a path, safe inside HTML: escaped, control characters inert."""
    return html.escape(inert(str(text)), quote=True)


def _grade_css() -> str:
    rules = [
        f"td.g-{grade.value}, span.g-{grade.value} {{ background: {bg}; color: {fg}; }}"
        for grade, (bg, fg) in GRADE_COLOURS.items()
    ]
    return "\n".join(rules)


def document(title: str, sections: Sequence[str], *, landscape: bool = False) -> str:
    """The whole page: ``sections`` are HTML fragments already built with :func:`esc`.
    ``landscape`` prints it on A4 turned sideways (a heat-map with many columns)."""
    page_css = f"@page {{ size: A4 {'landscape' if landscape else 'portrait'}; margin: 12mm; }}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{esc(title)}</title>",
        f"<style>{page_css}{_CSS}{_grade_css()}\n</style>",
        "</head>",
        "<body>",
        f"<h1>{esc(title)}</h1>",
        *sections,
        f"<footer>Made with ofsted-cli {esc(__version__)} from the reports named above.</footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


@dataclass(frozen=True)
class HeatCell:
    """One cell of a heat-map: its grade (None: not judged by that framework), an optional
    mark after the grade's name (↑, ↓) and the label as printed (shown as a tooltip)."""

    grade: Grade | None
    mark: str = ""
    label: str = ""


def heatmap(
    corner: str,
    columns: Sequence[str],
    rows: Sequence[tuple[str, str, Sequence[HeatCell]]],
    caption: str,
) -> str:
    """A table of coloured grade cells: ``columns`` are the area names across the top; each
    row is (heading, small print under it, cells)."""
    from .render import GRADE_NAMES

    out = [f'<table class="heatmap"><caption hidden>{esc(caption)}</caption><thead><tr>']
    out.append(f'<th scope="col" class="corner">{esc(corner)}</th>')
    out.extend(f'<th scope="col">{esc(name)}</th>' for name in columns)
    out.append("</tr></thead><tbody>")
    for heading, small, cells in rows:
        words = " ".join(f"<span>{esc(word)}</span>" for word in small.split())  # no break at "-"
        out.append(f'<tr><th scope="row">{esc(heading)}<small>{words}</small></th>')
        for cell in cells:
            if cell.grade is None:
                out.append('<td class="blank" title="not judged by this framework"></td>')
                continue
            text = GRADE_NAMES[cell.grade] + cell.mark
            out.append(
                f'<td class="g-{cell.grade.value}" title="{esc(cell.label)}">{esc(text)}</td>'
            )
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def legend(grades: Collection[Grade], note: str) -> str:
    """The colour key for the grades shown (in order of merit), and a note on marks and
    blank cells."""
    from .render import GRADE_NAMES

    swatches = "".join(
        f'<span class="g-{g.value}">{esc(GRADE_NAMES[g])}</span>'
        for g in GRADE_COLOURS
        if g in grades
    )
    return f'<p class="legend">{swatches}<br>{esc(note)}</p>'


def recommendations_section(heading: str, report: Report) -> str:
    """A report's recommendations, numbered in report order, each with its page."""
    out = [f"<h3>{esc(heading)}</h3>"]
    if not report.recommendations:
        out.append("<p>No recommendations printed.</p>")
        return "".join(out)
    out.append("<ol>")
    for rec in report.recommendations:
        responsible = f" Responsible: {esc(rec.responsible)}." if rec.responsible else ""
        out.append(
            f'<li>{esc(rec.text)}{responsible} <span class="page">(p.&nbsp;{rec.page})</span></li>'
        )
    out.append("</ol>")
    return "".join(out)


def sources_section(entries: Sequence[tuple[str, Report]]) -> str:
    """The files the page was made from: what each column is, its file and sha256."""
    out = [
        "<h2>Source files</h2>",
        '<table class="sources"><thead><tr><th>Column</th><th>File</th><th>Pages</th>'
        "<th>sha256</th></tr></thead><tbody>",
    ]
    for heading, report in entries:
        out.append(
            f"<tr><td>{esc(heading)}</td><td><code>{esc(report.source.path)}</code></td>"
            f"<td>{esc(report.source.pages or '')}</td>"
            f"<td><code>{esc(report.source.sha256[:16])}…</code></td></tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)


def comparison_page(comparison: Any, *, trend: bool, title: str | None = None) -> str:
    """``compare`` (authorities × areas) or ``history`` (inspections × areas) as a page."""
    from .render import CHANGE_MARKS, framework_short, inspection_dates

    area_names = [row.area.name for row in comparison.rows]
    rows: list[tuple[str, str, list[HeatCell]]] = []
    headings: list[tuple[str, Report]] = []
    shown: set[Grade] = set()
    for i, (report, label) in enumerate(zip(comparison.columns, comparison.labels, strict=True)):
        dates = inspection_dates(report)
        framework = framework_short(report.framework)
        cells = []
        for row in comparison.rows:
            cell, moved = row.cells[i], row.changes[i]
            if cell is None:
                cells.append(HeatCell(None))
                continue
            shown.add(cell.grade)
            mark = CHANGE_MARKS[moved][0] if moved in CHANGE_MARKS else ""
            cells.append(HeatCell(cell.grade, mark, cell.label))
        if trend:
            rows.append((dates, framework, cells))
            headings.append((f"{dates} ({framework})", report))
        else:
            rows.append((label, f"{dates} · {framework}", cells))
            headings.append((f"{label}, {dates} ({framework})", report))
    if title is None:
        title = f"Inspection grades: {len(comparison.columns)} reports compared"
    if trend:
        note = "↑ / ↓: better / worse than the previous inspection that judged the area. "
    else:
        note = ""
    note += "Grey: that framework does not judge the area."
    sections = [
        heatmap("Inspection" if trend else "Authority", area_names, rows, title),
        legend(shown, note),
        "<h2>Recommendations</h2>",
        *(recommendations_section(heading, report) for heading, report in headings),
        sources_section(headings),
    ]
    return document(title, sections, landscape=len(area_names) > LANDSCAPE_AFTER)


def summary_page(summary: Any) -> str:
    """``summary`` (a :class:`~ofsted_cli.summary.Summary`) as a page: the counts and shares
    per grade for England and each region shown, then every authority's standing grade as a
    heat-map, region by region, and the inspections it comes from."""
    from .render import GRADE_NAMES, framework_short, inspection_dates
    from .summary import share

    england = summary.tally()
    grades = list(england.grades)
    frameworks = ", ".join(framework_short(f) for f in summary.frameworks)
    title = f"{summary.area.name} on {summary.at.isoformat()} ({frameworks})"
    scopes = [("England", england), *((r, summary.tally(r)) for r in summary.shown_regions)]
    head = "".join(f'<th scope="col">{esc(GRADE_NAMES[g])}</th>' for g in grades)
    counts = [
        '<table class="sources counts"><thead><tr><th scope="col"></th>'
        f'<th scope="col">Graded</th>{head}<th scope="col">Good or better</th></tr></thead><tbody>'
    ]
    for name, tally in scopes:
        cells = "".join(
            f'<td class="g-{g.value}">{esc(share(tally.grades.get(g, 0), tally.authorities))}</td>'
            for g in grades
        )
        better = share(tally.good_or_better, tally.authorities)
        counts.append(
            f'<tr><th scope="row">{esc(name)}</th>'
            f"<td>{tally.authorities} of {tally.in_force}</td>{cells}<td>{esc(better)}</td></tr>"
        )
    counts.append("</tbody></table>")
    rows = [
        (
            standing.authority.name,
            f"{standing.authority.region} · {inspection_dates(standing.report)} · "
            f"{framework_short(standing.report.framework)}",
            [HeatCell(standing.grade)],
        )
        for standing in summary.rows
    ]
    sources = [
        (standing.authority.name, standing.report)
        for standing in summary.rows
        if standing.grade is not None
    ]
    sections = [
        "<h2>Authorities by grade</h2>",
        "".join(counts),
        "<p>Shares are of the authorities with a grade; "
        "an authority whose standing inspection does not judge the area is not counted.</p>",
        "<h2>Each authority</h2>",
        heatmap("Authority", [summary.area.name], rows, title),
        legend({s.grade for s in summary.rows if s.grade is not None}, "Grey: not graded."),
        sources_section(sources),
    ]
    return document(title, sections)
