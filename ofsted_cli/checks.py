"""Self-checks run on every record after its reader made it.

Each check looks at the record (and the document it came from) with evidence independent of
the reading that made the record, and returns :class:`~ofsted_cli.models.ReportWarning` s for
the parts in doubt. A warning does not remove anything: the parts that passed stay usable, and
``--strict`` turns any warning into an error record.

The evidence is the page text pdfium already gave the reader (``doc.text(n)``, cached), read
here by simpler rules of its own: judgement sentences and grades wherever they are printed,
item numbers and bullet glyphs beside the items read, and the items' words in the page text.
No check reuses a reader's rule, so a reader's mistake is not repeated by its check.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .frameworks.common import no_judgement, numbering_gap
from .frameworks.vocabulary import BULLET_GLYPHS, GRADE_PHRASE, grade_in
from .models import (
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
from .pdf import Document

Check = Callable[[Document, Report], Iterator[ReportWarning]]


# --------------------------------------------------------------------------- the document text


#: A line among a page's first or last :data:`EDGE_LINES` lines that is printed so on at least
#: this share of the pages (and on 3 or more), digits aside, is a running header or footer.
#: Corpus: running lines repeat on every page after the first or second; a body line that ends
#: a page ("children.") repeats on at most a few.
FURNITURE_SHARE = 0.5
FURNITURE_MIN_PAGES = 3
EDGE_LINES = 3

#: A list item's marker at a line start: a number "12." with text after it (a wrapped "17."
#: ending an item is no marker) or one bullet glyph of the vocabulary's (used to recognise a
#: list's marker, never to find the list).
_MARKER = re.compile(
    rf"^\s*(?:(?P<num>\d{{1,3}})\.(?!\d)(?=\s*\S)|(?P<glyph>[{BULLET_GLYPHS}]|[-–−](?=\s)))"
)

_NOT_LETTER = re.compile(r"[^a-z]+")
_NO_DIGITS = str.maketrans("", "", "0123456789")
_LETTER_LINES = re.compile(r"[^a-z\n]+")


def _key(line: str) -> str:
    """A line as compared across pages: digits dropped, whitespace folded, lower case."""
    return " ".join(line.translate(_NO_DIGITS).split()).lower()


def _letters(text: str) -> str:
    """Text reduced to its letters in lower case: spacing, hyphenation at line ends, bullet
    glyphs, punctuation and footnote digits do not count; ligatures and accented letters
    count as their plain letters ("ﬁ" is "fi", "é" is "e")."""
    return _NOT_LETTER.sub("", _plain(text).lower())


def _plain(text: str) -> str:
    """Compatibility decomposition (NFKD): ligatures split, accents apart from their letter."""
    return text if text.isascii() else unicodedata.normalize("NFKD", text)


@dataclass(frozen=True)
class BodyLine:
    """A line of page text that is not a running header, footer or page number."""

    page: int
    text: str


def furniture(pages: dict[int, str]) -> set[str]:
    """The keys of the lines that are running headers and footers (and blank keys: page
    numbers), from the lines at the pages' edges."""
    counts: Counter[str] = Counter()
    for text in pages.values():
        counts.update({_key(x) for x in _edges(text.split("\n"))})
    least = max(FURNITURE_MIN_PAGES, FURNITURE_SHARE * len(pages))
    return {k for k, n in counts.items() if n >= least} | {""}


def _edges(lines: list[str]) -> list[str]:
    return lines[:EDGE_LINES] + lines[-EDGE_LINES:]


class Evidence:
    """The document's body lines, and their letters as one stream so that an item's words can
    be found wherever they are printed, across line and page breaks."""

    def __init__(self, doc: Document) -> None:
        self.pages = {n: doc.text(n) for n in range(1, doc.page_count + 1)}
        running = furniture(self.pages)
        self.lines: list[BodyLine] = []
        letters: list[str] = []
        for n, text in self.pages.items():
            lines = text.split("\n")
            page_letters = _LETTER_LINES.sub("", _plain(text).lower()).split("\n")
            for i, (line, part) in enumerate(zip(lines, page_letters, strict=True)):
                edge = i < EDGE_LINES or i >= len(lines) - EDGE_LINES
                if edge and _key(line) in running:
                    continue
                self.lines.append(BodyLine(n, line))
                letters.append(part)
        self.starts: list[int] = []
        pos = 0
        for part in letters:
            self.starts.append(pos)
            pos += len(part)
        self.stream = "".join(letters)
        self._statements: list[Statement] | None = None
        self._page_starts: dict[int, int] | None = None
        self.located: dict[tuple[tuple[str, int], ...], tuple[list[Located], list[int]]] = {}

    def find(self, text: str, start: int = 0) -> tuple[int, int] | None:
        """Where ``text``'s letters occur in the stream from ``start`` on, as (first, last+1),
        allowing up to :data:`MAX_PIECES` pieces separated by at most :data:`MAX_GAP` letters
        (a footnote or a table printed in the middle of a wrapped item)."""
        letters = _letters(text)
        if not letters:
            return None
        at = self.stream.find(letters, start)
        if at >= 0:
            return at, at + len(letters)
        first = None
        pos, rest = start, letters
        for _ in range(MAX_PIECES):
            k = self._longest_prefix(rest, pos, None if first is None else pos + MAX_GAP)
            if k < MIN_PIECE and (first is None or not self._near(rest[:k], pos)):
                return None
            found = self.stream.find(rest[:k], pos)
            first = found if first is None else first
            pos, rest = found + k, rest[k:]
            if not rest:
                return first, pos
        return None

    def _near(self, piece: str, pos: int) -> bool:
        """Whether a short piece is printed within :data:`NEAR_GAP` letters of ``pos`` (a
        two-column table's other cell read between an item's last words and the rest)."""
        at = self.stream.find(piece, pos) if piece else -1
        return 0 <= at <= pos + NEAR_GAP

    def _longest_prefix(self, text: str, start: int, before: int | None) -> int:
        """The length of the longest prefix of ``text`` found at ``start`` or later (and
        starting before ``before``): found prefixes shrink monotonically, so bisect."""

        def ok(k: int) -> bool:
            at = self.stream.find(text[:k], start)
            return at >= 0 and (before is None or at <= before)

        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if ok(mid):
                lo = mid
            else:
                hi = mid - 1
        return lo

    @property
    def statements(self) -> list[Statement]:
        """The judgements the pages' text states (see :func:`judgement_statements`)."""
        if self._statements is None:
            self._statements = judgement_statements(self.pages)
        return self._statements

    def page_start(self, page: int) -> int:
        """The stream position where ``page``'s body lines begin (the stream's end if none)."""
        if self._page_starts is None:
            self._page_starts = {}
            for i, line in enumerate(self.lines):
                self._page_starts.setdefault(line.page, self.starts[i])
        later = [pos for p, pos in self._page_starts.items() if p >= page]
        return min(later, default=len(self.stream))

    def line_at(self, pos: int) -> int:
        """The index of the body line holding stream position ``pos``."""
        return bisect_right(self.starts, pos) - 1

    def line_of_start(self, pos: int) -> tuple[int, str]:
        """The body line where the letter at ``pos`` is printed, and the text before it there."""
        i = self.line_at(pos)
        text, wanted = self.lines[i].text, pos - self.starts[i]
        seen = 0
        for col, ch in enumerate(text):
            seen += len(_letters(ch))
            if seen > wanted:
                return i, text[:col]
        return i, text


