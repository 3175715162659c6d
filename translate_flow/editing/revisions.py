"""Reading a segment's history, and bringing an older text back."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.core.errors import ValidationFailed
from translate_flow.domain.models import (
    RevisionOrigin,
    SegmentRevision,
    Translation,
    TranslationSegment,
    User,
)
from translate_flow.editing.comparing import get_revision
from translate_flow.editing.saving import SaveOutcome, save_segment

# How a history line reads after the author's name.
ORIGIN_WORDS = {
    RevisionOrigin.TYPED: "typed",
    RevisionOrigin.REVIEWER: "edited in review",
    RevisionOrigin.MERGED: "merged with a concurrent edit",
    RevisionOrigin.CONFLICT: "sent on an older version: kept here, not applied",
    RevisionOrigin.KEPT_AFTER_CONFLICT: "kept after a conflict",
    RevisionOrigin.RESTORED: "restored an earlier revision",
    RevisionOrigin.PREFILLED: "filled from memory, to check",
}
SUGGESTION_WORDS = {"memory": "from memory"}


@dataclass(frozen=True)
class RevisionLine:
    revision: SegmentRevision
    author: str | None

    @property
    def words(self) -> str:
        """ "typed, from memory (97%)": how the text came, and what it was inserted from."""
        words = ORIGIN_WORDS[self.revision.origin]
        kind = self.revision.suggestion_kind
        if kind is None or self.revision.origin is RevisionOrigin.PREFILLED:
            return words if kind is None else f"{words} ({self.revision.suggestion_score}%)"
        score = self.revision.suggestion_score
        said = SUGGESTION_WORDS.get(kind, kind)
        return f"{words}, {said}" + (f" ({score}%)" if score is not None else "")


def revision_rows(
    session: Session, row: TranslationSegment
) -> tuple[list[SegmentRevision], dict[int, str]]:
    """The segment's revisions, newest first, and the names of their authors."""
    revisions = list(
        session.scalars(
            select(SegmentRevision)
            .where(SegmentRevision.translation_segment_id == row.id)
            .order_by(SegmentRevision.id.desc())
        )
    )
    ids = {r.author_id for r in revisions if r.author_id is not None}
    names: dict[int, str] = {}
    if ids:
        names = dict(
            session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all()
        )
    return revisions, names


def revision_lines(session: Session, row: TranslationSegment) -> list[RevisionLine]:
    revisions, names = revision_rows(session, row)
    return [
        RevisionLine(r, names.get(r.author_id) if r.author_id is not None else None)
        for r in revisions
    ]


def restore_revision(
    session: Session,
    user: User,
    translation: Translation,
    revision_id: int,
    *,
    base_version: int,
) -> SaveOutcome:
    """Save an older revision's text as the segment's new text (a new revision)."""
    revision = get_revision(session, translation, revision_id)
    row = session.get(TranslationSegment, revision.translation_segment_id)
    assert row is not None
    if row.set_aside_at is not None:
        raise ValidationFailed("This segment was set aside by a source correction.")
    return save_segment(
        session,
        user,
        translation,
        row.segment_id,
        text=revision.text,
        base_version=base_version,
        restored_from=revision,
    )
