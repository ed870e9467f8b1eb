"""The ILACS reader's layout rules, on small synthetic text and positioned words."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from ofsted_cli.errors import UnrecognisedReportError
from ofsted_cli.frameworks import ilacs
from ofsted_cli.frameworks.common import PrintedLines
from ofsted_cli.frameworks.ilacs import (
    area_of,
    authority_of,
    find_heading,
    footnote_marker,
    glyph_of,
    inspector_names,
    is_body_line,
    is_ilacs_front_page,
    is_section_heading,
    item_margin,
    list_end,
    pair_rows,
    parse_front_facts,
    parse_judgement_table,
    recommendation_items,
    split_items,
    strip_footnote,
    strip_glued_footnotes,
    strip_page_furniture,
    unread_list,
    word_space,
)
from ofsted_cli.models import Area, Grade, Part, Report
from ofsted_cli.parser import parse_report
from ofsted_cli.pdf import Line, Word, group_lines

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
    """Just enough of a Document for ``matches`` and ``read``: page texts by number, and
    positioned words for page 1."""

    def __init__(self, *pages: str, words: list[Word] | None = None) -> None:
        self._pages = pages
        self._words = words or []
        self.page_count = len(pages)
        self.path = "fake.pdf"
        self.sha256 = "0" * 64

    def text(self, page_no: int) -> str:
        return self._pages[page_no - 1]

    def words(self, page_no: int) -> list[Word]:
        return self._words if page_no == 1 else []

    def lines(self, page_no: int) -> list[Line]:
        return group_lines(self.words(page_no))


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


def test_lead_inspector_above_the_dates() -> None:
    """Finding 21: the lead inspector was only read when printed below the dates."""
    text = (
        "Inspection of X children’s services\n"
        "Lead inspector: Ann Example HMI\n"
        "Inspection dates: 2 to 6 June 2025\n"
        "Judgement Grade\n"
    )
    facts = parse_front_facts(text)
    assert facts.lead_inspector == "Ann Example"
    assert facts.local_authority == "X"


def test_published_date() -> None:
    text = PAGE1.replace("Judgement Grade", "Report published: 14 March 2025\nJudgement Grade")
    assert parse_front_facts(text).published == date(2025, 3, 14)
    assert parse_front_facts(
        PAGE1.replace("Judgement", "Published: 1 May 2024\nJudgement")
    ).published == (date(2024, 5, 1))


def test_front_pages_allow_one_cover_page() -> None:
    assert ilacs._FRONT_PAGES == 2
    doc = _FakeDoc("Cover", PAGE1, "More", words=_table(*_ROWS))
    with pytest.raises(UnrecognisedReportError, match="no ILACS title block"):
        ilacs.read(_FakeDoc("Cover", "Contents", PAGE1))  # type: ignore[arg-type]
    assert ilacs._front_page(doc) == 2  # type: ignore[arg-type]


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


def _words(text: str, x: float, top: float, size: float = 10.0, space: float = 4.0) -> list[Word]:
    """Words of ``text`` laid out from ``x`` on one baseline, ~5 points a character."""
    out: list[Word] = []
    for token in text.split():
        width = 5.0 * len(token)
        out.append(Word(token, x, x + width, top, top + size))
        x += width + space
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
    assert not is_body_line(row, left=77, boundary=299, cell_gap=10)
    since = Line(tuple(_words("Since the last", 71, 400)))
    assert is_body_line(since, left=77, boundary=299, cell_gap=10)
    straddle = Line(tuple(_words("a word across the column boundary here", 200, 400)))
    assert is_body_line(straddle, left=77, boundary=299, cell_gap=10)


def test_pair_rows_by_nearest_middle() -> None:
    labels = [("Row A", 100.0, 130.0), ("Row B", 150.0, 165.0)]
    grades = [("Good", 152.0, 162.0), ("Requires improvement to be good", 110.0, 135.0)]
    assert pair_rows(labels, grades) == [
        ("Row A", Grade.REQUIRES_IMPROVEMENT),
        ("Row B", Grade.GOOD),
    ]


def test_pair_rows_raises_on_a_misread_cell() -> None:
    """Finding 1: a label without a grade used to be dropped silently."""
    labels = [("Row A", 100.0, 130.0), ("No grade", 200.0, 210.0)]
    with pytest.raises(ilacs.TableError, match="no grade beside 'No grade'"):
        pair_rows(labels, [("Good", 100.0, 110.0)])
    with pytest.raises(ilacs.TableError, match="two grades"):
        pair_rows(labels[:1], [("Good", 100.0, 110.0), ("Inadequate", 120.0, 130.0)])
    with pytest.raises(ilacs.TableError, match="no label"):
        pair_rows([], [("Good", 100.0, 110.0)])


_ROWS = (
    ("The impact of leaders", 300, "Good", 300),
    ("Children who need help", 330, "Good", 330),
    ("and protection", 344, "", 0),
    ("Children in care", 370, "Good", 370),
)


def _read(words: list[Word], page2: str = "Summary.\n") -> Report:
    return ilacs.read(_FakeDoc(PAGE1, page2, words=words))  # type: ignore[arg-type]


def test_read_accepts_a_whole_table() -> None:
    report = _read(_table(*_ROWS))
    assert [(j.area, j.grade) for j in report.judgements] == [
        (Area.IMPACT_OF_LEADERS, Grade.GOOD),
        (Area.HELP_AND_PROTECTION, Grade.GOOD),
        (Area.CHILDREN_IN_CARE, Grade.GOOD),
    ]
    assert report.recommendations == []  # no "What needs to improve" heading: none made


@pytest.mark.parametrize(
    ("rows", "reason", "kept"),
    [
        (_ROWS[:3], "no children_in_care judgement", 2),  # a required row is missing
        (
            (*_ROWS, ("Something else", 400, "Good", 400)),
            "judgement table: unknown row 'Something else'",
            3,
        ),
        (
            (*_ROWS, ("Overall effectiveness", 400, "", 0)),
            "judgement table: no grade beside 'Overall",
            3,
        ),
    ],
)
def test_read_warns_on_a_partial_table(
    rows: tuple[tuple[str, float, str, float], ...], reason: str, kept: int
) -> None:
    """Finding 1: these used to give a valid record with rows missing. One failure policy:
    the rows read are kept and the judgements are marked doubtful (not refused)."""
    report = _read(_table(*rows))
    assert len(report.judgements) == kept
    assert [w.part for w in report.warnings] == [Part.JUDGEMENTS]
    assert report.warnings[0].message.startswith(reason)


def test_two_grades_beside_one_label_drop_it_with_a_warning() -> None:
    labels = [("Row A", 100.0, 130.0), ("Row B", 200.0, 210.0)]
    grades = [("Good", 100.0, 110.0), ("Inadequate", 120.0, 130.0), ("Good", 200.0, 210.0)]
    problems: list[str] = []
    assert pair_rows(labels, grades, problems) == [("Row B", Grade.GOOD)]
    assert problems == ["two grades beside 'Row A'"]


def test_read_rejects_an_empty_table() -> None:
    words = _words("Judgement", 77, 270) + _words("Grade", 303, 270)
    words += _words("Services for children in Northshire have improved", 71, 300)
    with pytest.raises(UnrecognisedReportError, match="no rows"):
        _read(words)


def test_cell_gap_is_relative_to_the_word_space() -> None:
    """Finding 5: on a page set with 2-point word spaces a 10-point cell gap is a cell gap
    (the old fixed 12-point threshold read the row as body text and ended the table)."""
    words = _words("Judgement", 77, 270, space=2) + _words("Grade", 190, 270, space=2)
    words += _words("Overall effectiveness", 77, 300, space=2)  # ends at x=179
    words += _words("Good", 190, 300, space=2)
    words += _words("Since the last inspection services have improved a lot", 71, 340, space=2)
    assert parse_judgement_table(words) == [("Overall effectiveness", Grade.GOOD)]


def test_a_misread_line_inside_the_table_is_skipped() -> None:
    """Finding 5: one line across the grade column no longer drops every row below it."""
    words = _table(*_ROWS)
    words += [Word("stray-mark-across-the-column", 200, 330, 320, 328)]
    assert [label for label, _ in parse_judgement_table(words)] == [
        "The impact of leaders",
        "Children who need help and protection",
        "Children in care",
    ]


def test_lower_case_grades_open_their_own_cells() -> None:
    """Finding 6: "good" under "good" used to merge into one cell, losing rows."""
    words = _table(
        ("The impact of leaders on social", 300, "requires improvement", 306),
        ("practice with families", 314, "to be good", 320),
        ("The experiences and progress of care leavers", 345, "good", 345),
        ("Overall effectiveness", 360, "inadequate", 360),
    )
    assert [grade for _, grade in parse_judgement_table(words)] == [
        Grade.REQUIRES_IMPROVEMENT,
        Grade.GOOD,
        Grade.INADEQUATE,
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
        "◼ Decision-\n"
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


def test_empty_bullets_are_not_items() -> None:
    text = "◼ First item\nwraps.\n◼\n◼Second item.\n"
    assert [t for _, t in split_items(_tag(text))] == ["First item wraps.", "Second item."]


def test_numbered_findings_paragraphs_end_the_list() -> None:
    """Finding 3: with the section heading worded differently the findings paragraphs
    ("1. ...", "2. ...") used to become items of their own."""
    text = (
        "◼ The first item.\n"
        "◼ The second item.\n"
        "Experiences of children who need help and protection\n"
        "1. Children receive help.\n"
        "2. Children are safe.\n"
    )
    assert [t for _, t in split_items(_tag(text))] == ["The first item.", "The second item."]
    assert list_end(text.split("\n"), "◼") == 2  # the paragraph after the last item
    assert split_items(_tag("1. A numbered paragraph.\n2. Another.\n")) == []


def test_a_new_paragraph_after_the_last_item_ends_the_list() -> None:
    """Finding 3: a line that starts afresh after the last item closed is not part of it,
    but the same wording between two items is a continuation line."""
    text = "◼ The first item.\n◼ The second item (outcome 2).\nSummary of findings\nmore text\n"
    assert [t for _, t in split_items(_tag(text))] == [
        "The first item.",
        "The second item (outcome 2).",
    ]
    inside = "◼ The first item ends.\nThen it runs on.\n◼ The second item.\n"
    assert [t for _, t in split_items(_tag(inside))] == [
        "The first item ends. Then it runs on.",
        "The second item.",
    ]


@pytest.mark.parametrize("glyph", ["-", "\uf0d8", "➢", "*"])
def test_an_unknown_bullet_glyph_is_the_lists_own(glyph: str) -> None:
    """Finding 4: any single symbol heading the list is its bullet (was 0 items)."""
    text = f"{glyph} The first item\nwraps.\n{glyph} The second item.\n"
    assert [t for _, t in split_items(_tag(text))] == ["The first item wraps.", "The second item."]


def test_sub_bullets_are_told_by_glyph_not_by_a_fixed_list() -> None:
    """Finding 18: "▪" under a "◼" list is a sub-bullet (it used to open an item), and
    "▪" heading a list is that list's bullet."""
    text = "◼ Oversight of:\n▪ plans\n▪ visits.\n◼ Caseloads.\n"
    assert [t for _, t in split_items(_tag(text))] == ["Oversight of: plans visits.", "Caseloads."]
    own = "▪ Plans.\n▪ Visits.\n"
    assert [t for _, t in split_items(_tag(own))] == ["Plans.", "Visits."]


