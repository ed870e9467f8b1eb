"""The report library as a SQLite database for SQL, spreadsheets and Datasette.

Tables: ``reports`` (one row per file, failed files included with their error),
``judgements`` and ``recommendations`` (rows of a report, in report order), with primary and
foreign keys, indexes on authority and date, and ``recommendations_fts``, an FTS5 index of the
recommendations' text, rebuilt whenever a run changes them (Datasette finds it by itself;
one rebuild costs less than keeping it in step row by row).

Written with the standard library's sqlite3: the schema is a few statements we want to state
exactly (keys, cascades, FTS5 triggers), the parse cache already uses sqlite3, and a bulk
``executemany`` in one transaction is as fast as it gets, so sqlite-utils would add a
dependency without saving code.

Re-running updates the file in place: a file whose bytes (sha256) and parser are unchanged is
left alone, a new or changed one is (re)written, and a file no longer in the library is
deleted with its rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .compare import iso, row_for
from .library import ProgressStart, read_records
from .models import Area, ErrorRecord, Report

if TYPE_CHECKING:
    from .cache import ParseCache

#: The layout below; a database written with another layout is rebuilt from scratch.
SCHEMA_VERSION = "1"

SCHEMA = """
CREATE TABLE IF NOT EXISTS ofsted_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT,
    framework TEXT,
    authority_code TEXT,
    authority_name TEXT,
    region TEXT,
    local_authority TEXT,
    inspection_start TEXT,
    inspection_end TEXT,
    published TEXT,
    letter_date TEXT,
    theme TEXT,
    lead_inspector TEXT,
    pages INTEGER,
    warnings TEXT,
    error_type TEXT,
    error_message TEXT
);
CREATE INDEX IF NOT EXISTS reports_authority_code ON reports (authority_code);
CREATE INDEX IF NOT EXISTS reports_local_authority ON reports (local_authority);
CREATE INDEX IF NOT EXISTS reports_inspection_start ON reports (inspection_start);
CREATE TABLE IF NOT EXISTS judgements (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    area TEXT NOT NULL,
    "row" TEXT,
    label TEXT NOT NULL,
    grade TEXT NOT NULL,
    page INTEGER NOT NULL,
    UNIQUE (report_id, position)
);
CREATE INDEX IF NOT EXISTS judgements_row_grade ON judgements ("row", grade);
CREATE TABLE IF NOT EXISTS recommendations (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    body TEXT NOT NULL,
    priority TEXT NOT NULL,
    responsible TEXT,
    page INTEGER NOT NULL,
    UNIQUE (report_id, position)
);
CREATE VIRTUAL TABLE IF NOT EXISTS recommendations_fts USING fts5 (
    text, content = 'recommendations', content_rowid = 'id'
);
"""

_TABLES = ("recommendations_fts", "recommendations", "judgements", "reports", "ofsted_meta")

_REPORT_COLUMNS = [
    "path",
    "sha256",
    "framework",
    "authority_code",
    "authority_name",
    "region",
    "local_authority",
    "inspection_start",
    "inspection_end",
    "published",
    "letter_date",
    "theme",
    "lead_inspector",
    "pages",
    "warnings",
    "error_type",
    "error_message",
]


class ExportError(Exception):
    """The database file cannot be used (not SQLite, read-only, damaged)."""


@dataclass
class ExportResult:
    """What a run did, for the closing line on stderr."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: list[ErrorRecord] = field(default_factory=list)

    @property
    def files(self) -> int:
        return self.added + self.changed + self.unchanged


def export_library(
    db_path: str | Path,
    files: Sequence[str],
    *,
    use_cache: bool = True,
    jobs: int | None = None,
    progress: ProgressStart | None = None,
) -> ExportResult:
    """Bring the database at ``db_path`` up to date with ``files``: write new and changed
    files, delete the rows of files no longer listed, leave the rest. ``result.failed`` holds
    every file in the database that could not be read. Raises ExportError for a bad file."""
    from .cache import ParseCache, parser_version

    files = list(dict.fromkeys(files))  # a folder given twice is still one row per file
    try:
        conn = sqlite3.connect(db_path, isolation_level=None)
    except sqlite3.Error as exc:
        raise ExportError(f"cannot open the database ({exc})") from None
    try:
        parser = parser_version()
        existing = _prepare(conn, parser)
        hashes = ParseCache.open_default() if use_cache else None
        result = ExportResult()
        todo: list[str] = []
        try:
            for path in files:
                old = existing.get(path)
                if old is not None and old[1] is not None and old[1] == _sha256(path, hashes):
                    result.unchanged += 1
                else:
                    todo.append(path)
        finally:
            if hashes is not None:
                hashes.close()
        records = read_records(todo, use_cache=use_cache, jobs=jobs, progress=progress)
        gone = set(existing) - set(files)
        conn.execute("BEGIN IMMEDIATE")
        try:
            for path in sorted(gone):
                _delete(conn, existing[path][0])
            result.removed = len(gone)
            for record in records:
                path = record.source.path
                if path in existing:
                    result.changed += 1
                else:
                    result.added += 1
                _write(conn, record, existing.get(path, (None, None))[0])
            conn.execute(
                "INSERT OR REPLACE INTO ofsted_meta (key, value) VALUES ('parser', ?)", (parser,)
            )
            if records or gone:
                conn.execute(
                    "INSERT INTO recommendations_fts (recommendations_fts) VALUES ('rebuild')"
                )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        result.failed = _failed(conn)
        return result
    except sqlite3.Error as exc:
        raise ExportError(f"cannot write the database ({exc})") from None
    finally:
        conn.close()


