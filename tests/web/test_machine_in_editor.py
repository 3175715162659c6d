"""Machine translation beside the editor: each engine's suggestion for a segment in the
suggestions object (cached the second time, failed engines apart, nothing sent where no engine
may suggest or the person does not work in the pair), and the whole-article machine draft
(only where the pair allows drafts, only for the translator, only into empty segments, saved
as a machine draft and never done)."""

from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import csrf_token, sign_in
from tests.desk import claimed_translation
from tests.machine_desk import EchoEngine, _fresh_engines, add_row  # noqa: F401
from tests.web.snapshot import database_snapshot
from tests.web.test_articles_api import token_client
from translate_flow.domain.models import (
    MachineMode,
    RevisionOrigin,
    Role,
    Segment,
    SegmentRevision,
    Translation,
    TranslationSegment,
    User,
)
from translate_flow.editing import saving as editing
from translate_flow.machine.configured import admin_engines
from translate_flow.machine.pair_settings import choose

TITLE = "Washington y el precio de los alimentos"
PARAGRAPHS = [
    "Los aranceles afectan a los productores del sur.",
    "Las cooperativas temen perder mercados.",
]


@dataclass
class SpanishDesk:
    app: Flask
    admin: User
    translator: User
    reviewer: User
    translation_id: int
    segment_ids: list[int]  # title first

    def db(self):  # type: ignore[no-untyped-def]
        return self.app.extensions["translate_flow.db"]

    def set_mode(self, name: str, mode: MachineMode) -> None:
        with self.db().transaction() as session:
            engine = next(e for e in admin_engines(session) if e.name == name)
            choose(session, session.merge(self.admin), engine, "es", "en", mode)

    def rows(self) -> list[tuple[str, bool]]:
        with self.db().session(write=False) as session:
            found = session.execute(
                select(TranslationSegment.text, TranslationSegment.is_done)
                .join(Segment, Segment.id == TranslationSegment.segment_id)
                .where(TranslationSegment.translation_id == self.translation_id)
                .order_by(Segment.position)
            ).all()
            return [(text, done) for text, done in found]

    def revisions(self) -> list[SegmentRevision]:
        with self.db().session(write=False) as session:
            found = list(
                session.scalars(
                    select(SegmentRevision)
                    .where(SegmentRevision.translation_id == self.translation_id)
                    .order_by(SegmentRevision.id)
                )
            )
            session.expunge_all()
            return found

    def suggestions_url(self, index: int = 1, query: str = "") -> str:
        segment = self.segment_ids[index]
        return f"/api/v1/translations/{self.translation_id}/segments/{segment}/suggestions{query}"

    @property
    def draft_url(self) -> str:
        return f"/api/v1/translations/{self.translation_id}/machine-draft"


@pytest.fixture
def spanish(app: Flask, make_user, make_article) -> SpanishDesk:  # type: ignore[no-untyped-def]
    """A Spanish article whose English translation its translator holds; Echo is on (es→en),
    an engine over its quota too, and an admin-added engine nobody enabled."""
    admin = make_user(Role.ADMIN)
    coordinator = make_user(Role.COORDINATOR)
    translator = make_user(Role.TRANSLATOR, pairs=["es:en"], name="Rosa Traductora")
    reviewer = make_user(Role.REVIEWER, reviews=["es:en"])
    article = make_article(
        coordinator, title=TITLE, body="\n\n".join(PARAGRAPHS), source_language="es"
    )
    with app.extensions["translate_flow.db"].transaction() as session:
        add_row(session, name="echo", creator=admin)
        add_row(session, name="idle", enabled=False)
        translation_id, segment_ids = claimed_translation(session, article.id, translator)
    return SpanishDesk(app, admin, translator, reviewer, translation_id, segment_ids)


# --- Suggestions ------------------------------------------------------------------------------


