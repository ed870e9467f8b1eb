"""The report library, name resolution, area alignment, and the list/compare/history/cache
commands: unit tests on made-up reports, then the CLI on the samples and on the corpus."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from ofsted_cli.cli import cli
from ofsted_cli.compare import AREA_ROWS, align, change, comparison_json, row_for
from ofsted_cli.errors import AmbiguousAuthorityError, UnknownAuthorityError
from ofsted_cli.library import Library, group_by_authority, name_key
from ofsted_cli.models import Area, Framework, Grade, Judgement, Report, Source

from .conftest import CorpusRun

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_reports"
CORPUS_REPORTS = REPO.parent / "shared" / "corpus" / "reports"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's cache and library settings never leak into a test."""
    monkeypatch.setenv("OFSTED_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("OFSTED_REPORTS", raising=False)


def report(
    name: str | None,
    framework: Framework = Framework.ILACS,
    start: date = date(2020, 1, 1),
    grades: dict[Area, Grade] | None = None,
) -> Report:
    judgements = [
        Judgement(area=area, label=area.value.replace("_", " "), grade=grade, page=1)
        for area, grade in (grades or {}).items()
    ]
    return Report(
        source=Source(path=f"{name}-{start}.pdf", sha256=f"{name}{start}"),
        framework=framework,
        local_authority=name,
        inspection_start=start,
        inspection_end=start,
        published=None,
        lead_inspector=None,
        judgements=judgements,
        recommendations=[],
    )


NAMES = [
    "London Borough of Merton Council",
    "Merton",
    "Kingston upon Hull City Council",
    "Royal Borough of Kingston upon Thames",
    "St. Helens",
    "London Borough of Hammersmith & Fulham",
    "Hammersmith and Fulham",
    "East Riding",
    "East Riding of Yorkshire Council",
    "City of London",
    "Lincolnshire County Council",
    "North East Lincolnshire",
    "Cheshire East",
    "Cheshire West and Chester",
]


@pytest.fixture
def library() -> Library:
    reports = [report(n, start=date(2010 + i, 1, 1)) for i, n in enumerate(NAMES)]
    return Library(["x"], False, reports, group_by_authority(reports))


def test_name_key_drops_generic_words_and_punctuation() -> None:
    assert name_key("London Borough of Merton Council") == "merton"
    assert name_key("St. Helens") == name_key("Saint Helens") == "st helens"
    assert name_key("Hammersmith & Fulham") == name_key("Hammersmith and Fulham")
    assert name_key("The Royal Borough of Windsor and Maidenhead") == "windsor maidenhead"
    assert name_key("Stockton-on-Tees Borough Council") == "stockton on tees"


def test_spellings_of_one_authority_group_together(library: Library) -> None:
    assert len(library.authorities) == 11
    assert len(library.resolve("merton").reports) == 2
    assert len(library.resolve("east riding of yorkshire").reports) == 2


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("merton", "merton"),
        ("MERTON", "merton"),
        ("London Borough of Merton", "merton"),
        ("hull", "kingston upon hull"),
        ("kingston upon hull", "kingston upon hull"),
        ("st helens", "st helens"),
        ("St. Helens", "st helens"),
        ("sthelens", "st helens"),
        ("hammersmith and fulham", "hammersmith fulham"),
        ("east riding", "east riding yorkshire"),
        ("city of london", "london"),
        ("lincolnshire", "lincolnshire"),
        ("thames", "kingston upon thames"),
    ],
)
def test_resolve(library: Library, query: str, expected: str) -> None:
    assert library.resolve(query).key == expected


def test_ambiguous_name_lists_the_candidates(library: Library) -> None:
    with pytest.raises(AmbiguousAuthorityError) as info:
        library.resolve("kingston")
    assert "Kingston upon Hull" in str(info.value) and "Kingston upon Thames" in str(info.value)
    with pytest.raises(AmbiguousAuthorityError):
        library.resolve("cheshire")


def test_unknown_name_lists_the_closest(library: Library) -> None:
    with pytest.raises(UnknownAuthorityError) as info:
        library.resolve("mertn")
    assert "closest" in str(info.value) and "Merton" in str(info.value)
    with pytest.raises(UnknownAuthorityError):
        library.resolve("council")


def test_latest_and_at(library: Library) -> None:
    merton = library.resolve("merton")
    assert merton.latest() is merton.reports[-1]
    assert merton.latest(date(2010, 6, 1)) is merton.reports[0]
    assert merton.latest(date(2000, 1, 1)) is None


