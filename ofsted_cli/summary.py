"""The national picture on a date: each authority's standing grade, counted for England and
per region, as ``ofsted summary`` shows it.

The rules (the README repeats them):
- an authority counts when its code is in force on the date and the library holds an
  inspection of the chosen frameworks known by then (:func:`~ofsted_cli.library.known_date`:
  published when printed, else the inspection's last day); a council that changed code
  (Somerset 2023) is one authority across the change;
- its standing inspection is the latest of those (:func:`~ofsted_cli.library.recency`: ties
  by the inspection's first day, then by file path), whatever it judged;
- its grade is that inspection's grade in the area (aligned across frameworks as in
  ``compare``); where the inspection does not judge the area, the authority has a row with a
  null grade and is not counted;
- reports whose name resolved to no authority cannot be placed and are left out (and said so);
  reports with warnings count as read, and their rows carry the warnings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from . import authorities
from .authorities import lineage
from .compare import AreaRow, iso
from .library import latest_of
from .models import Authority, Framework, Grade, Part, Report
from .selection import grade_in

#: The full-inspection frameworks, summarised unless others are asked for.
DEFAULT_FRAMEWORKS: tuple[Framework, ...] = (Framework.ILACS, Framework.SIF)

#: Grades always listed, with zero counts; any other grade is listed when it occurs.
MAIN_GRADES: tuple[Grade, ...] = (
    Grade.OUTSTANDING,
    Grade.GOOD,
    Grade.REQUIRES_IMPROVEMENT,
    Grade.INADEQUATE,
)

#: The grades "good or better" adds up.
GOOD_OR_BETTER = frozenset({Grade.OUTSTANDING, Grade.GOOD})


@dataclass(frozen=True)
class Standing:
    """One authority on the date: the council (its code then), its standing inspection and
    the grade that inspection gave in the area (None where it does not judge it)."""

    authority: Authority
    report: Report
    grade: Grade | None


@dataclass(frozen=True)
class Tally:
    """Counts for one scope (England or a region)."""

    in_force: int
    grades: dict[Grade, int]

    @property
    def authorities(self) -> int:
        """Authorities with a grade: the denominator of every share."""
        return sum(self.grades.values())

    @property
    def good_or_better(self) -> int:
        return sum(n for g, n in self.grades.items() if g in GOOD_OR_BETTER)


@dataclass(frozen=True)
class Summary:
    """The picture on ``at``: every standing in England, the scopes to show."""

    at: date
    area: AreaRow
    frameworks: tuple[Framework, ...]
    regions: tuple[str, ...] | None
    standings: list[Standing]

    @property
    def shown_regions(self) -> tuple[str, ...]:
        """The regions asked for, else all nine, in alphabetical order."""
        return tuple(sorted(self.regions or authorities.REGIONS))

    @property
    def rows(self) -> list[Standing]:
        """The standings in the regions shown, by region, then name."""
        shown = set(self.shown_regions)
        kept = [s for s in self.standings if s.authority.region in shown]
        return sorted(kept, key=lambda s: (s.authority.region, s.authority.name))

    def tally(self, region: str | None = None) -> Tally:
        """The counts for England (no region) or one region."""
        in_scope = [s for s in self.standings if region in (None, s.authority.region)]
        counted = Counter(s.grade for s in in_scope if s.grade is not None)
        grades = {g: counted.get(g, 0) for g in Grade if g in MAIN_GRADES or g in counted}
        in_force = [a for a in authorities.all_authorities(self.at) if region in (None, a.region)]
        return Tally(len(in_force), grades)


def summarise(
    reports: Iterable[Report],
    at: date,
    area: AreaRow,
    frameworks: Sequence[Framework] = DEFAULT_FRAMEWORKS,
    regions: Sequence[str] | None = None,
) -> Summary:
    """Each authority in force on ``at`` with its standing inspection and grade."""
    by_council: dict[str, list[Report]] = {}
    for report in reports:
        if report.authority is not None and report.framework in frameworks:
            by_council.setdefault(lineage(report.authority.code), []).append(report)
    in_force = {lineage(a.code): a for a in authorities.all_authorities(at)}
    standings = []
    for council, council_reports in by_council.items():
        standing = latest_of(council_reports, at)
        if council in in_force and standing is not None:
            grade = grade_in(standing, area)
            standings.append(Standing(in_force[council], standing, grade))
    return Summary(at, area, tuple(frameworks), tuple(regions) if regions else None, standings)


def _tally_json(tally: Tally) -> dict[str, Any]:
    return {
        "in_force": tally.in_force,
        "authorities": tally.authorities,
        "grades": {g.value: n for g, n in tally.grades.items()},
        "good_or_better": tally.good_or_better,
    }


def row_json(standing: Standing) -> dict[str, Any]:
    """One authority's line: who, the grade, and the inspection it comes from."""
    report = standing.report
    return {
        "authority": standing.authority.model_dump(),
        "grade": standing.grade.value if standing.grade is not None else None,
        "framework": report.framework.value,
        "inspection_start": iso(report.inspection_start),
        "inspection_end": iso(report.inspection_end),
        "published": iso(report.published),
        "source": report.source.path,
        "warnings": [w.message for w in report.warnings if w.part == Part.JUDGEMENTS],
    }


