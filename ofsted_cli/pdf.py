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
#: ... and with U+0002 in the text of a box (``get_text_bounded``).
_BOUNDED_LINE_END_HYPHEN = "\x02"


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


@dataclass(frozen=True)
class StyledLine:
    """One line of a page's text (as :meth:`Document.text` splits it) with the position of its
    first printed character and the font of its first letter or digit: enough to tell a
    heading (bold, at the margin), a list item (a glyph) and its wrapped lines (indented)
    apart, at pdfium's speed."""

    text: str
    x0: float
    top: float
    size: float
    bold: bool


#: pdfium's font weight from which a font counts as bold (CSS scale: 400 normal, 700 bold).
BOLD_WEIGHT = 600


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
        self._styled_lines: dict[int, list[StyledLine]] = {}
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

    def styled_lines(self, page_no: int) -> list[StyledLine]:
        """The lines of :meth:`text` with where each starts and in what font (pdfium: cheap,
        one character looked up per line). Blank lines are left out. Reading them caches the
        page's text too, so a reader that needs both loads the page once."""
        if page_no not in self._styled_lines:
            self._styled_lines[page_no] = self._read_styled_lines(page_no)
        return self._styled_lines[page_no]

    def _read_styled_lines(self, page_no: int) -> list[StyledLine]:
        import ctypes

        import pypdfium2.raw as pdfium_c

        page = self._pdfium[page_no - 1]
        textpage = page.get_textpage()
        try:
            height = page.get_height()
            raw = textpage.get_text_range()
            self._texts.setdefault(page_no, normalise_page_text(raw))
            name = ctypes.create_string_buffer(128)
            flags = ctypes.c_int()
            matrix = pdfium_c.FS_MATRIX()
            out: list[StyledLine] = []
            for m in re.finditer(r"[^\r\n]+", raw):
                stripped = m.group().lstrip()
                if not stripped:
                    continue
                index = m.start() + len(m.group()) - len(stripped)
                left, _, _, top = textpage.get_charbox(index, loose=True)
                # The font is the first letter's: a bullet glyph is often set in another size.
                letter = next((i for i, ch in enumerate(stripped) if ch.isalnum()), 0) + index
                weight = pdfium_c.FPDFText_GetFontWeight(textpage, letter)
                pdfium_c.FPDFText_GetFontInfo(textpage, letter, name, 128, ctypes.byref(flags))
                bold = weight >= BOLD_WEIGHT or b"bold" in name.value.lower()
                out.append(
                    StyledLine(
                        text=normalise_page_text(m.group()).strip(),
                        x0=round(left, 1),
                        top=round(height - top, 1),
                        size=_effective_size(textpage, letter, matrix),
                        bold=bold,
                    )
                )
            return out
        finally:
            textpage.close()
            page.close()

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

    def rules(self, page_no: int) -> list[Box]:
        """The ruling lines of one page (table borders), from pdfium's path objects: thin
        paths (Word draws each border as a filled 0.5 pt rectangle), and the four edges of a
        stroked rectangle. Cheap (a few ms a page), so no pdfplumber is needed for tables."""
        page = self._pdfium[page_no - 1]
        try:
            return _page_rules(page)
        finally:
            page.close()

    def texts_in(self, page_no: int, boxes: list[Box]) -> list[str]:
        """The text inside each box of one page (pdfium: the characters within the box), in
        reading order, lines split by newlines, normalised like :meth:`text`."""
        page = self._pdfium[page_no - 1]
        textpage = page.get_textpage()
        try:
            height = page.get_height()
            return [
                normalise_page_text(
                    textpage.get_text_bounded(
                        left=b.x0, bottom=height - b.bottom, right=b.x1, top=height - b.top
                    ).replace(_BOUNDED_LINE_END_HYPHEN, _LINE_END_HYPHEN)
                )
                for b in boxes
            ]
        finally:
            textpage.close()
            page.close()

    def text_bottom(self, page_no: int, box: Box) -> float | None:
        """The lowest bottom of the text inside ``box`` (points from the page top; pdfium's
        text rectangles, whose centres lie in the box), or None when the box holds none."""
        page = self._pdfium[page_no - 1]
        textpage = page.get_textpage()
        try:
            height = page.get_height()
            bottoms = []
            for i in range(textpage.count_rects()):
                left, bottom, right, top = textpage.get_rect(i)
                x, y = (left + right) / 2, height - (top + bottom) / 2
                if box.x0 <= x <= box.x1 and box.top <= y <= box.bottom:
                    bottoms.append(height - bottom)
            return max(bottoms, default=None)
        finally:
            textpage.close()
            page.close()

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


def _effective_size(textpage: Any, index: int, matrix: Any) -> float:
    """The printed size of a character: its font size scaled by its text matrix (some PDFs
    set 1 pt type and scale it up)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    size = float(pdfium_c.FPDFText_GetFontSize(textpage, index))
    if pdfium_c.FPDFText_GetMatrix(textpage, index, ctypes.byref(matrix)):
        size *= (matrix.c**2 + matrix.d**2) ** 0.5 or 1.0
    return round(size, 1)


@dataclass(frozen=True)
class Box:
    """A rectangle in points from the page's top-left corner."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top


#: A drawn path this thin (points) in one direction is a ruling line. Word draws table
#: borders as filled rectangles 0.4-0.5 pt thick; stroked borders are 0.5-1.5 pt wide.
RULE_THICKNESS = 2.0

#: A stroked path of exactly this many straight segments (move + 3 or 4 lines) is a rectangle.
_RECT_SEGMENTS = (4, 5)


def _page_rules(page: Any) -> list[Box]:
    import ctypes

    import pypdfium2.raw as pdfium_raw

    height = page.get_height()
    found: list[Box] = []
    for obj in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_PATH], max_depth=8):
        left, bottom, right, top = obj.get_bounds()
        box = Box(left, height - top, right, height - bottom)
        if min(box.width, box.height) <= RULE_THICKNESS:
            found.append(box)
            continue
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        pdfium_raw.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke))
        x0, y0, x1, y1 = box.x0, box.top, box.x1, box.bottom
        if stroke.value and pdfium_raw.FPDFPath_CountSegments(obj.raw) in _RECT_SEGMENTS:
            found += [Box(x0, y0, x1, y0), Box(x0, y1, x1, y1)]
            found += [Box(x0, y0, x0, y1), Box(x1, y0, x1, y1)]
        elif fill.value and _shaded(obj):
            # A shaded cell (a grey header row) bounds its row where no border is drawn.
            found += [Box(x0, y0, x1, y0), Box(x0, y1, x1, y1)]
    return found


def _shaded(obj: Any) -> bool:
    """Whether a path is filled with a colour other than white (white boxes are text
    highlights, not cells)."""
    import ctypes

    import pypdfium2.raw as pdfium_raw

    rgba = [ctypes.c_uint() for _ in range(4)]
    if not pdfium_raw.FPDFPageObj_GetFillColor(obj.raw, *(ctypes.byref(c) for c in rgba)):
        return False
    return any(c.value < 255 for c in rgba[:3])


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
