"""Text from PDFs and file names is data: never markup, never terminal control.

Every string that came from a document or a path goes through :func:`inert` before it reaches
a terminal line, and through :func:`for_rich` before it reaches a rich renderable built from
markup. (``rich.text.Text`` objects are not parsed as markup, but control characters in them
still reach the terminal.)
"""

from __future__ import annotations

import re

#: C0 controls but tab, DEL, and C1 controls (ESC sequences, CSI, bell, backspace, newline).
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def inert(text: str) -> str:
    """``text`` with every control character shown as a visible escape (``\\x1b``, ``\\n``),
    so it stays on one line and cannot move the cursor, clear the screen or ring a bell."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def for_rich(text: str) -> str:
    """``text`` made inert and escaped for rich markup (``[bold]`` prints as typed)."""
    from rich.markup import escape

    return escape(inert(text))
