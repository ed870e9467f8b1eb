"""`ofsted fetch` against a real HTTP server on loopback shaped like Ofsted's site: a paged
search listing, provider pages of publication links, and PDFs (the committed samples) at
``/v1/file/<ID>``, with faults to order per file. Nothing here leaves 127.0.0.1."""

from __future__ import annotations

import hashlib
import json
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from ofsted_cli import fetch as fetching
from ofsted_cli.cli import cli
from ofsted_cli.library import library_folders

from .conftest import SAMPLES

#: How long the "slow" fault keeps a file waiting; the client timeout that gives up first
#: there; and the timeout elsewhere, generous so a busy test machine never trips it.
SLOW_SECONDS = 3.0
SHORT_TIMEOUT = "1"
TEST_TIMEOUT = "20"

NOT_FOUND_PAGE = (
    b'<!DOCTYPE html>\n<html lang="en"><head><title>Report not found</title></head>'
    b"<body><h1>Report not found</h1></body></html>\n"
)

MERTON_2025 = "80510_merton/children's services inspection - 27 august 2025.pdf"
MERTON_2017 = "80510_merton/children's services inspection - 25 august 2017.pdf"
BARNET_2019 = "80487_barnet/children's services inspection - 01 july 2019.pdf"


@dataclass
class Listing:
    """One provider as the fake site lists it: (title, publication date, file ID) each."""

    urn: str
    name: str
    publications: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class FakeOfsted:
    """The site's content and what it was asked: files by ID, faults to serve per file ID
    (consumed one per request, then the file), and every request path with its headers."""

    providers: list[Listing]
    files: dict[str, bytes]
    faults: dict[str, list[str]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    user_agents: list[str] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    url: str = ""

    def pdf_requests(self, file_id: str | None = None) -> int:
        prefix = f"/v1/file/{file_id}" if file_id else "/v1/file/"
        return sum(1 for path in self.requests if path.startswith(prefix))


def _filler(n: int) -> list[Listing]:
    """Providers that fill the first search page, so the named ones sit on the second."""
    return [Listing(str(90000 + i), f"Filler Authority {i:03d}") for i in range(n)]


def _site() -> FakeOfsted:
    merton = Listing(
        "80510",
        "Merton",
        [
            ("Children\u2019s services inspection", "27 August 2025", "m2025"),
            ("Children's services focused visit", "20 November 2020", "mfv2020"),
            ("Children's services inspection", "25 August 2017", "m2017"),
        ],
    )
    barnet = Listing(
        "80487", "Barnet", [("Children's services inspection", "01 July 2019", "b2019")]
    )
    files = {
        "m2025": (SAMPLES / "merton-2025.pdf").read_bytes(),
        "m2017": (SAMPLES / "merton-2017.pdf").read_bytes(),
        "mfv2020": (SAMPLES / "kirklees-2019.pdf").read_bytes(),
        "b2019": (SAMPLES / "barnet-2019.pdf").read_bytes(),
    }
    nobody = Listing("80999", "Isles of Nowhere")
    named = [
        Listing("80505", "Kingston Upon Hull"),
        Listing("80506", "Kensington and Chelsea"),
        Listing("80450", "London Corporation"),
        Listing("80546", "Windsor & Maidenhead"),
        Listing("80542", "Richmond upon Thames"),
    ]
    return FakeOfsted([*_filler(110), barnet, merton, nobody, *named], files)


def _search_page(site: FakeOfsted, start: int, rows: int) -> bytes:
    links = "".join(
        f'<li><a href="/provider/44/{p.urn}">{p.name}</a> <a href="/about">About</a></li>'
        for p in site.providers[start : start + min(rows, 100)]
    )
    return f"<html><body><h1>Search</h1><ul>{links}</ul></body></html>".encode()


def _provider_page(site: FakeOfsted, listing: Listing) -> bytes:
    items = "".join(
        f'<li><a class="publication-link" href="{site.url}/v1/file/{file_id}">'
        f'{title} <span class="nonvisual">{title} - {when}, PDF</span></a></li>'
        for title, when, file_id in listing.publications
    )
    return f"<html><body><h1>{listing.name}</h1><ul>{items}</ul></body></html>".encode()


class _Handler(BaseHTTPRequestHandler):
    site: FakeOfsted

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        site = self.site
        site.requests.append(self.path)
        site.user_agents.append(self.headers.get("User-Agent", ""))
        url = urlsplit(self.path)
        if url.path == "/search":
            query = parse_qs(url.query, keep_blank_values=True)
            if query.get("level_2_types[]") != ["12"]:
                return self._send(400, b"bad search")
            start, rows = int(query["start"][0]), int(query["rows"][0])
            return self._send(200, _search_page(site, start, rows), "text/html; charset=utf-8")
        if url.path.startswith("/provider/44/"):
            urn = url.path.rpartition("/")[2]
            if site.faults.get(f"provider {urn}"):
                site.faults[f"provider {urn}"].pop(0)
                return self._send(503, b"busy", "text/plain", {"Retry-After": "0"})
            listing = next((p for p in site.providers if p.urn == urn), None)
            if listing is None:
                return self._send(404, NOT_FOUND_PAGE, "text/html")
            return self._send(200, _provider_page(site, listing), "text/html; charset=utf-8")
        if url.path.startswith("/v1/file/"):
            return self._file(url.path.rpartition("/")[2])
        self._send(404, NOT_FOUND_PAGE, "text/html")

    def _file(self, file_id: str) -> None:
        site = self.site
        queue = site.faults.get(file_id, [])
        fault = queue.pop(0) if queue else "ok"
        body = site.files.get(file_id)
        if body is None or fault == "404":
            return self._send(404, NOT_FOUND_PAGE, "text/html")
        if fault in ("503", "429"):
            return self._send(int(fault), b"busy", "text/plain", {"Retry-After": "0"})
        if fault == "429-long":
            return self._send(429, b"busy", "text/plain", {"Retry-After": "3600"})
        if fault == "html":
            return self._send(200, NOT_FOUND_PAGE, "text/html")
        if fault == "slow":
            time.sleep(SLOW_SECONDS)
        if fault in ("truncate", "interrupt"):
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            if fault == "interrupt":  # Ctrl-C reaches the client mid-download
                main = threading.main_thread().ident
                assert main is not None
                signal.pthread_kill(main, signal.SIGINT)
                site.release.wait(5)
            self.close_connection = True
            return None
        self._send(200, body, "application/pdf")

    def _send(
        self, status: int, body: bytes, kind: str = "text/plain", headers: dict | None = None
    ) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout)
            pass


