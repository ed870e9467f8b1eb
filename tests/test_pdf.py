"""Page text as pdf.py hands it to every reader: pdfium's artefacts undone once, here."""

from __future__ import annotations

from ofsted_cli.pdf import Word, group_lines, normalise_page_text

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