#: How many pieces an item's text may be found in, and the most letters between two pieces.
#: Corpora: 3 items of 4,051 need two pieces, 32 to 379 letters apart (a table's other cell,
#: a footnote in the middle of a JTAI item); words joined from two places lie further apart.
MAX_PIECES = 3
MAX_GAP = 600
#: The shortest piece worth matching: shorter ones occur anywhere by chance, unless printed
#: within NEAR_GAP letters of the piece before (area SEND tables: a page's running lines and
#: the other cell's "Board" stand between an item's "young people" and "in the area").
MIN_PIECE = 12
NEAR_GAP = 40

_EVIDENCE: weakref.WeakKeyDictionary[Document, Evidence] = weakref.WeakKeyDictionary()


def evidence(doc: Document) -> Evidence:
    """The document's :class:`Evidence`, built once however many checks ask."""
    if doc not in _EVIDENCE:
        _EVIDENCE[doc] = Evidence(doc)
    return _EVIDENCE[doc]


# --------------------------------------------------------------------------- judgements


def duplicate_areas(doc: Document, report: Report) -> Iterator[ReportWarning]:
    """Each judgement area is judged once: two rows for one area (a table read twice, a
    duplicated or conflicting row) make every grade of that area doubtful."""
    counts = Counter(j.area for j in report.judgements)
    for area, n in counts.items():
        if n > 1:
            grades = ", ".join(j.grade.value for j in report.judgements if j.area == area)
            yield ReportWarning(
                part=Part.JUDGEMENTS, message=f"{area.value} judged {n} times ({grades})"
            )


#: The day ILACS dropped the overall effectiveness grade (the April 2026 reform).
ILACS_REFORM = date(2026, 4, 1)

#: Areas each family's reports always judge, and the areas they may judge besides. Families
#: not listed (added since) are not checked here.
REQUIRED_AREAS: dict[Framework, tuple[frozenset[Area], frozenset[Area]]] = {
    Framework.ILACS: (
        frozenset({Area.IMPACT_OF_LEADERS, Area.HELP_AND_PROTECTION, Area.CHILDREN_IN_CARE}),
        frozenset({Area.CARE_LEAVERS, Area.OVERALL_EFFECTIVENESS}),
    ),
    Framework.SIF: (
        frozenset(
            {
                Area.OVERALL_EFFECTIVENESS,
                Area.HELP_AND_PROTECTION,
                Area.CHILDREN_LOOKED_AFTER,
                Area.ADOPTION,
                Area.CARE_LEAVERS,
                Area.LEADERSHIP,
            }
        ),
        frozenset({Area.LSCB}),
    ),
    Framework.LAC_2012: (
        frozenset(
            {
                Area.OVERALL_EFFECTIVENESS,
                Area.CAPACITY_TO_IMPROVE,
                Area.OUTCOMES,
                Area.QUALITY_OF_PROVISION,
                Area.LEADERSHIP_AND_MANAGEMENT,
            }
        ),
        frozenset(),
    ),
    Framework.LSCB_REVIEW: (frozenset({Area.LSCB}), frozenset()),
}

_MENTIONS_CARE_LEAVERS = re.compile(r"\bcare\s+leavers\b", re.I)


def required_areas(doc: Document, report: Report) -> Iterator[ReportWarning]:
    """Every area the family always judges is in the record, and none it never judges: a
    dropped or misnamed table row. ILACS: overall effectiveness until the April 2026 reform,
    and care leavers either as a row or inside the children in care row's label."""
    if report.framework not in REQUIRED_AREAS:
        return
    required, optional = REQUIRED_AREAS[report.framework]
    need = set(required)
    if report.framework is Framework.ILACS:
        if report.inspection_start is None or report.inspection_start < ILACS_REFORM:
            need.add(Area.OVERALL_EFFECTIVENESS)
        in_care = report.judgement(Area.CHILDREN_IN_CARE)
        if in_care and not _MENTIONS_CARE_LEAVERS.search(in_care.label):
            need.add(Area.CARE_LEAVERS)
    have = {j.area for j in report.judgements}
    for area in sorted(need - have, key=lambda a: a.value):
        yield ReportWarning(part=Part.JUDGEMENTS, message=no_judgement(area))
    for area in sorted(have - required - optional, key=lambda a: a.value):
        yield ReportWarning(
            part=Part.JUDGEMENTS,
            message=f"{area.value} is not judged in {report.framework.value} reports",
        )


