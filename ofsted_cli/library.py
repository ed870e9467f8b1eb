"""The report library: which PDFs it holds, reading them (through the parse cache), and
resolving a command-line argument to a report or to an authority's reports.

Reports are grouped by their ``authority`` (resolved from the reference table in
authorities.py when parsed), one group per council even across a change of GSS code
(Somerset E10000027 -> E06000066). A user's name is looked up in the same table, so aliases
work ("hull", "rbkc", "bcp"). Reports whose printed name resolved to nothing are grouped by
their *name key* (the distinguishing words of the printed name), so any folder of reports
still works.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .authorities import candidates, lineage, name_key, name_tokens
from .errors import (
    AmbiguousAuthorityError,
    EmptyLibraryError,
    InputNotFoundError,
    NoPDFsFoundError,
    OfstedError,
    UnknownAuthorityError,
)
from .models import Authority as AuthorityId
from .models import ErrorRecord, Framework, Report

#: Full inspections of an authority's children's services, which ``compare`` prefers; the
#: other kinds (LSCB reviews, focused visits, area SEND, JTAI) appear in ``history``.
FULL_INSPECTIONS = frozenset({Framework.ILACS, Framework.SIF, Framework.LAC_2012})

#: The environment variable naming library folders (an ``os.pathsep``-separated list).
REPORTS_ENV = "OFSTED_REPORTS"

Warn = Callable[[str], None]


def report_date(report: Report) -> date:
    """When the inspection happened, for ordering (undated reports sort first)."""
    return report.inspection_start or report.inspection_end or report.published or date.min


def known_date(report: Report) -> date | None:
    """The date from which a report's judgements stand: ``published`` when printed, else the
    inspection's last day (else its first). What "on or before DATE" compares."""
    return report.published or report.inspection_end or report.inspection_start


def recency(report: Report) -> tuple[date, date, str]:
    """The order in which an authority's reports supersede one another: by :func:`known_date`,
    a tie by the inspection's first day, then by file path."""
    return (known_date(report) or date.min, report_date(report), report.source.path)


def latest_of(
    reports: Iterable[Report], at: date | None = None, frameworks: Iterable[Framework] = ()
) -> Report | None:
    """The report that stands on ``at`` (default: the most recent) among ``frameworks``
    (default: all); undated reports never stand on a date."""
    wanted = set(frameworks)
    chosen = [r for r in reports if (not wanted or r.framework in wanted) and stands_on(r, at)]
    return max(chosen, key=recency, default=None)


def stands_on(report: Report, at: date | None) -> bool:
    """Whether the report was known on ``at`` (always, with no date given)."""
    known = known_date(report)
    return at is None or (known is not None and known <= at)


@dataclass
class Authority:
    """One authority's reports in the library, oldest first. ``key`` is the GSS code the
    council carries now (or last carried), or a name key for reports whose printed name did
    not resolve."""

    key: str
    reports: list[Report] = field(default_factory=list)

    @property
    def identity(self) -> AuthorityId | None:
        """The authority from the reference table (as at its latest report); None for a group
        of names that did not resolve."""
        found = [r.authority for r in self.reports if r.authority is not None]
        return found[-1] if found else None

    @property
    def name(self) -> str:
        """The table's short name; for unresolved names, the name printed most often across
        its reports (the most recent on a tie)."""
        identity = self.identity
        if identity is not None:
            return identity.name
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
        if report.authority is not None:
            return self.authorities.get(lineage(report.authority.code))
        if not report.local_authority:
            return None
        return self.authorities.get(_merged_key(name_key(report.local_authority), self))

    def resolve(self, name: str) -> Authority:
        """The one authority ``name`` stands for: looked up in the reference table (aliases
        and parts of names allowed), among the councils with reports in the library; else
        matched against the printed names that did not resolve. Raises
        Unknown/AmbiguousAuthorityError."""
        councils = candidates(name)
        present = [k for k in (lineage(c[-1].code) for c in councils) if k in self.authorities]
        if len(present) == 1:
            return self.authorities[present[0]]
        if present:
            listed = "; ".join(self.authorities[k].name for k in present)
            raise AmbiguousAuthorityError(name, f"matches several authorities: {listed}")
        unresolved = {k: a for k, a in self.authorities.items() if a.identity is None}
        matches = match_authorities(name, unresolved)
        if len(matches) == 1:
            return self.authorities[matches[0]]
        if matches:
            listed = "; ".join(self.authorities[k].name for k in matches)
            raise AmbiguousAuthorityError(name, f"matches several authorities: {listed}")
        if councils:
            absent = ", ".join(c[-1].name for c in councils)
            raise UnknownAuthorityError(
                name, f"no authority in the library matches ({absent}: no report in it)"
            )
        close = closest_names(name, self.authorities)
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise UnknownAuthorityError(name, f"no authority in the library matches{hint}")


