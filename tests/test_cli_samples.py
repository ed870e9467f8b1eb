"""`ofsted parse` on the generated sample reports, through click's CliRunner: exact records.

The samples (scripts/make_samples.py) mirror the real layouts with original wording, so these
tests exercise the same layout rules as the real corpus does.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from ofsted_cli import __version__, parse_report
from ofsted_cli.cli import cli

from .conftest import SAMPLES

LEADERS = "The impact of leaders on social work practice with children and families"
HELP = "The experiences and progress of children who need help and protection"
IN_CARE_AND_LEAVERS = "The experiences and progress of children in care and care leavers"


def parse_json(*args: str) -> tuple[object, str]:
    result = CliRunner().invoke(cli, ["parse", "--json", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output + result.stderr
    return json.loads(result.stdout), result.stderr


def test_barnet_2019_ilacs_record_exactly():
    path = str(SAMPLES / "barnet-2019.pdf")
    record, _ = parse_json(path)
    assert record["source"]["path"] == path
    assert record["source"]["pages"] >= 2
    assert len(record["source"]["sha256"]) == 64
    del record["source"]
    assert record == {
        "framework": "ilacs",
        "local_authority": "London Borough of Barnet",
        "authority": {"name": "Barnet", "code": "E09000003", "region": "London"},
        "inspection_start": "2019-05-13",
        "inspection_end": "2019-05-24",
        "published": None,
        "letter_date": None,
        "lead_inspector": "Miriam Holloway",
        "theme": None,
        "judgements": [
            {"area": "impact_of_leaders", "label": LEADERS, "grade": "good", "page": 1},
            {"area": "help_and_protection", "label": HELP, "grade": "good", "page": 1},
            {"area": "children_in_care", "label": IN_CARE_AND_LEAVERS, "grade": "good", "page": 1},
            {
                "area": "overall_effectiveness",
                "label": "Overall effectiveness",
                "grade": "good",
                "page": 1,
            },
        ],
        "recommendations": [
            {
                "text": text,
                "body": "local_authority",
                "priority": "improve",
                "responsible": None,
                "page": 2,
            }
            for text in [
                "Making sure that actions agreed at the vulnerable adolescents at risk panel "
                "(VARP) and at exploitation strategy meetings are carried into children’s child "
                "in need and child protection plans.",
                "Refreshing the assessments of children in care whenever their circumstances "
                "change.",
                "Bringing the actions agreed at multi-agency risk assessment conferences (MARACs) "
                "into child in need and child protection plans.",
                "Telling children in care about advocacy and helping them to use it.",
            ]
        ],
        "warnings": [],
    }


def test_kirklees_2019_grades_wrapped_over_two_lines():
    record, _ = parse_json(str(SAMPLES / "kirklees-2019.pdf"))
    assert [(j["area"], j["grade"]) for j in record["judgements"]] == [
        ("impact_of_leaders", "requires_improvement"),
        ("help_and_protection", "requires_improvement"),
        ("children_in_care", "requires_improvement"),
        ("overall_effectiveness", "requires_improvement"),
    ]
    assert record["local_authority"] == "Kirklees Metropolitan Borough Council"
    assert len(record["recommendations"]) == 4


def test_merton_2025_care_leavers_row_and_nested_bullets():
    record, _ = parse_json(str(SAMPLES / "merton-2025.pdf"))
    assert [(j["area"], j["grade"]) for j in record["judgements"]] == [
        ("impact_of_leaders", "outstanding"),
        ("help_and_protection", "good"),
        ("children_in_care", "outstanding"),
        ("care_leavers", "outstanding"),
        ("overall_effectiveness", "outstanding"),
    ]
    assert [r["text"] for r in record["recommendations"]] == [
        "Escalation and action for the small number of children whose circumstances are not "
        "getting better quickly enough. (Outcome Three, National Framework)",
        "The service for 16- and 17-year-olds who present as homeless, in particular: - how "
        "well their needs are assessed; - the support they are given. (Outcome Three, National "
        "Framework)",
    ]
    assert (record["inspection_start"], record["inspection_end"]) == ("2025-07-14", "2025-07-18")


def test_merton_2017_sif_table_lscb_and_recommendations():
    record, _ = parse_json(str(SAMPLES / "merton-2017.pdf"))
    assert record["framework"] == "sif"
    assert record["local_authority"] == "London Borough of Merton Council"
    assert record["published"] == "2017-08-25"
    assert record["lead_inspector"] == "Philippa Marsh"
    assert [(j["area"], j["label"], j["grade"]) for j in record["judgements"]] == [
        (
            "overall_effectiveness",
            "Children’s services in the London Borough of Merton are good",
            "good",
        ),
        ("help_and_protection", "Children who need help and protection", "good"),
        ("children_looked_after", "Children looked after and achieving permanence", "good"),
        ("adoption", "Adoption performance", "outstanding"),
        ("care_leavers", "Experiences and progress of care leavers", "good"),
        ("leadership", "Leadership, management and governance", "outstanding"),
        ("lscb", "The Local Safeguarding Children Board", "outstanding"),
    ]
    recs = record["recommendations"]
    assert len(recs) == 4
    assert {(r["body"], r["priority"]) for r in recs} == {("local_authority", "improve")}
    assert recs[2]["text"] == (
        "Give every care leaver who would benefit from it the chance to stay put with their "
        "foster carers."
    )


def test_kent_2013_looked_after_children_priorities():
    record, _ = parse_json(str(SAMPLES / "kent-2013.pdf"))
    assert record["framework"] == "lac_2012"
    assert record["lead_inspector"] == "Catherine Mowbray"
    assert [(j["area"], j["grade"]) for j in record["judgements"]] == [
        ("overall_effectiveness", "adequate"),
        ("capacity_to_improve", "good"),
        ("outcomes", "adequate"),
        ("quality_of_provision", "adequate"),
        ("leadership_and_management", "adequate"),
    ]
    priorities = [r["priority"] for r in record["recommendations"]]
    assert priorities == ["immediate"] * 3 + ["improve"] * 6
    assert record["recommendations"][6]["text"] == "speed up care proceedings."


def test_several_files_give_an_array_and_jsonl_gives_lines():
    files = [str(SAMPLES / "barnet-2019.pdf"), str(SAMPLES / "merton-2017.pdf")]
    records, _ = parse_json(*files)
    assert [r["source"]["path"] for r in records] == files
    result = CliRunner().invoke(cli, ["parse", "--jsonl", *files], catch_exceptions=False)
    assert result.exit_code == 0
    lines = result.stdout.strip().split("\n")
    assert [json.loads(line)["framework"] for line in lines] == ["ilacs", "sif"]


def test_csv_has_one_row_per_judgement():
    path = str(SAMPLES / "merton-2017.pdf")
    result = CliRunner().invoke(cli, ["parse", "--csv", path], catch_exceptions=False)
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 7
    assert rows[3] == {
        "file": path,
        "local_authority": "London Borough of Merton Council",
        "framework": "sif",
        "inspection_start": "2017-06-12",
        "inspection_end": "2017-07-06",
        "area": "adoption",
        "label": "Adoption performance",
        "grade": "outstanding",
        "page": "1",
        "warnings": "",
    }


def test_table_output_shows_facts_grades_and_grouped_recommendations(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(
        cli, ["parse", str(SAMPLES / "kent-2013.pdf")], catch_exceptions=False
    )
    assert result.exit_code == 0
    out = result.stdout
    assert "Kent County Council" in out
    assert "Catherine Mowbray" in out
    assert "Adequate" in out and "Good" in out
    assert "Local authority - priority and immediate action" in out
    assert "Local authority - areas for improvement" in out
    assert "\x1b[" not in out  # NO_COLOR and a non-terminal: no escape codes


def test_library_call_matches_cli():
    path = SAMPLES / "barnet-2019.pdf"
    report = parse_report(path)
    record, _ = parse_json(str(path))
    assert report.model_dump(mode="json") == record


def test_schema_and_version():
    result = CliRunner().invoke(cli, ["schema"], catch_exceptions=False)
    schema = json.loads(result.stdout)
    assert schema["oneOf"] == [{"$ref": "#/$defs/Report"}, {"$ref": "#/$defs/ErrorRecord"}]
    report = schema["$defs"]["Report"]
    assert set(report["required"]) >= {"source", "framework", "judgements", "recommendations"}
    assert "requires_improvement" in json.dumps(schema)
    result = CliRunner().invoke(cli, ["--version"], catch_exceptions=False)
    assert __version__ in result.stdout


@pytest.mark.parametrize("args", [["-h"], ["parse", "-h"], ["schema", "--help"]])
def test_help_on_every_command(args):
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0
    assert "Usage:" in result.stdout


def test_module_entry_point_and_closed_pipe():
    """`python -m ofsted_cli` works, and a reader that stops early gets no traceback."""
    files = [str(SAMPLES / "barnet-2019.pdf")] * 40
    proc = subprocess.Popen(
        [sys.executable, "-m", "ofsted_cli", "parse", "--jsonl", "--jobs", "1", *files],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert json.loads(first)["framework"] == "ilacs"
    assert "Traceback" not in stderr
    assert "BrokenPipeError" not in stderr


def test_table_names_the_resolved_authority_and_a_letters_date_and_theme(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    path = str(SAMPLES / "dorset-focused-visit-2023.pdf")
    result = CliRunner().invoke(cli, ["parse", path], catch_exceptions=False)
    assert result.exit_code == 0
    facts = [line.rstrip() for line in result.stdout.splitlines()[:8]]
    assert facts == [
        "Local authority   Dorset",
        "Authority         Dorset (E06000059, South West)",
        "Framework         Focused visit to local authority children's services",
        "Inspection dates  2023-05-17 to 2023-05-18",
        "Published         not printed",
        "Lead inspector    Kate Sample and Owen Placeholder",
        "Letter date       2023-06-22",
        "Theme             the local authority’s arrangements for 16- and 17-year-old care leavers",
    ]
