"""Recommendations across the library, as ``ofsted search`` finds them.

A recommendation matches when every query word begins a word of its text (case ignored,
curly and straight apostrophes the same): ``health histor`` finds "health histories" and
"health history". With ``--regex`` the query is one Python regular expression, searched for
as written (add ``(?i)`` to ignore case). Hits come by authority name, then by report date
(:func:`~ofsted_cli.library.known_date`), then file, then the order in the report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from .compare import AreaRow, iso
from .library import known_date
from .models import Body, Framework, Grade, Priority, Recommendation, Report
from .selection import OVERALL, grade_in

Span = tuple[int, int]
Matcher = Callable[[str], list[Span] | None]

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})

#: What ``--count-by`` can group the hits by.
COUNT_KEYS = ("authority", "grade", "year", "framework")


def word_matcher(words: Sequence[str]) -> Matcher:
    """Every word at the start of a word of the text, in any order and case; the spans
    matched (for highlighting), or None when a word is missing."""
    patterns = [
        re.compile(r"(?<!\w)" + re.escape(w.translate(_APOSTROPHES)), re.IGNORECASE)
        for w in words
        if w.strip()
    ]

    def match(text: str) -> list[Span] | None:
        plain = text.translate(_APOSTROPHES)  # one character for one: spans stay valid
        spans: list[Span] = []
        for pattern in patterns:
            found = [m.span() for m in pattern.finditer(plain)]
            if not found:
                return None
            spans.extend(found)
        return sorted(spans)

    return match


def regex_matcher(pattern: str) -> Matcher:
    """A Python regular expression, searched for as written; re.error when it is invalid."""
    compiled = re.compile(pattern)

    def match(text: str) -> list[Span] | None:
        return [m.span() for m in compiled.finditer(text)] or None

    return match


@dataclass(frozen=True)
class Hit:
    """One matching recommendation, with its report, its place in it, and what matched."""

    report: Report
    recommendation: Recommendation
    index: int
    spans: list[Span]
    authority_name: str

    @property
    def known(self) -> date | None:
        """The report's date (published, else the inspection's last day)."""
        return known_date(self.report)

    @property
    def order(self) -> tuple[str, date, str, int]:
        """Where the hit comes: by authority name, report date, file, place in the report."""
        return (
            self.authority_name.lower(),
            self.known or date.min,
            self.report.source.path,
            self.index,
        )


def search(
    reports: Iterable[Report],
    match: Matcher,
    names: Callable[[Report], str],
    priorities: Iterable[Priority] = (),
    bodies: Iterable[Body] = (),
) -> list[Hit]:
    """The recommendations of ``reports`` that match (and have one of the priorities and
    bodies, when given), in the module's order. ``names`` gives a report's authority name."""
    wanted_priorities, wanted_bodies = set(priorities), set(bodies)
    hits = []
    for report in reports:
        for index, rec in enumerate(report.recommendations):
            if wanted_priorities and rec.priority not in wanted_priorities:
                continue
            if wanted_bodies and rec.body not in wanted_bodies:
                continue
            spans = match(rec.text)
            if spans is not None:
                hits.append(Hit(report, rec, index, spans, names(report)))
    return sorted(hits, key=lambda h: h.order)


def hit_json(hit: Hit) -> dict[str, Any]:
    """One hit as data: whose report, which inspection, its overall grade, the item."""
    report, rec = hit.report, hit.recommendation
    overall = grade_in(report, OVERALL)
    return {
        "authority": report.authority.model_dump() if report.authority else None,
        "local_authority": report.local_authority,
        "framework": report.framework.value,
        "inspection_start": iso(report.inspection_start),
        "inspection_end": iso(report.inspection_end),
        "published": iso(report.published),
        "overall": overall.value if overall else None,
        "recommendation": {
            "text": rec.text,
            "body": rec.body.value,
            "priority": rec.priority.value,
            "page": rec.page,
        },
        "source": report.source.path,
    }


#: Columns of ``ofsted search --csv``: one row per hit.
SEARCH_FIELDS = [
    "authority",
    "code",
    "region",
    "local_authority",
    "framework",
    "inspection_start",
    "inspection_end",
    "published",
    "overall",
    "text",
    "body",
    "priority",
    "page",
    "source",
]


def hit_csv_row(hit: Hit) -> dict[str, Any]:
    data = hit_json(hit)
    authority = data.pop("authority") or {}
    return {
        **data,
        **data.pop("recommendation"),
        "authority": authority.get("name", ""),
        "code": authority.get("code", ""),
        "region": authority.get("region", ""),
    }


def _count_key(hit: Hit, by: str, area: AreaRow) -> Any:
    if by == "authority":
        return hit.authority_name
    if by == "grade":
        return grade_in(hit.report, area)
    if by == "year":
        return hit.known.year if hit.known else None
    return hit.report.framework


_GRADE_ORDER = {g: i for i, g in enumerate(Grade)}
_FRAMEWORK_ORDER = {f: i for i, f in enumerate(Framework)}


def _order(value: Any) -> tuple[int, Any]:
    """Grades by merit, frameworks in the vocabulary's order, others as they sort; None last."""
    if value is None:
        return (2, 0)
    if isinstance(value, Grade):
        return (0, _GRADE_ORDER[value])
    if isinstance(value, Framework):
        return (0, _FRAMEWORK_ORDER[value])
    if isinstance(value, str):
        return (1, value.lower())
    return (0, value)


