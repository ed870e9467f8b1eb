"""Write the offline sample reports in ``sample_reports/`` (a dev tool; the PDFs are committed).

    pip install -e '.[dev]'                 # reportlab is a dev-only dependency
    python scripts/make_samples.py          # rewrite sample_reports/*.pdf
    python scripts/make_samples.py --check  # exit 1 if the committed files are out of date

Each sample copies the *layout* of a real Ofsted report family (title block, judgement table,
"What needs to improve" / "Recommendations" / "Areas for improvement", running page numbers,
headings, indents) so the readers treat it exactly as they treat a real report. The authority,
dates and grades are the real published facts; every sentence of prose and every inspector
name is written for this project, not copied from a report. The output is byte-for-byte
reproducible (reportlab's invariant mode), so ``--check`` can run in CI.

The fonts are DejaVu Sans Condensed (close to Tahoma's widths, and it has the ◼ and ▪ bullet
glyphs Ofsted prints from Wingdings); set OFSTED_SAMPLE_FONT_DIR if they are not in a usual
place.

:func:`truncated_copy` makes the damaged-file fixture the tests use: the first half of a
sample's bytes.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "sample_reports"

PAGE_W, PAGE_H = 595.32, 841.92
FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/Library/Fonts",
    "C:/Windows/Fonts",
)
REGULAR, BOLD = "Sans", "Sans-Bold"

#: An improvement item: its text, or its text and nested sub-items.
Item = str | tuple[str, Sequence[str]]


# --------------------------------------------------------------------------------------------
# Drawing: a canvas addressed from the top of the page, as pdfplumber reports positions.
# --------------------------------------------------------------------------------------------


def _register_fonts() -> None:
    """Register the TTFs once; a missing font is a setup problem worth a clear message."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    dirs = [os.environ["OFSTED_SAMPLE_FONT_DIR"]] if "OFSTED_SAMPLE_FONT_DIR" in os.environ else []
    for folder in [*dirs, *FONT_DIRS]:
        regular = Path(folder) / "DejaVuSansCondensed.ttf"
        bold = Path(folder) / "DejaVuSansCondensed-Bold.ttf"
        if regular.is_file() and bold.is_file():
            pdfmetrics.registerFont(TTFont(REGULAR, str(regular)))
            pdfmetrics.registerFont(TTFont(BOLD, str(bold)))
            return
    sys.exit(
        "DejaVuSansCondensed.ttf not found: install fonts-dejavu or set OFSTED_SAMPLE_FONT_DIR"
    )


def width_of(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap at spaces, as a word processor lays out a paragraph."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if line and width_of(trial, font, size) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines


class Sheet:
    """A multi-page PDF written top-down.

    ``decorate(canvas, page_no)`` draws the running header, footer and page number when a page
    starts, as Word's export does (so they come first in the page's text); callables added to
    ``at_page_end`` (footnotes) are drawn after the body.
    """

    def __init__(self, title: str, decorate: Callable[[object, int], None]) -> None:
        from reportlab.pdfgen.canvas import Canvas

        _register_fonts()
        self.buffer = io.BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=(PAGE_W, PAGE_H), invariant=1)
        self.canvas.setTitle(title)
        self.canvas.setAuthor("ofsted-cli sample (not an Ofsted publication)")
        self.decorate = decorate
        self.page_no = 1
        self.at_page_end: list[Callable[[], None]] = []
        decorate(self.canvas, 1)

    def text(self, x: float, top: float, s: str, font: str = REGULAR, size: float = 12) -> None:
        """Draw ``s`` with the top of its capitals near ``top`` points from the page top."""
        self.canvas.setFont(font, size)
        self.canvas.drawString(x, PAGE_H - top - size * 0.76, s)

    def lines(
        self,
        x: float,
        top: float,
        text: str,
        width: float,
        font: str = REGULAR,
        size: float = 12,
        leading: float = 14.5,
    ) -> float:
        """A wrapped paragraph; returns the top of the line after it."""
        for line in wrap(text, font, size, width):
            self.text(x, top, line, font, size)
            top += leading
        return top

    def rule(self, x0: float, top: float, x1: float, bottom: float, weight: float = 0.5) -> None:
        """A ruled box edge or line (Word exports these as thin filled rectangles)."""
        self.canvas.rect(x0, PAGE_H - bottom, x1 - x0, max(bottom - top, weight), 0, 1)

    def box(self, x0: float, top: float, x1: float, bottom: float) -> None:
        self.canvas.setLineWidth(0.5)
        self.canvas.rect(x0, PAGE_H - bottom, x1 - x0, bottom - top, 1, 0)

    def _end_page(self) -> None:
        for draw in self.at_page_end:
            draw()
        self.at_page_end.clear()
        self.canvas.showPage()

    def next_page(self) -> None:
        self._end_page()
        self.page_no += 1
        self.decorate(self.canvas, self.page_no)

    def finish(self) -> bytes:
        self._end_page()
        self.canvas.save()
        return self.buffer.getvalue()


