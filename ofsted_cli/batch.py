"""Parsing many files: results come back one by one, in input order.

With ``jobs > 1`` files are parsed by a small pool of worker processes of our own (not a
``ProcessPoolExecutor``), each fed one file at a time, so that a worker that overruns the time
limit or dies (segfault in a PDF library, ``os._exit``, the OOM killer) can be killed and
replaced at the cost of that one file. Workers send each record back as JSON text, which is
cheaper and safer to move between processes than a pickled pydantic model. Finished records
wait in a bounded buffer until every earlier file is done, so output keeps input order.

Processes, not threads: pdfplumber (pure Python) holds the GIL, and a crash must not take the
batch down.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any, Protocol

from .errors import OfstedError, ParseTimeoutError, WorkerCrashedError

if TYPE_CHECKING:
    from .models import ErrorRecord, Report

    Record = Report | ErrorRecord


class ReportCache(Protocol):
    """What the batch needs of a parse cache (:class:`ofsted_cli.cache.ParseCache` has it)."""

    def sha256_for(self, path: str) -> str: ...

    def get(self, sha256: str, path: str | None = None) -> Report | None: ...

    def put(self, report: Report) -> None: ...


#: Per-file time limit (seconds) when the caller gives none: generous, since the largest
#: reports parse in a few seconds; it only exists so one pathological PDF cannot hang a batch.
DEFAULT_TIMEOUT = 120.0

#: How many finished records may wait for an earlier, slower file, per worker. Small records
#: (a few kB), so this bounds memory while letting the other workers keep going.
REORDER_WINDOW_PER_JOB = 32

#: How often (seconds) ``on_progress`` is called while nothing finishes, so a progress bar's
#: clock and estimate keep moving.
TICK_SECONDS = 0.2

#: How long an idle worker is given to exit after being told to, before it is killed.
_EXIT_GRACE = 1.0

#: Force a multiprocessing start method ("fork", "forkserver", "spawn"); None chooses (see
#: :func:`_context`). For tests and for debugging a platform difference.
START_METHOD: str | None = None

ParseFn = Callable[..., "Record"]


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
    cache: ReportCache | None = None,
    parse: ParseFn | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> Generator[Record, None, None]:
    """Each file's Report or ErrorRecord, in the order given, as soon as it and every file
    before it are done.

    ``jobs`` is the number of worker processes; 1 parses in this process (no pool, no crash
    protection, and the time limit is best effort: it cannot interrupt a call inside a PDF
    library). ``timeout`` is seconds per file, None for no limit. ``cache`` (optional) serves
    files parsed before and stores new Reports. ``parse(path, with_traceback=...)`` replaces
    the parser (it must be importable by name if the pool cannot fork). ``on_progress(n)`` is
    called in this thread with the number of files just finished (0 while waiting).
    """
    parse = parse or default_parse
    if jobs <= 1 or len(files) <= 1 and not _limit_needs_pool(timeout):
        results = _iter_in_process(files, with_traceback, timeout, cache, parse, on_progress)
    else:
        pool_size = min(jobs, len(files))
        results = _iter_pooled(files, with_traceback, timeout, cache, parse, on_progress, pool_size)
    yield from results


def _limit_needs_pool(timeout: float | None) -> bool:
    """A single file still goes to a worker when its time limit must be enforceable."""
    return timeout is not None and not _can_alarm()


def _can_alarm() -> bool:
    """SIGALRM can stop a parse only in the main thread, and is borrowed only when no other
    timer of the program is running (the handler is restored afterwards)."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )


def _cached(cache: ReportCache | None, path: str) -> Record | None:
    """The cached Report for ``path``'s bytes, or None (no cache, unreadable file, or a miss)."""
    if cache is None:
        return None
    try:
        digest = cache.sha256_for(path)
    except OSError:
        return None
    return cache.get(digest, path)


def _store(cache: ReportCache | None, record: Record) -> None:
    from .models import Report

    if cache is not None and isinstance(record, Report):
        cache.put(record)


def _failure(path: str, error: OfstedError) -> ErrorRecord:
    from .parser import error_record

    return error_record(path, error)


def _timeout_error(path: str, timeout: float | None) -> ErrorRecord:
    return _failure(path, ParseTimeoutError(path, f"took longer than {timeout:g} s; stopped"))


# --- in process ------------------------------------------------------------------------------


class _Alarm(BaseException):
    """Raised by SIGALRM inside a parse. A BaseException so the parser's own ``except
    Exception`` (which turns bugs into error records) lets it through."""


def _iter_in_process(
    files: list[str],
    with_traceback: bool,
    timeout: float | None,
    cache: ReportCache | None,
    parse: ParseFn,
    on_progress: Callable[[int], None] | None,
) -> Iterator[Record]:
    for path in files:
        record = _cached(cache, path)
        if record is None:
            record = _parse_with_alarm(parse, path, with_traceback, timeout)
            _store(cache, record)
        if on_progress is not None:
            on_progress(1)
        yield record


