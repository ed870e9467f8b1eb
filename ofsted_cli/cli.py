"""The ``ofsted`` command: a thin click layer over the library.

Data goes to stdout, diagnostics to stderr. Exit status: 0 when every input was read,
1 when any input could not be read (the others are still output), 2 for usage errors.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import sys
from collections.abc import Callable, Iterator
from typing import Any, NoReturn, TypeVar

import click

from . import __version__

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

EXIT_INPUT_ERROR = 1


def verbose_option(func: F) -> F:
    return click.option(
        "-v",
        "--verbose",
        is_flag=True,
        help="On an error, also print the traceback (for bug reports).",
    )(func)


def output_options(func: F) -> F:
    """--json / --jsonl / --csv, one destination: the output format."""
    for decl, value, text in reversed(
        [
            (("--table",), "table", "A readable table on the terminal (the default)."),
            (("--json",), "json", "JSON: one object for one file, an array for several."),
            (("--jsonl", "--nl"), "jsonl", "Newline-delimited JSON: one object per line."),
            (("--csv",), "csv", "CSV with a header row."),
        ]
    ):
        # Every flag names the same default, so whichever click consults, it is "table".
        func = click.option(*decl, "fmt", flag_value=value, default="table", help=text)(func)
    return func


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="ofsted")
def cli() -> None:
    """Read Ofsted children's services inspection reports (PDF) into data.

    \b
    Examples:
      ofsted parse report.pdf             judgements and recommendations, as a table
      ofsted parse --json report.pdf      the same as JSON, for scripts
      ofsted parse --csv reports/         one CSV row per judgement, for a whole folder
      ofsted schema                       the JSON Schema of a parsed report
      ofsted list                         the reports in the library (--reports DIR)
      ofsted compare merton barnet        authorities' latest judgements side by side
      ofsted history barnet               one authority's inspections, oldest first
    """


def stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def limit_option(name: str, default: float, unit: str, text: str) -> Callable[[F], F]:
    """A positive limit of ``parse``: seconds or MB, its default shown in --help."""
    return click.option(
        name,
        type=click.FloatRange(min=0, min_open=True),
        default=default,
        show_default=True,
        metavar=unit,
        help=text,
    )


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, required=True, metavar="FILE_OR_FOLDER...")
@output_options
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Parse N files at once in worker processes [default: the number of CPUs].",
)
@limit_option(
    "--timeout",
    120.0,
    "SECONDS",
    "Give up on a file that takes longer than this; it becomes a 'timeout' error record.",
)
@limit_option(
    "--max-size",
    200.0,
    "MB",
    "Refuse a file larger than this, before reading it ('too_large' error record).",
)
@limit_option(
    "--max-memory",
    1024.0,
    "MB",
    "Memory (address space) each worker may use; a file that needs more becomes an error record.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Neither read nor write the parse cache: parse every file afresh.",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="No progress bar and no summary line on stderr (failed files are still named).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="A record with any warning becomes an error record (type self_check_failed, exit 1).",
)
@verbose_option
def parse(
    paths: tuple[str, ...],
    fmt: str,
    jobs: int | None,
    timeout: float,
    max_size: float,
    max_memory: float,
    no_cache: bool,
    quiet: bool,
    strict: bool,
    verbose: bool,
) -> None:
    """Read inspection reports: facts, judgements and recommendations.

    Each FILE_OR_FOLDER is a report PDF or a folder searched recursively for PDFs. Results
    stream out as files finish, in the order given. A file that cannot be read is named on
    stderr with the reason; the others are still output (in --json/--jsonl as an error
    record in the failed file's place) and the exit status is 1.

    Every record is checked against itself (numbering, counts, required areas, judgement
    sentences elsewhere in the text). A part in doubt is named on stderr as
    "Warning: PATH: PART: reason" and listed in the record's "warnings"; the exit status stays
    0 unless --strict, which turns such a record into an error record.

    Every file is parsed in a worker process, several in parallel (--jobs); a file that
    hangs (--timeout), needs too much memory (--max-memory) or crashes its worker costs that
    file only, and only regular files up to --max-size are read. Ctrl-C or SIGTERM stops the
    run: what finished is still output (a --json array is closed), the exit status is 130 or
    143. Reports parsed before come from the parse cache. While output is redirected and
    stderr is a terminal, a progress bar shows on stderr; a summary line follows any run of
    more than one file (both silenced by --quiet).

    \b
    Examples:
      ofsted parse sample_reports/barnet-2019.pdf
      ofsted parse --json sample_reports/merton-2017.pdf | jq '.judgements'
      ofsted parse --jsonl reports/ > reports.jsonl
      ofsted parse --csv --jobs 4 --timeout 30 reports/ > judgements.csv
    """
    import time

    from .batch import default_jobs, iter_results
    from .cache import ParseCache
    from .errors import OfstedError
    from .files import expand_paths
    from .models import ErrorRecord, Report
    from .parser import error_record, strict_record
    from .progress import ProgressBar
    from .safe_text import inert

    started = time.perf_counter()
    expanded = expand_paths(paths)
    counts = {"parsed": 0, "failed": 0}
    cache = None if no_cache else ParseCache.open_default()
    show_bar = (
        not quiet
        and len(expanded.files) > 1
        and sys.stderr.isatty()
        and not sys.stdout.isatty()  # data on the same screen would tear the bar
    )
    bar = ProgressBar(len(expanded.entries), stderr_console()) if show_bar else None
    say = bar.echo if bar is not None else (lambda text: click.echo(text, err=True))

    def in_order() -> Iterator[Report | ErrorRecord]:
        """Parsed files and path errors interleaved as the paths were given."""
        parsed = iter_results(
            expanded.files,
            with_traceback=verbose,
            jobs=jobs or default_jobs(),
            timeout=timeout,
            max_size=int(max_size * _MB),
            max_memory=int(max_memory * _MB),
            cache=cache,
            on_progress=bar.advance if bar is not None else None,
        )
        try:
            for entry in expanded.entries:
                if isinstance(entry, OfstedError):
                    if bar is not None:
                        bar.advance(1)
                    yield error_record(entry.path, entry)
                else:
                    yield next(parsed)
        finally:
            parsed.close()

    def results() -> Iterator[Report | ErrorRecord]:
        for record in in_order():
            if isinstance(record, Report) and record.warnings:
                for warning in record.warnings:
                    path, message = inert(record.source.path), inert(warning.message)
                    say(f"Warning: {path}: {warning.part.value}: {message}")
                if strict:
                    record = strict_record(record)
            if isinstance(record, ErrorRecord):
                counts["failed"] += 1
                first, _, rest = record.error.message.partition("\n")
                say(f"Error: {inert(record.source.path)}: {inert(first)}")
                if verbose and rest:
                    say(rest)
            else:
                counts["parsed"] += 1
            yield record

    single = len(paths) == 1 and not _is_dir(paths[0])
    previous = _stop_on_sigterm()
    try:
        if fmt == "json":
            _write_json(results(), single)
        elif fmt == "jsonl":
            for record in results():
                click.echo(_record_json(record))
        elif fmt == "csv":
            _write_csv(r for r in results() if isinstance(r, Report))
        else:
            _write_tables(r for r in results() if isinstance(r, Report))
    except (KeyboardInterrupt, _Terminated) as stop:
        signum = stop.signum if isinstance(stop, _Terminated) else signal.SIGINT
        not_done = len(expanded.entries) - counts["parsed"] - counts["failed"]
        click.echo(
            f"Stopped by {signal.Signals(signum).name}: {not_done} of "
            f"{len(expanded.entries)} file(s) not done.",
            err=True,
        )
        sys.exit(128 + signum)
    finally:
        signal.signal(signal.SIGTERM, previous)
        if bar is not None:
            bar.close()
        if cache is not None:
            cache.close()
    if not quiet and len(expanded.entries) > 1:
        click.echo(
            _summary(counts["parsed"], counts["failed"], time.perf_counter() - started), err=True
        )
    if counts["failed"]:
        sys.exit(EXIT_INPUT_ERROR)


#: ``--max-size`` and ``--max-memory`` are given in MB.
_MB = 1024 * 1024


class _Terminated(BaseException):
    """SIGTERM, raised where the parent happens to be, so the run ends as Ctrl-C does: the
    workers killed, the output closed, one line on stderr. A BaseException, like
    KeyboardInterrupt, so no ``except Exception`` on the way swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop_on_sigterm() -> Any:
    """Turn SIGTERM into :class:`_Terminated`; returns the handler to restore."""

    def stop(signum: int, frame: Any) -> None:
        raise _Terminated(signum)

    return signal.signal(signal.SIGTERM, stop)


def _is_dir(path: str) -> bool:
    """Whether ``path`` is a folder; False when it cannot even be looked at (the parse reports
    why, e.g. a name too long)."""
    try:
        return os.path.isdir(path)
    except (OSError, ValueError):
        return False


def _summary(parsed: int, failed: int, seconds: float) -> str:
    """The closing line on stderr, e.g. 'Parsed 318 of 322 files (4 failed) in 12.3 s.'."""
    total = parsed + failed
    noun = "file" if total == 1 else "files"
    failures = f" ({failed} failed)" if failed else ""
    return f"Parsed {parsed} of {total} {noun}{failures} in {seconds:.1f} s."


def _record_json(record: Any, indent: int | None = None) -> str:
    """A Report or ErrorRecord as JSON text: the output contract, non-ASCII kept as is."""
    return json.dumps(record.model_dump(mode="json"), indent=indent, ensure_ascii=False)


def _write_json(records: Iterator[Any], single: bool) -> None:
    """One object for one file, else an array written as each record arrives."""
    if single:
        for record in records:
            click.echo(_record_json(record, indent=2))
        return
    click.echo("[", nl=False)
    first = True
    try:
        for record in records:
            text = _record_json(record, indent=2)
            click.echo(("\n" if first else ",\n") + text, nl=False)
            first = False
    except (KeyboardInterrupt, _Terminated):  # stopped: the array still closes
        click.echo("\n]" if not first else "]")
        raise
    click.echo("\n]" if not first else "]")


def _write_csv(reports: Iterator[Any]) -> None:
    from .render import CSV_FIELDS, csv_rows

    out = sys.stdout  # looked up now, so a test runner's replacement is honoured
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for report in reports:
        writer.writerows(csv_rows(report))
        out.flush()


def _write_tables(reports: Iterator[Any]) -> None:
    from rich.console import Console
    from rich.rule import Rule

    from .render import report_renderable

    console = Console(highlight=False)
    for n, report in enumerate(reports):
        if n:
            console.print(Rule())
        console.print(report_renderable(report))


@cli.command(context_settings=CONTEXT_SETTINGS)
def schema() -> None:
    """Print the JSON Schema of a parsed report (the --json output contract)."""
    from .models import Report

    click.echo(json.dumps(Report.model_json_schema(), indent=2))


def library_options(func: F) -> F:
    """--reports / --no-cache / --jobs: where the report library is and how it is read."""
    func = click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=None,
        metavar="N",
        help="Worker processes for reports not yet in the cache (default: one per CPU).",
    )(func)
    func = click.option(
        "--no-cache",
        is_flag=True,
        help="Parse every report again, neither reading nor updating the parse cache.",
    )(func)
    return click.option(
        "--reports",
        "reports",
        multiple=True,
        metavar="DIR",
        type=click.Path(),
        help="A folder of report PDFs, searched recursively (repeatable). "
        "Default: $OFSTED_REPORTS (a path list), else the bundled samples.",
    )(func)


