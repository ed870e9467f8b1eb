"""Wording rules shared by every report family: dates, grades, whitespace, names.

The printed vocabulary (grades, bullets, titles, months) lives in :mod:`.vocabulary` and is
re-exported here."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import TypeVar

from ..models import (
    Area,
    Framework,
    Grade,
    Judgement,
    Recommendation,
    Report,
    ReportWarning,
    Source,
)
from ..pdf import Document, Line
from .vocabulary import (
    BULLET_GLYPHS,
    GRADE_OPENING,
    GRADE_PATTERNS,
    GRADE_PHRASE,
    INSPECTOR_TITLE,
    JUDGED_PHRASE,
    MONTH_NAME,
    MONTHS,
    TEXT_START_PUNCTUATION,
    grade_in,
)

__all__ = [
    "BULLET_GLYPHS",
    "GRADE_OPENING",
    "GRADE_PATTERNS",
    "GRADE_PHRASE",
    "INSPECTOR_TITLE",
    "JUDGED_PHRASE",
    "MONTHS",
    "MONTH_NAME",
    "TEXT_START_PUNCTUATION",
    "Facts",
    "PrintedLines",
    "forced_break",
    "line_key",
    "no_judgement",
    "numbering_gap",
    "build_report",
    "collapse",
    "first_match",
    "grade_of",
    "join_wrapped",
    "parse_date",
    "parse_date_range",
    "parse_dates",
    "separate_dropped_glyph",
    "strip_inspector_title",
]

_DATE_TOKEN = re.compile(
    r"\b(?P<nday>\d{1,2})/(?P<nmonth>\d{1,2})/(?P<nyear>(?:19|20)\d\d)\b|"
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(?P<month>{MONTH_NAME})\.?)?(?:\s+(?P<year>(?:19|20)\d\d))?\b"
    rf"|\b(?P<lonemonth>{MONTH_NAME})\s+(?P<loneyear>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def collapse(text: str) -> str:
    """Whitespace runs folded to one space, ends stripped."""
    return re.sub(r"\s+", " ", text).strip()


def parse_date(text: str) -> date | None:
    """The first complete 'D Month YYYY' date in ``text``, or None."""
    dates = parse_dates(text)
    return dates[0] if dates else None


def parse_dates(text: str) -> list[date]:
    """Every date in a phrase, in order, borrowing a missing month or year from the next one.

    "15 – 19 July 2013" gives 15 July and 19 July; "14 January – 5 February 2014" gives both
    in 2014. Bare numbers with no later month are ignored.
    """
    tokens: list[list[int | None]] = []
    for m in _DATE_TOKEN.finditer(text):
        if m.group("lonemonth"):
            continue
        if m.group("nday"):
            tokens.append([int(m.group("nday")), int(m.group("nmonth")), int(m.group("nyear"))])
            continue
        month = MONTHS.get(m.group("month")[:3].lower()) if m.group("month") else None
        year = int(m.group("year")) if m.group("year") else None
        tokens.append([int(m.group("day")), month, year])
    for i in range(len(tokens) - 2, -1, -1):
        later = tokens[i + 1]
        if tokens[i][1] is None:
            tokens[i][1] = later[1]
        if tokens[i][2] is None and tokens[i][1] is not None:
            tokens[i][2] = later[2]
    out: list[date] = []
    for day, month, year in tokens:
        if day is None or month is None or year is None:
            continue
        try:
            out.append(date(year, month, day))
        except ValueError:
            continue
    return out


def parse_date_range(text: str) -> tuple[date | None, date | None]:
    """First and last day of an inspection-dates phrase (a split inspection spans both parts)."""
    dates = parse_dates(text)
    if not dates:
        return None, None
    return dates[0], dates[-1]


T = TypeVar("T")


def first_match(rules: Sequence[tuple[re.Pattern[str], T]], text: str) -> T | None:
    """The value of the first rule whose pattern occurs in ``text``: rule order decides
    between wordings that overlap (e.g. "inadequate" before "adequate")."""
    return next((value for pattern, value in rules if pattern.search(text)), None)


def grade_of(text: str) -> Grade | None:
    """The grade a phrase states ("Requires improvement to be good" is requires_improvement)."""
    return grade_in(text)


#: The next line starts with "and"/"or"/"to": the hyphen before it is suspended ("16-" +
#: "and 17-year-olds") and keeps its space.
_SUSPENDED_START = re.compile(r"(?:and|or|to)\b")
#: The next line opens with a dash glued to its text ("17" + "-year-olds"): no space.
_GLUED_DASH_START = re.compile(r"[\u2013-]\S")


def join_wrapped(parts: Sequence[str]) -> str:
    """Wrapped lines as one text, whitespace collapsed. A line-end hyphen joins the next
    word directly ("decision-" + "making"), unless it is suspended ("16-" + "and
    17-year-olds"); a line opening with a glued dash joins the line before it."""
    out = ""
    for part in (collapse(p) for p in parts):
        if not part:
            continue
        glued = out.endswith("-") and not _SUSPENDED_START.match(part)
        if out and (glued or _GLUED_DASH_START.match(part)):
            out += part
        else:
            out = f"{out} {part}" if out else part
    return out


def no_judgement(area: Area) -> str:
    """The one wording, for readers and self-checks alike, of an area the record should judge
    but does not (so a table row a reader could not read and the check that misses it give one
    warning)."""
    return f"no {area.value} judgement"


def numbering_gap(before: int, after: int) -> str:
    """The one wording, for readers and self-checks alike, of items missing from a numbered
    list whose numbering jumps from ``before`` to ``after`` (so the same doubt found by both
    is one warning)."""
    gap = f"item {before + 1}" if after == before + 2 else f"items {before + 1}–{after - 1}"
    return f"{gap} not found (numbering jumps from {before} to {after})"


def strip_inspector_title(name: str) -> str:
    """A lead inspector's name without 'HMI' or 'His/Her Majesty's Inspector' (and anything
    printed after the title)."""
    name = INSPECTOR_TITLE.split(collapse(name), maxsplit=1)[0]
    return collapse(name).strip(" ,;:")


def line_key(text: str) -> str:
    """A line reduced to its first letters and digits, to match pdfium's lines (fast, no
    positions) with pdfplumber's (positioned). A glyph that pdfplumber could not map to a
    character ("(cid:127)", a bullet) counts as no letter, as pdfium's glyph does."""
    return re.sub(r"\W+", "", _UNMAPPED_GLYPH.sub("", text)).lower()[:40]


#: How pdfplumber prints a glyph its font does not map to a character.
_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")


class PrintedLines:
    """A document's positioned lines, found by their text. Word positions are read lazily and
    only for the pages asked about, since pdfplumber is the slow part of reading a report."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._pages: dict[int, dict[str, Line]] = {}

    def find(self, page: int, text: str) -> Line | None:
        """The printed line on ``page`` whose text is ``text``, or None (no such line, or a line
        with no letters or digits to match it by)."""
        key = line_key(text)
        if not key:
            return None
        if page not in self._pages:
            lines: dict[str, Line] = {}
            for printed in self._doc.lines(page):
                lines.setdefault(line_key(printed.text), printed)
            self._pages[page] = lines
        return self._pages[page].get(key)

    def right_edge(self, page: int) -> float:
        """The right edge of the page's text: where its longest line of running text ends
        (a page number or a short label may stand further right)."""
        ends = [line.x1 for line in self._doc.lines(page) if len(line.words) >= _TEXT_LINE_WORDS]
        return max(ends, default=0.0)


#: A line of at least this many words is running text, not a page number or a label.
_TEXT_LINE_WORDS = 3


def forced_break(before: Line, after: Line, right: float) -> bool:
    """Whether the break between two printed lines was forced (an item or paragraph ended),
    not a wrap: ``after``'s first word would have fitted at the end of ``before``, with a word
    space either side, inside the text's right edge ``right``."""
    first = after.words[0]
    space = _word_gap(before)
    return before.x1 + space + (first.x1 - first.x0) + space <= right


#: A line end that already separates its text from the next line's, or joins them (a hyphen).
_SEPARATED_RE = re.compile(r"[.;:,!?\u2010-\u2014-]\W*$")


def separate_dropped_glyph(
    parts: list[str], printed: PrintedLines, page: int, before: str, line: str
) -> None:
    """Before ``line`` (printed below ``before`` on ``page``) is added to an item's ``parts``:
    end the last part with ";" when the line starts a folded sub-item whose glyph the text
    lost ("including:" / "sufficiency of accommodation" / "assessment and support"). The item
    has a lead-in colon, its last part ends unpunctuated, and the break before the line was
    forced. Positions (slow) are read only when the wording leaves the question open."""
    if ":" not in " ".join(parts) or _SEPARATED_RE.search(parts[-1]):
        return
    above, below = printed.find(page, before), printed.find(page, line)
    if above is None or below is None or above.top >= below.top:
        return
    if forced_break(above, below, printed.right_edge(page)):
        parts[-1] = parts[-1].rstrip() + ";"


#: The word space assumed on a line of one word (points; 12-point body text).
_DEFAULT_SPACE = 3.3


def _word_gap(line: Line) -> float:
    gaps = sorted(b.x0 - a.x1 for a, b in zip(line.words, line.words[1:], strict=False))
    return gaps[len(gaps) // 2] if gaps else _DEFAULT_SPACE


@dataclass(frozen=True)
class Facts:
    """What a report states about its inspection: title block, dates and lead inspector."""

    local_authority: str | None = None
    inspection_start: date | None = None
    inspection_end: date | None = None
    published: date | None = None
    lead_inspector: str | None = None
    letter_date: date | None = None
    theme: str | None = None


def build_report(
    doc: Document,
    framework: Framework,
    facts: Facts,
    judgements: list[Judgement],
    recommendations: list[Recommendation],
    warnings: Sequence[ReportWarning] = (),
) -> Report:
    """The Report of a document, whichever family read it. ``warnings`` are the reader's own
    doubts; the generic self-checks (:mod:`ofsted_cli.checks`) add theirs after."""
    return Report(
        source=Source(path=doc.path, sha256=doc.sha256, pages=doc.page_count),
        framework=framework,
        judgements=judgements,
        recommendations=recommendations,
        warnings=list(warnings),
        **asdict(facts),
    )
