"""Corpus benchmark: is ``ofsted parse`` fast and lean enough on real reports?

Run from the repository (after ``pip install -e .``)::

    .venv/bin/python bench/bench_corpus.py              # everything, about two minutes
    .venv/bin/python bench/bench_corpus.py --quick      # skip the --jobs 1 accuracy run
    .venv/bin/python bench/bench_corpus.py --strict     # exit 1 when a target is missed

It measures, in one run:

- each corpus (``../shared/corpus/reports`` and ``../shared/corpus-fv-send-jtai/reports``,
  found relative to this repository) through the real CLI in a subprocess, ``--jobs 2`` and
  the cache off, against poppler's ``pdftotext -layout`` over the same files one after
  another, and their ratio;
- the median wall time of a single ``ofsted parse --json FILE`` (one process, start-up
  included) over a sample of reports;
- the time of ``ofsted --help`` (the cost of starting the CLI at all);
- peak memory: the largest RSS of any process (parent or worker) during the corpus run, and
  of a single-process parse of the largest report (``getrusage(RUSAGE_CHILDREN).ru_maxrss``
  from a wrapper process, so each figure is isolated);
- that ``--jobs 1`` and ``--jobs 2`` give byte-identical output (unless ``--quick``).

Missing corpus or ``pdftotext``: a clear SKIP message and exit status 0.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: Both real corpora beside the repository: full inspections, and focused visits, area SEND
#: and JTAI.
DEFAULT_CORPORA = [
    REPO.parent / "shared" / "corpus",
    REPO.parent / "shared" / "corpus-fv-send-jtai",
]

#: The targets from the issue, checked on a 2-core machine.
MAX_RATIO = 1.0
MAX_SINGLE_SECONDS = 0.6
MAX_HELP_SECONDS = 0.3
MAX_WORKER_MB = 300

#: Runs ``argv`` with stdout to a file (or nowhere), then prints its wall time, exit status
#: and the peak RSS of it and its waited-for descendants (Linux: KiB).
_MEASURE = """
import json, resource, subprocess, sys, time
out = open(sys.argv[1], "wb") if sys.argv[1] != "-" else subprocess.DEVNULL
start = time.perf_counter()
code = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.DEVNULL).returncode
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "code": code, "maxrss_kb": peak}))
"""


def ofsted_command() -> list[str]:
    """The installed CLI of this checkout: the venv's script, else the module."""
    script = REPO / ".venv" / "bin" / "ofsted"
    if script.exists():
        return [str(script)]
    found = shutil.which("ofsted")
    return [found] if found else [sys.executable, "-m", "ofsted_cli"]


def measure(argv: list[str], output: Path | None = None) -> dict[str, float]:
    """Wall seconds, exit code and peak RSS (MB) of one command, in a fresh wrapper."""
    wrapper = [sys.executable, "-c", _MEASURE, str(output) if output else "-", *argv]
    result = json.loads(subprocess.run(wrapper, capture_output=True, check=True).stdout)
    kb = result["maxrss_kb"]
    result["peak_mb"] = kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024
    return result


def wall(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def corpus_files(reports: Path) -> list[Path]:
    """The same files ``ofsted parse FOLDER`` reads: every *.pdf below, sorted by path."""
    return sorted(p for p in reports.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())


def is_pdf(path: Path) -> bool:
    with path.open("rb") as handle:
        return b"%PDF-" in handle.read(1024)


def page_count(path: Path) -> int:
    """Pages, for picking the largest report; falls back to the size when pdfium is absent."""
    try:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(path))
        try:
            return len(doc)
        finally:
            doc.close()
    except Exception:
        return path.stat().st_size // 50_000


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def corpus_ratio(
    ofsted: list[str], pdftotext: str, reports: Path, jobs: int, tmp: Path
) -> tuple[bool, dict[str, float], list[str]]:
    """One corpus through the CLI (``--jobs``, no cache) against ``pdftotext -layout`` over
    the same files one after another: printed, and whether the ratio meets its target."""
    files = corpus_files(reports)
    out = tmp / f"{reports.parent.name}-jobs{jobs}.jsonl"
    base = [*ofsted, "parse", "--jsonl", "--no-cache", "--quiet"]
    run = measure([*base, "--jobs", str(jobs), str(reports)], out)
    records = out.read_text(encoding="utf-8").splitlines()
    errors = sum(1 for line in records if "error" in json.loads(line))

    start = time.perf_counter()
    for f in files:
        cmd = [pdftotext, "-layout", str(f), "-"]
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    poppler = time.perf_counter() - start

    ratio = run["seconds"] / poppler
    ok = ratio <= MAX_RATIO
    print()
    print(f"{reports}: {len(files)} files")
    print(
        f"  ofsted, --jobs {jobs}, no cache: {run['seconds']:7.2f} s  "
        f"({len(records)} records, {errors} error records, exit {run['code']})"
    )
    print(f"  pdftotext -layout, sequential:  {poppler:7.2f} s")
    print(f"  ratio ofsted / pdftotext:       {ratio:7.2f}    target <= {MAX_RATIO}  {verdict(ok)}")
    return ok, run, records