def count_hits(hits: Sequence[Hit], by: str, area: AreaRow = OVERALL) -> list[dict[str, Any]]:
    """How many recommendations, reports and authorities each value of ``by`` has:
    ``authority`` (name), ``grade`` (the report's grade in ``area``, default overall),
    ``year`` (of the report date) or ``framework``."""
    groups: dict[Any, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(_count_key(hit, by, area), []).append(hit)
    rows = []
    for value in sorted(groups, key=_order):
        group = groups[value]
        shown = value.value if isinstance(value, (Grade, Framework)) else value
        rows.append(
            {
                by: shown,
                "recommendations": len(group),
                "reports": len({h.report.source.sha256 for h in group}),
                "authorities": len({h.authority_name for h in group}),
            }
        )
    return rows


def highlighted(text: str, spans: Sequence[Span]) -> Text:
    """The text with the matched spans in bold reverse."""
    out = Text(text)
    for start, end in spans:
        out.stylize("bold reverse", start, end)
    return out


def hits_renderable(hits: Sequence[Hit]) -> RenderableType:
    """The hits as a table: authority, date, framework, overall grade, text, page."""
    from .render import framework_short, grade_text

    reports = {h.report.source.sha256 for h in hits}
    authorities = {h.authority_name for h in hits}
    title = (
        f"{len(hits)} recommendation(s) in {len(reports)} report(s) "
        f"of {len(authorities)} authorit{'y' if len(authorities) == 1 else 'ies'}"
    )
    table = Table(
        title=title, title_justify="left", title_style="bold", show_lines=True, expand=True
    )
    table.add_column("Authority", overflow="fold", max_width=18)
    table.add_column("Date", no_wrap=True)
    table.add_column("Framework", no_wrap=True)
    table.add_column("Overall", overflow="fold", max_width=12)
    table.add_column("Recommendation", overflow="fold", ratio=1, min_width=24)
    table.add_column("Page", justify="right", no_wrap=True, style="dim")
    for hit in hits:
        table.add_row(
            hit.authority_name,
            iso(hit.known) or "undated",
            framework_short(hit.report.framework),
            grade_text(grade_in(hit.report, OVERALL)),
            highlighted(hit.recommendation.text, hit.spans),
            str(hit.recommendation.page),
        )
    return table


def counts_renderable(rows: Sequence[dict[str, Any]], by: str) -> RenderableType:
    """The ``--count-by`` table, with a total line."""
    from .render import grade_text

    table = Table(title=f"Matching recommendations by {by}", title_justify="left")
    table.add_column(by.capitalize())
    for column in ("Recommendations", "Reports", "Authorities"):
        table.add_column(column, justify="right")
    for row in rows:
        value = row[by]
        if by == "grade":
            label = grade_text(Grade(value)) if value else Text("no grade", style="dim")
        else:
            label = Text("none" if value is None else str(value))
        table.add_row(label, *(str(row[k]) for k in ("recommendations", "reports", "authorities")))
    return table
