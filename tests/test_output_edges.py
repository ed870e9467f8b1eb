"""Edges of the output contract: the schema covers error records, a closed pipe ends the
program as it ends a filter, and the licence the package declares is in the tree."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ofsted_cli.cli import cli

from .conftest import SAMPLES

REPO = Path(__file__).resolve().parent.parent


def test_schema_validates_reports_and_error_records(html_as_pdf, empty_file):
    import jsonschema  # the test extra has it: a missing one fails, never skips

    schema = json.loads(CliRunner().invoke(cli, ["schema"], catch_exceptions=False).stdout)
    validator = jsonschema.Draft202012Validator(schema)
    result = CliRunner().invoke(
        cli, ["parse", "--jsonl", str(SAMPLES), str(html_as_pdf), str(empty_file)]
    )
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("error", {}).get("type") for r in records] == [None] * 10 + [
        "not_a_pdf",
        "empty_file",
    ]
    for record in records:
        assert list(validator.iter_errors(record)) == []
    # Exactly one branch fits: a record with neither shape fails, and so does a mix.
    assert not validator.is_valid({"source": {"path": "x.pdf"}})
    assert not validator.is_valid({**records[0], "error": {"type": 1}})


@pytest.mark.skipif(not hasattr(signal, "SIGPIPE"), reason="no SIGPIPE on this platform")
def test_closed_pipe_ends_quietly_by_sigpipe(tmp_path):
    """`ofsted ... | head -1`: no message, and the status a filter gives (killed by SIGPIPE,
    141 in the shell), through a real pipe."""
    env = {**os.environ, "OFSTED_CACHE_DIR": str(tmp_path)}
    ofsted = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ofsted_cli",
            "parse",
            "--jsonl",
            "--jobs",
            "1",
            *[str(SAMPLES)] * 8,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert ofsted.stdout is not None and ofsted.stderr is not None
    head = subprocess.run(["head", "-1"], stdin=ofsted.stdout, capture_output=True, check=True)
    ofsted.stdout.close()
    stderr = ofsted.stderr.read().decode()
    assert ofsted.wait(timeout=120) == -signal.SIGPIPE
    assert json.loads(head.stdout)["framework"] == "ilacs"
    assert "Error" not in stderr and "Traceback" not in stderr and "Broken" not in stderr


def test_licence_file_is_the_declared_apache_2():
    pyproject = (REPO / "pyproject.toml").read_text()
    assert re.findall(r'^license = "(.*)"$', pyproject, re.M) == ["Apache-2.0"]
    text = (REPO / "LICENSE").read_text()
    assert text.split()[:4] == ["Apache", "License", "Version", "2.0,"]
    assert "END OF TERMS AND CONDITIONS" in text
