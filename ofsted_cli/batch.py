"""Parsing files in worker processes: results come back one by one, in input order.

Every file, even a single one, is parsed in a worker process of our own (not a
``ProcessPoolExecutor``), fed one file at a time, so that the parent can enforce what a
PDF library inside the worker cannot be trusted to keep to: a time limit (the parent kills
the worker and writes a ``timeout`` record), a memory limit (``RLIMIT_AS`` in the worker),
and survival of a crash (segfault, ``os._exit``, the OOM killer: ``worker_crashed``). Workers
send each record back as JSON text, which is cheaper and safer to move between processes
than a pickled pydantic model. Finished records wait in a bounded buffer until every earlier
file is done, so output keeps input order.

Before a file goes to a worker the parent checks, by ``stat`` alone, that it is a regular
file within ``max_size`` (a FIFO or ``/dev/zero`` would never end). The file is hashed in the
worker, under the time limit; the parent then serves it from the cache or lets the worker
parse it.

Processes, not threads: pdfplumber (pure Python) holds the GIL, and a crash must not take the
batch down. Workers die with their parent: on Linux the kernel kills them (``PR_SET_PDEATHSIG``)
and each closes the pipe ends of its siblings that it inherited, so a worker's pipe reaches
end-of-file when the parent is gone.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any, Protocol

from .errors import OfstedError, ParseTimeoutError, WorkerCrashedError
from .files import DEFAULT_MAX_SIZE, check_file

if TYPE_CHECKING:
    from .models import ErrorRecord, Report

    Record = Report | ErrorRecord


class ReportCache(Protocol):
    """What the batch needs of a parse cache (:class:`ofsted_cli.cache.ParseCache` has it).

    ``known_sha256`` answers from what was remembered about the file's ``stat`` alone (no
    reading); ``remember`` records a hash for that ``stat``."""

    def known_sha256(self, path: str, info: os.stat_result) -> str | None: ...

    def remember(self, path: str, info: os.stat_result, sha256: str) -> None: ...

    def get(self, sha256: str, path: str | None = None) -> Report | None: ...

    def put(self, report: Report) -> None: ...


#: Per-file time limit (seconds) when the caller gives none: generous, since the largest
#: reports parse in a few seconds; it only exists so one pathological PDF cannot hang a batch.
DEFAULT_TIMEOUT = 120.0

#: Address space a worker may use unless ``--max-memory`` says otherwise. The largest real
#: report peaks at 66 MB resident (bench/bench_corpus.py); the bound is for bombs.
DEFAULT_MAX_MEMORY = 1024 * 1024 * 1024

#: How many finished records may wait for an earlier, slower file, per worker. Small records
#: (a few kB), so this bounds memory while letting the other workers keep going.
REORDER_WINDOW_PER_JOB = 32

#: How often (seconds) ``on_progress`` is called while nothing finishes, so a progress bar's
#: clock and estimate keep moving.
TICK_SECONDS = 0.2

#: How long a worker whose pipe broke is given to finish dying, for its exit status.
_EXIT_GRACE = 1.0

#: Linux prctl option: the signal a process gets when its parent dies (<linux/prctl.h>).
_PR_SET_PDEATHSIG = 1

#: Force a multiprocessing start method ("fork", "forkserver", "spawn"); None chooses (see
#: :func:`_context`). For tests and for debugging a platform difference.
START_METHOD: str | None = None

ParseFn = Callable[..., "Record"]


@dataclass(frozen=True)
class Limits:
    """What one file may cost: seconds (None: no limit), bytes on disk, bytes of memory."""

    timeout: float | None = DEFAULT_TIMEOUT
    max_size: int = DEFAULT_MAX_SIZE
    max_memory: int | None = DEFAULT_MAX_MEMORY


def default_jobs() -> int:
    """The CPUs this process may run on (respects affinity masks and containers' cpusets)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def default_parse(path: str, *, with_traceback: bool = False) -> Record:
    """The parse every worker runs unless a caller (a test) supplies another."""
    from .parser import parse_result

    return parse_result(path, with_traceback=with_traceback)


def iter_results(
    files: list[str],
    *,
    with_traceback: bool = False,
    jobs: int = 1,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_size: int = DEFAULT_MAX_SIZE,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
    cache: ReportCache | None = None,
    parse: ParseFn | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> Generator[Record, None, None]:
    """Each file's Report or ErrorRecord, in the order given, as soon as it and every file
    before it are done.

    ``jobs`` is the number of worker processes (at most one per file). ``timeout`` is seconds
    per file (None: no limit), ``max_size`` the largest file read, ``max_memory`` each
    worker's address-space limit in bytes (None: none). ``cache`` (optional) serves files
    parsed before and stores new Reports. ``parse(path, with_traceback=...)`` replaces the
    parser (it must be importable by name if the pool cannot fork). ``on_progress(n)`` is
    called in this thread with the number of files just finished (0 while waiting).

    Closing the generator early (or an exception such as KeyboardInterrupt inside it) kills
    the workers at once.
    """
    limits = Limits(timeout, max_size, max_memory)
    pool_size = max(1, min(jobs, len(files)))
    yield from _iter_pooled(
        files, with_traceback, limits, cache, parse or default_parse, on_progress, pool_size
    )


def _failure(path: str, error: OfstedError, sha256: str | None = None) -> ErrorRecord:
    """An error record made in the parent, which never reads the file (a worker may have
    hashed it: then its hash is given)."""
    from .models import ErrorInfo, ErrorRecord, ErrorSource

    return ErrorRecord(
        source=ErrorSource(path=path, sha256=sha256),
        error=ErrorInfo(type=error.code, message=error.reason),
    )


# --- worker processes ------------------------------------------------------------------------

#: The parent's ends of the live workers' pipes. A forked worker inherits them; it closes them
#: at once (see :func:`_close_inherited`), so each pipe has one reader in one worker only.
_PARENT_ENDS: set[Connection] = set()


def _close_inherited() -> None:
    for conn in list(_PARENT_ENDS):
        with contextlib.suppress(OSError):
            conn.close()
    _PARENT_ENDS.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_inherited)


def _die_with_parent(parent_pid: int) -> None:
    """Ask Linux to SIGKILL this worker when its parent dies; if the parent is already gone
    (it died between the fork and now), leave at once. A worker started by a fork server
    (the pool's choice while the parent runs threads) is that server's child, not the pool
    process's: there the pipe tells instead, its ``recv`` ending when the pool process is gone
    (and so does a forked worker whose parent died before this check)."""
    if os.getppid() != parent_pid:
        return
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent_pid:
        os._exit(1)


#: The least room a worker keeps above the address space it starts with. A forked worker
#: inherits its parent's: a CLI parent maps about 0.3 GB, so --max-memory decides; a large
#: host process (a test session that has read both corpora maps over 1 GB) would otherwise
#: leave its workers no room at all and every file would fail.
MIN_WORKER_HEADROOM = 512 * 1024 * 1024


def _address_space() -> int | None:
    """This process's mapped address space in bytes (Linux), or None where unknown."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def worker_memory_limit(max_memory: int, mapped: int | None) -> int:
    """The address-space cap for a worker that starts with ``mapped`` bytes: ``max_memory``,
    but never less than :data:`MIN_WORKER_HEADROOM` above what it already maps."""
    return max(max_memory, (mapped or 0) + MIN_WORKER_HEADROOM)


def _limit_memory(max_memory: int | None) -> None:
    """Cap this worker's address space, so a decompression bomb raises MemoryError (or
    fails inside pdfium) here instead of growing until the machine swaps."""
    if max_memory is None:
        return
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        limit = worker_memory_limit(max_memory, _address_space())
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        want = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        if soft == resource.RLIM_INFINITY or soft > want:
            resource.setrlimit(resource.RLIMIT_AS, (want, hard))


def _worker_main(
    conn: Connection, parse: ParseFn, with_traceback: bool, limits: Limits, parent_pid: int
) -> None:
    """A worker's life: receive ``(index, path, ask)``, send ``("hash", index, sha256)`` (so
    even a file that then times out has its hash in its error record); with ``ask`` (a cache
    is in use) receive whether to go on, so a cache hit costs no parse; then send
    ``("record", index, kind, json)``; until None.

    Ctrl-C and SIGTERM are the parent's to handle (it kills the workers), so workers ignore
    SIGINT rather than each printing a traceback, and take SIGTERM's default (die quietly).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent_pid)
    _limit_memory(limits.max_memory)
    from . import pdf
    from .models import Report

    pdf.MAX_FILE_SIZE = limits.max_size
    while True:
        try:
            job = conn.recv()
            if job is None:
                return
            index, path, ask = job
            conn.send(("hash", index, pdf.sha256_of(path)))
            if ask and not conn.recv():
                continue
        except (EOFError, OSError):
            return
        record = parse(path, with_traceback=with_traceback)
        kind = "report" if isinstance(record, Report) else "error"
        try:
            conn.send(("record", index, kind, record.model_dump_json()))
        except (EOFError, OSError):
            return


