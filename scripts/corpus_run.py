"""Developer tool: parse corpus files (optionally one family) to JSONL for the scorer.

    python scripts/corpus_run.py --framework ilacs -o /tmp/ilacs.jsonl
    python3 ../shared/tools/score.py ../shared/corpus/gold.jsonl /tmp/ilacs.jsonl --show 20

Add --only-output to score.py when a framework is chosen.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ofsted_cli.batch import iter_results  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--framework", help="only gold records of this framework (and the non-PDFs)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("-o", "--output", type=Path, required=True)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    files = []
    for line in (args.corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        if args.framework is None or gold.get("framework") in (args.framework, None):
            files.append(str(args.corpus / "reports" / gold["file"]))
    with args.output.open("w", encoding="utf-8") as out:
        for record in iter_results(files, jobs=args.jobs, with_traceback=True):
            out.write(record.model_dump_json() + "\n")
    print(f"{len(files)} files -> {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
