"""ILACS: inspections of local authority children's services, 2018 on.

Layout rules of the family:

- page 1 carries the title block ("Inspection of X local authority children's services", or,
  in 2018-19, "X" over "Inspection of children's social care services"), the inspection
  dates, the lead inspector and a two-column "Judgement / Grade" table;
- the items under "What needs to improve" run up to the first judgement section heading
  ("The experiences and progress of ...: good") or the numbered findings paragraphs.

Anything that breaks these rules is an error, never a half-filled record.

The rules are pure functions over text or positioned words so they can be tested without PDFs;
:func:`read` only finds the pages and feeds them in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

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
from ..pdf import Document, Line, Word, group_lines
from .common import (
    BULLET_GLYPHS,
    GRADE_OPENING,
    GRADE_PHRASE,
    INSPECTOR_TITLE,
    JUDGED_PHRASE,
    TEXT_START_PUNCTUATION,
    Facts,
    PrintedLines,
    build_report,
    collapse,
    first_match,
    forced_break,
    grade_of,
    join_wrapped,
    line_key,
    no_judgement,
    parse_date,
    parse_date_range,
    separate_dropped_glyph,
)

FRAMEWORK = Framework.ILACS
NAME = "ILACS: inspection of local authority children's services"
SHORT = "ILACS"

#: How many leading pages may hold the title block and judgement table (a cover page is allowed).
_FRONT_PAGES = 2

#: How many pages past the heading the "What needs to improve" list may run.
_RECOMMENDATION_PAGES = 3

_APOS = "['’]"
#: The title opens a line: "Inspection of X local authority children's services", "Inspection
#: of children's social care services" (under X, 2018-19), "Inspection of Bradford Children and
#: Families Trust" (a service run by a trust or company names no council).
_TITLE_RE = re.compile(r"^\s*inspection\s+of\s+\S", re.IGNORECASE | re.MULTILINE)
_TABLE_HEADER_RE = re.compile(r"^\s*judgements?\s+grades?\s*$", re.IGNORECASE | re.MULTILINE)
_LEADERS_ROW_RE = re.compile(r"\bimpact\s+of\s+leaders\b", re.IGNORECASE)


def matches(doc: Document) -> bool:
    """An ILACS report says so on its first page: the title, and a Judgement/Grade table whose
    rows include the impact of leaders on social work practice."""
    return _front_page(doc) is not None


#: How much of the front page's text the title may stand in (title block above the table).
_HEAD_CHARS = 1500


def is_ilacs_front_page(text: str) -> bool:
    """Whether a page's text is an ILACS report's first page (title, table, leaders row)."""
    head = text[:_HEAD_CHARS]
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
    problems: list[str] = []
    try:
        rows = parse_judgement_table(doc.words(front), problems)
        judgements = judgements_of(rows, front, problems)
    except TableError as exc:
        raise UnrecognisedReportError(
            doc.path, f"judgement table could not be read ({exc})"
        ) from exc
    warnings = [
        ReportWarning(part=Part.JUDGEMENTS, message=f"judgement table: {problem}")
        for problem in problems
    ]
    read_areas = {j.area for j in judgements}
    warnings += [
        ReportWarning(part=Part.JUDGEMENTS, message=no_judgement(area))
        for area in _REQUIRED_AREAS
        if area not in read_areas
    ]
    recs, list_warnings = _recommendations(doc, front)
    return build_report(doc, FRAMEWORK, facts, judgements, recs, warnings + list_warnings)


class TableError(ValueError):
    """The judgement table breaks the layout rules (the reason is the message)."""


#: Rows every ILACS table has; overall effectiveness went in the April 2026 reform, and the
#: care leavers row was part of the children in care row before 2023.
_REQUIRED_AREAS = (Area.IMPACT_OF_LEADERS, Area.HELP_AND_PROTECTION, Area.CHILDREN_IN_CARE)


def judgements_of(
    rows: Sequence[tuple[str, Grade]], page: int, problems: list[str] | None = None
) -> list[Judgement]:
    """The table's rows as judgements. An empty table raises TableError; an unknown row or a
    missing required row raises it too. With ``problems``, an unknown row is added there and
    the rows read are kept; the caller then warns of each missing required row (in the words
    of :func:`.common.no_judgement`), since a partial table must never pass for a whole one."""
    if not rows:
        raise TableError("no rows")
    judgements: list[Judgement] = []
    for label, grade in rows:
        area = area_of(label)
        if area is None:
            _problem(problems, f"unknown row {label!r}")
            continue
        judgements.append(Judgement(area=area, label=label, grade=grade, page=page))
    missing = [a.value for a in _REQUIRED_AREAS if a not in {j.area for j in judgements}]
    if missing and problems is None:
        raise TableError(f"no {', '.join(missing)} row")
    return judgements


def _problem(problems: list[str] | None, reason: str) -> None:
    """Raise TableError for ``reason``, or note it in ``problems`` when the caller keeps them."""
    if problems is None:
        raise TableError(reason)
    problems.append(reason)


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
#: Any other title: "Inspection of X" (a trust, a company, a partnership), X not the generic
#: "[local authority] children's ... services" of a title printed under the authority's name.
_OWN_TITLE_RE = re.compile(
    rf"^inspection of (?!(?:local authority )?children{_APOS}s\b)(?P<la>.+?)\s*$", re.IGNORECASE
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
    if lead_at is not None:
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

    Three title forms: "Inspection of X [local authority] children's services" (2019 on),
    "X" above "Inspection of children's social care services" (2018-19), and "Inspection of X"
    where X is the trust or company that runs the service.
    """
    title = collapse(" ".join(line for line in title_lines if not line.strip().isdigit()))
    for pattern in (_NEW_TITLE_RE, _OLD_TITLE_RE, _OWN_TITLE_RE):
        m = pattern.search(title)
        if m:
            return m.group("la").strip(" ,")
    return None


