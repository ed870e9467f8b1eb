"""Everything that touches a PDF library lives here.

pypdfium2 reads every page's text (fast: ~1 ms a page), so readers can find the pages that
matter; pdfplumber is opened lazily and only for pages that need word positions (tables).
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

from .damage import file_damage
from .errors import (
    CorruptPDFError,
    EmptyFileError,
    EncryptedPDFError,
    NotAPDFError,
    OfstedError,
)
from .files import DEFAULT_MAX_SIZE, not_regular, os_error, too_large

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


#: How much of a file is hashed or read at a time, so a large file never fills memory.
_HASH_CHUNK = 1 << 20

#: How much of a file's head tells whether it is a PDF: pdf.js and pdfium look for "%PDF-"
#: within the first KiB (junk before it is tolerated).
_HEAD = 1024

#: Opened without blocking: opening a FIFO for reading otherwise waits for a writer forever.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)

#: The largest file a Document reads in this process; the batch's workers set it from
#: ``--max-size`` (the parent has already refused larger files by their size).
MAX_FILE_SIZE = DEFAULT_MAX_SIZE


def file_sha256(path: str | Path, max_size: int | None = None) -> str:
    """The sha256 of a regular file's bytes. Raises OSError when it cannot be read, is not a
    regular file (a FIFO or /dev/zero would never end), or is larger than ``max_size``."""
    digest = hashlib.sha256()
    with _open_regular(str(path)) as (handle, info):
        if max_size is not None and info.st_size > max_size:
            raise OSError(errno.EFBIG, "File too large", str(path))
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_of(path: str | Path) -> str | None:
    """The file's sha256, or None when it cannot be read (an error record still names it)."""
    try:
        return file_sha256(path, MAX_FILE_SIZE)
    except (OSError, ValueError):
        return None


@contextmanager
def _open_regular(path: str) -> Iterator[tuple[BinaryIO, os.stat_result]]:
    """The open file and its stat; OSError (EINVAL) for anything but a regular file."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            code = errno.EISDIR if stat.S_ISDIR(info.st_mode) else errno.EINVAL
            raise OSError(code, "Not a regular file", path)
        os.set_blocking(fd, True)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        yield handle, info


#: A line-end hyphen pdfium joined to "and"/"or"/"to" that a hyphenated word follows is a
#: suspended hyphen ("short-" + "and longer-term"): it keeps the space the line end stood for.
_SUSPENDED = re.compile(_LINE_END_HYPHEN + r"(?=(?:and|or|to)\s+\w+-\w)")


def normalise_page_text(raw: str) -> str:
    """pdfium's page text with Unix line ends and line-end hyphens restored: joined to the
    next word ("decision-making"), or before a space where the hyphen is suspended."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    return _SUSPENDED.sub("- ", text).replace(_LINE_END_HYPHEN, "-")


#: The page number under which damage to the whole document (not one page) is recorded.
WHOLE_DOCUMENT = 0

#: Complaints kept per page: a badly damaged page can log thousands, one says enough.
_MAX_COMPLAINTS = 3

#: pypdfium2 and pdfplumber read exactly the same characters (whitespace aside) on every page
#: both read in the 318 real reports of the corpus (measured: share differing 0.0 on each), so
#: any difference puts the page in doubt; over :data:`FOREIGN_TEXT` the two libraries are
#: reading different documents.
TEXT_DISAGREEMENT = 0.0
FOREIGN_TEXT = 0.5

