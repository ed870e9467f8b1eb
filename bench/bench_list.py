"""Time ``ofsted list`` over a report library, cold (empty parse cache) then warm.

The warm run must stay under a second for the 322-report corpus: it should only stat the
files and read the cache, never hash or parse.

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


def timed_list(reports: str, cache_dir: str) -> float:
    """Seconds for one ``ofsted list --json`` in a fresh process (imports included)."""
    env = {**os.environ, "OFSTED_CACHE_DIR": cache_dir}
    command = [sys.executable, "-m", "ofsted_cli", "list", "--json", "--reports", reports]
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", default=str(DEFAULT_REPORTS), help="library folder")
    parser.add_argument("--runs", type=int, default=3, help="warm runs to time")
    args = parser.parse_args()
    if not Path(args.reports).is_dir():
        sys.exit(f"no report folder at {args.reports}")
    pdfs = sum(1 for p in Path(args.reports).rglob("*") if p.suffix.lower() == ".pdf")
    with tempfile.TemporaryDirectory(prefix="ofsted-bench-") as cache_dir:
        cold = timed_list(args.reports, cache_dir)
        warm = [timed_list(args.reports, cache_dir) for _ in range(args.runs)]
    print(f"{pdfs} PDFs in {args.reports}")
    print(f"cold (empty cache): {cold:7.2f} s")
    every = ", ".join(f"{w:.2f}" for w in warm)
    print(f"warm (best of {args.runs}):  {min(warm):7.2f} s   all: {every}")


if __name__ == "__main__":
    main()
