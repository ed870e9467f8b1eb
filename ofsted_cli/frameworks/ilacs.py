"""ILACS: inspections of local authority children's services, 2018 on.

Layout rules of the family:

- page 1 carries the title block ("Inspection of X local authority children's services", or,
  in 2018-19, "X" over "Inspection of children's social care services"), the inspection
  dates, the lead inspector and a two-column "Judgement / Grade" table;
- the items under "What needs to improve" run up to the first judgement section heading
  ("The experiences and progress of ...: good").

The rules are pure functions over text or positioned words so they can be tested without PDFs;
:func:`read` only finds the pages and feeds them in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

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
from ..pdf import Document, Line, Word, group_lines
from .common import (
    Facts,
    build_report,
    collapse,
    first_match,
    grade_of,
    parse_date,
    parse_date_range,
)

FRAMEWORK = Framework.ILACS

#: How many leading pages may hold the title block and judgement table (a cover page is allowed).
_FRONT_PAGES = 2

#: How many pages past the heading the "What needs to improve" list may run.
_RECOMMENDATION_PAGES = 3

_APOS = "['’]"
_TITLE_RE = re.compile(
    rf"\binspection of\b.{{0,120}}?\bchildren{_APOS}s\s+(?:social\s+care\s+)?services\b",
    re.IGNORECASE | re.DOTALL,
)
_TABLE_HEADER_RE = re.compile(r"^\s*judgements?\s+grades?\s*$", re.IGNORECASE | re.MULTILINE)
_LEADERS_ROW_RE = re.compile(r"\bimpact\s+of\s+leaders\b", re.IGNORECASE)


def matches(doc: Document) -> bool:
    """An ILACS report says so on its first page: the title, and a Judgement/Grade table whose
    rows include the impact of leaders on social work practice."""
    return _front_page(doc) is not None


def is_ilacs_front_page(text: str) -> bool:
    """Whether a page's text is an ILACS report's first page (title, table, leaders row)."""
    head = text[:1500]
    return bool(
        _TITLE_RE.search(head) and _TABLE_HEADER_RE.search(text) and _LEADERS_ROW_RE.search(text)
    )


def read(doc: Document) -> Report:
    """The whole record of one ILACS report."""
    front = _front_page(doc)
    if front is None:
        raise UnrecognisedReportError(doc.path, "has no ILACS title block and judgement table")
    text = doc.text(front)
    facts = parse_front_facts(text)
    rows = parse_judgement_table(doc.words(front))
    judgements = [
        Judgement(area=area, label=label, grade=grade, page=front)
        for label, grade in rows
        if (area := area_of(label)) is not None
    ]
    return build_report(doc, FRAMEWORK, facts, judgements, _recommendations(doc, front))


def _front_page(doc: Document) -> int | None:
    for page_no in range(1, min(doc.page_count, _FRONT_PAGES) + 1):
        if is_ilacs_front_page(doc.text(page_no)):
            return page_no
    return None


# --- facts ---------------------------------------------------------------------------------


_DATES_LABEL_RE = re.compile(r"\binspection\s+dates?\s*:", re.IGNORECASE)
_LEAD_LABEL_RE = re.compile(r"\blead\s+inspectors?\s*:", re.IGNORECASE)
_PUBLISHED_RE = re.compile(r"\b(?:report\s+)?published\s*:\s*([^\n]+)", re.IGNORECASE)
_NEW_TITLE_RE = re.compile(
    rf"^inspection of (?P<la>.+?)\s+(?:local authority\s+)?children{_APOS}s services\b",
    re.IGNORECASE,
)
_OLD_TITLE_RE = re.compile(
    rf"^(?P<la>.+?)\s+inspection of (?:local authority )?children{_APOS}s "
    r"(?:social care )?services\b",
    re.IGNORECASE,
)


def parse_front_facts(text: str) -> Facts:
    """Authority, dates, publication date and lead inspector from the first page's text."""
    lines = [line.strip() for line in text.split("\n")]
    dates_at = next((i for i, line in enumerate(lines) if _DATES_LABEL_RE.search(line)), None)
    title_lines = lines[:dates_at] if dates_at is not None else lines[:6]
    start = end = None
    if dates_at is not None:
        start, end = parse_date_range(_field_text(lines, dates_at, _DATES_LABEL_RE))
    lead_at = next((i for i, line in enumerate(lines) if _LEAD_LABEL_RE.search(line)), None)
    lead = None
    if lead_at is not None and (dates_at is None or lead_at > dates_at):
        lead = inspector_names(_field_text(lines, lead_at, _LEAD_LABEL_RE))
    published_match = _PUBLISHED_RE.search(text[:2000])
    return Facts(
        local_authority=authority_of(title_lines),
        inspection_start=start,
        inspection_end=end,
        published=parse_date(published_match.group(1)) if published_match else None,
        lead_inspector=lead,
    )


