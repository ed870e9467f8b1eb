"""The user's data folder: where ``ofsted fetch`` keeps reports by default, and so where the
report library looks when no folder is named.

The location follows each platform's convention by hand (XDG on Linux and other Unixes, as
``cache.py`` does for the cache) rather than through platformdirs: three rules do not justify
a dependency.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: The environment variable naming the data folder (it holds ``reports/``).
DATA_ENV = "OFSTED_DATA_DIR"

#: The tool's folder name inside the platform's user data folder.
APP_NAME = "ofsted-cli"

#: The library folder inside the data folder; ``ofsted fetch`` writes here by default.
REPORTS_SUBDIR = "reports"


def data_dir() -> Path:
    """``$OFSTED_DATA_DIR``, else the platform's user data folder for the tool:
    ``$XDG_DATA_HOME/ofsted-cli`` (default ``~/.local/share/ofsted-cli``) on Linux,
    ``~/Library/Application Support/ofsted-cli`` on macOS, ``%LOCALAPPDATA%\\ofsted-cli`` on
    Windows."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        base = Path(local) if local else Path.home() / "AppData" / "Local"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "")
        # The XDG spec says a relative path is invalid and must be ignored.
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".local" / "share"
    return base / APP_NAME


def reports_dir() -> Path:
    """The default report library: ``reports/`` in the data folder."""
    return data_dir() / REPORTS_SUBDIR


def holds_pdfs(folder: Path) -> bool:
    """Whether any ``*.pdf`` lies below ``folder`` (stopping at the first one found)."""
    if not folder.is_dir():
        return False
    return any(p.suffix.lower() == ".pdf" and p.is_file() for p in folder.rglob("*"))
