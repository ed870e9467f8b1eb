"""``ofsted search``, the filters it shares with ``list``, and per-argument dates in
``compare``: matching rules, every output format exactly on the bundled samples, and
agreement with the same search made on the corpus's gold records."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from ofsted_cli import authorities
from ofsted_cli.search import regex_matcher, word_matcher
from tests.cli_helpers import run
from tests.corpus_library import CORPUS, gold_records, needs_corpus

pytest_plugins = ("tests.corpus_fixtures",)

SAMPLES = Path(__file__).resolve().parent.parent / "sample_reports"
MERTON_HEALTH = "Provide all former relevant care leavers with a record of their health histories."


@pytest.fixture(autouse=True)
def _samples_library(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled samples are the library unless a test names another."""
    monkeypatch.delenv("OFSTED_REPORTS", raising=False)


def texts(*args: str) -> list[str]:
    """The texts of the recommendations ``ofsted search ... --json`` finds, in its order."""
    code, out, err = run("search", *args, "--json")
    assert code == 0, err
    return [hit["recommendation"]["text"] for hit in json.loads(out)]


@pytest.mark.parametrize(
    ("words", "text", "spans"),
    [
        (["health", "histor"], "a record of their health histories", [(18, 24), (25, 31)]),
        (["health", "histor"], "their health history", [(6, 12), (13, 19)]),
        (["HISTOR", "health"], "Health: history", [(0, 6), (8, 14)]),
        (["children's"], "children’s views", [(0, 10)]),
        (["children’s"], "the children's plans", [(4, 14)]),
        (["making"], "decision-making", [(9, 15)]),
        (["health", "histor"], "prehistoric health", None),  # "histor" begins no word
        (["care", "leaver"], "care planning", None),  # every word must occur
    ],
)
def test_words_match_at_the_start_of_words(
    words: list[str], text: str, spans: list[tuple[int, int]] | None
) -> None:
    assert word_matcher(words)(text) == spans


def test_a_regex_is_searched_for_as_written() -> None:
    match = regex_matcher(r"return home interviews?")
    assert match("Offer a return home interview after") == [(8, 29)]
    assert match("Return home interviews") is None  # as written: case counts
    assert regex_matcher(r"(?i)return home")("Return home") == [(0, 11)]


def test_json_on_the_samples_exactly() -> None:
    code, out, err = run("search", "health", "histor", "--json")
    assert code == 0 and "bundled sample reports" in err
    assert json.loads(out) == [
        {
            "authority": {"name": "Merton", "code": "E09000024", "region": "London"},
            "local_authority": "London Borough of Merton Council",
            "framework": "sif",
            "inspection_start": "2017-06-12",
            "inspection_end": "2017-07-06",
            "published": "2017-08-25",
            "overall": "good",
            "recommendation": {
                "text": MERTON_HEALTH,
                "body": "local_authority",
                "priority": "improve",
                "page": 2,
            },
            "source": str(SAMPLES / "merton-2017.pdf"),
        }
    ]


def test_jsonl_csv_and_table_on_the_samples_exactly() -> None:
    code, out, _ = run("search", "return", "home", "--jsonl")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [(h["authority"]["name"], h["overall"]) for h in lines] == [
        ("Kirklees", "requires_improvement"),
        ("Merton", "good"),
    ]
    code, out, _ = run("search", "health", "histor", "--csv")
    assert out.splitlines() == [
        "authority,code,region,local_authority,framework,inspection_start,inspection_end,"
        "published,overall,text,body,priority,page,source",
        "Merton,E09000024,London,London Borough of Merton Council,sif,2017-06-12,2017-07-06,"
        f"2017-08-25,good,{MERTON_HEALTH},local_authority,improve,2,{SAMPLES}/merton-2017.pdf",
    ]
    code, out, _ = run("search", "health", "histor")
    assert [line.rstrip() for line in out.splitlines()] == [
        "1 recommendation(s) in 1 report(s) of 1 authority",
        "┏━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━┓",
        "┃ Authority ┃ Date       ┃ Framework ┃ Overall ┃ Recommendation         ┃ Page ┃",
        "┡━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━┩",
        "│ Merton    │ 2017-08-25 │ SIF       │ Good    │ Provide all former     │    2 │",
        "│           │            │           │         │ relevant care leavers  │      │",
        "│           │            │           │         │ with a record of their │      │",
        "│           │            │           │         │ health histories.      │      │",
        "└───────────┴────────────┴───────────┴─────────┴────────────────────────┴──────┘",
    ]


