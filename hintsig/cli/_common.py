"""What every `hintsig` command shares: one-line errors, input files, output files.

Every failure prints one line, `Error: ...`, to stderr: exit status 2 for a usage mistake
(as click gives), 1 for anything else. Commands use `Group`/`Command` (usage mistakes in one
line) and `reports_errors` (a `HintsigException` or an unreadable file in one line).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

import click

from hintsig.exceptions import HintsigException

__all__ = [
    "STDIO",
    "CliError",
    "CliUsageError",
    "Command",
    "Group",
    "read_input",
    "reports_errors",
    "write_output",
]

_P = ParamSpec("_P")
_R = TypeVar("_R")

#: The path that means standard input or standard output.
STDIO = "-"


class CliError(click.ClickException):
    """A failure shown as one `Error: ...` line on stderr (exit status 1)."""

    def __init__(self, message: str) -> None:
        super().__init__("; ".join(line.strip() for line in message.splitlines() if line.strip()))


class CliUsageError(CliError):
    """A usage mistake, in one line (exit status 2, as click gives)."""

    exit_code = 2


class Command(click.Command):
    """A command whose usage mistakes are reported in one line, like every other failure."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            raise CliUsageError(f"{ctx.command_path}: {exc.format_message()}") from None


class Group(click.Group):
    """A command group whose commands and subgroups report usage mistakes in one line."""

    command_class = Command
    group_class = type  # subgroups are `Group`s too

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            raise CliUsageError(f"{ctx.command_path}: {exc.format_message()}") from None

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            raise CliUsageError(f"{ctx.command_path}: {exc.format_message()}") from None


def reports_errors(command: Callable[_P, _R]) -> Callable[_P, _R]:
    """Turn a `HintsigException` or a file error into the one-line error of the command line."""

    @functools.wraps(command)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return command(*args, **kwargs)
        except HintsigException as exc:
            raise CliError(exc.message) from exc
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            raise CliError(f"{where}{exc.strerror or type(exc).__name__}") from exc

    return wrapper


def read_input(path: str) -> bytes:
    """The bytes of file `path`, or of standard input for `-`."""
    if path == STDIO:
        return sys.stdin.buffer.read()
    return Path(path).read_bytes()


def write_output(path: str, data: bytes) -> None:
    """Write `data` to file `path`, or to standard output for `-`."""
    if path == STDIO:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        Path(path).write_bytes(data)