def _decode(kind: str, text: str) -> Record:
    from .models import ErrorRecord, Report

    model = Report if kind == "report" else ErrorRecord
    return model.model_validate_json(text)


def _context() -> Any:
    """fork when it is safe: it starts a worker in milliseconds, with the parent's imports
    already loaded. Forking a process that runs other threads can deadlock the child on a
    lock one of them held, so then (and where fork does not exist) use forkserver or spawn."""
    if START_METHOD is not None:
        return multiprocessing.get_context(START_METHOD)
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


@dataclass
class _Worker:
    """One worker process, the parent's end of its pipe, and the file it is working on."""

    process: Any
    conn: Connection
    index: int | None = None
    path: str = ""
    info: os.stat_result | None = None
    sha256: str | None = None
    deadline: float = field(default=float("inf"))

    @classmethod
    def start(cls, parse: ParseFn, with_traceback: bool, limits: Limits) -> _Worker:
        ctx = _context()
        parent_end, child_end = ctx.Pipe(duplex=True)
        _PARENT_ENDS.add(parent_end)
        process = ctx.Process(
            target=_worker_main,
            args=(child_end, parse, with_traceback, limits, os.getpid()),
            name="ofsted-worker",
            daemon=True,
        )
        # Objects the worker inherits are moved out of the collector's sight, so its first
        # collections do not touch (and so copy) every page of the parent's heap.
        gc.freeze()
        try:
            process.start()
        finally:
            gc.unfreeze()
            child_end.close()
        return cls(process, parent_end)

    def assign(
        self, index: int, path: str, info: os.stat_result, timeout: float | None, ask: bool
    ) -> None:
        self.index, self.path, self.info, self.sha256 = index, path, info, None
        self.deadline = time.monotonic() + timeout if timeout is not None else float("inf")
        self.conn.send((index, path, ask))

    def release(self) -> None:
        self.index, self.path, self.info, self.sha256 = None, "", None, None
        self.deadline = float("inf")

    def close_conn(self) -> None:
        _PARENT_ENDS.discard(self.conn)
        self.conn.close()

    def kill(self) -> None:
        """Stop at once: used for a worker that overran, crashed, or on an early exit."""
        with contextlib.suppress(OSError, ValueError):
            self.process.kill()
        self.process.join()
        self.close_conn()

    def crash_reason(self, limits: Limits) -> str:
        self.process.join(_EXIT_GRACE)
        code = self.process.exitcode
        if code is not None and code < 0:
            try:
                how = f"was killed by {signal.Signals(-code).name}"
            except ValueError:
                how = f"was killed by signal {-code}"
        else:
            how = f"exited with status {code}"
        memory = (
            f" (perhaps out of memory: the limit is {limits.max_memory / 2**20:g} MB)"
            if limits.max_memory is not None and code in (-signal.SIGABRT, -signal.SIGSEGV)
            else ""
        )
        return f"the worker process reading it {how}{memory}"


