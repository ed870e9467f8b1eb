"""Unit tests of the SIF and LSCB-review layout rules on small synthetic page texts."""

from __future__ import annotations

import re
from datetime import date

import pytest

from ofsted_cli.errors import UnrecognisedReportError
from ofsted_cli.frameworks import lscb, sif
from ofsted_cli.models import Area, Body, Grade, Part, Priority
from ofsted_cli.pdf import Line, Word, group_lines

# --------------------------------------------------------------------------- page text


def test_body_lines_drop_page_number_and_footnote_block() -> None:
    text = "7\nSome heading\nA line of text.\n \n1 Ofsted produces this report\nmore footnote"
    assert sif.body_lines(text) == ["Some heading", "A line of text."]


def test_body_lines_keep_a_numbered_item_after_a_blank_line() -> None:
    text = "3\nRecommendations\n \n2. Ensure that plans are clear."
    assert sif.body_lines(text) == ["Recommendations", "", "2. Ensure that plans are clear."]


# --------------------------------------------------------------------------- facts


def test_title_block_joins_a_wrapped_authority_name() -> None:
    lines = [
        "Blackburn with Darwen Borough ",
        "Council",
        "Inspection of services for children in need of help and ",
        "protection, children looked after and care leavers",
    ]
    assert sif.title_block(lines) == "Blackburn with Darwen Borough Council"


def test_title_block_of_an_lscb_review() -> None:
    lines = [
        "Surrey Safeguarding Children Board",
        "Review of the effectiveness of the Local Safeguarding",
    ]
    assert sif.title_block(lines) == "Surrey Safeguarding Children Board"


def test_inspection_dates_join_a_wrapped_second_part() -> None:
    lines = [
        "Inspection dates: 19 November-11 December 2013 and 28 – 30 ",
        "January 2014",
        "The overall judgement is good",
    ]
    assert sif.inspection_dates(lines) == (date(2013, 11, 19), date(2014, 1, 30))


def test_inspection_dates_numeric_and_published() -> None:
    lines = ["Inspection date: 12/09/2016 to 06/10/2016", "Report published: 25/11/2016"]
    assert sif.inspection_dates(lines) == (date(2016, 9, 12), date(2016, 10, 6))
    assert sif.published_date(lines) == date(2016, 11, 25)


def test_published_absent() -> None:
    assert sif.published_date(["Inspection date: 14 January – 5 February 2014"]) is None


def test_lead_inspector_name_only() -> None:
    lines = [
        "The inspection team",
        "Lead inspector: Marie McGuinness Senior HMI",
        "Deputy lead inspector: Someone Else HMI",
    ]
    assert sif.lead_inspector(lines) == "Marie McGuinness"
    assert sif.lead_inspector(["Lead inspector on site: Pietro Battista"]) == "Pietro Battista"
    assert sif.lead_inspector(["Lead inspector: Helen Cawston HMI."]) == "Helen Cawston"


def test_lead_inspector_ignores_prose() -> None:
    assert sif.lead_inspector(["lead inspector attended by both the director"]) is None


# --------------------------------------------------------------------------- judgements


def test_overall_sentence_children_services_form() -> None:
    text = "Report published: 1 May 2017\nChildren’s services in Merton are good.\n1. Children"
    assert sif.overall_sentence(text) == (
        "Children’s services in Merton are good",
        Grade.GOOD,
    )


def test_overall_sentence_wrapped_require_improvement_to_be_good() -> None:
    text = "Children’s services in the Redcar area\nrequire improvement to be Good\n1. Children"
    label, grade = sif.overall_sentence(text) or ("", None)
    assert label == "Children’s services in the Redcar area require improvement to be Good"
    assert grade == Grade.REQUIRES_IMPROVEMENT


def test_overall_sentence_overall_judgement_form() -> None:
    text = (
        "The overall judgement is that children’s services require \nimprovement.2\nThe authority"
    )
    assert sif.overall_sentence(text) == (
        "The overall judgement is that children’s services require improvement",
        Grade.REQUIRES_IMPROVEMENT,
    )
    assert sif.overall_sentence("The overall judgement is Inadequate") == (
        "The overall judgement is Inadequate",
        Grade.INADEQUATE,
    )


def test_overall_sentence_absent() -> None:
    assert sif.overall_sentence("Executive summary\nChildren are safe.") is None


def test_lscb_grade_variants() -> None:
    assert (
        sif.lscb_grade("The Local Safeguarding Children Board is outstanding ") == Grade.OUTSTANDING
    )
    assert sif.lscb_grade("The Local Safeguarding Children Board requires improvement") == (
        Grade.REQUIRES_IMPROVEMENT
    )
    assert sif.lscb_grade(
        "The effectiveness of the Local Safeguarding Children Board (LSCB) is \ngood."
    ) == (Grade.GOOD)
    assert sif.lscb_grade(
        "The judgement for the effectiveness of the Local Safeguarding Children \n"
        "Board (LSCB) is requires improvement."
    ) == (Grade.REQUIRES_IMPROVEMENT)
    assert sif.lscb_grade("The effectiveness of the LSCB is inadequate") == Grade.INADEQUATE


def test_lscb_grade_ignores_prose() -> None:
    assert (
        sif.lscb_grade("The Local Safeguarding Children Board (LSCB) is well established.") is None
    )
    assert sif.lscb_grade("The LSCB is good because it fulfils all of its duties") is None


TABLE = """Children’s services in Kent are good
1. Children who need help and protection Requires improvement
2. Children looked after and achieving
permanence
Good
2.1 Adoption performance Not judged
2.2 Experiences and progress of care leavers good
3. Leadership, management and governance Requires
improvement to be
good
The effectiveness of the Local Safeguarding Children Board (LSCB) is
good
"""


def _rows(rows: list[sif.TableRow] | None) -> list[tuple[Area, str, Grade]] | None:
    return None if rows is None else [(r.area, r.label, r.grade) for r in rows]


def test_table_from_text_wrapped_labels_and_grades() -> None:
    rows = _rows(sif.table_from_text(TABLE))
    assert rows == [
        (
            Area.HELP_AND_PROTECTION,
            "Children who need help and protection",
            Grade.REQUIRES_IMPROVEMENT,
        ),
        (Area.CHILDREN_LOOKED_AFTER, "Children looked after and achieving permanence", Grade.GOOD),
        (Area.ADOPTION, "Adoption performance", Grade.NOT_JUDGED),
        (Area.CARE_LEAVERS, "Experiences and progress of care leavers", Grade.GOOD),
        (Area.LEADERSHIP, "Leadership, management and governance", Grade.REQUIRES_IMPROVEMENT),
    ]


