"""Turning command-line paths into the list of PDF files to read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import InputNotFoundError, NoPDFsFoundError, OfstedError


@dataclass(frozen=True)
class Expanded:
    """What a list of paths stands for, in order: a PDF file to read, or the error of a path
    that gave none (so an error record can stand in that path's place)."""

    entries: list[str | OfstedError]

    @property
    def files(self) -> list[str]:
        return [e for e in self.entries if isinstance(e, str)]


def find_pdfs(folder: str | Path) -> list[str]:
    """Every ``*.pdf`` below ``folder`` (any case, recursively), sorted by path."""
    root = Path(folder)
    found = [p for p in root.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file()]
    return [str(p) for p in sorted(found)]


def expand_paths(paths: list[str] | tuple[str, ...]) -> Expanded:
    """Files stay as given (the parser reports a bad one); folders become the PDFs below them.

    A missing path or a folder with no PDFs is an error for that path alone, so the other
    inputs are still read.
    """
    entries: list[str | OfstedError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            pdfs = find_pdfs(path)
            if pdfs:
                entries.extend(pdfs)
            else:
                entries.append(NoPDFsFoundError(raw, "folder holds no PDF files"))
        elif path.exists():
            entries.append(raw)
        else:
            entries.append(InputNotFoundError(raw, "no such file or folder"))
    return Expanded(entries)
