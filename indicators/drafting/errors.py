"""The drafting package's errors, under the project's one error root."""

from __future__ import annotations

from pathlib import Path

from indicators.errors import TrackerError


class PlanTextError(TrackerError):
    """A plan file cannot be read as text: the message names the file and why."""

    def __init__(self, path: Path | str, why: str, *, hint: str | None = None) -> None:
        # One line: the CLI prints it as is, and a script may grep it.
        super().__init__(f"{path}: {why}" + (f" ({hint})" if hint else ""))
        self.path = str(path)
        self.why = why