def _fail(error: Exception | str) -> NoReturn:
    """An input problem as one line on stderr, then exit 1."""
    click.echo(f"Error: {error}", err=True)
    sys.exit(EXIT_INPUT_ERROR)


class _Library:
    """The report library behind list/compare/history, read on first use only (a command
    given only files never reads it), saying on stderr when it is the bundled samples."""

    def __init__(self, reports: tuple[str, ...], no_cache: bool, jobs: int | None) -> None:
        self.reports, self.no_cache, self.jobs = reports, no_cache, jobs
        self._library: Any = None

    def get(self) -> Any:
        from .errors import OfstedError
        from .library import REPORTS_ENV, load_library

        if self._library is None:
            try:
                self._library = load_library(
                    self.reports, use_cache=not self.no_cache, jobs=self.jobs
                )
            except OfstedError as exc:
                _fail(exc)
            if self._library.bundled:
                click.echo(
                    f"Note: using the bundled sample reports ({self._library.folders[0]}); "
                    f"give --reports DIR or set {REPORTS_ENV} for your own.",
                    err=True,
                )
        return self._library

    def file_report(self, path: str) -> Any:
        """The report in a file named on the command line; exit 1 when it cannot be read."""
        from .library import read_reports

        found = read_reports([path], use_cache=not self.no_cache, jobs=1)
        if not found:
            sys.exit(EXIT_INPUT_ERROR)
        return found[0]

    def authority(self, name: str) -> Any:
        """The authority a name stands for; exit 1 for an unknown or ambiguous name."""
        from .errors import OfstedError

        try:
            return self.get().resolve(name)
        except OfstedError as exc:
            _fail(exc)


