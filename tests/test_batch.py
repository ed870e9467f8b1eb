"""Batch parsing: folders, parallel workers, input order, time limits, crashed workers, cache,
progress output. Slow, hanging or crashing files are simulated by parse functions injected
into the batch (they run in the worker processes), so no pathological PDF is needed."""

from __future__ import annotations

import faulthandler
import hashlib
import json
import multiprocessing
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from ofsted_cli import batch
from ofsted_cli.cli import cli
from ofsted_cli.models import Area, ErrorRecord, Framework, Grade, Judgement, Report, Source
from ofsted_cli.parser import parse_result

PROGRESS_MARKS = ("━", "\r", "\x1b[", "Parsing")


def make_pdf(path: Path, pages: int = 1) -> Path:
    """A small valid PDF of blank pages (the readers report it as unrecognised)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = pdfium.PdfDocument.new()
    for _ in range(pages):
        doc.new_page(595, 842)
    doc.save(str(path))
    doc.close()
    return path


def fake_report(path: str) -> Report:
    """A Report for ``path`` without reading it: content that depends only on the name."""
    return Report(
        source=Source(
            path=path, sha256=hashlib.sha256(Path(path).name.encode()).hexdigest(), pages=3
        ),
        framework=Framework.ILACS,
        local_authority=Path(path).stem,
        inspection_start=None,
        inspection_end=None,
        published=None,
        lead_inspector="A N Inspector",
        judgements=[
            Judgement(area=Area.OVERALL_EFFECTIVENESS, label="Overall", grade=Grade.GOOD, page=2)
        ],
        recommendations=[],
    )


def scripted_parse(path: str, *, with_traceback: bool = False) -> Report | ErrorRecord:
    """Behaves as the file's name says: ``sleep-0.3-x.pdf`` takes 0.3 s, ``hang-*`` never
    finishes, ``exit-*`` ends the worker process, ``segv-*`` crashes it, ``real-*`` is really
    parsed, anything else is a Report at once."""
    name = Path(path).name
    if name.startswith("sleep-"):
        time.sleep(float(name.split("-")[1]))
    elif name.startswith("hang-"):
        time.sleep(3600)
    elif name.startswith("exit-"):
        os._exit(3)
    elif name.startswith("segv-"):
        faulthandler.disable()  # pytest's would print the worker's stack; the crash is the point
        os.kill(os.getpid(), signal.SIGSEGV)
    elif name.startswith("real-"):
        return parse_result(path, with_traceback=with_traceback)
    return fake_report(path)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the user's cache."""
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("OFSTED_CACHE_DIR", str(cache_dir))
    return cache_dir


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's batches use :func:`scripted_parse` (workers are forked, so they see it)."""
    monkeypatch.setattr(batch, "default_parse", scripted_parse)


def touch(folder: Path, *names: str) -> list[str]:
    """Files for the CLI to find; :func:`scripted_parse` goes by their names alone."""
    for name in names:
        (folder / name).write_bytes(b"%PDF-1.4\n")
    return [str(folder / name) for name in names]


def paths_of(records: list) -> list[str]:
    return [r.source.path for r in records]


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_folder_is_searched_recursively(runner: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / "reports"
    made = [
        make_pdf(root / "b.pdf"),
        make_pdf(root / "a" / "deep" / "c.PDF"),
        make_pdf(root / "a" / "x.pdf"),
    ]
    (root / "notes.txt").write_text("not a report")
    result = runner.invoke(
        cli, ["parse", "--jsonl", "--no-cache", "-j", "2", str(root)], catch_exceptions=False
    )
    records = jsonl(result.stdout)
    assert [r["source"]["path"] for r in records] == sorted(str(p) for p in made)
    assert {r["error"]["type"] for r in records} == {"unrecognised_report"}
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1].startswith("Parsed 0 of 3 files (3 failed) in ")


def test_order_kept_while_later_files_finish_first(tmp_path: Path) -> None:
    delays = [0.6, 0.0, 0.3, 0.0, 0.0, 0.4, 0.0, 0.1]
    files = touch(tmp_path, *(f"sleep-{d}-{n}.pdf" for n, d in enumerate(delays)))
    started = time.monotonic()
    records = list(batch.iter_results(files, jobs=3, parse=scripted_parse))
    assert paths_of(records) == files
    assert all(isinstance(r, Report) for r in records)
    assert time.monotonic() - started < sum(delays)  # the files really were parsed in parallel


def test_records_match_between_one_and_several_jobs(
    runner: CliRunner, tmp_path: Path, scripted: None
) -> None:
    paths = touch(tmp_path, *(f"sleep-{d}-{n}.pdf" for n, d in enumerate([0.2, 0, 0.1, 0])))
    paths.append(str(make_pdf(tmp_path / "real-blank.pdf")))
    outputs = [
        runner.invoke(
            cli,
            ["parse", "--jsonl", "--no-cache", "-q", "-j", jobs, *paths],
            catch_exceptions=False,
        ).stdout
        for jobs in ("1", "2", "4")
    ]
    assert outputs[0] == outputs[1] == outputs[2]
    records = jsonl(outputs[0])
    assert [r["source"]["path"] for r in records] == paths
    assert [r.get("error", {}).get("type") for r in records] == [None] * 4 + ["unrecognised_report"]


