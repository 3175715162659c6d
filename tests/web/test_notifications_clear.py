"""Notifications clear themselves: opening what a notice points to marks it read; a
"published" notice leads to the public page; the list is grouped by translation."""

import html
import re

from sqlalchemy import select

from tests.conftest import sign_in
from translate_flow.domain.models import (
    Event,
    Notification,
    Publication,
    Translation,
    TranslationState,
    User,
)
from translate_flow.domain.workflow import Action
from translate_flow.notifications import notices
from translate_flow.workflow.transitions import Fired

Kind = notices.Kind


def notify(desk, user: User, kind: str, message: str, translation_id: int | None = None) -> int:  # type: ignore[no-untyped-def]
    with desk.session() as session:
        translation = session.get(Translation, translation_id) if translation_id else None
        notice = notices.notify(
            session,
            session.get(User, user.id),
            kind,
            message,
            translation=translation,
            site_url="http://localhost",
        )
        return notice.id


def read_at(desk, notice_id: int):  # type: ignore[no-untyped-def]
    with desk.session() as session:
        return session.scalar(select(Notification.read_at).where(Notification.id == notice_id))


def client_of(desk, user: User):  # type: ignore[no-untyped-def]
    client = desk.app.test_client()
    sign_in(client, user.email)
    return client


def test_opening_the_editor_a_notice_leads_to_marks_it_read(desk):
    assigned = notify(desk, desk.translator, Kind.ASSIGNED, "Yours now", desk.translation_id)
    approved = notify(desk, desk.translator, Kind.APPROVED, "Approved", desk.translation_id)
    client = client_of(desk, desk.translator)

    assert client.get(f"/translations/{desk.translation_id}/edit").status_code == 200

    assert read_at(desk, assigned) is not None
    assert read_at(desk, approved) is None  # it leads to /review-changes, not opened yet


def test_opening_another_page_or_someone_elses_visit_marks_nothing(desk):
    assigned = notify(desk, desk.translator, Kind.ASSIGNED, "Yours now", desk.translation_id)
    other = notify(desk, desk.other, Kind.COMMENTED, "Hi", desk.translation_id)

    client_of(desk, desk.translator).get(f"/translations/{desk.translation_id}")
    client_of(desk, desk.reviewer).get(f"/translations/{desk.translation_id}/edit")

    assert read_at(desk, assigned) is None
    assert read_at(desk, other) is None


def test_a_published_notice_leads_to_the_public_page_and_is_read_there(desk):
    desk.publish()
    with desk.session() as session:
        translation = session.get(Translation, desk.translation_id)
        assert translation is not None
        event = session.scalars(select(Event).where(Event.action == "translation:publish")).one()
        sent = notices.notify_transition(
            session,
            Fired(
                translation=translation,
                actor=session.get(User, desk.coordinator.id),
                action=Action.PUBLISH,
                from_state=TranslationState.APPROVED,
                to_state=TranslationState.PUBLISHED,
                event=event,
                snapshot=None,
            ),
            site_url="http://localhost",
        )
        slug = session.scalar(select(Publication.slug))
        ids = [notice.id for notice in sent if notice.user_id == desk.translator.id]
    client = client_of(desk, desk.translator)

    listing = html.unescape(client.get("/notifications/").get_data(as_text=True))
    assert f'href="/read/{slug}" data-testid="notice-link">Read it published' in listing
    assert read_at(desk, ids[0]) is None

    assert client.get(f"/read/{slug}").status_code == 200
    assert read_at(desk, ids[0]) is not None


def test_notices_are_grouped_by_translation_newest_group_first_with_counts(
    desk, make_article, make_user
):
    desk.write(desk.translator, 0, "Before lamenting the weak yen")
    article = make_article(desk.coordinator, title="Second story")
    with desk.session() as session:
        second = session.scalar(select(Translation.id).where(Translation.article_id == article.id))
    notify(desk, desk.translator, Kind.ASSIGNED, "first", desk.translation_id)
    notify(desk, desk.translator, Kind.ASSIGNED, "second", second)
    notify(desk, desk.translator, Kind.COMMENTED, "third", desk.translation_id)
    notify(desk, desk.translator, Kind.APPROVED, "no translation")

    page = html.unescape(
        client_of(desk, desk.translator).get("/notifications/").get_data(as_text=True)
    )
    groups = [
        (re.search(r'data-translation="(\d+)"', attrs), body)
        for attrs, body in re.findall(
            r'<section class="notice-group"([^>]*)>(.*?)</section>', page, re.S
        )
    ]
    groups = [(m.group(1) if m else "", body) for m, body in groups]

    assert [g[0] for g in groups] == ["", str(desk.translation_id), str(second)]
    first_group = groups[1][1]
    assert 'data-testid="group-count">2 · 2 unread' in first_group
    assert first_group.index("third") < first_group.index("first")
    assert "Before lamenting the weak yen" in first_group and "円安を嘆く前に" in first_group
