"""Area SEND inspections (Ofsted and the Care Quality Commission, 2023 framework).

Layout, page 1: the title "Area SEND inspection of [the] X Local Area Partnership",
"Inspection dates: …", then a ruled box "Inspection outcome" whose first sentence is one of
three outcomes. Later pages: "Areas for priority action" (only in systemic-failings reports), a
two-column ruled table "Responsible body | Areas for priority action", and "Areas for
improvement", a one-column ruled table; one recommendation per row, rows continuing across
page breaks. The last pages name the inspection team (Ofsted and CQC in two columns).

The tables are read from their ruling (pdfium path objects: :meth:`Document.rules`) and the text
inside each cell, not from the text flow, where a wrapped left cell interleaves with the right
one. Every page is scanned as one stream of text and tables, so a table is known by the heading
above it or its own header row, and a table with nothing but running headers before it continues
the table before it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

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
from ..pdf import RULE_THICKNESS, Box, Document
from .common import Facts, build_report, collapse, first_match, join_wrapped, parse_date_range

FRAMEWORK = Framework.AREA_SEND
NAME = "Area SEND inspection (Ofsted and CQC)"
SHORT = "Area SEND"

#: The report's title on page 1; "monitoring inspection" and the 2016-22 "joint local area
#: SEND inspection" letters have other titles and other contents.
_TITLE = re.compile(
    r"\bArea\s+SEND\s+inspection\s+of\s+(?:the\s+)?"
    r"(?P<name>\S[^\n]*?(?:\n[^\n]*?)?)\s+Local\s+Area\s+Partnership\b",
    re.I,
)


def matches(doc: Document) -> bool:
    """Page 1 carries the area SEND title."""
    return doc.page_count >= 1 and bool(_TITLE.search(doc.text(1)))


# --- Ruled tables -------------------------------------------------------------------------

#: Rules this close (points) are one: Word draws a border as several abutting rectangles, and
#: a corner piece 0.4-0.5 pt off the edge it joins.
JOIN = 1.5


@dataclass(frozen=True)
class RuledRow:
    """One ruled row of a table: its cells' boxes, left to right. ``merged``: the cells
    before the last are merged down over several rows (one responsible body, several
    actions), so the row's extent is its last cell's."""

    page: int
    cells: tuple[Box, ...]
    merged: bool = False

    @property
    def top(self) -> float:
        return self.cells[-1].top

    @property
    def bottom(self) -> float:
        return self.cells[-1].bottom


@dataclass
class RuledTable:
    """Ruled rows that touch, one below the other, with the same outer borders."""

    page: int
    rows: list[RuledRow]
    texts: list[tuple[str, ...]] = field(default_factory=list)

    @property
    def box(self) -> Box:
        first, last = self.rows[0], self.rows[-1]
        return Box(first.cells[0].x0, first.top, first.cells[-1].x1, last.bottom)


def _merge(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Overlapping or abutting (within :data:`JOIN`) intervals as one."""
    out: list[tuple[float, float]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1] + JOIN:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _levels(positions: list[tuple[float, float, float]]) -> dict[float, list[tuple[float, float]]]:
    """Rules grouped by their position across (within :data:`JOIN`), each level's extents
    along merged: ``{position: [(start, end), ...]}``."""
    levels: dict[float, list[tuple[float, float]]] = {}
    for pos, lo, hi in sorted(positions):
        key = next((k for k in levels if abs(k - pos) <= JOIN), pos)
        levels.setdefault(key, []).append((lo, hi))
    return {k: _merge(v) for k, v in levels.items()}


def _covers(spans: list[tuple[float, float]], lo: float, hi: float) -> bool:
    return any(a <= lo + JOIN and b >= hi - JOIN for a, b in spans)


