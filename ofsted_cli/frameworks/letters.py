"""Rules shared by the two letter families: focused visits and joint targeted area inspections.

Both are letters: a date line above the addressee, "Dear ...", a bold title, an opening
paragraph naming the visit (dates, inspectors, theme), then bold headings over prose and
bulleted lists. The layout decides where a list is and where it ends:

- a list heading is a bold line starting with the heading words (or a line holding only them);
- a list item starts with a bullet glyph (◼, or the Wingdings glyph U+F06E in 2018-19) at the
  list's glyph position; its wrapped lines hang past the glyph, or, in letters without a
  hanging indent, follow within a paragraph's line spacing; a glyph further right, or another
  glyph, is a sub-bullet folded into its item;
- the list ends at the next bold line (a topic line smaller than the heading, or in a list that
  opened with one, is passed over) or at a line back at the glyph position after a paragraph
  gap;
- small print (the Ofsted address block, footnotes), bare page numbers and lines repeated at
  the same height at the edge of several pages (running headers, footers) are page furniture.

Wording only names the headings ("What needs to improve ...", "Areas for priority action"),
the letters' own section names that never start a topic ("Strengths", "Next steps"), and the
facts in the opening paragraph. Every rule is a pure function over positioned lines
(:class:`~ofsted_cli.pdf.StyledLine`) or text, so it is tested without PDFs. The checks that
turn into warnings use other evidence than the reading: the glyphs printed under a heading,
the headings printed in the page text, the dates against each other and the letter's date.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..models import Body, Framework, Part, Priority, Recommendation, Report, ReportWarning
from ..pdf import Document, StyledLine
from .common import Facts, build_report, collapse, join_wrapped, parse_dates
from .ilacs import glyph_of
from .vocabulary import APOSTROPHE, DASHES

#: How far (points) two line starts may differ and still share an indent. Corpus: the glyphs
#: of one list start within 0.6 pt of each other but for one at 3.4 pt (Derbyshire 2025);
#: hanging indents and sub-bullets are 14-36 pt further in.
INDENT_TOLERANCE = 4.0

#: A line printed smaller than this share of the body text is small print (the Ofsted address
#: block at 9 pt, footers and footnotes at 8-10 pt, against 11-12 pt body text).
SMALL_PRINT_RATIO = 0.85

_IMPROVE_RE = re.compile(r"^(?:what\s+needs\s+to\s+improve\b|areas?\s+for\s+improvement\b)", re.I)
_PRIORITY_RE = re.compile(r"^areas?\s+for\s+priority\s+actions?\b", re.I)
#: A heading line on its own, for letters whose headings are not set in bold: the heading
#: words, an optional "in this area of social work practice", "?"/":" and a footnote digit.
_WHOLE_HEADING_RE = re.compile(
    r"^(?:what\s+needs\s+to\s+improve(?:\s+in\s+this\s+area\s+of\s+social\s+work\s+practice)?"
    r"|areas?\s+for\s+improvement|areas?\s+for\s+priority\s+actions?)"
    r"\s*[?:]?\s*\d?\s*[?:]?\s*$",
    re.I,
)
_PAGE_NUMBER_RE = re.compile(r"^\s*\d{1,3}\s*$")


#: Reads a letter's facts from its title, the lines above the title and its opening text;
#: gives the facts and the doubts about them.
FactsReader = Callable[[str, Sequence[str], str], tuple[Facts, list[str]]]


def read_letter(
    doc: Document,
    framework: Framework,
    body: Body,
    title: tuple[re.Pattern[str], Callable[[str], bool]],
    read_facts: FactsReader,
) -> Report:
    """A letter's record: facts from its head (``title``: the title line's pattern and the
    test that a title line ends it), recommendations for ``body`` from its lists, and the
    warnings of both."""
    opening = opening_lines(doc, *title)
    facts, doubts = read_facts(opening.title, opening.before_title, opening.paragraph)
    sections = list_sections(doc)
    recommendations, warnings = recommendations_of(sections, body)
    missed = unread_headings([text for _, text in doc.texts()], sections)
    if missed:
        warnings.append(_warn(f"{missed} list heading(s) printed but not read as headings"))
    facts_warnings = [ReportWarning(part=Part.FACTS, message=d) for d in doubts]
    return build_report(doc, framework, facts, [], recommendations, facts_warnings + warnings)


def announces(doc: Document, title_line: re.Pattern[str], summary: re.Pattern[str]) -> bool:
    """Whether page 1 names the letter's kind: a title line (``title_line``), or the opening
    sentence "This letter summarises the findings of ..." (``summary``, searched in the
    collapsed text)."""
    text = doc.text(1)
    return bool(title_line.search(text) or summary.search(collapse(text)))


# --- lines -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageLine:
    """A positioned line and the page it is printed on."""

    page: int
    line: StyledLine


def document_lines(doc: Document, pages: Iterable[int]) -> list[PageLine]:
    """The positioned lines of ``pages``, in reading order."""
    return [PageLine(p, line) for p in pages for line in doc.styled_lines(p)]


def body_size(lines: Sequence[PageLine]) -> float:
    """The font size most lines are printed in: the letter's body text."""
    sizes = Counter(pl.line.size for pl in lines)
    return sizes.most_common(1)[0][0] if sizes else 12.0


