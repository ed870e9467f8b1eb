"""The ``ofsted`` command: a thin click layer over the library.

Data goes to stdout, diagnostics to stderr. Exit status: 0 when every input was read,
1 when any input could not be read (the others are still output), 2 for usage errors.
"""

from __future__ import annotations

import functools
import json
import os
import signal
import sys
from collections.abc import Callable, Iterator
from typing import Any, NoReturn, TypeVar

import click

from . import __version__
from .safe_text import inert

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


#: Every output format: its flags and help.
_FORMATS: dict[str, tuple[tuple[str, ...], str]] = {
    "table": (("--table",), "A readable table on the terminal (the default)."),
    "json": (("--json",), "JSON: one object for one file, an array for several."),
    "jsonl": (("--jsonl", "--nl"), "Newline-delimited JSON: one object per line."),
    "csv": (("--csv",), "CSV (RFC 4180, UTF-8, spreadsheet-safe) with a header row."),
}


def output_options(
    *formats: str, json_help: str | None = None, html: bool = False
) -> Callable[[F], F]:
    """The output format flags (``fmt``: one of ``formats``, default all four) and, with
    ``html``, ``--html FILE`` (a self-contained page, written besides the chosen format)."""
    chosen = formats or tuple(_FORMATS)

    def decorate(func: F) -> F:
        if html:
            func = click.option(
                "--html",
                "html_file",
                type=click.Path(dir_okay=False, writable=True),
                default=None,
                metavar="FILE",
                help="Also write a self-contained HTML page (grades as a coloured table, "
                "recommendations with pages, source files) to FILE; prints on A4.",
            )(func)
        for name in reversed(chosen):
            decls, text = _FORMATS[name]
            if name == "json" and json_help:
                text = json_help
            # Every flag names the same default, so whichever click consults, it is "table".
            func = click.option(*decls, "fmt", flag_value=name, default="table", help=text)(func)
        return func

    return decorate


def _die_of_closed_pipe() -> NoReturn:
    """The reader of stdout went away (``| head``): end as a filter does, killed by SIGPIPE
    (status 141 in the shell) and without a word, so a pipeline sees the usual status."""
    import os
    import signal

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the interpreter's last flush must not fail
    except (OSError, ValueError, AttributeError):
        pass
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGPIPE)
    sys.exit(EXIT_INPUT_ERROR)  # no SIGPIPE (Windows): the status click would give


class _Group(click.Group):
    """The command group; a closed stdout ends the program as it ends a filter."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # inside the try: a buffered tail can meet the closed pipe too
        except BrokenPipeError:
            _die_of_closed_pipe()
        return result


@click.group(cls=_Group, context_settings=CONTEXT_SETTINGS)
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
      ofsted summary --at 2017-10-10      every authority's standing grade on a date
      ofsted search health histor         recommendations across the library
      ofsted fetch merton barnet          download their reports from Ofsted into the library
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
@output_options()
@click.option(
    "--recommendations",
    is_flag=True,
    help="With --csv: one row per recommendation instead of one per judgement.",
)
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
    recommendations: bool,
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
      ofsted parse --csv --recommendations reports/ > recommendations.csv
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

    if recommendations and fmt != "csv":
        raise click.UsageError("--recommendations goes with --csv")
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
            _write_csv((r for r in results() if isinstance(r, Report)), recommendations)
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


def _write_csv(reports: Iterator[Any], recommendations: bool = False) -> None:
    """One row per judgement (or per recommendation), streamed as each report arrives."""
    from .csv_output import write_csv
    from .render import CSV_FIELDS, RECOMMENDATION_FIELDS, csv_rows, recommendation_rows

    if recommendations:
        write_csv((row for r in reports for row in recommendation_rows(r)), RECOMMENDATION_FIELDS)
    else:
        write_csv((row for r in reports for row in csv_rows(r)), CSV_FIELDS)


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
    """Print the JSON Schema of an output record (the --json/--jsonl contract).

    A record is a parsed report or, for a file that could not be read, an error record
    ({"source": ..., "error": {"type", "message"}}): the schema is a oneOf of the two.
    """
    from .models import output_schema

    click.echo(json.dumps(output_schema(), indent=2, ensure_ascii=False))


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Keep an option on the context instead of passing it to the command, so every library
    command has it without naming it in its signature (:class:`_Library` reads it)."""
    ctx.ensure_object(dict)[param.name] = value
    return value


def library_options(func: F) -> F:
    """--reports / --no-cache / --jobs / -q / -v: where the report library is and how it is
    read. -q and -v reach :class:`_Library` through the click context."""
    func = click.option(
        "-v",
        "--verbose",
        is_flag=True,
        expose_value=False,
        callback=_remember,
        help="Name each library file that could not be read, with the reason.",
    )(func)
    func = click.option(
        "-q",
        "--quiet",
        is_flag=True,
        expose_value=False,
        callback=_remember,
        help="No progress bar and no notes on stderr (skipped files are still counted).",
    )(func)
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
        "Default: $OFSTED_REPORTS (a path list), else the data folder when it holds reports "
        "(see `ofsted fetch`), else the bundled samples.",
    )(func)


