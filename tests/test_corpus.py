"""Accuracy on the real corpus in ../shared/corpus, measured by its own scorer (score.py).

Skipped, with the reason, when the corpus is not beside the checkout (CI always has it).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import CorpusRun, run_scorer

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SCORER = SHARED / "tools" / "score.py"

pytestmark = pytest.mark.skipif(
    not (CORPUS / "gold.jsonl").is_file() or not SCORER.is_file(),
    reason=f"the real-report corpus is not at {CORPUS} (it sits beside the checkout in CI)",
)

#: The bars each family must meet (score.py's figures, in per cent or counts).
BARS = {
    "judgement_recall": 100.0,
    "judgement_extra": 0,
    "recommendations_exact": 99.0,
    "recommendation_extra_share": 0.5,
    "facts": 99.0,
}


@pytest.fixture(scope="module")
def gold(corpus_records: CorpusRun) -> list[dict]:
    return corpus_records.gold


@pytest.fixture(scope="module")
def outputs(corpus_records: CorpusRun) -> dict[str, str]:
    """Every corpus file's output record, keyed by its gold ``file`` (parsed once a session)."""
    return corpus_records.records


def score(gold: list[dict], outputs: dict[str, str], tmp_path: Path, name: str) -> dict:
    """Run score.py over the given gold records' outputs and read its figures back."""
    text = run_scorer(gold, [outputs[g["file"]] for g in gold], tmp_path, name)

    def pct(label: str) -> float:
        # "framework: 99.0%", "judgements: recall 99.0%", "recommendations: exact 99.0%"
        m = re.search(rf"{label}:? (?:recall )?([\d.]+)%", text)
        if m is None:  # only "n/a" (nothing of that kind to score) may stand for a full score
            assert re.search(rf"{label}:? (?:recall )?n/a", text), f"no {label!r} line:\n{text}"
            return 100.0
        return float(m.group(1))

    figures = {
        "text": text,
        "framework": pct("framework"),
        "local_authority": pct("local_authority"),
        "inspection_start": pct("inspection_start"),
        "inspection_end": pct("inspection_end"),
        "published": pct("published"),
        "lead_inspector": pct("lead_inspector"),
        "judgement_recall": pct("judgements"),
        "recommendations_exact": pct("recommendations: exact"),
    }
    figures["judgement_extra"] = int(_found(r"judgements: .*?extra (\d+)", text).group(1))
    figures["recommendation_extra"] = int(_found(r"recommendations: .*?extra (\d+)", text).group(1))
    figures["recommendation_gold"] = int(_found(r"\((\d+) in gold\)", text).group(1))
    silent = _found(r"silently wrong records: (\d+)", text)
    figures["silent"] = int(silent.group(1))
    figures["warned"] = int(_found(r"records with any warning: (\d+)", text).group(1))
    bad = _found(r"bad inputs reported as errors: (\d+)/(\d+)", text)
    figures["bad_ok"], figures["bad"] = int(bad.group(1)), int(bad.group(2))
    return figures


FAMILIES = ["ilacs", "sif", "lac_2012", "lscb_review"]


@pytest.mark.parametrize("framework", FAMILIES)
def test_family_meets_accuracy_bars(framework, gold, outputs, tmp_path):
    records = [g for g in gold if g.get("framework") == framework]
    assert records, f"no gold records for {framework}"
    f = score(records, outputs, tmp_path, framework)
    report = f["text"]
    assert f["framework"] == 100.0, report
    assert f["judgement_recall"] >= BARS["judgement_recall"], report
    assert f["judgement_extra"] <= BARS["judgement_extra"], report
    assert f["recommendations_exact"] >= BARS["recommendations_exact"], report
    share = 100.0 * f["recommendation_extra"] / max(f["recommendation_gold"], 1)
    assert share <= BARS["recommendation_extra_share"], report
    facts = ("local_authority", "inspection_start", "inspection_end", "published", "lead_inspector")
    for fact in facts:
        assert f[fact] >= BARS["facts"], f"{fact}\n{report}"


def test_no_silently_wrong_record_and_no_false_alarm(gold, outputs, tmp_path):
    """Every record is right, so none may be silently wrong and none may carry a warning:
    a warning on a right record is a self-check's false alarm."""
    f = score(gold, outputs, tmp_path, "all")
    assert f["silent"] == 0, f["text"]
    assert f["warned"] == 0, f["text"]


def test_every_corpus_record_validates_against_the_schema(outputs):
    """`ofsted schema` describes every line a corpus parse writes, error records included."""
    import jsonschema  # in the test extra: CI must fail, not skip, without it

    from ofsted_cli.models import output_schema

    validator = jsonschema.Draft202012Validator(output_schema())
    errors = {
        file: [e.message for e in validator.iter_errors(json.loads(line))]
        for file, line in outputs.items()
    }
    assert {file: found for file, found in errors.items() if found} == {}
    assert sum('"error"' in line for line in outputs.values()) == 4


