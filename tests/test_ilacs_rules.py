"""The ILACS reader's layout rules, on small synthetic text and positioned words."""

from __future__ import annotations

from datetime import date

from ofsted_cli.frameworks import ilacs
from ofsted_cli.frameworks.ilacs import (
    area_of,
    authority_of,
    footnote_marker,
    inspector_names,
    is_body_line,
    is_ilacs_front_page,
    is_section_heading,
    join_lines,
    pair_rows,
    parse_front_facts,
    parse_judgement_table,
    recommendation_items,
    split_items,
    strip_footnote,
    strip_page_furniture,
)
from ofsted_cli.models import Area, Grade
from ofsted_cli.pdf import Line, Word

PAGE1 = (
    "Inspection of Northshire local authority \n"
    "children’s services \n"
    "Inspection dates: 30 September to 11 October 2024 and 13 to 16 January 2025\n"
    "Lead inspector: Jane Example, His Majesty’s Inspector\n"
    "Judgement Grade\n"
    "The impact of leaders on social work \n"
    "practice with children and families\n"
    "Good\n"
    "Overall effectiveness Good\n"
    "Children in Northshire receive good help.\n"
)

OLD_PAGE1 = (
    "1\n"
    "Northshire County Council\n"
    "Inspection of children’s social care services\n"
    "Inspection dates: 19 November 2018 to 30 November 2018\n"
    "Lead inspector: John Example\n"
    "Her Majesty’s Inspector\n"
    "Judgement Grade\n"
    "The impact of leaders on social work practice with children \n"
    "and families Good\n"
)


class _FakeDoc:
    """Just enough of a Document for ``matches``: page texts by number."""

    def __init__(self, *pages: str) -> None:
        self._pages = pages
        self.page_count = len(pages)

    def text(self, page_no: int) -> str:
        return self._pages[page_no - 1]


# --- detection -----------------------------------------------------------------------------


def test_front_page_in_both_title_forms() -> None:
    assert is_ilacs_front_page(PAGE1)
    assert is_ilacs_front_page(OLD_PAGE1)


def test_front_page_needs_the_judgement_table() -> None:
    without_table = PAGE1.replace("Judgement Grade\n", "")
    assert not is_ilacs_front_page(without_table)


def test_sif_and_lscb_first_pages_are_not_ilacs() -> None:
    sif = (
        "Northshire County Council\n"
        "Inspection of services for children in need of help and protection, children looked\n"
        "after and care leavers\n"
        "and\n"
        "Review of the effectiveness of the Local Safeguarding Children Board\n"
        "Overall effectiveness Requires improvement\n"
    )
    assert not is_ilacs_front_page(sif)
    assert not ilacs.matches(_FakeDoc(sif, "page two"))  # type: ignore[arg-type]


def test_matches_allows_a_cover_page() -> None:
    assert ilacs.matches(_FakeDoc("Cover", PAGE1))  # type: ignore[arg-type]
    assert not ilacs.matches(_FakeDoc("Cover", "Contents", PAGE1))  # type: ignore[arg-type]


# --- facts ---------------------------------------------------------------------------------


def test_new_title_block_facts() -> None:
    facts = parse_front_facts(PAGE1)
    assert facts.local_authority == "Northshire"
    assert facts.inspection_start == date(2024, 9, 30)
    assert facts.inspection_end == date(2025, 1, 16)  # split inspection: first to last day
    assert facts.lead_inspector == "Jane Example"
    assert facts.published is None


def test_old_title_block_facts() -> None:
    facts = parse_front_facts(OLD_PAGE1)
    assert facts.local_authority == "Northshire County Council"
    assert facts.inspection_start == date(2018, 11, 19)
    assert facts.inspection_end == date(2018, 11, 30)
    assert facts.lead_inspector == "John Example"


def test_dates_that_wrap_onto_the_next_line() -> None:
    text = "Inspection of X children’s services\nInspection dates: 3 to 14\nOctober 2022\n"
    facts = parse_front_facts(text)
    assert (facts.inspection_start, facts.inspection_end) == (date(2022, 10, 3), date(2022, 10, 14))


def test_no_lead_inspector_is_null() -> None:
    text = (
        "Inspection of X children’s services\nInspection dates: 2 to 6 June 2025\nJudgement Grade\n"
    )
    assert parse_front_facts(text).lead_inspector is None


def test_authority_without_local_authority_words() -> None:
    assert authority_of(["Inspection of Kent County Council ", "children’s services "]) == (
        "Kent County Council"
    )
    assert authority_of(
        ["Inspection of the Isle of Wight local", "authority children's services"]
    ) == ("the Isle of Wight")
    assert (
        authority_of(["1", "Tameside", "Inspection of local authority children’s social care"])
        is None
    )
    assert (
        authority_of(
            ["1", "Tameside", "Inspection of local authority children’s social care", "services"]
        )
        == "Tameside"
    )