#: A date on the command line.
DATE = click.DateTime(formats=["%Y-%m-%d"])


class Vocabulary(click.Choice):  # type: ignore[type-arg]
    """A choice among the values of a vocabulary in models.py, imported only when the option
    is used or its help shown, so that start-up stays fast."""

    def __init__(self, vocabulary: str) -> None:
        self.vocabulary = vocabulary
        self.case_sensitive = True

    @property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]
        from . import models

        return tuple(item.value for item in getattr(models, self.vocabulary))


def _regions(values: tuple[str, ...]) -> tuple[str, ...]:
    """Region names as the user typed them -> the ONS names; a bad one is a usage error."""
    from .authorities import region

    try:
        return tuple(dict.fromkeys(region(v) for v in values))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--region") from None


def _area(value: str | None) -> Any:
    from .selection import OVERALL, area_row

    try:
        return area_row(value) if value else OVERALL
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--area") from None


def _check_area(selection: Any, area_given: bool) -> None:
    if area_given and not selection.grades:
        raise click.UsageError("--area says which area --grade reads: give --grade too")


def filter_options(func: F) -> F:
    """--authority / --region / --framework / --grade / --area / --since / --until: which
    reports of the library count, collected into one ``selection`` (a ReportFilter)."""

    @functools.wraps(func)
    def with_selection(
        *args: Any,
        authority: tuple[str, ...],
        region: tuple[str, ...],
        framework: tuple[str, ...],
        grade: tuple[str, ...],
        area: str | None,
        since: Any,
        until: Any,
        **kwargs: Any,
    ) -> Any:
        from .authorities import lineage, lookup
        from .errors import OfstedError
        from .models import Framework, Grade
        from .selection import ReportFilter

        try:
            codes = frozenset(lineage(lookup(name).code) for name in authority)
        except OfstedError as exc:
            raise click.BadParameter(str(exc), param_hint="--authority") from None
        selection = ReportFilter(
            authorities=codes,
            regions=frozenset(_regions(region)),
            frameworks=frozenset(Framework(f) for f in framework),
            grades=frozenset(Grade(g) for g in grade),
            area=_area(area),
            since=since.date() if since else None,
            until=until.date() if until else None,
        )
        return func(*args, selection=selection, area_given=area is not None, **kwargs)

    options = [
        click.option(
            "--authority",
            multiple=True,
            metavar="NAME",
            help="Only this authority's reports (repeatable); aliases work: hull, rbkc, bcp.",
        ),
        click.option(
            "--region",
            multiple=True,
            metavar="REGION",
            help="Only authorities in this ONS region (repeatable), e.g. London, 'North West'.",
        ),
        click.option(
            "--framework",
            multiple=True,
            type=Vocabulary("Framework"),
            help="Only reports of this framework (repeatable).",
        ),
        click.option(
            "--grade",
            multiple=True,
            type=Vocabulary("Grade"),
            help="Only reports with this grade in --area (repeatable).",
        ),
        click.option(
            "--area",
            default=None,
            metavar="AREA",
            help="The area --grade reads (aligned across frameworks as in compare: "
            "overall_effectiveness, leadership, help_and_protection, children_in_care, "
            "adoption, care_leavers, lscb, ...). Default: overall_effectiveness.",
        ),
        click.option(
            "--since",
            type=DATE,
            default=None,
            metavar="YYYY-MM-DD",
            help="Only reports dated on or after this day (published, else inspection end).",
        ),
        click.option(
            "--until",
            type=DATE,
            default=None,
            metavar="YYYY-MM-DD",
            help="Only reports dated on or before this day (published, else inspection end).",
        ),
    ]
    for option in reversed(options):
        with_selection = option(with_selection)
    return with_selection  # type: ignore[return-value]


def _fail(error: Exception | str) -> NoReturn:
    """An input problem as one line on stderr, then exit 1."""
    click.echo(f"Error: {inert(str(error))}", err=True)
    sys.exit(EXIT_INPUT_ERROR)


#: How the skipped-files line names each kind of failure: (one file, several files).
_SKIP_REASONS: dict[str, tuple[str, str]] = {
    "not_a_pdf": ("not a PDF", "not PDFs"),
    "empty_file": ("empty", "empty"),
    "corrupt_pdf": ("damaged", "damaged"),
    "encrypted_pdf": ("password-protected", "password-protected"),
    "unrecognised_report": ("not a children's services report", "not children's services reports"),
    "timeout": ("timed out", "timed out"),
    "worker_crashed": ("crashed its worker", "crashed their workers"),
    "not_found": ("missing", "missing"),
}