def ruled_tables(page: int, rules: list[Box]) -> list[RuledTable]:
    """The ruled tables of a page, top to bottom. A row is the space between two horizontal
    rules that at least two vertical rules cross from one to the other, and the horizontal
    rules span; its cells lie between those vertical rules."""
    horizontal = _levels(
        [
            ((r.top + r.bottom) / 2, r.x0, r.x1)
            for r in rules
            if r.height <= RULE_THICKNESS < r.width
        ]
    )
    vertical = _levels(
        [
            ((r.x0 + r.x1) / 2, r.top, r.bottom)
            for r in rules
            if r.width <= RULE_THICKNESS < r.height
        ]
    )
    ys = sorted(horizontal)
    rows: list[RuledRow] = []
    for i, upper in enumerate(ys):
        # The row below ``upper`` ends at the first rule under it that spans the verticals
        # crossing to it; a shorter rule between (a shading edge, a line beside the table)
        # is passed over.
        for lower in ys[i + 1 :]:
            xs = sorted(x for x, spans in vertical.items() if _covers(spans, upper, lower))
            if len(xs) < 2:
                break
            if _covers(horizontal[upper], xs[0], xs[-1]) and _covers(
                horizontal[lower], xs[0], xs[-1]
            ):
                cells = tuple(Box(a, upper, b, lower) for a, b in zip(xs, xs[1:], strict=False))
                rows += _split_last_cell(page, cells, horizontal)
                break
    tables: list[RuledTable] = []
    for row in rows:
        last = tables[-1].rows[-1] if tables else None
        if (
            last is not None
            and abs(last.bottom - row.top) <= JOIN
            and abs(last.cells[0].x0 - row.cells[0].x0) <= 2 * JOIN
            and abs(last.cells[-1].x1 - row.cells[-1].x1) <= 2 * JOIN
        ):
            tables[-1].rows.append(row)
        else:
            tables.append(RuledTable(page, [row]))
    return tables


def _split_last_cell(
    page: int, cells: tuple[Box, ...], horizontal: dict[float, list[tuple[float, float]]]
) -> list[RuledRow]:
    """The row, or, when rules spanning only its last cell divide that cell (the cells to
    its left merged down over several actions), one row per part, each with the merged
    cells."""
    last = cells[-1]
    cuts = sorted(
        y
        for y, spans in horizontal.items()
        if last.top + JOIN < y < last.bottom - JOIN and _covers(spans, last.x0, last.x1)
    )
    if len(cells) < 2 or not cuts:
        return [RuledRow(page, cells)]
    edges = [last.top, *cuts, last.bottom]
    return [
        RuledRow(page, (*cells[:-1], Box(last.x0, a, last.x1, b)), merged=True)
        for a, b in zip(edges, edges[1:], strict=False)
    ]


# --- The document as a stream of text and tables -------------------------------------------

#: Section headings, as printed above a table or in its header row.
_CONTINUED = r"(?:\s*\(?continued\)?)?:?"
_HEADINGS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^areas?\s+for\s+priority\s+actions?{_CONTINUED}$", re.I), "priority"),
    (re.compile(rf"^areas?\s+for\s+improvements?{_CONTINUED}$", re.I), "improve"),
    (re.compile(r"^inspection\s+outcome:?$", re.I), "outcome"),
]
#: A heading that names a recommendations section in other words: its table, if not read,
#: is worth a warning.
_NEAR_HEADING = re.compile(r"priority\s+action|improvement", re.I)
#: A header cell that names a column rather than a section.
_COLUMN_HEADER = re.compile(r"^responsible\s+bod(?:y|ies):?$", re.I)

#: Share of the pages a line (digits aside) must recur on to be a running header or footer.
RUNNING_SHARE = 0.5
#: A running header or footer is among the first or last lines of a page's text (pdfium
#: puts Word's footer first, where it was drawn).
RUNNING_LINES = 3


def heading_kind(text: str) -> str | None:
    """'priority', 'improve' or 'outcome' for a section heading, else None."""
    return first_match(_HEADINGS, collapse(text))


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", collapse(line)).lower()