def test_area_mapping_aligns_frameworks() -> None:
    assert row_for(Framework.SIF, Area.LEADERSHIP) is row_for(
        Framework.ILACS, Area.IMPACT_OF_LEADERS
    )
    assert row_for(Framework.SIF, Area.CHILDREN_LOOKED_AFTER) is row_for(
        Framework.ILACS, Area.CHILDREN_IN_CARE
    )
    assert (
        getattr(row_for(Framework.LAC_2012, Area.LEADERSHIP_AND_MANAGEMENT), "key", None)
        == "leadership"
    )
    assert (
        getattr(row_for(Framework.LAC_2012, Area.OVERALL_EFFECTIVENESS), "key", None)
        == "overall_effectiveness"
    )
    assert getattr(row_for(Framework.LSCB_REVIEW, Area.LSCB), "key", None) == "lscb"


def test_every_framework_area_has_exactly_one_row() -> None:
    seen: dict[tuple[Framework, Area], str] = {}
    for row in AREA_ROWS:
        for framework, area in row.areas.items():
            assert (framework, area) not in seen
            seen[(framework, area)] = row.key
    assert len({row.key for row in AREA_ROWS}) == len(AREA_ROWS)


def test_align_blank_cells_differences_and_trend() -> None:
    sif = report(
        "Barnet",
        Framework.SIF,
        date(2017, 4, 25),
        {Area.LEADERSHIP: Grade.INADEQUATE, Area.ADOPTION: Grade.REQUIRES_IMPROVEMENT},
    )
    ilacs = report(
        "Barnet", Framework.ILACS, date(2019, 5, 13), {Area.IMPACT_OF_LEADERS: Grade.GOOD}
    )
    comparison = align([sif, ilacs], trend=True)
    rows = {row.area.key: row for row in comparison.rows}
    assert set(rows) == {"leadership", "adoption"}
    assert rows["leadership"].differs and rows["leadership"].changes == [None, "up"]
    assert rows["adoption"].cells[1] is None and not rows["adoption"].differs
    data = comparison_json(comparison, trend=True)
    assert data["columns"][0]["framework"] == "sif"
    assert data["columns"][1]["inspection_start"] == "2019-05-13"
    assert data["rows"][0]["cells"][1] == {
        "area": "impact_of_leaders",
        "label": "impact of leaders",
        "grade": "good",
        "page": 1,
        "change": "up",
    }


def test_change_ranks_adequate_with_requires_improvement() -> None:
    assert change(Grade.ADEQUATE, Grade.REQUIRES_IMPROVEMENT) == "same"
    assert change(Grade.INADEQUATE, Grade.ADEQUATE) == "up"
    assert change(Grade.GOOD, Grade.NOT_JUDGED) is None


# --- the commands, on the bundled samples ------------------------------------------------

needs_samples = pytest.mark.skipif(
    not (SAMPLES / "merton-2025.pdf").is_file() or not (SAMPLES / "barnet-2019.pdf").is_file(),
    reason=f"the sample reports are not in {SAMPLES} yet",
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@needs_samples
def test_compare_samples_by_default() -> None:
    code, out, err = run("compare", "merton", "barnet", "--json")
    assert code == 0, err
    assert "bundled sample reports" in err
    data = json.loads(out)
    columns = data["columns"]
    assert [c["inspection_start"][:4] for c in columns] == ["2025", "2019"]
    assert {"inspection_start", "inspection_end", "framework", "local_authority", "source"} <= set(
        columns[0]
    )
    assert columns[0]["source"]["path"].endswith("merton-2025.pdf")
    assert data["rows"][0]["area"] == "overall_effectiveness"


@needs_samples
def test_compare_table_and_files() -> None:
    merton = str(SAMPLES / "merton-2017.pdf")
    code, out, err = run("compare", merton, "barnet", "--labels")
    assert code == 0, err
    assert "Leadership" in out and "Recommendations" in out
    assert "2017" in out and "2019" in out


@needs_samples
def test_compare_at_date() -> None:
    code, out, err = run("compare", "merton", "merton", "--at", "2020-01-01", "--json")
    assert code == 0, err
    assert [c["framework"] for c in json.loads(out)["columns"]] == ["sif", "sif"]


@needs_samples
def test_list_and_history_on_samples() -> None:
    code, out, err = run("list", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert {"authority", "framework", "inspection_start", "overall_effectiveness", "file"} <= set(
        rows[0]
    )
    assert any(r["file"].endswith("merton-2025.pdf") for r in rows)
    code, out, err = run("list", "--csv")
    assert code == 0 and out.startswith("authority,")
    code, out, err = run("history", "merton", "--json")
    assert code == 0, err
    starts = [c["inspection_start"] for c in json.loads(out)["columns"]]
    assert starts == sorted(starts) and len(starts) == 2


@needs_samples
def test_second_run_is_served_from_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    run("list", "--json")
    import ofsted_cli.batch

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(ofsted_cli.batch, "iter_results", no_parsing)
    code, out, err = run("list", "--json")
    assert code == 0, err
    code, out, err = run("cache", "info", "--json")
    assert code == 0 and json.loads(out)["current_reports"] >= 4
    code, out, err = run("cache", "clear")
    assert code == 0 and "Removed" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["compare", "nowhereshire", "merton"], "no authority in the library matches"),
        (["history", "nowhereshire"], "no authority in the library matches"),
    ],
)
@needs_samples
def test_name_errors_are_one_line(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert code == 1
    assert message in err and "Traceback" not in err
    assert len([line for line in err.splitlines() if line.startswith("Error")]) == 1


def test_folder_errors_are_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    for folder, message in [(empty, "holds no PDF files"), (tmp_path / "nope", "no such file")]:
        code, out, err = run("list", "--reports", str(folder))
        assert code == 1 and message in err and "Traceback" not in err


def test_unreadable_reports_are_skipped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "junk.pdf").write_text("<html>Report not found</html>")
    code, out, err = run("list", "--reports", str(tmp_path), "--json", "-v")
    assert code == 1
    assert err.splitlines() == [
        "Warning: 1 file skipped: not a PDF:",
        f"  {tmp_path / 'junk.pdf'}: is an HTML page, not a PDF (no %PDF header)",
        f"Error: {tmp_path}: no report in the library could be read",
    ]


