"""The focused-visit reader and the letter rules it shares with the JTAI reader: on the
generated sample letters (through the CLI) and on small synthetic lines and sentences."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from ofsted_cli.cli import cli
from ofsted_cli.frameworks import focused_visit, letters
from ofsted_cli.frameworks.focused_visit import authority_of, read_facts, theme_of
from ofsted_cli.frameworks.letters import (
    INDENT_TOLERANCE,
    PARAGRAPH_GAP,
    SMALL_PRINT_RATIO,
    SUBHEADING_STEP,
    PageLine,
    Section,
    date_doubts,
    date_range,
    fold,
    glyph_count,
    inspectors,
    is_furniture,
    letter_date,
    list_priority,
    looks_like_heading,
    looks_like_names,
    read_list,
    recommendations_of,
    sentences,
)
from ofsted_cli.models import Body, Part, Priority
from ofsted_cli.pdf import Document, StyledLine

from .conftest import SAMPLES

LEFT = 70.9
HANG = LEFT + 18.0


def parse_json(path: str) -> dict:
    result = CliRunner().invoke(
        cli, ["parse", "--json", "--no-cache", path], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["source"]["path"] == path
    assert len(record["source"]["sha256"]) == 64
    del record["source"]
    return record


def rec(text: str, priority: str, page: int) -> dict:
    return {
        "text": text,
        "body": "local_authority",
        "priority": priority,
        "responsible": None,
        "page": page,
    }


# --- the samples, through the CLI ----------------------------------------------------------


def test_dorset_2023_focused_visit_record_exactly():
    record = parse_json(str(SAMPLES / "dorset-focused-visit-2023.pdf"))
    assert record == {
        "framework": "focused_visit",
        "local_authority": "Dorset",
        "authority": {"name": "Dorset", "code": "E06000059", "region": "South West"},
        "inspection_start": "2023-05-17",
        "inspection_end": "2023-05-18",
        "published": None,
        "letter_date": "2023-06-22",
        "lead_inspector": "Kate Sample and Owen Placeholder",
        "theme": "the local authority’s arrangements for 16- and 17-year-old care leavers",
        "judgements": [],
        "recommendations": [
            rec(
                "The quality and frequency of supervision for personal advisers, so that "
                "decisions for each young person are recorded and followed up.",
                "improve",
                1,
            ),
            rec(
                "The detail in pathway plans about what will happen next, including: who will "
                "do it; by when it will be done",
                "improve",
                1,
            ),
        ],
        "warnings": [],
    }


def test_north_east_lincolnshire_2019_priority_actions_record_exactly():
    """Priority actions after a lead-in sentence; items wrapped back under the glyph, one of
    them across the page break."""
    record = parse_json(str(SAMPLES / "north-east-lincolnshire-focused-visit-2019.pdf"))
    assert record == {
        "framework": "focused_visit",
        "local_authority": "North East Lincolnshire",
        "authority": {
            "name": "North East Lincolnshire",
            "code": "E06000012",
            "region": "Yorkshire and The Humber",
        },
        "inspection_start": "2019-03-14",
        "inspection_end": "2019-03-14",
        "published": None,
        "letter_date": "2019-05-08",
        "lead_inspector": "Lena Testwood and Paul Specimen",
        "theme": "the local authority’s arrangements for contacts and referrals at the front door",
        "judgements": [],
        "recommendations": [
            rec(
                "How risk and need are identified and screened when a contact is first made "
                "with children’s social care.",
                "priority_action",
                1,
            ),
            rec(
                "The quality of assessments and of the decisions that follow them.",
                "priority_action",
                1,
            ),
            rec(
                "The quality and effectiveness of management oversight and supervision, so "
                "that managers check the decisions made at the front door and make sure that "
                "children’s plans are carried out without delay.",
                "priority_action",
                1,
            ),
            rec(
                "Decisions to close cases for children who may still be at risk, or whose "
                "risk is not yet understood.",
                "improve",
                2,
            ),
            rec(
                "The use of children’s histories when assessing what their lives are like.",
                "improve",
                2,
            ),
            rec("The quality and use of case file audits.", "improve", 2),
        ],
        "warnings": [],
    }


def test_styled_lines_of_a_sample_letter():
    """pdfium's lines with their start, size and weight: the title is bold, the Ofsted
    address block is small print, a wrapped item line hangs under its text."""
    with Document(SAMPLES / "dorset-focused-visit-2023.pdf") as doc:
        lines = doc.styled_lines(1)
        by_text = {line.text: line for line in lines}
        assert doc.text(1).split("\n")[0] == lines[0].text
    assert by_text["Ofsted"].size == 9.0
    title = by_text["Focused visit to Dorset children’s services"]
    assert (title.bold, title.size, title.x0) == (True, 12.0, LEFT)
    assert not by_text["22 June 2023"].bold
    wrapped = by_text["decisions for each young person are recorded and followed up."]
    assert wrapped.x0 == pytest.approx(HANG, abs=0.2)


# --- detection -----------------------------------------------------------------------------


class PagesDoc:
    """Just enough of a Document for ``matches``: page texts by number."""

    def __init__(self, *pages: str) -> None:
        self._pages = pages
        self.page_count = len(pages)

    def text(self, page_no: int) -> str:
        return self._pages[page_no - 1]


def test_matches_the_title_or_the_opening_sentence_only():
    assert focused_visit.matches(PagesDoc("Dear X\nFocused visit to Kent children’s services"))  # type: ignore[arg-type]
    overprinted = "Kent\nThis letter summarises the findings of a focused\nvisit to Kent on 1 May"
    assert focused_visit.matches(PagesDoc(overprinted))  # type: ignore[arg-type]
    ilacs_page = (
        "Inspection of Kent children’s services\nSince the focused visit to the front door\n"
        "in 2019, the findings of the focused visit have been acted on."
    )
    assert not focused_visit.matches(PagesDoc(ilacs_page))  # type: ignore[arg-type]


# --- facts ---------------------------------------------------------------------------------


def test_letter_date_is_the_date_line_above_the_addressee():
    head = ["Ofsted", "Piccadilly Gate", "08 May 2019", "Sam Example", "Dear Sam"]
    assert letter_date(head) == date(2019, 5, 8)
    assert letter_date(["Sam Example", "Dear Sam", "1 June 2020"]) is None
    assert letter_date(["Sam Example", "Town Hall, 2 June Street", "Dear Sam"]) is None


@pytest.mark.parametrize(
    ("phrase", "letter", "expected"),
    [
        ("on 1 and 2 October 2019.", None, (date(2019, 10, 1), date(2019, 10, 2))),
        ("on the 15 and 16 of May 2018", None, (date(2018, 5, 15), date(2018, 5, 16))),
        (
            "on 29 and 30 September, and 1 October 2020",
            None,
            (date(2020, 9, 29), date(2020, 10, 1)),
        ),
        ("between 6 and 8 October 2020", None, (date(2020, 10, 6), date(2020, 10, 8))),
        ("on 22–23 October 2019", None, (date(2019, 10, 22), date(2019, 10, 23))),
        ("on 13 and 14 July.", date(2021, 8, 23), (date(2021, 7, 13), date(2021, 7, 14))),
        ("on 10 and 11 December.", date(2020, 1, 15), (date(2019, 12, 10), date(2019, 12, 11))),
        ("on 15 and 16 January.", date(2020, 1, 16), (date(2020, 1, 15), date(2020, 1, 16))),
        ("on 15 and 16 January.", date(2020, 1, 15), (date(2019, 1, 15), date(2019, 1, 16))),
        ("on 13 and 14 July.", None, (None, None)),
    ],
)
def test_date_range(phrase, letter, expected):
    assert date_range(phrase, letter) == expected


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("The inspectors were Jo Able, HMI, and Sam Baker, HMI.", "Jo Able and Sam Baker"),
        (
            "His Majesty’s Inspectors for this visit were Jo Able, Sam Baker and Kit Carr.",
            "Jo Able, Sam Baker and Kit Carr",
        ),
        (
            "The visit was carried out by Her Majesty’s Inspectors, Jo Able and Sam Baker.",
            "Jo Able and Sam Baker",
        ),
        (
            "The visit was conducted by Jo Able and Sam Baker, two of Her Majesty’s Inspectors.",
            "Jo Able and Sam Baker",
        ),
        (
            "His Majesty’s Inspectors for this visit were lead inspector Jo Able and team "
            "inspectors Sam Baker and Kit Carr.",
            "Jo Able",
        ),
        (
            "The inspectors were Jo Able, Her Majesty’s Inspector, HMI Sam Baker, Her "
            "Majesty’s Inspector, and Kit Carr, Senior Her Majesty’s Inspector.",
            "Jo Able, Sam Baker and Kit Carr",
        ),
        (
            "Her Majesty’s Inspectors (HMI) for this visit were Jo Able and Sam Baker, with "
            "Kit Carr, HMI designate.",
            "Jo Able, Sam Baker and Kit Carr",
        ),
        (
            "The visit was carried out by Jo Able and Sam Baker, all of whom are Her Majesty’s "
            "Inspectors (HMI), and Kit Carr (HMI designate).",
            "Jo Able, Sam Baker and Kit Carr",
        ),
        (
            "The inspectors for this visit were Jo Able, His Majesty’s Inspector, and Sam "
            "Baker, Ofsted Inspector.",
            "Jo Able and Sam Baker",
        ),
        ("The inspectors were Jo Able HMI and Máire Ó Baker HMI.", "Jo Able and Máire Ó Baker"),
        ("The lead inspector was Jo Able, with Sam Baker, HMI.", "Jo Able"),
        ("The inspectors were Dr Jo Able and Mr. Sam Baker, HMI.", "Jo Able and Sam Baker"),
        (
            "The visit was conducted by Jo Able and Sam Baker, two of Her Majesty’s Inspectors.",
            "Jo Able and Sam Baker",
        ),
    ],
)
def test_inspectors_named_in_the_opening(sentence, names):
    found = inspectors(sentence)
    assert (found.names, found.rejected) == (names, ())


def test_inspector_text_that_is_no_name_is_kept_for_the_self_check():
    found = inspectors("The inspectors were Jo Able and the Support Service Of Kent Team.")
    assert found.names == "Jo Able"
    assert found.rejected == ("Support Service Of Kent Team",)
    found = inspectors("The inspectors were Jo Able and, joined by Kent, Sam Baker.")
    assert (found.names, found.rejected) == ("Jo Able and Sam Baker", ("joined by Kent",))


def test_looks_like_names():
    assert looks_like_names("Jo Able, Sam Baker and Kit Carr")
    assert not looks_like_names("Jo Able and children’s services")


@pytest.mark.parametrize(
    ("title", "opening", "authority"),
    [
        ("Focused visit to Dorset children’s services", "", "Dorset"),
        (
            "Focused visit to Kent County Council local authority children’s services",
            "",
            "Kent County Council",
        ),
        ("Focused visit to Trafford Council’s children’s services", "", "Trafford Council"),
        ("Focused visit to Sandwell Children’s Trust", "", "Sandwell Children’s Trust"),
        ("Focused visit to the Isle of Wight children’s services.", "", "the Isle of Wight"),
        (
            "Focused visit to children’s services",
            "This letter summarises the findings of the focused visit to Camden children’s "
            "services on 31 October 2023.",
            "Camden",
        ),
        (
            "",
            "This letter summarises the findings of a focused visit on 23 and 24 February 2021 "
            "to Doncaster Metropolitan Borough Council children’s services (the council).",
            "Doncaster Metropolitan Borough Council",
        ),
        ("", "The letter of a visit to nowhere.", None),
    ],
)
def test_authority_of(title, opening, authority):
    assert authority_of(title, opening) == authority


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        (
            "Inspectors looked at the local authority’s arrangements for children in care. "
            "Inspectors considered a range of evidence.",
            "the local authority’s arrangements for children in care",
        ),
        (
            "Inspectors looked at the arrangements for care leavers aged 18 to 25, with a "
            "particular focus on: ◼ their homes.",
            "the arrangements for care leavers aged 18 to 25",
        ),
        (
            "During this visit, inspectors evaluated the arrangements for children in need.",
            "the arrangements for children in need",
        ),
        (
            "The inspectors focused on the arrangements for children in need and those subject "
            "to a plan. They looked at evidence.",
            "the arrangements for children in need and those subject to a plan",
        ),
        ("This visit looked at the front door: contacts and referrals.", "the front door"),
        ("The methodology was adapted to the COVID-19 context.", None),
    ],
)
def test_theme_of(text, theme):
    assert theme_of(sentences(text)) == theme


def test_sentences_split_after_a_title_but_not_an_initial():
    said = sentences("The inspectors were Jo Able, HMI. Inspectors looked at J. Smith’s plan.")
    assert said == ["The inspectors were Jo Able, HMI", "Inspectors looked at J. Smith’s plan."]


def test_facts_of_an_opening_paragraph_with_no_year():
    facts, doubts = read_facts(
        "Focused visit to Durham’s children’s services",
        ["23 August 2021", "Dear Jo"],
        "This letter summarises the findings of a focused visit to Durham children’s services "
        "on 13 and 14 July. Her Majesty’s Inspectors for this visit were Jo Able and Sam Baker.",
    )
    assert (facts.local_authority, facts.inspection_start, facts.inspection_end) == (
        "Durham",
        date(2021, 7, 13),
        date(2021, 7, 14),
    )
    assert (facts.letter_date, facts.lead_inspector, facts.theme) == (
        date(2021, 8, 23),
        "Jo Able and Sam Baker",
        None,
    )
    assert doubts == []


def test_facts_doubts_are_stated():
    facts, doubts = read_facts("", ["Dear Jo"], "A letter with nothing in it.")
    assert facts.local_authority is None
    assert doubts == [
        "no inspection dates found",
        "no sentence naming the inspectors",
        "no authority named in the title or opening sentence",
    ]


def test_dates_self_check_and_its_limit():
    visit = date(2023, 5, 18)
    assert focused_visit.MAX_LETTER_DAYS == 180
    assert date_doubts(date(2023, 5, 17), visit, date(2023, 11, 14), 180) == []  # 180 days
    assert date_doubts(date(2023, 5, 17), visit, date(2023, 11, 15), 180) == [
        "letter dated 2023-11-15, 181 days after the visit"
    ]
    assert date_doubts(visit, date(2023, 5, 17), None, 180) == [
        "inspection ends (2023-05-17) before it starts (2023-05-18)"
    ]
    assert date_doubts(date(2019, 12, 18), date(2019, 12, 19), date(2019, 1, 21), 180) == [
        "letter dated 2019-01-21, before the inspection ended (2019-12-19)"
    ]


# --- lists ---------------------------------------------------------------------------------


def line(
    text: str, top: float, x0: float = LEFT, size: float = 12.0, bold: bool = False, page: int = 1
) -> PageLine:
    return PageLine(page, StyledLine(text=text, x0=x0, top=top, size=size, bold=bold))


HEADING = StyledLine(
    "What needs to improve in this area of social work practice?", LEFT, 100, 12, True
)


def test_list_with_hanging_indent_ends_at_the_next_heading():
    lines = [
        line("◼ The quality of plans, so that they say", 130),
        line("who does what.", 144.5, HANG),
        line("◼ Supervision.", 173.5),
        line("Main findings", 202.5, bold=True),
        line("◼ A finding in bullets, as 2018 letters print them.", 231.5),
    ]
    read = read_list(lines, HEADING, 12)
    assert read.items == [
        (1, "The quality of plans, so that they say who does what."),
        (1, "Supervision."),
    ]
    assert read.doubts == []


def test_list_without_hanging_indent_ends_at_a_paragraph_gap():
    lines = [
        line("◼ The quality of plans, so that they say", 130),
        line("who does what.", 144.5),
        line("◼ Supervision.", 173.5),
        line("Leaders know their service well.", 202.5),
    ]
    assert read_list(lines, HEADING, 12).items == [
        (1, "The quality of plans, so that they say who does what."),
        (1, "Supervision."),
    ]


def test_paragraph_gap_limit():
    assert PARAGRAPH_GAP == 1.7  # 20.4 pt at 12 pt
    within = [line("◼ Plans", 130), line("for children.", 150.3)]
    beyond = [line("◼ Plans", 130), line("Leaders know.", 150.5)]
    assert read_list(within, HEADING, 12).items == [(1, "Plans for children.")]
    assert read_list(beyond, HEADING, 12).items == [(1, "Plans")]


def test_indent_tolerance_limit():
    assert INDENT_TOLERANCE == 4.0
    same = [line("◼ Plans.", 130), line("◼ Visits.", 160, LEFT + 4.0)]
    deeper = [line("◼ Plans, including:", 130), line("◼ visits", 160, LEFT + 4.1)]
    assert read_list(same, HEADING, 12).items == [(1, "Plans."), (1, "Visits.")]
    assert read_list(deeper, HEADING, 12).items == [(1, "Plans, including: visits")]


def test_an_item_continues_across_a_page_break_unless_it_had_ended():
    lines = [
        line("◼ The quality of plans, so that", 740),
        line("2", 50, 517, page=2),
        line("they say who does what.", 90, page=2),
        line("◼ Supervision.", 119, page=2),
        line("Leaders know their service.", 90, page=3),
    ]
    assert read_list(lines, HEADING, 12).items == [
        (1, "The quality of plans, so that they say who does what."),
        (2, "Supervision."),
    ]


def test_sub_bullets_fold_into_their_item():
    lines = [
        line("◼ Records, including:", 130),
        line("▪ the child’s plan", 150, HANG),
        line("▪ the reasons for decisions", 170, HANG),
        line("◼ Case audits", 199),
        line("– of every team", 219, HANG),
        line("◼ Supervision", 248),
        line("▪ for managers", 268, HANG),
    ]
    assert read_list(lines, HEADING, 12).items == [
        (1, "Records, including: the child’s plan; the reasons for decisions"),
        (1, "Case audits – of every team"),
        (1, "Supervision; for managers"),
    ]


def test_fold_keeps_punctuation_before_a_sub_item():
    assert fold([(False, "Plans,"), (True, "visits")]) == "Plans, visits"
    assert fold([(False, "Plans"), (False, "for all"), (True, "visits")]) == "Plans for all; visits"


def test_lead_in_sentence_is_not_an_item():
    lines = [
        line("The local authority needs to take swift and decisive action to address:", 130),
        line("◼ Assessments.", 159),
    ]
    read = read_list(lines, HEADING, 12)
    assert (read.items, read.doubts) == ([(1, "Assessments.")], [])


def test_lead_in_without_a_colon_is_doubted():
    lines = [line("Leaders must act now.", 130), line("◼ Assessments.", 159)]
    read = read_list(lines, HEADING, 12)
    assert read.items == [(1, "Assessments.")]
    assert read.doubts == [
        "the text before the first bullet does not end in ':' ('Leaders must act now.')"
    ]


def test_prose_under_the_heading_gives_no_items_and_no_doubt():
    lines = [line("There are no priority actions.", 130), line("Findings", 159, bold=True)]
    read = read_list(lines, HEADING, 12)
    assert (read.items, read.doubts) == ([], [])


def test_list_like_lines_without_a_glyph_are_doubted():
    lines = [
        line("The quality of plans, so that they say", 130, HANG),
        line("who does what.", 144.5, HANG),
        line("Findings", 173.5, bold=True),
    ]
    read = read_list(lines, HEADING, 12)
    assert (read.items, read.doubts) == (
        [],
        ["the heading is followed by list-like lines but no bullet"],
    )


def test_small_print_and_page_numbers_are_furniture():
    assert SMALL_PRINT_RATIO == 0.85
    assert not is_furniture(StyledLine("Plans", LEFT, 0, 10.2, False), 12)
    assert is_furniture(StyledLine("Ofsted", LEFT, 0, 10.1, False), 12)
    assert is_furniture(StyledLine("12", 517, 0, 12, False), 12)


def test_topics_inside_a_list_and_the_sections_that_end_it():
    heading = StyledLine("Areas for improvement", LEFT, 100, 14, True)
    lines = [
        line("Leadership and management", 125, bold=True),
        line("◼ Oversight is weak.", 150),
        line("The front door", 180, HANG, bold=True),
        line("◼ Referrals are late.", 205),
        line("Key strengths", 235, bold=True),
        line("◼ Schools report concerns well.", 260),
    ]
    read = read_list(lines, heading, 12)
    assert read.items == [(1, "Oversight is weak."), (1, "Referrals are late.")]
    assert read.topical


def test_topic_size_limit():
    assert SUBHEADING_STEP == 0.5
    heading = StyledLine("Areas for improvement", LEFT, 100, 12.5, True)
    smaller = [
        line("◼ Oversight.", 125),
        line("Topic", 150, size=11.9, bold=True),
        line("◼ Visits.", 175),
    ]
    level = [
        line("◼ Oversight.", 125),
        line("Topic", 150, size=12.0, bold=True),
        line("◼ Visits.", 175),
    ]
    assert len(read_list(smaller, heading, 12).items) == 2
    assert len(read_list(level, heading, 12).items) == 1


def test_list_headings():
    assert (
        list_priority(StyledLine("Areas for priority action", LEFT, 0, 12, True))
        is Priority.PRIORITY_ACTION
    )
    assert (
        list_priority(StyledLine("Area for priority actions:", LEFT, 0, 12, True))
        is Priority.PRIORITY_ACTION
    )
    assert (
        list_priority(StyledLine("What needs to improve?1", LEFT, 0, 12, False)) is Priority.IMPROVE
    )
    assert list_priority(StyledLine("Areas for improvement", LEFT, 0, 14, True)) is Priority.IMPROVE
    prose = "What needs to improve is the quality of plans for children."
    assert list_priority(StyledLine(prose, LEFT, 0, 12, False)) is None
    assert list_priority(StyledLine("Case study: area for improvement", 90, 0, 12, True)) is None


def test_heading_look_for_letters_without_a_bold_font():
    assert letters.HEADING_WORDS == 12
    twelve = "Our findings on the help given to children in this area of"
    thirteen = f"{twelve} today"
    assert looks_like_heading(StyledLine(twelve, LEFT, 0, 12, False), LEFT)
    assert not looks_like_heading(StyledLine(thirteen, LEFT, 0, 12, False), LEFT)
    whole = "What needs to improve in this area of social work practice?"
    assert looks_like_heading(StyledLine(whole, LEFT, 0, 12, False), LEFT)
    assert not looks_like_heading(StyledLine("Findings.", LEFT, 0, 12, False), LEFT)


def test_glyph_count_disagreeing_with_the_items_is_a_warning():
    """A bullet run into the line before it (two items on one line) is read as one item; the
    glyphs printed say two."""
    lines = [
        line("◼ Plans. ◼ Visits.", 130),
        line("◼ Audits.", 159),
        line("Findings", 188, bold=True),
    ]
    read = read_list(lines, HEADING, 12)
    assert read.items == [(1, "Plans. ◼ Visits."), (1, "Audits.")]
    glyphs = glyph_count(lines, HEADING, "◼", 12, read.topical)
    assert glyphs == 3
    section = Section(Priority.IMPROVE, HEADING.text, 1, read, glyphs)
    recs, warnings = recommendations_of([section], Body.LOCAL_AUTHORITY)
    assert [r.text for r in recs] == ["Plans. ◼ Visits.", "Audits."]
    assert [(w.part, w.message) for w in warnings] == [
        (
            Part.RECOMMENDATIONS,
            '"What needs to improve in this area of social work practice?" (p. 1): 2 items '
            "read but 3 bullet glyphs printed",
        )
    ]


def test_a_name_has_two_to_four_words():
    from ofsted_cli.frameworks.letters import is_name

    assert letters._NAME_WORDS == (2, 4)
    assert is_name("Jo Able")
    assert is_name("Anna de la Souza")
    assert not is_name("Jo")
    assert not is_name("Anna Maria de la Souza")
    assert not is_name("Jo able")


def test_an_overprinted_title_gives_way_to_the_opening_sentence():
    """The address block printed over the title puts its words into the title's line."""
    opening = (
        "This letter summarises the findings of a focused visit to the London Borough of "
        "Harrow children’s services on 9 and 10 October 2018."
    )
    title = "Focused visit to Harrow HA1 2XF children’s services"
    assert authority_of(title, opening) == "the London Borough of Harrow"
    assert authority_of("Focused visit to Harrow children’s services", opening) == "Harrow"
    facts, doubts = read_facts(title, [], "An opening that names no authority.")
    assert facts.local_authority == "Harrow HA1 2XF"
    assert "authority 'Harrow HA1 2XF': Harrow, HA1, 2XF not in the opening paragraph" in doubts