def test_table_from_text_leaves_a_row_whose_grade_precedes_its_label() -> None:
    text = TABLE.replace(
        "1. Children who need help and protection Requires improvement",
        "Requires\n1. Children who need help and protection\nimprovement",
    )
    rows = sif.table_from_text(text)
    assert [r.area for r in rows] == [
        Area.CHILDREN_LOOKED_AFTER,
        Area.ADOPTION,
        Area.CARE_LEAVERS,
        Area.LEADERSHIP,
    ]


def _line(top: float, *words: tuple[str, float]) -> Line:
    out, x = [], 0.0
    for text, x0 in words:
        x = x0
        out.append(Word(text, x, x + 6 * len(text), top, top + 12))
    return Line(tuple(out))


def _table_lines(requires_top: float = 301, extra: list[Line] | None = None) -> list[Line]:
    """The five-row table of the test below, "Requires" (first grade) at ``requires_top``."""
    lines = [
        _line(
            250,
            ("Children's", 77),
            ("services", 150),
            ("in", 210),
            ("X", 228),
            ("are", 240),
            ("good", 270),
        ),
        _line(requires_top, ("Requires", 394)),
        _line(
            315,
            ("1.", 77),
            ("Children", 95),
            ("who", 148),
            ("need", 178),
            ("help", 211),
            ("and", 240),
        ),
        _line(315.5, ("protection", 266)),
        _line(330, ("improvement", 394)),
        _line(364, ("2.", 77), ("Children", 95), ("looked", 148), ("after", 192), ("and", 225)),
        _line(371, ("Good", 394)),
        _line(378, ("achieving", 95), ("permanence", 160)),
        _line(413, ("2.1", 124), ("Adoption", 145), ("performance", 196), ("Outstanding", 394)),
        _line(
            440, ("2.2", 124), ("Experiences", 145), ("and", 212), ("progress", 235), ("of", 284)
        ),
        _line(440.5, ("care", 298), ("leavers", 330), ("Inadequate", 394)),
        _line(
            481,
            ("3.", 77),
            ("Leadership,", 95),
            ("management", 168),
            ("and", 251),
            ("governance", 277),
        ),
        _line(496, ("not", 394), ("judged", 420)),
        _line(560, ("The", 77), ("LSCB", 100), ("is", 140), ("good", 160)),
    ]
    return lines + (extra or [])


def test_table_from_lines_grade_above_label_and_wrapped() -> None:
    lines = _table_lines()
    rows = _rows(sif.table_from_lines(group_lines([w for line in lines for w in line.words])))
    assert rows == [
        (
            Area.HELP_AND_PROTECTION,
            "Children who need help and protection",
            Grade.REQUIRES_IMPROVEMENT,
        ),
        (Area.CHILDREN_LOOKED_AFTER, "Children looked after and achieving permanence", Grade.GOOD),
        (Area.ADOPTION, "Adoption performance", Grade.OUTSTANDING),
        (Area.CARE_LEAVERS, "Experiences and progress of care leavers", Grade.INADEQUATE),
        (Area.LEADERSHIP, "Leadership, management and governance", Grade.NOT_JUDGED),
    ]


def test_table_from_lines_missing_row() -> None:
    lines = [_line(100, ("1.", 77), ("Children", 95), ("who", 148), ("need", 178), ("Good", 394))]
    assert sif.table_from_lines(lines) is None


# --------------------------------------------------------------------------- recommendations


def _lines(text: str, page: int = 5) -> list[sif.TextLine]:
    return [sif.TextLine(page, line) for line in text.split("\n") if line.strip()]


def test_priority_subheadings_topics_and_no_action_lines() -> None:
    lines = _lines(
        """What does the local authority need to improve?
Priority and immediate action
Care leavers
9. A leaving care service improvement plan should be developed. The plan should
consider caseloads.
Areas for improvement
There are no priority actions.
Planning for children who need protection
10. Embed the framework to ensure that partners understand early help and the
thresholds for referral.
11. Take steps to ensure that assessments are good.
Take steps to improve school attendance, while continuing to monitor each
child.
The local authority’s strengths
12. No children seen by inspectors were unsafe."""
    )
    recs = sif.find_recommendations(lines, None)
    assert [(r.text, r.priority, r.body) for r in recs] == [
        (
            "A leaving care service improvement plan should be developed. The plan should "
            "consider caseloads.",
            Priority.IMMEDIATE,
            Body.LOCAL_AUTHORITY,
        ),
        (
            "Embed the framework to ensure that partners understand early help and the "
            "thresholds for referral.",
            Priority.IMPROVE,
            Body.LOCAL_AUTHORITY,
        ),
        (
            "Take steps to ensure that assessments are good. Take steps to improve school "
            "attendance, while continuing to monitor each child.",
            Priority.IMPROVE,
            Body.LOCAL_AUTHORITY,
        ),
    ]


def test_numbered_no_action_line_is_not_an_item() -> None:
    lines = _lines(
        """Priority and immediate action
18. There are no areas for priority or immediate action.
Areas for improvement
19. Ensure that strategy discussions include partners."""
    )
    recs = sif.find_recommendations(lines, None)
    assert [(r.text, r.priority) for r in recs] == [
        ("Ensure that strategy discussions include partners.", Priority.IMPROVE)
    ]


def test_sub_bullets_fold_into_parent_and_page_is_where_item_starts() -> None:
    lines = _lines(
        """Recommendations
1. Improve the quality of assessments and plans by:
\uf06e ensuring that assessments include absent adults
\uf06e ensuring that plans are reviewed"""
    ) + _lines(
        """2. Ensure that 16- and 17-year-olds are assessed, with decision-
making recorded.
Summary for children and young people
\uf06e Staff work hard.""",
        page=6,
    )
    recs = sif.find_recommendations(lines, None)
    assert [(r.text, r.page) for r in recs] == [
        (
            "Improve the quality of assessments and plans by: ensuring that assessments include "
            "absent adults ensuring that plans are reviewed",
            5,
        ),
        ("Ensure that 16- and 17-year-olds are assessed, with decision-making recorded.", 6),
    ]


def test_sentence_running_on_after_a_stop_stays_in_the_item() -> None:
    lines = _lines(
        """Recommendations
9. Improve the quality of care plans so that they are consistently good.
Improve the quality of chronologies and ensure they are used to inform
assessments and decision making.
10. Ensure that supervision takes place."""
    )
    recs = sif.find_recommendations(lines, None)
    assert [r.text for r in recs] == [
        "Improve the quality of care plans so that they are consistently good. Improve the quality "
        "of chronologies and ensure they are used to inform assessments and decision making.",
        "Ensure that supervision takes place.",
    ]