def _iter_pooled(
    files: list[str],
    with_traceback: bool,
    limits: Limits,
    cache: ReportCache | None,
    parse: ParseFn,
    on_progress: Callable[[int], None] | None,
    pool_size: int,
) -> Iterator[Record]:
    window = max(REORDER_WINDOW_PER_JOB * pool_size, 2 * pool_size)
    done: dict[int, Record] = {}
    todo: deque[int] = deque(range(len(files)))
    next_out = 0
    workers: list[_Worker] = []
    idle: deque[_Worker] = deque()

    def finish(index: int, record: Record) -> None:
        done[index] = record

    def replace(worker: _Worker) -> None:
        """Kill a worker that overran or died; :func:`ensure_workers` starts another."""
        worker.kill()
        workers.remove(worker)

    def ensure_workers() -> None:
        """Workers are started when a file needs one (cache hits and path errors need none)."""
        while len(workers) < pool_size:
            workers.append(_Worker.start(parse, with_traceback, limits))
            idle.append(workers[-1])

    try:
        while next_out < len(files):
            finished = 0
            # Hand out files (serving cache hits on the spot) while the reorder buffer has room.
            while todo and todo[0] - next_out < window:
                index = todo[0]
                path = files[index]
                try:
                    info = check_file(path, limits.max_size)
                except OfstedError as exc:
                    todo.popleft()
                    finish(index, _failure(path, exc))
                    finished += 1
                    continue
                hit = _cached(cache, path, info)
                if hit is not None:
                    todo.popleft()
                    finish(index, hit)
                    finished += 1
                    continue
                ensure_workers()
                if not idle:
                    break
                todo.popleft()
                idle.popleft().assign(index, path, info, limits.timeout, cache is not None)
            busy = [w for w in workers if w.index is not None]
            if busy and next_out not in done:
                now = time.monotonic()
                wait_for = min(min(w.deadline for w in busy) - now, TICK_SECONDS)
                ready = wait(
                    [w.conn for w in busy] + [w.process.sentinel for w in busy],
                    max(wait_for, 0),
                )
                for worker in busy:
                    if worker.conn in ready or worker.process.sentinel in ready:
                        finished += _collect(worker, cache, limits, finish, replace, idle)
                now = time.monotonic()
                for worker in list(workers):
                    if worker.index is not None and worker.deadline <= now:
                        error = ParseTimeoutError(
                            worker.path, f"took longer than {limits.timeout:g} s; stopped"
                        )
                        finish(worker.index, _failure(worker.path, error, worker.sha256))
                        finished += 1
                        replace(worker)
            if on_progress is not None:
                on_progress(finished)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        # Idle workers hold nothing worth a polite goodbye: killing them is immediate, where
        # asking them to exit would wait for each to be scheduled on a busy machine.
        for worker in workers:
            worker.kill()


