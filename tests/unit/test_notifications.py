"""Who is told what, how they want it by e-mail, digests by the clock, and mentions."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from translate_flow.core.errors import NotFound
from translate_flow.domain.models import (
    EmailPreference,
    Notification,
    OutboxEmail,
    Role,
    Translation,
    User,
)
from translate_flow.domain.workflow import Action, ChangeReason, Request
from translate_flow.notifications import notices as notifications
from translate_flow.notifications.notices import Kind
from translate_flow.notifications.outbox import queue_email
from translate_flow.workflow.transitions import fire

SITE = "https://desk.example.org"
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@dataclass
class Desk:
    """People around one translation (ja→en), by name; ids only, so any session can load them."""

    ids: dict[str, int]
    translation_id: int

    def person(self, session, name: str) -> User:  # type: ignore[no-untyped-def]
        return session.get(User, self.ids[name])

    def translation(self, session) -> Translation:  # type: ignore[no-untyped-def]
        return session.get(Translation, self.translation_id)

    def name_of(self, user_id: int) -> str:
        return next(name for name, id_ in self.ids.items() if id_ == user_id)


@pytest.fixture
def desk(make_user, make_article, session) -> Desk:
    # Everyone is committed before `session` first writes (on SQLite it then holds the lock).
    people = {
        "coord": make_user(Role.COORDINATOR, Role.TRANSLATOR, pairs=["ja:en"]),
        # Tina also reviews ja→en: as the translator she is still not asked to review.
        "tina": make_user(Role.TRANSLATOR, Role.REVIEWER, reviews=["ja:en"]),
        "tom": make_user(Role.TRANSLATOR, pairs=["ja:en"]),
        "rita": make_user(Role.REVIEWER, reviews=["ja:en"]),
        "rob": make_user(Role.REVIEWER, Role.TRANSLATOR, reviews=["ja:en"]),
        # Not reviewers of this translation: another pair, no review right, inactive.
        "dora": make_user(Role.REVIEWER, reviews=["de:en"]),
        "paul": make_user(Role.REVIEWER, pairs=["ja:en"]),
        "ivy": make_user(Role.REVIEWER, reviews=["ja:en"], active=False),
    }
    article = make_article(people["coord"], title="Diet passes budget")
    translation_id = session.scalar(
        select(Translation.id).where(Translation.article_id == article.id)
    )
    return Desk({name: user.id for name, user in people.items()}, translation_id)


def _act(session, desk: Desk, actor: str, action: Action, **kwargs) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Fire `action` as `actor`, notify, and return {recipient name: kind} of this action."""
    translation = desk.translation(session)
    for name in ("translator", "reviewer"):
        if name in kwargs:
            kwargs[name] = desk.person(session, kwargs[name])
    fired = fire(session, desk.person(session, actor), translation, action, **kwargs)
    sent = notifications.notify_transition(session, fired, site_url=SITE)
    return {desk.name_of(n.user_id): n.kind for n in sent}


