"""The single inspection framework (SIF), 2013-2018, usually with an LSCB review.

Page 1 carries the title block, the dates, the overall sentence and a numbered table of five
judgements; the LSCB judgement is a sentence ("The Local Safeguarding Children Board is good")
on page 1 (2013-14) or at the head of the LSCB part. Recommendations come under
"Recommendations" or "What does the local authority / LSCB need to improve?", optionally split by
"Priority and immediate action" / "Areas for improvement" sub-headings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from ..errors import UnrecognisedReportError
from ..models import (
    Area,
    Body,
    Framework,
    Grade,
    Judgement,
    Part,
    Priority,
    Recommendation,
    Report,
    ReportWarning,
)
from ..pdf import Document, Line, Word
from .common import (
    GRADE_OPENING,
    GRADE_PHRASE,
    JUDGED_PHRASE,
    MONTH_NAME,
    TEXT_START_PUNCTUATION,
    Facts,
    PrintedLines,
    build_report,
    collapse,
    grade_of,
    join_wrapped,
    line_key,
    no_judgement,
    numbering_gap,
    parse_date,
    parse_date_range,
    separate_dropped_glyph,
    strip_inspector_title,
)

FRAMEWORK = Framework.SIF
NAME = "SIF: single inspection framework"
SHORT = "SIF"

#: The LA inspection title, plain or re-inspection.
LA_TITLE = re.compile(
    r"(?:re-?\s*)?inspection\s+of\s+services\s+for\s+children\s+in\s+need\s+of\s+help\s+and\s+protection",
    re.I,
)
#: The title of an LSCB review, inside a combined report or on its own.
LSCB_TITLE = re.compile(
    r"review\s+of\s+the\s+effectiveness\s+of\s+the\s+local\s+safeguarding\s+children\s+board", re.I
)

#: Where a title block's report title begins (the lines above it name the authority or board).
TITLE_START = re.compile(
    r"^(?:re-?\s*)?inspection\s+of\s+services\s+for\s+children|^review\s+of\s+the\s+effectiveness",
    re.I,
)


def matches(doc: Document) -> bool:
    """An LA inspection under the SIF: its title heads page 1."""
    return bool(LA_TITLE.search(title_head(doc.text(1))))


#: How many of page 1's first non-empty lines hold its title block (corpus: the title starts
#: on line 1 to 4 and wraps onto 2 or 3; a letter that names the framework does so later).
_TITLE_LINES = 8


def title_head(page1: str) -> str:
    """Page 1's first lines, where a report's title stands, as one collapsed text."""
    lines = [line for line in page1.split("\n") if line.strip()]
    return collapse(" ".join(lines[:_TITLE_LINES]))


# --------------------------------------------------------------------------- page text


@dataclass(frozen=True)
class TextLine:
    """One line of page text with the page it is printed on."""

    page: int
    text: str


_FOOTNOTE_START = re.compile(r"^\s*(?:\d{1,2}|\[\d{1,2}\])(?:\s|$)")


def body_lines(text: str) -> list[str]:
    """A page's lines without the page-number header and the footnote block at the foot.

    pdfium prints the page number as the first line, and a footnote block as a blank-looking
    line (a lone space, the footnote rule) followed by a line opening with the footnote number.
    """
    lines = text.split("\n")
    if lines and lines[0].strip().isdigit():
        lines = lines[1:]
    at = _footnote_block(lines)
    return [line.rstrip() for line in lines[:at]]


def _footnote_block(lines: Sequence[str]) -> int:
    """Where the footnote block starts in a page's lines (their number when there is none)."""
    for i, line in enumerate(lines):
        if line and not line.strip() and i + 1 < len(lines) and _FOOTNOTE_START.match(lines[i + 1]):
            return i
    return len(lines)


def footnote_numbers(text: str) -> list[str]:
    """The numbers of the footnotes printed at the foot of a page's text."""
    lines = text.split("\n")
    return [
        m.group(1)
        for line in lines[_footnote_block(lines) :]
        if (m := re.match(r"^\s*\[?(\d{1,2})\]?(?:\s|$)", line))
    ]


def strip_footnote_markers(line: str, numbers: Sequence[str]) -> str:
    """The line without the footnote markers glued to its words ("cared for children2"): a
    number of a footnote on the page, right after a lower-case letter or a closing bracket or
    quote, and before a space, punctuation or the line end."""
    if not numbers:
        return line
    alternatives = "|".join(sorted(set(numbers), key=len, reverse=True))
    return re.sub(rf"(?<=[a-z)’'”])(?:{alternatives})(?=[\s.,;:)]|$)", "", line)


# --------------------------------------------------------------------------- facts