def summary_json(summary: Summary) -> dict[str, Any]:
    """The picture as data: England's counts, each shown region's, and the rows."""
    return {
        "at": summary.at.isoformat(),
        "area": summary.area.key,
        "frameworks": [f.value for f in summary.frameworks],
        "regions": list(summary.regions) if summary.regions else None,
        **_tally_json(summary.tally()),
        "by_region": {r: _tally_json(summary.tally(r)) for r in summary.shown_regions},
        "rows": [row_json(s) for s in summary.rows],
    }


#: Columns of ``ofsted summary --csv``: one row per authority.
SUMMARY_FIELDS = [
    "region",
    "authority",
    "code",
    "grade",
    "framework",
    "inspection_start",
    "inspection_end",
    "published",
    "source",
    "warnings",
]


def summary_csv_rows(summary: Summary) -> list[dict[str, Any]]:
    """The rows flat, for a spreadsheet."""
    rows = []
    for standing in summary.rows:
        data = row_json(standing)
        authority = data.pop("authority")
        rows.append(
            {
                **data,
                "region": authority["region"],
                "authority": authority["name"],
                "code": authority["code"],
                "grade": data["grade"] or "",
                "warnings": "; ".join(data["warnings"]),
            }
        )
    return rows


def share(count: int, total: int) -> str:
    """A count with its share of ``total`` ('12 (40%)'), or the count alone when none."""
    return f"{count} ({100 * count / total:.0f}%)" if total else str(count)


def summary_renderable(summary: Summary) -> RenderableType:
    """England and each shown region: counts and shares per grade, good or better, then the
    authorities at each grade, region by region."""
    from .render import grade_text

    england = summary.tally()
    grades = list(england.grades)
    frameworks = ", ".join(f.value for f in summary.frameworks)
    title = f"{summary.area.name} on {summary.at.isoformat()} ({frameworks})"
    table = Table(
        title=title,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
    )
    table.add_column("")
    table.add_column("Graded", justify="right")
    headers = [grade_text(g) for g in grades] + [Text("Good or better")]
    for header in headers:
        longest_word = max(len(word) for word in header.plain.split())
        table.add_column(header, justify="right", min_width=longest_word)
    scopes: list[tuple[str, Tally]] = [("England", england)]
    scopes += [(r, summary.tally(r)) for r in summary.shown_regions]
    for name, tally in scopes:
        table.add_row(
            Text(name, style="bold" if name == "England" else ""),
            f"{tally.authorities}/{tally.in_force}",
            *(share(tally.grades.get(g, 0), tally.authorities) for g in grades),
            share(tally.good_or_better, tally.authorities),
        )
    parts: list[RenderableType] = [table, Text("")]
    for region in summary.shown_regions:
        standings = [s for s in summary.rows if s.authority.region == region]
        if not standings:
            continue
        parts.append(Text(region, style="bold"))
        names = Table.grid(padding=(0, 1, 0, 2))
        names.add_column(no_wrap=True)
        names.add_column(overflow="fold")
        for grade in [*grades, None]:
            at_grade = [s.authority.name for s in standings if s.grade == grade]
            if at_grade:
                label = grade_text(grade) if grade else Text("No grade", style="dim")
                names.add_row(label, ", ".join(at_grade))
        parts += [names, Text("")]
    notes = Text(
        "Graded: authorities whose latest inspection (published, else ended, on or before the "
        "date) grades the area / authorities in force. Shares are of the graded.",
        style="dim",
    )
    parts.append(notes)
    return Group(*parts)