def _translate_everything(session, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    for segment in desk.translation(session).segments:
        segment.text = "Translated."
    session.flush()


def _to_review(session, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    _act(session, desk, "coord", Action.ASSIGN, translator="tina", reviewer="rita")
    _translate_everything(session, desk)
    _act(session, desk, "tina", Action.SUBMIT)


def test_assigning_tells_the_translator_and_the_named_reviewer(session, desk):
    told = _act(session, desk, "coord", Action.ASSIGN, translator="tina", reviewer="rita")
    assert told == {"tina": Kind.ASSIGNED, "rita": Kind.REVIEW_ASSIGNED}
    message = session.scalar(
        select(Notification.message).where(Notification.user_id == desk.ids["tina"])
    )
    assert "assigned you “Diet passes budget” (ja→en), due" in message


def test_handing_an_item_on_tells_the_translator_who_loses_it(session, desk):
    _act(session, desk, "coord", Action.ASSIGN, translator="tina")
    told = _act(session, desk, "coord", Action.ASSIGN, translator="tom")
    assert told == {"tina": Kind.RELEASED, "tom": Kind.ASSIGNED}


def test_submitting_tells_every_active_reviewer_of_the_pair_but_the_translator(session, desk):
    _act(session, desk, "coord", Action.ASSIGN, translator="tina")
    _translate_everything(session, desk)
    told = _act(session, desk, "tina", Action.SUBMIT)
    # Not Tina (her own work), Dora (de→en), Paul (no review right), Ivy (inactive).
    assert told == {"rita": Kind.SUBMITTED, "rob": Kind.SUBMITTED}


def test_submitting_tells_only_the_named_reviewer_when_there_is_one(session, desk):
    _act(session, desk, "coord", Action.ASSIGN, translator="tina", reviewer="rita")
    _translate_everything(session, desk)
    assert _act(session, desk, "tina", Action.SUBMIT) == {"rita": Kind.SUBMITTED}


def test_changes_requested_tell_the_translator_why(session, desk):
    _to_review(session, desk)
    told = _act(
        session,
        desk,
        "rita",
        Action.REQUEST_CHANGES,
        request=Request(
            change_reason=ChangeReason.TERMINOLOGY, reason="Use “Diet”, not parliament."
        ),
    )
    assert told == {"tina": Kind.CHANGES_REQUESTED}
    message = session.scalar(
        select(Notification.message).where(Notification.kind == Kind.CHANGES_REQUESTED)
    )
    assert "terminology: Use “Diet”, not parliament." in message


def test_approval_tells_the_translator_and_publishing_tells_translator_and_reviewer(session, desk):
    _to_review(session, desk)
    assert _act(session, desk, "rita", Action.APPROVE) == {"tina": Kind.APPROVED}
    told = _act(session, desk, "coord", Action.PUBLISH)
    assert told == {"tina": Kind.PUBLISHED, "rita": Kind.PUBLISHED}


def test_a_coordinator_withdrawing_tells_the_translator_with_the_reason(session, desk):
    _act(session, desk, "coord", Action.ASSIGN, translator="tina")
    told = _act(session, desk, "coord", Action.WITHDRAW, request=Request(reason="Paywalled."))
    assert told == {"tina": Kind.WITHDRAWN}
    message = session.scalar(
        select(Notification.message).where(Notification.kind == Kind.WITHDRAWN)
    )
    assert message.endswith("withdrew “Diet passes budget” (ja→en): Paywalled.")


def test_a_coordinator_releasing_a_claim_tells_its_translator(session, desk):
    _act(session, desk, "tom", Action.CLAIM)
    assert _act(session, desk, "coord", Action.RELEASE) == {"tom": Kind.RELEASED}


@pytest.mark.parametrize(
    ("steps", "last"),
    [
        ([], ("tom", Action.CLAIM, {})),
        ([("tom", Action.CLAIM, {})], ("tom", Action.RELEASE, {})),
        # A coordinator who translates assigns themselves: nobody to tell.
        ([], ("coord", Action.ASSIGN, {"translator": "coord"})),
    ],
    ids=["claim", "release-own", "assign-self"],
)
def test_nobody_is_told_about_their_own_action(session, desk, steps, last):
    for actor, action, kwargs in steps:
        _act(session, desk, actor, action, **kwargs)
    actor, action, kwargs = last
    assert _act(session, desk, actor, action, **kwargs) == {}
    assert session.scalar(select(func.count()).select_from(Notification)) == 0


# E-mail preferences


def _outbox(session) -> list[OutboxEmail]:  # type: ignore[no-untyped-def]
    return list(session.scalars(select(OutboxEmail).order_by(OutboxEmail.id)))


def test_immediate_readers_get_an_email_with_the_link(session, desk):
    tina = desk.person(session, "tina")
    translation = desk.translation(session)
    notice = notifications.notify(
        session, tina, Kind.APPROVED, "Rita approved it.", translation=translation, site_url=SITE
    )
    [mail] = _outbox(session)
    assert mail.to_address == tina.email
    assert mail.dedupe_key == f"notification:{notice.id}"
    assert mail.subject == "Approved: Diet passes budget"
    assert "Rita approved it." in mail.body_text
    assert f"{SITE}/translations/{translation.id}" in mail.body_text


def test_a_link_path_given_is_the_link_in_the_email(session, desk):
    notifications.notify(
        session,
        desk.person(session, "tina"),
        "custom",
        "Look.",
        site_url=SITE + "/",
        link_path="/x",
    )
    [mail] = _outbox(session)
    assert f"Open it: {SITE}/x" in mail.body_text
    assert mail.subject == "Look."


@pytest.mark.parametrize(
    ("preference", "active"),
    [
        (EmailPreference.DIGEST, True),
        (EmailPreference.OFF, True),
        (EmailPreference.IMMEDIATE, False),
    ],
    ids=["digest", "off", "inactive"],
)
def test_no_immediate_email_unless_wanted_and_active(session, desk, preference, active):
    tina = desk.person(session, "tina")
    notifications.set_email_preference(session, tina, preference)
    tina.is_active = active
    notifications.notify(session, tina, Kind.APPROVED, "Approved.", site_url=SITE)
    assert _outbox(session) == []
    assert notifications.unread_count(session, tina) == 1  # still told in the app


def test_queueing_a_notices_email_again_never_makes_two(session, desk):
    notice = notifications.notify(
        session, desk.person(session, "tina"), Kind.APPROVED, "Approved.", site_url=SITE
    )
    [mail] = _outbox(session)
    again = queue_email(
        session, dedupe_key=f"notification:{notice.id}", to_address="x@y.org", subject="s", body="b"
    )
    assert again.id == mail.id
    assert len(_outbox(session)) == 1


# The list and read state


def test_unread_count_list_and_mark_read_are_per_person(session, desk):
    tina, tom = desk.person(session, "tina"), desk.person(session, "tom")
    mine = [
        notifications.notify(session, tina, Kind.APPROVED, f"Notice {i}", site_url=SITE)
        for i in range(3)
    ]
    theirs = notifications.notify(session, tom, Kind.APPROVED, "For Tom", site_url=SITE)
    assert notifications.unread_count(session, tina) == 3
    page = notifications.list_notifications(session, tina, 1, per_page=2)
    assert [n.message for n in page.items] == ["Notice 2", "Notice 1"]  # newest first
    assert (page.total, page.pages) == (3, 2)

    assert notifications.mark_read(session, tina, [mine[0].id], now=NOW) == 1
    assert notifications.mark_read(session, tina, [mine[0].id], now=NOW) == 0  # already read
    assert notifications.unread_count(session, tina) == 2
    with pytest.raises(NotFound):
        notifications.mark_read(session, tina, [mine[1].id, theirs.id])
    assert notifications.unread_count(session, tina) == 2  # nothing of the refused call
    assert notifications.mark_read(session, tina, notifications.ALL) == 2
    assert notifications.unread_count(session, tina) == 0
    assert notifications.unread_count(session, tom) == 1


# Daily digests


def _digests(session) -> list[OutboxEmail]:  # type: ignore[no-untyped-def]
    return [mail for mail in _outbox(session) if mail.dedupe_key.startswith("digest:")]


def test_daily_digest_lists_unread_notices_once_a_day(session, desk):
    dora = desk.person(session, "dora")
    notifications.set_email_preference(session, dora, EmailPreference.DIGEST)
    first, second, read = (
        notifications.notify(session, dora, Kind.SUBMITTED, text, site_url=SITE, now=NOW)
        for text in ("First notice", "Second notice", "Already read")
    )
    notifications.mark_read(session, dora, [read.id])
    translation = desk.translation(session)
    with_link = notifications.notify(
        session, dora, Kind.SUBMITTED, "About a translation", translation=translation, site_url=SITE
    )
    assert _outbox(session) == []  # digest readers get no e-mail per notice

    assert notifications.send_digests(session, now=NOW, site_url=SITE) == 1
    [digest] = _digests(session)
    assert digest.to_address == dora.email
    assert digest.dedupe_key == f"digest:{dora.id}:2026-03-02"
    assert digest.subject == "Your daily digest: 3 notification(s)"
    body = digest.body_text
    assert "First notice" in body and "Second notice" in body and "Already read" not in body
    assert f"{SITE}/translations/{translation.id}" in body
    assert {first.digested_at, second.digested_at, with_link.digested_at} == {NOW}
    assert read.digested_at is None
    assert dora.last_digest_at == NOW

    # Within 24 hours nothing more goes out, even with news; at 24 hours, only the news.
    news = notifications.notify(session, dora, Kind.APPROVED, "Fresh news", site_url=SITE)
    assert notifications.send_digests(session, now=NOW + timedelta(hours=23), site_url=SITE) == 0
    assert notifications.send_digests(session, now=NOW + timedelta(hours=24), site_url=SITE) == 1
    latest = _digests(session)[-1]
    assert latest.dedupe_key == f"digest:{dora.id}:2026-03-03"
    assert "Fresh news" in latest.body_text and "First notice" not in latest.body_text
    assert news.digested_at == NOW + timedelta(hours=24)


def test_digest_skips_people_without_news_other_preferences_and_the_inactive(session, desk):
    quiet, immediate, inactive = (desk.person(session, n) for n in ("tom", "tina", "rob"))
    for person in (quiet, inactive):
        notifications.set_email_preference(session, person, EmailPreference.DIGEST)
    inactive.is_active = False
    for person in (immediate, inactive):
        notifications.notify(session, person, Kind.APPROVED, "News", site_url=SITE)
    mails_before = len(_outbox(session))
    assert notifications.send_digests(session, now=NOW, site_url=SITE) == 0
    assert len(_outbox(session)) == mails_before
    assert quiet.last_digest_at is None  # the first news goes out at the next run


def test_a_second_run_at_the_same_moment_sends_no_second_digest(session, desk):
    dora = desk.person(session, "dora")
    notifications.set_email_preference(session, dora, EmailPreference.DIGEST)
    notifications.notify(session, dora, Kind.APPROVED, "News", site_url=SITE)
    assert notifications.send_digests(session, now=NOW, site_url=SITE) == 1
    notifications.notify(session, dora, Kind.APPROVED, "More news", site_url=SITE)
    assert notifications.send_digests(session, now=NOW, site_url=SITE) == 0
    assert len(_digests(session)) == 1


# Mentions


def test_a_mention_notifies_the_person_mentioned_with_an_excerpt(session, desk):
    rita, tina = desk.person(session, "rita"), desk.person(session, "tina")
    notice = notifications.notify_mention(
        session,
        rita,
        tina,
        desk.translation(session),
        "@rita is\n“Diet” right here?",
        site_url=SITE,
    )
    assert notice is not None and notice.kind == Kind.MENTIONED
    assert notice.user_id == rita.id
    assert notice.message == (
        f"{tina.display_name} mentioned you on “Diet passes budget” (ja→en): "
        "“@rita is “Diet” right here?”"
    )
    [mail] = _outbox(session)
    assert mail.to_address == rita.email and mail.subject.startswith("You were mentioned")


def test_a_long_excerpt_is_shortened_and_self_mentions_are_ignored(session, desk):
    rita, tina = desk.person(session, "rita"), desk.person(session, "tina")
    translation = desk.translation(session)
    notice = notifications.notify_mention(
        session, rita, tina, translation, "word " * 100, site_url=SITE
    )
    assert notice is not None
    excerpt = notice.message.split(": “", 1)[1]
    assert len(excerpt) == notifications.EXCERPT_LENGTH + 1 and excerpt.endswith("…”")
    assert (
        notifications.notify_mention(session, tina, tina, translation, "@me", site_url=SITE) is None
    )
    assert notifications.unread_count(session, tina) == 0