def running_lines(doc: Document) -> set[str]:
    """The shapes (digits as #) of lines printed among the first or last lines of at least
    half the pages (two at least): running headers and footers, which are not part of the
    content between tables."""
    counts: Counter[str] = Counter()
    for _, text in doc.texts():
        lines = [line for line in text.splitlines() if line.strip()]
        ends = lines[:RUNNING_LINES] + lines[-RUNNING_LINES:]
        counts.update({_shape(line) for line in ends})
    floor = max(2, RUNNING_SHARE * doc.page_count)
    return {shape for shape, n in counts.items() if n >= floor}


@dataclass
class Section:
    """A run of ruled tables under one heading: the tables continue each other."""

    kind: str | None
    tables: list[RuledTable]
    heading: str = ""


def sections(doc: Document, running: set[str]) -> list[Section]:
    """Every ruled table of the document with its section: the heading printed in the text
    just above it, or its header row; a table with no content since the previous table (only
    running headers and footers between) continues that table's section. ``running``: the
    running lines' shapes (:func:`running_lines`)."""
    found: list[Section] = []
    since: list[str] = []  # content lines since the last table
    carry = False  # the last section read may go on over the page break
    for page in range(1, doc.page_count + 1):
        if not (carry or _NAMES_A_SECTION.search(doc.text(page))):
            since += _content(doc.text(page), running)
            continue
        tables = ruled_tables(page, doc.rules(page))
        width = max([t.box.x1 for t in tables], default=0.0) + 1000
        gaps: list[Box] = []
        top = 0.0
        for table in tables:
            gaps.append(Box(0, top, width, table.box.top - JOIN))
            top = table.box.bottom + JOIN
        gaps.append(Box(0, top, width, 10_000))
        cells = [cell for table in tables for row in table.rows for cell in row.cells]
        texts = doc.texts_in(page, gaps + cells)
        gap_texts, cell_texts = texts[: len(gaps)], iter(texts[len(gaps) :])
        for i, table in enumerate(tables):
            since += _content(gap_texts[i], running)
            table.texts = [tuple(next(cell_texts) for _ in row.cells) for row in table.rows]
            header = _header_kind(table.texts[0]) or _boxed_heading(table.texts[0])
            continued = (
                not since
                and bool(found)
                and header in (None, found[-1].kind)
                and same_columns(found[-1].tables[-1], table)
            )
            if continued:
                found[-1].tables.append(table)
            elif header is not None:
                found.append(Section(header, [table]))
            else:
                heading = since[-1] if since else ""
                found.append(Section(heading_kind(heading), [table], collapse(heading)))
            since = []
        since += _content(gap_texts[-1], running)
        carry = not since and bool(found) and found[-1].kind in _SECTION_NAMES
    return found


#: A page that may hold a table worth reading (the rest are not scanned for rules).
_NAMES_A_SECTION = re.compile(
    r"Areas?\s+for\s+(?:priority\s+action|improvement)|Inspection\s+outcome", re.I
)


def same_columns(before: RuledTable, after: RuledTable) -> bool:
    """Whether a table can continue another: its (first data) row has the same column
    borders as the other's last row, within 2 x :data:`JOIN`. A different table that
    happens to follow with no text between (the partnership's details) does not."""
    first = next(
        (row for row, raw in zip(after.rows, after.texts, strict=True) if not is_header_row(raw)),
        after.rows[0],
    )
    xs_before = [c.x0 for c in before.rows[-1].cells] + [before.rows[-1].cells[-1].x1]
    xs_after = [c.x0 for c in first.cells] + [first.cells[-1].x1]
    return len(xs_before) == len(xs_after) and all(
        abs(a - b) <= 2 * JOIN for a, b in zip(xs_before, xs_after, strict=True)
    )


