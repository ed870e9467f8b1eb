"""Damaged files, hostile input, signals and a lying cache (issue 9), each made here from the
committed sample reports or from bytes written by the test: nothing silently wrong, nothing
hangs, nothing left running, never a traceback."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from ofsted_cli import batch
from ofsted_cli.cache import CACHE_FILENAME
from ofsted_cli.cli import cli
from ofsted_cli.models import ErrorRecord, Report

#: Every way a run may end for a file: a record or one of these typed errors. internal_error
#: (a bug) and unrecognised_report (damage mistaken for another kind of document) are absent.
DAMAGE_ERRORS = {"corrupt_pdf", "encrypted_pdf", "not_a_pdf", "worker_crashed", "memory_limit"}

#: Bounds for the fault tests (not speed measurements): how long a run may take at most.
RUN_BOUND = 60.0


def run_cli(*args: str, timeout: float = RUN_BOUND) -> subprocess.CompletedProcess[str]:
    """The real ``ofsted`` in a subprocess (the environment, with the test's private cache)."""
    return subprocess.run(
        [sys.executable, "-m", "ofsted_cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def parts(record: Report) -> dict[str, object]:
    """The content of a record by part, as the warnings name them."""
    data = record.model_dump(mode="json", exclude={"source", "warnings"})
    return {
        "judgements": data.pop("judgements"),
        "recommendations": data.pop("recommendations"),
        "facts": data,
    }


# --- damaged bytes ---------------------------------------------------------------------------


def flipped(data: bytes, offset: int, value: int) -> bytes:
    damaged = bytearray(data)
    damaged[offset] = value
    return bytes(damaged)


def stream_offsets(data: bytes) -> list[int]:
    """The first data byte of each stream in the file."""
    offsets, at = [], 0
    while (at := data.find(b"stream\n", at)) >= 0:
        if data[at - 3 : at] != b"end":
            offsets.append(at + len(b"stream\n"))
        at += 1
    return offsets


def test_one_byte_flipped_is_never_silent(samples_dir: Path, tmp_path: Path) -> None:
    """Seeded single-byte damage to every sample: each record equals the undamaged one, or
    carries a warning on every part that differs, or is a typed damage error."""
    rng = random.Random(9)
    originals: list[str] = []
    copies: list[str] = []
    for sample in sorted(samples_dir.glob("*.pdf")):
        data = sample.read_bytes()
        offsets = [rng.randrange(len(data)) for _ in range(8)]
        offsets += [o + 40 for o in stream_offsets(data)]  # inside every stream too
        for n, offset in enumerate(offsets):
            copy = tmp_path / f"{sample.stem}-{n}.pdf"
            copy.write_bytes(flipped(data, offset, (data[offset] + rng.randrange(1, 256)) % 256))
            originals.append(str(sample))
            copies.append(str(copy))
    samples = sorted(set(originals))
    bases = dict(zip(samples, batch.iter_results(samples, jobs=2), strict=True))
    outcomes = {"same": 0, "warned": 0, "error": 0}
    for original, record in zip(originals, batch.iter_results(copies, jobs=2), strict=True):
        base = bases[original]
        assert isinstance(base, Report)
        if isinstance(record, ErrorRecord):
            assert record.error.type in DAMAGE_ERRORS, record
            outcomes["error"] += 1
            continue
        differ = {k for k, v in parts(record).items() if v != parts(base)[k]}
        warned = {w.part.value for w in record.warnings}
        assert differ <= warned, (record.source.path, differ, record.warnings)
        outcomes["warned" if record.warnings else "same"] += 1
    # the flips inside the streams must have been noticed (the test can fail both ways)
    assert outcomes["warned"] + outcomes["error"] >= sum(
        len(stream_offsets(Path(s).read_bytes())) for s in bases
    ), outcomes


def test_a_damaged_content_stream_warns_every_part(sample_pdf: Path, tmp_path: Path) -> None:
    """A byte changed in page 1's content stream: pdfium reads what it can without a word,
    so the record must say its parts were read from a damaged PDF."""
    data = sample_pdf.read_bytes()
    first = stream_offsets(data)[0]
    path = tmp_path / "flipped.pdf"
    path.write_bytes(flipped(data, first + 100, data[first + 100] ^ 0x55))
    result = CliRunner().invoke(cli, ["parse", "--jsonl", str(path)], catch_exceptions=False)
    record = json.loads(result.stdout)
    if "error" in record:
        assert record["error"]["type"] == "corrupt_pdf"
        assert result.exit_code == 1
        return
    assert result.exit_code == 0
    # Every part says it was read from a damaged PDF (the self-checks may doubt it too).
    damaged = [w for w in record["warnings"] if w["message"].startswith("read from a damaged")]
    assert {w["part"] for w in damaged} == {"facts", "judgements", "recommendations"}
    assert result.stderr.count("read from a damaged PDF (") == 3


@pytest.mark.parametrize(
    ("replacement", "complaint"),
    [
        (b"5A0", "a malformed number in an object ('5A'"),
        (b"5\x970", "a byte that cannot belong to the PDF's structure"),
    ],
)
def test_a_changed_byte_outside_streams_is_noticed(
    sample_pdf: Path, tmp_path: Path, replacement: bytes, complaint: str
) -> None:
    """A widths array with a letter or a binary byte in a number: pdfium shrugs, the spacing
    of words may change; the record must say so."""
    data = sample_pdf.read_bytes()
    at = data.index(b"/Widths [ 540") + len(b"/Widths [ ")
    path = tmp_path / "widths.pdf"
    path.write_bytes(data[:at] + replacement + data[at + 3 :])
    result = CliRunner().invoke(cli, ["parse", "--jsonl", str(path)], catch_exceptions=False)
    record = json.loads(result.stdout)
    if "error" in record:
        assert record["error"]["type"] == "corrupt_pdf"
        assert complaint in record["error"]["message"]
    else:
        assert {w["part"] for w in record["warnings"]} == {"facts", "judgements", "recommendations"}
        assert all(complaint in w["message"] for w in record["warnings"])


def test_damage_is_not_called_another_kind_of_report(sample_pdf: Path, tmp_path: Path) -> None:
    """Page 1's content stream cut to garbage: the file is damaged, not 'not an Ofsted
    report'."""
    data = sample_pdf.read_bytes()
    first = stream_offsets(data)[0]
    path = tmp_path / "garbled.pdf"
    path.write_bytes(data[: first + 20] + bytes(range(256))[:200] + data[first + 220 :])
    result = CliRunner().invoke(cli, ["parse", "--jsonl", str(path)], catch_exceptions=False)
    record = json.loads(result.stdout)
    if "error" in record:
        assert record["error"]["type"] == "corrupt_pdf", record
        assert "not an Ofsted" not in record["error"]["message"]
        assert result.exit_code == 1
        return
    # The readers keep what they could read: then every part says the PDF is damaged.
    damaged = {w["part"] for w in record["warnings"] if "damaged PDF" in w["message"]}
    assert damaged == {"facts", "judgements", "recommendations"}, record["warnings"]


@pytest.mark.parametrize("order", [("barnet-2019", "merton-2017"), ("merton-2017", "barnet-2019")])
def test_two_joined_reports_are_corrupt_not_mixed(
    samples_dir: Path, tmp_path: Path, order: tuple[str, str]
) -> None:
    path = tmp_path / "joined.pdf"
    path.write_bytes(b"".join((samples_dir / f"{name}.pdf").read_bytes() for name in order))
    result = CliRunner().invoke(cli, ["parse", "--jsonl", str(path)], catch_exceptions=False)
    assert result.exit_code == 1
    record = json.loads(result.stdout)
    assert record["error"]["type"] == "corrupt_pdf"
    assert "holds more than one document" in record["error"]["message"]


def test_libraries_disagreeing_about_pages_is_corrupt(sample_pdf: Path, tmp_path: Path) -> None:
    """The second report's bytes glued on without its header: pdfium reads the last
    cross-reference table (the second report), pdfminer another: never a mixed record."""
    other = (sample_pdf.parent / "merton-2017.pdf").read_bytes()
    path = tmp_path / "revision.pdf"
    path.write_bytes(sample_pdf.read_bytes() + other[other.index(b"\n") + 1 :])
    result = CliRunner().invoke(cli, ["parse", "--jsonl", str(path)], catch_exceptions=False)
    record = json.loads(result.stdout)
    if "error" not in record:  # both read one and the same document: it must be one of them
        assert record["local_authority"] in {
            "London Borough of Merton Council",
            "London Borough of Barnet",
        }
        assert record["warnings"], record
    else:
        assert record["error"]["type"] == "corrupt_pdf"


def test_zero_pages_is_not_success(tmp_path: Path) -> None:
    path = tmp_path / "nopages.pdf"
    path.write_bytes(
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
        b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )
    result = CliRunner().invoke(cli, ["parse", "--jsonl", str(path)], catch_exceptions=False)
    record = json.loads(result.stdout)
    assert record["error"]["type"] == "corrupt_pdf"
    assert "success" not in record["error"]["message"]
    assert result.exit_code == 1


def test_not_a_pdf_is_said_once(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("shopping list")
    result = CliRunner().invoke(cli, ["parse", "--jsonl", str(path)], catch_exceptions=False)
    assert json.loads(result.stdout)["error"] == {
        "type": "not_a_pdf",
        "message": "is not a PDF (no %PDF header)",
    }


# --- files that are not files ----------------------------------------------------------------


def test_fifo_and_devices_end_at_once_with_error_records(tmp_path: Path) -> None:
    fifo = tmp_path / "y.pdf"
    os.mkfifo(fifo)
    started = time.monotonic()
    result = run_cli("parse", "--jsonl", "--timeout", "3", str(fifo), "/dev/zero", "/dev/urandom")
    assert time.monotonic() - started < 3 + 5
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["source"]["path"], r["error"]["type"]) for r in records] == [
        (str(fifo), "not_a_pdf"),
        ("/dev/zero", "not_a_pdf"),
        ("/dev/urandom", "not_a_pdf"),
    ]
    assert records[0]["error"]["message"] == "is a named pipe (FIFO), not a regular file"
    assert records[1]["error"]["message"] == "is a character device, not a regular file"


def test_fifo_and_dangling_link_inside_a_folder_are_reported(
    sample_pdf: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(sample_pdf.read_bytes())
    os.mkfifo(folder / "b.pdf")
    (folder / "c.pdf").symlink_to(tmp_path / "gone.pdf")
    result = CliRunner().invoke(cli, ["parse", "--jsonl", str(folder)], catch_exceptions=False)
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("error", {}).get("type") for r in records] == [None, "not_a_pdf", "not_found"]
    assert records[2]["error"]["message"] == "is a symbolic link to nothing (dangling)"


def test_a_folder_named_pdf_given_to_the_library_is_an_error(tmp_path: Path) -> None:
    from ofsted_cli.parser import parse_result

    folder = tmp_path / "x.pdf"
    folder.mkdir()
    record = parse_result(folder)
    assert isinstance(record, ErrorRecord)
    assert (record.error.type, record.error.message) == ("not_a_pdf", "is a folder, not a PDF file")


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    """A sparse 300 MB file: refused by its size (reading it would take seconds)."""
    big = tmp_path / "huge.pdf"
    with big.open("wb") as handle:
        handle.write(b"%PDF-1.4\n")
        handle.truncate(300 * 1024 * 1024)
    result = CliRunner().invoke(cli, ["parse", "--jsonl", str(big)], catch_exceptions=False)
    assert result.exit_code == 1
    record = json.loads(result.stdout)
    assert record == {
        "source": {"path": str(big), "sha256": None},
        "error": {
            "type": "too_large",
            "message": "is 300.0 MB, over the 200 MB limit (--max-size)",
        },
    }


def test_max_size_option(sample_pdf: Path) -> None:
    result = CliRunner().invoke(
        cli, ["parse", "--jsonl", "--max-size", "0.01", str(sample_pdf)], catch_exceptions=False
    )
    assert json.loads(result.stdout)["error"]["type"] == "too_large"


# --- bombs -----------------------------------------------------------------------------------


def bomb_stream(inflated: int) -> bytes:
    """A zlib stream of ``inflated`` spaces, about a thousandth of that size, made quickly:
    one 1 MB block compressed after a full flush is the same bytes every time."""
    block_size = 1 << 20
    block = b" " * block_size
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    again = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    count = inflated // block_size
    adler = 1
    for _ in range(count):
        adler = zlib.adler32(block, adler)
    body = first + again * (count - 1) + deflate.flush(zlib.Z_FINISH)
    return b"\x78\xda" + body + adler.to_bytes(4, "big")


def bomb_pdf(inflated: int, where: str) -> bytes:
    """A one-page PDF whose page content (``where="content"``) or metadata stream inflates to
    ``inflated`` bytes."""
    bomb = bomb_stream(inflated)
    text = b"BT /F1 12 Tf 72 770 Td (Hello) Tj ET"
    flate = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb
    plain = b"<< /Length %d >>\nstream\n" % len(text) + text
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Metadata 6 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        (flate if where == "content" else plain) + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        (flate if where == "metadata" else plain) + b"\nendstream",
    ]
    # No cross-reference table: both PDF libraries find the objects by scanning the file.
    out = b"%PDF-1.4\n" + b"".join(
        b"%d 0 obj\n" % number + body + b"\nendobj\n"
        for number, body in enumerate(objects, start=1)
    )
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n%%%%EOF\n" % (len(objects) + 1)
    return out


#: What the issue allows any process to hold at its peak on a bomb.
MAX_PEAK_BYTES = 1024 * 1024 * 1024

_PEAK = """
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=120)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(json.dumps({"code": done.returncode, "out": done.stdout, "err": done.stderr, "peak": peak}))
"""


@pytest.mark.parametrize("where", ["content", "metadata"])
def test_decompression_bomb_stays_under_the_memory_limit(tmp_path: Path, where: str) -> None:
    """1.5 GB of inflated stream in a 1.5 MB file: an error record, and no process (parent
    or worker, measured from a wrapper process) ever held more than 1 GB."""
    path = tmp_path / f"bomb-{where}.pdf"
    path.write_bytes(bomb_pdf(1536 * 1024 * 1024, where))
    assert path.stat().st_size < 4 * 1024 * 1024
    wrapper = subprocess.run(
        [
            sys.executable,
            "-c",
            _PEAK,
            sys.executable,
            "-m",
            "ofsted_cli",
            "parse",
            "--jsonl",
            "--no-cache",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    measured = json.loads(wrapper.stdout)
    assert measured["peak"] <= MAX_PEAK_BYTES, measured
    assert "Traceback" not in measured["err"]
    record = json.loads(measured["out"])
    if "error" in record:
        assert record["error"]["type"] in DAMAGE_ERRORS | {"unrecognised_report"}, record
        assert measured["code"] == 1
    else:  # read without inflating the bomb whole: fine, as long as memory stayed bounded
        assert measured["code"] in (0, 1)


# --- signals ---------------------------------------------------------------------------------


def children_of(pid: int) -> set[int]:
    """Live child processes of ``pid`` (from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Running (a zombie waiting for a reaper that never comes in a container is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def many_reports(folder: Path, sample: Path, count: int) -> list[str]:
    folder.mkdir(exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"r{n:03d}.pdf"
        os.link(sample, path)
        paths.append(str(path))
    return paths


def start_batch(paths: list[str]) -> tuple[subprocess.Popen[str], set[int]]:
    """A real ``ofsted parse --json -j 2`` over ``paths``, once its workers are running."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "ofsted_cli", "parse", "--json", "--no-cache", "-j", "2", *paths],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.read(1) == "["  # the run is under way
    deadline = time.monotonic() + RUN_BOUND
    workers: set[int] = set()
    while len(workers) < 2 and time.monotonic() < deadline:
        workers = children_of(proc.pid)
        time.sleep(0.02)
    assert len(workers) == 2
    return proc, workers


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_ends_the_run_cleanly(
    sample_pdf: Path, tmp_path: Path, signum: int, status: int
) -> None:
    paths = many_reports(tmp_path / "many", sample_pdf, 400)
    proc, workers = start_batch(paths)
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=RUN_BOUND)
    assert proc.returncode == status
    records = json.loads("[" + out)  # a complete array of what finished
    assert [r["source"]["path"] for r in records] == paths[: len(records)]
    lines = err.strip().splitlines()
    assert lines[-1] == (
        f"Stopped by {signal.Signals(signum).name}: {len(paths) - len(records)} of "
        f"{len(paths)} file(s) not done."
    )
    assert "Traceback" not in err
    assert not [pid for pid in workers if alive(pid)]


def test_workers_die_with_a_killed_parent(sample_pdf: Path, tmp_path: Path) -> None:
    paths = many_reports(tmp_path / "many", sample_pdf, 400)
    proc, workers = start_batch(paths)
    proc.kill()
    proc.wait(RUN_BOUND)
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if alive(pid)]


# --- the cache -------------------------------------------------------------------------------


def padded(data: bytes, size: int) -> bytes:
    """``data`` with a comment after its end, to exactly ``size`` bytes."""
    return data + b"\n%" + b"x" * (size - len(data) - 3) + b"\n"


def test_same_size_same_mtime_replacement_is_never_served(
    samples_dir: Path, tmp_path: Path
) -> None:
    """``cp -p`` style: other bytes, same size, same mtime; the cache must notice (ctime)."""
    barnet = (samples_dir / "barnet-2019.pdf").read_bytes()
    merton = (samples_dir / "merton-2017.pdf").read_bytes()
    size = max(len(barnet), len(merton)) + 100
    path = tmp_path / "report.pdf"
    path.write_bytes(padded(barnet, size))
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    first = run_cli("parse", "--jsonl", str(path))
    assert json.loads(first.stdout)["local_authority"] == "London Borough of Barnet"
    path.write_bytes(padded(merton, size))
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    assert path.stat().st_size == size
    second = json.loads(run_cli("parse", "--jsonl", str(path)).stdout)
    assert second["local_authority"] == "London Borough of Merton Council"
    assert second["source"]["sha256"] != json.loads(first.stdout)["source"]["sha256"]


def test_an_edited_cache_row_is_dropped_not_served(sample_pdf: Path) -> None:
    first = json.loads(run_cli("parse", "--jsonl", str(sample_pdf)).stdout)
    db = Path(os.environ["OFSTED_CACHE_DIR"]) / CACHE_FILENAME
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE reports SET report = replace(report, '\"good\"', '\"inadequate\"')")
    again = run_cli("parse", "--jsonl", str(sample_pdf))
    assert json.loads(again.stdout) == first
    assert "failed its checksum; dropped" in again.stderr
    third = run_cli("parse", "--jsonl", str(sample_pdf))
    assert json.loads(third.stdout) == first
    assert third.stderr == ""


def test_garbage_inside_the_cache_is_rebuilt_once(sample_pdf: Path) -> None:
    run_cli("parse", "--jsonl", str(sample_pdf))
    db = Path(os.environ["OFSTED_CACHE_DIR"]) / CACHE_FILENAME
    with sqlite3.connect(db) as conn:  # fold the WAL in, so the damage lands in the file
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    page = 4096  # SQLite's default page size: garbage over a whole page in the middle
    middle = len(data) // 2 // page * page
    data[middle : middle + page] = random.Random(4).randbytes(page)
    db.write_bytes(bytes(data))
    second = run_cli("parse", "--jsonl", str(sample_pdf))
    assert "Traceback" not in second.stderr
    assert "rebuild" in second.stderr
    assert second.returncode == 0
    third = run_cli("parse", "--jsonl", str(sample_pdf))
    assert third.stderr == ""  # rebuilt for good, not disabled on every run


# --- paths -----------------------------------------------------------------------------------


def test_too_long_names_are_error_records(tmp_path: Path, sample_pdf: Path) -> None:
    long_name = str(tmp_path / ("a" * 300 + ".pdf"))
    long_path = str(tmp_path / ("b/" * 2100)) + "x.pdf"
    result = CliRunner().invoke(
        cli, ["parse", "--jsonl", long_name, long_path, str(sample_pdf)], catch_exceptions=False
    )
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("error", {}).get("type") for r in records] == ["unreadable", "unreadable", None]
    assert records[0]["error"]["message"] == "cannot be read (file name too long)"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file: no permission to deny")
def test_permission_denied(tmp_path: Path, sample_pdf: Path) -> None:
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(sample_pdf.read_bytes())
    locked.chmod(0)
    folder = tmp_path / "reports"
    (folder / "closed").mkdir(parents=True)
    (folder / "open.pdf").write_bytes(sample_pdf.read_bytes())
    (folder / "closed").chmod(0)
    try:
        result = CliRunner().invoke(
            cli, ["parse", "--jsonl", str(locked), str(folder)], catch_exceptions=False
        )
    finally:
        (folder / "closed").chmod(0o755)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("error", {}).get("type") for r in records] == [
        "permission_denied",
        "permission_denied",
        None,
    ]
    assert result.exit_code == 1