#: A grade phrase as printed in a judgement sentence or heading (the one vocabulary's).
_GRADE_RE = re.compile(GRADE_PHRASE, re.I)
#: Where a judgement sentence or heading stops: a full stop, or the end of its line before a
#: line that does not carry the sentence on in lower case (case-sensitive inside any pattern).
_STOP = r"(?=\s*\.|[ \t]*(?:\n\s*(?-i:(?![a-z(]))|$))"
_APOS = r"[’'`]?"

#: A place name as the overall sentence prints it: capitalised words and the small words
#: between them ("the London Borough of Richmond upon Thames", "Stockton-on-Tees").
_PLACE = r"(?:the\s+)?[A-Z][\w’'.&-]*(?:\s+(?:[A-Z][\w’'.&-]*|of|and|upon|on|the|in|le|under))*"

#: Sentences that state a grade, wherever they are printed, and the area they grade, each
#: with a cheap test of the lower-cased page text that must pass before the pattern is run.
#: "The Local Safeguarding Children Board (LSCB) is good", "The LSCB requires improvement",
#: "Children's services in X are good", "Children's services require improvement to be good",
#: "The overall judgement is that children's service requires improvement", ILACS section
#: headings "The experiences and progress of children in care: good".
JUDGEMENT_SENTENCES: tuple[tuple[re.Pattern[str], re.Pattern[str], Area | None], ...] = (
    (
        re.compile(r"lscb|safeguarding\s+children\s+board"),
        re.compile(
            r"\bThe\s+(?:effectiveness\s+of\s+the\s+)?(?:Local\s+Safeguarding\s+Children\s+Board"
            r"|LSCB)(?:\s*\((?:the\s+)?LSCB\))?\s+(?:(?:is|are)\s+)?(?:judged\s+(?:to\s+be\s+)?)?"
            rf"(?P<grade>{GRADE_PHRASE}){_STOP}",
            re.I,
        ),
        Area.LSCB,
    ),
    (
        re.compile(r"children[’'`]?s\s+services?\s"),
        re.compile(
            rf"(?:^|(?<=[.:]\s)|(?<=\n))(?:The\s+overall\s+judgement\s+is\s+(?:that\s+)?)?"
            rf"[Cc]hildren{_APOS}s\s+services?\s+(?:in\s+{_PLACE}\s+)?"
            rf"(?:(?:is|are)\s+)?(?:judged\s+(?:to\s+be\s+)?)?(?P<grade>{GRADE_PHRASE}){_STOP}",
        ),
        Area.OVERALL_EFFECTIVENESS,
    ),
    (
        re.compile(r"overall\s+judgement\s+is"),
        re.compile(
            rf"(?m)^\s*The\s+overall\s+judgement\s+is\s+(?P<grade>{GRADE_PHRASE}){_STOP}", re.I
        ),
        Area.OVERALL_EFFECTIVENESS,
    ),
    (
        re.compile(r"impact\s+of\s+leaders|experiences\s+(?:and\s+progress\s+)?of"),
        re.compile(
            r"(?m)^\s*(?P<label>(?:The\s+)?(?:impact\s+of\s+leaders|experiences\s+(?:and\s+progress\s+)?of)"
            r"[^:.\n]{0,90}(?:\n[^:.\n]{0,90}){0,2})(?:\s*:\s*|\s+(?:is|are)\s+|\s+(?=requires?\s))"
            rf"(?P<grade>{GRADE_PHRASE})\s*\.?[ \t]*$",
            re.I,
        ),
        None,
    ),
)

#: ILACS section headings name their area in these words; the first that matches wins.
_HEADING_AREAS: tuple[tuple[re.Pattern[str], Area], ...] = (
    (re.compile(r"\bimpact\s+of\s+leaders\b", re.I), Area.IMPACT_OF_LEADERS),
    (re.compile(r"\bhelp\s+and\s+protection\b", re.I), Area.HELP_AND_PROTECTION),
    (re.compile(r"\bin\s+care\b", re.I), Area.CHILDREN_IN_CARE),
    (re.compile(r"\bcare\s+leavers\b", re.I), Area.CARE_LEAVERS),
)

#: Which families' reports state their own judgements in sentences: others (focused visits,
#: area SEND, JTAI letters) may quote an earlier inspection's sentences.
SENTENCE_FAMILIES = frozenset({Framework.ILACS, Framework.SIF, Framework.LSCB_REVIEW})


def _grade(phrase: str) -> Grade:
    """The grade a grade phrase states (only called on text that matched :data:`_GRADE_RE`)."""
    grade = grade_in(phrase)
    assert grade is not None, phrase
    return grade


@dataclass(frozen=True)
class Statement:
    """A judgement the text states: its area, grade, page and the words that state it."""

    area: Area
    grade: Grade
    page: int
    words: str


def judgement_statements(pages: dict[int, str]) -> list[Statement]:
    """Every judgement sentence or graded section heading in the pages' text."""
    found: list[Statement] = []
    for page, text in pages.items():
        low = text.lower()
        for cheap, pattern, fixed in JUDGEMENT_SENTENCES:
            if not cheap.search(low):
                continue
            for m in pattern.finditer(text):
                area = fixed
                if area is None:
                    label = m.group("label")
                    if _GRADE_RE.search(label):
                        continue  # table rows run together, not one heading
                    area = next((a for p, a in _HEADING_AREAS if p.search(label)), None)
                if area is not None:
                    words = re.sub(r"\s+", " ", m.group(0)).strip()
                    found.append(Statement(area, _grade(m.group("grade")), page, words))
    return found


def stated_judgements(doc: Document, report: Report) -> Iterator[ReportWarning]:
    """Every judgement the text states in a sentence or graded heading is in the record with
    that grade: an LSCB review appended to the report, a misread table row, a changed
    overall sentence."""
    if report.framework not in SENTENCE_FAMILIES:
        return
    seen: set[tuple[Area, Grade]] = set()
    for s in evidence(doc).statements:
        if (s.area, s.grade) in seen:
            continue
        seen.add((s.area, s.grade))
        grades = [j.grade for j in report.judgements if j.area is s.area]
        if s.grade in grades:
            continue
        had = f"has {s.area.value} {grades[0].value}" if grades else f"has no {s.area.value}"
        yield ReportWarning(
            part=Part.JUDGEMENTS,
            message=f"p. {s.page} says “{_clip(s.words)}” but the record {had} judgement",
        )