def _boxed_heading(cells: tuple[str, ...]) -> str | None:
    """The section a one-cell box names on its own first line ("Inspection outcome" boxed
    with its text), or None."""
    if len(cells) != 1:
        return None
    first = next((line for line in cells[0].splitlines() if line.strip()), "")
    return heading_kind(first)


def _content(text: str, running: set[str]) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and _shape(line) not in running]


# --- Cell text ----------------------------------------------------------------------------

#: A sub-bullet inside a cell: a bullet glyph (glued to its text or not), or any other single
#: symbol followed by a space (so a wrapped line opening "-year-olds" is no bullet).
_BULLET = re.compile(
    r"^\s*(?:[•◼■▪●◦\uf06e\uf0a7\uf0b7]\s*|[^\w\s()\[\]{}“”‘’\"'£$€%&@#.,;:!?/\\]\s+)(?=\S)"
)
#: Text that already ends with a separator needs none before a folded sub-item.
_ENDS_WITH_SEPARATOR = re.compile(r"(?:[:;,.\u2013\u2014-]|\b(?:and|or))$")


def cell_text(raw: str) -> str:
    """A cell's text as one line: wrapped lines joined, sub-bullets folded in without their
    glyphs (with ": " after the lead-in and "; " between them where nothing separates
    them already)."""
    parts: list[list[str]] = [[]]
    for line in raw.splitlines():
        if not line.strip():
            continue
        bullet = _BULLET.match(line)
        if bullet:
            parts.append([line[bullet.end() :]])
        else:
            parts[-1].append(line)
    out = ""
    for n, part in enumerate(parts):
        text = join_wrapped(part)
        if not text:
            continue
        if out and not _ENDS_WITH_SEPARATOR.search(out):
            out += ":" if n == 1 else ";"  # after the lead-in, then between sub-items
        out = f"{out} {text}" if out else text
    return out


# --- Reading the record ---------------------------------------------------------------------

_OUTCOMES: list[tuple[re.Pattern[str], Grade]] = [
    (re.compile(r"widespread\s+and/or\s+systemic\s+failings", re.I), Grade.SYSTEMIC_FAILINGS),
    (
        re.compile(r"lead\s+to\s+inconsistent\s+experiences\s+and\s+outcomes", re.I),
        Grade.INCONSISTENT,
    ),
    (
        re.compile(r"typically\s+lead\s+to\s+positive\s+experiences\s+and\s+outcomes", re.I),
        Grade.POSITIVE,
    ),
]

