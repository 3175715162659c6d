"""The board at any size: each column shows its first cards, most urgent first, with its true
count and a link to page through the rest; the page's statements do not grow with the desk."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import update

from bench import synthetic
from bench.clients import coordinator_client
from tests.query_count import counting_queries
from tests.web.test_board import NOW, add_translations, card_ids, column_count, db_of, page, plain
from translate_flow.domain.models import Role, Translation, TranslationState
from translate_flow.workflow.board import CARDS_PER_COLUMN, build_board, column_page

S = TranslationState


def ordered_card_ids(response) -> list[int]:  # type: ignore[no-untyped-def]
    return [int(n) for n in re.findall(r'data-testid="card-(\d+)"', page(response))]


def column_html(response, state: str) -> str:  # type: ignore[no-untyped-def]
    text = page(response)
    column = text[text.index(f'data-testid="column-{state}"') :]
    return column[: column.index("</section>")]


def set_rows(app, ids: list[int], **values) -> None:  # type: ignore[no-untyped-def]
    with db_of(app).transaction() as session:
        session.execute(update(Translation).where(Translation.id.in_(ids)).values(**values))


@pytest.fixture
def coordinator(signed_in):  # type: ignore[no-untyped-def]
    return signed_in(Role.COORDINATOR)


@pytest.fixture
def fifty_open(app, coordinator):  # type: ignore[no-untyped-def]
    """50 open items: five with due dates (the fifth due first), the rest undated, each a day
    older than the next; their ids in the board's order."""
    client, boss = coordinator
    ids = add_translations(app, boss, 50)
    for days, translation_id in enumerate(reversed(ids)):  # the first made is the oldest
        set_rows(app, [translation_id], created_at=NOW - timedelta(days=100 + days))
    dated = ids[-5:]
    for days, translation_id in enumerate(reversed(dated)):
        set_rows(app, [translation_id], due_at=NOW + timedelta(days=days + 1))
    undated = ids[:-5]
    return client, list(reversed(dated)) + undated


def test_a_column_of_50_shows_its_first_cards_most_urgent_first_and_says_50(app, fifty_open):
    client, expected = fifty_open
    response = client.get("/board/")
    assert column_count(response, "open") == 50
    assert ordered_card_ids(response) == expected[:CARDS_PER_COLUMN]
    more = column_html(response, "open")
    assert "Show all 50" in more and f"({50 - CARDS_PER_COLUMN} more)" in more
    assert 'href="/board/?column=open"' in more
    assert "Most urgent first" in plain(response)


def test_show_all_pages_through_a_column_in_the_board_order(app, fifty_open):
    """Pages of 7 cross from the dated cards to the undated ones inside a page and after it."""
    _client, expected = fifty_open
    with db_of(app).session(write=False) as session:
        pages = [column_page(session, S.OPEN, page=number, per_page=7) for number in range(1, 9)]
    assert [card.id for one in pages for card in one.column.cards] == expected
    assert {one.column.count for one in pages} == {50}
    assert pages[0].pages == 8 and pages[-1].column.cards and len(pages[-1].column.cards) == 1


def test_a_columns_own_page_shows_a_range_and_a_pager(app, fifty_open):
    client, expected = fifty_open
    response = client.get("/board/?column=open")
    assert response.status_code == 200
    assert ordered_card_ids(response) == expected  # 50 a page: the whole column
    assert "1–50 of 50" in plain(response)
    assert column_count(response, "open") == 50
    assert 'href="/board/" data-testid="whole-board"' in page(response)
    beyond = client.get("/board/?column=open&page=2")
    assert beyond.status_code == 200
    assert card_ids(beyond) == set()
    assert "No cards on this page" in plain(beyond)