#: Characters that never belong in a report's text: the replacement character a decoder puts
#: for bytes it could not map, and control characters (binary data read as text).
_GARBAGE = re.compile(r"[\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


#: A file header at the start of a line after the first: two PDFs joined into one file
#: (``cat a.pdf b.pdf``), where each PDF library may read a different one of them.
_SECOND_HEADER = re.compile(rb"[\r\n]%PDF-\d")


class Document:
    """An open PDF: page texts on demand (pypdfium2) and word boxes on demand (pdfplumber).

    Pages are numbered from 1, as printed in the output. Signs of damage met while reading
    (decoder complaints, a rebuilt cross-reference table, unmapped characters, the two
    libraries disagreeing about a page) are kept in :attr:`damage`, by page
    (:data:`WHOLE_DOCUMENT` for the file as a whole), for the parser to turn into warnings;
    a page that cannot be read at all, or two libraries reading two different documents, is a
    :class:`CorruptPDFError`.
    """

    def __init__(self, path: str | Path, max_size: int | None = None) -> None:
        self.path = str(path)
        data = _read_pdf_bytes(self.path, MAX_FILE_SIZE if max_size is None else max_size)
        self.sha256 = hashlib.sha256(data).hexdigest()
        self._data = data
        self.damage: dict[int, list[str]] = {}
        second = _SECOND_HEADER.search(data, data.find(b"%PDF-") + 1)
        if second is not None:
            raise CorruptPDFError(
                self.path,
                "is a damaged PDF: it holds more than one document "
                f"(a second PDF header at byte {second.start() + 1})",
            )
        self._pdfium = _open_pdfium(self.path, data)
        self.page_count: int = len(self._pdfium)
        self._texts: dict[int, str] = {}
        self._words: dict[int, list[Word]] = {}
        self._styled_lines: dict[int, list[StyledLine]] = {}
        self._plumber: Any = None
        if self.page_count == 0:
            self._pdfium.close()
            raise CorruptPDFError(self.path, "is a damaged PDF: no page could be found")
        if not _xref_valid(self._pdfium):
            self.note(WHOLE_DOCUMENT, "its cross-reference table is damaged and was rebuilt")
        damaged = file_damage(data)
        if damaged is not None:
            self.note(WHOLE_DOCUMENT, damaged)

    def note(self, page_no: int, complaint: str) -> None:
        """Record a sign of damage on a page (or :data:`WHOLE_DOCUMENT`)."""
        heard = self.damage.setdefault(page_no, [])
        if len(heard) < _MAX_COMPLAINTS and complaint not in heard:
            heard.append(complaint)

    def text(self, page_no: int) -> str:
        """The text of page ``page_no`` (1-based), in reading order, lines split by newlines."""
        if page_no not in self._texts:
            self._remember_text(page_no, self._pdfium_text(page_no))
        return self._texts[page_no]

    def _remember_text(self, page_no: int, raw: str) -> None:
        """Keep a page's text as pdfium read it (normalised), noting unreadable characters as
        damage: every way of reading a page's text comes through here."""
        if page_no in self._texts:
            return
        garbage = _GARBAGE.findall(raw)
        if garbage:
            self.note(page_no, f"{len(garbage)} unreadable character(s) in its text")
        self._texts[page_no] = normalise_page_text(raw)

    @contextmanager
    def _page(self, page_no: int) -> Iterator[Any]:
        """One pdfium page, closed after use; pdfium failing to load or read it (a damaged
        file) is :class:`CorruptPDFError`, never a reader's crash."""
        import pypdfium2 as pdfium

        try:
            page = self._pdfium[page_no - 1]
        except pdfium.PdfiumError as exc:
            raise CorruptPDFError(
                self.path, f"is a damaged PDF: page {page_no} cannot be read"
            ) from exc
        try:
            yield page
        except pdfium.PdfiumError as exc:
            raise CorruptPDFError(
                self.path, f"is a damaged PDF: page {page_no} cannot be read ({exc})"
            ) from exc
        finally:
            page.close()

    def _pdfium_text(self, page_no: int) -> str:
        with self._page(page_no) as page:
            textpage = page.get_textpage()
            try:
                text: str = textpage.get_text_range()
            finally:
                textpage.close()
        return text

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

        with self._page(page_no) as page:
            textpage = page.get_textpage()
            try:
                height = page.get_height()
                raw = textpage.get_text_range()
                self._remember_text(page_no, raw)
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

    def texts(self) -> Iterator[tuple[int, str]]:
        """Every page's number and text, in order."""
        for page_no in range(1, self.page_count + 1):
            yield page_no, self.text(page_no)

    def words(self, page_no: int) -> list[Word]:
        """Positioned words of one page, read by pdfplumber (slower: use for table pages).

        Read once per page: readers that ask again get the same list. The page's text as
        pdfium reads it must agree with pdfplumber's words: see :meth:`_agree`."""
        if page_no not in self._words:
            words = self._read_words(page_no)
            self._agree(page_no, words)
            self._words[page_no] = words
        return self._words[page_no]

    def _read_words(self, page_no: int) -> list[Word]:
        with _complaints() as heard:
            try:
                if self._plumber is None:
                    self._open_plumber()
                page = self._plumber.pages[page_no - 1]
                try:
                    raw = page.extract_words(**WORD_SETTINGS)
                finally:
                    page.close()
            except (OfstedError, MemoryError):
                raise
            except Exception as exc:  # pdfminer on damaged data: RecursionError, TypeError, ...
                raise CorruptPDFError(
                    self.path,
                    f"is a damaged PDF: page {page_no} cannot be read ({type(exc).__name__})",
                ) from exc
        for complaint in heard:
            self.note(page_no, complaint)
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

    def _open_plumber(self) -> None:
        """Open the file with pdfplumber (pdfminer), which must see the document pdfium sees:
        the same number of pages, from a cross-reference table it could read."""
        import io

        import pdfplumber
        from pdfminer.pdfdocument import PDFXRefFallback

        with _complaints() as heard:
            self._plumber = pdfplumber.open(io.BytesIO(self._data))
            pages = len(self._plumber.pages)
        for complaint in heard:
            self.note(WHOLE_DOCUMENT, complaint)
        if any(isinstance(x, PDFXRefFallback) for x in self._plumber.doc.xrefs):
            self.note(WHOLE_DOCUMENT, "its cross-reference table is damaged (pdfminer)")
        if pages != len(self._pdfium):
            raise CorruptPDFError(
                self.path,
                "is a damaged PDF: it holds more than one document or a damaged revision "
                f"(one reader finds {len(self._pdfium)} pages, the other {pages})",
            )

    def _agree(self, page_no: int, words: list[Word]) -> None:
        """pdfium's text and pdfplumber's words of one page hold the same characters, give or
        take :data:`TEXT_DISAGREEMENT`; else the page is damaged, or (over
        :data:`FOREIGN_TEXT`) the file holds two documents and each library read another."""
        # The libraries' own reads of the page are compared (Document.text, not a subclass's
        # view of it: the perturbation tests edit what readers see, not the file).
        pdfium_text = Document.text(self, page_no)
        share = text_disagreement(pdfium_text, "".join(w.text for w in words))
        if share > FOREIGN_TEXT:
            raise CorruptPDFError(
                self.path,
                "is a damaged PDF: it holds more than one document or a damaged revision "
                f"(the two PDF readers disagree about page {page_no})",
            )
        if share > TEXT_DISAGREEMENT:
            self.note(page_no, f"the two PDF readers disagree about {share:.0%} of its text")

    def lines(self, page_no: int) -> list[Line]:
        """Positioned words of one page grouped into lines, top to bottom."""
        return group_lines(self.words(page_no))

    def rules(self, page_no: int) -> list[Box]:
        """The ruling lines of one page (table borders), from pdfium's path objects: thin
        paths (Word draws each border as a filled 0.5 pt rectangle), and the four edges of a
        stroked rectangle. Cheap (a few ms a page), so no pdfplumber is needed for tables."""
        with self._page(page_no) as page:
            return _page_rules(page)

    def texts_in(self, page_no: int, boxes: list[Box]) -> list[str]:
        """The text inside each box of one page (pdfium: the characters within the box), in
        reading order, lines split by newlines, normalised like :meth:`text`."""
        with self._page(page_no) as page:
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

    def text_bottom(self, page_no: int, box: Box) -> float | None:
        """The lowest bottom of the text inside ``box`` (points from the page top; pdfium's
        text rectangles, whose centres lie in the box), or None when the box holds none."""
        with self._page(page_no) as page:
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

    def close(self) -> None:
        if self._plumber is not None:
            plumber, self._plumber = self._plumber, None
            # pdfplumber walks every page to close it, and a damaged page raises
            with suppress(Exception):
                plumber.close()
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


#: pdfminer's stand-in for a glyph its font gives no Unicode for ("(cid:127)": a bullet in a
#: symbol font or an old encoding), where pdfium, reading the font's own tables, finds "•".
_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")


def text_disagreement(pdfium_text: str, plumber_text: str) -> float:
    """The share of characters (whitespace aside) that one text has and the other lacks.

    Each glyph pdfminer could not map (``(cid:N)``) is forgiven one character pdfium has and
    pdfminer lacks, as long as that character is no letter or digit (a bullet, a dash): the
    two libraries read the same glyph, only one knows its name."""
    from collections import Counter

    unmapped = len(_UNMAPPED_GLYPH.findall(plumber_text))
    plumber_text = _UNMAPPED_GLYPH.sub("", plumber_text)
    a = Counter(ch for ch in pdfium_text if not ch.isspace())
    b = Counter(ch for ch in plumber_text if not ch.isspace())
    only_pdfium, only_plumber = a - b, b - a
    symbols = sum(n for ch, n in only_pdfium.items() if not ch.isalnum())
    differ = sum(only_pdfium.values()) + sum(only_plumber.values()) - min(unmapped, symbols)
    return differ / max(sum(a.values()), sum(b.values()), 1)


class _Complaints(logging.Handler):
    """Collects pdfminer's warnings for the Document reading at the time, so they are
    attached to that file (and page) instead of printed raw on stderr."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.sink: list[str] | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.sink is not None:
            try:
                message = record.getMessage()
            except Exception:  # a malformed log call must not cost the file
                message = str(record.msg)
            self.sink.append(message[:160])


_HANDLER: _Complaints | None = None


def _install_handler() -> _Complaints:
    """Once per process: pdfminer's (and pdfplumber's) log records go to our handler only,
    and pdfminer's silent recovery of a damaged compressed stream is logged too."""
    global _HANDLER
    if _HANDLER is None:
        _HANDLER = _Complaints()
        for name in ("pdfminer", "pdfplumber"):
            logger = logging.getLogger(name)
            logger.addHandler(_HANDLER)
            logger.propagate = False
        _log_stream_recovery()
    return _HANDLER


