"""The parse cache: parsed Reports kept in SQLite so a library of hundreds of PDFs is read once.

Rows are keyed by the file's sha256 and :func:`parser_version`, so editing, renaming or moving a
file, or upgrading the parser, can never serve a stale record. A second table memoises
``(path, size, mtime) -> sha256`` so a warm run need not even hash the files.

Only successful Reports are stored: a file that fails is read again next time (failures are
cheap, since a non-PDF is rejected by its first bytes).

The cache is an optimisation and never a reason to fail: a corrupt file is deleted and rebuilt,
and a locked or unwritable one is bypassed, each with one warning on stderr. Several processes
may use it at once (WAL journal, busy timeout, one short transaction per write).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .models import Report
from .pdf import file_sha256

#: The modules whose code decides a Report's content; their bytes are part of the cache key,
#: so any change to a reader retires the records the older code made, with nothing to bump.
PARSER_SOURCES = (
    "models.py",
    "pdf.py",
    "parser.py",
    "checks.py",
    "frameworks",
    "authorities.py",
    "data/authorities.csv",
)

#: The layout of the tables below; a file with another layout is rebuilt.
SCHEMA_VERSION = 1

#: The cache file's name inside :func:`cache_dir`.
CACHE_FILENAME = "parse-cache.sqlite3"

#: How long (ms) to wait for another process's write before giving up on an operation.
BUSY_TIMEOUT_MS = 5000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reports (
    sha256 TEXT NOT NULL,
    parser TEXT NOT NULL,
    report TEXT NOT NULL,
    stored REAL NOT NULL,
    PRIMARY KEY (sha256, parser)
);
CREATE TABLE IF NOT EXISTS hashes (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL
);
"""