def _serve(site: FakeOfsted) -> Iterator[ThreadingHTTPServer]:
    handler = type("Handler", (_Handler,), {"site": site})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        site.release.set()
        server.shutdown()
        server.server_close()


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOfsted]:
    """The fake Ofsted on a free loopback port, named by $OFSTED_BASE_URL; retry pauses tiny;
    no proxy from the environment between the tests and the server."""
    fake = _site()
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(fetching.BACKOFF_ENV, "0.01")
    for server in _serve(fake):
        fake.url = f"http://127.0.0.1:{server.server_address[1]}"
        monkeypatch.setenv(fetching.BASE_URL_ENV, fake.url)
        yield fake


@pytest.fixture
def into(tmp_path: Path) -> Path:
    return tmp_path / "library"


def _fetch(*args: str) -> object:
    """`ofsted fetch` with no pause between requests and a short timeout."""
    command = ["fetch", "--delay", "0", "--timeout", TEST_TIMEOUT, *args]
    return CliRunner().invoke(cli, command, catch_exceptions=False)


def _files(folder: Path) -> list[str]:
    """Every file below ``folder``, hidden ones included (a leftover .part would show)."""
    if not folder.exists():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


LIBRARY_FILES = [
    ".ofsted-fetch.lock",
    BARNET_2019,
    MERTON_2017,
    MERTON_2025,
    "ofsted-manifest.json",
]


# --- the whole flow --------------------------------------------------------------------------


