"""The self-checks' rules on literal text and on generated one-page PDFs, with each tuning
constant pinned by values just either side of its boundary."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from ofsted_cli import checks
from ofsted_cli.checks import (
    EARLIEST,
    FUTURE,
    GAP_LETTERS,
    NAME_MAX_WORDS,
    fact_doubts,
    furniture,
    judgement_statements,
    self_check,
)
from ofsted_cli.models import (
    Area,
    Body,
    Framework,
    Grade,
    Part,
    Priority,
    Recommendation,
    Report,
    ReportWarning,
    Source,
)
from ofsted_cli.pdf import Document

from .conftest import minimal_pdf

TODAY = date(2026, 12, 1)


def report(framework: Framework = Framework.SIF, **facts: object) -> Report:
    fields: dict[str, object] = {
        "source": Source(path="x.pdf", sha256="0" * 64, pages=1),
        "framework": framework,
        "local_authority": "Merton",
        "inspection_start": date(2017, 6, 12),
        "inspection_end": date(2017, 7, 6),
        "published": date(2017, 8, 25),
        "lead_inspector": "Philippa Marsh",
        "judgements": [],
        "recommendations": [],
    }
    fields.update(facts)
    return Report.model_validate(fields)


# --------------------------------------------------------------------------- facts


def test_facts_of_a_right_record_raise_no_doubt() -> None:
    assert list(fact_doubts(report(), TODAY)) == []


@pytest.mark.parametrize(
    ("facts", "doubt"),
    [
        (
            {"inspection_start": date(2017, 7, 7)},
            "inspection ends (2017-07-06) before it starts (2017-07-07)",
        ),
        ({"published": date(2017, 7, 5)}, "published (2017-07-05) before the inspection ended"),
        ({"local_authority": " "}, "no local authority"),
        ({"lead_inspector": "Philippa Marsh HMI"}, "does not look like a name"),
        ({"lead_inspector": "His Majesty’s Inspector"}, "does not look like a name"),
        ({"lead_inspector": "Philippa Marsh 2017"}, "does not look like a name"),
        ({"lead_inspector": "lead inspector"}, "does not look like a name"),
    ],
)
def test_facts_that_cannot_be_right(facts: dict, doubt: str) -> None:
    doubts = list(fact_doubts(report(**facts), TODAY))
    assert len(doubts) == 1 and doubt in doubts[0], doubts


def test_dates_just_inside_and_outside_the_plausible_range() -> None:
    inside = [report(letter_date=EARLIEST), report(letter_date=TODAY + FUTURE)]
    assert [list(fact_doubts(r, TODAY)) for r in inside] == [[], []]
    early = report(letter_date=EARLIEST - timedelta(days=1))
    assert list(fact_doubts(early, TODAY)) == ["letter_date 2004-12-31 is outside 2005..2027"]
    late = report(letter_date=TODAY + FUTURE + timedelta(days=1))
    assert list(fact_doubts(late, TODAY)) == ["letter_date 2027-12-03 is outside 2005..2027"]


def test_name_length_boundary_and_joint_leads() -> None:
    assert NAME_MAX_WORDS == 5
    five = "Anne Marie de la Cruz"
    six = "Anne Marie de la Cruz Smith"
    assert list(fact_doubts(report(lead_inspector=five), TODAY)) == []
    assert len(list(fact_doubts(report(lead_inspector=six), TODAY))) == 1
    joint = "Matt Reed, Amanda Maxwell and Paula Thomson-Jones"
    assert list(fact_doubts(report(lead_inspector=joint), TODAY)) == []


def test_inspection_length_and_publication_delay_boundaries() -> None:
    start = date(2017, 1, 1)
    longest = report(inspection_start=start, inspection_end=date(2017, 6, 30), published=None)
    assert list(fact_doubts(longest, TODAY)) == []  # 180 days
    longer = report(inspection_start=start, inspection_end=date(2017, 7, 1), published=None)
    assert list(fact_doubts(longer, TODAY)) == [
        "an inspection of 181 days (2017-01-01 to 2017-07-01)"
    ]
    assert list(fact_doubts(report(published=date(2018, 7, 6)), TODAY)) == []  # 365 days
    assert list(fact_doubts(report(published=date(2018, 7, 7)), TODAY)) == [
        "published 366 days after the inspection ended"
    ]


@pytest.mark.parametrize(
    ("name", "doubted"),
    [
        ("Bradford Children and Families Trust", False),
        ("Medway Children’s Services", False),
        (" ".join(["Kingston"] * 16), False),
        (" ".join(["Kingston"] * 17), True),
        ("Inspection of services for children in need", True),
        ("Merton 2017", True),
    ],
)
def test_authority_names(name: str, doubted: bool) -> None:
    doubts = list(fact_doubts(report(local_authority=name), TODAY))
    assert doubts == (
        [
            f"local authority “{name[:49] + '…' if len(name) > 50 else name}” "
            "does not look like a name"
        ]
        if doubted
        else []
    )


def test_a_printed_lead_inspector_not_read(tmp_path: Path) -> None:
    path = tmp_path / "lead.pdf"
    path.write_bytes(minimal_pdf(["Inspection team", "Lead inspector: Philippa Marsh"]))
    with Document(path) as doc:
        warnings = self_check(doc, report(Framework.FOCUSED_VISIT, lead_inspector=None))
    assert warnings == [
        ReportWarning(part=Part.FACTS, message="p. 1 names a lead inspector but none was read")
    ]


# --------------------------------------------------------------------------- judgement sentences


LSCB, OVERALL, HELP = Area.LSCB, Area.OVERALL_EFFECTIVENESS, Area.HELP_AND_PROTECTION


@pytest.mark.parametrize(
    ("text", "area", "grade"),
    [
        ("The Local Safeguarding Children Board requires improvement\nThe", LSCB, "ri"),
        ("The Local Safeguarding Children Board (LSCB) is good.", LSCB, "good"),
        (
            "The effectiveness of the Local Safeguarding Children Board (LSCB) is\ninadequate\n",
            LSCB,
            "inadequate",
        ),
        ("The LSCB is outstanding.", LSCB, "outstanding"),
        ("Children’s services in the London Borough of Merton are good.", OVERALL, "good"),
        ("The overall judgement is that children’s service requires improvement.", OVERALL, "ri"),
        ("Children’s services require improvement to be good.", OVERALL, "ri"),
        ("The overall judgement is inadequate\n", OVERALL, "inadequate"),
        (
            "The experiences and progress of children who need help and\n"
            "protection: requires improvement to be good\n",
            HELP,
            "ri",
        ),
        (
            "The experiences and progress of children\nwho need help and\nprotection: good\n",
            HELP,
            "good",
        ),
        (
            "The experiences of children in care: outstanding\n",
            Area.CHILDREN_IN_CARE,
            "outstanding",
        ),
        (
            "The impact of leaders on social work practice with children and families is good\n",
            Area.IMPACT_OF_LEADERS,
            "good",
        ),
        ("The experiences and progress of care leavers: good\n", Area.CARE_LEAVERS, "good"),
    ],
)
def test_judgement_sentences_are_found(text: str, area: Area, grade: str) -> None:
    expected = {
        "ri": Grade.REQUIRES_IMPROVEMENT,
        "good": Grade.GOOD,
        "inadequate": Grade.INADEQUATE,
        "outstanding": Grade.OUTSTANDING,
    }[grade]
    found = judgement_statements({1: text})
    assert [(s.area, s.grade) for s in found] == [(area, expected)]


@pytest.mark.parametrize(
    "text",
    [
        "The LSCB is good at sharing what it learns with partners.",
        "At the last inspection the LSCB was judged inadequate.",
        "The Local Safeguarding Children Board is good\nat holding partners to account.",
        "Children’s services in Croydon have improved dramatically since the last inspection.",
        "The experiences and progress of children in care and care\nleavers Good\nOverall "
        "effectiveness Requires improvement\nto be good\n",
    ],
)
def test_prose_and_table_rows_are_no_judgement_sentences(text: str) -> None:
    assert [(s.area, s.grade) for s in judgement_statements({1: text})] == []


# --------------------------------------------------------------------------- page furniture


def test_running_lines_need_half_the_pages_and_three() -> None:
    """A line at the pages' edges is a running line on half the pages (and 3 or more)."""
    assert checks.FURNITURE_MIN_PAGES == 3 and checks.FURNITURE_SHARE == 0.5
    header = "Inspection of Merton local authority children’s services"

    def pages(n: int, with_header: int) -> dict[int, str]:
        return {
            p: (f"{header} {p}\n" if p <= with_header else "") + f"Body text of page {p}."
            for p in range(1, n + 1)
        }

    key = header.lower()
    assert key in furniture(pages(6, 3))
    assert key not in furniture(pages(8, 3))  # 3 of 8 pages: under half
    assert key not in furniture(pages(4, 2))  # half, but only 2 pages