def _page_number_bottom_right(sheet_canvas: object, page_no: int, footer: Sequence[str]) -> None:
    """ILACS and SIF: a rule and a large page number at the foot, with an optional footer."""
    c = sheet_canvas
    c.setLineWidth(0.3)  # type: ignore[attr-defined]
    c.line(72, PAGE_H - 792.3, 523.1, PAGE_H - 792.3)  # type: ignore[attr-defined]
    c.setFont(REGULAR, 16)  # type: ignore[attr-defined]
    c.drawRightString(524.2, PAGE_H - 810, str(page_no))  # type: ignore[attr-defined]
    c.setFont(BOLD, 8)  # type: ignore[attr-defined]
    for i, line in enumerate(footer if page_no > 1 else ()):
        c.drawString(70.9, PAGE_H - 802 - 9.6 * i, line)  # type: ignore[attr-defined]


# --------------------------------------------------------------------------------------------
# Shared body blocks
# --------------------------------------------------------------------------------------------


@dataclass
class Flow:
    """Top-down text flow over pages of a Sheet, breaking pages at ``bottom``."""

    sheet: Sheet
    left: float
    right: float
    top: float = 90.0
    bottom: float = 760.0
    page_top: float = 90.0
    page_bottom: float = 760.0

    def need(self, height: float) -> None:
        if self.top + height > self.bottom:
            self.sheet.next_page()
            self.top = self.page_top
            self.bottom = self.page_bottom

    def heading(self, text: str, size: float = 14, gap_after: float = 14) -> None:
        lines = wrap(text, BOLD, size, self.right - self.left)
        self.need(len(lines) * (size + 3) + 40)
        for line in lines:
            self.sheet.text(self.left, self.top, line, BOLD, size)
            self.top += size + 3
        self.top += gap_after

    def para(self, text: str, indent: float = 0.0, size: float = 12, after: float = 12) -> None:
        lines = wrap(text, REGULAR, size, self.right - self.left - indent)
        for line in lines:
            self.need(14.5)
            self.sheet.text(self.left + indent, self.top, line, REGULAR, size)
            self.top += 14.5
        self.top += after

    def numbered(self, number: str, text: str, hang: float, size: float = 12) -> None:
        """A numbered paragraph: the number at the margin, the text hanging at ``hang``."""
        lines = wrap(text, REGULAR, size, self.right - self.left - hang)
        for i, line in enumerate(lines):
            self.need(14.5)
            if i == 0:
                self.sheet.text(self.left, self.top, number, REGULAR, size)
            self.sheet.text(self.left + hang, self.top, line, REGULAR, size)
            self.top += 14.5
        self.top += 14

    def bullet(
        self,
        glyph: str,
        text: str,
        indent: float,
        hang: float,
        subs: Sequence[str] = (),
        after: float = 12,
    ) -> None:
        """A bulleted item; sub-items are printed '- ' bullets indented under it."""
        lines = wrap(text, REGULAR, 12, self.right - self.left - indent - hang)
        for i, line in enumerate(lines):
            self.need(14.5)
            if i == 0:
                self.sheet.text(self.left + indent, self.top, glyph, REGULAR, 12)
            self.sheet.text(self.left + indent + hang, self.top, line, REGULAR, 12)
            self.top += 14.5
        for sub in subs:
            self.top += 6
            sub_lines = wrap(sub, REGULAR, 12, self.right - self.left - indent - 2 * hang)
            for i, line in enumerate(sub_lines):
                self.need(14.5)
                if i == 0:
                    self.sheet.text(self.left + indent + hang, self.top, "-", REGULAR, 12)
                self.sheet.text(self.left + indent + 2 * hang, self.top, line, REGULAR, 12)
                self.top += 14.5
        self.top += after


