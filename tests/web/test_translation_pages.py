"""A translation's page: the buttons each person may press, what they do, and what is refused."""

import html
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from tests.conftest import post_form
from tests.web.snapshot import database_snapshot
from translate_flow.domain.models import (
    Role,
    Snapshot,
    Translation,
    TranslationSegment,
    TranslationState,
)


def db_of(app):  # type: ignore[no-untyped-def]
    return app.extensions["translate_flow.db"]


def text_of(response) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(response.get_data(as_text=True))


def translation_of(app, article) -> int:  # type: ignore[no-untyped-def]
    with db_of(app).session(write=False) as session:
        return session.scalar(select(Translation.id).where(Translation.article_id == article.id))


def load(app, translation_id: int) -> Translation:  # type: ignore[no-untyped-def]
    with db_of(app).session(write=False) as session:
        translation = session.get(Translation, translation_id)
        assert translation is not None
        session.expunge(translation)
        return translation


def fill_segments(app, translation_id: int) -> None:  # type: ignore[no-untyped-def]
    """The translator's work, as the editor (its own issue) will save it."""
    with db_of(app).transaction() as session:
        session.execute(
            update(TranslationSegment)
            .where(TranslationSegment.translation_id == translation_id)
            .values(text="Translated.")
        )


def act(client, translation_id: int, action: str, **data: str):  # type: ignore[no-untyped-def]
    # Confirmed: the checks' findings on these made-up texts are tested in test_checks_in_editor.
    data = {"confirm": "1", **data}
    return post_form(client, f"/translations/{translation_id}/actions/{action}", data)


@pytest.fixture
def desk(app, signed_in, make_user, make_article):  # type: ignore[no-untyped-def]
    """A coordinator, a ja→en translator and reviewer, and an open ja→en translation."""
    coordinator_client, coordinator = signed_in(Role.COORDINATOR, name="Cora Coordinator")
    translator_client, translator = signed_in(
        Role.TRANSLATOR, name="Tomo Translator", pairs=["ja:en"]
    )
    reviewer_client, reviewer = signed_in(Role.REVIEWER, name="Rei Reviewer", reviews=["ja:en"])
    article = make_article(coordinator, title="東京の朝")
    return {
        "coordinator": coordinator_client,
        "translator": translator_client,
        "reviewer": reviewer_client,
        "people": {"coordinator": coordinator, "translator": translator, "reviewer": reviewer},
        "translation_id": translation_of(app, article),
        "article": article,
    }


def in_review(app, desk) -> int:  # type: ignore[no-untyped-def]
    tid = desk["translation_id"]
    assert act(desk["translator"], tid, "claim").status_code == 302
    fill_segments(app, tid)
    assert act(desk["translator"], tid, "submit").status_code == 302
    return int(tid)


def approved(app, desk) -> int:  # type: ignore[no-untyped-def]
    tid = in_review(app, desk)
    assert act(desk["reviewer"], tid, "approve").status_code == 302
    return tid


def test_page_shows_title_language_state_people_and_progress(app, desk):
    tid = desk["translation_id"]
    page = text_of(desk["translator"].get(f"/translations/{tid}"))
    assert '<h1 lang="ja" dir="ltr">東京の朝</h1>' in page
    assert "English" in page
    assert 'data-testid="state">open</span>' in page
    assert "0 of 3 segments translated" in page
    assert "nobody yet" in page


def test_translator_of_the_pair_sees_claim_and_nothing_a_coordinator_does(desk):
    page = text_of(desk["translator"].get(f"/translations/{desk['translation_id']}"))
    assert 'data-testid="action-claim"' in page
    for action in ("withdraw", "publish", "approve"):
        assert f'data-testid="action-{action}"' not in page
    assert "Assign…" not in page


def test_coordinator_sees_assign_and_withdraw_but_cannot_claim_without_the_role(desk):
    page = text_of(desk["coordinator"].get(f"/translations/{desk['translation_id']}"))
    assert "Assign…" in page
    assert 'data-testid="action-withdraw"' in page
    assert 'data-testid="action-claim"' not in page


def test_translator_claims_and_the_page_shows_it_theirs_with_a_due_date(app, desk):
    tid = desk["translation_id"]
    response = act(desk["translator"], tid, "claim")
    assert response.status_code == 302
    assert response.location.endswith(f"/translations/{tid}")
    page = text_of(desk["translator"].get(response.location))
    assert "It is yours: due" in page
    assert 'data-testid="translator">Tomo Translator' in page
    assert 'data-testid="state">draft</span>' in page
    assert "Tomo Translator</strong> claimed" in page
    assert "(open → draft)" in page
    translation = load(app, tid)
    assert translation.state == TranslationState.DRAFT
    assert translation.due_at is not None
    assert translation.due_at > datetime.now(UTC) + timedelta(days=13)