def is_furniture(line: StyledLine, size: float) -> bool:
    """Whether a line is page furniture: small print or a bare page number."""
    return line.size < size * SMALL_PRINT_RATIO or bool(_PAGE_NUMBER_RE.match(line.text))


#: How far apart (points) a running header's or footer's tops may be on two pages.
RUNNING_TOLERANCE = 2.0


def without_running_lines(lines: Sequence[PageLine]) -> list[PageLine]:
    """The lines without running headers and footers: a page's first or last line printed,
    digits aside, at the same height as the first or last line of another page (page
    furniture in the body's size, which the small-print rule does not catch)."""

    def key(pl: PageLine) -> str:
        return collapse(re.sub(r"\d+", "", pl.line.text)).lower()

    tops: dict[int, list[float]] = {}
    for pl in lines:
        tops.setdefault(pl.page, []).append(pl.line.top)
    extremes = {page: (min(t), max(t)) for page, t in tops.items()}
    seen: dict[str, list[PageLine]] = {}
    for pl in lines:
        if pl.line.top in extremes[pl.page]:
            seen.setdefault(key(pl), []).append(pl)
    running: set[int] = set()
    for group in seen.values():
        for a in group:
            if any(
                b.page != a.page and abs(b.line.top - a.line.top) <= RUNNING_TOLERANCE
                for b in group
            ):
                running.add(id(a))
    return [pl for pl in lines if id(pl) not in running]


#: The most words a heading has: "What needs to improve in this area of social work
#: practice?" has 11, the longest in the corpus; one more for a variant's wording.
HEADING_WORDS = 12


def list_priority(line: StyledLine) -> Priority | None:
    """The priority of the list a line heads, or None when it is no list heading: a bold
    line starting with the heading words (a heading, not a bold sentence: no full stop, at
    most :data:`HEADING_WORDS` words), or a line holding only them."""
    text = collapse(line.text)
    heading_like = len(text.split()) <= HEADING_WORDS and not text.endswith(".")
    if not ((line.bold and heading_like) or _WHOLE_HEADING_RE.match(text)):
        return None
    if glyph_of(text) is not None:
        return None
    if _PRIORITY_RE.match(text):
        return Priority.PRIORITY_ACTION
    if _IMPROVE_RE.match(text):
        return Priority.IMPROVE
    return None


def is_heading(line: StyledLine, margin: float) -> bool:
    """A bold line at the margin with no bullet: the next section's heading."""
    return line.bold and line.x0 <= margin + INDENT_TOLERANCE and glyph_of(line.text) is None


# --- lists -----------------------------------------------------------------------------------


@dataclass
class ListRead:
    """One list as read: its items as (page, text) and the reader's doubts about it."""

    items: list[tuple[int, str]] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)
    #: Whether the list opened with a topic sub-heading (later topics may be as large).
    topical: bool = False