#: Families whose report body has a section per judged area, headed with its grade ("The
#: experiences and progress of children in care: good"; corpus: every area of all 206 ILACS
#: reports), and the areas judged only in the summary table. Only a body with no such heading
#: at all is doubted, since the sample reports print a few sections only.
SECTION_FAMILIES = frozenset({Framework.ILACS})
TABLE_ONLY = frozenset({Area.OVERALL_EFFECTIVENESS})


def sections_state_grades(doc: Document, report: Report) -> Iterator[ReportWarning]:
    """The report body has its graded sections: none at all means the pages after the
    summary are missing (a cut or truncated file), with whatever items they held."""
    if report.framework not in SECTION_FAMILIES:
        return
    table_pages = {j.page for j in report.judgements}
    sections = [s for s in evidence(doc).statements if s.page not in table_pages]
    if not any(s.area not in TABLE_ONLY for s in sections):
        yield ReportWarning(
            part=Part.JUDGEMENTS,
            message="no section heading states a grade: pages missing?",
        )
        yield ReportWarning(
            part=Part.RECOMMENDATIONS,
            message="the report's sections are missing, so items may be too",
        )


#: How many characters after a judgement's label its grade may be printed (a wrapped label
#: and "Requires improvement to be good" over two lines; corpus: at most 60).
GRADE_DISTANCE = 120


def grade_beside_label(doc: Document, report: Report) -> Iterator[ReportWarning]:
    """A table row's grade is printed next to its label on the judgement's page: the first
    grade phrase after the label (or, where the table prints grades above their labels, the
    last one before it) is the recorded grade."""
    if report.framework not in REQUIRED_AREAS:
        return
    pages = evidence(doc).pages
    for j in report.judgements:
        if j.area is Area.LSCB or j.page not in pages:
            continue  # the LSCB label is fixed, not printed; stated_judgements checks it
        grades = _grades_around(pages[j.page], j.label)
        if grades is None:
            yield ReportWarning(
                part=Part.JUDGEMENTS,
                message=f"{j.area.value}: label “{_clip(j.label)}” not found on p. {j.page}",
            )
        elif j.grade not in grades:
            yield ReportWarning(
                part=Part.JUDGEMENTS,
                message=f"{j.area.value}: p. {j.page} prints no “{_grade_text(j)}” beside "
                f"“{_clip(j.label)}”",
            )


def _grades_around(text: str, label: str) -> list[Grade] | None:
    """The grades printed right after ``label`` (or right before it) in ``text``, or None
    when the label is not on the page."""
    words = [re.escape(w) for w in re.findall(r"\w+", label)]
    if not words:
        return None
    found = list(re.finditer(r"\W+".join(words), text, re.I))
    if not found:
        return None
    out: list[Grade] = []
    for m in found:  # the label may also be printed in prose: any place it is graded counts
        after = _GRADE_RE.search(text, m.end(), m.end() + GRADE_DISTANCE)
        if after:
            out.append(_grade(after.group(0)))
        before = list(_GRADE_RE.finditer(text, max(0, m.start() - GRADE_DISTANCE), m.start()))
        if before:
            out.append(_grade(before[-1].group(0)))
        if _GRADE_RE.search(m.group(0)):  # an overall sentence carries its grade in its label
            out.append(_grade(_GRADE_RE.findall(m.group(0))[-1]))
    return out


def _grade_text(j: Judgement) -> str:
    return j.grade.value.replace("_", " ")


def _clip(text: str, n: int = 70) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= n else text[: n - 1] + "…"


# --------------------------------------------------------------------------- recommendations


@dataclass(frozen=True)
class Located:
    """A recommendation found in the text: its index in the record, the stream span of its
    words, the body lines it starts and ends on, and the marker printed before it (a number
    or a glyph; both None when none)."""

    rec: Recommendation
    index: int
    start: int
    end: int
    first_line: int
    last_line: int
    number: int | None
    glyph: str | None


def locate(ev: Evidence, recs: Sequence[Recommendation]) -> tuple[list[Located], list[int]]:
    """Each item's place in the text, in order (an item is looked for from the page it is
    recorded on and after the one before it, since a letter's overview may repeat an item's
    words), and the indexes of the items whose words are not in the text at all. Worked out
    once per list of items, however many checks ask."""
    key = tuple((r.text, r.page) for r in recs)
    if key not in ev.located:
        ev.located[key] = _locate(ev, recs)
    return ev.located[key]


def _locate(ev: Evidence, recs: Sequence[Recommendation]) -> tuple[list[Located], list[int]]:
    found: list[Located] = []
    missing: list[int] = []
    cursor = 0
    for n, rec in enumerate(recs):
        page_start = ev.page_start(rec.page)
        span = (
            ev.find(rec.text, max(cursor, page_start))
            or ev.find(rec.text, cursor)
            or ev.find(rec.text)
        )
        if span is None:
            missing.append(n)
            continue
        start, end = span
        line, before = ev.line_of_start(start)
        # An item that keeps its number in its text (area SEND rows holding numbered
        # paragraphs) is not marked by that number.
        m = None if _MARKER.match(rec.text) else _MARKER.match(ev.lines[line].text)
        if m and m.end() > len(before):
            m = None  # the marker must stand before the item's first letter
        number = int(m.group("num")) if m and m.group("num") else None
        glyph = m.group("glyph") if m and m.group("glyph") else None
        found.append(Located(rec, n, start, end, line, ev.line_at(end - 1), number, glyph))
        cursor = end
    return found, missing


