"""Every table fits 60, 80 and 120 columns: no line too wide, no border lost, no word split;
grades distinct on 16 colours and by text without colour; PDF text never markup or control."""

from __future__ import annotations

import io
import json
import re
from typing import Literal

import pytest
from click.testing import CliRunner
from rich.cells import cell_len
from rich.console import Console

from ofsted_cli.cli import cli
from ofsted_cli.compare import align
from ofsted_cli.fit import Measure, column_widths
from ofsted_cli.models import Grade
from ofsted_cli.render import (
    GRADE_CODES,
    GRADE_NAMES,
    comparison_renderable,
    list_renderable,
    list_row,
    report_renderable,
)

from .conftest import SAMPLES
from .hostile import AUTHORITY, hostile_report

LIBRARY = ["--reports", str(SAMPLES)]
WIDTHS = [60, 80, 120]
LEFT_EDGES, RIGHT_EDGES = set("┏┃┡│└├┗┣"), set("┓┃┩│┘┤┛┫")

#: The words each command must show whole, whatever the width: the library's names for the
#: authorities (the reference table's), and a report given as a file is named as printed.
AUTHORITIES = "Merton Barnet Kirklees Kent"
PRINTED = "London Borough of Merton Council"
AREAS = (
    "Overall effectiveness Leadership and management Help protection Children in care "
    "(looked after) Care leavers Capacity to improve Outcomes for children Quality of provision"
)


