"""The perturbation suite (issue 8): real reports changed in ways that must not change the
record, and in ways that must raise a warning or an error.

Documents are the sample reports and, when present, corpus reports picked by their gold
record's properties (never by name). A variant is a :class:`tests.perturb.PerturbedDocument`:
the same PDF with edited page texts or words, read by the normal readers and self-checks.
Record-level variants take a correct record and break it as a reader bug would, to show that
a self-check notices.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ofsted_cli.checks import self_check
from ofsted_cli.models import (
    Area,
    Body,
    Grade,
    Part,
    Priority,
    Recommendation,
    Report,
    ReportWarning,
)
from ofsted_cli.pdf import Document

from .conftest import SAMPLES
from .perturb import (
    drop_lines,
    move_line_to_top,
    must_replace,
    read,
    rewrap_narrow,
    rewrap_wide,
)

CORPUS = SAMPLES.parent.parent / "shared" / "corpus"


def sample(name: str) -> Path:
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"{path} is missing: run scripts/make_samples.py")
    return path


def _gold() -> list[dict]:
    gold = CORPUS / "gold.jsonl"
    if not gold.is_file():
        return []
    lines = gold.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


GOLD = _gold()


def corpus_pick(what: str, test: Callable[[dict], bool], n: int = 1) -> list[object]:
    """Up to ``n`` corpus reports whose gold record passes ``test`` (pytest params; one
    skipped param with the reason when the corpus is absent)."""
    found = [g for g in GOLD if g.get("is_pdf", True) and test(g)][:n]
    if not found:
        reason = f"the corpus is not at {CORPUS}" if not GOLD else f"no corpus report {what}"
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id=what)]
    return [pytest.param(CORPUS / "reports" / g["file"], id=g["file"]) for g in found]


def _has_lscb(g: dict) -> bool:
    return any(j["area"] == "lscb" for j in g["judgements"])


ILACS_LISTS = corpus_pick(
    "ilacs with 5+ items", lambda g: g["framework"] == "ilacs" and len(g["recommendations"]) >= 5, 2
)
SIF_NUMBERED = corpus_pick(
    "sif with an lscb and 8+ items",
    lambda g: g["framework"] == "sif" and _has_lscb(g) and len(g["recommendations"]) >= 8,
    2,
)
OTHERS = corpus_pick("lac_2012", lambda g: g["framework"] == "lac_2012") + corpus_pick(
    "lscb_review", lambda g: g["framework"] == "lscb_review"
)
SAMPLE_NAMES = ["barnet-2019.pdf", "kirklees-2019.pdf", "merton-2017.pdf", "merton-2025.pdf"]


def original(path: Path) -> Report:
    with Document(path) as doc:
        from ofsted_cli.parser import read_document

        return read_document(doc)


def variant(name: str, page: int, old: str, new: str) -> tuple[Report, Report]:
    """A sample's record, and its record with ``old`` (a pattern) replaced by ``new`` on
    ``page``'s text."""
    path = sample(name)
    return original(path), read(path, texts={page: lambda t: must_replace(t, old, new)})


def same_record(a: Report, b: Report) -> bool:
    return a.model_dump(exclude={"source"}) == b.model_dump(exclude={"source"})


# --------------------------------------------------------------------------- must not change


@pytest.mark.parametrize("name", [*SAMPLE_NAMES, "kent-2013.pdf"])
@pytest.mark.parametrize("rewrap", [rewrap_narrow, rewrap_wide])
def test_rewrapped_sample_reads_the_same(name: str, rewrap: Callable[[str], str]) -> None:
    path = sample(name)
    base = original(path)
    assert base.warnings == []
    assert same_record(read(path, texts={0: rewrap}), base)


@pytest.mark.parametrize("path", ILACS_LISTS + OTHERS)
@pytest.mark.parametrize("rewrap", [rewrap_narrow, rewrap_wide])
def test_rewrapped_corpus_report_reads_the_same(path: Path, rewrap: Callable[[str], str]) -> None:
    base = original(path)
    assert base.warnings == []
    assert same_record(read(path, texts={0: rewrap}), base)


