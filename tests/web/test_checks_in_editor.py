"""Quality checks in the editor's API: findings in the save answer and in the translation's
JSON, dismissals with a reason that hold until the text changes, who may dismiss, and the
confirmation submitting and approving ask for while error-level findings are open.

A test-only check ("shouting", flagging the word WRONG) keeps these tests independent of the
real checks' wording; it is registered for each test and taken out after it.
"""

import re
from collections.abc import Iterator
from typing import ClassVar

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.conftest import post_form
from tests.desk import ENGLISH, Desk
from tests.query_count import counting_queries
from tests.web.test_articles_api import token_client
from tests.web.test_editor_pages import signed_in_as
from translate_flow.checks.base import CHECKS, Check, CheckContext, Finding, Severity, Span
from translate_flow.domain.models import CheckDismissal, Translation, TranslationState

WORD = "WRONG"


class Shouting(Check):
    name: ClassVar[str] = "shouting"
    severity: ClassVar[Severity] = Severity.ERROR
    description: ClassVar[str] = "Test only: the word WRONG in the target."

    def check(self, source: str, target: str, context: CheckContext) -> list[Finding]:
        start = target.find(WORD)
        if start < 0:
            return []
        return [self.finding("WRONG is wrong.", (Span(0, 1),), (Span(start, start + len(WORD)),))]


@pytest.fixture(autouse=True)
def shouting() -> Iterator[Check]:
    from translate_flow.checks.base import _load_checks

    _load_checks()  # the real checks first, so that none is registered after ours is gone
    CHECKS[Shouting.name] = Shouting()
    yield CHECKS[Shouting.name]
    del CHECKS[Shouting.name]


@pytest.fixture
def dorothy(app: Flask, desk: Desk) -> FlaskClient:
    return token_client(app, desk.translator)


def segment_url(desk: Desk, index: int = 1) -> str:
    return f"/api/v1/translations/{desk.translation_id}/segments/{desk.segment_ids[index]}"


def dismiss_url(desk: Desk, index: int = 1, check: str = "shouting") -> str:
    return f"{segment_url(desk, index)}/findings/{check}/dismissals"


def save(client: FlaskClient, desk: Desk, text: str, index: int = 1) -> dict:  # type: ignore[type-arg]
    with desk.session() as session:
        version = desk.translation(session).segments[index].version
    response = client.put(segment_url(desk, index), json={"text": text, "base_version": version})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def ours(findings: list[dict]) -> list[dict]:  # type: ignore[type-arg]
    return [f for f in findings if f["check"] == "shouting"]


def dismissals(desk: Desk) -> int:
    with desk.session() as session:
        return session.scalar(select(func.count()).select_from(CheckDismissal)) or 0


# --- Findings --------------------------------------------------------------------------------


def test_the_save_answer_carries_the_segments_findings(dorothy, desk):
    body = save(dorothy, desk, "The yen is WRONG.")
    [finding] = ours(body["findings"])
    assert finding == {
        "check": "shouting",
        "severity": "error",
        "message": "WRONG is wrong.",
        "source_spans": [{"start": 0, "end": 1}],
        "target_spans": [{"start": 11, "end": 16}],
        "dismissed": None,
    }
    assert ours(save(dorothy, desk, "The yen is right.")["findings"]) == []


def test_each_segment_of_the_translation_lists_its_findings(dorothy, desk):
    save(dorothy, desk, "The yen is WRONG.", index=2)
    segments = dorothy.get(f"/api/v1/translations/{desk.translation_id}").get_json()["segments"]
    assert [len(ours(s["findings"])) for s in segments] == [0, 0, 1, 0]
    # Empty segments are not checked at all.
    assert segments[3]["findings"] == []


def test_the_translation_is_read_in_a_fixed_number_of_queries(app, desk):
    client = token_client(app, desk.translator)
    save(client, desk, "The yen is WRONG.")
    with counting_queries(app) as few:
        client.get(f"/api/v1/translations/{desk.translation_id}")
    for index in (2, 3):
        save(client, desk, f"Paragraph {index} is WRONG.", index=index)
    with counting_queries(app) as more:
        client.get(f"/api/v1/translations/{desk.translation_id}")
    assert len(more) == len(few)


# --- Dismissals ------------------------------------------------------------------------------


