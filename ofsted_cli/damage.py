"""Damage that the PDF libraries read through without a word, found in the file's bytes.

pdfium inflates a damaged compressed stream as far as it can and rebuilds what it cannot
parse, silently: a content stream cut short loses the rest of a page's text, a font's
character map cut short loses a letter on every page, a changed digit in a font's widths
array moves the spaces between words. Both checks here look at the bytes alone, before any
library does, and name the first damage found; :class:`ofsted_cli.pdf.Document` records it
for the whole file. Neither fires on any of the 318 real reports of the corpus.
"""

from __future__ import annotations

import base64
import re
import zlib
from collections.abc import Iterator, Sequence

#: Where a stream's data starts: the keyword and its end of line (ISO 32000-1, 7.3.8.1).
_STREAM_START = re.compile(rb"stream\r?\n")

#: How far back from ``stream`` its dictionary may start (real dictionaries: < 1 KB).
_DICT_REACH = 4096

#: Streams whose damage changes no text, left unchecked: images. (Font programs are checked:
#: without a ToUnicode map pdfium reads a character's text from the font's own cmap, and a
#: byte flipped there loses a letter on every page.)
_NO_TEXT = (b"/Image",)

#: Filters besides ASCII85 that may come before Flate; such streams are not checked.
_OTHER_FILTERS = (b"/ASCIIHexDecode", b"/LZWDecode", b"/RunLengthDecode", b"/Crypt")

#: Bytes of inflated output checked per stream: enough to cover any real report's page or
#: font (the corpus's largest is a few MB); a bomb's tail is not inflated just to be checked.
_INFLATE_CHECK_LIMIT = 64 * 1024 * 1024

#: Outside streams a PDF is text: 7-bit, printable, with a few whitespace controls. Literal
#: strings, comments and hex strings are removed before looking (they may hold anything).
_STRING = re.compile(rb"\((?:\\.|[^\\()])*\)", re.S)
_COMMENT = re.compile(rb"%[^\r\n]*")
_HEX_STRING = re.compile(rb"<[0-9A-Fa-f\s]*>")
_BAD_BYTE = re.compile(rb"[^\t\n\r\x0c\x00\x20-\x7e]")

#: A digit followed by a character that may not follow one in a number ("6A7", "1x"); it
#: is damage unless the token is a name ("/F1R").
_DIGIT_THEN_BAD = re.compile(rb"\d[^\d.\s\[\]<>(){}/%]")
_DELIMITERS = frozenset(b" \t\r\n\x0c\x00[]<>(){}/%")


def file_damage(data: bytes) -> str | None:
    """The first sign of damage in a PDF's bytes, or None. An encrypted file is left to
    pdfium (its streams inflate only after decryption)."""
    if b"/Encrypt" in data:
        return None
    streams = list(_streams(data))  # one scan of the file for both checks
    return flate_damage(data, streams) or syntax_damage(data, streams)


#: A stream's dictionary (as far back as its ``obj``), data start and data end.
Stream = tuple[bytes, int, int]


def _streams(data: bytes) -> Iterator[Stream]:
    """Each stream's dictionary (as far back as its ``obj``), data start and data end."""
    resume = 0
    for match in _STREAM_START.finditer(data):
        if match.start() < resume or data[max(0, match.start() - 3) : match.start()] == b"end":
            continue
        head = data[max(0, match.start() - _DICT_REACH) : match.start()]
        start = match.end()
        end = data.find(b"endstream", start)
        end = end if end >= 0 else len(data)
        resume = end
        yield head[head.rfind(b" obj") :], start, end


def flate_damage(data: bytes, streams: Sequence[Stream] | None = None) -> str | None:
    """The first Flate-compressed stream that zlib's own check (adler-32) finds damaged or
    cut short, or None. Every stream declared ``/FlateDecode`` that can hold text is
    inflated (output discarded, in chunks, at most :data:`_INFLATE_CHECK_LIMIT`)."""
    for described, start, end in _streams(data) if streams is None else streams:
        if b"/FlateDecode" not in described or any(k in described for k in _NO_TEXT):
            continue
        if any(other in described for other in _OTHER_FILTERS):
            continue  # rare in reports; pdfminer's complaints cover the pages it reads
        body = data[start:end]
        if b"/ASCII85Decode" in described:  # reportlab writes content streams so
            try:
                body = base64.a85decode(body[: body.find(b"~>") + 2], adobe=True)
            except ValueError:
                return f"an encoded stream at byte {start} is damaged"
        inflater = zlib.decompressobj()
        produced = 0
        try:
            while body and produced < _INFLATE_CHECK_LIMIT and not inflater.eof:
                produced += len(inflater.decompress(body, 1 << 20))
                body = inflater.unconsumed_tail
        except zlib.error as exc:
            detail = str(exc).rpartition(": ")[2]  # zlib's "Error -3 while ...: <reason>"
            return f"a compressed stream at byte {start} is damaged ({detail})"
        if not inflater.eof and produced < _INFLATE_CHECK_LIMIT:
            return f"a compressed stream at byte {start} is cut short"
    return None


def syntax_damage(data: bytes, streams: Sequence[Stream] | None = None) -> str | None:
    """The first byte outside the streams that cannot belong to a PDF's object syntax: a
    non-ASCII or control byte, or a letter inside a number; None when there is none."""
    gaps, at = [], 0
    for _, start, end in _streams(data) if streams is None else streams:
        gaps.append(data[at:start])
        at = end
    gaps.append(data[at:])
    text = b"\n".join(gaps)
    text = _HEX_STRING.sub(b"<>", _COMMENT.sub(b" ", _STRING.sub(b"()", text)))
    if _BAD_BYTE.search(text):
        return "a byte that cannot belong to the PDF's structure (binary data in an object)"
    for match in _DIGIT_THEN_BAD.finditer(text):
        token = match.start()
        while token > 0 and text[token - 1] not in _DELIMITERS:
            token -= 1
        if token == 0 or text[token - 1] != ord("/"):  # a name may mix digits and letters
            return (
                f"a malformed number in an object ({text[token : match.end()].decode('latin-1')!r})"
            )
    return None
