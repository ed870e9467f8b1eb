"""Who an authority is: the reference table of English children's services authorities (GSS
code, short name, ONS region, the dates each code was in force) and the one set of rules that
turns a printed name ("London Borough of Merton Council", "Sandwell Children's Trust") or a
user's query ("hull", "rbkc", "st helens") into an entry of that table.

A printed name resolves only by exact rules (the same for every report): a name that matches
nothing, or several authorities, resolves to None, never to a guess. A user's query may also
match by part of a name ("kensington"), since the user sees and can correct the answer.
"""

from __future__ import annotations

import csv
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from .errors import AmbiguousAuthorityError, UnknownAuthorityError
from .models import Authority, Part, Report, ReportWarning

#: The nine English regions of the ONS, in the ONS's order.
REGIONS: tuple[str, ...] = (
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)

#: Phrases that say what kind of body is named, not which one, removed longest first after
#: lower-casing, dropping possessive 's, "&" -> "and" and punctuation -> spaces.
_GENERIC_PHRASES = (
    "local safeguarding children board",
    "safeguarding children partnership",
    "safeguarding children board",
    "children and families trust",
    "children services trust",
    "together for children",
    "local area partnership",
    "london borough of",
    "unitary authority",
    "children services",
    "local authority",
    "children first",
    "children trust",
)

#: Single words that say what kind of council it is, dropped after the phrases.
_GENERIC_WORDS = frozenset(
    {"the", "of", "and", "council", "borough", "city", "county", "metropolitan", "royal"}
    | {"district", "corporation", "mbc", "lscb"}
)

#: Spellings that mean the same word.
_SYNONYMS = {"saint": "st"}

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})


def _plain_words(name: str) -> str:
    """Lower case, possessive 's dropped, '&' as 'and', anything but letters and digits a
    space: ``"Sandwell Children’s Trust"`` -> ``"sandwell children trust"``."""
    text = name.translate(_APOSTROPHES).lower()
    text = re.sub(r"'s\b", "", text).replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def name_tokens(name: str) -> tuple[str, ...]:
    """The distinguishing words of an authority's name: generic phrases and words dropped."""
    text = f" {_plain_words(name)} "
    for phrase in _GENERIC_PHRASES:
        text = text.replace(f" {phrase} ", " ")
    words = (_SYNONYMS.get(w, w) for w in text.split())
    return tuple(w for w in words if w not in _GENERIC_WORDS)


def name_key(name: str) -> str:
    """The name key: the distinguishing words, space-separated ("merton", "st helens")."""
    return " ".join(name_tokens(name))


@dataclass(frozen=True)
class Entry:
    """One row of the reference table: a GSS code and the dates it was in force."""

    code: str
    name: str
    ons_name: str
    region: str
    start: date | None
    end: date | None
    continues: str | None
    aliases: tuple[str, ...]

    @property
    def authority(self) -> Authority:
        return Authority(name=self.name, code=self.code, region=self.region)

    def in_force(self, on: date) -> bool:
        """Whether the code was in force on that day."""
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class _Table:
    entries: tuple[Entry, ...]
    by_code: dict[str, Entry]
    by_key: dict[str, tuple[Entry, ...]]  # name key -> entries with that name or alias
    by_plain: dict[str, tuple[Entry, ...]]  # an alias's plain words (keyless aliases)
    lineage: dict[str, str]  # code -> the latest code of the same council


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text.strip() else None


@cache
def _table() -> _Table:
    """The table, read once from the package data (loaded on first use only)."""
    text = resources.files("ofsted_cli").joinpath("data/authorities.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    entries = tuple(
        Entry(
            code=row["code"],
            name=row["name"],
            ons_name=row["ons_name"],
            region=row["region"],
            start=_date(row["start"]),
            end=_date(row["end"]),
            continues=row["continues"] or None,
            aliases=tuple(a for a in row["aliases"].split("|") if a),
        )
        for row in rows
    )
    by_key: dict[str, list[Entry]] = {}
    by_plain: dict[str, list[Entry]] = {}
    for entry in entries:
        for spelling in (entry.name, entry.ons_name, *entry.aliases):
            key = name_key(spelling)
            index, value = (by_key, key) if key else (by_plain, _plain_words(spelling))
            if entry not in index.setdefault(value, []):
                index[value].append(entry)
    successor = {e.continues: e.code for e in entries if e.continues}
    lineage = {}
    for entry in entries:
        code = entry.code
        while code in successor:
            code = successor[code]
        lineage[entry.code] = code
    return _Table(
        entries,
        {e.code: e for e in entries},
        {k: tuple(v) for k, v in by_key.items()},
        {k: tuple(v) for k, v in by_plain.items()},
        lineage,
    )


def entries() -> tuple[Entry, ...]:
    """Every row of the reference table, abolished codes included."""
    return _table().entries


def entry(code: str) -> Entry:
    """The table's row for a GSS code (KeyError when it has none)."""
    return _table().by_code[code]


def lineage(code: str) -> str:
    """The code a council carries now (or last carried): one identity across a change of code
    (Somerset E10000027 -> E06000066), so its reports form one history."""
    return _table().lineage.get(code, code)


