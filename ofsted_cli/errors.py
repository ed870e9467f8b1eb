"""Typed exceptions for input problems; the CLI turns them into one-line messages."""

from __future__ import annotations


class OfstedError(Exception):
    """Base class: an input could not be read. ``code`` is the stable error type in JSON."""

    code = "error"

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class InputNotFoundError(OfstedError):
    code = "not_found"


class NoPDFsFoundError(OfstedError):
    code = "no_pdfs"


class EmptyFileError(OfstedError):
    code = "empty_file"


class PermissionDeniedError(OfstedError):
    """The file or folder exists but this user may not read it."""

    code = "permission_denied"


class UnreadablePathError(OfstedError):
    """The path cannot be used at all: a name too long, a symlink loop, an I/O error."""

    code = "unreadable"


class NotAPDFError(OfstedError):
    code = "not_a_pdf"


class TooLargeError(OfstedError):
    """Larger than ``--max-size``: refused before a byte is read."""

    code = "too_large"


class MemoryLimitError(OfstedError):
    """Reading it needed more memory than ``--max-memory`` allows."""

    code = "memory_limit"


class CorruptPDFError(OfstedError):
    code = "corrupt_pdf"


class EncryptedPDFError(OfstedError):
    code = "encrypted_pdf"


class UnrecognisedReportError(OfstedError):
    code = "unrecognised_report"


class ParseTimeoutError(OfstedError):
    code = "timeout"


class WorkerCrashedError(OfstedError):
    code = "worker_crashed"


class UnknownAuthorityError(OfstedError):
    """A name that matches no authority in the report library."""

    code = "unknown_authority"


class AmbiguousAuthorityError(OfstedError):
    """A name that matches several authorities in the report library."""

    code = "ambiguous_authority"


class EmptyLibraryError(OfstedError):
    """The report library holds no report that could be read."""

    code = "empty_library"
