"""Comments on a translation and on its segments: threads, replies, resolving, mentions."""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.core.errors import NotFound, PermissionDenied, ValidationFailed
from translate_flow.domain.models import Comment, Translation, TranslationSegment, User, utcnow
from translate_flow.domain.permissions import can_comment, can_resolve_comment
from translate_flow.editing.saving import find_row

MAX_COMMENT_CHARS = 5_000
# "@Dorothy Phoenix": an at sign, then up to four words of a name.
_MENTION = re.compile(r"(?<![\w@])@(\w[\w.'’-]*(?:[ \u00a0]\w[\w.'’-]*){0,3})")


@dataclass
class Thread:
    """A first comment and its replies, oldest first."""

    root: Comment
    replies: list[Comment] = field(default_factory=list)
    # The translated segment the thread is on; None for the whole translation.
    translation_segment_id: int | None = None

    @property
    def is_resolved(self) -> bool:
        return self.root.is_resolved

    @property
    def comments(self) -> list[Comment]:
        return [self.root, *self.replies]


@dataclass(frozen=True)
class Added:
    comment: Comment
    mentioned: list[User]
    thread_people: list[User]  # who else wrote in the thread (for a reply)


def _name_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def mentioned_people(session: Session, body: str) -> list[User]:
    """Active people named after an @, the longest name that matches winning."""
    matches = _MENTION.findall(body)
    if not matches:
        return []
    by_name: dict[str, User] = {}
    for person in session.scalars(select(User).where(User.is_active.is_(True))):
        by_name.setdefault(_name_key(person.display_name), person)
    found: dict[int, User] = {}
    for words in matches:
        parts = _name_key(words).split(" ")
        for size in range(len(parts), 0, -1):
            # A sentence may go on after the name: "@Dorothy Phoenix, could you…".
            candidate = " ".join(parts[:size]).rstrip(".,;:!?'’-")
            named = by_name.get(candidate)
            if named is not None:
                found.setdefault(named.id, named)
                break
    return list(found.values())


def _clean_body(body: str) -> str:
    body = unicodedata.normalize("NFC", body.replace("\r\n", "\n")).strip()
    if not body:
        raise ValidationFailed("Write something in the comment.")
    if len(body) > MAX_COMMENT_CHARS:
        raise ValidationFailed(
            f"Keep a comment under {MAX_COMMENT_CHARS:,} characters; this one has {len(body):,}."
        )
    return body


def get_comment(session: Session, translation: Translation, comment_id: int) -> Comment:
    comment = session.get(Comment, comment_id)
    if comment is None or comment.translation_id != translation.id:
        raise NotFound("There is no such comment on this translation.")
    return comment


def add_comment(
    session: Session,
    user: User,
    translation: Translation,
    body: str,
    *,
    segment_id: int | None = None,
    parent: Comment | None = None,
    now: datetime | None = None,
) -> Added:
    """A new thread (on a segment, or on the whole translation) or a reply to one."""
    if not can_comment(user):
        raise PermissionDenied("Only people on the desk comment on translations.")
    text = _clean_body(body)
    row_id: int | None = None
    if parent is not None:
        if parent.translation_id != translation.id:
            raise NotFound("There is no such comment on this translation.")
        # Replies go to the thread's first comment: threads are one level deep.
        if parent.parent_id is not None:
            root = session.get(Comment, parent.parent_id)
            assert root is not None
            parent = root
        row_id = parent.translation_segment_id
    elif segment_id is not None:
        row_id = find_row(session, translation, segment_id).id
    comment = Comment(
        translation_id=translation.id,
        translation_segment_id=row_id,
        parent_id=parent.id if parent is not None else None,
        author_id=user.id,
        body=text,
        created_at=now or utcnow(),
    )
    session.add(comment)
    if parent is not None and parent.resolved_at is not None:
        # A reply reopens the conversation.
        parent.resolved_at = None
        parent.resolved_by_id = None
    session.flush()
    thread_people: list[User] = []
    if parent is not None:
        ids = set(
            session.scalars(
                select(Comment.author_id).where(
                    (Comment.id == parent.id) | (Comment.parent_id == parent.id)
                )
            )
        )
        ids.discard(None)
        ids.discard(user.id)
        if ids:
            thread_people = list(
                session.scalars(select(User).where(User.id.in_(ids)).order_by(User.id))
            )
    return Added(comment, mentioned_people(session, text), thread_people)


def set_resolved(
    session: Session,
    user: User,
    translation: Translation,
    comment: Comment,
    *,
    resolved: bool,
    now: datetime | None = None,
) -> Comment:
    """Resolve a thread (or reopen it); the thread is the comment's first one."""
    root = comment
    if comment.parent_id is not None:
        parent = session.get(Comment, comment.parent_id)
        assert parent is not None
        root = parent
    if not can_resolve_comment(user, translation, root):
        raise PermissionDenied(
            "Only the person who started the thread, the translator, the reviewer and "
            "coordinators resolve it."
        )
    if resolved and root.resolved_at is None:
        root.resolved_at = now or utcnow()
        root.resolved_by_id = user.id
    elif not resolved:
        root.resolved_at = None
        root.resolved_by_id = None
    session.flush()
    return root


def threads(session: Session, translation: Translation) -> list[Thread]:
    """Every thread of the translation, oldest first, in one query."""
    comments = session.scalars(
        select(Comment).where(Comment.translation_id == translation.id).order_by(Comment.id)
    ).all()
    by_root: dict[int, Thread] = {}
    for comment in comments:
        if comment.parent_id is None:
            by_root[comment.id] = Thread(comment, [], comment.translation_segment_id)
        elif comment.parent_id in by_root:
            by_root[comment.parent_id].replies.append(comment)
    return list(by_root.values())


def threads_by_row(threads_: list[Thread]) -> dict[int | None, list[Thread]]:
    """Threads grouped by the translated segment they are on (None: the whole translation)."""
    grouped: dict[int | None, list[Thread]] = {}
    for thread in threads_:
        grouped.setdefault(thread.translation_segment_id, []).append(thread)
    return grouped


def row_segments(session: Session, translation: Translation) -> dict[int, int]:
    """Each translated-segment row's current source segment: how clients name segments."""
    return dict(
        session.execute(
            select(TranslationSegment.id, TranslationSegment.segment_id).where(
                TranslationSegment.translation_id == translation.id
            )
        ).all()
    )