def footnote(sheet: Sheet, left: float, text: str) -> float:
    """Footnote 1 at the foot of the current page (drawn when the page ends, so it follows the
    body in the page's text); returns the top of the footnote area, where body text stops."""
    lines = wrap(text, REGULAR, 10, 445)
    first = 780.0 - 12.1 * len(lines)

    def draw() -> None:
        sheet.canvas.setLineWidth(0.5)
        sheet.canvas.line(left, PAGE_H - (first - 6), left + 144, PAGE_H - (first - 6))
        sheet.text(left, first - 1, "1", REGULAR, 6.5)
        for i, line in enumerate(lines):
            sheet.text(left + 6.6, first + 12.1 * i, line, REGULAR, 10)

    sheet.at_page_end.append(draw)
    return first - 16


def judgement_table(
    sheet: Sheet,
    top: float,
    x0: float,
    split: float,
    x1: float,
    rows: Sequence[tuple[str, str]],
    *,
    header: bool = True,
    label_font: str = REGULAR,
    min_row: float = 43.0,
    grade_valign: str = "middle",
) -> float:
    """Ofsted's two-column "Judgement | Grade" table: labels and grades wrap inside their
    cells; a grade sits vertically centred against its label (2018-2022) or level with its
    first line (2023 on). Returns the table's bottom."""
    pad = 6.8
    lead = 14.5
    all_rows = [("Judgement", "Grade")] if header else []
    all_rows += list(rows)
    for i, (label, grade) in enumerate(all_rows):
        is_header = header and i == 0
        font = BOLD if is_header else label_font
        label_lines = wrap(label, font, 12, split - x0 - 2 * pad)
        grade_lines = wrap(grade, BOLD if is_header else REGULAR, 12, x1 - split - pad - 3)
        height = max(min_row, max(len(label_lines), len(grade_lines)) * lead + 14)
        sheet.box(x0, top, split, top + height)
        sheet.box(split, top, x1, top + height)
        label_top = top + (height - len(label_lines) * lead) / 2 + 2
        grade_top = top + (height - len(grade_lines) * lead) / 2 + 2
        if grade_valign == "top" and not is_header:
            grade_top = label_top
        for j, line in enumerate(label_lines):
            sheet.text(x0 + pad, label_top + j * lead, line, font, 12)
        for j, line in enumerate(grade_lines):
            sheet.text(split + pad, grade_top + j * lead, line, BOLD if is_header else REGULAR, 12)
        top += height
    return top


# --------------------------------------------------------------------------------------------
# The four layouts
# --------------------------------------------------------------------------------------------


@dataclass
class Ilacs:
    """An ILACS report: 2018-2022 ("Inspection of children's social care services", the
    authority's name as the big title) or 2023 on ("Inspection of X local authority children's
    services", care leavers judged in their own row, a footer on every page)."""

    file: str
    style: str  # "2018" or "2023"
    authority: str
    dates: str
    lead: str
    inspector_title: str
    rows: Sequence[tuple[str, str]]
    summary: Sequence[str]
    improvements: Sequence[Item]
    sections: Sequence[tuple[str, Sequence[str]]]
    footnote: str = ""


@dataclass
class Sif:
    """A single inspection framework report with its LSCB review, 2013-2018."""

    file: str
    authority: str
    dates: str
    published: str
    headline: str
    rows: Sequence[tuple[str, str, int]]  # label, grade, level (0 = numbered, 1 = sub-row)
    summary: Sequence[str]
    recommendations: Sequence[str]
    lscb_grade_sentence: str
    lscb_summary: Sequence[str]
    lscb_findings: Sequence[str]
    team: Sequence[tuple[str, str]]


@dataclass
class Lac:
    """An inspection of looked after children services, 2012-13."""

    file: str
    authority: str
    short_name: str
    dates: str
    lead: str
    published: str
    sections: Sequence[tuple[str, str, Sequence[str]]]  # heading, "Grade N (X)", paragraphs
    improvements_after: int  # the section index the "Areas for improvement" follow
    intro: str
    groups: Sequence[tuple[str, Sequence[str]]]
    table: Sequence[tuple[str, str]]
    extra: dict[str, str] = field(default_factory=dict)


