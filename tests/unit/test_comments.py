"""Comments: threads on segments and on the whole translation, replies, resolving, mentions,
and who is told."""

import pytest
from sqlalchemy import select

from tests.desk import Desk
from translate_flow.core.errors import NotFound, PermissionDenied, ValidationFailed
from translate_flow.domain.models import Notification, Role, Translation, User
from translate_flow.editing import comments
from translate_flow.notifications import notices as notifications

SITE = "https://desk.example.org"


def add(
    desk: Desk, user: User, body: str, *, segment: int | None = 1, parent_id: int | None = None
):  # type: ignore[no-untyped-def]
    with desk.session() as session:
        translation = desk.translation(session)
        parent = comments.get_comment(session, translation, parent_id) if parent_id else None
        added = comments.add_comment(
            session,
            desk.person(session, user),
            translation,
            body,
            segment_id=desk.segment_ids[segment] if segment is not None and not parent else None,
            parent=parent,
        )
        notifications.notify_comment(
            session,
            translation,
            desk.person(session, user),
            added.comment.body,
            mentioned=added.mentioned,
            thread_people=added.thread_people,
            site_url=SITE,
        )
        return added.comment.id, [p.display_name for p in added.mentioned]


def notices(desk: Desk) -> list[tuple[str, str]]:
    """(who, kind) of every notification, oldest first."""
    with desk.session() as session:
        rows = session.execute(
            select(User.display_name, Notification.kind)
            .join(User, User.id == Notification.user_id)
            .where(Notification.kind.like("comment:%"))
            .order_by(Notification.id)
        )
        return [(name, kind) for name, kind in rows]


def test_a_comment_on_a_segment_opens_a_thread_there(desk):
    comment_id, mentioned = add(desk, desk.other, "Is “円安” the weak yen here?")
    assert mentioned == []
    with desk.session() as session:
        [thread] = comments.threads(session, desk.translation(session))
        assert thread.root.id == comment_id
        row_of = comments.row_segments(session, desk.translation(session))
        assert row_of[thread.translation_segment_id] == desk.segment_ids[1]


def test_a_comment_on_the_whole_translation_has_no_segment(desk):
    add(desk, desk.reviewer, "Overall: keep the headline short.", segment=None)
    with desk.session() as session:
        [thread] = comments.threads(session, desk.translation(session))
        assert thread.translation_segment_id is None


def test_replies_stay_one_level_deep_and_on_the_thread_segment(desk):
    root, _ = add(desk, desk.reviewer, "Check the figure.", segment=2)
    reply, _ = add(desk, desk.translator, "It is 150, as in the source.", parent_id=root)
    add(desk, desk.reviewer, "Right, thanks.", parent_id=reply)  # a reply to a reply
    with desk.session() as session:
        [thread] = comments.threads(session, desk.translation(session))
        assert [c.body for c in thread.comments] == [
            "Check the figure.",
            "It is 150, as in the source.",
            "Right, thanks.",
        ]
        assert all(c.parent_id == root for c in thread.replies)
        assert all(
            c.translation_segment_id == thread.translation_segment_id for c in thread.replies
        )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("@Rafael Reviewer please look", ["Rafael Reviewer"]),
        ("@rafael reviewer, please look", ["Rafael Reviewer"]),
        ("Thanks @Rafael Reviewer.", ["Rafael Reviewer"]),
        ("@Dorothy Phoenix and @Rafael Reviewer", ["Dorothy Phoenix", "Rafael Reviewer"]),
        ("@Rafael", []),  # a first name alone names nobody for sure
        ("rafael@example.org wrote", []),  # an e-mail address is no mention
        ("@Nobody Here", []),
    ],
)
def test_mentions_name_people_by_their_whole_name(desk, body, expected):
    _comment, mentioned = add(desk, desk.other, body)
    assert sorted(mentioned) == expected


def test_a_mention_of_a_deactivated_person_tells_nobody(desk):
    with desk.session() as session:
        desk.person(session, desk.reviewer).is_active = False
    assert add(desk, desk.other, "@Rafael Reviewer?")[1] == []


def test_those_mentioned_and_those_involved_are_told_once_never_the_author(desk):
    add(desk, desk.other, "@Dorothy Phoenix, @Cora Coordinator: see the figure.")
    assert notices(desk) == [
        ("Dorothy Phoenix", "comment:mentioned"),
        ("Cora Coordinator", "comment:mentioned"),
    ]


def test_the_translator_hears_of_comments_and_thread_writers_of_replies(desk):
    root, _ = add(desk, desk.other, "Why “stagnation”?")
    add(desk, desk.coordinator, "Agreed, odd word.", parent_id=root)
    assert notices(desk) == [
        ("Dorothy Phoenix", "comment:added"),
        ("Dorothy Phoenix", "comment:added"),
        ("Olga Other", "comment:added"),
    ]


def test_an_empty_or_overlong_comment_is_refused(desk):
    with pytest.raises(ValidationFailed, match="Write something"):
        add(desk, desk.other, "   ")
    with pytest.raises(ValidationFailed, match="under"):
        add(desk, desk.other, "x" * (comments.MAX_COMMENT_CHARS + 1))


def test_a_comment_of_another_translation_is_not_found(desk, make_article):
    root, _ = add(desk, desk.other, "Here.")
    article = make_article(desk.coordinator)
    with desk.session() as session:
        elsewhere = session.scalars(
            select(Translation).where(Translation.article_id == article.id)
        ).first()
        assert elsewhere is not None
        with pytest.raises(NotFound):
            comments.get_comment(session, elsewhere, root)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("author", True), ("translator", True), ("coordinator", True), ("stranger", False)],
)
def test_who_resolves_a_thread(desk, make_user, who, allowed):
    root, _ = add(desk, desk.other, "Typo in the title?")
    stranger = make_user(Role.TRANSLATOR, pairs=["de:en"])
    person = {
        "author": desk.other,
        "translator": desk.translator,
        "coordinator": desk.coordinator,
        "stranger": stranger,
    }[who]
    with desk.session() as session:
        translation = desk.translation(session)
        comment = comments.get_comment(session, translation, root)
        if allowed:
            comments.set_resolved(
                session, desk.person(session, person), translation, comment, resolved=True
            )
            assert comment.is_resolved
        else:
            with pytest.raises(PermissionDenied):
                comments.set_resolved(
                    session, desk.person(session, person), translation, comment, resolved=True
                )


def test_a_reply_reopens_a_resolved_thread(desk):
    root, _ = add(desk, desk.other, "Typo?")
    with desk.session() as session:
        translation = desk.translation(session)
        comment = comments.get_comment(session, translation, root)
        comments.set_resolved(
            session, desk.person(session, desk.translator), translation, comment, resolved=True
        )
    add(desk, desk.other, "Still there.", parent_id=root)
    with desk.session() as session:
        [thread] = comments.threads(session, desk.translation(session))
        assert not thread.is_resolved


def test_resolving_a_reply_resolves_its_thread(desk):
    root, _ = add(desk, desk.other, "Typo?")
    reply, _ = add(desk, desk.translator, "Fixed.", parent_id=root)
    with desk.session() as session:
        translation = desk.translation(session)
        resolved = comments.set_resolved(
            session,
            desk.person(session, desk.translator),
            translation,
            comments.get_comment(session, translation, reply),
            resolved=True,
        )
        assert resolved.id == root
