"""The coordinator board: columns and counts, filters, late and stuck items, coverage by pair."""

import html
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, select, update

from translate_flow.domain.models import Event, Role, Translation, TranslationSegment, User
from translate_flow.domain.workflow import Action
from translate_flow.intake.articles import ArticleInput, create_article
from translate_flow.intake.outlets import OutletInput, create_outlet
from translate_flow.workflow.board import CARDS_PER_COLUMN
from translate_flow.workflow.transitions import fire

NOW = datetime.now(UTC)


def db_of(app):  # type: ignore[no-untyped-def]
    return app.extensions["translate_flow.db"]


def plain(response) -> str:  # type: ignore[no-untyped-def]
    """The page's text as a person reads it: no tags, one space between words."""
    text = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    return " ".join(html.unescape(text).split()).replace(" ,", ",").replace(" :", ":")


def page(response) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(response.get_data(as_text=True))


def card_ids(response) -> set[int]:  # type: ignore[no-untyped-def]
    return {int(n) for n in re.findall(r'data-testid="card-(\d+)"', page(response))}


def column_count(response, state: str) -> int:  # type: ignore[no-untyped-def]
    match = re.search(rf'data-testid="count-{state}">(\d+)<', page(response))
    assert match, f"no column {state}"
    return int(match.group(1))


def add_outlet(app, actor: User, name: str) -> int:  # type: ignore[no-untyped-def]
    with db_of(app).transaction() as session:
        return create_outlet(session, session.merge(actor), OutletInput(name, "ja", "JP")).id


def add_translations(
    app, actor: User, count: int, *, language: str = "ja", outlet_id: int | None = None
) -> list[int]:  # type: ignore[no-untyped-def]
    """`count` articles, each with its open English translation; their translation ids."""
    ids = []
    with db_of(app).transaction() as session:
        for number in range(count):
            article = create_article(
                session,
                session.merge(actor),
                ArticleInput(
                    title=f"Story {number} from {language}",
                    body="One paragraph.",
                    source_language=language,
                    outlet_id=outlet_id,
                ),
                target_languages=["en"],
            )
            ids.append(
                session.scalar(select(Translation.id).where(Translation.article_id == article.id))
            )
    return ids


def move(app, translation_id: int, person: User, *actions: Action, **kwargs) -> None:  # type: ignore[no-untyped-def]
    """Fire actions as `person` through the workflow service, as the pages would."""
    with db_of(app).transaction() as session:
        translation = session.get(Translation, translation_id)
        user = session.get(User, person.id)
        assert translation is not None and user is not None
        for action in actions:
            if action == Action.SUBMIT:
                session.execute(
                    update(TranslationSegment)
                    .where(TranslationSegment.translation_id == translation_id)
                    .values(text="Done.")
                )
            fire(session, user, translation, action, **kwargs)


def age(app, translation_id: int, days: int) -> None:
    """As if the translation had been opened `days` ago."""
    with db_of(app).transaction() as session:
        session.execute(
            update(Translation)
            .where(Translation.id == translation_id)
            .values(created_at=NOW - timedelta(days=days))
        )
        session.execute(
            update(Event)
            .where(
                Event.subject_type == "translation",
                Event.subject_id == translation_id,
                Event.action == "translation:created",
            )
            .values(created_at=NOW - timedelta(days=days))
        )


@pytest.fixture
def coordinator(signed_in):  # type: ignore[no-untyped-def]
    return signed_in(Role.COORDINATOR)


def test_columns_per_state_with_counts_and_cards(app, coordinator, make_user):
    client, boss = coordinator
    translator = make_user(Role.TRANSLATOR, name="Taro", pairs=["ja:en"])
    reviewer = make_user(Role.REVIEWER, name="Rika", reviews=["ja:en"])
    open_one, drafted, reviewed, approved = add_translations(app, boss, 4)
    move(app, drafted, translator, Action.CLAIM)
    move(app, reviewed, translator, Action.CLAIM, Action.SUBMIT)
    move(app, reviewed, reviewer, Action.CLAIM_REVIEW)
    move(app, approved, translator, Action.CLAIM, Action.SUBMIT)
    move(app, approved, reviewer, Action.APPROVE)
    response = client.get("/board/")
    assert response.status_code == 200
    counts = {state: column_count(response, state) for state in ("open", "draft", "in_review")}
    assert counts == {"open": 1, "draft": 1, "in_review": 1}
    assert column_count(response, "approved") == 1
    assert column_count(response, "published") == 0
    assert card_ids(response) == {open_one, drafted, reviewed, approved}
    text = page(response)
    column = text[text.index('data-testid="column-in_review"') :]
    column = column[: column.index("</section>")]
    assert f'data-testid="card-{reviewed}"' in column
    assert "Rika" in column  # an item in review waits on its reviewer
    assert "ja→en" in column
    assert "4 translations" in plain(response)


def test_overdue_and_stale_items_are_marked_and_the_rule_is_stated(app, coordinator, make_user):
    client, boss = coordinator
    translator = make_user(Role.TRANSLATOR, pairs=["ja:en"])
    late, fresh, forgotten = add_translations(app, boss, 3)
    # Opened eleven days ago, claimed ten days ago with three days to go: late, and no
    # event since.
    age(app, late, 11)
    move(app, late, translator, Action.CLAIM, now=NOW - timedelta(days=10), claim_days=3)
    move(app, fresh, translator, Action.CLAIM)
    age(app, forgotten, 9)  # in the pool for nine days, untouched
    response = client.get("/board/")
    text = page(response)

    def classes(card_id: int) -> str:
        match = re.search(rf'<li class="([^"]*)" data-testid="card-{card_id}"', text)
        assert match
        return match.group(1)

    assert "overdue" in classes(late) and "stale" in classes(late)
    assert "overdue" not in classes(fresh) and "stale" not in classes(fresh)
    assert "stale" in classes(forgotten) and "overdue" not in classes(forgotten)
    assert "no event for 7 days or more" in plain(response)
    assert "1 overdue" in plain(response)