def build_ilacs(spec: Ilacs) -> bytes:
    footer = ()
    if spec.style == "2023":
        footer = (f"Inspection of {spec.authority} local authority children’s services", spec.dates)
    sheet = Sheet(
        f"{spec.authority}: inspection of children’s services (sample)",
        lambda c, n: _page_number_bottom_right(c, n, footer),
    )
    if spec.style == "2018":
        left, cell_x0, split, cell_x1 = 72.0, 72.0, 388.0, 523.0
        sheet.text(left, 110, spec.authority, REGULAR, 24)
        sheet.text(left, 160, "Inspection of children’s social care services", BOLD, 16)
        sheet.text(left, 193, f"Inspection dates: {spec.dates}", BOLD, 12)
        label = "Lead inspector: "
        sheet.text(left, 222, f"{label}{spec.lead}", BOLD, 12)
        sheet.text(left + width_of(label, BOLD, 12), 236.5, spec.inspector_title, BOLD, 12)
        top = 263.0
    else:
        left, cell_x0, split, cell_x1 = 70.9, 70.9, 297.5, 524.0
        title = f"Inspection of {spec.authority} local authority children’s services"
        top = 126.0
        for line in wrap(title, REGULAR, 24, 440):
            sheet.text(left, top, line, REGULAR, 24)
            top += 31.4
        sheet.text(left, 201, "Inspection dates: ", BOLD, 12)
        sheet.text(left + width_of("Inspection dates: ", BOLD, 12), 201, spec.dates)
        sheet.text(left, 227, "Lead inspector: ", BOLD, 12)
        sheet.text(
            left + width_of("Lead inspector: ", BOLD, 12),
            227,
            f"{spec.lead}, {spec.inspector_title}",
        )
        top = 251.0
    valign = "middle" if spec.style == "2018" else "top"
    bottom = judgement_table(
        sheet, top, cell_x0, split, cell_x1, spec.rows, grade_valign=valign, min_row=38.5
    )
    flow = Flow(sheet, left, 524.0, top=bottom + 20)
    for text in spec.summary:
        flow.para(text)
    sheet.next_page()
    flow.top = flow.page_top
    heading = "What needs to improve" if spec.style == "2018" else "What needs to improve?"
    sheet.text(left, flow.top, heading, BOLD, 14)
    if spec.footnote:
        sheet.text(left + width_of(heading, BOLD, 14) + 0.5, flow.top - 1.5, "1", BOLD, 9)
        flow.bottom = footnote(sheet, left, spec.footnote)
    flow.top += 30
    hang = 14.2 if spec.style == "2018" else 17.9
    for item in spec.improvements:
        text, subs = (item, ()) if isinstance(item, str) else item
        flow.bullet("◼", text, 0, hang, subs, after=14)
    flow.top += 4
    number = 0
    for heading_text, paragraphs in spec.sections:
        flow.heading(heading_text)
        for text in paragraphs:
            number += 1
            flow.numbered(f"{number}.", text, 36.0 if spec.style == "2018" else 28.4)
    return sheet.finish()