def same_with_one_job(
    ofsted: list[str], reports: Path, jobs: int, records: list[str], tmp: Path
) -> bool:
    """Whether ``--jobs 1`` gives the same output as the ``--jobs`` run (printed)."""
    out1 = tmp / f"{reports.parent.name}-jobs1.jsonl"
    base = [*ofsted, "parse", "--jsonl", "--no-cache", "--quiet"]
    seq = measure([*base, "--jobs", "1", str(reports)], out1)
    one_lines = out1.read_text(encoding="utf-8").splitlines()
    differ = [a for a, b in zip(one_lines, records, strict=False) if a != b]
    same = not differ and len(one_lines) == len(records)
    print(
        f"{reports.parent.name}: --jobs 1 run {seq['seconds']:.2f} s; output identical to "
        f"--jobs {jobs}: {'yes' if same else 'NO'}  {verdict(same)}"
    )
    if differ:
        first = json.loads(differ[0])["source"]["path"]
        print(f"  {len(differ)} records differ, first: {first}")
        print("  (readers edited between the two runs also cause this: re-run)")
    return same


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--corpus",
        type=Path,
        action="append",
        help="corpus folder (repeatable) [default: ../shared/corpus and "
        "../shared/corpus-fv-send-jtai]",
    )
    ap.add_argument("--jobs", type=int, default=2, help="workers for the corpus run")
    ap.add_argument("--sample", type=int, default=15, help="reports timed one at a time")
    ap.add_argument("--quick", action="store_true", help="skip the --jobs 1 accuracy run")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args()

    corpora = [c / "reports" for c in (args.corpus or DEFAULT_CORPORA)]
    missing = [str(r) for r in corpora if not r.is_dir()]
    corpora = [r for r in corpora if r.is_dir()]
    for folder in missing:
        print(f"SKIP: no corpus at {folder} (expected beside the repo in ../shared)")
    if not corpora:
        return 0
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        print("SKIP: pdftotext not found (install poppler-utils); it is the speed yardstick")
        return 0
    files = [f for reports in corpora for f in corpus_files(reports)]
    if not files:
        print("SKIP: no PDF files in the corpora")
        return 0

    ofsted = ofsted_command()
    pdfs = [f for f in files if is_pdf(f)]
    print(f"corpora: {len(files)} files ({len(files) - len(pdfs)} not really PDFs)")
    print(f"cli:    {' '.join(ofsted)}   cpus: {os.cpu_count()}")

    for f in files:  # warm the page cache so neither side pays for the first disk read
        f.read_bytes()
    wall([*ofsted, "--help"])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    if load > 0.5:
        print(f"note: load average {load:.1f} before starting; other work skews the timings")

    failed: list[str] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        runs = []
        for reports in corpora:
            ok, run, records = corpus_ratio(ofsted, pdftotext, reports, args.jobs, tmp)
            failed += [] if ok else [f"ratio ({reports.parent.name})"]
            runs.append((reports, run, records))
        print()

        sample = pdfs[:: max(1, len(pdfs) // args.sample)][: args.sample]
        singles = [
            measure([*ofsted, "parse", "--json", "--no-cache", str(f)])["seconds"] for f in sample
        ]
        median = statistics.median(singles)
        ok = median <= MAX_SINGLE_SECONDS
        failed += [] if ok else ["single"]
        print(
            f"single report, median of {len(singles)}:  {median:7.3f} s  (max {max(singles):.3f})"
            f"  target <= {MAX_SINGLE_SECONDS}  {verdict(ok)}"
        )

        help_time = statistics.median(wall([*ofsted, "--help"]) for _ in range(5))
        ok = help_time <= MAX_HELP_SECONDS
        failed += [] if ok else ["help"]
        print(
            f"ofsted --help, median of 5:     {help_time:7.3f} s  "
            f"target <= {MAX_HELP_SECONDS}  {verdict(ok)}"
        )

        largest = max(pdfs, key=page_count)
        one = measure([*ofsted, "parse", "--json", "--no-cache", "--jobs", "1", str(largest)])
        corpus_peak = max(run["peak_mb"] for _, run, _ in runs)
        peak = max(one["peak_mb"], corpus_peak)
        ok = peak <= MAX_WORKER_MB
        failed += [] if ok else ["memory"]
        print(
            f"peak RSS, largest report ({page_count(largest)} pages), one process: "
            f"{one['peak_mb']:.0f} MB"
        )
        print(
            f"peak RSS, any process of the corpus runs:  {corpus_peak:.0f} MB   "
            f"target <= {MAX_WORKER_MB}  {verdict(ok)}"
        )

        if not args.quick:
            for reports, _, records in runs:
                if not same_with_one_job(ofsted, reports, args.jobs, records, tmp):
                    failed.append(f"accuracy ({reports.parent.name})")

    print()
    print("all targets met" if not failed else f"missed: {', '.join(failed)}")
    return 1 if failed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