#: A sentence ends at . ! or ? before a space and a capital (or the end of the text).
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z“‘\"']|\s*$)")


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph, whitespace collapsed."""
    flat = collapse(text)
    m = _SENTENCE_END.search(flat)
    return flat[: m.end()] if m else flat


_DATES_LINE = re.compile(r"Inspection\s+dates?\s*:?\s*(?P<dates>[^\n]*(?:\n[^\n]*)?)", re.I)

#: An inspection of this framework lasts one week; a longer span is a misread.
MAX_INSPECTION_DAYS = 21


def read_dates(page1: str) -> tuple[date | None, date | None]:
    """First and last day from page 1's "Inspection dates:" line (page 1 wins over the
    running header, which sometimes disagrees)."""
    m = _DATES_LINE.search(page1)
    if not m:
        return None, None
    first_line, _, rest = m.group("dates").partition("\n")
    if not re.search(r"\d{4}\s*$", first_line):  # the dates wrap onto the next line
        first_line = f"{first_line} {rest}"
    return parse_date_range(first_line)


#: The "Inspection team" section lists Ofsted's inspectors, then the CQC's, side by side.
_TEAM = re.compile(r"Inspection\s+team\b(?P<team>.*)", re.I | re.S)
#: A name: capitalised words on one line (hyphens, apostrophes, "Mc"/"Mac" inside).
_NAME = r"(?:[A-Z][A-Za-z’'\-]+\.?[^\S\n]+){1,4}?[A-Z][A-Za-z’'\-]+"
#: An Ofsted lead at the start of a line (Ofsted's column is the left one), title dropped.
_OFSTED_LEAD = re.compile(
    rf"(?:^|\n)[^\S\n]*(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?(?P<name>{_NAME})(?:,?\s+HMI)?,?\s+"
    r"Ofsted(?:\s+HMI)?,?\s+lead\s+inspector\b",
    re.I,
)
_NAME_WORD = re.compile(r"^[A-Z][A-Za-z’'\-]*\.?$")


def read_lead_inspectors(text: str) -> str | None:
    """The Ofsted lead inspector(s) in "Inspection team" ("A" or "A and B"); the CQC lead,
    in the right-hand column, is not taken."""
    m = _TEAM.search(text)
    if not m:
        return None
    names = []
    for lead in _OFSTED_LEAD.finditer(m.group("team")):
        name = collapse(lead.group("name"))
        if all(_NAME_WORD.match(w) for w in name.split()) and name not in names:
            names.append(name)
    return " and ".join(names) if names else None


@dataclass
class Reading:
    """What the tables gave, and the reader's doubts about it."""

    recommendations: list[Recommendation] = field(default_factory=list)
    warnings: list[ReportWarning] = field(default_factory=list)
    outcome_box: str | None = None
    kinds: set[str] = field(default_factory=set)

    def doubt(self, part: Part, message: str) -> None:
        self.warnings.append(ReportWarning(part=part, message=message))


#: Sentence-final punctuation (closing quotes and brackets allowed after it).
_ENDS_SENTENCE = re.compile(r"[.!?][)’”'\"]*$")
_STARTS_LOWER = re.compile(r"^[a-z]")


def is_header_row(cells: tuple[str, ...]) -> bool:
    """A row naming its section or columns ("Responsible body | Areas for priority action"),
    also when repeated at the top of a continued table."""
    named = [collapse(c) for c in cells if c.strip()]
    return bool(named) and all(heading_kind(c) or _COLUMN_HEADER.match(c) for c in named)


def _header_kind(cells: tuple[str, ...]) -> str | None:
    """The section a header row names, or None when the row is not a header row."""
    if not is_header_row(cells):
        return None
    return next((k for k in map(heading_kind, cells) if k is not None), None)


def continues(before: tuple[str, ...], after: tuple[str, ...]) -> bool:
    """Whether the first row of a table on a new page is the rest of the row before the page
    break: a cell left empty on either side of the break (a whole row fills every cell), or
    the last column broken mid-sentence."""
    return not all(before) or not all(after) or breaks_mid_sentence(before, after)


def breaks_mid_sentence(before: tuple[str, ...], after: tuple[str, ...]) -> bool:
    """The last column's earlier part does not end a sentence, or its later part starts in
    lower case."""
    return not _ENDS_SENTENCE.search(before[-1]) or bool(_STARTS_LOWER.match(after[-1]))


@dataclass
class Row:
    """A table row as read: each part's page and raw cell texts (a row broken by a page
    break has two parts)."""

    parts: list[tuple[int, tuple[str, ...]]]
    #: The row ends or starts a table at a page break: whether it was joined up rightly
    #: rests on its wording.
    at_break: bool = False
    #: The row ended a page and the next page's first row was taken as a new row: the box
    #: of its last cell on that page, whose spacing tells a row's end from a mid-row break.
    parted: tuple[int, Box] | None = None
    #: Joined over a page break on an empty leading cell, with whole sentences on both
    #: sides: it may as well be two actions under one body merged down over the break.
    doubtful: bool = False
    #: Under cells merged down over several rows: the raw parts of each of those cells,
    #: shared by every row of the group (a part on the next page is added for them all).
    merged: list[list[str]] | None = None

    @property
    def page(self) -> int:
        return self.parts[0][0]

    @property
    def texts(self) -> tuple[str, ...]:
        columns = [list(c) for c in zip(*(cells for _, cells in self.parts), strict=True)]
        if self.merged is not None:
            columns[: len(self.merged)] = self.merged
        return tuple(cell_text("\n".join(column)) for column in columns)


