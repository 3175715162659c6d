"""The filter choices of the board, the article list and the statistics page are kept between
views, and a change in this process (a new outlet, a person renamed or given a role) shows at
once."""

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from tests.factories import UserFactory
from tests.web.test_board import add_outlet, add_translations, plain
from translate_flow.core import kept
from translate_flow.core.db import Database
from translate_flow.domain.models import LanguagePair, Role, User, UserRole
from translate_flow.workflow import desk_choices


def db_of(app: Flask) -> Database:
    database: Database = app.extensions["translate_flow.db"]
    return database


def statements_of(app: Flask, client: FlaskClient, path: str) -> tuple[int, str]:
    statements: list[str] = []

    def count(*_args: object) -> None:
        statements.append("")

    engine = db_of(app).engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(path)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200
    return len(statements), response.get_data(as_text=True)


@pytest.fixture
def coordinator(signed_in):  # type: ignore[no-untyped-def]
    return signed_in(Role.COORDINATOR)


@pytest.mark.parametrize("path", ["/board/", "/articles/", "/statistics/"])
def test_the_choices_are_read_once_and_a_new_outlet_shows_at_once(
    app: Flask, coordinator: tuple[FlaskClient, User], path: str
) -> None:
    client, boss = coordinator
    add_outlet(app, boss, "Asahi Shimbun")
    first, _page = statements_of(app, client, path)
    again, page = statements_of(app, client, path)
    assert again < first
    assert "Asahi Shimbun" in page

    add_outlet(app, boss, "Mainichi Shimbun")

    after, page = statements_of(app, client, path)
    assert "Mainichi Shimbun" in page
    assert after > again  # read again (the page's other first-view reads are kept apart)


def test_a_person_given_a_role_joins_the_board_filter_at_once(
    app: Flask,
    coordinator: tuple[FlaskClient, User],
    make_user: UserFactory,
) -> None:
    client, _boss = coordinator
    newcomer = make_user(Role.COORDINATOR, name="Hanako Newcomer")
    _count, page = statements_of(app, client, "/board/")
    assert "Hanako Newcomer" not in page

    with db_of(app).transaction() as session:
        session.add(UserRole(user_id=newcomer.id, role=Role.TRANSLATOR))

    _count, page = statements_of(app, client, "/board/")
    assert "Hanako Newcomer" in page


def test_other_processes_read_them_again_within_a_minute(
    app: Flask, coordinator: tuple[FlaskClient, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, _boss = coordinator
    first, _page = statements_of(app, client, "/board/")
    again, _page = statements_of(app, client, "/board/")
    clock = kept.time.monotonic() + desk_choices.KEEP_SECONDS + 1
    monkeypatch.setattr(kept.time, "monotonic", lambda: clock)
    # The moderation badge's count (kept half a minute) is read again too.
    assert statements_of(app, client, "/board/")[0] == first > again


def test_a_translator_given_a_pair_joins_the_coverage_strip_at_once(
    app: Flask,
    coordinator: tuple[FlaskClient, User],
    make_user: UserFactory,
) -> None:
    client, boss = coordinator
    make_user(Role.TRANSLATOR, pairs=["ja:en"])
    newcomer = make_user(Role.TRANSLATOR, pairs=["ko:en"])
    add_translations(app, boss, 1)
    assert "ja→en: 1 active translator," in plain(client.get("/board/"))

    with db_of(app).transaction() as session:
        session.add(LanguagePair(user_id=newcomer.id, source_language="ja", target_language="en"))

    assert "ja→en: 2 active translators," in plain(client.get("/board/"))