def texts_in_document(doc: Document, report: Report) -> Iterator[ReportWarning]:
    """Each recommendation's words are printed in the document, in the record's order:
    catches garbage, a running header or footer swallowed into an item, words run together
    from two places."""
    if not report.recommendations:
        return
    _, missing = locate(evidence(doc), report.recommendations)
    for n in missing:
        rec = report.recommendations[n]
        yield ReportWarning(
            part=Part.RECOMMENDATIONS,
            message=f"item {n + 1} (p. {rec.page}) is not printed as read: “{_clip(rec.text)}”",
        )


def _lists(located: Sequence[Located]) -> list[list[Located]]:
    """The located items grouped into lists: a list is a run of items for one body whose
    markers are of one kind."""
    groups: list[list[Located]] = []
    for item in located:
        kind = (item.rec.body, item.number is not None, item.glyph)
        if groups:
            last = groups[-1][-1]
            if (last.rec.body, last.number is not None, last.glyph) == kind:
                groups[-1].append(item)
                continue
        groups.append([item])
    return groups


def item_numbering(doc: Document, report: Report) -> Iterator[ReportWarning]:
    """Numbered items run on by one with no gap and no repeat (a restart at 1 under a new
    heading is a new list): a gap is items not read, or read into the item before."""
    ev = evidence(doc)
    located, _ = locate(ev, report.recommendations)
    for group in _lists(located):
        for a, b in zip(group, group[1:], strict=False):
            if a.number is None or b.number is None or b.number == a.number + 1:
                continue
            if b.number == 1 and _heading_between(ev, a.last_line, b.first_line):
                continue
            if b.number > a.number + 1:
                message = numbering_gap(a.number, b.number)
            else:
                message = f"numbering goes back from {a.number} to {b.number} (p. {b.rec.page})"
            yield ReportWarning(part=Part.RECOMMENDATIONS, message=message)


def marker_count(doc: Document, report: Report) -> Iterator[ReportWarning]:
    """The item markers (numbers or the list's bullet glyph) printed from a list's first item
    to its last equal the items read, and the list does not go on right after the last item
    read or right before the first: items run together, skipped, or cut off."""
    ev = evidence(doc)
    located, _ = locate(ev, report.recommendations)
    for group in _lists(located):
        first, last = group[0], group[-1]
        if first.number is None and first.glyph is None:
            continue
        opens = [
            _opens_item(ev.lines[i].text, first)
            for i in range(first.first_line, last.last_line + 1)
        ]
        printed = sum(opens)
        if printed != len(group):
            yield ReportWarning(
                part=Part.RECOMMENDATIONS,
                message=f"{printed} items printed from p. {first.rec.page} to p. "
                f"{last.rec.page} but {len(group)} read",
            )
        for item in group:
            sub = _sub_items_after(ev, item)
            if sub is not None:
                yield ReportWarning(
                    part=Part.RECOMMENDATIONS,
                    message=f"item {item.index + 1} (p. {item.rec.page}) is followed by "
                    f"sub-items not read (“{_clip(ev.lines[sub].text, 50)}”)",
                )
        after = _neighbour_item(ev, last, +1)
        if after is not None:
            yield ReportWarning(
                part=Part.RECOMMENDATIONS,
                message=f"the list goes on after the last item read (p. {ev.lines[after].page}:"
                f" “{_clip(ev.lines[after].text, 50)}”)",
            )
        before = _neighbour_item(ev, first, -1)
        if before is not None:
            yield ReportWarning(
                part=Part.RECOMMENDATIONS,
                message=f"the list starts before the first item read (p. "
                f"{ev.lines[before].page}: “{_clip(ev.lines[before].text, 50)}”)",
            )


#: The most letters a list may print between two of its items: sub-headings ("Areas for
#: improvement" over a topic heading) and a footnote. Corpus: at most 80; a paragraph (about
#: 70 letters a line) skipped between two items goes over.
GAP_LETTERS = 250
#: The same across a page break, where a footnote and a letter's address block may stand
#: (focused-visit letters: 308 letters, page 1's footnote and Ofsted's address).
GAP_ACROSS_PAGES = 450

#: The template's section titles, which end a recommendations list and never stand inside
#: one, as letters only (so a title wrapped over two lines is still found).
SECTION_TITLES = tuple(
    _letters(title)
    for title in (
        "Inspection findings",
        "Summary for children and young people",
        "Information about this",
        "Executive summary",
        "Key strengths",
        "Summary of findings",
        "Record of main findings",
        "The experiences and progress of",
        "The impact of leaders on",
        "Review of the effectiveness of",
    )
)


def between_items(doc: Document, report: Report) -> Iterator[ReportWarning]:
    """What a list prints between two items read as consecutive is short and is no section
    title: a list read on past its end (findings paragraphs numbered on from the items), or
    text skipped between two items."""
    ev = evidence(doc)
    located, _ = locate(ev, report.recommendations)
    for group in _lists(located):
        for a, b in zip(group, group[1:], strict=False):
            gap = ev.stream[a.end : b.start]
            title = next((t for t in SECTION_TITLES if t in gap), None)
            where = f"items {a.index + 1} and {b.index + 1} (p. {a.rec.page}–{b.rec.page})"
            if title is not None:
                yield ReportWarning(
                    part=Part.RECOMMENDATIONS,
                    message=f"a section title stands between {where}: the list may have "
                    "been read past its end",
                )
            elif len(gap) > (GAP_LETTERS if a.rec.page == b.rec.page else GAP_ACROSS_PAGES):
                yield ReportWarning(
                    part=Part.RECOMMENDATIONS,
                    message=f"{len(gap)} letters of text between {where} were not read",
                )


#: An item whose last sentence is closed and is followed by words without closing punctuation:
#: a heading (or the start of the next paragraph) read into the item. Corpus: no item of the
#: 3,003 ends so; items without any sentence punctuation (2012-13 bullets) are not affected.
_TRAILING_FRAGMENT = re.compile(r"[.;:?!]\s+(?P<tail>[A-Z][^.;:!?)]*)$")


