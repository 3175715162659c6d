"""Alembic environment: the URL comes from the caller or from the app's configuration."""

from alembic import context
from sqlalchemy import pool

from translate_flow.core.db import make_engine
from translate_flow.domain.models import Base, is_managed_by_migrations

config = context.config
target_metadata = Base.metadata


def database_url() -> str:
    url = config.attributes.get("database_url")
    if url:
        return str(url)
    from translate_flow import create_app  # only when run as plain `alembic`

    return str(create_app().config["DATABASE_URL"])


def run_migrations_offline() -> None:
    context.configure(
        url=database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        include_object=is_managed_by_migrations,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = make_engine(database_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            # Batch mode copies a table and drops the old one; with foreign keys enforced,
            # dropping `users` would cascade into every table that points at it.
            # Straight on the driver's connection: inside a transaction (which any statement
            # through SQLAlchemy would begin) SQLite ignores this pragma.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            # SQLite alters tables by copying them; batch mode does that for us.
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            include_object=is_managed_by_migrations,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
