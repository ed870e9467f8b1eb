"""`--html FILE` on compare and history: a self-contained, escaped page, checked in a real
browser (headless Chromium) for the colours of its grade cells, its text, and its A4 print."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from ofsted_cli.cli import cli
from ofsted_cli.compare import align
from ofsted_cli.html_page import BLANK_COLOUR, GRADE_COLOURS, comparison_page

from .conftest import SAMPLES
from .hostile import hostile_report

LIBRARY = ["--reports", str(SAMPLES)]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_browser = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium on PATH (Debian: apt-get install chromium; .ci/run installs it)",
)


def write_page(tmp_path: Path, command: list[str]) -> tuple[Path, str]:
    page = tmp_path / "page.html"
    result = CliRunner().invoke(
        cli, [*command, "--html", str(page), *LIBRARY], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Wrote {page}\n"
    return page, result.stdout


def test_page_escapes_every_text_and_needs_no_network():
    report = hostile_report()
    page = comparison_page(align([report], [report.local_authority or ""]), trend=False)
    assert "<script>" not in page and "<img" not in page and "\x1b" not in page
    assert "[bold]Evil[/bold] &lt;script&gt;alert(1)&lt;/script&gt; &amp; \\x1b]0;title" in page
    assert 'title="[blink]x&quot; onmouseover=&quot;y[/blink]\\x1b[2J"' in page
    assert "Stop &lt;img src=http://x&gt; \\x1b[31m[red]now[/red]" in page
    assert "<code>/abs/dir/[red]x[/red]&quot;&lt;b&gt;\\x1b[2J.pdf</code>" in page
    # No script, stylesheet, font or image is fetched, and the page forbids any fetch.
    assert "<script" not in page and "<link" not in page and "url(" not in page
    assert "default-src 'none'" in page


def test_history_html_names_grades_recommendations_and_files(tmp_path):
    page, stdout = write_page(tmp_path, ["history", "merton"])
    assert "Merton: 2 inspection(s)" in stdout  # the table still goes to stdout
    text = page.read_text(encoding="utf-8")
    assert "<title>Merton: 2 inspection(s)</title>" in text
    assert '<td class="g-outstanding" title="Overall effectiveness">Outstanding ↑</td>' in text
    assert (
        "<li>Telling children in care about advocacy" not in text  # Barnet's, not Merton's
    )
    assert "Give every care leaver who would benefit from it the chance to stay put" in text
    assert '<span class="page">(p.&nbsp;2)</span>' in text
    assert f"<code>{SAMPLES / 'merton-2017.pdf'}</code>" in text
    assert f"<code>{SAMPLES / 'merton-2025.pdf'}</code>" in text


def test_summary_html_counts_and_each_authoritys_grade(tmp_path):
    """summary --html: England's counts and shares by grade, then one coloured cell per
    authority (region by region, then name), its inspection named among the sources."""
    page, stdout = write_page(tmp_path, ["summary", "--at", "2026-01-01", "--json"])
    assert json.loads(stdout)["grades"] == {
        "outstanding": 1,
        "good": 1,
        "requires_improvement": 1,
        "inadequate": 0,
    }
    text = page.read_text(encoding="utf-8")
    assert "<title>Overall effectiveness on 2026-01-01 (ILACS, SIF)</title>" in text
    england = text.split('<th scope="row">England</th>', 1)[1].split("</tr>", 1)[0]
    assert england == (
        "<td>3 of 153</td>"
        '<td class="g-outstanding">1 (33%)</td><td class="g-good">1 (33%)</td>'
        '<td class="g-requires_improvement">1 (33%)</td><td class="g-inadequate">0 (0%)</td>'
        "<td>2 (67%)</td>"
    )
    cells = re.findall(r'<th scope="row">(\w+)<small>.*?<td class="g-(\w+)"', text)
    assert cells == [
        ("Barnet", "good"),
        ("Merton", "outstanding"),
        ("Kirklees", "requires_improvement"),
    ]
    assert f"<code>{SAMPLES / 'merton-2025.pdf'}</code>" in text


def test_html_to_an_unwritable_place_is_one_line(tmp_path):
    target = tmp_path / "missing" / "page.html"
    result = CliRunner().invoke(cli, ["history", "merton", "--html", str(target), *LIBRARY])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {target}: cannot write (No such file or directory)\n"


def chromium(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--force-color-profile=srgb",
            "--hide-scrollbars",
            f"--user-data-dir={cwd / 'profile'}",
            *args,
        ],
        capture_output=True,
        timeout=120,
        check=True,
        cwd=cwd,
    )


def _hex(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


#: Each cell background the page may show, by the name the test reads it back as.
PALETTE = {grade.value: _hex(bg) for grade, (bg, _) in GRADE_COLOURS.items()}
PALETTE["blank"] = _hex(BLANK_COLOUR)


def heatmap_rows(png: Path, cells: int, min_run: int = 40) -> list[list[str]]:
    """The heat-map as the browser drew it: each pixel line across the page whose colours
    are ``cells`` long runs of cell backgrounds (a line through the cells' padding, clear of
    text) is read as the row's colours; a line with no cell colour at all (the border
    between rows) ends a row, so a row's lines above and below its text count once."""
    from PIL import Image

    image = Image.open(png).convert("RGB")
    width, height = image.size
    pixels = image.load()
    assert pixels is not None

    known: dict[tuple[int, int, int], str | None] = {}

    def name(rgb: tuple[int, int, int]) -> str | None:
        if rgb not in known:
            near = (k for k, c in PALETTE.items() if sum(map(abs, map(int.__sub__, rgb, c))) <= 9)
            known[rgb] = next(near, None)
        return known[rgb]

    rows: list[list[str]] = []
    previous: list[str] | None = None
    for y in range(height):
        runs: list[tuple[str | None, int]] = []
        for x in range(width):
            key = name(pixels[x, y])  # type: ignore[arg-type]
            if runs and runs[-1][0] == key:
                runs[-1] = (key, runs[-1][1] + 1)
            else:
                runs.append((key, 1))
        coloured = [(key, length) for key, length in runs if key is not None and length > 3]
        if not coloured:  # a border between table rows (or no table at all)
            previous = None
            continue
        line = [key for key, length in coloured]
        if len(line) == cells and all(length >= min_run for _, length in coloured):
            if line != previous:
                rows.append(line)
            previous = line
    return rows