def test_a_heading_printed_but_not_read_is_counted():
    """A list heading set in a plain font and wrapped ("What needs to improve in this area
    of social" / "work practice?") is no heading to the list reader; the page text still
    prints it, so the record says that a list was missed."""
    from ofsted_cli.frameworks.letters import ListRead, unread_headings

    page = (
        "Headline findings\nLeaders know their service.\n"
        "What needs to improve in this area of social\nwork practice?\n◼ Plans.\n"
        "Areas for priority action\n◼ Visits.\n"
        "What needs to improve is clear to leaders, who have a plan.\n"
    )
    one = Section(Priority.PRIORITY_ACTION, "Areas for priority action", 1, ListRead(), 1)
    assert unread_headings([page], [one]) == 1
    assert unread_headings([page], [one, one]) == 0


# --- variants of the samples that must not change what is read -----------------------------


@pytest.fixture(scope="module")
def letter_samples():
    """scripts/make_letter_samples.py as a module (needs reportlab, a dev dependency)."""
    import importlib.util
    import sys
    from pathlib import Path

    import reportlab  # noqa: F401  (the test extra has it: a missing one fails, never skips)

    scripts = Path(__file__).resolve().parent.parent / "scripts"
    sys.path.insert(0, str(scripts))
    try:
        spec = importlib.util.spec_from_file_location(
            "make_letter_samples", scripts / "make_letter_samples.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(scripts))
    return module


@pytest.mark.parametrize(
    "change",
    [
        {"right": 470.0},  # every line wraps elsewhere
        {"hanging_indent": False},  # wrapped lines back under the glyph
        {"bold_headings": False},  # headings in the body font (bold faked by stroking)
        {"right": 440.0, "hanging_indent": False, "bold_headings": False},
    ],
)
def test_layout_variants_read_the_same(letter_samples, tmp_path, change):
    import dataclasses

    from ofsted_cli import parse_report

    for spec in (letter_samples.DORSET_2023, letter_samples.NORTH_EAST_LINCOLNSHIRE_2019):
        original = parse_report(SAMPLES / spec.file)
        variant = tmp_path / spec.file
        variant.write_bytes(letter_samples.build_letter(dataclasses.replace(spec, **change)))
        report = parse_report(variant)
        assert [(r.text, r.priority) for r in report.recommendations] == [
            (r.text, r.priority) for r in original.recommendations
        ]
        assert report.model_dump(exclude={"source", "recommendations"}) == original.model_dump(
            exclude={"source", "recommendations"}
        )


class StyledDoc:
    """Just enough of a Document for :func:`letters.opening_lines`: styled lines by page."""

    def __init__(self, *pages: list[StyledLine]) -> None:
        self._pages = pages
        self.page_count = len(pages)

    def styled_lines(self, page_no: int) -> list[StyledLine]:
        return self._pages[page_no - 1]


def test_opening_of_a_letter_whose_title_line_is_overprinted():
    page = [
        StyledLine("Ofsted", LEFT, 40, 9, False),
        StyledLine("9 November 2018", LEFT, 130, 9, False),  # the date in small print
        StyledLine("Jo Example", LEFT, 160, 12, False),
        StyledLine("Dear Jo Example", LEFT, 250, 12, False),
        StyledLine("HA1 2XF Focused visit to Harrow children’s services", LEFT, 280, 12, True),
        StyledLine(
            "This letter summarises the findings of a focused visit to the", LEFT, 310, 12, False
        ),
        StyledLine(
            "London Borough of Harrow children’s services on 9 and 10 October",
            LEFT,
            324.5,
            12,
            False,
        ),
        StyledLine(
            "2018. The inspectors were Jo Able, HMI, and Sam Baker, HMI.", LEFT, 339, 12, False
        ),
        StyledLine("Headline findings", LEFT, 368, 12, True),
        StyledLine("Leaders know their service.", LEFT, 397, 12, False),
    ]
    opening = letters.opening_lines(
        StyledDoc(page),  # type: ignore[arg-type]
        focused_visit._TITLE_WORDS_RE,
        focused_visit._ends_title,
    )
    assert opening.title == "Focused visit to Harrow children’s services"
    assert opening.before_title == ["Ofsted", "9 November 2018", "Jo Example", "Dear Jo Example"]
    assert opening.paragraph.startswith("This letter summarises") and opening.paragraph.endswith(
        "Sam Baker, HMI."
    )
    facts, doubts = read_facts(opening.title, opening.before_title, opening.paragraph)
    assert (facts.local_authority, facts.inspection_start, facts.letter_date) == (
        "Harrow",
        date(2018, 10, 9),
        date(2018, 11, 9),
    )
    assert doubts == []


def test_styled_size_is_the_printed_size_under_a_scaled_text_matrix(tmp_path):
    """Some letters set 1 pt type and scale it by the text matrix: the line's size is the
    printed one (12), so headings and small print compare as they look."""
    import reportlab  # noqa: F401  (the test extra has it: a missing one fails, never skips)
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "scaled.pdf"
    canvas = Canvas(str(path), pagesize=(595, 842), invariant=1)
    text = canvas.beginText()
    text.setTextOrigin(72, 700)
    text.setFont("Helvetica-Bold", 1)
    text.setTextTransform(12, 0, 0, 12, 72, 700)
    text.textLine("Areas for improvement")
    text.setFont("Helvetica", 1)
    text.setTextTransform(9, 0, 0, 9, 72, 650)
    text.textLine("Small print")
    canvas.drawText(text)
    canvas.save()
    with Document(path) as doc:
        lines = doc.styled_lines(1)
    assert [(line.text, line.size, line.bold) for line in lines] == [
        ("Areas for improvement", 12.0, True),
        ("Small print", 9.0, False),
    ]


def test_in_a_hanging_list_a_line_under_the_glyph_ends_the_list_however_close():
    """Once wrapped lines have hung past the glyph, a line back under it is a new paragraph,
    even one set without space before it."""
    lines = [
        line("◼ The quality of plans, so that they say", 130),
        line("who does what.", 144.5, HANG),
        line("◼ Supervision.", 173.5),
        line("Leaders know their service well.", 188),
    ]
    assert read_list(lines, HEADING, 12).items == [
        (1, "The quality of plans, so that they say who does what."),
        (1, "Supervision."),
    ]


def test_a_run_on_past_a_full_stop_without_hanging_indent_is_doubted():
    """Without a hanging indent, prose set close under a list cannot be told from the last
    item's next sentence by layout: read as the item, and said."""
    lines = [line("◼ Supervision.", 130), line("Leaders know their service.", 144.5)]
    read = read_list(lines, HEADING, 12)
    assert read.items == [(1, "Supervision. Leaders know their service.")]
    assert read.doubts == [
        "an item runs on past a full stop, under its glyph: 'Leaders know their service.'"
    ]


def test_running_footers_in_body_size_are_furniture():
    """A footer printed in the body's size at the foot of each page ("Kent focused visit:
    page 1 of 2") is left out, so an item continues across it; a wrapped line that happens to
    repeat elsewhere, not at a page's edge, stays."""
    from ofsted_cli.frameworks.letters import RUNNING_TOLERANCE, without_running_lines

    assert RUNNING_TOLERANCE == 2.0
    lines = [
        line("◼ Plans that say who does", 700),
        line("right time.", 714.5, HANG),
        line("Kent focused visit: page 1 of 2", 790),
        line("what, by when.", 90, HANG, page=2),
        line("right time.", 104.5, HANG, page=2),
        line("◼ Supervision.", 133.5, page=2),
        line("Kent focused visit: page 2 of 2", 792, page=2),
    ]
    kept = without_running_lines(lines)
    assert [pl.line.text for pl in kept] == [
        "◼ Plans that say who does",
        "right time.",
        "what, by when.",
        "right time.",
        "◼ Supervision.",
    ]
    moved = [*lines[:-1], line("Kent focused visit: page 2 of 2", 792.1, page=2)]
    assert len(without_running_lines(moved)) == 7  # 2.1 pt apart: no running footer


@pytest.mark.parametrize("fmt", [[], ["--jsonl"]])
def test_the_letter_samples_render_as_table_and_jsonl(fmt):
    """(``--csv`` has a row per judgement, and letters have none: the CSV of the new kinds is
    the render work of issue 11, not the readers'.)"""
    paths = [
        str(SAMPLES / name)
        for name in (
            "dorset-focused-visit-2023.pdf",
            "north-east-lincolnshire-focused-visit-2019.pdf",
            "kirklees-jtai-2022.pdf",
        )
    ]
    result = CliRunner().invoke(cli, ["parse", "--no-cache", *fmt, *paths], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for authority in ("Dorset", "North East Lincolnshire", "Kirklees"):
        assert authority in result.stdout


def test_a_bold_sentence_starting_with_heading_words_is_no_heading():
    sentence = "Areas for improvement identified at the last inspection have been addressed."
    assert list_priority(StyledLine(sentence, LEFT, 0, 12, True)) is None
    thirteen = "Areas for improvement in the help for children in need and their families"
    assert len(thirteen.split()) == 13
    assert list_priority(StyledLine(thirteen, LEFT, 0, 12, True)) is None
    assert list_priority(StyledLine(thirteen[:-9], LEFT, 0, 12, True)) is Priority.IMPROVE