#: Between a folded sub-bullet and the text before it, where the glyph was dropped.
SUB_SEPARATOR = "; "


def fold(parts: Sequence[tuple[bool, str]]) -> str:
    """An item's lines as one text: wrapped lines joined (see :func:`join_wrapped`), each
    sub-bullet (flagged True) after "; " unless the text before already ends in punctuation."""
    pieces: list[list[str]] = []
    for is_sub, text in parts:
        if is_sub or not pieces:
            pieces.append([text])
        else:
            pieces[-1].append(text)
    out = ""
    for piece in pieces:
        text = join_wrapped(piece)
        if not text:
            continue
        if not out:
            out = text
        elif out.endswith((";", ":", ",", ".")):
            out = f"{out} {text}"
        else:
            out = f"{out}{SUB_SEPARATOR}{text}"
    return out


#: A line more than this many font sizes below the line before it opens a new paragraph
#: (corpus: wrapped lines 1.22-1.25 sizes apart; the paragraph or heading after a list
#: 1.71-2.45, the 1.71 a bold topic line, which ends nothing by its spacing).
PARAGRAPH_GAP = 1.7

#: How much smaller (points) than its list's heading a bold line must be to be a topic
#: sub-heading inside the list (themed JTAI letters: 14 pt "Areas for improvement" over
#: 12 pt topics).
SUBHEADING_STEP = 0.5


#: The letters' own section headings, never a topic inside a list even where they are printed
#: like one (themed JTAI letters: "Key strengths" in the topics' size after the last list).
_SECTION_RE = re.compile(
    r"^(?:(?:key\s+)?strengths?|(?:main\s+|headline\s+|key\s+)?findings|next\s+steps"
    r"|(?:case|practice)\s+stud(?:y|ies)|overview|summary|areas?\s+(?:for|of)"
    r"|what\s+needs\s+to\s+improve)\b",
    re.I,
)


def is_topic(
    lines: Sequence[PageLine], at: int, heading: StyledLine, topical: bool, size: float
) -> bool:
    """Whether the bold line ``lines[at]`` is a topic sub-heading inside the list, not the
    next section: smaller than the list's heading, or in a list that opened with a topic,
    and followed by a bullet of the list (after any further topic lines)."""
    line = lines[at].line
    if _SECTION_RE.match(collapse(line.text)):
        return False
    if not (topical or line.size < heading.size - SUBHEADING_STEP):
        return False
    for pl in lines[at + 1 :]:
        if is_furniture(pl.line, size):
            continue
        if glyph_of(pl.line.text) is not None:
            return True
        if not pl.line.bold:
            return False
    return False


