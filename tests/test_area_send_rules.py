"""The area SEND reader's rules: ruled tables, rows across page breaks, the outcome, the facts,
and the self-checks, on exact values, the generated samples and generated variants of them."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ofsted_cli.cli import cli
from ofsted_cli.frameworks import area_send
from ofsted_cli.frameworks.area_send import (
    JOIN,
    MAX_INSPECTION_DAYS,
    SPLIT_GAP,
    Reading,
    RuledRow,
    RuledTable,
    cell_text,
    check_facts,
    continues,
    ends_mid_paragraph,
    first_sentence,
    heading_kind,
    read_dates,
    read_lead_inspectors,
    ruled_tables,
    same_columns,
)
from ofsted_cli.frameworks.common import Facts
from ofsted_cli.models import Part
from ofsted_cli.parser import parse_report
from ofsted_cli.pdf import RULE_THICKNESS, Box, Document

from .conftest import SAMPLES

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"

SYSTEMIC = (
    "There are widespread and/or systemic failings leading to significant concerns about the "
    "experiences and outcomes of children and young people with special educational needs "
    "and/or disabilities (SEND), which the local area partnership must address urgently."
)
POSITIVE = (
    "The local area partnership’s special educational needs and/or disabilities (SEND) "
    "arrangements typically lead to positive experiences and outcomes for children and young "
    "people with SEND."
)
COUNCIL_AND_ICB = "Derbyshire County Council and NHS Derby and Derbyshire Integrated Care Board"


def parse_json(path: Path) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["parse", "--json", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    record: dict[str, Any] = json.loads(result.stdout)
    del record["source"]
    return record


def rec(text: str, priority: str, page: int, responsible: str | None = None) -> dict[str, Any]:
    return {
        "text": text,
        "body": "local_area_partnership",
        "priority": priority,
        "responsible": responsible,
        "page": page,
    }


# --- the samples, exactly -------------------------------------------------------------------

DERBYSHIRE_RECOMMENDATIONS = [
    rec(
        "Leaders across the partnership must, with urgency and together: agree a shared "
        "understanding of what children and young people with SEND in Derbyshire need; set out "
        "one strategy, written with families, for meeting those needs; check regularly whether "
        "the strategy is making a difference to children’s lives.",
        "priority_action",
        2,
        COUNCIL_AND_ICB,
    ),
    rec(
        "Leaders should put in place an agreement to commission services jointly, built on a "
        "thorough assessment of the needs of children and young people in the area.",
        "priority_action",
        2,
        COUNCIL_AND_ICB,
    ),
    rec(
        "Leaders must make sure that education, health and care plans are written on time, "
        "draw on advice from every service that knows the child, and are kept up to date "
        "through annual reviews that families can take part in. They should check the quality "
        "of plans across all three services and act on what they find, so that every plan sets "
        "out accurately what the child needs and how it will be provided.",
        "priority_action",
        2,
        COUNCIL_AND_ICB,
    ),
    rec(
        "Health leaders must reduce the time children and young people wait for assessments of "
        "neurodevelopmental needs, and make sure that families receive help while they wait.",
        "priority_action",
        3,
        "NHS Derby and Derbyshire Integrated Care Board",
    ),
    rec(
        "Leaders should work with mainstream schools so that pupils with SEND receive the right "
        "help early, and fewer are suspended or excluded.",
        "improve",
        3,
    ),
    rec(
        "Leaders should improve how young people with SEND are prepared for adulthood, so that "
        "moves between schools, colleges and adult services are planned in good time.",
        "improve",
        3,
    ),
]


def test_derbyshire_sample_record_exactly() -> None:
    """Systemic failings; the third priority action runs on over the page break (its left
    cell ends on page 2, its right one on page 3)."""
    assert parse_json(SAMPLES / "derbyshire-send-2024.pdf") == {
        "framework": "area_send",
        "local_authority": "Derbyshire",
        "authority": {"name": "Derbyshire", "code": "E10000007", "region": "East Midlands"},
        "inspection_start": "2024-09-23",
        "inspection_end": "2024-09-27",
        "published": None,
        "letter_date": None,
        "lead_inspector": "Ruth Ashdown",
        "theme": None,
        "judgements": [
            {"area": "send_outcome", "label": SYSTEMIC, "grade": "systemic_failings", "page": 1}
        ],
        "recommendations": DERBYSHIRE_RECOMMENDATIONS,
        "warnings": [],
    }


def test_dorset_sample_record_exactly() -> None:
    assert parse_json(SAMPLES / "dorset-send-2024.pdf") == {
        "framework": "area_send",
        "local_authority": "Dorset",
        "authority": {"name": "Dorset", "code": "E06000059", "region": "South West"},
        "inspection_start": "2024-03-11",
        "inspection_end": "2024-03-15",
        "published": None,
        "letter_date": None,
        "lead_inspector": "Helena Marsh",
        "theme": None,
        "judgements": [{"area": "send_outcome", "label": POSITIVE, "grade": "positive", "page": 1}],
        "recommendations": [
            rec(
                "Leaders should make better use of the information they hold to check the "
                "difference their work makes to children and young people with SEND.",
                "improve",
                1,
            ),
            rec(
                "Leaders should make sure that annual reviews, particularly for young people "
                "preparing for adulthood, are as thorough as the best new plans.",
                "improve",
                1,
            ),
        ],
        "warnings": [],
    }


def test_table_view_names_the_responsible_body_and_the_outcome() -> None:
    result = CliRunner().invoke(
        cli, ["parse", str(SAMPLES / "derbyshire-send-2024.pdf")], catch_exceptions=False
    )
    assert "Systemic failings" in result.stdout
    assert "Local area partnership - areas for priority action" in result.stdout
    assert "Responsible: NHS Derby and Derbyshire Integrated Care Board" in result.stdout


def test_csv_and_list_carry_the_outcome() -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli, ["parse", "--csv", str(SAMPLES / "dorset-send-2024.pdf")], catch_exceptions=False
    )
    row = result.stdout.splitlines()[1]
    assert ",area_send,2024-03-11,2024-03-15,send_outcome," in row and ",positive,1," in row
    result = runner.invoke(cli, ["list", "--json"], catch_exceptions=False)
    dorset = [r for r in json.loads(result.stdout) if r["authority"] == "Dorset"]
    assert [(r["framework"], r["send_outcome"]) for r in dorset] == [
        ("focused_visit", None),  # the sample focused visit of 2023, listed first by date
        ("area_send", "positive"),
    ]
    assert dorset[1]["overall_effectiveness"] is None


def test_compare_aligns_the_send_outcome_and_prefers_full_inspections() -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli,
        ["compare", "--json", "derbyshire", "dorset", "--framework", "area_send"],
        catch_exceptions=False,
    )
    data = json.loads(result.stdout)
    assert [row["area"] for row in data["rows"]] == ["send_outcome"]
    assert [c["grade"] for c in data["rows"][0]["cells"]] == ["systemic_failings", "positive"]
    assert data["rows"][0]["differs"] is True
    result = runner.invoke(cli, ["compare", "merton", "dorset", "--framework", "ilacs"])
    assert result.exit_code == 1 and "Dorset has no ilacs report" in result.stderr
    result = runner.invoke(cli, ["compare", "merton", "barnet", "--framework", "nonsense"])
    assert result.exit_code == 2 and "--framework must be one of" in result.stderr


# --- ruled tables -----------------------------------------------------------------------------


def rule(x0: float, top: float, x1: float, bottom: float) -> Box:
    return Box(x0, top, x1, bottom)


def grid(xs: list[float], ys: list[float]) -> list[Box]:
    """Word's borders: one thin rectangle per cell edge, abutting at the corners."""
    rules = []
    for y in ys:
        rules += [rule(a, y, b, y + 0.5) for a, b in zip(xs, xs[1:], strict=False)]
    for x in xs:
        rules += [rule(x, a, x + 0.5, b) for a, b in zip(ys, ys[1:], strict=False)]
    return rules


