"""The 2012-13 looked after children reader's layout rules, on small synthetic text."""

from __future__ import annotations

from datetime import date

from ofsted_cli.frameworks import lac2012
from ofsted_cli.frameworks.common import Facts
from ofsted_cli.frameworks.lac2012 import (
    PlacedLine,
    join_wrapped,
    parse_findings_table,
    parse_improvements,
    read_facts,
)
from ofsted_cli.models import Area, Body, Grade, Priority

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
    """Just enough of a Document for ``matches``: page texts by number."""

    def __init__(self, *pages: str) -> None:
        self._pages = pages

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


def test_join_wrapped_keeps_line_end_hyphens_of_words_only() -> None:
    assert join_wrapped(["decision-", "making"]) == "decision-making"
    assert join_wrapped(["for 16-", "and 17-year-olds"]) == "for 16- and 17-year-olds"
    assert join_wrapped(["  a  b ", "", "c"]) == "a b c"
