"""Bringing reports from Ofsted's website into a library folder, incrementally and politely.

Three parts, in the order a run uses them:

- :class:`Client`: HTTP with the etiquette a public site deserves (a User-Agent naming the
  tool, one request at a time, a pause between requests to a host, timeouts, retries with
  backoff that honour ``Retry-After``), on the standard library's ``urllib``, which also honours
  ``HTTPS_PROXY`` / ``HTTP_PROXY`` / ``NO_PROXY``.
- The pages: the search listing of local authority children's services providers (100 a page)
  and each provider's page of publications, read with the standard library's ``html.parser``.
- :class:`Manifest` and :func:`fetch_publications`: which files the folder already holds and
  downloading the rest, each to a temporary name renamed into place only when complete and
  verified, so an interrupted or failed run leaves nothing half-written and the next resumes.

Nothing here prints: the command turns :class:`Outcome` values into lines.
"""

from __future__ import annotations

import contextlib
import email.utils
import hashlib
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from html.parser import HTMLParser
from http.client import HTTPException, HTTPResponse, IncompleteRead
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from . import __version__

#: Where the tool can be found, named in the User-Agent so Ofsted can see who is asking.
PROJECT_URL = "https://pypi.org/project/ofsted-cli/"

#: Names the tool, its version and where to read about it, as crawler etiquette asks.
USER_AGENT = f"ofsted-cli/{__version__} (+{PROJECT_URL})"

#: Ofsted's report search; ``--base-url`` / ``$OFSTED_BASE_URL`` replace it (the tests do).
DEFAULT_BASE_URL = "https://reports.ofsted.gov.uk"
BASE_URL_ENV = "OFSTED_BASE_URL"

#: Where Ofsted serves the PDFs (``/v1/file/<ID>``); with another base URL, that host serves
#: them too, so a mirror or test server is never sent to the real site.
DEFAULT_FILES_URL = "https://files.ofsted.gov.uk"

#: The search for local authority children's services providers (level 1 type 3 = social
#: care, level 2 type 12 = local authority children's services), paged by ``start``.
SEARCH_QUERY = "q=&location=&lat=&lon=&radius=&level_1_types=3&level_2_types%5B%5D=12"

#: Results per search page: the most the site gives, so the ~150 authorities take two pages.
SEARCH_ROWS = 100

#: A bound on search pages: England has about 150 authorities, so a server that keeps
#: answering (ignoring ``start``) cannot keep a run going for ever.
MAX_SEARCH_PAGES = 20

#: Seconds between the end of one request to a host and the start of the next: one request
#: at a time and a pause, so a run of hundreds of files is a trickle, not a burst.
DEFAULT_DELAY = 1.0

#: Seconds to wait for a connection or for the next bytes of a response.
DEFAULT_TIMEOUT = 30.0

#: Further attempts after a timeout, a dropped or cut-short connection, 429 or a 5xx.
DEFAULT_RETRIES = 3

#: The first pause before a retry, doubled for each further one (2, 4, 8 s). The variable
#: overrides it (the tests make it tiny).
BACKOFF_SECONDS = 2.0
BACKOFF_ENV = "OFSTED_FETCH_BACKOFF"

#: The longest ``Retry-After`` honoured: a server asking for more is busy for a while, and
#: giving up on the file (the next run resumes) beats a run that appears to hang.
MAX_RETRY_AFTER = 120.0

#: Bytes read from a download at a time.
CHUNK_BYTES = 64 * 1024

#: The manifest's file name inside the library folder, and its layout version.
MANIFEST_NAME = "ofsted-manifest.json"
MANIFEST_VERSION = 1

#: Held (``flock``) for a whole run, so two fetches into one folder cannot interleave.
LOCK_NAME = ".ofsted-fetch.lock"

#: Suffix of a download in progress; hidden and not ``.pdf``, so no reader ever takes it.
PART_SUFFIX = ".part"

#: The kinds of publication ``--kind`` chooses from, and ``other`` for anything else a
#: provider page lists (monitoring visits, LSCB reviews), fetched only with ``--kind all``.
KINDS = ("inspection", "focused_visit", "send", "jtai")
OTHER_KIND = "other"