_FIELD_END_RE = re.compile(
    r"^(?:lead\s+inspectors?|inspection\s+dates?|judgements?\s+grades?|report\s+published|"
    r"published)\b",
    re.IGNORECASE,
)


def _field_text(lines: Sequence[str], at: int, label: re.Pattern[str]) -> str:
    """A labelled field's value, with the lines it wraps onto (up to the next field/table)."""
    parts = [label.split(lines[at], maxsplit=1)[-1]]
    for line in lines[at + 1 : at + 3]:
        if not line or _FIELD_END_RE.match(line):
            break
        parts.append(line)
    return collapse(" ".join(parts))


def authority_of(title_lines: Iterable[str]) -> str | None:
    """The authority as the title block prints it.

    Two title forms: "Inspection of X [local authority] children's services" (2019 on) and
    "X" above "Inspection of children's social care services" (2018-19).
    """
    title = collapse(" ".join(line for line in title_lines if not line.strip().isdigit()))
    for pattern in (_NEW_TITLE_RE, _OLD_TITLE_RE):
        m = pattern.search(title)
        if m:
            return m.group("la").strip(" ,")
    return None


_INSPECTOR_TITLE_RE = re.compile(
    rf"[,\s]*\b(?:His|Her)\s+Majesty{_APOS}?s\s+Inspectors?\b[,\s]*|[,\s]*\bHMIs?\b\.?[,\s]*",
    re.IGNORECASE,
)


def inspector_names(value: str) -> str | None:
    """The lead inspector's name, or joint leads as "A and B", without their titles."""
    value = collapse(value)
    if not value:
        return None
    parts = _INSPECTOR_TITLE_RE.split(value)
    names: list[str] = []
    for part in parts:
        for name in re.split(r"\s*,\s*|(?:^|\s+)and\s+|\s*&\s*", part):
            name = name.strip(" ,;:.")
            if name and name.lower() != "and":
                names.append(name)
    return " and ".join(names) if names else None


# --- judgements ----------------------------------------------------------------------------

#: Label wording that names each area; the first that matches wins, so the combined
#: "children in care and care leavers" row is children_in_care, not care_leavers.
_AREA_RULES: list[tuple[re.Pattern[str], Area]] = [
    (re.compile(r"\boverall\s+effectiveness\b", re.I), Area.OVERALL_EFFECTIVENESS),
    (re.compile(r"\bimpact\s+of\s+leaders\b", re.I), Area.IMPACT_OF_LEADERS),
    (re.compile(r"\bhelp\s+and\s+protection\b", re.I), Area.HELP_AND_PROTECTION),
    (re.compile(r"\bin\s+care\b", re.I), Area.CHILDREN_IN_CARE),
    (re.compile(r"\bcare\s+leavers\b", re.I), Area.CARE_LEAVERS),
]


def area_of(label: str) -> Area | None:
    """The canonical area a table row's label names, or None for an unknown row."""
    return first_match(_AREA_RULES, label)


_GRADE_PHRASE_RE = re.compile(
    r"^(?:requires?\s+improvement(?:\s+to\s+be\s+good)?|outstanding|good|inadequate|"
    r"not\s+judged|adequate)\.?$",
    re.IGNORECASE,
)

#: Points a cell's text may sit left of its column heading.
_COLUMN_SLACK = 4.0

#: How far apart (points) the tops of the two column headings may be.
_HEADER_TOLERANCE = 6.0

#: A gap narrower than this between two words is a word space, not the gap between two cells.
_CELL_GAP = 12.0


def parse_judgement_table(words: Sequence[Word]) -> list[tuple[str, Grade]]:
    """The (label, grade) rows of the Judgement/Grade table, top to bottom.

    Words left of the "Grade" heading are labels, the rest grades. The table ends at the first
    line that starts left of the table's cells (body text) or runs across the grade column.
    A label starting with a capital opens a new row; a grade phrase (which may wrap over two
    lines, "Requires improvement" / "to be good") belongs to the row nearest it vertically.
    """
    header = _table_header(words)
    if header is None:
        return []
    judgement_word, grade_word = header
    left = judgement_word.x0
    boundary = grade_word.x0 - _COLUMN_SLACK
    below = max(judgement_word.bottom, grade_word.bottom)
    label_words: list[Word] = []
    grade_words: list[Word] = []
    for line in group_lines([w for w in words if w.top > below]):
        if is_body_line(line, left, boundary):
            break
        for w in line.words:
            (grade_words if w.x0 >= boundary else label_words).append(w)
    labels = _blocks(group_lines(label_words))
    grades = [
        (text, top, bottom)
        for text, top, bottom in _blocks(group_lines(grade_words))
        if _GRADE_PHRASE_RE.match(text)
    ]
    return pair_rows(labels, grades)


