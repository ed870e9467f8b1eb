"""Tables that fit the terminal: column widths chosen so no word is split and no border lost.

rich narrows the widest columns when a table is too wide, without regard to the longest word
in them, so it splits words ("Outsta/nding") and, past a point, pushes the right border off
the screen. Here each column gets a width between its longest word and its longest line, the
widest shrinking first; when even the longest words do not fit, the caller's next, more
compact layout is tried (:class:`Fitted`), chosen when the console's width is known.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult


def longest_word(text: str) -> int:
    """Cells taken by the longest whitespace-separated word of ``text`` (0 for none)."""
    return max((cell_len(word) for word in text.split()), default=0)


def longest_line(text: str) -> int:
    """Cells taken by the longest line of ``text``."""
    return max((cell_len(line) for line in text.split("\n")), default=0)


@dataclass(frozen=True)
class Measure:
    """What a column holds, as plain text: its header and cells. ``whole`` columns keep each
    line on one line (numbers, short marks). Columns narrow in ``order``, lowest first (prose
    before dates and grades), the widest first within an order."""

    texts: Sequence[str]
    whole: bool = False
    order: int = 0

    @property
    def minimum(self) -> int:
        measure = longest_line if self.whole else longest_word
        return max((measure(text) for text in self.texts), default=0)

    @property
    def maximum(self) -> int:
        return max((longest_line(text) for text in self.texts), default=0)


def column_widths(
    columns: Sequence[Measure], available: int, *, padding: int = 2, borders: bool = True
) -> list[int] | None:
    """Content widths for ``columns`` in a table ``available`` cells wide (each column also
    takes ``padding``, and a border stands between and around them), or None when their
    longest words cannot all fit."""
    room = available - padding * len(columns) - ((len(columns) + 1) if borders else 0)
    minimum = [max(1, c.minimum) for c in columns]
    widths = [max(m, c.maximum) for m, c in zip(minimum, columns, strict=True)]
    if sum(minimum) > room:
        return None
    while sum(widths) > room:
        # Narrow the widest column that can still give, of the first order that can.
        give = [k for k in range(len(widths)) if widths[k] > minimum[k]]
        first = min(columns[k].order for k in give)
        i = max((k for k in give if columns[k].order == first), key=widths.__getitem__)
        widths[i] -= 1
    return widths


Layout = Callable[[int], "RenderableType | None"]


class Fitted:
    """A renderable that, once the console's width is known, shows the first of its layouts
    that fits (a layout returns None when it does not); the last layout always answers."""

    def __init__(self, layouts: Iterable[Layout], last: Callable[[int], RenderableType]) -> None:
        self.layouts, self.last = list(layouts), last

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        for layout in self.layouts:
            chosen = layout(width)
            if chosen is not None:
                yield chosen
                return
        yield self.last(width)