def test_permission_errors_are_typed() -> None:
    """The mapping the test above exercises where permissions exist (not as root)."""
    import errno

    from ofsted_cli.files import os_error

    error = os_error("x.pdf", PermissionError(errno.EACCES, "Permission denied"))
    assert (error.code, error.reason) == (
        "permission_denied",
        "file cannot be read (permission denied)",
    )


def test_a_newline_in_a_file_name_stays_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "two\nlines\x1b[2J.pdf"
    path.write_bytes(b"")
    result = CliRunner().invoke(cli, ["parse", "--jsonl", str(path)], catch_exceptions=False)
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0] == f"Error: {tmp_path}/two\\nlines\\x1b[2J.pdf: is empty (0 bytes)"


def test_pdfminer_logging_never_reaches_stderr(sample_pdf: Path, tmp_path: Path) -> None:
    """A damaged table page makes pdfminer log; the complaint belongs to the file's record."""
    data = sample_pdf.read_bytes()
    first = stream_offsets(data)[0]
    path = tmp_path / "noisy.pdf"
    path.write_bytes(flipped(data, first + 300, data[first + 300] ^ 0xFF))
    result = run_cli("parse", "--jsonl", "--no-cache", str(path))
    for line in result.stderr.splitlines():
        assert line.startswith((f"Error: {path}: ", f"Warning: {path}: ")), line