def parser_version() -> str:
    """The part of the key that changes whenever the parser's output may change: the release
    and a fingerprint of the parsing code (about 100 KB, hashed once per run)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in PARSER_SOURCES:
        target = package / name
        files = sorted(target.glob("*.py")) if target.is_dir() else [target]
        for source in files:
            digest.update(source.name.encode())
            digest.update(source.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def cache_dir() -> Path:
    """``$OFSTED_CACHE_DIR``, else ``$XDG_CACHE_HOME/ofsted-cli``, else ``~/.cache/ofsted-cli``."""
    override = os.environ.get("OFSTED_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "ofsted-cli"


def default_path() -> Path:
    """Where the cache file lives for this user."""
    return cache_dir() / CACHE_FILENAME


def warn(message: str) -> None:
    """A one-line warning on stderr: the cache never interrupts the work it speeds up."""
    print(f"Warning: parse cache: {message}", file=sys.stderr)


@dataclass(frozen=True)
class CacheInfo:
    """What ``ofsted cache info`` shows."""

    path: str
    size_bytes: int
    reports: int
    current_reports: int
    hashes: int
    parser_version: str


class ParseCache:
    """An open cache file. Every method swallows SQLite errors: after the first one the cache
    warns once and behaves as empty, so a caller never needs a try block around it."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = conn
        self._lock = threading.Lock()
        self._parser = parser_version()

    @classmethod
    def open_default(cls) -> ParseCache | None:
        """The user's cache, or None (after a warning) when it cannot be used at all."""
        return cls.open(default_path())

    @classmethod
    def open(cls, path: str | Path) -> ParseCache | None:
        """Open or create the cache at ``path``; a corrupt file is replaced, a locked or
        unwritable one gives None after a warning."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            warn(f"cannot create {path.parent} ({exc.strerror}); not caching")
            return None
        try:
            return cls(path, _connect_patiently(path))
        except sqlite3.OperationalError as exc:
            if _is_locked(exc):
                warn(f"{path} is locked by another process; not caching this run")
                return None
            if not _is_corrupt(exc):
                warn(f"cannot open {path} ({exc}); not caching")
                return None
            reason: sqlite3.Error = exc
        except sqlite3.DatabaseError as exc:
            reason = exc
        warn(f"{path} was unreadable ({reason}); rebuilding it")
        _remove_files(path)
        try:
            return cls(path, _connect(path))
        except sqlite3.Error as exc:
            warn(f"cannot rebuild {path} ({exc}); not caching")
            return None

    def get(self, sha256: str, path: str | None = None) -> Report | None:
        """The cached Report of the file with this hash, or None. With ``path``, the record's
        ``source.path`` is that path (the same bytes may have been read under another name)."""
        row = self._fetch(
            "SELECT report FROM reports WHERE sha256 = ? AND parser = ?", (sha256, self._parser)
        )
        if row is None:
            return None
        try:
            report = Report.model_validate_json(row[0])
        except ValueError:
            return None
        if path is not None and report.source.path != path:
            report = report.model_copy(
                update={"source": report.source.model_copy(update={"path": path})}
            )
        return report

    def put(self, report: Report) -> None:
        """Store a successfully parsed Report under its source hash and this parser version."""
        self._execute(
            "INSERT OR REPLACE INTO reports (sha256, parser, report, stored) VALUES (?, ?, ?, ?)",
            (report.source.sha256, self._parser, report.model_dump_json(), time.time()),
        )

    def sha256_for(self, path: str) -> str:
        """The file's sha256, from the memo when its size and mtime are unchanged, else hashed
        (and remembered). Raises OSError when the file cannot be read."""
        stat = os.stat(path)
        key = os.path.abspath(path)
        row = self._fetch("SELECT size, mtime_ns, sha256 FROM hashes WHERE path = ?", (key,))
        if row is not None and row[0] == stat.st_size and row[1] == stat.st_mtime_ns:
            return str(row[2])
        digest = file_sha256(path)
        self._execute(
            "INSERT OR REPLACE INTO hashes (path, size, mtime_ns, sha256) VALUES (?, ?, ?, ?)",
            (key, stat.st_size, stat.st_mtime_ns, digest),
        )
        return digest

    def info(self) -> CacheInfo:
        """Counts and size, for ``ofsted cache info``."""

        def count(sql: str, params: tuple[object, ...] = ()) -> int:
            row = self._fetch(sql, params)
            return int(row[0]) if row else 0

        size = sum(p.stat().st_size for p in (self.path, *_sidecars(self.path)) if p.exists())
        return CacheInfo(
            path=str(self.path),
            size_bytes=size,
            reports=count("SELECT COUNT(*) FROM reports"),
            current_reports=count("SELECT COUNT(*) FROM reports WHERE parser = ?", (self._parser,)),
            hashes=count("SELECT COUNT(*) FROM hashes"),
            parser_version=self._parser,
        )

    def clear(self) -> int:
        """Forget every stored report and hash; returns how many reports there were."""
        before = self.info().reports
        self._execute("DELETE FROM reports", ())
        self._execute("DELETE FROM hashes", ())
        with self._lock:
            if self._conn is not None:
                # the rows are already gone; a failed VACUUM only delays reclaiming space
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("VACUUM")
        return before

    def close(self) -> None:
        """Close the connection; later calls behave as an empty cache."""
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.close()
                finally:
                    self._conn = None

    def __enter__(self) -> ParseCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _fetch(self, sql: str, params: tuple[object, ...]) -> tuple[Any, ...] | None:
        with self._lock:
            if self._conn is None:
                return None
            try:
                row: tuple[Any, ...] | None = self._conn.execute(sql, params).fetchone()
                return row
            except sqlite3.Error as exc:
                self._disable(exc)
                return None

    def _execute(self, sql: str, params: tuple[object, ...]) -> None:
        with self._lock:
            if self._conn is None:
                return
            try:
                self._conn.execute(sql, params)
            except sqlite3.OperationalError as exc:
                if _is_locked(exc):
                    return  # another process holds the lock too long: skip this write only
                self._disable(exc)
            except sqlite3.Error as exc:
                self._disable(exc)

    def _disable(self, exc: sqlite3.Error) -> None:
        """Stop using a cache that went bad mid-run; the next run rebuilds it if corrupt."""
        warn(f"{self.path} failed ({exc}); not caching the rest of this run")
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()  # type: ignore[union-attr]
        self._conn = None


def _connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (each statement its own short transaction), WAL, with
    a busy timeout; creates the tables, and rebuilds them when the schema version differs."""
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        _ensure_schema(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _connect_patiently(path: Path, attempts: int = 5) -> sqlite3.Connection:
    """:func:`_connect`, tried again a few times while another process holds the lock that
    switching to WAL or creating the tables needs (SQLite may refuse that without waiting)."""
    for attempt in range(1, attempts):
        try:
            return _connect(path)
        except sqlite3.OperationalError as exc:
            if not _is_locked(exc):
                raise
            time.sleep(0.1 * attempt)
    return _connect(path)


def _ensure_schema(conn: sqlite3.Connection) -> None:
    """Create the tables, or empty them when an older layout made them, in one write
    transaction: a process opening the file at the same moment waits rather than emptying
    rows that another has just written."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in filter(str.strip, _SCHEMA.split(";")):
            conn.execute(statement)
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is not None and row[0] != str(SCHEMA_VERSION):
            conn.execute("DELETE FROM reports")
            conn.execute("DELETE FROM hashes")
        if row is None or row[0] != str(SCHEMA_VERSION):
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)",
                (str(SCHEMA_VERSION),),
            )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _is_locked(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _is_corrupt(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


def _sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def _remove_files(path: Path) -> None:
    for p in (path, *_sidecars(path)):
        try:
            p.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            warn(f"cannot remove {p} ({exc.strerror})")
