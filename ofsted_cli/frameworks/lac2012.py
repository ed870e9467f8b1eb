"""Inspections of looked after children services, 2012-13.

Layout, as printed by Ofsted in 2013:

- page 1: the title "Inspection of looked after children services", the authority, then
  "Inspection dates:", "Reporting inspector <name> HMI" and "Published:";
- "Areas for improvement": an introductory paragraph, then bulleted items, usually in groups
  headed "Immediately:", "Within three months:" and "Within six months:"; the list ends at the
  next line back at the left margin (the following section heading);
- the "Record of main findings" table on the last pages: one row per judgement, the label
  (sometimes wrapped) on the left and the grade word (sometimes followed by "Grade N") on the
  right; it may run onto the next page, below that page's running header.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from ..errors import UnrecognisedReportError
from ..models import (
    Area,
    Body,
    Framework,
    Grade,
    Judgement,
    Priority,
    Recommendation,
    Report,
)
from ..pdf import Document
from .common import (
    BULLET_GLYPHS,
    JUDGED_PHRASE,
    Facts,
    build_report,
    collapse,
    grade_of,
    join_wrapped,
    parse_date,
    parse_date_range,
    strip_inspector_title,
)

FRAMEWORK = Framework.LAC_2012
NAME = "Inspection of looked after children services (2012-13)"
SHORT = "LAC 2012-13"

_TITLE_RE = re.compile(r"^\s*Inspection\s+of\s+looked\s+after\s+children\s+services\b", re.I)

#: Judgement rows are told apart by how their label starts, so a wrapped label stays one row.
_AREA_STARTS: tuple[tuple[re.Pattern[str], Area], ...] = (
    (re.compile(r"^overall\s+effectiveness\b", re.I), Area.OVERALL_EFFECTIVENESS),
    (re.compile(r"^capacity\s+to\s+improve\b", re.I), Area.CAPACITY_TO_IMPROVE),
    (re.compile(r"^outcomes\b", re.I), Area.OUTCOMES),
    (re.compile(r"^quality\s+of\s+provision\b", re.I), Area.QUALITY_OF_PROVISION),
    (re.compile(r"^leadership\s+and\s+management\b", re.I), Area.LEADERSHIP_AND_MANAGEMENT),
)

#: A table cell's grade: the word at the end of a line, optionally followed by "Grade N".
_ROW_GRADE_RE = re.compile(
    rf"^(?P<label>.*?)\s*\b(?P<grade>{JUDGED_PHRASE})(?:\s+grade\s+\d)?\s*$",
    re.I,
)
_FINDINGS_HEADING_RE = re.compile(r"^\s*Record of main findings\s*$", re.I | re.M)
#: What may wrap a row's label onto another line: words only, no digits, URLs or sentences.
_LABEL_WORDS_RE = re.compile(r"^[A-Za-z][A-Za-z ,'\u2019&()\-]*$")
#: Running headers and footers: "<Authority> Inspection of … children services 19", a bare
#: page number, "Page 3 of 21".
_RUNNING_LINE_RE = re.compile(
    r"^(?:\d{1,3}|page\s+\d{1,3}(?:\s+of\s+\d{1,3})?|.*\binspection\s+of\b.*\s\d{1,3})$", re.I
)

_IMPROVEMENT_HEADING_RE = re.compile(r"^\s*Areas for improvement\s*$", re.I)
_IMPROVEMENT_HEADING_ANY_RE = re.compile(r"^\s*Areas for improvement\s*$", re.I | re.M)
_GROUP_RE = re.compile(r"^\s*(?P<when>immediately|within\s+\w+\s+months?)\s*:?\s*$", re.I)
#: A bullet glyph opens an item. A dash counts only with a space after it, so a wrapped line
#: starting "-year-olds" (or an en dash and "19") continues the item above; the bullet glyphs
#: proper never start running text, and extraction sometimes drops the space after them.
_BULLET_RE = re.compile(rf"^\s*(?:[{BULLET_GLYPHS}]\s*|[\u2013\-]\s+)(?=\S)")

#: Lines whose top is this close to the page's top edge are the running header.
_HEADER_ZONE = 60.0
#: How far right of the section heading a line may start and still be back at the margin.
_MARGIN_SLACK = 5.0


class PlacedLine(NamedTuple):
    """One printed line: its page, left edge (points) and text."""

    page: int
    x0: float
    text: str


def matches(doc: Document) -> bool:
    """Page 1 opens with the framework's title."""
    return bool(_TITLE_RE.match(collapse(doc.text(1))))