def test_a_column_page_keeps_the_filters_and_pages_with_them(app, coordinator):
    client, boss = coordinator
    add_translations(app, boss, 3, language="es")
    japanese = add_translations(app, boss, 55)
    response = client.get("/board/?pair=ja:en&column=open&page=2")
    assert response.status_code == 200
    assert column_count(response, "open") == 55
    assert card_ids(response) == set(japanese[50:])
    assert "51–55 of 55" in plain(response)
    text = page(response)
    assert 'href="/board/?pair=ja:en"' in text  # back to the whole board, still filtered
    assert re.search(r'href="/board/\?[^"]*page=1[^"]*" rel="prev"', text)
    assert 'name="column" value="open"' in text  # filtering again stays in the column
    more = column_html(client.get("/board/?pair=ja:en"), "open")
    assert 'href="/board/?column=open&pair=ja:en"' in more  # "Show all" keeps the filters


def test_finished_columns_show_the_latest_change_first(app, coordinator):
    client, boss = coordinator
    ids = add_translations(app, boss, 4)
    for days, translation_id in enumerate(ids):
        set_rows(app, [translation_id], state=S.WITHDRAWN, updated_at=NOW - timedelta(days=days))
    response = client.get("/board/")
    assert column_count(response, "withdrawn") == 4
    assert ordered_card_ids(response) == ids  # the first was changed last


def test_overdue_only_counts_and_lists_the_late_drafts(app, coordinator):
    client, boss = coordinator
    ids = add_translations(app, boss, 30)
    late, on_time = ids[:25], ids[25:]
    set_rows(app, late, state=S.DRAFT, due_at=NOW - timedelta(days=2))
    set_rows(app, on_time, state=S.DRAFT, due_at=NOW + timedelta(days=2))
    response = client.get("/board/?overdue=y")
    assert column_count(response, "draft") == 25
    assert len(card_ids(response)) == CARDS_PER_COLUMN
    assert card_ids(response) <= set(late)
    assert "25 overdue" in plain(response)
    column = client.get("/board/?overdue=y&column=draft")
    assert card_ids(column) == set(late)
    assert card_ids(client.get("/board/?overdue=y&column=open")) == set()


@pytest.mark.parametrize(
    "query", ["column=nothing", "column=open&page=abc", "column=open&page=99999999999999999999"]
)
def test_a_hand_edited_column_or_page_is_ignored_not_an_error(app, coordinator, query):
    client, boss = coordinator
    (only,) = add_translations(app, boss, 1)
    response = client.get(f"/board/?{query}")
    assert response.status_code == 200
    assert card_ids(response) == {only}


def test_the_counts_are_true_whatever_the_cap(app, coordinator):
    """The service's counts come from COUNT, not from the cards it read."""
    _client, boss = coordinator
    ids = add_translations(app, boss, 12)
    set_rows(app, ids[:5], state=S.DRAFT)
    with db_of(app).session(write=False) as session:
        board = build_board(session, limit=2)
    counts = {column.state: column.count for column in board.columns}
    shown = {column.state: len(column.cards) for column in board.columns}
    assert counts[S.OPEN] == 7 and counts[S.DRAFT] == 5 and board.total == 12
    assert shown[S.OPEN] == 2 and shown[S.DRAFT] == 2


def test_the_boards_statements_do_not_grow_with_the_desk(app, database_url):
    """The whole board and a column's deep page, on the benchmark's desk of 10 and then 150
    articles: the same number of statements."""
    paths = ["/board/", "/board/?column=draft&page=2", "/board/?column=published&page=2"]
    synthetic.build(database_url, 10, quiet=True, migrate=False, seed=3)
    client = coordinator_client(app)

    def statements() -> dict[str, int]:
        counted = {}
        for path in paths:
            client.get(path)  # the first request of a kind warms caches up
            with counting_queries(app) as sent:
                assert client.get(path).status_code == 200
            counted[path] = len(sent)
        return counted

    few = statements()
    synthetic.build(database_url, 140, quiet=True, migrate=False, seed=4)
    many = statements()
    assert many == few
    response = client.get("/board/")
    with db_of(app).session(write=False) as session:
        board = build_board(session)
    for column in board.columns:
        assert column_count(response, column.state.value) == column.count