#: How each kind is named in a message.
KIND_NAMES = {
    "inspection": "full inspections",
    "focused_visit": "focused visits",
    "send": "area SEND inspections",
    "jtai": "joint targeted area inspections",
    "all": "publications",
}

_MONTHS = (
    *("january", "february", "march", "april", "may", "june"),
    *("july", "august", "september", "october", "november", "december"),
)

_PROVIDER_HREF = re.compile(r"/provider/\d+/(\d+)(?:[/?#]|$)")
_FILE_HREF = re.compile(r"/file/([^/?#]+)")
#: What a file ID may be: it becomes part of a URL and, rarely, of a file name.
_FILE_ID = re.compile(r"[A-Za-z0-9_-]{1,100}")
_TITLE = re.compile(
    r"^(?P<title>.*?)[\s,]*-\s*(?P<day>\d{1,2})\s+(?P<month>[a-z]+)\s+(?P<year>\d{4})",
    re.IGNORECASE,
)
#: Characters that may not appear in a file name on some system, and controls.
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')

T = TypeVar("T")
Sleep = Callable[[float], None]


class FetchError(Exception):
    """A request or download that failed for good; the message is one line, the reason."""


class _Retryable(Exception):
    """A failure worth another attempt (the server or the line may recover)."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


class LockedError(Exception):
    """Another fetch is writing to the same folder."""


class WriteError(Exception):
    """The library folder cannot be written (not a network problem); the run stops."""


# --- HTTP -----------------------------------------------------------------------------------


def backoff_seconds() -> float:
    """The first retry pause: ``$OFSTED_FETCH_BACKOFF`` when set to a number, else the default."""
    try:
        return max(0.0, float(os.environ.get(BACKOFF_ENV, "")))
    except ValueError:
        return BACKOFF_SECONDS


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds asked for by a ``Retry-After`` header (delay-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


class Client:
    """One polite HTTP client: sequential requests, a pause per host, retries with backoff."""

    def __init__(
        self,
        *,
        delay: float = DEFAULT_DELAY,
        timeout: float = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        backoff: float | None = None,
        sleep: Sleep = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.delay, self.timeout, self.retries = delay, timeout, retries
        self.backoff = backoff_seconds() if backoff is None else backoff
        self._sleep, self._clock = sleep, clock
        self._last: dict[str, float] = {}
        # build_opener's ProxyHandler reads HTTP(S)_PROXY / NO_PROXY from the environment.
        self._opener = urllib.request.build_opener()

    def get_text(self, url: str) -> str:
        """A page's text (decoded as the server says, else UTF-8)."""

        def read(response: HTTPResponse) -> str:
            charset = response.headers.get_content_charset() or "utf-8"
            try:
                return response.read().decode(charset, errors="replace")
            except IncompleteRead as exc:
                raise _Retryable("the page was cut short") from exc

        return self._request(url, read)

    def download(self, url: str, dest: Path) -> tuple[int, str]:
        """Save the PDF at ``url`` as ``dest``: written under a temporary name beside it and
        renamed into place only when complete (``Content-Length`` bytes, where sent) and a PDF
        (``%PDF`` header). Returns its size and sha256. Raises FetchError; on any failure or
        interruption the temporary file is removed and ``dest`` is untouched."""
        return self._request(url, lambda response: _save_pdf(response, dest))

    def _request(self, url: str, consume: Callable[[HTTPResponse], T]) -> T:
        host = urllib.parse.urlsplit(url).netloc
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        attempts = self.retries + 1
        for attempt in range(1, attempts + 1):
            self._wait_turn(host)
            try:
                with self._opener.open(request, timeout=self.timeout) as response:
                    return consume(response)
            except _Retryable as exc:
                failure = exc
            except urllib.error.HTTPError as exc:
                exc.close()
                if exc.code != 429 and exc.code < 500:
                    raise FetchError(f"HTTP {exc.code} {exc.reason}") from None
                failure = _Retryable(
                    f"HTTP {exc.code} {exc.reason}", retry_after(exc.headers.get("Retry-After"))
                )
            except urllib.error.URLError as exc:
                if not isinstance(exc.reason, OSError):
                    raise FetchError(f"cannot connect: {exc.reason}") from None
                failure = _Retryable(_os_reason(exc.reason, self.timeout))
            except (OSError, HTTPException) as exc:  # timeouts, resets, malformed responses
                failure = _Retryable(_os_reason(exc, self.timeout))
            finally:
                self._last[host] = self._clock()
            if attempt == attempts:
                break
            pause = self.backoff * 2 ** (attempt - 1)
            if failure.wait is not None:
                if failure.wait > MAX_RETRY_AFTER:
                    raise FetchError(
                        f"{failure.reason}; the server asks to wait {failure.wait:.0f} s: "
                        "try again later"
                    )
                pause = failure.wait
            # The pause between requests still holds when the backoff is shorter.
            self._sleep(max(pause, self.delay))
        tries = "1 attempt" if attempts == 1 else f"{attempts} attempts"
        raise FetchError(f"{failure.reason} (gave up after {tries})")

    def _wait_turn(self, host: str) -> None:
        """Pause until ``delay`` seconds have passed since the last request to ``host``."""
        last = self._last.get(host)
        if last is not None:
            remaining = self.delay - (self._clock() - last)
            if remaining > 0:
                self._sleep(remaining)


