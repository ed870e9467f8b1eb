"""Write the sample letters in ``sample_reports/``: two focused visits and a JTAI (dev tool).

    pip install -e '.[dev]'                        # reportlab is a dev-only dependency
    python scripts/make_letter_samples.py          # rewrite the letter samples
    python scripts/make_letter_samples.py --check  # exit 1 if the committed files are stale

Each sample copies the *layout* of a real letter family: the Ofsted address block in small
print, the letter's date above the addressee, "Dear ...", a bold title, the opening paragraph
(dates, inspectors, focus), bold headings, bulleted lists (◼ with a hanging indent, or wrapped
back under the glyph, as some letters are), sub-bullets, lists that end at the next heading,
page numbers and the signature. The authorities, dates, letter dates, themes and the number of
priority actions are the real published facts; every sentence and every name is written for
this project. Output is byte-for-byte reproducible (reportlab's invariant mode). The drawing
helpers are those of ``make_samples.py``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_samples import (  # noqa: E402  (a script beside this one, not a package)
    PAGE_H,
    REGULAR,
    Flow,
    Sheet,
    wrap,
    write_samples,
)

LEFT, RIGHT = 70.9, 524.0
LEADING = 14.5
#: Between paragraphs and between list items, as in the real letters (29 pt from top to top).
PARA_GAP = 14.5
OFSTED_BLOCK = (
    "Ofsted",
    "Piccadilly Gate",
    "Store Street",
    "Manchester",
    "M1 2WD",
)

#: A list item: its text, or its text and sub-items (printed with "▪" further in).
Item = str | tuple[str, Sequence[str]]


@dataclass
class Letter:
    """One letter: its head, its opening paragraphs, and its sections in order. A section is
    (heading, lead-in or "", items, paragraphs after the items)."""

    file: str
    title: str
    letter_date: str
    addressee: Sequence[str]
    dear: str
    opening: Sequence[str]
    sections: Sequence[tuple[str, str, Sequence[Item], Sequence[str]]]
    signature: Sequence[str]
    hanging_indent: bool = True
    #: Variants for the tests: another right margin (lines wrap elsewhere), plain headings.
    right: float = RIGHT
    bold_headings: bool = True


def _decorate(canvas: object, page_no: int) -> None:
    """Page 1: the Ofsted address block in 9 pt at the top; later pages: the page number."""
    c = canvas
    if page_no == 1:
        c.setFont(REGULAR, 9)  # type: ignore[attr-defined]
        for i, line in enumerate(OFSTED_BLOCK):
            c.drawString(LEFT, PAGE_H - 45 - 10.8 * i, line)  # type: ignore[attr-defined]
        c.drawString(169.2, PAGE_H - 56, "enquiries@ofsted.gov.uk")  # type: ignore[attr-defined]
        return
    c.setFont(REGULAR, 12)  # type: ignore[attr-defined]
    c.drawRightString(RIGHT, PAGE_H - 60, str(page_no))  # type: ignore[attr-defined]


def _item(flow: Flow, text: str, subs: Sequence[str], hanging: bool) -> None:
    """A ◼ item: wrapped under its text (hanging indent) or back under the glyph; sub-items
    with "▪" one indent further in."""
    hang = 18.0
    width = flow.right - LEFT - hang
    first, *rest = wrap(text, REGULAR, 12, width)
    flow.need(LEADING)
    flow.sheet.text(LEFT, flow.top, "◼", REGULAR, 12)
    flow.sheet.text(LEFT + hang, flow.top, first, REGULAR, 12)
    flow.top += LEADING
    x = LEFT + hang if hanging else LEFT
    for line in wrap(" ".join(rest), REGULAR, 12, flow.right - x) if rest else []:
        flow.need(LEADING)
        flow.sheet.text(x, flow.top, line, REGULAR, 12)
        flow.top += LEADING
    for sub in subs:
        sub_first, *sub_rest = wrap(sub, REGULAR, 12, width - hang)
        flow.need(LEADING)
        flow.sheet.text(LEFT + hang, flow.top, "▪", REGULAR, 12)
        flow.sheet.text(LEFT + 2 * hang, flow.top, sub_first, REGULAR, 12)
        flow.top += LEADING
        for line in wrap(" ".join(sub_rest), REGULAR, 12, width - hang) if sub_rest else []:
            flow.need(LEADING)
            flow.sheet.text(LEFT + 2 * hang, flow.top, line, REGULAR, 12)
            flow.top += LEADING
    flow.top += PARA_GAP


def _heading(flow: Flow, text: str, bold: bool) -> None:
    """A section heading: bold, or (a variant some PDFs give, faking bold by stroking) plain."""
    if bold:
        flow.heading(text, size=12, gap_after=11.5)
        return
    flow.need(15.0 + 40)
    flow.sheet.text(LEFT, flow.top, text, REGULAR, 12)
    flow.top += 15.0 + 11.5


def build_letter(spec: Letter) -> bytes:
    sheet = Sheet(f"{spec.title} (sample)", _decorate)
    flow = Flow(sheet, LEFT, spec.right, top=129.0, page_top=90.0, page_bottom=770.0, bottom=770.0)
    sheet.text(LEFT, flow.top, spec.letter_date)
    flow.top += 2 * 15.0
    for line in spec.addressee:
        sheet.text(LEFT, flow.top, line)
        flow.top += 15.0
    flow.top += 30.0
    sheet.text(LEFT, flow.top, spec.dear)
    flow.top += 26.5
    flow.heading(spec.title, size=12, gap_after=11.5)
    for paragraph in spec.opening:
        flow.para(paragraph, after=PARA_GAP)
    for heading, lead_in, items, paragraphs in spec.sections:
        _heading(flow, heading, spec.bold_headings)
        if lead_in:
            flow.para(lead_in, after=PARA_GAP)
        for item in items:
            text, subs = (item, ()) if isinstance(item, str) else item
            _item(flow, text, subs, spec.hanging_indent)
        for paragraph in paragraphs:
            flow.para(paragraph, after=PARA_GAP)
    for line in spec.signature:
        flow.need(LEADING)
        sheet.text(LEFT, flow.top, line)
        flow.top += LEADING
    return sheet.finish()


# --------------------------------------------------------------------------------------------
# The samples: real authorities, dates and outcomes; the wording is this project's own.
# --------------------------------------------------------------------------------------------

FINDINGS = (
    "Leaders know their service well. They have acted on what they learned from their own "
    "audits, and the changes they have made since the last inspection are starting to help "
    "young people.",
    "Most young people are in touch with a personal adviser who knows them well and who "
    "visits them often. Advisers speak about young people with warmth and with ambition for "
    "what they can achieve.",
    "Plans for young people are up to date and written with them. Some plans say too little "
    "about what will happen next, and by when, so that progress is hard to check.",
    "Supervision of personal advisers happens, but records of it are thin. Managers do not "
    "always note what was decided for each young person or follow up those decisions.",
)

DORSET_2023 = Letter(
    file="dorset-focused-visit-2023.pdf",
    title="Focused visit to Dorset children’s services",
    letter_date="22 June 2023",
    addressee=("Ann Example", "Director of People (Children)", "County Hall", "Dorchester"),
    dear="Dear Ann Example",
    opening=(
        "This letter summarises the findings of the focused visit to Dorset children’s "
        "services on 17 and 18 May 2023. His Majesty’s Inspectors for this visit were Kate "
        "Sample and Owen Placeholder.",
        "Inspectors looked at the local authority’s arrangements for 16- and 17-year-old care "
        "leavers.",
        "This visit was carried out in line with the inspection of local authority children’s "
        "services (ILACS) framework.",
    ),
    sections=(
        (
            "Headline findings",
            "",
            (),
            (
                "Care leavers are better supported than at the last inspection, and leaders "
                "have a clear picture of what still needs to change.",
            ),
        ),
        (
            "What needs to improve in this area of social work practice?",
            "",
            (
                "The quality and frequency of supervision for personal advisers, so that "
                "decisions for each young person are recorded and followed up.",
                (
                    "The detail in pathway plans about what will happen next, including:",
                    (
                        "who will do it",
                        "by when it will be done",
                    ),
                ),
            ),
            (),
        ),
        ("Main findings", "", (), FINDINGS),
    ),
    signature=(
        "Ofsted will take the findings from this focused visit into account when planning "
        "your next inspection or visit.",
        "",
        "Yours sincerely",
        "",
        "Kate Sample",
        "His Majesty’s Inspector",
    ),
)

NORTH_EAST_LINCOLNSHIRE_2019 = Letter(
    file="north-east-lincolnshire-focused-visit-2019.pdf",
    title="Focused visit to North East Lincolnshire children’s services",
    letter_date="8 May 2019",
    addressee=("Sam Example", "Director of Children’s Services", "Town Hall Square", "Grimsby"),
    dear="Dear Sam Example",
    opening=(
        "This letter summarises the findings of a focused visit to North East Lincolnshire "
        "children’s services on 14 March 2019. The inspectors were Lena Testwood, Her "
        "Majesty’s Inspector, and Paul Specimen, Her Majesty’s Inspector.",
        "Inspectors reviewed the local authority’s arrangements for contacts and referrals "
        "at the front door.",
    ),
    sections=(
        (
            "Overview",
            "",
            (),
            (
                "Too many decisions at the front door are made without enough information, and "
                "some children are left at risk for longer than they should be.",
                "Leaders have a plan to strengthen the front door, and partners support it. The "
                "plan is recent, and it has not yet changed what happens for most children "
                "whose circumstances are referred to the local authority.",
                "Social workers are committed and know their local communities well. Their "
                "caseloads are high, and the time they have to see children, to gather "
                "information from other agencies and to think about risk is too short.",
            ),
        ),
        (
            "Areas for priority action",
            "The local authority needs to take swift and decisive action to address the "
            "following weaknesses in practice:",
            (
                "How risk and need are identified and screened when a contact is first made "
                "with children’s social care.",
                "The quality of assessments and of the decisions that follow them.",
                "The quality and effectiveness of management oversight and supervision, so "
                "that managers check the decisions made at the front door and make sure that "
                "children’s plans are carried out without delay.",
            ),
            (),
        ),
        (
            "What needs to improve in this area of social work practice",
            "",
            (
                "Decisions to close cases for children who may still be at risk, or whose risk "
                "is not yet understood.",
                "The use of children’s histories when assessing what their lives are like.",
                "The quality and use of case file audits.",
            ),
            (),
        ),
        (
            "Findings",
            "",
            (),
            (
                "Senior leaders had already seen that practice at the front door was not good "
                "enough, and had begun to add capacity, but this was not yet in place.",
                "Where an area for priority action is identified, Ofsted asks for an action "
                "plan within 70 working days of the letter.",
            ),
        ),
    ),
    signature=("Yours sincerely", "", "Lena Testwood", "Her Majesty’s Inspector"),
    hanging_indent=False,
)

KIRKLEES_JTAI_2022 = Letter(
    file="kirklees-jtai-2022.pdf",
    title="Joint targeted area inspection of Kirklees",
    letter_date="18 August 2022",
    addressee=(
        "Director of Children’s Services, Kirklees Council",
        "Chief Constable, West Yorkshire Police",
        "Accountable Officer, NHS Kirklees",
    ),
    dear="Dear Kirklees Safeguarding Children Partnership",
    opening=(
        "This letter summarises the findings of the joint targeted area inspection (JTAI) of "
        "the multi-agency response to the criminal exploitation of children in Kirklees.",
        "This inspection took place from 27 June 2022 to 1 July 2022. It was carried out by "
        "inspectors from Ofsted, the Care Quality Commission (CQC) and His Majesty’s "
        "Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS).",
    ),
    sections=(
        (
            "Headline findings",
            "",
            (),
            (
                "Partners share a clear understanding of exploitation and work together well "
                "to reduce the risks children face.",
            ),
        ),
        (
            "What needs to improve?",
            "",
            (
                "How the partnership records its own work and the reasons for its decisions.",
                "Training from the partnership that is local, multi-agency and focused on the "
                "criminal exploitation of children.",
                "Professional curiosity among some health practitioners, including in "
                "emergency departments.",
                "Plans for children in care who cannot return to their families.",
            ),
            (),
        ),
        (
            "Strengths",
            "",
            (
                "Children at risk of exploitation are identified quickly and receive help "
                "from several agencies at once.",
                "Schools are closely involved in spotting and reporting concerns.",
            ),
            (),
        ),
        (
            "Next steps",
            "",
            (),
            (
                "The partnership should prepare a written statement of proposed action "
                "responding to the findings in this letter.",
            ),
        ),
    ),
    signature=("Yours sincerely", "", "The directors of the inspectorates"),
)

LETTERS: tuple[Letter, ...] = (DORSET_2023, NORTH_EAST_LINCOLNSHIRE_2019, KIRKLEES_JTAI_2022)


def main(argv: Sequence[str] | None = None) -> int:
    return write_samples(LETTERS, build_letter, __doc__ or "", argv)


if __name__ == "__main__":
    raise SystemExit(main())
