"""A real report seen through edits, for the perturbation suite.

:class:`PerturbedDocument` is a :class:`~ofsted_cli.pdf.Document` of a real PDF whose page
texts and positioned words, as the readers and the self-checks get them, are edited copies:
pages cut, lines re-wrapped, rows moved, wording changed. The edits are pure functions on page
text or on word lists, so each variant says exactly what it changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from ofsted_cli.models import Report
from ofsted_cli.parser import read_document
from ofsted_cli.pdf import Document, Word, group_lines

TextEdit = Callable[[str], str]
WordEdit = Callable[[list[Word]], list[Word]]


class PerturbedDocument(Document):
    """A PDF whose pages are ``keep`` (original 1-based numbers, in order; default all), with
    ``texts[n]`` applied to page n's text and ``words[n]`` to its words (new numbering); the
    key 0 applies an edit to every page."""

    def __init__(
        self,
        path: str | Path,
        *,
        keep: Sequence[int] | None = None,
        texts: dict[int, TextEdit] | None = None,
        words: dict[int, WordEdit] | None = None,
    ) -> None:
        super().__init__(path)
        self._keep = list(keep) if keep is not None else list(range(1, self.page_count + 1))
        self.page_count = len(self._keep)
        self._text_edits = texts or {}
        self._word_edits = words or {}

    def text(self, page_no: int) -> str:
        out = super().text(self._keep[page_no - 1])
        for key in (0, page_no):
            if key in self._text_edits:
                out = self._text_edits[key](out)
        return out

    def words(self, page_no: int) -> list[Word]:
        out = list(super().words(self._keep[page_no - 1]))
        for key in (0, page_no):
            if key in self._word_edits:
                out = self._word_edits[key](out)
        return out


def read(path: str | Path, **edits: object) -> Report:
    """The record of ``path`` seen through ``edits`` (see :class:`PerturbedDocument`)."""
    with PerturbedDocument(path, **edits) as doc:  # type: ignore[arg-type]
        return read_document(doc)


# --------------------------------------------------------------------------- text edits

#: Lines longer than this (body text, not titles or labelled fields) are split by
#: :func:`rewrap_narrow`.
NARROW = 60


def rewrap_narrow(text: str) -> str:
    """Every line longer than :data:`NARROW` characters split at a space before a lower-case
    word near its middle, as a narrower column would wrap it."""
    out: list[str] = []
    for line in text.split("\n"):
        cut = _split_point(line) if len(line.rstrip()) > NARROW else None
        out.extend([line] if cut is None else [line[:cut].rstrip(), line[cut:].lstrip()])
    return "\n".join(out)


def _split_point(line: str) -> int | None:
    """A space nearest the middle that is followed by a lower-case word and not preceded by a
    hyphen or a marker: wrapping there changes no word and starts no new item."""
    middle = len(line) // 2
    spaces = [
        m.start()
        for m in re.finditer(r" (?=[a-z])", line)
        if not line[: m.start()].endswith("-") and re.search(r"[a-z,]$", line[: m.start()])
    ]
    return min(spaces, key=lambda i: abs(i - middle)) if spaces else None


def rewrap_wide(text: str) -> str:
    """Every line that starts with a lower-case word joined to the line before it (when that
    ends in a letter or comma), as a wider column would print them."""
    out: list[str] = []
    for line in text.split("\n"):
        if out and re.match(r"[a-z]", line) and re.search(r"[a-z,]$", out[-1].rstrip()):
            out[-1] = f"{out[-1].rstrip()} {line}"
        else:
            out.append(line)
    return "\n".join(out)


def replace(old: str, new: str, count: int = 1) -> TextEdit:
    """An edit that replaces ``old`` (a regular expression) with ``new``; it must occur."""

    def edit(text: str) -> str:
        out, n = re.subn(old, new, text, count=count)
        return out if n else text

    return edit


def must_replace(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` (a regular expression) replaced once; fails when it is absent."""
    out, n = re.subn(old, new, text, count=1)
    assert n == 1, f"{old!r} not in the page text"
    return out


# --------------------------------------------------------------------------- word edits


def move_line_to_top(first_word: str, below: str) -> WordEdit:
    """Move the printed line that starts with ``first_word`` up to where the first line after
    the line holding ``below`` is printed, pushing the lines in between down by its height:
    a table row printed in another place in the table."""

    def edit(words: list[Word]) -> list[Word]:
        lines = group_lines(words)
        head = next(i for i, line in enumerate(lines) if below in line.text)
        row = next(i for i, line in enumerate(lines) if line.text.startswith(first_word))
        assert head < row, "the row must be below the heading"
        target = lines[head + 1].top
        pitch = lines[row].top - lines[row - 1].top
        moved = {id(w) for w in lines[row].words}
        between = {id(w) for line in lines[head + 1 : row] for w in line.words}
        out = []
        for w in words:
            if id(w) in moved:
                shift = target - lines[row].top
            elif id(w) in between:
                shift = pitch
            else:
                shift = 0.0
            out.append(Word(w.text, w.x0, w.x1, w.top + shift, w.bottom + shift))
        return out

    return edit


def drop_lines(*starts: str) -> WordEdit:
    """Remove the printed lines that start with any of ``starts`` (a table row dropped)."""

    def edit(words: list[Word]) -> list[Word]:
        gone = {
            id(w) for line in group_lines(words) if line.text.startswith(starts) for w in line.words
        }
        assert gone, f"no printed line starts with any of {starts}"
        return [w for w in words if id(w) not in gone]

    return edit
