"""The parse cache: parsed Reports kept in SQLite so a library of hundreds of PDFs is read once.

Rows are keyed by the file's sha256 and :func:`parser_version`, so editing, renaming or moving a
file, or upgrading the parser, can never serve a stale record. A second table memoises
``(path, size, mtime, ctime, inode, device) -> sha256`` so a warm run need not even hash the
files: ``cp -p`` and ``rsync -t`` can set a replaced file's mtime back, but not its ctime.
Every row carries a checksum of its content, checked on read: a row edited or damaged inside
the file is dropped (and the file parsed again), never served.

Only successful Reports are stored: a file that fails is read again next time (failures are
cheap, since a non-PDF is rejected by its first bytes).

The cache is an optimisation and never a reason to fail: a corrupt file (found on opening by
SQLite's quick check, or by a failing query) and a file of another schema version are rebuilt,
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
from .safe_text import inert

#: The modules whose code decides a Report's content; their bytes are part of the cache key,
#: so any change to a reader retires the records the older code made, with nothing to bump.
PARSER_SOURCES = (
    "models.py",
    "pdf.py",
    "damage.py",
    "parser.py",
    "checks.py",
    "frameworks",
    "authorities.py",
    "data/authorities.csv",
)

#: The layout of the tables below; a file with another layout is rebuilt.
SCHEMA_VERSION = 2

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
    checksum TEXT NOT NULL,
    PRIMARY KEY (sha256, parser)
);
CREATE TABLE IF NOT EXISTS hashes (
    path TEXT PRIMARY KEY,
    stat TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    checksum TEXT NOT NULL
);
"""

_TABLES = ("meta", "reports", "hashes")


def checksum(*fields: object) -> str:
    """A row's checksum: sha256 over its fields, each length-prefixed so none can borrow
    another's bytes."""
    digest = hashlib.sha256()
    for item in fields:
        data = str(item).encode("utf-8", "surrogateescape")
        digest.update(b"%d:" % len(data) + data)
    return digest.hexdigest()


def stat_key(info: os.stat_result) -> str:
    """What identifies a file's content without reading it: any write changes the size, the
    mtime or (even when ``cp -p`` restores the mtime) the ctime; a replacement by rename
    changes the inode."""
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}:{info.st_dev}"


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
    print(f"Warning: parse cache: {inert(message)}", file=sys.stderr)


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
        self._dropped = False
        self._rebuilt = False

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
        ``source.path`` is that path (the same bytes may have been read under another name).
        A row whose checksum or content does not match its key is dropped, not served."""
        row = self._fetch(
            "SELECT report, checksum FROM reports WHERE sha256 = ? AND parser = ?",
            (sha256, self._parser),
        )
        if row is None:
            return None
        text, stored_sum = row
        report = None
        if stored_sum == checksum(sha256, self._parser, text):
            try:
                report = Report.model_validate_json(text)
            except ValueError:
                report = None
        if report is None or report.source.sha256 != sha256:
            self._drop("reports", "sha256 = ? AND parser = ?", (sha256, self._parser))
            return None
        if path is not None and report.source.path != path:
            report = report.model_copy(
                update={"source": report.source.model_copy(update={"path": path})}
            )
        return report

    def put(self, report: Report) -> None:
        """Store a successfully parsed Report under its source hash and this parser version."""
        text = report.model_dump_json()
        sha = report.source.sha256
        self._execute(
            "INSERT OR REPLACE INTO reports (sha256, parser, report, stored, checksum) "
            "VALUES (?, ?, ?, ?, ?)",
            (sha, self._parser, text, time.time(), checksum(sha, self._parser, text)),
        )

    def known_sha256(self, path: str, info: os.stat_result) -> str | None:
        """The file's sha256 as remembered for exactly this ``stat`` (see :func:`stat_key`),
        or None: nothing is read from the file."""
        key = os.path.abspath(path)
        row = self._fetch("SELECT stat, sha256, checksum FROM hashes WHERE path = ?", (key,))
        if row is None or row[0] != stat_key(info):
            return None
        if row[2] != checksum(key, row[0], row[1]):
            self._drop("hashes", "path = ?", (key,))
            return None
        return str(row[1])

    def remember(self, path: str, info: os.stat_result, sha256: str) -> None:
        """Remember the hash of the file's bytes as they were when ``info`` was taken."""
        key, stat = os.path.abspath(path), stat_key(info)
        self._execute(
            "INSERT OR REPLACE INTO hashes (path, stat, sha256, checksum) VALUES (?, ?, ?, ?)",
            (key, stat, sha256, checksum(key, stat, sha256)),
        )

    def sha256_for(self, path: str) -> str:
        """The file's sha256, from the memo when its stat is unchanged, else hashed (and
        remembered). Raises OSError when the file cannot be read or is not a regular file."""
        info = os.stat(path)
        known = self.known_sha256(path, info)
        if known is not None:
            return known
        digest = file_sha256(path)
        self.remember(path, info, digest)
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

    def _drop(self, table: str, where: str, params: tuple[object, ...]) -> None:
        """Delete a row that failed its checksum, once per run with a warning."""
        if not self._dropped:
            self._dropped = True
            warn(f"{self.path}: a stored row failed its checksum; dropped and read again")
        self._execute(f"DELETE FROM {table} WHERE {where}", params)

    def _disable(self, exc: sqlite3.Error) -> None:
        """A cache that went bad mid-run: rebuilt at once (the first time) when its file is
        damaged, else (or when that fails) not used for the rest of this run."""
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()  # type: ignore[union-attr]
        self._conn = None
        if _is_corrupt(exc) and not self._rebuilt:
            self._rebuilt = True
            warn(f"{self.path} is damaged ({exc}); rebuilding it")
            _remove_files(self.path)
            try:
                self._conn = _connect(self.path)
                return
            except sqlite3.Error as again:
                exc = again
        warn(f"{self.path} failed ({exc}); not caching the rest of this run")


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
    """Create the tables, or drop and re-create them when another schema version made them
    (their columns may differ), in one write transaction: a process opening the file at the
    same moment waits rather than emptying rows that another has just written. Then SQLite's
    quick check: damage anywhere in the file is found now, not by a query mid-run."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        version = None
        if "meta" in tables:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            version = row[0] if row else None
        stale = bool(tables) and version != str(SCHEMA_VERSION)
        if stale:
            for table in _TABLES:
                conn.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in filter(str.strip, _SCHEMA.split(";")):
            conn.execute(statement)
        if version != str(SCHEMA_VERSION):
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)",
                (str(SCHEMA_VERSION),),
            )
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    if stale:
        warn(f"made with schema version {version or 'unknown'}, not {SCHEMA_VERSION}; rebuilt")
    (verdict,) = conn.execute("PRAGMA quick_check").fetchone()
    if verdict != "ok":
        raise sqlite3.DatabaseError(f"database disk image is malformed ({verdict})")


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
