"""The wording rules every family shares: dates, grades, inspector names."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest

from ofsted_cli.frameworks import vocabulary
from ofsted_cli.frameworks.common import (
    GRADE_OPENING,
    GRADE_PHRASE,
    INSPECTOR_TITLE,
    JUDGED_PHRASE,
    MONTH_NAME,
    MONTHS,
    PrintedLines,
    collapse,
    forced_break,
    grade_of,
    join_wrapped,
    line_key,
    parse_date,
    parse_date_range,
    strip_inspector_title,
)
from ofsted_cli.models import Grade
from ofsted_cli.pdf import Line, Word


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("13 May to 24 May 2019", date(2019, 5, 13), date(2019, 5, 24)),
        ("15 – 19 July 2013", date(2013, 7, 15), date(2013, 7, 19)),
        ("14 January – 5 February 2014", date(2014, 1, 14), date(2014, 2, 5)),
        ("9–24 November 2017", date(2017, 11, 9), date(2017, 11, 24)),
        ("4 June 2018–28 June 2018", date(2018, 6, 4), date(2018, 6, 28)),
        ("12/09/2016 to 06/10/2016", date(2016, 9, 12), date(2016, 10, 6)),
        ("28 July 2016", date(2016, 7, 28), date(2016, 7, 28)),
        (
            "19 November-11 December 2013 and 28 – 30 January 2014",
            date(2013, 11, 19),
            date(2014, 1, 30),
        ),
        (
            "8 July 2019 to 12 July 2019 and 7 August 2019 to 8 August 2019",
            date(2019, 7, 8),
            date(2019, 8, 8),
        ),
    ],
)
def test_date_ranges_span_first_to_last_day(phrase, start, end):
    assert parse_date_range(phrase) == (start, end)


def test_no_date_gives_none():
    assert parse_date_range("to be confirmed") == (None, None)
    assert parse_date("Report published: 31 February 2017") is None


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("Requires improvement to be good", Grade.REQUIRES_IMPROVEMENT),
        ("require improvement", Grade.REQUIRES_IMPROVEMENT),
        ("Inadequate", Grade.INADEQUATE),
        ("adequate", Grade.ADEQUATE),
        ("Not judged", Grade.NOT_JUDGED),
        ("OUTSTANDING", Grade.OUTSTANDING),
        ("good", Grade.GOOD),
        ("no grade here", None),
    ],
)
def test_grade_words(text, grade):
    assert grade_of(text) == grade


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("Andy Whippey, Her Majesty’s Inspector", "Andy Whippey"),
        ("Jenny-ellen Scotland, His Majesty's Inspector", "Jenny-ellen Scotland"),
        ("Helen Cawston HMI", "Helen Cawston"),
        ("Sarah Canto", "Sarah Canto"),
    ],
)
def test_inspector_titles_are_stripped(printed, name):
    assert strip_inspector_title(printed) == name


def test_collapse_folds_whitespace():
    assert collapse("  a \n b\t c ") == "a b c"


def test_join_wrapped_hyphens_and_whitespace():
    """Every reader joins an item's wrapped lines by this one rule."""
    assert join_wrapped(["decision-", "making is timely"]) == "decision-making is timely"
    assert join_wrapped(["children who are privately fostered, 16-", "and 17-year-olds"]) == (
        "children who are privately fostered, 16- and 17-year-olds"
    )
    assert join_wrapped(["for 16-", "or 17-year-olds"]) == "for 16- or 17-year-olds"
    assert join_wrapped(["the pledge for 16- and 17", "-year-olds"]) == (
        "the pledge for 16- and 17-year-olds"
    )
    assert join_wrapped(["  a  b ", "", "c", " d "]) == "a b c d"


# --- one vocabulary (issue 8, part 5) --------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "grade"),
    [
        ("requires improvement to be good", Grade.REQUIRES_IMPROVEMENT),
        ("require improvement to be good", Grade.REQUIRES_IMPROVEMENT),
        ("requires improvement, to be good", Grade.REQUIRES_IMPROVEMENT),  # the checks' too
        ("Requires\nimprovement", Grade.REQUIRES_IMPROVEMENT),
        ("not judged", Grade.NOT_JUDGED),
        ("inadequate", Grade.INADEQUATE),
    ],
)
def test_grade_phrase_accepts_natural_variants(phrase: str, grade: Grade) -> None:
    assert re.fullmatch(GRADE_PHRASE, phrase, re.I)
    assert grade_of(phrase) == grade


def test_judged_phrase_has_no_not_judged() -> None:
    assert re.fullmatch(JUDGED_PHRASE, "good", re.I)
    assert not re.fullmatch(JUDGED_PHRASE, "not judged", re.I)


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        ("Requires", True),
        ("require", True),
        ("Not judged", True),
        ("Not", True),  # wrapped "Not" / "judged"
        ("Not all children", False),
        ("to be good", False),
        ("adequate", True),
    ],
)
def test_grade_opening_word(text: str, opens: bool) -> None:
    assert bool(re.match(rf"^{GRADE_OPENING}\b", text, re.I)) is opens


def test_inspector_title_any_apostrophe_and_plural() -> None:
    assert INSPECTOR_TITLE.split("A B, Her Majesty`s Inspectors, and C D HMI") == [
        "A B",
        "and C D",
        "",
    ]