def skipped_line(skipped: list[Any], verbose: bool) -> str:
    """One line for every library file that could not be read, e.g. '4 files skipped: not
    PDFs — -v to list them'; with ``verbose`` the line ends with a colon (the list follows)."""
    from collections import Counter

    kinds = Counter(record.error.type for record in skipped)

    def reason(kind: str, count: int) -> str:
        one, many = _SKIP_REASONS.get(kind, (kind.replace("_", " "), kind.replace("_", " ")))
        return one if count == 1 else many

    if len(kinds) == 1:
        ((kind, count),) = kinds.items()
        why = reason(kind, count)
    else:
        why = ", ".join(f"{count} {reason(kind, count)}" for kind, count in kinds.most_common())
    noun = "file" if len(skipped) == 1 else "files"
    tail = ":" if verbose else " — -v to list them"
    return f"Warning: {len(skipped)} {noun} skipped: {why}{tail}"


def _stderr_is_terminal() -> bool:
    """Whether a progress bar on stderr would be seen (a function, so tests can say yes)."""
    return sys.stderr.isatty()


class _ProgressOnDemand:
    """Parse's progress bar on stderr, started only when files must be parsed (not cached),
    stderr is a terminal and -q was not given."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bar: Any = None

    def start(self, total: int) -> Callable[[int], None] | None:
        if self.quiet or total < 2 or not _stderr_is_terminal():
            return None
        from .progress import ProgressBar

        self.bar = ProgressBar(total, stderr_console())
        return self.bar.advance  # type: ignore[no-any-return]

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class _Library:
    """The report library behind the library commands, read on first use only (a command
    given only files never reads it), saying on stderr when it is the bundled samples, with
    a progress bar while it parses and one line for the files it skipped."""

    def __init__(self, reports: tuple[str, ...], no_cache: bool, jobs: int | None) -> None:
        self.reports, self.no_cache, self.jobs = reports, no_cache, jobs
        options = click.get_current_context(silent=True)
        remembered = (options.obj if options is not None else None) or {}
        self.quiet: bool = remembered.get("quiet", False)
        self.verbose: bool = remembered.get("verbose", False)
        self.skipped: list[Any] = []
        self._library: Any = None

    def get(self) -> Any:
        from .errors import OfstedError
        from .library import REPORTS_ENV, load_library

        if self._library is None:
            progress = _ProgressOnDemand(self.quiet)
            try:
                self._library = load_library(
                    self.reports,
                    use_cache=not self.no_cache,
                    jobs=self.jobs,
                    skipped=self.skipped,
                    progress=progress.start,
                )
            except OfstedError as exc:
                progress.close()
                self.report_skipped()
                _fail(exc)
            progress.close()
            self.report_skipped()
            if self._library.bundled and not self.quiet:
                click.echo(
                    f"Note: using the bundled sample reports ({self._library.folders[0]}); "
                    f"give --reports DIR, set {REPORTS_ENV}, or run `ofsted fetch AUTHORITY` "
                    "for your own.",
                    err=True,
                )
        return self._library

    def report_skipped(self) -> None:
        """The skipped files as one line on stderr (and, with -v, one line each)."""
        if not self.skipped:
            return
        click.echo(skipped_line(self.skipped, self.verbose), err=True)
        if self.verbose:
            for record in self.skipped:
                reason = record.error.message.partition("\n")[0]
                click.echo(f"  {inert(record.source.path)}: {inert(reason)}", err=True)

    def file_report(self, path: str) -> Any:
        """The report in a file named on the command line; exit 1 when it cannot be read."""
        from .library import read_records
        from .models import ErrorRecord

        (found,) = read_records([path], use_cache=not self.no_cache, jobs=1)
        if isinstance(found, ErrorRecord):
            _fail(f"{path}: {found.error.message.partition(chr(10))[0]}")
        return found

    def authority(self, name: str) -> Any:
        """The authority a name stands for; exit 1 for an unknown or ambiguous name."""
        from .errors import OfstedError

        try:
            return self.get().resolve(name)
        except OfstedError as exc:
            _fail(exc)


@cli.command("list", context_settings=CONTEXT_SETTINGS)
@library_options
@filter_options
@output_options()
def list_reports(
    reports: tuple[str, ...],
    no_cache: bool,
    jobs: int | None,
    fmt: str,
    selection: Any,
    area_given: bool,
) -> None:
    """Show the reports in the library: authority, framework, dates, overall grade, file.

    The library is the PDFs under each --reports folder (else $OFSTED_REPORTS, else the
    data folder `ofsted fetch` fills, else the bundled samples). Files that cannot be read
    are left out and counted in one line on stderr (-v names them); the exit status is then
    1. Parsed reports are kept in a cache (see `ofsted cache`), so listing again is quick; a
    progress bar shows while new files are parsed (-q: none).

    \b
    Examples:
      ofsted list
      ofsted list --reports ~/ofsted-reports
      OFSTED_REPORTS=~/a:~/b ofsted list --csv > library.csv
      ofsted list --json | jq '.[] | select(.overall_effectiveness == "inadequate")'
      ofsted list --region London --framework sif --grade inadequate
      ofsted list --authority hull --since 2018-01-01
    """
    from .library import report_date
    from .render import LIST_FIELDS, list_renderable, list_row

    _check_area(selection, area_given)
    source = _Library(reports, no_cache, jobs)
    library = source.get()
    named = []
    for report in selection.apply(library.reports):
        authority = library.authority_of(report)
        named.append((authority.name if authority else report.local_authority, report))
    named.sort(key=lambda pair: ((pair[0] or "").lower(), report_date(pair[1])))
    rows = [list_row(report, name) for name, report in named]
    if fmt == "csv":
        from .csv_output import write_csv

        write_csv(rows, LIST_FIELDS)
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        from rich.console import Console

        groups = {id(library.authority_of(report)) for _, report in named}
        title = f"{len(rows)} reports of {len(groups)} authorities"
        Console(highlight=False).print(list_renderable(rows, title))
    if source.skipped:
        sys.exit(EXIT_INPUT_ERROR)


def comparison_options(func: F) -> F:
    """--labels and the output formats (table, JSON, CSV, HTML), shared by compare and history."""
    func = output_options(
        "table", "json", "csv", json_help="The comparison as JSON: columns, then rows.", html=True
    )(func)
    return click.option(
        "--labels", is_flag=True, help="Show under each grade the judgement's label as printed."
    )(func)


def _print_comparison(
    comparison: Any,
    *,
    fmt: str,
    labels: bool,
    trend: bool,
    title: str | None = None,
    html_file: str | None = None,
) -> None:
    """The comparison on stdout in the chosen format, and as an HTML page when asked."""
    if html_file is not None:
        _write_html(html_file, comparison, trend=trend, title=title)
    if fmt == "json":
        from .compare import comparison_json

        data = comparison_json(comparison, trend=trend)
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    if fmt == "csv":
        from .csv_output import write_csv
        from .render import comparison_fields, comparison_rows

        write_csv(comparison_rows(comparison, trend=trend), comparison_fields(trend))
        return
    from rich.console import Console

    from .render import comparison_renderable

    table = comparison_renderable(comparison, labels=labels, trend=trend, title=title)
    Console(highlight=False).print(table)


def _write_html(path: str, comparison: Any, *, trend: bool, title: str | None) -> None:
    """Write the comparison's HTML page."""
    from .html_page import comparison_page

    _write_page(path, comparison_page(comparison, trend=trend, title=title))


