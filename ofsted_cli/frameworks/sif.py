"""The single inspection framework (SIF), 2013-2018, usually with an LSCB review.

Page 1 carries the title block, the dates, the overall sentence and a numbered table of five
judgements; the LSCB judgement is a sentence ("The Local Safeguarding Children Board is good")
on page 1 (2013-14) or at the head of the LSCB part. Recommendations come under
"Recommendations" or "What does the local authority / LSCB need to improve?", optionally split by
"Priority and immediate action" / "Areas for improvement" sub-headings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

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
from ..pdf import Document, Line, Word
from .common import (
    Facts,
    build_report,
    collapse,
    grade_of,
    parse_date,
    parse_date_range,
    strip_inspector_title,
)

FRAMEWORK = Framework.SIF

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
    """An LA inspection under the SIF: its title is on page 1."""
    return bool(LA_TITLE.search(collapse(doc.text(1))))


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
    for i, line in enumerate(lines):
        if line and not line.strip() and i + 1 < len(lines) and _FOOTNOTE_START.match(lines[i + 1]):
            lines = lines[:i]
            break
    return [line.rstrip() for line in lines]


# --------------------------------------------------------------------------- facts


_INSPECTION_DATES = re.compile(r"^\s*Inspection\s+dates?\s*:?\s*(.*)$", re.I)
_PUBLISHED = re.compile(r"^\s*(?:Report\s+)?published\s*:?\s*(.*)$", re.I)
_DATE_CONTINUATION = re.compile(
    r"^\s*(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|and\b|to\b|[–-])", re.I
)
_LEAD = re.compile(r"^\s*Lead\s+inspector(?:\s+on\s+site)?\s*:\s*(.+)$", re.I)


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


_GRADE_PHRASE = (
    r"(?:outstanding|good|inadequate|requires?\s+improvement(?:\s+to\s+be\s+good)?|adequate)"
)
_OVERALL = re.compile(
    r"^(?P<label>(?:Children[’'`]s\s+services\s+in\s+[^\n]*?(?:\n[^\n]*?)??"
    r"|The\s+overall\s+judgement\s+is(?:\s+that\s+children[’'`]s\s+services)?)"
    rf"\s+(?:(?:are|is)\s+)?(?P<grade>{_GRADE_PHRASE}))",
    re.I | re.M,
)


def overall_sentence(text: str) -> tuple[str, Grade] | None:
    """Page 1's overall sentence as printed (without the final stop) and its grade."""
    m = _OVERALL.search(text)
    if not m:
        return None
    grade = grade_of(m.group("grade"))
    return (collapse(m.group("label")), grade) if grade else None


_LSCB_SENTENCE = re.compile(
    r"^The\s+(?:judgement\s+for\s+the\s+)?(?:effectiveness\s+of\s+the\s+)?"
    r"(?:Local\s+Safeguarding\s+Children(?:[’']s)?(?:\s+Board)?|LSCB)(?:\s+\(LSCB\))?"
    rf"\s+(?:is\s+)?(?:judged\s+to\s+be\s+)?(?P<grade>{_GRADE_PHRASE})[ \t.]*$",
    re.I | re.M,
)

LSCB_LABEL = "The Local Safeguarding Children Board"


def lscb_grade(text: str) -> Grade | None:
    """The grade of an LSCB judgement sentence starting a line of ``text``, if any."""
    m = _LSCB_SENTENCE.search(text)
    return grade_of(m.group("grade")) if m else None


def find_lscb_judgement(doc: Document, first_page: int = 1) -> Judgement | None:
    """The first LSCB judgement sentence from ``first_page`` on."""
    for page_no in range(first_page, doc.page_count + 1):
        grade = lscb_grade("\n".join(body_lines(doc.text(page_no))))
        if grade:
            return Judgement(area=Area.LSCB, label=LSCB_LABEL, grade=grade, page=page_no)
    return None


#: Table rows: canonical label words (as a regex) and area, in report order.
TABLE_ROWS: tuple[tuple[str, Area], ...] = (
    (r"Children\s+who\s+need\s+help\s+and\s+protection", Area.HELP_AND_PROTECTION),
    (r"Children\s+looked\s+after\s+and\s+achieving\s+permanence", Area.CHILDREN_LOOKED_AFTER),
    (r"Adoption\s+performance", Area.ADOPTION),
    (r"Experiences\s+and\s+progress\s+of\s+care\s+leavers", Area.CARE_LEAVERS),
    (r"Leadership,?\s+management\s+and\s+governance", Area.LEADERSHIP),
)
_ROW_NUMBER = r"^\s*\d(?:\.\d)?\.?\s+"


