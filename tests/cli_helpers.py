"""Running the ``ofsted`` command in-process for tests."""

from __future__ import annotations

from click.testing import CliRunner

from ofsted_cli.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of ``ofsted ARGS`` (exceptions propagate)."""
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr
