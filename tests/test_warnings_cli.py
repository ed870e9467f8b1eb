"""Warnings through the command line (issue 8, part 3): on stderr, in the JSON record, in the
CSV's warnings column, and --strict turning a record in doubt into an error record (exit 1).

The report is a generated one-page 2012-13 inspection whose publication date lies before its
inspection ended, which the facts check doubts.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ofsted_cli.cli import cli

from .conftest import minimal_pdf

LAC_2012 = [
    "Inspection of looked after children services",
    "Kent County Council",
    "Inspection dates: 15 - 19 July 2013",
    "Reporting inspector Catherine Mowbray HMI",
    "Published: {published}",
    "Record of main findings",
    "Overall effectiveness Adequate",
    "Capacity to improve Good",
    "Outcomes for looked after children and young people Adequate",
    "Quality of provision Adequate",
    "Leadership and management Adequate",
]

DOUBT = "published (2013-07-10) before the inspection ended (2013-07-19)"


def _report(tmp_path: Path, published: str) -> str:
    path = tmp_path / "kent.pdf"
    path.write_bytes(minimal_pdf([line.format(published=published) for line in LAC_2012]))
    return str(path)


@pytest.fixture
def doubted(tmp_path: Path) -> str:
    return _report(tmp_path, "10 July 2013")


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["parse", "--no-cache", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_a_clean_record_has_an_empty_warnings_list(tmp_path: Path) -> None:
    code, out, err = _run("--json", _report(tmp_path, "23 August 2013"))
    assert code == 0, err
    record = json.loads(out)
    assert record["warnings"] == []
    assert [j["grade"] for j in record["judgements"]] == ["adequate", "good"] + ["adequate"] * 3
    assert "Warning:" not in err


def test_a_warning_is_in_the_record_and_on_stderr_and_exit_is_0(doubted: str) -> None:
    code, out, err = _run("--json", doubted)
    assert code == 0
    assert json.loads(out)["warnings"] == [{"part": "facts", "message": DOUBT}]
    assert err.splitlines() == [f"Warning: {doubted}: facts: {DOUBT}"]


def test_csv_has_the_warnings_on_every_row(doubted: str) -> None:
    code, out, _ = _run("--csv", doubted)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 5
    assert {row["warnings"] for row in rows} == {f"facts: {DOUBT}"}


def test_strict_turns_a_doubted_record_into_an_error_record(doubted: str) -> None:
    code, out, err = _run("--json", "--strict", doubted)
    assert code == 1
    record = json.loads(out)
    assert record["error"] == {
        "type": "self_check_failed",
        "message": f"failed its self-checks: facts: {DOUBT}",
    }
    assert f"Warning: {doubted}: facts: {DOUBT}" in err.splitlines()


def test_strict_leaves_a_clean_record_alone(tmp_path: Path) -> None:
    code, out, err = _run("--json", "--strict", _report(tmp_path, "23 August 2013"))
    assert code == 0, err
    assert json.loads(out)["warnings"] == []
