"""The tick keeps SQLite's planner statistics: sampled by `PRAGMA optimize`, and analysed in
full for the tables whose lists choose between indexes when the sampled row count is off."""

from flask import Flask

from translate_flow.core.jobs import optimize_database
from translate_flow.domain.models import Role


def stat_rows(app: Flask, table: str) -> list[int]:
    engine = app.extensions["translate_flow.db"].engine
    with engine.connect() as connection:
        stats = connection.exec_driver_sql(
            "SELECT stat FROM sqlite_stat1 WHERE tbl = ? AND idx IS NOT NULL", (table,)
        ).scalars()
        return [int(stat.split()[0]) for stat in stats]


def test_a_sampled_count_far_from_the_table_is_analysed_again_in_full(
    app: Flask,
    make_user,
    make_article,  # type: ignore[no-untyped-def]
) -> None:
    coordinator = make_user(Role.COORDINATOR)
    for _ in range(3):
        make_article(coordinator)
    engine = app.extensions["translate_flow.db"].engine
    if engine.dialect.name != "sqlite":
        optimize_database(app)  # PostgreSQL keeps its own (autovacuum): nothing to do
        return
    with engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
        # What a sample of a large table leaves: a row count far from the table's.
        connection.exec_driver_sql(
            "UPDATE sqlite_stat1 SET stat = '1000 10 10 10 1 1' WHERE tbl = 'articles'"
        )
        connection.commit()

    optimize_database(app)

    assert set(stat_rows(app, "articles")) == {3}
