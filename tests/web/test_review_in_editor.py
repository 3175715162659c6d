"""Reviewing from the editor (issue 16, points 4 to 6): the marks, the decisions through the
API, the due date a reviewer proposes and a coordinator decides, and the returned banner."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from tests.conftest import csrf_token, post_form
from tests.web.snapshot import database_snapshot
from tests.web.test_translation_pages import (
    act,
    db_of,
    fill_segments,
    load,
    text_of,
    translation_of,
)
from translate_flow.domain.models import Role, Translation, TranslationSegment, utcnow


@pytest.fixture
def team(app, signed_in, make_article):  # type: ignore[no-untyped-def]
    """A coordinator, a ja→en translator and reviewer, and their translation in review."""
    coordinator_client, coordinator = signed_in(Role.COORDINATOR, name="Cora Coordinator")
    translator_client, _translator = signed_in(
        Role.TRANSLATOR, name="Tomo Translator", pairs=["ja:en"]
    )
    reviewer_client, _reviewer = signed_in(Role.REVIEWER, name="Rei Reviewer", reviews=["ja:en"])
    article = make_article(coordinator, title="東京の朝")
    tid = translation_of(app, article)
    assert act(translator_client, tid, "claim").status_code == 302
    fill_segments(app, tid)
    assert act(translator_client, tid, "submit").status_code == 302
    return {
        "coordinator": coordinator_client,
        "translator": translator_client,
        "reviewer": reviewer_client,
        "tid": tid,
    }


def _segments(app, tid: int) -> list[int]:
    with db_of(app).session(write=False) as session:
        return list(
            session.scalars(
                select(TranslationSegment.segment_id)
                .where(TranslationSegment.translation_id == tid)
                .order_by(TranslationSegment.id)
            )
        )


def _json(client, method: str, url: str, body=None):  # type: ignore[no-untyped-def]
    return client.open(url, method=method, json=body, headers={"X-CSRFToken": csrf_token(client)})


def words(response) -> str:  # type: ignore[no-untyped-def]
    """The page's text as a person reads it: no tags, single spaces."""
    return " ".join(re.sub(r"<[^>]+>", " ", text_of(response)).split())


def _set_due(app, tid: int, due: datetime) -> None:
    with db_of(app).transaction() as session:
        session.execute(update(Translation).where(Translation.id == tid).values(due_at=due))


def test_a_reviewer_checks_segments_from_the_editor_and_sees_the_count(app, team):
    tid, reviewer = team["tid"], team["reviewer"]
    assert act(reviewer, tid, "claim_review").status_code == 302
    segments = _segments(app, tid)
    page = text_of(reviewer.get(f"/translations/{tid}/edit"))
    assert f"0 of {len(segments)} checked" in words(reviewer.get(f"/translations/{tid}/edit"))
    assert page.count('data-testid="review-mark"') == len(segments)
    answer = _json(reviewer, "PUT", f"/api/v1/translations/{tid}/segments/{segments[0]}/check")
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json() == {
        "segment_id": segments[0],
        "checked": True,
        "progress": {"checked": 1, "total": len(segments)},
    }
    page = text_of(reviewer.get(f"/translations/{tid}/edit"))
    assert f"1 of {len(segments)} checked" in words(reviewer.get(f"/translations/{tid}/edit"))
    assert re.search(r'review-mark is-checked"[^>]*>checked<', page)
    answer = _json(reviewer, "DELETE", f"/api/v1/translations/{tid}/segments/{segments[0]}/check")
    assert answer.get_json()["progress"]["checked"] == 0


def test_checking_with_a_cookie_needs_the_csrf_token(app, team):
    app.config["WTF_CSRF_ENABLED"] = True
    tid, reviewer = team["tid"], team["reviewer"]
    assert act(reviewer, tid, "claim_review").status_code == 302
    segment = _segments(app, tid)[0]
    before = database_snapshot(db_of(app))
    answer = reviewer.put(f"/api/v1/translations/{tid}/segments/{segment}/check")
    assert answer.status_code == 400
    assert database_snapshot(db_of(app)) == before


@pytest.mark.parametrize("who", ["translator", "coordinator"])
def test_only_the_reviewer_holding_the_review_checks(app, team, who):
    tid = team["tid"]
    assert act(team["reviewer"], tid, "claim_review").status_code == 302
    segment = _segments(app, tid)[0]
    before = database_snapshot(db_of(app))
    answer = _json(team[who], "PUT", f"/api/v1/translations/{tid}/segments/{segment}/check")
    assert answer.status_code == 403
    assert "reviewer who took this review" in answer.get_json()["error"]["message"]
    assert database_snapshot(db_of(app)) == before


