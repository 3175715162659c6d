"""Each person's home page shows what they need to do: their work, what they can take, the board."""

import html
import re
from datetime import UTC, datetime, timedelta

from tests.conftest import post_form
from tests.web.test_board import add_translations, move
from translate_flow.domain.models import Role
from translate_flow.domain.workflow import Action

NOW = datetime.now(UTC)


def section(client, testid: str) -> str:  # type: ignore[no-untyped-def]
    """One list of the home page; empty when the page does not show it."""
    text = html.unescape(client.get("/desk/").get_data(as_text=True))
    match = re.search(rf'<table data-testid="{testid}">(.*?)</table>', text, re.S)
    return match.group(1) if match else ""


def links(fragment: str) -> list[int]:
    return [int(n) for n in re.findall(r'href="/translations/(\d+)"', fragment)]


def test_translator_sees_their_work_overdue_first_with_due_dates(app, signed_in, make_user):
    client, translator = signed_in(Role.TRANSLATOR, pairs=["ja:en"])
    boss = make_user(Role.COORDINATOR)
    later, late, soon = add_translations(app, boss, 3)
    move(app, later, translator, Action.CLAIM, claim_days=20)
    move(app, late, translator, Action.CLAIM, now=NOW - timedelta(days=6), claim_days=2)
    move(app, soon, translator, Action.CLAIM, claim_days=1)
    work = section(client, "my-work")
    assert links(work) == [late, soon, later]
    assert work.count("overdue") == 1
    assert (NOW + timedelta(days=20)).date().isoformat() in work


def test_translator_sees_open_items_in_their_pairs_only(app, signed_in, make_user):
    client, _translator = signed_in(Role.TRANSLATOR, pairs=["ja:en"])
    boss = make_user(Role.COORDINATOR)
    japanese = add_translations(app, boss, 2)
    add_translations(app, boss, 1, language="es")
    (taken,) = add_translations(app, boss, 1)
    move(app, taken, make_user(Role.TRANSLATOR, pairs=["ja:en"]), Action.CLAIM)
    claimable = section(client, "claimable")
    assert links(claimable) == japanese
    assert claimable.count(">Claim</button>") == 2


def test_translator_claims_from_home_and_it_moves_to_their_work(app, signed_in, make_user):
    client, _translator = signed_in(Role.TRANSLATOR, pairs=["ja:en"])
    (item,) = add_translations(app, make_user(Role.COORDINATOR), 1)
    assert links(section(client, "my-work")) == []
    response = post_form(client, f"/translations/{item}/actions/claim")
    assert response.status_code == 302
    assert response.location.endswith(f"/translations/{item}")
    assert links(section(client, "my-work")) == [item]
    assert links(section(client, "claimable")) == []


def test_translator_at_capacity_is_told_before_claiming(app, signed_in, make_user):
    client, translator = signed_in(Role.TRANSLATOR, pairs=["ja:en"], capacity=1)
    held, _waiting = add_translations(app, make_user(Role.COORDINATOR), 2)
    move(app, held, translator, Action.CLAIM)
    page = html.unescape(client.get("/desk/").get_data(as_text=True))
    assert "You hold 1 item, your capacity" in page


def test_reviewer_queue_has_unclaimed_and_own_reviews_in_their_pairs(app, signed_in, make_user):
    client, reviewer = signed_in(Role.REVIEWER, reviews=["ja:en"])
    other_reviewer = make_user(Role.REVIEWER, reviews=["ja:en"])
    translator = make_user(Role.TRANSLATOR, pairs=["ja:en", "es:en"])
    boss = make_user(Role.COORDINATOR)
    unclaimed, mine, someone_elses, not_submitted = add_translations(app, boss, 4)
    (spanish,) = add_translations(app, boss, 1, language="es")
    for item in (unclaimed, mine, someone_elses, spanish):
        move(app, item, translator, Action.CLAIM, Action.SUBMIT)
    move(app, not_submitted, translator, Action.CLAIM)
    move(app, mine, reviewer, Action.CLAIM_REVIEW)
    move(app, someone_elses, other_reviewer, Action.CLAIM_REVIEW)
    queue = section(client, "review-queue")
    assert links(queue) == [mine, unclaimed]
    assert queue.count(">Take for review</button>") == 1
    assert "yours" in queue


def test_reviewer_never_finds_their_own_translation_in_the_queue(app, signed_in, make_user):
    client, both = signed_in(Role.TRANSLATOR, Role.REVIEWER, pairs=["ja:en"], reviews=["ja:en"])
    (own,) = add_translations(app, make_user(Role.COORDINATOR), 1)
    move(app, own, both, Action.CLAIM, Action.SUBMIT)
    assert links(section(client, "review-queue")) == []


def test_reviewer_takes_an_item_for_review_from_home(app, signed_in, make_user):
    client, _reviewer = signed_in(Role.REVIEWER, reviews=["ja:en"])
    translator = make_user(Role.TRANSLATOR, pairs=["ja:en"])
    (item,) = add_translations(app, make_user(Role.COORDINATOR), 1)
    move(app, item, translator, Action.CLAIM, Action.SUBMIT)
    response = post_form(client, f"/translations/{item}/actions/claim_review")
    assert response.status_code == 302
    queue = section(client, "review-queue")
    assert links(queue) == [item] and "yours" in queue


def test_coordinator_sees_the_board_summary(app, signed_in, make_user):
    client, coordinator = signed_in(Role.COORDINATOR)
    translator = make_user(Role.TRANSLATOR, pairs=["ja:en"])
    late, _open = add_translations(app, coordinator, 2)
    move(app, late, translator, Action.CLAIM, now=NOW - timedelta(days=5), claim_days=1)
    page = html.unescape(client.get("/desk/").get_data(as_text=True))
    summary = re.search(r'data-testid="board-summary">(.*?)</p>', page, re.S)
    assert summary
    assert "open: 1" in summary.group(1) and "draft: 1" in summary.group(1)
    assert "1 overdue" in summary.group(1)
    assert 'href="/board/"' in summary.group(1)
    assert 'data-testid="intake"' in page  # what was there stays


def test_volunteers_see_no_board_summary(signed_in):
    for role in (Role.TRANSLATOR, Role.REVIEWER):
        client, _ = signed_in(role, pairs=["ja:en"])
        assert 'data-testid="board-summary"' not in client.get("/desk/").get_data(as_text=True)


def test_coordinator_without_the_translator_role_has_no_translator_lists(signed_in):
    client, _ = signed_in(Role.COORDINATOR)
    page = client.get("/desk/").get_data(as_text=True)
    assert "Open items I can claim" not in page and "Your review queue" not in page
