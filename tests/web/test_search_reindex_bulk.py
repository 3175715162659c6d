"""The full rebuild of the search index: the index taken away, the tokens written in bulk by a
pool of analysers, the index built once, and never a database left without it."""

from contextlib import closing

import pytest
from click.testing import CliRunner
from flask.cli import ScriptInfo
from sqlalchemy import delete, select, update

from translate_flow.cli import search_reindex
from translate_flow.core import search_index
from translate_flow.domain.models import Article
from translate_flow.intake.article_list import ArticleFilters, filtered

DOCS = {
    "ja": ("ja", "岸田首相が訪米", "岸田文雄首相は東京で記者会見を開いた。"),
    "ru": ("ru", "Москва закрывает станции", "Жители Москвы недовольны ремонтом."),
    "en": ("en", "Elections in the United States", "Voters were running to the polls."),
    "ar": ("ar", "الانتخابات في مِصْرَ", "أعلنت الحكومةُ المصريةُ عن خطةٍ جديدة"),
}
# Enough copies that the rows make several batches, spread over the workers.
COPIES = 6


@pytest.fixture
def engine(app):  # type: ignore[no-untyped-def]
    database = app.extensions["translate_flow.db"]
    yield database.engine
    # Whatever a test did, the next one finds the index whole.
    search_index.restore_index(database.engine)


def _insert(app) -> dict[int, str]:  # type: ignore[no-untyped-def]
    database = app.extensions["translate_flow.db"]
    with database.transaction() as session:
        session.execute(delete(Article))
        rows = [
            (key, Article(title=title, search_text=body, source_language=language))
            for _copy in range(COPIES)
            for key, (language, title, body) in DOCS.items()
        ]
        session.add_all(article for _key, article in rows)
        session.flush()
        keys = {article.id: key for key, article in rows}
        session.execute(update(Article).values(search_tokens=None))
    return keys


def _found(app, keys: dict[int, str], query: str) -> set[str]:  # type: ignore[no-untyped-def]
    database = app.extensions["translate_flow.db"]
    with database.transaction() as session:
        statement = filtered(session, ArticleFilters(text=query, status=None))
        return {keys[row_id] for row_id in session.scalars(statement.with_only_columns(Article.id))}


def _add_later(app) -> int:  # type: ignore[no-untyped-def]
    """An article written after the rebuild: found only if the index keeps up with writes."""
    database = app.extensions["translate_flow.db"]
    with database.transaction() as session:
        article = Article(title="Kyiv prepares", search_text="Hryvnia", source_language="en")
        session.add(article)
        session.flush()
        return article.id


def test_a_full_rebuild_in_a_pool_finds_every_script_and_puts_the_index_back(app, engine):
    keys = _insert(app)
    assert _found(app, keys, "岸田") == set()
    batches = list(search_index.reindex(engine, everything=True, batch=5, workers=2))
    assert sum(batch.rows for batch in batches) == len(keys)
    assert [batch.last_id for batch in batches] == sorted(batch.last_id for batch in batches)
    assert search_index.index_complete(engine)
    assert _found(app, keys, "岸田") == {"ja"}
    assert _found(app, keys, "москвы") == {"ru"}
    assert _found(app, keys, "مصر") == {"ar"}
    later = _add_later(app)
    assert _found(app, keys | {later: "later"}, "hryvnia") == {"later"}


def test_most_rows_without_tokens_take_the_bulk_path_and_few_do_not(app, engine):
    keys = _insert(app)
    assert search_index._most_rows_pending(engine, False, 0)
    assert sum(batch.rows for batch in search_index.reindex(engine, workers=1)) == len(keys)
    assert search_index.index_complete(engine)
    assert _found(app, keys, "岸田") == {"ja"}
    assert not search_index._most_rows_pending(engine, False, 0)


def test_a_rebuild_stopped_half_way_puts_the_index_back_and_the_next_run_goes_on(app, engine):
    keys = _insert(app)
    with closing(search_index.reindex(engine, everything=True, batch=4, workers=2)) as batches:
        first = next(batches)
        assert not search_index.index_complete(engine)
    assert search_index.index_complete(engine)
    assert first.rows == 4
    assert search_index.pending(engine) == len(keys) - 4
    assert sum(batch.rows for batch in search_index.reindex(engine, workers=1)) == len(keys) - 4
    assert _found(app, keys, "voters") == {"en"}


def test_a_run_killed_without_its_finally_leaves_the_next_run_to_rebuild_the_index(app, engine):
    keys = _insert(app)
    list(search_index.reindex(engine, workers=1))
    # What `kill -9` between taking the index away and putting it back leaves.
    search_index.drop_index(engine)
    assert not search_index.index_complete(engine)
    result = CliRunner().invoke(search_reindex, [], obj=ScriptInfo(create_app=lambda: app))
    assert result.exit_code == 0, result.output
    assert "Rebuilt the search index" in result.output
    assert "up to date" in result.output
    assert search_index.index_complete(engine)
    later = _add_later(app)
    assert _found(app, keys | {later: "later"}, "hryvnia") == {"later"}
    assert _found(app, keys, "岸田") == {"ja"}
    if app.extensions["translate_flow.db"].is_sqlite:
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO article_search(article_search) VALUES ('integrity-check')"
            )


def test_the_command_rebuilds_everything_with_workers(app, engine):
    keys = _insert(app)
    result = CliRunner().invoke(
        search_reindex,
        ["--all", "--workers", "2", "--batch", "3"],
        obj=ScriptInfo(create_app=lambda: app),
    )
    assert result.exit_code == 0, result.output
    assert f"Indexed {len(keys)} rows." in result.output
    assert search_index.index_complete(engine)
    assert _found(app, keys, "岸田") == {"ja"}
    with app.extensions["translate_flow.db"].transaction() as session:
        assert None not in session.scalars(select(Article.search_tokens)).all()
