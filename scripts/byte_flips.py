"""Developer tool: how does the parser take one damaged byte? (issue 9)

Copies real corpus reports into a temporary folder with one byte changed at a seeded random
offset, parses every copy, and compares each record with the undamaged file's, part by part
(facts, judgements, recommendations). A copy whose record differs in a part that carries no
warning is *silently different*: the figure that must be 0, with ``internal_error`` 0 too.

    python scripts/byte_flips.py --reports 60 --flips 5 --seed 1
    python scripts/byte_flips.py --seed 7 --show 10     # held-out seed, details of failures

Nothing is written outside the temporary folder; the corpus is only read.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ofsted_cli.batch import iter_results  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"

FACTS = (
    "framework",
    "local_authority",
    "inspection_start",
    "inspection_end",
    "published",
    "letter_date",
    "lead_inspector",
    "theme",
    "authority",
)


def parts(record: dict[str, Any]) -> dict[str, Any]:
    """A record's comparable content by part (page numbers left out of facts only)."""
    return {
        "facts": {k: record.get(k) for k in FACTS},
        "judgements": [(j["area"], j["label"], j["grade"]) for j in record["judgements"]],
        "recommendations": [
            (r["text"], r["body"], r["priority"]) for r in record["recommendations"]
        ],
    }


def classify(base: dict[str, Any], got: dict[str, Any]) -> tuple[str, list[str]]:
    """``same``, ``warned``, ``error:<type>`` or ``silent``, and the silently different parts."""
    if "error" in got:
        return f"error:{got['error']['type']}", []
    want, have = parts(base), parts(got)
    differing = [name for name in want if want[name] != have[name]]
    if not differing:
        return "same", []
    warned = {w["part"] for w in got.get("warnings") or []}
    silent = [name for name in differing if name not in warned]
    return ("silent" if silent else "warned"), silent


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--reports", type=int, default=60, help="how many reports to damage")
    ap.add_argument("--flips", type=int, default=5, help="damaged copies per report")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--show", type=int, default=5, help="details of this many failures")
    ap.add_argument("--also", nargs="*", default=[], help="more kinds to show and keep")
    ap.add_argument("--keep", type=Path, help="copy the failing damaged files into this folder")
    args = ap.parse_args()
    reports = sorted((args.corpus / "reports").glob("*/*.pdf"))
    if not reports:
        print(f"SKIP: no corpus at {args.corpus}", file=sys.stderr)
        return
    rng = random.Random(args.seed)
    chosen = rng.sample(reports, min(args.reports, len(reports)))
    bases = {
        str(p): json.loads(r.model_dump_json())
        for p, r in zip(
            chosen,
            iter_results([str(p) for p in chosen], jobs=args.jobs, timeout=args.timeout),
            strict=True,
        )
    }
    originals = [p for p in chosen if "error" not in bases[str(p)]]
    counts: Counter[str] = Counter()
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="byte-flips-") as tmp:
        copies: list[tuple[str, Path, int]] = []
        for n, original in enumerate(originals):
            data = original.read_bytes()
            for k in range(args.flips):
                offset = rng.randrange(len(data))
                damaged = bytearray(data)
                damaged[offset] = (damaged[offset] + rng.randrange(1, 256)) % 256
                copy = Path(tmp) / f"r{n:03d}-{k}.pdf"
                copy.write_bytes(bytes(damaged))
                copies.append((str(original), copy, offset))
        records = iter_results([str(c) for _, c, _ in copies], jobs=args.jobs, timeout=args.timeout)
        for (original, copy, offset), record in zip(copies, records, strict=True):
            got = json.loads(record.model_dump_json())
            kind, silent = classify(bases[original], got)
            counts[kind] += 1
            if kind in ("silent", "error:internal_error") or kind in args.also:
                detail = got["error"]["message"][:200] if "error" in got else ", ".join(silent)
                failures.append(f"{kind}: {original} @ {offset}: {detail} [{copy.name}]")
                if args.keep is not None:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    (args.keep / copy.name).write_bytes(copy.read_bytes())
                    (args.keep / (copy.name + ".base.json")).write_text(json.dumps(bases[original]))
    total = sum(counts.values())
    silent = counts["silent"]
    internal = counts["error:internal_error"]
    print(f"seed {args.seed}: {total} damaged copies of {len(originals)} reports")
    for kind, n in sorted(counts.items()):
        print(f"  {kind:28} {n}")
    print(f"silently different: {silent}   internal_error: {internal}")
    for line in failures[: args.show]:
        print("  " + line)


if __name__ == "__main__":
    main()
