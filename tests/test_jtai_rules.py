"""The JTAI reader: the generated sample letter through the CLI, and its facts rules on
small synthetic titles and sentences (the list rules are those of the focused-visit tests)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from ofsted_cli.cli import cli
from ofsted_cli.frameworks import jtai
from ofsted_cli.frameworks.jtai import area_of, dates_of, read_facts, theme_of, title_parts
from ofsted_cli.frameworks.letters import sentences

from .conftest import SAMPLES
from .test_focused_visit_rules import PagesDoc


def rec(text: str) -> dict:
    return {
        "text": text,
        "body": "partnership",
        "priority": "improve",
        "responsible": None,
        "page": 1,
    }


def test_kirklees_2022_jtai_record_exactly():
    """Four items to improve; the "Strengths" bullets after them are not recommendations."""
    path = str(SAMPLES / "kirklees-jtai-2022.pdf")
    result = CliRunner().invoke(
        cli, ["parse", "--json", "--no-cache", path], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["source"]["path"] == path
    del record["source"]
    assert record == {
        "framework": "jtai",
        "local_authority": "Kirklees",
        "authority": {
            "name": "Kirklees",
            "code": "E08000034",
            "region": "Yorkshire and The Humber",
        },
        "inspection_start": "2022-06-27",
        "inspection_end": "2022-07-01",
        "published": None,
        "letter_date": "2022-08-18",
        "lead_inspector": None,
        "theme": "the multi-agency response to the criminal exploitation of children in Kirklees",
        "judgements": [],
        "recommendations": [
            rec("How the partnership records its own work and the reasons for its decisions."),
            rec(
                "Training from the partnership that is local, multi-agency and focused on the "
                "criminal exploitation of children."
            ),
            rec(
                "Professional curiosity among some health practitioners, including in "
                "emergency departments."
            ),
            rec("Plans for children in care who cannot return to their families."),
        ],
        "warnings": [],
    }


def test_the_jtai_sample_is_no_focused_visit_and_the_visits_are_no_jtai(samples_dir):
    from ofsted_cli.frameworks import focused_visit
    from ofsted_cli.pdf import Document

    with Document(samples_dir / "kirklees-jtai-2022.pdf") as doc:
        assert jtai.matches(doc) and not focused_visit.matches(doc)
    with Document(samples_dir / "dorset-focused-visit-2023.pdf") as doc:
        assert focused_visit.matches(doc) and not jtai.matches(doc)


def test_matches_the_title_or_the_opening_sentence_only():
    assert jtai.matches(PagesDoc("Dear partners\nJoint targeted area inspection of Leeds"))  # type: ignore[arg-type]
    opening = "This letter summarises the findings of the joint targeted area inspection (JTAI)"
    assert jtai.matches(PagesDoc(opening))  # type: ignore[arg-type]
    ilacs_page = (
        "Inspection of Leeds children’s services\nFollowing the Joint Targeted Area Inspection "
        "(JTAI) in July 2022, when areas for\npriority action were identified"
    )
    assert not jtai.matches(PagesDoc(ilacs_page))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("title", "parts"),
    [
        (
            "Joint targeted area inspection of Blackburn with Darwen",
            ("Blackburn with Darwen", None),
        ),
        (
            "Joint targeted area inspection of the multi-agency response to domestic abuse in "
            "Durham",
            ("Durham", "the multi-agency response to domestic abuse"),
        ),
        (
            "Joint targeted area inspection of the multi-agency responses to children’s mental "
            "health in East Sussex",
            ("East Sussex", "the multi-agency responses to children’s mental health"),
        ),
        (
            "Joint targeted area inspection of the multi-agency response to children missing "
            "from home, care or education",
            (None, "the multi-agency response to children missing from home, care or education"),
        ),
        ("Focused visit to Leeds children’s services", (None, None)),
    ],
)
def test_title_parts(title, parts):
    assert title_parts(title) == parts


def test_area_named_in_the_themed_opening():
    said = sentences(
        "This letter to all the service leaders in the area outlines our findings about the "
        "effectiveness of partnership working and the work of individual agencies in "
        "Greenwich local authority."
    )
    assert area_of(said) == "Greenwich"
    assert area_of(["Partners work well together."]) is None


@pytest.mark.parametrize(
    ("text", "letter", "dates"),
    [
        (
            "This inspection took place from 22 to 26 May 2023. It was conducted by inspectors.",
            None,
            (date(2023, 5, 22), date(2023, 5, 26)),
        ),
        (
            "This inspection took place from 27 June 2022 to 1 July 2022.",
            None,
            (date(2022, 6, 27), date(2022, 7, 1)),
        ),
        (
            "Between 9 and 13 July 2018, Ofsted, the Care Quality Commission (CQC) and HMI "
            "Probation undertook a joint inspection.",
            None,
            (date(2018, 7, 9), date(2018, 7, 13)),
        ),
        (
            "Between 16 May and 20 May, Ofsted and the CQC undertook a joint inspection in "
            "Croydon. 1 This inspection included a deep dive.",
            date(2016, 6, 29),
            (date(2016, 5, 16), date(2016, 5, 20)),
        ),
        ("Partners work well together.", date(2020, 3, 6), (None, None)),
    ],
)
def test_dates_of(text, letter, dates):
    assert dates_of(sentences(text), letter) == dates


def test_theme_of_the_opening_sentence():
    said = sentences(
        "This letter summarises the findings of the joint targeted area inspection (JTAI) of "
        "the multi-agency response to serious youth violence in Leeds. This inspection took "
        "place from 4 to 8 March 2024."
    )
    assert theme_of(said) == "the multi-agency response to serious youth violence in Leeds"


def test_facts_and_doubts():
    facts, doubts = read_facts(
        "Joint targeted area inspection of Leeds",
        ["16 May 2024", "Dear Leeds Safeguarding Partnership"],
        "This letter summarises the findings of the joint targeted area inspection (JTAI) of "
        "the multi-agency response to serious youth violence in Leeds. This inspection took "
        "place from 4 to 8 March 2024.",
    )
    assert (facts.local_authority, facts.inspection_start, facts.inspection_end) == (
        "Leeds",
        date(2024, 3, 4),
        date(2024, 3, 8),
    )
    assert (facts.letter_date, facts.lead_inspector) == (date(2024, 5, 16), None)
    assert doubts == []
    assert jtai.MAX_LETTER_DAYS == 180
    _, late = read_facts(
        "Joint targeted area inspection of Leeds",
        ["5 September 2024"],
        "This letter summarises the findings of the joint targeted area inspection (JTAI) of "
        "a theme in Leeds. This inspection took place from 4 to 8 March 2024.",
    )
    assert late == ["letter dated 2024-09-05, 181 days after the visit"]
    _, elsewhere = read_facts(
        "Joint targeted area inspection of Leeds LS1 1UR",
        ["16 May 2024"],
        "This letter summarises the findings of the joint targeted area inspection (JTAI) of "
        "a theme in Leeds. This inspection took place from 4 to 8 March 2024.",
    )
    assert elsewhere == ["area 'Leeds LS1 1UR': LS1, 1UR not in the opening paragraph"]
    _, blank = read_facts("", [], "")
    assert blank == ["no area named in the title", "no theme found", "no inspection dates found"]


def test_a_themed_title_over_three_bold_lines_and_a_heading_after_it():
    from ofsted_cli.frameworks import letters
    from ofsted_cli.pdf import StyledLine

    from .test_focused_visit_rules import StyledDoc

    x = 70.9
    page = [
        StyledLine("9 May 2018", x, 136, 12, False),
        StyledLine("Dear local partnership", x, 392, 12, False),
        StyledLine(
            "Joint targeted area inspection of the multi-agency response to child", x, 419, 12, True
        ),
        StyledLine(
            "sexual exploitation and children missing from home, care or education in",
            x,
            434,
            12,
            True,
        ),
        StyledLine("Greenwich", x, 449, 12, True),
        StyledLine("Headline findings", x, 476, 12, True),
        StyledLine(
            "Between 12 and 16 February 2018, Ofsted and the CQC inspected.", x, 505, 12, False
        ),
    ]
    opening = letters.opening_lines(
        StyledDoc(page),  # type: ignore[arg-type]
        jtai._TITLE_WORDS_RE,
        jtai._ends_title,
    )
    assert title_parts(opening.title) == (
        "Greenwich",
        "the multi-agency response to child sexual exploitation and children missing from "
        "home, care or education",
    )
    assert opening.paragraph == ""  # the heading follows the title: no opening read into it
