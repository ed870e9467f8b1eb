"""`ofsted export`: the library as SQLite, exact rows on the sample reports, keys and FTS5,
updates in place."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from ofsted_cli.cli import cli

from .conftest import SAMPLES


@pytest.fixture
def library(tmp_path: Path, html_as_pdf: Path) -> Path:
    """The ten samples and one web page saved as a PDF, in a folder of their own."""
    folder = tmp_path / "library"
    folder.mkdir()
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        shutil.copy(pdf, folder / pdf.name)
    shutil.copy(html_as_pdf, folder / "not-a-report.pdf")
    return folder


def export(db: Path, folder: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["export", str(db), "--reports", str(folder), *args], catch_exceptions=False
    )
    return result.exit_code, result.stderr


def rows(db: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def test_export_writes_every_file_with_keys_and_full_text(tmp_path, library):
    db = tmp_path / "reports.sqlite"
    code, stderr = export(db, library)
    assert code == 1  # one file could not be read
    assert stderr.splitlines()[0] == "Warning: 1 file skipped: not a PDF — -v to list them"
    assert stderr.splitlines()[1].startswith(f"Exported 11 files to {db} in ")
    assert stderr.splitlines()[1].endswith(": 11 new, 0 changed, 0 removed, 0 unchanged.")
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert rows(db, "PRAGMA foreign_key_check") == []
    assert rows(
        db,
        "SELECT substr(path, length(?) + 2), framework, local_authority, inspection_start, "
        "inspection_end, published, lead_inspector, error_type FROM reports ORDER BY path",
        str(library),
    ) == [
        ("barnet-2019.pdf", "ilacs", "London Borough of Barnet", "2019-05-13", "2019-05-24",
         None, "Miriam Holloway", None),
        ("derbyshire-send-2024.pdf", "area_send", "Derbyshire", "2024-09-23", "2024-09-27",
         None, "Ruth Ashdown", None),
        ("dorset-focused-visit-2023.pdf", "focused_visit", "Dorset", "2023-05-17",
         "2023-05-18", None, "Kate Sample and Owen Placeholder", None),
        ("dorset-send-2024.pdf", "area_send", "Dorset", "2024-03-11", "2024-03-15", None,
         "Helena Marsh", None),
        ("kent-2013.pdf", "lac_2012", "Kent County Council", "2013-07-15", "2013-07-19",
         "2013-08-23", "Catherine Mowbray", None),
        ("kirklees-2019.pdf", "ilacs", "Kirklees Metropolitan Borough Council", "2019-06-10",
         "2019-06-21", None, "Owen Radcliffe", None),
        ("kirklees-jtai-2022.pdf", "jtai", "Kirklees", "2022-06-27", "2022-07-01", None, None,
         None),
        ("merton-2017.pdf", "sif", "London Borough of Merton Council", "2017-06-12",
         "2017-07-06", "2017-08-25", "Philippa Marsh", None),
        ("merton-2025.pdf", "ilacs", "Merton", "2025-07-14", "2025-07-18", None,
         "Gareth Penrose", None),
        ("north-east-lincolnshire-focused-visit-2019.pdf", "focused_visit",
         "North East Lincolnshire", "2019-03-14", "2019-03-14", None,
         "Lena Testwood and Paul Specimen", None),
        ("not-a-report.pdf", None, None, None, None, None, None, "not_a_pdf"),
    ]  # fmt: skip
    assert rows(db, "SELECT count(*) FROM judgements") == [(27,)]
    assert rows(db, "SELECT count(*) FROM recommendations") == [(43,)]
    assert rows(
        db,
        'SELECT j.position, j.area, j."row", j.grade, j.page FROM judgements j '
        "JOIN reports r ON r.id = j.report_id WHERE r.path LIKE '%kent-2013.pdf' "
        "ORDER BY j.position",
    ) == [
        (1, "overall_effectiveness", "overall_effectiveness", "adequate", 4),
        (2, "capacity_to_improve", "capacity_to_improve", "good", 4),
        (3, "outcomes", "outcomes", "adequate", 4),
        (4, "quality_of_provision", "quality_of_provision", "adequate", 4),
        (5, "leadership_and_management", "leadership", "adequate", 4),
    ]
    assert rows(
        db,
        "SELECT rec.position, rec.text, rec.body, rec.priority, rec.page "
        "FROM recommendations_fts JOIN recommendations rec ON rec.id = recommendations_fts.rowid "
        "WHERE recommendations_fts MATCH 'advocacy'",
    ) == [
        (4, "Telling children in care about advocacy and helping them to use it.",
         "local_authority", "improve", 2),
    ]  # fmt: skip
    error = rows(
        db, "SELECT error_message, sha256 IS NOT NULL FROM reports WHERE framework IS NULL"
    )
    assert error == [("is an HTML page, not a PDF (no %PDF header)", 1)]


def test_export_again_updates_in_place(tmp_path, library):
    db = tmp_path / "reports.sqlite"
    export(db, library)
    ids = dict(rows(db, "SELECT path, id FROM reports"))
    code, stderr = export(db, library, "-q")
    assert code == 1
    assert stderr == "Warning: 1 file skipped: not a PDF — -v to list them\n"
    assert dict(rows(db, "SELECT path, id FROM reports")) == ids

    (library / "not-a-report.pdf").unlink()
    shutil.copy(SAMPLES / "kirklees-2019.pdf", library / "barnet-2019.pdf")  # changed bytes
    code, stderr = export(db, library)
    assert code == 0
    assert stderr.endswith(": 0 new, 1 changed, 1 removed, 9 unchanged.\n")
    barnet = str(library / "barnet-2019.pdf")
    assert rows(db, "SELECT id, local_authority FROM reports WHERE path = ?", barnet) == [
        (ids[barnet], "Kirklees Metropolitan Borough Council")
    ]
    assert rows(db, "SELECT count(*) FROM reports") == [(10,)]
    assert rows(db, "SELECT count(*) FROM recommendations_fts WHERE text MATCH 'advocacy'") == [
        (0,)
    ]
    assert rows(db, "PRAGMA foreign_key_check") == []
    assert (
        rows(db, "INSERT INTO recommendations_fts(recommendations_fts) VALUES('integrity-check')")
        == []
    )


def test_a_folder_given_twice_is_one_row_per_file(tmp_path, library):
    db = tmp_path / "r.sqlite"
    code, _ = export(db, library, "--reports", str(library), "-q")
    assert code == 1
    assert rows(db, "SELECT count(*), count(DISTINCT path) FROM reports") == [(11, 11)]


def test_export_verbose_names_skipped_files(tmp_path, library):
    code, stderr = export(tmp_path / "r.sqlite", library, "-v", "-q")
    assert code == 1
    assert stderr.splitlines() == [
        "Warning: 1 file skipped: not a PDF:",
        f"  {library / 'not-a-report.pdf'}: is an HTML page, not a PDF (no %PDF header)",
    ]


def test_export_into_a_file_that_is_not_a_database(tmp_path, library):
    db = tmp_path / "notes.sqlite"
    db.write_text("shopping list\n" * 100)
    code, stderr = export(db, library)
    assert code == 1
    assert stderr == f"Error: {db}: cannot write the database (file is not a database)\n"
    assert db.read_text().startswith("shopping list")


class FakeBar:
    """Stands in for parse's progress bar: records what it was told."""

    made: list[FakeBar] = []

    def __init__(self, total: int, console: object) -> None:
        self.total, self.done, self.closed = total, 0, False
        FakeBar.made.append(self)

    def advance(self, n: int) -> None:
        self.done += n

    def close(self) -> None:
        self.closed = True


