"""``ofsted summary``: the rules on made-up reports, every output format exactly on the bundled
samples, and agreement with the same computation made from the corpus's gold records."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from ofsted_cli import authorities
from ofsted_cli.compare import AREA_ROWS
from ofsted_cli.models import Area, Framework, Grade, Judgement, Report, Source
from ofsted_cli.selection import OVERALL
from ofsted_cli.summary import summarise, summary_json
from tests.cli_helpers import run
from tests.corpus_library import CORPUS, gold_records, needs_corpus

pytest_plugins = ("tests.corpus_fixtures",)

SAMPLES = Path(__file__).resolve().parent.parent / "sample_reports"
LEADERSHIP = next(row for row in AREA_ROWS if row.key == "leadership")


@pytest.fixture(autouse=True)
def _samples_library(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled samples are the library unless a test names another."""
    monkeypatch.delenv("OFSTED_REPORTS", raising=False)


def made_up(
    printed: str,
    framework: Framework,
    end: date,
    grade: Grade | None,
    *,
    published: date | None = None,
    start: date | None = None,
    path: str | None = None,
) -> Report:
    """A report as the parser would make it (authority resolved at the inspection's end)."""
    judgements = (
        [Judgement(area=Area.OVERALL_EFFECTIVENESS, label="Overall", grade=grade, page=1)]
        if grade
        else []
    )
    report = Report(
        source=Source(path=path or f"{printed}-{end}.pdf", sha256=f"{printed}{end}{path}"),
        framework=framework,
        local_authority=printed,
        inspection_start=start or end,
        inspection_end=end,
        published=published,
        lead_inspector=None,
        judgements=judgements,
        recommendations=[],
    )
    authorities.attach_authority(report)
    return report


def standings(reports: list[Report], at: date, **kwargs: object) -> dict[str, tuple]:
    picture = summarise(reports, at, OVERALL, **kwargs)  # type: ignore[arg-type]
    return {
        s.authority.code: (s.grade.value if s.grade else None, s.report.source.path)
        for s in picture.standings
    }


def test_the_latest_inspection_known_by_the_date_stands() -> None:
    reports = [
        made_up("Merton", Framework.SIF, date(2017, 7, 6), Grade.GOOD, published=date(2017, 8, 25)),
        made_up("Merton", Framework.ILACS, date(2022, 3, 11), Grade.OUTSTANDING),
        made_up("Merton", Framework.LSCB_REVIEW, date(2023, 1, 1), Grade.GOOD),
    ]
    assert standings(reports, date(2017, 8, 24)) == {}  # inspected, not yet published
    assert standings(reports, date(2017, 8, 25)) == {"E09000024": ("good", "Merton-2017-07-06.pdf")}
    assert standings(reports, date(2024, 1, 1)) == {
        "E09000024": ("outstanding", "Merton-2022-03-11.pdf")
    }


def test_a_council_is_one_authority_across_a_change_of_code() -> None:
    somerset = made_up("Somerset County Council", Framework.ILACS, date(2022, 3, 4), Grade.GOOD)
    assert somerset.authority is not None and somerset.authority.code == "E10000027"
    assert standings([somerset], date(2024, 1, 1)) == {"E06000066": ("good", somerset.source.path)}
    assert standings([somerset], date(2022, 6, 1)) == {"E10000027": ("good", somerset.source.path)}


def test_an_abolished_authority_no_longer_counts() -> None:
    cumbria = made_up("Cumbria", Framework.ILACS, date(2022, 6, 1), Grade.REQUIRES_IMPROVEMENT)
    path = cumbria.source.path
    assert standings([cumbria], date(2023, 3, 31)) == {"E10000006": ("requires_improvement", path)}
    assert standings([cumbria], date(2023, 4, 1)) == {}


def test_ties_and_areas_not_judged() -> None:
    same_day = date(2019, 5, 24)
    first = made_up("Barnet", Framework.ILACS, same_day, Grade.GOOD, start=date(2019, 5, 1))
    later = made_up("Barnet", Framework.ILACS, same_day, Grade.INADEQUATE, start=date(2019, 5, 13))
    assert standings([later, first], same_day) == {"E09000003": ("inadequate", later.source.path)}
    by_path = [
        made_up("Barnet", Framework.ILACS, same_day, Grade.GOOD, path="b.pdf"),
        made_up("Barnet", Framework.ILACS, same_day, Grade.INADEQUATE, path="a.pdf"),
    ]
    assert standings(by_path, same_day) == {"E09000003": ("good", "b.pdf")}
    ungraded = made_up("Barnet", Framework.ILACS, date(2026, 6, 1), None)  # the 2026 format
    picture = summarise([first, ungraded], date(2026, 7, 1), OVERALL)
    assert [(s.grade, s.report is ungraded) for s in picture.standings] == [(None, True)]
    assert picture.tally().authorities == 0