def _log_stream_recovery() -> None:
    """pdfminer decodes a damaged Flate stream as far as it can without a word
    (``pdftypes.decompress_corrupted``): make that a complaint, since the text is cut short."""
    from pdfminer import pdftypes

    recover = pdftypes.decompress_corrupted

    def logged(data: bytes) -> bytes:
        logging.getLogger("pdfminer.pdftypes").warning("a compressed stream is damaged")
        return recover(data)

    pdftypes.decompress_corrupted = logged  # type: ignore[assignment]


@contextmanager
def _complaints() -> Iterator[list[str]]:
    handler = _install_handler()
    previous, heard = handler.sink, list[str]()
    handler.sink = heard
    try:
        yield heard
    finally:
        handler.sink = previous


def _xref_valid(document: Any) -> bool:
    """Whether pdfium found a valid cross-reference table (it silently rebuilds a broken
    one by scanning the file, which may mix objects of two documents or revisions)."""
    import pypdfium2.raw as raw

    return bool(raw.FPDF_DocumentHasValidCrossReferenceTable(document.raw))


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
    """Raise what :class:`Document` raises for a file that is missing, empty, not a regular
    file, too large or no PDF at all, from its first KiB only and with no PDF library loaded
    (a cheap look before parsing)."""
    _read_pdf_bytes(str(path), MAX_FILE_SIZE, head_only=True)