def test_heading_over_an_unreadable_list_warns() -> None:
    """One failure policy: a heading over list-like lines with no bullet keeps what was read
    (nothing) and says so; it is neither an error nor a silent empty list."""
    page2 = "What needs to improve?\na) plans\nThe impact of leaders on practice: good\n"
    report = _read(_table(*_ROWS), page2)
    assert report.recommendations == []
    assert [(w.part, w.message) for w in report.warnings] == [
        (
            Part.RECOMMENDATIONS,
            '"What needs to improve" list may be incomplete: '
            "1 list-like lines but no bulleted item",
        )
    ]
    page2 = "What needs to improve?\n◼ Plans.\nThe impact of leaders on practice: good\n"
    report = _read(_table(*_ROWS), page2)
    assert [r.text for r in report.recommendations] == ["Plans."]
    assert report.warnings == []


def test_heading_over_prose_only_is_no_items_and_no_warning() -> None:
    """An outstanding authority with nothing to improve: a paragraph, no list."""
    page2 = (
        "What needs to improve?\n"
        "Leaders know their services well and there are no areas for improvement. Children\n"
        "receive the right help at the right time.\n"
        "The impact of leaders on practice: outstanding\n"
    )
    report = _read(_table(*_ROWS), page2)
    assert (report.recommendations, report.warnings) == ([], [])