#: Families whose items close their sentences (corpus: all 3,003 full-inspection items and
#: every focused-visit item; JTAI letters print items that end unpunctuated).
CLOSED_ITEM_FAMILIES = frozenset(
    {
        Framework.ILACS,
        Framework.SIF,
        Framework.LAC_2012,
        Framework.LSCB_REVIEW,
        Framework.FOCUSED_VISIT,
    }
)


def trailing_heading(doc: Document, report: Report) -> Iterator[ReportWarning]:
    """No item ends in an unpunctuated fragment after a closed sentence: a sub-heading or a
    section heading that followed the item (even on the same line) read into it."""
    if report.framework not in CLOSED_ITEM_FAMILIES:
        return
    for n, rec in enumerate(report.recommendations, start=1):
        m = _TRAILING_FRAGMENT.search(rec.text.strip())
        if m:
            yield ReportWarning(
                part=Part.RECOMMENDATIONS,
                message=f"item {n} (p. {rec.page}) ends in “{_clip(m.group('tail'), 50)}”, "
                "a heading read into the item?",
            )


#: A footnote number glued to the word before it ("cared for children2"): lower-case letters
#: run straight into one or two digits. Corpus: no full-inspection or focused-visit item has
#: one ("(Paras 60,62)" has its digits after a comma).
_GLUED_FOOTNOTE = re.compile(r"[a-z]{3,}\d{1,2}(?=[\s.,;:)’']|$)")


def glued_footnotes(doc: Document, report: Report) -> Iterator[ReportWarning]:
    """No item carries a footnote marker glued to a word: the marker is not the item's text."""
    if report.framework not in CLOSED_ITEM_FAMILIES:
        return
    for n, rec in enumerate(report.recommendations, start=1):
        m = _GLUED_FOOTNOTE.search(rec.text)
        if m:
            yield ReportWarning(
                part=Part.RECOMMENDATIONS,
                message=f"item {n} (p. {rec.page}) has a footnote number glued to “{m.group(0)}”",
            )


def _sub_items_after(ev: Evidence, item: Located) -> int | None:
    """The line right after an item when it opens a sub-item (another marker than the
    list's): the item's sub-list was not read into it. Corpora: no item is so followed."""
    i = item.last_line + 1
    while i < len(ev.lines) and not ev.lines[i].text.strip():
        i += 1
    if i >= len(ev.lines):
        return None
    text = ev.lines[i].text
    if _MARKER.match(text) is None or _NO_ITEMS.match(text) or _opens_item(text, item):
        return None
    return i


def _opens_item(line: str, like: Located) -> bool:
    m = _MARKER.match(line)
    if m is None or _NO_ITEMS.match(line):
        return False
    if like.number is not None:
        return m.group("num") is not None
    return m.group("glyph") == like.glyph


#: How many lines beside a list's first or last item are passed over looking for another
#: item of the list (an item's wrapped lines; corpus items take at most 9 lines).
NEIGHBOUR_LINES = 12


#: How many topic sub-headings ("Quality of practice") the scan for a neighbouring item may
#: pass over: SIF lists group their numbered items under them.
TOPIC_HEADINGS = 2

#: Words of the template's headings that end a list's part of the report, as letters: the
#: scan for a neighbouring item stops at a heading holding one (findings paragraphs are
#: numbered on from the list after "Inspection findings" or "The local authority's strengths").
END_WORDS = ("strengths", "findings", "summary", "information", "inspection", "judgement")


def _neighbour_item(ev: Evidence, item: Located, step: int) -> int | None:
    """The line of another item of ``item``'s list printed next to it, before it (step -1)
    or after it (step +1), or None. Before, the scan passes over the wrapped lines of an item;
    after, over lower-case lines only (the rest of an item cut short); both pass over up to
    :data:`TOPIC_HEADINGS` topic sub-headings. A list heading, a heading with an
    :data:`END_WORDS` word, any other line or any other marker stops it."""
    i = item.first_line - 1 if step < 0 else item.last_line + 1
    topics = 0
    for _ in range(NEIGHBOUR_LINES):
        if not 0 <= i < len(ev.lines):
            return None
        text = ev.lines[i].text
        if _MARKER.match(text):
            return i if _continues_list(text, item, step) else None
        if text.strip() and _is_heading(ev, i):
            topics += 1
            if topics > TOPIC_HEADINGS or _ends_part(text, item.number is not None):
                return None
        elif text.strip() and step > 0 and not text.lstrip()[:1].islower():
            return None
        i += step
    return None


def _ends_part(heading: str, numbered: bool) -> bool:
    """Whether a heading closes the list's part of the report rather than a topic or a
    priority group in it: "Areas for improvement" groups a SIF numbered list, but heads a
    bulleted one (focused visits, 2012-13)."""
    letters = _letters(heading)
    return bool(
        (_LIST_HEADING.match(heading) and not (numbered and _is_group(heading)))
        or any(w in letters for w in END_WORDS)
        or any(t in letters for t in SECTION_TITLES)
    )


#: A numbered line that says a list is empty: "16. There are no areas of priority action."
_NO_ITEMS = re.compile(r"^\s*(?:\d{1,3}\.)?\s*There\s+(?:are|is)\s+no\b", re.I)


def _continues_list(line: str, item: Located, step: int) -> bool:
    """Whether a marker line is another item of ``item``'s list: the same glyph, or the
    next (previous) number ("There are no ..." lines are no items)."""
    m = _MARKER.match(line)
    if m is None or _NO_ITEMS.match(line):
        return False
    if item.number is not None:
        return m.group("num") is not None and int(m.group("num")) == item.number + step
    return m.group("glyph") == item.glyph


def _heading_between(ev: Evidence, a: int, b: int) -> bool:
    """Whether a heading stands between body lines ``a`` and ``b``."""
    return any(_is_heading(ev, i) for i in range(a + 1, b))