def test_inspector_titles_and_joint_leads() -> None:
    assert inspector_names("Sarah Canto, His Majesty’s Inspector") == "Sarah Canto"
    assert inspector_names("Mandy Nightingale HMI") == "Mandy Nightingale"
    assert (
        inspector_names(
            "Rebecca Quested, His Majesty’s Inspector, and Matthew Reed, His Majesty’s Inspector"
        )
        == "Rebecca Quested and Matthew Reed"
    )
    assert inspector_names("  ") is None


# --- judgements ----------------------------------------------------------------------------


def test_area_of_every_label_form() -> None:
    lead = "The impact of leaders on social work practice with children and families"
    assert area_of(lead) == Area.IMPACT_OF_LEADERS
    protect = "The experiences and progress of children who need help and protection"
    assert area_of(protect) == Area.HELP_AND_PROTECTION
    combined = "The experiences and progress of children in care and care leavers"
    assert area_of(combined) == Area.CHILDREN_IN_CARE
    assert area_of("The experiences and progress of children in care") == Area.CHILDREN_IN_CARE
    assert area_of("The experiences and progress of care leavers") == Area.CARE_LEAVERS
    assert area_of("The experiences and progress of children care leavers") == Area.CARE_LEAVERS
    assert area_of("Overall effectiveness") == Area.OVERALL_EFFECTIVENESS
    assert area_of("Something else") is None


def _words(text: str, x: float, top: float, size: float = 10.0) -> list[Word]:
    """Words of ``text`` laid out from ``x`` on one baseline, ~5 points a character."""
    out: list[Word] = []
    for token in text.split():
        width = 5.0 * len(token)
        out.append(Word(token, x, x + width, top, top + size))
        x += width + 4.0
    return out


def _table(*rows: tuple[str, float, str, float]) -> list[Word]:
    """A page: header, then (label line, top, grade line, top) cells, then body text."""
    words = _words("Inspection of Northshire local authority", 71, 130)
    words += _words("Judgement", 77, 270) + _words("Grade", 303, 270)
    for label, label_top, grade, grade_top in rows:
        if label:
            words += _words(label, 77, label_top)
        if grade:
            words += _words(grade, 303, grade_top)
    body_top = max(max(r[1], r[3]) for r in rows) + 40
    words += _words("Services for children in Northshire have improved a great deal", 71, body_top)
    words += _words("since the last inspection when they were good", 71, body_top + 14)
    return words


def test_table_with_wrapped_labels_and_wrapped_grade() -> None:
    words = _table(
        ("The impact of leaders on social", 300, "Requires improvement", 306),
        ("practice with families", 314, "to be good", 320),
        ("The experiences and progress of", 345, "", 0),
        ("children in care", 359, "Good", 352),
        ("Overall effectiveness", 390, "Inadequate", 390),
    )
    assert parse_judgement_table(words) == [
        ("The impact of leaders on social practice with families", Grade.REQUIRES_IMPROVEMENT),
        ("The experiences and progress of children in care", Grade.GOOD),
        ("Overall effectiveness", Grade.INADEQUATE),
    ]


def test_table_in_another_order_without_overall_effectiveness() -> None:
    words = _table(
        ("The experiences and progress of care", 300, "Outstanding", 300),
        ("leavers", 314, "", 0),
        ("The impact of leaders on social work", 345, "Good", 352),
        ("practice with children and families", 359, "", 0),
    )
    rows = parse_judgement_table(words)
    assert [(area_of(label), grade) for label, grade in rows] == [
        (Area.CARE_LEAVERS, Grade.OUTSTANDING),
        (Area.IMPACT_OF_LEADERS, Grade.GOOD),
    ]


def test_body_text_at_the_cell_indent_ends_the_table() -> None:
    """2018 layout: the summary starts at the cells' own indent and here no word straddles the
    grade column, so only the word space across the column edge tells it from a row."""
    words = _words("Judgement", 79, 300) + _words("Grade", 395, 300)
    words += _words("Overall effectiveness", 79, 472) + _words("Good", 395, 472)
    words += [Word("Senior", 79, 385, 528, 538), Word("leaders", 396, 431, 528, 538)]
    words += _words("support for children", 79, 542)
    assert parse_judgement_table(words) == [("Overall effectiveness", Grade.GOOD)]


def test_no_header_no_rows() -> None:
    assert parse_judgement_table(_words("Overall effectiveness Good", 77, 300)) == []


def test_is_body_line() -> None:
    row = Line(tuple(_words("Overall", 77, 400) + _words("Good", 303, 400)))
    assert not is_body_line(row, left=77, boundary=299)
    assert is_body_line(Line(tuple(_words("Since the last", 71, 400))), left=77, boundary=299)
    straddle = Line(tuple(_words("a word across the column boundary here", 200, 400)))
    assert is_body_line(straddle, left=77, boundary=299)


def test_pair_rows_by_nearest_middle() -> None:
    labels = [("Row A", 100.0, 130.0), ("Row B", 150.0, 165.0), ("No grade", 200.0, 210.0)]
    grades = [("Good", 152.0, 162.0), ("Requires improvement to be good", 110.0, 135.0)]
    assert pair_rows(labels, grades) == [
        ("Row A", Grade.REQUIRES_IMPROVEMENT),
        ("Row B", Grade.GOOD),
    ]


