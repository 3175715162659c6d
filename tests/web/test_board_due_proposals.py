"""The board marks a card whose reviewer proposed a new due date, for coordinators only, until a
coordinator accepts or declines it on the translation's page."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import update

from tests.conftest import post_form
from tests.web.test_translation_pages import act, db_of, fill_segments, text_of, translation_of
from translate_flow.domain.models import Role, Translation, utcnow


@pytest.fixture
def proposal(app, signed_in, make_article):  # type: ignore[no-untyped-def]
    """A translation due in 20 hours, sent back by its reviewer with a date five days out."""
    coordinator_client, coordinator = signed_in(Role.COORDINATOR, name="Cora Coordinator")
    translator_client, _ = signed_in(Role.TRANSLATOR, name="Tomo Translator", pairs=["ja:en"])
    reviewer_client, _ = signed_in(Role.REVIEWER, name="Rei Reviewer", reviews=["ja:en"])
    tid = translation_of(app, make_article(coordinator, title="東京の朝"))
    assert act(translator_client, tid, "claim").status_code == 302
    fill_segments(app, tid)
    assert act(translator_client, tid, "submit").status_code == 302
    with db_of(app).transaction() as session:
        session.execute(
            update(Translation)
            .where(Translation.id == tid)
            .values(due_at=utcnow() + timedelta(hours=20))
        )
    assert act(reviewer_client, tid, "claim_review").status_code == 302
    proposed = (utcnow() + timedelta(days=5)).date()
    sent_back = act(
        reviewer_client,
        tid,
        "request_changes",
        change_reason="terminology",
        reason="Names need checking.",
        proposed_due_on=proposed.isoformat(),
    )
    assert sent_back.status_code == 302
    return {
        "tid": tid,
        "proposed": proposed,
        "coordinator": coordinator_client,
        "translator": translator_client,
        "reviewer": reviewer_client,
    }


def badge(response, tid: int) -> str | None:  # type: ignore[no-untyped-def]
    """The card's "new date proposed" badge, or None."""
    found = re.search(rf'<a [^>]*data-testid="due-proposed-{tid}"[^>]*>.*?</a>', text_of(response))
    return found.group(0) if found else None


def test_the_coordinators_board_marks_the_card_and_links_to_where_it_is_decided(proposal):
    tid, proposed = proposal["tid"], proposal["proposed"]
    board = proposal["coordinator"].get("/board/")
    assert board.status_code == 200
    found = badge(board, tid)
    assert found is not None, "no badge on the card"
    words = " ".join(re.sub(r"<[^>]+>", " ", found).split())
    assert words == f"new date proposed: {proposed.day} {proposed.strftime('%b')}"
    assert f'href="/translations/{tid}#due"' in found
    assert f'datetime="{proposed.isoformat()}' in found
    # The link leads to the accept and decline buttons.
    page = text_of(proposal["coordinator"].get(f"/translations/{tid}"))
    assert re.search(r'id="due"[^>]*>.*?data-testid="due-accept"', page, re.S)


@pytest.mark.parametrize("who", ["translator", "reviewer"])
def test_nobody_but_a_coordinator_sees_the_board_or_its_badge(proposal, who):
    board = proposal[who].get("/board/")
    assert board.status_code == 403
    assert badge(board, proposal["tid"]) is None
    assert "new date proposed" not in text_of(board)


@pytest.mark.parametrize("decision", ["accept", "decline"])
def test_the_badge_goes_once_the_coordinator_decides(app, proposal, decision):
    tid, coordinator = proposal["tid"], proposal["coordinator"]
    page = text_of(coordinator.get(f"/translations/{tid}"))
    shown = re.search(r'name="proposed_due_at" value="([^"]+)"', page)
    assert shown
    answer = post_form(
        coordinator,
        f"/translations/{tid}/due-proposal",
        {"decision": decision, "proposed_due_at": shown.group(1)},
    )
    assert answer.status_code == 302
    board = coordinator.get("/board/")
    assert f'data-testid="card-{tid}"' in text_of(board)
    assert badge(board, tid) is None
    with db_of(app).session(write=False) as session:
        translation = session.get(Translation, tid)
        assert translation is not None and translation.proposed_due_at is None
        moved = translation.due_at is not None and translation.due_at.date() == proposal["proposed"]
    assert moved == (decision == "accept")