def _cached(cache: ReportCache | None, path: str, info: os.stat_result) -> Record | None:
    """The cached Report for the file, known from its ``stat`` alone, or None."""
    if cache is None:
        return None
    digest = cache.known_sha256(path, info)
    return cache.get(digest, path) if digest is not None else None


def _collect(
    worker: _Worker,
    cache: ReportCache | None,
    limits: Limits,
    finish: Callable[[int, Record], None],
    replace: Callable[[_Worker], None],
    idle: deque[_Worker],
) -> int:
    """Take a busy worker's message (its file's hash, or its record), or turn its death into
    the file's error record. Returns how many files finished."""
    assert worker.index is not None
    index, path = worker.index, worker.path
    try:
        message = worker.conn.recv()
    except (EOFError, OSError):
        reason = worker.crash_reason(limits)
        finish(index, _failure(path, WorkerCrashedError(path, reason), worker.sha256))
        replace(worker)
        return 1
    if message[0] == "hash":
        worker.sha256 = message[2]
        if cache is None:
            return 0
        hit = cache.get(worker.sha256, path) if worker.sha256 else None
        worker.conn.send(hit is None)
        if hit is None:
            return 0
        if worker.info is not None and worker.sha256:
            cache.remember(path, worker.info, worker.sha256)
        finish(index, hit)
    else:
        _, got_index, kind, text = message
        record = _decode(kind, text)
        if cache is not None:
            _store(cache, path, worker.info, record)
        finish(got_index, record)
    worker.release()
    idle.append(worker)
    return 1


def _store(cache: ReportCache, path: str, info: os.stat_result | None, record: Record) -> None:
    from .models import Report

    if isinstance(record, Report):
        cache.put(record)
        if info is not None:
            cache.remember(path, info, record.source.sha256)