def test_a_list_that_never_ends_warns_and_keeps_its_items() -> None:
    page2 = "What needs to improve?\n◼ Plans.\n◼ Visits.\nmore text\n"
    report = _read(_table(*_ROWS), page2)
    assert [r.text for r in report.recommendations] == ["Plans.", "Visits. more text"]
    assert [w.part for w in report.warnings] == [Part.RECOMMENDATIONS]
    assert ": no section heading or findings paragraph by page 2" in report.warnings[0].message


@pytest.mark.parametrize(
    "heading",
    [
        ["What needs to improve in this local authority?"],
        ["What needs to improve in this local", "authority?"],
        ["WHAT NEEDS TO IMPROVE:"],
        ["What needs to improve?2"],
    ],
)
def test_heading_wordings(heading: list[str]) -> None:
    lines = ["Summary.", *heading, "◼ Plans."]
    assert find_heading(lines) == (1, len(heading))
    items = recommendation_items([(2, "\n".join([*lines, "The impact of leaders: good"]))])
    assert items == [(2, "Plans.")]


def test_heading_lookalikes_are_not_headings() -> None:
    assert find_heading(["What needs to improve is clear to leaders and they act on it."]) is None
    assert find_heading(["What needs to improve", "◼ Plans."]) == (0, 1)
    assert find_heading(["What needs to improve in", "◼ Plans."]) is None