def test_ruled_rows_and_cells_from_abutting_rules() -> None:
    tables = ruled_tables(1, grid([57, 218, 532], [100, 115, 200, 260]))
    assert len(tables) == 1
    rows = tables[0].rows
    assert [(round(r.top), round(r.bottom)) for r in rows] == [(100, 115), (115, 200), (200, 260)]
    assert [(round(c.x0), round(c.x1)) for c in rows[1].cells] == [(57, 218), (218, 532)]


def test_a_band_that_no_vertical_rule_crosses_is_no_row() -> None:
    """Two tables one above the other: the gap between them is not a row."""
    rules = grid([57, 532], [100, 150]) + grid([57, 532], [300, 350])
    tables = ruled_tables(1, rules)
    assert [(round(t.box.top), round(t.box.bottom)) for t in tables] == [(100, 150), (300, 350)]


def test_a_short_rule_inside_a_row_does_not_split_it() -> None:
    """A shading edge or a line beside the table at a height inside a row is passed over."""
    rules = [*grid([57, 218, 532], [100, 115, 200]), rule(230, 150, 400, 150.5)]
    rows = ruled_tables(1, rules)[0].rows
    assert [(round(r.top), round(r.bottom)) for r in rows] == [(100, 115), (115, 200)]


def test_rules_within_join_are_one_and_beyond_it_are_two() -> None:
    """A border drawn in pieces joins across gaps up to JOIN points, not beyond."""
    near = [*grid([57, 532], [100, 150]), rule(57, 150 + JOIN - 0.1, 532, 150.5 + JOIN)]
    assert len(ruled_tables(1, near)[0].rows) == 1
    gappy = [r for r in grid([57, 532], [100, 150]) if not (r.x0 == 532 and r.top == 100)]
    gappy += [rule(532, 100, 532.5, 120), rule(532, 120 + JOIN + 0.2, 532.5, 150)]
    assert ruled_tables(1, gappy) == []