def _parse_with_alarm(
    parse: ParseFn, path: str, with_traceback: bool, timeout: float | None
) -> Record:
    """``parse(path)``, stopped by SIGALRM after ``timeout`` seconds where that is possible."""
    if timeout is None or not _can_alarm():
        return parse(path, with_traceback=with_traceback)

    def ring(signum: int, frame: Any) -> None:
        raise _Alarm

    previous = signal.signal(signal.SIGALRM, ring)
    try:
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            return parse(path, with_traceback=with_traceback)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Alarm:
        return _timeout_error(path, timeout)
    finally:
        signal.signal(signal.SIGALRM, previous)


# --- worker processes ------------------------------------------------------------------------


def _worker_main(conn: Connection, parse: ParseFn, with_traceback: bool) -> None:
    """A worker's life: receive ``(index, path)``, send ``(index, kind, json)``, until None.

    Ctrl-C is the parent's to handle (it kills the workers), so workers ignore SIGINT rather
    than each printing a traceback.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from .models import Report

    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        index, path = job
        record = parse(path, with_traceback=with_traceback)
        kind = "report" if isinstance(record, Report) else "error"
        conn.send((index, kind, record.model_dump_json()))


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
    deadline: float = field(default=float("inf"))

    @classmethod
    def start(cls, parse: ParseFn, with_traceback: bool) -> _Worker:
        ctx = _context()
        parent_end, child_end = ctx.Pipe(duplex=True)
        process = ctx.Process(
            target=_worker_main,
            args=(child_end, parse, with_traceback),
            name="ofsted-worker",
            daemon=True,
        )
        process.start()
        child_end.close()
        return cls(process, parent_end)

    def assign(self, index: int, path: str, timeout: float | None) -> None:
        self.index, self.path = index, path
        self.deadline = time.monotonic() + timeout if timeout is not None else float("inf")
        self.conn.send((index, path))

    def release(self) -> None:
        self.index, self.path, self.deadline = None, "", float("inf")

    def kill(self) -> None:
        """Stop at once: used for a worker that overran, crashed, or on an early exit."""
        with contextlib.suppress(OSError, ValueError):
            self.process.kill()
        self.process.join()
        self.conn.close()

    def stop(self) -> None:
        """Ask an idle worker to exit, killing it if it does not promptly."""
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self.process.join(_EXIT_GRACE)
        if self.process.is_alive():
            self.kill()
        else:
            self.conn.close()

    def crash_reason(self) -> str:
        self.process.join(_EXIT_GRACE)
        code = self.process.exitcode
        if code is not None and code < 0:
            try:
                how = f"was killed by {signal.Signals(-code).name}"
            except ValueError:
                how = f"was killed by signal {-code}"
        else:
            how = f"exited with status {code}"
        return f"the worker process reading it {how}"


def _iter_pooled(
    files: list[str],
    with_traceback: bool,
    timeout: float | None,
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

    def finish(index: int, record: Record, fresh: bool) -> None:
        done[index] = record
        if fresh:
            _store(cache, record)

    def replace(worker: _Worker) -> None:
        worker.kill()
        workers.remove(worker)
        if todo:
            fresh = _Worker.start(parse, with_traceback)
            workers.append(fresh)
            idle.append(fresh)

    try:
        for _ in range(pool_size):
            workers.append(_Worker.start(parse, with_traceback))
            idle.append(workers[-1])
        while next_out < len(files):
            finished = 0
            # Hand out files (serving cache hits on the spot) while the reorder buffer has room.
            while todo and todo[0] - next_out < window:
                index = todo[0]
                hit = _cached(cache, files[index])
                if hit is not None:
                    todo.popleft()
                    finish(index, hit, fresh=False)
                    finished += 1
                elif idle:
                    todo.popleft()
                    idle.popleft().assign(index, files[index], timeout)
                else:
                    break
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
                        finished += _collect(worker, finish, replace, idle)
                now = time.monotonic()
                for worker in list(workers):
                    if worker.index is not None and worker.deadline <= now:
                        finish(worker.index, _timeout_error(worker.path, timeout), fresh=False)
                        finished += 1
                        replace(worker)
            if on_progress is not None:
                on_progress(finished)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        for worker in workers:
            if worker.index is None:
                worker.stop()
            else:
                worker.kill()


def _collect(
    worker: _Worker,
    finish: Callable[[int, Record, bool], None],
    replace: Callable[[_Worker], None],
    idle: deque[_Worker],
) -> int:
    """Take a busy worker's result, or turn its death into the file's error record."""
    assert worker.index is not None
    index, path = worker.index, worker.path
    try:
        got_index, kind, text = worker.conn.recv()
    except (EOFError, OSError):
        finish(index, _failure(path, WorkerCrashedError(path, worker.crash_reason())), False)
        replace(worker)
        return 1
    finish(got_index, _decode(kind, text), True)
    worker.release()
    idle.append(worker)
    return 1