def test_error_records_in_a_parallel_batch(runner: CliRunner, tmp_path: Path) -> None:
    not_pdf = tmp_path / "letter.pdf"
    not_pdf.write_text("Dear Sir or Madam")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.pdf"
    blank = make_pdf(tmp_path / "blank.pdf")
    args = [str(p) for p in (not_pdf, empty, missing, blank)]

    result = runner.invoke(
        cli, ["parse", "--jsonl", "--no-cache", "-j", "2", *args], catch_exceptions=False
    )
    assert result.exit_code == 1
    records = jsonl(result.stdout)
    assert [r["source"]["path"] for r in records] == args
    assert [r["error"]["type"] for r in records] == [
        "not_a_pdf",
        "empty_file",
        "not_found",
        "unrecognised_report",
    ]
    for path in args:
        assert f"Error: {path}: " in result.stderr
    assert "Traceback" not in result.stderr

    as_json = runner.invoke(
        cli, ["parse", "--json", "--no-cache", "-j", "2", *args], catch_exceptions=False
    )
    assert [r["error"]["type"] for r in json.loads(as_json.stdout)] == [
        r["error"]["type"] for r in records
    ]


def test_a_hanging_file_times_out_alone(tmp_path: Path) -> None:
    files = touch(tmp_path, "a.pdf", "hang-1.pdf", "b.pdf", "c.pdf", "d.pdf")
    started = time.monotonic()
    records = list(batch.iter_results(files, jobs=2, timeout=0.5, parse=scripted_parse))
    assert time.monotonic() - started < 5
    assert paths_of(records) == files
    timed_out = records[1]
    assert isinstance(timed_out, ErrorRecord)
    assert timed_out.error.type == "timeout"
    assert "0.5 s" in timed_out.error.message
    assert all(isinstance(r, Report) for i, r in enumerate(records) if i != 1)
    assert multiprocessing.active_children() == []


def test_timeout_with_one_job(tmp_path: Path) -> None:
    """--jobs 1 parses in one worker too, which the parent kills when it overruns."""
    files = touch(tmp_path, "hang-1.pdf", "a.pdf")
    records = list(batch.iter_results(files, jobs=1, timeout=0.3, parse=scripted_parse))
    assert isinstance(records[0], ErrorRecord)
    assert records[0].error.type == "timeout"
    assert records[0].source.sha256 == hashlib.sha256(b"%PDF-1.4\n").hexdigest()
    assert isinstance(records[1], Report)
    assert multiprocessing.active_children() == []


def test_timeout_option(runner: CliRunner, tmp_path: Path, scripted: None) -> None:
    args = touch(tmp_path, "a.pdf", "hang-2.pdf", "b.pdf")
    result = runner.invoke(
        cli, ["parse", "--jsonl", "--no-cache", "--timeout", "0.5", *args], catch_exceptions=False
    )
    assert result.exit_code == 1
    records = jsonl(result.stdout)
    assert [r.get("error", {}).get("type") for r in records] == [None, "timeout", None]
    assert f"Error: {args[1]}: took longer than 0.5 s" in result.stderr


def test_a_crashed_worker_costs_one_file(tmp_path: Path) -> None:
    files = touch(tmp_path, "a.pdf", "segv-1.pdf", "b.pdf", "exit-1.pdf", "c.pdf", "d.pdf")
    records = list(batch.iter_results(files, jobs=2, parse=scripted_parse))
    assert paths_of(records) == files
    crashed = {r.source.path: r.error.message for r in records if isinstance(r, ErrorRecord)}
    assert set(crashed) == {files[1], files[3]}
    assert all(r.error.type == "worker_crashed" for r in records if isinstance(r, ErrorRecord))
    assert "SIGSEGV" in crashed[files[1]]
    assert "status 3" in crashed[files[3]]
    assert multiprocessing.active_children() == []


def test_workers_stop_when_the_reader_stops_early(tmp_path: Path) -> None:
    files = touch(tmp_path, *(f"sleep-0.05-{n}.pdf" for n in range(10)))
    results = batch.iter_results(files, jobs=2, parse=scripted_parse)
    assert isinstance(next(results), Report)
    results.close()
    assert multiprocessing.active_children() == []