_INSPECTION_DATES = re.compile(r"^\s*Inspection\s+dates?\s*:?\s*(.*)$", re.I)
_PUBLISHED = re.compile(r"^\s*(?:Report\s+)?published\s*:?\s*(.*)$", re.I)
_DATE_CONTINUATION = re.compile(rf"^\s*(?:\d|{MONTH_NAME}\b|and\b|to\b|[–-])", re.I)
#: "Lead inspector:" and any short qualifier before the colon ("Lead inspector on site:").
_LEAD = re.compile(r"^\s*Lead\s+inspector\b[^:\n]{0,20}:\s*(.+)$", re.I)


def title_block(lines: Sequence[str]) -> str | None:
    """The authority (or board) name printed above the report title on page 1."""
    for i, line in enumerate(lines):
        if TITLE_START.match(line.strip()):
            return collapse(" ".join(lines[:i])) or None
    return None


def inspection_dates(lines: Sequence[str]) -> tuple[date | None, date | None]:
    """First and last day from the "Inspection date(s):" line, joining a wrapped tail."""
    for i, line in enumerate(lines):
        m = _INSPECTION_DATES.match(line)
        if not m:
            continue
        phrase = m.group(1)
        for nxt in lines[i + 1 : i + 3]:
            if _PUBLISHED.match(nxt) or not _DATE_CONTINUATION.match(nxt) or len(nxt.strip()) > 40:
                break
            phrase += " " + nxt
        return parse_date_range(phrase)
    return None, None


def published_date(lines: Sequence[str]) -> date | None:
    """The "Report published:" date, when printed."""
    for line in lines:
        m = _PUBLISHED.match(line)
        if m:
            return parse_date(m.group(1))
    return None


def lead_inspector(lines: Iterable[str]) -> str | None:
    """The lead inspector's name from the inspection-team list, titles dropped."""
    for line in lines:
        m = _LEAD.match(line)
        if m:
            name = strip_inspector_title(m.group(1))
            name = re.sub(r"[,\s]*\b(?:Senior|SHMI)\b\.?$", "", name).strip(" ,.;:")
            return name or None
    return None


# --------------------------------------------------------------------------- judgements


#: Who the overall sentence judges: "children's services", "children's service", "children's
#: social care services", "services for children", optionally "in X" (wrapping once).
_SERVICES = (
    r"(?:children[’'`]s\s+(?:social\s+care\s+)?services?|services\s+for\s+children)"
    r"(?:\s+in\s+[^\n]*?(?:\n[^\n]*?)??)?"
)
#: The page-1 overall sentence: "<services> are GRADE", "<services> require(s) improvement (to
#: be good)", "The overall judgement is [that <services> are] GRADE". The grade ends the
#: sentence (a stop, a footnote digit or the line end), so prose such as "children's services
#: are good at ..." is not taken for it.
_OVERALL = re.compile(
    rf"^(?P<label>(?:The\s+overall\s+judgement\s+is(?:\s+that\s+{_SERVICES})?|{_SERVICES})"
    rf"\s+(?:(?:are|is)\s+)?(?:judged\s+to\s+be\s+)?(?P<grade>{JUDGED_PHRASE}))"
    r"(?=[ \t]*(?:[.,;:\d¹²³]|$))",
    re.I | re.M,
)


def overall_sentence(text: str) -> tuple[str, Grade] | None:
    """Page 1's overall sentence as printed (without the final stop) and its grade."""
    m = _OVERALL.search(text)
    if not m:
        return None
    grade = grade_of(m.group("grade"))
    return (collapse(m.group("label")), grade) if grade else None


#: The LSCB judgement sentence: "The [effectiveness of the] Local Safeguarding Children Board
#: [(LSCB)] is GRADE", however the board is named, as a line ending at the grade. The gaps
#: are bounded and cannot cross a full stop, so prose that merely mentions the board is left.
_LSCB_SENTENCE = re.compile(
    r"^The\b[^.\n]{0,60}?\b(?:Safeguarding\s+Children|LSCB)\b(?:[^.\n]|\n(?!\n)){0,30}?"
    rf"\b(?:(?:is|are)\s+)?(?:judged\s+to\s+be\s+)?(?P<grade>{JUDGED_PHRASE})[ \t.]*$",
    re.I | re.M,
)

LSCB_LABEL = "The Local Safeguarding Children Board"


def lscb_grade(text: str) -> Grade | None:
    """The grade of an LSCB judgement sentence starting a line of ``text``, if any."""
    m = _LSCB_SENTENCE.search(text)
    return grade_of(m.group("grade")) if m else None


def lscb_judgement(lines: Sequence[TextLine], part: int | None) -> Judgement | None:
    """The LSCB judgement: page 1's summary sentence, else the one heading the LSCB part, else
    the first such sentence standing on its own anywhere after page 1 (an LSCB review appended
    to the report, its sentence below its title block).

    A sentence that runs on from the line above (findings prose) is not a judgement.
    """
    page1 = "\n".join(line.text for line in lines if line.page == 1)
    grade = lscb_grade(page1)
    if grade:
        return Judgement(area=Area.LSCB, label=LSCB_LABEL, grade=grade, page=1)
    if part is not None:
        head = lines[part : part + _PART_HEAD_LINES]
        for i in range(len(head)):
            found = _lscb_sentence_at(head, i)
            if found:
                return found
    measures = page_measures(lines)
    for i, line in enumerate(lines):
        found = _lscb_sentence_at(lines, i) if line.page > 1 else None
        if found and stands_alone(lines, i, measures):
            return found
    return None


