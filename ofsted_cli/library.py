"""The report library: which PDFs it holds, reading them (through the parse cache), and
resolving a command-line argument to a report or to an authority's reports.

An authority is identified by its *name key*: the printed name lower-cased, punctuation
removed, and generic words ("London Borough of", "Council", "City of", "County", "the",
"and", ...) dropped, so "London Borough of Hammersmith & Fulham" and "Hammersmith and
Fulham" are one authority. These are rules, not a table of authorities, so any folder of
reports works.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import (
    AmbiguousAuthorityError,
    EmptyLibraryError,
    InputNotFoundError,
    NoPDFsFoundError,
    UnknownAuthorityError,
)
from .models import ErrorRecord, Framework, Report

#: Full inspections of an authority's children's services, which ``compare`` prefers; the
#: other kinds (LSCB reviews, focused visits, area SEND, JTAI) appear in ``history``.
FULL_INSPECTIONS = frozenset({Framework.ILACS, Framework.SIF, Framework.LAC_2012})

#: The environment variable naming library folders (an ``os.pathsep``-separated list).
REPORTS_ENV = "OFSTED_REPORTS"

#: Phrases that say what kind of body an authority is, not which one; removed before the
#: single generic words below, longest first.
_GENERIC_PHRASES = (
    "local safeguarding children board",
    "safeguarding children board",
    "safeguarding children partnership",
    "children s services",
    "unitary authority",
    "london borough of",
    "royal borough of",
    "metropolitan borough of",
    "metropolitan borough",
    "borough council",
    "city council",
    "county council",
    "district council",
)

#: Single words dropped from a name before matching.
_GENERIC_WORDS = frozenset(
    {"the", "of", "and", "council", "borough", "city", "county", "metropolitan", "royal"}
    | {"district", "lscb"}
)

#: Spellings that mean the same word.
_SYNONYMS = {"saint": "st"}

Warn = Callable[[str], None]


def name_tokens(name: str) -> tuple[str, ...]:
    """The distinguishing words of an authority's name, for matching."""
    text = name.lower().replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    text = f" {' '.join(text.split())} "
    for phrase in _GENERIC_PHRASES:
        text = text.replace(f" {phrase} ", " ")
    words = (_SYNONYMS.get(w, w) for w in text.split())
    return tuple(w for w in words if w not in _GENERIC_WORDS)


def name_key(name: str) -> str:
    """The name key: the distinguishing words, space-separated."""
    return " ".join(name_tokens(name))


def report_date(report: Report) -> date:
    """When the inspection happened, for ordering (undated reports sort first)."""
    return report.inspection_start or report.inspection_end or report.published or date.min


@dataclass
class Authority:
    """One authority's reports in the library, oldest first."""

    key: str
    reports: list[Report] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The name printed most often across its reports (the most recent on a tie)."""
        printed = [r.local_authority for r in self.reports if r.local_authority]
        if not printed:
            return self.key
        return max(reversed(printed), key=printed.count)

    @property
    def names(self) -> list[str]:
        """Every spelling printed across its reports."""
        return sorted({r.local_authority for r in self.reports if r.local_authority})

    def latest(self, at: date | None = None, framework: Framework | None = None) -> Report | None:
        """The most recent inspection (on or before ``at``; of ``framework`` when given).
        Otherwise a full inspection of children's services (:data:`FULL_INSPECTIONS`) is
        preferred, since that is what an authority is compared on; then any other graded
        report (an area SEND inspection, a standalone LSCB review); then anything (a focused
        visit or JTAI letter, which grade nothing)."""
        dated = [r for r in self.reports if at is None or report_date(r) <= at]
        if at is not None:
            dated = [r for r in dated if report_date(r) != date.min]
        if framework is not None:
            dated = [r for r in dated if r.framework is framework]
        full = [r for r in dated if r.framework in FULL_INSPECTIONS]
        graded = [r for r in dated if r.judgements]
        chosen = full or graded or dated
        return chosen[-1] if chosen else None


@dataclass
class Library:
    """The reports read from the library folders, grouped by authority."""

    folders: list[str]
    bundled: bool
    reports: list[Report]
    authorities: dict[str, Authority]

    def authority_of(self, report: Report) -> Authority | None:
        """The group a report belongs to (None when it prints no authority name)."""
        if not report.local_authority:
            return None
        return self.authorities.get(_merged_key(name_key(report.local_authority), self))

    def resolve(self, name: str) -> Authority:
        """The one authority ``name`` stands for; raises Unknown/AmbiguousAuthorityError."""
        matches = match_authorities(name, self.authorities)
        if len(matches) == 1:
            return self.authorities[matches[0]]
        if matches:
            listed = "; ".join(self.authorities[k].name for k in matches)
            raise AmbiguousAuthorityError(name, f"matches several authorities: {listed}")
        close = closest_names(name, self.authorities)
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise UnknownAuthorityError(name, f"no authority in the library matches{hint}")


def match_authorities(name: str, authorities: dict[str, Authority]) -> list[str]:
    """Keys of the authorities ``name`` could mean, by the most exact rule that finds any:
    the same name key, then the name's words appearing together in the key ("hull" in
    "kingston upon hull"), then the name's letters inside the key's ("sthelens")."""
    tokens = name_tokens(name)
    if not tokens:
        return []
    key = " ".join(tokens)
    if key in authorities:
        return [key]
    compact = "".join(tokens)
    exact = [k for k in authorities if k.replace(" ", "") == compact]
    if exact:
        return exact
    runs = [k for k in authorities if _contains_run(tuple(k.split()), tokens)]
    if runs:
        return sorted(runs)
    return sorted(k for k in authorities if compact in k.replace(" ", ""))


def closest_names(name: str, authorities: dict[str, Authority], n: int = 3) -> list[str]:
    """The authorities whose names look most like ``name``, for the 'no match' message."""
    key = name_key(name) or name.lower()
    found = difflib.get_close_matches(key, list(authorities), n=n, cutoff=0.5)
    return [authorities[k].name for k in found]


def _contains_run(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def _merged_key(key: str, library: Library) -> str:
    return key if key in library.authorities else _prefix_owner(key, library.authorities) or key


def _prefix_owner(key: str, keys: Iterable[str]) -> str | None:
    """The one longer key that starts with ``key``'s words ("east riding" -> "east riding
    yorkshire"; "newcastle" -> "newcastle upon tyne"), or None when none or several do."""
    words = tuple(key.split())
    owners = [k for k in keys if k != key and tuple(k.split())[: len(words)] == words]
    return owners[0] if len(owners) == 1 else None