@pytest.mark.parametrize("path", SIF_NUMBERED)
def test_sif_rewrapped_wide_reads_the_same(path: Path) -> None:
    base = original(path)
    assert same_record(read(path, texts={0: rewrap_wide}), base)


@pytest.mark.xfail(
    strict=True,
    reason="needs reader fix: SIF table labels and topic sub-headings wrapped over two lines",
)
@pytest.mark.parametrize("path", SIF_NUMBERED[:1])
def test_sif_rewrapped_narrow_reads_the_same(path: Path) -> None:
    base = original(path)
    assert same_record(read(path, texts={0: rewrap_narrow}), base)


@pytest.mark.parametrize("name", ["barnet-2019.pdf", "merton-2025.pdf"])
def test_ilacs_table_rows_in_another_order(name: str) -> None:
    """The overall effectiveness row printed first: same judgements, in the printed order."""
    path = sample(name)
    base = original(path)
    moved = read(path, words={1: move_line_to_top("Overall", "Judgement")})
    overall = base.judgement(Area.OVERALL_EFFECTIVENESS)
    assert overall is not None
    assert moved.judgements == [overall] + [
        j for j in base.judgements if j.area is not Area.OVERALL_EFFECTIVENESS
    ]
    assert moved.warnings == []
    assert moved.recommendations == base.recommendations


def test_sif_table_rows_in_another_order() -> None:
    path = sample("merton-2017.pdf")
    base = original(path)
    swap = {
        1: lambda t: must_replace(
            t,
            r"(2\.1 Adoption performance Outstanding)\n(2\.2 Experiences and progress of care "
            r"leavers Good)",
            r"\2\n\1",
        )
    }
    moved = read(path, texts=swap)
    order = [j.area for j in moved.judgements]
    assert order.index(Area.CARE_LEAVERS) == order.index(Area.ADOPTION) - 1
    assert sorted(moved.judgements, key=lambda j: j.area.value) == sorted(
        base.judgements, key=lambda j: j.area.value
    )
    assert moved.warnings == []


@pytest.mark.parametrize(
    "heading",
    [
        "What needs to improve?",
        "What needs to improve:",
        "WHAT NEEDS TO IMPROVE",
        "What needs to improve?2",
        "What needs to improve in this local authority?",
    ],
)
def test_ilacs_list_heading_wordings(heading: str) -> None:
    base, changed = variant("barnet-2019.pdf", 2, r"What needs to improve\n", heading + "\n")
    assert same_record(changed, base)


def test_ilacs_list_heading_not_read_is_warned() -> None:
    """Whatever a reader makes of an unfamiliar heading, its list is not silently lost."""
    _, changed = variant(
        "barnet-2019.pdf", 2, r"What needs to improve\n", "What needs to improve in this area?\n"
    )
    assert len(changed.recommendations) == 4 or changed.warnings == [
        ReportWarning(
            part=Part.RECOMMENDATIONS,
            message="“What needs to improve in this area?” on p. 2 is followed by a list, but "
            "no item was read from it",
        )
    ]


def test_ilacs_trust_title() -> None:
    """'Inspection of X Children and Families Trust': a service run by a trust."""
    base, trust = variant(
        "merton-2025.pdf",
        1,
        r"Inspection of Merton local authority\s*\nchildren’s services",
        "Inspection of Merton Children and Families Trust",
    )
    assert "Merton" in (trust.local_authority or "")
    assert same_record(trust.model_copy(update={"local_authority": base.local_authority}), base)