def test_long_unpunctuated_line_after_a_stop_is_item_text_not_a_heading() -> None:
    lines = _lines(
        """Priority and immediate action
157. Review governance arrangements for Serious Case Reviews.
The Board must ensure that all decisions not to carry out a Serious Case
Review (SCR) since March 2013 have been sent to the National Panel.
Data and Performance
158. Establish a list of all children at risk."""
    )
    recs = sif.find_recommendations(lines, None)
    assert [r.text for r in recs] == [
        "Review governance arrangements for Serious Case Reviews. The Board must ensure that all "
        "decisions not to carry out a Serious Case Review (SCR) since March 2013 have been sent to "
        "the National Panel.",
        "Establish a list of all children at risk.",
    ]


def test_lscb_recommendations_after_the_lscb_part_starts() -> None:
    lines = _lines(
        """Recommendations
1. Ensure that plans are clear.
Summary for children and young people"""
    ) + _lines(
        """The Local Safeguarding Children Board is good
Executive summary
The board works well.
Recommendations
86. Strengthen the range of performance information.
Inspection findings – the Local Safeguarding Children Board
87. The board meets its statutory duties.""",
        page=29,
    )
    start = sif.lscb_part_start(lines)
    assert start == 3
    recs = sif.find_recommendations(lines, start)
    assert [(r.text, r.body) for r in recs] == [
        ("Ensure that plans are clear.", Body.LOCAL_AUTHORITY),
        ("Strengthen the range of performance information.", Body.LSCB),
    ]


def test_what_does_the_lscb_need_heading_names_its_body() -> None:
    lines = _lines(
        """What does the LSCB need to improve?
Priority and immediate action
144.BSCB needs to take steps to be compliant.
Areas for improvement
145.Monitor early help.
The LSCB’s strengths
152.BSCB has a robust framework."""
    )
    recs = sif.find_recommendations(lines, None)
    assert [(r.text, r.body, r.priority) for r in recs] == [
        ("BSCB needs to take steps to be compliant.", Body.LSCB, Priority.IMMEDIATE),
        ("Monitor early help.", Body.LSCB, Priority.IMPROVE),
    ]


def test_recommendation_tags_in_findings_are_not_items() -> None:
    lines = _lines(
        """Inspection findings
12. Return home interviews are not analysed for
trends (Recommendation).
13. Plans are good."""
    )
    assert sif.find_recommendations(lines, None) == []


def test_place_heading_moves_a_trailing_heading_to_its_printed_place() -> None:
    page = [
        "123. Extend the data set.",
        "Inspection findings",
        "126. The board is strong.",
        "Recommendations",
    ]
    positioned = ["Recommendations", "123. Extend the data set.", "Inspection findings", "37"]
    assert sif.place_heading(page, positioned) == [
        "Recommendations",
        "123. Extend the data set.",
        "Inspection findings",
        "126. The board is strong.",
    ]
    assert sif.place_heading(page, ["123. Extend the data set.", "Recommendations"]) == page


# --------------------------------------------------------------------------- detection


class _Page1:
    """A stand-in document with only a page 1."""

    def __init__(self, text: str) -> None:
        self._text = text

    def text(self, page_no: int) -> str:
        return self._text


LA_PAGE = (
    "1\nKent County Council\nInspection of services for children in need of help and \n"
    "protection, children looked after and care leavers\nand\n"
    "Review of the effectiveness of the Local Safeguarding Children \nBoard1\n"
)
LSCB_PAGE = (
    "1\nSurrey Safeguarding Children Board\n"
    "Review of the effectiveness of the Local Safeguarding Children \nBoard \n"
)


def test_detection_by_title_wording() -> None:
    assert sif.matches(_Page1(LA_PAGE))  # type: ignore[arg-type]
    assert not lscb.matches(_Page1(LA_PAGE))  # type: ignore[arg-type]
    assert lscb.matches(_Page1(LSCB_PAGE))  # type: ignore[arg-type]
    assert not sif.matches(_Page1(LSCB_PAGE))  # type: ignore[arg-type]
    reinspection = LA_PAGE.replace("Inspection of services", "Re-inspection of services")
    assert sif.matches(_Page1(reinspection))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- review fixes


class _Doc:
    """A stand-in document: page texts, and positioned lines built from given words."""

    def __init__(self, pages: list[str], lines: dict[int, list[Line]] | None = None) -> None:
        self.path = "synthetic.pdf"
        self.sha256 = "0" * 64
        self._pages = pages
        self._lines = lines or {}
        self.page_count = len(pages)

    def text(self, page_no: int) -> str:
        return self._pages[page_no - 1]

    def lines(self, page_no: int) -> list[Line]:
        return self._lines.get(page_no, [])


ROWS = [
    Area.HELP_AND_PROTECTION,
    Area.CHILDREN_LOOKED_AFTER,
    Area.ADOPTION,
    Area.CARE_LEAVERS,
    Area.LEADERSHIP,
]


def test_table_rows_match_on_their_own_despite_wording_and_numbering() -> None:
    """One changed label word or another numbering style must not lose the whole table."""
    variants = {
        "permanency": TABLE.replace("permanence", "permanency"),
        "no numbers": re.sub(r"(?m)^\d(?:\.\d)?\.?\s+", "", TABLE),
        "1)": re.sub(r"(?m)^(\d)\.\s", r"\1) ", TABLE),
    }
    for name, text in variants.items():
        rows = sif.table_from_text(text)
        assert [r.area for r in rows] == ROWS, name
        assert rows[-1].grade == Grade.REQUIRES_IMPROVEMENT, name
    rows = sif.table_from_text(variants["permanency"])
    assert rows[1].label == "Children looked after and achieving permanency"


def test_table_rows_ignore_prose_opening_with_a_row_label() -> None:
    """A sentence starting with a label's words is not a row: labels are verb-free phrases."""
    text = "Adoption performance is good\n" + TABLE
    rows = sif.table_from_text(text)
    assert rows[2].label == "Adoption performance" and rows[2].grade == Grade.NOT_JUDGED


def test_unreadable_table_is_an_error_not_a_short_record() -> None:
    """A SIF report without its five graded rows is reported, not passed on half-read."""
    page1 = LA_PAGE + "Children’s services in Kent are good\n1. Children who need help Good\n"
    with pytest.raises(UnrecognisedReportError, match="judgement table"):
        sif.read_table(_Doc([page1, "2\nExecutive summary\n"]))  # type: ignore[arg-type]