def table_from_text(text: str) -> list[tuple[Area, str, Grade]] | None:
    """The five numbered rows read from page text, or None when any row is unclear.

    Each row's grade is the grade phrase between its label and the next row's number.
    """
    starts: list[tuple[int, int, Area, str]] = []
    for label_re, area in TABLE_ROWS:
        m = re.search(_ROW_NUMBER + rf"({label_re})", text, re.I | re.M)
        if not m:
            return None
        starts.append((m.start(), m.end(), area, collapse(m.group(1))))
    if [s[0] for s in starts] != sorted(s[0] for s in starts):
        return None
    rows: list[tuple[Area, str, Grade]] = []
    for i, (_, end, area, label) in enumerate(starts):
        stop = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        chunk = text[end:stop]
        m = re.match(rf"\s*(?:{_GRADE_PHRASE}|not\s+judged)\b", chunk, re.I)
        grade = grade_of(m.group(0)) if m else None
        if grade is None:
            return None
        rows.append((area, label, grade))
    return rows


_GRADE_START = re.compile(r"^(?:outstanding|good|inadequate|requires?|not)$", re.I)


def table_from_lines(lines: Sequence[Line]) -> list[tuple[Area, str, Grade]] | None:
    """The five rows read from positioned lines, for grades printed above, beside or below a label.

    The grade column is everything right of the leftmost grade word beside the labels; its words
    read top to bottom give the grades in row order.
    """
    anchors: list[tuple[int, Area]] = []
    for label_re, area in TABLE_ROWS:
        head = r"\s+".join(label_re.split(r"\s+")[:2])
        found = [i for i, line in enumerate(lines) if re.match(_ROW_NUMBER + head, line.text, re.I)]
        if not found:
            return None
        anchors.append((found[0], area))
    if [a for a, _ in anchors] != sorted(a for a, _ in anchors):
        return None
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
    phrases = re.findall(rf"\b(?:{_GRADE_PHRASE}|not\s+judged)\b", column, re.I)
    if len(phrases) != len(anchors):
        return None
    rows: list[tuple[Area, str, Grade]] = []
    for n, ((index, area), phrase) in enumerate(zip(anchors, phrases, strict=True)):
        stop = anchors[n + 1][0] if n + 1 < len(anchors) else len(lines)
        label_words = [
            w.text
            for line in lines[index:stop]
            if line.top <= bottom
            for w in line.words
            if w.x0 < grade_x
        ]
        label = re.sub(_ROW_NUMBER, "", " ".join(label_words))
        label_re = dict((a, r) for r, a in TABLE_ROWS)[area]
        m = re.match(label_re, label, re.I)
        grade = grade_of(phrase)
        if grade is None:
            return None
        rows.append((area, collapse(m.group(0)) if m else collapse(label), grade))
    return rows


#: How far above the first row and below the last a grade may sit (points).
_BAND = 30.0
#: The grade column starts at least this far right of the row labels' left edge (points).
_MIN_LABEL_WIDTH = 120.0


def read_table(doc: Document) -> list[Judgement]:
    """The numbered judgement table on page 1 (which may run onto page 2).

    Page text is tried first; positioned words (slower) when the text order does not settle it.
    """
    pages = [1] if doc.page_count < 2 else [1, 2]
    page1 = "\n".join(body_lines(doc.text(1)))
    rows = None
    for last in pages:
        rows = table_from_text(
            "\n".join(line for p in range(1, last + 1) for line in body_lines(doc.text(p)))
        )
        if rows:
            break
    positioned: list[Line] = []
    for p in pages:
        if rows:
            break
        offset = (p - 1) * _PAGE_OFFSET
        positioned.extend(
            Line(
                tuple(
                    Word(w.text, w.x0, w.x1, w.top + offset, w.bottom + offset) for w in line.words
                )
            )
            for line in doc.lines(p)
        )
        rows = table_from_lines(positioned)
    labels = dict((area, label_re) for label_re, area in TABLE_ROWS)
    return [
        Judgement(
            area=a,
            label=label,
            grade=g,
            page=1 if re.search(_ROW_NUMBER + labels[a], page1, re.I | re.M) else 2,
        )
        for a, label, g in rows or []
    ]


#: Page 2's lines are placed this far below page 1's when a table runs over.
_PAGE_OFFSET = 10_000.0


# --------------------------------------------------------------------------- recommendations