def test_workers_without_fork(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The spawn path (used where fork is unsafe or missing) gets the parse function by name."""
    monkeypatch.setattr(batch, "START_METHOD", "spawn")
    files = touch(tmp_path, "a.pdf", "b.pdf", "c.pdf")
    records = list(batch.iter_results(files, jobs=2, parse=scripted_parse))
    assert paths_of(records) == files
    assert records == [fake_report(f) for f in files]


def test_workers_from_a_fork_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: while the parent runs a thread (an HTTP server, a GUI) the pool starts
    workers from a fork server, whose child each worker is; the parent check must not take
    that for a dead parent (every file came back 'worker_crashed', exit status 1)."""
    monkeypatch.setattr(batch, "START_METHOD", "forkserver")
    files = touch(tmp_path, "a.pdf", "b.pdf", "c.pdf")
    records = list(batch.iter_results(files, jobs=2, parse=scripted_parse))
    assert records == [fake_report(f) for f in files]


class FakeCache:
    """The ParseCache interface, in memory, keyed here by file name."""

    def __init__(self, stored: dict[str, Report]) -> None:
        self.stored = stored
        self.put_paths: list[str] = []

    def known_sha256(self, path: str, info: os.stat_result) -> str | None:
        return Path(path).name

    def remember(self, path: str, info: os.stat_result, sha256: str) -> None:
        pass

    def get(self, sha256: str, path: str | None = None) -> Report | None:
        return self.stored.get(sha256)

    def put(self, report: Report) -> None:
        self.put_paths.append(report.source.path)


def test_cache_hits_are_served_and_new_reports_stored(tmp_path: Path) -> None:
    files = touch(tmp_path, "a.pdf", "exit-cached.pdf", "b.pdf")
    cached = fake_report(files[1])
    cache = FakeCache({"exit-cached.pdf": cached})  # parsing it would kill the worker
    for jobs in (1, 2):
        cache.put_paths.clear()
        records = list(batch.iter_results(files, jobs=jobs, parse=scripted_parse, cache=cache))
        assert records == [fake_report(files[0]), cached, fake_report(files[2])]
        assert sorted(cache.put_paths) == [files[0], files[2]]  # stored as they finish


def test_no_cache_leaves_the_cache_alone(
    runner: CliRunner, tmp_path: Path, scripted: None, private_cache: Path
) -> None:
    args = touch(tmp_path, "a.pdf", "b.pdf")
    result = runner.invoke(cli, ["parse", "--jsonl", "--no-cache", *args], catch_exceptions=False)
    assert result.exit_code == 0
    assert not private_cache.exists()


def test_no_progress_bar_off_a_terminal_and_quiet_silences_the_summary(
    runner: CliRunner, tmp_path: Path, scripted: None
) -> None:
    args = touch(tmp_path, *(f"sleep-0.1-{n}.pdf" for n in range(4)))
    result = runner.invoke(cli, ["parse", "--jsonl", "--no-cache", *args], catch_exceptions=False)
    assert result.exit_code == 0
    assert not any(mark in result.stderr for mark in PROGRESS_MARKS)
    assert result.stderr.startswith("Parsed 4 of 4 files in ")
    assert len(result.stderr.splitlines()) == 1

    quiet = runner.invoke(
        cli, ["parse", "--jsonl", "--no-cache", "--quiet", *args], catch_exceptions=False
    )
    assert quiet.exit_code == 0
    assert quiet.stderr == ""
    assert quiet.stdout == result.stdout

    single = runner.invoke(cli, ["parse", "--json", "--no-cache", args[0]], catch_exceptions=False)
    assert single.stderr == ""


def _run_with_terminal_stderr(args: list[str]) -> tuple[str, str]:
    """Run the real CLI with stdout piped and stderr on a pseudo-terminal."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ofsted_cli", *args],
        stdout=subprocess.PIPE,
        stderr=follower,
        env={**os.environ, "COLUMNS": "100", "TERM": "xterm-256color"},
    )
    os.close(follower)
    seen = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 10)
        if not ready:
            break
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the follower side closed: the process has finished
            break
        if not chunk:
            break
        seen += chunk
    stdout = proc.stdout.read() if proc.stdout else b""
    proc.wait(10)
    os.close(leader)
    return stdout.decode(), seen.decode(errors="replace")


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    files = [str(make_pdf(tmp_path / f"r{n}.pdf")) for n in range(3)]
    args = ["parse", "--jsonl", "--no-cache", "-j", "2", *files]
    stdout, stderr = _run_with_terminal_stderr(args)
    assert len(stdout.splitlines()) == 3  # the data is untouched by the bar
    assert "Parsing" in stderr and "3/3" in stderr
    assert "Parsed 0 of 3 files (3 failed)" in stderr

    stdout, stderr = _run_with_terminal_stderr([*args[:1], "--quiet", *args[1:]])
    assert len(stdout.splitlines()) == 3
    assert "Parsing" not in stderr and "Parsed" not in stderr


def test_worker_memory_limit_keeps_room_above_what_a_fork_inherits():
    """Regression: a worker forked from a large process (a test session that had read both
    corpora) inherited over 1 GB of address space, so a 1 GB cap left it none and every file
    'crashed its worker'. The cap is --max-memory, but never under 512 MB of headroom."""
    mib = 1024 * 1024
    assert 512 * mib == batch.MIN_WORKER_HEADROOM
    assert batch.worker_memory_limit(1024 * mib, 300 * mib) == 1024 * mib
    assert batch.worker_memory_limit(1024 * mib, 512 * mib) == 1024 * mib
    assert batch.worker_memory_limit(1024 * mib, 512 * mib + 1) == 1024 * mib + 1
    assert batch.worker_memory_limit(1024 * mib, 1500 * mib) == 2012 * mib
    assert batch.worker_memory_limit(1024 * mib, None) == 1024 * mib
