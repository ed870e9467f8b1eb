"""The letter readers (focused visits, JTAI) on the real letters in
../shared/corpus-fv-send-jtai, measured by its scorer (score.py) against the hand-checked gold.

Skipped, with the reason, when that corpus is not beside the checkout.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import CorpusRun, run_scorer

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus-fv-send-jtai"
SCORER = SHARED / "tools" / "score.py"

pytestmark = pytest.mark.skipif(
    not (CORPUS / "gold.jsonl").is_file() or not SCORER.is_file(),
    reason=f"the focused-visit/SEND/JTAI corpus is not at {CORPUS} (it sits beside the checkout)",
)

#: The letter families this file measures.
KINDS = ("focused_visit", "jtai")

#: The bars of issue 11, in per cent (score.py's figures) and counts.
RECOMMENDATIONS_EXACT = 99.0
FACTS = 99.0
SILENTLY_WRONG = 0


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    """The gold records of the letter families (uncertain ones included)."""
    lines = (CORPUS / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    return [g for g in records if g.get("framework") in KINDS]


@pytest.fixture(scope="module")
def outputs(gold: list[dict], corpus_run: Callable[[Path], CorpusRun]) -> dict[str, dict]:
    """Every record of these kinds, keyed by its gold ``file`` (the second corpus is parsed
    once per test session: tests/conftest.py's ``corpus_run``)."""
    run = corpus_run(CORPUS)
    return {g["file"]: run.record(g["file"]) for g in gold}


def _score(records: list[dict], outputs: dict[str, dict], tmp_path: Path) -> str:
    return run_scorer(records, [json.dumps(outputs[g["file"]]) for g in records], tmp_path)


def _pct(label: str, text: str) -> float:
    # "framework: 99.0%", "judgements: recall 99.0%", "recommendations: exact 99.0%"
    m = re.search(rf"{label}:? (?:recall )?([\d.]+)%", text)
    if m is None:  # only "n/a" (nothing of that kind to score) may stand for a full score
        assert re.search(rf"{label}:? (?:recall )?n/a", text), f"no {label!r} line:\n{text}"
        return 100.0
    return float(m.group(1))


@pytest.mark.parametrize("kind", KINDS)
def test_letters_meet_the_bars(kind, gold, outputs, tmp_path):
    records = [g for g in gold if g["framework"] == kind]
    certain = {"focused_visit": 236, "jtai": 17}[kind]
    assert len([g for g in records if not g.get("uncertain")]) == certain, kind
    report = _score(records, outputs, tmp_path)
    assert "no result or error: 0)" in report, report
    assert _pct("framework", report) == 100.0, report
    for fact in ("local_authority", "inspection_start", "inspection_end", "lead_inspector"):
        assert _pct(fact, report) >= FACTS, f"{fact}\n{report}"
    assert _pct("recommendations: exact", report) >= RECOMMENDATIONS_EXACT, report
    silent = re.search(r"silently wrong records: (\d+)", report)
    assert silent is not None and int(silent.group(1)) == SILENTLY_WRONG, report
    assert "judgements: recall n/a (0/0), extra 0" in report, report


def test_uncertain_letters_are_read_too(gold, outputs):
    """The themed JTAI letters of 2016-20 (not scored, their gold texts being uncertain):
    each is read as a JTAI with its area, dates, theme, and as many items of each priority
    as the gold has."""
    themed = [g for g in gold if g.get("uncertain") and g["framework"] == "jtai"]
    assert len(themed) == 23
    for g in themed:
        record = outputs[g["file"]]
        assert record["framework"] == "jtai", (g["file"], record)
        assert record["local_authority"] == g["local_authority"], g["file"]
        assert record["theme"] == g["theme"], g["file"]
        assert record["inspection_start"] == g["inspection_start"], g["file"]
        assert record["inspection_end"] == g["inspection_end"], g["file"]
        priorities = [r["priority"] for r in record["recommendations"]]
        assert priorities == [r["priority"] for r in g["recommendations"]], g["file"]


def test_letter_fields_match_the_gold(gold, outputs):
    """letter_date and theme, which score.py does not compare: equal to the gold on every
    certain letter."""
    assert len([g for g in gold if not g.get("uncertain")]) == 253  # 236 visits, 17 JTAI
    wrong = [
        (g["file"], field, outputs[g["file"]].get(field), g[field])
        for g in gold
        if not g.get("uncertain")
        for field in ("letter_date", "theme")
        if outputs[g["file"]].get(field) != g[field]
    ]
    assert wrong == []