def read_list(lines: Sequence[PageLine], heading: StyledLine, size: float) -> ListRead:
    """The items of the list under ``heading`` (``lines`` start after it).

    Lines before the first bullet are the heading's wrapped part, topic sub-headings (bold)
    or a lead-in sentence ("The local authority needs to take swift and decisive action...:"):
    not items. The first bullet fixes the list's glyph and glyph position. A line with no glyph
    continues the open item when it is indented past the glyph, or, in a list that has shown
    no such hanging indent, follows the line before it within a paragraph's line spacing. A
    bold line is a topic
    when :func:`is_topic` says so; any other ends the list (the next heading, a case-study
    box), as does a line back at the glyph's position after a paragraph gap.
    """
    result = ListRead()
    margin = heading.x0
    items: list[tuple[int, list[tuple[bool, str]]]] = []
    glyph: str | None = None
    glyph_x = margin
    lead_in: list[StyledLine] = []
    topical = False
    hanging = False  # wrapped lines seen past the glyph: no wrapped line returns under it
    prev: PageLine | None = None
    for i, pl in enumerate(lines):
        line = pl.line
        if is_furniture(line, size):
            continue
        found = glyph_of(line.text)
        if glyph is None:
            if found is None:
                if line.bold and not lead_in:
                    topical = topical or line.text[:1].isupper()
                    continue  # the heading's wrapped line, or a topic
                if is_heading(line, margin):
                    break
                lead_in.append(line)
                continue
            glyph, glyph_x = found[0], line.x0
        if found is None and line.bold:
            if is_topic(lines, i, heading, topical, size):
                continue
            break
        if found is not None and found[0] == glyph and abs(line.x0 - glyph_x) <= INDENT_TOLERANCE:
            items.append((pl.page, [(False, line.text[found[1] :])]))
        elif found is not None and found[0] in DASHES and line.x0 > glyph_x + INDENT_TOLERANCE:
            items[-1][1].append((False, line.text))
        elif found is not None and line.x0 > glyph_x - INDENT_TOLERANCE:
            items[-1][1].append((True, line.text[found[1] :]))
        elif found is None and line.x0 > glyph_x + INDENT_TOLERANCE:
            hanging = True
            items[-1][1].append((False, line.text))
        elif found is None and not hanging and prev is not None and continues(prev, pl, size):
            if prev.line.text.rstrip().endswith(".") and line.text[:1].isupper():
                result.doubts.append(
                    f"an item runs on past a full stop, under its glyph: {line.text[:40]!r}"
                )
            items[-1][1].append((False, line.text))
        else:
            break
        prev = pl
    if lead_in and items and not lead_in[-1].text.rstrip().endswith(":"):
        result.doubts.append(
            f"the text before the first bullet does not end in ':' ({lead_in[-1].text[-40:]!r})"
        )
    if not items and any(_list_like(line, margin) for line in lead_in):
        result.doubts.append("the heading is followed by list-like lines but no bullet")
    result.items = [(page, text) for page, parts in items if (text := fold(parts))]
    result.topical = topical
    if len(result.items) < len(items):
        result.doubts.append("a bullet with no text")
    return result


def continues(prev: PageLine, line: PageLine, size: float) -> bool:
    """Whether ``line``, starting where its item's glyph stands, is a wrapped line of the item
    before it: on the same page within a paragraph's line spacing, or, at the top of a new
    page, after a line that did not end a sentence."""
    if prev.page == line.page:
        return 0 < line.line.top - prev.line.top <= PARAGRAPH_GAP * size
    return not prev.line.text.rstrip().endswith((".", "!", "?", ":", ";"))


def _list_like(line: StyledLine, margin: float) -> bool:
    """A line that looks like a list item without its glyph: indented, numbered ("1. "), or
    opening with a symbol."""
    text = line.text.lstrip()
    numbered = re.match(r"\(?\d{1,2}[.)]\s", text) is not None
    return line.x0 > margin + INDENT_TOLERANCE or numbered or bool(text and not text[0].isalnum())


def looks_like_heading(line: StyledLine, margin: float) -> bool:
    """A heading by its look, for letters that fake bold by stroking (no bold font): a short
    line at the margin, with no glyph, opening with a capital and ending with no punctuation."""
    if is_heading(line, margin) or list_priority(line) is not None:
        return True
    text = line.text.strip()
    return (
        line.x0 <= margin + INDENT_TOLERANCE
        and glyph_of(text) is None
        and text[:1].isupper()
        and len(text.split()) <= HEADING_WORDS
        and not text.endswith((".", ",", ";", ":"))
    )


def glyph_count(
    lines: Sequence[PageLine], heading: StyledLine, glyph: str, size: float, topical: bool
) -> int:
    """How often ``glyph`` is printed between a heading and the next heading (bold, or looking
    like one; topic sub-headings are passed over), anywhere in a line: evidence for the item
    count that relies on neither the indents nor the line spacing the list reader uses."""
    count = 0
    for i, pl in enumerate(lines):
        if is_furniture(pl.line, size):
            continue
        if count and pl.line.bold and is_topic(lines, i, heading, topical, size):
            continue
        if count and looks_like_heading(pl.line, heading.x0):
            break
        if not count and pl.line.bold and glyph not in pl.line.text:
            if is_heading(pl.line, heading.x0) and _heading_after_text(lines, pl):
                break
            continue
        count += pl.line.text.count(glyph)
    return count


def _heading_after_text(lines: Sequence[PageLine], at: PageLine) -> bool:
    """Whether non-bold text comes between the start of ``lines`` and ``at``."""
    for pl in lines:
        if pl is at:
            return False
        if not pl.line.bold:
            return True
    return False