#: How many lines from the start of the LSCB part its judgement sentence stands, if it heads it.
_PART_HEAD_LINES = 6


def _lscb_sentence_at(lines: Sequence[TextLine], i: int) -> Judgement | None:
    m = _LSCB_SENTENCE.match("\n".join(line.text for line in lines[i : i + 2]))
    grade = grade_of(m.group("grade")) if m else None
    if grade is None:
        return None
    return Judgement(area=Area.LSCB, label=LSCB_LABEL, grade=grade, page=lines[i].page)


#: A line that closes what stands above it: a sentence's end (before any closing quote,
#: bracket or footnote digit), or a labelled field ("Report published: 3 May 2016").
_CLOSES = re.compile(r"[.!?:][\W\d]*$|^\s*[A-Z][\w ()]{2,30}:\s*\S")


def stands_alone(lines: Sequence[TextLine], i: int, measures: dict[int, int]) -> bool:
    """Whether line i starts afresh rather than running on from the line above: it opens its
    page, or the line above closed a sentence or a field, or is a heading (capitalised, without
    closing punctuation, and short of the page's full line, where wrapped prose reaches)."""
    if i == 0 or lines[i - 1].page != lines[i].page:
        return True
    above = collapse(lines[i - 1].text)
    short = len(above) < _FULL_LINE * measures.get(lines[i - 1].page, 0)
    return bool(_CLOSES.search(above) or (short and _is_heading_like(above)))


class TableRow(NamedTuple):
    """One row of the page-1 judgement table; ``at`` is where it starts in the text read."""

    area: Area
    label: str
    grade: Grade
    at: int


#: Table rows: the words a row's label opens with (later words may vary), in report order.
TABLE_ROWS: tuple[tuple[str, Area], ...] = (
    (r"Children\s+who\s+need\s+help\b", Area.HELP_AND_PROTECTION),
    (r"Children\s+looked\s+after\b", Area.CHILDREN_LOOKED_AFTER),
    (r"Adoption\b", Area.ADOPTION),
    (r"(?:Experiences\s+and\s+progress\b|Care\s+leavers\b)", Area.CARE_LEAVERS),
    (r"Leadership\b", Area.LEADERSHIP),
)
#: A row's number, when printed: "1.", "2.1", "3)" or "2.1." (optional: rows match by wording).
_ROW_NUMBER = r"(?:\d{1,2}(?:\.\d{1,2})?[.)]?[ \t]+)?"
_ANY_ROW = re.compile(
    rf"^[ \t]*{_ROW_NUMBER}(?:{'|'.join(head for head, _ in TABLE_ROWS)})", re.I | re.M
)
_ROW_GRADE = re.compile(rf"(?:{GRADE_PHRASE})(?=[ \t.]*(?:\n|$))", re.I)
#: A row label is a short noun phrase: no verb, no sentence punctuation, at most this long.
_MAX_LABEL = 80
_LABEL_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|be|being|been)\b|[.;:!?]", re.I)


def table_from_text(text: str) -> list[TableRow]:
    """The table rows found in page text, each row on its own, in the order printed.

    A row is a line opening with the row's label words (after an optional row number) whose
    label, a short verb-free phrase, runs straight into a grade phrase that ends a line. A row
    whose grade is printed elsewhere (above its label, say) is not found here.
    """
    rows: list[TableRow] = []
    for head, area in TABLE_ROWS:
        for m in re.finditer(rf"^[ \t]*{_ROW_NUMBER}(?={head})", text, re.I | re.M):
            nxt = _ANY_ROW.search(text, m.end() + 1)
            chunk = text[m.end() : nxt.start() if nxt else len(text)]
            g = _ROW_GRADE.search(chunk)
            label = collapse(chunk[: g.start()]) if g else ""
            grade = grade_of(g.group(0)) if g else None
            if grade and label and len(label) <= _MAX_LABEL and not _LABEL_VERB.search(label):
                rows.append(TableRow(area, label, grade, m.start()))
                break
    return sorted(rows, key=lambda r: r.at)


_GRADE_START = re.compile(rf"^{GRADE_OPENING}$", re.I)
_ROW_LINE = re.compile(rf"^{_ROW_NUMBER}", re.I)