def test_unresolved_names_and_other_frameworks_are_left_out() -> None:
    nowhere = made_up("Nowhere Council", Framework.ILACS, date(2019, 1, 1), Grade.GOOD)
    kent = made_up("Kent", Framework.LAC_2012, date(2013, 7, 19), Grade.ADEQUATE)
    assert nowhere.authority is None
    assert standings([nowhere, kent], date(2020, 1, 1)) == {}
    assert standings([kent], date(2020, 1, 1), frameworks=(Framework.LAC_2012,)) == {
        "E10000016": ("adequate", kent.source.path)
    }


def _zeros(**counts: int) -> dict[str, int]:
    main = ("outstanding", "good", "requires_improvement", "inadequate")
    return {g: counts.get(g, 0) for g in main}


def _region(in_force: int, **counts: int) -> dict[str, object]:
    graded = sum(counts.values())
    good = counts.get("outstanding", 0) + counts.get("good", 0)
    return {
        "in_force": in_force,
        "authorities": graded,
        "grades": _zeros(**counts),
        "good_or_better": good,
    }


def _row(name: str, code: str, region: str, grade: str, report: str) -> dict[str, object]:
    facts = {
        "barnet-2019": ("ilacs", "2019-05-13", "2019-05-24", None),
        "kirklees-2019": ("ilacs", "2019-06-10", "2019-06-21", None),
        "merton-2017": ("sif", "2017-06-12", "2017-07-06", "2017-08-25"),
        "merton-2025": ("ilacs", "2025-07-14", "2025-07-18", None),
    }
    framework, start, end, published = facts[report]
    return {
        "authority": {"name": name, "code": code, "region": region},
        "grade": grade,
        "framework": framework,
        "inspection_start": start,
        "inspection_end": end,
        "published": published,
        "source": str(SAMPLES / f"{report}.pdf"),
        "warnings": [],
    }


def test_json_on_the_samples_exactly() -> None:
    code, out, err = run("summary", "--at", "2020-01-01", "--json")
    assert code == 0 and "bundled sample reports" in err
    assert json.loads(out) == {
        "at": "2020-01-01",
        "area": "overall_effectiveness",
        "frameworks": ["ilacs", "sif"],
        "regions": None,
        "in_force": 151,  # 2019: Bournemouth, Poole and Dorset became BCP and Dorset
        "authorities": 3,
        "grades": _zeros(good=2, requires_improvement=1),
        "good_or_better": 2,
        "by_region": {
            "East Midlands": _region(9),
            "East of England": _region(11),
            "London": _region(33, good=2),
            "North East": _region(12),
            "North West": _region(23),
            "South East": _region(19),
            "South West": _region(15),
            "West Midlands": _region(14),
            "Yorkshire and The Humber": _region(15, requires_improvement=1),
        },
        "rows": [
            _row("Barnet", "E09000003", "London", "good", "barnet-2019"),
            _row("Merton", "E09000024", "London", "good", "merton-2017"),
            _row(
                "Kirklees",
                "E08000034",
                "Yorkshire and The Humber",
                "requires_improvement",
                "kirklees-2019",
            ),
        ],
    }


def test_regions_areas_and_frameworks_on_the_samples() -> None:
    code, out, _ = run("summary", "--at", "2026-01-01", "--region", "london", "--json")
    data = json.loads(out)
    assert (data["regions"], data["in_force"], data["grades"]) == (
        ["London"],
        153,
        _zeros(outstanding=1, good=1, requires_improvement=1),
    )
    assert data["by_region"] == {"London": _region(33, outstanding=1, good=1)}
    assert [r["authority"]["name"] for r in data["rows"]] == ["Barnet", "Merton"]
    code, out, _ = run("summary", "--at", "2020-01-01", "--area", "leadership", "--json")
    assert [(r["authority"]["name"], r["grade"]) for r in json.loads(out)["rows"]] == [
        ("Barnet", "good"),
        ("Merton", "outstanding"),
        ("Kirklees", "requires_improvement"),
    ]
    code, out, _ = run("summary", "--at", "2014-01-01", "--framework", "lac_2012", "--json")
    data = json.loads(out)
    assert data["grades"] == {
        "outstanding": 0,
        "good": 0,
        "adequate": 1,
        "requires_improvement": 0,
        "inadequate": 0,
    }
    assert data["by_region"]["South East"]["grades"]["adequate"] == 1
    assert data["by_region"]["London"]["grades"] == _zeros()