_REC_HEADING = re.compile(
    r"^\s*(?:Recommendations|What\s+does\s+the\s+(?P<who>.{2,40}?)\s+need\s+to\s+improve\??)\s*:?\s*$",
    re.I,
)
_IMMEDIATE_HEADING = re.compile(
    r"^\s*(?:Priority\s+and\s+immediate\s+actions?|Immediate\s+actions?|Priority\s+actions?)\s*:?\s*$",
    re.I,
)
_IMPROVE_HEADING = re.compile(r"^\s*Areas?\s+for\s+improvement\s*:?\s*$", re.I)
_NO_ACTIONS = re.compile(
    r"^\s*(?:\d{1,3}\.\s+)?There\s+(?:are|is)\s+no\b.*\b(?:actions?|recommendations?)\b", re.I
)
_NUMBER_ITEM = re.compile(r"^\s*(\d{1,3})\.(?:\s+(?=\S)|(?=[A-Z]))")
_BULLET_ITEM = re.compile(
    r"^\s*([\uf06e\uf02d\uf0be\uf0a7\uf0b7\u2022\u25aa\u25cf\u2013\u2212\u2500o-])\s+(?=\S)"
)
#: Headings that close a recommendations list: the next part of the report's template.
_END_HEADING = re.compile(
    r"^\s*(?=[A-Z])(?:Summary\s+for\s+children|Information\s+about\s+this|Inspection\s+findings|"
    r"Inspection\s+judgement|Key\s+strengths|The\s+local\s+authority[’']s\s+strengths|"
    r"The\s+LSCB[’']s\s+strengths|Section\s+\d+\s*:|The\s+experiences\s+and\s+progress|Executive\s+summary|"
    r"Contents\b|The\s+Local\s+Safeguarding\s+Children\s+Board\s*(?:\(LSCB\))?\s*$|"
    r"Review\s+of\s+the\s+effectiveness)",
    re.I,
)


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


def join_lines(lines: Iterable[str]) -> str:
    """Wrapped lines as one text: a line-end hyphen joins without a space."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out and re.search(r"[^\W\d]-$", out):
            out += line
        else:
            out = f"{out} {line}" if out else line
    return collapse(out)


def _is_heading_like(line: str) -> bool:
    """A short line with no closing punctuation: a heading rather than wrapped prose."""
    s = line.strip()
    return bool(s) and len(s) <= 100 and not re.search(r"[.;,:]$", s) and s[0].isupper()


@dataclass
class _Item:
    page: int
    priority: Priority
    lines: list[str]


def parse_recommendations(
    lines: Sequence[TextLine], start: int, body: Body
) -> tuple[list[Recommendation], int]:
    """The items of one recommendations section beginning after ``lines[start]``.

    Returns the items and the index where the section ended. Sub-headings set the priority;
    topic headings and "There are no priority actions" lines are skipped; sub-bullets of a
    numbered list are folded into their item.
    """
    priority = Priority.IMPROVE
    items: list[_Item] = []
    top: str | None = None
    i = start + 1
    while i < len(lines):
        text = lines[i].text
        if _REC_HEADING.match(text) or _END_HEADING.match(text):
            break
        if _IMMEDIATE_HEADING.match(text):
            priority = Priority.IMMEDIATE
        elif _IMPROVE_HEADING.match(text):
            priority = Priority.IMPROVE
        elif _NO_ACTIONS.match(text):
            pass
        elif (marker := item_marker(text)) and (top is None or marker == top or not items):
            top = top or marker
            items.append(_Item(lines[i].page, priority, [strip_marker(text)]))
        elif marker and items:
            items[-1].lines.append(strip_marker(text))
        elif items and not _item_complete(items[-1]):
            items[-1].lines.append(text)
        elif _is_heading_like(text) and _next_is_item(lines, i):
            pass
        elif items and _continues(lines, i):
            items[-1].lines.append(text)
        elif _is_heading_like(text) and len(text.strip()) <= _SHORT_HEADING:
            break
        elif items:
            items[-1].lines.append(text)
        else:
            break
        i += 1
    recs = [
        Recommendation(text=join_lines(it.lines), body=body, priority=it.priority, page=it.page)
        for it in items
    ]
    return [r for r in recs if r.text], i


#: A heading that ends a list is short; a longer unpunctuated line is wrapped item text.
_SHORT_HEADING = 60


def _continues(lines: Sequence[TextLine], i: int) -> bool:
    """Whether line i reads as more of the previous item: prose, or a sentence running on."""
    if not _is_heading_like(lines[i].text) or len(lines[i].text.strip()) > _SHORT_HEADING:
        return True
    nxt = lines[i + 1].text if i + 1 < len(lines) else ""
    return bool(nxt.strip()) and not nxt.strip()[0].isupper() and not item_marker(nxt)


def _item_complete(item: _Item) -> bool:
    """Whether the item's last line closes a sentence (so a following line may be a heading)."""
    return bool(re.search(r"[.;:]\W*$", item.lines[-1].strip()))