def test_translator_without_the_pair_is_refused_and_nothing_changes(app, desk, signed_in):
    outsider, _ = signed_in(Role.TRANSLATOR, pairs=["ar:en"])
    before = database_snapshot(db_of(app))
    response = act(outsider, desk["translation_id"], "claim")
    assert response.status_code == 403
    assert "Only translators of the pair may claim this." in text_of(response)
    assert "Nothing was changed." in text_of(response)
    assert database_snapshot(db_of(app)) == before


def test_second_claimer_is_told_who_took_it(app, desk, signed_in):
    other, _ = signed_in(Role.TRANSLATOR, pairs=["ja:en"])
    tid = desk["translation_id"]
    other.get(f"/translations/{tid}")  # both see it open
    assert act(desk["translator"], tid, "claim").status_code == 302
    before = database_snapshot(db_of(app))
    response = act(other, tid, "claim")
    assert response.status_code == 409
    assert "Tomo Translator took it a moment before you." in text_of(response)
    assert database_snapshot(db_of(app)) == before


def test_claim_beyond_capacity_is_refused_with_the_reason(app, desk, signed_in, make_article):
    busy, _ = signed_in(Role.TRANSLATOR, pairs=["ja:en"], capacity=0)
    before = database_snapshot(db_of(app))
    response = act(busy, desk["translation_id"], "claim")
    assert response.status_code == 409
    assert "your capacity" in text_of(response)
    assert database_snapshot(db_of(app)) == before


def test_translator_releases_back_to_the_pool(app, desk):
    tid = desk["translation_id"]
    act(desk["translator"], tid, "claim")
    response = act(desk["translator"], tid, "release")
    assert response.status_code == 302
    translation = load(app, tid)
    assert translation.state == TranslationState.OPEN
    assert translation.translator_id is None


def test_submit_with_empty_segments_is_refused_then_accepted_once_translated(app, desk):
    tid = desk["translation_id"]
    act(desk["translator"], tid, "claim")
    before = database_snapshot(db_of(app))
    response = act(desk["translator"], tid, "submit")
    assert response.status_code == 409
    assert "3 segment(s) are still empty" in text_of(response)
    assert database_snapshot(db_of(app)) == before
    fill_segments(app, tid)
    response = act(desk["translator"], tid, "submit")
    assert response.status_code == 302
    page = text_of(desk["translator"].get(f"/translations/{tid}"))
    assert 'data-testid="state">in review</span>' in page
    assert "3 of 3 segments translated" in page
    assert 'data-testid="snapshots"' in page and "<td>submitted</td>" in page


def test_reviewer_takes_it_for_review_and_approves(app, desk):
    tid = in_review(app, desk)
    page = text_of(desk["reviewer"].get(f"/translations/{tid}"))
    assert 'data-testid="action-claim_review"' in page
    assert act(desk["reviewer"], tid, "claim_review").status_code == 302
    assert load(app, tid).reviewer_id == desk["people"]["reviewer"].id
    response = act(desk["reviewer"], tid, "approve")
    assert response.status_code == 302
    page = text_of(desk["reviewer"].get(f"/translations/{tid}"))
    assert "Translation approved." in page
    assert 'data-testid="state">approved</span>' in page
    with db_of(app).session(write=False) as session:
        actions = session.scalars(
            select(Snapshot.action).where(Snapshot.translation_id == tid).order_by(Snapshot.id)
        ).all()
    assert actions == ["submit", "approve"]


def test_another_reviewer_cannot_take_a_review_already_taken(app, desk, signed_in):
    second, _ = signed_in(Role.REVIEWER, reviews=["ja:en"])
    tid = in_review(app, desk)
    act(desk["reviewer"], tid, "claim_review")
    before = database_snapshot(db_of(app))
    response = act(second, tid, "claim_review")
    assert response.status_code == 409
    assert "Rei Reviewer took it a moment before you." in text_of(response)
    assert database_snapshot(db_of(app)) == before


def test_request_changes_needs_a_reason_from_the_list(app, desk):
    tid = in_review(app, desk)
    before = database_snapshot(db_of(app))
    response = act(desk["reviewer"], tid, "request_changes", reason="Fix it")
    assert response.status_code == 400
    assert "Say why changes are needed" in text_of(response)
    assert database_snapshot(db_of(app)) == before
    response = act(desk["reviewer"], tid, "request_changes", change_reason="other")
    assert response.status_code == 400
    assert "Describe the changes needed" in text_of(response)
    assert database_snapshot(db_of(app)) == before


def test_reviewer_requests_changes_and_the_history_shows_why(app, desk):
    tid = in_review(app, desk)
    response = act(
        desk["reviewer"],
        tid,
        "request_changes",
        change_reason="terminology",
        reason="“Prefecture”, not “province”.",
    )
    assert response.status_code == 302
    assert load(app, tid).state == TranslationState.DRAFT
    page = text_of(desk["translator"].get(f"/translations/{tid}"))
    assert "Rei Reviewer</strong> sent it back for changes" in page
    assert '<span class="badge">terminology</span>' in page
    assert "“Prefecture”, not “province”." in page
    assert "(in review → draft)" in page


def test_an_unknown_change_reason_is_refused(app, desk):
    tid = in_review(app, desk)
    before = database_snapshot(db_of(app))
    response = act(desk["reviewer"], tid, "request_changes", change_reason="vibes")
    assert response.status_code == 400
    assert database_snapshot(db_of(app)) == before


def test_translator_cannot_approve_their_own_translation(app, signed_in, make_user, make_article):
    coordinator = make_user(Role.COORDINATOR)
    both, _ = signed_in(Role.TRANSLATOR, Role.REVIEWER, pairs=["ja:en"], reviews=["ja:en"])
    tid = translation_of(app, make_article(coordinator))
    act(both, tid, "claim")
    fill_segments(app, tid)
    act(both, tid, "submit")
    before = database_snapshot(db_of(app))
    response = act(both, tid, "approve")
    assert response.status_code == 403
    assert "You cannot approve your own translation" in text_of(response)
    assert database_snapshot(db_of(app)) == before


def test_coordinator_approves_own_work_only_with_a_reason_shown_as_an_override(
    app, signed_in, make_article
):
    client, coordinator = signed_in(Role.COORDINATOR, Role.TRANSLATOR, pairs=["ja:en"])
    tid = translation_of(app, make_article(coordinator))
    act(client, tid, "claim")
    fill_segments(app, tid)
    act(client, tid, "submit")
    page = text_of(client.get(f"/translations/{tid}"))
    assert 'name="override"' in page
    before = database_snapshot(db_of(app))
    response = act(client, tid, "approve")
    assert response.status_code == 403
    assert "give a written reason" in text_of(response)
    assert database_snapshot(db_of(app)) == before
    response = act(client, tid, "approve", override="No other ja→en reviewer this week.")
    assert response.status_code == 302
    page = text_of(client.get(f"/translations/{tid}"))
    assert 'data-testid="override"><span class="badge warn">override</span>' in page
    assert "No other ja→en reviewer this week." in page


def test_others_see_no_override_field(app, desk):
    tid = in_review(app, desk)
    page = text_of(desk["reviewer"].get(f"/translations/{tid}"))
    assert 'data-testid="action-approve"' in page
    assert 'name="override"' not in page


@pytest.mark.parametrize("action", ["withdraw"])
def test_withdraw_needs_a_reason_and_keeps_it(app, desk, action):
    tid = desk["translation_id"]
    before = database_snapshot(db_of(app))
    response = act(desk["coordinator"], tid, action, reason="  ")
    assert response.status_code == 400
    assert "Give a reason; it stays in the history." in text_of(response)
    assert database_snapshot(db_of(app)) == before
    response = act(desk["coordinator"], tid, action, reason="The outlet retracted it.")
    assert response.status_code == 302
    page = text_of(desk["coordinator"].get(f"/translations/{tid}"))
    assert 'data-testid="state">withdrawn</span>' in page
    assert "The outlet retracted it." in page
    assert act(desk["coordinator"], tid, "restore").status_code == 302
    assert load(app, tid).state == TranslationState.OPEN


def test_coordinator_publishes_unpublishes_and_reopens_with_reasons(app, desk):
    tid = approved(app, desk)
    coordinator = desk["coordinator"]
    assert act(coordinator, tid, "publish").status_code == 302
    page = text_of(coordinator.get(f"/translations/{tid}"))
    assert 'data-testid="action-unpublish"' in page and 'data-testid="action-reopen"' in page
    for action in ("unpublish", "reopen"):
        before = database_snapshot(db_of(app))
        assert act(coordinator, tid, action).status_code == 400
        assert database_snapshot(db_of(app)) == before
    assert act(coordinator, tid, "unpublish", reason="Legal asked us to.").status_code == 302
    assert act(coordinator, tid, "reopen", reason="Cleared; fix the quote.").status_code == 302
    assert load(app, tid).state == TranslationState.DRAFT


def test_translator_cannot_publish(app, desk):
    tid = approved(app, desk)
    before = database_snapshot(db_of(app))
    response = act(desk["translator"], tid, "publish")
    assert response.status_code == 403
    assert database_snapshot(db_of(app)) == before


def test_an_action_in_the_wrong_state_is_a_conflict(app, desk):
    tid = desk["translation_id"]
    before = database_snapshot(db_of(app))
    response = act(desk["coordinator"], tid, "publish")
    assert response.status_code == 409
    assert "open in the pool, so it cannot be published now" in text_of(response)
    assert database_snapshot(db_of(app)) == before


@pytest.mark.parametrize("action", ["assign", "fly"])
def test_unknown_actions_and_assign_through_the_button_route_are_not_found(desk, action):
    assert act(desk["coordinator"], desk["translation_id"], action).status_code == 404


def test_article_page_links_to_its_translations(desk):
    page = text_of(desk["translator"].get(f"/articles/{desk['article'].id}"))
    assert f'href="/translations/{desk["translation_id"]}"' in page


def test_missing_translation_is_not_found(desk):
    assert desk["translator"].get("/translations/999999").status_code == 404


# The assign screen


def test_assign_screen_ranks_candidates_with_their_reasons(app, desk, make_user):
    full = make_user(Role.TRANSLATOR, name="Fumi Full", pairs=["ja:en"], capacity=0)
    make_user(Role.TRANSLATOR, name="Arabic Only", pairs=["ar:en"])
    page = text_of(desk["coordinator"].get(f"/translations/{desk['translation_id']}/assign"))
    assert "Tomo Translator" in page and "Fumi Full" in page
    assert "Arabic Only" not in page
    assert page.index("Tomo Translator") < page.index("Fumi Full")  # at capacity comes last
    assert "0 of 3 items in progress" in page
    assert "at capacity" in page
    assert "no submissions yet" in page
    assert f'value="{full.id}"' in page
    assert 'data-testid="reviewer-candidates"' in page and "Rei Reviewer" in page
    default_due = (datetime.now(UTC) + timedelta(days=14)).date().isoformat()
    assert f'value="{default_due}"' in page


def test_coordinator_assigns_translator_reviewer_and_due_date(app, desk):
    tid = desk["translation_id"]
    people = desk["people"]
    due = date.today() + timedelta(days=5)
    response = post_form(
        desk["coordinator"],
        f"/translations/{tid}/assign",
        {
            "translator_id": str(people["translator"].id),
            "reviewer_id": str(people["reviewer"].id),
            "due_on": due.isoformat(),
        },
    )
    assert response.status_code == 302, text_of(response)
    translation = load(app, tid)
    assert translation.state == TranslationState.DRAFT
    assert translation.translator_id == people["translator"].id
    assert translation.reviewer_id == people["reviewer"].id
    assert translation.due_at == datetime.combine(due, datetime.min.time(), UTC).replace(
        hour=23, minute=59
    )
    page = text_of(desk["coordinator"].get(f"/translations/{tid}"))
    assert f"Assigned to Tomo Translator, due {due.isoformat()} 23:59 UTC." in page
    assert "Cora Coordinator</strong> assigned" in page
    assert "to Tomo Translator" in page and "reviewer Rei Reviewer" in page


def test_assigning_someone_outside_the_pair_is_refused(app, desk, make_user):
    outsider = make_user(Role.TRANSLATOR, pairs=["ar:en"])
    before = database_snapshot(db_of(app))
    response = post_form(
        desk["coordinator"],
        f"/translations/{desk['translation_id']}/assign",
        {"translator_id": str(outsider.id), "due_on": date.today().isoformat()},
    )
    assert response.status_code == 400
    assert "Not a valid choice" in text_of(response)
    assert database_snapshot(db_of(app)) == before


def test_a_due_date_in_the_past_is_refused(app, desk):
    before = database_snapshot(db_of(app))
    response = post_form(
        desk["coordinator"],
        f"/translations/{desk['translation_id']}/assign",
        {
            "translator_id": str(desk["people"]["translator"].id),
            "due_on": (date.today() - timedelta(days=2)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "The due date must be in the future." in text_of(response)
    assert database_snapshot(db_of(app)) == before


def test_assign_screen_says_when_the_item_cannot_be_assigned(app, desk):
    tid = in_review(app, desk)
    page = text_of(desk["coordinator"].get(f"/translations/{tid}/assign"))
    assert "only open items and items being translated can be assigned" in page


def test_translator_cannot_open_the_assign_screen(desk):
    url = f"/translations/{desk['translation_id']}/assign"
    assert desk["translator"].get(url).status_code == 403
    response = post_form(
        desk["translator"],
        url,
        {"translator_id": str(desk["people"]["translator"].id), "due_on": "2999-01-01"},
    )
    assert response.status_code == 403
