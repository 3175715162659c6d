"""Translations of an article into one target language, and their text segment by segment."""

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Index, Select, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

if TYPE_CHECKING:
    from translate_flow.domain.models.people import User

from translate_flow.domain.models.articles import Article, Segment
from translate_flow.domain.models.base import Base, state_column_type, utcnow


class TranslationState(StrEnum):
    """Where a translation stands; the one state column (see ARCHITECTURE.md, Workflow)."""

    OPEN = "open"  # in the pool, nobody has it
    DRAFT = "draft"  # claimed or assigned, being translated
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        """The state as pages show it: "in review"."""
        return self.value.replace("_", " ")


class Translation(Base):
    __tablename__ = "translations"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    # The article's language, copied (and kept in step when the article's is corrected, see
    # services.articles): the board and the pools count and filter by pair from this table's
    # own index; joining every open item to its article took most of the board's time.
    source_language: Mapped[str] = mapped_column(String(20))
    target_language: Mapped[str] = mapped_column(String(20))
    state: Mapped[TranslationState] = mapped_column(
        state_column_type(TranslationState, "translation_state"), default=TranslationState.OPEN
    )
    # The source revision the translation is aligned with; corrections move it forward.
    source_revision_id: Mapped[int] = mapped_column(ForeignKey("source_revisions.id"))
    translator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    due_at: Mapped[datetime | None]
    # When the current translator took it (claim or assignment): expiry counts from here.
    claimed_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime | None]
    # Claim-expiry notices already sent for the current claim (cleared on a new claim).
    reminded_at: Mapped[datetime | None]
    nudged_at: Mapped[datetime | None]
    # A publication planned for later (approved translations): the tick publishes it then,
    # as the person who planned it.
    publish_at: Mapped[datetime | None]
    publish_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # A reviewer's proposal to move `due_at`, waiting for a coordinator to accept or decline:
    # the due date is the coordinator's, so sending work back no longer replaces it.
    proposed_due_at: Mapped[datetime | None]
    proposed_due_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    article: Mapped[Article] = relationship()
    translator: Mapped["User | None"] = relationship(foreign_keys=[translator_id])
    reviewer: Mapped["User | None"] = relationship(foreign_keys=[reviewer_id])
    proposed_due_by: Mapped["User | None"] = relationship(foreign_keys=[proposed_due_by_id])
    # In the order the rows were made, which is the source's order when the translation is
    # opened (rows added by a later correction of the source come after); without an
    # ORDER BY, PostgreSQL returns them in whatever order its last plan and updates left.
    segments: Mapped[list["TranslationSegment"]] = relationship(
        back_populates="translation",
        cascade="all, delete-orphan",
        order_by="TranslationSegment.id",
    )

    __table_args__ = (
        UniqueConstraint("article_id", "target_language"),
        Index("ix_translations_state", "state", "target_language"),
        # The board's dated cards of each state in its order, earliest due first (complete, so
        # that a column's deep page skips through the index without sorting ties).
        Index("ix_translations_due", "state", "due_at", "created_at", "id"),
        # The board's undated cards of each state, oldest first.
        Index("ix_translations_created", "state", "created_at", "id"),
        # The board's finished columns (published, unpublished, withdrawn), latest change first.
        Index("ix_translations_updated", "state", "updated_at", "id"),
        # The languages translations exist in, read by skipping from one to the next.
        Index("ix_translations_target_language", "target_language"),
        # Items by state and pair, oldest first: the board's coverage strip and the pools.
        Index("ix_translations_pair", "state", "source_language", "target_language", "created_at"),
    )


class TranslationSegment(Base):
    """The translated text of one source segment; `version` guards against stale saves."""

    __tablename__ = "translation_segments"

    id: Mapped[int] = mapped_column(primary_key=True)
    translation_id: Mapped[int] = mapped_column(ForeignKey("translations.id", ondelete="CASCADE"))
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id"), index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=0)
    # The translator's explicit "leave this untranslated" (a byline, a quote kept in the
    # original): counts as done for submitting.
    leave_untranslated: Mapped[bool] = mapped_column(default=False)
    # The translator's "this segment is finished" (Ctrl+Enter in the editor). A change of
    # text clears it unless the save says otherwise, as confirmed segments work in CAT tools.
    is_done: Mapped[bool] = mapped_column(default=False)
    # The source segment the text was translated from, while that differs from the
    # current one: the source was corrected and the translator has not caught up yet.
    source_changed_from_id: Mapped[int | None] = mapped_column(ForeignKey("segments.id"))
    # Set when a correction removed the source segment: the text is kept, out of the way.
    set_aside_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    translation: Mapped[Translation] = relationship(back_populates="segments")
    segment: Mapped[Segment] = relationship(foreign_keys=[segment_id])
    source_changed_from: Mapped[Segment | None] = relationship(
        foreign_keys=[source_changed_from_id]
    )

    __table_args__ = (UniqueConstraint("translation_id", "segment_id"),)

    @property
    def is_source_changed(self) -> bool:
        return self.source_changed_from_id is not None

    @property
    def is_set_aside(self) -> bool:
        return self.set_aside_at is not None

    @staticmethod
    def active_in(translation_id: int, *columns: Any) -> Select[Any]:
        """`columns` of a translation's rows that are not set aside, with their source segment
        joined, in reading order."""
        return (
            select(*columns)
            .select_from(TranslationSegment)
            .join(Segment, Segment.id == TranslationSegment.segment_id)
            .where(
                TranslationSegment.translation_id == translation_id,
                TranslationSegment.set_aside_at.is_(None),
            )
            .order_by(Segment.position)
        )


class Snapshot(Base):
    """The whole translation frozen when its text matters: submit, review decisions, publish."""

    __tablename__ = "snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    translation_id: Mapped[int] = mapped_column(
        ForeignKey("translations.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(40))  # the workflow action that took it
    state: Mapped[TranslationState] = mapped_column(
        state_column_type(TranslationState, "snapshot_state")
    )
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    source_revision_id: Mapped[int] = mapped_column(ForeignKey("source_revisions.id"))
    # [{"segment_id", "position", "kind", "source", "text", "leave_untranslated"}, ...]
    segments: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReviewSeen(Base):
    """A person has read what the reviewer changed, up to one review decision's snapshot."""

    __tablename__ = "review_seen"

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("snapshots.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("snapshot_id", "user_id"),)
