"""Text from PDFs and file names cannot act as markup or terminal control."""

from __future__ import annotations

from rich.console import Console

from ofsted_cli.safe_text import for_rich, inert


def test_control_characters_become_visible_escapes():
    assert inert("a\x1b[2Jb\nc\r\x07d\x9be") == "a\\x1b[2Jb\\nc\\r\\x07d\\x9be"


def test_tab_and_non_ascii_text_are_kept():
    assert inert("Children’s\tservices é") == "Children’s\tservices é"


def test_markup_prints_as_typed_and_unbalanced_tags_do_not_raise():
    console = Console(width=80, color_system=None, record=True)
    console.print(for_rich("[bold red]x[/bold red] [/x] [link=http://a]y[/link]"))
    assert console.export_text().strip() == "[bold red]x[/bold red] [/x] [link=http://a]y[/link]"
