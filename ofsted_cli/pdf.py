"""Everything that touches a PDF library lives here.

pypdfium2 reads every page's text (fast: ~1 ms a page), so readers can find the pages that
matter; pdfplumber is opened lazily and only for pages that need word positions (tables).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from .errors import (
    CorruptPDFError,
    EmptyFileError,
    EncryptedPDFError,
    InputNotFoundError,
    NotAPDFError,
)

#: Word-grouping settings passed to pdfplumber's ``extract_words``; documented defaults.
WORD_SETTINGS: dict[str, Any] = {"x_tolerance": 1.5, "y_tolerance": 3, "keep_blank_chars": False}

#: How far apart (points) two words' tops may be and still sit on one line.
LINE_TOLERANCE = 3.0

#: pdfium marks a hyphen that ended a line, where it joins the two halves, with U+FFFE.
_LINE_END_HYPHEN = "\ufffe"


@dataclass(frozen=True)
class Word:
    """A word and its box, in points from the page's top-left corner."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True)
class Line:
    """Words that share a baseline, left to right."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


#: How much of a file is hashed at a time, so a large file never fills memory.
_HASH_CHUNK = 1 << 20


def file_sha256(path: str | Path) -> str:
    """The sha256 of a file's bytes. Raises OSError when it cannot be read."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_of(path: str | Path) -> str | None:
    """The file's sha256, or None when it cannot be read (an error record still names it)."""
    try:
        return file_sha256(path)
    except OSError:
        return None


#: A line-end hyphen pdfium joined to "and"/"or"/"to" that a hyphenated word follows is a
#: suspended hyphen ("short-" + "and longer-term"): it keeps the space the line end stood for.
_SUSPENDED = re.compile(_LINE_END_HYPHEN + r"(?=(?:and|or|to)\s+\w+-\w)")


def normalise_page_text(raw: str) -> str:
    """pdfium's page text with Unix line ends and line-end hyphens restored: joined to the
    next word ("decision-making"), or before a space where the hyphen is suspended."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    return _SUSPENDED.sub("- ", text).replace(_LINE_END_HYPHEN, "-")


class Document:
    """An open PDF: page texts on demand (pypdfium2) and word boxes on demand (pdfplumber).

    Pages are numbered from 1, as printed in the output.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        data = _read_pdf_bytes(self.path)
        self.sha256 = hashlib.sha256(data).hexdigest()
        self._data = data
        self._pdfium = _open_pdfium(self.path, data)
        self.page_count: int = len(self._pdfium)
        self._texts: dict[int, str] = {}
        self._words: dict[int, list[Word]] = {}
        self._plumber: Any = None

    def text(self, page_no: int) -> str:
        """The text of page ``page_no`` (1-based), in reading order, lines split by newlines."""
        if page_no not in self._texts:
            page = self._pdfium[page_no - 1]
            textpage = page.get_textpage()
            try:
                self._texts[page_no] = normalise_page_text(textpage.get_text_range())
            finally:
                textpage.close()
                page.close()
        return self._texts[page_no]

    def texts(self) -> Iterator[tuple[int, str]]:
        """Every page's number and text, in order."""
        for page_no in range(1, self.page_count + 1):
            yield page_no, self.text(page_no)

    def words(self, page_no: int) -> list[Word]:
        """Positioned words of one page, read by pdfplumber (slower: use for table pages).

        Read once per page: readers that ask again get the same list."""
        if page_no not in self._words:
            self._words[page_no] = self._read_words(page_no)
        return self._words[page_no]

    def _read_words(self, page_no: int) -> list[Word]:
        if self._plumber is None:
            import io

            import pdfplumber

            self._plumber = pdfplumber.open(io.BytesIO(self._data))
        page = self._plumber.pages[page_no - 1]
        try:
            raw = page.extract_words(**WORD_SETTINGS)
        finally:
            page.close()
        return [
            Word(
                w["text"].replace(_LINE_END_HYPHEN, "-"),
                float(w["x0"]),
                float(w["x1"]),
                float(w["top"]),
                float(w["bottom"]),
            )
            for w in raw
        ]

    def lines(self, page_no: int) -> list[Line]:
        """Positioned words of one page grouped into lines, top to bottom."""
        return group_lines(self.words(page_no))

    def close(self) -> None:
        if self._plumber is not None:
            self._plumber.close()
            self._plumber = None
        self._pdfium.close()

    def __enter__(self) -> Document:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def group_lines(words: list[Word], tolerance: float = LINE_TOLERANCE) -> list[Line]:
    """Group words into lines by their tops, each line left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(lines[-1][0].top - word.top) <= tolerance:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [Line(tuple(sorted(ws, key=lambda w: w.x0))) for ws in lines]


def check_pdf_header(path: str | Path) -> None:
    """Raise what :class:`Document` raises for a file that is missing, empty or no PDF at all,
    from its first KiB only and with no PDF library loaded (a cheap look before parsing)."""
    _read_pdf_bytes(str(path), limit=1024)


def _read_pdf_bytes(path: str, limit: int = -1) -> bytes:
    p = Path(path)
    if not p.exists():
        raise InputNotFoundError(path, "no such file or folder")
    if p.is_dir():
        raise NotAPDFError(path, "is a folder, not a PDF file")
    try:
        with p.open("rb") as handle:
            data = handle.read(limit)
    except OSError as exc:
        raise InputNotFoundError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if not data:
        raise EmptyFileError(path, "is empty (0 bytes)")
    if b"%PDF-" not in data[:1024]:
        head = data[:512].lstrip().lower()
        kind = "an HTML page" if head.startswith((b"<!doctype html", b"<html")) else "not a PDF"
        raise NotAPDFError(path, f"is {kind}, not a PDF (no %PDF header)")
    return data


def _open_pdfium(path: str, data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedPDFError(path, "is password-protected") from exc
        detail = str(exc).rsplit("PDFium:", 1)[-1].strip(" ().") or "unreadable"
        raise CorruptPDFError(path, f"is a damaged or truncated PDF ({detail.lower()})") from exc