def table(xs: list[float], texts: list[tuple[str, ...]]) -> RuledTable:
    rows = [
        RuledRow(1, tuple(Box(a, 100, b, 150) for a, b in zip(xs, xs[1:], strict=False)))
        for _ in texts
    ]
    return RuledTable(1, rows, texts)


def test_only_a_table_with_the_same_columns_continues_another() -> None:
    improvements = table([56.7, 529.5], [("Leaders should act.",)])
    assert same_columns(improvements, table([56.9, 529.8], [("More.",)]))
    assert same_columns(improvements, table([56.7, 529.5 + 2 * JOIN - 0.1], [("More.",)]))
    assert not same_columns(improvements, table([56.7, 529.5 + 2 * JOIN + 0.1], [("More.",)]))
    details = table([56.9, 300.0, 531.7], [("Local authority", "Integrated care board")])
    assert not same_columns(improvements, details)
    priority = table([57.0, 218.0, 532.0], [("Council", "Leaders should act.")])
    repeated = table(
        [57.0, 218.4, 531.5],
        [("Responsible body", "Areas for priority action"), ("Board", "")],
    )
    assert same_columns(priority, repeated)


def test_rule_thickness_boundary() -> None:
    """A border RULE_THICKNESS thick is a rule; a thicker bar (a shaded band) is not."""
    thick = grid([57, 532], [100]) + [rule(57, 150, 532, 150 + RULE_THICKNESS)]
    thick += [rule(57, 100, 57.5, 152), rule(532, 100, 532.5, 152)]
    assert len(ruled_tables(1, thick)) == 1
    thicker = [r for r in thick if r.top != 150] + [rule(57, 150, 532, 150.1 + RULE_THICKNESS)]
    assert ruled_tables(1, thicker) == []


def test_split_gap_boundary() -> None:
    assert ends_mid_paragraph(SPLIT_GAP - 0.1) is True
    assert ends_mid_paragraph(SPLIT_GAP + 0.1) is False
    assert ends_mid_paragraph(None) is False


def test_inspection_span_boundary() -> None:
    def warned(days: int) -> bool:
        reading = Reading()
        start = date(2024, 3, 4)
        facts = Facts("Anyshire", start, start + timedelta(days=days), None, "A B")
        check_facts(facts, reading)
        return bool(reading.warnings)

    assert (warned(MAX_INSPECTION_DAYS), warned(MAX_INSPECTION_DAYS + 1)) == (False, True)
    assert warned(-1) is True


# --- text rules --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        (("Council and NHS", "Leaders must act."), ("Board", ""), True),  # right cell done
        (("Council", "Leaders must act and"), ("", "report back."), True),  # left cell done
        (("Council", "Leaders must act and"), ("ICB", "report back."), True),  # mid-sentence
        (("Council", "Leaders must act."), ("ICB", "then report back."), True),  # lower case
        (("Council", "Leaders must act."), ("ICB", "Health leaders must act."), False),
        (("Leaders must act."), ("Health leaders must act."), False),
        (("Leaders must act (by March)."), ("Health leaders must act."), False),
    ],
)
def test_continues(before: tuple[str, ...], after: tuple[str, ...], joined: bool) -> None:
    before = (before,) if isinstance(before, str) else before
    after = (after,) if isinstance(after, str) else after
    assert continues(before, after) is joined