def test_fetch_into_fresh_data_folder_then_history_reads_it(site, tmp_path, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("OFSTED_DATA_DIR", str(data))
    library = data / "reports"

    result = _fetch("merton", "barnet")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"new            {MERTON_2025}",
        f"new            {MERTON_2017}",
        f"new            {BARNET_2019}",
    ]
    assert result.stderr == f"Fetched into {library}: 3 new.\n"
    assert _files(library) == LIBRARY_FILES
    assert (library / MERTON_2025).read_bytes() == site.files["m2025"]
    # Two search pages (Merton and Barnet are on the second), two provider pages, three PDFs.
    assert [p for p in site.requests if p.startswith("/search")] == [
        f"/search?{fetching.SEARCH_QUERY}&start=0&rows=100",
        f"/search?{fetching.SEARCH_QUERY}&start=100&rows=100",
    ]
    assert site.pdf_requests() == 3
    assert {ua for ua in site.user_agents} == {fetching.USER_AGENT}
    assert (
        fetching.USER_AGENT.startswith("ofsted-cli/")
        and fetching.PROJECT_URL in fetching.USER_AGENT
    )

    history = CliRunner().invoke(cli, ["history", "merton"], catch_exceptions=False)
    assert history.exit_code == 0, history.output
    assert "bundled" not in history.stderr
    assert "2 inspection(s)" in history.stdout
    assert "2017-06-12" in history.stdout and "2025-07-14" in history.stdout
    assert library_folders(()) == ([str(library)], False)

    again = _fetch("merton", "barnet")
    assert again.exit_code == 0
    assert again.stdout == (
        f"already there  {MERTON_2025}\nalready there  {MERTON_2017}\n"
        f"already there  {BARNET_2019}\n"
    )
    assert again.stderr == f"Fetched into {library}: 3 already there.\n"
    assert site.pdf_requests() == 3  # the second run asked for no PDF


def _barnet_2019(site: FakeOfsted) -> dict[str, str]:
    """What the manifest knows of Barnet's 2019 report before downloading it."""
    return {
        "urn": "80487",
        "authority": "Barnet",
        "kind": "inspection",
        "title": "Children's services inspection",
        "published": "2019-07-01",
        "file_id": "b2019",
        "url": f"{site.url}/v1/file/b2019",
        "path": BARNET_2019,
    }


def test_manifest_records_each_file(site, into):
    assert _fetch("barnet", "--into", str(into)).exit_code == 0
    manifest = json.loads((into / fetching.MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["version"] == fetching.MANIFEST_VERSION
    [row] = manifest["files"]
    fetched_at = row.pop("fetched_at")
    assert fetched_at.endswith("+00:00")
    assert row == {
        **_barnet_2019(site),
        "sha256": _sha(site.files["b2019"]),
        "size": len(site.files["b2019"]),
    }


def test_kind_all_and_since(site, into):
    result = _fetch("merton", "--kind", "all", "--since", "2018-01-01", "--into", str(into))
    assert result.exit_code == 0
    assert result.stdout == (
        f"new            {MERTON_2025}\n"
        "new            80510_merton/children's services focused visit - 20 november 2020.pdf\n"
    )
    result = _fetch("merton", "--kind", "focused_visit", "--into", str(into))
    assert result.stdout == (
        "already there  80510_merton/children's services focused visit - 20 november 2020.pdf\n"
    )


def test_dry_run_writes_and_downloads_nothing(site, into):
    result = _fetch("merton", "--dry-run", "--into", str(into))
    assert result.exit_code == 0
    assert result.stdout == f"would fetch    {MERTON_2025}\nwould fetch    {MERTON_2017}\n"
    assert result.stderr == f"Dry run, nothing written to {into}: 2 would fetch.\n"
    assert not into.exists()
    assert site.pdf_requests() == 0


def test_jsonl_prints_manifest_rows(site, into):
    result = _fetch("merton", "barnet", "--jsonl", "--into", str(into))
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["status"], r["path"], r["file_id"]) for r in rows] == [
        ("new", MERTON_2025, "m2025"),
        ("new", MERTON_2017, "m2017"),
        ("new", BARNET_2019, "b2019"),
    ]
    manifest = json.loads((into / fetching.MANIFEST_NAME).read_text(encoding="utf-8"))
    by_id = {r["file_id"]: r for r in manifest["files"]}
    assert all({**by_id[r["file_id"]], "status": "new"} == r for r in rows)

    dry = _fetch("merton", "barnet", "--jsonl", "--dry-run", "--into", str(into))
    assert [json.loads(line)["status"] for line in dry.stdout.splitlines()] == ["already there"] * 3