def test_a_list_that_never_ends_is_an_error() -> None:
    with pytest.raises(ilacs.ListError):
        recommendation_items([(2, "What needs to improve?\n◼ Plans.\nmore\n")])


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


def test_section_heading_needs_its_grade_at_the_end() -> None:
    """Finding 23: a capitalised wrapped line that mentions a grade is not a heading."""
    assert is_section_heading("The experiences and progress of care leavers is good", "")
    assert is_section_heading("The experiences and progress of care leavers are: Good.", "")
    assert is_section_heading(
        "The experiences and progress of children in care requires improvement", "to be good"
    )
    assert is_section_heading("The impact of leaders on practice: good", "1. Leaders are good.")
    line = "The impact of leaders on good practice for care"
    assert not is_section_heading(line, "leavers is assessed.")
    text = f"◼ Leaders to review:\n{line}\nleavers is assessed.\n◼ Caseloads.\n"
    assert [t for _, t in split_items(_tag(text))] == [
        f"Leaders to review: {line} leavers is assessed.",
        "Caseloads.",
    ]


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


def test_footnote_marker_only_on_the_heading_line() -> None:
    """Finding 16: a bare number on the next line may be a page number, not a marker."""
    assert footnote_marker(["What needs to improve?1", "◼ A"], 0) == "1"
    assert footnote_marker(["What needs to improve 1", "◼ A"], 0) == "1"
    assert footnote_marker(["What needs to improve?", "2", "◼ A"], 0) is None
    assert footnote_marker(["What needs to improve", "◼ A"], 0) is None


def test_a_page_number_after_the_heading_cuts_no_text() -> None:
    page = (
        "What needs to improve?\n"
        "2\n"
        "◼ The response to children at risk within\n"
        "2 Working days of their referral.\n"
        "The impact of leaders on practice: good\n"
    )
    assert recommendation_items([(2, page)]) == [
        (2, "The response to children at risk within 2 Working days of their referral.")
    ]


def test_strip_footnote_only_in_the_last_lines() -> None:
    lines = ["◼ An item.", "1 The areas are cross-referenced.", *["more"] * 5]
    assert strip_footnote(lines, "1") == lines


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


# --- issue 8: unseen wordings and layouts ------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "authority"),
    [
        (
            "Inspection of Bradford Children and Families Trust",
            "Bradford Children and Families Trust",
        ),
        ("Inspection of Together for Children", "Together for Children"),
        ("Inspection of Achieving for Children", "Achieving for Children"),
        ("Inspection of Doncaster Children’s Services Trust", "Doncaster"),
    ],
)
def test_a_service_run_by_a_trust(title: str, authority: str) -> None:
    """A trust's report names no council: its title is read as printed, and the front page is
    still recognised by its judgement table."""
    page = PAGE1.replace("Inspection of Northshire local authority \nchildren’s services \n", "")
    page = f"{title}\n{page}"
    assert is_ilacs_front_page(page)
    assert parse_front_facts(page).local_authority == authority