def _write_page(path: str, page: str) -> None:
    """Write an HTML page; a file that cannot be written is a one-line error."""
    try:
        with open(path, "w", encoding="utf-8") as out:
            out.write(page)
    except OSError as exc:
        _fail(f"{path}: cannot write ({exc.strerror})")
    context = click.get_current_context(silent=True)
    if not (context is not None and (context.obj or {}).get("quiet")):
        click.echo(f"Wrote {inert(path)}", err=True)


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("names", nargs=-1, required=True, metavar="AUTHORITY_OR_FILE...")
@click.option(
    "--at",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="YYYY-MM-DD",
    help="Take each authority's latest inspection that began on or before this date; "
    "NAME@YYYY-MM-DD sets the date of one argument.",
)
@click.option(
    "--framework",
    default=None,
    metavar="FRAMEWORK",
    help="Take each authority's latest report of this kind (a framework value, e.g. "
    "area_send) instead of its latest full inspection.",
)
@comparison_options
@library_options
def compare(
    names: tuple[str, ...],
    at: Any,
    framework: str | None,
    labels: bool,
    fmt: str,
    html_file: str | None,
    reports: tuple[str, ...],
    no_cache: bool,
    jobs: int | None,
) -> None:
    """Compare authorities' judgements side by side, one column each.

    Each argument is a report PDF, or an authority's name matched against the library
    ("merton", "hull", "St Helens"), which stands for its most recent full inspection (or the
    latest that began on or before --at, or on or before the date after an @:
    barnet@2017-06-01; --framework picks another kind, e.g. area_send, whose outcome is a
    row of its own). Areas judged under different frameworks are lined up (SIF
    "leadership" with ILACS "impact of leaders", and so on); a blank cell means that
    framework does not judge the area, and ≠ marks areas where the grades differ.

    \b
    Examples:
      ofsted compare merton barnet
      ofsted compare merton sutton kingston --reports ~/ofsted-reports
      ofsted compare barnet barnet --at 2018-01-01 --labels
      ofsted compare --json merton reports/barnet-2019.pdf
      ofsted compare --csv merton barnet kirklees > grades.csv
      ofsted compare --html grades.html merton barnet kirklees
      ofsted compare barnet@2017-06-01 barnet merton
      ofsted compare derbyshire dorset --framework area_send
    """
    from pathlib import Path

    from .compare import align
    from .models import Framework

    if len(names) < 2:
        raise click.UsageError("give at least two authorities or report files to compare")
    known = [f.value for f in Framework]
    if framework is not None and framework not in known:
        raise click.UsageError(f"--framework must be one of: {', '.join(known)}")
    library = _Library(reports, no_cache, jobs)
    when = at.date() if at else None
    columns, headers = [], []
    for name in names:
        if Path(name).is_file():
            report = library.file_report(name)
            columns.append(report)
            headers.append(report.local_authority or Path(name).stem)
            continue
        name, on = _name_at(name, when)
        authority = library.authority(name)
        kind = Framework(framework) if framework else None
        report = authority.latest(on, kind)
        if report is None:
            what = f"no {framework} report" if framework else "no inspection"
            by = f" on or before {on}" if on else ""
            _fail(f"{name}: {authority.name} has {what} in the library{by}")
        columns.append(report)
        headers.append(authority.name)
    _print_comparison(
        align(columns, headers), fmt=fmt, labels=labels, trend=False, html_file=html_file
    )


