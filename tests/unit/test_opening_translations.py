"""Opening a translation into another language: who may, into which language, and what it
starts with, on each database."""

import pytest

from tests.unit.workflow_cast import Mark, S, _refused, english_translations
from translate_flow.core.errors import Conflict, PermissionDenied, UnknownLanguage, ValidationFailed
from translate_flow.workflow.opening import create_translation
from translate_flow.workflow.transitions import history


def test_a_coordinator_opens_a_translation_into_another_language(cast, session):
    coordinator = cast.person(session, "coordinator")
    article = english_translations(session)[0].article
    mark = Mark.take(session)
    translation = create_translation(session, coordinator, article, "DE")
    revision = article.current_revision
    assert revision is not None
    assert (translation.state, translation.target_language) == (S.OPEN, "de")
    assert translation.source_revision_id == revision.id
    assert sorted(row.segment_id for row in translation.segments) == sorted(
        segment.id for segment in revision.segments
    )
    assert all(row.text == "" for row in translation.segments)
    session.expire_all()
    (event,) = mark.new_events(session)
    assert (event.action, event.subject_id, event.payload) == (
        "translation:created",
        translation.id,
        {"target_language": "de"},
    )
    assert [e.action for e in history(session, translation)] == ["translation:created"]


@pytest.mark.parametrize(
    ("kind", "language", "error", "match"),
    [
        ("coordinator", "en", Conflict, "already has a translation into en"),
        ("admin", "ja", ValidationFailed, "another language"),
        ("coordinator", "ja-JP", ValidationFailed, "another language"),
        ("translator", "de", PermissionDenied, "coordinators"),
        ("inactive", "de", PermissionDenied, "coordinators"),
        ("coordinator", "zz-nonsense", UnknownLanguage, "not a language code"),
    ],
)
def test_opening_a_translation_is_refused_without_a_trace(
    cast, db, session, kind, language, error, match
):
    article = english_translations(session)[0].article
    person = cast.person(session, kind)
    _refused(
        db, session, error, match, lambda: create_translation(session, person, article, language)
    )
