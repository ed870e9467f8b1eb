"""Where the real corpora are (beside the checkout) and their gold records; the tests that
read them skip with the reason when they are absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SECOND = SHARED / "corpus-fv-send-jtai"

needs_corpus = pytest.mark.skipif(
    not (CORPUS / "gold.jsonl").is_file(),
    reason=f"the real-report corpus is not at {CORPUS} (it sits beside the checkout)",
)
needs_second = pytest.mark.skipif(
    not (SECOND / "gold.jsonl").is_file(),
    reason=f"the second corpus (focused visits, SEND, JTAI) is not at {SECOND}",
)


def gold_records(corpus: Path) -> list[dict]:
    """The hand-checked records of a corpus (its gold.jsonl), saved web pages left out."""
    lines = (corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    return [r for r in records if r.get("is_pdf", True)]
