"""Rollups of the event history that the statistics read: derived rows, rebuildable at any time.

Every row here is a function of the history (events, snapshots, segment revisions) and of the
translation's article; `statistics.rollup` writes them and can throw them away and write them
again. Nothing else writes them, and nothing on the desk reads them but the statistics.

Pair, outlet and translator are copied onto each row so that a period with filters is one
indexed range query, never a join to the translations and articles of the whole period.
"""

from datetime import date, datetime

from sqlalchemy import Float, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from translate_flow.domain.models.base import Base


class StatisticsTranslation(Base):
    """One translation's milestones: when it came in, was first held, first published."""

    __tablename__ = "statistics_translations"

    translation_id: Mapped[int] = mapped_column(
        ForeignKey("translations.id", ondelete="CASCADE"), primary_key=True
    )
    article_id: Mapped[int]
    outlet_id: Mapped[int | None]
    source_language: Mapped[str] = mapped_column(String(20))
    target_language: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime]
    created_on: Mapped[date]
    # The first person to hold it (claim or assignment): whose item it was from the start.
    first_translator_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    first_claimed_at: Mapped[datetime | None]
    first_published_at: Mapped[datetime | None]
    first_published_on: Mapped[date | None]
    # The translator on record when it was first published, and the snapshot published then.
    published_translator_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    published_snapshot_id: Mapped[int | None]
    published_words: Mapped[int | None]

    __table_args__ = (
        Index("ix_statistics_translations_created", "created_on", "source_language"),
        Index("ix_statistics_translations_published", "first_published_on", "source_language"),
        Index(
            "ix_statistics_translations_translator",
            "published_translator_id",
            "first_published_on",
        ),
    )


class StatisticsMove(Base):
    """One counted event of a translation: a claim, submission, decision, first publication,
    release or expiry, with what the figures need of it."""

    __tablename__ = "statistics_moves"

    event_id: Mapped[int] = mapped_column(primary_key=True)
    translation_id: Mapped[int] = mapped_column(ForeignKey("translations.id", ondelete="CASCADE"))
    # claim (claims and assignments), submit, approve, request_changes, publish (the first
    # only), released (by a person), expired (by the clock).
    kind: Mapped[str] = mapped_column(String(20))
    happened_at: Mapped[datetime]
    happened_on: Mapped[date]
    source_language: Mapped[str] = mapped_column(String(20))
    target_language: Mapped[str] = mapped_column(String(20))
    outlet_id: Mapped[int | None]
    # The translator holding the translation when it happened (for a claim: the new holder).
    translator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    words: Mapped[int] = mapped_column(default=0)  # submit: the source words submitted
    # submit, when the first after a claim with a due date: whether it was on time.
    on_time: Mapped[bool | None]
    rounds: Mapped[int | None]  # approve: submissions since the last approval
    change_reason: Mapped[str | None] = mapped_column(String(20))  # request_changes
    # approve, request_changes: characters the reviewer changed, of those compared (the
    # submitted and the decided text); NULL when a snapshot to compare is missing.
    changed_chars: Mapped[int | None]
    compared_chars: Mapped[int | None]

    __table_args__ = (
        Index("ix_statistics_moves_kind", "kind", "happened_on", "source_language"),
        Index("ix_statistics_moves_translator", "translator_id", "kind", "happened_on"),
        Index("ix_statistics_moves_translation", "translation_id"),
    )


class StatisticsStretch(Base):
    """One stretch of a translation's path (intake → claim, claim → submit, …), counted in the
    period in which it ended."""

    __tablename__ = "statistics_stretches"

    id: Mapped[int] = mapped_column(primary_key=True)
    translation_id: Mapped[int] = mapped_column(ForeignKey("translations.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime]
    ended_on: Mapped[date]
    hours: Mapped[float] = mapped_column(Float)
    source_language: Mapped[str] = mapped_column(String(20))
    target_language: Mapped[str] = mapped_column(String(20))
    outlet_id: Mapped[int | None]
    translator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    __table_args__ = (
        Index(
            "ix_statistics_stretches_kind",
            "kind",
            "ended_on",
            "hours",
            "source_language",
            "target_language",
        ),
        Index("ix_statistics_stretches_translation", "translation_id"),
        Index("ix_statistics_stretches_translator", "translator_id", "kind", "ended_on"),
    )


class StatisticsSaves(Base):
    """Segment saves of one translation by one person on one day, and the suggestions inserted."""

    __tablename__ = "statistics_saves"

    id: Mapped[int] = mapped_column(primary_key=True)
    translation_id: Mapped[int] = mapped_column(ForeignKey("translations.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    saved_on: Mapped[date]
    source_language: Mapped[str] = mapped_column(String(20))
    target_language: Mapped[str] = mapped_column(String(20))
    outlet_id: Mapped[int | None]
    saves: Mapped[int] = mapped_column(default=0)
    memory_insertions: Mapped[int] = mapped_column(default=0)
    machine_insertions: Mapped[int] = mapped_column(default=0)

    __table_args__ = (
        Index("ix_statistics_saves_day", "saved_on", "source_language"),
        Index("ix_statistics_saves_key", "translation_id", "saved_on", "author_id"),
    )


class StatisticsMark(Base):
    """How far the rollups have read a history table: the highest id taken in."""

    __tablename__ = "statistics_marks"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    last_id: Mapped[int] = mapped_column(default=0)