@pytest.mark.parametrize(
    "first_lines",
    [
        "Focused visit to Northshire children’s services\n",
        "Joint targeted area inspection of Northshire\n",
        "Area SEND inspection of Northshire Local Area Partnership\n",
    ],
)
def test_other_documents_are_not_ilacs(first_lines: str) -> None:
    """Letters and area reports have an "inspection of" title but no judgement table."""
    page = first_lines + "Inspection dates: 2 to 6 June 2025\nLead inspector: Ann Example\n"
    assert not is_ilacs_front_page(page)


def _placed(page: int, rows: Sequence[tuple[float, float, str]]) -> tuple[_FakeDoc, list[str]]:
    """A fake document whose page ``page`` prints ``rows`` (x0 of the first word, top, text)
    and the page text pdfium would give for them. A lone glyph is a word of its own, its text
    18 points to its right."""
    words: list[Word] = []
    for x0, top, text in rows:
        first, _, rest = text.partition(" ")
        if glyph_of(text) and rest:
            words += _words(first, x0, top) + _words(rest, x0 + 18, top)
        else:
            words += _words(text, x0, top)
    pages = ["page one"] * (page - 1) + ["\n".join(t for _, _, t in rows)]

    class _Doc(_FakeDoc):
        def words(self, page_no: int) -> list[Word]:
            return words if page_no == page else []

    return _Doc(*pages), [t for _, _, t in rows]


def test_list_end_by_position_not_wording() -> None:
    """After the last bullet, a line back at the glyph's margin is a new paragraph, and one
    at the item's text indent continues it, whatever the wording suggests."""
    rows = [
        (71.0, 100, "◼ The first item."),
        (71.0, 115, "◼ The quality of plans for children."),
        (89.0, 130, "Leaders check them (Outcome one), and"),  # at the text indent
        (89.0, 145, "The National Framework"),  # still at the text indent
        (71.0, 160, "Senior leaders have a clear plan"),  # at the margin: a paragraph
        (71.0, 175, "The impact of leaders on practice: good"),
    ]
    doc, texts = _placed(2, rows)
    items = split_items([(2, t) for t in texts], PrintedLines(doc))  # type: ignore[arg-type]
    assert [t for _, t in items] == [
        "The first item.",
        "The quality of plans for children. Leaders check them (Outcome one), and The National "
        "Framework",
    ]
    # from the wording alone, the capital after a full stop looks like a new paragraph
    assert [t for _, t in split_items([(2, t) for t in texts])] == [
        "The first item.",
        "The quality of plans for children.",
    ]


@pytest.mark.parametrize(("x0", "ends"), [(79.9, True), (80.1, False)])
def test_margin_share_boundary(x0: float, ends: bool) -> None:
    """Glyph at 71, text at 89: the margin line is half way, at 80."""
    assert ilacs._MARGIN_SHARE == 0.5
    rows = [
        (71.0, 100, "◼ An item."),
        (x0, 115, "Another line"),
        (71.0, 130, "The impact of leaders on practice: good"),
    ]
    doc, texts = _placed(2, rows)
    printed = PrintedLines(doc)  # type: ignore[arg-type]
    assert list_end(texts, "◼", lambda i: printed.find(2, texts[i])) == (1 if ends else 2)


def test_item_margin_needs_a_lone_glyph() -> None:
    line = Line(tuple(_words("◼", 71, 100) + _words("Plans", 89, 100)))
    assert item_margin(line) == 80.0
    assert item_margin(Line(tuple(_words("◼Plans here", 71, 100)))) is None
    assert item_margin(None) is None