def group_by_authority(reports: Iterable[Report]) -> dict[str, Authority]:
    """Reports grouped by name key, a short form merged into its unique longer form, each
    group oldest first, the groups in key order. Reports without a name are left out."""
    groups: dict[str, list[Report]] = {}
    for report in reports:
        if report.local_authority and name_key(report.local_authority):
            groups.setdefault(name_key(report.local_authority), []).append(report)
    for key in sorted(groups, key=len):
        owner = _prefix_owner(key, groups)
        if owner is not None:
            groups[owner].extend(groups.pop(key))
    return {key: Authority(key, sorted(groups[key], key=report_date)) for key in sorted(groups)}


def bundled_samples() -> Path | None:
    """The sample reports shipped with the tool: inside the installed package (the wheel
    force-includes them), else ``sample_reports/`` of a source checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "sample_reports", package.parent / "sample_reports"):
        if candidate.is_dir():
            return candidate
    return None


def library_folders(reports: Sequence[str]) -> tuple[list[str], bool]:
    """The folders to read and whether they are the bundled samples: ``--reports`` first,
    then ``$OFSTED_REPORTS``, then the samples."""
    if reports:
        return list(reports), False
    env = os.environ.get(REPORTS_ENV, "")
    from_env = [p for p in env.split(os.pathsep) if p.strip()]
    if from_env:
        return from_env, False
    samples = bundled_samples()
    if samples is None:
        raise EmptyLibraryError(
            "sample_reports",
            f"the bundled samples are missing; give --reports DIR or set {REPORTS_ENV}",
        )
    return [str(samples)], True


def library_files(folders: Sequence[str]) -> list[str]:
    """Every PDF in the folders (a file given directly is taken as is); raises for a folder
    that is missing or holds no PDFs, so a typo is not mistaken for an empty library."""
    from .files import find_pdfs

    files: list[str] = []
    for folder in folders:
        path = Path(folder)
        if path.is_dir():
            found = find_pdfs(path)
            if not found:
                raise NoPDFsFoundError(folder, "folder holds no PDF files")
            files.extend(found)
        elif path.is_file():
            files.append(folder)
        else:
            raise InputNotFoundError(folder, "no such file or folder")
    return files


def read_reports(
    files: Sequence[str],
    *,
    use_cache: bool = True,
    jobs: int | None = None,
    warn: Warn | None = None,
) -> list[Report]:
    """The Reports of ``files`` in order, each from the parse cache when it holds it (looked
    up here first, so a warm run starts no workers); the rest are parsed by ``jobs`` worker
    processes (default: one per CPU). A file that cannot be read is skipped with a warning."""
    from .batch import default_jobs, iter_results
    from .cache import ParseCache

    say = warn or _stderr_warning
    cache = ParseCache.open_default() if use_cache else None
    found: dict[int, Report] = {}
    misses: list[tuple[int, str]] = []
    try:
        for i, path in enumerate(files):
            cached = None
            if cache is not None:
                try:
                    cached = cache.get(cache.sha256_for(path), path)
                except OSError as exc:
                    say(f"{path}: cannot be read ({exc.strerror}); skipped")
                    continue
            if cached is not None:
                found[i] = cached
            else:
                misses.append((i, path))
        workers = jobs or default_jobs()
        results = iter_results([path for _, path in misses], jobs=workers) if misses else []
        for (i, path), result in zip(misses, results, strict=True):
            if isinstance(result, ErrorRecord):
                reason = result.error.message.partition("\n")[0]
                say(f"{path}: {reason}; skipped")
                continue
            found[i] = result
            if cache is not None:
                cache.put(result)
    finally:
        if cache is not None:
            cache.close()
    return [found[i] for i in sorted(found)]


def load_library(
    reports: Sequence[str] = (),
    *,
    use_cache: bool = True,
    jobs: int | None = None,
    warn: Warn | None = None,
) -> Library:
    """Read the library named by ``--reports`` / ``$OFSTED_REPORTS`` / the samples.
    Raises EmptyLibraryError when no report in it could be read."""
    folders, bundled = library_folders(reports)
    files = library_files(folders)
    parsed = read_reports(files, use_cache=use_cache, jobs=jobs, warn=warn)
    unique = list({r.source.sha256: r for r in reversed(parsed)}.values())[::-1]
    if not unique:
        raise EmptyLibraryError(", ".join(folders), "no report in the library could be read")
    return Library(folders, bundled, unique, group_by_authority(unique))


def _stderr_warning(message: str) -> None:
    import sys

    print(f"Warning: {message}", file=sys.stderr)