def _prepare(conn: sqlite3.Connection, parser: str) -> dict[str, tuple[int, str | None]]:
    """Create (or, for another layout, recreate) the tables; the files already exported as
    path -> (id, sha256), empty when the parser changed since (every file is rewritten)."""
    conn.execute("PRAGMA foreign_keys = ON")
    try:
        meta = dict(conn.execute("SELECT key, value FROM ofsted_meta").fetchall())
    except sqlite3.OperationalError as exc:
        if "no such table" not in str(exc):
            raise
        meta = {}
    if meta and meta.get("schema") != SCHEMA_VERSION:
        for table in _TABLES:
            conn.execute(f"DROP TABLE IF EXISTS {table}")
        meta = {}
    conn.executescript(f"BEGIN; {SCHEMA} COMMIT;")  # one transaction: one sync, not one each
    conn.execute(
        "INSERT OR REPLACE INTO ofsted_meta (key, value) VALUES ('schema', ?)", (SCHEMA_VERSION,)
    )
    rows = conn.execute("SELECT path, id, sha256 FROM reports").fetchall()
    if meta.get("parser") != parser:
        return {path: (id_, None) for path, id_, _ in rows}
    return {path: (id_, sha) for path, id_, sha in rows}


def _sha256(path: str, hashes: ParseCache | None) -> str | None:
    """The file's sha256, from the parse cache's memo when there is one; None if unreadable."""
    from .pdf import sha256_of

    if hashes is not None:
        try:
            return hashes.sha256_for(path)
        except OSError:
            return None
    return sha256_of(path)


def _delete(conn: sqlite3.Connection, report_id: int) -> None:
    """A report's rows and then the report."""
    conn.execute("DELETE FROM recommendations WHERE report_id = ?", (report_id,))
    conn.execute("DELETE FROM judgements WHERE report_id = ?", (report_id,))
    conn.execute("DELETE FROM reports WHERE id = ?", (report_id,))


def _report_values(record: Report | ErrorRecord) -> list[object]:
    if isinstance(record, ErrorRecord):
        values: dict[str, object] = {
            "path": record.source.path,
            "sha256": record.source.sha256,
            "error_type": record.error.type,
            "error_message": record.error.message,
        }
    else:
        authority = record.authority
        values = {
            "path": record.source.path,
            "sha256": record.source.sha256,
            "framework": record.framework.value,
            "authority_code": authority.code if authority else None,
            "authority_name": authority.name if authority else None,
            "region": authority.region if authority else None,
            "local_authority": record.local_authority,
            "inspection_start": iso(record.inspection_start),
            "inspection_end": iso(record.inspection_end),
            "published": iso(record.published),
            "letter_date": iso(record.letter_date),
            "theme": record.theme,
            "lead_inspector": record.lead_inspector,
            "pages": record.source.pages,
            "warnings": json.dumps(
                [w.model_dump(mode="json") for w in record.warnings], ensure_ascii=False
            )
            if record.warnings
            else None,
        }
    return [values.get(column) for column in _REPORT_COLUMNS]


def _write(conn: sqlite3.Connection, record: Report | ErrorRecord, report_id: int | None) -> None:
    """Insert a file's rows, replacing what an earlier run wrote for it (keeping its id)."""
    values = _report_values(record)
    if report_id is None:
        marks = ", ".join("?" * len(_REPORT_COLUMNS))
        cursor = conn.execute(
            f"INSERT INTO reports ({', '.join(_REPORT_COLUMNS)}) VALUES ({marks})", values
        )
        report_id = int(cursor.lastrowid or 0)
    else:
        conn.execute("DELETE FROM recommendations WHERE report_id = ?", (report_id,))
        conn.execute("DELETE FROM judgements WHERE report_id = ?", (report_id,))
        assignments = ", ".join(f"{column} = ?" for column in _REPORT_COLUMNS)
        conn.execute(f"UPDATE reports SET {assignments} WHERE id = ?", [*values, report_id])
    if isinstance(record, ErrorRecord):
        return
    conn.executemany(
        'INSERT INTO judgements (report_id, position, area, "row", label, grade, page) '
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (report_id, n, j.area.value, _row_key(record, j.area), j.label, j.grade.value, j.page)
            for n, j in enumerate(record.judgements, start=1)
        ],
    )
    conn.executemany(
        "INSERT INTO recommendations "
        "(report_id, position, text, body, priority, responsible, page) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (report_id, n, r.text, r.body.value, r.priority.value, r.responsible, r.page)
            for n, r in enumerate(record.recommendations, start=1)
        ],
    )


def _row_key(report: Report, area: Area) -> str | None:
    """The aligned row of ``compare`` the judgement belongs to (None when it has none)."""
    row = row_for(report.framework, area)
    return row.key if row is not None else None


def _failed(conn: sqlite3.Connection) -> list[ErrorRecord]:
    """Every file in the database that could not be read, as error records."""
    from .models import ErrorInfo, ErrorSource

    rows = conn.execute(
        "SELECT path, sha256, error_type, error_message FROM reports "
        "WHERE error_type IS NOT NULL ORDER BY path"
    ).fetchall()
    return [
        ErrorRecord(
            source=ErrorSource(path=path, sha256=sha),
            error=ErrorInfo(type=kind, message=message),
        )
        for path, sha, kind, message in rows
    ]