def _words(top: float, *words: tuple[str, float]) -> list[Word]:
    return list(_line(top, *words).words)


def test_table_from_lines_runs_onto_page_two_and_grade_below_label() -> None:
    """Rows split over a page break keep their order once pages are stacked."""
    page1 = [
        _line(700, ("1.", 77), ("Children", 95), ("who", 148), ("need", 178), ("help", 211)),
        _line(716, ("Good", 394)),
        _line(740, ("2.", 77), ("Children", 95), ("looked", 148), ("after", 192)),
        _line(741, ("Inadequate", 394)),
        _line(790, ("2.1", 124), ("Adoption", 145), ("performance", 196)),
    ]
    page2 = [
        _line(60, ("Outstanding", 394)),
        _line(90, ("2.2", 124), ("Experiences", 145), ("and", 212), ("progress", 235)),
        _line(91, ("Good", 394)),
        _line(130, ("3.", 77), ("Leadership,", 95), ("management", 168)),
        _line(146, ("not", 394), ("judged", 420)),
    ]
    stacked = sif.stack_pages([page1, page2])
    assert stacked[5].top == 60 + sif._PAGE_OFFSET
    rows = sif.table_from_lines(stacked)
    assert rows is not None
    assert [(r.area, r.grade) for r in rows] == [
        (Area.HELP_AND_PROTECTION, Grade.GOOD),
        (Area.CHILDREN_LOOKED_AFTER, Grade.INADEQUATE),
        (Area.ADOPTION, Grade.OUTSTANDING),
        (Area.CARE_LEAVERS, Grade.GOOD),
        (Area.LEADERSHIP, Grade.NOT_JUDGED),
    ]
    assert rows[2].label == "Adoption performance"


def test_read_table_falls_back_to_word_positions() -> None:
    """When page text order hides a grade, positioned words read the table."""
    words = _words(250, ("Requires", 394))
    words += _words(265, ("1.", 77), ("Children", 95), ("who", 148), ("need", 178), ("help", 211))
    words += _words(280, ("improvement", 394))
    words += _words(320, ("2.", 77), ("Children", 95), ("looked", 148), ("after", 192))
    words += _words(320, ("Good", 394))
    words += _words(360, ("2.1", 124), ("Adoption", 145), ("Good", 394))
    words += _words(400, ("2.2", 124), ("Experiences", 145), ("and", 212), ("progress", 235))
    words += _words(400, ("Good", 394))
    words += _words(440, ("3.", 77), ("Leadership", 95), ("Good", 394))
    text = (
        "Requires\n1. Children who need help\nimprovement\n2. Children looked after Good\n"
        "2.1 Adoption Good\n2.2 Experiences and progress Good\n3. Leadership Good\n"
    )
    doc = _Doc([text], {1: group_lines(words)})
    judgements = sif.read_table(doc)  # type: ignore[arg-type]
    assert [(j.area, j.grade, j.page) for j in judgements][:2] == [
        (Area.HELP_AND_PROTECTION, Grade.REQUIRES_IMPROVEMENT, 1),
        (Area.CHILDREN_LOOKED_AFTER, Grade.GOOD, 1),
    ]


def test_lscb_sentence_one_general_rule() -> None:
    """Any wording naming the board before the grade, not a list of known phrasings."""
    assert sif.lscb_grade("The Local Safeguarding Children Board in Kent is good") == Grade.GOOD
    assert sif.lscb_grade("The Safeguarding Children Board is inadequate.") == Grade.INADEQUATE
    assert sif.lscb_grade("The Local Safeguarding Children is inadequate") == Grade.INADEQUATE
    assert sif.lscb_grade("The Kent LSCB is judged to be good") == Grade.GOOD
    assert sif.lscb_grade("The LSCB chair has ensured that the arrangements are\ngood") is None
    assert sif.lscb_grade("The LSCB is good. Partners are\ngood") is None


def test_lead_inspector_any_short_qualifier() -> None:
    """ "Lead inspector (on site):" and the like, without one rule per wording."""
    assert sif.lead_inspector(["Lead inspector (on site): Jane Doe HMI"]) == "Jane Doe"
    assert sif.lead_inspector(["Lead inspector for the LSCB: Sam Roe"]) == "Sam Roe"


def test_lscb_judgement_only_from_page1_or_the_part_head() -> None:
    """A judgement-like sentence in findings text adds nothing."""
    lines = _lines("Children’s services in Kent are good", page=1) + _lines(
        "Findings\nPartners attend meetings.\nAs a result, the partnership works well and\n"
        "The Local Safeguarding Children Board is good",
        page=9,
    )
    assert sif.lscb_part_start(lines) is None
    assert sif.lscb_judgement(lines, sif.lscb_part_start(lines)) is None
    part = _lines("The Local Safeguarding Children Board requires improvement", page=30)
    lines += part
    start = sif.lscb_part_start(lines)
    assert start == len(lines) - 1
    found = sif.lscb_judgement(lines, start)
    assert found is not None and (found.grade, found.page) == (Grade.REQUIRES_IMPROVEMENT, 30)


def test_lscb_part_found_by_its_section_heading() -> None:
    """Without a judgement sentence at its head, the part's heading still marks it."""
    lines = _lines("1. Ensure plans are clear.", page=20) + _lines(
        "Section 3: The effectiveness of the Local Safeguarding\nChildren Board\n"
        "Executive summary\nRecommendations\n90. Strengthen the board.",
        page=21,
    )
    start = sif.lscb_part_start(lines)
    assert start == 1
    recs = sif.find_recommendations(lines, start)
    assert [(r.text, r.body) for r in recs] == [("Strengthen the board.", Body.LSCB)]


def test_lscb_review_without_a_located_part_warns() -> None:
    """One failure policy: the record is kept, and its recommendations are marked doubtful,
    since LSCB items may be credited to the council when the part cannot be found."""
    table = TABLE.replace("The effectiveness", "Overall, the effectiveness")
    page1 = LA_PAGE + table.replace("(LSCB) is\ngood", "(LSCB) is good")
    page1 = page1.replace("Overall, the effectiveness of the Local", "The Local")
    page5 = "5\nRecommendations\n1. Ensure that plans are clear.\n"
    report = sif.read(_Doc([page1, "2\nExecutive summary\n", page5]))  # type: ignore[arg-type]
    assert report.judgement(Area.LSCB) is not None
    assert [w.part for w in report.warnings] == [Part.RECOMMENDATIONS]
    assert "its part could not be located" in report.warnings[0].message