def _is_heading(ev: Evidence, i: int, depth: int = 2) -> bool:
    """Whether body line ``i`` is a heading: a list heading or sub-heading, or a short
    capitalised line without closing punctuation after a line that closed a sentence or is a
    heading itself (looked back ``depth`` headings at most)."""
    s = ev.lines[i].text.strip()
    if _LIST_HEADING.match(s) or _is_group(s):
        return True
    if not (
        s
        and s[0].isupper()
        and len(s) <= HEADING_MAX
        and not re.search(r"[.;,:]$", s)
        and _MARKER.match(s) is None
    ):
        return False
    before = ev.lines[i - 1].text.strip() if i > 0 else ""
    return (
        not before
        or ev.lines[i - 1].page != ev.lines[i].page
        or bool(_CLOSED.search(before))
        or (depth > 0 and _is_heading(ev, i - 1, depth - 1))
    )


#: A line that closes a sentence or a heading.
_CLOSED = re.compile(r"[.:;?!)]\W*$")

#: The longest line taken for a heading (characters): a full line of body text (about 90
#: characters in the corpus) is never one.
HEADING_MAX = 90

#: Headings of a recommendations list, as a line of their own ("What needs to improve in this
#: area of social work practice?", "... in this local authority?", with a footnote digit).
_LIST_HEADING = re.compile(
    r"^\s*(?:What\s+needs\s+to\s+improve(?:\s+(?:in|for|at)\s+[^.?!:\n]{3,60}?)?"
    r"|Recommendations|What\s+does\s+the\s+.{2,50}?\s+need\s+to\s+improve|Areas?\s+for\s+improvement"
    r")\s*\??\s*:?\s*\d?\s*\??\s*$",
    re.I,
)
#: The group sub-headings and the priority each gives the items below it.
_PRIORITY_GROUPS: tuple[tuple[re.Pattern[str], Priority], ...] = (
    (
        re.compile(
            r"^\s*(?:Priority\s+and\s+immediate\s+actions?|Immediate\s+actions?|"
            r"Priority\s+actions?|Immediately)\s*:?\s*$",
            re.I,
        ),
        Priority.IMMEDIATE,
    ),
    (
        re.compile(r"^\s*(?:Areas?\s+for\s+improvement|Within\s+\w+\s+months?)\s*:?\s*$", re.I),
        Priority.IMPROVE,
    ),
)


def _is_group(line: str) -> bool:
    """Whether a line is a priority group sub-heading (it may stand between a list heading
    and its first item, or inside the list)."""
    return any(pattern.match(line) for pattern, _ in _PRIORITY_GROUPS)


#: How many pages after its heading a list's first item may be printed.
LIST_PAGES = 1


def heading_without_items(doc: Document, report: Report) -> Iterator[ReportWarning]:
    """A recommendations heading followed by a list has items read from that list. A heading
    followed by prose only ("What needs to improve?" then a paragraph, an outstanding
    authority) legitimately has none."""
    ev = evidence(doc)
    pages = {r.page for r in report.recommendations}
    for i, line in enumerate(ev.lines):
        if not _LIST_HEADING.match(line.text):
            continue
        j = i + 1
        while j < len(ev.lines) and (not ev.lines[j].text.strip() or _is_group(ev.lines[j].text)):
            j += 1
        if j >= len(ev.lines) or _MARKER.match(ev.lines[j].text) is None:
            continue
        if not any(line.page <= p <= line.page + LIST_PAGES for p in pages):
            yield ReportWarning(
                part=Part.RECOMMENDATIONS,
                message=f"“{line.text.strip()}” on p. {line.page} is followed by a list, "
                "but no item was read from it",
            )


#: Families whose lists are grouped by priority under sub-headings.
PRIORITY_FAMILIES = frozenset({Framework.SIF, Framework.LAC_2012, Framework.LSCB_REVIEW})


def priority_groups(doc: Document, report: Report) -> Iterator[ReportWarning]:
    """Each item has the priority of the group sub-heading printed above it in its list
    ("Priority and immediate action", "Areas for improvement", "Immediately:", "Within six
    months:"): a sub-heading missed or read into an item mislabels the items after it."""
    if report.framework not in PRIORITY_FAMILIES:
        return
    ev = evidence(doc)
    located, _ = locate(ev, report.recommendations)
    for item in located:
        found = _group_above(ev, item.first_line)
        if found is None or found[1] is item.rec.priority:
            continue
        heading, priority = found
        yield ReportWarning(
            part=Part.RECOMMENDATIONS,
            message=f"item {item.index + 1} (p. {item.rec.page}) stands under “{heading}” but "
            f"is read as {item.rec.priority.value}, not {priority.value}",
        )


#: A group sub-heading printed on the line of the item before it, after that item's closing
#: stop ("... registered with a dentist. Areas for improvement"): the words after the line's
#: last sentence end, if they are the whole sub-heading.
_RUN_ON_GROUP = re.compile(r"[.;!?)]\s+(?P<tail>[A-Z][^.;!?]*)$")


def _group_above(ev: Evidence, line: int) -> tuple[str, Priority] | None:
    """The nearest group sub-heading above body line ``line`` within its list (the scan
    stops at the list's own heading), with its priority; None when there is none. A
    sub-heading run on to the end of the line above counts (a reader may split it off)."""
    for i in range(line - 1, -1, -1):
        text = ev.lines[i].text.strip()
        run_on = _RUN_ON_GROUP.search(text)
        for pattern, priority in _PRIORITY_GROUPS:
            if pattern.match(text):
                return text, priority
            if run_on and pattern.match(run_on.group("tail")):
                return run_on.group("tail"), priority
        if _LIST_HEADING.match(text):
            return None
        letters = _letters(text)
        if any(t in letters for t in SECTION_TITLES):
            return None
    return None


#: A list heading that names whom its items are for: "What does the LSCB / local authority
#: need to improve?".
_BODY_HEADING = re.compile(r"^\s*What\s+does\s+the\s+(?P<who>.{2,50}?)\s+need\s+to\s+improve", re.I)
_BODY_WORDS: tuple[tuple[re.Pattern[str], Body], ...] = (
    (re.compile(r"\b(?:LSCB|board|safeguarding)\b", re.I), Body.LSCB),
    (re.compile(r"\b(?:local\s+authority|council)\b", re.I), Body.LOCAL_AUTHORITY),
)


