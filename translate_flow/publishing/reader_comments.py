"""Readers' comments on published translations: held for moderation, approved, answered or
deleted by coordinators; the translator hears of each one approved on their work."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from translate_flow.core.errors import NotFound, PermissionDenied, ValidationFailed
from translate_flow.core.paging import Page, paginate
from translate_flow.domain.audit import record_event
from translate_flow.domain.models import (
    Publication,
    ReaderComment,
    ReaderCommentStatus,
    User,
    utcnow,
)
from translate_flow.domain.permissions import can_moderate_comments

MAX_BODY = 3_000
MAX_NAME = 100
# Good enough to catch a typo; whether it is real is not ours to know.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
QUEUE_PER_PAGE = 30


@dataclass(frozen=True)
class ReaderInput:
    name: str
    email: str
    body: str


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", _CONTROL.sub("", text.replace("\r\n", "\n"))).strip()


def validate(data: ReaderInput) -> ReaderInput:
    """The comment as it will be stored, or ValidationFailed with what to fix."""
    name, email, body = _clean(data.name), _clean(data.email), _clean(data.body)
    problems = []
    if not name:
        problems.append("Give a name to sign the comment with.")
    elif len(name) > MAX_NAME:
        problems.append(f"Keep the name under {MAX_NAME} characters.")
    if email and (len(email) > 254 or not _EMAIL.match(email)):
        problems.append("That e-mail address does not look right (it is optional).")
    if not body:
        problems.append("Write something in the comment.")
    elif len(body) > MAX_BODY:
        problems.append(f"Keep the comment under {MAX_BODY:,} characters; it has {len(body):,}.")
    if problems:
        raise ValidationFailed(" ".join(problems))
    return ReaderInput(name, email, body)


def submit(
    session: Session, publication: Publication, data: ReaderInput, *, now: datetime | None = None
) -> ReaderComment:
    """A reader's comment, held until a coordinator approves it."""
    if not publication.is_live:
        raise NotFound("This translation has been taken down.")
    clean = validate(data)
    comment = ReaderComment(
        publication_id=publication.id,
        name=clean.name,
        email=clean.email,
        body=clean.body,
        status=ReaderCommentStatus.PENDING,
        created_at=now or utcnow(),
    )
    session.add(comment)
    session.flush()
    return comment


def approved(session: Session, publication: Publication) -> list[ReaderComment]:
    """What the page shows: approved comments and the desk's replies, oldest first."""
    return list(
        session.scalars(
            select(ReaderComment)
            .where(
                ReaderComment.publication_id == publication.id,
                ReaderComment.status == ReaderCommentStatus.APPROVED,
            )
            .order_by(ReaderComment.id)
        )
    )


def queue(session: Session, status: ReaderCommentStatus, *, page: int = 1) -> Page[ReaderComment]:
    query = (
        select(ReaderComment)
        .where(ReaderComment.status == status)
        .options(joinedload(ReaderComment.publication))
    )
    order = ReaderComment.id if status == ReaderCommentStatus.PENDING else ReaderComment.id.desc()
    return paginate(session, query, order, page=page, per_page=QUEUE_PER_PAGE)


def get(session: Session, comment_id: int) -> ReaderComment:
    comment = session.get(ReaderComment, comment_id)
    if comment is None:
        raise NotFound("There is no such comment.")
    return comment


def _moderator(user: User) -> None:
    if not can_moderate_comments(user):
        raise PermissionDenied("Only coordinators moderate readers' comments.")


def moderate(
    session: Session,
    user: User,
    comment: ReaderComment,
    status: ReaderCommentStatus,
    *,
    now: datetime | None = None,
) -> bool:
    """Approve or delete a comment; True when it was newly approved (the translator is told)."""
    _moderator(user)
    if status == ReaderCommentStatus.PENDING:
        raise ValidationFailed("A comment is approved or deleted.")
    newly_approved = (
        status == ReaderCommentStatus.APPROVED and comment.status != ReaderCommentStatus.APPROVED
    )
    comment.status = status
    comment.moderated_at = now or utcnow()
    comment.moderated_by_id = user.id
    record_event(
        session,
        f"reader_comment:{status.value}",
        actor=user,
        subject_type="publication",
        subject_id=comment.publication_id,
        comment_id=comment.id,
    )
    session.flush()
    return newly_approved and comment.author_id is None


def reply(
    session: Session, user: User, comment: ReaderComment, body: str, *, now: datetime | None = None
) -> tuple[ReaderComment, bool]:
    """The desk's answer to a reader, shown at once under the site's name; True when answering
    also approved the reader's comment (the translator is told)."""
    _moderator(user)
    text = _clean(body)
    if not text:
        raise ValidationFailed("Write something in the reply.")
    if len(text) > MAX_BODY:
        raise ValidationFailed(f"Keep the reply under {MAX_BODY:,} characters.")
    moment = now or utcnow()
    approved_now = False
    if comment.status != ReaderCommentStatus.APPROVED:
        approved_now = moderate(session, user, comment, ReaderCommentStatus.APPROVED, now=moment)
    answer = ReaderComment(
        publication_id=comment.publication_id,
        parent_id=comment.id,
        name=user.display_name,
        body=text,
        status=ReaderCommentStatus.APPROVED,
        author_id=user.id,
        created_at=moment,
        moderated_at=moment,
        moderated_by_id=user.id,
    )
    session.add(answer)
    session.flush()
    return answer, approved_now
