"""Adding a report family is one checked step.

- every :class:`Framework` member has exactly one reader in ``READERS``, with display names;
- every document (the samples, and each PDF of the real corpora when present) matches exactly
  one reader, so the order of ``READERS`` cannot decide a document's family;
- every framework renders in every output: the table view, --json, --jsonl, --csv, list,
  compare and history.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from ofsted_cli.cli import cli
from ofsted_cli.compare import AREA_ROWS, align, comparison_json
from ofsted_cli.frameworks import READERS, Reader, reader_for
from ofsted_cli.models import (
    Area,
    Body,
    Framework,
    Grade,
    Judgement,
    Priority,
    Recommendation,
    Report,
    Source,
)
from ofsted_cli.parser import parse_report
from ofsted_cli.pdf import Document
from ofsted_cli.render import (
    CSV_FIELDS,
    LIST_FIELDS,
    comparison_renderable,
    csv_rows,
    list_renderable,
    list_row,
    report_renderable,
)

from .conftest import SAMPLES

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
CORPUS = SHARED / "corpus"
NEW_KINDS = SHARED / "corpus-fv-send-jtai"


#: Frameworks whose reader another branch is writing (issue 11: b1).
def each_framework() -> list[object]:
    """Every framework as a test parameter."""
    return [pytest.param(framework, id=framework.value) for framework in Framework]


# --- one reader per framework, with display names ------------------------------------------


@pytest.mark.parametrize("framework", each_framework())
def test_every_framework_has_one_reader_with_display_names(framework: Framework) -> None:
    readers = [r for r in READERS if r.FRAMEWORK is framework]
    assert len(readers) == 1
    assert reader_for(framework) is readers[0]
    assert readers[0].NAME.strip() and readers[0].SHORT.strip()


def test_readers_are_distinct() -> None:
    assert len({r.FRAMEWORK for r in READERS}) == len(READERS)
    assert len({r.NAME for r in READERS}) == len(READERS)
    assert len({r.SHORT for r in READERS}) == len(READERS)


# --- each document matches exactly one reader -----------------------------------------------


def matching(path: Path) -> list[Framework]:
    """The frameworks whose reader claims the document (page texts only)."""
    with Document(path) as doc:
        return [r.FRAMEWORK for r in READERS if r.matches(doc)]


def test_each_sample_matches_exactly_one_reader() -> None:
    samples = sorted(SAMPLES.glob("*.pdf"))
    assert samples, f"no sample reports in {SAMPLES}"
    for path in samples:
        claims = matching(path)
        assert claims == [parse_report(path).framework], path.name


def _gold(folder: Path) -> list[dict]:
    lines = (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _mismatches(folder: Path, records: list[dict]) -> list[str]:
    """The documents that do not match exactly their own family's reader."""
    wrong = []
    for g in records:
        claims = matching(folder / "reports" / g["file"])
        if claims != [Framework(g["framework"])]:
            wrong.append(f"{g['file']}: {g['framework']} matched by {[c.value for c in claims]}")
    return wrong


@pytest.mark.skipif(not (CORPUS / "gold.jsonl").is_file(), reason=f"no corpus at {CORPUS}")
def test_each_corpus_report_matches_exactly_its_own_reader() -> None:
    records = [g for g in _gold(CORPUS) if g.get("is_pdf", True)]
    assert _mismatches(CORPUS, records) == []


def each_new_kind() -> list[str]:
    return ["area_send", "focused_visit", "jtai"]


@pytest.mark.skipif(not (NEW_KINDS / "gold.jsonl").is_file(), reason=f"no corpus at {NEW_KINDS}")
@pytest.mark.parametrize("kind", each_new_kind())
def test_each_new_kind_matches_exactly_its_own_reader(kind: str) -> None:
    records = [g for g in _gold(NEW_KINDS) if g["framework"] == kind]
    assert records
    assert _mismatches(NEW_KINDS, records) == []


# --- every framework renders in every output ------------------------------------------------

#: Real records from the samples, where a sample of the framework exists.
SAMPLE_OF = {
    Framework.ILACS: "barnet-2019.pdf",
    Framework.SIF: "merton-2017.pdf",
    Framework.LAC_2012: "kent-2013.pdf",
    Framework.AREA_SEND: "derbyshire-send-2024.pdf",
}


def constructed(framework: Framework) -> Report:
    """A record of ``framework`` built by hand: a judgement for each area it is aligned on
    (none for the kinds that grade nothing) and one priority action."""
    areas = [row.areas[framework] for row in AREA_ROWS if framework in row.areas]
    grade = Grade.POSITIVE if framework is Framework.AREA_SEND else Grade.GOOD
    return Report(
        source=Source(path=f"{framework.value}.pdf", sha256="0" * 64, pages=3),
        framework=framework,
        local_authority="Anyshire County Council",
        inspection_start=date(2024, 3, 4),
        inspection_end=date(2024, 3, 8),
        published=None,
        lead_inspector=None,
        judgements=[Judgement(area=a, label=a.value, grade=grade, page=1) for a in areas],
        recommendations=[
            Recommendation(
                text="Leaders should act.",
                body=Body.LOCAL_AUTHORITY,
                priority=Priority.PRIORITY_ACTION,
                page=2,
            )
        ],
    )