def test_months_full_short_and_sept() -> None:
    assert (MONTHS["september"], MONTHS["sep"], MONTHS["sept"], MONTHS["may"]) == (9, 9, 9, 5)
    assert re.fullmatch(MONTH_NAME, "Sept", re.I) and not re.fullmatch(MONTH_NAME, "Mon", re.I)


READER_SOURCES = ("ilacs.py", "sif.py", "lac2012.py", "lscb.py", "common.py")


def _code_strings(source: str) -> str:
    """The string literals of a module's code, without its docstrings."""
    tree = ast.parse(source)
    docs = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return "\n".join(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
    )


@pytest.mark.parametrize("name", READER_SOURCES)
def test_readers_do_not_spell_the_vocabulary_themselves(name: str) -> None:
    """Grades, months and bullet glyphs are defined once, in vocabulary.py."""
    code = _code_strings((Path(vocabulary.__file__).parent / name).read_text(encoding="utf-8"))
    assert not re.search(r"outstanding\s*\||\|\s*inadequate|improvement\(\?:", code)
    assert "january" not in code.lower() and "jan|feb" not in code.lower()
    assert not re.search("[◼■▪●•\uf0b7\uf06e\uf0a7]", code)
    assert not re.search(r"\\u(?:f0|25|2022)", code)  # glyphs escaped in a raw string


def test_the_vocabulary_check_can_fail() -> None:
    assert re.search("[◼■▪●•\uf0b7\uf06e\uf0a7]", _code_strings('X = "[\uf0b7]"'))
    assert re.search(r"\\u(?:f0|25|2022)", _code_strings('X = r"[\\u25fc]"'))
    assert not _code_strings('"""Docstring: ◼ outstanding|good."""')


# --- other documents are not this package's reports ---------------------------------------------

OTHER_DOCUMENTS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus-fv-send-jtai"


@pytest.mark.skipif(
    not (OTHER_DOCUMENTS / "reports").is_dir(),
    reason="../shared/corpus-fv-send-jtai (focused visits, area SEND, JTAI) is absent",
)
def test_focused_visits_send_and_jtai_match_none_of_these_readers() -> None:
    """Focused-visit letters (which may name the single inspection framework), area SEND
    reports and JTAI letters belong to their own readers, never to ILACS, SIF, LSCB or LAC."""
    from ofsted_cli.frameworks import ilacs, lac2012, lscb, sif
    from ofsted_cli.pdf import Document

    matched = []
    for path in sorted((OTHER_DOCUMENTS / "reports").rglob("*.pdf")):
        with Document(path) as doc:
            found = [r.SHORT for r in (ilacs, sif, lscb, lac2012) if r.matches(doc)]
        if found:
            matched.append((path.name, found))
    assert matched == []


# --- printed lines: forced breaks ---------------------------------------------------------------


def _printed(*words: tuple[str, float, float], top: float = 100.0) -> Line:
    return Line(tuple(Word(text, x0, x1, top, top + 10) for text, x0, x1 in words))


@pytest.mark.parametrize(("right", "forced"), [(458.0, True), (457.9, False)])
def test_forced_break_boundary(right: float, forced: bool) -> None:
    """The next line's first word (50 wide) would have fitted after the line (ending at 400,
    word gaps of 4) with a space either side: 400 + 4 + 50 + 4 = 458."""
    before = _printed(("ends", 350.0, 376.0), ("here", 380.0, 400.0))
    after = _printed(("fiftywide", 107.0, 157.0), ("rest", 161.0, 181.0), top=115.0)
    assert forced_break(before, after, right) is forced


@pytest.mark.parametrize(("right", "forced"), [(456.6, True), (456.5, False)])
def test_forced_break_default_space_on_a_one_word_line(right: float, forced: bool) -> None:
    """A one-word line has no gap to measure: the space is 3.3 points."""
    before = _printed(("alone", 350.0, 400.0))
    after = _printed(("fiftywide", 107.0, 157.0), top=115.0)
    assert forced_break(before, after, right) is forced


class _LinesDoc:
    def __init__(self, lines: list[Line]) -> None:
        self._lines = lines

    def lines(self, page_no: int) -> list[Line]:
        return self._lines


def test_right_edge_is_where_running_text_ends() -> None:
    """Lines of three words or more are running text; a page number or a two-word label may
    stand further right."""
    three = _printed(("a", 72.0, 80.0), ("b", 84.0, 90.0), ("c", 94.0, 500.0))
    two = _printed(("Page", 480.0, 500.0), ("3", 504.0, 520.0), top=800.0)
    printed = PrintedLines(_LinesDoc([three, two]))  # type: ignore[arg-type]
    assert printed.right_edge(1) == 500.0
    assert printed.find(1, "a b c") == three
    assert printed.find(1, "◼") is None  # no letters to match a line by


def test_line_key_matches_pdfium_and_pdfplumber_lines() -> None:
    """pdfium prints a bullet as a glyph, pdfplumber as "(cid:127)" where its font has no
    mapping: both lines have the same key."""
    assert line_key("• The quality of plans") == line_key("(cid:127) The quality of plans")
    assert line_key("(cid:127)") == ""
    assert line_key("A" * 50) == "a" * 40