def test_a_dismissal_with_a_reason_is_recorded_and_shown_with_the_finding(dorothy, desk):
    save(dorothy, desk, "The yen is WRONG.")
    response = dorothy.post(dismiss_url(desk), json={"reason": "The paper's own word."})
    assert response.status_code == 201
    body = response.get_json()
    assert body["check"] == "shouting"
    assert body["reason"] == "The paper's own word."
    assert body["by"] == {"id": desk.translator.id, "name": desk.translator.display_name}
    segments = dorothy.get(f"/api/v1/translations/{desk.translation_id}").get_json()["segments"]
    [finding] = ours(segments[1]["findings"])
    assert finding["dismissed"]["reason"] == "The paper's own word."


def test_a_dismissal_lapses_when_the_text_changes(dorothy, desk):
    save(dorothy, desk, "The yen is WRONG.")
    assert dorothy.post(dismiss_url(desk), json={"reason": "Quoted."}).status_code == 201
    [finding] = ours(save(dorothy, desk, "The yen is WRONG, really.")["findings"])
    assert finding["dismissed"] is None
    # The record stays for the reviewer to read.
    assert dismissals(desk) == 1


def test_a_save_of_the_same_text_keeps_the_dismissal(dorothy, desk):
    save(dorothy, desk, "The yen is WRONG.")
    dorothy.post(dismiss_url(desk), json={"reason": "Quoted."})
    [finding] = ours(save(dorothy, desk, "The yen is WRONG.")["findings"])
    assert finding["dismissed"]["reason"] == "Quoted."


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "   "}, {"reason": 3}])
def test_a_dismissal_needs_a_reason(dorothy, desk, body):
    save(dorothy, desk, "The yen is WRONG.")
    response = dorothy.post(dismiss_url(desk), json=body)
    assert response.status_code == 400
    assert response.get_json()["error"]["message"]
    assert dismissals(desk) == 0


def test_an_unknown_check_is_not_found(dorothy, desk):
    response = dorothy.post(dismiss_url(desk, check="nonsense"), json={"reason": "No."})
    assert response.status_code == 404
    assert dismissals(desk) == 0


def test_someone_who_may_not_edit_cannot_dismiss(app, desk):
    for person in (desk.other, desk.reviewer):  # the reviewer before the review starts
        response = token_client(app, person).post(dismiss_url(desk), json={"reason": "No."})
        assert response.status_code in (403, 409)
    assert dismissals(desk) == 0


def test_the_reviewer_may_dismiss_during_the_review_and_a_coordinator_always(app, desk):
    desk.write(desk.translator, 1, "The yen is WRONG.")
    for index, text in enumerate(["Title", None, "Two.", "Three."]):
        if text:
            desk.write(desk.translator, index, text)
    desk.submit()
    desk.take_review()
    reviewer = token_client(app, desk.reviewer)
    assert reviewer.post(dismiss_url(desk), json={"reason": "Fine."}).status_code == 201
    coordinator = token_client(app, desk.coordinator)
    assert coordinator.post(dismiss_url(desk), json={"reason": "Agreed."}).status_code == 201
    assert dismissals(desk) == 2


def test_a_dismissal_without_the_csrf_token_is_refused(app, desk):
    client = signed_in_as(app, desk.translator)
    response = client.post(dismiss_url(desk), json={"reason": "Fine."})
    assert response.status_code in (400, 403)
    assert dismissals(desk) == 0


def translation_state(desk: Desk) -> TranslationState:
    with desk.session() as session:
        return session.get(Translation, desk.translation_id).state  # type: ignore[union-attr]


# --- Submitting and approving ----------------------------------------------------------------


class FakeNumbers(Shouting):
    """Stands in for the numbers check, so that the block setting has something to block."""

    name: ClassVar[str] = "numbers"


@pytest.fixture
def numbers_blocking(app: Flask) -> Iterator[None]:
    real = CHECKS.get("numbers")
    CHECKS["numbers"] = FakeNumbers()
    app.config["CHECKS_BLOCK_NUMBERS"] = True
    yield
    app.config["CHECKS_BLOCK_NUMBERS"] = False
    if real is not None:
        CHECKS["numbers"] = real
    else:
        del CHECKS["numbers"]


def written(desk: Desk, wrong: bool = True) -> None:
    for index, text in enumerate(ENGLISH):
        desk.write(desk.translator, index, text + (f" {WORD}" if wrong and index == 2 else ""))


def submit_url(desk: Desk, action: str = "submit") -> str:
    return f"/translations/{desk.translation_id}/actions/{action}"


