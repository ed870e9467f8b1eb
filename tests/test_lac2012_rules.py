"""The 2012-13 looked after children reader's layout rules, on small synthetic text."""

from __future__ import annotations

from datetime import date

import pytest

from ofsted_cli.errors import UnrecognisedReportError
from ofsted_cli.frameworks import lac2012
from ofsted_cli.frameworks.common import Facts
from ofsted_cli.frameworks.lac2012 import (
    PlacedLine,
    parse_findings_table,
    parse_improvements,
    read_facts,
)
from ofsted_cli.models import Area, Body, Grade, Priority
from ofsted_cli.pdf import Line, Word

PAGE1 = (
    "Inspection of looked after children \n"
    "services\n"
    "Northshire County Council\n"
    "Inspection dates: 3 – 7 June 2013\n"
    "Reporting inspector Jane Example HMI\n"
    "Age group: All\n"
    "Published: 12 July 2013\n"
)


class _FakeDoc:
    """Just enough of a Document for ``matches`` and ``read`` on text-only pages."""

    path = "synthetic.pdf"
    sha256 = "0" * 64

    def __init__(self, *pages: str) -> None:
        self._pages = pages
        self.page_count = len(pages)

    def text(self, page_no: int) -> str:
        return self._pages[page_no - 1]


def test_matches_on_the_page1_title_only() -> None:
    assert lac2012.matches(_FakeDoc(PAGE1))  # type: ignore[arg-type]
    other = "Inspection of safeguarding and looked after children services\nX Council\n"
    assert not lac2012.matches(_FakeDoc(other))  # type: ignore[arg-type]
    later = "Contents\nInspection of looked after children services 2\n"
    assert not lac2012.matches(_FakeDoc(later))  # type: ignore[arg-type]


def test_facts_from_title_block() -> None:
    facts = read_facts(PAGE1)
    assert facts == Facts(
        local_authority="Northshire County Council",
        inspection_start=date(2013, 6, 3),
        inspection_end=date(2013, 6, 7),
        published=date(2013, 7, 12),
        lead_inspector="Jane Example",
    )


def test_facts_with_colon_after_inspector_and_no_published_line() -> None:
    text = (
        "Inspection of looked after children services\nBorough of Eastham\n"
        "Inspection dates: 28 January - 1 February 2013\n"
        "Reporting inspector: Sam Placeholder, Her Majesty's Inspector\n"
    )
    facts = read_facts(text)
    assert facts.local_authority == "Borough of Eastham"
    assert facts.inspection_start == date(2013, 1, 28)
    assert facts.inspection_end == date(2013, 2, 1)
    assert facts.published is None
    assert facts.lead_inspector == "Sam Placeholder"


TABLE = """Northshire County Council Inspection of looked after children services 19
Record of main findings
Services for looked after children
Overall effectiveness Inadequate Grade 4
Capacity to improve Adequate
Outcomes for looked after children and\x20
young people
Good
Quality of provision Outstanding Grade 1
Leadership and management Adequate
"""


def test_findings_table_rows_wrapped_labels_and_grade_suffix() -> None:
    rows = parse_findings_table(TABLE, 21)
    assert [(j.area, j.label, j.grade) for j in rows] == [
        (Area.OVERALL_EFFECTIVENESS, "Overall effectiveness", Grade.INADEQUATE),
        (Area.CAPACITY_TO_IMPROVE, "Capacity to improve", Grade.ADEQUATE),
        (Area.OUTCOMES, "Outcomes for looked after children and young people", Grade.GOOD),
        (Area.QUALITY_OF_PROVISION, "Quality of provision", Grade.OUTSTANDING),
        (Area.LEADERSHIP_AND_MANAGEMENT, "Leadership and management", Grade.ADEQUATE),
    ]
    assert {j.page for j in rows} == {21}