def test_the_suggestions_hold_each_engines_text_and_the_second_ask_sends_nothing(app, spanish):
    client = token_client(app, spanish.translator)
    body = client.get(spanish.suggestions_url()).get_json()
    assert body["machine"] == [
        {"engine": "echo", "label": "Echo", "text": f"[echo en] {PARAGRAPHS[0]}", "cached": False}
    ]
    assert body["machine_unavailable"] == []
    assert body["machine_note"] is None
    assert "memory" in body and "terms" in body
    again = client.get(spanish.suggestions_url()).get_json()
    assert again["machine"][0]["cached"] is True
    assert [text for text, _s, _t in EchoEngine.sent] == [PARAGRAPHS[0]]


def test_machine_0_leaves_the_engines_out_and_machine_only_answers_them_alone(app, spanish):
    client = token_client(app, spanish.translator)
    without = client.get(spanish.suggestions_url(query="?machine=0")).get_json()
    assert not {"machine", "machine_unavailable", "machine_note"} & set(without)
    assert {"memory", "terms"} <= set(without)
    assert EchoEngine.sent == []
    alone = client.get(spanish.suggestions_url(query="?machine=only")).get_json()
    assert not {"memory", "terms"} & set(alone)
    assert [m["engine"] for m in alone["machine"]] == ["echo"]


def test_a_failed_engine_is_listed_apart_and_the_others_still_answer(app, spanish):
    with spanish.db().transaction() as session:
        add_row(session, name="quota", kind="test-quota")
    client = token_client(app, spanish.translator)
    body = client.get(spanish.suggestions_url(query="?machine=only")).get_json()
    assert [m["engine"] for m in body["machine"]] == ["echo"]
    [failed] = body["machine_unavailable"]
    assert failed["engine"] == "quota"
    assert failed["label"] == "Quota"
    assert "quota" in failed["reason"].lower()
    assert all("text" in m for m in body["machine"])


def test_no_text_is_sent_where_no_engine_may_suggest_and_the_note_says_so(app, spanish):
    spanish.set_mode("echo", MachineMode.OFF)
    client = token_client(app, spanish.translator)
    body = client.get(spanish.suggestions_url(query="?machine=only")).get_json()
    assert body["machine"] == [] and body["machine_unavailable"] == []
    assert body["machine_note"] == "No machine translation engine serves es→en."
    assert EchoEngine.sent == []


def test_someone_outside_the_pair_sees_the_memory_but_sends_nothing(app, make_user, spanish):
    client = token_client(app, make_user(Role.TRANSLATOR, pairs=["ja:en"]))
    body = client.get(spanish.suggestions_url()).get_json()
    assert body["machine"] == []
    assert "translate or review" in body["machine_note"]
    assert "memory" in body
    assert EchoEngine.sent == []


def test_a_wrong_machine_value_is_refused_with_a_sentence(app, spanish):
    client = token_client(app, spanish.translator)
    response = client.get(spanish.suggestions_url(query="?machine=yes"))
    assert response.status_code == 400
    assert "machine must be 1" in response.get_json()["error"]["message"]
    assert EchoEngine.sent == []


def test_the_title_is_asked_about_like_any_segment(app, spanish):
    client = token_client(app, spanish.translator)
    body = client.get(spanish.suggestions_url(index=0, query="?machine=only")).get_json()
    assert body["machine"][0]["text"] == f"[echo en] {TITLE}"


# --- The whole-article draft ------------------------------------------------------------------