def read(doc: Document) -> Report:
    """Facts from page 1, the main findings table, and the areas for improvement."""
    if not matches(doc):
        raise UnrecognisedReportError(doc.path, f"is not a {FRAMEWORK.value} report")
    facts = read_facts(doc.text(1))
    judgements: list[Judgement] = []
    for page_no in range(doc.page_count, 0, -1):
        text = doc.text(page_no)
        if _FINDINGS_HEADING_RE.search(text):
            after = page_no + 1
            next_page = (after, doc.text(after)) if after <= doc.page_count else None
            judgements = parse_findings_table(text, page_no, next_page)
            break
    if not any(j.area is Area.OVERALL_EFFECTIVENESS for j in judgements):
        raise UnrecognisedReportError(
            doc.path,
            'no overall effectiveness grade in a "Record of main findings" table'
            if judgements
            else 'no graded rows in a "Record of main findings" table',
        )
    recommendations: list[Recommendation] = []
    for page_no in range(1, doc.page_count + 1):
        if _IMPROVEMENT_HEADING_ANY_RE.search(doc.text(page_no)):
            recommendations = parse_improvements(_body_lines(doc, page_no))
            break
    return build_report(doc, FRAMEWORK, facts, judgements, recommendations)


def read_facts(page1: str) -> Facts:
    """Authority, dates and reporting inspector from the title page's text.

    The authority is what stands between the title and "Inspection dates:".
    """
    lines = [collapse(line) for line in page1.splitlines()]
    lines = [line for line in lines if line]
    authority: str | None = None
    start = end = published = None
    lead: str | None = None
    before_dates: list[str] = []
    for line in lines:
        label, _, value = line.partition(":")
        key = label.strip().lower()
        if key in ("inspection dates", "inspection date"):
            start, end = parse_date_range(value)
            if authority is None:
                rest = collapse(_TITLE_RE.sub("", " ".join(before_dates)))
                authority = rest or None
        elif key in ("published", "report published"):
            published = parse_date(value)
        elif re.match(r"^(?:reporting|lead)\s+inspector\b", line, re.I):
            name = re.sub(r"^(?:reporting|lead)\s+inspector\s*:?\s*", "", line, flags=re.I)
            lead = strip_inspector_title(name) or None
        elif start is None:
            before_dates.append(line)
    return Facts(authority, start, end, published, lead)


def parse_findings_table(
    text: str, page_no: int, next_page: tuple[int, str] | None = None
) -> list[Judgement]:
    """The judgement rows after "Record of main findings", in printed order.

    A row starts at a line opening with a known label; a wrapped part of its label or a grade
    standing on its own line belongs to the row above. Lines before the first row, such as the
    "Services for looked after children" sub-heading, are skipped; running headers and footers
    are dropped. Any other line ends the table, so page furniture or text printed below it is
    never read into a label. When rows are missing, the table is taken to run onto
    ``next_page`` (number and text), read below its running header.
    """
    heading = _FINDINGS_HEADING_RE.search(text)
    table = _FindingsTable()
    table.feed(page_no, text[heading.end() :] if heading else text)
    if next_page is not None and not table.complete:
        table.feed(*next_page, continued=True)
    return [
        Judgement(
            area=row.area, label=collapse(" ".join(row.parts)), grade=row.grade, page=row.page
        )
        for row in table.rows
        if row.grade is not None
    ]


@dataclass
class _Row:
    """A findings row being read: its area, label lines, grade once seen, and page."""

    area: Area
    page: int
    parts: list[str] = field(default_factory=list)
    grade: Grade | None = None


