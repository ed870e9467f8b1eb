"""The real corpus parsed once per test session into one private cache, shared by the tests
of authorities, summary and search: load with ``pytest_plugins = ("tests.corpus_fixtures",)``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ofsted_cli.library import Library, load_library
from ofsted_cli.models import Report
from tests.conftest import CorpusRun
from tests.corpus_library import CORPUS, SECOND


@pytest.fixture(scope="session")
def corpus_cache(corpus_run: Callable[[Path], CorpusRun]) -> str:
    """A parse cache holding the corpus (the session's one parse of it, tests/conftest.py's
    ``corpus_run``); point $OFSTED_CACHE_DIR at it."""
    return str(corpus_run(CORPUS).cache_dir)


@pytest.fixture(scope="session")
def corpus_library(corpus_cache: str) -> Library:
    """The corpus as a report library (from the warm cache)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OFSTED_CACHE_DIR", corpus_cache)
        return load_library([str(CORPUS / "reports")], jobs=2, warn=lambda message: None)


@pytest.fixture(scope="session")
def second_reports(corpus_run: Callable[[Path], CorpusRun]) -> list[Report]:
    """The reports of the second corpus (focused visits, area SEND, JTAI) that this build has
    readers for (the others are skipped), from the session's one parse of it."""
    run = corpus_run(SECOND)
    records = [json.loads(text) for text in run.records.values()]
    return [Report.model_validate(r) for r in records if "error" not in r]