def body_headings(doc: Document, report: Report) -> Iterator[ReportWarning]:
    """Each item stands under a heading that names its body, where the heading names one
    ("What does the LSCB need to improve?"): items given to the wrong body."""
    ev = evidence(doc)
    located, _ = locate(ev, report.recommendations)
    for item in located:
        heading = _list_heading_above(ev, item.first_line)
        m = _BODY_HEADING.match(heading or "")
        body = next((b for p, b in _BODY_WORDS if m and p.search(m.group("who"))), None)
        if heading and body is not None and body is not item.rec.body:
            yield ReportWarning(
                part=Part.RECOMMENDATIONS,
                message=f"item {item.index + 1} (p. {item.rec.page}) stands under “{heading}” "
                f"but is read as the {item.rec.body.value}'s",
            )


def _list_heading_above(ev: Evidence, line: int) -> str | None:
    """The nearest list heading (not a priority group) above body line ``line`` in its part
    of the report: a section heading above the list (an LSCB part whose groups stand alone)
    ends the scan with None."""
    for i in range(line - 1, -1, -1):
        text = ev.lines[i].text.strip()
        if _LIST_HEADING.match(text) and not _is_group(text):
            return text
        if _is_heading(ev, i) and _ends_part(text, numbered=True):
            return None
    return None


# --------------------------------------------------------------------------- facts


#: The earliest inspection this tool reads (the 2012 framework) less a margin, and how far
#: ahead of today a date may lie (a report read before its publication date).
EARLIEST = date(2005, 1, 1)
FUTURE = timedelta(days=366)

_NOT_A_NAME = re.compile(r"\d|\bHMIs?\b|majesty|inspector|[^\w\s.’'\-,&()]", re.I)
#: The most words one person's name takes ("Mary Jane Smith-Jones" is 3; a title or a
#: sentence read as a name is longer).
NAME_MAX_WORDS = 5

#: The longest an inspection runs, first day to last (corpus: 108 days, an inspection split
#: in two; a misread year or month gives more), and the longest from its end to publication
#: (corpus: 203 days).
MAX_INSPECTION_DAYS = 180
MAX_PUBLICATION_DAYS = 365

#: An authority's name is a few words without digits or report wording (corpus: at most 7
#: words, "The Royal Borough of Windsor and Maidenhead"; two councils sharing a service may
#: take twice that).
AUTHORITY_MAX_WORDS = 16
_NOT_AN_AUTHORITY = re.compile(
    r"\d|\binspection\b|\breview\s+of\b|\bjudgements?\b|\binspectors?\b|\bpublished\b", re.I
)
#: Where a report prints its lead inspector (the reader found none, the text names one).
_LEAD_PRINTED = re.compile(r"\blead\s+inspectors?\b", re.I)


def facts_sanity(doc: Document, report: Report) -> Iterator[ReportWarning]:
    """Facts that cannot be right: an inspection that ends before it starts or runs for
    months, a report published before its inspection ended or a year after, a date outside
    2005 .. a year ahead, no authority or one that is not a name, a lead inspector who is
    not a name, or none read where the text names one."""
    for message in fact_doubts(report, date.today()):
        yield ReportWarning(part=Part.FACTS, message=message)
    if report.lead_inspector is None and not report.warned(Part.FACTS):
        page = next((n for n, t in evidence(doc).pages.items() if _LEAD_PRINTED.search(t)), None)
        if page is not None:
            yield ReportWarning(
                part=Part.FACTS, message=f"p. {page} names a lead inspector but none was read"
            )


def fact_doubts(report: Report, today: date) -> Iterator[str]:
    """The reasons to doubt the record's facts, as of ``today`` (a pure rule for tests)."""
    start, end, published = report.inspection_start, report.inspection_end, report.published
    if start and end and start > end:
        yield f"inspection ends ({end}) before it starts ({start})"
    if published and end and published < end:
        yield f"published ({published}) before the inspection ended ({end})"
    for name, value in (
        ("inspection_start", start),
        ("inspection_end", end),
        ("published", published),
        ("letter_date", report.letter_date),
    ):
        if value and not EARLIEST <= value <= today + FUTURE:
            yield f"{name} {value} is outside {EARLIEST.year}..{(today + FUTURE).year}"
    if start and end and (end - start).days > MAX_INSPECTION_DAYS:
        yield f"an inspection of {(end - start).days} days ({start} to {end})"
    if published and end and (published - end).days > MAX_PUBLICATION_DAYS:
        yield f"published {(published - end).days} days after the inspection ended"
    authority = (report.local_authority or "").strip()
    if not authority:
        yield "no local authority"
    elif _NOT_AN_AUTHORITY.search(authority) or len(authority.split()) > AUTHORITY_MAX_WORDS:
        yield f"local authority “{_clip(authority, 50)}” does not look like a name"
    lead = report.lead_inspector
    if lead:
        names = re.split(r"\s+and\s+|\s*[&,]\s*", lead)
        if _NOT_A_NAME.search(lead) or any(
            not n or len(n.split()) > NAME_MAX_WORDS or not n[0].isupper() for n in names
        ):
            yield f"lead inspector “{_clip(lead, 50)}” does not look like a name"


#: Every check, run in order on every record.
CHECKS: tuple[Check, ...] = (
    duplicate_areas,
    required_areas,
    stated_judgements,
    sections_state_grades,
    grade_beside_label,
    texts_in_document,
    item_numbering,
    marker_count,
    between_items,
    trailing_heading,
    glued_footnotes,
    priority_groups,
    body_headings,
    heading_without_items,
    facts_sanity,
)


def self_check(doc: Document, report: Report) -> list[ReportWarning]:
    """The warnings of every check on ``report``, without repeats, in check order."""
    found: list[ReportWarning] = []
    for check in CHECKS:
        for warning in check(doc, report):
            if warning not in found:
                found.append(warning)
    return found