@dataclass(frozen=True)
class Section:
    """A recommendation list's heading and what was read under it."""

    priority: Priority
    heading: str
    page: int
    read: ListRead
    glyphs: int


def list_sections(doc: Document) -> list[Section]:
    """Every recommendation list in the letter, in order: each heading's list read up to the
    next heading, with the count of its glyphs for the self-check."""
    lines = without_running_lines(document_lines(doc, range(1, doc.page_count + 1)))
    size = body_size(lines)
    sections: list[Section] = []
    for i, pl in enumerate(lines):
        priority = list_priority(pl.line)
        if priority is None or is_furniture(pl.line, size):
            continue
        after = lines[i + 1 :]
        read = read_list(after, pl.line, size)
        glyph = _first_glyph(after, pl.line.x0, size)
        glyphs = glyph_count(after, pl.line, glyph, size, read.topical) if glyph else 0
        sections.append(Section(priority, collapse(pl.line.text), pl.page, read, glyphs))
    return sections


#: A list heading's words opening a line of the page text, however it is set: evidence for
#: the number of list sections that does not depend on fonts.
_HEADING_START_RE = re.compile(
    r"^\s*(?:What\s+needs\s+to\s+improve|Areas?\s+for\s+(?:improvement|priority\s+actions?))"
    r"\s*(?:\?|:|$|in\s+this\s+area)",
    re.M,
)


def unread_headings(texts: Sequence[str], sections: Sequence[Section]) -> int:
    """How many more list headings the page texts print than the sections read."""
    printed = sum(len(_HEADING_START_RE.findall(text)) for text in texts)
    return max(0, printed - len(sections))


def _first_glyph(lines: Sequence[PageLine], margin: float, size: float) -> str | None:
    for pl in lines:
        if is_furniture(pl.line, size):
            continue
        found = glyph_of(pl.line.text)
        if found is not None:
            return found[0]
        if is_heading(pl.line, margin) and _heading_after_text(lines, pl):
            return None
    return None


def recommendations_of(
    sections: Sequence[Section], body: Body
) -> tuple[list[Recommendation], list[ReportWarning]]:
    """The sections' items as recommendations for ``body``, and the self-check warnings:
    each section's glyph count must equal its items, and its reader must have had no doubt."""
    recs: list[Recommendation] = []
    warnings: list[ReportWarning] = []
    for section in sections:
        for page, text in section.read.items:
            recs.append(Recommendation(text=text, body=body, priority=section.priority, page=page))
        where = f'"{section.heading}" (p. {section.page})'
        if section.glyphs != len(section.read.items):
            warnings.append(
                _warn(
                    f"{where}: {len(section.read.items)} items read but "
                    f"{section.glyphs} bullet glyphs printed"
                )
            )
        for doubt in section.read.doubts:
            warnings.append(_warn(f"{where}: {doubt}"))
    return recs, warnings


def _warn(message: str, part: Part = Part.RECOMMENDATIONS) -> ReportWarning:
    return ReportWarning(part=part, message=message)


# --- facts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Opening:
    """Page 1 of a letter, cut into the lines above the title, the title, and the opening
    text up to the first heading."""

    before_title: list[str]
    title: str
    paragraph: str


def opening_lines(
    doc: Document, title_re: re.Pattern[str], title_ends: Callable[[str], bool]
) -> Opening:
    """The letter's head: the lines above its title (date, addressee), the title (from where
    ``title_re`` is found in a line, so that address text printed over the title's line is
    left out; with the bold lines that wrap it: those opening in lower case, and any while
    ``title_ends`` does not hold), and the text that follows, up to the first bold heading
    (on page 1 or 2)."""
    pages = range(1, min(doc.page_count, 2) + 1)
    lines = without_running_lines(document_lines(doc, pages))
    size = body_size(lines)
    body = [pl.line for pl in lines if not is_furniture(pl.line, size)]
    found = next(
        ((i, m.start()) for i, line in enumerate(body) if (m := title_re.search(line.text))),
        None,
    )
    if found is None:
        text = join_wrapped([line.text for line in body])
        return Opening([line.text for line in body], "", text)
    at, start = found
    title = [body[at].text[start:]]
    i = at + 1
    while (
        i < len(body)
        and body[i].bold
        and body[at].bold
        and (not title_ends(title[-1]) or body[i].text[:1].islower())
    ):
        title.append(body[i].text)
        i += 1
    paragraph: list[str] = []
    for line in body[i:]:
        if line.bold and _is_heading_start(line):
            break
        paragraph.append(line.text)
    # Above the title, small print counts too: a letter may print its date in it.
    above = [
        pl.line.text for pl in lines[: next(k for k, pl in enumerate(lines) if pl.line is body[at])]
    ]
    return Opening(above, join_wrapped(title), join_wrapped(paragraph))


