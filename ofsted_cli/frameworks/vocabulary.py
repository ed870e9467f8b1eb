"""Ofsted's printed vocabulary, defined once for every reader: grade phrases, bullet glyphs,
inspector titles and month names. Re-exported from :mod:`ofsted_cli.frameworks.common`.

Each entry accepts Ofsted's natural variants (singular/plural, "to be good" or not, any case),
so a reader never spells a grade or a glyph itself.
"""

from __future__ import annotations

import re

from ..models import Grade

#: How each grade is printed (regex, no anchors). Order matters where phrases overlap:
#: "inadequate" is tried before "adequate", "not judged" before anything else.
GRADE_PATTERNS: tuple[tuple[Grade, str], ...] = (
    (Grade.NOT_JUDGED, r"not\s+judged"),
    (Grade.REQUIRES_IMPROVEMENT, r"requires?\s+improvement(?:,?\s+to\s+be\s+good)?"),
    (Grade.OUTSTANDING, r"outstanding"),
    (Grade.INADEQUATE, r"inadequate"),
    (Grade.ADEQUATE, r"adequate"),
    (Grade.GOOD, r"good"),
)


def grade_phrase(*, judged_only: bool = False) -> str:
    """One regex alternative of every printed grade (``judged_only``: without "not judged",
    for sentences that state a judgement). Anchor it with ``\\b`` where it may sit in a word."""
    skip = Grade.NOT_JUDGED if judged_only else None
    return "(?:" + "|".join(p for g, p in GRADE_PATTERNS if g is not skip) + ")"


#: Any grade as printed, "not judged" included.
GRADE_PHRASE = grade_phrase()
#: A grade a judgement sentence states ("... is good", "... require improvement to be good").
JUDGED_PHRASE = grade_phrase(judged_only=True)
#: The first word of a grade phrase, which opens a grade cell; "to be good" (the wrapped tail
#: of "requires improvement") does not, nor does "not" unless "judged" follows or it ends.
GRADE_OPENING = r"(?:requires?|outstanding|good|inadequate|adequate|not(?=\s+judged\b|\s*$))"

_GRADE_RULES: tuple[tuple[re.Pattern[str], Grade], ...] = tuple(
    (re.compile(rf"\b{pattern}\b", re.I), grade) for grade, pattern in GRADE_PATTERNS
)


def grade_in(text: str) -> Grade | None:
    """The first grade (in :data:`GRADE_PATTERNS` order) a phrase states, or None."""
    return next((grade for pattern, grade in _GRADE_RULES if pattern.search(text)), None)


#: Bullet glyphs Ofsted's templates print, which may touch their item's first word ("◼The"):
#: squares, dots, triangles, and the private-use glyphs that Word's Wingdings/Symbol bullets
#: read as (U+F06E square, U+F0A7/U+F0B7 dots, U+F0D8 arrow, U+F076 diamond, U+F0FC tick).
BULLET_GLYPHS = "◼■▪●•◦▫□‣⁃\uf06e\uf0a7\uf0b7\uf0d8\uf076\uf0fc"

#: Dashes that open a nested line are printed text ("including: ⎯ the child's plan ⎯ ..."),
#: kept as they are, like a typed hyphen; other glyphs are bullets, dropped.
DASHES = "-‐‑‒–—―−⎯"

#: An apostrophe as printed, straight or curly (regex character class).
APOSTROPHE = "['’]"

#: Characters that begin ordinary text (brackets, quotes, punctuation, currency), so never a
#: bullet glyph, even alone before a space.
TEXT_START_PUNCTUATION = "&()[]{}\"'‘’“”,.;:!?/\\%£$€#@"

#: An inspector's title after their name: "HMI", "Her/His Majesty's Inspector(s)" (with any
#: apostrophe or none), with the commas and spaces around it.
INSPECTOR_TITLE = re.compile(
    r"[,\s]*\b(?:His|Her)\s+Majesty[’'`]?s\s+Inspectors?\b[,\s]*|[,\s]*\bHMIs?\b\.?[,\s]*",
    re.IGNORECASE,
)

_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
#: Month number by full name, three-letter abbreviation and "sept".
MONTHS: dict[str, int] = {name: n for n, name in enumerate(_MONTH_NAMES, start=1)}
MONTHS.update({name[:3]: n for name, n in list(MONTHS.items())})
MONTHS["sept"] = 9
#: A month name, full or abbreviated (regex, no anchors).
MONTH_NAME = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
