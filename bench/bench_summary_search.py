"""Time ``ofsted summary`` and ``ofsted search`` over a report library: cold (empty parse
cache: every report parsed) then warm (served from the cache), wall clock and CPU.

Both must answer in under a second warm for the 322-report corpus. CPU time is printed too,
because on a shared machine the wall clock also measures the other processes.

    python bench/bench_summary_search.py                    # ../shared/corpus/reports
    python bench/bench_summary_search.py --reports DIR --runs 5
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_REPORTS = REPO.parent / "shared" / "corpus" / "reports"

COMMANDS = {
    "summary": ["summary", "--at", "2017-10-10", "--json"],
    "search": ["search", "health", "histor", "--json"],
}


def timed(args: list[str], reports: str, cache_dir: str) -> tuple[float, float]:
    """Wall and CPU seconds (children included) of one ``ofsted ARGS`` in a fresh process."""
    env = {**os.environ, "OFSTED_CACHE_DIR": cache_dir}
    command = [sys.executable, "-m", "ofsted_cli", *args, "--reports", reports, "-j", "2"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", default=str(DEFAULT_REPORTS), help="library folder")
    parser.add_argument("--runs", type=int, default=5, help="warm runs to time per command")
    args = parser.parse_args()
    if not Path(args.reports).is_dir():
        sys.exit(f"no report folder at {args.reports}")
    print(f"library: {args.reports}")
    for name, command in COMMANDS.items():
        with tempfile.TemporaryDirectory(prefix="ofsted-bench-") as cache_dir:
            cold_wall, cold_cpu = timed(command, args.reports, cache_dir)
            warm = [timed(command, args.reports, cache_dir) for _ in range(args.runs)]
        best_wall = min(w for w, _ in warm)
        best_cpu = min(c for _, c in warm)
        print(
            f"{name:8} cold {cold_wall:6.2f} s (cpu {cold_cpu:6.2f} s)   "
            f"warm best of {args.runs}: {best_wall:5.2f} s (cpu {best_cpu:4.2f} s)"
        )


if __name__ == "__main__":
    main()