def test_lscb_review_without_a_judgement_sentence_warns() -> None:
    """An LSCB review whose judgement cannot be read says so (it used to vanish silently)."""
    page1 = LA_PAGE + TABLE.replace("The effectiveness of the Local Safeguarding Children", "")
    page1 = page1.replace("Board (LSCB) is\ngood\n", "")
    page2 = "2\nThe Local Safeguarding Children Board (LSCB)\nThe board meets.\n"
    report = sif.read(_Doc([page1, "2\nExecutive summary\n", page2]))  # type: ignore[arg-type]
    assert report.judgement(Area.LSCB) is None
    assert [(w.part, w.message) for w in report.warnings] == [
        (
            Part.JUDGEMENTS,
            "the report has an LSCB review but no LSCB judgement sentence was read",
        )
    ]


def test_appended_lscb_review_judgement_below_its_title_block() -> None:
    """An LSCB review appended to the LA report (page 1 does not announce it): its judgement
    sentence stands below the title block, further down than a part heading's."""
    page1 = LA_PAGE.replace(
        "and\nReview of the effectiveness of the Local Safeguarding Children \nBoard1\n", ""
    )
    page1 += TABLE.replace(
        "The effectiveness of the Local Safeguarding Children Board (LSCB) is\ngood\n", ""
    )
    review = (
        "12\nNorthshire Safeguarding Children Board\n"
        "Review of the effectiveness of the Local Safeguarding Children Board\n"
        "Inspection date: 4 April 2016 – 28 April 2016\n"
        "Report published: 14 June 2016\n"
        "Lead inspector: Ann Example HMI\n"
        "Contents\nSummary of findings\n"
        "The Local Safeguarding Children Board requires improvement\n"
        "Recommendations\n90. Strengthen the board’s oversight.\n"
        "Inspection findings\n"
    )
    report = sif.read(_Doc([page1, "2\nExecutive summary\n", review]))  # type: ignore[arg-type]
    found = report.judgement(Area.LSCB)
    assert found is not None and (found.grade, found.page) == (Grade.REQUIRES_IMPROVEMENT, 3)
    assert [(r.text, r.body) for r in report.recommendations] == [
        ("Strengthen the board’s oversight.", Body.LSCB)
    ]
    assert report.warnings == []


def test_stands_alone() -> None:
    """After a sentence's end, a field or a short heading; not after wrapped prose."""
    text = (
        "Partners meet.\nThe LSCB is good\n"
        "As a result, the partnership works well and\nThe LSCB is good\n"
        "Report published: 14 June 2016\nThe LSCB is good\n"
        "Summary of findings\nThe LSCB is good"
    )
    lines = _lines(text)
    measures = {5: 43}  # the page's full line: most of a real page is wrapped prose
    assert [sif.stands_alone(lines, i, measures) for i in (1, 3, 5, 7)] == [
        True,
        False,
        True,
        True,
    ]


@pytest.mark.parametrize(("length", "alone"), [(34, True), (35, False)])
def test_stands_alone_heading_length_boundary(length: int, alone: bool) -> None:
    """A heading is shorter than 0.8 of the page's full line (here 43 characters: 34.4)."""
    assert sif._FULL_LINE == 0.8
    lines = _lines(f"{'A' + 'b' * (length - 1)}\nThe LSCB is good\n{'x' * 43}\n{'y' * 43}")
    assert sif.stands_alone(lines, 1, {5: 43}) is alone


def test_layout_margin_line_ends_a_list() -> None:
    """After a complete item, a line at the margin is a new paragraph, not item text."""
    lines = _lines(
        """Recommendations
1. Ensure that plans are clear and are reviewed regularly by managers.
Partnership working is strong and the board has a clear view of its work and
its priorities, which are shared by all partners."""
    )
    x = {lines[1].text: 71.0, lines[2].text: 71.0, lines[3].text: 71.0}
    recs = sif.find_recommendations(lines, None, lambda line: x.get(line.text))
    assert [r.text for r in recs] == [
        "Ensure that plans are clear and are reviewed regularly by managers."
    ]
    x[lines[2].text] = x[lines[3].text] = 99.0
    recs = sif.find_recommendations(lines, None, lambda line: x.get(line.text))
    assert len(recs) == 1 and recs[0].text.endswith("shared by all partners.")


def test_list_stops_at_the_lscb_part_and_after_a_few_pages() -> None:
    """A list never runs into the LSCB part, nor on for pages past its heading."""
    lines = _lines("Recommendations\n1. Ensure plans are clear.", page=5)
    lines += _lines("2. Improve supervision.", page=6)
    lines += _lines("3. The board meets its duties.", page=7)
    recs = sif.find_recommendations(lines, 2)
    assert [(r.text, r.body) for r in recs] == [("Ensure plans are clear.", Body.LOCAL_AUTHORITY)]
    far = _lines("Recommendations\n1. Ensure plans are clear.", page=5) + _lines(
        "2. The borough has 40 schools.", page=5 + sif._MAX_LIST_PAGES + 1
    )
    assert [r.text for r in sif.find_recommendations(far, None)] == ["Ensure plans are clear."]


PROSE = "This is a full line of prose that runs right across the page to its margin, as text does"


def test_heading_length_is_judged_against_the_page_width() -> None:
    """A heading is short for its page, whatever its character count."""
    after_list = [
        "1. Ensure that plans are clear and are reviewed regularly by all managers.",
        "Leadership, management, governance and the quality of practice",
        "The board has a clear view of its work, and all of its partners share it fully.",
    ]
    lines = _lines("\n".join(["Recommendations", *after_list, PROSE, PROSE, PROSE]))
    assert [r.text for r in sif.find_recommendations(lines, None)] == [
        "Ensure that plans are clear and are reviewed regularly by all managers."
    ]
    narrow = _lines(
        "Recommendations\n1. Ensure plans are reviewed by managers.\n"
        "Improve the quality of chronologies so that they\nAre used.\n"
        "Improve the quality of chronologies so that\nAll plans are good"
    )
    recs = sif.find_recommendations(narrow, None)
    assert recs[0].text.startswith("Ensure plans are reviewed by managers. Improve the quality")


def test_place_heading_moves_a_heading_from_anywhere_on_the_page() -> None:
    """pdfium may give a heading away from where it is printed, not only last."""
    page = [
        "The board is strong.",
        "Recommendations",
        "Key strengths and weaknesses",
        "123. Extend the data set.",
    ]
    assert sif._heading_out_of_place(page)
    positioned = [
        "The board is strong.",
        "Key strengths and weaknesses",
        "Recommendations",
        "123. Extend the data set.",
    ]
    assert sif.place_heading(page, positioned) == positioned
    assert not sif._heading_out_of_place(positioned)