def _os_reason(exc: BaseException, timeout: float) -> str:
    if isinstance(exc, TimeoutError):
        return f"no response within {timeout:g} s"
    if isinstance(exc, OSError) and exc.strerror:
        return f"connection failed: {exc.strerror}"
    return f"connection failed: {exc or type(exc).__name__}"


def _save_pdf(response: HTTPResponse, dest: Path) -> tuple[int, str]:
    """Stream ``response`` into a temporary file beside ``dest``, verify it, rename it."""
    length = response.headers.get("Content-Length")
    expected = int(length) if length and length.isdigit() else None
    digest = hashlib.sha256()
    size = 0
    head = b""
    # A fixed name (the folder lock keeps other runs out), known before the file exists, so
    # an interruption at any instant, even inside open(), leaves nothing behind.
    temp = dest.with_name(f".{dest.name}{PART_SUFFIX}")
    try:
        with writing(dest.parent):
            out = open(temp, "wb")  # noqa: SIM115 - closed by the with below
        with out:
            while True:
                try:
                    chunk = response.read(CHUNK_BYTES)
                except IncompleteRead as exc:
                    size += len(exc.partial)
                    raise _Retryable(_cut_short(size, expected)) from exc
                if not chunk:
                    break
                if len(head) < 5:
                    head = (head + chunk)[:5]
                    if len(head) == 5 and head != b"%PDF-":
                        raise FetchError(_not_pdf(head))
                with writing(dest.parent):
                    out.write(chunk)
                digest.update(chunk)
                size += len(chunk)
            with writing(dest.parent):
                out.flush()
                os.fsync(out.fileno())
        if expected is not None and size != expected:
            raise _Retryable(_cut_short(size, expected))
        if head != b"%PDF-":
            raise FetchError("the server sent an empty file" if not size else _not_pdf(head))
        with writing(dest.parent):
            os.replace(temp, dest)
    except BaseException:  # includes KeyboardInterrupt: nothing half-written stays
        temp.unlink(missing_ok=True)
        raise
    return size, digest.hexdigest()


@contextlib.contextmanager
def writing(folder: Path) -> Iterator[None]:
    """Turn a local OSError (disk full, no permission) into WriteError, which stops the run:
    unlike a network fault it is not worth a retry, and every later file would fail too."""
    try:
        yield
    except OSError as exc:
        raise WriteError(f"{folder}: cannot write: {exc.strerror or exc}") from exc


def _cut_short(size: int, expected: int | None) -> str:
    of = f" of {expected}" if expected is not None else ""
    return f"the download was cut short ({size}{of} bytes)"


def _not_pdf(start: bytes) -> str:
    if start.lstrip()[:1] == b"<":
        return "the server sent a web page, not a PDF"
    return "the server sent something that is not a PDF (no %PDF header)"


# --- The pages ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Provider:
    """A local authority's children's services as Ofsted lists them."""

    urn: str
    name: str
    url: str

    @property
    def folder(self) -> str:
        """The provider's folder in the library: ``<URN>_<name>``, as the corpus names them."""
        return f"{self.urn}_{safe_name(self.name.lower())}"


