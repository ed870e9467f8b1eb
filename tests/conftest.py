"""Bad-input fixtures, written at test time into tmp_path so the repository holds no binary
fixtures beyond the committed sample reports. The PDFs are hand-built bytes (no reportlab:
it is only a dev dependency), small enough to read."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "sample_reports"
SHARED = SAMPLES.parent.parent / "shared"
#: The real-report corpora beside the checkout (absent on a bare checkout: tests skip).
CORPUS = SHARED / "corpus"
CORPUS_FV_SEND_JTAI = SHARED / "corpus-fv-send-jtai"
#: Worker processes for a corpus run (the test machines have 2 cores).
CORPUS_JOBS = 2

#: The corpora's own scorer.
SCORER = SHARED / "tools" / "score.py"


def run_scorer(gold: list[dict], outputs: list[str], folder: Path, name: str = "score") -> str:
    """What ``score.py`` prints for ``gold`` records and their output lines (JSON text, in
    the same order), run on files written into ``folder``."""
    gold_file, out_file = folder / f"{name}-gold.jsonl", folder / f"{name}-out.jsonl"
    gold_file.write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    out_file.write_text("".join(line + "\n" for line in outputs), encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(SCORER), str(gold_file), str(out_file), "--show", "30"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test reads or writes the user's own parse cache."""
    monkeypatch.setenv("OFSTED_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test reads the user's fetched reports or writes into their data folder."""
    monkeypatch.setenv("OFSTED_DATA_DIR", str(tmp_path_factory.mktemp("data")))


#: The padding string of the PDF standard security handler (ISO 32000-1, 7.6.3.3).
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_FILE_ID = bytes.fromhex("6f667374656463c1692d66697874757265")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _page_stream(lines: list[str]) -> bytes:
    ops = ["BT", "/F1 12 Tf", "72 770 Td", "16 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) '")
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def minimal_pdf(lines: list[str], *, user_password: str | None = None) -> bytes:
    """A one-page PDF showing ``lines`` in Helvetica. With ``user_password`` it is encrypted
    with the standard security handler (RC4, 40-bit, revision 2), as old office tools did, so
    it cannot be opened without the password."""
    stream = _page_stream(lines)
    encrypt_ref = ""
    extra: list[bytes] = []
    if user_password is not None:
        permissions = -4  # all permissions; the password still guards opening
        owner_key = hashlib.md5(_padded(b"owner")).digest()[:5]
        owner = _rc4(owner_key, _padded(user_password.encode("latin-1")))
        file_key = hashlib.md5(
            _padded(user_password.encode("latin-1"))
            + owner
            + permissions.to_bytes(4, "little", signed=True)
            + _FILE_ID
        ).digest()[:5]
        user = _rc4(file_key, _PAD)
        object_key = hashlib.md5(file_key + (4).to_bytes(3, "little") + b"\0\0").digest()[:10]
        stream = _rc4(object_key, stream)
        encrypt_ref = " /Encrypt 6 0 R"
        extra.append(
            b"<< /Filter /Standard /V 1 /R 2 /O <"
            + owner.hex().encode()
            + b"> /U <"
            + user.hex().encode()
            + f"> /P {permissions} >>".encode()
        )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *extra,
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    file_id = _FILE_ID.hex().encode()
    out += (
        b"trailer\n<< /Size %d /Root 1 0 R" % (len(objects) + 1)
        + encrypt_ref.encode()
        + b" /ID [<"
        + file_id
        + b"> <"
        + file_id
        + b">] >>\nstartxref\n%d\n%%%%EOF\n" % xref
    )
    return bytes(out)


def _padded(password: bytes) -> bytes:
    return (password + _PAD)[:32]


INVOICE = [
    "INVOICE 2024-0173",
    "Northfield Stationery Ltd, 4 Mill Lane, Anytown",
    "Bill to: Parish Council of Littlebrook",
    "12 x A4 ring binders            GBP 30.00",
    "3 x boxes of printer paper      GBP 45.00",
    "Total due within 30 days        GBP 75.00",
]


@pytest.fixture
def samples_dir() -> Path:
    """The committed sample reports (scripts/make_samples.py writes them)."""
    if not SAMPLES.is_dir():
        pytest.skip("sample_reports/ is missing: run scripts/make_samples.py")
    return SAMPLES


@pytest.fixture
def sample_pdf(samples_dir: Path) -> Path:
    """One good report: the Barnet 2019 ILACS sample."""
    path = samples_dir / "barnet-2019.pdf"
    if not path.is_file():
        pytest.skip(f"{path} is missing: run scripts/make_samples.py")
    return path


@pytest.fixture
def not_ofsted_pdf(tmp_path: Path) -> Path:
    """A valid one-page PDF that is not an inspection report (an invoice)."""
    path = tmp_path / "invoice.pdf"
    path.write_bytes(minimal_pdf(INVOICE))
    return path


@pytest.fixture
def encrypted_pdf(tmp_path: Path) -> Path:
    """A PDF that opens only with the user password "secret"."""
    path = tmp_path / "locked.pdf"
    path.write_bytes(minimal_pdf(["Confidential"], user_password="secret"))
    return path


@pytest.fixture
def truncated_pdf(tmp_path: Path) -> Path:
    """The first half of a sample report's bytes, as a broken download leaves it."""
    sample = SAMPLES / "barnet-2019.pdf"
    data = sample.read_bytes() if sample.is_file() else minimal_pdf(INVOICE * 20)
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    return path


@pytest.fixture
def empty_file(tmp_path: Path) -> Path:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    return path


@pytest.fixture
def html_as_pdf(tmp_path: Path) -> Path:
    """A web page saved under a .pdf name, like Ofsted's "Report not found" page."""
    path = tmp_path / "report.pdf"
    path.write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><title>Report not found</title></head>\n'
        "<body><h1>Report not found</h1><p>The page you asked for is not available.</p>"
        "</body></html>\n",
        encoding="utf-8",
    )
    return path