# --- recommendations -----------------------------------------------------------------------


def _tag(text: str, page: int = 2) -> list[tuple[int, str]]:
    return [(page, line) for line in text.split("\n")]


def test_split_items_bullets_wraps_and_section_end() -> None:
    text = (
        "1\n"
        "◼ The quality of plans for children \n"
        "in need. (outcome 1, national \n"
        "framework)\n"
        "\uf06e Decision-\n"
        "making for care leavers.\n"
        "The experiences and progress of children who need help and \n"
        "protection: good\n"
        "1. Children receive help.\n"
    )
    assert split_items(_tag(text)) == [
        (2, "The quality of plans for children in need. (outcome 1, national framework)"),
        (2, "Decision-making for care leavers."),
    ]


def test_sub_bullets_fold_into_their_parent() -> None:
    text = (
        "◼ The quality of oversight of:\n"
        "− the pre-proceedings process\n"
        "− private fostering.\n"
        "◼ Caseloads.\n"
    )
    assert [t for _, t in split_items(_tag(text))] == [
        "The quality of oversight of: the pre-proceedings process private fostering.",
        "Caseloads.",
    ]


def test_typed_hyphen_sub_items_keep_their_hyphen() -> None:
    text = "◼ Practice to demonstrate:\n- an understanding;\n- the ambition.\n"
    assert [t for _, t in split_items(_tag(text))] == [
        "Practice to demonstrate: - an understanding; - the ambition."
    ]


def test_numbered_items_and_empty_bullets() -> None:
    text = "1. First item\nwraps.\n◼\n2) Second item.\n"
    assert [t for _, t in split_items(_tag(text))] == ["First item wraps.", "Second item."]


def test_wrapped_item_words_are_not_a_section_heading() -> None:
    text = "◼ Leaders’ understanding of\nthe impact of leaders on practice.\n"
    assert [t for _, t in split_items(_tag(text))] == [
        "Leaders’ understanding of the impact of leaders on practice."
    ]
    assert is_section_heading("The impact of leaders on social work practice: good", "")
    assert is_section_heading(
        "The experiences and progress of children who need help and", "protection: inadequate"
    )
    assert not is_section_heading("experiences and progress of children in many areas.", "good")


def test_join_lines_hyphens() -> None:
    assert join_lines(["decision-", "making"]) == "decision-making"
    assert join_lines(["children who are privately fostered, 16-", "and 17-year-olds"]) == (
        "children who are privately fostered, 16- and 17-year-olds"
    )
    assert join_lines(["covering both short-and longer-term objectives."]) == (
        "covering both short- and longer-term objectives."
    )
    assert join_lines(["a  ", "", " b "]) == "a b"


def test_page_furniture_is_stripped() -> None:
    header = frozenset({"inspection of x local authority children’s services", "to march"})
    lines = [
        "Inspection of X local authority children’s services",
        "17 to 21 March 2025 3",
        "framework)",
        "",
        "12",
    ]
    assert strip_page_furniture(lines, header) == ["framework)"]
    assert strip_page_furniture(["3", "◼ An item."], frozenset()) == ["◼ An item."]


def test_footnote_marker_on_the_heading_or_the_next_line() -> None:
    assert footnote_marker(["What needs to improve?1", "◼ A"], 0) == "1"
    assert footnote_marker(["What needs to improve?", "2", "◼ A"], 0) == "2"
    assert footnote_marker(["What needs to improve", "◼ A"], 0) is None


def test_strip_footnote_run_on_to_the_last_body_line() -> None:
    lines = [
        "◼ An item.",
        "1. Screening uses a strengths-based, solution-1 The areas for improvement have been ",
        "cross-referenced with the National Framework.",
    ]
    assert strip_footnote(lines, "1") == [
        "◼ An item.",
        "1. Screening uses a strengths-based, solution-",
    ]
    untouched = ["◼ Children aged 21 To be kept.", "more"]
    assert strip_footnote(untouched, "1") == untouched


def test_recommendation_items_across_pages() -> None:
    header = frozenset({"inspection of x local authority children’s services", "to march"})
    page2 = (
        "Inspection of X local authority children’s services\n"
        "17 to 21 March 2025 2\n"
        "Summary text.\n"
        "What needs to improve?1\n"
        "◼ The first item.\n"
        "◼ The second item runs over \n"
        "1 The areas for improvement have been cross-referenced with the \n"
        "Children’s Social Care: National Framework.\n"
    )
    page3 = (
        "Inspection of X local authority children’s services\n"
        "17 to 21 March 2025 3\n"
        "the page break. (outcome 2, national framework)\n"
        "The experiences and progress of children who need help and protection: good\n"
        "1. Findings.\n"
    )
    assert recommendation_items([(2, page2), (3, page3)], header) == [
        (2, "The first item."),
        (2, "The second item runs over the page break. (outcome 2, national framework)"),
    ]


def test_no_heading_no_items() -> None:
    assert recommendation_items([(2, "Summary.\nThe impact of leaders: good\n")]) == []
