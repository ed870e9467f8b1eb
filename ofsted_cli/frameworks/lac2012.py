"""Inspections of looked after children services, 2012-13.

Layout, as printed by Ofsted in 2013:

- page 1: the title "Inspection of looked after children services", the authority, then
  "Inspection dates:", "Reporting inspector <name> HMI" and "Published:";
- "Areas for improvement": an introductory paragraph, then bulleted items in groups headed
  "Immediately:", "Within three months:" and "Within six months:"; the list ends at the next
  line back at the left margin (the following section heading);
- the "Record of main findings" table on the last pages: one row per judgement, the label
  (sometimes wrapped) on the left and the grade word (sometimes followed by "Grade N") on the
  right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
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
    Facts,
    build_report,
    collapse,
    parse_date,
    parse_date_range,
    strip_inspector_title,
)

FRAMEWORK = Framework.LAC_2012

TITLE = "Inspection of looked after children services"
_TITLE_RE = re.compile(r"^\s*Inspection\s+of\s+looked\s+after\s+children\s+services\b", re.I)

#: Judgement rows are told apart by how their label starts, so a wrapped label stays one row.
_AREA_STARTS: tuple[tuple[re.Pattern[str], Area], ...] = (
    (re.compile(r"^overall\s+effectiveness\b", re.I), Area.OVERALL_EFFECTIVENESS),
    (re.compile(r"^capacity\s+to\s+improve\b", re.I), Area.CAPACITY_TO_IMPROVE),
    (re.compile(r"^outcomes\b", re.I), Area.OUTCOMES),
    (re.compile(r"^quality\s+of\s+provision\b", re.I), Area.QUALITY_OF_PROVISION),
    (re.compile(r"^leadership\s+and\s+management\b", re.I), Area.LEADERSHIP_AND_MANAGEMENT),
)

_GRADES = {
    "outstanding": Grade.OUTSTANDING,
    "good": Grade.GOOD,
    "adequate": Grade.ADEQUATE,
    "inadequate": Grade.INADEQUATE,
}
#: A table cell's grade: the word at the end of a line, optionally followed by "Grade N".
_ROW_GRADE_RE = re.compile(
    r"^(?P<label>.*?)\s*\b(?P<grade>outstanding|good|adequate|inadequate)(?:\s+grade\s+\d)?\s*$",
    re.I,
)
_FINDINGS_HEADING_RE = re.compile(r"^\s*Record of main findings\s*$", re.I | re.M)

_IMPROVEMENT_HEADING_RE = re.compile(r"^\s*Areas for improvement\s*$", re.I)
_IMPROVEMENT_HEADING_ANY_RE = re.compile(r"^\s*Areas for improvement\s*$", re.I | re.M)
_GROUP_RE = re.compile(r"^\s*(?P<when>immediately|within\s+\w+\s+months?)\s*:?\s*$", re.I)
_BULLET_RE = re.compile(r"^\s*[\uf0a7\uf0b7\u2022\u25aa\u25a0\u25fc\u25cf\u2013\-]\s*")

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
            judgements = parse_findings_table(text, page_no)
            break
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


def parse_findings_table(text: str, page_no: int) -> list[Judgement]:
    """The judgement rows after "Record of main findings", in printed order.

    A row starts at a line opening with a known label; lines that do not (the wrapped part of
    a label, or a grade standing on its own line) belong to the row above. Lines before the
    first row, such as the "Services for looked after children" sub-heading, are skipped.
    """
    heading = _FINDINGS_HEADING_RE.search(text)
    body = text[heading.end() :] if heading else text
    rows: list[tuple[Area, list[str], Grade | None]] = []
    for raw in body.splitlines():
        line = collapse(raw)
        if not line:
            continue
        area = next((a for pattern, a in _AREA_STARTS if pattern.match(line)), None)
        if area is None and not rows:
            continue
        label_part, grade = _split_grade(line)
        if area is not None:
            rows.append((area, [label_part] if label_part else [], grade))
            continue
        row_area, parts, row_grade = rows[-1]
        if label_part:
            parts.append(label_part)
        rows[-1] = (row_area, parts, row_grade or grade)
    return [
        Judgement(area=area, label=collapse(" ".join(parts)), grade=grade, page=page_no)
        for area, parts, grade in rows
        if grade is not None
    ]


def _split_grade(line: str) -> tuple[str, Grade | None]:
    """A table line's label part and the grade printed at its end, if any."""
    m = _ROW_GRADE_RE.match(line)
    if not m:
        return line, None
    return m.group("label").strip(), _GRADES[m.group("grade").lower()]


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

    The introductory paragraph before the first group heading is not an item. Each bullet
    starts an item and indented lines continue it; the list ends at the first line back at
    the heading's left margin (the next section's heading or numbered paragraph).
    """
    margin: float | None = None
    priority: Priority | None = None
    items: list[tuple[int, list[str], Priority]] = []
    for line in lines:
        text = line.text.strip()
        if margin is None:
            if _IMPROVEMENT_HEADING_RE.match(text):
                margin = line.x0
            continue
        group = _GROUP_RE.match(text)
        if group:
            when = group.group("when").lower()
            priority = Priority.IMMEDIATE if when == "immediately" else Priority.IMPROVE
            continue
        if priority is None or not text:
            continue
        if line.x0 <= margin + _MARGIN_SLACK:
            break
        bullet = _BULLET_RE.match(text)
        if bullet:
            items.append((line.page, [text[bullet.end() :]], priority))
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


def join_wrapped(parts: list[str]) -> str:
    """Wrapped lines as one text: a hyphen ending a word at a line end joins without a space
    ("decision-" + "making"), as Ofsted's compound words do; whitespace collapsed."""
    out = ""
    for part in (collapse(p) for p in parts):
        if not part:
            continue
        if not out:
            out = part
        elif re.search(r"[A-Za-z]-$", out):
            out += part
        else:
            out += " " + part
    return out
