"""The ``ofsted`` command: a thin click layer over the library.

Data goes to stdout, diagnostics to stderr. Exit status: 0 when every input was read,
1 when any input could not be read (the others are still output), 2 for usage errors.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

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
        func = click.option(*decl, "fmt", flag_value=value, default=value == "table", help=text)(
            func
        )
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
    """


def stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _error_line(path: str, reason: str) -> None:
    click.echo(f"Error: {path}: {reason}", err=True)


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, required=True, metavar="FILE_OR_FOLDER...")
@output_options
@verbose_option
def parse(paths: tuple[str, ...], fmt: str, verbose: bool) -> None:
    """Read inspection reports: facts, judgements and recommendations.

    Each FILE_OR_FOLDER is a report PDF or a folder searched recursively for PDFs. A file
    that cannot be read is named on stderr with the reason; the others are still output
    (in --json/--jsonl as an error record in the failed file's place) and the exit
    status is 1.

    \b
    Examples:
      ofsted parse sample_reports/barnet-2019.pdf
      ofsted parse --json sample_reports/merton-2017.pdf | jq '.judgements'
      ofsted parse --jsonl reports/ > reports.jsonl
    """
    from pathlib import Path

    from .batch import iter_results
    from .errors import OfstedError
    from .files import expand_paths
    from .models import ErrorRecord, Report
    from .parser import error_record

    expanded = expand_paths(paths)
    failed = False

    def in_order() -> Iterator[Report | ErrorRecord]:
        """Parsed files and path errors interleaved as the paths were given."""
        parsed = iter_results(expanded.files, with_traceback=verbose)
        for entry in expanded.entries:
            yield (
                error_record(entry.path, entry) if isinstance(entry, OfstedError) else next(parsed)
            )

    def results() -> Iterator[Report | ErrorRecord]:
        nonlocal failed
        for record in in_order():
            if isinstance(record, ErrorRecord):
                failed = True
                message = record.error.message
                first, _, rest = message.partition("\n")
                _error_line(record.source.path, first)
                if verbose and rest:
                    click.echo(rest, err=True)
            yield record

    single = len(paths) == 1 and not Path(paths[0]).is_dir()
    if fmt == "json":
        _write_json(results(), single)
    elif fmt == "jsonl":
        for record in results():
            click.echo(json.dumps(record.model_dump(mode="json"), ensure_ascii=False))
    elif fmt == "csv":
        _write_csv(r for r in results() if isinstance(r, Report))
    else:
        _write_tables(r for r in results() if isinstance(r, Report))
    if failed:
        sys.exit(EXIT_INPUT_ERROR)


def _write_json(records: Iterator[Any], single: bool) -> None:
    """One object for one file, else an array written as each record arrives."""
    if single:
        for record in records:
            click.echo(json.dumps(record.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    click.echo("[", nl=False)
    first = True
    for record in records:
        text = json.dumps(record.model_dump(mode="json"), indent=2, ensure_ascii=False)
        click.echo(("\n" if first else ",\n") + text, nl=False)
        first = False
    click.echo("\n]" if not first else "]")


def _write_csv(reports: Iterator[Any]) -> None:
    from .render import CSV_FIELDS, csv_rows

    out = click.get_text_stream("stdout")
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


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="ofsted")