def test_two_judgements_for_one_area_never_pass_unwarned(
    sample_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever a reader returns, a duplicated or conflicting table row reaches the record
    with a warning on its judgements (the self-checks run on every reader's output)."""
    from ofsted_cli import parser
    from ofsted_cli.frameworks import ilacs
    from ofsted_cli.models import Area, Grade, Judgement

    real_read = ilacs.read

    def doubled(doc):  # type: ignore[no-untyped-def]
        report = real_read(doc)
        report.judgements.append(
            Judgement(area=Area.IMPACT_OF_LEADERS, label="Leaders", grade=Grade.INADEQUATE, page=1)
        )
        return report

    monkeypatch.setattr(ilacs, "read", doubled)
    report = parser.parse_report(sample_pdf)
    assert {w.part.value for w in report.warnings} == {"judgements"}
    messages = [w.message for w in report.warnings]
    assert messages[0] == "impact_of_leaders judged 2 times (good, inadequate)"


@pytest.mark.parametrize("raised", [RecursionError(), TypeError("'int' object is not iterable")])
def test_a_pdf_library_failing_is_corrupt_pdf_not_a_bug(
    sample_pdf: Path, monkeypatch: pytest.MonkeyPatch, raised: Exception
) -> None:
    """What pdfminer raises on damaged data (seen in the byte-flip runs) is the file's
    damage, typed corrupt_pdf and naming the page, not internal_error."""
    import pdfplumber.page

    def fails(self, **kwargs):  # type: ignore[no-untyped-def]
        raise raised

    monkeypatch.setattr(pdfplumber.page.Page, "extract_words", fails)
    from ofsted_cli.parser import parse_result

    record = parse_result(sample_pdf)
    assert isinstance(record, ErrorRecord)
    assert record.error.type == "corrupt_pdf"
    assert record.error.message.startswith("is a damaged PDF: page 1 cannot be read (")


def test_an_unreadable_subfolder_is_reported_not_skipped(
    sample_pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root no folder can be made unreadable, so listing one fails as it would for a
    user (EACCES from scandir): the folder is an error record in its sorted place."""
    import errno

    folder = tmp_path / "reports"
    (folder / "b-closed").mkdir(parents=True)
    (folder / "a.pdf").write_bytes(sample_pdf.read_bytes())
    (folder / "c.pdf").write_bytes(sample_pdf.read_bytes())
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if str(path).endswith("b-closed"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = CliRunner().invoke(
        cli, ["parse", "--jsonl", "-j", "1", str(folder)], catch_exceptions=False
    )
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"]["path"] for r in records] == [
        str(folder / "a.pdf"),
        str(folder / "b-closed"),
        str(folder / "c.pdf"),
    ]
    assert records[1]["error"] == {
        "type": "permission_denied",
        "message": "folder cannot be read (permission denied)",
    }
    assert f"Error: {folder / 'b-closed'}: folder cannot be read (permission denied)" in (
        result.stderr
    )