def test_findings_table_grade_on_first_line_of_wrapped_label() -> None:
    text = "Record of main findings\nOutcomes for looked after children and Adequate\nyoung people"
    (row,) = parse_findings_table(text, 5)
    assert row.label == "Outcomes for looked after children and young people"
    assert row.grade is Grade.ADEQUATE


def _lines(page: int, spec: list[tuple[float, str]]) -> list[PlacedLine]:
    return [PlacedLine(page, x0, text) for x0, text in spec]


IMPROVEMENTS = _lines(
    8,
    [
        (85.0, "21. A paragraph about care leavers, which is not part of the list."),
        (85.0, "Areas for improvement"),
        (85.0, "22. In order to improve the quality of provision, the local authority should"),
        (113.0, "take the following action."),
        (113.0, "Immediately:"),
        (121.0, "\uf0a7 make sure every child has an up-to-date plan written with"),
        (135.0, "them"),
        (121.0, "\uf0a7 strengthen decision-"),
        (135.0, "making by managers."),
        (113.0, "Within three months:"),
        (121.0, "\uf0a7 review placement sufficiency"),
    ],
) + _lines(
    9,
    [
        (113.0, "Within six months:"),
        (113.0, "\u2022 publish the pledge for 16- and 17-year-olds."),
        (85.0, "Outcomes for looked after children and young"),
        (85.0, "people"),
        (85.0, "Grade 3 (Adequate)"),
        (113.0, "\u2022 not an item: the list has ended"),
    ],
)


def test_improvements_grouped_by_timescale_and_ended_at_margin() -> None:
    recs = parse_improvements(IMPROVEMENTS)
    assert [(r.text, r.priority, r.page) for r in recs] == [
        (
            "make sure every child has an up-to-date plan written with them",
            Priority.IMMEDIATE,
            8,
        ),
        ("strengthen decision-making by managers.", Priority.IMMEDIATE, 8),
        ("review placement sufficiency", Priority.IMPROVE, 8),
        ("publish the pledge for 16- and 17-year-olds.", Priority.IMPROVE, 9),
    ]
    assert {r.body for r in recs} == {Body.LOCAL_AUTHORITY}


def test_improvements_ignore_the_phrase_inside_a_paragraph() -> None:
    lines = _lines(
        3,
        [
            (85.0, "Areas for improvement are clearly set out in the plan"),
            (113.0, "Immediately:"),
            (121.0, "\uf0a7 not an item"),
        ],
    )
    assert parse_improvements(lines) == []


def _rows(judgements: list[lac2012.Judgement]) -> list[tuple[Area, str, Grade, int]]:
    return [(j.area, j.label, j.grade, j.page) for j in judgements]


def test_findings_table_ends_before_a_footer_or_text_below_it() -> None:
    """A line after the last graded row is not more of its label (it gave "Leadership and
    management Kent County Council Inspection … 19")."""
    text = (
        "Record of main findings\n"
        "Overall effectiveness Good\n"
        "Leadership and management Adequate\n"
        "Northshire County Council Inspection of looked after children services 19\n"
        "Further information is available from the council\n"
    )
    assert _rows(parse_findings_table(text, 19)) == [
        (Area.OVERALL_EFFECTIVENESS, "Overall effectiveness", Grade.GOOD, 19),
        (Area.LEADERSHIP_AND_MANAGEMENT, "Leadership and management", Grade.ADEQUATE, 19),
    ]


def test_findings_table_text_after_a_graded_row_ends_it_but_a_lower_case_wrap_does_not() -> None:
    text = (
        "Record of main findings\n"
        "Overall effectiveness Good\n"
        "Leadership and management Adequate\n"
        "The inspection was carried out under the Children Act 2004\n"
        "of the council\n"
    )
    *_, last = parse_findings_table(text, 7)
    assert last.label == "Leadership and management"
    wrapped = "Record of main findings\nQuality of provision and Good\nits effectiveness\n"
    (row,) = parse_findings_table(wrapped, 7)
    assert row.label == "Quality of provision and its effectiveness"