def section_rows(section: Section) -> list[Row]:
    """The section's data rows, header rows left out and a row broken by a page break joined
    up again."""
    rows: list[Row] = []
    last: RuledRow | None = None  # the ruled row read last
    group: list[list[str]] | None = None  # the merged cells' raw parts, while they last
    for number, table in enumerate(section.tables):
        first = True
        for ruled, raw in zip(table.rows, table.texts, strict=True):
            if is_header_row(raw):
                continue
            at_break = number > 0 and first and bool(rows)
            if at_break:
                rows[-1].at_break = True
            after = tuple(cell_text(c) for c in raw)
            if (
                at_break
                and len(rows[-1].parts[-1][1]) == len(raw)
                and continues(rows[-1].texts, after)
            ):
                # Joined on an empty leading cell while the actions on both sides are whole
                # sentences: a new action under a body merged down over the page break would
                # look the same.
                before = rows[-1].texts
                if before[-1] and after[-1] and not breaks_mid_sentence(before, after):
                    rows[-1].doubtful = True
                rows[-1].parts.append((ruled.page, raw))
                if rows[-1].merged is not None or ruled.merged:
                    # The merged cells go on over the page: the rest is theirs, for every
                    # row under them.
                    earlier = [cells for _, cells in rows[-1].parts[:-1]]
                    group = rows[-1].merged or [
                        [cells[i] for cells in earlier] for i in range(len(raw) - 1)
                    ]
                    for held, more in zip(group, raw[:-1], strict=True):
                        held.append(more)
                    rows[-1].merged = group
            else:
                if at_break and last is not None:
                    rows[-1].parted = (last.page, last.cells[-1])
                rows.append(Row([(ruled.page, raw)], at_break))
                if ruled.merged:
                    under_same = (
                        last is not None and last.merged and last.cells[:-1] == ruled.cells[:-1]
                    )
                    if not under_same or group is None:
                        group = [[c] for c in raw[:-1]]
                    rows[-1].merged = group
                else:
                    group = None
            first = False
            last = ruled
    return rows


#: A cell whose last line sits this close (points) to its bottom border ends without the
#: space Ofsted's paragraphs close with (5-15 pt in the corpus): the page may have broken
#: the row mid-paragraph, at a sentence end, where the wording cannot tell.
SPLIT_GAP = 1.0


def ends_mid_paragraph(gap: float | None) -> bool:
    """Whether a cell with this space below its last line was cut by the page break."""
    return gap is not None and gap <= SPLIT_GAP


def _gap_below_text(doc: Document, page: int, cell: Box) -> float | None:
    """Points between a cell's last line of text and its bottom border."""
    bottom = doc.text_bottom(page, cell)
    return None if bottom is None else cell.bottom - bottom


def _used_columns(rows: list[Row]) -> list[bool]:
    """Which columns hold text in some row (a column empty in every row is a spacer)."""
    texts = [row.texts for row in rows]
    width = max((len(t) for t in texts), default=0)
    return [any(i < len(t) and t[i] for t in texts) for i in range(width)]


_PRIORITY_NAMES = {"priority": Priority.PRIORITY_ACTION, "improve": Priority.IMPROVE}
#: Cells per row: responsible body and action; or the improvement alone.
_COLUMNS = {"priority": 2, "improve": 1}
_SECTION_NAMES = {"priority": "areas for priority action", "improve": "areas for improvement"}