def test_filters_by_pair_outlet_person_and_overdue(app, coordinator, make_user):
    client, boss = coordinator
    taro = make_user(Role.TRANSLATOR, name="Taro", pairs=["ja:en"])
    make_user(Role.TRANSLATOR, name="Sofía", pairs=["es:en"])
    asahi = add_outlet(app, boss, "Asahi")
    (japanese,) = add_translations(app, boss, 1, outlet_id=asahi)
    (other_japanese,) = add_translations(app, boss, 1)
    (spanish,) = add_translations(app, boss, 1, language="es")
    move(app, japanese, taro, Action.CLAIM, now=NOW - timedelta(days=5), claim_days=1)
    move(app, other_japanese, taro, Action.CLAIM)

    assert card_ids(client.get("/board/")) == {japanese, other_japanese, spanish}
    assert card_ids(client.get("/board/?pair=es:en")) == {spanish}
    assert card_ids(client.get("/board/?pair=ja:en")) == {japanese, other_japanese}
    assert card_ids(client.get(f"/board/?outlet={asahi}")) == {japanese}
    assert card_ids(client.get(f"/board/?person={taro.id}")) == {japanese, other_japanese}
    response = client.get("/board/?overdue=y")
    assert card_ids(response) == {japanese}
    assert column_count(response, "draft") == 1 and column_count(response, "open") == 0
    filtered = client.get(f"/board/?pair=ja:en&person={taro.id}&overdue=y")
    assert card_ids(filtered) == {japanese}


def test_a_hand_edited_filter_is_ignored_not_an_error(app, coordinator):
    client, boss = coordinator
    (only,) = add_translations(app, boss, 1)
    response = client.get("/board/?pair=xx:yy&person=abc&outlet=999999")
    assert response.status_code == 200
    assert card_ids(response) == {only}
    # Someone the filter does not offer (no translator or reviewer role) is ignored too.
    assert card_ids(client.get(f"/board/?person={boss.id}")) == {only}
    assert card_ids(client.get("/board/?person=999999")) == {only}


def test_coverage_strip_counts_people_waiting_items_and_the_oldest(app, coordinator, make_user):
    client, boss = coordinator
    for _ in range(3):
        make_user(Role.TRANSLATOR, pairs=["ja:en"])
    make_user(Role.TRANSLATOR, pairs=["ja:en"], active=False)  # not active: not counted
    make_user(Role.REVIEWER, reviews=["ja:en"])
    make_user(Role.REVIEWER, pairs=["ja:en"])  # the pair, but not the right to review it
    first, second, claimed = add_translations(app, boss, 3)
    age(app, first, 4)
    age(app, second, 1)
    move(app, claimed, make_user(Role.TRANSLATOR, pairs=["ja:en"]), Action.CLAIM)
    add_translations(app, boss, 2, language="ko")  # waiting, and nobody to take them
    text = plain(client.get("/board/"))
    assert "ja→en: 4 active translators, 1 reviewer, 2 waiting, oldest 4 days" in text
    assert "ko→en: 0 active translators, 0 reviewers, 2 waiting, oldest 0 days" in text
    assert "nobody to take them" in text


def _queries_for_board(app, client) -> int:  # type: ignore[no-untyped-def]
    """Statements of one view of the board, its filter choices already read (they are kept
    for a minute, and forgotten when the cards added brought a new language)."""
    assert client.get("/board/").status_code == 200
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    engine = db_of(app).engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get("/board/").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def test_the_board_takes_the_same_number_of_queries_for_10_and_100_cards(
    app, coordinator, make_user
):
    client, boss = coordinator
    translator = make_user(Role.TRANSLATOR, pairs=["ja:en"], capacity=100)
    reviewer = make_user(Role.REVIEWER, reviews=["ja:en"])
    outlet = add_outlet(app, boss, "Mainichi")

    def add(count: int) -> None:
        ids = add_translations(app, boss, count, outlet_id=outlet)
        for index, translation_id in enumerate(ids):
            if index % 3 == 1:
                move(app, translation_id, translator, Action.CLAIM)
            elif index % 3 == 2:
                move(app, translation_id, translator, Action.CLAIM, Action.SUBMIT)
                move(app, translation_id, reviewer, Action.CLAIM_REVIEW)

    add(10)
    small = _queries_for_board(app, client)
    assert small > 0
    add(90)
    response = client.get("/board/")
    # 34 open, 33 in draft, 33 in review: each column shows its first 20.
    assert len(card_ids(response)) == 3 * CARDS_PER_COLUMN
    assert _queries_for_board(app, client) == small


def test_columns_show_their_first_cards_with_the_true_count_and_a_link_to_all(app, coordinator):
    client, boss = coordinator
    add_translations(app, boss, 53)
    response = client.get("/board/")
    assert column_count(response, "open") == 53
    assert len(card_ids(response)) == CARDS_PER_COLUMN
    assert "Show all 53 (33 more)" in plain(response)
    assert 'href="/board/?column=open"' in page(response)


def test_board_is_in_the_navigation_of_coordinators_only(app, coordinator, signed_in):
    client, _ = coordinator
    assert 'href="/board/"' in page(client.get("/desk/"))
    translator, _ = signed_in(Role.TRANSLATOR, pairs=["ja:en"])
    assert 'href="/board/"' not in page(translator.get("/desk/"))
    assert translator.get("/board/").status_code == 403
