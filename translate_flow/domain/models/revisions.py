"""The append-only history of each translated segment: every text anyone sent, and how."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from translate_flow.domain.models.base import Base, state_column_type, utcnow


class RevisionOrigin(StrEnum):
    """How a text came to be in the history."""

    TYPED = "typed"  # the translator (or a coordinator) saved it
    REVIEWER = "reviewer"  # the reviewer edited it during review
    MERGED = "merged"  # two concurrent edits merged automatically
    CONFLICT = "conflict"  # sent on an old version and refused: kept here, not applied
    KEPT_AFTER_CONFLICT = "kept_after_conflict"  # chosen in the conflict chooser
    RESTORED = "restored"  # an older revision brought back
    PREFILLED = "prefilled"  # filled from an exact memory match, for the translator to check
    # A whole-article machine draft: saved as such, never marked done, for a person to edit.
    MACHINE_DRAFT = "machine_draft"


class SegmentRevision(Base):
    """One text of one translated segment; rows are never updated.

    `version` is the segment version this text became; None for a text that never was the
    segment's text as it stands (refused after a conflict, or merged into another).
    The text of the segment at version v is that of the latest revision with version ≤ v:
    only `services.editing` writes translated text, and it records every change here.
    """

    __tablename__ = "segment_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    translation_segment_id: Mapped[int] = mapped_column(
        ForeignKey("translation_segments.id", ondelete="CASCADE")
    )
    translation_id: Mapped[int] = mapped_column(ForeignKey("translations.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    origin: Mapped[RevisionOrigin] = mapped_column(
        state_column_type(RevisionOrigin, "revision_origin")
    )
    text: Mapped[str] = mapped_column(Text)
    version: Mapped[int | None]
    base_version: Mapped[int]  # the version the author was editing
    # For a restored text: the revision it came from.
    restored_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("segment_revisions.id", ondelete="SET NULL")
    )
    # What the author inserted this text from, when a suggestion: "memory" or "machine".
    # From memory: the unit's id (no foreign key: the history outlives a deleted unit) and the
    # score the suggestion had then. From a machine: the engine's name (no foreign key either:
    # an environment engine has no row) and its text as inserted, which the machine's share
    # of a submitted text is measured against.
    suggestion_kind: Mapped[str | None] = mapped_column(String(20))
    suggestion_unit_id: Mapped[int | None]
    suggestion_score: Mapped[int | None]
    suggestion_engine: Mapped[str | None] = mapped_column(String(40))
    suggestion_text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        # A segment's history in order, and the text as of a version (the merge's base).
        Index("ix_segment_revisions_segment", "translation_segment_id", "id"),
        Index("ix_segment_revisions_version", "translation_segment_id", "version"),
        # Reviewer edits of a translation, whole-translation activity.
        Index("ix_segment_revisions_translation", "translation_id", "id"),
    )

    @property
    def was_applied(self) -> bool:
        return self.version is not None