def test_end_headings_of_the_template_close_a_list() -> None:
    """Template headings end a list, whoever's strengths they name."""
    for heading in ("The Board’s strengths", "Executive summary", "Section 2: Findings"):
        lines = _lines(f"Recommendations\n1. Ensure plans are clear.\n{heading}\n2. It is good.")
        assert [r.text for r in sif.find_recommendations(lines, None)] == [
            "Ensure plans are clear."
        ], heading


def test_bullets_are_any_single_glyph_but_not_a_letter() -> None:
    """A bullet is any lone non-alphanumeric glyph; Word's "o" reads as a letter, not a bullet."""
    assert sif.item_marker("* Ensure plans are clear") == "bullet"
    assert sif.item_marker("\u27a2 Ensure plans are clear") == "bullet"
    assert sif.item_marker("o ensure plans are clear") is None
    assert sif.item_marker("(LSCB) is good") is None
    assert sif.strip_marker("\u27a2 Ensure plans") == "Ensure plans"


@pytest.mark.parametrize(
    ("text", "label", "grade"),
    [
        (
            "The overall judgement is that children’s service requires improvement.",
            "The overall judgement is that children’s service requires improvement",
            Grade.REQUIRES_IMPROVEMENT,
        ),
        (
            "Children’s services require improvement to be good\n1. Children",
            "Children’s services require improvement to be good",
            Grade.REQUIRES_IMPROVEMENT,
        ),
        (
            "Children’s social care services in Northshire are inadequate.",
            "Children’s social care services in Northshire are inadequate",
            Grade.INADEQUATE,
        ),
        (
            "Children’s services in Northshire Children’s Services Trust are good",
            "Children’s services in Northshire Children’s Services Trust are good",
            Grade.GOOD,
        ),
        (
            "Children's services in Northshire requires improvement²",
            "Children's services in Northshire requires improvement",
            Grade.REQUIRES_IMPROVEMENT,
        ),
    ],
)
def test_overall_sentence_natural_variants(text: str, label: str, grade: Grade) -> None:
    """Singular or plural, with or without "in X", a trust, "social care services"."""
    assert sif.overall_sentence(text) == (label, grade)


def test_overall_sentence_needs_the_grade_to_end_it() -> None:
    """Prose that opens like the sentence is not it: the grade must end the sentence."""
    assert sif.overall_sentence("Children’s services are good at listening to children") is None
    assert sif.overall_sentence("Children’s services in X are good at planning\n") is None


# --------------------------------------------------------------------------- issue 8: lists


def test_topic_subheadings_after_items_ending_in_paragraph_references() -> None:
    """An item may end with its paragraph references instead of a full stop; the topic
    sub-heading after it is not part of the item."""
    lines = _lines(
        """Recommendations
Leadership, management and governance
1. Ensure that the board holds partners to account (Paras 58, 62, 64, 65)
2. Ensure that leaders have a clear view of performance (Throughout)
Children looked after
3. Improve the timeliness of health assessments (Paras 70, 71)
Inspection findings"""
    )
    doubts: list[str] = []
    recs = sif.find_recommendations(lines, None, doubts=doubts)
    assert [r.text for r in recs] == [
        "Ensure that the board holds partners to account (Paras 58, 62, 64, 65)",
        "Ensure that leaders have a clear view of performance (Throughout)",
        "Improve the timeliness of health assessments (Paras 70, 71)",
    ]
    assert doubts == []


def test_a_topic_subheading_may_wrap() -> None:
    lines = _lines(
        "Recommendations\n1. Ensure that plans are clear and reviewed by managers regularly.\n"
        "Leadership, management and the\ngovernance of the board\n"
        "2. Ensure that the board is effective and holds its partners to account well.\n"
        "Summary for children and young people"
    )
    assert [r.text for r in sif.find_recommendations(lines, None)] == [
        "Ensure that plans are clear and reviewed by managers regularly.",
        "Ensure that the board is effective and holds its partners to account well.",
    ]


def test_a_heading_after_an_unclosed_item_is_told_by_its_margin() -> None:
    """After an item that did not close its sentence, only the margin tells a heading from a
    wrapped line that looks like one."""
    lines = _lines(
        "Recommendations\n1. Ensure that plans are clear and are reviewed by managers\n"
        "Care leavers\n2. Improve pathway plans.\nInspection findings"
    )
    x = {lines[1].text: 71.0, lines[2].text: 71.0, lines[3].text: 71.0}
    recs = sif.find_recommendations(lines, None, lambda line: x.get(line.text))
    assert [r.text for r in recs] == [
        "Ensure that plans are clear and are reviewed by managers",
        "Improve pathway plans.",
    ]
    x[lines[2].text] = 99.0  # indented to the item's text: a wrapped line of the item
    recs = sif.find_recommendations(lines, None, lambda line: x.get(line.text))
    assert recs[0].text == "Ensure that plans are clear and are reviewed by managers Care leavers"


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        (
            "return home and care. Areas for improvement",
            ["return home and care.", "Areas for improvement"],
        ),
        (
            "for children (Paras 12, 14) Priority and immediate action:",
            ["for children (Paras 12, 14)", "Priority and immediate action:"],
        ),
        (
            "care leavers (Paras 40, 41). Summary for children and young people",
            ["care leavers (Paras 40, 41).", "Summary for children and young people"],
        ),
        ("planning. Recommendations", ["planning.", "Recommendations"]),
        ("planning. Children in care are safe", ["planning. Children in care are safe"]),
        ("areas for improvement in the service", ["areas for improvement in the service"]),
        ("The areas for improvement", ["The areas for improvement"]),
    ],
)
def test_a_subheading_run_on_to_an_items_line_is_split(line: str, parts: list[str]) -> None:
    assert sif.split_trailing_subheading(line) == parts
    assert sif.split_trailing_subheading(line, "2. Next item.") == parts
    assert sif.split_trailing_subheading(line, "include the timeliness of plans.") == [line]


def test_run_on_subheading_sets_the_next_items_priority() -> None:
    page = (
        "7\nPriority and immediate action\n1. Ensure children are safe when they go missing from\n"
        "return home and care. Areas for improvement\nCare leavers\n2. Improve pathway plans.\n"
        "Summary for children and young people\n"
    )
    lines = sif.report_lines(_Doc([page]))  # type: ignore[arg-type]
    recs = sif.find_recommendations(lines, None)
    assert [(r.text, r.priority) for r in recs] == [
        (
            "Ensure children are safe when they go missing from return home and care.",
            Priority.IMMEDIATE,
        ),
        ("Improve pathway plans.", Priority.IMPROVE),
    ]