def _name_at(argument: str, default: Any) -> tuple[str, Any]:
    """``NAME@YYYY-MM-DD`` -> the name and that date; else the argument and ``default``."""
    import datetime

    name, at, day = argument.rpartition("@")
    if not at:
        return argument, default
    try:
        return name, datetime.date.fromisoformat(day)
    except ValueError:
        raise click.BadParameter(
            f"{argument!r}: the date after @ must be YYYY-MM-DD", param_hint="AUTHORITY"
        ) from None


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("name", metavar="AUTHORITY_OR_FILE")
@comparison_options
@library_options
def history(
    name: str,
    labels: bool,
    fmt: str,
    html_file: str | None,
    reports: tuple[str, ...],
    no_cache: bool,
    jobs: int | None,
) -> None:
    """Show every inspection of one authority in the library, oldest first.

    One column per report of every kind, in date order, areas lined up across frameworks as
    in `ofsted compare` (an area SEND outcome has a row of its own; a focused visit or JTAI
    letter, which grades nothing, shows its kind and number of priority actions); ↑ and ↓
    mark a grade better or worse than at the authority's previous inspection that judged
    the area. A report PDF stands for its authority.

    \b
    Examples:
      ofsted history barnet
      ofsted history "kingston upon hull" --reports ~/ofsted-reports --labels
      ofsted history --json merton | jq '.rows[] | select(.area == "overall_effectiveness")'
      ofsted history --csv merton > merton.csv
      ofsted history --html merton.html merton
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
    _print_comparison(
        comparison, fmt=fmt, labels=labels, trend=True, title=title, html_file=html_file
    )


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


def _write_rows(fmt: str, rows: list[dict[str, Any]], fields: list[str]) -> None:
    """Rows as --json (an array), --jsonl or --csv."""
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    else:
        from .csv_output import write_csv

        write_csv(rows, fields)


def _print(renderable: Any) -> None:
    from rich.console import Console

    Console(highlight=False).print(renderable)


def _left_out(library: Any) -> None:
    """Say on stderr how many reports could not be placed (their name did not resolve)."""
    unplaced = [r for r in library.reports if r.authority is None]
    if unplaced:
        names = ", ".join(sorted({repr(r.local_authority) for r in unplaced}))
        click.echo(
            f"Note: {len(unplaced)} report(s) left out: authority not resolved ({names})",
            err=True,
        )


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.option(
    "--at",
    type=DATE,
    default=None,
    metavar="YYYY-MM-DD",
    help="The date of the picture [default: today].",
)
@click.option(
    "--area",
    default=None,
    metavar="AREA",
    help="The area whose grades are counted (aligned across frameworks as in compare) "
    "[default: overall_effectiveness].",
)
@click.option(
    "--framework",
    multiple=True,
    type=Vocabulary("Framework"),
    help="The frameworks whose inspections count (repeatable) [default: ilacs and sif].",
)
@click.option(
    "--region",
    multiple=True,
    metavar="REGION",
    help="Show only this ONS region (repeatable); England's figures are always shown.",
)
@library_options
@output_options(html=True)
def summary(
    at: Any,
    area: str | None,
    framework: tuple[str, ...],
    region: tuple[str, ...],
    reports: tuple[str, ...],
    no_cache: bool,
    jobs: int | None,
    fmt: str,
    html_file: str | None,
) -> None:
    """The national picture on a date: every authority's standing grade, counted for
    England and for each region.

    For each authority in force on --at, its latest inspection of the chosen frameworks
    known by then (a report's date: published when printed, else the inspection's last day)
    stands; its grade in --area is counted. An inspection that does not judge the area
    leaves the authority ungraded. Shares are of the authorities with a grade.
    --json gives England's counts, "by_region" and one row per authority (by region, then
    name); --csv the rows; --html FILE also writes a page with the counts and every
    authority's grade as a coloured table.

    \b
    Examples:
      ofsted summary --at 2017-10-10 --framework sif --region London
      ofsted summary --region London --html london.html
      ofsted summary --area leadership --json
      ofsted summary --at 2019-03-31 --csv > picture.csv
    """
    import datetime

    from .models import Framework as Frameworks
    from .summary import (
        DEFAULT_FRAMEWORKS,
        SUMMARY_FIELDS,
        summarise,
        summary_csv_rows,
        summary_json,
        summary_renderable,
    )

    chosen = tuple(Frameworks(f) for f in framework) or DEFAULT_FRAMEWORKS
    regions = _regions(region)
    row = _area(area)
    library = _Library(reports, no_cache, jobs).get()
    _left_out(library)
    day = at.date() if at else datetime.date.today()
    picture = summarise(library.reports, day, row, chosen, regions or None)
    if html_file is not None:
        from .html_page import summary_page

        _write_page(html_file, summary_page(picture))
    if fmt == "json":
        click.echo(json.dumps(summary_json(picture), indent=2, ensure_ascii=False))
    elif fmt == "jsonl":
        click.echo(json.dumps(summary_json(picture), ensure_ascii=False))
    elif fmt == "csv":
        _write_rows(fmt, summary_csv_rows(picture), SUMMARY_FIELDS)
    else:
        _print(summary_renderable(picture))


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("words", nargs=-1, required=True)
@click.option(
    "--regex", is_flag=True, help="WORDS is one Python regular expression (add (?i) for any case)."
)
@filter_options
@click.option(
    "--priority",
    multiple=True,
    type=Vocabulary("Priority"),
    help="Only recommendations of this priority (repeatable).",
)
@click.option(
    "--body",
    multiple=True,
    type=Vocabulary("Body"),
    help="Only recommendations addressed to this body (repeatable).",
)
@click.option(
    "--count-by",
    type=click.Choice(["authority", "grade", "year", "framework"]),
    default=None,
    help="Count the matches by authority, by the report's grade (in --area, default "
    "overall), by year or by framework, instead of listing them.",
)
@library_options
@output_options()
def search(
    words: tuple[str, ...],
    regex: bool,
    selection: Any,
    area_given: bool,
    priority: tuple[str, ...],
    body: tuple[str, ...],
    count_by: str | None,
    reports: tuple[str, ...],
    no_cache: bool,
    jobs: int | None,
    fmt: str,
) -> None:
    """Search the recommendations of every report in the library.

    A recommendation matches when each of WORDS begins a word of its text, in any order,
    case and apostrophe ignored: "health histor" finds "health histories" and "health
    history". Filters combine; a report's date is published when printed, else the
    inspection's last day. The table highlights the matches; --json/--jsonl give one object
    per recommendation, --csv one row; --count-by answers "who gets this recommendation?".

    \b
    Examples:
      ofsted search health histor
      ofsted search health histor --count-by grade
      ofsted search "return home interview" --region London --since 2018-01-01 --json
      ofsted search --regex "(?i)private fostering|privately fostered" --framework sif
      ofsted search supervision --grade outstanding --grade good --priority improve
    """
    import re

    from .models import Body as Bodies
    from .models import Priority as Priorities
    from .search import (
        SEARCH_FIELDS,
        count_hits,
        counts_renderable,
        hit_csv_row,
        hit_json,
        hits_renderable,
        regex_matcher,
        word_matcher,
    )
    from .search import search as find

    if area_given and not selection.grades and count_by != "grade":
        raise click.UsageError("--area says which area --grade (or --count-by grade) reads")
    if regex:
        try:
            match = regex_matcher(" ".join(words))
        except re.error as exc:
            message = f"not a regular expression: {exc}"
            raise click.BadParameter(message, param_hint="WORDS") from None
    else:
        match = word_matcher(words)
    library = _Library(reports, no_cache, jobs).get()

    def name_of(report: Any) -> str:
        group = library.authority_of(report)
        return group.name if group is not None else report.local_authority or ""

    hits = find(
        selection.apply(library.reports),
        match,
        name_of,
        priorities=[Priorities(p) for p in priority],
        bodies=[Bodies(b) for b in body],
    )
    if count_by:
        counts = count_hits(hits, count_by, selection.area)
        if fmt == "table":
            _print(counts_renderable(counts, count_by))
        else:
            fields = [count_by, "recommendations", "reports", "authorities"]
            _write_rows(fmt, counts, fields)
    elif fmt == "table":
        _print(hits_renderable(hits))
    elif fmt == "csv":
        _write_rows(fmt, [hit_csv_row(h) for h in hits], SEARCH_FIELDS)
    else:
        _write_rows(fmt, [hit_json(h) for h in hits], [])


# --- Analyst outputs: export (issue 12; export.py, html_page.py).


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("db_path", metavar="DB.sqlite", type=click.Path(dir_okay=False))
@library_options
def export(db_path: str, reports: tuple[str, ...], no_cache: bool, jobs: int | None) -> None:
    """Write the report library to a SQLite database, for SQL, spreadsheets and Datasette.

    Tables: reports (one row per file, with the error of a file that could not be read),
    judgements (area, the row `ofsted compare` aligns it to, label, grade, page) and
    recommendations (position, text, body, priority, responsible, page), with keys,
    indexes on authority and date, and recommendations_fts, a full-text index of the
    recommendations. Running it again updates the file in place: new and changed files are
    written, files gone from the library deleted, the rest left alone. Files that cannot be
    read are counted in one line on stderr (-v names them) and the exit status is then 1.

    \b
    Examples:
      ofsted export reports.sqlite --reports ~/ofsted-reports
      sqlite3 reports.sqlite "SELECT local_authority, inspection_start FROM reports"
      datasette reports.sqlite
    """
    import time

    from .errors import OfstedError
    from .export import ExportError, export_library
    from .library import library_files, library_folders

    started = time.perf_counter()
    source = _Library(reports, no_cache, jobs)
    try:
        folders, bundled = library_folders(reports)
        files = library_files(folders)
    except OfstedError as exc:
        _fail(exc)
    if bundled and not source.quiet:
        click.echo(f"Note: exporting the bundled sample reports ({folders[0]}).", err=True)
    progress = _ProgressOnDemand(source.quiet)
    try:
        result = export_library(
            db_path, files, use_cache=not no_cache, jobs=jobs, progress=progress.start
        )
    except ExportError as exc:
        _fail(f"{db_path}: {exc}")
    finally:
        progress.close()
    source.skipped = result.failed
    source.report_skipped()
    if not source.quiet:
        click.echo(
            f"Exported {result.files} files to {inert(db_path)} in "
            f"{time.perf_counter() - started:.1f} s: {result.added} new, {result.changed} "
            f"changed, {result.removed} removed, {result.unchanged} unchanged.",
            err=True,
        )
    if result.failed:
        sys.exit(EXIT_INPUT_ERROR)


# --- Fetching reports from Ofsted (issue 13; fetch.py).


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("names", nargs=-1, metavar="AUTHORITY...")
@click.option(
    "--all", "every", is_flag=True, help="Every local authority Ofsted lists, not named ones."
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(["inspection", "focused_visit", "send", "jtai", "all"]),
    default=("inspection",),
    show_default=True,
    help="Which publications (repeatable): full inspections, focused visits, area SEND "
    "inspections, joint targeted area inspections, or all of every kind.",
)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="YYYY-MM-DD",
    help="Only publications published on or after this date.",
)
@click.option(
    "--into",
    type=click.Path(file_okay=False),
    default=None,
    metavar="DIR",
    help="The library folder to fill [default: the data folder, $OFSTED_DATA_DIR/reports, "
    "else ~/.local/share/ofsted-cli/reports or your platform's equivalent].",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Read Ofsted's pages and say what would be downloaded; download and write nothing.",
)
@click.option(
    "--jsonl", is_flag=True, help="One JSON object per file on stdout: its manifest row and status."
)
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    metavar="SECONDS",
    help="Pause between requests to Ofsted (one request at a time, always).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="Give up on a request when the server is silent this long (then retry).",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    metavar="N",
    help="Retries after a timeout, a cut-short download, HTTP 429 or 5xx, with a doubling "
    "pause ($OFSTED_FETCH_BACKOFF seconds first, default 2) or as long as Retry-After asks.",
)
@click.option(
    "--base-url",
    envvar="OFSTED_BASE_URL",
    default="https://reports.ofsted.gov.uk",
    show_default=True,
    metavar="URL",
    help="Another host serving Ofsted's pages and files (a mirror, a test server); "
    "also $OFSTED_BASE_URL.",
)
def fetch(
    names: tuple[str, ...],
    every: bool,
    kinds: tuple[str, ...],
    since: Any,
    into: str | None,
    dry_run: bool,
    jsonl: bool,
    delay: float,
    timeout: float,
    retries: int,
    base_url: str,
) -> None:
    """Download authorities' reports from Ofsted into the library, incrementally.

    Each AUTHORITY ("merton", "hull", "St Helens") is found in Ofsted's list of local
    authority children's services; the publications of the chosen --kind on its page are
    saved as DIR/<URN>_<name>/<kind> - <date>.pdf, and one line per file says what happened:
    "new", "already there" or "failed" with the reason. The manifest DIR/ofsted-manifest.json
    records each file (URN, kind, publication date, Ofsted's file ID, URL, sha256, when
    fetched), so a file is never downloaded twice: run it daily to keep a library current.

    A download is written under a temporary name and renamed only when complete and a PDF;
    a failed or interrupted (Ctrl-C) run keeps every complete file and leaves nothing
    half-written, and running the same command again resumes. Exit status 1 when any file
    failed, 130 when interrupted.

    Without --into, files go to the data folder, which list, compare and history read when
    no --reports or $OFSTED_REPORTS is given. Requests go one at a time with a pause
    (--delay) and a User-Agent naming this tool; HTTPS_PROXY / HTTP_PROXY / NO_PROXY apply.

    \b
    Examples:
      ofsted fetch merton barnet               full inspections of two authorities
      ofsted fetch merton --kind all           every publication on Merton's page
      ofsted fetch --all --since 2024-01-01    every authority's inspections since 2024
      ofsted fetch kent --dry-run              what would be downloaded
      ofsted fetch sutton --into ~/ofsted-reports --jsonl > fetched.jsonl
    """
    from pathlib import Path
    from urllib.parse import urlsplit

    from . import fetch as fetching
    from .datadir import reports_dir
    from .errors import OfstedError
    from .safe_text import inert

    if every and names:
        raise click.UsageError("give AUTHORITY names or --all, not both")
    if not every and not names:
        raise click.UsageError("name at least one AUTHORITY, or give --all for every one")
    base = base_url.rstrip("/")
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise click.BadParameter(f"{base_url!r} is not an http(s) URL", param_hint="--base-url")
    folder = Path(into).expanduser() if into else reports_dir()
    client = fetching.Client(delay=delay, timeout=timeout, retries=retries)
    say = _fetch_status_writer(jsonl)
    counts: dict[str, int] = {}
    try:
        try:
            providers = fetching.list_providers(client, base)
        except fetching.FetchError as exc:
            _fail(f"cannot read Ofsted's list of authorities ({base}): {exc}")
        try:
            chosen = providers if every else fetching.select_providers(names, providers)
        except OfstedError as exc:
            _fail(exc)
        outcomes = fetching.fetch_providers(
            client,
            folder,
            chosen,
            kinds=kinds,
            since=since.date() if since else None,
            files_url=fetching.files_url_for(base),
            warn=lambda text: click.echo(f"Warning: {inert(text)}", err=True),
            dry_run=dry_run,
        )
        for outcome in outcomes:
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
            say(outcome, kinds)
    except (fetching.LockedError, fetching.WriteError) as exc:
        _fail(exc)
    except KeyboardInterrupt:
        click.echo(_fetch_summary(counts, folder, dry_run), err=True)
        click.echo(
            "Interrupted: the complete files are kept and the one in progress was discarded; "
            "run the same command again to resume.",
            err=True,
        )
        sys.exit(EXIT_INTERRUPTED)
    click.echo(_fetch_summary(counts, folder, dry_run), err=True)
    if counts.get("failed"):
        click.echo("Run the same command again to retry the failed files.", err=True)
        sys.exit(EXIT_INPUT_ERROR)


#: The exit status of a run stopped by Ctrl-C (128 + SIGINT, as shells report it).
EXIT_INTERRUPTED = 130


def _fetch_status_writer(jsonl: bool) -> Callable[[Any, tuple[str, ...]], None]:
    """How each fetch outcome is shown: a line on stdout per file ("new", "already there",
    "failed: reason", "would fetch"), or its manifest row as JSON; a provider with nothing
    to fetch is a note on stderr."""
    from .fetch import describe_kinds
    from .safe_text import inert

    def say(outcome: Any, kinds: tuple[str, ...]) -> None:
        if outcome.status == "nothing":
            which = describe_kinds(kinds)
            click.echo(f"Note: {inert(outcome.relpath)}: Ofsted lists no {which}", err=True)
        elif jsonl:
            click.echo(json.dumps(outcome.as_json(), ensure_ascii=False))
        else:
            reason = f": {inert(outcome.error)}" if outcome.error else ""
            click.echo(f"{outcome.status:<13}  {inert(outcome.relpath)}{reason}")

    return say


def _fetch_summary(counts: dict[str, int], folder: Any, dry_run: bool) -> str:
    """The closing line on stderr, e.g. 'Fetched into DIR: 2 new, 4 already there, 1 failed.'"""
    from .safe_text import inert

    order = ("would fetch", "new", "already there", "failed")
    parts = [f"{counts[s]} {s}" for s in order if counts.get(s)] or ["no files"]
    verb = "Dry run, nothing written to" if dry_run else "Fetched into"
    return f"{verb} {inert(str(folder))}: {', '.join(parts)}."


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="ofsted")