def test_skipped_files_are_one_line_and_list_exits_1(tmp_path: Path) -> None:
    """Unreadable files are counted once, by kind; list's output is the rest, exit 1."""
    for name in ("a.pdf", "b.pdf"):
        (tmp_path / name).write_text("<html>Report not found</html>")
    (tmp_path / "c.pdf").write_bytes(b"")
    (tmp_path / "d.pdf").write_bytes((SAMPLES / "barnet-2019.pdf").read_bytes())
    code, out, err = run("list", "--reports", str(tmp_path), "--csv")
    assert code == 1
    assert err == "Warning: 3 files skipped: 2 not PDFs, 1 empty — -v to list them\n"
    assert [line.split(",")[:3] for line in out.splitlines()[1:]] == [
        ["Barnet", "London Borough of Barnet", "ilacs"]
    ]
    code, out, err = run("history", "barnet", "--reports", str(tmp_path), "--csv", "-q")
    assert code == 0  # its answer is complete: the skipped files are counted, not fatal
    assert err == "Warning: 3 files skipped: 2 not PDFs, 1 empty — -v to list them\n"


def test_usage_error_for_one_name() -> None:
    code, out, err = run("compare", "merton")
    assert code == 2


# --- the commands, on the real corpus --------------------------------------------------

needs_corpus = pytest.mark.skipif(
    not CORPUS_REPORTS.is_dir(),
    reason=f"the real-report corpus is not at {CORPUS_REPORTS} (it sits beside the checkout)",
)


@pytest.fixture
def corpus_cache(corpus_records: CorpusRun) -> str:
    """The session's corpus run's cache, so the 322 reports are parsed once per session."""
    return str(corpus_records.cache_dir)


@needs_corpus
def test_corpus_compare_merton_barnet(corpus_cache: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OFSTED_CACHE_DIR", corpus_cache)
    code, out, err = run("compare", "merton", "barnet", "--reports", str(CORPUS_REPORTS), "--json")
    assert code == 0, err
    columns = json.loads(out)["columns"]
    assert [(c["inspection_start"][:4], c["framework"]) for c in columns] == [
        ("2025", "ilacs"),
        ("2024", "ilacs"),
    ]


@needs_corpus
def test_corpus_history_barnet(corpus_cache: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OFSTED_CACHE_DIR", corpus_cache)
    code, out, err = run("history", "barnet", "--reports", str(CORPUS_REPORTS), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert [(c["inspection_start"][:4], c["framework"]) for c in data["columns"]] == [
        ("2017", "sif"),
        ("2019", "ilacs"),
        ("2024", "ilacs"),
    ]
    overall = next(r for r in data["rows"] if r["area"] == "overall_effectiveness")
    assert [c["grade"] for c in overall["cells"]] == ["inadequate", "good", "good"]
    assert overall["cells"][1]["change"] == "up"


@needs_corpus
def test_corpus_list_groups_98_authorities(
    corpus_cache: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OFSTED_CACHE_DIR", corpus_cache)
    code, out, err = run("list", "--reports", str(CORPUS_REPORTS), "--json")
    rows = json.loads(out)
    assert len(rows) >= 310
    assert len({r["authority"] for r in rows}) == 98
    assert code == 1  # the corpus holds four web pages saved as PDFs
    assert err == f"Warning: {322 - len(rows)} files skipped: not PDFs — -v to list them\n"