def test_non_pdfs_are_error_records(gold, outputs, tmp_path):
    records = [g for g in gold if not g.get("is_pdf", True)]
    assert len(records) == 4
    for g in records:
        record = json.loads(outputs[g["file"]])
        assert record["error"]["type"] == "not_a_pdf", record
    f = score(records, outputs, tmp_path, "bad")
    assert f["bad_ok"] == f["bad"] >= 1, f["text"]


SEEDS = SHARED / "seeds"


def _seed_items(anchor: str, pattern: str) -> list[str]:
    """The four recommendations a committee paper in ../shared/seeds quotes after ``anchor``."""
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        if anchor in text:
            after = text[text.index(anchor) :]
            return [i.strip() for i in re.findall(pattern, after, flags=re.M)[:4]]
    pytest.skip(f"no committee paper in {SEEDS} says {anchor!r}")


def _similar(a: str, b: str) -> float:
    import difflib

    def fold(t: str) -> str:
        return re.sub(r"\s+", " ", t.replace("’", "'").replace("‘", "'")).strip().lower()

    return difflib.SequenceMatcher(None, fold(a), fold(b)).ratio()


def _parse_cli(path: Path) -> dict:
    from click.testing import CliRunner

    from ofsted_cli.cli import cli

    result = CliRunner().invoke(
        cli, ["parse", "--json", "--no-cache", str(path)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_barnet_2019_matches_the_committee_paper():
    """Seed 004: Barnet's 2019 ILACS report, good in all four areas, four things to improve."""
    record = _parse_cli(
        CORPUS / "reports/80487_barnet/children's services inspection - 01 july 2019.pdf"
    )
    assert [(j["area"], j["grade"]) for j in record["judgements"]] == [
        ("impact_of_leaders", "good"),
        ("help_and_protection", "good"),
        ("children_in_care", "good"),
        ("overall_effectiveness", "good"),
    ]
    quoted = _seed_items("4 recommendations going forward", r"^·\s+(.+)$")
    texts = [r["text"] for r in record["recommendations"]]
    assert len(texts) == len(quoted) == 4
    for ours, theirs in zip(texts, quoted, strict=True):
        assert _similar(ours, theirs) > 0.9, (ours, theirs)


def test_merton_2017_matches_the_committee_paper():
    """Seed 001: Merton's 2017 SIF table, its outstanding LSCB and four recommendations."""
    record = _parse_cli(
        CORPUS / "reports/80510_merton/children's services inspection - 25 august 2017.pdf"
    )
    assert [(j["area"], j["grade"]) for j in record["judgements"]] == [
        ("overall_effectiveness", "good"),
        ("help_and_protection", "good"),
        ("children_looked_after", "good"),
        ("adoption", "outstanding"),
        ("care_leavers", "good"),
        ("leadership", "outstanding"),
        ("lscb", "outstanding"),
    ]
    quoted = _seed_items("highlighted four recommendations", r"^-?\s*-?\s*\d\.\s+(.+)$")
    texts = [r["text"] for r in record["recommendations"]]
    assert len(texts) == len(quoted) == 4
    for ours, theirs in zip(texts, quoted, strict=True):
        assert _similar(ours, theirs) > 0.9, (ours, theirs)


def test_la_report_followed_by_a_separate_lscb_report_reads_both(gold, tmp_path):
    """A PDF holding an LA inspection report and then the board's own review report gives one
    record with both parts: built here by joining two real reports page for page."""
    import pypdfium2 as pdfium

    la = next(g for g in gold if g.get("variant") == "sif_no_lscb_review" and "surrey" in g["file"])
    board = next(g for g in gold if g.get("framework") == "lscb_review")
    joined = pdfium.PdfDocument.new()
    for part in (la, board):
        source = pdfium.PdfDocument(str(CORPUS / "reports" / part["file"]))
        joined.import_pages(source)
        source.close()
    path = tmp_path / "la-then-lscb.pdf"
    joined.save(str(path))
    joined.close()

    record = _parse_cli(path)
    assert record["framework"] == "sif"
    assert [(j["area"], j["grade"]) for j in record["judgements"]] == [
        (j["area"], j["grade"]) for j in la["judgements"] + board["judgements"]
    ]
    bodies = [r["body"] for r in record["recommendations"]]
    assert bodies == ["local_authority"] * len(la["recommendations"]) + ["lscb"] * len(
        board["recommendations"]
    )
    texts = [r["text"] for r in record["recommendations"]]
    assert texts == [r["text"] for r in la["recommendations"] + board["recommendations"]]
    lscb_pages = {r["page"] for r in record["recommendations"] if r["body"] == "lscb"}
    assert min(lscb_pages) > la["pages"]


def _found(pattern: str, text: str) -> re.Match[str]:
    """The scorer's line that ``pattern`` reads; a missing line fails the test, not mypy."""
    match = re.search(pattern, text)
    assert match is not None, f"score.py printed no line matching {pattern!r}:\n{text}"
    return match