def _read_pdf_bytes(path: str, max_size: int, *, head_only: bool = False) -> bytes:
    """The file's bytes (``head_only``: its first KiB), when it is a regular file of at most
    ``max_size`` bytes that starts like a PDF. Opened without blocking and checked before
    reading, so a FIFO or a device named ``*.pdf`` is an error, never a hang."""
    try:
        with _open_regular(path) as (handle, info):
            if info.st_size > max_size:
                raise too_large(path, info.st_size, max_size)
            data = handle.read(_HEAD if head_only else max_size + 1)
    except OSError as exc:
        if exc.errno == errno.EINVAL and exc.strerror == "Not a regular file":
            raise _not_regular_error(path) from None
        raise os_error(path, exc) from None
    if len(data) > max_size:  # it grew while being read
        raise too_large(path, len(data), max_size)
    if not data:
        raise EmptyFileError(path, "is empty (0 bytes)")
    if b"%PDF-" not in data[:_HEAD]:
        head = data[:512].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html")):
            raise NotAPDFError(path, "is an HTML page, not a PDF (no %PDF header)")
        raise NotAPDFError(path, "is not a PDF (no %PDF header)")
    return data


def _not_regular_error(path: str) -> OfstedError:
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return os_error(path, exc)
    return not_regular(path, mode) or NotAPDFError(path, "is not a regular file")


def _open_pdfium(path: str, data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedPDFError(path, "is password-protected") from exc
        detail = str(exc).rsplit("PDFium:", 1)[-1].strip(" ().").lower()
        if detail in ("", "success"):  # pdfium gave up without naming a reason
            detail = "no document structure could be found"
        raise CorruptPDFError(path, f"is a damaged or truncated PDF ({detail})") from exc