def test_an_unknown_segment_is_a_404(app, team):
    tid, reviewer = team["tid"], team["reviewer"]
    assert act(reviewer, tid, "claim_review").status_code == 302
    assert (
        _json(reviewer, "PUT", f"/api/v1/translations/{tid}/segments/999999/check").status_code
        == 404
    )


def test_the_reviewer_holding_the_review_is_never_offered_take_and_release_together(app, team):
    tid, reviewer = team["tid"], team["reviewer"]
    page = text_of(reviewer.get(f"/translations/{tid}"))
    assert "Take for review" in page and "Release the review" not in page
    assert act(reviewer, tid, "claim_review").status_code == 302
    for url in (f"/translations/{tid}", f"/translations/{tid}/edit"):
        page = text_of(reviewer.get(url))
        assert "Release the review" in page
        assert 'data-testid="action-claim_review"' not in page
        assert 'data-testid="review-claim"' not in page


def test_sending_back_keeps_the_due_date_and_carries_a_proposal_to_the_coordinator(app, team):
    tid, reviewer, coordinator = team["tid"], team["reviewer"], team["coordinator"]
    due = (utcnow() + timedelta(hours=20)).replace(microsecond=0)
    _set_due(app, tid, due)
    assert act(reviewer, tid, "claim_review").status_code == 302
    proposed = (utcnow() + timedelta(days=6)).replace(microsecond=0)
    answer = _json(
        reviewer,
        "POST",
        f"/api/v1/translations/{tid}/transitions",
        {
            "action": "request_changes",
            "change_reason": "terminology",
            "reason": "Names need checking.",
            "proposed_due_at": proposed.isoformat(),
        },
    )
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()["translation"]
    assert datetime.fromisoformat(body["due_at"]).replace(tzinfo=UTC) == due
    assert datetime.fromisoformat(body["proposed_due_at"]).replace(tzinfo=UTC) == proposed
    assert load(app, tid).due_at.replace(tzinfo=UTC) == due

    # The coordinator's desk lists it; the reviewer sees it, but only a coordinator decides.
    notices = words(coordinator.get("/notifications/"))
    assert "Rei Reviewer proposes a new due date for" in notices
    assert "Rei Reviewer proposes a new due date" not in words(
        team["translator"].get("/notifications/")
    )
    desk_page = words(coordinator.get("/desk/"))
    assert f"Rei Reviewer proposes {proposed.date().isoformat()}" in desk_page
    assert "New due dates proposed by reviewers" not in words(reviewer.get("/desk/"))
    assert 'data-testid="due-accept"' not in text_of(reviewer.get(f"/translations/{tid}"))
    page = text_of(coordinator.get(f"/translations/{tid}"))
    assert "Rei Reviewer proposes a new due date" in words(coordinator.get(f"/translations/{tid}"))
    match = re.search(r'name="proposed_due_at" value="([^"]+)"', page)
    assert match
    answer = post_form(
        coordinator,
        f"/translations/{tid}/due-proposal",
        {"decision": "accept", "proposed_due_at": match.group(1)},
    )
    assert answer.status_code == 302
    assert load(app, tid).due_at.replace(tzinfo=UTC) == proposed
    history = words(coordinator.get(f"/translations/{tid}"))
    day = proposed.date().isoformat()
    assert re.search(rf"Rei Reviewer proposed a new due date\s*:\s*{day}", history)
    assert re.search(rf"Cora Coordinator accepted the proposed due date\s*:\s*{day}", history)


def test_a_proposal_with_a_due_date_far_away_is_refused_in_the_api(app, team):
    tid, reviewer = team["tid"], team["reviewer"]
    _set_due(app, tid, utcnow() + timedelta(days=9))
    assert act(reviewer, tid, "claim_review").status_code == 302
    before = database_snapshot(db_of(app))
    answer = _json(
        reviewer,
        "POST",
        f"/api/v1/translations/{tid}/transitions",
        {
            "action": "request_changes",
            "change_reason": "style",
            "proposed_due_at": (utcnow() + timedelta(days=12)).isoformat(),
        },
    )
    assert answer.status_code == 400
    assert "48 hours" in answer.get_json()["error"]["message"]
    assert database_snapshot(db_of(app)) == before


