"""Every --csv: RFC 4180 (CRLF, quoting), UTF-8, one header row, formula-like text neutralised;
exact rows on the sample reports."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from ofsted_cli.cli import cli
from ofsted_cli.csv_output import safe_cell, write_csv

from .conftest import SAMPLES

LIBRARY = ["--reports", str(SAMPLES)]


def run_csv(*args: str) -> tuple[str, list[dict[str, str]]]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    text = result.stdout_bytes.decode("utf-8")  # .stdout would turn CRLF into LF
    return text, list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+44 20", "'+44 20"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Good", "Good"),
        ("16- and 17-year-olds", "16- and 17-year-olds"),
        (3, 3),
        (None, ""),
    ],
)
def test_formula_like_text_is_quoted_and_numbers_kept(value, cell):
    assert safe_cell(value) == cell


def test_write_csv_is_rfc4180():
    out = io.StringIO(newline="")
    write_csv([{"a": 'say "hi", then', "b": 2}, {"a": "=1+1"}], ["a", "b"], out)
    assert out.getvalue() == 'a,b\r\n"say ""hi"", then",2\r\n\'=1+1,\r\n'


def test_parse_csv_recommendations_one_row_each():
    path = str(SAMPLES / "merton-2025.pdf")
    text, rows = run_csv("parse", "--csv", "--recommendations", path)
    assert text.startswith(
        "file,local_authority,framework,inspection_start,inspection_end,position,text,body,"
        "priority,responsible,page,warnings\r\n"
    )
    assert text.count("\r\n") == 3
    assert rows[1] == {
        "file": path,
        "local_authority": "Merton",
        "framework": "ilacs",
        "inspection_start": "2025-07-14",
        "inspection_end": "2025-07-18",
        "position": "2",
        "text": "The service for 16- and 17-year-olds who present as homeless, in particular: "
        "- how well their needs are assessed; - the support they are given. (Outcome Three, "
        "National Framework)",
        "body": "local_authority",
        "priority": "improve",
        "responsible": "",
        "page": "2",
        "warnings": "",
    }


def test_parse_recommendations_needs_csv():
    result = CliRunner().invoke(cli, ["parse", "--recommendations", str(SAMPLES / "kent-2013.pdf")])
    assert result.exit_code == 2
    assert "--recommendations goes with --csv" in result.stderr


def test_parse_csv_kent_priorities_in_order():
    _, rows = run_csv("parse", "--csv", "--recommendations", str(SAMPLES / "kent-2013.pdf"))
    assert [(r["position"], r["priority"]) for r in rows] == [
        (str(n), "immediate" if n <= 3 else "improve") for n in range(1, 10)
    ]
    assert rows[6]["text"] == "speed up care proceedings."


def test_compare_csv_one_row_per_judged_cell():
    _, rows = run_csv("compare", "--csv", "merton", "kent", *LIBRARY)
    merton = str(SAMPLES / "merton-2025.pdf")
    kent = str(SAMPLES / "kent-2013.pdf")
    assert [(r["column"], r["row"], r["grade"], r["differs"]) for r in rows] == [
        ("1", "overall_effectiveness", "outstanding", "1"),
        ("2", "overall_effectiveness", "adequate", "1"),
        ("1", "leadership", "outstanding", "1"),
        ("2", "leadership", "adequate", "1"),
        ("1", "help_and_protection", "good", "0"),
        ("1", "children_in_care", "outstanding", "0"),
        ("1", "care_leavers", "outstanding", "0"),
        ("2", "capacity_to_improve", "good", "0"),
        ("2", "outcomes", "adequate", "0"),
        ("2", "quality_of_provision", "adequate", "0"),
    ]
    assert rows[3] == {
        "column": "2",
        "authority": "Kent",
        "local_authority": "Kent County Council",
        "framework": "lac_2012",
        "inspection_start": "2013-07-15",
        "inspection_end": "2013-07-19",
        "file": kent,
        "row": "leadership",
        "row_name": "Leadership and management",
        "area": "leadership_and_management",
        "label": "Leadership and management",
        "grade": "adequate",
        "page": "4",
        "differs": "1",
    }
    assert rows[0]["file"] == merton


def test_history_csv_marks_changes():
    _, rows = run_csv("history", "--csv", "merton", *LIBRARY)
    assert [(r["inspection_start"], r["row"], r["grade"], r["change"]) for r in rows] == [
        ("2017-06-12", "overall_effectiveness", "good", ""),
        ("2025-07-14", "overall_effectiveness", "outstanding", "up"),
        ("2017-06-12", "leadership", "outstanding", ""),
        ("2025-07-14", "leadership", "outstanding", "same"),
        ("2017-06-12", "help_and_protection", "good", ""),
        ("2025-07-14", "help_and_protection", "good", "same"),
        ("2017-06-12", "children_in_care", "good", ""),
        ("2025-07-14", "children_in_care", "outstanding", "up"),
        ("2017-06-12", "adoption", "outstanding", ""),
        ("2017-06-12", "care_leavers", "good", ""),
        ("2025-07-14", "care_leavers", "outstanding", "up"),
        ("2017-06-12", "lscb", "outstanding", ""),
    ]
    assert rows[0]["authority"] == "Merton"
    assert rows[0]["label"] == "Children’s services in the London Borough of Merton are good"


def test_list_csv_rows():
    text, rows = run_csv("list", "--csv", *LIBRARY)
    assert text.split("\r\n")[0] == (
        "authority,local_authority,framework,inspection_start,inspection_end,published,"
        "overall_effectiveness,send_outcome,file"
    )
    fields = ("authority", "inspection_start", "overall_effectiveness", "send_outcome")
    assert [tuple(r[f] for f in fields) for r in rows] == [
        ("Barnet", "2019-05-13", "good", ""),
        ("Derbyshire", "2024-09-23", "", "systemic_failings"),
        ("Dorset", "2023-05-17", "", ""),
        ("Dorset", "2024-03-11", "", "positive"),
        ("Kent", "2013-07-15", "adequate", ""),
        ("Kirklees", "2019-06-10", "requires_improvement", ""),
        ("Kirklees", "2022-06-27", "", ""),
        ("Merton", "2017-06-12", "good", ""),
        ("Merton", "2025-07-14", "outstanding", ""),
        ("North East Lincolnshire", "2019-03-14", "", ""),
    ]


@pytest.mark.parametrize(
    "args",
    [
        ("summary", "--at", "2020-01-01", "--csv"),
        ("search", "health", "histor", "--csv"),
        ("search", "return", "home", "--count-by", "grade", "--csv"),
    ],
)
def test_summary_and_search_csv_are_rfc4180(args):
    """summary and search write through the same writer as the rest: CRLF after every row."""
    text, rows = run_csv(*args, *LIBRARY)
    assert rows
    assert text.endswith("\r\n")
    assert text.count("\r\n") == len(rows) + 1


def test_readme_names_every_csv_column():
    """The README's column lists are the code's (render.py is their single source)."""
    from ofsted_cli.render import CSV_FIELDS, RECOMMENDATION_FIELDS, comparison_fields

    readme = " ".join((SAMPLES.parent / "README.md").read_text(encoding="utf-8").split())
    assert f"`{', '.join(CSV_FIELDS)}`" in readme
    assert f"`{', '.join(RECOMMENDATION_FIELDS)}`" in readme
    assert f"`{', '.join(comparison_fields(True)[:-1])}`, then `differs`" in readme


def test_html_note_follows_quiet(tmp_path):
    page = tmp_path / "page.html"
    result = CliRunner().invoke(
        cli, ["history", "merton", "--html", str(page), "-q", *LIBRARY], catch_exceptions=False
    )
    assert result.exit_code == 0 and result.stderr == ""
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
