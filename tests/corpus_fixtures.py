"""The real corpus parsed once per test session into one private cache, shared by the tests
of authorities, summary and search: load with ``pytest_plugins = ("tests.corpus_fixtures",)``."""

from __future__ import annotations

import pytest

from ofsted_cli.library import Library, library_files, load_library, read_reports
from ofsted_cli.models import Report
from tests.corpus_library import CORPUS, SECOND


@pytest.fixture(scope="session")
def corpus_cache(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A parse cache holding the corpus, filled once; point $OFSTED_CACHE_DIR at it."""
    folder = str(tmp_path_factory.mktemp("corpus-cache"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OFSTED_CACHE_DIR", folder)
        load_library([str(CORPUS / "reports")], jobs=2, warn=lambda message: None)
    return folder


@pytest.fixture(scope="session")
def corpus_library(corpus_cache: str) -> Library:
    """The corpus as a report library (from the warm cache)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OFSTED_CACHE_DIR", corpus_cache)
        return load_library([str(CORPUS / "reports")], jobs=2, warn=lambda message: None)


@pytest.fixture(scope="session")
def second_reports(tmp_path_factory: pytest.TempPathFactory) -> list[Report]:
    """The reports of the second corpus (focused visits, area SEND, JTAI) that this build has
    readers for (the others are skipped)."""
    folder = str(tmp_path_factory.mktemp("second-cache"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OFSTED_CACHE_DIR", folder)
        files = library_files([str(SECOND / "reports")])
        return read_reports(files, jobs=2, warn=lambda message: None)