def test_findings_table_an_ungraded_row_takes_no_url_or_page_number() -> None:
    text = (
        "Record of main findings\n"
        "Overall effectiveness Good\n"
        "Capacity to improve\n"
        "www.ofsted.gov.uk\n"
        "Adequate\n"
    )
    assert _rows(parse_findings_table(text, 3)) == [
        (Area.OVERALL_EFFECTIVENESS, "Overall effectiveness", Grade.GOOD, 3),
    ]


SPLIT_PAGE = """Northshire County Council Inspection of looked after children services 19
Record of main findings
Services for looked after children
Overall effectiveness Inadequate Grade 4
Capacity to improve Adequate Grade 3
Outcomes for looked after children and
"""
NEXT_PAGE = """Northshire County Council Inspection of looked after children services 20
young people
Good Grade 2
Quality of provision Inadequate Grade 4
Leadership and management Inadequate Grade 4
"""


def test_findings_table_runs_onto_the_next_page_below_its_running_header() -> None:
    """The rows and even a wrapped label continue on the next page."""
    assert _rows(parse_findings_table(SPLIT_PAGE, 21, (22, NEXT_PAGE))) == [
        (Area.OVERALL_EFFECTIVENESS, "Overall effectiveness", Grade.INADEQUATE, 21),
        (Area.CAPACITY_TO_IMPROVE, "Capacity to improve", Grade.ADEQUATE, 21),
        (Area.OUTCOMES, "Outcomes for looked after children and young people", Grade.GOOD, 21),
        (Area.QUALITY_OF_PROVISION, "Quality of provision", Grade.INADEQUATE, 22),
        (Area.LEADERSHIP_AND_MANAGEMENT, "Leadership and management", Grade.INADEQUATE, 22),
    ]


def test_findings_table_continuation_page_may_repeat_the_table_heading() -> None:
    first = "Record of main findings\nOverall effectiveness Good\nCapacity to improve Good\n"
    second = "Northshire Inspection of looked after children services 20\n" + (
        "Services for looked after children\nOutcomes for looked after children Good\n"
    )
    areas = [j.area for j in parse_findings_table(first, 4, (5, second))]
    assert areas == [Area.OVERALL_EFFECTIVENESS, Area.CAPACITY_TO_IMPROVE, Area.OUTCOMES]


def test_findings_table_complete_on_one_page_ignores_the_next() -> None:
    later = "Outcomes for looked after children and young people are poor\n"
    assert len(parse_findings_table(TABLE, 21, (22, later))) == 5


def test_read_takes_the_table_from_two_pages() -> None:
    report = lac2012.read(_FakeDoc(PAGE1, SPLIT_PAGE, NEXT_PAGE))  # type: ignore[arg-type]
    assert [j.page for j in report.judgements] == [2, 2, 2, 3, 3]


@pytest.mark.parametrize(
    "last_page",
    [
        "Northshire Inspection of looked after children services 19\n",
        "Record of main findings\nServices for looked after children\n",
        "Record of main findings\nCapacity to improve Good\nOutcomes Good\n",
    ],
    ids=["no-table", "no-rows", "no-overall-effectiveness"],
)
def test_read_without_judgements_is_an_unrecognised_report(last_page: str) -> None:
    """A report whose findings table could not be read is an error, not an empty record."""
    with pytest.raises(UnrecognisedReportError, match="Record of main findings"):
        lac2012.read(_FakeDoc(PAGE1, last_page))  # type: ignore[arg-type]


# --- areas for improvement: no groups, bullets --------------------------------------------------


def test_improvements_without_group_headings_default_to_improve() -> None:
    lines = _lines(
        6,
        [
            (85.0, "Areas for improvement"),
            (85.0, "22. In order to improve the quality of provision, the local authority should"),
            (113.0, "take the following action:"),
            (121.0, "\uf0a7 make sure every child has an up-to-date plan"),
            (121.0, "\uf0a7 review placement sufficiency."),
            (85.0, "Outcomes for looked after children and young people"),
            (121.0, "\uf0a7 not an item"),
        ],
    )
    recs = parse_improvements(lines)
    assert [(r.text, r.priority) for r in recs] == [
        ("make sure every child has an up-to-date plan", Priority.IMPROVE),
        ("review placement sufficiency.", Priority.IMPROVE),
    ]