@cli.command("list", context_settings=CONTEXT_SETTINGS)
@library_options
@output_options
def list_reports(reports: tuple[str, ...], no_cache: bool, jobs: int | None, fmt: str) -> None:
    """Show the reports in the library: authority, framework, dates, overall grade, file.

    The library is the PDFs under each --reports folder (else $OFSTED_REPORTS, else the
    bundled samples). A report that cannot be read is named on stderr and left out.
    Parsed reports are kept in a cache (see `ofsted cache`), so listing again is quick.

    \b
    Examples:
      ofsted list
      ofsted list --reports ~/ofsted-reports
      OFSTED_REPORTS=~/a:~/b ofsted list --csv > library.csv
      ofsted list --json | jq '.[] | select(.overall_effectiveness == "inadequate")'
    """
    from .library import report_date
    from .render import LIST_FIELDS, list_renderable, list_row

    library = _Library(reports, no_cache, jobs).get()
    named = []
    for report in library.reports:
        authority = library.authority_of(report)
        named.append((authority.name if authority else report.local_authority, report))
    named.sort(key=lambda pair: ((pair[0] or "").lower(), report_date(pair[1])))
    rows = [list_row(report, name) for name, report in named]
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=LIST_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        from rich.console import Console

        title = f"{len(rows)} reports of {len(library.authorities)} authorities"
        Console(highlight=False).print(list_renderable(rows, title))