@dataclass
class _FindingsTable:
    """The findings table read line by line, page by page.

    ``seeking``: before the first row (or after a page break, until a row label), other lines
    are skipped. ``ended``: a line that is neither a row, a wrap of the open row's label nor its
    missing grade closed the table. ``resuming``: at the top of a continuation page, where a
    line that does not fit the open row means a repeated heading, not the table's end.
    """

    rows: list[_Row] = field(default_factory=list)
    seeking: bool = True
    ended: bool = False
    resuming: bool = False

    @property
    def complete(self) -> bool:
        """Every judgement area has a graded row."""
        graded = {row.area for row in self.rows if row.grade is not None}
        return graded >= {area for _, area in _AREA_STARTS}

    def feed(self, page_no: int, text: str, *, continued: bool = False) -> None:
        """Read one page's lines; ``continued`` for the page after the heading's."""
        if continued:
            open_row = self.rows[-1] if self.rows and not self.ended else None
            self.seeking = open_row is None
            self.resuming = open_row is not None
            self.ended = False
        for raw in text.splitlines():
            if self.ended:
                return
            self._line(page_no, collapse(raw))

    def _line(self, page_no: int, line: str) -> None:
        if not line or _RUNNING_LINE_RE.match(line):
            return
        area = next((a for pattern, a in _AREA_STARTS if pattern.match(line)), None)
        label, grade = _split_grade(line)
        if area is not None:
            if any(row.area is area for row in self.rows):
                self.ended = True  # a second table, or prose naming an area: not this table
                return
            self.rows.append(_Row(area, page_no, [label] if label else [], grade))
            self.seeking = self.resuming = False
            return
        if self.seeking:
            return
        row = self.rows[-1]
        if _continues_row(row, label, grade):
            if label:
                row.parts.append(label)
            row.grade = row.grade or grade
        elif self.resuming:
            self.seeking = True
        else:
            self.ended = True


def _continues_row(row: _Row, label: str, grade: Grade | None) -> bool:
    """Whether a line's label part and grade fit as more of ``row``.

    A grade alone fits a row still without one. A label part must be words only; once the row
    has its grade, it must also start lower case (the wrap of a sentence-case label such as
    "Outcomes for looked after children and" / "young people") and carry no second grade.
    """
    if not label:
        return grade is not None and row.grade is None
    if not _LABEL_WORDS_RE.match(label):
        return False
    if row.grade is None:
        return True
    return grade is None and label[0].islower()


def _split_grade(line: str) -> tuple[str, Grade | None]:
    """A table line's label part and the grade printed at its end, if any."""
    m = _ROW_GRADE_RE.match(line)
    if not m:
        return line, None
    return m.group("label").strip(), grade_of(m.group("grade"))


def _body_lines(doc: Document, first_page: int) -> Iterator[PlacedLine]:
    """Positioned lines from ``first_page`` on, without running headers; read page by page,
    so only the pages the caller consumes are opened with pdfplumber."""
    for page_no in range(first_page, doc.page_count + 1):
        for line in doc.lines(page_no):
            if line.top < _HEADER_ZONE and re.search(r"\d\s*$", line.text):
                continue
            yield PlacedLine(page_no, line.x0, line.text)


def parse_improvements(lines: Iterable[PlacedLine]) -> list[Recommendation]:
    """Items under "Areas for improvement", with the priority of the group they stand in.

    Each bullet starts an item and indented lines continue it. Items before any group heading
    (a list printed without groups) have priority ``improve``. The introductory paragraph
    before the first item or group is not an item: it opens at the heading's left margin and
    may wrap there or with a hanging indent. Otherwise the list ends at the first line back at
    that margin (the next section's heading or numbered paragraph), and before the first item
    at a margin line after an indented one (a second paragraph: the list was empty).
    """
    margin: float | None = None
    priority: Priority | None = None
    intro_indented = False
    items: list[tuple[int, list[str], Priority]] = []
    for line in lines:
        text = line.text.strip()
        if margin is None:
            if _IMPROVEMENT_HEADING_RE.match(text):
                margin = line.x0
            continue
        if not text:
            continue
        group = _GROUP_RE.match(text)
        if group:
            when = group.group("when").lower()
            priority = Priority.IMMEDIATE if when == "immediately" else Priority.IMPROVE
            continue
        at_margin = line.x0 <= margin + _MARGIN_SLACK
        bullet = _BULLET_RE.match(text)
        if priority is None and not items and not bullet:
            if at_margin and intro_indented:
                break
            intro_indented = intro_indented or not at_margin
            continue
        if at_margin:
            break
        if bullet:
            items.append((line.page, [text[bullet.end() :]], priority or Priority.IMPROVE))
        elif items:
            items[-1][1].append(text)
    return [
        Recommendation(
            text=join_wrapped(parts),
            body=Body.LOCAL_AUTHORITY,
            priority=prio,
            page=page,
        )
        for page, parts, prio in items
    ]