def test_folded_sub_items_whose_glyphs_were_dropped_keep_a_separator() -> None:
    """ "including:" then short lines with no glyph: each broke short of the right edge, so
    each is a sub-item of its own, kept apart by "; " (wrapped lines are not)."""
    rows = [
        (71.0, 100, "◼ Services for care leavers, including:"),
        (107.0, 115, "sufficiency of accommodation"),
        (107.0, 130, "assessment and support"),
        (107.0, 145, "the quality of pathway plans that are written with young people and"),
        (107.0, 160, "reviewed."),
        (71.0, 175, "◼ Caseloads."),
        (
            71.0,
            190,
            "The impact of leaders on social work practice with children and families: good",
        ),
    ]
    doc, texts = _placed(2, rows)
    items = split_items([(2, t) for t in texts], PrintedLines(doc))  # type: ignore[arg-type]
    assert [t for _, t in items] == [
        "Services for care leavers, including: sufficiency of accommodation; assessment and "
        "support; the quality of pathway plans that are written with young people and reviewed.",
        "Caseloads.",
    ]
    # without a lead-in colon, no position is read and nothing is inserted
    plain = [(2, t.replace(":", "")) for t in texts]
    assert [t for _, t in split_items(plain, PrintedLines(doc))][0] == (  # type: ignore[arg-type]
        "Services for care leavers, including sufficiency of accommodation assessment and "
        "support the quality of pathway plans that are written with young people and reviewed."
    )


def test_glued_footnote_markers_and_their_footnotes_are_dropped() -> None:
    page = (
        "What needs to improve?\n"
        "◼ Support for care leavers2 who are parents (outcome 4).\n"
        "◼ Plans for 16- and 17-year-olds, and COVID-19 recovery.\n"
        "The impact of leaders on practice: good\n"
        "1. Leaders are effective.\n"
        "2 Care leavers are young people aged 18 to 25.\n"
    )
    assert recommendation_items([(2, page)]) == [
        (2, "Support for care leavers who are parents (outcome 4)."),
        (2, "Plans for 16- and 17-year-olds, and COVID-19 recovery."),
    ]
    no_footnote = ["◼ Children aged under2 are seen.", "more"]
    assert strip_glued_footnotes(no_footnote) == no_footnote


# --- tuning constants, pinned either side of their boundaries -----------------------------------


@pytest.mark.parametrize(("filler", "found"), [(1485, True), (1486, False)])
def test_title_within_the_head_of_the_page(filler: int, found: bool) -> None:
    """The title ("Inspection of N", 15 characters) must stand in the first 1500 characters."""
    assert ilacs._HEAD_CHARS == 1500
    page = (
        "x" * (filler - 1) + "\nInspection of Northshire\nJudgement Grade\nThe impact of leaders\n"
    )
    assert is_ilacs_front_page(page) is found


@pytest.mark.parametrize(("last_page", "warned"), [(4, False), (5, True)])
def test_a_list_may_run_over_three_pages(last_page: int, warned: bool) -> None:
    """From the heading's page (2), the list must end by page 4."""
    assert ilacs._RECOMMENDATION_PAGES == 3
    pages = ["What needs to improve?\n◼ Plans"] + ["for children"] * 3
    pages[last_page - 2] += "\nThe impact of leaders on practice: good"
    report = ilacs.read(_FakeDoc(PAGE1, *pages, words=_table(*_ROWS)))  # type: ignore[arg-type]
    assert bool(report.warnings) is warned


@pytest.mark.parametrize(("after", "cut"), [(4, True), (5, False)])
def test_footnote_within_the_last_five_lines(after: int, cut: bool) -> None:
    assert ilacs._FOOTNOTE_LINES == 5
    lines = ["◼ An item.", "1 The areas are cross-referenced.", *["more"] * after]
    assert (strip_footnote(lines, "1") == ["◼ An item."]) is cut


@pytest.mark.parametrize(("x0", "rows"), [(73.0, 1), (72.9, 0)])
def test_table_ends_at_a_line_left_of_its_cells(x0: float, rows: int) -> None:
    """A line starting more than 4 points left of the "Judgement" heading (77) is body text."""
    assert ilacs._COLUMN_SLACK == 4.0
    words = _words("Judgement", 77, 270) + _words("Grade", 303, 270)
    words += _words("Overall effectiveness", x0, 300) + _words("Good", 303, 300)
    assert len(parse_judgement_table(words)) == rows


@pytest.mark.parametrize(("offset", "found"), [(6.0, True), (6.1, False)])
def test_column_headings_side_by_side(offset: float, found: bool) -> None:
    assert ilacs._HEADER_TOLERANCE == 6.0
    words = _words("Judgement", 77, 270) + _words("Grade", 303, 270 + offset)
    words += _words("Overall effectiveness", 77, 300) + _words("Good", 303, 300)
    assert bool(parse_judgement_table(words)) is found