def build_sif(spec: Sif) -> bytes:
    sheet = Sheet(
        f"{spec.authority}: inspection and LSCB review (sample)",
        lambda c, n: _page_number_bottom_right(c, n, ()),
    )
    left = 70.9
    sheet.text(left, 92, spec.authority, REGULAR, 24)
    top = 128.0
    for line in wrap(
        "Inspection of services for children in need of help and protection, children looked "
        "after and care leavers",
        BOLD,
        14,
        400,
    ):
        sheet.text(left, top, line, BOLD, 14)
        top += 17
    sheet.text(left, top + 6, "and", REGULAR, 14)
    top += 29
    review = "Review of the effectiveness of the Local Safeguarding Children Board"
    lines = wrap(review, BOLD, 14, 445)
    for line in lines:
        sheet.text(left, top, line, BOLD, 14)
        top += 17
    sheet.text(left + width_of(lines[-1], BOLD, 14) + 0.5, top - 18.5, "1", BOLD, 9)
    sheet.text(left, top + 8, f"Inspection date: {spec.dates}", REGULAR, 14)
    sheet.text(left, top + 31, f"Report published: {spec.published}", REGULAR, 14)
    top += 78
    x0, split, x1 = 70.9, 388.5, 535.2
    head_h = 29.0
    sheet.box(x0, top, x1, top + head_h)
    sheet.text(x0 + 5.7, top + 9, spec.headline, BOLD, 13)
    top += head_h
    for label, grade, level in spec.rows:
        indent = 5.7 if level == 0 else 53.6
        font = BOLD if level == 0 else REGULAR
        number, _, words = label.partition(" ")
        num_w = 18.0 if level == 0 else 31.0
        lines = wrap(words, font, 12, split - x0 - indent - num_w - 6)
        height = max(27.0, len(lines) * 14.5 + 12)
        sheet.box(x0, top, split, top + height)
        sheet.box(split, top, x1, top + height)
        line_top = top + (height - len(lines) * 14.5) / 2 + 2
        sheet.text(x0 + indent, line_top, number, font, 12)
        for j, line in enumerate(lines):
            sheet.text(x0 + indent + num_w, line_top + j * 14.5, line, font, 12)
        sheet.text(split + 5.6, top + (height - 14.5) / 2 + 2, grade, REGULAR, 12)
        top += height
    sheet.canvas.setLineWidth(0.5)
    sheet.canvas.line(left, PAGE_H - 716, left + 144, PAGE_H - 716)
    note_top = 722.0
    sheet.text(left, note_top - 1, "1", REGULAR, 6.5)
    for line in wrap(
        "Ofsted publishes this report under its power to combine reports in section 152 of the "
        "Education and Inspections Act 2006; it combines the inspection of the local "
        "authority’s functions and the review of the Local Safeguarding Children Board.",
        REGULAR,
        10,
        445,
    ):
        sheet.text(left + 6.6, note_top, line, REGULAR, 10)
        note_top += 12.1
    sheet.next_page()

    flow = Flow(sheet, 76.6, 528.0)
    flow.heading("Executive summary", gap_after=12)
    for text in spec.summary:
        flow.para(text)
    flow.left = 70.9
    flow.top += 10
    flow.heading("Recommendations", gap_after=12)
    for i, text in enumerate(spec.recommendations, start=1):
        flow.numbered(f"{i}.", text, 36.0)
    sheet.next_page()

    flow.top = flow.page_top
    flow.heading("The Local Safeguarding Children Board (LSCB)", gap_after=14)
    sheet.box(70.9, flow.top - 8, 535.2, flow.top + 22)
    sheet.text(76.6, flow.top, spec.lscb_grade_sentence, BOLD, 13)
    flow.top += 48
    flow.left = 76.6
    flow.heading("Executive summary", gap_after=12)
    for text in spec.lscb_summary:
        flow.para(text)
    flow.top += 8
    flow.heading("Inspection findings – the Local Safeguarding Children Board", gap_after=12)
    first = len(spec.recommendations) + 1
    for i, text in enumerate(spec.lscb_findings, start=first):
        flow.numbered(f"{i}.", text, 36.0)
    sheet.next_page()

    flow.top = flow.page_top
    flow.left = 70.9
    flow.heading("Information about this inspection", gap_after=12)
    flow.para(
        "Inspectors looked at the experiences of children and young people who need help or "
        "protection, children looked after and care leavers. They read case records, watched "
        "staff at work, talked with children, families and staff, and tested what the local "
        "authority knows about its own performance."
    )
    flow.para(
        "The inspection of the local authority was carried out under section 136 of the "
        "Education and Inspections Act 2006. The review of the Local Safeguarding Children "
        "Board was carried out under section 15A of the Children Act 2004."
    )
    flow.heading("The inspection team", size=12, gap_after=8)
    for role, names in spec.team:
        flow.para(f"{role}: {names}", after=2)
    return sheet.finish()


def build_lac(spec: Lac) -> bytes:
    def decorate(c: object, page_no: int) -> None:
        if page_no == 1:
            return
        c.setFont(BOLD, 8)  # type: ignore[attr-defined]
        c.drawString(  # type: ignore[attr-defined]
            85.1,
            PAGE_H - 44,
            f"{spec.short_name} Inspection of looked after children services",
        )
        c.drawRightString(510.8, PAGE_H - 44, str(page_no - 1))  # type: ignore[attr-defined]
        c.setLineWidth(1)  # type: ignore[attr-defined]
        c.line(83.7, PAGE_H - 50.5, 511.8, PAGE_H - 50.5)  # type: ignore[attr-defined]

    sheet = Sheet(f"{spec.authority}: looked after children services (sample)", decorate)
    left = 85.1
    sheet.text(left, 146, "Inspection of looked after children", REGULAR, 24)
    sheet.text(left, 177, "services", REGULAR, 24)
    sheet.text(left, 212, spec.authority, REGULAR, 17)
    sheet.text(left, 546, f"Inspection dates: {spec.dates}", BOLD, 10)
    sheet.text(left, 562, f"Reporting inspector {spec.lead} HMI", BOLD, 10)
    sheet.text(left, 698, "Age group: All", BOLD, 10)
    sheet.text(left, 711, f"Published: {spec.published}", BOLD, 10)
    sheet.next_page()

    flow = Flow(sheet, left, 511.0, top=76.0, page_top=76.0, bottom=770.0, page_bottom=770.0)
    number = 0
    for index, (heading, grade, paragraphs) in enumerate(spec.sections):
        flow.heading(heading, gap_after=12)
        sheet.text(left, flow.top, grade, BOLD, 12)
        flow.top += 28
        for text in paragraphs:
            number += 1
            flow.numbered(f"{number}.", text, 28.3)
        if index == spec.improvements_after:
            flow.top += 12
            flow.heading("Areas for improvement", gap_after=14)
            number += 1
            flow.numbered(f"{number}.", spec.intro, 28.3)
            for when, items in spec.groups:
                flow.need(60)
                sheet.text(left + 28.3, flow.top, when, REGULAR, 12)
                flow.top += 26
                for text in items:
                    flow.bullet("▪", text, 36.0, 14.2, after=12)
            flow.top += 14
    sheet.next_page()

    sheet.text(left, 78, "Record of main findings", BOLD, 18)
    sheet.text(left, 112, "Services for looked after children", BOLD, 14)
    top = 142.5
    for label, grade in spec.table:
        lines = wrap(label, BOLD, 11, 318.8 - 90.5 - 6)
        height = 25.8 if len(lines) == 1 else 38.6
        sheet.box(85.1, top, 319.0, top + height)
        sheet.box(319.0, top, 510.5, top + height)
        for j, line in enumerate(lines):
            sheet.text(90.5, top + 8.5 + j * 13.2, line, BOLD, 11)
        sheet.text(391.8, top + 8.5, grade, REGULAR, 11)
        top += height
    return sheet.finish()