def test_jsonl_failed_row_carries_the_error(site, into):
    site.faults["b2019"] = ["404"]
    result = _fetch("barnet", "--jsonl", "--into", str(into))
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "status": "failed",
        **_barnet_2019(site),
        "error": "HTTP 404 Not Found",
    }


def test_manifest_paths_outside_the_folder_are_ignored(site, into):
    into.mkdir()
    escape = {"file_id": "b2019", "path": "../../escaped.pdf"}
    manifest = {"version": 1, "files": [escape]}
    (into / fetching.MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    result = _fetch("barnet", "--into", str(into))
    assert result.stdout == f"new            {BARNET_2019}\n"
    assert not (into.parent.parent / "escaped.pdf").exists()


def test_provider_with_no_reports(site, into):
    result = _fetch("isles of nowhere", "--into", str(into))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == (
        "Note: 80999_isles of nowhere/: Ofsted lists no full inspections\n"
        f"Fetched into {into}: no files.\n"
    )
    assert site.pdf_requests() == 0


# --- faults: one line, exit 1, nothing half-written, the next run completes it ---------------


@pytest.mark.parametrize(
    ("faults", "reason", "requests"),
    [
        (["404"], "HTTP 404 Not Found", 1),
        (["503", "503"], "HTTP 503 Service Unavailable (gave up after 2 attempts)", 2),
        (["slow", "slow"], f"no response within {SHORT_TIMEOUT} s (gave up after 2 attempts)", 2),
        (["truncate", "truncate"], "the download was cut short", 2),
        (["html"], "the server sent a web page, not a PDF", 1),
    ],
)
def test_fault_fails_one_file_and_next_run_completes_it(site, into, faults, reason, requests):
    site.faults["m2017"] = list(faults)
    timeout = SHORT_TIMEOUT if "slow" in faults else TEST_TIMEOUT
    result = _fetch("merton", "barnet", "--retries", "1", "--timeout", timeout, "--into", str(into))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"new            {MERTON_2025}"
    assert lines[1].startswith(f"failed         {MERTON_2017}: {reason}")
    assert lines[2] == f"new            {BARNET_2019}"
    assert result.stderr == (
        f"Fetched into {into}: 2 new, 1 failed.\n"
        "Run the same command again to retry the failed files.\n"
    )
    assert site.pdf_requests("m2017") == requests
    assert MERTON_2017 not in _files(into)  # no partial file, no leftover .part
    assert _files(into) == [".ofsted-fetch.lock", BARNET_2019, MERTON_2025, "ofsted-manifest.json"]

    again = _fetch("merton", "barnet", "--into", str(into))
    assert again.exit_code == 0
    assert again.stdout.splitlines()[1] == f"new            {MERTON_2017}"
    assert _files(into) == LIBRARY_FILES
    assert site.pdf_requests() == 3 + requests


def test_provider_page_that_fails_is_one_line(site, into):
    site.faults["provider 80487"] = ["503", "503"]
    result = _fetch("barnet", "merton", "--retries", "1", "--into", str(into))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "failed         80487_barnet/: provider page: HTTP 503 Service Unavailable "
        "(gave up after 2 attempts)",
        f"new            {MERTON_2025}",
        f"new            {MERTON_2017}",
    ]
    assert site.pdf_requests("b2019") == 0
    again = _fetch("barnet", "merton", "--into", str(into))
    assert again.stdout.splitlines()[0] == f"new            {BARNET_2019}"


def test_several_kinds_named_in_the_note(site, into):
    result = _fetch("barnet", "--kind", "send", "--kind", "jtai", "--into", str(into))
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        "Note: 80487_barnet/: Ofsted lists no area SEND inspections or joint targeted area "
        "inspections"
    )


def test_503_then_success_is_retried(site, into):
    site.faults["b2019"] = ["503"]
    result = _fetch("barnet", "--into", str(into))
    assert result.exit_code == 0
    assert result.stdout == f"new            {BARNET_2019}\n"
    assert site.pdf_requests("b2019") == 2


