"""The reference table of authorities, resolving printed names and users' queries, and the
authority in every parsed record (samples exactly; the real corpora when beside the checkout)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from ofsted_cli import authorities
from ofsted_cli.authorities import REGIONS, all_authorities, entries, lineage, lookup, resolve
from ofsted_cli.errors import AmbiguousAuthorityError, UnknownAuthorityError
from ofsted_cli.library import Library, group_by_authority
from ofsted_cli.models import Framework, Part, Report, Source
from ofsted_cli.parser import parse_report
from tests.corpus_library import CORPUS, SECOND, gold_records, needs_corpus, needs_second

#: The shared corpus fixtures (corpus_cache, corpus_library).
pytest_plugins = ("tests.corpus_fixtures",)

SAMPLES = Path(__file__).resolve().parent.parent / "sample_reports"
LETTER_FRAMEWORKS = {Framework.FOCUSED_VISIT, Framework.AREA_SEND, Framework.JTAI}

#: Authorities per region in force on a day: 152 before the 2019 reorganisation (Bournemouth,
#: Poole and old Dorset), 151 until Northamptonshire split in 2021, 153 since Cumbria split
#: in 2023.
PER_REGION_2017 = {
    "North East": 12,
    "North West": 23,
    "Yorkshire and The Humber": 15,
    "East Midlands": 9,
    "West Midlands": 14,
    "East of England": 11,
    "London": 33,
    "South East": 19,
    "South West": 16,
}


def test_the_table_counts_every_authority_in_force() -> None:
    assert len(all_authorities(date(2017, 10, 10))) == 152
    assert len(all_authorities(date(2020, 1, 1))) == 151  # BCP and Dorset from three
    assert len(all_authorities(date(2022, 1, 1))) == 152  # North and West Northamptonshire
    assert Counter(a.region for a in all_authorities(date(2017, 10, 10))) == PER_REGION_2017
    now = Counter(a.region for a in all_authorities(date(2026, 1, 1)))
    assert len(all_authorities(date(2026, 1, 1))) == 153
    assert now["North West"] == 24 and now["East Midlands"] == 10 and now["South West"] == 15


def test_every_row_is_well_formed() -> None:
    rows = entries()
    assert len({e.code for e in rows}) == len(rows) == 165
    kinds = {"E06", "E08", "E09", "E10"}
    for e in rows:
        assert re.fullmatch(r"E(06|08|09|10)\d{6}", e.code) and e.code[:3] in kinds, e
        assert e.region in REGIONS, e
        assert e.start is None or e.end is None or e.start <= e.end, e
        if e.continues:
            before = authorities.entry(e.continues)
            assert before.name == e.name and before.end is not None and e.start is not None
            assert (e.start - before.end).days == 1, e
    london = [e for e in rows if e.region == "London"]
    assert {e.code[:3] for e in london} == {"E09"} and len(london) == 33


@pytest.mark.parametrize(
    ("code", "name", "region"),
    [
        ("E09000001", "City of London", "London"),
        ("E06000053", "Isles of Scilly", "South West"),
        ("E09000024", "Merton", "London"),
        ("E09000033", "Westminster", "London"),
        ("E10000019", "Lincolnshire", "East Midlands"),
        ("E06000010", "Kingston upon Hull", "Yorkshire and The Humber"),
        ("E06000047", "County Durham", "North East"),
        ("E06000058", "Bournemouth, Christchurch and Poole", "South West"),
        ("E08000013", "St Helens", "North West"),
    ],
)
def test_known_codes(code: str, name: str, region: str) -> None:
    row = authorities.entry(code)
    assert (row.name, row.region) == (name, region)


@pytest.mark.parametrize(
    ("printed", "on", "code"),
    [
        ("London Borough of Merton Council", date(2017, 7, 6), "E09000024"),
        ("Royal Borough of Greenwich", date(2019, 1, 1), "E09000011"),
        ("The Royal Borough of Windsor and Maidenhead", date(2019, 1, 1), "E06000040"),
        ("London Borough of Hammersmith & Fulham", date(2019, 1, 1), "E09000013"),
        ("Kingston upon Hull City Council", date(2019, 1, 1), "E06000010"),
        ("Bristol City of", date(2019, 1, 1), "E06000023"),
        ("Bristol, City of", date(2019, 1, 1), "E06000023"),
        ("Herefordshire, County of", date(2019, 1, 1), "E06000019"),
        ("Durham", date(2019, 1, 1), "E06000047"),
        ("County Durham", date(2019, 1, 1), "E06000047"),
        ("St. Helens", date(2019, 1, 1), "E08000013"),
        ("Saint Helens Council", date(2019, 1, 1), "E08000013"),
        ("Council of the Isles of Scilly", date(2019, 1, 1), "E06000053"),
        ("City of London Corporation", date(2019, 1, 1), "E09000001"),
        ("Cheshire East Unitary Authority", date(2019, 1, 1), "E06000049"),
        ("Medway Children’s Services", date(2019, 1, 1), "E06000035"),
        ("Sandwell Children’s Trust", date(2021, 1, 1), "E08000028"),
        ("Birmingham Children's Trust", date(2021, 1, 1), "E08000025"),
        ("Bradford Children and Families Trust", date(2024, 1, 1), "E08000032"),
        ("Doncaster Children's Services Trust", date(2016, 1, 1), "E08000017"),
        ("Slough Children First", date(2023, 1, 1), "E06000039"),
        ("Together for Children", date(2018, 1, 1), "E08000024"),
        ("Together for Children Sunderland", date(2018, 1, 1), "E08000024"),
        ("Dudley MBC", date(2019, 1, 1), "E08000027"),
        ("Surrey Safeguarding Children Board", date(2015, 1, 1), "E10000030"),
        ("Hull Local Area Partnership", date(2024, 1, 1), "E06000010"),
        ("BCP Council", date(2024, 1, 1), "E06000058"),
        ("Bournemouth, Christchurch and Poole Council", date(2024, 1, 1), "E06000058"),
        ("Bournemouth Borough Council", date(2015, 1, 1), "E06000028"),
        ("Dorset County Council", date(2015, 1, 1), "E10000009"),
        ("Dorset Council", date(2021, 1, 1), "E06000059"),
        ("Somerset County Council", date(2022, 1, 1), "E10000027"),
        ("Somerset Council", date(2024, 1, 1), "E06000066"),
        ("North Yorkshire County Council", date(2023, 3, 31), "E10000023"),
        ("North Yorkshire", date(2023, 4, 1), "E06000065"),
        ("Buckinghamshire County Council", date(2018, 1, 1), "E10000002"),
        ("Cumbria County Council", date(2014, 1, 1), "E10000006"),
        ("Northamptonshire County Council", date(2019, 1, 1), "E10000021"),
        ("West Northamptonshire Council", date(2022, 1, 1), "E06000062"),
        ("Sheffield City Council", date(2025, 3, 31), "E08000019"),
        ("Sheffield City Council", date(2025, 4, 1), "E08000039"),
    ],
)
def test_resolve_a_printed_name(printed: str, on: date, code: str) -> None:
    found = resolve(printed, on)
    assert found is not None and found.code == code
    assert found.region == authorities.entry(code).region


#: Ways reports and letters print a council's name.
PRINTED_FORMS = (
    "{name}",
    "{ons_name}",
    "the {name}",
    "{name} Council",
    "{name} City Council",
    "{name} County Council",
    "{name} Borough Council",
    "{name} Metropolitan Borough Council",
    "London Borough of {name}",
    "Royal Borough of {name}",
    "City of {name} Council",
    "{name}’s Children’s Services",
    "{name} Local Area Partnership",
    "{name} Safeguarding Children Board",
)


@pytest.mark.parametrize("on", [date(2014, 1, 1), date(2020, 1, 1), date(2024, 1, 1)])
def test_every_authority_resolves_from_every_printed_form(on: date) -> None:
    """No two authorities collide under the rules, whichever form a report prints."""
    for authority in all_authorities(on):
        row = authorities.entry(authority.code)
        for form in PRINTED_FORMS:
            printed = form.format(name=row.name, ons_name=row.ons_name)
            assert resolve(printed, on) == authority, printed


@pytest.mark.parametrize(
    ("printed", "on"),
    [
        (None, date(2019, 1, 1)),
        ("", date(2019, 1, 1)),
        ("Council", date(2019, 1, 1)),
        ("Nowhereshire County Council", date(2019, 1, 1)),
        ("Achieving for Children", date(2019, 1, 1)),  # Kingston, Richmond, Windsor & M.
        ("Kingston", date(2019, 1, 1)),  # upon Hull or upon Thames
        ("Cumbria County Council", date(2024, 1, 1)),  # abolished 2023
        ("Cumberland Council", date(2020, 1, 1)),  # not yet created
        ("Northamptonshire Children's Trust", date(2022, 1, 1)),  # serves two councils
        ("Merto", date(2019, 1, 1)),  # a printed name must match exactly: no guessing
    ],
)
def test_unresolvable_printed_names_give_none(printed: str | None, on: date | None) -> None:
    assert resolve(printed, on) is None


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("hull", "E06000010"),
        ("york", "E06000014"),
        ("st helens", "E08000013"),
        ("sthelens", "E08000013"),
        ("kensington", "E09000020"),
        ("rbkc", "E09000020"),
        ("K&C", "E09000020"),
        ("westminster", "E09000033"),
        ("bcp", "E06000058"),
        ("durham", "E06000047"),
        ("newcastle", "E08000021"),
        ("east riding", "E06000011"),
        ("together for children", "E08000024"),
        ("somerset", "E06000066"),
        ("cumbria", "E10000006"),
    ],
)
def test_lookup_a_query(query: str, code: str) -> None:
    assert lookup(query).code == code


def test_lookup_on_a_date_and_errors() -> None:
    assert lookup("somerset", date(2017, 1, 1)).code == "E10000027"
    assert lookup("dorset", date(2017, 1, 1)).code == "E10000009"
    with pytest.raises(AmbiguousAuthorityError, match="Kingston upon Hull; Kingston upon Thames"):
        lookup("kingston")
    with pytest.raises(AmbiguousAuthorityError, match="Richmond upon Thames"):
        lookup("achieving for children")
    with pytest.raises(UnknownAuthorityError, match="closest: Merton"):
        lookup("mertn")
    with pytest.raises(UnknownAuthorityError, match=r"Cumbria \(E10000006\) was not in force"):
        lookup("cumbria", date(2024, 1, 1))


def test_lineage_joins_a_council_across_a_change_of_code() -> None:
    assert lineage("E10000027") == lineage("E06000066") == "E06000066"
    assert lineage("E10000009") == "E06000059"
    assert lineage("E10000021") == "E10000021"  # split, not continued
    assert lineage("E06000028") == "E06000028"  # merged into BCP, not continued


def test_regions() -> None:
    assert authorities.region("london") == "London"
    assert authorities.region("yorkshire and the humber") == "Yorkshire and The Humber"
    assert authorities.region("East of England") == "East of England"
    with pytest.raises(ValueError, match="not one region"):
        authorities.region("east")


@pytest.mark.parametrize(
    ("sample", "code"),
    [
        ("barnet-2019.pdf", "E09000003"),
        ("merton-2017.pdf", "E09000024"),
        ("merton-2025.pdf", "E09000024"),
        ("kirklees-2019.pdf", "E08000034"),
        ("kent-2013.pdf", "E10000016"),
    ],
)
def test_every_sample_carries_its_authority(sample: str, code: str) -> None:
    report = parse_report(SAMPLES / sample)
    assert report.authority == authorities.entry(code).authority
    assert not report.warned(Part.FACTS)


def test_an_unresolved_name_is_null_with_a_facts_warning() -> None:
    report = parse_report(SAMPLES / "barnet-2019.pdf")
    report.local_authority = "London Borough of Nowhere"
    report.warnings.clear()
    authorities.attach_authority(report)
    assert report.authority is None
    assert [(w.part, w.message) for w in report.warnings] == [
        (Part.FACTS, "authority not resolved: 'London Borough of Nowhere'")
    ]


def _library(*printed: tuple[str, date]) -> Library:
    """A library of made-up reports, each resolved as the parser resolves it."""
    reports = []
    for name, end in printed:
        report = Report(
            source=Source(path=f"{name}-{end}.pdf", sha256=f"{name}{end}"),
            framework=Framework.ILACS,
            local_authority=name,
            inspection_start=end,
            inspection_end=end,
            published=None,
            lead_inspector=None,
            judgements=[],
            recommendations=[],
        )
        authorities.attach_authority(report)
        reports.append(report)
    return Library(["x"], False, reports, group_by_authority(reports))


def test_the_library_groups_by_council_and_knows_aliases() -> None:
    library = _library(
        ("Kingston upon Hull City Council", date(2019, 1, 1)),
        ("City of York Council", date(2019, 1, 1)),
        ("St. Helens", date(2019, 1, 1)),
        ("Royal Borough of Kensington and Chelsea", date(2019, 1, 1)),
        ("Westminster City Council", date(2019, 1, 1)),
        ("Somerset County Council", date(2019, 1, 1)),
        ("Somerset Council", date(2024, 1, 1)),
        ("Nowhere Borough Council", date(2019, 1, 1)),
    )
    assert sorted(library.authorities) == [
        "E06000010",
        "E06000014",
        "E06000066",
        "E08000013",
        "E09000020",
        "E09000033",
        "nowhere",
    ]
    for query, key in [
        ("hull", "E06000010"),
        ("york", "E06000014"),
        ("st helens", "E08000013"),
        ("kensington", "E09000020"),
        ("rbkc", "E09000020"),
        ("westminster", "E09000033"),
        ("somerset", "E06000066"),
        ("nowhere", "nowhere"),
    ]:
        assert library.resolve(query).key == key, query
    somerset = library.resolve("somerset").reports
    assert [r.authority and r.authority.code for r in somerset] == ["E10000027", "E06000066"]
    assert library.resolve("kingston").name == "Kingston upon Hull"  # the only one present
    with pytest.raises(UnknownAuthorityError, match=r"\(Merton: no report in it\)"):
        library.resolve("merton")


def _folder_authority(folder: str) -> str:
    """The lineage of the authority a corpus folder ("80465_durham") is named after."""
    return lineage(lookup(folder.split("_", 1)[1]).code)


@needs_corpus
def test_every_gold_name_of_the_corpus_resolves_to_its_folder() -> None:
    assert len(gold_records(CORPUS)) == 318
    for record in gold_records(CORPUS):
        on = record["inspection_end"] or record["inspection_start"] or record["published"]
        found = resolve(record["local_authority"], date.fromisoformat(on))
        assert found is not None, record["file"]
        assert lineage(found.code) == _folder_authority(record["file"].split("/")[0])


@needs_second
def test_every_gold_name_of_the_second_corpus_resolves_to_its_folder() -> None:
    assert len(gold_records(SECOND)) == 315
    for record in gold_records(SECOND):
        on = record["inspection_end"] or record["inspection_start"] or record["letter_date"]
        found = resolve(record["local_authority"], date.fromisoformat(on) if on else None)
        assert found is not None, record["file"]
        assert lineage(found.code) == _folder_authority(record["file"].split("/")[0])


@needs_corpus
def test_every_corpus_record_carries_the_right_authority(corpus_library: Library) -> None:
    assert len(corpus_library.reports) == 318
    for report in corpus_library.reports:
        folder = Path(report.source.path).parent.name
        assert report.authority is not None, report.source.path
        assert lineage(report.authority.code) == _folder_authority(folder)
        row = authorities.entry(report.authority.code)
        assert report.authority == row.authority
        on = report.inspection_end or report.inspection_start or report.published
        assert on is not None and row.in_force(on)
        assert not report.warned(Part.FACTS)
    assert len({lineage(r.authority.code) for r in corpus_library.reports if r.authority}) == 98


@needs_second
def test_every_second_corpus_record_carries_the_right_authority(
    second_reports: list[Report],
) -> None:
    """Focused visits, area SEND and JTAI letters name the council in their own ways ("Dudley
    MBC", "Sandwell Children's Trust", "the London Borough of Lewisham")."""
    read = [r for r in second_reports if r.framework in LETTER_FRAMEWORKS]
    assert len(read) == 315  # every letter of the corpus: 238 focused visits, 37 SEND, 40 JTAI
    for report in read:
        folder = Path(report.source.path).parent.name
        assert report.authority is not None, report.source.path
        assert lineage(report.authority.code) == _folder_authority(folder), report.source.path