def all_authorities(on: date | None = None) -> list[Authority]:
    """The authorities in force on a date (default today), by region in ONS order, then name."""
    day = on or date.today()
    found = [e for e in _table().entries if e.in_force(day)]
    found.sort(key=lambda e: (REGIONS.index(e.region), e.name))
    return [e.authority for e in found]


def _exact(name: str) -> tuple[Entry, ...]:
    """Entries a name stands for by its name key or, for a name of generic words only
    ("Together for Children"), by its plain words."""
    table = _table()
    key = name_key(name)
    if key:
        return table.by_key.get(key, ())
    return table.by_plain.get(_plain_words(name), ())


def _lineages(found: Iterable[Entry]) -> dict[str, list[Entry]]:
    groups: dict[str, list[Entry]] = {}
    for e in found:
        groups.setdefault(lineage(e.code), []).append(e)
    return groups


def _member(members: list[Entry], on: date | None) -> Entry | None:
    """The code of one council in force on the date; with no date, the one in force today,
    else the last it carried."""
    if on is not None:
        return next((e for e in members if e.in_force(on)), None)
    today = date.today()
    current = next((e for e in members if e.in_force(today)), None)
    return current or max(members, key=lambda e: e.end or date.max)


def resolve(printed: str | None, on: date | None = None) -> Authority | None:
    """The authority a printed report name stands for, with the code in force on ``on``
    (default: today's, else the last). None when the name matches no authority, several
    authorities ("Achieving for Children"), or none in force on that date."""
    if not printed or not printed.strip():
        return None
    groups = _lineages(_exact(printed))
    if on is not None:
        groups = {k: v for k, v in groups.items() if any(e.in_force(on) for e in v)}
    if len(groups) != 1:
        return None
    found = _member(next(iter(groups.values())), on)
    return found.authority if found else None


def _partial(query: str) -> tuple[Entry, ...]:
    """Entries a user's query matches by the most exact rule that finds any: the name key,
    the letters without spaces ("sthelens"), the query's words together in a key ("hull" in
    "kingston upon hull"), the query's letters inside a key's."""
    found = _exact(query)
    if found:
        return found
    tokens = name_tokens(query)
    if not tokens:
        return ()
    table = _table()
    compact = "".join(tokens)
    n = len(tokens)
    rules = (
        lambda key: key.replace(" ", "") == compact,
        lambda key: any(
            tuple(key.split()[i : i + n]) == tokens for i in range(len(key.split()) - n + 1)
        ),
        lambda key: compact in key.replace(" ", ""),
    )
    for rule in rules:
        hits = [e for key, group in table.by_key.items() if rule(key) for e in group]
        if hits:
            return tuple(dict.fromkeys(hits))
    return ()


def candidates(query: str) -> list[list[Entry]]:
    """The councils a user's query could mean, each as its codes (oldest first)."""
    groups = _lineages(_partial(query))
    return [sorted(g, key=lambda e: e.start or date.min) for g in groups.values()]


def lookup(query: str, on: date | None = None) -> Authority:
    """The authority a user's query names (aliases and parts of names allowed: "hull",
    "rbkc", "bcp", "st helens"), with the code in force on ``on`` (default: today's, else
    the last). Raises UnknownAuthorityError or AmbiguousAuthorityError."""
    councils = candidates(query)
    if on is not None and len(councils) > 1:
        councils = [c for c in councils if any(e.in_force(on) for e in c)] or councils
    if len(councils) > 1:
        names = "; ".join(sorted({c[-1].name for c in councils}))
        raise AmbiguousAuthorityError(query, f"matches several authorities: {names}")
    if not councils:
        close = closest_names(query)
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise UnknownAuthorityError(query, f"names no English children's services authority{hint}")
    found = _member(councils[0], on)
    if found is None:
        last = councils[0][-1]
        raise UnknownAuthorityError(query, f"{last.name} ({last.code}) was not in force on {on}")
    return found.authority


def closest_names(query: str, n: int = 3) -> list[str]:
    """The authorities whose names look most like ``query``, for the 'no match' message."""
    table = _table()
    key = name_key(query) or query.lower()
    found = difflib.get_close_matches(key, list(table.by_key), n=n, cutoff=0.6)
    return list(dict.fromkeys(table.by_key[k][-1].name for k in found))


def region(query: str) -> str:
    """The ONS region a user means ("london", "yorkshire and the humber", "south west",
    "east of england"); ValueError naming the regions when it is none or several."""
    wanted = name_key(query)
    keys = {name_key(r): r for r in REGIONS}
    if wanted in keys:
        return keys[wanted]
    starts = [r for k, r in keys.items() if wanted and k.startswith(wanted)]
    if len(starts) == 1:
        return starts[0]
    raise ValueError(f"{query!r} is not one region of: {', '.join(REGIONS)}")


def attach_authority(report: Report) -> None:
    """Set ``report.authority`` from its printed name and inspection date (else its
    publication date); a name that resolves to nothing leaves it null with a ``facts``
    warning, so the gap is seen rather than filled by a guess."""
    on = report.inspection_end or report.inspection_start or report.published
    report.authority = resolve(report.local_authority, on)
    if report.authority is None:
        printed = report.local_authority
        shown = f"'{printed}'" if printed else "no name printed"
        message = f"authority not resolved: {shown}"
        report.warnings.append(ReportWarning(part=Part.FACTS, message=message))