def test_interruption_keeps_complete_files_and_next_run_resumes(site, into):
    site.faults["m2017"] = ["interrupt"]
    result = _fetch("merton", "barnet", "--into", str(into))
    assert result.exit_code == 130
    assert result.stdout == f"new            {MERTON_2025}\n"
    assert result.stderr == (
        f"Fetched into {into}: 1 new.\n"
        "Interrupted: the complete files are kept and the one in progress was discarded; "
        "run the same command again to resume.\n"
    )
    assert _files(into) == [".ofsted-fetch.lock", MERTON_2025, "ofsted-manifest.json"]
    manifest = json.loads((into / fetching.MANIFEST_NAME).read_text(encoding="utf-8"))
    assert [r["file_id"] for r in manifest["files"]] == ["m2025"]

    site.release.set()
    again = _fetch("merton", "barnet", "--into", str(into))
    assert again.exit_code == 0
    assert again.stdout.splitlines() == [
        f"already there  {MERTON_2025}",
        f"new            {MERTON_2017}",
        f"new            {BARNET_2019}",
    ]
    assert _files(into) == LIBRARY_FILES


def test_present_pdf_is_recorded_without_download(site, into):
    (into / MERTON_2017).parent.mkdir(parents=True)
    (into / MERTON_2017).write_bytes(site.files["m2017"])
    (into / MERTON_2025).write_bytes(NOT_FOUND_PAGE)  # a saved error page is replaced
    result = _fetch("merton", "--into", str(into))
    assert result.stdout == f"new            {MERTON_2025}\nalready there  {MERTON_2017}\n"
    assert site.pdf_requests() == 1
    assert (into / MERTON_2025).read_bytes() == site.files["m2025"]
    manifest = json.loads((into / fetching.MANIFEST_NAME).read_text(encoding="utf-8"))
    assert {r["file_id"]: r["sha256"] for r in manifest["files"]} == {
        "m2017": _sha(site.files["m2017"]),
        "m2025": _sha(site.files["m2025"]),
    }