def test_a_draft_fills_the_empty_segments_only_as_machine_drafts_never_done(app, spanish):
    spanish.set_mode("echo", MachineMode.DRAFTS)
    with spanish.db().transaction() as session:
        translation = session.get(Translation, spanish.translation_id)
        assert translation is not None
        editing.save_segment(
            session,
            session.merge(spanish.translator),
            translation,
            spanish.segment_ids[0],
            text="Washington and the price of food",
            base_version=0,
        )
    client = token_client(app, spanish.translator)
    response = client.post(spanish.draft_url)
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {
        "filled": 2,
        "segment_ids": spanish.segment_ids[1:],
        "engine": "echo",
    }
    assert spanish.rows() == [
        ("Washington and the price of food", False),
        (f"[echo en] {PARAGRAPHS[0]}", False),
        (f"[echo en] {PARAGRAPHS[1]}", False),
    ]
    drafted = spanish.revisions()[1:]
    assert [r.origin for r in drafted] == [RevisionOrigin.MACHINE_DRAFT] * 2
    assert [(r.suggestion_kind, r.suggestion_engine) for r in drafted] == [("machine", "echo")] * 2
    assert [r.suggestion_text for r in drafted] == [r.text for r in drafted]
    # The title was typed: it was never sent.
    assert [text for text, _s, _t in EchoEngine.sent] == PARAGRAPHS
    # Nothing left empty: a second draft fills nothing.
    again = client.post(spanish.draft_url).get_json()
    assert again == {"filled": 0, "segment_ids": [], "engine": "echo"}


def test_no_draft_where_the_pair_allows_suggestions_only(app, spanish):
    client = token_client(app, spanish.translator)
    before = database_snapshot(spanish.db())
    response = client.post(spanish.draft_url)
    assert response.status_code == 403
    assert "Machine drafts are not allowed for es→en" in response.get_json()["error"]["message"]
    assert database_snapshot(spanish.db()) == before
    assert EchoEngine.sent == []


@pytest.mark.parametrize("who", ["reviewer", "outsider"])
def test_only_the_translator_may_have_a_draft(app, make_user, spanish, who):
    spanish.set_mode("echo", MachineMode.DRAFTS)
    person = spanish.reviewer if who == "reviewer" else make_user(Role.TRANSLATOR, pairs=["es:en"])
    client = token_client(app, person)
    before = database_snapshot(spanish.db())
    response = client.post(spanish.draft_url)
    assert response.status_code in (403, 409), response.get_json()
    assert response.get_json()["error"]["message"]
    assert database_snapshot(spanish.db()) == before
    assert EchoEngine.sent == []


def test_a_failing_draft_engine_writes_nothing_and_says_when_to_retry(app, spanish):
    with spanish.db().transaction() as session:
        add_row(session, name="quota", kind="test-quota")
    spanish.set_mode("quota", MachineMode.DRAFTS)
    client = token_client(app, spanish.translator)
    before = database_snapshot(spanish.db())
    response = client.post(spanish.draft_url)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    assert database_snapshot(spanish.db()) == before


def _browser(app: Flask, person: User) -> FlaskClient:
    client = app.test_client()
    sign_in(client, person.email)
    return client


def test_the_editor_offers_the_draft_only_where_the_pair_allows_it(app, spanish):
    page = f"/translations/{spanish.translation_id}/edit"
    client = _browser(app, spanish.translator)
    html = client.get(page).get_data(as_text=True)
    assert 'data-testid="machine-draft"' not in html
    assert 'data-suggestions="true"' in html
    spanish.set_mode("echo", MachineMode.DRAFTS)
    assert 'data-testid="machine-draft"' in client.get(page).get_data(as_text=True)
    spanish.set_mode("echo", MachineMode.OFF)
    assert 'data-suggestions="false"' in client.get(page).get_data(as_text=True)


def test_the_draft_works_as_a_form_without_javascript(app, spanish):
    spanish.set_mode("echo", MachineMode.DRAFTS)
    client = _browser(app, spanish.translator)
    url = f"/translations/{spanish.translation_id}/machine-draft"
    assert client.post(url).status_code == 400  # no CSRF token: nothing happens
    assert EchoEngine.sent == []
    response = client.post(url, data={"csrf_token": csrf_token(client)}, follow_redirects=True)
    assert response.status_code == 200
    assert response.request.path == f"/translations/{spanish.translation_id}/edit"
    html = response.get_data(as_text=True)
    assert "Filled 3 empty segments from machine translation" in html
    assert f"[echo en] {PARAGRAPHS[1]}" in html
    assert all(not done for _text, done in spanish.rows())