def test_csv_and_table_on_the_samples_exactly() -> None:
    code, out, _ = run("summary", "--at", "2020-01-01", "--csv")
    assert code == 0
    assert out.splitlines() == [
        "region,authority,code,grade,framework,inspection_start,inspection_end,published,"
        "source,warnings",
        f"London,Barnet,E09000003,good,ilacs,2019-05-13,2019-05-24,,{SAMPLES}/barnet-2019.pdf,",
        f"London,Merton,E09000024,good,sif,2017-06-12,2017-07-06,2017-08-25,"
        f"{SAMPLES}/merton-2017.pdf,",
        f"Yorkshire and The Humber,Kirklees,E08000034,requires_improvement,ilacs,2019-06-10,"
        f"2019-06-21,,{SAMPLES}/kirklees-2019.pdf,",
    ]
    code, out, _ = run("summary", "--at", "2026-01-01", "--region", "London")
    assert [line.rstrip() for line in out.splitlines()] == [
        "Overall effectiveness on 2026-01-01 (ilacs, sif)",
        "                                            Requires",
        "         Graded  Outstanding     Good    improvement  Inadequate  Good or better",
        "─" * 80,
        "England   3/153      1 (33%)  1 (33%)        1 (33%)      0 (0%)         2 (67%)",
        "London     2/33      1 (50%)  1 (50%)         0 (0%)      0 (0%)        2 (100%)",
        "",
        "London",
        "Outstanding  Merton",
        "Good         Barnet",
        "",
        "Graded: authorities whose latest inspection (published, else ended, on or before",
        "the date) grades the area / authorities in force. Shares are of the graded.",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--region", "east"], "is not one region of"),
        (["--area", "wellbeing"], "is not an area"),
        (["--framework", "ofsted"], "Invalid value for '--framework'"),
        (["--at", "2017-13-01"], "Invalid value for '--at'"),
    ],
)
def test_usage_errors(args: list[str], message: str) -> None:
    code, _, err = run("summary", *args)
    assert code == 2 and message in err


# --- the corpus: the CLI agrees with the same computation made from gold records -----------

#: The area each framework grades a row under (the gold records' own keys).
GOLD_AREAS = {
    "overall_effectiveness": {
        "ilacs": "overall_effectiveness",
        "sif": "overall_effectiveness",
        "lac_2012": "overall_effectiveness",
    },
    "leadership": {
        "ilacs": "impact_of_leaders",
        "sif": "leadership",
        "lac_2012": "leadership_and_management",
    },
}


def gold_summary(
    at: date, frameworks: tuple[str, ...], area: str, regions: tuple[str, ...] | None
) -> dict[str, object]:
    """The summary's rules applied to the gold records directly."""
    latest: dict[str, tuple[tuple, dict]] = {}
    for record in gold_records(CORPUS):
        if record["framework"] not in frameworks:
            continue
        known = record["published"] or record["inspection_end"] or record["inspection_start"]
        if known is None or date.fromisoformat(known) > at:
            continue
        on = record["inspection_end"] or record["inspection_start"] or record["published"]
        found = authorities.resolve(record["local_authority"], date.fromisoformat(on))
        assert found is not None
        council = authorities.lineage(found.code)
        order = (known, record["inspection_start"] or "", record["file"])
        if council not in latest or order > latest[council][0]:
            latest[council] = (order, record)
    in_force = {authorities.lineage(a.code): a for a in authorities.all_authorities(at)}
    rows = []
    for council, (_, record) in latest.items():
        if council not in in_force:
            continue
        judged = {j["area"]: j["grade"] for j in record["judgements"]}
        grade = judged.get(GOLD_AREAS[area].get(record["framework"], ""))
        rows.append((in_force[council], grade, record["file"]))
    england = Counter(grade for _, grade, _ in rows if grade)
    shown = [(a, g, f) for a, g, f in rows if regions is None or a.region in regions]
    return {
        "grades": {g: n for g, n in england.items() if n},
        "by_region": {
            region: dict(Counter(g for a, g, _ in rows if g and a.region == region))
            for region in (regions or authorities.REGIONS)
        },
        "rows": sorted((a.region, a.name, a.code, g, f) for a, g, f in shown),
    }


