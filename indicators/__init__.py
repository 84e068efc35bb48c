"""The domain: everything the tracker knows and computes, with no web framework in it.

Packages, each owning one concern (ARCHITECTURE.md draws the flow):

- registry/   documents, indicators and targets: models, YAML loading, validation
- importing/  an uploaded file to validated rows, every problem located
- engine/     the gap report: metrics, statuses, ranking (pure pandas/numpy)
- store/      the database: schema, migrations, versioned actuals, audit log
- accounts/   users, roles, login throttling
- exports/    files handed out: CSV/xlsx reports, audit CSV, upload template
- drafting/   draft targets from a plan's text
- service/    the one entry point of the UI and CLI, with its report cache
- cli/        `python -m indicators ...`

config.py (settings from config.yaml) and errors.py (the one error root) are
shared by all.  Nothing here imports dash or plotly (an import-linter contract).
"""