def test_count_by_every_key_on_the_samples() -> None:
    code, out, _ = run("search", "return", "home", "--count-by", "grade", "--csv")
    assert out.splitlines() == [
        "grade,recommendations,reports,authorities",
        "good,1,1,1",
        "requires_improvement,1,1,1",
    ]
    code, out, _ = run("search", "make", "sure", "--count-by", "authority", "--json")
    assert json.loads(out) == [
        {"authority": "Derbyshire", "recommendations": 2, "reports": 1, "authorities": 1},
        {"authority": "Dorset", "recommendations": 1, "reports": 1, "authorities": 1},
        {"authority": "Kent", "recommendations": 3, "reports": 1, "authorities": 1},
        {"authority": "Merton", "recommendations": 1, "reports": 1, "authorities": 1},
        {
            "authority": "North East Lincolnshire",
            "recommendations": 1,
            "reports": 1,
            "authorities": 1,
        },
    ]
    code, out, _ = run("search", "supervision", "--count-by", "year", "--jsonl")
    assert [json.loads(line)["year"] for line in out.splitlines()] == [2013, 2019, 2023]
    code, out, _ = run("search", "supervision", "--count-by", "framework")
    assert "│ ilacs         │               1 │       1 │           1 │" in out
    assert "│ lac_2012      │               1 │       1 │           1 │" in out
    assert "│ focused_visit │               2 │       2 │           2 │" in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--authority", "merton"], ["Offer", "Provide"]),
        (["--authority", "kirklees", "--authority", "merton"], ["Return", "Offer", "Provide"]),
        (["--region", "yorkshire"], ["Return"]),
        (["--framework", "sif"], ["Offer", "Provide"]),
        (["--since", "2017-08-25", "--until", "2017-08-25"], ["Offer", "Provide"]),
        (["--since", "2017-08-26"], ["Return"]),
        (["--grade", "requires_improvement"], ["Return"]),
        (["--grade", "outstanding", "--area", "leadership"], ["Offer", "Provide"]),
        (["--priority", "immediate"], []),
        (["--body", "lscb"], []),
    ],
)
def test_filters_on_the_samples(args: list[str], expected: list[str]) -> None:
    found = texts("--regex", "^(Offer|Provide|Return)", *args)
    assert [t.split()[0] for t in found] == expected


def test_priority_body_and_grade_filters_combine() -> None:
    found = texts("--regex", ".", "--priority", "immediate", "--grade", "adequate")
    assert [t[:20] for t in found] == [
        "strengthen managers’",
        "raise the quality of",
        "make sure that child",
    ]
    assert texts("--regex", ".", "--body", "local_authority", "--framework", "lac_2012") != []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x", "--authority", "kingston"], "matches several authorities"),
        (["x", "--authority", "nowhereshire"], "no English children's services authority"),
        (["x", "--region", "middle earth"], "is not one region of"),
        (["x", "--area", "leadership"], "--area says which area"),
        (["--regex", "(unclosed"], "not a regular expression"),
        (["x", "--grade", "superb"], "Invalid value for '--grade'"),
    ],
)
def test_usage_errors(args: list[str], message: str) -> None:
    code, _, err = run("search", *args)
    assert code == 2 and message in err


# --- the same filters on list, and NAME@DATE in compare ----------------------------------


def listed(*args: str) -> list[str]:
    code, out, err = run("list", *args, "--json")
    assert code == 0, err
    return [Path(row["file"]).stem for row in json.loads(out)]


def test_list_filters_on_the_samples() -> None:
    assert listed() == [
        "barnet-2019",
        "derbyshire-send-2024",
        "dorset-focused-visit-2023",
        "dorset-send-2024",
        "kent-2013",
        "kirklees-2019",
        "kirklees-jtai-2022",
        "merton-2017",
        "merton-2025",
        "north-east-lincolnshire-focused-visit-2019",
    ]
    assert listed("--authority", "merton") == ["merton-2017", "merton-2025"]
    assert listed("--region", "london", "--framework", "ilacs") == ["barnet-2019", "merton-2025"]
    assert listed("--grade", "good") == ["barnet-2019", "merton-2017"]
    assert listed("--grade", "outstanding", "--area", "children_in_care") == ["merton-2025"]
    assert listed("--since", "2019-06-01", "--until", "2019-12-31") == ["kirklees-2019"]
    code, out, _ = run("list", "--region", "south east")
    assert "1 reports of 1 authorities" in out
    code, _, err = run("list", "--area", "leadership")
    assert code == 2 and "give --grade too" in err


def test_compare_takes_a_date_per_argument() -> None:
    code, out, _ = run("compare", "merton@2020-01-01", "merton", "barnet@2019-05-13", "--json")
    columns = json.loads(out)["columns"]
    assert [(c["authority"], c["framework"], c["inspection_start"]) for c in columns] == [
        ("Merton", "sif", "2017-06-12"),
        ("Merton", "ilacs", "2025-07-14"),
        ("Barnet", "ilacs", "2019-05-13"),
    ]
    code, _, err = run("compare", "barnet@2019-05-12", "merton")
    assert code == 1 and "Barnet has no inspection in the library on or before 2019-05-12" in err
    code, _, err = run("compare", "barnet@2019-02-30", "merton")
    assert code == 2 and "the date after @ must be YYYY-MM-DD" in err