def cli_summary(data: dict) -> dict[str, object]:
    """The CLI's JSON in the shape of :func:`gold_summary`."""
    prefix = str(CORPUS / "reports") + "/"
    return {
        "grades": {g: n for g, n in data["grades"].items() if n},
        "by_region": {
            region: {g: n for g, n in tally["grades"].items() if n}
            for region, tally in data["by_region"].items()
        },
        "rows": sorted(
            (
                r["authority"]["region"],
                r["authority"]["name"],
                r["authority"]["code"],
                r["grade"],
                r["source"].removeprefix(prefix),
            )
            for r in data["rows"]
        ),
    }


CASES = [
    ("2013-06-30", ("ilacs", "sif"), "overall_effectiveness", None),
    ("2013-06-30", ("lac_2012",), "overall_effectiveness", None),
    ("2015-01-01", ("ilacs", "sif"), "leadership", None),
    ("2017-10-10", ("sif",), "overall_effectiveness", ("London",)),
    ("2017-10-10", ("ilacs", "sif"), "overall_effectiveness", None),
    ("2019-03-31", ("ilacs", "sif"), "overall_effectiveness", ("North West", "South West")),
    ("2021-06-30", ("ilacs", "sif", "lac_2012"), "leadership", None),
    ("2023-04-01", ("ilacs", "sif"), "overall_effectiveness", None),
    ("2026-12-01", ("ilacs", "sif"), "overall_effectiveness", None),
    ("2026-12-01", ("ilacs",), "leadership", ("Yorkshire and The Humber",)),
]


@needs_corpus
@pytest.mark.parametrize(("at", "frameworks", "area", "regions"), CASES)
def test_corpus_summary_agrees_with_gold(
    corpus_cache: str,
    monkeypatch: pytest.MonkeyPatch,
    at: str,
    frameworks: tuple[str, ...],
    area: str,
    regions: tuple[str, ...] | None,
) -> None:
    monkeypatch.setenv("OFSTED_CACHE_DIR", corpus_cache)
    args = ["summary", "--reports", str(CORPUS / "reports"), "--at", at, "--area", area]
    args += [f"--framework={f}" for f in frameworks]
    args += [f"--region={r}" for r in regions or ()]
    code, out, _ = run(*args, "--json")
    assert code == 0
    expected = gold_summary(date.fromisoformat(at), frameworks, area, regions)
    # Only the 2013-06-30 cases precede every graded report of the corpus: the CLI must show
    # none; every other case must compare real rows, not two empty summaries.
    empty = at == "2013-06-30"
    assert (expected["rows"] == [], expected["grades"] == {}) == (empty, empty)
    assert cli_summary(json.loads(out)) == expected


@needs_corpus
def test_corpus_summary_2017_10_10(corpus_cache: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The seed's date: what the corpus (98 of the 152 authorities) says."""
    monkeypatch.setenv("OFSTED_CACHE_DIR", corpus_cache)
    reports = str(CORPUS / "reports")
    code, out, _ = run("summary", "--reports", reports, "--at", "2017-10-10", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["authorities"], data["grades"]) == (
        91,
        _zeros(good=36, requires_improvement=34, inadequate=21),
    )
    assert data["by_region"]["London"]["grades"] == _zeros(
        good=9, requires_improvement=6, inadequate=5
    )
    code, out, _ = run("summary", "--reports", reports, "--at", "2017-10-10", "--csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 91 and rows[0]["region"] == "East Midlands"


def test_an_inspection_without_the_area_has_a_null_grade() -> None:
    kent = made_up("Kent", Framework.LAC_2012, date(2013, 7, 19), Grade.ADEQUATE)
    data = summary_json(summarise([kent], date(2014, 1, 1), LEADERSHIP, (Framework.LAC_2012,)))
    assert data["grades"] == _zeros() and data["rows"][0]["grade"] is None