def comparison_options(func: F) -> F:
    """--labels / --json, shared by compare and history."""
    func = click.option(
        "--json", "as_json", is_flag=True, help="The comparison as JSON: columns, then rows."
    )(func)
    return click.option(
        "--labels", is_flag=True, help="Show under each grade the judgement's label as printed."
    )(func)


def _print_comparison(
    comparison: Any, *, as_json: bool, labels: bool, trend: bool, title: str | None = None
) -> None:
    from .compare import comparison_json

    if as_json:
        data = comparison_json(comparison, trend=trend)
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    from rich.console import Console

    from .render import comparison_renderable

    table = comparison_renderable(comparison, labels=labels, trend=trend, title=title)
    Console(highlight=False).print(table)


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("names", nargs=-1, required=True, metavar="AUTHORITY_OR_FILE...")
@click.option(
    "--at",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="YYYY-MM-DD",
    help="Take each authority's latest inspection that began on or before this date.",
)
@comparison_options
@library_options
def compare(
    names: tuple[str, ...],
    at: Any,
    labels: bool,
    as_json: bool,
    reports: tuple[str, ...],
    no_cache: bool,
    jobs: int | None,
) -> None:
    """Compare authorities' judgements side by side, one column each.

    Each argument is a report PDF, or an authority's name matched against the library
    ("merton", "hull", "St Helens"), which stands for its most recent inspection (or the
    latest on or before --at). Areas judged under different frameworks are lined up (SIF
    "leadership" with ILACS "impact of leaders", and so on); a blank cell means that
    framework does not judge the area, and ≠ marks areas where the grades differ.

    \b
    Examples:
      ofsted compare merton barnet
      ofsted compare merton sutton kingston --reports ~/ofsted-reports
      ofsted compare barnet barnet --at 2018-01-01 --labels
      ofsted compare --json merton reports/barnet-2019.pdf
    """
    from pathlib import Path

    from .compare import align

    if len(names) < 2:
        raise click.UsageError("give at least two authorities or report files to compare")
    library = _Library(reports, no_cache, jobs)
    when = at.date() if at else None
    columns, headers = [], []
    for name in names:
        if Path(name).is_file():
            report = library.file_report(name)
            columns.append(report)
            headers.append(report.local_authority or Path(name).stem)
            continue
        authority = library.authority(name)
        report = authority.latest(when)
        if report is None:
            _fail(f"{name}: {authority.name} has no inspection in the library on or before {when}")
        columns.append(report)
        headers.append(authority.name)
    _print_comparison(align(columns, headers), as_json=as_json, labels=labels, trend=False)


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("name", metavar="AUTHORITY_OR_FILE")
@comparison_options
@library_options
def history(
    name: str,
    labels: bool,
    as_json: bool,
    reports: tuple[str, ...],
    no_cache: bool,
    jobs: int | None,
) -> None:
    """Show every inspection of one authority in the library, oldest first.

    One column per inspection, areas lined up across frameworks as in `ofsted compare`;
    ↑ and ↓ mark a grade better or worse than at the authority's previous inspection that
    judged the area. A report PDF stands for its authority.

    \b
    Examples:
      ofsted history barnet
      ofsted history "kingston upon hull" --reports ~/ofsted-reports --labels
      ofsted history --json merton | jq '.rows[] | select(.area == "overall_effectiveness")'
    """
    from pathlib import Path

    from .compare import align

    library = _Library(reports, no_cache, jobs)
    extra = None
    if Path(name).is_file():
        extra = library.file_report(name)
        if not extra.local_authority:
            _fail(f"{name}: the report prints no authority name to look up")
        name = extra.local_authority
    authority = library.authority(name)
    inspections = list(authority.reports)
    if extra is not None and all(r.source.sha256 != extra.source.sha256 for r in inspections):
        from .library import report_date

        inspections = sorted([*inspections, extra], key=report_date)
    headers = [authority.name] * len(inspections)
    comparison = align(inspections, headers, trend=True)
    title = f"{authority.name}: {len(inspections)} inspection(s)"
    _print_comparison(comparison, as_json=as_json, labels=labels, trend=True, title=title)