@pytest.mark.parametrize(("label_end", "rows"), [(293.0, 1), (293.1, 0)])
def test_cell_gap_is_two_and_a_half_word_spaces(label_end: float, rows: int) -> None:
    """Word spaces of 4 points: a gap of 10 between label and grade is a cell gap; less is a
    word space in a line of body text running across the column."""
    assert ilacs._CELL_GAP_WORD_SPACES == 2.5
    words = _words("Judgement", 77, 270) + _words("Grade", 303, 270)
    words += [
        Word("Overall-effectiveness", 77, label_end, 300, 310),
        Word("Good", 303, 323, 300, 310),
    ]
    words += _words("Services for children in Northshire have improved", 71, 340)
    assert word_space(words) == 4.0
    assert len(parse_judgement_table(words)) == rows


def test_default_word_space_when_too_few_gaps() -> None:
    assert ilacs._DEFAULT_WORD_SPACE == 3.7
    assert word_space(_words("one two three four five", 71, 100, space=2)) == 3.7  # 4 gaps
    assert word_space(_words("one two three four five six", 71, 100, space=2)) == 2.0


def test_numbered_paragraphs_straight_under_the_heading_are_doubted() -> None:
    """Findings paragraphs follow a section heading; straight under "What needs to improve"
    they may be a numbered list this reader does not read."""
    page = "What needs to improve?\n1. Plans for children.\n2. Visits.\n"
    with pytest.raises(ilacs.ListError, match="numbered paragraphs straight under the heading"):
        recommendation_items([(2, page)])


PROSE_LINE = "Leaders know their services well and there are no areas that need to improve at"


@pytest.mark.parametrize(("short_lines", "doubted"), [(1, False), (2, True)])
def test_short_lines_with_no_bullet_are_a_list_whose_glyphs_were_lost(
    short_lines: int, doubted: bool
) -> None:
    """Lines broken short (each next first word would have fitted) under the heading, with no
    glyph: two breaks (three lines) make a list; one break may part two paragraphs."""
    assert ilacs._LIST_BREAKS == 2
    rows = [(71.0, 100.0 + 15 * n, f"Item {n} of the list") for n in range(short_lines)]
    rows += [(71.0, 100.0 + 15 * short_lines, PROSE_LINE)]  # sets the right edge
    rows += [(71.0, 200.0, "The impact of leaders on practice: good")]
    doc, texts = _placed(2, rows)
    lines = [(2, t) for t in texts]
    doubt = unread_list(lines, PrintedLines(doc))  # type: ignore[arg-type]
    assert (doubt == f"{short_lines + 1} short lines under the heading but no bulleted item") is (
        doubted
    )
    assert (doubt is None) is not doubted


def test_a_prose_paragraph_under_the_heading_is_not_a_list() -> None:
    rows = [
        (71.0, 100.0, PROSE_LINE),
        (71.0, 115.0, PROSE_LINE),
        (71.0, 130.0, "the moment."),
        (71.0, 160.0, "The impact of leaders on practice: good"),
    ]
    doc, texts = _placed(2, rows)
    assert unread_list([(2, t) for t in texts], PrintedLines(doc)) is None  # type: ignore[arg-type]
    assert unread_list([(2, t) for t in texts]) is None


# --- whole reports, generated as PDFs (reportlab, a dev dependency) -----------------------------
#
# Whole reports go through the self-checks too, so the generated front page is a complete
# pre-reform table of an authority the reference table knows: any warning is the list's.

Placed = tuple[float, float, str, float, bool]  # x, y from the page's top, text, size, bold

FRONT: list[Placed] = [
    (71, 60, "Inspection of Bradford Children and Families Trust", 14, True),
    (71, 90, "Inspection dates: 2 to 13 June 2025", 12, False),
    (71, 105, "Lead inspector: Ann Example, His Majesty's Inspector", 12, False),
    (77, 140, "Judgement", 10, True),
    (303, 140, "Grade", 10, True),
    (77, 160, "The impact of leaders", 10, False),
    (303, 160, "Good", 10, False),
    (77, 180, "Children who need help", 10, False),
    (77, 192, "and protection", 10, False),
    (303, 186, "Requires improvement", 10, False),
    (77, 212, "Children in care", 10, False),
    (303, 212, "Outstanding", 10, False),
    (77, 232, "Care leavers", 10, False),
    (303, 232, "Good", 10, False),
    (77, 252, "Overall effectiveness", 10, False),
    (303, 252, "Good", 10, False),
    (71, 290, "Children in Bradford are helped and protected well by the trust.", 12, False),
]
SECTION: list[Placed] = [
    (71, 400, "The impact of leaders on social work practice: good", 12, True),
    (71, 420, "1. Leaders know their services well and act on what they learn.", 12, False),
]