@dataclass(frozen=True)
class Publication:
    """One published document on a provider's page."""

    provider: Provider
    kind: str
    title: str
    published: date
    file_id: str
    url: str

    @property
    def relpath(self) -> str:
        """``<URN>_<name>/<title> - <dd month yyyy>.pdf``, lower case, as in the corpus."""
        when = f"{self.published.day:02d} {_MONTHS[self.published.month - 1]} {self.published.year}"
        return f"{self.provider.folder}/{safe_name(self.title.lower())} - {when}.pdf"

    def fields(self, relpath: str) -> dict[str, Any]:
        """What the manifest says of it before it is downloaded (``path`` as saved)."""
        return {
            "urn": self.provider.urn,
            "authority": self.provider.name,
            "kind": self.kind,
            "title": self.title,
            "published": self.published.isoformat(),
            "file_id": self.file_id,
            "url": self.url,
            "path": relpath,
        }


def safe_name(text: str) -> str:
    """``text`` usable as one file or folder name anywhere: no separators, no characters a
    system forbids, no leading dots (a remote name cannot climb out of the folder)."""
    cleaned = " ".join(_UNSAFE_NAME.sub(" ", text).split()).strip(". ")
    return cleaned or "unnamed"


@dataclass
class _Anchor:
    href: str
    classes: tuple[str, ...]
    text: list[str]
    hidden_text: list[str]


class _AnchorParser(HTMLParser):
    """Every ``<a href>`` with its classes, its text, and the text of its nonvisual spans."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: list[_Anchor] = []
        self._current: _Anchor | None = None
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "a":
            self._current = _Anchor(
                values.get("href", ""), tuple(values.get("class", "").split()), [], []
            )
            self._hidden_depth = 0
        elif self._current is not None and tag == "span":
            hidden = "nonvisual" in values.get("class", "").split()
            self._hidden_depth += 1 if hidden or self._hidden_depth else 0

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._current is not None:
            self.anchors.append(self._current)
            self._current = None
        elif tag == "span" and self._hidden_depth:
            self._hidden_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.text.append(data)
            if self._hidden_depth:
                self._current.hidden_text.append(data)


def _anchors(html: str) -> list[_Anchor]:
    parser = _AnchorParser()
    parser.feed(html)
    parser.close()
    return parser.anchors


def _clean(parts: list[str]) -> str:
    return " ".join("".join(parts).replace("\u2019", "'").split())


def search_url(base_url: str, start: int) -> str:
    return f"{base_url}/search?{SEARCH_QUERY}&start={start}&rows={SEARCH_ROWS}"


def parse_search_page(html: str, page_url: str) -> list[Provider]:
    """The providers a search page links to, in page order, each once."""
    found: dict[str, Provider] = {}
    for anchor in _anchors(html):
        match = _PROVIDER_HREF.search(urllib.parse.urlsplit(anchor.href).path + "/")
        name = _clean(anchor.text)
        if match and name and match.group(1) not in found:
            url = urllib.parse.urljoin(page_url, anchor.href)
            found[match.group(1)] = Provider(match.group(1), name, url)
    return list(found.values())


def kind_of(title: str) -> str:
    """The ``--kind`` a publication title belongs to (``other`` when none)."""
    text = title.lower()
    if "focused visit" in text:
        return "focused_visit"
    if re.search(r"\bsend\b", text):
        return "send"
    if "joint" in text and "inspection" in text:
        return "jtai"
    if "inspection" in text and "monitoring" not in text:
        return "inspection"
    return OTHER_KIND


def parse_provider_page(html: str, provider: Provider, files_url: str) -> list[Publication]:
    """The publications on a provider's page, in page order (Ofsted lists newest first), each
    file once. A link whose text carries no date cannot be named, so it is left out."""
    found: dict[str, Publication] = {}
    for anchor in _anchors(html):
        if "publication-link" not in anchor.classes:
            continue
        text = _clean(anchor.hidden_text) or _clean(anchor.text)
        match = _TITLE.match(text)
        month = match.group("month").lower() if match else ""
        if not match or month not in _MONTHS:
            continue
        try:
            published = date(
                int(match.group("year")), _MONTHS.index(month) + 1, int(match.group("day"))
            )
        except ValueError:
            continue
        title = re.sub(r"[\s,]*\bpdf$", "", match.group("title"), flags=re.IGNORECASE)
        path = urllib.parse.urlsplit(urllib.parse.urljoin(provider.url, anchor.href)).path
        id_match = _FILE_HREF.search(path)
        if not id_match or not _FILE_ID.fullmatch(id_match.group(1)):
            continue
        file_id = id_match.group(1)
        url = f"{files_url}/v1/file/{file_id}"
        publication = Publication(provider, kind_of(title), title, published, file_id, url)
        found.setdefault(file_id, publication)
    return list(found.values())


def files_url_for(base_url: str) -> str:
    """Where the PDFs are fetched from: Ofsted's file host for Ofsted, else the base URL."""
    return DEFAULT_FILES_URL if base_url == DEFAULT_BASE_URL else base_url