def is_body_line(line: Line, left: float, boundary: float) -> bool:
    """Whether a line is running text rather than a table row: it starts left of the cells,
    has a word across the column boundary, or crosses it with no more than a word space."""
    if line.x0 < left - _COLUMN_SLACK:
        return True
    before = [w for w in line.words if w.x1 <= boundary]
    after = [w for w in line.words if w.x0 >= boundary]
    if len(before) + len(after) < len(line.words):
        return True
    return bool(before and after and after[0].x0 - before[-1].x1 < _CELL_GAP)


def _table_header(words: Sequence[Word]) -> tuple[Word, Word] | None:
    """The "Judgement" and "Grade" column headings: side by side, Grade to the right."""
    for judgement in words:
        if not re.fullmatch(r"judgements?", judgement.text, re.IGNORECASE):
            continue
        for grade in words:
            if (
                re.fullmatch(r"grades?", grade.text, re.IGNORECASE)
                and grade.x0 > judgement.x1
                and abs(grade.top - judgement.top) <= _HEADER_TOLERANCE
            ):
                return judgement, grade
    return None


def _blocks(lines: Sequence[Line]) -> list[tuple[str, float, float]]:
    """Lines joined into cells: a line starting with a capital letter opens a new cell."""
    blocks: list[tuple[str, float, float]] = []
    for line in lines:
        text = line.text
        if blocks and not text[:1].isupper():
            prev_text, top, _ = blocks[-1]
            blocks[-1] = (f"{prev_text} {text}", top, line.bottom)
        else:
            blocks.append((text, line.top, line.bottom))
    return [(collapse(text), top, bottom) for text, top, bottom in blocks]


def pair_rows(
    labels: Sequence[tuple[str, float, float]], grades: Sequence[tuple[str, float, float]]
) -> list[tuple[str, Grade]]:
    """Each grade cell joined to the label cell whose vertical middle is nearest its own.

    Cells are (text, top, bottom). A label with no grade beside it is not a row.
    """
    chosen: dict[int, Grade] = {}
    for text, top, bottom in grades:
        grade = grade_of(text)
        if grade is None or not labels:
            continue
        middle = (top + bottom) / 2
        nearest = min(
            range(len(labels)), key=lambda i: abs((labels[i][1] + labels[i][2]) / 2 - middle)
        )
        chosen.setdefault(nearest, grade)
    return [(labels[i][0], chosen[i]) for i in sorted(chosen)]


# --- recommendations -----------------------------------------------------------------------

_HEADING_RE = re.compile(
    r"^\s*what\s+needs\s+to\s+improve\s*[?:]?\s*(?P<mark>\d*)\s*[?:]?\s*$", re.I | re.M
)
_SECTION_START_RE = re.compile(
    r"^\s*(?:The\s+(?:experiences|impact)|Experiences|Impact)\s+"
    r"(?:and\s+progress\s+of|of\s+leaders)\b"
)
_BULLET_RE = re.compile(r"^\s*(?:[◼■▪●•\uf06e\uf0a7\uf0b7]|\d{1,2}[.)](?=\s))\s*")
_SUB_BULLET_RE = re.compile(r"^\s*[−–o◦▪]\s+")
_PAGE_NUMBER_RE = re.compile(r"^\s*\d{1,3}\s*$")


def _recommendations(doc: Document, front: int) -> list[Recommendation]:
    first = next(
        (p for p in range(front, doc.page_count + 1) if _HEADING_RE.search(doc.text(p))), None
    )
    if first is None:
        return []
    last = min(doc.page_count, first + _RECOMMENDATION_PAGES - 1)
    pages = [(page_no, doc.text(page_no)) for page_no in range(first, last + 1)]
    return [
        Recommendation(
            text=text, body=Body.LOCAL_AUTHORITY, priority=Priority.IMPROVE, page=page_no
        )
        for page_no, text in recommendation_items(pages, running_header(doc))
    ]


def recommendation_items(
    pages: Sequence[tuple[int, str]], header: frozenset[str] = frozenset()
) -> list[tuple[int, str]]:
    """(page, text) of each item under "What needs to improve", from (page, page text) pairs.

    Running headers and page numbers are dropped from every page, and the footnote that the
    heading's marker ("What needs to improve?1") points to is cut from the heading's page.
    """
    tagged: list[tuple[int, str]] = []
    started = False
    for page_no, text in pages:
        lines = strip_page_furniture(text.split("\n"), header)
        if not started:
            at = next((i for i, line in enumerate(lines) if _HEADING_RE.match(line)), None)
            if at is None:
                continue
            started = True
            marker = footnote_marker(lines, at)
            lines = lines[at + 1 :]
            if marker:
                lines = strip_footnote(lines, marker)
        tagged.extend((page_no, line) for line in lines)
        if any(map(is_section_heading, lines, [*lines[1:], ""])):
            break
    return split_items(tagged)