def test_glued_footnote_markers_are_dropped() -> None:
    page = (
        "7\nRecommendations\n1. Ensure that cared for children2 have plans (LSCB)3.\n"
        "2. Ensure 16- and 17-year-olds and Year 2 pupils, M25 and COVID-19 are named.\n"
        " \n2 Cared for children is the term used locally.\n3 Local Safeguarding Children Board.\n"
    )
    assert sif.footnote_numbers(page) == ["2", "3"]
    lines = sif.report_lines(_Doc([page]))  # type: ignore[arg-type]
    assert [r.text for r in sif.find_recommendations(lines, None)] == [
        "Ensure that cared for children have plans (LSCB).",
        "Ensure 16- and 17-year-olds and Year 2 pupils, M25 and COVID-19 are named.",
    ]
    assert sif.strip_footnote_markers("children2 and plans12", []) == "children2 and plans12"


def test_numbering_gaps_and_repeats_are_doubts() -> None:
    """Numbers say how many items a list has: a jump means items were lost."""
    gap = _lines("Recommendations\n3. Improve plans.\n10. Improve visits.\nInspection findings")
    doubts: list[str] = []
    assert len(sif.find_recommendations(gap, None, doubts=doubts)) == 2
    assert doubts == ["items 4–9 not found (numbering jumps from 3 to 10)"]
    repeat = _lines("Recommendations\n3. Improve plans.\n3. Improve visits.\nInspection findings")
    doubts = []
    sif.find_recommendations(repeat, None, doubts=doubts)
    assert doubts == ["numbering runs 3 then 3"]
    no_actions = _lines(
        "Priority and immediate action\n18. There are no priority actions.\n"
        "Areas for improvement\n19. Improve plans.\nInspection findings"
    )
    doubts = []
    sif.find_recommendations(no_actions, None, doubts=doubts)
    assert doubts == []


# --------------------------------------------------------------------------- tuning constants

WRAPPED_PROSE = "and the partnership works well with schools across the area which share"


@pytest.mark.parametrize(("at", "found"), [(5, True), (6, False)])
def test_judgement_heading_the_part_within_six_lines(at: int, found: bool) -> None:
    """At the head of the LSCB part the sentence counts even after prose; further down it
    must stand alone."""
    assert sif._PART_HEAD_LINES == 6
    head = ["The Local Safeguarding Children Board (LSCB)"] + [WRAPPED_PROSE] * (at - 1)
    lines = _lines("Children’s services in Kent are good", page=1) + _lines(
        "\n".join([*head, "The LSCB is good", *[WRAPPED_PROSE] * 4]), page=20
    )
    judgement = sif.lscb_judgement(lines, 1)
    assert (judgement is not None) is found


@pytest.mark.parametrize(("length", "row"), [(80, True), (81, False)])
def test_row_label_at_most_80_characters(length: int, row: bool) -> None:
    assert sif._MAX_LABEL == 80
    label = "Adoption performance " + "x" * (length - 21)
    rows = sif.table_from_text(f"2.1 {label} Good\n")
    assert bool(rows) is row


@pytest.mark.parametrize(("page", "read"), [(8, True), (9, False)])
def test_list_items_within_three_pages_of_the_heading(page: int, read: bool) -> None:
    assert sif._MAX_LIST_PAGES == 3
    lines = _lines("Recommendations\n1. Ensure plans are clear.", page=5)
    lines += _lines("2. Improve supervision.", page=page)
    assert len(sif.find_recommendations(lines, None)) == (2 if read else 1)


@pytest.mark.parametrize(("x", "continues"), [(75.1, True), (75.0, False)])
def test_continuation_indent_tolerance(x: float, continues: bool) -> None:
    """A line more than 4 points right of its item's first line (at 71) continues it."""
    assert sif._INDENT_TOLERANCE == 4.0
    lines = _lines("Recommendations\n1. Ensure plans are clear.\nPartners agree them.")
    edges = {lines[1].text: 71.0, lines[2].text: x}
    recs = sif.find_recommendations(lines, None, lambda line: edges.get(line.text))
    assert recs[0].text.endswith("Partners agree them.") is continues


@pytest.mark.parametrize(("at", "start"), [(2, True), (3, False)])
def test_lscb_part_heading_among_a_pages_first_three_lines(at: int, start: bool) -> None:
    assert sif._PAGE_HEAD_LINES == 3
    page = [f"Line {n} of the page." for n in range(at)] + ["The Local Safeguarding Children Board"]
    lines = _lines("Page one.", page=1) + _lines("\n".join(page), page=30)
    assert (sif.lscb_part_start(lines) is not None) is start


@pytest.mark.parametrize(("wraps", "skipped"), [(2, True), (3, False)])
def test_topic_heading_wraps_onto_at_most_two_more_lines(wraps: int, skipped: bool) -> None:
    assert sif._HEADING_LINES == 3
    heading = "\n".join(["Leadership and"] + ["governance of"] * wraps)
    lines = _lines(
        f"Recommendations\n1. Ensure that plans are clear and reviewed by all managers.\n"
        f"{heading}\n2. Ensure that the board is effective and holds partners to account.\n"
        + "\n".join([WRAPPED_PROSE + " more words here"] * 4)
    )
    recs = sif.find_recommendations(lines, None, lambda line: 71.0)
    assert (len(recs) == 2) is skipped


@pytest.mark.parametrize(("top", "read"), [(285.0, True), (284.9, False)])
def test_grades_within_30_points_above_the_first_row(top: float, read: bool) -> None:
    """The first row is at 315: a grade printed above it counts from 285 down."""
    assert sif._BAND == 30.0
    lines = _table_lines(requires_top=top)
    rows = sif.table_from_lines(group_lines([w for line in lines for w in line.words]))
    assert (rows is not None) is read


@pytest.mark.parametrize(("x0", "read"), [(197.0, True), (197.1, False)])
def test_grade_column_starts_120_points_right_of_the_labels(x0: float, read: bool) -> None:
    """Labels start at 77: a grade word at 197 or less is a label's word, not the column's
    start; further right it would start the column, which then holds label words: refused."""
    assert sif._MIN_LABEL_WIDTH == 120.0
    lines = _table_lines(extra=[_line(414, ("good", x0))])
    rows = sif.table_from_lines(group_lines([w for line in lines for w in line.words]))
    assert (rows is not None) is read
    if rows is not None:
        assert "good" in rows[2].label


