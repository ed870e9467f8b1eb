"""Page text as pdf.py hands it to every reader: pdfium's artefacts undone once, here."""

from __future__ import annotations

import zlib

from ofsted_cli.damage import file_damage, flate_damage, syntax_damage
from ofsted_cli.pdf import Word, group_lines, normalise_page_text, text_disagreement

JOINED = "\ufffe"  # pdfium's mark for a hyphen where it removed a line end


def test_line_end_hyphen_joins_the_word():
    assert normalise_page_text(f"the decision{JOINED}making\r\nnext") == (
        "the decision-making\nnext"
    )


def test_suspended_hyphen_keeps_its_space():
    text = f"covering both short{JOINED}and longer-term objectives, 16{JOINED}or 17-year-olds"
    assert normalise_page_text(text) == (
        "covering both short- and longer-term objectives, 16- or 17-year-olds"
    )


def test_a_hyphen_printed_mid_line_is_left_alone():
    assert normalise_page_text("rock-and roll-call") == "rock-and roll-call"


def test_words_group_into_lines_left_to_right():
    words = [
        Word("Grade", 400, 430, 101, 111),
        Word("Judgement", 80, 140, 100, 110),
        Word("Good", 400, 425, 130, 140),
    ]
    lines = group_lines(words)
    assert [line.text for line in lines] == ["Judgement Grade", "Good"]
    assert (lines[0].x0, lines[0].x1) == (80, 430)


def _stream(body: bytes, filters: bytes = b"/FlateDecode") -> bytes:
    return b"4 0 obj\n<< /Filter %s /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (
        filters,
        len(body),
        body,
    )


def test_a_sound_flate_stream_is_not_damage():
    assert flate_damage(b"%PDF-1.4\n" + _stream(zlib.compress(b"BT (Hello) Tj ET"))) is None


def test_a_changed_byte_in_a_flate_stream_is_damage():
    body = bytearray(zlib.compress(b"BT (Hello, this is the page) Tj ET" * 20))
    body[30] ^= 0x10
    data = b"%PDF-1.4\n" + _stream(bytes(body))
    start = data.index(b"stream\n") + len(b"stream\n")
    found = flate_damage(data)
    assert found is not None and found.startswith(f"a compressed stream at byte {start} is ")


def test_a_cut_flate_stream_is_damage():
    body = zlib.compress(bytes(range(256)) * 64)
    data = b"%PDF-1.4\n" + _stream(body[: len(body) // 2])
    start = data.index(b"stream\n") + len(b"stream\n")
    assert flate_damage(data) == f"a compressed stream at byte {start} is cut short"


def test_images_and_encrypted_files_are_not_inflated():
    broken = b"\x78\x9c not deflate data"
    assert flate_damage(_stream(broken, b"/FlateDecode /Subtype /Image")) is None
    assert file_damage(_stream(broken) + b"trailer << /Encrypt 9 0 R >>") is None


def test_object_syntax_outside_streams():
    sound = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /F1R 2 0 R /Title (caf\xe9 3rd) >>\nendobj\n"
    assert syntax_damage(sound) is None
    assert syntax_damage(sound.replace(b"2 0 R", b"2A0 R")) == (
        "a malformed number in an object ('2A')"
    )
    assert syntax_damage(sound.replace(b"/F1R", b"/F\x81R")) is not None


def test_readers_disagreeing_is_measured_by_characters():
    assert text_disagreement("Good  outcome", "Goodoutcome") == 0.0
    assert text_disagreement("abcd", "abcx") == 0.5
    # A glyph pdfminer cannot name ("(cid:127)") is the bullet pdfium names: no disagreement;
    # it stands for one symbol only, never for a letter or digit.
    assert text_disagreement("• Plans", "(cid:127) Plans") == 0.0
    assert text_disagreement("•• Plans", "(cid:127) Plans") == 1 / 7
    assert text_disagreement("x Plans", "(cid:127) Plans") == 1 / 6


def test_a_page_pdfium_cannot_load_is_corrupt_pdf_in_every_reading(sample_pdf) -> None:
    """Regression (a byte flip in a JTAI letter): "Failed to load page" from pdfium while a
    letter or SEND reader asked for styled lines, rulings or boxed text was internal_error."""
    import pypdfium2 as pdfium
    import pytest

    from ofsted_cli.errors import CorruptPDFError
    from ofsted_cli.pdf import Box, Document

    class Unloadable:
        def __init__(self, real: object) -> None:
            self.real = real

        def __getitem__(self, index: int) -> object:
            raise pdfium.PdfiumError("Failed to load page.")

        def close(self) -> None:
            self.real.close()  # type: ignore[attr-defined]

    box = Box(0, 0, 500, 500)
    readings = [
        lambda d: d.text(1),
        lambda d: d.styled_lines(1),
        lambda d: d.rules(1),
        lambda d: d.texts_in(1, [box]),
        lambda d: d.text_bottom(1, box),
    ]
    for reading in readings:
        with Document(sample_pdf) as doc:
            doc._pdfium = Unloadable(doc._pdfium)
            with pytest.raises(CorruptPDFError, match="page 1 cannot be read"):
                reading(doc)