def _next_is_item(lines: Sequence[TextLine], i: int) -> bool:
    """Whether a list item or a priority sub-heading follows line i."""
    if i + 1 >= len(lines):
        return False
    text = lines[i + 1].text
    return bool(item_marker(text) or _IMMEDIATE_HEADING.match(text) or _IMPROVE_HEADING.match(text))


def _is_section_start(lines: Sequence[TextLine], i: int) -> bool:
    """A recommendations heading, or a priority sub-heading standing alone (2014 LSCB parts)."""
    text = lines[i].text
    if _REC_HEADING.match(text):
        return True
    if _IMMEDIATE_HEADING.match(text) or _IMPROVE_HEADING.match(text):
        return i == 0 or not (_REC_HEADING.match(lines[i - 1].text))
    return False


def find_recommendations(lines: Sequence[TextLine], lscb_from: int | None) -> list[Recommendation]:
    """Every recommendations section in ``lines``; those from index ``lscb_from`` on are the LSCB's.

    A "What does the LSCB / local authority need to improve?" heading names its body itself.
    """
    recs: list[Recommendation] = []
    i = 0
    while i < len(lines):
        if _is_section_start(lines, i):
            who = _REC_HEADING.match(lines[i].text)
            in_lscb = lscb_from is not None and i >= lscb_from
            if who and who.group("who"):
                in_lscb = "lscb" in who.group("who").lower() or "board" in who.group("who").lower()
            start = i if _REC_HEADING.match(lines[i].text) else i - 1
            found, end = parse_recommendations(
                lines, start, Body.LSCB if in_lscb else Body.LOCAL_AUTHORITY
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


def report_lines(doc: Document) -> list[TextLine]:
    """Body lines of every page but the contents page (whose headings would start sections)."""
    out: list[TextLine] = []
    for page_no in range(1, doc.page_count + 1):
        text = doc.text(page_no)
        if _is_contents_page(text):
            continue
        page = [line for line in body_lines(text) if line.strip()]
        if len(page) > 1 and (_REC_HEADING.match(page[-1]) or _IMMEDIATE_HEADING.match(page[-1])):
            page = place_heading(page, [line.text for line in doc.lines(page_no)])
        out.extend(TextLine(page_no, line) for line in page)
    return out


def _key(text: str) -> str:
    """A line reduced to letters and digits, to match pdfium's lines with pdfplumber's."""
    return re.sub(r"\W+", "", text).lower()[:40]


def place_heading(page: list[str], positioned: Sequence[str]) -> list[str]:
    """Move a heading pdfium gave last on its page to where the page prints it.

    pdfium returns text in content-stream order, which now and then puts a heading after the
    text beneath it; ``positioned`` is the page's lines top to bottom.
    """
    heading = _key(page[-1])
    keys = [_key(line) for line in positioned]
    if heading not in keys:
        return page
    below = keys[keys.index(heading) + 1 :]
    if not below:
        return page
    for i, line in enumerate(page[:-1]):
        if _key(line) and _key(line) == below[0]:
            return page[:i] + [page[-1]] + page[i:-1]
    return page


def lscb_part_start(lines: Sequence[TextLine]) -> int | None:
    """Index in ``lines`` where the LSCB part starts: its judgement sentence or title, page 2 on."""
    for i, line in enumerate(lines):
        if line.page < 2:
            continue
        window = "\n".join(x.text for x in lines[i : i + 2])
        if re.match(
            r"^\s*The\s+(?:effectiveness\s+of\s+the\s+)?(?:Local\s+Safeguarding|LSCB)",
            line.text,
            re.I,
        ) and (lscb_grade(window)):
            return i
        if LSCB_TITLE.match(collapse(window)):
            return i
    return None


# --------------------------------------------------------------------------- the reader


def read(doc: Document) -> Report:
    """The whole record of a SIF report (with its LSCB part, when it has one)."""
    page1 = body_lines(doc.text(1))
    page1_text = "\n".join(page1)
    judgements: list[Judgement] = []
    overall = overall_sentence(page1_text)
    if overall is None:
        raise UnrecognisedReportError(
            doc.path, "has the SIF title but no overall judgement sentence"
        )
    judgements.append(
        Judgement(area=Area.OVERALL_EFFECTIVENESS, label=overall[0], grade=overall[1], page=1)
    )
    judgements.extend(read_table(doc))
    lscb = find_lscb_judgement(doc)
    if lscb:
        judgements.append(lscb)
    lines = report_lines(doc)
    recs = find_recommendations(lines, lscb_part_start(lines))
    start, end = inspection_dates(page1)
    facts = Facts(
        local_authority=title_block(page1),
        inspection_start=start,
        inspection_end=end,
        published=published_date(page1),
        lead_inspector=lead_inspector(line.text for line in lines),
    )
    return build_report(doc, FRAMEWORK, facts, judgements, recs)