@pytest.mark.parametrize(
    "command",
    [["list"], ["history", "merton"], ["compare", "merton", "kent"], ["export", "DB"]],
)
def test_library_commands_show_progress_only_while_parsing(command, tmp_path, monkeypatch):
    """On a terminal, the first run parses the five samples under parse's progress bar; a
    second run finds them in the cache and shows none; -q never shows one."""
    import ofsted_cli.cli
    import ofsted_cli.progress

    monkeypatch.setattr(ofsted_cli.cli, "_stderr_is_terminal", lambda: True)
    monkeypatch.setattr(ofsted_cli.progress, "ProgressBar", FakeBar)
    FakeBar.made = []
    args = [str(tmp_path / "db.sqlite") if a == "DB" else a for a in command]
    for cache, extra in (("a", ["-q"]), ("b", []), ("b", [])):
        monkeypatch.setenv("OFSTED_CACHE_DIR", str(tmp_path / cache))
        (tmp_path / "db.sqlite").unlink(missing_ok=True)
        result = CliRunner().invoke(
            cli, [*args, "--reports", str(SAMPLES), *extra], catch_exceptions=False
        )
        assert result.exit_code == 0, result.stderr
        if extra:
            assert FakeBar.made == []
    assert [(bar.total, bar.done, bar.closed) for bar in FakeBar.made] == [(10, 10, True)]
