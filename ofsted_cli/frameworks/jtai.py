"""Joint targeted area inspections (JTAI): letters to a local safeguarding partnership.

Ofsted, the CQC and the police and probation inspectorates inspect how an area's agencies
work together on a theme. The letter is dated above its addressees and titled "Joint targeted
area inspection of X" in bold. Since 2022 the opening sentence names the theme ("...the
findings of the joint targeted area inspection (JTAI) of <theme>.") and a second one the dates
("This inspection took place from ..."); the themed letters of 2016-20 put the theme in the
title ("... of the multi-agency response to <theme> in X") and the dates in a "Between ..."
sentence. A JTAI is not graded and names no lead inspector (its letters are signed by the
inspectorates' directors). Its recommendations are the bullets under "What needs to improve?",
"Areas for improvement" and "Area(s) for priority action" (see :mod:`.letters`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from ..models import Body, Framework, Report
from ..pdf import Document
from .common import Facts, collapse
from .letters import (
    announces,
    date_doubts,
    date_range,
    letter_date,
    read_letter,
    sentences,
    unsaid_words,
)

FRAMEWORK = Framework.JTAI
NAME = "Joint targeted area inspection"
SHORT = "JTAI"

#: The title opening a line of page 1 (capital J: prose says "the joint targeted ...").
_TITLE_LINE_RE = re.compile(r"^\s*J(?i:oint\s+targeted\s+area\s+inspection\s+of)\b", re.M)
#: The title anywhere in a line: the address block may be printed over the title's line.
_TITLE_WORDS_RE = re.compile(r"\bJ(?i:oint\s+targeted\s+area\s+inspection\s+of)\b")
#: The opening sentence; a full inspection report may mention an earlier JTAI on page 1
#: ("Following the joint targeted area inspection (JTAI) in July 2022, ..."), so the
#: mention alone is not enough.
_SUMMARY_RE = re.compile(
    r"\bletter\s+summarises\s+the\s+findings\s+of\s+(?:a|the)\s+joint\s+targeted\s+area\s+inspection\b",
    re.I,
)


def matches(doc: Document) -> bool:
    """A JTAI letter says so on page 1: a "Joint targeted area inspection of ..." title line,
    or the opening sentence "This letter summarises the findings of the joint targeted area
    inspection ..."."""
    return announces(doc, _TITLE_LINE_RE, _SUMMARY_RE)


#: How many days after the inspection its letter may be dated (corpus: 48-97 days, 2022 on).
MAX_LETTER_DAYS = 180


def read(doc: Document) -> Report:
    """The whole record of one JTAI letter."""
    return read_letter(doc, FRAMEWORK, Body.PARTNERSHIP, (_TITLE_WORDS_RE, _ends_title), read_facts)


#: Words a title line cannot end on when the title goes on ("... response to abuse in" /
#: "Durham").
_CONNECTOR_END_RE = re.compile(r"\b(?:of|to|in|and|the|for|on|from|with)\s*,?\s*$|,\s*$", re.I)


def _ends_title(text: str) -> bool:
    """Whether a title line ends the title: the themed titles wrap over two or three bold
    lines, each cut mid-phrase; a bold heading right after the title would open with a
    capital after a line that ended a phrase."""
    return not _CONNECTOR_END_RE.search(text)


_TITLE_RE = re.compile(
    r"^joint\s+targeted\s+area\s+inspection\s+of\s+(?P<rest>.+?)\s*\.?\s*$", re.I
)
#: The themed title of 2016-20: "... of the multi-agency response to <theme> in <area>".
_THEMED_RE = re.compile(
    r"^(?P<theme>the\s+multi-agency\s+responses?\s+to\s+.+)\s+in\s+(?P<la>.+)$", re.I
)
_RESPONSE_RE = re.compile(r"^the\s+multi-agency\s+responses?\s+to\b", re.I)
_AGENCIES_IN_RE = re.compile(
    r"\bindividual\s+agencies\s+in\s+(?P<la>.+?)(?:\s+local\s+authority)?\s*\.?$", re.I
)
_THEME_SENTENCE_RE = re.compile(
    r"\bjoint\s+targeted\s+area\s+inspection\s*(?:\(JTAI\))?\s+of\s+(?P<theme>.+)$", re.I
)
_DATES_SENTENCE_RE = re.compile(
    r"\b(?:took\s+place|between|from)\b\s*(?:from|between|on)?\s*(?P<dates>.*)$", re.I
)
#: Where the dates phrase ends: at a comma that no further date follows ("Between 9 and 13
#: July 2018, Ofsted, ..."), or at the sentence's end.
_PHRASE_END_RE = re.compile(r",(?!\s*(?:and\s+)?\d)")


def title_parts(title: str) -> tuple[str | None, str | None]:
    """(authority, theme) from the title: "Joint targeted area inspection of X" names the
    area; the themed form "... of the multi-agency response to T in X" names both."""
    m = _TITLE_RE.match(collapse(title))
    if not m:
        return None, None
    rest = m.group("rest")
    themed = _THEMED_RE.match(rest)
    if themed:
        return themed.group("la").strip(" ,"), themed.group("theme")
    if _RESPONSE_RE.match(rest):
        return None, rest  # a theme with no area: the area is named in the opening
    return rest.strip(" ,"), None


def area_of(said: Sequence[str]) -> str | None:
    """The area the themed letters' second paragraph names: "...the work of individual
    agencies in X [local authority]."."""
    for sentence in said:
        m = _AGENCIES_IN_RE.search(sentence)
        if m:
            return m.group("la").strip(" ,")
    return None


def theme_of(said: Sequence[str]) -> str | None:
    """The theme the opening sentence names: "...the findings of the joint targeted area
    inspection (JTAI) of <theme>."."""
    for sentence in said:
        m = _THEME_SENTENCE_RE.search(sentence)
        if m:
            return m.group("theme").strip().rstrip(".").strip() or None
    return None


def dates_of(said: Sequence[str], letter: date | None) -> tuple[date | None, date | None]:
    """The inspection's first and last day, from "This inspection took place from 22 to 26
    May 2023" or "Between 9 and 13 July 2018, Ofsted, ..." (no year: see :func:`date_range`)."""
    for sentence in said:
        m = _DATES_SENTENCE_RE.search(sentence)
        if not m or not re.match(r"(?:the\s+)?\d", m.group("dates")):
            continue
        phrase = _PHRASE_END_RE.split(m.group("dates"), maxsplit=1)[0]
        start, end = date_range(phrase, letter)
        if start is not None:
            return start, end
    return None, None


def read_facts(title: str, before_title: Sequence[str], paragraph: str) -> tuple[Facts, list[str]]:
    """The letter's facts and the doubts about them."""
    doubts: list[str] = []
    written = letter_date(before_title)
    said = sentences(paragraph)
    authority, titled_theme = title_parts(title)
    authority = authority or area_of(said)
    if authority is None:
        doubts.append("no area named in the title")
    elif unsaid := unsaid_words(authority, paragraph):
        doubts.append(f"area {authority!r}: {', '.join(unsaid)} not in the opening paragraph")
    theme = theme_of(said) or titled_theme
    if theme is None:
        doubts.append("no theme found")
    start, end = dates_of(said, written)
    doubts.extend(date_doubts(start, end, written, MAX_LETTER_DAYS))
    facts = Facts(
        local_authority=authority,
        inspection_start=start,
        inspection_end=end,
        letter_date=written,
        theme=theme,
    )
    return facts, doubts