def table_from_lines(lines: Sequence[Line]) -> list[TableRow] | None:
    """The five rows read from positioned lines, for grades printed above, beside or below a label.

    The grade column is everything right of the leftmost grade word beside the labels; its words
    read top to bottom give the grades in row order, and hold nothing but grades (else the
    column was misplaced, and None is returned). ``at`` is the row's line index.
    """
    anchors: list[tuple[int, Area]] = []
    for head, area in TABLE_ROWS:
        found = [i for i, line in enumerate(lines) if re.match(_ROW_NUMBER + head, line.text, re.I)]
        if not found:
            return None
        anchors.append((found[0], area))
    anchors.sort()
    first, last = anchors[0][0], anchors[-1][0]
    label_x = lines[first].x0
    inner = [w for line in lines[first : last + 1] for w in line.words]
    starts = [
        w.x0
        for w in inner
        if _GRADE_START.match(w.text.strip(".,")) and w.x0 > label_x + _MIN_LABEL_WIDTH
    ]
    if not starts:
        return None
    grade_x = min(starts) - 2
    top, bottom = lines[first].top - _BAND, lines[last].bottom + _BAND
    band = list(inner)
    for i, line in enumerate(lines):
        outside = i < first or i > last
        if outside and top <= line.top <= bottom and all(w.x0 >= grade_x for w in line.words):
            band.extend(line.words)
    column = " ".join(w.text for w in sorted(band, key=lambda w: (w.top, w.x0)) if w.x0 >= grade_x)
    phrases = re.findall(rf"\b(?:{GRADE_PHRASE})\b", column, re.I)
    residue = re.sub(rf"\b(?:{GRADE_PHRASE})\b", "", column, flags=re.I)
    if len(phrases) != len(anchors) or re.search(r"[^\W\d]", residue):
        return None  # a grade missing, or words that are no grade: the column was misplaced
    rows: list[TableRow] = []
    for n, ((index, area), phrase) in enumerate(zip(anchors, phrases, strict=True)):
        stop = anchors[n + 1][0] if n + 1 < len(anchors) else len(lines)
        label_words = [
            w.text
            for line in lines[index:stop]
            if line.top <= bottom
            for w in line.words
            if w.x0 < grade_x
        ]
        grade = grade_of(phrase)
        if grade is None:
            return None
        rows.append(
            TableRow(area, collapse(_ROW_LINE.sub("", " ".join(label_words))), grade, index)
        )
    return rows


#: How far above the first row and below the last a grade may sit (points).
_BAND = 30.0
#: The grade column starts at least this far right of the row labels' left edge (points).
_MIN_LABEL_WIDTH = 120.0
#: Page 2's lines are placed this far below page 1's when a table runs over.
_PAGE_OFFSET = 10_000.0


def stack_pages(pages: Sequence[Sequence[Line]]) -> list[Line]:
    """Positioned lines of consecutive pages as one column, each page below the one before."""
    return [
        Line(
            tuple(
                Word(w.text, w.x0, w.x1, w.top + n * _PAGE_OFFSET, w.bottom + n * _PAGE_OFFSET)
                for w in line.words
            )
        )
        for n, page in enumerate(pages)
        for line in page
    ]


def read_table(doc: Document, problems: list[str] | None = None) -> list[Judgement]:
    """The judgement table on page 1 (which may run onto page 2): five rows, each graded.

    Page text is read first; positioned words (slower) only when a row is missing there. A SIF
    report always prints its table ("Not judged" is a grade), so an unread row is an error; with
    ``problems``, the rows read are kept and the missing ones noted there, unless none was read.
    """
    pages = [1] if doc.page_count < 2 else [1, 2]
    page1 = "\n".join(body_lines(doc.text(1)))
    text = "\n".join([page1, *("\n".join(body_lines(doc.text(p))) for p in pages[1:])])
    rows = table_from_text(text)
    found = [TableRow(r.area, r.label, r.grade, 1 if r.at < len(page1) else 2) for r in rows]
    if len(found) < len(TABLE_ROWS):
        by_lines = table_from_lines(stack_pages([doc.lines(p) for p in pages]))
        if by_lines is None:
            missing = {a for _, a in TABLE_ROWS} - {r.area for r in rows}
            names = ", ".join(sorted(a.value for a in missing))
            if problems is None or not found:
                raise UnrecognisedReportError(
                    doc.path,
                    f"has the SIF title but its judgement table could not be read ({names})",
                )
            problems.extend(no_judgement(a) for a in sorted(missing, key=lambda a: a.value))
        else:
            n1 = len(doc.lines(1))
            found = [TableRow(r.area, r.label, r.grade, 1 if r.at < n1 else 2) for r in by_lines]
    return [Judgement(area=r.area, label=r.label, grade=r.grade, page=r.at) for r in found]


# --------------------------------------------------------------------------- recommendations