def test_the_translation_page_offers_no_date_while_the_due_date_is_far(app, team):
    tid, reviewer = team["tid"], team["reviewer"]
    _set_due(app, tid, (utcnow() + timedelta(days=10)).replace(microsecond=0))
    assert act(reviewer, tid, "claim_review").status_code == 302
    page = text_of(reviewer.get(f"/translations/{tid}"))
    assert 'data-testid="action-request_changes"' in page
    assert "proposed_due_on" not in page


def test_a_proposal_goes_only_with_a_change_request(app, team):
    tid, reviewer = team["tid"], team["reviewer"]
    answer = _json(
        reviewer,
        "POST",
        f"/api/v1/translations/{tid}/transitions",
        {"action": "approve", "proposed_due_at": (utcnow() + timedelta(days=2)).isoformat()},
    )
    assert answer.status_code == 400


def test_the_html_form_sends_back_with_a_proposed_day(app, team):
    tid, reviewer = team["tid"], team["reviewer"]
    due = (utcnow() - timedelta(days=1)).replace(microsecond=0)
    _set_due(app, tid, due)
    assert act(reviewer, tid, "claim_review").status_code == 302
    # The translation page's form offers the date, as the editor's does (it is past due).
    page = text_of(reviewer.get(f"/translations/{tid}"))
    assert 'id="request_changes-proposed_due_on"' in page
    assert "it is past due; a coordinator decides" in words(reviewer.get(f"/translations/{tid}"))
    day = (utcnow() + timedelta(days=4)).date()
    answer = act(
        reviewer,
        tid,
        "request_changes",
        change_reason="omission",
        reason="The last paragraph is missing.",
        proposed_due_on=day.isoformat(),
    )
    assert answer.status_code == 302
    translation = load(app, tid)
    assert translation.due_at.replace(tzinfo=UTC) == due
    assert translation.proposed_due_at.date() == day


def test_the_due_proposal_api_is_for_coordinators(app, team):
    tid, reviewer, coordinator = team["tid"], team["reviewer"], team["coordinator"]
    _set_due(app, tid, utcnow() - timedelta(days=1))
    assert act(reviewer, tid, "claim_review").status_code == 302
    proposed = (utcnow() + timedelta(days=3)).replace(microsecond=0)
    assert (
        act(
            reviewer,
            tid,
            "request_changes",
            change_reason="style",
            proposed_due_on=proposed.date().isoformat(),
        ).status_code
        == 302
    )
    url = f"/api/v1/translations/{tid}/due-proposal"
    assert _json(team["translator"], "POST", url, {"decision": "accept"}).status_code == 403
    assert _json(coordinator, "POST", url, {"decision": "maybe"}).status_code == 400
    answer = _json(coordinator, "POST", url, {"decision": "decline"})
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["decision"] == "decline"
    assert _json(coordinator, "POST", url, {"decision": "accept"}).status_code == 409
    assert load(app, tid).proposed_due_at is None


def test_the_translator_opens_the_editor_on_a_banner_saying_why(app, team):
    tid, reviewer, translator = team["tid"], team["reviewer"], team["translator"]
    assert act(reviewer, tid, "claim_review").status_code == 302
    segment = _segments(app, tid)[1]
    with db_of(app).session(write=False) as session:
        version = session.scalar(
            select(TranslationSegment.version).where(
                TranslationSegment.translation_id == tid, TranslationSegment.segment_id == segment
            )
        )
    saved = _json(
        reviewer,
        "PUT",
        f"/api/v1/translations/{tid}/segments/{segment}",
        {"text": "The reviewer's wording.", "base_version": version},
    )
    assert saved.status_code == 200, saved.get_json()
    assert (
        act(
            reviewer,
            tid,
            "request_changes",
            change_reason="accuracy",
            reason="Two dates are wrong.",
        ).status_code
        == 302
    )
    page = text_of(translator.get(f"/translations/{tid}/edit"))
    assert 'data-testid="returned-banner"' in page
    assert "Sent back by Rei Reviewer: Accuracy" in words(
        translator.get(f"/translations/{tid}/edit")
    )
    assert "Two dates are wrong." in page
    assert f'href="#seg-{segment}"' in page
    assert f'id="seg-{segment}"' in page  # the anchor lands on the row
    # Once resubmitted, the banner is gone.
    assert act(translator, tid, "submit").status_code == 302
    assert 'data-testid="returned-banner"' not in text_of(
        translator.get(f"/translations/{tid}/edit")
    )