SIF_OVERALL = "Children’s services in the London Borough of Merton are good."


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        pytest.param(
            "The overall judgement is that children’s service is good.",
            "The overall judgement is that children’s service is good",
            id="singular",
        ),
        (
            "The overall judgement is that children’s services are good.",
            "The overall judgement is that children’s services are good",
        ),
        ("Children’s services in the London Borough of Merton are good.", None),
    ],
)
def test_sif_overall_sentence_wordings(sentence: str, label: str | None) -> None:
    path = sample("merton-2017.pdf")
    base = original(path)
    changed = read(path, texts={1: lambda t: must_replace(t, re.escape(SIF_OVERALL), sentence)})
    overall = changed.judgement(Area.OVERALL_EFFECTIVENESS)
    assert overall is not None and overall.grade is Grade.GOOD
    expected = base.judgement(Area.OVERALL_EFFECTIVENESS)
    assert expected is not None
    assert overall.label == (label or expected.label)
    assert changed.warnings == []
    rest = [j for j in changed.judgements if j.area is not Area.OVERALL_EFFECTIVENESS]
    assert rest == [j for j in base.judgements if j.area is not Area.OVERALL_EFFECTIVENESS]


def test_sif_overall_sentence_without_the_authority() -> None:
    path = sample("merton-2017.pdf")
    changed = read(
        path,
        texts={
            1: lambda t: must_replace(t, re.escape(SIF_OVERALL), "Children’s services are good.")
        },
    )
    overall = changed.judgement(Area.OVERALL_EFFECTIVENESS)
    assert overall is not None and overall.grade is Grade.GOOD
    assert changed.warnings == []


def test_ilacs_prose_only_what_needs_to_improve() -> None:
    """An outstanding authority with nothing to improve: zero items, not an error."""
    base, changed = variant(
        "merton-2025.pdf",
        2,
        r"(What needs to improve\?1\n)(?:.*\n)*?(?=The experiences and progress)",
        r"\1Leaders know their services well; this inspection found nothing that they\n"
        "need to improve beyond the plans they already have.\n",
    )
    assert changed.recommendations == []
    assert changed.warnings == []
    assert changed.judgements == base.judgements


# --------------------------------------------------------------------------- must warn or fail


def warnings_of(path: Path, **edits: object) -> list[ReportWarning]:
    return read(path, **edits).warnings


def test_numbering_gap_is_named() -> None:
    """Items numbered 1, 2, 10, 11: the items between are not in the record."""
    path = sample("merton-2017.pdf")
    renumber = {
        2: lambda t: must_replace(
            must_replace(t, r"\n3\. Give every", "\n10. Give every"),
            r"\n4\. Provide",
            "\n11. Provide",
        )
    }
    assert warnings_of(path, texts=renumber) == [
        ReportWarning(
            part=Part.RECOMMENDATIONS, message="items 3–9 not found (numbering jumps from 2 to 10)"
        )
    ]


def test_item_removed_from_a_numbered_list() -> None:
    path = sample("merton-2017.pdf")
    cut = {2: lambda t: must_replace(t, r"\n2\. Offer a return home(?:.*\n)*?(?=3\. )", "\n")}
    changed = read(path, texts=cut)
    assert len(changed.recommendations) == 3
    assert changed.warnings == [
        ReportWarning(
            part=Part.RECOMMENDATIONS, message="item 2 not found (numbering jumps from 1 to 3)"
        )
    ]


PAGES_MISSING = [
    ReportWarning(
        part=Part.JUDGEMENTS, message="no section heading states a grade: pages missing?"
    ),
    ReportWarning(
        part=Part.RECOMMENDATIONS,
        message="the report's sections are missing, so items may be too",
    ),
]


@pytest.mark.parametrize("name", ["barnet-2019.pdf", "merton-2025.pdf"])
def test_page_cut_from_an_ilacs_report(name: str) -> None:
    """Page 2 (the list and the judgement sections) cut: the record says pages are missing."""
    changed = read(sample(name), keep=[1])
    assert changed.recommendations == []
    assert changed.warnings == PAGES_MISSING


def test_page_cut_from_a_sif_report_with_an_lscb_review() -> None:
    """The LSCB part's page cut from a report whose page 1 announces the review: the local
    authority's judgements are kept as they were, there is no lscb judgement, and both the
    judgements and the recommendations are in doubt."""
    path = sample("merton-2017.pdf")
    changed = read(path, keep=[1, 2, 4])
    assert changed.judgements == [j for j in original(path).judgements if j.area is not Area.LSCB]
    assert {w.part for w in changed.warnings} == {Part.JUDGEMENTS, Part.RECOMMENDATIONS}