def list_providers(client: Client, base_url: str) -> list[Provider]:
    """Every provider in the search listing, walking its pages until one adds nobody new."""
    providers: dict[str, Provider] = {}
    for page in range(MAX_SEARCH_PAGES):
        url = search_url(base_url, page * SEARCH_ROWS)
        found = parse_search_page(client.get_text(url), url)
        new = [p for p in found if p.urn not in providers]
        providers.update((p.urn, p) for p in new)
        if len(found) < SEARCH_ROWS or not new:
            break
    return list(providers.values())


# --- The manifest and the downloads ---------------------------------------------------------


def _manifest_problem(exc: Exception) -> str:
    """What is wrong with a manifest file, in words (not Python's error for a wrong shape)."""
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON: {exc.msg} at line {exc.lineno}"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return 'not a manifest: it needs a "files" list of rows with "file_id" and "path"'


class Manifest:
    """What the folder holds from Ofsted: one row per file ID, as JSON beside the reports.

    JSON rather than SQLite: it sits among the PDFs, where a person may read, diff or back it
    up, and its few hundred rows are rewritten whole (temporary file, fsync, rename) after
    every download, so it is always complete and never ahead of the files."""

    def __init__(self, folder: Path, rows: dict[str, dict[str, Any]]) -> None:
        self.folder, self.rows = folder, rows

    @property
    def path(self) -> Path:
        return self.folder / MANIFEST_NAME

    @classmethod
    def load(cls, folder: Path, warn: Callable[[str], None], *, repair: bool = True) -> Manifest:
        """The folder's manifest; none yet is empty. An unreadable one is set aside (renamed,
        unless ``repair`` is off) with a warning and rebuilt: files already present are taken
        up again, not fetched again."""
        path = folder / MANIFEST_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            rows = {str(r["file_id"]): r for r in data["files"] if _inside(r["path"])}
        except FileNotFoundError:
            return cls(folder, {})
        except (OSError, ValueError, KeyError, TypeError) as exc:
            why = _manifest_problem(exc)
            if not repair:
                warn(f"{path}: unreadable ({why}); a real run sets it aside and rebuilds it")
                return cls(folder, {})
            aside = path.with_name(f"{MANIFEST_NAME}.unreadable-{int(time.time())}")
            with writing(folder):
                path.replace(aside)
            warn(f"{path}: unreadable ({why}); set aside as {aside.name} and rebuilt")
            return cls(folder, {})
        return cls(folder, rows)

    def holder_of(self, relpath: str) -> str | None:
        """The file ID recorded at ``relpath``, if any."""
        return next((fid for fid, row in self.rows.items() if row.get("path") == relpath), None)

    def record(self, row: dict[str, Any]) -> None:
        """Add or replace a row and write the manifest atomically."""
        self.rows[row["file_id"]] = row
        ordered = sorted(self.rows.values(), key=lambda r: (r.get("path", ""), r["file_id"]))
        text = json.dumps(
            {"version": MANIFEST_VERSION, "files": ordered}, indent=1, ensure_ascii=False
        )
        with writing(self.folder):
            self._write(text)

    def _write(self, text: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        temp = self.folder / f".{MANIFEST_NAME}{PART_SUFFIX}"  # fixed, as for downloads
        try:
            with open(temp, "w", encoding="utf-8") as out:
                out.write(text + "\n")
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, self.path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold the folder's fetch lock for a run; raises LockedError when another run holds it.
    Also clears ``.part`` files a killed run left (no other run can be writing them).
    Where ``fcntl`` is missing (Windows) there is no lock."""
    with writing(folder):
        folder.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with writing(folder):
        handle = open(folder / LOCK_NAME, "a+b")  # noqa: SIM115 - closed below
    with handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise LockedError(f"{folder}: another `ofsted fetch` is writing here") from None
        for leftover in folder.glob(f"*/.*{PART_SUFFIX}"):
            leftover.unlink(missing_ok=True)
        for leftover in folder.glob(f".*{PART_SUFFIX}"):
            leftover.unlink(missing_ok=True)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@dataclass(frozen=True)
class Outcome:
    """What became of one publication: ``new``, ``already there``, ``would fetch`` (a dry
    run) or ``failed`` (with the reason); ``row`` is its manifest row when it has one. For a
    provider whose page failed or lists nothing wanted, ``failed`` or ``nothing`` with no
    publication and the provider's folder as ``relpath``."""

    status: str
    relpath: str
    provider: Provider
    publication: Publication | None = None
    row: dict[str, Any] | None = None
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The ``--jsonl`` record: the status, then the manifest row (or what is known)."""
        if self.row is not None:
            known = self.row
        elif self.publication is not None:
            known = self.publication.fields(self.relpath)
        else:
            known = {"urn": self.provider.urn, "authority": self.provider.name}
            known["path"] = self.relpath
        extra = {"error": self.error} if self.error else {}
        return {"status": self.status, **known, **extra}


def fetch_providers(
    client: Client,
    folder: Path,
    providers: Sequence[Provider],
    *,
    kinds: Sequence[str],
    since: date | None,
    files_url: str,
    warn: Callable[[str], None],
    dry_run: bool = False,
) -> Iterator[Outcome]:
    """Each provider's page read and its wanted publications fetched, one provider at a time,
    under the folder's lock (a dry run writes nothing, so it takes no lock)."""
    with contextlib.nullcontext() if dry_run else folder_lock(folder):
        manifest = Manifest.load(folder, warn, repair=not dry_run)
        for provider in providers:
            try:
                listed = parse_provider_page(client.get_text(provider.url), provider, files_url)
            except FetchError as exc:
                reason = f"provider page: {exc}"
                yield Outcome("failed", f"{provider.folder}/", provider, error=reason)
                continue
            chosen = wanted(listed, kinds, since)
            if not chosen:
                yield Outcome("nothing", f"{provider.folder}/", provider)
                continue
            yield from fetch_publications(client, folder, manifest, chosen, dry_run=dry_run)


def describe_kinds(kinds: Sequence[str]) -> str:
    """The chosen kinds in words: "full inspections", "focused visits or area SEND inspections"."""
    if "all" in kinds:
        return KIND_NAMES["all"]
    return " or ".join(KIND_NAMES[k] for k in dict.fromkeys(kinds))


def wanted(
    publications: Sequence[Publication], kinds: Sequence[str], since: date | None
) -> list[Publication]:
    """The publications of the chosen kinds (``all``: every kind) published since ``since``."""
    every = "all" in kinds
    return [
        p
        for p in publications
        if (every or p.kind in kinds) and (since is None or p.published >= since)
    ]


def fetch_publications(
    client: Client,
    folder: Path,
    manifest: Manifest,
    publications: Sequence[Publication],
    *,
    dry_run: bool = False,
) -> Iterator[Outcome]:
    """Bring each publication into ``folder``, yielding what became of it as it happens.
    A file recorded in the manifest and present is not requested again; a present PDF the
    manifest does not know (copied in, or renamed just before an interruption) is recorded
    without a download."""
    claimed: set[str] = set()
    for pub in publications:
        row = manifest.rows.get(pub.file_id)
        relpath = row["path"] if row else _free_path(pub, manifest, claimed)
        claimed.add(relpath)
        target = folder / relpath
        if row and target.is_file():
            yield Outcome("already there", relpath, pub.provider, pub, row)
            continue
        if not row and _starts_as_pdf(target):
            if dry_run:
                yield Outcome(
                    "already there", relpath, pub.provider, pub, _row(pub, relpath, target)
                )
                continue
            adopted = _row(pub, relpath, target)
            manifest.record(adopted)
            yield Outcome("already there", relpath, pub.provider, pub, adopted)
            continue
        if dry_run:
            yield Outcome("would fetch", relpath, pub.provider, pub)
            continue
        created = not target.parent.exists()
        with writing(folder):
            target.parent.mkdir(parents=True, exist_ok=True)
        try:
            size, sha256 = client.download(pub.url, target)
        except FetchError as exc:
            if created:
                with contextlib.suppress(OSError):
                    target.parent.rmdir()  # only if it stayed empty
            yield Outcome("failed", relpath, pub.provider, pub, error=str(exc))
            continue
        fresh = _row(pub, relpath, target, size=size, sha256=sha256)
        manifest.record(fresh)
        yield Outcome("new", relpath, pub.provider, pub, fresh)


def _free_path(pub: Publication, manifest: Manifest, claimed: set[str]) -> str:
    """The publication's path, or, when another file ID already has it (two documents of one
    kind published the same day), the path with the file ID added."""
    relpath = pub.relpath
    holder = manifest.holder_of(relpath)
    if (holder is not None and holder != pub.file_id) or relpath in claimed:
        relpath = f"{relpath[:-4]} ({safe_name(pub.file_id)}).pdf"
    return relpath


def _inside(relpath: object) -> bool:
    """Whether a manifest path stays inside the folder (an edited manifest cannot send a
    download elsewhere)."""
    if not isinstance(relpath, str) or not relpath.endswith(".pdf"):
        return False
    parts = PurePosixPath(relpath).parts
    return not relpath.startswith(("/", "\\")) and ".." not in parts and ":" not in relpath


def _starts_as_pdf(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError:
        return False


def _row(
    pub: Publication,
    relpath: str,
    target: Path,
    *,
    size: int | None = None,
    sha256: str | None = None,
) -> dict[str, Any]:
    """A manifest row; size and sha256 are read from the file when not given."""
    if sha256 is None or size is None:
        from .pdf import file_sha256

        sha256 = file_sha256(str(target))
        size = target.stat().st_size
    return {
        **pub.fields(relpath),
        "sha256": sha256,
        "size": size,
        "fetched_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
    }


# --- Which providers the names on the command line stand for --------------------------------


def select_providers(queries: Sequence[str], providers: Sequence[Provider]) -> list[Provider]:
    """The providers the user's names stand for, in the order asked, each once. Raises
    UnknownAuthorityError / AmbiguousAuthorityError for a name that does not pick one out."""
    chosen: dict[str, Provider] = {}
    for query in queries:
        for provider in providers_for(query, providers):
            chosen.setdefault(provider.urn, provider)
    return list(chosen.values())


def providers_for(query: str, providers: Sequence[Provider]) -> list[Provider]:
    """The providers of the one authority ``query`` names (a council whose URN changed with
    its code may be listed twice). The query is looked up in the authority table ("hull",
    "rbkc") and each listed name resolved there, matched by GSS code lineage; a name the table
    does not know is matched by its name key, so a new authority is still found."""
    from .authorities import lineage, lookup, name_key, resolve
    from .errors import UnknownAuthorityError

    try:
        wanted = lookup(query)
    except UnknownAuthorityError as unknown:
        found = [p for p in providers if name_key(p.name) == name_key(query)]
        if not found:
            raise unknown from None
        return found
    code = lineage(wanted.code)

    def same(provider: Provider) -> bool:
        listed = resolve(provider.name)
        if listed is None:
            return name_key(provider.name) == name_key(wanted.name)
        return lineage(listed.code) == code

    found = [p for p in providers if same(p)]
    if not found:
        raise UnknownAuthorityError(
            query, f"{wanted.name} is not among the {len(providers)} authorities Ofsted lists"
        )
    return found
