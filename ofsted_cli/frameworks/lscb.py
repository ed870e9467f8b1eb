"""Standalone reviews of a Local Safeguarding Children Board.

Their page 1 has the board's name, "Review of the effectiveness of the Local Safeguarding
Children Board" (without the LA inspection title), the dates and the one judgement sentence;
the layout of the rest is the LSCB part of a SIF report, so the SIF rules read it.
"""

from __future__ import annotations

from ..models import Framework, Part, Report, ReportWarning
from ..pdf import Document
from . import sif
from .common import Facts, build_report

FRAMEWORK = Framework.LSCB_REVIEW
NAME = "Review of a Local Safeguarding Children Board"
SHORT = "LSCB review"


def matches(doc: Document) -> bool:
    """An LSCB review on its own: the review title on page 1, the LA inspection title absent."""
    head = sif.title_head(doc.text(1))
    return bool(sif.LSCB_TITLE.search(head)) and not sif.LA_TITLE.search(head)


def read(doc: Document) -> Report:
    """The board's judgement, its recommendations (all addressed to the board) and the facts;
    a judgement sentence that cannot be read is a warning, the rest of the record kept."""
    page1 = sif.body_lines(doc.text(1))
    lines = sif.report_lines(doc)
    judgement = sif.lscb_judgement(lines, sif.lscb_part_start(lines))
    warnings = []
    if judgement is None:
        message = "the review's judgement sentence could not be read"
        warnings.append(ReportWarning(part=Part.JUDGEMENTS, message=message))
    start, end = sif.inspection_dates(page1)
    facts = Facts(
        local_authority=sif.title_block(page1),
        inspection_start=start,
        inspection_end=end,
        published=sif.published_date(page1),
        lead_inspector=sif.lead_inspector(line.text for line in lines),
    )
    doubts: list[str] = []
    recs = sif.find_recommendations(lines, 0, sif.LineIndents(doc), doubts)
    warnings += sif.list_warnings(doubts)
    return build_report(doc, FRAMEWORK, facts, [judgement] if judgement else [], recs, warnings)