@dataclass(frozen=True)
class CorpusRun:
    """One corpus parsed once: its gold records, each file's output record as the JSON text
    ``parse --jsonl`` prints (keyed by the gold ``file``), and a parse cache holding every
    Report of the run, for commands that read a library (``OFSTED_CACHE_DIR=cache_dir``)."""

    folder: Path
    gold: list[dict]
    records: dict[str, str]
    cache_dir: Path

    def record(self, file: str) -> dict:
        """The output record of one gold ``file``, as data."""
        return json.loads(self.records[file])


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], CorpusRun]:
    """A factory: ``corpus_run(folder)`` parses ``folder/reports`` (every file of
    ``folder/gold.jsonl``) once per test session, with the batch API and
    :data:`CORPUS_JOBS` workers, into a cache of its own (never the user's); it skips the
    test, with the reason, when the corpus is absent."""
    from ofsted_cli.batch import iter_results
    from ofsted_cli.cache import CACHE_FILENAME, ParseCache

    runs: dict[Path, CorpusRun] = {}

    def run(folder: Path) -> CorpusRun:
        gold_file = folder / "gold.jsonl"
        if not gold_file.is_file():
            pytest.skip(f"the corpus is not at {folder} (it sits beside the checkout in CI)")
        if folder not in runs:
            lines = gold_file.read_text(encoding="utf-8").splitlines()
            gold = [json.loads(line) for line in lines if line.strip()]
            files = [str(folder / "reports" / g["file"]) for g in gold]
            cache_dir = tmp_path_factory.mktemp(f"cache-{folder.name}")
            cache = ParseCache.open(cache_dir / CACHE_FILENAME)
            try:
                results = iter_results(files, jobs=CORPUS_JOBS, cache=cache)
                texts = [r.model_dump_json() for r in results]
            finally:
                if cache is not None:
                    cache.close()
            records = {g["file"]: text for g, text in zip(gold, texts, strict=True)}
            runs[folder] = CorpusRun(folder, gold, records, cache_dir)
        return runs[folder]

    return run


@pytest.fixture(scope="session")
def corpus_records(corpus_run: Callable[[Path], CorpusRun]) -> CorpusRun:
    """The full-inspection corpus (../shared/corpus), parsed once per session."""
    return corpus_run(CORPUS)
