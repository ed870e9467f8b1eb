"""Write the area SEND sample reports in ``sample_reports/`` (a dev tool; the PDFs are committed).

    python scripts/make_send_samples.py          # rewrite sample_reports/*-send-*.pdf
    python scripts/make_send_samples.py --check  # exit 1 if the committed files are out of date

Each sample copies the *layout* of an area SEND inspection report (Ofsted and CQC, 2023
framework): the title block, the boxed "Inspection outcome" with its shaded header row, the
running footer, the ruled "Responsible body | Areas for priority action" table whose rows run
on over a page break, the one-column "Areas for improvement" table, and the two-column
inspection team. The partnership, dates and outcome are the real published facts; every
sentence of prose and every name of a person is written for this project. Byte-for-byte
reproducible, like ``make_samples.py`` (whose drawing helpers it reuses).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_samples import (  # noqa: E402  (a script beside this one, not a package)
    BOLD,
    PAGE_H,
    REGULAR,
    Flow,
    Sheet,
    wrap,
    write_samples,
)

LEFT, RIGHT = 56.7, 531.7
#: Where a table's rows stop at the foot of a page (the running footer is below).
TABLE_BOTTOM = 766.0
LEAD = 14.5
PAD = 5.2
#: The space after each paragraph in a table cell (Ofsted's template: 6 pt).
SPACE_AFTER = 6.0
GREY = 0.949

OUTCOMES = {
    "positive": [
        "The local area partnership’s special educational needs and/or disabilities (SEND) "
        "arrangements typically lead to positive experiences and outcomes for children and "
        "young people with SEND. The local area partnership is taking action where "
        "improvements are needed.",
        "Ofsted and CQC ask that the local area partnership updates and publishes its "
        "strategic plan based on the recommendations set out in this report.",
        "The next full reinspection will be within approximately five years.",
    ],
    "systemic_failings": [
        "There are widespread and/or systemic failings leading to significant concerns about "
        "the experiences and outcomes of children and young people with special educational "
        "needs and/or disabilities (SEND), which the local area partnership must address "
        "urgently.",
        "A monitoring inspection will be carried out within approximately 18 months. The next "
        "full reinspection will be within approximately three years.",
        "As a result of this inspection, His Majesty’s Chief Inspector requires the local area "
        "partnership to prepare and submit a priority action plan (area SEND) to address the "
        "identified areas for priority action.",
    ],
}

#: A table cell's content: a paragraph, or a lead-in and its sub-bullets.
Cell = str | tuple[str, Sequence[str]]


@dataclass(frozen=True)
class Ruling:
    """How a table is drawn: Word's thin filled rectangles, or stroked lines (other
    producers), or no borders at all; and whether the header row repeats after a page break."""

    ruled: bool = True
    stroked: bool = False
    repeat_header: bool = False


@dataclass
class Send:
    """An area SEND inspection report."""

    file: str
    partnership: str
    dates: str
    previous: str
    outcome: str  # a key of OUTCOMES
    about: Sequence[str]
    like: Sequence[str]
    effective: Sequence[str]
    better: Sequence[str]
    #: (responsible body, action); a body of None: the cell above is merged down over it.
    priority_actions: Sequence[tuple[str | None, Cell]]
    improvements: Sequence[str]
    ofsted_team: Sequence[str]  # the first is the lead
    cqc_team: Sequence[str]
    #: Tests vary these: how the tables are ruled, and extra lines before them (which
    #: moves the page break through the tables).
    ruling: Ruling = Ruling()
    shift: int = 0
    improvement_heading: str = "Areas for improvement"


def _footer(partnership: str, dates: str):  # type: ignore[no-untyped-def]
    def decorate(canvas: object, page_no: int) -> None:
        if page_no == 1:
            return
        c = canvas
        c.setFont(REGULAR, 9)  # type: ignore[attr-defined]
        c.drawString(LEFT + 3, PAGE_H - 800, f"Area SEND inspection report: {partnership}")  # type: ignore[attr-defined]
        c.drawString(LEFT + 3, PAGE_H - 811, dates)  # type: ignore[attr-defined]
        c.drawRightString(RIGHT - 2, PAGE_H - 805, str(page_no))  # type: ignore[attr-defined]

    return decorate


def _cell_lines(cell: Cell, width: float) -> list[tuple[float, str]]:
    """A cell's printed lines as (indent, text); sub-bullets hang under a "•"."""
    lead_in, subs = (cell, ()) if isinstance(cell, str) else cell
    out = [(0.0, line) for line in wrap(lead_in, REGULAR, 12, width)]
    for sub in subs:
        for i, line in enumerate(wrap(sub, REGULAR, 12, width - 14)):
            out.append((0.0, f"• {line}") if i == 0 else (14.0, line))
    return out


