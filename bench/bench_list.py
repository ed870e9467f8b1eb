"""Time ``ofsted list`` over a report library, cold (empty parse cache) then warm, and
``ofsted export`` over it with the same warm cache.

The warm run must stay under a second for the 322-report corpus: it should only stat the
files and read the cache, never hash or parse. A warm export into a new database must take
no longer than a warm list plus 20 %; an export over an up-to-date database is timed too.

    python bench/bench_list.py                      # ../shared/corpus/reports
    python bench/bench_list.py --reports DIR --runs 5
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_REPORTS = REPO.parent / "shared" / "corpus" / "reports"


def timed(args: list[str], cache_dir: str) -> float:
    """Seconds for one ``ofsted ARGS`` in a fresh process (imports included)."""
    env = {**os.environ, "OFSTED_CACHE_DIR": cache_dir}
    command = [sys.executable, "-m", "ofsted_cli", *args]
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def timed_list(reports: str, cache_dir: str) -> float:
    """Seconds for one ``ofsted list --json``."""
    return timed(["list", "--json", "--reports", reports], cache_dir)


def timed_export(reports: str, cache_dir: str, db: Path, fresh: bool) -> float:
    """Seconds for one ``ofsted export`` into a new database (``fresh``) or an up-to-date one."""
    if fresh:
        db.unlink(missing_ok=True)
    return timed(["export", str(db), "-q", "--reports", reports], cache_dir)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", default=str(DEFAULT_REPORTS), help="library folder")
    parser.add_argument("--runs", type=int, default=3, help="warm runs to time")
    args = parser.parse_args()
    if not Path(args.reports).is_dir():
        sys.exit(f"no report folder at {args.reports}")
    pdfs = sum(1 for p in Path(args.reports).rglob("*") if p.suffix.lower() == ".pdf")
    with tempfile.TemporaryDirectory(prefix="ofsted-bench-") as cache_dir:
        db = Path(cache_dir) / "export.sqlite"
        cold = timed_list(args.reports, cache_dir)
        # Interleaved, so both meet the same machine load.
        warm, fresh, again = [], [], []
        for _ in range(args.runs):
            warm.append(timed_list(args.reports, cache_dir))
            fresh.append(timed_export(args.reports, cache_dir, db, fresh=True))
            again.append(timed_export(args.reports, cache_dir, db, fresh=False))
    print(f"{pdfs} PDFs in {args.reports}")
    print(f"cold (empty cache): {cold:7.2f} s")
    every = ", ".join(f"{w:.2f}" for w in warm)
    print(f"warm (best of {args.runs}):  {min(warm):7.2f} s   all: {every}")
    ratio = min(fresh) / min(warm)
    verdict = "ok" if ratio <= 1.2 else "TOO SLOW"
    print(
        f"export, new database (best of {args.runs}): {min(fresh):7.2f} s   "
        f"= {ratio:.2f} x warm list (target <= 1.20: {verdict})"
    )
    print(f"export, up to date (best of {args.runs}):   {min(again):7.2f} s")


if __name__ == "__main__":
    main()