def _is_heading_start(line: StyledLine) -> bool:
    """A bold line that opens a section (not a bold word inside the paragraph)."""
    return line.text[:1].isupper()


_DATE_LINE_RE = re.compile(
    r"^\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\.?\s+(?:19|20)\d\d$",
)
_DEAR_RE = re.compile(r"^\s*dear\b", re.I)


def letter_date(lines: Sequence[str]) -> date | None:
    """The date printed on its own line above the addressee ("Dear ..."), or None."""
    for line in lines:
        if _DEAR_RE.match(line):
            break
        text = collapse(line)
        if _DATE_LINE_RE.match(text):
            found = parse_dates(text)
            if found:
                return found[0]
    return None


#: A full stop (with a footnote digit) and a capital after it; not after a lone initial ("A.").
_SENTENCE_END_RE = re.compile(r"(?<=[A-Za-z0-9)’'”\]])(?<!\b[A-Z])\.(?:\d{1,2})?\s+(?=[A-Z‘'“(])")


def sentences(text: str) -> list[str]:
    """Text split into sentences at a full stop followed by a capital."""
    return [s.strip() for s in _SENTENCE_END_RE.split(collapse(text)) if s.strip()]


_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")


def date_range(phrase: str, letter: date | None) -> tuple[date | None, date | None]:
    """First and last day named in ``phrase`` ("on the 15 and 16 of May 2018", "between 6
    and 8 October 2020", "29 and 30 September, and 1 October 2020"). A phrase with no year
    is in the year of the ``letter`` about it, or the year before where that would put the
    visit after its letter (December's visit, January's letter)."""
    phrase = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+of\s+", r"\1 ", phrase)
    if _YEAR_RE.search(phrase) or letter is None:
        found = parse_dates(phrase)
    else:
        found = parse_dates(f"{phrase} {letter.year}")
        if found and found[-1] > letter:
            found = parse_dates(f"{phrase} {letter.year - 1}")
    if not found:
        return None, None
    return found[0], found[-1]


#: Words that are part of an inspector's title, never of a name.
_TITLE_PHRASE_RE = re.compile(
    rf"\b(?:Senior\s+)?(?:His|Her)\s+Majesty{APOSTROPHE}?s\s+(?:Senior\s+)?Inspectors?\b"
    r"|\(?\bHMIs?\b\)?(?:\s+designate\b)?|\(designate\)|\bOfsted\s+Inspectors?\b",
    re.I,
)
#: Lower-case words a surname may hold ("Anna de Souza").
_PARTICLES = frozenset({"de", "da", "van", "von", "der", "le", "la", "du"})
#: A name has two to four words.
_NAME_WORDS = (2, 4)
_NAME_SPLIT_RE = re.compile(r"\s*,\s*|\s+and\s+|\s*&\s*|\s+with\s+|\s*\(\s*|\s*\)\s*")
_LEAD_BEFORE_RE = re.compile(
    r"\blead\s+inspector\s+(?:was\s+|is\s+)?(?P<name>[^\W\d_][^,;()]*?)(?=\s+and\b|[,;()]|$)"
)
_LEAD_AFTER_RE = re.compile(r"(?P<name>[A-Z][\w’'\-. ]+?),?\s+(?:the\s+)?lead\s+inspector\b")


