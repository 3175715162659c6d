"""Coordinators see what is stuck: a pair whose one reviewer also translates it, a review only
a coordinator can decide, no due date on what is out, the comments waiting for moderation."""

import re

from sqlalchemy import select, update

from tests.conftest import sign_in
from tests.web.test_board import add_translations, move, page
from translate_flow.domain.models import (
    Publication,
    ReaderComment,
    ReaderCommentStatus,
    Role,
    Translation,
)
from translate_flow.domain.workflow import Action
from translate_flow.publishing.web import MODERATION_BADGE_CAP
from translate_flow.workflow.board import self_review_only


def card(response, translation_id: int) -> str:  # type: ignore[no-untyped-def]
    match = re.search(rf'data-testid="card-{translation_id}">(.*?)</li>', page(response), re.S)
    assert match, f"no card {translation_id}"
    return match.group(1)


def pair_line(response, pair: str) -> str:  # type: ignore[no-untyped-def]
    match = re.search(rf'<li data-pair="{pair}"[^>]*>(.*?)</li>', page(response), re.S)
    assert match, f"no pair {pair}"
    return match.group(1)


def test_a_pair_is_flagged_when_a_translator_has_no_reviewer_but_themself():
    assert self_review_only({1, 2}, {1})  # 1's own work has nobody to review it
    assert not self_review_only({1, 2}, {1, 2})  # they review each other
    assert not self_review_only({1}, {2})
    assert not self_review_only({1}, set())  # "no reviewer" is its own, louder flag


def test_board_and_home_flag_a_pair_whose_only_reviewer_is_its_translator(
    app, signed_in, make_user
):
    client, _coordinator = signed_in(Role.COORDINATOR)
    make_user(Role.TRANSLATOR, Role.REVIEWER, pairs=["ja:en"], reviews=["ja:en"])
    make_user(Role.TRANSLATOR, pairs=["ko:en"])
    make_user(Role.REVIEWER, reviews=["ko:en"])

    board = client.get("/board/")
    desk = page(client.get("/desk/"))

    assert 'data-testid="self-review-only"' in pair_line(board, "ja:en")
    assert 'data-testid="self-review-only"' not in pair_line(board, "ko:en")
    ja_row = re.search(r'<tr[^>]*data-pair="ja:en">(.*?)</tr>', desk, re.S)
    ko_row = re.search(r'<tr[^>]*data-pair="ko:en">(.*?)</tr>', desk, re.S)
    assert ja_row and "reviewer is also the translator" in ja_row.group(1)
    assert ko_row and "reviewer is also the translator" not in ko_row.group(1)


def test_a_review_only_its_own_translator_could_take_is_marked_for_a_coordinator(
    app, signed_in, make_user
):
    client, boss = signed_in(Role.COORDINATOR)
    both = make_user(Role.TRANSLATOR, Role.REVIEWER, pairs=["ja:en"], reviews=["ja:en"])
    other = make_user(Role.TRANSLATOR, pairs=["ja:en"])
    own, someone_elses = add_translations(app, boss, 2)
    move(app, own, both, Action.CLAIM, Action.SUBMIT)
    move(app, someone_elses, other, Action.CLAIM, Action.SUBMIT)

    board = client.get("/board/")

    assert 'data-testid="needs-coordinator"' in card(board, own)
    assert 'data-testid="needs-coordinator"' not in card(board, someone_elses)


def test_published_cards_show_no_due_date(desk):
    desk.publish()
    with desk.session() as session:
        session.execute(update(Translation).values(due_at=Translation.created_at))
    client = desk.app.test_client()
    sign_in(client, desk.coordinator.email)

    board = client.get("/board/")

    assert "due" not in plain_card(board, desk.translation_id)


def plain_card(response, translation_id: int) -> str:  # type: ignore[no-untyped-def]
    return " ".join(re.sub(r"<[^>]+>", " ", card(response, translation_id)).split())


def test_a_draft_card_still_shows_its_due_date(desk):
    client = desk.app.test_client()
    sign_in(client, desk.coordinator.email)
    assert "due " in plain_card(client.get("/board/"), desk.translation_id)


def test_board_shows_the_translated_title_beside_the_original(desk):
    desk.write(desk.translator, 0, "Before lamenting the weak yen")
    client = desk.app.test_client()
    sign_in(client, desk.coordinator.email)

    text = plain_card(client.get("/board/"), desk.translation_id)

    assert text.startswith("Before lamenting the weak yen 円安を嘆く前に")


def test_the_coverage_strip_folds_in_a_details_element(app, signed_in):
    client, _coordinator = signed_in(Role.COORDINATOR)
    board = page(client.get("/board/"))
    assert re.search(r'<details class="coverage-fold" open data-fold-below="700"', board)
    assert "app/desk.js" in board


def test_the_navigation_counts_comments_waiting_for_moderation_for_moderators_only(desk, make_user):
    desk.publish()
    with desk.session() as session:
        publication_id = session.scalar(select(Publication.id))
        for number in range(2):
            session.add(ReaderComment(publication_id=publication_id, name=f"R{number}", body="Hi"))
        session.add(
            ReaderComment(
                publication_id=publication_id,
                name="Old",
                body="Seen",
                status=ReaderCommentStatus.APPROVED,
            )
        )
    coordinator = desk.app.test_client()
    sign_in(coordinator, desk.coordinator.email)
    translator = desk.app.test_client()
    sign_in(translator, desk.translator.email)

    counted = re.search(
        r'data-testid="nav-moderation-count">(\d+)<', page(coordinator.get("/desk/"))
    )

    assert counted and counted.group(1) == "2"
    assert "nav-moderation-count" not in page(translator.get("/desk/"))


def test_past_a_hundred_waiting_comments_the_navigation_says_99_plus(desk):
    desk.publish()
    with desk.session() as session:
        publication_id = session.scalar(select(Publication.id))
        session.add_all(
            ReaderComment(publication_id=publication_id, name=f"R{number}", body="Hi")
            for number in range(MODERATION_BADGE_CAP)
        )
    coordinator = desk.app.test_client()
    sign_in(coordinator, desk.coordinator.email)

    counted = re.search(
        r'data-testid="nav-moderation-count">([^<]+)<', page(coordinator.get("/desk/"))
    )

    assert counted and counted.group(1) == "99+"
    # The queue itself still counts them all.
    assert f">{MODERATION_BADGE_CAP} comments.<" in page(coordinator.get("/moderation/"))