_REC_HEADING = re.compile(
    r"^\s*(?:Recommendations|What\s+does\s+the\s+(?P<who>.{2,40}?)\s+need\s+to\s+improve\??)\s*:?\s*$",
    re.I,
)
_IMMEDIATE_WORDS = (
    r"(?:Priority\s+and\s+immediate\s+actions?|Immediate\s+actions?|Priority\s+actions?)"
)
_IMPROVE_WORDS = r"Areas?\s+for\s+improvement"
_IMMEDIATE_HEADING = re.compile(rf"^\s*{_IMMEDIATE_WORDS}\s*:?\s*$", re.I)
_IMPROVE_HEADING = re.compile(rf"^\s*{_IMPROVE_WORDS}\s*:?\s*$", re.I)
#: A heading that pdfium ran on to the end of an item's last line ("... from home and care.
#: Areas for improvement"): after the item's sentence has ended, a short capitalised tail
#: without a stop, which must be one of the list's or the template's headings.
_TRAILING_HEADING = re.compile(r"^(?P<text>.*\S[.;:)])\s+(?P<heading>[A-Z][^.;]{2,60}?)\s*$")
_NO_ACTIONS = re.compile(
    r"^\s*(?:\d{1,3}\.\s+)?There\s+(?:are|is)\s+no\b.*\b(?:actions?|recommendations?)\b", re.I
)
_NUMBER_ITEM = re.compile(r"^\s*(\d{1,3})\.(?:\s+(?=\S)|(?=[A-Z]))")
#: A bullet: one glyph that is neither a letter nor a digit (so not Word's "o" sub-bullet,
#: which reads as a letter) nor bracket, quote or sentence punctuation, then a space.
_BULLET_ITEM = re.compile(rf"^\s*([^\w\s{re.escape(TEXT_START_PUNCTUATION)}])\s+(?=\S)")
#: Headings of the report's template that follow a recommendations list and so close it.
_END_HEADING = re.compile(
    r"^\s*(?=[A-Z])(?:Summary\s+for\s+children|Information\s+about\s+this|Inspection\s+findings|"
    r"Inspection\s+judgement|Key\s+strengths|Executive\s+summary|Section\s+\d+\s*:|"
    r"The\s+\S+(?:\s+\S+)?[’']s\s+strengths|Review\s+of\s+the\s+effectiveness)",
    re.I,
)
#: A recommendations list's items start at most this many pages after its heading's page.
_MAX_LIST_PAGES = 3
#: A line this much (points) right of its item's first line is indented to the item's text.
_INDENT_TOLERANCE = 4.0
#: A line this share of the page's full line length reaches the right margin: wrapped prose.
_FULL_LINE = 0.8

#: The left edge (points) of a printed line, or None when it is not known.
Indent = Callable[["TextLine"], float | None]


def item_marker(line: str) -> str | None:
    """'number' or 'bullet' when ``line`` opens a list item, else None."""
    if _NUMBER_ITEM.match(line):
        return "number"
    if _BULLET_ITEM.match(line):
        return "bullet"
    return None


def strip_marker(line: str) -> str:
    """The line without its item number or bullet glyph."""
    line = _NUMBER_ITEM.sub("", line, count=1)
    return _BULLET_ITEM.sub("", line, count=1)


def _is_heading_like(line: str) -> bool:
    """A line with a capital and no closing punctuation: may be a heading (length aside)."""
    s = line.strip()
    return bool(s) and not re.search(r"[.;,:]$", s) and s[0].isupper()


