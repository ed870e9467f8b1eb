"""Focused visits to local authority children's services (ILACS, 2018 on): letters.

A focused visit letter is dated above its addressee, titled "Focused visit to X children's
services" in bold, and opens with a paragraph giving the visit's dates, its inspectors and
what it looked at ("Inspectors looked at ..."). It is not graded. Its recommendations are the
bullets under "What needs to improve in this area of social work practice?" and, when things
are bad, "Areas for priority action" (see :mod:`.letters` for the list rules).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Body, Framework, Report
from ..pdf import Document
from .common import Facts, collapse
from .letters import (
    announces,
    date_doubts,
    date_range,
    inspectors,
    letter_date,
    looks_like_names,
    read_letter,
    sentences,
    unsaid_words,
)
from .vocabulary import APOSTROPHE

FRAMEWORK = Framework.FOCUSED_VISIT
NAME = "Focused visit to local authority children's services"
SHORT = "Focused visit"

#: The title opening a line of page 1 (capital F: prose says "the focused visit to ...").
_TITLE_LINE_RE = re.compile(r"^\s*F(?i:ocused\s+visit\s+to)\b", re.M)
#: The title anywhere in a line: the address block may be printed over the title's line.
_TITLE_WORDS_RE = re.compile(r"\bF(?i:ocused\s+visit\s+to)\b")
_SUMMARY_RE = re.compile(
    r"\bletter\s+summarises\s+the\s+findings\s+of\s+(?:a|the|this)\s+focused\s+visit\b", re.I
)


def matches(doc: Document) -> bool:
    """A focused visit letter says so on page 1: a "Focused visit to ..." title line, or the
    opening sentence "This letter summarises the findings of a focused visit ..." (a full
    inspection report may mention an earlier focused visit, never so)."""
    return announces(doc, _TITLE_LINE_RE, _SUMMARY_RE)


#: How many days after the visit its letter may be dated (corpus: 22-104 days).
MAX_LETTER_DAYS = 180


def read(doc: Document) -> Report:
    """The whole record of one focused visit letter."""
    return read_letter(
        doc, FRAMEWORK, Body.LOCAL_AUTHORITY, (_TITLE_WORDS_RE, _ends_title), read_facts
    )


_TITLE_RE = re.compile(
    rf"^focused\s+visit\s+to\s+(?P<la>.+?)(?:{APOSTROPHE}s)?(?:\s+local\s+authority)?"
    rf"(?:\s+(?:children{APOSTROPHE}s|young\s+people{APOSTROPHE}s)\s+(?:social\s+care\s+)?services)?"
    r"\s*[.:]?\s*$",
    re.I,
)
_OPENING_LA_RE = re.compile(
    rf"\bfocused\s+visit\s+(?:on\s+[^.]*?\s+)?to\s+(?P<la>.+?)(?:{APOSTROPHE}s)?"
    r"(?:\s+local\s+authority)?"
    rf"(?:\s+(?:children{APOSTROPHE}s|young\s+people{APOSTROPHE}s)\s+(?:social\s+care\s+)?services\b"
    r"|\s+(?:on|between|from)\s+(?:the\s+)?\d)",
    re.I,
)
#: A name that is no authority: the title "Focused visit to children's services".
_NOT_AN_AUTHORITY_RE = re.compile(
    rf"^(?:the\s+)?(?:local\s+authority|children{APOSTROPHE}s|young\s+people)\b", re.I
)


def authority_of(title: str, opening: str) -> str | None:
    """The authority: from the title ("Focused visit to X [local authority] children's
    services"), unless the title names none, or names one with words the opening paragraph
    does not say (a title overprinted by the address block): then from the opening sentence."""
    from_title, from_opening = (
        m.group("la").strip(" ,")
        if (m := pattern.search(collapse(text))) and not _NOT_AN_AUTHORITY_RE.match(m.group("la"))
        else None
        for pattern, text in ((_TITLE_RE, title), (_OPENING_LA_RE, opening))
    )
    if from_title and (from_opening is None or not unsaid_words(from_title, opening)):
        return from_title
    return from_opening


def _ends_title(text: str) -> bool:
    return bool(re.search(rf"services\s*\.?\s*$|children{APOSTROPHE}s\s+trust\s*$", text, re.I))


_VISIT_RE = re.compile(r"\bfocused\s+visit\b", re.I)
_INSPECTORS_RE = re.compile(r"\b(?:inspectors?|HMIs?)\b", re.I)
_NAMING_RE = re.compile(r"\b(?:were|was|by)\b")
_THEME_RE = re.compile(
    r"(?:^|,\s+|^During\s+this\s+visit,\s+)(?:the\s+)?(?:inspectors|this\s+visit|the\s+visit)"
    r"\s+(?:also\s+)?(?:looked\s+at|evaluated|considered|reviewed|focused\s+on)\s+(?P<theme>.+)$",
    re.I,
)
#: A clause that only announces the list after ":" ("..., with a particular focus on:").
_ANNOUNCING_RE = re.compile(
    r",?\s+(?:with\s+a\s+(?:particular\s+)?focus\s+on|specifically|in\s+particular|namely"
    r"|including)(?:\s+the)?\s*$",
    re.I,
)


def theme_of(sentences_: Sequence[str]) -> str | None:
    """What the visit looked at: the object of the first "Inspectors looked at/evaluated/
    considered/reviewed/focused on ..." or "This visit looked at ..." sentence, up to its end or
    ":" (where a clause announcing the list before ":" is left out)."""
    for sentence in sentences_:
        m = _THEME_RE.search(sentence)
        if m:
            theme = m.group("theme")
            if ":" in theme:
                theme = _ANNOUNCING_RE.sub("", theme.split(":")[0])
            return theme.strip().rstrip(".").strip() or None
    return None


def read_facts(title: str, before_title: Sequence[str], paragraph: str) -> tuple[Facts, list[str]]:
    """The letter's facts and the doubts about them, from its title, the lines above the
    title (the letter's date) and its opening paragraph."""
    doubts: list[str] = []
    written = letter_date(before_title)
    said = sentences(paragraph)
    dated_at = next(
        (i for i, s in enumerate(said) if _VISIT_RE.search(s) and re.search(r"\d", s)), None
    )
    start = end = None
    if dated_at is not None:
        sentence = said[dated_at]
        phrase = sentence[_VISIT_RE.search(sentence).end() :]  # type: ignore[union-attr]
        start, end = date_range(phrase, written)
    doubts.extend(date_doubts(start, end, written, MAX_LETTER_DAYS))
    lead = None
    candidates = [
        s for s in said[dated_at or 0 :] if _INSPECTORS_RE.search(s) and _NAMING_RE.search(s)
    ]
    named = [(s, found) for s in candidates if (found := inspectors(s)).names]
    if not candidates:
        doubts.append("no sentence naming the inspectors")
    elif not named:
        doubts.append(f"no inspector's name read from {candidates[0][:80]!r}")
    else:
        naming, found = named[0]
        lead = found.names
        if found.rejected:
            doubts.append(f"inspectors: {', '.join(found.rejected)!r} not read as names")
        elif lead is not None and not looks_like_names(lead):
            doubts.append(f"lead inspector {lead!r} does not look like names")
    authority = authority_of(title, paragraph)
    if authority is None:
        doubts.append("no authority named in the title or opening sentence")
    elif unsaid := unsaid_words(authority, paragraph):
        doubts.append(f"authority {authority!r}: {', '.join(unsaid)} not in the opening paragraph")
    facts = Facts(
        local_authority=authority,
        inspection_start=start,
        inspection_end=end,
        letter_date=written,
        lead_inspector=lead,
        theme=theme_of(said),
    )
    return facts, doubts