def ruled_table(
    flow: Flow,
    splits: Sequence[float],
    header: Sequence[str],
    rows: Sequence[Sequence[Cell | None]],
    ruling: Ruling = Ruling(),
) -> None:
    """A table ruled as Word exports it (0.5 pt filled rectangles), the header row shaded.
    A row that does not fit breaks at a line: its cells go on at the top of the next page."""
    sheet = flow.sheet
    xs = [LEFT, *splits, RIGHT]

    def borders(top: float, bottom: float, merged_above: bool = False, close: bool = True) -> None:
        """A row's top rule, its verticals and (``close``: at a page's or the table's end)
        its bottom rule; under a cell merged down from the row above, the top rule spans the
        last column only."""
        if not ruling.ruled:
            return
        start = xs[-2] if merged_above else xs[0]
        edges = [(start, top, xs[-1], top), *([(xs[0], bottom, xs[-1], bottom)] if close else [])]
        edges += [(x, top, x, bottom) for x in xs]
        for x0, y0, x1, y1 in edges:
            if ruling.stroked:
                sheet.canvas.setLineWidth(0.75)
                sheet.canvas.line(x0, PAGE_H - y0, x1, PAGE_H - y1)
            else:
                sheet.rule(x0, y0, max(x1, x0 + 0.5), y1)

    def header_row(top: float) -> float:
        height = LEAD + 2 * PAD
        if ruling.ruled:
            sheet.canvas.setFillGray(GREY)
            sheet.canvas.rect(xs[0], PAGE_H - top - height, xs[-1] - xs[0], height, 0, 1)
            sheet.canvas.setFillGray(0)
        for x, text in zip(xs, header, strict=False):
            sheet.text(x + PAD, top + PAD + 1, text, BOLD, 12)
        borders(top, top + height)
        return top + height

    flow.need(3 * LEAD + 2 * PAD)
    top = header_row(flow.top)
    for n, row in enumerate(rows):
        merged_above = row[0] is None  # the body cell of the row above goes on down
        row = ["" if c is None else c for c in row]
        cells = [_cell_lines(c, b - a - 2 * PAD) for c, a, b in zip(row, xs, xs[1:], strict=False)]
        total = max(len(c) for c in cells)
        done = 0  # lines of the row printed on earlier pages
        while done < total:
            fit = int((TABLE_BOTTOM - top - PAD) // LEAD)
            if fit < 1:  # not one more line here: the row starts, or goes on, overleaf
                if done == 0:
                    borders(top, top, close=True)  # the bottom rule of the row above
                sheet.next_page()
                top = header_row(flow.page_top) if ruling.repeat_header else flow.page_top
                merged_above = False  # a table resumes with a whole rule across the page
                continue
            # Word writes a row cell by cell, each cell's lines top to bottom.
            for cell, x in zip(cells, xs, strict=False):
                for i, (indent, text) in enumerate(cell[done : done + fit]):
                    sheet.text(x + PAD + indent, top + PAD + 1 + i * LEAD, text, REGULAR, 12)
            shown = min(fit, total - done)
            done += shown
            # A row's paragraph closes with its space after; a row the page breaks does not.
            ends = done >= total
            bottom = top + PAD + shown * LEAD - 1.0 + (SPACE_AFTER if ends else 0.0)
            borders(top, bottom, merged_above and done == shown, not ends or n == len(rows) - 1)
            top = bottom
            if not ends:
                sheet.next_page()
                top = header_row(flow.page_top) if ruling.repeat_header else flow.page_top
    flow.top = top + 24


def build_send(spec: Send) -> bytes:
    sheet = Sheet(
        f"Area SEND inspection of {spec.partnership} (sample)",
        _footer(spec.partnership, spec.dates),
    )
    flow = Flow(sheet, LEFT, RIGHT, top=60.0, page_top=92.0, bottom=TABLE_BOTTOM)
    sheet.text(LEFT, 60, "Local area partnership report", REGULAR, 10)
    flow.top = 84.0
    for line in wrap(f"Area SEND inspection of {spec.partnership}", BOLD, 20, 420):
        sheet.text(LEFT, flow.top, line, BOLD, 20)
        flow.top += 25
    flow.top += 6
    sheet.text(LEFT, flow.top, f"Inspection dates: {spec.dates}", BOLD, 12)
    flow.top += 18
    sheet.text(LEFT, flow.top, f"Dates of previous inspection: {spec.previous}", REGULAR, 12)
    flow.top += 30
    _outcome_box(flow, OUTCOMES[spec.outcome])
    flow.heading("Information about the local area partnership", size=12, gap_after=6)
    for text in spec.about:
        flow.para(text)
    flow.heading("What is it like to be a child or young person with SEND in this area?", 12, 6)
    for text in spec.like:
        flow.para(text)
    flow.heading("What is the area partnership doing that is effective?", 12, 6)
    for text in spec.effective:
        flow.bullet("◼", text, 0, 17.9, after=4)
    flow.top += 8
    flow.heading("What does the area partnership need to do better?", 12, 6)
    for text in spec.better:
        flow.bullet("◼", text, 0, 17.9, after=4)
    flow.top += 8 + spec.shift * LEAD
    if spec.priority_actions:
        flow.heading("Areas for priority action", 12, 8)
        ruled_table(
            flow,
            [218.2],
            ["Responsible body", "Areas for priority action"],
            [[body, action] for body, action in spec.priority_actions],
            spec.ruling,
        )
    flow.heading(spec.improvement_heading, 12, 8)
    ruled_table(
        flow, [], [spec.improvement_heading], [[text] for text in spec.improvements], spec.ruling
    )
    sheet.next_page()
    flow.top = flow.page_top
    flow.heading("Information about this inspection", 12, 6)
    flow.para(
        "This inspection was carried out at the request of the Secretary of State for "
        "Education under section 20(1)(a) of the Children Act 2004. It was led by one of His "
        "Majesty’s Inspectors from Ofsted with a team of inspectors from Ofsted and from the "
        "Care Quality Commission (CQC)."
    )
    flow.heading("Inspection team", 12, 6)
    sheet.text(LEFT, flow.top, "Ofsted", BOLD, 12)
    sheet.text(300, flow.top, "Care Quality Commission", BOLD, 12)
    flow.top += LEAD
    ofsted = [f"{spec.ofsted_team[0]}, Ofsted HMI Lead inspector"]
    ofsted += [f"{name}, Ofsted HMI" for name in spec.ofsted_team[1:]]
    cqc = [f"{spec.cqc_team[0]}, CQC Lead inspector"]
    cqc += [f"{name}, CQC inspector" for name in spec.cqc_team[1:]]
    for i in range(max(len(ofsted), len(cqc))):
        if i < len(ofsted):
            sheet.text(LEFT, flow.top, ofsted[i], REGULAR, 11)
        if i < len(cqc):
            sheet.text(300, flow.top, cqc[i], REGULAR, 11)
        flow.top += LEAD
    return sheet.finish()


def _outcome_box(flow: Flow, paragraphs: Sequence[str]) -> None:
    """The outcome: a box with a shaded "Inspection outcome" header row, no rule above it."""
    sheet = flow.sheet
    top = flow.top
    sheet.canvas.setFillGray(GREY)
    sheet.canvas.rect(LEFT, PAGE_H - top - 24, RIGHT - LEFT, 24, 0, 1)
    sheet.canvas.setFillGray(0)
    sheet.text(LEFT + PAD, top + 6, "Inspection outcome", BOLD, 12)
    y = top + 30
    for text in paragraphs:
        for line in wrap(text, REGULAR, 12, RIGHT - LEFT - 2 * PAD):
            sheet.text(LEFT + PAD, y, line, REGULAR, 12)
            y += LEAD
        y += 6
    bottom = y + 4
    sheet.rule(LEFT, top, LEFT + 0.5, bottom)
    sheet.rule(RIGHT - 0.5, top, RIGHT, bottom)
    sheet.rule(LEFT, bottom, RIGHT, bottom)
    flow.top = bottom + 20


COUNCIL_AND_ICB = "Derbyshire County Council and NHS Derby and Derbyshire Integrated Care Board"

DERBYSHIRE_2024 = Send(
    file="derbyshire-send-2024.pdf",
    partnership="Derbyshire Local Area Partnership",
    dates="23 to 27 September 2024",
    previous="14 to 18 November 2016",
    outcome="systemic_failings",
    about=[
        "Derbyshire County Council and NHS Derby and Derbyshire Integrated Care Board plan and "
        "commission services for children and young people with SEND in Derbyshire. Several "
        "senior posts in the council were held on an interim basis during the inspection.",
        "The council commissions alternative provision for pupils who cannot attend school "
        "because of their social, emotional and mental health needs or medical needs, and for "
        "pupils who have been, or are at risk of being, permanently excluded.",
    ],
    like=[
        "Many families describe a long wait before anyone looks at what their child needs. "
        "Some children spend months out of school while a suitable place is found, and "
        "parents say they have to fight for each part of the help their child receives.",
        "Children who attend special schools are often well known by the adults who work "
        "with them, and these schools plan carefully for the next step in their education.",
        "Families find it hard to get advice when their child does not have an education, "
        "health and care plan. Calls and emails often go unanswered, and parents say that "
        "they do not know who to ask for help while they wait.",
        "Young people with SEND have few chances to say what matters to them, and their views "
        "rarely shape the services they use.",
        "Some short breaks and clubs are open to children with SEND, but families say that "
        "places are few, hard to find out about and often far from home. Information about "
        "what is on offer is out of date, and parents say that they rely on each other to "
        "find out what their children can do outside school in the holidays.",
    ],
    effective=[
        "Health visitors and early years settings check children’s development together, "
        "so that needs in the youngest children are often spotted early.",
        "Young people moving from children’s to adult health services usually have a plan "
        "for the move that starts well before their eighteenth birthday.",
    ],
    better=[
        "Leaders have no shared picture of what children and young people with SEND in the "
        "area need, so services are not planned or commissioned together.",
        "Education, health and care plans are too often late, and many do not describe "
        "children’s needs accurately or include advice from health and social care.",
        "Waiting times for assessments of neurodevelopmental needs are too long in parts of "
        "the county.",
        "There are not enough places in special schools and alternative provision, so some "
        "children wait at home, or on part-time timetables, for a place that meets their "
        "needs.",
        "Communication with families is poor. Parents are not told what is changing in "
        "services, or why, and many have lost trust in the partnership.",
    ],
    priority_actions=[
        (
            COUNCIL_AND_ICB,
            (
                "Leaders across the partnership must, with urgency and together:",
                [
                    "agree a shared understanding of what children and young people with "
                    "SEND in Derbyshire need;",
                    "set out one strategy, written with families, for meeting those needs",
                    "check regularly whether the strategy is making a difference to "
                    "children’s lives.",
                ],
            ),
        ),
        (
            COUNCIL_AND_ICB,
            "Leaders should put in place an agreement to commission services jointly, built "
            "on a thorough assessment of the needs of children and young people in the area.",
        ),
        (
            COUNCIL_AND_ICB,
            "Leaders must make sure that education, health and care plans are written on "
            "time, draw on advice from every service that knows the child, and are kept up "
            "to date through annual reviews that families can take part in. They should "
            "check the quality of plans across all three services and act on what they "
            "find, so that every plan sets out accurately what the child needs and how it "
            "will be provided.",
        ),
        (
            "NHS Derby and Derbyshire Integrated Care Board",
            "Health leaders must reduce the time children and young people wait for "
            "assessments of neurodevelopmental needs, and make sure that families receive "
            "help while they wait.",
        ),
    ],
    improvements=[
        "Leaders should work with mainstream schools so that pupils with SEND receive the "
        "right help early, and fewer are suspended or excluded.",
        "Leaders should improve how young people with SEND are prepared for adulthood, so "
        "that moves between schools, colleges and adult services are planned in good time.",
    ],
    ofsted_team=["Ruth Ashdown", "Tomasz Keane", "Priya Lakhani-Webb"],
    cqc_team=["Glenys Ormerod", "Martin Fairley"],
)

DORSET_2024 = Send(
    file="dorset-send-2024.pdf",
    partnership="Dorset Local Area Partnership",
    dates="11 to 15 March 2024",
    previous="4 to 8 December 2017",
    outcome="positive",
    about=[
        "Dorset Council and NHS Dorset Integrated Care Board plan and commission services for "
        "children and young people with SEND in Dorset.",
    ],
    like=[
        "Most children and young people with SEND in Dorset have their needs identified "
        "early and receive help that makes a difference. Families speak warmly of the "
        "support they receive from staff in schools, health services and social care.",
    ],
    effective=[
        "Leaders know their area well and use what families tell them to shape services.",
    ],
    better=[
        "The quality of annual reviews of education, health and care plans varies.",
    ],
    priority_actions=[],
    improvements=[
        "Leaders should make better use of the information they hold to check the difference "
        "their work makes to children and young people with SEND.",
        "Leaders should make sure that annual reviews, particularly for young people preparing "
        "for adulthood, are as thorough as the best new plans.",
    ],
    ofsted_team=["Helena Marsh", "Obi Adeyemi"],
    cqc_team=["Frances Doyle"],
)

SAMPLES = (DERBYSHIRE_2024, DORSET_2024)


def main(argv: Sequence[str] | None = None) -> int:
    return write_samples(SAMPLES, build_send, __doc__ or "", argv)


if __name__ == "__main__":
    raise SystemExit(main())
