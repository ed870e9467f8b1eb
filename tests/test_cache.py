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