def test_sif_sub_items_whose_glyphs_were_dropped_keep_a_separator() -> None:
    """As in ILACS: after a lead-in colon, lines broken short are folded sub-items."""
    printed = [
        (71.0, 100.0, "Recommendations"),
        (71.0, 115.0, "1. Improve services for care leavers, including:"),
        (107.0, 130.0, "sufficiency of accommodation"),
        (107.0, 145.0, "assessment and support"),
        (71.0, 160.0, "2. Ensure that the board holds partners to account for all of their work."),
        (71.0, 175.0, "Inspection findings"),
    ]
    words = [
        Word(token, x0 + 30 * n, x0 + 30 * n + 26, top, top + 10)
        for x0, top, text in printed
        for n, token in enumerate(text.split())
    ]
    doc = _Doc(["\n".join(text for _, _, text in printed)], {1: group_lines(words)})
    lines = [sif.TextLine(1, text) for _, _, text in printed]
    recs = sif.find_recommendations(lines, None, sif.LineIndents(doc))  # type: ignore[arg-type]
    assert [r.text for r in recs] == [
        "Improve services for care leavers, including: sufficiency of accommodation; assessment "
        "and support",
        "Ensure that the board holds partners to account for all of their work.",
    ]


# --------------------------------------------------------------------------- failure policy


def _sif_report(page1: str) -> sif.Report:
    part = "3\nThe Local Safeguarding Children Board (LSCB)\nThe board meets its duties.\n"
    return sif.read(_Doc([page1, "2\nExecutive summary\n", part]))  # type: ignore[arg-type]


def test_no_overall_sentence_is_a_warning_the_table_kept() -> None:
    report = _sif_report(LA_PAGE + TABLE.replace("Children’s services in Kent are good\n", ""))
    assert [j.area for j in report.judgements] == [*ROWS, Area.LSCB]
    assert [(w.part, w.message) for w in report.warnings] == [
        (Part.JUDGEMENTS, "no overall judgement sentence on page 1")
    ]


def test_a_table_row_that_cannot_be_read_is_a_warning_the_rest_kept() -> None:
    report = _sif_report(LA_PAGE + TABLE.replace("2.1 Adoption performance Not judged\n", ""))
    assert Area.ADOPTION not in {j.area for j in report.judgements}
    assert len(report.judgements) == 6
    assert [(w.part, w.message) for w in report.warnings] == [
        (Part.JUDGEMENTS, "no adoption judgement")
    ]


def test_neither_overall_sentence_nor_whole_table_is_refused() -> None:
    page1 = LA_PAGE + TABLE.replace("Children’s services in Kent are good\n", "")
    page1 = page1.replace("2.1 Adoption performance Not judged\n", "")
    with pytest.raises(UnrecognisedReportError, match="judgement table could not be read"):
        _sif_report(page1)


def test_lscb_review_without_its_judgement_is_a_warning() -> None:
    doc = _Doc([LSCB_PAGE + "Inspection date: 4 April 2016\n", "2\nRecommendations\n1. Act.\n"])
    report = lscb.read(doc)  # type: ignore[arg-type]
    assert report.judgements == []
    assert [r.text for r in report.recommendations] == ["Act."]
    assert [(w.part, w.message) for w in report.warnings] == [
        (Part.JUDGEMENTS, "the review's judgement sentence could not be read")
    ]


TITLE_LINE = "Inspection of services for children in need of help and protection, children looked"


@pytest.mark.parametrize(("before", "matched"), [(7, True), (8, False)])
def test_the_title_heads_page_one(before: int, matched: bool) -> None:
    """The title must stand within page 1's first eight lines: a letter naming the framework
    further down (a focused visit, say) is not a SIF report."""
    assert sif._TITLE_LINES == 8
    page = "\n".join([f"Address line {n}" for n in range(before)] + [TITLE_LINE, "after"])
    assert sif.matches(_Page1(page)) is matched  # type: ignore[arg-type]
    assert not lscb.matches(_Page1(page))  # type: ignore[arg-type]


def test_a_focused_visit_letter_naming_the_framework_is_not_sif() -> None:
    letter = (
        "1\nFocused visit to Northshire children’s services\n12 March 2018\nDear Director\n"
        "Ms A Example\nDirector of Children’s Services\nNorthshire County Council\nCounty Hall\n"
        "This letter summarises the findings of the focused visit under the framework for the\n"
        "inspection of services for children in need of help and protection, children looked\n"
        "after and care leavers.\n"
    )
    assert not sif.matches(_Page1(letter))  # type: ignore[arg-type]


@pytest.mark.parametrize("heading", ["Care leavers:", "Leadership, management and\ngovernance:"])
def test_a_topic_subheading_may_end_with_a_colon(heading: str) -> None:
    lines = _lines(
        "Recommendations\n1. Ensure that plans are clear and reviewed by managers regularly.\n"
        f"{heading}\n2. Ensure that pathway plans are written with all young people.\n"
        "Inspection findings"
    )
    assert len(sif.find_recommendations(lines, None, lambda line: 71.0)) == 2


def test_lscb_part_not_at_a_page_head_starts_at_its_judgement_sentence() -> None:
    """The LA's findings and the LSCB part share a page: items before the board's sentence
    stay the council's, items after it are the board's."""
    page1 = LA_PAGE.replace(
        "and\nReview of the effectiveness of the Local Safeguarding Children \nBoard1\n", ""
    )
    page1 += TABLE.replace(
        "The effectiveness of the Local Safeguarding Children Board (LSCB) is\ngood\n", ""
    )
    page3 = (
        "3\nRecommendations\n1. Ensure that plans are clear.\nInspection findings\n"
        "2. Children are safe.\n"
        "The Local Safeguarding Children Board is inadequate\n"
        "Recommendations\n3. Strengthen the board’s oversight.\nInspection findings\n"
    )
    report = sif.read(_Doc([page1, "2\nExecutive summary\n", page3]))  # type: ignore[arg-type]
    assert [(r.text, r.body) for r in report.recommendations] == [
        ("Ensure that plans are clear.", Body.LOCAL_AUTHORITY),
        ("Strengthen the board’s oversight.", Body.LSCB),
    ]
    judgement = report.judgement(Area.LSCB)
    assert judgement is not None and judgement.grade == Grade.INADEQUATE


def test_report_lines_of_a_page_with_no_body_text() -> None:
    """Regression (a byte flip that emptied a page): a page whose text is only furniture or
    nothing at all gives no lines, not a reader crash; the other pages are read."""
    pages = ["", "7\nRecommendations\n1. Improve pathway plans.\n"]
    lines = sif.report_lines(_Doc(pages))  # type: ignore[arg-type]
    assert [(line.page, line.text) for line in lines] == [
        (2, "Recommendations"),
        (2, "1. Improve pathway plans."),
    ]