def test_cell_text_folds_sub_bullets() -> None:
    raw = (
        "Area leaders need to urgently, jointly and accurately:\n"
        "• identify the needs of children in the\nlocal area; and\n"
        "• ensure a clear strategic direction\n"
        "• agree a co-\nproduced strategy."
    )
    assert cell_text(raw) == (
        "Area leaders need to urgently, jointly and accurately: identify the needs of children "
        "in the local area; and ensure a clear strategic direction; agree a co-produced "
        "strategy."
    )


def test_cell_text_separators_and_glyphs() -> None:
    assert cell_text("This includes\n• one\n• two") == "This includes: one; two"
    assert cell_text("•glued to its text\n▪ another") == "glued to its text; another"
    assert cell_text("a pathway for 16- and 17\n-year-olds") == (
        "a pathway for 16- and 17-year-olds"
    )


def test_first_sentence() -> None:
    assert first_sentence("Outcomes are\npositive. The next one.") == "Outcomes are positive."
    assert first_sentence("Needs and/or disabilities (SEND). Next") == (
        "Needs and/or disabilities (SEND)."
    )
    assert first_sentence("No full stop at all") == "No full stop at all"


@pytest.mark.parametrize(
    ("page1", "start", "end"),
    [
        ("Inspection dates: 11 to 15 March 2024\nDates of previous", "2024-03-11", "2024-03-15"),
        ("Inspection dates: 29 April to 3 May 2024", "2024-04-29", "2024-05-03"),
        ("Inspection dates: 13 March 2023 to 17 March 2023", "2023-03-13", "2023-03-17"),
        ("Inspection dates: 29 January 2024 to 02 February 2024", "2024-01-29", "2024-02-02"),
        ("Inspection dates: 27 November 2023 to 1 December\n2023", "2023-11-27", "2023-12-01"),
        ("Inspection dates: 9 to\n13 December 2024", "2024-12-09", "2024-12-13"),
    ],
)
def test_read_dates(page1: str, start: str, end: str) -> None:
    first, last = read_dates(page1)
    assert (str(first), str(last)) == (start, end)


@pytest.mark.parametrize(
    ("team", "lead"),
    [
        (
            "Inspection team\nOfsted Care Quality Commission\nLeanne Thirlby, Ofsted HMI Lead "
            "inspector Daniel Carrick, CQC Lead inspector\nSarah Canto, Ofsted HMI",
            "Leanne Thirlby",
        ),
        (
            "Inspection team\nDave Gilkerson HMI, Ofsted Lead inspector Claire Mason, CQC Lead "
            "inspector",
            "Dave Gilkerson",
        ),
        ("Inspection team\nMr Chris Ellison, Ofsted Lead inspector A B, CQC", "Chris Ellison"),
        ("Inspection team\nDr Ann Lee-Hope, Ofsted HMI, lead inspector", "Ann Lee-Hope"),
        (
            "Inspection team\nRebecca Sharples, Ofsted HMI lead \ninspector\nAndrea Crosby, CQC "
            "lead inspector",
            "Rebecca Sharples",
        ),
        (
            "Inspection team\nJenny Thomas HMI, Ofsted Lead inspector Lesley Perry, CQC Lead "
            "inspector\nJacquie Brown HMI, Ofsted Lead inspector Sandra Smith, CQC inspector",
            "Jenny Thomas and Jacquie Brown",
        ),
        ("Inspection team\nClaire Mason, CQC Lead inspector", None),
        ("Inspection team\nOfsted CQC\nJane Doe, Ofsted Lead inspector", "Jane Doe"),
        ("No team section at all. Sue Eastwood, Ofsted Lead inspector", None),
    ],
)
def test_read_lead_inspectors(team: str, lead: str | None) -> None:
    assert read_lead_inspectors(team) == lead


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Areas for priority action", "priority"),
        ("Area for priority actions:", "priority"),
        ("AREAS FOR IMPROVEMENT", "improve"),
        ("Area for improvement", "improve"),
        ("Inspection outcome", "outcome"),
        ("Areas for priority action (continued)", "priority"),
        ("Areas for improvement continued:", "improve"),
        ("Areas for improvement in the partnership", None),
        ("Responsible body", None),
    ],
)
def test_heading_kind(text: str, kind: str | None) -> None:
    assert heading_kind(text) == kind