def inspector_names(value: str) -> str | None:
    """The lead inspector's name, or joint leads as "A and B", without their titles."""
    value = collapse(value)
    if not value:
        return None
    parts = INSPECTOR_TITLE.split(value)
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


_GRADE_PHRASE_RE = re.compile(rf"^{GRADE_PHRASE}\.?$", re.IGNORECASE)

#: The first word(s) of a grade phrase, in any case: a grade-column line starting so opens a
#: new cell ("to be good" does not, so it joins "Requires improvement" above).
_GRADE_START_RE = re.compile(rf"^{GRADE_OPENING}\b", re.IGNORECASE)

#: Points a cell's text may sit left of its column heading.
_COLUMN_SLACK = 4.0

#: How far apart (points) the tops of the two column headings may be.
_HEADER_TOLERANCE = 6.0

#: A gap narrower than this many of the page's word spaces is a word space, not the gap
#: between two cells (corpus: body text gaps reach 1.1 word spaces, label-to-grade gaps
#: start at 4).
_CELL_GAP_WORD_SPACES = 2.5

#: The word space assumed on a page with too few words to measure one (points).
_DEFAULT_WORD_SPACE = 3.7


def parse_judgement_table(
    words: Sequence[Word], problems: list[str] | None = None
) -> list[tuple[str, Grade]]:
    """The (label, grade) rows of the Judgement/Grade table, top to bottom.

    Words left of the "Grade" heading are labels, the rest grades. The table ends at the first
    line that starts left of the table's cells (body text), or at a line running across the
    grade column with no grade cell below it (body text at the cells' indent, 2018); such a
    line with grade cells below is a misread row line and is skipped, not the table's end.
    A label starting with a capital opens a new row, as does a grade phrase in any case (which
    may wrap, "Requires improvement" / "to be good"); each grade belongs to the label nearest
    it vertically. Raises TableError when a label has no grade, or notes it in ``problems``
    (see :func:`pair_rows`).
    """
    header = _table_header(words)
    if header is None:
        return []
    judgement_word, grade_word = header
    left = judgement_word.x0
    boundary = grade_word.x0 - _COLUMN_SLACK
    cell_gap = _CELL_GAP_WORD_SPACES * word_space(words)
    below = max(judgement_word.bottom, grade_word.bottom)
    lines: list[Line] = []
    for line in group_lines([w for w in words if w.top > below]):
        if line.x0 < left - _COLUMN_SLACK:
            break
        lines.append(line)
    crossing = [is_body_line(line, left, boundary, cell_gap) for line in lines]
    has_grade = [
        not crossing[i] and _GRADE_START_RE.match(_grade_side(line, boundary)) is not None
        for i, line in enumerate(lines)
    ]
    label_words: list[Word] = []
    grade_words: list[Word] = []
    for i, line in enumerate(lines):
        if crossing[i]:
            if not any(has_grade[i + 1 :]):
                break
            continue
        for w in line.words:
            (grade_words if w.x0 >= boundary else label_words).append(w)
    labels = _blocks(group_lines(label_words), _opens_label)
    grades = [
        (text, top, bottom)
        for text, top, bottom in _blocks(group_lines(grade_words), _opens_grade)
        if _GRADE_PHRASE_RE.match(text)
    ]
    return pair_rows(labels, grades, problems)


