"""A report whose every text is hostile: rich markup, HTML and terminal control sequences,
as a damaged or crafted PDF could carry. Renderers must show it as plain, inert text."""

from __future__ import annotations

from datetime import date

from ofsted_cli.models import (
    Area,
    Body,
    Framework,
    Grade,
    Judgement,
    Priority,
    Recommendation,
    Report,
    Source,
)

AUTHORITY = "[bold]Evil[/bold] <script>alert(1)</script> & \x1b]0;title\x07Council"
LABEL = '[blink]x" onmouseover="y[/blink]\x1b[2J'
TEXT = "Stop <img src=http://x> \x1b[31m[red]now[/red]"
PATH = '/abs/dir/[red]x[/red]"<b>\x1b[2J.pdf'


def hostile_report(grade: Grade = Grade.INADEQUATE, authority: str = AUTHORITY) -> Report:
    return Report(
        source=Source(path=PATH, sha256="ab" * 32, pages=3),
        framework=Framework.ILACS,
        local_authority=authority,
        inspection_start=date(2024, 1, 8),
        inspection_end=date(2024, 1, 19),
        published=None,
        lead_inspector="[link=http://x]A[/link]",
        judgements=[Judgement(area=Area.OVERALL_EFFECTIVENESS, label=LABEL, grade=grade, page=1)],
        recommendations=[
            Recommendation(text=TEXT, body=Body.LOCAL_AUTHORITY, priority=Priority.IMPROVE, page=2)
        ],
    )
