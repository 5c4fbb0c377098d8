"""Alembic environment: MatchDesk runs migrations itself (storage.migrate), on a given connection."""

from alembic import context

from matchdesk.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # `alembic` command line during development: use the URL from the config
    from sqlalchemy import create_engine

    url = context.config.get_main_option("sqlalchemy.url")
    if url is None:
        raise SystemExit("alembic: sqlalchemy.url ontbreekt in de configuratie (alembic.ini)")
    engine = create_engine(url)
    connection = engine.connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