def test_improvements_items_before_the_first_group_are_kept() -> None:
    lines = _lines(
        6,
        [
            (85.0, "Areas for improvement"),
            (85.0, "The local authority should:"),
            (121.0, "\uf0a7 publish the pledge"),
            (113.0, "Immediately:"),
            (121.0, "\uf0a7 review every plan"),
        ],
    )
    recs = parse_improvements(lines)
    assert [(r.text, r.priority) for r in recs] == [
        ("publish the pledge", Priority.IMPROVE),
        ("review every plan", Priority.IMMEDIATE),
    ]


def test_improvements_empty_list_does_not_run_into_the_next_section() -> None:
    """Without items, the introductory paragraph's end is the list's end."""
    lines = _lines(
        6,
        [
            (85.0, "Areas for improvement"),
            (85.0, "22. The local authority has no areas for improvement beyond those"),
            (113.0, "in its own plan."),
            (85.0, "23. Outcomes are improving, as below:"),
            (121.0, "\uf0a7 not an item"),
        ],
    )
    assert parse_improvements(lines) == []


@pytest.mark.parametrize(
    ("wrap", "expected"),
    [
        ("-year-olds leaving care", "publish the pledge for 16- and 17-year-olds leaving care"),
        ("\u201319 year olds", "publish the pledge for 16- and 17\u201319 year olds"),
    ],
)
def test_improvements_a_dash_without_a_space_continues_the_item(wrap: str, expected: str) -> None:
    """A wrapped line opening "-year-olds" or an en dash and "19" is not a bullet."""
    lines = _lines(
        6,
        [
            (85.0, "Areas for improvement"),
            (113.0, "Within three months:"),
            (121.0, "\u2013 publish the pledge for 16- and 17"),
            (135.0, wrap),
            (121.0, "- review placement sufficiency"),
        ],
    )
    assert [r.text for r in parse_improvements(lines)] == [
        expected,
        "review placement sufficiency",
    ]


# --- tuning constants, pinned either side of their boundaries -----------------------------------


@pytest.mark.parametrize(("x0", "ends"), [(90.0, True), (90.1, False)])
def test_back_at_the_margin_within_five_points(x0: float, ends: bool) -> None:
    """The heading stands at 85: a line starting within 5 points of it is back at the margin."""
    assert lac2012._MARGIN_SLACK == 5.0
    lines = _lines(
        8,
        [
            (85.0, "Areas for improvement"),
            (113.0, "Immediately:"),
            (121.0, "\uf0a7 make sure every child has a plan"),
            (x0, "Outcomes for looked after children"),
        ],
    )
    texts = [r.text for r in parse_improvements(lines)]
    assert texts == (
        ["make sure every child has a plan"]
        if ends
        else ["make sure every child has a plan Outcomes for looked after children"]
    )


class _PlacedDoc:
    def __init__(self, lines: list[Line]) -> None:
        self._lines = lines
        self.page_count = 1

    def lines(self, page_no: int) -> list[Line]:
        return self._lines


@pytest.mark.parametrize(("top", "dropped"), [(59.9, True), (60.0, False)])
def test_running_header_zone_is_the_top_60_points(top: float, dropped: bool) -> None:
    assert lac2012._HEADER_ZONE == 60.0
    header = Line((Word("Northshire", 72, 140, top, top + 10), Word("12", 500, 510, top, top + 10)))
    body = Line((Word("Areas", 72, 100, 100, 110),))
    texts = [line.text for line in lac2012._body_lines(_PlacedDoc([header, body]), 1)]  # type: ignore[arg-type]
    assert texts == (["Areas"] if dropped else ["Northshire 12", "Areas"])
