"""The full rebuild of the search index: the index taken away, the tokens written in bulk by a
pool of analysers, the index built once, and never a database left without it."""

import re
from contextlib import closing

import pytest
from click.testing import CliRunner
from flask.cli import ScriptInfo
from sqlalchemy import delete, func, select, update

from translate_flow.cli import search_reindex
from translate_flow.core import search_index
from translate_flow.domain.models import Article, MemoryUnit
from translate_flow.intake.article_list import ArticleFilters, filtered
from translate_flow.memory.matching import concordance
from translate_flow.memory.operations import UnitText, add_to_collection, create_collection

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
    assert search_index._most_rows_pending(engine, False, search_index.Start())
    assert sum(batch.rows for batch in search_index.reindex(engine, workers=1)) == len(keys)
    assert search_index.index_complete(engine)
    assert _found(app, keys, "岸田") == {"ja"}
    assert not search_index._most_rows_pending(engine, False, search_index.Start())


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


# --- Resuming a stopped run ------------------------------------------------------------------


def _insert_units(app) -> int:  # type: ignore[no-untyped-def]
    """Memory units (the last table a reindex goes through), without their tokens."""
    database = app.extensions["translate_flow.db"]
    with database.transaction() as session:
        session.execute(delete(MemoryUnit))
        collection = create_collection(
            session, name="Resume", source_language="ru", target_language="en", created_by=None
        )
        texts = [UnitText(f"Москва, часть {n}", f"Moscow, part {n}") for n in range(8)]
        added = add_to_collection(session, collection, texts)
        session.execute(update(MemoryUnit).values(search_tokens=None))
    return added


def _unindexed(app) -> int:  # type: ignore[no-untyped-def]
    with app.extensions["translate_flow.db"].transaction() as session:
        return sum(
            session.scalar(select(func.count()).where(model.search_tokens.is_(None))) or 0
            for model in (Article, MemoryUnit)
        )


def test_a_bulk_run_for_the_memory_leaves_the_articles_index_alone(app, engine):
    """After an upgrade only the memory's units wait: the articles keep their index."""
    keys = _insert(app)
    for _batch in search_index.reindex(engine, workers=1):
        pass
    _insert_units(app)
    assert search_index._bulk_tables(engine, False, search_index.Start()) == ["memory_units"]
    assert search_index._bulk_tables(engine, True, search_index.Start()) == list(
        search_index.TABLES
    )
    assert sum(batch.rows for batch in search_index.reindex(engine, workers=1)) == 8
    assert search_index.index_complete(engine)
    assert _found(app, keys, "岸田") == {"ja"}


@pytest.mark.parametrize("stop_after", [1, 8, 10])
def test_a_stopped_full_run_resumed_with_the_printed_from_indexes_every_row_once(
    app, engine, monkeypatch, stop_after
):
    """Stopped in articles (1), after their last batch (8), or in the memory units (10):
    the command prints where to go on, and both runs together write each row once."""
    articles_count = len(_insert(app))
    total = articles_count + _insert_units(app)
    real = search_index.reindex
    written: list[search_index.Batch] = []

    def stopped(*args, **kwargs):  # type: ignore[no-untyped-def]
        with closing(real(*args, **kwargs)) as batches:
            for number, batch in enumerate(batches, 1):
                written.append(batch)
                yield batch
                if number == stop_after:
                    raise KeyboardInterrupt

    monkeypatch.setattr(search_index, "reindex", stopped)
    obj = ScriptInfo(create_app=lambda: app)
    first = CliRunner().invoke(search_reindex, ["--all", "--batch", "3", "--workers", "1"], obj=obj)
    assert first.exit_code == 1
    [again] = re.findall(r"run `search reindex (--all --from \S+)` to go on", first.output)
    assert again == f"--all --from {written[-1].table}:{written[-1].last_id}"
    assert search_index.index_complete(engine)
    monkeypatch.setattr(search_index, "reindex", real)
    resumed = CliRunner().invoke(search_reindex, [*again.split(), "--batch", "3"], obj=obj)
    assert resumed.exit_code == 0, resumed.output
    done = sum(batch.rows for batch in written)
    assert f"Indexed {total - done} rows." in resumed.output
    assert _unindexed(app) == 0
    assert search_index.index_complete(engine)
    with app.extensions["translate_flow.db"].transaction() as session:
        assert [m.target for m in concordance(session, "ru", "en", "москвы").matches][:1] == [
            "Moscow, part 7"
        ]


def test_from_names_a_table_and_from_id_is_the_first_ones(app, engine):
    articles_count = len(_insert(app))
    units = _insert_units(app)
    assert search_index.pending(engine, start=search_index.Start("memory_units")) == units
    assert search_index.pending(engine, start=search_index.Start("publications")) == units
    last_article = max(batch.last_id for batch in search_index.reindex(engine, workers=1))
    assert _unindexed(app) == 0
    obj = ScriptInfo(create_app=lambda: app)
    # The last article onwards: no article, every unit.
    by_id = CliRunner().invoke(search_reindex, ["--all", "--from-id", "0"], obj=obj)
    assert f"Indexed {articles_count + units} rows." in by_id.output
    assert last_article  # (the memory units' ids come from their own sequence)
    late = CliRunner().invoke(search_reindex, ["--all", "--from", "memory_units:0"], obj=obj)
    assert f"Indexed {units} rows." in late.output
    for wrong in (
        ["--from", "users:3"],
        ["--from", "articles:x"],
        ["--from", "articles:1", "--from-id", "2"],
    ):
        refused = CliRunner().invoke(search_reindex, wrong, obj=obj)
        assert refused.exit_code == 2, refused.output
