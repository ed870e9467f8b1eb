"""Bad input never gives a traceback: one line on stderr naming the file and why, exit 1."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ofsted_cli.cli import cli


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _one_error_line(result, path) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Error: {path}: "), lines[0]
    assert "Traceback" not in result.output + result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("fixture", "code", "words"),
    [
        ("empty_file", "empty_file", "empty"),
        ("html_as_pdf", "not_a_pdf", "HTML page"),
        ("truncated_pdf", None, ""),
        ("encrypted_pdf", "encrypted_pdf", "password"),
        ("not_ofsted_pdf", "unrecognised_report", "not an Ofsted"),
    ],
)
def test_bad_file_gives_one_line_and_exit_1(runner, request, fixture, code, words):
    path = str(request.getfixturevalue(fixture))
    result = runner.invoke(cli, ["parse", path], catch_exceptions=False)
    assert result.exit_code == 1
    line = _one_error_line(result, path)
    assert words in line
    assert result.stdout == ""

    result = runner.invoke(cli, ["parse", "--json", path], catch_exceptions=False)
    assert result.exit_code == 1
    record = json.loads(result.stdout)
    assert record["source"]["path"] == path
    assert len(record["source"]["sha256"]) == 64
    if code:
        assert record["error"]["type"] == code
    else:  # a truncated PDF is either damaged or, once pdfium repairs it, not a full report
        assert record["error"]["type"] in {"corrupt_pdf", "unrecognised_report"}


def test_missing_path(runner, tmp_path):
    path = str(tmp_path / "nope.pdf")
    result = runner.invoke(cli, ["parse", "--jsonl", path], catch_exceptions=False)
    assert result.exit_code == 1
    assert "no such file" in _one_error_line(result, path)
    record = json.loads(result.stdout)
    assert record == {
        "source": {"path": path, "sha256": None},
        "error": {"type": "not_found", "message": "no such file or folder"},
    }


def test_folder_without_pdfs(runner, tmp_path):
    (tmp_path / "notes.txt").write_text("not a report")
    result = runner.invoke(cli, ["parse", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 1
    assert "no PDF files" in _one_error_line(result, str(tmp_path))


def test_good_files_still_parsed_alongside_bad_ones(runner, tmp_path, sample_pdf, empty_file):
    missing = str(tmp_path / "missing.pdf")
    result = runner.invoke(
        cli, ["parse", "--json", str(empty_file), str(sample_pdf), missing], catch_exceptions=False
    )
    assert result.exit_code == 1
    records = json.loads(result.stdout)
    assert [("error" in r) for r in records] == [True, False, True]
    assert records[1]["judgements"], records[1]
    assert len([x for x in result.stderr.splitlines() if x.startswith("Error: ")]) == 2


def test_usage_error_exit_2(runner):
    result = runner.invoke(cli, ["parse"], catch_exceptions=False)
    assert result.exit_code == 2
    result = runner.invoke(cli, ["parse", "--bogus", "x.pdf"], catch_exceptions=False)
    assert result.exit_code == 2


def test_damaged_pdf(runner, tmp_path):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    result = runner.invoke(cli, ["parse", "--jsonl", str(path)], catch_exceptions=False)
    assert result.exit_code == 1
    assert "damaged or truncated PDF" in _one_error_line(result, str(path))
    assert json.loads(result.stdout)["error"]["type"] == "corrupt_pdf"


def test_folder_given_as_report_file_is_searched(runner, tmp_path, sample_pdf):
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (nested / "report.PDF").write_bytes(sample_pdf.read_bytes())
    result = runner.invoke(cli, ["parse", "--json", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert [r["source"]["path"] for r in records] == [str(nested / "report.PDF")]


def test_a_reader_bug_is_one_line_and_v_adds_the_traceback(runner, sample_pdf, monkeypatch):
    """A bug in a reader costs that file: a one-line 'internal_error', the traceback with -v."""
    from ofsted_cli.frameworks import ilacs

    def broken(doc):
        raise KeyError("boom")

    monkeypatch.setattr(ilacs, "read", broken)
    result = runner.invoke(
        cli, ["parse", "--jobs", "1", "--jsonl", str(sample_pdf)], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert "KeyError" in _one_error_line(result, str(sample_pdf))
    assert json.loads(result.stdout)["error"]["type"] == "internal_error"

    result = runner.invoke(
        cli, ["parse", "-v", "--jobs", "1", "--jsonl", str(sample_pdf)], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert "raise KeyError" in result.stderr