# --------------------------------------------------------------------------------------------
# The samples: real published grades, dates and authorities; prose and names written here.
# --------------------------------------------------------------------------------------------

LEADERS = "The impact of leaders on social work practice with children and families"
HELP = "The experiences and progress of children who need help and protection"
CARE_2018 = "The experiences and progress of children in care and care leavers"
CARE_2023 = "The experiences and progress of children in care"
LEAVERS_2023 = "The experiences and progress of care leavers"
RI = "Requires improvement to be good"

BARNET_2019 = Ilacs(
    file="barnet-2019.pdf",
    style="2018",
    authority="London Borough of Barnet",
    dates="13 May to 24 May 2019",
    lead="Miriam Holloway",
    inspector_title="Her Majesty’s Inspector",
    rows=[
        (LEADERS, "Good"),
        (HELP, "Good"),
        (CARE_2018, "Good"),
        ("Overall effectiveness", "Good"),
    ],
    summary=[
        "This is a sample document made for testing software. It follows the layout of an "
        "Ofsted inspection report; the grades and dates are those Ofsted published, and the "
        "wording is the project’s own.",
        "Barnet’s services for children have improved a great deal since they were judged "
        "inadequate in 2017 and are now good. Leaders have built a service that keeps children "
        "at its centre and checks its own practice closely.",
        "Families who need early help get it quickly, and children who need protection are "
        "seen and helped without delay. Children in care live in stable homes, and most care "
        "leavers have somewhere suitable to live and someone to turn to.",
    ],
    improvements=[
        "Making sure that actions agreed at the vulnerable adolescents at risk panel (VARP) and "
        "at exploitation strategy meetings are carried into children’s child in need and child "
        "protection plans.",
        "Refreshing the assessments of children in care whenever their circumstances change.",
        "Bringing the actions agreed at multi-agency risk assessment conferences (MARACs) into "
        "child in need and child protection plans.",
        "Telling children in care about advocacy and helping them to use it.",
    ],
    sections=[
        (
            f"{HELP}: Good",
            [
                "Early help is offered through well-run local hubs, and families say it makes "
                "a difference. Workers listen to parents and children before deciding what "
                "help to offer.",
                "Referrals to the front door are handled promptly. Managers record why they "
                "make each decision, and consent is sought or set aside for clear reasons.",
                "Strategy discussions happen when they should and bring the right agencies "
                "together. Most assessments are thorough and give a clear picture of risk.",
            ],
        ),
        (
            f"{CARE_2018}: Good",
            [
                "Social workers know the children they work with and visit them often. Most "
                "children live with carers who understand them and expect them to do well.",
                "Care leavers keep in touch with their personal advisers, and most are in "
                "education, training or work.",
            ],
        ),
        (
            f"{LEADERS}: Good",
            [
                "Senior leaders, councillors and partners share a clear plan for the service "
                "and keep it under regular review. Staff say they feel supported and that "
                "their caseloads let them do their job well.",
            ],
        ),
    ],
)