def word_space(words: Sequence[Word]) -> float:
    """The page's usual word space: the median gap between neighbouring words on a line."""
    gaps = sorted(
        b.x0 - a.x1
        for line in group_lines(list(words))
        for a, b in zip(line.words, line.words[1:], strict=False)
        if b.x0 > a.x1
    )
    return gaps[len(gaps) // 2] if len(gaps) >= 5 else _DEFAULT_WORD_SPACE


def is_body_line(line: Line, left: float, boundary: float, cell_gap: float) -> bool:
    """Whether a line is running text rather than a table row: it starts left of the cells,
    has a word across the column boundary, or crosses it with a gap under ``cell_gap``."""
    if line.x0 < left - _COLUMN_SLACK:
        return True
    before = [w for w in line.words if w.x1 <= boundary]
    after = [w for w in line.words if w.x0 >= boundary]
    if len(before) + len(after) < len(line.words):
        return True
    return bool(before and after and after[0].x0 - before[-1].x1 < cell_gap)


def _grade_side(line: Line, boundary: float) -> str:
    return " ".join(w.text for w in line.words if w.x0 >= boundary)


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


def _opens_label(text: str) -> bool:
    return text[:1].isupper()


def _opens_grade(text: str) -> bool:
    return _GRADE_START_RE.match(text) is not None


def _blocks(lines: Sequence[Line], opens: Callable[[str], bool]) -> list[tuple[str, float, float]]:
    """Lines joined into cells: a line for which ``opens`` holds opens a new cell."""
    blocks: list[tuple[str, float, float]] = []
    for line in lines:
        text = line.text
        if blocks and not opens(text):
            prev_text, top, _ = blocks[-1]
            blocks[-1] = (f"{prev_text} {text}", top, line.bottom)
        else:
            blocks.append((text, line.top, line.bottom))
    return [(collapse(text), top, bottom) for text, top, bottom in blocks]


def pair_rows(
    labels: Sequence[tuple[str, float, float]],
    grades: Sequence[tuple[str, float, float]],
    problems: list[str] | None = None,
) -> list[tuple[str, Grade]]:
    """Each grade cell joined to the label cell whose vertical middle is nearest its own.

    Cells are (text, top, bottom). A label with no grade, a grade with no label, or two
    grades beside one label (the label is then dropped) each mean a cell was misread: they
    raise TableError, or, with ``problems``, are added there and the other rows kept.
    """
    chosen: dict[int, Grade] = {}
    doubled: set[int] = set()
    for text, top, bottom in grades:
        grade = grade_of(text)
        if grade is None:
            continue
        if not labels:
            _problem(problems, f"grade {text!r} has no label")
            continue
        middle = (top + bottom) / 2
        nearest = min(
            range(len(labels)), key=lambda i: abs((labels[i][1] + labels[i][2]) / 2 - middle)
        )
        if nearest in chosen:
            _problem(problems, f"two grades beside {labels[nearest][0]!r}")
            doubled.add(nearest)
        chosen[nearest] = grade
    for i, (label, _, _) in enumerate(labels):
        if i not in chosen:
            _problem(problems, f"no grade beside {label!r}")
    return [(labels[i][0], chosen[i]) for i in sorted(chosen) if i not in doubled]


# --- recommendations -----------------------------------------------------------------------

#: "What needs to improve?", with any case, "?" or ":", a footnote digit, and a qualifier
#: naming where ("What needs to improve in this local authority?").
_HEADING_RE = re.compile(
    r"^\s*what\s+needs\s+to\s+improve(?:\s+(?:in|for|at|within)\s+[^?:\n]{1,60}?)?"
    r"\s*[?:]?\s*(?P<mark>\d*)\s*[?:]?\s*$",
    re.I,
)
#: A wrapped heading's first line ("What needs to improve in this local" / "authority?").
_HEADING_START_RE = re.compile(r"^\s*what\s+needs\s+to\s+improve\s+(?:in|for|at|within)\b", re.I)
_SECTION_START_RE = re.compile(
    r"^\s*(?:The\s+(?:experiences|impact)|Experiences|Impact)\s+"
    r"(?:and\s+progress\s+of|of\s+leaders)\b"
)
#: A section heading's grade, at its end: "...protection: good", "...care leavers is good",
#: "...protection requires improvement to be good".
_GRADE_AT_END_RE = re.compile(
    rf"(?::|\b(?:is|are)\b:?|(?=\brequires?\s))\s*\b{JUDGED_PHRASE}\s*\.?\s*$", re.IGNORECASE
)
#: The numbered findings paragraphs that follow the list ("1. The local authority...",
#: "21.For most children...").
_FINDINGS_RE = re.compile(r"^\s*\d{1,3}\.\s*[A-Z]")
#: A bullet: a known glyph, or any other single symbol (or "o") followed by a space.
_GLYPH_RE = re.compile(
    rf"^\s*(?:(?P<known>[{BULLET_GLYPHS}])\s*"
    rf"|(?P<other>[^\w\s{re.escape(TEXT_START_PUNCTUATION)}]|o)(?:\s+|$))"
)
#: A typed hyphen starting a line is text ("- an understanding;"), unless the list uses it.
_TYPED_HYPHEN = "-"
#: A line that starts a new paragraph after an item has ended: a capital, or a footnote's number.
_PARAGRAPH_START_RE = re.compile(r"^\s*(?:[A-Z]|\d{1,2}\s+[A-Z])")
_ITEM_END_RE = re.compile(r"[.)]\s*$")
_PAGE_NUMBER_RE = re.compile(r"^\s*\d{1,3}\s*$")


def _recommendations(doc: Document, front: int) -> tuple[list[Recommendation], list[ReportWarning]]:
    """The items under "What needs to improve", and the reader's doubts about them.

    No heading, or a heading over prose only (an authority with nothing to improve), gives no
    items and no doubt; a list that cannot be read to its end gives what was read, and a warning.
    """
    first = next(
        (
            p
            for p in range(front, doc.page_count + 1)
            if find_heading(doc.text(p).split("\n")) is not None
        ),
        None,
    )
    if first is None:
        return [], []  # no heading at all: the report makes no recommendations (Thurrock 2024)
    last = min(doc.page_count, first + _RECOMMENDATION_PAGES - 1)
    pages = [(page_no, doc.text(page_no)) for page_no in range(first, last + 1)]
    warnings: list[ReportWarning] = []
    try:
        items = recommendation_items(pages, running_header(doc), PrintedLines(doc))
    except ListError as exc:
        items = exc.items
        warnings.append(
            ReportWarning(
                part=Part.RECOMMENDATIONS,
                message=f'"What needs to improve" list may be incomplete: {exc}',
            )
        )
    recs = [
        Recommendation(
            text=text, body=Body.LOCAL_AUTHORITY, priority=Priority.IMPROVE, page=page_no
        )
        for page_no, text in items
    ]
    return recs, warnings


def find_heading(lines: Sequence[str]) -> tuple[int, int] | None:
    """Where the "What needs to improve" heading stands in ``lines``: (index, lines it takes,
    1 or 2 where it wraps), or None."""
    for i, line in enumerate(lines):
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if (
            _HEADING_START_RE.match(line)
            and not re.search(r"[?:\d]\s*$", line)
            and re.search(r"[?:]\d*$", nxt)
            and _HEADING_RE.match(f"{line.rstrip()} {nxt}")
        ):
            return i, 2
        if _HEADING_RE.match(line):
            return i, 1
    return None


def recommendation_items(
    pages: Sequence[tuple[int, str]],
    header: frozenset[str] = frozenset(),
    printed: PrintedLines | None = None,
) -> list[tuple[int, str]]:
    """(page, text) of each item under "What needs to improve", from (page, page text) pairs.

    Running headers and page numbers are dropped from every page, and the footnote that the
    heading's marker ("What needs to improve?1") points to is cut from the heading's page.
    ``printed`` gives printed positions, which settle where the list ends (see
    :func:`list_end`). Raises ListError, carrying the items read, when the list has not ended
    by the last page, or when lines under the heading look like list items but have no bullet.
    """
    tagged: list[tuple[int, str]] = []
    started = ended = False
    for page_no, text in pages:
        lines = strip_page_furniture(text.split("\n"), header)
        if not started:
            found = find_heading(lines)
            if found is None:
                continue
            started = True
            at, size = found
            marker = footnote_marker([" ".join(lines[at : at + size])], 0)
            lines = lines[at + size :]
            if marker:
                lines = strip_footnote(lines, marker)
        lines = strip_glued_footnotes(lines)
        tagged.extend((page_no, line) for line in lines)
        if any(map(ends_list, lines, [*lines[1:], ""])):
            ended = True
            break
    items = split_items(tagged, printed)
    if started and not ended:
        raise ListError(f"no section heading or findings paragraph by page {pages[-1][0]}", items)
    if not items and started:
        doubt = unread_list(tagged, printed)
        if doubt:
            raise ListError(doubt, items)
    return items


def unread_list(
    lines: Sequence[tuple[int, str]], printed: PrintedLines | None = None
) -> str | None:
    """Why the lines under a heading with no bulleted item may be a list after all, or None
    when they read as prose (an authority with nothing to improve): lines opening with an
    enumerator, numbered paragraphs straight under the heading, or (from printed positions)
    several lines broken short, as list items are and a paragraph's lines are not."""
    texts = [line for _, line in lines]
    end = _certain_end(texts)
    block = [(page, line) for page, line in lines[:end] if line.strip()]
    enumerated = [line for _, line in block if _ENUMERATOR_RE.match(line)]
    if enumerated:
        return f"{len(enumerated)} list-like lines but no bulleted item"
    if end < len(texts) and not block and _FINDINGS_RE.match(texts[end]):
        return "numbered paragraphs straight under the heading, no bulleted item"
    if printed is None:
        return None
    placed = [printed.find(page, line) for page, line in block]
    breaks = sum(
        1
        for (page, _), before, after in zip(block, placed, placed[1:], strict=False)
        if before is not None
        and after is not None
        and before.top < after.top
        and forced_break(before, after, printed.right_edge(page))
    )
    if breaks >= _LIST_BREAKS:
        return f"{breaks + 1} short lines under the heading but no bulleted item"
    return None


#: Forced line breaks under a heading with no bullet that make it a list with its glyphs lost
#: rather than prose: one break may part two paragraphs, two mean three or more short lines.
_LIST_BREAKS = 2


#: A line opening with an enumerator other than a bullet glyph ("a) plans", "(ii) visits",
#: "3) caseloads"): under a heading with no bulleted item, a list this reader cannot read.
_ENUMERATOR_RE = re.compile(r"^\s*\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s*\S", re.I)


class ListError(ValueError):
    """The "What needs to improve" list breaks the layout rules (the reason is the message);
    ``items`` are those read before the rule broke."""

    def __init__(self, reason: str, items: Sequence[tuple[int, str]] = ()) -> None:
        super().__init__(reason)
        self.items = list(items)


def ends_list(line: str, following: str) -> bool:
    """Whether a line is past the list for certain: a judgement section heading or the first
    numbered findings paragraph."""
    return is_section_heading(line, following) or _FINDINGS_RE.match(line) is not None


def is_section_heading(line: str, following: str) -> bool:
    """Whether a line (with the one after it, where a heading wraps) opens a judgement
    section: "The experiences and progress of ...: good", "The impact of leaders ... is good".
    A capital start and a grade at the heading's end tell it from a wrapped item's words."""
    if not _SECTION_START_RE.match(line):
        return False
    return bool(_GRADE_AT_END_RE.search(line) or _GRADE_AT_END_RE.search(f"{line} {following}"))


def footnote_marker(lines: Sequence[str], heading_at: int) -> str | None:
    """The footnote number printed on the heading's line ("What needs to improve?1"), if any.

    Only there: a bare number on the next line may be a page number, not a marker."""
    m = _HEADING_RE.match(lines[heading_at])
    return m.group("mark") if m and m.group("mark") else None


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


#: A footnote marker glued to a word ("care leavers2", "(LSCB)3"): a number right after a
#: lower-case letter or a closing bracket or quote, before a space, punctuation or line end.
_GLUED_MARKER_RE = re.compile(r"(?<=[a-z)’'”])(\d{1,2})(?=[\s.,;:)]|$)")


def strip_glued_footnotes(lines: Sequence[str]) -> list[str]:
    """The lines without footnote markers glued to words and without the footnotes they point
    to; a glued number is a marker only if its footnote stands at the page's foot."""
    out = list(lines)
    for marker in dict.fromkeys(
        m.group(1) for line in lines for m in _GLUED_MARKER_RE.finditer(line)
    ):
        cut = strip_footnote(out, marker)
        if cut == out:
            continue
        glued = re.compile(rf"(?<=[a-z)’'”]){marker}(?=[\s.,;:)]|$)")
        out = [glued.sub("", line) for line in cut]
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


def glyph_of(line: str) -> tuple[str, int] | None:
    """A line's leading bullet glyph and where its text starts, or None."""
    m = _GLYPH_RE.match(line)
    if m is None:
        return None
    return (m.group("known") or m.group("other")), m.end()


def list_end(
    lines: Sequence[str], glyph: str, printed: Callable[[int], Line | None] | None = None
) -> int:
    """Where the list in ``lines`` ends: at a section heading or findings paragraph, or,
    after its last bullet, at the first line back at the left margin (a new paragraph).

    ``printed(i)`` gives line i's printed position, read only for lines that might start a
    paragraph: one starting nearer the bullet glyph's edge than the item's text
    (:data:`_MARGIN_SHARE`) is back at the margin. Where positions are unknown, the margin is
    read from the wording: a capital after a line that closed an item (which at worst shortens
    the last item, one whose sentence ends at a line end).
    """
    end = _certain_end(lines)
    bullets = [i for i, line in enumerate(lines[:end]) if _opens_item(line, glyph)]
    if not bullets:
        return end
    margin: float | None = None
    for i in range(bullets[-1] + 1, end):
        line = lines[i]
        if glyph_of(line) is not None or _CONTINUES_RE.match(line):
            continue
        if printed and margin is None:
            margin = item_margin(printed(bullets[-1])) or -1.0
        at = printed(i) if printed and margin is not None and margin >= 0 else None
        if at is not None and margin is not None:
            if at.x0 < margin:
                return i
        elif _ITEM_END_RE.search(lines[i - 1]) and _PARAGRAPH_START_RE.match(line):
            return i
    return end


#: A line opening in lower case or with closing punctuation continues the text above it: a
#: paragraph never starts so, so no position needs reading to tell.
_CONTINUES_RE = re.compile(r"^\s*[a-z,;:.)\]]")


#: A line back at the margin starts less than this share of the way from the bullet glyph's
#: left edge to the item text's (corpus: glyph at 70.9, text at 88.8, paragraphs at 70.9).
_MARGIN_SHARE = 0.5


def item_margin(bullet: Line | None) -> float | None:
    """The x below which a line is back at the left margin, from a bullet line printed as
    the glyph on its own then the item's text; None when the glyph is not a word of its own."""
    if bullet is None or len(bullet.words) < 2 or line_key(bullet.words[0].text):
        return None
    glyph, text = bullet.words[0], bullet.words[1]
    return glyph.x0 + _MARGIN_SHARE * (text.x0 - glyph.x0)


def _certain_end(lines: Sequence[str]) -> int:
    return next(
        (i for i, line in enumerate(lines) if ends_list(line, "".join(lines[i + 1 : i + 2]))),
        len(lines),
    )


def _opens_item(line: str, glyph: str) -> bool:
    found = glyph_of(line)
    return found is not None and found[0] == glyph


def split_items(
    lines: Sequence[tuple[int, str]], printed: PrintedLines | None = None
) -> list[tuple[int, str]]:
    """The list items in (page, line) pairs that follow the heading, up to the list's end.

    The first bullet glyph is the list's own: each line starting with it opens an item. Any
    other glyph ("−", "–", "o", "▪" under "◼") marks a sub-bullet, folded into the item above
    without its glyph; any other line continues the open item. A typed hyphen ("- ") is text,
    so it stays, unless the list itself uses it. Lines before the first bullet (a footnote
    marker, a blank) are skipped. With ``printed`` positions, a continuation line after a
    lead-in colon that follows a forced break (a sub-bullet whose glyph the text lost) is kept
    apart by "; "; positions are read only for such lines.
    """
    texts = [line for _, line in lines]
    first = next(
        (found for line in texts[: _certain_end(texts)] if (found := glyph_of(line))), None
    )
    if first is None:
        return []
    glyph = first[0]

    def at(i: int) -> Line | None:
        return printed.find(lines[i][0], texts[i]) if printed else None

    items: list[tuple[int, list[str]]] = []
    for i, (page_no, line) in enumerate(lines[: list_end(texts, glyph, at if printed else None)]):
        if not line.strip() or _is_page_no(line):
            continue
        found = glyph_of(line)
        if found and found[0] == glyph:
            items.append((page_no, [line[found[1] :]]))
        elif items:
            parts = items[-1][1]
            if found is None and printed and lines[i - 1][0] == page_no:
                separate_dropped_glyph(parts, printed, page_no, texts[i - 1], line)
            sub = found is not None and found[0] != _TYPED_HYPHEN
            parts.append(line[found[1] :] if found and sub else line)
    joined = [(page_no, join_wrapped(parts)) for page_no, parts in items]
    return [(page_no, text) for page_no, text in joined if text]