def match_authorities(name: str, authorities: dict[str, Authority]) -> list[str]:
    """Keys of the unresolved-name groups ``name`` could mean, by the most exact rule that
    finds any: the same name key, the same letters ("sthelens"), the name's words together
    in the key ("hull" in "kingston upon hull"), the name's letters inside the key's."""
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
    by_key = {name_key(a.name) or k: a.name for k, a in authorities.items()}
    found = difflib.get_close_matches(key, list(by_key), n=n, cutoff=0.5)
    return [by_key[k] for k in found]


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
    """Reports grouped by authority: by the council's current GSS code where the report's
    name resolved, else by name key (a short form merged into its unique longer form); each
    group oldest first, the groups in key order. Reports without a name are left out."""
    groups: dict[str, list[Report]] = {}
    unresolved: dict[str, list[Report]] = {}
    for report in reports:
        if report.authority is not None:
            groups.setdefault(lineage(report.authority.code), []).append(report)
        elif report.local_authority and name_key(report.local_authority):
            unresolved.setdefault(name_key(report.local_authority), []).append(report)
    for key in sorted(unresolved, key=len):
        owner = _prefix_owner(key, unresolved)
        if owner is not None:
            unresolved[owner].extend(unresolved.pop(key))
    groups.update(unresolved)
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
    then ``$OFSTED_REPORTS``, then the data folder when it holds reports (where ``ofsted
    fetch`` puts them), then the samples."""
    from .datadir import holds_pdfs, reports_dir

    if reports:
        return list(reports), False
    env = os.environ.get(REPORTS_ENV, "")
    from_env = [p for p in env.split(os.pathsep) if p.strip()]
    if from_env:
        return from_env, False
    fetched = reports_dir()
    if holds_pdfs(fetched):
        return [str(fetched)], False
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


#: Called with the number of files that must be parsed (not in the cache) before parsing
#: starts; returns the callback told of each file done (``n`` more), or None for no progress.
ProgressStart = Callable[[int], "Callable[[int], None] | None"]


def read_records(
    files: Sequence[str],
    *,
    use_cache: bool = True,
    jobs: int | None = None,
    progress: ProgressStart | None = None,
) -> list[Report | ErrorRecord]:
    """Every file's Report, or its ErrorRecord when it cannot be read, in the order given.
    A file's Report comes from the parse cache when it holds it (looked up here first, so a
    warm run starts no workers); the rest are parsed by ``jobs`` worker processes (default:
    one per CPU) and the new Reports cached. ``progress`` hears how many must be parsed."""
    from .batch import default_jobs, iter_results
    from .cache import ParseCache

    cache = ParseCache.open_default() if use_cache else None
    found: dict[int, Report | ErrorRecord] = {}
    misses: list[tuple[int, str]] = []
    try:
        for i, path in enumerate(files):
            cached = None
            if cache is not None:
                try:
                    cached = cache.get(cache.sha256_for(path), path)
                except OSError:
                    cached = None  # the parse below says why it cannot be read
            if cached is not None:
                found[i] = cached
            else:
                misses.append((i, path))
        # A file that is no PDF at all (a saved web page) is never cached, since only Reports
        # are; pdf.py turns it away at its first bytes, so it needs neither a worker process
        # nor the parser: a warm run of a library holding one starts and imports neither.
        pdfs = []
        for i, path in misses:
            rejected = _not_a_pdf(path)
            if rejected is None:
                pdfs.append((i, path))
            else:
                found[i] = rejected
        advance = progress(len(pdfs)) if progress is not None and pdfs else None
        workers = jobs or default_jobs()
        paths = [path for _, path in pdfs]
        results = iter_results(paths, jobs=workers, on_progress=advance) if pdfs else []
        for (i, _), result in zip(pdfs, results, strict=True):
            found[i] = result
            if cache is not None and isinstance(result, Report):
                cache.put(result)
    finally:
        if cache is not None:
            cache.close()
    return [found[i] for i in sorted(found)]


def read_reports(
    files: Sequence[str],
    *,
    use_cache: bool = True,
    jobs: int | None = None,
    warn: Warn | None = None,
    skipped: list[ErrorRecord] | None = None,
    progress: ProgressStart | None = None,
) -> list[Report]:
    """The Reports of ``files`` in order (see :func:`read_records`). A file that cannot be
    read is left out: added to ``skipped`` when given, else named by ``warn``."""
    reports: list[Report] = []
    say = warn or _stderr_warning
    for record in read_records(files, use_cache=use_cache, jobs=jobs, progress=progress):
        if isinstance(record, Report):
            reports.append(record)
        elif skipped is not None:
            skipped.append(record)
        else:
            say(f"{record.source.path}: {record.error.message.partition(chr(10))[0]}; skipped")
    return reports


def _not_a_pdf(path: str) -> ErrorRecord | None:
    """The error record of a file that is no PDF at all, from its first bytes (pdf.py's own
    check, which needs neither pypdfium2 nor the parser); None for a file that starts as a
    PDF does."""
    from .models import ErrorInfo, ErrorSource
    from .pdf import check_pdf_header, sha256_of

    try:
        check_pdf_header(path)
    except OfstedError as exc:
        info = ErrorInfo(type=exc.code, message=exc.reason)
        return ErrorRecord(source=ErrorSource(path=path, sha256=sha256_of(path)), error=info)
    return None


def load_library(
    reports: Sequence[str] = (),
    *,
    use_cache: bool = True,
    jobs: int | None = None,
    warn: Warn | None = None,
    skipped: list[ErrorRecord] | None = None,
    progress: ProgressStart | None = None,
) -> Library:
    """Read the library named by ``--reports`` / ``$OFSTED_REPORTS`` / the samples.
    Raises EmptyLibraryError when no report in it could be read. Files that cannot be read
    go to ``skipped`` when given, else are named by ``warn``."""
    folders, bundled = library_folders(reports)
    files = library_files(folders)
    parsed = read_reports(
        files, use_cache=use_cache, jobs=jobs, warn=warn, skipped=skipped, progress=progress
    )
    unique = list({r.source.sha256: r for r in reversed(parsed)}.values())[::-1]
    if not unique:
        raise EmptyLibraryError(", ".join(folders), "no report in the library could be read")
    return Library(folders, bundled, unique, group_by_authority(unique))


def _stderr_warning(message: str) -> None:
    import sys

    print(f"Warning: {message}", file=sys.stderr)