def read_recommendations(doc: Document, found: list[Section], reading: Reading) -> None:
    """One recommendation per row of the priority-action and improvement tables, each row
    checked by :func:`row_doubts`."""
    flat = {n: _squash(t) for n, t in doc.texts()}
    for section in found:
        if section.kind not in _PRIORITY_NAMES:
            continue
        kind = section.kind
        reading.kinds.add(kind)
        rows = section_rows(section)
        used = _used_columns(rows)
        for row in rows:
            cells = tuple(c for c, keep in zip(row.texts, used, strict=True) if keep)
            for doubt in row_doubts(doc, kind, row, cells, flat):
                reading.doubt(Part.RECOMMENDATIONS, f"{_SECTION_NAMES[kind]}: {doubt}")
            if not any(cells):
                continue
            reading.recommendations.append(
                Recommendation(
                    text=cells[-1],
                    body=Body.LOCAL_AREA_PARTNERSHIP,
                    priority=_PRIORITY_NAMES[kind],
                    responsible=cells[0] if kind == "priority" and len(cells) > 1 else None,
                    page=row.page,
                )
            )


def row_doubts(
    doc: Document, kind: str, row: Row, cells: tuple[str, ...], flat: dict[int, str]
) -> Iterator[str]:
    """What casts doubt on one row as read: its filled cells are not the table's columns;
    a part of a cell is not one run of its page's text flow (pdfium reads a Word table cell
    by cell, so this checks the cell boxes independently of the ruling); or, at a page
    break, the wording or the spacing leaves the join or the parting in question."""
    page, text = row.page, cells[-1] if cells else ""
    if len(cells) != _COLUMNS[kind] or not all(cells):
        yield (
            f"a row on page {page} has {sum(map(bool, cells))} filled cells, not "
            f"{_COLUMNS[kind]}: {' | '.join(cells)[:80]}"
        )
    for part_page, raw in row.parts:
        if any(_squash(cell_text(c)) not in flat[part_page] for c in raw):
            yield (
                f"a cell on page {part_page} is not one run of the page's text (cell borders "
                f"misread?): {text[:60]}…"
            )
    if row.doubtful:
        yield (
            f"the row on page {page} was joined over a page break on an empty cell, its text "
            f"whole sentences on both sides; it may be two actions under one body: {text[:60]}…"
        )
    if row.parted is not None:
        part_page, cell = row.parted
        if ends_mid_paragraph(_gap_below_text(doc, part_page, cell)):
            yield (
                f"the row ending page {part_page} ends a sentence but not a paragraph; it may "
                f"go on at the top of page {part_page + 1}: {text[-50:]}"
            )
    if row.at_break and (not _ENDS_SENTENCE.search(text) or _STARTS_LOWER.match(text)):
        yield (
            f"the row on page {page} does not read as whole sentences (a row broken at a page "
            f"break?): {text[:60]}…"
        )


#: Headings printed on a line of their own in the page text.
_HEADING_LINE = {
    "priority": re.compile(r"^\s*Areas?\s+for\s+priority\s+actions?\s*:?\s*$", re.I | re.M),
    "improve": re.compile(r"^\s*Areas?\s+for\s+improvement\s*:?\s*$", re.I | re.M),
}


