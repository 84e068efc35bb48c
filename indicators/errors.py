"""The project's one error root and its branches.

Every error names where it happened (file, record, field) and, where we can,
says what to do about it, so a message on start-up or in the CLI is enough to
fix the problem without reading a traceback.
"""

from __future__ import annotations


class TrackerError(Exception):
    """Root of every error this project raises on purpose."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message}\n  hint: {self.hint}"
        return self.message


class RegistryError(TrackerError):
    """The YAML registry or config.yaml is invalid.

    Carries a list of problems so that `validate` reports all of them at once.
    """

    def __init__(self, problems: list[Problem], *, hint: str | None = None) -> None:
        self.problems = list(problems)
        lines = [str(problem) for problem in self.problems]
        super().__init__(
            f"{len(lines)} problem(s) in the registry:\n" + "\n".join(lines), hint=hint
        )


class ConfigError(RegistryError):
    """config.yaml is invalid."""


class Problem:
    """One located problem: file, record id, field and a message."""

    __slots__ = ("file", "record", "field", "message")

    def __init__(self, file: str, record: str | None, field: str | None, message: str) -> None:
        self.file = file
        self.record = record
        self.field = field
        self.message = message

    def __str__(self) -> str:
        where = self.file
        if self.record:
            where += f" [{self.record}]"
        if self.field:
            where += f" .{self.field}"
        return f"  {where}: {self.message}"

    def __repr__(self) -> str:
        return f"Problem({self.file!r}, {self.record!r}, {self.field!r}, {self.message!r})"


class PermissionDenied(TrackerError):
    """The acting user's role does not allow the action; nothing was changed."""