KIRKLEES_2019 = Ilacs(
    file="kirklees-2019.pdf",
    style="2018",
    authority="Kirklees Metropolitan Borough Council",
    dates="10 June 2019 to 21 June 2019",
    lead="Owen Radcliffe",
    inspector_title="Her Majesty’s Inspector",
    rows=[(LEADERS, RI), (HELP, RI), (CARE_2018, RI), ("Overall effectiveness", RI)],
    summary=[
        "This is a sample document made for testing software. It follows the layout of an "
        "Ofsted inspection report; the grades and dates are those Ofsted published, and the "
        "wording is the project’s own.",
        "Services in Kirklees were judged inadequate in 2016. They have improved since then, "
        "but not yet enough to be good: the quality of practice still varies too much from "
        "one team to another.",
    ],
    improvements=[
        "How well assessments, records and child protection enquiries are written, so that "
        "children get help as early as possible.",
        "Plans for children that say who will do what, by when, and what will happen if "
        "things do not change.",
        "Return home interviews for every child who goes missing, and the use of what they "
        "tell the service.",
        "Regular, reflective supervision that challenges weaker practice.",
    ],
    sections=[
        (
            f"{HELP}: {RI}",
            [
                "Most children referred to the service get a timely response, but the quality "
                "of assessments is uneven and some children wait too long for help.",
                "Plans are not always specific enough for families to know what is expected "
                "of them.",
            ],
        ),
    ],
)

MERTON_2025 = Ilacs(
    file="merton-2025.pdf",
    style="2023",
    authority="Merton",
    dates="14 to 18 July 2025",
    lead="Gareth Penrose",
    inspector_title="His Majesty’s Inspector",
    rows=[
        (LEADERS, "Outstanding"),
        (HELP, "Good"),
        (CARE_2023, "Outstanding"),
        (LEAVERS_2023, "Outstanding"),
        ("Overall effectiveness", "Outstanding"),
    ],
    summary=[
        "This is a sample document made for testing software. It follows the layout of an "
        "Ofsted inspection report; the grades and dates are those Ofsted published, and the "
        "wording is the project’s own.",
        "Merton has kept the very high standard it reached at its last inspection. Leaders "
        "know their service in detail, listen to children and young people, and act quickly "
        "when they find something that could be better.",
    ],
    improvements=[
        "Escalation and action for the small number of children whose circumstances are not "
        "getting better quickly enough. (Outcome Three, National Framework)",
        (
            "The service for 16- and 17-year-olds who present as homeless, in particular:",
            [
                "how well their needs are assessed;",
                "the support they are given. (Outcome Three, National Framework)",
            ],
        ),
    ],
    sections=[
        (
            f"{HELP}: good",
            [
                "Families can get early help easily, and it is well matched to what they need. "
                "When help ends, the reasons are clear to families and to the professionals "
                "who know them.",
                "Social workers in the front door respond quickly and in proportion to the "
                "risks, and they make sure that children’s own views are heard.",
            ],
        ),
        (
            f"{CARE_2023}: outstanding",
            [
                "Children come into care when they need to, and their plans for a permanent "
                "home are made early and reviewed often.",
            ],
        ),
    ],
    footnote="The areas for improvement are linked to the outcomes, enablers or principles of "
    "the Children’s Social Care: National Framework.",
)

MERTON_2017 = Sif(
    file="merton-2017.pdf",
    authority="London Borough of Merton Council",
    dates="12 June 2017 to 6 July 2017",
    published="25 August 2017",
    headline="Children’s services in the London Borough of Merton are good.",
    rows=[
        ("1. Children who need help and protection", "Good", 0),
        ("2. Children looked after and achieving permanence", "Good", 0),
        ("2.1 Adoption performance", "Outstanding", 1),
        ("2.2 Experiences and progress of care leavers", "Good", 1),
        ("3. Leadership, management and governance", "Outstanding", 0),
    ],
    summary=[
        "This is a sample document made for testing software. It follows the layout of an "
        "Ofsted inspection report; the grades and dates are those Ofsted published, and the "
        "wording is the project’s own.",
        "Children in Merton are well served by a confident, ambitious council. Leadership and "
        "governance are exceptional, and frontline managers keep practice consistently good.",
        "Adoption is a particular strength: children who need adoptive families find them "
        "quickly, and families are well supported afterwards.",
    ],
    recommendations=[
        "Make sure that every plan for a child, whether a child in need, child protection, "
        "care or pathway plan, sets out specific actions, realistic timescales and outcomes "
        "that can be measured.",
        "Offer a return home interview after every episode of a child going missing from home "
        "or care, and use what is learned to understand and reduce the risks to each child.",
        "Give every care leaver who would benefit from it the chance to stay put with their "
        "foster carers.",
        "Provide all former relevant care leavers with a record of their health histories.",
    ],
    lscb_grade_sentence="The Local Safeguarding Children Board is outstanding",
    lscb_summary=[
        "Merton’s safeguarding board holds its partners firmly to account. Its priorities "
        "come from a close reading of local need, and its audits and training are used to "
        "improve frontline practice. There are no recommendations for the board.",
    ],
    lscb_findings=[
        "The board is well led by its independent chair and well attended by senior people "
        "from every partner agency, who carry its messages back to their own organisations.",
    ],
    team=[
        ("Lead inspector", "Philippa Marsh"),
        ("Deputy lead inspector", "Daniel Okafor"),
        ("Team inspectors", "Ruth Ellery, Simon Achebe, Karen Doyle"),
        ("Senior data analyst", "Ian Fairbairn"),
    ],
)