@dataclass(frozen=True)
class Inspectors:
    """The inspectors a sentence names, as "A, B and C", and text that looked like a name
    but was not taken (for the self-check)."""

    names: str | None
    rejected: tuple[str, ...] = ()


def inspectors(sentence: str) -> Inspectors:
    """The inspectors named in the sentence that introduces them ("The inspectors were A,
    HMI, and B, HMI."; "His Majesty's Inspectors for this visit were A and B"; "...carried
    out by A and B, Her Majesty's Inspectors"). A named lead inspector is taken alone ("lead
    inspector A and team inspector B" gives A)."""
    sentence = collapse(sentence)
    lead = _LEAD_BEFORE_RE.search(sentence) or _LEAD_AFTER_RE.search(sentence)
    if lead:
        name = _clean_name(lead.group("name"))
        if is_name(name):
            return Inspectors(name)
    m = re.search(r"\b(?:were|by)\b", sentence) or re.search(r"\bwas\b", sentence)
    tail = sentence[m.end() :] if m else sentence
    tail = _TITLE_PHRASE_RE.sub(",", tail)
    names: list[str] = []
    rejected: list[str] = []
    for part in _NAME_SPLIT_RE.split(tail):
        part = _clean_name(part)
        if not part:
            continue
        if is_name(part):
            names.append(part)
        elif re.search(r"\b[A-Z][a-z]", part):
            rejected.append(part)
    if not names:
        return Inspectors(None, tuple(rejected))
    joined = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return Inspectors(joined, tuple(rejected))


def _clean_name(text: str) -> str:
    text = re.sub(r"^(?:and|both|the|lead|team|with)\s+", "", text.strip(" ,;:."))
    text = re.sub(r"^(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+", "", text)  # a title, not the name
    return re.sub(r"\s+and$", "", text.strip(" ,;:."))


def is_name(text: str) -> bool:
    """Whether ``text`` reads as a person's name: two to four words, each capitalised (any
    alphabet: "Máire Ó Baker") or a surname particle, of letters, hyphens and apostrophes."""
    words = text.split()
    low, high = _NAME_WORDS
    if not low <= len(words) <= high:
        return False
    return all(
        (w[0].isupper() or w in _PARTICLES) and re.fullmatch(r"[^\W\d_][\w’'\-.]*", w)
        for w in words
    )


#: Words of an authority's name that the opening sentence may leave out ("Dudley
#: Metropolitan Borough Council" in the title, "Dudley" in the opening).
_GENERIC_WORDS = frozenset(
    {"the", "of", "and", "london", "royal", "borough", "council", "county", "city"}
    | {"metropolitan", "district", "local", "authority", "mbc"}
)


def unsaid_words(authority: str, paragraph: str) -> list[str]:
    """The distinctive words of the authority (as the title names it) that the opening
    paragraph does not say: a title overprinted by the address block reads as a name with
    extra words."""
    said = set(re.findall(r"[\w’'&-]+", paragraph.lower().replace("’s", "").replace("'s", "")))
    return [
        word
        for word in re.findall(r"[\w’'&-]+", authority.replace("’s", "").replace("'s", ""))
        if word.lower() not in _GENERIC_WORDS and word.lower() not in said
    ]


def looks_like_names(value: str) -> bool:
    """Whether a lead-inspector value is names only ("A", "A and B", "A, B and C")."""
    return all(is_name(p) for p in re.split(r",\s*|\s+and\s+", value))


def date_doubts(
    start: date | None, end: date | None, letter: date | None, max_days: int
) -> list[str]:
    """Doubts about the dates read: a missing date, an end before the start, a visit after its
    letter, or a letter more than ``max_days`` after the visit."""
    if start is None or end is None:
        return ["no inspection dates found"]
    doubts: list[str] = []
    if end < start:
        doubts.append(f"inspection ends ({end}) before it starts ({start})")
    if letter is not None:
        if letter < end:
            doubts.append(f"letter dated {letter}, before the inspection ended ({end})")
        elif (letter - end).days > max_days:
            doubts.append(f"letter dated {letter}, {(letter - end).days} days after the visit")
    return doubts