# --------------------------------------------------------------------------- lists, on real PDFs


def _pdf(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "list.pdf"
    path.write_bytes(minimal_pdf(lines))
    return path


ITEMS = [
    "Ensure that every plan sets out specific actions.",
    "Offer a return home interview after every episode.",
    "Give every care leaver the chance to stay put.",
]


def _recs(texts: list[str]) -> list[Recommendation]:
    return [
        Recommendation(text=t, body=Body.LOCAL_AUTHORITY, priority=Priority.IMPROVE, page=1)
        for t in texts
    ]


def _warnings(path: Path, texts: list[str]) -> list[ReportWarning]:
    with Document(path) as doc:
        return self_check(doc, report(Framework.FOCUSED_VISIT, recommendations=_recs(texts)))


def test_a_numbered_list_read_whole_raises_nothing(tmp_path: Path) -> None:
    path = _pdf(tmp_path, ["Recommendations", *(f"{n}. {t}" for n, t in enumerate(ITEMS, 1))])
    assert _warnings(path, ITEMS) == []


def test_a_numbering_gap_and_a_lost_last_item(tmp_path: Path) -> None:
    lines = ["Recommendations", f"1. {ITEMS[0]}", f"5. {ITEMS[1]}", f"6. {ITEMS[2]}"]
    path = _pdf(tmp_path, lines)
    assert _warnings(path, ITEMS[:2]) == [
        ReportWarning(
            part=Part.RECOMMENDATIONS, message="items 2–4 not found (numbering jumps from 1 to 5)"
        ),
        ReportWarning(
            part=Part.RECOMMENDATIONS,
            message="the list goes on after the last item read (p. 1: “6. Give every care "
            "leaver the chance to stay put.”)",
        ),
    ]


def test_items_run_together(tmp_path: Path) -> None:
    path = _pdf(tmp_path, ["Recommendations", *(f"{n}. {t}" for n, t in enumerate(ITEMS, 1))])
    joined = [f"{ITEMS[0]} 2. {ITEMS[1]}", ITEMS[2]]
    assert _warnings(path, joined) == [
        ReportWarning(
            part=Part.RECOMMENDATIONS, message="item 2 not found (numbering jumps from 1 to 3)"
        ),
        ReportWarning(
            part=Part.RECOMMENDATIONS, message="3 items printed from p. 1 to p. 1 but 2 read"
        ),
    ]


@pytest.mark.parametrize(("letters", "warned"), [(GAP_LETTERS, False), (GAP_LETTERS + 1, True)])
def test_text_between_two_items(tmp_path: Path, letters: int, warned: bool) -> None:
    """A passage between two items is doubted from GAP_LETTERS + 1 letters on."""
    assert GAP_LETTERS == 250
    words = ["abcdefghij"] * (letters // 10) + (["k" * (letters % 10)] if letters % 10 else [])
    passage = [" ".join(words[i : i + 8]) for i in range(0, len(words), 8)]
    lines = ["Recommendations", f"1. {ITEMS[0]}", *passage, f"2. {ITEMS[1]}"]
    found = _warnings(_pdf(tmp_path, lines), ITEMS[:2])
    expected = [
        ReportWarning(
            part=Part.RECOMMENDATIONS,
            message=f"{letters} letters of text between items 1 and 2 (p. 1–1) were not read",
        )
    ]
    assert found == (expected if warned else [])


def test_a_heading_read_into_an_item(tmp_path: Path) -> None:
    lines = ["Recommendations", f"1. {ITEMS[0]} Areas for improvement", f"2. {ITEMS[1]}"]
    texts = [f"{ITEMS[0]} Areas for improvement", ITEMS[1]]
    assert _warnings(_pdf(tmp_path, lines), texts) == [
        ReportWarning(
            part=Part.RECOMMENDATIONS,
            message="item 1 (p. 1) ends in “Areas for improvement”, a heading read into the item?",
        )
    ]


def test_an_item_not_in_the_text(tmp_path: Path) -> None:
    path = _pdf(tmp_path, ["Recommendations", *(f"{n}. {t}" for n, t in enumerate(ITEMS, 1))])
    texts = [ITEMS[0], "Inspection of Merton local authority children’s services", ITEMS[2]]
    assert ReportWarning(
        part=Part.RECOMMENDATIONS,
        message="item 2 (p. 1) is not printed as read: “Inspection of Merton local authority "
        "children’s services”",
    ) in _warnings(path, texts)


def test_a_list_heading_with_a_list_but_no_items(tmp_path: Path) -> None:
    path = _pdf(tmp_path, ["What needs to improve?", f"1. {ITEMS[0]}"])
    assert _warnings(path, []) == [
        ReportWarning(
            part=Part.RECOMMENDATIONS,
            message="“What needs to improve?” on p. 1 is followed by a list, but no item was "
            "read from it",
        )
    ]


def test_a_list_heading_with_prose_only_has_no_items(tmp_path: Path) -> None:
    path = _pdf(tmp_path, ["What needs to improve?", "Leaders know their services well."])
    assert _warnings(path, []) == []


def test_letters_ignore_spacing_punctuation_digits_and_ligatures() -> None:
    """Item texts are compared by their letters only, as a reader may normalise the rest."""
    assert checks._letters("Decision-\nmaking: the ﬁnal café’s plan2 (Paras 58, 62)") == (
        "decisionmakingthefinalcafesplanparas"
    )


def test_a_footnote_number_glued_to_a_word(tmp_path: Path) -> None:
    glued = "Ensure that care leavers are supported as cared for children2."
    lines = ["Recommendations", f"1. {glued}", "(Paras 60,62) are cited."]
    assert _warnings(_pdf(tmp_path, lines), [glued]) == [
        ReportWarning(
            part=Part.RECOMMENDATIONS,
            message="item 1 (p. 1) has a footnote number glued to “children2”",
        )
    ]
    assert (
        _warnings(
            _pdf(tmp_path, ["Recommendations", "1. Review (Paras 60,62)."]),
            ["Review (Paras 60,62)."],
        )
        == []
    )


@pytest.mark.parametrize(
    ("letters", "found"), [(checks.MAX_GAP, True), (checks.MAX_GAP + 1, False)]
)
def test_an_item_printed_in_two_pieces(tmp_path: Path, letters: int, found: bool) -> None:
    """An item's words may be split by up to MAX_GAP letters of other text (a footnote, a
    table's other cell); further apart they are words joined from two places."""
    assert checks.MAX_GAP == 600
    words = ["abcdefghij"] * (letters // 10) + (["k" * (letters % 10)] if letters % 10 else [])
    other = [" ".join(words[i : i + 8]) for i in range(0, len(words), 8)]
    lines = ["Recommendations", "1. Ensure that every plan sets out", *other]
    lines.append("specific actions for children.")
    item = "Ensure that every plan sets out specific actions for children."
    warnings = _warnings(_pdf(tmp_path, lines), [item])
    missing = ReportWarning(
        part=Part.RECOMMENDATIONS,
        message=f"item 1 (p. 1) is not printed as read: “{item}”",
    )
    assert (missing not in warnings) is found


def test_sub_items_not_read_into_their_item(tmp_path: Path) -> None:
    lines = [
        "Recommendations",
        "1. Ensure that plans for care leavers include:",
        "- where they will live;",
        "- who they can turn to.",
        f"2. {ITEMS[1]}",
    ]
    path = _pdf(tmp_path, lines)
    whole = (
        "Ensure that plans for care leavers include: where they will live; who they can turn to."
    )
    assert _warnings(path, [whole, ITEMS[1]]) == []
    assert _warnings(path, ["Ensure that plans for care leavers include:", ITEMS[1]]) == [
        ReportWarning(
            part=Part.RECOMMENDATIONS,
            message="item 1 (p. 1) is followed by sub-items not read (“- where they will live;”)",
        )
    ]


def test_a_number_ending_a_wrapped_item_is_no_marker(tmp_path: Path) -> None:
    lines = [
        "Recommendations",
        "1. Provide personal assistants from the age of",
        "17.",
        "2. Review.",
    ]
    texts = ["Provide personal assistants from the age of 17.", "Review."]
    assert _warnings(_pdf(tmp_path, lines), texts) == []


def test_a_priority_sub_heading_run_on_to_an_items_line(tmp_path: Path) -> None:
    """ "… every plan. Areas for improvement": the items after the run-on sub-heading stand
    under it (read as improve: no doubt; still read as immediate: doubted)."""
    lines = [
        "Recommendations",
        "Priority and immediate action",
        f"1. {ITEMS[0]} Areas for improvement",
        f"2. {ITEMS[1]}",
        f"3. {ITEMS[2]}",
    ]

    def groups(rest: Priority) -> list[str]:
        recs = [
            Recommendation(text=t, body=Body.LOCAL_AUTHORITY, priority=p, page=1)
            for t, p in zip(ITEMS, [Priority.IMMEDIATE, rest, rest], strict=True)
        ]
        with Document(_pdf(tmp_path, lines)) as doc:
            found = self_check(doc, report(Framework.SIF, recommendations=recs))
        return [w.message for w in found if "stands under" in w.message]

    assert groups(Priority.IMPROVE) == []
    assert groups(Priority.IMMEDIATE) == [
        f"item {n} (p. 1) stands under “Areas for improvement” but is read as immediate, not "
        "improve"
        for n in (2, 3)
    ]