def _pdf(path: Path, pages: list[list[Placed]]) -> Path:
    from reportlab.pdfgen import canvas  # the test extra has it: a missing one fails

    pdf = canvas.Canvas(str(path), pagesize=(595.0, 842.0))
    for page in pages:
        for x, y, text, size, bold in page:
            pdf.setFont("Helvetica-Bold" if bold else "Helvetica", size)
            pdf.drawString(x, 842.0 - y - size, text)
        pdf.showPage()
    pdf.save()
    return path


def test_generated_trust_report_with_nothing_to_improve(tmp_path: Path) -> None:
    """A trust's report (no council named) whose "What needs to improve?" is prose only:
    recognised, its table read, no items and no warning."""
    page2: list[Placed] = [
        (71, 60, "What needs to improve in this local authority?", 14, True),
        (
            71,
            90,
            "Leaders know their services well, and inspectors found nothing that the",
            12,
            False,
        ),
        (71, 105, "trust needs to improve.", 12, False),
        *SECTION,
    ]
    report = parse_report(_pdf(tmp_path / "trust.pdf", [FRONT, page2]))
    assert report.framework.value == "ilacs"
    assert report.local_authority == "Bradford Children and Families Trust"
    assert report.authority is not None and report.authority.code == "E08000032"
    assert [(j.area, j.grade) for j in report.judgements] == [
        (Area.IMPACT_OF_LEADERS, Grade.GOOD),
        (Area.HELP_AND_PROTECTION, Grade.REQUIRES_IMPROVEMENT),
        (Area.CHILDREN_IN_CARE, Grade.OUTSTANDING),
        (Area.CARE_LEAVERS, Grade.GOOD),
        (Area.OVERALL_EFFECTIVENESS, Grade.GOOD),
    ]
    assert (report.recommendations, report.warnings) == ([], [])


def test_generated_list_whose_glyphs_were_lost_is_warned(tmp_path: Path) -> None:
    page2: list[Placed] = [
        (71, 60, "What needs to improve?", 14, True),
        (89, 90, "Plans for children in need", 12, False),
        (89, 105, "Visits to children in care", 12, False),
        (89, 120, "Supervision of social workers", 12, False),
        (
            71,
            140,
            "The trust's leaders are taking the right steps and know their service well.",
            12,
            False,
        ),
        *SECTION,
    ]
    report = parse_report(_pdf(tmp_path / "lost.pdf", [FRONT, page2]))
    assert report.recommendations == []
    assert [w.part for w in report.warnings] == [Part.RECOMMENDATIONS]
    assert "short lines under the heading but no bulleted item" in report.warnings[0].message


def test_generated_sub_items_and_list_end_by_position(tmp_path: Path) -> None:
    """Sub-items with no glyph after "including:" keep a separator; a paragraph back at the
    glyph's margin after the last item is not part of it."""
    page2: list[Placed] = [
        (71, 60, "What needs to improve?", 14, True),
        (71, 90, "\u2022", 12, False),
        (89, 90, "Services for care leavers, including:", 12, False),
        (107, 105, "sufficiency of accommodation", 12, False),
        (107, 120, "assessment and support", 12, False),
        (71, 140, "\u2022", 12, False),
        (89, 140, "The quality of plans for children.", 12, False),
        (89, 155, "Leaders check them (outcome 1).", 12, False),
        (71, 175, "Senior leaders have a clear plan for what to do next for children", 12, False),
        *SECTION,
    ]
    report = parse_report(_pdf(tmp_path / "subitems.pdf", [FRONT, page2]))
    assert [r.text for r in report.recommendations] == [
        "Services for care leavers, including: sufficiency of accommodation; assessment and "
        "support",
        "The quality of plans for children. Leaders check them (outcome 1).",
    ]
    assert report.warnings == []
