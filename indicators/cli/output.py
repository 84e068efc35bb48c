"""What the command line prints and writes, and which database it may open.

- Text reaches the terminal without control characters: stored notes, file and
  user names are data, and an ESC sequence or a text-direction control in one
  must not act on the operator's terminal; such characters are printed as
  visible escapes (\\x1b, \\u202e).
- Tables show blanks, never NaN or <NA>.
- Every failure is one line on stderr and a non-zero exit (main catches).
- --db never creates a folder, never opens a file that is not SQLite, and a
  command that only reads refuses a database that does not exist: a mistyped
  path fails instead of creating an empty database.  Only the configured
  default database (database_url in config.yaml) is made with its folder.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd

from indicators.cli.language import localised_error, message
from indicators.cli.problem_lines import registry_failure
from indicators.errors import RegistryError, TrackerError
from indicators.exports.safety import escape_frame
from indicators.registry import RegistryChangeError
from indicators.store import database_url

# Controls other than line breaks and tab, and the invisible direction/zero-width marks.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
# In a table cell, line breaks and tabs would break the columns: shown escaped too.
UNSAFE_IN_CELL = re.compile(f"[\t\n\r]|{UNSAFE.pattern}")
SQLITE_HEADER = b"SQLite format 3\x00"


class CliError(TrackerError):
    """The command line was asked for something it cannot do; nothing was changed."""


def _escaped(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def shown(text: str) -> str:
    """text safe to print on a terminal: control characters as visible escapes."""
    return UNSAFE.sub(_escaped, text)


def print_frame(frame: pd.DataFrame, file_format: str, empty: str) -> None:
    """frame on stdout: CSV (formula-escaped; no BOM on a pipe, files written with -o carry
    one for Excel) or an aligned table, `empty` when there are no rows."""
    if file_format == "csv":
        sys.stdout.write(escape_frame(frame).to_csv(index=False, lineterminator="\n"))
    else:
        sys.stdout.write(table(frame, empty) + "\n")


def table(frame: pd.DataFrame, empty: str) -> str:
    """frame as an aligned text table (blanks for missing values), or `empty`."""
    if frame.empty:
        return empty
    cells = frame.astype(object).where(frame.notna(), "")
    cells = cells.map(lambda value: UNSAFE_IN_CELL.sub(_escaped, value) if isinstance(value, str) else value)
    cells.columns = [shown(str(name)) for name in cells.columns]
    return cells.to_string(index=False)


def say(text: str, *, error: bool = False) -> None:
    print(shown(text), file=sys.stderr if error else sys.stdout)


def error_line(exc: BaseException, lang: str = "en") -> str:
    """One line for a failure: the message and its hint (a registry's problem list stays a list),
    in the run's language (cli.language)."""
    if isinstance(exc, TrackerError):
        # A registry's problems are each said in the run's language, not only its first line.
        registry = isinstance(exc, RegistryError | RegistryChangeError)
        text = registry_failure(exc, lang) if registry else localised_error(exc.message, lang)
        if exc.hint:
            text = message("error.hint", lang, text=text, hint=localised_error(exc.hint, lang))
    elif isinstance(exc, OSError) and exc.strerror:
        text = f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
    else:  # e.g. SQLAlchemy's, whose first line (or its driver's error, .orig) says it
        detail = str(getattr(exc, "orig", None) or exc).strip()
        text = detail.splitlines()[0] if detail else type(exc).__name__
    return shown(text)


def write_file(path: Path, content: bytes) -> None:
    try:
        path.write_bytes(content)
    except OSError as exc:
        raise CliError(f"cannot write {path}: {exc.strerror or exc}") from None


def check_database(raw_url: str, root: Path, *, must_exist: bool) -> None:
    """Refuse a --db that points nowhere sensible before anything is opened or created."""
    url = database_url(raw_url, root)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return
    path = Path(url.database)
    if not path.parent.is_dir():
        raise CliError(f"the folder of the database '{path}' does not exist",
                       hint="check --db; it never creates folders")
    if not path.exists():
        if must_exist:
            raise CliError(f"there is no database at '{path}'",
                           hint="check --db; a command that only reads never creates one")
        return
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise CliError(f"cannot read the database '{path}': {exc.strerror or exc}") from None
    if header and header != SQLITE_HEADER:
        raise CliError(f"'{path}' is not an SQLite database", hint="check --db")
