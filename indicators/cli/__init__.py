"""The command line, `python -m indicators COMMAND`: argument parsing and dispatch only.

main.py has validate and targets and plugs in the command modules (actuals.py:
import, actuals, uploads, revert, note, template; report.py; users.py: users
and audit; drafting's draft).  Each calls the same functions as the dashboard.
"""

from indicators.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