@cli.group(context_settings=CONTEXT_SETTINGS)
def cache() -> None:
    """The parse cache: where it is, how full, and emptying it.

    Parsed reports are stored in SQLite under $OFSTED_CACHE_DIR, else
    $XDG_CACHE_HOME/ofsted-cli, else ~/.cache/ofsted-cli, keyed by each file's sha256 and
    the parser's version, so an edited file or a new parser is never served stale data.

    \b
    Examples:
      ofsted cache info
      ofsted cache clear
    """


@cache.command("info", context_settings=CONTEXT_SETTINGS)
@click.option("--json", "as_json", is_flag=True, help="The same facts as a JSON object.")
def cache_info(as_json: bool) -> None:
    """Show the cache file, its size, and how many reports it holds.

    \b
    Examples:
      ofsted cache info
      ofsted cache info --json
    """
    from dataclasses import asdict

    from .cache import ParseCache

    store = ParseCache.open_default()
    if store is None:
        sys.exit(EXIT_INPUT_ERROR)
    with store:
        info = store.info()
    if as_json:
        click.echo(json.dumps(asdict(info), indent=2))
        return
    click.echo(f"Cache file:      {info.path}")
    click.echo(f"Size:            {info.size_bytes / 1024:.0f} KiB")
    click.echo(f"Reports:         {info.current_reports} for this parser ({info.parser_version})")
    if info.reports != info.current_reports:
        click.echo(f"Older parsers:   {info.reports - info.current_reports} (unused)")
    click.echo(f"File hashes:     {info.hashes}")


@cache.command("clear", context_settings=CONTEXT_SETTINGS)
def cache_clear() -> None:
    """Empty the cache; reports are parsed again when next needed.

    \b
    Examples:
      ofsted cache clear
    """
    from .cache import ParseCache

    store = ParseCache.open_default()
    if store is None:
        sys.exit(EXIT_INPUT_ERROR)
    with store:
        removed = store.clear()
    click.echo(f"Removed {removed} cached report(s) from {store.path}", err=True)


# --- The national picture: summary and search (issue 10; authorities.py, summary.py, search.py).


# --- Analyst outputs: export (issue 12; export.py, html_page.py).


# --- Fetching reports from Ofsted (issue 13; fetch.py).


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="ofsted")