def is_section_heading(line: str, following: str) -> bool:
    """Whether a line (with the one after it, where a heading wraps) opens a judgement
    section: "The experiences and progress of ...: good", "The impact of leaders ... is good".
    A capital start and a grade tell it from a wrapped item's words."""
    return bool(_SECTION_START_RE.match(line)) and grade_of(f"{line} {following}") is not None


def footnote_marker(lines: Sequence[str], heading_at: int) -> str | None:
    """The footnote number printed after the heading, on its line or the next, if any."""
    m = _HEADING_RE.match(lines[heading_at])
    if m and m.group("mark"):
        return m.group("mark")
    following = lines[heading_at + 1] if heading_at + 1 < len(lines) else ""
    return following.strip() if _is_page_no(following) else None


#: How many lines at a page's foot a footnote may take.
_FOOTNOTE_LINES = 5


def strip_footnote(lines: Sequence[str], marker: str) -> list[str]:
    """The lines without the footnote numbered ``marker`` at the page's foot.

    The footnote starts with its number and a capital, at a line start or run on to the last
    body line ("...solution-1 The areas for improvement..."), within the page's last lines.
    """
    pattern = re.compile(rf"(?:^|(?<=[^\s\d])){re.escape(marker)} (?=[A-Z])")
    out = list(lines)
    for i in range(len(out) - 1, max(len(out) - _FOOTNOTE_LINES, 0) - 1, -1):
        found = list(pattern.finditer(out[i]))
        if found:
            head = out[i][: found[-1].start()]
            return out[:i] + ([head] if head.strip() else [])
    return out


def running_header(doc: Document) -> frozenset[str]:
    """The lines every inner page starts with (title and dates), with their digits removed.

    Found by comparing the first lines of two inner pages, so no wording is assumed.
    """
    if doc.page_count < 4:
        return frozenset()
    heads = [
        [_header_key(line) for line in doc.text(page_no).split("\n")[:3]] for page_no in (2, 3)
    ]
    common = set(heads[0]) & set(heads[1])
    return frozenset(key for key in common if key)


def _header_key(line: str) -> str:
    return collapse(re.sub(r"\d+", "", line)).lower()


def strip_page_furniture(lines: Sequence[str], header: frozenset[str]) -> list[str]:
    """A page's lines without its running header, bare page numbers and blank lines."""
    out = list(lines)
    while out and (not out[0].strip() or _header_key(out[0]) in header or _is_page_no(out[0])):
        out.pop(0)
    while out and (not out[-1].strip() or _is_page_no(out[-1])):
        out.pop()
    return out


def _is_page_no(line: str) -> bool:
    return bool(_PAGE_NUMBER_RE.match(line))


def split_items(lines: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """The list items in (page, line) pairs that follow the heading, up to the section end.

    A bullet glyph or number opens an item; a sub-bullet glyph ("−", "–", "o") is folded into
    the item above without its glyph; any other line continues the open item. A typed hyphen
    ("- ") is text, not a glyph, so it stays. Lines before the first bullet (a footnote marker,
    a blank) are skipped.
    """
    items: list[tuple[int, list[str]]] = []
    for i, (page_no, line) in enumerate(lines):
        following = lines[i + 1][1] if i + 1 < len(lines) else ""
        if is_section_heading(line, following):
            break
        if not line.strip() or _is_page_no(line):
            continue
        bullet = _BULLET_RE.match(line)
        if bullet:
            items.append((page_no, [line[bullet.end() :]]))
        elif items:
            sub = _SUB_BULLET_RE.match(line)
            items[-1][1].append(line[sub.end() :] if sub else line)
    joined = [(page_no, join_lines(parts)) for page_no, parts in items]
    return [(page_no, text) for page_no, text in joined if text]


#: A suspended hyphen that pdfium joined to the next line's "and"/"or": "short-and longer-term".
_SUSPENDED_HYPHEN_RE = re.compile(r"(?<=\w)-(?=(?:and|or|to)\s+\w+-\w)")


def join_lines(parts: Sequence[str]) -> str:
    """Wrapped lines as one string: a line-end hyphen joins the next word directly
    ("decision-" + "making"), except a suspended one ("16-" + "and 17-year-olds")."""
    text = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if text.endswith("-") and not re.match(r"(?:and|or|to)\b", part):
            text += part
        else:
            text = f"{text} {part}" if text else part
    return collapse(_SUSPENDED_HYPHEN_RE.sub("- ", text))
