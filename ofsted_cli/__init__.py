"""Read Ofsted children's services inspection reports (PDF) into data.

Use it as a library: ``parse_report("sample_reports/barnet-2019.pdf")`` returns a
:class:`Report` whose ``judgements`` and ``recommendations`` are the report's tables.
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

#: Public name -> the submodule that defines it. Imported on first use, so ``import ofsted_cli``
#: (and so ``ofsted --help``) does not load pydantic or the PDF libraries.
_EXPORTS: dict[str, str] = {
    "CorruptPDFError": "errors",
    "EmptyFileError": "errors",
    "EncryptedPDFError": "errors",
    "InputNotFoundError": "errors",
    "NotAPDFError": "errors",
    "OfstedError": "errors",
    "UnrecognisedReportError": "errors",
    "Area": "models",
    "Body": "models",
    "Framework": "models",
    "Grade": "models",
    "Judgement": "models",
    "Priority": "models",
    "Recommendation": "models",
    "Report": "models",
    "Source": "models",
    "parse_report": "parser",
    "parse_result": "parser",
}

if TYPE_CHECKING:
    from .errors import (
        CorruptPDFError,
        EmptyFileError,
        EncryptedPDFError,
        InputNotFoundError,
        NotAPDFError,
        OfstedError,
        UnrecognisedReportError,
    )
    from .models import (
        Area,
        Body,
        Framework,
        Grade,
        Judgement,
        Priority,
        Recommendation,
        Report,
        Source,
    )
    from .parser import parse_report, parse_result


def __getattr__(name: str) -> Any:
    """Load a public name's submodule on first access (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


__all__ = [
    "Area",
    "Body",
    "CorruptPDFError",
    "EmptyFileError",
    "EncryptedPDFError",
    "Framework",
    "Grade",
    "InputNotFoundError",
    "Judgement",
    "NotAPDFError",
    "OfstedError",
    "Priority",
    "Recommendation",
    "Report",
    "Source",
    "UnrecognisedReportError",
    "__version__",
    "parse_report",
    "parse_result",
]