KENT_2013 = Lac(
    file="kent-2013.pdf",
    authority="Kent County Council",
    short_name="Kent County Council",
    dates="15 – 19 July 2013",
    lead="Catherine Mowbray",
    published="23 August 2013",
    sections=[
        (
            "Overall effectiveness of services for looked after children and young people",
            "Grade 3 (Adequate)",
            [
                "This is a sample document made for testing software. It follows the layout "
                "of an Ofsted inspection report; the grades and dates are those Ofsted "
                "published, and the wording is the project’s own.",
                "Services for looked after children and young people in Kent are adequate. "
                "The council has made real progress since its services were found inadequate, "
                "but the quality of practice is still too variable.",
            ],
        ),
        (
            "Capacity to improve",
            "Grade 2 (Good)",
            [
                "The council’s capacity to improve is good. Councillors and senior managers "
                "understand what needs to change and have put money and people behind it.",
            ],
        ),
        (
            "Outcomes for looked after children and young people",
            "Grade 3 (Adequate)",
            [
                "Most children are healthy and safe, and more of them are doing well at "
                "school, but some still wait too long for mental health services.",
            ],
        ),
    ],
    improvements_after=1,
    intro="In order to improve the quality of provision and services for looked after "
    "children and young people in Kent, the local authority should take the following action.",
    groups=[
        (
            "Immediately:",
            [
                "strengthen managers’ supervision and oversight of casework",
                "raise the quality of assessments and care plans so that help is well targeted",
                "make sure that children’s views shape their care plans and the services they "
                "receive.",
            ],
        ),
        (
            "Within three months:",
            [
                "involve looked after children more in their personal education plans and "
                "pathway plans",
                "make sure that children and young people up to the age of 18 can get timely "
                "help from the child and adolescent mental health service",
                "assess the risks of any bed and breakfast accommodation used for young people",
                "speed up care proceedings.",
            ],
        ),
        (
            "Within six months:",
            [
                "increase the choice of placements so that children can be matched with "
                "carers who meet their needs",
                "make sure that there is enough suitable accommodation for care leavers.",
            ],
        ),
    ],
    table=[
        ("Overall effectiveness", "Adequate"),
        ("Capacity to improve", "Good"),
        ("Outcomes for looked after children and young people", "Adequate"),
        ("Quality of provision", "Adequate"),
        ("Leadership and management", "Adequate"),
    ],
)

SAMPLES: tuple[Ilacs | Sif | Lac, ...] = (
    BARNET_2019,
    KIRKLEES_2019,
    MERTON_2025,
    MERTON_2017,
    KENT_2013,
)


def build(spec: Ilacs | Sif | Lac) -> bytes:
    if isinstance(spec, Ilacs):
        return build_ilacs(spec)
    if isinstance(spec, Sif):
        return build_sif(spec)
    return build_lac(spec)


def truncated_copy(source: Path, target: Path) -> Path:
    """The first half of ``source``'s bytes: a PDF cut off mid-download, for error tests."""
    data = source.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    return target


def main(argv: Sequence[str] | None = None) -> int:
    return write_samples(SAMPLES, build, __doc__ or "", argv)


def write_samples(
    specs: Sequence[Any], make: Callable[[Any], bytes], doc: str, argv: Sequence[str] | None
) -> int:
    """Write each spec's PDF (``make(spec)``) to its ``spec.file``, or with ``--check`` exit 1
    when a committed file differs; shared by the sample scripts."""
    ap = argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--check", action="store_true", help="compare with the committed files")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    args = ap.parse_args(argv)
    stale = []
    args.out.mkdir(parents=True, exist_ok=True)
    for spec in specs:
        data = make(spec)
        path = args.out / spec.file
        if args.check:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(spec.file)
            continue
        path.write_bytes(data)
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {len(data)} bytes")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
