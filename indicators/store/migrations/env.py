"""Alembic environment for the actuals store.

The store runs migrations itself (indicators.store.schema.upgrade_to_head) and hands
over its connection.  For writing a new revision by hand, point Alembic at a
database with DATABASE_URL and run, from the project root:

    PYTHONPATH=. DATABASE_URL=sqlite:////tmp/dev.db \
        .venv/bin/alembic -c indicators/store/migrations/alembic.ini revision --autogenerate -m "what changes"

then edit the new file under versions/ (explicit operations, data kept) and
update the tables in indicators/store/schema.py to match; tests compare the two.
"""

from __future__ import annotations

import os

from alembic import context

from indicators.config import PROJECT_ROOT
from indicators.store.schema import create_engine, metadata


def run_migrations(connection) -> None:  # noqa: ANN001
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


shared_connection = context.config.attributes.get("connection")
if shared_connection is not None:
    run_migrations(shared_connection)
else:
    url = os.environ.get("DATABASE_URL", "sqlite:///data/tracker.db")
    engine = create_engine(url, PROJECT_ROOT)
    with engine.begin() as own_connection:
        run_migrations(own_connection)
    engine.dispose()
