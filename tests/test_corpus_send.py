"""Accuracy on the real area SEND reports in ../shared/corpus-fv-send-jtai, by its scorer.

Skipped, with the reason, when that corpus is not beside the checkout. The bars are issue
11's: judgements 100 % with no extra, recommendations exact >= 99 %, facts >= 99 %, and no
silently wrong record.
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
    reason=f"the focused visit / area SEND / JTAI corpus is not at {CORPUS}",
)

#: Gold records whose priority-action text mixes the two columns of the ruled table (the
#: gold was read from the text flow, where a wrapped left cell interleaves with the right
#: one). Each was checked against the rendered page; the printed row is pinned below, and
#: these records are scored apart from the rest until the gold is corrected.
GOLD_ERRATA = {
    "80480_lancashire/area send full inspection - 12 february 2025.pdf": (
        "NHS Lancashire and South Cumbria ICB and Lancashire County Council",
        "Leaders from the ICB and local authority should continue to work together with "
        "urgency to address the delays and gaps in service provision within the current "
        "neurodivergent pathway. This is to meet the full range of needs of children and "
        "young people with SEND across Lancashire.",
    ),
    "80535_oldham/area send full inspection - 29 august 2023.pdf": (
        "NHS Greater Manchester ICB and Oldham Metropolitan Borough Council",
        "Leaders at Oldham Metropolitan Borough Council and NHS Greater Manchester ICB, "
        "including commissioners and providers, should act urgently to identify and address "
        "the delays and gaps in service provision to meet the full range of needs of children "
        "and young people with SEND, aged 0 to 25, in Oldham. This includes speech and "
        "language provision, neurodevelopmental pathways and community paediatrics.",
    ),
}


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    lines = (CORPUS / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [g for g in map(json.loads, filter(str.strip, lines)) if g["framework"] == "area_send"]


@pytest.fixture(scope="module")
def outputs(gold: list[dict], corpus_run: Callable[[Path], CorpusRun]) -> dict[str, dict]:
    """Every record of these kinds, keyed by its gold ``file`` (the second corpus is parsed
    once per test session: tests/conftest.py's ``corpus_run``)."""
    run = corpus_run(CORPUS)
    return {g["file"]: run.record(g["file"]) for g in gold}


def _score(gold: list[dict], outputs: dict[str, dict], tmp_path: Path) -> str:
    return run_scorer(gold, [json.dumps(outputs[g["file"]]) for g in gold], tmp_path)


def _figure(pattern: str, text: str) -> float:
    match = re.search(pattern, text)
    assert match is not None, f"score.py printed no line matching {pattern!r}:\n{text}"
    return float(match.group(1))


def test_area_send_meets_the_bars(gold, outputs, tmp_path):
    assert len(gold) == 37
    scored = [g for g in gold if g["file"] not in GOLD_ERRATA]
    text = _score(scored, outputs, tmp_path)
    assert _figure(r"framework: ([\d.]+)%", text) == 100.0, text
    assert _figure(r"judgements: recall ([\d.]+)%", text) == 100.0, text
    assert _figure(r"judgements: .*?extra (\d+)", text) == 0, text
    assert _figure(r"recommendations: exact ([\d.]+)%", text) >= 99.0, text
    for fact in ("local_authority", "inspection_start", "inspection_end", "lead_inspector"):
        assert _figure(rf"{fact}: ([\d.]+)%", text) >= 99.0, f"{fact}\n{text}"
    assert _figure(r"silently wrong records: (\d+)", text) == 0, text


def test_every_outcome_and_row_count_is_read(gold, outputs):
    """Per report: the outcome, and as many priority actions and improvements as gold has."""
    assert len(gold) == 37
    for g in gold:
        record = outputs[g["file"]]
        assert [(j["area"], j["grade"]) for j in record["judgements"]] == [
            ("send_outcome", g["judgements"][0]["grade"])
        ], g["file"]
        for priority in ("priority_action", "improve"):
            ours = [r for r in record["recommendations"] if r["priority"] == priority]
            theirs = [r for r in g["recommendations"] if r["priority"] == priority]
            assert len(ours) == len(theirs), (g["file"], priority)
        assert record["warnings"] == [], g["file"]


def test_responsible_bodies_as_printed(gold, outputs):
    """The left cell of each priority-action row, whole (it may run over a page break)."""
    assert len(gold) == 37
    for g in gold:
        if g["file"] in GOLD_ERRATA:
            continue
        ours = [r["responsible"] for r in outputs[g["file"]]["recommendations"]]
        assert ours == [r.get("responsible") for r in g["recommendations"]], g["file"]


@pytest.mark.parametrize("file", sorted(GOLD_ERRATA))
def test_rows_the_gold_misreads_are_read_as_printed(file, outputs):
    responsible, text = GOLD_ERRATA[file]
    rows = [
        (r["responsible"], r["text"])
        for r in outputs[file]["recommendations"]
        if r["priority"] == "priority_action"
    ]
    assert (responsible, text) in rows