def _squash(text: str) -> str:
    """Letters and digits only, lower case: text compared across readings."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


def check_recommendations(
    doc: Document, found: list[Section], running: set[str], reading: Reading, grade: Grade | None
) -> None:
    """Checks independent of the table reading: each heading printed on its own line has a
    ruled table; no table under a heading that speaks of priority actions or improvement is
    left unread; priority actions appear exactly when the outcome is systemic failings."""
    for section in found:
        if section.kind is None and _NEAR_HEADING.search(section.heading):
            reading.doubt(
                Part.RECOMMENDATIONS,
                f"a ruled table on page {section.tables[0].page} under '{section.heading}' "
                "was not read",
            )
    text = "\n".join(line for _, t in doc.texts() for line in _content(t, running))
    for kind, pattern in _HEADING_LINE.items():
        if pattern.search(text) and kind not in reading.kinds:
            reading.doubt(
                Part.RECOMMENDATIONS,
                f"'{_SECTION_NAMES[kind]}' is printed but no ruled table was found under it",
            )
    has_priority = any(r.priority is Priority.PRIORITY_ACTION for r in reading.recommendations)
    if grade is not None and has_priority != (grade is Grade.SYSTEMIC_FAILINGS):
        reading.doubt(
            Part.RECOMMENDATIONS,
            "areas for priority action go with a systemic-failings outcome only, but this "
            f"report is {grade.value} and has {'' if has_priority else 'no '}priority actions",
        )


_OUTCOME_TEXT = re.compile(r"^\s*Inspection\s+outcome\s*:?\s*$(?P<body>.+)", re.I | re.M | re.S)


def read_outcome(page1: str, found: list[Section], reading: Reading) -> list[Judgement]:
    """The outcome: the first sentence under "Inspection outcome" in the text, checked
    against the ruled box of that name; its grade from the three outcome wordings."""
    m = _OUTCOME_TEXT.search(page1)
    label = first_sentence(m.group("body")) if m else None
    box = next((s for s in found if s.kind == "outcome"), None)
    if box is not None:
        rows = section_rows(box)
        boxed = " ".join(" ".join(r.texts) for r in rows)
        boxed = re.sub(r"^\s*Inspection\s+outcome\s*:?\s*", "", boxed, flags=re.I)
        reading.outcome_box = first_sentence(boxed)
    if label is None:
        reading.doubt(Part.JUDGEMENTS, "no 'Inspection outcome' found on page 1")
        return []
    if reading.outcome_box is None:
        reading.doubt(Part.JUDGEMENTS, "no ruled 'Inspection outcome' box found on page 1")
    elif _squash(reading.outcome_box) != _squash(label):
        reading.doubt(
            Part.JUDGEMENTS,
            f"the outcome box reads '{reading.outcome_box[:60]}…', the text '{label[:60]}…'",
        )
    grades = {grade for pattern, grade in _OUTCOMES if pattern.search(label)}
    if len(grades) != 1:
        reading.doubt(Part.JUDGEMENTS, f"the outcome's wording is not one of the three: {label}")
        return []
    return [Judgement(area=Area.SEND_OUTCOME, label=label, grade=grades.pop(), page=1)]


def check_facts(facts: Facts, reading: Reading) -> None:
    """Each fact found, and the dates one inspection week."""
    if not facts.local_authority:
        reading.doubt(Part.FACTS, "no local area partnership named in the title")
    start, end = facts.inspection_start, facts.inspection_end
    if start is None or end is None:
        reading.doubt(Part.FACTS, "no 'Inspection dates:' on page 1")
    elif not timedelta(0) <= end - start <= timedelta(days=MAX_INSPECTION_DAYS):
        reading.doubt(Part.FACTS, f"inspection dates {start} to {end} are not one inspection")
    if not facts.lead_inspector:
        reading.doubt(Part.FACTS, "no Ofsted lead inspector found under 'Inspection team'")


def read(doc: Document) -> Report:
    """The whole record of an area SEND inspection report."""
    page1 = doc.text(1)
    title = _TITLE.search(page1)
    start, end = read_dates(page1)
    team = "\n".join(t for _, t in doc.texts() if _TEAM.search(t))
    facts = Facts(
        local_authority=collapse(title.group("name")) if title else None,
        inspection_start=start,
        inspection_end=end,
        lead_inspector=read_lead_inspectors(team),
    )
    reading = Reading()
    running = running_lines(doc)
    found = sections(doc, running)
    judgements = read_outcome(page1, found, reading)
    read_recommendations(doc, found, reading)
    check_recommendations(doc, found, running, reading, judgements[0].grade if judgements else None)
    check_facts(facts, reading)
    return build_report(
        doc, FRAMEWORK, facts, judgements, reading.recommendations, reading.warnings
    )