def test_library_names_use_the_reference_table() -> None:
    code, out, _ = run("history", "London Borough of Merton", "--json")
    assert [c["inspection_start"][:4] for c in json.loads(out)["columns"]] == ["2017", "2025"]
    code, _, err = run("compare", "westminster", "merton")
    assert code == 1 and "(Westminster: no report in it)" in err


# --- the corpus: the CLI agrees with the same search made on the gold records -------------


def gold_search(pattern: str, keep: dict[str, str]) -> list[tuple[str, str]]:
    """(file, text) of every gold recommendation whose text matches ``pattern`` (the word
    rule written as one regular expression) and whose report passes ``keep``."""
    found = []
    compiled = re.compile(pattern, re.IGNORECASE)
    for record in gold_records(CORPUS):
        known = record["published"] or record["inspection_end"] or record["inspection_start"]
        on = record["inspection_end"] or record["inspection_start"] or record["published"]
        authority = authorities.resolve(record["local_authority"], date.fromisoformat(on))
        assert authority is not None
        overall = {j["area"]: j["grade"] for j in record["judgements"]}.get("overall_effectiveness")
        if "region" in keep and authority.region != keep["region"]:
            continue
        if "framework" in keep and record["framework"] != keep["framework"]:
            continue
        if "since" in keep and known < keep["since"]:
            continue
        if "until" in keep and known > keep["until"]:
            continue
        if "grade" in keep and overall != keep["grade"]:
            continue
        for rec in record["recommendations"]:
            if "priority" in keep and rec["priority"] != keep["priority"]:
                continue
            if "body" in keep and rec["body"] != keep["body"]:
                continue
            if compiled.search(rec["text"].replace("’", "'")):
                found.append((record["file"], rec["text"]))
    return sorted(found)


SEARCHES = [
    (["health", "histor"], r"(?=.*(?<!\w)health)(?=.*(?<!\w)histor)", {}),
    (["return", "home"], r"(?=.*(?<!\w)return)(?=.*(?<!\w)home)", {"region": "London"}),
    (["private", "fostering"], r"(?=.*(?<!\w)private)(?=.*(?<!\w)fostering)", {}),
    (["supervision"], r"(?<!\w)supervision", {"since": "2018-01-01", "until": "2021-12-31"}),
    (["children's"], r"(?<!\w)children's", {"framework": "sif", "priority": "immediate"}),
    (["threshold"], r"(?<!\w)threshold", {"body": "lscb"}),
    (["plan"], r"(?<!\w)plan", {"grade": "outstanding"}),
]


@needs_corpus
@pytest.mark.parametrize(("words", "pattern", "keep"), SEARCHES)
def test_corpus_search_agrees_with_gold(
    corpus_cache: str,
    monkeypatch: pytest.MonkeyPatch,
    words: list[str],
    pattern: str,
    keep: dict[str, str],
) -> None:
    monkeypatch.setenv("OFSTED_CACHE_DIR", corpus_cache)
    options = [f"--{key}={value}" for key, value in keep.items()]
    code, out, _ = run("search", *words, "--reports", str(CORPUS / "reports"), *options, "--json")
    assert code == 0
    prefix = str(CORPUS / "reports") + "/"
    found = sorted(
        (hit["source"].removeprefix(prefix), hit["recommendation"]["text"])
        for hit in json.loads(out)
    )
    expected = gold_search(pattern, keep)
    assert found == expected and expected


@needs_corpus
def test_corpus_health_histories_by_grade(
    corpus_cache: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seed 000's question: is the "health histories" recommendation only given to
    authorities that are not outstanding? No: three outstanding reports have it."""
    monkeypatch.setenv("OFSTED_CACHE_DIR", corpus_cache)
    reports = str(CORPUS / "reports")
    code, out, _ = run("search", "health", "histor", "--reports", reports, "--count-by", "grade")
    assert code == 0
    assert json.loads(
        run("search", "health", "histor", "--reports", reports, "--count-by=grade", "--json")[1]
    ) == [
        {"grade": "outstanding", "recommendations": 3, "reports": 3, "authorities": 3},
        {"grade": "good", "recommendations": 18, "reports": 18, "authorities": 18},
        {"grade": "requires_improvement", "recommendations": 12, "reports": 11, "authorities": 11},
        {"grade": "inadequate", "recommendations": 10, "reports": 10, "authorities": 9},
    ]
    assert "Outstanding" in out