def test_submitting_with_an_open_error_asks_for_confirmation_first(app, desk):
    written(desk)
    client = signed_in_as(app, desk.translator)
    response = post_form(client, submit_url(desk))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'data-testid="checks-confirm"' in page
    assert "Segment 3" in page and "WRONG is wrong." in page
    assert translation_state(desk) is TranslationState.DRAFT
    response = post_form(client, submit_url(desk), {"confirm": "1"})
    assert response.status_code == 302
    assert translation_state(desk) is TranslationState.IN_REVIEW


def test_a_dismissed_finding_is_not_asked_about(app, desk):
    written(desk)
    client = token_client(app, desk.translator)
    assert client.post(dismiss_url(desk, 2), json={"reason": "Quoted."}).status_code == 201
    response = post_form(signed_in_as(app, desk.translator), submit_url(desk))
    assert response.status_code == 302
    assert translation_state(desk) is TranslationState.IN_REVIEW


def test_approving_with_an_open_error_asks_the_reviewer_too(app, desk):
    written(desk)
    desk.submit()
    desk.take_review()
    client = signed_in_as(app, desk.reviewer)
    response = post_form(client, submit_url(desk, "approve"))
    assert response.status_code == 200
    assert 'data-testid="checks-confirm"' in response.get_data(as_text=True)
    assert translation_state(desk) is TranslationState.IN_REVIEW
    assert post_form(client, submit_url(desk, "approve"), {"confirm": "1"}).status_code == 302
    assert translation_state(desk) is TranslationState.APPROVED


def test_the_api_does_not_ask_without_the_block_setting(app, desk):
    written(desk)
    response = token_client(app, desk.translator).post(
        f"/api/v1/translations/{desk.translation_id}/transitions", json={"action": "submit"}
    )
    assert response.status_code == 200
    assert translation_state(desk) is TranslationState.IN_REVIEW


def test_the_block_setting_stops_open_numbers_findings_even_confirmed(app, desk, numbers_blocking):
    written(desk)
    client = signed_in_as(app, desk.translator)
    response = post_form(client, submit_url(desk), {"confirm": "1"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert 'data-testid="checks-blocked"' in page
    assert 'data-testid="checks-confirm-button"' not in page
    api = token_client(app, desk.translator).post(
        f"/api/v1/translations/{desk.translation_id}/transitions", json={"action": "submit"}
    )
    assert api.status_code == 409
    body = api.get_json()
    assert body["error"]["code"] == "checks_block"
    assert {f["check"] for f in body["findings"]} == {"numbers"}
    assert body["findings"][0]["number"] == 3
    assert translation_state(desk) is TranslationState.DRAFT


def test_a_dismissed_numbers_finding_no_longer_blocks(app, desk, numbers_blocking):
    written(desk)
    client = token_client(app, desk.translator)
    for check in ("numbers", "shouting"):
        assert client.post(dismiss_url(desk, 2, check), json={"reason": "Ok."}).status_code == 201
    response = client.post(
        f"/api/v1/translations/{desk.translation_id}/transitions", json={"action": "submit"}
    )
    assert response.status_code == 200


# --- The editor page -------------------------------------------------------------------------


def test_the_editor_counts_open_findings_and_lists_them_without_javascript(app, desk):
    desk.write(desk.translator, 1, "The yen is WRONG.")
    page = signed_in_as(app, desk.translator).get(f"/translations/{desk.translation_id}/edit")
    html = page.get_data(as_text=True)
    # The real checks may have something to say too: the count is every open finding listed.
    count = re.search(r"<span data-open-findings>(\d+)</span> open finding", html)
    assert count is not None
    assert int(count[1]) == html.count('data-testid="row-finding"') >= 1
    assert "Error: WRONG is wrong." in html


def test_the_editor_page_reads_findings_in_a_fixed_number_of_queries(app, desk):
    client = signed_in_as(app, desk.translator)
    url = f"/translations/{desk.translation_id}/edit"
    desk.write(desk.translator, 1, "The yen is WRONG.")
    with counting_queries(app) as few:
        assert client.get(url).status_code == 200
    desk.write(desk.translator, 2, "Also WRONG.")
    desk.write(desk.translator, 3, "WRONG again.")
    with counting_queries(app) as more:
        assert client.get(url).status_code == 200
    assert len(more) == len(few)