@pytest.mark.parametrize(
    ("page1", "name"),
    [
        (
            "Area SEND inspection of West \nNorthamptonshire Local Area Partnership",
            "West Northamptonshire",
        ),
        ("Area SEND inspection of the Greenwich Local Area \nPartnership", "Greenwich"),
        ("AREA SEND INSPECTION OF Stoke-on-Trent Local Area Partnership", "Stoke-on-Trent"),
        ("Area SEND inspection of the services\nin the whole\narea. Local Area Partnership", None),
        ("Joint local area SEND inspection in Kent", None),
    ],
)
def test_title(page1: str, name: str | None) -> None:
    m = area_send._TITLE.search(page1)
    assert (" ".join(m.group("name").split()) if m else None) == name


def test_only_area_send_reports_match() -> None:
    for path in sorted(SAMPLES.glob("*.pdf")):
        with Document(path) as doc:
            assert area_send.matches(doc) is ("-send-" in path.name), path.name


# --- generated variants: what must not change, and what must warn --------------------------


@pytest.fixture(scope="module")
def make() -> Any:
    """scripts/make_send_samples.py (reportlab is a dev-only dependency)."""
    import reportlab  # noqa: F401  (the test extra has it: a missing one fails, never skips)

    sys.path.insert(0, str(SCRIPTS))
    try:
        import make_send_samples
    finally:
        sys.path.remove(str(SCRIPTS))
    return make_send_samples


def build(make: Any, tmp_path: Path, **changes: Any) -> Path:
    spec = replace(make.DERBYSHIRE_2024, **changes)
    path = tmp_path / f"variant-{abs(hash(repr(changes)))}.pdf"
    path.write_bytes(make.build_send(spec))
    return path


def test_moving_the_page_break_through_the_tables_changes_nothing(make: Any, tmp_path: Path):
    """Extra lines before the tables move the page break through each row of both tables
    (left cell only, right cell only, both, between rows): the record stays the same."""
    expected = [(r["text"], r["responsible"]) for r in DERBYSHIRE_RECOMMENDATIONS]
    for shift in range(0, 40, 3):
        report = parse_report(build(make, tmp_path, shift=shift))
        got = [(r.text, r.responsible) for r in report.recommendations]
        assert got == expected, shift
        assert report.warnings == [], shift


@pytest.mark.parametrize(
    "ruling",
    [{"stroked": True}, {"repeat_header": True}, {"stroked": True, "repeat_header": True}],
    ids=["stroked-lines", "repeated-header", "both"],
)
def test_other_rulings_give_the_same_record(make: Any, tmp_path: Path, ruling: dict) -> None:
    """Borders drawn as stroked lines, and a header row repeated after each page break,
    wherever the break falls."""
    expected = [(r["text"], r["responsible"]) for r in DERBYSHIRE_RECOMMENDATIONS]
    for shift in range(0, 40, 4):
        report = parse_report(build(make, tmp_path, ruling=make.Ruling(**ruling), shift=shift))
        assert [(r.text, r.responsible) for r in report.recommendations] == expected, shift
        assert report.warnings == [], shift


def test_a_table_without_its_ruling_is_warned(make: Any, tmp_path: Path) -> None:
    report = parse_report(build(make, tmp_path, ruling=make.Ruling(ruled=False)))
    assert report.recommendations == []
    messages = [w.message for w in report.warnings if w.part is Part.RECOMMENDATIONS]
    assert any("'areas for priority action' is printed but no ruled table" in m for m in messages)
    assert any("'areas for improvement' is printed but no ruled table" in m for m in messages)


def test_a_continued_heading_is_the_same_section(make: Any, tmp_path: Path) -> None:
    report = parse_report(
        build(make, tmp_path, improvement_heading="Areas for improvement (continued)")
    )
    assert [(r.text, r.responsible) for r in report.recommendations] == [
        (r["text"], r["responsible"]) for r in DERBYSHIRE_RECOMMENDATIONS
    ]
    assert report.warnings == []


def test_a_table_under_an_unknown_heading_is_warned(make: Any, tmp_path: Path) -> None:
    """A heading in other words: the table is not guessed at, and the record says so."""
    heading = "Areas for improvement across the partnership"
    report = parse_report(build(make, tmp_path, improvement_heading=heading))
    assert [r.priority.value for r in report.recommendations] == ["priority_action"] * 4
    assert [w.message for w in report.warnings] == [
        f"a ruled table on page 3 under '{heading}' was not read"
    ]


def test_systemic_failings_without_priority_actions_is_warned(make: Any, tmp_path: Path):
    report = parse_report(build(make, tmp_path, priority_actions=[]))
    assert [w.part for w in report.warnings] == [Part.RECOMMENDATIONS]
    assert "systemic_failings and has no priority actions" in report.warnings[0].message