@needs_browser
def test_browser_draws_the_grade_colours_and_text(tmp_path):
    page, _ = write_page(tmp_path, ["compare", "merton", "barnet", "kirklees", "kent"])
    chromium("--screenshot=shot.png", "--window-size=1200,900", page.as_uri(), cwd=tmp_path)
    blank = ["blank"] * 3
    assert heatmap_rows(tmp_path / "shot.png", cells=8) == [
        ["outstanding"] * 2 + ["good"] + ["outstanding"] * 2 + blank,
        ["good"] * 4 + ["blank"] + blank,
        ["requires_improvement"] * 4 + ["blank"] + blank,
        ["adequate"] * 2 + ["blank"] * 3 + ["good", "adequate", "adequate"],
    ]
    dom = chromium("--dump-dom", page.as_uri(), cwd=tmp_path).stdout.decode()
    assert '<td class="g-requires_improvement" title="Overall effectiveness">' in dom
    assert "Requires improvement</td>" in dom
    assert "Kirklees<small><span>2019-06-10</span> <span>to</span> <span>2019-06-21</span>" in dom


@needs_browser
def test_page_prints_on_a4(tmp_path):
    import pypdfium2

    page, _ = write_page(tmp_path, ["history", "merton"])
    chromium("--no-pdf-header-footer", "--print-to-pdf=page.pdf", page.as_uri(), cwd=tmp_path)
    pdf = pypdfium2.PdfDocument(tmp_path / "page.pdf")
    try:
        sizes = {tuple(round(v) for v in pdf[i].get_size()) for i in range(len(pdf))}
        assert sizes == {(842, 595)}  # seven areas: A4 landscape
        text = pdf[0].get_textpage().get_text_range()
        assert "Merton: 2 inspection(s)" in text and "Outstanding" in text
    finally:
        pdf.close()