def page_measures(lines: Sequence[TextLine]) -> dict[int, int]:
    """Each page's full line length in characters: the length most of its lines reach.

    Taken as the 80th percentile of the page's line lengths, so that one long line (a web
    address) or many short ones (a list of headings) barely move it.
    """
    lengths: dict[int, list[int]] = {}
    for line in lines:
        lengths.setdefault(line.page, []).append(len(line.text.strip()))
    return {p: sorted(ls)[(len(ls) - 1) * 4 // 5] for p, ls in lengths.items()}


@dataclass
class _Item:
    page: int
    priority: Priority
    lines: list[str]
    first: TextLine


def parse_recommendations(
    lines: Sequence[TextLine],
    start: int,
    body: Body,
    *,
    limit: int | None = None,
    indent: Indent | None = None,
    measures: dict[int, int] | None = None,
    doubts: list[str] | None = None,
) -> tuple[list[Recommendation], int]:
    """The items of one recommendations section beginning after ``lines[start]``.

    Returns the items and the index where the section ended. Sub-headings set the priority;
    topic headings (which may wrap) and "There are no priority actions" lines are skipped;
    sub-bullets of a numbered list are folded into their item. Once an item is complete, a
    line that is neither an item nor a continuation of it ends the list, as do index ``limit``
    (the LSCB part) and the page ``_MAX_LIST_PAGES`` after the heading's. ``indent`` gives
    lines' left edges, which settle what continues an item; without it the text's shape does.
    Item numbers that do not run on are added to ``doubts``.
    """
    priority = Priority.IMPROVE
    items: list[_Item] = []
    numbers: list[int] = []
    top: str | None = None
    measures = page_measures(lines) if measures is None else measures
    stop = len(lines) if limit is None else min(limit, len(lines))
    last_page = lines[start].page + _MAX_LIST_PAGES
    i = start + 1
    while i < stop and lines[i].page <= last_page:
        text = lines[i].text
        if _REC_HEADING.match(text) or _END_HEADING.match(text):
            break
        if _IMMEDIATE_HEADING.match(text):
            priority = Priority.IMMEDIATE
        elif _IMPROVE_HEADING.match(text):
            priority = Priority.IMPROVE
        elif _NO_ACTIONS.match(text):
            numbers.extend(_numbers(text))
        elif (marker := item_marker(text)) and (top is None or marker == top or not items):
            top = top or marker
            numbers.extend(_numbers(text))
            items.append(_Item(lines[i].page, priority, [strip_marker(text)], lines[i]))
        elif marker and items:
            items[-1].lines.append(strip_marker(text))
        elif (after := _topic_heading(lines, i, items, indent, measures)) is not None:
            i = after
            continue
        elif items and (
            not _item_complete(items[-1]) or _continues(lines, i, items[-1], indent, measures)
        ):
            if isinstance(indent, PrintedLines) and lines[i - 1].page == lines[i].page:
                separate_dropped_glyph(
                    items[-1].lines, indent, lines[i].page, lines[i - 1].text, text
                )
            items[-1].lines.append(text)
        else:
            break
        i += 1
    if doubts is not None:
        doubts.extend(_numbering_doubts(numbers))
    recs = [
        Recommendation(text=join_wrapped(it.lines), body=body, priority=it.priority, page=it.page)
        for it in items
    ]
    return [r for r in recs if r.text], i


def _numbers(text: str) -> list[int]:
    m = _NUMBER_ITEM.match(text)
    return [int(m.group(1))] if m else []


def _numbering_doubts(numbers: Sequence[int]) -> list[str]:
    """Why a numbered list may be incomplete: its numbers skip or repeat. (The number after a
    list's last says nothing: SIF numbers every paragraph of the report in one run.)"""
    return [
        numbering_gap(a, b) if b > a + 1 else f"numbering runs {a} then {b}"
        for a, b in zip(numbers, numbers[1:], strict=False)
        if b != a + 1
    ]


def _topic_heading(
    lines: Sequence[TextLine],
    i: int,
    items: Sequence[_Item],
    indent: Indent | None,
    measures: dict[int, int],
) -> int | None:
    """Where the list goes on (an item or sub-heading) when line i opens a topic sub-heading,
    else None. A heading is capitalised and unpunctuated, may wrap onto short lines, and is
    followed by an item; it may end with a colon ("Care leavers:"). After an item that has not
    closed its sentence, it must also be printed back at the item's margin, since a wrapped
    item line can look the same.
    """
    if not _is_heading_like(lines[i].text.rstrip().removesuffix(":")):
        return None
    after = _after_heading(lines, i, measures)
    if after is None or not items or _item_complete(items[-1]):
        return after
    x, x_item = (indent(lines[i]), indent(items[-1].first)) if indent else (None, None)
    if x is None or x_item is None or x > x_item + _INDENT_TOLERANCE:
        return None
    return after


def _continues(
    lines: Sequence[TextLine], i: int, item: _Item, indent: Indent | None, measures: dict[int, int]
) -> bool:
    """Whether line i, after a complete item, is more of it rather than what follows the list.

    By layout when known: a continuation is indented to the item's text, while a new paragraph
    or heading starts at the margin. Otherwise by shape: a line ending unpunctuated or starting
    in lower case, a line reaching the right margin (prose that wraps on), or one whose sentence
    runs on into a lower-case next line.
    """
    line = lines[i]
    x, x_item = (indent(line), indent(item.first)) if indent else (None, None)
    if x is not None and x_item is not None:
        return x > x_item + _INDENT_TOLERANCE
    if not _is_heading_like(line.text):
        return True
    if len(line.text.strip()) >= _FULL_LINE * measures.get(line.page, 0):
        return True
    nxt = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
    return bool(nxt) and not nxt[0].isupper() and not item_marker(nxt)


def _item_complete(item: _Item) -> bool:
    """Whether the item's last line closes a sentence or a bracket ("(Paras 58, 62)",
    "(Throughout)": the paragraph references that may end an item), so that a following line
    may be a heading."""
    return bool(re.search(r"[.;:)]\W*$", item.lines[-1].strip()))


def _opens_list_part(text: str) -> bool:
    """Whether a line opens a list item or a priority sub-heading."""
    return bool(item_marker(text) or _IMMEDIATE_HEADING.match(text) or _IMPROVE_HEADING.match(text))


def _after_heading(lines: Sequence[TextLine], i: int, measures: dict[int, int]) -> int | None:
    """The index of the item or sub-heading that follows a heading opening at line i, the
    heading wrapping onto at most ``_HEADING_LINES`` short unpunctuated lines; else None."""
    for j in range(i + 1, min(i + 1 + _HEADING_LINES, len(lines))):
        text = lines[j].text.strip()
        if _opens_list_part(text):
            return j
        if len(text) >= _FULL_LINE * measures.get(lines[j].page, 0) or re.search(r"[.;]$", text):
            return None
    return None


#: How many lines a topic sub-heading may wrap onto.
_HEADING_LINES = 3


def _is_section_start(lines: Sequence[TextLine], i: int) -> bool:
    """A recommendations heading, or a priority sub-heading standing alone (2014 LSCB parts)."""
    text = lines[i].text
    if _REC_HEADING.match(text):
        return True
    if _IMMEDIATE_HEADING.match(text) or _IMPROVE_HEADING.match(text):
        return i == 0 or not (_REC_HEADING.match(lines[i - 1].text))
    return False


def find_recommendations(
    lines: Sequence[TextLine],
    lscb_from: int | None,
    indent: Indent | None = None,
    doubts: list[str] | None = None,
) -> list[Recommendation]:
    """Every recommendations section in ``lines``; those from index ``lscb_from`` on are the LSCB's.

    A "What does the LSCB / local authority need to improve?" heading names its body itself.
    A list before the LSCB part cannot run into it. Why a list may be incomplete is added to
    ``doubts`` (see :func:`parse_recommendations`).
    """
    recs: list[Recommendation] = []
    measures = page_measures(lines)
    i = 0
    while i < len(lines):
        if _is_section_start(lines, i):
            who = _REC_HEADING.match(lines[i].text)
            in_lscb = lscb_from is not None and i >= lscb_from
            if who and who.group("who"):
                in_lscb = "lscb" in who.group("who").lower() or "board" in who.group("who").lower()
            start = i if _REC_HEADING.match(lines[i].text) else i - 1
            limit = lscb_from if lscb_from is not None and i < lscb_from else None
            found, end = parse_recommendations(
                lines,
                start,
                Body.LSCB if in_lscb else Body.LOCAL_AUTHORITY,
                limit=limit,
                indent=indent,
                measures=measures,
                doubts=doubts,
            )
            recs.extend(found)
            i = max(end, i + 1)
            continue
        i += 1
    return recs


def _is_contents_page(text: str) -> bool:
    """A "Contents" page: its entries look like headings but carry page numbers."""
    return (
        bool(re.match(r"^\s*(?:\d+\s*\n)?\s*Contents\s*$", text, re.M))
        and len(re.findall(r"\s\d{1,2}\s*$", text, re.M)) >= 3
    )


def _is_list_heading(text: str) -> bool:
    """A recommendations heading or a priority sub-heading."""
    return bool(
        _REC_HEADING.match(text) or _IMMEDIATE_HEADING.match(text) or _IMPROVE_HEADING.match(text)
    )


def _heading_out_of_place(page: Sequence[str]) -> bool:
    """Whether a list heading on the page is not followed by what a list starts with.

    A list starts with an item, a sub-heading or a "no actions" line, never with a heading
    that would close it; the page's last line cannot start one either.

    Cheap text test deciding which pages' word positions (slow) are read to check the order.
    """
    for i, line in enumerate(page):
        if not _is_list_heading(line):
            continue
        nxt = page[i + 1] if i + 1 < len(page) else ""
        if _END_HEADING.match(nxt) or not (
            item_marker(nxt) or _NO_ACTIONS.match(nxt) or _is_heading_like(nxt)
        ):
            return True
    return False


def report_lines(doc: Document) -> list[TextLine]:
    """Body lines of every page but the contents page (whose headings would start sections).

    Where a list heading seems out of place, the page's printed order is checked by position.
    Footnote markers glued to words are dropped, and a priority sub-heading run on to the end of
    a line is put on its own line.
    """
    out: list[TextLine] = []
    for page_no in range(1, doc.page_count + 1):
        text = doc.text(page_no)
        if _is_contents_page(text):
            continue
        notes = footnote_numbers(text)
        body = [strip_footnote_markers(line, notes) for line in body_lines(text) if line.strip()]
        following = [*body[1:], ""] if body else []  # a page may have no body text at all
        page = [
            part
            for line, nxt in zip(body, following, strict=True)
            for part in split_trailing_subheading(line, nxt)
        ]
        if len(page) > 1 and _heading_out_of_place(page):
            page = place_heading(page, [line.text for line in doc.lines(page_no)])
        out.extend(TextLine(page_no, line) for line in page)
    return out


def split_trailing_subheading(line: str, following: str = "") -> list[str]:
    """An item's last line and the heading pdfium ran on to it (a priority sub-heading, a
    recommendations heading or a template heading that closes a list), as two lines. Not
    when the ``following`` line runs on in lower case: then the words are a sentence's."""
    m = _TRAILING_HEADING.match(line)
    if following.strip()[:1].islower():
        return [line]
    if m and (_is_list_heading(m.group("heading")) or _END_HEADING.match(m.group("heading"))):
        return [m.group("text"), m.group("heading")]
    return [line]


def place_heading(page: list[str], positioned: Sequence[str]) -> list[str]:
    """Move each list heading to where the page prints it, before the line printed below it.

    pdfium returns text in content-stream order, which now and then puts a heading after the
    text beneath it; ``positioned`` is the page's lines top to bottom.
    """
    keys = [line_key(line) for line in positioned]
    for heading in [line for line in page if _is_list_heading(line)]:
        key = line_key(heading)
        if key not in keys or keys.index(key) + 1 >= len(keys):
            continue
        below = keys[keys.index(key) + 1]
        rest = [line for line in page if line is not heading]
        at = next((j for j, line in enumerate(rest) if line_key(line) == below), None)
        if below and at is not None:
            page = rest[:at] + [heading] + rest[at:]
    return page


class LineIndents(PrintedLines):
    """Left edges of printed lines (an :data:`Indent`), read lazily for the pages asked about;
    as :class:`PrintedLines`, the lines themselves."""

    def __call__(self, line: TextLine) -> float | None:
        printed = self.find(line.page, line.text)
        return printed.x0 if printed else None


#: A heading naming the LSCB part: "Section 3: The effectiveness of the Local Safeguarding
#: Children Board", "The Local Safeguarding Children Board (LSCB)".
_LSCB_HEADING = re.compile(
    r"^(?:Section\s+\d+\s*:\s*)?(?:The\s+)?(?:effectiveness\s+)?(?:of\s+)?(?:the\s+)?"
    r"(?:Local\s+Safeguarding\s+Children\s+Board|LSCB)(?:\s*\(LSCB\))?\s*$",
    re.I,
)
#: The LSCB part begins a new page: its heading or judgement is among the page's first lines.
_PAGE_HEAD_LINES = 3


def lscb_part_start(lines: Sequence[TextLine], *, title_only: bool = False) -> int | None:
    """Index in ``lines`` where the LSCB part starts (page 2 on), or None.

    The part opens a page with its judgement sentence, a heading naming the board, or the
    review's title; the first such line found at the head of a page is the start. With
    ``title_only``, only the review's own title page counts: a separate review report
    appended to an LA report whose page 1 does not announce it.
    """
    at_head = 0
    for i, line in enumerate(lines):
        at_head = at_head + 1 if i and lines[i - 1].page == line.page else 0
        if line.page < 2 or at_head >= _PAGE_HEAD_LINES:
            continue
        one, two = collapse(line.text), collapse(" ".join(x.text for x in lines[i : i + 2]))
        if LSCB_TITLE.match(two):
            return i
        if not title_only and (
            _LSCB_SENTENCE.match("\n".join(x.text for x in lines[i : i + 2]))
            or _LSCB_HEADING.match(one)
            or _LSCB_HEADING.match(two)
        ):
            return i
    return None


# --------------------------------------------------------------------------- the reader


def list_warnings(doubts: Iterable[str]) -> list[ReportWarning]:
    """The recommendations warnings for a reader's doubts about its lists."""
    return [ReportWarning(part=Part.RECOMMENDATIONS, message=doubt) for doubt in doubts]


def read(doc: Document) -> Report:
    """The whole record of a SIF report, with its LSCB part: announced on page 1, or a
    separate review report appended after the LA report."""
    page1 = body_lines(doc.text(1))
    page1_text = "\n".join(page1)
    judgements: list[Judgement] = []
    problems: list[str] = []
    overall = overall_sentence(page1_text)
    if overall is None:
        problems.append("no overall judgement sentence on page 1")
    else:
        judgements.append(
            Judgement(area=Area.OVERALL_EFFECTIVENESS, label=overall[0], grade=overall[1], page=1)
        )
    table = read_table(doc, problems if overall else None)
    judgements.extend(table)
    lines = report_lines(doc)
    has_review = bool(LSCB_TITLE.search(collapse(page1_text)))
    part = lscb_part_start(lines, title_only=not has_review)
    lscb = lscb_judgement(lines, part)
    if part is None and lscb is not None and lscb.page > 1:
        # the part was not found at a page's head: it starts at its judgement sentence
        part = next(
            i
            for i, line in enumerate(lines)
            if line.page == lscb.page and _lscb_sentence_at(lines, i)
        )
    warnings = [ReportWarning(part=Part.JUDGEMENTS, message=problem) for problem in problems]
    if (has_review or part is not None) and lscb is None:
        warnings.append(
            ReportWarning(
                part=Part.JUDGEMENTS,
                message="the report has an LSCB review but no LSCB judgement sentence was read",
            )
        )
    if has_review and part is None:
        warnings.append(
            ReportWarning(
                part=Part.RECOMMENDATIONS,
                message="the report announces an LSCB review but its part could not be located: "
                "the board's recommendations may be counted as the local authority's",
            )
        )
    if lscb:
        judgements.append(lscb)
    doubts: list[str] = []
    recs = find_recommendations(lines, part, LineIndents(doc), doubts)
    warnings.extend(list_warnings(doubts))
    start, end = inspection_dates(page1)
    facts = Facts(
        local_authority=title_block(page1),
        inspection_start=start,
        inspection_end=end,
        published=published_date(page1),
        lead_inspector=lead_inspector(line.text for line in lines),
    )
    return build_report(doc, FRAMEWORK, facts, judgements, recs, warnings)
