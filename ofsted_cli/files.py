"""Turning command-line paths into the list of PDF files to read, and the checks a path must
pass before any byte of it is read (a FIFO or a device would hang or never end)."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import (
    InputNotFoundError,
    NoPDFsFoundError,
    NotAPDFError,
    OfstedError,
    PermissionDeniedError,
    TooLargeError,
    UnreadablePathError,
)

#: The largest file read unless ``--max-size`` says otherwise. Real reports are 0.1-5 MB (the
#: corpus's largest is under 10 MB); a file 20 times that is not a report worth the memory.
DEFAULT_MAX_SIZE = 200 * 1024 * 1024

#: What a path that is not a regular file is, for the error message.
_KINDS = (
    (stat.S_ISDIR, "is a folder, not a PDF file"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a regular file"),
    (stat.S_ISCHR, "is a character device, not a regular file"),
    (stat.S_ISBLK, "is a block device, not a regular file"),
    (stat.S_ISSOCK, "is a socket, not a regular file"),
)


@dataclass(frozen=True)
class Expanded:
    """What a list of paths stands for, in order: a PDF file to read, or the error of a path
    that gave none (so an error record can stand in that path's place)."""

    entries: list[str | OfstedError]

    @property
    def files(self) -> list[str]:
        return [e for e in self.entries if isinstance(e, str)]


def os_error(path: str, exc: OSError, what: str = "file") -> OfstedError:
    """The typed error for an OSError met on ``path``: missing, forbidden, or unusable."""
    if exc.errno == errno.ENOENT:
        if os.path.islink(path):
            return InputNotFoundError(path, "is a symbolic link to nothing (dangling)")
        return InputNotFoundError(path, "no such file or folder")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return PermissionDeniedError(path, f"{what} cannot be read (permission denied)")
    if exc.errno == errno.EISDIR:
        return NotAPDFError(path, "is a folder, not a PDF file")
    reason = exc.strerror or str(exc)
    return UnreadablePathError(path, f"cannot be read ({reason.lower()})")


def not_regular(path: str, mode: int) -> OfstedError | None:
    """The error for a path that is not a regular file, else None."""
    for test, reason in _KINDS:
        if test(mode):
            return NotAPDFError(path, reason)
    if not stat.S_ISREG(mode):
        return NotAPDFError(path, "is not a regular file")
    return None


def check_file(path: str, max_size: int = DEFAULT_MAX_SIZE) -> os.stat_result:
    """The file's stat when it is a regular file no larger than ``max_size``; else the typed
    error. Never opens the file, so a FIFO or a device cannot block it."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise os_error(path, exc) from None
    error = not_regular(path, info.st_mode)
    if error is not None:
        raise error
    if info.st_size > max_size:
        raise too_large(path, info.st_size, max_size)
    return info


def too_large(path: str, size: int, max_size: int) -> TooLargeError:
    mb = 1024 * 1024
    return TooLargeError(
        path, f"is {size / mb:.1f} MB, over the {max_size / mb:g} MB limit (--max-size)"
    )


def find_pdfs(folder: str | Path) -> list[str]:
    """Every ``*.pdf`` below ``folder`` (any case, recursively, symlinked folders not
    followed), sorted by path. Unreadable subfolders are left out: see :func:`scan_folder`."""
    return [e for e in scan_folder(str(folder)) if isinstance(e, str)]


def scan_folder(folder: str) -> list[str | OfstedError]:
    """The ``*.pdf`` names below ``folder`` (whatever they are: a FIFO or a dangling link is
    kept, so it becomes an error record rather than a silent skip) and an error for each
    subfolder that cannot be read, sorted by path."""
    found: list[tuple[Path, str | OfstedError]] = []

    def unreadable(exc: OSError) -> None:
        where = exc.filename or folder
        found.append((Path(where), os_error(str(where), exc, "folder")))

    for root, dirs, names in os.walk(folder, onerror=unreadable):
        dirs.sort()
        for name in names:
            if name.lower().endswith(".pdf"):
                full = os.path.join(root, name)
                found.append((Path(full), full))
    found.sort(key=lambda item: item[0])
    return [entry for _, entry in found]


def expand_paths(paths: list[str] | tuple[str, ...]) -> Expanded:
    """Files stay as given (the parser reports a bad one); folders become the PDFs below them.

    A missing, forbidden or unusable path, a folder with no PDFs, and each unreadable folder
    inside one is an error for that path alone, so the other inputs are still read.
    """
    entries: list[str | OfstedError] = []
    for raw in paths:
        try:
            is_dir = stat.S_ISDIR(os.stat(raw).st_mode)
        except OSError as exc:
            entries.append(os_error(raw, exc))
            continue
        except ValueError:  # an embedded NUL byte
            entries.append(UnreadablePathError(raw, "is not a usable path (NUL byte in it)"))
            continue
        if not is_dir:
            entries.append(raw)
            continue
        found = scan_folder(raw)
        if found:
            entries.extend(found)
        else:
            entries.append(NoPDFsFoundError(raw, "folder holds no PDF files"))
    return Expanded(entries)
