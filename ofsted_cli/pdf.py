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


#: How much of a file is hashed or read at a time, so a large file never fills memory.
_HASH_CHUNK = 1 << 20

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
            raw = self._pdfium_text(page_no)
            garbage = _GARBAGE.findall(raw)
            if garbage:
                self.note(page_no, f"{len(garbage)} unreadable character(s) in its text")
            self._texts[page_no] = normalise_page_text(raw)
        return self._texts[page_no]

    def _pdfium_text(self, page_no: int) -> str:
        import pypdfium2 as pdfium

        try:
            page = self._pdfium[page_no - 1]
        except pdfium.PdfiumError as exc:
            raise CorruptPDFError(
                self.path, f"is a damaged PDF: page {page_no} cannot be read"
            ) from exc
        try:
            textpage = page.get_textpage()
            try:
                text: str = textpage.get_text_range()
            finally:
                textpage.close()
        except pdfium.PdfiumError as exc:
            raise CorruptPDFError(
                self.path, f"is a damaged PDF: page {page_no} has no readable text"
            ) from exc
        finally:
            page.close()
        return text

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
        if pages != self.page_count:
            raise CorruptPDFError(
                self.path,
                "is a damaged PDF: it holds more than one document or a damaged revision "
                f"(one reader finds {self.page_count} pages, the other {pages})",
            )

    def _agree(self, page_no: int, words: list[Word]) -> None:
        """pdfium's text and pdfplumber's words of one page hold the same characters, give or
        take :data:`TEXT_DISAGREEMENT`; else the page is damaged, or (over
        :data:`FOREIGN_TEXT`) the file holds two documents and each library read another."""
        share = text_disagreement(self.text(page_no), "".join(w.text for w in words))
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


def text_disagreement(one: str, other: str) -> float:
    """The share of characters (whitespace aside) that one text has and the other lacks."""
    from collections import Counter

    a = Counter(ch for ch in one if not ch.isspace())
    b = Counter(ch for ch in other if not ch.isspace())
    differ = sum(((a - b) + (b - a)).values())
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


def _read_pdf_bytes(path: str, max_size: int) -> bytes:
    """The file's bytes, when it is a regular file of at most ``max_size`` bytes that starts
    like a PDF. Opened without blocking and checked before reading, so a FIFO or a device
    named ``*.pdf`` is an error, never a hang."""
    try:
        with _open_regular(path) as (handle, info):
            if info.st_size > max_size:
                raise too_large(path, info.st_size, max_size)
            data = handle.read(max_size + 1)
    except OSError as exc:
        if exc.errno == errno.EINVAL and exc.strerror == "Not a regular file":
            raise _not_regular_error(path) from None
        raise os_error(path, exc) from None
    if len(data) > max_size:  # it grew while being read
        raise too_large(path, len(data), max_size)
    if not data:
        raise EmptyFileError(path, "is empty (0 bytes)")
    if b"%PDF-" not in data[:1024]:
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