def test_a_lost_lead_inspector_is_warned(make: Any, tmp_path: Path) -> None:
    report = parse_report(build(make, tmp_path, ofsted_team=["ruth ashdown"]))
    assert report.lead_inspector is None
    assert [(w.part, w.message) for w in report.warnings] == [
        (Part.FACTS, "no Ofsted lead inspector found under 'Inspection team'")
    ]


def test_a_row_parted_at_a_sentence_end_is_never_silently_split(make: Any, tmp_path: Path):
    """A one-column row whose first line ends a sentence: when the page breaks right there,
    the wording cannot tell the rest from a new row. The cell's closing space can (a page
    break leaves none), so that record is warned; every other position of the break reads
    the two rows exactly."""
    first = (
        "Leaders should make sure that annual reviews of care plans are completed on time. "
        "Afterwards they should check that every plan is updated and shared with the family "
        "within four weeks."
    )
    second = "Leaders should improve how young people with SEND are prepared for adulthood."
    earlier = [
        "Leaders should make better use of the information they hold to check the difference "
        "their work makes to children and young people with SEND.",
        "Leaders should agree with schools how pupils with SEND are supported before they need "
        "an education, health and care plan, and check that this support is in place.",
    ]
    spec = replace(make.DORSET_2024, improvements=[*earlier, first, second])
    make.build_send(spec)  # registers the fonts the line breaking measures with
    width = make.RIGHT - make.LEFT - 2 * make.PAD
    assert make.wrap(first, make.REGULAR, 12, width)[0].endswith("on time.")
    warned = 0
    for shift in range(0, 45):
        path = tmp_path / f"shift-{shift}.pdf"
        path.write_bytes(make.build_send(replace(spec, shift=shift)))
        report = parse_report(path)
        if [r.text for r in report.recommendations] == [*earlier, first, second]:
            assert report.warnings == [], shift
            continue
        assert [w.part for w in report.warnings] == [Part.RECOMMENDATIONS], shift
        assert "ends a sentence but not a paragraph" in report.warnings[0].message
        warned += 1
    assert warned == 1


@pytest.mark.parametrize("merge", [(1, 2), (1,)], ids=["two-rows-merged-down", "one-row"])
def test_a_body_merged_down_over_several_actions(
    make: Any, tmp_path: Path, merge: tuple[int, ...]
) -> None:
    """One responsible body in a cell merged down over the next actions: each action is a
    row with that body, wherever the page break falls; where the break leaves the wording
    unable to tell a new action from the rest of one, the record is warned, never wrong
    without a word."""
    actions = [
        (None if i in merge else body, action)
        for i, (body, action) in enumerate(make.DERBYSHIRE_2024.priority_actions)
    ]
    expected = [(r["text"], r["responsible"]) for r in DERBYSHIRE_RECOMMENDATIONS]
    exact = 0
    for shift in range(0, 40):
        path = tmp_path / f"merged-{shift}.pdf"
        path.write_bytes(
            make.build_send(replace(make.DERBYSHIRE_2024, priority_actions=actions, shift=shift))
        )
        report = parse_report(path)
        if [(r.text, r.responsible) for r in report.recommendations] == expected:
            assert report.warnings == [], shift
            exact += 1
        else:
            assert [w.part for w in report.warnings] == [Part.RECOMMENDATIONS], shift
            assert "it may be two actions under one body" in report.warnings[0].message
    assert exact >= 35


# --- compare's default column -------------------------------------------------------------


def test_latest_prefers_a_full_inspection_then_a_graded_report() -> None:
    from ofsted_cli.library import Authority
    from ofsted_cli.models import Framework, Report

    from .test_registry import constructed

    def dated(framework: Framework, year: int) -> Report:
        report = constructed(framework)
        return report.model_copy(update={"inspection_start": date(year, 1, 8)})

    ilacs = dated(Framework.ILACS, 2019)
    send = dated(Framework.AREA_SEND, 2024)
    visit = dated(Framework.FOCUSED_VISIT, 2025)
    lscb = dated(Framework.LSCB_REVIEW, 2016)
    assert Authority("x", [lscb, ilacs, send, visit]).latest() is ilacs
    assert Authority("x", [lscb, ilacs, send, visit]).latest(date(2018, 1, 1)) is lscb
    assert Authority("x", [ilacs, send, visit]).latest(framework=Framework.AREA_SEND) is send
    assert Authority("x", [send, visit]).latest() is send
    assert Authority("x", [visit]).latest() is visit
    assert Authority("x", [ilacs]).latest(framework=Framework.AREA_SEND) is None