def test_ilacs_table_row_dropped_is_warned() -> None:
    """2019 layout: the children in care row's label dropped, its grade left beside the row
    above (help and protection, now with two grades): the rows read whole are kept as they
    were, the two in doubt are left out, and each missing area is warned once (the reader's
    and the check's warnings share one wording)."""
    path = sample("barnet-2019.pdf")
    doubted = {Area.HELP_AND_PROTECTION, Area.CHILDREN_IN_CARE}
    changed = read(path, words={1: drop_lines("The experiences and progress of children in care")})
    assert changed.judgements == [j for j in original(path).judgements if j.area not in doubted]
    assert {w.part for w in changed.warnings} == {Part.JUDGEMENTS}
    messages = [w.message for w in changed.warnings]
    for area in doubted:
        assert messages.count(f"no {area.value} judgement") == 1
    assert not any(m.startswith("judgement table: no ") for m in messages)
    assert any(m.startswith("judgement table: two grades beside") for m in messages)


def test_ilacs_overall_row_dropped_is_warned() -> None:
    changed = read(sample("barnet-2019.pdf"), words={1: drop_lines("Overall effectiveness")})
    assert changed.judgement(Area.OVERALL_EFFECTIVENESS) is None
    assert changed.warnings == [
        ReportWarning(part=Part.JUDGEMENTS, message="no overall_effectiveness judgement")
    ]


def test_care_leavers_row_dropped_is_warned() -> None:
    """2023 layout: the care leavers row (label over two lines, grade below) dropped."""
    drop = drop_lines("The experiences and progress of care", "leavers")
    changed = read(sample("merton-2025.pdf"), words={1: drop})
    assert changed.judgement(Area.CARE_LEAVERS) is None
    assert changed.warnings == [
        ReportWarning(part=Part.JUDGEMENTS, message="no care_leavers judgement")
    ]


SIF_PRIORITY_GROUPS = corpus_pick(
    "sif with both priority groups",
    lambda g: (
        g["framework"] == "sif"
        and {"immediate", "improve"} <= {r["priority"] for r in g["recommendations"]}
    ),
)


@pytest.mark.parametrize("path", SIF_PRIORITY_GROUPS)
def test_sub_heading_on_the_last_items_line(path: Path) -> None:
    """ "… registered with a dentist. Areas for improvement": the sub-heading printed on the
    line of the last immediate item is read as a heading, or the item is doubted."""
    base = original(path)
    last = max(i for i, r in enumerate(base.recommendations) if r.priority.value == "immediate")
    item = base.recommendations[last]
    tail = re.escape(item.text.split()[-1])
    changed = read(
        path,
        texts={
            item.page: lambda t: must_replace(
                t,
                rf"{tail}\s*\nAreas for improvement\s*\n",
                f"{item.text.split()[-1]} Areas for improvement\n",
            )
        },
    )
    if same_record(changed, base):
        return
    doubts = [w for w in changed.warnings if w.part is Part.RECOMMENDATIONS]
    assert doubts and f"item {last + 1} (p. {item.page}) ends in “Areas for improvement" in (
        doubts[0].message
    )


# --------------------------------------------------------------------------- record-level bugs


def checked(path: Path, broken: Report) -> list[ReportWarning]:
    """The self-checks' verdict on a broken copy of a correct record of ``path``."""
    with Document(path) as doc:
        return self_check(doc, broken)


def _without(recs: list[Recommendation], i: int) -> list[Recommendation]:
    return recs[:i] + recs[i + 1 :]