def run(width: int, *args: str) -> str:
    result = CliRunner(env={"COLUMNS": str(width), "NO_COLOR": "1"}).invoke(
        cli, list(args), catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def check_fit(out: str, width: int, words: str) -> None:
    """No line wider than the terminal, every table line closed by its right border, and
    each of ``words`` whole somewhere in the output."""
    for line in out.splitlines():
        assert cell_len(line) <= width, line
        text = line.rstrip()
        if text and text[0] in LEFT_EDGES:
            assert text[-1] in RIGHT_EDGES, f"border lost: {line!r}"
    shown = set(re.split(r"[\s┃│┏┓┡┩└┘━─┳╇┻┴┬┼,:]+", out))
    missing = [word for word in words.split() if word.rstrip(",:") not in shown]
    assert missing == [], f"split or missing at {width} columns: {missing}\n{out}"


def grade_words(out: str, grades: list[Grade]) -> str:
    """A grade shows as its name or, in the compact layout, as its code."""
    codes = set(out.split())
    return " ".join(GRADE_CODES[g] if GRADE_CODES[g] in codes else GRADE_NAMES[g] for g in grades)


@pytest.mark.parametrize("width", WIDTHS)
def test_compare_five_columns_fits(width):
    out = run(
        width, "compare", "merton", "barnet", "kirklees", "kent",
        str(SAMPLES / "merton-2017.pdf"), *LIBRARY,
    )  # fmt: skip
    grades = [Grade.OUTSTANDING, Grade.GOOD, Grade.ADEQUATE, Grade.REQUIRES_IMPROVEMENT]
    words = f"{AUTHORITIES} {PRINTED} {AREAS} Adoption {grade_words(out, grades)}"
    check_fit(out, width, words)
    assert ("RI" in out.split()) == (width < 120)  # codes only where the names do not fit
    if width < 120:
        assert "3 Kirklees, 2019-06-10, ILACS" in out
        assert "5 London Borough of Merton Council, 2017-06-12, SIF" in out
        grades_key = "Grades: O outstanding, G good, A adequate, RI requires improvement."
        assert grades_key in " ".join(out.split())


@pytest.mark.parametrize("width", WIDTHS)
def test_compare_with_labels_fits(width):
    out = run(width, "compare", "--labels", "merton", "kirklees", "kent", *LIBRARY)
    labels = "The impact of leaders on social work practice with children and families"
    check_fit(out, width, f"{labels} Outcomes for looked after children and young people")


@pytest.mark.parametrize("width", WIDTHS)
def test_history_fits(width):
    out = run(width, "history", "merton", *LIBRARY)
    grades = grade_words(out, [Grade.OUTSTANDING, Grade.GOOD])
    check_fit(out, width, f"Merton 2017-06-12 2025-07-14 Safeguarding Board {grades} ↑")


@pytest.mark.parametrize("width", WIDTHS)
def test_list_fits_and_names_files_not_paths(width):
    out = run(width, "list", *LIBRARY)
    assert str(SAMPLES) not in out
    grades = grade_words(out, [Grade.REQUIRES_IMPROVEMENT, Grade.OUTSTANDING, Grade.ADEQUATE])
    files = " ".join(p.name for p in SAMPLES.glob("*.pdf"))  # the longest, 46 characters
    assert "north-east-lincolnshire-focused-visit-2019.pdf" in files
    names = f"{AUTHORITIES} Derbyshire Dorset North East Lincolnshire"
    outcomes = "Systemic failings Positive"
    check_fit(out, width, f"{names} {files} {grades} {outcomes} 2019-06-21 ILACS SIF JTAI")
    assert out.startswith("10 reports of 7 authorities")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.pdf")))
def test_parse_fits(width, name):
    out = run(width, "parse", str(SAMPLES / name))
    data = json.loads(CliRunner().invoke(cli, ["parse", "--json", str(SAMPLES / name)]).stdout)
    words = " ".join(
        [j["label"] for j in data["judgements"]] + [r["text"] for r in data["recommendations"]]
    )
    check_fit(out, width, words)


def test_column_widths_keep_words_and_give_prose_first():
    measures = [
        Measure(["Kirklees Metropolitan Borough Council"]),
        Measure(["2019-06-10 to 2019-06-21"], order=1),
    ]
    assert column_widths(measures, 80) == [37, 24]
    assert column_widths(measures, 50) == [19, 24]  # the prose wraps, the dates stay whole
    assert column_widths(measures, 35) == [12, 16]
    assert column_widths(measures, 29) == [12, 10]
    assert column_widths(measures, 28) is None  # "Metropolitan" and a date cannot both fit


def render(renderable, *, colours: Literal["standard"] | None = "standard") -> str:
    out = io.StringIO()
    console = Console(file=out, width=100, force_terminal=colours is not None, color_system=colours)
    console.print(renderable)
    return out.getvalue()


def test_pdf_text_is_never_markup_or_terminal_control():
    report = hostile_report()
    comparison = align([report, report], [AUTHORITY] * 2)
    history = comparison_renderable(comparison, labels=False, trend=True, title="[i]T[/i]\x1b")
    evil = "[bold]Evil[/bold] <script>alert(1)</script> & \\x1b]0;title\\x07Council"
    for renderable, shown in [
        (report_renderable(report), evil),
        (comparison_renderable(comparison, labels=True, trend=False), "[bold]Evil[/bold]"),
        (history, "[i]T[/i]\\x1b"),
        (list_renderable([list_row(report, report.local_authority)], "1 report"), "[bold]Evil"),
    ]:
        out = render(renderable, colours=None)
        assert "\x1b" not in out and "\x07" not in out
        assert shown in out
    parsed = render(report_renderable(report), colours=None)
    assert '[blink]x" onmouseover="y[/blink]\\x1b[2J' in parsed
    assert "Stop <img src=http://x> \\x1b[31m[red]now[/red]" in parsed
    assert "[link=http://x]A[/link]" in parsed
    assert "/abs/dir/[red]x[/red]" in parsed


def sgr(out: str, word: str) -> str:
    """The escape sequence that colours ``word``."""
    found = re.search(r"(\x1b\[[0-9;]*m)" + re.escape(word), out)
    assert found, out
    return found.group(1)


def test_grades_distinct_on_16_colours_and_without_colour():
    grades = [Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE]
    reports = [hostile_report(grade, f"A{n}") for n, grade in enumerate(grades)]
    comparison = align(reports, [f"A{n}" for n in range(len(grades))])
    out = render(comparison_renderable(comparison, labels=False, trend=False))
    codes = [sgr(out, GRADE_NAMES[g]) for g in grades]
    assert len(set(codes)) == len(codes)
    assert codes[2] == "\x1b[1;33m" and codes[3] == "\x1b[1;31m"  # yellow vs red
    plain = render(comparison_renderable(comparison, labels=False, trend=False), colours=None)
    assert "\x1b" not in plain
    assert all(GRADE_NAMES[g] in plain for g in grades)
