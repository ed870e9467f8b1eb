"""The parse cache: keys, the stat memo, corruption, and two processes at once."""

from __future__ import annotations

import multiprocessing
import os
from datetime import date
from pathlib import Path

import pytest

from ofsted_cli import cache as cache_module
from ofsted_cli.cache import ParseCache, default_path, file_sha256
from ofsted_cli.models import Area, Framework, Grade, Judgement, Report, Source


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own cache folder, so the user's cache is never touched."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("OFSTED_CACHE_DIR", str(folder))
    return folder


def make_report(sha: str = "a" * 64, path: str = "x.pdf") -> Report:
    return Report(
        source=Source(path=path, sha256=sha, pages=3),
        framework=Framework.ILACS,
        local_authority="Merton",
        inspection_start=date(2025, 7, 14),
        inspection_end=date(2025, 7, 18),
        published=None,
        lead_inspector=None,
        judgements=[
            Judgement(
                area=Area.OVERALL_EFFECTIVENESS,
                label="Overall effectiveness",
                grade=Grade.GOOD,
                page=1,
            )
        ],
        recommendations=[],
    )


def test_default_location_follows_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert default_path().parent == tmp_path / "cache"
    monkeypatch.delenv("OFSTED_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_path().parent == tmp_path / "xdg" / "ofsted-cli"


def test_put_then_get_round_trips_and_renames_source() -> None:
    store = ParseCache.open_default()
    assert store is not None
    report = make_report()
    store.put(report)
    assert store.get(report.source.sha256) == report
    moved = store.get(report.source.sha256, "elsewhere/y.pdf")
    assert moved is not None and moved.source.path == "elsewhere/y.pdf"
    assert store.get("b" * 64) is None
    store.close()


def test_key_includes_parser_version(monkeypatch: pytest.MonkeyPatch) -> None:
    store = ParseCache.open_default()
    assert store is not None
    store.put(make_report())
    store.close()
    monkeypatch.setattr(cache_module, "parser_version", lambda: "0.0.0+another-parser")
    newer = ParseCache.open_default()
    assert newer is not None
    assert newer.get("a" * 64) is None
    info = newer.info()
    assert (info.reports, info.current_reports) == (1, 0)
    newer.close()


def test_sha256_memo_follows_size_and_mtime(tmp_path: Path) -> None:
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(b"%PDF-1.4 one")
    store = ParseCache.open_default()
    assert store is not None
    first = store.sha256_for(str(pdf))
    assert first == file_sha256(pdf)
    assert store.info().hashes == 1
    pdf.write_bytes(b"%PDF-1.4 two, longer")
    os.utime(pdf, ns=(1, 1))
    assert store.sha256_for(str(pdf)) == file_sha256(pdf) != first
    store.close()


def test_corrupt_file_is_rebuilt_with_a_warning(
    _private_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _private_cache.mkdir(parents=True)
    (_private_cache / cache_module.CACHE_FILENAME).write_bytes(b"not sqlite at all" * 100)
    store = ParseCache.open_default()
    assert store is not None
    assert "rebuilding" in capsys.readouterr().err
    store.put(make_report())
    assert store.get("a" * 64) is not None
    store.close()


def test_unusable_folder_gives_none_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("OFSTED_CACHE_DIR", str(blocker / "cache"))
    assert ParseCache.open_default() is None
    assert "Warning: parse cache" in capsys.readouterr().err


def test_clear_empties_it() -> None:
    store = ParseCache.open_default()
    assert store is not None
    store.put(make_report())
    assert store.clear() == 1
    assert store.info().reports == 0
    store.close()


def _writer(folder: str, worker: int, count: int) -> None:
    os.environ["OFSTED_CACHE_DIR"] = folder
    store = ParseCache.open_default()
    assert store is not None
    for n in range(count):
        sha = f"{worker:02d}{n:062d}"
        store.put(make_report(sha=sha))
        assert store.get(sha) is not None
    store.close()


def test_two_processes_at_once(_private_cache: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(_private_cache), w, 40)) for w in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert [w.exitcode for w in workers] == [0, 0]
    store = ParseCache.open_default()
    assert store is not None
    assert store.info().reports == 80
    store.close()


def test_memo_key_changes_with_ctime_and_inode(tmp_path: Path) -> None:
    """A same-size replacement with the mtime set back (``cp -p``) has a new ctime; a
    replacement by rename has a new inode: either misses the memo and is hashed again."""
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(b"%PDF-1.4 one")
    os.utime(pdf, ns=(5, 5))
    store = ParseCache.open_default()
    assert store is not None
    before = os.stat(pdf)
    store.remember(str(pdf), before, "1" * 64)
    assert store.known_sha256(str(pdf), before) == "1" * 64
    pdf.write_bytes(b"%PDF-1.4 two")
    os.utime(pdf, ns=(5, 5))
    after = os.stat(pdf)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert store.known_sha256(str(pdf), after) is None
    assert store.sha256_for(str(pdf)) == file_sha256(pdf)
    renamed = tmp_path / "new.pdf"
    renamed.write_bytes(b"%PDF-1.4 two")
    os.replace(renamed, pdf)
    assert store.known_sha256(str(pdf), os.stat(pdf)) is None
    store.close()


def test_a_row_that_fails_its_checksum_is_dropped(
    _private_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ParseCache.open_default()
    assert store is not None
    store.put(make_report())
    store.close()
    import sqlite3

    with sqlite3.connect(_private_cache / cache_module.CACHE_FILENAME) as conn:
        conn.execute("UPDATE reports SET report = replace(report, 'Merton', 'Barnet')")
    store = ParseCache.open_default()
    assert store is not None
    assert store.get("a" * 64) is None
    assert "failed its checksum" in capsys.readouterr().err
    assert store.info().reports == 0  # dropped, so the file is parsed again
    store.close()


def test_a_record_under_another_files_hash_is_not_served() -> None:
    store = ParseCache.open_default()
    assert store is not None
    store.put(make_report(sha="c" * 64))
    # A row whose key and content disagree (checksum made for the forged key too).
    text = make_report(sha="d" * 64).model_dump_json()
    parser = cache_module.parser_version()
    assert store._conn is not None
    store._conn.execute(
        "UPDATE reports SET report = ?, checksum = ? WHERE sha256 = ?",
        (text, cache_module.checksum("c" * 64, parser, text), "c" * 64),
    )
    assert store.get("c" * 64) is None
    store.close()


def test_an_older_schema_is_rebuilt_with_a_warning(
    _private_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    _private_cache.mkdir(parents=True)
    with sqlite3.connect(_private_cache / cache_module.CACHE_FILENAME) as conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("INSERT INTO meta VALUES ('schema', '1')")
        conn.execute("CREATE TABLE hashes (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER)")
    store = ParseCache.open_default()
    assert store is not None
    assert capsys.readouterr().err == (
        "Warning: parse cache: made with schema version 1, "
        f"not {cache_module.SCHEMA_VERSION}; rebuilt\n"
    )
    store.put(make_report())
    assert store.get("a" * 64) is not None
    store.close()
    again = ParseCache.open_default()
    assert again is not None and again.get("a" * 64) is not None
    assert capsys.readouterr().err == ""
    again.close()