def test_unreadable_manifest_is_set_aside_and_rebuilt(site, into):
    assert _fetch("barnet", "--into", str(into)).exit_code == 0
    (into / fetching.MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    result = _fetch("barnet", "--into", str(into))
    assert result.exit_code == 0
    assert result.stdout == f"already there  {BARNET_2019}\n"
    aside = list(into.glob(f"{fetching.MANIFEST_NAME}.unreadable-*"))
    assert len(aside) == 1
    assert result.stderr == (
        f"Warning: {into / fetching.MANIFEST_NAME}: unreadable (not valid JSON: Expecting "
        f"property name enclosed in double quotes at line 1); set aside as {aside[0].name} "
        f"and rebuilt\nFetched into {into}: 1 already there.\n"
    )
    assert site.pdf_requests() == 1


def test_second_fetch_into_a_locked_folder_is_refused(site, into):
    with fetching.folder_lock(into):
        result = _fetch("barnet", "--into", str(into))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {into}: another `ofsted fetch` is writing here\n"
    assert site.pdf_requests() == 0


def test_unwritable_folder_stops_the_run_with_one_line(site, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = _fetch("barnet", "--into", str(blocker / "library"))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {blocker / 'library'}: cannot write: Not a directory\n"
    assert site.pdf_requests() == 0


def test_dry_run_leaves_an_unreadable_manifest_alone(site, into):
    into.mkdir()
    (into / fetching.MANIFEST_NAME).write_text("[]", encoding="utf-8")
    result = _fetch("barnet", "--dry-run", "--into", str(into))
    assert result.exit_code == 0
    warning, dry = result.stderr.splitlines()
    assert warning == (
        f"Warning: {into / fetching.MANIFEST_NAME}: unreadable (not a manifest: it needs a "
        '"files" list of rows with "file_id" and "path"); a real run sets it aside and '
        "rebuilds it"
    )
    assert dry == f"Dry run, nothing written to {into}: 1 would fetch."
    assert _files(into) == [fetching.MANIFEST_NAME]


# --- names, the listing, the command line ----------------------------------------------------


def test_unknown_authority(site, into):
    result = _fetch("atlantis", "--into", str(into))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: atlantis: ")
    assert result.stderr.count("\n") == 1
    assert site.pdf_requests() == 0


def test_names_resolve_through_the_authority_table(site, into):
    result = _fetch(
        "hull", "rbkc", "city of london", "royal borough of windsor", "--into", str(into)
    )
    assert result.exit_code == 0
    assert result.stderr == (
        "Note: 80505_kingston upon hull/: Ofsted lists no full inspections\n"
        "Note: 80506_kensington and chelsea/: Ofsted lists no full inspections\n"
        "Note: 80450_london corporation/: Ofsted lists no full inspections\n"
        "Note: 80546_windsor & maidenhead/: Ofsted lists no full inspections\n"
        f"Fetched into {into}: no files.\n"
    )


def test_ambiguous_authority(site, into):
    result = _fetch("achieving for children", "--into", str(into))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: achieving for children: matches several authorities")
    assert result.stderr.count("\n") == 1


def test_all_walks_every_page(site, into):
    result = _fetch("--all", "--dry-run", "--into", str(into))
    assert result.exit_code == 0
    assert result.stdout.count("would fetch") == 3
    provider_pages = [p for p in site.requests if p.startswith("/provider/")]
    assert len(provider_pages) == len(site.providers) == 118


def test_search_failure_is_one_line(site, into, monkeypatch):
    monkeypatch.setenv(fetching.BASE_URL_ENV, f"{site.url}/nowhere")
    result = _fetch("merton", "--into", str(into))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: cannot read Ofsted's list of authorities ({site.url}/nowhere): "
        "HTTP 404 Not Found\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "name at least one AUTHORITY, or give --all for every one"),
        (["merton", "--all"], "give AUTHORITY names or --all, not both"),
        (["merton", "--base-url", "ftp://example"], "'ftp://example' is not an http(s) URL"),
    ],
)
def test_usage_errors(site, args, message):
    result = _fetch(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert site.requests == []


def test_http_proxy_from_the_environment_is_used(site, into, monkeypatch):
    proxy = FakeOfsted(site.providers, site.files)
    proxy.url = site.url
    for server in _serve(proxy):
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{server.server_address[1]}")
        monkeypatch.setenv("NO_PROXY", "")
        result = _fetch("barnet", "--into", str(into))
    assert result.exit_code == 0
    assert site.requests == []  # everything went through the proxy
    assert proxy.requests[0].startswith(f"{site.url}/search?")
    assert proxy.pdf_requests() == 0  # the absolute form: the proxy saw full URLs
    assert proxy.requests.count(f"{site.url}/v1/file/b2019") == 1


# --- the client's etiquette, with a fake clock -----------------------------------------------


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds

    def clock(self) -> float:
        return self.now


def test_retry_after_is_honoured_and_404_not_retried(site):
    site.faults["b2019"] = ["429", "503"]
    clock = FakeTime()
    client = fetching.Client(delay=0, retries=3, backoff=0.5, sleep=clock.sleep, clock=clock.clock)
    site_url = f"{site.url}/v1/file/b2019"

    assert client.get_text(f"{site.url}/search?{fetching.SEARCH_QUERY}&start=0&rows=100")
    data = client.get_text(site_url)
    assert data.startswith("%PDF")
    assert clock.sleeps == [0.0, 0.0]  # Retry-After: 0, twice, rather than the backoff
    with pytest.raises(fetching.FetchError, match="^HTTP 404 Not Found$"):
        client.get_text(f"{site.url}/v1/file/missing")
    assert site.pdf_requests("missing") == 1
    assert clock.sleeps == [0.0, 0.0]


def test_backoff_doubles_and_delay_spaces_requests(site):
    site.faults["b2019"] = ["slow", "slow"]
    clock = FakeTime()
    client = fetching.Client(
        delay=1.5,
        timeout=float(SHORT_TIMEOUT),
        retries=2,
        backoff=1.0,
        sleep=clock.sleep,
        clock=clock.clock,
    )
    client.get_text(f"{site.url}/provider/44/80487")
    assert clock.sleeps == []
    clock.now += 0.5
    assert client.get_text(f"{site.url}/v1/file/b2019").startswith("%PDF")
    # The rest of the delay; then the backoff (1 s, 2 s), never shorter than the delay.
    assert clock.sleeps == [1.0, 1.5, 2.0]


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("7", 7.0), (None, None), ("soon", None), ("Tue, 01 Dec 2026 12:00:30 GMT", 30.0)],
)
def test_retry_after_values(value, seconds):
    from datetime import datetime, timezone

    now = datetime(2026, 12, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert fetching.retry_after(value, now) == seconds


def test_too_long_retry_after_gives_up_at_once(site):
    site.faults["b2019"] = ["429-long"]
    clock = FakeTime()
    client = fetching.Client(delay=0, retries=3, sleep=clock.sleep, clock=clock.clock)
    with pytest.raises(fetching.FetchError) as caught:
        client.download(f"{site.url}/v1/file/b2019", Path("unused.pdf"))
    assert str(caught.value) == (
        "HTTP 429 Too Many Requests; the server asks to wait 3600 s: try again later"
    )
    assert clock.sleeps == []
    assert site.pdf_requests() == 1


# --- reading the pages -----------------------------------------------------------------------


def test_provider_page_titles_kinds_and_names():
    provider = fetching.Provider("80476", "Kent", "http://127.0.0.1/provider/44/80476")
    links = [
        (
            "https://files.ofsted.gov.uk/v1/file/50001",
            "Children\u2019s services inspection,  PDF - 23 August 2013",
        ),
        ("/v1/file/50002", "Area SEND full inspection - 15 May 2024, PDF"),
        ("/v1/file/50003", "Joint area child protection inspection - 27 February 2025, PDF"),
        ("/v1/file/50004", "Children's services monitoring visit - 1 March 2021, PDF"),
        ("/v1/file/50005", "Undated"),
        ("/v1/file/../etc", "Children's services inspection - 1 May 2020, PDF"),
        ("/v1/file/50007?download=1", "Sly/../../name: x - 2 May 2020, PDF"),
        ("/v1/file/50002", "Area SEND full inspection - 15 May 2024, PDF"),  # listed again
    ]
    html = "".join(
        f'<a class="publication-link" href="{href}">Open <span class="nonvisual">{text}</span></a>'
        for href, text in links
    )
    html += '<a href="/v1/file/50006">Children\'s services inspection - 1 May 2020</a>'
    found = fetching.parse_provider_page(html, provider, "http://127.0.0.1:1")
    assert [(p.file_id, p.kind, p.published) for p in found] == [
        ("50001", "inspection", date(2013, 8, 23)),
        ("50002", "send", date(2024, 5, 15)),
        ("50003", "jtai", date(2025, 2, 27)),
        ("50004", "other", date(2021, 3, 1)),
        ("50007", "other", date(2020, 5, 2)),
    ]
    assert [p.relpath.partition("/")[2] for p in found] == [
        "children's services inspection - 23 august 2013.pdf",
        "area send full inspection - 15 may 2024.pdf",
        "joint area child protection inspection - 27 february 2025.pdf",
        "children's services monitoring visit - 01 march 2021.pdf",
        "sly .. .. name x - 02 may 2020.pdf",
    ]
    assert found[0].url == "http://127.0.0.1:1/v1/file/50001"
    assert {p.relpath.partition("/")[0] for p in found} == {"80476_kent"}


def test_files_come_from_ofsted_only_with_ofsted_as_base():
    assert fetching.files_url_for(fetching.DEFAULT_BASE_URL) == fetching.DEFAULT_FILES_URL
    assert fetching.files_url_for("http://127.0.0.1:8000") == "http://127.0.0.1:8000"


def test_folder_names_are_safe():
    assert fetching.Provider("80546", "Windsor & Maidenhead", "").folder == (
        "80546_windsor & maidenhead"
    )
    assert fetching.Provider("1", "../..", "").folder == "1_unnamed"
    assert fetching.safe_name("a/b\\c\x1bd") == "a b c d"


def test_command_defaults_are_the_modules():
    """cli.py states the defaults itself (so `ofsted --help` need not import HTTP code);
    they must be fetch.py's."""
    from ofsted_cli.cli import fetch as command

    defaults = {p.name: p.default for p in command.params}
    assert defaults["delay"] == fetching.DEFAULT_DELAY
    assert defaults["timeout"] == fetching.DEFAULT_TIMEOUT
    assert defaults["retries"] == fetching.DEFAULT_RETRIES
    assert defaults["base_url"] == fetching.DEFAULT_BASE_URL
    assert defaults["kinds"] == ("inspection",)
    kind_param = next(p for p in command.params if p.name == "kinds")
    assert list(kind_param.type.choices) == [*fetching.KINDS, "all"]  # type: ignore[attr-defined]
