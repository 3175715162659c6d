"""Reading a segment's history, and bringing an older text back."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from translate_flow.core.errors import ValidationFailed
from translate_flow.domain.models import (
    MachineEngine,
    RevisionOrigin,
    SegmentRevision,
    Translation,
    TranslationSegment,
    User,
)
from translate_flow.editing.comparing import get_revision
from translate_flow.editing.saving import SaveOutcome, save_segment
from translate_flow.machine.configured import kind_label, load_engine_kinds

# How a history line reads after the author's name.
ORIGIN_WORDS = {
    RevisionOrigin.TYPED: "typed",
    RevisionOrigin.REVIEWER: "edited in review",
    RevisionOrigin.MERGED: "merged with a concurrent edit",
    RevisionOrigin.CONFLICT: "sent on an older version: kept here, not applied",
    RevisionOrigin.KEPT_AFTER_CONFLICT: "kept after a conflict",
    RevisionOrigin.RESTORED: "restored an earlier revision",
    RevisionOrigin.PREFILLED: "filled from memory, to check",
    RevisionOrigin.MACHINE_DRAFT: "drafted by machine translation, to edit",
}
SUGGESTION_WORDS = {"memory": "from memory", "machine": "from machine translation"}


@dataclass(frozen=True)
class RevisionLine:
    revision: SegmentRevision
    author: str | None
    engine_label: str | None = None  # a machine suggestion's engine, as people know it

    @property
    def words(self) -> str:
        """ "typed, from memory (97%)", "typed, from machine translation (Apertium)": how the
        text came, and what it was inserted from."""
        revision = self.revision
        words = ORIGIN_WORDS[revision.origin]
        kind = revision.suggestion_kind
        if kind == "machine":
            engine = self.engine_label or revision.suggestion_engine
            if revision.origin is RevisionOrigin.MACHINE_DRAFT:
                return f"{words} ({engine})" if engine else words
            return f"{words}, {SUGGESTION_WORDS[kind]}" + (f" ({engine})" if engine else "")
        if kind is None or revision.origin is RevisionOrigin.PREFILLED:
            return words if kind is None else f"{words} ({revision.suggestion_score}%)"
        score = revision.suggestion_score
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


def engine_labels(session: Session, names: set[str]) -> dict[str, str]:
    """How people know the engines of these names: an admin's label for an engine added on
    the admin page, the kind's label ("Apertium") for one the environment configures."""
    if not names:
        return {}
    labels = dict(
        session.execute(
            select(MachineEngine.name, MachineEngine.label).where(MachineEngine.name.in_(names))
        ).all()
    )
    load_engine_kinds()
    return {name: labels.get(name) or kind_label(name) for name in names}


def revision_lines(session: Session, row: TranslationSegment) -> list[RevisionLine]:
    revisions, names = revision_rows(session, row)
    labels = engine_labels(
        session, {r.suggestion_engine for r in revisions if r.suggestion_engine is not None}
    )
    return [
        RevisionLine(
            r,
            names.get(r.author_id) if r.author_id is not None else None,
            labels.get(r.suggestion_engine) if r.suggestion_engine is not None else None,
        )
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