@pytest.mark.parametrize("path", ILACS_LISTS + SIF_NUMBERED)
def test_item_lost_by_a_reader_is_warned(path: Path) -> None:
    base = original(path)
    for i in (0, len(base.recommendations) // 2, len(base.recommendations) - 1):
        broken = base.model_copy(update={"recommendations": _without(base.recommendations, i)})
        assert any(w.part is Part.RECOMMENDATIONS for w in checked(path, broken)), i


@pytest.mark.parametrize("path", ILACS_LISTS + SIF_NUMBERED)
def test_items_run_together_are_warned(path: Path) -> None:
    base = original(path)
    recs = base.recommendations
    joined = recs[0].model_copy(update={"text": f"{recs[0].text} {recs[1].text}"})
    broken = base.model_copy(update={"recommendations": [joined, *recs[2:]]})
    assert any(w.part is Part.RECOMMENDATIONS for w in checked(path, broken))


@pytest.mark.parametrize("path", ILACS_LISTS + SIF_NUMBERED)
def test_heading_read_into_an_item_is_warned(path: Path) -> None:
    base = original(path)
    recs = list(base.recommendations)
    recs[0] = recs[0].model_copy(update={"text": f"{recs[0].text} Areas for improvement"})
    broken = base.model_copy(update={"recommendations": recs})
    assert any(
        w.part is Part.RECOMMENDATIONS and "a heading read into the item" in w.message
        for w in checked(path, broken)
    )


@pytest.mark.parametrize("path", ILACS_LISTS + SIF_NUMBERED)
def test_footnote_number_kept_in_an_item_is_warned(path: Path) -> None:
    base = original(path)
    recs = list(base.recommendations)
    words = recs[-1].text.rstrip(".").split()
    recs[-1] = recs[-1].model_copy(update={"text": " ".join(words) + "2."})
    broken = base.model_copy(update={"recommendations": recs})
    assert any(
        w.part is Part.RECOMMENDATIONS and "footnote number glued" in w.message
        for w in checked(path, broken)
    )


def each_item_relabelled(
    path: Path, field: str, flip: Callable[[Recommendation], object]
) -> Iterator[tuple[int, Recommendation, list[ReportWarning]]]:
    """For each item in turn, the self-checks' warnings on the record with that item's
    ``field`` set to ``flip(item)``."""
    base = original(path)
    for i, rec in enumerate(base.recommendations):
        recs = list(base.recommendations)
        recs[i] = rec.model_copy(update={field: flip(rec)})
        yield i, rec, checked(path, base.model_copy(update={"recommendations": recs}))


@pytest.mark.parametrize("path", SIF_PRIORITY_GROUPS)
def test_priority_mislabelled_is_warned(path: Path) -> None:
    """Each item's priority flipped in turn: the one under a group sub-heading is doubted."""

    def flip(rec: Recommendation) -> Priority:
        return Priority.IMMEDIATE if rec.priority is Priority.IMPROVE else Priority.IMPROVE

    for i, rec, warnings in each_item_relabelled(path, "priority", flip):
        assert any(f"item {i + 1} (p. {rec.page}) stands under" in w.message for w in warnings), i


@pytest.mark.parametrize("path", SIF_NUMBERED)
def test_body_mislabelled_is_warned(path: Path) -> None:
    """Each item given to the other body in turn (the local authority's to the LSCB and the
    other way): every one is doubted."""

    def flip(rec: Recommendation) -> Body:
        return Body.LSCB if rec.body is Body.LOCAL_AUTHORITY else Body.LOCAL_AUTHORITY

    for i, _, warnings in each_item_relabelled(path, "body", flip):
        assert any(w.part is Part.RECOMMENDATIONS for w in warnings), i


@pytest.mark.parametrize("path", ILACS_LISTS + SIF_NUMBERED)
def test_grade_misread_is_warned(path: Path) -> None:
    base = original(path)
    js = list(base.judgements)
    other = Grade.INADEQUATE if js[1].grade is not Grade.INADEQUATE else Grade.GOOD
    js[1] = js[1].model_copy(update={"grade": other})
    broken = base.model_copy(update={"judgements": js})
    assert any(w.part is Part.JUDGEMENTS for w in checked(path, broken))


@pytest.mark.parametrize("path", SIF_NUMBERED)
def test_lscb_judgement_lost_is_warned(path: Path) -> None:
    base = original(path)
    broken = base.model_copy(
        update={"judgements": [j for j in base.judgements if j.area is not Area.LSCB]}
    )
    warnings = checked(path, broken)
    assert [w.part for w in warnings] == [Part.JUDGEMENTS]
    assert "but the record has no lscb judgement" in warnings[0].message