def record_of(framework: Framework) -> Report:
    name = SAMPLE_OF.get(framework)
    if name:  # a missing sample fails here rather than falling back to a made-up record
        assert (SAMPLES / name).is_file(), name
        report = parse_report(SAMPLES / name)
        assert report.framework is framework
        return report
    return constructed(framework)


def _text(renderable: object) -> str:
    console = Console(width=120, record=True, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.export_text()


@pytest.mark.parametrize("framework", each_framework())
def test_every_framework_renders_in_every_output(framework: Framework) -> None:
    report = record_of(framework)
    name, short = reader_for(framework).NAME, reader_for(framework).SHORT
    assert name in _text(report_renderable(report))
    data = json.loads(report.model_dump_json())
    assert data["framework"] == framework.value
    assert "\n" not in report.model_dump_json()  # one --jsonl line
    rows = list(csv_rows(report))
    assert len(rows) == max(1, len(report.judgements))
    out = io.StringIO()
    csv.DictWriter(out, fieldnames=CSV_FIELDS).writerows(rows)
    assert framework.value in out.getvalue()
    listed = list_row(report, "Anyshire")
    assert list(listed) == LIST_FIELDS and listed["framework"] == framework.value
    assert short in _text(list_renderable([listed], "1 report"))
    ilacs = constructed(Framework.ILACS)
    for trend in (False, True):
        comparison = align([ilacs, report], ["Anyshire", "Anyshire"], trend=trend)
        assert short in _text(comparison_renderable(comparison, labels=True, trend=trend))
        assert comparison_json(comparison, trend=trend)["columns"][1]["framework"] == (
            framework.value
        )


def test_history_shows_every_kind_in_date_order() -> None:
    """History over reports of every framework whose reader exists: a column each."""
    kinds = list(Framework)
    reports = [
        constructed(f).model_copy(update={"inspection_start": date(2010 + i, 1, 1)})
        for i, f in enumerate(kinds)
    ]
    comparison = align(reports, ["Anyshire"] * len(reports), trend=True)
    text = _text(comparison_renderable(comparison, labels=False, trend=True, title="Anyshire"))
    for report in reports:
        assert str(report.inspection_start) in text
    assert "Area SEND outcome" in text


def test_history_shows_ungraded_visits_and_their_priority_actions() -> None:
    """A focused visit or JTAI grades nothing: its column says what it is and how many
    priority actions it names, in the history table and in --json; a comparison of such
    reports alone (no graded row at all) renders too."""
    visit = constructed(Framework.FOCUSED_VISIT)
    jtai = constructed(Framework.JTAI).model_copy(update={"inspection_start": date(2025, 1, 6)})
    ilacs = constructed(Framework.ILACS).model_copy(update={"inspection_start": date(2022, 5, 9)})
    comparison = align([ilacs, visit, jtai], ["Anyshire"] * 3, trend=True)
    text = _text(comparison_renderable(comparison, labels=False, trend=True, title="Anyshire"))
    short = reader_for(Framework.FOCUSED_VISIT).SHORT
    assert short in text and "1 priority action" in text
    columns = comparison_json(comparison, trend=True)["columns"]
    assert [(c["graded"], c["priority_actions"]) for c in columns] == [
        (True, 1),
        (False, 1),
        (False, 1),
    ]
    alone = align([visit, jtai], ["Anyshire"] * 2, trend=False)
    assert alone.rows == []
    assert "1 priority action" in _text(comparison_renderable(alone, labels=True, trend=False))


def test_cli_outputs_over_the_samples() -> None:
    """parse in each format, list, compare and history over the bundled samples: every
    framework with a sample goes through the real commands without error."""
    files = [str(p) for p in sorted(SAMPLES.glob("*.pdf"))]
    assert files, f"no sample reports in {SAMPLES}"
    runner = CliRunner()
    for fmt in ("--table", "--json", "--jsonl", "--csv"):
        result = runner.invoke(cli, ["parse", fmt, *files], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
    result = runner.invoke(cli, ["list", "--json"], catch_exceptions=False)
    assert result.exit_code == 0
    listed = {row["framework"] for row in json.loads(result.stdout)}
    assert listed == {f.value for f in Framework} - {"lscb_review"}
    for args in (["compare", "derbyshire", "dorset"], ["history", "derbyshire"]):
        result = runner.invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0 and "Area SEND outcome" in result.stdout


def _reader_protocol(reader: Reader) -> Reader:
    return reader


def test_readers_follow_the_protocol() -> None:
    for reader in READERS:
        assert isinstance(_reader_protocol(reader).FRAMEWORK, Framework)
        assert callable(reader.matches) and callable(reader.read)
    assert Area.SEND_OUTCOME in {a for row in AREA_ROWS for a in row.areas.values()}
